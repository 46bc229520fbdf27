//! The `component` fact of one entry of an installed-package list: an image
//! manifest (Yocto, Buildroot, OpenWrt) or a package database (dpkg, opkg).
//!
//! Such lists name a package and its version as the package manager writes
//! it (`1.0.2o-r0`, `1:1.0.1t-1+deb8u12`, `1.1.1k-1`) and nothing else that
//! identifies it: no purl, no CPE. The fact keeps the name and the raw
//! version; which packages are TLS libraries and how their versions compare
//! is the policies' question (`policies/data/components.json`,
//! `tlsfloor.compare_versions`).

use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Component, Fact, FactKind, Related};
use crate::source::SourceFile;

/// One package entry. `name` and `version` are sub-slices of the file's text,
/// so that they locate themselves.
pub struct PackageEntry<'a> {
    pub name: &'a str,
    pub version: Option<&'a str>,
    /// What else the list says about the package (architecture, source
    /// package), for the evidence: `armhf, source openssl`.
    pub detail: Option<String>,
}

/// The fact of `entry`, located at its version (else its name). When the
/// name is on another line than the version (a dpkg stanza), a
/// `declaration` related location points at the name.
pub fn package_fact(file: &SourceFile, entry: &PackageEntry) -> Fact {
    let name_location = file.location_of(entry.name);
    let location = entry.version.map_or(name_location, |v| file.location_of(v));
    let mut evidence = match entry.version {
        Some(v) => format!("{} {v}", entry.name),
        None => entry.name.to_owned(),
    };
    if let Some(detail) = &entry.detail {
        evidence.push_str(&format!(" ({detail})"));
    }
    let mut fact = Fact::new(FactKind::Component, location, redact(&evidence));
    if name_location.line != location.line {
        fact.related.push(Related::new(
            "declaration",
            name_location,
            redact(&format!("Package {}", entry.name)),
        ));
    }
    fact.component = Some(Component {
        name: entry.name.to_owned(),
        version: entry.version.map(str::to_owned),
        purl: None,
        cpe: None,
    });
    fact
}

/// The facts of a one-package-a-line manifest (Yocto, OpenWrt, dpkg-query
/// lists): `parse` reads a non-blank line as `Some(Some(entry))`, a line to
/// pass over (a snap in an Ubuntu manifest) as `Some(None)`, and a line that
/// does not belong to the format as `None`, which fails the file naming
/// the line and what `expected` says a line looks like.
pub fn line_manifest<'a>(
    file: &SourceFile<'a>,
    expected: &str,
    parse: impl Fn(&'a str) -> Option<Option<PackageEntry<'a>>>,
) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    for (n, line) in file.lines() {
        if line.trim().is_empty() {
            continue;
        }
        match parse(line) {
            Some(Some(entry)) => facts.push(package_fact(file, &entry)),
            Some(None) => {}
            None => return Err(ExtractError::new(expected, Some(n))),
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_the_version_and_points_back_at_the_name() {
        let text =
            "Package: libssl1.0.0\nStatus: install ok installed\nVersion: 1.0.1t-1+deb8u12\n";
        let file = SourceFile::new("status", text);
        let name = &text[9..20];
        let version = &text[59..75];
        let fact = package_fact(
            &file,
            &PackageEntry {
                name,
                version: Some(version),
                detail: Some("source openssl".to_owned()),
            },
        );
        assert_eq!(fact.kind, FactKind::Component);
        assert_eq!((fact.location.line, fact.location.column), (3, 10));
        assert_eq!(
            fact.evidence,
            "libssl1.0.0 1.0.1t-1+deb8u12 (source openssl)"
        );
        assert_eq!(fact.related.len(), 1);
        assert_eq!(fact.related[0].line, 1);
        let c = fact
            .component
            .as_ref()
            .map(|c| (c.name.as_str(), c.version.as_deref()));
        assert_eq!(c, Some(("libssl1.0.0", Some("1.0.1t-1+deb8u12"))));
    }

    #[test]
    fn one_line_entries_have_no_declaration() {
        let text = "busybox mips32r2 1.24.1-r0\n";
        let file = SourceFile::new("x.manifest", text);
        let fact = package_fact(
            &file,
            &PackageEntry {
                name: &text[..7],
                version: None,
                detail: None,
            },
        );
        assert!(fact.related.is_empty());
        assert_eq!(fact.evidence, "busybox");
        assert_eq!(fact.location.column, 1);
    }
}
