//! `report.html`: one self-contained page for people who would rather look
//! than read. No scripts, no external fonts, styles or images: the styles
//! are inline, the chart is inline SVG, and a Content-Security-Policy that
//! forbids every fetch makes any slip visible as a browser console error.
//! Every piece of text from the scan (paths, snippets, reasons) is escaped:
//! file names and evidence may contain markup.

use super::inventory::{Inventory, Item};
use super::manifest::Manifest;
use super::summary::{place, subject, target, Summary, Tally};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{--ok:#1a7f37;--bad:#cf222e;--unk:#9a6700;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);margin:0 auto;padding:24px;max-width:1200px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:150px}
.card b{display:block;font-size:26px}
.card.ok b{color:var(--ok)}.card.bad b{color:var(--bad)}.card.unk b{color:var(--unk)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td:first-child{min-width:13em}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
.ev{display:block;margin-top:4px;padding:4px;background:#f6f8fa;border-radius:4px}
.scroll{overflow-x:auto}
.s-compliant{color:var(--ok)}.s-non-compliant{color:var(--bad);font-weight:600}.s-unknown{color:var(--unk)}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
details{margin:8px 0}summary{cursor:pointer}
";

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

/// The whole page.
pub fn render(
    inventory: &Inventory,
    manifest: &Manifest,
    rules: &BTreeMap<String, String>,
) -> String {
    let s = Summary::of(inventory);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        h,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>tlsfloor evidence report</title>\n");
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");
    h.push_str("<h1>tlsfloor evidence report</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"muted\">Mail clients, TLS settings, libraries and devices that must negotiate TLS 1.2 or later. Scan finished {} by {} {}.</p>",
        escape(&manifest.finished),
        escape(&manifest.tool.name),
        escape(&manifest.tool.version)
    );
    summary_section(&mut h, &s, manifest);
    chart_section(&mut h, &s);
    breakdown_section(&mut h, &s, rules);
    repository_section(&mut h, &s, manifest);
    non_compliant_section(&mut h, inventory);
    unknown_section(&mut h, inventory);
    exception_section(&mut h, inventory);
    provenance_section(&mut h, manifest);
    inventory_section(&mut h, inventory);
    h.push_str("</body>\n</html>\n");
    h
}

fn summary_section(h: &mut String, s: &Summary, m: &Manifest) {
    h.push_str("<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">\n");
    let cards = [
        ("", "items", s.all.total()),
        ("ok", "compliant", s.all.compliant),
        ("bad", "non-compliant", s.all.non_compliant),
        ("unk", "unknown", s.all.unknown),
        ("", "findings", m.counts.findings),
        ("", "files scanned", m.counts.files.scanned),
    ];
    for (class, label, n) in cards {
        let _ = writeln!(
            h,
            "<div class=\"card {class}\" data-count=\"{label}\"><b>{n}</b>{label}</div>"
        );
    }
    h.push_str("</div>\n");
}

/// A horizontal stacked bar per source kind, drawn in SVG.
fn chart_section(h: &mut String, s: &Summary) {
    h.push_str("<h2 id=\"chart\">Status by source kind</h2>\n");
    let max = s
        .by_source_kind
        .values()
        .map(Tally::total)
        .max()
        .unwrap_or(0)
        .max(1);
    let (label_w, bar_w, row_h) = (90.0_f64, 700.0_f64, 28.0_f64);
    let height = row_h * s.by_source_kind.len() as f64 + 40.0;
    let _ = writeln!(
        h,
        "<svg role=\"img\" aria-label=\"Inventory items by source kind and status\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\">",
        w = label_w + bar_w + 60.0
    );
    for (row, (kind, t)) in s.by_source_kind.iter().enumerate() {
        let y = row as f64 * row_h + 4.0;
        let _ = writeln!(
            h,
            "<text x=\"0\" y=\"{}\">{}</text>",
            y + 15.0,
            escape(kind)
        );
        let mut x = label_w;
        for (n, color, label) in [
            (t.compliant, "#1a7f37", "compliant"),
            (t.non_compliant, "#cf222e", "non-compliant"),
            (t.unknown, "#bf8700", "unknown"),
        ] {
            if n == 0 {
                continue;
            }
            let w = bar_w * n as f64 / max as f64;
            let _ = writeln!(
                h,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"20\" fill=\"{color}\"><title>{}: {n} {label}</title></rect>",
                escape(kind)
            );
            x += w;
        }
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 6.0,
            y + 15.0,
            t.total()
        );
    }
    let ly = row_h * s.by_source_kind.len() as f64 + 20.0;
    let mut lx = label_w;
    for (color, label) in [
        ("#1a7f37", "compliant"),
        ("#cf222e", "non-compliant"),
        ("#bf8700", "unknown"),
    ] {
        let _ = writeln!(
            h,
            "<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"{color}\"></rect><text x=\"{}\" y=\"{}\">{label}</text>",
            lx + 16.0,
            ly + 11.0
        );
        lx += 130.0;
    }
    h.push_str("</svg>\n");
}

fn tally_row(h: &mut String, name: &str, t: &Tally) {
    let _ = writeln!(
        h,
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
        escape(name),
        t.compliant,
        t.non_compliant,
        t.unknown,
        t.total()
    );
}

const TALLY_HEAD: &str = "<th>compliant</th><th>non-compliant</th><th>unknown</th><th>total</th>";

fn breakdown_section(h: &mut String, s: &Summary, rules: &BTreeMap<String, String>) {
    let _ = writeln!(
        h,
        "<h2 id=\"by-protocol\">By protocol</h2>\n<table><tr><th>protocol</th>{TALLY_HEAD}</tr>"
    );
    for (p, t) in &s.by_protocol {
        tally_row(h, p, t);
    }
    h.push_str("</table>\n");
    let _ = writeln!(
        h,
        "<h2 id=\"by-kind\">By item kind</h2>\n<table><tr><th>kind</th>{TALLY_HEAD}</tr>"
    );
    for (k, t) in &s.by_kind {
        tally_row(h, &k.replace('_', " "), t);
    }
    h.push_str("</table>\n");
    h.push_str("<h2 id=\"by-rule\">By rule</h2>\n<table><tr><th>rule</th><th>what it finds</th><th>non-compliant items</th></tr>\n");
    for (id, title) in rules {
        let n = s.by_rule.get(id).copied().unwrap_or(0);
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
            escape(id),
            escape(title)
        );
    }
    h.push_str("</table>\n");
}

fn repository_section(h: &mut String, s: &Summary, m: &Manifest) {
    let _ = writeln!(
        h,
        "<h2 id=\"repositories\">Repositories</h2>\n<table><tr><th>repository</th>{TALLY_HEAD}<th>commit</th><th>shards</th></tr>"
    );
    let mut names: Vec<&String> = s.by_repository.keys().collect();
    for src in &m.sources {
        if !names.contains(&&src.repository) {
            names.push(&src.repository);
        }
    }
    names.sort();
    for name in names {
        let t = s.by_repository.get(name).copied().unwrap_or_default();
        let sources: Vec<_> = m.sources.iter().filter(|x| &x.repository == name).collect();
        let mut commits: Vec<String> = sources
            .iter()
            .flat_map(|x| x.roots.iter())
            .map(|r| match &r.git {
                Some(g) => format!(
                    "{}{}",
                    g.commit.get(..12).unwrap_or(&g.commit),
                    if g.dirty { " (dirty)" } else { "" }
                ),
                None => "not a git work tree".to_owned(),
            })
            .collect();
        commits.sort();
        commits.dedup();
        let shards: Vec<String> = sources.iter().filter_map(|x| x.shard.clone()).collect();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><code>{}</code></td><td>{}</td></tr>",
            escape(name),
            t.compliant,
            t.non_compliant,
            t.unknown,
            t.total(),
            escape(&commits.join(", ")),
            escape(&if shards.is_empty() { "all".to_owned() } else { shards.join(", ") })
        );
    }
    h.push_str("</table>\n");
}

fn with_status<'a>(inventory: &'a Inventory, status: &'a str) -> impl Iterator<Item = &'a Item> {
    inventory.items.iter().filter(move |i| i.status == status)
}

fn non_compliant_section(h: &mut String, inventory: &Inventory) {
    h.push_str("<h2 id=\"non-compliant\">Non-compliant items</h2>\n");
    if with_status(inventory, "non-compliant").next().is_none() {
        h.push_str("<p>No item is non-compliant.</p>\n");
        return;
    }
    h.push_str("<table><tr><th>where</th><th>what</th><th>target</th><th>allowed</th><th>rules</th><th>remedy and evidence</th></tr>\n");
    for i in with_status(inventory, "non-compliant") {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code><br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"s-non-compliant\">{}</td><td>{}<code class=\"ev\">{}</code></td></tr>",
            escape(&place(i)),
            escape(&i.repository),
            escape(&subject(i)),
            escape(&protocol_target(i)),
            escape(&i.allowed),
            escape(&i.rule_ids.join(" ")),
            escape(i.remedy.as_deref().unwrap_or("")),
            escape(&i.evidence)
        );
    }
    h.push_str("</table>\n");
}

fn protocol_target(i: &Item) -> String {
    let t = target(i);
    match &i.protocol {
        Some(p) if t.is_empty() => p.to_uppercase(),
        Some(p) => format!("{} {t}", p.to_uppercase()),
        None => t,
    }
}

fn unknown_section(h: &mut String, inventory: &Inventory) {
    h.push_str("<h2 id=\"unknown\">Unknown: confirm with the vendor or a test connection</h2>\n");
    if with_status(inventory, "unknown").next().is_none() {
        h.push_str("<p>No item has an unknown status.</p>\n");
        return;
    }
    h.push_str("<table><tr><th>where</th><th>what</th><th>target</th><th>why unknown</th></tr>\n");
    for i in with_status(inventory, "unknown") {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code><br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&place(i)),
            escape(&i.repository),
            escape(&subject(i)),
            escape(&protocol_target(i)),
            escape(&i.reason)
        );
    }
    h.push_str("</table>\n");
}

fn exception_section(h: &mut String, inventory: &Inventory) {
    h.push_str("<h2 id=\"exceptions\">Exceptions</h2>\n");
    let with: Vec<&Item> = inventory
        .items
        .iter()
        .filter(|i| i.exception.is_some())
        .collect();
    if with.is_empty() {
        h.push_str("<p>No exceptions are recorded.</p>\n");
        return;
    }
    h.push_str("<table><tr><th>where</th><th>rules</th><th>owner</th><th>expires</th><th>justification</th></tr>\n");
    for i in with {
        let Some(e) = &i.exception else { continue };
        let expires = e.expiry_text();
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td{}>{}</td><td>{}</td></tr>",
            escape(&place(i)),
            escape(&i.rule_ids.join(" ")),
            escape(e.owner.as_deref().unwrap_or("")),
            if e.expired {
                " class=\"s-non-compliant\""
            } else {
                ""
            },
            escape(&expires),
            escape(&e.justification)
        );
    }
    h.push_str("</table>\n");
}

fn provenance_section(h: &mut String, m: &Manifest) {
    h.push_str("<h2 id=\"provenance\">Provenance</h2>\n<table>\n");
    let rows = [
        ("tool", format!("{} {}", m.tool.name, m.tool.version)),
        (
            "policy bundle SHA-256",
            m.policy_sha256
                .clone()
                .unwrap_or_else(|| "differs between sources (see below)".to_owned()),
        ),
        ("started", m.started.clone()),
        ("finished", m.finished.clone()),
        (
            "files",
            format!(
                "{} seen, {} scanned, {} skipped, {} failed, {} with facts",
                m.counts.files.seen,
                m.counts.files.scanned,
                m.counts.files.skipped,
                m.counts.files.failed,
                m.counts.files.with_facts
            ),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td><code>{}</code></td></tr>",
            escape(k),
            escape(&v)
        );
    }
    h.push_str("</table>\n<table><tr><th>repository</th><th>shard</th><th>root</th><th>git commit</th><th>dirty</th><th>policy SHA-256</th><th>scope</th></tr>\n");
    for src in &m.sources {
        for root in &src.roots {
            let (commit, dirty) = match &root.git {
                Some(g) => (g.commit.clone(), g.dirty.to_string()),
                None => (String::new(), String::new()),
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                escape(&src.repository),
                escape(src.shard.as_deref().unwrap_or("all")),
                escape(&root.path),
                escape(&commit),
                escape(&dirty),
                escape(src.policy_sha256.get(..16).unwrap_or(&src.policy_sha256)),
                escape(&src.scope)
            );
        }
    }
    h.push_str("</table>\n");
    let _ = writeln!(
        h,
        "<p class=\"muted\">The SHA-256 of each of the {} scanned files that produced a fact, and of every other file of this bundle, is in <code>manifest.json</code>.</p>",
        m.scanned_files.len()
    );
}

fn inventory_section(h: &mut String, inventory: &Inventory) {
    let _ = writeln!(
        h,
        "<h2 id=\"inventory\">Full inventory</h2>\n<details><summary>All {} items (also in inventory.csv and inventory.json)</summary>",
        inventory.items.len()
    );
    h.push_str("<table><tr><th>status</th><th>where</th><th>what</th><th>target</th><th>allowed</th><th>reason</th></tr>\n");
    for i in &inventory.items {
        let _ = writeln!(
            h,
            "<tr><td class=\"s-{}\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&i.status),
            escape(&i.status),
            escape(&place(i)),
            escape(&subject(i)),
            escape(&protocol_target(i)),
            escape(&i.allowed),
            escape(&i.reason)
        );
    }
    h.push_str("</table>\n</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{fffd}b");
    }
}
