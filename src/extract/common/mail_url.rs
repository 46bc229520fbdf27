//! Mail URLs (`imaps://user@host:993/INBOX`, `pop://host`, `smtp://host:587`)
//! as mutt, curl, fetchmail front-ends and application code write them.

use crate::facts::{Protocol, TlsMode};
use regex::Regex;
use std::sync::OnceLock;

/// A parsed mail URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailUrl {
    pub protocol: Protocol,
    /// `Implicit` for the `…s` schemes; `Unknown` for the plain ones, whose
    /// STARTTLS behaviour is the client's to decide.
    pub tls_mode: TlsMode,
    pub host: Option<String>,
    pub port: Option<u16>,
    /// Byte range of the URL in the searched text.
    pub start: usize,
    pub end: usize,
}

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?i)\b(imaps?|pop3?s?|smtps?|submissions?)://([^\s"'<>`;,)(\]\[]*)"#)
            .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

/// The protocol and TLS mode a URL scheme stands for.
pub fn scheme(scheme: &str) -> Option<(Protocol, TlsMode)> {
    Some(match scheme.to_ascii_lowercase().as_str() {
        "imap" => (Protocol::Imap, TlsMode::Unknown),
        "imaps" => (Protocol::Imap, TlsMode::Implicit),
        "pop" | "pop3" => (Protocol::Pop3, TlsMode::Unknown),
        "pops" | "pop3s" => (Protocol::Pop3, TlsMode::Implicit),
        "smtp" | "submission" => (Protocol::Smtp, TlsMode::Unknown),
        "smtps" | "submissions" => (Protocol::Smtp, TlsMode::Implicit),
        _ => return None,
    })
}

/// Every mail URL in `text`, in order.
pub fn find_all(text: &str) -> Vec<MailUrl> {
    url_regex()
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let (protocol, tls_mode) = scheme(caps.get(1)?.as_str())?;
            let rest = caps.get(2).map_or("", |m| m.as_str());
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            let hostport = authority.rsplit('@').next().unwrap_or("");
            let (host, port) = split_host_port(hostport);
            Some(MailUrl {
                protocol,
                tls_mode,
                host,
                port,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// Splits `host[:port]` (with `[v6]` literals); an empty or templated host
/// (`${HOST}`, `%s`) is unknown.
pub fn split_host_port(hostport: &str) -> (Option<String>, Option<u16>) {
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        match rest.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':')),
            None => (rest, None),
        }
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    let host = host.trim().trim_end_matches('.');
    let host = (!host.is_empty() && is_literal_host(host)).then(|| host.to_ascii_lowercase());
    (host, port.and_then(|p| p.parse().ok()))
}

/// Whether `host` is a literal host name or address rather than a template.
pub fn is_literal_host(host: &str) -> bool {
    host.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
}

/// Protocol and TLS mode implied by a well-known mail port.
pub fn port_defaults(port: u16) -> Option<(Protocol, TlsMode)> {
    Some(match port {
        993 => (Protocol::Imap, TlsMode::Implicit),
        143 => (Protocol::Imap, TlsMode::Unknown),
        995 => (Protocol::Pop3, TlsMode::Implicit),
        110 => (Protocol::Pop3, TlsMode::Unknown),
        465 => (Protocol::Smtp, TlsMode::Implicit),
        587 | 25 => (Protocol::Smtp, TlsMode::Unknown),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_with_userinfo_and_port() {
        let urls = find_all("set folder=\"imaps://me@x.com@outlook.office365.com:993/INBOX\"");
        assert_eq!(urls.len(), 1);
        assert_eq!(urls[0].protocol, Protocol::Imap);
        assert_eq!(urls[0].tls_mode, TlsMode::Implicit);
        assert_eq!(urls[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(urls[0].port, Some(993));
    }

    #[test]
    fn plain_schemes_and_templates() {
        let urls = find_all("pop://mail.example.org smtp://${HOST}:587");
        assert_eq!(urls[0].protocol, Protocol::Pop3);
        assert_eq!(urls[0].tls_mode, TlsMode::Unknown);
        assert_eq!(urls[1].host, None);
        assert_eq!(urls[1].port, Some(587));
    }

    #[test]
    fn ignores_other_schemes() {
        assert!(find_all("https://imap.example.com mailto:x@y").is_empty());
    }
}
