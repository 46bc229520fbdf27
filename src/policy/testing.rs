//! Runs Rego unit tests (`test_*` rules in `*_test.rego` files).
//!
//! regorus has no `opa test`: a failing test is simply undefined and
//! vanishes from its package. So test names are read from the source and
//! each is evaluated on its own; only the value `true` passes.

use super::sources::{FileKind, PolicyFile};
use super::{PolicyError, PolicySet};

/// The outcome of one test rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// `data.pkg.test_name`.
    pub name: String,
    pub file: String,
    pub passed: bool,
    /// Why it failed (`undefined`, a value, or an evaluation error).
    pub detail: Option<String>,
}

/// Test rule names declared at the start of a line in `rego`.
pub fn test_names(rego: &str) -> Vec<String> {
    let mut names: Vec<String> = rego
        .lines()
        .filter_map(|line| {
            let name: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (name.starts_with("test_") && name.len() > 5).then_some(name)
        })
        .collect();
    names.dedup();
    names
}

/// Compiles `files` with their tests and runs every test.
pub fn run(files: &[PolicyFile]) -> Result<Vec<TestOutcome>, PolicyError> {
    run_with_limits(files, super::limits::PolicyLimits::default())
}

/// [`run`] with each test under the given time limit.
pub fn run_with_limits(
    files: &[PolicyFile],
    limits: super::limits::PolicyLimits,
) -> Result<Vec<TestOutcome>, PolicyError> {
    let set = PolicySet::from_files_with_limits(files, true, limits)?;
    let mut outcomes = Vec::new();
    for file in files.iter().filter(|f| f.kind == FileKind::RegoTest) {
        let package = super::metadata::package_of(&file.text)
            .ok_or_else(|| PolicyError(format!("{}: no package declaration", file.label)))?;
        for name in test_names(&file.text) {
            let mut engine = set.engine();
            let full = format!("{package}.{name}");
            let (passed, detail) = match engine.eval_rule(full.clone()) {
                Ok(regorus::Value::Bool(true)) => (true, None),
                Ok(regorus::Value::Undefined) => {
                    (false, Some("undefined (a condition failed)".to_owned()))
                }
                Ok(other) => (false, Some(format!("evaluated to {other}"))),
                Err(e) => (false, Some(e.to_string().trim().to_owned())),
            };
            outcomes.push(TestOutcome {
                name: full,
                file: file.label.clone(),
                passed,
                detail,
            });
        }
    }
    Ok(outcomes)
}

/// The outcomes in the style of `opa test -v`: each file's tests with
/// PASS or FAIL (and why), then the totals.
pub fn render(outcomes: &[TestOutcome]) -> String {
    let mut out = String::new();
    let mut file = None;
    for o in outcomes {
        if file != Some(o.file.as_str()) {
            if file.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("{}:\n", o.file));
            file = Some(o.file.as_str());
        }
        match &o.detail {
            None => out.push_str(&format!("{}: PASS\n", o.name)),
            Some(d) => {
                out.push_str(&format!("{}: FAIL\n", o.name));
                for line in d.lines() {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    let total = outcomes.len();
    out.push_str(&format!("{}\n", "-".repeat(80)));
    if total == 0 {
        out.push_str("no tests found (test_* rules in *_test.rego files)\n");
    }
    if total > failed {
        out.push_str(&format!("PASS: {}/{total}\n", total - failed));
    }
    if failed > 0 {
        out.push_str(&format!("FAIL: {failed}/{total}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_test_rule_names() {
        let src = "package x_test\n\ntest_a if { true }\ntest_b := true\n  not_test_c if true\ntest_ if true\n";
        assert_eq!(test_names(src), vec!["test_a", "test_b"]);
    }

    #[test]
    fn builtin_policy_tests_pass() {
        let outcomes = run(&super::super::sources::builtin()).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            outcomes.len() >= 7,
            "too few policy tests: {}",
            outcomes.len()
        );
        let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed).collect();
        assert!(failed.is_empty(), "failing policy tests: {failed:#?}");
    }
}
