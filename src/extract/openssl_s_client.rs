//! The `openssl s_client` scan: TLS test connections to mail servers in any
//! text file (Makefile targets, health checks, monitoring scripts, cron
//! jobs, CI steps).
//!
//! `openssl s_client` is a mail `connection` (client `openssl-s-client`)
//! when `-starttls` names a mail protocol (`imap`, `pop3`, `smtp`: TLS mode
//! STARTTLS) or, without `-starttls`, the port is a mail port (993, 995,
//! 465 and the plain-text ports 143, 110, 587, 25: TLS mode implicit, as
//! s_client starts TLS at once). Anything else (`-connect host:443`,
//! `-starttls ftp`, DTLS) is not mail. The target is `-connect host:port`,
//! the positional `host:port` (OpenSSL 3.x) or `-host`/`-port`; when its
//! host is an IP address or a variable, `-servername` names the host.
//! `$VAR`s are resolved from earlier assignments.
//!
//! Versions follow `openssl(1)` "TLS Version Options" and
//! `SSL_CONF_cmd(3)`:
//! - `-ssl3`, `-tls1`, `-tls1_1`, `-tls1_2`, `-tls1_3` allow exactly that
//!   version (the last one wins);
//! - `-min_protocol`/`-max_protocol` (OpenSSL 1.1.0+; `TLSv1` ... `TLSv1.3`,
//!   `None`) bound the range;
//! - `-no_tls1`, `-no_tls1_1`, `-no_tls1_2`, `-no_tls1_3` switch versions
//!   off, and OpenSSL negotiates only the lowest contiguous run of what is
//!   left (`version_gaps::lowest_run`), so `-no_tls1_2` alone caps at TLS
//!   1.1. The floor without a minimum is taken as TLS 1.0 (SSLv3 is off by
//!   default since OpenSSL 1.1.0) and reported as unknown unless the options
//!   raise it; likewise the cap is reported only when the options lower it.
//! - No version option: the range is unknown (it depends on the OpenSSL
//!   version and its configuration).
//!
//! Location: the option that sets the range's cap (else its floor), or the
//! target when no version option is given.

use crate::classify::CommentStyle;
use crate::extract::common::evidence::line_evidence;
use crate::extract::common::openssl_protocols::protocol_name;
use crate::extract::common::redact::redact;
use crate::extract::common::shell_words::{self, Assignments, FileKind, Word};
use crate::extract::common::tls_version::VersionSet;
use crate::extract::common::{mail_url, version_gaps};
use crate::facts::{Fact, FactKind, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;

/// Prefilter keywords (ASCII case-insensitive substrings).
pub const KEYWORDS: &[&str] = &["s_client"];

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "`openssl s_client` to mail ports or with `-starttls imap`/`pop3`/`smtp` in any file: `-connect`/positional target/`-host`/`-port`, `-servername`, `-tls1*`/`-ssl3` (exact), `-no_tls1*` (contiguous run), `-min_protocol`/`-max_protocol`; commented-out lines skipped";

/// The `client` of the facts.
pub const CLIENT: &str = "openssl-s-client";

/// Options taking an argument (s_client, SSL_CONF, verification, trust,
/// provider and engine options).
const WITH_ARG: &[&str] = &[
    "-connect",
    "-host",
    "-port",
    "-bind",
    "-proxy",
    "-proxy_user",
    "-proxy_pass",
    "-unix",
    "-servername",
    "-verify",
    "-verifyCAfile",
    "-verifyCApath",
    "-verifyCAstore",
    "-cert",
    "-certform",
    "-cert_chain",
    "-CRL",
    "-CRLform",
    "-key",
    "-keyform",
    "-pass",
    "-chainCAfile",
    "-chainCApath",
    "-chainCAstore",
    "-requestCAfile",
    "-dane_tlsa_domain",
    "-dane_tlsa_rrdata",
    "-mtu",
    "-keymatexport",
    "-keymatexportlen",
    "-msgfile",
    "-psk_identity",
    "-psk",
    "-psk_session",
    "-maxfraglen",
    "-max_send_frag",
    "-split_send_frag",
    "-max_pipelines",
    "-read_buf",
    "-sigalgs",
    "-client_sigalgs",
    "-curves",
    "-groups",
    "-named_curve",
    "-cipher",
    "-ciphersuites",
    "-starttls",
    "-name",
    "-xmpphost",
    "-sess_out",
    "-sess_in",
    "-serverinfo",
    "-alpn",
    "-nextprotoneg",
    "-ctlogfile",
    "-keylogfile",
    "-early_data",
    "-use_srtp",
    "-srpuser",
    "-srppass",
    "-srp_strength",
    "-ssl_config",
    "-CAfile",
    "-CApath",
    "-CAstore",
    "-rand",
    "-writerand",
    "-engine",
    "-ssl_client_engine",
    "-provider",
    "-provider-path",
    "-propquery",
    "-nameopt",
    "-xkey",
    "-xcert",
    "-xchain",
    "-xcertform",
    "-xkeyform",
    "-min_protocol",
    "-max_protocol",
    "-record_padding",
    "-verify_depth",
    "-verify_hostname",
    "-verify_email",
    "-verify_ip",
    "-purpose",
    "-policy",
    "-attime",
    "-auth_level",
    "-verify_name",
    "-ech_config_list",
    "-ech_outer_sni",
    "-ech_outer_alpn",
    "-ech_select",
    "-ech_grease_suite",
    "-ech_grease_type",
    "-sni",
    "-tlsextdebug_file",
];

/// A word of the command and its resolved text.
struct Arg<'w> {
    word: &'w Word,
    text: String,
    used: Vec<(usize, usize)>,
}

/// The options of one `openssl s_client` command.
#[derive(Default)]
struct Options<'w> {
    connect: Option<Arg<'w>>,
    host: Option<Arg<'w>>,
    port: Option<Arg<'w>>,
    positional: Option<Arg<'w>>,
    servername: Option<Arg<'w>>,
    starttls: Option<(&'w Word, String)>,
    exact: Option<(&'static str, &'w Word)>,
    min_protocol: Option<(Option<&'static str>, &'w Word, &'w Word)>,
    max_protocol: Option<(Option<&'static str>, &'w Word, &'w Word)>,
    no: Vec<(&'static str, &'w Word)>,
    dtls: bool,
}

/// Scans `file` for `openssl s_client` commands.
pub fn scan(file: &SourceFile, comments: CommentStyle, _known: &[Fact]) -> Vec<Fact> {
    let commands = shell_words::file_commands(file, comments);
    let mut assigns = shell_words::assignments(&commands, file.text);
    if FileKind::of(file.path) == FileKind::Makefile {
        assigns.extend(shell_words::make_assignments(file));
    }
    let assigns = Assignments::new(assigns);
    let mut facts = Vec::new();
    for command in &commands {
        let words = &command.words;
        let Some(p) = shell_words::find_program(words, &["openssl"]) else {
            continue;
        };
        if words.get(p + 1).map(|w| w.text.as_str()) != Some("s_client") {
            continue;
        }
        let options = read_options(words.get(p + 2..).unwrap_or(&[]), &assigns);
        if let Some(fact) = connection(file, &words[p], &options) {
            facts.push(fact);
        }
    }
    facts
}

fn arg<'w>(word: &'w Word, assigns: &Assignments) -> Arg<'w> {
    let r = shell_words::resolve(word, assigns);
    Arg {
        word,
        text: r.text,
        used: r
            .used
            .iter()
            .map(|a| (a.value.start, a.value.end))
            .collect(),
    }
}

fn read_options<'w>(args: &'w [Word], assigns: &Assignments) -> Options<'w> {
    let mut o = Options::default();
    let mut i = 0;
    while let Some(w) = args.get(i) {
        let t = w.text.as_str();
        let exact = match t {
            "-ssl3" => Some("ssl3"),
            "-tls1" => Some("1.0"),
            "-tls1_1" => Some("1.1"),
            "-tls1_2" => Some("1.2"),
            "-tls1_3" => Some("1.3"),
            _ => None,
        };
        if let Some(v) = exact {
            o.exact = Some((v, w));
            i += 1;
            continue;
        }
        let no = match t {
            "-no_ssl3" => Some("ssl3"),
            "-no_tls1" => Some("1.0"),
            "-no_tls1_1" => Some("1.1"),
            "-no_tls1_2" => Some("1.2"),
            "-no_tls1_3" => Some("1.3"),
            _ => None,
        };
        if let Some(v) = no {
            o.no.push((v, w));
            i += 1;
            continue;
        }
        if matches!(t, "-dtls" | "-dtls1" | "-dtls1_2") {
            o.dtls = true;
        }
        if t.starts_with('-') && WITH_ARG.contains(&t) {
            let Some(value) = args.get(i + 1) else { break };
            match t {
                "-connect" => o.connect = Some(arg(value, assigns)),
                "-host" => o.host = Some(arg(value, assigns)),
                "-port" => o.port = Some(arg(value, assigns)),
                "-servername" => o.servername = Some(arg(value, assigns)),
                "-starttls" => o.starttls = Some((value, value.text.to_ascii_lowercase())),
                "-min_protocol" | "-max_protocol" => {
                    let v = if value.text.eq_ignore_ascii_case("none") {
                        None
                    } else {
                        match protocol_name(&value.text) {
                            Some(v) => Some(v),
                            // OpenSSL refuses other values.
                            None => {
                                i += 2;
                                continue;
                            }
                        }
                    };
                    if t == "-min_protocol" {
                        o.min_protocol = Some((v, w, value));
                    } else {
                        o.max_protocol = Some((v, w, value));
                    }
                }
                _ => {}
            }
            i += 2;
            continue;
        }
        if !t.starts_with('-') {
            o.positional = Some(arg(w, assigns));
        }
        i += 1;
    }
    o
}

fn is_ip(host: &str) -> bool {
    host.parse::<std::net::IpAddr>().is_ok()
}

/// The connection fact of one command, if it is a mail connection.
fn connection(file: &SourceFile, program: &Word, o: &Options<'_>) -> Option<Fact> {
    if o.dtls {
        return None;
    }
    // The target: -connect, else the positional argument, else -host/-port.
    let target = o.connect.as_ref().or(o.positional.as_ref());
    let (mut host, mut port) = target.map_or((None, None), |t| mail_url::split_host_port(&t.text));
    let mut host_arg = target;
    if target.is_none() {
        host = o
            .host
            .as_ref()
            .and_then(|h| mail_url::split_host_port(&h.text).0);
        host_arg = o.host.as_ref();
    }
    if port.is_none() {
        port = o.port.as_ref().and_then(|p| p.text.trim().parse().ok());
    }
    if host.as_deref().is_none_or(is_ip) {
        if let Some(s) = &o.servername {
            if let (Some(name), _) = mail_url::split_host_port(&s.text) {
                host = Some(name);
                host_arg = Some(s);
            }
        }
    }
    let (protocol, mode) = match &o.starttls {
        Some((_, proto)) => (
            match proto.as_str() {
                "imap" => Protocol::Imap,
                "pop3" => Protocol::Pop3,
                "smtp" => Protocol::Smtp,
                _ => return None,
            },
            TlsMode::Starttls,
        ),
        None => (mail_url::port_defaults(port?)?.0, TlsMode::Implicit),
    };
    let target_span = target
        .or(o.host.as_ref())
        .map_or_else(|| span_of(program, program), |t| span_of(t.word, t.word));
    let (tls, primary, others) = range(o);
    let place = primary.unwrap_or(target_span);
    let location = file.location(place.0, place.1);
    let mut related = Vec::new();
    match (&host, host_arg) {
        (Some(h), Some(a)) => {
            // Where the host is written: an assignment the argument used,
            // or the argument itself.
            let (s, e) = a
                .used
                .iter()
                .rev()
                .find(|&&(s, e)| {
                    file.text
                        .get(s..e)
                        .is_some_and(|v| v.to_ascii_lowercase().contains(h.as_str()))
                })
                .copied()
                .unwrap_or((a.word.start, a.word.end));
            related.push(Related::new(
                "host",
                file.location(s, e),
                redact(&format!("Host {h}")),
            ));
        }
        _ => related.push(Related::new(
            "declaration",
            file.location(target_span.0, target_span.1),
            line_evidence(file, target_span.0, target_span.1),
        )),
    }
    for (span, text) in others {
        if span != place {
            related.push(Related::new(
                "version",
                file.location(span.0, span.1),
                redact(&text),
            ));
        }
    }
    if let Some((w, _)) = &o.starttls {
        related.push(Related::new(
            "tls_mode",
            file.location(w.start, w.end),
            redact(&format!("-starttls {}", w.text)),
        ));
    }
    let program_location = file.location(program.start, program.end);
    if program_location.line != location.line {
        related.push(Related::new(
            "declaration",
            program_location,
            line_evidence(file, program.start, program.end),
        ));
    }
    let mut fact = Fact::new(
        FactKind::Connection,
        location,
        line_evidence(file, place.0, place.1),
    );
    fact.client = Some(CLIENT.to_owned());
    fact.protocol = Some(protocol);
    fact.host = host;
    fact.port = port;
    fact.tls_mode = Some(mode);
    fact.tls = Some(tls);
    fact.related = related;
    Some(fact)
}

/// A byte range of the file.
type Span = (usize, usize);

fn span_of(first: &Word, last: &Word) -> Span {
    (first.start, last.end.max(first.start))
}

/// The range, the place of the option that decides it, and the places
/// and texts of every version option.
fn range(o: &Options<'_>) -> (TlsRange, Option<Span>, Vec<(Span, String)>) {
    let mut all = Vec::new();
    if let Some((_, w)) = o.exact {
        all.push((span_of(w, w), w.text.clone()));
    }
    for (_, name, value) in [o.min_protocol, o.max_protocol].into_iter().flatten() {
        all.push((
            span_of(name, value),
            format!("{} {}", name.text, value.text),
        ));
    }
    for (_, w) in &o.no {
        all.push((span_of(w, w), w.text.clone()));
    }
    all.sort_by_key(|(l, _)| *l);
    if let Some((v, w)) = o.exact {
        return (
            TlsRange::explicit(Some(v), Some(v)),
            Some(span_of(w, w)),
            all,
        );
    }
    if o.min_protocol.is_none() && o.max_protocol.is_none() && o.no.is_empty() {
        return (TlsRange::unknown(), None, all);
    }
    let mut set = VersionSet::between("1.0", "1.3");
    if let Some((Some(min), _, _)) = o.min_protocol {
        set = VersionSet::between(min, "1.3");
    }
    if let Some((Some(max), _, _)) = o.max_protocol {
        let lo = match o.min_protocol {
            Some((Some(min), _, _)) => min,
            _ => "1.0",
        };
        set = intersect(set, VersionSet::between(lo, max));
    }
    for (v, _) in &o.no {
        set.set(v, false);
    }
    let Some(span) = version_gaps::lowest_run(&set) else {
        // Nothing left: the handshake cannot succeed; no range to report.
        return (TlsRange::unknown(), all.first().map(|a| a.0), all);
    };
    let min_given = matches!(o.min_protocol, Some((Some(_), _, _)));
    let max_given = matches!(o.max_protocol, Some((Some(_), _, _)));
    let min = (min_given || span.min != "1.0").then_some(span.min);
    let max = (max_given || span.max != "1.3").then_some(span.max);
    if min.is_none() && max.is_none() {
        return (TlsRange::unknown(), all.first().map(|a| a.0), all);
    }
    // The option behind the cap: -max_protocol, else the -no_ flag of the
    // version just above the cap; else the one behind the floor.
    let cap = max.and_then(|m| {
        if let Some((_, name, value)) = o.max_protocol.filter(|m| m.0.is_some()) {
            return Some(span_of(name, value));
        }
        let above = crate::extract::common::tls_version::rank(m).map(|r| r + 1)?;
        let v = crate::extract::common::tls_version::ORDER.get(above)?;
        o.no.iter()
            .find(|(n, _)| n == v)
            .map(|(_, w)| span_of(w, w))
    });
    let floor = || {
        o.min_protocol
            .filter(|m| m.0.is_some())
            .map(|(_, name, value)| span_of(name, value))
            .or_else(|| o.no.first().map(|(_, w)| span_of(w, w)))
    };
    let primary = cap.or_else(floor);
    (TlsRange::explicit(min, max), primary, all)
}

fn intersect(a: VersionSet, b: VersionSet) -> VersionSet {
    let mut out = VersionSet::empty();
    for v in crate::extract::common::tls_version::ORDER {
        if a.contains(v) && b.contains(v) {
            out.set(v, true);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::range as tls;
    use crate::facts::Basis;

    fn scan_text(path: &str, text: &str) -> Vec<Fact> {
        crate::extract::test_support::scan_text(scan, path, text)
    }

    fn one(line: &str) -> Fact {
        let f = scan_text("a.sh", line);
        assert_eq!(f.len(), 1, "{line}");
        f.into_iter().next().unwrap_or_else(|| panic!())
    }

    #[test]
    fn exact_versions_and_implicit_ports() {
        let text =
            "check:\n\topenssl s_client -connect outlook.office365.com:995 -tls1 </dev/null\n";
        let f = scan_text("Makefile", text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].protocol, Some(Protocol::Pop3));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].port, Some(995));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(tls(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
        assert_eq!((f[0].location.line, f[0].location.column), (2, 54));
    }

    #[test]
    fn starttls_and_non_mail() {
        let f = one("echo QUIT | openssl s_client -starttls smtp -connect smtp.office365.com:587 -tls1_2 2>/dev/null");
        assert_eq!(f.protocol, Some(Protocol::Smtp));
        assert_eq!(f.tls_mode, Some(TlsMode::Starttls));
        assert_eq!(tls(&f), (Some("1.2"), Some("1.2"), Basis::Explicit));
        assert!(scan_text(
            "a.sh",
            "openssl s_client -connect www.example.com:443 -tls1\n"
        )
        .is_empty());
        assert!(scan_text("a.sh", "openssl s_client -starttls ftp -connect h:21\n").is_empty());
        assert!(scan_text("a.sh", "openssl s_client -dtls1 -connect h:993\n").is_empty());
        assert!(scan_text("a.sh", "openssl x509 -in c.pem -connect h:993\n").is_empty());
        let f = one("openssl s_client -connect outlook.office365.com:993");
        assert_eq!(tls(&f), (None, None, Basis::Unknown));
        assert_eq!(f.location.column, 27);
    }

    #[test]
    fn no_flags_follow_the_contiguous_run() {
        for (opts, want) in [
            (
                "-no_tls1_2 -no_tls1_3",
                (None, Some("1.1"), Basis::Explicit),
            ),
            ("-no_tls1_2", (None, Some("1.1"), Basis::Explicit)),
            ("-no_tls1 -no_tls1_1", (Some("1.2"), None, Basis::Explicit)),
            ("-no_ssl3", (None, None, Basis::Unknown)),
            (
                "-min_protocol TLSv1 -max_protocol TLSv1.1",
                (Some("1.0"), Some("1.1"), Basis::Explicit),
            ),
            (
                "-max_protocol tlsv1.2",
                (None, Some("1.2"), Basis::Explicit),
            ),
            (
                "-min_protocol TLSv1.2 -max_protocol None",
                (Some("1.2"), None, Basis::Explicit),
            ),
        ] {
            let f = one(&format!("openssl s_client -connect h:993 {opts}"));
            assert_eq!(tls(&f), want, "{opts}");
        }
        let f = one("openssl s_client -connect h:993 -no_tls1_3 -no_tls1_2");
        let l = f.location;
        assert_eq!(l.column, 44, "the -no_tls1_2 flag caps the range");
    }

    #[test]
    fn targets_servername_and_variables() {
        let f = one(
            "openssl s_client -servername outlook.office365.com -connect 40.97.1.1:993 -tls1_1",
        );
        assert_eq!(f.host.as_deref(), Some("outlook.office365.com"));
        let f = one("openssl s_client -host imap.example.com -port 993");
        assert_eq!(
            (f.host.as_deref(), f.port),
            (Some("imap.example.com"), Some(993))
        );
        let f = one("openssl s_client -tls1 pop.example.com:995");
        assert_eq!(f.port, Some(995));
        let text =
            "SERVER=imap-legacy.office365.com\nopenssl s_client -connect \"$SERVER:993\" -tls1\n";
        let f = scan_text("a.sh", text);
        assert_eq!(f[0].host.as_deref(), Some("imap-legacy.office365.com"));
        let host = f[0]
            .related
            .iter()
            .find(|r| r.role == "host")
            .unwrap_or_else(|| panic!());
        assert_eq!(host.line, 1);
        assert!(scan_text("a.sh", "# openssl s_client -connect h:993 -tls1\n").is_empty());
    }

    #[test]
    fn no_panic_on_garbage() {
        for text in [
            "openssl s_client",
            "openssl s_client -connect",
            "openssl s_client -min_protocol",
            "openssl s_client -connect :",
            "openssl s_client -connect [::1",
            "openssl s_client -starttls",
        ] {
            let _ = scan_text("a.sh", text);
        }
    }
}
