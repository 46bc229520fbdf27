//! Windows registry exports (`.reg`, as regedit, `reg export` and GPO
//! tooling write them): the Schannel client protocol switches and the .NET
//! Framework strong-crypto / system-default-TLS switches.
//!
//! Syntax (regedit's import format): a header line `Windows Registry Editor
//! Version 5.00` (or `REGEDIT4`), then `[key]` lines (`[-key]` deletes the key
//! and everything below it) and value lines `"Name"=data` / `@=data`, where
//! data is `dword:0000000a`, `hex(4):..` (a DWORD written byte-wise), `hex:`/
//! `hex(N):` byte lists that continue over lines ending in `\`, a quoted
//! string, or `-` (delete the value). Lines starting with `;` are comments.
//! regedit writes UTF-16LE with a byte-order mark; the shared decoder turns it
//! into text. Root keys may be spelled out or abbreviated (`HKLM`).
//! Statements apply in file order; the last one for a value wins.
//!
//! **Schannel** (Microsoft "Transport Layer Security (TLS) registry settings",
//! `SCHANNEL\Protocols\<SSL 2.0|SSL 3.0|TLS 1.0|TLS 1.1|TLS 1.2|TLS 1.3>\Client`):
//! `Enabled` = 0 turns the protocol off for every client on the machine
//! (an app asking for it is refused); `DisabledByDefault` = 1 keeps it out of
//! the default set (only an app that asks for it explicitly gets it); a
//! non-zero `Enabled` or `DisabledByDefault` = 0 turns it on. `Server` keys do
//! not affect mail clients and are ignored. One `tls_setting` (client
//! `schannel`, scope `system`) per file describes the client protocols the
//! machine uses by default as far as the file decides them:
//! - only the file's statements count; a version the file does not mention
//!   keeps the Windows default, which depends on the Windows release (TLS
//!   1.0/1.1 on by default up to Windows 10, TLS 1.3 only from Windows 11 /
//!   Server 2022), so it is unknown; SSL 2.0/3.0 are off by default since
//!   Windows 10 1607 and count as off unless the file turns them on;
//! - `max`: TLS 1.3 when the file turns it on; TLS 1.2 when it turns 1.2 on
//!   and 1.3 off; when the file turns TLS 1.2 off (and 1.3 not on), the
//!   highest version below 1.2 it does not turn off. A TLS 1.3 the file does
//!   not mention is not counted there: Windows releases before Windows 11 /
//!   Server 2022 have no TLS 1.3 client, and the fact says so in a related
//!   note. Otherwise (TLS 1.2 not mentioned) `max` is unknown;
//! - `min`: the lowest version the file turns on when every version from TLS
//!   1.0 up to it is turned off by the file; the next version after a run of
//!   versions the file turns off (from TLS 1.0 up); else unknown.
//!
//! **.NET Framework** (dotnet docs `framework/network-programming/tls.md`,
//! and `ServicePointManager.Configuration.cs` of the reference source):
//! `HKLM\SOFTWARE\[Wow6432Node\]Microsoft\.NETFramework\v4.0.30319` (4.x) and
//! `\v2.0.50727` (3.5), DWORDs `SchUseStrongCrypto` and
//! `SystemDefaultTlsVersions`. The machine-wide value overrides the apps'
//! own defaults in both directions. Per key one `tls_setting` (client
//! `dotnet`, scope `system`):
//! - `SystemDefaultTlsVersions`=1: the OS picks the versions (range unknown);
//! - else `SchUseStrongCrypto`=0: apps that let .NET pick the versions (those
//!   targeting .NET Framework before 4.7, or any app once
//!   `SystemDefaultTlsVersions`=0) use SSL 3.0 + TLS 1.0: `ssl3`-`1.0`;
//! - else `SchUseStrongCrypto`=1 or `SystemDefaultTlsVersions`=0: .NET picks
//!   TLS 1.0-1.2 (strong crypto);
//! - other values: unknown.
//!
//! `AllowLegacyTLSClients` and endpoint host names are the endpoint scan's.

use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::rank;
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Related, Setting, TlsRange};
use crate::source::SourceFile;

/// Schannel client protocol subkeys and their fact version names, oldest first.
const SCHANNEL_PROTOCOLS: [(&str, &str); 6] = [
    ("SSL 2.0", "ssl2"),
    ("SSL 3.0", "ssl3"),
    ("TLS 1.0", "1.0"),
    ("TLS 1.1", "1.1"),
    ("TLS 1.2", "1.2"),
    ("TLS 1.3", "1.3"),
];

/// One value statement of the file, as it matters here.
#[derive(Debug, Clone, Copy)]
struct Statement<'a> {
    /// The DWORD written, or `None` for a deletion or a non-DWORD value.
    value: Option<u64>,
    /// The (first) line of the statement, and its data as written.
    line: &'a str,
    data: &'a str,
    /// The `[key]` line the statement sits under.
    key_line: &'a str,
}

/// `Enabled` / `DisabledByDefault` of one Schannel client protocol.
#[derive(Debug, Default, Clone)]
struct ClientProtocol<'a> {
    /// Normalised path of the key the statements were made in.
    key: String,
    enabled: Option<Statement<'a>>,
    disabled_by_default: Option<Statement<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    On,
    Off,
    Unknown,
}

impl<'a> ClientProtocol<'a> {
    fn state(&self) -> State {
        let enabled = self.enabled.and_then(|s| s.value);
        let dbd = self.disabled_by_default.and_then(|s| s.value);
        match (enabled, dbd) {
            (Some(0), _) => State::Off,
            (_, Some(d)) if d != 0 => State::Off,
            (Some(_), _) | (_, Some(0)) => State::On,
            _ => State::Unknown,
        }
    }

    /// The statement that decides the state, with its value name.
    fn decisive(&self) -> Option<(Statement<'a>, &'static str)> {
        let enabled = self
            .enabled
            .filter(|s| s.value.is_some())
            .map(|s| (s, "Enabled"));
        let dbd = self
            .disabled_by_default
            .filter(|s| s.value.is_some())
            .map(|s| (s, "DisabledByDefault"));
        match self.state() {
            State::Off if self.enabled.and_then(|s| s.value) == Some(0) => enabled,
            State::Off => dbd,
            _ => enabled.or(dbd),
        }
    }

    fn statements(&self) -> impl Iterator<Item = Statement<'a>> {
        self.enabled.into_iter().chain(self.disabled_by_default)
    }
}

/// The two .NET switches of one `.NETFramework\vX` key.
#[derive(Debug, Clone)]
struct DotnetKey<'a> {
    /// Normalised key path.
    key: String,
    strong_crypto: Option<Statement<'a>>,
    system_default: Option<Statement<'a>>,
}

/// What a `[key]` line addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    /// A Schannel client protocol subkey (index into `SCHANNEL_PROTOCOLS`).
    SchannelClient(usize),
    DotnetFramework,
    Other,
}

/// The current `[key]`: what it is, its normalised path and its line.
struct Key<'a> {
    kind: KeyKind,
    path: String,
    line: &'a str,
}

#[derive(Default)]
struct Registry<'a> {
    schannel: [ClientProtocol<'a>; 6],
    dotnet: Vec<DotnetKey<'a>>,
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let registry = parse(file)?;
    let mut facts = Vec::new();
    facts.extend(schannel_fact(file, &registry.schannel));
    facts.extend(registry.dotnet.iter().filter_map(|k| dotnet_fact(file, k)));
    Ok(facts)
}

/// A logical line: a value line and the lines continuing it (`\` at the
/// end) joined; `first` is the first physical line.
struct Logical<'a> {
    number: usize,
    first: &'a str,
    text: String,
}

fn logical_lines<'a>(file: &SourceFile<'a>) -> Vec<Logical<'a>> {
    let mut out: Vec<Logical> = Vec::new();
    let mut continuing = false;
    for (number, line) in file.lines() {
        let t = line.trim();
        if continuing {
            if let Some(last) = out.last_mut() {
                continuing = t.ends_with('\\');
                last.text.push_str(t.trim_end_matches('\\'));
                continue;
            }
        }
        // Only byte lists continue; a string value ends with its quote.
        let is_value = t.starts_with('"') || t.starts_with('@');
        continuing = is_value && t.ends_with('\\');
        out.push(Logical {
            number,
            first: line,
            text: if continuing {
                t.trim_end_matches('\\').to_owned()
            } else {
                t.to_owned()
            },
        });
    }
    out
}

fn is_header(line: &str) -> bool {
    line.eq_ignore_ascii_case("Windows Registry Editor Version 5.00")
        || line.eq_ignore_ascii_case("REGEDIT4")
}

fn parse<'a>(file: &SourceFile<'a>) -> Result<Registry<'a>, ExtractError> {
    let lines = logical_lines(file);
    let mut iter = lines.iter().filter(|l| !l.text.is_empty());
    let mut registry = Registry::default();
    match iter.next() {
        Some(l) if is_header(&l.text) => {}
        Some(l) => {
            return Err(ExtractError::new(
                "not a registry export: the first line must be `Windows Registry Editor Version 5.00` or `REGEDIT4`",
                Some(l.number),
            ))
        }
        None => return Ok(registry),
    }
    let mut current: Option<Key<'a>> = None;
    for l in iter {
        let t = l.text.as_str();
        if t.starts_with(';') {
            continue;
        }
        if let Some(rest) = t.strip_prefix('[') {
            let Some(close) = rest.rfind(']') else {
                return Err(ExtractError::new("key line without `]`", Some(l.number)));
            };
            let inner = &rest[..close];
            match inner.strip_prefix('-') {
                Some(path) => {
                    registry.delete_key(&normalize_key(path));
                    current = None;
                }
                None => {
                    let path = normalize_key(inner);
                    current = Some(Key {
                        kind: classify_key(&path),
                        path,
                        line: l.first.trim(),
                    });
                }
            }
            continue;
        }
        if t.starts_with('"') || t.starts_with('@') {
            let (name, data) = split_value(t)
                .ok_or_else(|| ExtractError::new("malformed value line", Some(l.number)))?;
            let Some(key) = &current else {
                continue;
            };
            let line = l.first.trim();
            let statement = Statement {
                value: dword(data),
                line,
                data: value_separator(line).map_or("", |i| line[i + 1..].trim()),
                key_line: key.line,
            };
            registry.set(key, &name, statement);
            continue;
        }
        return Err(ExtractError::new(
            "not a registry statement (expected `[key]`, `\"name\"=value`, `@=value` or a `;` comment)",
            Some(l.number),
        ));
    }
    Ok(registry)
}

/// Byte index of the `=` that ends the value name (`"Na\"me"=` or `@=`).
fn value_separator(t: &str) -> Option<usize> {
    if let Some(rest) = t.strip_prefix('@') {
        return rest
            .find('=')
            .filter(|&eq| rest[..eq].trim().is_empty())
            .map(|eq| eq + 1);
    }
    let bytes = t.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => {
                let rest = &t[i + 1..];
                let eq = rest.find('=')?;
                return rest[..eq].trim().is_empty().then_some(i + 1 + eq);
            }
            _ => i += 1,
        }
    }
    None
}

/// Splits `"Name"=data` into the unescaped name and the data text.
fn split_value(t: &str) -> Option<(String, &str)> {
    let sep = value_separator(t)?;
    let name_part = t[..sep].trim();
    let mut name = String::new();
    if name_part != "@" {
        let inner = name_part.strip_prefix('"')?.strip_suffix('"')?;
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                name.extend(chars.next());
            } else {
                name.push(c);
            }
        }
    }
    Some((name, t[sep + 1..].trim()))
}

/// The number a `dword:`, `hex(4):` (DWORD) or `hex(b):` (QWORD) value holds.
fn dword(data: &str) -> Option<u64> {
    let lower = data.trim().to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("dword:") {
        let digits: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
        if digits.is_empty() || digits.len() > 8 {
            return None;
        }
        return u64::from_str_radix(&digits, 16).ok();
    }
    let (bytes, width) = match lower.strip_prefix("hex(4):") {
        Some(b) => (b, 4),
        None => (lower.strip_prefix("hex(b):")?, 8),
    };
    let bytes: Vec<&str> = bytes
        .split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    if bytes.len() != width {
        return None;
    }
    let mut value: u64 = 0;
    for (i, b) in bytes.iter().enumerate() {
        let byte = u64::from_str_radix(b, 16).ok().filter(|v| *v <= 0xff)?;
        value |= byte << (8 * i);
    }
    Some(value)
}

/// A key path with the root spelled out, `\` separators, lower case.
fn normalize_key(path: &str) -> String {
    let p = path.trim().trim_matches('\\').to_ascii_lowercase();
    let (root, rest) = p.split_once('\\').unwrap_or((p.as_str(), ""));
    let root = match root {
        "hklm" => "hkey_local_machine",
        "hkcu" => "hkey_current_user",
        "hkcr" => "hkey_classes_root",
        "hku" => "hkey_users",
        other => other,
    };
    let rest: Vec<&str> = rest.split('\\').filter(|s| !s.is_empty()).collect();
    if rest.is_empty() {
        root.to_owned()
    } else {
        format!("{root}\\{}", rest.join("\\"))
    }
}

/// What follows `...\SCHANNEL\Protocols` in a key under the current or a
/// numbered control set (`ControlSet001` in offline-hive exports).
fn schannel_protocols_rest(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("hkey_local_machine\\system\\")?;
    let (set, rest) = rest.split_once('\\')?;
    let numbered = set
        .strip_prefix("controlset")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if set != "currentcontrolset" && !numbered {
        return None;
    }
    rest.strip_prefix("control\\securityproviders\\schannel\\protocols")
}

/// The .NET Framework keys whose TLS switches the runtime reads (4.x and
/// 3.5, native and 32-bit view).
const DOTNET_KEYS: [&str; 4] = [
    "hkey_local_machine\\software\\microsoft\\.netframework\\v4.0.30319",
    "hkey_local_machine\\software\\wow6432node\\microsoft\\.netframework\\v4.0.30319",
    "hkey_local_machine\\software\\microsoft\\.netframework\\v2.0.50727",
    "hkey_local_machine\\software\\wow6432node\\microsoft\\.netframework\\v2.0.50727",
];

fn classify_key(path: &str) -> KeyKind {
    if let Some(rest) = schannel_protocols_rest(path) {
        let parts: Vec<&str> = rest.split('\\').filter(|p| !p.is_empty()).collect();
        if let [protocol, "client"] = parts.as_slice() {
            if let Some(i) = SCHANNEL_PROTOCOLS
                .iter()
                .position(|(name, _)| name.eq_ignore_ascii_case(protocol))
            {
                return KeyKind::SchannelClient(i);
            }
        }
        return KeyKind::Other;
    }
    if DOTNET_KEYS.contains(&path) {
        return KeyKind::DotnetFramework;
    }
    KeyKind::Other
}

/// Whether `key` is `ancestor` or below it.
fn at_or_below(key: &str, ancestor: &str) -> bool {
    key == ancestor
        || key
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('\\'))
}

impl<'a> Registry<'a> {
    fn set(&mut self, key: &Key<'a>, name: &str, statement: Statement<'a>) {
        match key.kind {
            KeyKind::SchannelClient(i) => {
                let Some(p) = self.schannel.get_mut(i) else {
                    return;
                };
                if name.eq_ignore_ascii_case("Enabled") {
                    p.enabled = Some(statement);
                } else if name.eq_ignore_ascii_case("DisabledByDefault") {
                    p.disabled_by_default = Some(statement);
                } else {
                    return;
                }
                p.key.clone_from(&key.path);
            }
            KeyKind::DotnetFramework => {
                let strong = name.eq_ignore_ascii_case("SchUseStrongCrypto");
                if !strong && !name.eq_ignore_ascii_case("SystemDefaultTlsVersions") {
                    return;
                }
                let i = match self.dotnet.iter().position(|k| k.key == key.path) {
                    Some(i) => i,
                    None => {
                        self.dotnet.push(DotnetKey {
                            key: key.path.clone(),
                            strong_crypto: None,
                            system_default: None,
                        });
                        self.dotnet.len() - 1
                    }
                };
                if let Some(k) = self.dotnet.get_mut(i) {
                    if strong {
                        k.strong_crypto = Some(statement);
                    } else {
                        k.system_default = Some(statement);
                    }
                }
            }
            KeyKind::Other => {}
        }
    }

    /// `[-key]`: every value at or below `key` goes back to its default.
    fn delete_key(&mut self, key: &str) {
        for p in &mut self.schannel {
            if !p.key.is_empty() && at_or_below(&p.key, key) {
                *p = ClientProtocol::default();
            }
        }
        self.dotnet.retain(|k| !at_or_below(&k.key, key));
    }
}

fn index_of(version: &str) -> usize {
    rank(version).unwrap_or(0)
}

/// The client protocol range the file decides (see the module docs).
fn schannel_range(protocols: &[ClientProtocol; 6]) -> (Option<&'static str>, Option<&'static str>) {
    let state = |v: &str| {
        protocols
            .get(index_of(v))
            .map_or(State::Unknown, ClientProtocol::state)
    };
    // SSL 2.0/3.0 count as off unless the file turns them on.
    let off = |v: &str| match state(v) {
        State::Off => true,
        State::Unknown => matches!(v, "ssl2" | "ssl3"),
        State::On => false,
    };
    let max = if state("1.3") == State::On {
        Some("1.3")
    } else if state("1.2") == State::On {
        (state("1.3") == State::Off).then_some("1.2")
    } else if state("1.2") == State::Off {
        ["1.1", "1.0", "ssl3", "ssl2"].into_iter().find(|v| !off(v))
    } else {
        None
    };
    if let Some(v) = ["ssl2", "ssl3"].into_iter().find(|v| state(v) == State::On) {
        return (Some(v), max);
    }
    let mut passed_off = false;
    for v in ["1.0", "1.1", "1.2", "1.3"] {
        match state(v) {
            State::On => return (Some(v), max),
            State::Off => passed_off = true,
            State::Unknown => return (passed_off.then_some(v), max),
        }
    }
    (None, max)
}

fn schannel_fact(file: &SourceFile, protocols: &[ClientProtocol; 6]) -> Option<Fact> {
    if protocols.iter().all(|p| p.state() == State::Unknown) {
        return None;
    }
    let (min, max) = schannel_range(protocols);
    // Point at TLS 1.2's statement when the file has one (it is what caps or
    // opens the range), else at the one for `max`, then `min`, then any.
    let primary_index = [Some("1.2"), max, min]
        .into_iter()
        .flatten()
        .map(index_of)
        .chain(0..SCHANNEL_PROTOCOLS.len())
        .find(|&i| protocols.get(i).is_some_and(|p| p.decisive().is_some()))?;
    let (primary, value_name) = protocols.get(primary_index)?.decisive()?;
    let protocol_name = SCHANNEL_PROTOCOLS.get(primary_index)?.0;
    let location = file.location_of(primary.line);
    let mut fact = Fact::new(FactKind::TlsSetting, location, redact(primary.line));
    fact.client = Some("schannel".to_owned());
    fact.scope = Some("system".to_owned());
    fact.setting = Some(Setting {
        name: format!("SCHANNEL\\Protocols\\{protocol_name}\\Client\\{value_name}"),
        value: redact(primary.data),
    });
    fact.tls = Some(if min.is_none() && max.is_none() {
        TlsRange::unknown()
    } else {
        TlsRange::explicit(min, max)
    });
    fact.related.push(Related::new(
        "declaration",
        file.location_of(primary.key_line),
        redact(primary.key_line),
    ));
    for ((name, _), p) in SCHANNEL_PROTOCOLS.iter().zip(protocols) {
        for s in p.statements() {
            if !std::ptr::eq(s.line, primary.line) {
                fact.related.push(Related::new(
                    "version",
                    file.location_of(s.line),
                    format!("{name} client: {}", redact(s.line)),
                ));
            }
        }
    }
    let tls12 = protocols.get(index_of("1.2")).map(ClientProtocol::state);
    let tls13 = protocols.get(index_of("1.3")).map(ClientProtocol::state);
    if tls12 == Some(State::Off) && tls13 == Some(State::Unknown) {
        fact.related.push(Related::new(
            "version",
            location,
            "TLS 1.3 is not set in this file; Windows before Windows 11 / Server 2022 has no TLS 1.3 client, so with TLS 1.2 off only older versions remain",
        ));
    }
    Some(fact)
}

fn dotnet_fact(file: &SourceFile, key: &DotnetKey) -> Option<Fact> {
    let strong = key.strong_crypto.filter(|s| s.value.is_some());
    let system = key.system_default.filter(|s| s.value.is_some());
    let sv = strong.and_then(|s| s.value);
    let dv = system.and_then(|s| s.value);
    let (primary, range, note) = match (sv, dv) {
        (_, Some(1)) => (
            system?,
            TlsRange::unknown(),
            "the operating system picks the TLS versions",
        ),
        (Some(0), Some(0)) => (
            strong?,
            TlsRange::explicit(Some("ssl3"), Some("1.0")),
            "no strong crypto and .NET picks the versions: SSL 3.0 and TLS 1.0",
        ),
        (Some(0), _) => (
            strong?,
            TlsRange::explicit(Some("ssl3"), Some("1.0")),
            "no strong crypto: apps that let .NET pick the versions (those targeting .NET Framework before 4.7) use SSL 3.0 and TLS 1.0",
        ),
        (Some(1), _) | (None, Some(0)) => (
            strong.or(system)?,
            TlsRange::explicit(Some("1.0"), Some("1.2")),
            "strong crypto, .NET picks the versions: TLS 1.0 to 1.2",
        ),
        _ => (
            strong.or(system)?,
            TlsRange::unknown(),
            "a value .NET does not document",
        ),
    };
    let location = file.location_of(primary.line);
    let mut fact = Fact::new(FactKind::TlsSetting, location, redact(primary.line));
    fact.client = Some("dotnet".to_owned());
    fact.scope = Some("system".to_owned());
    let name = if std::ptr::eq(primary.line, strong.map_or("", |s| s.line)) {
        "SchUseStrongCrypto"
    } else {
        "SystemDefaultTlsVersions"
    };
    fact.setting = Some(Setting {
        name: name.to_owned(),
        value: redact(primary.data),
    });
    fact.tls = Some(range);
    fact.related.push(Related::new(
        "declaration",
        file.location_of(primary.key_line),
        format!("{}: {note}", redact(primary.key_line)),
    ));
    for s in [strong, system].into_iter().flatten() {
        if !std::ptr::eq(s.line, primary.line) {
            fact.related.push(Related::new(
                "version",
                file.location_of(s.line),
                redact(s.line),
            ));
        }
    }
    Some(fact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    const HEADER: &str = "Windows Registry Editor Version 5.00\r\n\r\n";
    const PROTOCOLS: &str =
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols";

    fn run(body: &str) -> Vec<Fact> {
        let text = format!("{HEADER}{body}");
        let file = SourceFile::new("gpo.reg", &text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn client(protocol: &str, values: &str) -> String {
        format!("[{PROTOCOLS}\\{protocol}\\Client]\r\n{values}\r\n\r\n")
    }

    fn range(f: &Fact) -> (Option<&str>, Option<&str>, Basis) {
        let t = f.tls.as_ref().unwrap_or_else(|| panic!("no range"));
        (t.min.as_deref(), t.max.as_deref(), t.basis)
    }

    #[test]
    fn tls12_client_off_caps_at_tls11() {
        let body = client(
            "TLS 1.2",
            "\"DisabledByDefault\"=dword:00000001\r\n\"Enabled\"=dword:00000000",
        );
        let facts = run(&body);
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!(range(f), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(f.client.as_deref(), Some("schannel"));
        assert_eq!(f.scope.as_deref(), Some("system"));
        assert_eq!(f.location.line, 5);
        assert_eq!(f.evidence, "\"Enabled\"=dword:00000000");
        let setting = f.setting.as_ref().unwrap_or_else(|| panic!("setting"));
        assert_eq!(
            setting.name,
            "SCHANNEL\\Protocols\\TLS 1.2\\Client\\Enabled"
        );
        assert_eq!(setting.value, "dword:00000000");
        assert!(f
            .related
            .iter()
            .any(|r| r.message.contains("TLS 1.3 is not set")));
    }

    #[test]
    fn tls12_off_with_tls11_off_too_caps_at_tls10() {
        let body = format!(
            "{}{}",
            client("TLS 1.1", "\"Enabled\"=dword:00000000"),
            client("TLS 1.2", "\"Enabled\"=dword:00000000")
        );
        let facts = run(&body);
        assert_eq!(range(&facts[0]), (None, Some("1.0"), Basis::Explicit));
    }

    #[test]
    fn disabled_by_default_alone_takes_the_version_out_of_the_default_set() {
        let facts = run(&client("TLS 1.2", "\"DisabledByDefault\"=dword:00000001"));
        assert_eq!(range(&facts[0]), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(
            facts[0].setting.as_ref().map(|s| s.name.as_str()),
            Some("SCHANNEL\\Protocols\\TLS 1.2\\Client\\DisabledByDefault")
        );
    }

    #[test]
    fn hardening_file_enabling_only_12_and_13() {
        let body = [
            client(
                "SSL 3.0",
                "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001",
            ),
            client(
                "TLS 1.0",
                "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001",
            ),
            client(
                "TLS 1.1",
                "\"Enabled\"=dword:00000000\r\n\"DisabledByDefault\"=dword:00000001",
            ),
            client(
                "TLS 1.2",
                "\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000",
            ),
            client(
                "TLS 1.3",
                "\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000",
            ),
        ]
        .concat();
        let facts = run(&body);
        assert_eq!(facts.len(), 1);
        assert_eq!(
            range(&facts[0]),
            (Some("1.2"), Some("1.3"), Basis::Explicit)
        );
    }

    #[test]
    fn legacy_versions_turned_on_give_a_minimum_only() {
        let body = format!(
            "{}{}",
            client("TLS 1.0", "\"Enabled\"=dword:00000001"),
            client("TLS 1.1", "\"Enabled\"=dword:ffffffff")
        );
        let facts = run(&body);
        assert_eq!(range(&facts[0]), (Some("1.0"), None, Basis::Explicit));
    }

    #[test]
    fn only_old_versions_off_gives_minimum_12() {
        let body = format!(
            "{}{}",
            client("TLS 1.0", "\"Enabled\"=dword:00000000"),
            client("TLS 1.1", "\"Enabled\"=dword:00000000")
        );
        assert_eq!(range(&run(&body)[0]), (Some("1.2"), None, Basis::Explicit));
    }

    #[test]
    fn server_keys_and_other_settings_are_ignored() {
        let body = format!(
            "[{PROTOCOLS}\\TLS 1.2\\Server]\r\n\"Enabled\"=dword:00000000\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\r\n\"Enabled\"=dword:00000000\r\n"
        );
        assert!(run(&body).is_empty());
    }

    #[test]
    fn deletions_reset_values_and_keys() {
        let body = format!(
            "{}[{PROTOCOLS}\\TLS 1.2\\Client]\r\n\"Enabled\"=-\r\n",
            client("TLS 1.2", "\"Enabled\"=dword:00000000")
        );
        assert!(run(&body).is_empty());
        let body = format!(
            "{}[-{PROTOCOLS}\\TLS 1.2]\r\n",
            client("TLS 1.2", "\"Enabled\"=dword:00000000")
        );
        assert!(run(&body).is_empty());
    }

    #[test]
    fn abbreviated_roots_numbered_control_sets_and_case() {
        let body = "[hklm\\system\\ControlSet001\\control\\securityproviders\\schannel\\protocols\\tls 1.2\\client]\r\n\"enabled\"=DWORD:00000000\r\n";
        assert_eq!(range(&run(body)[0]), (None, Some("1.1"), Basis::Explicit));
    }

    #[test]
    fn hex4_dwords_and_continuations() {
        let body = format!(
            "[{PROTOCOLS}\\TLS 1.2\\Client]\r\n\"Comment\"=hex(2):25,00,53,00,\\\r\n  59,00,00,00\r\n\"Enabled\"=hex(4):00,00,00,00\r\n"
        );
        let facts = run(&body);
        assert_eq!(range(&facts[0]), (None, Some("1.1"), Basis::Explicit));
        assert_eq!(facts[0].location.line, 6);
    }

    #[test]
    fn dotnet_keys() {
        let key = "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\r\n";
        let wow =
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319]\r\n";
        let facts = run(&format!("{key}\"SchUseStrongCrypto\"=dword:00000000\r\n"));
        assert_eq!(facts.len(), 1);
        assert_eq!(
            range(&facts[0]),
            (Some("ssl3"), Some("1.0"), Basis::Explicit)
        );
        assert_eq!(facts[0].client.as_deref(), Some("dotnet"));
        let facts = run(&format!(
            "{key}\"SystemDefaultTlsVersions\"=dword:00000001\r\n\"SchUseStrongCrypto\"=dword:00000000\r\n"
        ));
        assert_eq!(range(&facts[0]), (None, None, Basis::Unknown));
        assert_eq!(facts[0].location.line, 4);
        let facts = run(&format!(
            "{key}\"SchUseStrongCrypto\"=dword:00000001\r\n\r\n{wow}\"SchUseStrongCrypto\"=dword:00000001\r\n"
        ));
        assert_eq!(facts.len(), 2);
        assert_eq!(
            range(&facts[1]),
            (Some("1.0"), Some("1.2"), Basis::Explicit)
        );
        let facts = run(&format!("{key}\"SchUseStrongCrypto\"=dword:00000002\r\n"));
        assert_eq!(range(&facts[0]), (None, None, Basis::Unknown));
        // HKCU is not read by .NET.
        let facts = run("[HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319]\r\n\"SchUseStrongCrypto\"=dword:00000000\r\n");
        assert!(facts.is_empty());
    }

    #[test]
    fn regedit4_header_comments_and_escaped_names() {
        let text = format!("REGEDIT4\n; TLS 1.2 off\n[{PROTOCOLS}\\TLS 1.2\\Client]\n\"Ena\\\"bled\"=dword:00000000\n\"Enabled\"=dword:00000000 ; off\n");
        let file = SourceFile::new("x.reg", &text);
        let facts = extract(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].location.line, 5);
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        for (text, line) in [
            ("[HKEY_LOCAL_MACHINE\\X]\n", 1),
            ("REGEDIT4\n[HKEY_LOCAL_MACHINE\\X\n", 2),
            ("REGEDIT4\n[HKLM\\X]\n\"Enabled=dword:0\n", 3),
            ("REGEDIT4\n[HKLM\\X]\nEnabled=dword:0\n", 3),
        ] {
            let file = SourceFile::new("x.reg", text);
            let err = extract(&file).err().unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(err.line, Some(line), "{text:?}");
        }
        for garbage in [
            "",
            "REGEDIT4\n\"\\",
            "REGEDIT4\n[\u{0}]\n@=\\\n",
            "REGEDIT4\n\"a\"=hex(4):zz,\u{fffd}\n",
        ] {
            let file = SourceFile::new("x.reg", garbage);
            let _ = extract(&file);
        }
    }
}
