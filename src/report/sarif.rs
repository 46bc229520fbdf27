//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//!
//! Built with serde-sarif's typed builders. Rules come from the policy
//! metadata; results carry a repo-relative URI under `%SRCROOT%`, a full
//! region with snippet, related locations with messages, and GitHub's own
//! `primaryLocationLineHash`. Files that could not be read or parsed are
//! `toolExecutionNotifications`. No timestamps, so the same input gives the
//! same bytes.

use crate::policy::metadata::RuleMeta;
use crate::scan::{Finding, Notification, ScanReport};
use serde_sarif::sarif;
use std::collections::BTreeMap;

/// Where tlsfloor's documentation lives (SARIF `informationUri`).
pub const INFORMATION_URI: &str = "https://github.com/tlsfloor/tlsfloor";

/// Percent-encodes a relative path for a SARIF `uri` (RFC 3986: unreserved
/// characters and `/` stay, everything else is `%XX` of its UTF-8 bytes).
pub fn encode_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn artifact(path: &str) -> sarif::ArtifactLocation {
    sarif::ArtifactLocation::builder()
        .uri(encode_uri(path))
        .uri_base_id("%SRCROOT%")
        .build()
}

fn text(s: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(s.to_owned())
        .build()
}

fn rule_descriptor(rule: &RuleMeta) -> sarif::ReportingDescriptor {
    let mut extra = BTreeMap::new();
    if let Some(sev) = &rule.security_severity {
        extra.insert(
            "security-severity".to_owned(),
            serde_json::Value::from(sev.clone()),
        );
    }
    if let Some(precision) = &rule.precision {
        extra.insert(
            "precision".to_owned(),
            serde_json::Value::from(precision.clone()),
        );
    }
    let problem_severity = match rule.level.as_str() {
        "note" => "recommendation",
        other => other,
    };
    extra.insert(
        "problem.severity".to_owned(),
        serde_json::Value::from(problem_severity),
    );
    let properties = sarif::PropertyBag::builder()
        .tags(rule.tags.clone())
        .additional_properties(extra)
        .build();
    let help_text = if rule.help.is_empty() {
        rule.description.clone()
    } else {
        crate::explain::help_markdown(rule)
    };
    let help = sarif::MultiformatMessageString::builder()
        .text(help_text.clone())
        .markdown(help_text)
        .build();
    let config = sarif::ReportingConfiguration::builder()
        .level(serde_json::Value::from(rule.level.clone()))
        .build();
    let builder = sarif::ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule.name.clone())
        .short_description(text(&rule.short))
        .full_description(text(&rule.description))
        .help(help)
        .default_configuration(config)
        .properties(properties);
    match help_uri(rule) {
        Some(uri) => builder.help_uri(uri).build(),
        None => builder.build(),
    }
}

/// The rule's `help_uri`, else, for a built-in rule, its policy file in the
/// repository (metadata, remedy and Rego in one place). A user rule without
/// one gets none: a link to our repository would be wrong for it.
fn help_uri(rule: &RuleMeta) -> Option<String> {
    if let Some(uri) = &rule.help_uri {
        return Some(uri.clone());
    }
    rule.source
        .strip_prefix("builtin:")
        .map(|file| format!("{INFORMATION_URI}/blob/main/policies/{file}"))
}

fn region(location: &crate::facts::Location, snippet: Option<&str>) -> sarif::Region {
    let builder = sarif::Region::builder()
        .start_line(location.line as i64)
        .start_column(location.column as i64)
        .end_line(location.end_line as i64)
        .end_column(location.end_column as i64);
    match snippet {
        Some(s) => builder
            .snippet(sarif::ArtifactContent::builder().text(s.to_owned()).build())
            .build(),
        None => builder.build(),
    }
}

fn level(level: &str) -> sarif::ResultLevel {
    match level {
        "error" => sarif::ResultLevel::Error,
        "warning" => sarif::ResultLevel::Warning,
        "note" => sarif::ResultLevel::Note,
        _ => sarif::ResultLevel::None,
    }
}

fn result(finding: &Finding) -> sarif::Result {
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(artifact(&finding.path))
        .region(region(&finding.location, Some(&finding.snippet)))
        .build();
    let location = sarif::Location::builder()
        .physical_location(physical)
        .build();
    let related: Vec<sarif::Location> = finding
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = crate::facts::Location {
                line: r.line,
                column: r.column,
                end_line: r.end_line,
                end_column: r.end_column,
            };
            sarif::Location::builder()
                .id(i as i64 + 1)
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(artifact(&finding.path))
                        .region(region(&loc, None))
                        .build(),
                )
                .message(sarif::Message::builder().text(r.message.clone()).build())
                .build()
        })
        .collect();
    let mut fingerprints = BTreeMap::new();
    if let Some(fp) = &finding.fingerprint {
        fingerprints.insert("primaryLocationLineHash".to_owned(), fp.clone());
    }
    let builder = sarif::Result::builder()
        .rule_id(finding.rule_id.clone())
        .rule_index(finding.rule as i64)
        .level(level(&finding.level))
        .message(
            sarif::Message::builder()
                .text(finding.message.clone())
                .build(),
        )
        .locations(vec![location])
        .partial_fingerprints(fingerprints);
    let mut result = if related.is_empty() {
        builder.build()
    } else {
        builder.related_locations(related).build()
    };
    if let Some(s) = &finding.suppression {
        result.suppressions = Some(vec![suppression(s)]);
    }
    if let Some(state) = finding.baseline {
        result.baseline_state = Some(serde_json::Value::from(state.as_str()));
    }
    result
}

/// SARIF `suppression`: in force (`accepted`), or an expired exception
/// (`rejected`: recorded, but the result is not suppressed).
fn suppression(s: &crate::suppress::Suppression) -> sarif::Suppression {
    let mut extra = BTreeMap::new();
    extra.insert(
        "source".to_owned(),
        serde_json::Value::from(s.source.clone()),
    );
    if let Some(owner) = &s.owner {
        extra.insert("owner".to_owned(), serde_json::Value::from(owner.clone()));
    }
    if let Some(expires) = &s.expires {
        extra.insert(
            "expires".to_owned(),
            serde_json::Value::from(expires.clone()),
        );
    }
    sarif::Suppression::builder()
        .kind(serde_json::Value::from(s.kind.as_str()))
        .status(serde_json::Value::from(if s.is_active() {
            "accepted"
        } else {
            "rejected"
        }))
        .justification(s.justification.clone())
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(extra)
                .build(),
        )
        .build()
}

fn notification(n: &Notification) -> sarif::Notification {
    // SARIF2017 asks every location for a region; a whole-file notice
    // points at line 1.
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(artifact(&n.path))
        .region(
            sarif::Region::builder()
                .start_line(n.line.unwrap_or(1) as i64)
                .build(),
        )
        .build();
    sarif::Notification::builder()
        .level(serde_json::Value::from(n.level.as_str()))
        .message(
            sarif::Message::builder()
                .text(format!("{}: {}", n.path, n.message))
                .build(),
        )
        .locations(vec![sarif::Location::builder()
            .physical_location(physical)
            .build()])
        .build()
}

/// Choices for the SARIF log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SarifOptions {
    /// `--category`: written as `runAutomationDetails.id` `<category>/`
    /// (a trailing `/` added as `upload-sarif` does), so several tlsfloor
    /// uploads for one commit stay apart.
    pub category: Option<String>,
    /// `--include-suppressed`: keep suppressed results, each with its
    /// `suppressions` entry. GitHub ignores `suppressions` and would open
    /// an alert for each, so they are left out by default.
    pub include_suppressed: bool,
}

/// The SARIF log for a scan, as pretty-printed JSON, with the default
/// options (suppressed results left out) and no upload limits.
pub fn render(report: &ScanReport, version: &str) -> Result<String, serde_json::Error> {
    let options = SarifOptions::default();
    let view = ScanReportView {
        findings: selected(report, &options),
        extra_notes: Vec::new(),
    };
    render_view(report, version, &options, &view)
}

/// The findings the log shows: all, or those not suppressed.
fn selected<'a>(report: &'a ScanReport, options: &SarifOptions) -> Vec<&'a Finding> {
    report
        .findings
        .iter()
        .filter(|f| options.include_suppressed || !f.is_suppressed())
        .collect()
}

/// The SARIF log for a scan with `options`, within GitHub's upload limits
/// (see [`super::github_limits`]): over a limit it either fails with a
/// clear message or, for the result count, keeps the most severe results
/// and says so in a run-level notification.
pub fn render_with(
    report: &ScanReport,
    version: &str,
    options: &SarifOptions,
) -> Result<String, String> {
    render_limited(
        report,
        version,
        options,
        &super::github_limits::Limits::GITHUB,
    )
}

/// [`render_with`] under other `limits` (tests use small ones).
pub fn render_limited(
    report: &ScanReport,
    version: &str,
    options: &SarifOptions,
    limits: &super::github_limits::Limits,
) -> Result<String, String> {
    let findings = selected(report, options);
    limits.check_rules(&report.rules)?;
    let (kept, note) = limits.select_results(&findings, &report.rules);
    let notes: Vec<sarif::Notification> = note.into_iter().collect();
    let view = ScanReportView {
        findings: kept,
        extra_notes: notes,
    };
    let text = render_view(report, version, options, &view).map_err(|e| e.to_string())?;
    limits.check_size(&text)?;
    Ok(text)
}

/// The results chosen for the log and run-level notes about the choice.
struct ScanReportView<'a> {
    findings: Vec<&'a Finding>,
    extra_notes: Vec<sarif::Notification>,
}

fn render_view(
    report: &ScanReport,
    version: &str,
    options: &SarifOptions,
    view: &ScanReportView<'_>,
) -> Result<String, serde_json::Error> {
    let driver = sarif::ToolComponent::builder()
        .name("tlsfloor")
        .semantic_version(version.to_owned())
        .version(version.to_owned())
        .information_uri(INFORMATION_URI)
        .rules(report.rules.iter().map(rule_descriptor).collect::<Vec<_>>())
        .build();
    let invocation = sarif::Invocation::builder()
        .execution_successful(true)
        .tool_execution_notifications(
            view.extra_notes
                .iter()
                .cloned()
                .chain(report.notifications.iter().map(notification))
                .collect::<Vec<_>>(),
        )
        .build();
    let mut run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(view.findings.iter().map(|f| result(f)).collect::<Vec<_>>())
        .invocations(vec![invocation])
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    if let Some(category) = &options.category {
        let id = if category.ends_with('/') {
            category.clone()
        } else {
            format!("{category}/")
        };
        run.automation_details = Some(sarif::RunAutomationDetails::builder().id(id).build());
    }
    let log = sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log)?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_uri("dot files/.mbsyncrc"), "dot%20files/.mbsyncrc");
        assert_eq!(encode_uri("a/ü#1"), "a/%C3%BC%231");
    }
}
