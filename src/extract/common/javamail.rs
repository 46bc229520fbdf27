//! JavaMail / Jakarta Mail / Angus Mail session properties and Spring Boot's
//! `spring.mail.*`, turned into `connection` facts.
//!
//! The same keys arrive from `.properties` files, Spring `application.yml`
//! and `-D` JVM options; each extractor flattens its syntax into [`Prop`]s
//! and this module applies the one set of semantics. Sources: Angus Mail
//! `providers/{imap,pop3,smtp}/.../package-info.java`, `IMAPStore`,
//! `POP3Store`, `SMTPTransport` and `core/.../SocketFetcher.java`; Spring
//! Boot `MailProperties` and `MailSenderPropertiesConfiguration`.
//!
//! - `mail.<p>.*` with `p` one of `imap`, `imaps`, `pop3`, `pop3s`, `smtp`,
//!   `smtps` configures provider `p`. The `…s` providers always use SSL
//!   (implicit TLS). The others use SSL when `mail.<p>.ssl.enable` is true
//!   (or the socket factory is an SSL one), STARTTLS when
//!   `mail.<p>.starttls.enable`/`.required` is true, and no TLS otherwise.
//! - Ports default to 143/993, 110/995, 25/465 (plain/SSL);
//!   `mail.<p>.socketFactory.port` overrides the port when a factory is set.
//! - The host is `mail.<p>.host`, else `mail.host`.
//! - `mail.<p>.ssl.protocols` is a whitespace-separated list handed to
//!   `SSLSocket.setEnabledProtocols`, for SSL and STARTTLS sockets alike;
//!   unset, the JVM's defaults apply (unknown here).
//! - `mail.store.protocol` / `mail.transport.protocol` pick the provider;
//!   with `mail.host` alone they make a connection of that provider.
//! - Spring's sender (`spring.mail.host`, `.port`, `.protocol` default
//!   `smtp`, `.ssl.enabled`) uses the session properties under
//!   `spring.mail.properties.` for its own protocol; other providers'
//!   properties there are plain JavaMail settings.
//!
//! Keys are compared ASCII case-insensitively (Spring's relaxed binding).

use crate::extract::common::{mail_url, redact::redact, tls_version};
use crate::facts::{Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use std::collections::HashMap;

/// One setting as a file writes it, flattened to a dotted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    /// Dotted key (`spring.mail.properties.mail.smtp.ssl.protocols`).
    pub key: String,
    /// The value as the program reads it (escapes resolved, unquoted).
    pub value: String,
    /// Where the value is written (the key when the value is empty).
    pub location: Location,
    /// The line (trimmed, redacted) that holds the setting.
    pub evidence: String,
    /// Which document of a multi-document file the setting is in.
    pub document: usize,
}

/// The providers JavaMail ships.
const PROVIDERS: [&str; 6] = ["imaps", "imap", "pop3s", "pop3", "smtps", "smtp"];

/// Settings under `mail.<p>.` that make the provider a configured connection.
const CONNECTION_KEYS: [&str; 8] = [
    "host",
    "port",
    "ssl.enable",
    "starttls.enable",
    "starttls.required",
    "ssl.protocols",
    "socketfactory.class",
    "ssl.socketfactory.class",
];

const SPRING: &str = "spring.mail.";
const SPRING_PROPERTIES: &str = "spring.mail.properties.";

/// How a file's documents combine: Spring loads the documents without an
/// activation condition and lays each profile document over them.
pub fn facts_for_documents(props: &[Prop], unstated: TlsMode) -> Vec<Fact> {
    let mut documents: Vec<usize> = props.iter().map(|p| p.document).collect();
    documents.sort_unstable();
    documents.dedup();
    let conditional: Vec<usize> = documents
        .iter()
        .copied()
        .filter(|&d| {
            props
                .iter()
                .any(|p| p.document == d && is_activation(&p.key))
        })
        .collect();
    let base: Vec<Prop> = props
        .iter()
        .filter(|p| !conditional.contains(&p.document))
        .cloned()
        .collect();
    let mut facts = facts(&base, unstated, None);
    for &d in &conditional {
        let mut merged = base.clone();
        merged.extend(props.iter().filter(|p| p.document == d).cloned());
        for fact in self::facts(&merged, unstated, Some(d)) {
            // A profile that changes only, say, the host repeats the base
            // document's version setting: report that line once.
            let repeated = facts.iter().any(|f| {
                f.location == fact.location
                    && f.client == fact.client
                    && f.protocol == fact.protocol
                    && f.tls_mode == fact.tls_mode
                    && f.tls == fact.tls
            });
            if !repeated {
                facts.push(fact);
            }
        }
    }
    facts
}

/// Spring's bracket notation for map keys that hold dots:
/// `spring.mail.properties[mail.smtp.auth]` and the YAML key
/// `"[mail.smtp.auth]"` both mean `spring.mail.properties.mail.smtp.auth`.
/// List indexes (`[0]`) stay as they are.
pub fn normalize_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut rest = key;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = after[..close].trim_matches(|c| c == '"' || c == '\'');
        if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(inner);
            out.push(']');
        } else {
            if !out.is_empty() && !out.ends_with('.') {
                out.push('.');
            }
            out.push_str(inner);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a key makes its document conditional (a profile document).
fn is_activation(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("spring.config.activate.")
        || k == "spring.profiles"
        || k.starts_with("spring.profiles[")
}

/// The connections `props` configure. `unstated` is the TLS mode of a
/// plain provider (`imap`, `pop3`, `smtp`) whose settings say neither SSL
/// nor STARTTLS: `None` (JavaMail's default) where the settings are the
/// whole session configuration, `Unknown` where they are a partial view
/// (JVM options the program merges with its own). With `focus`, only
/// connections that use a setting of that document are returned.
pub fn facts(props: &[Prop], unstated: TlsMode, focus: Option<usize>) -> Vec<Fact> {
    let mut out = Vec::new();
    let namespaces = namespaces(props);
    let sender_protocol = spring_sender_protocol(props);
    let empty = PropMap { props: Vec::new() };
    let spring_map = namespaces
        .iter()
        .find(|(ns, _)| ns == SPRING_PROPERTIES)
        .map_or(&empty, |(_, map)| map);
    for (namespace, map) in &namespaces {
        // Outside the documented namespaces, the program decides what the
        // properties mean: an unstated mode is unknown.
        let documented = namespace.is_empty() || namespace.eq_ignore_ascii_case(SPRING_PROPERTIES);
        let unstated = if documented {
            unstated
        } else {
            TlsMode::Unknown
        };
        let sender = namespace
            .eq_ignore_ascii_case(SPRING_PROPERTIES)
            .then(|| sender_protocol.clone());
        for provider in PROVIDERS {
            if sender.as_ref().is_some_and(|s| s.name == provider) {
                continue;
            }
            if let Some(c) = javamail_connection(map, provider, unstated) {
                if focus.is_none_or(|d| c.uses.iter().any(|p| p.document == d)) {
                    out.push(c.into_fact("javamail"));
                }
            }
        }
    }
    if let Some(c) = spring_sender(props, spring_map, &sender_protocol, unstated) {
        if focus.is_none_or(|d| c.uses.iter().any(|p| p.document == d)) {
            out.push(c.into_fact("spring-mail"));
        }
    }
    out
}

/// The settings grouped by the key prefix under which their JavaMail keys
/// appear: `""` for plain session files, `spring.mail.properties.`, or any
/// other map prefix a program passes to JavaMail (`javamail.properties.`).
/// One pass, so that many prefixes (alias replays) stay linear.
fn namespaces(props: &[Prop]) -> Vec<(String, PropMap<'_>)> {
    let mut out: Vec<(String, PropMap<'_>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in props {
        let Some(at) = javamail_key_start(&p.key) else {
            continue;
        };
        let lower = p.key.to_ascii_lowercase();
        let ns = &lower[..at];
        // Spring's own keys (`spring.mail.host`) are not session properties.
        if ns == "spring." {
            continue;
        }
        let rest = lower[at..]
            .strip_prefix("mail.")
            .unwrap_or_default()
            .to_owned();
        let i = *index.entry(ns.to_owned()).or_insert_with(|| {
            out.push((ns.to_owned(), PropMap { props: Vec::new() }));
            out.len() - 1
        });
        if let Some((_, map)) = out.get_mut(i) {
            map.props.push((p, rest));
        }
    }
    out
}

/// Byte offset where `mail.<provider>.` starts in `key`, at a segment
/// boundary (`x.mail.imaps.host` -> 2).
fn javamail_key_start(key: &str) -> Option<usize> {
    let lower = key.to_ascii_lowercase();
    let mut start = 0;
    loop {
        let rest = lower.get(start..)?;
        if let Some(after) = rest.strip_prefix("mail.") {
            let general = ["host", "store.protocol", "transport.protocol"];
            if PROVIDERS
                .iter()
                .any(|p| after.starts_with(&format!("{p}.")))
                || general.contains(&after)
            {
                return Some(start);
            }
        }
        start += rest.find('.')? + 1;
    }
}

/// Settings of one namespace, looked up by key with the later one winning.
struct PropMap<'p> {
    props: Vec<(&'p Prop, String)>,
}

impl<'p> PropMap<'p> {
    /// The last setting of `mail.<suffix>` (suffix lower-case).
    fn get(&self, suffix: &str) -> Option<&'p Prop> {
        self.props
            .iter()
            .rev()
            .find(|(_, k)| k == suffix)
            .map(|(p, _)| *p)
    }
}

/// A connection being assembled, with the settings it used.
struct Conn<'p> {
    protocol: Protocol,
    host: Option<String>,
    port: Option<u16>,
    mode: TlsMode,
    tls: TlsRange,
    /// Where the fact points: the version setting or the declaration.
    primary: &'p Prop,
    related: Vec<Related>,
    uses: Vec<&'p Prop>,
}

impl Conn<'_> {
    fn into_fact(self, client: &str) -> Fact {
        let mut fact = Fact::new(
            FactKind::Connection,
            self.primary.location,
            self.primary.evidence.clone(),
        );
        fact.client = Some(client.to_owned());
        fact.protocol = Some(self.protocol);
        fact.host = self.host;
        fact.port = self.port;
        fact.tls_mode = Some(self.mode);
        fact.tls = Some(self.tls);
        fact.related = self.related;
        fact
    }
}

/// What a provider's TLS settings say, before defaults.
struct TlsSettings<'p> {
    mode: TlsMode,
    mode_prop: Option<&'p Prop>,
    /// Port forced by a socket factory setting.
    factory_port: Option<&'p Prop>,
}

/// Parses a JavaMail boolean (`PropUtil`: "true" ignoring case is true,
/// anything else false); a placeholder (`${X}`) is unknown.
fn boolean(prop: &Prop) -> Option<bool> {
    let v = prop.value.trim();
    if is_placeholder(v) {
        None
    } else {
        Some(v.eq_ignore_ascii_case("true"))
    }
}

fn is_placeholder(v: &str) -> bool {
    v.contains("${") || v.contains("#{") || v.contains("{{")
}

/// The TLS mode of provider `name` from its settings (`get` looks up
/// `mail.<name>.<suffix>`).
fn tls_settings<'p>(
    name: &str,
    get: &dyn Fn(&str) -> Option<&'p Prop>,
    extra_ssl: Option<&'p Prop>,
    unstated: TlsMode,
) -> TlsSettings<'p> {
    let implicit_provider = name.ends_with('s');
    let ssl = get("ssl.enable");
    let factory = get("socketfactory.class").filter(|p| !p.value.trim().is_empty());
    let ssl_factory = get("ssl.socketfactory.class").filter(|p| !p.value.trim().is_empty());
    let starttls = [get("starttls.enable"), get("starttls.required")];
    let factory_is_ssl = factory.map(|p| {
        let v = p.value.trim();
        if is_placeholder(v) {
            None
        } else {
            Some(v.to_ascii_lowercase().contains("ssl"))
        }
    });
    let mut result = TlsSettings {
        mode: unstated,
        mode_prop: None,
        factory_port: None,
    };
    if implicit_provider {
        result.mode = TlsMode::Implicit;
        result.mode_prop = ssl;
    } else if let Some(p) = extra_ssl {
        result.mode = TlsMode::Implicit;
        result.mode_prop = Some(p);
    } else if let Some(p) = ssl.filter(|p| boolean(p) != Some(false)) {
        result.mode = if boolean(p) == Some(true) {
            TlsMode::Implicit
        } else {
            TlsMode::Unknown
        };
        result.mode_prop = Some(p);
    } else if let (Some(p), Some(is_ssl)) = (factory, factory_is_ssl) {
        result.mode = match is_ssl {
            Some(true) => TlsMode::Implicit,
            // A custom factory may wrap the socket in anything.
            _ => TlsMode::Unknown,
        };
        result.mode_prop = Some(p);
    } else if let Some(p) = starttls
        .iter()
        .flatten()
        .copied()
        .find(|p| boolean(p) != Some(false))
    {
        result.mode = if boolean(p) == Some(true) {
            TlsMode::Starttls
        } else {
            TlsMode::Unknown
        };
        result.mode_prop = Some(p);
    } else if let Some(p) = ssl.or(starttls[0]).or(starttls[1]) {
        // Written, and false: the documented default holds, no TLS.
        result.mode = TlsMode::None;
        result.mode_prop = Some(p);
    }
    result.factory_port = match (result.mode, ssl_factory, factory) {
        (TlsMode::Implicit, Some(_), _) => get("ssl.socketfactory.port"),
        (_, _, Some(_)) => get("socketfactory.port"),
        _ => None,
    };
    result
}

/// The protocol of a provider name.
fn protocol_of(name: &str) -> Protocol {
    match name.trim_end_matches('s') {
        "imap" => Protocol::Imap,
        "pop3" => Protocol::Pop3,
        "smtp" => Protocol::Smtp,
        _ => Protocol::Unknown,
    }
}

/// The documented default port of a provider.
fn default_port(protocol: Protocol, mode: TlsMode) -> Option<u16> {
    let ssl = match mode {
        TlsMode::Implicit => true,
        TlsMode::Starttls | TlsMode::None => false,
        TlsMode::Unknown => return None,
    };
    Some(match (protocol, ssl) {
        (Protocol::Imap, false) => 143,
        (Protocol::Imap, true) => 993,
        (Protocol::Pop3, false) => 110,
        (Protocol::Pop3, true) => 995,
        (Protocol::Smtp, false) => 25,
        (Protocol::Smtp, true) => 465,
        (Protocol::Unknown, _) => return None,
    })
}

/// The range of an `ssl.protocols` list: explicit when every name is a
/// TLS/SSL version, unknown otherwise (placeholders, typos).
pub fn protocols_range(value: &str, separators: &[char]) -> TlsRange {
    let mut set = tls_version::VersionSet::empty();
    for token in value
        .split(|c: char| c.is_whitespace() || separators.contains(&c))
        .filter(|t| !t.is_empty())
    {
        // SSLv2Hello is a hello format, not a protocol version.
        if token.eq_ignore_ascii_case("SSLv2Hello") {
            continue;
        }
        match tls_version::normalize(token) {
            Some(v) => set.set(v, true),
            None => return TlsRange::unknown(),
        }
    }
    match set.bounds() {
        Some((lo, hi)) => TlsRange::explicit(Some(lo), Some(hi)),
        None => TlsRange::unknown(),
    }
}

fn literal_host(value: &str) -> Option<String> {
    let h = value.trim().trim_end_matches('.');
    (!h.is_empty() && !is_placeholder(h) && mail_url::is_literal_host(h))
        .then(|| h.to_ascii_lowercase())
}

fn literal_port(value: &str) -> Option<u16> {
    value.trim().parse().ok()
}

fn host_related(p: &Prop) -> Related {
    Related::new(
        "host",
        p.location,
        format!("Host {}", redact(p.value.trim())),
    )
}

/// A connection of provider `name` from a plain JavaMail namespace.
fn javamail_connection<'p>(map: &PropMap<'p>, name: &str, unstated: TlsMode) -> Option<Conn<'p>> {
    let get = |suffix: &str| map.get(&format!("{name}.{suffix}"));
    let selector = ["store.protocol", "transport.protocol"]
        .iter()
        .filter_map(|k| map.get(k))
        .find(|p| p.value.trim().eq_ignore_ascii_case(name));
    let general_host = map.get("host");
    let configured: Vec<&Prop> = CONNECTION_KEYS.iter().filter_map(|k| get(k)).collect();
    if configured.is_empty() && (selector.is_none() || general_host.is_none()) {
        return None;
    }
    let protocol = protocol_of(name);
    let host_prop = get("host").or(general_host);
    let settings = tls_settings(name, &get, None, unstated);
    let port_prop = settings.factory_port.or(get("port"));
    let port = match port_prop {
        Some(p) => literal_port(&p.value),
        None => default_port(protocol, settings.mode),
    };
    let version = get("ssl.protocols");
    let mut uses: Vec<&Prop> = configured.clone();
    uses.extend(host_prop);
    uses.extend(selector);
    let declaration = host_prop
        .or_else(|| {
            uses.iter()
                .min_by_key(|p| (p.document, p.location))
                .copied()
        })
        .or(selector)?;
    Some(assemble(
        protocol,
        host_prop,
        port_prop,
        port,
        &settings,
        version,
        declaration,
        selector,
        uses,
    ))
}

#[allow(clippy::too_many_arguments)]
fn assemble<'p>(
    protocol: Protocol,
    host_prop: Option<&'p Prop>,
    port_prop: Option<&'p Prop>,
    port: Option<u16>,
    settings: &TlsSettings<'p>,
    version: Option<&'p Prop>,
    declaration: &'p Prop,
    selector: Option<&'p Prop>,
    uses: Vec<&'p Prop>,
) -> Conn<'p> {
    // Without TLS the version list is never used.
    let version = version.filter(|_| settings.mode != TlsMode::None);
    let tls = version.map_or_else(TlsRange::unknown, |p| protocols_range(&p.value, &[]));
    let mut related = Vec::new();
    if let Some(p) = host_prop {
        related.push(host_related(p));
    }
    if let Some(p) = port_prop {
        related.push(Related::new("port", p.location, p.evidence.clone()));
    }
    if let Some(p) = settings.mode_prop {
        related.push(Related::new("tls_mode", p.location, p.evidence.clone()));
    }
    if let Some(p) = version {
        related.push(Related::new("version", p.location, p.evidence.clone()));
    }
    for p in [Some(declaration), selector].into_iter().flatten() {
        if !related
            .iter()
            .any(|r| r.line == p.location.line && r.column == p.location.column)
        {
            related.push(Related::new("declaration", p.location, p.evidence.clone()));
        }
    }
    Conn {
        protocol,
        host: host_prop.and_then(|p| literal_host(&p.value)),
        port,
        mode: settings.mode,
        tls,
        primary: version.unwrap_or(declaration),
        related,
        uses,
    }
}

/// Spring's sender protocol (`spring.mail.protocol`, default `smtp`).
#[derive(Clone)]
struct SenderProtocol<'p> {
    name: String,
    prop: Option<&'p Prop>,
}

fn spring_key<'p>(props: &'p [Prop], suffix: &str) -> Option<&'p Prop> {
    props.iter().rev().find(|p| {
        p.key
            .get(..SPRING.len())
            .is_some_and(|k| k.eq_ignore_ascii_case(SPRING))
            && p.key[SPRING.len()..].eq_ignore_ascii_case(suffix)
    })
}

fn spring_sender_protocol(props: &[Prop]) -> SenderProtocol<'_> {
    let prop = spring_key(props, "protocol");
    let name = prop
        .map(|p| p.value.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "smtp".to_owned());
    SenderProtocol { name, prop }
}

/// The connection of Spring Boot's `JavaMailSender`.
fn spring_sender<'p>(
    props: &'p [Prop],
    map: &PropMap<'p>,
    sender: &SenderProtocol<'p>,
    unstated: TlsMode,
) -> Option<Conn<'p>> {
    let name = sender.name.as_str();
    let get = |suffix: &str| map.get(&format!("{name}.{suffix}"));
    let host = spring_key(props, "host");
    let port_key = spring_key(props, "port");
    let ssl_enabled = spring_key(props, "ssl.enabled").filter(|p| boolean(p) != Some(false));
    let mut uses: Vec<&Prop> = [host, port_key, sender.prop, ssl_enabled]
        .into_iter()
        .flatten()
        .collect();
    uses.extend(CONNECTION_KEYS.iter().filter_map(|k| get(k)));
    if uses.is_empty() {
        return None;
    }
    let protocol = protocol_of(name);
    let mut settings = tls_settings(name, &get, ssl_enabled, unstated);
    let ssl_unknown = ssl_enabled.is_some_and(|p| boolean(p).is_none());
    if (ssl_unknown && !name.ends_with('s')) || protocol == Protocol::Unknown {
        // `${MAIL_SSL}` or a protocol JavaMail does not ship: unknown.
        settings.mode = TlsMode::Unknown;
    }
    // JavaMailSenderImpl connects with spring.mail.host/port; without them
    // the session's mail.<protocol>.host/port apply.
    let host_prop = host.or_else(|| get("host")).or_else(|| map.get("host"));
    let port_prop = port_key.or(settings.factory_port).or_else(|| get("port"));
    let port = match port_prop {
        Some(p) => literal_port(&p.value),
        None => default_port(protocol, settings.mode),
    };
    let version = get("ssl.protocols");
    let declaration = host_prop.or_else(|| {
        uses.iter()
            .min_by_key(|p| (p.document, p.location))
            .copied()
    })?;
    Some(assemble(
        protocol,
        host_prop,
        port_prop,
        port,
        &settings,
        version,
        declaration,
        sender.prop,
        uses,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(pairs: &[(&str, &str)]) -> Vec<Prop> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (k, v))| Prop {
                key: (*k).to_owned(),
                value: (*v).to_owned(),
                location: Location::on_line(i + 1, 1, 2),
                evidence: format!("{k}={v}"),
                document: 0,
            })
            .collect()
    }

    fn run(pairs: &[(&str, &str)]) -> Vec<Fact> {
        facts(&props(pairs), TlsMode::None, None)
    }

    #[test]
    fn implicit_provider_with_pinned_versions() {
        let f = run(&[
            ("mail.store.protocol", "imaps"),
            ("mail.imaps.host", "Outlook.Office365.com"),
            ("mail.imaps.ssl.protocols", "TLSv1 TLSv1.1"),
        ]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].client.as_deref(), Some("javamail"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!(f[0].location.line, 3);
        assert!(f[0]
            .related
            .iter()
            .any(|r| r.role == "declaration" && r.line == 1));
    }

    #[test]
    fn plain_provider_modes_and_ports() {
        let f = run(&[("mail.imap.host", "h"), ("mail.imap.ssl.enable", "TRUE")]);
        assert_eq!(
            (f[0].tls_mode, f[0].port),
            (Some(TlsMode::Implicit), Some(993))
        );
        let f = run(&[
            ("mail.pop3.host", "h"),
            ("mail.pop3.starttls.enable", "true"),
        ]);
        assert_eq!(
            (f[0].tls_mode, f[0].port),
            (Some(TlsMode::Starttls), Some(110))
        );
        let f = run(&[
            ("mail.imap.host", "h"),
            ("mail.imap.ssl.protocols", "TLSv1"),
        ]);
        assert_eq!((f[0].tls_mode, f[0].port), (Some(TlsMode::None), Some(143)));
        assert_eq!(
            f[0].tls,
            Some(TlsRange::unknown()),
            "no TLS, versions unused"
        );
        assert_eq!(f[0].location.line, 1);
        let f = run(&[
            ("mail.smtp.host", "h"),
            (
                "mail.smtp.socketFactory.class",
                "javax.net.ssl.SSLSocketFactory",
            ),
            ("mail.smtp.socketFactory.port", "465"),
        ]);
        assert_eq!(
            (f[0].tls_mode, f[0].port),
            (Some(TlsMode::Implicit), Some(465))
        );
        let f = facts(
            &props(&[("mail.imap.ssl.protocols", "TLSv1.2")]),
            TlsMode::Unknown,
            None,
        );
        assert_eq!((f[0].tls_mode, f[0].port), (Some(TlsMode::Unknown), None));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.2"), Some("1.2"))));
    }

    #[test]
    fn general_host_and_selector() {
        let f = run(&[
            ("mail.store.protocol", "pop3s"),
            ("mail.host", "pop.example.org"),
            ("mail.user", "me"),
        ]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].protocol, Some(Protocol::Pop3));
        assert_eq!(f[0].port, Some(995));
        assert_eq!(f[0].host.as_deref(), Some("pop.example.org"));
        assert!(run(&[("mail.store.protocol", "imaps"), ("mail.debug", "true")]).is_empty());
    }

    #[test]
    fn spring_sender_uses_its_protocols_properties() {
        let f = run(&[
            ("spring.mail.host", "smtp.office365.com"),
            ("spring.mail.port", "587"),
            ("spring.mail.properties.mail.smtp.starttls.enable", "true"),
            (
                "spring.mail.properties.mail.smtp.ssl.protocols",
                "TLSv1 TLSv1.1 TLSv1.2",
            ),
            ("spring.mail.properties.mail.imaps.ssl.protocols", "TLSv1.2"),
        ]);
        assert_eq!(f.len(), 2);
        let sender = f
            .iter()
            .find(|f| f.client.as_deref() == Some("spring-mail"));
        let sender = sender.unwrap_or_else(|| panic!("no sender"));
        assert_eq!(sender.host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(sender.port, Some(587));
        assert_eq!(sender.tls_mode, Some(TlsMode::Starttls));
        assert_eq!(
            sender.tls,
            Some(TlsRange::explicit(Some("1.0"), Some("1.2")))
        );
        assert_eq!(sender.location.line, 4);
        let imaps = f.iter().find(|f| f.client.as_deref() == Some("javamail"));
        assert_eq!(imaps.map(|f| f.port), Some(Some(993)));
    }

    #[test]
    fn spring_ssl_enabled_and_smtps() {
        let f = run(&[
            ("spring.mail.host", "h"),
            ("spring.mail.ssl.enabled", "true"),
        ]);
        assert_eq!(
            (f[0].tls_mode, f[0].port),
            (Some(TlsMode::Implicit), Some(465))
        );
        let f = run(&[
            ("spring.mail.host", "h"),
            ("spring.mail.protocol", "smtps"),
            ("spring.mail.properties.mail.smtp.ssl.protocols", "TLSv1"),
        ]);
        // mail.smtp.* does not reach the smtps transport: it is a separate
        // (plain smtp, no TLS) JavaMail configuration.
        let sender = f
            .iter()
            .find(|f| f.client.as_deref() == Some("spring-mail"));
        assert_eq!(
            sender.and_then(|f| f.tls.clone()),
            Some(TlsRange::unknown())
        );
        assert_eq!(sender.and_then(|f| f.tls_mode), Some(TlsMode::Implicit));
        let f = run(&[
            ("spring.mail.host", "${MAIL_HOST}"),
            ("spring.mail.port", "${MAIL_PORT:587}"),
        ]);
        assert_eq!((f[0].host.clone(), f[0].port), (None, None));
    }

    #[test]
    fn other_namespaces_leave_the_mode_unknown() {
        let f = run(&[(
            "javamail.properties.mail.imap.host",
            "outlook.office365.com",
        )]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        assert!(run(&[("app.email.host", "x"), ("mailer.smtp.host", "y")]).is_empty());
    }

    #[test]
    fn profile_documents_merge_over_the_base() {
        let mut p = props(&[
            ("spring.mail.host", "smtp.office365.com"),
            ("spring.config.activate.on-profile", "legacy"),
            ("spring.mail.properties.mail.smtp.ssl.protocols", "TLSv1"),
            ("spring.mail.properties.mail.smtp.starttls.enable", "true"),
        ]);
        for q in p.iter_mut().skip(1) {
            q.document = 1;
        }
        let f = facts_for_documents(&p, TlsMode::None);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].tls_mode, Some(TlsMode::None));
        assert_eq!(f[1].host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(f[1].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
    }

    #[test]
    fn bracket_keys() {
        assert_eq!(
            normalize_key("spring.mail.properties[mail.smtp.ssl.protocols]"),
            "spring.mail.properties.mail.smtp.ssl.protocols"
        );
        assert_eq!(
            normalize_key("spring.mail.properties.[mail.smtp.auth]"),
            "spring.mail.properties.mail.smtp.auth"
        );
        assert_eq!(normalize_key("a.list[0].b"), "a.list[0].b");
        assert_eq!(normalize_key("broken[x"), "broken[x");
    }

    #[test]
    fn a_profile_repeating_the_base_version_line_is_reported_once() {
        let mut p = props(&[
            ("spring.mail.properties.mail.smtp.ssl.protocols", "TLSv1"),
            ("spring.mail.properties.mail.smtp.starttls.enable", "true"),
            ("spring.profiles", "dev"),
            ("spring.mail.host", "smtp.dev.example"),
        ]);
        for q in p.iter_mut().skip(2) {
            q.document = 1;
        }
        let f = facts_for_documents(&p, TlsMode::None);
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn protocol_lists() {
        assert_eq!(
            protocols_range("TLSv1.2 TLSv1.3", &[]),
            TlsRange::explicit(Some("1.2"), Some("1.3"))
        );
        assert_eq!(
            protocols_range("SSLv2Hello,TLSv1", &[',']),
            TlsRange::explicit(Some("1.0"), Some("1.0"))
        );
        assert_eq!(protocols_range("${TLS}", &[]), TlsRange::unknown());
        assert_eq!(protocols_range("", &[]), TlsRange::unknown());
    }
}
