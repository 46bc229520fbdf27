//! End-to-end tests of the `tlsfloor` binary: exit codes, options, walking
//! rules, bad input, and output stability. Each test builds its own tree in
//! a temporary folder, so what it proves is visible in the test itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tlsfloor"))
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

const LEGACY_SCRIPT: &str = "#!/bin/sh\nHOST=imap-legacy.office365.com\n";

fn rule_ids(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["rule_id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn findings_exit_1_and_fail_on_never_exits_0() {
    let dir = tempdir();
    write(dir.path(), "poll.sh", LEGACY_SCRIPT);
    let o = run_in(dir.path(), &["scan", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("poll.sh:2:6: error TLS007 "),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("1 error"), "{}", stderr(&o));
    let o = run_in(dir.path(), &["scan", ".", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn clean_tree_exits_0() {
    let dir = tempdir();
    write(
        dir.path(),
        "ok.sh",
        "#!/bin/sh\nHOST=outlook.office365.com\n",
    );
    let o = run_in(dir.path(), &["scan"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("no findings"));
}

/// A user policy adds a warning-level rule: `--fail-on` decides the exit code.
#[test]
fn fail_on_levels_and_user_policies() {
    let dir = tempdir();
    write(
        dir.path(),
        "scan/app.env",
        "MAIL_HOST=outlook.office365.com\n",
    );
    write(
        dir.path(),
        "policy/x001.rego",
        "# METADATA\n# title: Exchange host referenced\n# description: Test rule.\n# custom:\n#   id: X001\n#   name: exchange-reference\n#   level: warning\npackage acme.x001\n\nimport rego.v1\n\nfindings contains {\"path\": file.path, \"fact\": i, \"message\": \"Exchange Online host\"} if {\n\tsome file in input.files\n\tsome i, fact in file.facts\n\tfact.kind == \"endpoint_reference\"\n}\n",
    );
    let base = ["scan", "scan", "--policy", "policy", "--format", "json"];
    let o = run_in(dir.path(), &base);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(rule_ids(&json(&o)), vec!["X001"]);
    let o = run_in(dir.path(), &[&base[..], &["--fail-on", "warning"]].concat());
    assert_eq!(o.status.code(), Some(1));
    let o = run_in(dir.path(), &["rules", "--policy", "policy"]);
    assert!(stdout(&o).contains("X001"), "{}", stdout(&o));
    assert!(stdout(&o).contains("TLS007"));
}

#[test]
fn a_policy_that_does_not_compile_exits_2_naming_the_file() {
    let dir = tempdir();
    write(
        dir.path(),
        "policy/broken.rego",
        "package broken\n\nfindings contains x if {\n",
    );
    let o = run_in(dir.path(), &["scan", ".", "--policy", "policy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.rego"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn a_missing_root_or_bad_argument_exits_2() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["scan", "does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does-not-exist"), "{}", stderr(&o));
    let o = run_in(dir.path(), &["scan", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(dir.path(), &["scan", "--policy", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Hidden files are scanned, VCS folders and ignored files are not, and
/// `--no-ignore` / `--exclude` do what they say.
#[test]
fn walk_rules() {
    let dir = tempdir();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap_or_default();
    write(root, ".hidden/legacy.sh", LEGACY_SCRIPT);
    write(root, ".git/config.sh", LEGACY_SCRIPT);
    write(root, "build/gen.sh", LEGACY_SCRIPT);
    write(root, "vendor/x.sh", LEGACY_SCRIPT);
    write(root, ".gitignore", "build/\n");
    let paths = |args: &[&str]| {
        let o = run_in(root, &[&["scan", "--format", "json"], args].concat());
        let mut p: Vec<String> = json(&o)["findings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["path"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        p.sort();
        p
    };
    assert_eq!(paths(&[]), vec![".hidden/legacy.sh", "vendor/x.sh"]);
    assert_eq!(
        paths(&["--no-ignore"]),
        vec![".hidden/legacy.sh", "build/gen.sh", "vendor/x.sh"]
    );
    assert_eq!(paths(&["--exclude", "vendor/"]), vec![".hidden/legacy.sh"]);
    // An explicitly named file is scanned even if .gitignore lists it.
    assert_eq!(paths(&["build/gen.sh"]), vec!["build/gen.sh"]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let outside = tempdir();
    write(outside.path(), "secret.sh", LEGACY_SCRIPT);
    let dir = tempdir();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap_or_default();
    std::os::unix::fs::symlink(
        outside.path().join("secret.sh"),
        dir.path().join("file-link.sh"),
    )
    .unwrap_or_default();
    let o = run_in(dir.path(), &["scan", "--format", "json"]);
    let report = json(&o);
    assert!(rule_ids(&report).is_empty(), "{report}");
    assert_eq!(
        report["summary"]["skipped"]["symbolic link not followed"], 2,
        "{report}"
    );
}

/// Binary files are skipped, invalid UTF-8 is still scanned (with a
/// warning), UTF-16 with a BOM is decoded, and the summary accounts for
/// every file.
#[test]
fn binary_invalid_utf8_and_utf16_files() {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "blob.sh",
        b"\x7fELF\x00\x00imap-legacy.office365.com\x00",
    );
    write(
        root,
        "latin1.sh",
        b"# Caf\xe9 mail relay\nHOST=imap-legacy.office365.com\n",
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "$h = 'pop-legacy.office365.com'\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    write(root, "win.ps1", utf16);
    write(root, "empty.sh", "");
    let o = run_in(root, &["scan", "--format", "json"]);
    let report = json(&o);
    let mut found: Vec<String> = report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{}:{}",
                        f["path"].as_str().unwrap_or(""),
                        f["location"]["line"]
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    assert_eq!(found, vec!["latin1.sh:2", "win.ps1:1"], "{report}");
    let s = &report["summary"];
    assert_eq!(s["files_seen"], 4);
    assert_eq!(s["files_scanned"], 3);
    assert_eq!(s["skipped"]["binary"], 1);
    let notes = report["notifications"].to_string();
    assert!(
        notes.contains("latin1.sh") && notes.contains("not valid UTF-8"),
        "{notes}"
    );
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_notification() {
    let dir = tempdir();
    write(
        dir.path(),
        "big.sh",
        format!("{}\n{LEGACY_SCRIPT}", "#".repeat(5000)),
    );
    let o = run_in(
        dir.path(),
        &["scan", "--format", "json", "--max-file-size", "1000"],
    );
    let report = json(&o);
    assert!(rule_ids(&report).is_empty());
    assert_eq!(
        report["summary"]["skipped"]["larger than --max-file-size"], 1,
        "{report}"
    );
    assert!(report["notifications"].to_string().contains("big.sh"));
}

fn sarif_of(dir: &Path, args: &[&str]) -> String {
    let o = run_in(dir, &[&["scan", "--format", "sarif"], args].concat());
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn sarif_has_rules_locations_and_fingerprints() {
    let dir = tempdir();
    write(dir.path(), "sub dir/poll.sh", LEGACY_SCRIPT);
    let sarif: serde_json::Value =
        serde_json::from_str(&sarif_of(dir.path(), &[])).unwrap_or_default();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        vec!["TLS001", "TLS002", "TLS003", "TLS004", "TLS005", "TLS006", "TLS007", "TLS008"]
    );
    for rule in &rules {
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| t.len() > 40),
            "{rule}"
        );
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .is_some_and(|t| t.contains("**")),
            "{rule}"
        );
        assert!(rule["properties"]["tags"].to_string().contains("security"));
        assert!(rule["properties"]["security-severity"].is_string());
    }
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "TLS007");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap_or(99) as usize]["id"],
        "TLS007"
    );
    let loc = &result["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sub%20dir/poll.sh");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(loc["region"]["startColumn"], 6);
    assert_eq!(loc["region"]["endColumn"], 31);
    assert_eq!(
        loc["region"]["snippet"]["text"],
        "HOST=imap-legacy.office365.com"
    );
    assert!(result["partialFingerprints"]["primaryLocationLineHash"]
        .as_str()
        .is_some_and(|h| h.contains(':')));
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempdir();
    write(dir.path(), "poll.sh", LEGACY_SCRIPT);
    let fp = |dir: &Path| {
        let sarif: serde_json::Value =
            serde_json::from_str(&sarif_of(dir, &[])).unwrap_or_default();
        (
            sarif["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"]
                .clone(),
            sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
                ["startLine"]
                .clone(),
        )
    };
    let (before, line_before) = fp(dir.path());
    write(
        dir.path(),
        "poll.sh",
        format!(
            "#!/bin/sh\n# mailbox poller\nset -eu\n{}",
            &LEGACY_SCRIPT[10..]
        ),
    );
    let (after, line_after) = fp(dir.path());
    assert_ne!(line_before, line_after);
    assert_eq!(before, after);
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let dir = tempdir();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("d{}/s{i}.sh", i % 7),
            format!("# {i}\n{LEGACY_SCRIPT}"),
        );
    }
    let one = sarif_of(dir.path(), &["-j", "1"]);
    let many = sarif_of(dir.path(), &["-j", "4"]);
    assert_eq!(one, many);
    assert_eq!(one.matches("\"ruleId\"").count(), 40);
}

#[test]
fn output_file_and_facts_command() {
    let dir = tempdir();
    write(dir.path(), "poll.sh", "#!/bin/sh\n# password for the bot: see vault\nURL=imaps://bot:hunter2@imap-legacy.office365.com/INBOX\n");
    let o = run_in(
        dir.path(),
        &["scan", "--format", "sarif", "--output", "out.sarif"],
    );
    assert_eq!(o.status.code(), Some(1));
    let written = std::fs::read_to_string(dir.path().join("out.sarif")).unwrap_or_default();
    assert!(written.contains("\"TLS007\""));
    assert!(!written.contains("hunter2"), "secret leaked into SARIF");
    let o = run_in(dir.path(), &["facts"]);
    assert_eq!(o.status.code(), Some(0));
    let facts = json(&o);
    assert_eq!(facts["schema"], "tlsfloor.facts/1");
    assert_eq!(facts["files"][0]["facts"][0]["kind"], "endpoint_reference");
    assert_eq!(facts["files"][0]["facts"][0]["protocol"], "imap");
    assert_eq!(facts["files"][0]["facts"][0]["tls_mode"], "implicit");
    assert!(!stdout(&o).contains("hunter2"), "secret leaked into facts");
}

#[test]
fn policy_tests_command_passes_on_builtin_policies() {
    let dir = tempdir();
    let o = run_in(dir.path(), &["test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("\nPASS: "), "{}", stdout(&o));
    assert!(!stdout(&o).contains("FAIL"), "{}", stdout(&o));
}

#[test]
fn a_failing_user_policy_test_exits_1() {
    let dir = tempdir();
    write(
        dir.path(),
        "p/x_test.rego",
        "package x_test\n\nimport rego.v1\n\ntest_fails if {\n\t1 == 2\n}\n",
    );
    write(dir.path(), "p/x.rego", "package x\n");
    let o = run_in(dir.path(), &["test", "--policy", "p"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("data.x_test.test_fails: FAIL"));
}

/// An absolute scan root outside the working directory must not put the
/// machine's path into the report.
#[test]
fn absolute_roots_give_relative_paths() {
    let dir = tempdir();
    write(dir.path(), "x/poll.sh", LEGACY_SCRIPT);
    let elsewhere = tempdir();
    let root = dir.path().to_string_lossy().into_owned();
    let o = run_in(elsewhere.path(), &["scan", &root, "--format", "json"]);
    let report = json(&o);
    assert_eq!(report["findings"][0]["path"], "x/poll.sh", "{report}");
}

/// A malformed SBOM is reported (with its line) and counted as failed; the
/// scan goes on and judges the other files.
#[test]
fn a_malformed_sbom_becomes_a_notification_and_the_scan_goes_on() {
    let dir = tempdir();
    write(dir.path(), "fw/printer.cdx.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"components\": [\n    {\"name\": \"openssl\", \"version\": \"0.9.8zh\",}\n  ]\n}\n");
    write(dir.path(), "poll.sh", LEGACY_SCRIPT);
    let o = run_in(dir.path(), &["scan", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = json(&o);
    assert_eq!(rule_ids(&report), vec!["TLS007"], "{report}");
    assert_eq!(report["summary"]["files_failed"], 1, "{report}");
    let note = &report["notifications"][0];
    assert_eq!(note["path"], "fw/printer.cdx.json");
    assert_eq!(note["level"], "error");
    assert_eq!(note["line"], 5, "{note}");
    let o = run_in(dir.path(), &["scan", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert!(notes.to_string().contains("printer.cdx.json"), "{notes}");
    let o = run_in(dir.path(), &["scan"]);
    assert!(
        stdout(&o).contains("fw/printer.cdx.json:5: error: cannot parse as CycloneDX"),
        "{}",
        stdout(&o)
    );
}

/// A good SBOM with an OpenSSL too old for TLS 1.2 is TLS003 on the
/// version's line.
#[test]
fn an_old_openssl_in_an_sbom_is_tls003() {
    let dir = tempdir();
    write(dir.path(), "fw/bom.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n  \"components\": [\n    {\n      \"name\": \"openssl\",\n      \"version\": \"1.0.0t\"\n    }\n  ]\n}\n");
    let o = run_in(dir.path(), &["scan", "--format", "json"]);
    let report = json(&o);
    assert_eq!(rule_ids(&report), vec!["TLS003"], "{report}");
    assert_eq!(report["findings"][0]["location"]["line"], 7);
}
