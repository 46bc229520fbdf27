//! `tlsfloor evidence`: a self-contained bundle an auditor can keep, that
//! shows every mail client and TLS setting was reviewed, not only the ones
//! that fail. Files (each documented in its module):
//!
//! | file | module | what |
//! | --- | --- | --- |
//! | `inventory.csv`, `inventory.json` | [`inventory`] | every item with its status (decided by the `tlsfloor.status` policy, see [`status`]) |
//! | `findings.sarif` | [`sarif`] | the scan's SARIF run plus `kind: pass` results for compliant items |
//! | `report.html` | [`html`] | one self-contained page: summary, chart, failing items, exceptions, provenance |
//! | `report.md` | [`markdown`] | the summary for a ticket or pull request |
//! | `manifest.json` | [`manifest`] | tool, policy hash, roots with git state, file hashes, counts, times |
//!
//! Nothing in a bundle depends on the clock except the manifest's times,
//! which `SOURCE_DATE_EPOCH` pins: two runs over the same tree give the same
//! bytes. [`merge`] combines bundles from shards or repositories.

pub mod cli;
pub mod html;
pub mod inventory;
pub mod manifest;
pub mod markdown;
pub mod merge;
pub mod sarif;
pub mod status;
pub mod summary;

use crate::policy::PolicySet;
use crate::scan::ScanReport;
use crate::shard::Shard;
use inventory::Inventory;
use manifest::{BundleFile, FileCounts, Manifest, Root, ScannedFile, Source, Tool};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The bundle's files besides `manifest.json`, in the order they are written.
pub const FILES: [&str; 5] = [
    "inventory.csv",
    "inventory.json",
    "findings.sarif",
    "report.html",
    "report.md",
];

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// An evidence bundle in memory.
pub struct Bundle {
    pub inventory: Inventory,
    pub sarif: Value,
    /// Without the `bundle` hashes until [`write`] computes them.
    pub manifest: Manifest,
}

/// What the evidence command knows beyond the scan report.
pub struct BuildOptions<'a> {
    pub roots: &'a [PathBuf],
    pub repository: String,
    pub shard: Option<Shard>,
    pub version: &'a str,
    pub started: String,
    pub finished: String,
}

/// Builds the bundle of a finished scan.
pub fn build(
    report: &ScanReport,
    policies: &PolicySet,
    options: &BuildOptions<'_>,
) -> Result<Bundle, String> {
    let verdicts = status::judge(policies, report).map_err(|e| e.to_string())?;
    let inventory = inventory::build(report, &verdicts, &options.repository);
    let rendered =
        crate::report::sarif::render(report, options.version).map_err(|e| e.to_string())?;
    let sarif = sarif::with_passes(&rendered, &inventory, &options.repository)?;
    let tool = Tool {
        name: "tlsfloor".to_owned(),
        version: options.version.to_owned(),
    };
    let source = Source {
        repository: options.repository.clone(),
        tool: tool.clone(),
        policy_sha256: policies.digest.clone(),
        scope: report.facts.settings.scope.clone(),
        shard: options.shard.map(|s| s.to_string()),
        roots: options
            .roots
            .iter()
            .map(|r| Root {
                path: crate::walk::root_display(r),
                git: manifest::git_state(r),
            })
            .collect(),
        started: options.started.clone(),
        finished: options.finished.clone(),
        files: FileCounts {
            seen: report.summary.seen,
            scanned: report.summary.scanned,
            skipped: report.summary.skipped_total(),
            failed: report.summary.failed_total(),
            with_facts: report.summary.with_facts,
        },
    };
    let scanned: Vec<ScannedFile> = report
        .facts
        .files
        .iter()
        .map(|f| ScannedFile {
            repository: options.repository.clone(),
            path: f.path.clone(),
            format: f.format.clone(),
            sha256: f.sha256.clone(),
        })
        .collect();
    let manifest = Manifest::new(
        tool,
        vec![source],
        scanned,
        fail_results(&sarif),
        inventory.counts.clone(),
    );
    Ok(Bundle {
        inventory,
        sarif,
        manifest,
    })
}

/// Results of kind `fail` (the SARIF default kind): the findings.
pub fn fail_results(log: &Value) -> usize {
    log.get("runs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|run| {
            run.get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter(|r| r.get("kind").and_then(Value::as_str).unwrap_or("fail") == "fail")
        .count()
}

/// The five files besides the manifest, rendered.
fn render_files(bundle: &Bundle) -> Result<Vec<(&'static str, String)>, String> {
    let rules = sarif::rule_titles(&bundle.sarif);
    let json = bundle.inventory.to_json().map_err(|e| e.to_string())?;
    let contents = [
        bundle.inventory.to_csv(),
        json,
        sarif::to_text(&bundle.sarif)?,
        html::render(&bundle.inventory, &bundle.manifest, &rules),
        markdown::render(&bundle.inventory, &bundle.manifest, &rules),
    ];
    Ok(FILES.into_iter().zip(contents).collect())
}

fn sha256_hex(bytes: &[u8]) -> String {
    crate::policy::hex(&Sha256::digest(bytes))
}

/// Writes the bundle into `dir` (created if missing), the manifest last,
/// with the SHA-256 of every other file.
pub fn write(bundle: &Bundle, dir: &Path) -> Result<Manifest, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut manifest = bundle.manifest.clone();
    manifest.bundle.clear();
    for (name, text) in render_files(bundle)? {
        let path = dir.join(name);
        std::fs::write(&path, &text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        manifest.bundle.push(BundleFile {
            path: name.to_owned(),
            bytes: text.len(),
            sha256: sha256_hex(text.as_bytes()),
        });
    }
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    text.push('\n');
    let path = dir.join(MANIFEST);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(manifest)
}

/// Reads a bundle back, refusing one whose files do not match the hashes
/// in its manifest.
pub fn read(dir: &Path) -> Result<Bundle, String> {
    let manifest = verify(dir)?;
    let read_text = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let inventory: Inventory = serde_json::from_str(&read_text("inventory.json")?)
        .map_err(|e| format!("{}: inventory.json: {e}", dir.display()))?;
    if inventory.schema != inventory::SCHEMA {
        return Err(format!(
            "{}: inventory.json has schema {:?}, expected {:?}",
            dir.display(),
            inventory.schema,
            inventory::SCHEMA
        ));
    }
    let sarif: Value = serde_json::from_str(&read_text("findings.sarif")?)
        .map_err(|e| format!("{}: findings.sarif: {e}", dir.display()))?;
    Ok(Bundle {
        inventory,
        sarif,
        manifest,
    })
}

/// Checks every file hash the manifest of the bundle in `dir` lists.
pub fn verify(dir: &Path) -> Result<Manifest, String> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if manifest.schema != manifest::SCHEMA {
        return Err(format!(
            "{}: schema {:?}, expected {:?}",
            path.display(),
            manifest.schema,
            manifest::SCHEMA
        ));
    }
    for name in FILES {
        let entry = manifest
            .bundle
            .iter()
            .find(|f| f.path == name)
            .ok_or_else(|| format!("{}: lists no {name}", path.display()))?;
        let file = dir.join(name);
        let bytes =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if sha256_hex(&bytes) != entry.sha256 {
            return Err(format!(
                "{}: SHA-256 differs from the manifest's: the bundle was changed",
                file.display()
            ));
        }
    }
    Ok(manifest)
}
