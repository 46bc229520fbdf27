//! Dovecot (`dovecot.conf`, `conf.d/*.conf`, `*.conf.ext`): Dovecot as an
//! IMAP *client* (imapc storage and proxying, `passdb imap`), and its
//! server-side TLS floor.
//!
//! Syntax, per `src/config/config-parser.c` (2.3): `key = value`; sections
//! `type [name] {` ... `}` (names may be quoted); `#` starts a comment
//! outside quotes (also mid-line); a trailing `\` continues a line;
//! `!include` / `!include_try` are noted and not followed; `key = <file`
//! reads the value from a file and `$var` / `%{var}` values are expanded at
//! run time, so neither is a literal here.
//!
//! Connections (client `dovecot`, protocol `imap`): every section (the top
//! level included) that sets `imapc_host`, e.g. imapc storage for a
//! migration from Exchange Online, or a 2.4 `passdb imap { imapc_host = }`;
//! without any `imapc_host` (the host given as `doveadm -o imapc_host=...`),
//! the first section with other `imapc_*` settings or an imapc mail driver.
//! Settings are looked up from that section outwards to the top level, as
//! Dovecot's filters inherit:
//! - `imapc_ssl`: `no` (the default, 2.3 and 2.4) = no TLS, `imaps` =
//!   implicit, `starttls`; `imapc_port` defaults to 143 whatever the mode.
//! - TLS range: `ssl_min_protocol` (2.3.0+, used for client contexts too:
//!   `master_service_ssl_client_settings_to_iostream_set`); a 2.4
//!   `ssl_client { }` block at the same level takes precedence. Values
//!   (case-insensitive): `ANY` (the library's lowest version: SSLv3 in
//!   2.3, TLS 1.0 in 2.4; reported as TLS 1.0, allowed by both), `SSLv3`
//!   (2.3 only), `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`, `LATEST` (the
//!   newest the library has, at least TLS 1.2). Dovecot has no maximum-version setting (2.3 or 2.4), so the
//!   range is open above. Unset, the default is TLSv1 in 2.3.0-2.3.14 and
//!   TLSv1.2 from 2.3.15: unknown. The 2.2 `ssl_protocols` list reaches the
//!   client only through 2.3's conversion to a minimum (`old-set-parser.c`:
//!   the lowest version not excluded, or the lowest included; any name but
//!   `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2` makes 2.3 ignore the list).
//! - A `protocol <name> { ssl_min_protocol = }` filter applies to the imapc
//!   connection when it runs in that protocol's process, so it yields one
//!   more connection fact with that range. `local`/`remote` filters select
//!   server-side listeners and are treated as server settings.
//! - 2.3 `passdb { driver = imap  args = host=... port=... ssl=imaps }` is a
//!   connection too (`passdb-imap.c`: port 143, or 993 with `ssl=imaps`; it
//!   passes no protocol setting, so its range is unknown).
//!
//! Server side: an explicit `ssl_min_protocol` / `ssl_protocols` at the top
//! level or in a server filter (`protocol`, `local`, `remote`, `local_name`,
//! `ssl_server`, `ssl_client`) that no connection above used is a
//! `tls_setting` of scope `application`; 2.2 `ssl_protocols` uses OpenSSL's
//! include/exclude rules (`openssl_get_protocol_options`). Settings inside
//! other sections (`plugin`, `service`, `passdb`, `namespace`, ...) are not
//! Dovecot's TLS settings and are ignored.

use crate::extract::common::mail_url;
use crate::extract::common::openssl_protocols::{negotiable, ProtocolMask};
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::VersionSet;
use crate::extract::common::words::split_words;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::HashSet;

/// One `key = value` line.
struct Entry<'a> {
    key: &'a str,
    /// Unquoted value (continuations joined).
    value: String,
    /// The value as written, for the `setting` field.
    raw: String,
    /// `key = <file`: the value is read from a file.
    from_file: bool,
    location: Location,
    evidence: String,
}

impl Entry<'_> {
    /// Whether the value is only known at run time (`$var`, `%{var}`, file).
    fn dynamic(&self) -> bool {
        self.from_file || self.value.contains('$') || self.value.contains('%')
    }
}

/// A section (`type [name] { ... }`); index 0 is the top level.
struct Section<'a> {
    kind: &'a str,
    parent: Option<usize>,
    header: Option<(Location, String)>,
    entries: Vec<Entry<'a>>,
    children: Vec<usize>,
}

impl<'a> Section<'a> {
    /// The last entry for `key` (later settings override earlier ones).
    /// Inside a 2.4 named filter the filter name may be left off the key
    /// (`imapc { host = x }` is `imapc_host`, config-parser.c autoprefix).
    fn get(&self, key: &str) -> Option<(usize, &Entry<'a>)> {
        let short = (!self.kind.is_empty())
            .then(|| {
                key.get(..self.kind.len())
                    .filter(|p| p.eq_ignore_ascii_case(self.kind))
                    .and_then(|_| key.get(self.kind.len()..))
                    .and_then(|rest| rest.strip_prefix('_'))
            })
            .flatten();
        self.entries.iter().enumerate().rev().find(|(_, e)| {
            e.key.eq_ignore_ascii_case(key) || short.is_some_and(|s| e.key.eq_ignore_ascii_case(s))
        })
    }
}

/// Strips a `#` comment outside quotes (Dovecot treats `#` anywhere as a
/// comment start, with a warning when no space precedes it).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'#' => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

/// Removes matching outer quotes and backslash escapes.
fn unquote(value: &str) -> String {
    let quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if !quoted {
        return value.to_owned();
    }
    let inner = &value[1..value.len() - 1];
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses the file into a section tree.
fn parse<'a>(file: &SourceFile<'a>) -> Result<Vec<Section<'a>>, ExtractError> {
    let mut sections = vec![Section {
        kind: "",
        parent: None,
        header: None,
        entries: Vec::new(),
        children: Vec::new(),
    }];
    let mut stack: Vec<usize> = vec![0];
    // Physical line pieces of a line continued with `\`.
    let mut pending: Vec<(usize, &'a str)> = Vec::new();
    for (n, line) in file.lines() {
        let text = strip_comment(line.trim_start()).trim_end();
        if text.is_empty() {
            continue;
        }
        if let Some(head) = text.strip_suffix('\\') {
            pending.push((n, head.trim_end()));
            continue;
        }
        pending.push((n, text));
        let pieces = std::mem::take(&mut pending);
        let current = stack.last().copied().unwrap_or(0);
        match parse_line(file, &pieces)? {
            Line::Skip => {}
            Line::Entry(entry) => {
                if let Some(section) = sections.get_mut(current) {
                    section.entries.push(entry);
                }
            }
            Line::Begin(kind, header) => {
                let index = sections.len();
                sections.push(Section {
                    kind,
                    parent: Some(current),
                    header: Some(header),
                    entries: Vec::new(),
                    children: Vec::new(),
                });
                if let Some(section) = sections.get_mut(current) {
                    section.children.push(index);
                }
                stack.push(index);
            }
            Line::End => {
                if stack.len() <= 1 {
                    return Err(ExtractError::new("'}' without an open section", Some(n)));
                }
                stack.pop();
            }
        }
    }
    if let Some((n, _)) = pending.first() {
        return Err(ExtractError::new(
            "line continued with '\\' at the end of the file",
            Some(*n),
        ));
    }
    if stack.len() > 1 {
        let line = stack
            .last()
            .and_then(|i| sections.get(*i))
            .and_then(|s| s.header.as_ref())
            .map(|h| h.0.line);
        return Err(ExtractError::new("section is not closed", line));
    }
    Ok(sections)
}

enum Line<'a> {
    Skip,
    Entry(Entry<'a>),
    Begin(&'a str, (Location, String)),
    End,
}

/// Parses one logical line (its physical pieces, comments stripped).
fn parse_line<'a>(
    file: &SourceFile<'a>,
    pieces: &[(usize, &'a str)],
) -> Result<Line<'a>, ExtractError> {
    let Some(&(line_no, first)) = pieces.first() else {
        return Ok(Line::Skip);
    };
    let last = pieces.last().map_or(first, |p| p.1);
    let joined: Vec<&str> = pieces
        .iter()
        .map(|p| p.1.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let joined = joined.join(" ");
    let evidence = redact(&joined);
    let key_len = first
        .find(|c: char| c.is_ascii_whitespace() || c == '=')
        .unwrap_or(first.len());
    let key = &first[..key_len];
    let rest = first[key_len..].trim_start();
    if key.eq_ignore_ascii_case("!include") || key.eq_ignore_ascii_case("!include_try") {
        return Ok(Line::Skip);
    }
    if let Some(value_head) = rest.strip_prefix('=') {
        if key.is_empty() {
            return Err(ExtractError::new("setting without a name", Some(line_no)));
        }
        let value_head = value_head.trim();
        let mut parts: Vec<&str> = Vec::new();
        if !value_head.is_empty() {
            parts.push(value_head);
        }
        parts.extend(
            pieces
                .iter()
                .skip(1)
                .map(|p| p.1.trim())
                .filter(|p| !p.is_empty()),
        );
        let raw = parts.join(" ");
        let (from_file, value) = match raw.strip_prefix('<') {
            Some(path) => (true, path.trim().to_owned()),
            None => (false, unquote(&raw)),
        };
        let location = match (parts.first(), parts.last()) {
            (Some(a), Some(b)) => file.span(a, b),
            _ => file.location_of(key),
        };
        return Ok(Line::Entry(Entry {
            key,
            value,
            raw,
            from_file,
            location,
            evidence,
        }));
    }
    if key == "}" && rest.is_empty() && pieces.len() == 1 {
        return Ok(Line::End);
    }
    if joined.ends_with('{') && !key.is_empty() && key != "}" && key != "{" {
        return Ok(Line::Begin(key, (file.span(first, last), evidence)));
    }
    Err(ExtractError::new(
        format!(
            "expected 'key = value', 'section {{' or '}}', found {:?}",
            redact(&joined)
        ),
        Some(line_no),
    ))
}

/// The section and its ancestors, nearest first.
fn chain(sections: &[Section<'_>], index: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = Some(index);
    while let Some(i) = at {
        // A parent always precedes its children, so this terminates.
        if out.contains(&i) {
            break;
        }
        out.push(i);
        at = sections.get(i).and_then(|s| s.parent);
    }
    out
}

/// Finds `key` from the section outwards.
fn lookup<'s, 'a>(
    sections: &'s [Section<'a>],
    chain: &[usize],
    key: &str,
) -> Option<&'s Entry<'a>> {
    chain
        .iter()
        .filter_map(|i| sections.get(*i))
        .find_map(|s| s.get(key).map(|(_, e)| e))
}

/// An entry's address: (section, entry index).
type EntryId = (usize, usize);

/// The TLS version setting that applies at `section`'s level itself: an
/// `ssl_client { }` child first, then `ssl_min_protocol`, then 2.2/2.3
/// `ssl_protocols`.
fn level_tls_setting(sections: &[Section<'_>], section: usize) -> Option<EntryId> {
    let s = sections.get(section)?;
    let from_child = s
        .children
        .iter()
        .rev()
        .filter(|c| {
            sections
                .get(**c)
                .is_some_and(|c| c.kind.eq_ignore_ascii_case("ssl_client"))
        })
        .find_map(|c| {
            sections
                .get(*c)?
                .get("ssl_min_protocol")
                .map(|(i, _)| (*c, i))
        });
    from_child
        .or_else(|| s.get("ssl_min_protocol").map(|(i, _)| (section, i)))
        .or_else(|| s.get("ssl_protocols").map(|(i, _)| (section, i)))
}

fn entry<'s, 'a>(sections: &'s [Section<'a>], id: EntryId) -> Option<&'s Entry<'a>> {
    sections.get(id.0)?.entries.get(id.1)
}

/// The range `ssl_min_protocol` sets (open above: no maximum exists).
fn min_protocol_range(value: &str) -> TlsRange {
    let min = match value.trim().to_ascii_lowercase().as_str() {
        "any" | "tlsv1" => "1.0",
        "sslv3" => "ssl3",
        "tlsv1.1" => "1.1",
        "tlsv1.2" | "latest" => "1.2",
        "tlsv1.3" => "1.3",
        _ => return TlsRange::unknown(),
    };
    TlsRange::explicit(Some(min), None)
}

/// `ssl_protocols` as Dovecot 2.3 converts it to a minimum for all
/// contexts (clients included).
fn protocols_as_min(value: &str) -> TlsRange {
    const NAMES: [(&str, &str); 4] = [
        ("SSLv3", "ssl3"),
        ("TLSv1", "1.0"),
        ("TLSv1.1", "1.1"),
        ("TLSv1.2", "1.2"),
    ];
    let mut state = [0i8; 4];
    let mut explicit_enable = false;
    for token in value
        .split(|c: char| c == ' ' || c == ',' || c.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
    {
        let (enable, name) = match token.strip_prefix('!') {
            Some(n) => (false, n),
            None => (true, token),
        };
        let Some(i) = NAMES.iter().position(|(n, _)| *n == name) else {
            // 2.3 logs an error and keeps its default.
            return TlsRange::unknown();
        };
        if let Some(slot) = state.get_mut(i) {
            *slot = if enable { 1 } else { -1 };
        }
        explicit_enable |= enable;
    }
    let min = state
        .iter()
        .position(|s| if explicit_enable { *s > 0 } else { *s == 0 })
        .and_then(|i| NAMES.get(i));
    match min {
        Some((_, v)) => TlsRange::explicit(Some(v), None),
        None => TlsRange::unknown(),
    }
}

/// `ssl_protocols` as Dovecot 2.2's server applied it (OpenSSL options).
fn protocols_as_mask(value: &str) -> TlsRange {
    let mut mask = ProtocolMask::new();
    for token in value
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
    {
        // 2.2 knows SSLv2 .. TLSv1.2 and refuses to start on anything else.
        if token
            .trim_start_matches('!')
            .eq_ignore_ascii_case("TLSv1.3")
            || !mask.add(token)
        {
            return TlsRange::unknown();
        }
    }
    match negotiable(mask.enabled(VersionSet::between("ssl2", "1.2"))) {
        Some((low, high)) => TlsRange::explicit(
            // SSLv3 and below is OpenSSL's own floor: no restriction.
            (low != "ssl2" && low != "ssl3").then_some(low),
            (high != "1.3").then_some(high),
        ),
        None => TlsRange::unknown(),
    }
}

/// The range a TLS version entry gives a client connection.
fn client_range(e: &Entry<'_>) -> TlsRange {
    if e.dynamic() {
        TlsRange::unknown()
    } else if e.key.eq_ignore_ascii_case("ssl_protocols") {
        protocols_as_min(&e.value)
    } else {
        min_protocol_range(&e.value)
    }
}

fn imapc_mode(value: &str) -> TlsMode {
    match value.trim().to_ascii_lowercase().as_str() {
        "no" => TlsMode::None,
        "imaps" => TlsMode::Implicit,
        "starttls" => TlsMode::Starttls,
        _ => TlsMode::Unknown,
    }
}

fn literal_host(value: &str) -> Option<String> {
    let host = value.trim().trim_end_matches('.');
    (!host.is_empty() && mail_url::is_literal_host(host)).then(|| host.to_ascii_lowercase())
}

/// Whether a section sets up imapc without naming the host.
fn imapc_without_host(section: &Section<'_>) -> Option<usize> {
    let imapc_key = [
        "imapc_port",
        "imapc_ssl",
        "imapc_user",
        "imapc_master_user",
        "imapc_password",
    ]
    .iter()
    .filter_map(|k| section.get(k).map(|(i, _)| i))
    .min();
    let driver = section.entries.iter().position(|e| {
        let key = e.key.to_ascii_lowercase();
        let value = e.value.trim().to_ascii_lowercase();
        (key == "mail_driver" && value == "imapc")
            || ((key == "mail_location" || key == "location") && value.starts_with("imapc:"))
    });
    imapc_key.into_iter().chain(driver).min()
}

/// The imapc connection facts and the TLS entries they used.
fn imapc_connections(sections: &[Section<'_>], used: &mut HashSet<EntryId>) -> Vec<Fact> {
    let mut targets: Vec<(usize, usize)> = sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.get("imapc_host").map(|(e, _)| (i, e)))
        .collect();
    if targets.is_empty() {
        targets.extend(
            sections
                .iter()
                .enumerate()
                .find_map(|(i, s)| imapc_without_host(s).map(|e| (i, e))),
        );
    }
    let declaring: HashSet<usize> = targets.iter().map(|t| t.0).collect();
    let mut facts = Vec::new();
    for (index, declaring_entry) in targets {
        let Some(declaration) = entry(sections, (index, declaring_entry)) else {
            continue;
        };
        let path = chain(sections, index);
        let host_entry = lookup(sections, &path, "imapc_host");
        let port_entry = lookup(sections, &path, "imapc_port");
        let ssl_entry = lookup(sections, &path, "imapc_ssl");
        let mut fact = Fact::new(
            FactKind::Connection,
            declaration.location,
            declaration.evidence.clone(),
        );
        fact.client = Some("dovecot".to_owned());
        fact.protocol = Some(Protocol::Imap);
        fact.host = host_entry
            .filter(|e| !e.dynamic())
            .and_then(|e| literal_host(&e.value));
        fact.port = match port_entry {
            Some(e) => e.value.trim().parse().ok(),
            None => Some(143),
        };
        let mode = ssl_entry.map_or(TlsMode::None, |e| {
            if e.dynamic() {
                TlsMode::Unknown
            } else {
                imapc_mode(&e.value)
            }
        });
        fact.tls_mode = Some(mode);
        fact.tls = Some(TlsRange::unknown());
        if let Some((loc, text)) = sections.get(index).and_then(|s| s.header.as_ref()) {
            fact.related
                .push(Related::new("declaration", *loc, text.clone()));
        }
        for (role, e) in [
            ("host", host_entry),
            ("port", port_entry),
            ("tls_mode", ssl_entry),
        ] {
            if let Some(e) = e {
                fact.related
                    .push(Related::new(role, e.location, e.evidence.clone()));
            }
        }
        if mode == TlsMode::None {
            // No TLS: the version settings do not apply to this connection.
            facts.push(fact);
            continue;
        }
        let base = fact.clone();
        let found = path
            .iter()
            .enumerate()
            .find_map(|(k, s)| level_tls_setting(sections, *s).map(|id| (k, id)));
        if let Some((_, id)) = found {
            if let Some(e) = entry(sections, id) {
                used.insert(id);
                fact.tls = Some(client_range(e));
                fact.location = e.location;
                fact.evidence = e.evidence.clone();
            }
        }
        facts.push(fact);
        // `protocol <name> { }` filters next to the path override the
        // setting for the processes of that protocol, unless a nearer level
        // set it.
        let overridable = found.map_or(path.len(), |(k, _)| k + 1);
        let on_protocol_path = path.iter().any(|i| {
            sections
                .get(*i)
                .is_some_and(|s| s.kind.eq_ignore_ascii_case("protocol"))
        });
        if on_protocol_path {
            continue;
        }
        for level in path.iter().take(overridable) {
            let Some(section) = sections.get(*level) else {
                continue;
            };
            for child in &section.children {
                let Some(filter) = sections.get(*child) else {
                    continue;
                };
                if !filter.kind.eq_ignore_ascii_case("protocol") || declaring.contains(child) {
                    continue;
                }
                let Some(id) = level_tls_setting(sections, *child) else {
                    continue;
                };
                let Some(e) = entry(sections, id) else {
                    continue;
                };
                used.insert(id);
                let mut extra = base.clone();
                extra.tls = Some(client_range(e));
                extra.location = e.location;
                extra.evidence = e.evidence.clone();
                if let Some((loc, text)) = &filter.header {
                    extra
                        .related
                        .push(Related::new("declaration", *loc, text.clone()));
                }
                facts.push(extra);
            }
        }
    }
    facts
}

/// 2.3 `passdb { driver = imap  args = host=... }` connections.
fn passdb_imap_connections(sections: &[Section<'_>]) -> Vec<Fact> {
    let mut facts = Vec::new();
    for section in sections
        .iter()
        .filter(|s| s.kind.eq_ignore_ascii_case("passdb"))
    {
        let is_imap = section
            .get("driver")
            .is_some_and(|(_, e)| e.value.trim().eq_ignore_ascii_case("imap"));
        let Some((_, args)) = section.get("args").filter(|_| is_imap) else {
            continue;
        };
        let mut host = None;
        let mut port = None;
        let mut mode = TlsMode::None;
        for word in split_words(&args.value, false) {
            let Some((key, value)) = word.text.split_once('=') else {
                continue;
            };
            match key {
                "host" => host = Some(value.to_owned()),
                "port" => port = Some(value.parse::<u16>().ok()),
                "ssl" => mode = imapc_mode(value),
                _ => {}
            }
        }
        let mut fact = Fact::new(FactKind::Connection, args.location, args.evidence.clone());
        fact.client = Some("dovecot".to_owned());
        fact.protocol = Some(Protocol::Imap);
        fact.host = host
            .filter(|h| !h.contains('%') && !h.contains('$'))
            .and_then(|h| literal_host(&h));
        fact.port = port.unwrap_or(Some(if mode == TlsMode::Implicit { 993 } else { 143 }));
        fact.tls_mode = Some(mode);
        fact.tls = Some(TlsRange::unknown());
        if let Some((loc, text)) = &section.header {
            fact.related
                .push(Related::new("declaration", *loc, text.clone()));
        }
        facts.push(fact);
    }
    facts
}

/// Section kinds whose TLS settings are Dovecot's own (filters).
fn is_filter(kind: &str) -> bool {
    [
        "",
        "protocol",
        "local",
        "remote",
        "local_name",
        "ssl_server",
        "ssl_client",
    ]
    .iter()
    .any(|k| kind.eq_ignore_ascii_case(k))
}

/// Server-side TLS floors no connection used.
fn server_settings(sections: &[Section<'_>], used: &HashSet<EntryId>) -> Vec<Fact> {
    let mut facts = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        let path = chain(sections, index);
        if !path
            .iter()
            .all(|i| sections.get(*i).is_some_and(|s| is_filter(s.kind)))
        {
            continue;
        }
        for (i, e) in section.entries.iter().enumerate() {
            let is_min = e.key.eq_ignore_ascii_case("ssl_min_protocol");
            let is_list = e.key.eq_ignore_ascii_case("ssl_protocols");
            if !(is_min || is_list) || used.contains(&(index, i)) {
                continue;
            }
            // Only the last setting of a key in a section counts.
            if section.get(e.key).map(|(last, _)| last) != Some(i) {
                continue;
            }
            let mut fact = Fact::new(FactKind::TlsSetting, e.location, e.evidence.clone());
            fact.client = Some("dovecot".to_owned());
            fact.scope = Some("application".to_owned());
            fact.setting = Some(Setting {
                name: e.key.to_owned(),
                value: redact(&e.raw),
            });
            fact.tls = Some(if e.dynamic() {
                TlsRange::unknown()
            } else if is_list {
                protocols_as_mask(&e.value)
            } else {
                min_protocol_range(&e.value)
            });
            if let Some((loc, text)) = &section.header {
                fact.related
                    .push(Related::new("declaration", *loc, text.clone()));
            }
            facts.push(fact);
        }
    }
    facts
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let sections = parse(file)?;
    let mut used = HashSet::new();
    let mut facts = imapc_connections(&sections, &mut used);
    facts.extend(passdb_imap_connections(&sections));
    facts.extend(server_settings(&sections, &used));
    facts.sort_by_key(|f| (f.location.line, f.location.column));
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("etc/dovecot/dovecot.conf", text))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn imapc_to_exchange_with_legacy_minimum() {
        let f = facts("# migration\nmail_location = imapc:~/imapc\nimapc_host = Outlook.Office365.com\nimapc_port = 993\nimapc_ssl = imaps\nimapc_password = \"s3cret # not a comment\"\nssl_min_protocol = TLSv1 # old server\n");
        assert_eq!(f.len(), 1);
        let f = &f[0];
        assert_eq!(f.kind, FactKind::Connection);
        assert_eq!(f.client.as_deref(), Some("dovecot"));
        assert_eq!(f.protocol, Some(Protocol::Imap));
        assert_eq!(f.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f.port, Some(993));
        assert_eq!(f.tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f.tls, Some(TlsRange::explicit(Some("1.0"), None)));
        assert_eq!(
            (f.location.line, f.location.column, f.location.end_column),
            (7, 20, 25)
        );
        let roles: Vec<_> = f
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(roles, vec![("host", 3), ("port", 4), ("tls_mode", 5)]);
    }

    #[test]
    fn imapc_defaults_to_no_tls_on_143() {
        let f = facts("imapc_host = outlook.office365.com\nssl_min_protocol = TLSv1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(f[0].port, Some(143));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[0].location.line, 1);
        // The unused floor is the server's.
        assert_eq!(f[1].kind, FactKind::TlsSetting);
        assert_eq!(f[1].scope.as_deref(), Some("application"));
        assert_eq!(f[1].tls, Some(TlsRange::explicit(Some("1.0"), None)));
    }

    #[test]
    fn unset_minimum_is_unknown_and_values_are_case_insensitive() {
        let f = facts("imapc_host = imap.example.com\nimapc_ssl = STARTTLS\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        for (value, min) in [
            ("tlsv1.1", "1.1"),
            ("ANY", "1.0"),
            ("TLSv1.3", "1.3"),
            ("LATEST", "1.2"),
            ("SSLv3", "ssl3"),
        ] {
            let f = facts(&format!(
                "imapc_host = x\nimapc_ssl = imaps\nssl_min_protocol = {value}\n"
            ));
            assert_eq!(
                f[0].tls,
                Some(TlsRange::explicit(Some(min), None)),
                "{value}"
            );
        }
        let f = facts("imapc_host = x\nimapc_ssl = imaps\nssl_min_protocol = TLSv9\n");
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
    }

    #[test]
    fn ssl_protocols_as_2_3_converts_it_for_clients() {
        let range = |v: &str| {
            facts(&format!(
                "imapc_host = x\nimapc_ssl = imaps\nssl_protocols = {v}\n"
            ))[0]
                .tls
                .clone()
        };
        assert_eq!(range("!SSLv3"), Some(TlsRange::explicit(Some("1.0"), None)));
        assert_eq!(
            range("!SSLv3 !TLSv1 !TLSv1.1"),
            Some(TlsRange::explicit(Some("1.2"), None))
        );
        assert_eq!(
            range("TLSv1.1 TLSv1.2"),
            Some(TlsRange::explicit(Some("1.1"), None))
        );
        // SSLv2 is not a name 2.3 converts: it ignores the list.
        assert_eq!(range("!SSLv2 !SSLv3"), Some(TlsRange::unknown()));
    }

    #[test]
    fn server_side_ssl_protocols_use_openssl_rules() {
        let f = facts("ssl = required\nssl_protocols = !SSLv2 !SSLv3 !TLSv1.2\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FactKind::TlsSetting);
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!(
            f[0].setting,
            Some(Setting {
                name: "ssl_protocols".to_owned(),
                value: "!SSLv2 !SSLv3 !TLSv1.2".to_owned()
            })
        );
        let f = facts("ssl_protocols = !SSLv2 !SSLv3\n");
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), None)));
        let f = facts("ssl_protocols = TLSv1.3\n");
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
    }

    #[test]
    fn sections_scope_settings() {
        let text = "protocols = imap pop3\nplugin {\n  ssl_min_protocol = TLSv1\n}\nservice imap-login {\n  inet_listener imaps {\n    ssl_min_protocol = TLSv1\n  }\n}\npassdb {\n  driver = passwd-file\n  args = scheme=CRYPT ssl_min_protocol=TLSv1 /etc/dovecot/users\n}\nprotocol pop3 {\n  ssl_min_protocol = TLSv1.1\n}\nlocal 192.0.2.1 {\n  ssl_min_protocol = TLSv1\n}\n";
        let f = facts(text);
        let lines: Vec<_> = f.iter().map(|f| (f.location.line, f.kind)).collect();
        assert_eq!(
            lines,
            vec![(15, FactKind::TlsSetting), (18, FactKind::TlsSetting)]
        );
        assert_eq!(f[0].related[0].role, "declaration");
        assert_eq!(f[0].related[0].line, 14);
    }

    #[test]
    fn nested_imapc_sections_and_protocol_overrides() {
        let text = "ssl_min_protocol = TLSv1.2\nimapc_host = imap.example.com\nimapc_ssl = imaps\nimapc_port = 993\nprotocol doveadm {\n  ssl_min_protocol = TLSv1\n}\npassdb imap {\n  imapc_host = outlook.office365.com\n  ssl_client {\n    ssl_min_protocol = TLSv1.1\n  }\n}\n";
        let f = facts(text);
        let got: Vec<_> = f
            .iter()
            .map(|f| {
                (
                    f.location.line,
                    f.host.clone(),
                    f.tls.as_ref().and_then(|t| t.min.clone()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    1,
                    Some("imap.example.com".to_owned()),
                    Some("1.2".to_owned())
                ),
                (
                    6,
                    Some("imap.example.com".to_owned()),
                    Some("1.0".to_owned())
                ),
                (
                    11,
                    Some("outlook.office365.com".to_owned()),
                    Some("1.1".to_owned())
                ),
            ]
        );
        // The passdb inherits the top level's imapc_ssl and port.
        assert_eq!(f[2].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[2].port, Some(993));
    }

    #[test]
    fn named_filters_may_drop_their_prefix() {
        let f = facts("mail_driver = imapc\nimapc {\n  host = outlook.office365.com\n  ssl = imaps\n  port = 993\n}\nssl_client {\n  ssl_min_protocol = TLSv1.1\n}\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.1"), None)));
        assert_eq!(f[0].related[0].role, "declaration");
    }

    #[test]
    fn passdb_imap_args() {
        let f = facts("passdb {\n  driver = imap\n  args = host=outlook.office365.com ssl=imaps\n}\npassdb {\n  driver = imap\n  args = host=%{host} port=143\n}\n");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[1].host, None);
        assert_eq!(f[1].tls_mode, Some(TlsMode::None));
    }

    #[test]
    fn dynamic_values_and_continuations() {
        let f = facts("imapc_host = %{userdb:imapc_host}\nimapc_ssl = \\\n    imaps\nssl_min_protocol = <ssl_min\n");
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[0].related[1].line, 3);
        assert_eq!(f[0].location.line, 4);
        // Without imapc_host, other imapc settings still declare it.
        let f = facts("!include conf.d/*.conf\nimapc_ssl = no\nimapc_port = 143\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].location.line, 2);
    }

    #[test]
    fn commented_out_settings_are_ignored() {
        assert!(facts("#ssl_min_protocol = TLSv1\n  # imapc_host = outlook.office365.com\nssl_cipher_list = ALL # ssl_protocols = SSLv3\n").is_empty());
    }

    #[test]
    fn malformed_files_are_errors() {
        for (text, line) in [
            ("}\n", Some(1)),
            ("protocol imap {\nssl = yes\n", Some(1)),
            ("ssl_min_protocol\n", Some(1)),
            ("a = b \\\n", Some(1)),
            ("= x\n", Some(1)),
        ] {
            let err = extract(&SourceFile::new("dovecot.conf", text))
                .map(|_| ())
                .map_err(|e| e.line);
            assert_eq!(err, Err(line), "{text:?}");
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "\"",
            "a = \"",
            "a = '\\",
            "x {{{",
            "{\n}",
            "a = '\u{e9}",
            "#\\\n",
            "imapc_port = 99999\nimapc_host = x",
        ] {
            let _ = extract(&SourceFile::new("dovecot.conf", text));
        }
    }
}
