//! Yocto Project / OpenEmbedded image manifests
//! (`deploy/images/<machine>/<image>-<machine>.rootfs.manifest`, and the
//! SDK's `*.target.manifest` / `*.host.manifest`, which the same function
//! writes): one `component` fact per installed package.
//!
//! The format, from OE-core: `write_image_manifest` in
//! `meta/classes-recipe/rootfs-postcommands.bbclass` writes
//! `oe.utils.format_pkg_list(pkgs, "ver")`, one line per package sorted by
//! name, `"%s %s %s" % (pkg, arch, ver)`:
//!
//! ```text
//! libssl1.0.2 cortexa7hf-neon-vfpv4 1.0.2o-r0
//! ```
//!
//! The package name is the one installed (Debian-renamed libraries such as
//! `libssl1.0.2`, multilib prefixes such as `lib32-`); the version is what
//! the package manager reports: `[epoch:]PV-PR` for ipk and deb
//! (`opkg status` / `dpkg-query ${Version}`), `PV` alone for rpm (`dnf
//! repoquery %{version}`). It is kept as written; comparing it is the
//! policies' job.
//!
//! `*.manifest` is a common name (Windows side-by-side manifests, OpenWrt
//! manifests, Ubuntu image manifests), so [`sniff`] accepts a file only when
//! its first lines all have the three fields with an architecture token
//! (OpenWrt's middle field is `-`).

use crate::extract::common::package_fact::{line_manifest, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// How many non-empty lines the sniffer checks.
const SNIFF_LINES: usize = 20;

/// A package or architecture name: OE package names are lower-case
/// letters, digits and `+ - .` (the `package-name` QA check); architectures
/// add `_` (rpm writes `cortexa7t2hf_neon_vfpv4`).
fn is_name(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_'))
}

/// The three fields of a manifest line, if it has exactly three and the
/// first two are names (the architecture is never `-`).
fn fields(line: &str) -> Option<[&str; 3]> {
    let mut tokens = line.split_whitespace();
    let (name, arch, version) = (tokens.next()?, tokens.next()?, tokens.next()?);
    if tokens.next().is_some() || !is_name(name) || !is_name(arch) || arch == "-" {
        return None;
    }
    Some([name, arch, version])
}

/// Whether `text` looks like an image manifest: its first non-empty lines
/// are `name arch version` with a version that has a digit.
pub fn sniff(text: &str) -> bool {
    let mut seen = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
    {
        match fields(line) {
            Some([_, _, version]) if version.chars().any(|c| c.is_ascii_digit()) => seen += 1,
            _ => return false,
        }
    }
    seen > 0
}

/// One `component` fact per manifest line.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    line_manifest(
        file,
        "not a Yocto image manifest line: expected `package architecture version`",
        |line| {
            fields(line).map(|[name, arch, version]| {
                Some(PackageEntry {
                    name,
                    version: Some(version),
                    detail: Some(arch.to_owned()),
                })
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::packages as versions;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, "core-image.rootfs.manifest", text)
    }

    #[test]
    fn reads_ipk_rpm_and_deb_lines() {
        let text = "base-files qemuarm 3.0.14-r89\r\n\
                    libssl1.0.2 cortexa7hf-neon-vfpv4 1.0.2o-r0\n\
                    \n\
                    lib32-libssl3 lib32_x86 3.0.15\n\
                    openssh-sshd cortexa7t2hf-neon 1:9.6p1-r0\n";
        let facts = facts(text);
        assert_eq!(
            versions(&facts),
            [
                ("base-files".into(), Some("3.0.14-r89".into())),
                ("libssl1.0.2".into(), Some("1.0.2o-r0".into())),
                ("lib32-libssl3".into(), Some("3.0.15".into())),
                ("openssh-sshd".into(), Some("1:9.6p1-r0".into())),
            ]
        );
        let ssl = &facts[1];
        assert_eq!(
            (
                ssl.location.line,
                ssl.location.column,
                ssl.location.end_column
            ),
            (2, 35, 44)
        );
        assert_eq!(
            ssl.evidence,
            "libssl1.0.2 1.0.2o-r0 (cortexa7hf-neon-vfpv4)"
        );
        assert!(ssl.related.is_empty());
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        for (text, line) in [
            ("busybox armv7a 1.24.1-r0\nlibssl1.0.0 armv7a\n", 2),
            ("busybox armv7a 1.24.1-r0\nlibssl1.0.0 - 1.0.0t-1\n", 2),
            ("a b c d\n", 1),
        ] {
            let file = SourceFile::new("x.manifest", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
        assert!(facts("").is_empty());
    }

    #[test]
    fn sniff_tells_yocto_from_other_manifests() {
        assert!(sniff(
            "acl cortexa9hf-neon 2.2.52-r0\nattr cortexa9hf-neon 2.4.47-r0\n"
        ));
        assert!(sniff("\nbusybox qemux86_64 1.36.1\n"));
        // OpenWrt image builder manifest.
        assert!(!sniff("base-files - 1492-r25001\nbusybox - 1.36.1-r1\n"));
        // Windows side-by-side manifest.
        assert!(!sniff("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"));
        // Ubuntu cloud image manifest (`package<TAB>version`).
        assert!(!sniff("adduser\t3.118ubuntu5\napt\t2.4.11\n"));
        // Three words of prose.
        assert!(!sniff("see the README\n"));
        assert!(!sniff(""));
        assert!(!sniff("\n\n"));
    }
}
