//! isync / mbsync (`~/.mbsyncrc`, `~/.config/isyncrc`): one `connection`
//! per `IMAPAccount` section, and per `IMAPStore` section that carries the
//! account settings itself instead of naming an `Account`.
//!
//! The lexing follows isync's `config.c` (`get_arg`/`getcline`, unchanged
//! from 1.1 to 1.5): a line is whitespace-separated words; `"` toggles
//! quoting anywhere in a word; a backslash escapes the next character, in or
//! out of quotes; a `#` at the start of a word comments out the rest of the
//! line; single quotes are ordinary characters. A blank line ends a section;
//! comment lines do not; a section keyword inside a section (which isync
//! rejects) is read as the start of the next one. Keys are case-insensitive.
//! Lines isync itself refuses (unbalanced quote, key without value, bad
//! TLS values) make the file an error. (This is why the shared
//! `common::words` splitter, which also honours single quotes and ignores
//! backslashes outside quotes, is not used here.)
//!
//! TLS semantics follow `drv_imap.c` `imap_parse_store` of isync 1.2.0 to
//! 1.5.0:
//! - `TLSType`/`SSLType` `None`/`STARTTLS`/`IMAPS`; default STARTTLS, or no
//!   TLS when `Tunnel` is set (the tunnel command then carries the session).
//! - `SSLVersions TLSv1 TLSv1.1` replaces the version set; `TLSVersions`
//!   (1.5 only) adds/removes versions from the set so far, which starts at
//!   1.2-1.3 in 1.5. Both are applied in file order, as 1.5 does.
//! - No version key at all: the set is isync's default, which depends on
//!   the release (=1.0 in 1.2.0-1.2.2, 1.0-1.2 in 1.2.3-1.3, 1.0-1.3 in 1.4,
//!   1.2-1.3 in 1.5), so the range is unknown.
//! - Legacy keys (`UseIMAPS`, `RequireSSL`, `UseSSLv2`, `UseSSLv3`,
//!   `UseTLSv1`, `UseTLSv1.1`, `UseTLSv1.2`, `UseTLSv1.3`; 1.1 style, read by
//!   1.2-1.4, rejected by 1.5): once any is present the set is TLS 1.0 unless
//!   `UseTLSv1 no`, plus each other version only if set to yes. The isync
//!   releases that read these keys give that set, so it is an explicit
//!   range. (1.4 ignores `UseSSLv2`/`UseSSLv3` alone; 1.1-1.3 do not.) The
//!   legacy keys next to `TLSType`/`SSLType`/`*Versions` are an error.
//!
//! Location: the line holding the version value (the last `TLSVersions`/
//! `SSLVersions`, or the legacy switch that turns on the lowest version);
//! else the section header.
//! - `Host imaps:name` (compatibility form up to 1.4) means IMAPS; the
//!   versions it implies differ per release, so they stay unknown.

use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::openssl_protocols;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::VersionSet;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

const CLIENT: &str = "mbsync";

/// Words that start a section (`config.c` and the store drivers).
const SECTION_KEYWORDS: &[&str] = &[
    "IMAPAccount",
    "IMAPStore",
    "MaildirStore",
    "Channel",
    "Group",
];

/// One word of a line: its unescaped text and the raw slice it came from.
#[derive(Debug, Clone)]
struct Arg<'a> {
    text: String,
    raw: &'a str,
}

/// A parsed configuration line: `cmd val [more...]`.
#[derive(Debug)]
struct ConfLine<'a> {
    number: usize,
    line: &'a str,
    cmd: Arg<'a>,
    args: Vec<Arg<'a>>,
}

impl<'a> ConfLine<'a> {
    fn val(&self) -> &str {
        self.args.first().map_or("", |a| a.text.as_str())
    }

    /// The words as written, from the key to the last value.
    fn words(&self) -> &'a str {
        let last = self.args.last().map_or(self.cmd.raw, |a| a.raw);
        let base = self.line.as_ptr() as usize;
        let start = (self.cmd.raw.as_ptr() as usize).saturating_sub(base);
        let end = (last.as_ptr() as usize).saturating_sub(base) + last.len();
        self.line.get(start..end).unwrap_or(self.line)
    }

    fn is(&self, key: &str) -> bool {
        self.cmd.text.eq_ignore_ascii_case(key)
    }

    /// Fails unless the line has exactly one value (isync's "excess token").
    fn single(&self) -> Result<&str, ExtractError> {
        if let Some(extra) = self.args.get(1) {
            return Err(ExtractError::new(
                format!(
                    "excess token '{}' after {}",
                    redact(extra.raw),
                    self.cmd.text
                ),
                Some(self.number),
            ));
        }
        Ok(self.val())
    }
}

/// What a line is, once split.
enum Parsed<'a> {
    Blank,
    Comment,
    Line(ConfLine<'a>),
}

/// Splits one line the way isync's `getcline` does.
fn parse_line(number: usize, line: &str) -> Result<Parsed<'_>, ExtractError> {
    let mut pos = 0;
    let cmd = match next_arg(line, &mut pos).map_err(|m| ExtractError::new(m, Some(number)))? {
        Next::Arg(a) => a,
        Next::Comment => return Ok(Parsed::Comment),
        Next::End => return Ok(Parsed::Blank),
    };
    let mut args = Vec::new();
    while let Next::Arg(a) =
        next_arg(line, &mut pos).map_err(|m| ExtractError::new(m, Some(number)))?
    {
        args.push(a);
    }
    if args.is_empty() {
        return Err(ExtractError::new(
            format!("parameter missing after {}", redact(cmd.raw)),
            Some(number),
        ));
    }
    Ok(Parsed::Line(ConfLine {
        number,
        line,
        cmd,
        args,
    }))
}

enum Next<'a> {
    Arg(Arg<'a>),
    Comment,
    End,
}

/// Port of isync's `get_arg`: the next word of `line` from byte `*pos`.
fn next_arg<'a>(line: &'a str, pos: &mut usize) -> Result<Next<'a>, &'static str> {
    let rest = line.get(*pos..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    let start = *pos + skipped;
    let rest = &rest[skipped..];
    if rest.is_empty() {
        *pos = line.len();
        return Ok(Next::End);
    }
    if rest.starts_with('#') {
        *pos = line.len();
        return Ok(Next::Comment);
    }
    let mut text = String::new();
    let mut escaped = false;
    let mut quoted = false;
    let mut end = line.len();
    for (i, c) in rest.char_indices() {
        if escaped && c >= ' ' {
            escaped = false;
            text.push(c);
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if !quoted && c.is_whitespace() {
            end = start + i;
            break;
        } else {
            text.push(c);
        }
    }
    if escaped {
        return Err("unterminated escape sequence");
    }
    if quoted {
        return Err("missing closing quote");
    }
    *pos = end;
    Ok(Next::Arg(Arg {
        text,
        raw: line.get(start..end).unwrap_or(""),
    }))
}

/// A setting line kept for locations and messages.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    number: usize,
    line: &'a str,
    words: &'a str,
}

impl<'a> Place<'a> {
    fn of(l: &ConfLine<'a>) -> Self {
        Place {
            number: l.number,
            line: l.line,
            words: l.words(),
        }
    }
}

/// A change to the version set, in file order.
#[derive(Debug, Clone)]
enum VersionOp {
    /// `SSLVersions`: replace the set.
    Replace(Vec<&'static str>),
    /// `TLSVersions`: (version, add?) steps.
    Toggle(Vec<(&'static str, bool)>),
}

/// The legacy (isync 1.1) keys of one section.
#[derive(Debug, Default)]
struct Legacy<'a> {
    use_imaps: Option<bool>,
    require_ssl: Option<bool>,
    /// `UseSSLv2`, `UseSSLv3`, `UseTLSv1`, `UseTLSv1.1`, `UseTLSv1.2`, `UseTLSv1.3`.
    versions: Vec<(&'static str, bool, Place<'a>)>,
    /// Every legacy line, in order.
    lines: Vec<Place<'a>>,
    mode_line: Option<Place<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Account,
    Store,
}

/// An `IMAPAccount` or `IMAPStore` section being read.
#[derive(Debug)]
struct Section<'a> {
    kind: SectionKind,
    header: Place<'a>,
    host: Option<(String, Place<'a>)>,
    port: Option<(u16, Place<'a>)>,
    /// Mode set by `TLSType`/`SSLType` or an `imaps:` host, last one wins.
    mode: Option<(TlsMode, Place<'a>)>,
    /// Whether `TLSType`/`SSLType` appeared (legacy keys exclude it).
    tls_type_key: Option<Place<'a>>,
    tunnel: Option<Place<'a>>,
    account_ref: bool,
    ops: Vec<(VersionOp, Place<'a>)>,
    has_tls_versions: bool,
    legacy: Legacy<'a>,
}

impl<'a> Section<'a> {
    fn new(kind: SectionKind, header: Place<'a>) -> Self {
        Section {
            kind,
            header,
            host: None,
            port: None,
            mode: None,
            tls_type_key: None,
            tunnel: None,
            account_ref: false,
            ops: Vec::new(),
            has_tls_versions: false,
            legacy: Legacy::default(),
        }
    }

    /// Reads one line of the section.
    fn read(&mut self, l: &ConfLine<'a>) -> Result<(), ExtractError> {
        let place = Place::of(l);
        let err = |m: String| ExtractError::new(m, Some(l.number));
        if l.is("Host") {
            let value = l.single()?;
            let mut name = value;
            if let Some(rest) = strip_prefix_ci(name, "imaps:") {
                name = rest;
                self.mode = Some((TlsMode::Implicit, place));
            } else if let Some(rest) = strip_prefix_ci(name, "imap:") {
                name = rest;
            }
            let name = name.strip_prefix("//").unwrap_or(name);
            self.host = Some((name.to_owned(), place));
        } else if l.is("Port") {
            let value = l.single()?;
            let port = value
                .parse::<u16>()
                .map_err(|_| err(format!("invalid port number '{}'", redact(value))))?;
            // `Port 0` leaves isync's default in place.
            self.port = (port != 0).then_some((port, place));
        } else if l.is("TLSType") || l.is("SSLType") {
            let value = l.single()?;
            let mode = match value.to_ascii_lowercase().as_str() {
                "none" => TlsMode::None,
                "starttls" => TlsMode::Starttls,
                "imaps" => TlsMode::Implicit,
                _ => {
                    return Err(err(format!(
                        "invalid {} '{}' (expected None, STARTTLS or IMAPS)",
                        l.cmd.text,
                        redact(value)
                    )))
                }
            };
            self.mode = Some((mode, place));
            self.tls_type_key = Some(place);
        } else if l.is("SSLVersions") || l.is("SSLVersion") {
            let mut set = Vec::new();
            for arg in &l.args {
                // isync compares these names as OpenSSL spells them.
                let Some(v) = openssl_protocols::protocol_name(&arg.text) else {
                    return Err(err(format!(
                        "unrecognized SSL version '{}'",
                        redact(arg.raw)
                    )));
                };
                set.push(v);
            }
            self.ops.push((VersionOp::Replace(set), place));
        } else if l.is("TLSVersions") {
            let mut steps = Vec::new();
            for arg in &l.args {
                let (add, version) = if let Some(v) = arg.text.strip_prefix('+') {
                    (true, v)
                } else if let Some(v) = arg.text.strip_prefix('-') {
                    (false, v)
                } else {
                    return Err(err(format!(
                        "TLSVersions arguments must start with +/- ('{}')",
                        redact(arg.raw)
                    )));
                };
                let v = match version {
                    "1.0" => "1.0",
                    "1.1" => "1.1",
                    "1.2" => "1.2",
                    "1.3" => "1.3",
                    _ => {
                        return Err(err(format!(
                            "unrecognized TLS version '{}'",
                            redact(arg.raw)
                        )))
                    }
                };
                steps.push((v, add));
            }
            self.ops.push((VersionOp::Toggle(steps), place));
            self.has_tls_versions = true;
        } else if l.is("Tunnel") {
            l.single()?;
            self.tunnel = Some(place);
        } else if l.is("Account") && self.kind == SectionKind::Store {
            self.account_ref = true;
        } else if let Some(key) = LEGACY_KEYS.iter().find(|k| l.is(k)) {
            let value = parse_bool(l.single()?)
                .ok_or_else(|| err(format!("invalid boolean value '{}'", redact(l.val()))))?;
            self.legacy.lines.push(place);
            match *key {
                "UseIMAPS" => {
                    self.legacy.use_imaps = Some(value);
                    self.legacy.mode_line = Some(place);
                }
                "RequireSSL" => {
                    self.legacy.require_ssl = Some(value);
                    if self.legacy.use_imaps != Some(true) {
                        self.legacy.mode_line = Some(place);
                    }
                }
                other => {
                    let version = match other {
                        "UseSSLv2" => "ssl2",
                        "UseSSLv3" => "ssl3",
                        "UseTLSv1" => "1.0",
                        "UseTLSv1.1" => "1.1",
                        "UseTLSv1.2" => "1.2",
                        _ => "1.3",
                    };
                    self.legacy.versions.retain(|(v, _, _)| *v != version);
                    self.legacy.versions.push((version, value, place));
                }
            }
        }
        Ok(())
    }

    /// Whether this section defines a server connection.
    fn is_connection(&self) -> bool {
        match self.kind {
            SectionKind::Account => true,
            SectionKind::Store => {
                !self.account_ref && (self.host.is_some() || self.tunnel.is_some())
            }
        }
    }

    /// The connection fact of a finished section.
    fn fact(self, file: &SourceFile) -> Result<Fact, ExtractError> {
        let legacy = !self.legacy.lines.is_empty();
        if legacy {
            if let Some(new) = self.tls_type_key.or_else(|| self.ops.first().map(|o| o.1)) {
                return Err(ExtractError::new(
                    format!(
                        "the legacy UseSSL*/UseTLS*/UseIMAPS/RequireSSL options cannot be combined with {} (isync 1.2-1.4 reject the section; 1.5 has no legacy options)",
                        first_word(new.words)
                    ),
                    Some(new.number),
                ));
            }
        }
        let tls = if legacy {
            self.legacy_tls()?
        } else {
            self.modern_tls()
        };
        // Through a tunnel the command carries the session; only an explicit
        // STARTTLS/IMAPS on top of it is TLS this file controls.
        let tunnel_only =
            self.tunnel.is_some() && !matches!(tls.mode, TlsMode::Starttls | TlsMode::Implicit);
        let (mode, range) = if tunnel_only {
            (TlsMode::Unknown, TlsRange::unknown())
        } else if tls.mode == TlsMode::None {
            (TlsMode::None, TlsRange::unknown())
        } else {
            (tls.mode, tls.range)
        };
        let primary = match tls.version_place {
            Some(p) if matches!(mode, TlsMode::Starttls | TlsMode::Implicit) => p,
            _ => self.header,
        };
        let location = location_of(file, &primary);
        let mut fact = Fact::new(FactKind::Connection, location, redact(primary.line.trim()));
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(Protocol::Imap);
        fact.host = self.host.as_ref().and_then(|(h, _)| literal_host(h));
        fact.port = match &self.port {
            Some((p, _)) => Some(*p),
            None if tunnel_only => None,
            None if mode == TlsMode::Implicit => Some(993),
            None => Some(143),
        };
        fact.tls_mode = Some(mode);
        fact.tls = Some(range);

        let mut places: Vec<(&str, Place)> = Vec::new();
        if primary.number != self.header.number {
            places.push(("declaration", self.header));
        }
        if let Some((_, p)) = &self.host {
            places.push(("host", *p));
        }
        if let Some((_, p)) = &self.port {
            places.push(("port", *p));
        }
        if let Some(p) = &self.tunnel {
            places.push(("tls_mode", *p));
        }
        places.extend(tls.related);
        let mut seen = std::collections::HashSet::new();
        fact.related = places
            .into_iter()
            .filter(|(role, p)| *role == "host" || p.number != primary.number)
            .filter(|(_, p)| seen.insert(p.number))
            .map(|(role, p)| rel(file, role, &p))
            .collect();
        Ok(fact)
    }

    /// Mode and range under the isync 1.2-1.5 keys.
    fn modern_tls(&self) -> Tls<'a> {
        let mode = match self.mode {
            Some((m, _)) => m,
            None if self.tunnel.is_some() => TlsMode::None,
            None => TlsMode::Starttls,
        };
        let mut related: Vec<(&'static str, Place<'a>)> = Vec::new();
        if let Some((_, p)) = self.mode {
            related.push(("tls_mode", p));
        }
        let Some((_, last)) = self.ops.last() else {
            return Tls {
                mode,
                range: TlsRange::unknown(),
                version_place: None,
                related,
            };
        };
        // isync 1.5 starts from its default 1.2-1.3; `SSLVersions` replaces
        // whatever came before it, so the start only matters to `TLSVersions`.
        let mut set = if self.has_tls_versions {
            VersionSet::between("1.2", "1.3")
        } else {
            VersionSet::empty()
        };
        for (op, _) in &self.ops {
            match op {
                VersionOp::Replace(list) => {
                    set = VersionSet::empty();
                    for v in list {
                        set.set(v, true);
                    }
                }
                VersionOp::Toggle(steps) => {
                    for (v, add) in steps {
                        set.set(v, *add);
                    }
                }
            }
        }
        let range = match set.bounds() {
            Some((lo, hi)) => TlsRange::explicit(Some(lo), Some(hi)),
            None => TlsRange::unknown(),
        };
        related.extend(self.ops.iter().rev().skip(1).map(|(_, p)| ("version", *p)));
        Tls {
            mode,
            range,
            version_place: Some(*last),
            related,
        }
    }

    /// Mode and range under the legacy keys, as isync 1.2-1.4 read them.
    fn legacy_tls(&self) -> Result<Tls<'a>, ExtractError> {
        let l = &self.legacy;
        let explicit = |v: &str| {
            l.versions
                .iter()
                .find(|(x, _, _)| *x == v)
                .map(|(_, on, p)| (*on, *p))
        };
        let mut set = VersionSet::empty();
        for v in ["ssl2", "ssl3", "1.1", "1.2", "1.3"] {
            if explicit(v).is_some_and(|(on, _)| on) {
                set.set(v, true);
            }
        }
        if explicit("1.0").is_none_or(|(on, _)| on) {
            set.set("1.0", true);
        }
        let mode = if l.use_imaps == Some(true) || matches!(self.mode, Some((TlsMode::Implicit, _)))
        {
            TlsMode::Implicit
        } else if l.require_ssl != Some(false) || !set.is_empty() {
            // `RequireSSL no` with versions enabled is ignored (STARTTLS).
            TlsMode::Starttls
        } else {
            TlsMode::None
        };
        let mut related: Vec<(&'static str, Place<'a>)> = Vec::new();
        if let Some(p) = l.mode_line {
            related.push(("tls_mode", p));
        }
        let Some((lo, hi)) = set.bounds() else {
            if mode == TlsMode::None {
                return Ok(Tls {
                    mode,
                    range: TlsRange::unknown(),
                    version_place: None,
                    related,
                });
            }
            let at = l.lines.first().map_or(self.header.number, |p| p.number);
            return Err(ExtractError::new(
                "the section requires TLS but its legacy UseSSL*/UseTLS* options enable no version",
                Some(at),
            ));
        };
        // The line to blame: the one that turns on the lowest version; else
        // (TLS 1.0 being on unless `UseTLSv1 no`) the first version switch
        // turned on; else the first legacy line.
        let place = explicit(lo)
            .filter(|(on, _)| *on)
            .map(|(_, p)| p)
            .or_else(|| l.versions.iter().find(|(_, on, _)| *on).map(|(_, _, p)| *p))
            .or_else(|| l.lines.first().copied());
        related.extend(l.lines.iter().map(|p| ("version", *p)));
        Ok(Tls {
            mode,
            range: TlsRange::explicit(Some(lo), Some(hi)),
            version_place: place,
            related,
        })
    }
}

/// What a section's TLS keys amount to.
struct Tls<'a> {
    mode: TlsMode,
    range: TlsRange,
    /// The line holding the version value, when the file states one.
    version_place: Option<Place<'a>>,
    /// Other lines of the evidence, by role.
    related: Vec<(&'static str, Place<'a>)>,
}

/// The legacy keys, spelled as isync's parser compares them (case-insensitively).
const LEGACY_KEYS: &[&str] = &[
    "UseIMAPS",
    "RequireSSL",
    "UseSSLv2",
    "UseSSLv3",
    "UseTLSv1",
    "UseTLSv1.1",
    "UseTLSv1.2",
    "UseTLSv1.3",
];

/// isync's `parse_bool`.
fn parse_bool(value: &str) -> Option<bool> {
    let v = value.to_ascii_lowercase();
    match v.as_str() {
        "yes" | "true" | "on" | "1" => Some(true),
        "no" | "false" | "off" | "0" => Some(false),
        _ => None,
    }
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn first_word(words: &str) -> &str {
    words.split_whitespace().next().unwrap_or(words)
}

/// A literal host, lower-cased; `None` for templates and empty names.
fn literal_host(host: &str) -> Option<String> {
    let h = host.trim().trim_end_matches('.');
    (!h.is_empty() && is_literal_host(h)).then(|| h.to_ascii_lowercase())
}

fn location_of(file: &SourceFile, place: &Place) -> Location {
    file.location_of(place.words)
}

fn rel(file: &SourceFile, role: &str, place: &Place) -> Related {
    Related::new(role, location_of(file, place), redact(place.line.trim()))
}

/// Extracts one connection per IMAP account (see the module docs).
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    let mut current: Option<Section> = None;
    for (number, line) in file.lines() {
        let parsed = parse_line(number, line)?;
        let l = match parsed {
            Parsed::Comment => continue,
            Parsed::Blank => {
                if let Some(s) = current.take() {
                    finish(s, file, &mut facts)?;
                }
                continue;
            }
            Parsed::Line(l) => l,
        };
        if SECTION_KEYWORDS.iter().any(|k| l.is(k)) {
            if let Some(s) = current.take() {
                finish(s, file, &mut facts)?;
            }
            let kind = if l.is("IMAPAccount") {
                Some(SectionKind::Account)
            } else if l.is("IMAPStore") {
                Some(SectionKind::Store)
            } else {
                None
            };
            current = kind.map(|k| Section::new(k, Place::of(&l)));
            continue;
        }
        if let Some(s) = current.as_mut() {
            s.read(&l)?;
        }
    }
    if let Some(s) = current.take() {
        finish(s, file, &mut facts)?;
    }
    Ok(facts)
}

fn finish<'a>(
    s: Section<'a>,
    file: &SourceFile,
    facts: &mut Vec<Fact>,
) -> Result<(), ExtractError> {
    if s.is_connection() {
        facts.push(s.fact(file)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::test_support::range;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, ".mbsyncrc", text)
    }

    fn err(text: &str) -> ExtractError {
        crate::extract::test_support::error(extract, ".mbsyncrc", text)
    }

    use crate::facts::Basis;

    #[test]
    fn ssl_versions_list_replaces_the_set() {
        let f = facts(
            "IMAPAccount work\nHost Outlook.Office365.com\nSSLType IMAPS\nSSLVersions TLSv1 TLSv1.1\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].location.line, 4);
        assert_eq!(f[0].location.column, 1);
        assert_eq!(f[0].location.end_column, 26);
        assert_eq!(f[0].evidence, "SSLVersions TLSv1 TLSv1.1");
        let roles: Vec<_> = f[0]
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(
            roles,
            vec![("declaration", 1), ("host", 2), ("tls_mode", 3)]
        );
    }

    #[test]
    fn tls_versions_adjust_the_15_default() {
        let f = facts("IMAPAccount a\nHost h\nTLSVersions +1.0\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].port, Some(143));
        let f = facts("IMAPAccount a\nHost h\nTLSVersions -1.2 -1.3 +1.1\n");
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        let f = facts("IMAPAccount a\nHost h\nTLSVersions -1.2\n");
        assert_eq!(range(&f[0]), (Some("1.3"), Some("1.3"), Basis::Explicit));
    }

    #[test]
    fn tls_and_ssl_versions_apply_in_file_order() {
        let f = facts("IMAPAccount a\nHost h\nSSLVersions TLSv1\nTLSVersions +1.3\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 4);
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "version" && r.line == 3));
        let f = facts("IMAPAccount a\nHost h\nTLSVersions +1.0\nSSLVersions TLSv1.2\n");
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
    }

    #[test]
    fn no_version_key_is_unknown() {
        let f = facts("IMAPAccount a\nHost h\nTLSType IMAPS\n");
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].location.line, 1);
        assert_eq!(f[0].evidence, "IMAPAccount a");
    }

    #[test]
    fn legacy_keys_mean_tls1_plus_explicit_yes() {
        let f = facts("IMAPStore s\nHost h\nUseIMAPS yes\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].location.line, 3);
        let f = facts("IMAPAccount a\nHost h\nUseTLSv1 no\nUseTLSv1.1 yes\nUseTLSv1.2 yes\n");
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].location.line, 4);
        let f = facts("IMAPAccount a\nHost h\nRequireSSL no\nUseTLSv1 no\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        let f = facts("IMAPAccount a\nHost h\nRequireSSL yes\nUseTLSv1.3 on\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 4);
    }

    #[test]
    fn legacy_and_new_keys_do_not_mix() {
        let e = err("IMAPAccount a\nHost h\nUseIMAPS yes\nSSLType IMAPS\n");
        assert_eq!(e.line, Some(4));
        let e = err("IMAPAccount a\nHost h\nRequireSSL yes\nUseTLSv1 no\n");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn imaps_host_form_is_implicit_with_unknown_versions() {
        let f = facts("IMAPAccount a\nHost imaps:imap.example.org\n");
        assert_eq!(f[0].host.as_deref(), Some("imap.example.org"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        let f = facts("IMAPAccount a\nHost imap://imap.example.org\nPort 1143\n");
        assert_eq!(f[0].host.as_deref(), Some("imap.example.org"));
        assert_eq!(f[0].port, Some(1143));
    }

    #[test]
    fn tunnel_has_no_tls_mode_of_its_own() {
        let f = facts(
            "IMAPAccount a\nTunnel \"ssh -q host /usr/lib/dovecot/imap\"\nSSLVersions TLSv1\n",
        );
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].port, None);
        assert_eq!(f[0].host, None);
        let f =
            facts("IMAPAccount a\nTunnel \"nc host 143\"\nTLSType STARTTLS\nSSLVersions TLSv1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn tls_type_none_has_no_range() {
        let f =
            facts("IMAPAccount a\nHost outlook.office365.com\nTLSType None\nSSLVersions TLSv1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn keys_are_case_insensitive_and_values_quoted() {
        let f =
            facts("imapaccount a\nhost \"imap.example.org\"\nsslversions tlsv1\nsslTYPE imaps\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].host.as_deref(), Some("imap.example.org"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
    }

    #[test]
    fn sections_end_at_blank_lines_not_comments() {
        let text = "IMAPAccount a\nHost a.example\n# SSLVersions TLSv1\n  # note\nSSLVersions TLSv1.2\n\nSSLVersions TLSv1\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
    }

    #[test]
    fn trailing_comments_and_escapes() {
        let f = facts("IMAPAccount a\nHost a.example # the host\nSSLVersions TLSv1 # legacy\nPass p\\ w\\\"d\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].host.as_deref(), Some("a.example"));
    }

    #[test]
    fn multiple_accounts_and_stores() {
        let text = "IMAPAccount one\nHost one.example\nSSLVersions TLSv1\n\nIMAPStore one-remote\nAccount one\n\nIMAPStore two-remote\nHost two.example\nSSLType IMAPS\n\nMaildirStore local\nPath ~/Mail/\n\nChannel c\nFar :one-remote:\nNear :local:\n";
        let f = facts(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("one.example"));
        assert_eq!(f[1].host.as_deref(), Some("two.example"));
        assert_eq!(f[1].location.line, 8);
    }

    #[test]
    fn next_section_keyword_ends_a_section() {
        let f = facts("IMAPAccount one\nHost one.example\nIMAPAccount two\nHost two.example\nSSLVersions TLSv1\n");
        assert_eq!(f.len(), 2);
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(range(&f[1]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert_eq!(err("IMAPAccount a\nHost \"unterminated\n").line, Some(2));
        assert_eq!(err("IMAPAccount a\nHost h\\").line, Some(2));
        assert_eq!(err("IMAPAccount a\nHost\n").line, Some(2));
        assert_eq!(
            err("IMAPAccount a\nHost h\nTLSVersions 1.2\n").line,
            Some(3)
        );
        assert_eq!(
            err("IMAPAccount a\nHost h\nTLSVersions +1.4\n").line,
            Some(3)
        );
        assert_eq!(
            err("IMAPAccount a\nHost h\nSSLVersions TLSv1.4\n").line,
            Some(3)
        );
        assert_eq!(err("IMAPAccount a\nHost h\nSSLType SSL\n").line, Some(3));
        assert_eq!(err("IMAPAccount a\nHost h\nPort 99999\n").line, Some(3));
        assert_eq!(err("IMAPAccount a\nHost h x\n").line, Some(2));
        assert_eq!(err("IMAPAccount a\nHost h\nUseIMAPS maybe\n").line, Some(3));
    }

    #[test]
    fn secrets_never_reach_evidence() {
        let f = facts("IMAPAccount a\nHost h\nPass hunter2\nSSLVersions TLSv1\n");
        let json = format!("{f:?}");
        assert!(!json.contains("hunter2"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "\u{0}\u{1}\"\\",
            "IMAPAccount",
            "IMAPAccount é\nHost é\nSSLVersions TLSv1\n",
            "IMAPStore s\r\nHost h\r\nSSLVersions TLSv1\r\n",
            "\"\"\n#\n\\\\\n",
        ] {
            let _ = extract(&SourceFile::new(".mbsyncrc", text));
        }
    }
}
