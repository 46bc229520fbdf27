//! JavaScript / TypeScript (Node) source: TLS options objects and the mail
//! clients (nodemailer, node-imap, imapflow) that use them.
//!
//! The file is read with the shared code lexer, so comments, log strings and
//! template text are never settings.
//!
//! Facts:
//! - `tls_setting` (client `node-tls`, scope `call`), one per object literal
//!   that holds `minVersion`, `maxVersion` or `secureProtocol` (the options
//!   of `tls.connect`, `tls.createSecureContext`, `https.Agent`, a mail
//!   client's `tls`/`tlsOptions`), and one with an unknown range for a mail
//!   client's TLS options object that sets no version (its default depends
//!   on the Node version), so that the binding is known. The fact sits on
//!   the value that decides the range (`secureProtocol`, else `maxVersion`,
//!   else `minVersion`).
//! - `tls_setting` (scope `process`) for `tls.DEFAULT_MIN_VERSION = ...` /
//!   `tls.DEFAULT_MAX_VERSION = ...`.
//! - `mail_usage`: `nodemailer.createTransport(...)` (SMTP), `new Imap(...)`
//!   (node-imap), `new ImapFlow(...)` (imapflow), with host, port, TLS mode
//!   and the binding of the TLS options passed.
//!
//! Decisions:
//! - Bindings: an options object assigned to a variable is bound to the
//!   variable's name as written (`tlsOptions`, `config.tls`); an inline
//!   object gets a synthetic binding `options@LINE:COL` shared by the
//!   setting and the client. A client's `tls`/`tlsOptions` written as a
//!   name (or a shorthand property) passes that name; anything else (a
//!   helper call) passes its source text, which the policies treat as
//!   reachable by every setting of the file.
//! - `secureProtocol` pins one version (`TLSv1_method` -> 1.0, also the
//!   `_client_method` forms); `TLS_method`/`SSLv23_method` negotiate and
//!   leave the range to `minVersion`/`maxVersion`. `ciphers` is an OpenSSL
//!   cipher list (`'SSLv3'` selects suites, not a protocol): never a version.
//! - A missing `minVersion` is unknown (Node's default depends on the Node
//!   version and `--tls-min-v1.x` flags); a missing `maxVersion` is open.
//! - Clients are recognised by their import (`require('nodemailer')`,
//!   `import Imap from 'imap'`, `const { ImapFlow } = require('imapflow')`)
//!   and, for nodemailer and imapflow, by their documented names
//!   (`nodemailer.createTransport`, `ImapFlow`).
//! - TLS modes: nodemailer `secure: true` or an `smtps://` URL -> implicit
//!   (port 465), `ignoreTLS: true` -> none, otherwise STARTTLS (opportunistic
//!   unless `requireTLS`; port 587). node-imap `tls: true` -> implicit,
//!   `autotls: 'always'|'required'` -> STARTTLS, otherwise none (default
//!   port 143 in both cases, as the README documents). imapflow
//!   `secure: true` -> implicit, `doSTARTTLS: false` -> none, otherwise
//!   STARTTLS.
//! - A string, template or comment that never ends spanning lines is an
//!   error: the rest of the file cannot be told from text.

use crate::extract::common::code_lexer::{spec, Arg, Code, Kind};
use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{normalize, rank, VersionSet};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeSet, HashMap};

/// The option keys that set TLS versions.
const VERSION_KEYS: [&str; 3] = ["secureProtocol", "maxVersion", "minVersion"];

/// Extracts `tls_setting` and `mail_usage` facts from JavaScript/TypeScript.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let lower = file.path.to_ascii_lowercase();
    let ts = [".ts", ".mts", ".cts", ".tsx"]
        .iter()
        .any(|e| lower.ends_with(e));
    let lexer = if ts {
        &spec::TYPESCRIPT
    } else {
        &spec::JAVASCRIPT
    };
    let code = Code::new(file.text, lexer);
    if let Some(offset) = code.unterminated() {
        let (line, _) = file.position(offset);
        return Err(ExtractError::new(
            "a string, template or comment never ends",
            Some(line),
        ));
    }
    let js = Js::new(file, &code);
    Ok(js.facts())
}

struct Js<'a, 'b> {
    file: &'b SourceFile<'a>,
    code: &'b Code<'a>,
    /// Object literal opener -> the variable it is assigned to.
    obj_binding: HashMap<usize, String>,
    /// Variable -> its object literal opener.
    var_obj: HashMap<String, usize>,
    /// Variable -> the constant string assigned to it (only if assigned once).
    var_str: HashMap<String, Option<usize>>,
    /// Module -> local names it is imported as.
    imports: HashMap<String, BTreeSet<String>>,
}

impl<'a, 'b> Js<'a, 'b> {
    fn new(file: &'b SourceFile<'a>, code: &'b Code<'a>) -> Self {
        let mut obj_binding = HashMap::new();
        let mut var_obj = HashMap::new();
        let mut var_str: HashMap<String, Option<usize>> = HashMap::new();
        for a in code.assignments() {
            if !code.is_punct(a.op, "=") || a.index.is_some() {
                continue;
            }
            let name = code.path_text(&a.target);
            let (s, e) = a.value;
            if code.is_punct(s, "{") && code.partner(s) == Some(e.saturating_sub(1)) {
                obj_binding.insert(s, name.clone());
                var_obj.insert(name, s);
            } else if e == s + 1 && code.str_value(s).is_some() {
                var_str
                    .entry(name)
                    .and_modify(|v| *v = None)
                    .or_insert(Some(s));
            }
        }
        let mut js = Js {
            file,
            code,
            obj_binding,
            var_obj,
            var_str,
            imports: HashMap::new(),
        };
        js.imports = js.find_imports();
        js
    }

    fn facts(&self) -> Vec<Fact> {
        let mut facts = Vec::new();
        let mut mail_objects = BTreeSet::new();
        let mut usages = Vec::new();
        for call in self.code.calls() {
            if let Some(u) = self.mail_usage(&call, &mut mail_objects) {
                usages.push(u);
            }
        }
        // TLS options objects.
        for (i, t) in self.code.toks.iter().enumerate() {
            if t.kind != Kind::Punct || self.code.text(i) != "{" {
                continue;
            }
            let items = self.args(i);
            let has_version = items.iter().any(|a| {
                a.key
                    .and_then(|k| self.code.key_text(k))
                    .is_some_and(|k| VERSION_KEYS.contains(&k) || k == "secureOptions")
            });
            if has_version || mail_objects.contains(&i) {
                facts.push(self.tls_object(i, &items));
            }
        }
        // Process-wide defaults.
        for a in self.code.assignments() {
            let names = self.code.path_names(&a.target);
            let Some(&last) = names.last() else { continue };
            let which = match last {
                "DEFAULT_MIN_VERSION" => 0,
                "DEFAULT_MAX_VERSION" => 1,
                _ => continue,
            };
            let Some(v) = self.version_of(a.value) else {
                continue;
            };
            let loc = self.loc(a.value.0, a.value.1);
            let mut fact = Fact::new(FactKind::TlsSetting, loc, self.line_text(loc));
            fact.client = Some("node-tls".to_owned());
            fact.scope = Some("process".to_owned());
            fact.tls = Some(if which == 0 {
                TlsRange::explicit(Some(v), None)
            } else {
                TlsRange::explicit(None, Some(v))
            });
            fact.setting = Some(Setting {
                name: self.code.path_text(&a.target),
                value: self.code.slice(a.value.0, a.value.1).to_owned(),
            });
            facts.push(fact);
        }
        facts.extend(usages);
        facts
    }

    /// The items of a `{`/`(` group, shorthand properties included.
    fn args(&self, open: usize) -> Vec<Arg> {
        self.code
            .items(open)
            .into_iter()
            .map(|(s, e)| {
                let key = (e > s + 2
                    && matches!(self.code.kind(s), Some(Kind::Ident) | Some(Kind::Str))
                    && self.code.is_punct(s + 1, ":"))
                .then_some(s);
                Arg {
                    range: (s, e),
                    key,
                    value: if key.is_some() { (s + 2, e) } else { (s, e) },
                }
            })
            .collect()
    }

    fn find_key<'c>(&self, items: &'c [Arg], key: &str) -> Option<&'c Arg> {
        items.iter().find(|a| match a.key {
            Some(k) => self.code.key_text(k) == Some(key),
            None => a.single().is_some_and(|t| self.code.name(t) == Some(key)),
        })
    }

    fn binding_of_object(&self, open: usize) -> String {
        if let Some(name) = self.obj_binding.get(&open) {
            return name.clone();
        }
        let (line, col) = self
            .code
            .tok(open)
            .map_or((0, 0), |t| self.file.position(t.start));
        format!("options@{line}:{col}")
    }

    /// A constant string for `s..e`, through a variable holding one.
    fn string_of(&self, (s, e): (usize, usize)) -> Option<(&'b str, usize)> {
        if e != s + 1 {
            return None;
        }
        if let Some(v) = self.code.str_value(s) {
            return Some((v, s));
        }
        let name = self.code.name(s)?;
        let t = (*self.var_str.get(name)?)?;
        Some((self.code.str_value(t)?, t))
    }

    fn version_of(&self, range: (usize, usize)) -> Option<&'static str> {
        self.string_of(range).and_then(|(v, _)| normalize(v))
    }

    fn tls_object(&self, open: usize, items: &[Arg]) -> Fact {
        let mut min = None;
        let mut max = None;
        let mut pinned = None;
        let mut primary: Option<(&str, (usize, usize))> = None;
        let mut others = Vec::new();
        for key in VERSION_KEYS {
            let Some(arg) = self.find_key(items, key) else {
                continue;
            };
            let Some((value, _)) = self.string_of(arg.value) else {
                continue;
            };
            let v = match key {
                "secureProtocol" => secure_protocol(value),
                _ => normalize(value).map(Some),
            };
            let Some(v) = v else { continue };
            match (key, v) {
                ("secureProtocol", Some(v)) => pinned = Some(v),
                ("secureProtocol", None) => {}
                ("maxVersion", Some(v)) => max = Some(v),
                (_, v) => min = v,
            }
            if primary.is_none() && (key != "secureProtocol" || pinned.is_some()) {
                primary = Some((key, arg.range));
            } else {
                others.push(arg.range);
            }
        }
        // `secureOptions: constants.SSL_OP_NO_TLSv1_2 | ...` switches versions
        // off; OpenSSL keeps the enabled range contiguous from its lowest.
        if let (None, Some(arg)) = (pinned, self.find_key(items, "secureOptions")) {
            let off = disabled_versions(self.code, arg.value);
            if !off.is_empty() {
                let hi = max.unwrap_or("1.3");
                let set = {
                    let mut set = VersionSet::between(min.unwrap_or("1.0"), hi);
                    for v in &off {
                        set.set(v, false);
                    }
                    set
                };
                let top = ["1.0", "1.1", "1.2", "1.3"]
                    .into_iter()
                    .skip_while(|v| !set.contains(v))
                    .take_while(|v| set.contains(v))
                    .last();
                if let Some(t) = top.filter(|t| rank(t) < rank(hi)) {
                    max = Some(t);
                    if let Some((_, r)) = primary {
                        others.push(r);
                    }
                    primary = Some(("secureOptions", arg.range));
                } else {
                    others.push(arg.range);
                }
            }
        }
        let tls = match pinned {
            Some(v) => TlsRange::explicit(Some(v), Some(v)),
            None if min.is_none() && max.is_none() => TlsRange::unknown(),
            None => TlsRange::explicit(min, max),
        };
        let loc = match primary {
            Some((_, r)) => self.loc(r.0, r.1),
            None => self.loc(open, open + 1),
        };
        let mut fact = Fact::new(FactKind::TlsSetting, loc, self.line_text(loc));
        fact.client = Some("node-tls".to_owned());
        fact.scope = Some("call".to_owned());
        fact.binding = Some(self.binding_of_object(open));
        fact.tls = Some(tls);
        fact.setting = primary.map(|(k, r)| Setting {
            name: k.to_owned(),
            value: self.code.slice(r.0 + 2, r.1).to_owned(),
        });
        for (s, e) in others {
            let l = self.loc(s, e);
            if l.line != loc.line {
                let message = format!("also sets the TLS versions: {}", self.line_text(l));
                fact.related.push(Related::new("version", l, message));
            }
        }
        fact
    }

    fn find_imports(&self) -> HashMap<String, BTreeSet<String>> {
        let code = self.code;
        let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (i, t) in code.toks.iter().enumerate() {
            if t.kind != Kind::Str {
                continue;
            }
            let Some(module) = code.str_value(i) else {
                continue;
            };
            let module = module.strip_prefix("node:").unwrap_or(module);
            if !matches!(
                module,
                "nodemailer" | "imap" | "node-imap" | "imapflow" | "tls"
            ) {
                continue;
            }
            let mut names = BTreeSet::new();
            if i >= 2 && code.is_punct(i - 1, "(") && code.is_ident(i - 2, "require") {
                // `X = require('m')`, `{ A, B: C } = require('m')`.
                let mut j = i - 2;
                if j >= 1 && code.is_punct(j - 1, "=") {
                    j -= 1;
                    if j >= 1 && code.is_punct(j - 1, "}") {
                        if let Some(open) = code.partner(j - 1) {
                            for a in self.args(open) {
                                if let Some(n) = code.name(a.value.1.saturating_sub(1)) {
                                    names.insert(n.to_owned());
                                }
                            }
                        }
                    } else if j >= 1 {
                        if let Some(n) = code.name(j - 1) {
                            names.insert(n.to_owned());
                        }
                    }
                }
            } else if i >= 1 && code.is_ident(i - 1, "from") {
                // `import X, { A as B } from 'm'`.
                let mut j = i - 1;
                while j > 0 {
                    j -= 1;
                    if code.is_ident(j, "import") || code.is_punct(j, ";") {
                        break;
                    }
                    if let Some(n) = code.name(j) {
                        let next_as = code.is_ident(j + 1, "as");
                        if !matches!(n, "as" | "type" | "from") && !next_as {
                            names.insert(n.to_owned());
                        }
                    }
                }
            } else {
                continue;
            }
            let module = if module == "node-imap" {
                "imap"
            } else {
                module
            };
            out.entry(module.to_owned()).or_default().extend(names);
        }
        out
    }

    fn imported(&self, module: &str, name: &str) -> bool {
        self.imports.get(module).is_some_and(|s| s.contains(name))
    }

    fn mail_usage(
        &self,
        call: &crate::extract::common::code_lexer::Call,
        mail_objects: &mut BTreeSet<usize>,
    ) -> Option<Fact> {
        let names = self.code.path_names(&call.path);
        let last = *names.last()?;
        let first = *names.first()?;
        let client = if !call.new
            && last == "createTransport"
            && (names.len() == 1 && self.imported("nodemailer", last)
                || names.len() == 2
                    && (first == "nodemailer" || self.imported("nodemailer", first)))
        {
            "nodemailer"
        } else if call.new && names.len() == 1 && self.imported("imap", last) {
            "node-imap"
        } else if call.new
            && (last == "ImapFlow" || names.len() == 1 && self.imported("imapflow", last))
        {
            "imapflow"
        } else {
            return None;
        };
        let loc = self.loc(call.path.start, call.path.end);
        let mut fact = Fact::new(FactKind::MailUsage, loc, self.line_text(loc));
        fact.client = Some(client.to_owned());
        fact.protocol = Some(if client == "nodemailer" {
            Protocol::Smtp
        } else {
            Protocol::Imap
        });
        let first_arg = call.args.first()?;
        // nodemailer URL strings.
        if client == "nodemailer" {
            if let Some((url, tok)) = self.string_of(first_arg.value) {
                let found = mail_url::find_all(url);
                let u = found.first()?;
                fact.host = u.host.clone();
                let implicit = u.tls_mode == TlsMode::Implicit;
                fact.port = u.port.or(Some(if implicit { 465 } else { 587 }));
                fact.tls_mode = Some(if implicit {
                    TlsMode::Implicit
                } else {
                    TlsMode::Starttls
                });
                let l = self.loc(tok, tok + 1);
                if let Some(h) = &fact.host {
                    fact.related
                        .push(Related::new("host", l, format!("Host {h}")));
                }
                return Some(fact);
            }
        }
        // The options object: inline or a variable.
        let (s, e) = first_arg.value;
        let open = if self.code.is_punct(s, "{") && self.code.partner(s) == Some(e - 1) {
            Some(s)
        } else if e == s + 1 {
            self.code.name(s).and_then(|n| self.var_obj.get(n).copied())
        } else {
            None
        };
        let Some(open) = open else {
            fact.tls_mode = Some(TlsMode::Unknown);
            fact.binding = Some(self.code.slice(s, e).to_owned());
            return Some(fact);
        };
        let items = self.args(open);
        let get = |k: &str| self.find_key(&items, k);
        let bool_of = |k: &str| {
            get(k).and_then(|a| {
                let t = a.single()?;
                match self.code.name(t)? {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                }
            })
        };
        // nodemailer `service: 'Outlook365'` fills the keys the options lack.
        let service = (client == "nodemailer")
            .then(|| get("service"))
            .flatten()
            .and_then(|a| self.string_of(a.value))
            .and_then(|(v, t)| nodemailer_services::lookup(v).map(|svc| (svc, t)));
        if let (Some((svc, t)), None) = (service, get("host")) {
            if let Some(host) = svc.host {
                let l = self.loc(t, t + 1);
                fact.related.push(Related::new(
                    "host",
                    l,
                    format!("Host {host} (nodemailer well-known service)"),
                ));
                fact.host = Some(host.to_owned());
            }
        }
        let svc = service.map(|(svc, _)| svc);
        if let Some(a) = get("host") {
            if let Some((h, t)) = self.string_of(a.value) {
                let (host, _) = mail_url::split_host_port(h);
                if let Some(host) = host {
                    let l = self.loc(t, t + 1);
                    fact.related
                        .push(Related::new("host", l, format!("Host {host}")));
                    fact.host = Some(host);
                }
            }
        }
        let mut port_given = false;
        if let Some(a) = get("port") {
            port_given = true;
            if let Some(t) = a.single() {
                if let Ok(p) = self.code.text(t).parse::<u16>() {
                    fact.port = Some(p);
                    let l = self.loc(t, t + 1);
                    fact.related
                        .push(Related::new("port", l, format!("Port {p}")));
                }
            }
        }
        let (mode, default_port, tls_key) = match client {
            "nodemailer" => {
                let from_service = |k: &str, f: fn(&nodemailer_services::Service) -> bool| {
                    get(k).is_none() && svc.as_ref().is_some_and(f)
                };
                let svc_port = svc.and_then(|s| s.port);
                if bool_of("secure") == Some(true) || from_service("secure", |s| s.secure) {
                    (TlsMode::Implicit, svc_port.or(Some(465)), "tls")
                } else if bool_of("ignoreTLS") == Some(true)
                    || from_service("ignoreTLS", |s| s.ignore_tls)
                {
                    (TlsMode::None, svc_port.or(Some(587)), "tls")
                } else if svc.is_some() && get("secure").is_none() {
                    (TlsMode::Starttls, svc_port.or(Some(587)), "tls")
                } else if bool_of("ignoreTLS") == Some(true) {
                    (TlsMode::None, Some(587), "tls")
                } else if get("secure").is_some_and(|a| a.single().is_none())
                    || get("secure").is_some() && bool_of("secure").is_none()
                {
                    (TlsMode::Unknown, None, "tls")
                } else {
                    (TlsMode::Starttls, Some(587), "tls")
                }
            }
            "node-imap" => {
                let autotls = get("autotls").and_then(|a| self.string_of(a.value));
                match (bool_of("tls"), autotls.map(|(v, _)| v)) {
                    (Some(true), _) => (TlsMode::Implicit, Some(143), "tlsOptions"),
                    (_, Some("always" | "required")) => {
                        (TlsMode::Starttls, Some(143), "tlsOptions")
                    }
                    (None, _) if get("tls").is_some() => (TlsMode::Unknown, None, "tlsOptions"),
                    _ => (TlsMode::None, Some(143), "tlsOptions"),
                }
            }
            _ => {
                if bool_of("secure") == Some(true) {
                    (TlsMode::Implicit, None, "tls")
                } else if bool_of("doSTARTTLS") == Some(false) {
                    (TlsMode::None, None, "tls")
                } else if get("secure").is_some() && bool_of("secure").is_none() {
                    (TlsMode::Unknown, None, "tls")
                } else {
                    (TlsMode::Starttls, None, "tls")
                }
            }
        };
        fact.tls_mode = Some(mode);
        if !port_given {
            fact.port = default_port;
        }
        if let Some(a) = get(tls_key) {
            let (s, e) = a.value;
            if self.code.is_punct(s, "{") && self.code.partner(s) == Some(e - 1) {
                mail_objects.insert(s);
                fact.binding = Some(self.binding_of_object(s));
            } else if e == s + 1 && self.code.kind(s) == Some(Kind::Ident) {
                let name = self.code.name(s).unwrap_or_default();
                if !matches!(name, "true" | "false" | "undefined" | "null") {
                    if let Some(&o) = self.var_obj.get(name) {
                        mail_objects.insert(o);
                    }
                    fact.binding = Some(name.to_owned());
                }
            } else if e > s {
                let text = self.code.slice(s, e).to_owned();
                if let Some(&o) = self.var_obj.get(&text) {
                    mail_objects.insert(o);
                }
                fact.binding = Some(text);
            }
        }
        Some(fact)
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

/// The version a `secureProtocol` method pins: `Some(Some(v))` for a
/// version method, `Some(None)` for a negotiating one, `None` otherwise.
fn secure_protocol(method: &str) -> Option<Option<&'static str>> {
    let base = method
        .strip_suffix("_client_method")
        .or_else(|| method.strip_suffix("_server_method"))
        .or_else(|| method.strip_suffix("_method"))?;
    match base {
        "TLS" | "SSLv23" => Some(None),
        other => normalize(other).map(Some),
    }
}

/// The versions an OpenSSL options expression switches off
/// (`constants.SSL_OP_NO_TLSv1 | crypto.constants.SSL_OP_NO_TLSv1_1`).
fn disabled_versions(code: &Code<'_>, (s, e): (usize, usize)) -> Vec<&'static str> {
    (s..e)
        .filter_map(|i| match code.name(i)? {
            "SSL_OP_NO_SSLv3" => Some("ssl3"),
            "SSL_OP_NO_TLSv1" => Some("1.0"),
            "SSL_OP_NO_TLSv1_1" => Some("1.1"),
            "SSL_OP_NO_TLSv1_2" => Some("1.2"),
            "SSL_OP_NO_TLSv1_3" => Some("1.3"),
            _ => None,
        })
        .collect()
}

mod nodemailer_services;

#[cfg(test)]
mod tests;
