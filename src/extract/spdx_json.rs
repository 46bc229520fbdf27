//! SPDX JSON SBOMs: one `component` fact per package, for the policies to
//! match against TLS library data (as for CycloneDX, `common::sbom`).
//!
//! SPDX 2.2 / 2.3 JSON (`spdx-schema.json` of spdx/spdx-spec, clause 7
//! "Package information"), as syft, trivy, Yocto (`create-spdx`),
//! Microsoft sbom-tool and the Zephyr/Buildroot exporters write it:
//! - the document has `"spdxVersion": "SPDX-2.x"`;
//! - each of `packages[]` gives `name` (required), `SPDXID`, `versionInfo`
//!   (`NOASSERTION`/`NONE` = no version) and `externalRefs[]` with
//!   `referenceType` `purl`, `cpe23Type` or `cpe22Type` and its
//!   `referenceLocator` (the category, `PACKAGE-MANAGER`/`PACKAGE_MANAGER`
//!   or `SECURITY`, is not needed to tell them apart).
//!
//! SPDX 3.0 JSON-LD (`@context` `https://spdx.org/rdf/3.0.x/spdx-context.jsonld`,
//! model of spdx/spdx-3-model): the `@graph` elements of type
//! `software_Package`, with `name`, `software_packageVersion`,
//! `software_packageUrl` and `externalIdentifier[]` (`externalIdentifierType`
//! `packageUrl`, `cpe23`, `cpe22` with its `identifier`); `spdxId` is the
//! reference. Files, snippets, relationships and the rest of the graph are
//! not packages.
//!
//! `files`, `snippets`, `relationships` and `hasExtractedLicensingInfos` of
//! SPDX 2 describe other things and are not read. SPDX packages are flat
//! (containment is a relationship), so there is no nesting to walk.

use crate::extract::common::json::{self, Node};
use crate::extract::common::sbom::{component_fact, is_spdx_no_value, Entry, Field, PackageRefs};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// How much of the start of a `.json` file the sniffer reads; every SPDX
/// writer seen puts `spdxVersion` or `@context` among the first members.
const SNIFF_WINDOW: usize = 64 * 1024;

/// The `@context` of SPDX 3 documents starts with this.
const SPDX3_CONTEXT: &str = "spdx.org/rdf/3.";

/// Whether `text` looks like an SPDX JSON document (2.x or 3.x).
pub fn sniff(text: &str) -> bool {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with('{') {
        return false;
    }
    let mut end = SNIFF_WINDOW.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.contains("\"spdxVersion\"")
        || (head.contains("\"@context\"") && head.contains(SPDX3_CONTEXT))
}

/// Extracts one `component` fact per package.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let root = json::parse(file.text).map_err(|e| {
        ExtractError::new(
            format!("invalid JSON: {}", e.message),
            Some(file.position(e.offset).0),
        )
    })?;
    let reader = Reader { file };
    if root.members().is_none() {
        return Err(reader.shape_error("the document", "an object", &root));
    }
    if let Some(version) = root.get("spdxVersion") {
        return match version.as_str() {
            Some(v) if v.trim().starts_with("SPDX-") => reader.spdx2(&root),
            _ => Err(ExtractError::new(
                "not an SPDX document: `spdxVersion` is not \"SPDX-<version>\"",
                reader.line(version),
            )),
        };
    }
    if root.get("@context").is_some_and(is_spdx3_context) {
        return reader.spdx3(&root);
    }
    Err(ExtractError::new(
        "not an SPDX document: no `spdxVersion` (SPDX 2) or SPDX 3 `@context`",
        Some(1),
    ))
}

/// Whether an `@context` value (a string or an array of strings and
/// objects) names the SPDX 3 context.
fn is_spdx3_context(node: &Node) -> bool {
    match (node.as_str(), node.items()) {
        (Some(s), _) => s.contains(SPDX3_CONTEXT),
        (_, Some(items)) => items
            .iter()
            .any(|i| i.as_str().is_some_and(|s| s.contains(SPDX3_CONTEXT))),
        _ => false,
    }
}

struct Reader<'f, 'a> {
    file: &'f SourceFile<'a>,
}

impl Reader<'_, '_> {
    fn line(&self, node: &Node) -> Option<usize> {
        Some(self.file.position(node.span.start).0)
    }

    fn field(&self, node: &Node) -> Option<Field> {
        let text = node.as_str()?;
        let span = node.inner_span();
        Field::new(text, self.file.location(span.start, span.end))
    }

    /// A string member as a field; `NOASSERTION`/`NONE` count as absent.
    fn value(&self, object: &Node, key: &str) -> Option<Field> {
        self.field(object.get(key)?)
            .filter(|f| !is_spdx_no_value(&f.text))
    }

    fn shape_error(&self, what: &str, expected: &str, node: &Node) -> ExtractError {
        let found = match node.type_name() {
            "null" => "null".to_owned(),
            t @ ("object" | "array") => format!("an {t}"),
            t => format!("a {t}"),
        };
        ExtractError::new(
            format!("not a valid SPDX document: {what} is {found}, not {expected}"),
            self.line(node),
        )
    }

    /// The items of array member `key` of `object` (none when absent/null).
    fn array<'n, 'a>(
        &self,
        object: &'n Node<'a>,
        key: &str,
        what: &str,
    ) -> Result<&'n [Node<'a>], ExtractError> {
        match object.get(key).filter(|n| !n.is_null()) {
            None => Ok(&[]),
            Some(n) => n
                .items()
                .ok_or_else(|| self.shape_error(what, "an array", n)),
        }
    }

    fn spdx2(&self, root: &Node) -> Result<Vec<Fact>, ExtractError> {
        let mut facts = Vec::new();
        for package in self.array(root, "packages", "`packages`")? {
            if package.members().is_none() {
                return Err(self.shape_error("a package", "an object", package));
            }
            let Some((name_key, name_node)) = package.get_member("name") else {
                return Err(ExtractError::new(
                    "not a valid SPDX document: a package has no `name`",
                    self.line(package),
                ));
            };
            let Some(name) = self.field(name_node) else {
                return Err(self.shape_error(
                    "a package's `name`",
                    "a non-empty string",
                    name_node,
                ));
            };
            let mut refs = PackageRefs::default();
            for r in self.array(package, "externalRefs", "a package's `externalRefs`")? {
                let (Some(ref_type), Some(locator)) = (
                    r.get("referenceType").and_then(Node::as_str),
                    r.get("referenceLocator").and_then(|l| self.field(l)),
                ) else {
                    continue;
                };
                refs.add(ref_type, locator);
            }
            let (purl, cpe) = refs.into_parts();
            facts.push(component_fact(Entry {
                noun: "Package",
                name,
                declaration: self.file.location(name_key.span.start, name_node.span.end),
                group: None,
                version: self.value(package, "versionInfo"),
                purl,
                cpe,
                reference: self.value(package, "SPDXID").map(|r| ("SPDXID", r.text)),
                parent: None,
            }));
        }
        Ok(facts)
    }

    fn spdx3(&self, root: &Node) -> Result<Vec<Fact>, ExtractError> {
        let mut facts = Vec::new();
        for element in self.array(root, "@graph", "`@graph`")? {
            if element.members().is_none() {
                return Err(self.shape_error("an `@graph` element", "an object", element));
            }
            let kind = element
                .get("type")
                .or_else(|| element.get("@type"))
                .and_then(Node::as_str);
            if kind != Some("software_Package") {
                continue;
            }
            let mut refs = PackageRefs::default();
            if let Some(purl) = self.value(element, "software_packageUrl") {
                refs.add("purl", purl);
            }
            let identifiers = self.array(
                element,
                "externalIdentifier",
                "a package's `externalIdentifier`",
            )?;
            for id in identifiers {
                let (Some(id_type), Some(identifier)) = (
                    id.get("externalIdentifierType").and_then(Node::as_str),
                    id.get("identifier").and_then(|i| self.field(i)),
                ) else {
                    continue;
                };
                refs.add(id_type, identifier);
            }
            let (purl, cpe) = refs.into_parts();
            let spdx_id = self.value(element, "spdxId");
            // `name` is optional on SPDX 3 elements: without it the package
            // is named by its identifier (its purl still identifies it).
            let (name, declaration) = match element.get_member("name") {
                Some((key, node)) => match self.field(node) {
                    Some(name) => (name, self.file.location(key.span.start, node.span.end)),
                    None => {
                        return Err(self.shape_error(
                            "a package's `name`",
                            "a non-empty string",
                            node,
                        ))
                    }
                },
                None => {
                    let start = element.span.start;
                    let location = self.file.location(start, start + 1);
                    let text = spdx_id
                        .as_ref()
                        .map_or("unnamed package", |s| s.text.as_str());
                    (
                        Field {
                            text: text.to_owned(),
                            location,
                        },
                        location,
                    )
                }
            };
            facts.push(component_fact(Entry {
                noun: "Package",
                name,
                declaration,
                group: None,
                version: self.value(element, "software_packageVersion"),
                purl,
                cpe,
                reference: spdx_id.map(|r| ("spdxId", r.text)),
                parent: None,
            }));
        }
        Ok(facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support;
    use crate::extract::test_support::component;

    fn facts(text: &str) -> Vec<Fact> {
        test_support::facts(extract, "sbom.spdx.json", text)
    }

    /// The shape syft 0.9x writes for a Debian image (trimmed).
    const SYFT: &str = r#"{
 "spdxVersion": "SPDX-2.3",
 "dataLicense": "CC0-1.0",
 "SPDXID": "SPDXRef-DOCUMENT",
 "name": "nvr-rootfs",
 "documentNamespace": "https://anchore.com/syft/dir/nvr-rootfs-5b1c",
 "creationInfo": {"creators": ["Organization: Anchore, Inc", "Tool: syft-0.94.0"], "created": "2024-02-01T10:00:00Z"},
 "packages": [
  {
   "name": "libssl1.0.0",
   "SPDXID": "SPDXRef-Package-deb-libssl1.0.0-8a1f",
   "versionInfo": "1.0.1t-1+deb8u12",
   "supplier": "Person: Debian OpenSSL Team <pkg-openssl-devel@lists.alioth.debian.org>",
   "downloadLocation": "NOASSERTION",
   "externalRefs": [
    {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:libssl1.0.0:libssl1.0.0:1.0.1t-1\\+deb8u12:*:*:*:*:*:*:*"},
    {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:openssl:openssl:1.0.1t:*:*:*:*:*:*:*"},
    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf&distro=debian-8"}
   ]
  },
  {"name": "zlib1g", "SPDXID": "SPDXRef-Package-deb-zlib1g", "versionInfo": "NOASSERTION",
   "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "pkg:deb/debian/zlib1g@1:1.2.8.dfsg-2"}]},
  {"name": "busybox", "SPDXID": "SPDXRef-Package-busybox", "downloadLocation": "NONE"}
 ],
 "files": [{"fileName": "/usr/lib/libssl.so.1.0.0", "SPDXID": "SPDXRef-File-1"}],
 "relationships": [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Package-busybox"}]
}"#;

    #[test]
    fn spdx2_packages_with_external_refs() {
        let facts = facts(SYFT);
        assert_eq!(facts.len(), 3);
        let ssl = &facts[0];
        let c = component(ssl);
        assert_eq!(c.name, "libssl1.0.0");
        assert_eq!(c.version.as_deref(), Some("1.0.1t-1+deb8u12"));
        assert_eq!(
            c.purl.as_deref(),
            Some("pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf&distro=debian-8")
        );
        // The first CPE stands for the package.
        assert!(c
            .cpe
            .as_deref()
            .is_some_and(|c| c.contains("libssl1.0.0:libssl1.0.0")));
        assert_eq!(ssl.location.line, 12);
        let roles: Vec<_> = ssl
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(roles, [("declaration", 10), ("purl", 18), ("cpe", 16)]);
        assert!(ssl.related[0]
            .message
            .contains("SPDXID SPDXRef-Package-deb-libssl1.0.0-8a1f"));
        // NOASSERTION: the purl's version (epoch kept as written).
        let z = component(&facts[1]);
        assert_eq!(z.version.as_deref(), Some("1:1.2.8.dfsg-2"));
        assert_eq!(facts[1].location.line, 22);
        assert!(component(&facts[2]).version.is_none());
    }

    #[test]
    fn spdx3_software_packages() {
        let text = r#"{
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    {"type": "CreationInfo", "@id": "_:creationinfo", "specVersion": "3.0.1", "created": "2025-01-01T00:00:00Z"},
    {"type": "SpdxDocument", "spdxId": "urn:doc", "rootElement": ["urn:pkg:fw"]},
    {"type": "software_Package", "spdxId": "urn:pkg:fw", "name": "gateway-firmware", "software_packageVersion": "2.4.0"},
    {"type": "software_Package", "spdxId": "urn:pkg:wolfssl",
     "name": "cyassl",
     "software_packageVersion": "1.0.4",
     "externalIdentifier": [
       {"type": "ExternalIdentifier", "externalIdentifierType": "cpe23", "identifier": "cpe:2.3:a:yassl:cyassl:1.0.4:*:*:*:*:*:*:*"}
     ]},
    {"type": "software_Package", "spdxId": "urn:pkg:anon", "software_packageUrl": "pkg:generic/axtls@1.4.9"},
    {"type": "software_File", "spdxId": "urn:file", "name": "libcyassl.so"}
  ]
}"#;
        assert!(sniff(text));
        let facts = facts(text);
        let got: Vec<_> = facts
            .iter()
            .map(|f| {
                let c = component(f);
                (
                    c.name.as_str(),
                    c.version.as_deref(),
                    c.cpe.is_some(),
                    f.location.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("gateway-firmware", Some("2.4.0"), false, 6),
                ("cyassl", Some("1.0.4"), true, 9),
                ("urn:pkg:anon", Some("1.4.9"), false, 13),
            ]
        );
    }

    #[test]
    fn malformed_documents_are_errors_with_lines() {
        for (text, want, line) in [
            ("{\"spdxVersion\": \"SPDX-2.3\",\n\"packages\": [\n{\"name\": \"a\",}]}", "invalid JSON", 3),
            ("[]", "not a valid SPDX document", 1),
            ("{\"spdxVersion\": 2.3}", "not an SPDX document", 1),
            ("{\"SPDXID\": \"SPDXRef-DOCUMENT\"}", "no `spdxVersion`", 1),
            ("{\"spdxVersion\": \"SPDX-2.3\",\n\"packages\": {}}", "`packages` is an object", 2),
            ("{\"spdxVersion\": \"SPDX-2.3\",\n\"packages\": [\n{\"SPDXID\": \"x\"}]}", "has no `name`", 3),
            ("{\"spdxVersion\": \"SPDX-2.3\",\n\"packages\": [{\"name\": 1}]}", "`name` is a number", 2),
            ("{\"spdxVersion\": \"SPDX-2.3\",\n\"packages\": [{\"name\": \"a\",\n\"externalRefs\": {}}]}", "`externalRefs` is an object", 3),
            ("{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\n\"@graph\": [7]}", "an `@graph` element is a number", 2),
        ] {
            let e = test_support::error(extract, "x.spdx.json", text);
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(line), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn sniff_tells_spdx_from_other_json() {
        assert!(sniff(SYFT));
        assert!(!sniff("{\"bomFormat\": \"CycloneDX\"}"));
        assert!(!sniff("{\"@context\": \"https://schema.org\"}"));
        assert!(!sniff("[{\"spdxVersion\": \"SPDX-2.3\"}]"));
        assert!(!sniff(""));
    }
}
