//! Errors a person can act on: one line saying what went wrong and where,
//! then a hint saying what to do about it. Never a backtrace or a `Debug`
//! dump; the CLI prints them as `tlsfloor: error: ...` and exits with 2.

use crate::scan::ScanError;
use std::path::PathBuf;

/// Checks the `--policy` folders before anything is compiled, so that a
/// typo in a path is not reported as a broken policy.
pub fn check_policy_dirs(dirs: &[PathBuf]) -> Result<(), String> {
    for dir in dirs {
        let problem = match std::fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => "is not a folder".to_owned(),
            Err(e) => format!("cannot be read: {e}"),
        };
        return Err(format!(
            "--policy {}: {problem}\n  hint: --policy takes a folder holding your .rego rules (and JSON/YAML data); see policies/README.md",
            dir.display()
        ));
    }
    Ok(())
}

/// A policy that does not load: the compiler's place and message, and
/// how to see more.
pub fn policy(message: &str) -> String {
    format!(
        "{message}\n  hint: fix the policy, or run `tlsfloor test --policy DIR` to see its errors"
    )
}

/// A scan that could not run.
pub fn scan(error: &ScanError) -> String {
    match error {
        ScanError::Root(message) => format!(
            "{message}\n  hint: give files or folders that exist and that you can read (default: the current folder)"
        ),
        ScanError::Policy(e) => policy(&e.to_string()),
        ScanError::Internal(message) => format!(
            "{message}\n  hint: this is a bug in tlsfloor; please report it with the command line you ran"
        ),
    }
}
