//! SPDX tag-value SBOMs (`*.spdx`, SPDX 2.x): one `component` fact per
//! package, as for SPDX JSON (`common::sbom` builds the fact).
//!
//! The format (SPDX 2.3 specification, clause 5 and clause 7 "Package
//! information"; the shapes syft, trivy, Yocto and CMake-generated Qt
//! SBOMs write):
//! - one `Tag: value` per line; tags are case-sensitive; lines starting
//!   with `#` are comments (syft writes `##### Package: name` headers);
//! - a value may be `<text>…</text>`, spanning lines;
//! - `PackageName:` opens a package; its fields follow until the next
//!   `PackageName:` or the start of a file (`FileName:`), snippet
//!   (`SnippetSPDXID:`) or extracted licence (`LicenseID:`) section;
//! - read per package: `PackageName`, `SPDXID`, `PackageVersion`
//!   (`NOASSERTION`/`NONE` = no version) and
//!   `ExternalRef: CATEGORY TYPE LOCATOR`, of which the `purl`,
//!   `cpe23Type` and `cpe22Type` references identify the package.
//!
//! An unterminated `<text>` or a non-comment line without a tag is an
//! error with its line: the file is not well-formed tag-value.

use crate::extract::common::sbom::{component_fact, is_spdx_no_value, Entry, Field, PackageRefs};
use crate::extract::ExtractError;
use crate::facts::{Fact, Location};
use crate::source::SourceFile;

/// How many leading lines the sniffer looks at for `SPDXVersion:`.
const SNIFF_LINES: usize = 40;

/// Whether `text` is SPDX tag-value: the first tag written, after blank
/// and comment lines, is `SPDXVersion: SPDX-…`.
pub fn sniff(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take(SNIFF_LINES)
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.strip_prefix("SPDXVersion:"))
        .is_some_and(|v| v.trim_start().starts_with("SPDX-"))
}

/// One `Tag: value` pair: the tag, the value (without `<text>` markers)
/// and where the value is written.
struct Pair<'a> {
    tag: &'a str,
    value: &'a str,
    /// Byte offset of the value in the file.
    start: usize,
    location: Location,
    /// The location of the whole line that holds the tag.
    line: Location,
}

/// Splits the file into tag-value pairs, joining `<text>` values.
fn pairs<'a>(file: &SourceFile<'a>) -> Result<Vec<Pair<'a>>, ExtractError> {
    let text = file.text;
    let mut out = Vec::new();
    // A UTF-8 byte order mark is not part of the first tag.
    let mut offset = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    while offset < text.len() {
        let line_start = offset;
        let rest = &text[line_start..];
        let line = &rest[..rest.find('\n').map_or(rest.len(), |i| i + 1)];
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let line_no = Some(file.position(line_start).0);
        let Some(colon) = line.find(':') else {
            return Err(ExtractError::new(
                format!(
                    "not SPDX tag-value: a line without `Tag:` ({:?})",
                    clip(trimmed)
                ),
                line_no,
            ));
        };
        let tag = line[..colon].trim();
        if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ExtractError::new(
                format!("not SPDX tag-value: {:?} is not a tag", clip(tag)),
                line_no,
            ));
        }
        let after = &line[colon + 1..];
        let value_start = line_start + colon + 1 + (after.len() - after.trim_start().len());
        let head_line = file.location(line_start, line_start + line.trim_end().len());
        let (value_start, value_end) = if after.trim_start().starts_with("<text>") {
            let body_start = value_start + "<text>".len();
            let Some(close) = text[body_start..].find("</text>") else {
                return Err(ExtractError::new(
                    format!("not SPDX tag-value: `{tag}: <text>` is never closed by `</text>`"),
                    line_no,
                ));
            };
            let body_end = body_start + close;
            // Go on after the line that holds `</text>`.
            let tail = &text[body_end..];
            offset = body_end + tail.find('\n').map_or(tail.len(), |i| i + 1);
            (body_start, body_end)
        } else {
            (value_start, line_start + line.trim_end().len())
        };
        let value_end = value_end.max(value_start);
        out.push(Pair {
            tag,
            value: &text[value_start..value_end],
            start: value_start,
            location: file.location(value_start, value_end),
            line: head_line,
        });
    }
    Ok(out)
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

/// The package being read.
struct Package {
    name: Field,
    declaration: Location,
    spdx_id: Option<String>,
    version: Option<Field>,
    refs: PackageRefs,
}

impl Package {
    fn into_fact(self) -> Fact {
        let (purl, cpe) = self.refs.into_parts();
        component_fact(Entry {
            noun: "Package",
            name: self.name,
            declaration: self.declaration,
            group: None,
            version: self.version,
            purl,
            cpe,
            reference: self.spdx_id.map(|id| ("SPDXID", id)),
            parent: None,
        })
    }
}

/// Extracts one `component` fact per package.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let pairs = pairs(file)?;
    match pairs.first() {
        Some(p) if p.tag == "SPDXVersion" => {}
        Some(p) => {
            return Err(ExtractError::new(
                format!(
                    "not an SPDX document: the first tag is `{}`, not `SPDXVersion`",
                    p.tag
                ),
                Some(p.line.line),
            ))
        }
        None => return Ok(Vec::new()),
    }
    let mut facts = Vec::new();
    let mut current: Option<Package> = None;
    for pair in pairs {
        match pair.tag {
            "PackageName" => {
                if let Some(done) = current.take() {
                    facts.push(done.into_fact());
                }
                let Some(name) = Field::new(pair.value, pair.location) else {
                    return Err(ExtractError::new(
                        "not a valid SPDX document: an empty `PackageName`",
                        Some(pair.line.line),
                    ));
                };
                current = Some(Package {
                    name,
                    declaration: pair.line,
                    spdx_id: None,
                    version: None,
                    refs: PackageRefs::default(),
                });
            }
            "FileName" | "SnippetSPDXID" | "LicenseID" => {
                if let Some(done) = current.take() {
                    facts.push(done.into_fact());
                }
            }
            "SPDXID" => {
                if let Some(p) = current.as_mut().filter(|p| p.spdx_id.is_none()) {
                    p.spdx_id = Some(pair.value.trim().to_owned());
                }
            }
            "PackageVersion" => {
                if let Some(p) = current.as_mut() {
                    p.version = Field::new(pair.value, pair.location)
                        .filter(|v| !is_spdx_no_value(&v.text));
                }
            }
            "ExternalRef" => {
                if let Some(p) = current.as_mut() {
                    add_external_ref(p, &pair, file);
                }
            }
            _ => {}
        }
    }
    if let Some(done) = current.take() {
        facts.push(done.into_fact());
    }
    Ok(facts)
}

/// `ExternalRef: CATEGORY TYPE LOCATOR`: records the locator of a package
/// identifier type, located on its own text.
fn add_external_ref(package: &mut Package, pair: &Pair, file: &SourceFile) {
    let mut words = pair.value.split_whitespace();
    let (Some(_category), Some(ref_type), Some(locator)) =
        (words.next(), words.next(), words.next())
    else {
        return;
    };
    let start = pair.start + pair.value.find(locator).unwrap_or(0);
    if let Some(field) = Field::new(locator, file.location(start, start + locator.len())) {
        package.refs.add(ref_type, field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support;
    use crate::extract::test_support::component;

    fn facts(text: &str) -> Vec<Fact> {
        test_support::facts(extract, "image.spdx", text)
    }

    const TRIVY: &str = "SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: nvr-rootfs
DocumentNamespace: http://aquasecurity.github.io/trivy/filesystem/nvr-rootfs-1c3e
Creator: Tool: trivy-0.50.1
Created: 2024-04-02T09:00:00Z
DocumentComment: <text>Generated from the
unpacked firmware image</text>

##### Package: libssl1.0.0

PackageName: libssl1.0.0
SPDXID: SPDXRef-Package-5e9a
PackageVersion: 1.0.1t-1+deb8u12
PackageDownloadLocation: NONE
PackageComment: <text>
SSL shared libraries
PackageName: not-a-package
</text>
ExternalRef: SECURITY cpe23Type cpe:2.3:a:openssl:openssl:1.0.1t:*:*:*:*:*:*:*
ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf
ExternalRefComment: from dpkg status
PrimaryPackagePurpose: LIBRARY

##### Package: libcyassl5

PackageName: libcyassl5
SPDXID: SPDXRef-Package-77b0
PackageVersion: NOASSERTION
ExternalRef: PACKAGE_MANAGER purl pkg:deb/debian/libcyassl5@2.9.4%2Bdfsg-1
ExternalRef: OTHER swh swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2

FileName: ./usr/lib/libcyassl.so.5
SPDXID: SPDXRef-File-1
FileChecksum: SHA1: 0fcda7f961882dbdf0c7ca3aeebb3aaa38091a66

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-5e9a
";

    #[test]
    fn packages_with_versions_and_refs() {
        let facts = facts(TRIVY);
        assert_eq!(facts.len(), 2);
        let ssl = &facts[0];
        let c = component(ssl);
        assert_eq!(
            (c.name.as_str(), c.version.as_deref()),
            ("libssl1.0.0", Some("1.0.1t-1+deb8u12"))
        );
        assert_eq!(
            c.purl.as_deref(),
            Some("pkg:deb/debian/libssl1.0.0@1.0.1t-1%2Bdeb8u12?arch=armhf")
        );
        assert_eq!(
            c.cpe.as_deref(),
            Some("cpe:2.3:a:openssl:openssl:1.0.1t:*:*:*:*:*:*:*")
        );
        assert_eq!(
            (
                ssl.location.line,
                ssl.location.column,
                ssl.location.end_column
            ),
            (15, 17, 33)
        );
        let roles: Vec<_> = ssl
            .related
            .iter()
            .map(|r| (r.role.as_str(), r.line, r.column))
            .collect();
        assert_eq!(
            roles,
            [("declaration", 13, 1), ("purl", 22, 35), ("cpe", 21, 33)]
        );
        // Version from the purl; the file section's SPDXID is not the package's.
        let cy = &facts[1];
        assert_eq!(component(cy).version.as_deref(), Some("2.9.4+dfsg-1"));
        assert_eq!(cy.location.line, 31);
        assert!(cy.related[0].message.contains("SPDXRef-Package-77b0"));
    }

    #[test]
    fn text_values_keep_line_numbers() {
        let text = "SPDXVersion: SPDX-2.2\nDocumentComment: <text>a\nb\nc</text>\nPackageName: gnutls\nPackageComment: <text>x</text>\nPackageVersion: 2.8.6\n";
        let facts = facts(text);
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].location.line, 7);
        assert_eq!(facts[0].related[0].line, 5);
    }

    #[test]
    fn malformed_documents_are_errors_with_lines() {
        for (text, want, line) in [
            (
                "SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text>never closed\n",
                "never closed",
                3,
            ),
            ("SPDXVersion: SPDX-2.3\njust words\n", "without `Tag:`", 2),
            ("SPDXVersion: SPDX-2.3\nPackage Name: x\n", "not a tag", 2),
            (
                "# header\nDataLicense: CC0-1.0\nSPDXVersion: SPDX-2.3\n",
                "first tag",
                2,
            ),
            (
                "SPDXVersion: SPDX-2.3\nPackageName:\n",
                "empty `PackageName`",
                2,
            ),
        ] {
            let e = test_support::error(extract, "x.spdx", text);
            assert!(e.message.contains(want), "{text:?}: {}", e.message);
            assert_eq!(e.line, Some(line), "{text:?}: {}", e.message);
        }
        assert!(facts("").is_empty());
    }

    #[test]
    fn sniff_needs_spdx_version_first() {
        assert!(sniff(TRIVY));
        assert!(sniff("\u{feff}# SPDX document\n\nSPDXVersion: SPDX-2.1\n"));
        assert!(!sniff("PackageName: x\nSPDXVersion: SPDX-2.3\n"));
        assert!(!sniff("SPDX-License-Identifier: MIT\n"));
        assert!(!sniff(""));
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "SPDXVersion: SPDX-2.3\nPackageName: é<text>\n",
            "SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text></text>",
            "SPDXVersion: SPDX-2.3\nPackageName: x\nExternalRef: SECURITY\nExternalRef:\nPackageVersion:",
            "SPDXVersion: SPDX-2.3\r\nPackageName: ü\r\nPackageVersion: 1.0\r\n",
            "SPDXVersion:",
            "\u{feff}SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text>ä</text> trailing",
        ] {
            let _ = extract(&SourceFile::new("x.spdx", text));
        }
        let bom = facts("\u{feff}SPDXVersion: SPDX-2.3\nPackageName: x\n");
        assert_eq!(bom.len(), 1);
        let crlf =
            facts("SPDXVersion: SPDX-2.3\r\nPackageName: libssl\r\nPackageVersion: 0.9.8\r\n");
        assert_eq!(component(&crlf[0]).version.as_deref(), Some("0.9.8"));
    }
}
