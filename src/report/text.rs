//! Human output, in the style of compilers and linters: one block per
//! finding with the place, the rule, the message and the line itself, then
//! the related places. Colour only when asked for (the CLI decides).

use crate::scan::{ScanReport, Summary};
use std::fmt::Write as _;

/// Text styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
}

fn level_code(level: &str) -> &'static str {
    match level {
        "error" => "1;31",
        "warning" => "1;33",
        _ => "1;36",
    }
}

/// The findings and notifications, for stdout.
pub fn render(report: &ScanReport, style: Style) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let name = report.rules.get(f.rule).map_or("", |r| r.name.as_str());
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            style.paint("1", &f.path),
            f.location.line,
            f.location.column,
            style.paint(level_code(&f.level), &format!("{}[{}]", f.level, f.rule_id)),
            style.paint("1", name),
        );
        let width = f.location.line.to_string().len();
        let _ = writeln!(out, "{:>width$} |", "");
        let _ = writeln!(out, "{:>width$} | {}", f.location.line, f.snippet);
        let _ = writeln!(out, "{:>width$} |", "");
        for r in &f.related {
            let _ = writeln!(out, "{:>width$} = {}:{}: {}", "", f.path, r.line, r.message);
        }
        let _ = writeln!(out, "{:>width$} = {}", "", f.message);
        out.push('\n');
    }
    for n in &report.notifications {
        let place = match n.line {
            Some(line) => format!("{}:{line}", n.path),
            None => n.path.clone(),
        };
        let _ = writeln!(out, "{place}: {}: {}", n.level.as_str(), n.message);
    }
    out
}

/// The closing summary, for stderr.
pub fn summary(report: &ScanReport, style: Style) -> String {
    let s: &Summary = &report.summary;
    let mut counts = std::collections::BTreeMap::new();
    for f in &report.findings {
        *counts.entry(f.level.as_str()).or_insert(0usize) += 1;
    }
    let mut by_rule = std::collections::BTreeMap::new();
    for f in &report.findings {
        *by_rule.entry(f.rule_id.as_str()).or_insert(0usize) += 1;
    }
    let findings = if report.findings.is_empty() {
        "no findings".to_owned()
    } else {
        let levels: Vec<String> = ["error", "warning", "note"]
            .iter()
            .filter_map(|l| {
                counts
                    .get(l)
                    .map(|n| format!("{n} {l}{}", if *n == 1 { "" } else { "s" }))
            })
            .collect();
        let rules: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        format!("{} ({})", levels.join(", "), rules.join(", "))
    };
    let mut line = format!(
        "tlsfloor: {} files seen, {} scanned, {} skipped, {} failed; {}",
        s.seen,
        s.scanned,
        s.skipped_total(),
        s.failed_total(),
        style.paint("1", &findings)
    );
    line.push('\n');
    line
}
