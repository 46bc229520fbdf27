//! Replays every input the fuzzers found a problem with (kept under
//! `fuzz/regressions/<target>/`) through the same entry point the fuzz
//! target calls, so a fixed crash stays fixed in `cargo test`.

use std::path::Path;
use tlsfloor::fuzz_support::{run_family, scan_input, Family};

/// Runs the fuzz target `name` on `data`; `false` if there is no such target.
fn run_target(name: &str, data: &[u8]) -> bool {
    let family = match name {
        "config_lines" => Family::ConfigLines,
        "xml" => Family::Xml,
        "json_yaml" => Family::JsonYaml,
        "code" => Family::Code,
        "manifest" => Family::Manifest,
        "scan_file" => {
            scan_input(data);
            return true;
        }
        _ => return false,
    };
    run_family(family, data);
    true
}

#[test]
fn fuzz_regression_inputs_do_not_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    let mut targets: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    targets.sort();
    for path in targets.iter().filter(|p| p.is_dir()) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert!(
            run_target(&name, b""),
            "fuzz/regressions/{name}: no such target"
        );
        let mut inputs: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        inputs.sort();
        for input in inputs.iter().filter(|p| p.is_file()) {
            let data = std::fs::read(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
            run_target(&name, &data);
            replayed += 1;
        }
    }
    eprintln!("replayed {replayed} fuzz regression inputs");
}

/// Every registered format belongs to a fuzzed family, and every family
/// target has formats (or, for manifests, is ready for them).
#[test]
fn every_format_is_in_a_fuzzed_family() {
    let total: usize = Family::ALL.iter().map(|f| f.formats().len()).sum();
    assert_eq!(total, tlsfloor::classify::FORMATS.len());
    for family in [
        Family::ConfigLines,
        Family::Xml,
        Family::JsonYaml,
        Family::Code,
    ] {
        assert!(!family.formats().is_empty(), "{family:?}");
    }
}
