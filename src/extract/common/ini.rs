//! INI files as Python's `configparser` reads them (OfflineIMAP, getmail):
//! `[section]` headers, `key = value` or `key: value`, full-line `#`/`;`
//! comments, and continuation lines indented deeper than their key.
//! Inline comments are not stripped, as `configparser` does not by default.

use crate::extract::ExtractError;

/// One `key = value` entry with the slices it came from (for locations).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Lower-cased key, as `configparser` folds option names.
    pub key: String,
    pub key_raw: &'a str,
    /// The value of the first line, trimmed (continuations are joined into
    /// [`Entry::value`]).
    pub value_raw: &'a str,
    pub value: String,
    pub line: usize,
}

/// A `[section]` with its entries in file order.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    pub name: &'a str,
    pub header: &'a str,
    pub line: usize,
    pub entries: Vec<Entry<'a>>,
}

impl<'a> Section<'a> {
    /// The last entry for `key` (later ones override earlier ones).
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

/// Parses `lines` (1-based number, text). Entries before any section header
/// are an error, as in `configparser` (`MissingSectionHeaderError`).
pub fn parse<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
) -> Result<Vec<Section<'a>>, ExtractError> {
    let mut sections: Vec<Section<'a>> = Vec::new();
    let mut last_indent: Option<usize> = None;
    for (n, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            last_indent = None;
            continue;
        }
        if trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if let (Some(key_indent), Some(section)) = (last_indent, sections.last_mut()) {
            if indent > key_indent {
                if let Some(entry) = section.entries.last_mut() {
                    entry.value.push('\n');
                    entry.value.push_str(trimmed);
                    continue;
                }
            }
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let Some((name, _)) = header.split_once(']') else {
                return Err(ExtractError::new(
                    format!("section header without ']': {trimmed}"),
                    Some(n),
                ));
            };
            sections.push(Section {
                name: name.trim(),
                header: trimmed,
                line: n,
                entries: Vec::new(),
            });
            last_indent = None;
            continue;
        }
        let Some(section) = sections.last_mut() else {
            return Err(ExtractError::new(
                "setting before the first [section] header",
                Some(n),
            ));
        };
        let split = trimmed.find(['=', ':']);
        let (key_raw, value_raw) = match split {
            Some(at) => (trimmed[..at].trim_end(), trimmed[at + 1..].trim()),
            None => (trimmed, ""),
        };
        section.entries.push(Entry {
            key: key_raw.to_ascii_lowercase(),
            key_raw,
            value_raw,
            value: value_raw.to_owned(),
            line: n,
        });
        last_indent = Some(indent);
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_entries_and_continuations() {
        let text = "# c\n[Repository R]\nType = IMAP\nremotehost: mail.x\nfolderfilter = lambda f:\n    f != 'x'\n; c\n";
        let sections = parse(text.lines().enumerate().map(|(i, l)| (i + 1, l)));
        let sections = sections.unwrap_or_default();
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].name, "Repository R");
        assert_eq!(
            sections[0].get("type").map(|e| e.value.as_str()),
            Some("IMAP")
        );
        assert_eq!(sections[0].get("remotehost").map(|e| e.line), Some(4));
        assert_eq!(
            sections[0].get("folderfilter").map(|e| e.value.as_str()),
            Some("lambda f:\nf != 'x'")
        );
    }

    #[test]
    fn entry_before_section_is_an_error() {
        let err = parse([(1, "a = b")].into_iter()).err();
        assert_eq!(err.map(|e| e.line), Some(Some(1)));
    }
}
