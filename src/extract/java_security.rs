//! Java's `java.security` (`$JAVA_HOME/jre/lib/security/` on JDK 8,
//! `$JAVA_HOME/conf/security/` on 9+, Debian's `/etc/java-*-openjdk/security/`,
//! override files given with `-Djava.security.properties=`, and the RHEL /
//! Fedora crypto-policies back-end `java.config`): the TLS versions
//! `jdk.tls.disabledAlgorithms` leaves to every JSSE client of that JDK
//! (scope `system`).
//!
//! The file is a `java.util.Properties` file and is read as
//! `Properties.load` reads it: `#`/`!` comment lines (a comment never
//! continues), `key=value`, `key: value` or `key value`, a line ending in
//! an odd number of backslashes continues on the next one with that line's
//! leading whitespace dropped (an empty continuation line ends the value),
//! `\uHHHH`, `\t`, `\n`, `\r`, `\f` and `\x` escapes (a malformed `\u` is
//! an error, as `Properties.load` throws), the last definition of a key
//! wins.
//!
//! `jdk.tls.disabledAlgorithms` is read as JSSE reads it
//! (`AbstractAlgorithmConstraints.getAlgorithms`): surrounding double
//! quotes dropped, split at `,`, each entry trimmed, entries compared
//! case-insensitively and whole: `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`,
//! `TLSv1.3` switch that protocol off; entries with constraints
//! (`DH keySize < 1024`) and `include jdk.disabled.namedCurves` are not
//! protocols. The JDK offers SSL 3.0 to TLS 1.3; a version not listed is
//! re-enabled (removing `TLSv1, TLSv1.1`, as many Dockerfiles do, gives a
//! minimum of TLS 1.0 and no finding, since no rule judges a system
//! minimum). JSSE offers every enabled version, so the range runs from the
//! lowest to the highest enabled version, except that with TLS 1.2 off and
//! older versions on it is the part below TLS 1.2 (see
//! `common::version_gaps`). An uncapped maximum is `null`: whether it is
//! TLS 1.3 depends on the JDK release (8u261+, 11+).
//!
//! A file without the property says nothing here (an override file leaves
//! the JDK's value alone; a main file without it is unusual and has no
//! line to point at). `jdk.tls.legacyAlgorithms` and the certpath/jar
//! properties are not protocol settings.
//!
//! Location: the entry that caps the range (`TLSv1.2` in a continued
//! value, on its own line), else the key.

use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, VersionSet};
use crate::extract::common::version_gaps::{around_tls12, names};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Related, Setting, TlsRange};
use crate::source::SourceFile;

const PROPERTY: &str = "jdk.tls.disabledAlgorithms";

/// A character of a logical line or of a converted key/value, with the
/// byte range it came from in the file text.
#[derive(Debug, Clone, Copy)]
struct Char {
    c: char,
    start: usize,
    end: usize,
}

/// One `key=value` after escape processing.
#[derive(Debug, Clone)]
struct Property {
    key: String,
    key_chars: Vec<Char>,
    value: Vec<Char>,
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{c}')
}

/// `Properties.LineReader`: logical lines with each character's origin.
fn logical_lines(file: &SourceFile) -> Vec<(usize, Vec<Char>)> {
    let mut out = Vec::new();
    let mut current: Vec<Char> = Vec::new();
    let mut first = 0;
    let mut continued = false;
    for (n, line) in file.lines() {
        let start = file.line_start(n);
        let rest = line.trim_start_matches(is_blank);
        let skipped = line.len() - rest.len();
        if !continued {
            if rest.is_empty() || rest.starts_with('#') || rest.starts_with('!') {
                continue;
            }
            first = n;
        } else if rest.is_empty() {
            out.push((first, std::mem::take(&mut current)));
            continued = false;
            continue;
        }
        current.extend(rest.char_indices().map(|(i, c)| Char {
            c,
            start: start + skipped + i,
            end: start + skipped + i + c.len_utf8(),
        }));
        let backslashes = rest.chars().rev().take_while(|&c| c == '\\').count();
        continued = backslashes % 2 == 1;
        if continued {
            current.pop();
            continue;
        }
        out.push((first, std::mem::take(&mut current)));
    }
    if continued {
        out.push((first, current));
    }
    out
}

/// `Properties.loadConvert`: escapes, each output character spanning the
/// escape it came from.
fn convert(chars: &[Char], line: usize) -> Result<Vec<Char>, ExtractError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&ch) = chars.get(i) {
        i += 1;
        if ch.c != '\\' {
            out.push(ch);
            continue;
        }
        let Some(&next) = chars.get(i) else {
            break;
        };
        i += 1;
        let c = match next.c {
            'u' => {
                let digits: String = chars.iter().skip(i).take(4).map(|c| c.c).collect();
                let code = (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(&digits, 16).ok())
                    .flatten()
                    .ok_or_else(|| ExtractError::new("malformed \\uxxxx encoding", Some(line)))?;
                let last = chars.get(i + 3).map_or(next.end, |c| c.end);
                i += 4;
                out.push(Char {
                    c: char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                    start: ch.start,
                    end: last,
                });
                continue;
            }
            't' => '\t',
            'r' => '\r',
            'n' => '\n',
            'f' => '\u{c}',
            other => other,
        };
        out.push(Char {
            c,
            start: ch.start,
            end: next.end,
        });
    }
    Ok(out)
}

/// Splits a logical line into key and value as `Properties.load0` does.
fn property(line: usize, chars: &[Char]) -> Result<Property, ExtractError> {
    let mut key_len = 0;
    let mut value_start = chars.len();
    let mut has_sep = false;
    let mut escaped = false;
    while let Some(ch) = chars.get(key_len) {
        if !escaped && (ch.c == '=' || ch.c == ':') {
            value_start = key_len + 1;
            has_sep = true;
            break;
        }
        if !escaped && is_blank(ch.c) {
            value_start = key_len + 1;
            break;
        }
        escaped = ch.c == '\\' && !escaped;
        key_len += 1;
    }
    while let Some(ch) = chars.get(value_start) {
        if !is_blank(ch.c) {
            if !has_sep && (ch.c == '=' || ch.c == ':') {
                has_sep = true;
            } else {
                break;
            }
        }
        value_start += 1;
    }
    let key_chars = convert(chars.get(..key_len).unwrap_or(&[]), line)?;
    let value = convert(chars.get(value_start..).unwrap_or(&[]), line)?;
    Ok(Property {
        key: key_chars.iter().map(|c| c.c).collect(),
        key_chars,
        value,
    })
}

fn span(file: &SourceFile, chars: &[Char]) -> Option<Location> {
    let (first, last) = (chars.first()?, chars.last()?);
    Some(file.location(first.start, last.end))
}

/// The protocol an entry of the list switches off.
fn protocol(entry: &str) -> Option<&'static str> {
    [
        ("SSLv3", "ssl3"),
        ("TLSv1", "1.0"),
        ("TLSv1.1", "1.1"),
        ("TLSv1.2", "1.2"),
        ("TLSv1.3", "1.3"),
    ]
    .iter()
    .find(|(name, _)| name.eq_ignore_ascii_case(entry))
    .map(|(_, v)| *v)
}

/// The entries of the list, trimmed, with their characters.
fn entries(value: &[Char]) -> Vec<&[Char]> {
    let mut value = value;
    if value.len() >= 2
        && value.first().is_some_and(|c| c.c == '"')
        && value.last().is_some_and(|c| c.c == '"')
    {
        value = &value[1..value.len() - 1];
    }
    value
        .split(|c| c.c == ',')
        .map(|entry| {
            let start = entry.iter().position(|c| c.c > ' ').unwrap_or(entry.len());
            let end = entry
                .iter()
                .rposition(|c| c.c > ' ')
                .map_or(start, |e| e + 1);
            entry.get(start..end).unwrap_or(&[])
        })
        .collect()
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut found: Option<(usize, Property)> = None;
    for (line, chars) in logical_lines(file) {
        let prop = property(line, &chars)?;
        if prop.key == PROPERTY {
            found = Some((line, prop));
        }
    }
    let Some((key_line, prop)) = found else {
        return Ok(Vec::new());
    };
    let key_location =
        span(file, &prop.key_chars).unwrap_or_else(|| file.location_of(file.line(key_line).trim()));
    let listed = entries(&prop.value);
    let disabled: Vec<(&'static str, &[Char])> = listed
        .iter()
        .filter_map(|entry| {
            let text: String = entry.iter().map(|c| c.c).collect();
            protocol(&text).map(|v| (v, *entry))
        })
        .collect();
    let mut enabled = VersionSet::between("ssl3", "1.3");
    for (v, _) in &disabled {
        enabled.set(v, false);
    }
    let value: String = prop.value.iter().map(|c| c.c).collect();
    let (tls, cap, left_out) = match around_tls12(&enabled) {
        Some(span) => {
            let max = (span.max != "1.3").then_some(span.max);
            // The disabled version right above the maximum caps it.
            let cap = max.and_then(|m| {
                let next = rank(m).map(|r| r + 1);
                disabled
                    .iter()
                    .find(|(v, _)| rank(v) == next)
                    .map(|(_, entry)| *entry)
            });
            (TlsRange::explicit(Some(span.min), max), cap, span.left_out)
        }
        // Every version switched off: JSSE has nothing to offer.
        None => (TlsRange::explicit(None, None), None, Vec::new()),
    };
    let location = cap
        .and_then(|entry| span(file, entry))
        .unwrap_or(key_location);
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        location,
        redact(file.line(location.line).trim()),
    );
    fact.client = Some("java".to_owned());
    fact.scope = Some("system".to_owned());
    fact.tls = Some(tls);
    fact.setting = Some(Setting {
        name: prop.key.clone(),
        value: value.trim().to_owned(),
    });
    if location != key_location {
        fact.related.push(Related::new(
            "declaration",
            key_location,
            redact(file.line(key_location.line).trim()),
        ));
    }
    if !left_out.is_empty() {
        fact.related.push(Related::new(
            "version",
            location,
            format!(
                "{} stays enabled above the disabled TLS 1.2: only servers that offer it are reached with TLS 1.2+",
                names(&left_out)
            ),
        ));
    }
    for (_, entry) in &disabled {
        let Some(loc) = span(file, entry) else {
            continue;
        };
        if loc == location {
            continue;
        }
        let text: String = entry.iter().map(|c| c.c).collect();
        fact.related.push(Related::new(
            "version",
            loc,
            redact(&format!("{text} disabled in {PROPERTY}")),
        ));
    }
    Ok(vec![fact])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("conf/security/java.security", text))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn range(f: &Fact) -> (Option<&str>, Option<&str>) {
        let tls = f.tls.as_ref();
        (
            tls.and_then(|t| t.min.as_deref()),
            tls.and_then(|t| t.max.as_deref()),
        )
    }

    const JDK17: &str = "# Example:\n#   jdk.tls.disabledAlgorithms=MD5, SSLv3, DSA, RSA keySize < 2048, \\\n#       rsa_pkcs1_sha1, secp224r1\njdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, \\\n    MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, \\\n    ECDH\n";

    #[test]
    fn jdk_default_is_tls12_and_up() {
        let f = facts(JDK17);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.2"), None));
        assert_eq!(f[0].scope.as_deref(), Some("system"));
        assert_eq!(f[0].client.as_deref(), Some("java"));
        assert_eq!(f[0].location.line, 4);
        assert_eq!((f[0].location.column, f[0].location.end_column), (1, 27));
        let value = f[0]
            .setting
            .as_ref()
            .map(|s| s.value.as_str())
            .unwrap_or("");
        assert!(value.starts_with("SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA"));
        assert!(value.ends_with("NULL, ECDH"));
    }

    #[test]
    fn tls12_in_a_continued_value_points_at_its_line() {
        let f = facts(
            "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, \\\n    TLSv1.2, TLSv1.3, \\\n    NULL\n",
        );
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 2);
        assert_eq!((f[0].location.column, f[0].location.end_column), (5, 12));
        assert_eq!(f[0].evidence, "TLSv1.2, TLSv1.3, \\");
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "declaration" && r.line == 1));
    }

    #[test]
    fn tls12_off_with_13_on_is_capped_below_the_gap() {
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, tlsv1.2\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.message.contains("TLS 1.3 stays enabled")));
        // Only TLS 1.3 left: meets the requirement.
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, TLSv1.2\n");
        assert_eq!(range(&f[0]), (Some("1.3"), None));
        // TLS 1.3 off: capped at 1.2.
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, TLSv1.3\n");
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2")));
    }

    #[test]
    fn re_enabled_legacy_versions() {
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None));
        let f = facts("jdk.tls.disabledAlgorithms=\n");
        assert_eq!(range(&f[0]), (Some("ssl3"), None));
    }

    #[test]
    fn properties_syntax() {
        // `key: value`, `key value`, quotes, escapes, last definition wins.
        let f = facts("jdk.tls.disabledAlgorithms: SSLv3, TLSv1.2, TLSv1.3\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        let f = facts("jdk.tls.disabledAlgorithms   \"SSLv3, TLSv1.3\"\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.2")));
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, \\u0054LSv1.2, TLSv1.3\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!((f[0].location.column, f[0].location.end_column), (35, 47));
        let f = facts(
            "jdk.tls.disabledAlgorithms=TLSv1.2, TLSv1.3\njdk.tls.disabledAlgorithms=SSLv3\n",
        );
        assert_eq!(range(&f[0]), (Some("1.0"), None));
        // A commented-out definition and a continued comment are comments.
        let f = facts("#jdk.tls.disabledAlgorithms=TLSv1.2, TLSv1.3\n! x \\\njdk.tls.disabledAlgorithms=SSLv3\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None));
        // An empty continuation line ends the value.
        let f = facts("jdk.tls.disabledAlgorithms=SSLv3, \\\n\nTLSv1.2\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None));
        // Constraints are not protocol entries.
        let f = facts(
            "jdk.tls.disabledAlgorithms=TLSv1.2 keySize < 1024, include jdk.disabled.namedCurves\n",
        );
        assert_eq!(range(&f[0]), (Some("ssl3"), None));
    }

    #[test]
    fn other_keys_and_absence_say_nothing() {
        assert!(
            facts("jdk.tls.legacyAlgorithms=TLSv1.2\njdk.certpath.disabledAlgorithms=MD2\n")
                .is_empty()
        );
        assert!(facts("").is_empty());
    }

    #[test]
    fn malformed_unicode_escape_is_an_error() {
        let err = extract(&SourceFile::new(
            "java.security",
            "a=b\njdk.tls.disabledAlgorithms=\\u12\n",
        ))
        .err();
        assert_eq!(err.and_then(|e| e.line), Some(2));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "\\",
            "=",
            ":",
            "\\u",
            "a\\",
            "jdk.tls.disabledAlgorithms=\"",
            "jdk.tls.disabledAlgorithms=,,,\\",
            "é=ü\\\n",
        ] {
            let _ = extract(&SourceFile::new("java.security", text));
        }
    }
}
