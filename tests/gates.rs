//! CI gates: inline suppressions, `tlsfloor.toml` (excludes, scope,
//! fail_on, rule levels, policy folders, exceptions with expiry),
//! baselines, and `tlsfloor verify`. Each test builds its tree in a
//! temporary folder and runs the binary as CI would.

use std::path::Path;
use std::process::{Command, Output};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlsfloor"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"))
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(root: &Path, rel: &str, content: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, content).unwrap_or_else(|e| panic!("{e}"));
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out(o)))
}

/// (rule, line, suppression kind or "-") of each JSON finding.
fn findings(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap_or("").to_owned(),
                f["location"]["line"].as_u64().unwrap_or(0),
                f["suppression"]["kind"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

/// A TLS 1.0-only mbsync account (TLS001 on line 4).
const LEGACY_MBSYNC: &str =
    "IMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\nSSLVersions TLSv1\n";

#[test]
fn an_inline_suppression_with_a_reason_waives_its_rule_on_its_line() {
    let dir = tempdir();
    write(
        dir.path(),
        "a/.mbsyncrc",
        "IMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\nSSLVersions TLSv1 # tlsfloor:ignore TLS001 -- lab box, isolated VLAN\n",
    );
    let o = run_in(dir.path(), &["scan"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(!out(&o).contains("TLS001"), "{}", out(&o));
    assert!(
        err(&o).contains("1 suppressed (1 inline, 0 by exception)"),
        "{}",
        err(&o)
    );
    let report = json(&run_in(dir.path(), &["scan", "-f", "json"]));
    assert_eq!(
        findings(&report),
        vec![("TLS001".into(), 4, "inSource".into())]
    );
    assert_eq!(
        report["findings"][0]["suppression"]["justification"],
        "lab box, isolated VLAN"
    );
    assert_eq!(
        report["findings"][0]["suppression"]["source"],
        "a/.mbsyncrc:4"
    );
}

#[test]
fn a_suppression_without_a_reason_or_for_another_rule_does_not_count() {
    let dir = tempdir();
    write(
        dir.path(),
        ".mbsyncrc",
        "IMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\n# tlsfloor:ignore TLS001\nSSLVersions TLSv1\n\nIMAPAccount home\nHost outlook.office365.com\nSSLType IMAPS\n# tlsfloor:ignore TLS002 -- wrong rule\nSSLVersions TLSv1\n",
    );
    let o = run_in(dir.path(), &["scan"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        out(&o).contains(".mbsyncrc:5:1: error TLS001"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains(".mbsyncrc:11:1: error TLS001"),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains(".mbsyncrc:4: warning: tlsfloor:ignore TLS001 gives no reason"),
        "{}",
        out(&o)
    );
}

#[test]
fn config_exceptions_waive_until_they_expire_and_expired_ones_are_reported() {
    let dir = tempdir();
    write(dir.path(), "hosts/printer-1/.mbsyncrc", LEGACY_MBSYNC);
    write(dir.path(), "hosts/old-nas/.mbsyncrc", LEGACY_MBSYNC);
    write(dir.path(), "home/.mbsyncrc", LEGACY_MBSYNC);
    write(
        dir.path(),
        "tlsfloor.toml",
        "# waivers reviewed monthly\n[[exception]]\npath = \"hosts/printer-*/**\"\nrule = \"TLS001\"\njustification = \"Firmware update scheduled (OPS-1234)\"\nowner = \"mail-team@example.com\"\nexpires = 2099-12-31\n\n[[exception]]\npath = \"hosts/old-nas/**\"\nrule = \"TLS001\"\njustification = \"NAS retired in spring\"\nowner = \"storage@example.com\"\nexpires = \"2020-06-30\"\n",
    );
    let o = run_in(dir.path(), &["scan", "-f", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let report = json(&o);
    let by_path: Vec<(String, String, bool)> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_owned(),
                f["suppression"]["kind"].as_str().unwrap_or("-").to_owned(),
                f["suppression"]["expired"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        by_path,
        vec![
            ("home/.mbsyncrc".into(), "-".into(), false),
            ("hosts/old-nas/.mbsyncrc".into(), "external".into(), true),
            ("hosts/printer-1/.mbsyncrc".into(), "external".into(), false),
        ]
    );
    let note = report["notifications"].to_string();
    assert!(note.contains("expired on 2020-06-30"), "{note}");
    assert!(note.contains("tlsfloor.toml"), "{note}");
    let o = run_in(dir.path(), &["scan"]);
    assert!(!out(&o).contains("hosts/printer-1"), "{}", out(&o));
    assert!(out(&o).contains("hosts/old-nas/.mbsyncrc:4:1: error TLS001"));
    assert!(
        out(&o).contains("tlsfloor.toml:9: warning: exception for TLS001"),
        "{}",
        out(&o)
    );
    // The SARIF for GitHub leaves the waived result out, keeps the expired one.
    let o = run_in(dir.path(), &["scan", "-f", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 2, "{results:#?}");
    assert_eq!(results[1]["suppressions"][0]["status"], "rejected");
    assert_eq!(results[1]["suppressions"][0]["kind"], "external");
}

#[test]
fn config_settings_apply_and_flags_win_over_them() {
    let dir = tempdir();
    write(dir.path(), "work/.mbsyncrc", LEGACY_MBSYNC);
    write(dir.path(), "vendor/.mbsyncrc", LEGACY_MBSYNC);
    write(
        dir.path(),
        "tlsfloor.toml",
        "exclude = [\"vendor/\"]\nfail_on = \"never\"\n\n[rules.TLS001]\nlevel = \"warning\"\n",
    );
    let o = run_in(dir.path(), &["scan", "-f", "json"]);
    assert_eq!(o.status.code(), Some(0), "fail_on from the file");
    let report = json(&o);
    assert_eq!(findings(&report), vec![("TLS001".into(), 4, "-".into())]);
    assert_eq!(report["findings"][0]["path"], "work/.mbsyncrc");
    assert_eq!(report["findings"][0]["level"], "warning");
    let o = run_in(dir.path(), &["scan", "--fail-on", "warning", "-q"]);
    assert_eq!(o.status.code(), Some(1), "the flag wins over the file");
    let o = run_in(dir.path(), &["scan", "--no-config", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("vendor/.mbsyncrc"), "{}", out(&o));
    // Files named on the command line (as pre-commit passes them) honour the
    // excludes too, relative to the working directory.
    let o = run_in(
        dir.path(),
        &["scan", "vendor/.mbsyncrc", "work/.mbsyncrc", "-f", "json"],
    );
    let report = json(&o);
    assert_eq!(findings(&report).len(), 1, "{report}");
    assert_eq!(report["findings"][0]["path"], "work/.mbsyncrc");
    // An explicit file elsewhere, with the rule switched off.
    write(
        dir.path(),
        "ci/strict.toml",
        "[rules.TLS001]\nlevel = \"off\"\n",
    );
    let o = run_in(
        dir.path(),
        &["scan", "--config", "ci/strict.toml", "-f", "json"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(findings(&json(&o)), vec![]);
}

#[test]
fn config_errors_name_the_key_and_line() {
    let dir = tempdir();
    write(dir.path(), ".mbsyncrc", LEGACY_MBSYNC);
    write(dir.path(), "tlsfloor.toml", "scope = \"mail\"\n\n[[exception]]\npath = \"x/**\"\nrule = \"TLS001\"\njustification = \"j\"\nowner = \"o\"\nexpires = 2030-01-01\nreviewer = \"bob\"\n");
    let o = run_in(dir.path(), &["scan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("tlsfloor.toml:9:"), "{}", err(&o));
    assert!(err(&o).contains("reviewer"), "{}", err(&o));
    write(
        dir.path(),
        "tlsfloor.toml",
        "[rules.TLS999]\nlevel = \"note\"\n",
    );
    let o = run_in(dir.path(), &["scan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("tlsfloor.toml:1: no rule \"TLS999\""),
        "{}",
        err(&o)
    );
}

/// A user rule from the config's policy folder reaches the SARIF like a
/// built-in one.
#[test]
fn config_policy_folders_load_user_rules() {
    let dir = tempdir();
    write(dir.path(), "policy/no_gmail.rego", "# METADATA\n# title: Mail to Gmail\n# description: Company mail must not go to Gmail.\n# custom:\n#   id: ACME001\n#   name: no-gmail\n#   level: note\n#   security-severity: \"2.0\"\n#   precision: high\n#   tags: [security, acme]\n#   help: |\n#     Use the **company** server.\npackage acme.no_gmail\n\nimport rego.v1\n\nfindings contains f if {\n\tsome file in input.files\n\tsome i, fact in file.facts\n\tfact.kind == \"connection\"\n\tendswith(fact.host, \"gmail.com\")\n\tf := {\"path\": file.path, \"fact\": i, \"message\": \"Mail to Gmail.\"}\n}\n");
    write(dir.path(), "tlsfloor.toml", "policies = [\"policy\"]\n");
    write(
        dir.path(),
        "mail/.mbsyncrc",
        "IMAPAccount g\nHost imap.gmail.com\nTLSType IMAPS\n",
    );
    let o = run_in(
        dir.path(),
        &["scan", "mail", "-f", "sarif", "--config", "tlsfloor.toml"],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let results = sarif["runs"][0]["results"].to_string();
    assert!(results.contains("ACME001"), "{results}");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].to_string();
    assert!(rules.contains("Use the **company** server."), "{rules}");
}

#[test]
fn a_baseline_lets_known_findings_pass_and_catches_new_ones() {
    let dir = tempdir();
    write(dir.path(), "a/.mbsyncrc", LEGACY_MBSYNC);
    let o = run_in(dir.path(), &["baseline", "-o", "base.sarif"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("baseline of 1 finding"), "{}", err(&o));
    // Lines move: the finding is still the same one.
    write(
        dir.path(),
        "a/.mbsyncrc",
        &format!("# moved down by a comment\n\n{LEGACY_MBSYNC}"),
    );
    let o = run_in(dir.path(), &["scan", "--baseline", "base.sarif"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        err(&o).contains("baseline: 0 new, 1 unchanged, 0 fixed"),
        "{}",
        err(&o)
    );
    let o = run_in(
        dir.path(),
        &["scan", "--baseline", "base.sarif", "-f", "sarif"],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(sarif["runs"][0]["results"][0]["baselineState"], "unchanged");
    // A new legacy account fails the gate; only it is shown.
    write(dir.path(), "b/.mbsyncrc", LEGACY_MBSYNC);
    let o = run_in(dir.path(), &["scan", "--baseline", "base.sarif"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("b/.mbsyncrc:4:1"), "{}", out(&o));
    assert!(!out(&o).contains("a/.mbsyncrc"), "{}", out(&o));
    let report = json(&run_in(
        dir.path(),
        &["scan", "--baseline", "base.sarif", "-f", "json"],
    ));
    let states: Vec<&str> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["baseline_state"].as_str())
        .collect();
    assert_eq!(states, vec!["unchanged", "new"]);
    let o = run_in(dir.path(), &["scan", "--baseline", "nope.sarif"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn verify_checks_annotations_both_ways() {
    let dir = tempdir();
    write(dir.path(), "t/good/.mbsyncrc", "IMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\n# expect: TLS001\nSSLVersions TLSv1\n");
    write(
        dir.path(),
        "t/clean/.mbsyncrc",
        "# expect: none\nIMAPAccount work\nHost outlook.office365.com\nTLSType IMAPS\n",
    );
    let o = run_in(dir.path(), &["verify", "t"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains("verify: 2 files, 1 expected findings, 1 found, 0 problems"),
        "{}",
        out(&o)
    );
    write(dir.path(), "t/wrong/.mbsyncrc", "# expect: none\nIMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\n# expect: TLS002\nSSLVersions TLSv1\n");
    write(dir.path(), "t/silent.conf", "nothing = here\n");
    let o = run_in(dir.path(), &["verify", "t"]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(text.contains("missing: wrong/.mbsyncrc:6 TLS002"), "{text}");
    assert!(text.contains("extra:   wrong/.mbsyncrc:6 TLS001"), "{text}");
    assert!(text.contains("states nothing: silent.conf"), "{text}");
}

#[test]
fn policy_test_reports_each_test_and_compile_errors_with_their_line() {
    let dir = tempdir();
    write(
        dir.path(),
        "p/x.rego",
        "package x\n\nimport rego.v1\n\nlimit := 3\n",
    );
    write(dir.path(), "p/x_test.rego", "package x_test\n\nimport data.x\nimport rego.v1\n\ntest_limit if {\n\tx.limit == 3\n}\n\ntest_value_is_not_true := 1\n");
    let o = run_in(dir.path(), &["policy", "test", "p"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    let text = out(&o);
    assert!(
        text.contains("p/x_test.rego:\ndata.x_test.test_limit: PASS\n"),
        "{text}"
    );
    assert!(
        text.contains("data.x_test.test_value_is_not_true: FAIL\n  evaluated to 1"),
        "{text}"
    );
    assert!(text.contains("FAIL: 1/"), "{text}");
    write(
        dir.path(),
        "p/x.rego",
        "package x\n\nimport rego.v1\n\nlimit := \n",
    );
    let o = run_in(dir.path(), &["policy", "test", "p"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("p/x.rego:6:1: "), "{}", err(&o));
}
