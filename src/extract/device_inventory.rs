//! `tlsfloor-devices.toml`: the inventory an administrator keeps for mail
//! devices nobody has an SBOM for (multifunction printers that scan to
//! e-mail, POS terminals, building controllers): what each device is, which
//! mail servers it talks to, and what its vendor attests about its TLS
//! support. It turns "validate TLS support with third-party vendors" into
//! evidence a scan can check. The format is documented in the README
//! ("Device inventory") with a complete example in `samples/devices/`.
//!
//! ```toml
//! [[device]]
//! vendor = "Northwind Imaging"   # required
//! model = "NX-4520 MFP"           # required
//! firmware = "4520.12.07"
//! name = "mfp-2f-east"            # asset tag or host name
//! location = "HQ, 2nd floor"
//! owner = "facilities@example.com"
//! notes = "scan to e-mail"
//!
//!   [[device.mail]]               # one per mail server it talks to
//!   protocol = "smtp"             # imap | pop3 | smtp (required)
//!   host = "smtp.office365.com"   # required
//!   port = 587                    # default from protocol and security
//!   security = "starttls"         # tls | starttls | none
//!
//!   [device.attestation]          # what the vendor states
//!   tls_max = "1.2"               # required: highest version supported
//!   tls_min = "1.0"               # lowest version it can still use
//!   url = "https://..."           # required: where the vendor says so
//!   date = 2026-03-02             # when it was checked (TOML date)
//!   confirmed_by = "J. Doe"       # who checked it
//!   notes = "firmware 2XC_S000.002.300 adds TLS 1.3"
//! ```
//!
//! It is read with the `toml` crate; an unknown key, a missing required key
//! or a wrong type is an error naming the key and its line, and so is a
//! value outside the documented sets. Each device gives one `device` fact
//! per `[[device.mail]]` entry (one without protocol and host if it has
//! none): its attested range (`basis` `explicit`), or an unknown range when
//! there is no attestation, so that the policies can report what is still
//! unknown. Location: the attested `tls_max`, else the device's first key.

use crate::extract::common::mail_url::port_defaults;
use crate::extract::common::redact::redact;
use crate::extract::common::tls_version::normalize;
use crate::extract::ExtractError;
use crate::facts::{Component, Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// The client name facts carry (selects the remedy).
pub const CLIENT: &str = "device";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Inventory {
    #[serde(default)]
    device: Vec<Spanned<Device>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Device {
    vendor: Spanned<String>,
    model: Spanned<String>,
    firmware: Option<Spanned<String>>,
    name: Option<String>,
    location: Option<String>,
    owner: Option<String>,
    #[allow(dead_code)]
    notes: Option<String>,
    #[serde(default)]
    mail: Vec<Spanned<Mail>>,
    attestation: Option<Spanned<Attestation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mail {
    protocol: Spanned<String>,
    host: Spanned<String>,
    port: Option<Spanned<u16>>,
    security: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Attestation {
    tls_max: Spanned<String>,
    tls_min: Option<Spanned<String>>,
    url: Spanned<String>,
    date: Option<toml::value::Datetime>,
    confirmed_by: Option<String>,
    #[allow(dead_code)]
    notes: Option<String>,
}

fn line_of(file: &SourceFile, span: &Range<usize>) -> usize {
    file.position(span.start).0
}

fn location(file: &SourceFile, span: &Range<usize>) -> Location {
    file.location(span.start, span.end)
}

fn invalid(file: &SourceFile, span: &Range<usize>, message: String) -> ExtractError {
    ExtractError::new(message, Some(line_of(file, span)))
}

fn protocol(file: &SourceFile, p: &Spanned<String>) -> Result<Protocol, ExtractError> {
    match p.get_ref().to_ascii_lowercase().as_str() {
        "imap" => Ok(Protocol::Imap),
        "pop3" => Ok(Protocol::Pop3),
        "smtp" => Ok(Protocol::Smtp),
        other => Err(invalid(
            file,
            &p.span(),
            format!("`protocol` must be \"imap\", \"pop3\" or \"smtp\", not {other:?}"),
        )),
    }
}

fn security(file: &SourceFile, s: &Spanned<String>) -> Result<TlsMode, ExtractError> {
    match s.get_ref().to_ascii_lowercase().as_str() {
        "tls" => Ok(TlsMode::Implicit),
        "starttls" => Ok(TlsMode::Starttls),
        "none" => Ok(TlsMode::None),
        other => Err(invalid(
            file,
            &s.span(),
            format!("`security` must be \"tls\", \"starttls\" or \"none\", not {other:?}"),
        )),
    }
}

fn version(
    file: &SourceFile,
    key: &str,
    v: &Spanned<String>,
) -> Result<&'static str, ExtractError> {
    normalize(v.get_ref()).ok_or_else(|| {
        invalid(
            file,
            &v.span(),
            format!(
                "`{key}` must be a TLS version (\"1.0\", \"1.1\", \"1.2\", \"1.3\", \"ssl3\"), not {:?}",
                v.get_ref()
            ),
        )
    })
}

/// The port a mail device uses when the inventory gives none: the
/// protocol's registered port for its security.
fn default_port(protocol: Protocol, mode: TlsMode) -> Option<u16> {
    match (protocol, mode) {
        (Protocol::Imap, TlsMode::Implicit) => Some(993),
        (Protocol::Imap, TlsMode::Starttls | TlsMode::None) => Some(143),
        (Protocol::Pop3, TlsMode::Implicit) => Some(995),
        (Protocol::Pop3, TlsMode::Starttls | TlsMode::None) => Some(110),
        (Protocol::Smtp, TlsMode::Implicit) => Some(465),
        (Protocol::Smtp, TlsMode::Starttls) => Some(587),
        (Protocol::Smtp, TlsMode::None) => Some(25),
        _ => None,
    }
}

/// The device's vendor or model line, whichever comes first: where a
/// finding about a device without an attestation points.
fn device_location(file: &SourceFile, d: &Device) -> Location {
    location(file, &d.vendor.span()).min(location(file, &d.model.span()))
}

fn describe(d: &Device) -> String {
    let mut parts = Vec::new();
    if let Some(name) = &d.name {
        parts.push(format!("device {name}"));
    }
    if let Some(place) = &d.location {
        parts.push(format!("at {place}"));
    }
    if let Some(owner) = &d.owner {
        parts.push(format!("owner {owner}"));
    }
    redact(&parts.join(", "))
}

/// The `[[device]]` header line (the start of the table's span).
fn header_location(file: &SourceFile, span: &Range<usize>) -> Location {
    let line = line_of(file, span);
    let text = file.line(line);
    let start = file.line_start(line);
    file.location(start, start + text.trim_end().len())
}

/// A required text value must say something.
fn non_empty(file: &SourceFile, key: &str, v: &Spanned<String>) -> Result<(), ExtractError> {
    if v.get_ref().trim().is_empty() {
        return Err(invalid(
            file,
            &v.span(),
            format!("`{key}` must not be empty"),
        ));
    }
    Ok(())
}

fn device_facts(file: &SourceFile, spanned: &Spanned<Device>) -> Result<Vec<Fact>, ExtractError> {
    let d = spanned.get_ref();
    non_empty(file, "vendor", &d.vendor)?;
    non_empty(file, "model", &d.model)?;
    let mut related = Vec::new();
    let described = describe(d);
    let declared_at = device_location(file, d);
    if !described.is_empty() {
        related.push(Related::new(
            "declaration",
            header_location(file, &spanned.span()),
            described,
        ));
    }
    let (tls, primary) = match &d.attestation {
        Some(a) => {
            let a = a.get_ref();
            non_empty(file, "url", &a.url)?;
            let max = version(file, "tls_max", &a.tls_max)?;
            let min = match &a.tls_min {
                Some(m) => Some(version(file, "tls_min", m)?),
                None => None,
            };
            let mut message = format!("vendor attestation: {}", a.url.get_ref());
            if let Some(date) = &a.date {
                message.push_str(&format!(", checked {date}"));
            }
            if let Some(who) = &a.confirmed_by {
                message.push_str(&format!(" by {who}"));
            }
            related.push(Related::new(
                "attestation",
                location(file, &a.url.span()),
                redact(&message),
            ));
            (
                TlsRange::explicit(min, Some(max)),
                location(file, &a.tls_max.span()),
            )
        }
        None => (TlsRange::unknown(), declared_at),
    };
    let component = Component {
        name: format!("{} {}", d.vendor.get_ref(), d.model.get_ref()),
        version: d.firmware.as_ref().map(|f| f.get_ref().clone()),
        purl: None,
        cpe: None,
    };
    let base = |loc: Location| {
        let mut f = Fact::new(FactKind::Device, loc, redact(file.line(loc.line).trim()));
        f.client = Some(CLIENT.to_owned());
        f.tls = Some(tls.clone());
        f.component = Some(component.clone());
        f.related = related.clone();
        f
    };
    if d.mail.is_empty() {
        return Ok(vec![base(primary)]);
    }
    let mut out = Vec::new();
    for m in &d.mail {
        let m = m.get_ref();
        let proto = protocol(file, &m.protocol)?;
        non_empty(file, "host", &m.host)?;
        let mut mode = match &m.security {
            Some(s) => security(file, s)?,
            None => TlsMode::Unknown,
        };
        let port = m.port.as_ref().map(|p| *p.get_ref());
        if mode == TlsMode::Unknown {
            if let Some((_, implied)) = port.and_then(port_defaults) {
                mode = implied;
            }
        }
        let mut fact = base(primary);
        fact.protocol = Some(proto);
        fact.host = Some(m.host.get_ref().to_ascii_lowercase());
        fact.port = port.or_else(|| default_port(proto, mode));
        fact.tls_mode = Some(mode);
        fact.related.push(Related::new(
            "host",
            location(file, &m.host.span()),
            format!("host {}", m.host.get_ref()),
        ));
        if let Some(p) = &m.port {
            fact.related.push(Related::new(
                "port",
                location(file, &p.span()),
                format!("port {}", p.get_ref()),
            ));
        }
        out.push(fact);
    }
    Ok(out)
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let inventory: Inventory = toml::from_str(file.text).map_err(|e| {
        let line = e.span().map(|s| line_of(file, &s));
        ExtractError::new(e.message().trim().to_owned(), line)
    })?;
    let mut out = Vec::new();
    for d in &inventory.device {
        out.extend(device_facts(file, d)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::{error, facts, range};
    use crate::facts::Basis;

    const TWO: &str = r#"# devices
[[device]]
name = "mfp-2f"
vendor = "Northwind Imaging"
model = "NX-4520"
firmware = "2XC_S000.002.271"

  [[device.mail]]
  protocol = "smtp"
  host = "smtp.office365.com"
  port = 587
  security = "starttls"

  [[device.mail]]
  protocol = "pop3"
  host = "outlook.office365.com"
  security = "tls"

  [device.attestation]
  tls_max = "1.1"
  tls_min = "TLSv1"
  url = "https://example.com/kb/1234"
  date = 2026-03-02
  confirmed_by = "J. Doe"

[[device]]
vendor = "Acme"
model = "Door controller 9"
"#;

    #[test]
    fn devices_mail_entries_and_attestations() {
        let f = facts(extract, "tlsfloor-devices.toml", TWO);
        assert_eq!(f.len(), 3);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 20);
        assert_eq!(f[0].port, Some(587));
        assert_eq!(f[1].port, Some(995));
        assert_eq!(f[1].tls_mode, Some(TlsMode::Implicit));
        let c = f[0]
            .component
            .as_ref()
            .map(|c| (c.name.as_str(), c.version.as_deref()));
        assert_eq!(
            c,
            Some(("Northwind Imaging NX-4520", Some("2XC_S000.002.271")))
        );
        assert!(f[0].related.iter().any(|r| r.role == "attestation"
            && r.message.contains("example.com/kb/1234")
            && r.message.contains("2026-03-02")));
        assert_eq!(range(&f[2]), (None, None, Basis::Unknown));
        assert_eq!(f[2].location.line, 27);
        assert_eq!(f[2].protocol, None);
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_line() {
        let e = error(
            extract,
            "tlsfloor-devices.toml",
            "[[device]]\nvendor = \"A\"\nmodel = \"B\"\nfirmwre = \"1\"\n",
        );
        assert!(e.message.contains("firmwre"), "{e}");
        assert_eq!(e.line, Some(4));
        let e = error(
            extract,
            "tlsfloor-devices.toml",
            "[[device]]\nvendor = \"A\"\nmodel = \"B\"\n[[device.mail]]\nprotocol = \"imap\"\nhost = \"h\"\nport = \"993\"\n",
        );
        assert_eq!(e.line, Some(7), "{e}");
        let e = error(
            extract,
            "tlsfloor-devices.toml",
            "[[device]]\nvendor = \"A\"\nmodel = \"B\"\n[device.attestation]\ntls_max = \"modern\"\nurl = \"u\"\n",
        );
        assert!(e.message.contains("tls_max"), "{e}");
        assert_eq!(e.line, Some(5));
        let e = error(
            extract,
            "tlsfloor-devices.toml",
            "[[device]]\nvendor = \"A\"\n",
        );
        assert!(e.message.contains("model"), "{e}");
        let e = error(
            extract,
            "tlsfloor-devices.toml",
            "[[device]]\nvendor = \"A\"\nmodel = \"B\"\n[[device.mail]]\nprotocol = \"imap\"\nhost = \" \"\n",
        );
        assert_eq!(
            (e.message.as_str(), e.line),
            ("`host` must not be empty", Some(6))
        );
    }
}
