//! OpenSSL configuration (`openssl.cnf`, `$OPENSSL_CONF`, and the RHEL /
//! Fedora crypto-policies back-end `opensslcnf.config`): the TLS version
//! bounds OpenSSL applies to every TLS context of every program (scope
//! `system`) or to programs that ask for a named configuration (scope
//! `application`).
//!
//! The file is read as OpenSSL's `crypto/conf/conf_def.c` reads it: a
//! default (unnamed) section up to the first `[ name ]`; `name = value`
//! with `section::name = value` assigning elsewhere; `#` comments (also
//! trailing ones) outside quotes (`'`, `"`, `` ` ``) and escapes (`\#`);
//! a line ending in an unescaped `\` continues on the next line (comment
//! stripping happens after joining, so a continued comment swallows the
//! next line); `$var`, `${var}`, `$(var)`, `$section::var` expansion
//! against what was defined earlier (named section, then the default
//! section; `ENV::` values are unknown here); `.pragma dollarid:on`;
//! `.include` (not followed: each file is scanned on its own); a later
//! `name` in the same section replaces the earlier one. Syntax errors that
//! make OpenSSL refuse the file (missing `=`, missing `]`, a `${` without
//! `}`, an undefined variable when nothing is included) are errors here.
//!
//! The settings in effect are found as OpenSSL's config modules find them
//! (`doc/man5/config.pod`): `openssl_conf = X` in the default section, in
//! `[X]` the `ssl_conf = Y` module, in `[Y]` one line per configuration
//! name. `system_default = Z` is applied to every `SSL_CTX`
//! (`ssl_ctx_system_config`): scope `system`. Other names in `[Y]` are used
//! only by programs calling `SSL_CTX_config(ctx, name)`, and a default
//! section key other than `openssl_conf` that leads to an `ssl_conf` module
//! is another program's configuration (Node.js reads `nodejs_conf`): scope
//! `application`. A section no chain reaches is not in effect and yields
//! nothing (OpenSSL's own `test/ssl-tests/*.cnf` are full of those). In the
//! crypto-policies back-end file the leading unnamed part is the content of
//! the `system_default` section that RHEL's `openssl.cnf` `.include`s.
//!
//! In a configuration section (`SSL_CONF_cmd(3)`, file mode; names are
//! case-insensitive and anything up to the first `.` is ignored, so
//! `TLS.MinProtocol` is `MinProtocol`), applied in order:
//! `MinProtocol`/`MaxProtocol` take `None` (no bound), `SSLv3`, `TLSv1`,
//! `TLSv1.1`, `TLSv1.2`, `TLSv1.3` (case-sensitive, as `protocol_from_string`
//! compares); `DTLSv1`/`DTLSv1.2` bound DTLS contexts only; any other value
//! (`TLSv1.0`, `tlsv1.2`) is rejected and the bound stays unset (OpenSSL
//! 3 goes on with the section's other commands, as modelled here; 1.1.1
//! stops at the rejected one, so later lines may not apply there). The
//! deprecated `Protocol` list (`-ALL, TLSv1.2`; case-insensitive, `+`/`-`,
//! stops at the first unknown element) switches versions off; `DTLSv1` and
//! `DTLSv1.2` share their option bits with `TLSv1` and `TLSv1.2`. SSLv3 is
//! counted only when `MinProtocol = SSLv3` asks for it (OpenSSL 1.1.0+
//! builds leave it out by default). The range is the lowest contiguous run
//! of enabled versions, as OpenSSL negotiates (see `common::version_gaps`);
//! a bound the file leaves open (no minimum, no maximum below TLS 1.3) is
//! `null`, because OpenSSL's defaults depend on its version.
//!
//! `CipherString` with `@SECLEVEL=n` is recorded as related evidence on the
//! section's fact, not as a range of its own: OpenSSL 3.0+ allows TLS 1.0
//! and 1.1 only at security level 0, OpenSSL 1.1.1 up to level 2 or 3, and
//! the version running is not in the file. A section with no version
//! setting yields no fact (Debian 12's `CipherString = DEFAULT:@SECLEVEL=2`
//! alone; `@SECLEVEL=0` alone re-enables TLS 1.0/1.1 on OpenSSL 3 but sets
//! no bound, and no rule judges a system minimum).
//!
//! Location: the value of the `MaxProtocol` (or `Protocol`) line that caps
//! the range, else the `MinProtocol` (or `Protocol`) value.

use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, VersionSet, ORDER};
use crate::extract::common::version_gaps::{lowest_run, names};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Related, Setting, TlsRange};
use crate::source::SourceFile;
use std::collections::HashSet;

/// Content check: `*.cnf` is shared with MySQL/MariaDB option files, which
/// OpenSSL's parser would reject. Only files that can hold a TLS setting
/// are taken.
pub fn sniff(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["ssl_conf", "minprotocol", "maxprotocol", "system_default"]
        .iter()
        .any(|k| lower.contains(k))
}

/// One `name = value` as OpenSSL stores it.
#[derive(Debug, Clone)]
struct Entry {
    /// As written (escapes unprocessed, as OpenSSL keeps names).
    name: String,
    /// After quote/escape processing and expansion; `None` when it depends
    /// on the environment (`$ENV::X`) or on an included file.
    value: Option<String>,
    /// Byte range of the value as written, in the file text.
    raw: (usize, usize),
    /// Byte offset of the name in the file text.
    name_at: usize,
}

#[derive(Debug, Clone)]
struct Section {
    name: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Default)]
struct Conf {
    sections: Vec<Section>,
    has_includes: bool,
}

impl Conf {
    fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    fn section_mut(&mut self, name: &str) -> &mut Section {
        let at = match self.sections.iter().position(|s| s.name == name) {
            Some(at) => at,
            None => {
                self.sections.push(Section {
                    name: name.to_owned(),
                    entries: Vec::new(),
                });
                self.sections.len() - 1
            }
        };
        &mut self.sections[at]
    }

    fn get(&self, section: &str, name: &str) -> Option<&Entry> {
        self.section(section)?
            .entries
            .iter()
            .find(|e| e.name == name)
    }

    /// `_CONF_add_string`: a repeated name replaces the earlier entry and
    /// moves to the end of the section.
    fn add(&mut self, section: &str, entry: Entry) {
        let sect = self.section_mut(section);
        sect.entries.retain(|e| e.name != entry.name);
        sect.entries.push(entry);
    }
}

/// A logical line (continuations joined) with the file offset of each byte.
struct Logical {
    text: Vec<u8>,
    offsets: Vec<usize>,
    line: usize,
}

fn logical_lines(file: &SourceFile) -> Vec<Logical> {
    let mut out = Vec::new();
    let mut text: Vec<u8> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    let mut first = 0;
    let mut pending = false;
    for (n, line) in file.lines() {
        if !pending {
            first = n;
        }
        let start = file.line_start(n);
        text.extend_from_slice(line.as_bytes());
        offsets.extend((0..line.len()).map(|i| start + i));
        let len = text.len();
        pending = len >= 1 && text[len - 1] == b'\\' && (len <= 1 || text[len - 2] != b'\\');
        if pending {
            text.pop();
            offsets.pop();
            continue;
        }
        out.push(Logical {
            text: std::mem::take(&mut text),
            offsets: std::mem::take(&mut offsets),
            line: first,
        });
    }
    if pending {
        out.push(Logical {
            text,
            offsets,
            line: first,
        });
    }
    out
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_alnum_punct(b: u8) -> bool {
    is_alnum(b) || b"!.%&*+,/;?@^~|-".contains(&b)
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'\'' | b'"' | b'`')
}

fn eat_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

fn eat_alnum(b: &[u8], mut i: usize, dollarid: bool) -> usize {
    while i < b.len() {
        if b[i] == b'\\' {
            i = (i + 2).min(b.len());
            continue;
        }
        if !(is_alnum_punct(b[i]) || (dollarid && b[i] == b'$')) {
            break;
        }
        i += 1;
    }
    i
}

fn scan_quote(b: &[u8], mut i: usize) -> usize {
    let q = b[i];
    i += 1;
    while i < b.len() && b[i] != q {
        if b[i] == b'\\' {
            i += 1;
            if i >= b.len() {
                return i;
            }
        }
        i += 1;
    }
    (i + 1).min(b.len())
}

/// Where the comment starts (`clear_comments`), or the length.
fn comment_start(b: &[u8]) -> usize {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => return i,
            q if is_quote(q) => i = scan_quote(b, i),
            b'\\' => i = (i + 2).min(b.len()),
            _ => i += 1,
        }
    }
    b.len()
}

/// End of `b[start..end]` with trailing whitespace removed.
fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && is_ws(b[end - 1]) {
        end -= 1;
    }
    end
}

fn text_of(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

struct Parser {
    conf: Conf,
    section: String,
    dollarid: bool,
}

impl Parser {
    /// `str_copy`: quotes, escapes and variable expansion. `Ok(None)` when
    /// the value depends on the environment or an included file.
    fn expand(&self, section: &str, b: &[u8], line: usize) -> Result<Option<String>, ExtractError> {
        let mut out: Vec<u8> = Vec::new();
        let mut known = true;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if is_quote(c) {
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' {
                        i += 1;
                        if i >= b.len() {
                            break;
                        }
                    }
                    out.push(b[i]);
                    i += 1;
                }
                if i < b.len() {
                    i += 1;
                }
            } else if c == b'\\' {
                i += 1;
                let Some(&v) = b.get(i) else { break };
                i += 1;
                out.push(match v {
                    b'r' => b'\r',
                    b'n' => b'\n',
                    b'b' => 0x08,
                    b't' => b'\t',
                    other => other,
                });
            } else if c == b'$' && (!self.dollarid || matches!(b.get(i + 1), Some(b'{' | b'('))) {
                let mut s = i + 1;
                let close = match b.get(s) {
                    Some(b'{') => Some(b'}'),
                    Some(b'(') => Some(b')'),
                    _ => None,
                };
                if close.is_some() {
                    s += 1;
                }
                let ident = |mut e: usize| {
                    while e < b.len() && (is_alnum(b[e]) || (self.dollarid && b[e] == b'$')) {
                        e += 1;
                    }
                    e
                };
                let mut e = ident(s);
                let mut var_section = section.to_owned();
                let mut name = text_of(&b[s..e]);
                if b.get(e) == Some(&b':') && b.get(e + 1) == Some(&b':') {
                    var_section = name;
                    let ns = e + 2;
                    e = ident(ns);
                    name = text_of(&b[ns..e]);
                }
                if let Some(close) = close {
                    if b.get(e) != Some(&close) {
                        return Err(ExtractError::new(
                            "variable reference without its closing brace",
                            Some(line),
                        ));
                    }
                    e += 1;
                }
                match self.lookup(&var_section, &name) {
                    Some(Some(value)) => out.extend_from_slice(value.as_bytes()),
                    Some(None) => known = false,
                    None if var_section == "ENV" || self.conf.has_includes => known = false,
                    None => {
                        return Err(ExtractError::new(
                            format!("variable has no value: ${name}"),
                            Some(line),
                        ))
                    }
                }
                i = e;
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(known.then(|| text_of(&out)))
    }

    /// `_CONF_get_string`: the named section, then the default section.
    fn lookup(&self, section: &str, name: &str) -> Option<Option<String>> {
        self.conf
            .get(section, name)
            .or_else(|| self.conf.get("default", name))
            .map(|e| e.value.clone())
    }

    fn line(&mut self, logical: &Logical) -> Result<(), ExtractError> {
        let line = logical.line;
        let cut = comment_start(&logical.text);
        let b = &logical.text[..cut];
        let off = |i: usize| {
            logical
                .offsets
                .get(i)
                .copied()
                .or_else(|| logical.offsets.last().map(|o| o + 1))
                .unwrap_or(0)
        };
        let s = eat_ws(b, 0);
        if s >= b.len() {
            return Ok(());
        }
        if b[s] == b'[' {
            let start = eat_ws(b, s + 1);
            let mut ss = start;
            let end = loop {
                let end = eat_alnum(b, ss, self.dollarid);
                let p = eat_ws(b, end);
                if b.get(p) == Some(&b']') {
                    break end;
                }
                if p < b.len() && ss != p {
                    ss = p;
                    continue;
                }
                return Err(ExtractError::new(
                    "section header without its closing ']'",
                    Some(line),
                ));
            };
            let name = self
                .expand("default", &b[start..end], line)?
                .unwrap_or_else(|| text_of(&b[start..end]));
            self.section = name.clone();
            self.conf.section_mut(&name);
            return Ok(());
        }
        let mut name_start = s;
        let mut end = eat_alnum(b, s, self.dollarid);
        let mut target = self.section.clone();
        if b.get(end) == Some(&b':') && b.get(end + 1) == Some(&b':') {
            target = text_of(&b[s..end]);
            name_start = end + 2;
            end = eat_alnum(b, name_start, self.dollarid);
        }
        let name = &b[name_start..end];
        let p = eat_ws(b, end);
        let directive = |word: &[u8]| {
            name.starts_with(word)
                && (name.len() > word.len() || p > end || b.get(p) == Some(&b'='))
        };
        if directive(b".pragma") {
            let mut v = p;
            if b.get(v) == Some(&b'=') {
                v = eat_ws(b, v + 1);
            }
            let value = &b[v..trim_end(b, v, b.len())];
            let colon = value.iter().position(|&c| c == b':');
            let Some(colon) = colon.filter(|&c| c > 0 && c + 1 < value.len()) else {
                return Err(ExtractError::new("invalid .pragma", Some(line)));
            };
            let key = &value[..trim_end(value, 0, colon)];
            let arg = &value[eat_ws(value, colon + 1)..];
            let boolean = |arg: &[u8]| match text_of(arg).to_ascii_lowercase().as_str() {
                "on" | "true" => Ok(true),
                "off" | "false" => Ok(false),
                _ => Err(ExtractError::new("invalid .pragma value", Some(line))),
            };
            match key {
                b"dollarid" => self.dollarid = boolean(arg)?,
                b"abspath" => {
                    boolean(arg)?;
                }
                _ => {}
            }
            return Ok(());
        }
        if directive(b".include") {
            self.conf.has_includes = true;
            return Ok(());
        }
        if b.get(p) != Some(&b'=') {
            return Err(ExtractError::new(
                format!("missing '=' after {:?}", text_of(name)),
                Some(line),
            ));
        }
        let vstart = eat_ws(b, p + 1);
        let vend = trim_end(b, vstart, b.len());
        let value = self.expand(&target, &b[vstart..vend], line)?;
        let entry = Entry {
            name: text_of(name),
            value,
            raw: (
                off(vstart),
                if vend > vstart {
                    off(vend - 1) + 1
                } else {
                    off(vstart)
                },
            ),
            name_at: off(name_start),
        };
        self.conf.add(&target, entry);
        Ok(())
    }
}

fn parse(file: &SourceFile) -> Result<Conf, ExtractError> {
    let mut parser = Parser {
        conf: Conf::default(),
        section: "default".to_owned(),
        dollarid: false,
    };
    parser.conf.section_mut("default");
    for logical in logical_lines(file) {
        parser.line(&logical)?;
    }
    Ok(parser.conf)
}

/// The SSL_CONF command an entry is, from its name (`TLS.MinProtocol`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Min,
    Max,
    Protocol,
    CipherString,
}

fn command(name: &str) -> Option<Command> {
    let cmd = name.split_once('.').map_or(name, |(_, rest)| rest);
    [
        ("MinProtocol", Command::Min),
        ("MaxProtocol", Command::Max),
        ("Protocol", Command::Protocol),
        ("CipherString", Command::CipherString),
    ]
    .iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(cmd))
    .map(|(_, c)| *c)
}

/// A `MinProtocol`/`MaxProtocol` value (`protocol_from_string`).
enum Bound {
    Version(&'static str),
    NoLimit,
    Dtls,
    Rejected,
}

fn bound(value: &str) -> Bound {
    match value {
        "None" => Bound::NoLimit,
        "SSLv3" => Bound::Version("ssl3"),
        "TLSv1" => Bound::Version("1.0"),
        "TLSv1.1" => Bound::Version("1.1"),
        "TLSv1.2" => Bound::Version("1.2"),
        "TLSv1.3" => Bound::Version("1.3"),
        "DTLSv1" | "DTLSv1.2" => Bound::Dtls,
        _ => Bound::Rejected,
    }
}

/// The TLS version whose option bit a `Protocol` element names; `Some(None)`
/// for elements with no TLS effect (`SSLv2`), `None` for unknown ones.
fn protocol_element(name: &str) -> Option<Option<&'static [&'static str]>> {
    const ALL: &[&str] = &["ssl3", "1.0", "1.1", "1.2", "1.3"];
    let table: [(&str, Option<&'static [&'static str]>); 9] = [
        ("ALL", Some(ALL)),
        ("SSLv2", None),
        ("SSLv3", Some(&["ssl3"])),
        ("TLSv1", Some(&["1.0"])),
        ("TLSv1.1", Some(&["1.1"])),
        ("TLSv1.2", Some(&["1.2"])),
        ("TLSv1.3", Some(&["1.3"])),
        // SSL_OP_NO_DTLSv1 and SSL_OP_NO_DTLSv1_2 are the TLSv1 and
        // TLSv1_2 bits.
        ("DTLSv1", Some(&["1.0"])),
        ("DTLSv1.2", Some(&["1.2"])),
    ];
    table
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// How one configuration section reached by a chain is used.
struct Use<'c> {
    scope: &'static str,
    /// The `system_default = Z` (or `server = Z`) line, if any.
    declaration: Option<(&'c Entry, String)>,
}

fn entry_location(file: &SourceFile, entry: &Entry) -> Location {
    file.location(entry.raw.0, entry.raw.1)
}

/// The line holding the entry's value (a continued value starts on a
/// later line than its name).
fn entry_evidence(file: &SourceFile, entry: &Entry) -> String {
    redact(file.line(entry_location(file, entry).line).trim())
}

fn seclevel(value: &str) -> Option<u32> {
    let at = value.rfind("@SECLEVEL=")?;
    let digits: String = value[at + "@SECLEVEL=".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn section_fact(file: &SourceFile, section: &Section, usage: &Use<'_>) -> Option<Fact> {
    let mut min: Option<(&'static str, usize)> = None;
    let mut max: Option<(&'static str, usize)> = None;
    let mut off: [Option<usize>; 6] = [None; 6];
    let mut protocol_at: Option<usize> = None;
    let mut relevant: Vec<usize> = Vec::new();
    let mut rejected: Vec<usize> = Vec::new();
    let mut unknown_at: Option<usize> = None;
    let mut ciphers: Vec<usize> = Vec::new();
    for (i, entry) in section.entries.iter().enumerate() {
        let Some(cmd) = command(&entry.name) else {
            continue;
        };
        if cmd == Command::CipherString {
            ciphers.push(i);
            continue;
        }
        let Some(value) = entry.value.as_deref() else {
            relevant.push(i);
            unknown_at.get_or_insert(i);
            continue;
        };
        match cmd {
            Command::Min | Command::Max => {
                let slot = if cmd == Command::Min {
                    &mut min
                } else {
                    &mut max
                };
                match bound(value) {
                    Bound::Version(v) => *slot = Some((v, i)),
                    Bound::NoLimit => *slot = None,
                    Bound::Dtls => continue,
                    Bound::Rejected => rejected.push(i),
                }
                relevant.push(i);
            }
            Command::Protocol => {
                relevant.push(i);
                protocol_at = Some(i);
                for element in value.split(',') {
                    let element = element.trim();
                    let (on, name) = match element.as_bytes().first() {
                        Some(b'+') => (true, &element[1..]),
                        Some(b'-') => (false, &element[1..]),
                        _ => (true, element),
                    };
                    match protocol_element(name) {
                        Some(Some(versions)) => {
                            for v in versions {
                                if let Some(r) = rank(v) {
                                    off[r] = if on { None } else { Some(i) };
                                }
                            }
                        }
                        Some(None) => {}
                        None => {
                            rejected.push(i);
                            break;
                        }
                    }
                }
            }
            Command::CipherString => {}
        }
    }
    if relevant.is_empty() {
        return None;
    }
    let entries = &section.entries;
    let first = *relevant.first()?;
    let valid = min.is_some() || max.is_some() || protocol_at.is_some();
    let (tls, at, left_out) = if unknown_at.is_some() {
        (TlsRange::unknown(), unknown_at.unwrap_or(first), Vec::new())
    } else if !valid {
        (
            TlsRange::unknown(),
            rejected.first().copied().unwrap_or(first),
            Vec::new(),
        )
    } else {
        let mut set = VersionSet::empty();
        let lower = min.map_or("1.0", |(v, _)| v);
        for (r, v) in ORDER.iter().enumerate() {
            let above_min = rank(v) >= rank(lower);
            let below_max = max.is_none_or(|(m, _)| rank(v) <= rank(m));
            if *v != "ssl2" && above_min && below_max && off.get(r).is_some_and(Option::is_none) {
                set.set(v, true);
            }
        }
        match lowest_run(&set) {
            Some(span) => {
                let out_min = (min.is_some() || protocol_at.is_some()).then_some(span.min);
                let out_max = (max.is_some() || span.max != "1.3").then_some(span.max);
                let next = rank(span.max).map(|r| r + 1);
                let capped_by = match (out_max, next) {
                    (Some(_), Some(next)) => {
                        let next_v = ORDER.get(next).copied();
                        match (max, next_v) {
                            (Some((m, i)), Some(nv)) if rank(nv) > rank(m) => Some(i),
                            (_, None) => max.map(|(_, i)| i),
                            _ => off.get(next).copied().flatten().or(max.map(|(_, i)| i)),
                        }
                    }
                    _ => None,
                };
                let at = capped_by
                    .or(min.map(|(_, i)| i))
                    .or(protocol_at)
                    .unwrap_or(first);
                (TlsRange::explicit(out_min, out_max), at, span.left_out)
            }
            None => (
                TlsRange::explicit(None, None),
                max.map(|(_, i)| i).or(protocol_at).unwrap_or(first),
                Vec::new(),
            ),
        }
    };
    let main = entries.get(at)?;
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        entry_location(file, main),
        entry_evidence(file, main),
    );
    fact.client = Some("openssl".to_owned());
    fact.scope = Some(usage.scope.to_owned());
    fact.tls = Some(tls);
    fact.setting = Some(Setting {
        name: main.name.clone(),
        value: main.value.clone().unwrap_or_else(|| {
            file.text
                .get(main.raw.0..main.raw.1)
                .unwrap_or("")
                .to_owned()
        }),
    });
    if let Some((decl, message)) = &usage.declaration {
        let loc = file.location(decl.name_at, decl.raw.1.max(decl.name_at));
        fact.related
            .push(Related::new("declaration", loc, message.clone()));
    }
    if rejected.contains(&at) {
        fact.related.push(Related::new(
            "version",
            fact.location,
            format!(
                "{}: OpenSSL rejects this value and leaves the bound unset",
                fact.evidence
            ),
        ));
    }
    if !left_out.is_empty() {
        fact.related.push(Related::new(
            "version",
            fact.location,
            format!(
                "{} also enabled above a disabled version; OpenSSL negotiates only the lowest contiguous run",
                names(&left_out)
            ),
        ));
    }
    for &i in relevant.iter().filter(|&&i| i != at) {
        let Some(entry) = entries.get(i) else {
            continue;
        };
        let mut message = entry_evidence(file, entry);
        if rejected.contains(&i) {
            message.push_str(" (rejected by OpenSSL: no effect)");
        }
        fact.related.push(Related::new(
            "version",
            entry_location(file, entry),
            message,
        ));
    }
    for &i in &ciphers {
        let Some(entry) = entries.get(i) else {
            continue;
        };
        let Some(level) = entry.value.as_deref().and_then(seclevel) else {
            continue;
        };
        // OpenSSL 3.0 NEWS: "SSL 3, TLS 1.0, TLS 1.1, and DTLS 1.0 only work
        // at security level 0"; SSL_CTX_set_security_level(3) in 1.1.1:
        // level 3 refuses versions below TLS 1.1, level 4 below TLS 1.2.
        let note = if level == 0 {
            "security level 0: OpenSSL 3.0+ needs it for TLS 1.0/1.1".to_owned()
        } else {
            format!(
                "security level {level}: OpenSSL 3.0+ allows TLS 1.0/1.1 only at level 0 (OpenSSL 1.1.1: TLS 1.0 up to level 2, TLS 1.1 up to level 3)"
            )
        };
        fact.related.push(Related::new(
            "version",
            entry_location(file, entry),
            format!("{}: {note}", entry_evidence(file, entry)),
        ));
    }
    Some(fact)
}

/// The module name of a config module line (`ssl_conf`, `ssl_conf.1`).
fn is_ssl_module(name: &str) -> bool {
    name == "ssl_conf" || name.starts_with("ssl_conf.")
}

/// The `ssl_conf` section a library/application section `x` points to.
fn ssl_section<'c>(conf: &'c Conf, x: &str) -> Option<(&'c Entry, &'c Section)> {
    let module = conf
        .section(x)?
        .entries
        .iter()
        .rev()
        .find(|e| is_ssl_module(&e.name))?;
    Some((module, conf.section(module.value.as_deref()?)?))
}

fn is_fragment(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.eq_ignore_ascii_case("opensslcnf.config")
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let conf = parse(file)?;
    let mut facts = Vec::new();
    let mut done: HashSet<String> = HashSet::new();
    if is_fragment(file.path) {
        if let Some(default) = conf.section("default") {
            let usage = Use {
                scope: "system",
                declaration: None,
            };
            facts.extend(section_fact(file, default, &usage));
        }
    }
    // The library's own chain first, then other programs' (`nodejs_conf`).
    let mut apps: Vec<&Entry> = Vec::new();
    if let Some(default) = conf.section("default") {
        apps.extend(default.entries.iter().filter(|e| e.name == "openssl_conf"));
        apps.extend(default.entries.iter().filter(|e| {
            e.name != "openssl_conf"
                && e.value
                    .as_deref()
                    .is_some_and(|v| ssl_section(&conf, v).is_some())
        }));
    }
    for app in apps {
        let system = app.name == "openssl_conf";
        let Some(init) = app.value.as_deref() else {
            continue;
        };
        let Some((module, ssl)) = ssl_section(&conf, init) else {
            continue;
        };
        for config in &ssl.entries {
            let Some(target) = config.value.as_deref() else {
                continue;
            };
            let Some(section) = conf.section(target) else {
                continue;
            };
            if !done.insert(target.to_owned()) {
                continue;
            }
            let chain = format!(
                "{} = {init} -> {} = {} -> {} = {target}",
                app.name, module.name, ssl.name, config.name
            );
            let (scope, message) = if system && config.name == "system_default" {
                (
                    "system",
                    format!(
                        "{chain}: applied to every TLS context of every program using this OpenSSL"
                    ),
                )
            } else if system {
                (
                    "application",
                    format!(
                        "{chain}: used by programs that ask for the \"{}\" configuration (SSL_CTX_config)",
                        config.name
                    ),
                )
            } else {
                (
                    "application",
                    format!(
                        "{chain}: used by programs that load the \"{}\" configuration",
                        app.name
                    ),
                )
            };
            let usage = Use {
                scope,
                declaration: Some((config, redact(&message))),
            };
            facts.extend(section_fact(file, section, &usage));
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("etc/ssl/openssl.cnf", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn range(f: &Fact) -> (Option<&str>, Option<&str>) {
        let tls = f.tls.as_ref();
        (
            tls.and_then(|t| t.min.as_deref()),
            tls.and_then(|t| t.max.as_deref()),
        )
    }

    const CHAIN: &str = "openssl_conf = default_conf\n\n[default_conf]\nssl_conf = ssl_sect\n\n[ssl_sect]\nsystem_default = system_default_sect\n\n[system_default_sect]\n";

    #[test]
    fn debian_system_default_min_tls12() {
        let f = facts(&format!(
            "{CHAIN}MinProtocol = TLSv1.2\nCipherString = DEFAULT@SECLEVEL=2\n"
        ));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].scope.as_deref(), Some("system"));
        assert_eq!(f[0].client.as_deref(), Some("openssl"));
        assert_eq!(range(&f[0]), (Some("1.2"), None));
        assert_eq!(f[0].location.line, 10);
        assert_eq!(f[0].location.column, 15);
        assert_eq!(f[0].evidence, "MinProtocol = TLSv1.2");
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "declaration" && r.line == 7));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.line == 11 && r.message.contains("security level 2")));
    }

    #[test]
    fn max_protocol_caps_and_is_the_location() {
        let f = facts(&format!(
            "{CHAIN}MinProtocol = TLSv1\nMaxProtocol = TLSv1.1   # old appliance\n"
        ));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 11);
        assert_eq!(
            f[0].setting,
            Some(Setting {
                name: "MaxProtocol".into(),
                value: "TLSv1.1".into()
            })
        );
    }

    #[test]
    fn no_chain_no_fact() {
        assert!(facts("[system_default_sect]\nMaxProtocol = TLSv1\n").is_empty());
        // openssl_conf pointing elsewhere: the section is not reached.
        let text = "openssl_conf = openssl_init\n[openssl_init]\nproviders = p\n[p]\n[ssl_sect]\nsystem_default = s\n[s]\nMaxProtocol = TLSv1\n";
        assert!(facts(text).is_empty());
    }

    #[test]
    fn last_openssl_conf_wins() {
        // `sed '1i openssl_conf = default_conf'` above the shipped line.
        let text = "openssl_conf = default_conf\nopenssl_conf = openssl_init\n[openssl_init]\nproviders = p\n[default_conf]\nssl_conf = ssl_sect\n[ssl_sect]\nsystem_default = s\n[s]\nMinProtocol = TLSv1\n";
        assert!(facts(text).is_empty());
    }

    #[test]
    fn prefixes_case_and_rejected_values() {
        let f = facts(&format!(
            "{CHAIN}TLS.MinProtocol = TLSv1.2\nTLS.MaxProtocol = TLSv1.3\nDTLS.MinProtocol = DTLSv1.2\nDTLS.MaxProtocol = DTLSv1.2\n"
        ));
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3")));
        assert_eq!(f[0].location.line, 11);
        let f = facts(&format!("{CHAIN}minprotocol = TLSv1.0\n"));
        assert_eq!(f[0].tls.as_ref().map(|t| t.basis), Some(Basis::Unknown));
        assert!(f[0].related.iter().any(|r| r.message.contains("rejects")));
        // Values are case-sensitive: `tlsv1.1` is rejected, MinProtocol applies.
        let f = facts(&format!(
            "{CHAIN}MinProtocol = TLSv1.2\nMaxProtocol = tlsv1.1\n"
        ));
        assert_eq!(range(&f[0]), (Some("1.2"), None));
    }

    #[test]
    fn protocol_list_and_holes() {
        let f = facts(&format!("{CHAIN}Protocol = -ALL, TLSv1, TLSv1.1\n"));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 10);
        let f = facts(&format!("{CHAIN}Protocol = -TLSv1.1\n"));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0")));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.message.contains("lowest contiguous")));
        let f = facts(&format!("{CHAIN}Protocol = -SSLv3, -TLSv1, -TLSv1.1\n"));
        assert_eq!(range(&f[0]), (Some("1.2"), None));
        let f = facts(&format!(
            "{CHAIN}MinProtocol = TLSv1\nProtocol = -DTLSv1.2\n"
        ));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 11);
        let f = facts(&format!(
            "{CHAIN}MaxProtocol = TLSv1.1\nMaxProtocol = None\n"
        ));
        // The repeated name replaces the first: no bound at all.
        assert_eq!(range(&f[0]), (None, None));
    }

    #[test]
    fn comments_quotes_escapes_and_continuations() {
        let f = facts(&format!("{CHAIN}MaxProtocol = \"TLSv1.1\" # quoted\n"));
        assert_eq!(range(&f[0]), (None, Some("1.1")));
        // A continued comment swallows the next line.
        let f = facts(&format!(
            "{CHAIN}MinProtocol = TLSv1.2 # was TLSv1 \\\nMaxProtocol = TLSv1\n"
        ));
        assert_eq!(range(&f[0]), (Some("1.2"), None));
        let f = facts(&format!("{CHAIN}MaxProtocol = \\\n  TLSv1.1\n"));
        assert_eq!(range(&f[0]), (None, Some("1.1")));
        assert_eq!(
            (f[0].location.line, f[0].evidence.as_str()),
            (11, "TLSv1.1")
        );
        let f = facts(&format!("{CHAIN}MaxProtocol = TLSv1.1\\#x\n"));
        assert_eq!(f[0].tls.as_ref().map(|t| t.basis), Some(Basis::Unknown));
    }

    #[test]
    fn variables_expand() {
        let text = "legacy = TLSv1\nopenssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = sd\n[sd]\nmax = TLSv1.1\nMinProtocol = $legacy\nMaxProtocol = ${sd::max}\n";
        let f = facts(text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        let text = format!("{CHAIN}MaxProtocol = $ENV::TLS_MAX\n");
        let f = facts(&text);
        assert_eq!(f[0].tls.as_ref().map(|t| t.basis), Some(Basis::Unknown));
    }

    #[test]
    fn application_sections_and_other_apps() {
        let text = "openssl_conf = init\nnodejs_conf = node_init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = sd\nlegacy_client = lc\n[sd]\nMinProtocol = TLSv1.2\n[lc]\nMaxProtocol = TLSv1\n[node_init]\nssl_conf = node_ssl\n[node_ssl]\nsystem_default = node_sd\n[node_sd]\nMaxProtocol = TLSv1.1\n";
        let f = facts(text);
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].scope.as_deref(), Some("system"));
        assert_eq!(f[1].scope.as_deref(), Some("application"));
        assert_eq!(range(&f[1]), (None, Some("1.0")));
        assert_eq!(f[2].scope.as_deref(), Some("application"));
        assert!(f[2].related[0].message.contains("nodejs_conf"));
    }

    #[test]
    fn crypto_policies_fragment() {
        let text = "CipherString = @SECLEVEL=1:kEECDH:kRSA\nMinProtocol = TLSv1\n\n[openssl_init]\nalg_section = evp_properties\n";
        let f = extract(&SourceFile::new(
            "etc/crypto-policies/back-ends/opensslcnf.config",
            text,
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.0"), None));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.message.contains("security level 1")));
    }

    #[test]
    fn cipher_string_alone_is_no_fact() {
        assert!(facts(&format!("{CHAIN}CipherString = DEFAULT:@SECLEVEL=0\n")).is_empty());
    }

    #[test]
    fn malformed_input_is_an_error() {
        let bad = |t: &str| {
            extract(&SourceFile::new("openssl.cnf", t))
                .err()
                .and_then(|e| e.line)
        };
        assert_eq!(bad("[ssl_sect\nMinProtocol = x\n"), Some(1));
        assert_eq!(bad("a = 1\nskip-external-locking\n"), Some(2));
        assert_eq!(bad("a = ${b\n"), Some(1));
        assert_eq!(bad("a = $undefined\n"), Some(1));
        assert_eq!(bad(".pragma dollarid\n"), Some(1));
        // An undefined variable may come from an included file.
        assert!(extract(&SourceFile::new(
            "openssl.cnf",
            ".include /etc/x.cnf\na = $b\n"
        ))
        .is_ok());
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "\\",
            "[",
            "[]",
            "a=\\",
            "$",
            "a = $",
            "a = ${",
            "a::=",
            "::",
            "\"",
            "a = 'x",
            "[ a b ]\nc=d",
            "é = ü\n[ é ]",
            "a = \\\n\\\n\\",
            ".include",
            ".pragma =",
            ".pragma a:",
            "a = $(x",
        ] {
            let _ = extract(&SourceFile::new("openssl.cnf", text));
        }
    }

    #[test]
    fn sniff_skips_mysql_option_files() {
        assert!(!sniff(
            "[mysqld]\nprotocol = tcp\n!includedir /etc/mysql/conf.d/\n"
        ));
        assert!(sniff(CHAIN));
    }
}
