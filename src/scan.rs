//! The pipeline, stage by stage: walk → classify → prefilter → extract →
//! facts → policy → findings. Files are processed in parallel (rayon), each
//! worker with its own clone of the compiled policies; results are sorted
//! afterwards so that output never depends on thread timing.

use crate::classify::{self, Classifier, FORMATS, TEXT_SCANS};
use crate::facts::{self, Fact, FactsDocument, FileFacts, Location, Related, Settings};
use crate::policy::{self, PolicyError, PolicySet, RawFinding};
use crate::prefilter::Prefilter;
use crate::progress::Counters;
use crate::report::fingerprint::LineHashes;
use crate::shard::Shard;
use crate::source::{self, Encoding, SourceFile};
use crate::walk::{self, Candidate, WalkOptions};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

/// Default for `--max-file-size`: larger files are skipped unread.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub roots: Vec<PathBuf>,
    pub walk: WalkOptions,
    /// `mail` or `all`.
    pub scope: String,
    pub max_file_size: u64,
}

/// Severity of a tool notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteLevel {
    /// The file could not be read or parsed: its facts may be missing.
    Error,
    /// The file was read, but not all of it may have been understood.
    Warning,
    /// The file was skipped on purpose (binary, too large, a symlink).
    Note,
}

impl NoteLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteLevel::Error => "error",
            NoteLevel::Warning => "warning",
            NoteLevel::Note => "note",
        }
    }
}

/// Something the scanner has to say about a file rather than a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notification {
    pub path: String,
    pub level: NoteLevel,
    pub line: Option<usize>,
    pub message: String,
}

/// A policy's verdict on a fact, ready for reporting.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index into [`ScanReport::rules`].
    pub rule: usize,
    pub rule_id: String,
    /// `error`, `warning` or `note`.
    pub level: String,
    pub message: String,
    pub path: String,
    pub location: Location,
    /// The (redacted) source text at the location.
    pub snippet: String,
    /// Where the location's region lies in `snippet` (character offsets
    /// `start..end`), for underlining; `None` when it cannot be shown.
    pub highlight: Option<(usize, usize)>,
    /// The message without its remedy, when the rule gives them apart.
    pub problem: Option<String>,
    /// How to fix it, when the rule gives it apart from the message.
    pub remedy: Option<String>,
    pub related: Vec<Related>,
    /// GitHub's `primaryLocationLineHash` of the location's line.
    pub fingerprint: Option<String>,
    /// The fact the finding is about.
    pub fact: Fact,
    pub format: String,
    /// An inline comment or `tlsfloor.toml` exception waiving it (see
    /// [`crate::suppress`]); `None` when nothing does.
    pub suppression: Option<crate::suppress::Suppression>,
    /// Against `--baseline`: `new` or `unchanged`; `None` without one.
    pub baseline: Option<crate::baseline::BaselineState>,
}

/// Counts that account for every file the walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files found by the walk (plus entries it could not enter).
    pub seen: usize,
    /// Files read and examined.
    pub scanned: usize,
    /// Files skipped on purpose, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Files that could not be read or parsed, by reason.
    pub failed: BTreeMap<String, usize>,
    /// Scanned files that produced at least one fact.
    pub with_facts: usize,
}

impl Summary {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    pub fn failed_total(&self) -> usize {
        self.failed.values().sum()
    }
}

/// Everything a scan produced.
pub struct ScanReport {
    pub facts: FactsDocument,
    pub findings: Vec<Finding>,
    pub notifications: Vec<Notification>,
    pub summary: Summary,
    pub rules: Vec<policy::metadata::RuleMeta>,
    pub policy_digest: Option<String>,
}

/// Why a scan could not run at all (exit code 2).
#[derive(Debug)]
pub enum ScanError {
    Root(String),
    Policy(PolicyError),
    Internal(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Root(m) | ScanError::Internal(m) => f.write_str(m),
            ScanError::Policy(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ScanError {}

/// What happened to one file.
pub(crate) enum Status {
    Scanned,
    Skipped(String),
    Failed(String),
}

pub(crate) struct FileOutcome {
    pub(crate) status: Status,
    pub(crate) facts: Option<FileFacts>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) notifications: Vec<Notification>,
    pub(crate) policy_error: Option<PolicyError>,
    /// Index of the file's format in `FORMATS`, once classified.
    pub(crate) format: Option<usize>,
}

impl FileOutcome {
    fn new(status: Status) -> Self {
        FileOutcome {
            format: None,
            status,
            facts: None,
            findings: Vec::new(),
            notifications: Vec::new(),
            policy_error: None,
        }
    }
}

/// The per-run machinery shared by all workers.
pub(crate) struct Stages {
    classifier: Classifier,
    prefilter: Prefilter,
    settings: Settings,
    max_file_size: u64,
}

impl Stages {
    pub(crate) fn new(scope: &str, max_file_size: u64) -> Result<Self, ScanError> {
        Ok(Stages {
            classifier: Classifier::new()
                .map_err(|e| ScanError::Internal(format!("format table: {e}")))?,
            prefilter: Prefilter::new()
                .map_err(|e| ScanError::Internal(format!("prefilter: {e}")))?,
            settings: Settings {
                scope: scope.to_owned(),
            },
            max_file_size,
        })
    }
}

/// Runs the pipeline. Without `policies`, stops at the facts (`tlsfloor facts`).
pub fn run(options: &ScanOptions, policies: Option<&PolicySet>) -> Result<ScanReport, ScanError> {
    run_counted(options, policies, None, &Counters::new())
}

/// [`run`] over one shard of the walked files (`--shard K/N`): files and
/// walk notices outside the shard are dropped before anything is read, so
/// the N shards' reports add up to the unsharded one.
pub fn run_sharded(
    options: &ScanOptions,
    policies: Option<&PolicySet>,
    shard: Option<Shard>,
) -> Result<ScanReport, ScanError> {
    run_counted(options, policies, shard, &Counters::new())
}

/// [`run_sharded`], keeping `counters` up to date as files are walked and
/// processed (for a progress display and the time per format).
pub fn run_counted(
    options: &ScanOptions,
    policies: Option<&PolicySet>,
    shard: Option<Shard>,
    counters: &Counters,
) -> Result<ScanReport, ScanError> {
    let mut walked = walk::walk_counting(&options.roots, &options.walk, counters.walked())
        .map_err(|e| ScanError::Root(e.0))?;
    if let Some(shard) = shard {
        walked
            .files
            .retain(|c| shard.contains(&options.roots, &c.path));
        walked
            .issues
            .retain(|i| shard.contains(&options.roots, std::path::Path::new(&i.display)));
    }
    counters.walk_finished(walked.files.len());
    let stages = Stages::new(&options.scope, options.max_file_size)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.walk.threads)
        .build()
        .map_err(|e| ScanError::Internal(format!("thread pool: {e}")))?;
    let outcomes: Vec<FileOutcome> = pool.install(|| {
        walked
            .files
            .par_iter()
            .map_init(
                || policies.map(PolicySet::evaluator),
                |evaluator, candidate| {
                    let started = std::time::Instant::now();
                    let out = process(&stages, candidate, evaluator.as_mut());
                    let scanned = matches!(out.status, Status::Scanned);
                    counters.file_finished(
                        out.format,
                        scanned,
                        out.findings.len(),
                        started.elapsed(),
                    );
                    out
                },
            )
            .collect()
    });

    let mut summary = Summary {
        seen: walked.files.len() + walked.issues.len(),
        ..Summary::default()
    };
    let mut notifications = Vec::new();
    for issue in &walked.issues {
        let (level, map) = if issue.error {
            (NoteLevel::Error, &mut summary.failed)
        } else {
            (NoteLevel::Note, &mut summary.skipped)
        };
        *map.entry(issue.reason.clone()).or_default() += 1;
        notifications.push(Notification {
            path: issue.display.clone(),
            level,
            line: None,
            message: issue.reason.clone(),
        });
    }
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for outcome in outcomes {
        if let Some(e) = outcome.policy_error {
            return Err(ScanError::Policy(e));
        }
        match outcome.status {
            Status::Scanned => summary.scanned += 1,
            Status::Skipped(reason) => *summary.skipped.entry(reason).or_default() += 1,
            Status::Failed(reason) => *summary.failed.entry(reason).or_default() += 1,
        }
        if let Some(f) = outcome.facts {
            summary.with_facts += 1;
            files.push(f);
        }
        findings.extend(outcome.findings);
        notifications.extend(outcome.notifications);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    findings.sort_by(|a, b| {
        (&a.path, a.location, &a.rule_id, &a.message)
            .cmp(&(&b.path, b.location, &b.rule_id, &b.message))
    });
    notifications.sort();
    Ok(ScanReport {
        facts: FactsDocument {
            schema: facts::SCHEMA.to_owned(),
            settings: stages.settings,
            files,
        },
        findings,
        notifications,
        summary,
        rules: policies.map(|p| p.rules.clone()).unwrap_or_default(),
        policy_digest: policies.map(|p| p.digest.clone()),
    })
}

/// Reads at most `limit + 1` bytes into `bytes`, so that a file growing
/// past the limit between `stat` and `read` is still caught without reading
/// all of it.
fn read_limited(
    path: &std::path::Path,
    expected: u64,
    limit: u64,
    bytes: &mut Vec<u8>,
) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    // Sized from the length `stat` gave, so the read does not reallocate; a
    // file that changed size since is still read correctly, just less
    // cheaply.
    let expected = expected.min(limit);
    bytes.clear();
    bytes.reserve(usize::try_from(expected).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(bytes)?;
    Ok(())
}

thread_local! {
    /// Each worker reads every file into the same buffer: tens of thousands
    /// of files a second, each a fresh allocation otherwise, made the
    /// allocator one of the scan's largest costs (measured with perf).
    static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A buffer that outgrew this is freed after use rather than kept per
/// worker for the rest of the run.
const KEEP_BUFFER: usize = 1 << 20;

fn process(
    stages: &Stages,
    candidate: &Candidate,
    evaluator: Option<&mut policy::Evaluator<'_>>,
) -> FileOutcome {
    let mut buffer = READ_BUFFER.with_borrow_mut(std::mem::take);
    let outcome = process_with(stages, candidate, evaluator, &mut buffer);
    if buffer.capacity() <= KEEP_BUFFER {
        READ_BUFFER.with_borrow_mut(|b| *b = buffer);
    }
    outcome
}

fn process_with(
    stages: &Stages,
    candidate: &Candidate,
    evaluator: Option<&mut policy::Evaluator<'_>>,
    buffer: &mut Vec<u8>,
) -> FileOutcome {
    let path = candidate.display.as_str();
    let note = |level, line, message: String| Notification {
        path: path.to_owned(),
        level,
        line,
        message,
    };
    let length = match std::fs::metadata(&candidate.path) {
        Ok(meta) if meta.len() > stages.max_file_size => {
            let reason = "larger than --max-file-size".to_owned();
            let mut out = FileOutcome::new(Status::Skipped(reason.clone()));
            out.notifications.push(note(
                NoteLevel::Note,
                None,
                format!("{reason} ({} bytes > {})", meta.len(), stages.max_file_size),
            ));
            return out;
        }
        Ok(meta) => meta.len(),
        Err(e) => {
            let mut out = FileOutcome::new(Status::Failed("unreadable".to_owned()));
            out.notifications
                .push(note(NoteLevel::Error, None, format!("cannot read: {e}")));
            return out;
        }
    };
    let bytes = match read_limited(&candidate.path, length, stages.max_file_size, buffer) {
        Ok(()) if buffer.len() as u64 > stages.max_file_size => {
            let reason = "larger than --max-file-size".to_owned();
            let mut out = FileOutcome::new(Status::Skipped(reason.clone()));
            out.notifications.push(note(NoteLevel::Note, None, reason));
            return out;
        }
        Ok(()) => &buffer[..],
        Err(e) => {
            let mut out = FileOutcome::new(Status::Failed("unreadable".to_owned()));
            out.notifications
                .push(note(NoteLevel::Error, None, format!("cannot read: {e}")));
            return out;
        }
    };
    examine(stages, path, bytes, evaluator)
}

/// Everything after reading: decode, classify, extract, judge. Split from
/// [`process`] so that a file held in memory (the fuzz targets, embedders)
/// goes through exactly the code a file on disk does.
pub(crate) fn examine(
    stages: &Stages,
    path: &str,
    bytes: &[u8],
    evaluator: Option<&mut policy::Evaluator<'_>>,
) -> FileOutcome {
    let note = |level, line, message: String| Notification {
        path: path.to_owned(),
        level,
        line,
        message,
    };
    let (text, encoding) = match source::decode(bytes) {
        Ok(decoded) => decoded,
        Err(source::NotText::Binary) => {
            let mut out = FileOutcome::new(Status::Skipped("binary".to_owned()));
            // Binary files are everywhere (images, archives) and are only
            // counted; one named like a format we parse is worth a word,
            // since its settings are then not checked.
            if let Some(format) = stages.classifier.candidates(path).first() {
                out.notifications.push(note(
                    NoteLevel::Note,
                    None,
                    format!(
                        "binary content in a file named like {}: not scanned",
                        format.name
                    ),
                ));
            }
            return out;
        }
    };
    let mut out = FileOutcome::new(Status::Scanned);
    let format = stages.classifier.classify(path, &text);
    let format_index = format.and_then(|f| FORMATS.iter().position(|g| std::ptr::eq(f, g)));
    out.format = format_index;
    let hits = stages.prefilter.scan(&text, format_index);
    let text_scans = if classify::is_prose(path) {
        0
    } else {
        hits.text_scans
    };
    if !hits.format && text_scans == 0 {
        return out;
    }
    if encoding == Encoding::Utf8Lossy {
        out.notifications.push(note(
            NoteLevel::Warning,
            None,
            "not valid UTF-8; invalid bytes were replaced before scanning".to_owned(),
        ));
    }
    let file = SourceFile::new(path, &text);
    let mut found: Vec<Fact> = Vec::new();
    if let (Some(format), true) = (format, hits.format) {
        match (format.extract)(&file) {
            Ok(facts) => found = facts,
            Err(e) => {
                out.status = Status::Failed(format!("malformed {}", format.id));
                out.notifications.push(note(
                    NoteLevel::Error,
                    e.line,
                    format!("cannot parse as {}: {}", format.name, e.message),
                ));
            }
        }
    }
    if text_scans != 0 {
        let comments =
            format.map_or_else(|| classify::comment_style_for_path(path), |f| f.comments);
        for (index, scan) in TEXT_SCANS.iter().enumerate() {
            if hits.text_scan(index) {
                let more = (scan.scan)(&file, comments, &found);
                found.extend(more);
            }
        }
    }
    if found.is_empty() {
        return out;
    }
    found.sort_by_key(|f| (f.location, f.kind));
    let file_facts = FileFacts {
        path: path.to_owned(),
        format: format.map_or("text", |f| f.id).to_owned(),
        sha256: policy::hex(&Sha256::digest(bytes)),
        facts: found,
    };
    if let Some(evaluator) = evaluator {
        let doc = FactsDocument {
            schema: facts::SCHEMA.to_owned(),
            settings: stages.settings.clone(),
            files: vec![file_facts.clone()],
        };
        match evaluator.evaluate(&doc) {
            Ok(raw) if !raw.is_empty() => {
                let hash_input = if encoding == Encoding::Utf8 {
                    bytes
                } else {
                    text.as_bytes()
                };
                let hashes = LineHashes::compute(hash_input);
                out.findings = raw
                    .into_iter()
                    .filter_map(|r| to_finding(r, &file_facts, &file, evaluator, &hashes))
                    .collect();
                if text.contains(crate::suppress::inline::MARKER) {
                    let style = format
                        .map_or_else(|| classify::comment_style_for_path(path), |f| f.comments);
                    let known: Vec<&str> = (0..)
                        .map_while(|i| evaluator.rule(i))
                        .map(|r| r.id.as_str())
                        .collect();
                    let (directives, notes) = crate::suppress::inline::parse(&file, style, &known);
                    crate::suppress::inline::apply(path, &directives, &mut out.findings);
                    out.notifications.extend(notes);
                }
            }
            Ok(_) => {}
            Err(e) => out.policy_error = Some(PolicyError(format!("{e} (while judging {path})"))),
        }
    }
    out.facts = Some(file_facts);
    out
}

fn to_finding(
    raw: RawFinding,
    file_facts: &FileFacts,
    file: &SourceFile,
    evaluator: &policy::Evaluator<'_>,
    hashes: &LineHashes,
) -> Option<Finding> {
    let fact = file_facts.facts.get(raw.fact)?.clone();
    let rule = evaluator.rule(raw.rule)?;
    let level = raw
        .level
        .filter(|l| matches!(l.as_str(), "error" | "warning" | "note"))
        .unwrap_or_else(|| rule.level.clone());
    let location = raw.location.unwrap_or(fact.location);
    let snippet = if location == fact.location {
        fact.evidence.clone()
    } else {
        crate::extract::common::redact::redact(file.line(location.line).trim())
    };
    let highlight = crate::report::underline::locate(file.line(location.line), location, &snippet);
    Some(Finding {
        rule: raw.rule,
        rule_id: rule.id.clone(),
        level,
        message: raw.message,
        path: file_facts.path.clone(),
        location,
        snippet,
        highlight,
        problem: raw.problem,
        remedy: raw.remedy,
        related: raw.related.unwrap_or_else(|| fact.related.clone()),
        fingerprint: hashes.get(location.line).map(str::to_owned),
        fact,
        format: file_facts.format.clone(),
        suppression: None,
        baseline: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Stages {
        Stages::new("mail", DEFAULT_MAX_FILE_SIZE).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The walk found a file that is gone when its turn comes (deleted
    /// while the scan runs): a failure with a reason, not a panic.
    #[test]
    fn a_file_deleted_after_the_walk_fails_with_a_reason() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("gone.sh");
        std::fs::write(&path, "HOST=imap-legacy.office365.com\n").unwrap_or_else(|e| panic!("{e}"));
        let candidate = Candidate {
            display: "gone.sh".to_owned(),
            path: path.clone(),
        };
        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let out = process(&stages(), &candidate, None);
        assert!(matches!(&out.status, Status::Failed(r) if r == "unreadable"));
        assert_eq!(out.notifications.len(), 1);
        assert!(out.notifications[0].message.starts_with("cannot read:"));
        assert_eq!(out.notifications[0].level, NoteLevel::Error);
    }

    /// A file whose read fails after a successful `stat` (here a directory
    /// standing where a file was: `read` says EISDIR, as a permission or
    /// I/O error would fail it) is a failure with the system's reason.
    #[test]
    fn a_read_error_after_stat_fails_with_a_reason() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let candidate = Candidate {
            display: "was-a-file".to_owned(),
            path: dir.path().to_owned(),
        };
        let out = process(&stages(), &candidate, None);
        assert!(matches!(&out.status, Status::Failed(r) if r == "unreadable"));
        assert!(out.notifications[0].message.starts_with("cannot read:"));
    }

    /// The size limit is decided from metadata before any byte is read: a
    /// sparse file of 64 GiB would exhaust memory (and time) if it were read.
    #[test]
    fn files_over_the_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("huge.sh");
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        file.set_len(64 << 30).unwrap_or_else(|e| panic!("{e}"));
        let candidate = Candidate {
            display: "huge.sh".to_owned(),
            path,
        };
        let out = process(&stages(), &candidate, None);
        assert!(matches!(&out.status, Status::Skipped(r) if r == "larger than --max-file-size"));
        assert!(out.notifications[0].message.contains("68719476736 bytes"));
    }
}
