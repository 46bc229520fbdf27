//! curl config files (`~/.curlrc`, `_curlrc`, `$XDG_CONFIG_HOME/curlrc`,
//! files given to `-K`), read as curl's `tool_parsecfg.c` reads them.
//!
//! One option per line: a long option without dashes followed by
//! whitespace, `=` or `:` and its value (`tls-max = 1.1`, `url: "..."`),
//! or a dashed option (`--tlsv1.2`, `-1`) followed by whitespace only. A
//! value in double quotes may hold `\\`, `\"`, `\t`, `\n`, `\r`, `\v`
//! escapes; otherwise it ends at whitespace. Lines whose first non-blank
//! character is `#` (or, in curl's parser, `/` or `*`) are comments. URLs
//! must be given with `url`; `next` (or `-:`) starts a new operation.
//!
//! The options mean what they mean on the command line (see
//! [`curl_cmdline`](crate::extract::curl_cmdline)). A config file applies
//! to every curl run that reads it (the default `.curlrc` to every run of
//! that user, before the command line's own options), so:
//! - an operation with mail URLs gives a `connection` per URL, like a
//!   command line;
//! - an operation without a mail URL that sets TLS versions gives a
//!   `tls_setting` of scope `application` (client `curl`): curl's global
//!   setting, judged when it reaches a mail client or under `--scope all`.

use crate::extract::common::evidence::line_evidence;
use crate::extract::common::redact::redact;
use crate::extract::curl_cmdline::{
    self, long_takes_arg, mail_target, Effect, Operation, Place, UrlArg,
};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Related, Setting};
use crate::source::SourceFile;

/// Reads a curl config file. curl warns about and skips lines it does not
/// understand, so nothing here is an error.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut ops = vec![Operation::default()];
    for (n, line) in file.lines() {
        let Some(option) = parse_line(line) else {
            continue;
        };
        let base = file.line_start(n);
        let Some(op) = ops.last_mut() else { break };
        let (name_start, name_end) = (base + option.name.0, base + option.name.1);
        let end = option
            .value
            .as_ref()
            .map_or(name_end, |v| base + v.end_quoted);
        let place = Place {
            start: name_start,
            end,
            text: file.text.get(name_start..end).unwrap_or("").to_owned(),
        };
        let name = option.name_text(line);
        let value = option.value.as_ref().map(|v| v.text.as_str());
        if name == "url" {
            if let Some(v) = &option.value {
                op.urls.push(UrlArg {
                    text: v.text.clone(),
                    place: Place {
                        start: base + v.start,
                        end: base + v.end,
                        text: v.text.clone(),
                    },
                    host_place: None,
                });
            }
            continue;
        }
        // Short options may be combined (`-s1`); a letter taking an
        // argument ends the group.
        if option.short {
            let mut next = false;
            for c in name.chars() {
                if "AbcCdDeEFHKmoPQrtTuUwxXyYz".contains(c) {
                    break;
                }
                let mut letter = [0u8; 4];
                if let Effect::Next = op.apply(c.encode_utf8(&mut letter), None, place.clone()) {
                    next = true;
                }
            }
            if next {
                ops.push(Operation::default());
            }
            continue;
        }
        let value = if long_takes_arg(name) { value } else { None };
        if let Effect::Next = op.apply(name, value, place) {
            ops.push(Operation::default());
        }
    }
    let mut facts = Vec::new();
    for op in &ops {
        let mail = op
            .urls
            .iter()
            .any(|u| mail_target(&u.text, op.proto_default.as_deref()).is_some());
        if mail {
            facts.extend(curl_cmdline::operation_facts(file, op, None));
        } else if let Some(primary) = op.primary() {
            facts.push(application_setting(file, op, primary));
        }
    }
    Ok(facts)
}

/// The `tls_setting` of an operation that sets versions but has no mail
/// URL.
fn application_setting(
    file: &SourceFile,
    op: &Operation,
    primary: &curl_cmdline::VersionOption,
) -> Fact {
    let location = file.location(primary.place.start, primary.place.end);
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        location,
        line_evidence(file, primary.place.start, primary.place.end),
    );
    fact.client = Some(curl_cmdline::CLIENT.to_owned());
    fact.scope = Some("application".to_owned());
    fact.tls = Some(op.range());
    let written = primary.place.text.trim();
    let (name, value) = split_written(written);
    fact.setting = Some(Setting {
        name: name.to_owned(),
        value: redact(value),
    });
    for v in &op.versions {
        let l = file.location(v.place.start, v.place.end);
        if l != location {
            let note = if v.legacy {
                format!(
                    "{} (ignored since curl 7.77.0; SSL only before)",
                    v.place.text
                )
            } else {
                v.place.text.clone()
            };
            fact.related.push(Related::new("version", l, redact(&note)));
        }
    }
    fact
}

/// `tls-max = 1.1` -> (`tls-max`, `1.1`); `--tlsv1.2` -> (`tlsv1.2`, ``).
fn split_written(written: &str) -> (&str, &str) {
    let bare = written.trim_start_matches('-');
    let end = bare
        .find(|c: char| c.is_whitespace() || c == '=' || c == ':')
        .unwrap_or(bare.len());
    let (name, rest) = bare.split_at(end);
    let value = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '=' || c == ':');
    (name, value.trim_matches('"'))
}

/// One option line: byte ranges within the line.
struct OptionLine {
    /// The option as written (dashes included).
    name: (usize, usize),
    /// Whether it is a single-dash option group (`-1`, `-sS`).
    short: bool,
    value: Option<ValueText>,
}

struct ValueText {
    text: String,
    /// The value without quotes.
    start: usize,
    end: usize,
    /// The end including a closing quote.
    end_quoted: usize,
}

impl OptionLine {
    /// The option name without dashes.
    fn name_text<'l>(&self, line: &'l str) -> &'l str {
        line.get(self.name.0..self.name.1)
            .unwrap_or("")
            .trim_start_matches('-')
    }
}

/// Parses one config line as curl does; `None` for comments and blanks.
fn parse_line(line: &str) -> Option<OptionLine> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    match bytes.get(i) {
        None | Some(b'#' | b'/' | b'*') => return None,
        _ => {}
    }
    let dashed = bytes[i] == b'-';
    let short = dashed && bytes.get(i + 1).is_some_and(|&c| c != b'-');
    let name_start = i;
    let is_sep = |c: u8| !dashed && (c == b'=' || c == b':');
    while bytes
        .get(i)
        .is_some_and(|&c| !c.is_ascii_whitespace() && !is_sep(c))
    {
        i += 1;
    }
    let name = (name_start, i);
    while bytes
        .get(i)
        .is_some_and(|&c| c.is_ascii_whitespace() || is_sep(c))
    {
        i += 1;
    }
    if i >= bytes.len() {
        return Some(OptionLine {
            name,
            short,
            value: None,
        });
    }
    let value = if bytes[i] == b'"' {
        let start = i + 1;
        let mut text = String::new();
        let mut chars = line[start..].char_indices();
        let mut end = line.len();
        let mut closed = false;
        while let Some((k, c)) = chars.next() {
            match c {
                '"' => {
                    end = start + k;
                    closed = true;
                    break;
                }
                '\\' => match chars.next() {
                    Some((_, 't')) => text.push('\t'),
                    Some((_, 'n')) => text.push('\n'),
                    Some((_, 'r')) => text.push('\r'),
                    Some((_, 'v')) => text.push('\u{b}'),
                    Some((_, other)) => text.push(other),
                    None => {}
                },
                _ => text.push(c),
            }
        }
        ValueText {
            text,
            start,
            end,
            end_quoted: if closed { end + 1 } else { end },
        }
    } else {
        let start = i;
        while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
            i += 1;
        }
        ValueText {
            text: line[start..i].to_owned(),
            start,
            end: i,
            end_quoted: i,
        }
    };
    Some(OptionLine {
        name,
        short,
        value: Some(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::{facts, range};
    use crate::facts::{Basis, Protocol, TlsMode};

    fn read(text: &str) -> Vec<Fact> {
        facts(extract, ".curlrc", text)
    }

    #[test]
    fn options_without_url_are_an_application_setting() {
        let text = "# defaults for every curl run\nsilent\ntls-max = 1.1\n--tlsv1.0\n";
        let f = read(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FactKind::TlsSetting);
        assert_eq!(f[0].scope.as_deref(), Some("application"));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3);
        let s = f[0].setting.as_ref().unwrap_or_else(|| panic!());
        assert_eq!((s.name.as_str(), s.value.as_str()), ("tls-max", "1.1"));
        assert_eq!(f[0].related[0].line, 4);
    }

    #[test]
    fn separators_quotes_and_urls() {
        let text = "tlsv1.1\ntls-max: \"1.1\"\nurl = \"imaps://user@outlook.office365.com/INBOX\"\nnext\nurl=\"https://example.com\"\n-1\n";
        let f = read(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].kind, FactKind::Connection);
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
        // The second operation has an HTTPS URL and `-1`: curl's setting.
        assert_eq!(f[1].kind, FactKind::TlsSetting);
        assert_eq!(range(&f[1]), (Some("1.0"), None, Basis::Explicit));
    }

    #[test]
    fn comments_and_plain_urls() {
        let f = read("# tls-max = 1.0\n  * tlsv1\n// sslv3\nurl \"smtp://smtp.office365.com:587\"\nssl-reqd\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert!(read("silent\nshow-error\n").is_empty());
        assert!(read("tlsv1.2\n")
            .iter()
            .all(|f| f.kind == FactKind::TlsSetting));
    }

    #[test]
    fn dashed_options_do_not_split_at_equals() {
        // `--tls-max=1.1` is one (unknown) option name to curl.
        assert!(read("--tls-max=1.1\n").is_empty());
        let f = read("--tls-max 1.0\n");
        assert_eq!(range(&f[0]), (None, Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "\"",
            "url = \"",
            "url",
            "-",
            "--",
            "=",
            ":::",
            "tls-max",
            "\u{0}",
            "é = \"\\",
        ] {
            let _ = read(text);
        }
    }
}
