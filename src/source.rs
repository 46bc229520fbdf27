//! A file's text as extractors see it: decoded once, split into lines once.
//!
//! Decoding happens here, not in each extractor, so every format gets the
//! same treatment of byte-order marks, UTF-16 (Windows tools such as
//! `regedit` write it), invalid UTF-8 (old configs in Latin-1 still hold
//! settings worth finding) and all three line-ending styles.

use crate::facts::Location;
use std::borrow::Cow;

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with invalid sequences replaced by U+FFFD.
    Utf8Lossy,
    Utf16Le,
    Utf16Be,
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte in the first block and no UTF-16 byte-order mark.
    Binary,
}

/// Decodes `bytes` to text, or says why it is not text.
///
/// Binary detection follows git and ripgrep: a NUL byte in the first 8 KiB.
/// Valid UTF-8 (the common case) is borrowed, not copied: most files are
/// dropped by the prefilter right after decoding.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((
            Cow::Owned(decode_utf16(rest, u16::from_le_bytes)),
            Encoding::Utf16Le,
        ));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((
            Cow::Owned(decode_utf16(rest, u16::from_be_bytes)),
            Encoding::Utf16Be,
        ));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(NotText::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(_) => Ok((String::from_utf8_lossy(bytes), Encoding::Utf8Lossy)),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A decoded file with a line index.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`; line numbers are 1-based and
/// columns are 1-based counts of Unicode scalar values, which is what the
/// SARIF output declares as its `columnKind`.
#[derive(Debug)]
pub struct SourceFile<'a> {
    /// Path relative to the scan root, `/`-separated.
    pub path: &'a str,
    pub text: &'a str,
    /// Byte ranges of each line's content, terminators excluded.
    lines: Vec<(usize, usize)>,
    /// Whether the whole text is ASCII: columns are then byte offsets.
    ascii: bool,
    /// The last position computed on a non-ASCII text (byte offset and
    /// 1-based column), so that locations asked for in order along one long
    /// line (minified JSON) cost linear time overall, not quadratic.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        let bytes = text.as_bytes();
        // memchr finds the terminators with SIMD, and counting them first
        // sizes the index in one allocation: this runs on every file the
        // prefilter lets through, and a byte loop with a growing vector was
        // a tenth of the scan's time (perf, benchmark corpus).
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        let mut start = 0;
        let mut skip_lf_at = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i == skip_lf_at {
                continue;
            }
            lines.push((start, i));
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                skip_lf_at = i + 1;
                start = i + 2;
            } else {
                start = i + 1;
            }
        }
        if start < bytes.len() {
            lines.push((start, bytes.len()));
        }
        SourceFile {
            path,
            text,
            lines,
            ascii: text.is_ascii(),
            cursor: std::cell::Cell::new((usize::MAX, 0)),
        }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The text of 1-based line `n` without its terminator ("" past the end).
    pub fn line(&self, n: usize) -> &'a str {
        match n.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&(s, e)) => &self.text[s..e],
            None => "",
        }
    }

    /// Every line with its 1-based number.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| (i + 1, &self.text[s..e]))
    }

    /// Byte offset in `text` where 1-based line `n` starts.
    pub fn line_start(&self, n: usize) -> usize {
        match n.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&(s, _)) => s,
            None => self.text.len(),
        }
    }

    /// 1-based line and column of byte offset `offset` in `text`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        // The last line starting at or before `offset`.
        let idx = self.lines.partition_point(|&(s, _)| s <= offset);
        if idx == 0 {
            return (1, 1);
        }
        let (s, e) = self.lines[idx - 1];
        let within = floor_char_boundary(self.text, offset.min(e));
        if self.ascii {
            return (idx, within - s + 1);
        }
        let (last, last_column) = self.cursor.get();
        let column = if last != usize::MAX && last >= s && last <= within {
            last_column + self.text[last..within].chars().count()
        } else {
            self.text[s..within].chars().count() + 1
        };
        self.cursor.set((within, column));
        (idx, column)
    }

    /// The location of the byte range `start..end` of `text`.
    pub fn location(&self, start: usize, end: usize) -> Location {
        let (line, column) = self.position(start);
        let (end_line, mut end_column) = self.position(end.max(start));
        if end_line == line && end_column <= column {
            end_column = column + 1;
        }
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The location of `part`, which must be a sub-slice of this file's text
    /// (as the line and token slices handed out here are).
    pub fn location_of(&self, part: &str) -> Location {
        let start = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let start = start.min(self.text.len());
        self.location(start, start + part.len())
    }

    /// The location spanning two sub-slices, from the start of `first` to
    /// the end of `last`.
    pub fn span(&self, first: &str, last: &str) -> Location {
        let base = self.text.as_ptr() as usize;
        let start = (first.as_ptr() as usize).saturating_sub(base);
        let end = (last.as_ptr() as usize).saturating_sub(base) + last.len();
        self.location(start.min(self.text.len()), end.min(self.text.len()))
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_endings_split_lines() {
        let f = SourceFile::new("x", "a\r\nb\rc\nd");
        let lines: Vec<_> = f.lines().collect();
        assert_eq!(lines, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
    }

    #[test]
    fn columns_count_characters() {
        let f = SourceFile::new("x", "héllo TLSv1\n");
        let line = f.line(1);
        let at = line.find("TLSv1").unwrap_or(0);
        let loc = f.location_of(&line[at..]);
        assert_eq!((loc.line, loc.column, loc.end_column), (1, 7, 12));
    }

    #[test]
    fn columns_on_long_non_ascii_lines_in_any_order() {
        let text = format!("{}ü{}x", "a".repeat(100), "b".repeat(100));
        let f = SourceFile::new("x", &text);
        let x = text.find('x').unwrap_or(0);
        let u = text.find('ü').unwrap_or(0);
        assert_eq!(f.position(x), (1, 202));
        assert_eq!(f.position(u), (1, 101));
        assert_eq!(f.position(x), (1, 202));
        assert_eq!(f.position(0), (1, 1));
    }

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFab").map(|d| d.0), Ok("ab".into()));
        let utf16le = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&utf16le), Ok(("hi".into(), Encoding::Utf16Le)));
        let utf16be = [0xFE, 0xFF, 0, b'h', 0, b'i'];
        assert_eq!(decode(&utf16be), Ok(("hi".into(), Encoding::Utf16Be)));
        assert_eq!(decode(b"a\0b"), Err(NotText::Binary));
        assert_eq!(decode(b"caf\xE9").map(|d| d.1), Ok(Encoding::Utf8Lossy));
    }
}
