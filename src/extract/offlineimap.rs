//! OfflineIMAP (7.x, Python 2) and offlineimap3 (8.x) `.offlineimaprc`.
//!
//! The file is read as Python's `configparser` reads it (shared
//! [`ini`](crate::extract::common::ini) parser), including `[DEFAULT]`
//! values that apply to every section and `%(name)s` interpolation. Every
//! `[Repository NAME]` whose `type` is `IMAP` or `Gmail` is one IMAP
//! connection; `Maildir`/`GmailMaildir` repositories are local and yield no
//! fact. Semantics follow `offlineimap/repository/IMAP.py`, `Gmail.py` and
//! `imapserver.py` (offlineimap3 v8.0.1, same code in OfflineIMAP 7.x) and
//! imaplib2's `ssl_wrap_socket`:
//!
//! - `ssl` defaults to yes (since OfflineIMAP 6.6.0, 2015): implicit TLS,
//!   port 993; `ssl = no` means port 143.
//! - `ssl_version` is used only on the implicit-TLS path: `tls1` is exactly
//!   TLS 1.0, `tls1_1` exactly 1.1, `tls1_2` exactly 1.2, `ssl3` exactly
//!   SSLv3; `ssl23` or unset negotiates with Python/OpenSSL defaults, which
//!   depend on their versions, so the range is unknown.
//! - `tls_level` (`tls_compat` default, `tls_no_ssl`, `tls_secure`) only
//!   decides which `ssl_version` values imaplib2 accepts; it sets no range.
//!   A combination it rejects makes OfflineIMAP refuse to connect; the fact
//!   still reports the range the file asks for, with a related note.
//! - With `ssl = no` and `starttls = yes` (the default) OfflineIMAP calls
//!   imaplib2 `starttls()` without arguments when the server advertises
//!   STARTTLS (opportunistic), so `ssl_version` is **ignored**: the fact has
//!   mode `starttls` and an unknown range, and an `ssl_version` in the file
//!   is only noted as a related `version` entry.
//! - `ssl = no` and `starttls = no`: no TLS (mode `none`, no range).
//! - `type = Gmail` defaults the host to `imap.gmail.com` and the port to
//!   993 (even with `ssl = no`).
//! - `remotehosteval`/`remoteporteval` are Python expressions: host or port
//!   unknown. `preauthtunnel`/`transporttunnel` replace the socket with a
//!   command: host, mode and range unknown.
//!
//! OfflineIMAP matches `type` and `ssl_version` values case-sensitively (a
//! differently cased value stops it); they are matched case-insensitively
//! here so that the file's intent is still reported.

use crate::extract::common::ini::{self, Entry, Section};
use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

/// The `client` of every fact, also the remedies key.
const CLIENT: &str = "offlineimap";

/// configparser's `MAX_INTERPOLATION_DEPTH`.
const MAX_INTERPOLATION_DEPTH: usize = 10;

/// Extracts one `connection` fact per remote (IMAP or Gmail) repository.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let sections = ini::parse(file.lines())?;
    let defaults: Vec<&Section> = sections.iter().filter(|s| s.name == "DEFAULT").collect();
    let mut facts = Vec::new();
    for section in &sections {
        let Some(name) = section.name.strip_prefix("Repository ") else {
            continue;
        };
        let repo = Repo {
            file,
            section,
            defaults: &defaults,
        };
        let Some(kind) = repo.value("type").and_then(|v| repo_kind(&v)) else {
            continue;
        };
        facts.push(repo.connection(name.trim(), kind));
    }
    Ok(facts)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RepoKind {
    Imap,
    Gmail,
}

fn repo_kind(value: &str) -> Option<RepoKind> {
    if value.eq_ignore_ascii_case("imap") {
        Some(RepoKind::Imap)
    } else if value.eq_ignore_ascii_case("gmail") {
        Some(RepoKind::Gmail)
    } else {
        None
    }
}

/// A repository section with configparser lookup (section, then `[DEFAULT]`).
struct Repo<'f, 'a> {
    file: &'f SourceFile<'a>,
    section: &'f Section<'a>,
    defaults: &'f [&'f Section<'a>],
}

impl<'a> Repo<'_, 'a> {
    /// The entry that supplies `key` (lower-case) for this section.
    fn entry(&self, key: &str) -> Option<&Entry<'a>> {
        self.section
            .get(key)
            .or_else(|| self.defaults.iter().rev().find_map(|d| d.get(key)))
    }

    /// The interpolated value of `key`, `None` when absent or when
    /// interpolation fails (configparser would raise).
    fn value(&self, key: &str) -> Option<String> {
        let entry = self.entry(key)?;
        self.interpolate(&entry.value, 0)
    }

    /// configparser `BasicInterpolation`: `%%` and `%(name)s`.
    fn interpolate(&self, raw: &str, depth: usize) -> Option<String> {
        if !raw.contains('%') {
            return Some(raw.to_owned());
        }
        if depth >= MAX_INTERPOLATION_DEPTH {
            return None;
        }
        let mut out = String::new();
        let mut rest = raw;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(tail) = after.strip_prefix('%') {
                out.push('%');
                rest = tail;
            } else if let Some(tail) = after.strip_prefix('(') {
                let (name, tail) = tail.split_once(")s")?;
                let entry = self.entry(&name.to_ascii_lowercase())?;
                out.push_str(&self.interpolate(&entry.value, depth + 1)?);
                rest = tail;
            } else {
                return None;
            }
        }
        out.push_str(rest);
        Some(out)
    }

    /// A configparser boolean: `Some(Ok(b))`, `Some(Err(()))` when the
    /// value is not a boolean (OfflineIMAP stops), `None` when absent.
    fn boolean(&self, key: &str) -> Option<Result<bool, ()>> {
        self.entry(key)?;
        let value = self.value(key).unwrap_or_default();
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "1" | "yes" | "true" | "on" => Ok(true),
            "0" | "no" | "false" | "off" => Ok(false),
            _ => Err(()),
        })
    }

    /// Location and message of an entry's line, for related entries.
    fn related(&self, role: &str, entry: &Entry<'a>) -> Related {
        Related::new(
            role,
            self.entry_location(entry),
            redact(entry_text(self.file.text, entry)),
        )
    }

    fn entry_location(&self, entry: &Entry<'a>) -> Location {
        self.file.location_of(entry_text(self.file.text, entry))
    }

    fn connection(&self, name: &str, kind: RepoKind) -> Fact {
        let header = self.file.location_of(self.section.header);
        let mut related = Vec::new();

        // Host.
        let mut host = None;
        if let Some(entry) = self.entry("remotehosteval") {
            related.push(Related::new(
                "host",
                self.entry_location(entry),
                redact(&format!(
                    "Host from a Python expression: {}",
                    entry_text(self.file.text, entry)
                )),
            ));
        } else if let Some(entry) = self.entry("remotehost") {
            let value = self.value("remotehost").unwrap_or_default();
            let value = value.trim().trim_end_matches('.');
            if !value.is_empty() && is_literal_host(value) {
                host = Some(value.to_ascii_lowercase());
            }
            related.push(Related::new(
                "host",
                self.entry_location(entry),
                redact(&format!("Host {}", entry.value_raw)),
            ));
        } else if kind == RepoKind::Gmail {
            host = Some("imap.gmail.com".to_owned());
        }

        // Tunnels replace the network connection (Gmail ignores preauthtunnel).
        let tunnel = self.entry("transporttunnel").or_else(|| match kind {
            RepoKind::Imap => self.entry("preauthtunnel"),
            RepoKind::Gmail => None,
        });

        // TLS mode.
        let ssl = self.boolean("ssl");
        let starttls = self.boolean("starttls");
        let use_ssl = match ssl {
            None => Some(true),
            Some(Ok(b)) => Some(b),
            Some(Err(())) => None,
        };
        let use_starttls = match starttls {
            None => Some(true),
            Some(Ok(b)) => Some(b),
            Some(Err(())) => None,
        };
        if let Some(entry) = self.entry("ssl") {
            related.push(self.related("tls_mode", entry));
        }
        if use_ssl == Some(false) {
            if let Some(entry) = self.entry("starttls") {
                related.push(self.related("tls_mode", entry));
            }
        }
        let tls_mode = match (use_ssl, use_starttls) {
            _ if tunnel.is_some() => TlsMode::Unknown,
            (Some(true), _) => TlsMode::Implicit,
            (Some(false), Some(true)) => TlsMode::Starttls,
            (Some(false), Some(false)) => TlsMode::None,
            _ => TlsMode::Unknown,
        };

        // Port.
        let mut port = None;
        if let Some(entry) = self.entry("remoteporteval") {
            related.push(self.related("port", entry));
        } else if let Some(entry) = self.entry("remoteport") {
            port = self
                .value("remoteport")
                .and_then(|v| v.trim().parse::<u16>().ok());
            related.push(self.related("port", entry));
        } else if tunnel.is_none() {
            port = match (kind, use_ssl) {
                (RepoKind::Gmail, _) => Some(993),
                (RepoKind::Imap, Some(true)) => Some(993),
                (RepoKind::Imap, Some(false)) => Some(143),
                (RepoKind::Imap, None) => None,
            };
        }

        // TLS version range.
        let version_entry = self.entry("ssl_version");
        let version = self.value("ssl_version").map(|v| v.trim().to_owned());
        let level_entry = self.entry("tls_level");
        let level = self
            .value("tls_level")
            .map(|v| v.trim().to_ascii_lowercase());
        let mut location = header;
        let tls = match tls_mode {
            TlsMode::None => None,
            TlsMode::Implicit => {
                let range = version.as_deref().and_then(version_range);
                match (version_entry, range.as_ref()) {
                    (Some(entry), Some(_)) => location = self.entry_location(entry),
                    // `ssl23` (negotiate) or a value imaplib2 does not know.
                    (Some(entry), None) => related.push(self.related("version", entry)),
                    (None, _) => {}
                }
                if let Some(entry) = level_entry {
                    let note = match level_rejects(level.as_deref(), version.as_deref()) {
                        Some(why) => format!("{} ({why})", entry_text(self.file.text, entry)),
                        None => entry_text(self.file.text, entry).to_owned(),
                    };
                    related.push(Related::new(
                        "version",
                        self.entry_location(entry),
                        redact(&note),
                    ));
                }
                Some(range.unwrap_or_else(TlsRange::unknown))
            }
            TlsMode::Starttls => {
                if let Some(entry) = version_entry {
                    related.push(Related::new(
                        "version",
                        self.entry_location(entry),
                        redact(&format!(
                            "{} (ignored: STARTTLS uses imaplib2's defaults)",
                            entry_text(self.file.text, entry)
                        )),
                    ));
                }
                Some(TlsRange::unknown())
            }
            TlsMode::Unknown => Some(TlsRange::unknown()),
        };
        if let Some(entry) = tunnel {
            related.push(self.related("declaration", entry));
        }
        if location != header {
            related.insert(
                0,
                Related::new("declaration", header, redact(&format!("Repository {name}"))),
            );
        }

        let evidence = redact(self.file.line(location.line).trim());
        let mut fact = Fact::new(FactKind::Connection, location, evidence);
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(Protocol::Imap);
        fact.host = if tunnel.is_some() { None } else { host };
        fact.port = port;
        fact.tls_mode = Some(tls_mode);
        fact.tls = tls;
        fact.related = related;
        fact
    }
}

/// `key = value` as written on the entry's first line (a slice of `text`,
/// from the key's start to the value's end; the key alone if the two slices
/// are not both inside `text`).
fn entry_text<'a>(text: &'a str, entry: &Entry<'a>) -> &'a str {
    let base = text.as_ptr() as usize;
    let start = (entry.key_raw.as_ptr() as usize).checked_sub(base);
    let end = (entry.value_raw.as_ptr() as usize + entry.value_raw.len()).checked_sub(base);
    match (start, end) {
        (Some(s), Some(e)) if s <= e => text
            .get(s..e)
            .filter(|t| !t.contains(['\n', '\r']))
            .unwrap_or(entry.key_raw),
        _ => entry.key_raw,
    }
}

/// The range an `ssl_version` value pins on the implicit-TLS path.
fn version_range(value: &str) -> Option<TlsRange> {
    let v = match value.to_ascii_lowercase().as_str() {
        "tls1" => "1.0",
        "tls1_1" => "1.1",
        "tls1_2" => "1.2",
        "ssl3" => "ssl3",
        _ => return None,
    };
    Some(TlsRange::explicit(Some(v), Some(v)))
}

/// Why imaplib2/OfflineIMAP reject a `tls_level` with this `ssl_version`.
fn level_rejects(level: Option<&str>, version: Option<&str>) -> Option<&'static str> {
    let version = version.map(str::to_ascii_lowercase);
    let allowed: &[&str] = match level.unwrap_or("tls_compat") {
        "tls_compat" => return None,
        "tls_no_ssl" => &["tls1", "tls1_1", "tls1_2"],
        "tls_secure" => &["tls1_1", "tls1_2"],
        _ => return Some("unknown tls_level: OfflineIMAP refuses to connect"),
    };
    match version.as_deref() {
        None => Some("needs an explicit ssl_version: OfflineIMAP refuses to connect"),
        Some(v) if allowed.contains(&v) => None,
        Some(_) => Some("does not allow this ssl_version: OfflineIMAP refuses to connect"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("x/.offlineimaprc", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn range(fact: &Fact) -> (Option<&str>, Option<&str>, Basis) {
        let tls = fact.tls.as_ref().unwrap_or_else(|| panic!("no tls"));
        (tls.min.as_deref(), tls.max.as_deref(), tls.basis)
    }

    #[test]
    fn exchange_account_pinned_to_tls1() {
        let text = "[general]\naccounts = Work\n\n[Account Work]\nremoterepository = R\n\n[Repository R]\ntype = IMAP\nremotehost = outlook.office365.com\nremotepass = hunter2\nssl_version = tls1\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].client.as_deref(), Some("offlineimap"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 11);
        assert_eq!((f[0].location.column, f[0].location.end_column), (1, 19));
        assert_eq!(f[0].evidence, "ssl_version = tls1");
        let roles: Vec<_> = f[0].related.iter().map(|r| r.role.as_str()).collect();
        assert_eq!(roles, vec!["declaration", "host"]);
        assert_eq!(f[0].related[1].line, 9);
    }

    #[test]
    fn version_values_map_to_exact_ranges() {
        for (value, want) in [
            ("tls1_1", Some("1.1")),
            ("tls1_2", Some("1.2")),
            ("ssl3", Some("ssl3")),
            ("TLS1", Some("1.0")),
        ] {
            let f = facts(&format!(
                "[Repository R]\ntype = IMAP\nremotehost = h.example\nssl_version = {value}\n"
            ));
            assert_eq!(range(&f[0]), (want, want, Basis::Explicit), "{value}");
        }
        for value in ["ssl23", "tlsv1.3", ""] {
            let f = facts(&format!(
                "[Repository R]\ntype = IMAP\nremotehost = h.example\nssl_version = {value}\n"
            ));
            assert_eq!(range(&f[0]), (None, None, Basis::Unknown), "{value}");
            assert_eq!(f[0].location.line, 1, "{value}: header when no range");
        }
    }

    #[test]
    fn gmail_defaults() {
        let f = facts("[Repository G]\ntype = Gmail\nremoteuser = me@gmail.com\n");
        assert_eq!(f[0].host.as_deref(), Some("imap.gmail.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].location.line, 1);
        // Gmail keeps port 993 even without SSL (Gmail.getport).
        let f = facts("[Repository G]\ntype = Gmail\nssl = no\n");
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
    }

    #[test]
    fn local_repositories_are_not_connections() {
        let text = "[Repository L]\ntype = Maildir\nlocalfolders = ~/Mail\n[Repository G]\ntype = GmailMaildir\n[Repository S]\ntype = IMAP\nremotehost = x.example\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("x.example"));
    }

    #[test]
    fn starttls_path_ignores_ssl_version() {
        let text = "[Repository R]\ntype = IMAP\nremotehost = mail.example.edu\nssl = no\nssl_version = tls1\n";
        let f = facts(text);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].port, Some(143));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        assert_eq!(f[0].location.line, 1);
        let note = f[0].related.iter().find(|r| r.role == "version");
        assert!(note.is_some_and(|r| r.line == 5 && r.message.contains("ignored")));
    }

    #[test]
    fn no_ssl_no_starttls_is_plaintext() {
        let text = "[Repository R]\ntype = IMAP\nremotehost = outlook.office365.com\nssl = False\nstarttls = off\n";
        let f = facts(text);
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(f[0].tls, None);
        assert_eq!(f[0].port, Some(143));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn invalid_boolean_makes_mode_unknown() {
        let f = facts("[Repository R]\ntype = IMAP\nremotehost = h.example\nssl = maybe\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        assert_eq!(f[0].port, None);
    }

    #[test]
    fn default_section_applies_and_sections_override() {
        let text = "[DEFAULT]\nssl_version = tls1_1\nserver = outlook.office365.com\n\n[Repository A]\ntype = IMAP\nremotehost = %(server)s\n\n[Repository B]\ntype = IMAP\nremotehost = b.example\nssl_version = tls1_2\n";
        let f = facts(text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2, "located at the [DEFAULT] value");
        assert_eq!(range(&f[1]), (Some("1.2"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[1].location.line, 12);
    }

    #[test]
    fn type_from_default_and_case_insensitive_keys() {
        let text = "[DEFAULT]\nType = imap\n[general]\naccounts = A\n[Repository A]\nRemoteHost = A.Example.COM\nRemotePort = 1993\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("a.example.com"));
        assert_eq!(f[0].port, Some(1993));
    }

    #[test]
    fn eval_settings_leave_host_and_port_unknown() {
        let text = "[Repository R]\ntype = IMAP\nremotehosteval = get_host('work')\nremotehost = ignored.example\nremoteporteval = 993\nssl_version = tls1\n";
        let f = facts(text);
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].port, None);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "host" && r.message.contains("Python expression")));
    }

    #[test]
    fn broken_interpolation_and_bad_port_are_unknown() {
        let text = "[Repository R]\ntype = IMAP\nremotehost = %(nowhere)s\nremoteport = nine\n";
        let f = facts(text);
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].port, None);
        let text = "[Repository R]\ntype = IMAP\nremotehost = 100%% sure\n";
        assert_eq!(facts(text)[0].host, None);
        let text =
            "[DEFAULT]\na = %(b)s\nb = %(a)s\n[Repository R]\ntype = IMAP\nremotehost = %(a)s\n";
        assert_eq!(facts(text)[0].host, None, "recursive interpolation stops");
    }

    #[test]
    fn tls_level_rejection_is_noted_not_hidden() {
        let text = "[Repository R]\ntype = IMAP\nremotehost = h.example\nssl_version = tls1\ntls_level = tls_secure\n";
        let f = facts(text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "version" && r.message.contains("refuses")));
        let text = "[Repository R]\ntype = IMAP\nremotehost = h.example\ntls_level = tls_no_ssl\n";
        let f = facts(text);
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
    }

    #[test]
    fn tunnels_have_no_host() {
        let text = "[Repository R]\ntype = IMAP\nremotehost = h.example\npreauthtunnel = ssh h.example /usr/sbin/imapd\n";
        let f = facts(text);
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        assert_eq!(f[0].port, None);
    }

    #[test]
    fn continuation_values_and_comments() {
        let text = "; comment\n[Repository R]\ntype = IMAP\n# ssl_version = tls1\nfolderfilter = lambda f: f in [\n    'INBOX']\nremotehost = h.example\n";
        let f = facts(text);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
    }

    #[test]
    fn secrets_are_redacted() {
        let text = "[Repository R]\ntype = IMAP\nremotehosteval = get_host(password=\"hunter2\")\nssl_version = tls1 ; remotepass = hunter2\n";
        let f = facts(text);
        assert!(!f[0].evidence.contains("hunter2"), "{}", f[0].evidence);
        assert!(f[0].related.iter().all(|r| !r.message.contains("hunter2")));
        assert!(f[0].related.iter().any(|r| r.message.contains("****")));
    }

    #[test]
    fn malformed_files_are_errors() {
        let err = extract(&SourceFile::new("x", "type = IMAP\n[Repository R]\n")).err();
        assert_eq!(err.map(|e| e.line), Some(Some(1)));
        let err = extract(&SourceFile::new("x", "[Repository R\ntype = IMAP\n")).err();
        assert_eq!(err.map(|e| e.line), Some(Some(1)));
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "[",
            "[]\n=\n:\n%(\n",
            "[Repository ]\ntype=IMAP\nremotehost=%\nremoteport=99999999\n",
            "[Repository é]\ntype = Gmail\nremotehost = ü.example\nssl_version=\u{0}\n",
            "[Repository R]\ntype = IMAP\nremotehost\nssl_version\n",
        ] {
            let _ = extract(&SourceFile::new("x", text));
        }
    }
}
