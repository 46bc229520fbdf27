//! GnuTLS system-wide configuration (`/etc/gnutls/config`, GnuTLS 3.6.9+,
//! or `$GNUTLS_SYSTEM_PRIORITY_FILE`; also the RHEL / Fedora
//! crypto-policies back-end `gnutls.config`, in both its current INI form
//! and the older one-line `SYSTEM=...` form): the TLS versions GnuTLS
//! allows system-wide and those of the priority strings it defines.
//!
//! The file is read as GnuTLS's bundled inih reads it (`lib/inih/ini.c`,
//! built with `;`/`#` comments at line start and inline after whitespace,
//! stop on first error): `[section]` (names taken as written, so
//! `[ overrides ]` is another section), `name = value` or `name: value`,
//! an indented line after an entry is another value for the same name, a
//! line that is none of these is an error. Semantics follow `lib/priority.c`
//! (`doc/cha-config.texi`):
//!
//! - `[global] override-mode = allowlist` (GnuTLS 3.7.3+; read in a first
//!   pass, so its place in the file does not matter) switches
//!   `[overrides]` from blocklisting (`disabled-version = tls1.0`,
//!   repeatable) to allowlisting (`enabled-version = tls1.2`, everything
//!   else off); the option of the other mode is ignored. Version names are
//!   GnuTLS's (`TLS1.0`...`TLS1.3`, `SSL3.0`, DTLS ones), case-insensitive,
//!   first word only; unknown names are skipped. These apply to every
//!   program linked against GnuTLS, whatever priority string it uses: one
//!   fact of scope `system` with the versions left (upstream supports
//!   TLS 1.0-1.3; a gap at TLS 1.2 is read as in `common::version_gaps`).
//! - `[overrides] default-priority-string = ...` (first word only, the last
//!   line wins) replaces the compiled-in default priority of programs that
//!   use GnuTLS's defaults: scope `system`.
//! - entries before any section or in `[priorities]` define `@NAME`
//!   priority strings (the first definition of a name wins). `SYSTEM` is the
//!   system-wide one (distributions build GnuTLS with `@SYSTEM` as the
//!   default priority; in allowlist mode GnuTLS builds `@SYSTEM` from
//!   `[overrides]` and ignores this entry): scope `system`; any other name
//!   is used only by programs that ask for it: scope `application`.
//!
//! Priority strings are read by `common::gnutls_priority` (`@NAME` resolved
//! against this file). Each fact gives its own setting's range: a
//! `disabled-version` line and a `default-priority-string` that both leave
//! TLS 1.2 out are two findings with two fixes. A string that touches no
//! version has the keyword's default range (basis `default`); one GnuTLS
//! rejects, or one resolved elsewhere, has an unknown range; one that
//! leaves no TLS version at all yields no fact.
//!
//! Location: the version line that caps the range (`disabled-version =
//! tls1.2`; in allowlist mode the highest `enabled-version`), else the one
//! that sets the minimum; for priority strings, the string.

use crate::extract::common::gnutls_priority::{self, parse_with, PriorityError};
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, VersionSet, ORDER};
use crate::extract::common::version_gaps::{around_tls12, names, Span};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Related, Setting, TlsRange};
use crate::source::SourceFile;

/// One `name = value` call of the inih handler.
#[derive(Debug, Clone)]
struct Item<'a> {
    section: &'a str,
    name: &'a str,
    /// A sub-slice of the file text.
    value: &'a str,
    line: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// inih's `find_chars_or_comment`: the first of `chars`, or an inline
/// comment (`;` or `#` after whitespace).
fn find_chars_or_comment(s: &str, chars: &str) -> usize {
    let mut was_space = false;
    for (i, c) in s.char_indices() {
        if chars.contains(c) || (was_space && (c == ';' || c == '#')) {
            return i;
        }
        was_space = is_space(c);
    }
    s.len()
}

fn parse<'a>(file: &SourceFile<'a>) -> Result<Vec<Item<'a>>, ExtractError> {
    let mut items = Vec::new();
    let mut section = "";
    let mut prev_name: Option<&str> = None;
    for (n, line) in file.lines() {
        let start = line.trim_matches(is_space);
        let indented = line.starts_with(is_space);
        if start.is_empty() || start.starts_with(';') || start.starts_with('#') {
            continue;
        }
        if let (Some(name), true) = (prev_name, indented) {
            items.push(Item {
                section,
                name,
                value: start,
                line: n,
            });
            continue;
        }
        if let Some(rest) = start.strip_prefix('[') {
            let end = find_chars_or_comment(rest, "]");
            if !rest[end..].starts_with(']') {
                return Err(ExtractError::new(
                    "section header without its closing ']'",
                    Some(n),
                ));
            }
            section = &rest[..end];
            prev_name = None;
            continue;
        }
        let end = find_chars_or_comment(start, "=:");
        if !(start[end..].starts_with('=') || start[end..].starts_with(':')) {
            return Err(ExtractError::new(
                format!("no '=' or ':' in {start:?}"),
                Some(n),
            ));
        }
        let name = start[..end].trim_end_matches(is_space);
        let rest = &start[end + 1..];
        let value = rest[..find_chars_or_comment(rest, "")].trim_matches(is_space);
        prev_name = Some(name);
        items.push(Item {
            section,
            name,
            value,
            line: n,
        });
    }
    Ok(items)
}

/// GnuTLS's `clear_spaces`: the first whitespace-free word.
fn first_word(value: &str) -> &str {
    let value = value.trim_start_matches(is_space);
    &value[..value.find(is_space).unwrap_or(value.len())]
}

/// Content check: the globs (`gnutls/config`) also match build recipes and
/// other tools' files in a folder named `gnutls`; a GnuTLS configuration has
/// one of its sections, or (the 3.5 `default-priorities` file) a priority
/// string naming protocol versions.
pub fn sniff(text: &str) -> bool {
    [
        "[global]",
        "[overrides]",
        "[priorities]",
        "VERS-",
        "disabled-version",
        "enabled-version",
    ]
    .iter()
    .any(|marker| text.contains(marker))
}

fn value_fact(file: &SourceFile, item: &Item<'_>, value: &str) -> Fact {
    let location = file.location_of(value);
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        location,
        redact(file.line(item.line).trim()),
    );
    fact.client = Some("gnutls".to_owned());
    fact.setting = Some(Setting {
        name: item.name.to_owned(),
        value: value.to_owned(),
    });
    fact
}

fn gap_note(fact: &mut Fact, span: &Span) {
    if !span.left_out.is_empty() {
        fact.related.push(Related::new(
            "version",
            fact.location,
            format!(
                "{} stays enabled above the disabled TLS 1.2: only servers that offer it are reached with TLS 1.2+",
                names(&span.left_out)
            ),
        ));
    }
}

/// The fact of `[overrides]` version lines.
fn versions_fact(
    file: &SourceFile,
    lines: &[(&Item<'_>, &'static str)],
    allowlist: Option<&Item<'_>>,
) -> Option<Fact> {
    let mut set = if allowlist.is_some() {
        VersionSet::empty()
    } else {
        VersionSet::between("1.0", "1.3")
    };
    for (_, v) in lines {
        set.set(v, allowlist.is_some());
    }
    let span = around_tls12(&set)?;
    let line_for = |v: Option<&str>| {
        lines
            .iter()
            .rev()
            .find(|(_, lv)| Some(*lv) == v)
            .map(|(item, _)| *item)
    };
    let neighbour = |v: &str, step: isize| {
        rank(v)
            .and_then(|r| r.checked_add_signed(step))
            .and_then(|r| ORDER.get(r).copied())
    };
    let main = if allowlist.is_some() {
        line_for(Some(span.max))
    } else if span.max != "1.3" {
        line_for(neighbour(span.max, 1))
    } else {
        line_for(neighbour(span.min, -1))
    }
    .or_else(|| lines.first().map(|(item, _)| *item))?;
    let mut fact = value_fact(file, main, first_word(main.value));
    fact.scope = Some("system".to_owned());
    fact.tls = Some(TlsRange::explicit(Some(span.min), Some(span.max)));
    if let Some(mode) = allowlist {
        fact.related.push(Related::new(
            "declaration",
            file.location_of(mode.value),
            format!(
                "{}: only the versions listed with enabled-version are enabled",
                redact(file.line(mode.line).trim())
            ),
        ));
    }
    gap_note(&mut fact, &span);
    for (item, _) in lines {
        if item.line != main.line {
            fact.related.push(Related::new(
                "version",
                file.location_of(item.value),
                redact(file.line(item.line).trim()),
            ));
        }
    }
    Some(fact)
}

/// The fact of one priority string (`default-priority-string` or a
/// `[priorities]` entry).
fn priority_fact<'a>(
    file: &'a SourceFile,
    item: &Item<'a>,
    value: &'a str,
    scope: &str,
    lookup: &dyn Fn(&str) -> Option<&'a str>,
) -> Option<Fact> {
    let mut fact = value_fact(file, item, value);
    fact.scope = Some(scope.to_owned());
    match parse_with(value, lookup) {
        Ok(priority) => {
            let span = around_tls12(&priority.versions)?;
            let (min, max) = (Some(span.min), Some(span.max));
            fact.tls = Some(if priority.explicit {
                TlsRange::explicit(min, max)
            } else {
                TlsRange::default_range(min, max)
            });
            gap_note(&mut fact, &span);
        }
        Err(PriorityError::Unresolved(name)) => {
            fact.tls = Some(TlsRange::unknown());
            fact.related.push(Related::new(
                "version",
                fact.location,
                redact(&format!(
                    "@{name} is not defined in this file: the versions depend on the system configuration"
                )),
            ));
        }
        Err(PriorityError::Invalid(element)) => {
            fact.tls = Some(TlsRange::unknown());
            fact.related.push(Related::new(
                "version",
                fact.location,
                redact(&format!(
                    "GnuTLS rejects this priority string at {element:?}; programs using it fail to set up TLS"
                )),
            ));
        }
    }
    Some(fact)
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let items = parse(file)?;
    let in_section = |item: &&Item<'_>, name: &str| item.section.eq_ignore_ascii_case(name);
    let named = |item: &&Item<'_>, name: &str| item.name.eq_ignore_ascii_case(name);
    // Pass one: [global] override-mode, the last valid value wins.
    let mut allowlist: Option<&Item<'_>> = None;
    for item in items
        .iter()
        .filter(|i| in_section(i, "global") && named(i, "override-mode"))
    {
        match first_word(item.value).to_ascii_lowercase().as_str() {
            "allowlist" => allowlist = Some(item),
            "blocklist" => allowlist = None,
            _ => {}
        }
    }
    let option = if allowlist.is_some() {
        "enabled-version"
    } else {
        "disabled-version"
    };
    let overrides: Vec<&Item<'_>> = items
        .iter()
        .filter(|i| in_section(i, "overrides"))
        .collect();
    let version_lines: Vec<(&Item<'_>, &'static str)> = overrides
        .iter()
        .filter(|i| named(i, option))
        .filter_map(|i| {
            gnutls_priority::version_name(first_word(i.value))
                .flatten()
                .map(|v| (*i, v))
        })
        .collect();
    let priorities: Vec<&Item<'_>> = items
        .iter()
        .filter(|i| i.section.is_empty() || in_section(i, "priorities"))
        .collect();
    let lookup = |name: &str| {
        if allowlist.is_some() && name == "SYSTEM" {
            return None;
        }
        priorities.iter().find(|i| i.name == name).map(|i| i.value)
    };
    let mut facts = Vec::new();
    if !version_lines.is_empty() {
        facts.extend(versions_fact(file, &version_lines, allowlist));
    }
    if let Some(item) = overrides
        .iter()
        .rev()
        .find(|i| named(i, "default-priority-string") && !first_word(i.value).is_empty())
    {
        facts.extend(priority_fact(
            file,
            item,
            first_word(item.value),
            "system",
            &lookup,
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for item in &priorities {
        if seen.contains(&item.name) {
            continue;
        }
        seen.push(item.name);
        let system = item.name == "SYSTEM";
        if system && allowlist.is_some() {
            continue;
        }
        let scope = if system { "system" } else { "application" };
        facts.extend(priority_fact(file, item, item.value, scope, &lookup));
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("etc/gnutls/config", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn range(f: &Fact) -> (Option<&str>, Option<&str>) {
        let tls = f.tls.as_ref();
        (
            tls.and_then(|t| t.min.as_deref()),
            tls.and_then(|t| t.max.as_deref()),
        )
    }

    #[test]
    fn disabled_versions_cap_and_point_at_tls12() {
        let f = facts(
            "[overrides]\ndisabled-version = tls1.3\ndisabled-version = TLS1.2 # legacy peers\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].scope.as_deref(), Some("system"));
        assert_eq!(f[0].client.as_deref(), Some("gnutls"));
        assert_eq!(f[0].location.line, 3);
        assert_eq!(f[0].location.column, 20);
        assert_eq!(
            f[0].setting,
            Some(Setting {
                name: "disabled-version".into(),
                value: "TLS1.2".into()
            })
        );
    }

    #[test]
    fn hardening_raises_the_minimum() {
        let f = facts("[overrides]\ndisabled-version = tls1.0\ndisabled-version = tls1.1\n");
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3")));
        assert_eq!(f[0].location.line, 3);
        // Only TLS 1.2 off: the part below the gap, TLS 1.3 noted.
        let f = facts("[overrides]\ndisabled-version = tls1.2\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.message.contains("TLS 1.3 stays enabled")));
    }

    #[test]
    fn allowlist_mode() {
        let text = "[overrides]\nenabled-version = TLS1.3\nenabled-version = TLS1.2\nenabled-version = DTLS1.2\ndisabled-version = tls1.3\n\n[priorities]\nSYSTEM=NONE\n\n[global]\noverride-mode = allowlist\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3")));
        assert_eq!(f[0].location.line, 2);
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "declaration" && r.line == 11));
        let f = facts("[global]\noverride-mode = allowlist\n[overrides]\nenabled-version = tls1.0\nenabled-version = tls1.1\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 5);
    }

    #[test]
    fn default_priority_string_and_priorities() {
        let text = "SYSTEM = NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1\n[priorities]\nLEGACYAPP = @SYSTEM:+VERS-TLS1.2\nSYSTEM = NORMAL\n[overrides]\ndefault-priority-string = NORMAL:-VERS-ALL:+VERS-TLS1.0 trailing words\n";
        let f = facts(text);
        assert_eq!(f.len(), 3);
        let dps = &f[0];
        assert_eq!(dps.scope.as_deref(), Some("system"));
        assert_eq!(range(dps), (Some("1.0"), Some("1.0")));
        assert_eq!(dps.location.line, 6);
        let system = &f[1];
        assert_eq!(
            (system.location.line, system.scope.as_deref()),
            (1, Some("system"))
        );
        assert_eq!(range(system), (Some("1.0"), Some("1.1")));
        let app = &f[2];
        assert_eq!(app.scope.as_deref(), Some("application"));
        assert_eq!(range(app), (Some("1.0"), Some("1.2")));
    }

    #[test]
    fn keyword_default_range_and_bad_strings() {
        let f = facts("[priorities]\nSYSTEM = SECURE128:-AES-128-CBC\nBROKEN = NORMAL:+VERS-TLS1.4\nOTHER = @MISSING\nNOTLS = NONE:+AES-128-GCM\n");
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].tls.as_ref().map(|t| t.basis), Some(Basis::Default));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.3")));
        assert_eq!(f[1].tls.as_ref().map(|t| t.basis), Some(Basis::Unknown));
        assert!(f[1].related[0].message.contains("rejects"));
        assert_eq!(f[2].tls.as_ref().map(|t| t.basis), Some(Basis::Unknown));
    }

    #[test]
    fn ini_details() {
        // A spaced section name is another section; comments; continuation.
        assert!(facts("[ overrides ]\ndisabled-version = tls1.2\n").is_empty());
        let f = facts("# c\n; c\n[overrides]\ndisabled-version = tls1.3 ; inline\n  tls1.2\n");
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1")));
        assert_eq!(f[0].location.line, 5);
        // Section names are case-insensitive, unknown versions skipped.
        let f = facts("[OVERRIDES]\nDisabled-Version: tls1.0\ndisabled-version = tls9\n");
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.3")));
        // The mode's other option is ignored.
        assert!(facts("[overrides]\nenabled-version = tls1.0\n").is_empty());
    }

    #[test]
    fn malformed_lines_are_errors() {
        let bad = |t: &str| {
            extract(&SourceFile::new("gnutls/config", t))
                .err()
                .and_then(|e| e.line)
        };
        assert_eq!(bad("[overrides\n"), Some(1));
        assert_eq!(bad("[overrides]\ndisabled-version tls1.0\n"), Some(2));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "[",
            "]",
            "=",
            ":",
            " x",
            "[a]\n b",
            "é=ü",
            "a=@",
            "a=@,:",
            "[overrides]\ndefault-priority-string=",
            "x = ;",
        ] {
            let _ = extract(&SourceFile::new("gnutls/config", text));
        }
    }
}
