//! JavaMail / Jakarta Mail session files and Spring Boot
//! `application.properties`: `mail.<protocol>.*` and `spring.mail.*` keys.
//!
//! The file is read with Java's own `.properties` rules
//! ([`common::java_properties`](crate::extract::common::java_properties)),
//! split into documents at Spring Boot's `#---` / `!---` separators, and
//! handed to [`common::javamail`](crate::extract::common::javamail), which
//! holds the JavaMail and Spring semantics (providers, TLS modes, default
//! ports, `ssl.protocols` lists). A properties file is the whole session
//! configuration, so a plain `imap`/`pop3`/`smtp` provider with neither
//! `ssl.enable` nor `starttls.enable` uses no TLS, JavaMail's default.

use crate::extract::common::java_properties::{self, Entry};
use crate::extract::common::javamail::{self, Prop};
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Fact, TlsMode};
use crate::source::SourceFile;

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let entries = java_properties::parse(file)?;
    let separators = document_separators(file, &entries);
    let props: Vec<Prop> = entries
        .iter()
        .map(|e| Prop {
            key: javamail::normalize_key(&e.key),
            value: e.value.clone(),
            location: value_location(file, e),
            evidence: redact(file.line(e.line).trim()),
            document: separators.iter().filter(|&&s| s < e.line).count(),
        })
        .collect();
    Ok(javamail::facts_for_documents(&props, TlsMode::None))
}

/// Lines holding Spring Boot's multi-document separator (`#---` or `!---`
/// alone on a line, not inside a continued value).
fn document_separators(file: &SourceFile, entries: &[Entry]) -> Vec<usize> {
    file.lines()
        .filter(|(_, l)| matches!(l.trim_end(), "#---" | "!---"))
        .map(|(n, _)| n)
        .filter(|&n| !entries.iter().any(|e| e.line <= n && n <= e.end_line))
        .collect()
}

/// The value as written, trailing whitespace left out; the key when the
/// value is empty.
fn value_location(file: &SourceFile, e: &Entry) -> crate::facts::Location {
    let value = e.value_raw.trim_end();
    if value.is_empty() {
        file.location_of(e.key_raw)
    } else {
        file.location_of(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Protocol, TlsRange};

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("mail.properties", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn javamail_session_file() {
        let f = facts(
            "# IMAP over SSL to Exchange Online\nmail.store.protocol=imaps\nmail.imaps.host = outlook.office365.com\nmail.imaps.port: 993\nmail.imaps.ssl.protocols TLSv1\nmail.imaps.user=svc@contoso.com\nmail.imaps.password=hunter2\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
        let loc = f[0].location;
        assert_eq!((loc.line, loc.column, loc.end_column), (5, 26, 31));
        assert_eq!(f[0].evidence, "mail.imaps.ssl.protocols TLSv1");
    }

    #[test]
    fn continued_protocol_list_spans_lines() {
        let f = facts("mail.smtp.host=smtp.office365.com\nmail.smtp.starttls.enable=true\nmail.smtp.ssl.protocols=TLSv1 \\\n    TLSv1.1\n");
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!((f[0].location.line, f[0].location.end_line), (3, 4));
        assert_eq!(f[0].port, Some(25));
    }

    #[test]
    fn spring_properties_with_brackets_and_documents() {
        let f = facts(
            "spring.mail.host=smtp.office365.com\nspring.mail.port=587\nspring.mail.properties[mail.smtp.starttls.enable]=true\n#---\nspring.config.activate.on-profile=legacy\nspring.mail.properties.mail.smtp.ssl.protocols=TLSv1\n",
        );
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.client.as_deref() == Some("spring-mail")));
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[1].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
        assert_eq!(f[1].location.line, 6);
        assert_eq!(f[1].port, Some(587));
    }

    #[test]
    fn commented_and_unrelated_keys() {
        assert!(facts(
            "#mail.imaps.ssl.protocols=TLSv1\n! mail.imap.host=x\nlogging.level.root=INFO\n"
        )
        .is_empty());
    }

    #[test]
    fn malformed_escape_is_an_error() {
        let err = extract(&SourceFile::new(
            "x.properties",
            "a=1\nmail.imap.host=\\u12\n",
        ));
        assert_eq!(err.map_err(|e| e.line), Err(Some(2)));
    }
}
