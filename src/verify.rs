//! `tlsfloor verify DIR`: a samples-style tree states the findings each of
//! its files must produce, and this checks that the scan agrees exactly (no
//! missing and no extra finding, no file that states nothing, no error
//! notification). The project's own `samples/` are tested with it, and
//! users test their own policies on their own files the same way.
//!
//! How a file states its findings:
//! - a line holding `expect: ID` (several ids separated by spaces or
//!   commas; usually in a comment) expects those findings on the next line
//!   that does not itself hold `expect:`; a token counts as an id when it
//!   is the id of a loaded rule, so prose after the ids is allowed;
//! - `expect: none` anywhere says the file must produce no finding;
//! - formats without comments (JSON) use a sidecar `<file>.expect` with one
//!   `LINE ID [ID ...]` per line, or `none` (`#` starts a comment line).
//!
//! Suppressed findings (inline `tlsfloor:ignore`) are not expected: the
//! expectations describe what a user is shown.

use crate::policy::PolicySet;
use crate::scan::{self, ScanOptions};
use crate::walk::WalkOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// (path relative to the tree, line, rule id) -> count.
pub type Expectations = BTreeMap<(String, usize, String), usize>;

/// The verdict on a tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files checked.
    pub files: usize,
    /// Findings expected and found in total.
    pub expected: usize,
    pub found: usize,
    /// One line per disagreement; empty when the tree holds.
    pub problems: Vec<String>,
}

fn rule_ids(text: &str, known: &[&str]) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| known.contains(t))
        .map(str::to_owned)
        .collect()
}

/// The expectations of one file; `Ok(None)` if it states none.
pub fn expectations_of(
    path: &Path,
    rel: &str,
    known: &[&str],
) -> Result<Option<Expectations>, String> {
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
                .map_err(|_| format!("{rel}.expect: bad line {line:?} (want `LINE ID ...`)"))?;
            for rule in rule_ids(rules, known) {
                *out.entry((rel.to_owned(), num, rule)).or_default() += 1;
            }
        }
        return Ok(Some(out));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{rel}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let mut stated = false;
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("expect:") else {
            continue;
        };
        stated = true;
        let rules = rule_ids(&line[at + "expect:".len()..], known);
        if rules.is_empty() {
            continue;
        }
        let target = (i + 1..lines.len())
            .find(|&j| !lines[j].contains("expect:"))
            .ok_or_else(|| format!("{rel}:{}: expect: with no line after it", i + 1))?;
        for rule in rules {
            *out.entry((rel.to_owned(), target + 1, rule)).or_default() += 1;
        }
    }
    Ok(stated.then_some(out))
}

/// Every file of the tree, sorted, except `.expect` sidecars and READMEs.
fn tree_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            tree_files(&path, out);
        } else {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".expect") && name != "README.md" {
                out.push(path);
            }
        }
    }
}

/// How the walk shows paths under `root` (see `walk`): relative roots as
/// written, absolute ones relative to the working directory when inside
/// it, else relative to the root itself.
fn shown_prefix(root: &Path) -> String {
    let rel = if root.is_relative() {
        Some(root.to_owned())
    } else {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| root.strip_prefix(cwd).ok().map(Path::to_owned))
    };
    match rel.map(|r| crate::walk::display_path(&r)) {
        Some(p) if p != "." && !p.is_empty() => format!("{p}/"),
        _ => String::new(),
    }
}

/// Scans `root` (ignore files not honoured: every file is a sample) with
/// `policies` in `scope` and compares the findings with the expectations.
pub fn run(root: &Path, policies: &PolicySet, scope: &str) -> Result<Outcome, String> {
    let known: Vec<&str> = policies.rules.iter().map(|r| r.id.as_str()).collect();
    let mut files = Vec::new();
    tree_files(root, &mut files);
    if files.is_empty() {
        return Err(format!("{}: no files to verify", root.display()));
    }
    let mut outcome = Outcome {
        files: files.len(),
        ..Outcome::default()
    };
    let mut expected = Expectations::new();
    for path in &files {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        match expectations_of(path, &rel, &known)? {
            Some(e) => expected.extend(e),
            None => outcome.problems.push(format!(
                "states nothing: {rel} (add `expect:` comments or a .expect sidecar)"
            )),
        }
    }
    let options = ScanOptions {
        roots: vec![root.to_owned()],
        walk: WalkOptions {
            no_ignore: true,
            ..WalkOptions::default()
        },
        scope: scope.to_owned(),
        max_file_size: scan::DEFAULT_MAX_FILE_SIZE,
    };
    let report = scan::run(&options, Some(policies)).map_err(|e| e.to_string())?;
    let prefix = shown_prefix(root);
    let mut actual = Expectations::new();
    let mut messages = BTreeMap::new();
    for f in report.findings.iter().filter(|f| !f.is_suppressed()) {
        let rel = f
            .path
            .strip_prefix(prefix.as_str())
            .unwrap_or(&f.path)
            .to_owned();
        let key = (rel, f.location.line, f.rule_id.clone());
        messages.insert(key.clone(), f.message.clone());
        *actual.entry(key).or_default() += 1;
    }
    for (key, n) in &expected {
        let got = actual.get(key).copied().unwrap_or(0);
        if got < *n {
            outcome.problems.push(format!(
                "missing: {}:{} {} (expected {n}, got {got})",
                key.0, key.1, key.2
            ));
        }
    }
    for (key, n) in &actual {
        let want = expected.get(key).copied().unwrap_or(0);
        if *n > want {
            outcome.problems.push(format!(
                "extra:   {}:{} {} (expected {want}, got {n}): {}",
                key.0,
                key.1,
                key.2,
                messages.get(key).map_or("", String::as_str)
            ));
        }
    }
    outcome.problems.extend(
        report
            .notifications
            .iter()
            .filter(|n| n.level == scan::NoteLevel::Error)
            .map(|n| format!("error:   {}: {}", n.path, n.message)),
    );
    outcome.expected = expected.values().sum();
    outcome.found = actual.values().sum();
    Ok(outcome)
}
