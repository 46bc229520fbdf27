//! mutt and NeoMutt init files (`.muttrc`, `neomuttrc`, sourced account
//! files).
//!
//! The file is read the way mutt's `mutt_read_line`, `mutt_parse_rc_buffer`
//! and `mutt_extract_token` (muttmua/mutt `lib.c`, `init.c`, `hook.c`) read
//! it: a trailing backslash joins the next line (before comments are
//! recognised, so a commented line ending in `\` comments out the next one
//! too); `;` separates commands; `#` outside quotes starts a comment; single
//! quotes are literal; double quotes and bare words take backslash escapes
//! and `$variable` expansion (variables the file itself set, including
//! `my_*`; anything else, such as environment variables, stays unexpanded
//! and makes a host unknown). Backtick command output is not run.
//!
//! Commands read: `set`/`unset`/`toggle`/`reset` (several assignments per
//! command, `no`/`inv`/`&`/`?` prefixes, `var=value` and `var = "value"`,
//! NeoMutt's `+=`); hooks whose last argument is a command
//! (`account-hook`, `folder-hook`, `send-hook`, ... and NeoMutt's
//! `startup-hook`/`shutdown-hook`/`timeout-hook`), whose command string is
//! parsed in turn; `mailboxes`/`named-mailboxes`/`subscribe-to`, the
//! mailbox of `fcc-hook`/`save-hook`/`mbox-hook`, and `macro`/`push`/`exec`
//! key sequences for mail URLs. `source` is not followed (the sourced file
//! is scanned on its own when it is in the tree). Hook *patterns* are
//! regular expressions, not connections.
//!
//! Facts: one `connection` per distinct (protocol, host, port) of every mail
//! URL (`imap[s]://`, `pop[s]://`, `smtp[s]://`) in those places, located at
//! its first mention unless a TLS version setting determines the range (see
//! below). `+`/`=` shortcuts relative to an IMAP `folder` hold no URL and
//! make no extra connection. The TLS settings are global in mutt, so hook
//! bodies are applied in file order like top-level commands, and the state
//! at the end of the file applies to every connection.
//!
//! TLS range: the set of enabled `ssl_use_sslv2`/`ssl_use_sslv3`/
//! `ssl_use_tlsv1`/`_1_1`/`_1_2`/`_1_3` booleans.
//! - The file sets none of them: unknown (the defaults of `ssl_use_tlsv1`
//!   and `_1_1` changed from yes to no in mutt 1.12.0 and NeoMutt
//!   2019-10-25, and the file does not say which release reads it).
//! - The file sets some: versions it does not set take the *current*
//!   defaults (SSLv2/SSLv3/TLS 1.0/TLS 1.1 off, TLS 1.2/1.3 on), and the
//!   range is the bounds of the enabled set. NeoMutt releases from
//!   2025-12-07 ignore `ssl_use_tlsv1`/`_1_1`/`sslv3` (deprecated); the
//!   file cannot tell, so what it asks for is reported.
//! - The file disables both TLS 1.2 and 1.3: the range is what the file
//!   enables; if it enables nothing explicitly, at most TLS 1.1 is left
//!   (older releases default TLS 1.0/1.1 on, newer ones leave no version at
//!   all), reported as max 1.1 with an unknown min.
//!
//! Location: when the range allows a version below 1.2 while 1.2+ is on,
//! the assignment enabling the lowest version; when 1.2 and 1.3 are both
//! off, the assignment disabling 1.2; otherwise the highest enabled
//! version's assignment, else the URL.
//!
//! TLS mode: `…s://` schemes are implicit TLS. Plain schemes:
//! `ssl_force_tls=yes` -> STARTTLS (required); otherwise `ssl_starttls`
//! (a quad-option whose default is `yes` in every mutt release from 1.5.20
//! to 2.2 and in NeoMutt) decides: yes or unset -> STARTTLS
//! (opportunistic), ask-yes/ask-no -> unknown, no -> no TLS only when the
//! file also sets `ssl_force_tls=no` (its default changed: yes in mutt
//! 1.13.0–1.13.3 and from 2.0, and in NeoMutt from 2021-10-22), else
//! unknown. A connection without TLS carries no range.

use crate::extract::common::mail_url::{self, MailUrl};
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, VersionSet};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeSet, HashMap};

/// The `client` of every fact, also the remedies key.
const CLIENT: &str = "mutt";

/// How deep hook bodies may nest (a hook defining a hook ...).
const MAX_DEPTH: usize = 4;

/// Longest token `$variable` expansion may build; beyond it the reference
/// stays unexpanded (`set my_a=$my_a$my_a` repeated would double forever).
const MAX_EXPANSION: usize = 8192;

/// The TLS version variables and the version each enables.
const VERSION_VARS: [(&str, &str); 6] = [
    ("ssl_use_sslv2", "ssl2"),
    ("ssl_use_sslv3", "ssl3"),
    ("ssl_use_tlsv1", "1.0"),
    ("ssl_use_tlsv1_1", "1.1"),
    ("ssl_use_tlsv1_2", "1.2"),
    ("ssl_use_tlsv1_3", "1.3"),
];

/// Current defaults of [`VERSION_VARS`] (mutt 2.x, NeoMutt 2019-10-25+).
fn current_default(version: &str) -> bool {
    matches!(version, "1.2" | "1.3")
}

/// Hooks whose last argument is a command (mutt `hook.c`).
const COMMAND_HOOKS: [&str; 6] = [
    "account-hook",
    "folder-hook",
    "send-hook",
    "send2-hook",
    "reply-hook",
    "message-hook",
];

/// NeoMutt hooks whose only argument is a command.
const BARE_COMMAND_HOOKS: [&str; 3] = ["startup-hook", "shutdown-hook", "timeout-hook"];

/// Hooks whose last argument is a mailbox.
const MAILBOX_HOOKS: [&str; 4] = ["fcc-hook", "save-hook", "mbox-hook", "fcc-save-hook"];

/// Commands whose arguments are mailboxes or key sequences that may hold
/// mail URLs.
const URL_COMMANDS: [&str; 6] = [
    "mailboxes",
    "named-mailboxes",
    "subscribe-to",
    "macro",
    "push",
    "exec",
];

/// Extracts one `connection` fact per distinct mail endpoint.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut state = State::default();
    for_each_logical_line(file, |line| parse_commands(line, &mut state, 0));
    Ok(state.into_facts(file))
}

// --- Text with a map back to the file ------------------------------------

/// Text (a logical line, a token, a hook body) with, for every byte, the
/// byte offset in the file it came from; `map` has one extra entry for the
/// end.
#[derive(Debug, Clone, Default)]
struct Mapped {
    text: String,
    map: Vec<usize>,
}

impl Mapped {
    /// Appends `s`, which starts at file offset `file_offset`.
    fn push_str(&mut self, s: &str, file_offset: usize) {
        self.map.extend((0..s.len()).map(|i| file_offset + i));
        self.text.push_str(s);
    }

    /// Appends `c`, which came from file offset `from`.
    fn push_char(&mut self, c: char, from: usize) {
        for _ in 0..c.len_utf8() {
            self.map.push(from);
        }
        self.text.push(c);
    }

    /// Closes the map with the end offset.
    fn finish(&mut self, end: usize) {
        self.map.push(end);
    }

    /// File offset of byte `i` of the text (the end offset past the end).
    fn offset(&self, i: usize) -> usize {
        self.map
            .get(i)
            .or_else(|| self.map.last())
            .copied()
            .unwrap_or(0)
    }
}

/// Calls `f` with each logical line: continuation lines joined (a trailing
/// backslash is removed together with the line end), as `mutt_read_line`
/// does.
fn for_each_logical_line(file: &SourceFile, mut f: impl FnMut(&Mapped)) {
    let base = file.text.as_ptr() as usize;
    let mut current = Mapped::default();
    let mut open = false;
    for (_, line) in file.lines() {
        let start = (line.as_ptr() as usize).saturating_sub(base);
        match line.strip_suffix('\\') {
            Some(body) => {
                current.push_str(body, start);
                open = true;
            }
            None => {
                current.push_str(line, start);
                current.finish(start + line.len());
                f(&current);
                current = Mapped::default();
                open = false;
            }
        }
    }
    if open {
        let end = current.map.last().map_or(0, |o| o + 1);
        current.finish(end);
        f(&current);
    }
}

// --- Tokens ---------------------------------------------------------------

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    /// `=` ends the token (variable names in `set`).
    equal: bool,
    /// Whitespace does not end the token (hook commands).
    space: bool,
}

/// One token: its unquoted, expanded text and the file offset where the
/// raw token (quotes included) ends.
#[derive(Debug, Clone)]
struct Token {
    text: Mapped,
    end: usize,
}

/// A cursor over a [`Mapped`] text.
struct Cursor<'m> {
    src: &'m Mapped,
    pos: usize,
}

impl<'m> Cursor<'m> {
    fn new(src: &'m Mapped) -> Self {
        Cursor { src, pos: 0 }
    }

    fn rest(&self) -> &'m str {
        self.src.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.pos += 1;
        }
    }

    /// mutt's `MoreArgs`: not at the end, a `;` or a `#`.
    fn more_args(&self) -> bool {
        !matches!(self.peek(), None | Some(';') | Some('#'))
    }

    fn offset(&self) -> usize {
        self.src.offset(self.pos)
    }

    /// `mutt_extract_token` without running backticks.
    fn token(&mut self, flags: Flags, vars: &HashMap<String, String>) -> Token {
        self.skip_ws();
        let mut text = Mapped::default();
        let mut quote: Option<char> = None;
        while let Some(c) = self.peek() {
            if quote.is_none()
                && (((c == ' ' || c == '\t') && !flags.space)
                    || c == '#'
                    || c == ';'
                    || (c == '=' && flags.equal))
            {
                break;
            }
            let from = self.offset();
            self.pos += c.len_utf8();
            if Some(c) == quote {
                quote = None;
            } else if quote.is_none() && (c == '\'' || c == '"') {
                quote = Some(c);
            } else if c == '\\' && quote != Some('\'') {
                let Some(e) = self.bump() else { break };
                match e {
                    'n' => text.push_char('\n', from),
                    'r' => text.push_char('\r', from),
                    't' => text.push_char('\t', from),
                    'f' => text.push_char('\x0c', from),
                    'e' => text.push_char('\x1b', from),
                    'c' | 'C' => {
                        if let Some(k) = self.bump() {
                            let code = (k.to_ascii_uppercase() as u32).wrapping_sub(64) & 0x7f;
                            text.push_char(char::from_u32(code).unwrap_or('?'), from);
                        }
                    }
                    d if d.is_ascii_digit() => {
                        let digits: Vec<char> = self.rest().chars().take(2).collect();
                        if digits.len() == 2 && digits.iter().all(char::is_ascii_digit) {
                            self.pos += 2;
                            let value = [d, digits[0], digits[1]]
                                .iter()
                                .fold(0u32, |acc, ch| acc * 8 + ch.to_digit(10).unwrap_or(0));
                            text.push_char(char::from_u32(value & 0xff).unwrap_or('?'), from);
                        } else {
                            text.push_char(d, from);
                        }
                    }
                    other => text.push_char(other, from),
                }
            } else if c == '$' && quote != Some('\'') {
                let known = self.variable_name().and_then(|(name, consumed)| {
                    vars.get(&name)
                        .filter(|v| text.text.len() + v.len() <= MAX_EXPANSION)
                        .map(|v| (v, consumed))
                });
                match known {
                    Some((value, consumed)) => {
                        self.pos += consumed;
                        for ch in value.chars() {
                            text.push_char(ch, from);
                        }
                    }
                    None => text.push_char('$', from),
                }
            } else {
                text.push_char(c, from);
            }
        }
        let end = self.offset();
        text.finish(end);
        self.skip_ws();
        Token { text, end }
    }

    /// After a `$`: the variable name (`name` or `{name}`) and how many
    /// bytes it takes, if the text there is one.
    fn variable_name(&self) -> Option<(String, usize)> {
        let rest = self.rest();
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}')?;
            return Some((inner[..close].to_owned(), close + 2));
        }
        if !rest.chars().next()?.is_ascii_alphabetic() {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        Some((rest[..len].to_owned(), len))
    }
}

// --- State ----------------------------------------------------------------

/// A variable's last assignment: its value and where it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Assigned<T> {
    value: T,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quad {
    Yes,
    No,
    AskYes,
    AskNo,
}

/// The first mention of a mail endpoint.
#[derive(Debug, Clone)]
struct Mention {
    url: MailUrl,
    /// Effective port (the scheme's default when the URL has none).
    port: u16,
    start: usize,
    end: usize,
}

#[derive(Debug, Default)]
struct State {
    /// Last assignment of each [`VERSION_VARS`] entry.
    versions: [Option<Assigned<bool>>; 6],
    force_tls: Option<Assigned<bool>>,
    starttls: Option<Assigned<Quad>>,
    /// String values of variables set in the file, for `$var` expansion.
    vars: HashMap<String, String>,
    mentions: Vec<Mention>,
    /// Endpoint keys of `mentions`.
    seen: BTreeSet<(Protocol, String, u16)>,
}

impl State {
    /// Records every mail URL in `token`.
    fn scan_urls(&mut self, token: &Token) {
        for url in mail_url::find_all(&token.text.text) {
            let Some(port) = url.port.or_else(|| default_port(&url)) else {
                continue;
            };
            if !self.seen.insert(endpoint_key(&url, &token.text.text, port)) {
                continue;
            }
            let start = token.text.offset(url.start);
            let end = token.text.offset(url.end).max(start);
            self.mentions.push(Mention {
                url,
                port,
                start,
                end,
            });
        }
    }
}

/// Default port of a URL's scheme, as mutt uses them.
fn default_port(url: &MailUrl) -> Option<u16> {
    Some(match (url.protocol, url.tls_mode) {
        (Protocol::Imap, TlsMode::Implicit) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Pop3, TlsMode::Implicit) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Smtp, TlsMode::Implicit) => 465,
        (Protocol::Smtp, _) => 25,
        (Protocol::Unknown, _) => return None,
    })
}

/// What makes two URLs the same endpoint: protocol, host (or, when the host
/// is a template, the URL's text), port.
fn endpoint_key(url: &MailUrl, text: &str, port: u16) -> (Protocol, String, u16) {
    let host = match &url.host {
        Some(h) => h.clone(),
        None => text
            .get(url.start..url.end)
            .map(str::to_ascii_lowercase)
            .unwrap_or_default(),
    };
    (url.protocol, host, port)
}

// --- Commands -------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetMode {
    Set,
    Unset,
    Toggle,
    Reset,
}

/// `mutt_parse_rc_buffer`: the commands of one logical line (or hook body).
fn parse_commands(line: &Mapped, state: &mut State, depth: usize) {
    let mut cur = Cursor::new(line);
    loop {
        cur.skip_ws();
        match cur.peek() {
            None | Some('#') => break,
            Some(';') => {
                cur.pos += 1;
                continue;
            }
            Some(_) => {}
        }
        let before = cur.pos;
        let command = cur.token(Flags::default(), &state.vars);
        let name = command.text.text.as_str();
        match name {
            "set" => parse_set(&mut cur, state, SetMode::Set),
            "unset" => parse_set(&mut cur, state, SetMode::Unset),
            "toggle" => parse_set(&mut cur, state, SetMode::Toggle),
            "reset" => parse_set(&mut cur, state, SetMode::Reset),
            _ if COMMAND_HOOKS.contains(&name) => {
                if cur.peek() == Some('!') {
                    cur.pos += 1;
                }
                let _pattern = cur.token(Flags::default(), &state.vars);
                let body = cur.token(
                    Flags {
                        space: true,
                        ..Flags::default()
                    },
                    &state.vars,
                );
                run_body(&body, state, depth);
                skip_args(&mut cur, state);
            }
            _ if BARE_COMMAND_HOOKS.contains(&name) => {
                let body = cur.token(
                    Flags {
                        space: true,
                        ..Flags::default()
                    },
                    &state.vars,
                );
                run_body(&body, state, depth);
                skip_args(&mut cur, state);
            }
            _ if MAILBOX_HOOKS.contains(&name) => {
                if cur.peek() == Some('!') {
                    cur.pos += 1;
                }
                let _pattern = cur.token(Flags::default(), &state.vars);
                while cur.more_args() {
                    let mailbox = cur.token(Flags::default(), &state.vars);
                    state.scan_urls(&mailbox);
                }
            }
            _ if URL_COMMANDS.contains(&name) => {
                while cur.more_args() {
                    let arg = cur.token(Flags::default(), &state.vars);
                    state.scan_urls(&arg);
                }
            }
            // `source` and every other command: not followed, arguments skipped.
            _ => skip_args(&mut cur, state),
        }
        if cur.pos == before {
            // Defensive: never loop without progress.
            cur.pos += cur.peek().map_or(1, char::len_utf8);
        }
    }
}

fn skip_args(cur: &mut Cursor, state: &State) {
    while cur.more_args() {
        let before = cur.pos;
        cur.token(Flags::default(), &state.vars);
        if cur.pos == before {
            break;
        }
    }
}

/// Parses a hook's command string as commands of its own.
fn run_body(body: &Token, state: &mut State, depth: usize) {
    if depth < MAX_DEPTH && !body.text.text.is_empty() {
        parse_commands(&body.text, state, depth + 1);
    }
}

/// `parse_set`: one or more `[no|inv|&|?]name[=value]` assignments.
fn parse_set(cur: &mut Cursor, state: &mut State, mode: SetMode) {
    while cur.more_args() {
        let before = cur.pos;
        let start = cur.offset();
        let mut unset = mode == SetMode::Unset;
        let mut inv = mode == SetMode::Toggle;
        let mut reset = mode == SetMode::Reset;
        let mut query = false;
        let rest = cur.rest();
        if rest.starts_with('?') {
            query = true;
            cur.pos += 1;
        } else if rest.starts_with("no") {
            unset = !unset;
            cur.pos += 2;
        } else if rest.starts_with("inv") {
            inv = !inv;
            cur.pos += 3;
        } else if rest.starts_with('&') {
            reset = true;
            cur.pos += 1;
        }
        let name_token = cur.token(
            Flags {
                equal: true,
                ..Flags::default()
            },
            &state.vars,
        );
        let name = name_token.text.text.to_ascii_lowercase();
        // NeoMutt's `+=` and `-=` append/remove; treat them as assignments.
        let rest = cur.rest();
        if rest.starts_with("+=") || rest.starts_with("-=") {
            cur.pos += 1;
        }
        let value = if cur.peek() == Some('=') {
            cur.pos += 1;
            Some(cur.token(Flags::default(), &state.vars))
        } else {
            None
        };
        let end = value.as_ref().map_or(name_token.end, |v| v.end);
        if !query {
            assign(
                state,
                &name,
                value.as_ref(),
                (unset, inv, reset),
                (start, end),
            );
        }
        if cur.pos == before {
            break;
        }
    }
}

/// Applies one assignment to the state.
fn assign(
    state: &mut State,
    name: &str,
    value: Option<&Token>,
    (unset, inv, reset): (bool, bool, bool),
    (start, end): (usize, usize),
) {
    if let Some(i) = VERSION_VARS.iter().position(|(var, _)| *var == name) {
        let version = VERSION_VARS[i].1;
        let current = state.versions[i].map_or(current_default(version), |a| a.value);
        let new = if reset {
            None
        } else {
            bool_assignment(value, unset, inv, current)
        };
        match (reset, new) {
            (true, _) => state.versions[i] = None,
            (false, Some(v)) => {
                state.versions[i] = Some(Assigned {
                    value: v,
                    start,
                    end,
                })
            }
            (false, None) => {}
        }
        return;
    }
    match name {
        "ssl_force_tls" => {
            let current = state.force_tls.map(|a| a.value);
            if reset || (inv && value.is_none() && current.is_none()) {
                // Reset, or a toggle of a default that differs between
                // releases: the value is not known from the file.
                state.force_tls = None;
            } else if let Some(v) = bool_assignment(value, unset, inv, current.unwrap_or(false)) {
                state.force_tls = Some(Assigned {
                    value: v,
                    start,
                    end,
                });
            }
        }
        "ssl_starttls" => {
            let current = state.starttls.map_or(Quad::Yes, |a| a.value);
            let new = if reset {
                None
            } else {
                quad_assignment(value, unset, inv, current)
            };
            match (reset, new) {
                (true, _) => state.starttls = None,
                (false, Some(v)) => {
                    state.starttls = Some(Assigned {
                        value: v,
                        start,
                        end,
                    })
                }
                (false, None) => {}
            }
        }
        _ => {
            if unset || reset {
                state.vars.remove(name);
            } else if let Some(value) = value {
                state.scan_urls(value);
                state.vars.insert(name.to_owned(), value.text.text.clone());
            }
        }
    }
}

/// The new value of a boolean, or `None` when mutt would reject the
/// assignment (and leave the variable alone).
fn bool_assignment(value: Option<&Token>, unset: bool, inv: bool, current: bool) -> Option<bool> {
    match value {
        Some(token) => {
            if unset || inv {
                return None;
            }
            parse_bool(&token.text.text)
        }
        None if unset => Some(false),
        None if inv => Some(!current),
        None => Some(true),
    }
}

/// Boolean spellings (mutt: yes/no; NeoMutt also y/n, true/false, 1/0,
/// on/off), case-insensitive.
fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "on" => Some(true),
        "no" | "n" | "false" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// The new value of a quad-option (see [`bool_assignment`]).
fn quad_assignment(value: Option<&Token>, unset: bool, inv: bool, current: Quad) -> Option<Quad> {
    match value {
        Some(token) => {
            if unset || inv {
                return None;
            }
            match token.text.text.trim().to_ascii_lowercase().as_str() {
                "ask-yes" => Some(Quad::AskYes),
                "ask-no" => Some(Quad::AskNo),
                other => parse_bool(other).map(|b| if b { Quad::Yes } else { Quad::No }),
            }
        }
        None if unset => Some(Quad::No),
        None if inv => Some(match current {
            Quad::Yes => Quad::No,
            Quad::No => Quad::Yes,
            Quad::AskYes => Quad::AskNo,
            Quad::AskNo => Quad::AskYes,
        }),
        None => Some(Quad::Yes),
    }
}

// --- Facts ----------------------------------------------------------------

/// The file-wide TLS range and the assignment that determines it.
fn tls_range(state: &State) -> (TlsRange, Option<Assigned<bool>>) {
    let versions = &state.versions;
    if versions.iter().all(Option::is_none) {
        return (TlsRange::unknown(), None);
    }
    let explicit = |v: &str| -> Option<Assigned<bool>> {
        VERSION_VARS
            .iter()
            .position(|(_, version)| *version == v)
            .and_then(|i| versions[i])
    };
    let off = |v: &str| explicit(v).is_some_and(|a| !a.value);
    if off("1.2") && off("1.3") {
        let line = explicit("1.2");
        let mut enabled = VersionSet::empty();
        for (_, version) in VERSION_VARS {
            if explicit(version).is_some_and(|a| a.value) {
                enabled.set(version, true);
            }
        }
        if let Some((min, max)) = enabled.bounds() {
            return (TlsRange::explicit(Some(min), Some(max)), line);
        }
        // Nothing enabled explicitly: older releases default TLS 1.0/1.1 on.
        let possible = ["1.1", "1.0"].into_iter().find(|v| !off(v));
        return match possible {
            Some(max) => (TlsRange::explicit(None, Some(max)), line),
            None => (TlsRange::unknown(), line),
        };
    }
    let mut enabled = VersionSet::empty();
    for (_, version) in VERSION_VARS {
        let on = explicit(version).map_or(current_default(version), |a| a.value);
        enabled.set(version, on);
    }
    let Some((min, max)) = enabled.bounds() else {
        return (TlsRange::unknown(), None);
    };
    let line = if rank(min) < rank("1.2") {
        explicit(min)
    } else {
        VERSION_VARS
            .iter()
            .rev()
            .filter(|(_, v)| enabled.contains(v))
            .find_map(|(_, v)| explicit(v).filter(|a| a.value))
    };
    (TlsRange::explicit(Some(min), Some(max)), line)
}

impl State {
    fn into_facts(self, file: &SourceFile) -> Vec<Fact> {
        if self.mentions.is_empty() {
            return Vec::new();
        }
        let (range, range_line) = tls_range(&self);
        let text_of = |start: usize, end: usize| -> String {
            let raw = file.text.get(start..end).unwrap_or("");
            let first = raw.split(['\n', '\r']).next().unwrap_or("");
            redact(first.trim())
        };
        let mut version_related = Vec::new();
        for (assigned, _) in self
            .versions
            .iter()
            .zip(VERSION_VARS)
            .filter_map(|(a, v)| a.map(|a| (a, v)))
        {
            version_related.push(Related::new(
                "version",
                file.location(assigned.start, assigned.end),
                text_of(assigned.start, assigned.end),
            ));
        }
        version_related.sort_by_key(|r| (r.line, r.column));

        let mut facts = Vec::new();
        for mention in &self.mentions {
            let url_location = file.location(mention.start, mention.end);
            let url_text = text_of(mention.start, mention.end);
            let mut related = Vec::new();
            let tls_mode = match mention.url.tls_mode {
                TlsMode::Implicit => TlsMode::Implicit,
                _ => self.plain_mode(file, &mut related, &text_of),
            };
            let (tls, location) = if tls_mode == TlsMode::None {
                (None, url_location)
            } else {
                let location = range_line.map_or(url_location, |a| file.location(a.start, a.end));
                (Some(range.clone()), location)
            };
            let mut all = Vec::new();
            match &mention.url.host {
                Some(host) => all.push(Related::new(
                    "host",
                    url_location,
                    redact(&format!("Host {host}")),
                )),
                None => all.push(Related::new("declaration", url_location, url_text.clone())),
            }
            if tls.is_some() {
                all.extend(
                    version_related
                        .iter()
                        .filter(|r| r.line != location.line || r.column != location.column)
                        .cloned(),
                );
            }
            all.extend(related);
            let evidence = redact(file.line(location.line).trim());
            let mut fact = Fact::new(FactKind::Connection, location, evidence);
            fact.client = Some(CLIENT.to_owned());
            fact.protocol = Some(mention.url.protocol);
            fact.host = mention.url.host.clone();
            fact.port = Some(mention.port);
            fact.tls_mode = Some(tls_mode);
            fact.tls = tls;
            fact.related = all;
            facts.push(fact);
        }
        facts
    }

    /// The TLS mode of a plain-scheme URL, with the settings behind it.
    fn plain_mode(
        &self,
        file: &SourceFile,
        related: &mut Vec<Related>,
        text_of: &dyn Fn(usize, usize) -> String,
    ) -> TlsMode {
        let mut note = |a: (usize, usize)| {
            related.push(Related::new(
                "tls_mode",
                file.location(a.0, a.1),
                text_of(a.0, a.1),
            ))
        };
        if let Some(force) = self.force_tls {
            note((force.start, force.end));
            if force.value {
                return TlsMode::Starttls;
            }
        }
        if let Some(starttls) = self.starttls {
            note((starttls.start, starttls.end));
        }
        match self.starttls.map(|a| a.value) {
            None | Some(Quad::Yes) => TlsMode::Starttls,
            Some(Quad::AskYes | Quad::AskNo) => TlsMode::Unknown,
            Some(Quad::No) => match self.force_tls {
                Some(Assigned { value: false, .. }) => TlsMode::None,
                _ => TlsMode::Unknown,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("x/.muttrc", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn range(fact: &Fact) -> (Option<&str>, Option<&str>, Basis) {
        let tls = fact.tls.as_ref().unwrap_or_else(|| panic!("no tls"));
        (tls.min.as_deref(), tls.max.as_deref(), tls.basis)
    }

    const FOLDER: &str = "set folder=\"imaps://me@outlook.office365.com/\"\n";

    #[test]
    fn imaps_folder_without_version_settings_is_unknown() {
        let f = facts(FOLDER);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].client.as_deref(), Some("mutt"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].location.line, 1);
        assert_eq!(f[0].location.column, 13, "the URL inside the quotes");
        assert_eq!(f[0].related[0].role, "host");
    }

    #[test]
    fn enabling_tls1_allows_one_to_thirteen() {
        let text = format!("{FOLDER}set ssl_use_tlsv1 = yes\n");
        let f = facts(&text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
        assert_eq!(f[0].location.column, 5);
        assert_eq!(f[0].evidence, "set ssl_use_tlsv1 = yes");
        assert_eq!(f[0].related[0].line, 1, "host related at the URL");
    }

    #[test]
    fn capped_range_is_what_the_file_enables() {
        let text = format!(
            "{FOLDER}set ssl_use_tlsv1=yes ssl_use_tlsv1_1=no\nset ssl_use_tlsv1_2=no\nset ssl_use_tlsv1_3=no\n"
        );
        let f = facts(&text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3, "the line disabling 1.2");
        // Nothing enabled: at most TLS 1.1 (older defaults), min unknown.
        let text = format!("{FOLDER}set nossl_use_tlsv1_2 nossl_use_tlsv1_3\n");
        let f = facts(&text);
        assert_eq!(range(&f[0]), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
        assert_eq!(f[0].location.column, 5);
        let text = format!("{FOLDER}unset ssl_use_tlsv1_2 ssl_use_tlsv1_3 ssl_use_tlsv1_1\n");
        assert_eq!(
            range(&facts(&text)[0]),
            (None, Some("1.0"), Basis::Explicit)
        );
    }

    #[test]
    fn disabling_only_tls12_assumes_current_defaults() {
        let text = format!("{FOLDER}set ssl_use_tlsv1_2=no\n");
        let f = facts(&text);
        assert_eq!(range(&f[0]), (Some("1.3"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 1, "no enabled version line: the URL");
        let text = format!("{FOLDER}set ssl_use_tlsv1_2=yes\nset ssl_use_tlsv1_3=yes\n");
        let f = facts(&text);
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3, "highest enabled version");
    }

    #[test]
    fn prefixes_toggle_reset_and_quoted_values() {
        let text = format!("{FOLDER}set invssl_use_tlsv1_1\n");
        assert_eq!(range(&facts(&text)[0]).0, Some("1.1"));
        let text = format!("{FOLDER}toggle ssl_use_tlsv1 ssl_use_tlsv1\n");
        assert_eq!(range(&facts(&text)[0]).0, Some("1.2"));
        let text = format!("{FOLDER}set ssl_use_tlsv1=\"yes\"\nreset ssl_use_tlsv1\n");
        assert_eq!(range(&facts(&text)[0]).2, Basis::Unknown);
        let text = format!("{FOLDER}set ssl_use_tlsv1=yes\nset &ssl_use_tlsv1\n");
        assert_eq!(range(&facts(&text)[0]).2, Basis::Unknown);
        let text = format!("{FOLDER}set ssl_use_tlsv1 ?ssl_use_tlsv1\n");
        assert_eq!(range(&facts(&text)[0]).0, Some("1.0"));
        // mutt rejects these; the variable keeps its value.
        let text = format!("{FOLDER}set ssl_use_tlsv1=maybe\nset nossl_use_tlsv1_1=yes\n");
        assert_eq!(range(&facts(&text)[0]).2, Basis::Unknown);
        // NeoMutt spellings.
        let text = format!("{FOLDER}set ssl_use_tlsv1=true\n");
        assert_eq!(range(&facts(&text)[0]).0, Some("1.0"));
        let text = format!("{FOLDER}set ssl_use_sslv3 = yes\n");
        assert_eq!(range(&facts(&text)[0]).0, Some("ssl3"));
    }

    #[test]
    fn comments_and_semicolons() {
        let text = format!(
            "{FOLDER}# set ssl_use_tlsv1=yes\nset realname=\"A # B\"; set ssl_use_tlsv1_1=yes # set ssl_use_tlsv1=yes\n"
        );
        let f = facts(&text);
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3);
        let text = "set folder=imaps://a.example/ # smtp_url=smtps://b.example/\n";
        assert_eq!(facts(text).len(), 1);
    }

    #[test]
    fn continuation_lines() {
        let text = "set folder=\\\n  imaps://a.example/ \\\n  ssl_use_tlsv1=yes\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("a.example"));
        assert_eq!(range(&f[0]).0, Some("1.0"));
        assert_eq!(f[0].location.line, 3);
        assert_eq!(f[0].related[0].line, 2);
        // A comment ending in a backslash comments out the next line too.
        let text = format!("{FOLDER}# old workaround \\\nset ssl_use_tlsv1=yes\n");
        assert_eq!(range(&facts(&text)[0]).2, Basis::Unknown);
    }

    #[test]
    fn hook_bodies_are_parsed_and_patterns_are_not_connections() {
        let text = "account-hook imaps://old.example 'set imap_user=me ssl_use_tlsv1=yes'\nfolder-hook . 'set folder=imaps://new.example/ smtp_url=smtps://new.example/'\nfolder-hook !work set spoolfile=pops://pop.example/\n";
        let f = facts(text);
        let hosts: Vec<_> = f.iter().map(|x| (x.host.as_deref(), x.port)).collect();
        assert_eq!(
            hosts,
            vec![
                (Some("new.example"), Some(993)),
                (Some("new.example"), Some(465)),
                (Some("pop.example"), Some(995)),
            ]
        );
        assert!(f.iter().all(|x| range(x).0 == Some("1.0")));
        assert!(f.iter().all(|x| x.location.line == 1));
        assert_eq!(f[0].location.column, 52);
    }

    #[test]
    fn deduplicates_endpoints_and_ignores_shortcuts() {
        let text = "set folder=imaps://me@h.example/\nset spoolfile=+INBOX\nmailboxes =INBOX +Sent imaps://h.example:993/Archive imap://h.example/\nnamed-mailboxes Work imaps://other@H.Example/INBOX\nmacro index x '<change-folder>pops://p.example<enter>'\nfcc-hook . imaps://s.example/Sent\n";
        let f = facts(text);
        let endpoints: Vec<_> = f
            .iter()
            .map(|x| (x.protocol, x.host.clone(), x.port, x.location.line))
            .collect();
        assert_eq!(
            endpoints,
            vec![
                (
                    Some(Protocol::Imap),
                    Some("h.example".to_owned()),
                    Some(993),
                    1
                ),
                (
                    Some(Protocol::Imap),
                    Some("h.example".to_owned()),
                    Some(143),
                    3
                ),
                (
                    Some(Protocol::Pop3),
                    Some("p.example".to_owned()),
                    Some(995),
                    5
                ),
                (
                    Some(Protocol::Imap),
                    Some("s.example".to_owned()),
                    Some(993),
                    6
                ),
            ]
        );
        assert_eq!(
            facts("mailboxes =a +b ~/Mail/c\nsource ~/.mutt/imaps\n").len(),
            0
        );
    }

    #[test]
    fn plain_scheme_modes() {
        let url = "set smtp_url=smtp://u@smtp.office365.com:587/\n";
        let mode = |extra: &str| facts(&format!("{extra}{url}"))[0].tls_mode;
        assert_eq!(
            mode(""),
            Some(TlsMode::Starttls),
            "ssl_starttls defaults to yes"
        );
        assert_eq!(mode("set ssl_force_tls\n"), Some(TlsMode::Starttls));
        assert_eq!(
            mode("set ssl_force_tls=yes ssl_starttls=no\n"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(mode("set ssl_starttls=no\n"), Some(TlsMode::Unknown));
        assert_eq!(mode("set ssl_starttls=ask-yes\n"), Some(TlsMode::Unknown));
        assert_eq!(
            mode("set ssl_starttls=ask-no\nset invssl_starttls\n"),
            Some(TlsMode::Unknown)
        );
        assert_eq!(
            mode("unset ssl_force_tls\nset nossl_starttls\n"),
            Some(TlsMode::None)
        );
        assert_eq!(
            mode("toggle ssl_force_tls\nset nossl_starttls\n"),
            Some(TlsMode::Unknown)
        );
        let f = facts(&format!("set ssl_force_tls=no ssl_starttls=no\n{url}"));
        assert_eq!(f[0].tls, None, "no TLS, no range");
        assert_eq!(f[0].port, Some(587));
        assert_eq!(f[0].location.line, 2);
        assert_eq!(facts("set folder=imap://h.example\n")[0].port, Some(143));
        assert_eq!(facts("set smtp_url=smtp://h.example\n")[0].port, Some(25));
    }

    #[test]
    fn variable_expansion() {
        let text = "set my_host = outlook.office365.com\nset folder = \"imaps://$my_host/\"\nset spoolfile = imaps://${my_host}:993/INBOX\nset record = 'imap://$my_host/Sent'\nset postponed = imaps://$HOST/Drafts\n";
        let f = facts(text);
        let got: Vec<_> = f
            .iter()
            .map(|x| (x.host.as_deref(), x.port, x.location.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("outlook.office365.com"), Some(993), 2),
                (None, Some(143), 4),
                (None, Some(993), 5),
            ]
        );
        assert_eq!(f[2].related[0].role, "declaration");
    }

    #[test]
    fn secrets_are_redacted() {
        let text = "set folder=imaps://me:hunter2@h.example/ imap_pass=hunter2 ssl_use_tlsv1=yes\n";
        let f = facts(text);
        assert!(!f[0].evidence.contains("hunter2"), "{}", f[0].evidence);
        assert!(f[0].related.iter().all(|r| !r.message.contains("hunter2")));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "\\",
            "set",
            "set =",
            "set ssl_use_tlsv1=",
            "set folder='imaps://unterminated",
            "set folder=\"imaps://h.example/\\",
            "set folder=$",
            "set folder=${",
            "set x=\\1",
            "set x=\\c",
            "set folder=`echo imaps://h.example`",
            "folder-hook",
            "account-hook . '",
            "macro index \u{00e9} 'imaps://\u{00fc}.example/\u{1F600}'",
            "set no",
            "set inv",
            "set &",
            ";;;# \\\n\\\n",
            &"set my_a=$my_a$my_a$my_a$my_a\n".repeat(40),
            "folder-hook . \"folder-hook . 'folder-hook . \\\"folder-hook . set folder=imaps://deep.example/\\\"'\"",
        ] {
            let _ = extract(&SourceFile::new("x", text));
        }
    }
}
