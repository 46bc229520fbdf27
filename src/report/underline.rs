//! Where a finding's region lies inside its snippet, so that the text output
//! can underline the offending value.
//!
//! A snippet is the location's line trimmed, redacted and, on very long
//! lines, cut to a window (see `extract::common::evidence`), so the
//! location's columns do not index it. The region's own text is looked up in
//! the snippet instead, at the occurrence nearest to where the columns put
//! it. A region that redaction masked is not in the snippet and gets no
//! underline: only the snippet is ever printed, never the file's own text.

use crate::extract::common::redact::redact;
use crate::facts::Location;

/// The region of `location` as character offsets `start..end` into
/// `snippet`, where `line` is the text of the location's first line.
pub fn locate(line: &str, location: Location, snippet: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let start = location.column.checked_sub(1)?;
    let end = if location.end_line == location.line {
        location.end_column.saturating_sub(1)
    } else {
        chars.len()
    };
    let region: String = chars.get(start..end.min(chars.len()))?.iter().collect();
    let region = region.trim_end();
    if region.is_empty() {
        return None;
    }
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let expected = start.saturating_sub(indent);
    // A region holding a secret (`imaps://user:pw@host`) is in the snippet
    // only in its redacted form.
    nearest(snippet, region, expected).or_else(|| nearest(snippet, &redact(region), expected))
}

/// The occurrence of `needle` in `snippet` nearest to character `expected`.
fn nearest(snippet: &str, needle: &str, expected: usize) -> Option<(usize, usize)> {
    let width = needle.chars().count();
    snippet
        .match_indices(needle)
        .map(|(byte, _)| snippet[..byte].chars().count())
        .min_by_key(|&at| at.abs_diff(expected))
        .map(|at| (at, at + width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize, end_column: usize) -> Location {
        Location::on_line(line, column, end_column)
    }

    #[test]
    fn columns_are_shifted_by_the_trimmed_indent() {
        let line = "    SSLVersions TLSv1";
        // "TLSv1" is columns 17..22 of the line.
        assert_eq!(
            locate(line, at(3, 17, 22), "SSLVersions TLSv1"),
            Some((12, 17))
        );
    }

    #[test]
    fn the_nearest_occurrence_wins() {
        let line = "tls=1.0 min=1.0";
        assert_eq!(locate(line, at(1, 13, 16), line), Some((12, 15)));
        assert_eq!(locate(line, at(1, 5, 8), line), Some((4, 7)));
    }

    #[test]
    fn redaction_before_the_region_is_survived() {
        let line = "url=imaps://me:hunter2@imap-legacy.office365.com/";
        let snippet = "url=imaps://me:****@imap-legacy.office365.com/";
        let start = line.find("imap-legacy").unwrap_or(0) + 1;
        let found = locate(line, at(1, start, start + 25), snippet);
        assert_eq!(found, Some((20, 45)));
    }

    #[test]
    fn a_region_holding_a_secret_is_found_redacted() {
        let line = "URL=imaps://me:hunter2@imap-legacy.office365.com/";
        let snippet = "URL=imaps://me:****@imap-legacy.office365.com/";
        assert_eq!(
            locate(line, at(1, 5, line.len() + 1), snippet),
            Some((4, snippet.len()))
        );
    }

    #[test]
    fn a_masked_region_is_not_underlined() {
        let line = "password = hunter2";
        assert_eq!(locate(line, at(1, 12, 19), "password = ****"), None);
    }

    #[test]
    fn multi_line_regions_run_to_the_end_of_the_first_line() {
        let line = "  ctx = make(";
        let loc = Location {
            line: 1,
            column: 9,
            end_line: 3,
            end_column: 2,
        };
        assert_eq!(locate(line, loc, "ctx = make("), Some((6, 11)));
    }

    #[test]
    fn columns_past_the_line_give_nothing() {
        assert_eq!(locate("short", at(1, 40, 45), "short"), None);
        assert_eq!(locate("short", at(1, 0, 2), "short"), None);
    }

    #[test]
    fn non_ascii_text_counts_characters() {
        let line = "é é TLSv1";
        assert_eq!(locate(line, at(1, 5, 10), line), Some((4, 9)));
    }
}
