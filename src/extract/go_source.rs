//! Go source: `crypto/tls` configurations and the mail clients that use
//! them (emersion/go-imap v1 `client` and v2 `imapclient`, `net/smtp`, and
//! `tls.Dial` to a mail port).
//!
//! The file is read through the shared code lexer, so comments and string
//! contents are never settings.
//!
//! Facts:
//! - `tls_setting` (client `go-tls`, scope `call`), one per binding of a
//!   `tls.Config{...}` literal (also `&tls.Config{...}`) combined with the
//!   `MinVersion`/`MaxVersion` fields set in it or later
//!   (`cfg.MaxVersion = tls.VersionTLS11`). Values: `tls.VersionSSL30`,
//!   `VersionTLS10`..`VersionTLS13`, raw `0x0300`..`0x0304`.
//! - `mail_usage`: go-imap v1 `client.DialTLS(addr, cfg)` (implicit),
//!   `client.Dial(addr)` (no TLS, `starttls` when the returned client calls
//!   `StartTLS(cfg)`), `DialWithDialer`/`DialWithDialerTLS`; go-imap v2
//!   `imapclient.DialTLS` / `DialStartTLS` / `DialInsecure(addr, opts)` with
//!   the `TLSConfig` of the `imapclient.Options`; `net/smtp` `smtp.Dial`
//!   (+ `StartTLS(cfg)`), `smtp.SendMail` (STARTTLS when offered, default
//!   config); `tls.Dial(net, addr, cfg)` whose connection goes to
//!   `smtp.NewClient`/`imapclient.New`/`client.New`, or whose literal
//!   address has a mail port (client `go-tls`).
//!
//! Decisions:
//! - A `tls.Config` without `MinVersion` has an unknown floor: Go 1.18+
//!   clients default to TLS 1.2, older ones to TLS 1.0, and the file does
//!   not say which Go builds it. It is never a legacy range by itself.
//! - Bindings are variable names qualified by their function
//!   (`main::cfg`); fields (`s.tlsConfig`) stay as written. A literal
//!   written inline (a call argument, an `Options` field, a `return`) gets
//!   a synthetic binding `tls.Config@LINE:COL`. A config argument that is
//!   neither (a helper call) is passed on as its text, which the policies
//!   treat as reachable by every setting in the file.
//! - Host and port come from a string literal `"host:993"`,
//!   `net.JoinHostPort("host", "993")`, or a variable assigned exactly one
//!   such literal in the file.
//! - A raw string or block comment that never ends is an error.

use crate::extract::common::code_lexer::{spec, Call, Code, Kind};
use crate::extract::common::code_tls::{
    function_of, qualify, resolve, setting_facts, synthetic, usage_fact, Effect, Item, Usage,
};
use crate::extract::common::mail_url::{port_defaults, split_host_port};
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;
use std::collections::HashMap;

const V1: &str = "github.com/emersion/go-imap/client";
const V2: &str = "github.com/emersion/go-imap/v2/imapclient";

/// Extracts `tls_setting` and `mail_usage` facts from Go source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::GO);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated raw string or block comment",
            Some(file.position(off).0),
        ));
    }
    let go = Go::new(file, &code);
    let items = go.settings();
    let known: Vec<String> = items.iter().map(|i| i.binding.clone()).collect();
    let mut facts = setting_facts(file, "go-tls", &items);
    for u in go.usages(&known) {
        facts.push(usage_fact(file, &u));
    }
    Ok(facts)
}

struct Go<'a, 'f> {
    file: &'f SourceFile<'a>,
    code: &'f Code<'a>,
    /// Import path -> local names.
    imports: HashMap<String, Vec<String>>,
    calls: Vec<Call>,
}

fn version(name: &str) -> Option<&'static str> {
    Some(match name {
        "VersionSSL30" => "ssl3",
        "VersionTLS10" => "1.0",
        "VersionTLS11" => "1.1",
        "VersionTLS12" => "1.2",
        "VersionTLS13" => "1.3",
        _ => return None,
    })
}

fn hex_version(text: &str) -> Option<&'static str> {
    let t = text.to_ascii_lowercase();
    let digits = t.strip_prefix("0x")?.trim_start_matches('0');
    Some(match digits {
        "300" => "ssl3",
        "301" => "1.0",
        "302" => "1.1",
        "303" => "1.2",
        "304" => "1.3",
        _ => return None,
    })
}

impl<'a, 'f> Go<'a, 'f> {
    fn new(file: &'f SourceFile<'a>, code: &'f Code<'a>) -> Self {
        let mut imports: HashMap<String, Vec<String>> = HashMap::new();
        let mut i = 0;
        while i < code.len() {
            if code.is_ident(i, "import") {
                let (s, e) = if code.is_punct(i + 1, "(") {
                    (i + 2, code.partner(i + 1).unwrap_or(code.len()))
                } else {
                    (i + 1, (i + 3).min(code.len()))
                };
                let mut j = s;
                while j < e {
                    if let Some(path) = code.str_value(j) {
                        let alias = j
                            .checked_sub(1)
                            .filter(|&p| p >= s && !code.line_break_before(j))
                            .and_then(|p| {
                                code.name(p)
                                    .map(str::to_owned)
                                    .or_else(|| code.is_punct(p, ".").then(|| ".".to_owned()))
                            });
                        let local = alias
                            .unwrap_or_else(|| path.rsplit('/').next().unwrap_or(path).to_owned());
                        imports.entry(path.to_owned()).or_default().push(local);
                        if e == i + 3 {
                            break;
                        }
                    }
                    j += 1;
                }
                i = e;
                continue;
            }
            i += 1;
        }
        let calls = code.calls();
        Go {
            file,
            code,
            imports,
            calls,
        }
    }

    /// The local names of a package; `fallback` when the file does not
    /// import it (snippets).
    fn pkg(&self, path: &str, fallback: Option<&str>) -> Vec<String> {
        match self.imports.get(path) {
            Some(names) => names.clone(),
            None if self.imports.is_empty() || path == "crypto/tls" => {
                fallback.map(|f| vec![f.to_owned()]).unwrap_or_default()
            }
            None => Vec::new(),
        }
    }

    fn is_member(&self, path: &[&str], pkgs: &[String], names: &[&str]) -> bool {
        match path {
            [p, n] => pkgs.iter().any(|x| x == p) && names.contains(n),
            [n] => pkgs.iter().any(|x| x == ".") && names.contains(n),
            _ => false,
        }
    }

    fn version_of(&self, s: usize, e: usize) -> Option<&'static str> {
        let (s, e) = self.code.strip_parens(s, e);
        // `uint16(tls.VersionTLS10)`.
        if e > s + 2 && self.code.is_ident(s, "uint16") && self.code.is_punct(s + 1, "(") {
            return self.version_of(s + 2, e - 1);
        }
        let last = e.checked_sub(1)?;
        if self.code.kind(last) == Some(Kind::Number) && e == s + 1 {
            return hex_version(self.code.text(last));
        }
        let path = self.code.path_back(last)?;
        (path.start == s).then_some(())?;
        version(self.code.name(last)?)
    }

    fn func(&self, i: usize) -> Option<String> {
        function_of(self.code, i, Some("func"))
    }

    /// `x := <expr at start>` / `x = ...` / `var x T = ...` / `a, b :=
    /// ...`: the (first) target name and its token.
    fn target_of(&self, start: usize) -> Option<(String, usize)> {
        let op = start.checked_sub(1)?;
        if !(self.code.is_punct(op, "=") || self.code.is_punct(op, ":=")) {
            return None;
        }
        let j = op.checked_sub(1)?;
        // `var cfg *tls.Config = ...`: the name after `var`.
        let mut k = j;
        for _ in 0..8 {
            if self.code.is_ident(k, "var") {
                let n = k + 1;
                return Some((self.code.name(n)?.to_owned(), n));
            }
            if self.code.line_break_before(k) {
                break;
            }
            k = k.checked_sub(1)?;
        }
        let mut first = j;
        while first >= 2
            && self.code.is_punct(first - 1, ",")
            && self.code.name(first - 2).is_some()
        {
            first -= 2;
        }
        if first != j {
            return Some((self.code.name(first)?.to_owned(), first));
        }
        let path = self.code.path_back(j)?;
        if path.receiver.is_some() {
            return None;
        }
        Some((self.code.path_text(&path), path.start))
    }

    /// The binding of a composite literal whose type path starts at `lit`.
    fn literal_binding(&self, lit: usize, what: &str) -> String {
        let start = if lit > 0 && self.code.is_punct(lit - 1, "&") {
            lit - 1
        } else {
            lit
        };
        if let Some((name, at)) = self.target_of(start) {
            return qualify(self.func(at).as_deref(), &name);
        }
        let offset = self.code.tok(lit).map_or(0, |t| t.start);
        synthetic(self.file, what, offset)
    }

    fn span(&self, s: usize, e: usize) -> (usize, usize) {
        self.code.span(s, e).unwrap_or((0, 0))
    }

    /// Composite literals `T{...}` whose type is one of `pkgs`.`name`.
    fn literals(&self, pkgs: &[String], name: &str) -> Vec<Call> {
        (1..self.code.len())
            .filter(|&i| self.code.is_punct(i, "{") && self.code.name(i - 1).is_some())
            .filter_map(|i| self.code.call(i))
            .filter(|c| {
                let names = self.code.path_names(&c.path);
                c.path.receiver.is_none() && self.is_member(&names, pkgs, &[name])
            })
            .collect()
    }

    fn settings(&self) -> Vec<Item> {
        let tls = self.pkg("crypto/tls", Some("tls"));
        let mut items = Vec::new();
        for lit in self.literals(&tls, "Config") {
            let binding = self.literal_binding(lit.path.start, "tls.Config");
            items.push(Item {
                binding: binding.clone(),
                effect: Effect::Declare,
                name: "tls.Config".to_owned(),
                value: String::new(),
                span: self.span(lit.path.start, lit.open + 1),
            });
            for arg in &lit.args {
                let Some(key) = arg.key.and_then(|k| self.code.name(k)) else {
                    continue;
                };
                let Some(v) = self.version_of(arg.value.0, arg.value.1) else {
                    continue;
                };
                let effect = match key {
                    "MinVersion" => Effect::Min(v),
                    "MaxVersion" => Effect::Max(v),
                    _ => continue,
                };
                items.push(Item {
                    binding: binding.clone(),
                    effect,
                    name: key.to_owned(),
                    value: self.code.slice(arg.value.0, arg.value.1).to_owned(),
                    span: self.span(arg.range.0, arg.range.1),
                });
            }
        }
        let known: Vec<String> = items.iter().map(|i| i.binding.clone()).collect();
        for a in self.code.assignments() {
            if !self.code.is_punct(a.op, "=") || a.target.receiver.is_some() || a.index.is_some() {
                continue;
            }
            let names = self.code.path_names(&a.target);
            let [base @ .., key] = names.as_slice() else {
                continue;
            };
            if base.is_empty() {
                continue;
            }
            let Some(v) = self.version_of(a.value.0, a.value.1) else {
                continue;
            };
            let effect = match *key {
                "MinVersion" => Effect::Min(v),
                "MaxVersion" => Effect::Max(v),
                _ => continue,
            };
            let base = base.join(".");
            let binding = resolve(&known, self.func(a.op).as_deref(), &base);
            items.push(Item {
                binding,
                effect,
                name: (*key).to_owned(),
                value: self.code.slice(a.value.0, a.value.1).to_owned(),
                span: self.span(a.target.start, a.value.1),
            });
        }
        items
    }

    /// The binding an argument passes: a name, `&name`, an inline literal,
    /// `nil` (none), or the argument's text.
    fn arg_binding(&self, s: usize, e: usize, known: &[String]) -> Option<String> {
        let (mut s, e) = self.code.strip_parens(s, e);
        if s >= e || (e == s + 1 && self.code.is_ident(s, "nil")) {
            return None;
        }
        if self.code.is_punct(s, "&") {
            s += 1;
        }
        let tls = self.pkg("crypto/tls", Some("tls"));
        if let Some(path) = self.code.path_at(s, e) {
            let names = self.code.path_names(&path);
            if path.end == e {
                let text = names.join(".");
                return Some(resolve(known, self.func(s).as_deref(), &text));
            }
            if self.is_member(&names, &tls, &["Config"]) && self.code.is_punct(path.end, "{") {
                return Some(self.literal_binding(s, "tls.Config"));
            }
        }
        Some(self.code.slice(s, e).to_owned())
    }

    /// Host and port of an address expression.
    fn address(&self, s: usize, e: usize) -> (Option<String>, Option<u16>) {
        let (s, e) = self.code.strip_parens(s, e);
        if let Some(v) = self.code.concat_value(s, e) {
            return split_host_port(&v);
        }
        if e == s + 1 {
            if let Some(name) = self.code.name(s) {
                let values: Vec<String> = self
                    .code
                    .assignments()
                    .into_iter()
                    .filter(|a| self.code.path_text(&a.target) == name && a.index.is_none())
                    .filter_map(|a| self.code.concat_value(a.value.0, a.value.1))
                    .collect();
                if let [v] = values.as_slice() {
                    return split_host_port(v);
                }
            }
        }
        // `net.JoinHostPort("host", "993")`.
        if let Some(open) = (s..e).find(|&i| self.code.is_punct(i, "(")) {
            if let Some(c) = self.code.call(open) {
                if self.code.path_names(&c.path).last() == Some(&"JoinHostPort")
                    && c.args.len() == 2
                {
                    let host = c
                        .args
                        .first()
                        .and_then(|a| self.code.concat_value(a.value.0, a.value.1));
                    let port = c.args.get(1).and_then(|a| {
                        let v = a.single()?;
                        self.code.str_value(v).map(str::to_owned).or_else(|| {
                            (self.code.kind(v) == Some(Kind::Number))
                                .then(|| self.code.text(v).to_owned())
                        })
                    });
                    let (h, _) = split_host_port(host.as_deref().unwrap_or(""));
                    return (h, port.and_then(|p| p.parse().ok()));
                }
            }
        }
        (None, None)
    }

    /// The variable a call's result is assigned to.
    fn result_var(&self, call: &Call) -> Option<String> {
        self.target_of(call.path.start).map(|(n, _)| n)
    }

    /// `X.StartTLS(cfg)` on the client variable: the config's binding.
    fn starttls(&self, var: &str, known: &[String]) -> Option<Option<String>> {
        self.calls.iter().find_map(|c| {
            let names = self.code.path_names(&c.path);
            (c.path.receiver.is_none() && names == [var, "StartTLS"]).then(|| {
                c.args
                    .first()
                    .and_then(|a| self.arg_binding(a.value.0, a.value.1, known))
            })
        })
    }

    /// The `TLSConfig` binding of a v2 `imapclient.Options` argument.
    fn options_binding(
        &self,
        s: usize,
        e: usize,
        v2: &[String],
        known: &[String],
    ) -> Option<String> {
        let (mut s, e) = self.code.strip_parens(s, e);
        if s >= e || self.code.is_ident(s, "nil") {
            return None;
        }
        if self.code.is_punct(s, "&") {
            s += 1;
        }
        let from_literal = |lit: &Call| {
            lit.arg(self.code, None, "TLSConfig")
                .and_then(|a| self.arg_binding(a.value.0, a.value.1, known))
        };
        let path = self.code.path_at(s, e)?;
        let names = self.code.path_names(&path);
        if self.is_member(&names, v2, &["Options"]) {
            return self.code.call(path.end).and_then(|c| from_literal(&c));
        }
        if path.end != e || names.len() != 1 {
            return Some(self.code.slice(s, e).to_owned());
        }
        let var = names.first().copied().unwrap_or("");
        // `opts.TLSConfig = cfg`.
        for a in self.code.assignments() {
            if self.code.path_names(&a.target) == [var, "TLSConfig"] {
                return self.arg_binding(a.value.0, a.value.1, known);
            }
        }
        for lit in self.literals(v2, "Options") {
            let start = if lit.path.start > 0 && self.code.is_punct(lit.path.start - 1, "&") {
                lit.path.start - 1
            } else {
                lit.path.start
            };
            if self.target_of(start).is_some_and(|(n, _)| n == var) {
                return from_literal(&lit);
            }
        }
        Some(format!("{var}.TLSConfig"))
    }

    fn usages(&self, known: &[String]) -> Vec<Usage> {
        let v1 = self.pkg(V1, None);
        let v2 = self.pkg(V2, Some("imapclient"));
        let smtp = self.pkg("net/smtp", Some("smtp"));
        let tls = self.pkg("crypto/tls", Some("tls"));
        let mut out = Vec::new();
        for c in &self.calls {
            if c.path.receiver.is_some() {
                continue;
            }
            let names = self.code.path_names(&c.path);
            let Some(&method) = names.last() else {
                continue;
            };
            let span = self.span(c.path.start, c.close + 1);
            let arg = |n: usize| c.args.get(n).map(|a| a.value);
            let usage = |client, protocol, mode, addr: Option<(usize, usize)>, binding| {
                let (host, port) = addr.map_or((None, None), |(s, e)| self.address(s, e));
                Usage {
                    client,
                    protocol,
                    host,
                    port,
                    tls_mode: mode,
                    binding,
                    span,
                }
            };
            if self.is_member(&names, &v1, &["DialTLS", "DialWithDialerTLS"]) {
                let (a, t) = if method == "DialTLS" { (0, 1) } else { (1, 2) };
                let b = arg(t).and_then(|(s, e)| self.arg_binding(s, e, known));
                out.push(usage(
                    "go-imap",
                    Protocol::Imap,
                    TlsMode::Implicit,
                    arg(a),
                    b,
                ));
            } else if self.is_member(&names, &v1, &["Dial", "DialWithDialer"]) {
                let a = if method == "Dial" { 0 } else { 1 };
                let st = self.result_var(c).and_then(|v| self.starttls(&v, known));
                let (mode, b) = match st {
                    Some(b) => (TlsMode::Starttls, b),
                    None => (TlsMode::None, None),
                };
                out.push(usage("go-imap", Protocol::Imap, mode, arg(a), b));
            } else if self.is_member(&names, &v2, &["DialTLS", "DialStartTLS", "DialInsecure"]) {
                let mode = match method {
                    "DialTLS" => TlsMode::Implicit,
                    "DialStartTLS" => TlsMode::Starttls,
                    _ => TlsMode::None,
                };
                let b = if mode == TlsMode::None {
                    None
                } else {
                    arg(1).and_then(|(s, e)| self.options_binding(s, e, &v2, known))
                };
                out.push(usage("go-imap", Protocol::Imap, mode, arg(0), b));
            } else if self.is_member(&names, &smtp, &["Dial"]) {
                let st = self.result_var(c).and_then(|v| self.starttls(&v, known));
                let (mode, b) = match st {
                    Some(b) => (TlsMode::Starttls, b),
                    None => (TlsMode::None, None),
                };
                out.push(usage("go-smtp", Protocol::Smtp, mode, arg(0), b));
            } else if self.is_member(&names, &smtp, &["SendMail"]) {
                out.push(usage(
                    "go-smtp",
                    Protocol::Smtp,
                    TlsMode::Starttls,
                    arg(0),
                    None,
                ));
            } else if self.is_member(&names, &tls, &["Dial", "DialWithDialer"]) {
                let (a, t) = if method == "Dial" { (1, 2) } else { (2, 3) };
                let b = arg(t).and_then(|(s, e)| self.arg_binding(s, e, known));
                let var = self.result_var(c);
                let consumer = var
                    .as_deref()
                    .and_then(|v| self.consumer(v, &v1, &v2, &smtp));
                let addr = arg(a).map(|(s, e)| self.address(s, e));
                let from_port = addr
                    .and_then(|(_, p)| p)
                    .and_then(port_defaults)
                    .filter(|(_, m)| *m == TlsMode::Implicit);
                let (client, protocol) = match (consumer, from_port) {
                    (Some(x), _) => x,
                    (None, Some((p, _))) => ("go-tls", p),
                    (None, None) => continue,
                };
                out.push(usage(client, protocol, TlsMode::Implicit, arg(a), b));
            }
        }
        out
    }

    /// Which mail client takes the connection held in `var`.
    fn consumer(
        &self,
        var: &str,
        v1: &[String],
        v2: &[String],
        smtp: &[String],
    ) -> Option<(&'static str, Protocol)> {
        self.calls.iter().find_map(|c| {
            let names = self.code.path_names(&c.path);
            let first = c.args.first()?.single()?;
            if !self.code.is_ident(first, var) {
                return None;
            }
            if self.is_member(&names, smtp, &["NewClient"]) {
                Some(("go-smtp", Protocol::Smtp))
            } else if self.is_member(&names, v1, &["New"]) || self.is_member(&names, v2, &["New"]) {
                Some(("go-imap", Protocol::Imap))
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests;
