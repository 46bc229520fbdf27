//! OpenWrt image manifests (`bin/targets/<target>/<subtarget>/*.manifest`,
//! written by the build system and the image builder) and saved
//! `opkg list-installed` output: one `component` fact per installed package.
//!
//! The format, from OpenWrt's `include/image.mk` (`Image/Manifest`): with
//! opkg, `opkg list-installed > $(IMG_PREFIX).manifest`, which prints
//! `name - version` per package; with apk (OpenWrt 24.10 snapshots and
//! later), `apk list --quiet --manifest | sort | sed 's/ / - /'`, the same
//! shape. So every line is
//!
//! ```text
//! libopenssl1.1 - 1.1.1k-1
//! libustream-mbedtls20201210 - 2022-12-08-9217ab46-1
//! ```
//!
//! Names carry the ABI version (`libopenssl1.1`, `libmbedtls12`,
//! `libwolfssl5.5.4.ee39414e`) unless the image builder ran with
//! `STRIP_ABI=1`; versions are `PKG_VERSION-PKG_RELEASE` (opkg) or
//! `PKG_VERSION-rPKG_RELEASE` (apk), kept as written.
//!
//! `opkg list` (available, not installed, packages) prints
//! `name - version - description`: [`sniff`] refuses it, as it refuses other
//! `*.manifest` files (Yocto's middle field is an architecture).

use crate::extract::common::package_fact::{line_manifest, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// How many non-empty lines the sniffer checks.
const SNIFF_LINES: usize = 20;

/// The name and version of a `name - version` line.
fn fields(line: &str) -> Option<(&str, &str)> {
    let mut tokens = line.split_whitespace();
    let (name, dash, version) = (tokens.next()?, tokens.next()?, tokens.next()?);
    let name_ok = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_'));
    (tokens.next().is_none() && dash == "-" && name_ok && name != "-").then_some((name, version))
}

/// Whether `text` looks like an OpenWrt manifest: its first non-empty lines
/// are `name - version` with a version that has a digit.
pub fn sniff(text: &str) -> bool {
    let mut seen = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
    {
        match fields(line) {
            Some((_, version)) if version.chars().any(|c| c.is_ascii_digit()) => seen += 1,
            _ => return false,
        }
    }
    seen > 0
}

/// One `component` fact per manifest line.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    line_manifest(
        file,
        "not an OpenWrt manifest line: expected `package - version`",
        |line| {
            fields(line).map(|(name, version)| {
                Some(PackageEntry {
                    name,
                    version: Some(version),
                    detail: None,
                })
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, "openwrt-ramips-mt7621.manifest", text)
    }

    #[test]
    fn reads_opkg_and_apk_manifests() {
        let text = "base-files - 1439-r16325-b3a0ab6b4d\n\
                    libopenssl1.1 - 1.1.1k-1\n\
                    libustream-wolfssl20201210 - 2022-01-16-868fd881-2\n\
                    libmbedtls21 - 3.6.2-r1\r\n";
        let facts = facts(text);
        let got: Vec<_> = facts
            .iter()
            .filter_map(|f| f.component.as_ref())
            .map(|c| (c.name.as_str(), c.version.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("base-files", Some("1439-r16325-b3a0ab6b4d")),
                ("libopenssl1.1", Some("1.1.1k-1")),
                ("libustream-wolfssl20201210", Some("2022-01-16-868fd881-2")),
                ("libmbedtls21", Some("3.6.2-r1")),
            ]
        );
        let ssl = &facts[1];
        assert_eq!(
            (
                ssl.location.line,
                ssl.location.column,
                ssl.location.end_column
            ),
            (2, 17, 25)
        );
        assert_eq!(ssl.evidence, "libopenssl1.1 1.1.1k-1");
    }

    #[test]
    fn malformed_lines_are_errors_with_their_line() {
        for (text, line) in [
            (
                "busybox - 1.33.1-1\nlibopenssl - 1.0.2u-1 - OpenSSL library\n",
                2,
            ),
            ("busybox - 1.33.1-1\nlibopenssl\n", 2),
            ("- - 1\n", 1),
        ] {
            let file = SourceFile::new("x.manifest", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn sniff_accepts_openwrt_only() {
        assert!(sniff("base-files - 157-r49395\nbusybox - 1.23.2-1\n"));
        // `opkg list`: available packages with descriptions.
        assert!(!sniff(
            "busybox - 1.33.1-1 - Core utilities for embedded Linux\n"
        ));
        // Yocto image manifest.
        assert!(!sniff("busybox cortexa9hf-neon 1.24.1-r0\n"));
        assert!(!sniff("a - b\n"));
        assert!(!sniff(""));
    }
}
