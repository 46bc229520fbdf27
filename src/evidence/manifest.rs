//! `manifest.json`: what produced the bundle and what it covers. Tool and
//! version, the SHA-256 of the policy bundle (built-in and `--policy`
//! Rego and data, see [`crate::policy::PolicySet::digest`]), each scan
//! root with its git commit and dirty state, the SHA-256 of every scanned
//! file that produced a fact, counts, start and end time, and the SHA-256
//! of every other file of the bundle.
//!
//! Git state is read by running `git` as a read-only subprocess
//! (`rev-parse HEAD`, `status --porcelain --untracked-files=no` with
//! `GIT_OPTIONAL_LOCKS=0`, so not even the index is refreshed). Untracked
//! files do not count as dirty: an evidence folder written into the work
//! tree must not change the next run's manifest.
//!
//! With `SOURCE_DATE_EPOCH` set (reproducible-builds.org), start and end
//! time are that instant, so two runs over the same tree give the same
//! bytes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Version tag of `manifest.json`.
pub const SCHEMA: &str = "tlsfloor.evidence-manifest/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Git {
    pub commit: String,
    /// Tracked files differ from the commit.
    pub dirty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Root {
    /// As reported (relative, `/`-separated; never a machine path outside
    /// the working directory).
    pub path: String,
    /// `null` when the root is not in a git work tree (or git is missing).
    pub git: Option<Git>,
}

/// File counts of one scan, as in the scan summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCounts {
    pub seen: usize,
    pub scanned: usize,
    pub skipped: usize,
    pub failed: usize,
    pub with_facts: usize,
}

impl FileCounts {
    fn add(&mut self, other: &FileCounts) {
        self.seen += other.seen;
        self.scanned += other.scanned;
        self.skipped += other.skipped;
        self.failed += other.failed;
        self.with_facts += other.with_facts;
    }
}

/// One scan that contributed to the bundle (several after a merge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub repository: String,
    pub tool: Tool,
    pub policy_sha256: String,
    pub scope: String,
    /// `K/N` for one shard of a partitioned run.
    pub shard: Option<String>,
    pub roots: Vec<Root>,
    pub started: String,
    pub finished: String,
    pub files: FileCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ScannedFile {
    pub repository: String,
    pub path: String,
    pub format: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFile {
    pub path: String,
    pub bytes: usize,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub files: FileCounts,
    /// SARIF results of kind `fail` (the findings).
    pub findings: usize,
    /// Inventory items by status, and `total`.
    pub items: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: String,
    pub tool: Tool,
    /// The policy bundle's SHA-256 when every source used the same one.
    pub policy_sha256: Option<String>,
    pub started: String,
    pub finished: String,
    pub sources: Vec<Source>,
    pub scanned_files: Vec<ScannedFile>,
    pub counts: Counts,
    /// Every other file of the bundle with its SHA-256.
    pub bundle: Vec<BundleFile>,
}

impl Manifest {
    /// A manifest over `sources` (sorted), before the bundle's own files
    /// are hashed.
    pub fn new(
        tool: Tool,
        mut sources: Vec<Source>,
        mut scanned_files: Vec<ScannedFile>,
        findings: usize,
        items: BTreeMap<String, usize>,
    ) -> Manifest {
        sources.sort_by(|a, b| {
            (&a.repository, &a.shard, &a.started).cmp(&(&b.repository, &b.shard, &b.started))
        });
        sources.dedup();
        scanned_files.sort();
        scanned_files.dedup();
        let mut files = FileCounts::default();
        for s in &sources {
            files.add(&s.files);
        }
        let digests: std::collections::BTreeSet<&str> =
            sources.iter().map(|s| s.policy_sha256.as_str()).collect();
        let policy_sha256 = match digests.len() {
            1 => digests.first().map(|d| (*d).to_owned()),
            _ => None,
        };
        let started = sources
            .iter()
            .map(|s| s.started.clone())
            .min()
            .unwrap_or_default();
        let finished = sources
            .iter()
            .map(|s| s.finished.clone())
            .max()
            .unwrap_or_default();
        Manifest {
            schema: SCHEMA.to_owned(),
            tool,
            policy_sha256,
            started,
            finished,
            sources,
            scanned_files,
            counts: Counts {
                files,
                findings,
                items,
            },
            bundle: Vec::new(),
        }
    }
}

/// The git commit and dirty state of the work tree holding `root`.
pub fn git_state(root: &Path) -> Option<Git> {
    let dir = if root.is_dir() {
        root.to_path_buf()
    } else {
        root.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf)
    };
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let commit = git(&["rev-parse", "--verify", "HEAD"])?.trim().to_owned();
    if commit.len() < 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let status = git(&["status", "--porcelain", "--untracked-files=no"])?;
    Some(Git {
        commit,
        dirty: !status.trim().is_empty(),
    })
}

/// Seconds since the epoch as RFC 3339 UTC (`2026-11-27T22:16:49Z`).
pub fn rfc3339(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible
    // Low-Level Date Algorithms").
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The time to record: `SOURCE_DATE_EPOCH` when set (and valid), else now.
pub fn now() -> Result<String, String> {
    if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
        let epoch: i64 = value
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"))?;
        return Ok(rfc3339(epoch));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    Ok(rfc3339(i64::try_from(secs).unwrap_or(i64::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_323_409), "2026-12-26T22:16:49Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }
}
