//! Python source: the TLS versions of `ssl` contexts, and the mail clients
//! (imaplib, poplib, smtplib, imapclient, aioimaplib) that use them.
//!
//! The file is tokenized by a real Python lexer ([`lexer`]), so text in
//! comments, docstrings and log messages is never a setting, and lightly
//! parsed ([`syntax`]): scopes by indentation, imports, assignments, calls.
//! Names are tracked flow-insensitively per file, the way Python decides
//! what is local: every assignment in a scope counts for the whole scope.
//!
//! Facts:
//! - `tls_setting` (client `python-ssl`, scope `call`), one per SSL context
//!   creation (`ssl.SSLContext(...)`, `create_default_context()`,
//!   `_create_unverified_context(...)`, `ssl.wrap_socket(..., ssl_version=)`,
//!   any call with an `ssl_version=ssl.PROTOCOL_*` keyword), combined with
//!   every `minimum_version`, `maximum_version` and `options` setting made on
//!   the same binding. A binding with settings but no visible creation (a
//!   parameter, `self.ctx` built elsewhere) gets one fact too. The fact sits
//!   on the value that determines the range (the `PROTOCOL_*` constant, the
//!   `TLSVersion` value or the `OP_NO_*` flag); the other settings and the
//!   creation are `related` (roles `version`, `declaration`).
//! - pyOpenSSL (`OpenSSL.SSL.Context(method)`, `SSL.py`) the same way,
//!   client `python-pyopenssl`: the `*_METHOD` constant fixes or opens the
//!   range, `set_options(OP_NO_*)`, `set_min_proto_version` and
//!   `set_max_proto_version` (`TLS1_VERSION` .. `TLS1_3_VERSION`) narrow it.
//! - Server-side contexts get no fact: `PROTOCOL_TLS_SERVER`,
//!   `TLS_SERVER_METHOD`, `create_default_context(Purpose.CLIENT_AUTH)`, or
//!   a context that wraps a socket with `server_side=True`. They accept
//!   connections (test fixtures, local relays) and never reach a mail
//!   client; counting them would tie them to any client in the file whose
//!   context cannot be resolved.
//! - `mail_usage`, one per client construction: protocol, literal host,
//!   port (literal or the class default), TLS mode (class semantics,
//!   upgraded to `starttls` by a `.starttls()`/`.stls()` call on the same
//!   object), and the binding of the context passed to it.
//!
//! Decisions:
//! - Bindings are the names as written, qualified by the scope that owns
//!   them so that two functions' `ctx` stay apart: `ctx` (module),
//!   `main::ctx` (local to `main`), `Poller::self.ctx` (attribute of
//!   `self` in any method of class `Poller`). `other = ctx` makes `other`
//!   an alias of `ctx`. A context created inline in a call gets a synthetic
//!   binding `ssl.SSLContext@LINE:COL` shared by the setting and the client.
//!   A context argument that is neither a name nor a creation (a helper
//!   call `make_ctx()`, a conditional) is passed on as its source text: the
//!   policies treat such an unresolvable binding as reachable by every
//!   setting in the file (`policies/lib/tls.rego`, `ties`).
//! - A context with no version setting (`create_default_context()`,
//!   `SSLContext(PROTOCOL_TLS_CLIENT)`) still gets a fact, with an unknown
//!   range: its default depends on the Python and OpenSSL versions (3.10+
//!   raised it to TLS 1.2), and the fact makes the binding known, so a
//!   client using it is not mistaken for one with an unresolvable context.
//! - Ranges follow OpenSSL: `PROTOCOL_TLSv1`/`_1`/`_2`/`SSLv3`/`SSLv2` fix
//!   one version (min/max setters cannot change it); otherwise the floor is
//!   `minimum_version` (when unset, unknown: it depends on the Python
//!   version), the cap is `maximum_version`, and `OP_NO_*` flags remove
//!   versions, a removed version also removing every version above it when
//!   a lower one is still enabled (OpenSSL keeps the enabled range
//!   contiguous). Without a minimum that analysis assumes the pre-3.10 floor
//!   of TLS 1.0. `TLSVersion.MINIMUM_SUPPORTED` counts as TLS 1.0 (SSLv3 is
//!   off by default in every Python that has `TLSVersion`),
//!   `MAXIMUM_SUPPORTED` as no cap. Several values for one binding (set in
//!   different branches) combine to the widest: the lowest floor and cap.
//! - Host: a string literal, or a name bound exactly once in its scope to a
//!   string literal; anything else is unknown. Port: the same for integers,
//!   or the class default (smtplib only when a host is given, as it only
//!   connects then; `"host:port"` strings are split as smtplib does).
//! - `**kwargs` in a client call is not assumed to carry a context.
//! - A file-local subclass of a client class is a client; when no context
//!   is passed to it, the first context its class body creates (e.g. an
//!   overridden `open()` that calls `ssl.wrap_socket(..., ssl_version=)`) is
//!   its binding. Likewise `M.sock = ssl.wrap_socket(M.sock, ...)` binds
//!   the client `M`.
//! - A triple-quoted string that never closes is an error (with its line):
//!   the rest of the file could not be told apart from string text. Every
//!   other oddity (Python 2 syntax, unbalanced brackets, one-line strings
//!   running into the line end) is read best-effort.

mod lexer;
mod syntax;

use crate::extract::common::mail_url;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::{rank, ORDER};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::collections::{BTreeMap, HashMap, HashSet};
use syntax::{AssignOp, Call, Code, ScopeKind, Value};

/// Extracts `tls_setting` and `mail_usage` facts from Python source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::parse(file.text).map_err(|e| {
        ExtractError::new(
            format!(
                "{}; the rest of the file cannot be told apart from string text",
                e.message
            ),
            Some(file.position(e.offset).0),
        )
    })?;
    Ok(Analysis::new(&code, file).facts())
}

// --- API tables ---------------------------------------------------------------

/// Names `from m import *` brings in that matter here.
fn star_known(module: &str, name: &str) -> bool {
    match module {
        "ssl" => {
            name.starts_with("PROTOCOL_")
                || name.starts_with("OP_NO_")
                || matches!(
                    name,
                    "SSLContext"
                        | "TLSVersion"
                        | "Options"
                        | "create_default_context"
                        | "wrap_socket"
                        | "_create_unverified_context"
                        | "_create_stdlib_context"
                )
        }
        "OpenSSL.SSL" => {
            name == "Context"
                || name.ends_with("_METHOD")
                || name.ends_with("_VERSION")
                || name.starts_with("OP_NO_")
        }
        "imaplib" => matches!(name, "IMAP4" | "IMAP4_SSL" | "IMAP4_stream"),
        "poplib" => matches!(name, "POP3" | "POP3_SSL"),
        "smtplib" => matches!(name, "SMTP" | "SMTP_SSL" | "LMTP"),
        "imapclient" | "imapclient.imapclient" => name == "IMAPClient",
        "aioimaplib" | "aioimaplib.aioimaplib" => matches!(name, "IMAP4" | "IMAP4_SSL"),
        "imap_tools" | "imap_tools.mailbox" => {
            matches!(name, "MailBox" | "MailBoxTls" | "MailBoxUnencrypted")
        }
        _ => false,
    }
}

/// How a client class starts TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// TLS from the first byte.
    Implicit,
    /// Plain text unless upgraded with STARTTLS.
    Plain,
    /// imapclient: `ssl=True` (default) implicit, `stream=True` a command.
    ImapClient,
    /// aioimaplib.IMAP4: implicit TLS when given an `ssl_context`.
    PlainUnlessContext,
    /// A local command's pipes (`IMAP4_stream`): no host, no TLS.
    Stream,
    /// STARTTLS issued by the class itself (imap_tools `MailBoxTls`).
    Starttls,
}

struct MailClass {
    name: &'static str,
    client: &'static str,
    protocol: Protocol,
    port: Option<u16>,
    mode: Mode,
    /// Keyword and position of the SSL context parameter.
    context: Option<(&'static str, usize)>,
    /// STARTTLS method, its context keyword and position.
    upgrade: Option<(&'static str, &'static str, usize)>,
    /// smtplib: `"host:port"` hosts, `.connect()`, connects only with a host.
    smtplib: bool,
}

/// Client classes and their documented signatures: CPython `Lib/imaplib.py`,
/// `poplib.py`, `smtplib.py` (context positions before 3.12 made the
/// keyfile/certfile parameters keyword-only), imapclient 3.1
/// `IMAPClient(host, port=None, use_uid=True, ssl=True, stream=False,
/// ssl_context=None)`, aioimaplib `IMAP4(host, port=143, loop, timeout,
/// conn_lost_cb, ssl_context)` / `IMAP4_SSL(host, port=993, loop, timeout,
/// ssl_context)`, imap_tools (`imap_tools/mailbox.py`) `MailBox(host='',
/// port=993, timeout, keyfile, certfile, ssl_context)` over `IMAP4_SSL`,
/// `MailBoxTls(host='', port=993, timeout, ssl_context)` calling
/// `starttls(ssl_context)` itself (its default port is 993 upstream),
/// `MailBoxUnencrypted(host='', port=143, timeout)`.
const MAIL_CLASSES: &[MailClass] = &[
    MailClass {
        name: "imaplib.IMAP4",
        client: "python-imaplib",
        protocol: Protocol::Imap,
        port: Some(143),
        mode: Mode::Plain,
        context: None,
        upgrade: Some(("starttls", "ssl_context", 0)),
        smtplib: false,
    },
    MailClass {
        name: "imaplib.IMAP4_SSL",
        client: "python-imaplib",
        protocol: Protocol::Imap,
        port: Some(993),
        mode: Mode::Implicit,
        context: Some(("ssl_context", 4)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "imaplib.IMAP4_stream",
        client: "python-imaplib",
        protocol: Protocol::Imap,
        port: None,
        mode: Mode::Stream,
        context: None,
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "poplib.POP3",
        client: "python-poplib",
        protocol: Protocol::Pop3,
        port: Some(110),
        mode: Mode::Plain,
        context: None,
        upgrade: Some(("stls", "context", 0)),
        smtplib: false,
    },
    MailClass {
        name: "poplib.POP3_SSL",
        client: "python-poplib",
        protocol: Protocol::Pop3,
        port: Some(995),
        mode: Mode::Implicit,
        context: Some(("context", 5)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "smtplib.SMTP",
        client: "python-smtplib",
        protocol: Protocol::Smtp,
        port: Some(25),
        mode: Mode::Plain,
        context: None,
        upgrade: Some(("starttls", "context", 2)),
        smtplib: true,
    },
    MailClass {
        name: "smtplib.SMTP_SSL",
        client: "python-smtplib",
        protocol: Protocol::Smtp,
        port: Some(465),
        mode: Mode::Implicit,
        context: Some(("context", 7)),
        upgrade: None,
        smtplib: true,
    },
    MailClass {
        name: "smtplib.LMTP",
        client: "python-smtplib",
        protocol: Protocol::Smtp,
        port: Some(2003),
        mode: Mode::Plain,
        context: None,
        upgrade: Some(("starttls", "context", 2)),
        smtplib: true,
    },
    MailClass {
        name: "imapclient.IMAPClient",
        client: "python-imapclient",
        protocol: Protocol::Imap,
        port: None,
        mode: Mode::ImapClient,
        context: Some(("ssl_context", 5)),
        upgrade: Some(("starttls", "ssl_context", 0)),
        smtplib: false,
    },
    MailClass {
        name: "aioimaplib.IMAP4",
        client: "python-aioimaplib",
        protocol: Protocol::Imap,
        port: Some(143),
        mode: Mode::PlainUnlessContext,
        context: Some(("ssl_context", 5)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "aioimaplib.IMAP4_SSL",
        client: "python-aioimaplib",
        protocol: Protocol::Imap,
        port: Some(993),
        mode: Mode::Implicit,
        context: Some(("ssl_context", 4)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "imap_tools.MailBox",
        client: "python-imap-tools",
        protocol: Protocol::Imap,
        port: Some(993),
        mode: Mode::Implicit,
        context: Some(("ssl_context", 5)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "imap_tools.MailBoxTls",
        client: "python-imap-tools",
        protocol: Protocol::Imap,
        port: Some(993),
        mode: Mode::Starttls,
        context: Some(("ssl_context", 3)),
        upgrade: None,
        smtplib: false,
    },
    MailClass {
        name: "imap_tools.MailBoxUnencrypted",
        client: "python-imap-tools",
        protocol: Protocol::Imap,
        port: Some(143),
        mode: Mode::Plain,
        context: None,
        upgrade: None,
        smtplib: false,
    },
];

fn mail_class(name: &str) -> Option<&'static MailClass> {
    MAIL_CLASSES.iter().find(|c| c.name == name)
}

/// What an `ssl.PROTOCOL_*` constant allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proto {
    /// Exactly one version.
    Fixed(&'static str),
    /// Negotiates within the floor/cap (`PROTOCOL_TLS`, `_SSLv23`,
    /// `_TLS_CLIENT`, `create_default_context()`).
    Negotiate,
    /// A server-side method (`PROTOCOL_TLS_SERVER`, `TLS_SERVER_METHOD`):
    /// the context accepts connections and never reaches a mail client.
    Server,
    /// Not known statically.
    Unknown,
}

/// `ssl.PROTOCOL_*`, or pyOpenSSL's `OpenSSL.SSL.*_METHOD` (`SSL.py`:
/// `SSLv2_METHOD` .. `TLSv1_2_METHOD` fix one version, `SSLv23_METHOD`,
/// `TLS_METHOD` and `TLS_CLIENT_METHOD` negotiate).
fn protocol_constant(name: &str) -> Option<Proto> {
    if let Some(method) = name.strip_prefix("OpenSSL.SSL.") {
        return Some(match method.strip_suffix("_METHOD")? {
            "SSLv2" => Proto::Fixed("ssl2"),
            "SSLv3" => Proto::Fixed("ssl3"),
            "TLSv1" => Proto::Fixed("1.0"),
            "TLSv1_1" => Proto::Fixed("1.1"),
            "TLSv1_2" => Proto::Fixed("1.2"),
            "SSLv23" | "TLS" | "TLS_CLIENT" => Proto::Negotiate,
            "TLS_SERVER" => Proto::Server,
            _ => Proto::Unknown,
        });
    }
    Some(match name.strip_prefix("ssl.PROTOCOL_")? {
        "SSLv2" => Proto::Fixed("ssl2"),
        "SSLv3" => Proto::Fixed("ssl3"),
        "TLSv1" => Proto::Fixed("1.0"),
        "TLSv1_1" => Proto::Fixed("1.1"),
        "TLSv1_2" => Proto::Fixed("1.2"),
        "TLS" | "SSLv23" | "TLS_CLIENT" => Proto::Negotiate,
        "TLS_SERVER" => Proto::Server,
        _ => Proto::Unknown,
    })
}

/// A pyOpenSSL `set_min_proto_version`/`set_max_proto_version` value
/// (`SSL3_VERSION` .. `TLS1_3_VERSION`). `0` means the library's lowest
/// (which depends on the OpenSSL build and security level: unknown) or
/// highest (no cap) version.
fn proto_version_constant(name: &str) -> Bound {
    match name.strip_prefix("OpenSSL.SSL.") {
        Some("SSL3_VERSION") => Bound::Version("ssl3"),
        Some("TLS1_VERSION") => Bound::Version("1.0"),
        Some("TLS1_1_VERSION") => Bound::Version("1.1"),
        Some("TLS1_2_VERSION") => Bound::Version("1.2"),
        Some("TLS1_3_VERSION") => Bound::Version("1.3"),
        _ => Bound::Unknown,
    }
}

/// The module prefixes of the constants this extractor reads.
fn is_tls_constant(name: &str) -> bool {
    name.starts_with("ssl.") || name.starts_with("OpenSSL.SSL.")
}

/// A constant as written in the facts: `PROTOCOL_TLSv1`, `SSL.TLSv1_METHOD`.
fn short_constant(name: &str) -> String {
    name.strip_prefix("OpenSSL.")
        .or_else(|| name.strip_prefix("ssl."))
        .unwrap_or(name)
        .to_owned()
}

/// A `minimum_version`/`maximum_version` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Version(&'static str),
    /// `MAXIMUM_SUPPORTED` as a maximum: no cap.
    Open,
    Unknown,
}

fn tls_version_constant(name: &str, is_max: bool) -> Option<Bound> {
    Some(match name.strip_prefix("ssl.TLSVersion.")? {
        "SSLv3" => Bound::Version("ssl3"),
        "TLSv1" => Bound::Version("1.0"),
        "TLSv1_1" => Bound::Version("1.1"),
        "TLSv1_2" => Bound::Version("1.2"),
        "TLSv1_3" => Bound::Version("1.3"),
        "MINIMUM_SUPPORTED" => Bound::Version("1.0"),
        "MAXIMUM_SUPPORTED" if is_max => Bound::Open,
        _ => Bound::Unknown,
    })
}

fn op_no_constant(name: &str) -> Option<&'static str> {
    let flag = name
        .strip_prefix("ssl.OP_NO_")
        .or_else(|| name.strip_prefix("OpenSSL.SSL.OP_NO_"))?;
    match flag {
        "SSLv2" => Some("ssl2"),
        "SSLv3" => Some("ssl3"),
        "TLSv1" => Some("1.0"),
        "TLSv1_1" => Some("1.1"),
        "TLSv1_2" => Some("1.2"),
        "TLSv1_3" => Some("1.3"),
        _ => None,
    }
}

/// Calls that create an SSL context or socket: (canonical name, version
/// parameter name, its position).
const CREATORS: &[(&str, Option<(&str, usize)>)] = &[
    ("ssl.SSLContext", Some(("protocol", 0))),
    ("ssl.create_default_context", None),
    ("ssl._create_unverified_context", Some(("protocol", 0))),
    ("ssl._create_stdlib_context", Some(("protocol", 0))),
    ("ssl.wrap_socket", Some(("ssl_version", 5))),
    ("OpenSSL.SSL.Context", Some(("method", 0))),
];

// --- the analysis ---------------------------------------------------------------

/// A place in the file that contributes to a fact: a token range and the
/// setting it writes.
#[derive(Debug, Clone)]
struct Src {
    range: (usize, usize),
    name: &'static str,
    value: String,
}

#[derive(Debug)]
struct Creation {
    binding: String,
    proto: Proto,
    /// The version value (`ssl.PROTOCOL_TLSv1`), when given.
    src: Option<Src>,
    /// The callee tokens and call scope.
    decl: (usize, usize),
    scope: usize,
    /// Setting name and value when nothing better is known.
    fallback: Src,
    /// A server-side context (`PROTOCOL_TLS_SERVER`, `TLS_SERVER_METHOD`,
    /// `create_default_context(Purpose.CLIENT_AUTH)`, `server_side=True`).
    server: bool,
    /// `python-ssl` or `python-pyopenssl`.
    client: &'static str,
}

/// The client name of pyOpenSSL contexts (its remedy differs: the method
/// and `set_min_proto_version`, not `minimum_version`).
const PYOPENSSL: &str = "python-pyopenssl";

#[derive(Debug)]
struct VersionSetting {
    bound: Bound,
    src: Src,
}

#[derive(Debug)]
struct OptionSetting {
    version: &'static str,
    disable: bool,
    src: Src,
}

#[derive(Debug, Default)]
struct Settings {
    mins: Vec<VersionSetting>,
    maxs: Vec<VersionSetting>,
    opts: Vec<OptionSetting>,
    /// Set through pyOpenSSL `Context` methods.
    pyopenssl: bool,
}

struct Analysis<'c, 'a> {
    code: &'c Code<'a>,
    file: &'c SourceFile<'a>,
    /// Binding -> indices of plain assignments to it.
    values: HashMap<String, Vec<usize>>,
    /// Call -> binding its result is assigned to.
    call_target: HashMap<usize, String>,
    creations: Vec<Creation>,
    creation_of_call: HashMap<usize, usize>,
    created: HashSet<String>,
}

impl<'c, 'a> Analysis<'c, 'a> {
    fn new(code: &'c Code<'a>, file: &'c SourceFile<'a>) -> Self {
        let mut values: HashMap<String, Vec<usize>> = HashMap::new();
        let mut call_target = HashMap::new();
        for (n, a) in code.assigns.iter().enumerate() {
            if a.op != AssignOp::Set {
                continue;
            }
            let Some(chain) = exact_chain(code, a.target) else {
                continue;
            };
            let binding = code.binding(a.scope, &chain);
            if let Value::Call(id) = code.value(a.value.0, a.value.1) {
                call_target.entry(id).or_insert_with(|| binding.clone());
            }
            values.entry(binding).or_default().push(n);
        }
        let mut analysis = Analysis {
            code,
            file,
            values,
            call_target,
            creations: Vec::new(),
            creation_of_call: HashMap::new(),
            created: HashSet::new(),
        };
        analysis.find_creations();
        analysis
    }

    fn canonical(&self, chain: &[String]) -> String {
        let name = self.code.canonical(chain, star_known);
        for (long, short) in [
            ("aioimaplib.aioimaplib.", "aioimaplib."),
            ("imapclient.imapclient.", "imapclient."),
            ("imap_tools.mailbox.", "imap_tools."),
            ("ssl.Options.", "ssl."),
        ] {
            if let Some(rest) = name.strip_prefix(long) {
                return format!("{short}{rest}");
            }
        }
        name
    }

    fn location(&self, range: (usize, usize)) -> Location {
        let start = self.code.toks.get(range.0).map_or(0, |t| t.start);
        let end = range
            .1
            .checked_sub(1)
            .and_then(|l| self.code.toks.get(l))
            .map_or(start, |t| t.end);
        self.file.location(start, end.max(start))
    }

    fn line_text(&self, loc: Location) -> String {
        redact(self.file.line(loc.line).trim())
    }

    /// Follows `a = b` aliases (and `a = helper()` where the file's
    /// `helper` returns one known context) from `binding` to the binding
    /// that holds the object.
    fn canon(&self, binding: String) -> String {
        self.canon_within(binding, 3)
    }

    fn canon_within(&self, binding: String, budget: usize) -> String {
        let mut cur = binding;
        for _ in 0..8 {
            if self.created.contains(&cur) {
                break;
            }
            if let Some(attr) = self.class_attribute(&cur) {
                cur = attr;
                continue;
            }
            let Some(list) = self.values.get(&cur) else {
                break;
            };
            let mut source: Option<String> = None;
            for &n in list {
                let Some(a) = self.code.assigns.get(n) else {
                    continue;
                };
                let b = match self.code.value(a.value.0, a.value.1) {
                    Value::Chain(chain, _) => self.code.binding(a.scope, &chain),
                    Value::Call(id) => match self.returned_context(id, budget) {
                        Some(b) => b,
                        None => return cur,
                    },
                    _ => return cur,
                };
                if source.as_ref().is_some_and(|s| *s != b) {
                    return cur;
                }
                source = Some(b);
            }
            match source {
                Some(s) if s != cur => cur = s,
                _ => break,
            }
        }
        cur
    }

    /// `Class::self.X` never assigned as such but `X` assigned in the class
    /// body: the class attribute `Class::X`.
    fn class_attribute(&self, binding: &str) -> Option<String> {
        if self.values.contains_key(binding) {
            return None;
        }
        let (path, rest) = binding.split_once("::")?;
        let attr = rest
            .strip_prefix("self.")
            .or_else(|| rest.strip_prefix("cls."))?;
        if attr.contains('.') {
            return None;
        }
        let alt = format!("{path}::{attr}");
        (self.created.contains(&alt) || self.values.contains_key(&alt)).then_some(alt)
    }

    /// For a call of a function defined in this file (`make_ctx()`,
    /// `self.make_ctx()`) whose every `return` gives the same context
    /// created in the file: that context's binding.
    fn returned_context(&self, call_id: usize, budget: usize) -> Option<String> {
        let budget = budget.checked_sub(1)?;
        let call = self.code.calls.get(call_id)?;
        let (name, class) = match call.callee.as_slice() {
            [name] => (name, None),
            [base, name] if base == "self" || base == "cls" => {
                (name, Some(self.code.enclosing_class(call.scope)?))
            }
            _ => return None,
        };
        let scopes = &self.code.scopes;
        let mut functions = scopes.iter().enumerate().filter(|(_, s)| {
            s.kind == ScopeKind::Function
                && s.name == *name
                && match class {
                    Some(c) => s.parent == Some(c),
                    None => s
                        .parent
                        .and_then(|p| scopes.get(p))
                        .is_some_and(|p| p.kind != ScopeKind::Class),
                }
        });
        let (fid, _) = functions.next()?;
        if functions.next().is_some() {
            return None;
        }
        let mut found: Option<String> = None;
        for (scope, (s, e)) in self.code.returns.iter().filter(|(scope, _)| *scope == fid) {
            let b = match self.code.value(*s, *e) {
                Value::Chain(chain, _) => {
                    self.canon_within(self.code.binding(*scope, &chain), budget)
                }
                Value::Call(id) => {
                    let c = self.creation_of_call.get(&id)?;
                    self.creations.get(*c)?.binding.clone()
                }
                _ => return None,
            };
            if found.as_ref().is_some_and(|f| *f != b) {
                return None;
            }
            found = Some(b);
        }
        found.filter(|b| self.created.contains(b))
    }

    /// The one value a name is bound to in its scope, if it is bound once.
    fn single_value(&self, scope: usize, chain: &[String]) -> Option<Value> {
        let list = self.values.get(&self.code.binding(scope, chain))?;
        let [n] = list.as_slice() else { return None };
        let a = self.code.assigns.get(*n)?;
        Some(self.code.value(a.value.0, a.value.1))
    }

    /// The canonical dotted name of an expression that is a constant
    /// reference (`ssl.PROTOCOL_TLSv1`, or a name bound once to one).
    fn constant(&self, scope: usize, range: (usize, usize)) -> Option<(String, (usize, usize))> {
        let mut value = self.code.value(range.0, range.1);
        for _ in 0..4 {
            let Value::Chain(chain, at) = value else {
                return None;
            };
            let name = self.canonical(&chain);
            if is_tls_constant(&name) {
                return Some((name, at));
            }
            value = self.single_value(scope, &chain)?;
        }
        None
    }

    fn find_creations(&mut self) {
        for (id, call) in self.code.calls.iter().enumerate() {
            if call.receiver.is_some() {
                continue;
            }
            let callee = self.canonical(&call.callee);
            let creator = CREATORS.iter().find(|(name, _)| *name == callee);
            let (param, is_generic) = match creator {
                Some((_, param)) => (*param, false),
                None => match call.arg(None, "ssl_version") {
                    Some(arg) if self.protocol_of(call.scope, arg.range).is_some() => {
                        (Some(("ssl_version", usize::MAX)), true)
                    }
                    _ => continue,
                },
            };
            let (proto, src) = match param.and_then(|(kw, pos)| {
                call.arg((pos != usize::MAX).then_some(pos), kw)
                    .map(|a| (kw, a))
            }) {
                Some((kw, arg)) => match self.protocol_of(call.scope, arg.range) {
                    Some((proto, name, at)) => (
                        proto,
                        Some(Src {
                            range: at,
                            name: setting_name(kw),
                            value: short_constant(&name),
                        }),
                    ),
                    None => (Proto::Unknown, None),
                },
                None => (Proto::Negotiate, None),
            };
            let binding = match self.call_target.get(&id) {
                Some(b) => b.clone(),
                None => {
                    let loc = self.location(call.callee_range);
                    format!("{callee}@{}:{}", loc.line, loc.column)
                }
            };
            let short = callee.rsplit('.').next().unwrap_or(&callee);
            let fallback = Src {
                range: call.callee_range,
                name: match param {
                    Some((kw, _)) => setting_name(kw),
                    None => "protocol",
                },
                value: if is_generic || param.is_none() || proto == Proto::Unknown {
                    format!("{short}()")
                } else {
                    "PROTOCOL_TLS (default)".to_owned()
                },
            };
            let server = proto == Proto::Server
                || self.server_side(call)
                || (callee == "ssl.create_default_context"
                    && call
                        .arg(Some(0), "purpose")
                        .and_then(|a| self.constant(call.scope, a.range))
                        .is_some_and(|(c, _)| c == "ssl.Purpose.CLIENT_AUTH"));
            self.creation_of_call.insert(id, self.creations.len());
            self.created.insert(binding.clone());
            self.creations.push(Creation {
                binding,
                proto,
                src,
                decl: call.callee_range,
                scope: call.scope,
                fallback,
                server,
                client: if callee.starts_with("OpenSSL.") {
                    PYOPENSSL
                } else {
                    "python-ssl"
                },
            });
        }
    }

    /// A `server_side=True` keyword: the socket accepts connections.
    fn server_side(&self, call: &Call) -> bool {
        call.arg(None, "server_side")
            .is_some_and(|a| self.code.value(a.range.0, a.range.1) == Value::Bool(true))
    }

    /// Bindings used only on the server side: every creation is a server
    /// context, or the context wraps a socket with `server_side=True`.
    /// Such a context accepts connections; no mail client reaches it.
    fn server_bindings(&self) -> HashSet<String> {
        let mut out: HashSet<String> = HashSet::new();
        for call in &self.code.calls {
            let Some((method, object)) = call.callee.split_last() else {
                continue;
            };
            if call.receiver.is_none()
                && !object.is_empty()
                && matches!(method.as_str(), "wrap_socket" | "wrap_bio")
                && self.server_side(call)
            {
                out.insert(self.canon(self.code.binding(call.scope, object)));
            }
        }
        for binding in &self.created {
            let mut creations = self.creations.iter().filter(|c| &c.binding == binding);
            if creations.all(|c| c.server) {
                out.insert(binding.clone());
            }
        }
        out
    }

    fn protocol_of(
        &self,
        scope: usize,
        range: (usize, usize),
    ) -> Option<(Proto, String, (usize, usize))> {
        let (name, at) = self.constant(scope, range)?;
        protocol_constant(&name).map(|p| (p, name, at))
    }

    /// `minimum_version`, `maximum_version` and `options` settings by binding.
    fn settings(&self) -> BTreeMap<String, Settings> {
        let mut out: BTreeMap<String, Settings> = BTreeMap::new();
        for a in &self.code.assigns {
            let Some(chain) = exact_chain(self.code, a.target) else {
                continue;
            };
            let Some((attr, base)) = chain.split_last() else {
                continue;
            };
            if base.is_empty() {
                continue;
            }
            let binding = self.canon(self.code.binding(a.scope, base));
            match attr.as_str() {
                "minimum_version" | "maximum_version" if a.op == AssignOp::Set => {
                    let is_max = attr == "maximum_version";
                    let name = if is_max {
                        "maximum_version"
                    } else {
                        "minimum_version"
                    };
                    let constant = self
                        .constant(a.scope, a.value)
                        .filter(|(c, _)| c.starts_with("ssl.TLSVersion."));
                    if constant.is_none() && !self.created.contains(&binding) {
                        // `self.minimum_version = "2.1"` on some other object.
                        continue;
                    }
                    let (bound, src) = match constant {
                        Some((constant, at)) => (
                            tls_version_constant(&constant, is_max).unwrap_or(Bound::Unknown),
                            Src {
                                range: at,
                                name,
                                value: short_constant(&constant),
                            },
                        ),
                        None => (
                            Bound::Unknown,
                            Src {
                                range: a.value,
                                name,
                                value: self.opaque(a.value),
                            },
                        ),
                    };
                    let entry = out.entry(binding).or_default();
                    let setting = VersionSetting { bound, src };
                    if is_max {
                        entry.maxs.push(setting);
                    } else {
                        entry.mins.push(setting);
                    }
                }
                "options" => {
                    let flags = self.option_flags(a.scope, a.value);
                    if flags.is_empty() {
                        continue;
                    }
                    let entry = out.entry(binding).or_default();
                    for (version, invert, src) in flags {
                        let disable = !(invert || a.op == AssignOp::And);
                        entry.opts.push(OptionSetting {
                            version,
                            disable,
                            src,
                        });
                    }
                }
                _ => {}
            }
        }
        self.method_settings(&mut out);
        out
    }

    /// pyOpenSSL `Context` methods (`SSL.py`): `set_options(OP_NO_*)`
    /// (options are only ever added), `set_min_proto_version(TLS1_VERSION)`
    /// and `set_max_proto_version(...)`. They count on a binding this file
    /// creates with `SSL.Context(...)`, or when their argument names a
    /// pyOpenSSL constant (a context built elsewhere).
    fn method_settings(&self, out: &mut BTreeMap<String, Settings>) {
        for call in &self.code.calls {
            if call.receiver.is_some() {
                continue;
            }
            let Some((method, object)) = call.callee.split_last() else {
                continue;
            };
            if object.is_empty() {
                continue;
            }
            let Some(arg) = call
                .args
                .first()
                .filter(|a| a.keyword.is_none() && a.star == 0)
            else {
                continue;
            };
            let binding = self.canon(self.code.binding(call.scope, object));
            let ours = self
                .creations
                .iter()
                .any(|c| c.binding == binding && c.client == PYOPENSSL);
            match method.as_str() {
                "set_options" => {
                    let flags = self.option_flags(call.scope, arg.range);
                    if flags.is_empty()
                        || !(ours || flags.iter().any(|f| f.2.value.starts_with("SSL.")))
                    {
                        continue;
                    }
                    let entry = out.entry(binding).or_default();
                    entry.pyopenssl = true;
                    for (version, invert, mut src) in flags {
                        src.name = "set_options";
                        entry.opts.push(OptionSetting {
                            version,
                            disable: !invert,
                            src,
                        });
                    }
                }
                "set_min_proto_version" | "set_max_proto_version" => {
                    let is_max = method == "set_max_proto_version";
                    let name = if is_max {
                        "set_max_proto_version"
                    } else {
                        "set_min_proto_version"
                    };
                    let constant = self
                        .constant(call.scope, arg.range)
                        .filter(|(c, _)| c.starts_with("OpenSSL.SSL."));
                    let (bound, src) = match constant {
                        Some((c, at)) => (
                            proto_version_constant(&c),
                            Src {
                                range: at,
                                name,
                                value: short_constant(&c),
                            },
                        ),
                        None if ours => (
                            match self.code.value(arg.range.0, arg.range.1) {
                                Value::Int(0) if is_max => Bound::Open,
                                _ => Bound::Unknown,
                            },
                            Src {
                                range: arg.range,
                                name,
                                value: self.opaque(arg.range),
                            },
                        ),
                        None => continue,
                    };
                    let entry = out.entry(binding).or_default();
                    entry.pyopenssl = true;
                    let setting = VersionSetting { bound, src };
                    if is_max {
                        entry.maxs.push(setting);
                    } else {
                        entry.mins.push(setting);
                    }
                }
                _ => {}
            }
        }
    }

    /// The `OP_NO_*` flags in an options expression: (version, under `~`,
    /// place). A name bound once to such an expression is followed.
    fn option_flags(&self, scope: usize, range: (usize, usize)) -> Vec<(&'static str, bool, Src)> {
        let mut range = range;
        if let Value::Chain(chain, _) = self.code.value(range.0, range.1) {
            if !self.canonical(&chain).starts_with("ssl.") {
                let binding = self.code.binding(scope, &chain);
                if let Some([n]) = self.values.get(&binding).map(Vec::as_slice) {
                    if let Some(a) = self.code.assigns.get(*n) {
                        range = a.value;
                    }
                }
            }
        }
        let invert = (range.0..range.1).any(|i| self.code.is_op(i, "~"));
        let mut out = Vec::new();
        let mut i = range.0;
        while i < range.1 {
            if i > range.0 && self.code.is_op(i - 1, ".") {
                i += 1;
                continue;
            }
            if let Some((chain, end)) = self.code.chain(i, range.1) {
                let name = self.canonical(&chain);
                if let Some(version) = op_no_constant(&name) {
                    out.push((
                        version,
                        invert,
                        Src {
                            range: (i, end),
                            name: "options",
                            value: short_constant(&name),
                        },
                    ));
                }
                i = end;
            } else {
                i += 1;
            }
        }
        out
    }

    fn facts(&self) -> Vec<Fact> {
        let settings = self.settings();
        let server = self.server_bindings();
        let mut facts = Vec::new();
        let mut bindings: Vec<&String> = self
            .created
            .iter()
            .chain(settings.keys())
            .filter(|b| !server.contains(*b))
            .collect();
        bindings.sort();
        bindings.dedup();
        let empty = Settings::default();
        for binding in bindings {
            let set = settings.get(binding).unwrap_or(&empty);
            let creations: Vec<&Creation> = self
                .creations
                .iter()
                .filter(|c| &c.binding == binding)
                .collect();
            if creations.is_empty() {
                facts.push(self.setting_fact(binding, None, set));
            }
            for creation in creations {
                facts.push(self.setting_fact(binding, Some(creation), set));
            }
        }
        facts.extend(self.usages());
        facts
    }

    fn setting_fact(&self, binding: &str, creation: Option<&Creation>, set: &Settings) -> Fact {
        let proto = creation.map_or(Proto::Unknown, |c| c.proto);
        let proto_src = creation.and_then(|c| c.src.as_ref());
        let (tls, primary) = range_of(proto, proto_src, set);
        let primary = primary
            .or(proto_src)
            .or_else(|| creation.map(|c| &c.fallback))
            .or_else(|| set.mins.first().map(|m| &m.src))
            .or_else(|| set.maxs.first().map(|m| &m.src))
            .or_else(|| set.opts.first().map(|o| &o.src));
        let location = primary.map_or_else(
            || self.location(creation.map_or((0, 0), |c| c.decl)),
            |p| self.location(p.range),
        );
        let mut fact = Fact::new(FactKind::TlsSetting, location, self.line_text(location));
        let client = match creation {
            Some(c) => c.client,
            None if set.pyopenssl => PYOPENSSL,
            None => "python-ssl",
        };
        fact.client = Some(client.to_owned());
        fact.scope = Some("call".to_owned());
        fact.binding = Some(binding.to_owned());
        fact.tls = Some(tls);
        fact.setting = primary.map(|p| Setting {
            name: p.name.to_owned(),
            value: p.value.clone(),
        });
        let mut lines = HashSet::from([location.line]);
        if let Some(c) = creation {
            let loc = self.location(c.decl);
            if lines.insert(loc.line) {
                let message = format!("creates the SSL context: {}", self.line_text(loc));
                fact.related.push(Related::new("declaration", loc, message));
            }
        }
        let others = proto_src
            .into_iter()
            .chain(set.mins.iter().map(|m| &m.src))
            .chain(set.maxs.iter().map(|m| &m.src))
            .chain(set.opts.iter().map(|o| &o.src));
        for src in others {
            let loc = self.location(src.range);
            if lines.insert(loc.line) {
                let message = format!("also sets the TLS versions: {}", self.line_text(loc));
                fact.related.push(Related::new("version", loc, message));
            }
        }
        fact.related.sort_by_key(|r| (r.line, r.column));
        fact
    }

    /// Local classes that derive (directly or not) from a client class:
    /// name -> (the class scope and its local ancestors' scopes, client).
    fn subclasses(&self) -> HashMap<String, (Vec<usize>, &'static MailClass)> {
        let mut out: HashMap<String, (Vec<usize>, &'static MailClass)> = HashMap::new();
        for _ in 0..8 {
            let before = out.len();
            for (sid, scope) in self.code.scopes.iter().enumerate() {
                if scope.kind != ScopeKind::Class || out.contains_key(&scope.name) {
                    continue;
                }
                for &(s, e) in &scope.bases {
                    let Some(chain) = exact_chain(self.code, (s, e)) else {
                        continue;
                    };
                    let found = match mail_class(&self.canonical(&chain)) {
                        Some(class) => Some((vec![sid], class)),
                        None => out.get(&chain.join(".")).map(|(sids, class)| {
                            (
                                std::iter::once(sid).chain(sids.iter().copied()).collect(),
                                *class,
                            )
                        }),
                    };
                    if let Some(found) = found {
                        out.insert(scope.name.clone(), found);
                        break;
                    }
                }
            }
            if out.len() == before {
                break;
            }
        }
        out
    }

    fn usages(&self) -> Vec<Fact> {
        let subclasses = self.subclasses();
        // Method calls by receiver: object binding or the call they follow.
        let mut methods: HashMap<String, Vec<&Call>> = HashMap::new();
        let mut chained: HashMap<usize, Vec<&Call>> = HashMap::new();
        for call in &self.code.calls {
            if let Some(close) = call.receiver {
                chained.entry(close).or_default().push(call);
            } else if let Some((_, object)) = call.callee.split_last() {
                if !object.is_empty() {
                    let b = self.canon(self.code.binding(call.scope, object));
                    methods.entry(b).or_default().push(call);
                }
            }
        }
        let mut facts = Vec::new();
        for (id, call) in self.code.calls.iter().enumerate() {
            if call.receiver.is_some() {
                continue;
            }
            let (class, local_classes) = match mail_class(&self.canonical(&call.callee)) {
                Some(c) => (c, None),
                None => match subclasses.get(&call.callee.join(".")) {
                    Some((sids, c)) if call.callee.len() == 1 => (*c, Some(sids.as_slice())),
                    _ => continue,
                },
            };
            let object = self.call_target.get(&id).map(|b| self.canon(b.clone()));
            let mut calls_on: Vec<&Call> = chained.get(&call.close).cloned().unwrap_or_default();
            if let Some(o) = &object {
                calls_on.extend(methods.get(o).into_iter().flatten());
            }
            facts.push(self.usage(call, class, local_classes, object.as_deref(), &calls_on));
        }
        facts
    }

    fn usage(
        &self,
        call: &Call,
        class: &'static MailClass,
        local_classes: Option<&[usize]>,
        object: Option<&str>,
        calls_on: &[&Call],
    ) -> Fact {
        let location = self.location(call.callee_range);
        let mut fact = Fact::new(FactKind::MailUsage, location, self.line_text(location));
        fact.client = Some(class.client.to_owned());
        fact.protocol = Some(class.protocol);

        let mut binding = class
            .context
            .and_then(|(kw, pos)| call.arg(Some(pos), kw))
            .and_then(|arg| self.context_binding(call.scope, arg.range));

        // Host and port from the constructor (or smtplib's connect()).
        let mut endpoint = self.endpoint(call, class);
        if class.smtplib && call.arg(Some(0), "host").is_none() {
            if let Some(connect) = calls_on
                .iter()
                .find(|c| c.callee.last().is_some_and(|m| m == "connect"))
            {
                endpoint = self.endpoint(connect, class);
            }
        }
        let mut tls_mode = match class.mode {
            Mode::Implicit => TlsMode::Implicit,
            Mode::Plain => TlsMode::None,
            Mode::PlainUnlessContext if binding.is_some() => TlsMode::Implicit,
            Mode::PlainUnlessContext => TlsMode::None,
            Mode::Stream => TlsMode::Unknown,
            Mode::Starttls => TlsMode::Starttls,
            Mode::ImapClient => {
                let stream = call
                    .arg(Some(4), "stream")
                    .map(|a| self.code.value(a.range.0, a.range.1));
                let ssl = call
                    .arg(Some(3), "ssl")
                    .map(|a| self.code.value(a.range.0, a.range.1));
                if stream == Some(Value::Bool(true)) {
                    endpoint = Endpoint::default();
                    TlsMode::Unknown
                } else {
                    let (mode, port) = match ssl {
                        None | Some(Value::Bool(true)) => (TlsMode::Implicit, Some(993)),
                        Some(Value::Bool(false)) => (TlsMode::None, Some(143)),
                        Some(_) => (TlsMode::Unknown, None),
                    };
                    if endpoint.port.is_none() && !endpoint.port_given {
                        endpoint.port = port;
                    }
                    mode
                }
            }
        };
        if class.mode == Mode::Stream {
            endpoint = Endpoint::default();
        }

        // STARTTLS on the same object.
        if let Some((method, kw, pos)) = class.upgrade {
            for up in calls_on
                .iter()
                .filter(|c| c.callee.last().is_some_and(|m| m == method))
            {
                if tls_mode == TlsMode::None {
                    tls_mode = TlsMode::Starttls;
                }
                if binding.is_none() {
                    binding = up
                        .arg(Some(pos), kw)
                        .and_then(|arg| self.context_binding(up.scope, arg.range));
                }
                let loc = self.location(up.callee_range);
                let message = format!("STARTTLS: {}", self.line_text(loc));
                fact.related.push(Related::new("tls_mode", loc, message));
            }
        }

        // Contexts a local subclass creates, or a socket wrapped in place.
        if binding.is_none() {
            binding = self
                .creations
                .iter()
                .find(|c| {
                    local_classes
                        .is_some_and(|sids| sids.iter().any(|&sid| self.code.within(c.scope, sid)))
                        || object.is_some_and(|o| {
                            c.binding
                                .strip_prefix(o)
                                .is_some_and(|rest| rest.starts_with('.'))
                        })
                })
                .map(|c| c.binding.clone());
        }

        if let (Some(host), Some(range)) = (&endpoint.host, endpoint.host_range) {
            let loc = self.location(range);
            fact.related
                .push(Related::new("host", loc, format!("Host {host}")));
        }
        if let (Some(port), Some(range)) = (endpoint.port, endpoint.port_range) {
            let loc = self.location(range);
            fact.related
                .push(Related::new("port", loc, format!("Port {port}")));
        }
        fact.host = endpoint.host;
        fact.port = endpoint.port.or_else(|| {
            let connects = !class.smtplib || endpoint.host_given;
            (connects && !endpoint.port_given && class.mode != Mode::ImapClient)
                .then_some(class.port)
                .flatten()
        });
        fact.tls_mode = Some(tls_mode);
        fact.binding = binding;
        fact.related.sort_by_key(|r| (r.line, r.column));
        fact
    }

    /// The binding of a context argument; `None` for `None`.
    fn context_binding(&self, scope: usize, range: (usize, usize)) -> Option<String> {
        match self.code.value(range.0, range.1) {
            Value::NoneLit => None,
            Value::Chain(chain, _) => Some(self.canon(self.code.binding(scope, &chain))),
            Value::Call(id) => Some(match self.creation_of_call.get(&id) {
                Some(&c) => self
                    .creations
                    .get(c)
                    .map(|c| c.binding.clone())
                    .unwrap_or_default(),
                None => self
                    .returned_context(id, 3)
                    .unwrap_or_else(|| self.opaque(range)),
            }),
            _ => Some(self.opaque(range)),
        }
    }

    /// The source text of an expression, whitespace collapsed and redacted
    /// (it becomes a binding in the facts).
    fn opaque(&self, range: (usize, usize)) -> String {
        let text = self
            .code
            .slice(range.0, range.1)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        redact(&text)
    }

    /// Host and port arguments (positions 0 and 1) of a constructor or
    /// `connect()` call.
    fn endpoint(&self, call: &Call, class: &MailClass) -> Endpoint {
        let mut out = Endpoint::default();
        if let Some(arg) = call.arg(Some(0), "host") {
            out.host_given = true;
            if let Some((text, at)) = self.literal_str(call.scope, arg.range) {
                let (host, port) = if class.smtplib && text.matches(':').count() == 1 {
                    mail_url::split_host_port(text)
                } else {
                    let host = text.trim().trim_end_matches('.');
                    let ok = !host.is_empty() && mail_url::is_literal_host(host);
                    (ok.then(|| host.to_ascii_lowercase()), None)
                };
                if host.is_some() {
                    out.host = host;
                    out.host_range = Some(at);
                }
                if let Some(p) = port {
                    out.port = Some(p);
                    out.port_range = Some(at);
                }
            }
        }
        if let Some(arg) = call.arg(Some(1), "port") {
            match self.literal_int(call.scope, arg.range) {
                Some((0, _)) if class.smtplib => {}
                Some((n, at)) => {
                    out.port_given = true;
                    out.port = u16::try_from(n).ok();
                    out.port_range = Some(at);
                }
                None => {
                    out.port_given = true;
                    out.port = None;
                    out.port_range = None;
                }
            }
        }
        out
    }

    fn literal_str(
        &self,
        scope: usize,
        range: (usize, usize),
    ) -> Option<(&'a str, (usize, usize))> {
        let value = match self.code.value(range.0, range.1) {
            Value::Chain(chain, _) if chain.len() == 1 => self.single_value(scope, &chain)?,
            v => v,
        };
        let Value::Str(i) = value else { return None };
        self.code.str_literal(i).map(|s| (s, (i, i + 1)))
    }

    fn literal_int(&self, scope: usize, range: (usize, usize)) -> Option<(u64, (usize, usize))> {
        let (s, e) = self.code.strip_parens(range.0, range.1);
        match self.code.value(s, e) {
            Value::Int(n) => Some((n, (s, e))),
            Value::Chain(chain, _) if chain.len() == 1 => {
                let list = self.values.get(&self.code.binding(scope, &chain))?;
                let [n] = list.as_slice() else { return None };
                let a = self.code.assigns.get(*n)?;
                let (vs, ve) = self.code.strip_parens(a.value.0, a.value.1);
                match self.code.value(vs, ve) {
                    Value::Int(n) => Some((n, (vs, ve))),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct Endpoint {
    host: Option<String>,
    host_range: Option<(usize, usize)>,
    host_given: bool,
    port: Option<u16>,
    port_range: Option<(usize, usize)>,
    port_given: bool,
}

fn setting_name(keyword: &str) -> &'static str {
    match keyword {
        "ssl_version" => "ssl_version",
        "method" => "method",
        _ => "protocol",
    }
}

/// The dotted name covering exactly `range`.
fn exact_chain(code: &Code<'_>, range: (usize, usize)) -> Option<Vec<String>> {
    let (chain, end) = code.chain(range.0, range.1)?;
    (end == range.1).then_some(chain)
}

/// The TLS range a context allows, and the setting that determines it.
fn range_of<'s>(
    proto: Proto,
    proto_src: Option<&'s Src>,
    set: &'s Settings,
) -> (TlsRange, Option<&'s Src>) {
    if let (Proto::Fixed(v), Some(src)) = (proto, proto_src) {
        return (TlsRange::explicit(Some(v), Some(v)), Some(src));
    }
    let r = |v: &str| rank(v).unwrap_or(0);
    let floor = set
        .mins
        .iter()
        .filter_map(|m| match m.bound {
            Bound::Version(v) => Some((r(v), &m.src)),
            _ => None,
        })
        .min_by_key(|&(rank, _)| rank);
    let cap = set
        .maxs
        .iter()
        .filter_map(|m| match m.bound {
            Bound::Version(v) => Some((r(v), &m.src)),
            _ => None,
        })
        .min_by_key(|&(rank, _)| rank);
    let mut disabled: [Option<&Src>; ORDER.len()] = [None; ORDER.len()];
    for o in &set.opts {
        if let Some(slot) = rank(o.version).and_then(|i| disabled.get_mut(i)) {
            *slot = o.disable.then_some(&o.src);
        }
    }
    let off = |i: usize| disabled.get(i).copied().flatten();
    let start = floor.map_or(r("1.0"), |f| f.0);
    let upper = cap.map_or(r("1.3"), |c| c.0);
    let lowest = (start..=upper).find(|&i| off(i).is_none());
    let (min, max) = match lowest {
        None if upper < start => (None, cap),
        None => (None, start.checked_sub(1).zip(off(start))),
        Some(l) => {
            let mut h = l;
            while h < upper && off(h + 1).is_none() {
                h += 1;
            }
            let min = match floor {
                Some((f, src)) if f == l => Some((l, src)),
                Some(_) => l.checked_sub(1).and_then(off).map(|src| (l, src)),
                None if l > start => l.checked_sub(1).and_then(off).map(|src| (l, src)),
                None => None,
            };
            let max = if h < upper {
                off(h + 1).map(|src| (h, src))
            } else {
                cap
            };
            (min, max)
        }
    };
    let below = |i: usize| i < r("1.2");
    let primary = match (min, max) {
        (_, Some((i, src))) if below(i) => Some(src),
        (Some((i, src)), _) if below(i) => Some(src),
        (_, Some((_, src))) => Some(src),
        (Some((_, src)), None) => Some(src),
        (None, None) => None,
    };
    let name = |b: Option<(usize, &Src)>| b.and_then(|(i, _)| ORDER.get(i).copied());
    let tls = if min.is_none() && max.is_none() {
        TlsRange::unknown()
    } else {
        TlsRange::explicit(name(min), name(max))
    };
    (tls, primary)
}

#[cfg(test)]
mod tests;
