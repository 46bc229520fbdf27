#!/usr/bin/env bash
# Assembles the benchmark corpus from the package registries: crate sources
# (cargo vendor of a throwaway manifest), PyPI sdists and npm tarballs of mail
# and TLS libraries, plus this repository's samples planted a few times so
# that there are findings. Everything lands in $BENCH_DIR/corpus (default
# .bench/corpus, git-ignored); nothing fetched is ever committed.
#
# Idempotent: a part that is already there is not fetched again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=scripts/bench
mkdir -p "${BENCH_DIR:-.bench}"
bench_dir=$(cd "${BENCH_DIR:-.bench}" && pwd)
corpus=$bench_dir/corpus
mkdir -p "$corpus" "$bench_dir/work"
work=$(cd "$bench_dir/work" && pwd)

# 1. Rust: the crates of a throwaway manifest, vendored with all their
#    dependencies (a few hundred crates, tens of thousands of files).
if [ ! -d "$corpus/crates" ]; then
    echo "corpus: vendoring crates" >&2
    rm -rf "$work/crates" && mkdir -p "$work/crates/src"
    {
        printf '[package]\nname = "tlsfloor-bench-corpus"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n'
        grep -v '^#' "$here/crates.txt" | grep . | sed 's/^\([^ ]*\) \(.*\)$/\1 = "\2"/'
    } >"$work/crates/Cargo.toml"
    echo 'fn main() {}' >"$work/crates/src/main.rs"
    (cd "$work/crates" && cargo vendor --versioned-dirs --quiet vendor >/dev/null)
    mv "$work/crates/vendor" "$corpus/crates"
fi

# 2. Python: source distributions of mail, TLS and web packages.
if [ ! -d "$corpus/pypi" ]; then
    echo "corpus: downloading PyPI sdists" >&2
    rm -rf "$work/pypi" && mkdir -p "$work/pypi/dl" "$work/pypi/src"
    python3 "$here/pypi_sdists.py" "$here/pypi.txt" "$work/pypi/dl"
    for f in "$work/pypi/dl"/*; do
        case "$f" in
            *.tar.gz | *.tgz) tar -xzf "$f" -C "$work/pypi/src" ;;
            *.zip) python3 -m zipfile -e "$f" "$work/pypi/src" ;;
        esac
    done
    mv "$work/pypi/src" "$corpus/pypi"
fi

# 3. JavaScript: npm tarballs of mail clients and their neighbours.
if [ ! -d "$corpus/npm" ]; then
    echo "corpus: packing npm packages" >&2
    rm -rf "$work/npm" && mkdir -p "$work/npm/dl" "$work/npm/src"
    grep -v '^#' "$here/npm.txt" | grep . | while read -r pkg; do
        (cd "$work/npm/dl" && npm pack --silent "$pkg" >/dev/null 2>&1) || echo "corpus: skipped $pkg" >&2
    done
    for f in "$work/npm/dl"/*.tgz; do
        d="$work/npm/src/$(basename "$f" .tgz)"
        mkdir -p "$d" && tar -xzf "$f" -C "$d"
    done
    mv "$work/npm/src" "$corpus/npm"
fi

# 4. Findings: the project's samples, planted three times.
for i in 1 2 3; do
    rm -rf "$corpus/planted-$i" && cp -R samples "$corpus/planted-$i"
done

files=$(find "$corpus" -type f | wc -l)
size=$(du -sm "$corpus" | cut -f1)
echo "corpus: $files files, $size MB in $corpus" >&2
