//! `tlsfloor explain`: a rule's whole story from its `# METADATA` block —
//! title, description, help (what it finds, why it matters for the
//! Exchange Online change, how to fix it) and examples — for a terminal,
//! and the same help with examples as Markdown for SARIF `help`.
//!
//! Nothing here is written per rule: every word comes from the policies,
//! built-in or a user's `--policy` folder.

use crate::policy::metadata::RuleMeta;
use std::fmt::Write as _;

/// The rule with id `id` (case-insensitive), or an error listing the ids.
pub fn find<'a>(rules: &'a [RuleMeta], id: &str) -> Result<&'a RuleMeta, String> {
    rules
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id) || r.name.eq_ignore_ascii_case(id))
        .ok_or_else(|| {
            let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
            format!(
                "no rule {id:?}\n  hint: the rules are {} (`tlsfloor rules` lists them; add yours with --policy DIR)",
                ids.join(", ")
            )
        })
}

/// Markdown `**bold**` as plain text (the help is written for SARIF viewers).
fn plain(markdown: &str) -> String {
    markdown.replace("**", "")
}

fn indented(out: &mut String, text: &str, indent: &str) {
    for line in text.trim_end().lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

/// The explanation for a terminal.
pub fn text(rule: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({})", rule.id, rule.name, rule.level);
    let _ = writeln!(out, "{}", rule.short);
    out.push('\n');
    indented(&mut out, &rule.description, "");
    if !rule.help.is_empty() {
        out.push('\n');
        indented(&mut out, &plain(&rule.help), "");
    }
    for (n, e) in rule.examples.iter().enumerate() {
        let _ = writeln!(out, "\nExample {}: {}", n + 1, e.file);
        let _ = writeln!(out, "  non-compliant:");
        indented(&mut out, &e.noncompliant, "    ");
        let _ = writeln!(out, "  compliant:");
        indented(&mut out, &e.compliant, "    ");
    }
    out.push('\n');
    if let Some(uri) = &rule.help_uri {
        let _ = writeln!(out, "More: {uri}");
    }
    let source = rule.source.strip_prefix("builtin:").map_or_else(
        || rule.source.clone(),
        |path| format!("policies/{path} (built in)"),
    );
    let _ = writeln!(out, "Rule source: {source}");
    out
}

/// The rule's help with its examples, as Markdown (SARIF `help.markdown`).
pub fn help_markdown(rule: &RuleMeta) -> String {
    let mut out = rule.help.clone();
    if rule.examples.is_empty() {
        return out;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str("**Examples.**");
    for e in &rule.examples {
        let fence = fence_for(&e.noncompliant, &e.compliant);
        let _ = write!(
            out,
            "\n\nNon-compliant `{file}`:\n\n{fence}\n{bad}\n{fence}\n\nCompliant:\n\n{fence}\n{good}\n{fence}",
            file = e.file,
            bad = e.noncompliant.trim_end(),
            good = e.compliant.trim_end(),
        );
    }
    out
}

/// A code fence longer than any run of backticks in the examples.
fn fence_for(a: &str, b: &str) -> String {
    let longest = [a, b]
        .iter()
        .flat_map(|s| s.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::metadata::Example;

    fn rule() -> RuleMeta {
        RuleMeta {
            id: "X001".into(),
            name: "x-rule".into(),
            short: "Short".into(),
            description: "Long text.".into(),
            help: "**What it finds.** Things.".into(),
            level: "warning".into(),
            security_severity: None,
            precision: None,
            tags: Vec::new(),
            help_uri: None,
            package: "data.x".into(),
            source: "mine/x.rego".into(),
            examples: vec![Example {
                file: "a.conf".into(),
                noncompliant: "tls = 1.0\n".into(),
                compliant: "tls = 1.2\n".into(),
            }],
        }
    }

    #[test]
    fn unknown_ids_list_the_known_ones() {
        let rules = [rule()];
        assert_eq!(find(&rules, "x001").map(|r| r.id.as_str()), Ok("X001"));
        assert_eq!(find(&rules, "x-rule").map(|r| r.id.as_str()), Ok("X001"));
        let err = find(&rules, "TLS999").err().unwrap_or_default();
        assert!(err.contains("X001"), "{err}");
    }

    #[test]
    fn text_has_every_part_without_markdown_bold() {
        let t = text(&rule());
        assert!(
            t.starts_with("X001 x-rule (warning)\nShort\n\nLong text.\n\nWhat it finds. Things.\n")
        );
        assert!(t.contains(
            "Example 1: a.conf\n  non-compliant:\n    tls = 1.0\n  compliant:\n    tls = 1.2\n"
        ));
        assert!(t.contains("Rule source: mine/x.rego"));
    }

    #[test]
    fn markdown_fences_outgrow_backticks_in_examples() {
        let mut r = rule();
        r.examples[0].noncompliant = "a ``` b".into();
        let md = help_markdown(&r);
        assert!(md.contains("\n````\na ``` b\n````"), "{md}");
        assert!(md.starts_with("**What it finds.** Things.\n\n**Examples.**"));
    }
}
