//! A configurable lexer for C-family and scripting languages: tells code
//! from comments and strings, with byte spans for every token, so that
//! source extractors never read prose, log messages or commented-out code
//! as settings.
//!
//! One lexer, one [`LexerSpec`] per language ([`spec::C`], [`spec::CPP`],
//! [`spec::JAVA`], [`spec::KOTLIN`], [`spec::CSHARP`], [`spec::JAVASCRIPT`],
//! [`spec::TYPESCRIPT`], [`spec::GO`], [`spec::RUST`], [`spec::PHP`],
//! [`spec::RUBY`], [`spec::PERL`]), all in the one table in [`spec`].
//!
//! # Use
//!
//! ```
//! use tlsfloor::extract::common::code_lexer::{spec, Code};
//! let code = Code::new(r#"props.put("mail.imaps.ssl.protocols", "TLSv1"); // "TLSv1.2""#, &spec::JAVA);
//! let call = code.calls().into_iter().find(|c| code.path_text(&c.path) == "props.put").unwrap();
//! let key = call.args[0].single().and_then(|t| code.str_value(t));
//! assert_eq!(key, Some("mail.imaps.ssl.protocols"));
//! assert_eq!(code.comments.len(), 1);
//! ```
//!
//! - [`lex`] returns every token in source order, comments included.
//! - [`Code::new`] lexes and keeps the code tokens (no comments, no inline
//!   text) in `toks`, with matched brackets, line-break flags, and helpers:
//!   [`Code::calls`] / [`Code::call`] (callee path, `new`, arguments with
//!   their `key:` / `key =` / `key =>` names, and a `declaration` flag for
//!   `void f(...)`-like definitions), [`Code::items`] (the
//!   comma-separated entries of any bracket group: arrays, `{...}`
//!   literals), [`Code::assignments`] (target path and value of `=`, `:=`,
//!   `+=`, ... including typed declarations `val x: T = v`),
//!   [`Code::expr_end`], [`Code::path_back`], [`Code::str_value`],
//!   [`Code::concat_value`] (`"a" + "b"`, `"a" "b"`).
//!   [`Code::statement_end`] and [`Code::args_in`] read paren-less calls
//!   (Ruby, Perl). All token positions are indices into `toks`; byte spans
//!   are in each [`Token`]: report them with
//!   `SourceFile::location(tok.start, tok.end)` (or `Code::span(s, e)` for a
//!   token range).
//!
//! # Tokens
//!
//! [`Kind::Ident`], [`Kind::Number`], [`Kind::Str`], [`Kind::Char`],
//! [`Kind::Regex`], [`Kind::Punct`], [`Kind::Comment`], [`Kind::Text`]
//! (PHP's inline HTML, data after `__END__`). A string token's `start..end`
//! is its raw span (prefix and quotes included); `value` is its content with
//! escapes resolved, or `None` when it is not a constant (interpolation, an
//! unterminated literal). Identifiers written with decoration (Kotlin
//! `` `name` ``, C# `@class`, Rust `r#type`) carry the bare name in `value`.
//!
//! Interpolated strings whose holes hold code (JavaScript `${}`, Kotlin
//! `${}`, C# `{}`, Ruby `#{}`, PHP `{$}`/`${}`) are split into parts: a
//! `Str` part ([`Part::Head`]), the hole opener as punctuation (`${`, `#{`,
//! `{`), the hole's code tokens, the closing `}`, then further parts up to
//! the [`Part::Tail`]. Openers and closers match like brackets, so a hole's
//! commas never split call arguments. References without braces (`$name`,
//! Perl `@list`, Ruby `#@ivar`) stay inside one `Str` token whose `value`
//! is `None`. Heredoc bodies are read line-wise and never split: the token
//! sits at the opener (`<<~EOS`) with the body span in `body`.
//!
//! # Heuristics (best effort, by design)
//!
//! - Regex literals (`regex` specs) and Ruby percent literals and Ruby/Perl
//!   heredocs start only where an operand may start: at the beginning, or
//!   after punctuation other than `)`, `]`, `}`, or after one of the spec's
//!   `operand_keywords` (`return`, `split`, ...). In Ruby and Perl a word
//!   followed by whitespace and then the literal with no space after its
//!   first character is a command call (`split /,/`, `puts <<EOS`,
//!   `puts %w[a b]`); `a / b` and `a /b` after a sigil variable stay
//!   division. A `/.../` regex must end on its line, else the `/` is
//!   punctuation.
//! - Perl quote-like words are plain words when followed by `=>`, `,`, `;`,
//!   `)` or `=`, after `->` or `sub`, or as a hash key (`{s}`).
//! - A `'` that does not form a char literal within a few characters on
//!   its line is punctuation (C `#error don't`), and in Rust it starts a
//!   lifetime.
//! - C#'s format specifier in an interpolation hole (`{when:yyyy-MM-dd}`) is
//!   skipped as text.
//! - Not modelled: JSX text (a `/` or `'` in it may start a regex or a
//!   string up to the line end), Ruby `?a` character literals, Perl's old
//!   `'` package separator, C/C++ preprocessor semantics (`#define` lines
//!   are ordinary tokens), PHP and Perl variable interpolation inside
//!   strings beyond making the value unknown.
//! - `Call::declaration` marks `void f(...)`-like definitions (a one-name
//!   path after a word that is not an operand keyword, or after `>`/`]`);
//!   skip them when looking for calls.
//!
//! # Guarantees
//!
//! Linear time: every byte is looked at a bounded number of times (raw
//! string and heredoc terminators included). No recursion: interpolation
//! holes and bracket matching use explicit stacks on the heap, so deep
//! nesting cannot overflow the call stack. Never panics: any input, valid
//! or not, gives tokens; constructs that never end are marked
//! `terminated: false` and run to the end of their line (one-line strings)
//! or of the file (block comments, text blocks, heredocs, raw strings).
//! [`Code::unterminated`] reports the first multi-line one, for extractors
//! that treat it as a malformed file.

mod code;
mod scan;
pub mod spec;
#[cfg(test)]
mod tests;

pub use code::{Arg, Assign, Call, Code, Path};
pub use spec::LexerSpec;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword (with sigils where the spec allows them in
    /// names: `$x` in PHP/Perl, `@x` in Ruby).
    Ident,
    Number,
    /// A string literal or a part of an interpolated one.
    Str,
    /// A character literal (`'a'`).
    Char,
    /// A regex literal (`/x/i`, Perl `s/a/b/`, Ruby `%r{x}`).
    Regex,
    /// Operators, delimiters, brackets, interpolation hole openers.
    Punct,
    Comment,
    /// Text outside the code: PHP's inline HTML, data after `__END__`.
    Text,
}

/// How a string literal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrForm {
    /// `"..."` / `'...'` with the language's escapes.
    Quoted,
    /// No escapes: Rust `r"..."`, C++ `R"(...)"`, Go backticks, Kotlin and
    /// C# raw strings, nowdoc and single-quoted heredocs.
    Raw,
    /// C# `@"..."` (`""` is a quote).
    Verbatim,
    /// Java text block.
    TextBlock,
    /// JavaScript template literal.
    Template,
    Heredoc,
    /// Perl `q()`/`qq{}`, Ruby `%q()`/`%Q()`/`%()`/`%s()`.
    QuoteLike,
    /// Word lists: Perl `qw()`, Ruby `%w[]`/`%W[]`/`%i[]`/`%I[]`; `value`
    /// is the raw content (split it on whitespace).
    Words,
    /// Shell command: backticks in Ruby/Perl/PHP, Perl `qx`, Ruby `%x`.
    Command,
}

/// Which part of a string with interpolation holes a `Str` token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole literal (no holes).
    Whole,
    /// From the opening quote to the first hole.
    Head,
    /// Between two holes.
    Middle,
    /// From the last hole to the closing quote.
    Tail,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Byte offset of the first byte (a string's prefix and opening quote
    /// included).
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// `Str`/`Char`: the content with escapes resolved, `None` when not a
    /// constant. `Ident`: the bare name of a decorated identifier.
    pub value: Option<String>,
    /// For `Str` (and `Regex`: `Quoted`).
    pub form: StrForm,
    pub part: Part,
    /// False for a string, char, regex or comment whose end is missing.
    pub terminated: bool,
    /// For a heredoc: the byte span of its body (the token itself spans the
    /// opener).
    pub body: Option<(usize, usize)>,
}

impl Token {
    pub(crate) fn new(kind: Kind, start: usize, end: usize) -> Self {
        Token {
            kind,
            start,
            end,
            value: None,
            form: StrForm::Quoted,
            part: Part::Whole,
            terminated: true,
            body: None,
        }
    }

    /// Whether the token is code (not a comment or inline text).
    pub fn is_code(&self) -> bool {
        !matches!(self.kind, Kind::Comment | Kind::Text)
    }
}

/// Splits `text` into tokens by `spec`, comments and inline text included,
/// in source order.
pub fn lex(text: &str, spec: &LexerSpec) -> Vec<Token> {
    scan::lex(text, spec)
}
