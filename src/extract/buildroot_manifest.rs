//! Buildroot `legal-info/manifest.csv`: one `component` fact per target
//! package of the firmware.
//!
//! The format, from Buildroot's `Makefile` and `package/pkg-utils.mk`
//! (`legal-manifest`): a header row, then one row per package with a
//! source, written by `echo` without escaping. Columns:
//! - since 2018.11 (dependencies added 2018-10):
//!   `"PACKAGE","VERSION","LICENSE","LICENSE FILES","SOURCE ARCHIVE","SOURCE SITE","DEPENDENCIES WITH LICENSES"`;
//! - 2014.08–2018.08: the same without the last column (site added 2014-07);
//! - 2012.11–2014.05: `"PACKAGE","VERSION","LICENSE","LICENSE FILES","SOURCE ARCHIVE"`;
//! - 2012.08 (the first release with legal-info): the same five columns
//!   unquoted, so a license such as `GPLv2+, LGPLv2.1+` spills over into
//!   extra fields (the reason quoting was added).
//!
//! Only PACKAGE (the package's raw name: `libopenssl`, `openssl` before the
//! 2017.11 virtual package, `polarssl`, `mbedtls`, `wolfssl`) and VERSION are read,
//! and they are the first two fields in every layout, so the spill-over of
//! the unquoted layout does not matter. Versions are kept as written
//! (`1.0.2k`, a git hash for `_VERSION = <sha1>` packages).
//!
//! `host-manifest.csv` (the build machine's tools, split out in 2013.11) is
//! not read: those packages never reach the device.

use crate::extract::common::package_fact::{package_fact, PackageEntry};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The fields of one CSV row, as sub-slices of `line` (quotes removed, a
/// doubled `""` inside a quoted field left as written). A field is quoted
/// when it starts with `"`; its closing quote is the next `"` followed by a
/// comma or the end of the line.
fn fields(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let (field, after) = match rest.strip_prefix('"') {
            Some(quoted) => {
                let close = quoted
                    .match_indices('"')
                    .map(|(i, _)| i)
                    .find(|&i| matches!(quoted[i + 1..].chars().next(), None | Some(',')));
                match close {
                    Some(i) => (&quoted[..i], &quoted[i + 1..]),
                    // An unterminated quote: the rest of the line.
                    None => (quoted, ""),
                }
            }
            None => match rest.find(',') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            },
        };
        out.push(field);
        match after.strip_prefix(',') {
            Some(next) => rest = next,
            None => return out,
        }
    }
}

/// Whether the first non-empty line is Buildroot's header.
pub fn sniff(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(is_header)
}

fn is_header(line: &str) -> bool {
    let f = fields(line.trim());
    f.first().map(|s| s.trim()) == Some("PACKAGE") && f.get(1).map(|s| s.trim()) == Some("VERSION")
}

/// One `component` fact per package row.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut facts = Vec::new();
    let mut header = false;
    for (n, line) in file.lines() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        if !header {
            if !is_header(line) {
                return Err(ExtractError::new(
                    "not a Buildroot legal-info manifest: the header is not `PACKAGE,VERSION,...`",
                    Some(n),
                ));
            }
            header = true;
            continue;
        }
        let row = fields(line);
        let name = row.first().map_or("", |s| s.trim());
        let Some(version) = row.get(1).map(|s| s.trim()) else {
            return Err(ExtractError::new(
                "not a Buildroot legal-info manifest row: no VERSION field",
                Some(n),
            ));
        };
        if name.is_empty() {
            return Err(ExtractError::new(
                "not a Buildroot legal-info manifest row: empty PACKAGE field",
                Some(n),
            ));
        }
        facts.push(package_fact(
            file,
            &PackageEntry {
                name,
                version: (!version.is_empty()).then_some(version),
                detail: None,
            },
        ));
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::packages;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, "legal-info/manifest.csv", text)
    }

    #[test]
    fn quoted_layout_with_commas_inside_fields() {
        let text = "\"PACKAGE\",\"VERSION\",\"LICENSE\",\"LICENSE FILES\",\"SOURCE ARCHIVE\",\"SOURCE SITE\",\"DEPENDENCIES WITH LICENSES\"\n\
\"busybox\",\"1.36.1\",\"GPL-2.0, bzip2-1.0.4\",\"LICENSE archival/libarchive/bz/LICENSE\",\"busybox-1.36.1.tar.bz2\",\"https://www.busybox.net/downloads\",\"\"\n\
\"libopenssl\",\"1.1.1w\",\"OpenSSL or SSLeay\",\"LICENSE\",\"openssl-1.1.1w.tar.gz\",\"https://www.openssl.org/source\",\"zlib [Zlib]\"\n";
        let facts = facts(text);
        assert_eq!(
            packages(&facts),
            [
                ("busybox".into(), Some("1.36.1".into())),
                ("libopenssl".into(), Some("1.1.1w".into())),
            ]
        );
        let ssl = &facts[1];
        assert_eq!(
            (
                ssl.location.line,
                ssl.location.column,
                ssl.location.end_column
            ),
            (3, 15, 21)
        );
        assert_eq!(ssl.evidence, "libopenssl 1.1.1w");
    }

    #[test]
    fn unquoted_2012_layout_with_spilled_licenses() {
        let text = "PACKAGE,VERSION,LICENSE,LICENSE FILES,SOURCE ARCHIVE\r\n\
buildroot,2012.08,GPLv2+,COPYING,not saved\r\n\
glib2,2.30.3,LGPLv2+, GPLv2+ (gtk-doc, gio/gio-querymodules.c),COPYING,glib-2.30.3.tar.xz\r\n\
polarssl,1.1.4,GPLv2,LICENSE,polarssl-1.1.4-gpl.tgz\r\n";
        assert_eq!(
            packages(&facts(text)),
            [
                ("buildroot".into(), Some("2012.08".into())),
                ("glib2".into(), Some("2.30.3".into())),
                ("polarssl".into(), Some("1.1.4".into())),
            ]
        );
    }

    #[test]
    fn csv_fields() {
        assert_eq!(fields("a,b,,c"), ["a", "b", "", "c"]);
        assert_eq!(fields("\"a,1\",\"b\"\"x\",c"), ["a,1", "b\"\"x", "c"]);
        assert_eq!(fields("\"open"), ["open"]);
        assert_eq!(fields(""), [""]);
    }

    #[test]
    fn bad_headers_and_rows_are_errors() {
        for (text, line) in [
            ("NAME,VERSION\nbusybox,1.0\n", 1),
            ("\"PACKAGE\",\"VERSION\"\n\"busybox\"\n", 2),
            ("\"PACKAGE\",\"VERSION\"\n\n,\"1.0\"\n", 3),
        ] {
            let file = SourceFile::new("manifest.csv", text);
            match extract(&file) {
                Ok(f) => panic!("{text:?}: expected an error, got {} facts", f.len()),
                Err(e) => assert_eq!(e.line, Some(line), "{text:?}: {e}"),
            }
        }
        assert!(facts("\"PACKAGE\",\"VERSION\",\"LICENSE\"\n").is_empty());
    }

    #[test]
    fn sniff_needs_the_header() {
        assert!(sniff(
            "\"PACKAGE\",\"VERSION\",\"LICENSE\",\"LICENSE FILES\",\"SOURCE ARCHIVE\"\n"
        ));
        assert!(sniff(
            "\u{feff}PACKAGE,VERSION,LICENSE,LICENSE FILES,SOURCE ARCHIVE\n"
        ));
        assert!(!sniff("id,name,price\n1,widget,3.50\n"));
        assert!(!sniff("\"VERSION\",\"PACKAGE\"\n"));
        assert!(!sniff(""));
    }
}
