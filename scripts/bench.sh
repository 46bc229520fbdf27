#!/usr/bin/env bash
# Side-by-side benchmark: tlsfloor vs ripgrep (same keywords as tlsfloor's
# prefilter) vs semgrep (equivalent code rules), on a corpus assembled from
# the package registries. Prints the Markdown table the README's Performance
# section shows. Usage:
#
#   bash scripts/bench.sh [--runs N] [--semgrep-runs N] [--skip-semgrep]
#
# Needs network access to crates.io, PyPI, npm and Debian's archive the first
# time (corpus and tools are cached in .bench/, which git ignores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p "${BENCH_DIR:-.bench}"
bench_dir=$(cd "${BENCH_DIR:-.bench}" && pwd)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v rg >/dev/null; then
    echo "bench: installing ripgrep (Debian)" >&2
    sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq ripgrep >/dev/null
fi
if [ ! -x "$bench_dir/venv/bin/semgrep" ]; then
    echo "bench: installing semgrep (PyPI) into $bench_dir/venv" >&2
    python3 -m venv "$bench_dir/venv"
    "$bench_dir/venv/bin/pip" install --quiet semgrep
fi
export PATH="$bench_dir/venv/bin:$PATH"

echo "bench: building tlsfloor (release)" >&2
cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

bash scripts/bench/corpus.sh
python3 scripts/bench/run.py --tlsfloor "$target_dir/release/tlsfloor" \
    --corpus "$bench_dir/corpus" --work "$bench_dir/work" "$@"
