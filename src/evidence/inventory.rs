//! The inventory: one row per mail client connection, TLS setting, mail
//! client in code, TLS library component, runtime and endpoint mention the
//! scan found, compliant or not, with the status the `tlsfloor.status`
//! policy gave it. Written as `inventory.json` (schema
//! `tlsfloor.inventory/1`) and `inventory.csv` (the same rows, flattened).

use super::status::{Verdict, Verdicts};
use crate::classify::FORMATS;
use crate::extract::common::redact::redact_identities;
use crate::facts::Fact;
use crate::scan::{Finding, ScanReport};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Version tag of `inventory.json`.
pub const SCHEMA: &str = "tlsfloor.inventory/1";

/// A documented exception to a finding (an inline suppression or a
/// `tlsfloor.toml` entry): who owns the risk, why, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    /// `inSource` (a comment in the file) or `external` (a config entry).
    pub kind: String,
    pub justification: String,
    pub owner: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub expires: Option<String>,
    pub expired: bool,
}

impl Exception {
    /// The expiry as the reports show it: the date, marked when it has
    /// passed, or `never`.
    pub fn expiry_text(&self) -> String {
        match (&self.expires, self.expired) {
            (Some(d), true) => format!("{d} (expired)"),
            (Some(d), false) => d.clone(),
            (None, _) => "never".to_owned(),
        }
    }
}

/// One inventory row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id: SHA-256 (16 hex digits) of repository, path, location, kind and fact.
    pub id: String,
    /// Which repository (or scan) the item comes from; see the manifest.
    pub repository: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// `config`, `code`, `firmware`, or `text` (the any-file scans).
    pub source_kind: String,
    pub format: String,
    /// The fact kind: `connection`, `mail_usage`, `tls_setting`, ...
    pub kind: String,
    pub client: Option<String>,
    pub protocol: Option<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls_mode: Option<String>,
    pub tls_min: Option<String>,
    pub tls_max: Option<String>,
    pub tls_basis: Option<String>,
    /// The allowed TLS range in words, from the policy.
    pub allowed: String,
    pub scope: Option<String>,
    /// `name = value` of a TLS setting, redacted.
    pub setting: Option<String>,
    /// `name version` of a component or runtime.
    pub component: Option<String>,
    /// `compliant`, `non-compliant` or `unknown`.
    pub status: String,
    pub reason: String,
    /// Rules that reported the item, or the rule a compliant item passed.
    pub rule_ids: Vec<String>,
    /// The highest level among the item's own findings.
    pub level: Option<String>,
    pub remedy: Option<String>,
    /// The source text behind the item, redacted.
    pub evidence: String,
    pub file_sha256: String,
    pub exception: Option<Exception>,
}

/// `inventory.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inventory {
    pub schema: String,
    pub counts: BTreeMap<String, usize>,
    pub items: Vec<Item>,
}

impl Inventory {
    /// Sorts, de-duplicates by id and recounts: the one normal form, so a
    /// merged inventory equals the unsharded one byte for byte.
    pub fn new(mut items: Vec<Item>) -> Inventory {
        items.sort_by(|a, b| {
            (
                &a.repository,
                &a.path,
                a.line,
                a.column,
                a.end_line,
                a.end_column,
                &a.kind,
                &a.id,
            )
                .cmp(&(
                    &b.repository,
                    &b.path,
                    b.line,
                    b.column,
                    b.end_line,
                    b.end_column,
                    &b.kind,
                    &b.id,
                ))
        });
        items.dedup_by(|a, b| a.id == b.id);
        let mut counts: BTreeMap<String, usize> = super::status::STATUSES
            .iter()
            .map(|s| ((*s).to_owned(), 0))
            .collect();
        for item in &items {
            *counts.entry(item.status.clone()).or_default() += 1;
        }
        counts.insert("total".to_owned(), items.len());
        Inventory {
            schema: SCHEMA.to_owned(),
            counts,
            items,
        }
    }

    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }

    /// The CSV columns, in order.
    pub const CSV_COLUMNS: [&'static str; 32] = [
        "id",
        "repository",
        "path",
        "line",
        "column",
        "source_kind",
        "format",
        "kind",
        "client",
        "protocol",
        "host",
        "port",
        "tls_mode",
        "tls_min",
        "tls_max",
        "tls_basis",
        "allowed",
        "scope",
        "setting",
        "component",
        "status",
        "reason",
        "rule_ids",
        "level",
        "remedy",
        "evidence",
        "file_sha256",
        "exception_kind",
        "exception_owner",
        "exception_expires",
        "exception_expired",
        "exception_justification",
    ];

    /// RFC 4180 CSV (CRLF line ends, quoted where needed). A cell that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
    /// the start) gets a leading `'`, as OWASP advises for CSV exports.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        push_row(
            &mut out,
            Self::CSV_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        );
        for i in &self.items {
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            let ex = i.exception.as_ref();
            push_row(
                &mut out,
                vec![
                    i.id.clone(),
                    i.repository.clone(),
                    i.path.clone(),
                    i.line.to_string(),
                    i.column.to_string(),
                    i.source_kind.clone(),
                    i.format.clone(),
                    i.kind.clone(),
                    opt(&i.client),
                    opt(&i.protocol),
                    opt(&i.host),
                    i.port.map(|p| p.to_string()).unwrap_or_default(),
                    opt(&i.tls_mode),
                    opt(&i.tls_min),
                    opt(&i.tls_max),
                    opt(&i.tls_basis),
                    i.allowed.clone(),
                    opt(&i.scope),
                    opt(&i.setting),
                    opt(&i.component),
                    i.status.clone(),
                    i.reason.clone(),
                    i.rule_ids.join(" "),
                    opt(&i.level),
                    opt(&i.remedy),
                    i.evidence.clone(),
                    i.file_sha256.clone(),
                    ex.map(|e| e.kind.clone()).unwrap_or_default(),
                    ex.and_then(|e| e.owner.clone()).unwrap_or_default(),
                    ex.and_then(|e| e.expires.clone()).unwrap_or_default(),
                    ex.map(|e| e.expired.to_string()).unwrap_or_default(),
                    ex.map(|e| e.justification.clone()).unwrap_or_default(),
                ],
            );
        }
        out
    }
}

fn push_row(out: &mut String, cells: Vec<String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The source kind of a format id, from the format registry (`text` for
/// files only the any-file scans read).
pub fn source_kind(format: &str) -> &'static str {
    FORMATS
        .iter()
        .find(|f| f.id == format)
        .map_or("text", |f| f.kind.as_str())
}

/// The exception recorded for an item, from its findings. This is the one
/// place exceptions enter the evidence: findings do not carry exception
/// data in this version, so there is none to report yet; when [`Finding`]
/// gains its suppression (kind, justification, owner, expiry), map it here.
/// The waiver on an item's findings (an inline `tlsfloor:ignore` or a
/// `tlsfloor.toml` exception), if any; an expired one is listed too, marked,
/// so the inventory shows waivers that no longer hold.
fn exception_of(findings: &[&Finding]) -> Option<Exception> {
    findings.iter().find_map(|f| {
        f.suppression.as_ref().map(|s| Exception {
            kind: s.kind.as_str().to_owned(),
            justification: s.justification.clone(),
            owner: s.owner.clone(),
            expires: s.expires.clone(),
            expired: s.expired,
        })
    })
}

fn enum_text<T: Serialize>(value: &Option<T>) -> Option<String> {
    value
        .as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
}

fn item_id(repository: &str, path: &str, fact: &Fact) -> String {
    let mut h = Sha256::new();
    for part in [repository, path] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(serde_json::to_vec(fact).unwrap_or_default());
    let hex = crate::policy::hex(&h.finalize());
    hex.get(..16).unwrap_or(&hex).to_owned()
}

fn level_rank(level: &str) -> u8 {
    match level {
        "error" => 0,
        "warning" => 1,
        "note" => 2,
        _ => 3,
    }
}

/// One item per verdict of the status policy.
pub fn build(report: &ScanReport, verdicts: &Verdicts, repository: &str) -> Inventory {
    let mut items = Vec::new();
    for file in &report.facts.files {
        let Some(file_verdicts) = verdicts.get(&file.path) else {
            continue;
        };
        for v in file_verdicts {
            let Some(fact) = file.facts.get(v.fact) else {
                continue;
            };
            let findings: Vec<&Finding> = report
                .findings
                .iter()
                .filter(|f| f.path == file.path && f.fact == *fact)
                .collect();
            items.push(item(
                repository,
                &file.path,
                &file.format,
                &file.sha256,
                fact,
                v,
                &findings,
            ));
        }
    }
    Inventory::new(items)
}

fn item(
    repository: &str,
    path: &str,
    format: &str,
    sha256: &str,
    fact: &Fact,
    verdict: &Verdict,
    findings: &[&Finding],
) -> Item {
    let tls = fact.tls.as_ref();
    Item {
        id: item_id(repository, path, fact),
        repository: repository.to_owned(),
        path: path.to_owned(),
        line: fact.location.line,
        column: fact.location.column,
        end_line: fact.location.end_line,
        end_column: fact.location.end_column,
        source_kind: source_kind(format).to_owned(),
        format: format.to_owned(),
        kind: enum_text(&Some(fact.kind)).unwrap_or_default(),
        client: fact.client.clone(),
        protocol: enum_text(&fact.protocol),
        host: fact.host.clone(),
        port: fact.port,
        tls_mode: enum_text(&fact.tls_mode),
        tls_min: tls.and_then(|t| t.min.clone()),
        tls_max: tls.and_then(|t| t.max.clone()),
        tls_basis: enum_text(&tls.map(|t| t.basis)),
        allowed: verdict.range.clone(),
        scope: fact.scope.clone(),
        setting: fact
            .setting
            .as_ref()
            .map(|s| redact_identities(&format!("{} = {}", s.name, s.value))),
        component: fact.component.as_ref().map(|c| match &c.version {
            Some(v) => format!("{} {v}", c.name),
            None => c.name.clone(),
        }),
        status: verdict.status.clone(),
        reason: verdict.reason.clone(),
        rule_ids: verdict.rules.clone(),
        level: findings
            .iter()
            .map(|f| f.level.as_str())
            .min_by_key(|l| level_rank(l))
            .map(str::to_owned),
        remedy: verdict.remedy.clone(),
        evidence: redact_identities(&fact.evidence),
        file_sha256: sha256.to_owned(),
        exception: exception_of(findings),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formula_safe() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(
            csv_cell("-Djdk.tls.client.protocols=TLSv1"),
            "'-Djdk.tls.client.protocols=TLSv1"
        );
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn source_kinds_come_from_the_registry() {
        assert_eq!(source_kind("mbsync"), "config");
        assert_eq!(source_kind("python"), "code");
        assert_eq!(source_kind("cyclonedx-json"), "firmware");
        assert_eq!(source_kind("text"), "text");
    }
}
