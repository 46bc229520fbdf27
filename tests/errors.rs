//! Errors a person can act on: a bad --policy folder, an unknown --format,
//! an unreadable scan root and a policy that does not compile each give
//! one line saying what and where, a hint, and exit code 2; never a
//! backtrace or a Debug dump.

mod support;

use support::*;

/// The error text, checked for what every error must (not) have.
fn error_of(dir: &std::path::Path, args: &[&str]) -> String {
    let o = run_in(dir, args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert_eq!(stdout(&o), "", "{args:?}");
    let err = stderr(&o);
    for bad in ["panicked", "RUST_BACKTRACE", "Os {", "Error {", "kind:"] {
        assert!(!err.contains(bad), "{args:?}: {bad} in {err}");
    }
    err
}

#[test]
fn a_missing_policy_folder_names_it_with_a_hint() {
    let dir = tempdir();
    let err = error_of(dir.path(), &["scan", ".", "--policy", "no-such-policies"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("tlsfloor: error: --policy no-such-policies: cannot be read"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("  hint: --policy takes a folder"),
        "{err}"
    );

    write(dir.path(), "rules.rego", "package x\n");
    let err = error_of(dir.path(), &["scan", ".", "--policy", "rules.rego"]);
    assert!(
        err.contains("--policy rules.rego: is not a folder"),
        "{err}"
    );
}

#[test]
fn an_unknown_format_lists_the_formats() {
    let dir = tempdir();
    let err = error_of(dir.path(), &["scan", ".", "--format", "xml"]);
    assert!(
        err.contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: text, sarif, json]"),
        "{err}"
    );
}

#[test]
fn an_unreadable_root_names_it_with_a_hint() {
    let dir = tempdir();
    let err = error_of(dir.path(), &["scan", "missing-folder"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("tlsfloor: error: cannot read scan root missing-folder: "),
        "{err}"
    );
    assert!(lines[1].starts_with("  hint: "), "{err}");
    let err = error_of(dir.path(), &["facts", "missing-folder"]);
    assert!(
        err.contains("cannot read scan root missing-folder"),
        "{err}"
    );
}

#[test]
fn a_policy_that_does_not_compile_gives_file_line_column_and_message() {
    let dir = tempdir();
    write(
        dir.path(),
        "policy/broken.rego",
        "package acme.broken\n\nimport rego.v1\n\nfindings contains f if {\n  f := \n}\n",
    );
    let err = error_of(dir.path(), &["scan", ".", "--policy", "policy"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("tlsfloor: error: policy policy/broken.rego:6:5: expecting"),
        "{err}"
    );
    assert!(lines[1].contains("tlsfloor test --policy"), "{err}");

    // Bad metadata is named by file and line too.
    write(
        dir.path(),
        "policy/broken.rego",
        "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: X1\n#   name: x\n#   level: fatal\npackage acme.broken\n",
    );
    let err = error_of(dir.path(), &["scan", ".", "--policy", "policy"]);
    assert!(
        err.contains("policy/broken.rego:1: METADATA custom.level"),
        "{err}"
    );
}
