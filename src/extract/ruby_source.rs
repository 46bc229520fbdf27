//! Ruby source: `OpenSSL::SSL::SSLContext` TLS versions and the stdlib
//! mail clients that use them (net-imap, net-pop, net-smtp).
//!
//! The file is read through the shared code lexer, so comments and string
//! contents are never settings.
//!
//! Facts:
//! - `tls_setting` (client `ruby-openssl`, scope `call`): a hash of
//!   `SSLContext#set_params` parameters with `min_version:`,
//!   `max_version:`, `ssl_version:` (inline in `ssl:`,
//!   `ssl_context_params:`, `starttls(...)`, `enable_ssl(...)`, or a local
//!   variable assigned a hash literal), and a context variable
//!   `ctx = OpenSSL::SSL::SSLContext.new(:TLSv1)` with `ctx.min_version =`,
//!   `ctx.max_version =`, `ctx.ssl_version =`, `ctx.set_params(...)`.
//!   Values as ruby/openssl reads them: `min_version`/`max_version` take
//!   `OpenSSL::SSL::TLS1_VERSION` .. `TLS1_3_VERSION`, `SSL3_VERSION`, the
//!   symbols/strings `:SSL3`, `:TLS1`, `:TLS1_1`, `:TLS1_2`, `:TLS1_3`, or
//!   the protocol numbers (`0x0301`); `nil` is no bound. `ssl_version`
//!   (`METHODS_MAP`) takes `:SSLv2`, `:SSLv3`, `:TLSv1`, `:TLSv1_1`,
//!   `:TLSv1_2` (a `_client`/`_server` suffix is ignored), each pinning one
//!   version, and `:SSLv23` (no pin); anything else raises.
//! - `mail_usage`: `Net::IMAP.new(host, port:, ssl:)` (also the deprecated
//!   positional `new(host, port, usessl)` and options hash), implicit TLS
//!   when `ssl` is given and not `false`/`nil`, STARTTLS when the returned
//!   object calls `starttls`; `Net::POP3.new`/`start(host, port)` with
//!   `enable_ssl` on the object or on the class (`Net::POP3.enable_ssl`,
//!   which every later instance takes); `Net::SMTP.new`/`start(host, port,
//!   tls:, starttls:, ssl_context_params:)` with `enable_tls`/`enable_ssl`
//!   (implicit) or `enable_starttls`/`enable_starttls_auto` (STARTTLS).
//!
//! What reaches which client (checked against ruby/net-imap
//! `build_ssl_ctx`, ruby/net-pop `enable_ssl`/`do_start`, ruby/net-smtp
//! `enable_tls`/`start`): net-imap and net-pop take only a *hash* of
//! `set_params` parameters (an `SSLContext` object passed to them is not a
//! hash and is silently replaced by a default context); net-smtp's
//! `enable_tls`/`enable_starttls` take an `SSLContext` *object*, and its
//! `ssl_context_params:` a hash. A value of the wrong kind binds nothing.
//!
//! Decisions:
//! - Local variables are qualified by their method (`poll::ctx`, see
//!   [`scope`]); instance variables and constants are not. An inline hash
//!   gets a synthetic binding `ssl@LINE:COL`; `ssl: true` uses the default
//!   context: no binding.
//! - net-smtp 0.3+ defaults to `starttls: :auto` and older versions to no
//!   STARTTLS: without `tls:`/`starttls:`/`enable_*` the mode is unknown.
//! - Paren-less calls (`Net::IMAP.new host, port: 993`) are read to the
//!   end of the statement.
//! - A heredoc or multi-line string that never ends is an error.

mod scope;

use crate::extract::common::code_lexer::{spec, Arg, Code, Kind};
use crate::extract::common::code_tls::{
    qualify, setting_facts, synthetic, usage_fact, Effect, Item, Usage,
};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;
use scope::{def_of, Def};

const CLIENT: &str = "ruby-openssl";

/// Extracts `tls_setting` and `mail_usage` facts from Ruby source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::RUBY);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated heredoc or string",
            Some(file.position(off).0),
        ));
    }
    let defs = scope::defs(&code);
    let calls = method_calls(&code, &defs);
    let mut rb = Rb {
        file,
        code: &code,
        defs,
        calls,
        contexts: Vec::new(),
        hashes: Vec::new(),
    };
    rb.variables();
    let mut items = Vec::new();
    rb.context_settings(&mut items);
    let usages = rb.usages(&mut items);
    let mut facts = setting_facts(file, CLIENT, &items);
    for u in &usages {
        facts.push(usage_fact(file, u));
    }
    Ok(facts)
}

/// A method call, with or without parentheses.
struct MCall {
    /// Path names (`Net`, `IMAP`, `new`).
    names: Vec<String>,
    /// The receiver (`names` but the last, joined by `.`), a local variable
    /// qualified by its method.
    recv: String,
    /// First token of the path and one past the last token of the call.
    start: usize,
    end: usize,
    args: Vec<Arg>,
}

const METHODS: [&str; 8] = [
    "new",
    "start",
    "starttls",
    "enable_ssl",
    "enable_tls",
    "enable_starttls",
    "enable_starttls_auto",
    "set_params",
];

/// `name` qualified by the method holding token `at` when it is a plain
/// local variable (not `@ivar`, `$global`, `Const` or a dotted path).
fn local(defs: &[Def], at: usize, name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    if plain {
        qualify(def_of(defs, at), name)
    } else {
        name.to_owned()
    }
}

fn method_calls(code: &Code<'_>, defs: &[Def]) -> Vec<MCall> {
    let mut out = Vec::new();
    for i in 0..code.len() {
        let Some(name) = code.name(i) else { continue };
        if !METHODS.contains(&name) {
            continue;
        }
        let Some(path) = code.path_back(i) else {
            continue;
        };
        if path.end != i + 1 {
            continue;
        }
        let names: Vec<String> = code
            .path_names(&path)
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        if names.len() < 2 {
            continue;
        }
        let next = i + 1;
        let (args, end) = if code.is_punct(next, "(") && !has_space_before(code, next) {
            match code.call(next) {
                Some(c) => (c.args, c.close + 1),
                None => continue,
            }
        } else if next < code.len()
            && !code.line_break_before(next)
            && !(code.kind(next) == Some(Kind::Punct)
                && matches!(code.text(next), "." | "=" | "&." | "==" | ")" | "]" | "}"))
        {
            let e = code.statement_end(next, code.len());
            // `do |x|` blocks end the arguments.
            let e = (next..e).find(|&j| code.is_ident(j, "do")).unwrap_or(e);
            (code.args_in(next, e), e)
        } else {
            (Vec::new(), next)
        };
        let recv = local(defs, path.start, &names[..names.len() - 1].join("."));
        out.push(MCall {
            names,
            recv,
            start: path.start,
            end,
            args,
        });
    }
    out
}

fn has_space_before(code: &Code<'_>, i: usize) -> bool {
    match (i.checked_sub(1).and_then(|p| code.tok(p)), code.tok(i)) {
        (Some(a), Some(b)) => a.end != b.start,
        _ => false,
    }
}

/// A `min_version`/`max_version` value (ruby/openssl `parse_proto_version`:
/// an Integer, or a Symbol/String naming a version; `nil` is no bound).
fn minmax_version(v: &str) -> Option<&'static str> {
    let v = v.trim_start_matches(':');
    let last = v.rsplit("::").next().unwrap_or("");
    let number = match last.strip_prefix("0x").or_else(|| last.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(&h.replace('_', ""), 16).ok(),
        None => last.replace('_', "").parse::<u32>().ok(),
    };
    if let Some(n) = number {
        return match n {
            0x0300 => Some("ssl3"),
            0x0301 => Some("1.0"),
            0x0302 => Some("1.1"),
            0x0303 => Some("1.2"),
            0x0304 => Some("1.3"),
            _ => None,
        };
    }
    Some(match last {
        "SSL2" | "SSL2_VERSION" => "ssl2",
        "SSL3" | "SSL3_VERSION" => "ssl3",
        "TLS1" | "TLS1_VERSION" => "1.0",
        "TLS1_1" | "TLS1_1_VERSION" => "1.1",
        "TLS1_2" | "TLS1_2_VERSION" => "1.2",
        "TLS1_3" | "TLS1_3_VERSION" => "1.3",
        _ => return None,
    })
}

/// An `ssl_version` value (`SSLContext::METHODS_MAP`): `Some(Some(v))` pins
/// `v`, `Some(None)` is the negotiating `SSLv23`, None raises upstream.
fn ssl_version(v: &str) -> Option<Option<&'static str>> {
    let v = v.trim_start_matches(':');
    let v = v
        .strip_suffix("_client")
        .or_else(|| v.strip_suffix("_server"))
        .unwrap_or(v);
    Some(Some(match v {
        "SSLv2" => "ssl2",
        "SSLv3" => "ssl3",
        "TLSv1" => "1.0",
        "TLSv1_1" => "1.1",
        "TLSv1_2" => "1.2",
        "SSLv23" => return Some(None),
        _ => return None,
    }))
}

/// What a client parameter expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// A hash of `SSLContext#set_params` parameters.
    Hash,
    /// An `OpenSSL::SSL::SSLContext` object.
    Context,
}

struct Rb<'a, 'f> {
    file: &'f SourceFile<'a>,
    code: &'f Code<'a>,
    defs: Vec<Def>,
    calls: Vec<MCall>,
    /// Qualified variables assigned `SSLContext.new`.
    contexts: Vec<String>,
    /// Qualified variables assigned a hash literal, with the `{`.
    hashes: Vec<(String, usize)>,
}

impl<'a, 'f> Rb<'a, 'f> {
    /// The text of a value range as a constant: a string's value, or the
    /// code (`:TLSv1`, `OpenSSL::SSL::TLS1_VERSION`).
    fn value_text(&self, (s, e): (usize, usize)) -> Option<String> {
        if e == s + 1 {
            if let Some(v) = self.code.str_value(s) {
                return Some(v.to_owned());
            }
        }
        if s >= e {
            return None;
        }
        Some(self.code.slice(s, e).split_whitespace().collect())
    }

    /// Adds the version keys of a hash's items to `binding`.
    fn hash_items(&self, args: &[Arg], binding: &str, items: &mut Vec<Item>) {
        for a in args {
            let Some(key) = a.key.and_then(|k| self.code.key_text(k)) else {
                continue;
            };
            let key = key.trim_start_matches(':');
            self.setting(key, a.value, (a.range.0, a.range.1), binding, items);
        }
    }

    /// One `min_version`/`max_version`/`ssl_version` value.
    fn setting(
        &self,
        key: &str,
        value: (usize, usize),
        range: (usize, usize),
        binding: &str,
        items: &mut Vec<Item>,
    ) {
        let Some(text) = self.value_text(value) else {
            return;
        };
        let effect = match key {
            "min_version" => minmax_version(&text).map(Effect::Min),
            "max_version" => minmax_version(&text).map(Effect::Max),
            "ssl_version" => ssl_version(&text).map(|p| p.map_or(Effect::Declare, Effect::Pin)),
            _ => None,
        };
        let (Some(effect), Some(span)) = (effect, self.code.span(range.0, range.1)) else {
            return;
        };
        items.push(Item {
            binding: binding.to_owned(),
            effect,
            name: key.to_owned(),
            value: text,
            span,
        });
    }

    /// The qualified name of a single-token variable value.
    fn variable(&self, (s, e): (usize, usize)) -> Option<String> {
        if e != s + 1 || self.code.kind(s) != Some(Kind::Ident) {
            return None;
        }
        Some(local(&self.defs, s, self.code.text(s)))
    }

    /// Records context and hash variables (`ctx = OpenSSL::SSL::SSLContext.new`,
    /// `params = { min_version: ... }`).
    fn variables(&mut self) {
        for a in self.code.assignments() {
            if !self.code.is_punct(a.op, "=") || a.target.names.len() != 1 {
                continue;
            }
            let name = local(&self.defs, a.target.start, &self.code.path_text(&a.target));
            let (s, e) = self.code.strip_parens(a.value.0, a.value.1);
            if self.code.is_punct(s, "{") {
                self.hashes.push((name, s));
            } else if self.code.slice(s, e).contains("SSLContext.new") {
                self.contexts.push(name);
            }
        }
    }

    /// The binding a client parameter value gives the client, adding the
    /// settings of an inline hash or hash variable. None when the value is
    /// `true`/`false`/`nil`, a constant, or of the wrong kind.
    fn param_binding(
        &self,
        value: (usize, usize),
        want: Want,
        items: &mut Vec<Item>,
    ) -> Option<String> {
        let (s, e) = self.code.strip_parens(value.0, value.1);
        if s >= e {
            return None;
        }
        if self.code.is_punct(s, "{") && self.code.partner(s) == Some(e - 1) {
            if want != Want::Hash {
                return None;
            }
            let off = self.code.tok(s).map_or(0, |t| t.start);
            let binding = synthetic(self.file, "ssl", off);
            self.hash_literal(s, &binding, items);
            return Some(binding);
        }
        if e == s + 1 && matches!(self.code.text(s), "true" | "false" | "nil") {
            return None;
        }
        let text = self.code.slice(s, e);
        if text.contains("SSLContext.new") {
            if want != Want::Context {
                return None;
            }
            let off = self.code.tok(s).map_or(0, |t| t.start);
            let binding = synthetic(self.file, "ssl", off);
            if let Some(c) = self.calls.iter().find(|c| c.start >= s && c.start < e) {
                self.declare_context(c, &binding, items);
            }
            return Some(binding);
        }
        if let Some(var) = self.variable((s, e)) {
            if self.contexts.contains(&var) {
                return (want == Want::Context).then_some(var);
            }
            if let Some(&(_, brace)) = self.hashes.iter().find(|(n, _)| *n == var) {
                if want != Want::Hash {
                    return None;
                }
                self.hash_literal(brace, &var, items);
                return Some(var);
            }
            // Built elsewhere (a parameter, a helper's result).
            return Some(var);
        }
        // A constant (`OpenSSL::SSL::VERIFY_PEER`), a number, a call.
        if self
            .code
            .name(e - 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
            || self.code.kind(s) == Some(Kind::Number)
        {
            return None;
        }
        Some(text.split_whitespace().collect())
    }

    /// The settings of the hash literal opened at `brace`, with a
    /// declaration on the brace.
    fn hash_literal(&self, brace: usize, binding: &str, items: &mut Vec<Item>) {
        let args: Vec<Arg> = self
            .code
            .items(brace)
            .into_iter()
            .map(|r| self.code.arg(r))
            .collect();
        let off = self.code.tok(brace).map_or(0, |t| t.start);
        items.push(Item {
            binding: binding.to_owned(),
            effect: Effect::Declare,
            name: "ssl".to_owned(),
            value: String::new(),
            span: self.code.span(brace, brace + 1).unwrap_or((off, off)),
        });
        self.hash_items(&args, binding, items);
    }

    /// Keyword arguments of a call that takes a `set_params` hash
    /// (`starttls(min_version: ...)`, `enable_ssl(ssl_version: ...)`), or
    /// its first argument.
    fn hash_args(&self, c: &MCall, items: &mut Vec<Item>) -> Option<String> {
        if c.args.is_empty() {
            return None;
        }
        if c.args.iter().all(|a| a.key.is_some()) {
            let off = self
                .code
                .tok(c.args.first().map_or(0, |a| a.range.0))
                .map_or(0, |t| t.start);
            let binding = synthetic(self.file, "ssl", off);
            if let Some(span) = self.code.span(c.start, c.end) {
                items.push(Item {
                    binding: binding.clone(),
                    effect: Effect::Declare,
                    name: "ssl".to_owned(),
                    value: String::new(),
                    span,
                });
            }
            self.hash_items(&c.args, &binding, items);
            return Some(binding);
        }
        c.args
            .first()
            .and_then(|a| self.param_binding(a.value, Want::Hash, items))
    }

    /// The variable a call's result is assigned to (`imap = Net::IMAP.new`),
    /// qualified.
    fn result_var(&self, start: usize) -> Option<String> {
        let eq = start.checked_sub(1)?;
        if !self.code.is_punct(eq, "=") {
            return None;
        }
        let path = self.code.path_back(eq.checked_sub(1)?)?;
        Some(local(&self.defs, path.start, &self.code.path_text(&path)))
    }

    /// Calls `var.method(...)` of one of `methods`.
    fn on_var<'s>(&'s self, var: &'s str, methods: &'s [&str]) -> impl Iterator<Item = &'s MCall> {
        self.calls.iter().filter(move |c| {
            c.names
                .last()
                .is_some_and(|m| methods.contains(&m.as_str()))
                && c.recv == var
        })
    }

    fn literal_host(&self, a: Option<&Arg>) -> Option<String> {
        let a = a?;
        if let Some(v) = self.code.concat_value(a.value.0, a.value.1) {
            return Some(v.trim().to_ascii_lowercase()).filter(|h| !h.is_empty());
        }
        // A variable or constant assigned exactly one literal.
        let t = a.single()?;
        let name = self.code.name(t)?;
        let values: Vec<String> = self
            .code
            .assignments()
            .iter()
            .filter(|x| self.code.path_names(&x.target) == [name])
            .filter_map(|x| self.code.concat_value(x.value.0, x.value.1))
            .collect();
        match values.as_slice() {
            [v] => Some(v.trim().to_ascii_lowercase()),
            _ => None,
        }
    }

    fn literal_port(&self, a: Option<&Arg>) -> Option<u16> {
        let t = a?.single()?;
        if self.code.kind(t) == Some(Kind::Number) {
            return self.code.text(t).replace('_', "").parse().ok();
        }
        self.code.str_value(t)?.parse().ok()
    }

    fn is_truthy(&self, a: Option<&Arg>) -> Option<bool> {
        let (s, e) = a?.value;
        if e == s + 1 {
            match self.code.text(s) {
                "false" | "nil" => return Some(false),
                "true" => return Some(true),
                _ => {}
            }
        }
        None
    }

    fn usages(&self, items: &mut Vec<Item>) -> Vec<Usage> {
        // `Net::POP3.enable_ssl(params)`: every later instance (by position).
        let mut pop_class: Vec<(usize, Option<String>)> = Vec::new();
        for c in &self.calls {
            let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
            if let [.., "Net", "POP3" | "POP", "enable_ssl"] = names.as_slice() {
                pop_class.push((c.start, self.hash_args(c, items)));
            }
        }
        let mut out = Vec::new();
        for c in &self.calls {
            let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
            let (client, protocol) = match names.as_slice() {
                [.., "Net", "IMAP", "new"] => ("ruby-net-imap", Protocol::Imap),
                [.., "Net", "POP3", "new" | "start"] => ("ruby-net-pop", Protocol::Pop3),
                [.., "Net", "SMTP", "new" | "start"] => ("ruby-net-smtp", Protocol::Smtp),
                _ => continue,
            };
            let Some(span) = self.code.span(c.start, c.end.max(c.start + 1)) else {
                continue;
            };
            let mut positional: Vec<&Arg> = c.args.iter().filter(|a| a.key.is_none()).collect();
            let mut named_args: Vec<&Arg> = c.args.iter().filter(|a| a.key.is_some()).collect();
            // net-imap's deprecated `new(host, {port: 993, ssl: {...}})`.
            let options_hash: Vec<Arg>;
            if protocol == Protocol::Imap
                && positional.len() == 2
                && positional
                    .get(1)
                    .is_some_and(|a| self.code.is_punct(a.value.0, "{"))
            {
                let brace = positional[1].value.0;
                options_hash = self
                    .code
                    .items(brace)
                    .into_iter()
                    .map(|r| self.code.arg(r))
                    .collect();
                named_args.extend(options_hash.iter());
                positional.truncate(1);
            }
            let named = |k: &str| {
                named_args
                    .iter()
                    .copied()
                    .find(|a| a.key.and_then(|t| self.code.key_text(t)) == Some(k))
            };
            let host = self.literal_host(positional.first().copied());
            let mut port = self
                .literal_port(named("port"))
                .or_else(|| self.literal_port(positional.get(1).copied()));
            let var = self.result_var(c.start);
            let mut mode = TlsMode::None;
            let mut binding = None;
            match protocol {
                Protocol::Imap => {
                    if let Some(a) = named("ssl") {
                        if self.is_truthy(Some(a)) != Some(false) {
                            mode = TlsMode::Implicit;
                            binding = self.param_binding(a.value, Want::Hash, items);
                        }
                    } else if let Some(a) = positional.get(2) {
                        // Deprecated `usessl`: a flag, the certs and verify follow.
                        if self.is_truthy(Some(a)) != Some(false) {
                            mode = TlsMode::Implicit;
                        }
                    }
                    if mode == TlsMode::None {
                        if let Some(st) = var
                            .as_deref()
                            .and_then(|v| self.on_var(v, &["starttls"]).next())
                        {
                            mode = TlsMode::Starttls;
                            binding = self.hash_args(st, items);
                        }
                    }
                    port = port.or(Some(if mode == TlsMode::Implicit { 993 } else { 143 }));
                }
                Protocol::Pop3 => {
                    if let Some(e) = var
                        .as_deref()
                        .and_then(|v| self.on_var(v, &["enable_ssl"]).next())
                    {
                        mode = TlsMode::Implicit;
                        binding = self.hash_args(e, items);
                    } else if let Some((_, b)) =
                        pop_class.iter().rev().find(|(at, _)| *at < c.start)
                    {
                        mode = TlsMode::Implicit;
                        binding = b.clone();
                    }
                    port = port.or(Some(if mode == TlsMode::Implicit { 995 } else { 110 }));
                }
                _ => {
                    if let Some(a) = named("ssl_context_params") {
                        binding = self.param_binding(a.value, Want::Hash, items);
                    }
                    let starttls = named("starttls").map(|a| self.is_truthy(Some(a)));
                    mode = if self.is_truthy(named("tls")) == Some(true) {
                        TlsMode::Implicit
                    } else {
                        match starttls {
                            Some(Some(false)) => TlsMode::None,
                            Some(_) => TlsMode::Starttls,
                            None => TlsMode::Unknown,
                        }
                    };
                    if let Some(v) = var.as_deref() {
                        if let Some(e) = self.on_var(v, &["enable_tls", "enable_ssl"]).next() {
                            mode = TlsMode::Implicit;
                            binding = self.context_arg(e, items).or(binding);
                        } else if let Some(e) = self
                            .on_var(v, &["enable_starttls", "enable_starttls_auto"])
                            .next()
                        {
                            mode = TlsMode::Starttls;
                            binding = self.context_arg(e, items).or(binding);
                        }
                    }
                }
            }
            out.push(Usage {
                client,
                protocol,
                host,
                port,
                tls_mode: mode,
                binding,
                span,
            });
        }
        out
    }

    /// net-smtp `enable_tls(context)` / `enable_starttls(context)`.
    fn context_arg(&self, c: &MCall, items: &mut Vec<Item>) -> Option<String> {
        let a = c.args.iter().find(|a| a.key.is_none())?;
        self.param_binding(a.value, Want::Context, items)
    }

    /// `SSLContext.new` (with the `SSLContext.new(:TLSv1)` pin) on `binding`.
    fn declare_context(&self, c: &MCall, binding: &str, items: &mut Vec<Item>) {
        let Some(span) = self.code.span(c.start, c.end) else {
            return;
        };
        items.push(Item {
            binding: binding.to_owned(),
            effect: Effect::Declare,
            name: "SSLContext.new".to_owned(),
            value: String::new(),
            span,
        });
        if let Some(a) = c.args.first() {
            self.setting("ssl_version", a.value, a.range, binding, items);
        }
    }

    /// `ctx = OpenSSL::SSL::SSLContext.new` and `ctx.min_version = v`,
    /// `ctx.ssl_version = v`, `ctx.set_params(...)`.
    fn context_settings(&self, items: &mut Vec<Item>) {
        for c in &self.calls {
            let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
            if let [.., "SSLContext", "new"] = names.as_slice() {
                if let Some(var) = self.result_var(c.start) {
                    self.declare_context(c, &var, items);
                }
            } else if names.last() == Some(&"set_params") {
                self.hash_items(&c.args, &c.recv, items);
            }
        }
        for a in self.code.assignments() {
            let names = self.code.path_names(&a.target);
            let Some((&last, recv)) = names.split_last() else {
                continue;
            };
            if recv.is_empty() || !self.code.is_punct(a.op, "=") {
                continue;
            }
            if !matches!(last, "min_version" | "max_version" | "ssl_version") {
                continue;
            }
            let var = local(&self.defs, a.target.start, &recv.join("."));
            let value = (
                a.value.0,
                self.code.expr_end(a.value.0, a.value.1.max(a.value.0)),
            );
            let range = (a.target.start, value.1);
            self.setting(last, value, range, &var, items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        let file = SourceFile::new("t.rb", text);
        extract(&file).unwrap_or_default()
    }

    #[test]
    fn imap_inline_ssl_version_pins_tls10() {
        let f = facts(
            "imap = Net::IMAP.new('Outlook.Office365.com', port: 993, ssl: { ssl_version: :TLSv1 })\n",
        );
        let s = f
            .iter()
            .find(|x| x.client.as_deref() == Some(CLIENT))
            .expect("setting");
        let tls = s.tls.as_ref().expect("tls");
        assert_eq!(tls.min.as_deref(), Some("1.0"));
        assert_eq!(tls.max.as_deref(), Some("1.0"));
        let u = f
            .iter()
            .find(|x| x.client.as_deref() == Some("ruby-net-imap"))
            .expect("usage");
        assert_eq!(u.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(u.port, Some(993));
        assert_eq!(u.binding, s.binding);
    }

    #[test]
    fn context_variable_min_version() {
        let f = facts(
            "ctx = OpenSSL::SSL::SSLContext.new\nctx.min_version = OpenSSL::SSL::TLS1_VERSION\nsmtp = Net::SMTP.new('smtp.example.com', 587)\nsmtp.enable_starttls(ctx)\n",
        );
        let s = f
            .iter()
            .find(|x| x.client.as_deref() == Some(CLIENT))
            .expect("setting");
        assert_eq!(s.tls.as_ref().and_then(|t| t.min.as_deref()), Some("1.0"));
        assert_eq!(s.binding.as_deref(), Some("ctx"));
        let u = f
            .iter()
            .find(|x| x.client.as_deref() == Some("ruby-net-smtp"))
            .expect("usage");
        assert_eq!(u.tls_mode, Some(TlsMode::Starttls));
        assert_eq!(u.binding.as_deref(), Some("ctx"));
    }

    #[test]
    fn paren_less_and_comments() {
        let f = facts("# ssl_version: :TLSv1\nimap = Net::IMAP.new host, port: 993, ssl: true\nputs 'min_version = TLS1'\n");
        assert!(f.iter().all(|x| x.client.as_deref() != Some(CLIENT)));
        let u = f
            .iter()
            .find(|x| x.client.as_deref() == Some("ruby-net-imap"))
            .expect("usage");
        assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
        assert_eq!(u.binding, None);
    }

    #[test]
    fn locals_are_per_method_and_imap_ignores_contexts() {
        let f = facts("def a\n  ctx = OpenSSL::SSL::SSLContext.new(:TLSv1)\n  imap = Net::IMAP.new('h', ssl: ctx)\nend\ndef b\n  ctx = OpenSSL::SSL::SSLContext.new\n  ctx.min_version = :TLS1_2\n  s = Net::SMTP.new('h', 465)\n  s.enable_tls(ctx)\nend\n");
        let bindings: Vec<Option<&str>> = f.iter().map(|x| x.binding.as_deref()).collect();
        assert_eq!(
            bindings,
            vec![Some("a::ctx"), Some("b::ctx"), None, Some("b::ctx")]
        );
    }

    #[test]
    fn version_values_as_ruby_openssl_reads_them() {
        assert_eq!(minmax_version("0x0301"), Some("1.0"));
        assert_eq!(minmax_version(":TLS1_1"), Some("1.1"));
        assert_eq!(minmax_version("nil"), None);
        assert_eq!(ssl_version(":TLSv1_client"), Some(Some("1.0")));
        assert_eq!(ssl_version(":SSLv23"), Some(None));
        assert_eq!(ssl_version(":TLSv1_3"), None);
        assert_eq!(ssl_version(":tlsv1"), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for t in [
            "Net::IMAP.new(",
            "x = <<~EOS\nnever",
            "ctx.min_version =",
            ")))(((",
            "Net::SMTP.start",
        ] {
            let file = SourceFile::new("t.rb", t);
            let _ = extract(&file);
        }
        let file = SourceFile::new("t.rb", "x = <<~EOS\nnever ends\n");
        assert!(extract(&file).is_err());
    }
}
