//! The samples are the specification: every file under `samples/` states
//! the findings it must produce, and this test fails on any missing or
//! extra finding, on any sample that states nothing, and on any error
//! notification. The checking is `tlsfloor verify` (`src/verify.rs`, where
//! the annotation syntax is documented), run in-process over the whole tree
//! with the built-in policies and the default (mail) scope.

use std::path::Path;
use tlsfloor::policy::PolicySet;

#[test]
fn samples_produce_exactly_the_findings_they_state() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let policies = PolicySet::load(&[]).unwrap_or_else(|e| panic!("policies: {e}"));
    let outcome =
        tlsfloor::verify::run(&root, &policies, "mail").unwrap_or_else(|e| panic!("verify: {e}"));
    assert!(outcome.files > 100, "too few samples: {}", outcome.files);
    assert!(
        outcome.problems.is_empty(),
        "samples disagree with their expectations:\n{}",
        outcome.problems.join("\n")
    );
}
