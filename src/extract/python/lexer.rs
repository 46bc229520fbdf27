//! A Python tokenizer: enough of the language's lexical grammar to tell code
//! from comments and strings, and to find logical lines and their
//! indentation.
//!
//! Covers comments, every string form (single, double and triple quotes;
//! prefixes `r b u f t` in any case and combination, Python 2's `ur`;
//! backslash escapes, which also hide a quote in raw strings; f-string
//! replacement fields, including PEP 701's nested same-quote strings),
//! backslash line continuations, brackets spanning lines, and Python 2
//! syntax (`print "x"`, backticks, `<>`), which simply lexes as names and
//! operators. Anything the grammar does not know becomes a one-character
//! operator token, so garbage never stops the lexer.
//!
//! The only error is a triple-quoted string that never ends: everything after
//! its opening quotes would be guessed, so the caller reports the file as
//! malformed at that line rather than reading text as code. A single-quoted
//! string that runs into the end of its line ends there (best effort), as do
//! unbalanced brackets (they make one long logical line).

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Name,
    Number,
    /// A string literal with its prefix and quotes.
    Str,
    /// An operator or delimiter (brackets included).
    Op,
    /// The end of a logical line.
    Newline,
}

/// How a string literal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StrForm {
    /// Bytes of prefix letters before the opening quote.
    pub prefix: usize,
    /// 1 or 3.
    pub quotes: usize,
    /// `f` (or PEP 750 `t`) prefix: parts of it are code, none is a constant.
    pub formatted: bool,
    pub terminated: bool,
}

/// One token: its kind and its byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// For the first token of a logical line: its indentation width (tabs
    /// advance to the next multiple of 8, as Python counts them).
    pub indent: Option<usize>,
    /// For `Kind::Str`.
    pub form: StrForm,
}

/// A triple-quoted string without its closing quotes (or f-strings nested
/// beyond reason), at byte offset `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub offset: usize,
    pub message: &'static str,
}

/// Nesting limit for strings inside f-string replacement fields.
const MAX_NESTING: usize = 32;

const OPS3: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
const OPS2: [&str; 20] = [
    "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>", "==", ">=",
    ">>", "@=", "^=", "|=",
];

/// Splits `text` into tokens. Comments and blank lines produce none; a
/// `Newline` token ends every logical line that has tokens.
pub fn tokenize(text: &str) -> Result<Vec<Token>, LexError> {
    let b = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    let mut at_line_start = true;
    let mut line_has_tokens = false;
    let mut pending_indent: Option<usize> = None;

    while i < b.len() {
        if at_line_start {
            at_line_start = false;
            let mut width = 0;
            while let Some(&c) = b.get(i) {
                match c {
                    b' ' => width += 1,
                    b'\t' => width = (width / 8 + 1) * 8,
                    0x0c => width = 0,
                    _ => break,
                }
                i += 1;
            }
            if depth == 0 && !line_has_tokens {
                pending_indent = Some(width);
            }
            continue;
        }
        let Some(&c) = b.get(i) else { break };
        let start = i;
        let mut push = |kind: Kind, end: usize, form: StrForm, tokens: &mut Vec<Token>| {
            let indent = if line_has_tokens {
                None
            } else {
                pending_indent.take().or(Some(0))
            };
            line_has_tokens = true;
            tokens.push(Token {
                kind,
                start,
                end,
                indent,
                form,
            });
        };
        match c {
            b' ' | b'\t' | 0x0c => i += 1,
            b'#' => {
                while let Some(&c) = b.get(i) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    i += 1;
                }
            }
            b'\n' | b'\r' => {
                i += if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                if depth == 0 && line_has_tokens {
                    tokens.push(newline(start));
                    line_has_tokens = false;
                }
                at_line_start = true;
            }
            b'\\' => match (b.get(i + 1), b.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n' | b'\r'), _) => i += 2,
                _ => {
                    i += 1;
                    push(Kind::Op, i, StrForm::default(), &mut tokens);
                }
            },
            b'\'' | b'"' => {
                let (end, form) = string_at(b, i, 0, 0)?;
                i = end;
                push(Kind::Str, i, form, &mut tokens);
            }
            b'0'..=b'9' => {
                i = number_end(b, i);
                push(Kind::Number, i, StrForm::default(), &mut tokens);
            }
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(b, i);
                push(Kind::Number, i, StrForm::default(), &mut tokens);
            }
            _ => {
                let rest = text.get(i..).unwrap_or("");
                let Some(ch) = rest.chars().next() else { break };
                if ch == '_' || ch.is_alphabetic() {
                    let len = rest
                        .char_indices()
                        .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
                        .map_or(rest.len(), |(at, _)| at);
                    let word = rest.get(..len).unwrap_or("");
                    if is_string_prefix(word) && matches!(b.get(i + len), Some(b'\'' | b'"')) {
                        let (end, form) = string_at(b, i, len, 0)?;
                        i = end;
                        push(Kind::Str, i, form, &mut tokens);
                    } else {
                        i += len;
                        push(Kind::Name, i, StrForm::default(), &mut tokens);
                    }
                } else {
                    let len = if OPS3.iter().any(|op| rest.starts_with(op)) {
                        3
                    } else if OPS2.iter().any(|op| rest.starts_with(op)) {
                        2
                    } else {
                        ch.len_utf8()
                    };
                    match c {
                        b'(' | b'[' | b'{' => depth += 1,
                        b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    i += len;
                    push(Kind::Op, i, StrForm::default(), &mut tokens);
                }
            }
        }
    }
    if line_has_tokens {
        tokens.push(newline(b.len()));
    }
    Ok(tokens)
}

fn newline(at: usize) -> Token {
    Token {
        kind: Kind::Newline,
        start: at,
        end: at,
        indent: None,
        form: StrForm::default(),
    }
}

/// Whether `word` is a string prefix (`r`, `b`, `u`, `f`, `t` and their
/// two-letter combinations, any case; `ur` is Python 2).
fn is_string_prefix(word: &str) -> bool {
    if word.len() > 2 {
        return false;
    }
    matches!(
        word.to_ascii_lowercase().as_str(),
        "r" | "u" | "b" | "f" | "t" | "br" | "rb" | "fr" | "rf" | "tr" | "rt" | "ur"
    )
}

fn number_end(b: &[u8], mut i: usize) -> usize {
    let hex = b.get(i) == Some(&b'0') && matches!(b.get(i + 1), Some(b'x' | b'X'));
    while let Some(&c) = b.get(i) {
        let sign_after_exponent = (c == b'+' || c == b'-')
            && !hex
            && matches!(i.checked_sub(1).and_then(|p| b.get(p)), Some(b'e' | b'E'));
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign_after_exponent {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The string literal whose prefix starts at `start` and whose opening quote
/// is `prefix` bytes later: its end offset and form.
fn string_at(
    b: &[u8],
    start: usize,
    prefix: usize,
    depth: usize,
) -> Result<(usize, StrForm), LexError> {
    let open = start + prefix;
    let quote = b.get(open).copied().unwrap_or(b'"');
    let triple = b.get(open + 1) == Some(&quote) && b.get(open + 2) == Some(&quote);
    let quotes = if triple { 3 } else { 1 };
    let formatted = b
        .get(start..open)
        .is_some_and(|p| p.iter().any(|c| matches!(c, b'f' | b'F' | b't' | b'T')));
    let q = Quote { ch: quote, triple };
    let (end, terminated) = scan_string(b, open, open + quotes, q, formatted, depth)?;
    Ok((
        end,
        StrForm {
            prefix,
            quotes,
            formatted,
            terminated,
        },
    ))
}

#[derive(Clone, Copy)]
struct Quote {
    ch: u8,
    triple: bool,
}

fn too_deep(offset: usize) -> LexError {
    LexError {
        offset,
        message: "strings nested in f-string replacement fields more than 32 levels deep",
    }
}

/// Scans a string body from `j` to its closing quote: (end, terminated).
fn scan_string(
    b: &[u8],
    open: usize,
    mut j: usize,
    q: Quote,
    formatted: bool,
    depth: usize,
) -> Result<(usize, bool), LexError> {
    if depth > MAX_NESTING {
        return Err(too_deep(open));
    }
    while let Some(&c) = b.get(j) {
        match c {
            b'\\' => j = skip_escape(b, j),
            b'\n' | b'\r' if !q.triple => return Ok((j, false)),
            _ if c == q.ch => {
                if !q.triple {
                    return Ok((j + 1, true));
                }
                if b.get(j + 1) == Some(&q.ch) && b.get(j + 2) == Some(&q.ch) {
                    return Ok((j + 3, true));
                }
                j += 1;
            }
            b'{' if formatted => {
                if b.get(j + 1) == Some(&b'{') {
                    j += 2;
                } else {
                    j = scan_field(b, j + 1, q, depth + 1)?;
                }
            }
            _ => j += 1,
        }
    }
    if q.triple {
        Err(LexError {
            offset: open,
            message: "triple-quoted string is never closed",
        })
    } else {
        Ok((b.len(), false))
    }
}

/// Skips a backslash and the character it escapes (a CRLF counts as one).
fn skip_escape(b: &[u8], j: usize) -> usize {
    if b.get(j + 1) == Some(&b'\r') && b.get(j + 2) == Some(&b'\n') {
        j + 3
    } else {
        j + 2
    }
}

/// Scans an f-string replacement field from just after its `{` to just
/// after its `}`. Stops early (without consuming) at a line end in a
/// single-quoted string, leaving the enclosing scan to end the string.
fn scan_field(b: &[u8], mut j: usize, q: Quote, depth: usize) -> Result<usize, LexError> {
    if depth > MAX_NESTING {
        return Err(too_deep(j));
    }
    let field_start = j;
    let mut brackets = 0usize;
    while let Some(&c) = b.get(j) {
        match c {
            b'(' | b'[' | b'{' => {
                brackets += 1;
                j += 1;
            }
            b')' | b']' => {
                brackets = brackets.saturating_sub(1);
                j += 1;
            }
            b'}' => {
                if brackets == 0 {
                    return Ok(j + 1);
                }
                brackets -= 1;
                j += 1;
            }
            b'!' if b.get(j + 1) == Some(&b'=') => j += 2,
            b':' if brackets == 0 && b.get(j + 1) != Some(&b'=') => {
                return scan_format_spec(b, j + 1, q, depth);
            }
            b'\n' | b'\r' if !q.triple => return Ok(j),
            b'\\' => j = skip_escape(b, j),
            b'\'' | b'"' => {
                if c == q.ch && !q.triple && b.get(j + 1) != Some(&c) {
                    // Before Python 3.12 this quote ends the enclosing
                    // string; from 3.12 it may open a nested one. Nested
                    // strings in one-line f-strings are rare, a quote
                    // closing a malformed field is not: end the field.
                    if !nested_quote_closes(b, j, c) {
                        return Ok(j);
                    }
                }
                let mut p = j;
                while p > field_start
                    && b.get(p - 1).is_some_and(u8::is_ascii_alphabetic)
                    && j - (p - 1) <= 2
                {
                    p -= 1;
                }
                let prefix = b.get(p..j).unwrap_or(&[]);
                let formatted = prefix.len() <= 2
                    && prefix
                        .iter()
                        .any(|c| matches!(c, b'f' | b'F' | b't' | b'T'));
                let triple = b.get(j + 1) == Some(&c) && b.get(j + 2) == Some(&c);
                let inner = Quote { ch: c, triple };
                let body = j + if triple { 3 } else { 1 };
                let (end, _) = scan_string(b, j, body, inner, formatted, depth + 1)?;
                j = end;
            }
            _ => j += 1,
        }
    }
    Ok(j)
}

/// For a quote inside a one-line f-string's field that matches the
/// enclosing quote: whether a second such quote follows on the same line
/// before the field's `}` could end, i.e. whether it plausibly opens a
/// PEP 701 nested string (`f"{d["k"]}"`).
fn nested_quote_closes(b: &[u8], j: usize, quote: u8) -> bool {
    let mut k = j + 1;
    while let Some(&c) = b.get(k) {
        match c {
            b'\n' | b'\r' => return false,
            b'\\' => k = skip_escape(b, k),
            _ if c == quote => {
                // The nested string closes here; a `}` must follow later on
                // the line for the field to end.
                return b
                    .get(k + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&c| c != b'\n' && c != b'\r')
                    .any(|&c| c == b'}');
            }
            _ => k += 1,
        }
    }
    false
}

/// Scans a format spec (after the `:` of a field) to just after the field's
/// closing `}`; nested `{...}` fields are scanned as fields.
fn scan_format_spec(b: &[u8], mut j: usize, q: Quote, depth: usize) -> Result<usize, LexError> {
    while let Some(&c) = b.get(j) {
        match c {
            b'}' => return Ok(j + 1),
            b'{' => j = scan_field(b, j + 1, q, depth + 1)?,
            b'\\' => j = skip_escape(b, j),
            b'\n' | b'\r' if !q.triple => return Ok(j),
            _ if c == q.ch => {
                if !q.triple || (b.get(j + 1) == Some(&c) && b.get(j + 2) == Some(&c)) {
                    return Ok(j);
                }
                j += 1;
            }
            _ => j += 1,
        }
    }
    Ok(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(src: &str) -> Vec<(Kind, String)> {
        tokenize(src)
            .unwrap_or_default()
            .iter()
            .map(|t| (t.kind, src.get(t.start..t.end).unwrap_or("").to_owned()))
            .collect()
    }

    fn texts(src: &str, kind: Kind) -> Vec<String> {
        kinds_and_text(src)
            .into_iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn comments_produce_nothing() {
        let src = "# ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nx = 1  # PROTOCOL_TLSv1\n";
        assert_eq!(texts(src, Kind::Name), vec!["x"]);
    }

    #[test]
    fn string_forms() {
        let src = r#"a = 'x' "y" '''z
PROTOCOL_TLSv1''' """w""" r'\'' b"\"" rb'q' Rb"q" f"{x}" fr'{y}' u'v' ur'v' t"{z}""#;
        let strings = texts(src, Kind::Str);
        assert_eq!(strings.len(), 13, "{strings:?}");
        assert_eq!(texts(src, Kind::Name), vec!["a"]);
    }

    #[test]
    fn fstring_fields_with_nested_quotes() {
        // PEP 701 (3.12): the same quote nests inside a field.
        let src = "s = f\"{d[\"PROTOCOL_TLSv1\"]} and {x!r:>{w}}\"\nctx = 1\n";
        assert_eq!(texts(src, Kind::Name), vec!["s", "ctx"]);
        let src = "s = f'{a}' 'PROTOCOL_TLSv1'\nb = f\"{'}'}\"\nc = 2\n";
        assert_eq!(texts(src, Kind::Name), vec!["s", "b", "c"]);
        // Doubled braces are literal.
        let src = "s = f'{{ssl.PROTOCOL_TLSv1}}'\nd = 3\n";
        assert_eq!(texts(src, Kind::Name), vec!["s", "d"]);
    }

    #[test]
    fn fstring_forms_keep_the_lexer_in_sync() {
        let forms = [
            r#"f"{x!r}""#,
            r#"f"{x:{'>'}10}""#,
            r#"f'{a["b"]}'"#,
            r#"f"{'a' if x else 'b'}""#,
            r#"f"{{}}""#,
            r#"f"{x:%Y-%m-%d}""#,
            r#"f"{x=}""#,
            "f\"\"\"{x\n}\"\"\"",
            r#"rf"\d{x}\"""#,
            r#"f"{d['key']:>10}""#,
            r#"f"{x!s:^{w}}""#,
            r#"f"{a != b}""#,
            r#"F'{"nested " f"{deep}"}'"#,
            r#"f"{x:'>10}""#,
            r#"f'''{"""inner"""}'''"#,
        ];
        for form in forms {
            let src = format!("a = {form}\nafter = 1\n");
            assert_eq!(texts(&src, Kind::Name), vec!["a", "after"], "{form}");
            assert_eq!(texts(&src, Kind::Str).len(), 1, "{form}");
        }
    }

    #[test]
    fn continuation_and_brackets_join_lines() {
        let src = "ctx = ssl.SSLContext(\n    ssl.PROTOCOL_TLSv1,\n)\nx = a + \\\n  b\ny = 2\n";
        let toks = tokenize(src).unwrap_or_default();
        let newlines = toks.iter().filter(|t| t.kind == Kind::Newline).count();
        assert_eq!(newlines, 3);
        let indents: Vec<_> = toks.iter().filter_map(|t| t.indent).collect();
        assert_eq!(indents, vec![0, 0, 0]);
    }

    #[test]
    fn indentation_of_logical_lines() {
        let src = "def f():\n    # comment\n\n\tx = 1\n        y = (1,\n2)\n";
        let toks = tokenize(src).unwrap_or_default();
        let indents: Vec<_> = toks.iter().filter_map(|t| t.indent).collect();
        assert_eq!(indents, vec![0, 8, 8]);
    }

    #[test]
    fn python2_and_garbage_do_not_stop_the_lexer() {
        let src =
            "print \"x\"\nif a <> b: print `a`\nexec 'y'\n$ ? \u{1F600} 0777L 1e-5 0x1fL .5j\n";
        let names = texts(src, Kind::Name);
        assert_eq!(names, vec!["print", "if", "a", "b", "print", "a", "exec"]);
        assert!(texts(src, Kind::Op).contains(&"<>".to_owned()));
        assert_eq!(texts(src, Kind::Number).len(), 4);
    }

    #[test]
    fn unterminated_strings() {
        // One-line strings end at the line end; the next line is code.
        let src = "a = 'open\nb = 1\n";
        assert_eq!(texts(src, Kind::Name), vec!["a", "b"]);
        let err = tokenize("x = 1\ns = \"\"\"never closed\nctx = 2\n");
        assert_eq!(err.map_err(|e| e.offset), Err(10));
        assert!(tokenize("s = f'{").is_ok());
        assert!(tokenize("'\\").is_ok());
        assert!(tokenize("\\").is_ok());
    }

    #[test]
    fn deep_fstring_nesting_is_an_error_not_a_crash() {
        let mut src = String::new();
        for _ in 0..200 {
            src.push_str("f'{");
        }
        assert!(tokenize(&src).is_ok());
        let mut triple = String::new();
        for _ in 0..200 {
            triple.push_str("f'''{");
        }
        assert!(tokenize(&triple).is_err());
    }
}
