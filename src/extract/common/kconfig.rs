//! Kconfig configuration files: ESP-IDF `sdkconfig` / `sdkconfig.defaults`,
//! Zephyr `prj.conf`, overlay fragments and the generated `.config`.
//!
//! The format is the one Kconfig writes and reads (kconfiglib's
//! `load_config`, ESP-IDF's `confgen` and Zephyr's `kconfig.py` share it):
//! one `CONFIG_NAME=value` per line (`y`, `n`, `m`, a number, a hex value or
//! a double-quoted string), `# CONFIG_NAME is not set` for a bool that is
//! off, any other `#` line a comment. A malformed line is skipped, as
//! kconfiglib does with a warning. Hand-written fragments sometimes carry a
//! trailing `# comment` after an unquoted value; it is dropped.

use crate::source::SourceFile;

/// One option line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The symbol without its `CONFIG_` prefix, a sub-slice of the text.
    pub name: &'a str,
    /// The value as written (quotes kept); `n` for `# ... is not set`.
    pub value: &'a str,
    /// Whether the line is the `# CONFIG_X is not set` form.
    pub not_set: bool,
    /// The line's text, a sub-slice of the file text.
    pub line: &'a str,
    pub line_number: usize,
}

impl Entry<'_> {
    /// `Some(true)` for `y`/`m`, `Some(false)` for `n` or not set, `None`
    /// for a non-boolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            "y" | "m" => Some(true),
            "n" => Some(false),
            _ => None,
        }
    }
}

fn is_symbol(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn value_of(raw: &str) -> &str {
    let raw = raw.trim();
    if raw.starts_with('"') {
        // A quoted string ends at the first unescaped quote.
        let mut escaped = false;
        for (i, c) in raw.char_indices().skip(1) {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return raw.get(..=i).unwrap_or(raw),
                _ => escaped = false,
            }
        }
        return raw;
    }
    raw.split('#').next().unwrap_or(raw).trim_end()
}

/// Every option line of `file`, in order; for a symbol set twice the later
/// line is the one Kconfig keeps.
pub fn entries<'a>(file: &SourceFile<'a>) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for (n, line) in file.lines() {
        let t = line.trim();
        if let Some(comment) = t.strip_prefix('#') {
            let c = comment.trim();
            if let Some(name) = c
                .strip_suffix("is not set")
                .map(str::trim_end)
                .and_then(|s| s.strip_prefix("CONFIG_"))
                .filter(|s| is_symbol(s))
            {
                out.push(Entry {
                    name,
                    value: "n",
                    not_set: true,
                    line,
                    line_number: n,
                });
            }
            continue;
        }
        let Some((key, raw)) = t.split_once('=') else {
            continue;
        };
        let Some(name) = key.trim().strip_prefix("CONFIG_").filter(|s| is_symbol(s)) else {
            continue;
        };
        out.push(Entry {
            name,
            value: value_of(raw),
            not_set: false,
            line,
            line_number: n,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_not_set_lines_and_comments() {
        let text = "\
# Automatically generated file. DO NOT EDIT.
CONFIG_MBEDTLS_SSL_PROTO_TLS1=y
# CONFIG_MBEDTLS_SSL_PROTO_TLS1_2 is not set
CONFIG_MBEDTLS_TLS_VERSION_1_2=y  # TLS 1.2
CONFIG_LWIP_LOCAL_HOSTNAME=\"pos # 1\"
CONFIG_NOT VALID=y
garbage line
";
        let f = SourceFile::new("sdkconfig", text);
        let got: Vec<(&str, &str, Option<bool>)> = entries(&f)
            .iter()
            .map(|e| (e.name, e.value, e.as_bool()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("MBEDTLS_SSL_PROTO_TLS1", "y", Some(true)),
                ("MBEDTLS_SSL_PROTO_TLS1_2", "n", Some(false)),
                ("MBEDTLS_TLS_VERSION_1_2", "y", Some(true)),
                ("LWIP_LOCAL_HOSTNAME", "\"pos # 1\"", None),
            ]
        );
    }
}
