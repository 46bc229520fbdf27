//! Truncated and garbled files of every registered format never panic: each
//! is scanned or fails with a reason. The inputs are generated from the
//! samples, so a format added to the registry (with its samples) is covered
//! without touching this test; a format without samples still gets
//! synthetic inputs under a name its globs match.

use std::path::{Path, PathBuf};
use tlsfloor::classify::{Classifier, FORMATS};
use tlsfloor::policy::PolicySet;
use tlsfloor::single_file::{FileScanner, FileStatus};

fn sample_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => sample_files(&path, out),
            Ok(t) if t.is_file() && path.extension().is_none_or(|e| e != "expect") => {
                out.push(path)
            }
            _ => {}
        }
    }
}

/// A path a format's globs match, for formats without samples.
fn name_for(glob: &str) -> String {
    glob.trim_start_matches('/')
        .replace("**/", "x/")
        .replace('*', "x")
        .replace(['?', '[', ']', '{', '}'], "x")
}

/// Cut points: the start, a quarter, half, three quarters, one byte short,
/// and the middle of a line (which often splits a token or a quote).
fn cuts(len: usize) -> Vec<usize> {
    let mut v = vec![0, 1, len / 4, len / 2, len * 3 / 4, len.saturating_sub(1)];
    v.sort_unstable();
    v.dedup();
    v.retain(|&c| c < len);
    v
}

/// Garbled copies: bytes that open structures (quotes, brackets, tags,
/// entities, escapes) written over the text at a fixed stride, a deleted
/// middle, and a doubled tail.
fn garbles(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (k, junk) in [
        &b"\"{[<&\\"[..],
        b"'(${%#",
        b"\xff\xfe\xc3",
        b"]]>}}}\"'",
        b"\n\r\t =",
    ]
    .iter()
    .enumerate()
    {
        let mut g = bytes.to_vec();
        let stride = 7 + 11 * k;
        let mut i = k;
        while i < g.len() {
            g[i] = junk[i % junk.len()];
            i += stride;
        }
        out.push(g);
    }
    let third = bytes.len() / 3;
    out.push([&bytes[..third], &bytes[2 * third..]].concat());
    out.push([bytes, &bytes[bytes.len() / 2..]].concat());
    out
}

#[test]
fn truncated_and_garbled_files_of_every_format() {
    let policies = PolicySet::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    let mut scanner = FileScanner::new("all", Some(&policies)).unwrap_or_else(|e| panic!("{e}"));
    let classifier = Classifier::new().unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sample_files(&root.join("samples"), &mut files);
    files.sort();
    // (relative path, bytes) of every original input, grouped by format.
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut covered = std::collections::BTreeSet::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let text = String::from_utf8_lossy(&bytes);
        if let Some(format) = classifier.classify(&rel, &text) {
            covered.insert(format.id);
        }
        inputs.push((rel, bytes));
    }
    for format in FORMATS {
        if !covered.contains(format.id) {
            for glob in format.globs {
                let synthetic = format!("{}\n{}\n", format.keywords.join(" = \"x\n"), "{ < [ \"");
                inputs.push((name_for(glob), synthetic.into_bytes()));
            }
        }
    }
    let mut variants = 0;
    let mut failed = 0;
    for (rel, bytes) in &inputs {
        let mut cases: Vec<(String, Vec<u8>)> = cuts(bytes.len())
            .into_iter()
            .map(|c| (format!("cut at {c}"), bytes[..c].to_vec()))
            .collect();
        cases.extend(
            garbles(bytes)
                .into_iter()
                .enumerate()
                .map(|(i, g)| (format!("garble {i}"), g)),
        );
        for (what, case) in cases {
            variants += 1;
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scanner.scan(rel, &case)));
            let scan = match result {
                Ok(Ok(scan)) => scan,
                Ok(Err(e)) => panic!("{rel} ({what}): the scan failed: {e}"),
                Err(_) => panic!("{rel} ({what}): panicked"),
            };
            match &scan.status {
                FileStatus::Failed(reason) => {
                    failed += 1;
                    assert!(!reason.is_empty(), "{rel} ({what})");
                    assert!(
                        scan.notifications.iter().any(|n| !n.message.is_empty()),
                        "{rel} ({what}): failed without a notification"
                    );
                }
                FileStatus::Skipped(reason) => assert!(!reason.is_empty()),
                FileStatus::Scanned => {}
            }
            if let Some(facts) = &scan.facts {
                serde_json::to_string(facts).unwrap_or_else(|e| panic!("{rel} ({what}): {e}"));
            }
        }
    }
    eprintln!(
        "{variants} malformed variants of {} files ({} formats with samples): {failed} failed with a reason, none panicked",
        inputs.len(),
        covered.len()
    );
    assert!(variants > 1000, "only {variants} variants");
}
