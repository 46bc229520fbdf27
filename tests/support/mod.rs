//! Helpers shared by the integration tests of the command-line experience:
//! running the binary in a temporary tree and under a pseudo-terminal, and
//! (for the hardening tests) reading reports and checking that a summary
//! accounts for every file.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin_path() -> &'static str {
    env!("CARGO_BIN_EXE_tlsfloor")
}

/// The binary with the environment variables that change what it shows
/// (`NO_COLOR`, `CI`, `TERM`) removed, so each test sets what it tests.
pub fn bin() -> Command {
    let mut cmd = Command::new(bin_path());
    cmd.env_remove("NO_COLOR")
        .env_remove("CI")
        .env_remove("TERM")
        .stdin(Stdio::null());
    cmd
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// `script`(1) from util-linux, which runs a command under a
/// pseudo-terminal; `None` (and a note) where it is missing.
pub fn script() -> Option<PathBuf> {
    let found = ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        eprintln!("SKIPPED: script(1) not found, pseudo-terminal checks not run");
    }
    found
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Runs tlsfloor with `args` in `dir` under a pseudo-terminal (stdout and
/// stderr both the terminal), with `env` set; the terminal's output.
pub fn run_on_terminal(script: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut line = shell_quote(bin_path());
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let mut cmd = Command::new(script);
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .args(["-q", "-e", "-c", &line, "/dev/null"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run script(1): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

/// `tlsfloor scan . --format json --fail-on never` in `dir`, plus `extra`.
pub fn scan_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let args = [
        &["scan", ".", "--format", "json", "--fail-on", "never"][..],
        extra,
    ]
    .concat();
    let o = run_in(dir, &args);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    json(&o)
}

pub fn num(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// seen = scanned + skipped + failed, and the per-reason maps add up.
pub fn assert_accounts(report: &serde_json::Value) {
    let s = &report["summary"];
    let by_reason =
        |key: &str| -> u64 { s[key].as_object().map_or(0, |m| m.values().map(num).sum()) };
    assert_eq!(
        num(&s["files_seen"]),
        num(&s["files_scanned"]) + num(&s["files_skipped"]) + num(&s["files_failed"]),
        "summary does not add up: {s}"
    );
    assert_eq!(num(&s["files_skipped"]), by_reason("skipped"), "{s}");
    assert_eq!(num(&s["files_failed"]), by_reason("failed"), "{s}");
}

/// `path:line:rule` of every finding, sorted.
pub fn findings(report: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{}:{}:{}",
                        f["path"].as_str().unwrap_or(""),
                        f["location"]["line"],
                        f["rule_id"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The notifications about `path`, as `level: message`.
pub fn notes_for(report: &serde_json::Value, path: &str) -> Vec<String> {
    report["notifications"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|n| n["path"] == path)
                .map(|n| {
                    format!(
                        "{}: {}",
                        n["level"].as_str().unwrap_or(""),
                        n["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}
