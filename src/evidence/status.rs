//! Runs the `tlsfloor.status` policy (`policies/status/`) over each file of a
//! finished scan: the Rego decides, for every inventory item, whether it is
//! compliant, non-compliant or unknown. Rust only feeds it the file's facts
//! and the findings the rules made on them, and checks the answer's shape.

use crate::facts::{FactsDocument, FileFacts};
use crate::policy::{PolicyError, PolicySet};
use crate::scan::ScanReport;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The Rego rule that lists a file's inventory items.
const ITEMS_RULE: &str = "data.tlsfloor.status.items";

/// The statuses an item may have.
pub const STATUSES: [&str; 3] = ["compliant", "non-compliant", "unknown"];

/// The policy's verdict on one fact.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Verdict {
    /// Index into the file's facts.
    pub fact: usize,
    pub status: String,
    pub reason: String,
    /// The rules that reported the item, or the rule a compliant item passed.
    pub rules: Vec<String>,
    /// For a compliant item: the rule its SARIF `pass` result names.
    pub pass_rule: Option<String>,
    /// The allowed TLS range in words.
    pub range: String,
    pub remedy: Option<String>,
}

/// Verdicts per file path, each list in fact order.
pub type Verdicts = BTreeMap<String, Vec<Verdict>>;

/// Judges every file of `report` with the status policy of `policies`.
pub fn judge(policies: &PolicySet, report: &ScanReport) -> Result<Verdicts, PolicyError> {
    let results: Vec<Result<(String, Vec<Verdict>), PolicyError>> = report
        .facts
        .files
        .par_iter()
        .map_init(
            || policies.engine(),
            |engine, file| {
                judge_file(engine, report, file).map(|verdicts| (file.path.clone(), verdicts))
            },
        )
        .collect();
    results.into_iter().collect()
}

fn judge_file(
    engine: &mut regorus::Engine,
    report: &ScanReport,
    file: &FileFacts,
) -> Result<Vec<Verdict>, PolicyError> {
    let doc = FactsDocument {
        schema: report.facts.schema.clone(),
        settings: report.facts.settings.clone(),
        files: vec![file.clone()],
    };
    let mut input = serde_json::to_value(&doc).map_err(|e| PolicyError(e.to_string()))?;
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .filter(|f| f.path == file.path)
        .flat_map(|f| {
            // A finding carries a copy of its fact; identical facts are the
            // same evidence, so the finding applies to each of them.
            file.facts
                .iter()
                .enumerate()
                .filter(move |(_, fact)| **fact == f.fact)
                .map(move |(i, _)| {
                    serde_json::json!({"fact": i, "rule_id": f.rule_id, "level": f.level})
                })
        })
        .collect();
    if let Some(obj) = input.as_object_mut() {
        obj.insert("findings".to_owned(), serde_json::Value::Array(findings));
    }
    let input = regorus::Value::from_json_str(&input.to_string())
        .map_err(|e| PolicyError(e.to_string()))?;
    engine.set_input(input);
    let value = engine
        .eval_rule(ITEMS_RULE.to_owned())
        .map_err(|e| PolicyError(format!("{ITEMS_RULE}: {}", e.to_string().trim())))?;
    if value == regorus::Value::Undefined {
        return Ok(Vec::new());
    }
    let json = value
        .to_json_str()
        .map_err(|e| PolicyError(e.to_string()))?;
    let mut verdicts: Vec<Verdict> = serde_json::from_str(&json).map_err(|e| {
        PolicyError(format!(
            "{ITEMS_RULE} must be a set of objects with fact, status, reason, rules, pass_rule, range and remedy: {e}"
        ))
    })?;
    for v in &verdicts {
        if !STATUSES.contains(&v.status.as_str()) {
            return Err(PolicyError(format!(
                "{ITEMS_RULE}: status {:?} for {} is not one of {STATUSES:?}",
                v.status, file.path
            )));
        }
        if v.fact >= file.facts.len() {
            return Err(PolicyError(format!(
                "{ITEMS_RULE}: fact {} of {} does not exist",
                v.fact, file.path
            )));
        }
    }
    verdicts.sort_by_key(|v| v.fact);
    if let Some(pair) = verdicts.windows(2).find(|w| w[0].fact == w[1].fact) {
        return Err(PolicyError(format!(
            "{ITEMS_RULE}: fact {} of {} has two verdicts ({} and {})",
            pair[0].fact, file.path, pair[0].status, pair[1].status
        )));
    }
    Ok(verdicts)
}
