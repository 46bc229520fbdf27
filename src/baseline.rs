//! `--baseline FILE`: compare a scan with an earlier SARIF log so that a CI
//! gate fails only on what is new.
//!
//! A result of the baseline and a finding of this scan are the same when
//! they agree on the **rule id**, the **file path** (the artifact URI,
//! percent-decoded) and GitHub's **`primaryLocationLineHash`** (which
//! hashes the text from the start of the finding's line and counts repeats,
//! so it survives lines moving up or down, and changes when the line
//! itself does). A result without that fingerprint falls back to its start
//! line. Each baseline result matches at most one finding.
//!
//! Matched findings get `baselineState: unchanged` and do not fail the
//! run; the others are `new`. Baseline results that match nothing were
//! fixed (`absent`) and are counted in the summary. `tlsfloor baseline`
//! writes a baseline: the SARIF of the findings that currently count
//! (suppressed findings are left out, so an exception that expires later
//! brings its findings back as new).

use crate::scan::ScanReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// SARIF `result.baselineState`, for the values tlsfloor writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BaselineState {
    New,
    Unchanged,
}

impl BaselineState {
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
        }
    }
}

/// The identity of a result: rule, path, fingerprint (or `line:N`).
type Key = (String, String, String);

/// The results of an earlier run, as a multiset of keys.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    keys: BTreeMap<Key, usize>,
}

/// What applying a baseline found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Comparison {
    pub new: usize,
    pub unchanged: usize,
    /// Baseline results no finding matched (fixed since).
    pub absent: usize,
}

/// Percent-decodes a SARIF URI (the inverse of `report::sarif::encode_uri`).
fn decode_uri(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn key(rule: &str, path: &str, fingerprint: Option<&str>, line: usize) -> Key {
    (
        rule.to_owned(),
        path.to_owned(),
        fingerprint.map_or_else(|| format!("line:{line}"), str::to_owned),
    )
}

impl Baseline {
    /// Reads the tlsfloor runs of a SARIF log.
    pub fn parse(label: &str, text: &str) -> Result<Baseline, String> {
        let log: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("baseline {label} is not JSON: {e}"))?;
        let runs = log["runs"]
            .as_array()
            .ok_or_else(|| format!("baseline {label} is not a SARIF log (no runs)"))?;
        let mut baseline = Baseline::default();
        let mut ours = 0;
        for run in runs {
            if run["tool"]["driver"]["name"].as_str() != Some("tlsfloor") {
                continue;
            }
            ours += 1;
            for result in run["results"].as_array().into_iter().flatten() {
                let Some(rule) = result["ruleId"].as_str() else {
                    continue;
                };
                let physical = &result["locations"][0]["physicalLocation"];
                let Some(uri) = physical["artifactLocation"]["uri"].as_str() else {
                    continue;
                };
                let line = physical["region"]["startLine"].as_u64().unwrap_or(1) as usize;
                let fingerprint = result["partialFingerprints"]["primaryLocationLineHash"].as_str();
                *baseline
                    .keys
                    .entry(key(rule, &decode_uri(uri), fingerprint, line))
                    .or_default() += 1;
            }
        }
        if ours == 0 {
            return Err(format!("baseline {label} holds no tlsfloor run"));
        }
        Ok(baseline)
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let label = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {label}: {e}"))?;
        Baseline::parse(&label, &text)
    }

    /// Marks every finding that still counts as `new` or `unchanged`.
    /// Suppressed findings are not compared (they are not in a baseline).
    pub fn apply(&self, report: &mut ScanReport) -> Comparison {
        let mut left = self.keys.clone();
        let mut cmp = Comparison::default();
        for f in report.findings.iter_mut().filter(|f| !f.is_suppressed()) {
            let k = key(
                &f.rule_id,
                &f.path,
                f.fingerprint.as_deref(),
                f.location.line,
            );
            let state = match left.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    cmp.unchanged += 1;
                    BaselineState::Unchanged
                }
                _ => {
                    cmp.new += 1;
                    BaselineState::New
                }
            };
            f.baseline = Some(state);
        }
        cmp.absent = left.values().sum();
        cmp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_decode() {
        assert_eq!(decode_uri("dot%20files/a%C3%BC"), "dot files/aü");
        assert_eq!(decode_uri("100%"), "100%");
    }

    #[test]
    fn other_tools_are_not_a_baseline() {
        let text = r#"{"runs":[{"tool":{"driver":{"name":"other"}},"results":[]}]}"#;
        assert!(Baseline::parse("b", text).is_err());
        let text = r#"{"runs":[{"tool":{"driver":{"name":"tlsfloor"}},"results":[
            {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"a%20b"},"region":{"startLine":3}}}],
             "partialFingerprints":{"primaryLocationLineHash":"abc:1"}},
            {"ruleId":"R","locations":[{"physicalLocation":{"artifactLocation":{"uri":"c"},"region":{"startLine":4}}}]}]}]}"#;
        let b = Baseline::parse("b", text).unwrap_or_default();
        assert_eq!(b.keys.get(&key("R", "a b", Some("abc:1"), 0)), Some(&1));
        assert_eq!(b.keys.get(&key("R", "c", None, 4)), Some(&1));
    }
}
