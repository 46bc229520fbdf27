//! .NET Framework application configuration (`app.config`, `web.config`,
//! `<program>.exe.config`, `machine.config`): the TLS defaults the file gives
//! the process, the runtime it targets, and the SMTP server of
//! `System.Net.Mail`.
//!
//! Sources: dotnet docs `framework/network-programming/tls.md` and
//! `configure-apps/file-schema/runtime/appcontextswitchoverrides-element.md`,
//! and the reference source `ServicePointManager.Configuration.cs`
//! (`LoadSecureProtocolConfiguration`), which decides the default
//! `ServicePointManager.SecurityProtocol` / `SslStream` versions:
//! 1. "system default TLS versions" on: the OS picks (`SystemDefault`);
//! 2. else strong crypto on: .NET offers TLS 1.0-1.2 (1.3 from 4.8);
//! 3. else SSL 3.0 + TLS 1.0.
//!
//! Two AppContext switches turn those off: `Switch.System.Net.
//! DontEnableSystemDefaultTlsVersions` and `...DontEnableSchUseStrongCrypto`,
//! written in `<runtime><AppContextSwitchOverrides value="A=true;B=false"/>`
//! or, for ASP.NET (where that element is not read), as
//! `<appSettings><add key="AppContext.SetSwitch:A" value="true"/>`. Their
//! defaults follow the target framework: strong crypto is off for apps
//! targeting before 4.6, system default versions are off before 4.7. The
//! target is what the file states: `<system.web><httpRuntime
//! targetFramework="4.5"/>` (which sets the ASP.NET app's target) or the
//! `sku` of `<startup><supportedRuntime>` (Visual Studio writes the project's
//! target there). One `tls_setting` (client `dotnet`, scope `process`) per
//! file with either switch, located at the switch that decides the result:
//! - `DontEnableSchUseStrongCrypto=false`: strong crypto, TLS 1.0-1.2 (the
//!   docs' statement; if the OS picks instead, its default includes 1.2);
//! - `DontEnableSchUseStrongCrypto=true`: SSL 3.0-TLS 1.0, unless the file
//!   lets the OS pick (a 4.7+ target without `DontEnableSystemDefault
//!   TlsVersions=true`, or that switch `false`), then unknown;
//! - only `DontEnableSystemDefaultTlsVersions=true`: .NET picks, TLS 1.0-1.2
//!   ("reverting back to a default of Tls12, Tls11, Tls"), or SSL 3.0-TLS 1.0
//!   when the file's target is before 4.6 (strong crypto off by default);
//! - only `DontEnableSystemDefaultTlsVersions=false`: the OS picks (unknown).
//!
//! The machine-wide registry values (see `windows_registry`) override these
//! switches on the machine that runs the app; the file cannot know them.
//!
//! `runtime` facts (component `.NET Framework`, the version): one per
//! `supportedRuntime` `sku` (`.NETFramework,Version=v4.5`), one per
//! `httpRuntime targetFramework`, and for a file that allows only CLR 1.x/2.0
//! (`supportedRuntime version="v2.0.50727"` and no v4 entry) the CLR version.
//!
//! `connection` facts: `<system.net><mailSettings><smtp>` with delivery
//! method `Network` (the default) and a `<network host=... port=...
//! enableSsl=...>` element: SMTP, port 25 unless written, and
//! `enableSsl="true"` is STARTTLS (`SmtpClient` supports only RFC 3207, not
//! implicit TLS on 465, per the `SmtpNetworkElement.EnableSsl` docs); no
//! `enableSsl` or `false` is plain SMTP. The TLS range is the process's,
//! unknown here.

use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::common::xml::{self, Node};
use crate::extract::ExtractError;
use crate::facts::{
    Component, Fact, FactKind, Location, Protocol, Related, Setting, TlsMode, TlsRange,
};
use crate::source::SourceFile;

const CLIENT: &str = "dotnet";
const STRONG_CRYPTO: &str = "Switch.System.Net.DontEnableSchUseStrongCrypto";
const SYSTEM_DEFAULT: &str = "Switch.System.Net.DontEnableSystemDefaultTlsVersions";
const SET_SWITCH_PREFIX: &str = "AppContext.SetSwitch:";

/// One switch statement: its value and where it is written.
#[derive(Debug, Clone)]
struct Switch {
    name: &'static str,
    value: bool,
    location: Location,
    /// `Name=value` as written (for messages and the setting).
    text: String,
}

/// The target framework the file states, with where.
#[derive(Debug, Clone)]
struct Target {
    version: String,
    location: Location,
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let doc = xml::parse(file)?;
    let root = doc.root_element();
    if root.tag_name().name() != "configuration" {
        return Ok(Vec::new());
    }
    let mut facts = Vec::new();
    let runtimes = runtime_facts(file, root);
    let target = target(file, root);
    let switches = switches(file, root);
    if let Some(fact) = switch_fact(file, &switches, target.as_ref()) {
        facts.push(fact);
    }
    facts.extend(runtimes);
    facts.extend(smtp_facts(file, root));
    Ok(facts)
}

/// The evidence for a location: its first line, trimmed and redacted.
fn evidence(file: &SourceFile, location: Location) -> String {
    redact(file.line(location.line).trim())
}

fn elements<'a, 'input>(
    root: Node<'a, 'input>,
    name: &'static str,
    parent: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    root.descendants().filter(move |n| {
        n.is_element()
            && n.tag_name().name() == name
            && n.parent_element()
                .is_some_and(|p| p.tag_name().name() == parent)
    })
}

/// `v4.5`, `4.7.2` -> `4.5`, `4.7.2` (digits and dots only).
fn framework_version(text: &str) -> Option<String> {
    let v = text.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let ok = !v.is_empty()
        && v.split('.').count() <= 4
        && v.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| v.to_owned())
}

/// The version in a framework name: `.NETFramework,Version=v4.5,Profile=Client`.
fn sku_version(sku: &str) -> Option<String> {
    let mut parts = sku.split(',').map(str::trim);
    let identifier = parts.next()?;
    if !identifier.eq_ignore_ascii_case(".NETFramework") {
        return None;
    }
    parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("Version"))
        .and_then(|(_, v)| framework_version(v))
}

fn target(file: &SourceFile, root: Node) -> Option<Target> {
    let http = elements(root, "httpRuntime", "system.web").find_map(|n| {
        let version = framework_version(n.attribute("targetFramework")?)?;
        Some(Target {
            version,
            location: xml::attribute_location(file, n, "targetFramework"),
        })
    });
    http.or_else(|| {
        elements(root, "supportedRuntime", "startup").find_map(|n| {
            let version = sku_version(n.attribute("sku")?)?;
            Some(Target {
                version,
                location: xml::attribute_location(file, n, "sku"),
            })
        })
    })
}

fn runtime_fact(file: &SourceFile, version: String, location: Location) -> Fact {
    let mut fact = Fact::new(FactKind::Runtime, location, evidence(file, location));
    fact.client = Some(CLIENT.to_owned());
    fact.component = Some(Component {
        name: ".NET Framework".to_owned(),
        version: Some(version),
        purl: None,
        cpe: None,
    });
    fact
}

fn runtime_facts(file: &SourceFile, root: Node) -> Vec<Fact> {
    let mut facts = Vec::new();
    let supported: Vec<Node> = elements(root, "supportedRuntime", "startup").collect();
    for n in &supported {
        if let Some(version) = n.attribute("sku").and_then(sku_version) {
            facts.push(runtime_fact(
                file,
                version,
                xml::attribute_location(file, *n, "sku"),
            ));
        }
    }
    // A file that lets the app run only on CLR 1.x/2.0 (.NET 1.0-3.5).
    let clr = |n: &Node| n.attribute("version").and_then(framework_version);
    let only_old_clr = !supported.is_empty()
        && supported
            .iter()
            .all(|n| clr(n).is_some_and(|v| !v.starts_with('4')));
    if only_old_clr {
        for n in &supported {
            if let Some(v) = clr(n) {
                let short: Vec<&str> = v.split('.').take(2).collect();
                facts.push(runtime_fact(
                    file,
                    short.join("."),
                    xml::attribute_location(file, *n, "version"),
                ));
            }
        }
    }
    for n in elements(root, "httpRuntime", "system.web") {
        if let Some(version) = n.attribute("targetFramework").and_then(framework_version) {
            facts.push(runtime_fact(
                file,
                version,
                xml::attribute_location(file, n, "targetFramework"),
            ));
        }
    }
    facts
}

/// `bool.TryParse`: `true`/`false`, case-insensitive, surrounding blanks.
fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn known_switch(name: &str) -> Option<&'static str> {
    [STRONG_CRYPTO, SYSTEM_DEFAULT]
        .into_iter()
        .find(|s| *s == name.trim())
}

/// Every TLS switch statement in document order.
fn switches(file: &SourceFile, root: Node) -> Vec<Switch> {
    let mut out = Vec::new();
    for n in root.descendants().filter(|n| n.is_element()) {
        let parent = n.parent_element().map(|p| p.tag_name().name());
        match (n.tag_name().name(), parent) {
            ("AppContextSwitchOverrides", Some("runtime")) => {
                let Some(attr) = n.attribute_node("value") else {
                    continue;
                };
                let raw_range = attr.range_value();
                let raw = file.text.get(raw_range.clone()).unwrap_or("");
                for pair in attr.value().split(';') {
                    let Some((name, value)) = pair.split_once('=') else {
                        continue;
                    };
                    let (Some(name), Some(value)) = (known_switch(name), parse_bool(value)) else {
                        continue;
                    };
                    // Point at `Name=value` in the raw attribute text when it is
                    // written plainly there (no entity references).
                    let location = match raw.find(name) {
                        Some(at) => {
                            let end = raw[at..].find(';').map_or(raw.len(), |e| at + e);
                            let end = at + raw[at..end].trim_end().len();
                            xml::location(file, raw_range.start + at..raw_range.start + end)
                        }
                        None => xml::attribute_location(file, n, "value"),
                    };
                    out.push(Switch {
                        name,
                        value,
                        location,
                        text: format!("{name}={}", value),
                    });
                }
            }
            ("add", Some("appSettings")) => {
                let Some(key) = n.attribute("key") else {
                    continue;
                };
                let Some(name) = key
                    .get(..SET_SWITCH_PREFIX.len())
                    .filter(|p| p.eq_ignore_ascii_case(SET_SWITCH_PREFIX))
                    .and_then(|_| key.get(SET_SWITCH_PREFIX.len()..))
                    .and_then(known_switch)
                else {
                    continue;
                };
                let Some(value) = n.attribute("value").and_then(parse_bool) else {
                    continue;
                };
                out.push(Switch {
                    name,
                    value,
                    location: xml::attribute_location(file, n, "value"),
                    text: format!("{name}={value}"),
                });
            }
            _ => {}
        }
    }
    out
}

/// Compares dotted versions numerically (`4.6.2` < `4.7`).
fn version_below(version: &str, bound: &str) -> bool {
    let parse = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    let (a, b) = (parse(version), parse(bound));
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x < y;
        }
    }
    false
}

fn switch_fact(file: &SourceFile, switches: &[Switch], target: Option<&Target>) -> Option<Fact> {
    let last = |name: &str| switches.iter().rev().find(|s| s.name == name);
    let strong = last(STRONG_CRYPTO);
    let system = last(SYSTEM_DEFAULT);
    let target_below = |bound: &str| target.map(|t| version_below(&t.version, bound));
    let legacy = TlsRange::explicit(Some("ssl3"), Some("1.0"));
    let strong_range = TlsRange::explicit(Some("1.0"), Some("1.2"));
    let (decisive, range) = match (strong, system) {
        (Some(s), _) if !s.value => (s, strong_range),
        (Some(s), d) => {
            // Strong crypto off: legacy unless the OS picks the versions.
            let system_default_off = match d {
                Some(d) => Some(d.value),
                None => target_below("4.7"),
            };
            match system_default_off {
                Some(false) => (s, TlsRange::unknown()),
                _ => (s, legacy),
            }
        }
        (None, Some(d)) if d.value => match target_below("4.6") {
            Some(true) => (d, legacy),
            _ => (d, strong_range),
        },
        (None, Some(d)) => (d, TlsRange::unknown()),
        (None, None) => return None,
    };
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        decisive.location,
        evidence(file, decisive.location),
    );
    fact.client = Some(CLIENT.to_owned());
    fact.scope = Some("process".to_owned());
    fact.setting = Some(Setting {
        name: decisive.name.to_owned(),
        value: decisive.value.to_string(),
    });
    fact.tls = Some(range);
    for s in [strong, system].into_iter().flatten() {
        if s.name != decisive.name {
            fact.related
                .push(Related::new("version", s.location, redact(&s.text)));
        }
    }
    if let Some(t) = target {
        fact.related.push(Related::new(
            "declaration",
            t.location,
            format!("targets .NET Framework {}", t.version),
        ));
    }
    Some(fact)
}

fn smtp_facts(file: &SourceFile, root: Node) -> Vec<Fact> {
    let mut facts = Vec::new();
    for smtp in elements(root, "smtp", "mailSettings") {
        let method = smtp.attribute("deliveryMethod").unwrap_or("Network");
        if !method.trim().eq_ignore_ascii_case("Network") {
            continue;
        }
        let Some(network) = xml::children(smtp, "network").next() else {
            continue;
        };
        let location = match network.attribute_node("host") {
            Some(_) => xml::attribute_location(file, network, "host"),
            None => xml::start_tag_location(file, network),
        };
        let mut fact = Fact::new(FactKind::Connection, location, evidence(file, location));
        fact.client = Some(CLIENT.to_owned());
        fact.protocol = Some(Protocol::Smtp);
        if let Some(host) = network.attribute("host") {
            let h = host.trim().to_ascii_lowercase();
            if !h.is_empty() && is_literal_host(&h) {
                fact.host = Some(h);
            }
            fact.related.push(Related::new(
                "host",
                location,
                format!("Host {}", redact(host.trim())),
            ));
        }
        fact.port = match network.attribute("port") {
            Some(p) => {
                let loc = xml::attribute_location(file, network, "port");
                fact.related.push(Related::new(
                    "port",
                    loc,
                    format!("Port {}", redact(p.trim())),
                ));
                p.trim().parse().ok()
            }
            None => Some(25),
        };
        let ssl = network.attribute("enableSsl").map(parse_bool);
        fact.tls_mode = Some(match ssl {
            None | Some(Some(false)) => TlsMode::None,
            Some(Some(true)) => TlsMode::Starttls,
            Some(None) => TlsMode::Unknown,
        });
        if let Some(v) = network.attribute("enableSsl") {
            let loc = xml::attribute_location(file, network, "enableSsl");
            fact.related.push(Related::new(
                "tls_mode",
                loc,
                format!("enableSsl=\"{}\" (STARTTLS when true)", redact(v)),
            ));
        }
        fact.related.push(Related::new(
            "declaration",
            xml::start_tag_location(file, smtp),
            evidence(file, xml::start_tag_location(file, smtp)),
        ));
        fact.tls = Some(TlsRange::unknown());
        facts.push(fact);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Basis;

    fn run(text: &str) -> Vec<Fact> {
        let file = SourceFile::new("App.config", text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn setting(facts: &[Fact]) -> Option<&Fact> {
        facts.iter().find(|f| f.kind == FactKind::TlsSetting)
    }

    fn range(f: &Fact) -> (Option<&str>, Option<&str>, Basis) {
        let t = f.tls.as_ref().unwrap_or_else(|| panic!("no range"));
        (t.min.as_deref(), t.max.as_deref(), t.basis)
    }

    fn config(startup: &str, runtime: &str) -> String {
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <startup>\n    {startup}\n  </startup>\n  <runtime>\n    {runtime}\n  </runtime>\n</configuration>\n")
    }

    const V45: &str = "<supportedRuntime version=\"v4.0\" sku=\".NETFramework,Version=v4.5\" />";
    const V48: &str = "<supportedRuntime version=\"v4.0\" sku=\".NETFramework,Version=v4.8\" />";

    fn overrides(value: &str) -> String {
        format!("<AppContextSwitchOverrides value=\"{value}\" />")
    }

    #[test]
    fn strong_crypto_off_on_a_45_target_is_ssl3_to_tls10() {
        let text = config(
            V45,
            &overrides("Switch.System.Xml.IgnoreEmptyKeySequences=true;Switch.System.Net.DontEnableSchUseStrongCrypto=true"),
        );
        let facts = run(&text);
        let s = setting(&facts).unwrap_or_else(|| panic!("{facts:#?}"));
        assert_eq!(range(s), (Some("ssl3"), Some("1.0"), Basis::Explicit));
        assert_eq!(s.scope.as_deref(), Some("process"));
        assert_eq!(s.client.as_deref(), Some("dotnet"));
        assert_eq!(s.location.line, 7);
        let col = file_col(&text, 7, "Switch.System.Net.DontEnable");
        assert_eq!(s.location.column, col);
        assert_eq!(
            s.location.end_column,
            col + "Switch.System.Net.DontEnableSchUseStrongCrypto=true".len()
        );
        assert!(s
            .related
            .iter()
            .any(|r| r.message == "targets .NET Framework 4.5"));
        let runtime = facts
            .iter()
            .find(|f| f.kind == FactKind::Runtime)
            .unwrap_or_else(|| panic!("runtime"));
        assert_eq!(
            runtime
                .component
                .as_ref()
                .and_then(|c| c.version.as_deref()),
            Some("4.5")
        );
        assert_eq!(runtime.location.line, 4);
    }

    fn file_col(text: &str, line: usize, needle: &str) -> usize {
        let l = text.lines().nth(line - 1).unwrap_or("");
        l.find(needle).map_or(0, |i| l[..i].chars().count() + 1)
    }

    #[test]
    fn strong_crypto_off_where_the_os_picks_is_unknown() {
        let facts = run(&config(
            V48,
            &overrides("Switch.System.Net.DontEnableSchUseStrongCrypto=true"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (None, None, Basis::Unknown)
        );
        let facts = run(&config(
            V48,
            &overrides("Switch.System.Net.DontEnableSchUseStrongCrypto=true; Switch.System.Net.DontEnableSystemDefaultTlsVersions=true"),
        ));
        let s = setting(&facts).unwrap_or_else(|| panic!());
        assert_eq!(range(s), (Some("ssl3"), Some("1.0"), Basis::Explicit));
        assert_eq!(s.related.iter().filter(|r| r.role == "version").count(), 1);
        // No target in the file: the switch's documented meaning.
        let facts = run(&config(
            "",
            &overrides("Switch.System.Net.DontEnableSchUseStrongCrypto=True"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (Some("ssl3"), Some("1.0"), Basis::Explicit)
        );
    }

    #[test]
    fn strong_crypto_on_and_system_default_switches() {
        let facts = run(&config(
            V45,
            &overrides("Switch.System.Net.DontEnableSchUseStrongCrypto=false"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (Some("1.0"), Some("1.2"), Basis::Explicit)
        );
        let facts = run(&config(
            V48,
            &overrides("Switch.System.Net.DontEnableSystemDefaultTlsVersions=true"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (Some("1.0"), Some("1.2"), Basis::Explicit)
        );
        let facts = run(&config(
            V45,
            &overrides("Switch.System.Net.DontEnableSystemDefaultTlsVersions=true"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (Some("ssl3"), Some("1.0"), Basis::Explicit)
        );
        let facts = run(&config(
            V45,
            &overrides("Switch.System.Net.DontEnableSystemDefaultTlsVersions=false"),
        ));
        assert_eq!(
            range(setting(&facts).unwrap_or_else(|| panic!())),
            (None, None, Basis::Unknown)
        );
        // Unknown switch names (case matters at runtime) and values.
        let facts = run(&config(V45, &overrides("switch.system.net.DontEnableSchUseStrongCrypto=true;Switch.System.Net.DontEnableSchUseStrongCrypto=yes")));
        assert!(setting(&facts).is_none());
    }

    #[test]
    fn asp_net_app_settings_and_http_runtime() {
        let text = "<configuration>\n  <appSettings>\n    <add key=\"AppContext.SetSwitch:Switch.System.Net.DontEnableSchUseStrongCrypto\" value=\"true\" />\n  </appSettings>\n  <system.web>\n    <compilation targetFramework=\"4.8\" />\n    <httpRuntime targetFramework=\"4.6.1\" maxRequestLength=\"4096\" />\n  </system.web>\n</configuration>\n";
        let facts = run(text);
        let s = setting(&facts).unwrap_or_else(|| panic!("{facts:#?}"));
        assert_eq!(range(s), (Some("ssl3"), Some("1.0"), Basis::Explicit));
        assert_eq!(s.location.line, 3);
        let runtimes: Vec<_> = facts
            .iter()
            .filter(|f| f.kind == FactKind::Runtime)
            .collect();
        assert_eq!(runtimes.len(), 1);
        assert_eq!(runtimes[0].location.line, 7);
        assert_eq!(
            runtimes[0]
                .component
                .as_ref()
                .and_then(|c| c.version.as_deref()),
            Some("4.6.1")
        );
    }

    #[test]
    fn clr2_only_files_give_the_clr_version() {
        let facts = run("<configuration><startup><supportedRuntime version=\"v2.0.50727\"/></startup></configuration>");
        assert_eq!(facts.len(), 1);
        assert_eq!(
            facts[0]
                .component
                .as_ref()
                .and_then(|c| c.version.as_deref()),
            Some("2.0")
        );
        let facts = run("<configuration><startup><supportedRuntime version=\"v4.0\"/><supportedRuntime version=\"v2.0.50727\"/></startup></configuration>");
        assert!(facts.is_empty());
    }

    #[test]
    fn mail_settings_smtp() {
        let text = "<configuration>\n  <system.net>\n    <mailSettings>\n      <smtp from=\"bot@contoso.com\" deliveryMethod=\"Network\">\n        <network host=\"SMTP.Office365.com\" port=\"587\" enableSsl=\"true\" userName=\"bot@contoso.com\" password=\"Hunter2!\" />\n      </smtp>\n    </mailSettings>\n  </system.net>\n</configuration>\n";
        let facts = run(text);
        assert_eq!(facts.len(), 1);
        let c = &facts[0];
        assert_eq!(c.kind, FactKind::Connection);
        assert_eq!(c.host.as_deref(), Some("smtp.office365.com"));
        assert_eq!(c.port, Some(587));
        assert_eq!(c.tls_mode, Some(TlsMode::Starttls));
        assert_eq!(c.protocol, Some(Protocol::Smtp));
        assert_eq!(c.location.line, 5);
        assert!(!c.evidence.contains("Hunter2"), "{}", c.evidence);
        let plain = run("<configuration><system.net><mailSettings><smtp><network host=\"mail.contoso.com\"/></smtp></mailSettings></system.net></configuration>");
        assert_eq!(plain[0].tls_mode, Some(TlsMode::None));
        assert_eq!(plain[0].port, Some(25));
        let pickup = run("<configuration><system.net><mailSettings><smtp deliveryMethod=\"SpecifiedPickupDirectory\"><network host=\"x\"/></smtp></mailSettings></system.net></configuration>");
        assert!(pickup.is_empty());
    }

    #[test]
    fn other_roots_and_bad_xml() {
        assert!(run("<root><runtime><AppContextSwitchOverrides value=\"Switch.System.Net.DontEnableSchUseStrongCrypto=true\"/></runtime></root>").is_empty());
        let file = SourceFile::new("web.config", "<configuration><system.web></configuration>");
        assert!(extract(&file).is_err());
    }
}
