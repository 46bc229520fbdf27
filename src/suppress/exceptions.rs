//! Exceptions from `tlsfloor.toml` (`[[exception]]`: path glob, rule,
//! justification, owner, expiry), and the file's per-rule level overrides.
//!
//! An exception covers the findings of its rule in the files its glob
//! matches, until its expiry date has passed (the date itself still
//! counts). After that it stays on the findings it matches, marked
//! `expired`, without suppressing them, and it is reported as a warning
//! notification on its line of `tlsfloor.toml`. An inline comment wins
//! over an exception: it is the more specific waiver.

use super::{Suppression, SuppressionKind};
use crate::config::Config;
use crate::scan::{NoteLevel, Notification, ScanReport};

/// Applies `config`'s rule levels and exceptions to `report`, judging
/// expiry against `today` (`YYYY-MM-DD`).
pub fn apply(config: &Config, report: &mut ScanReport, today: &str) {
    apply_levels(config, report);
    for exception in &config.exceptions {
        if exception.expires.as_str() < today {
            report.notifications.push(Notification {
                path: config.display.clone(),
                level: NoteLevel::Warning,
                line: Some(exception.line),
                message: format!(
                    "exception for {} on {:?} (owner {}) expired on {}; its findings count again",
                    exception.rule, exception.path, exception.owner, exception.expires
                ),
            });
        }
    }
    report.notifications.sort();
    for finding in &mut report.findings {
        if finding.suppression.is_some() {
            continue;
        }
        let path = config.relative_path(&finding.path);
        let hit = config
            .exceptions
            .iter()
            .find(|e| e.rule == finding.rule_id && e.matches_path(path));
        if let Some(e) = hit {
            finding.suppression = Some(Suppression {
                kind: SuppressionKind::External,
                justification: e.justification.clone(),
                owner: Some(e.owner.clone()),
                expires: Some(e.expires.clone()),
                expired: e.expires.as_str() < today,
                source: format!("{}:{}", config.display, e.line),
            });
        }
    }
}

/// `[rules.ID] level`: a new level for the rule's findings and its SARIF
/// default, or `off` to drop its findings.
fn apply_levels(config: &Config, report: &mut ScanReport) {
    for over in &config.rule_levels {
        if over.level == "off" {
            report.findings.retain(|f| f.rule_id != over.rule);
            continue;
        }
        for f in report
            .findings
            .iter_mut()
            .filter(|f| f.rule_id == over.rule)
        {
            f.level.clone_from(&over.level);
        }
        for r in report.rules.iter_mut().filter(|r| r.id == over.rule) {
            r.level.clone_from(&over.level);
        }
    }
}
