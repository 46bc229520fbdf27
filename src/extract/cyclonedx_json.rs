//! CycloneDX JSON SBOMs (specification 1.2 to 1.7): one `component` fact
//! per component, for the policies to match against TLS library data.
//!
//! Firmware vendors (printers and MFPs that scan to e-mail, NAS boxes,
//! controllers) ship CycloneDX SBOMs; a component such as OpenSSL 0.9.8
//! nested inside a firmware component is the evidence that the device
//! cannot do TLS 1.2. The extractor reports every component and never
//! decides which are TLS libraries: that is policy data
//! (`policies/data/components.json`).
//!
//! What is read (field names from the CycloneDX JSON schemas
//! `bom-1.2.schema.json` … `bom-1.7.schema.json`):
//! - `bomFormat` must be `"CycloneDX"` (required by every schema version);
//! - `metadata.component` (the product the BOM describes) and the top-level
//!   `components`, each walked recursively through nested `components`
//!   (assemblies: firmware → subsystem → library);
//! - per component: `name` (required), `group`, `version`, `purl`, `cpe`,
//!   `bom-ref`. `name` stays the name; `group` is kept in the evidence and
//!   the declaration note, not folded into the name.
//! - When `version` is absent (optional since 1.4, replaced by
//!   `versionRange` for external components in 1.7) the version written in
//!   the `purl` (`pkg:type/ns/name@VERSION`) or in a CPE 2.3 / 2.2 string is
//!   used, and the fact's location is that line.
//!
//! Not walked: `pedigree` (ancestors, descendants and variants describe
//! where a component came from, not what ships), `metadata.tools` (the
//! programs that wrote the SBOM), `formulation` (the build environment) and
//! `services`.
//!
//! Locations: the component's `version` value, else the `purl`/`cpe` value
//! that supplied the version, else its `name`. Related entries: `declaration`
//! (the `name` line with group, bom-ref and parent), `purl`, `cpe`.
//!
//! Invalid JSON, a document that is not CycloneDX, or one whose shape breaks
//! the schema where it matters (`components` not an array, a component not
//! an object or without a string `name`) is an error with its line.

use crate::extract::common::json::{self, Node};
use crate::extract::common::sbom::{component_fact, Entry, Field};
use crate::extract::ExtractError;
use crate::facts::{Fact, Location};
use crate::source::SourceFile;
use std::ops::Range;

/// How much of the start and of the end of a `.json` file the sniffer reads.
/// Every generator seen (CycloneDX libraries for Java, .NET, Go, Python and
/// JavaScript, syft, trivy, cdxgen) writes `bomFormat` among the first keys;
/// the tail covers writers that put it last. Large non-SBOM JSON costs two
/// bounded substring searches.
const SNIFF_WINDOW: usize = 64 * 1024;

/// Whether `text` looks like a CycloneDX JSON document: it starts with an
/// object and has `"bomFormat": "CycloneDX"` near its start or end.
pub fn sniff(text: &str) -> bool {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with('{') {
        return false;
    }
    let head = prefix(text, SNIFF_WINDOW);
    if has_bom_format(head) {
        return true;
    }
    text.len() > SNIFF_WINDOW && has_bom_format(suffix(text, SNIFF_WINDOW))
}

fn prefix(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn suffix(text: &str, n: usize) -> &str {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// `"bomFormat"`, optional whitespace, `:`, optional whitespace, `"CycloneDX"`.
fn has_bom_format(window: &str) -> bool {
    let mut rest = window;
    while let Some(at) = rest.find("\"bomFormat\"") {
        rest = &rest[at + "\"bomFormat\"".len()..];
        let after = rest.trim_start();
        if let Some(value) = after.strip_prefix(':') {
            if value.trim_start().starts_with("\"CycloneDX\"") {
                return true;
            }
        }
    }
    false
}

/// Extracts one `component` fact per component of the BOM.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let root = json::parse(file.text).map_err(|e| {
        ExtractError::new(
            format!("invalid JSON: {}", e.message),
            Some(file.position(e.offset).0),
        )
    })?;
    let line_of = |node: &Node| Some(file.position(node.span.start).0);
    if root.members().is_none() {
        return Err(ExtractError::new(
            format!(
                "not a CycloneDX BOM: the document is a JSON {}, not an object",
                root.type_name()
            ),
            line_of(&root),
        ));
    }
    match root.get("bomFormat") {
        Some(v) if v.as_str() == Some("CycloneDX") => {}
        Some(v) => {
            return Err(ExtractError::new(
                "not a CycloneDX BOM: `bomFormat` is not \"CycloneDX\"",
                line_of(v),
            ))
        }
        None => {
            return Err(ExtractError::new(
                "not a CycloneDX BOM: no `bomFormat`",
                Some(1),
            ))
        }
    }

    let mut walker = Walker {
        file,
        facts: Vec::new(),
    };
    if let Some(metadata) = root.get("metadata").filter(|m| !m.is_null()) {
        if metadata.members().is_none() {
            return Err(shape_error(file, "`metadata`", "an object", metadata));
        }
        if let Some(component) = metadata.get("component").filter(|c| !c.is_null()) {
            walker.walk(std::slice::from_ref(component), None)?;
        }
    }
    if let Some(components) = root.get("components").filter(|c| !c.is_null()) {
        let Some(items) = components.items() else {
            return Err(shape_error(file, "`components`", "an array", components));
        };
        walker.walk(items, None)?;
    }
    Ok(walker.facts)
}

fn shape_error(file: &SourceFile, what: &str, expected: &str, node: &Node) -> ExtractError {
    let found = match node.type_name() {
        "null" => "null",
        t @ ("object" | "array") => &format!("an {t}"),
        t => &format!("a {t}"),
    };
    ExtractError::new(
        format!("not a valid CycloneDX BOM: {what} is {found}, not {expected}"),
        Some(file.position(node.span.start).0),
    )
}

struct Walker<'f, 'a> {
    file: &'f SourceFile<'a>,
    facts: Vec<Fact>,
}

/// A component to visit and the evidence text of its parent.
struct Pending<'n, 'a> {
    node: &'n Node<'a>,
    parent: Option<String>,
}

impl Walker<'_, '_> {
    /// Visits `nodes` and their nested components depth-first, without
    /// recursion (nesting is bounded by the JSON parser, but an explicit
    /// stack keeps that bound irrelevant).
    fn walk(&mut self, nodes: &[Node], parent: Option<String>) -> Result<(), ExtractError> {
        let mut stack: Vec<Pending> = nodes
            .iter()
            .rev()
            .map(|node| Pending {
                node,
                parent: parent.clone(),
            })
            .collect();
        while let Some(Pending { node, parent }) = stack.pop() {
            let fact = self.component(node, parent.as_deref())?;
            let label = fact.evidence.clone();
            self.facts.push(fact);
            if let Some(children) = node.get("components").filter(|c| !c.is_null()) {
                let Some(items) = children.items() else {
                    return Err(shape_error(
                        self.file,
                        "a component's `components`",
                        "an array",
                        children,
                    ));
                };
                stack.extend(items.iter().rev().map(|child| Pending {
                    node: child,
                    parent: Some(label.clone()),
                }));
            }
        }
        Ok(())
    }

    fn location(&self, span: Range<usize>) -> Location {
        self.file.location(span.start, span.end)
    }

    /// The `component` fact of one component object.
    fn component(&self, node: &Node, parent: Option<&str>) -> Result<Fact, ExtractError> {
        if node.members().is_none() {
            return Err(shape_error(self.file, "a component", "an object", node));
        }
        let Some((name_key, name_node)) = node.get_member("name") else {
            return Err(ExtractError::new(
                "not a valid CycloneDX BOM: a component has no `name`",
                Some(self.file.position(node.span.start).0),
            ));
        };
        let Some(name) = name_node.as_str() else {
            return Err(shape_error(
                self.file,
                "a component's `name`",
                "a string",
                name_node,
            ));
        };
        let field = |key: &str| -> Option<Field> {
            let value = node.get(key)?;
            Field::new(value.as_str()?, self.location(value.inner_span()))
        };
        // `version` is a string; a number is accepted as written.
        let version = node.get("version").and_then(|v| {
            let text = v.as_str().or(v.as_number())?;
            Field::new(text, self.location(v.inner_span()))
        });
        Ok(component_fact(Entry {
            noun: "Component",
            name: Field {
                text: name.trim().to_owned(),
                location: self.location(name_node.inner_span()),
            },
            declaration: self.location(name_key.span.start..name_node.span.end),
            group: field("group").map(|g| g.text),
            version,
            purl: field("purl"),
            cpe: field("cpe"),
            reference: field("bom-ref").map(|r| ("bom-ref", r.text)),
            parent: parent.map(str::to_owned),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::component;
    use crate::facts::FactKind;

    fn facts(text: &str) -> Vec<Fact> {
        let file = SourceFile::new("bom.json", text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn error(text: &str) -> ExtractError {
        let file = SourceFile::new("bom.json", text);
        match extract(&file) {
            Ok(f) => panic!("expected an error, got {} facts", f.len()),
            Err(e) => e,
        }
    }

    const PRINTER: &str = r#"{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "version": 1,
  "metadata": {
    "component": {
      "type": "firmware",
      "bom-ref": "fw",
      "name": "mfp-firmware",
      "version": "4.11.2",
      "components": [
        {
          "type": "library",
          "group": "org.openssl",
          "name": "openssl",
          "version": "0.9.8zh",
          "purl": "pkg:generic/openssl@0.9.8zh",
          "cpe": "cpe:2.3:a:openssl:openssl:0.9.8zh:*:*:*:*:*:*:*"
        }
      ]
    }
  },
  "components": [
    {"type": "library", "name": "busybox", "version": "1.22.1"}
  ]
}"#;

    #[test]
    fn walks_metadata_and_nested_components() {
        let facts = facts(PRINTER);
        let names: Vec<_> = facts.iter().map(|f| component(f).name.as_str()).collect();
        assert_eq!(names, ["mfp-firmware", "openssl", "busybox"]);
        let ssl = &facts[1];
        assert_eq!(ssl.kind, FactKind::Component);
        let c = component(ssl);
        assert_eq!(c.version.as_deref(), Some("0.9.8zh"));
        assert_eq!(c.purl.as_deref(), Some("pkg:generic/openssl@0.9.8zh"));
        assert_eq!(
            c.cpe.as_deref(),
            Some("cpe:2.3:a:openssl:openssl:0.9.8zh:*:*:*:*:*:*:*")
        );
        // Location: the version value (line 16), without quotes.
        assert_eq!(
            (
                ssl.location.line,
                ssl.location.column,
                ssl.location.end_column
            ),
            (16, 23, 30)
        );
        assert_eq!(
            ssl.evidence,
            "org.openssl/openssl@0.9.8zh (pkg:generic/openssl@0.9.8zh)"
        );
        let roles: Vec<_> = ssl
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(roles, [("declaration", 15), ("purl", 17), ("cpe", 18)]);
        assert!(ssl.related[0]
            .message
            .contains("part of mfp-firmware@4.11.2"));
        assert_eq!(
            facts[0].related[0].message,
            "Component mfp-firmware (bom-ref fw)"
        );
        // A one-line component has no separate declaration entry.
        assert!(facts[2].related.is_empty());
        assert_eq!(facts[2].location.line, 24);
    }

    #[test]
    fn version_from_purl_or_cpe_when_absent() {
        let text = r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
 {"type": "library", "name": "libssl1.0.0",
  "purl": "pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf"},
 {"type": "library", "name": "openssl",
  "cpe": "cpe:2.3:a:openssl:openssl:1.0.0t:*:*:*:*:*:*:*"},
 {"type": "library", "name": "cyassl",
  "cpe": "cpe:/a:yassl:cyassl:2.9.0"},
 {"type": "library", "name": "nss", "cpe": "cpe:2.3:a:mozilla:nss:*:*:*:*:*:*:*:*"},
 {"type": "library", "name": "zlib", "version": ""}
]}"#;
        let facts = facts(text);
        let versions: Vec<_> = facts
            .iter()
            .map(|f| component(f).version.as_deref())
            .collect();
        assert_eq!(
            versions,
            [
                Some("1.0.1t-1+deb8u12"),
                Some("1.0.0t"),
                Some("2.9.0"),
                None,
                None
            ]
        );
        // The purl line states the version: it is the location.
        assert_eq!(facts[0].location.line, 3);
        assert_eq!(facts[1].location.line, 5);
        // No version anywhere: the name.
        assert_eq!(facts[3].location.line, 8);
        assert_eq!(facts[3].evidence, "nss");
    }

    #[test]
    fn numeric_versions_and_duplicates() {
        let text = r#"{"bomFormat":"CycloneDX","specVersion":"1.4","components":[
{"type":"library","name":"polarssl","version":1.1,"version":"1.1.4"},
{"type":"library","name":"axtls","version":1.4}]}"#;
        let facts = facts(text);
        assert_eq!(component(&facts[0]).version.as_deref(), Some("1.1.4"));
        assert_eq!(component(&facts[1]).version.as_deref(), Some("1.4"));
    }

    #[test]
    fn empty_and_minimal_boms() {
        assert!(facts(r#"{"bomFormat": "CycloneDX", "specVersion": "1.2"}"#).is_empty());
        assert!(facts(
            r#"{"bomFormat":"CycloneDX","specVersion":"1.5","components":[],"metadata":{"tools":[{"name":"syft","version":"0.9"}]}}"#
        )
        .is_empty());
        assert!(facts(r#"{"bomFormat":"CycloneDX","components":null,"metadata":null}"#).is_empty());
    }

    #[test]
    fn pedigree_and_tools_are_not_components() {
        let text = r#"{"bomFormat":"CycloneDX","specVersion":"1.5",
"metadata":{"tools":{"components":[{"type":"application","name":"openssl","version":"0.9.8"}]}},
"components":[{"type":"library","name":"openssl","version":"3.0.13",
 "pedigree":{"ancestors":[{"type":"library","name":"openssl","version":"0.9.8zh"}]}}]}"#;
        let facts = facts(text);
        assert_eq!(facts.len(), 1);
        assert_eq!(component(&facts[0]).version.as_deref(), Some("3.0.13"));
    }

    #[test]
    fn malformed_documents_are_errors_with_lines() {
        for (text, want, line) in [
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [\n{\"name\": \"a\",}\n]}", "invalid JSON", 3),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [", "invalid JSON", 2),
            ("[1, 2]", "not a CycloneDX BOM", 1),
            ("{\"bomFormat\": \"SPDX\"}", "bomFormat", 1),
            ("{\"specVersion\": \"1.4\"}", "no `bomFormat`", 1),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": {\"name\": \"x\"}}", "`components` is an object", 2),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [\"openssl\"]}", "a component is a string", 2),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [\n{\"version\": \"1\"}]}", "has no `name`", 3),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [{\"name\": 5}]}", "`name` is a number", 2),
            ("{\"bomFormat\": \"CycloneDX\",\n\"components\": [{\"name\": \"a\",\n\"components\": {}}]}", "a component's `components`", 3),
            ("{\"bomFormat\": \"CycloneDX\",\n\"metadata\": []}", "`metadata`", 2),
        ] {
            let e = error(text);
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(line), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn sniff_accepts_cyclonedx_and_rejects_other_json() {
        assert!(sniff(PRINTER));
        assert!(sniff("\u{feff}{\"$schema\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\",\n  \"bomFormat\" : \"CycloneDX\"}"));
        assert!(!sniff("{\"spdxVersion\": \"SPDX-2.3\"}"));
        assert!(!sniff("[{\"bomFormat\": \"CycloneDX\"}]"));
        assert!(!sniff("{\"note\": \"bomFormat is a CycloneDX field\"}"));
        assert!(!sniff("{\"bomFormat\": \"Other\"}"));
        // bomFormat written last in a large document.
        let mut big = String::from("{\"components\": [");
        for i in 0..5_000 {
            big.push_str(&format!("{{\"name\": \"c{i}\", \"version\": \"1.0\"}},"));
        }
        big.push_str("{\"name\": \"last\"}], \"bomFormat\": \"CycloneDX\"}");
        assert!(big.len() > SNIFF_WINDOW * 2);
        assert!(sniff(&big));
        // A large JSON document that is not an SBOM.
        let other = format!("{{\"data\": [{}0]}}", "1, ".repeat(100_000));
        assert!(!sniff(&other));
        assert!(!sniff(""));
    }

    #[test]
    fn large_sboms_stay_linear() {
        let mut text = String::from(
            "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\n",
        );
        for i in 0..12_000 {
            if i > 0 {
                text.push_str(",\n");
            }
            text.push_str(&format!(
                "{{\"type\": \"library\", \"bom-ref\": \"pkg:npm/lib{i}@2.{i}\", \"name\": \"lib{i}\", \"version\": \"2.{i}\", \"purl\": \"pkg:npm/lib{i}@2.{i}\", \"components\": [{{\"type\": \"file\", \"name\": \"f{i}\"}}]}}"
            ));
        }
        text.push_str("\n]}");
        let facts = facts(&text);
        assert_eq!(facts.len(), 24_000);
        assert_eq!(facts[23_998].location.line, 12_001);
    }
}
