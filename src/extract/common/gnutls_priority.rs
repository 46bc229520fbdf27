//! GnuTLS priority strings (`NORMAL:-VERS-ALL:+VERS-TLS1.2`), reduced to
//! the TLS versions they enable.
//!
//! The GnuTLS system configuration (`/etc/gnutls/config`) and programs
//! linked against GnuTLS (Exim `tls_require_ciphers`, mutt/neomutt
//! `ssl_ciphers`, msmtp `tls_priorities`, ...) all write the same strings,
//! so the one parser lives here. It follows `gnutls_priority_init` in
//! upstream `lib/priority.c`:
//!
//! - the string is split at `:` (spaces right after a `:` are skipped);
//! - unless the first element is `NONE`, the version list starts as
//!   upstream's `protocol_priority` (TLS 1.0-1.3 plus DTLS); `NONE` starts
//!   from nothing;
//! - level keywords (`NORMAL`, `PFS`, `SECURE128`/`SECURE`,
//!   `SECURE192`/`SECURE256`, `SUITEB128`, `SUITEB192`, `LEGACY`,
//!   `PERFORMANCE`) may appear anywhere, bare or with `+`; only the Suite B
//!   levels carry a version list (TLS 1.2 only): the first keyword sets it,
//!   later ones add to it;
//! - `+`/`-`/`!` elements: `VERS-TLS-ALL` adds or removes TLS 1.0-1.3,
//!   `VERS-ALL` adds TLS 1.0-1.3 (and DTLS) or clears every version,
//!   `VERS-DTLS-ALL` touches DTLS only, `VERS-<name>` one version
//!   (`SSL3.0`, `TLS1.0`...`TLS1.3`, `DTLS0.9/1.0/1.2`, case-insensitive;
//!   any other name makes GnuTLS reject the whole string); other algorithm
//!   elements do not touch versions and are not checked here;
//! - `%` elements are flags; a bare element that is not a level keyword is
//!   an error;
//! - a string starting with `@NAME[,NAME2...][:more]` is first replaced by
//!   the system configuration's priority string of the first name that has
//!   one (`_gnutls_resolve_priorities`), once: the caller supplies the
//!   lookup (the system config file knows its `[priorities]`; an
//!   application config does not, and gets [`PriorityError::Unresolved`]).
//!
//! Versions a system configuration disables on top (`disabled-version`) are
//! the caller's business: this reads one string.

use super::tls_version::VersionSet;

/// What a priority string enables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority<'a> {
    /// TLS/SSL versions enabled (DTLS is left out).
    pub versions: VersionSet,
    /// Whether an element of the string decided the versions (`NONE`, a
    /// `VERS-` element, a Suite B level) rather than the keyword default
    /// (TLS 1.0-1.3 upstream).
    pub explicit: bool,
    /// The elements that touched versions, in order, as slices of the text
    /// they were read from (the input or the resolved system string).
    pub version_elements: Vec<&'a str>,
    /// The `@NAME` the string was resolved through, if any.
    pub resolved: Option<&'a str>,
}

/// Why a priority string yields no version set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriorityError<'a> {
    /// `@NAME[,NAME2...]` that the lookup could not expand: the system
    /// configuration decides.
    Unresolved(&'a str),
    /// An element GnuTLS rejects; the whole string is then rejected.
    Invalid(&'a str),
}

const LEVELS: [&str; 10] = [
    "NORMAL",
    "PFS",
    "SECURE128",
    "SECURE",
    "SECURE192",
    "SECURE256",
    "SUITEB128",
    "SUITEB192",
    "LEGACY",
    "PERFORMANCE",
];

const TLS_ALL: [&str; 4] = ["1.0", "1.1", "1.2", "1.3"];

fn is_level(word: &str) -> bool {
    LEVELS.iter().any(|l| l.eq_ignore_ascii_case(word))
}

fn is_suiteb(word: &str) -> bool {
    word.eq_ignore_ascii_case("SUITEB128") || word.eq_ignore_ascii_case("SUITEB192")
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// What a GnuTLS protocol name (`gnutls_protocol_get_id`, the `<name>` of
/// `VERS-<name>`) names: `Some(Some(v))` a TLS/SSL version, `Some(None)` a
/// DTLS version, `None` nothing GnuTLS knows.
pub fn version_name(name: &str) -> Option<Option<&'static str>> {
    let known: [(&str, Option<&'static str>); 8] = [
        ("SSL3.0", Some("ssl3")),
        ("TLS1.0", Some("1.0")),
        ("TLS1.1", Some("1.1")),
        ("TLS1.2", Some("1.2")),
        ("TLS1.3", Some("1.3")),
        ("DTLS0.9", None),
        ("DTLS1.0", None),
        ("DTLS1.2", None),
    ];
    known
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

/// Splits at `:` and skips spaces after each `:`, as `break_list` does.
fn break_list(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(':') {
            Some(at) => {
                out.push(&rest[..at]);
                rest = rest[at + 1..].trim_start_matches(' ');
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

/// Parses a priority string written by an application (no system lookup:
/// `@NAME` strings are [`PriorityError::Unresolved`]).
pub fn parse(text: &str) -> Result<Priority<'_>, PriorityError<'_>> {
    parse_with(text, &|_| None)
}

/// Parses a priority string, expanding a leading `@NAME` through `lookup`.
pub fn parse_with<'a>(
    text: &'a str,
    lookup: &dyn Fn(&str) -> Option<&'a str>,
) -> Result<Priority<'a>, PriorityError<'a>> {
    let text = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let mut resolved = None;
    let elements = match text.strip_prefix('@') {
        Some(rest) => {
            let (names, more) = match rest.find(':') {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            let Some((name, value)) = names
                .split(',')
                .find_map(|name| lookup(name).map(|value| (name, value)))
            else {
                return Err(PriorityError::Unresolved(names));
            };
            resolved = Some(name);
            let mut elements = break_list(value);
            if let Some(more) = more {
                elements.extend(break_list(more.trim_start_matches(' ')));
            }
            elements
        }
        None => break_list(text),
    };
    let mut priority = versions_of(&elements)?;
    priority.resolved = resolved;
    Ok(priority)
}

fn versions_of<'a>(elements: &[&'a str]) -> Result<Priority<'a>, PriorityError<'a>> {
    let mut versions = VersionSet::empty();
    let mut explicit = false;
    let mut touched = Vec::new();
    let mut keyword_set = false;
    let mut rest = elements;
    match elements.first() {
        Some(first) if first.eq_ignore_ascii_case("NONE") => {
            explicit = true;
            keyword_set = true;
            touched.push(*first);
            rest = elements.get(1..).unwrap_or(&[]);
        }
        _ => {
            for v in TLS_ALL {
                versions.set(v, true);
            }
        }
    }
    for &element in rest {
        if is_level(element) {
            if is_suiteb(element) {
                if !keyword_set {
                    versions = VersionSet::empty();
                }
                versions.set("1.2", true);
                explicit = true;
                touched.push(element);
            }
            keyword_set = true;
            continue;
        }
        let Some(sign) = element.chars().next() else {
            return Err(PriorityError::Invalid(element));
        };
        match sign {
            '+' | '-' | '!' => {
                let add = sign == '+';
                let name = &element[1..];
                if is_level(name) {
                    if !add {
                        // `-NORMAL` is no algorithm name either.
                        return Err(PriorityError::Invalid(element));
                    }
                    if is_suiteb(name) {
                        versions.set("1.2", true);
                        explicit = true;
                        touched.push(element);
                    }
                    continue;
                }
                if !starts_with_ci(name, "VERS-") {
                    // A cipher, MAC, key exchange, group, signature or
                    // certificate type: no version change.
                    continue;
                }
                explicit = true;
                touched.push(element);
                if starts_with_ci(name, "VERS-TLS-ALL") {
                    for v in TLS_ALL {
                        versions.set(v, add);
                    }
                } else if starts_with_ci(name, "VERS-DTLS-ALL") {
                    // DTLS only.
                } else if starts_with_ci(name, "VERS-ALL") {
                    if add {
                        for v in TLS_ALL {
                            versions.set(v, true);
                        }
                    } else {
                        versions = VersionSet::empty();
                    }
                } else {
                    match version_name(&name[5..]) {
                        Some(Some(v)) => versions.set(v, add),
                        Some(None) => {}
                        None => return Err(PriorityError::Invalid(element)),
                    }
                }
            }
            '%' => {}
            _ => return Err(PriorityError::Invalid(element)),
        }
    }
    Ok(Priority {
        versions,
        explicit,
        version_elements: touched,
        resolved: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> Option<(&'static str, &'static str)> {
        parse(text).ok().and_then(|p| p.versions.bounds())
    }

    #[test]
    fn keyword_defaults_are_tls10_to_13() {
        let p = parse("NORMAL").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.versions.bounds(), Some(("1.0", "1.3")));
        assert!(!p.explicit);
        assert_eq!(
            bounds("SECURE128:-AES-128-CBC:%COMPAT"),
            Some(("1.0", "1.3"))
        );
        assert_eq!(bounds("PERFORMANCE"), Some(("1.0", "1.3")));
        assert_eq!(bounds("normal"), Some(("1.0", "1.3")));
    }

    #[test]
    fn version_elements_add_and_remove() {
        let p = parse("NORMAL:-VERS-ALL:+VERS-TLS1.0").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.versions.bounds(), Some(("1.0", "1.0")));
        assert!(p.explicit);
        assert_eq!(p.version_elements, vec!["-VERS-ALL", "+VERS-TLS1.0"]);
        assert_eq!(
            bounds("SECURE128:-VERS-TLS-ALL:+VERS-TLS1.3"),
            Some(("1.3", "1.3"))
        );
        assert_eq!(
            bounds("NORMAL:-VERS-TLS1.0:-VERS-TLS1.1"),
            Some(("1.2", "1.3"))
        );
        assert_eq!(
            bounds("NORMAL:!VERS-TLS1.3: -vers-tls1.2"),
            Some(("1.0", "1.1"))
        );
        assert_eq!(bounds("NORMAL:+VERS-SSL3.0"), Some(("ssl3", "1.3")));
        assert_eq!(bounds("NORMAL:-VERS-DTLS-ALL"), Some(("1.0", "1.3")));
    }

    #[test]
    fn none_starts_empty_and_suiteb_is_tls12() {
        assert_eq!(
            bounds("NONE:+VERS-TLS1.2:+VERS-TLS1.1:+AES-128-CBC:+SHA1:+RSA"),
            Some(("1.1", "1.2"))
        );
        let p = parse("NONE:+AES-128-GCM").unwrap_or_else(|e| panic!("{e:?}"));
        assert!(p.versions.is_empty());
        assert_eq!(bounds("SUITEB128"), Some(("1.2", "1.2")));
        assert_eq!(bounds("NORMAL:+SUITEB128"), Some(("1.0", "1.3")));
        assert_eq!(bounds("NONE:+SUITEB192"), Some(("1.2", "1.2")));
    }

    #[test]
    fn invalid_strings_are_rejected() {
        assert_eq!(
            parse("NORMAL:-VERS-TLS1.4"),
            Err(PriorityError::Invalid("-VERS-TLS1.4"))
        );
        assert_eq!(parse("NORMAL:"), Err(PriorityError::Invalid("")));
        assert_eq!(
            parse("NORMAL :+VERS-TLS1.2"),
            Err(PriorityError::Invalid("NORMAL "))
        );
        assert_eq!(
            parse("VERS-TLS1.2"),
            Err(PriorityError::Invalid("VERS-TLS1.2"))
        );
        assert_eq!(
            parse("NORMAL:-SECURE128"),
            Err(PriorityError::Invalid("-SECURE128"))
        );
        assert_eq!(parse(""), Err(PriorityError::Invalid("")));
    }

    #[test]
    fn system_keywords_resolve_once() {
        let lookup = |name: &str| match name {
            "SYSTEM" => Some("NORMAL:-VERS-TLS1.0"),
            "LOOP" => Some("@SYSTEM"),
            _ => None,
        };
        let p = parse_with("@SYSTEM:-VERS-TLS1.1", &lookup).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.versions.bounds(), Some(("1.2", "1.3")));
        assert_eq!(p.resolved, Some("SYSTEM"));
        let p = parse_with("@LIBVIRT,SYSTEM", &lookup).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.resolved, Some("SYSTEM"));
        assert_eq!(
            parse_with("@LOOP", &lookup),
            Err(PriorityError::Invalid("@SYSTEM"))
        );
        assert_eq!(
            parse("@SYSTEM:+VERS-TLS1.0"),
            Err(PriorityError::Unresolved("SYSTEM"))
        );
    }
}
