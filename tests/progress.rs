//! The progress display: drawn on a terminal once a scan takes a moment,
//! forced with `--progress always`, and absent when stderr is piped, with
//! `--quiet`, with `CI` set, or with `--progress never`.

mod support;

use support::*;

/// Whether `text` holds a frame of the progress display (the walk's
/// spinner or the bar), which nothing else writes.
fn shows_progress(text: &str) -> bool {
    text.contains("walking: ") || text.contains(" files (")
}

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
    // The final counts are always drawn: 3 files, 3 scanned, 3 findings.
    assert!(err.contains("] 3/3 files (3 scanned, 3 findings)"), "{err}");
    // The report on stdout is untouched by it.
    assert!(!shows_progress(&stdout(&o)));
    // The display is cleared before the closing summary.
    let summary = err.find("tlsfloor: ").unwrap_or(0);
    assert!(!shows_progress(&err[summary..]), "{err}");
    assert!(err[..summary].ends_with("\r\x1b[2K"), "{err:?}");
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
        assert!(!shows_progress(&err), "{args:?}: {err}");
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
    assert!(shows_progress(&shown), "{shown}");
    assert!(shown.contains("/150 files ("), "{shown}");

    let ci = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never"],
        &[("CI", "true")],
    );
    assert!(!shows_progress(&ci), "{ci}");
    assert!(ci.contains("tlsfloor: 150 files seen"), "{ci}");

    let quiet = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never", "-q"],
        &[],
    );
    assert!(!shows_progress(&quiet), "{quiet}");

    let never = run_on_terminal(
        &script,
        dir.path(),
        &["scan", ".", "--fail-on", "never", "--progress", "never"],
        &[],
    );
    assert!(!shows_progress(&never), "{never}");
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
    assert!(!shows_progress(&shown), "{shown}");
}
