//! Java `.properties` syntax, exactly as `java.util.Properties.load` reads
//! it, with the position of every key and value.
//!
//! Several formats are properties files: JavaMail session files, Spring
//! Boot's `application.properties`, and `java.security`. They share this
//! parser so that continuation lines, escapes and the three separators are
//! handled once. The rules (from the `Properties.load(Reader)` contract):
//!
//! - a natural line ends at `\n`, `\r\n` or `\r`; a natural line ending in an
//!   odd number of backslashes continues on the next one, whose leading
//!   whitespace (space, tab, form feed) is skipped;
//! - a line whose first non-whitespace character is `#` or `!` is a comment
//!   (and cannot be continued); blank lines are skipped;
//! - the key runs to the first unescaped `=`, `:` or whitespace; then
//!   whitespace, at most one `=` or `:`, and more whitespace are skipped; the
//!   rest of the logical line is the value (trailing whitespace included);
//! - in keys and values `\t`, `\n`, `\r`, `\f` and `\uHHHH` are escapes and a
//!   backslash before any other character stands for that character; a
//!   malformed `\u` escape is an error (Java throws
//!   `IllegalArgumentException`).

use crate::extract::ExtractError;
use crate::source::SourceFile;

/// One key/value pair of a properties file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key with escapes resolved.
    pub key: String,
    /// The value with escapes resolved and continuation lines joined.
    pub value: String,
    /// 1-based line where the entry starts.
    pub line: usize,
    /// 1-based line where the entry ends (after continuation lines).
    pub end_line: usize,
    /// The key as written (a slice of the file's text).
    pub key_raw: &'a str,
    /// The value as written, from its first character to the end of the
    /// logical line (continuation lines included); an empty slice just
    /// after the key or separator when the value is empty. A slice of the
    /// file's text, so `SourceFile::location_of` gives its position.
    pub value_raw: &'a str,
}

const WS: [char; 3] = [' ', '\t', '\x0c'];

/// Parses every entry of `file`, in file order (a later entry with the
/// same key overrides an earlier one when the file is loaded; callers that
/// need that look the key up from the end).
pub fn parse<'a>(file: &SourceFile<'a>) -> Result<Vec<Entry<'a>>, ExtractError> {
    let lines: Vec<(usize, &'a str)> = file.lines().collect();
    let base = file.text.as_ptr() as usize;
    let offset_of = |s: &str| (s.as_ptr() as usize).saturating_sub(base);
    let mut entries = Vec::new();
    let mut i = 0;
    while let Some(&(number, line)) = lines.get(i) {
        i += 1;
        let first = line.trim_start_matches(WS);
        if first.is_empty() || first.starts_with('#') || first.starts_with('!') {
            continue;
        }
        // Gather the logical line: (text, offset in file) per character.
        let mut chars: Vec<(char, usize)> = Vec::new();
        let mut segment = first;
        let mut end_line = number;
        let end_offset;
        loop {
            let continued = trailing_backslashes(segment) % 2 == 1;
            let body = if continued {
                &segment[..segment.len() - 1]
            } else {
                segment
            };
            let start = offset_of(segment);
            chars.extend(body.char_indices().map(|(at, c)| (c, start + at)));
            match (continued, lines.get(i)) {
                (true, Some(&(next_number, next))) => {
                    i += 1;
                    end_line = next_number;
                    segment = next.trim_start_matches(WS);
                }
                _ => {
                    end_offset = start + body.len();
                    break;
                }
            }
        }
        entries.push(split_entry(file, &chars, end_offset, number, end_line)?);
    }
    Ok(entries)
}

/// Number of backslashes at the end of `s`.
fn trailing_backslashes(s: &str) -> usize {
    s.bytes().rev().take_while(|&b| b == b'\\').count()
}

/// Splits one logical line into key and value, as `Properties.load0` does.
fn split_entry<'a>(
    file: &SourceFile<'a>,
    chars: &[(char, usize)],
    end_offset: usize,
    line: usize,
    end_line: usize,
) -> Result<Entry<'a>, ExtractError> {
    let mut key_len = 0;
    let mut value_start = chars.len();
    let mut has_separator = false;
    let mut preceding_backslash = false;
    while let Some(&(c, _)) = chars.get(key_len) {
        if (c == '=' || c == ':') && !preceding_backslash {
            value_start = key_len + 1;
            has_separator = true;
            break;
        } else if WS.contains(&c) && !preceding_backslash {
            value_start = key_len + 1;
            break;
        }
        preceding_backslash = c == '\\' && !preceding_backslash;
        key_len += 1;
    }
    while let Some(&(c, _)) = chars.get(value_start) {
        if !WS.contains(&c) {
            if !has_separator && (c == '=' || c == ':') {
                has_separator = true;
            } else {
                break;
            }
        }
        value_start += 1;
    }
    let key_chars = chars.get(..key_len).unwrap_or_default();
    let value_chars = chars.get(value_start..).unwrap_or_default();
    let key = unescape(key_chars).map_err(|m| ExtractError::new(m, Some(line)))?;
    let value = unescape(value_chars).map_err(|m| ExtractError::new(m, Some(line)))?;
    let text = file.text;
    let key_start = key_chars.first().map_or(end_offset, |&(_, at)| at);
    let key_end = key_chars
        .last()
        .map_or(key_start, |&(c, at)| at + c.len_utf8());
    let value_begin = match value_chars.first() {
        Some(&(_, at)) => at,
        // Empty value: just after whatever ended the key and separator.
        None => chars
            .get(value_start.saturating_sub(1))
            .map_or(key_end, |&(c, at)| at + c.len_utf8())
            .max(key_end),
    };
    let value_end = end_offset.max(value_begin);
    Ok(Entry {
        key,
        value,
        line,
        end_line,
        key_raw: text.get(key_start..key_end).unwrap_or(""),
        value_raw: text.get(value_begin..value_end).unwrap_or(""),
    })
}

/// Resolves the escapes of a key or value (`Properties.loadConvert`).
fn unescape(chars: &[(char, usize)]) -> Result<String, String> {
    let mut out = String::with_capacity(chars.len());
    let mut it = chars.iter().map(|&(c, _)| c);
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\x0c'),
            Some('u') => {
                let mut code: u32 = 0;
                for _ in 0..4 {
                    let digit = it
                        .next()
                        .and_then(|d| d.to_digit(16))
                        .ok_or_else(|| "malformed \\uxxxx escape".to_owned())?;
                    code = code * 16 + digit;
                }
                // Java strings are UTF-16: a lone surrogate cannot be a
                // Rust char, so it stands in as U+FFFD.
                out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String, usize)> {
        let file = SourceFile::new("x.properties", text);
        parse(&file)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|e| (e.key, e.value, e.line))
            .collect()
    }

    fn kv(k: &str, v: &str, line: usize) -> (String, String, usize) {
        (k.to_owned(), v.to_owned(), line)
    }

    #[test]
    fn three_separators_and_comments() {
        assert_eq!(
            entries("# c\n! c\n\na=1\nb : 2\nc 3\n  d=\ne\n"),
            vec![
                kv("a", "1", 4),
                kv("b", "2", 5),
                kv("c", "3", 6),
                kv("d", "", 7),
                kv("e", "", 8),
            ]
        );
    }

    #[test]
    fn only_the_first_separator_counts_and_trailing_space_stays() {
        assert_eq!(
            entries("k = = v \nurl=imaps://h:993\n"),
            vec![kv("k", "= v ", 1), kv("url", "imaps://h:993", 2)]
        );
    }

    #[test]
    fn continuation_lines_join_and_skip_leading_whitespace() {
        assert_eq!(
            entries("mail.imaps.ssl.protocols = TLSv1 \\\n      TLSv1.1\nnext=1\n"),
            vec![
                kv("mail.imaps.ssl.protocols", "TLSv1 TLSv1.1", 1),
                kv("next", "1", 3)
            ]
        );
        // An even number of backslashes is an escaped backslash, not a continuation.
        assert_eq!(
            entries("a=x\\\\\nb=y\n"),
            vec![kv("a", "x\\", 1), kv("b", "y", 2)]
        );
        // A comment cannot be continued, but a continued line may look like one.
        assert_eq!(
            entries("# c \\\na=1\\\n#notacomment\n"),
            vec![kv("a", "1#notacomment", 2)]
        );
    }

    #[test]
    fn escapes_in_keys_and_values() {
        assert_eq!(
            entries("key\\ with\\:sep=a\\tb\\u0041\\q\n"),
            vec![kv("key with:sep", "a\tbAq", 1)]
        );
        let file = SourceFile::new("x", "a=\\u00zz\n");
        assert_eq!(parse(&file).map_err(|e| e.line), Err(Some(1)));
    }

    #[test]
    fn raw_slices_locate_keys_and_values() {
        let text = "x=1\n  mail.imaps.ssl.protocols=TLSv1 \\\n   TLSv1.1\n";
        let file = SourceFile::new("x", text);
        let all = parse(&file).unwrap_or_default();
        let e = &all[1];
        assert_eq!(e.key_raw, "mail.imaps.ssl.protocols");
        assert_eq!((e.line, e.end_line), (2, 3));
        let key = file.location_of(e.key_raw);
        assert_eq!((key.line, key.column, key.end_column), (2, 3, 27));
        let value = file.location_of(e.value_raw);
        assert_eq!((value.line, value.column), (2, 28));
        assert_eq!((value.end_line, value.end_column), (3, 11));
        let empty = SourceFile::new("x", "k=\n");
        let e = parse(&empty).unwrap_or_default();
        assert_eq!(empty.location_of(e[0].value_raw).column, 3);
    }

    #[test]
    fn crlf_and_garbage_do_not_panic() {
        assert_eq!(
            entries("a=1\r\nb=2\r"),
            vec![kv("a", "1", 1), kv("b", "2", 2)]
        );
        for text in ["\\", "=\\", "\\u", "é=\\\n", ":", "\u{feff}x"] {
            let file = SourceFile::new("x", text);
            let _ = parse(&file);
        }
        assert_eq!(entries("a=1\\"), vec![kv("a", "1", 1)]);
    }
}
