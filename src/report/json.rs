//! `--format json`: findings, notifications and counts for scripts and
//! dashboards. Stable field names; `schema` tells consumers the version.

use crate::scan::ScanReport;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    tool: Tool<'a>,
    findings: Vec<Finding<'a>>,
    notifications: Vec<Notification<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
    policy_sha256: Option<&'a str>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    level: &'a str,
    message: &'a str,
    /// The message's two parts, when the rule gives them apart.
    problem: Option<&'a str>,
    remedy: Option<&'a str>,
    path: &'a str,
    format: &'a str,
    location: crate::facts::Location,
    snippet: &'a str,
    related: &'a [crate::facts::Related],
    fingerprint: Option<&'a str>,
    fact: &'a crate::facts::Fact,
    /// The waiver covering the finding, if any (see `crate::suppress`).
    suppression: Option<&'a crate::suppress::Suppression>,
    /// `new` or `unchanged` against `--baseline`; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
}

#[derive(Serialize)]
struct Notification<'a> {
    path: &'a str,
    level: &'static str,
    line: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    files_seen: usize,
    files_scanned: usize,
    files_skipped: usize,
    files_failed: usize,
    files_with_facts: usize,
    skipped: &'a std::collections::BTreeMap<String, usize>,
    failed: &'a std::collections::BTreeMap<String, usize>,
    findings: std::collections::BTreeMap<&'a str, usize>,
}

/// The JSON report, pretty-printed.
pub fn render(report: &ScanReport, version: &str) -> Result<String, serde_json::Error> {
    let mut by_level = std::collections::BTreeMap::new();
    for f in &report.findings {
        *by_level.entry(f.level.as_str()).or_insert(0) += 1;
    }
    let output = Output {
        schema: "tlsfloor.report/1",
        tool: Tool {
            name: "tlsfloor",
            version,
            policy_sha256: report.policy_digest.as_deref(),
        },
        findings: report
            .findings
            .iter()
            .map(|f| Finding {
                rule_id: &f.rule_id,
                rule_name: report.rules.get(f.rule).map_or("", |r| r.name.as_str()),
                level: &f.level,
                message: &f.message,
                problem: f.problem.as_deref(),
                remedy: f.remedy.as_deref(),
                path: &f.path,
                format: &f.format,
                location: f.location,
                snippet: &f.snippet,
                related: &f.related,
                fingerprint: f.fingerprint.as_deref(),
                fact: &f.fact,
                suppression: f.suppression.as_ref(),
                baseline_state: f.baseline.map(|b| b.as_str()),
            })
            .collect(),
        notifications: report
            .notifications
            .iter()
            .map(|n| Notification {
                path: &n.path,
                level: n.level.as_str(),
                line: n.line,
                message: &n.message,
            })
            .collect(),
        summary: Summary {
            files_seen: report.summary.seen,
            files_scanned: report.summary.scanned,
            files_skipped: report.summary.skipped_total(),
            files_failed: report.summary.failed_total(),
            files_with_facts: report.summary.with_facts,
            skipped: &report.summary.skipped,
            failed: &report.summary.failed,
            findings: by_level,
        },
    };
    let mut out = serde_json::to_string_pretty(&output)?;
    out.push('\n');
    Ok(out)
}
