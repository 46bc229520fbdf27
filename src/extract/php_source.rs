//! PHP source: stream context TLS settings, TLS stream transports, and the
//! mail clients (`imap_open`, PHPMailer, raw `stream_socket_client`) using
//! them.
//!
//! The file is read with the shared code lexer, so comments, heredoc text
//! and inline HTML are never settings.
//!
//! Facts:
//! - `tls_setting` (client `php-stream`, scope `call`) for every array entry
//!   `'crypto_method' => ...`, `'min_proto_version' => ...`,
//!   `'max_proto_version' => ...` (one per array), and for every
//!   `stream_socket_enable_crypto($s, true, METHOD)` and
//!   `stream_context_set_option($ctx, 'ssl', 'crypto_method', METHOD)`.
//! - `connection` (client `php-stream`) for `stream_socket_client` /
//!   `fsockopen` with a literal `transport://host:port` URL on a mail port
//!   whose transport is TLS (`ssl://`, `tls://`, `tlsv1.x://`, `sslv3://`).
//! - `mail_usage` (client `php-stream`) for such a call with `tcp://` (or
//!   no transport) on a mail port; STARTTLS when the file enables crypto
//!   on the returned stream.
//! - `connection` (client `php-imap`) for `imap_open` with a literal
//!   mailbox `{host:port/flags}`; `mail_usage` when the mailbox is not a
//!   literal.
//! - `mail_usage` (client `phpmailer`) per object that gets `->Host`,
//!   `->SMTPSecure`, `->SMTPOptions` or is `new PHPMailer`.
//! - `mail_usage` (client `symfony-mailer`) per Symfony Mailer transport
//!   (`Transport::fromDsn('smtp://…')`, `new EsmtpTransport(…)`), bound to
//!   the transport when its stream gets `setStreamOptions([...])`
//!   ([`symfony`]); DSN options never set TLS versions.
//!
//! Decisions:
//! - Crypto constants: `STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT` = 1.0 (and
//!   1.1, 1.2, 1.3, `SSLv3`, `SSLv2`); OR-ed constants give the span of the
//!   versions named. `STREAM_CRYPTO_METHOD_TLS_CLIENT` means TLS 1.0 only
//!   on PHP 5.6.7-7.1 and TLS 1.0-1.2 (1.3 from 7.4) on 7.2+; `ANY` and
//!   `SSLv23` negotiate: the file does not say the PHP version, so such a
//!   constant alone gives an unknown range (with a related note for
//!   `TLS`), and caps nothing when combined with explicit ones.
//!   `STREAM_CRYPTO_PROTO_TLSv1_x` constants in `min_proto_version` /
//!   `max_proto_version` set the bounds.
//! - Transports (PHP manual, transports.inet): `tlsv1.0://` .. `tlsv1.3://`
//!   and `sslv3://` pin one version; `ssl://` negotiates (any TLS since PHP
//!   5.6.7) and `tls://` follows the PHP version like
//!   `STREAM_CRYPTO_METHOD_TLS_CLIENT` (both an unknown range).
//! - `imap_open` flags: `/ssl` implicit (default port 993, POP3 995),
//!   `/tls` STARTTLS, `/notls` none, neither: STARTTLS when offered
//!   (c-client's default, reported as STARTTLS). Upstream UW c-client uses
//!   `TLSv1_client_method` (TLS 1.0 only) for `/tls`, but distributions
//!   built against OpenSSL 1.1+ (Debian's patch, followed by most) use the
//!   negotiating method; the file does not say which library PHP was built
//!   with, so the range is unknown, with a related note.
//! - PHPMailer: `SMTPSecure = 'ssl'`/`ENCRYPTION_SMTPS` implicit, `'tls'`/
//!   `ENCRYPTION_STARTTLS` STARTTLS, none given: STARTTLS when offered
//!   (`SMTPAutoTLS`, default on), else none; port default 25. Its
//!   `SMTP::startTLS()` calls `stream_socket_enable_crypto()` with its own
//!   method (`TLS_CLIENT | TLSv1_1 | TLSv1_2`), which takes precedence over
//!   the context's `crypto_method`, so `SMTPOptions` bind to the mailer
//!   only for the implicit-TLS (`ssl://`) connection.
//! - Bindings: the variable the options array or context is assigned to
//!   (`$ctx`, `$opts` for `stream_context_create($opts)`, the PHPMailer
//!   object for `$mail->SMTPOptions`), else a synthetic `options@LINE:COL`.
//! - A heredoc, string or comment that never ends spanning lines is an
//!   error.

use crate::extract::common::code_lexer::{spec, Code, Kind};
use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{normalize, rank, ORDER};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeMap, HashMap};

/// Extracts `tls_setting`, `connection` and `mail_usage` facts from PHP.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::PHP);
    if let Some(offset) = code.unterminated() {
        let (line, _) = file.position(offset);
        return Err(ExtractError::new(
            "a heredoc, string or comment never ends",
            Some(line),
        ));
    }
    let php = Php { file, code: &code };
    Ok(php.facts())
}

struct Php<'a, 'b> {
    file: &'b SourceFile<'a>,
    code: &'b Code<'a>,
}

/// What a crypto constant says.
enum Crypto {
    Version(&'static str),
    /// Negotiates (`ANY`, `SSLv23`), or depends on the PHP version (`TLS`:
    /// true).
    Open(bool),
}

fn crypto_constant(name: &str) -> Option<Crypto> {
    let rest = name
        .strip_prefix("STREAM_CRYPTO_METHOD_")
        .or_else(|| name.strip_prefix("STREAM_CRYPTO_PROTO_"))?;
    let base = rest
        .strip_suffix("_CLIENT")
        .or_else(|| rest.strip_suffix("_SERVER"))
        .unwrap_or(rest);
    Some(match base {
        "TLS" => Crypto::Open(true),
        "ANY" | "SSLv23" | "TLS_ANY" => Crypto::Open(false),
        other => Crypto::Version(normalize(other)?),
    })
}

/// The range of an OR of crypto constants in `s..e`, the first constant's
/// token, and whether a version-dependent constant was seen.
fn crypto_range(code: &Code<'_>, s: usize, e: usize) -> Option<(TlsRange, usize, bool)> {
    let mut lo: Option<usize> = None;
    let mut hi: Option<usize> = None;
    let mut open = false;
    let mut negotiates = false;
    let mut first = None;
    for i in s..e {
        let Some(name) = code.name(i) else { continue };
        let name = name.trim_start_matches('\\');
        let Some(c) = crypto_constant(name) else {
            continue;
        };
        first.get_or_insert(i);
        match c {
            Crypto::Version(v) => {
                let r = rank(v)?;
                lo = Some(lo.map_or(r, |l| l.min(r)));
                hi = Some(hi.map_or(r, |h| h.max(r)));
            }
            Crypto::Open(dependent) => {
                open |= dependent;
                negotiates = true;
            }
        }
    }
    let first = first?;
    let name = |r: Option<usize>| r.and_then(|r| ORDER.get(r).copied());
    let range = match (lo, open || negotiates) {
        (None, _) => TlsRange::unknown(),
        (Some(_), true) => TlsRange::explicit(name(lo), None),
        (Some(_), false) => TlsRange::explicit(name(lo), name(hi)),
    };
    Some((range, first, open))
}

const OPEN_NOTE: &str = "STREAM_CRYPTO_METHOD_TLS_CLIENT and tls:// mean TLS 1.0 only on PHP 5.6.7-7.1 and TLS 1.0 and later on PHP 7.2+; the file does not say the PHP version";

impl<'a, 'b> Php<'a, 'b> {
    fn facts(&self) -> Vec<Fact> {
        let mut facts = Vec::new();
        let code = self.code;
        let assigns = code.assignments();
        // `$ctx = stream_context_create($opts)` -> $ctx is $opts.
        let mut ctx_alias: HashMap<String, String> = HashMap::new();
        for a in &assigns {
            let (s, e) = a.value;
            if code.is_ident(s, "stream_context_create") && code.is_punct(s + 1, "(") {
                if let Some(arg) = code.call(s + 1).and_then(|c| c.args.first().copied()) {
                    if let Some(t) = arg.single() {
                        if code.kind(t) == Some(Kind::Ident) {
                            ctx_alias.insert(code.path_text(&a.target), code.text(t).to_owned());
                        }
                    }
                }
                let _ = e;
            }
        }
        let resolve = |name: &str| ctx_alias.get(name).cloned().unwrap_or(name.to_owned());

        // Options arrays.
        for i in 0..code.len() {
            if !(code.is_punct(i, "[")
                || code.is_punct(i, "(") && i > 0 && code.is_ident(i - 1, "array"))
            {
                continue;
            }
            let items = self.items(i);
            let mut found: Vec<(&str, (usize, usize))> = Vec::new();
            for (k, v) in &items {
                if let Some(k) = k.and_then(|k| code.str_value(k)) {
                    if matches!(
                        k,
                        "crypto_method" | "min_proto_version" | "max_proto_version"
                    ) {
                        found.push((k, *v));
                    }
                }
            }
            if found.is_empty() {
                continue;
            }
            let mut min = None;
            let mut max = None;
            let mut unknown = true;
            let mut open_seen = false;
            let mut primary = None;
            for (k, (s, e)) in &found {
                let Some((r, tok, open)) = crypto_range(code, *s, *e) else {
                    continue;
                };
                open_seen |= open;
                if r.min.is_some() || r.max.is_some() {
                    unknown = false;
                }
                match *k {
                    "crypto_method" => {
                        min = r.min.clone().or(min);
                        max = r.max.clone().or(max);
                    }
                    "min_proto_version" => min = r.min.clone().or(min),
                    _ => max = r.max.clone().or(max),
                }
                if primary.is_none() || *k == "max_proto_version" {
                    primary = Some((*k, tok, *s, *e));
                }
            }
            let Some((key, tok, s, e)) = primary else {
                continue;
            };
            let tls = if unknown {
                TlsRange::unknown()
            } else {
                TlsRange::explicit(min.as_deref(), max.as_deref())
            };
            let binding = self.array_binding(i).map(|b| resolve(&b));
            let mut fact = self.setting(
                tok,
                key,
                (s, e),
                tls,
                binding.unwrap_or_else(|| self.synthetic(i)),
            );
            if open_seen {
                let l = self.loc(tok, tok + 1);
                fact.related.push(Related::new("version", l, OPEN_NOTE));
            }
            facts.push(fact);
        }

        // Calls.
        let calls = code.calls();
        let mut crypto_streams: BTreeMap<String, usize> = BTreeMap::new();
        for call in &calls {
            let name = code.path_text(&call.path);
            let name = name.trim_start_matches('\\');
            let arg_text = |n: usize| call.args.get(n).map(|a| code.slice(a.value.0, a.value.1));
            match name {
                "stream_socket_enable_crypto" => {
                    let Some(stream) = arg_text(0) else { continue };
                    crypto_streams.insert(stream.to_owned(), call.open);
                    let Some(m) = call.args.get(2) else { continue };
                    let Some((tls, tok, open)) = crypto_range(code, m.value.0, m.value.1) else {
                        continue;
                    };
                    let mut f = self.setting(tok, "crypto_method", m.value, tls, stream.to_owned());
                    if open {
                        let l = self.loc(tok, tok + 1);
                        f.related.push(Related::new("version", l, OPEN_NOTE));
                    }
                    facts.push(f);
                }
                "stream_context_set_option" => {
                    let key = call
                        .args
                        .get(2)
                        .and_then(|a| a.single())
                        .and_then(|t| code.str_value(t));
                    let (Some(ctx), Some(key), Some(v)) = (arg_text(0), key, call.args.get(3))
                    else {
                        continue;
                    };
                    if !matches!(
                        key,
                        "crypto_method" | "min_proto_version" | "max_proto_version"
                    ) {
                        continue;
                    }
                    let Some((r, tok, open)) = crypto_range(code, v.value.0, v.value.1) else {
                        continue;
                    };
                    let tls = match key {
                        "min_proto_version" => TlsRange::explicit(r.min.as_deref(), None),
                        "max_proto_version" => TlsRange::explicit(None, r.max.as_deref()),
                        _ => r,
                    };
                    let mut f = self.setting(tok, key, v.value, tls, resolve(ctx));
                    if open {
                        let l = self.loc(tok, tok + 1);
                        f.related.push(Related::new("version", l, OPEN_NOTE));
                    }
                    facts.push(f);
                }
                _ => {}
            }
        }
        for call in &calls {
            let name = code.path_text(&call.path);
            let name = name.trim_start_matches('\\').to_ascii_lowercase();
            match name.as_str() {
                "stream_socket_client" | "fsockopen" | "pfsockopen" => {
                    if let Some(f) = self.socket(call, &name, &assigns, &crypto_streams, &resolve) {
                        facts.push(f);
                    }
                }
                "imap_open" | "imap2_open" => {
                    if let Some(f) = self.imap_open(call) {
                        facts.push(f);
                    }
                }
                _ => {}
            }
        }
        facts.extend(self.phpmailer(&assigns, &calls));
        facts.extend(self.symfony(&assigns, &calls));
        facts
    }

    /// Items of an array group as (key token, value range).
    fn items(&self, open: usize) -> Vec<(Option<usize>, (usize, usize))> {
        self.code
            .items(open)
            .into_iter()
            .map(|(s, e)| {
                if e > s + 2 && self.code.is_punct(s + 1, "=>") {
                    (Some(s), (s + 2, e))
                } else {
                    (None, (s, e))
                }
            })
            .collect()
    }

    /// The variable an options array (possibly nested in `'ssl' => ...`)
    /// ends up in.
    fn array_binding(&self, open: usize) -> Option<String> {
        let code = self.code;
        let mut cur = open;
        // Start of the array expression: `array` before `(`.
        for _ in 0..16 {
            let start = if code.is_punct(cur, "(") {
                cur.checked_sub(1)?
            } else {
                cur
            };
            let before = start.checked_sub(1)?;
            if code.is_punct(before, "=>") {
                cur = code.enclosing(before)?;
                continue;
            }
            if code.is_punct(before, "=") {
                let path = code.path_back(before.checked_sub(1)?)?;
                let names = code.path_names(&path);
                if names.last() == Some(&"SMTPOptions") && names.len() >= 2 {
                    return names.first().map(|s| (*s).to_owned());
                }
                return Some(code.path_text(&path));
            }
            if code.is_punct(before, "(") || code.is_punct(before, ",") {
                let paren = if code.is_punct(before, "(") {
                    before
                } else {
                    code.enclosing(before)?
                };
                let callee = code.name(paren.checked_sub(1)?)?;
                if callee == "setStreamOptions" {
                    return self.chain_receiver(paren.checked_sub(1)?);
                }
                if callee.eq_ignore_ascii_case("stream_context_create") {
                    let eq = paren.checked_sub(2)?;
                    if code.is_punct(eq, "=") {
                        return Some(code.path_text(&code.path_back(eq.checked_sub(1)?)?));
                    }
                }
                return None;
            }
            return None;
        }
        None
    }

    fn synthetic(&self, open: usize) -> String {
        let (line, col) = self
            .code
            .tok(open)
            .map_or((0, 0), |t| self.file.position(t.start));
        format!("options@{line}:{col}")
    }

    fn setting(
        &self,
        tok: usize,
        key: &str,
        value: (usize, usize),
        tls: TlsRange,
        binding: String,
    ) -> Fact {
        let loc = self.loc(tok, tok + 1);
        let mut fact = Fact::new(FactKind::TlsSetting, loc, self.line_text(loc));
        fact.client = Some("php-stream".to_owned());
        fact.scope = Some("call".to_owned());
        fact.binding = Some(binding);
        fact.tls = Some(tls);
        fact.setting = Some(Setting {
            name: key.to_owned(),
            value: redact(self.code.slice(value.0, value.1)),
        });
        fact
    }

    fn socket(
        &self,
        call: &crate::extract::common::code_lexer::Call,
        name: &str,
        assigns: &[crate::extract::common::code_lexer::Assign],
        crypto_streams: &BTreeMap<String, usize>,
        resolve: &dyn Fn(&str) -> String,
    ) -> Option<Fact> {
        let code = self.code;
        let first = call.args.first()?;
        let tok = first.single()?;
        let url = code.str_value(tok)?;
        let (transport, rest) = match url.split_once("://") {
            Some((t, r)) => (t.to_ascii_lowercase(), r),
            None => ("tcp".to_owned(), url),
        };
        let (host, mut port) = mail_url::split_host_port(rest);
        if port.is_none() && name != "stream_socket_client" {
            port = call
                .args
                .get(1)
                .and_then(|a| a.single())
                .and_then(|t| code.text(t).parse().ok());
        }
        let (protocol, _) = mail_url::port_defaults(port?)?;
        let pinned = match transport.as_str() {
            "tcp" => None,
            "ssl" | "tls" => Some(None),
            t => match normalize(t) {
                Some(v) => Some(Some(v)),
                None => return None,
            },
        };
        // The variable the stream is assigned to.
        let var = assigns
            .iter()
            .find(|a| a.value.0 <= call.path.start && call.close < a.value.1)
            .map(|a| code.path_text(&a.target));
        let loc = self.loc(tok, tok + 1);
        let kind = if pinned.is_some() {
            FactKind::Connection
        } else {
            FactKind::MailUsage
        };
        let mut fact = Fact::new(kind, loc, self.line_text(loc));
        fact.client = Some("php-stream".to_owned());
        fact.protocol = Some(protocol);
        fact.host = host;
        fact.port = port;
        match pinned {
            Some(v) => {
                fact.tls_mode = Some(TlsMode::Implicit);
                fact.tls = Some(match v {
                    Some(v) => TlsRange::explicit(Some(v), Some(v)),
                    None => {
                        if transport == "tls" {
                            fact.related.push(Related::new("version", loc, OPEN_NOTE));
                        }
                        TlsRange::unknown()
                    }
                });
            }
            None => {
                let streamed = var.as_ref().filter(|v| crypto_streams.contains_key(*v));
                fact.tls_mode = Some(if streamed.is_some() {
                    TlsMode::Starttls
                } else {
                    TlsMode::None
                });
                fact.binding = streamed.cloned().or_else(|| {
                    let ctx = if name == "stream_socket_client" {
                        call.args.get(5)
                    } else {
                        None
                    }?;
                    Some(resolve(code.slice(ctx.value.0, ctx.value.1)))
                });
            }
        }
        if let Some(h) = &fact.host {
            fact.related
                .push(Related::new("host", loc, format!("Host {h}")));
        }
        Some(fact)
    }

    fn imap_open(&self, call: &crate::extract::common::code_lexer::Call) -> Option<Fact> {
        let code = self.code;
        let first = call.args.first()?;
        let cloc = self.loc(call.path.start, call.path.end);
        let Some((mailbox, tok)) = first
            .single()
            .and_then(|t| code.str_value(t).map(|v| (v, t)))
        else {
            let mut f = Fact::new(FactKind::MailUsage, cloc, self.line_text(cloc));
            f.client = Some("php-imap".to_owned());
            f.protocol = Some(Protocol::Imap);
            f.tls_mode = Some(TlsMode::Unknown);
            return Some(f);
        };
        let inner = mailbox.strip_prefix('{')?.split('}').next()?;
        let mut parts = inner.split('/');
        let hostport = parts.next()?;
        let flags: Vec<String> = parts.map(|p| p.to_ascii_lowercase()).collect();
        let has = |f: &str| {
            flags
                .iter()
                .any(|x| x == f || x.starts_with(&format!("{f}=")))
        };
        let protocol = if has("pop3") || flags.iter().any(|f| f == "service=pop3") {
            Protocol::Pop3
        } else if has("nntp") || flags.iter().any(|f| f == "service=nntp") {
            return None;
        } else {
            Protocol::Imap
        };
        let (host, port) = mail_url::split_host_port(hostport);
        let loc = self.loc(tok, tok + 1);
        let mut fact = Fact::new(FactKind::Connection, loc, self.line_text(loc));
        fact.client = Some("php-imap".to_owned());
        fact.protocol = Some(protocol);
        let (mode, implicit) = if has("ssl") {
            (TlsMode::Implicit, true)
        } else if has("notls") {
            (TlsMode::None, false)
        } else {
            (TlsMode::Starttls, false)
        };
        fact.tls_mode = Some(mode);
        fact.port = port.or(Some(match (protocol, implicit) {
            (Protocol::Pop3, true) => 995,
            (Protocol::Pop3, false) => 110,
            (_, true) => 993,
            _ => 143,
        }));
        fact.tls = Some(TlsRange::unknown());
        if has("tls") {
            fact.related.push(Related::new(
                "version",
                loc,
                "/tls: upstream UW c-client uses TLSv1_client_method (TLS 1.0 only) for STARTTLS; builds against OpenSSL 1.1+ (e.g. Debian's) negotiate; the file does not say which library PHP uses",
            ));
        }
        if let Some(h) = &host {
            fact.related
                .push(Related::new("host", loc, format!("Host {h}")));
        }
        fact.host = host;
        Some(fact)
    }

    fn phpmailer(
        &self,
        assigns: &[crate::extract::common::code_lexer::Assign],
        calls: &[crate::extract::common::code_lexer::Call],
    ) -> Vec<Fact> {
        let code = self.code;
        #[derive(Default)]
        struct Obj {
            decl: Option<(usize, usize)>,
            props: BTreeMap<String, (usize, usize)>,
        }
        let mut objs: BTreeMap<String, Obj> = BTreeMap::new();
        for a in assigns {
            let names = code.path_names(&a.target);
            if names.len() == 1 && code.is_ident(a.value.0, "new") {
                let class = code.name(a.value.0 + 1).unwrap_or_default();
                if class.trim_start_matches('\\').rsplit('\\').next() == Some("PHPMailer") {
                    let o = objs.entry(names[0].to_owned()).or_default();
                    o.decl = Some((a.target.start, a.value.1));
                }
            } else if names.len() == 2 && names[0].starts_with('$') {
                let prop = names[1];
                if matches!(
                    prop,
                    "Host" | "Port" | "SMTPSecure" | "SMTPOptions" | "SMTPAutoTLS"
                ) {
                    objs.entry(names[0].to_owned())
                        .or_default()
                        .props
                        .insert(prop.to_owned(), a.value);
                }
            }
        }
        let mut out = Vec::new();
        for (obj, o) in objs {
            let is_smtp = calls.iter().any(|c| {
                let n = code.path_names(&c.path);
                n.len() == 2 && n[0] == obj && n[1].eq_ignore_ascii_case("isSMTP")
            });
            if o.decl.is_none() || !(is_smtp || o.props.contains_key("Host")) {
                continue;
            }
            let anchor = o.props.get("Host").copied().or(o.decl).unwrap_or((0, 1));
            let loc = self.loc(anchor.0, anchor.1);
            let mut fact = Fact::new(FactKind::MailUsage, loc, self.line_text(loc));
            fact.client = Some("phpmailer".to_owned());
            fact.protocol = Some(Protocol::Smtp);
            if let Some(&(s, e)) = o.props.get("Host") {
                if let Some(h) = code.concat_value(s, e) {
                    let first = h.split(';').next().unwrap_or("").trim();
                    let first = first.split_once("://").map_or(first, |(_, r)| r);
                    let (host, port) = mail_url::split_host_port(first);
                    if let Some(h) = &host {
                        fact.related.push(Related::new(
                            "host",
                            self.loc(s, e),
                            format!("Host {h}"),
                        ));
                    }
                    fact.host = host;
                    fact.port = port;
                }
            }
            if let Some(&(s, e)) = o.props.get("Port") {
                if let Ok(p) = code.slice(s, e).trim().parse::<u16>() {
                    fact.port = Some(p);
                    fact.related
                        .push(Related::new("port", self.loc(s, e), format!("Port {p}")));
                }
            }
            let secure = o.props.get("SMTPSecure").map(|&(s, e)| {
                code.concat_value(s, e)
                    .unwrap_or_else(|| code.slice(s, e).to_owned())
                    .to_ascii_lowercase()
            });
            let auto_tls_off = o
                .props
                .get("SMTPAutoTLS")
                .is_some_and(|&(s, e)| code.slice(s, e).eq_ignore_ascii_case("false"));
            let mode = match secure.as_deref() {
                Some("ssl") => TlsMode::Implicit,
                Some(s) if s.ends_with("encryption_smtps") => TlsMode::Implicit,
                Some("tls") => TlsMode::Starttls,
                Some(s) if s.ends_with("encryption_starttls") => TlsMode::Starttls,
                Some("") | None if auto_tls_off => TlsMode::None,
                Some("") | None => TlsMode::Starttls,
                Some(_) => TlsMode::Unknown,
            };
            fact.tls_mode = Some(mode);
            if fact.port.is_none() && !o.props.contains_key("Port") {
                fact.port = Some(25);
            }
            // PHPMailer's STARTTLS passes its own method to
            // stream_socket_enable_crypto, which overrides the context's
            // crypto_method: SMTPOptions reach only the ssl:// connection.
            if o.props.contains_key("SMTPOptions")
                && mode != TlsMode::Starttls
                && mode != TlsMode::None
            {
                fact.binding = Some(obj.clone());
            }
            out.push(fact);
        }
        out
    }

    fn loc(&self, s: usize, e: usize) -> Location {
        match self.code.span(s, e) {
            Some((a, b)) => self.file.location(a, b),
            None => Location::on_line(1, 1, 2),
        }
    }

    fn line_text(&self, loc: Location) -> String {
        redact(self.file.line(loc.line).trim())
    }
}

mod symfony;

#[cfg(test)]
mod tests;
