"""Scale out with Dask: the same extraction on a cluster, records as a bag or a Parquet-ready frame.

Optional: needs ``pip install 'zhstats[dask]'`` (dask[bag,dataframe], distributed,
pyarrow). Nothing else in zhstats imports this module, so the default install and
the plain command line never load Dask.

- :func:`extract_bag` -- files (paths, folders, globs) to a ``dask.bag`` of record
  dicts, exactly the dicts ``zhstats extract`` writes as JSON Lines, in input order.
- :func:`extract_frame` -- a Dask DataFrame of articles (``text``, ``date``, ``doc``
  columns) to a Dask DataFrame of records with the fixed schema of
  :func:`zhstats.to_frame`, ready for ``to_parquet``.
- :func:`run_cli` -- ``zhstats extract PATH... --engine dask -o OUT.parquet``.

Files are read by the workers, so on a real cluster the paths must be visible at
the same place on every worker (a shared filesystem); for object stores, load the
texts into a Dask DataFrame yourself and use :func:`extract_frame`.

Every worker process loads the lexicons (and the word dictionary of
``segment.py``) once: they live in module-level caches of the extractor, tasks
reuse them, and :func:`warm_up` front-loads them when a cluster starts so that no
task pays for them.
"""

from __future__ import annotations

import glob as _glob
import math
import os
import shutil
import sys
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Absolute imports: ``dask`` here is the top-level Dask package, never this module
# (Python 3 has no implicit relative imports; zhstats' own modules are imported as ``.name``).
import dask.bag as db
import dask.dataframe as dd

from .docdate import DocDate, coerce_date
from .frame import to_frame
from .inputs import InputError, Source, collect, meta_date, read_decoded

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract_bag", "extract_frame", "record_meta", "resolve", "run_cli", "warm_up"]

_GLOB_CHARS = frozenset("*?[")


# ---------------------------------------------------------------- inputs

def resolve(paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Source | InputError]:
    """Paths, folders and glob patterns to sources, in order, as the command line reads them.

    A folder gives every ``*.txt`` below it (sorted); a pattern (``corpus/**/*.txt``)
    gives its sorted matches; a missing path or a pattern matching nothing is an
    :class:`InputError` in its place. Paths are made absolute here, on the client,
    because workers may run in another working directory.
    """
    if isinstance(paths_or_glob, (str, os.PathLike)):
        args = [os.fspath(paths_or_glob)]
    else:
        args = [os.fspath(p) for p in paths_or_glob]
    out: list[Source | InputError] = []
    for arg in args:
        if arg != "-" and not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            matches = sorted(m for m in _glob.glob(arg, recursive=True) if os.path.isfile(m))
            if not matches:
                out.append(InputError(f"{arg}: no file matches this pattern"))
            out.extend(collect(matches))
        elif arg == "-":
            out.append(InputError("-: standard input cannot be read by Dask workers"))
        else:
            out.extend(collect([arg]))
    return [Source(s.path.resolve(), s.name) if isinstance(s, Source) and s.path else s for s in out]


def _partition_size(n: int, workers: int | None = None) -> int:
    """Files per task: a few tasks per worker when the cluster size is known, else ~100 tasks, at most 200."""
    tasks = 4 * workers if workers else 100
    return max(1, min(200, math.ceil(n / tasks)))


# ---------------------------------------------------------------- the work

def warm_up() -> None:
    """Load the extractor's lexicons into this process now (cached; later calls cost nothing)."""
    from .cli import _warm_up

    _warm_up()


def _extract_sources(sources: Sequence[Source], date: DocDate | None,
                     raise_bugs: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Records of a run of sources (read on the worker) and one message per input that failed.

    As on the command line, a bug met on one document is reported with the bad
    inputs (and the run goes on) unless ``raise_bugs``.
    """
    from .cli import DocumentFailure, internal_error_message
    from .pipeline import extract

    records: list[dict[str, Any]] = []
    errors: list[str] = []
    for src in sources:
        try:
            text = read_decoded(src).text
            doc_date = date if date is not None else meta_date(src)
        except InputError as exc:
            errors.append(str(exc))
            continue
        try:
            records.extend(r.to_dict() for r in extract(text, date=doc_date, name=src.name))
        except Exception as exc:
            if raise_bugs:
                raise DocumentFailure(str(src.path), f"{type(exc).__name__}: {exc}") from exc
            errors.append(internal_error_message(str(src.path), exc))
    return records, errors


def _bag_partition(sources: Sequence[Source], date: DocDate | None, errors: str) -> list[dict[str, Any]]:
    records, failed = _extract_sources(sources, date, raise_bugs=errors == "raise")
    if failed and errors == "raise":
        raise InputError("; ".join(failed))
    if failed:
        import logging

        for msg in failed:
            logging.getLogger("zhstats.dask").warning("skipped %s", msg)
    return records


def extract_bag(paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
                date: DocDate | str | None = None, *, files_per_partition: int | None = None,
                errors: str = "raise") -> db.Bag:
    """A ``dask.bag`` of record dicts (as ``Record.to_dict``, with ``doc``) from files, folders or globs.

    ``date`` is the publication date for every file; without it each file's
    ``NAME.meta.json`` is used, as on the command line. ``errors="raise"`` (default)
    fails on a missing, binary or undecodable input (and on an extractor bug, with
    its traceback); ``"skip"`` logs and drops it.
    Partitions follow input order, so ``.compute()`` lists records exactly as
    ``zhstats extract`` writes them.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    found = resolve(paths_or_glob)
    missing = [str(s) for s in found if isinstance(s, InputError)]
    if missing and errors == "raise":
        raise InputError("; ".join(missing))
    sources = [s for s in found if isinstance(s, Source)]
    size = files_per_partition or _partition_size(len(sources))
    if not sources:
        return db.from_sequence([], npartitions=1)
    return db.from_sequence(sources, partition_size=size).map_partitions(
        _bag_partition, coerce_date(date), errors)


def record_meta() -> pd.DataFrame:
    """The empty record frame: the columns and dtypes of :func:`zhstats.to_frame`, shared, not copied."""
    return to_frame([])


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v)) if not isinstance(v, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _frame_partition(articles: pd.DataFrame, text: str, date: str, doc: str) -> pd.DataFrame:
    from .pipeline import extract

    n = len(articles)
    texts = articles[text].tolist()
    dates = articles[date].tolist() if date in articles.columns else [None] * n
    docs = articles[doc].tolist() if doc in articles.columns else [str(i) for i in articles.index]
    records: list[dict[str, Any]] = []
    for t, d, name in zip(texts, dates, docs, strict=True):
        if _is_missing(t):
            continue
        name = None if _is_missing(name) else str(name)
        try:
            doc_date = None if _is_missing(d) else coerce_date(d)
        except ValueError as exc:
            raise ValueError(f"article {name!r}: bad {date!r} value: {exc}") from None
        records.extend(r.to_dict() for r in extract(str(t), date=doc_date, name=name))
    return to_frame(records)


def extract_frame(ddf: dd.DataFrame, text: str = "text", date: str = "date", doc: str = "doc") -> dd.DataFrame:
    """Articles to records, one partition of records per partition of articles.

    ``ddf[text]`` holds the article texts; ``ddf[date]`` (optional column) the
    publication dates (``"2020-01"``, ``"2020-01-15"``, a timestamp, or missing);
    ``ddf[doc]`` (optional column, else the index) the document names. The result
    has exactly the columns and dtypes of :func:`zhstats.to_frame` (``value`` and
    ``value_max`` float64, ``start``/``end`` Int64, text columns pandas strings),
    so ``.to_parquet(path)`` writes a stable schema even for empty partitions.
    """
    if text not in ddf.columns:
        raise KeyError(f"no {text!r} column of article texts (columns: {list(ddf.columns)})")
    return ddf.map_partitions(_frame_partition, text, date, doc, meta=record_meta(), enforce_metadata=False,
                              align_dataframes=False)


# ---------------------------------------------------------------- command line

def _write_partition(sources: Sequence[Source], date: DocDate | None, path: str,
                     debug: bool = False) -> tuple[int, list[str]]:
    """One task of ``--engine dask``: extract a run of files and write them as one Parquet part."""
    records, errors = _extract_sources(sources, date, raise_bugs=debug)
    to_frame(records).to_parquet(path, engine="pyarrow", index=False)
    return len(records), errors


def _replace_dir(tmp: Path, target: Path) -> None:
    """Move the finished dataset into place; an old output (file or folder) is removed only afterwards."""
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
    os.rename(tmp, target)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def run_cli(paths: list[str], output: str, date: DocDate | None = None, jobs: int | None = None,
            scheduler: str | None = None, debug: bool = False) -> int:
    """``zhstats extract PATH... --engine dask [--scheduler ADDRESS] -o OUT.parquet``; returns the exit status.

    Writes a Parquet dataset (a folder of ``part.NNNNN.parquet`` files, in input
    order) into a hidden temporary folder beside ``output`` and renames it into
    place only when every task succeeded, as ``-o`` does for the other engines.
    Without ``scheduler`` a local cluster of ``jobs`` worker processes (default:
    every core) runs the tasks.
    """
    import logging

    from distributed import Client, LocalCluster, as_completed

    found = resolve(paths)
    failures = 0
    for s in found:
        if isinstance(s, InputError):
            print(f"zhstats: {s}", file=sys.stderr)
            failures += 1
    sources = [s for s in found if isinstance(s, Source)]

    target = Path(output).absolute()
    if not target.parent.is_dir():
        from .cli import UsageError

        raise UsageError(f"cannot write {output}: no folder {target.parent}")
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    tmp.mkdir()
    ok = False
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                from .cli import UsageError

                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); is it running? "
                                 "(start one with: dask scheduler)") from None
        else:
            from .cli import n_workers

            cluster = LocalCluster(n_workers=n_workers(0 if jobs is None else jobs), threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        with client:
            client.run(warm_up)
            workers = len(client.scheduler_info().get("workers", {})) or 1
            size = _partition_size(len(sources), workers)
            chunks = [sources[i:i + size] for i in range(0, len(sources), size)] or [[]]
            futures = [client.submit(_write_partition, chunk, date, str(tmp / f"part.{i:05d}.parquet"), debug,
                                     pure=False, key=f"zhstats-part-{i:05d}-{uuid.uuid4().hex[:8]}")
                       for i, chunk in enumerate(chunks)]
            bar = None
            if len(sources) > 1 and sys.stderr.isatty():
                from tqdm import tqdm

                bar = tqdm(total=len(sources), unit="doc", file=sys.stderr, leave=False)
            sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
            for fut in as_completed(futures):
                fut.result()  # raises at once if a task failed
                if bar is not None:
                    bar.update(sizes[fut.key])
            if bar is not None:
                bar.close()
            results = client.gather(futures)
        for _, errors in results:  # in input order
            for msg in errors:
                print(f"zhstats: {msg}", file=sys.stderr)
                failures += 1
        _replace_dir(tmp, target)
        ok = True
    finally:
        if cluster is not None:
            cluster.close()
        if not ok:
            shutil.rmtree(tmp, ignore_errors=True)
    if sys.stderr.isatty():
        n_records = sum(n for n, _ in results)
        print(f"zhstats: {n_records} records from {len(sources)} files in {len(chunks)} Parquet parts: {output}",
              file=sys.stderr)
    return 1 if failures else 0
