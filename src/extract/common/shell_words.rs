//! POSIX shell word splitting with positions, for the any-file scans that
//! read command lines (`curl`, `openssl s_client`, `node`) wherever they are
//! written: shell scripts, Makefile recipes, Dockerfiles (shell and
//! JSON-array form), systemd `Exec*=` lines, crontabs, CI YAML (`run: |`
//! blocks), Compose and Kubernetes `command:` values.
//!
//! [`split`] turns shell text into simple commands: words are split on
//! blanks with single and double quotes, backslash escapes and
//! backslash-newline continuations; `#` starts a comment at a word start;
//! `;`, `&`, `&&`, `||`, `|`, `(`, `)` and newlines separate commands;
//! redirections (`2>/dev/null`, `<<EOF`) are dropped with their target;
//! `$VAR`, `${VAR}` and `$(...)` stay in a word's text (their places are
//! recorded so [`resolve`] can substitute simple `NAME=value` assignments),
//! and the commands inside `$(...)` and backticks are commands too. A quote
//! left open at the end of the text makes the splitter resume on the line
//! after the one where it opened, so one stray apostrophe in a file that is
//! not really shell does not hide the rest.
//!
//! [`file_commands`] picks the shell text of a file by its kind and also
//! reads JSON-array commands (`CMD ["curl", "-v"]`) and the scripts that
//! `sh -c '...'` and `CMD-SHELL` run. Every word carries the byte range it
//! was written at in the file, for locations.

use crate::classify::{CommentFilter, CommentStyle};
use crate::extract::common::yaml_lines::{self, Value};
use crate::source::SourceFile;
use std::collections::HashMap;

/// One word of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word after quote removal; expansions are left as written.
    pub text: String,
    /// Byte range in the file (or in the text given to [`split`]).
    pub start: usize,
    pub end: usize,
    /// Byte ranges in `text` of `$NAME`, `${...}`, `$(...)` and backtick
    /// expansions that the shell would perform (not those in `'...'`).
    pub expansions: Vec<(usize, usize)>,
    /// Whether any part of the word was quoted.
    pub quoted: bool,
}

/// A simple command: its words in order (assignments and wrappers such as
/// `sudo` included; see [`find_program`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Command {
    pub words: Vec<Word>,
}

/// How a segment joins the one before it in [`split_segments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// As a new line.
    Newline,
    /// With a space (folded YAML text).
    Space,
}

/// A piece of shell text: a byte range of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub join: Join,
}

/// Splits `text` into commands; word ranges are offsets into `text`.
pub fn split(text: &str) -> Vec<Command> {
    split_segments(
        text,
        &[Segment {
            start: 0,
            end: text.len(),
            join: Join::Newline,
        }],
    )
}

/// Splits the text made of `segments` of `source` (joined as each says)
/// into commands; word ranges are offsets into `source`.
pub fn split_segments(source: &str, segments: &[Segment]) -> Vec<Command> {
    let buf = Buf::new(source, segments);
    split_buf(&buf.text)
        .into_iter()
        .map(|raw| Command {
            words: raw
                .into_iter()
                .map(|w| Word {
                    start: buf.to_source(w.start, false),
                    end: buf.to_source(w.end, true),
                    ..w
                })
                .collect(),
        })
        .collect()
}

/// The concatenated text of several segments and the way back to offsets
/// in the source.
struct Buf {
    text: String,
    /// (offset in `text`, offset in the source, length) per segment.
    map: Vec<(usize, usize, usize)>,
}

impl Buf {
    fn new(source: &str, segments: &[Segment]) -> Self {
        let mut text = String::new();
        let mut map = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            let Some(part) = source.get(seg.start..seg.end) else {
                continue;
            };
            if i > 0 {
                text.push(match seg.join {
                    Join::Newline => '\n',
                    Join::Space => ' ',
                });
            }
            map.push((text.len(), seg.start, part.len()));
            text.push_str(part);
        }
        Buf { text, map }
    }

    /// The source offset of `off`; a joiner maps to the end of the segment
    /// before it (`end`) or the start of the one after it.
    fn to_source(&self, off: usize, end: bool) -> usize {
        let idx = self.map.partition_point(|&(b, _, _)| b <= off);
        let Some(&(b, s, len)) = idx.checked_sub(1).and_then(|i| self.map.get(i)) else {
            return self.map.first().map_or(0, |m| m.1);
        };
        if off - b <= len {
            return s + (off - b);
        }
        if end {
            s + len
        } else {
            self.map.get(idx).map_or(s + len, |m| m.1)
        }
    }
}

/// How many times a text is re-split after an unterminated quote before
/// quotes stop spanning lines.
const MAX_RESTARTS: usize = 32;
/// Nesting limit for `$(...)` and backticks.
const MAX_DEPTH: usize = 8;

fn split_buf(text: &str) -> Vec<Vec<Word>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut restarts = 0;
    loop {
        let mut p = Parser {
            s: text,
            b: text.as_bytes(),
            pos: from,
            out: Vec::new(),
            line_mode: restarts >= MAX_RESTARTS,
            heredocs: Vec::new(),
        };
        let result = p.list(None, 0);
        out.append(&mut p.out);
        match result {
            Ok(()) => break,
            Err(open) => {
                let next = text
                    .get(open..)
                    .and_then(|t| t.find('\n'))
                    .map(|i| open + i + 1);
                match next {
                    Some(n) if n > from && n < text.len() => {
                        from = n;
                        restarts += 1;
                    }
                    _ => break,
                }
            }
        }
    }
    out
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    out: Vec<Vec<Word>>,
    /// Quotes end at a newline (after too many restarts).
    line_mode: bool,
    /// Here-documents whose bodies start after the next newline: the
    /// delimiter and whether leading tabs are stripped (`<<-`).
    heredocs: Vec<(String, bool)>,
}

/// Error: a quote opened at this offset never closed.
type Open = usize;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(self.pos + i).copied()
    }

    fn finish(&mut self, words: &mut Vec<Word>) {
        if !words.is_empty() {
            self.out.push(std::mem::take(words));
        }
    }

    /// Reads commands until the end or the terminator `term` (consumed).
    fn list(&mut self, term: Option<u8>, depth: usize) -> Result<(), Open> {
        let mut words: Vec<Word> = Vec::new();
        loop {
            self.blanks();
            let Some(b) = self.peek() else {
                self.finish(&mut words);
                return Ok(());
            };
            if Some(b) == term {
                self.pos += 1;
                self.finish(&mut words);
                return Ok(());
            }
            if let Some(len) = self.redirection() {
                let op = self.s.get(self.pos..self.pos + len).unwrap_or("");
                let heredoc = (op.ends_with("<<") || op.ends_with("<<-")) && !op.ends_with("<<<");
                let strip_tabs = op.ends_with('-');
                self.pos += len;
                self.blanks();
                if self
                    .peek()
                    .is_some_and(|c| !matches!(c, b'\n' | b';' | b'|' | b'&'))
                {
                    let target = self.word(term, depth)?;
                    // A here-document is data, unless a shell or ssh reads
                    // it as commands.
                    let reads_commands = words.iter().any(|w| {
                        let name = basename(&w.text);
                        name == "ssh" || SHELLS.contains(&name.as_str())
                    });
                    if let (true, false, Some(delimiter)) = (heredoc, reads_commands, target) {
                        self.heredocs.push((delimiter.text, strip_tabs));
                    }
                }
                continue;
            }
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.finish(&mut words);
                    self.skip_heredocs();
                }
                b';' | b'&' | b'|' | b'(' | b')' => {
                    self.pos += 1;
                    self.finish(&mut words);
                }
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                _ => {
                    if let Some(w) = self.word(term, depth)? {
                        words.push(w);
                    }
                }
            }
        }
    }

    /// Skips the bodies of the pending here-documents, each up to the line
    /// holding only its delimiter.
    fn skip_heredocs(&mut self) {
        for (delimiter, strip_tabs) in std::mem::take(&mut self.heredocs) {
            while self.pos < self.s.len() {
                let end = self.s[self.pos..]
                    .find('\n')
                    .map_or(self.s.len(), |i| self.pos + i);
                let line = self.s.get(self.pos..end).unwrap_or("");
                let line = if strip_tabs {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                let done = line.trim_end_matches('\r') == delimiter;
                self.pos = (end + 1).min(self.s.len());
                if done {
                    break;
                }
            }
        }
    }

    /// Skips blanks and backslash-newline continuations.
    fn blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\\') if self.at(1) == Some(b'\n') => self.pos += 2,
                Some(b'\\') if self.at(1) == Some(b'\r') && self.at(2) == Some(b'\n') => {
                    self.pos += 3
                }
                _ => return,
            }
        }
    }

    /// The length of a redirection operator at the current position.
    fn redirection(&self) -> Option<usize> {
        let rest = self.b.get(self.pos..)?;
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let op = &rest[digits..];
        for candidate in [
            &b"&>>"[..],
            b"&>",
            b"<<<",
            b"<<-",
            b"<<",
            b">>",
            b"<>",
            b">&",
            b"<&",
            b">|",
            b"<",
            b">",
        ] {
            if op.starts_with(candidate) {
                if digits > 0 && candidate.starts_with(b"&") {
                    return None;
                }
                return Some(digits + candidate.len());
            }
        }
        None
    }

    fn push_char(&mut self, text: &mut String) {
        if let Some(c) = self.s.get(self.pos..).and_then(|r| r.chars().next()) {
            text.push(c);
            self.pos += c.len_utf8();
        } else {
            self.pos += 1;
        }
    }

    /// Reads one word; `None` if nothing was there.
    fn word(&mut self, term: Option<u8>, depth: usize) -> Result<Option<Word>, Open> {
        let start = self.pos;
        let mut text = String::new();
        let mut expansions = Vec::new();
        let mut quoted = false;
        while let Some(b) = self.peek() {
            if Some(b) == term
                || matches!(
                    b,
                    b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
                )
            {
                break;
            }
            match b {
                b'\\' => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'\n') => self.pos += 1,
                        Some(b'\r') if self.at(1) == Some(b'\n') => self.pos += 2,
                        Some(_) => self.push_char(&mut text),
                        None => {}
                    }
                }
                b'\'' => {
                    quoted = true;
                    let open = self.pos;
                    self.pos += 1;
                    loop {
                        match self.peek() {
                            None if self.line_mode => break,
                            None => return Err(open),
                            Some(b'\n') if self.line_mode => break,
                            Some(b'\'') => {
                                self.pos += 1;
                                break;
                            }
                            Some(_) => self.push_char(&mut text),
                        }
                    }
                }
                b'"' => {
                    quoted = true;
                    self.double_quoted(&mut text, &mut expansions, depth)?;
                }
                b'$' => self.dollar(&mut text, &mut expansions, depth)?,
                b'`' => self.backtick(&mut text, &mut expansions, depth)?,
                _ => self.push_char(&mut text),
            }
        }
        if self.pos == start {
            // A character no rule consumed (cannot happen, but never loop).
            self.pos += 1;
            return Ok(None);
        }
        Ok(Some(Word {
            text,
            start,
            end: self.pos,
            expansions,
            quoted,
        }))
    }

    fn double_quoted(
        &mut self,
        text: &mut String,
        expansions: &mut Vec<(usize, usize)>,
        depth: usize,
    ) -> Result<(), Open> {
        let open = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None if self.line_mode => return Ok(()),
                None => return Err(open),
                Some(b'\n') if self.line_mode => return Ok(()),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => match self.at(1) {
                    Some(b'$' | b'`' | b'"' | b'\\') => {
                        self.pos += 1;
                        self.push_char(text);
                    }
                    Some(b'\n') => self.pos += 2,
                    _ => {
                        text.push('\\');
                        self.pos += 1;
                    }
                },
                Some(b'$') => self.dollar(text, expansions, depth)?,
                Some(b'`') => self.backtick(text, expansions, depth)?,
                Some(_) => self.push_char(text),
            }
        }
    }

    /// `$NAME`, `${...}`, `$(...)`, `$'...'` or a lone `$`.
    fn dollar(
        &mut self,
        text: &mut String,
        expansions: &mut Vec<(usize, usize)>,
        depth: usize,
    ) -> Result<(), Open> {
        let begin = self.pos;
        let at = text.len();
        match self.at(1) {
            Some(b'(') if depth < MAX_DEPTH => {
                self.pos += 2;
                self.list(Some(b')'), depth + 1)?;
            }
            Some(b'{') => {
                self.pos += 2;
                let mut level = 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    match c {
                        b'{' => level += 1,
                        b'}' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        b'\n' if self.line_mode => break,
                        _ => {}
                    }
                }
                while !self.s.is_char_boundary(self.pos) {
                    self.pos += 1;
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.pos += 1;
                }
            }
            Some(c) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => self.pos += 2,
            Some(b'\'') => {
                // ANSI-C quoting: the common escapes, others kept as written.
                let open = self.pos;
                self.pos += 2;
                loop {
                    match self.peek() {
                        None if self.line_mode => return Ok(()),
                        None => return Err(open),
                        Some(b'\'') => {
                            self.pos += 1;
                            return Ok(());
                        }
                        Some(b'\\') => {
                            self.pos += 1;
                            match self.peek() {
                                Some(b'n') => {
                                    text.push('\n');
                                    self.pos += 1;
                                }
                                Some(b't') => {
                                    text.push('\t');
                                    self.pos += 1;
                                }
                                Some(_) => self.push_char(text),
                                None => {}
                            }
                        }
                        Some(_) => self.push_char(text),
                    }
                }
            }
            _ => {
                text.push('$');
                self.pos += 1;
                return Ok(());
            }
        }
        text.push_str(self.s.get(begin..self.pos).unwrap_or(""));
        expansions.push((at, text.len()));
        Ok(())
    }

    fn backtick(
        &mut self,
        text: &mut String,
        expansions: &mut Vec<(usize, usize)>,
        depth: usize,
    ) -> Result<(), Open> {
        let begin = self.pos;
        let at = text.len();
        self.pos += 1;
        if depth < MAX_DEPTH {
            self.list(Some(b'`'), depth + 1)?;
        } else {
            while self.peek().is_some_and(|c| c != b'`') {
                self.pos += 1;
            }
            self.pos += 1;
        }
        let end = self.pos.min(self.s.len());
        text.push_str(self.s.get(begin..end).unwrap_or(""));
        expansions.push((at, text.len()));
        Ok(())
    }
}

/// The name of a program word: its last path component, lower-cased, with
/// a Windows `.exe` removed.
pub fn basename(word: &str) -> String {
    let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
    let lower = name.to_ascii_lowercase();
    match lower.strip_suffix(".exe") {
        Some(stem) => stem.to_owned(),
        None => lower,
    }
}

/// Whether `word` is a `NAME=value` assignment.
pub fn is_assignment(word: &str) -> bool {
    let Some((name, _)) = word.split_once('=') else {
        return false;
    };
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

const CRON_NAMES: [&str; 19] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun",
];

fn is_cron_field(word: &str) -> bool {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "*/,-".contains(c))
        && word.chars().any(|c| c.is_ascii_digit() || c == '*')
    {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    !lower.is_empty()
        && lower
            .split([',', '-'])
            .all(|part| CRON_NAMES.contains(&part))
}

/// Words that run the command after them, with the options that take an
/// argument.
fn wrapper(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "sudo" | "doas" => &["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"],
        "env" => &["-u", "-C", "-S", "--unset", "--chdir"],
        "timeout" => &["-s", "-k", "--signal", "--kill-after"],
        "nice" => &["-n", "--adjustment"],
        "ionice" => &["-c", "-n", "-p"],
        "xargs" => &["-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a"],
        "watch" => &["-n", "--interval", "-d"],
        "exec" => &["-a"],
        "stdbuf" | "nohup" | "time" | "command" | "builtin" | "then" | "do" | "else" | "if"
        | "elif" | "while" | "until" | "!" | "{" | "run" | "cmd" | "entrypoint" | "cmd-shell"
        | "healthcheck" | "onbuild" => &[],
        _ => return None,
    })
}

/// The indices of the words that may be the program a command runs, after
/// assignments, cron schedule fields (and a crontab user field), wrappers
/// (`sudo`, `env`, `timeout 30`, `nohup`, ...), shell keywords (`if`,
/// `then`, `!`) and Dockerfile instructions (`RUN`, `CMD`, `HEALTHCHECK
/// CMD`). Usually one index; two after a five-field cron schedule, where
/// the next word may be a user name (`/etc/crontab`).
pub fn program_candidates(words: &[Word]) -> Vec<usize> {
    let mut i = 0;
    while words.get(i).is_some_and(|w| is_assignment(&w.text)) {
        i += 1;
    }
    let mut cron = false;
    if words.get(i).is_some_and(|w| {
        matches!(
            w.text.as_str(),
            "@reboot"
                | "@yearly"
                | "@annually"
                | "@monthly"
                | "@weekly"
                | "@daily"
                | "@midnight"
                | "@hourly"
        )
    }) {
        i += 1;
        cron = true;
    } else if words.len() > i + 5 && words[i..i + 5].iter().all(|w| is_cron_field(&w.text)) {
        i += 5;
        cron = true;
    }
    // Bounded: every step consumes at least one word.
    while let Some(w) = words.get(i) {
        let Some(arg_options) = wrapper(&basename(&w.text)) else {
            break;
        };
        i += 1;
        let name = basename(&w.text);
        while let Some(opt) = words.get(i) {
            if is_assignment(&opt.text) && name == "env" {
                i += 1;
            } else if opt.text == "--" {
                i += 1;
                break;
            } else if opt.text.starts_with('-') && opt.text.len() > 1 {
                i += if arg_options.contains(&opt.text.as_str()) {
                    2
                } else {
                    1
                };
            } else {
                break;
            }
        }
        if name == "timeout" && words.get(i).is_some() {
            // The duration.
            i += 1;
        }
    }
    let mut out = vec![i];
    if cron && i + 1 < words.len() {
        out.push(i + 1);
    }
    out.retain(|&k| k < words.len());
    out
}

/// The index of the word that runs one of `names` (compared with
/// [`basename`]), if the command runs one.
pub fn find_program(words: &[Word], names: &[&str]) -> Option<usize> {
    program_candidates(words).into_iter().find(|&i| {
        words
            .get(i)
            .is_some_and(|w| names.contains(&basename(&w.text).as_str()))
    })
}

/// A `NAME=value` assignment a later word may expand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    /// The value: its text, place and expansions.
    pub value: Word,
}

/// Splits an assignment word into its name and its value word.
pub fn assignment_of(word: &Word, source: &str) -> Option<Assignment> {
    if !is_assignment(&word.text) {
        return None;
    }
    let eq = word.text.find('=')?;
    let name = word.text[..eq].to_owned();
    let raw = source.get(word.start..word.end).unwrap_or("");
    let (value_start, value_end) = match raw.find('=') {
        Some(i) => {
            let (mut s, mut e) = (i + 1, raw.len());
            let value_raw = &raw[s..e];
            let wrapped = |q: char| {
                value_raw.len() >= 2 && value_raw.starts_with(q) && value_raw.ends_with(q)
            };
            if wrapped('"') || wrapped('\'') {
                s += 1;
                e -= 1;
            } else if let Some(q) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') {
                if value_raw.ends_with(q) {
                    e -= 1;
                }
            }
            (word.start + s, word.start + e.max(s))
        }
        None => (word.start, word.end),
    };
    let shift = eq + 1;
    Some(Assignment {
        name,
        value: Word {
            text: word.text[shift..].to_owned(),
            start: value_start,
            end: value_end.max(value_start),
            expansions: word
                .expansions
                .iter()
                .filter(|&&(s, _)| s >= shift)
                .map(|&(s, e)| (s - shift, e - shift))
                .collect(),
            quoted: word.quoted,
        },
    })
}

/// The variable assignments of `commands`, in file order: commands made only
/// of assignments (`URL=imaps://x`), and `export`/`readonly`/`declare`/
/// `local`/`typeset` and Dockerfile `ENV`/`ARG` arguments.
pub fn assignments(commands: &[Command], source: &str) -> Vec<Assignment> {
    let mut out = Vec::new();
    for command in commands {
        let words = &command.words;
        let first = words.iter().position(|w| !is_assignment(&w.text));
        let rest: &[Word] = match first {
            None => words,
            Some(0) => match words[0].text.as_str() {
                "export" | "readonly" | "declare" | "local" | "typeset" | "ENV" | "ARG" => {
                    &words[1..]
                }
                _ => continue,
            },
            Some(_) => continue,
        };
        out.extend(rest.iter().filter_map(|w| assignment_of(w, source)));
    }
    out.sort_by_key(|a| a.value.start);
    out
}

/// Assignments indexed by name, for [`resolve`].
#[derive(Debug, Clone, Default)]
pub struct Assignments {
    list: Vec<Assignment>,
    /// Per name, indices into `list` in file order.
    by_name: HashMap<String, Vec<usize>>,
}

impl Assignments {
    pub fn new(mut list: Vec<Assignment>) -> Self {
        list.sort_by_key(|a| a.value.start);
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in list.iter().enumerate() {
            by_name.entry(a.name.clone()).or_default().push(i);
        }
        Assignments { list, by_name }
    }

    /// The last assignment of `name` whose value is written before byte
    /// `before`.
    pub fn last_before(&self, name: &str, before: usize) -> Option<&Assignment> {
        let indices = self.by_name.get(name)?;
        let k =
            indices.partition_point(|&i| self.list.get(i).is_some_and(|a| a.value.start < before));
        k.checked_sub(1)
            .and_then(|k| indices.get(k))
            .and_then(|&i| self.list.get(i))
    }
}

/// The outcome of [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: String,
    /// The assignments used, outermost first.
    pub used: Vec<&'a Assignment>,
    /// Whether every expansion was resolved.
    pub complete: bool,
}

/// Substitutes the `$NAME` / `${NAME}` / `${NAME:-default}` expansions of
/// `word` with the last assignment of that name written before the word
/// (or the default); other expansions stay as written.
pub fn resolve<'a>(word: &Word, assigns: &'a Assignments) -> Resolved<'a> {
    let mut used = Vec::new();
    let mut complete = true;
    let text = resolve_text(word, assigns, word.start, &mut used, &mut complete, 0);
    Resolved {
        text,
        used,
        complete,
    }
}

fn resolve_text<'a>(
    word: &Word,
    assigns: &'a Assignments,
    before: usize,
    used: &mut Vec<&'a Assignment>,
    complete: &mut bool,
    depth: usize,
) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(s, e) in &word.expansions {
        let (Some(head), Some(exp)) = (word.text.get(last..s), word.text.get(s..e)) else {
            continue;
        };
        out.push_str(head);
        last = e;
        let (name, default) = match parse_parameter(exp) {
            Some(p) => p,
            None => {
                *complete = false;
                out.push_str(exp);
                continue;
            }
        };
        let found = assigns.last_before(name, before);
        match found {
            Some(a) if depth < 4 => {
                used.push(a);
                out.push_str(&resolve_text(
                    &a.value,
                    assigns,
                    a.value.start,
                    used,
                    complete,
                    depth + 1,
                ));
            }
            _ => match default {
                Some(d) => out.push_str(d),
                None => {
                    *complete = false;
                    out.push_str(exp);
                }
            },
        }
    }
    out.push_str(word.text.get(last..).unwrap_or(""));
    out
}

/// The variables a Makefile assigns (`NAME = v`, `NAME := v`, `NAME ?= v`,
/// `export NAME = v`), as assignments its recipes' `$(NAME)` and `${NAME}`
/// resolve to.
pub fn make_assignments(file: &SourceFile) -> Vec<Assignment> {
    let mut out = Vec::new();
    for (n, line) in file.lines() {
        if line.starts_with('\t') || line.trim_start().starts_with('#') {
            continue;
        }
        let t = line.trim_start();
        let t = t
            .strip_prefix("export ")
            .or_else(|| t.strip_prefix("override "))
            .unwrap_or(t)
            .trim_start();
        let name_len = t
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(t.len());
        let (name, rest) = t.split_at(name_len);
        let rest_trim = rest.trim_start();
        let op = [":::=", "::=", ":=", "?=", "="]
            .into_iter()
            .find(|op| rest_trim.starts_with(op));
        let (false, Some(op)) = (name.is_empty(), op) else {
            continue;
        };
        let after = &rest_trim[op.len()..];
        let value = after.trim_start();
        let value = match value.find(" #") {
            Some(i) => &value[..i],
            None => value,
        }
        .trim_end();
        let start = file.line_start(n)
            + (line.len() - after.len())
            + (after.len() - after.trim_start().len());
        let mut expansions = Vec::new();
        let bytes = value.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] == b'$' && matches!(bytes[i + 1], b'(' | b'{') {
                let close = if bytes[i + 1] == b'(' { ')' } else { '}' };
                if let Some(j) = value[i..].find(close) {
                    expansions.push((i, i + j + 1));
                    i += j + 1;
                    continue;
                }
            }
            i += 1;
        }
        out.push(Assignment {
            name: name.to_owned(),
            value: Word {
                text: value.to_owned(),
                start,
                end: start + value.len(),
                expansions,
                quoted: false,
            },
        });
    }
    out
}

/// `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME-x}`, `${NAME:=x}` and make's
/// `$(NAME)`: the name and the default, if any.
fn parse_parameter(exp: &str) -> Option<(&str, Option<&str>)> {
    if let Some(name) = exp.strip_prefix("$(").and_then(|r| r.strip_suffix(')')) {
        return (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then_some((name, None));
    }
    if let Some(inner) = exp.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (name, rest) = inner.split_at(name_len);
        if name.is_empty() {
            return None;
        }
        if rest.is_empty() {
            return Some((name, None));
        }
        for op in [":-", "-", ":=", "="] {
            if let Some(d) = rest.strip_prefix(op) {
                return Some((name, Some(d)));
            }
        }
        return None;
    }
    let name = exp.strip_prefix('$')?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some((name, None))
}

/// The kind of a file, for picking its shell text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Yaml,
    Dockerfile,
    Systemd,
    Makefile,
    Shell,
    Other,
}

impl FileKind {
    pub fn of(path: &str) -> FileKind {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        let parent = path.rsplit('/').nth(1).unwrap_or("").to_ascii_lowercase();
        if matches!(ext, "yml" | "yaml") {
            FileKind::Yaml
        } else if name == "dockerfile"
            || name.starts_with("dockerfile.")
            || ext == "dockerfile"
            || name == "containerfile"
        {
            FileKind::Dockerfile
        } else if matches!(ext, "service" | "socket" | "timer" | "path" | "mount")
            || (ext == "conf" && parent.ends_with(".service.d"))
        {
            FileKind::Systemd
        } else if matches!(name.as_str(), "makefile" | "gnumakefile") || ext == "mk" {
            FileKind::Makefile
        } else if matches!(ext, "sh" | "bash" | "zsh" | "ksh" | "dash" | "ash") {
            FileKind::Shell
        } else {
            FileKind::Other
        }
    }
}

/// The commands of a file, with commented-out lines (in `comments` style)
/// skipped: its shell text chosen by kind ([`FileKind`]), JSON-array
/// commands, and the scripts of `sh -c` / `CMD-SHELL`.
pub fn file_commands(file: &SourceFile, comments: CommentStyle) -> Vec<Command> {
    let kind = FileKind::of(file.path);
    let mut segments = Vec::new();
    let mut commands = Vec::new();
    let line_segment = |n: usize, from: usize, join: Join| {
        let start = file.line_start(n) + from;
        Segment {
            start,
            end: file.line_start(n) + file.line(n).len(),
            join,
        }
    };
    match kind {
        FileKind::Yaml => {
            let doc = yaml_lines::read(file);
            for item in &doc.items {
                match &item.value {
                    Value::Scalar { scalar, more } => {
                        segments.push(Segment {
                            start: scalar.start,
                            end: scalar.end,
                            join: Join::Newline,
                        });
                        segments.extend(more.iter().map(|&(start, end)| Segment {
                            start,
                            end,
                            join: Join::Space,
                        }));
                    }
                    Value::Block { lines, folded } => {
                        for (i, &(start, end)) in lines.iter().enumerate() {
                            let join = if i > 0 && *folded && start != end {
                                Join::Space
                            } else {
                                Join::Newline
                            };
                            segments.push(Segment { start, end, join });
                        }
                    }
                    Value::Flow { start, end } => {
                        if let Some(c) = array_command(file.text, *start, *end, true) {
                            commands.push(c);
                        }
                    }
                    Value::Nested => {}
                }
            }
        }
        FileKind::Systemd | FileKind::Makefile => {
            for (n, line) in file.lines() {
                let t = line.trim_start();
                if t.starts_with('#') || (kind == FileKind::Systemd && t.starts_with(';')) {
                    continue;
                }
                let indent = line.len() - t.len();
                let from = if kind == FileKind::Systemd {
                    exec_value(t).map_or(0, |v| indent + v)
                } else if let Some(recipe) = line.strip_prefix('\t') {
                    // A recipe line: drop make's `@`, `-`, `+` prefixes.
                    line.len() - recipe.trim_start_matches(['@', '-', '+', ' ', '\t']).len()
                } else {
                    0
                };
                segments.push(line_segment(n, from, Join::Newline));
            }
        }
        _ if matches!(comments, CommentStyle::Hash | CommentStyle::None) => {
            segments.push(Segment {
                start: 0,
                end: file.text.len(),
                join: Join::Newline,
            });
        }
        _ => {
            let mut filter = CommentFilter::new(comments);
            for (n, line) in file.lines() {
                if !filter.is_comment(line) {
                    segments.push(line_segment(n, 0, Join::Newline));
                }
            }
        }
    }
    commands.extend(split_segments(file.text, &segments));
    if !matches!(kind, FileKind::Yaml | FileKind::Shell) {
        let mut filter = CommentFilter::new(comments);
        for (n, line) in file.lines() {
            if filter.is_comment(line) {
                continue;
            }
            let base = file.line_start(n);
            if let Some(open) = exec_form_start(line) {
                if let Some(c) = array_command(file.text, base + open, base + line.len(), false) {
                    commands.push(c);
                }
            }
        }
    }
    expand_scripts(file.text, commands)
}

/// For a systemd `ExecStart=`-style line, the offset where the command
/// starts (after `=` and the `-@:+!` prefixes).
fn exec_value(line: &str) -> Option<usize> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim_end();
    if !key.starts_with("Exec") || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let eq = line.find('=')? + 1;
    let rest = &line[eq..];
    let skip = rest.len()
        - rest
            .trim_start_matches(['-', '@', ':', '+', '!', '|', ' ', '\t'])
            .len();
    Some(eq + skip)
}

/// Where a JSON-array command starts on `line`: a `[` that begins the line
/// or follows `:`, `=` or a Dockerfile instruction (`CMD`, `RUN`,
/// `ENTRYPOINT`, `SHELL`, `HEALTHCHECK [options] CMD`).
fn exec_form_start(line: &str) -> Option<usize> {
    let open = line.find("[\"").or_else(|| line.find("[ \""))?;
    let before = line[..open].trim_end();
    let ok = before.is_empty()
        || before.ends_with(':')
        || before.ends_with('=')
        || before.ends_with(',')
        || matches!(
            before.rsplit(char::is_whitespace).next().unwrap_or(""),
            "CMD" | "RUN" | "ENTRYPOINT" | "SHELL"
        );
    ok.then_some(open)
}

/// Parses `[ "a", "b" ]` in `source[start..end]` (strings only, or in YAML
/// also plain items) into a command whose words are the strings.
fn array_command(source: &str, start: usize, end: usize, plain_items: bool) -> Option<Command> {
    let text = source.get(start..end)?;
    let inner_start = text.find('[')? + 1;
    let mut words = Vec::new();
    let bytes = text.as_bytes();
    let mut i = inner_start;
    loop {
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        match bytes.get(i)? {
            b']' => break,
            b'"' | b'\'' => {
                let q = bytes[i];
                let s = i + 1;
                let mut value = String::new();
                let mut j = s;
                loop {
                    let c = *bytes.get(j)?;
                    if c == q {
                        break;
                    }
                    if c == b'\\' && q == b'"' {
                        j += 1;
                        match bytes.get(j)? {
                            b'n' => value.push('\n'),
                            b't' => value.push('\t'),
                            b'u' => {
                                let hex = text.get(j + 1..j + 5)?;
                                value.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                                j += 4;
                            }
                            _ => value.push(text[j..].chars().next()?),
                        }
                        j += text[j..].chars().next()?.len_utf8();
                        continue;
                    }
                    let ch = text[j..].chars().next()?;
                    value.push(ch);
                    j += ch.len_utf8();
                }
                words.push(Word {
                    text: value,
                    start: start + s,
                    end: start + j,
                    expansions: Vec::new(),
                    quoted: true,
                });
                i = j + 1;
            }
            _ if plain_items => {
                let s = i;
                while bytes.get(i).is_some_and(|&c| c != b',' && c != b']') {
                    i += 1;
                }
                let item = text.get(s..i)?.trim_end();
                words.push(Word {
                    text: item.to_owned(),
                    start: start + s,
                    end: start + s + item.len(),
                    expansions: Vec::new(),
                    quoted: false,
                });
            }
            _ => return None,
        }
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        match bytes.get(i)? {
            b',' => i += 1,
            b']' => break,
            _ => return None,
        }
    }
    (!words.is_empty()).then_some(Command { words })
}

const SHELLS: [&str; 9] = [
    "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox", "su",
];

/// Whether `word` is a `-c` option, possibly with other single-letter
/// options (`-ec`, `-lc`).
fn is_c_option(word: &str) -> bool {
    word.strip_prefix('-').is_some_and(|f| {
        !f.is_empty() && f.contains('c') && f.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// Adds the commands of the scripts that `sh -c SCRIPT` and Docker's
/// `CMD-SHELL SCRIPT` run, a few levels deep.
fn expand_scripts(source: &str, commands: Vec<Command>) -> Vec<Command> {
    let mut all: Vec<(Command, usize)> = commands.into_iter().map(|c| (c, 0)).collect();
    let mut i = 0;
    while i < all.len() {
        let (command, depth) = &all[i];
        let depth = *depth;
        let mut found = Vec::new();
        if depth < 3 {
            let words = &command.words;
            for (k, w) in words.iter().enumerate() {
                let runs_script = w.text == "CMD-SHELL"
                    || (is_c_option(&w.text)
                        && words[..k]
                            .iter()
                            .any(|x| SHELLS.contains(&basename(&x.text).as_str())));
                if let (true, Some(script)) = (runs_script, words.get(k + 1)) {
                    found.extend(script_commands(source, script));
                }
            }
        }
        all.extend(found.into_iter().map(|c| (c, depth + 1)));
        i += 1;
    }
    all.into_iter().map(|(c, _)| c).collect()
}

/// The commands of a script given as one word, placed in the file where
/// the word's text can be mapped back exactly, else at the whole word.
fn script_commands(source: &str, script: &Word) -> Vec<Command> {
    let raw = source.get(script.start..script.end).unwrap_or("");
    let base = if raw == script.text {
        Some(script.start)
    } else if raw.len() >= 2
        && raw.starts_with(['\'', '"'])
        && raw.get(1..raw.len() - 1) == Some(script.text.as_str())
    {
        Some(script.start + 1)
    } else {
        None
    };
    split(&script.text)
        .into_iter()
        .map(|c| Command {
            words: c
                .words
                .into_iter()
                .map(|w| match base {
                    Some(b) => Word {
                        start: b + w.start,
                        end: b + w.end,
                        ..w
                    },
                    None => Word {
                        start: script.start,
                        end: script.end,
                        ..w
                    },
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Command) -> Vec<&str> {
        c.words.iter().map(|w| w.text.as_str()).collect()
    }

    fn all(text: &str) -> Vec<Vec<String>> {
        split(text)
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.clone()).collect())
            .collect()
    }

    #[test]
    fn quotes_escapes_and_spans() {
        let text = r#"curl -u "me:p w" 'a b'\ c x\"y"#;
        let cmds = split(text);
        assert_eq!(
            texts(&cmds[0]),
            vec!["curl", "-u", "me:p w", "a b c", "x\"y"]
        );
        let w = &cmds[0].words[2];
        assert_eq!(&text[w.start..w.end], "\"me:p w\"");
        assert!(w.quoted);
    }

    #[test]
    fn separators_comments_and_continuations() {
        let text = "a 1; b 2 && c 3 | d # e f\ng \\\n  h\n# i j\nk";
        assert_eq!(
            all(text),
            vec![
                vec!["a", "1"],
                vec!["b", "2"],
                vec!["c", "3"],
                vec!["d"],
                vec!["g", "h"],
                vec!["k"]
            ]
        );
        let cmds = split(text);
        let h = &cmds[4].words[1];
        assert_eq!(&text[h.start..h.end], "h");
    }

    #[test]
    fn redirections_are_dropped() {
        assert_eq!(
            all("echo Q | openssl s_client -connect h:993 2>/dev/null >out <<EOF\nx\nEOF"),
            vec![
                vec!["echo", "Q"],
                vec!["openssl", "s_client", "-connect", "h:993"],
            ]
        );
        assert_eq!(all("a >&2 b 2>&1 c"), vec![vec!["a", "b", "c"]]);
    }

    #[test]
    fn here_documents_are_data_unless_a_shell_reads_them() {
        let text = "cat >> mail.txt <<EOF\nDon't reply.\nEOF\ncurl --tlsv1 imaps://h\n";
        assert_eq!(
            all(text),
            vec![vec!["cat"], vec!["curl", "--tlsv1", "imaps://h"]]
        );
        let text = "x <<-'END' ; y\n\tit's data\n\tEND\nz\n";
        assert_eq!(all(text), vec![vec!["x"], vec!["y"], vec!["z"]]);
        let text = "ssh ops@box <<EOF\ncurl -1 imaps://h\nEOF\n";
        assert!(all(text).contains(&vec![
            "curl".to_owned(),
            "-1".to_owned(),
            "imaps://h".to_owned()
        ]));
    }

    #[test]
    fn substitutions_are_commands_too() {
        let cmds = split("R=$(curl -s \"imaps://h\") && echo `node --v` \"${X:-y}\"");
        let words: Vec<Vec<&str>> = cmds.iter().map(texts).collect();
        assert!(words.contains(&vec!["curl", "-s", "imaps://h"]));
        assert!(words.contains(&vec!["node", "--v"]));
        let assign = cmds
            .iter()
            .find(|c| c.words[0].text.starts_with("R="))
            .unwrap_or_else(|| panic!());
        assert_eq!(assign.words[0].text, "R=$(curl -s \"imaps://h\")");
        assert_eq!(assign.words[0].expansions, vec![(2, 24)]);
    }

    #[test]
    fn unterminated_quotes_resume_on_the_next_line() {
        let text = "echo don't panic\ncurl --tlsv1 imaps://h\n";
        let words: Vec<Vec<String>> = all(text);
        assert!(words.contains(&vec![
            "curl".to_owned(),
            "--tlsv1".to_owned(),
            "imaps://h".to_owned()
        ]));
    }

    #[test]
    fn programs_behind_wrappers_cron_and_instructions() {
        for (line, want) in [
            ("sudo -u mail timeout 30 /usr/bin/curl x", Some(5)),
            ("*/5 * * * * curl x", Some(5)),
            ("*/5 * * * * root /usr/local/bin/curl x", Some(6)),
            ("@daily curl x", Some(1)),
            ("RUN curl x", Some(1)),
            ("HEALTHCHECK --interval=30s CMD curl x", Some(3)),
            ("A=1 B=2 env C=3 curl.exe x", Some(4)),
            ("if ! curl x", Some(2)),
            ("echo curl x", None),
        ] {
            let cmds = split(line);
            assert_eq!(find_program(&cmds[0].words, &["curl"]), want, "{line}");
        }
    }

    #[test]
    fn assignments_resolve_earlier_values() {
        let text = "HOST=outlook.office365.com\nexport URL=\"imaps://$HOST:993/INBOX\"\ncurl \"$URL\" ${MISSING:-d} $NONE\nHOST=other\n";
        let cmds = split(text);
        let list = assignments(&cmds, text);
        assert_eq!(list.len(), 3);
        let assigns = Assignments::new(list.clone());
        let curl = &cmds[2].words;
        let r = resolve(&curl[1], &assigns);
        assert_eq!(r.text, "imaps://outlook.office365.com:993/INBOX");
        assert!(r.complete);
        assert_eq!(r.used.len(), 2);
        assert_eq!(
            &text[r.used[0].value.start..r.used[0].value.end],
            "imaps://$HOST:993/INBOX"
        );
        assert_eq!(resolve(&curl[2], &assigns).text, "d");
        assert!(!resolve(&curl[3], &assigns).complete);
        assert_eq!(
            &text[list[0].value.start..list[0].value.end],
            "outlook.office365.com"
        );
    }

    #[test]
    fn make_variables_resolve_in_recipes() {
        let text = "HOST := outlook.office365.com # the tenant\nPORT ?= 995\nT = $(HOST):$(PORT)\n\ncheck:\n\topenssl s_client -connect $(T)\n";
        let f = SourceFile::new("Makefile", text);
        let list = make_assignments(&f);
        assert_eq!(list.len(), 3);
        let assigns = Assignments::new(list.clone());
        assert_eq!(
            &text[list[0].value.start..list[0].value.end],
            "outlook.office365.com"
        );
        let cmds = file_commands(&f, CommentStyle::Hash);
        let c = cmds
            .iter()
            .find(|c| c.words[0].text == "openssl")
            .unwrap_or_else(|| panic!());
        assert_eq!(
            resolve(&c.words[3], &assigns).text,
            "outlook.office365.com:995"
        );
    }

    #[test]
    fn single_quotes_do_not_expand() {
        let cmds = split("a '$X' \"$Y\"");
        assert!(cmds[0].words[1].expansions.is_empty());
        assert_eq!(cmds[0].words[2].expansions, vec![(0, 2)]);
    }

    fn commands_of(path: &str, text: &str) -> Vec<Vec<String>> {
        let f = SourceFile::new(path, text);
        file_commands(&f, crate::classify::comment_style_for_path(path))
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.clone()).collect())
            .collect()
    }

    fn has(cmds: &[Vec<String>], want: &[&str]) -> bool {
        cmds.iter()
            .any(|c| c.iter().map(String::as_str).eq(want.iter().copied()))
    }

    #[test]
    fn dockerfile_exec_form_and_cmd_shell() {
        let text = "FROM x\nHEALTHCHECK CMD [\"curl\", \"--tlsv1.0\", \"imaps://h\"]\nRUN [\"sh\", \"-c\", \"node --tls-min-v1.0 a.js\"]\n";
        let cmds = commands_of("Dockerfile", text);
        assert!(has(&cmds, &["curl", "--tlsv1.0", "imaps://h"]));
        assert!(has(&cmds, &["node", "--tls-min-v1.0", "a.js"]));
        let f = SourceFile::new("Dockerfile", text);
        let all = file_commands(&f, CommentStyle::Hash);
        let node = all
            .iter()
            .find(|c| c.words[0].text == "node")
            .unwrap_or_else(|| panic!());
        let w = &node.words[1];
        assert_eq!(&text[w.start..w.end], "--tls-min-v1.0");
    }

    #[test]
    fn yaml_run_blocks_and_flow_commands() {
        let text = "jobs:\n  t:\n    steps:\n      - run: |\n          curl --ssl-reqd \\\n            smtp://h:587\n          # curl --tlsv1 imaps://x\n      - run: echo hi\n    command: [\"/bin/sh\", \"-c\", \"openssl s_client -connect h:995\"]\n    args: [curl, -1, 'imaps://y']\n";
        let cmds = commands_of("ci.yml", text);
        assert!(has(&cmds, &["curl", "--ssl-reqd", "smtp://h:587"]));
        assert!(has(&cmds, &["echo", "hi"]));
        assert!(has(&cmds, &["openssl", "s_client", "-connect", "h:995"]));
        assert!(has(&cmds, &["curl", "-1", "imaps://y"]));
        assert!(!cmds.iter().any(|c| c.iter().any(|w| w == "imaps://x")));
    }

    #[test]
    fn systemd_makefile_and_slash_comments() {
        let cmds = commands_of(
            "x.service",
            "[Service]\nExecStart=-/usr/bin/curl --tlsv1 imaps://h\n; ExecStart=/usr/bin/curl imaps://old\n",
        );
        assert!(has(&cmds, &["/usr/bin/curl", "--tlsv1", "imaps://h"]));
        assert!(!cmds.iter().any(|c| c.iter().any(|w| w == "imaps://old")));
        let cmds = commands_of(
            "Makefile",
            "check:\n\t@openssl s_client -connect h:993 -tls1\n",
        );
        assert!(has(
            &cmds,
            &["openssl", "s_client", "-connect", "h:993", "-tls1"]
        ));
        let cmds = commands_of("a.js", "// curl --tlsv1 imaps://x\nconst a = 1;\n");
        assert!(!cmds.iter().any(|c| c.iter().any(|w| w == "imaps://x")));
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "\"",
            "'",
            "$(",
            "`",
            "${",
            "$'",
            "\\",
            "a\\",
            "é'\"$(`${",
            "((((",
            "))))",
            "<<<",
            "2>",
            "$((1+2))",
            "[\"a\", \"\\u12\"]",
            "CMD [\"",
            "\u{0}\u{1}",
        ] {
            let _ = split(text);
            let f = SourceFile::new("Dockerfile", text);
            let _ = file_commands(&f, CommentStyle::Hash);
            let f = SourceFile::new("x.yaml", text);
            let _ = file_commands(&f, CommentStyle::Hash);
        }
        let deep = "$(".repeat(100);
        let _ = split(&deep);
        let many = "'\n\"\n".repeat(200);
        let _ = split(&many);
    }
}
