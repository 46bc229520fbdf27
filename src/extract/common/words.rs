//! Splitting configuration lines into words, with the quoting rules most
//! line-oriented mail configs share (`"..."` and `'...'` with backslash
//! escapes), keeping each word's place in the line for locations.

/// One word of a line: its unquoted text and the raw slice it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: String,
    /// The word as written, quotes included; a sub-slice of the input.
    pub raw: &'a str,
}

/// Splits `line` into whitespace-separated words. A `#` outside quotes at a
/// word start ends the line when `hash_comments` is set.
pub fn split_words(line: &str, hash_comments: bool) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() || (hash_comments && bytes[i] == b'#') {
            break;
        }
        let start = i;
        let mut text = String::new();
        let mut quote: Option<u8> = None;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) if b == b'\\' && i + 1 < bytes.len() => {
                    i += 1;
                    push_char(line, &mut i, &mut text);
                    continue;
                }
                Some(_) => {
                    push_char(line, &mut i, &mut text);
                    continue;
                }
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b.is_ascii_whitespace() => break,
                None => {
                    push_char(line, &mut i, &mut text);
                    continue;
                }
            }
            i += 1;
        }
        words.push(Word {
            text,
            raw: &line[start..i],
        });
    }
    words
}

/// Appends the character starting at byte `*i` of `line` and advances.
fn push_char(line: &str, i: &mut usize, out: &mut String) {
    if let Some(c) = line[*i..].chars().next() {
        out.push(c);
        *i += c.len_utf8();
    } else {
        *i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_comments() {
        let words = split_words(r#"  pass "a b\"c" 'x y' z # note"#, true);
        let texts: Vec<_> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, vec!["pass", "a b\"c", "x y", "z"]);
        assert_eq!(words[1].raw, r#""a b\"c""#);
    }

    #[test]
    fn unterminated_quote_runs_to_end() {
        let words = split_words("a 'bc", false);
        assert_eq!(words[1].text, "bc");
    }
}
