//! Glue between the command line and the evidence modules: the bundle
//! folder kept out of its own scan, the default repository name, merge
//! inputs, and the one-line summary.

use super::manifest::Manifest;
use super::Bundle;
use crate::scan::ScanOptions;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Creates `out` and, when it lies inside a scan root, excludes it from the
/// walk: a second run must not scan the first run's reports (they name
/// Exchange Online hosts and would become findings).
pub fn exclude_out_dir(options: &mut ScanOptions, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let out_abs = out
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", out.display()))?;
    for root in &options.roots {
        let Ok(root_abs) = root.canonicalize() else {
            continue;
        };
        if let Ok(rel) = out_abs.strip_prefix(&root_abs) {
            if rel.as_os_str().is_empty() {
                return Err(format!(
                    "--out {} is a scan root: write the bundle elsewhere",
                    out.display()
                ));
            }
            let glob = format!("/{}/", crate::walk::display_path(rel));
            if !options.walk.excludes.contains(&glob) {
                options.walk.excludes.push(glob);
            }
        }
    }
    Ok(())
}

/// The name of the git work tree holding the first root, else the root as
/// displayed.
pub fn default_repository(roots: &[PathBuf]) -> String {
    let Some(root) = roots.first() else {
        return ".".to_owned();
    };
    let dir = if root.is_dir() {
        root.clone()
    } else {
        root.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let toplevel = std::process::Command::new("git")
        .arg("-C")
        .arg(&dir)
        .args(["rev-parse", "--show-toplevel"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    toplevel
        .as_deref()
        .and_then(|t| Path::new(t).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| crate::walk::root_display(root))
}

/// What `tlsfloor merge` was given.
pub enum Input {
    Bundle(Box<Bundle>),
    Sarif(PathBuf, Value),
}

pub struct Inputs(Vec<Input>);

impl Inputs {
    /// Every input's SARIF log.
    pub fn logs(&self) -> Vec<Value> {
        self.0
            .iter()
            .map(|i| match i {
                Input::Bundle(b) => b.sarif.clone(),
                Input::Sarif(_, v) => v.clone(),
            })
            .collect()
    }

    /// The bundles, or an error naming the first input that is not one.
    pub fn into_bundles(self) -> Result<Vec<Bundle>, String> {
        self.0
            .into_iter()
            .map(|i| match i {
                Input::Bundle(b) => Ok(*b),
                Input::Sarif(path, _) => Err(format!(
                    "{} is a SARIF file, not an evidence bundle: it has no inventory (use --sarif FILE to merge SARIF only)",
                    path.display()
                )),
            })
            .collect()
    }
}

/// Reads folders as bundles (their hashes verified) and files as SARIF.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Inputs, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.push(Input::Bundle(Box::new(super::read(path)?)));
        } else {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let log: Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
            if log.get("runs").and_then(Value::as_array).is_none() {
                return Err(format!("{} is not a SARIF log (no runs)", path.display()));
            }
            out.push(Input::Sarif(path.clone(), log));
        }
    }
    Ok(Inputs(out))
}

/// One line for standard error.
pub fn summary(manifest: &Manifest, dir: &Path) -> String {
    let n = |k: &str| manifest.counts.items.get(k).copied().unwrap_or(0);
    format!(
        "tlsfloor: evidence in {}: {} items ({} compliant, {} non-compliant, {} unknown), {} findings, {} files scanned\n",
        dir.display(),
        n("total"),
        n("compliant"),
        n("non-compliant"),
        n("unknown"),
        manifest.counts.findings,
        manifest.counts.files.scanned
    )
}
