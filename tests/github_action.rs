//! The composite action in `action.yml`: its shape (build, scan to SARIF
//! with a category, upload with `github/codeql-action/upload-sarif`, fail
//! last), and its scan and fail steps run with bash as the runner would,
//! with the inputs and `runner.temp` filled in and this build's binary
//! where the build step installs it.

use std::path::Path;
use std::process::{Command, Output};

fn action() -> serde_json::Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .unwrap_or_else(|e| panic!("action.yml: {e}"));
    let value = regorus::Value::from_yaml_str(&text)
        .and_then(|v| v.to_json_str())
        .unwrap_or_else(|e| panic!("action.yml is not YAML: {e}"));
    serde_json::from_str(&value).unwrap_or_else(|e| panic!("{e}"))
}

fn steps(action: &serde_json::Value) -> Vec<serde_json::Value> {
    action["runs"]["steps"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn step<'a>(steps: &'a [serde_json::Value], id_or_name: &str) -> &'a serde_json::Value {
    steps
        .iter()
        .find(|s| s["id"] == id_or_name || s["name"] == id_or_name)
        .unwrap_or_else(|| panic!("no step {id_or_name:?}"))
}

/// Replaces `${{ inputs.X }}` and `${{ runner.temp }}` in a step's `env`.
fn expand(value: &str, inputs: &[(&str, &str)], runner_temp: &Path) -> String {
    let mut out = value.replace("${{ runner.temp }}", &runner_temp.to_string_lossy());
    for (name, v) in inputs {
        out = out.replace(&format!("${{{{ inputs.{name} }}}}"), v);
    }
    assert!(!out.contains("${{"), "unexpanded expression in {value:?}");
    out
}

fn input_defaults(action: &serde_json::Value) -> Vec<(String, String)> {
    action["inputs"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs a step's `run` script like the runner (`bash -e`), in `workspace`.
fn run_step(
    step: &serde_json::Value,
    inputs: &[(&str, &str)],
    workspace: &Path,
    runner_temp: &Path,
    github_output: &Path,
) -> Output {
    assert_eq!(step["shell"], "bash");
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
        .arg(step["run"].as_str().unwrap_or(""))
        .current_dir(workspace)
        .env("RUNNER_TEMP", runner_temp)
        .env("GITHUB_OUTPUT", github_output);
    for (k, v) in step["env"].as_object().into_iter().flatten() {
        cmd.env(k, expand(v.as_str().unwrap_or(""), inputs, runner_temp));
    }
    cmd.output().unwrap_or_else(|e| panic!("bash: {e}"))
}

#[test]
fn the_action_builds_scans_uploads_and_then_fails() {
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    let steps = steps(&action);
    let names: Vec<String> = steps
        .iter()
        .map(|s| {
            s["id"]
                .as_str()
                .or(s["name"].as_str())
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let build = step(&steps, "Build tlsfloor from this action's checkout");
    assert!(build["run"]
        .as_str()
        .unwrap_or("")
        .contains("cargo install --locked --path"));
    let upload = step(&steps, "Upload to code scanning");
    assert!(upload["uses"]
        .as_str()
        .unwrap_or("")
        .starts_with("github/codeql-action/upload-sarif@"));
    assert_eq!(
        upload["with"]["sarif_file"],
        "${{ steps.scan.outputs.sarif-file }}"
    );
    assert_eq!(upload["with"]["category"], "${{ inputs.category }}");
    let scan_at = names.iter().position(|n| n == "scan");
    let upload_at = names.iter().position(|n| n == "Upload to code scanning");
    assert!(scan_at < upload_at, "scan before upload: {names:?}");
    assert_eq!(
        names.last().map(String::as_str),
        Some("Fail on findings at or above fail-on")
    );
}

#[test]
fn the_scan_step_writes_categorised_sarif_and_reports_the_exit_code() {
    let action = action();
    let steps = steps(&action);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let workspace = tmp.path().join("ws");
    let runner_temp = tmp.path().join("runner");
    let bin = runner_temp.join("tlsfloor/bin");
    std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(workspace.join("mail")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_tlsfloor"), bin.join("tlsfloor"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        workspace.join("mail/.mbsyncrc"),
        "IMAPAccount work\nHost outlook.office365.com\nSSLType IMAPS\nSSLVersions TLSv1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let defaults = input_defaults(&action);
    let mut inputs: Vec<(&str, &str)> = defaults
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    inputs.retain(|(k, _)| *k != "fail-on" && *k != "path");
    inputs.push(("fail-on", "error"));
    inputs.push(("path", "mail"));
    let output = tmp.path().join("github_output");
    let o = run_step(
        step(&steps, "scan"),
        &inputs,
        &workspace,
        &runner_temp,
        &output,
    );
    assert!(
        o.status.success(),
        "the scan step must not fail before the upload: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let outputs = std::fs::read_to_string(&output).unwrap_or_default();
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(outputs.contains("sarif-file=tlsfloor.sarif\n"), "{outputs}");
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace.join("tlsfloor.sarif")).unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(sarif["runs"][0]["automationDetails"]["id"], "tlsfloor/");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "TLS001");

    // The last step turns exit code 1 into a failed job.
    let fail = step(&steps, "Fail on findings at or above fail-on");
    assert_eq!(fail["if"], "steps.scan.outputs.exit-code == '1'");
    let o = run_step(fail, &inputs, &workspace, &runner_temp, &output);
    assert_eq!(o.status.code(), Some(1));

    // A tool error (exit 2) stops the action at the scan step.
    inputs.retain(|(k, _)| *k != "args");
    inputs.push(("args", "--scope nonsense"));
    let o = run_step(
        step(&steps, "scan"),
        &inputs,
        &workspace,
        &runner_temp,
        &output,
    );
    assert_eq!(o.status.code(), Some(2));
}
