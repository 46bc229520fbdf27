//! PowerShell scripts and modules (`.ps1`, `.psm1`): the process-wide TLS
//! versions a script sets, and the mail clients it opens.
//!
//! The file is tokenized by a real PowerShell lexer ([`lexer`]), so text in
//! comments, strings and here-strings is never code.
//!
//! Facts:
//! - `tls_setting` (client `powershell`, scope `process`) for every
//!   assignment to `[Net.ServicePointManager]::SecurityProtocol` (any
//!   spelling of the type: `System.Net.`, `Net.`, or bare after `using
//!   namespace System.Net`). The value is evaluated as a
//!   `SecurityProtocolType` flag set: enum members (`[Net.SecurityProtocolType]
//!   ::Tls12`), strings (`'Tls,Tls11'`, converted as `Enum.Parse` does),
//!   numbers and casts (`3072`, `[Net.SecurityProtocolType]3072`),
//!   `[enum]::ToObject(...)`/`[enum]::Parse(...)`, combined with `-bor`, `+`,
//!   `-band`, `-bxor`, `-bnot`. Members: `SystemDefault`=0, `Ssl3`=48,
//!   `Tls`=192, `Tls11`=768, `Tls12`=3072, `Tls13`=12288. A set that is
//!   assigned is an explicit range from its lowest to its highest version;
//!   `SystemDefault` (0) leaves the choice to the OS (range unknown). Adding
//!   to the current value (`+=`, or `SecurityProtocol -bor X`) keeps
//!   whatever the process had, so only the new top is known: TLS 1.3 when it
//!   is added, else unknown (adding `Tls12` therefore never caps the range).
//!   Anything else (a variable the file does not bind, a function call)
//!   gives an unknown range. A legacy value in a `catch` block whose `try`
//!   sets TLS 1.2 or later (the common "Tls12, else fall back to Tls"
//!   idiom) runs only on a runtime without TLS 1.2, so it caps nothing the
//!   process could do: its range is unknown, with the `try` setting as a
//!   related note. The mail clients the script opens after the setting are
//!   `related` (role `mail_client`).
//! - `mail_usage` (client `powershell`) for: `Send-MailMessage` (parameters
//!   by name, unique prefix, alias or position, and `@splat` of a hashtable
//!   literal; `-SmtpServer` defaults to `$PSEmailServer`, `-Port` to 25;
//!   `-UseSsl` is STARTTLS, as it sets `SmtpClient.EnableSsl`, else plain
//!   SMTP); `System.Net.Mail.SmtpClient` created with `New-Object` or
//!   `::new(host, port)`, with `.Host`, `.Port`, `.EnableSsl` set on the
//!   same variable (`EnableSsl` is STARTTLS only, per the .NET docs); MailKit
//!   `ImapClient`, `Pop3Client` and `SmtpClient`, one usage per
//!   `.Connect(host, port, options)` call on the variable (MailKit's
//!   `ComputeDefaultValues`: `SecureSocketOptions.SslOnConnect` or `$true` is
//!   implicit TLS with default ports 993/995/465, `StartTls` and
//!   `StartTlsWhenAvailable` (or `$false`) are STARTTLS, `None` is plain,
//!   `Auto` is implicit on 993/995/465 and STARTTLS otherwise, port 0 means
//!   143/110/25), or one at the creation when it never connects.
//! - `tls_setting` (client `powershell`, scope `call`, binding the
//!   variable) for `$client.SslProtocols = ...` on a MailKit client, with the
//!   same evaluation over `SslProtocols` (`None`=0 is the OS default,
//!   `Default`=240 is SSL 3.0 + TLS 1.0); the client's usages then carry the
//!   same binding.
//!
//! Values: string literals, numbers, `$true`/`$false`, and variables bound to
//! one of those by a plain `$name = value` earlier in the file (the last such
//! assignment before the use; any other assignment in between makes the
//! value unknown), also when quoted alone (`"$server"`). Other expandable
//! strings (`"$env:RELAY"`, `"smtp.$domain"`) are not literals.
//! `AllowLegacyTLSClients` and host names in strings are the endpoint scan's.

mod lexer;

use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::ORDER;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange};
use crate::source::SourceFile;
use lexer::{Kind, Token};

const CLIENT: &str = "powershell";

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let tokens =
        lexer::tokenize(file.text).map_err(|(m, at)| lexer::error_at(file.text, &m, at))?;
    let script = Script::new(file, &tokens);
    Ok(script.facts())
}

/// Flag values of `SecurityProtocolType` and `SslProtocols` members.
const MEMBERS: &[(&str, u32)] = &[
    ("SystemDefault", 0),
    ("None", 0),
    ("Ssl2", 12),
    ("Ssl3", 48),
    ("Tls", 192),
    ("Default", 240),
    ("Tls11", 768),
    ("Tls12", 3072),
    ("Tls13", 12288),
];

/// Version bits, in `ORDER` order.
const VERSION_BITS: [u32; 6] = [12, 48, 192, 768, 3072, 12288];

/// The value of a protocol expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flags {
    /// A known flag set.
    Set(u32),
    /// The current value with these flags added.
    AddedTo(u32),
    Unknown,
}

/// The range a flag value stands for (see the module docs).
fn flags_range(flags: Flags) -> TlsRange {
    match flags {
        Flags::Set(bits) => {
            let versions: Vec<&str> = ORDER
                .iter()
                .zip(VERSION_BITS)
                .filter(|(_, b)| bits & b == *b)
                .map(|(v, _)| *v)
                .collect();
            match (versions.first(), versions.last()) {
                (Some(lo), Some(hi)) => TlsRange::explicit(Some(lo), Some(hi)),
                _ => TlsRange::unknown(),
            }
        }
        Flags::AddedTo(bits) if bits & 12288 == 12288 => TlsRange::explicit(None, Some("1.3")),
        _ => TlsRange::unknown(),
    }
}

/// A token range `[start, end)`: one expression or argument element.
type Span = (usize, usize);

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
}

/// The mail client classes this extractor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Library {
    /// `System.Net.Mail.SmtpClient`.
    SystemNetMail,
    MailKit,
}

const MAIL_CLASSES: &[(&str, Protocol, Library)] = &[
    (
        "system.net.mail.smtpclient",
        Protocol::Smtp,
        Library::SystemNetMail,
    ),
    (
        "mailkit.net.imap.imapclient",
        Protocol::Imap,
        Library::MailKit,
    ),
    (
        "mailkit.net.pop3.pop3client",
        Protocol::Pop3,
        Library::MailKit,
    ),
    (
        "mailkit.net.smtp.smtpclient",
        Protocol::Smtp,
        Library::MailKit,
    ),
];

/// `Send-MailMessage` parameters: name, aliases, switch.
const SEND_MAIL_PARAMS: &[(&str, &[&str], bool)] = &[
    ("Attachments", &["PsPath"], false),
    ("Bcc", &[], false),
    ("Body", &[], false),
    ("BodyAsHtml", &["BAH"], true),
    ("Encoding", &["BE"], false),
    ("Cc", &[], false),
    ("DeliveryNotificationOption", &["DNO"], false),
    ("From", &[], false),
    ("SmtpServer", &["ComputerName"], false),
    ("Priority", &[], false),
    ("ReplyTo", &[], false),
    ("Subject", &["sub"], false),
    ("To", &[], false),
    ("Credential", &[], false),
    ("UseSsl", &[], true),
    ("Port", &[], false),
    ("Verbose", &["vb"], true),
    ("Debug", &["db"], true),
    ("ErrorAction", &["ea"], false),
    ("WarningAction", &["wa"], false),
    ("InformationAction", &["infa"], false),
    ("ProgressAction", &["proga"], false),
    ("ErrorVariable", &["ev"], false),
    ("WarningVariable", &["wv"], false),
    ("InformationVariable", &["iv"], false),
    ("OutVariable", &["ov"], false),
    ("OutBuffer", &["ob"], false),
    ("PipelineVariable", &["pv"], false),
];

/// `Send-MailMessage` takes `-To`, `-Subject`, `-Body`, `-SmtpServer` by
/// position, in that order.
const SMTP_SERVER_POSITION: usize = 3;

const NEW_OBJECT_PARAMS: &[(&str, &[&str], bool)] = &[
    ("TypeName", &[], false),
    ("ArgumentList", &["Args"], false),
    ("Property", &[], false),
    ("ComObject", &[], false),
    ("Strict", &[], true),
    ("Verbose", &["vb"], true),
    ("Debug", &["db"], true),
    ("ErrorAction", &["ea"], false),
];

/// Resolves a parameter as PowerShell does: exact name or alias, else a
/// unique prefix of a name.
fn resolve_param(
    table: &'static [(&'static str, &'static [&'static str], bool)],
    written: &str,
) -> Option<(&'static str, bool)> {
    if let Some((name, _, switch)) = table.iter().find(|(name, aliases, _)| {
        name.eq_ignore_ascii_case(written)
            || aliases.iter().any(|a| a.eq_ignore_ascii_case(written))
    }) {
        return Some((name, *switch));
    }
    // A prefix of a name or alias, when all its matches are one parameter.
    let lower = written.to_ascii_lowercase();
    let mut hits = table.iter().filter(|(name, aliases, _)| {
        std::iter::once(name)
            .chain(aliases.iter())
            .any(|n| n.to_ascii_lowercase().starts_with(&lower))
    });
    let first = hits.next()?;
    hits.next().is_none().then_some((first.0, first.2))
}

/// A command's arguments: named (resolved name -> value element or the
/// parameter token for switches) and positional elements.
#[derive(Debug, Default)]
struct Args {
    named: Vec<(&'static str, Arg)>,
    positional: Vec<(usize, usize)>,
    splats: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Arg {
    /// The parameter token.
    param: usize,
    /// The value element (token range), if any.
    value: Option<(usize, usize)>,
}

impl Args {
    fn get(&self, name: &str) -> Option<Arg> {
        self.named
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a)
    }
}

/// A mail client object created in the script.
#[derive(Debug, Clone)]
struct Creation {
    library: Library,
    protocol: Protocol,
    /// The token naming the type (the location of a usage without connect).
    type_token: usize,
    /// Constructor arguments (token ranges).
    args: Vec<(usize, usize)>,
    /// The variable it is assigned to (lower case, no scope prefix), and
    /// the name as written.
    variable: Option<(String, String)>,
    /// Token index of the creation (for ordering).
    at: usize,
}

struct Script<'a> {
    file: &'a SourceFile<'a>,
    tokens: &'a [Token],
    usings: Vec<String>,
}

fn var_key(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for scope in ["script:", "global:", "local:", "private:"] {
        if let Some(rest) = lower.strip_prefix(scope) {
            return rest.to_owned();
        }
    }
    lower
}

fn last_segment(type_name: &str) -> String {
    type_name
        .rsplit('.')
        .next()
        .unwrap_or(type_name)
        .trim()
        .to_ascii_lowercase()
}

fn is_opener(t: &Token) -> bool {
    t.kind == Kind::Op && matches!(t.text.as_str(), "(" | "[" | "{" | "@(" | "@{" | "$(")
}

fn is_closer(t: &Token) -> bool {
    t.kind == Kind::Op && matches!(t.text.as_str(), ")" | "]" | "}")
}

fn is_op(t: Option<&Token>, op: &str) -> bool {
    t.is_some_and(|t| t.kind == Kind::Op && t.text == op)
}

fn is_word(t: Option<&Token>, word: &str) -> bool {
    t.is_some_and(|t| t.kind == Kind::Word && t.text.eq_ignore_ascii_case(word))
}

impl<'a> Script<'a> {
    fn new(file: &'a SourceFile<'a>, tokens: &'a [Token]) -> Self {
        let mut usings = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if is_word(Some(t), "using") && is_word(tokens.get(i + 1), "namespace") {
                if let Some(ns) = tokens.get(i + 2).filter(|t| t.kind == Kind::Word) {
                    usings.push(ns.text.to_ascii_lowercase());
                }
            }
        }
        Script {
            file,
            tokens,
            usings,
        }
    }

    fn tok(&self, i: usize) -> Option<&'a Token> {
        self.tokens.get(i)
    }

    /// The full names a written type name may stand for.
    fn type_candidates(&self, name: &str) -> Vec<String> {
        let lower = name.trim().to_ascii_lowercase();
        let mut out = vec![lower.clone(), format!("system.{lower}")];
        out.extend(self.usings.iter().map(|ns| format!("{ns}.{lower}")));
        out
    }

    fn is_type(&self, name: &str, full: &str) -> bool {
        self.type_candidates(name).iter().any(|c| c == full)
    }

    fn mail_class(&self, name: &str) -> Option<(Protocol, Library)> {
        let candidates = self.type_candidates(name);
        MAIL_CLASSES
            .iter()
            .find(|(full, _, _)| candidates.iter().any(|c| c == full))
            .map(|(_, p, l)| (*p, *l))
    }

    fn is_protocol_enum(&self, name: &str) -> bool {
        self.is_type(name, "system.net.securityprotocoltype")
            || self.is_type(name, "system.security.authentication.sslprotocols")
    }

    fn is_service_point_manager(&self, name: &str) -> bool {
        self.is_type(name, "system.net.servicepointmanager")
    }

    /// The end (exclusive) of the statement holding token `i`.
    fn statement_end(&self, i: usize) -> usize {
        let mut depth = 0usize;
        let mut j = i;
        while let Some(t) = self.tok(j) {
            if is_opener(t) {
                depth += 1;
            } else if is_closer(t) {
                if depth == 0 {
                    return j;
                }
                depth -= 1;
            } else if depth == 0
                && (t.kind == Kind::Newline
                    || (t.kind == Kind::Op && matches!(t.text.as_str(), ";" | "|")))
            {
                return j;
            }
            j += 1;
        }
        self.tokens.len()
    }

    /// The index after the bracket group opened at `i`.
    fn group_end(&self, i: usize, end: usize) -> usize {
        let mut depth = 0usize;
        let mut j = i;
        while j < end {
            let Some(t) = self.tok(j) else { break };
            if is_opener(t) {
                depth += 1;
            } else if is_closer(t) {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            j += 1;
        }
        end
    }

    /// The index after one command argument element starting at `i`
    /// (a token or bracket group with member accesses, calls and casts).
    fn element_end(&self, i: usize, end: usize) -> usize {
        let Some(t) = self.tok(i) else { return end };
        let mut j = if is_opener(t) {
            self.group_end(i, end)
        } else {
            i + 1
        };
        // A cast applies to the element right after it.
        if t.kind == Kind::Type && j < end {
            if let Some(next) = self.tok(j) {
                let value = matches!(
                    next.kind,
                    Kind::Word | Kind::Str | Kind::Variable | Kind::Type
                ) || (next.kind == Kind::Op
                    && matches!(next.text.as_str(), "(" | "$(" | "@("));
                if next.start == t.end && value {
                    return self.element_end(j, end);
                }
            }
        }
        while j < end {
            let Some(n) = self.tok(j) else { break };
            let prev_end = self.tok(j - 1).map_or(0, |p| p.end);
            if n.kind == Kind::Op && (n.text == "::" || n.text == ".") {
                j += 2;
            } else if n.kind == Kind::Op && (n.text == "(" || n.text == "[") && n.start == prev_end
            {
                j = self.group_end(j, end);
            } else {
                break;
            }
        }
        j.min(end)
    }

    /// Elements separated by commas, from `i` to `end` (a group's inside).
    fn comma_list(&self, mut i: usize, end: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        while i < end {
            if matches!(self.tok(i), Some(t) if t.kind == Kind::Newline) {
                i += 1;
                continue;
            }
            let e = self.element_end(i, end).max(i + 1);
            out.push((i, e));
            i = e;
            if is_op(self.tok(i), ",") {
                i += 1;
            } else {
                break;
            }
        }
        out
    }

    /// An argument value: one element, or a comma list of elements.
    fn argument_end(&self, i: usize, end: usize) -> usize {
        let mut j = self.element_end(i, end).max(i + 1);
        while is_op(self.tok(j), ",") && j + 1 < end {
            j = self.element_end(j + 1, end).max(j + 2);
        }
        j.min(end)
    }

    fn command_args(
        &self,
        start: usize,
        end: usize,
        table: &'static [(&'static str, &'static [&'static str], bool)],
    ) -> Args {
        let mut args = Args::default();
        let mut i = start;
        while i < end {
            let Some(t) = self.tok(i) else { break };
            match t.kind {
                Kind::Param => {
                    let resolved = resolve_param(table, &t.text);
                    // An unknown parameter takes a value unless another
                    // parameter follows.
                    let next_is_param =
                        self.tok(i + 1).is_none_or(|n| n.kind == Kind::Param) || i + 1 >= end;
                    let switch = resolved.map_or(next_is_param, |(_, s)| s);
                    let takes_value = t.colon || !switch;
                    let value = if takes_value && i + 1 < end {
                        let e = self.argument_end(i + 1, end);
                        Some((i + 1, e))
                    } else {
                        None
                    };
                    if let Some((name, _)) = resolved {
                        args.named.push((name, Arg { param: i, value }));
                    }
                    i = value.map_or(i + 1, |(_, e)| e);
                }
                Kind::Splat => {
                    args.splats.push(i);
                    i += 1;
                }
                _ => {
                    let e = self.argument_end(i, end);
                    args.positional.push((i, e));
                    i = e;
                }
            }
        }
        args
    }

    /// The literal value of an element, resolving variables bound earlier.
    fn value(&self, (s, e): (usize, usize)) -> Option<Value> {
        let t = self.tok(s)?;
        if is_op(Some(t), "(") && e >= s + 3 {
            return self.value((s + 1, e - 1));
        }
        if e != s + 1 {
            return None;
        }
        match t.kind {
            Kind::Str if t.literal => Some(Value::Str(t.text.clone())),
            // `"$server"`: a string that is just one variable.
            Kind::Str => {
                let name = t.text.strip_prefix('$')?;
                (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
                    .then(|| self.variable_value(name, s))
                    .flatten()
                    .map(|v| match v {
                        Value::Int(n) => Value::Str(n.to_string()),
                        other => other,
                    })
            }
            Kind::Word => Some(match parse_int(&t.text) {
                Some(n) => Value::Int(n),
                None => Value::Str(t.text.clone()),
            }),
            Kind::Variable => match t.text.to_ascii_lowercase().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                "null" => None,
                _ => self.variable_value(&t.text, s),
            },
            _ => None,
        }
    }

    /// The assignments `$name = ...` before token `before`, latest last.
    fn assignments(&self, name: &str, before: usize) -> impl Iterator<Item = usize> + '_ {
        let key = var_key(name);
        (0..before.min(self.tokens.len())).filter(move |&i| {
            matches!(self.tok(i), Some(t) if t.kind == Kind::Variable && var_key(&t.text) == key)
                && self.tok(i + 1).is_some_and(|t| {
                    t.kind == Kind::Op
                        && matches!(t.text.as_str(), "=" | "+=" | "-=" | "*=" | "/=" | "%=")
                })
                && self
                    .tok(i.wrapping_sub(1))
                    .is_none_or(|p| !is_op(Some(p), "."))
        })
    }

    fn variable_value(&self, name: &str, before: usize) -> Option<Value> {
        let at = self.assignments(name, before).last()?;
        if !is_op(self.tok(at + 1), "=") {
            return None;
        }
        let end = self.statement_end(at + 2);
        let e = self.element_end(at + 2, end);
        // `$x = value` alone, or a parameter default: `param([int]$Port = 25, ...)`.
        let param_default = is_op(self.tok(e), ",") && self.in_param_block(at);
        if e != end && !param_default {
            return None;
        }
        // Guard against `$a = $a`.
        if matches!(self.tok(at + 2), Some(t) if t.kind == Kind::Variable && var_key(&t.text) == var_key(name))
        {
            return None;
        }
        self.value((at + 2, e))
    }

    /// Whether token `i` is inside the parentheses of a `param( )` block.
    fn in_param_block(&self, i: usize) -> bool {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            match self.tok(j) {
                Some(t) if is_op(Some(t), ")") => depth += 1,
                Some(t) if is_op(Some(t), "(") => {
                    if depth == 0 {
                        return j > 0 && is_word(self.tok(j - 1), "param");
                    }
                    depth -= 1;
                }
                Some(t) if t.kind == Kind::Op && matches!(t.text.as_str(), "{" | "}") => {
                    return false;
                }
                _ => {}
            }
        }
        false
    }

    /// The hashtable literal last assigned to `name` before `before`:
    /// key (lower case) -> value element.
    fn hashtable(&self, name: &str, before: usize) -> Vec<(String, (usize, usize))> {
        let Some(at) = self.assignments(name, before).last() else {
            return Vec::new();
        };
        if !is_op(self.tok(at + 1), "=") || !is_op(self.tok(at + 2), "@{") {
            return Vec::new();
        }
        let open = at + 2;
        let close = self.group_end(open, self.tokens.len()).saturating_sub(1);
        let mut out = Vec::new();
        let mut i = open + 1;
        while i < close {
            let Some(t) = self.tok(i) else { break };
            if t.kind == Kind::Newline || is_op(Some(t), ";") {
                i += 1;
                continue;
            }
            let key = match t.kind {
                Kind::Word | Kind::Str => t.text.to_ascii_lowercase(),
                _ => String::new(),
            };
            if !is_op(self.tok(i + 1), "=") {
                i += 1;
                continue;
            }
            let vs = i + 2;
            let ve = self.argument_end(vs, close);
            out.push((key, (vs, ve)));
            i = ve;
        }
        out
    }

    // --- protocol flag expressions -------------------------------------

    /// Evaluates the expression in `[s, e)`.
    fn flags(&self, s: usize, e: usize, self_ref: &dyn Fn(usize) -> Option<usize>) -> Flags {
        let mut pos = s;
        let v = self.flags_or(&mut pos, e, self_ref, 0);
        if pos == e {
            v
        } else {
            Flags::Unknown
        }
    }

    fn flags_or(
        &self,
        pos: &mut usize,
        e: usize,
        self_ref: &dyn Fn(usize) -> Option<usize>,
        depth: usize,
    ) -> Flags {
        let mut left = self.flags_add(pos, e, self_ref, depth);
        while *pos < e {
            let Some(t) = self.tok(*pos).filter(|t| t.kind == Kind::Param) else {
                break;
            };
            let op = t.text.to_ascii_lowercase();
            if !matches!(op.as_str(), "bor" | "band" | "bxor") {
                break;
            }
            *pos += 1;
            let right = self.flags_add(pos, e, self_ref, depth);
            left = combine(left, right, &op);
        }
        left
    }

    fn flags_add(
        &self,
        pos: &mut usize,
        e: usize,
        self_ref: &dyn Fn(usize) -> Option<usize>,
        depth: usize,
    ) -> Flags {
        let mut left = self.flags_unary(pos, e, self_ref, depth);
        while *pos < e && is_op(self.tok(*pos), "+") {
            *pos += 1;
            let right = self.flags_unary(pos, e, self_ref, depth);
            left = combine(left, right, "+");
        }
        left
    }

    fn flags_unary(
        &self,
        pos: &mut usize,
        e: usize,
        self_ref: &dyn Fn(usize) -> Option<usize>,
        depth: usize,
    ) -> Flags {
        if depth > 32 {
            *pos = e;
            return Flags::Unknown;
        }
        match self.tok(*pos) {
            Some(t) if t.kind == Kind::Param && t.text.eq_ignore_ascii_case("bnot") => {
                *pos += 1;
                match self.flags_unary(pos, e, self_ref, depth + 1) {
                    Flags::Set(v) => Flags::Set(!v & VERSION_BITS.iter().fold(0, |a, b| a | b)),
                    _ => Flags::Unknown,
                }
            }
            _ => self.flags_primary(pos, e, self_ref, depth + 1),
        }
    }

    fn flags_primary(
        &self,
        pos: &mut usize,
        e: usize,
        self_ref: &dyn Fn(usize) -> Option<usize>,
        depth: usize,
    ) -> Flags {
        let i = *pos;
        let Some(t) = self.tok(i).filter(|_| i < e) else {
            return Flags::Unknown;
        };
        if let Some(after) = self_ref(i) {
            *pos = after;
            return Flags::AddedTo(0);
        }
        match t.kind {
            Kind::Op if t.text == "(" || t.text == "$(" => {
                let end = self.group_end(i, e);
                *pos = end;
                let mut inner = i + 1;
                let v = self.flags_or(&mut inner, end.saturating_sub(1), self_ref, depth + 1);
                if inner == end.saturating_sub(1) {
                    v
                } else {
                    Flags::Unknown
                }
            }
            Kind::Type if self.is_protocol_enum(&t.text) => {
                if is_op(self.tok(i + 1), "::") {
                    *pos = i + 3;
                    return self
                        .tok(i + 2)
                        .and_then(|m| member(&m.text))
                        .map_or(Flags::Unknown, Flags::Set);
                }
                // A cast: `[Net.SecurityProtocolType]3072` / `'Tls12'` / `(...)`.
                *pos = i + 1;
                self.flags_unary(pos, e, self_ref, depth + 1)
            }
            Kind::Type if matches!(last_segment(&t.text).as_str(), "enum") => {
                // [enum]::ToObject([T], v) / [enum]::Parse([T], 'names').
                let method = self.tok(i + 2).map(|m| m.text.to_ascii_lowercase());
                if is_op(self.tok(i + 1), "::")
                    && matches!(method.as_deref(), Some("toobject" | "parse"))
                    && is_op(self.tok(i + 3), "(")
                {
                    let end = self.group_end(i + 3, e);
                    *pos = end;
                    let args = self.comma_list(i + 4, end.saturating_sub(1));
                    let typed = args
                        .first()
                        .and_then(|&(s, _)| self.tok(s))
                        .is_some_and(|t| t.kind == Kind::Type && self.is_protocol_enum(&t.text));
                    return match (typed, args.get(1)) {
                        (true, Some(&(s, ae))) => self.flags(s, ae, self_ref),
                        _ => Flags::Unknown,
                    };
                }
                *pos = e;
                Flags::Unknown
            }
            Kind::Word => {
                *pos = i + 1;
                parse_int(&t.text)
                    .and_then(|n| u32::try_from(n).ok())
                    .map_or(Flags::Unknown, Flags::Set)
            }
            Kind::Str if t.literal => {
                *pos = i + 1;
                parse_names(&t.text).map_or(Flags::Unknown, Flags::Set)
            }
            Kind::Variable => {
                *pos = i + 1;
                match self.variable_value(&t.text, i) {
                    Some(Value::Int(n)) => u32::try_from(n).map_or(Flags::Unknown, Flags::Set),
                    Some(Value::Str(s)) => parse_names(&s).map_or(Flags::Unknown, Flags::Set),
                    _ => self.variable_flags(&t.text, i, depth),
                }
            }
            _ => {
                *pos = e;
                Flags::Unknown
            }
        }
    }

    /// A variable assigned a protocol expression (`$p = [Net.SecurityProtocolType]::Tls12`).
    fn variable_flags(&self, name: &str, before: usize, depth: usize) -> Flags {
        let Some(at) = self.assignments(name, before).last() else {
            return Flags::Unknown;
        };
        if !is_op(self.tok(at + 1), "=") || depth > 16 {
            return Flags::Unknown;
        }
        let end = self.statement_end(at + 2);
        let mut pos = at + 2;
        let v = self.flags_or(&mut pos, end, &|_| None, depth + 1);
        match v {
            Flags::Set(_) if pos == end => v,
            _ => Flags::Unknown,
        }
    }

    // --- facts -----------------------------------------------------------

    fn location(&self, s: usize, e: usize) -> Location {
        let start = self.tok(s).map_or(0, |t| t.start);
        let end = self
            .tok(e.saturating_sub(1).max(s))
            .map_or(start, |t| t.end);
        self.file.location(start, end)
    }

    fn evidence(&self, location: Location) -> String {
        redact(self.file.line(location.line).trim())
    }

    fn source_text(&self, s: usize, e: usize) -> String {
        let start = self.tok(s).map_or(0, |t| t.start);
        let end = self
            .tok(e.saturating_sub(1).max(s))
            .map_or(start, |t| t.end);
        let raw = self.file.text.get(start..end).unwrap_or("");
        redact(&raw.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn facts(&self) -> Vec<Fact> {
        let creations = self.creations();
        let mut usages: Vec<(usize, Fact)> = Vec::new();
        let mut settings: Vec<(usize, Fact)> = Vec::new();
        let client_settings = self.client_settings(&creations);
        for c in &creations {
            let binding = c.variable.as_ref().and_then(|(key, written)| {
                client_settings
                    .iter()
                    .filter_map(|(_, f)| f.binding.as_deref())
                    .any(|b| var_key(b.trim_start_matches('$')) == *key)
                    .then(|| format!("${written}"))
            });
            for (at, mut u) in self.creation_usages(c, &creations) {
                u.binding.clone_from(&binding);
                usages.push((at, u));
            }
        }
        usages.extend(self.send_mail_usages());
        usages.sort_by_key(|(at, _)| *at);
        settings.extend(self.security_protocol_settings());
        for (at, s) in &mut settings {
            for (uat, u) in &usages {
                if uat > at {
                    s.related.push(Related::new(
                        "mail_client",
                        u.location,
                        format!("mail client opened after this setting: {}", target(u)),
                    ));
                }
            }
        }
        settings.extend(client_settings);
        settings.sort_by_key(|(at, _)| *at);
        settings.into_iter().chain(usages).map(|(_, f)| f).collect()
    }

    /// Whether tokens at `i` are `[ServicePointManager]::SecurityProtocol`;
    /// the index after them.
    fn security_protocol_ref(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        (t.kind == Kind::Type
            && self.is_service_point_manager(&t.text)
            && is_op(self.tok(i + 1), "::")
            && is_word(self.tok(i + 2), "SecurityProtocol"))
        .then_some(i + 3)
    }

    fn security_protocol_settings(&self) -> Vec<(usize, Fact)> {
        let mut out: Vec<(usize, Flags, Fact)> = Vec::new();
        for i in 0..self.tokens.len() {
            let Some(after) = self.security_protocol_ref(i) else {
                continue;
            };
            let Some(op) = self.tok(after).filter(|t| t.kind == Kind::Op) else {
                continue;
            };
            if !matches!(op.text.as_str(), "=" | "+=" | "-=") {
                continue;
            }
            let rhs = after + 1;
            let end = self.statement_end(rhs);
            if rhs >= end {
                continue;
            }
            let self_ref = |j: usize| self.security_protocol_ref(j);
            let value = match (op.text.as_str(), self.flags(rhs, end, &self_ref)) {
                ("=", v) => v,
                ("+=", Flags::Set(v) | Flags::AddedTo(v)) => Flags::AddedTo(v),
                _ => Flags::Unknown,
            };
            let location = self.location(rhs, end);
            let mut fact = Fact::new(FactKind::TlsSetting, location, self.evidence(location));
            fact.client = Some(CLIENT.to_owned());
            fact.scope = Some("process".to_owned());
            let rhs_text = self.source_text(rhs, end);
            fact.setting = Some(Setting {
                name: self.source_text(i, after),
                value: match op.text.as_str() {
                    "=" => rhs_text,
                    other => format!("{other} {rhs_text}"),
                },
            });
            fact.tls = Some(flags_range(value));
            out.push((i, value, fact));
        }
        // A fallback in `catch` after a `try` that sets TLS 1.2 or later
        // runs only where that version does not exist (the enum value throws
        // on .NET before 4.5): it caps nothing the runtime could do.
        let modern = |v: Flags| matches!(v, Flags::Set(b) | Flags::AddedTo(b) if b & !0x3ff != 0);
        let tried: Vec<(usize, Location)> = out
            .iter()
            .filter(|(_, v, _)| modern(*v))
            .map(|(i, _, f)| (*i, f.location))
            .collect();
        for (i, value, fact) in &mut out {
            if modern(*value) {
                continue;
            }
            let Some((try_open, try_close)) = self.try_body_of_catch(*i) else {
                continue;
            };
            if let Some((_, loc)) = tried
                .iter()
                .find(|(j, _)| (try_open..try_close).contains(j))
            {
                fact.tls = Some(TlsRange::unknown());
                fact.related.push(Related::new(
                    "version",
                    *loc,
                    "fallback in `catch`: runs only when setting TLS 1.2 or later here failed, on a runtime without it",
                ));
            }
        }
        out.into_iter().map(|(i, _, f)| (i, f)).collect()
    }

    /// The previous token before `i` that is not a line end.
    fn previous(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .find(|&j| self.tok(j).is_some_and(|t| t.kind != Kind::Newline))
    }

    /// The `{` of the innermost brace block holding token `i`.
    fn enclosing_brace(&self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            let t = self.tok(j)?;
            match (t.kind, t.text.as_str()) {
                (Kind::Op, "}") => depth += 1,
                (Kind::Op, "{" | "@{") if depth == 0 => return Some(j),
                (Kind::Op, "{" | "@{") => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// The `{` matching the `}` at `close`.
    fn matching_open(&self, close: usize) -> Option<usize> {
        self.enclosing_brace(close)
    }

    /// For a token inside a `catch { }` block: the token range of the body
    /// of its `try { }`.
    fn try_body_of_catch(&self, i: usize) -> Option<(usize, usize)> {
        let mut open = self.enclosing_brace(i)?;
        loop {
            // `catch [Type] {`: skip the exception types.
            let mut k = self.previous(open)?;
            while matches!(self.tok(k), Some(t) if t.kind == Kind::Type || is_op(Some(t), ",")) {
                k = self.previous(k)?;
            }
            if !is_word(self.tok(k), "catch") {
                return None;
            }
            let close = self.previous(k).filter(|&c| is_op(self.tok(c), "}"))?;
            let body_open = self.matching_open(close)?;
            let before = self.previous(body_open)?;
            if is_word(self.tok(before), "try") {
                return Some((body_open, close));
            }
            // An earlier `catch` of the same `try`.
            open = body_open;
        }
    }

    /// `$client.SslProtocols = ...` on a MailKit client variable.
    fn client_settings(&self, creations: &[Creation]) -> Vec<(usize, Fact)> {
        let mut out = Vec::new();
        for c in creations.iter().filter(|c| c.library == Library::MailKit) {
            let Some((key, written)) = &c.variable else {
                continue;
            };
            for (i, op) in self.property_assignments(key, "SslProtocols", c.at) {
                let rhs = op + 1;
                let end = self.statement_end(rhs);
                let self_ref = |j: usize| {
                    (matches!(self.tok(j), Some(t) if t.kind == Kind::Variable && var_key(&t.text) == *key)
                        && is_op(self.tok(j + 1), ".")
                        && is_word(self.tok(j + 2), "SslProtocols"))
                    .then_some(j + 3)
                };
                let value = match (
                    self.tok(op).map(|t| t.text.as_str()),
                    self.flags(rhs, end, &self_ref),
                ) {
                    (Some("="), v) => v,
                    (Some("+="), Flags::Set(v) | Flags::AddedTo(v)) => Flags::AddedTo(v),
                    _ => Flags::Unknown,
                };
                let location = self.location(rhs, end);
                let mut fact = Fact::new(FactKind::TlsSetting, location, self.evidence(location));
                fact.client = Some(CLIENT.to_owned());
                fact.scope = Some("call".to_owned());
                fact.binding = Some(format!("${written}"));
                fact.setting = Some(Setting {
                    name: format!("${written}.SslProtocols"),
                    value: self.source_text(rhs, end),
                });
                fact.tls = Some(flags_range(value));
                out.push((i, fact));
            }
        }
        out
    }

    /// `$var.Prop = value` (or `+=`) after token `after`: (variable token,
    /// operator token).
    fn property_assignments(&self, key: &str, prop: &str, after: usize) -> Vec<(usize, usize)> {
        (after..self.tokens.len())
            .filter(|&i| {
                matches!(self.tok(i), Some(t) if t.kind == Kind::Variable && var_key(&t.text) == key)
                    && is_op(self.tok(i + 1), ".")
                    && is_word(self.tok(i + 2), prop)
                    && self
                        .tok(i + 3)
                        .is_some_and(|t| t.kind == Kind::Op && matches!(t.text.as_str(), "=" | "+="))
            })
            .map(|i| (i, i + 3))
            .collect()
    }

    /// Every mail client object creation.
    fn creations(&self) -> Vec<Creation> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            let Some(t) = self.tok(i) else { continue };
            // [Type]::new(args)
            if t.kind == Kind::Type
                && is_op(self.tok(i + 1), "::")
                && is_word(self.tok(i + 2), "new")
            {
                let Some((protocol, library)) = self.mail_class(&t.text) else {
                    continue;
                };
                let args = if is_op(self.tok(i + 3), "(") {
                    let end = self.group_end(i + 3, self.tokens.len());
                    self.comma_list(i + 4, end.saturating_sub(1))
                } else {
                    Vec::new()
                };
                out.push(Creation {
                    library,
                    protocol,
                    type_token: i,
                    args,
                    variable: self.assigned_to(i),
                    at: i,
                });
            }
            // New-Object [-TypeName] T [-ArgumentList] args
            if is_word(Some(t), "New-Object") {
                let end = self.statement_end(i + 1);
                let args = self.command_args(i + 1, end, NEW_OBJECT_PARAMS);
                let type_el = args
                    .get("TypeName")
                    .and_then(|a| a.value)
                    .or_else(|| args.positional.first().copied());
                let Some((ts, _)) = type_el else { continue };
                let Some(type_tok) = self.tok(ts) else {
                    continue;
                };
                let type_name = match type_tok.kind {
                    Kind::Word => type_tok.text.clone(),
                    Kind::Str if type_tok.literal => type_tok.text.clone(),
                    _ => continue,
                };
                // `New-Object Net.Mail.SmtpClient('h', 25)` lexes the call
                // parentheses as part of the type word's element.
                let Some((protocol, library)) = self.mail_class(&type_name) else {
                    continue;
                };
                let arg_el = args.get("ArgumentList").and_then(|a| a.value).or_else(|| {
                    let named_type = args.get("TypeName").is_some();
                    args.positional.get(usize::from(!named_type)).copied()
                });
                let ctor = match arg_el {
                    Some((s, e)) => self.argument_items(s, e),
                    None if is_op(self.tok(ts + 1), "(") => {
                        let ge = self.group_end(ts + 1, end);
                        self.comma_list(ts + 2, ge.saturating_sub(1))
                    }
                    None => Vec::new(),
                };
                out.push(Creation {
                    library,
                    protocol,
                    type_token: ts,
                    args: ctor,
                    variable: self.assigned_to(i),
                    at: i,
                });
            }
        }
        out
    }

    /// The items of an argument list value: `a, b`, `(a, b)`, `@(a, b)`.
    fn argument_items(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        if matches!(self.tok(s), Some(t) if is_opener(t) && (t.text == "(" || t.text == "@("))
            && self.group_end(s, e) == e
        {
            return self.comma_list(s + 1, e - 1);
        }
        self.comma_list(s, e)
    }

    /// The variable the expression starting at `i` is assigned to
    /// (`$v = <expr>` or `$v = (<expr>)`).
    fn assigned_to(&self, i: usize) -> Option<(String, String)> {
        let mut j = i;
        while j > 0 && is_op(self.tok(j - 1), "(") {
            j -= 1;
        }
        if j < 2 || !is_op(self.tok(j - 1), "=") {
            return None;
        }
        let v = self.tok(j - 2).filter(|t| t.kind == Kind::Variable)?;
        Some((var_key(&v.text), v.text.clone()))
    }

    /// The usages of one creation: per `.Connect(...)` for MailKit, else one.
    fn creation_usages(&self, c: &Creation, all: &[Creation]) -> Vec<(usize, Fact)> {
        // Statements on the variable until it is assigned another client.
        let until = c
            .variable
            .as_ref()
            .and_then(|(key, _)| {
                all.iter()
                    .filter(|o| o.at > c.at)
                    .find(|o| o.variable.as_ref().map(|v| &v.0) == Some(key))
                    .map(|o| o.at)
            })
            .unwrap_or(self.tokens.len());
        match c.library {
            Library::SystemNetMail => vec![(c.at, self.smtp_client_usage(c, until))],
            Library::MailKit => {
                let mut out = Vec::new();
                if let Some((key, _)) = &c.variable {
                    for i in c.at..until {
                        let is_connect = matches!(self.tok(i), Some(t) if t.kind == Kind::Variable && var_key(&t.text) == *key)
                            && is_op(self.tok(i + 1), ".")
                            && (is_word(self.tok(i + 2), "Connect")
                                || is_word(self.tok(i + 2), "ConnectAsync"))
                            && is_op(self.tok(i + 3), "(");
                        if is_connect {
                            let end = self.group_end(i + 3, self.tokens.len());
                            let args = self.comma_list(i + 4, end.saturating_sub(1));
                            out.push((i, self.mailkit_usage(c, i + 2, &args)));
                        }
                    }
                }
                if out.is_empty() {
                    let location = self.location(c.type_token, c.type_token + 1);
                    let mut fact = self.usage_fact(c.protocol, location);
                    fact.tls_mode = Some(TlsMode::Unknown);
                    out.push((c.at, fact));
                }
                out
            }
        }
    }

    fn usage_fact(&self, protocol: Protocol, location: Location) -> Fact {
        let mut fact = Fact::new(FactKind::MailUsage, location, self.evidence(location));
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(protocol);
        fact
    }

    fn set_host(&self, fact: &mut Fact, el: (usize, usize)) {
        let location = self.location(el.0, el.1);
        if let Some(Value::Str(h)) = self.value(el) {
            let h = h.trim().to_ascii_lowercase();
            if !h.is_empty() && is_literal_host(&h) {
                fact.host = Some(h.clone());
            }
            fact.related.push(Related::new(
                "host",
                location,
                format!("Host {}", redact(&h)),
            ));
        } else {
            fact.related.push(Related::new(
                "host",
                location,
                format!("Host {}", self.source_text(el.0, el.1)),
            ));
        }
    }

    fn port_of(&self, fact: &mut Fact, el: (usize, usize)) -> Option<u16> {
        let location = self.location(el.0, el.1);
        fact.related.push(Related::new(
            "port",
            location,
            format!("Port {}", self.source_text(el.0, el.1)),
        ));
        match self.value(el) {
            Some(Value::Int(n)) => u16::try_from(n).ok(),
            Some(Value::Str(s)) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn smtp_client_usage(&self, c: &Creation, until: usize) -> Fact {
        let location = self.location(c.type_token, c.type_token + 1);
        let mut fact = self.usage_fact(Protocol::Smtp, location);
        let mut host = c.args.first().copied();
        let mut port = c.args.get(1).copied();
        let mut ssl = None;
        if let Some((key, _)) = &c.variable {
            let last = |prop: &str| {
                self.property_assignments(key, prop, c.at)
                    .into_iter()
                    .rev()
                    .find(|(i, _)| *i < until)
                    .map(|(_, op)| (op + 1, self.statement_end(op + 1)))
            };
            host = last("Host").or(host);
            port = last("Port").or(port);
            ssl = last("EnableSsl");
        }
        if let Some(h) = host {
            self.set_host(&mut fact, h);
        }
        fact.port = match port {
            Some(p) => self.port_of(&mut fact, p),
            None => Some(25),
        };
        fact.tls_mode = Some(match ssl {
            None => TlsMode::None,
            Some(el) => {
                fact.related.push(Related::new(
                    "tls_mode",
                    self.location(el.0, el.1),
                    format!(
                        "EnableSsl = {} (STARTTLS when true)",
                        self.source_text(el.0, el.1)
                    ),
                ));
                match self.value(el) {
                    Some(Value::Bool(true)) => TlsMode::Starttls,
                    Some(Value::Bool(false)) => TlsMode::None,
                    _ => TlsMode::Unknown,
                }
            }
        });
        fact
    }

    fn mailkit_usage(&self, c: &Creation, method: usize, args: &[(usize, usize)]) -> Fact {
        let location = self.location(method, method + 1);
        let mut fact = self.usage_fact(c.protocol, location);
        let create = self.location(c.type_token, c.type_token + 1);
        fact.related
            .push(Related::new("declaration", create, self.evidence(create)));
        if let Some(&h) = args.first() {
            self.set_host(&mut fact, h);
        }
        let port = match args.get(1) {
            Some(&p) => self.port_of(&mut fact, p),
            None => Some(0),
        };
        // SecureSocketOptions (or the bool `useSsl` overload).
        let option = match args.get(2) {
            None => Some("auto".to_owned()),
            Some(&(s, e)) => {
                fact.related.push(Related::new(
                    "tls_mode",
                    self.location(s, e),
                    self.source_text(s, e),
                ));
                self.secure_socket_option((s, e))
            }
        };
        let (implicit_port, plain_port) = match c.protocol {
            Protocol::Imap => (993, 143),
            Protocol::Pop3 => (995, 110),
            _ => (465, 25),
        };
        let (mode, port) = match (option.as_deref(), port) {
            (Some("sslonconnect"), Some(0)) => (TlsMode::Implicit, Some(implicit_port)),
            (Some("sslonconnect"), p) => (TlsMode::Implicit, p),
            (Some("auto"), Some(0)) => (TlsMode::Starttls, Some(plain_port)),
            (Some("auto"), Some(p)) if p == implicit_port => (TlsMode::Implicit, Some(p)),
            (Some("auto"), Some(p)) => (TlsMode::Starttls, Some(p)),
            (Some("starttls" | "starttlswhenavailable"), p) => (
                TlsMode::Starttls,
                p.map(|p| if p == 0 { plain_port } else { p }),
            ),
            (Some("none"), p) => (
                TlsMode::None,
                p.map(|p| if p == 0 { plain_port } else { p }),
            ),
            (_, p) => (TlsMode::Unknown, p.filter(|&p| p != 0)),
        };
        fact.tls_mode = Some(mode);
        fact.port = port;
        fact
    }

    /// `[MailKit.Security.SecureSocketOptions]::X`, `'X'`, `$true`/`$false`.
    fn secure_socket_option(&self, (s, e): (usize, usize)) -> Option<String> {
        let t = self.tok(s)?;
        if t.kind == Kind::Type && last_segment(&t.text) == "securesocketoptions" {
            if is_op(self.tok(s + 1), "::") && e == s + 3 {
                return self.tok(s + 2).map(|m| m.text.to_ascii_lowercase());
            }
            return match self.value((s + 1, e)) {
                Some(Value::Str(v)) => Some(v.to_ascii_lowercase()),
                _ => None,
            };
        }
        match self.value((s, e))? {
            Value::Bool(true) => Some("sslonconnect".to_owned()),
            Value::Bool(false) => Some("starttlswhenavailable".to_owned()),
            Value::Str(v) => Some(v.trim().to_ascii_lowercase()),
            Value::Int(_) => None,
        }
    }

    fn send_mail_usages(&self) -> Vec<(usize, Fact)> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            if !is_word(self.tok(i), "Send-MailMessage") {
                continue;
            }
            // A command name, not an argument or member name.
            if i > 0
                && matches!(self.tok(i - 1), Some(p) if p.kind == Kind::Param || is_op(Some(p), "."))
            {
                continue;
            }
            let end = self.statement_end(i + 1);
            let args = self.command_args(i + 1, end, SEND_MAIL_PARAMS);
            let location = self.location(i, i + 1);
            let mut fact = self.usage_fact(Protocol::Smtp, location);
            // Splatted hashtables first, then named and positional values.
            let mut server = None;
            let mut port = None;
            let mut ssl: Option<(Option<Span>, Span)> = None;
            for &sp in &args.splats {
                let Some(name) = self.tok(sp).map(|t| t.text.clone()) else {
                    continue;
                };
                for (key, el) in self.hashtable(&name, sp) {
                    match resolve_param(SEND_MAIL_PARAMS, &key).map(|(n, _)| n) {
                        Some("SmtpServer") => server = Some(el),
                        Some("Port") => port = Some(el),
                        Some("UseSsl") => ssl = Some((Some(el), el)),
                        _ => {}
                    }
                }
            }
            if let Some(a) = args.get("SmtpServer") {
                server = a.value.or(server);
            } else if let Some(&p) = args.positional.get(SMTP_SERVER_POSITION) {
                server = Some(p);
            }
            if let Some(a) = args.get("Port") {
                port = a.value.or(port);
            }
            if let Some(a) = args.get("UseSsl") {
                ssl = Some((a.value, (a.param, a.value.map_or(a.param + 1, |(_, e)| e))));
            }
            match server {
                Some(el) => self.set_host(&mut fact, el),
                None => {
                    // $PSEmailServer, the cmdlet's default.
                    if let Some(Value::Str(h)) = self.variable_value("PSEmailServer", i) {
                        let h = h.trim().to_ascii_lowercase();
                        if is_literal_host(&h) && !h.is_empty() {
                            fact.host = Some(h);
                        }
                    }
                }
            }
            fact.port = match port {
                Some(p) => self.port_of(&mut fact, p),
                None => Some(25),
            };
            fact.tls_mode = Some(match ssl {
                None => TlsMode::None,
                Some((value, (s, e))) => {
                    fact.related.push(Related::new(
                        "tls_mode",
                        self.location(s, e),
                        format!("{} (STARTTLS)", self.source_text(s, e)),
                    ));
                    match value.map(|v| self.value(v)) {
                        None | Some(Some(Value::Bool(true))) => TlsMode::Starttls,
                        Some(Some(Value::Bool(false))) => TlsMode::None,
                        Some(_) => TlsMode::Unknown,
                    }
                }
            });
            out.push((i, fact));
        }
        out
    }
}

/// `SMTP to smtp.office365.com:587` for a usage.
fn target(usage: &Fact) -> String {
    let protocol = match usage.protocol {
        Some(Protocol::Imap) => "IMAP",
        Some(Protocol::Pop3) => "POP3",
        Some(Protocol::Smtp) => "SMTP",
        _ => "mail",
    };
    let host = usage.host.as_deref().unwrap_or("an unknown host");
    match usage.port {
        Some(port) => format!("{protocol} to {host}:{port}"),
        None => format!("{protocol} to {host}"),
    }
}

/// Combines two flag values with a bitwise operator (or `+`).
fn combine(left: Flags, right: Flags, op: &str) -> Flags {
    match (left, right, op) {
        (Flags::Set(a), Flags::Set(b), "bor") => Flags::Set(a | b),
        (Flags::Set(a), Flags::Set(b), "+") if a & b == 0 => Flags::Set(a | b),
        (Flags::Set(a), Flags::Set(b), "band") => Flags::Set(a & b),
        (Flags::Set(a), Flags::Set(b), "bxor") => Flags::Set(a ^ b),
        (Flags::AddedTo(a), Flags::Set(b), "bor" | "+")
        | (Flags::Set(b), Flags::AddedTo(a), "bor" | "+") => Flags::AddedTo(a | b),
        _ => Flags::Unknown,
    }
}

/// An enum member's value (case-insensitive).
fn member(name: &str) -> Option<u32> {
    MEMBERS
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(name.trim()))
        .map(|(_, v)| *v)
}

/// `Enum.Parse` of a flags string: `Tls, Tls11`, or a number.
fn parse_names(text: &str) -> Option<u32> {
    let mut bits = 0;
    for part in text.split(',') {
        let p = part.trim();
        bits |= match parse_int(p) {
            Some(n) => u32::try_from(n).ok()?,
            None => member(p)?,
        };
    }
    Some(bits)
}

/// A PowerShell integer literal: decimal or `0x` hex.
fn parse_int(text: &str) -> Option<i64> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests;
