//! Ruby source: `OpenSSL::SSL::SSLContext` TLS versions and the stdlib
//! mail clients that use them (net-imap, net-pop, net-smtp).
//!
//! The file is read through the shared code lexer, so comments and string
//! contents are never settings.
//!
//! Facts:
//! - `tls_setting` (client `ruby-openssl`, scope `call`): an `ssl:` /
//!   `ssl_context_params:` hash, or a `starttls(...)` / `enable_ssl(...)` /
//!   `enable_tls(...)` / `enable_starttls(...)` hash argument (the hash is
//!   `SSLContext#set_params`), with `min_version:`, `max_version:`,
//!   `ssl_version:`; and a context variable
//!   `ctx = OpenSSL::SSL::SSLContext.new` with `ctx.min_version = ...`,
//!   `ctx.max_version = ...`, `ctx.ssl_version = ...`,
//!   `ctx.set_params(...)`. Values: `OpenSSL::SSL::TLS1_VERSION` ..
//!   `TLS1_3_VERSION`, `SSL3_VERSION`, symbols/strings `:TLS1`, `:TLS1_1`,
//!   `:TLS1_2`, `:TLS1_3`, `:SSL3`; `ssl_version` `:TLSv1`, `:TLSv1_1`,
//!   `:TLSv1_2` (optionally `_client`) pins one version, `:SSLv23` pins none.
//! - `mail_usage`: `Net::IMAP.new(host, port:, ssl:)` (also the old
//!   positional `new(host, port, usessl)`), implicit TLS when `ssl` is given
//!   and not `false`/`nil`, STARTTLS when the returned object calls
//!   `starttls`; `Net::POP3.new(host, port)` with `enable_ssl`;
//!   `Net::SMTP.new`/`start(host, port, tls:, starttls:)` with
//!   `enable_tls`/`enable_ssl` (implicit) or `enable_starttls`/
//!   `enable_starttls_auto` (STARTTLS).
//!
//! Decisions:
//! - Bindings are variable names as written (Ruby methods have no braces
//!   to scope them); an inline hash gets a synthetic binding
//!   `ssl@LINE:COL`. `ssl: true` uses the default context: no binding.
//! - Paren-less calls (`Net::IMAP.new host, port: 993`) are read to the
//!   end of the statement.
//! - A heredoc or multi-line string that never ends is an error.

use crate::extract::common::code_lexer::{spec, Arg, Code, Kind};
use crate::extract::common::code_tls::{setting_facts, synthetic, usage_fact, Effect, Item, Usage};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;

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
    let rb = Rb {
        file,
        code: &code,
        calls: method_calls(&code),
    };
    let mut items = Vec::new();
    let usages = rb.usages(&mut items);
    rb.context_settings(&mut items);
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
    /// First token of the path and one past the last token of the call.
    start: usize,
    end: usize,
    args: Vec<Arg>,
}

const METHODS: [&str; 10] = [
    "new",
    "start",
    "starttls",
    "enable_ssl",
    "enable_tls",
    "enable_starttls",
    "enable_starttls_auto",
    "set_params",
    "min_version",
    "max_version",
];

fn method_calls(code: &Code<'_>) -> Vec<MCall> {
    let mut out = Vec::new();
    for i in 0..code.len() {
        let Some(name) = code.name(i) else { continue };
        if !METHODS[..8].contains(&name) {
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
        out.push(MCall {
            names,
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

/// A version constant, symbol or string for `min_version`/`max_version`.
fn minmax_version(v: &str) -> Option<&'static str> {
    let v = v.trim_start_matches(':').to_ascii_uppercase();
    let v = v.rsplit("::").next().unwrap_or("");
    Some(match v {
        "SSL3" | "SSL3_VERSION" => "ssl3",
        "TLS1" | "TLS1_VERSION" => "1.0",
        "TLS1_1" | "TLS1_1_VERSION" => "1.1",
        "TLS1_2" | "TLS1_2_VERSION" => "1.2",
        "TLS1_3" | "TLS1_3_VERSION" => "1.3",
        _ => return None,
    })
}

/// An `ssl_version` value: `Some(Some(v))` pins `v`, `Some(None)` is the
/// negotiating method (`SSLv23`).
fn ssl_version(v: &str) -> Option<Option<&'static str>> {
    let v = v.trim_start_matches(':').to_ascii_uppercase();
    let v = v
        .strip_suffix("_CLIENT")
        .or_else(|| v.strip_suffix("_SERVER"))
        .unwrap_or(&v);
    Some(Some(match v {
        "SSLV3" => "ssl3",
        "TLSV1" => "1.0",
        "TLSV1_1" => "1.1",
        "TLSV1_2" => "1.2",
        "TLSV1_3" => "1.3",
        "SSLV23" | "TLS" => return Some(None),
        _ => return None,
    }))
}

struct Rb<'a, 'f> {
    file: &'f SourceFile<'a>,
    code: &'f Code<'a>,
    calls: Vec<MCall>,
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

    /// The binding of an `ssl:`-like value: an inline hash (its settings
    /// are added), a context variable, or None for `true`/`false`/`nil`.
    fn ssl_binding(&self, value: (usize, usize), items: &mut Vec<Item>) -> Option<String> {
        let (s, e) = self.code.strip_parens(value.0, value.1);
        if s >= e {
            return None;
        }
        if self.code.is_punct(s, "{") && self.code.partner(s) == Some(e - 1) {
            let args: Vec<Arg> = self
                .code
                .items(s)
                .into_iter()
                .map(|r| self.code.arg(r))
                .collect();
            let off = self.code.tok(s).map_or(0, |t| t.start);
            let binding = synthetic(self.file, "ssl", off);
            items.push(Item {
                binding: binding.clone(),
                effect: Effect::Declare,
                name: "ssl".to_owned(),
                value: String::new(),
                span: self.code.span(s, s + 1).unwrap_or((off, off)),
            });
            self.hash_items(&args, &binding, items);
            return Some(binding);
        }
        if e == s + 1 && matches!(self.code.text(s), "true" | "false" | "nil") {
            return None;
        }
        // An SSLContext created inline.
        let text = self.code.slice(s, e);
        if text.contains("SSLContext.new") {
            let off = self.code.tok(s).map_or(0, |t| t.start);
            return Some(synthetic(self.file, "ssl", off));
        }
        Some(text.split_whitespace().collect())
    }

    /// Positional hash arguments (`starttls(min_version: ...)`): all named.
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
            .and_then(|a| self.ssl_binding(a.value, items))
    }

    /// The variable a call's result is assigned to (`imap = Net::IMAP.new`).
    fn result_var(&self, start: usize) -> Option<String> {
        let eq = start.checked_sub(1)?;
        if !self.code.is_punct(eq, "=") {
            return None;
        }
        let path = self.code.path_back(eq.checked_sub(1)?)?;
        Some(self.code.path_text(&path))
    }

    /// Calls `var.method(...)` of one of `methods`.
    fn on_var<'s>(&'s self, var: &'s str, methods: &'s [&str]) -> impl Iterator<Item = &'s MCall> {
        self.calls.iter().filter(move |c| {
            let n = c.names.len();
            n >= 2
                && methods.contains(&c.names[n - 1].as_str())
                && c.names[..n - 1].join(".") == var
        })
    }

    fn literal_host(&self, a: Option<&Arg>) -> Option<String> {
        let a = a?;
        if let Some(v) = self.code.concat_value(a.value.0, a.value.1) {
            return Some(v.trim().to_ascii_lowercase()).filter(|h| !h.is_empty());
        }
        // A variable assigned exactly one literal.
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
            let positional: Vec<&Arg> = c.args.iter().filter(|a| a.key.is_none()).collect();
            let named = |k: &str| {
                c.args
                    .iter()
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
                    let ssl = named("ssl").or_else(|| positional.get(2).copied());
                    if let Some(a) = ssl {
                        match self.is_truthy(Some(a)) {
                            Some(false) => {}
                            _ => {
                                mode = TlsMode::Implicit;
                                binding = self.ssl_binding(a.value, items);
                            }
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
                    }
                    port = port.or(Some(if mode == TlsMode::Implicit { 995 } else { 110 }));
                }
                _ => {
                    if let Some(a) = named("ssl_context_params") {
                        binding = self.ssl_binding(a.value, items);
                    }
                    if self.is_truthy(named("tls")) == Some(true) {
                        mode = TlsMode::Implicit;
                    } else if named("starttls")
                        .is_some_and(|a| self.is_truthy(Some(a)) != Some(false))
                    {
                        mode = TlsMode::Starttls;
                    }
                    if let Some(v) = var.as_deref() {
                        if let Some(e) = self.on_var(v, &["enable_tls", "enable_ssl"]).next() {
                            mode = TlsMode::Implicit;
                            binding = self.hash_args(e, items).or(binding);
                        } else if let Some(e) = self
                            .on_var(v, &["enable_starttls", "enable_starttls_auto"])
                            .next()
                        {
                            mode = TlsMode::Starttls;
                            binding = self.hash_args(e, items).or(binding);
                        }
                    }
                    if mode == TlsMode::None && port.is_none() {
                        // net-smtp 0.3+ tries STARTTLS when offered.
                        mode = TlsMode::Unknown;
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

    /// `ctx = OpenSSL::SSL::SSLContext.new` and `ctx.min_version = v`,
    /// `ctx.ssl_version = v`, `ctx.set_params(...)`.
    fn context_settings(&self, items: &mut Vec<Item>) {
        for c in &self.calls {
            let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
            if let [.., "SSLContext", "new"] = names.as_slice() {
                if let (Some(var), Some(span)) =
                    (self.result_var(c.start), self.code.span(c.start, c.end))
                {
                    items.push(Item {
                        binding: var.clone(),
                        effect: Effect::Declare,
                        name: "SSLContext.new".to_owned(),
                        value: String::new(),
                        span,
                    });
                    // `SSLContext.new(:TLSv1)` pins the method.
                    if let Some(a) = c.args.first() {
                        self.setting("ssl_version", a.value, a.range, &var, items);
                    }
                }
            } else if names.last() == Some(&"set_params") {
                let var = names[..names.len() - 1].join(".");
                self.hash_items(&c.args, &var, items);
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
            let var = recv.join(".");
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
