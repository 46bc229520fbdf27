//! CycloneDX XML SBOMs (specification 1.0 to 1.7): one `component` fact
//! per component, as for CycloneDX JSON (`cyclonedx_json`), whose shape
//! this format mirrors element for element.
//!
//! What is read (element names from the CycloneDX XML schemas
//! `bom-1.0.xsd` … `bom-1.6.xsd`):
//! - the root `<bom>` in a `http://cyclonedx.org/schema/bom/1.x` namespace
//!   (the namespace names the version; every element of the BOM is in it,
//!   so elements of other namespaces, i.e. extensions, are skipped);
//! - `<metadata><component>` (the product the BOM describes, 1.2+) and
//!   `<components><component>`, each walked through nested
//!   `<components>` (assemblies: firmware → subsystem → library);
//! - per component: `<name>` (required), `<group>`, `<version>` (required
//!   before 1.4), `<purl>`, `<cpe>` and the `bom-ref` attribute. Without a
//!   version the purl's or the CPE's is used (`common::sbom`).
//!
//! Not walked: `<pedigree>` (where a component came from, not what ships),
//! `<metadata><tools>` (the programs that wrote the SBOM, which 1.5 lists
//! as `<tools><components>`), `<formulation>` and `<services>`.
//!
//! Parsing goes through `common::xml` (no external entities, bounded node
//! count); the walk uses an explicit stack, so deep nesting cannot overflow.

use crate::extract::common::sbom::{component_fact, Entry, Field};
use crate::extract::common::xml::{self, Node};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The namespace prefix of every CycloneDX XML version.
const NAMESPACE: &str = "http://cyclonedx.org/schema/bom/";

/// How much of the file the sniffer reads: the namespace is on the root
/// element, after at most an XML declaration and comments.
const SNIFF_WINDOW: usize = 8 * 1024;

/// Whether `text` looks like a CycloneDX XML document: a `<bom` element
/// and the CycloneDX namespace near the start.
pub fn sniff(text: &str) -> bool {
    let mut end = SNIFF_WINDOW.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
        && head.contains(NAMESPACE)
        && (head.contains("<bom") || head.contains(":bom"))
}

/// Extracts one `component` fact per component of the BOM.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let doc = xml::parse(file)?;
    let root = doc.root_element();
    let line_of = |node: Node| Some(file.position(node.range().start).0);
    let namespace = root.tag_name().namespace().unwrap_or("");
    if root.tag_name().name() != "bom" || !namespace.starts_with(NAMESPACE) {
        return Err(ExtractError::new(
            format!(
                "not a CycloneDX BOM: the root element is <{}> in namespace {:?}, not <bom> in {NAMESPACE}1.x",
                root.tag_name().name(),
                namespace
            ),
            line_of(root),
        ));
    }
    let walker = Walker { file, namespace };
    let mut facts = Vec::new();
    for metadata in walker.children(root, "metadata") {
        walker.walk(walker.children(metadata, "component"), &mut facts)?;
    }
    for components in walker.children(root, "components") {
        walker.walk(walker.children(components, "component"), &mut facts)?;
    }
    Ok(facts)
}

struct Walker<'f, 'a> {
    file: &'f SourceFile<'a>,
    /// The BOM's namespace: only its elements are CycloneDX elements.
    namespace: &'f str,
}

impl<'f, 'a> Walker<'f, 'a> {
    /// Child elements of `node` named `name` in the BOM's namespace.
    fn children<'n>(&self, node: Node<'n, 'a>, name: &str) -> Vec<Node<'n, 'a>> {
        node.children()
            .filter(|c| {
                c.is_element()
                    && c.tag_name().name() == name
                    && c.tag_name().namespace() == Some(self.namespace)
            })
            .collect()
    }

    /// Visits `top` and their nested components depth-first, in document
    /// order, without recursion.
    fn walk(&self, top: Vec<Node<'_, 'a>>, facts: &mut Vec<Fact>) -> Result<(), ExtractError> {
        let mut stack: Vec<(Node, Option<String>)> =
            top.into_iter().rev().map(|n| (n, None)).collect();
        while let Some((node, parent)) = stack.pop() {
            let fact = self.component(node, parent)?;
            let label = fact.evidence.clone();
            facts.push(fact);
            let mut nested: Vec<Node> = Vec::new();
            for list in self.children(node, "components") {
                nested.extend(self.children(list, "component"));
            }
            stack.extend(nested.into_iter().rev().map(|n| (n, Some(label.clone()))));
        }
        Ok(())
    }

    /// The trimmed text of child element `name`, with its location.
    fn field(&self, node: Node, name: &str) -> Option<Field> {
        let child = self.children(node, name).into_iter().next()?;
        Field::new(child.text()?, xml::text_location(self.file, child))
    }

    fn component(&self, node: Node, parent: Option<String>) -> Result<Fact, ExtractError> {
        let Some(name_node) = self.children(node, "name").into_iter().next() else {
            return Err(ExtractError::new(
                "not a valid CycloneDX BOM: a <component> has no <name>",
                Some(self.file.position(node.range().start).0),
            ));
        };
        let Some(name) = self.field(node, "name") else {
            return Err(ExtractError::new(
                "not a valid CycloneDX BOM: a <component> has an empty <name>",
                Some(self.file.position(name_node.range().start).0),
            ));
        };
        let reference = node
            .attribute("bom-ref")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| ("bom-ref", r.to_owned()));
        Ok(component_fact(Entry {
            noun: "Component",
            name,
            declaration: xml::location(self.file, name_node.range()),
            group: self.field(node, "group").map(|g| g.text),
            version: self.field(node, "version"),
            purl: self.field(node, "purl"),
            cpe: self.field(node, "cpe"),
            reference,
            parent,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support;
    use crate::extract::test_support::component;

    fn facts(text: &str) -> Vec<Fact> {
        test_support::facts(extract, "bom.xml", text)
    }

    const PRINTER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" xmlns:v="urn:vendor:ext" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata>
    <tools>
      <components>
        <component type="application"><name>openssl</name><version>0.9.8</version></component>
      </components>
    </tools>
    <component type="device" bom-ref="device">
      <name>MFP 4500</name>
      <version>2.61.0</version>
    </component>
  </metadata>
  <components>
    <component type="firmware" bom-ref="fw">
      <name>system-firmware</name>
      <version>2.61.0</version>
      <components>
        <component type="library" bom-ref="fw/openssl">
          <group>org.openssl</group>
          <name>openssl</name>
          <version>0.9.8zh</version>
          <cpe>cpe:2.3:a:openssl:openssl:0.9.8zh:*:*:*:*:*:*:*</cpe>
          <purl>pkg:generic/openssl@0.9.8zh</purl>
          <pedigree><ancestors><component type="library"><name>openssl</name><version>0.9.8a</version></component></ancestors></pedigree>
        </component>
      </components>
    </component>
    <component type="library"><name>libssl1.0.0</name>
      <purl>pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf</purl></component>
    <v:component><name>openssl</name><version>0.9.7</version></v:component>
    <component type="library"><name>zlib</name><version/></component>
  </components>
</bom>
"#;

    #[test]
    fn walks_metadata_and_nested_components() {
        let facts = facts(PRINTER);
        let got: Vec<_> = facts
            .iter()
            .map(|f| {
                let c = component(f);
                (c.name.as_str(), c.version.as_deref(), f.location.line)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("MFP 4500", Some("2.61.0"), 11),
                ("system-firmware", Some("2.61.0"), 17),
                ("openssl", Some("0.9.8zh"), 22),
                ("libssl1.0.0", Some("1.0.1t-1+deb8u12"), 30),
                ("zlib", None, 32),
            ]
        );
        let ssl = &facts[2];
        assert_eq!((ssl.location.column, ssl.location.end_column), (20, 27));
        assert_eq!(
            ssl.evidence,
            "org.openssl/openssl@0.9.8zh (pkg:generic/openssl@0.9.8zh)"
        );
        let c = component(ssl);
        assert_eq!(
            c.cpe.as_deref(),
            Some("cpe:2.3:a:openssl:openssl:0.9.8zh:*:*:*:*:*:*:*")
        );
        let roles: Vec<_> = ssl
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect();
        assert_eq!(roles, [("declaration", 21), ("purl", 24), ("cpe", 23)]);
        assert_eq!(
            ssl.related[0].message,
            "Component org.openssl/openssl (bom-ref fw/openssl), part of system-firmware@2.61.0"
        );
    }

    #[test]
    fn every_schema_version_is_read() {
        for v in ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"] {
            let text = format!(
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/{v}\" version=\"1\"><components>\n<component type=\"library\"><name>polarssl</name><version>1.1.4</version></component></components></bom>"
            );
            assert!(sniff(&text));
            let facts = facts(&text);
            assert_eq!(facts.len(), 1, "{v}");
            assert_eq!(component(&facts[0]).version.as_deref(), Some("1.1.4"));
        }
        // A prefixed namespace.
        let text = "<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.4\"><cdx:components><cdx:component type=\"library\"><cdx:name>axtls</cdx:name><cdx:version>1.4.9</cdx:version></cdx:component></cdx:components></cdx:bom>";
        assert!(sniff(text));
        assert_eq!(facts(text).len(), 1);
        assert!(facts("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>").is_empty());
    }

    #[test]
    fn malformed_documents_are_errors_with_lines() {
        for (text, want, line) in [
            ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">\n<components>\n<component>\n</components></bom>", "not well-formed", 4),
            ("<?xml version=\"1.0\"?>\n<project xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>", "root element is <project>", 2),
            ("<bom xmlns=\"http://example.com/bom\"/>", "not a CycloneDX BOM", 1),
            ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components>\n<component type=\"library\"><version>1</version></component></components></bom>", "has no <name>", 2),
            ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components>\n<component type=\"library\">\n<name> </name></component></components></bom>", "empty <name>", 3),
        ] {
            let e = test_support::error(extract, "bom.xml", text);
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(line), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn sniff_rejects_other_xml() {
        assert!(sniff(PRINTER));
        assert!(!sniff(
            "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>"
        ));
        assert!(!sniff("<clientConfig version=\"1.1\"/>"));
        assert!(!sniff("{\"bomFormat\": \"CycloneDX\"}"));
        assert!(!sniff(""));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 5_000;
        let mut text =
            String::from("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>");
        for i in 0..depth {
            text.push_str(&format!(
                "<component type=\"library\"><name>c{i}</name><components>"
            ));
        }
        for _ in 0..depth {
            text.push_str("</components></component>");
        }
        text.push_str("</components></bom>");
        // roxmltree refuses very deep documents itself; either way no panic.
        let file = SourceFile::new("bom.xml", &text);
        if let Ok(facts) = extract(&file) {
            assert_eq!(facts.len(), depth);
        }
    }
}
