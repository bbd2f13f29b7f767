"""How fast zhstats is, against the yardstick of issue 9: segmenting the same text with jieba.

Run from the repository root (``python benchmarks/bench.py``, about 5 minutes on two cores;
``--quick`` for a 1,000-article memory folder and fewer runs). It prints one Markdown table,
the one in the README's "Performance" section:

- warm: ``zhstats.extract`` of the seed article and of the whole corpus, alternating with
  ``jieba.lcut`` of the same text in the same process (jieba's dictionary loaded first),
  median of 30 rounds; ms per document, characters per second, and the ratio of the two
  medians (issue 9: at most 1.0, goal 0.4);
- cold: wall time of the real command ``zhstats extract corpus/000_d6907cdbbd74cdf0.txt`` in
  a fresh interpreter, median of 5 runs with the word cache and Python's bytecode in place
  (as a user has them from the second run on), the same with no bytecode cache, and the
  very first run (empty word cache, nothing compiled yet);
- memory: peak resident memory of ``zhstats extract FOLDER -o out.jsonl`` over a folder of
  10,000 articles (copies of the corpus), measured on the child process alone;
- scaling: ``--jobs 1`` against ``--jobs 2`` on 200 copies, alternating (median and best of 5 runs each).

A benchmark, not a test: nothing here asserts a time. The machine is named in the output
(cores, CPU, Python, load average at the start), since shared machines are noisy: compare
ratios measured in one run rather than times from different runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# One folder builder for every benchmark (scripts run from benchmarks/, which is on sys.path).
from bench_jobs import make_folder

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_d6907cdbbd74cdf0.txt"


# --------------------------------------------------------------------------- machine


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = "/".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}, load average {load} at start")


# --------------------------------------------------------------------------- warm


def corpus() -> list[tuple[str, str | None]]:
    """(text, date) of every corpus article, dates from ``NAME.meta.json`` as the command reads them."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        meta = path.with_name(path.stem + ".meta.json")
        date = json.loads(meta.read_text(encoding="utf-8")).get("date") if meta.exists() else None
        out.append((path.read_text(encoding="utf-8"), date))
    return out


def alternate(docs: list[tuple[str, str | None]], rounds: int) -> tuple[float, float]:
    """Median seconds of one pass of ``extract`` and of ``jieba.lcut`` over ``docs``, alternating."""
    import logging

    import jieba

    import zhstats

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for text, date in docs:  # warm: patterns compiled, lexicons and word groups loaded
        zhstats.extract(text, date=date)
        jieba.lcut(text)
    ours, theirs = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text, date in docs:
            zhstats.extract(text, date=date)
        t1 = time.perf_counter()
        for text, _ in docs:
            jieba.lcut(text)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
    return statistics.median(ours), statistics.median(theirs)


# --------------------------------------------------------------------------- command line


def command() -> list[str]:
    """``zhstats extract``: the installed command beside this interpreter, else ``python -m zhstats.cli``."""
    script = Path(sys.executable).with_name("zhstats")
    return [str(script), "extract"] if script.exists() else [sys.executable, "-m", "zhstats.cli", "extract"]


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "wall = time.perf_counter() - t\n"
    "if r.returncode: sys.exit(r.stderr)\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


# The commands run as on a user's machine: Python keeps compiled bytecode (here in a folder of
# the benchmark's own, so that the checkout stays clean), even where the shell that starts
# the benchmark sets PYTHONDONTWRITEBYTECODE. The cold figure is also given without it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the command and its workers) of one run, measured by a
    small parent of its own so that nothing else this script ran counts."""
    res = subprocess.run([sys.executable, "-c", _MEASURE, *command(), *args], capture_output=True, text=True,
                         env=env or ENV, cwd=ROOT, check=False)
    if res.returncode:
        sys.exit(f"zhstats extract {' '.join(args)} failed:\n{res.stderr}")
    wall, rss_kb = res.stdout.split()
    return float(wall), int(rss_kb) / 1024


# --------------------------------------------------------------------------- report


def _progress(rows: list[tuple[str, str]]) -> None:
    """Each figure on standard error as soon as it is measured (the table comes at the end)."""
    k, v = rows[-1]
    print(f"{k}: {v}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1,000 articles for memory, fewer runs")
    ap.add_argument("--rounds", type=int, default=30, help="warm rounds (default 30)")
    ap.add_argument("--memory-docs", type=int, default=10_000)
    ap.add_argument("--copies", type=int, default=200)
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.memory_docs = min(args.rounds, 10), min(args.memory_docs, 1_000)
    rows: list[tuple[str, str]] = [("machine", machine())]

    docs = corpus()
    seed_text = SEED.read_text(encoding="utf-8")
    seed = [d for d in docs if d[0] == seed_text]
    ours, theirs = alternate(seed, args.rounds)
    rows += [
        (f"warm `extract`, seed article ({len(seed_text):,} characters), median of {args.rounds}",
         f"{ours * 1e3:.1f} ms"),
        ("`jieba.lcut` of the same article, alternating", f"{theirs * 1e3:.1f} ms"),
        ("**ratio** extract / lcut (target ≤ 1.0, goal 0.4)", f"**{ours / theirs:.2f}**"),
    ]
    _progress(rows)
    chars = sum(len(t) for t, _ in docs)
    ours, theirs = alternate(docs, args.rounds)
    rows += [
        (f"warm `extract`, corpus ({len(docs)} articles, {chars:,} characters)",
         f"{ours / len(docs) * 1e3:.1f} ms/article, {chars / ours:,.0f} characters/s"),
        ("ratio extract / lcut over the corpus", f"{ours / theirs:.2f}"),
    ]
    _progress(rows)

    seed_arg = [str(SEED.relative_to(ROOT))]
    pycache = tempfile.mkdtemp(prefix="zhstats-bench-pycache-")
    ENV["PYTHONPYCACHEPREFIX"] = pycache
    with tempfile.TemporaryDirectory() as empty:  # no word cache, no bytecode
        first, _ = run(seed_arg, env=dict(ENV, ZHSTATS_CACHE_DIR=empty))
    run(seed_arg)  # the word cache and the bytecode in place, as from a user's second run on
    walls = [run(seed_arg)[0] for _ in range(5)]
    nopyc = [run(seed_arg, env=dict(ENV, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=tempfile.gettempdir()
                                     + "/zhstats-bench-none"))[0] for _ in range(5)]
    shutil.rmtree(pycache, ignore_errors=True)
    rows += [
        ("cold `zhstats extract corpus/000_d6907cdbbd74cdf0.txt`, median of 5 (target ≤ 1.0 s)",
         f"{statistics.median(walls):.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)})"),
        ("the same without a bytecode cache (`PYTHONDONTWRITEBYTECODE=1`: every module compiled)",
         f"{statistics.median(nopyc):.2f} s"),
        ("the very first run (no word cache: built from jieba's dictionary; no bytecode)", f"{first:.2f} s"),
    ]
    _progress(rows)

    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "many", args.memory_docs)
        wall, rss = run([str(folder), "-o", str(Path(tmp) / "out.jsonl")])
        rows.append((f"peak RSS, `zhstats extract` of {args.memory_docs:,} articles (`-o`, jsonl)",
                     f"{rss:.0f} MB ({wall:.0f} s, {args.memory_docs / wall:.0f} articles/s; target < 300 MB)"))
        _progress(rows)

        folder = make_folder(Path(tmp) / "copies", args.copies)
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(5):
            for jobs in (1, 2):
                times[jobs].append(run([str(folder), "--jobs", str(jobs), "-o", str(Path(tmp) / "j.jsonl")])[0])
        one, two = statistics.median(times[1]), statistics.median(times[2])
        best1, best2 = min(times[1]), min(times[2])
        rows.append((f"{args.copies} copies: `--jobs 1` / `--jobs 2`, median of 5 (best of 5)",
                     f"{one:.2f} s / {two:.2f} s, speed-up {one / two:.2f}x "
                     f"({best1:.2f} s / {best2:.2f} s, {best1 / best2:.2f}x)"))

    _progress(rows)
    print("| measure | result |")
    print("| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
