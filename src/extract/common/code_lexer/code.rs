//! The code tokens of a file with matched brackets, and the few syntactic
//! shapes every extractor asks for: calls and their arguments, bracket
//! group items, assignments, dotted paths, expression ends.
//!
//! Positions are indices into [`Code::toks`]; ranges are half-open
//! `(start, end)` token ranges.

use super::spec::LexerSpec;
use super::{scan, Kind, Part, StrForm, Token};

/// A dotted name: `a.b.c`, `A::B`, `$obj->m`, `x?.y`, `a!!.b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Token indices of the names, first to last.
    pub names: Vec<usize>,
    /// Token range of the whole path (receiver excluded).
    pub start: usize,
    pub end: usize,
    /// When the path continues the result of a call or index
    /// (`f(x).b`, `a[0].b`, `(T) x).b`): the `)`/`]` it follows.
    pub receiver: Option<usize>,
}

/// One argument (or bracket group item), with its name when written
/// `key: value`, `key = value`, `key => value` (the spec's `named_args`;
/// the key may be a string, `:sym` or C's `.field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// The whole item.
    pub range: (usize, usize),
    /// The key token (an identifier or a string), when named.
    pub key: Option<usize>,
    /// The value: the item after the key and separator, or all of it.
    pub value: (usize, usize),
}

impl Arg {
    /// The value's token when the value is exactly one token.
    pub fn single(&self) -> Option<usize> {
        (self.value.1 == self.value.0 + 1).then_some(self.value.0)
    }
}

/// A call or constructor: `path(args)`, `new Path(args)`, `Path<T>(args)`,
/// and with [`Code::call`] also `Path{items}` / `new T[]{items}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub path: Path,
    /// Preceded by the word `new`.
    pub new: bool,
    /// `new T[] {...}` / `T[]{...}`: array dimensions were skipped.
    pub array: bool,
    /// Probably a declaration, not a call: a one-name path right after a
    /// word that is not an operand keyword, or after `>` / `]` (`void f(`,
    /// `String[] f(`, `<T> T f(`, `fun f(`, `int f(`, `func f(`).
    pub declaration: bool,
    /// The opening bracket and its partner.
    pub open: usize,
    pub close: usize,
    pub args: Vec<Arg>,
}

impl Call {
    /// The argument named `key`, else the positional one at `position`
    /// (counting unnamed arguments only).
    pub fn arg(&self, code: &Code<'_>, position: Option<usize>, key: &str) -> Option<&Arg> {
        if let Some(a) = self
            .args
            .iter()
            .find(|a| a.key.is_some_and(|k| code.key_text(k) == Some(key)))
        {
            return Some(a);
        }
        self.args.iter().filter(|a| a.key.is_none()).nth(position?)
    }
}

/// `target op value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assign {
    /// The assigned name (for `a.b[k] = v`, the path `a.b`).
    pub target: Path,
    /// For an indexed target (`props["k"] = v`): the `[` and `]`.
    pub index: Option<(usize, usize)>,
    /// The operator token (`=`, `:=`, `+=`, `|=`, ...).
    pub op: usize,
    pub value: (usize, usize),
    /// A declaration: a type or keyword precedes the name (`String x =`,
    /// `val x =`, `let x =`, `x: T =`).
    pub declared: bool,
}

const SEPARATORS: [&str; 6] = [".", "::", "->", "?.", "?->", "&."];
const ASSIGN_OPS: [&str; 12] = [
    "=", ":=", "+=", "-=", "|=", "&=", "^=", "*=", "/=", "%=", "<<=", "**=",
];
/// Words after which `f(` is a call, not a declaration.
const NOT_DECLARATION: [&str; 22] = [
    "return", "new", "throw", "else", "case", "yield", "await", "in", "is", "as", "assert", "do",
    "go", "defer", "echo", "print", "puts", "not", "and", "or", "typeof", "sizeof",
];

/// Tokens that continue an expression onto the next line.
const LEADING_CONTINUATION: [&str; 9] = [".", "?.", "?:", "&&", "||", "&.", "->", "::", "?->"];

/// The code tokens of a text.
pub struct Code<'a> {
    pub text: &'a str,
    pub spec: &'a LexerSpec,
    /// Code tokens: no comments, no inline text.
    pub toks: Vec<Token>,
    /// Comments and inline text, in order.
    pub comments: Vec<Token>,
    partner: Vec<Option<usize>>,
    parent: Vec<Option<usize>>,
    nl_before: Vec<bool>,
    unterminated: Option<usize>,
}

impl<'a> Code<'a> {
    /// Lexes `text` by `spec`.
    pub fn new(text: &'a str, spec: &'a LexerSpec) -> Self {
        let all = scan::lex(text, spec);
        let unterminated = all
            .iter()
            .find(|t| !t.terminated && spans_lines(t, spec))
            .map(|t| t.start);
        let (toks, comments): (Vec<Token>, Vec<Token>) = all.into_iter().partition(Token::is_code);
        let mut code = Code {
            text,
            spec,
            partner: vec![None; toks.len()],
            parent: vec![None; toks.len()],
            nl_before: vec![false; toks.len()],
            toks,
            comments,
            unterminated,
        };
        code.match_brackets();
        code.line_breaks();
        code
    }

    fn match_brackets(&mut self) {
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut open_count = [0usize; 3];
        for i in 0..self.toks.len() {
            self.parent[i] = stack.last().map(|&(o, _)| o);
            if let Some(ty) = self.opener_type(i) {
                stack.push((i, ty));
                open_count[ty] += 1;
            } else if let Some(ty) = self.closer_type(i) {
                if open_count[ty] == 0 {
                    continue;
                }
                while let Some((o, oty)) = stack.pop() {
                    open_count[oty] -= 1;
                    if oty == ty {
                        self.partner[o] = Some(i);
                        self.partner[i] = Some(o);
                        break;
                    }
                }
                self.parent[i] = stack.last().map(|&(o, _)| o);
            }
        }
    }

    fn line_breaks(&mut self) {
        let b = self.text.as_bytes();
        for i in 1..self.toks.len() {
            let (s, e) = (self.toks[i - 1].end, self.toks[i].start);
            self.nl_before[i] = b.get(s..e).is_some_and(|gap| gap.contains(&b'\n'));
        }
    }

    fn opener_type(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Punct {
            return None;
        }
        match self.text(i) {
            "(" => Some(0),
            "[" => Some(1),
            s if s.ends_with('{') => Some(2),
            _ => None,
        }
    }

    fn closer_type(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Punct {
            return None;
        }
        match self.text(i) {
            ")" => Some(0),
            "]" => Some(1),
            s if !s.is_empty() && s.bytes().all(|c| c == b'}') => Some(2),
            _ => None,
        }
    }

    // --- tokens -------------------------------------------------------------

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The source text of token `i` ("" when out of range).
    pub fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The name of identifier `i` (without Kotlin backticks, C# `@` or
    /// Rust `r#`).
    pub fn name(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Ident {
            return None;
        }
        Some(t.value.as_deref().unwrap_or_else(|| self.text(i)))
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.text(i) == p
    }

    pub fn is_ident(&self, i: usize, name: &str) -> bool {
        self.name(i) == Some(name)
    }

    /// The value of a complete, constant string literal token.
    pub fn str_value(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Str || t.part != Part::Whole || !t.terminated {
            return None;
        }
        t.value.as_deref()
    }

    /// The text of a key token: an identifier's name or a string's value.
    pub fn key_text(&self, i: usize) -> Option<&str> {
        self.name(i).or_else(|| self.str_value(i))
    }

    /// The byte span from the start of token `s` to the end of token `e - 1`.
    pub fn span(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        let a = self.toks.get(s)?;
        let b = self.toks.get(e.checked_sub(1)?)?;
        (a.start <= b.end).then_some((a.start, b.end))
    }

    /// The source text of tokens `s..e` (with what lies between them).
    pub fn slice(&self, s: usize, e: usize) -> &'a str {
        self.span(s, e)
            .and_then(|(a, b)| self.text.get(a..b))
            .unwrap_or("")
    }

    /// Whether a line break (in whitespace or a comment) separates token
    /// `i` from the one before it.
    pub fn line_break_before(&self, i: usize) -> bool {
        self.nl_before.get(i).copied().unwrap_or(false)
    }

    /// Byte offset of the first multi-line construct (block comment, text
    /// block, raw string, heredoc, multi-line string) that never ends.
    pub fn unterminated(&self) -> Option<usize> {
        self.unterminated
    }

    // --- brackets -------------------------------------------------------------

    /// The matching bracket of an opener or closer.
    pub fn partner(&self, i: usize) -> Option<usize> {
        self.partner.get(i).copied().flatten()
    }

    /// The innermost bracket opener that encloses token `i`.
    pub fn enclosing(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }

    /// Whether token `i` opens a bracket group (`(`, `[`, `{`, or an
    /// interpolation hole opener).
    pub fn is_open(&self, i: usize) -> bool {
        self.opener_type(i).is_some()
    }

    pub fn is_close(&self, i: usize) -> bool {
        self.closer_type(i).is_some()
    }

    /// The index after the group opened at `i`; `i + 1` for any other
    /// token; the end for an unclosed opener.
    pub fn skip(&self, i: usize) -> usize {
        if self.is_open(i) {
            self.partner(i).map_or(self.toks.len(), |c| c + 1)
        } else {
            i + 1
        }
    }

    /// Splits `s..e` at `sep` tokens outside brackets. Empty pieces are
    /// kept (positions count), except a trailing one (`f(a, b,)`).
    pub fn split(&self, s: usize, e: usize, sep: &str) -> Vec<(usize, usize)> {
        let e = e.min(self.toks.len());
        let mut out = Vec::new();
        let mut start = s;
        let mut i = s;
        while i < e {
            if self.is_open(i) {
                i = self.skip(i).min(e);
                continue;
            }
            if self.is_punct(i, sep) {
                out.push((start, i));
                start = i + 1;
            }
            i += 1;
        }
        if start < e {
            out.push((start, e));
        }
        out
    }

    /// The comma-separated items of the group opened at `open` (to the end
    /// of the file if it never closes).
    pub fn items(&self, open: usize) -> Vec<(usize, usize)> {
        let close = self.partner(open).unwrap_or(self.toks.len());
        self.split(open + 1, close, ",")
    }

    /// Removes brackets that enclose the whole of `s..e`.
    pub fn strip_parens(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        while e > s + 1 && self.is_punct(s, "(") && self.partner(s) == Some(e - 1) {
            s += 1;
            e -= 1;
        }
        (s, e)
    }

    // --- paths ------------------------------------------------------------------

    fn is_separator(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Punct) && SEPARATORS.contains(&self.text(i))
    }

    /// The dotted path whose last name is token `last`.
    pub fn path_back(&self, last: usize) -> Option<Path> {
        self.name(last)?;
        let mut names = vec![last];
        let mut j = last;
        while let Some(sep) = j.checked_sub(1).filter(|&s| self.is_separator(s)) {
            let mut prev = sep.checked_sub(1);
            // Kotlin `a!!.b`.
            if prev.is_some_and(|p| self.is_punct(p, "!!")) {
                prev = prev.and_then(|p| p.checked_sub(1));
            }
            let Some(p) = prev else { break };
            if self.name(p).is_some() {
                names.push(p);
                j = p;
                continue;
            }
            names.reverse();
            let receiver = (self.is_punct(p, ")") || self.is_punct(p, "]")).then_some(p);
            return Some(Path {
                names,
                start: j,
                end: last + 1,
                receiver,
            });
        }
        names.reverse();
        Some(Path {
            names,
            start: j,
            end: last + 1,
            receiver: None,
        })
    }

    /// The dotted path starting at token `first`, within `..limit`.
    pub fn path_at(&self, first: usize, limit: usize) -> Option<Path> {
        if first >= limit {
            return None;
        }
        self.name(first)?;
        let mut names = vec![first];
        let mut j = first;
        while j + 2 < limit && self.is_separator(j + 1) && self.name(j + 2).is_some() {
            names.push(j + 2);
            j += 2;
        }
        Some(Path {
            names,
            start: first,
            end: j + 1,
            receiver: None,
        })
    }

    /// The names of a path.
    pub fn path_names(&self, path: &Path) -> Vec<&str> {
        path.names.iter().filter_map(|&i| self.name(i)).collect()
    }

    /// A path's names joined with `.` (`this.props.put`).
    pub fn path_text(&self, path: &Path) -> String {
        self.path_names(path).join(".")
    }

    /// For a `>` at `gt` closing type arguments: the matching `<`.
    pub fn generics_back(&self, gt: usize) -> Option<usize> {
        if !self.is_punct(gt, ">") {
            return None;
        }
        let mut depth = 0usize;
        let mut j = gt;
        for _ in 0..64 {
            match self.text(j) {
                ">" if self.kind(j) == Some(Kind::Punct) => depth += 1,
                "<" if self.kind(j) == Some(Kind::Punct) => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                "," | "." | "?" | "::" | "[" | "]" | "&" | "*" | "'" => {}
                _ if self.kind(j) == Some(Kind::Ident) => {}
                _ => return None,
            }
            j = j.checked_sub(1)?;
        }
        None
    }

    /// For a `<` at `lt` opening type arguments: the index after its `>`.
    pub fn generics_forward(&self, lt: usize) -> Option<usize> {
        if !self.is_punct(lt, "<") {
            return None;
        }
        let mut depth = 0usize;
        for j in (lt..).take(64) {
            match self.text(j) {
                "<" if self.kind(j) == Some(Kind::Punct) => depth += 1,
                ">" if self.kind(j) == Some(Kind::Punct) => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                "," | "." | "?" | "::" | "[" | "]" | "&" | "*" | "'" => {}
                _ if self.kind(j) == Some(Kind::Ident) => {}
                _ => return None,
            }
        }
        None
    }

    // --- calls and arguments ---------------------------------------------------

    /// The call whose argument bracket opens at `open` (`(`, or `{` / `[`
    /// for literals such as Go `tls.Config{...}`, Rust `Foo { .. }`, Java
    /// `new String[]{...}`).
    pub fn call(&self, open: usize) -> Option<Call> {
        if !self.is_open(open) {
            return None;
        }
        let close = self.partner(open)?;
        let mut j = open.checked_sub(1)?;
        let mut array = false;
        if self.is_punct(open, "{") {
            while j >= 1 && self.is_punct(j, "]") && self.is_punct(j - 1, "[") {
                j = j.checked_sub(2)?;
                array = true;
            }
        }
        if self.is_punct(j, ">") {
            j = self.generics_back(j)?.checked_sub(1)?;
            if self.is_punct(j, "::") {
                j = j.checked_sub(1)?;
            }
        }
        let path = self.path_back(j)?;
        let new = path.receiver.is_none()
            && path
                .start
                .checked_sub(1)
                .is_some_and(|p| self.is_ident(p, "new"));
        let declaration = !new
            && path.receiver.is_none()
            && path.names.len() == 1
            && path.start.checked_sub(1).is_some_and(|p| {
                self.is_punct(p, ">")
                    || self.is_punct(p, "]")
                    || self.name(p).is_some_and(|w| {
                        !NOT_DECLARATION.contains(&w) && !self.spec.operand_keywords.contains(&w)
                    })
            });
        let args = self.items(open).into_iter().map(|r| self.arg(r)).collect();
        Some(Call {
            path,
            new,
            array,
            declaration,
            open,
            close,
            args,
        })
    }

    /// Every `path(...)` call in the file, in order.
    pub fn calls(&self) -> Vec<Call> {
        (1..self.toks.len())
            .filter(|&i| {
                self.is_punct(i, "(") && (self.name(i - 1).is_some() || self.is_punct(i - 1, ">"))
            })
            .filter_map(|i| self.call(i))
            .collect()
    }

    /// Reads an argument or item, recognising `key: v`, `key = v`, `key =>
    /// v` (as the spec allows), `:key => v`, `"key" => v` and C's `.key = v`.
    pub fn arg(&self, range: (usize, usize)) -> Arg {
        let (s, e) = range;
        let plain = Arg {
            range,
            key: None,
            value: range,
        };
        if e < s + 2 {
            return plain;
        }
        let key_at =
            if (self.is_punct(s, ":") || self.is_punct(s, ".")) && self.name(s + 1).is_some() {
                s + 1
            } else {
                s
            };
        if self.key_text(key_at).is_none() {
            return plain;
        }
        let sep = key_at + 1;
        if sep + 1 > e || self.kind(sep) != Some(Kind::Punct) {
            return plain;
        }
        if !self.spec.named_args.contains(&self.text(sep)) {
            return plain;
        }
        Arg {
            range,
            key: Some(key_at),
            value: (sep + 1, e),
        }
    }

    // --- expressions and assignments ---------------------------------------------

    fn continues(&self, i: usize) -> bool {
        let prev_open_op = i.checked_sub(1).is_some_and(|p| {
            self.kind(p) == Some(Kind::Punct)
                && !matches!(self.text(p), ")" | "]" | "++" | "--" | "!!" | ";")
                && !self.is_close(p)
        });
        prev_open_op
            || (self.kind(i) == Some(Kind::Punct) && LEADING_CONTINUATION.contains(&self.text(i)))
    }

    /// The end of the expression starting at `start`: the first `,`, `;`
    /// or unmatched closer outside brackets (or, in languages where a line
    /// break ends statements, a line break that does not continue the
    /// expression), at most `limit`.
    pub fn expr_end(&self, start: usize, limit: usize) -> usize {
        let limit = limit.min(self.toks.len());
        let mut i = start;
        while i < limit {
            if i > start
                && self.spec.newline_ends_statements
                && self.line_break_before(i)
                && !self.continues(i)
            {
                break;
            }
            if self.is_close(i)
                || (self.kind(i) == Some(Kind::Punct) && matches!(self.text(i), "," | ";" | "?>"))
            {
                break;
            }
            i = self.skip(i);
        }
        i.min(limit)
    }

    /// The end of the statement starting at `start`: like [`Code::expr_end`]
    /// but commas do not end it, so it spans a paren-less call's arguments
    /// (Ruby `Net::IMAP.new host, port: 993`, Perl `print FH $x, $y`).
    pub fn statement_end(&self, start: usize, limit: usize) -> usize {
        let limit = limit.min(self.toks.len());
        let mut i = start;
        while i < limit {
            if i > start
                && self.spec.newline_ends_statements
                && self.line_break_before(i)
                && !self.continues(i)
            {
                break;
            }
            if self.is_close(i)
                || (self.kind(i) == Some(Kind::Punct) && matches!(self.text(i), ";" | "?>"))
            {
                break;
            }
            i = self.skip(i);
        }
        i.min(limit)
    }

    /// The comma-separated arguments in `s..e` (a paren-less call's
    /// arguments: `self.args_in(name + 1, self.statement_end(name + 1,
    /// len))`), named ones recognised as in [`Code::arg`].
    pub fn args_in(&self, s: usize, e: usize) -> Vec<Arg> {
        self.split(s, e, ",")
            .into_iter()
            .map(|r| self.arg(r))
            .collect()
    }

    /// Every assignment, in order.
    pub fn assignments(&self) -> Vec<Assign> {
        let mut out = Vec::new();
        for op in 0..self.toks.len() {
            if self.kind(op) != Some(Kind::Punct) || !ASSIGN_OPS.contains(&self.text(op)) {
                continue;
            }
            let Some(before) = op.checked_sub(1) else {
                continue;
            };
            // `props["k"] = v` / `a.b[k] = v`.
            let (last, index) = if self.is_punct(before, "]") {
                match self.partner(before) {
                    Some(o) => (o.checked_sub(1), Some((o, before))),
                    None => (None, None),
                }
            } else {
                (Some(before), None)
            };
            let typed = if index.is_none() {
                self.typed_declaration(op)
            } else {
                None
            };
            let Some(last) = typed.or(last) else { continue };
            let Some(target) = self.path_back(last) else {
                continue;
            };
            let declared = typed.is_some()
                || self.is_punct(op, ":=")
                || (target.receiver.is_none()
                    && target.names.len() == 1
                    && index.is_none()
                    && target.start.checked_sub(1).is_some_and(|p| {
                        (self.kind(p) == Some(Kind::Ident) && !self.is_ident(p, "return"))
                            || self.is_punct(p, ">")
                            || self.is_punct(p, "]")
                    }));
            let value = (op + 1, self.expr_end(op + 1, self.toks.len()));
            out.push(Assign {
                target,
                index,
                op,
                value,
                declared,
            });
        }
        out
    }

    /// For `name: Type = v` (Kotlin, TypeScript, Rust, Swift): the name.
    fn typed_declaration(&self, op: usize) -> Option<usize> {
        if !self.spec.typed_names {
            return None;
        }
        let mut j = op.checked_sub(1)?;
        for _ in 0..24 {
            if self.is_punct(j, ">") {
                j = self.generics_back(j)?.checked_sub(1)?;
                continue;
            }
            if self.is_punct(j, ":") {
                let name = j.checked_sub(1)?;
                self.name(name)?;
                // `case X: y = 1` is a label, not a declaration.
                let before = name.checked_sub(1);
                if before.is_some_and(|b| self.is_ident(b, "case") || self.is_ident(b, "default")) {
                    return None;
                }
                return Some(name);
            }
            let t = self.text(j);
            let typeish = self.kind(j) == Some(Kind::Ident)
                || matches!(t, "." | "?" | "[" | "]" | "*" | "&" | "::" | "|");
            if !typeish || (self.line_break_before(j + 1) && j + 1 != op) {
                return None;
            }
            j = j.checked_sub(1)?;
        }
        None
    }

    /// The string constant assigned to `name` when the file assigns it
    /// exactly one constant value (`static final String P = "TLSv1";`,
    /// `let v = "..."`); `None` when it is never or ambiguously assigned.
    /// Cheap, certain constant resolution for the source extractors.
    pub fn sole_string_assigned(&self, name: &str) -> Option<String> {
        let values: Vec<String> = self
            .assignments()
            .into_iter()
            .filter(|a| self.path_text(&a.target) == name)
            .filter_map(|a| self.concat_value(a.value.0, a.value.1))
            .collect();
        match values.as_slice() {
            [v] => Some(v.clone()),
            _ => None,
        }
    }

    /// The constant string value of `s..e`: one literal, or literals joined
    /// by `+` (Java, C#, JavaScript, Kotlin), `.` (PHP, Perl) or
    /// juxtaposition (C, C++), in optional parentheses.
    pub fn concat_value(&self, s: usize, e: usize) -> Option<String> {
        let (s, e) = self.strip_parens(s, e);
        if s >= e {
            return None;
        }
        let mut out = String::new();
        let mut i = s;
        let mut want_str = true;
        while i < e {
            if want_str {
                out.push_str(self.str_value(i)?);
                want_str = false;
            } else if self.is_punct(i, "+") || self.is_punct(i, ".") {
                want_str = true;
            } else if self.kind(i) == Some(Kind::Str) {
                out.push_str(self.str_value(i)?);
            } else {
                return None;
            }
            i += 1;
        }
        (!want_str).then_some(out)
    }
}

/// Whether an unterminated token would have run over more than its line.
fn spans_lines(t: &Token, spec: &LexerSpec) -> bool {
    match t.kind {
        Kind::Comment => true,
        Kind::Str => match t.form {
            StrForm::Quoted => spec.multiline_strings,
            _ => true,
        },
        Kind::Regex => true,
        _ => false,
    }
}
