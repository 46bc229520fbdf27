//! `tlsfloor.toml`: a project's standing choices, so that CI, pre-commit
//! and people run the same scan without repeating flags.
//!
//! ```toml
//! exclude = ["vendor/", "**/testdata/**"]   # gitignore globs, added to --exclude
//! scope = "mail"                            # or "all"
//! fail_on = "warning"                       # error | warning | note | never
//! policies = ["policy/"]                    # extra Rego folders, added to --policy
//!
//! [rules.TLS004]
//! level = "note"                            # error | warning | note | off
//!
//! [[exception]]
//! path = "hosts/printer-*/**"               # glob, relative to this file's folder
//! rule = "<rule id, as in `tlsfloor rules`>"
//! justification = "Firmware update scheduled, ticket OPS-1234"
//! owner = "mail-team@example.com"
//! expires = 2026-12-31                      # TOML date or "YYYY-MM-DD"
//! ```
//!
//! Found at the scan root (the folder scanned, or the working directory
//! when files or several roots are given), or named with `--config FILE`.
//! A flag given on the command line wins over the file, the file over the
//! built-in default; lists (`exclude`, `policies`) add up. Every table
//! refuses unknown keys, and every error names the key and its line.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for at the scan root.
pub const FILE_NAME: &str = "tlsfloor.toml";

/// A loaded, checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file as shown in messages (`tlsfloor.toml`, `ci/tlsfloor.toml`).
    pub display: String,
    /// The folder holding the file: relative paths in it start here.
    pub dir: PathBuf,
    pub exclude: Vec<String>,
    /// `mail` or `all`.
    pub scope: Option<String>,
    /// `error`, `warning`, `note` or `never`.
    pub fail_on: Option<String>,
    /// Extra policy folders, resolved against [`Config::dir`].
    pub policies: Vec<PathBuf>,
    pub rule_levels: Vec<RuleLevel>,
    pub exceptions: Vec<Exception>,
}

/// `[rules.ID] level = ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLevel {
    pub rule: String,
    /// `error`, `warning`, `note` or `off` (drop the rule's findings).
    pub level: String,
    pub line: usize,
}

/// One `[[exception]]`.
#[derive(Debug, Clone)]
pub struct Exception {
    pub path: String,
    pub rule: String,
    pub justification: String,
    pub owner: String,
    /// `YYYY-MM-DD`, the last day the exception holds.
    pub expires: String,
    pub line: usize,
    matcher: globset::GlobMatcher,
}

impl Exception {
    /// Whether the exception's glob matches `path` (relative to the
    /// configuration's folder, `/`-separated).
    pub fn matches_path(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    scope: Option<Spanned<String>>,
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    policies: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RawRule>,
    #[serde(default)]
    exception: Vec<Spanned<RawException>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    level: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    path: String,
    rule: String,
    justification: String,
    owner: String,
    expires: Spanned<toml::Value>,
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Where to look for a configuration when none is named: the one folder
/// scanned, else the working directory.
pub fn discover(roots: &[PathBuf]) -> Option<PathBuf> {
    let base = match roots {
        [root] if root.is_dir() => root.clone(),
        _ => PathBuf::from("."),
    };
    let candidate = base.join(FILE_NAME);
    candidate.is_file().then_some(candidate)
}

/// A `YYYY-MM-DD` date, checked.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(s[5..7].parse::<u32>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u32>(), Ok(1..=31))
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, String> {
        let display = crate::walk::display_path(path);
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {display}: {e}"))?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        Config::parse(&display, &dir, &text)
    }

    /// Parses configuration `text`; `display` names it in errors, `dir` is
    /// the folder relative paths start from.
    pub fn parse(display: &str, dir: &Path, text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            format!("{display}:{line}: {}", e.message().trim())
        })?;
        let at = |offset: usize| format!("{display}:{}", line_of(text, offset));
        let scope = match raw.scope {
            Some(s) if matches!(s.get_ref().as_str(), "mail" | "all") => Some(s.into_inner()),
            Some(s) => {
                return Err(format!(
                    "{}: scope must be \"mail\" or \"all\", not {:?}",
                    at(s.span().start),
                    s.get_ref()
                ))
            }
            None => None,
        };
        let fail_on = match raw.fail_on {
            Some(s) if matches!(s.get_ref().as_str(), "error" | "warning" | "note" | "never") => {
                Some(s.into_inner())
            }
            Some(s) => {
                return Err(format!(
                    "{}: fail_on must be \"error\", \"warning\", \"note\" or \"never\", not {:?}",
                    at(s.span().start),
                    s.get_ref()
                ))
            }
            None => None,
        };
        let mut rule_levels = Vec::new();
        for (rule, raw_rule) in raw.rules {
            let level = raw_rule.level;
            if !matches!(
                level.get_ref().as_str(),
                "error" | "warning" | "note" | "off"
            ) {
                return Err(format!(
                    "{}: rules.{}.level must be \"error\", \"warning\", \"note\" or \"off\", not {:?}",
                    at(level.span().start),
                    rule.get_ref(),
                    level.get_ref()
                ));
            }
            rule_levels.push(RuleLevel {
                line: line_of(text, rule.span().start),
                rule: rule.into_inner(),
                level: level.into_inner(),
            });
        }
        let mut exceptions = Vec::new();
        for entry in raw.exception {
            let line = line_of(text, entry.span().start);
            let e = entry.into_inner();
            let expires = match e.expires.get_ref() {
                toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                    .date
                    .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                toml::Value::String(s) if is_date(s) => Some(s.clone()),
                _ => None,
            };
            let Some(expires) = expires else {
                return Err(format!(
                    "{}: exception expires must be a date like 2026-12-31",
                    at(e.expires.span().start)
                ));
            };
            for (key, value) in [
                ("path", &e.path),
                ("rule", &e.rule),
                ("justification", &e.justification),
                ("owner", &e.owner),
            ] {
                if value.trim().is_empty() {
                    return Err(format!("{display}:{line}: exception {key} is empty"));
                }
            }
            let matcher = globset::GlobBuilder::new(&e.path)
                .literal_separator(true)
                .build()
                .map_err(|err| format!("{display}:{line}: exception path {:?}: {err}", e.path))?
                .compile_matcher();
            exceptions.push(Exception {
                path: e.path,
                rule: e.rule,
                justification: e.justification.trim().to_owned(),
                owner: e.owner.trim().to_owned(),
                expires,
                line,
                matcher,
            });
        }
        Ok(Config {
            display: display.to_owned(),
            dir: dir.to_owned(),
            exclude: raw.exclude,
            scope,
            fail_on,
            policies: raw.policies.iter().map(|p| dir.join(p)).collect(),
            rule_levels,
            exceptions,
        })
    }

    /// Checks that every rule the file names exists.
    pub fn check_rules(&self, known: &[&str]) -> Result<(), String> {
        let named = self
            .rule_levels
            .iter()
            .map(|r| (&r.rule, r.line))
            .chain(self.exceptions.iter().map(|e| (&e.rule, e.line)));
        for (rule, line) in named {
            if !known.contains(&rule.as_str()) {
                return Err(format!(
                    "{}:{line}: no rule {rule:?} (see `tlsfloor rules`)",
                    self.display
                ));
            }
        }
        Ok(())
    }

    /// `path` (a finding's display path) relative to the configuration's
    /// folder, as exception globs are written.
    pub fn relative_path<'a>(&self, path: &'a str) -> &'a str {
        let prefix = crate::walk::display_path(&self.dir);
        if prefix == "." {
            return path;
        }
        path.strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse("tlsfloor.toml", Path::new("."), text)
    }

    #[test]
    fn a_full_file_parses() {
        let c = parse(
            "exclude = [\"vendor/\"]\nscope = \"all\"\nfail_on = \"warning\"\npolicies = [\"p\"]\n\n[rules.X1]\nlevel = \"off\"\n\n[[exception]]\npath = \"hosts/**\"\nrule = \"X1\"\njustification = \"lab\"\nowner = \"ops\"\nexpires = 2026-12-31\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.scope.as_deref(), Some("all"));
        assert_eq!(c.rule_levels[0].line, 6);
        assert_eq!(c.exceptions[0].line, 9);
        assert_eq!(c.exceptions[0].expires, "2026-12-31");
        assert!(c.exceptions[0].matches_path("hosts/a/b.conf"));
        assert!(!c.exceptions[0].matches_path("other/hosts/a"));
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let err = parse("scope = \"mail\"\n\n[[exception]]\npath = \"x\"\nrule = \"X\"\njustification = \"j\"\nowner = \"o\"\nexpires = \"2026-01-01\"\nexpiry = 1\n")
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("tlsfloor.toml:9:"), "{err}");
        assert!(err.contains("expiry"), "{err}");
        let err = parse("fail-on = \"note\"\n").err().unwrap_or_default();
        assert!(
            err.starts_with("tlsfloor.toml:1:") && err.contains("fail-on"),
            "{err}"
        );
    }

    #[test]
    fn bad_values_are_refused_with_their_line() {
        let err = parse("\nscope = \"everything\"\n")
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("tlsfloor.toml:2: scope"), "{err}");
        let err = parse("[rules.X]\nlevel = \"fatal\"\n")
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("tlsfloor.toml:2:"), "{err}");
        let err = parse("[[exception]]\npath = \"x\"\nrule = \"X\"\njustification = \"j\"\nowner = \"o\"\nexpires = \"next year\"\n")
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("tlsfloor.toml:6:"), "{err}");
        let err = parse("[[exception]]\npath = \"x\"\nrule = \"X\"\njustification = \" \"\nowner = \"o\"\nexpires = 2026-01-01\n")
            .err()
            .unwrap_or_default();
        assert!(err.contains("justification is empty"), "{err}");
    }

    #[test]
    fn paths_are_taken_relative_to_the_config_folder() {
        let c = Config::parse("sub/tlsfloor.toml", Path::new("sub"), "")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.relative_path("sub/hosts/a"), "hosts/a");
        assert_eq!(c.relative_path("subway/a"), "subway/a");
    }
}
