//! The text report made for a terminal: `path:line:col: LEVEL RULE problem`,
//! the redacted source line with the offending value underlined, the
//! remedy, a one-line count; colour only on a terminal, `NO_COLOR` and
//! `--color` honoured; and the closing summary on stderr.

mod support;

use support::*;

const LEGACY_URL: &str = "#!/bin/sh\n# nightly invoice fetch\nURL=\"imaps://billing:Hunter2pw@imap-legacy.office365.com:993/INBOX\"\ncurl --ssl-reqd \"$URL\" -o /var/spool/fetch/inbox\n";

#[test]
fn a_finding_has_its_place_line_underline_remedy_and_a_count() {
    let dir = tempdir();
    write(dir.path(), "fetch.sh", LEGACY_URL);
    let o = run_in(dir.path(), &["scan", "fetch.sh"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.starts_with("fetch.sh:3:") && l.contains(" error TLS007 "))
        .unwrap_or_else(|| panic!("no TLS007 header:\n{out}"));
    let header = lines[head];
    assert!(header.contains("imap-legacy.office365.com"), "{header}");
    // The header holds the problem; the remedy has its own line.
    assert!(!header.contains("Fix:"), "{header}");
    let column: usize = header
        .split(':')
        .nth(2)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column in {header}"));

    // Gutter, source line, underline.
    assert_eq!(lines[head + 1].trim(), "|");
    let source = lines[head + 2];
    let snippet = source
        .split_once(" | ")
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("no source line: {source}"));
    assert!(source.trim_start().starts_with("3 | "), "{source}");
    // Redacted: the password never reaches the output.
    assert!(!out.contains("Hunter2pw"), "{out}");
    assert!(snippet.contains("billing:****@"), "{snippet}");
    let underline = lines[head + 3];
    let bar = underline.find('|').unwrap_or(0);
    let carets = &underline[bar + 2..];
    let start = carets
        .find('^')
        .unwrap_or_else(|| panic!("no carets: {underline}"));
    let width = carets.trim().len();
    assert!(carets.trim().chars().all(|c| c == '^'), "{underline}");
    // The carets sit under the URL (the rule's location), shown redacted.
    let url = "imaps://billing:****@imap-legacy.office365.com:993/INBOX";
    assert_eq!(
        snippet.get(start..start + width),
        Some(url),
        "{snippet}\n{carets}"
    );
    // The header's column is the URL's column in the file.
    let file_line = LEGACY_URL.lines().nth(2).unwrap_or("");
    assert_eq!(file_line.find("imaps://").map(|i| i + 1), Some(column));

    let fix = lines[head + 4..]
        .iter()
        .find(|l| l.trim_start().starts_with("= fix: "))
        .unwrap_or_else(|| panic!("no remedy line:\n{out}"));
    assert!(fix.contains("outlook.office365.com"), "{fix}");
    assert_eq!(lines.last().copied(), Some("1 error in 1 file"));
}

#[test]
fn no_colour_when_piped_or_with_no_color_colour_when_forced() {
    let dir = tempdir();
    write(dir.path(), "fetch.sh", LEGACY_URL);
    let piped = run_in(dir.path(), &["scan", "."]);
    assert!(!stdout(&piped).contains('\x1b'));
    assert!(!stderr(&piped).contains('\x1b'));
    let forced = run_in(dir.path(), &["scan", ".", "--color", "always"]);
    assert!(
        stdout(&forced).contains("\x1b[1;31merror\x1b[0m"),
        "{}",
        stdout(&forced)
    );
    let no_color_forced = bin()
        .current_dir(dir.path())
        .args(["scan", ".", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stdout(&no_color_forced).contains('\x1b'),
        "--color always beats NO_COLOR"
    );

    let Some(script) = script() else { return };
    let terminal = run_on_terminal(&script, dir.path(), &["scan", "."], &[]);
    assert!(terminal.contains("\x1b[1;31merror\x1b[0m"), "{terminal}");
    let no_color = run_on_terminal(&script, dir.path(), &["scan", "."], &[("NO_COLOR", "1")]);
    assert!(no_color.contains("error TLS007"), "{no_color}");
    assert!(!no_color.contains("\x1b[1;31m"), "{no_color}");
    let never = run_on_terminal(&script, dir.path(), &["scan", ".", "--color", "never"], &[]);
    assert!(!never.contains("\x1b[1;31m"), "{never}");
}

#[test]
fn the_closing_summary_counts_files_findings_and_explains_the_exit_code() {
    let dir = tempdir();
    write(dir.path(), "fetch.sh", LEGACY_URL);
    write(
        dir.path(),
        ".mbsyncrc",
        "IMAPAccount work\nHost outlook.office365.com\nUser jane@contoso.com\nTLSType IMAPS\nTLSVersions +1.0 +1.1\n",
    );
    write(
        dir.path(),
        "logo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let o = run_in(dir.path(), &["scan", "."]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("tlsfloor: 3 files seen: 2 scanned, 1 skipped (1 binary), 0 failed"),
        "{err}"
    );
    assert!(
        err.contains("tlsfloor: 2 findings: 1 error, 1 warning; by rule: TLS002 1, TLS007 1"),
        "{err}"
    );
    assert!(
        err.contains("tlsfloor: exit 1: findings at or above --fail-on error"),
        "{err}"
    );
    assert!(!err.contains("slowest formats"), "{err}");

    let o = run_in(
        dir.path(),
        &["scan", ".", "--fail-on", "never", "--verbose"],
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("tlsfloor: exit 0: --fail-on never"), "{err}");
    let slowest = err
        .lines()
        .find(|l| l.starts_with("tlsfloor: slowest formats"))
        .unwrap_or_else(|| panic!("no slowest formats:\n{err}"));
    assert!(
        slowest.contains("mbsync ") && slowest.contains(" ms (1 file)"),
        "{slowest}"
    );

    let o = run_in(dir.path(), &["scan", ".", "--fail-on", "never", "-q"]);
    assert_eq!(stderr(&o), "");

    let clean = tempdir();
    write(
        clean.path(),
        "ok.sh",
        "#!/bin/sh\nHOST=outlook.office365.com\n",
    );
    let o = run_in(clean.path(), &["scan", "."]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("tlsfloor: no findings"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("tlsfloor: exit 0: no finding at or above --fail-on error"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn json_carries_the_problem_and_remedy_the_text_shows_apart() {
    let dir = tempdir();
    write(dir.path(), "fetch.sh", LEGACY_URL);
    let o = run_in(dir.path(), &["scan", ".", "-f", "json", "-q"]);
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let f = &report["findings"][0];
    let (problem, remedy, message) = (
        f["problem"].as_str().unwrap_or_default(),
        f["remedy"].as_str().unwrap_or_default(),
        f["message"].as_str().unwrap_or_default(),
    );
    assert!(!problem.is_empty() && !remedy.is_empty(), "{f}");
    assert_eq!(message, format!("{problem} Fix: {remedy}"));
}
