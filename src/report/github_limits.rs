//! GitHub code scanning's limits on an uploaded SARIF file, enforced before
//! the file is written so that an upload never fails, or loses results,
//! without tlsfloor saying so.
//!
//! The numbers are GitHub's "SARIF data / Maximum values" table
//! (docs.github.com, "SARIF support for code scanning", source
//! `data/reusables/code-scanning/sarif-limits.md` in github/docs) and its
//! "SARIF file is too large" page (10 MB, gzip-compressed). Over a maximum
//! the upload is rejected. tlsfloor writes one run with one location per
//! result, so the run and location limits cannot be reached; the others:
//!
//! - **results per run** (25,000): the most severe results are kept (level,
//!   then the rule's `security-severity`), and a run-level
//!   `toolExecutionNotification` says how many were left out and why;
//! - **rules per run** (25,000) and **tags per rule** (20): an error naming
//!   the count or the rule, since dropping rules or tags would change what
//!   the alerts mean;
//! - **file size** (10 MB gzip-compressed): an error with the size, since
//!   cutting the file would lose results silently.

use crate::policy::metadata::RuleMeta;
use crate::scan::Finding;
use serde_sarif::sarif;
use std::io::Write as _;

/// Upload limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub results_per_run: usize,
    pub rules_per_run: usize,
    pub tags_per_rule: usize,
    /// Bytes of the gzip-compressed file.
    pub gzip_bytes: usize,
}

impl Limits {
    /// GitHub code scanning's maximum values.
    pub const GITHUB: Limits = Limits {
        results_per_run: 25_000,
        rules_per_run: 25_000,
        tags_per_rule: 20,
        gzip_bytes: 10_000_000,
    };

    /// Refuses rule sets GitHub would reject.
    pub fn check_rules(&self, rules: &[RuleMeta]) -> Result<(), String> {
        if rules.len() > self.rules_per_run {
            return Err(format!(
                "{} rules, but GitHub code scanning accepts at most {} per run",
                rules.len(),
                self.rules_per_run
            ));
        }
        if let Some(r) = rules.iter().find(|r| r.tags.len() > self.tags_per_rule) {
            return Err(format!(
                "rule {} ({}) has {} tags, but GitHub code scanning accepts at most {} per rule; shorten its METADATA tags",
                r.id,
                r.source,
                r.tags.len(),
                self.tags_per_rule
            ));
        }
        Ok(())
    }

    /// Keeps at most `results_per_run` findings, the most severe first, in
    /// their original order; when some are left out, also returns the
    /// notification that says so.
    pub fn select_results<'a>(
        &self,
        findings: &[&'a Finding],
        rules: &[RuleMeta],
    ) -> (Vec<&'a Finding>, Option<sarif::Notification>) {
        if findings.len() <= self.results_per_run {
            return (findings.to_vec(), None);
        }
        let level_rank = |l: &str| match l {
            "error" => 0u8,
            "warning" => 1,
            _ => 2,
        };
        // Higher security-severity first; tenths as an integer to sort.
        let severity = |f: &Finding| -> i64 {
            rules
                .get(f.rule)
                .and_then(|r| r.security_severity.as_deref())
                .and_then(|s| s.parse::<f64>().ok())
                .map_or(0, |v| (v * 10.0).round() as i64)
        };
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| {
            let f = findings[i];
            (level_rank(&f.level), -severity(f), i)
        });
        order.truncate(self.results_per_run);
        order.sort_unstable();
        let kept: Vec<&Finding> = order.iter().map(|&i| findings[i]).collect();
        let left_out = findings.len() - kept.len();
        let note = sarif::Notification::builder()
            .level(serde_json::Value::from("warning"))
            .message(
                sarif::Message::builder()
                    .text(format!(
                        "{left_out} of {} results were left out of this run: GitHub code scanning accepts at most {} results per run. The most severe were kept. Narrow the scan (exclude in tlsfloor.toml, --exclude) or split it into several runs with their own --category.",
                        findings.len(),
                        self.results_per_run
                    ))
                    .build(),
            )
            .build();
        (kept, Some(note))
    }

    /// Refuses a log whose gzip-compressed size is over the limit.
    pub fn check_size(&self, text: &str) -> Result<(), String> {
        // Uncompressed within the limit: compressed is too.
        if text.len() <= self.gzip_bytes {
            return Ok(());
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let compressed = gz
            .write_all(text.as_bytes())
            .and_then(|()| gz.finish())
            .map_err(|e| format!("cannot measure the SARIF size: {e}"))?;
        if compressed.len() > self.gzip_bytes {
            return Err(format!(
                "the SARIF log is {} bytes gzip-compressed, but GitHub code scanning accepts at most {} bytes; narrow the scan (exclude in tlsfloor.toml, --exclude) or split it by --category",
                compressed.len(),
                self.gzip_bytes
            ));
        }
        Ok(())
    }
}
