//! A strict JSON (RFC 8259) parser that keeps the byte span of every value
//! and object key.
//!
//! Why not serde_json: findings point at a line (the `version` of an SBOM
//! component, a key in `policies.json`), and serde_json gives values without
//! positions. This parser builds a small tree whose nodes carry their byte
//! range in the input, so an extractor can turn any value into a
//! [`Location`](crate::facts::Location) with `SourceFile::location`.
//!
//! Properties extractors rely on:
//! - strict RFC 8259: no comments, no trailing commas, no single quotes, no
//!   leading zeros, no bare control characters in strings; errors carry a
//!   message and the byte offset where the input went wrong;
//! - strings are unescaped (including `\uHHHH` surrogate pairs; a lone
//!   surrogate becomes U+FFFD, as RFC 8259 §8.2 leaves its meaning open);
//! - numbers are kept as their source text (no precision loss);
//! - duplicate object keys are all kept, in order ([`Node::get`] returns the
//!   last, as JavaScript's `JSON.parse` does);
//! - nesting deeper than [`MAX_DEPTH`] is an error, and the parser is
//!   iterative, so no input can overflow the stack;
//! - time and memory are linear in the input size.

use std::fmt;
use std::ops::Range;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 256;

/// Why the text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    /// Byte offset in the input where the problem was found.
    pub offset: usize,
}

impl JsonError {
    fn new(message: impl Into<String>, offset: usize) -> Self {
        JsonError {
            message: message.into(),
            offset,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// An object key: its unescaped text and the span of the quoted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub text: String,
    pub span: Range<usize>,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Members in source order, duplicates included.
    Object(Vec<(Key, Node<'a>)>),
    Array(Vec<Node<'a>>),
    /// The unescaped string.
    String(String),
    /// The number as written (`-1.5e3`).
    Number(&'a str),
    Bool(bool),
    Null,
}

/// A JSON value and the byte range of its source text (strings include
/// their quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    pub kind: Kind<'a>,
    pub span: Range<usize>,
}

impl<'a> Node<'a> {
    /// The value of member `key` (the last one if the key repeats), if this
    /// is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.members()?
            .iter()
            .rev()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// The member `key` with its key (the last one if the key repeats).
    pub fn get_member(&self, key: &str) -> Option<&(Key, Node<'a>)> {
        self.members()?.iter().rev().find(|(k, _)| k.text == key)
    }

    /// The members, if this is an object.
    pub fn members(&self) -> Option<&[(Key, Node<'a>)]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn items(&self) -> Option<&[Node<'a>]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number's source text, if this is a number.
    pub fn as_number(&self) -> Option<&'a str> {
        match self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// `object`, `array`, `string`, `number`, `boolean` or `null`, for
    /// error messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Object(_) => "object",
            Kind::Array(_) => "array",
            Kind::String(_) => "string",
            Kind::Number(_) => "number",
            Kind::Bool(_) => "boolean",
            Kind::Null => "null",
        }
    }

    /// The span without the quotes for a non-empty string (what an editor
    /// would highlight as the value), the whole span otherwise.
    pub fn inner_span(&self) -> Range<usize> {
        match &self.kind {
            Kind::String(_) if self.span.len() > 2 => self.span.start + 1..self.span.end - 1,
            _ => self.span.clone(),
        }
    }
}

/// A container being filled while its contents are parsed.
enum Frame<'a> {
    Array {
        start: usize,
        items: Vec<Node<'a>>,
    },
    Object {
        start: usize,
        members: Vec<(Key, Node<'a>)>,
        /// The key whose value is being parsed.
        key: Key,
    },
}

/// Parses `text` as one JSON value (surrounded by optional whitespace).
pub fn parse(text: &str) -> Result<Node<'_>, JsonError> {
    Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    }
    .parse()
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Describes the byte at the current position for an error message.
    fn found(&self) -> String {
        match self.text.get(self.pos..).and_then(|r| r.chars().next()) {
            None => "end of input".to_owned(),
            Some(c) if c.is_control() => format!("{:?}", c),
            Some(c) => format!("'{c}'"),
        }
    }

    fn parse(mut self) -> Result<Node<'a>, JsonError> {
        let mut stack: Vec<Frame<'a>> = Vec::new();
        // RFC 8259 §8.1 lets parsers ignore a leading byte order mark.
        if self.text.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
        }
        self.skip_ws();
        loop {
            // A value starts here.
            let mut value = match self.peek() {
                Some(b'{') => {
                    let start = self.pos;
                    self.check_depth(&stack, start)?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Node {
                            kind: Kind::Object(Vec::new()),
                            span: start..self.pos,
                        }
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Object {
                            start,
                            members: Vec::new(),
                            key,
                        });
                        continue;
                    }
                }
                Some(b'[') => {
                    let start = self.pos;
                    self.check_depth(&stack, start)?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Node {
                            kind: Kind::Array(Vec::new()),
                            span: start..self.pos,
                        }
                    } else {
                        stack.push(Frame::Array {
                            start,
                            items: Vec::new(),
                        });
                        continue;
                    }
                }
                Some(b'"') => {
                    let start = self.pos;
                    let s = self.string()?;
                    Node {
                        kind: Kind::String(s),
                        span: start..self.pos,
                    }
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal("true", Kind::Bool(true))?,
                Some(b'f') => self.literal("false", Kind::Bool(false))?,
                Some(b'n') => self.literal("null", Kind::Null)?,
                None => {
                    return Err(JsonError::new(
                        match stack.last() {
                            None => "empty input: expected a JSON value",
                            Some(_) => "unexpected end of input: expected a value",
                        },
                        self.pos,
                    ))
                }
                Some(_) => {
                    return Err(JsonError::new(
                        format!("expected a value, found {}", self.found()),
                        self.pos,
                    ))
                }
            };
            // The value is complete: hand it to its container, closing
            // containers as long as their closing bracket follows.
            loop {
                self.skip_ws();
                match stack.last_mut() {
                    None => {
                        if self.pos < self.bytes.len() {
                            return Err(JsonError::new(
                                format!("unexpected {} after the JSON value", self.found()),
                                self.pos,
                            ));
                        }
                        return Ok(value);
                    }
                    Some(Frame::Array { items, .. }) => {
                        items.push(value);
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                if self.peek() == Some(b']') {
                                    return Err(JsonError::new(
                                        "trailing comma before ']'",
                                        self.pos,
                                    ));
                                }
                                break;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let Some(Frame::Array { start, items }) = stack.pop() else {
                                    return Err(JsonError::new("internal error", self.pos));
                                };
                                value = Node {
                                    kind: Kind::Array(items),
                                    span: start..self.pos,
                                };
                            }
                            None => {
                                return Err(JsonError::new(
                                    "unexpected end of input: unterminated array",
                                    self.pos,
                                ))
                            }
                            Some(_) => {
                                return Err(JsonError::new(
                                    format!(
                                        "expected ',' or ']' after an array item, found {}",
                                        self.found()
                                    ),
                                    self.pos,
                                ))
                            }
                        }
                    }
                    Some(Frame::Object { members, key, .. }) => {
                        let done = std::mem::replace(
                            key,
                            Key {
                                text: String::new(),
                                span: 0..0,
                            },
                        );
                        members.push((done, value));
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                if self.peek() == Some(b'}') {
                                    return Err(JsonError::new(
                                        "trailing comma before '}'",
                                        self.pos,
                                    ));
                                }
                                *key = self.key()?;
                                break;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let Some(Frame::Object { start, members, .. }) = stack.pop() else {
                                    return Err(JsonError::new("internal error", self.pos));
                                };
                                value = Node {
                                    kind: Kind::Object(members),
                                    span: start..self.pos,
                                };
                            }
                            None => {
                                return Err(JsonError::new(
                                    "unexpected end of input: unterminated object",
                                    self.pos,
                                ))
                            }
                            Some(_) => {
                                return Err(JsonError::new(
                                    format!(
                                        "expected ',' or '}}' after an object member, found {}",
                                        self.found()
                                    ),
                                    self.pos,
                                ))
                            }
                        }
                    }
                }
            }
        }
    }

    fn check_depth(&self, stack: &[Frame<'a>], start: usize) -> Result<(), JsonError> {
        if stack.len() >= MAX_DEPTH {
            return Err(JsonError::new(
                format!("nested too deep (more than {MAX_DEPTH} levels)"),
                start,
            ));
        }
        Ok(())
    }

    /// An object key and its ':' (whitespace before the key is skipped by
    /// the caller, whitespace after the ':' here).
    fn key(&mut self) -> Result<Key, JsonError> {
        if self.peek() != Some(b'"') {
            return Err(JsonError::new(
                format!(
                    "expected a string key in double quotes, found {}",
                    self.found()
                ),
                self.pos,
            ));
        }
        let start = self.pos;
        let text = self.string()?;
        let span = start..self.pos;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(JsonError::new(
                format!("expected ':' after an object key, found {}", self.found()),
                self.pos,
            ));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(Key { text, span })
    }

    /// A string starting at the current '"'; leaves `pos` after the closing
    /// quote.
    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        // Start of the run of plain characters not yet copied to `out`.
        let mut run = self.pos;
        loop {
            let Some(b) = self.peek() else {
                return Err(JsonError::new(
                    "unexpected end of input: unterminated string",
                    open,
                ));
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run..self.pos]);
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                0x00..=0x1F => {
                    return Err(JsonError::new(
                        format!(
                            "control character U+{:04X} in a string (must be escaped)",
                            b
                        ),
                        self.pos,
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// An escape sequence starting at the current '\'.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(JsonError::new(
                "unexpected end of input: unterminated string",
                at,
            ));
        };
        self.pos += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4(at)?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate: a low one must follow to make a pair.
                        let rest = &self.bytes[self.pos..];
                        if rest.starts_with(b"\\u") {
                            let save = self.pos;
                            self.pos += 2;
                            let low = self.hex4(save)?;
                            if (0xDC00..=0xDFFF).contains(&low) {
                                let code = 0x10000
                                    + ((u32::from(unit) - 0xD800) << 10)
                                    + (u32::from(low) - 0xDC00);
                                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                            } else {
                                // Not a pair: the high one stands alone and
                                // the second escape is read on its own.
                                self.pos = save;
                                char::REPLACEMENT_CHARACTER
                            }
                        } else {
                            char::REPLACEMENT_CHARACTER
                        }
                    }
                    0xDC00..=0xDFFF => char::REPLACEMENT_CHARACTER,
                    _ => char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER),
                }
            }
            _ => {
                let shown = self
                    .text
                    .get(self.pos - 1..)
                    .and_then(|r| r.chars().next())
                    .map_or_else(String::new, |c| c.to_string());
                return Err(JsonError::new(
                    format!("invalid escape sequence '\\{shown}' in a string"),
                    at,
                ));
            }
        };
        out.push(ch);
        Ok(())
    }

    /// Four hex digits of a `\u` escape that started at `at`.
    fn hex4(&mut self, at: usize) -> Result<u16, JsonError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u16, |acc, &b| {
                let v = (b as char).to_digit(16)?;
                Some(acc << 4 | v as u16)
            })
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(JsonError::new(
                "invalid \\u escape: expected four hex digits",
                at,
            )),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Node<'a>, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(JsonError::new("leading zero in a number", start));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => {
                return Err(JsonError::new(
                    format!("invalid number: expected a digit, found {}", self.found()),
                    self.pos,
                ))
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(JsonError::new(
                    "invalid number: expected a digit after '.'",
                    self.pos,
                ));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(JsonError::new(
                    "invalid number: expected a digit in the exponent",
                    self.pos,
                ));
            }
        }
        Ok(Node {
            kind: Kind::Number(&self.text[start..self.pos]),
            span: start..self.pos,
        })
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Node<'a>, JsonError> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node {
                kind,
                span: start..self.pos,
            })
        } else {
            Err(JsonError::new(
                format!("expected a value, found {}", self.found()),
                start,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Ok(node) => panic!(
                "{:?} parsed as a {}",
                &text[..text.len().min(40)],
                node.type_name()
            ),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_scalars_with_spans() {
        let n = parse("  \"a\\nb\" ").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n.as_str(), Some("a\nb"));
        assert_eq!(n.span, 2..8);
        assert_eq!(n.inner_span(), 3..7);
        for (text, number) in [
            ("0", "0"),
            ("-0", "-0"),
            ("12.50", "12.50"),
            ("-1e10", "-1e10"),
            ("3.25E+2", "3.25E+2"),
            ("1e-7", "1e-7"),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567890",
            ),
        ] {
            let n = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(n.as_number(), Some(number));
            assert_eq!(n.span, 0..text.len());
        }
        assert_eq!(parse("true").ok().and_then(|n| n.as_bool()), Some(true));
        assert_eq!(parse("false").ok().and_then(|n| n.as_bool()), Some(false));
        assert!(parse("null").is_ok_and(|n| n.is_null()));
    }

    #[test]
    fn objects_keep_key_spans_and_duplicates() {
        let text = r#"{"name": "openssl", "version" : "0.9.8zh", "name": "libssl"}"#;
        let n = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let members = n.members().unwrap_or_default();
        assert_eq!(members.len(), 3);
        assert_eq!(members[0].0.text, "name");
        assert_eq!(&text[members[0].0.span.clone()], "\"name\"");
        assert_eq!(&text[members[1].1.span.clone()], "\"0.9.8zh\"");
        assert_eq!(n.get("name").and_then(Node::as_str), Some("libssl"));
        assert_eq!(n.get("version").and_then(Node::as_str), Some("0.9.8zh"));
        assert!(n.get("purl").is_none());
        assert_eq!(n.span, 0..text.len());
        assert_eq!(n.type_name(), "object");
    }

    #[test]
    fn nested_containers() {
        let text = "[1, [2, {\"a\": [], \"b\": {}}], \"x\"]";
        let n = parse(text).unwrap_or_else(|e| panic!("{e}"));
        let items = n.items().unwrap_or_default();
        assert_eq!(items.len(), 3);
        let inner = items[1].items().unwrap_or_default();
        assert_eq!(&text[inner[1].span.clone()], "{\"a\": [], \"b\": {}}");
        assert_eq!(
            inner[1].get("a").and_then(Node::items).map(<[_]>::len),
            Some(0)
        );
        assert_eq!(
            inner[1].get("b").and_then(Node::members).map(<[_]>::len),
            Some(0)
        );
        assert_eq!(items[2].as_str(), Some("x"));
    }

    #[test]
    fn unescapes_strings() {
        let cases = [
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
            (r#""\u00e9t\u00C9""#, "étÉ"),
            (r#""\ud83d\ude00""#, "😀"),
            (r#""\uD834\uDD1E clef""#, "𝄞 clef"),
            // Lone surrogates become U+FFFD; the next escape still counts.
            (r#""\ud800x""#, "\u{FFFD}x"),
            (r#""\udc00""#, "\u{FFFD}"),
            (r#""\ud800\u0041""#, "\u{FFFD}A"),
            ("\"héllo wörld\"", "héllo wörld"),
        ];
        for (text, want) in cases {
            let n = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(n.as_str(), Some(want), "{text}");
        }
    }

    #[test]
    fn rejects_malformed_input_with_offsets() {
        let cases: &[(&str, &str, usize)] = &[
            ("", "empty input", 0),
            ("   ", "empty input", 3),
            ("{\"a\": 1,}", "trailing comma", 8),
            ("[1, 2, ]", "trailing comma", 7),
            ("[1 2]", "expected ',' or ']'", 3),
            ("{\"a\" 1}", "expected ':'", 5),
            ("{a: 1}", "expected a string key", 1),
            ("{'a': 1}", "expected a string key", 1),
            ("[\"abc", "unterminated string", 1),
            ("{\"a\": [1, 2", "unterminated array", 11),
            ("{\"a\": 1", "unterminated object", 7),
            ("[1,", "unexpected end of input", 3),
            ("\"a\\x\"", "invalid escape", 2),
            ("\"\\u12\"", "invalid \\u escape", 1),
            ("\"\\u12G4\"", "invalid \\u escape", 1),
            ("\"tab\there\"", "control character", 4),
            ("01", "leading zero", 0),
            ("-", "invalid number", 1),
            ("1.", "after '.'", 2),
            ("1e+", "exponent", 3),
            ("+1", "expected a value", 0),
            (".5", "expected a value", 0),
            ("tru", "expected a value", 0),
            ("nul", "expected a value", 0),
            ("truex", "after the JSON value", 4),
            ("{} {}", "after the JSON value", 3),
            ("// c\n{}", "expected a value", 0),
            ("{\"a\": 1 /* c */}", "expected ',' or '}'", 8),
            ("NaN", "expected a value", 0),
        ];
        for (text, want, offset) in cases {
            let e = err(text);
            assert!(
                e.message.contains(want),
                "{text:?}: {:?} lacks {want:?}",
                e.message
            );
            assert_eq!(e.offset, *offset, "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(err(&deep).message.contains("nested too deep"));
        let deep_objects = "{\"a\":".repeat(100_000);
        assert!(err(&deep_objects).message.contains("nested too deep"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(err(&too_deep).message.contains("nested too deep"));
    }

    #[test]
    fn large_documents_parse_in_linear_time() {
        let mut text = String::from("{\"components\": [");
        for i in 0..20_000 {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                "{{\"name\": \"lib{i}\", \"version\": \"1.{i}\", \"purl\": \"pkg:generic/lib{i}@1.{i}\"}}"
            ));
        }
        text.push_str("]}");
        let n = parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let items = n
            .get("components")
            .and_then(Node::items)
            .unwrap_or_default();
        assert_eq!(items.len(), 20_000);
        assert_eq!(
            items[19_999].get("version").and_then(Node::as_str),
            Some("1.19999")
        );
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "\u{FEFF}{}",
            "{\"\\",
            "{\"a\":\"\\u",
            "[\"\\ud800\\u",
            "[\"\\ud800\\",
            "{\"é\": \"ü\"}x",
            "]",
            "}",
            ",",
            ":",
            "[-]",
            "[-a]",
            "{\"a\"",
            "{\"a\":",
        ];
        for text in samples {
            let _ = parse(text);
        }
        assert!(parse("\u{feff}{}").is_ok());
        assert!(parse("{}\u{feff}").is_err());
        // Every prefix of a valid document is handled.
        let doc = r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00", true, null, {"b": false}]}"#;
        for end in 0..doc.len() {
            if doc.is_char_boundary(end) {
                let _ = parse(&doc[..end]);
            }
        }
    }
}
