"""The ``zhstats`` command: ``extract`` and ``eval``.

Exit status: 0 when every input was processed, 1 when some input failed (every
other input is still processed and written; one line per failure on stderr) or
on an internal error (nothing written), 2 on a usage error, 130 when interrupted.
No traceback reaches the user for bad input; ``--debug`` shows it for real bugs.

Batch runs stream: each worker process reads, decodes and extracts a chunk of
files and sends back the rendered lines, and the parent writes them in input
order, so memory does not grow with the number of files (only ``table`` and
``html`` collect, since they need every record at once). Dask is imported only
for ``--engine dask``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import __version__
from .docdate import DocDate
from .inputs import InputError, Source, collect, iter_sources, meta_date, read_decoded, read_source

FORMATS = ("jsonl", "csv", "table", "html")


class UsageError(Exception):
    """Bad arguments: exit status 2."""


def _date_arg(text: str) -> DocDate:
    try:
        return DocDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number, not {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (all cores) or more")
    return n


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhstats",
        description="Extract every statistic in Chinese policy and government news as structured records.",
    )
    ap.add_argument("--version", action="version", version=f"zhstats {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract statistic records from text files",
                        description="Extract statistic records from files, folders (every *.txt below, sorted) "
                                    "or standard input (-).")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file, a folder, or - for standard input")
    ex.add_argument("--date", type=_date_arg, metavar="YYYY-MM[-DD]",
                    help="publication date for every input (default: NAME.meta.json beside NAME.txt)")
    ex.add_argument("--format", choices=FORMATS,
                    help="output format (default: table on a terminal, jsonl otherwise)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    ex.add_argument("--jobs", type=_jobs_arg, default=None, metavar="N",
                    help="worker processes (default 1, or every core with --engine dask; 0 = all cores)")
    ex.add_argument("--engine", choices=("pool", "dask"), default="pool",
                    help="pool: worker processes on this machine (default); dask: a Dask cluster writing "
                         "Parquet (needs zhstats[dask] and -o OUT.parquet)")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: a running scheduler (tcp://host:8786); default a local cluster "
                         "of --jobs workers")
    ex.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")

    ev = sub.add_parser("eval", help="score predictions against gold (RECORDS.md section 7)",
                        description="Score predictions (--pred) or a freshly extracted corpus (--corpus) "
                                    "against gold files, paired by file stem.")
    ev.add_argument("--gold", required=True, metavar="G", help="gold .jsonl file or folder")
    grp = ev.add_mutually_exclusive_group(required=True)
    grp.add_argument("--pred", metavar="P", help="predicted .jsonl file or folder")
    grp.add_argument("--corpus", metavar="C", help="folder (or file) of NAME.txt to extract and score")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    return ap


# ---------------------------------------------------------------- extract

class DocumentFailure(Exception):
    """An unexpected error (a bug, not bad input) while extracting one document, under ``--debug``.

    Without ``--debug`` such an error is reported like a bad input (one line naming
    the file, exit status 1) and the run goes on: one pathological article must not
    cost the other 9,999 their records. With ``--debug`` the run stops here and the
    original traceback is shown (chained as ``__cause__``, from a worker too: the
    arguments are plain strings, so it pickles).
    """

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(where, detail)
        self.where = where
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"


# What one document gives back: (name, error, warning, payload, text). The payload is
# the rendered text for streamed formats (a string pickles far cheaper than a list of
# dicts) and the record dicts for table/html; ``text`` is kept only for html.
Outcome = tuple[str, "str | None", "str | None", Any, "str | None"]
# A source (or the error that stands in its place, so failures are reported in input
# order) and, for ``-`` only, the bytes read from standard input.
Item = tuple["Source | InputError", "bytes | None"]

_WARM_TEXT = "2019年末共有养老机构30家，比上年增长12.5%。"


def _extract_one(item: Item, date: DocDate | None, fmt: str, debug: bool = False,
                 encoding: tuple[str, str] | None = None) -> Outcome:
    """Read, decode and extract one document. Runs in worker processes too, so it reads the file itself.

    With ``encoding`` (codec, error handler) a streamed format comes back as bytes in
    that encoding: a worker encodes its own lines, in parallel, and the parent only
    copies them to the output (encoding six megabytes of Chinese there, and decoding
    them from the pickle, was ~0.1 s of the parent's CPU taken from the workers).
    """
    from . import outputs, pipeline

    src, stdin_bytes = item
    if isinstance(src, InputError):
        return "", str(src), None, None, None
    try:
        dec = read_decoded(src, stdin_bytes)
        doc_date = date if date is not None else meta_date(src)
    except InputError as exc:
        return src.name, str(exc), None, None, None
    try:
        recs = [r.to_dict() for r in pipeline.extract(dec.text, date=doc_date, name=src.name)]
    except Exception as exc:
        where = str(src.path or "-")
        if debug:
            raise DocumentFailure(where, f"{type(exc).__name__}: {exc}") from exc
        return src.name, internal_error_message(where, exc), None, None, None
    warning = f"{src.path or '-'}: warning: {dec.warning}" if dec.warning else None
    if fmt in outputs.STREAMED:
        lines = outputs.render_lines(fmt, recs)
        return src.name, None, warning, (lines.encode(*encoding) if encoding else lines), None
    return src.name, None, warning, recs, (dec.text if fmt == "html" else None)


def internal_error_message(where: str, exc: BaseException) -> str:
    """The one line for a bug met on one document: what, where, and what to do."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return (f"{where}: internal error ({type(exc).__name__}{': ' + detail if detail else ''}); "
            "its records are missing. Please report it with this file (--debug shows the traceback)")


def _extract_chunk(func: Callable[[Item], Outcome], chunk: list[Item]) -> list[Outcome]:
    """One message to a worker: a chunk of documents in, their outcomes out."""
    return [func(item) for item in chunk]


def _init_worker() -> None:
    """Worker start-up: leave Ctrl-C to the parent, and load the extractor's lexicons once.

    Under ``fork`` the caches are inherited warm from the parent and this costs
    nothing; under ``spawn``/``forkserver`` it moves the one-time loading out of the
    first document so no article pays for it twice.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's cleanup handler is not for workers
    _warm_up()


def _warm_up() -> None:
    from . import pipeline

    pipeline.extract(_WARM_TEXT, date="2020-01")


def n_workers(jobs: int) -> int:
    """``--jobs`` to a process count: 0 means every core this process may run on."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunk_size(n_items: int, n_jobs: int) -> int:
    """Documents per message to a worker: about 48 chunks per worker, at most 64.

    Big enough that pickling and queueing cost little per document (a message costs
    well under a millisecond, a document about ten), small enough that the last chunks
    balance across workers: the tail, where one worker waits for the other, is
    where a pool loses its speed-up (16 chunks per worker left ~5% of 200 articles there).
    """
    return max(1, min(64, -(-n_items // (48 * n_jobs))))


def _mp_context():  # -> multiprocessing context
    """``fork`` on Linux while the process has one thread (fast: the warm caches are inherited).

    Forking a process with threads can deadlock, so otherwise the platform default.
    """
    import multiprocessing
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _Runner:
    """Documents in, outcomes out in input order: in this process or in a pool of workers.

    The pool is a ``ProcessPoolExecutor`` fed chunk by chunk with at most four chunks
    per worker in flight: results come back in input order (the oldest chunk is
    always awaited first, while the others keep the workers busy), the walk over the
    input stays lazy, and memory stays bounded even when writing is slow. Unlike ``multiprocessing.Pool``, a worker
    that dies (killed, out of memory) makes the run fail with a message instead
    of hanging forever.
    """

    def __init__(self, items: Iterable[Item], n_items: int | None, date: DocDate | None, fmt: str,
                 jobs: int, debug: bool = False, encoding: tuple[str, str] | None = None) -> None:
        import functools

        self.items = iter(items)
        self.n_jobs = n_workers(jobs) if n_items is None else min(n_workers(jobs), max(1, n_items))
        self.func = functools.partial(_extract_one, date=date, fmt=fmt, debug=debug,
                                      encoding=encoding if self.n_jobs > 1 else None)
        # Unknown count (a lazy walk): assume a big run, so chunks are as large as allowed.
        self.chunk = chunk_size(10**9 if n_items is None else n_items, self.n_jobs)
        self.pool = None
        self.first: list[Outcome] = []
        if self.n_jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            # Before forking, the parent extracts the first document itself (real work,
            # not a throw-away): the workers then inherit the lexicons and the word
            # groups of its characters, the commonest ones, instead of each loading them.
            _warm_up()
            self.first = [self.func(item) for item in itertools.islice(self.items, 1)]
            self.pool = ProcessPoolExecutor(self.n_jobs, mp_context=_mp_context(), initializer=_init_worker)

    def __iter__(self) -> Iterator[Outcome]:
        yield from self.first
        if self.pool is None:
            yield from map(self.func, self.items)
            return
        from collections import deque
        from concurrent.futures.process import BrokenProcessPool
        from itertools import islice

        it = self.items
        chunks = iter(lambda: list(islice(it, self.chunk)), [])
        pending: deque = deque()
        for chunk in islice(chunks, 4 * self.n_jobs):
            pending.append((chunk, self.pool.submit(_extract_chunk, self.func, chunk)))
        while pending:
            chunk, fut = pending.popleft()
            try:
                results = fut.result()
            except BrokenProcessPool:
                first, last = chunk[0][0], chunk[-1][0]
                raise DocumentFailure(f"one of {getattr(first, 'path', first)} ... {getattr(last, 'path', last)}",
                                      "a worker process died (killed, or out of memory?)") from None
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append((nxt, self.pool.submit(_extract_chunk, self.func, nxt)))
            yield from results

    def close(self, ok: bool) -> None:
        """Wait for workers on success; stop them at once on an error or an interrupt."""
        if self.pool is None:
            return
        if ok:
            self.pool.shutdown(wait=True)
            return
        terminate = getattr(self.pool, "terminate_workers", None)  # Python 3.14+
        procs = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        if terminate is not None:
            with contextlib.suppress(Exception):
                terminate()
        for p in procs:
            with contextlib.suppress(Exception):
                p.terminate()
        for p in procs:
            with contextlib.suppress(Exception):
                p.join(5)


class _Progress:
    """A tqdm bar on stderr when stderr is a terminal and there is more than one file; else silent.

    Messages go through it so that an error line does not tear the bar.
    """

    def __init__(self, total: int) -> None:
        self.bar = None
        if total > 1 and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)

    def say(self, msg: str) -> None:
        if self.bar is not None:
            self.bar.write(msg, file=sys.stderr)
        else:
            print(msg, file=sys.stderr)

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _byte_encoding(fh: IO[str]) -> tuple[str, str] | None:
    """(codec, errors) under which bytes written to ``fh.buffer`` equal what ``fh.write`` writes, else None.

    UTF-8 only (any other codec may fail on a character, which is the parent's error
    to report, not a worker's), and only where the text layer translates no newline.
    """
    import codecs

    buffer, encoding = getattr(fh, "buffer", None), getattr(fh, "encoding", None)
    if buffer is None or not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if name != "utf-8" or os.linesep != "\n":
        return None
    return name, getattr(fh, "errors", None) or "strict"


class _AtomicOutput:
    """Write to a temporary file beside the target and rename it over the target on success only.

    The rename is atomic on one filesystem, so a reader sees either the old file or
    the complete new one, never a prefix. The temporary name starts with a dot and
    ends in ``.part`` so a crash leaves nothing that looks like a finished output.
    """

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        if self.path.is_dir():  # found now, not after the whole run when the rename fails
            raise IsADirectoryError(21, "Is a folder", str(path))
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        self.tmp = Path(tmp)
        self.fh: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
        self.tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit(143) so the temporary output is removed as for Ctrl-C."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    got: list[int] = []

    def handler(signum: int, frame: Any) -> None:
        got.append(signum)
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except SystemExit:
        if not got:
            raise
        # Cleaned up already (the temporary output removed, the workers stopped): leave now.
        # A normal interpreter exit would run concurrent.futures' exit hook, which writes to the
        # wake-up pipe of a pool shut down with wait=False (still listed in _threads_wakeups; see
        # the discussion on python/cpython#6084) and, about one run in forty, prints
        # "Exception ignored in threading._shutdown" with an OSError traceback.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(128 + got[0])
    finally:
        signal.signal(signal.SIGTERM, old)


def cmd_extract(args: argparse.Namespace) -> int:
    # SIGTERM is handled before the temporary output exists, so no moment leaves it behind.
    with _sigterm_as_exit():
        if getattr(args, "engine", "pool") == "dask":
            return _cmd_extract_dask(args)
        if getattr(args, "scheduler", None):
            raise UsageError("--scheduler is for --engine dask")
        return _extract_pool(args)


def _extract_pool(args: argparse.Namespace) -> int:
    """The default engine: this process, or ``--jobs`` worker processes, streaming in input order."""
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    n_stdin = args.paths.count("-")
    if n_stdin > 1:
        raise UsageError("standard input (-) can be given only once")
    stdin_bytes = sys.stdin.buffer.read() if n_stdin else None
    # The walk stays lazy, so memory is flat however many files. When the count
    # matters (the total of a progress bar, the chunk size of several workers) a first
    # pass only counts: listing folders twice costs little next to extracting.
    n_sources: int | None = None
    if sys.stderr.isatty() or (args.jobs not in (None, 1)):
        n_sources = sum(1 for _ in iter_sources(args.paths))
    items = ((s, stdin_bytes if isinstance(s, Source) and s.path is None else None)
             for s in iter_sources(args.paths))
    failures = 0

    out: _AtomicOutput | None = None
    if args.output:
        try:
            out = _AtomicOutput(args.output)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    fh: IO[str] = out.fh if out is not None else sys.stdout

    from . import outputs

    collected: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    runner: _Runner | None = None
    progress: _Progress | None = None
    ok = False
    try:
        runner = _Runner(items, n_sources, args.date, fmt, 1 if args.jobs is None else args.jobs, args.debug,
                         _byte_encoding(fh) if fmt in outputs.STREAMED else None)
        # The bar (and its monitor thread) only after the workers are forked.
        progress = _Progress(n_sources or 0)
        if fmt == "csv":
            fh.write(outputs.csv_header())
        for name, err, warning, payload, text in runner:
            progress.update()
            if err is not None:
                progress.say(f"zhstats: {err}")
                failures += 1
                continue
            if warning is not None:
                progress.say(f"zhstats: {warning}")
            if isinstance(payload, bytes):
                fh.flush()  # whatever the text layer holds (the CSV header) goes first
                fh.buffer.write(payload)  # type: ignore[attr-defined]
            elif fmt in outputs.STREAMED:
                fh.write(payload)
            else:
                collected.extend(payload)
                if text is not None:
                    texts.append((name, text))
        if fmt == "table":
            fh.write(outputs.table(collected))
        elif fmt == "html":
            from .html import render

            fh.write(render(texts, collected))
        fh.flush()
        if out is not None:
            out.commit()
        ok = True
    finally:
        if runner is not None:
            runner.close(ok)
        if progress is not None:
            progress.close()
        if out is not None and not ok:
            out.abort()
    return 1 if failures else 0


def _cmd_extract_dask(args: argparse.Namespace) -> int:
    """``--engine dask``: Parquet partitions written by a Dask cluster (see :mod:`zhstats.dask`)."""
    if not args.output:
        raise UsageError("--engine dask writes Parquet: give the output folder with -o OUT.parquet")
    if args.format is not None:
        raise UsageError("--engine dask writes Parquet only; leave out --format")
    try:
        from . import dask as zdask
    except ImportError as exc:
        raise UsageError(f"--engine dask needs the optional Dask extra ({exc.name or exc} is not installed): "
                         "pip install 'zhstats[dask]'") from None
    return zdask.run_cli(args.paths, args.output, date=args.date, jobs=args.jobs, scheduler=args.scheduler,
                         debug=args.debug)


# ---------------------------------------------------------------- eval

def _load_jsonl(path: Path) -> list[dict]:
    recs = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip():
            try:
                recs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
    return recs


def _load_records(arg: str) -> dict[str, list[dict]]:
    """Files or folders of JSON Lines, keyed by document stem.

    A record that carries ``doc`` (as ``zhstats extract`` writes) is filed under
    that document, so one multi-document prediction file scores against a gold folder.
    """
    p = Path(arg)
    if p.is_dir():
        files = sorted(q for q in p.glob("*.jsonl") if q.is_file())
    elif p.is_file():
        files = [p]
    else:
        raise InputError(f"{arg}: no such file or folder")
    out: dict[str, list[dict]] = {}
    for f in files:
        recs = _load_jsonl(f)
        if not recs:
            out.setdefault(f.stem, [])
        for r in recs:
            out.setdefault(r.get("doc") or f.stem, []).append(r)
    return out


def cmd_eval(args: argparse.Namespace) -> int:
    from .pipeline import extract
    from .scoring import evaluate, format_table

    gold = _load_records(args.gold)
    if args.pred:
        pred = _load_records(args.pred)
        if Path(args.gold).is_file() and Path(args.pred).is_file() and len(gold) == 1 and len(pred) == 1:
            # two single files: score them against each other whatever their names
            pred = {next(iter(gold)): next(iter(pred.values()))}
        unpaired = sorted(set(pred) - set(gold))
        if unpaired:
            print(f"zhstats: ignoring {len(unpaired)} predicted document(s) with no gold: "
                  f"{', '.join(unpaired[:5])}{' ...' if len(unpaired) > 5 else ''}", file=sys.stderr)
        pred = {k: v for k, v in pred.items() if k in gold}
    else:
        pred = {}
        sources = [s for s in collect([args.corpus]) if isinstance(s, Source)]
        by_name = {s.name: s for s in sources}
        failures = 0
        for stem in gold:
            src = by_name.get(stem)
            if src is None:
                print(f"zhstats: no corpus text for gold {stem!r} in {args.corpus}", file=sys.stderr)
                failures += 1
                continue
            try:
                pred[stem] = [r.to_dict() for r in extract(read_source(src), date=meta_date(src), name=stem)]
            except InputError as exc:
                print(f"zhstats: {exc}", file=sys.stderr)
                failures += 1
        if failures:
            return 1
    result = evaluate(gold, pred)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        ap.print_help(sys.stderr)
        return 2
    try:
        if args.command == "extract":
            return cmd_extract(args)
        return cmd_eval(args)
    except UsageError as exc:
        print(f"zhstats: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"zhstats: {exc}", file=sys.stderr)
        return 1
    except DocumentFailure as exc:
        if getattr(args, "debug", False):
            raise
        print(f"zhstats: {exc.where}: {exc.detail}; nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("zhstats: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception as exc:
        if getattr(args, "debug", False):
            raise
        print(f"zhstats: internal error: {type(exc).__name__}: {exc} (run with --debug for details, "
              "and please report it)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
