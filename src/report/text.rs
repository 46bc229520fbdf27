//! Human output, made for a terminal and for editors that jump to
//! `path:line:col`: one block per finding with the place, level, rule and
//! problem, the (redacted) source line with the offending value underlined,
//! the related places and the remedy; then one line counting the findings.
//! Colour only when asked for (the CLI decides: a terminal, `NO_COLOR`,
//! `--color`).

use crate::progress::FormatTime;
use crate::scan::{Finding, ScanReport, Summary};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthChar;

/// Text styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
}

const BOLD: &str = "1";
const GUTTER: &str = "1;34";
const FIX: &str = "1;32";

fn level_code(level: &str) -> &'static str {
    match level {
        "error" => "1;31",
        "warning" => "1;33",
        _ => "1;36",
    }
}

/// Columns a tab takes in the snippet display.
const TAB: usize = 4;

fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB
    } else {
        c.width().unwrap_or(0)
    }
}

/// `n word` or `n words`.
fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The findings, the notifications and a one-line count, for stdout.
pub fn render(report: &ScanReport, style: Style) -> String {
    let mut out = String::new();
    for f in &report.findings {
        finding(&mut out, f, style);
    }
    for n in &report.notifications {
        let place = match n.line {
            Some(line) => format!("{}:{line}", n.path),
            None => n.path.clone(),
        };
        let _ = writeln!(out, "{place}: {}: {}", n.level.as_str(), n.message);
    }
    if !report.findings.is_empty() {
        let files: std::collections::BTreeSet<&str> =
            report.findings.iter().map(|f| f.path.as_str()).collect();
        let _ = writeln!(
            out,
            "{} in {}",
            style.paint(BOLD, &findings_by_level(&report.findings)),
            count(files.len(), "file")
        );
    }
    out
}

/// One finding's block.
fn finding(out: &mut String, f: &Finding, style: Style) {
    let headline = f.problem.as_deref().unwrap_or(&f.message);
    let _ = writeln!(
        out,
        "{}:{}:{}: {} {} {}",
        style.paint(BOLD, &f.path),
        f.location.line,
        f.location.column,
        style.paint(level_code(&f.level), &f.level),
        style.paint(BOLD, &f.rule_id),
        headline,
    );
    let number = f.location.line.to_string();
    let pad = " ".repeat(number.len());
    let bar = style.paint(GUTTER, "|");
    let _ = writeln!(out, "{pad} {bar}");
    let shown: String = f
        .snippet
        .chars()
        .map(|c| {
            if c == '\t' {
                " ".repeat(TAB)
            } else {
                c.to_string()
            }
        })
        .collect();
    let _ = writeln!(out, "{} {bar} {shown}", style.paint(GUTTER, &number));
    match f.highlight {
        Some((start, end)) => {
            let before: usize = f.snippet.chars().take(start).map(char_width).sum();
            let under: usize = f
                .snippet
                .chars()
                .skip(start)
                .take(end.saturating_sub(start))
                .map(char_width)
                .sum();
            let carets = "^".repeat(under.max(1));
            let _ = writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(before),
                style.paint(level_code(&f.level), &carets)
            );
        }
        None => {
            let _ = writeln!(out, "{pad} {bar}");
        }
    }
    let eq = style.paint(GUTTER, "=");
    for r in &f.related {
        let _ = writeln!(out, "{pad} {eq} {}:{}: {}", r.line, r.column, r.message);
    }
    if let Some(remedy) = f.remedy.as_deref().filter(|r| !r.is_empty()) {
        let _ = writeln!(out, "{pad} {eq} {} {remedy}", style.paint(FIX, "fix:"));
    }
    out.push('\n');
}

/// "2 errors, 1 warning" (levels most severe first), or "no findings".
fn findings_by_level(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "no findings".to_owned();
    }
    let mut by_level: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *by_level.entry(f.level.as_str()).or_default() += 1;
    }
    ["error", "warning", "note"]
        .iter()
        .filter_map(|l| by_level.get(l).map(|n| count(*n, l)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Counts per rule id, in id order: `<id> <count>, ...`.
fn findings_by_rule(findings: &[Finding]) -> String {
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *by_rule.entry(f.rule_id.as_str()).or_default() += 1;
    }
    by_rule
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2 binary, 1 symbolic link not followed".
fn reasons(map: &BTreeMap<String, usize>) -> String {
    map.iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The one-line summary, for stderr.
pub fn summary(report: &ScanReport, style: Style) -> String {
    let s: &Summary = &report.summary;
    let mut findings = findings_by_level(&report.findings);
    if !report.findings.is_empty() {
        let _ = write!(findings, " ({})", findings_by_rule(&report.findings));
    }
    format!(
        "tlsfloor: {} files seen, {} scanned, {} skipped, {} failed; {}\n",
        s.seen,
        s.scanned,
        s.skipped_total(),
        s.failed_total(),
        style.paint(BOLD, &findings)
    )
}

/// What the closing summary says besides the report's own counts.
#[derive(Debug, Clone)]
pub struct Closing<'a> {
    /// The exit code the run ends with.
    pub exit_code: u8,
    /// The `--fail-on` level: `error`, `warning`, `note` or `never`.
    pub fail_on: &'a str,
    /// Time per format, slowest first, with `--verbose`.
    pub slowest: Option<&'a [FormatTime]>,
    /// The scan's wall-clock time, with `--verbose`.
    pub elapsed: Option<std::time::Duration>,
}

/// How many formats `--verbose` lists.
const SLOWEST: usize = 5;

/// The closing summary, for stderr: files, findings by level and by rule,
/// the slowest formats (verbose) and what the exit code means.
pub fn closing(report: &ScanReport, closing: &Closing<'_>, style: Style) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let detail = |total: usize, word: &str, map: &BTreeMap<String, usize>| {
        if total == 0 {
            format!("{total} {word}")
        } else {
            format!("{total} {word} ({})", reasons(map))
        }
    };
    let _ = write!(
        out,
        "tlsfloor: {} seen: {} scanned, {}, {}",
        count(s.seen, "file"),
        s.scanned,
        detail(s.skipped_total(), "skipped", &s.skipped),
        detail(s.failed_total(), "failed", &s.failed),
    );
    if let Some(elapsed) = closing.elapsed {
        let _ = write!(out, " in {:.2} s", elapsed.as_secs_f64());
    }
    out.push('\n');
    if report.findings.is_empty() {
        let _ = writeln!(out, "tlsfloor: {}", style.paint(BOLD, "no findings"));
    } else {
        let _ = writeln!(
            out,
            "tlsfloor: {}: {}; by rule: {}",
            count(report.findings.len(), "finding"),
            style.paint(BOLD, &findings_by_level(&report.findings)),
            findings_by_rule(&report.findings)
        );
    }
    if let Some(times) = closing.slowest.filter(|t| !t.is_empty()) {
        let listed: Vec<String> = times
            .iter()
            .take(SLOWEST)
            .map(|t| {
                format!(
                    "{} {:.1} ms ({})",
                    t.format,
                    t.time.as_secs_f64() * 1000.0,
                    count(t.files, "file")
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "tlsfloor: slowest formats (time summed over threads): {}",
            listed.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "tlsfloor: exit {}: {}",
        closing.exit_code,
        exit_meaning(closing.exit_code, closing.fail_on)
    );
    out
}

/// One line on what the exit code says.
fn exit_meaning(code: u8, fail_on: &str) -> String {
    match (code, fail_on) {
        (0, "never") => "--fail-on never: findings do not fail the run".to_owned(),
        (0, level) => format!("no finding at or above --fail-on {level}"),
        (1, level) => format!("findings at or above --fail-on {level}"),
        _ => "the scan could not do its job".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_meanings() {
        assert_eq!(
            exit_meaning(1, "warning"),
            "findings at or above --fail-on warning"
        );
        assert_eq!(
            exit_meaning(0, "error"),
            "no finding at or above --fail-on error"
        );
        assert!(exit_meaning(0, "never").contains("do not fail"));
    }

    #[test]
    fn wide_and_tab_characters_take_their_display_width() {
        assert_eq!(char_width('\t'), TAB);
        assert_eq!(char_width('a'), 1);
        assert_eq!(char_width('界'), 2);
    }
}
