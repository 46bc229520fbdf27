//! Shared by the Go, Rust and C source extractors: TLS version settings
//! collected per binding become one `tls_setting` fact per binding, mail
//! client calls become `mail_usage` facts, and bindings are qualified by the
//! function that owns them (so two functions' `cfg` stay apart).

use super::code_lexer::{Code, Kind};
use super::redact::redact;
use super::tls_version::{rank, VersionSet};
use crate::facts::{Fact, FactKind, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// What one setting does to a binding's TLS range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The creation of the context/config (no version by itself).
    Declare,
    Min(&'static str),
    Max(&'static str),
    /// A method or constant that fixes one version.
    Pin(&'static str),
    /// A version switched off (OpenSSL `SSL_OP_NO_*`).
    Disable(&'static str),
}

/// One setting on a binding, with its source span (bytes).
#[derive(Debug, Clone)]
pub struct Item {
    pub binding: String,
    pub effect: Effect,
    pub name: String,
    pub value: String,
    pub span: (usize, usize),
}

/// A mail client call.
#[derive(Debug, Clone)]
pub struct Usage {
    pub client: &'static str,
    pub protocol: Protocol,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls_mode: TlsMode,
    pub binding: Option<String>,
    pub span: (usize, usize),
}

fn evidence(file: &SourceFile, line: usize) -> String {
    redact(file.line(line).trim())
}

/// The TLS range of a binding's settings: pins fix one version; otherwise
/// the lowest floor and the lowest cap (several values in different
/// branches combine to the more permissive floor and the riskier cap), and
/// switched-off versions cut the range where it stops being contiguous.
fn range_of(items: &[&Item]) -> (TlsRange, Option<usize>) {
    let pick = |f: &dyn Fn(Effect) -> Option<&'static str>| -> Option<(usize, &'static str)> {
        items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| f(it.effect).map(|v| (i, v)))
            .min_by_key(|(_, v)| rank(v).unwrap_or(0))
    };
    if let Some((i, v)) = pick(&|e| match e {
        Effect::Pin(v) => Some(v),
        _ => None,
    }) {
        return (TlsRange::explicit(Some(v), Some(v)), Some(i));
    }
    let min = pick(&|e| match e {
        Effect::Min(v) => Some(v),
        _ => None,
    });
    let mut max = pick(&|e| match e {
        Effect::Max(v) => Some(v),
        _ => None,
    });
    let disabled: Vec<(usize, &'static str)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match it.effect {
            Effect::Disable(v) => Some((i, v)),
            _ => None,
        })
        .collect();
    let mut primary_disable = None;
    if !disabled.is_empty() {
        let lo = min.map_or("1.0", |m| m.1);
        let hi = max.map_or("1.3", |m| m.1);
        let mut set = VersionSet::between(lo, hi);
        for (_, v) in &disabled {
            set.set(v, false);
        }
        // OpenSSL keeps the enabled range contiguous from its lowest version.
        let mut top = None;
        let mut started = false;
        for v in ["ssl3", "1.0", "1.1", "1.2", "1.3"] {
            if set.contains(v) {
                started = true;
                top = Some(v);
            } else if started {
                break;
            }
        }
        if let Some(t) = top {
            if max.is_none_or(|(_, m)| rank(t) < rank(m)) {
                let first_off = disabled
                    .iter()
                    .filter(|(_, v)| rank(v) > rank(t))
                    .min_by_key(|(_, v)| rank(v))
                    .map(|(i, _)| *i);
                primary_disable = first_off;
                max = first_off.map(|i| (i, t));
            }
        }
    }
    let tls = if min.is_none() && max.is_none() {
        TlsRange::unknown()
    } else {
        TlsRange::explicit(min.map(|m| m.1), max.map(|m| m.1))
    };
    let low_max = max.filter(|(_, v)| rank(v) < rank("1.2")).map(|m| m.0);
    let primary = low_max
        .or(min.map(|m| m.0))
        .or(max.map(|m| m.0))
        .or(primary_disable);
    (tls, primary)
}

/// One `tls_setting` fact (scope `call`) per binding, on the value that
/// determines its range; the other settings and the creation are related.
pub fn setting_facts(file: &SourceFile, client: &str, items: &[Item]) -> Vec<Fact> {
    let mut by: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for it in items {
        by.entry(it.binding.as_str()).or_default().push(it);
    }
    let mut out = Vec::new();
    for (binding, list) in by {
        let (tls, primary) = range_of(&list);
        let primary = primary
            .and_then(|i| list.get(i).copied())
            .or_else(|| list.iter().find(|i| i.effect != Effect::Declare).copied())
            .or_else(|| list.first().copied());
        let Some(primary) = primary else { continue };
        let location = file.location(primary.span.0, primary.span.1);
        let mut fact = Fact::new(
            FactKind::TlsSetting,
            location,
            evidence(file, location.line),
        );
        fact.client = Some(client.to_owned());
        fact.scope = Some("call".to_owned());
        fact.binding = Some(binding.to_owned());
        fact.tls = Some(tls);
        if primary.effect != Effect::Declare {
            fact.setting = Some(Setting {
                name: primary.name.clone(),
                value: primary.value.clone(),
            });
        }
        let mut lines = vec![location.line];
        for it in &list {
            let loc = file.location(it.span.0, it.span.1);
            if lines.contains(&loc.line) {
                continue;
            }
            lines.push(loc.line);
            let (role, what) = if it.effect == Effect::Declare {
                ("declaration", "creates the TLS configuration")
            } else {
                ("version", "also sets the TLS versions")
            };
            let message = format!("{what}: {}", evidence(file, loc.line));
            fact.related.push(Related::new(role, loc, message));
        }
        fact.related.sort_by_key(|r| (r.line, r.column));
        out.push(fact);
    }
    out
}

/// A `mail_usage` fact.
pub fn usage_fact(file: &SourceFile, u: &Usage) -> Fact {
    let location = file.location(u.span.0, u.span.1);
    let mut fact = Fact::new(FactKind::MailUsage, location, evidence(file, location.line));
    fact.client = Some(u.client.to_owned());
    fact.protocol = Some(u.protocol);
    fact.host = u.host.clone();
    fact.port = u.port;
    fact.tls_mode = Some(u.tls_mode);
    fact.binding = u.binding.clone();
    fact
}

/// The name of the function whose body holds token `i`: the innermost
/// brace whose header has `keyword` followed by a name (Go `func`, Rust
/// `fn`; a Go method's receiver is skipped), or with `keyword` None a
/// top-level brace group after `name(...)` (C). Closures are skipped.
pub fn function_of(code: &Code<'_>, i: usize, keyword: Option<&str>) -> Option<String> {
    let mut cur = code.enclosing(i);
    let mut guard = 0;
    while let Some(open) = cur {
        guard += 1;
        if guard > 256 {
            return None;
        }
        if code.is_punct(open, "{") {
            if let Some(name) = header_name(code, open, keyword) {
                return Some(name);
            }
        }
        cur = code.enclosing(open);
    }
    None
}

fn header_name(code: &Code<'_>, open: usize, keyword: Option<&str>) -> Option<String> {
    let mut j = open.checked_sub(1)?;
    match keyword {
        None => {
            if code.enclosing(open).is_some() {
                return None;
            }
            // `int f(args) {`, also `f(args) const {` is C++: skip idents.
            let mut steps = 0;
            while code.kind(j) == Some(Kind::Ident) && steps < 4 {
                j = j.checked_sub(1)?;
                steps += 1;
            }
            if !code.is_punct(j, ")") {
                return None;
            }
            let o = code.partner(j)?;
            let name = code.name(o.checked_sub(1)?)?;
            (!matches!(name, "if" | "for" | "while" | "switch")).then(|| name.to_owned())
        }
        Some(kw) => {
            for _ in 0..128 {
                if code.is_close(j) {
                    j = code.partner(j)?.checked_sub(1)?;
                    continue;
                }
                if code.is_punct(j, ";") || code.is_punct(j, "{") || code.is_punct(j, "}") {
                    return None;
                }
                if code.is_ident(j, kw) {
                    let mut n = j + 1;
                    if code.is_punct(n, "(") {
                        n = code.partner(n)? + 1;
                    }
                    return code.name(n).map(str::to_owned);
                }
                j = j.checked_sub(1)?;
            }
            None
        }
    }
}

/// Qualifies a single-name binding by its function (`main::cfg`); dotted
/// paths (fields) stay as written.
pub fn qualify(function: Option<&str>, name: &str) -> String {
    match function {
        Some(f) if !name.contains('.') && !name.contains("::") && !name.contains('@') => {
            format!("{f}::{name}")
        }
        _ => name.to_owned(),
    }
}

/// Resolves a reference to `name` inside `function`: the function's own
/// binding when one is known, else the name as written (package level,
/// parameter, field).
pub fn resolve(known: &[String], function: Option<&str>, name: &str) -> String {
    let q = qualify(function, name);
    if known.contains(&q) {
        q
    } else {
        name.to_owned()
    }
}

/// A synthetic binding for a context created inline: `what@LINE:COL`.
pub fn synthetic(file: &SourceFile, what: &str, offset: usize) -> String {
    let (line, col) = file.position(offset);
    format!("{what}@{line}:{col}")
}
