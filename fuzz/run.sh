#!/usr/bin/env bash
# Builds the fuzz targets the way `cargo fuzz build` does (libFuzzer with
# SanitizerCoverage, AddressSanitizer, debug assertions), but without needing
# cargo-fuzz or a nightly toolchain: RUSTC_BOOTSTRAP=1 unlocks the -Z flags
# on stable. Then seeds each target's corpus from samples/ and runs it.
#
#   bash fuzz/run.sh build                 # build every target
#   bash fuzz/run.sh seed                  # (re)seed corpora from samples/
#   bash fuzz/run.sh run TARGET SECONDS    # fuzz one target for SECONDS
#
# Crashes land in fuzz/artifacts/TARGET/; copy each into
# fuzz/regressions/TARGET/ (tests/fuzz_regressions.rs replays them).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
triple="$(rustc -vV | sed -n 's/^host: //p')"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
targets=(config_lines xml json_yaml code manifest scan_file)

build() {
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cpasses=sancov-module \
-Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
--cfg fuzzing -Cdebug-assertions -Coverflow-checks \
-Zsanitizer=address -Cforce-frame-pointers" \
        cargo build --release --manifest-path "$here/Cargo.toml" --target "$triple" --bins
}

# One seed per sample file: its path, a newline, its bytes (the input
# format of tlsfloor::fuzz_support). Every target gets every sample; a
# family target routes a sample it does not own to one of its formats.
seed() {
    local repo="$here/.."
    for t in "${targets[@]}"; do
        mkdir -p "$here/corpus/$t"
        (cd "$repo" && find samples -type f ! -name '*.expect') | while read -r f; do
            local name
            name="$(printf '%s' "$f" | sha1sum | cut -c1-16)"
            { printf '%s\n' "$f"; cat "$repo/$f"; } >"$here/corpus/$t/$name"
        done
    done
}

run() {
    local target="$1" seconds="$2"
    mkdir -p "$here/corpus/$target" "$here/artifacts/$target"
    "$CARGO_TARGET_DIR/$triple/release/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$here/artifacts/$target/" \
        "$here/corpus/$target" "$here/regressions/$target"
}

case "${1:-}" in
    build) build ;;
    seed) seed ;;
    run) mkdir -p "$here/regressions/$2"; run "$2" "$3" ;;
    *) echo "usage: $0 build | seed | run TARGET SECONDS" >&2; exit 2 ;;
esac
