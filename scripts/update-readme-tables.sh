#!/usr/bin/env bash
# Regenerates the README's formats and rules tables and its `explain` example
# from the format registry and the policy metadata (tests/readme.rs fails when they drift).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/tlsfloor"
python3 - "$("$bin" formats --markdown)" "$("$bin" rules -f markdown)" "$("$bin" explain TLS005)" <<'PY'
import re, sys
formats, rules = sys.argv[1] + "\n", sys.argv[2] + "\n"
explain = "```text\n$ tlsfloor explain TLS005\n" + sys.argv[3] + "\n```\n"
text = open("README.md", encoding="utf-8").read()
for name, table in (("formats", formats), ("rules", rules), ("explain", explain)):
    text = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)",
                  lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
open("README.md", "w", encoding="utf-8").write(text)
PY
echo "README tables updated"
