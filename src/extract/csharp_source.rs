//! C# source: .NET TLS protocol flags and the mail clients that use them.
//!
//! The file is read through the shared code lexer, so comments and string
//! contents are never settings.
//!
//! Facts:
//! - `tls_setting` (client `dotnet`, scope `process`, no binding) for
//!   `ServicePointManager.SecurityProtocol = ...` and `|= ...`: the
//!   `SecurityProtocolType` members (`Ssl3`, `Tls`, `Tls11`, `Tls12`,
//!   `Tls13`, `SystemDefault`) joined by `|`, or numbers (`(SecurityProtocolType)3072`).
//! - `tls_setting` (client `dotnet`, scope `call`) for `x.SslProtocols = ...`
//!   (MailKit `ImapClient`/`Pop3Client`/`SmtpClient`, bound to `x`) and
//!   `x.AuthenticateAsClient(host, certs, SslProtocols..., check)` (bound to
//!   `x`).
//! - `mail_usage`: MailKit `x.Connect(host, port, SecureSocketOptions.*)` or
//!   `Connect(host, port, bool useSsl)` (also `ConnectAsync`) on a variable created with
//!   `new ImapClient/Pop3Client/SmtpClient()` (client `mailkit`), and
//!   System.Net.Mail `new SmtpClient(host, port)` (client
//!   `system-net-mail`; `EnableSsl = true` on the variable is STARTTLS,
//!   no `EnableSsl` means no TLS). Properties set in an object initializer
//!   (`var c = new SmtpClient(h, 587) { EnableSsl = true }`) count as set on
//!   the variable.
//!
//! Decisions:
//! - `SmtpClient` is MailKit's when the file has a `using MailKit...`
//!   directive and no `using System.Net.Mail;`, else System.Net.Mail's;
//!   a fully qualified name decides by itself.
//! - `0` (`SystemDefault`, `SslProtocols.None`) lets the OS decide: the range
//!   is unknown. A value that is not a constant (a variable) is unknown too.
//! - `|=` adds versions to a process default the file does not state: only
//!   the cap (the highest added version) is known.
//! - Bindings are variable names; locals declared in a method are qualified
//!   by it (`Run::client`), fields are not. A client whose protocols the
//!   file does not set has no binding (it takes the runtime default).
//! - A `SslStream` over `new TcpClient(host, port)` to a mail port is a mail
//!   usage (client `dotnet-sslstream`); its `AuthenticateAsClient(Async)`
//!   protocols, positional or in `SslClientAuthenticationOptions
//!   .EnabledSslProtocols`, bind to it.
//! - MailKit `Connect(host)` / port 0 follows `ComputeDefaultValues`: the
//!   plain-text port with STARTTLS when offered, or the TLS port for
//!   `SslOnConnect`.
//! - A verbatim/raw string or block comment that never ends is an error.

mod scope;

use crate::extract::common::code_lexer::{spec, Assign, Call, Code, Kind};
use crate::extract::common::code_tls::{setting_facts, usage_fact, Effect, Item, Usage};
use crate::extract::common::mail_url::port_defaults;
use crate::extract::ExtractError;
use crate::facts::{Fact, Protocol, TlsMode};
use crate::source::SourceFile;
use scope::Locals;
use std::collections::HashMap;

/// Extracts `tls_setting` and `mail_usage` facts from C# source.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let code = Code::new(file.text, &spec::CSHARP);
    if let Some(off) = code.unterminated() {
        return Err(ExtractError::new(
            "unterminated string or block comment",
            Some(file.position(off).0),
        ));
    }
    let (mailkit, sysmail) = usings(&code);
    let calls = code.calls();
    let assigns = code.assignments();
    let locals = Locals::new(&code, &assigns);

    let mut process = Vec::new();
    let mut call_items = Vec::new();
    // Variables created as mail clients: name -> (client, protocol, creation call).
    let mut clients: HashMap<String, (&'static str, Protocol, usize)> = HashMap::new();
    // `new TcpClient(host, port)` variables and the `SslStream`s over them.
    let mut tcps: HashMap<String, usize> = HashMap::new();
    let mut streams: Vec<(String, String, usize)> = Vec::new();
    for a in &assigns {
        let names = target_names(&code, a);
        let last = names.last().map_or("", String::as_str);
        let op = code.text(a.op);
        if names.len() >= 2
            && last == "SecurityProtocol"
            && names[names.len() - 2] == "ServicePointManager"
        {
            let span = code.span(a.target.start, a.value.1).unwrap_or((0, 0));
            let value = code.slice(a.value.0, a.value.1).to_owned();
            let versions = flags(&code, a.value.0, a.value.1, "SecurityProtocolType");
            push_items(
                &mut process,
                "ServicePointManager.SecurityProtocol",
                "ServicePointManager.SecurityProtocol",
                &versions,
                op == "|=",
                span,
                &value,
            );
        } else if names.len() >= 2
            && (last == "SslProtocols" || last == "EnabledSslProtocols")
            && (op == "=" || op == "|=")
        {
            let binding =
                locals.resolve(&code, a.target.start, &names[..names.len() - 1].join("."));
            let span = code.span(a.target.start, a.value.1).unwrap_or((0, 0));
            let value = code.slice(a.value.0, a.value.1).to_owned();
            let versions = flags(&code, a.value.0, a.value.1, "SslProtocols");
            push_items(
                &mut call_items,
                &binding,
                "SslProtocols",
                &versions,
                op == "|=",
                span,
                &value,
            );
        }
        // `var client = new ImapClient(...)`.
        if op == "=" && a.target.receiver.is_none() {
            if let Some(c) = calls
                .iter()
                .find(|c| c.new && c.path.start == a.value.0 + 1)
            {
                let var = locals.resolve(&code, a.target.start, &names.join("."));
                let idx = calls.iter().position(|x| x == c).unwrap_or(0);
                match code.path_names(&c.path).last().copied() {
                    Some("TcpClient") => {
                        tcps.insert(var.clone(), idx);
                    }
                    Some("SslStream") => {
                        let inner = c
                            .args
                            .first()
                            .and_then(|arg| code.path_at(arg.value.0, arg.value.1))
                            .map(|p| code.path_names(&p));
                        if let Some([tcp, "GetStream"]) = inner.as_deref() {
                            let tcp = locals.resolve(&code, a.target.start, tcp);
                            streams.push((var.clone(), tcp, idx));
                        }
                    }
                    _ => {}
                }
                if let Some((client, proto)) = mail_class(&code, c, mailkit, sysmail) {
                    clients.insert(
                        var,
                        (
                            client,
                            proto,
                            calls.iter().position(|x| x == c).unwrap_or(0),
                        ),
                    );
                }
            }
        }
    }

    let mut usages = Vec::new();
    for c in &calls {
        if c.declaration {
            continue;
        }
        let names = code.path_names(&c.path);
        let Some((&method, recv)) = names.split_last() else {
            continue;
        };
        let recv = locals.resolve(&code, c.path.start, &recv.join("."));
        let authenticate = matches!(method, "AuthenticateAsClient" | "AuthenticateAsClientAsync");
        if authenticate && !recv.is_empty() {
            // `AuthenticateAsClient(options)`: the options' EnabledSslProtocols.
            let options = c
                .args
                .first()
                .filter(|_| c.args.len() <= 2)
                .and_then(|a| a.single())
                .and_then(|t| code.name(t))
                .map(|n| locals.resolve(&code, c.path.start, n));
            if let Some(opts) = options {
                let copies: Vec<Item> = call_items
                    .iter()
                    .filter(|it| it.binding == opts)
                    .map(|it| Item {
                        binding: recv.clone(),
                        ..it.clone()
                    })
                    .collect();
                call_items.extend(copies);
            }
            if let Some(arg) = c.args.get(2) {
                let span = code.span(arg.value.0, arg.value.1).unwrap_or((0, 0));
                let value = code.slice(arg.value.0, arg.value.1).to_owned();
                let versions = flags(&code, arg.value.0, arg.value.1, "SslProtocols");
                push_items(
                    &mut call_items,
                    &recv,
                    "AuthenticateAsClient",
                    &versions,
                    false,
                    span,
                    &value,
                );
            }
        }
        if method == "Connect" || method == "ConnectAsync" {
            if let Some(&(client, protocol, _)) = clients.get(&recv) {
                if client == "mailkit" {
                    usages.push(connect_usage(&code, c, client, protocol, &recv));
                }
            }
        }
    }
    // System.Net.Mail clients: usage at the creation.
    for (name, &(client, _, idx)) in &clients {
        if client != "system-net-mail" {
            continue;
        }
        let Some(c) = calls.get(idx) else { continue };
        let host = c
            .args
            .first()
            .and_then(|a| a.single())
            .and_then(|t| code.str_value(t));
        let port = c
            .args
            .get(1)
            .and_then(|a| a.single())
            .and_then(|t| number(&code, t));
        let ssl = assigns.iter().find(|a| {
            let n = target_names(&code, a);
            n.len() >= 2
                && n[n.len() - 1] == "EnableSsl"
                && locals.resolve(&code, a.target.start, &n[..n.len() - 1].join(".")) == *name
        });
        let tls_mode = match ssl {
            None => TlsMode::None,
            Some(a) if code.is_ident(a.value.0, "true") => TlsMode::Starttls,
            Some(a) if code.is_ident(a.value.0, "false") => TlsMode::None,
            Some(_) => TlsMode::Unknown,
        };
        usages.push(Usage {
            client,
            protocol: Protocol::Smtp,
            host: host.map(str::to_ascii_lowercase),
            port: port.or(Some(25)),
            tls_mode,
            binding: Some(name.clone()),
            span: code.span(c.path.start, c.close + 1).unwrap_or((0, 0)),
        });
    }
    // A raw `SslStream` over a `TcpClient` to a mail port.
    for (stream, tcp, idx) in &streams {
        let (Some(&tcp_idx), Some(c)) = (tcps.get(tcp), calls.get(*idx)) else {
            continue;
        };
        let Some(t) = calls.get(tcp_idx) else {
            continue;
        };
        let host = t
            .args
            .first()
            .and_then(|a| a.single())
            .and_then(|x| code.str_value(x));
        let Some(port) = t
            .args
            .get(1)
            .and_then(|a| a.single())
            .and_then(|x| number(&code, x))
        else {
            continue;
        };
        let Some((protocol, mode)) = port_defaults(port) else {
            continue;
        };
        usages.push(Usage {
            client: "dotnet-sslstream",
            protocol,
            host: host.map(str::to_ascii_lowercase),
            port: Some(port),
            // TLS on a plain-text port means the code sent STARTTLS first.
            tls_mode: if mode == TlsMode::Implicit {
                mode
            } else {
                TlsMode::Starttls
            },
            binding: Some(stream.clone()),
            span: code.span(c.path.start, c.close + 1).unwrap_or((0, 0)),
        });
    }
    usages.sort_by_key(|u| u.span);
    // A client whose protocols this file does not set uses the runtime's
    // default (the process-wide setting, judged on its own), not some other
    // context of the file: no binding. System.Net.Mail has no per-client
    // protocol property at all.
    for u in &mut usages {
        let own = u
            .binding
            .as_ref()
            .is_some_and(|b| call_items.iter().any(|it| &it.binding == b));
        if !own || u.client == "system-net-mail" {
            u.binding = None;
        }
    }

    let mut facts = Vec::new();
    for mut f in setting_facts(file, "dotnet", &process) {
        f.scope = Some("process".to_owned());
        f.binding = None;
        facts.push(f);
    }
    facts.extend(setting_facts(file, "dotnet", &call_items));
    for u in &usages {
        facts.push(usage_fact(file, u));
    }
    Ok(facts)
}

/// The target's names; a property set in an object initializer
/// (`var c = new SmtpClient(h, p) { EnableSsl = true }`) is prefixed with
/// the variable (`c.EnableSsl`).
fn target_names(code: &Code<'_>, a: &Assign) -> Vec<String> {
    let mut names: Vec<String> = code
        .path_names(&a.target)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if names.len() == 1 && a.target.receiver.is_none() {
        if let Some(var) = code
            .enclosing(a.target.start)
            .filter(|&b| code.is_punct(b, "{"))
            .and_then(|b| initialized_variable(code, b))
        {
            names.insert(0, var);
        }
    }
    names
}

/// For the `{` of `var = new X(...) {`: the variable.
fn initialized_variable(code: &Code<'_>, brace: usize) -> Option<String> {
    let mut j = brace.checked_sub(1)?;
    if code.is_punct(j, ")") {
        j = code.partner(j)?.checked_sub(1)?;
    }
    let class = code.path_back(j)?;
    let new = class.start.checked_sub(1)?;
    if !code.is_ident(new, "new") {
        return None;
    }
    let eq = new.checked_sub(1)?;
    if !code.is_punct(eq, "=") {
        return None;
    }
    let var = code.path_back(eq.checked_sub(1)?)?;
    Some(code.path_text(&var))
}

/// Whether the file imports MailKit and System.Net.Mail.
fn usings(code: &Code<'_>) -> (bool, bool) {
    let (mut mailkit, mut sysmail) = (false, false);
    for i in 0..code.len() {
        if code.is_ident(i, "using") && !code.is_punct(i + 1, "(") {
            if let Some(p) = code.path_at(i + 1, code.len()) {
                let t = code.path_text(&p);
                mailkit |= t.starts_with("MailKit");
                sysmail |= t == "System.Net.Mail";
            }
        }
    }
    (mailkit, sysmail)
}

/// The client and protocol of `new X(...)` when X is a mail client class.
fn mail_class(
    code: &Code<'_>,
    c: &Call,
    mailkit: bool,
    sysmail: bool,
) -> Option<(&'static str, Protocol)> {
    let full = code.path_text(&c.path);
    let names = code.path_names(&c.path);
    let last = *names.last()?;
    let protocol = match last {
        "ImapClient" => Protocol::Imap,
        "Pop3Client" => Protocol::Pop3,
        "SmtpClient" => Protocol::Smtp,
        _ => return None,
    };
    if full.starts_with("MailKit") {
        return Some(("mailkit", protocol));
    }
    if full.starts_with("System.Net.Mail") {
        return Some(("system-net-mail", protocol));
    }
    if last == "SmtpClient" && (sysmail || !mailkit) {
        return Some(("system-net-mail", protocol));
    }
    if names.len() > 1 && !full.starts_with("MailKit") {
        return None;
    }
    Some(("mailkit", protocol))
}

fn number(code: &Code<'_>, t: usize) -> Option<u16> {
    (code.kind(t) == Some(Kind::Number))
        .then(|| code.text(t).parse().ok())
        .flatten()
}

/// MailKit `Connect(host, port, options)`.
fn connect_usage(
    code: &Code<'_>,
    c: &Call,
    client: &'static str,
    protocol: Protocol,
    recv: &str,
) -> Usage {
    let host = c
        .args
        .first()
        .and_then(|a| a.single())
        .and_then(|t| code.str_value(t));
    let port = c
        .args
        .get(1)
        .and_then(|a| a.single())
        .and_then(|t| number(code, t));
    // MailKit `ComputeDefaultValues`: port 0 (or none) is the protocol's
    // plain-text port under `Auto`, its implicit-TLS port under `SslOnConnect`.
    let (plain, tls_port) = match protocol {
        Protocol::Imap => (143, 993),
        Protocol::Pop3 => (110, 995),
        _ => (25, 465),
    };
    let port = match (port, c.args.len()) {
        (Some(0), _) | (None, 1) => {
            let ssl = c
                .args
                .get(2)
                .and_then(|a| a.value.1.checked_sub(1))
                .and_then(|t| code.name(t))
                == Some("SslOnConnect");
            Some(if ssl { tls_port } else { plain })
        }
        (p, _) => p,
    };
    let implicit_port = matches!(port, Some(993 | 995 | 465));
    let tls_mode = match c.args.get(2) {
        None => {
            if port.is_none() {
                TlsMode::Unknown
            } else if implicit_port {
                TlsMode::Implicit
            } else {
                TlsMode::Starttls
            }
        }
        Some(a) => {
            let last = a.value.1.checked_sub(1).and_then(|t| code.name(t));
            match last {
                Some("SslOnConnect") | Some("true") => TlsMode::Implicit,
                Some("StartTls") | Some("StartTlsWhenAvailable") | Some("false") => {
                    TlsMode::Starttls
                }
                Some("None") => TlsMode::None,
                Some("Auto") if port.is_some() => {
                    if implicit_port {
                        TlsMode::Implicit
                    } else {
                        TlsMode::Starttls
                    }
                }
                _ => TlsMode::Unknown,
            }
        }
    };
    Usage {
        client,
        protocol,
        host: host.map(str::to_ascii_lowercase),
        port,
        tls_mode,
        binding: Some(recv.to_owned()),
        span: code.span(c.path.start, c.close + 1).unwrap_or((0, 0)),
    }
}

/// The versions a flags expression enables: `None` when a part is not a
/// constant, an empty list for 0 (the OS decides).
fn flags(code: &Code<'_>, s: usize, e: usize, enum_name: &str) -> Option<Vec<&'static str>> {
    let mut bits: u64 = 0;
    let mut i = s;
    while i < e {
        match code.kind(i) {
            Some(Kind::Number) => {
                let t = code.text(i).to_ascii_lowercase();
                let t = t.trim_end_matches(['u', 'l']);
                let v = match t.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16).ok()?,
                    None => t.parse().ok()?,
                };
                bits |= v;
            }
            Some(Kind::Ident) => {
                let name = code.name(i).unwrap_or("");
                if name == enum_name
                    || matches!(name, "System" | "Net" | "Security" | "Authentication")
                {
                    // part of a qualified member or a cast
                } else {
                    let v: u64 = match name {
                        "SystemDefault" | "None" => 0,
                        "Ssl2" => 12,
                        "Ssl3" => 48,
                        "Tls" => 192,
                        "Default" => 240,
                        "Tls11" => 768,
                        "Tls12" => 3072,
                        "Tls13" => 12288,
                        _ => return None,
                    };
                    bits |= v;
                }
            }
            Some(Kind::Punct) if matches!(code.text(i), "|" | "." | "(" | ")") => {}
            _ => return None,
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (mask, v) in [
        (48u64, "ssl3"),
        (192, "1.0"),
        (768, "1.1"),
        (3072, "1.2"),
        (12288, "1.3"),
    ] {
        if bits & mask != 0 {
            out.push(v);
        }
    }
    Some(out)
}

fn push_items(
    items: &mut Vec<Item>,
    binding: &str,
    name: &str,
    versions: &Option<Vec<&'static str>>,
    adds: bool,
    span: (usize, usize),
    value: &str,
) {
    let mut item = |effect| {
        items.push(Item {
            binding: binding.to_owned(),
            effect,
            name: name.to_owned(),
            value: value.to_owned(),
            span,
        })
    };
    match versions.as_deref() {
        Some([first, .., last]) if !adds => {
            item(Effect::Min(first));
            item(Effect::Max(last));
        }
        Some([one]) if !adds => item(Effect::Pin(one)),
        Some([.., last]) => item(Effect::Max(last)),
        _ => item(Effect::Declare),
    }
}

#[cfg(test)]
mod tests;
