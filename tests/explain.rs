//! `tlsfloor explain`: every part comes from the rule's METADATA, the
//! examples there are true (the scanner reports each non-compliant one and
//! nothing in each compliant one), user rules explain like built-in ones,
//! and SARIF help carries the same examples.

mod support;

use std::collections::BTreeMap;
use support::*;

fn rules_json() -> Vec<serde_json::Value> {
    let o = bin()
        .args(["rules", "-f", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("rules JSON: {e}"))
}

/// Each example of each built-in rule, written to its own folder.
struct Case {
    rule: String,
    folder: String,
    compliant: bool,
}

#[test]
fn every_example_is_true_to_the_scanner() {
    let dir = tempdir();
    let mut cases = Vec::new();
    for rule in rules_json() {
        let id = rule["id"].as_str().unwrap_or_default().to_owned();
        let o = bin()
            .args(["explain", &id])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let examples = parse_examples(&stdout(&o));
        assert!(!examples.is_empty(), "{id} has no examples");
        for (n, (file, bad, good)) in examples.into_iter().enumerate() {
            for (compliant, text) in [(false, bad), (true, good)] {
                let folder = format!("{id}-{n}-{}", if compliant { "good" } else { "bad" });
                write(dir.path(), &format!("{folder}/{file}"), text);
                cases.push(Case {
                    rule: id.clone(),
                    folder,
                    compliant,
                });
            }
        }
    }
    let o = run_in(
        dir.path(),
        &["scan", ".", "-f", "json", "--fail-on", "never"],
    );
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in report["findings"].as_array().into_iter().flatten() {
        let path = f["path"].as_str().unwrap_or_default();
        let folder = path.split('/').next().unwrap_or_default().to_owned();
        found
            .entry(folder)
            .or_default()
            .push(f["rule_id"].as_str().unwrap_or_default().to_owned());
    }
    assert_eq!(
        report["notifications"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    for case in &cases {
        let rules = found.get(&case.folder).cloned().unwrap_or_default();
        if case.compliant {
            assert!(
                rules.is_empty(),
                "{}: compliant example reported {rules:?}",
                case.folder
            );
        } else {
            assert!(
                rules.contains(&case.rule),
                "{}: non-compliant example not reported as {} ({rules:?})",
                case.folder,
                case.rule
            );
        }
    }
}

/// The examples as `explain` prints them: `Example N: FILE`, then the
/// non-compliant and compliant text indented by four spaces.
fn parse_examples(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(file) = line
            .strip_prefix("Example ")
            .and_then(|l| l.split_once(": "))
            .map(|(_, f)| f.to_owned())
        else {
            continue;
        };
        let mut parts = [String::new(), String::new()];
        let mut which = None;
        while let Some(next) = lines.peek() {
            if *next == "  non-compliant:" {
                which = Some(0);
            } else if *next == "  compliant:" {
                which = Some(1);
            } else if let (Some(i), Some(body)) = (which, next.strip_prefix("    ")) {
                parts[i].push_str(body);
                parts[i].push('\n');
            } else if next.is_empty() && which.is_some() {
                // A blank line inside an example, or the end of it.
                if let Some(i) = which {
                    parts[i].push('\n');
                }
            } else {
                break;
            }
            lines.next();
        }
        let [bad, good] = parts;
        out.push((file, bad, good));
    }
    out
}

#[test]
fn explain_shows_description_why_examples_and_fix() {
    let o = bin()
        .args(["explain", "tls007"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.starts_with("TLS007 legacy-tls-endpoint (error)\n"),
        "{text}"
    );
    for part in [
        "pop-legacy.office365.com",
        "Why it matters.",
        "How to fix.",
        "Example 1: ",
        "  non-compliant:",
        "  compliant:",
        "MC1293480",
    ] {
        assert!(text.contains(part), "missing {part:?}:\n{text}");
    }
    assert!(!text.contains("**"), "Markdown bold left in:\n{text}");
    // The name works as well as the id.
    let by_name = bin()
        .args(["explain", "legacy-tls-endpoint"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stdout(&by_name), text);
}

#[test]
fn an_unknown_rule_is_an_error_listing_the_rules() {
    let o = bin()
        .args(["explain", "TLS999"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("tlsfloor: error: no rule \"TLS999\"\n  hint: "),
        "{err}"
    );
    for id in [
        "TLS001", "TLS002", "TLS003", "TLS004", "TLS005", "TLS006", "TLS007",
    ] {
        assert!(err.contains(id), "{err}");
    }
    assert_eq!(err.lines().count(), 2, "{err}");
}

const USER_RULE: &str = r#"# METADATA
# title: Mail client allows only TLS 1.2
# description: |
#   House rule: mail clients must allow TLS 1.3.
# custom:
#   id: ACME001
#   name: tls13-required
#   level: note
#   help: |
#     **Why it matters.** Our policy.
#   examples:
#     - file: .mbsyncrc
#       noncompliant: |
#         TLSVersions +1.2
#       compliant: |
#         TLSVersions +1.2 +1.3
package acme.rules.acme001

import rego.v1

findings contains {"path": file.path, "fact": i, "message": "TLS 1.3 is not allowed"} if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "connection"
	fact.tls.max == "1.2"
}
"#;

#[test]
fn user_rules_explain_and_reach_sarif_help_with_their_examples() {
    let dir = tempdir();
    write(dir.path(), "policy/acme001.rego", USER_RULE);
    let o = run_in(dir.path(), &["explain", "ACME001", "--policy", "policy"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("ACME001 tls13-required (note)"), "{text}");
    assert!(text.contains("Why it matters. Our policy."), "{text}");
    assert!(text.contains("    TLSVersions +1.2 +1.3"), "{text}");
    assert!(text.contains("Rule source: policy/acme001.rego"), "{text}");

    write(dir.path(), "tree/readme.txt", "nothing\n");
    let o = run_in(
        dir.path(),
        &[
            "scan",
            "tree",
            "--policy",
            "policy",
            "-f",
            "sarif",
            "--fail-on",
            "never",
        ],
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let help = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .and_then(|r| r["help"]["markdown"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let acme = help("ACME001");
    assert!(acme.contains("**Examples.**"), "{acme}");
    assert!(acme.contains("Non-compliant `.mbsyncrc`:"), "{acme}");
    assert!(acme.contains("```\nTLSVersions +1.2 +1.3\n```"), "{acme}");
    assert!(help("TLS001").contains("**Examples.**"));
}
