"""How ``zhstats extract`` scales: with ``--jobs``, with document size, with file count.

Three measurements, each a real ``zhstats extract`` run in a fresh interpreter
(start-up included, as a user sees it):

- ``jobs``: a folder of N articles (copies of ``corpus/*.txt``), ``--jobs 1`` vs
  ``--jobs 2`` (best of R runs each, alternating); the outputs must be byte-identical.
- ``size``: one document of 0.25, 0.5, 1 and 2 MB (corpus articles concatenated, and
  an adversarial variant: a single line with no sentence end), seconds and
  seconds per MB, which stays flat when the run is linear.
- ``memory``: peak resident memory of the parent and of the workers on a folder of
  1,000 and of 10,000 small files (JSON Lines, so streamed): flat means no growth.

Run from the repository root::

    python benchmarks/bench_jobs.py                 # all three
    python benchmarks/bench_jobs.py jobs --docs 200 --repeat 3
    python benchmarks/bench_jobs.py size
    python benchmarks/bench_jobs.py memory

This is a benchmark, not a test: timings depend on the machine and on the
extractor, which keeps changing; the numbers go in commit messages and the README.
The package at the last commit (``--worktree``: as in ``src/`` now) is extracted to
a temporary folder first and every run imports that copy, so edits made to
``src/`` while the benchmark runs cannot mix two versions of the extractor into
one comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ENV = dict(os.environ)


def snapshot(dest: Path, worktree: bool = False) -> None:
    """Put ``zhstats`` at the last commit (or as in the working tree) in ``dest``; children import it.

    The last commit by default: it is what the printed revision names, and work in
    progress in ``src/`` (possibly broken for a moment) cannot spoil a measurement.
    """
    if worktree:
        shutil.copytree(ROOT / "src" / "zhstats", dest / "zhstats", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "src/zhstats"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest), "--strip-components=1"], input=archive, check=True)
    ENV["PYTHONPATH"] = str(dest) + os.pathsep + ENV.get("PYTHONPATH", "")
    # Bytecode compiled once, as a user has it from the second run on (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would otherwise recompile every module in every run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "zhstats")], check=True)


def make_folder(dest: Path, n_docs: int) -> Path:
    """N articles cycled from the corpus, each with its ``.meta.json`` when the original has one."""
    texts = sorted(CORPUS.glob("*.txt"))
    if not texts:
        sys.exit(f"no corpus texts in {CORPUS}")
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n_docs):
        src = texts[i % len(texts)]
        name = f"{i:05d}_{src.stem}"
        shutil.copyfile(src, dest / f"{name}.txt")
        meta = src.with_name(src.stem + ".meta.json")
        if meta.exists():
            shutil.copyfile(meta, dest / f"{name}.meta.json")
    return dest


LAST_CPU = [0.0]


def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds of one ``zhstats extract`` run, and the peak RSS (KiB) of its processes.

    The CPU seconds of the run (user + system, workers included) go to ``LAST_CPU``:
    on a machine shared with other work, wall time says little about scaling, but
    equal CPU for --jobs 1 and 2 shows the pool adds no work of its own.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "zhstats.cli", "extract", *args], capture_output=True, text=True,
                         check=False, env=ENV)
    elapsed = time.perf_counter() - t0
    if res.returncode != 0:
        sys.exit(f"zhstats extract {' '.join(args)} failed ({res.returncode}):\n{res.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the max over all waited-for descendants (workers too).
    return elapsed, max(before.ru_maxrss, after.ru_maxrss)


def bench_jobs(n_docs: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "docs", n_docs)
        times: dict[int, float] = {}
        cpu: dict[int, float] = {}
        outputs: dict[int, bytes] = {}
        runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
        for _ in range(repeat):  # alternating, so that other work on the machine hits both alike
            for jobs in (1, 2):
                out = Path(tmp) / f"out{jobs}.jsonl"
                runs[jobs].append((run_cli([str(folder), "--jobs", str(jobs), "-o", str(out)])[0], LAST_CPU[0]))
                outputs[jobs] = out.read_bytes()
        for jobs in (1, 2):
            times[jobs], cpu[jobs] = min(runs[jobs])
        n_records = outputs[1].count(b"\n")
        same = outputs[1] == outputs[2]
        print(f"jobs: {n_docs} articles, {n_records} records, best of {repeat}")
        print(" end to end (fresh interpreter: start-up, lexicons loaded once, then the folder):")
        for jobs, t in times.items():
            print(f"  --jobs {jobs}: {t:6.2f} s  ({n_docs / t:7.1f} docs/s, {n_records / t:8.0f} records/s)  "
                  f"CPU {cpu[jobs]:6.2f} s")
        print(f"  speed-up --jobs 2 vs 1: {times[1] / times[2]:.2f}x   outputs identical: {same}   "
              f"CPU --jobs 2 / --jobs 1: {cpu[2] / cpu[1]:.2f}")
        warm = steady_state(folder, Path(tmp) / "steady.jsonl", repeat)
        print(" steady state (same interpreter, caches already loaded: the part --jobs can divide):")
        for jobs, (t, c) in warm.items():
            print(f"  --jobs {jobs}: {t:6.2f} s  ({n_docs / t:7.1f} docs/s, {n_records / t:8.0f} records/s)  "
                  f"CPU {c:6.2f} s")
        print(f"  speed-up --jobs 2 vs 1: {warm[1][0] / warm[2][0]:.2f}x   "
              f"CPU --jobs 2 / --jobs 1: {warm[2][1] / warm[1][1]:.2f}")
        print(f"  serial start-up (end-to-end minus steady, --jobs 1): {times[1] - warm[1][0]:.2f} s")
        print(f"  load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine skews wall times)")


def steady_state(folder: Path, out: Path, repeat: int) -> dict[int, float]:
    """``zhstats.cli.main`` timed in one warm interpreter, so start-up and one-time loading are excluded.

    Run in a child interpreter so that this benchmark process stays single-threaded
    and free of the extractor's caches.
    """
    code = f"""
import resource, time
from zhstats.cli import main, _warm_up

def cpu():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

_warm_up()
for jobs in (1, 2):
    runs = []
    for _ in range({repeat}):
        t0, c0 = time.perf_counter(), cpu()
        assert main(["extract", {str(folder)!r}, "--jobs", str(jobs), "-o", {str(out)!r}]) == 0
        runs.append((time.perf_counter() - t0, cpu() - c0))
    print(jobs, *min(runs))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV)
    out_: dict[int, tuple[float, float]] = {}
    for line in res.stdout.splitlines():
        jobs, wall, cpu = line.split()
        out_[int(jobs)] = (float(wall), float(cpu))
    return out_


def _big_text(n_bytes: int, one_line: bool) -> str:
    parts: list[str] = []
    size = 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    i = 0
    while size < n_bytes:
        t = texts[i % len(texts)]
        if one_line:  # no line end and no sentence end: the worst case for scope scans
            t = t.replace("\n", " ").replace("。", "，")
        parts.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return "\n".join(parts) if not one_line else " ".join(parts)


def bench_size() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("size: one document, wall and CPU seconds, CPU seconds per MB (flat = linear)")
        for one_line in (False, True):
            label = "single line, no 。" if one_line else "articles"
            for mb in (0.25, 0.5, 1, 2):
                path = Path(tmp) / f"big_{mb}_{one_line}.txt"
                path.write_text(_big_text(int(mb * 1_000_000), one_line), encoding="utf-8")
                t, _ = run_cli([str(path), "--date", "2020-01", "-o", str(Path(tmp) / "out.jsonl")])
                n = (Path(tmp) / "out.jsonl").read_bytes().count(b"\n")
                c = LAST_CPU[0]
                print(f"  {label:18s} {mb:5.2f} MB: {t:7.2f} s wall  {c:7.2f} s CPU  {c / mb:6.2f} CPU s/MB  "
                      f"{n} records")


def bench_memory() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("memory: peak RSS of any zhstats process (parent or worker), JSON Lines to a file")
        short = "2019年末全市共有养老机构30家，床位4500张，比上年增长12.5%。\n"
        for n in (1_000, 10_000):
            folder = Path(tmp) / f"f{n}"
            folder.mkdir()
            for i in range(n):
                (folder / f"{i:06d}.txt").write_text(short * 3, encoding="utf-8")
            for jobs in (1, 2):
                # a fresh interpreter per measurement: ru_maxrss is a high-water mark.
                code = ("import resource,subprocess,sys;"
                        f"subprocess.run([sys.executable,'-m','zhstats.cli','extract',{str(folder)!r},"
                        f"'--jobs','{jobs}','-o',{str(Path(tmp) / 'o.jsonl')!r}],check=True);"
                        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
                t0 = time.perf_counter()
                res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                     env=ENV)
                t = time.perf_counter() - t0
                print(f"  {n:6d} files --jobs {jobs}: peak {int(res.stdout.split()[-1]) / 1024:6.1f} MiB  {t:6.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", nargs="?", choices=("jobs", "size", "memory", "all"), default="all")
    ap.add_argument("--docs", type=int, default=200, help="articles in the --jobs folder (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per setting, best kept (default 3)")
    ap.add_argument("--worktree", action="store_true", help="measure src/ as it is now, not the last commit")
    args = ap.parse_args()
    snap = tempfile.TemporaryDirectory(prefix="zhstats-bench-")
    snapshot(Path(snap.name), args.worktree)
    rev = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True,
                         check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True,
                           text=True, check=False).stdout.strip()
    print(f"zhstats at {rev or '?'}{' + uncommitted changes in src/' if dirty and args.worktree else ''}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    if args.what in ("jobs", "all"):
        bench_jobs(args.docs, args.repeat)
    if args.what in ("size", "all"):
        bench_size()
    if args.what in ("memory", "all"):
        bench_memory()


if __name__ == "__main__":
    main()
