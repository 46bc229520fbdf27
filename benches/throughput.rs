//! Micro-benchmarks (criterion) of the per-byte stages, in MB/s: the
//! prefilter that every file pays, and the heaviest extractors on inputs
//! built from the bundled samples. Run with `cargo bench --bench throughput`.
//! The side-by-side comparison with ripgrep and semgrep is `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use tlsfloor::classify::FORMATS;
use tlsfloor::prefilter::Prefilter;
use tlsfloor::source::SourceFile;

const TARGET_BYTES: usize = 1 << 20;

/// Concatenates the files under `dir` (relative to the crate) whose names end
/// with one of `suffixes`, repeated up to about 1 MiB.
fn corpus(dir: &str, suffixes: &[&str]) -> String {
    let mut parts = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_file() && suffixes.iter().any(|s| name.ends_with(s)) {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                parts.push(text);
            }
        }
    }
    assert!(!parts.is_empty(), "no input files under {dir}");
    let mut text = String::new();
    while text.len() < TARGET_BYTES {
        for p in &parts {
            text.push_str(p);
            text.push('\n');
        }
    }
    text
}

fn format_index(id: &str) -> usize {
    FORMATS
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("no format {id}"))
}

fn prefilter(c: &mut Criterion) {
    let prefilter = Prefilter::new().expect("prefilter");
    // Ordinary code with no keyword: the common case, one pass and drop.
    let plain = corpus("src/report", &[".rs"]);
    // Files full of keywords: the scan cannot stop early.
    let dense = corpus("samples/mbsync", &[""]);
    let rust = format_index("rust");
    let mut group = c.benchmark_group("prefilter");
    for (name, text) in [("plain-rust-source", &plain), ("keyword-dense", &dense)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(prefilter.scan(black_box(text), Some(rust))))
        });
    }
    group.finish();
}

fn extractors(c: &mut Criterion) {
    let cases = [
        ("python", "samples/python", &[".py"][..]),
        ("java-source", "samples/java-source", &[".java"][..]),
        ("javascript", "samples/javascript", &[".js", ".ts"][..]),
        ("c", "samples/c", &[".c"][..]),
        ("postfix", "samples/postfix", &["main.cf"][..]),
    ];
    let mut group = c.benchmark_group("extract");
    for (id, dir, suffixes) in cases {
        let spec = &FORMATS[format_index(id)];
        let text = corpus(dir, suffixes);
        let file = SourceFile::new("bench", &text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(id, |b| {
            b.iter(|| black_box((spec.extract)(black_box(&file))))
        });
    }
    group.finish();
}

criterion_group!(benches, prefilter, extractors);
criterion_main!(benches);
