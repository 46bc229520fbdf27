//! Debian and Ubuntu image manifests: `dpkg-query --show` output saved with
//! an image, one `component` fact per package.
//!
//! Two producers, one shape (`package version` per line):
//! - Ubuntu live ISOs' `casper/filesystem.manifest`, written with
//!   `dpkg-query -W --showformat='${Package} ${Version}\n'` (space);
//! - Ubuntu cloud images' `*.manifest` (livecd-rootfs `create_manifest` in
//!   `live-build/functions`): `dpkg-query --show`, whose default format is
//!   `${binary:Package}\t${Version}` (tab, multi-arch packages qualified as
//!   `libssl1.1:amd64`), followed by the seeded snaps that
//!   `snap_seed_parse.py` appends as `snap:<name>\t<channel>\t<revision>`.
//!
//! The `:arch` qualifier goes to the evidence, not the name; snap lines give
//! no fact (a snap revision is not a version). `dpkg-query --show` does not
//! say a package's state: a removed package whose configuration files
//! remain is listed like an installed one.

use crate::extract::common::package_fact::{line_manifest, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// How many non-empty lines the sniffer checks.
const SNIFF_LINES: usize = 20;

/// What one line holds.
enum Line<'a> {
    Package {
        name: &'a str,
        arch: Option<&'a str>,
        version: &'a str,
    },
    Snap,
}

/// A Debian package name (Debian Policy 5.6.1: lower-case letters, digits,
/// `+ - .`, at least two characters, starting with a letter or digit).
fn is_package_name(name: &str) -> bool {
    name.len() >= 2
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
}

fn parse(line: &str) -> Option<Line<'_>> {
    if line.starts_with("snap:") {
        return Some(Line::Snap);
    }
    let mut tokens = line.split_whitespace();
    let (package, version) = (tokens.next()?, tokens.next()?);
    if tokens.next().is_some() {
        return None;
    }
    let (name, arch) = match package.split_once(':') {
        Some((n, a)) => (n, Some(a)),
        None => (package, None),
    };
    // Debian Policy 5.6.12: the upstream version starts with a digit (an
    // epoch is digits too).
    let ok = is_package_name(name)
        && arch.is_none_or(|a| {
            !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && version.starts_with(|c: char| c.is_ascii_digit());
    ok.then_some(Line::Package {
        name,
        arch,
        version,
    })
}

/// Whether the first non-empty lines are all `package version` (or snap)
/// lines, at least one of them a package.
pub fn sniff(text: &str) -> bool {
    let mut packages = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
    {
        match parse(line) {
            Some(Line::Package { .. }) => packages += 1,
            Some(Line::Snap) => {}
            None => return false,
        }
    }
    packages > 0
}

/// One `component` fact per package line.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    line_manifest(
        file,
        "not a dpkg-query manifest line: expected `package version`",
        |line| {
            parse(line).map(|parsed| match parsed {
                Line::Package {
                    name,
                    arch,
                    version,
                } => Some(PackageEntry {
                    name,
                    version: Some(version),
                    detail: arch.map(str::to_owned),
                }),
                Line::Snap => None,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packages(text: &str) -> Vec<(String, Option<String>, String)> {
        let file = SourceFile::new("ubuntu-22.04-server-cloudimg-amd64.manifest", text);
        extract(&file)
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .filter_map(|f| {
                let c = f.component.as_ref()?;
                Some((c.name.clone(), c.version.clone(), f.evidence.clone()))
            })
            .collect()
    }

    #[test]
    fn cloud_image_manifest_with_arch_qualifiers_and_snaps() {
        let text = "adduser\t3.118ubuntu5\nlibssl3:amd64\t3.0.2-0ubuntu1.18\nopenssl\t3.0.2-0ubuntu1.18\nsnap:lxd\t5.0/stable/ubuntu-22.04\t29351\nsnap:snapd\tlatest/stable\t21759\n";
        let got = packages(text);
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[1],
            (
                "libssl3".to_owned(),
                Some("3.0.2-0ubuntu1.18".to_owned()),
                "libssl3 3.0.2-0ubuntu1.18 (amd64)".to_owned()
            )
        );
    }

    #[test]
    fn casper_filesystem_manifest() {
        let text = "adduser 3.112ubuntu1\nlibssl0.9.8 0.9.8k-7ubuntu8\r\nzlib1g 1:1.2.3.3.dfsg-15ubuntu1\n";
        let got = packages(text);
        assert_eq!(got[1].0, "libssl0.9.8");
        assert_eq!(got[1].1.as_deref(), Some("0.9.8k-7ubuntu8"));
        assert_eq!(got[2].1.as_deref(), Some("1:1.2.3.3.dfsg-15ubuntu1"));
        let file = SourceFile::new("filesystem.manifest", text);
        let facts = extract(&file).unwrap_or_default();
        assert_eq!((facts[1].location.line, facts[1].location.column), (2, 13));
    }

    #[test]
    fn malformed_lines_are_errors() {
        for (text, line) in [
            ("adduser 3.112\nlibssl0.9.8\n", 2),
            ("adduser 3.112\nLibSSL 1.0\n", 2),
            ("adduser 3.112\nlibssl version\n", 2),
        ] {
            let file = SourceFile::new("filesystem.manifest", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn sniff_accepts_dpkg_query_output_only() {
        assert!(sniff("adduser\t3.118ubuntu5\napt\t2.4.11\n"));
        assert!(sniff("acl 2.2.49-2\n"));
        // Yocto and OpenWrt manifests have three fields.
        assert!(!sniff("busybox cortexa9hf-neon 1.24.1-r0\n"));
        assert!(!sniff("busybox - 1.33.1-1\n"));
        // Python sdist MANIFEST, a key = value file, prose.
        assert!(!sniff("setup.py\nsrc/pkg/__init__.py\n"));
        assert!(!sniff("Manifest-Version: 1.0\nCreated-By: 1.8.0_292\n"));
        assert!(!sniff("Hello world\n"));
        assert!(!sniff("snap:lxd\t5.0/stable\t29351\n"));
        assert!(!sniff(""));
    }
}
