//! getmail / getmail6 (`getmailrc`): the `[retriever]` section of each rc
//! file is one POP3 or IMAP connection.
//!
//! Semantics follow getmail6's `getmailcore/retrievers.py` and
//! `utilities.check_ssl_version`: the retriever `type` decides protocol and
//! TLS (`*SSLRetriever` = implicit TLS; the others have no TLS at all, as
//! getmail has no STARTTLS retriever); `port` defaults to 110/995 or
//! 143/993; `ssl_version` (SSL retrievers only, case-insensitive) is
//! `sslv23` (negotiate), `sslv3`, `tlsv1` (exactly TLS 1.0), `tlsv1_1`,
//! `tlsv1_2`. Without `ssl_version` Python's default context decides, which
//! depends on the Python version: the range is unknown.

use crate::extract::common::{ini, redact::redact};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

/// Content check: getmail rc files have any name (`getmailrc-work`,
/// `user@example.com`), but always a `[retriever]` section with a type.
pub fn sniff(text: &str) -> bool {
    text.contains("[retriever]") && text.contains("Retriever")
}

/// Protocol and implicit-TLS flag of a retriever class name.
fn retriever(type_name: &str) -> Option<(Protocol, bool)> {
    let t = type_name.trim();
    let known = [
        "SimplePOP3Retriever",
        "SimplePOP3SSLRetriever",
        "BrokenUIDLPOP3Retriever",
        "BrokenUIDLPOP3SSLRetriever",
        "MultidropPOP3Retriever",
        "MultidropPOP3SSLRetriever",
        "MultidropSDPSRetriever",
        "SimpleIMAPRetriever",
        "SimpleIMAPSSLRetriever",
        "MultidropIMAPRetriever",
        "MultidropIMAPSSLRetriever",
    ];
    if !known.contains(&t) {
        return None;
    }
    let protocol = if t.contains("IMAP") {
        Protocol::Imap
    } else {
        Protocol::Pop3
    };
    Some((protocol, t.contains("SSL")))
}

/// The range an `ssl_version` value pins, per `check_ssl_version`.
fn ssl_version_range(value: &str) -> TlsRange {
    match value.trim().to_ascii_lowercase().as_str() {
        "sslv3" => TlsRange::explicit(Some("ssl3"), Some("ssl3")),
        "tlsv1" => TlsRange::explicit(Some("1.0"), Some("1.0")),
        "tlsv1_1" => TlsRange::explicit(Some("1.1"), Some("1.1")),
        "tlsv1_2" => TlsRange::explicit(Some("1.2"), Some("1.2")),
        // sslv23 negotiates with Python's defaults; anything else is
        // rejected by getmail at start-up.
        _ => TlsRange::unknown(),
    }
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let sections = ini::parse(file.lines())?;
    let mut facts = Vec::new();
    for section in sections
        .iter()
        .filter(|s| s.name.eq_ignore_ascii_case("retriever"))
    {
        let Some(type_entry) = section.get("type") else {
            return Err(ExtractError::new(
                "[retriever] section without a type",
                Some(section.line),
            ));
        };
        let Some((protocol, ssl)) = retriever(&type_entry.value) else {
            // A retriever type getmail does not ship (a plug-in): say nothing.
            continue;
        };
        let declaration = file.location_of(file.line(type_entry.line).trim());
        let mut fact = Fact::new(
            FactKind::Connection,
            declaration,
            redact(file.line(type_entry.line).trim()),
        );
        fact.client = Some("getmail".to_owned());
        fact.protocol = Some(protocol);
        fact.tls_mode = Some(if ssl {
            TlsMode::Implicit
        } else {
            TlsMode::None
        });
        fact.port = section
            .get("port")
            .and_then(|p| p.value.trim().parse().ok())
            .or(Some(match (protocol, ssl) {
                (Protocol::Imap, true) => 993,
                (Protocol::Imap, false) => 143,
                (_, true) => 995,
                (_, false) => 110,
            }));
        fact.tls = Some(TlsRange::unknown());
        fact.related.push(Related::new(
            "declaration",
            declaration,
            redact(file.line(type_entry.line).trim()),
        ));
        if let Some(server) = section.get("server") {
            let host = server.value.trim().to_ascii_lowercase();
            if crate::extract::common::mail_url::is_literal_host(&host) && !host.is_empty() {
                fact.host = Some(host);
            }
            let loc = file.location_of(server.value_raw);
            fact.related.push(Related::new(
                "host",
                loc,
                redact(file.line(server.line).trim()),
            ));
        }
        if let (true, Some(version)) = (ssl, section.get("ssl_version")) {
            fact.tls = Some(ssl_version_range(&version.value));
            fact.location = file.location_of(version.value_raw);
            fact.evidence = redact(file.line(version.line).trim());
            fact.related.push(Related::new(
                "version",
                fact.location,
                fact.evidence.clone(),
            ));
        }
        facts.push(fact);
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("getmailrc", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn ssl_retriever_with_pinned_version() {
        let f = facts("[retriever]\ntype = SimplePOP3SSLRetriever\nserver = Outlook.Office365.com\nusername = a@b.c\nssl_version = TLSv1\n\n[destination]\ntype = Maildir\npath = ~/Mail/\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].protocol, Some(Protocol::Pop3));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(995));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
        assert_eq!(f[0].location.line, 5);
    }

    #[test]
    fn plain_retriever_has_no_tls_and_ignores_ssl_version() {
        let f = facts("[retriever]\ntype = SimpleIMAPRetriever\nserver = mail.example.org\nssl_version = tlsv1\n");
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(f[0].port, Some(143));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[0].location.line, 2);
    }

    #[test]
    fn templated_server_and_default_version() {
        let f =
            facts("[retriever]\ntype = SimpleIMAPSSLRetriever\nserver = %(host)s\nport = 1993\n");
        assert_eq!(f[0].host, None);
        assert_eq!(f[0].port, Some(1993));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(extract(&SourceFile::new("x", "type = SimpleIMAPRetriever\n")).is_err());
        assert!(extract(&SourceFile::new("x", "[retriever]\nserver = x\n")).is_err());
    }
}
