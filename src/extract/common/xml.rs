//! XML for the formats that use it (.NET `app.config`/`web.config`, MSBuild
//! projects, Thunderbird ISP autoconfig): parsing that is safe on hostile
//! input, and locations for nodes and attributes.
//!
//! roxmltree never fetches external entities (no resolver is given), guards
//! against entity expansion loops and billion-laughs documents, and the
//! node limit below bounds memory on generated junk.

use crate::extract::ExtractError;
use crate::facts::Location;
use crate::source::SourceFile;

pub use roxmltree::{Document, Node};

/// The most nodes a configuration file may have before it is refused.
const NODES_LIMIT: u32 = 2_000_000;

/// Parses `file` as XML. A DTD is allowed (some generated configs carry
/// one) but external entities are never resolved.
pub fn parse<'a>(file: &'a SourceFile<'a>) -> Result<Document<'a>, ExtractError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(file.text, options).map_err(|e| {
        let pos = e.pos();
        ExtractError::new(format!("not well-formed XML: {e}"), Some(pos.row as usize))
    })
}

/// The location of a byte range of the document (node or attribute value).
pub fn location(file: &SourceFile, range: std::ops::Range<usize>) -> Location {
    file.location(range.start, range.end)
}

/// The location of attribute `name` of `node`'s value, or of the node's
/// start tag when the attribute is absent.
pub fn attribute_location(file: &SourceFile, node: Node, name: &str) -> Location {
    match node.attribute_node(name) {
        Some(attr) => location(file, attr.range_value()),
        None => start_tag_location(file, node),
    }
}

/// The location of `node`'s start tag (its first line).
pub fn start_tag_location(file: &SourceFile, node: Node) -> Location {
    let range = node.range();
    let tag_end = file.text[range.clone()]
        .find('>')
        .map_or(range.end, |i| range.start + i + 1);
    location(file, range.start..tag_end)
}

/// The location of `node`'s text content (for `<port>993</port>`).
pub fn text_location(file: &SourceFile, node: Node) -> Location {
    match node.first_child().filter(|c| c.is_text()) {
        Some(text) => location(file, text.range()),
        None => start_tag_location(file, node),
    }
}

/// Child elements of `node` with local name `name` (namespaces ignored, as
/// .NET and MSBuild files mix default namespaces freely).
pub fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_of_attributes_and_text() {
        let text = "<configuration>\n  <add key=\"a\" value=\"Tls\"/>\n  <port>993</port>\n</configuration>\n";
        let file = SourceFile::new("x.config", text);
        let doc = parse(&file).unwrap_or_else(|e| panic!("{e}"));
        let root = doc.root_element();
        let add = children(root, "add").next().unwrap_or(root);
        let loc = attribute_location(&file, add, "value");
        assert_eq!((loc.line, loc.column, loc.end_column), (2, 23, 26));
        let port = children(root, "port").next().unwrap_or(root);
        assert_eq!(text_location(&file, port).line, 3);
    }

    #[test]
    fn hostile_documents_are_refused_not_expanded() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n]>\n<lolz>&lol9;</lolz>\n";
        let laughs = SourceFile::new("x", laughs);
        assert!(parse(&laughs).is_err());
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>\n";
        let external = SourceFile::new("x", external);
        let result = parse(&external);
        assert!(result
            .map(|d| d.root_element().text().map(str::to_owned))
            .ok()
            .flatten()
            .is_none());
        let broken = SourceFile::new("x", "<a><b></a>");
        assert!(parse(&broken).is_err());
    }
}
