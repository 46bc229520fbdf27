//! fetchmail (`~/.fetchmailrc`, `/etc/fetchmailrc`): one `connection` per
//! `poll`/`skip` entry (or per user of an entry whose users set different
//! TLS options).
//!
//! The lexer is a port of fetchmail's `rcfile_l.l` (6.3 to 6.5): the file is
//! free-form tokens across lines; `#` at the start of a token comments out
//! the rest of the line; `"..."` and `'...'` strings may span lines and
//! carry backslash escapes; `,` `;` `:` and the noise words `and`, `with`,
//! `has`, `wants`, `options` are ignored; keywords are case-sensitive
//! (protocol names also in upper case); after `user`, `pass`, `is`, `to`
//! and `=` the next word is always a string, whatever it spells; after
//! `auth` the word `password` is an authentication type. Flex picks the
//! longest match, so `"a"b` is one plain word and `pollx` a string.
//!
//! The grammar (`rcfile_y.y`): `poll|skip|server NAME` followed by server
//! options, then users (`user NAME ...`) with user options. `ssl`,
//! `sslproto` and `sslcertck` are user options, so two users of one server
//! may use different TLS; `defaults` (only as the first entry) supplies
//! every option an entry leaves unset (`optmerge` in `fetchmail.c`); `set`
//! statements are global options, not connections.
//!
//! TLS (`socket.c`, `tls.c`): `ssl` is implicit TLS. Without it fetchmail
//! tries STARTTLS whenever `sslproto` is unset or a TLS version, and never
//! when `sslproto ''`. `sslproto` values (case-insensitive): `SSL2`, `SSL3`,
//! `SSL3+`, `TLS1` (=1.0 in every release), `TLS1+`, `TLS1.1[+]`,
//! `TLS1.2[+]`, `TLS1.3[+]`, and the 6.5 aliases `tls1.0[+]`; a trailing
//! `+` means "and later" (open upper bound). `auto`, `SSL23`, an unset value
//! and anything else mean the release's default (TLS 1.0 only for 6.3
//! STARTTLS, 1.0+ in 6.4, 1.2+ in 6.5), so the range is unknown.
//!
//! Location: the entry's (or user's) `sslproto` value; else the `poll`
//! line, also when the value is inherited from `defaults` (then that
//! `sslproto` is a related `version`, so each entry keeps its own finding).
//! Malformed input (unterminated quote, `poll` without a name, a missing
//! value after `via`/`proto`/`port`/`service`/`sslproto`, `defaults` not
//! first) is an error, as it is to fetchmail.

use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::normalize;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

const CLIENT: &str = "fetchmail";

/// Every keyword of `rcfile_l.l` (6.3-6.5); a word not listed is a string.
const KEYWORDS: &[&str] = &[
    "set",
    "logfile",
    "idfile",
    "pidfile",
    "daemon",
    "syslog",
    "invisible",
    "showdots",
    "postmaster",
    "bouncemail",
    "spambounce",
    "softbounce",
    "warnings",
    "tracepolls",
    "defaults",
    "server",
    "poll",
    "skip",
    "via",
    "aka",
    "local",
    "localdomains",
    "proto",
    "protocol",
    "service",
    "port",
    "interval",
    "preauth",
    "preauthenticate",
    "auth",
    "authenticate",
    "timeout",
    "idletimeout",
    "envelope",
    "qvirtual",
    "principal",
    "esmtpname",
    "esmtppassword",
    "bad-header",
    "accept",
    "reject",
    "user",
    "username",
    "pass",
    "password",
    "folder",
    "folders",
    "smtp",
    "smtphost",
    "fetchdomains",
    "smtpaddress",
    "smtpname",
    "antispam",
    "mda",
    "bsmtp",
    "lmtp",
    "pre",
    "preconnect",
    "post",
    "postconnect",
    "interface",
    "monitor",
    "plugin",
    "plugout",
    "batchlimit",
    "fetchlimit",
    "fetchsizelimit",
    "fastuidl",
    "expunge",
    "properties",
    "is",
    "here",
    "there",
    "to",
    "no",
    "keep",
    "flush",
    "limitflush",
    "fetchall",
    "rewrite",
    "forcecr",
    "stripcr",
    "pass8",
    "pass8bits",
    "dropstatus",
    "dropdelivered",
    "mimedec",
    "mimedecode",
    "idle",
    "forceidle",
    "dns",
    "uidl",
    "ssl",
    "sslkey",
    "sslcert",
    "sslproto",
    "sslcertck",
    "sslcertfile",
    "sslcertpath",
    "sslcommonname",
    "sslfingerprint",
    "checkalias",
    "limit",
];

/// Authentication types; they end the `auth` state.
const AUTH_TYPES: &[&str] = &[
    "any",
    "gssapi",
    "kerberos4",
    "kerberos_v4",
    "kerberos5",
    "kerberos_v5",
    "kerberos",
    "ssh",
    "implicit",
    "external",
    "otp",
    "opie",
    "cram",
    "cram-md5",
    "msn",
    "ntlm",
    "oauthbearer",
];

/// Words the lexer drops.
const NOISE: &[&str] = &["with", "and", "has", "wants", "options"];

/// `no<keyword>` forms that the lexer splits into `no` and the keyword.
const NO_FORMS: &[&str] = &[
    "nobouncemail",
    "nouidl",
    "nocheckalias",
    "nodns",
    "noenvelope",
    "nokeep",
    "noflush",
    "nolimitflush",
    "nofetchall",
    "norewrite",
    "noforcecr",
    "nostripcr",
    "nopass8",
    "nopass8bits",
    "nodropstatus",
    "nodropdelivered",
    "nomimedec",
    "nomimedecode",
    "nospambounce",
    "noidle",
    "noforceidle",
];

/// Protocol names (`PROTO`, `KPOP`, `SDPS` tokens): lower or upper case only.
const PROTOCOLS: &[&str] = &[
    "auto", "pop2", "pop3", "imap", "apop", "rpop", "kpop", "sdps", "etrn", "odmr",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Keyword(&'static str),
    Proto(&'static str),
    Str(String),
    Num,
    Map,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Initial,
    Name,
    Auth,
}

fn is_word_byte(b: u8) -> bool {
    !matches!(b, b'=' | b';' | b':' | b',' | b' ' | b'\t' | b'\r' | b'\n')
}

/// Port of `rcfile_l.l`.
fn lex(file: &SourceFile) -> Result<Vec<Token>, ExtractError> {
    let text = file.text;
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut state = State::Initial;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b':' | b',' => {
                i += 1;
                continue;
            }
            b'#' => {
                // A comment ends with its line, whatever the line ending
                // (old Mac files end lines with a lone CR).
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
            b'\\' if matches!(bytes.get(i + 1), Some(b'\n')) => {
                i += 2;
                continue;
            }
            b'=' => {
                tokens.push(Token {
                    kind: Kind::Map,
                    start: i,
                    end: i + 1,
                });
                state = State::Name;
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut word_end = i;
        while word_end < bytes.len() && is_word_byte(bytes[word_end]) {
            word_end += 1;
        }
        if b == b'"' || b == b'\'' {
            let close = bytes[i + 1..]
                .iter()
                .position(|&c| c == b)
                .map(|p| i + 1 + p);
            let Some(close) = close else {
                return Err(ExtractError::new(
                    "unterminated quoted string",
                    Some(file.position(i).0),
                ));
            };
            // Flex takes the longest match: `"a"b` is one plain word.
            if close + 1 >= word_end {
                let inner = text.get(i + 1..close).unwrap_or("");
                tokens.push(Token {
                    kind: Kind::Str(escapes(inner)),
                    start: i,
                    end: close + 1,
                });
                state = State::Initial;
                i = close + 1;
                continue;
            }
        }
        let word = text.get(i..word_end).unwrap_or("");
        let start = i;
        i = word_end;
        if state == State::Name {
            tokens.push(Token {
                kind: Kind::Str(escapes(word)),
                start,
                end: word_end,
            });
            state = State::Initial;
            continue;
        }
        // `<INITIAL,NAME>pass(word)?` is off in the `auth` state.
        if state == State::Auth && word == "pass" {
            tokens.push(Token {
                kind: Kind::Str(word.to_owned()),
                start,
                end: word_end,
            });
            continue;
        }
        if state == State::Auth && word == "password" {
            tokens.push(Token {
                kind: Kind::Keyword("authtype"),
                start,
                end: word_end,
            });
            state = State::Initial;
            continue;
        }
        if NOISE.contains(&word) {
            continue;
        }
        if NO_FORMS.contains(&word) {
            // `yyless(2)`: `no`, then the rest is lexed again.
            tokens.push(Token {
                kind: Kind::Keyword("no"),
                start,
                end: start + 2,
            });
            i = start + 2;
            continue;
        }
        if let Some(p) = PROTOCOLS.iter().find(|p| {
            word == **p
                || (word.eq_ignore_ascii_case(p) && !word.bytes().any(|c| c.is_ascii_lowercase()))
        }) {
            tokens.push(Token {
                kind: Kind::Proto(p),
                start,
                end: word_end,
            });
            continue;
        }
        if AUTH_TYPES.contains(&word) {
            tokens.push(Token {
                kind: Kind::Keyword("authtype"),
                start,
                end: word_end,
            });
            state = State::Initial;
            continue;
        }
        if let Some(k) = KEYWORDS.iter().find(|k| **k == word) {
            match *k {
                "user" | "username" | "pass" | "password" | "is" | "to" => state = State::Name,
                "preauth" | "preauthenticate" | "auth" | "authenticate" => state = State::Auth,
                _ => {}
            }
            tokens.push(Token {
                kind: Kind::Keyword(k),
                start,
                end: word_end,
            });
            continue;
        }
        let digits = word.strip_prefix('-').unwrap_or(word);
        let kind = if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
            Kind::Num
        } else {
            Kind::Str(escapes(word))
        };
        tokens.push(Token {
            kind,
            start,
            end: word_end,
        });
    }
    Ok(tokens)
}

/// fetchmail's `escapes()`: backslash sequences in strings.
fn escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&next) = chars.peek() else { break };
        let value = match next {
            'x' | 'X' => {
                chars.next();
                numeric(&mut chars, 16, 2)
            }
            '0' => numeric(&mut chars, 8, 3),
            '1'..='9' => numeric(&mut chars, 10, 3),
            '\n' => {
                chars.next();
                continue;
            }
            other => {
                chars.next();
                match other {
                    'n' => 10,
                    't' => 9,
                    'b' => 8,
                    'r' => 13,
                    c => c as u32,
                }
            }
        };
        out.push(char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    out
}

fn numeric(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, radix: u32, max: usize) -> u32 {
    let mut value = 0u32;
    for _ in 0..max {
        match chars.peek().and_then(|c| c.to_digit(radix)) {
            Some(d) => {
                value = value.saturating_mul(radix).saturating_add(d);
                chars.next();
            }
            None => break,
        }
    }
    value
}

/// A token of the file with its text, for locations and messages.
#[derive(Debug, Clone, Copy)]
struct Spot {
    start: usize,
    end: usize,
}

impl Spot {
    fn of(t: &Token) -> Self {
        Spot {
            start: t.start,
            end: t.end,
        }
    }

    /// From the start of `self` to the end of `last`, if on one line;
    /// otherwise `last` alone (the line holding the value).
    fn through(self, last: Spot, file: &SourceFile) -> Spot {
        if self.same_line(last, file) {
            self.to(last)
        } else {
            last
        }
    }

    /// From the start of `self` to the end of `last`, if on one line;
    /// otherwise `self` alone (the line holding the keyword).
    fn with(self, last: Spot, file: &SourceFile) -> Spot {
        if self.same_line(last, file) {
            self.to(last)
        } else {
            self
        }
    }

    fn same_line(self, other: Spot, file: &SourceFile) -> bool {
        file.position(self.start).0 == file.position(other.start).0
    }

    fn to(self, last: Spot) -> Spot {
        Spot {
            start: self.start,
            end: last.end,
        }
    }
}

/// The TLS options of one user (or of the part of an entry before any user).
#[derive(Debug, Clone, Default)]
struct UserTls {
    ssl: Option<(bool, Spot)>,
    /// Value, span of `sslproto VALUE`.
    sslproto: Option<(String, Spot)>,
}

impl UserTls {
    fn or(&self, other: &UserTls) -> UserTls {
        UserTls {
            ssl: self.ssl.or(other.ssl),
            sslproto: self.sslproto.clone().or_else(|| other.sslproto.clone()),
        }
    }
}

#[derive(Debug, Clone)]
enum Service {
    Number(i64),
    Name(String),
}

#[derive(Debug, Clone, Default)]
struct Entry {
    /// `poll NAME` span.
    decl: Option<Spot>,
    name: Option<(String, Spot)>,
    via: Option<(String, Spot)>,
    proto: Option<(&'static str, Spot)>,
    service: Option<(Service, Spot)>,
    /// Options before the first `user`.
    lead: UserTls,
    users: Vec<UserTls>,
}

impl Entry {
    /// The entry's TLS options per user, with unset ones from `lead`.
    fn user_tls(&self) -> Vec<UserTls> {
        if self.users.is_empty() {
            vec![self.lead.clone()]
        } else {
            self.users.iter().map(|u| u.or(&self.lead)).collect()
        }
    }
}

/// Parses the token stream into `defaults` and poll/skip entries.
fn parse(file: &SourceFile, tokens: &[Token]) -> Result<(Option<Entry>, Vec<Entry>), ExtractError> {
    let line_of = |t: &Token| file.position(t.start).0;
    let mut defaults: Option<Entry> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        match t.kind {
            Kind::Keyword("set") => {
                i += 1;
                while tokens.get(i).is_some_and(|t| !starts_statement(t)) {
                    i += 1;
                }
            }
            Kind::Keyword("defaults") => {
                if defaults.is_some() || !entries.is_empty() {
                    return Err(ExtractError::new(
                        "`defaults` must be the first entry, and appear once",
                        Some(line_of(t)),
                    ));
                }
                let mut entry = Entry {
                    decl: Some(Spot::of(t)),
                    ..Entry::default()
                };
                i = parse_options(file, tokens, i + 1, &mut entry)?;
                defaults = Some(entry);
            }
            Kind::Keyword(k @ ("poll" | "skip" | "server")) => {
                let name = match tokens.get(i + 1) {
                    Some(
                        n @ Token {
                            kind: Kind::Str(s), ..
                        },
                    ) => (s.clone(), Spot::of(n)),
                    _ => {
                        return Err(ExtractError::new(
                            format!("`{k}` without a server name"),
                            Some(line_of(t)),
                        ))
                    }
                };
                // `skip` entries are configured but polled only when named
                // on the command line: still connections.
                let mut entry = Entry {
                    decl: Some(Spot::of(t).with(name.1, file)),
                    name: Some(name),
                    ..Entry::default()
                };
                i = parse_options(file, tokens, i + 2, &mut entry)?;
                entries.push(entry);
            }
            _ => {
                return Err(ExtractError::new(
                    "expected `poll`, `skip`, `defaults` or `set`",
                    Some(line_of(t)),
                ))
            }
        }
    }
    Ok((defaults, entries))
}

fn starts_statement(t: &Token) -> bool {
    matches!(
        t.kind,
        Kind::Keyword("set" | "defaults" | "poll" | "skip" | "server")
    )
}

/// Reads an entry's options from token `i` to the next statement; returns
/// the index of that statement.
fn parse_options(
    file: &SourceFile,
    tokens: &[Token],
    mut i: usize,
    entry: &mut Entry,
) -> Result<usize, ExtractError> {
    let missing = |t: &Token, what: &str| {
        ExtractError::new(
            format!(
                "`{}` needs {what}",
                file.text.get(t.start..t.end).unwrap_or("")
            ),
            Some(file.position(t.start).0),
        )
    };
    while let Some(t) = tokens.get(i) {
        if starts_statement(t) {
            break;
        }
        let next = tokens.get(i + 1);
        let tls = match entry.users.last_mut() {
            Some(u) => u,
            None => &mut entry.lead,
        };
        match &t.kind {
            Kind::Keyword("via") => match next {
                Some(
                    n @ Token {
                        kind: Kind::Str(s), ..
                    },
                ) => {
                    entry.via = Some((s.clone(), Spot::of(t).through(Spot::of(n), file)));
                    i += 1;
                }
                _ => return Err(missing(t, "a host name")),
            },
            Kind::Keyword("proto" | "protocol") => {
                match next {
                    Some(
                        n @ Token {
                            kind: Kind::Proto(p),
                            ..
                        },
                    ) => {
                        entry.proto = Some((p, Spot::of(t).through(Spot::of(n), file)));
                        i += 1;
                    }
                    _ => return Err(missing(
                        t,
                        "a protocol (auto, pop2, pop3, imap, apop, rpop, kpop, sdps, etrn, odmr)",
                    )),
                }
            }
            Kind::Keyword("port") => match next {
                Some(
                    n @ Token {
                        kind: Kind::Num, ..
                    },
                ) => {
                    let value = file
                        .text
                        .get(n.start..n.end)
                        .unwrap_or("")
                        .parse()
                        .unwrap_or(-1);
                    entry.service = Some((
                        Service::Number(value),
                        Spot::of(t).through(Spot::of(n), file),
                    ));
                    i += 1;
                }
                _ => return Err(missing(t, "a port number")),
            },
            Kind::Keyword("service") => match next {
                Some(
                    n @ Token {
                        kind: Kind::Num, ..
                    },
                ) => {
                    let value = file
                        .text
                        .get(n.start..n.end)
                        .unwrap_or("")
                        .parse()
                        .unwrap_or(-1);
                    entry.service = Some((
                        Service::Number(value),
                        Spot::of(t).through(Spot::of(n), file),
                    ));
                    i += 1;
                }
                Some(
                    n @ Token {
                        kind: Kind::Str(s), ..
                    },
                ) => {
                    let service = match s.parse::<i64>() {
                        Ok(v) => Service::Number(v),
                        Err(_) => Service::Name(s.clone()),
                    };
                    entry.service = Some((service, Spot::of(t).through(Spot::of(n), file)));
                    i += 1;
                }
                _ => return Err(missing(t, "a service name or port number")),
            },
            Kind::Keyword("ssl") => tls.ssl = Some((true, Spot::of(t))),
            Kind::Keyword("no") => {
                if let Some(
                    n @ Token {
                        kind: Kind::Keyword("ssl"),
                        ..
                    },
                ) = next
                {
                    tls.ssl = Some((false, Spot::of(t).through(Spot::of(n), file)));
                    i += 1;
                }
            }
            Kind::Keyword("sslproto") => match next {
                Some(
                    n @ Token {
                        kind: Kind::Str(s), ..
                    },
                ) => {
                    tls.sslproto = Some((s.clone(), Spot::of(t).through(Spot::of(n), file)));
                    i += 1;
                }
                _ => {
                    return Err(missing(
                        t,
                        "a value (quote `auto`: a bare auto is the protocol keyword)",
                    ))
                }
            },
            Kind::Keyword("user" | "username") => entry.users.push(UserTls::default()),
            _ => {}
        }
        i += 1;
    }
    Ok(i)
}

/// TLS range of an `sslproto` value; `None` when it depends on the release.
fn sslproto_range(value: &str) -> Option<TlsRange> {
    let v = value.to_ascii_lowercase();
    let (base, open) = match v.strip_suffix('+') {
        Some(b) => (b, true),
        None => (v.as_str(), false),
    };
    let allowed = match base {
        "ssl2" => !open,
        "ssl3" | "tls1" | "tls1.0" | "tls1.1" | "tls1.2" | "tls1.3" => true,
        _ => false,
    };
    if !allowed {
        return None;
    }
    let version = normalize(base)?;
    Some(if open {
        TlsRange::explicit(Some(version), None)
    } else {
        TlsRange::explicit(Some(version), Some(version))
    })
}

/// Mode and range of a user's effective options.
fn tls_of(ssl: bool, sslproto: Option<&str>) -> (TlsMode, TlsRange) {
    match (ssl, sslproto) {
        (true, None) => (TlsMode::Implicit, TlsRange::unknown()),
        (true, Some(p)) => (
            TlsMode::Implicit,
            sslproto_range(p).unwrap_or_else(TlsRange::unknown),
        ),
        // Opportunistic STARTTLS/STLS in every release (6.3 `maybe_tls`,
        // 6.4+ `maybe_starttls`).
        (false, None) => (TlsMode::Starttls, TlsRange::unknown()),
        (false, Some("")) => (TlsMode::None, TlsRange::unknown()),
        (false, Some(p)) => match sslproto_range(p) {
            // 6.3 runs STARTTLS only for `TLS1`; the `TLS1.x` forms exist
            // from 6.4 on, which runs STARTTLS for any non-empty value.
            Some(r) if r.min.as_deref().is_some_and(|m| m.starts_with('1')) => {
                (TlsMode::Starttls, r)
            }
            // SSL2/SSL3: 6.3 skips STARTTLS, 6.4 tries it.
            Some(r) => (TlsMode::Unknown, r),
            None => (TlsMode::Unknown, TlsRange::unknown()),
        },
    }
}

/// Protocol and default ports (plain, `ssl`) of a protocol keyword.
fn protocol_of(proto: Option<&str>) -> (Protocol, Option<u16>, Option<u16>) {
    match proto {
        Some("imap") => (Protocol::Imap, Some(143), Some(993)),
        Some("pop3" | "apop" | "rpop" | "sdps") => (Protocol::Pop3, Some(110), Some(995)),
        Some("kpop") => (Protocol::Pop3, Some(1109), Some(1109)),
        Some("etrn") => (Protocol::Smtp, Some(25), Some(465)),
        Some("odmr") => (Protocol::Smtp, Some(366), None),
        _ => (Protocol::Unknown, None, None),
    }
}

fn service_port(service: &Service) -> Option<u16> {
    match service {
        Service::Number(n) => u16::try_from(*n).ok(),
        Service::Name(name) => Some(match name.to_ascii_lowercase().as_str() {
            "imap" | "imap2" => 143,
            "imaps" => 993,
            "pop3" | "pop-3" => 110,
            "pop3s" => 995,
            "pop2" => 109,
            "kpop" => 1109,
            "smtp" => 25,
            "smtps" | "submissions" => 465,
            "submission" => 587,
            "odmr" => 366,
            _ => return None,
        }),
    }
}

fn literal_host(host: &str) -> Option<String> {
    let h = host.trim().trim_end_matches('.');
    (!h.is_empty() && is_literal_host(h)).then(|| h.to_ascii_lowercase())
}

fn loc(file: &SourceFile, spot: Spot) -> Location {
    file.location(spot.start, spot.end)
}

/// The evidence text of a spot: its first line, trimmed and redacted.
fn line_text(file: &SourceFile, spot: Spot) -> String {
    redact(file.line(file.position(spot.start).0).trim())
}

fn words(file: &SourceFile, spot: Spot) -> String {
    let text = file.text.get(spot.start..spot.end).unwrap_or("");
    redact(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Extracts one connection per poll/skip entry (see the module docs).
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let tokens = lex(file)?;
    let (defaults, entries) = parse(file, &tokens)?;
    let defaults = defaults.unwrap_or_default();
    let default_tls = defaults.user_tls().into_iter().next().unwrap_or_default();
    let mut facts = Vec::new();
    for entry in &entries {
        let Some(decl) = entry.decl else { continue };
        let via = entry.via.as_ref().or(defaults.via.as_ref());
        let proto = entry.proto.or(defaults.proto);
        let service = entry.service.as_ref().or(defaults.service.as_ref());
        let host = via.or(entry.name.as_ref());
        let (protocol, plain_port, ssl_port) = protocol_of(proto.map(|p| p.0));

        let mut seen: Vec<(bool, Option<String>, Option<usize>)> = Vec::new();
        for user in entry.user_tls() {
            let own = user.clone();
            let eff = user.or(&default_tls);
            let ssl = eff.ssl.is_some_and(|(on, _)| on);
            let sslproto = eff.sslproto.as_ref().map(|(v, _)| v.as_str());
            let key = (
                ssl,
                sslproto.map(str::to_owned),
                eff.sslproto.as_ref().map(|(_, s)| s.start),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let (mode, range) = tls_of(ssl, sslproto);

            // The sslproto of the entry itself holds the version; one
            // inherited from `defaults` is evidence, the entry is the place.
            let primary = match &own.sslproto {
                Some((_, spot)) => *spot,
                None => decl,
            };
            let location = loc(file, primary);
            let mut fact = Fact::new(FactKind::Connection, location, line_text(file, primary));
            fact.client = Some(CLIENT.to_owned());
            fact.protocol = Some(protocol);
            fact.host = host.and_then(|(h, _)| literal_host(h));
            fact.port = match service {
                Some((s, _)) => service_port(s),
                None if ssl => ssl_port,
                None => plain_port,
            };
            fact.tls_mode = Some(mode);
            fact.tls = Some(range);

            // The host is the `via` value, or the entry's name (then the
            // `poll NAME` words stand for both host and declaration).
            let mut related: Vec<(&str, Spot)> = Vec::new();
            match via {
                Some((_, spot)) => related.push(("host", *spot)),
                None if fact.host.is_some() => related.push(("host", decl)),
                None => {}
            }
            if primary.start != decl.start {
                related.push(("declaration", decl));
            }
            if let Some((_, spot)) = service {
                related.push(("port", *spot));
            }
            if let Some((_, spot)) = eff.ssl {
                related.push(("tls_mode", spot));
            }
            if own.sslproto.is_none() {
                if let Some((_, spot)) = &eff.sslproto {
                    related.push(("version", *spot));
                }
            }
            let mut seen_spots = std::collections::HashSet::new();
            fact.related = related
                .into_iter()
                .filter(|(role, spot)| *role == "host" || spot.start != primary.start)
                .filter(|(_, spot)| seen_spots.insert(spot.start))
                .map(|(role, spot)| Related::new(role, loc(file, spot), words(file, spot)))
                .collect();
            facts.push(fact);
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    use crate::extract::test_support::range;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, ".fetchmailrc", text)
    }

    fn err(text: &str) -> ExtractError {
        crate::extract::test_support::error(extract, ".fetchmailrc", text)
    }

    #[test]
    fn one_line_entry() {
        let f = facts(
            "poll Outlook.Office365.com proto imap user \"a@b.c\" pass \"x y\" ssl sslproto TLS1\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 1);
        assert!(!f[0].evidence.contains("x y"));
        let sslproto_col =
            "poll Outlook.Office365.com proto imap user \"a@b.c\" pass \"x y\" ssl ".len() + 1;
        assert_eq!(f[0].location.column, sslproto_col);
    }

    #[test]
    fn sslproto_values() {
        for (value, want) in [
            ("TLS1", (Some("1.0"), Some("1.0"))),
            ("tls1", (Some("1.0"), Some("1.0"))),
            ("TLS1+", (Some("1.0"), None)),
            ("tls1.0+", (Some("1.0"), None)),
            ("TLS1.1", (Some("1.1"), Some("1.1"))),
            ("TLS1.2+", (Some("1.2"), None)),
            ("TLS1.3", (Some("1.3"), Some("1.3"))),
            ("SSL3", (Some("ssl3"), Some("ssl3"))),
            ("SSL3+", (Some("ssl3"), None)),
            ("SSL2", (Some("ssl2"), Some("ssl2"))),
        ] {
            let f = facts(&format!("poll h proto pop3 ssl sslproto {value}\n"));
            let (lo, hi, basis) = range(&f[0]);
            assert_eq!((lo, hi), want, "{value}");
            assert_eq!(basis, Basis::Explicit, "{value}");
        }
        for value in ["'auto'", "SSL23", "TLSv1.2", "TLS", "tls1.4", "SSL2+"] {
            let f = facts(&format!("poll h proto pop3 ssl sslproto {value}\n"));
            assert_eq!(range(&f[0]), (None, None, Basis::Unknown), "{value}");
        }
    }

    #[test]
    fn tls_modes_without_ssl() {
        let mode = |rc: &str| facts(rc)[0].tls_mode;
        assert_eq!(mode("poll h proto imap\n"), Some(TlsMode::Starttls));
        assert_eq!(
            mode("poll h proto imap sslproto TLS1\n"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(
            mode("poll h proto imap sslproto TLS1.2+\n"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(mode("poll h proto imap sslproto ''\n"), Some(TlsMode::None));
        assert_eq!(
            mode("poll h proto imap sslproto SSL3\n"),
            Some(TlsMode::Unknown)
        );
        assert_eq!(
            mode("poll h proto imap sslproto \"auto\"\n"),
            Some(TlsMode::Unknown)
        );
        let f = facts("poll h proto pop3 sslproto ''\n");
        assert_eq!(f[0].port, Some(110));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
    }

    #[test]
    fn defaults_apply_to_later_entries() {
        let text = "set daemon 300\ndefaults\n  proto pop3\n  ssl\n  sslproto TLS1\n\npoll a.example\n  user x\npoll b.example sslproto TLS1.2+\npoll c.example proto imap no ssl\n";
        let f = facts(text);
        assert_eq!(f.len(), 3);
        // a: everything from defaults; located at its poll line.
        assert_eq!(f[0].protocol, Some(Protocol::Pop3));
        assert_eq!(f[0].port, Some(995));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 7);
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "version" && r.line == 5));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "tls_mode" && r.line == 4));
        // b: its own sslproto wins.
        assert_eq!(range(&f[1]), (Some("1.2"), None, Basis::Explicit));
        assert_eq!(f[1].location.line, 9);
        // c: `no ssl` overrides the default ssl; STARTTLS with TLS1.
        assert_eq!(f[2].protocol, Some(Protocol::Imap));
        assert_eq!(f[2].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[2].port, Some(143));
    }

    #[test]
    fn users_with_different_tls_are_separate_connections() {
        let text = "poll h via outlook.office365.com proto imap\n user a pass x ssl sslproto TLS1\n user b pass y ssl sslproto TLS1.2+\n user c pass z ssl sslproto TLS1.2+\n";
        let f = facts(text);
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
        assert_eq!(range(&f[1]), (Some("1.2"), None, Basis::Explicit));
        assert_eq!(f[2].location.line, 4);
        let host = f[0].related.iter().find(|r| r.role == "host");
        assert_eq!(
            host.map(|r| r.message.as_str()),
            Some("via outlook.office365.com")
        );
    }

    #[test]
    fn same_tls_for_all_users_is_one_connection() {
        let f = facts("poll h proto imap ssl user a pass x user b pass y\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
    }

    #[test]
    fn skip_entries_are_connections_and_set_lines_are_not() {
        let f = facts("set postmaster \"poll\"\nset logfile = poll\nskip old.example proto pop3 user u ssl sslproto SSL3\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("old.example"));
        assert_eq!(f[0].location.line, 3);
    }

    #[test]
    fn server_is_poll_and_noise_words_are_ignored() {
        let f = facts("server pop.example.net with protocol POP3 and port 1110, options ssl; sslproto: TLS1\n");
        assert_eq!(f[0].port, Some(1110));
        assert_eq!(f[0].protocol, Some(Protocol::Pop3));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn comments_and_strings_hide_keywords() {
        let text = "# poll legacy.example sslproto TLS1\npoll ok.example # sslproto TLS1\n  user \"sslproto TLS1\" is poll here\n  password sslproto\n  mda 'poll x sslproto TLS1'\n  ssl\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("ok.example"));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
    }

    #[test]
    fn auth_password_is_not_a_password() {
        // After `auth`, `password` is the auth type: `user` stays a keyword.
        let f = facts("poll h auth password user fred ssl sslproto TLS1\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn entries_span_lines_and_quotes_span_lines() {
        let text = "poll\n  mail.example.com\n  proto\n  imap\n  user 'a'\n  password \"multi\nline\"\n  sslproto\n  TLS1.1\n";
        let f = facts(text);
        assert_eq!(f[0].host.as_deref(), Some("mail.example.com"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 9);
    }

    #[test]
    fn keywords_are_case_sensitive() {
        // `Poll` is a string to fetchmail, so the file is not a valid rcfile.
        assert_eq!(err("Poll h\n").line, Some(1));
        // Upper-case protocol names are keywords.
        let f = facts("poll h proto IMAP\n");
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
    }

    #[test]
    fn service_names_and_numbers() {
        let f = facts("poll h proto imap service imaps\n");
        assert_eq!(f[0].port, Some(993));
        let f = facts("poll h proto pop3 service \"995\"\n");
        assert_eq!(f[0].port, Some(995));
        let f = facts("poll h proto kpop\n");
        assert_eq!(f[0].port, Some(1109));
        let f = facts("poll h proto auto ssl\n");
        assert_eq!(f[0].protocol, Some(Protocol::Unknown));
        assert_eq!(f[0].port, None);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert_eq!(err("poll h\n  user \"unterminated\n").line, Some(2));
        assert_eq!(err("poll\n").line, Some(1));
        assert_eq!(err("poll proto imap\n").line, Some(1));
        assert_eq!(err("poll h sslproto auto\n").line, Some(1));
        assert_eq!(err("poll h\n proto imaps\n").line, Some(2));
        assert_eq!(err("poll h port imaps\n").line, Some(1));
        assert_eq!(err("poll h\ndefaults ssl\n").line, Some(2));
        assert_eq!(err("user fred\n").line, Some(1));
    }

    #[test]
    fn secrets_never_reach_evidence() {
        let f = facts("poll h user u password hunter2 ssl sslproto TLS1\n");
        assert!(!format!("{f:?}").contains("hunter2"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "'",
            "\\",
            "\"\"\"",
            "poll é sslproto é",
            "poll h sslproto \"\\x\"",
            "=====",
            "poll h nossl nokeep no",
            "poll h\r\nuser u\r\nsslproto TLS1\r\n",
            "poll h port 99999999999999999999\n",
        ] {
            let _ = extract(&SourceFile::new(".fetchmailrc", text));
        }
        assert_eq!(escapes("a\\x41\\101\\0101\\n\\q"), "aAe\u{8}1\nq");
    }
}
