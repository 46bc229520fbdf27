//! The curl scan: `curl` command lines that fetch or send mail, in any text
//! file (shell scripts, Makefiles, Dockerfiles in both forms, systemd
//! units, crontabs, CI YAML `run:` blocks, Compose/Kubernetes commands).
//!
//! A curl command is mail when one of its URLs (positional or `--url`) has
//! a mail scheme curl supports (`imap`, `imaps`, `pop3`, `pop3s`, `smtp`,
//! `smtps`), or no scheme and a host name curl guesses one from (`imap.`,
//! `pop3.`, `smtp.`, curl's `guess_scheme`), or `--proto-default` names one.
//! Every other curl command (HTTPS included) is out of scope, whatever TLS
//! options it sets. `$VAR`/`${VAR}` in a URL are resolved from simple
//! assignments earlier in the file (and YAML `env:` entries).
//!
//! Each mail URL is a `connection` (client `curl`), with the options of its
//! operation (`--next` / `-:` starts a new one), as documented in curl's
//! `docs/cmdline-opts`:
//! - TLS mode: implicit for the `…s://` schemes; for the plain ones
//!   STARTTLS with `--ssl-reqd` (required) or `--ssl` (tried, falling back
//!   to plain text if the server does not offer it: recorded as STARTTLS,
//!   since the TLS options then govern the upgrade), else none (the TLS
//!   options have no effect then and no range is reported).
//! - Minimum: `--tlsv1`/`-1` (1.0), `--tlsv1.0` … `--tlsv1.3` ("or later"
//!   since curl 7.54.0; older releases documented "exactly", which this scan
//!   does not assume). Maximum: `--tls-max VERSION` (`default` = no cap).
//!   The last of each wins. `--sslv2`/`-2` and `--sslv3`/`-3` are ignored
//!   since curl 7.77.0 and forced SSL before: when one of them is the last
//!   minimum option, the range depends on the curl version and is unknown.
//!   Without version options the range is unknown (curl's default depends
//!   on its version and TLS backend).
//! - Location: the option setting the maximum (else the minimum), or the
//!   URL when no version option is given.

use crate::classify::CommentStyle;
use crate::extract::common::env_vars;
use crate::extract::common::evidence::line_evidence;
use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::common::shell_words::{self, Assignment, Assignments, FileKind, Word};
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

/// Prefilter keywords (ASCII case-insensitive substrings).
pub const KEYWORDS: &[&str] = &["curl"];

/// Prefilter, second condition: a fact needs a mail scheme (`imaps://`,
/// `--proto-default pop3`) or a scheme-less `imap.`/`pop3.`/`smtp.` host
/// written in the same file, so a file without these words has none.
pub const REQUIRES: &[&str] = &["imap", "pop3", "smtp"];

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "`curl` commands with a mail URL (imap[s]://, pop3[s]://, smtp[s]://, `--url`, scheme-less `imap.`/`pop3.`/`smtp.` hosts, `--proto-default`; `$VAR`s resolved from earlier assignments) in scripts, Makefiles, Dockerfiles (shell and JSON form), systemd units, crontabs, CI and Compose/Kubernetes YAML: `--ssl`/`--ssl-reqd`, `--tlsv1*`/`-1`, `--tls-max`, `--sslv2/3`, per `--next` operation; commented-out lines skipped";

/// The `client` of the facts.
pub const CLIENT: &str = "curl";

/// Long options that take an argument (curl's `tool_getparam.c` table,
/// `ARG_STRG`/`ARG_FILE` entries, plus a few older ones).
const LONG_WITH_ARG: &[&str] = &[
    "abstract-unix-socket",
    "alt-svc",
    "aws-sigv4",
    "cacert",
    "capath",
    "cert",
    "cert-type",
    "ciphers",
    "config",
    "connect-timeout",
    "connect-to",
    "continue-at",
    "cookie",
    "cookie-jar",
    "create-file-mode",
    "crlfile",
    "curves",
    "data",
    "data-ascii",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "delegation",
    "dns-interface",
    "dns-ipv4-addr",
    "dns-ipv6-addr",
    "dns-servers",
    "doh-url",
    "dump-header",
    "ech",
    "egd-file",
    "engine",
    "etag-compare",
    "etag-save",
    "expect100-timeout",
    "form",
    "form-string",
    "ftp-account",
    "ftp-alternative-to-user",
    "ftp-method",
    "ftp-port",
    "ftp-ssl-ccc-mode",
    "happy-eyeballs-timeout-ms",
    "haproxy-clientip",
    "header",
    "hostpubmd5",
    "hostpubsha256",
    "hsts",
    "interface",
    "ip-tos",
    "ipfs-gateway",
    "json",
    "keepalive-cnt",
    "keepalive-time",
    "key",
    "key-type",
    "knownhosts",
    "krb",
    "krb4",
    "libcurl",
    "limit-rate",
    "local-port",
    "login-options",
    "mail-auth",
    "mail-from",
    "mail-rcpt",
    "max-filesize",
    "max-redirs",
    "max-time",
    "netrc-file",
    "noproxy",
    "oauth2-bearer",
    "output",
    "output-dir",
    "parallel-max",
    "parallel-max-host",
    "pass",
    "pinnedpubkey",
    "preproxy",
    "proto",
    "proto-default",
    "proto-redir",
    "proxy",
    "proxy-cacert",
    "proxy-capath",
    "proxy-cert",
    "proxy-cert-type",
    "proxy-ciphers",
    "proxy-crlfile",
    "proxy-header",
    "proxy-key",
    "proxy-key-type",
    "proxy-pass",
    "proxy-pinnedpubkey",
    "proxy-service-name",
    "proxy-tls13-ciphers",
    "proxy-tlsauthtype",
    "proxy-tlspassword",
    "proxy-tlsuser",
    "proxy-user",
    "proxy1.0",
    "pubkey",
    "quote",
    "random-file",
    "range",
    "rate",
    "referer",
    "request",
    "request-target",
    "resolve",
    "retry",
    "retry-delay",
    "retry-max-time",
    "sasl-authzid",
    "service-name",
    "sigalgs",
    "socks4",
    "socks4a",
    "socks5",
    "socks5-gssapi-service",
    "socks5-hostname",
    "speed-limit",
    "speed-time",
    "ssl-sessions",
    "stderr",
    "telnet-option",
    "tftp-blksize",
    "time-cond",
    "tls-max",
    "tls13-ciphers",
    "tlsauthtype",
    "tlspassword",
    "tlsuser",
    "trace",
    "trace-ascii",
    "trace-config",
    "unix-socket",
    "upload-file",
    "upload-flags",
    "url",
    "url-query",
    "user",
    "user-agent",
    "variable",
    "vlan-priority",
    "write-out",
];

/// Short options that take an argument.
const SHORT_WITH_ARG: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

/// Whether the long option `name` (without dashes) takes an argument.
pub(crate) fn long_takes_arg(name: &str) -> bool {
    LONG_WITH_ARG.contains(&name)
}

/// A piece of text in the file: its byte range and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub start: usize,
    pub end: usize,
    /// The option (and value) as written, for related messages.
    pub text: String,
}

/// A minimum or maximum version option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionOption {
    /// The version it sets; `None`: `--sslv2`/`--sslv3` (minimum) or
    /// `--tls-max default` (maximum).
    pub version: Option<&'static str>,
    /// `--sslv2`/`--sslv3`: ignored since curl 7.77.0.
    pub legacy: bool,
    pub place: Place,
}

/// A URL argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlArg {
    /// The URL with variables resolved.
    pub text: String,
    pub place: Place,
    /// Where the host is written, when that is an earlier assignment.
    pub host_place: Option<Place>,
}

/// The options of one curl operation (a `--next` group).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Operation {
    pub urls: Vec<UrlArg>,
    pub min: Option<VersionOption>,
    pub max: Option<VersionOption>,
    /// Every version option, in order (for related locations).
    pub versions: Vec<VersionOption>,
    pub ssl: Option<(bool, Place)>,
    pub ssl_reqd: Option<(bool, Place)>,
    pub proto_default: Option<String>,
}

/// What one option does to an operation.
pub(crate) enum Effect {
    None,
    /// Starts a new operation.
    Next,
}

impl Operation {
    /// Applies the option `name` (long name without dashes, or one short
    /// letter) with its value, written at `place`.
    pub fn apply(&mut self, name: &str, value: Option<&str>, place: Place) -> Effect {
        let (name, on) = match name.strip_prefix("no-") {
            Some(rest) if matches!(rest, "ssl" | "ssl-reqd" | "ftp-ssl" | "ftp-ssl-reqd") => {
                (rest, false)
            }
            _ => (name, true),
        };
        let min = match name {
            "tlsv1" | "1" | "tlsv1.0" => Some(Some("1.0")),
            "tlsv1.1" => Some(Some("1.1")),
            "tlsv1.2" => Some(Some("1.2")),
            "tlsv1.3" => Some(Some("1.3")),
            "sslv2" | "2" | "sslv3" | "3" => Some(None),
            _ => None,
        };
        if let Some(version) = min {
            let option = VersionOption {
                version,
                legacy: version.is_none(),
                place,
            };
            self.versions.push(option.clone());
            self.min = Some(option);
            return Effect::None;
        }
        match name {
            "tls-max" => {
                let version = match value.map(str::trim) {
                    Some("default") => None,
                    Some("1.0") => Some("1.0"),
                    Some("1.1") => Some("1.1"),
                    Some("1.2") => Some("1.2"),
                    Some("1.3") => Some("1.3"),
                    // curl rejects other values.
                    _ => return Effect::None,
                };
                let option = VersionOption {
                    version,
                    legacy: false,
                    place,
                };
                self.versions.push(option.clone());
                self.max = Some(option);
            }
            "ssl" | "ftp-ssl" => self.ssl = Some((on, place)),
            "ssl-reqd" | "ftp-ssl-reqd" => self.ssl_reqd = Some((on, place)),
            "proto-default" => self.proto_default = value.map(|v| v.trim().to_ascii_lowercase()),
            "next" | ":" => return Effect::Next,
            _ => {}
        }
        Effect::None
    }

    /// The TLS mode for a URL scheme's default mode.
    fn mode(&self, scheme_mode: TlsMode) -> (TlsMode, Option<&Place>) {
        if scheme_mode == TlsMode::Implicit {
            return (TlsMode::Implicit, None);
        }
        match (&self.ssl_reqd, &self.ssl) {
            (Some((true, p)), _) => (TlsMode::Starttls, Some(p)),
            (_, Some((true, p))) => (TlsMode::Starttls, Some(p)),
            _ => (TlsMode::None, None),
        }
    }

    /// The TLS range the version options give.
    pub fn range(&self) -> TlsRange {
        if self.min.as_ref().is_some_and(|m| m.legacy) {
            return TlsRange::unknown();
        }
        let min = self.min.as_ref().and_then(|m| m.version);
        let max = self.max.as_ref().and_then(|m| m.version);
        if self.min.is_none() && self.max.is_none() {
            return TlsRange::unknown();
        }
        TlsRange::explicit(min, max)
    }

    /// The option to point at: the one setting the maximum, else the
    /// minimum.
    pub fn primary(&self) -> Option<&VersionOption> {
        self.max.as_ref().or(self.min.as_ref())
    }
}

/// A mail URL as curl reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MailTarget {
    pub protocol: Protocol,
    pub scheme_mode: TlsMode,
    pub host: Option<String>,
    pub port: u16,
}

/// The mail target of a URL argument, if it is one.
pub(crate) fn mail_target(url: &str, proto_default: Option<&str>) -> Option<MailTarget> {
    let url = url.trim();
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => {
            let host = url.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
            let guessed = match proto_default {
                Some(p) => p.to_owned(),
                None if host.starts_with("imap.") => "imap".to_owned(),
                None if host.starts_with("pop3.") => "pop3".to_owned(),
                None if host.starts_with("smtp.") => "smtp".to_owned(),
                None => return None,
            };
            (guessed, url)
        }
    };
    let default_port = match scheme.as_str() {
        "imap" => 143,
        "imaps" => 993,
        "pop3" => 110,
        "pop3s" => 995,
        "smtp" => 25,
        "smtps" => 465,
        _ => return None,
    };
    let (protocol, scheme_mode) = mail_url::scheme(&scheme)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let hostport = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = mail_url::split_host_port(hostport);
    Some(MailTarget {
        protocol,
        scheme_mode,
        host,
        port: port.unwrap_or(default_port),
    })
}

/// Builds the connection facts of one operation.
pub(crate) fn operation_facts(
    file: &SourceFile,
    op: &Operation,
    declaration: Option<&Place>,
) -> Vec<Fact> {
    let mut facts = Vec::new();
    for url in &op.urls {
        let Some(target) = mail_target(&url.text, op.proto_default.as_deref()) else {
            continue;
        };
        let (mode, mode_place) = op.mode(target.scheme_mode);
        let url_location = file.location(url.place.start, url.place.end);
        let (tls, place) = if mode == TlsMode::None {
            (None, &url.place)
        } else {
            (
                Some(op.range()),
                op.primary().map_or(&url.place, |p| &p.place),
            )
        };
        let location = file.location(place.start, place.end);
        let mut related = Vec::new();
        let host_place = url.host_place.as_ref().unwrap_or(&url.place);
        match &target.host {
            Some(host) => related.push(Related::new(
                "host",
                file.location(host_place.start, host_place.end),
                redact(&format!("Host {host}")),
            )),
            None => related.push(Related::new(
                "declaration",
                url_location,
                redact(&url.place.text),
            )),
        }
        if tls.is_some() {
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
                    related.push(Related::new("version", l, redact(&note)));
                }
            }
        }
        if let Some(p) = mode_place {
            let note = if op.ssl_reqd.as_ref().is_some_and(|(on, _)| *on) {
                format!("{} (STARTTLS required)", p.text)
            } else {
                format!(
                    "{} (STARTTLS when the server offers it, else plain text)",
                    p.text
                )
            };
            related.push(Related::new(
                "tls_mode",
                file.location(p.start, p.end),
                redact(&note),
            ));
        }
        if let Some(d) = declaration {
            let l = file.location(d.start, d.end);
            if l.line != location.line {
                related.push(Related::new(
                    "declaration",
                    l,
                    line_evidence(file, d.start, d.end),
                ));
            }
        }
        let evidence = line_evidence(file, place.start, place.end);
        let mut fact = Fact::new(FactKind::Connection, location, evidence);
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(target.protocol);
        fact.host = target.host.clone();
        fact.port = Some(target.port);
        fact.tls_mode = Some(mode);
        fact.tls = tls;
        fact.related = related;
        facts.push(fact);
    }
    facts
}

/// Scans `file` for curl commands.
pub fn scan(file: &SourceFile, comments: CommentStyle, _known: &[Fact]) -> Vec<Fact> {
    let commands = shell_words::file_commands(file, comments);
    let mut assigns = shell_words::assignments(&commands, file.text);
    match FileKind::of(file.path) {
        FileKind::Yaml => assigns.extend(yaml_assignments(file, comments)),
        FileKind::Makefile => assigns.extend(shell_words::make_assignments(file)),
        _ => {}
    }
    let assigns = Assignments::new(assigns);
    let mut facts = Vec::new();
    for command in &commands {
        let words = &command.words;
        let Some(p) = shell_words::find_program(words, &["curl"]) else {
            continue;
        };
        let declaration = words.get(p).map(|w| place_of(file, w, w));
        for op in operations(file, words.get(p + 1..).unwrap_or(&[]), &assigns) {
            facts.extend(operation_facts(file, &op, declaration.as_ref()));
        }
    }
    facts
}

/// YAML `key: value` entries as assignments (`env:` maps of CI jobs).
fn yaml_assignments(file: &SourceFile, comments: CommentStyle) -> Vec<Assignment> {
    env_vars::entries(file, comments)
        .into_iter()
        .filter(|e| e.scope != env_vars::FILE_SCOPE && env_vars::is_env_name(&e.key))
        .map(|e| Assignment {
            name: e.key,
            value: Word {
                text: e.value,
                start: e.value_start,
                end: e.value_end,
                expansions: Vec::new(),
                quoted: false,
            },
        })
        .collect()
}

fn place_of(file: &SourceFile, first: &Word, last: &Word) -> Place {
    let (start, end) = (first.start, last.end.max(first.start));
    Place {
        start,
        end,
        text: file.text.get(start..end).unwrap_or(&first.text).to_owned(),
    }
}

/// Reads curl's arguments into operations.
fn operations(file: &SourceFile, args: &[Word], assigns: &Assignments) -> Vec<Operation> {
    let mut ops = vec![Operation::default()];
    let mut i = 0;
    let url = |op: &mut Operation, w: &Word| {
        let resolved = shell_words::resolve(w, assigns);
        let host_place = (!resolved.used.is_empty()).then(|| {
            let host = mail_target(&resolved.text, None).and_then(|t| t.host);
            let holder = host
                .as_ref()
                .and_then(|h| {
                    resolved
                        .used
                        .iter()
                        .rev()
                        .find(|a| a.value.text.to_ascii_lowercase().contains(h.as_str()))
                })
                .or_else(|| resolved.used.first());
            holder.map_or_else(
                || place_of(file, w, w),
                |a| Place {
                    start: a.value.start,
                    end: a.value.end,
                    text: a.value.text.clone(),
                },
            )
        });
        op.urls.push(UrlArg {
            text: resolved.text,
            place: place_of(file, w, w),
            host_place,
        });
    };
    while let Some(w) = args.get(i) {
        let Some(op) = ops.last_mut() else { break };
        let t = w.text.as_str();
        if let Some(long) = t.strip_prefix("--").filter(|l| !l.is_empty()) {
            if long_takes_arg(long) {
                let value = args.get(i + 1);
                if long == "url" {
                    if let Some(v) = value {
                        url(op, v);
                    }
                } else {
                    let place = place_of(file, w, value.unwrap_or(w));
                    op.apply(long, value.map(|v| v.text.as_str()), place);
                }
                i += 2;
                continue;
            }
            if let Effect::Next = op.apply(long, None, place_of(file, w, w)) {
                ops.push(Operation::default());
            }
            i += 1;
            continue;
        }
        if let Some(shorts) = t
            .strip_prefix('-')
            .filter(|s| !s.is_empty() && !s.starts_with('-'))
        {
            let mut consumed_next = false;
            let mut next_op = false;
            for (k, c) in shorts.char_indices() {
                if SHORT_WITH_ARG.contains(c) {
                    if k + c.len_utf8() == shorts.len() {
                        consumed_next = true;
                    }
                    break;
                }
                let mut letter = [0u8; 4];
                if let Effect::Next =
                    op.apply(c.encode_utf8(&mut letter), None, place_of(file, w, w))
                {
                    next_op = true;
                }
            }
            if next_op {
                ops.push(Operation::default());
            }
            i += if consumed_next { 2 } else { 1 };
            continue;
        }
        url(op, w);
        i += 1;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::range;
    use crate::facts::Basis;

    fn scan_text(path: &str, text: &str) -> Vec<Fact> {
        crate::extract::test_support::scan_text(scan, path, text)
    }

    #[test]
    fn tls_range_and_implicit_tls() {
        let text =
            "#!/bin/sh\ncurl -s --tlsv1.0 --tls-max 1.1 imaps://outlook.office365.com/INBOX\n";
        let f = scan_text("check.sh", text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].client.as_deref(), Some("curl"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        let l = f[0].location;
        assert_eq!(
            &text.lines().nth(1).unwrap_or("")[l.column - 1..l.end_column - 1],
            "--tls-max 1.1"
        );
        assert_eq!(f[0].related[0].role, "host");
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "version" && r.message == "--tlsv1.0"));
    }

    #[test]
    fn starttls_plain_and_options() {
        let f = scan_text(
            "a.sh",
            "curl --ssl-reqd smtp://smtp.office365.com:587 -T m.eml\n",
        );
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].port, Some(587));
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        let f = scan_text("a.sh", "curl --ssl pop3://pop.example.com/1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        assert_eq!(f[0].port, Some(110));
        let f = scan_text("a.sh", "curl --tlsv1 imap://outlook.office365.com/INBOX\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert!(f[0].tls.is_none());
        let f = scan_text("a.sh", "curl --ssl-reqd --no-ssl-reqd imap://h/\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
    }

    #[test]
    fn short_options_and_last_one_wins() {
        let f = scan_text("a.sh", "curl -sS1 -o out --tls-max default pop3s://h\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
        let f = scan_text("a.sh", "curl --tlsv1.2 --tlsv1 -u me:pw imaps://h\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
        let f = scan_text("a.sh", "curl -3 imaps://h\n");
        assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
        // `-o` takes the next word: `imaps://x` is its argument, not a URL.
        let f = scan_text("a.sh", "curl -o imaps://x https://example.com\n");
        assert!(f.is_empty());
        let f = scan_text(
            "a.sh",
            "curl -oimaps://x --resolve imap.example.com:993:10.0.0.1 https://example.com\n",
        );
        assert!(f.is_empty());
    }

    #[test]
    fn non_mail_curl_is_skipped() {
        assert!(scan_text(
            "a.sh",
            "curl --tlsv1.0 --tls-max 1.0 https://legacy.example.com/\n"
        )
        .is_empty());
        assert!(scan_text("a.sh", "# curl --tlsv1 imaps://outlook.office365.com\n").is_empty());
        assert!(scan_text("a.sh", "echo curl --tlsv1 imaps://h\n").is_empty());
        assert!(scan_text("a.sh", "wget imaps://h\n").is_empty());
    }

    #[test]
    fn guessed_schemes_and_proto_default() {
        let f = scan_text("a.sh", "curl --ssl-reqd smtp.office365.com:587\n");
        assert_eq!(f[0].protocol, Some(Protocol::Smtp));
        assert_eq!(f[0].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
        let f = scan_text(
            "a.sh",
            "curl --proto-default imaps --tlsv1.1 mail.example.com/INBOX\n",
        );
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(993));
    }

    #[test]
    fn variables_and_next_operations() {
        let text = "HOST=imap-legacy.office365.com\nURL=\"imaps://${HOST}:993/INBOX\"\ncurl --tlsv1.2 \\\n  --url \"$URL\" --next --tls-max 1.1 pop3s://p.example.com\n";
        let f = scan_text("a.sh", text);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].host.as_deref(), Some("imap-legacy.office365.com"));
        assert_eq!(range(&f[0]), (Some("1.2"), None, Basis::Explicit));
        let host = f[0]
            .related
            .iter()
            .find(|r| r.role == "host")
            .unwrap_or_else(|| panic!());
        assert_eq!(host.line, 1);
        assert_eq!(range(&f[1]), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(f[1].location.line, 4);
    }

    #[test]
    fn yaml_dockerfile_cron_and_units() {
        let f = scan_text(
            "wf.yml",
            "env:\n  POP_URL: pop3s://outlook.office365.com\njobs:\n  a:\n    steps:\n      - run: |\n          curl --tlsv1.1 --tls-max 1.1 \"$POP_URL\"\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].location.line, 7);
        let f = scan_text(
            "Dockerfile",
            "HEALTHCHECK CMD [\"curl\", \"-1\", \"imaps://h\"]\n",
        );
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
        let f = scan_text(
            "crontab",
            "*/5 * * * * mail /usr/bin/curl --tlsv1 pop3s://h >/dev/null 2>&1\n",
        );
        assert_eq!(f.len(), 1);
        let f = scan_text(
            "x.service",
            "[Service]\nExecStart=/usr/bin/curl -1 smtps://h\n",
        );
        assert_eq!(f[0].port, Some(465));
    }

    #[test]
    fn no_panic_on_garbage() {
        for text in [
            "curl",
            "curl --url",
            "curl -",
            "curl --tls-max",
            "curl imaps://",
            "curl 'imaps://h",
            "curl -K",
        ] {
            let _ = scan_text("a.sh", text);
        }
    }
}
