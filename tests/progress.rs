//! The progress display: drawn on a terminal once a scan takes a moment,
//! forced with `--progress always`, and absent when stderr is piped, with
//! `--quiet`, with `CI` set, or with `--progress never`.

mod support;

use support::*;

/// Text only the progress display writes.
const MARK: &str = "walked";

fn legacy_tree(files: usize) -> tempfile::TempDir {
    let dir = tempdir();
    for i in 0..files {
        write(
            dir.path(),
            &format!("accounts/a{i}.mbsyncrc"),
            format!(
                "IMAPAccount a{i}\nHost outlook.office365.com\nUser u{i}@contoso.com\nSSLType IMAPS\nSSLVersions TLSv1\n"
            ),
        );
    }
    dir
}

#[test]
fn forced_progress_is_drawn_into_a_pipe_with_the_counts() {
    let dir = legacy_tree(3);
    let o = run_in(
        dir.path(),
        &["scan", ".", "--progress", "always", "--fail-on", "never"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(MARK), "{err}");
    assert!(err.contains("scanned"), "{err}");
    assert!(err.contains("so far"), "{err}");
    // The report on stdout is untouched by it.
    assert!(!stdout(&o).contains(MARK));
    // The display is cleared before the closing summary.
    let summary = err.rfind("tlsfloor: ").unwrap_or(0);
    assert!(!err[summary..].contains(MARK), "{err}");
}

#[test]
fn no_progress_when_piped_quiet_or_never() {
    let dir = legacy_tree(3);
    for args in [
        vec!["scan", ".", "--fail-on", "never"],
        vec!["scan", ".", "--fail-on", "never", "--progress", "auto"],
        vec!["scan", ".", "--fail-on", "never", "--progress", "never"],
        vec!["scan", ".", "--fail-on", "never", "-q"],
    ] {
        let o = run_in(dir.path(), &args);
        let err = stderr(&o);
        assert!(!err.contains(MARK), "{args:?}: {err}");
        assert!(!err.contains('\x1b'), "{args:?}: {err}");
    }
}

#[test]
fn on_a_terminal_progress_shows_for_long_scans_only_outside_ci() {
    let Some(script) = script() else { return };
    // Enough files that the scan takes well over the display's delay.
    let dir = legacy_tree(150);
    let shown = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never"],
        &[],
    );
    assert!(shown.contains(MARK), "{shown}");
    assert!(shown.contains("/150 done"), "{shown}");

    let ci = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never"],
        &[("CI", "true")],
    );
    assert!(!ci.contains(MARK), "{ci}");
    assert!(ci.contains("tlsfloor: 150 files seen"), "{ci}");

    let quiet = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never", "-q"],
        &[],
    );
    assert!(!quiet.contains(MARK), "{quiet}");

    let never = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never", "--progress", "never"],
        &[],
    );
    assert!(!never.contains(MARK), "{never}");
}

#[test]
fn a_quick_scan_on_a_terminal_stays_quiet() {
    let Some(script) = script() else { return };
    // One file without a single TLS setting: read, prefiltered, done in
    // far less than the display's delay.
    let dir = tempdir();
    write(dir.path(), "notes/todo.txt", "water the plants\n");
    let shown = run_on_terminal(&script, dir.path(), &["scan", "."], &[]);
    assert!(shown.contains("tlsfloor: 1 file seen"), "{shown}");
    assert!(!shown.contains(MARK), "{shown}");
}
