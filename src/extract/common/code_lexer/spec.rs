//! The per-language lexical rules: one [`LexerSpec`] constant per language,
//! all in this one table so that languages are compared side by side.

/// How `'...'` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleQuote {
    /// A character literal: `'a'`, `'\n'`, `'\u0041'`, C's multi-character
    /// `'ab'`. A `'` without a closing quote within a few characters on its
    /// line is punctuation (e.g. an apostrophe in a C `#error` line).
    Char,
    /// Rust: a character literal (`'a'`, `'\''`, `'\u{1F600}'`), otherwise a
    /// lifetime or loop label (`'a`, `'static`), which is emitted as the
    /// punctuation `'` followed by the identifier.
    CharOrLifetime,
    /// A string with backslash escapes (JavaScript).
    String,
    /// A string in which only `\\` and `\'` are escapes (PHP, Ruby, Perl).
    Literal,
}

/// Interpolation inside double-quoted (and similar) strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interp {
    None,
    /// Kotlin: `${expr}` holes (lexed as code) and `$name` references.
    Kotlin,
    /// PHP: `{$expr}` and `${expr}` holes (lexed as code) and `$name`
    /// references.
    Php,
    /// Ruby: `#{expr}` holes (lexed as code) and `#@ivar` / `#$gvar`.
    Ruby,
    /// Perl: `$name`, `@name`, `${...}` references; not lexed as code (the
    /// string ends at its own delimiter whatever the references hold).
    Perl,
}

/// What a backtick starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backtick {
    /// Punctuation.
    None,
    /// Go raw string: no escapes, may span lines.
    Raw,
    /// JavaScript template literal: backslash escapes and `${expr}` holes.
    Template,
    /// Kotlin (and Scala/Swift style) quoted identifier: `` `is name` ``.
    Ident,
    /// Shell command (Ruby, Perl, PHP): read like a double-quoted string.
    Command,
}

/// What `"""` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Triple {
    /// `""` is an empty string followed by another quote.
    None,
    /// Java text block: backslash escapes; the value has its incidental
    /// indentation removed.
    TextBlock,
    /// Kotlin raw string: no escapes, `${}` holes; a run of more than three
    /// closing quotes keeps the extra ones in the content.
    KotlinRaw,
    /// C# 11 raw string: three or more quotes, closed by as many; with `$`
    /// prefixes, holes of as many braces as there are dollars.
    CSharpRaw,
}

/// Raw string syntax introduced by an identifier prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawStrings {
    None,
    /// Rust: `r"..."`, `r#"..."#` (any number of `#`), with `b`/`c`
    /// prefixes (`br#"..."#`, `cr"..."`); `r#ident` is a raw identifier.
    Rust,
    /// C++11: `R"delim(...)delim"` with `u8`/`u`/`U`/`L` prefixes.
    Cpp,
}

/// Here-documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heredoc {
    None,
    /// PHP: `<<<ID`, `<<<"ID"` (heredoc) and `<<<'ID'` (nowdoc); the body
    /// starts on the next line and ends at a line holding `ID` (indented
    /// since PHP 7.3), after which code continues on that line (`ID;`).
    Php,
    /// Ruby: `<<ID`, `<<-ID`, `<<~ID` with optional quotes around `ID`;
    /// the body starts after the line holding the opener (the rest of that
    /// line is code) and the whole terminator line is consumed.
    Ruby,
    /// Perl: `<<"ID"`, `<<'ID'`, `<<ID`, `<<~ID`; like Ruby's.
    Perl,
}

/// Quote-like operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteLike {
    None,
    /// Ruby percent literals: `%q()` `%Q()` `%()` `%w[]` `%W[]` `%i[]`
    /// `%I[]` `%s()` `%x()` `%r{}`. Read as literals where an operand may
    /// start (see the regex heuristic); `a % (b)` stays a modulus.
    Ruby,
    /// Perl: `q` `qq` `qw` `qx` `m` `qr` (one part), `s` `tr` `y` (two
    /// parts), any delimiter, brackets nesting. A word followed by `=>` or
    /// `,`, or preceded by `->`, a sigil or `{` with `}` after it, is a plain
    /// word (`q => 1`, `$h{s}`).
    Perl,
}

/// POD-like documentation blocks that start at the beginning of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocBlocks {
    None,
    /// Ruby `=begin` ... `=end`.
    RubyBegin,
    /// Perl POD: a line starting with `=word` up to and including the line
    /// starting with `=cut`.
    PerlPod,
}

/// The lexical rules of one language. See the constants below.
#[derive(Debug, Clone, Copy)]
pub struct LexerSpec {
    pub name: &'static str,
    /// Line comment markers (`//`, `#`).
    pub line_comments: &'static [&'static str],
    /// Block comment delimiters.
    pub block_comment: Option<(&'static str, &'static str)>,
    /// Block comments nest (Rust, Kotlin, Swift).
    pub nested_comments: bool,
    /// A backslash at the end of a line comment continues it (C, C++).
    pub comment_continuation: bool,
    pub single_quote: SingleQuote,
    /// `"..."` may span lines (Rust, PHP, Ruby, Perl); otherwise an
    /// unterminated one ends at its line end.
    pub multiline_strings: bool,
    /// Interpolation in `"..."` (and heredocs, commands, percent literals).
    pub interp: Interp,
    pub backtick: Backtick,
    pub triple: Triple,
    pub raw_strings: RawStrings,
    /// Identifier prefixes that make the following quote a (non-raw) string
    /// or char literal: `L"x"`, `u8"x"`, Rust `b"x"`, `b'x'`, `c"x"`.
    pub string_prefixes: &'static [&'static str],
    /// C#: `@"verbatim"` (`""` escapes), `$"interpolated {x}"`, `$@"..."`,
    /// `@$"..."`, `$$"""raw {{x}}"""`, and `@keyword` identifiers.
    pub csharp_strings: bool,
    pub heredoc: Heredoc,
    pub quote_like: QuoteLike,
    /// `/.../flags` regex literals where an operand may start.
    pub regex: bool,
    /// Words after which an operand starts (`return /x/`, `split /,/`).
    pub operand_keywords: &'static [&'static str],
    pub doc_blocks: DocBlocks,
    /// A line holding just one of these ends the code; the rest is data
    /// (`__END__`, Perl's `__DATA__`).
    pub end_markers: &'static [&'static str],
    /// PHP: code lives between `<?php` (or `<?=`, `<?`) and `?>`; the rest
    /// is inline text. `#[` starts an attribute, not a comment.
    pub php_tags: bool,
    /// Characters besides letters, digits and `_` that identifiers may hold
    /// (`$` in Java/JavaScript/PHP/Perl, `@` and `$` in Ruby).
    pub ident_chars: &'static str,
    /// Characters that may end a method name (Ruby `empty?`, `save!`),
    /// when not followed by `=`.
    pub ident_suffixes: &'static str,
    /// `$` followed by punctuation is a special variable (`$'`, `$"`, `$#`
    /// in Ruby and Perl), not a quote or comment.
    pub sigil_specials: bool,
    /// Digit separator besides `_` (`'` in C++14 and C23: `1'000`).
    pub digit_separator: Option<u8>,
    /// What may follow a key in a call argument or literal entry to make it
    /// a named one (`key: v`, `key = v`, `key => v`).
    pub named_args: &'static [&'static str],
    /// A line break can end a statement (Go, Kotlin, JavaScript, Ruby).
    pub newline_ends_statements: bool,
    /// Declarations may be written `name: Type = value` (Kotlin,
    /// TypeScript, Rust).
    pub typed_names: bool,
}

const C_LIKE: LexerSpec = LexerSpec {
    name: "c",
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    comment_continuation: false,
    single_quote: SingleQuote::Char,
    multiline_strings: false,
    interp: Interp::None,
    backtick: Backtick::None,
    triple: Triple::None,
    raw_strings: RawStrings::None,
    string_prefixes: &[],
    csharp_strings: false,
    heredoc: Heredoc::None,
    quote_like: QuoteLike::None,
    regex: false,
    operand_keywords: &[],
    doc_blocks: DocBlocks::None,
    end_markers: &[],
    php_tags: false,
    ident_chars: "",
    ident_suffixes: "",
    sigil_specials: false,
    digit_separator: None,
    named_args: &[],
    newline_ends_statements: false,
    typed_names: false,
};

/// C (C23 digit separators, `L`/`u`/`U`/`u8` prefixes; backslash-continued
/// `//` comments).
pub const C: LexerSpec = LexerSpec {
    name: "c",
    comment_continuation: true,
    string_prefixes: &["L", "u", "U", "u8"],
    digit_separator: Some(b'\''),
    // Designated initializers: `{ .field = value }`.
    named_args: &["="],
    ..C_LIKE
};

/// C++ (C's rules plus `R"delim(...)delim"` raw strings).
pub const CPP: LexerSpec = LexerSpec {
    name: "cpp",
    raw_strings: RawStrings::Cpp,
    ..C
};

/// Java (text blocks; `$` in identifiers; `@Anno(key = value)`).
pub const JAVA: LexerSpec = LexerSpec {
    name: "java",
    triple: Triple::TextBlock,
    ident_chars: "$",
    named_args: &["="],
    ..C_LIKE
};

/// Kotlin (nested comments, `${}`/`$name` templates, `"""` raw strings,
/// backtick identifiers, `name = value` arguments).
pub const KOTLIN: LexerSpec = LexerSpec {
    name: "kotlin",
    nested_comments: true,
    interp: Interp::Kotlin,
    backtick: Backtick::Ident,
    triple: Triple::KotlinRaw,
    named_args: &["="],
    newline_ends_statements: true,
    typed_names: true,
    ..C_LIKE
};

/// C# (verbatim, interpolated and raw strings; `name: value` arguments).
pub const CSHARP: LexerSpec = LexerSpec {
    name: "csharp",
    triple: Triple::CSharpRaw,
    csharp_strings: true,
    named_args: &[":", "="],
    ..C_LIKE
};

/// JavaScript and TypeScript (template literals, regex literals, both quote
/// kinds for strings, `key: value` object entries).
pub const JAVASCRIPT: LexerSpec = LexerSpec {
    name: "javascript",
    single_quote: SingleQuote::String,
    backtick: Backtick::Template,
    regex: true,
    operand_keywords: &[
        "return",
        "typeof",
        "instanceof",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "case",
        "do",
        "else",
        "yield",
        "await",
    ],
    ident_chars: "$",
    named_args: &[":"],
    newline_ends_statements: true,
    typed_names: true,
    ..C_LIKE
};

/// TypeScript lexes like JavaScript.
pub const TYPESCRIPT: LexerSpec = LexerSpec {
    name: "typescript",
    ..JAVASCRIPT
};

/// Go (backtick raw strings, runes, `Field: value` composite literals).
pub const GO: LexerSpec = LexerSpec {
    name: "go",
    backtick: Backtick::Raw,
    named_args: &[":"],
    newline_ends_statements: true,
    ..C_LIKE
};

/// Rust (nested comments, raw strings and identifiers, byte/C strings,
/// char literals vs lifetimes, multi-line strings).
pub const RUST: LexerSpec = LexerSpec {
    name: "rust",
    nested_comments: true,
    single_quote: SingleQuote::CharOrLifetime,
    multiline_strings: true,
    raw_strings: RawStrings::Rust,
    string_prefixes: &["b", "c"],
    named_args: &[":"],
    typed_names: true,
    ..C_LIKE
};

/// PHP (`<?php ... ?>` tags, `#` comments, heredoc/nowdoc, `'` literal
/// strings, interpolating `"` strings, `'k' => v` array entries and PHP 8
/// `name: v` arguments).
pub const PHP: LexerSpec = LexerSpec {
    name: "php",
    line_comments: &["//", "#"],
    single_quote: SingleQuote::Literal,
    multiline_strings: true,
    interp: Interp::Php,
    backtick: Backtick::Command,
    heredoc: Heredoc::Php,
    php_tags: true,
    ident_chars: "$",
    named_args: &["=>", ":"],
    ..C_LIKE
};

/// Ruby (`#` comments, `=begin`/`=end`, `#{}` interpolation, percent
/// literals, heredocs, regex literals, `@ivar`/`$gvar`, `key: v` and
/// `key => v` arguments, `__END__`).
pub const RUBY: LexerSpec = LexerSpec {
    name: "ruby",
    line_comments: &["#"],
    block_comment: None,
    single_quote: SingleQuote::Literal,
    multiline_strings: true,
    interp: Interp::Ruby,
    backtick: Backtick::Command,
    heredoc: Heredoc::Ruby,
    quote_like: QuoteLike::Ruby,
    regex: true,
    operand_keywords: &[
        "if", "elsif", "unless", "while", "until", "when", "and", "or", "not", "return", "then",
        "case", "in", "do", "puts", "print", "p", "raise", "yield",
    ],
    doc_blocks: DocBlocks::RubyBegin,
    end_markers: &["__END__"],
    ident_chars: "@$",
    ident_suffixes: "?!",
    sigil_specials: true,
    named_args: &[":", "=>"],
    newline_ends_statements: true,
    ..C_LIKE
};

/// Perl (`#` comments, POD, quote-like operators, heredocs, regex
/// literals, `$var`, `key => v` lists, `__END__`/`__DATA__`).
pub const PERL: LexerSpec = LexerSpec {
    name: "perl",
    line_comments: &["#"],
    block_comment: None,
    single_quote: SingleQuote::Literal,
    multiline_strings: true,
    interp: Interp::Perl,
    backtick: Backtick::Command,
    heredoc: Heredoc::Perl,
    quote_like: QuoteLike::Perl,
    regex: true,
    operand_keywords: &[
        "split", "grep", "map", "join", "if", "unless", "while", "until", "and", "or", "not",
        "return", "when", "push", "unshift", "x", "lt", "gt", "le", "ge", "eq", "ne", "cmp",
    ],
    doc_blocks: DocBlocks::PerlPod,
    end_markers: &["__END__", "__DATA__"],
    ident_chars: "$",
    sigil_specials: true,
    named_args: &["=>"],
    ..C_LIKE
};

/// Every spec, for tests and tools that iterate languages.
pub const ALL: &[&LexerSpec] = &[
    &C,
    &CPP,
    &JAVA,
    &KOTLIN,
    &CSHARP,
    &JAVASCRIPT,
    &TYPESCRIPT,
    &GO,
    &RUST,
    &PHP,
    &RUBY,
    &PERL,
];
