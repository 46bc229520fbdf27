//! Postfix: the SMTP client's relay and TLS settings in `main.cf`, and the
//! per-service `-o` overrides on `smtp` services in `master.cf`.
//!
//! Each `main.cf` that sets a relayhost or any SMTP client TLS parameter is
//! one `connection` (client `postfix`, protocol `smtp`); so is each
//! `master.cf` service running the `smtp` client with such `-o` overrides.
//! `lmtp_*` (local delivery) and `smtpd_*` (the server) are not mail client
//! connections to Exchange Online and are ignored.
//!
//! Semantics follow postconf(5) (`proto/postconf.proto`) and the sources
//! (`util/readlline.c`, `tls/tls_misc.c`, `smtp/smtp_tls_policy.c`):
//! - Syntax: a logical line starts with non-whitespace; a line starting with
//!   whitespace continues it; lines whose first non-blank character is `#`
//!   are comments and do not end a logical line (a `#` later on a line is
//!   part of the value); `name = value`, the last definition wins.
//!   `$name`, `${name}` and `$(name)` refer to other parameters and are
//!   resolved against the same file; conditional forms (`${name?x}`) and
//!   names the file does not define leave the value unknown.
//! - `relayhost`: the first of its destinations (`[host]:service`, brackets
//!   turn off MX lookups, default service `smtp` = 25); empty or absent
//!   means direct MX delivery (host unknown, port 25).
//! - TLS level: `smtp_tls_security_level` (`none`; `may` = opportunistic
//!   STARTTLS; `encrypt`, `dane`, `dane-only`, `fingerprint`, `verify`,
//!   `secure` = mandatory). When it is empty: the obsolete `smtp_enforce_tls`
//!   (mandatory) and `smtp_use_tls` (may) booleans, else the default, which
//!   is `may` from `compatibility_level` 3.11 and `none` below it (the
//!   built-in compatibility level is 0). With `smtp_tls_policy_maps` (or
//!   `smtp_tls_per_site`) and no explicit level the relay's level is not
//!   known from this file. `smtp_tls_wrappermode = yes` is implicit TLS.
//! - TLS range: mandatory levels use `smtp_tls_mandatory_protocols`, `may`
//!   uses `smtp_tls_protocols`. When the level is unknown either may apply,
//!   so the fact carries the weaker of the two that the file sets (lower
//!   maximum, then lower minimum). Unset protocols are unknown: the default
//!   changed between releases (`!SSLv2`, `!SSLv2, !SSLv3`, `>=TLSv1`).
//!   Syntax: `>=version` / `<=version` bounds (Postfix 3.6+; names or hex
//!   such as `0x0303`), and `!name` exclusions or `name` inclusions,
//!   separated by whitespace, commas or colons, with OpenSSL's rule that
//!   excluding a middle version disables everything above it. An empty
//!   list ("all protocols") or an invalid one is unknown. `dane` levels
//!   also exclude SSLv2 and SSLv3 (`tls_client.c`).

use crate::extract::common::mail_url;
use crate::extract::common::openssl_protocols::{negotiable, ProtocolMask};
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, VersionSet, ORDER};
use crate::extract::ExtractError;
use crate::facts::{Basis, Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::HashMap;

/// How deep `$name` references are followed (Postfix itself stops loops).
const MAX_EXPANSION_DEPTH: usize = 16;

/// One logical line: its physical lines (number, text), continuation
/// lines included, comment lines left out.
struct Logical<'a> {
    lines: Vec<(usize, &'a str)>,
}

impl<'a> Logical<'a> {
    fn first_line(&self) -> usize {
        self.lines.first().map_or(1, |l| l.0)
    }

    /// The trimmed text of every physical line, joined by spaces.
    fn text(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|(_, l)| l.trim()).collect();
        parts.join(" ")
    }
}

/// Splits the file into logical lines as `readlline()` does.
fn logical_lines<'a>(file: &SourceFile<'a>) -> Vec<Logical<'a>> {
    let mut out: Vec<Logical<'a>> = Vec::new();
    for (n, line) in file.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with(|c: char| c.is_ascii_whitespace()) {
            // Continues the logical line; before any text Postfix warns and
            // ignores it.
            if let Some(current) = out.last_mut() {
                current.lines.push((n, line));
            }
            continue;
        }
        out.push(Logical {
            lines: vec![(n, line)],
        });
    }
    out
}

/// A parameter setting: `name = value` in main.cf or `-o name=value` in
/// master.cf.
struct Param<'a> {
    name: &'a str,
    /// The value as written (continuations joined), before expansion.
    value: String,
    /// Where the value is (the name when the value is empty).
    location: Location,
    /// The setting's text, redacted.
    evidence: String,
}

/// The parameters of one main.cf, or the overrides of one master.cf
/// service (`complete` false: what is not overridden comes from main.cf).
struct Params<'a> {
    map: HashMap<&'a str, Param<'a>>,
    complete: bool,
}

impl<'a> Params<'a> {
    fn get(&self, name: &str) -> Option<&Param<'a>> {
        self.map.get(name)
    }

    /// The value of `name` with references resolved: `None` when absent,
    /// `Some(None)` when present but not resolvable from this file.
    fn value(&self, name: &str) -> Option<Option<String>> {
        self.get(name).map(|p| self.expand(&p.value, 0))
    }

    /// Resolves `$name`, `${name}` and `$(name)` against this file.
    fn expand(&self, raw: &str, depth: usize) -> Option<String> {
        if depth > MAX_EXPANSION_DEPTH {
            return None;
        }
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let (name, consumed) = if let Some(inner) = after.strip_prefix('{') {
                let end = inner.find('}')?;
                (&inner[..end], end + 2)
            } else if let Some(inner) = after.strip_prefix('(') {
                let end = inner.find(')')?;
                (&inner[..end], end + 2)
            } else {
                let len = after
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
                (&after[..len], len)
            };
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                // `$$`, `${name?value}`, `${{...}}`: not resolved here.
                return None;
            }
            let param = self.map.get(name)?;
            out.push_str(&self.expand(&param.value, depth + 1)?);
            rest = after.get(consumed..).unwrap_or("");
        }
        out.push_str(rest);
        Some(out)
    }

    /// Whether the parameters configure the SMTP client's TLS or relay (an
    /// empty `relayhost`, as stock main.cf files have, is the default).
    fn configures_client(&self) -> bool {
        self.map
            .values()
            .any(|p| is_client_param(p.name) && (p.name != "relayhost" || !p.value.is_empty()))
    }
}

fn is_client_param(name: &str) -> bool {
    name == "relayhost"
        || name.starts_with("smtp_tls_")
        || name == "smtp_use_tls"
        || name == "smtp_enforce_tls"
}

/// The SMTP client's TLS security level, as far as it matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    None,
    May,
    Mandatory,
    Unknown,
}

fn parse_level(value: &str) -> Level {
    match value.trim().to_ascii_lowercase().as_str() {
        "none" => Level::None,
        "may" => Level::May,
        "encrypt" | "dane" | "dane-only" | "fingerprint" | "verify" | "secure" => Level::Mandatory,
        // Postfix refuses to start with any other level.
        _ => Level::Unknown,
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Whether a `compatibility_level` (`2`, `3.6`, `3.11.1`) is at least 3.11.
fn compat_at_least_3_11(value: &str) -> Option<bool> {
    let mut parts = value.trim().split('.');
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = match parts.next() {
        Some(m) => m.parse().ok()?,
        None => 0,
    };
    Some((major, minor) >= (3, 11))
}

/// The level that applies, and the parameters that decided it.
fn tls_level<'p>(params: &'p Params<'_>) -> (Level, bool, Vec<&'p Param<'p>>) {
    if let Some(param) = params.get("smtp_tls_security_level") {
        match params.expand(&param.value, 0) {
            None => return (Level::Unknown, false, vec![param]),
            Some(v) if !v.trim().is_empty() => {
                let dane = v.trim().to_ascii_lowercase().starts_with("dane");
                return (parse_level(&v), dane, vec![param]);
            }
            Some(_) => {}
        }
    } else if !params.complete {
        // A master.cf service inherits main.cf's level.
        return (Level::Unknown, false, Vec::new());
    }
    if params.complete
        && ["smtp_tls_policy_maps", "smtp_tls_per_site"]
            .iter()
            .any(|m| {
                params
                    .value(m)
                    .is_some_and(|v| v.is_none_or(|v| !v.trim().is_empty()))
            })
    {
        // A per-destination policy may set the relay's level.
        return (Level::Unknown, false, Vec::new());
    }
    let flag = |name: &str| -> Option<(Option<bool>, &'p Param<'p>)> {
        let param = params.get(name)?;
        Some((
            params.expand(&param.value, 0).and_then(|v| parse_bool(&v)),
            param,
        ))
    };
    let enforce = flag("smtp_enforce_tls");
    let use_tls = flag("smtp_use_tls");
    if let Some((Some(true), p)) = enforce {
        return (Level::Mandatory, false, vec![p]);
    }
    if let Some((Some(true), p)) = use_tls {
        return (Level::May, false, vec![p]);
    }
    if !params.complete {
        return (Level::Unknown, false, Vec::new());
    }
    if enforce.is_some() || use_tls.is_some() {
        let decided: Vec<&Param> = [enforce, use_tls].iter().flatten().map(|f| f.1).collect();
        let unknown = [enforce, use_tls].iter().flatten().any(|f| f.0.is_none());
        let level = if unknown { Level::Unknown } else { Level::None };
        return (level, false, decided);
    }
    match params.get("compatibility_level") {
        None => (Level::None, false, Vec::new()),
        Some(param) => {
            let at_least = params
                .expand(&param.value, 0)
                .and_then(|v| compat_at_least_3_11(&v));
            let level = match at_least {
                Some(true) => Level::May,
                Some(false) => Level::None,
                None => Level::Unknown,
            };
            (level, false, vec![param])
        }
    }
}

/// Parses a protocols value; `None` when it is empty (all protocols the
/// library has) or invalid (Postfix aborts the TLS session).
pub(crate) fn parse_protocols(value: &str, dane: bool) -> Option<TlsRange> {
    let mut mask = ProtocolMask::new();
    if dane {
        mask.exclude("ssl2");
        mask.exclude("ssl3");
    }
    let mut floor: Option<usize> = None;
    let mut ceiling: Option<usize> = None;
    let mut any = false;
    for token in value
        .split(|c: char| c.is_ascii_whitespace() || c == ',' || c == ':')
        .filter(|t| !t.is_empty())
    {
        any = true;
        if let Some(v) = token.strip_prefix(">=") {
            floor = bound(v)?;
        } else if let Some(v) = token.strip_prefix("<=") {
            ceiling = bound(v)?;
        } else if !mask.add(token) {
            return None;
        }
    }
    if !any {
        return None;
    }
    let mut enabled = mask.enabled(VersionSet::between("ssl2", "1.3"));
    // SSLv3 (or SSLv2 where named) is the bottom of what OpenSSL offers:
    // a list that keeps it restricts nothing below.
    let unrestricted_bottom =
        floor.is_none() && (enabled.contains("ssl2") || enabled.contains("ssl3"));
    for (i, version) in ORDER.iter().enumerate() {
        if floor.is_some_and(|f| i < f) || ceiling.is_some_and(|c| i > c) {
            enabled.set(version, false);
        }
    }
    let (low, high) = negotiable(enabled)?;
    let top = ORDER.len() - 1;
    let min = (!unrestricted_bottom).then_some(low);
    let max = match ceiling {
        Some(c) if c <= top => Some(high),
        _ if rank(high) == Some(top) => None,
        _ => Some(high),
    };
    Some(TlsRange::explicit(min, max))
}

/// A `>=`/`<=` bound: a version name or a hex protocol number, as an index
/// into [`ORDER`] (past the end for versions newer than TLS 1.3). `Ok(None)`
/// is no bound (`None` or 0); `Err` makes the whole value invalid.
fn bound(text: &str) -> Option<Option<usize>> {
    let names = [
        ("none", None),
        ("sslv3", Some(1)),
        ("tlsv1", Some(2)),
        ("tlsv1.1", Some(3)),
        ("tlsv1.2", Some(4)),
        ("tlsv1.3", Some(5)),
    ];
    let lower = text.to_ascii_lowercase();
    if let Some((_, index)) = names.iter().find(|(n, _)| *n == lower) {
        return Some(*index);
    }
    let digits = lower.strip_prefix("0x").unwrap_or(&lower);
    let number = u32::from_str_radix(digits, 16).ok()?;
    Some(match number {
        0 => None,
        0x0002 => Some(0),
        0x0300 => Some(1),
        0x0301..=0x0304 => Some((number - 0x0301) as usize + 2),
        n if n > 0x0304 && n < 0x0400 => Some(ORDER.len()),
        _ => return None,
    })
}

/// The weaker of two candidate ranges: explicit before unknown, then the
/// lower maximum (open is highest), then the lower minimum.
fn weaker<'p>(
    a: (TlsRange, &'p Param<'p>),
    b: (TlsRange, &'p Param<'p>),
) -> (TlsRange, &'p Param<'p>) {
    let key = |r: &TlsRange| {
        (
            r.basis != Basis::Explicit,
            r.max.as_deref().and_then(rank).unwrap_or(ORDER.len()),
            r.min.as_deref().and_then(rank).map_or(0, |i| i + 1),
        )
    };
    if key(&b.0) < key(&a.0) {
        b
    } else {
        a
    }
}

/// The first relay destination: host (when literal) and port.
fn relay_destination(value: &str) -> (Option<String>, Option<u16>) {
    let Some(dest) = value
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .find(|d| !d.is_empty())
    else {
        return (None, Some(25));
    };
    let (host, service) = if let Some(rest) = dest.strip_prefix('[') {
        match rest.split_once(']') {
            Some((h, s)) => (h, s.strip_prefix(':')),
            None => (rest, None),
        }
    } else {
        match dest.rsplit_once(':') {
            Some((h, s)) => (h, Some(s)),
            None => (dest, None),
        }
    };
    let host = host
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("ipv6:"))
        .map_or(host, |_| host.get(5..).unwrap_or(""));
    let host = host.trim_end_matches('.');
    let host =
        (!host.is_empty() && mail_url::is_literal_host(host)).then(|| host.to_ascii_lowercase());
    let port = match service.map(str::to_ascii_lowercase).as_deref() {
        None | Some("smtp") => Some(25),
        Some("submission") => Some(587),
        Some("submissions") | Some("smtps") => Some(465),
        Some(s) => s.parse().ok(),
    };
    (host, port)
}

/// Builds the connection fact of one set of parameters. `declaration` is
/// the master.cf service line (None for main.cf).
fn connection(params: &Params<'_>, declaration: Option<(Location, String)>) -> Option<Fact> {
    if !params.configures_client() {
        return None;
    }
    let (level, dane, level_params) = tls_level(params);
    let wrapper = params
        .value("smtp_tls_wrappermode")
        .map(|v| v.and_then(|v| parse_bool(&v)));
    let tls_mode = match level {
        Level::None => TlsMode::None,
        _ if wrapper == Some(Some(true)) => TlsMode::Implicit,
        Level::May | Level::Mandatory => TlsMode::Starttls,
        Level::Unknown => TlsMode::Unknown,
    };
    let protocols = |name: &str| -> Option<(TlsRange, &Param<'_>)> {
        let param = params.get(name)?;
        let range = params
            .expand(&param.value, 0)
            .and_then(|v| parse_protocols(&v, dane))
            .unwrap_or_else(TlsRange::unknown);
        Some((range, param))
    };
    let chosen = match level {
        Level::None => None,
        Level::May => protocols("smtp_tls_protocols"),
        Level::Mandatory => protocols("smtp_tls_mandatory_protocols"),
        Level::Unknown => match (
            protocols("smtp_tls_mandatory_protocols"),
            protocols("smtp_tls_protocols"),
        ) {
            (Some(a), Some(b)) => Some(weaker(a, b)),
            (a, b) => a.or(b),
        },
    };

    let relay = params.get("relayhost");
    let relay_value = params.value("relayhost");
    let (host, port) = match &relay_value {
        Some(Some(v)) => relay_destination(v),
        Some(None) => (None, None),
        None if params.complete => (None, Some(25)),
        None => (None, None),
    };
    let relay_set =
        matches!(&relay_value, Some(v) if v.as_deref().is_none_or(|v| !v.trim().is_empty()));

    let (location, evidence) = if let Some((_, param)) = &chosen {
        (param.location, param.evidence.clone())
    } else if let Some(decl) = &declaration {
        decl.clone()
    } else if let Some(param) = relay.filter(|_| relay_set) {
        (param.location, param.evidence.clone())
    } else if let Some(param) = level_params.first() {
        (param.location, param.evidence.clone())
    } else {
        let first = params
            .map
            .values()
            .filter(|p| is_client_param(p.name))
            .min_by_key(|p| (p.location.line, p.location.column))?;
        (first.location, first.evidence.clone())
    };

    let mut fact = Fact::new(FactKind::Connection, location, evidence);
    fact.client = Some("postfix".to_owned());
    fact.protocol = Some(Protocol::Smtp);
    fact.host = host;
    fact.port = port;
    fact.tls_mode = Some(tls_mode);
    fact.tls = Some(
        chosen
            .as_ref()
            .map_or_else(TlsRange::unknown, |(range, _)| range.clone()),
    );
    if let Some((loc, text)) = declaration {
        fact.related.push(Related::new("declaration", loc, text));
    }
    if let Some(param) = relay.filter(|_| relay_set) {
        fact.related
            .push(Related::new("host", param.location, param.evidence.clone()));
    }
    let mut mode_params = level_params;
    if let Some(param) = params.get("smtp_tls_wrappermode") {
        mode_params.push(param);
    }
    for param in mode_params {
        fact.related.push(Related::new(
            "tls_mode",
            param.location,
            param.evidence.clone(),
        ));
    }
    Some(fact)
}

/// Parses one main.cf logical line into a parameter.
fn main_param<'a>(file: &SourceFile<'a>, logical: &Logical<'a>) -> Result<Param<'a>, ExtractError> {
    let line_no = logical.first_line();
    let first = logical.lines.first().map_or("", |l| l.1);
    let name_len = first
        .find(|c: char| c.is_ascii_whitespace() || c == '=')
        .unwrap_or(first.len());
    let name = &first[..name_len];
    let after_name = first[name_len..].trim_start();
    let Some(rest) = after_name.strip_prefix('=') else {
        return Err(ExtractError::new(
            format!("missing '=' after parameter name {:?}", redact(name)),
            Some(line_no),
        ));
    };
    if name.is_empty() {
        return Err(ExtractError::new("missing parameter name", Some(line_no)));
    }
    let mut segments: Vec<&'a str> = Vec::new();
    let head = rest.trim();
    if !head.is_empty() {
        segments.push(head);
    }
    for (_, line) in logical.lines.iter().skip(1) {
        segments.push(line.trim());
    }
    let value = segments.join(" ");
    let location = match (segments.first(), segments.last()) {
        (Some(a), Some(b)) => file.span(a, b),
        _ => file.location_of(name),
    };
    Ok(Param {
        name,
        value,
        location,
        evidence: redact(&logical.text()),
    })
}

fn extract_main(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut map = HashMap::new();
    for logical in logical_lines(file) {
        let param = main_param(file, &logical)?;
        map.insert(param.name, param);
    }
    let params = Params {
        map,
        complete: true,
    };
    Ok(connection(&params, None).into_iter().collect())
}

/// The `-o name=value` overrides among a master.cf service's arguments
/// (`-o name=value`, `-oname=value`, or Postfix 3.0+ `-o { name = value }`).
fn service_overrides<'a>(file: &SourceFile<'a>, args: &[&'a str]) -> HashMap<&'a str, Param<'a>> {
    let mut map = HashMap::new();
    let mut i = 0;
    while i < args.len() {
        let token = args[i];
        i += 1;
        let setting: Vec<&'a str> = if token == "-o" {
            let Some(next) = args.get(i) else { break };
            if next.starts_with('{') {
                let start = i;
                while i < args.len() && !args[i].ends_with('}') {
                    i += 1;
                }
                let end = i.min(args.len() - 1);
                i += 1;
                args[start..=end].to_vec()
            } else {
                i += 1;
                vec![*next]
            }
        } else if let Some(attached) = token.strip_prefix("-o").filter(|t| !t.is_empty()) {
            vec![attached]
        } else {
            continue;
        };
        if let Some(param) = override_param(file, &setting) {
            map.insert(param.name, param);
        }
    }
    map
}

/// One `-o` setting from its tokens (one `name=value` token, or a
/// `{ name = value }` group).
fn override_param<'a>(file: &SourceFile<'a>, tokens: &[&'a str]) -> Option<Param<'a>> {
    let (first, last) = (*tokens.first()?, *tokens.last()?);
    let evidence = redact(&format!("-o {}", tokens.join(" ")));
    if tokens.len() == 1 && !first.starts_with('{') {
        let (name, value) = first.split_once('=')?;
        let location = if value.is_empty() {
            file.location_of(first)
        } else {
            file.location_of(&first[name.len() + 1..])
        };
        return Some(Param {
            name,
            value: value.to_owned(),
            location,
            evidence,
        });
    }
    // `{ name = value }`: the name is the first word inside the braces.
    let inner = tokens.join(" ");
    let inner = inner.trim_start_matches('{').trim_end_matches('}');
    let (name, value) = inner.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let name_token = tokens
        .iter()
        .map(|t| t.trim_start_matches('{'))
        .find(|t| !t.is_empty())?;
    let name_slice = name_token.get(..name.len()).filter(|s| *s == name)?;
    Some(Param {
        name: name_slice,
        value: value.trim().to_owned(),
        location: file.span(first, last),
        evidence,
    })
}

fn extract_master(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    for logical in logical_lines(file) {
        let tokens: Vec<&str> = logical
            .lines
            .iter()
            .flat_map(|(_, line)| line.split_ascii_whitespace())
            .collect();
        if tokens.len() < 8 {
            return Err(ExtractError::new(
                "master.cf service entry with fewer than 8 fields",
                Some(logical.first_line()),
            ));
        }
        // The eighth field is the command; `smtp` is the SMTP client.
        if tokens[7] != "smtp" {
            continue;
        }
        let params = Params {
            map: service_overrides(file, &tokens[8..]),
            complete: false,
        };
        let first_line = logical.lines.first().map_or("", |l| l.1.trim());
        let declaration = (file.location_of(first_line), redact(first_line));
        facts.extend(connection(&params, Some(declaration)));
    }
    Ok(facts)
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let name = file.path.rsplit('/').next().unwrap_or(file.path);
    if name.eq_ignore_ascii_case("master.cf") {
        extract_master(file)
    } else {
        extract_main(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_at(path: &str, text: &str) -> Vec<Fact> {
        extract(&SourceFile::new(path, text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn facts(text: &str) -> Vec<Fact> {
        facts_at("etc/postfix/main.cf", text)
    }

    fn range(value: &str) -> Option<TlsRange> {
        parse_protocols(value, false)
    }

    #[test]
    fn protocol_syntaxes() {
        let r = |min: Option<&str>, max: Option<&str>| Some(TlsRange::explicit(min, max));
        assert_eq!(range(">=TLSv1.2"), r(Some("1.2"), None));
        assert_eq!(range(">=TLSv1"), r(Some("1.0"), None));
        assert_eq!(range(">=TLSv1.2, <=TLSv1.3"), r(Some("1.2"), Some("1.3")));
        assert_eq!(range("<=TLSv1.1"), r(None, Some("1.1")));
        assert_eq!(range(">=0x0303"), r(Some("1.2"), None));
        assert_eq!(range(">=301 <=0305"), r(Some("1.0"), None));
        assert_eq!(range("!SSLv2, !SSLv3"), r(Some("1.0"), None));
        assert_eq!(
            range("!SSLv2, !SSLv3, !TLSv1.2, !TLSv1.3"),
            r(Some("1.0"), Some("1.1"))
        );
        assert_eq!(range("!SSLv2:!SSLv3:!TLSv1.1"), r(Some("1.0"), Some("1.0")));
        assert_eq!(range("!SSLv2 !SSLv3 !TLSv1 !TLSv1.1"), r(Some("1.2"), None));
        assert_eq!(range("!TLSv1.3"), r(None, Some("1.2")));
        assert_eq!(range("TLSv1, TLSv1.1"), r(Some("1.0"), Some("1.1")));
        assert_eq!(range("TLSv1.2 TLSv1.3"), r(Some("1.2"), None));
        // Empty means every protocol the library has; junk aborts TLS.
        assert_eq!(range(""), None);
        assert_eq!(range("TLS1.2"), None);
        assert_eq!(range(">=TLSv9"), None);
        // DANE levels drop SSLv2/SSLv3 on their own.
        assert_eq!(
            parse_protocols("<=TLSv1.1", true),
            r(Some("1.0"), Some("1.1"))
        );
    }

    #[test]
    fn relay_to_exchange_with_legacy_mandatory_protocols() {
        let f = facts(
            "# relay\nrelayhost = [smtp.office365.com]:587\nsmtp_tls_security_level = encrypt\nsmtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1.2, !TLSv1.3\nsmtp_tls_protocols = >=TLSv1.2\n",
        );
        assert_eq!(f.len(), 1);
        let f = &f[0];
        assert_eq!(f.client.as_deref(), Some("postfix"));
        assert_eq!(f.protocol, Some(Protocol::Smtp));
        assert_eq!(f.host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f.port, Some(587));
        assert_eq!(f.tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f.tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!((f.location.line, f.location.column), (4, 32));
        let roles: Vec<_> = f
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(roles, vec![("host", 2), ("tls_mode", 3)]);
    }

    #[test]
    fn opportunistic_level_uses_smtp_tls_protocols() {
        let f = facts("smtp_tls_security_level = may\nsmtp_tls_mandatory_protocols = !SSLv2\nsmtp_tls_protocols = >=TLSv1\n");
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].port, Some(25));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), None)));
        assert_eq!(f[0].location.line, 3);
    }

    #[test]
    fn continuation_lines_and_comments_inside_them() {
        let f = facts(
            "relayhost =\n    [Smtp.Office365.com]:submission\nsmtp_tls_security_level = secure\nsmtp_tls_mandatory_protocols = !SSLv2,\n# old:\n    !SSLv3, !TLSv1.2 # not a comment\n",
        );
        // `#` inside a value is part of it: the list is invalid -> unknown.
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[0].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f[0].port, Some(587));
        let f = facts("smtp_tls_security_level = encrypt\nsmtp_tls_mandatory_protocols = !SSLv2,\n# old:\n\n    !SSLv3, !TLSv1.2\n");
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!((f[0].location.line, f[0].location.end_line), (2, 5));
        assert_eq!(
            f[0].evidence,
            "smtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1.2"
        );
    }

    #[test]
    fn references_resolve_within_the_file() {
        let f = facts("my_relay = [smtp.office365.com]:587\nrelayhost = $my_relay\nsmtp_tls_security_level = ${level}\nlevel = encrypt\nsmtp_tls_mandatory_protocols = $(legacy)\nlegacy = <=TLSv1.1\n");
        assert_eq!(f[0].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(None, Some("1.1"))));
        // Unknown names and conditionals stay unknown; loops stop.
        let f = facts("relayhost = $mydomain\nsmtp_tls_security_level = ${x?encrypt}\na = $b\nb = $a\nsmtp_tls_protocols = $a\n");
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].port, None);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
    }

    #[test]
    fn default_level_follows_compatibility_level_and_legacy_booleans() {
        let mode = |text: &str| facts(text)[0].tls_mode;
        assert_eq!(
            mode("relayhost = [smtp.office365.com]:587\n"),
            Some(TlsMode::None)
        );
        assert_eq!(
            mode("compatibility_level = 3.11\nrelayhost = mail.example.com\n"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(
            mode("compatibility_level = 3.6\nrelayhost = mail.example.com\n"),
            Some(TlsMode::None)
        );
        assert_eq!(
            mode("compatibility_level = ${{$x} < {1} ? {2} : {3}}\nrelayhost = x\n"),
            Some(TlsMode::Unknown)
        );
        assert_eq!(mode("smtp_use_tls = yes\n"), Some(TlsMode::Starttls));
        assert_eq!(
            mode("smtp_enforce_tls = yes\nsmtp_use_tls = no\n"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(mode("smtp_use_tls = no\n"), Some(TlsMode::None));
        assert_eq!(
            mode("smtp_tls_security_level = encrypt\nsmtp_tls_wrappermode = yes\nrelayhost = [x]:465\n"),
            Some(TlsMode::Implicit)
        );
        assert_eq!(
            mode("relayhost = x\nsmtp_tls_policy_maps = hash:/etc/postfix/tls_policy\n"),
            Some(TlsMode::Unknown)
        );
        // The legacy enforce flag selects the mandatory protocols.
        let f = facts("smtp_enforce_tls = yes\nsmtp_tls_mandatory_protocols = TLSv1\n");
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
    }

    #[test]
    fn unknown_level_takes_the_weaker_protocols() {
        let f = facts("relayhost = [smtp.office365.com]:587\nsmtp_tls_policy_maps = hash:/etc/postfix/tls_policy\nsmtp_tls_protocols = >=TLSv1.2\nsmtp_tls_mandatory_protocols = >=TLSv1\n");
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), None)));
        assert_eq!(f[0].location.line, 4);
    }

    #[test]
    fn files_without_client_settings_have_no_fact() {
        assert!(facts("myhostname = mx.example.com\nsmtpd_tls_protocols = !SSLv2\nlmtp_tls_protocols = !TLSv1.2\nrelayhost =\n").is_empty());
        assert!(facts("").is_empty());
    }

    #[test]
    fn level_none_ignores_protocols_and_points_at_the_relay() {
        let f = facts("relayhost = [smtp.office365.com]:587\nsmtp_tls_security_level = none\nsmtp_tls_protocols = TLSv1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn malformed_main_cf_is_an_error() {
        let err = extract(&SourceFile::new("main.cf", "relayhost [x]\n"));
        assert_eq!(err.map_err(|e| e.line), Err(Some(1)));
        assert!(extract(&SourceFile::new("main.cf", "= x\n")).is_err());
        // A leading continuation line is ignored, as Postfix does.
        assert!(extract(&SourceFile::new("main.cf", "  stray\nrelayhost = x\n")).is_ok());
    }

    #[test]
    fn master_cf_overrides_on_smtp_services() {
        let text = "smtp      inet  n       -       y       -       -       smtpd\n  -o smtpd_tls_security_level=encrypt\nrelay     unix  -       -       y       -       -       smtp\n  -o smtp_fallback_relay=\no365      unix  -       -       n       -       -       smtp\n  -o relayhost=[smtp.office365.com]:587\n  -o smtp_tls_security_level=encrypt\n  -o { smtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1.2 }\nsmtps     unix  -       -       n       -       -       smtp -o smtp_tls_wrappermode=yes\n";
        let f = facts_at("etc/postfix/master.cf", text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!(f[0].location.line, 8);
        assert_eq!(f[0].related[0].role, "declaration");
        assert_eq!(f[1].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[1].tls, Some(TlsRange::unknown()));
        assert_eq!(f[1].host, None);
        assert_eq!(f[1].location.line, 9);
        let attached = facts_at(
            "master.cf",
            "x unix - - n - - smtp -osmtp_tls_protocols=<=TLSv1.1\n",
        );
        assert_eq!(attached[0].tls_mode, Some(TlsMode::Unknown));
        assert_eq!(attached[0].tls, Some(TlsRange::explicit(None, Some("1.1"))));
        assert!(extract(&SourceFile::new("master.cf", "smtp inet n - y\n")).is_err());
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "a=$",
            "a=${",
            "a=$(",
            "relayhost=[",
            "relayhost=[]:",
            "relayhost=ipv6:",
            "smtp_tls_protocols=>=",
            "smtp_tls_protocols=<=0xffffffffff",
            "x=\u{e9}$\u{e9}",
        ] {
            let _ = extract(&SourceFile::new("main.cf", text));
        }
        for text in [
            "a b c d e f g smtp -o",
            "a b c d e f g smtp -o {",
            "a b c d e f g smtp -o { =x }",
            "a b c d e f g smtp -o {x",
        ] {
            let _ = extract(&SourceFile::new("master.cf", text));
        }
    }
}
