//! C and C++ source: TLS versions set through OpenSSL, libcurl, Mbed TLS and
//! wolfSSL, and the mail connections that use them.
//!
//! The file is read through the shared code lexer: comments and strings are
//! never settings; preprocessor lines are code (`#define` values resolve
//! names), and `#if 0` ... `#endif` blocks are dead code and skipped.
//!
//! Facts:
//! - `tls_setting` (scope `call`), one per binding:
//!   - `openssl-c`: `SSL_CTX_new(TLSv1_client_method())` and the other
//!     version-specific methods (a pin), `SSL_CTX_set_min_proto_version` /
//!     `SSL_CTX_set_max_proto_version` (and the `SSL_set_*` forms) with
//!     `SSL3_VERSION`..`TLS1_3_VERSION`, `SSL_CTX_set_options(ctx,
//!     SSL_OP_NO_TLSv1_2 | ...)`;
//!   - `libcurl`: `curl_easy_setopt(h, CURLOPT_SSLVERSION,
//!     CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_1)`
//!     (`CURL_SSLVERSION_TLSv1*` is a floor, `..._MAX_*` a cap);
//!   - `mbedtls`: `mbedtls_ssl_conf_min_version` / `_max_version(&conf,
//!     MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_n)` (minor 0 is
//!     SSL 3.0, 1 TLS 1.0 ... 4 TLS 1.3), 3.x `mbedtls_ssl_conf_min_tls_version`
//!     / `_max_tls_version`;
//!   - `wolfssl`: `wolfSSL_CTX_new(wolfTLSv1_client_method())` (a pin),
//!     `wolfSSL_CTX_SetMinVersion(ctx, WOLFSSL_TLSV1)`;
//!   - `schannel`: `SCHANNEL_CRED.grbitEnabledProtocols` and
//!     `TLS_PARAMETERS.grbitDisabledProtocols` (`SCH_CREDENTIALS`) masks of
//!     `SP_PROT_*` flags (see [`schannel`]).
//!
//!   `SSL_CTX_set_security_level` is not a version setting (it limits key
//!   sizes and algorithms) and is not read.
//! - `mail_usage`: libcurl `CURLOPT_URL` with an `imap(s)://`, `pop3(s)://`,
//!   `smtp(s)://` URL (a literal or a `#define`/variable holding one), bound
//!   to the easy handle; TLS mode from the scheme, plain schemes upgraded by
//!   `CURLOPT_USE_SSL` (`CURLUSESSL_TRY`/`_CONTROL`/`_ALL` -> STARTTLS).
//!   Other code connects to a mail port: `"host:465"` in a connect call
//!   (`BIO_new_connect`, `BIO_set_conn_hostname`, `getaddrinfo`...),
//!   `mbedtls_net_connect(.., host, "465", ..)`, `htons(465)` (also through a
//!   `#define`); such a usage cannot tell which context it uses, so its
//!   binding is left unresolved and every setting of the file may reach it
//!   (`mbedtls_ssl_setup(&ssl, &conf)`, when the file has exactly one, binds
//!   the Mbed TLS usage to `conf`).
//!
//! Decisions:
//! - `SSLv23_*`/`TLS_*` methods and `wolfSSLv23_*` are flexible: the range
//!   comes from the setters; with none it is unknown (library defaults
//!   differ by version and build).
//! - Bindings are variable names qualified by their function; `&conf` is
//!   `conf`. A method stored in a variable and passed to `SSL_CTX_new(m)`
//!   binds to the context.
//! - An unterminated block comment or raw string is an error.

use crate::extract::common::code_lexer::{spec, Call, Code, Kind};
use crate::extract::common::code_tls::{
    function_of, qualify, resolve, setting_facts, usage_fact, Effect, Item, Usage,
};
use crate::extract::common::mail_url::{find_all, port_defaults, split_host_port};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;
use std::collections::HashMap;

/// Extracts `tls_setting` and `mail_usage` facts from C/C++ source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let lower = file.path.to_ascii_lowercase();
    let cpp = [".cc", ".cpp", ".cxx", ".hpp", ".hh"]
        .iter()
        .any(|e| lower.ends_with(e));
    let code = Code::new(file.text, if cpp { &spec::CPP } else { &spec::C });
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated block comment or raw string",
            Some(file.position(off).0),
        ));
    }
    let dead = dead_ranges(&code);
    let calls: Vec<Call> = code
        .calls()
        .into_iter()
        .filter(|c| !dead.iter().any(|&(s, e)| c.open > s && c.open < e))
        .collect();
    let c = C {
        code: &code,
        calls,
        defines: defines(&code),
    };
    let mut items = c.settings();
    for m in schannel::masks(&code) {
        if dead.iter().any(|&(s, e)| m.range.0 > s && m.range.0 < e) {
            continue;
        }
        let binding = qualify(c.func(m.range.0).as_deref(), &m.binding);
        let value = code.slice(m.value.0, m.value.1).to_owned();
        for effect in m.effects {
            items.push((
                "schannel",
                Item {
                    binding: binding.clone(),
                    effect,
                    name: m.name.to_owned(),
                    value: value.clone(),
                    span: c.span(m.range.0, m.range.1),
                },
            ));
        }
    }
    let known: Vec<String> = items.iter().map(|(_, i)| i.binding.clone()).collect();
    let mut facts = Vec::new();
    for client in ["openssl-c", "libcurl", "mbedtls", "wolfssl", "schannel"] {
        let mine: Vec<Item> = items
            .iter()
            .filter(|(c, _)| *c == client)
            .map(|(_, i)| i.clone())
            .collect();
        facts.extend(setting_facts(file, client, &mine));
    }
    let main_client = items.first().map_or("openssl-c", |(c, _)| *c);
    for u in c.usages(&known, main_client) {
        facts.push(usage_fact(file, &u));
    }
    Ok(facts)
}

/// Token ranges of `#if 0` blocks (to the matching `#endif`, or `#else` /
/// `#elif`, whose branch is live).
fn dead_ranges(code: &Code<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = code.len();
    let directive = |i: usize| -> Option<&str> {
        (code.is_punct(i, "#") && (i == 0 || code.line_break_before(i)))
            .then(|| code.name(i + 1))
            .flatten()
    };
    let mut i = 0;
    while i < n {
        if directive(i) == Some("if")
            && code.text(i + 2) == "0"
            && (i + 3 >= n || code.line_break_before(i + 3))
        {
            let mut depth = 0usize;
            let mut j = i + 3;
            while j < n {
                match directive(j) {
                    Some("if" | "ifdef" | "ifndef") => depth += 1,
                    Some("endif") if depth == 0 => break,
                    Some("endif") => depth -= 1,
                    Some("else" | "elif") if depth == 0 => break,
                    _ => {}
                }
                j += 1;
            }
            out.push((i, j));
            i = j;
        }
        i += 1;
    }
    out
}

/// `#define NAME value` (one token value).
fn defines(code: &Code<'_>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for i in 0..code.len() {
        if code.is_punct(i, "#")
            && (i == 0 || code.line_break_before(i))
            && code.is_ident(i + 1, "define")
            && !code.line_break_before(i + 3)
            && (i + 4 >= code.len() || code.line_break_before(i + 4))
        {
            if let Some(name) = code.name(i + 2) {
                out.insert(name.to_owned(), i + 3);
            }
        }
    }
    out
}

struct C<'a, 'f> {
    code: &'f Code<'a>,
    calls: Vec<Call>,
    defines: HashMap<String, usize>,
}

fn openssl_method(name: &str) -> Option<Option<&'static str>> {
    let base = name
        .strip_suffix("_client_method")
        .or_else(|| name.strip_suffix("_server_method"))
        .or_else(|| name.strip_suffix("_method"))?;
    let base = base.strip_prefix("wolf").unwrap_or(base);
    Some(match base {
        "SSLv3" => Some("ssl3"),
        "TLSv1" => Some("1.0"),
        "TLSv1_1" => Some("1.1"),
        "TLSv1_2" => Some("1.2"),
        "TLSv1_3" => Some("1.3"),
        "SSLv23" | "TLS" => None,
        _ => return None,
    })
}

fn proto_constant(name: &str) -> Option<&'static str> {
    Some(match name {
        "SSL3_VERSION" | "WOLFSSL_SSLV3" => "ssl3",
        "TLS1_VERSION" | "WOLFSSL_TLSV1" | "MBEDTLS_SSL_VERSION_TLS1_0" => "1.0",
        "TLS1_1_VERSION" | "WOLFSSL_TLSV1_1" => "1.1",
        "TLS1_2_VERSION" | "WOLFSSL_TLSV1_2" | "MBEDTLS_SSL_VERSION_TLS1_2" => "1.2",
        "TLS1_3_VERSION" | "WOLFSSL_TLSV1_3" | "MBEDTLS_SSL_VERSION_TLS1_3" => "1.3",
        _ => return None,
    })
}

fn curl_version(name: &str) -> Option<Effect> {
    Some(match name {
        "CURL_SSLVERSION_SSLv3" => Effect::Min("ssl3"),
        "CURL_SSLVERSION_TLSv1" | "CURL_SSLVERSION_TLSv1_0" => Effect::Min("1.0"),
        "CURL_SSLVERSION_TLSv1_1" => Effect::Min("1.1"),
        "CURL_SSLVERSION_TLSv1_2" => Effect::Min("1.2"),
        "CURL_SSLVERSION_TLSv1_3" => Effect::Min("1.3"),
        "CURL_SSLVERSION_MAX_TLSv1_0" => Effect::Max("1.0"),
        "CURL_SSLVERSION_MAX_TLSv1_1" => Effect::Max("1.1"),
        "CURL_SSLVERSION_MAX_TLSv1_2" => Effect::Max("1.2"),
        "CURL_SSLVERSION_MAX_TLSv1_3" => Effect::Max("1.3"),
        _ => return None,
    })
}

fn mbedtls_minor(name: &str) -> Option<&'static str> {
    Some(match name {
        "MBEDTLS_SSL_MINOR_VERSION_0" => "ssl3",
        "MBEDTLS_SSL_MINOR_VERSION_1" => "1.0",
        "MBEDTLS_SSL_MINOR_VERSION_2" => "1.1",
        "MBEDTLS_SSL_MINOR_VERSION_3" => "1.2",
        "MBEDTLS_SSL_MINOR_VERSION_4" => "1.3",
        _ => return None,
    })
}

impl C<'_, '_> {
    fn func(&self, i: usize) -> Option<String> {
        function_of(self.code, i, None)
    }

    fn span(&self, s: usize, e: usize) -> (usize, usize) {
        self.code.span(s, e).unwrap_or((0, 0))
    }

    fn method(&self, c: &Call) -> &str {
        c.path
            .names
            .last()
            .and_then(|&n| self.code.name(n))
            .unwrap_or("")
    }

    /// Identifier names in `s..e`, `#define`s followed once.
    fn idents(&self, s: usize, e: usize) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        for t in s..e {
            if let Some(n) = self.code.name(t) {
                match self.defines.get(n) {
                    Some(&d) if self.code.name(d).is_some() => {
                        out.push((self.code.name(d).unwrap_or(n), t))
                    }
                    _ => out.push((n, t)),
                }
            }
        }
        out
    }

    /// `x = <start>` / `T *x = <start>`: the variable.
    fn target(&self, start: usize) -> Option<String> {
        let op = start.checked_sub(1)?;
        if !self.code.is_punct(op, "=") {
            return None;
        }
        let path = self.code.path_back(op.checked_sub(1)?)?;
        Some(self.code.path_text(&path))
    }

    /// The variable an argument names (`ctx`, `&conf`, `s->ctx`).
    fn var(&self, s: usize, e: usize) -> Option<String> {
        let (mut s, e) = self.code.strip_parens(s, e);
        while s < e && (self.code.is_punct(s, "&") || self.code.is_punct(s, "*")) {
            s += 1;
        }
        let path = self.code.path_at(s, e)?;
        (path.end == e).then(|| self.code.path_text(&path))
    }

    fn bind(&self, at: usize, name: &str, known: &[String]) -> String {
        resolve(known, self.func(at).as_deref(), name)
    }

    fn settings(&self) -> Vec<(&'static str, Item)> {
        let mut out: Vec<(&'static str, Item)> = Vec::new();
        // Contexts first, so setters resolve to their qualified names.
        for c in &self.calls {
            let m = self.method(c);
            let client = match m {
                "SSL_CTX_new" => "openssl-c",
                "wolfSSL_CTX_new" => "wolfssl",
                _ => continue,
            };
            let Some(name) = self.target(c.path.start) else {
                continue;
            };
            let binding = qualify(self.func(c.open).as_deref(), &name);
            out.push((
                client,
                Item {
                    binding: binding.clone(),
                    effect: Effect::Declare,
                    name: m.to_owned(),
                    value: String::new(),
                    span: self.span(c.path.start, c.close + 1),
                },
            ));
            // The method: inline, or a variable assigned one.
            let Some(arg) = c.args.first() else { continue };
            let method_call = self
                .calls
                .iter()
                .find(|mc| mc.path.start >= arg.value.0 && mc.close < arg.value.1);
            let method_call = method_call.or_else(|| {
                let v = self.var(arg.value.0, arg.value.1)?;
                self.calls.iter().find(|mc| {
                    self.target(mc.path.start).as_deref() == Some(v.as_str())
                        && openssl_method(self.method(mc)).is_some()
                })
            });
            if let Some(mc) = method_call {
                if let Some(Some(v)) = openssl_method(self.method(mc)) {
                    out.push((
                        client,
                        Item {
                            binding,
                            effect: Effect::Pin(v),
                            name: self.method(mc).to_owned(),
                            value: v.to_owned(),
                            span: self.span(mc.path.start, mc.close + 1),
                        },
                    ));
                }
            }
        }
        let known: Vec<String> = out.iter().map(|(_, i)| i.binding.clone()).collect();
        let mut curl_handles = Vec::new();
        for c in &self.calls {
            let m = self.method(c);
            let arg = |n: usize| c.args.get(n).map(|a| a.value);
            let Some((s0, e0)) = arg(0) else { continue };
            let mut effects: Vec<(Effect, usize, usize)> = Vec::new();
            let client = match m {
                "SSL_CTX_set_min_proto_version"
                | "SSL_set_min_proto_version"
                | "SSL_CTX_set_max_proto_version"
                | "SSL_set_max_proto_version"
                | "wolfSSL_CTX_SetMinVersion"
                | "wolfSSL_SetMinVersion" => {
                    let min = m.contains("min") || m.contains("Min");
                    if let Some((s, e)) = arg(1) {
                        for (n, t) in self.idents(s, e) {
                            if let Some(v) = proto_constant(n) {
                                effects.push((
                                    if min { Effect::Min(v) } else { Effect::Max(v) },
                                    t,
                                    t + 1,
                                ));
                            }
                        }
                    }
                    if m.starts_with("wolf") {
                        "wolfssl"
                    } else {
                        "openssl-c"
                    }
                }
                "SSL_CTX_set_options" | "SSL_set_options" | "wolfSSL_CTX_set_options" => {
                    if let Some((s, e)) = arg(1) {
                        for (n, t) in self.idents(s, e) {
                            let v = match n
                                .strip_prefix("SSL_OP_NO_")
                                .or_else(|| n.strip_prefix("WOLFSSL_OP_NO_"))
                            {
                                Some("SSLv3") => "ssl3",
                                Some("TLSv1") => "1.0",
                                Some("TLSv1_1") => "1.1",
                                Some("TLSv1_2") => "1.2",
                                Some("TLSv1_3") => "1.3",
                                _ => continue,
                            };
                            effects.push((Effect::Disable(v), t, t + 1));
                        }
                    }
                    if m.starts_with("wolf") {
                        "wolfssl"
                    } else {
                        "openssl-c"
                    }
                }
                "curl_easy_setopt" => {
                    let is_ver = arg(1).is_some_and(|(s, e)| {
                        e == s + 1 && self.code.is_ident(s, "CURLOPT_SSLVERSION")
                    });
                    if !is_ver {
                        continue;
                    }
                    if let Some((s, e)) = arg(2) {
                        for (n, t) in self.idents(s, e) {
                            if let Some(eff) = curl_version(n) {
                                effects.push((eff, t, t + 1));
                            }
                        }
                    }
                    "libcurl"
                }
                "mbedtls_ssl_conf_min_version" | "mbedtls_ssl_conf_max_version" => {
                    let min = m.contains("min");
                    if let Some((s, e)) = arg(2) {
                        for (n, t) in self.idents(s, e) {
                            if let Some(v) = mbedtls_minor(n) {
                                effects.push((
                                    if min { Effect::Min(v) } else { Effect::Max(v) },
                                    t,
                                    t + 1,
                                ));
                            }
                        }
                    }
                    "mbedtls"
                }
                "mbedtls_ssl_conf_min_tls_version" | "mbedtls_ssl_conf_max_tls_version" => {
                    let min = m.contains("min");
                    if let Some((s, e)) = arg(1) {
                        for (n, t) in self.idents(s, e) {
                            if let Some(v) = proto_constant(n) {
                                effects.push((
                                    if min { Effect::Min(v) } else { Effect::Max(v) },
                                    t,
                                    t + 1,
                                ));
                            }
                        }
                    }
                    "mbedtls"
                }
                _ => continue,
            };
            if effects.is_empty() {
                continue;
            }
            let Some(var) = self.var(s0, e0) else {
                continue;
            };
            let binding = self.bind(c.open, &var, &known);
            if client == "libcurl" {
                curl_handles.push(binding.clone());
            }
            for (effect, _, _) in effects {
                out.push((
                    client,
                    Item {
                        binding: binding.clone(),
                        effect,
                        name: m.to_owned(),
                        value: self
                            .code
                            .slice(
                                c.args
                                    .get(if client == "libcurl" { 2 } else { 1 })
                                    .map_or(c.open + 1, |a| a.value.0),
                                c.close,
                            )
                            .to_owned(),
                        span: self.span(c.path.start, c.close + 1),
                    },
                ));
            }
        }
        out
    }

    /// A string literal, a `#define`d one, or a variable assigned exactly
    /// one literal.
    fn string_of(&self, s: usize, e: usize) -> Option<String> {
        if let Some(v) = self.code.concat_value(s, e) {
            return Some(v);
        }
        if e != s + 1 {
            return None;
        }
        let name = self.code.name(s)?;
        if let Some(&d) = self.defines.get(name) {
            return self.code.str_value(d).map(str::to_owned);
        }
        self.code.sole_string_assigned(name)
    }

    fn number_of(&self, s: usize, e: usize) -> Option<u16> {
        if e != s + 1 {
            return None;
        }
        let t = match self.code.name(s).and_then(|n| self.defines.get(n)) {
            Some(&d) => d,
            None => s,
        };
        if self.code.kind(t) == Some(Kind::Number) {
            return self
                .code
                .text(t)
                .trim_end_matches(['u', 'U', 'l', 'L'])
                .parse()
                .ok();
        }
        self.code.str_value(t).and_then(|v| v.parse().ok())
    }

    fn usages(&self, known: &[String], main_client: &'static str) -> Vec<Usage> {
        let mut out = Vec::new();
        // libcurl: CURLOPT_USE_SSL per handle.
        let mut use_ssl: HashMap<String, bool> = HashMap::new();
        for c in &self.calls {
            if self.method(c) != "curl_easy_setopt" {
                continue;
            }
            let opt = c
                .args
                .get(1)
                .and_then(|a| a.single())
                .and_then(|t| self.code.name(t));
            if opt != Some("CURLOPT_USE_SSL") {
                continue;
            }
            let (Some(h), Some(v)) = (c.args.first(), c.args.get(2)) else {
                continue;
            };
            let Some(var) = self.var(h.value.0, h.value.1) else {
                continue;
            };
            let on = self.idents(v.value.0, v.value.1).iter().any(|(n, _)| {
                matches!(
                    *n,
                    "CURLUSESSL_TRY" | "CURLUSESSL_CONTROL" | "CURLUSESSL_ALL"
                )
            });
            use_ssl.insert(self.bind(c.open, &var, known), on);
        }
        let mbed_setups: Vec<String> = self
            .calls
            .iter()
            .filter(|c| self.method(c) == "mbedtls_ssl_setup")
            .filter_map(|c| {
                c.args.get(1).and_then(|a| {
                    self.var(a.value.0, a.value.1)
                        .map(|v| self.bind(c.open, &v, known))
                })
            })
            .collect();
        for c in &self.calls {
            let m = self.method(c);
            let span = self.span(c.path.start, c.close + 1);
            let arg = |n: usize| c.args.get(n).map(|a| a.value);
            if m == "curl_easy_setopt" {
                let opt = arg(1)
                    .and_then(|(s, e)| (e == s + 1).then_some(s))
                    .and_then(|t| self.code.name(t));
                if opt != Some("CURLOPT_URL") {
                    continue;
                }
                let Some(url) = arg(2).and_then(|(s, e)| self.string_of(s, e)) else {
                    continue;
                };
                let Some(u) = find_all(&url).into_iter().next() else {
                    continue;
                };
                let Some(var) = arg(0).and_then(|(s, e)| self.var(s, e)) else {
                    continue;
                };
                let binding = self.bind(c.open, &var, known);
                let mut mode = u.tls_mode;
                if mode == TlsMode::Unknown {
                    mode = match use_ssl.get(&binding) {
                        Some(true) => TlsMode::Starttls,
                        _ => TlsMode::None,
                    };
                }
                let port = u.port.or(match (u.protocol, u.tls_mode) {
                    (Protocol::Imap, TlsMode::Implicit) => Some(993),
                    (Protocol::Imap, _) => Some(143),
                    (Protocol::Pop3, TlsMode::Implicit) => Some(995),
                    (Protocol::Pop3, _) => Some(110),
                    (Protocol::Smtp, TlsMode::Implicit) => Some(465),
                    (Protocol::Smtp, _) => Some(25),
                    _ => None,
                });
                out.push(Usage {
                    client: "libcurl",
                    protocol: u.protocol,
                    host: u.host,
                    port,
                    tls_mode: mode,
                    binding: Some(binding),
                    span,
                });
                continue;
            }
            let (host, port) = match m {
                "mbedtls_net_connect" => (
                    arg(1)
                        .and_then(|(s, e)| self.string_of(s, e))
                        .and_then(|h| split_host_port(&h).0),
                    arg(2).and_then(|(s, e)| self.number_of(s, e)),
                ),
                "htons" => (None, arg(0).and_then(|(s, e)| self.number_of(s, e))),
                "BIO_new_connect"
                | "BIO_set_conn_hostname"
                | "connect_to"
                | "wolfSSL_connect_host" => {
                    let i = if m == "BIO_set_conn_hostname" { 1 } else { 0 };
                    arg(i)
                        .and_then(|(s, e)| self.string_of(s, e))
                        .map_or((None, None), |v| split_host_port(&v))
                }
                "getaddrinfo" => (
                    arg(0)
                        .and_then(|(s, e)| self.string_of(s, e))
                        .and_then(|h| split_host_port(&h).0),
                    arg(1).and_then(|(s, e)| self.number_of(s, e)),
                ),
                _ => continue,
            };
            let Some(p) = port else { continue };
            let Some((protocol, mode)) = port_defaults(p) else {
                continue;
            };
            let (client, binding) = if m == "mbedtls_net_connect" {
                let b = match mbed_setups.as_slice() {
                    [one] => one.clone(),
                    _ => "mbedtls_ssl_setup".to_owned(),
                };
                ("mbedtls", b)
            } else {
                (main_client, format!("{m}()"))
            };
            out.push(Usage {
                client,
                protocol,
                host,
                port,
                tls_mode: mode,
                binding: Some(binding),
                span,
            });
        }
        out
    }
}

mod schannel;

#[cfg(test)]
mod tests;
