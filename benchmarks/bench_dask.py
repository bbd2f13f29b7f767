"""Records per second with Dask: a LocalCluster of 1 and of 2 worker processes.

For each cluster size: start the cluster, load the lexicons on every
worker (:func:`zhstats.dask.warm_up`, once per process), then time
``extract_bag(folder).compute()`` on a folder of N articles (copies of
``corpus/*.txt``), best of R runs. Cluster start-up is reported separately: on a
real cluster it is paid once, not per corpus. The Parquet path (``zhstats extract
--engine dask --scheduler ADDRESS -o out.parquet``) is timed on the same cluster.

Run from the repository root (needs ``pip install -e '.[dask]'``)::

    python benchmarks/bench_dask.py                # 200 articles, best of 3
    python benchmarks/bench_dask.py --docs 1000 --repeat 2

The package is imported from the last commit (``--worktree``: ``src/`` as it is),
extracted at start as in bench_jobs.py, so concurrent edits cannot mix two
versions into one comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _cpu_seconds() -> float:
    """User + system CPU seconds of this (worker) process so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="articles in the folder (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per cluster size, best kept (default 3)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="cluster sizes (default 1 2)")
    ap.add_argument("--worktree", action="store_true", help="measure src/ as it is now, not the last commit")
    args = ap.parse_args()

    sys.path.insert(0, str(HERE))
    import bench_jobs

    snap = Path(tempfile.mkdtemp(prefix="zhstats-bench-"))
    bench_jobs.snapshot(snap, args.worktree)
    # Workers are separate processes: they find the snapshot through PYTHONPATH.
    os.environ["PYTHONPATH"] = bench_jobs.ENV["PYTHONPATH"]
    sys.path.insert(0, str(snap))

    import distributed
    from bench_jobs import make_folder

    from zhstats import dask as zdask
    from zhstats.cli import main as cli_main

    rev = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True,
                         check=False).stdout.strip()
    print(f"zhstats at {rev or '?'}; dask {distributed.__version__}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "docs", args.docs)
        for n in args.workers:
            t0 = time.perf_counter()
            cluster = distributed.LocalCluster(n_workers=n, processes=True, threads_per_worker=1,
                                               dashboard_address=None)
            client = distributed.Client(cluster)
            client.run(zdask.warm_up)
            startup = time.perf_counter() - t0
            best, n_records = float("inf"), 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                n_records = len(zdask.extract_bag(str(folder)).compute())
                best = min(best, time.perf_counter() - t0)
            out = Path(tmp) / f"out{n}.parquet"
            cpu0 = sum(client.run(_cpu_seconds).values())
            t0 = time.perf_counter()
            assert cli_main(["extract", str(folder), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                             "-o", str(out)]) == 0
            parquet = time.perf_counter() - t0
            cpu = sum(client.run(_cpu_seconds).values()) - cpu0
            client.close()
            cluster.close()
            print(f"{n} worker{'s' if n > 1 else ' '}: {n_records / best:7.0f} records/s "
                  f"({args.docs / best:6.1f} docs/s, {best:5.2f} s for {args.docs} articles, {n_records} records); "
                  f"to Parquet {n_records / parquet:7.0f} records/s (workers' CPU {cpu:5.2f} s); "
                  f"cluster start-up + warm-up {startup:4.1f} s")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine skews wall times; "
          "equal workers' CPU across sizes means Dask adds no work of its own)")
    shutil.rmtree(snap, ignore_errors=True)


if __name__ == "__main__":
    main()
