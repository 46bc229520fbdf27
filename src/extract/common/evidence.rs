//! Evidence text for a place in a file: its line, trimmed and redacted, and
//! on very long lines (minified or generated files, a one-line script with
//! thousands of commands) only a window around the place, so that one fact
//! never carries megabytes and many facts on one line cost linear time.

use crate::extract::common::redact::redact;
use crate::source::SourceFile;

/// Lines up to this many bytes (trimmed) are evidence as a whole.
const WHOLE: usize = 400;
/// Bytes kept on each side of the place on longer lines.
const CONTEXT: usize = 160;
/// Marks text cut off.
const CUT: &str = "…";

/// The evidence for the bytes `start..end` of `file`: the line holding
/// `start`, trimmed and redacted, or a window of it around the place.
pub fn line_evidence(file: &SourceFile, start: usize, end: usize) -> String {
    let (n, _) = file.position(start);
    let line = file.line(n);
    let trimmed = line.trim();
    if trimmed.len() <= WHOLE {
        return redact(trimmed);
    }
    let line_start = file.line_start(n);
    let line_end = line_start + line.len();
    let mut from = start.saturating_sub(CONTEXT).max(line_start);
    let mut to = end.max(start).saturating_add(CONTEXT).min(line_end);
    while from > line_start && !file.text.is_char_boundary(from) {
        from -= 1;
    }
    while to < line_end && !file.text.is_char_boundary(to) {
        to += 1;
    }
    let mut window = file.text.get(from..to).unwrap_or("");
    let cut_left = from > line_start;
    if cut_left {
        // Drop the token cut in two: it may be part of a secret whose key
        // is outside the window.
        let place = start.saturating_sub(from);
        if let Some(ws) = window
            .get(..place)
            .and_then(|w| w.find(char::is_whitespace))
        {
            window = &window[ws..];
        }
    }
    let mut out = String::new();
    if cut_left {
        out.push_str(CUT);
    }
    out.push_str(&redact(window.trim()));
    if to < line_end {
        out.push_str(CUT);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_whole() {
        let f = SourceFile::new("x", "  curl -u me:pw --tlsv1 imaps://h  \n");
        let at = f.text.find("--tlsv1").unwrap_or(0);
        assert_eq!(
            line_evidence(&f, at, at + 7),
            "curl -u me:pw --tlsv1 imaps://h"
        );
    }

    #[test]
    fn long_lines_are_windowed_and_redacted() {
        let text = format!(
            "{}password=hunter2 curl --tlsv1 imaps://é{}",
            "x ".repeat(300),
            " y".repeat(300)
        );
        let f = SourceFile::new("x", &text);
        let at = text.find("--tlsv1").unwrap_or(0);
        let e = line_evidence(&f, at, at + 7);
        assert!(e.starts_with(CUT) && e.ends_with(CUT), "{e}");
        assert!(e.contains("--tlsv1 imaps://é"));
        assert!(!e.contains("hunter2"));
        assert!(e.len() < 2 * CONTEXT + 20);
        let cut = format!(
            "{}assword=hunter2 curl --tlsv1{}",
            "é".repeat(200),
            " y".repeat(300)
        );
        let f = SourceFile::new("x", &cut);
        let at = cut.find("--tlsv1").unwrap_or(0);
        assert!(!line_evidence(&f, at, at + 7).contains("hunter2"));
    }
}
