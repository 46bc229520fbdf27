//! Perl source: IO::Socket::SSL `SSL_version` strings and the mail clients
//! that pass them (Mail::IMAPClient, Net::IMAP::Simple, Net::SMTP,
//! Net::POP3, IO::Socket::SSL itself).
//!
//! Facts:
//! - `tls_setting` (client `perl-io-socket-ssl`, scope `call`): an
//!   `SSL_version => '...'` string (any case of the key) anywhere inside an
//!   `IO::Socket::SSL->new(...)` / `->start_SSL(...)`,
//!   `Mail::IMAPClient->new(...)` (its `Ssl => [...]`, `Starttls => [...]`,
//!   `Socketargs => [...]` lists), `Net::IMAP::Simple->new(...)` (its
//!   `ssl_version` option and `ssl_options => [...]`), `Net::SMTP->new` /
//!   `Net::POP3->new` (libnet passes `SSL_*` options to IO::Socket::SSL), or
//!   a `$client->starttls(...)` on the variable holding such a client.
//! - `tls_setting` (scope `process`): `IO::Socket::SSL::set_defaults`,
//!   `set_ctx_defaults`, `set_client_defaults` with `SSL_version`; it
//!   reaches every client of the file that does not set its own version.
//! - `mail_usage`: Mail::IMAPClient (`Server`, `Port`, `Ssl` implicit,
//!   `Starttls`), Net::IMAP::Simple (`host[:port]`, `port`, `use_ssl` or
//!   `ssl_version` or `find_ssl_defaults` implicit, `->starttls` STARTTLS),
//!   Net::SMTP / Net::POP3 (`Host` or the first argument, `Port`, `SSL`
//!   implicit, `->starttls` STARTTLS), and IO::Socket::SSL to a mail port
//!   (`PeerAddr`/`PeerHost`, `PeerPort`).
//!
//! `SSL_version` grammar (IO::Socket::SSL `_new_ctx`): `:`-separated items
//! matching `!?(SSLv2|SSLv3|SSLv23|SSLv2/3|TLSv1|TLSv1_1|TLSv11|...)`, case
//! insensitive; one positive item names the handshake (`SSLv23` negotiates,
//! a version pins it), several different positive items or an unknown item
//! make IO::Socket::SSL croak (no setting then), `!X` switches `X` off and
//! OpenSSL keeps the enabled range contiguous from its lowest version.
//! `TLSv1.1` (with a dot), `TLS` and `ALL` are not accepted upstream.
//!
//! Decisions: the binding is the client's constructor call (`ssl@LINE:COL`),
//! shared by its `->starttls(...)`; a variable host is None; an explicit
//! `SSLv23` without exclusions is an unknown range (it drops
//! IO::Socket::SSL's own default of `SSLv23:!TLSv1:!TLSv1_1:!SSLv3:!SSLv2`,
//! leaving OpenSSL's build default); a heredoc or multi-line string that
//! never ends is an error.

use crate::extract::common::code_lexer::{spec, Arg, Call, Code, Kind};
use crate::extract::common::code_tls::{setting_facts, synthetic, usage_fact, Effect, Item, Usage};
use crate::extract::common::mail_url::{port_defaults, split_host_port};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;

const CLIENT: &str = "perl-io-socket-ssl";
/// The binding shared by IO::Socket::SSL's global defaults and the clients
/// that take them.
const DEFAULTS: &str = "IO::Socket::SSL defaults";

/// The client class of a constructor call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    IoSocketSsl,
    ImapClient,
    ImapSimple,
    Smtp,
    Pop3,
}

fn class_of(name: &str) -> Option<Class> {
    Some(match name {
        "IO::Socket::SSL" => Class::IoSocketSsl,
        "Mail::IMAPClient" => Class::ImapClient,
        "Net::IMAP::Simple" | "Net::IMAP::Simple::SSL" => Class::ImapSimple,
        "Net::SMTP" => Class::Smtp,
        "Net::POP3" => Class::Pop3,
        _ => return None,
    })
}

/// Extracts `tls_setting` and `mail_usage` facts from Perl source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::PERL);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated heredoc or string",
            Some(file.position(off).0),
        ));
    }
    let calls = code.calls();
    let mut items = Vec::new();
    let mut defaults = Vec::new();
    for c in &calls {
        let names = code.path_names(&c.path);
        let is_defaults = matches!(
            names.as_slice(),
            [
                ..,
                "IO",
                "Socket",
                "SSL",
                "set_defaults" | "set_ctx_defaults" | "set_client_defaults"
            ]
        );
        if is_defaults {
            versions(&code, c.open, c.close, DEFAULTS, &mut defaults);
        }
    }
    let has_defaults = defaults.iter().any(|i| i.effect != Effect::Declare);
    let mut usages = Vec::new();
    for c in &calls {
        let names = code.path_names(&c.path);
        let Some((&method, class)) = names.split_last() else {
            continue;
        };
        let Some(class) = class_of(&class.join("::")) else {
            continue;
        };
        let Some(span) = code.span(c.path.start, c.close + 1) else {
            continue;
        };
        let off = code.tok(c.path.start).map_or(0, |t| t.start);
        let binding = synthetic(file, "ssl", off);
        match (class, method) {
            (Class::IoSocketSsl, "start_SSL" | "start_ssl") => {
                // Upgrades a socket opened elsewhere: a setting, no usage.
                versions(&code, c.open, c.close, &binding, &mut items);
                continue;
            }
            (_, "new") => {}
            _ => continue,
        }
        let mut found = versions(&code, c.open, c.close, &binding, &mut items);
        let var = result_var(&code, c.path.start);
        let starttls = var.as_deref().and_then(|v| {
            calls.iter().find(|s| {
                let n = code.path_names(&s.path);
                n.len() == 2 && n[0] == v && n[1] == "starttls"
            })
        });
        if let Some(s) = starttls {
            if matches!(class, Class::Smtp | Class::Pop3) {
                found |= versions(&code, s.open, s.close, &binding, &mut items);
            }
        }
        let binding = if found {
            Some(binding)
        } else {
            has_defaults.then(|| DEFAULTS.to_owned())
        };
        if let Some(u) = usage(&code, c, class, span, starttls.is_some(), binding) {
            usages.push(u);
        }
    }
    let mut facts = setting_facts(file, CLIENT, &items);
    for mut f in setting_facts(file, CLIENT, &defaults) {
        f.scope = Some("process".to_owned());
        facts.push(f);
    }
    for u in &usages {
        facts.push(usage_fact(file, u));
    }
    Ok(facts)
}

/// The variable a call's result is assigned to (`my $smtp = Net::SMTP->new`).
fn result_var(code: &Code<'_>, start: usize) -> Option<String> {
    let eq = start.checked_sub(1)?;
    if !code.is_punct(eq, "=") {
        return None;
    }
    let v = eq.checked_sub(1)?;
    code.name(v)
        .filter(|n| n.starts_with('$'))
        .map(str::to_owned)
}

/// The `SSL_version` strings between two brackets: true when one was found.
fn versions(
    code: &Code<'_>,
    open: usize,
    close: usize,
    binding: &str,
    items: &mut Vec<Item>,
) -> bool {
    let mut found = false;
    for j in open + 1..close {
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
        let Some(effects) = parse_version(value) else {
            continue;
        };
        for effect in effects {
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

/// One item of the list: `Some(Some(v))` a version, `Some(None)` the
/// negotiating `SSLv23`, None not accepted by IO::Socket::SSL.
fn one(v: &str) -> Option<Option<&'static str>> {
    Some(Some(match v.to_ascii_lowercase().as_str() {
        "sslv23" | "sslv2/3" => return Some(None),
        "sslv2" => "ssl2",
        "sslv3" => "ssl3",
        "tlsv1" => "1.0",
        "tlsv1_1" | "tlsv11" => "1.1",
        "tlsv1_2" | "tlsv12" => "1.2",
        "tlsv1_3" | "tlsv13" => "1.3",
        _ => return None,
    }))
}

/// IO::Socket::SSL's `SSL_version` list (`:`-separated, `!` excludes);
/// None when IO::Socket::SSL would reject it.
fn parse_version(value: &str) -> Option<Vec<Effect>> {
    let mut out = vec![Effect::Declare];
    let mut handshake: Option<Option<&'static str>> = None;
    for p in value.split(':').map(str::trim) {
        if let Some(off) = p.strip_prefix('!') {
            if let Some(v) = one(off)? {
                out.push(Effect::Disable(v));
            }
            continue;
        }
        let v = one(p)?;
        if handshake.is_some_and(|h| h != v) {
            return None;
        }
        handshake = Some(v);
    }
    if let Some(Some(v)) = handshake {
        out.push(Effect::Pin(v));
    }
    Some(out)
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
    class: Class,
    span: (usize, usize),
    starttls_call: bool,
    binding: Option<String>,
) -> Option<Usage> {
    let first = c.args.iter().find(|a| a.key.is_none());
    let hostport = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| text_value(code, named(code, c, k)))
            .or_else(|| text_value(code, first))
    };
    let port_of = |k: &str| text_value(code, named(code, c, k)).and_then(|p| p.parse::<u16>().ok());
    let is = |k: &str| truthy(code, named(code, c, k));
    let (client, protocol, mode, host, port) = match class {
        Class::IoSocketSsl => {
            let (h, p) = split_host_port(&hostport(&["PeerAddr", "PeerHost"])?);
            let port = port_of("PeerPort").or(p)?;
            let (protocol, _) = port_defaults(port)?;
            (CLIENT, protocol, TlsMode::Implicit, h, Some(port))
        }
        Class::ImapClient => {
            let (h, p) = split_host_port(&hostport(&["Server"]).unwrap_or_default());
            let ssl = is("Ssl");
            let mode = if ssl {
                TlsMode::Implicit
            } else if is("Starttls") {
                TlsMode::Starttls
            } else {
                TlsMode::None
            };
            let port = port_of("Port").or(p).or(Some(if ssl { 993 } else { 143 }));
            ("perl-mail-imapclient", Protocol::Imap, mode, h, port)
        }
        Class::ImapSimple => {
            let (h, p) = split_host_port(&hostport(&[]).unwrap_or_default());
            // `ssl_version` and `find_ssl_defaults` switch `use_ssl` on.
            let ssl = is("use_ssl")
                || is("ssl_version")
                || is("find_ssl_defaults")
                || code.path_names(&c.path).last() == Some(&"SSL");
            let mode = if ssl {
                TlsMode::Implicit
            } else if starttls_call {
                TlsMode::Starttls
            } else {
                TlsMode::None
            };
            let port = p.or(port_of("port")).or(Some(if ssl { 993 } else { 143 }));
            ("perl-net-imap-simple", Protocol::Imap, mode, h, port)
        }
        Class::Smtp | Class::Pop3 => {
            let (h, p) = split_host_port(&hostport(&["Host"]).unwrap_or_default());
            let ssl = is("SSL");
            let mode = if ssl {
                TlsMode::Implicit
            } else if starttls_call {
                TlsMode::Starttls
            } else {
                TlsMode::None
            };
            let (client, protocol, plain, implicit) = if class == Class::Smtp {
                ("perl-net-smtp", Protocol::Smtp, 25, 465)
            } else {
                ("perl-net-pop3", Protocol::Pop3, 110, 995)
            };
            let port = port_of("Port")
                .or(p)
                .or(Some(if ssl { implicit } else { plain }));
            (client, protocol, mode, h, port)
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
    fn version_grammar_follows_io_socket_ssl() {
        let pin = |v: &str| {
            parse_version(v).map(|e| {
                e.into_iter()
                    .filter(|x| *x != Effect::Declare)
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(pin("TLSv11"), Some(vec![Effect::Pin("1.1")]));
        assert_eq!(pin("tlsv1"), Some(vec![Effect::Pin("1.0")]));
        assert_eq!(pin("SSLv2/3:!SSLv2"), Some(vec![Effect::Disable("ssl2")]));
        // Rejected by IO::Socket::SSL (croaks): no setting.
        assert_eq!(pin("TLSv1.1"), None);
        assert_eq!(pin("TLS"), None);
        assert_eq!(pin("TLSv1:TLSv1_2"), None);
        assert_eq!(pin("TLSv1_2:TLSv1_2"), Some(vec![Effect::Pin("1.2")]));
    }

    #[test]
    fn global_defaults_reach_clients_without_their_own() {
        let f = facts("IO::Socket::SSL::set_client_defaults(SSL_version => 'TLSv1');\nmy $pop = Net::POP3->new('pop.example.com', SSL => 1);\nmy $smtp = Net::SMTP->new('smtp.example.com', Port => 587);\n$smtp->starttls(SSL_version => 'TLSv1_2');\n");
        let s = f
            .iter()
            .find(|x| x.scope.as_deref() == Some("process"))
            .expect("defaults");
        let pop = f
            .iter()
            .find(|x| x.client.as_deref() == Some("perl-net-pop3"))
            .expect("pop");
        assert_eq!(pop.binding, s.binding);
        assert_eq!(pop.port, Some(995));
        let smtp = f
            .iter()
            .find(|x| x.client.as_deref() == Some("perl-net-smtp"))
            .expect("smtp");
        assert_eq!(smtp.tls_mode, Some(TlsMode::Starttls));
        assert_ne!(smtp.binding, s.binding);
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
