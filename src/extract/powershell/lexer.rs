//! A PowerShell tokenizer: enough of the language's lexical grammar
//! (about_Parsing, about_Quoting_Rules, about_Comments, about_Special_Characters)
//! to tell code from comments and strings.
//!
//! Covers `#` line comments (only at the start of a token: `a#b` is one
//! word) and `<# ... #>` block comments; single-quoted strings (`''` is a
//! quote), double-quoted strings (backtick escapes, `""`, `$var` and
//! `$( ... )` subexpressions, which may hold strings of their own), both
//! here-string forms (`@'`/`@"` at the end of a line, closed by `'@`/`"@` at
//! the start of a line), the typographic quotes PowerShell accepts as well
//! (‘ ’ ‚ ‛ and “ ” „), backtick line continuation, variables (`$name`,
//! `$env:X`, `${any name}`), splatting (`@name`), type literals
//! (`[Net.ServicePointManager]`), parameters and dash operators (`-Port`,
//! `-bor`), member access (`.Name` right after a value) and the static
//! member operator `::`. Newlines end statements except inside `( )` and
//! `[ ]` (as in PowerShell); inside `{ }` they do.
//!
//! Errors: a string, here-string or block comment that never ends. Anything
//! else unusual is lexed best-effort (unknown characters become one-character
//! operators).

use crate::extract::ExtractError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bareword: command name, argument, member name, number.
    Word,
    /// `$name`; `text` is the name without `$` or braces.
    Variable,
    /// `@name` (splatting); `text` is the name.
    Splat,
    /// A string; `text` is its value (escapes applied), `literal` says
    /// whether it expands nothing (`'x'`, or `"x"` without `$`).
    Str,
    /// `[Type.Name]`; `text` is the name.
    Type,
    /// `-Name` (parameter or dash operator); `text` is the name without the
    /// dash and without a trailing `:`.
    Param,
    /// Operators and punctuation: `= += -= :: . , ; | ( ) { } [ ] @( @{ $(`.
    Op,
    /// The end of a statement line.
    Newline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub text: String,
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
    /// For strings: no variable or subexpression expansion.
    pub literal: bool,
    /// For parameters written `-Name:value`.
    pub colon: bool,
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}')
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Characters that end a bareword.
fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')' | '{' | '}' | '[' | ']' | ';' | ',' | '|' | '&' | '=' | '<' | '>' | '$'
        )
        || is_single_quote(c)
        || is_double_quote(c)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    tokens: Vec<Token>,
    /// Open brackets: `(`, `[` or `{`.
    stack: Vec<char>,
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Result<Vec<Token>, (String, usize)> {
    let mut lx = Lexer {
        text,
        pos: 0,
        tokens: Vec::new(),
        stack: Vec::new(),
    };
    lx.run()?;
    Ok(lx.tokens)
}

/// The error for an unterminated construct starting at byte `offset`.
pub fn error_at(text: &str, message: &str, offset: usize) -> ExtractError {
    let line = text[..offset.min(text.len())].matches('\n').count() + 1;
    ExtractError::new(message, Some(line))
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn push(&mut self, kind: Kind, text: String, start: usize) {
        self.tokens.push(Token {
            kind,
            text,
            start,
            end: self.pos,
            literal: false,
            colon: false,
        });
    }

    /// Whether the previous token ends right here (no blank between), and
    /// is a value a `.`/`[` can apply to.
    fn follows_value(&self, at: usize) -> bool {
        self.tokens.last().is_some_and(|t| {
            t.end == at
                && match t.kind {
                    Kind::Variable | Kind::Str | Kind::Type => true,
                    Kind::Word => true,
                    Kind::Op => t.text == ")" || t.text == "]",
                    _ => false,
                }
        })
    }

    fn newline_ends_statement(&self) -> bool {
        !matches!(self.stack.last(), Some('(' | '['))
    }

    fn run(&mut self) -> Result<(), (String, usize)> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                '\n' | '\r' => {
                    self.bump();
                    if self.newline_ends_statement()
                        && !matches!(self.tokens.last(), Some(t) if t.kind == Kind::Newline)
                    {
                        self.push(Kind::Newline, String::new(), start);
                    }
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                '`' => {
                    // Line continuation, or an escaped character in a word.
                    self.bump();
                    match self.peek() {
                        Some('\r') => {
                            self.bump();
                            if self.peek() == Some('\n') {
                                self.bump();
                            }
                        }
                        Some('\n') => {
                            self.bump();
                        }
                        _ => {
                            // An escaped character starts a bareword.
                            self.bump();
                            self.word(start);
                        }
                    }
                }
                '#' => self.skip_line(),
                '<' if self.peek_at(1) == Some('#') => self.block_comment(start)?,
                c if is_single_quote(c) => self.single_string(start)?,
                c if is_double_quote(c) => self.double_string(start)?,
                '@' => self.at(start)?,
                '$' => self.dollar(start)?,
                '[' => self.bracket(start),
                '(' | '{' => {
                    self.bump();
                    self.stack.push(c);
                    self.push(Kind::Op, c.to_string(), start);
                }
                ')' | ']' | '}' => {
                    self.bump();
                    let open = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if let Some(i) = self.stack.iter().rposition(|&o| o == open) {
                        self.stack.truncate(i);
                    }
                    self.push(Kind::Op, c.to_string(), start);
                }
                ':' if self.peek_at(1) == Some(':') => {
                    self.bump();
                    self.bump();
                    self.push(Kind::Op, "::".to_owned(), start);
                }
                '.' if self.follows_value(start)
                    && self.peek_at(1).is_some_and(|n| is_name_char(n) || n == '$') =>
                {
                    self.bump();
                    self.push(Kind::Op, ".".to_owned(), start);
                }
                '=' | ';' | ',' | '|' | '&' | '!' | '>' | '<' => {
                    self.bump();
                    if c == '=' && self.peek() == Some('=') {
                        self.bump();
                    }
                    self.push(Kind::Op, c.to_string(), start);
                }
                '+' | '*' | '/' | '%' if self.peek_at(1) == Some('=') => {
                    self.bump();
                    self.bump();
                    self.push(Kind::Op, format!("{c}="), start);
                }
                c if is_dash(c) => self.dash(start),
                '+' | '*' | '/' | '%' => {
                    self.bump();
                    self.push(Kind::Op, c.to_string(), start);
                }
                _ => self.word(start),
            }
        }
        Ok(())
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' || c == '\r' {
                break;
            }
            self.bump();
        }
    }

    fn block_comment(&mut self, start: usize) -> Result<(), (String, usize)> {
        match self.text[self.pos + 2..].find("#>") {
            Some(i) => {
                self.pos += 2 + i + 2;
                Ok(())
            }
            None => Err(("block comment `<#` without `#>`".to_owned(), start)),
        }
    }

    fn word(&mut self, start: usize) {
        while let Some(c) = self.peek() {
            if c == '`' {
                self.bump();
                self.bump();
                continue;
            }
            if ends_word(c) {
                break;
            }
            // `a.b` stays one word; `::` ends it (`[T]::M` never reaches here).
            if c == ':' && self.peek_at(1) == Some(':') {
                break;
            }
            self.bump();
        }
        let text = self.text[start..self.pos].replace('`', "");
        self.push(Kind::Word, text, start);
    }

    fn dash(&mut self, start: usize) {
        self.bump();
        match self.peek() {
            Some('=') => {
                self.bump();
                self.push(Kind::Op, "-=".to_owned(), start);
            }
            Some(c) if c.is_alphabetic() || c == '_' || c == '?' => {
                let name_start = self.pos;
                while let Some(c) = self.peek() {
                    if is_name_char(c) || c == '-' || c == '?' {
                        self.bump();
                    } else {
                        break;
                    }
                }
                let name = self.text[name_start..self.pos].to_owned();
                let colon = self.peek() == Some(':') && self.peek_at(1) != Some(':');
                if colon {
                    self.bump();
                }
                self.push(Kind::Param, name, start);
                if let Some(t) = self.tokens.last_mut() {
                    t.colon = colon;
                }
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.word(start),
            _ => self.push(Kind::Op, "-".to_owned(), start),
        }
    }

    fn at(&mut self, start: usize) -> Result<(), (String, usize)> {
        match self.peek_at(1) {
            Some(q) if is_single_quote(q) || is_double_quote(q) => {
                // A here-string only when the quote ends its line.
                let after = self.pos + 1 + q.len_utf8();
                let rest_of_line = self.text[after..].split('\n').next().unwrap_or("");
                if rest_of_line.trim().is_empty() {
                    return self.here_string(start, is_single_quote(q), after);
                }
                self.bump();
                self.push(Kind::Op, "@".to_owned(), start);
                Ok(())
            }
            Some(c @ ('(' | '{')) => {
                self.bump();
                self.bump();
                self.stack.push(c);
                self.push(Kind::Op, format!("@{c}"), start);
                Ok(())
            }
            Some(c) if is_name_char(c) => {
                self.bump();
                let name_start = self.pos;
                while self.peek().is_some_and(is_name_char) {
                    self.bump();
                }
                let name = self.text[name_start..self.pos].to_owned();
                self.push(Kind::Splat, name, start);
                Ok(())
            }
            _ => {
                self.bump();
                self.push(Kind::Op, "@".to_owned(), start);
                Ok(())
            }
        }
    }

    fn here_string(
        &mut self,
        start: usize,
        single: bool,
        after_quote: usize,
    ) -> Result<(), (String, usize)> {
        let body_start = match self.text[after_quote..].find('\n') {
            Some(i) => after_quote + i + 1,
            None => return Err(("here-string without its closing line".to_owned(), start)),
        };
        // The closing quote and `@` at the very start of a line.
        let mut line_start = body_start;
        loop {
            let line = &self.text[line_start..];
            let mut chars = line.chars();
            if let (Some(q), Some('@')) = (chars.next(), chars.next()) {
                let matches = if single {
                    is_single_quote(q)
                } else {
                    is_double_quote(q)
                };
                if matches {
                    let body_end = line_start.saturating_sub(1);
                    let body = self.text[body_start..body_end.max(body_start)]
                        .trim_end_matches('\r')
                        .to_owned();
                    self.pos = line_start + q.len_utf8() + 1;
                    let literal = single || !expands(&body);
                    self.push(Kind::Str, body, start);
                    if let Some(t) = self.tokens.last_mut() {
                        t.literal = literal;
                    }
                    return Ok(());
                }
            }
            match line.find('\n') {
                Some(i) => line_start += i + 1,
                None => return Err(("here-string without its closing line".to_owned(), start)),
            }
        }
    }

    fn single_string(&mut self, start: usize) -> Result<(), (String, usize)> {
        self.bump();
        let mut value = String::new();
        loop {
            match self.bump() {
                None => return Err(("string without its closing quote".to_owned(), start)),
                Some(c) if is_single_quote(c) => {
                    if self.peek().is_some_and(is_single_quote) {
                        self.bump();
                        value.push(c);
                    } else {
                        break;
                    }
                }
                Some(c) => value.push(c),
            }
        }
        self.push(Kind::Str, value, start);
        if let Some(t) = self.tokens.last_mut() {
            t.literal = true;
        }
        Ok(())
    }

    fn double_string(&mut self, start: usize) -> Result<(), (String, usize)> {
        self.bump();
        let mut value = String::new();
        let mut literal = true;
        loop {
            match self.bump() {
                None => return Err(("string without its closing quote".to_owned(), start)),
                Some('`') => match self.bump() {
                    Some(e) => value.push(match e {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '0' => '\0',
                        other => other,
                    }),
                    None => return Err(("string without its closing quote".to_owned(), start)),
                },
                Some(c) if is_double_quote(c) => {
                    if self.peek().is_some_and(is_double_quote) {
                        self.bump();
                        value.push(c);
                    } else {
                        break;
                    }
                }
                Some('$') => match self.peek() {
                    Some('(') => {
                        literal = false;
                        value.push('$');
                        let sub_start = self.pos;
                        self.skip_subexpression(start)?;
                        value.push_str(&self.text[sub_start..self.pos]);
                    }
                    Some(c) if is_name_char(c) || c == '{' || c == '?' || c == '^' => {
                        literal = false;
                        value.push('$');
                    }
                    _ => value.push('$'),
                },
                Some(c) => value.push(c),
            }
        }
        self.push(Kind::Str, value, start);
        if let Some(t) = self.tokens.last_mut() {
            t.literal = literal;
        }
        Ok(())
    }

    /// Skips `( ... )` of a `$( )` inside a string, strings included.
    fn skip_subexpression(&mut self, string_start: usize) -> Result<(), (String, usize)> {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '(' => {
                    depth += 1;
                    self.bump();
                }
                ')' => {
                    self.bump();
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                c if is_single_quote(c) => {
                    let s = self.pos;
                    let before = self.tokens.len();
                    self.single_string(s)?;
                    self.tokens.truncate(before);
                }
                c if is_double_quote(c) => {
                    let s = self.pos;
                    let before = self.tokens.len();
                    self.double_string(s)?;
                    self.tokens.truncate(before);
                }
                '`' => {
                    self.bump();
                    self.bump();
                }
                _ => {
                    self.bump();
                }
            }
        }
        Err(("string without its closing quote".to_owned(), string_start))
    }

    fn dollar(&mut self, start: usize) -> Result<(), (String, usize)> {
        self.bump();
        match self.peek() {
            Some('(') => {
                self.bump();
                self.stack.push('(');
                self.push(Kind::Op, "$(".to_owned(), start);
            }
            Some('{') => {
                self.bump();
                let name_start = self.pos;
                while let Some(c) = self.peek() {
                    if c == '}' {
                        break;
                    }
                    if c == '`' {
                        self.bump();
                    }
                    self.bump();
                }
                let name = self.text[name_start..self.pos].to_owned();
                if self.bump().is_none() {
                    return Err(("variable `${` without `}`".to_owned(), start));
                }
                self.push(Kind::Variable, name, start);
            }
            Some(c) if is_name_char(c) => {
                let name_start = self.pos;
                while let Some(c) = self.peek() {
                    let scope_colon = c == ':'
                        && self.peek_at(1).is_some_and(is_name_char)
                        && !self.text[name_start..self.pos].contains(':');
                    if is_name_char(c) || scope_colon {
                        self.bump();
                    } else {
                        break;
                    }
                }
                let name = self.text[name_start..self.pos].to_owned();
                self.push(Kind::Variable, name, start);
            }
            Some(c @ ('$' | '?' | '^' | '_')) => {
                self.bump();
                self.push(Kind::Variable, c.to_string(), start);
            }
            _ => self.push(Kind::Word, "$".to_owned(), start),
        }
        Ok(())
    }

    /// `[`: a type literal when it is not an index and holds a type name.
    fn bracket(&mut self, start: usize) {
        if !self.follows_value(start) {
            if let Some((name, len)) = type_literal(&self.text[start..]) {
                self.pos += len;
                self.push(Kind::Type, name, start);
                return;
            }
        }
        self.bump();
        self.stack.push('[');
        self.push(Kind::Op, "[".to_owned(), start);
    }
}

/// `[Name.Space.Type]`, `[string[]]`, `[List[string]]` at the start of
/// `text`: the name and the literal's byte length.
fn type_literal(text: &str) -> Option<(String, usize)> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let inner = text[1..i].trim();
                    let first = inner.chars().next()?;
                    let ok = (first.is_alphabetic() || first == '_')
                        && inner.chars().all(|c| {
                            is_name_char(c) || matches!(c, '.' | '[' | ']' | ',' | ' ' | '`' | '+')
                        });
                    return ok.then(|| (inner.to_owned(), i + 1));
                }
            }
            '\n' | '\r' => return None,
            _ => {}
        }
    }
    None
}

/// Whether a double-quoted string body expands a variable or subexpression.
fn expands(body: &str) -> bool {
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                chars.next();
            }
            '$' if chars
                .peek()
                .is_some_and(|&n| is_name_char(n) || matches!(n, '(' | '{' | '?' | '^')) =>
            {
                return true;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        tokenize(text)
            .unwrap_or_else(|(m, _)| panic!("{m}"))
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn comments_and_words() {
        let t = kinds("echo a#b # comment\n<# block\n [Net.ServicePointManager]::SecurityProtocol = 'Tls' #>\nx");
        assert_eq!(
            t,
            vec![
                (Kind::Word, "echo".to_owned()),
                (Kind::Word, "a#b".to_owned()),
                (Kind::Newline, String::new()),
                (Kind::Word, "x".to_owned()),
            ]
        );
    }

    #[test]
    fn strings_and_here_strings() {
        let t = kinds("'it''s' \"a `\"q`\" $x $(f \"in\")\" @'\n[Net.ServicePointManager]::SecurityProtocol = 'Tls'\n'@\n@\"\nplain\n\"@");
        assert_eq!(t[0], (Kind::Str, "it's".to_owned()));
        assert_eq!(t[1].0, Kind::Str);
        assert!(t[1].1.starts_with("a \"q\" $x $(f \"in\")"));
        assert_eq!(t[2].0, Kind::Str);
        assert_eq!(
            t[2].1,
            "[Net.ServicePointManager]::SecurityProtocol = 'Tls'"
        );
        assert_eq!(t[3], (Kind::Newline, String::new()));
        assert_eq!(t[4], (Kind::Str, "plain".to_owned()));
        let toks = tokenize("'a' \"b\" \"$c\"").unwrap_or_default();
        assert_eq!(
            toks.iter().map(|t| t.literal).collect::<Vec<_>>(),
            vec![true, true, false]
        );
    }

    #[test]
    fn types_members_params_variables() {
        let t = kinds("[System.Net.ServicePointManager]::SecurityProtocol = $a.Host -bor $env:X; Send-MailMessage -UseSsl:$false @p $x[0] ${my var}");
        let kinds_only: Vec<Kind> = t.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds_only,
            vec![
                Kind::Type,
                Kind::Op,
                Kind::Word,
                Kind::Op,
                Kind::Variable,
                Kind::Op,
                Kind::Word,
                Kind::Param,
                Kind::Variable,
                Kind::Op,
                Kind::Word,
                Kind::Param,
                Kind::Variable,
                Kind::Splat,
                Kind::Variable,
                Kind::Op,
                Kind::Word,
                Kind::Op,
                Kind::Variable,
            ]
        );
        assert_eq!(t[0].1, "System.Net.ServicePointManager");
        assert_eq!(t[8].1, "env:X");
        assert_eq!(t[11].1, "UseSsl");
        assert_eq!(t[18].1, "my var");
    }

    #[test]
    fn escaped_quotes_in_arguments() {
        let t = kinds("& \"C:\\x.exe\" `\"$S`\" $a\nnext");
        assert_eq!(t[1], (Kind::Str, "C:\\x.exe".to_owned()));
        assert_eq!(t[2], (Kind::Word, "\"".to_owned()));
        assert_eq!(t[3], (Kind::Variable, "S".to_owned()));
        assert_eq!(t.last(), Some(&(Kind::Word, "next".to_owned())));
    }

    #[test]
    fn continuation_and_brackets() {
        let t = kinds("Send-MailMessage `\n  -Port 587\n(1,\n2)\n{\n}");
        let newlines = t.iter().filter(|(k, _)| *k == Kind::Newline).count();
        assert_eq!(newlines, 3);
    }

    #[test]
    fn unterminated_constructs_are_errors() {
        for (text, offset) in [
            ("x\n'abc", 2),
            ("\"abc", 0),
            ("<# x", 0),
            ("@'\nabc\n", 0),
            ("\"$(x\"", 4),
        ] {
            let err = tokenize(text).err().unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(err.1, offset, "{text:?}");
        }
        for garbage in [
            "`", "$", "@", "[", "]]]", "-", "\u{201c}", "[a\n]", "$(", "${", "@\"x",
        ] {
            let _ = tokenize(garbage);
        }
    }
}
