//! Java and Kotlin source: JSSE TLS versions (`SSLContext.getInstance`,
//! `setEnabledProtocols`, `SSLParameters.setProtocols`, `System.setProperty(
//! "jdk.tls.client.protocols", ...)`), JavaMail session properties set in
//! code, and the JavaMail / Spring / Commons Net mail clients that use them.
//!
//! The file is read with the shared [`code_lexer`] (Java or Kotlin rules by
//! extension), so comments, log strings and text blocks are never settings.
//! Names are resolved flow-insensitively per file, with a light notion of
//! scope: a name declared in a method (or a parameter) is local to it
//! (`Poller.connect::ctx`), other names are fields of their class
//! (`Poller::ctx`), `this.x` is the field `x`.
//!
//! Facts:
//! - `tls_setting` (client `java-jsse`, scope `call`, `binding` = the
//!   variable holding the object):
//!   - `SSLContext.getInstance(p[, provider])` and Angus/JavaMail
//!     `new MailSSLSocketFactory(p)`: the SunJSSE client defaults of the
//!     context (OpenJDK `SSLContextImpl`: `TLSv1` (alias `SSLv3`) -> TLS 1.0
//!     only, `TLSv1.1` -> 1.0-1.1, `TLSv1.2` -> 1.0-1.2, `TLSv1.3` ->
//!     1.0-1.3; `TLS`/`SSL`/`Default` and `SSLContext.getDefault()` follow
//!     `jdk.tls.client.protocols` and the JDK version: unknown). The JDK's
//!     `jdk.tls.disabledAlgorithms` may narrow any of these at run time;
//!     that is the `java-security` format's business.
//!   - `setEnabledProtocols(...)` / Kotlin `enabledProtocols = ...` on a
//!     socket, engine or Commons Net client, `SSLParameters.setProtocols`
//!     / `protocols = ...` and `new SSLParameters(suites, protocols)`: the
//!     exact set. Inside a class that extends a `SocketFactory`, the binding
//!     is the class, so `new ThatFactory()` passed to JavaMail ties to it.
//!   - Commons Net `new IMAPSClient("TLSv1")` (also `POP3SClient`,
//!     `SMTPSClient`, `FTPSClient`): the protocol of its `SSLContext`.
//!   - OkHttp `ConnectionSpec.Builder(...).tlsVersions(TlsVersion.TLS_1_0,
//!     ...)` (client `okhttp`, binding the spec variable): the exact set
//!     ([`okhttp`]). An HTTP client's setting: in scope only with `--scope
//!     all` unless a mail client of the file cannot be resolved.
//!   - `System.setProperty("jdk.tls.client.protocols", v)`: scope
//!     `process`, client `java`, like the JVM option; `https.protocols`:
//!     scope `application` (HttpsURLConnection only).
//! - `connection` facts from JavaMail properties written in code
//!   (`props.put(k, v)`, `setProperty`, Kotlin `props[k] = v`, `k to v`
//!   pairs, `System.setProperty("mail...")`) and Spring `JavaMailSenderImpl`
//!   setters (`setHost`, `setPort`, `setProtocol`, `setJavaMailProperties`,
//!   `getJavaMailProperties().put`), through the shared
//!   [`javamail`](crate::extract::common::javamail) semantics. Properties
//!   are grouped by the object they are put into; values that are not
//!   constants are unknown.
//! - `mail_usage` (client `javamail`, `spring-mail`, `spring-integration-mail`
//!   or `commons-net`): `session.getStore(p)` / `getTransport(p)` (the
//!   provider from the argument or `mail.store.protocol` /
//!   `mail.transport.protocol`), `Transport.send(...)`, `new
//!   JavaMailSenderImpl()`, Spring Integration `ImapMailReceiver` /
//!   `Pop3MailReceiver` / `Mail.imapInboundAdapter(url)`, `new
//!   URLName(url)`, Commons Net `IMAPSClient`/`POP3SClient`/`SMTPSClient`.
//!   Host and port come from `store.connect(host, [port,] user, pass)` (or
//!   the URL); the session's properties give the TLS mode. The `binding` is
//!   the socket factory the session's properties name for that provider
//!   (`mail.imaps.ssl.socketFactory`, `mail.imap.socketFactory`, their
//!   `.class` forms): `ctx.getSocketFactory()` binds to `ctx`. When the
//!   properties also set `mail.<p>.ssl.protocols`, JavaMail enables exactly
//!   those on every socket (Angus `SocketFetcher.configureSSLSocket`), so
//!   the factory's context defaults no longer matter and the usage has no
//!   binding. Without a factory, `SSLContext.setDefault(ctx)` binds every
//!   JavaMail usage to `ctx`.
//!
//! Decisions:
//! - A usage's host is taken from `connect()` or the URL only; a host in
//!   the properties is already on the `connection` fact (one finding, not
//!   two).
//! - A session whose properties cannot be resolved uses the file's only
//!   property group, if there is exactly one.
//! - An unterminated block comment, text block or raw string is an error
//!   (the rest of the file cannot be told from text); every other oddity is
//!   read best-effort.

use crate::extract::common::code_lexer::{spec, Arg, Assign, Call, Code, Kind, Path};
use crate::extract::common::javamail::{self, Prop};
use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Extracts TLS settings, JavaMail connections and mail usages.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let lower = file.path.to_ascii_lowercase();
    let kotlin = lower.ends_with(".kt") || lower.ends_with(".kts");
    let spec = if kotlin { &spec::KOTLIN } else { &spec::JAVA };
    let code = Code::new(file.text, spec);
    if let Some(offset) = code.unterminated() {
        return Err(ExtractError::new(
            "a block comment, text block or string is never closed; the rest of the file cannot be told apart from text",
            Some(file.position(offset).0),
        ));
    }
    let scopes = Scopes::new(&code);
    let analysis = Analysis::new(&code, file, scopes);
    Ok(analysis.facts())
}

// --- scopes ------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BraceKind {
    Class,
    Member,
    Block,
}

const CLASS_KEYWORDS: [&str; 5] = ["class", "interface", "enum", "object", "record"];

/// Classes and members (method, constructor, initializer bodies) by brace.
struct Scopes {
    /// For each token: the member body brace that holds it.
    member_of: Vec<Option<usize>>,
    /// For each token: the class body brace that holds it.
    class_of: Vec<Option<usize>>,
    class_name: HashMap<usize, String>,
    /// Class brace -> whether the class extends a socket factory.
    factory_class: HashSet<usize>,
    member_name: HashMap<usize, String>,
    /// Member brace -> parameter names.
    params: HashMap<usize, Vec<String>>,
}

impl Scopes {
    fn new(code: &Code<'_>) -> Self {
        let n = code.len();
        let mut s = Scopes {
            member_of: vec![None; n],
            class_of: vec![None; n],
            class_name: HashMap::new(),
            factory_class: HashSet::new(),
            member_name: HashMap::new(),
            params: HashMap::new(),
        };
        // Stack of (brace, kind, member, class) in force inside it.
        let mut stack: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
        let mut member: Option<usize> = None;
        let mut class: Option<usize> = None;
        for i in 0..n {
            if code.is_punct(i, "}") {
                if let Some(open) = code.partner(i) {
                    while let Some((b, m, c)) = stack.pop() {
                        member = m;
                        class = c;
                        if b == open {
                            break;
                        }
                    }
                }
            }
            s.member_of[i] = member;
            s.class_of[i] = class;
            if code.is_punct(i, "{") && code.partner(i).is_some() {
                stack.push((i, member, class));
                let enclosing_is_class = member.is_none();
                match s.classify(code, i, enclosing_is_class) {
                    BraceKind::Class => {
                        class = Some(i);
                        member = None;
                    }
                    BraceKind::Member => member = Some(i),
                    BraceKind::Block => {}
                }
            }
        }
        s
    }

    fn classify(&mut self, code: &Code<'_>, brace: usize, at_class_level: bool) -> BraceKind {
        // Anonymous class: `new X(...) {`.
        if let Some(close) = brace.checked_sub(1).filter(|&c| code.is_punct(c, ")")) {
            if let Some(call) = code.partner(close).and_then(|o| code.call(o)) {
                if call.new {
                    let name = code.path_names(&call.path).join(".");
                    if name.contains("SocketFactory") {
                        self.factory_class.insert(brace);
                    }
                    self.class_name.insert(brace, name);
                    return BraceKind::Class;
                }
            }
        }
        // A class header: a class keyword before the brace, in the same
        // statement.
        let mut j = brace;
        let mut extends_factory = false;
        for _ in 0..64 {
            let Some(p) = j.checked_sub(1) else { break };
            if code.is_close(p) {
                j = code.partner(p).unwrap_or(p);
                continue;
            }
            if code.is_punct(p, ">") {
                j = code.generics_back(p).unwrap_or(p);
                continue;
            }
            let t = code.text(p);
            if matches!(t, ";" | "{" | "}" | "=" | "->" | "(") && code.kind(p) == Some(Kind::Punct)
            {
                break;
            }
            if code.kind(p) == Some(Kind::Ident) && t.contains("SocketFactory") {
                extends_factory = true;
            }
            if code.kind(p) == Some(Kind::Ident) && CLASS_KEYWORDS.contains(&t) {
                let name = code
                    .name(p + 1)
                    .filter(|_| code.kind(p + 1) == Some(Kind::Ident))
                    .map_or_else(|| t.to_owned(), str::to_owned);
                let name = if name == ":" { t.to_owned() } else { name };
                if extends_factory {
                    self.factory_class.insert(brace);
                }
                self.class_name.insert(brace, name);
                return BraceKind::Class;
            }
            j = p;
        }
        if !at_class_level {
            return BraceKind::Block;
        }
        // A member: its name and parameters.
        let mut k = brace;
        for _ in 0..24 {
            let Some(p) = k.checked_sub(1) else { break };
            if code.is_punct(p, ")") {
                if let Some(open) = code.partner(p) {
                    let name = open
                        .checked_sub(1)
                        .and_then(|q| code.name(q))
                        .unwrap_or("block");
                    self.member_name.insert(brace, name.to_owned());
                    let params = code
                        .items(open)
                        .into_iter()
                        .filter_map(|(a, b)| param_name(code, a, b))
                        .collect();
                    self.params.insert(brace, params);
                    return BraceKind::Member;
                }
                break;
            }
            if code.kind(p) != Some(Kind::Ident)
                && !matches!(code.text(p), "," | "." | "?" | ":" | "<" | ">" | "[" | "]")
            {
                break;
            }
            k = p;
        }
        let name = brace
            .checked_sub(1)
            .and_then(|p| code.name(p))
            .unwrap_or("block");
        self.member_name.insert(brace, name.to_owned());
        BraceKind::Member
    }
}

/// The parameter name in a declaration item: Java `final Type name`,
/// Kotlin `name: Type`.
fn param_name(code: &Code<'_>, a: usize, b: usize) -> Option<String> {
    if let Some(colon) = (a..b).find(|&i| code.is_punct(i, ":")) {
        return colon
            .checked_sub(1)
            .and_then(|p| code.name(p))
            .map(str::to_owned);
    }
    let eq = (a..b).find(|&i| code.is_punct(i, "=")).unwrap_or(b);
    (a..eq)
        .rev()
        .find(|&i| code.kind(i) == Some(Kind::Ident))
        .and_then(|i| code.name(i))
        .map(str::to_owned)
}

// --- API tables ---------------------------------------------------------------------

/// The client default protocols of a SunJSSE `SSLContext` algorithm.
///
/// The algorithm caps the range; the bottom is the JDK's default list for
/// that context (minus `jdk.tls.disabledAlgorithms`, which drops TLS 1.0/1.1
/// on JDK 8u291+/11.0.11+), so the basis is `default`: a `TLSv1.2` context
/// is not reported as "allows TLS 1.0" (TLS002 judges explicit minimums),
/// while a `TLSv1`/`TLSv1.1` context still caps below 1.2 (TLS001).
fn context_range(algorithm: &str) -> TlsRange {
    match algorithm.to_ascii_lowercase().as_str() {
        "tlsv1" | "sslv3" => TlsRange::default_range(Some("1.0"), Some("1.0")),
        "tlsv1.1" => TlsRange::default_range(Some("1.0"), Some("1.1")),
        "tlsv1.2" => TlsRange::default_range(Some("1.0"), Some("1.2")),
        "tlsv1.3" => TlsRange::default_range(Some("1.0"), Some("1.3")),
        _ => TlsRange::unknown(),
    }
}

/// Commons Net clients: class, protocol, default port (implicit, explicit).
const COMMONS_NET: [(&str, Protocol, u16, u16); 3] = [
    ("IMAPSClient", Protocol::Imap, 993, 143),
    ("POP3SClient", Protocol::Pop3, 995, 110),
    ("SMTPSClient", Protocol::Smtp, 465, 587),
];

/// Apache Commons Email message classes (each sends over SMTP).
const COMMONS_EMAIL: [&str; 4] = [
    "SimpleEmail",
    "HtmlEmail",
    "MultiPartEmail",
    "ImageHtmlEmail",
];

/// Spring Integration mail sources that take a URL.
const URL_CLIENTS: [&str; 6] = [
    "ImapMailReceiver",
    "Pop3MailReceiver",
    "imapInboundAdapter",
    "imapIdleAdapter",
    "pop3InboundAdapter",
    "URLName",
];

/// A JavaMail provider name (`imaps`, `smtp`, ...).
fn provider(name: &str) -> Option<(Protocol, bool)> {
    Some(match name.to_ascii_lowercase().as_str() {
        "imap" => (Protocol::Imap, false),
        "imaps" | "gimaps" => (Protocol::Imap, true),
        "pop3" => (Protocol::Pop3, false),
        "pop3s" => (Protocol::Pop3, true),
        "smtp" => (Protocol::Smtp, false),
        "smtps" => (Protocol::Smtp, true),
        _ => return None,
    })
}

fn default_port(protocol: Protocol, mode: TlsMode) -> Option<u16> {
    let implicit = match mode {
        TlsMode::Implicit => true,
        TlsMode::Starttls | TlsMode::None => false,
        TlsMode::Unknown => return None,
    };
    Some(match (protocol, implicit) {
        (Protocol::Imap, true) => 993,
        (Protocol::Imap, false) => 143,
        (Protocol::Pop3, true) => 995,
        (Protocol::Pop3, false) => 110,
        (Protocol::Smtp, true) => 465,
        (Protocol::Smtp, false) => 25,
        (Protocol::Unknown, _) => return None,
    })
}

// --- the analysis -------------------------------------------------------------------

/// A TLS version setting found in code.
#[derive(Debug, Clone)]
struct VersionSetting {
    binding: String,
    tls: TlsRange,
    /// Where the version value is written (token range).
    at: (usize, usize),
    /// The call or assignment that makes the setting.
    decl: (usize, usize),
    name: &'static str,
    value: String,
}

/// One property put into a group.
#[derive(Debug, Clone)]
struct PropEntry {
    key: String,
    /// The value as JavaMail reads it; `${...}` when not a constant.
    value: String,
    /// Token range of the value (of the key when there is no value).
    at: (usize, usize),
    /// The value is an expression, not a constant (an object such as a
    /// socket factory, or a run-time value).
    object: bool,
}

/// A property write found in code, before grouping.
enum Put {
    Prop {
        group: String,
        /// Written into a Spring sender's session properties.
        spring: bool,
        key: String,
        value: (usize, usize),
    },
    /// `sender.setJavaMailProperties(from)`.
    Link { from: String, sender: String },
}

/// `mail.<p>.socketFactory` (not its `ssl.` twin): an object whose
/// sockets JavaMail uses as they are.
fn is_plain_factory_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.ends_with(".socketfactory") && !lower.ends_with(".ssl.socketfactory")
}

fn is_mail_key(key: &str) -> bool {
    key.starts_with("mail.") || key.starts_with("spring.mail.")
}

/// A mail client use, before it becomes a fact.
struct Usage {
    client: &'static str,
    protocol: Protocol,
    /// JavaMail provider name when known (`imaps`).
    provider: Option<String>,
    mode: TlsMode,
    host: Option<(String, (usize, usize))>,
    port: Option<(u16, Option<(usize, usize)>)>,
    decl: (usize, usize),
    binding: Option<String>,
    related: Vec<(&'static str, (usize, usize), String)>,
}

struct Analysis<'c, 'a> {
    code: &'c Code<'a>,
    file: &'c SourceFile<'a>,
    scopes: Scopes,
    assigns: Vec<Assign>,
    /// Binding -> indices into `assigns` of assignments to it.
    values: HashMap<String, Vec<usize>>,
    /// Plain name -> indices of declarations anywhere (constants).
    by_name: HashMap<String, Vec<usize>>,
    /// (member brace, name) of every local declaration.
    locals: HashSet<(usize, String)>,
    calls: Vec<Call>,
    /// Call open paren -> index into `calls`.
    call_at: HashMap<usize, usize>,
    /// Call index -> binding its result is assigned to.
    call_target: HashMap<usize, String>,
    /// Creation bindings (contexts, factories, clients with a protocol).
    created: HashMap<String, usize>,
    settings: Vec<VersionSetting>,
    /// OkHttp `ConnectionSpec` versions (client `okhttp`).
    okhttp_settings: Vec<VersionSetting>,
    process: Vec<Fact>,
    groups: BTreeMap<String, Vec<PropEntry>>,
    /// Groups that are Spring senders' (their keys are `spring.mail.*`).
    spring_groups: HashSet<String>,
    /// Groups copied into a Spring sender: reported through the sender.
    linked: HashSet<String>,
    /// Context binding passed to `SSLContext.setDefault`.
    default_context: Option<String>,
}

const MAX_DEPTH: usize = 6;

impl<'c, 'a> Analysis<'c, 'a> {
    fn new(code: &'c Code<'a>, file: &'c SourceFile<'a>, scopes: Scopes) -> Self {
        let assigns = code.assignments();
        let calls: Vec<Call> = code
            .calls()
            .into_iter()
            .filter(|c| !c.declaration)
            .collect();
        let call_at = calls.iter().enumerate().map(|(n, c)| (c.open, n)).collect();
        let mut a = Analysis {
            code,
            file,
            scopes,
            assigns,
            values: HashMap::new(),
            by_name: HashMap::new(),
            locals: HashSet::new(),
            calls,
            call_at,
            call_target: HashMap::new(),
            created: HashMap::new(),
            settings: Vec::new(),
            okhttp_settings: Vec::new(),
            process: Vec::new(),
            groups: BTreeMap::new(),
            spring_groups: HashSet::new(),
            linked: HashSet::new(),
            default_context: None,
        };
        a.index_assignments();
        a.find_creations();
        a.find_protocol_settings();
        a.find_properties();
        a
    }

    // --- names and bindings --------------------------------------------------

    fn class_prefix(&self, i: usize) -> String {
        self.scopes
            .class_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|c| self.scopes.class_name.get(&c))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether `name` is declared (or a parameter) in the member holding `i`.
    fn is_local(&self, i: usize, name: &str) -> bool {
        let Some(member) = self.scopes.member_of.get(i).copied().flatten() else {
            return false;
        };
        if self
            .scopes
            .params
            .get(&member)
            .is_some_and(|p| p.iter().any(|n| n == name))
        {
            return true;
        }
        self.locals.contains(&(member, name.to_owned()))
    }

    /// The binding of a dotted name used at token `i`.
    fn binding(&self, i: usize, names: &[&str]) -> String {
        let names: Vec<&str> = match names {
            ["this", rest @ ..] if !rest.is_empty() => rest.to_vec(),
            _ => names.to_vec(),
        };
        let joined = names.join(".");
        let Some(first) = names.first() else {
            return joined;
        };
        let class = self.class_prefix(i);
        if self.is_local(i, first) {
            let member = self
                .scopes
                .member_of
                .get(i)
                .copied()
                .flatten()
                .and_then(|m| self.scopes.member_name.get(&m))
                .cloned()
                .unwrap_or_default();
            return format!("{class}.{member}::{joined}");
        }
        if first.chars().next().is_some_and(char::is_uppercase) && names.len() > 1 {
            // `Config.CTX`, `System.out`: a static path.
            return joined;
        }
        if class.is_empty() {
            joined
        } else {
            format!("{class}::{joined}")
        }
    }

    fn path_binding(&self, path: &Path) -> String {
        let names = self.code.path_names(path);
        self.binding(path.start, &names)
    }

    fn index_assignments(&mut self) {
        for (n, a) in self.assigns.iter().enumerate() {
            if a.index.is_some() || a.target.receiver.is_some() {
                continue;
            }
            if a.declared && a.target.names.len() == 1 {
                if let Some(name) = self.code.name(a.target.start) {
                    self.by_name.entry(name.to_owned()).or_default().push(n);
                    if let Some(member) = self.scopes.member_of.get(a.op).copied().flatten() {
                        self.locals.insert((member, name.to_owned()));
                    }
                }
            }
        }
        let mut values: HashMap<String, Vec<usize>> = HashMap::new();
        let mut targets = HashMap::new();
        for (n, a) in self.assigns.iter().enumerate() {
            if a.index.is_some() || a.target.receiver.is_some() || !self.code.is_punct(a.op, "=") {
                continue;
            }
            let binding = self.path_binding(&a.target);
            if let Some(id) = self.value_call(a.value) {
                targets.entry(id).or_insert_with(|| binding.clone());
            }
            values.entry(binding).or_default().push(n);
        }
        self.values = values;
        self.call_target = targets;
    }

    /// The call an expression is, allowing Kotlin scope functions after it
    /// (`SSLContext.getInstance("TLS").apply { ... }`) and `new`.
    fn value_call(&self, range: (usize, usize)) -> Option<usize> {
        self.value_call_at(range, 0)
    }

    fn value_call_at(&self, (s, e): (usize, usize), depth: usize) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (s, mut e) = self.code.strip_parens(s, e);
        // `.apply { }` / `.also { }` return their receiver.
        while e >= s + 3 && self.code.is_punct(e - 1, "}") {
            let o = self.code.partner(e - 1)?;
            let scope_fn = o >= s + 2
                && self.code.is_punct(o - 2, ".")
                && (self.code.is_ident(o - 1, "apply") || self.code.is_ident(o - 1, "also"));
            if !scope_fn {
                break;
            }
            e = o - 2;
        }
        if e <= s || !self.code.is_punct(e - 1, ")") {
            return None;
        }
        let open = self.code.partner(e - 1)?;
        let id = *self.call_at.get(&open)?;
        let call = self.calls.get(id)?;
        let start = if call.new {
            call.path.start.checked_sub(1)?
        } else {
            call.path.start
        };
        if start == s {
            return Some(id);
        }
        // `a().b()`: the receiver must itself be a call chain from `s`.
        let r = call.path.receiver?;
        self.value_call_at((s, r + 1), depth + 1).map(|_| id)
    }

    /// The single value a binding is assigned.
    fn single_value(&self, binding: &str) -> Option<(usize, usize)> {
        let list = self.values.get(binding)?;
        let mut found: Option<(usize, usize)> = None;
        for &n in list {
            let v = self.assigns.get(n)?.value;
            if found.is_some_and(|f| self.code.slice(f.0, f.1) != self.code.slice(v.0, v.1)) {
                return None;
            }
            found.get_or_insert(v);
        }
        found
    }

    /// The value of a name for constant resolution: the binding's single
    /// value, else a unique declaration of that name anywhere in the file.
    fn name_value(&self, path: &Path) -> Option<(usize, usize)> {
        let binding = self.path_binding(path);
        if let Some(v) = self.single_value(&binding) {
            return Some(v);
        }
        let last = self.code.name(*path.names.last()?)?;
        let list = self.by_name.get(last)?;
        let [n] = list.as_slice() else {
            return None;
        };
        self.assigns.get(*n).map(|a| a.value)
    }

    /// A constant string: a literal, a concatenation of literals, or a
    /// name bound to one. Returns the value and the token range of the
    /// literal that holds it.
    fn const_str(&self, range: (usize, usize), depth: usize) -> Option<(String, (usize, usize))> {
        let (s, e) = self.code.strip_parens(range.0, range.1);
        if s >= e || depth > MAX_DEPTH {
            return None;
        }
        if let Some(v) = self.code.concat_value(s, e) {
            return Some((v, (s, e)));
        }
        let path = self.code.path_at(s, e)?;
        if path.end != e {
            return None;
        }
        let v = self.name_value(&path)?;
        self.const_str(v, depth + 1)
    }

    /// A constant list of strings: `new String[]{...}`, `{...}`,
    /// `arrayOf(...)`, `listOf(...)`, `Arrays.asList(...)`, `List.of(...)`,
    /// with `.toTypedArray()`, or a name bound to one; or one string.
    fn const_list(
        &self,
        range: (usize, usize),
        depth: usize,
    ) -> Option<(Vec<String>, (usize, usize))> {
        let (s, mut e) = self.code.strip_parens(range.0, range.1);
        if s >= e || depth > MAX_DEPTH {
            return None;
        }
        // `.toTypedArray()` / `.toArray(...)`.
        if e >= s + 4
            && self.code.is_punct(e - 1, ")")
            && self
                .code
                .partner(e - 1)
                .is_some_and(|o| o >= 2 && self.code.is_punct(o - 2, "."))
        {
            if let Some(o) = self.code.partner(e - 1) {
                if matches!(self.code.name(o - 1), Some("toTypedArray" | "toArray")) {
                    e = o - 2;
                }
            }
        }
        let items = if self.code.is_punct(s, "{") && self.code.partner(s) == Some(e - 1) {
            Some(self.code.items(s))
        } else if self.code.is_punct(e - 1, "}") || self.code.is_punct(e - 1, ")") {
            let open = self.code.partner(e - 1)?;
            let call = self.code.call(open)?;
            let name = self.code.name(*call.path.names.last()?)?;
            let list_call = call.array
                || matches!(
                    name,
                    "arrayOf" | "listOf" | "mutableListOf" | "setOf" | "asList" | "of"
                );
            let starts = call.path.start == s || (call.new && call.path.start == s + 1);
            (list_call && starts).then(|| call.args.iter().map(|a| a.value).collect())
        } else {
            None
        };
        if let Some(items) = items {
            let mut out = Vec::new();
            for item in items {
                out.push(self.const_str(item, depth + 1)?.0);
            }
            return Some((out, (s, e)));
        }
        if let Some((v, at)) = self.const_str((s, e), depth + 1) {
            return Some((vec![v], at));
        }
        let path = self.code.path_at(s, e)?;
        if path.end != e {
            return None;
        }
        let v = self.name_value(&path)?;
        self.const_list(v, depth + 1)
    }

    // --- creations and settings ------------------------------------------------

    fn callee_is(&self, call: &Call, names: &[&str]) -> bool {
        let parts = self.code.path_names(&call.path);
        names.len() <= parts.len() && parts[parts.len() - names.len()..] == *names
    }

    fn last_name<'x>(&'x self, call: &Call) -> &'x str {
        call.path
            .names
            .last()
            .and_then(|&i| self.code.name(i))
            .unwrap_or("")
    }

    /// A Commons Net `IMAPSClient`/`POP3SClient`/`SMTPSClient` constructor's
    /// (protocol, implicit, context) arguments by overload: `()`,
    /// `(boolean)`, `(String)`, `(SSLContext)`, `(String, boolean)`,
    /// `(boolean, SSLContext)`, `(String, boolean, SSLContext)`.
    fn commons_args<'x>(&self, call: &'x Call) -> (Option<&'x Arg>, Option<bool>, Option<&'x Arg>) {
        let boolean = |a: &Arg| match self.code.slice(a.value.0, a.value.1) {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let is_context = |a: &Arg| {
            self.code
                .path_at(a.value.0, a.value.1)
                .filter(|p| p.end == a.value.1)
                .is_some_and(|p| {
                    self.created
                        .contains_key(&self.canon(self.path_binding(&p)))
                })
        };
        match call.args.as_slice() {
            [] => (None, Some(false), None),
            [a] if boolean(a).is_some() => (None, boolean(a), None),
            [a] if is_context(a) => (None, Some(false), Some(a)),
            [a] => (Some(a), Some(false), None),
            [a, b] if boolean(a).is_some() => (None, boolean(a), Some(b)),
            [a, b] => (Some(a), boolean(b), None),
            [a, b, c, ..] => (Some(a), boolean(b), Some(c)),
        }
    }

    /// `new X(...)` in Java, `X(...)` (a capitalised name, or a qualified
    /// one ending in one) in Kotlin.
    fn is_constructor(&self, call: &Call) -> bool {
        call.new
            || (self.code.spec.name == "kotlin"
                && call.path.receiver.is_none()
                && self
                    .last_name(call)
                    .starts_with(|c: char| c.is_ascii_uppercase()))
    }

    fn creation_binding(&self, id: usize, call: &Call) -> String {
        match self.call_target.get(&id) {
            Some(b) => b.clone(),
            None => {
                let loc = self.location((call.path.start, call.path.end));
                format!(
                    "{}@{}:{}",
                    self.code.path_text(&call.path),
                    loc.line,
                    loc.column
                )
            }
        }
    }

    fn find_creations(&mut self) {
        let mut found = Vec::new();
        let mut default_context = None;
        for (id, call) in self.calls.iter().enumerate() {
            let name = self.last_name(call);
            let context = self.callee_is(call, &["SSLContext", "getInstance"]);
            let ctor = self.is_constructor(call);
            let mail_factory = ctor && name == "MailSSLSocketFactory";
            let commons = ctor && COMMONS_NET.iter().any(|c| c.0 == name);
            let default = self.callee_is(call, &["SSLContext", "getDefault"]);
            if self.callee_is(call, &["SSLContext", "setDefault"]) {
                if let Some(arg) = call.args.first() {
                    if let Some(path) = self.code.path_at(arg.value.0, arg.value.1) {
                        default_context = Some(self.path_binding(&path));
                    }
                }
            }
            if !(context || mail_factory || commons || default) {
                continue;
            }
            let binding = self.creation_binding(id, call);
            let decl = (call.path.start, call.path.end);
            // The protocol argument: first for getInstance and
            // MailSSLSocketFactory; for Commons Net by overload.
            let proto_arg = if commons {
                match self.commons_args(call) {
                    (_, _, Some(_)) => continue,
                    (proto, _, None) => proto,
                }
            } else if default {
                None
            } else {
                call.args.first()
            };
            let (tls, at, value) = match proto_arg.map(|a| (a, self.const_str(a.value, 0))) {
                Some((_, Some((v, at)))) => (context_range(&v), at, v),
                Some((a, None)) => (TlsRange::unknown(), a.value, self.opaque(a.value)),
                None if mail_factory || commons => (TlsRange::unknown(), decl, "TLS".to_owned()),
                None => (TlsRange::unknown(), decl, "Default".to_owned()),
            };
            let setting_name = if commons {
                "protocol"
            } else if mail_factory {
                "MailSSLSocketFactory"
            } else {
                "SSLContext.getInstance"
            };
            found.push(VersionSetting {
                binding,
                tls,
                at,
                decl,
                name: setting_name,
                value,
            });
        }
        for (n, s) in found.iter().enumerate() {
            self.created.entry(s.binding.clone()).or_insert(n);
        }
        self.settings = found;
        self.default_context = default_context.map(|b| self.canon(b));
    }

    /// Follows `a = b` aliases to the binding that holds the object.
    fn canon(&self, binding: String) -> String {
        let mut cur = binding;
        for _ in 0..MAX_DEPTH {
            if self.created.contains_key(&cur) {
                break;
            }
            let Some((s, e)) = self.single_value(&cur) else {
                break;
            };
            let (s, e) = self.code.strip_parens(s, e);
            match self.code.path_at(s, e) {
                Some(p) if p.end == e => {
                    let next = self.path_binding(&p);
                    if next == cur {
                        break;
                    }
                    cur = next;
                }
                _ => break,
            }
        }
        cur
    }

    /// The binding a `setEnabledProtocols`-like call on `receiver` writes.
    fn receiver_binding(&self, call_start: usize, path: &Path) -> String {
        // In a class that extends a socket factory: the class.
        if let Some(class) = self.scopes.class_of.get(call_start).copied().flatten() {
            if self.scopes.factory_class.contains(&class) {
                if let Some(name) = self.scopes.class_name.get(&class) {
                    return name.clone();
                }
            }
        }
        let names = self.code.path_names(path);
        let object = &names[..names.len().saturating_sub(1)];
        if object.is_empty() {
            if let Some(r) = path.receiver {
                // `((SSLSocket) s).setEnabledProtocols(...)`: the last name
                // in the parentheses.
                let open = self.code.partner(r).unwrap_or(r);
                if let Some(last) = (open..r)
                    .rev()
                    .find(|&i| self.code.kind(i) == Some(Kind::Ident))
                {
                    if let Some(p) = self.code.path_back(last) {
                        return self.canon(self.path_binding(&p));
                    }
                }
                return self.opaque((open, r + 1));
            }
            return format!("{}::this", self.class_prefix(call_start));
        }
        self.canon(self.binding(path.start, object))
    }

    fn find_protocol_settings(&mut self) {
        let mut found = Vec::new();
        let mut system = Vec::new();
        let mut okhttp = Vec::new();
        for (id, call) in self.calls.iter().enumerate() {
            let name = self.last_name(call);
            let (setting, list_arg) = match name {
                "setEnabledProtocols" => ("setEnabledProtocols", call.args.first()),
                "setProtocols" => ("SSLParameters.setProtocols", call.args.first()),
                "SSLParameters" if call.new && call.args.len() == 2 => {
                    ("SSLParameters", call.args.get(1))
                }
                // Apache HttpClient 4: `(ctx, protocols, suites, verifier)`.
                "SSLConnectionSocketFactory"
                    if self.is_constructor(call) && call.args.len() >= 3 =>
                {
                    ("SSLConnectionSocketFactory", call.args.get(1))
                }
                "setProperty" if self.callee_is(call, &["System", "setProperty"]) => {
                    system.push(id);
                    continue;
                }
                "tlsVersions" => {
                    okhttp.extend(self.okhttp_setting(id));
                    continue;
                }
                _ => continue,
            };
            let Some(arg) = list_arg else { continue };
            let binding = if call.new {
                match self.call_target.get(&id) {
                    Some(b) => b.clone(),
                    None => continue,
                }
            } else {
                self.receiver_binding(call.path.start, &call.path)
            };
            found.push(self.list_setting(
                binding,
                arg.value,
                (call.path.start, call.path.end),
                setting,
            ));
        }
        // Kotlin properties: `socket.enabledProtocols = arrayOf(...)`,
        // `params.protocols = ...`.
        for a in &self.assigns {
            let Some(&last) = a.target.names.last() else {
                continue;
            };
            let setting = match self.code.name(last) {
                Some("enabledProtocols") => "enabledProtocols",
                Some("protocols") if a.target.names.len() > 1 => "SSLParameters.protocols",
                _ => continue,
            };
            if a.index.is_some() || !self.code.is_punct(a.op, "=") {
                continue;
            }
            let binding = self.receiver_binding(a.target.start, &a.target);
            found.push(self.list_setting(
                binding,
                a.value,
                (a.target.start, a.target.end),
                setting,
            ));
        }
        self.settings.extend(found);
        self.okhttp_settings.extend(okhttp);
        for id in system {
            if let Some(call) = self.calls.get(id).cloned() {
                self.system_property(&call);
            }
        }
    }

    fn list_setting(
        &self,
        binding: String,
        value: (usize, usize),
        decl: (usize, usize),
        name: &'static str,
    ) -> VersionSetting {
        match self.const_list(value, 0) {
            Some((list, at)) => VersionSetting {
                binding,
                tls: javamail::protocols_range(&list.join(" "), &[]),
                at,
                decl,
                name,
                value: list.join(" "),
            },
            None => VersionSetting {
                binding,
                tls: TlsRange::unknown(),
                at: value,
                decl,
                name,
                value: self.opaque(value),
            },
        }
    }

    /// `System.setProperty(k, v)`: JVM-wide TLS settings and JavaMail
    /// system properties.
    fn system_property(&mut self, call: &Call) {
        let (Some(k), Some(v)) = (call.args.first(), call.args.get(1)) else {
            return;
        };
        let Some((key, _)) = self.const_str(k.value, 0) else {
            return;
        };
        match key.as_str() {
            "jdk.tls.client.protocols" | "https.protocols" => {
                let (value, at) = match self.const_str(v.value, 0) {
                    Some((v, at)) => (Some(v), at),
                    None => (None, v.value),
                };
                let loc = self.location(at);
                let mut fact = Fact::new(FactKind::TlsSetting, loc, self.line_text(loc));
                fact.client = Some("java".to_owned());
                fact.scope = Some(
                    if key == "https.protocols" {
                        "application"
                    } else {
                        "process"
                    }
                    .to_owned(),
                );
                fact.tls = Some(match &value {
                    Some(v) => javamail::protocols_range(v, &[',']),
                    None => TlsRange::unknown(),
                });
                fact.setting = Some(Setting {
                    name: key.clone(),
                    value: redact(&value.unwrap_or_else(|| self.opaque(v.value))),
                });
                let decl = self.location((call.path.start, call.path.end));
                if decl.line != loc.line {
                    let message = format!("sets the system property: {}", self.line_text(decl));
                    fact.related
                        .push(Related::new("declaration", decl, message));
                }
                self.process.push(fact);
            }
            k if k.starts_with("mail.") => {
                let entry = self.prop_entry(key.clone(), v.value);
                self.groups
                    .entry("System".to_owned())
                    .or_default()
                    .push(entry);
            }
            _ => {}
        }
    }

    // --- properties -------------------------------------------------------------

    fn prop_entry(&self, key: String, value: (usize, usize)) -> PropEntry {
        let (s, e) = self.code.strip_parens(value.0, value.1);
        if let Some((v, at)) = self.const_str((s, e), 0) {
            // A version list is reported where it is written; other values
            // where they are put.
            let at = if key.to_ascii_lowercase().ends_with(".ssl.protocols") {
                at
            } else {
                (s, e)
            };
            return PropEntry {
                key,
                value: v,
                at,
                object: false,
            };
        }
        let text = self.code.slice(s, e);
        let literal = e == s + 1
            && (self.code.kind(s) == Some(Kind::Number) || matches!(text, "true" | "false"));
        if literal {
            return PropEntry {
                key,
                value: text.to_owned(),
                at: (s, e),
                object: false,
            };
        }
        if matches!(text, "Boolean.TRUE" | "java.lang.Boolean.TRUE") {
            return PropEntry {
                key,
                value: "true".to_owned(),
                at: (s, e),
                object: false,
            };
        }
        // A constant number (`PORT`) or a named value.
        let value = match self.code.path_at(s, e).filter(|p| p.end == e) {
            Some(p) => self
                .name_value(&p)
                .map(|v| self.code.strip_parens(v.0, v.1))
                .filter(|&(a, b)| b == a + 1 && self.code.kind(a) == Some(Kind::Number))
                .map(|(a, _)| self.code.text(a).to_owned()),
            None => None,
        };
        PropEntry {
            key,
            value: value.unwrap_or_else(|| format!("${{{}}}", self.opaque((s, e)))),
            at: (s, e),
            object: true,
        }
    }

    /// The property group of a receiver path (`props`, `this.props`, `it`
    /// in a scope function, a Spring sender's `getJavaMailProperties()`).
    fn group_of(
        &self,
        i: usize,
        object: &[&str],
        receiver: Option<usize>,
    ) -> Option<(String, bool)> {
        if object.is_empty() {
            if let Some(r) = receiver {
                // `sender.getJavaMailProperties().put(...)`,
                // `System.getProperties().put(...)`.
                let open = self.code.partner(r)?;
                let call = self.code.call(open)?;
                return match self.last_name(&call) {
                    "getJavaMailProperties" => {
                        let names = self.code.path_names(&call.path);
                        let obj = &names[..names.len().saturating_sub(1)];
                        Some((self.canon(self.binding(call.path.start, obj)), true))
                    }
                    "getProperties" if self.callee_is(&call, &["System", "getProperties"]) => {
                        Some(("System".to_owned(), false))
                    }
                    _ => None,
                };
            }
            // Receiver-less: the object being built around it.
            return self.enclosing_target(i).map(|b| (b, false));
        }
        if object == ["it"] || object == ["this"] {
            return self.enclosing_target(i).map(|b| (b, false));
        }
        if object.last() == Some(&"javaMailProperties") {
            let sender = &object[..object.len() - 1];
            if sender.is_empty() || sender == ["this"] || sender == ["it"] {
                return self.enclosing_target(i).map(|b| (b, true));
            }
            return Some((self.canon(self.binding(i, sender)), true));
        }
        Some((self.canon(self.binding(i, object)), false))
    }

    /// The binding of the innermost assignment whose value holds token `i`.
    /// Failing that, the innermost Kotlin scope function block
    /// (`Properties().apply { ... }`) around it.
    fn enclosing_target(&self, i: usize) -> Option<String> {
        let assigned = self
            .assigns
            .iter()
            .filter(|a| a.value.0 <= i && i < a.value.1 && a.index.is_none())
            .max_by_key(|a| a.value.0)
            .map(|a| self.path_binding(&a.target));
        if assigned.is_some() {
            return assigned;
        }
        let mut open = self.code.enclosing(i);
        for _ in 0..64 {
            let o = open?;
            let scope_fn = self.code.is_punct(o, "{")
                && o.checked_sub(1).is_some_and(|p| {
                    matches!(self.code.name(p), Some("apply" | "run" | "also" | "with"))
                        || self.code.is_punct(p, ")")
                            && self
                                .code
                                .partner(p)
                                .and_then(|q| q.checked_sub(1))
                                .is_some_and(|q| self.code.is_ident(q, "with"))
                });
            if scope_fn {
                return Some(format!("block@{}", self.location((o, o + 1)).line));
            }
            open = self.code.enclosing(o);
        }
        None
    }

    fn find_properties(&mut self) {
        let senders: HashSet<String> = self
            .calls
            .iter()
            .enumerate()
            .filter(|(_, c)| self.last_name(c) == "JavaMailSenderImpl")
            .filter_map(|(id, _)| self.call_target.get(&id).map(|b| self.canon(b.clone())))
            .collect();
        let mut puts: Vec<Put> = Vec::new();
        for call in &self.calls {
            let name = self.last_name(call);
            let names = self.code.path_names(&call.path);
            let object = &names[..names.len().saturating_sub(1)];
            match name {
                "put" | "setProperty" | "putIfAbsent" | "set" if call.args.len() == 2 => {
                    if self.callee_is(call, &["System", "setProperty"]) {
                        continue;
                    }
                    let (Some(k), Some(v)) = (call.args.first(), call.args.get(1)) else {
                        continue;
                    };
                    let Some((key, _)) = self.const_str(k.value, 0) else {
                        continue;
                    };
                    if !is_mail_key(&key) {
                        continue;
                    }
                    if let Some((group, spring)) =
                        self.group_of(call.path.start, object, call.path.receiver)
                    {
                        puts.push(Put::Prop {
                            group,
                            spring,
                            key,
                            value: v.value,
                        });
                    }
                }
                "setHost" | "setPort" | "setProtocol" | "setJavaMailProperties"
                    if call.args.len() == 1 =>
                {
                    let sender = if object.is_empty() {
                        self.enclosing_target(call.path.start).unwrap_or_default()
                    } else {
                        self.canon(self.binding(call.path.start, object))
                    };
                    let Some(arg) = call.args.first() else {
                        continue;
                    };
                    if senders.contains(&sender) {
                        puts.push(self.sender_put(
                            sender,
                            name.trim_start_matches("set"),
                            arg.value,
                        ));
                    }
                }
                _ => {}
            }
        }
        for a in &self.assigns {
            if !self.code.is_punct(a.op, "=") {
                continue;
            }
            let names = self.code.path_names(&a.target);
            // Kotlin `props["mail.x"] = v`.
            if let Some((open, _)) = a.index {
                let items = self.code.items(open);
                let [k] = items.as_slice() else { continue };
                let Some((key, _)) = self.const_str(*k, 0) else {
                    continue;
                };
                if !is_mail_key(&key) {
                    continue;
                }
                if let Some((group, spring)) =
                    self.group_of(a.target.start, &names, a.target.receiver)
                {
                    puts.push(Put::Prop {
                        group,
                        spring,
                        key,
                        value: a.value,
                    });
                }
                continue;
            }
            // Kotlin `sender.host = "h"`.
            let Some((prop, object)) = names.split_last() else {
                continue;
            };
            if senders.is_empty()
                || !matches!(*prop, "host" | "port" | "protocol" | "javaMailProperties")
            {
                continue;
            }
            let sender = if object.is_empty() || object == ["this"] || object == ["it"] {
                self.enclosing_target(a.target.start).unwrap_or_default()
            } else {
                self.canon(self.binding(a.target.start, object))
            };
            if senders.contains(&sender) {
                puts.push(self.sender_put(sender, prop, a.value));
            }
        }
        // Kotlin `"mail.x" to v` pairs (`mapOf(...)`, `propertiesOf(...)`).
        for i in 1..self.code.len() {
            if !self.code.is_ident(i, "to") {
                continue;
            }
            let Some(key) = self.code.str_value(i - 1).map(str::to_owned) else {
                continue;
            };
            if !is_mail_key(&key) {
                continue;
            }
            let end = self.code.expr_end(i + 1, self.code.len());
            let group = self
                .enclosing_target(i)
                .unwrap_or_else(|| format!("pairs@{}", self.location((i, i + 1)).line));
            puts.push(Put::Prop {
                group,
                spring: false,
                key,
                value: (i + 1, end),
            });
        }
        let mut links = Vec::new();
        for put in puts {
            match put {
                Put::Prop {
                    group,
                    spring,
                    key,
                    value,
                } => {
                    let key = if spring && !key.starts_with("spring.") {
                        format!("spring.mail.properties.{key}")
                    } else {
                        key
                    };
                    if spring {
                        self.spring_groups.insert(group.clone());
                    }
                    let entry = self.prop_entry(key, value);
                    self.groups.entry(group).or_default().push(entry);
                }
                Put::Link { from, sender } => links.push((from, sender)),
            }
        }
        // `setJavaMailProperties(p)`: the sender's session properties.
        for (from, sender) in links {
            let entries = self.groups.get(&from).cloned().unwrap_or_default();
            self.linked.insert(from);
            self.spring_groups.insert(sender.clone());
            let target = self.groups.entry(sender).or_default();
            for mut e in entries {
                if !e.key.starts_with("spring.") {
                    e.key = format!("spring.mail.properties.{}", e.key);
                }
                target.push(e);
            }
        }
    }

    /// A Spring `JavaMailSenderImpl` setter (`host`, `Port`, ...).
    fn sender_put(&self, sender: String, prop: &str, value: (usize, usize)) -> Put {
        let prop = prop.to_ascii_lowercase();
        if prop == "javamailproperties" {
            let from = self
                .code
                .path_at(value.0, value.1)
                .filter(|p| p.end == value.1)
                .map(|p| self.canon(self.path_binding(&p)))
                .unwrap_or_default();
            return Put::Link { from, sender };
        }
        Put::Prop {
            group: sender,
            spring: true,
            key: format!("spring.mail.{prop}"),
            value,
        }
    }

    // --- helpers for facts ---------------------------------------------------------

    fn location(&self, range: (usize, usize)) -> Location {
        let start = self.code.tok(range.0).map_or(0, |t| t.start);
        let end = range
            .1
            .checked_sub(1)
            .and_then(|l| self.code.tok(l))
            .map_or(start, |t| t.end);
        self.file.location(start, end.max(start))
    }

    fn line_text(&self, loc: Location) -> String {
        redact(self.file.line(loc.line).trim())
    }

    fn opaque(&self, (s, e): (usize, usize)) -> String {
        let text = self
            .code
            .slice(s, e)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        redact(&text)
    }

    // --- facts ------------------------------------------------------------------------

    fn facts(&self) -> Vec<Fact> {
        let mut facts = Vec::new();
        for s in &self.settings {
            facts.push(self.setting_fact(s));
        }
        for s in &self.okhttp_settings {
            let mut fact = self.setting_fact(s);
            fact.client = Some(okhttp::CLIENT.to_owned());
            facts.push(fact);
        }
        facts.extend(self.process.iter().cloned());
        for (name, entries) in &self.groups {
            if self.linked.contains(name) {
                continue;
            }
            let props: Vec<Prop> = entries
                .iter()
                .map(|e| {
                    let loc = self.location(e.at);
                    Prop {
                        key: javamail::normalize_key(&self.object_key(e)),
                        value: self.object_value(e),
                        location: loc,
                        evidence: self.line_text(loc),
                        document: 0,
                    }
                })
                .collect();
            let unstated = if name == "System" {
                TlsMode::Unknown
            } else {
                TlsMode::None
            };
            facts.extend(javamail::facts(&props, unstated, None));
        }
        for usage in self.usages() {
            facts.push(self.usage_fact(usage));
        }
        facts
    }

    /// JavaMail reads `mail.<p>.socketFactory` as an object; the shared
    /// semantics know the `.class` form: an SSL factory object counts as an
    /// SSL factory class.
    fn object_key(&self, e: &PropEntry) -> String {
        if e.object && is_plain_factory_key(&e.key) {
            format!("{}.class", e.key)
        } else {
            e.key.clone()
        }
    }

    fn object_value(&self, e: &PropEntry) -> String {
        if e.object && is_plain_factory_key(&e.key) && self.is_ssl_factory(e.at) {
            return "javax.net.ssl.SSLSocketFactory".to_owned();
        }
        e.value.clone()
    }

    /// Whether a socket factory expression makes SSL sockets.
    fn is_ssl_factory(&self, at: (usize, usize)) -> bool {
        let text = self.code.slice(at.0, at.1);
        text.to_ascii_lowercase().contains("ssl")
            || self
                .factory_binding(at, 0)
                .is_some_and(|b| self.created.contains_key(&b))
    }

    fn setting_fact(&self, s: &VersionSetting) -> Fact {
        let loc = self.location(s.at);
        let mut fact = Fact::new(FactKind::TlsSetting, loc, self.line_text(loc));
        fact.client = Some("java-jsse".to_owned());
        fact.scope = Some("call".to_owned());
        fact.binding = Some(s.binding.clone());
        fact.tls = Some(s.tls.clone());
        fact.setting = Some(Setting {
            name: s.name.to_owned(),
            value: redact(&s.value),
        });
        let decl = self.location(s.decl);
        if decl.line != loc.line {
            let message = format!("sets the TLS versions: {}", self.line_text(decl));
            fact.related
                .push(Related::new("declaration", decl, message));
        }
        fact
    }

    /// The context binding a socket factory expression carries: `Some`
    /// with a binding for a factory from a known object (or an opaque
    /// expression), `None` for the JVM default factory.
    fn factory_binding(&self, range: (usize, usize), depth: usize) -> Option<String> {
        let (mut s, e) = self.code.strip_parens(range.0, range.1);
        if s >= e || depth > MAX_DEPTH {
            return Some(self.opaque(range));
        }
        // A cast: `(SSLSocketFactory) expr`.
        if self.code.is_punct(s, "(") {
            if let Some(c) = self.code.partner(s) {
                if c + 1 < e && self.code.kind(s + 1) == Some(Kind::Ident) {
                    s = c + 1;
                }
            }
        }
        // Kotlin `expr as SSLSocketFactory`.
        let e = (s..e)
            .find(|&i| self.code.is_ident(i, "as") && i > s)
            .unwrap_or(e);
        let text = self.code.slice(s, e);
        if text.contains("getDefault()") && !text.contains("SSLContext.getDefault()") {
            return None;
        }
        // `X.class.getName()` / `X::class.java.name` / "com.x.X".
        if let Some((v, _)) = self.const_str((s, e), 0) {
            let simple = v.rsplit('.').next().unwrap_or(&v).to_owned();
            // The JDK's own factory class is the default context's.
            return (simple != "SSLSocketFactory").then_some(simple);
        }
        // `X.class.getName()`, Kotlin `X::class.java.name`.
        if (self.code.is_punct(s + 1, ".") || self.code.is_punct(s + 1, "::"))
            && self.code.is_ident(s + 2, "class")
        {
            if let Some(name) = self.code.name(s) {
                return Some(name.to_owned());
            }
        }
        if let Some(id) = self.value_call((s, e)) {
            let call = self.calls.get(id)?;
            let name = self.last_name(call);
            if let Some(n) = self
                .settings
                .iter()
                .position(|st| st.decl == (call.path.start, call.path.end))
            {
                return self.settings.get(n).map(|st| st.binding.clone());
            }
            if name == "getSocketFactory" || name == "getServerSocketFactory" {
                let names = self.code.path_names(&call.path);
                let object = &names[..names.len().saturating_sub(1)];
                if object.is_empty() {
                    if let Some(r) = call.path.receiver {
                        let inner = self
                            .code
                            .partner(r)
                            .and_then(|o| self.code.call(o))
                            .filter(|c| self.call_at.contains_key(&c.open));
                        if let Some(inner) = inner {
                            if let Some(b) = self.returned(&inner, depth) {
                                return Some(b);
                            }
                            if let Some(st) = self
                                .settings
                                .iter()
                                .find(|st| st.decl == (inner.path.start, inner.path.end))
                            {
                                return Some(st.binding.clone());
                            }
                        }
                    }
                    return Some(self.opaque((s, e)));
                }
                if object == ["SSLContext", "getDefault"] {
                    return None;
                }
                return Some(self.canon(self.binding(call.path.start, object)));
            }
            if call.new || self.code.kind(call.path.start) == Some(Kind::Ident) {
                // A local factory class.
                if self.scopes.class_name.values().any(|c| c == name) {
                    return Some(name.to_owned());
                }
            }
            if let Some(b) = self.returned(call, depth) {
                return Some(b);
            }
            return Some(self.opaque((s, e)));
        }
        if let Some(p) = self.code.path_at(s, e).filter(|p| p.end == e) {
            let names = self.code.path_names(&p);
            // Kotlin `ctx.socketFactory`.
            if let Some((last, object)) = names.split_last() {
                if *last == "socketFactory" && !object.is_empty() {
                    if object == ["SSLContext", "default"] {
                        return None;
                    }
                    return Some(self.canon(self.binding(p.start, object)));
                }
            }
            let binding = self.canon(self.path_binding(&p));
            if self.created.contains_key(&binding) {
                return Some(binding);
            }
            if let Some(v) = self.single_value(&binding) {
                return self.factory_binding(v, depth + 1);
            }
            return Some(binding);
        }
        Some(self.opaque((s, e)))
    }

    /// For a call of a method of this file (`legacyContext()`,
    /// `this.factory()`) whose every `return` gives the same context or
    /// factory: that binding.
    fn returned(&self, call: &Call, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH || call.new {
            return None;
        }
        let names = self.code.path_names(&call.path);
        let name = match names.as_slice() {
            [n] | ["this", n] => *n,
            _ => return None,
        };
        let mut members = self
            .scopes
            .member_name
            .iter()
            .filter(|(_, m)| m.as_str() == name);
        let (&brace, _) = members.next()?;
        if members.next().is_some() {
            return None;
        }
        let close = self.code.partner(brace)?;
        let mut found: Option<String> = None;
        for i in brace + 1..close {
            if !self.code.is_ident(i, "return")
                || self.scopes.member_of.get(i).copied().flatten() != Some(brace)
            {
                continue;
            }
            let end = self.code.expr_end(i + 1, close);
            let b = self.context_of(i + 1, end, depth + 1)?;
            if found.as_ref().is_some_and(|f| *f != b) {
                return None;
            }
            found = Some(b);
        }
        found.filter(|b| {
            self.created.contains_key(b) || self.scopes.class_name.values().any(|c| c == b)
        })
    }

    /// The context or factory binding an expression evaluates to.
    fn context_of(&self, s: usize, e: usize, depth: usize) -> Option<String> {
        let (s, e) = self.code.strip_parens(s, e);
        if let Some(id) = self.value_call((s, e)) {
            let call = self.calls.get(id)?;
            if let Some(st) = self
                .settings
                .iter()
                .find(|st| st.decl == (call.path.start, call.path.end))
            {
                return Some(st.binding.clone());
            }
        }
        self.factory_binding((s, e), depth)
    }

    // --- usages -----------------------------------------------------------------------

    fn usages(&self) -> Vec<Usage> {
        let mut out = Vec::new();
        // Sessions: binding -> group.
        let mut sessions: HashMap<String, Option<String>> = HashMap::new();
        for (id, call) in self.calls.iter().enumerate() {
            if self.callee_is(call, &["Session", "getInstance"])
                || self.callee_is(call, &["Session", "getDefaultInstance"])
            {
                let group = call.args.first().and_then(|a| self.group_for_expr(a.value));
                if let Some(b) = self.call_target.get(&id) {
                    sessions.insert(b.clone(), group);
                }
            }
        }
        let lone_group = {
            let real: Vec<&String> = self
                .groups
                .keys()
                .filter(|k| !k.starts_with('\u{0}'))
                .collect();
            match real.as_slice() {
                [one] => Some((*one).clone()),
                _ => None,
            }
        };
        // Connect calls by object binding.
        let mut connects: HashMap<String, Vec<&Call>> = HashMap::new();
        for call in &self.calls {
            if self.last_name(call) == "connect" {
                let names = self.code.path_names(&call.path);
                let object = &names[..names.len().saturating_sub(1)];
                if !object.is_empty() {
                    connects
                        .entry(self.canon(self.binding(call.path.start, object)))
                        .or_default()
                        .push(call);
                }
            }
        }
        for (id, call) in self.calls.iter().enumerate() {
            let name = self.last_name(call);
            let names = self.code.path_names(&call.path);
            let object = &names[..names.len().saturating_sub(1)];
            let decl = (call.path.start, call.path.end);
            let target = self.call_target.get(&id).map(|b| self.canon(b.clone()));
            match name {
                "getStore" | "getTransport"
                    if !object.is_empty() || call.path.receiver.is_some() =>
                {
                    let inline = call
                        .path
                        .receiver
                        .filter(|_| object.is_empty())
                        .and_then(|r| self.code.partner(r))
                        .and_then(|o| self.code.call(o))
                        .filter(|c| {
                            self.last_name(c) == "getInstance"
                                || self.last_name(c) == "getDefaultInstance"
                        })
                        .and_then(|c| c.args.first().and_then(|a| self.group_for_expr(a.value)));
                    let session = self.canon(self.binding(call.path.start, object));
                    let group = inline
                        .or_else(|| sessions.get(&session).cloned().flatten())
                        .or_else(|| lone_group.clone());
                    let selector = if name == "getStore" {
                        "mail.store.protocol"
                    } else {
                        "mail.transport.protocol"
                    };
                    let mut usage = self.javamail_usage(
                        decl,
                        group.clone(),
                        call.args.first().map(|a| a.value),
                        selector,
                    );
                    if let Some(list) = target.as_ref().and_then(|t| connects.get(t)) {
                        self.apply_connect(&mut usage, list);
                    }
                    // A host the properties already name is on the
                    // `connection` fact: report it once.
                    if let (Some((host, _)), Some(p)) = (&usage.host, &usage.provider) {
                        let in_props = [format!("mail.{p}.host"), "mail.host".to_owned()]
                            .iter()
                            .filter_map(|k| self.prop(group.as_deref(), k))
                            .any(|e| self.host_value(e).as_deref() == Some(host.as_str()));
                        if in_props {
                            usage.host = None;
                        }
                    }
                    out.push(usage);
                }
                "send" if object == ["Transport"] => {
                    let usage = self.javamail_usage(
                        decl,
                        lone_group.clone(),
                        None,
                        "mail.transport.protocol",
                    );
                    out.push(usage);
                }
                "JavaMailSenderImpl" => {
                    let Some(t) = target else { continue };
                    let group = self.groups.contains_key(&t).then(|| t.clone());
                    let mut usage =
                        self.javamail_usage(decl, group.clone(), None, "spring.mail.protocol");
                    usage.client = "spring-mail";
                    if usage.provider.is_none() {
                        usage.provider = Some("smtp".to_owned());
                        usage.protocol = Protocol::Smtp;
                        usage.mode = self.mode_for(group.as_deref(), "smtp", true);
                    }
                    out.push(usage);
                }
                n if self.is_constructor(call) && COMMONS_EMAIL.contains(&n) => {
                    let Some(t) = target else { continue };
                    out.push(self.commons_email(decl, &t));
                }
                n if URL_CLIENTS.contains(&n) => {
                    let Some(arg) = call.args.first() else {
                        continue;
                    };
                    let Some((url_text, at)) = self.const_str(arg.value, 0) else {
                        continue;
                    };
                    let Some(url) = mail_url::find_all(&url_text).into_iter().next() else {
                        continue;
                    };
                    let client = if n == "URLName" {
                        "javamail"
                    } else {
                        "spring-integration-mail"
                    };
                    let mode = url.tls_mode;
                    let port = url.port.or_else(|| default_port(url.protocol, mode));
                    out.push(Usage {
                        client,
                        protocol: url.protocol,
                        provider: None,
                        mode,
                        host: url.host.map(|h| (h, at)),
                        port: port.map(|p| (p, url.port.map(|_| at))),
                        decl,
                        binding: self.binding_for_group(lone_group.as_deref(), None),
                        related: Vec::new(),
                    });
                }
                n if self.is_constructor(call) && COMMONS_NET.iter().any(|c| c.0 == n) => {
                    let Some(&(_, protocol, implicit_port, explicit_port)) =
                        COMMONS_NET.iter().find(|c| c.0 == n)
                    else {
                        continue;
                    };
                    let (_, implicit, passed) = self.commons_args(call);
                    let mode = match implicit {
                        Some(true) => TlsMode::Implicit,
                        Some(false) => TlsMode::Starttls,
                        None => TlsMode::Unknown,
                    };
                    // The client's context: one passed in, or its own.
                    let binding = match passed {
                        Some(a) => self.factory_binding(a.value, 0),
                        None => Some(self.creation_binding(id, call)),
                    };
                    let mut usage = Usage {
                        client: "commons-net",
                        protocol,
                        provider: None,
                        mode,
                        host: None,
                        port: match implicit {
                            Some(true) => Some((implicit_port, None)),
                            Some(false) => Some((explicit_port, None)),
                            None => None,
                        },
                        decl,
                        binding,
                        related: Vec::new(),
                    };
                    if let Some(list) = target.as_ref().and_then(|t| connects.get(t)) {
                        self.apply_connect(&mut usage, list);
                    }
                    out.push(usage);
                }
                _ => {}
            }
        }
        out
    }

    /// The property group an expression passed to `Session.getInstance`
    /// names (`props`, `this.props`, `System.getProperties()`).
    fn group_for_expr(&self, range: (usize, usize)) -> Option<String> {
        let (s, e) = self.code.strip_parens(range.0, range.1);
        if self.code.slice(s, e).replace(' ', "") == "System.getProperties()" {
            return Some("System".to_owned());
        }
        let p = self.code.path_at(s, e).filter(|p| p.end == e)?;
        let b = self.canon(self.path_binding(&p));
        self.groups.contains_key(&b).then_some(b)
    }

    fn prop<'x>(&'x self, group: Option<&str>, key: &str) -> Option<&'x PropEntry> {
        self.groups
            .get(group?)?
            .iter()
            .rev()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    }

    /// A host property's literal value, lower-case.
    fn host_value(&self, e: &PropEntry) -> Option<String> {
        let h = e.value.trim().trim_end_matches('.');
        (!h.is_empty() && !h.starts_with("${") && mail_url::is_literal_host(h))
            .then(|| h.to_ascii_lowercase())
    }

    fn is_true(&self, e: Option<&PropEntry>) -> Option<bool> {
        let e = e?;
        if e.value.starts_with("${") {
            return None;
        }
        Some(e.value.trim().eq_ignore_ascii_case("true"))
    }

    /// The TLS mode of provider `p` in a group (JavaMail semantics).
    fn mode_for(&self, group: Option<&str>, p: &str, resolved: bool) -> TlsMode {
        if p.ends_with('s') {
            return TlsMode::Implicit;
        }
        if !resolved || group.is_none() {
            return TlsMode::Unknown;
        }
        let key = |s: &str| format!("mail.{p}.{s}");
        let spring_key = |s: &str| format!("spring.mail.properties.mail.{p}.{s}");
        let get = |s: &str| {
            self.prop(group, &key(s))
                .or_else(|| self.prop(group, &spring_key(s)))
        };
        match self.is_true(get("ssl.enable")) {
            Some(true) => return TlsMode::Implicit,
            None if get("ssl.enable").is_some() => return TlsMode::Unknown,
            _ => {}
        }
        if let Some(e) = get("socketFactory").or_else(|| get("socketFactory.class")) {
            let ssl = if e.object {
                self.is_ssl_factory(e.at)
            } else {
                e.value.to_ascii_lowercase().contains("ssl")
            };
            return if ssl {
                TlsMode::Implicit
            } else {
                TlsMode::Unknown
            };
        }
        for k in ["starttls.enable", "starttls.required"] {
            match self.is_true(get(k)) {
                Some(true) => return TlsMode::Starttls,
                None if get(k).is_some() => return TlsMode::Unknown,
                _ => {}
            }
        }
        TlsMode::None
    }

    /// The binding of the socket factory group `group` names for provider
    /// `p` (any provider when `p` is unknown).
    fn binding_for_group(&self, group: Option<&str>, p: Option<&str>) -> Option<String> {
        let entries = group.and_then(|g| self.groups.get(g));
        let factory_keys = [
            "ssl.socketfactory",
            "socketfactory",
            "ssl.socketfactory.class",
            "socketfactory.class",
        ];
        if let Some(entries) = entries {
            let matches_provider = |key: &str, suffix: &str| {
                let key = key.to_ascii_lowercase();
                let key = key
                    .strip_prefix("spring.mail.properties.")
                    .unwrap_or(&key)
                    .to_owned();
                match p {
                    Some(p) => key == format!("mail.{}.{suffix}", p.to_ascii_lowercase()),
                    None => key.starts_with("mail.") && key.ends_with(&format!(".{suffix}")),
                }
            };
            // `ssl.protocols` overrides the factory's context defaults.
            if entries
                .iter()
                .any(|e| matches_provider(&e.key, "ssl.protocols"))
            {
                return None;
            }
            for suffix in factory_keys {
                if let Some(e) = entries
                    .iter()
                    .rev()
                    .find(|e| matches_provider(&e.key, suffix))
                {
                    return self.factory_binding(e.at, 0);
                }
            }
        }
        self.default_context.clone()
    }

    fn javamail_usage(
        &self,
        decl: (usize, usize),
        group: Option<String>,
        arg: Option<(usize, usize)>,
        selector: &str,
    ) -> Usage {
        let resolved = group.is_some();
        let mut related = Vec::new();
        let mut provider_name = None;
        let mut host = None;
        let mut port = None;
        let mut protocol = Protocol::Unknown;
        let mut mode = TlsMode::Unknown;
        if let Some(arg) = arg {
            if let Some((v, at)) = self.const_str(arg, 0) {
                if let Some(url) = mail_url::find_all(&v).into_iter().next() {
                    protocol = url.protocol;
                    mode = url.tls_mode;
                    host = url.host.map(|h| (h, at));
                    port = url.port.map(|p| (p, Some(at)));
                } else {
                    provider_name = Some(v.to_ascii_lowercase());
                }
            }
        } else if let Some(e) = self.prop(group.as_deref(), selector) {
            if !e.value.starts_with("${") {
                provider_name = Some(e.value.trim().to_ascii_lowercase());
                let loc = self.location(e.at);
                related.push((
                    "declaration",
                    e.at,
                    format!("provider: {}", self.line_text(loc)),
                ));
            }
        } else if selector != "mail.store.protocol" {
            provider_name = Some("smtp".to_owned());
        }
        if let Some(p) = &provider_name {
            if let Some((proto, _)) = provider(p) {
                protocol = proto;
                mode = self.mode_for(group.as_deref(), p, resolved);
            }
        }
        let binding = self.binding_for_group(group.as_deref(), provider_name.as_deref());
        if port.is_none() {
            let port_prop = provider_name
                .as_ref()
                .and_then(|p| self.prop(group.as_deref(), &format!("mail.{p}.port")));
            port = match port_prop {
                Some(e) => e.value.trim().parse::<u16>().ok(),
                None => default_port(protocol, mode),
            }
            .map(|p| (p, None));
        }
        Usage {
            client: "javamail",
            protocol,
            provider: provider_name,
            mode,
            host,
            port,
            decl,
            binding,
            related,
        }
    }

    /// An Apache Commons Email message bound to `object`: its setters give
    /// the host (`setHostName`), port (`setSmtpPort`, `setSslSmtpPort`) and
    /// mode (`setSSLOnConnect`/`setSSL`: implicit TLS, default port 465;
    /// `setStartTLSEnabled`/`setStartTLSRequired`/`setTLS`: STARTTLS; else
    /// none, port 25). It uses the JVM's default socket factory.
    fn commons_email(&self, decl: (usize, usize), object: &str) -> Usage {
        let mut host = None;
        let mut port = None;
        let mut ssl = false;
        let mut starttls = false;
        let mut unknown = false;
        let mut related = Vec::new();
        for call in &self.calls {
            let names = self.code.path_names(&call.path);
            let Some((method, obj)) = names.split_last() else {
                continue;
            };
            if obj.is_empty() || self.canon(self.binding(call.path.start, obj)) != object {
                continue;
            }
            let Some(arg) = call.args.first() else {
                continue;
            };
            let flag = match self.code.slice(arg.value.0, arg.value.1) {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            match *method {
                "setHostName" => {
                    if let Some((v, at)) = self.const_str(arg.value, 0) {
                        let h = v.trim().trim_end_matches('.');
                        if !h.is_empty() && mail_url::is_literal_host(h) {
                            host = Some((h.to_ascii_lowercase(), at));
                        }
                    }
                }
                "setSmtpPort" | "setSslSmtpPort" => {
                    let text = self
                        .const_str(arg.value, 0)
                        .map(|(v, _)| v)
                        .unwrap_or_else(|| self.code.slice(arg.value.0, arg.value.1).to_owned());
                    port = Some((
                        text.trim().parse::<u16>().ok(),
                        arg.value,
                        *method == "setSslSmtpPort",
                    ));
                }
                "setSSLOnConnect" | "setSSL" => match flag {
                    Some(b) => ssl |= b,
                    None => unknown = true,
                },
                "setStartTLSEnabled" | "setStartTLSRequired" | "setTLS" => match flag {
                    Some(b) => starttls |= b,
                    None => unknown = true,
                },
                _ => continue,
            }
            let loc = self.location((call.path.start, call.path.end));
            related.push((
                "declaration",
                (call.path.start, call.path.end),
                self.line_text(loc),
            ));
        }
        let mode = if ssl {
            TlsMode::Implicit
        } else if unknown {
            TlsMode::Unknown
        } else if starttls {
            TlsMode::Starttls
        } else {
            TlsMode::None
        };
        let port = match port {
            Some((n, at, for_ssl)) if for_ssl == (mode == TlsMode::Implicit) => {
                n.map(|n| (n, Some(at)))
            }
            _ => default_port(Protocol::Smtp, mode).map(|p| (p, None)),
        };
        Usage {
            client: "commons-email",
            protocol: Protocol::Smtp,
            provider: None,
            mode,
            host,
            port,
            decl,
            binding: self.default_context.clone(),
            related,
        }
    }

    /// Host and port from `store.connect(host, [port,] user, pass)`.
    fn apply_connect(&self, usage: &mut Usage, connects: &[&Call]) {
        for c in connects {
            let args: Vec<(usize, usize)> = c.args.iter().map(|a| a.value).collect();
            let (host_arg, port_arg) = match args.len() {
                // connect(host, port, user, pass) / Commons Net connect(host, port)
                4 => (args.first(), args.get(1)),
                3 => (args.first(), None),
                2 if usage.client == "commons-net" => (args.first(), args.get(1)),
                1 if usage.client == "commons-net" => (args.first(), None),
                _ => (None, None),
            };
            if let Some(h) = host_arg {
                if let Some((v, at)) = self.const_str(*h, 0) {
                    let host = v.trim().trim_end_matches('.');
                    if !host.is_empty() && mail_url::is_literal_host(host) {
                        usage.host = Some((host.to_ascii_lowercase(), at));
                    }
                }
            }
            if let Some(p) = port_arg {
                let (s, e) = self.code.strip_parens(p.0, p.1);
                let value = if e == s + 1 && self.code.kind(s) == Some(Kind::Number) {
                    Some((s, e))
                } else {
                    self.code
                        .path_at(s, e)
                        .filter(|pp| pp.end == e)
                        .and_then(|pp| self.name_value(&pp))
                        .map(|v| self.code.strip_parens(v.0, v.1))
                        .filter(|&(a, b)| b == a + 1 && self.code.kind(a) == Some(Kind::Number))
                };
                match value
                    .and_then(|(a, b)| self.code.text(a).parse::<u16>().ok().map(|n| (n, (a, b))))
                {
                    // -1 means the default port.
                    Some((n, at)) => usage.port = Some((n, Some(at))),
                    None if self.code.slice(s, e) != "-1" => usage.port = None,
                    None => {}
                }
            }
            let loc = self.location((c.path.start, c.path.end));
            usage.related.push((
                "declaration",
                (c.path.start, c.path.end),
                format!("connects: {}", self.line_text(loc)),
            ));
        }
    }

    fn usage_fact(&self, u: Usage) -> Fact {
        let loc = self.location(u.decl);
        let mut fact = Fact::new(FactKind::MailUsage, loc, self.line_text(loc));
        fact.client = Some(u.client.to_owned());
        fact.protocol = Some(u.protocol);
        fact.tls_mode = Some(u.mode);
        fact.binding = u.binding;
        let mut lines = HashSet::from([loc.line]);
        if let Some((host, at)) = u.host {
            let hl = self.location(at);
            fact.related
                .push(Related::new("host", hl, format!("Host {}", redact(&host))));
            lines.insert(hl.line);
            fact.host = Some(host);
        }
        if let Some((port, at)) = u.port {
            fact.port = Some(port);
            if let Some(at) = at {
                let pl = self.location(at);
                if lines.insert(pl.line) {
                    fact.related
                        .push(Related::new("port", pl, format!("Port {port}")));
                }
            }
        }
        for (role, at, message) in u.related {
            let rl = self.location(at);
            if lines.insert(rl.line) {
                fact.related.push(Related::new(role, rl, message));
            }
        }
        fact.related.sort_by_key(|r| (r.line, r.column));
        fact
    }
}

mod okhttp;

#[cfg(test)]
mod tests;
