//! The env-style keys scan: settings whose names say they hold the TLS
//! versions of a mail connection (`IMAP_TLS_VERSION=TLSv1`,
//! `SMTP_TLS_MIN_VERSION`, `MAIL_SSL_PROTOCOLS`, `pop3.sslVersion`), in the
//! places deployments keep them: `.env` files, shell profiles and scripts,
//! Dockerfile `ENV`, systemd `Environment=`, Compose `environment:` (map or
//! list), Kubernetes `env:` name/value pairs, ConfigMap `data:`, Helm values
//! and CI `env:` maps. Spring's `application*.yml` and `.properties` files
//! are left to their own extractors.
//!
//! Such a key is an application's own setting, so only names that clearly
//! say it count; nothing else is guessed. A name (split at `_`, `.`, `-`
//! and camelCase) must hold
//! - a version word: `version(s)`, `protocol(s)`, `proto`, `min(imum)`,
//!   `max(imum)`;
//! - `tls` or `ssl`, in the key or in the key of the mapping it sits in
//!   (`tls: {minVersion: ...}`);
//! - a mail protocol, `imap`, `pop`/`pop3`, `smtp` or `mail`/`email`, in
//!   the key or the two mappings around it (`imap: {tlsVersion: ...}`);
//!
//! and the value must be TLS versions only (`TLSv1`, `TLSv1.1`, `1.0`,
//! `TLS1_1`, `SSLv3`, lists separated by commas, spaces, `:` or `;`). A
//! `min`/`minimum` key gives the floor, `max`/`maximum` the cap, any other
//! the listed versions (lowest to highest). Each is a `connection` (client
//! `env`) whose protocol comes from the name (`mail` leaves it unknown); a
//! sibling key of the same protocol (`IMAP_HOST`, `IMAP_SERVER`,
//! `imap.host`, `IMAP_PORT`) in the same file or block gives the host and
//! port, and the port the TLS mode (993/995/465 implicit), else unknown.
//! The location is the value; where the key is on another line (Kubernetes
//! `name`/`value` pairs) that line is the `declaration`.

use crate::classify::CommentStyle;
use crate::extract::common::env_vars::{self, EnvEntry};
use crate::extract::common::evidence::line_evidence;
use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::common::shell_words::FileKind;
use crate::extract::common::tls_version::{normalize, VersionSet};
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeMap, HashSet};

/// Prefilter keywords: every matching key holds one of them.
pub const KEYWORDS: &[&str] = &["tls", "ssl"];

/// Prefilter, second condition: every matching key (or a mapping around
/// it) names a mail protocol, so a file without these words has none
/// (`mail` covers `email`, `pop` covers `pop3`).
pub const REQUIRES: &[&str] = &["imap", "pop", "smtp", "mail"];

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "keys naming a mail protocol, TLS/SSL and a version (`IMAP_TLS_VERSION`, `SMTP_TLS_MIN_VERSION`, `MAIL_SSL_PROTOCOLS`, `imap.tls.minVersion`) with TLS version values, in .env files, shell scripts, Dockerfile ENV, systemd Environment=, Compose environment:, Kubernetes env:/ConfigMap data:, Helm values; sibling `*_HOST`/`*_PORT` keys give host and port; commented-out lines skipped";

/// The `client` of the facts.
pub const CLIENT: &str = "env";

/// Whether the scan reads files at `path`.
fn applies(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match FileKind::of(path) {
        FileKind::Yaml => {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
            // Spring Boot's files (the spring-yaml format's globs).
            !(stem == "application"
                || stem.starts_with("application-")
                || stem == "bootstrap"
                || stem.starts_with("bootstrap-"))
        }
        FileKind::Dockerfile | FileKind::Systemd | FileKind::Shell | FileKind::Makefile => true,
        FileKind::Other => {
            name == ".env"
                || name.starts_with(".env.")
                || ext == "env"
                || matches!(
                    name.as_str(),
                    ".envrc"
                        | "env"
                        | "environment"
                        | ".profile"
                        | ".bashrc"
                        | ".bash_profile"
                        | ".zshrc"
                        | ".zshenv"
                        | ".kshrc"
                )
                || path.contains("/default/")
                || path.contains("/sysconfig/")
                || path.starts_with("default/")
                || path.starts_with("sysconfig/")
        }
    }
}

/// The vocabulary a key name is read with.
const PROTOCOL_WORDS: &[(&str, Protocol)] = &[
    ("imaps", Protocol::Imap),
    ("imap", Protocol::Imap),
    ("pop3s", Protocol::Pop3),
    ("pop3", Protocol::Pop3),
    ("pops", Protocol::Pop3),
    ("pop", Protocol::Pop3),
    ("smtps", Protocol::Smtp),
    ("smtp", Protocol::Smtp),
    ("email", Protocol::Unknown),
    ("mail", Protocol::Unknown),
];
const TLS_WORDS: &[&str] = &["tls", "ssl"];
const VERSION_WORDS: &[&str] = &[
    "version",
    "versions",
    "protocol",
    "protocols",
    "proto",
    "min",
    "max",
    "minimum",
    "maximum",
];
const HOST_WORDS: &[&str] = &[
    "host", "hostname", "server", "address", "addr", "endpoint", "url", "uri",
];
const NOT_HOST_WORDS: &[&str] = &[
    "port", "user", "username", "password", "pass", "from", "to", "tls", "ssl",
];

/// The words of a key: split at non-alphanumerics and camelCase, lower
/// case, with run-together vocabulary words (`IMAPTLS`) taken apart.
fn words(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in key.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out.into_iter()
        .flat_map(|w| decompose(&w).unwrap_or_else(|| vec![w]))
        .collect()
}

/// `imaptls` -> [`imap`, `tls`] when the word is made of vocabulary words.
fn decompose(word: &str) -> Option<Vec<String>> {
    if word.is_empty() {
        return Some(Vec::new());
    }
    let vocab = PROTOCOL_WORDS
        .iter()
        .map(|(w, _)| *w)
        .chain(TLS_WORDS.iter().copied())
        .chain(VERSION_WORDS.iter().copied());
    for v in vocab {
        if let Some(rest) = word.strip_prefix(v) {
            if let Some(mut tail) = decompose(rest) {
                tail.insert(0, v.to_owned());
                return Some(tail);
            }
        }
    }
    None
}

fn protocol_of_words(ws: &[String]) -> Option<Protocol> {
    ws.iter().find_map(|w| {
        PROTOCOL_WORDS
            .iter()
            .find(|(p, _)| p == w)
            .map(|(_, proto)| *proto)
    })
}

fn has_any(ws: &[String], set: &[&str]) -> bool {
    ws.iter().any(|w| set.contains(&w.as_str()))
}

/// The mail protocol an entry's name (or the mappings around it) names.
fn protocol_of(entry: &EnvEntry) -> Option<Protocol> {
    protocol_of_words(&words(&entry.key)).or_else(|| {
        entry
            .owners
            .iter()
            .take(2)
            .find_map(|o| protocol_of_words(&words(o)))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Min,
    Max,
    Exact,
}

/// Whether `entry` is a mail TLS version key, and which bound it sets.
fn version_key(entry: &EnvEntry) -> Option<(Protocol, Bound)> {
    let ws = words(&entry.key);
    if !has_any(&ws, VERSION_WORDS) {
        return None;
    }
    let owner = entry.owners.first().map(|o| words(o)).unwrap_or_default();
    if !has_any(&ws, TLS_WORDS) && !has_any(&owner, TLS_WORDS) {
        return None;
    }
    let protocol = protocol_of(entry)?;
    let min = has_any(&ws, &["min", "minimum"]);
    let max = has_any(&ws, &["max", "maximum"]);
    let bound = match (min, max) {
        (true, false) => Bound::Min,
        (false, true) => Bound::Max,
        (false, false) => Bound::Exact,
        (true, true) => return None,
    };
    Some((protocol, bound))
}

/// The versions a value lists, if it lists only versions.
fn versions(value: &str) -> Option<Vec<&'static str>> {
    let tokens: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || ",;:|".contains(c))
        .map(|t| t.trim_matches(|c: char| "[]\"'".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return None;
    }
    tokens
        .iter()
        .map(|t| {
            let lower = t.to_ascii_lowercase();
            let spelled =
                lower.starts_with("tls") || lower.starts_with("ssl") || lower.starts_with("1.");
            if spelled {
                normalize(t)
            } else {
                None
            }
        })
        .collect()
}

fn range(bound: Bound, vs: &[&'static str]) -> Option<TlsRange> {
    match (bound, vs) {
        (Bound::Min, [v]) => Some(TlsRange::explicit(Some(v), None)),
        (Bound::Max, [v]) => Some(TlsRange::explicit(None, Some(v))),
        (Bound::Exact, _) => {
            let mut set = VersionSet::empty();
            for v in vs {
                set.set(v, true);
            }
            let (lo, hi) = set.bounds()?;
            Some(TlsRange::explicit(Some(lo), Some(hi)))
        }
        _ => None,
    }
}

/// A sibling setting that gives the host or port.
struct Target<'e> {
    host: Option<(String, &'e EnvEntry)>,
    port: Option<(u16, &'e EnvEntry)>,
    mode: TlsMode,
}

/// A host setting: the host, a port and TLS mode its URL gives, the entry.
type HostSetting<'e> = (String, Option<u16>, Option<TlsMode>, &'e EnvEntry);

/// The host and port settings of a file by scope and protocol, built once
/// so that each version key looks its siblings up directly.
#[derive(Default)]
struct Siblings<'e> {
    hosts: BTreeMap<(usize, Protocol), Vec<HostSetting<'e>>>,
    ports: BTreeMap<(usize, Protocol), (u16, &'e EnvEntry)>,
}

fn siblings(entries: &[EnvEntry]) -> Siblings<'_> {
    let mut out = Siblings::default();
    for e in entries {
        let Some(protocol) = protocol_of(e) else {
            continue;
        };
        let key = (e.scope, protocol);
        let ws = words(&e.key);
        if has_any(&ws, &["port"]) && !has_any(&ws, &["host", "tls", "ssl"]) {
            if let Ok(p) = e.value.trim().parse::<u16>() {
                out.ports.entry(key).or_insert((p, e));
            }
            continue;
        }
        if !has_any(&ws, HOST_WORDS) || has_any(&ws, NOT_HOST_WORDS) {
            continue;
        }
        let value = e.value.trim();
        if value.contains("://") {
            if let Some(url) = mail_url::find_all(value).into_iter().next() {
                if let Some(h) = url.host {
                    // An implicit-TLS scheme names its port.
                    let implied = match (url.tls_mode, url.protocol) {
                        (TlsMode::Implicit, Protocol::Imap) => Some(993),
                        (TlsMode::Implicit, Protocol::Pop3) => Some(995),
                        (TlsMode::Implicit, Protocol::Smtp) => Some(465),
                        _ => None,
                    };
                    let entry = (h, url.port.or(implied), Some(url.tls_mode), e);
                    out.hosts.entry(key).or_default().push(entry);
                }
            }
            continue;
        }
        if let (Some(h), p) = mail_url::split_host_port(value) {
            if h.contains('.') || h == "localhost" {
                out.hosts.entry(key).or_default().push((h, p, None, e));
            }
        }
    }
    out
}

/// The host and port siblings of `entry` name for `protocol`: in its own
/// scope, then in the enclosing one.
fn target<'e>(sib: &Siblings<'e>, entry: &EnvEntry, protocol: Protocol) -> Target<'e> {
    let scopes: Vec<usize> = std::iter::once(entry.scope)
        .chain(entry.parent_scope)
        .collect();
    let mut hosts: Vec<HostSetting<'e>> = scopes
        .iter()
        .filter_map(|s| sib.hosts.get(&(*s, protocol)))
        .flatten()
        .cloned()
        .collect();
    let port = scopes
        .iter()
        .find_map(|s| sib.ports.get(&(*s, protocol)).copied());
    hosts.sort_by(|a, b| a.0.cmp(&b.0));
    hosts.dedup_by(|a, b| a.0 == b.0);
    let single = (hosts.len() == 1).then(|| hosts.remove(0));
    let url_port = single.as_ref().and_then(|h| h.1.map(|p| (p, h.3)));
    let port = port.or(url_port);
    let mode = single
        .as_ref()
        .and_then(|h| h.2)
        .filter(|m| *m != TlsMode::Unknown)
        .or_else(|| {
            port.and_then(|(p, _)| mail_url::port_defaults(p))
                .filter(|(proto, m)| *proto == protocol && *m == TlsMode::Implicit)
                .map(|(_, m)| m)
        })
        .unwrap_or(TlsMode::Unknown);
    Target {
        host: single.map(|(h, _, _, e)| (h, e)),
        port,
        mode,
    }
}

/// The clients of the command-line and env scans, whose facts describe
/// other settings than each other's even on one line.
const SCAN_CLIENTS: &[&str] = &["curl", "openssl-s-client", "node", CLIENT];

/// The lines of the settings the format extractor (or another scan)
/// already reported.
pub(crate) fn reported_lines(known: &[Fact]) -> HashSet<usize> {
    known
        .iter()
        .filter(|f| matches!(f.kind, FactKind::TlsSetting | FactKind::Connection))
        .filter(|f| {
            !f.client
                .as_deref()
                .is_some_and(|c| SCAN_CLIENTS.contains(&c))
        })
        .flat_map(|f| f.location.line..=f.location.end_line.min(f.location.line + 1000))
        .collect()
}

/// Scans `file` for mail TLS version keys, skipping comments and settings
/// the format extractor already reported (`known`).
pub fn scan(file: &SourceFile, comments: CommentStyle, known: &[Fact]) -> Vec<Fact> {
    if !applies(file.path) {
        return Vec::new();
    }
    let entries = env_vars::entries(file, comments);
    let sib = siblings(&entries);
    let reported = reported_lines(known);
    let mut facts = Vec::new();
    for entry in &entries {
        let Some((protocol, bound)) = version_key(entry) else {
            continue;
        };
        let Some(tls) = versions(&entry.value).and_then(|vs| range(bound, &vs)) else {
            continue;
        };
        let location = file.location(entry.value_start, entry.value_end);
        let key_location = file.location(entry.key_start, entry.key_end);
        if reported.contains(&location.line) {
            continue;
        }
        let evidence = line_evidence(file, entry.value_start, entry.value_end);
        let found = target(&sib, entry, protocol);
        let mut fact = Fact::new(FactKind::Connection, location, evidence);
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(protocol);
        fact.tls_mode = Some(found.mode);
        fact.tls = Some(tls);
        fact.port = found.port.map(|(p, _)| p);
        if key_location.line != location.line {
            fact.related.push(Related::new(
                "declaration",
                key_location,
                line_evidence(file, entry.key_start, entry.key_end),
            ));
        }
        if let Some((host, e)) = &found.host {
            fact.related.push(Related::new(
                "host",
                file.location(e.value_start, e.value_end),
                redact(&format!("Host {host}")),
            ));
            fact.host = Some(host.clone());
        }
        if let Some((p, e)) = found.port {
            let l = file.location(e.value_start, e.value_end);
            if !fact
                .related
                .iter()
                .any(|r| r.line == l.line && r.column == l.column)
            {
                fact.related
                    .push(Related::new("port", l, format!("Port {p}")));
            }
        }
        facts.push(fact);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::range as tls;
    use crate::facts::Basis;

    fn scan_text(path: &str, text: &str) -> Vec<Fact> {
        crate::extract::test_support::scan_text(scan, path, text)
    }

    #[test]
    fn key_words() {
        assert_eq!(words("IMAP_TLS_VERSION"), vec!["imap", "tls", "version"]);
        assert_eq!(
            words("smtpTlsMinVersion"),
            vec!["smtp", "tls", "min", "version"]
        );
        assert_eq!(
            words("mail.pop3.sslProtocols"),
            vec!["mail", "pop3", "ssl", "protocols"]
        );
        assert_eq!(words("IMAPTLSVersion"), vec!["imap", "tls", "version"]);
        assert_eq!(words("MAILER_HOSTNAME"), vec!["mailer", "hostname"]);
    }

    #[test]
    fn env_file_keys() {
        let text = "# mail relay\nSMTP_HOST=smtp.office365.com\nSMTP_PORT=587\nSMTP_TLS_MIN_VERSION=TLSv1.2\nIMAP_HOST=outlook.office365.com\nIMAP_PORT=993\nIMAP_SSL_PROTOCOLS=\"TLSv1,TLSv1.1\"\n# IMAP_TLS_VERSION=TLSv1\nMAIL_TLS_MAX_VERSION=1.1\n";
        let f = scan_text(".env", text);
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].protocol, Some(Protocol::Smtp));
        assert_eq!(tls(&f[0]), (Some("1.2"), None, Basis::Explicit));
        assert_eq!(f[0].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(
            (f[0].port, f[0].tls_mode),
            (Some(587), Some(TlsMode::Unknown))
        );
        assert_eq!(f[1].protocol, Some(Protocol::Imap));
        assert_eq!(tls(&f[1]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[1].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[1].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[1].location.line, 7);
        assert_eq!(f[2].protocol, Some(Protocol::Unknown));
        assert_eq!(tls(&f[2]), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(f[2].host, None);
    }

    #[test]
    fn names_that_do_not_say_it() {
        for line in [
            "IMAP_TLS=true",
            "TLS_VERSION=TLSv1",
            "IMAP_VERSION=TLSv1",
            "IMAP_TLS_VERSION=auto",
            "SMTP_TLS_VERSION=TLSv1.2+",
            "SMTP_SSL_VERSION=1",
            "IMAP_TLS_CIPHERS=HIGH",
            "HTTP_TLS_MIN_VERSION=TLSv1",
        ] {
            assert!(scan_text(".env", &format!("{line}\n")).is_empty(), "{line}");
        }
    }

    #[test]
    fn kubernetes_configmap_and_env_list() {
        let text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  IMAP_HOST: outlook.office365.com\n  IMAP_TLS_VERSION: \"TLSv1\"\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: poller\n          env:\n            - name: POP3_HOST\n              value: \"pop3s://outlook.office365.com\"\n            - name: POP3_SSL_VERSION\n              value: TLSv1.1\n";
        let f = scan_text("k8s/deployment.yaml", text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(tls(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!(f[0].location.line, 5);
        assert_eq!(f[1].protocol, Some(Protocol::Pop3));
        assert_eq!(f[1].location.line, 17);
        assert_eq!(f[1].evidence, "value: TLSv1.1");
        assert_eq!(f[1].related[0].message, "- name: POP3_SSL_VERSION");
        assert_eq!(
            (f[1].port, f[1].tls_mode),
            (Some(995), Some(TlsMode::Implicit))
        );
        assert_eq!(f[1].related[0].role, "declaration");
    }

    #[test]
    fn helm_nesting_and_compose_lists() {
        let text = "mail:\n  imap:\n    host: outlook.office365.com\n    port: 993\n    tls:\n      minVersion: TLSv1\n  server:\n    tls:\n      minVersion: TLSv1\n";
        let f = scan_text("helm/values.yaml", text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(tls(&f[0]), (Some("1.0"), None, Basis::Explicit));
        let f = scan_text(
            "docker-compose.yml",
            "services:\n  a:\n    environment:\n      - SMTP_TLS_VERSION=TLSv1.1\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.column, 26);
    }

    #[test]
    fn files_left_to_other_extractors() {
        assert!(scan_text(
            "src/main/resources/application.yml",
            "mail:\n  smtp:\n    sslProtocols: TLSv1\n"
        )
        .is_empty());
        assert!(scan_text("mail.properties", "mail.smtp.ssl.protocols=TLSv1\n").is_empty());
        assert!(scan_text("src/app.py", "SMTP_TLS_VERSION = \"TLSv1\"\n").is_empty());
    }

    #[test]
    fn no_panic_on_garbage() {
        for text in [
            "=",
            "IMAP_TLS_VERSION=",
            "IMAP_TLS_VERSION",
            "- name:\n  value:",
            "IMAP_TLS_VERSION: [TLSv1",
        ] {
            let _ = scan_text(".env", text);
            let _ = scan_text("a.yaml", text);
        }
    }
}
