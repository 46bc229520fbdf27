//! The judge: Rego policies (built-in and the user's) evaluated by regorus
//! over the facts. Rust never decides a verdict, level or message; it only
//! loads policies, feeds them facts and collects what they return.
//!
//! A rule is a Rego module with a `# METADATA` block naming its id (see
//! [`metadata`]) and a partial set `findings`, each element an object
//! `{"path": <file path>, "fact": <index into that file's facts>,
//! "message": <text>}` with optional `level`, `location` and `related`
//! overriding the fact's own, and optional `problem` and `remedy`: the two
//! parts of the message, which the text output shows apart.

pub mod builtins;
pub mod diagnostic;
pub mod limits;
pub mod metadata;
pub mod sources;
pub mod testing;

use crate::facts::{FactsDocument, Location, Related};
use limits::PolicyLimits;
use metadata::RuleMeta;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sources::{FileKind, PolicyFile};
use std::fmt;
use std::path::PathBuf;

/// A policy that cannot be loaded or evaluated: the tool cannot do its job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError(pub String);

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PolicyError {}

/// The compiled policies: one engine, parsed once, cloned per worker.
#[derive(Clone)]
pub struct PolicySet {
    engine: regorus::Engine,
    /// Rules in id order; a finding's `rule` indexes this.
    pub rules: Vec<RuleMeta>,
    /// SHA-256 over every policy and data file (label and text), so that
    /// evidence can name exactly which policies judged a scan.
    pub digest: String,
    /// Time and memory one rule may use on one file.
    limits: PolicyLimits,
}

/// A finding as a policy returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFinding {
    /// Index into [`PolicySet::rules`].
    pub rule: usize,
    pub path: String,
    pub fact: usize,
    pub message: String,
    pub level: Option<String>,
    pub location: Option<Location>,
    pub related: Option<Vec<Related>>,
    /// The message without its remedy (for the text output's header line).
    pub problem: Option<String>,
    /// How to fix it, on its own.
    pub remedy: Option<String>,
}

#[derive(Deserialize)]
struct RegoFinding {
    path: String,
    fact: usize,
    message: String,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    location: Option<Location>,
    #[serde(default)]
    related: Option<Vec<Related>>,
    #[serde(default)]
    problem: Option<String>,
    #[serde(default)]
    remedy: Option<String>,
}

impl PolicySet {
    /// The built-in policies plus every `--policy` folder, in that order; a
    /// user rule with a built-in rule's id replaces it.
    pub fn load(user_dirs: &[PathBuf]) -> Result<PolicySet, PolicyError> {
        PolicySet::load_with_limits(user_dirs, PolicyLimits::default())
    }

    /// [`PolicySet::load`] with explicit evaluation limits.
    pub fn load_with_limits(
        user_dirs: &[PathBuf],
        limits: PolicyLimits,
    ) -> Result<PolicySet, PolicyError> {
        let mut files = sources::builtin();
        for dir in user_dirs {
            let more = sources::from_dir(dir).map_err(|e| {
                PolicyError(format!(
                    "cannot read policy folder {}: {}",
                    e.path.display(),
                    e.message
                ))
            })?;
            if !more.iter().any(|f| f.kind == FileKind::Rego) {
                return Err(PolicyError(format!(
                    "policy folder {} holds no .rego files",
                    dir.display()
                )));
            }
            files.extend(more);
        }
        PolicySet::from_files_with_limits(&files, false, limits)
    }

    /// Compiles `files`; with `with_tests`, `_test.rego` modules are loaded
    /// too (for the policy test runner).
    pub fn from_files(files: &[PolicyFile], with_tests: bool) -> Result<PolicySet, PolicyError> {
        PolicySet::from_files_with_limits(files, with_tests, PolicyLimits::default())
    }

    /// [`PolicySet::from_files`] with explicit evaluation limits.
    pub fn from_files_with_limits(
        files: &[PolicyFile],
        with_tests: bool,
        limits: PolicyLimits,
    ) -> Result<PolicySet, PolicyError> {
        let mut engine = regorus::Engine::new();
        engine.set_execution_timer_config(limits.timer());
        builtins::register(&mut engine).map_err(|e| PolicyError(e.to_string()))?;
        let mut data = serde_json::Value::Object(serde_json::Map::new());
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut hasher = Sha256::new();
        for file in files {
            hasher.update(file.label.as_bytes());
            hasher.update([0]);
            hasher.update(file.text.as_bytes());
            hasher.update([0]);
            match file.kind {
                FileKind::Rego => {
                    engine
                        .add_policy(file.label.clone(), file.text.clone())
                        .map_err(|e| {
                            PolicyError(format!(
                                "policy {}",
                                diagnostic::located(&file.label, &e.to_string())
                            ))
                        })?;
                    if let Some(meta) =
                        metadata::parse(&file.label, &file.text).map_err(PolicyError)?
                    {
                        rules.retain(|r| r.id != meta.id);
                        rules.push(meta);
                    }
                }
                FileKind::RegoTest => {
                    if with_tests {
                        engine
                            .add_policy(file.label.clone(), file.text.clone())
                            .map_err(|e| {
                                PolicyError(format!(
                                    "policy test {}",
                                    diagnostic::located(&file.label, &e.to_string())
                                ))
                            })?;
                    }
                }
                FileKind::Json => {
                    let value: serde_json::Value = serde_json::from_str(&file.text)
                        .map_err(|e| PolicyError(format!("data file {}: {e}", file.label)))?;
                    sources::merge_json(&mut data, value);
                }
                FileKind::Yaml => {
                    let value = regorus::Value::from_yaml_str(&file.text)
                        .and_then(|v| v.to_json_str())
                        .map_err(|e| PolicyError(format!("data file {}: {e}", file.label)))?;
                    let value: serde_json::Value = serde_json::from_str(&value)
                        .map_err(|e| PolicyError(format!("data file {}: {e}", file.label)))?;
                    sources::merge_json(&mut data, value);
                }
            }
        }
        let data = regorus::Value::from_json_str(&data.to_string())
            .map_err(|e| PolicyError(format!("policy data: {e}")))?;
        engine
            .add_data(data)
            .map_err(|e| PolicyError(format!("policy data: {e}")))?;
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let digest = hex(&hasher.finalize());
        let set = PolicySet {
            engine,
            rules,
            digest,
            limits,
        };
        // Evaluate every rule once on an empty document so that a rule
        // without `findings`, or one that fails at run time, is reported
        // now, before any file is scanned.
        let empty = FactsDocument {
            schema: crate::facts::SCHEMA.to_owned(),
            settings: crate::facts::Settings {
                scope: "mail".to_owned(),
            },
            files: Vec::new(),
        };
        set.evaluator().evaluate(&empty)?;
        Ok(set)
    }

    /// A cheap copy of the compiled engine for one worker thread.
    pub fn evaluator(&self) -> Evaluator<'_> {
        Evaluator {
            engine: self.engine.clone(),
            rules: &self.rules,
            limits: self.limits,
        }
    }

    /// The raw engine, for the test runner.
    pub(crate) fn engine(&self) -> regorus::Engine {
        self.engine.clone()
    }
}

/// Evaluates the rules on one document at a time.
pub struct Evaluator<'a> {
    engine: regorus::Engine,
    rules: &'a [RuleMeta],
    limits: PolicyLimits,
}

impl Evaluator<'_> {
    /// The metadata of rule `index`.
    pub fn rule(&self, index: usize) -> Option<&RuleMeta> {
        self.rules.get(index)
    }

    /// Every finding of every rule on `doc`, in rule order.
    pub fn evaluate(&mut self, doc: &FactsDocument) -> Result<Vec<RawFinding>, PolicyError> {
        let json = serde_json::to_string(doc).map_err(|e| PolicyError(e.to_string()))?;
        let input = regorus::Value::from_json_str(&json).map_err(|e| PolicyError(e.to_string()))?;
        self.engine.set_input(input);
        let mut out = Vec::new();
        let judged = match doc.files.as_slice() {
            [one] => one.path.as_str(),
            [] => "an empty document",
            _ => "several files",
        };
        for (index, rule) in self.rules.iter().enumerate() {
            let budget = limits::MemoryBudget::arm(
                self.limits.memory,
                limits::memory_message(&rule.id, &rule.source, judged, self.limits.memory),
            );
            let value = self.engine.eval_rule(format!("{}.findings", rule.package));
            drop(budget);
            let value = value.map_err(|e| {
                if let Some(regorus::LimitError::TimeLimitExceeded { .. }) = e.downcast_ref() {
                    return PolicyError(limits::timeout_message(
                        &rule.id,
                        &rule.source,
                        self.limits.time,
                    ));
                }
                PolicyError(format!(
                    "rule {} ({}): {}",
                    rule.id,
                    rule.source,
                    trim_error(&e)
                ))
            })?;
            if value == regorus::Value::Undefined {
                continue;
            }
            let json = value
                .to_json_str()
                .map_err(|e| PolicyError(e.to_string()))?;
            let found: Vec<RegoFinding> = serde_json::from_str(&json).map_err(|e| {
                PolicyError(format!(
                    "rule {} ({}): each finding must be an object with path, fact and message: {e}",
                    rule.id, rule.source
                ))
            })?;
            out.extend(found.into_iter().map(|f| RawFinding {
                rule: index,
                path: f.path,
                fact: f.fact,
                message: f.message,
                level: f.level,
                location: f.location,
                related: f.related,
                problem: f.problem,
                remedy: f.remedy,
            }));
        }
        Ok(out)
    }
}

/// regorus errors start with an empty line; keep the message compact.
fn trim_error(e: &anyhow::Error) -> String {
    e.to_string().trim().to_owned()
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
