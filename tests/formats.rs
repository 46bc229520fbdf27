//! `tlsfloor formats`: every format of the registry with the file names it
//! matches and what is extracted from it (the README's table is pinned by
//! tests/readme.rs).

mod support;

use support::*;
use tlsfloor::classify::{FORMATS, TEXT_SCANS};

#[test]
fn formats_lists_every_format_with_its_globs_and_extracts() {
    let o = bin()
        .arg("formats")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for f in FORMATS {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(f.id))
            .unwrap_or_else(|| panic!("{} not listed:\n{text}", f.id));
        for glob in f.globs {
            assert!(
                line.contains(glob),
                "{}: glob {glob} missing in {line}",
                f.id
            );
        }
        assert!(text.contains(f.extracts), "{}: extracts missing", f.id);
    }
    for scan in TEXT_SCANS {
        assert!(
            text.contains(scan.id) && text.contains(scan.extracts),
            "{}",
            scan.id
        );
    }
    let md = bin()
        .args(["formats", "--markdown"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stdout(&md), tlsfloor::cli::formats_markdown());
}
