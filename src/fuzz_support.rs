//! Entry points for the fuzz targets in `fuzz/` and for the regression test
//! that replays what they found (`tests/fuzz_regressions.rs`), so that both
//! run exactly the same code.
//!
//! A fuzz input is a file path on its first line and the file's bytes after
//! it. Seeding from `samples/` is then `printf '%s\n' PATH; cat PATH`, and
//! the fuzzer mutates names (classification) as well as content.
//!
//! The extractors are grouped into families by what the registry says about
//! them, not by a list of ids, so a format added later is fuzzed by its
//! family's target without touching this module.

use crate::classify::registry::SourceKind;
use crate::classify::{Classifier, CommentStyle, FormatSpec, FORMATS, TEXT_SCANS};
use crate::policy::PolicySet;
use crate::single_file::FileScanner;
use crate::source::{self, SourceFile};
use std::sync::{Mutex, OnceLock};

/// A group of extractors sharing a parsing technique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// INI, `key value`, `key = value` and other line-based configs, plus
    /// the any-file text scans (command lines, env files, host names).
    ConfigLines,
    /// XML formats (roxmltree).
    Xml,
    /// JSON and YAML formats.
    JsonYaml,
    /// Source code (the shared code lexer and the language lexers).
    Code,
    /// SBOMs, package manifests and firmware descriptions.
    Manifest,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::ConfigLines,
        Family::Xml,
        Family::JsonYaml,
        Family::Code,
        Family::Manifest,
    ];

    /// The family of a registered format.
    pub fn of(format: &FormatSpec) -> Family {
        let structured = |exts: &[&str]| {
            format
                .globs
                .iter()
                .any(|g| exts.iter().any(|e| g.to_ascii_lowercase().ends_with(e)))
        };
        if format.kind == SourceKind::Firmware {
            Family::Manifest
        } else if format.comments == CommentStyle::Xml || structured(&[".xml", "proj"]) {
            Family::Xml
        } else if format.comments == CommentStyle::None || structured(&[".json", ".yml", ".yaml"]) {
            Family::JsonYaml
        } else if format.kind == SourceKind::Code {
            Family::Code
        } else {
            Family::ConfigLines
        }
    }

    /// The registered formats of this family, in registry order.
    pub fn formats(self) -> Vec<&'static FormatSpec> {
        FORMATS.iter().filter(|f| Family::of(f) == self).collect()
    }
}

/// Splits a fuzz input into its path line and the file's bytes.
pub fn split_input(data: &[u8]) -> (String, &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (
            String::from_utf8_lossy(&data[..i]).trim().to_owned(),
            &data[i + 1..],
        ),
        None => (String::new(), data),
    }
}

fn classifier() -> Option<&'static Classifier> {
    static CLASSIFIER: OnceLock<Option<Classifier>> = OnceLock::new();
    CLASSIFIER.get_or_init(|| Classifier::new().ok()).as_ref()
}

/// Runs one family's extractors on a fuzz input: the format its path
/// classifies as, if that format is in the family, else one chosen by the
/// path's bytes. Extractors are called directly (no prefilter), so every
/// input reaches the parser. The config-line family also runs every
/// any-file text scan.
pub fn run_family(family: Family, data: &[u8]) {
    let formats = family.formats();
    let (path, bytes) = split_input(data);
    let Ok((text, _)) = source::decode(bytes) else {
        return;
    };
    let file = SourceFile::new(&path, &text);
    let chosen = classifier()
        .and_then(|c| {
            c.candidates(&path)
                .into_iter()
                .find(|f| Family::of(f) == family)
        })
        .or_else(|| {
            let pick = path
                .bytes()
                .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b.into()));
            formats.get(pick % formats.len().max(1)).copied()
        });
    let mut facts = match chosen {
        Some(format) => (format.extract)(&file).unwrap_or_default(),
        None => Vec::new(),
    };
    if family == Family::ConfigLines {
        let comments = chosen.map_or(CommentStyle::Hash, |f| f.comments);
        for scan in TEXT_SCANS {
            let more = (scan.scan)(&file, comments, &facts);
            facts.extend(more);
        }
    }
    // Every fact must serialise (it becomes policy input and JSON output).
    let _ = serde_json::to_string(&facts);
}

/// Scans a fuzz input as one file through the whole pipeline with the
/// built-in policies, as `tlsfloor scan` would.
pub fn scan_input(data: &[u8]) {
    static POLICIES: OnceLock<Option<PolicySet>> = OnceLock::new();
    static SCANNER: OnceLock<Option<Mutex<FileScanner<'static>>>> = OnceLock::new();
    let scanner = SCANNER.get_or_init(|| {
        let policies = POLICIES.get_or_init(|| PolicySet::load(&[]).ok()).as_ref();
        FileScanner::new("all", policies).ok().map(Mutex::new)
    });
    let (path, bytes) = split_input(data);
    let path = if path.is_empty() {
        "input"
    } else {
        path.as_str()
    };
    if let Some(Ok(mut scanner)) = scanner.as_ref().map(Mutex::lock) {
        let _ = scanner.scan(path, bytes);
    }
}
