"""The ``zhstats`` command: ``extract`` and ``eval``.

Exit status: 0 when every input was processed, 1 when some input failed (every
other input is still processed and written; one line per failure on stderr), 2 on
a usage error. No traceback reaches the user for bad input; ``--debug`` shows it
for real bugs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from . import __version__
from .docdate import DocDate
from .inputs import InputError, Source, collect, meta_date, read_source

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
    ex.add_argument("--jobs", type=_jobs_arg, default=1, metavar="N",
                    help="worker processes (default 1; 0 = all cores)")
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

Job = tuple[Source, "DocDate | None", "bytes | None", bool]
Result = tuple[str, "list[dict] | None", "str | None", "str | None"]


def _process_one(job: Job) -> Result:
    """Extract one source: (name, records, error, text if asked for). Runs in worker processes too."""
    from .pipeline import extract

    src, date, stdin_bytes, keep_text = job
    try:
        text = read_source(src, stdin_bytes)
        if date is None:
            date = meta_date(src)
    except InputError as exc:
        return src.name, None, str(exc), None
    recs = extract(text, date=date, name=src.name)
    return src.name, [r.to_dict() for r in recs], None, (text if keep_text else None)


def _results(jobs: list[Job], n_jobs: int) -> Iterator[Result]:
    if n_jobs == 0:
        n_jobs = os.cpu_count() or 1
    if n_jobs <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield _process_one(job)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=n_jobs) as pool:
        # map keeps input order, so output is deterministic whatever --jobs is.
        yield from pool.map(_process_one, jobs, chunksize=max(1, min(32, len(jobs) // (4 * n_jobs) or 1)))


class _AtomicOutput:
    """Write to a temporary file beside the target and rename it on success only."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent or ".")
        self.tmp = Path(tmp)
        self.fh: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


def cmd_extract(args: argparse.Namespace) -> int:
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    sources = collect(args.paths)
    failures = 0
    stdin_bytes = sys.stdin.buffer.read() if any(isinstance(s, Source) and s.path is None for s in sources) else None
    jobs = []
    for s in sources:
        if isinstance(s, InputError):
            print(f"zhstats: {s}", file=sys.stderr)
            failures += 1
        else:
            jobs.append((s, args.date, stdin_bytes if s.path is None else None, fmt == "html"))

    if args.output:
        try:
            out = _AtomicOutput(args.output)
        except OSError as exc:
            print(f"zhstats: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        fh: IO[str] = out.fh
    else:
        out = None
        fh = sys.stdout

    from . import outputs

    collected: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    try:
        if fmt == "csv":
            fh.write(outputs.csv_header())
        for name, recs, err, text in _results(jobs, args.jobs):
            if err is not None:
                print(f"zhstats: {err}", file=sys.stderr)
                failures += 1
                continue
            if fmt == "jsonl":
                fh.writelines(outputs.jsonl_line(r) for r in recs)
            elif fmt == "csv":
                fh.writelines(outputs.csv_line(r) for r in recs)
            else:
                collected.extend(recs)
                if text is not None:
                    texts.append((name, text))
        if fmt == "table":
            fh.write(outputs.table(collected))
        elif fmt == "html":
            from .html import render

            fh.write(render(texts, collected))
    except BaseException:
        if out is not None:
            out.abort()
        raise
    if out is not None:
        out.commit()
    return 1 if failures else 0


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
    except InputError as exc:
        print(f"zhstats: {exc}", file=sys.stderr)
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
