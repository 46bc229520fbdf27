//! Inline suppressions: a comment `tlsfloor:ignore RULE[,RULE...] -- reason`
//! on the finding's line (after the setting) or alone on the line above it.
//!
//! Like `nosemgrep` and `checkov:skip`, the waiver sits next to the code it
//! excuses and names the rules it covers, so it neither hides other rules
//! nor outlives the line. Unlike them, a reason is required: a directive
//! without `-- reason` (or naming no known rule) suppresses nothing and is
//! reported as a warning notification on its line, so that CI shows it.
//!
//! The directive counts only inside a comment of the file's format (the
//! format registry's [`CommentStyle`]): a `#` comment in a shell script,
//! `//` in Java, `<!-- -->` in XML. Formats without comments (JSON) cannot
//! carry one; use an exception in `tlsfloor.toml` there.

use super::{Suppression, SuppressionKind};
use crate::classify::{CommentFilter, CommentStyle};
use crate::scan::{Finding, NoteLevel, Notification};
use crate::source::SourceFile;

/// The directive's keyword.
pub const MARKER: &str = "tlsfloor:ignore";

/// One well-formed directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The line the directive is written on.
    pub line: usize,
    /// Lines it covers: its own, plus the next when it is a whole-line comment.
    pub covers: Vec<usize>,
    pub rules: Vec<String>,
    pub reason: String,
}

/// Comment openers of a style, for directives at the end of a line.
fn openers(style: CommentStyle) -> &'static [&'static str] {
    match style {
        CommentStyle::Hash => &["#"],
        CommentStyle::Slash => &["//", "/*"],
        CommentStyle::SlashOrHash => &["//", "/*", "#"],
        CommentStyle::Semicolon => &[";", "#"],
        CommentStyle::DoubleDash => &["--"],
        CommentStyle::Rem => &["REM ", "rem ", "::"],
        CommentStyle::Apostrophe => &["'"],
        CommentStyle::Xml => &["<!--"],
        CommentStyle::None => &[],
    }
}

/// Reads every directive of `file`. Malformed ones (no reason, no rule,
/// an unknown rule) become warnings and are left out.
pub fn parse(
    file: &SourceFile,
    style: CommentStyle,
    known_rules: &[&str],
) -> (Vec<Directive>, Vec<Notification>) {
    let mut directives = Vec::new();
    let mut notes = Vec::new();
    let mut filter = CommentFilter::new(style);
    for (n, line) in file.lines() {
        let whole_line_comment = filter.is_comment(line);
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let before = &line[..at];
        let in_comment = whole_line_comment || openers(style).iter().any(|o| before.contains(o));
        if !in_comment {
            continue;
        }
        let warn = |message: String| Notification {
            path: file.path.to_owned(),
            level: NoteLevel::Warning,
            line: Some(n),
            message,
        };
        let rest = &line[at + MARKER.len()..];
        let (ids, reason) = match rest.find("--") {
            // `-->` closes an XML comment: it is not the reason separator.
            Some(i) if !rest[i..].starts_with("-->") => (&rest[..i], Some(&rest[i + 2..])),
            _ => (rest, None),
        };
        let ids = ids
            .trim_end_matches("-->")
            .trim_end_matches("*/")
            .trim_end();
        let rules: Vec<String> = ids
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let reason = reason
            .map(|r| {
                r.trim()
                    .trim_end_matches("-->")
                    .trim_end_matches("*/")
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default();
        if rules.is_empty() {
            notes.push(warn(format!(
                "{MARKER} names no rule; write `{MARKER} RULE -- reason` (it suppresses nothing)"
            )));
            continue;
        }
        if let Some(unknown) = rules.iter().find(|r| !known_rules.contains(&r.as_str())) {
            notes.push(warn(format!(
                "{MARKER} names {unknown}, which is not a rule (see `tlsfloor rules`); it suppresses nothing"
            )));
            continue;
        }
        if reason.is_empty() {
            notes.push(warn(format!(
                "{MARKER} {} gives no reason; write `-- why this is accepted` after the rule (it suppresses nothing)",
                rules.join(",")
            )));
            continue;
        }
        let mut covers = vec![n];
        if whole_line_comment {
            covers.push(n + 1);
        }
        directives.push(Directive {
            line: n,
            covers,
            rules,
            reason,
        });
    }
    (directives, notes)
}

/// Marks each finding a directive covers (same rule, primary line covered).
pub fn apply(path: &str, directives: &[Directive], findings: &mut [Finding]) {
    for finding in findings.iter_mut() {
        let hit = directives.iter().find(|d| {
            d.covers.contains(&finding.location.line) && d.rules.contains(&finding.rule_id)
        });
        if let Some(d) = hit {
            finding.suppression = Some(Suppression {
                kind: SuppressionKind::InSource,
                justification: d.reason.clone(),
                owner: None,
                expires: None,
                expired: false,
                source: format!("{path}:{}", d.line),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str, style: CommentStyle) -> (Vec<Directive>, Vec<Notification>) {
        let file = SourceFile::new("f", text);
        parse(&file, style, &["R1", "R2"])
    }

    #[test]
    fn trailing_and_preceding_comments() {
        let (d, n) = parse_text(
            "a = 1 # tlsfloor:ignore R1 -- vendor box, replaced in Q3\n# tlsfloor:ignore R1,R2 -- both\nb = 2\n",
            CommentStyle::Hash,
        );
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(d[0].covers, vec![1]);
        assert_eq!(d[0].reason, "vendor box, replaced in Q3");
        assert_eq!(d[1].covers, vec![2, 3]);
        assert_eq!(d[1].rules, vec!["R1", "R2"]);
    }

    #[test]
    fn outside_a_comment_it_is_plain_text() {
        let (d, n) = parse_text("msg = \"tlsfloor:ignore R1 -- x\"\n", CommentStyle::Hash);
        assert!(d.is_empty() && n.is_empty());
    }

    #[test]
    fn xml_and_block_comments_lose_their_closers() {
        let (d, _) = parse_text(
            "<!-- tlsfloor:ignore R2 -- kiosk -->\n<x/>\n",
            CommentStyle::Xml,
        );
        assert_eq!(d[0].reason, "kiosk");
        let (d, _) = parse_text("/* tlsfloor:ignore R1 -- lab */\n", CommentStyle::Slash);
        assert_eq!(d[0].reason, "lab");
    }

    #[test]
    fn missing_reason_or_rule_is_reported_and_suppresses_nothing() {
        let (d, n) = parse_text(
            "# tlsfloor:ignore R1\n# tlsfloor:ignore -- why\n# tlsfloor:ignore R9 -- why\n# tlsfloor:ignore R1 --   \n",
            CommentStyle::Hash,
        );
        assert!(d.is_empty());
        assert_eq!(n.len(), 4);
        assert!(n[0].message.contains("gives no reason"), "{}", n[0].message);
        assert!(n[1].message.contains("names no rule"));
        assert!(n[2].message.contains("R9"));
        assert_eq!(n[3].line, Some(4));
    }

    #[test]
    fn formats_without_comments_carry_no_directive() {
        let (d, n) = parse_text(
            "{\"x\": 1} // tlsfloor:ignore R1 -- y\n",
            CommentStyle::None,
        );
        assert!(d.is_empty() && n.is_empty());
    }
}
