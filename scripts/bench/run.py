"""Side-by-side benchmark of tlsfloor, ripgrep and semgrep on one corpus.

Run through scripts/bench.sh, which builds tlsfloor, installs the peers and
assembles the corpus. Every figure comes from the same run on the same
machine: the commands alternate after a warm-up, and the ratios between
them, not the absolute times, are what the README reports.

Each command runs under GNU time, which gives wall time, user+system CPU
time and peak resident set size of the whole process tree's largest member.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Runs `cmd` under GNU time; returns (wall s, cpu s, peak RSS MB, exit code)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name, *cmd]
        proc = subprocess.run(full, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
        fields = Path(t.name).read_text().strip().splitlines()[-1].split()
    wall, user, system, rss_kb = (float(x) for x in fields)
    return wall, user + system, rss_kb / 1024.0, proc.returncode


class Series:
    """Repeated measurements of one command."""

    def __init__(self, name):
        self.name = name
        self.wall, self.cpu, self.rss = [], [], []

    def add(self, sample):
        wall, cpu, rss, _ = sample
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.rss.append(rss)

    def median_wall(self):
        return statistics.median(self.wall)

    def row(self, findings, note=""):
        return (
            f"| {self.name} | {statistics.median(self.wall):.2f} | "
            f"{statistics.median(self.cpu):.2f} | {max(self.rss):.0f} | {findings} | "
            f"{len(self.wall)} | {note} |"
        )


def tlsfloor_cmd(binary, paths, threads=None, out=None):
    cmd = [str(binary), "scan", "--format", "json", "--fail-on", "never", "--quiet"]
    if threads:
        cmd += ["-j", str(threads)]
    cmd += ["-o", out or os.devnull]
    return cmd + [str(p) for p in paths]


def rg_cmd(corpus):
    # Same job as tlsfloor's prefilter: which files mention any keyword,
    # case-insensitive fixed strings, hidden files included, ignore files
    # honoured, binaries skipped.
    return ["rg", "--files-with-matches", "--hidden", "--ignore-case", "--fixed-strings",
            "--file", str(HERE / "rg-patterns.txt"), str(corpus)]


def semgrep_cmd(corpus, out):
    return ["semgrep", "scan", "--config", str(HERE / "semgrep-rules.yml"), "--metrics=off",
            "--disable-version-check", "--no-git-ignore", "--json", "--quiet", "--output", out,
            "--timeout", "0", "--max-target-bytes", "16000000", "--jobs", str(os.cpu_count()),
            str(corpus)]


def count_tlsfloor(path):
    return len(json.loads(Path(path).read_text())["findings"])


def count_lines(cmd):
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return len(out.splitlines())


def count_semgrep(path):
    return len(json.loads(Path(path).read_text())["results"])


def corpus_stats(corpus):
    files, size = 0, 0
    for root, _, names in os.walk(corpus):
        for n in names:
            p = os.path.join(root, n)
            if os.path.isfile(p) and not os.path.islink(p):
                files += 1
                size += os.path.getsize(p)
    return files, size / 1e6


def scaled_copy(corpus, factor, work):
    """`factor` hard-linked copies of the corpus side by side (same bytes,
    no extra disk); the walk and the reads still cover every copy."""
    target = work / f"scale-{factor}"
    if not target.exists():
        target.mkdir(parents=True)
        for i in range(factor):
            subprocess.run(["cp", "-al", str(corpus), str(target / f"copy-{i}")], check=True)
    return target


def many_findings_tree(work, count):
    """A tree with `count` legacy settings: mbsync accounts pinned to TLS 1.0
    against Exchange Online, 100 accounts a file."""
    target = work / f"findings-{count}"
    if target.exists():
        return target
    per_file = 100
    for f in range(count // per_file):
        d = target / f"team-{f // 100:03d}" / f"user-{f:05d}"
        d.mkdir(parents=True)
        blocks = []
        for a in range(per_file):
            blocks.append(
                f"IMAPAccount acct{a}\nHost outlook.office365.com\nUser u{a}@example.com\n"
                f"PassCmd \"pass show mail/{a}\"\nSSLType IMAPS\nSSLVersions TLSv1\n"
            )
        (d / ".mbsyncrc").write_text("\n".join(blocks))
    return target


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tlsfloor", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--semgrep-runs", type=int, default=2)
    ap.add_argument("--skip-semgrep", action="store_true")
    ap.add_argument("--findings", type=int, default=100_000)
    args = ap.parse_args()

    binary = Path(args.tlsfloor).resolve()
    corpus = Path(args.corpus).resolve()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    nfiles, mb = corpus_stats(corpus)
    cpus = os.cpu_count()
    out_json = str(work / "tlsfloor.json")
    out_semgrep = str(work / "semgrep.json")
    lines = []
    say = lines.append

    # Warm-up: fill the page cache for every tool.
    timed(tlsfloor_cmd(binary, [corpus]))
    timed(rg_cmd(corpus))

    tl, rg, sg = Series("tlsfloor scan"), Series("rg (prefilter patterns)"), Series("semgrep")
    for i in range(args.runs):
        tl.add(timed(tlsfloor_cmd(binary, [corpus], out=out_json)))
        rg.add(timed(rg_cmd(corpus)))
        print(f"run {i + 1}/{args.runs}: tlsfloor {tl.wall[-1]:.2f}s rg {rg.wall[-1]:.2f}s",
              file=sys.stderr)
    semgrep_findings = "-"
    if not args.skip_semgrep and shutil.which("semgrep"):
        for i in range(args.semgrep_runs):
            sg.add(timed(semgrep_cmd(corpus, out_semgrep)))
            print(f"semgrep run {i + 1}: {sg.wall[-1]:.1f}s", file=sys.stderr)
        semgrep_findings = count_semgrep(out_semgrep)

    say(f"Corpus: {nfiles} files, {mb:.0f} MB (crates via cargo vendor, PyPI sdists, npm "
        f"tarballs, samples planted 3 times); {cpus} CPUs; warm cache; medians.")
    say("")
    say("| command | wall s | CPU s | peak RSS MB | findings / matching files | runs | note |")
    say("| --- | --- | --- | --- | --- | --- | --- |")
    say(tl.row(count_tlsfloor(out_json), "findings"))
    say(rg.row(count_lines(rg_cmd(corpus)), "files with a keyword"))
    if sg.wall:
        say(sg.row(semgrep_findings, "findings, code rules only"))
    say("")
    say(f"- tlsfloor / rg wall time: **{tl.median_wall() / rg.median_wall():.2f}×** "
        "(target ≤ 1.5×)")
    if sg.wall:
        say(f"- semgrep / tlsfloor wall time: **{sg.median_wall() / tl.median_wall():.1f}×** "
            "(target ≥ 20×)")
    say("")

    # Scaling with the tree and with threads.
    say("| scaling | wall s | CPU s | peak RSS MB |")
    say("| --- | --- | --- | --- |")
    for factor in (1, 2, 4):
        tree = corpus if factor == 1 else scaled_copy(corpus, factor, work)
        s = Series(f"{factor}× corpus")
        for _ in range(max(1, args.runs // 2)):
            s.add(timed(tlsfloor_cmd(binary, [tree])))
        say(f"| {factor}× corpus, {cpus} threads | {s.median_wall():.2f} | "
            f"{statistics.median(s.cpu):.2f} | {max(s.rss):.0f} |")
    for threads in (1, 2):
        s = Series(f"{threads} threads")
        for _ in range(max(1, args.runs // 2)):
            s.add(timed(tlsfloor_cmd(binary, [corpus], threads=threads)))
        say(f"| 1× corpus, {threads} thread(s) | {s.median_wall():.2f} | "
            f"{statistics.median(s.cpu):.2f} | {max(s.rss):.0f} |")
    say("")

    # The pre-commit case: 20 named files, whole process.
    named = sorted(str(p) for p in (corpus / "planted-1").rglob("*") if p.is_file())[:20]
    s = Series("20 named files")
    for _ in range(20):
        s.add(timed(tlsfloor_cmd(binary, named)))
    say(f"- pre-commit case (20 named files, whole process incl. policy compilation): "
        f"median **{s.median_wall() * 1000:.0f} ms** (target < 50 ms), "
        f"peak RSS {max(s.rss):.0f} MB")

    # Many findings: policy evaluation and SARIF writing stay proportional.
    tree = many_findings_tree(work, args.findings)
    for fmt in ("json", "sarif"):
        out = str(work / f"many.{fmt}")
        cmd = [str(binary), "scan", "--format", fmt, "--fail-on", "never", "--quiet", "-o", out,
               str(tree)]
        s = Series(f"many findings ({fmt})")
        for _ in range(2):
            s.add(timed(cmd))
        doc = json.loads(Path(out).read_text())
        if fmt == "json":
            count = f"{len(doc['findings'])} findings"
        else:
            # GitHub accepts at most 25,000 results a run: tlsfloor keeps the
            # most severe and says how many it left out in the run.
            count = f"{len(doc['runs'][0]['results'])} SARIF results"
        say(f"- many-findings case, {fmt} ({args.findings} legacy settings → {count}): "
            f"median **{s.median_wall():.2f} s** end to end (target < 10 s), "
            f"peak RSS {max(s.rss):.0f} MB")

    report = "\n".join(lines) + "\n"
    (work / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
