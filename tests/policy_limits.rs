//! A runaway user policy stops the scan with a message naming it (exit 2)
//! instead of hanging a CI job or exhausting its memory.

mod support;

use support::*;

fn rule(id: &str, package: &str, body: &str) -> String {
    format!(
        "# METADATA\n# title: Runaway {id}\n# description: Test rule.\n# custom:\n#   id: {id}\n#   name: runaway-{package}\n#   level: warning\npackage acme.{package}\n\nimport rego.v1\n\nfindings contains {{\"path\": file.path, \"fact\": 0, \"message\": \"x\"}} if {{\n\tsome file in input.files\n\t{body}\n}}\n"
    )
}

fn tree() -> tempfile::TempDir {
    let dir = tempdir();
    write(
        dir.path(),
        "scan/app.env",
        "MAIL_HOST=outlook.office365.com\n",
    );
    write(
        dir.path(),
        "spin/spin.rego",
        rule(
            "X900",
            "spin",
            "count([x | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000); x == y]) > 0",
        ),
    );
    write(
        dir.path(),
        "hog/hog.rego",
        rule("X901", "hog", "count(numbers.range(1, 200000000)) > 1"),
    );
    dir
}

#[test]
fn a_rule_over_the_time_limit_stops_the_scan_naming_it() {
    let dir = tree();
    let started = std::time::Instant::now();
    let o = run_in(
        dir.path(),
        &["scan", "scan", "--policy", "spin", "--policy-timeout", "1"],
    );
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("rule X900 (spin/spin.rego)"), "{err}");
    assert!(err.contains("policy time limit of 1 s"), "{err}");
    assert!(err.contains("scan/app.env"), "{err}");
    assert!(err.contains("--policy-timeout"), "{err}");
}

#[test]
fn a_rule_over_the_memory_limit_stops_the_scan_naming_it() {
    let dir = tree();
    let o = run_in(
        dir.path(),
        &["scan", "scan", "--policy", "hog", "--policy-memory", "64"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("rule X901 (hog/hog.rego)"), "{err}");
    assert!(err.contains("policy memory limit of 64 MiB"), "{err}");
    assert!(err.contains("scan/app.env"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The built-in policies judge every sample well within the defaults, and
/// the defaults are the documented ones.
#[test]
fn defaults_are_documented_and_leave_builtin_policies_alone() {
    let o = run_in(&repo(), &["scan", "--help"]);
    let help = stdout(&o);
    assert!(help.contains("--policy-timeout <SECONDS>"), "{help}");
    assert!(help.contains("[default: 10]"), "{help}");
    assert!(help.contains("--policy-memory <MIB>"), "{help}");
    assert!(help.contains("[default: 512]"), "{help}");
    let o = run_in(
        &repo(),
        &[
            "scan",
            "samples",
            "--policy-timeout",
            "10",
            "--policy-memory",
            "64",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
