//! `findings.sarif`: the run `scan --format sarif` writes, plus one result
//! with `kind: pass` (level `none`) for every compliant inventory item, so
//! the SARIF and the inventory agree; and the merge of many such logs.
//!
//! Every run names its repository in `properties.repository`, so merged
//! logs keep one run per repository (each with its own `%SRCROOT%`).
//! Results and notifications are put in one canonical order, which makes a
//! merge of shards byte-identical to the unsharded run.

use super::inventory::Inventory;
use crate::report::sarif::encode_uri;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The `partialFingerprints` key that carries an inventory item's id, so
/// that pass results of distinct items at one place stay distinct.
pub const ITEM_FINGERPRINT: &str = "tlsfloorItem/v1";

/// Adds the pass results and the repository to a rendered SARIF log.
pub fn with_passes(sarif: &str, inventory: &Inventory, repository: &str) -> Result<Value, String> {
    let mut log: Value = serde_json::from_str(sarif).map_err(|e| e.to_string())?;
    let run = log
        .pointer_mut("/runs/0")
        .ok_or("the SARIF log has no run")?;
    let passes: Vec<Value> = inventory
        .items
        .iter()
        .filter(|i| i.status == "compliant")
        .filter_map(|i| {
            let rule = i.rule_ids.first()?;
            Some(json!({
                "ruleId": rule,
                "kind": "pass",
                "level": "none",
                "message": {"text": i.reason},
                "partialFingerprints": {ITEM_FINGERPRINT: i.id},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": encode_uri(&i.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": i.line,
                            "startColumn": i.column,
                            "endLine": i.end_line,
                            "endColumn": i.end_column,
                            "snippet": {"text": i.evidence},
                        },
                    },
                }],
            }))
        })
        .collect();
    if let Some(results) = run.get_mut("results").and_then(Value::as_array_mut) {
        results.extend(passes);
    }
    for key in ["results", "invocations"] {
        if let Some(part) = run.get_mut(key) {
            redact_texts(part);
        }
    }
    set_repository(run, repository);
    normalize_run(run);
    Ok(log)
}

/// Masks user names (and secrets) in every `text` of results and
/// notifications: messages, snippets, related locations.
fn redact_texts(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "text" => {
                        *s = crate::extract::common::redact::redact_identities(s);
                    }
                    _ => redact_texts(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_texts),
        _ => {}
    }
}

fn set_repository(run: &mut Value, repository: &str) {
    if let Some(obj) = run.as_object_mut() {
        let props = obj.entry("properties").or_insert_with(|| json!({}));
        if let Some(p) = props.as_object_mut() {
            p.insert("repository".to_owned(), Value::from(repository));
        }
    }
}

/// The repository a run names (empty for plain `scan` output).
pub fn repository_of(run: &Value) -> String {
    run.pointer("/properties/repository")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn text_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

fn num_at(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer).and_then(Value::as_i64).unwrap_or(0)
}

/// The identity of a result: place, rule, kind, fingerprints and message.
fn result_key(r: &Value) -> (String, i64, i64, i64, i64, String, String, String, String) {
    let loc = "/locations/0/physicalLocation";
    (
        text_at(r, &format!("{loc}/artifactLocation/uri")).to_owned(),
        num_at(r, &format!("{loc}/region/startLine")),
        num_at(r, &format!("{loc}/region/startColumn")),
        num_at(r, &format!("{loc}/region/endLine")),
        num_at(r, &format!("{loc}/region/endColumn")),
        text_at(r, "/ruleId").to_owned(),
        text_at(r, "/kind").to_owned(),
        r.get("partialFingerprints")
            .map(Value::to_string)
            .unwrap_or_default(),
        text_at(r, "/message/text").to_owned(),
    )
}

fn notification_key(n: &Value) -> (String, u8, i64, String) {
    let rank = match text_at(n, "/level") {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    (
        text_at(n, "/locations/0/physicalLocation/artifactLocation/uri").to_owned(),
        rank,
        num_at(n, "/locations/0/physicalLocation/region/startLine"),
        text_at(n, "/message/text").to_owned(),
    )
}

/// Sorts results and notifications canonically, drops duplicates, and
/// points every `ruleIndex` at the run's rules.
fn normalize_run(run: &mut Value) {
    let index: BTreeMap<String, usize> = run
        .pointer("/tool/driver/rules")
        .and_then(Value::as_array)
        .map(|rules| {
            rules
                .iter()
                .enumerate()
                .map(|(i, r)| (text_at(r, "/id").to_owned(), i))
                .collect()
        })
        .unwrap_or_default();
    if let Some(results) = run.get_mut("results").and_then(Value::as_array_mut) {
        results.sort_by_key(result_key);
        results.dedup_by(|a, b| result_key(a) == result_key(b));
        for r in results.iter_mut() {
            let id = text_at(r, "/ruleId").to_owned();
            if let Some(obj) = r.as_object_mut() {
                match index.get(&id) {
                    Some(i) => obj.insert("ruleIndex".to_owned(), Value::from(*i)),
                    None => obj.remove("ruleIndex"),
                };
            }
        }
    }
    if let Some(notes) = run
        .pointer_mut("/invocations/0/toolExecutionNotifications")
        .and_then(Value::as_array_mut)
    {
        notes.sort_by_key(notification_key);
        notes.dedup();
    }
}

/// Merges SARIF logs: one run per repository (runs of the same repository,
/// such as shards, become one), rules united by id, results de-duplicated by
/// rule, place and fingerprint, notifications united.
pub fn merge(logs: &[Value]) -> Result<Value, String> {
    let mut groups: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for log in logs {
        let runs = log
            .get("runs")
            .and_then(Value::as_array)
            .ok_or("a SARIF input has no runs")?;
        for run in runs {
            groups.entry(repository_of(run)).or_default().push(run);
        }
    }
    let mut runs = Vec::new();
    for (repository, members) in groups {
        let Some(first) = members.first() else {
            continue;
        };
        let mut run = (*first).clone();
        let mut rules: BTreeMap<String, Value> = BTreeMap::new();
        let mut results = Vec::new();
        let mut notes = Vec::new();
        let mut ok = true;
        for member in &members {
            for rule in member
                .pointer("/tool/driver/rules")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                rules
                    .entry(text_at(rule, "/id").to_owned())
                    .or_insert_with(|| rule.clone());
            }
            results.extend(
                member
                    .get("results")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            for inv in member
                .get("invocations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                ok &= inv
                    .get("executionSuccessful")
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                notes.extend(
                    inv.get("toolExecutionNotifications")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .cloned(),
                );
            }
        }
        if let Some(driver) = run
            .pointer_mut("/tool/driver")
            .and_then(Value::as_object_mut)
        {
            driver.insert(
                "rules".to_owned(),
                Value::Array(rules.into_values().collect()),
            );
        }
        if let Some(obj) = run.as_object_mut() {
            obj.insert("results".to_owned(), Value::Array(results));
            obj.insert(
                "invocations".to_owned(),
                json!([{"executionSuccessful": ok, "toolExecutionNotifications": notes}]),
            );
        }
        if !repository.is_empty() {
            set_repository(&mut run, &repository);
        }
        normalize_run(&mut run);
        runs.push(run);
    }
    let mut log = logs.first().cloned().ok_or("nothing to merge")?;
    if let Some(obj) = log.as_object_mut() {
        obj.insert("runs".to_owned(), Value::Array(runs));
    }
    Ok(log)
}

/// The rule ids and short descriptions of every run, for the reports.
pub fn rule_titles(log: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for run in log
        .get("runs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for rule in run
            .pointer("/tool/driver/rules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.entry(text_at(rule, "/id").to_owned())
                .or_insert_with(|| text_at(rule, "/shortDescription/text").to_owned());
        }
    }
    out
}

/// Pretty JSON with a final newline.
pub fn to_text(log: &Value) -> Result<String, String> {
    let mut s = serde_json::to_string_pretty(log).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(repository: Option<&str>, results: Value) -> Value {
        let mut run = json!({
            "tool": {"driver": {"name": "tlsfloor", "rules": [{"id": "B"}, {"id": "A"}]}},
            "results": results,
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": []}],
        });
        if let Some(r) = repository {
            set_repository(&mut run, r);
        }
        json!({"version": "2.1.0", "runs": [run]})
    }

    fn result(rule: &str, uri: &str, line: i64) -> Value {
        json!({
            "ruleId": rule,
            "ruleIndex": 0,
            "message": {"text": "m"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": line, "startColumn": 1},
            }}],
        })
    }

    #[test]
    fn merge_dedups_per_repository_and_reindexes_rules() {
        let a = log(
            Some("r1"),
            json!([result("A", "x", 2), result("B", "x", 1)]),
        );
        let b = log(Some("r1"), json!([result("A", "x", 2)]));
        let c = log(Some("r2"), json!([result("A", "x", 2)]));
        let merged = merge(&[c, a, b]).unwrap_or_else(|e| panic!("{e}"));
        let runs = merged["runs"].as_array().cloned().unwrap_or_default();
        assert_eq!(runs.len(), 2);
        assert_eq!(repository_of(&runs[0]), "r1");
        let results = runs[0]["results"].as_array().cloned().unwrap_or_default();
        assert_eq!(results.len(), 2, "{results:#?}");
        // Rules are sorted by id after a merge; indexes follow.
        assert_eq!(results[0]["ruleId"], "B");
        assert_eq!(results[0]["ruleIndex"], 1);
        assert_eq!(results[1]["ruleIndex"], 0);
        assert_eq!(runs[0]["tool"]["driver"]["rules"][0]["id"], "A");
    }

    #[test]
    fn texts_lose_user_names() {
        let mut v = json!({"results": [{"message": {"text": "User jane@contoso.com"}, "ruleId": "user@x.org"}]});
        redact_texts(&mut v);
        assert_eq!(v["results"][0]["message"]["text"], "User ****");
        assert_eq!(v["results"][0]["ruleId"], "user@x.org");
    }
}
