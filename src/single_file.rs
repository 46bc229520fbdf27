//! Scanning one file held in memory, through exactly the pipeline a file on
//! disk goes through (decode → classify → prefilter → extract → judge).
//!
//! The fuzz targets drive the whole scanner through this entry point, and an
//! embedder (an editor plug-in, a pre-receive hook reading blobs from git)
//! can scan content that was never written to disk.

use crate::facts::FileFacts;
use crate::policy::{Evaluator, PolicySet};
use crate::scan::{self, Finding, Notification, ScanError, Stages, Status};

/// What happened to the file, as counted in a scan's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    Scanned,
    /// Skipped on purpose, with the reason (`binary`, too large).
    Skipped(String),
    /// Could not be parsed, with the reason (`malformed <format>`).
    Failed(String),
}

/// The result of scanning one in-memory file.
#[derive(Debug)]
pub struct FileScan {
    pub status: FileStatus,
    /// The facts, when the file held any.
    pub facts: Option<FileFacts>,
    /// Findings (only when the scanner has policies).
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
}

/// A reusable single-file scanner: the format table, prefilter and policy
/// engine are built once and used for every file.
pub struct FileScanner<'p> {
    stages: Stages,
    evaluator: Option<Evaluator<'p>>,
    max_file_size: u64,
}

impl<'p> FileScanner<'p> {
    /// A scanner judging with `policies` (or stopping at the facts without
    /// them), in `scope` (`mail` or `all`), with the default size limit.
    pub fn new(scope: &str, policies: Option<&'p PolicySet>) -> Result<Self, ScanError> {
        Ok(FileScanner {
            stages: Stages::new(scope, scan::DEFAULT_MAX_FILE_SIZE)?,
            evaluator: policies.map(PolicySet::evaluator),
            max_file_size: scan::DEFAULT_MAX_FILE_SIZE,
        })
    }

    /// Scans `bytes` as the file at `path` (relative, `/`-separated: the
    /// path decides the format, as in a tree scan). A policy that fails on
    /// the file is an error, as it is for a tree scan.
    pub fn scan(&mut self, path: &str, bytes: &[u8]) -> Result<FileScan, ScanError> {
        if bytes.len() as u64 > self.max_file_size {
            let reason = "larger than --max-file-size".to_owned();
            return Ok(FileScan {
                status: FileStatus::Skipped(reason.clone()),
                facts: None,
                findings: Vec::new(),
                notifications: vec![Notification {
                    path: path.to_owned(),
                    level: scan::NoteLevel::Note,
                    line: None,
                    message: format!("{reason} ({} bytes > {})", bytes.len(), self.max_file_size),
                }],
            });
        }
        let outcome = scan::examine(&self.stages, path, bytes, self.evaluator.as_mut());
        if let Some(e) = outcome.policy_error {
            return Err(ScanError::Policy(e));
        }
        Ok(FileScan {
            status: match outcome.status {
                Status::Scanned => FileStatus::Scanned,
                Status::Skipped(reason) => FileStatus::Skipped(reason),
                Status::Failed(reason) => FileStatus::Failed(reason),
            },
            facts: outcome.facts,
            findings: outcome.findings,
            notifications: outcome.notifications,
        })
    }
}
