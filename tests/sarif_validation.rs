//! The SARIF we write must pass the checks GitHub and the SARIF tooling
//! apply: the official OASIS SARIF 2.1.0 schema and the Microsoft SARIF
//! Multitool's `validate` with its GitHub ingestion rules (GH*). Both run
//! through `tests/tools/validate_sarif.py`; `.ci/install-tools.sh` installs
//! them. Without the tools the test fails in CI and says how to install
//! them elsewhere.

use std::path::Path;
use std::process::Command;

fn validate(sarif_path: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/validate_sarif.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(sarif_path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.code() == Some(3) && std::env::var_os("CI").is_none() {
        eprintln!("SKIPPED SARIF validation (tools missing; run .ci/install-tools.sh):\n{text}");
        return;
    }
    assert_eq!(
        out.status.code(),
        Some(0),
        "SARIF validation failed for {}:\n{text}",
        sarif_path.display()
    );
}

fn scan_to_sarif(root: &Path, args: &[&str], out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_tlsfloor"))
        .current_dir(root)
        .args(["scan", "--format", "sarif", "--output"])
        .arg(out)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"));
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "tlsfloor exited with {status}"
    );
}

#[test]
fn sarif_of_the_samples_is_valid_for_github() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("samples.sarif");
    scan_to_sarif(Path::new(env!("CARGO_MANIFEST_DIR")), &["samples"], &out);
    validate(&out);
}

#[test]
fn sarif_with_notifications_and_no_results_is_valid() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tree = tmp.path().join("tree");
    std::fs::create_dir_all(&tree).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        tree.join("bom.cdx.json"),
        "{\"bomFormat\": \"CycloneDX\", \"components\": [",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(tree.join("big.sh"), "x".repeat(300)).unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("empty.sarif");
    scan_to_sarif(&tree, &["--max-file-size", "100"], &out);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(text.contains("toolExecutionNotifications"), "{text}");
    validate(&out);
}

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tlsfloor"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"))
}

fn write(root: &Path, rel: &str, content: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, content).unwrap_or_else(|e| panic!("{e}"));
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Two accounts, one waived inline: the waiver hides its result from the
/// GitHub SARIF unless `--include-suppressed`, which keeps it marked.
const TWO_ACCOUNTS: &str = "# Mail for the office printer and for Jane\nIMAPAccount printer\nHost outlook.office365.com\nUser scanner@example.com\n# tlsfloor:ignore TLS001 -- printer firmware cannot do TLS 1.2; replaced in ticket OPS-12\nSSLVersions TLSv1\nSSLType IMAPS\n\nIMAPAccount jane\nHost outlook.office365.com\nUser jane@example.com\nSSLVersions TLSv1\nSSLType IMAPS\n";

#[test]
fn github_sarif_has_a_category_one_run_and_leaves_suppressed_results_out() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(tmp.path(), "home/.mbsyncrc", TWO_ACCOUNTS);
    let o = run_in(
        tmp.path(),
        &[
            "scan",
            "home",
            "-f",
            "sarif",
            "-o",
            "gh.sarif",
            "--category",
            "tlsfloor/mail",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let log = read_json(&tmp.path().join("gh.sarif"));
    let runs = log["runs"].as_array().cloned().unwrap_or_default();
    assert_eq!(runs.len(), 1, "one run per file");
    let run = &runs[0];
    assert_eq!(run["automationDetails"]["id"], "tlsfloor/mail/");
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
    assert!(results[0].get("suppressions").is_none());
    validate(&tmp.path().join("gh.sarif"));

    let o = run_in(
        tmp.path(),
        &[
            "scan",
            "home",
            "-f",
            "sarif",
            "-o",
            "all.sarif",
            "--include-suppressed",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let log = read_json(&tmp.path().join("all.sarif"));
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 2, "{results:#?}");
    let waived = &results[0];
    assert_eq!(
        waived["locations"][0]["physicalLocation"]["region"]["startLine"],
        6
    );
    let s = &waived["suppressions"][0];
    assert_eq!(s["kind"], "inSource");
    assert_eq!(s["status"], "accepted");
    assert_eq!(
        s["justification"],
        "printer firmware cannot do TLS 1.2; replaced in ticket OPS-12"
    );
    assert!(log["runs"][0].get("automationDetails").is_none());
    validate(&tmp.path().join("all.sarif"));
}

/// What GitHub needs of every rule to show a security alert: the
/// `security` tag, `security-severity`, `precision`, a help URI and
/// Markdown help.
#[test]
fn every_builtin_rule_carries_github_security_metadata() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let o = run_in(tmp.path(), &["scan", "-f", "sarif", "-o", "empty.sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let log = read_json(&tmp.path().join("empty.sarif"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(rules.len() >= 7, "{rules:#?}");
    for rule in &rules {
        let id = rule["id"].as_str().unwrap_or("?");
        let props = &rule["properties"];
        let tags: Vec<&str> = props["tags"]
            .as_array()
            .map(|t| t.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        assert!(tags.contains(&"security"), "{id}: tags {tags:?}");
        assert!(tags.len() <= 20, "{id}: GitHub keeps at most 20 tags");
        let severity: f64 = props["security-severity"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1.0);
        assert!(
            (0.1..=10.0).contains(&severity),
            "{id}: security-severity {severity}"
        );
        assert!(
            matches!(
                props["precision"].as_str(),
                Some("very-high" | "high" | "medium" | "low")
            ),
            "{id}: precision"
        );
        let uri = rule["helpUri"].as_str().unwrap_or("");
        assert!(uri.starts_with("https://"), "{id}: helpUri {uri:?}");
        let markdown = rule["help"]["markdown"].as_str().unwrap_or("");
        assert!(
            markdown.contains("**"),
            "{id}: help.markdown is not Markdown"
        );
        assert!(!rule["help"]["text"].as_str().unwrap_or("").is_empty());
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .len()
                <= 1024
        );
        assert!(rule["fullDescription"]["text"].as_str().unwrap_or("").len() <= 1024);
    }
    validate(&tmp.path().join("empty.sarif"));
}

/// Over GitHub's result limit the most severe results are kept and the run
/// says how many were left out; the file stays valid.
#[test]
fn too_many_results_are_cut_with_a_note_in_the_run() {
    use tlsfloor::report::github_limits::Limits;
    use tlsfloor::report::sarif::{render_limited, SarifOptions};
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tree = tmp.path().join("tree");
    write(&tree, ".mbsyncrc", TWO_ACCOUNTS);
    write(
        &tree,
        "poll.sh",
        "#!/bin/sh\n# TLS 1.0 only, to the retired legacy endpoint\ncurl --tlsv1.0 --tls-max 1.0 imaps://imap-legacy.office365.com/INBOX\n",
    );
    write(
        &tree,
        "home.mbsyncrc",
        "IMAPAccount home\nHost imap.example.org\nTLSType IMAPS\nTLSVersions +1.0 +1.1\n",
    );
    let policies = tlsfloor::policy::PolicySet::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    let options = tlsfloor::scan::ScanOptions {
        roots: vec![tree.clone()],
        walk: tlsfloor::walk::WalkOptions::default(),
        scope: "mail".to_owned(),
        max_file_size: tlsfloor::scan::DEFAULT_MAX_FILE_SIZE,
    };
    let report = tlsfloor::scan::run(&options, Some(&policies)).unwrap_or_else(|e| panic!("{e}"));
    let shown = report
        .findings
        .iter()
        .filter(|f| !f.is_suppressed())
        .count();
    assert!(shown >= 3, "need more results than the limit: {shown}");
    assert!(report.findings.iter().any(|f| f.level == "warning"));
    let limits = Limits {
        results_per_run: 2,
        ..Limits::GITHUB
    };
    let text = render_limited(&report, "0.0.0", &SarifOptions::default(), &limits)
        .unwrap_or_else(|e| panic!("{e}"));
    let log: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 2);
    assert!(
        results.iter().all(|r| r["level"] == "error"),
        "{results:#?}"
    );
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(
        notes.contains(&format!("{} of {shown} results were left out", shown - 2)),
        "{notes}"
    );
    let path = tmp.path().join("cut.sarif");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    validate(&path);

    let tags = Limits {
        tags_per_rule: 2,
        ..Limits::GITHUB
    };
    let err = render_limited(&report, "0.0.0", &SarifOptions::default(), &tags)
        .err()
        .unwrap_or_default();
    assert!(err.contains("tags") && err.contains("at most 2"), "{err}");
    let size = Limits {
        gzip_bytes: 100,
        ..Limits::GITHUB
    };
    let err = render_limited(&report, "0.0.0", &SarifOptions::default(), &size)
        .err()
        .unwrap_or_default();
    assert!(err.contains("gzip-compressed"), "{err}");
}
