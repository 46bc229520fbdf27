//! Symfony Mailer transports: `Transport::fromDsn('smtp://…')` and `new
//! EsmtpTransport(host, port, tls)` are SMTP mail clients.
//!
//! What the DSN controls (symfony/mailer `EsmtpTransportFactory`,
//! `EsmtpTransport`, `Stream/SocketStream`): `smtps://` is implicit TLS,
//! `smtp://` is STARTTLS when the server offers it (implicit on port 465);
//! the port defaults to 465 with TLS, else 25; `auto_tls=false` turns
//! STARTTLS off (plain text). Its other query options
//! (`verify_peer`, `peer_fingerprint`, `local_domain`, `auto_tls`,
//! `require_tls`, …) never set TLS versions. The versions come from the
//! stream: `SocketStream::initialize` uses the `crypto_method` of the stream
//! options (default `TLS_CLIENT | TLSv1_1 | TLSv1_2`), and `startTLS` calls
//! `stream_socket_enable_crypto($stream, true)`, which uses the same context.
//! So `$transport->getStream()->setStreamOptions(['ssl' => [...]])` binds
//! that array to the transport; without it the usage has no binding (the
//! library default).

use super::Php;
use crate::extract::common::code_lexer::{Assign, Call};
use crate::extract::common::mail_url;
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode};

/// The DSN's `auto_tls` option (`EsmtpTransportFactory`: empty or absent is
/// on, else PHP's `FILTER_VALIDATE_BOOL`): off means `smtp://` never issues
/// STARTTLS and stays plain text.
fn auto_tls(dsn: &str) -> bool {
    let query = dsn.split_once('?').map_or("", |(_, q)| q);
    let value = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "auto_tls")
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    !matches!(value.as_deref(), Some("0" | "false" | "off" | "no"))
}

impl Php<'_, '_> {
    /// The `$variable` a method chain such as `$t->getStream()->
    /// setStreamOptions(` starts from, walking back from the method name.
    pub(super) fn chain_receiver(&self, method: usize) -> Option<String> {
        let code = self.code;
        let mut i = method;
        for _ in 0..32 {
            let arrow = i.checked_sub(1)?;
            if !code.is_punct(arrow, "->") {
                let name = code.name(i)?;
                return name.starts_with('$').then(|| name.to_owned());
            }
            i = arrow.checked_sub(1)?;
            if code.is_punct(i, ")") {
                i = code.partner(i)?.checked_sub(1)?;
            }
        }
        None
    }

    /// One `mail_usage` per Symfony Mailer transport built in the file.
    pub(super) fn symfony(&self, assigns: &[Assign], calls: &[Call]) -> Vec<Fact> {
        let code = self.code;
        let stream_options: Vec<String> = calls
            .iter()
            .filter(|c| code.path_names(&c.path).last() == Some(&"setStreamOptions"))
            .filter_map(|c| c.path.names.last().and_then(|&m| self.chain_receiver(m)))
            .collect();
        let mut out = Vec::new();
        for call in calls {
            let names = code.path_names(&call.path);
            let from_dsn = names.ends_with(&["Transport", "fromDsn"]);
            let esmtp = call.new
                && names
                    .last()
                    .is_some_and(|n| n.rsplit('\\').next() == Some("EsmtpTransport"));
            if !from_dsn && !esmtp {
                continue;
            }
            let Some(first) = call.args.first() else {
                continue;
            };
            let (s, e) = first.value;
            let literal = code.concat_value(s, e);
            let (host, port, mode) = if from_dsn {
                let dsn = literal
                    .as_deref()
                    .and_then(|d| mail_url::find_all(d).into_iter().next());
                match dsn {
                    Some(u) if u.protocol == Protocol::Smtp => {
                        let smtps = u.tls_mode == TlsMode::Implicit;
                        let auto_tls = literal.as_deref().is_none_or(auto_tls);
                        let (port, mode) = match (smtps, auto_tls) {
                            (true, _) => (u.port.unwrap_or(465), TlsMode::Implicit),
                            (false, false) => (u.port.unwrap_or(25), TlsMode::None),
                            (false, true) if u.port == Some(465) => (465, TlsMode::Implicit),
                            (false, true) => (u.port.unwrap_or(25), TlsMode::Starttls),
                        };
                        (u.host, Some(port), mode)
                    }
                    // A DSN from the environment (`$_ENV['MAILER_DSN']`) or
                    // another transport (`sendmail://`, `ses+api://`).
                    Some(_) => continue,
                    None if literal.is_some() => continue,
                    None => (None, None, TlsMode::Unknown),
                }
            } else {
                let host = literal.and_then(|h| mail_url::split_host_port(&h).0);
                let port = call
                    .args
                    .get(1)
                    .and_then(|a| code.slice(a.value.0, a.value.1).trim().parse::<u16>().ok());
                let tls = call
                    .args
                    .get(2)
                    .map(|a| code.slice(a.value.0, a.value.1).trim().to_ascii_lowercase());
                let implicit = tls.as_deref() == Some("true") || port == Some(465);
                let mode = match tls.as_deref() {
                    Some("true" | "false") | None => {
                        if implicit {
                            TlsMode::Implicit
                        } else {
                            TlsMode::Starttls
                        }
                    }
                    Some(_) => TlsMode::Unknown,
                };
                let port = port.or(Some(if implicit { 465 } else { 25 }));
                (host, port, mode)
            };
            let target = assigns
                .iter()
                .find(|a| a.value.0 <= call.path.start && call.close < a.value.1)
                .map(|a| code.path_text(&a.target));
            let loc = self.loc(call.path.start, call.close + 1);
            let mut fact = Fact::new(FactKind::MailUsage, loc, self.line_text(loc));
            fact.client = Some("symfony-mailer".to_owned());
            fact.protocol = Some(Protocol::Smtp);
            if let Some(h) = &host {
                fact.related
                    .push(Related::new("host", self.loc(s, e), format!("Host {h}")));
            }
            fact.host = host;
            fact.port = port;
            fact.tls_mode = Some(mode);
            fact.binding = target.filter(|t| stream_options.contains(t));
            out.push(fact);
        }
        out
    }
}
