//! The benchmark compares tlsfloor with ripgrep searching for the same
//! keywords as tlsfloor's prefilter. That list is checked in
//! (`scripts/bench/rg-patterns.txt`) so the benchmark is reproducible; this
//! test keeps it equal to the format registry's keywords, so the comparison
//! cannot drift as formats are added. `UPDATE_BENCH_PATTERNS=1 cargo test
//! --test bench_patterns` rewrites it.

use std::collections::BTreeSet;
use std::path::Path;
use tlsfloor::classify::{FORMATS, TEXT_SCANS};

fn expected() -> String {
    let keywords: BTreeSet<String> = FORMATS
        .iter()
        .flat_map(|f| f.keywords.iter())
        .chain(TEXT_SCANS.iter().flat_map(|s| s.keywords.iter()))
        .chain(TEXT_SCANS.iter().flat_map(|s| s.requires.iter()))
        .map(|k| k.to_ascii_lowercase())
        .collect();
    let mut text = String::new();
    for k in keywords {
        text.push_str(&k);
        text.push('\n');
    }
    text
}

#[test]
fn rg_patterns_match_the_prefilter_keywords() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/bench/rg-patterns.txt");
    let want = expected();
    if std::env::var_os("UPDATE_BENCH_PATTERNS").is_some() {
        std::fs::write(&path, &want).expect("write rg-patterns.txt");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "scripts/bench/rg-patterns.txt is out of date with the format registry's keywords; \
         run `UPDATE_BENCH_PATTERNS=1 cargo test --test bench_patterns`"
    );
}
