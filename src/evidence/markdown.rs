//! `report.md`: the report's summary in GitHub-flavoured Markdown, for a
//! change ticket or a pull-request comment. Text from the scan is escaped
//! so that a file name or snippet cannot break a table or inject markup.

use super::inventory::Inventory;
use super::manifest::Manifest;
use super::summary::{place, subject, target, Summary, Tally};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escapes text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn tally_cells(t: &Tally) -> String {
    format!(
        "{} | {} | {} | {}",
        t.compliant,
        t.non_compliant,
        t.unknown,
        t.total()
    )
}

/// The Markdown report.
pub fn render(
    inventory: &Inventory,
    manifest: &Manifest,
    rules: &BTreeMap<String, String>,
) -> String {
    let s = Summary::of(inventory);
    let mut m = String::new();
    m.push_str("# tlsfloor evidence report\n\n");
    let _ = writeln!(
        m,
        "{} items: **{} compliant**, **{} non-compliant**, **{} unknown** ({} findings, {} files scanned; finished {}, {} {}).\n",
        s.all.total(),
        s.all.compliant,
        s.all.non_compliant,
        s.all.unknown,
        manifest.counts.findings,
        manifest.counts.files.scanned,
        cell(&manifest.finished),
        cell(&manifest.tool.name),
        cell(&manifest.tool.version)
    );
    for (title, rows) in [
        ("By source kind", &s.by_source_kind),
        ("By protocol", &s.by_protocol),
        ("By repository", &s.by_repository),
    ] {
        let _ = writeln!(
            m,
            "## {title}\n\n| | compliant | non-compliant | unknown | total |\n| --- | ---: | ---: | ---: | ---: |"
        );
        for (name, t) in rows {
            let _ = writeln!(m, "| {} | {} |", cell(name), tally_cells(t));
        }
        m.push('\n');
    }
    m.push_str(
        "## By rule\n\n| rule | what it finds | non-compliant items |\n| --- | --- | ---: |\n",
    );
    for (id, title) in rules {
        let _ = writeln!(
            m,
            "| {} | {} | {} |",
            cell(id),
            cell(title),
            s.by_rule.get(id).copied().unwrap_or(0)
        );
    }
    m.push_str("\n## Non-compliant items\n\n");
    let failing: Vec<_> = inventory
        .items
        .iter()
        .filter(|i| i.status == "non-compliant")
        .collect();
    if failing.is_empty() {
        m.push_str("None.\n");
    } else {
        m.push_str("| where | what | target | allowed | rules | remedy |\n| --- | --- | --- | --- | --- | --- |\n");
        for i in failing {
            let _ = writeln!(
                m,
                "| {} ({}) | {} | {} | {} | {} | {} |",
                cell(&place(i)),
                cell(&i.repository),
                cell(&subject(i)),
                cell(&target(i)),
                cell(&i.allowed),
                cell(&i.rule_ids.join(" ")),
                cell(i.remedy.as_deref().unwrap_or(""))
            );
        }
    }
    m.push_str("\n## Exceptions\n\n");
    let excepted: Vec<_> = inventory
        .items
        .iter()
        .filter_map(|i| i.exception.as_ref().map(|e| (i, e)))
        .collect();
    if excepted.is_empty() {
        m.push_str("No exceptions are recorded.\n");
    } else {
        m.push_str("| where | rules | owner | expires | justification |\n| --- | --- | --- | --- | --- |\n");
        for (i, e) in excepted {
            let expires = e.expiry_text();
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} |",
                cell(&place(i)),
                cell(&i.rule_ids.join(" ")),
                cell(e.owner.as_deref().unwrap_or("")),
                cell(&expires),
                cell(&e.justification)
            );
        }
    }
    m.push_str("\n## Provenance\n\n");
    let _ = writeln!(
        m,
        "- policy bundle SHA-256: {}\n- started {}, finished {}",
        cell(
            manifest
                .policy_sha256
                .as_deref()
                .unwrap_or("differs between sources")
        ),
        cell(&manifest.started),
        cell(&manifest.finished)
    );
    for src in &manifest.sources {
        for root in &src.roots {
            let git = match &root.git {
                Some(g) => format!(
                    "commit {}{}",
                    g.commit,
                    if g.dirty { " (dirty)" } else { "" }
                ),
                None => "not a git work tree".to_owned(),
            };
            let _ = writeln!(
                m,
                "- {}: root {}, {}, shard {}",
                cell(&src.repository),
                cell(&root.path),
                cell(&git),
                cell(src.shard.as_deref().unwrap_or("all"))
            );
        }
    }
    m.push_str("\nThe full inventory is in `inventory.csv` / `inventory.json`; file hashes are in `manifest.json`.\n");
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_tables_or_inject_markup() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(cell("two\nlines"), "two lines");
        assert_eq!(cell("[x](http://e)"), "\\[x\\](http://e)");
    }
}
