//! The scanner: one pass over the bytes, an explicit stack for
//! interpolation holes, a queue for pending heredoc bodies.

use super::spec::{
    Backtick, DocBlocks, Heredoc, Interp, LexerSpec, QuoteLike, RawStrings, SingleQuote, Triple,
};
use super::{Kind, Part, StrForm, Token};

/// Escape rules of a literal body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Esc {
    /// C-style backslash escapes.
    C,
    /// Only `\\` and a backslash before the delimiter.
    Quote,
    /// None at all.
    None,
    /// C# verbatim: `""` is a quote.
    Doubled,
}

/// Holes a literal body can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holes {
    None,
    /// `${`.
    DollarBrace,
    /// PHP `{$` and `${`.
    Php,
    /// Ruby `#{`.
    Ruby,
    /// C#: as many braces as the literal has `$` prefixes.
    CSharp(u8),
}

/// How a literal body ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    Char(u8),
    /// Bracket delimiters that nest (`q{a {b} c}`).
    Nest {
        open: u8,
        close: u8,
        depth: u32,
    },
    /// A run of `n` quotes; `greedy` takes the whole run (Kotlin, C#),
    /// otherwise exactly `n` (Java).
    Run {
        q: u8,
        n: usize,
        greedy: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Body {
    close: Close,
    esc: Esc,
    holes: Holes,
    /// Sigil interpolation that makes the value unknown.
    interp: Interp,
    multiline: bool,
    kind: Kind,
    form: StrForm,
}

/// Why a body scan stopped.
enum Stop {
    /// Closed: content ends at `content_end`, the literal at `end`.
    Closed { content_end: usize, end: usize },
    /// A hole opens at `at` with an opener `len` bytes long.
    Hole { at: usize, len: usize, braces: u8 },
    /// Unterminated: content (and literal) end at `at` (line end or EOF).
    Open { at: usize },
}

/// An open interpolation hole.
struct Hole {
    body: Body,
    /// Brackets opened inside the hole and not yet closed.
    depth: u32,
    /// `}` needed to close the hole (C# `$$"""` needs two).
    braces: u8,
}

struct Pending {
    tok: usize,
    id: String,
    /// The terminator may be indented (`<<-`, `<<~`).
    indented: bool,
    /// Strip the common indentation (`<<~`).
    squiggly: bool,
    esc: Esc,
    interp: Interp,
}

const PUNCT3: [&str; 8] = ["...", "..=", "<=>", "===", "!==", "**=", "<<=", "?->"];
const PUNCT2: [&str; 30] = [
    "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=",
    "&=", "|=", "^=", "?.", "??", "?:", "!!", "..", "**", "<<", "=~", "!~", ":=", "&.",
];

pub(super) fn lex(text: &str, spec: &LexerSpec) -> Vec<Token> {
    let mut lx = Lexer {
        text,
        b: text.as_bytes(),
        spec,
        i: 0,
        out: Vec::new(),
        holes: Vec::new(),
        pending: Vec::new(),
        prev: None,
        no_regex_before: 0,
    };
    lx.run();
    lx.out
}

struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    spec: &'a LexerSpec,
    i: usize,
    out: Vec<Token>,
    holes: Vec<Hole>,
    pending: Vec<Pending>,
    /// Index of the last code token.
    prev: Option<usize>,
    /// A `/` before this offset does not start a regex: a scan from an
    /// earlier `/` already ran to this line end without a closing `/`.
    no_regex_before: usize,
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'a> Lexer<'a> {
    fn at(&self, j: usize) -> Option<u8> {
        self.b.get(j).copied()
    }

    fn starts(&self, j: usize, s: &str) -> bool {
        self.b
            .get(j..)
            .is_some_and(|rest| rest.starts_with(s.as_bytes()))
    }

    fn slice(&self, s: usize, e: usize) -> &'a str {
        self.text.get(s..e).unwrap_or("")
    }

    fn push(&mut self, tok: Token) -> usize {
        let code = tok.is_code();
        self.out.push(tok);
        let idx = self.out.len() - 1;
        if code {
            self.prev = Some(idx);
        }
        idx
    }

    fn punct(&mut self, s: usize, e: usize) {
        self.push(Token::new(Kind::Punct, s, e));
        self.i = e;
    }

    fn run(&mut self) {
        let n = self.b.len();
        let mut html = self.spec.php_tags;
        if self.starts(0, "\u{feff}") {
            self.i = 3;
        }
        if !html && self.starts(self.i, "#!") && self.at(self.i + 2) != Some(b'[') {
            self.line_comment(self.i);
        }
        while self.i < n {
            if html {
                html = self.inline_text();
                continue;
            }
            let i = self.i;
            if (i == 0 || self.at(i - 1) == Some(b'\n')) && self.holes.is_empty() {
                if self.doc_block() {
                    continue;
                }
                if self.end_marker() {
                    break;
                }
            }
            match self.at(i).unwrap_or(b' ') {
                b'\n' => {
                    self.i += 1;
                    if !self.pending.is_empty() {
                        self.heredoc_bodies();
                    }
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.i += 1,
                _ => {
                    if self.token() {
                        html = true;
                    }
                }
            }
        }
        // Heredocs opened on the last line never get a body.
        for p in std::mem::take(&mut self.pending) {
            if let Some(t) = self.out.get_mut(p.tok) {
                t.terminated = false;
                t.body = Some((n, n));
            }
        }
    }

    // --- PHP tags, doc blocks, end markers ---------------------------------

    /// Reads inline text up to the next PHP open tag; returns whether the
    /// lexer is still in inline text (no tag found).
    fn inline_text(&mut self) -> bool {
        let start = self.i;
        let mut j = start;
        let n = self.b.len();
        let mut code_at = None;
        while j + 1 < n {
            if self.at(j) == Some(b'<') && self.at(j + 1) == Some(b'?') {
                let rest = self.b.get(j + 2..j + 5).unwrap_or(&[]);
                if rest.eq_ignore_ascii_case(b"php") {
                    code_at = Some((j, j + 5));
                    break;
                }
                if self.at(j + 2) == Some(b'=') {
                    code_at = Some((j, j + 3));
                    break;
                }
                if !rest.eq_ignore_ascii_case(b"xml") {
                    code_at = Some((j, j + 2));
                    break;
                }
            }
            j += 1;
        }
        let (text_end, code_start) = code_at.unwrap_or((n, n));
        if text_end > start {
            self.push(Token::new(Kind::Text, start, text_end));
        }
        self.i = code_start;
        code_at.is_none()
    }

    /// At a line start: a Ruby `=begin` block or a Perl POD block.
    fn doc_block(&mut self) -> bool {
        let i = self.i;
        let (open_ok, end_word) = match self.spec.doc_blocks {
            DocBlocks::None => return false,
            DocBlocks::RubyBegin => (
                self.starts(i, "=begin") && self.at(i + 6).is_none_or(|c| c.is_ascii_whitespace()),
                "=end",
            ),
            DocBlocks::PerlPod => (
                self.at(i) == Some(b'=') && self.at(i + 1).is_some_and(|c| c.is_ascii_alphabetic()),
                "=cut",
            ),
        };
        if !open_ok {
            return false;
        }
        let n = self.b.len();
        let mut line = i;
        let mut first = true;
        loop {
            let line_end = self.line_end(line);
            if !first
                && self.starts(line, end_word)
                && self
                    .at(line + end_word.len())
                    .is_none_or(|c| !is_ident_byte(c))
            {
                let mut t = Token::new(Kind::Comment, i, line_end);
                t.terminated = true;
                self.push(t);
                self.i = line_end;
                return true;
            }
            first = false;
            if line_end >= n {
                let mut t = Token::new(Kind::Comment, i, n);
                // Perl accepts POD running to the end of the file.
                t.terminated = self.spec.doc_blocks == DocBlocks::PerlPod;
                self.push(t);
                self.i = n;
                return true;
            }
            line = line_end + 1;
        }
    }

    /// Offset of the `\n` ending the line that holds `j` (or the end).
    fn line_end(&self, j: usize) -> usize {
        self.b
            .get(j..)
            .and_then(|r| r.iter().position(|&c| c == b'\n'))
            .map_or(self.b.len(), |p| j + p)
    }

    fn end_marker(&mut self) -> bool {
        let i = self.i;
        let line_end = self.line_end(i);
        let line = self.slice(i, line_end).trim_end_matches('\r');
        if self.spec.end_markers.contains(&line) {
            self.push(Token::new(Kind::Text, i, self.b.len()));
            self.i = self.b.len();
            return true;
        }
        false
    }

    // --- comments -----------------------------------------------------------

    fn line_comment(&mut self, start: usize) {
        let n = self.b.len();
        let mut j = start;
        while j < n {
            match self.at(j) {
                Some(b'\n') => {
                    let cont = self.spec.comment_continuation
                        && (self.at(j.wrapping_sub(1)) == Some(b'\\')
                            || (self.at(j.wrapping_sub(1)) == Some(b'\r')
                                && self.at(j.wrapping_sub(2)) == Some(b'\\')));
                    if !cont || j == start {
                        break;
                    }
                }
                Some(b'?') if self.spec.php_tags && self.at(j + 1) == Some(b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let mut end = j;
        if self.at(end.wrapping_sub(1)) == Some(b'\r') && end > start {
            end -= 1;
        }
        self.push(Token::new(Kind::Comment, start, end));
        self.i = j;
    }

    fn block_comment(&mut self, open: &str, close: &str) {
        let start = self.i;
        let n = self.b.len();
        let mut j = start + open.len();
        let mut depth = 1usize;
        while j < n {
            if self.starts(j, close) {
                depth -= 1;
                j += close.len();
                if depth == 0 {
                    self.push(Token::new(Kind::Comment, start, j));
                    self.i = j;
                    return;
                }
            } else if self.spec.nested_comments && self.starts(j, open) {
                depth += 1;
                j += open.len();
            } else {
                j += 1;
            }
        }
        let mut t = Token::new(Kind::Comment, start, n);
        t.terminated = false;
        self.push(t);
        self.i = n;
    }

    // --- dispatch -------------------------------------------------------------

    /// Lexes one token at `self.i` (not whitespace). Returns true when a PHP
    /// close tag switches to inline text.
    fn token(&mut self) -> bool {
        let spec = self.spec;
        let i = self.i;
        let Some(c) = self.at(i) else {
            self.i = self.b.len();
            return false;
        };
        if spec.php_tags && c == b'?' && self.at(i + 1) == Some(b'>') {
            self.punct(i, i + 2);
            // PHP eats one newline right after `?>`.
            if self.at(self.i) == Some(b'\n') {
                self.i += 1;
            } else if self.starts(self.i, "\r\n") {
                self.i += 2;
            }
            return true;
        }
        if spec.line_comments.iter().any(|m| self.starts(i, m))
            && !(spec.php_tags && self.starts(i, "#["))
        {
            self.line_comment(i);
            return false;
        }
        if let Some((open, close)) = spec.block_comment {
            if self.starts(i, open) {
                self.block_comment(open, close);
                return false;
            }
        }
        if !self.holes.is_empty() && self.hole_punct(c) {
            return false;
        }
        match c {
            b'"' => self.double_quote(i, i),
            b'\'' => self.single_quote(i, i),
            b'`' => self.backtick(i),
            b'<' if spec.heredoc != Heredoc::None && self.heredoc_opener() => {}
            b'%' if spec.quote_like == QuoteLike::Ruby && self.ruby_percent() => {}
            b'/' if spec.regex
                && i >= self.no_regex_before
                && self.operand_position(1)
                && self.slash_regex() => {}
            b'$' if spec.sigil_specials && self.special_variable() => {}
            b'@' if spec.csharp_strings && self.csharp_at() => {}
            b'$' if spec.csharp_strings && self.csharp_dollar() => {}
            b'0'..=b'9' => self.number(),
            b'.' if self.at(i + 1).is_some_and(|d| d.is_ascii_digit()) && !self.prev_is_value() => {
                self.number()
            }
            _ => {
                if !self.word() {
                    self.operator();
                }
            }
        }
        false
    }

    /// Inside a hole: counts brackets, closes the hole at its `}`, skips a
    /// C# format specifier. Returns whether it consumed the byte.
    fn hole_punct(&mut self, c: u8) -> bool {
        let i = self.i;
        let Some(hole) = self.holes.last_mut() else {
            return false;
        };
        match c {
            b'(' | b'[' | b'{' => {
                hole.depth += 1;
                false
            }
            b')' | b']' => {
                hole.depth = hole.depth.saturating_sub(1);
                false
            }
            b'}' if hole.depth > 0 => {
                hole.depth -= 1;
                false
            }
            b'}' => {
                let need = usize::from(hole.braces.max(1));
                let mut len = 1;
                while len < need && self.at(i + len) == Some(b'}') {
                    len += 1;
                }
                let Some(hole) = self.holes.pop() else {
                    return false;
                };
                self.punct(i, i + len);
                let start = self.i;
                self.body(start, start, hole.body, true);
                true
            }
            b':' if matches!(hole.body.holes, Holes::CSharp(_))
                && hole.depth == 0
                && self.at(i + 1) != Some(b':')
                && self.at(i.wrapping_sub(1)) != Some(b':') =>
            {
                // Format specifier: text up to the closing brace.
                let mut j = i + 1;
                while let Some(d) = self.at(j) {
                    if d == b'}' || d == b'"' || d == b'\n' {
                        break;
                    }
                    j += 1;
                }
                self.i = j;
                true
            }
            _ => false,
        }
    }

    // --- strings ---------------------------------------------------------------

    /// Scans a literal body from `content` (after its opening delimiter) and
    /// emits it (or its first part); `start` is the token start (prefix and
    /// quote). `cont` is the head token when resuming after a hole.
    fn body(&mut self, start: usize, content: usize, mut body: Body, cont: bool) {
        let stop = self.scan_body(content, &mut body);
        let part_kind = |closing: bool| match (cont, closing) {
            (false, true) => Part::Whole,
            (false, false) => Part::Head,
            (true, true) => Part::Tail,
            (true, false) => Part::Middle,
        };
        match stop {
            Stop::Closed { content_end, end } => {
                let mut t = Token::new(body.kind, start, end);
                t.form = body.form;
                t.part = part_kind(true);
                if !cont && body.kind != Kind::Regex {
                    t.value = self.value_of(content, content_end, &body);
                }
                self.push(t);
                self.i = end;
            }
            Stop::Hole { at, len, braces } => {
                let mut t = Token::new(body.kind, start, at);
                t.form = body.form;
                t.part = part_kind(false);
                self.push(t);
                self.punct(at, at + len);
                self.holes.push(Hole {
                    body,
                    depth: 0,
                    braces,
                });
            }
            Stop::Open { at } => {
                let mut t = Token::new(body.kind, start, at);
                t.form = body.form;
                t.part = part_kind(true);
                t.terminated = false;
                self.push(t);
                self.i = at;
            }
        }
    }

    fn scan_body(&self, mut j: usize, body: &mut Body) -> Stop {
        let n = self.b.len();
        while j < n {
            let Some(c) = self.at(j) else { break };
            // Closing delimiter.
            match body.close {
                Close::Char(q) if c == q => {
                    if body.esc == Esc::Doubled && self.at(j + 1) == Some(q) {
                        j += 2;
                        continue;
                    }
                    return Stop::Closed {
                        content_end: j,
                        end: j + 1,
                    };
                }
                Close::Nest {
                    open,
                    close,
                    ref mut depth,
                } => {
                    if c == open {
                        *depth += 1;
                    } else if c == close {
                        if *depth == 0 {
                            return Stop::Closed {
                                content_end: j,
                                end: j + 1,
                            };
                        }
                        *depth -= 1;
                    }
                }
                Close::Run { q, n: need, greedy } if c == q => {
                    let mut run = 0;
                    while self.at(j + run) == Some(q) {
                        run += 1;
                    }
                    if run >= need {
                        let end = if greedy { j + run } else { j + need };
                        return Stop::Closed {
                            content_end: end - need,
                            end,
                        };
                    }
                    j += run;
                    continue;
                }
                _ => {}
            }
            match c {
                b'\\' if matches!(body.esc, Esc::C | Esc::Quote) => {
                    j += if self.starts(j + 1, "\r\n") { 3 } else { 2 };
                    continue;
                }
                b'\n' | b'\r' if !body.multiline => return Stop::Open { at: j },
                _ => {}
            }
            match body.holes {
                Holes::None => {}
                Holes::DollarBrace => {
                    if c == b'$' && self.at(j + 1) == Some(b'{') {
                        return Stop::Hole {
                            at: j,
                            len: 2,
                            braces: 1,
                        };
                    }
                }
                Holes::Ruby => {
                    if c == b'#' && self.at(j + 1) == Some(b'{') {
                        return Stop::Hole {
                            at: j,
                            len: 2,
                            braces: 1,
                        };
                    }
                }
                Holes::Php => {
                    if c == b'{' && self.at(j + 1) == Some(b'$') {
                        return Stop::Hole {
                            at: j,
                            len: 1,
                            braces: 1,
                        };
                    }
                    if c == b'$' && self.at(j + 1) == Some(b'{') {
                        return Stop::Hole {
                            at: j,
                            len: 2,
                            braces: 1,
                        };
                    }
                }
                Holes::CSharp(k) => {
                    let k = usize::from(k.max(1));
                    if c == b'{' {
                        let mut run = 0;
                        while self.at(j + run) == Some(b'{') {
                            run += 1;
                        }
                        if k == 1 {
                            // `{{` is a literal brace; an odd one opens.
                            if run % 2 == 0 {
                                j += run;
                                continue;
                            }
                            return Stop::Hole {
                                at: j + run - 1,
                                len: 1,
                                braces: 1,
                            };
                        }
                        if run >= k {
                            // The extra braces before the hole are text.
                            return Stop::Hole {
                                at: j + run - k,
                                len: k,
                                braces: u8::try_from(k).unwrap_or(u8::MAX),
                            };
                        }
                        j += run;
                        continue;
                    }
                    if c == b'}' && k == 1 && self.at(j + 1) == Some(b'}') {
                        j += 2;
                        continue;
                    }
                }
            }
            j += 1;
        }
        Stop::Open { at: n }
    }

    /// The value of a closed literal's content.
    fn value_of(&self, s: usize, e: usize, body: &Body) -> Option<String> {
        let raw = self.text.get(s..e)?;
        let delim = match body.close {
            Close::Char(q) => Some(q),
            Close::Nest { close, .. } => Some(close),
            Close::Run { q, .. } => Some(q),
        };
        let value = match body.form {
            StrForm::TextBlock => decode(&text_block(raw), body.esc, delim, body.interp)?,
            StrForm::Raw if self.spec.triple == Triple::CSharpRaw => csharp_raw(raw),
            _ => decode(raw, body.esc, delim, body.interp)?,
        };
        Some(if body.holes == Holes::CSharp(1) {
            value.replace("{{", "{").replace("}}", "}")
        } else {
            value
        })
    }

    fn plain_body(&self, close: u8, esc: Esc, form: StrForm) -> Body {
        Body {
            close: Close::Char(close),
            esc,
            holes: Holes::None,
            interp: Interp::None,
            multiline: self.spec.multiline_strings,
            kind: Kind::Str,
            form,
        }
    }

    /// `"..."` (or `"""...`) whose opening quote is at `q`.
    fn double_quote(&mut self, start: usize, q: usize) {
        let spec = self.spec;
        let triple = self.at(q + 1) == Some(b'"') && self.at(q + 2) == Some(b'"');
        if triple && spec.triple != Triple::None {
            let mut run = 3;
            while spec.triple == Triple::CSharpRaw && self.at(q + run) == Some(b'"') {
                run += 1;
            }
            let body = match spec.triple {
                Triple::TextBlock => Body {
                    close: Close::Run {
                        q: b'"',
                        n: 3,
                        greedy: false,
                    },
                    esc: Esc::C,
                    holes: Holes::None,
                    interp: Interp::None,
                    multiline: true,
                    kind: Kind::Str,
                    form: StrForm::TextBlock,
                },
                Triple::KotlinRaw => Body {
                    close: Close::Run {
                        q: b'"',
                        n: 3,
                        greedy: true,
                    },
                    esc: Esc::None,
                    holes: Holes::DollarBrace,
                    interp: Interp::Kotlin,
                    multiline: true,
                    kind: Kind::Str,
                    form: StrForm::Raw,
                },
                _ => self.csharp_raw_body(run, 0),
            };
            self.body(start, q + run, body, false);
            return;
        }
        let (holes, interp) = self.interp_holes();
        let body = Body {
            holes,
            interp,
            ..self.plain_body(b'"', Esc::C, StrForm::Quoted)
        };
        self.body(start, q + 1, body, false);
    }

    fn interp_holes(&self) -> (Holes, Interp) {
        match self.spec.interp {
            Interp::None => (Holes::None, Interp::None),
            Interp::Kotlin => (Holes::DollarBrace, Interp::Kotlin),
            Interp::Php => (Holes::Php, Interp::Php),
            Interp::Ruby => (Holes::Ruby, Interp::Ruby),
            Interp::Perl => (Holes::None, Interp::Perl),
        }
    }

    fn csharp_raw_body(&self, quotes: usize, dollars: usize) -> Body {
        Body {
            close: Close::Run {
                q: b'"',
                n: quotes,
                greedy: true,
            },
            esc: Esc::None,
            holes: if dollars > 0 {
                Holes::CSharp(u8::try_from(dollars).unwrap_or(u8::MAX))
            } else {
                Holes::None
            },
            interp: Interp::None,
            multiline: true,
            kind: Kind::Str,
            form: StrForm::Raw,
        }
    }

    /// `'...'` whose quote is at `q`; `start` includes any prefix.
    fn single_quote(&mut self, start: usize, q: usize) {
        match self.spec.single_quote {
            SingleQuote::String => {
                let body = self.plain_body(b'\'', Esc::C, StrForm::Quoted);
                let body = Body {
                    multiline: false,
                    ..body
                };
                self.body(start, q + 1, body, false);
            }
            SingleQuote::Literal => {
                let body = self.plain_body(b'\'', Esc::Quote, StrForm::Quoted);
                self.body(start, q + 1, body, false);
            }
            SingleQuote::Char | SingleQuote::CharOrLifetime => {
                let lifetime = self.spec.single_quote == SingleQuote::CharOrLifetime;
                match self.char_end(q, lifetime) {
                    Some(end) => {
                        let mut t = Token::new(Kind::Char, start, end);
                        t.value = self
                            .text
                            .get(q + 1..end - 1)
                            .and_then(|s| decode(s, Esc::C, Some(b'\''), Interp::None));
                        self.push(t);
                        self.i = end;
                    }
                    None => self.punct(start, q + 1),
                }
            }
        }
    }

    /// The end of a char literal opening at `q`, if there is one.
    fn char_end(&self, q: usize, lifetime: bool) -> Option<usize> {
        let first = self.at(q + 1)?;
        if first == b'\n' || first == b'\r' {
            return None;
        }
        if first == b'\\' {
            // An escape: the closing quote within a few bytes.
            let mut j = q + 3;
            while j < q + 14 {
                match self.at(j)? {
                    b'\'' => return Some(j + 1),
                    b'\n' => return None,
                    _ => j += 1,
                }
            }
            return None;
        }
        let ch = self.text.get(q + 1..)?.chars().next()?;
        let after = q + 1 + ch.len_utf8();
        if self.at(after) == Some(b'\'') {
            return Some(after + 1);
        }
        if lifetime || first == b'\'' {
            return None;
        }
        // C multi-character constants: `'ab'`, up to four characters.
        let mut j = after;
        let mut chars = 1;
        while chars < 4 {
            match self.at(j)? {
                b'\'' => return Some(j + 1),
                b'\n' | b'\r' | b'\\' => return None,
                _ => {
                    j += 1;
                    chars += 1;
                }
            }
        }
        (self.at(j) == Some(b'\'')).then_some(j + 1)
    }

    fn backtick(&mut self, i: usize) {
        match self.spec.backtick {
            Backtick::None => self.punct(i, i + 1),
            Backtick::Raw => {
                let body = Body {
                    multiline: true,
                    ..self.plain_body(b'`', Esc::None, StrForm::Raw)
                };
                self.body(i, i + 1, body, false);
            }
            Backtick::Template => {
                let body = Body {
                    multiline: true,
                    holes: Holes::DollarBrace,
                    ..self.plain_body(b'`', Esc::C, StrForm::Template)
                };
                self.body(i, i + 1, body, false);
            }
            Backtick::Command => {
                let (holes, interp) = self.interp_holes();
                let body = Body {
                    multiline: true,
                    holes,
                    interp,
                    ..self.plain_body(b'`', Esc::C, StrForm::Command)
                };
                self.body(i, i + 1, body, false);
            }
            Backtick::Ident => {
                let close = self
                    .b
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&c| c == b'`' || c == b'\n'))
                    .map(|p| i + 1 + p);
                match close {
                    Some(e) if self.at(e) == Some(b'`') && e > i + 1 => {
                        let mut t = Token::new(Kind::Ident, i, e + 1);
                        t.value = Some(self.slice(i + 1, e).to_owned());
                        self.push(t);
                        self.i = e + 1;
                    }
                    _ => self.punct(i, i + 1),
                }
            }
        }
    }

    /// C# `@"..."`, `@$"..."`, `@ident`.
    fn csharp_at(&mut self) -> bool {
        let i = self.i;
        match self.at(i + 1) {
            Some(b'"') => {
                let body = Body {
                    multiline: true,
                    ..self.plain_body(b'"', Esc::Doubled, StrForm::Verbatim)
                };
                self.body(i, i + 2, body, false);
                true
            }
            Some(b'$') if self.at(i + 2) == Some(b'"') => {
                let body = Body {
                    multiline: true,
                    holes: Holes::CSharp(1),
                    ..self.plain_body(b'"', Esc::Doubled, StrForm::Verbatim)
                };
                self.body(i, i + 3, body, false);
                true
            }
            Some(c) if is_ident_byte(c) && !c.is_ascii_digit() => {
                let e = self.word_end(i + 1);
                let mut t = Token::new(Kind::Ident, i, e);
                t.value = Some(self.slice(i + 1, e).to_owned());
                self.push(t);
                self.i = e;
                true
            }
            _ => false,
        }
    }

    /// C# `$"..."`, `$@"..."`, `$$"""..."""`.
    fn csharp_dollar(&mut self) -> bool {
        let i = self.i;
        let mut k = 0;
        while self.at(i + k) == Some(b'$') && k < 32 {
            k += 1;
        }
        if k == 1 && self.starts(i + 1, "@\"") {
            let body = Body {
                multiline: true,
                holes: Holes::CSharp(1),
                ..self.plain_body(b'"', Esc::Doubled, StrForm::Verbatim)
            };
            self.body(i, i + 3, body, false);
            return true;
        }
        if self.at(i + k) != Some(b'"') {
            return false;
        }
        let q = i + k;
        if self.starts(q, "\"\"\"") {
            let mut run = 3;
            while self.at(q + run) == Some(b'"') {
                run += 1;
            }
            let body = self.csharp_raw_body(run, k);
            self.body(i, q + run, body, false);
            return true;
        }
        if k != 1 {
            return false;
        }
        let body = Body {
            multiline: false,
            holes: Holes::CSharp(1),
            ..self.plain_body(b'"', Esc::C, StrForm::Quoted)
        };
        self.body(i, q + 1, body, false);
        true
    }

    // --- Ruby / Perl / PHP specials ------------------------------------------

    /// Ruby/Perl `$'`, `$"`, `$#`, `$;`, ...: a two-byte identifier.
    fn special_variable(&mut self) -> bool {
        let i = self.i;
        match self.at(i + 1) {
            Some(c)
                if c.is_ascii_punctuation()
                    && !matches!(c, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'_')
                    && !(c == b'$' && self.at(i + 2).is_some_and(is_ident_byte)) =>
            {
                self.push(Token::new(Kind::Ident, i, i + 2));
                self.i = i + 2;
                true
            }
            _ => false,
        }
    }

    /// Whether the previous code token ends an operand.
    fn prev_is_value(&self) -> bool {
        let Some(t) = self.prev.and_then(|p| self.out.get(p)) else {
            return false;
        };
        match t.kind {
            Kind::Ident => !self
                .spec
                .operand_keywords
                .contains(&self.slice(t.start, t.end)),
            Kind::Number | Kind::Str | Kind::Char | Kind::Regex => true,
            Kind::Punct => matches!(self.slice(t.start, t.end), ")" | "]" | "}"),
            Kind::Comment | Kind::Text => false,
        }
    }

    /// Whether a literal may start at `self.i` (an operand position); `op`
    /// is the length of the literal's first token (`/` 1, `<<` 2).
    fn operand_position(&self, op: usize) -> bool {
        if !self.prev_is_value() {
            return true;
        }
        if !matches!(self.spec.quote_like, QuoteLike::Ruby | QuoteLike::Perl) {
            return false;
        }
        // Command call: `split /,/`, `puts <<EOS`.
        let Some(t) = self.prev.and_then(|p| self.out.get(p)) else {
            return false;
        };
        let word = self.slice(t.start, t.end);
        let plain_word = t.kind == Kind::Ident
            && word
                .bytes()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_');
        let i = self.i;
        plain_word
            && t.end < i
            && self
                .at(i + op)
                .is_some_and(|c| !c.is_ascii_whitespace() && c != b'=')
    }

    fn slash_regex(&mut self) -> bool {
        let i = self.i;
        let mut j = i + 1;
        let mut class = false;
        loop {
            match self.at(j) {
                None | Some(b'\n') | Some(b'\r') => {
                    self.no_regex_before = j;
                    return false;
                }
                Some(b'\\') => j += 2,
                Some(b'[') => {
                    class = true;
                    j += 1;
                }
                Some(b']') => {
                    class = false;
                    j += 1;
                }
                Some(b'/') if !class => break,
                Some(_) => j += 1,
            }
        }
        let mut end = j + 1;
        while self.at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            end += 1;
        }
        let mut t = Token::new(Kind::Regex, i, end);
        t.value = None;
        self.push(t);
        self.i = end;
        true
    }

    /// Ruby percent literals.
    fn ruby_percent(&mut self) -> bool {
        let i = self.i;
        let Some(t) = self.at(i + 1) else {
            return false;
        };
        let (letter, delim_at) = if b"qQwWiIsxr".contains(&t) {
            (Some(t), i + 2)
        } else {
            (None, i + 1)
        };
        let Some(d) = self.at(delim_at) else {
            return false;
        };
        if d.is_ascii_alphanumeric() || d.is_ascii_whitespace() || d == b'_' || d >= 0x80 {
            return false;
        }
        if letter.is_none() && d == b'=' {
            return false;
        }
        if !self.operand_position(delim_at - i) {
            return false;
        }
        let (kind, form, esc, interp) = match letter {
            Some(b'q') => (Kind::Str, StrForm::QuoteLike, Esc::Quote, false),
            Some(b'w' | b'i') => (Kind::Str, StrForm::Words, Esc::Quote, false),
            Some(b's') => (Kind::Str, StrForm::QuoteLike, Esc::Quote, false),
            Some(b'W' | b'I') => (Kind::Str, StrForm::Words, Esc::C, true),
            Some(b'x') => (Kind::Str, StrForm::Command, Esc::C, true),
            Some(b'r') => (Kind::Regex, StrForm::Quoted, Esc::C, true),
            _ => (Kind::Str, StrForm::QuoteLike, Esc::C, true),
        };
        let body = Body {
            close: delimiter(d),
            esc,
            holes: if interp { Holes::Ruby } else { Holes::None },
            interp: if interp { Interp::Ruby } else { Interp::None },
            multiline: true,
            kind,
            form,
        };
        self.body(i, delim_at + 1, body, false);
        if kind == Kind::Regex {
            self.flags();
        }
        true
    }

    fn flags(&mut self) {
        let s = self.i;
        let mut e = s;
        while self.at(e).is_some_and(|c| c.is_ascii_alphabetic()) {
            e += 1;
        }
        if e > s {
            if let Some(t) = self.out.last_mut() {
                if t.end == s {
                    t.end = e;
                }
            }
            self.i = e;
        }
    }

    /// Perl quote-like operators, the word `w` at `self.i..e`.
    fn perl_quote(&mut self, w: &str, e: usize) -> bool {
        let parts = match w {
            "q" | "qq" | "qw" | "qx" | "m" | "qr" => 1,
            "s" | "tr" | "y" => 2,
            _ => return false,
        };
        let i = self.i;
        // A plain word: after `->`, `sub`, or as a hash key `{s}`.
        if let Some(t) = self.prev.and_then(|p| self.out.get(p)) {
            let prev = self.slice(t.start, t.end);
            if prev == "->" || prev == "sub" || (prev == "{" && self.after_spaces(e) == Some(b'}'))
            {
                return false;
            }
        }
        // The delimiter: after optional whitespace (but `#` only directly).
        let mut d_at = e;
        if self.at(d_at) != Some(b'#') {
            while self.at(d_at).is_some_and(|c| c == b' ' || c == b'\t') {
                d_at += 1;
            }
        }
        let Some(d) = self.at(d_at) else {
            return false;
        };
        if d.is_ascii_alphanumeric()
            || d.is_ascii_whitespace()
            || d == b'_'
            || d >= 0x80
            || matches!(d, b',' | b';' | b')')
            || (d == b'=' && (self.at(d_at + 1) == Some(b'>') || d_at > e))
            || (d == b'#' && d_at > e)
        {
            return false;
        }
        let (kind, form, esc, interp) = match w {
            "q" => (Kind::Str, StrForm::QuoteLike, Esc::Quote, Interp::None),
            "qq" => (Kind::Str, StrForm::QuoteLike, Esc::C, Interp::Perl),
            "qw" => (Kind::Str, StrForm::Words, Esc::Quote, Interp::None),
            "qx" => (Kind::Str, StrForm::Command, Esc::C, Interp::Perl),
            _ => (Kind::Regex, StrForm::Quoted, Esc::Quote, Interp::None),
        };
        let body = Body {
            close: delimiter(d),
            esc,
            holes: Holes::None,
            interp,
            multiline: true,
            kind,
            form,
        };
        let mut b = body;
        let first = self.scan_body(d_at + 1, &mut b);
        let mut end = match first {
            Stop::Closed { end, .. } => end,
            _ => {
                let mut t = Token::new(kind, i, self.b.len());
                t.form = form;
                t.terminated = false;
                self.push(t);
                self.i = self.b.len();
                return true;
            }
        };
        let mut value = match first {
            Stop::Closed { content_end, .. } if kind == Kind::Str => {
                self.value_of(d_at + 1, content_end, &body)
            }
            _ => None,
        };
        if parts == 2 {
            let bracketed = matches!(body.close, Close::Nest { .. });
            let second_open = if bracketed {
                let mut k = end;
                while self.at(k).is_some_and(|c| c.is_ascii_whitespace()) {
                    k += 1;
                }
                k
            } else {
                end - 1
            };
            let d2 = self.at(second_open).unwrap_or(d);
            let mut b2 = Body {
                close: delimiter(d2),
                ..body
            };
            match self.scan_body(second_open + 1, &mut b2) {
                Stop::Closed { end: e2, .. } => end = e2,
                _ => {
                    let mut t = Token::new(kind, i, self.b.len());
                    t.terminated = false;
                    self.push(t);
                    self.i = self.b.len();
                    return true;
                }
            }
            value = None;
        }
        let mut t = Token::new(kind, i, end);
        t.form = form;
        t.value = value;
        self.push(t);
        self.i = end;
        if kind == Kind::Regex {
            self.flags();
        }
        true
    }

    fn after_spaces(&self, mut j: usize) -> Option<u8> {
        while self.at(j).is_some_and(|c| c == b' ' || c == b'\t') {
            j += 1;
        }
        self.at(j)
    }

    // --- heredocs ----------------------------------------------------------------

    fn heredoc_opener(&mut self) -> bool {
        match self.spec.heredoc {
            Heredoc::Php => self.php_heredoc(),
            Heredoc::Ruby | Heredoc::Perl => self.script_heredoc(),
            Heredoc::None => false,
        }
    }

    /// A heredoc identifier at `j`, bare or quoted: (id, quote, end).
    fn heredoc_id(&self, j: usize) -> Option<(String, Option<u8>, usize)> {
        let q = self.at(j)?;
        if matches!(q, b'"' | b'\'' | b'`') {
            let close = self
                .b
                .get(j + 1..)?
                .iter()
                .position(|&c| c == q || c == b'\n')?;
            let e = j + 1 + close;
            if self.at(e) != Some(q) || e == j + 1 {
                return None;
            }
            return Some((self.slice(j + 1, e).to_owned(), Some(q), e + 1));
        }
        if !(q.is_ascii_alphabetic() || q == b'_') {
            return None;
        }
        let e = self.word_end(j);
        Some((self.slice(j, e).to_owned(), None, e))
    }

    fn php_heredoc(&mut self) -> bool {
        let i = self.i;
        if !self.starts(i, "<<<") {
            return false;
        }
        let mut j = i + 3;
        while matches!(self.at(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        let Some((id, quote, id_end)) = self.heredoc_id(j) else {
            return false;
        };
        if quote == Some(b'`') {
            return false;
        }
        let mut line_end = id_end;
        while matches!(self.at(line_end), Some(b' ' | b'\t' | b'\r')) {
            line_end += 1;
        }
        if self.at(line_end).is_some_and(|c| c != b'\n') {
            return false;
        }
        let n = self.b.len();
        let body_start = (line_end + 1).min(n);
        let mut line = body_start;
        let nowdoc = quote == Some(b'\'');
        while line < n {
            let le = self.line_end(line);
            let text = self.slice(line, le);
            let trimmed = text.trim_start_matches([' ', '\t']);
            let indent = text.len() - trimmed.len();
            if trimmed.starts_with(id.as_str())
                && !trimmed
                    .as_bytes()
                    .get(id.len())
                    .is_some_and(|&c| is_ident_byte(c))
            {
                let end = line + indent + id.len();
                let mut t = Token::new(Kind::Str, i, end);
                t.form = if nowdoc {
                    StrForm::Raw
                } else {
                    StrForm::Heredoc
                };
                let body_end = line.saturating_sub(1).max(body_start);
                t.body = Some((body_start, body_end));
                let raw = strip_indent(self.slice(body_start, body_end), indent);
                t.value = if nowdoc {
                    Some(raw)
                } else {
                    decode(&raw, Esc::C, None, Interp::Php)
                };
                self.push(t);
                self.i = end;
                return true;
            }
            line = le + 1;
        }
        let mut t = Token::new(Kind::Str, i, n);
        t.form = StrForm::Heredoc;
        t.terminated = false;
        t.body = Some((body_start, n));
        self.push(t);
        self.i = n;
        true
    }

    fn script_heredoc(&mut self) -> bool {
        let i = self.i;
        if !self.starts(i, "<<") || self.at(i + 2) == Some(b'<') {
            return false;
        }
        let mut j = i + 2;
        let (indented, squiggly) = match self.at(j) {
            Some(b'~') => {
                j += 1;
                (true, true)
            }
            Some(b'-') if self.spec.heredoc == Heredoc::Ruby => {
                j += 1;
                (true, false)
            }
            _ => (false, false),
        };
        if !squiggly && !self.operand_position(2) {
            return false;
        }
        // Perl allows spaces before a quoted identifier.
        let mut k = j;
        if self.spec.heredoc == Heredoc::Perl {
            while self.at(k) == Some(b' ') {
                k += 1;
            }
        }
        let Some((id, quote, end)) = self.heredoc_id(k) else {
            return false;
        };
        if k > j && quote.is_none() {
            return false;
        }
        let (esc, interp) = match quote {
            Some(b'\'') => (Esc::None, Interp::None),
            _ => (
                Esc::C,
                if self.spec.heredoc == Heredoc::Ruby {
                    Interp::Ruby
                } else {
                    Interp::Perl
                },
            ),
        };
        let mut t = Token::new(Kind::Str, i, end);
        t.form = if quote == Some(b'`') {
            StrForm::Command
        } else {
            StrForm::Heredoc
        };
        let tok = self.push(t);
        self.pending.push(Pending {
            tok,
            id,
            indented,
            squiggly,
            esc,
            interp,
        });
        self.i = end;
        true
    }

    /// Reads the bodies of the heredocs opened on the line just ended.
    fn heredoc_bodies(&mut self) {
        let n = self.b.len();
        for p in std::mem::take(&mut self.pending) {
            let body_start = self.i.min(n);
            let mut line = body_start;
            let mut found = None;
            while line < n {
                let le = self.line_end(line);
                let text = self.slice(line, le).trim_end_matches('\r');
                let candidate = if p.indented {
                    text.trim_start_matches([' ', '\t'])
                } else {
                    text
                };
                if candidate == p.id {
                    found = Some((line, (le + 1).min(n)));
                    break;
                }
                line = le + 1;
            }
            let (body_end, next) = found.unwrap_or((n, n));
            let raw = self.slice(body_start, body_end);
            let value = if found.is_some() {
                let text = if p.squiggly {
                    dedent(raw)
                } else {
                    raw.to_owned()
                };
                decode(&text, p.esc, None, p.interp)
            } else {
                None
            };
            if let Some(t) = self.out.get_mut(p.tok) {
                t.body = Some((body_start, body_end));
                t.value = value;
                t.terminated = found.is_some();
            }
            self.i = next;
        }
    }

    // --- words, numbers, operators -------------------------------------------

    fn word_end(&self, mut j: usize) -> usize {
        let extra = self.spec.ident_chars.as_bytes();
        while let Some(c) = self.at(j) {
            if c.is_ascii_alphanumeric() || c == b'_' || extra.contains(&c) {
                j += 1;
            } else if c >= 0x80 {
                match self.text.get(j..).and_then(|r| r.chars().next()) {
                    Some(ch) if ch.is_alphanumeric() => j += ch.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        j
    }

    /// An identifier (or a literal its prefix introduces). False when the
    /// byte cannot start one.
    fn word(&mut self) -> bool {
        let i = self.i;
        let Some(c) = self.at(i) else { return false };
        let starts_word = if c >= 0x80 {
            self.text
                .get(i..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphabetic)
        } else {
            c.is_ascii_alphabetic() || c == b'_' || self.spec.ident_chars.as_bytes().contains(&c)
        };
        if !starts_word {
            return false;
        }
        let mut e = self.word_end(i);
        if e == i {
            return false;
        }
        let w = self.slice(i, e);
        let next = self.at(e);
        // Raw strings and raw identifiers.
        let raw = match self.spec.raw_strings {
            RawStrings::Rust => matches!(w, "r" | "br" | "cr") && self.rust_raw(i, e),
            RawStrings::Cpp => {
                matches!(w, "R" | "u8R" | "uR" | "UR" | "LR")
                    && next == Some(b'"')
                    && self.cpp_raw(i, e)
            }
            RawStrings::None => false,
        };
        if raw {
            return true;
        }
        if self.spec.string_prefixes.contains(&w) {
            match next {
                Some(b'"') => {
                    self.double_quote(i, e);
                    return true;
                }
                Some(b'\'') => {
                    self.single_quote(i, e);
                    return true;
                }
                _ => {}
            }
        }
        if self.spec.quote_like == QuoteLike::Perl && self.perl_quote(w, e) {
            return true;
        }
        // Ruby method names ending in `?` or `!`.
        if let Some(s) = next {
            if self.spec.ident_suffixes.as_bytes().contains(&s)
                && !matches!(self.at(e + 1), Some(b'=') | Some(b':'))
            {
                e += 1;
            }
        }
        self.push(Token::new(Kind::Ident, i, e));
        self.i = e;
        true
    }

    /// Rust `r"..."`, `r#"..."#`, `br"..."`, `cr#"..."#`, raw identifier
    /// `r#name`. `e` is the end of the prefix word.
    fn rust_raw(&mut self, i: usize, e: usize) -> bool {
        let mut hashes = 0;
        while self.at(e + hashes) == Some(b'#') {
            hashes += 1;
        }
        let q = e + hashes;
        if self.at(q) != Some(b'"') {
            // `r#ident`
            if hashes == 1 && self.at(i) == Some(b'r') && e == i + 1 {
                if let Some(c) = self.at(q) {
                    if c.is_ascii_alphabetic() || c == b'_' {
                        let we = self.word_end(q);
                        let mut t = Token::new(Kind::Ident, i, we);
                        t.value = Some(self.slice(q, we).to_owned());
                        self.push(t);
                        self.i = we;
                        return true;
                    }
                }
            }
            return false;
        }
        let n = self.b.len();
        let mut j = q + 1;
        while j < n {
            if self.at(j) == Some(b'"') {
                let mut k = 0;
                while k < hashes && self.at(j + 1 + k) == Some(b'#') {
                    k += 1;
                }
                if k == hashes {
                    let end = j + 1 + hashes;
                    let mut t = Token::new(Kind::Str, i, end);
                    t.form = StrForm::Raw;
                    t.value = Some(self.slice(q + 1, j).to_owned());
                    self.push(t);
                    self.i = end;
                    return true;
                }
                j += 1 + k;
                continue;
            }
            j += 1;
        }
        let mut t = Token::new(Kind::Str, i, n);
        t.form = StrForm::Raw;
        t.terminated = false;
        self.push(t);
        self.i = n;
        true
    }

    /// C++ `R"delim(...)delim"`; `e` is the end of the prefix, at the quote.
    fn cpp_raw(&mut self, i: usize, e: usize) -> bool {
        let d_start = e + 1;
        let mut j = d_start;
        while let Some(c) = self.at(j) {
            if c == b'(' {
                break;
            }
            if j - d_start >= 16 || matches!(c, b' ' | b')' | b'\\' | b'\t' | b'\n' | b'\r' | b'"')
            {
                return false;
            }
            j += 1;
        }
        if self.at(j) != Some(b'(') {
            return false;
        }
        let delim = self.slice(d_start, j).to_owned();
        let content = j + 1;
        let n = self.b.len();
        let mut k = content;
        while k < n {
            if self.at(k) == Some(b')')
                && self.starts(k + 1, &delim)
                && self.at(k + 1 + delim.len()) == Some(b'"')
            {
                let end = k + 2 + delim.len();
                let mut t = Token::new(Kind::Str, i, end);
                t.form = StrForm::Raw;
                t.value = Some(self.slice(content, k).to_owned());
                self.push(t);
                self.i = end;
                return true;
            }
            k += 1;
        }
        let mut t = Token::new(Kind::Str, i, n);
        t.form = StrForm::Raw;
        t.terminated = false;
        self.push(t);
        self.i = n;
        true
    }

    fn number(&mut self) {
        let i = self.i;
        let hex = self.at(i) == Some(b'0') && matches!(self.at(i + 1), Some(b'x' | b'X'));
        let mut j = i;
        while let Some(c) = self.at(j) {
            let prev = self.at(j.wrapping_sub(1));
            let ok = c.is_ascii_alphanumeric()
                || c == b'_'
                || (c == b'.'
                    && self.at(j + 1).is_some_and(|d| d.is_ascii_digit())
                    && prev != Some(b'.'))
                || ((c == b'+' || c == b'-')
                    && j > i
                    && if hex {
                        matches!(prev, Some(b'p' | b'P'))
                    } else {
                        matches!(prev, Some(b'e' | b'E'))
                    }
                    && self.at(j + 1).is_some_and(|d| d.is_ascii_digit()))
                || (Some(c) == self.spec.digit_separator
                    && j > i
                    && self.at(j + 1).is_some_and(|d| d.is_ascii_alphanumeric()));
            if !ok {
                break;
            }
            j += 1;
        }
        let j = j.max(i + 1);
        self.push(Token::new(Kind::Number, i, j));
        self.i = j;
    }

    fn operator(&mut self) {
        let i = self.i;
        let len = if PUNCT3.iter().any(|p| self.starts(i, p)) {
            3
        } else if PUNCT2.iter().any(|p| self.starts(i, p)) {
            2
        } else {
            self.text
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        };
        self.punct(i, i + len);
    }
}

/// The closing delimiter for an opening one (brackets nest).
fn delimiter(d: u8) -> Close {
    match d {
        b'(' => Close::Nest {
            open: b'(',
            close: b')',
            depth: 0,
        },
        b'[' => Close::Nest {
            open: b'[',
            close: b']',
            depth: 0,
        },
        b'{' => Close::Nest {
            open: b'{',
            close: b'}',
            depth: 0,
        },
        b'<' => Close::Nest {
            open: b'<',
            close: b'>',
            depth: 0,
        },
        _ => Close::Char(d),
    }
}

/// Resolves escapes in `s`; `None` when sigil interpolation makes the value
/// unknown.
fn decode(s: &str, esc: Esc, delim: Option<u8>, interp: Interp) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = s.get(at + c.len_utf8()..).and_then(|r| r.chars().next());
        if interpolates(c, next, interp) {
            return None;
        }
        match (c, esc) {
            ('\\', Esc::C) => {
                let Some((_, e)) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' if !chars.peek().is_some_and(|(_, d)| d.is_digit(8)) => out.push('\0'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    'e' => out.push('\u{1b}'),
                    's' => out.push(' '),
                    '\n' => {}
                    '\r' => {
                        if chars.peek().is_some_and(|(_, d)| *d == '\n') {
                            chars.next();
                        }
                    }
                    'x' | 'u' | 'U' => {
                        let braced = chars.peek().is_some_and(|(_, d)| *d == '{');
                        if braced {
                            chars.next();
                        }
                        let max = match (e, braced) {
                            (_, true) => 8,
                            ('x', false) => 2,
                            ('u', false) => 4,
                            _ => 8,
                        };
                        let mut code = 0u32;
                        let mut digits = 0;
                        while digits < max {
                            match chars.peek().and_then(|(_, d)| d.to_digit(16)) {
                                Some(v) => {
                                    code = code.saturating_mul(16).saturating_add(v);
                                    digits += 1;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        if braced && chars.peek().is_some_and(|(_, d)| *d == '}') {
                            chars.next();
                        }
                        out.push(char::from_u32(code).filter(|_| digits > 0)?);
                    }
                    '0'..='7' => {
                        let mut code = e.to_digit(8).unwrap_or(0);
                        let mut digits = 1;
                        while digits < 3 {
                            match chars.peek().and_then(|(_, d)| d.to_digit(8)) {
                                Some(v) => {
                                    code = code * 8 + v;
                                    digits += 1;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        out.push(char::from_u32(code)?);
                    }
                    other => out.push(other),
                }
            }
            ('\\', Esc::Quote) => match chars.peek() {
                Some(&(_, e)) if e == '\\' || Some(e as u32) == delim.map(u32::from) => {
                    out.push(e);
                    chars.next();
                }
                _ => out.push('\\'),
            },
            ('"', Esc::Doubled) => {
                out.push('"');
                if chars.peek().is_some_and(|(_, d)| *d == '"') {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Whether `c` (followed by `next`) starts an interpolated reference.
fn interpolates(c: char, next: Option<char>, interp: Interp) -> bool {
    let ident = |n: Option<char>| n.is_some_and(|n| n.is_alphabetic() || n == '_');
    match interp {
        Interp::None => false,
        Interp::Kotlin => c == '$' && (ident(next) || next == Some('{')),
        Interp::Php => {
            (c == '$' && (ident(next) || next == Some('{'))) || (c == '{' && next == Some('$'))
        }
        Interp::Ruby => c == '#' && matches!(next, Some('{' | '@' | '$')),
        Interp::Perl => {
            (c == '$' && (ident(next) || matches!(next, Some('{' | ':'))))
                || (c == '@' && (ident(next) || matches!(next, Some('{' | '$' | '_'))))
        }
    }
}

/// Removes `n` leading spaces/tabs from every line (PHP 7.3 heredocs).
fn strip_indent(s: &str, n: usize) -> String {
    s.split('\n')
        .map(|l| {
            let ws = l.len() - l.trim_start_matches([' ', '\t']).len();
            l.get(ws.min(n)..).unwrap_or("")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes the common indentation of the non-blank lines (Ruby `<<~`).
fn dedent(s: &str) -> String {
    let n = s
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    strip_indent(s, n)
}

/// A Java text block's value: content after the opening line, incidental
/// indentation and trailing spaces removed.
fn text_block(v: &str) -> String {
    let Some((_, content)) = v.split_once('\n') else {
        return v.to_owned();
    };
    let lines: Vec<&str> = content.split('\n').collect();
    let closing_alone = lines.last().is_some_and(|l| l.trim().is_empty());
    let n = lines
        .iter()
        .enumerate()
        .filter(|(k, l)| !l.trim().is_empty() || (closing_alone && *k + 1 == lines.len()))
        .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .iter()
        .map(|l| {
            let ws = l.len() - l.trim_start_matches([' ', '\t']).len();
            l.get(ws.min(n)..).unwrap_or("").trim_end().to_owned()
        })
        .collect();
    if closing_alone {
        if let Some(last) = out.last_mut() {
            last.clear();
        }
    }
    out.join("\n")
}

/// A multi-line C# raw string's value: the lines between the opening and
/// closing lines, without the closing line's indentation.
fn csharp_raw(v: &str) -> String {
    let Some((first, rest)) = v.split_once('\n') else {
        return v.to_owned();
    };
    if !first.trim().is_empty() {
        return v.to_owned();
    }
    let (content, last) = rest.rsplit_once('\n').unwrap_or(("", rest));
    let indent = last.len() - last.trim_start_matches([' ', '\t']).len();
    strip_indent(content.trim_end_matches('\r'), indent)
}
