//! How far a scan has got: counters the pipeline bumps as it goes (files
//! walked, files done, findings, time per format), read by a progress
//! display on a timer and by the closing summary.
//!
//! Workers only add to atomics (a handful of relaxed additions per file), so
//! counting costs nothing measurable; nothing here draws or locks.

pub mod bar;

use crate::classify::FORMATS;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// Marks "the walk has not finished" in [`Counters::total`].
const UNKNOWN: usize = usize::MAX;

/// Live counts of one scan.
#[derive(Debug)]
pub struct Counters {
    walked: AtomicUsize,
    total: AtomicUsize,
    done: AtomicUsize,
    scanned: AtomicUsize,
    findings: AtomicUsize,
    /// Per format of [`FORMATS`], plus one last slot for files no format
    /// claims (only the text scans look at them).
    nanos: Vec<AtomicU64>,
    files: Vec<AtomicUsize>,
}

/// The counts at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    /// Files the walk has found so far.
    pub walked: usize,
    /// Files to process, once the walk has finished.
    pub total: Option<usize>,
    /// Files processed (scanned, skipped or failed).
    pub done: usize,
    /// Files read and examined.
    pub scanned: usize,
    pub findings: usize,
}

/// Time spent on the files of one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatTime {
    /// The format id, or `text` for files no format claims.
    pub format: &'static str,
    pub files: usize,
    pub time: Duration,
}

impl Default for Counters {
    fn default() -> Self {
        Counters::new()
    }
}

impl Counters {
    pub fn new() -> Self {
        let slots = FORMATS.len() + 1;
        Counters {
            walked: AtomicUsize::new(0),
            total: AtomicUsize::new(UNKNOWN),
            done: AtomicUsize::new(0),
            scanned: AtomicUsize::new(0),
            findings: AtomicUsize::new(0),
            nanos: (0..slots).map(|_| AtomicU64::new(0)).collect(),
            files: (0..slots).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// The walk's counter of files found, bumped by the walk itself.
    pub fn walked(&self) -> &AtomicUsize {
        &self.walked
    }

    /// The walk has finished and found `files` files to process.
    pub fn walk_finished(&self, files: usize) {
        self.walked.store(files, Ordering::Relaxed);
        self.total.store(files, Ordering::Relaxed);
    }

    /// One file is done: `format` is its index in [`FORMATS`] (`None` when
    /// no format claimed it), `took` the time spent on it.
    pub fn file_finished(
        &self,
        format: Option<usize>,
        scanned: bool,
        findings: usize,
        took: Duration,
    ) {
        self.done.fetch_add(1, Ordering::SeqCst);
        if scanned {
            self.scanned.fetch_add(1, Ordering::SeqCst);
        }
        if findings > 0 {
            self.findings.fetch_add(findings, Ordering::SeqCst);
        }
        let slot = format
            .filter(|&i| i < FORMATS.len())
            .unwrap_or(FORMATS.len());
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        if let Some(n) = self.nanos.get(slot) {
            n.fetch_add(nanos, Ordering::Relaxed);
        }
        if let Some(f) = self.files.get(slot) {
            f.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The counts now.
    pub fn snapshot(&self) -> Snapshot {
        // A finished file bumps `done` before `scanned`, so reading them in
        // the other order never shows more files scanned than done.
        let scanned = self.scanned.load(Ordering::SeqCst);
        let findings = self.findings.load(Ordering::SeqCst);
        let done = self.done.load(Ordering::SeqCst);
        let total = self.total.load(Ordering::Relaxed);
        Snapshot {
            walked: self.walked.load(Ordering::Relaxed),
            total: (total != UNKNOWN).then_some(total),
            done,
            scanned,
            findings,
        }
    }

    /// Time per format, slowest first (formats with no file left out).
    pub fn format_times(&self) -> Vec<FormatTime> {
        let mut times: Vec<FormatTime> = self
            .nanos
            .iter()
            .zip(&self.files)
            .enumerate()
            .filter_map(|(i, (nanos, files))| {
                let files = files.load(Ordering::Relaxed);
                (files > 0).then(|| FormatTime {
                    format: FORMATS.get(i).map_or("text", |f| f.id),
                    files,
                    time: Duration::from_nanos(nanos.load(Ordering::Relaxed)),
                })
            })
            .collect();
        times.sort_by(|a, b| b.time.cmp(&a.time).then(a.format.cmp(b.format)));
        times
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_formats_sort_slowest_first() {
        let c = Counters::new();
        assert_eq!(c.snapshot().total, None);
        c.walked().fetch_add(3, Ordering::Relaxed);
        assert_eq!(c.snapshot().walked, 3);
        c.walk_finished(3);
        c.file_finished(Some(0), true, 2, Duration::from_millis(1));
        c.file_finished(None, true, 0, Duration::from_millis(5));
        c.file_finished(Some(0), false, 0, Duration::from_millis(1));
        let s = c.snapshot();
        assert_eq!((s.total, s.done, s.scanned, s.findings), (Some(3), 3, 2, 2));
        let times = c.format_times();
        assert_eq!(times.len(), 2);
        assert_eq!(times[0].format, "text");
        assert_eq!(times[1].format, FORMATS[0].id);
        assert_eq!(times[1].files, 2);
        assert_eq!(times[1].time, Duration::from_millis(2));
    }
}
