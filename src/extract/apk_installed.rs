//! Alpine Linux's installed-package database (`lib/apk/db/installed`, in
//! Alpine container images and appliances): one `component` fact per
//! installed package.
//!
//! The format (apk-tools `src/database.c` and `src/package.c`,
//! `apk_pkg_write_index_header`): one stanza per package, separated by blank
//! lines, of `K:value` lines with a one-letter key. `P` is the package name,
//! `V` its version (`1.1.1w-r1`, the `-rN` being Alpine's package release),
//! `A` the architecture and `o` the origin (the source package, `openssl`
//! for `libssl3` and `libcrypto3`); the rest (`C` checksum, `D`
//! dependencies, `F`/`R` folders and files, `Z` file checksums, ...) is not
//! needed. Every stanza in this file is an installed package.

use crate::extract::common::package_fact::{package_fact, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The key and value of a `K:value` line.
fn field(line: &str) -> Option<(u8, &str)> {
    let bytes = line.as_bytes();
    match (bytes.first(), bytes.get(1)) {
        (Some(&k), Some(b':')) if k.is_ascii_alphabetic() => Some((k, line.get(2..)?.trim())),
        _ => None,
    }
}

/// Whether the first non-empty line is a `K:value` line and the first
/// stanza names a package.
pub fn sniff(text: &str) -> bool {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next();
    first.and_then(field).is_some()
        && first
            .into_iter()
            .chain(lines.take_while(|l| !l.trim().is_empty()))
            .any(|l| matches!(field(l), Some((b'P', _))))
}

#[derive(Default)]
struct Stanza<'a> {
    first_line: usize,
    name: Option<&'a str>,
    version: Option<&'a str>,
    arch: Option<&'a str>,
    origin: Option<&'a str>,
}

impl Stanza<'_> {
    fn finish(self, file: &SourceFile) -> Result<Fact, ExtractError> {
        let Some(name) = self.name else {
            return Err(ExtractError::new(
                "not an apk database stanza: no `P:` (package name) line",
                Some(self.first_line),
            ));
        };
        let mut detail = Vec::new();
        if let Some(arch) = self.arch {
            detail.push(arch.to_owned());
        }
        if let Some(origin) = self.origin.filter(|o| *o != name) {
            detail.push(format!("origin {origin}"));
        }
        Ok(package_fact(
            file,
            &PackageEntry {
                name,
                version: self.version,
                detail: (!detail.is_empty()).then(|| detail.join(", ")),
            },
        ))
    }
}

/// One `component` fact per package stanza.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    let mut stanza: Option<Stanza> = None;
    for (n, line) in file.lines() {
        if line.trim().is_empty() {
            if let Some(done) = stanza.take() {
                facts.push(done.finish(file)?);
            }
            continue;
        }
        let Some((key, value)) = field(line) else {
            return Err(ExtractError::new(
                "not an apk database line: expected `K:value`",
                Some(n),
            ));
        };
        let s = stanza.get_or_insert_with(|| Stanza {
            first_line: n,
            ..Stanza::default()
        });
        let value = (!value.is_empty()).then_some(value);
        match key {
            b'P' => s.name = value,
            b'V' => s.version = value,
            b'A' => s.arch = value,
            b'o' => s.origin = value,
            _ => {}
        }
    }
    if let Some(done) = stanza {
        facts.push(done.finish(file)?);
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB: &str = "C:Q1Nf0sD3tOcLJ2Y0yMZ8m4y5cXvVA=
P:musl
V:1.2.4-r2
A:x86_64
S:383152
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1698077180
c:4e64d4c1b5d9a8ac8f1ea6d9cbd0ff8e8f4fe0f1
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755
Z:Q1lDfSzUOsTzX+lp2HXG5MJNRC2RQ=
R:libc.musl-x86_64.so.1

C:Q1rKZ6O/JXnRbQfWSeFvQA9bKPsQU=
P:libssl1.1
V:1.1.1w-r1
A:x86_64
S:219431
I:544768
T:SSL shared libraries
U:https://www.openssl.org/
L:OpenSSL
o:openssl
m:Ariadne Conill <ariadne@dereferenced.org>
D:so:libc.musl-x86_64.so.1 so:libcrypto.so.1.1
p:so:libssl.so.1.1=1.1
F:lib
R:libssl.so.1.1
";

    #[test]
    fn reads_every_package_with_origin_and_arch() {
        let file = SourceFile::new("lib/apk/db/installed", DB);
        let facts = extract(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(facts.len(), 2);
        let ssl = &facts[1];
        let c = ssl
            .component
            .as_ref()
            .map(|c| (c.name.as_str(), c.version.as_deref()));
        assert_eq!(c, Some(("libssl1.1", Some("1.1.1w-r1"))));
        assert_eq!(ssl.location.line, 23);
        assert_eq!(ssl.evidence, "libssl1.1 1.1.1w-r1 (x86_64, origin openssl)");
        assert_eq!(ssl.related[0].line, 22);
        assert_eq!(facts[0].evidence, "musl 1.2.4-r2 (x86_64)");
    }

    #[test]
    fn malformed_databases_are_errors() {
        for (text, line) in [
            ("P:a\nV:1\nnot a field\n", 3),
            ("P:a\n\nV:1.0\nA:x86_64\n", 3),
        ] {
            let file = SourceFile::new("installed", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
        let file = SourceFile::new("installed", "");
        assert!(extract(&file).is_ok_and(|f| f.is_empty()));
    }

    #[test]
    fn sniff_needs_a_package_stanza() {
        assert!(sniff(DB));
        assert!(sniff("\nP:busybox\nV:1.36.1-r15\n"));
        assert!(!sniff("C:Q1abc=\nV:1.0\n\nP:late\n"));
        assert!(!sniff("name: value\n"));
        assert!(!sniff(""));
    }
}
