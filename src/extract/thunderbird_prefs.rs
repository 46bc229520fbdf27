//! Thunderbird (and any Gecko application) preference files: a profile's
//! `prefs.js` and `user.js`, default-pref files under `defaults/pref/`, and
//! AutoConfig files (`mozilla.cfg`, any `*.cfg` named by
//! `general.config.filename`).
//!
//! # Reading the files
//!
//! Preference files are read with the grammar of Gecko's own parser
//! (`modules/libpref/parser/src/lib.rs`): `pref`, `user_pref` and
//! `sticky_pref` calls with a string name and a string, integer or boolean
//! value; `, locked` / `, sticky` attributes in default-pref files only;
//! `//`, `/* */` and `#` comments; strings with `\" \' \\ \n \r \xNN \uNNNN`
//! escapes. Anything else is a syntax error (Gecko skips the statement and
//! logs it; here the file is reported as malformed with the line, so that a
//! typo never hides a setting silently).
//!
//! AutoConfig files are JavaScript run by Gecko after skipping their first
//! line (`nsReadConfig.cpp`, `skipFirstLine`). They are tokenised as
//! JavaScript (strings, comments, template literals) and the calls of
//! `extensions/pref/autoconfig/src/prefcalls.js` are read where their
//! arguments are literals: `pref()` sets the user value, `defaultPref()` the
//! default, `lockPref()` the default and locks it, `clearPref()` and
//! `unlockPref()` undo; `Services.prefs.set{Int,Bool,Char,String}Pref()`
//! count as user values. A value computed at run time (`getenv(...)`)
//! leaves that preference unknown. Calls inside `if`/`try` are taken as
//! made. A file whose JavaScript cannot be tokenised (an unterminated
//! string or comment) is malformed.
//!
//! Within one file the effective value of a preference follows libpref: a
//! locked default wins, then the last user value, then the last default.
//!
//! # What the preferences mean
//!
//! Incoming servers are `mail.server.<key>.*` (`nsMsgIncomingServer.cpp`):
//! `type` `imap` or `pop3` is a connection; `none` (Local Folders), `nntp`,
//! `rss`, `ews` and other types are not POP/IMAP and yield no fact; a server
//! whose `type` is not in the file (a `user.js` overriding one setting) is a
//! connection of unknown protocol. `realhostname` overrides `hostname`.
//! `socketType` (`MailNewsTypes2.idl`): 0 plain (no TLS), 2 STARTTLS
//! required, 3 implicit TLS; 1 was "try STARTTLS" (opportunistic: TLS only
//! if the server offers it). It is no longer in the current enum, whose code
//! tests for 2 and 3 only, so whether a 1 still gets TLS depends on the
//! version: its mode is `unknown` (not `none`). An unset `socketType`
//! falls back to the legacy `isSecure = true` (implicit TLS), then
//! `mail.server.default.socketType`, whose shipped value is 0. An unset port
//! is the protocol default for the socket type (IMAP 143/993, POP3 110/995).
//!
//! Outgoing servers are `mail.smtpserver.<key>.*` (`SmtpServer.sys.mjs`):
//! `hostname`, `port`, `try_ssl` (same values as `socketType`, default 0 via
//! `mail.smtpserver.default.try_ssl`); servers whose `type` is set to
//! something other than `smtp` (EWS) are skipped. An unset port with
//! `try_ssl` 3 is 465; otherwise it depends on the version (25 in the C++
//! SMTP code, 587 in `SmtpClient.sys.mjs`) and is left unknown.
//!
//! The TLS version range is global (`security/manager/ssl/nsNSSComponent.cpp`,
//! `SetEnabledTLSVersions`): `security.tls.version.min` / `.max` with 0 SSL
//! 3.0, 1 TLS 1.0, 2 TLS 1.1, 3 TLS 1.2, 4 TLS 1.3, and
//! `security.tls.version.enable-deprecated = true` lowering the minimum to
//! TLS 1.0 (`min(min, 1)`). The range applies to every connection of the
//! file: `{min, max}` as set (an unset bound is `null`: Gecko's defaults
//! changed in version 78), with the fact located at the version preference
//! (the `max` line when it is below TLS 1.2, else the line that set the
//! minimum). A `max` below 3 without a `min` is reported as written although
//! Gecko 78+ (default minimum 3) would discard that inverted range: the file
//! still asks for legacy TLS, and Thunderbird 68 and older honour it. Gecko
//! ignores a range whose minimum exceeds its maximum or whose values are out
//! of range and uses its defaults; such a file gets an unknown range and a
//! related note, as does a value computed at run time. Without version
//! preferences the range is unknown and the fact sits on the server's host
//! line. `min` 0 (SSL 3.0) is reported as `ssl3`, as old Gecko read it.
//!
//! A file with version preferences but no mail server (a Firefox profile, a
//! hardening `user.js`, an AutoConfig file) yields one `tls_setting` of
//! scope `application`: it is judged with `--scope all`, not in the default
//! mail scope.

use crate::extract::common::gecko_tls::{
    lowered_min, version_label, version_name, DEPRECATED_PREF, MAX_PREF, MIN_PREF,
};
use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{
    Basis, Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange,
};
use crate::source::SourceFile;
use std::collections::HashMap;

/// The `client` of every fact, also the remedies key.
const CLIENT: &str = "thunderbird";

/// Calls that start a preference statement, for the sniffer.
const PREF_FUNCTIONS: [&str; 5] = [
    "user_pref",
    "pref",
    "sticky_pref",
    "lockPref",
    "defaultPref",
];

/// Whether `text` holds a preference call: a line starting with one of
/// `user_pref(`, `pref(`, `sticky_pref(`, `lockPref(`, `defaultPref(`
/// followed by a quoted name.
pub fn sniff(text: &str) -> bool {
    text.lines().any(|line| {
        let t = line.trim_start();
        PREF_FUNCTIONS.iter().any(|f| {
            t.strip_prefix(f)
                .map(|r| r.trim_start())
                .and_then(|r| r.strip_prefix('('))
                .map(|r| r.trim_start())
                .is_some_and(|r| r.starts_with(['"', '\'']))
        })
    })
}

/// Extracts connections (one per mail server) and, for files without
/// servers, the application-wide TLS version setting.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let calls = if is_autoconfig(file.path) {
        autoconfig::calls(file)?
    } else {
        prefs_grammar::calls(file, is_user_file(file.path))?
    };
    let prefs = Prefs::resolve(&calls);
    let versions = Versions::read(file, &prefs);
    let mut facts = Vec::new();
    for (key, first) in prefs.server_keys("mail.server.") {
        if let Some(fact) = incoming(file, &prefs, &versions, &key, first) {
            facts.push(fact);
        }
    }
    for (key, first) in prefs.server_keys("mail.smtpserver.") {
        if let Some(fact) = outgoing(file, &prefs, &versions, &key, first) {
            facts.push(fact);
        }
    }
    if facts.is_empty() {
        facts.extend(versions.application_setting(file));
    }
    Ok(facts)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// AutoConfig files end in `.cfg` (`general.config.filename`).
fn is_autoconfig(path: &str) -> bool {
    let name = file_name(path);
    name.len() > 4
        && name
            .get(name.len() - 4..)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(".cfg"))
}

/// Profile files are parsed as user-pref files, where attributes are not
/// allowed (libpref `PrefValueKind::User`).
fn is_user_file(path: &str) -> bool {
    let name = file_name(path);
    name.eq_ignore_ascii_case("prefs.js") || name.eq_ignore_ascii_case("user.js")
}

// ---------------------------------------------------------------------------
// Preference calls
// ---------------------------------------------------------------------------

/// A preference value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    /// Computed at run time (AutoConfig): unknown.
    Computed,
}

/// What a call does to a preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    SetDefault,
    SetDefaultLocked,
    SetUser,
    ClearUser,
    Lock,
    Unlock,
}

/// One preference statement.
#[derive(Debug, Clone)]
struct Call<'a> {
    action: Action,
    name: String,
    value: Option<Value>,
    /// The statement from its function name to its closing parenthesis.
    text: &'a str,
    /// The value's source text (empty for calls without a value).
    value_text: &'a str,
}

/// Location of a file sub-slice given as byte offsets.
fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end.max(start)).unwrap_or("")
}

fn error_at(file: &SourceFile, offset: usize, message: impl Into<String>) -> ExtractError {
    ExtractError::new(message, Some(file.position(offset).0))
}

/// Gecko's preference-file grammar (`modules/libpref/parser/src/lib.rs`).
mod prefs_grammar {
    use super::{error_at, slice, Action, Call, Value};
    use crate::extract::ExtractError;
    use crate::source::SourceFile;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Tok {
        Char(u8),
        Pref,
        StickyPref,
        UserPref,
        True,
        False,
        Sticky,
        Locked,
        Str,
        Int(u32),
        Eof,
    }

    struct Lexer<'f, 'a> {
        file: &'f SourceFile<'a>,
        b: &'a [u8],
        i: usize,
        /// The unescaped bytes of the last string token.
        buf: Vec<u8>,
    }

    impl<'a> Lexer<'_, 'a> {
        fn byte(&self, i: usize) -> u8 {
            // A NUL byte ends the input, as in Gecko.
            self.b.get(i).copied().unwrap_or(0)
        }

        fn err(&self, at: usize, msg: &str) -> ExtractError {
            error_at(self.file, at, format!("prefs syntax error: {msg}"))
        }

        /// The next token and its byte range.
        fn next(&mut self) -> Result<(Tok, usize, usize), ExtractError> {
            loop {
                let start = self.i;
                let c = self.byte(start);
                match c {
                    0 => return Ok((Tok::Eof, start, start)),
                    b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => self.i += 1,
                    b'(' | b')' | b'+' | b',' | b'-' | b';' => {
                        self.i += 1;
                        return Ok((Tok::Char(c), start, self.i));
                    }
                    b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                        while matches!(self.byte(self.i), b'A'..=b'Z' | b'a'..=b'z' | b'_') {
                            self.i += 1;
                        }
                        let word = &self.b[start..self.i];
                        let tok = match word {
                            b"pref" => Tok::Pref,
                            b"true" => Tok::True,
                            b"false" => Tok::False,
                            b"user_pref" => Tok::UserPref,
                            b"sticky" => Tok::Sticky,
                            b"locked" => Tok::Locked,
                            b"sticky_pref" => Tok::StickyPref,
                            _ => return Err(self.err(start, "unknown keyword")),
                        };
                        return Ok((tok, start, self.i));
                    }
                    b'"' | b'\'' => {
                        self.string(c)?;
                        return Ok((Tok::Str, start, self.i));
                    }
                    b'/' => match self.byte(start + 1) {
                        b'/' => self.line_comment(),
                        b'*' => {
                            let close = self.b[start + 2..]
                                .windows(2)
                                .position(|w| w == b"*/")
                                .filter(|&p| !self.b[start + 2..start + 2 + p].contains(&0));
                            match close {
                                Some(p) => self.i = start + 2 + p + 2,
                                None => return Err(self.err(start, "unterminated /* comment")),
                            }
                        }
                        _ => return Err(self.err(start, "expected '/' or '*' after '/'")),
                    },
                    b'#' => self.line_comment(),
                    b'0'..=b'9' => {
                        let mut value: Option<u32> = Some(0);
                        while let d @ b'0'..=b'9' = self.byte(self.i) {
                            value = value
                                .and_then(|v| v.checked_mul(10))
                                .and_then(|v| v.checked_add(u32::from(d - b'0')));
                            self.i += 1;
                        }
                        if matches!(self.byte(self.i), b'A'..=b'Z' | b'a'..=b'z' | b'_') {
                            return Err(self.err(self.i, "unexpected character in integer literal"));
                        }
                        return match value {
                            Some(v) => Ok((Tok::Int(v), start, self.i)),
                            None => Err(self.err(start, "integer literal overflowed")),
                        };
                    }
                    _ => return Err(self.err(start, "unexpected character")),
                }
            }
        }

        fn line_comment(&mut self) {
            while !matches!(self.byte(self.i), 0 | b'\n' | b'\r') {
                self.i += 1;
            }
        }

        /// A string literal opened by `quote` at `self.i`.
        fn string(&mut self, quote: u8) -> Result<(), ExtractError> {
            let open = self.i;
            self.i += 1;
            self.buf.clear();
            loop {
                let c = self.byte(self.i);
                let at = self.i;
                self.i += 1;
                match c {
                    0 => {
                        self.i = at;
                        return Err(self.err(open, "unterminated string literal"));
                    }
                    _ if c == quote => return Ok(()),
                    b'\\' => {
                        let e = self.byte(self.i);
                        self.i += 1;
                        match e {
                            b'"' | b'\'' | b'\\' => self.buf.push(e),
                            b'n' => self.buf.push(b'\n'),
                            b'r' => self.buf.push(b'\r'),
                            b'x' => match self.hex(2) {
                                Some(0) => return Err(self.err(at, "\\x00 is not allowed")),
                                Some(v) => self.buf.push(v as u8),
                                None => return Err(self.err(at, "malformed \\x escape sequence")),
                            },
                            b'u' => self.unicode_escape(at)?,
                            _ => {
                                return Err(
                                    self.err(at, "unexpected escape sequence character after '\\'")
                                )
                            }
                        }
                    }
                    _ => self.buf.push(c),
                }
            }
        }

        fn unicode_escape(&mut self, at: usize) -> Result<(), ExtractError> {
            let Some(unit) = self.hex(4) else {
                return Err(self.err(at, "malformed \\u escape sequence"));
            };
            let mut units = vec![unit];
            if unit & 0xFC00 == 0xD800 {
                let low = if self.byte(self.i) == b'\\' && self.byte(self.i + 1) == b'u' {
                    self.i += 2;
                    self.hex(4)
                } else {
                    None
                };
                match low {
                    Some(lo) if lo & 0xFC00 == 0xDC00 => units.push(lo),
                    Some(_) => {
                        return Err(self.err(at, "invalid low surrogate value after high surrogate"))
                    }
                    None => return Err(self.err(at, "expected low surrogate after high surrogate")),
                }
            } else if unit == 0 {
                return Err(self.err(at, "\\u0000 is not allowed"));
            }
            let s = String::from_utf16_lossy(&units);
            self.buf.extend_from_slice(s.as_bytes());
            Ok(())
        }

        fn hex(&mut self, digits: usize) -> Option<u16> {
            let mut value: u16 = 0;
            for _ in 0..digits {
                let d = (self.byte(self.i) as char).to_digit(16)?;
                value = (value << 4) | d as u16;
                self.i += 1;
            }
            Some(value)
        }
    }

    /// Every preference statement of a preference file. `user_file`: a
    /// profile file (`prefs.js`, `user.js`), where attributes are errors.
    pub(super) fn calls<'a>(
        file: &SourceFile<'a>,
        user_file: bool,
    ) -> Result<Vec<Call<'a>>, ExtractError> {
        let text = file.text;
        let mut lx = Lexer {
            file,
            b: text.as_bytes(),
            i: 0,
            buf: Vec::new(),
        };
        let mut out = Vec::new();
        loop {
            let (tok, start, _) = lx.next()?;
            // `sticky_pref` is a default whose user value is kept even when
            // equal to it: for reading, a default.
            let mut action = match tok {
                Tok::Eof => return Ok(out),
                Tok::Pref | Tok::StickyPref => Action::SetDefault,
                Tok::UserPref => Action::SetUser,
                _ => {
                    return Err(lx.err(start, "expected pref specifier at start of pref definition"))
                }
            };
            expect(&mut lx, b'(', "expected '(' after pref specifier")?;
            let (tok, at, _) = lx.next()?;
            if tok != Tok::Str {
                return Err(lx.err(at, "expected pref name after '('"));
            }
            let name = String::from_utf8_lossy(&lx.buf).into_owned();
            expect(&mut lx, b',', "expected ',' after pref name")?;
            let (tok, vstart, mut vend) = lx.next()?;
            let value = match tok {
                Tok::True => Value::Bool(true),
                Tok::False => Value::Bool(false),
                Tok::Str => Value::Str(String::from_utf8_lossy(&lx.buf).into_owned()),
                Tok::Int(u) => Value::Int(int_value(&lx, vstart, i64::from(u))?),
                Tok::Char(sign @ (b'-' | b'+')) => {
                    let (tok, at, end) = lx.next()?;
                    let Tok::Int(u) = tok else {
                        let msg = if sign == b'-' {
                            "expected integer literal after '-'"
                        } else {
                            "expected integer literal after '+'"
                        };
                        return Err(lx.err(at, msg));
                    };
                    vend = end;
                    let v = i64::from(u);
                    Value::Int(int_value(&lx, vstart, if sign == b'-' { -v } else { v })?)
                }
                _ => return Err(lx.err(vstart, "expected pref value after ','")),
            };
            let (mut tok, mut at, mut end) = lx.next()?;
            let mut has_attrs = false;
            if !user_file {
                while tok == Tok::Char(b',') {
                    let (attr, aat, _) = lx.next()?;
                    match attr {
                        Tok::Sticky => {}
                        Tok::Locked => action = Action::SetDefaultLocked,
                        _ => return Err(lx.err(aat, "expected pref attribute after ','")),
                    }
                    has_attrs = true;
                    (tok, at, end) = lx.next()?;
                }
            }
            if tok != Tok::Char(b')') {
                let msg = match (user_file, has_attrs) {
                    (true, _) => "expected ')' after pref value",
                    (false, true) => "expected ',' or ')' after pref attribute",
                    (false, false) => "expected ',' or ')' after pref value",
                };
                return Err(lx.err(at, msg));
            }
            expect(&mut lx, b';', "expected ';' after ')'")?;
            out.push(Call {
                action,
                name,
                value: Some(value),
                text: slice(text, start, end),
                value_text: slice(text, vstart, vend),
            });
        }
    }

    fn expect(lx: &mut Lexer, c: u8, msg: &str) -> Result<(), ExtractError> {
        let (tok, at, _) = lx.next()?;
        if tok == Tok::Char(c) {
            Ok(())
        } else {
            Err(lx.err(at, msg))
        }
    }

    fn int_value(lx: &Lexer, at: usize, v: i64) -> Result<i64, ExtractError> {
        if (i64::from(i32::MIN)..=i64::from(i32::MAX)).contains(&v) {
            Ok(v)
        } else {
            Err(lx.err(at, "integer literal overflowed"))
        }
    }
}

/// AutoConfig JavaScript: the literal-argument calls of `prefcalls.js`.
mod autoconfig {
    use super::{error_at, slice, Action, Call, Value};
    use crate::extract::ExtractError;
    use crate::source::SourceFile;

    #[derive(Debug, Clone, PartialEq)]
    enum Tok {
        Ident,
        Str(String),
        Num,
        /// A template literal: never a literal value here.
        Template,
        Punct(u8),
    }

    #[derive(Debug, Clone)]
    struct Token {
        tok: Tok,
        start: usize,
        end: usize,
    }

    fn is_ident_start(b: u8) -> bool {
        b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80
    }

    fn is_ident(b: u8) -> bool {
        is_ident_start(b) || b.is_ascii_digit()
    }

    /// Tokenises `text[from..]` as JavaScript (no regex literals).
    fn tokens(file: &SourceFile, from: usize) -> Result<Vec<Token>, ExtractError> {
        let text = file.text;
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = from;
        while i < b.len() {
            let start = i;
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
            } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
                match b[i + 2..].windows(2).position(|w| w == b"*/") {
                    Some(p) => i += 2 + p + 2,
                    None => return Err(error_at(file, start, "unterminated /* comment")),
                }
            } else if c == b'"' || c == b'\'' {
                let (value, end) = js_string(file, start)?;
                i = end;
                out.push(Token {
                    tok: Tok::Str(value),
                    start,
                    end,
                });
            } else if c == b'`' {
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Err(error_at(file, start, "unterminated template literal")),
                        Some(b'\\') => i += 2,
                        Some(b'`') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                out.push(Token {
                    tok: Tok::Template,
                    start,
                    end: i.min(b.len()),
                });
            } else if c.is_ascii_digit() {
                while i < b.len() && (is_ident(b[i]) || b[i] == b'.') {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Num,
                    start,
                    end: i,
                });
            } else if is_ident_start(c) {
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident,
                    start,
                    end: i,
                });
            } else {
                i += 1;
                out.push(Token {
                    tok: Tok::Punct(c),
                    start,
                    end: i,
                });
            }
        }
        Ok(out)
    }

    /// A JavaScript string literal starting at `start`: its value and end.
    fn js_string(file: &SourceFile, start: usize) -> Result<(String, usize), ExtractError> {
        let text = file.text;
        let b = text.as_bytes();
        let quote = b[start];
        let mut out = String::new();
        let mut i = start + 1;
        let mut run = i;
        loop {
            let Some(&c) = b.get(i) else {
                return Err(error_at(file, start, "unterminated string literal"));
            };
            if c == quote {
                out.push_str(slice(text, run, i));
                return Ok((out, i + 1));
            }
            match c {
                b'\n' | b'\r' => return Err(error_at(file, start, "unterminated string literal")),
                b'\\' => {
                    out.push_str(slice(text, run, i));
                    let e = b.get(i + 1).copied().unwrap_or(0);
                    i += 2;
                    match e {
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'v' => out.push('\u{b}'),
                        b'0' => out.push('\0'),
                        b'\r' => {
                            if b.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'x' => {
                            let v = hex(b, i, 2);
                            if let Some(v) = v {
                                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                                i += 2;
                            }
                        }
                        b'u' => {
                            if b.get(i) == Some(&b'{') {
                                let close = b[i..].iter().position(|&x| x == b'}');
                                let v = close.and_then(|p| {
                                    u32::from_str_radix(slice(text, i + 1, i + p), 16).ok()
                                });
                                if let (Some(p), Some(v)) = (close, v) {
                                    out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                                    i += p + 1;
                                }
                            } else if let Some(v) = hex(b, i, 4) {
                                i += 4;
                                let mut units = vec![v as u16];
                                if v & 0xFC00 == 0xD800
                                    && b.get(i) == Some(&b'\\')
                                    && b.get(i + 1) == Some(&b'u')
                                {
                                    if let Some(lo) =
                                        hex(b, i + 2, 4).filter(|lo| lo & 0xFC00 == 0xDC00)
                                    {
                                        units.push(lo as u16);
                                        i += 6;
                                    }
                                }
                                out.push_str(&String::from_utf16_lossy(&units));
                            }
                        }
                        _ => {
                            // Any other character escapes itself.
                            let rest = text.get(i - 1..).and_then(|r| r.chars().next());
                            if let Some(ch) = rest {
                                out.push(ch);
                                i = i - 1 + ch.len_utf8();
                            } else {
                                return Err(error_at(file, start, "unterminated string literal"));
                            }
                        }
                    }
                    run = i;
                }
                _ => i += 1,
            }
        }
    }

    fn hex(b: &[u8], at: usize, digits: usize) -> Option<u32> {
        let d = b.get(at..at + digits)?;
        d.iter()
            .try_fold(0u32, |acc, &x| Some(acc << 4 | (x as char).to_digit(16)?))
    }

    /// The end of the first line (Gecko skips it).
    fn after_first_line(text: &str) -> usize {
        match text.find(['\n', '\r']) {
            Some(at) => {
                if text[at..].starts_with("\r\n") {
                    at + 2
                } else {
                    at + 1
                }
            }
            None => text.len(),
        }
    }

    pub(super) fn calls<'a>(file: &SourceFile<'a>) -> Result<Vec<Call<'a>>, ExtractError> {
        let text = file.text;
        let toks = tokens(file, after_first_line(text))?;
        let mut out = Vec::new();
        let ident = |t: &Token| -> Option<&'a str> {
            (t.tok == Tok::Ident).then(|| slice(text, t.start, t.end))
        };
        for (i, t) in toks.iter().enumerate() {
            let Some(word) = ident(t) else { continue };
            let member = i > 0 && toks[i - 1].tok == Tok::Punct(b'.');
            let action = match (member, word) {
                (false, "pref") => Action::SetUser,
                (false, "defaultPref") => Action::SetDefault,
                (false, "lockPref") => Action::SetDefaultLocked,
                (false, "clearPref") => Action::ClearUser,
                (false, "unlockPref") => Action::Unlock,
                (true, "setIntPref" | "setBoolPref" | "setCharPref" | "setStringPref") => {
                    Action::SetUser
                }
                (true, "clearUserPref") => Action::ClearUser,
                (true, "lockPref") => Action::Lock,
                (true, "unlockPref") => Action::Unlock,
                _ => continue,
            };
            if toks.get(i + 1).map(|t| &t.tok) != Some(&Tok::Punct(b'(')) {
                continue;
            }
            let Some(Token {
                tok: Tok::Str(name),
                ..
            }) = toks.get(i + 2)
            else {
                continue;
            };
            // The arguments after the name, up to the matching ')'.
            let mut depth = 0usize;
            let mut close = None;
            for (j, a) in toks.iter().enumerate().skip(i + 3) {
                match a.tok {
                    Tok::Punct(b'(' | b'[' | b'{') => depth += 1,
                    Tok::Punct(b')' | b']' | b'}') if depth > 0 => depth -= 1,
                    Tok::Punct(b')') => {
                        close = Some(j);
                        break;
                    }
                    Tok::Punct(b';') if depth == 0 => break,
                    _ => {}
                }
            }
            let Some(close) = close else { continue };
            let args = &toks[i + 3..close];
            let takes_value = matches!(
                action,
                Action::SetUser | Action::SetDefault | Action::SetDefaultLocked
            );
            let (value, value_text) = if takes_value {
                let Some((first, rest)) = args.split_first() else {
                    continue;
                };
                if first.tok != Tok::Punct(b',') || rest.is_empty() {
                    continue;
                }
                let vtext = slice(text, rest[0].start, rest[rest.len() - 1].end);
                (Some(literal(text, rest)), vtext)
            } else {
                (None, "")
            };
            out.push(Call {
                action,
                name: name.clone(),
                value,
                text: slice(text, t.start, toks[close].end),
                value_text,
            });
        }
        Ok(out)
    }

    /// The value of an argument made of `toks`: a literal, or computed.
    fn literal(text: &str, toks: &[Token]) -> Value {
        let number = |t: &Token, negative: bool| -> Value {
            let digits = slice(text, t.start, t.end);
            match digits.parse::<i64>() {
                Ok(v) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                    Value::Int(if negative { -v } else { v })
                }
                _ => Value::Computed,
            }
        };
        match toks {
            [t] => match &t.tok {
                Tok::Str(s) => Value::Str(s.clone()),
                Tok::Num => number(t, false),
                Tok::Ident if slice(text, t.start, t.end) == "true" => Value::Bool(true),
                Tok::Ident if slice(text, t.start, t.end) == "false" => Value::Bool(false),
                _ => Value::Computed,
            },
            [sign, t] if t.tok == Tok::Num => match sign.tok {
                Tok::Punct(b'-') => number(t, true),
                Tok::Punct(b'+') => number(t, false),
                _ => Value::Computed,
            },
            _ => Value::Computed,
        }
    }
}

// ---------------------------------------------------------------------------
// Effective preferences
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Slot<'c, 'a> {
    default: Option<&'c Call<'a>>,
    user: Option<&'c Call<'a>>,
    locked: bool,
}

/// The file's preferences after libpref's rules within one file.
struct Prefs<'c, 'a> {
    slots: HashMap<&'c str, Slot<'c, 'a>>,
    /// Preference names in order of first appearance.
    order: Vec<&'c str>,
}

/// An effective preference: its value and the statement that set it.
#[derive(Clone, Copy)]
struct Pref<'c, 'a> {
    value: &'c Value,
    call: &'c Call<'a>,
}

impl<'c, 'a> Prefs<'c, 'a> {
    fn resolve(calls: &'c [Call<'a>]) -> Self {
        let mut slots: HashMap<&'c str, Slot<'c, 'a>> = HashMap::new();
        let mut order = Vec::new();
        for call in calls {
            let slot = slots.entry(call.name.as_str()).or_insert_with(|| {
                order.push(call.name.as_str());
                Slot::default()
            });
            match call.action {
                Action::SetDefault => slot.default = Some(call),
                Action::SetDefaultLocked => {
                    slot.default = Some(call);
                    slot.locked = true;
                }
                Action::SetUser => slot.user = Some(call),
                Action::ClearUser => slot.user = None,
                Action::Lock => slot.locked = true,
                Action::Unlock => slot.locked = false,
            }
        }
        Prefs { slots, order }
    }

    /// The effective value of `name`: a locked default, else the user
    /// value, else the default.
    fn get(&self, name: &str) -> Option<Pref<'c, 'a>> {
        let slot = self.slots.get(name)?;
        let call = if slot.locked {
            slot.default?
        } else {
            slot.user.or(slot.default)?
        };
        Some(Pref {
            value: call.value.as_ref()?,
            call,
        })
    }

    fn int(&self, name: &str) -> Option<(i64, &'c Call<'a>)> {
        let p = self.get(name)?;
        match p.value {
            Value::Int(v) => Some((*v, p.call)),
            _ => None,
        }
    }

    fn string(&self, name: &str) -> Option<(&'c str, &'c Call<'a>)> {
        let p = self.get(name)?;
        match p.value {
            Value::Str(s) => Some((s.as_str(), p.call)),
            _ => None,
        }
    }

    fn boolean(&self, name: &str) -> Option<(bool, &'c Call<'a>)> {
        let p = self.get(name)?;
        match p.value {
            Value::Bool(b) => Some((*b, p.call)),
            _ => None,
        }
    }

    /// The server keys under `prefix` (`mail.server.`), in order of first
    /// appearance, without `default`, each with its first effective
    /// statement.
    fn server_keys(&self, prefix: &str) -> Vec<(String, Option<&'c Call<'a>>)> {
        let mut keys: Vec<(String, Option<&'c Call<'a>>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for name in &self.order {
            let Some(rest) = name.strip_prefix(prefix) else {
                continue;
            };
            let Some((key, _attr)) = rest.split_once('.') else {
                continue;
            };
            if key.is_empty() || key == "default" {
                continue;
            }
            let call = self.get(name).map(|p| p.call);
            match index.get(key) {
                Some(&i) => {
                    if let Some(entry) = keys.get_mut(i) {
                        entry.1 = entry.1.or(call);
                    }
                }
                None => {
                    index.insert(key, keys.len());
                    keys.push((key.to_owned(), call));
                }
            }
        }
        keys
    }
}

// ---------------------------------------------------------------------------
// TLS versions
// ---------------------------------------------------------------------------

/// The global TLS version range of the file.
struct Versions<'c, 'a> {
    /// `None`: no version preference in the file.
    range: Option<TlsRange>,
    /// The statement that decides the range (the fact's location).
    primary: Option<&'c Call<'a>>,
    /// The other version statements, with what they contribute.
    related: Vec<Related>,
}

impl<'c, 'a> Versions<'c, 'a> {
    fn read(file: &SourceFile, prefs: &Prefs<'c, 'a>) -> Self {
        let min = prefs.int(MIN_PREF);
        let max = prefs.int(MAX_PREF);
        let deprecated = prefs.boolean(DEPRECATED_PREF).filter(|(on, _)| *on);
        let note = |call: &Call, what: String| {
            Related::new(
                "version",
                file.location_of(call.text),
                redact(&format!("{} ({what})", call.text)),
            )
        };
        let computed: Vec<Related> = [MIN_PREF, MAX_PREF, DEPRECATED_PREF]
            .iter()
            .filter_map(|name| prefs.get(name))
            .filter(|p| *p.value == Value::Computed)
            .map(|p| note(p.call, "set at run time: the range is unknown".to_owned()))
            .collect();
        if !computed.is_empty() {
            return Versions {
                range: Some(TlsRange::unknown()),
                primary: None,
                related: computed,
            };
        }
        if min.is_none() && max.is_none() && deprecated.is_none() {
            return Versions {
                range: None,
                primary: None,
                related: Vec::new(),
            };
        }
        let min_name = min.map(|(v, _)| version_name(v));
        let max_name = max.map(|(v, _)| version_name(v));
        // Values Gecko rejects make it fall back to its own defaults.
        let mut invalid = Vec::new();
        for (value, name, what) in [(min, min_name, "minimum"), (max, max_name, "maximum")] {
            if let (Some((v, call)), Some(None)) = (value, name) {
                invalid.push(note(
                    call,
                    format!("{v} is not a TLS version: Thunderbird ignores the {what} and uses its defaults"),
                ));
            }
        }
        if let (Some((lo, lo_call)), Some((hi, _))) = (min, max) {
            if invalid.is_empty() && lo > hi {
                invalid.push(note(
                    lo_call,
                    "minimum above the maximum: Thunderbird ignores both and uses its defaults"
                        .to_owned(),
                ));
            }
        }
        if !invalid.is_empty() {
            let mut related = invalid;
            if let Some((_, call)) = deprecated {
                related.push(note(call, "re-enables TLS 1.0 and 1.1".to_owned()));
            }
            return Versions {
                range: Some(TlsRange::unknown()),
                primary: None,
                related,
            };
        }
        let min_v = min.map(|(v, _)| v);
        let max_v = max.map(|(v, _)| v);
        // enable-deprecated: Gecko uses min(min, 1).
        let (eff_min, lowered) = lowered_min(min_v, deprecated.is_some());
        let min_str = eff_min.and_then(version_name);
        let max_str = max_v.and_then(version_name);
        let range = TlsRange::explicit(min_str, max_str);

        let max_call = max.map(|(_, c)| c);
        let min_call = if lowered {
            deprecated.map(|(_, c)| c)
        } else {
            min.map(|(_, c)| c)
        };
        let primary = match (max_v, max_call) {
            (Some(v), Some(call)) if v < 3 => Some(call),
            _ => min_call.or(max_call),
        };
        let mut related = Vec::new();
        let mut push = |call: Option<&Call>, what: String| {
            if let Some(call) = call {
                if !primary.is_some_and(|p| std::ptr::eq(p, call)) {
                    related.push(note(call, what));
                }
            }
        };
        if let Some((v, call)) = min {
            let label = version_name(v).map(version_label).unwrap_or_default();
            let what = if lowered {
                format!("minimum {label}, lowered to TLS 1.0 by {DEPRECATED_PREF}")
            } else {
                format!("minimum {label}")
            };
            push(Some(call), what);
        }
        if let Some((v, call)) = max {
            let label = version_name(v).map(version_label).unwrap_or_default();
            push(Some(call), format!("maximum {label}"));
        }
        if let Some((_, call)) = deprecated {
            push(Some(call), "re-enables TLS 1.0 and 1.1".to_owned());
        }
        Versions {
            range: Some(range),
            primary,
            related,
        }
    }

    /// The `tls_setting` of a file without mail servers.
    fn application_setting(&self, file: &SourceFile) -> Option<Fact> {
        let (range, call) = (self.range.clone()?, self.primary?);
        let location = file.location_of(call.text);
        let mut fact = Fact::new(
            FactKind::TlsSetting,
            location,
            redact(file.line(location.line).trim()),
        );
        fact.client = Some(CLIENT.to_owned());
        fact.scope = Some("application".to_owned());
        fact.setting = Some(Setting {
            name: call.name.clone(),
            value: call.value_text.to_owned(),
        });
        fact.tls = Some(range);
        fact.related = self.related.clone();
        Some(fact)
    }
}

// ---------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------

/// `socketType` / `try_ssl` meaning.
fn socket_mode(v: i64) -> (TlsMode, &'static str) {
    match v {
        0 => (TlsMode::None, "plain, no TLS"),
        1 => (
            TlsMode::Unknown,
            "try STARTTLS: opportunistic in old versions, plain in current ones",
        ),
        2 => (TlsMode::Starttls, "STARTTLS"),
        3 => (TlsMode::Implicit, "SSL/TLS"),
        _ => (TlsMode::Unknown, "unknown socket type"),
    }
}

/// What a server definition yields, shared by incoming and outgoing servers.
struct Server<'c, 'a> {
    protocol: Protocol,
    /// `Incoming server server1 (imap)`.
    label: String,
    host: Option<String>,
    host_call: Option<&'c Call<'a>>,
    declaration: Option<&'c Call<'a>>,
    port: Option<u16>,
    port_call: Option<&'c Call<'a>>,
    mode: TlsMode,
    /// The statement that set the socket type and what it means.
    mode_note: Option<(&'c Call<'a>, String)>,
    /// Any statement of the server, when none of the above exists.
    any_call: Option<&'c Call<'a>>,
}

fn literal_host(value: &str) -> Option<String> {
    let h = value.trim().trim_end_matches('.');
    (!h.is_empty() && is_literal_host(h)).then(|| h.to_ascii_lowercase())
}

fn incoming<'c, 'a>(
    file: &SourceFile,
    prefs: &Prefs<'c, 'a>,
    versions: &Versions<'c, 'a>,
    key: &str,
    first: Option<&'c Call<'a>>,
) -> Option<Fact> {
    let pref = |attr: &str| format!("mail.server.{key}.{attr}");
    let type_pref = prefs.string(&pref("type"));
    let protocol = match type_pref.map(|(t, _)| t.trim().to_ascii_lowercase()) {
        Some(t) if t == "imap" => Protocol::Imap,
        Some(t) if t == "pop3" => Protocol::Pop3,
        Some(_) => return None,
        None => Protocol::Unknown,
    };
    let hostname = prefs.string(&pref("hostname"));
    let realhostname = prefs
        .string(&pref("realhostname"))
        .filter(|(h, _)| !h.trim().is_empty());
    let host_pref = realhostname.or(hostname);
    let port_pref = prefs.get(&pref("port"));
    let socket = prefs.get(&pref("socketType"));
    let is_secure = prefs.boolean(&pref("isSecure"));
    if type_pref.is_none()
        && host_pref.is_none()
        && port_pref.is_none()
        && socket.is_none()
        && is_secure.is_none()
    {
        return None;
    }
    let (socket_type, mode_note) = socket_setting(
        socket,
        is_secure,
        prefs.get("mail.server.default.socketType"),
    );
    let mode = socket_type.map_or(TlsMode::Unknown, |v| socket_mode(v).0);
    let port = match (port_setting(port_pref), socket_type) {
        (PortSetting::Literal(p), _) => Some(p),
        (PortSetting::Unknown, _) | (PortSetting::Unset, None) => None,
        (PortSetting::Unset, Some(v)) => match protocol {
            Protocol::Imap => Some(if v == 3 { 993 } else { 143 }),
            Protocol::Pop3 => Some(if v == 3 { 995 } else { 110 }),
            _ => None,
        },
    };
    let type_text = type_pref.map_or_else(|| "type not set".to_owned(), |(t, _)| t.to_owned());
    let server = Server {
        protocol,
        label: format!("Incoming server {key} ({type_text})"),
        host: host_pref.and_then(|(h, _)| literal_host(h)),
        host_call: host_pref.map(|(_, c)| c),
        declaration: type_pref.map(|(_, c)| c),
        port,
        port_call: port_pref.map(|p| p.call),
        mode,
        mode_note,
        any_call: first,
    };
    Some(connection(file, versions, server))
}

fn outgoing<'c, 'a>(
    file: &SourceFile,
    prefs: &Prefs<'c, 'a>,
    versions: &Versions<'c, 'a>,
    key: &str,
    first: Option<&'c Call<'a>>,
) -> Option<Fact> {
    let pref = |attr: &str| format!("mail.smtpserver.{key}.{attr}");
    let type_pref = prefs.string(&pref("type"));
    if type_pref.is_some_and(|(t, _)| !t.trim().eq_ignore_ascii_case("smtp")) {
        return None;
    }
    let host_pref = prefs.string(&pref("hostname"));
    let port_pref = prefs.get(&pref("port"));
    let try_ssl = prefs.get(&pref("try_ssl"));
    if host_pref.is_none() && port_pref.is_none() && try_ssl.is_none() {
        return None;
    }
    let (socket_type, mode_note) =
        socket_setting(try_ssl, None, prefs.get("mail.smtpserver.default.try_ssl"));
    let mode = socket_type.map_or(TlsMode::Unknown, |v| socket_mode(v).0);
    let port = match (port_setting(port_pref), socket_type) {
        (PortSetting::Literal(p), _) => Some(p),
        (PortSetting::Unset, Some(3)) => Some(465),
        _ => None,
    };
    let server = Server {
        protocol: Protocol::Smtp,
        label: format!("Outgoing server {key} (smtp)"),
        host: host_pref.and_then(|(h, _)| literal_host(h)),
        host_call: host_pref.map(|(_, c)| c),
        declaration: type_pref.map(|(_, c)| c),
        port,
        port_call: port_pref.map(|p| p.call),
        mode,
        mode_note,
        any_call: first,
    };
    Some(connection(file, versions, server))
}

/// Resolves a socket type the way the mail code reads it: the server's own
/// integer preference, else (incoming servers) the legacy `isSecure = true`,
/// else the `default` branch's value, else 0 (the shipped default). A
/// preference of another type is skipped, as libpref's typed getters fail on
/// it; a value computed at run time makes the socket type unknown (`None`).
fn socket_setting<'c, 'a>(
    own: Option<Pref<'c, 'a>>,
    is_secure: Option<(bool, &'c Call<'a>)>,
    default: Option<Pref<'c, 'a>>,
) -> (Option<i64>, Option<(&'c Call<'a>, String)>) {
    let describe = |p: Pref<'c, 'a>, prefix: &str| match p.value {
        Value::Int(v) => Some((
            Some(*v),
            Some((p.call, format!("{prefix}{}", socket_mode(*v).1))),
        )),
        Value::Computed => Some((None, Some((p.call, format!("{prefix}set at run time"))))),
        Value::Str(_) | Value::Bool(_) => None,
    };
    if let Some(found) = own.and_then(|p| describe(p, "")) {
        return found;
    }
    if let Some((true, call)) = is_secure {
        return (Some(3), Some((call, "legacy isSecure: SSL/TLS".to_owned())));
    }
    if let Some(found) = default.and_then(|p| describe(p, "default for every server: ")) {
        return found;
    }
    (Some(0), None)
}

/// A `port` preference.
enum PortSetting {
    Literal(u16),
    /// Not set, not positive (`-1` is "not set") or of another type: the
    /// protocol's default applies.
    Unset,
    /// Set at run time.
    Unknown,
}

fn port_setting(p: Option<Pref>) -> PortSetting {
    match p.map(|p| p.value) {
        Some(Value::Int(v)) if *v > 0 => {
            u16::try_from(*v).map_or(PortSetting::Unknown, PortSetting::Literal)
        }
        Some(Value::Computed) => PortSetting::Unknown,
        _ => PortSetting::Unset,
    }
}

fn connection(file: &SourceFile, versions: &Versions, server: Server) -> Fact {
    let loc = |call: &Call| file.location_of(call.text);
    let tls = match server.mode {
        TlsMode::None => None,
        _ => Some(versions.range.clone().unwrap_or_else(TlsRange::unknown)),
    };
    let version_call = match (&tls, versions.primary) {
        (Some(r), Some(call)) if r.basis == Basis::Explicit => Some(call),
        _ => None,
    };
    // The line that declares the server: its host, else its type, else
    // its first statement.
    let declared: Option<Location> = server
        .host_call
        .or(server.declaration)
        .or(server.any_call)
        .map(loc);
    let location = version_call
        .map(loc)
        .or(declared)
        .unwrap_or_else(|| file.location(0, 0));

    let mut related = Vec::new();
    match (server.declaration, server.any_call) {
        (Some(call), _) => {
            related.push(Related::new(
                "declaration",
                loc(call),
                redact(&server.label),
            ));
        }
        (None, Some(call)) if server.host_call.is_none() && loc(call) != location => {
            related.push(Related::new(
                "declaration",
                loc(call),
                redact(&server.label),
            ));
        }
        _ => {}
    }
    if let Some(call) = server.host_call {
        let value = call.value.as_ref().and_then(|v| match v {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        });
        related.push(Related::new(
            "host",
            loc(call),
            redact(&format!("Host {}", value.unwrap_or(""))),
        ));
    }
    if let Some(call) = server.port_call {
        related.push(Related::new(
            "port",
            loc(call),
            redact(&format!("Port {}", call.value_text)),
        ));
    }
    if let Some((call, what)) = &server.mode_note {
        related.push(Related::new(
            "tls_mode",
            loc(call),
            redact(&format!("{} ({what})", call.text)),
        ));
    }
    if tls.is_some() {
        related.extend(versions.related.iter().cloned());
    }

    let mut fact = Fact::new(
        FactKind::Connection,
        location,
        redact(file.line(location.line).trim()),
    );
    fact.client = Some(CLIENT.to_owned());
    fact.protocol = Some(server.protocol);
    fact.host = server.host;
    fact.port = server.port;
    fact.tls_mode = Some(server.mode);
    fact.tls = tls;
    fact.related = related;
    fact
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(path: &str, text: &str) -> Vec<Fact> {
        let file = SourceFile::new(path, text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn prefs(text: &str) -> Vec<Fact> {
        run("profile/prefs.js", text)
    }

    fn error(path: &str, text: &str) -> ExtractError {
        let file = SourceFile::new(path, text);
        match extract(&file) {
            Ok(f) => panic!("expected an error, got {f:?}"),
            Err(e) => e,
        }
    }

    type Range<'f> = (Option<&'f str>, Option<&'f str>, Basis);

    fn range(f: &Fact) -> Range<'_> {
        let t = f.tls.as_ref().unwrap_or_else(|| panic!("no tls in {f:?}"));
        (t.min.as_deref(), t.max.as_deref(), t.basis)
    }

    const PROFILE: &str = r#"// Mozilla User Preferences

// DO NOT EDIT THIS FILE.
user_pref("mail.account.account1.server", "server1");
user_pref("mail.server.server1.hostname", "outlook.office365.com");
user_pref("mail.server.server1.name", "j.doe@contoso.com");
user_pref("mail.server.server1.port", 993);
user_pref("mail.server.server1.socketType", 3);
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.userName", "j.doe@contoso.com");
user_pref("mail.server.server2.hostname", "Local Folders");
user_pref("mail.server.server2.type", "none");
user_pref("mail.smtpserver.smtp1.hostname", "smtp.office365.com");
user_pref("mail.smtpserver.smtp1.port", 587);
user_pref("mail.smtpserver.smtp1.try_ssl", 2);
user_pref("mail.smtpservers", "smtp1");
user_pref("security.tls.version.max", 2);
"#;

    #[test]
    fn profile_servers_and_global_range() {
        let facts = prefs(PROFILE);
        assert_eq!(facts.len(), 2, "{facts:#?}");
        let imap = &facts[0];
        assert_eq!(imap.kind, FactKind::Connection);
        assert_eq!(imap.client.as_deref(), Some("thunderbird"));
        assert_eq!(imap.protocol, Some(Protocol::Imap));
        assert_eq!(imap.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(imap.port, Some(993));
        assert_eq!(imap.tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(imap), (None, Some("1.1"), Basis::Explicit));
        // Located at the max preference, with the server's lines related.
        assert_eq!(imap.location.line, 17);
        assert_eq!(
            imap.evidence,
            r#"user_pref("security.tls.version.max", 2);"#
        );
        let roles: Vec<_> = imap
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(
            roles,
            [
                ("declaration", 9),
                ("host", 5),
                ("port", 7),
                ("tls_mode", 8)
            ]
        );
        assert_eq!(imap.related[1].message, "Host outlook.office365.com");
        let smtp = &facts[1];
        assert_eq!(smtp.protocol, Some(Protocol::Smtp));
        assert_eq!(smtp.host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(
            (smtp.port, smtp.tls_mode),
            (Some(587), Some(TlsMode::Starttls))
        );
        assert_eq!(smtp.location.line, 17);
    }

    #[test]
    fn without_version_prefs_the_range_is_unknown_at_the_host() {
        let facts = prefs(
            r#"user_pref("mail.server.server3.type", "pop3");
user_pref("mail.server.server3.hostname", "outlook.office365.com");
user_pref("mail.server.server3.socketType", 0);
"#,
        );
        assert_eq!(facts.len(), 1);
        let pop = &facts[0];
        assert_eq!(pop.protocol, Some(Protocol::Pop3));
        assert_eq!(pop.tls_mode, Some(TlsMode::None));
        assert_eq!(pop.port, Some(110));
        assert!(pop.tls.is_none());
        assert_eq!(pop.location.line, 2);
        let facts = prefs(
            r#"user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.hostname", "imap.example.org");
user_pref("mail.server.server1.socketType", 2);
"#,
        );
        assert_eq!(range(&facts[0]), (None, None, Basis::Unknown));
        assert_eq!((facts[0].port, facts[0].location.line), (Some(143), 2));
    }

    #[test]
    fn socket_type_defaults_and_legacy_keys() {
        let text = r#"pref("mail.server.default.socketType", 2);
user_pref("mail.server.server1.type", "imap");
user_pref("mail.server.server1.hostname", "a.example");
user_pref("mail.server.server2.type", "pop3");
user_pref("mail.server.server2.hostname", "b.example");
user_pref("mail.server.server2.isSecure", true);
user_pref("mail.server.server3.type", "imap");
user_pref("mail.server.server3.hostname", "c.example");
user_pref("mail.server.server3.socketType", 1);
user_pref("mail.server.server4.type", "imap");
user_pref("mail.server.server4.hostname", "old.example");
user_pref("mail.server.server4.realhostname", "new.example");
user_pref("mail.server.server4.socketType", 3);
user_pref("mail.server.server4.port", 10993);
"#;
        let facts = run("defaults/pref/site.js", text);
        let summary: Vec<_> = facts
            .iter()
            .map(|f| (f.host.as_deref(), f.port, f.tls_mode))
            .collect();
        assert_eq!(
            summary,
            [
                (Some("a.example"), Some(143), Some(TlsMode::Starttls)),
                (Some("b.example"), Some(995), Some(TlsMode::Implicit)),
                (Some("c.example"), Some(143), Some(TlsMode::Unknown)),
                (Some("new.example"), Some(10993), Some(TlsMode::Implicit)),
            ]
        );
        assert_eq!(facts[3].location.line, 12);
        // No socketType anywhere: Thunderbird's shipped default, plain.
        let facts = prefs(
            "user_pref(\"mail.server.server1.type\", \"pop3\");\nuser_pref(\"mail.server.server1.hostname\", \"pop.example\");\n",
        );
        assert_eq!(facts[0].tls_mode, Some(TlsMode::None));
    }

    #[test]
    fn other_server_types_are_not_connections() {
        let facts = prefs(
            r#"user_pref("mail.server.server1.type", "nntp");
user_pref("mail.server.server1.hostname", "news.example");
user_pref("mail.server.server2.type", "rss");
user_pref("mail.server.server2.hostname", "Feeds");
user_pref("mail.server.server3.type", "ews");
user_pref("mail.server.server3.hostname", "outlook.office365.com");
user_pref("mail.smtpserver.ews1.type", "ews");
user_pref("mail.smtpserver.ews1.hostname", "outlook.office365.com");
user_pref("mail.server.server4.check_new_mail", true);
user_pref("mail.server.default.socketType", 3);
"#,
        );
        assert!(facts.is_empty(), "{facts:#?}");
    }

    #[test]
    fn partial_user_js_server_has_unknown_protocol() {
        let facts = run(
            "user.js",
            "user_pref(\"mail.server.server1.socketType\", 3);\nuser_pref(\"security.tls.version.min\", 3);\n",
        );
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].protocol, Some(Protocol::Unknown));
        assert_eq!((facts[0].host.as_deref(), facts[0].port), (None, None));
        assert_eq!(range(&facts[0]), (Some("1.2"), None, Basis::Explicit));
        assert_eq!(facts[0].location.line, 2);
        assert_eq!(facts[0].related[0].role, "declaration");
    }

    #[test]
    fn version_ranges() {
        let server = "user_pref(\"mail.server.server1.type\", \"imap\");\nuser_pref(\"mail.server.server1.hostname\", \"imap.example\");\nuser_pref(\"mail.server.server1.socketType\", 3);\n";
        let cases: &[(&str, Range, usize)] = &[
            ("user_pref(\"security.tls.version.min\", 1);", (Some("1.0"), None, Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.min\", 1);\nuser_pref(\"security.tls.version.max\", 4);", (Some("1.0"), Some("1.3"), Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.min\", 1);\nuser_pref(\"security.tls.version.max\", 2);", (Some("1.0"), Some("1.1"), Basis::Explicit), 5),
            ("user_pref(\"security.tls.version.min\", 3);\nuser_pref(\"security.tls.version.max\", 4);", (Some("1.2"), Some("1.3"), Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.max\", 4);", (None, Some("1.3"), Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.min\", 0);", (Some("ssl3"), None, Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.enable-deprecated\", true);", (Some("1.0"), None, Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.min\", 3);\nuser_pref(\"security.tls.version.enable-deprecated\", true);", (Some("1.0"), None, Basis::Explicit), 5),
            ("user_pref(\"security.tls.version.min\", 0);\nuser_pref(\"security.tls.version.enable-deprecated\", true);", (Some("ssl3"), None, Basis::Explicit), 4),
            ("user_pref(\"security.tls.version.enable-deprecated\", false);", (None, None, Basis::Unknown), 2),
            // Gecko ignores these ranges and uses its defaults.
            ("user_pref(\"security.tls.version.min\", 4);\nuser_pref(\"security.tls.version.max\", 3);", (None, None, Basis::Unknown), 2),
            ("user_pref(\"security.tls.version.max\", 7);", (None, None, Basis::Unknown), 2),
            // A string value has the wrong type: ignored.
            ("user_pref(\"security.tls.version.max\", \"2\");", (None, None, Basis::Unknown), 2),
        ];
        for (versions, want, line) in cases {
            let facts = prefs(&format!("{server}{versions}\n"));
            assert_eq!(facts.len(), 1, "{versions}");
            assert_eq!(range(&facts[0]), *want, "{versions}");
            assert_eq!(facts[0].location.line, *line, "{versions}");
        }
    }

    #[test]
    fn later_and_locked_values_win() {
        let text = "user_pref(\"security.tls.version.max\", 2);\nuser_pref(\"security.tls.version.max\", 4);\n";
        let facts = prefs(text);
        assert_eq!(range(&facts[0]), (None, Some("1.3"), Basis::Explicit));
        assert_eq!(facts[0].location.line, 2);
        let text = "pref(\"security.tls.version.min\", 3, locked);\nuser_pref(\"security.tls.version.min\", 1);\n";
        let facts = run("defaults/pref/local-settings.js", text);
        assert_eq!(range(&facts[0]), (Some("1.2"), None, Basis::Explicit));
        let text =
            "pref(\"security.tls.version.min\", 3);\nuser_pref(\"security.tls.version.min\", 1);\n";
        let facts = run("defaults/pref/local-settings.js", text);
        assert_eq!(range(&facts[0]), (Some("1.0"), None, Basis::Explicit));
    }

    #[test]
    fn application_setting_without_servers() {
        let facts = run(
            "user.js",
            "// hardening\nuser_pref(\"security.tls.version.min\", 1); // old intranet\nuser_pref(\"browser.startup.page\", 3);\n",
        );
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!(f.kind, FactKind::TlsSetting);
        assert_eq!(f.scope.as_deref(), Some("application"));
        assert_eq!(f.client.as_deref(), Some("thunderbird"));
        let setting = f
            .setting
            .as_ref()
            .map(|s| (s.name.as_str(), s.value.as_str()));
        assert_eq!(setting, Some(("security.tls.version.min", "1")));
        assert_eq!(range(f), (Some("1.0"), None, Basis::Explicit));
        assert_eq!(f.location.line, 2);
        assert_eq!(f.location.column, 1);
        // No version prefs, no servers: nothing.
        assert!(run("user.js", "user_pref(\"browser.startup.page\", 3);\n").is_empty());
    }

    #[test]
    fn grammar_comments_escapes_and_numbers() {
        let text = "# hash comment\n/* block\n comment with user_pref(\"mail.server.x.type\", \"imap\"); */\n\
            user_pref('mail.server.server1.type', 'imap'); // trailing\n\
            user_pref(\"mail.server.server1.hostname\",\n  \"imap.\\x65xample.\\u006Frg\");\n\
            user_pref(\"mail.server.server1.port\", +993);\n\
            user_pref(\"mail.server.server1.socketType\", 3);\n\
            user_pref(\"some.negative\", -2147483648);\n\
            user_pref(\"some.text\", \"a \\\"quoted\\\" \\\\ \\u00e9 \\ud83d\\ude00\");\n";
        let facts = prefs(text);
        assert_eq!(facts.len(), 1, "{facts:#?}");
        assert_eq!(facts[0].host.as_deref(), Some("imap.example.org"));
        assert_eq!(facts[0].port, Some(993));
        assert_eq!(facts[0].location.line, 5);
    }

    #[test]
    fn malformed_prefs_are_errors_with_lines() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "prefs.js",
                "user_pref(\"a\", 1);\nuser_pref(\"b\", 2)\nuser_pref(\"c\", 3);\n",
                "expected ';'",
                3,
            ),
            (
                "prefs.js",
                "user_pref(\"a\", 1);\nuser_pref(\"b\" 2);\n",
                "expected ','",
                2,
            ),
            ("prefs.js", "user_pref(\"a\", yes);\n", "unknown keyword", 1),
            (
                "prefs.js",
                "user_pref(\"a\", \"x);\n",
                "unterminated string",
                1,
            ),
            ("prefs.js", "user_pref(\"a\", \"\\q\");\n", "escape", 1),
            ("prefs.js", "user_pref(\"a\", \"\\x00\");\n", "\\x00", 1),
            (
                "prefs.js",
                "user_pref(\"a\", \"\\ud800\");\n",
                "low surrogate",
                1,
            ),
            (
                "prefs.js",
                "\n/* never closed\nuser_pref(\"a\", 1);\n",
                "unterminated /*",
                2,
            ),
            (
                "prefs.js",
                "user_pref(\"a\", 12abc);\n",
                "integer literal",
                1,
            ),
            (
                "prefs.js",
                "user_pref(\"a\", 2147483648);\n",
                "overflowed",
                1,
            ),
            (
                "prefs.js",
                "user_pref(\"a\", 1, locked);\n",
                "expected ')'",
                1,
            ),
            (
                "user.js",
                "user_pref(\"a\", 1);\nfoo;\n",
                "unknown keyword",
                2,
            ),
            ("user.js", "user_pref(\"a\", 1) / 2;\n", "after '/'", 1),
            (
                "user.js",
                "user_pref(\"a\", 1);\n@\n",
                "unexpected character",
                2,
            ),
            (
                "defaults/pref/x.js",
                "pref(\"a\", 1, frozen);\n",
                "unknown keyword",
                1,
            ),
            (
                "defaults/pref/x.js",
                "pref(\"a\", 1, true);\n",
                "expected pref attribute",
                1,
            ),
        ];
        for (path, text, want, line) in cases {
            let e = error(path, text);
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(*line), "{text:?}: {}", e.message);
        }
        // Attributes are fine in default-pref files.
        assert!(run(
            "defaults/pref/x.js",
            "pref(\"a\", 1, sticky, locked);\nsticky_pref(\"b\", true);\n"
        )
        .is_empty());
    }

    #[test]
    fn autoconfig_reads_literal_calls_after_the_first_line() {
        let text = r#"// first line is skipped: lockPref("security.tls.version.max", 1);
// Site policy for the finance MFP relay accounts.
try {
  var user = getenv("USER");
  lockPref("mail.server.server1.type", "imap");
  lockPref("mail.server.server1.hostname", "outlook.office365.com");
  defaultPref("mail.server.server1.socketType", 3);
  pref("mail.identity.id1.useremail", user + "@contoso.com");
  lockPref("security.tls.version.min", 1);
  lockPref("security.tls.version.max", 2);
  // lockPref("security.tls.version.max", 4);
  user_pref("security.tls.version.max", 4); /* not an AutoConfig function */
  Services.prefs.setIntPref("mail.server.server1.port", 993);
} catch (e) {
  displayError("lockedPref", e);
}
"#;
        let facts = run("mozilla.cfg", text);
        assert_eq!(facts.len(), 1, "{facts:#?}");
        let f = &facts[0];
        assert_eq!(f.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!((f.port, f.tls_mode), (Some(993), Some(TlsMode::Implicit)));
        assert_eq!(range(f), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f.location.line, 10);
        assert_eq!(f.evidence, r#"lockPref("security.tls.version.max", 2);"#);
    }

    #[test]
    fn autoconfig_computed_values_and_locks() {
        // The locked default wins over the later user value.
        let text = "//\nlockPref(\"security.tls.version.min\", 3);\npref(\"security.tls.version.min\", 1);\n";
        let facts = run("thunderbird.cfg", text);
        assert_eq!(facts.len(), 1);
        assert_eq!(range(&facts[0]), (Some("1.2"), None, Basis::Explicit));
        // Values computed at run time: unknown, never guessed.
        let text = "//\nlockPref(\"mail.server.server1.type\", \"pop3\");\n\
            lockPref(\"mail.server.server1.hostname\", \"outlook.office365.com\");\n\
            lockPref(\"mail.server.server1.socketType\", Number(getenv(\"TB_SOCKET\")));\n\
            lockPref(\"mail.server.server1.port\", port);\n\
            pref(\"security.tls.version.max\", getIntFromEnv());\n\
            pref(\"security.tls.version.min\", 1);\n";
        let facts = run("thunderbird.cfg", text);
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!((f.tls_mode, f.port), (Some(TlsMode::Unknown), None));
        assert_eq!(range(f), (None, None, Basis::Unknown));
        assert_eq!(f.location.line, 3);
        assert!(f
            .related
            .iter()
            .any(|r| r.message.contains("set at run time")));
        let text = "//\nlockPref(\"security.tls.version.min\", 1);\nunlockPref(\"security.tls.version.min\");\npref(\"security.tls.version.min\", 3);\nclearPref(\"security.tls.version.min\");\n";
        let facts = run("mozilla.cfg", text);
        assert_eq!(range(&facts[0]), (Some("1.0"), None, Basis::Explicit));
        assert_eq!(facts[0].location.line, 2);
        // A range Gecko rejects says nothing without a server to attach it to.
        let text = "//\nvar s = `template ${x}`;\npref('security.tls.version.max', -1);\n";
        assert!(run("mozilla.cfg", text).is_empty());
    }

    #[test]
    fn autoconfig_syntax_errors() {
        let e = error("mozilla.cfg", "//\nlockPref(\"a\", \"unterminated);\n");
        assert_eq!(e.line, Some(2));
        let e = error("mozilla.cfg", "//\n\n/* open\n");
        assert_eq!(e.line, Some(3));
        let e = error("mozilla.cfg", "//\nvar t = `open\n");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn sniff_needs_a_pref_call() {
        assert!(sniff(PROFILE));
        assert!(sniff("//\n  lockPref (\"a\", 1);"));
        assert!(sniff("pref('a', true);"));
        assert!(!sniff(
            "export const prefs = { theme: 'dark' };\nfunction user_pref() {}\n"
        ));
        assert!(!sniff("[metadata]\nname = tlsfloor\n"));
        assert!(!sniff("preferences(\"x\", 1);"));
    }

    #[test]
    fn garbage_never_panics() {
        let inputs = [
            "user_pref(",
            "user_pref(\"",
            "user_pref(\"a\",",
            "user_pref(\"a\", -",
            "user_pref(\"a\", \"\\x",
            "user_pref(\"a\", \"\\u12",
            "user_pref(\"a\", \"\\ud800\\u",
            "/",
            "/*",
            "\u{1F600}",
            "user_pref(\"a\", 1);\0garbage after NUL",
            "\r\r\n\n",
        ];
        for text in inputs {
            for path in ["prefs.js", "mozilla.cfg"] {
                let file = SourceFile::new(path, text);
                let _ = extract(&file);
            }
        }
        let js = "//\nx = \"\\u{1F600}\\x41\\\n\" + '\\q' + `a\\`b`; pref(\"a\", 'b\\u{zz}');";
        let file = SourceFile::new("a.cfg", js);
        let _ = extract(&file);
        // Every prefix of a valid file.
        for end in 0..PROFILE.len() {
            if PROFILE.is_char_boundary(end) {
                let file = SourceFile::new("prefs.js", &PROFILE[..end]);
                let _ = extract(&file);
                let file = SourceFile::new("x.cfg", &PROFILE[..end]);
                let _ = extract(&file);
            }
        }
    }
}
