//! The samples are the specification: every file under `samples/` states
//! the findings it must produce, and this test fails on any missing or
//! extra finding.
//!
//! How a sample states its findings:
//! - a comment line holding `expect: TLS001` (several ids separated by
//!   spaces or commas) expects those findings on the next line that is not
//!   itself an `expect:` line;
//! - `expect: none` anywhere in a file says it must produce no finding;
//! - formats without comments (JSON) use a sidecar `<file>.expect` with one
//!   `LINE RULE [RULE ...]` per line, or `none`.
//!
//! A sample file that states nothing fails the test: every sample must say
//! what it proves. The scan runs in-process over the whole `samples/` tree
//! with the built-in policies and the default (mail) scope.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tlsfloor::policy::PolicySet;
use tlsfloor::scan::{self, ScanOptions};
use tlsfloor::walk::WalkOptions;

/// (path relative to samples/, line, rule id) -> count.
type Expectations = BTreeMap<(String, usize, String), usize>;

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn rule_ids(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| {
            t.len() > 3 && t.starts_with("TLS") && t[3..].chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_owned)
        .collect()
}

/// Reads the expectations of one sample; `None` if it states none.
fn expectations_of(path: &Path, rel: &str) -> Option<Expectations> {
    let mut out = Expectations::new();
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    if let Ok(text) = std::fs::read_to_string(&sidecar) {
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if line == "none" {
                continue;
            }
            let (num, rules) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let num: usize = num
                .parse()
                .unwrap_or_else(|_| panic!("{}: bad line {line:?}", sidecar.display()));
            for rule in rule_ids(rules) {
                *out.entry((rel.to_owned(), num, rule)).or_default() += 1;
            }
        }
        return Some(out);
    }
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let mut stated = false;
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("expect:") else {
            continue;
        };
        stated = true;
        let rules = rule_ids(&line[at + "expect:".len()..]);
        if rules.is_empty() {
            continue;
        }
        let target = (i + 1..lines.len())
            .find(|&j| !lines[j].contains("expect:"))
            .unwrap_or_else(|| panic!("{rel}:{}: expect: with no line after it", i + 1));
        for rule in rules {
            *out.entry((rel.to_owned(), target + 1, rule)).or_default() += 1;
        }
    }
    stated.then_some(out)
}

fn sample_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sample_files(&path, out);
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".expect") && name != "README.md" {
                out.push(path);
            }
        }
    }
}

#[test]
fn samples_produce_exactly_the_findings_they_state() {
    let root = samples_dir();
    let mut files = Vec::new();
    sample_files(&root, &mut files);
    assert!(!files.is_empty(), "no samples found");
    let mut expected = Expectations::new();
    let mut silent = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        match expectations_of(path, &rel) {
            Some(e) => expected.extend(e),
            None => silent.push(rel),
        }
    }
    assert!(silent.is_empty(), "samples that state no expected findings (add `expect:` comments or a .expect sidecar): {silent:#?}");

    let policies = PolicySet::load(&[]).unwrap_or_else(|e| panic!("policies: {e}"));
    let options = ScanOptions {
        roots: vec![root.clone()],
        walk: WalkOptions {
            no_ignore: true,
            ..WalkOptions::default()
        },
        scope: "mail".to_owned(),
        max_file_size: scan::DEFAULT_MAX_FILE_SIZE,
    };
    let report = scan::run(&options, Some(&policies)).unwrap_or_else(|e| panic!("scan: {e}"));
    // Paths are shown relative to the working directory (the package root
    // under `cargo test`) or, failing that, to the scan root.
    let absolute = format!("{}/", tlsfloor::walk::display_path(&root));
    let mut actual = Expectations::new();
    let mut messages = BTreeMap::new();
    for f in &report.findings {
        let rel = f
            .path
            .strip_prefix(&absolute)
            .or_else(|| f.path.strip_prefix("samples/"))
            .unwrap_or(&f.path)
            .to_owned();
        let key = (rel, f.location.line, f.rule_id.clone());
        messages.insert(key.clone(), f.message.clone());
        *actual.entry(key).or_default() += 1;
    }
    let mut problems = Vec::new();
    for (key, n) in &expected {
        let got = actual.get(key).copied().unwrap_or(0);
        if got < *n {
            problems.push(format!(
                "missing: {}:{} {} (expected {n}, got {got})",
                key.0, key.1, key.2
            ));
        }
    }
    for (key, n) in &actual {
        let want = expected.get(key).copied().unwrap_or(0);
        if *n > want {
            problems.push(format!(
                "extra:   {}:{} {} (expected {want}, got {n}): {}",
                key.0,
                key.1,
                key.2,
                messages.get(key).map_or("", String::as_str)
            ));
        }
    }
    let errors: Vec<_> = report
        .notifications
        .iter()
        .filter(|n| n.level == scan::NoteLevel::Error)
        .map(|n| format!("notification: {}: {}", n.path, n.message))
        .collect();
    problems.extend(errors);
    assert!(
        problems.is_empty(),
        "samples disagree with their expectations:\n{}",
        problems.join("\n")
    );
}
