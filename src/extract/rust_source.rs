//! Rust source: TLS versions set on native-tls, openssl and lettre TLS
//! builders, and the imap, async-imap and lettre clients that use them.
//!
//! The file is read through the shared code lexer: string literals (the
//! test fixtures of a scanner like this one, for instance) and comments are
//! never settings.
//!
//! Facts:
//! - `tls_setting` (scope `call`), one per binding: client
//!   `rust-native-tls` for `TlsConnector::builder()` with
//!   `min_protocol_version(Some(Protocol::Tlsv10))` /
//!   `max_protocol_version(...)`; `rust-openssl` for `SslConnector::builder`
//!   / `SslContext::builder(SslMethod::tls())` with `set_min_proto_version`
//!   / `set_max_proto_version(Some(SslVersion::TLS1_1))` and
//!   `set_options(SslOptions::NO_TLSV1_2 | ...)`; `rust-lettre` for
//!   `TlsParameters::builder(domain).set_min_tls_version(TlsVersion::Tlsv10)`.
//! - `mail_usage` (client `rust-imap`): `imap::connect(addr, domain, &tls)`
//!   (implicit), `imap::connect_starttls` (STARTTLS), `ClientBuilder::new(host,
//!   port)` (`.starttls()`, a custom `.connect(..)`), async-imap `connect`,
//!   `Client::new(stream)` (TLS mode unknown); (client `rust-lettre`)
//!   `SmtpTransport::relay(host)` (implicit, 465), `starttls_relay` (587),
//!   `builder_dangerous` (no TLS, 25), with `.port(n)` and
//!   `.tls(Tls::Required(params))` in the chain.
//!
//! Decisions:
//! - rustls supports TLS 1.2 and 1.3 only: it never yields a setting, and
//!   `ClientBuilder::rustls()` passes no context.
//! - `None` as a version (`min_protocol_version(None)`) means the library
//!   default and sets nothing. A builder without versions is a setting with
//!   an unknown range (the default depends on the platform TLS library).
//! - The openssl crate has no version-specific `SslMethod`; `SslMethod::tls()`
//!   is the flexible method, so a builder's range comes from its setters.
//! - Bindings: the `let` name of the builder chain (qualified by its `fn`),
//!   `let a = b.build()` makes `a` an alias of `b`; a builder written inline
//!   in a call argument gets a synthetic `TlsConnector@LINE:COL`. A context
//!   argument that resolves to none of these is passed on as its text.
//! - A raw string or block comment that never ends is an error.

use crate::extract::common::code_lexer::{spec, Call, Code, Kind};
use crate::extract::common::code_tls::{
    function_of, qualify, resolve, setting_facts, synthetic, usage_fact, Effect, Item, Usage,
};
use crate::extract::common::mail_url::split_host_port;
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;
use std::collections::HashMap;

/// Extracts `tls_setting` and `mail_usage` facts from Rust source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::RUST);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated raw string or block comment",
            Some(file.position(off).0),
        ));
    }
    let rs = Rs {
        file,
        code: &code,
        calls: code.calls(),
    };
    let items = rs.settings();
    let known: Vec<String> = items.iter().map(|(_, i)| i.binding.clone()).collect();
    let aliases = rs.aliases(&known);
    let mut facts = Vec::new();
    for client in ["rust-native-tls", "rust-openssl", "rust-lettre"] {
        let mine: Vec<Item> = items
            .iter()
            .filter(|(c, _)| *c == client)
            .map(|(_, i)| i.clone())
            .collect();
        facts.extend(setting_facts(file, client, &mine));
    }
    for u in rs.usages(&known, &aliases) {
        facts.push(usage_fact(file, &u));
    }
    Ok(facts)
}

struct Rs<'a, 'f> {
    file: &'f SourceFile<'a>,
    code: &'f Code<'a>,
    calls: Vec<Call>,
}

fn version(name: &str) -> Option<&'static str> {
    Some(match name {
        "Sslv3" | "SSL3" => "ssl3",
        "Tlsv10" | "TLS1" => "1.0",
        "Tlsv11" | "TLS1_1" => "1.1",
        "Tlsv12" | "TLS1_2" => "1.2",
        "Tlsv13" | "TLS1_3" => "1.3",
        _ => return None,
    })
}

fn ends_with(names: &[&str], tail: &[&str]) -> bool {
    names.len() >= tail.len() && names[names.len() - tail.len()..] == *tail
}

impl<'a, 'f> Rs<'a, 'f> {
    fn func(&self, i: usize) -> Option<String> {
        function_of(self.code, i, Some("fn"))
    }

    fn span(&self, s: usize, e: usize) -> (usize, usize) {
        self.code.span(s, e).unwrap_or((0, 0))
    }

    /// The first token of the method chain a call belongs to.
    fn chain_root(&self, call: &Call) -> usize {
        let mut path = call.path.clone();
        for _ in 0..64 {
            let mut recv = path.receiver;
            // `x()?.m()`: the lexer's path stops at `?`.
            if recv.is_none() && path.start >= 2 && self.code.is_punct(path.start - 1, ".") {
                let mut j = path.start - 2;
                while self.code.is_punct(j, "?") && j > 0 {
                    j -= 1;
                }
                if self.code.is_punct(j, ")") {
                    recv = Some(j);
                }
            }
            let Some(r) = recv else { return path.start };
            let Some(open) = self.code.partner(r) else {
                return path.start;
            };
            let Some(prev) = open.checked_sub(1).and_then(|p| self.code.path_back(p)) else {
                return open;
            };
            // Generic calls `f::<T>()` are rare in builder chains: stop.
            path = prev;
        }
        path.start
    }

    /// The calls chained after the call closing at `close`: `.m(args)`.
    fn chain_forward(&self, close: usize) -> Vec<Call> {
        let mut out = Vec::new();
        let mut j = close + 1;
        for _ in 0..32 {
            while self.code.is_punct(j, "?") {
                j += 1;
            }
            if !self.code.is_punct(j, ".") || self.code.name(j + 1).is_none() {
                break;
            }
            let mut k = j + 2;
            if self.code.is_punct(k, "::") {
                k = self.code.generics_forward(k + 1).unwrap_or(k + 1);
            }
            if !self.code.is_punct(k, "(") {
                break;
            }
            let Some(c) = self.code.call(k) else { break };
            j = c.close + 1;
            out.push(c);
        }
        out
    }

    /// The binding of a chain whose first token is `root`.
    fn chain_binding(&self, root: usize, what: &str) -> String {
        let func = self.func(root);
        if let Some(name) = self.let_target(root) {
            return qualify(func.as_deref(), &name);
        }
        // `builder.set_min_proto_version(..)`: the receiver variable.
        if let Some(path) = self.code.path_at(root, self.code.len()) {
            let names = self.code.path_names(&path);
            if names.len() >= 2 && self.code.is_punct(path.end, "(") {
                let first = names.first().copied().unwrap_or("");
                if first.chars().next().is_some_and(|c| c.is_lowercase()) || first == "self" {
                    let base = names[..names.len() - 1].join(".");
                    if !base.contains("::") && !self.code.text(path.start + 1).contains("::") {
                        return qualify(func.as_deref(), &base);
                    }
                }
            }
        }
        let offset = self.code.tok(root).map_or(0, |t| t.start);
        synthetic(self.file, what, offset)
    }

    /// `let [mut] x[: T] = <root>` / `x = <root>`: the name.
    fn let_target(&self, root: usize) -> Option<String> {
        let op = root.checked_sub(1)?;
        if !self.code.is_punct(op, "=") {
            return None;
        }
        let mut j = op.checked_sub(1)?;
        for _ in 0..16 {
            if self.code.is_ident(j, "let") {
                let mut n = j + 1;
                if self.code.is_ident(n, "mut") {
                    n += 1;
                }
                return self.code.name(n).map(str::to_owned);
            }
            if self.code.is_punct(j, ";")
                || self.code.is_punct(j, "{")
                || self.code.is_punct(j, "}")
            {
                break;
            }
            j = j.checked_sub(1)?;
        }
        let path = self.code.path_back(op.checked_sub(1)?)?;
        Some(self.code.path_text(&path))
    }

    fn settings(&self) -> Vec<(&'static str, Item)> {
        let mut out = Vec::new();
        for c in &self.calls {
            let names = self.code.path_names(&c.path);
            let Some(&method) = names.last() else {
                continue;
            };
            let declare = if ends_with(&names, &["TlsConnector", "builder"])
                || ends_with(&names, &["TlsConnector", "new"])
            {
                Some(("rust-native-tls", "TlsConnector"))
            } else if ends_with(&names, &["SslConnector", "builder"])
                || ends_with(&names, &["SslContext", "builder"])
            {
                Some(("rust-openssl", "SslConnector"))
            } else if ends_with(&names, &["TlsParameters", "builder"])
                || ends_with(&names, &["TlsParameters", "new"])
            {
                Some(("rust-lettre", "TlsParameters"))
            } else {
                None
            };
            if let Some((client, what)) = declare {
                let root = self.chain_root(c);
                out.push((
                    client,
                    Item {
                        binding: self.chain_binding(root, what),
                        effect: Effect::Declare,
                        name: what.to_owned(),
                        value: String::new(),
                        span: self.span(c.path.start, c.close + 1),
                    },
                ));
                continue;
            }
            let (client, what, min) = match method {
                "min_protocol_version" => ("rust-native-tls", "TlsConnector", true),
                "max_protocol_version" => ("rust-native-tls", "TlsConnector", false),
                "set_min_proto_version" => ("rust-openssl", "SslConnector", true),
                "set_max_proto_version" => ("rust-openssl", "SslConnector", false),
                "set_min_tls_version" => ("rust-lettre", "TlsParameters", true),
                "set_options" => ("rust-openssl", "SslConnector", false),
                _ => continue,
            };
            let Some(arg) = c.args.first() else { continue };
            let mut effects = Vec::new();
            for t in arg.value.0..arg.value.1 {
                let Some(n) = self.code.name(t) else { continue };
                if method == "set_options" {
                    let v = match n {
                        "NO_SSLV3" => "ssl3",
                        "NO_TLSV1" => "1.0",
                        "NO_TLSV1_1" => "1.1",
                        "NO_TLSV1_2" => "1.2",
                        "NO_TLSV1_3" => "1.3",
                        _ => continue,
                    };
                    effects.push(Effect::Disable(v));
                } else if let Some(v) = version(n) {
                    effects.push(if min { Effect::Min(v) } else { Effect::Max(v) });
                }
            }
            if effects.is_empty() {
                continue;
            }
            let root = self.chain_root(c);
            let binding = self.chain_binding(root, what);
            for effect in effects {
                out.push((
                    client,
                    Item {
                        binding: binding.clone(),
                        effect,
                        name: method.to_owned(),
                        value: self.code.slice(arg.value.0, arg.value.1).to_owned(),
                        span: self.span(
                            c.path.names.last().copied().unwrap_or(c.path.start),
                            c.close + 1,
                        ),
                    },
                ));
            }
        }
        out
    }

    /// `let a = b.build()...`: a -> b, both qualified.
    fn aliases(&self, known: &[String]) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for c in &self.calls {
            let names = self.code.path_names(&c.path);
            if names.len() != 2 || c.path.receiver.is_some() {
                continue;
            }
            let func = self.func(c.path.start);
            let base = resolve(known, func.as_deref(), names.first().copied().unwrap_or(""));
            if !known.contains(&base) {
                continue;
            }
            if let Some(name) = self.let_target(c.path.start) {
                let q = qualify(func.as_deref(), &name);
                if q != base {
                    out.insert(q, base);
                }
            }
        }
        out
    }

    fn arg_binding(
        &self,
        s: usize,
        e: usize,
        known: &[String],
        aliases: &HashMap<String, String>,
    ) -> Option<String> {
        let mut s = s;
        while s < e && (self.code.is_punct(s, "&") || self.code.is_ident(s, "mut")) {
            s += 1;
        }
        if s >= e {
            return None;
        }
        if let Some(path) = self.code.path_at(s, e) {
            if path.end == e {
                let text = self.code.path_names(&path).join(".");
                let r = resolve(known, self.func(s).as_deref(), &text);
                let r = if known.contains(&r) {
                    r
                } else {
                    let q = qualify(self.func(s).as_deref(), &text);
                    aliases.get(&q).cloned().unwrap_or(r)
                };
                return Some(aliases.get(&r).cloned().unwrap_or(r));
            }
        }
        // An inline builder chain: its synthetic binding.
        for c in &self.calls {
            if c.path.start >= s && c.close < e {
                let names = self.code.path_names(&c.path);
                for what in ["TlsConnector", "SslConnector", "TlsParameters"] {
                    if names.contains(&what) {
                        return Some(self.chain_binding(self.chain_root(c), what));
                    }
                }
            }
        }
        Some(self.code.slice(s, e).to_owned())
    }

    /// A string literal, or a `const`/`static`/`let` name bound to one.
    fn string_of(&self, s: usize, e: usize) -> Option<String> {
        let mut s = s;
        while s < e && self.code.is_punct(s, "&") {
            s += 1;
        }
        if let Some(v) = self.code.concat_value(s, e) {
            return Some(v);
        }
        if e != s + 1 {
            return None;
        }
        let name = self.code.name(s)?;
        self.code.sole_string_assigned(name)
    }

    fn number_of(&self, s: usize, e: usize) -> Option<u16> {
        if e != s + 1 {
            return None;
        }
        if self.code.kind(s) == Some(Kind::Number) {
            return self
                .code
                .text(s)
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok();
        }
        let name = self.code.name(s)?;
        let values: Vec<u16> = self
            .code
            .assignments()
            .into_iter()
            .filter(|a| self.code.path_text(&a.target) == name)
            .filter_map(|a| {
                let t = (a.value.1 == a.value.0 + 1).then_some(a.value.0)?;
                (self.code.kind(t) == Some(Kind::Number)).then(|| {
                    self.code
                        .text(t)
                        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                        .parse()
                        .ok()
                })?
            })
            .collect();
        match values.as_slice() {
            [v] => Some(*v),
            _ => None,
        }
    }

    /// `(host, 993)`, `"host:993"`, `("host", 993)`.
    fn address(&self, s: usize, e: usize) -> (Option<String>, Option<u16>) {
        if self.code.is_punct(s, "(") && self.code.partner(s) == Some(e - 1) {
            let items = self.code.items(s);
            if let [h, p] = items.as_slice() {
                let host = self.string_of(h.0, h.1).and_then(|v| split_host_port(&v).0);
                return (host, self.number_of(p.0, p.1));
            }
        }
        self.string_of(s, e)
            .map_or((None, None), |v| split_host_port(&v))
    }

    fn usages(&self, known: &[String], aliases: &HashMap<String, String>) -> Vec<Usage> {
        let mut out = Vec::new();
        for c in &self.calls {
            let names = self.code.path_names(&c.path);
            let span = self.span(c.path.start, c.close + 1);
            let arg = |n: usize| c.args.get(n).map(|a| a.value);
            let is_imap = names
                .first()
                .is_some_and(|n| *n == "imap" || *n == "async_imap");
            if is_imap
                && names.len() == 2
                && matches!(names.get(1), Some(&"connect") | Some(&"connect_starttls"))
            {
                let mode = if names.get(1) == Some(&"connect") {
                    TlsMode::Implicit
                } else {
                    TlsMode::Starttls
                };
                let (mut host, port) = arg(0).map_or((None, None), |(s, e)| self.address(s, e));
                if let Some((s, e)) = arg(1) {
                    if let Some(h) = self.string_of(s, e).and_then(|v| split_host_port(&v).0) {
                        host = Some(h);
                    }
                }
                let binding = arg(2).and_then(|(s, e)| self.arg_binding(s, e, known, aliases));
                out.push(Usage {
                    client: "rust-imap",
                    protocol: Protocol::Imap,
                    host,
                    port,
                    tls_mode: mode,
                    binding,
                    span,
                });
            } else if ends_with(&names, &["ClientBuilder", "new"]) {
                let host = arg(0)
                    .and_then(|(s, e)| self.string_of(s, e))
                    .and_then(|v| split_host_port(&v).0);
                let port = arg(1).and_then(|(s, e)| self.number_of(s, e));
                let chain = self.chain_forward(c.close);
                let methods: Vec<&str> = chain
                    .iter()
                    .filter_map(|m| m.path.names.last().and_then(|&n| self.code.name(n)))
                    .collect();
                let mode = if methods.contains(&"starttls") {
                    TlsMode::Starttls
                } else if methods.contains(&"connect")
                    || methods.contains(&"native_tls")
                    || methods.contains(&"rustls")
                {
                    TlsMode::Implicit
                } else {
                    TlsMode::Unknown
                };
                let binding = methods
                    .contains(&"connect")
                    .then(|| "ClientBuilder::connect".to_owned());
                out.push(Usage {
                    client: "rust-imap",
                    protocol: Protocol::Imap,
                    host,
                    port,
                    tls_mode: mode,
                    binding,
                    span,
                });
            } else if is_imap && ends_with(&names, &["Client", "new"]) {
                let binding = arg(0).map(|(s, e)| self.code.slice(s, e).to_owned());
                out.push(Usage {
                    client: "rust-imap",
                    protocol: Protocol::Imap,
                    host: None,
                    port: None,
                    tls_mode: TlsMode::Unknown,
                    binding,
                    span,
                });
            } else if let Some(&m @ ("relay" | "starttls_relay" | "builder_dangerous")) =
                names.last()
            {
                let lo = c.path.start.saturating_sub(12);
                let smtp = (lo..c.open).any(|t| {
                    matches!(
                        self.code.name(t),
                        Some("SmtpTransport" | "AsyncSmtpTransport")
                    )
                });
                if !smtp {
                    continue;
                }
                let (mut mode, mut port) = match m {
                    "relay" => (TlsMode::Implicit, Some(465)),
                    "starttls_relay" => (TlsMode::Starttls, Some(587)),
                    _ => (TlsMode::None, Some(25)),
                };
                let host = arg(0)
                    .and_then(|(s, e)| self.string_of(s, e))
                    .and_then(|v| split_host_port(&v).0);
                let mut binding = None;
                for m in self.chain_forward(c.close) {
                    let mname = m.path.names.last().and_then(|&n| self.code.name(n));
                    let a = m.args.first().map(|a| a.value);
                    match mname {
                        Some("port") => port = a.and_then(|(s, e)| self.number_of(s, e)).or(port),
                        Some("tls") => {
                            if let Some((s, e)) = a {
                                let path = self.code.path_at(s, e);
                                let variant = path
                                    .as_ref()
                                    .and_then(|p| p.names.last().and_then(|&n| self.code.name(n)));
                                mode = match variant {
                                    Some("Wrapper") => TlsMode::Implicit,
                                    Some("Required") | Some("Opportunistic") => TlsMode::Starttls,
                                    Some("None") => TlsMode::None,
                                    _ => mode,
                                };
                                if let Some(p) = path {
                                    if self.code.is_punct(p.end, "(") {
                                        binding = self.code.partner(p.end).and_then(|close| {
                                            self.arg_binding(p.end + 1, close, known, aliases)
                                        });
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Usage {
                    client: "rust-lettre",
                    protocol: Protocol::Smtp,
                    host,
                    port,
                    tls_mode: mode,
                    binding,
                    span,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
