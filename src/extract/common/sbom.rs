//! The `component` fact of one SBOM entry, shared by every SBOM format
//! (CycloneDX JSON and XML, SPDX JSON and tag-value), and the package URL
//! and CPE parsing they all need.
//!
//! A format's extractor finds an entry's fields and where they are written;
//! this module turns them into the same fact whatever the format, so the
//! policies see one shape: `component {name, version, purl, cpe}`, located
//! on the line that states the version (the `version` field, else the purl
//! or CPE the version was read from, else the name), with `declaration`,
//! `purl` and `cpe` related locations.

use crate::extract::common::redact::redact;
use crate::facts::{Component, Fact, FactKind, Location, Related};

/// A field value as written (trimmed) and where it is written.
#[derive(Debug, Clone)]
pub struct Field {
    pub text: String,
    pub location: Location,
}

impl Field {
    /// The field, or `None` when `text` is blank.
    pub fn new(text: &str, location: Location) -> Option<Field> {
        let text = text.trim();
        (!text.is_empty()).then(|| Field {
            text: text.to_owned(),
            location,
        })
    }
}

/// What an SBOM says about one component or package.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What the format calls an entry, for the declaration note:
    /// `Component` (CycloneDX) or `Package` (SPDX).
    pub noun: &'static str,
    pub name: Field,
    /// The place that declares the entry (the `name` member, element or tag).
    pub declaration: Location,
    /// CycloneDX `group` (kept in evidence, not folded into the name).
    pub group: Option<String>,
    pub version: Option<Field>,
    pub purl: Option<Field>,
    pub cpe: Option<Field>,
    /// The entry's identifier and its kind (`("bom-ref", "fw")`,
    /// `("SPDXID", "SPDXRef-Package-openssl")`).
    pub reference: Option<(&'static str, String)>,
    /// The evidence text of the enclosing entry (nested components).
    pub parent: Option<String>,
}

/// The `component` fact of `entry`. When the entry has no version, the one
/// its purl states is used, else its CPE's.
pub fn component_fact(entry: Entry) -> Fact {
    let Entry {
        noun,
        name,
        declaration,
        group,
        version,
        purl,
        cpe,
        reference,
        parent,
    } = entry;
    let stated = version.or_else(|| {
        let from_purl = purl.as_ref().and_then(|p| {
            purl_version(&p.text).map(|v| Field {
                text: v,
                location: p.location,
            })
        });
        from_purl.or_else(|| {
            cpe.as_ref().and_then(|c| {
                cpe_version(&c.text).map(|v| Field {
                    text: v,
                    location: c.location,
                })
            })
        })
    });
    let location = stated.as_ref().map_or(name.location, |v| v.location);

    let qualified = match &group {
        Some(g) => format!("{g}/{}", name.text),
        None => name.text.clone(),
    };
    let mut evidence = match &stated {
        Some(v) => format!("{qualified}@{}", v.text),
        None => qualified.clone(),
    };
    if let Some(p) = &purl {
        evidence.push_str(&format!(" ({})", p.text));
    }

    let mut related = Vec::new();
    if declaration.line != location.line || stated.is_none() {
        let mut note = format!("{noun} {qualified}");
        if let Some((kind, id)) = &reference {
            note.push_str(&format!(" ({kind} {id})"));
        }
        if let Some(p) = &parent {
            note.push_str(&format!(", part of {p}"));
        }
        related.push(Related::new("declaration", declaration, redact(&note)));
    }
    if let Some(p) = &purl {
        related.push(Related::new(
            "purl",
            p.location,
            redact(&format!("purl {}", p.text)),
        ));
    }
    if let Some(c) = &cpe {
        related.push(Related::new(
            "cpe",
            c.location,
            redact(&format!("cpe {}", c.text)),
        ));
    }

    let mut fact = Fact::new(FactKind::Component, location, redact(&evidence));
    fact.component = Some(Component {
        name: name.text,
        version: stated.map(|v| v.text),
        purl: purl.map(|p| p.text),
        cpe: cpe.map(|c| c.text),
    });
    fact.related = related;
    fact
}

/// SPDX's words for "no value": `NOASSERTION` (the author does not say) and
/// `NONE` (there is none). A version or locator written so is absent.
pub fn is_spdx_no_value(text: &str) -> bool {
    matches!(text.trim(), "NOASSERTION" | "NONE")
}

/// The package identifiers among an SPDX package's external references:
/// the first `purl`, the first `cpe23Type` and the first `cpe22Type`
/// (SPDX 2.3 clause 7.21 and Annex F; SPDX 3 `externalIdentifierType`
/// `packageUrl`, `cpe23`, `cpe22`). Tools such as syft write several CPE
/// guesses per package; the first one stands for the package.
#[derive(Debug, Default)]
pub struct PackageRefs {
    purl: Option<Field>,
    cpe23: Option<Field>,
    cpe22: Option<Field>,
}

impl PackageRefs {
    /// Records a reference of `ref_type` (case-insensitive); other types
    /// (`swh`, `gitoid`, `advisory`, ...) are not package identifiers.
    pub fn add(&mut self, ref_type: &str, locator: Field) {
        if is_spdx_no_value(&locator.text) {
            return;
        }
        let slot = match ref_type.trim().to_ascii_lowercase().as_str() {
            "purl" | "packageurl" => &mut self.purl,
            "cpe23type" | "cpe23" => &mut self.cpe23,
            "cpe22type" | "cpe22" => &mut self.cpe22,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(locator);
        }
    }

    /// The purl and the CPE (2.3 preferred over 2.2).
    pub fn into_parts(self) -> (Option<Field>, Option<Field>) {
        (self.purl, self.cpe23.or(self.cpe22))
    }
}

/// The version of a package URL (`pkg:type/namespace/name@version?q#s`),
/// percent-decoded; `None` when it has none.
pub fn purl_version(purl: &str) -> Option<String> {
    let rest = purl.trim().strip_prefix("pkg:")?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    // The version follows the last '@' of the path (an '@' in a namespace
    // such as npm's `@scope` is percent-encoded as `%40`).
    let (_, version) = rest.rsplit_once('@')?;
    let decoded = percent_decode(version);
    let decoded = decoded.trim();
    (!decoded.is_empty()).then(|| decoded.to_owned())
}

/// Decodes `%XX` escapes; a malformed escape stays as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The version field of a CPE: 2.3 formatted string
/// (`cpe:2.3:a:openssl:openssl:0.9.8zh:*:…`, field 6) or 2.2 URI
/// (`cpe:/a:openssl:openssl:0.9.8zh`, field 5). `*`, `-` and empty mean
/// "any" / "not applicable": no version.
pub fn cpe_version(cpe: &str) -> Option<String> {
    let cpe = cpe.trim();
    let field = if let Some(rest) = cpe.strip_prefix("cpe:2.3:") {
        split_cpe23(rest).into_iter().nth(3)
    } else if let Some(rest) = cpe.strip_prefix("cpe:/") {
        rest.split(':').nth(3).map(percent_decode)
    } else {
        None
    }?;
    let field = field.trim();
    (!matches!(field, "" | "*" | "-")).then(|| field.to_owned())
}

/// Splits the fields of a CPE 2.3 formatted string after `cpe:2.3:` at
/// unescaped colons, removing the backslash escapes.
fn split_cpe23(rest: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ':' => fields.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    fields.push(current);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize) -> Location {
        Location {
            line,
            column: 1,
            end_line: line,
            end_column: 2,
        }
    }

    fn entry(name: &str, version: Option<&str>, purl: Option<&str>, cpe: Option<&str>) -> Entry {
        Entry {
            noun: "Package",
            name: Field::new(name, at(1)).unwrap_or_else(|| panic!("blank name")),
            declaration: at(1),
            group: None,
            version: version.and_then(|v| Field::new(v, at(2))),
            purl: purl.and_then(|p| Field::new(p, at(3))),
            cpe: cpe.and_then(|c| Field::new(c, at(4))),
            reference: Some(("SPDXID", "SPDXRef-x".to_owned())),
            parent: None,
        }
    }

    #[test]
    fn version_comes_from_the_field_then_purl_then_cpe() {
        let f = component_fact(entry(
            "libssl",
            None,
            Some("pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf"),
            Some("cpe:2.3:a:openssl:openssl:1.0.0:*:*:*:*:*:*:*"),
        ));
        let c = f
            .component
            .as_ref()
            .unwrap_or_else(|| panic!("no component"));
        assert_eq!(c.version.as_deref(), Some("1.0.1t-1+deb8u12"));
        assert_eq!(f.location.line, 3);
        let f = component_fact(entry(
            "openssl",
            None,
            None,
            Some("cpe:/a:openssl:openssl:0.9.8o"),
        ));
        assert_eq!(f.location.line, 4);
        let f = component_fact(entry("nss", Some(" "), None, None));
        assert!(f.component.is_some_and(|c| c.version.is_none()));
        assert_eq!(f.location.line, 1);
        assert_eq!(f.related[0].message, "Package nss (SPDXID SPDXRef-x)");
    }

    #[test]
    fn purl_and_cpe_versions() {
        assert_eq!(
            purl_version("pkg:npm/%40scope/name@1.2.3?x=1#sub").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(purl_version("pkg:generic/openssl").as_deref(), None);
        assert_eq!(purl_version("not-a-purl@1").as_deref(), None);
        assert_eq!(purl_version("pkg:generic/x@").as_deref(), None);
        assert_eq!(purl_version("pkg:generic/x@%ZZ").as_deref(), Some("%ZZ"));
        assert_eq!(
            cpe_version("cpe:2.3:a:vendor:prod\\:uct:1.0\\:beta:*:*:*:*:*:*:*").as_deref(),
            Some("1.0:beta")
        );
        assert_eq!(cpe_version("cpe:2.3:a:openssl:openssl").as_deref(), None);
        assert_eq!(cpe_version("cpe:/a:openssl:openssl:-").as_deref(), None);
        assert_eq!(
            cpe_version("cpe:2.3:a:mozilla:nss:*:*:*:*:*:*:*:*").as_deref(),
            None
        );
        assert_eq!(cpe_version("openssl").as_deref(), None);
    }
}
