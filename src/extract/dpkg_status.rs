//! The Debian package database (`var/lib/dpkg/status`), distroless images'
//! per-package files (`var/lib/dpkg/status.d/<package>`) and the opkg
//! database of OpenWrt and Yocto ipk root filesystems
//! (`usr/lib/opkg/status`, `var/lib/opkg/status`): one `component` fact per
//! installed package.
//!
//! The format (deb822(5), deb-control(5)): stanzas of
//! `Field: value` lines separated by blank lines; a line starting with a
//! space or tab continues the previous field (`Description`, `Conffiles`).
//! Field names are case-insensitive. Read per stanza:
//! - `Package` (required) and `Version` (`[epoch:]upstream[-revision]`,
//!   `1:1.0.1t-1+deb8u12`, kept as written);
//! - `Status`, `want flag status` (dpkg(1) "Package states"): the package's
//!   files are on disk when the status is `installed`, `triggers-pending`,
//!   `triggers-awaited`, `half-configured` or `unpacked`, whatever the want
//!   (`deinstall ok installed` is still installed). `not-installed`,
//!   `config-files` (only conffiles left) and `half-installed` (unpacking
//!   failed) give no fact. A stanza without `Status` counts as installed:
//!   distroless writes `dpkg-deb --field` output, which has none, and only
//!   for installed packages;
//! - `Source` (`openssl`, or `openssl (1.0.1t-1)` when the binary version
//!   differs) and `Architecture`, for the evidence: they say which upstream
//!   project a renamed library package (`libssl1.0.0`) comes from.
//!
//! The `*.md5sums` files next to distroless status files are not stanzas;
//! [`sniff`] refuses them.

use crate::extract::common::package_fact::{package_fact, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// Package states whose files are installed (dpkg(1)).
const PRESENT: &[&str] = &[
    "installed",
    "triggers-pending",
    "triggers-awaited",
    "half-configured",
    "unpacked",
];

/// Whether the first non-empty line opens a `Package:` stanza.
pub fn sniff(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| field(l))
        .is_some_and(|(name, _)| name.eq_ignore_ascii_case("Package"))
}

/// The name and value of a `Name: value` line (value trimmed, a sub-slice).
fn field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let ok =
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()) && !name.starts_with('#');
    ok.then(|| (name, value.trim()))
}

/// The fields of one stanza that matter, as sub-slices of the file.
#[derive(Default)]
struct Stanza<'a> {
    first_line: usize,
    package: Option<&'a str>,
    version: Option<&'a str>,
    status: Option<(&'a str, usize)>,
    source: Option<&'a str>,
    architecture: Option<&'a str>,
}

impl<'a> Stanza<'a> {
    fn set(&mut self, name: &str, value: &'a str, line: usize) {
        let value = (!value.is_empty()).then_some(value);
        match name.to_ascii_lowercase().as_str() {
            "package" => self.package = value,
            "version" => self.version = value,
            "status" => self.status = value.map(|v| (v, line)),
            "source" => self.source = value,
            "architecture" => self.architecture = value,
            _ => {}
        }
    }

    /// The stanza's fact, `None` when the package is not installed.
    fn finish(self, file: &SourceFile) -> Result<Option<Fact>, ExtractError> {
        let Some(name) = self.package else {
            return Err(ExtractError::new(
                "not a dpkg status stanza: no `Package` field",
                Some(self.first_line),
            ));
        };
        if let Some((status, line)) = self.status {
            let words: Vec<&str> = status.split_whitespace().collect();
            let [_want, _flag, state] = words[..] else {
                return Err(ExtractError::new(
                    format!("`Status: {status}` is not `want flag status`"),
                    Some(line),
                ));
            };
            if !PRESENT.contains(&state) {
                return Ok(None);
            }
        }
        let mut detail = Vec::new();
        if let Some(arch) = self.architecture {
            detail.push(arch.to_owned());
        }
        if let Some(source) = self.source {
            detail.push(format!("source {source}"));
        }
        Ok(Some(package_fact(
            file,
            &PackageEntry {
                name,
                version: self.version,
                detail: (!detail.is_empty()).then(|| detail.join(", ")),
            },
        )))
    }
}

/// One `component` fact per installed package.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    let mut stanza: Option<Stanza> = None;
    for (n, line) in file.lines() {
        let line = if n == 1 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if line.trim().is_empty() {
            if let Some(done) = stanza.take() {
                facts.extend(done.finish(file)?);
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if stanza.is_none() {
                return Err(ExtractError::new(
                    "continuation line outside a stanza",
                    Some(n),
                ));
            }
            continue;
        }
        let Some((name, value)) = field(line) else {
            return Err(ExtractError::new(
                "not a dpkg status line: expected `Field: value`",
                Some(n),
            ));
        };
        stanza
            .get_or_insert_with(|| Stanza {
                first_line: n,
                ..Stanza::default()
            })
            .set(name, value, n);
    }
    if let Some(done) = stanza {
        facts.extend(done.finish(file)?);
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::packages;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, "var/lib/dpkg/status", text)
    }

    const JESSIE: &str = "Package: libssl1.0.0
Status: install ok installed
Priority: important
Section: libs
Installed-Size: 2906
Maintainer: Debian OpenSSL Team <pkg-openssl-devel@lists.alioth.debian.org>
Architecture: armhf
Multi-Arch: same
Source: openssl
Version: 1.0.1t-1+deb8u12
Depends: libc6 (>= 2.15), debconf (>= 0.5) | debconf-2.0
Description: Secure Sockets Layer toolkit - shared libraries
 This package is part of the OpenSSL project's implementation of the SSL
 and TLS cryptographic protocols for secure communication over the
 .
 It provides the libssl and libcrypto shared libraries.

Package: libssl0.9.8
Status: deinstall ok config-files
Architecture: armhf
Source: openssl098
Version: 0.9.8o-4squeeze14
Conffiles:
 /etc/ssl/openssl.cnf 4ac4d1d3e7e4b8c8e1bbd3d4c6bbd3c1 obsolete

Package: libgnutls-deb0-28
Status: hold ok installed
Architecture: armhf
Source: gnutls28 (3.3.8-6+deb8u7)
Version: 3.3.8-6+deb8u7+b1

Package: libnss3
Status: purge ok not-installed
Architecture: armhf
";

    #[test]
    fn reads_installed_stanzas_only() {
        let facts = facts(JESSIE);
        assert_eq!(
            packages(&facts),
            [
                ("libssl1.0.0".into(), Some("1.0.1t-1+deb8u12".into())),
                ("libgnutls-deb0-28".into(), Some("3.3.8-6+deb8u7+b1".into())),
            ]
        );
        let ssl = &facts[0];
        assert_eq!(ssl.location.line, 10);
        assert_eq!(ssl.location.column, 10);
        assert_eq!(
            ssl.evidence,
            "libssl1.0.0 1.0.1t-1+deb8u12 (armhf, source openssl)"
        );
        assert_eq!(ssl.related.len(), 1);
        assert_eq!(ssl.related[0].line, 1);
        assert_eq!(
            facts[1].evidence,
            "libgnutls-deb0-28 3.3.8-6+deb8u7+b1 (armhf, source gnutls28 (3.3.8-6+deb8u7))"
        );
    }

    #[test]
    fn distroless_and_opkg_stanzas() {
        // status.d/<package>: `dpkg-deb --field` output, no Status.
        let distroless =
            "Package: libssl3\nSource: openssl\nVersion: 3.0.15-1~deb12u1\nArchitecture: amd64\n";
        assert_eq!(
            packages(&facts(distroless)),
            [("libssl3".into(), Some("3.0.15-1~deb12u1".into()))]
        );
        let opkg = "Package: libopenssl1.1\r\nVersion: 1.1.1k-1\r\nDepends: libc\r\nStatus: install user installed\r\nArchitecture: mipsel_24kc\r\nInstalled-Time: 1618346542\r\n\r\nPackage: libustream-openssl20201210\r\nVersion: 2022-01-16-868fd881-1\r\nStatus: install user installed\r\n";
        assert_eq!(
            packages(&facts(opkg)),
            [
                ("libopenssl1.1".into(), Some("1.1.1k-1".into())),
                (
                    "libustream-openssl20201210".into(),
                    Some("2022-01-16-868fd881-1".into())
                ),
            ]
        );
        // Field names are case-insensitive; a stanza without Version still counts.
        assert_eq!(
            packages(&facts("package: zlib1g\nstatus: install ok unpacked\n")),
            [("zlib1g".into(), None)]
        );
    }

    #[test]
    fn malformed_stanzas_are_errors_with_lines() {
        for (text, line) in [
            ("Package: a\nStatus: install ok installed\nVersion 1.0\n", 3),
            ("Package: a\nStatus: installed\n", 2),
            ("Package: a\n\nVersion: 1.0\n", 3),
            (" leading continuation\n", 1),
        ] {
            let file = SourceFile::new("status", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
        assert!(facts("").is_empty());
        assert!(facts("\n\n").is_empty());
    }

    #[test]
    fn sniff_refuses_md5sums_and_other_files() {
        assert!(sniff(JESSIE));
        assert!(sniff("\nPackage: base-files\nVersion: 12.4+deb12u7\n"));
        assert!(!sniff(
            "4a2ca4d6e1b4bb0ab4ae26e3c2b3ed1a  usr/lib/x86_64-linux-gnu/libssl.so.3\n"
        ));
        assert!(!sniff("Version: 1.0\nPackage: a\n"));
        assert!(!sniff(""));
    }
}
