//! Why a finding is not held against the scan: an inline comment next to
//! the setting (`tlsfloor:ignore RULE -- reason`, see [`inline`]) or an
//! exception in `tlsfloor.toml` (see [`exceptions`]).
//!
//! The model is one small struct on [`crate::scan::Finding`]: the finding
//! stays in the report (JSON, evidence, SARIF with `--include-suppressed`)
//! so that an auditor sees every waiver with its reason and owner; only the
//! text output, the exit code and the default SARIF leave it out.
//!
//! An exception past its expiry date still sits on the finding, with
//! `expired: true`, but no longer suppresses it: a temporary waiver cannot
//! quietly become permanent.

pub mod exceptions;
pub mod inline;

use serde::{Deserialize, Serialize};

/// Where a suppression is written (the SARIF `suppression.kind` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    /// A `tlsfloor:ignore` comment in the scanned file itself.
    InSource,
    /// An `[[exception]]` in `tlsfloor.toml`.
    External,
}

impl SuppressionKind {
    /// The SARIF spelling: `inSource` or `external`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        }
    }
}

/// A waiver attached to a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// Why the finding is accepted (never empty: a waiver without a reason
    /// does not suppress).
    pub justification: String,
    /// Who answers for it (exceptions only).
    pub owner: Option<String>,
    /// Last day the waiver holds, `YYYY-MM-DD` (exceptions only).
    pub expires: Option<String>,
    /// The expiry date has passed: the finding counts again.
    pub expired: bool,
    /// Where the waiver is written, `path:line` (the comment, or the
    /// exception's entry in `tlsfloor.toml`).
    pub source: String,
}

impl Suppression {
    /// Whether this waiver currently keeps its finding out of the gate.
    pub fn is_active(&self) -> bool {
        !self.expired
    }
}

impl crate::scan::Finding {
    /// Whether an active waiver covers this finding.
    pub fn is_suppressed(&self) -> bool {
        self.suppression
            .as_ref()
            .is_some_and(Suppression::is_active)
    }

    /// Whether the finding counts for the exit code and the text output:
    /// not suppressed, and not already in the `--baseline`.
    pub fn is_gating(&self) -> bool {
        !self.is_suppressed() && self.baseline != Some(crate::baseline::BaselineState::Unchanged)
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, for expiry checks.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_819), (2027, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
