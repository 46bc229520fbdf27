//! Thunderbird enterprise policies: `policies.json` in the installation's
//! `distribution/` directory (or `/etc/thunderbird/policies/`), the file
//! admins deploy to every Thunderbird of an organisation. Firefox reads the
//! same format from its own `distribution/` directory.
//!
//! # What the policies mean
//!
//! From thunderbird/policy-templates (`templates/central` and the esr91 to
//! esr140 READMEs) and the policy engine (`Policies.sys.mjs`):
//!
//! - `"SSLVersionMin"` / `"SSLVersionMax"` (Thunderbird 68+): one of
//!   `"tls1"`, `"tls1.1"`, `"tls1.2"`, `"tls1.3"`; the engine sets **and
//!   locks** `security.tls.version.min` / `.max` to 1..4. Any other value
//!   fails the policy schema (the policy is ignored, the other policies
//!   still apply): it is reported in a related note and leaves that bound
//!   unknown.
//! - `"Preferences"`: an object of preference name to a value (the legacy
//!   form: set and lock) or to `{"Value": ..., "Status": "default" |
//!   "locked" | "user" | "clear"}`. Preferences under `security.` are set
//!   only when they are on the engine's allow-list, which holds
//!   `security.tls.version.enable-deprecated` but neither `.min` nor `.max`:
//!   those two are refused ("Preference not allowed for security reasons")
//!   and are not in effect; they appear as related notes only.
//!   `enable-deprecated` is in effect when its value is `true` (or `1`,
//!   which the engine turns into a boolean for a boolean preference) with
//!   any status but `clear`. The allow-list entry exists since Thunderbird
//!   91; the 78 to 89 schema refused it, which is not modelled (those
//!   versions are long out of support).
//!
//! The range then follows Gecko (see `common::gecko_tls`): the minimum, the
//! maximum, `enable-deprecated` lowering the minimum to TLS 1.0, and a
//! minimum above the maximum discarded (unknown range, with a note). A
//! maximum below TLS 1.2 without a minimum is reported as written, as in
//! `thunderbird_prefs`: Thunderbird 68 applies it, Thunderbird 78+ (whose
//! default minimum is TLS 1.2) discards the inverted range; either way the
//! file asks for legacy TLS (a related note says so). The fact sits on the
//! value that decides the range: the maximum when it is below TLS 1.2, else
//! the value that sets the minimum.
//!
//! # Which scope: every account of every Thunderbird
//!
//! A `policies.json` has no mail account, but it is deployed to every
//! Thunderbird of an organisation and its range governs every connection
//! of every account those Thunderbirds hold: an `SSLVersionMax` of `tls1.1`
//! breaks every IMAP, POP3 and SMTP account against Exchange Online. A mail
//! admin needs that finding in the default mail scope, so a Thunderbird
//! `policies.json` yields one `connection` that stands for all of them:
//! client `thunderbird`, protocol `unknown`, host, port and TLS mode
//! unknown, and the policies' TLS range. A related `declaration` note on
//! the `"policies"` key says so.
//!
//! Firefox reads the same file with the same keys. A file that clearly
//! belongs to a browser yields a `tls_setting` of scope `application`
//! (client `firefox`) instead, which only `--scope all` judges. The
//! heuristic, first match wins:
//! 1. the deepest directory of the path whose name contains an application
//!    name decides: `thunderbird`, `betterbird`, `icedove` for Thunderbird;
//!    `firefox`, `iceweasel`, `librewolf`, `waterfox`, `floorp` for a
//!    browser (`firefox/distribution/`, `/etc/firefox/policies/`, `Mozilla
//!    Firefox\distribution\`, `Thunderbird.app/Contents/Resources/...`);
//!    a directory naming both decides nothing;
//! 2. otherwise a policy that only Firefox has (`Homepage`,
//!    `DisablePocket`, `FirefoxHome`, `DisplayBookmarksToolbar`, ... : the
//!    policies that policy-templates lists as unsupported by Thunderbird and
//!    that name browser features) makes it a browser's file;
//! 3. otherwise it is Thunderbird's: a file that says nothing else may be
//!    deployed to Thunderbird, and a missed mail finding costs more than a
//!    browser setting reported under the mail client's name.
//!
//! The file is strict JSON (the engine uses `JSON.parse`): anything else is
//! malformed. A repeated key counts once, its last value, as in
//! `JSON.parse`. A file with no TLS policy in effect yields no fact.

use crate::extract::common::gecko_tls::{
    lowered_min, version_label, version_name, DEPRECATED_PREF, MAX_PREF, MIN_PREF,
};
use crate::extract::common::json::{self, Key, Node};
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::ops::Range;

/// The `client` of a Thunderbird file's fact, also the remedies key.
const THUNDERBIRD: &str = "thunderbird";
/// The `client` of a browser's file.
const FIREFOX: &str = "firefox";

const MIN_POLICY: &str = "SSLVersionMin";
const MAX_POLICY: &str = "SSLVersionMax";
const PREFERENCES_POLICY: &str = "Preferences";

/// Directory names that make a `policies.json` Thunderbird's.
const THUNDERBIRD_NAMES: [&str; 3] = ["thunderbird", "betterbird", "icedove"];
/// Directory names that make a `policies.json` a browser's.
const BROWSER_NAMES: [&str; 5] = ["firefox", "iceweasel", "librewolf", "waterfox", "floorp"];

/// Policies Firefox has and Thunderbird does not (policy-templates'
/// `docs/README.md` lists them as unsupported), all about browser features.
const FIREFOX_ONLY_POLICIES: [&str; 26] = [
    "Bookmarks",
    "Containers",
    "DisableFirefoxAccounts",
    "DisableFirefoxScreenshots",
    "DisableFirefoxStudies",
    "DisableFormHistory",
    "DisablePocket",
    "DisablePrivateBrowsing",
    "DisplayBookmarksToolbar",
    "DisplayMenuBar",
    "DontCheckDefaultBrowser",
    "EnableTrackingProtection",
    "FirefoxHome",
    "FirefoxSuggest",
    "Homepage",
    "HttpsOnlyMode",
    "ManagedBookmarks",
    "NewTabPage",
    "NoDefaultBookmarks",
    "OverrideFirstRunPage",
    "PictureInPicture",
    "PopupBlocking",
    "SearchBar",
    "SearchSuggestEnabled",
    "ShowHomeButton",
    "WebsiteFilter",
];

/// Whether `text` looks like an enterprise policies file: a JSON object
/// with a `"policies"` key whose value is an object.
pub fn sniff(text: &str) -> bool {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with('{') {
        return false;
    }
    let key = "\"policies\"";
    let mut rest = trimmed;
    while let Some(at) = rest.find(key) {
        rest = rest.get(at + key.len()..).unwrap_or("");
        if let Some(value) = rest.trim_start().strip_prefix(':') {
            if value.trim_start().starts_with('{') {
                return true;
            }
        }
    }
    false
}

/// Extracts the TLS range the policies set: one `connection` for a
/// Thunderbird file, one `tls_setting` of scope `application` for a
/// browser's.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let root = json::parse(file.text).map_err(|e| {
        ExtractError::new(
            format!("not valid JSON: {}", e.message),
            Some(file.position(e.offset).0),
        )
    })?;
    let Some((policies_key, policies)) = root.get_member("policies") else {
        return Ok(Vec::new());
    };
    if policies.members().is_none() {
        return Ok(Vec::new());
    }
    let owner = owner(file.path, policies);
    let Some(found) = Policies::read(file, policies) else {
        return Ok(Vec::new());
    };
    Ok(vec![found.fact(file, policies_key, &owner)])
}

// ---------------------------------------------------------------------------
// Whose file
// ---------------------------------------------------------------------------

/// The application a policies file belongs to, and why.
struct Owner {
    thunderbird: bool,
    reason: String,
}

fn owner(path: &str, policies: &Node) -> Owner {
    let mut dirs: Vec<&str> = path.split(['/', '\\']).collect();
    dirs.pop();
    for dir in dirs.iter().rev() {
        let lower = dir.to_ascii_lowercase();
        let tb = THUNDERBIRD_NAMES.iter().any(|n| lower.contains(n));
        let browser = BROWSER_NAMES.iter().any(|n| lower.contains(n));
        match (tb, browser) {
            (true, false) => {
                return Owner {
                    thunderbird: true,
                    reason: format!("in the Thunderbird directory {dir}/"),
                }
            }
            (false, true) => {
                return Owner {
                    thunderbird: false,
                    reason: format!("in the browser directory {dir}/"),
                }
            }
            _ => {}
        }
    }
    let firefox_only = policies.members().and_then(|members| {
        members
            .iter()
            .find(|(k, _)| FIREFOX_ONLY_POLICIES.contains(&k.text.as_str()))
    });
    match firefox_only {
        Some((key, _)) => Owner {
            thunderbird: false,
            reason: format!("with the Firefox-only policy {}", key.text),
        },
        None => Owner {
            thunderbird: true,
            reason: "deployable to Thunderbird".to_owned(),
        },
    }
}

// ---------------------------------------------------------------------------
// The TLS policies
// ---------------------------------------------------------------------------

/// One policy or preference entry that bears on the TLS range.
struct Entry {
    /// `SSLVersionMax`, `security.tls.version.enable-deprecated`.
    name: String,
    /// The value as written (`tls1.1`, `true`), for settings and messages.
    value: String,
    /// Where the value is (a policy's value, a preference from its key to
    /// its value).
    location: Location,
}

/// An `SSLVersionMin`/`SSLVersionMax` policy: its entry and the preference
/// value it sets (`None`: a value the schema refuses).
struct Bound {
    entry: Entry,
    pref: Option<i64>,
}

/// The TLS-relevant policies of one file.
struct Policies {
    min: Option<Bound>,
    max: Option<Bound>,
    /// `enable-deprecated` set to true by the Preferences policy.
    deprecated: Option<Entry>,
    /// Entries that are written but not in effect, with why.
    ignored: Vec<(Entry, String)>,
}

/// The source text of `span`, for messages.
fn source<'a>(file: &SourceFile<'a>, span: Range<usize>) -> &'a str {
    file.text.get(span).unwrap_or("")
}

/// A value as written, without the quotes of a string.
fn value_text(file: &SourceFile, node: &Node) -> String {
    match node.as_str() {
        Some(s) => s.to_owned(),
        None => source(file, node.span.clone()).to_owned(),
    }
}

/// The preference value a version policy sets.
fn policy_version(node: &Node) -> Option<i64> {
    match node.as_str()? {
        "tls1" => Some(1),
        "tls1.1" => Some(2),
        "tls1.2" => Some(3),
        "tls1.3" => Some(4),
        _ => None,
    }
}

/// What a boolean preference becomes from a policy value: booleans as
/// they are, the numbers 0 and 1 as booleans (`Policies.sys.mjs`, bug
/// 1666836); anything else is a type mismatch the engine refuses (`None`).
fn boolean_value(node: &Node) -> Option<bool> {
    if let Some(b) = node.as_bool() {
        return Some(b);
    }
    let v = node.as_number()?.parse::<f64>().ok()?;
    if v == 1.0 {
        Some(true)
    } else if v == 0.0 {
        Some(false)
    } else {
        None
    }
}

impl Policies {
    /// The TLS policies of `policies`, or `None` when the file has none
    /// that is in effect or malformed.
    fn read(file: &SourceFile, policies: &Node) -> Option<Self> {
        let mut found = Policies {
            min: None,
            max: None,
            deprecated: None,
            ignored: Vec::new(),
        };
        for name in [MIN_POLICY, MAX_POLICY] {
            let Some((_, node)) = policies.get_member(name) else {
                continue;
            };
            let bound = Bound {
                entry: Entry {
                    name: name.to_owned(),
                    value: value_text(file, node),
                    location: file.location(node.inner_span().start, node.inner_span().end),
                },
                pref: policy_version(node),
            };
            if name == MIN_POLICY {
                found.min = Some(bound);
            } else {
                found.max = Some(bound);
            }
        }
        if let Some(prefs) = policies.get(PREFERENCES_POLICY) {
            found.read_preferences(file, prefs);
        }
        (found.min.is_some() || found.max.is_some() || found.deprecated.is_some()).then_some(found)
    }

    fn read_preferences(&mut self, file: &SourceFile, prefs: &Node) {
        for name in [MIN_PREF, MAX_PREF, DEPRECATED_PREF] {
            let Some((key, node)) = prefs.get_member(name) else {
                continue;
            };
            // `{"Value": ..., "Status": ...}`, or the value itself.
            let value_node = if node.members().is_some() {
                node.get("Value")
            } else {
                Some(node)
            };
            let end = value_node.map_or(key.span.end, |v| v.span.end);
            let entry = Entry {
                name: name.to_owned(),
                value: value_node.map_or_else(String::new, |v| value_text(file, v)),
                location: file.location(key.span.start, end.max(key.span.end)),
            };
            if name != DEPRECATED_PREF {
                self.ignored.push((
                    entry,
                    "not on the Preferences policy's allow-list: refused, not in effect; use SSLVersionMin/SSLVersionMax"
                        .to_owned(),
                ));
                continue;
            }
            match deprecated_effect(node, value_node) {
                Ok(true) => self.deprecated = Some(entry),
                Ok(false) => {}
                Err(why) => self.ignored.push((entry, why)),
            }
        }
    }

    /// The fact for the file.
    fn fact(self, file: &SourceFile, policies_key: &Key, owner: &Owner) -> Fact {
        let min_v = self.min.as_ref().and_then(|b| b.pref);
        let max_v = self.max.as_ref().and_then(|b| b.pref);
        let (eff_min, lowered) = lowered_min(min_v, self.deprecated.is_some());
        let inverted = matches!((eff_min, max_v), (Some(lo), Some(hi)) if lo > hi);
        let range = if inverted || (eff_min.is_none() && max_v.is_none()) {
            TlsRange::unknown()
        } else {
            TlsRange::explicit(eff_min.and_then(version_name), max_v.and_then(version_name))
        };

        // The entry that decides the range.
        let max_entry = self.max.as_ref().filter(|b| b.pref.is_some());
        let min_entry = if lowered {
            self.deprecated.as_ref()
        } else {
            self.min
                .as_ref()
                .filter(|b| b.pref.is_some())
                .map(|b| &b.entry)
        };
        let primary: Option<&Entry> = match max_entry {
            Some(b) if b.pref.is_some_and(|v| v < 3) && !inverted => Some(&b.entry),
            _ => min_entry.or(max_entry.map(|b| &b.entry)),
        }
        .or(self.max.as_ref().map(|b| &b.entry))
        .or(self.min.as_ref().map(|b| &b.entry))
        .or(self.deprecated.as_ref());

        let mut related = vec![Related::new(
            "declaration",
            file.location(policies_key.span.start, policies_key.span.end),
            redact(&if owner.thunderbird {
                format!(
                    "Thunderbird enterprise policies ({}): the TLS range applies to every account of every Thunderbird this file is deployed to",
                    owner.reason
                )
            } else {
                format!(
                    "Browser enterprise policies ({}): the TLS range applies to the browser, not to a mail client",
                    owner.reason
                )
            }),
        )];
        let is_primary = |e: &Entry| primary.is_some_and(|p| std::ptr::eq(p, e));
        let note = |e: &Entry, what: String| {
            Related::new(
                "version",
                e.location,
                redact(&format!("{} {} ({what})", e.name, e.value)),
            )
        };
        for (bound, what) in [(&self.min, "minimum"), (&self.max, "maximum")] {
            let Some(bound) = bound else { continue };
            let text = match bound.pref.and_then(version_name) {
                None => "not one of tls1, tls1.1, tls1.2, tls1.3: the policy is ignored".to_owned(),
                Some(v) if what == "minimum" && lowered => format!(
                    "minimum {}, lowered to TLS 1.0 by {DEPRECATED_PREF}",
                    version_label(v)
                ),
                Some(v) => format!("{what} {}", version_label(v)),
            };
            if !is_primary(&bound.entry) || bound.pref.is_none() {
                related.push(note(&bound.entry, text));
            }
        }
        if let Some(entry) = &self.deprecated {
            if !is_primary(entry) {
                related.push(note(entry, "re-enables TLS 1.0 and 1.1".to_owned()));
            }
        }
        if inverted {
            if let Some(entry) = min_entry {
                related.push(note(
                    entry,
                    "minimum above the maximum: Gecko ignores both and keeps its defaults"
                        .to_owned(),
                ));
            }
        } else if let (Some(b), None) = (max_entry, eff_min) {
            if let Some(max) = b.pref.filter(|v| *v < 3).and_then(version_name) {
                related.push(note(
                    &b.entry,
                    format!(
                        "no SSLVersionMin: Thunderbird 68 (default minimum TLS 1.0) connects with at most {}; Thunderbird 78 and later (default minimum TLS 1.2) find the range inverted and fall back to their defaults",
                        version_label(max)
                    ),
                ));
            }
        }
        for (entry, why) in &self.ignored {
            related.push(note(entry, why.clone()));
        }

        let location = primary.map_or_else(
            || file.location(policies_key.span.start, policies_key.span.end),
            |e| e.location,
        );
        let evidence = redact(file.line(location.line).trim());
        let mut fact = if owner.thunderbird {
            let mut fact = Fact::new(FactKind::Connection, location, evidence);
            fact.client = Some(THUNDERBIRD.to_owned());
            fact.protocol = Some(Protocol::Unknown);
            fact.tls_mode = Some(TlsMode::Unknown);
            fact
        } else {
            let mut fact = Fact::new(FactKind::TlsSetting, location, evidence);
            fact.client = Some(FIREFOX.to_owned());
            fact.scope = Some("application".to_owned());
            fact.setting = primary.map(|e| Setting {
                name: e.name.clone(),
                value: redact(&e.value),
            });
            fact
        };
        fact.tls = Some(range);
        fact.related = related;
        fact
    }
}

/// Whether a Preferences entry for `enable-deprecated` turns it on
/// (`Ok(true)`), leaves it off (`Ok(false)`), or is not applied (`Err` with
/// why).
fn deprecated_effect(node: &Node, value: Option<&Node>) -> Result<bool, String> {
    if node.members().is_some() {
        match node.get("Status").map(|s| s.as_str()) {
            None | Some(Some("default" | "locked" | "user")) => {}
            Some(Some("clear")) => {
                return Err("Status clear: clears the user value, sets nothing".to_owned())
            }
            Some(_) => return Err(
                "Status is not default, locked, user or clear: the Preferences policy is refused"
                    .to_owned(),
            ),
        }
    }
    let Some(value) = value else {
        return Err("no Value: nothing is set".to_owned());
    };
    boolean_value(value)
        .ok_or_else(|| "not a boolean: Thunderbird refuses the type mismatch".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    const TB: &str = "opt/thunderbird/distribution/policies.json";

    fn run(path: &str, text: &str) -> Vec<Fact> {
        let file = SourceFile::new(path, text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn one(path: &str, text: &str) -> Fact {
        let mut facts = run(path, text);
        assert_eq!(facts.len(), 1, "{facts:#?}");
        facts.remove(0)
    }

    type RangeOf<'f> = (Option<&'f str>, Option<&'f str>, Basis);

    fn range(f: &Fact) -> RangeOf<'_> {
        let t = f.tls.as_ref().unwrap_or_else(|| panic!("no tls in {f:?}"));
        (t.min.as_deref(), t.max.as_deref(), t.basis)
    }

    fn roles(f: &Fact) -> Vec<(&str, usize)> {
        f.related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect()
    }

    #[test]
    fn sniffs_policies_objects_only() {
        assert!(sniff("{\"policies\": {}}"));
        assert!(sniff(
            "\u{feff}\n{\n  \"policies\" :\n  {\"SSLVersionMin\": \"tls1.2\"}\n}"
        ));
        assert!(!sniff("{\"policies\": []}"));
        assert!(!sniff("[{\"policies\": {}}]"));
        assert!(!sniff("{\"Version\": \"2012-10-17\", \"Statement\": []}"));
        assert!(!sniff(""));
        assert!(!sniff("{\"policies\""));
    }

    #[test]
    fn ssl_version_max_below_tls12_is_a_thunderbird_wide_connection() {
        let text = "{\n  \"policies\": {\n    \"DisableTelemetry\": true,\n    \"SSLVersionMax\": \"tls1.1\"\n  }\n}\n";
        let f = one(TB, text);
        assert_eq!(f.kind, FactKind::Connection);
        assert_eq!(f.client.as_deref(), Some("thunderbird"));
        assert_eq!(f.protocol, Some(Protocol::Unknown));
        assert_eq!((f.host.as_deref(), f.port), (None, None));
        assert_eq!(f.tls_mode, Some(TlsMode::Unknown));
        assert_eq!(f.scope, None);
        assert_eq!(range(&f), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(
            (f.location.line, f.location.column, f.location.end_column),
            (4, 23, 29)
        );
        assert_eq!(f.evidence, "\"SSLVersionMax\": \"tls1.1\"");
        assert_eq!(roles(&f), [("declaration", 2), ("version", 4)]);
        assert!(f.related[0].message.contains("every Thunderbird"));
        assert!(f.related[1].message.contains("Thunderbird 68"));
    }

    #[test]
    fn modern_minimum_gives_a_clean_range() {
        let text = r#"{"policies": {"SSLVersionMin": "tls1.2", "SSLVersionMax": "tls1.3"}}"#;
        let f = one(TB, text);
        assert_eq!(range(&f), (Some("1.2"), Some("1.3"), Basis::Explicit));
        // Located at the minimum; the maximum is related.
        assert_eq!(f.location.column, 33);
        assert_eq!(roles(&f), [("declaration", 1), ("version", 1)]);
        assert!(f.related[1]
            .message
            .starts_with("SSLVersionMax tls1.3 (maximum"));
    }

    #[test]
    fn legacy_minimum_and_maximum() {
        let text = r#"{"policies": {"SSLVersionMin": "tls1", "SSLVersionMax": "tls1.1"}}"#;
        let f = one(TB, text);
        assert_eq!(range(&f), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f.location.column, 58);
        let f = one(TB, r#"{"policies": {"SSLVersionMin": "tls1"}}"#);
        assert_eq!(range(&f), (Some("1.0"), None, Basis::Explicit));
    }

    #[test]
    fn enable_deprecated_through_preferences() {
        let text = r#"{
  "policies": {
    "SSLVersionMin": "tls1.2",
    "Preferences": {
      "security.tls.version.enable-deprecated": {
        "Value": true,
        "Status": "locked"
      }
    }
  }
}"#;
        let f = one(TB, text);
        assert_eq!(range(&f), (Some("1.0"), None, Basis::Explicit));
        assert_eq!((f.location.line, f.location.end_line), (5, 6));
        assert_eq!(f.evidence, "\"security.tls.version.enable-deprecated\": {");
        let msgs: Vec<&str> = f.related.iter().map(|r| r.message.as_str()).collect();
        assert!(msgs[1].contains("lowered to TLS 1.0"), "{msgs:?}");

        // The legacy form (set and lock) and the numeric boolean.
        for value in [
            "true",
            "1",
            "{\"Value\": 1}",
            "{\"Value\": true, \"Status\": \"user\"}",
        ] {
            let text = format!(
                "{{\"policies\": {{\"Preferences\": {{\"security.tls.version.enable-deprecated\": {value}}}}}}}"
            );
            let f = one(TB, &text);
            assert_eq!(range(&f), (Some("1.0"), None, Basis::Explicit), "{value}");
        }
        // Off, cleared, mistyped: nothing in effect, no fact.
        for value in [
            "false",
            "0",
            "\"true\"",
            "{\"Value\": true, \"Status\": \"clear\"}",
            "{\"Value\": true, \"Status\": \"Locked\"}",
            "{\"Status\": \"locked\"}",
            "2",
        ] {
            let text = format!(
                "{{\"policies\": {{\"Preferences\": {{\"security.tls.version.enable-deprecated\": {value}}}}}}}"
            );
            assert!(run(TB, &text).is_empty(), "{value}");
        }
    }

    #[test]
    fn refused_preferences_are_notes_not_settings() {
        let text = r#"{"policies": {
  "SSLVersionMin": "tls1.2",
  "Preferences": {"security.tls.version.min": 1, "security.tls.version.max": {"Value": 2, "Status": "locked"}}
}}"#;
        let f = one(TB, text);
        assert_eq!(range(&f), (Some("1.2"), None, Basis::Explicit));
        assert_eq!(f.location.line, 2);
        let refused: Vec<_> = f
            .related
            .iter()
            .filter(|r| r.message.contains("allow-list"))
            .collect();
        assert_eq!(refused.len(), 2);
        // Only refused preferences: no TLS setting in effect.
        let text = r#"{"policies": {"Preferences": {"security.tls.version.max": 2}}}"#;
        assert!(run(TB, text).is_empty());
    }

    #[test]
    fn invalid_values_and_inverted_ranges_are_unknown() {
        let f = one(TB, r#"{"policies": {"SSLVersionMax": "TLS1.1"}}"#);
        assert_eq!(range(&f), (None, None, Basis::Unknown));
        assert!(f.related.iter().any(|r| r.message.contains("ignored")));
        let f = one(TB, r#"{"policies": {"SSLVersionMax": 2}}"#);
        assert_eq!(range(&f), (None, None, Basis::Unknown));
        // The valid bound still applies.
        let f = one(
            TB,
            r#"{"policies": {"SSLVersionMin": "tls1.2", "SSLVersionMax": "tls1.4"}}"#,
        );
        assert_eq!(range(&f), (Some("1.2"), None, Basis::Explicit));
        let f = one(
            TB,
            r#"{"policies": {"SSLVersionMin": "tls1.3", "SSLVersionMax": "tls1.1"}}"#,
        );
        assert_eq!(range(&f), (None, None, Basis::Unknown));
        assert!(f
            .related
            .iter()
            .any(|r| r.message.contains("above the maximum")));
    }

    #[test]
    fn last_duplicate_wins() {
        let f = one(
            TB,
            r#"{"policies": {"SSLVersionMax": "tls1.1", "SSLVersionMax": "tls1.3"}}"#,
        );
        assert_eq!(range(&f), (None, Some("1.3"), Basis::Explicit));
    }

    #[test]
    fn browser_files_are_application_settings() {
        let text = r#"{"policies": {"SSLVersionMin": "tls1"}}"#;
        for path in [
            "firefox/distribution/policies.json",
            "etc/firefox/policies/policies.json",
            "C:\\Program Files\\Mozilla Firefox\\distribution\\policies.json",
            "thunderbird-and-browsers/librewolf/distribution/policies.json",
        ] {
            let f = one(path, text);
            assert_eq!(f.kind, FactKind::TlsSetting, "{path}");
            assert_eq!(f.client.as_deref(), Some("firefox"));
            assert_eq!(f.scope.as_deref(), Some("application"));
            assert_eq!(
                f.setting,
                Some(Setting {
                    name: "SSLVersionMin".to_owned(),
                    value: "tls1".to_owned()
                })
            );
            assert_eq!(range(&f), (Some("1.0"), None, Basis::Explicit));
        }
        // The deepest application directory decides.
        let f = one(
            "firefox-configs/thunderbird/distribution/policies.json",
            text,
        );
        assert_eq!(f.kind, FactKind::Connection);
        let f = one(
            "Applications/Thunderbird.app/Contents/Resources/distribution/policies.json",
            text,
        );
        assert_eq!(f.kind, FactKind::Connection);
        // Without a path hint, Firefox-only policies decide; else Thunderbird.
        let browser =
            r#"{"policies": {"Homepage": {"URL": "https://intranet"}, "SSLVersionMin": "tls1"}}"#;
        let f = one("deploy/policies.json", browser);
        assert_eq!(f.kind, FactKind::TlsSetting);
        assert!(f.related[0].message.contains("Homepage"));
        let f = one("deploy/policies.json", text);
        assert_eq!(f.kind, FactKind::Connection);
        let f = one("policies.json", text);
        assert_eq!(f.kind, FactKind::Connection);
    }

    #[test]
    fn files_without_tls_policies_yield_nothing() {
        assert!(run(TB, r#"{"policies": {"DisableTelemetry": true}}"#).is_empty());
        assert!(run(TB, r#"{"policies": {}}"#).is_empty());
        assert!(run(TB, r#"{"policies": []}"#).is_empty());
        assert!(run(TB, r#"{"other": {"SSLVersionMax": "tls1"}}"#).is_empty());
        assert!(run(TB, r#"["SSLVersionMax"]"#).is_empty());
        assert!(run(
            TB,
            r#"{"policies": {"Preferences": {"mail.server.default.socketType": 3}}}"#
        )
        .is_empty());
    }

    #[test]
    fn malformed_json_is_an_error_with_its_line() {
        for (text, line) in [
            (
                "{\n  \"policies\": {\n    \"SSLVersionMax\": \"tls1.1\",\n  }\n}\n",
                4,
            ),
            ("{\n  // comment\n  \"policies\": {}\n}", 2),
            ("{\"policies\": {\"SSLVersionMin\": \"tls1\"}", 1),
        ] {
            let file = SourceFile::new(TB, text);
            match extract(&file) {
                Ok(f) => panic!("{text:?} parsed: {f:?}"),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn garbage_never_panics() {
        let doc = r#"{"policies": {"SSLVersionMin": "tls1", "Preferences": {"security.tls.version.enable-deprecated": {"Value": true, "Status": "locked"}}, "SSLVersionMax": "tls1.1"}}"#;
        for end in 0..=doc.len() {
            let file = SourceFile::new(TB, &doc[..end]);
            let _ = extract(&file);
        }
        for text in [
            "{\"policies\": {\"SSLVersionMin\": \"\u{e9}\"}}",
            "\u{feff}{}",
            "{\"policies\": {\"Preferences\": 5}}",
        ] {
            let file = SourceFile::new(TB, text);
            let _ = extract(&file);
        }
    }

    #[test]
    fn secrets_in_values_are_redacted() {
        let text = r#"{"policies": {"SSLVersionMax": "password=hunter2"}}"#;
        let f = one(TB, text);
        assert!(!f.evidence.contains("hunter2"), "{}", f.evidence);
        assert!(f.related.iter().all(|r| !r.message.contains("hunter2")));
    }
}
