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
    match &rule.help_uri {
        Some(uri) => builder.help_uri(uri.clone()).build(),
        None => builder
            .help_uri(format!(
                "{INFORMATION_URI}#{}",
                rule.id.to_ascii_lowercase()
            ))
            .build(),
    }
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
    if related.is_empty() {
        builder.build()
    } else {
        builder.related_locations(related).build()
    }
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

/// The SARIF log for a scan, as pretty-printed JSON.
pub fn render(report: &ScanReport, version: &str) -> Result<String, serde_json::Error> {
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
            report
                .notifications
                .iter()
                .map(notification)
                .collect::<Vec<_>>(),
        )
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(report.findings.iter().map(result).collect::<Vec<_>>())
        .invocations(vec![invocation])
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
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
