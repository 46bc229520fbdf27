//! Perl source: IO::Socket::SSL `SSL_version` strings and the mail clients
//! that pass them (Mail::IMAPClient, Net::IMAP::Simple, Net::SMTP).
//!
//! Facts:
//! - `tls_setting` (client `perl-io-socket-ssl`, scope `call`): an
//!   `SSL_version => '...'` string (any case of the key) inside an
//!   `IO::Socket::SSL->new(...)`, `Mail::IMAPClient->new(...)` (also in its
//!   `Ssl => [...]` list), `Net::IMAP::Simple->new(...)` or
//!   `Net::SMTP->new(...)` call. The string is IO::Socket::SSL's protocol
//!   list: `TLSv1`, `TLSv1_1`, `TLSv1_2` (also `TLSv1.1`) alone pin one
//!   version; `SSLv23`/`TLS`/`ALL` mean all; `!X` switches `X` off, and the
//!   enabled range is contiguous from its lowest version.
//! - `mail_usage`: Mail::IMAPClient (`Server`, `Port`, `Ssl` implicit,
//!   `Starttls`), Net::IMAP::Simple (`use_ssl`), Net::SMTP (`Host` or the
//!   first argument, `Port`, `SSL` implicit), and IO::Socket::SSL to a
//!   mail port (`PeerAddr`/`PeerHost`, `PeerPort`).
//!
//! Decisions: the binding is the call (`ssl@LINE:COL`); a variable host is
//! None; a heredoc or multi-line string that never ends is an error.

use crate::extract::common::code_lexer::{spec, Arg, Call, Code, Kind};
use crate::extract::common::code_tls::{setting_facts, synthetic, usage_fact, Effect, Item, Usage};
use crate::extract::common::mail_url::{port_defaults, split_host_port};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;

const CLIENT: &str = "perl-io-socket-ssl";

/// Extracts `tls_setting` and `mail_usage` facts from Perl source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::PERL);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated heredoc or string",
            Some(file.position(off).0),
        ));
    }
    let mut items = Vec::new();
    let mut usages = Vec::new();
    for c in code.calls() {
        let names = code.path_names(&c.path);
        let Some((&"new", class)) = names.split_last() else {
            continue;
        };
        let class = class.join("::");
        let kind = match class.as_str() {
            "IO::Socket::SSL" => 0,
            "Mail::IMAPClient" => 1,
            "Net::IMAP::Simple" => 2,
            "Net::SMTP" => 3,
            _ => continue,
        };
        let Some(span) = code.span(c.path.start, c.close + 1) else {
            continue;
        };
        let off = code.tok(c.path.start).map_or(0, |t| t.start);
        let binding = synthetic(file, "ssl", off);
        let found = versions(&code, &c, &binding, &mut items);
        let usage = usage(&code, &c, kind, span, found.then(|| binding.clone()));
        if let Some(u) = usage {
            usages.push(u);
        }
    }
    let mut facts = setting_facts(file, CLIENT, &items);
    for u in &usages {
        facts.push(usage_fact(file, u));
    }
    Ok(facts)
}

/// The `SSL_version` strings inside a call: true when one was found.
fn versions(code: &Code<'_>, c: &Call, binding: &str, items: &mut Vec<Item>) -> bool {
    let mut found = false;
    for j in c.open + 1..c.close {
        let is_key = code
            .key_text(j)
            .is_some_and(|k| k.eq_ignore_ascii_case("ssl_version"));
        if !is_key || !(code.is_punct(j + 1, "=>") || code.is_punct(j + 1, ",")) {
            continue;
        }
        let Some(value) = code.str_value(j + 2) else {
            continue;
        };
        let Some(span) = code.span(j, j + 3) else {
            continue;
        };
        for effect in parse_version(value) {
            found = true;
            items.push(Item {
                binding: binding.to_owned(),
                effect,
                name: "SSL_version".to_owned(),
                value: value.to_owned(),
                span,
            });
        }
    }
    found
}

fn one(v: &str) -> Option<&'static str> {
    Some(match v.to_ascii_lowercase().replace('.', "_").as_str() {
        "sslv3" => "ssl3",
        "tlsv1" | "tlsv1_0" => "1.0",
        "tlsv1_1" => "1.1",
        "tlsv1_2" => "1.2",
        "tlsv1_3" => "1.3",
        _ => return None,
    })
}

/// IO::Socket::SSL's `SSL_version` list (`:`-separated, `!` excludes).
fn parse_version(value: &str) -> Vec<Effect> {
    let mut out = vec![Effect::Declare];
    let parts: Vec<&str> = value
        .split(':')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let positive: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !p.starts_with('!'))
        .collect();
    if let [p] = positive.as_slice() {
        if let Some(v) = one(p) {
            out.push(Effect::Pin(v));
        }
    }
    for p in &parts {
        if let Some(v) = p.strip_prefix('!').and_then(one) {
            out.push(Effect::Disable(v));
        }
    }
    out
}

fn named<'c>(code: &Code<'_>, c: &'c Call, key: &str) -> Option<&'c Arg> {
    c.args.iter().find(|a| {
        a.key
            .and_then(|k| code.key_text(k))
            .is_some_and(|k| k.eq_ignore_ascii_case(key))
    })
}

fn text_value(code: &Code<'_>, a: Option<&Arg>) -> Option<String> {
    let t = a?.single()?;
    code.str_value(t)
        .map(str::to_owned)
        .or_else(|| (code.kind(t) == Some(Kind::Number)).then(|| code.text(t).to_owned()))
}

/// True unless the value is `0`, `''` or `undef`; arrays/hashes count.
fn truthy(code: &Code<'_>, a: Option<&Arg>) -> bool {
    let Some(a) = a else { return false };
    match text_value(code, Some(a)) {
        Some(v) => !(v.is_empty() || v == "0"),
        None => !(a.single().is_some_and(|t| code.is_ident(t, "undef"))),
    }
}

fn usage(
    code: &Code<'_>,
    c: &Call,
    kind: u8,
    span: (usize, usize),
    binding: Option<String>,
) -> Option<Usage> {
    let first = c.args.iter().find(|a| a.key.is_none());
    let hostport = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| text_value(code, named(code, c, k)))
            .or_else(|| text_value(code, first))
    };
    let port_of = |k: &str| text_value(code, named(code, c, k)).and_then(|p| p.parse::<u16>().ok());
    let (client, protocol, mode, host, port) = match kind {
        0 => {
            let (h, p) = split_host_port(&hostport(&["PeerAddr", "PeerHost"])?);
            let port = port_of("PeerPort").or(p)?;
            let (protocol, _) = port_defaults(port)?;
            (CLIENT, protocol, TlsMode::Implicit, h, Some(port))
        }
        1 => {
            let (h, p) = split_host_port(&hostport(&["Server"]).unwrap_or_default());
            let ssl = truthy(code, named(code, c, "Ssl"));
            let mode = if ssl {
                TlsMode::Implicit
            } else if truthy(code, named(code, c, "Starttls")) {
                TlsMode::Starttls
            } else {
                TlsMode::None
            };
            let port = port_of("Port").or(p).or(Some(if ssl { 993 } else { 143 }));
            ("perl-mail-imapclient", Protocol::Imap, mode, h, port)
        }
        2 => {
            let (h, p) = split_host_port(&hostport(&[]).unwrap_or_default());
            let ssl = truthy(code, named(code, c, "use_ssl"));
            let mode = if ssl {
                TlsMode::Implicit
            } else {
                TlsMode::None
            };
            let port = port_of("port").or(p).or(Some(if ssl { 993 } else { 143 }));
            ("perl-net-imap-simple", Protocol::Imap, mode, h, port)
        }
        _ => {
            let (h, p) = split_host_port(&hostport(&["Host"]).unwrap_or_default());
            let ssl = truthy(code, named(code, c, "SSL"));
            let mode = if ssl {
                TlsMode::Implicit
            } else {
                TlsMode::Unknown
            };
            let port = port_of("Port").or(p).or(ssl.then_some(465));
            ("perl-net-smtp", Protocol::Smtp, mode, h, port)
        }
    };
    Some(Usage {
        client,
        protocol,
        host: host.map(|h| h.to_ascii_lowercase()),
        port,
        tls_mode: mode,
        binding,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("t.pl", text)).unwrap_or_default()
    }

    #[test]
    fn imapclient_ssl_list_pins_tls10() {
        let f = facts("my $imap = Mail::IMAPClient->new(Server => 'outlook.office365.com', Port => 993, Ssl => [SSL_version => 'TLSv1']);\n");
        let s = f
            .iter()
            .find(|x| x.client.as_deref() == Some(CLIENT))
            .expect("setting");
        let tls = s.tls.as_ref().expect("tls");
        assert_eq!(
            (tls.min.as_deref(), tls.max.as_deref()),
            (Some("1.0"), Some("1.0"))
        );
        let u = f
            .iter()
            .find(|x| x.client.as_deref() == Some("perl-mail-imapclient"))
            .expect("usage");
        assert_eq!(u.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(u.binding, s.binding);
    }

    #[test]
    fn exclusions_cap_the_range() {
        let f = facts("my $s = IO::Socket::SSL->new(PeerAddr => 'mail.example.com:993', SSL_version => 'SSLv23:!TLSv1_2:!TLSv1_3');\n");
        let s = f
            .iter()
            .find(|x| x.client.as_deref() == Some(CLIENT) && x.tls.is_some())
            .expect("setting");
        assert_eq!(s.tls.as_ref().and_then(|t| t.max.as_deref()), Some("1.1"));
    }

    #[test]
    fn comments_and_garbage() {
        assert!(facts("# Mail::IMAPClient->new(Ssl => [SSL_version => 'TLSv1'])\nprint \"SSL_version => 'TLSv1'\";\n").is_empty());
        for t in [
            "Net::SMTP->new(",
            "IO::Socket::SSL->new(SSL_version =>",
            "<<EOT\nnever",
        ] {
            let _ = extract(&SourceFile::new("t.pl", t));
        }
    }
}
