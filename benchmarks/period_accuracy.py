#!/usr/bin/env python3
"""Period accuracy at gold spans: how often the time layer gives a gold record its gold period.

Why at gold spans: it measures the time layer alone, whatever the numbers and detection
layers find. Each gold record's span becomes a number mention; the periods layer assigns
periods to all of them at once (as the pipeline does) and we compare with the gold
``period`` field. Optional records are left out, as in scoring.

Usage::

    python benchmarks/period_accuracy.py            # every gold document, misses listed
    python benchmarks/period_accuracy.py -q         # the table only
    python benchmarks/period_accuracy.py NAME ...   # some documents
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from zhstats.docdate import DocDate
from zhstats.pipeline import periods_at

ROOT = Path(__file__).resolve().parents[1]


def evaluate(name: str) -> tuple[int, int, list[str]]:
    """(correct, total, miss lines) for one gold document."""
    text = (ROOT / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    meta = json.loads((ROOT / "corpus" / f"{name}.meta.json").read_text(encoding="utf-8"))
    date = DocDate.parse(meta["date"]) if meta.get("date") else None
    gold = [
        json.loads(line)
        for line in (ROOT / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = [g for g in gold if not g.get("optional")]
    got = periods_at(text, date, [tuple(g["span"]) for g in gold])
    misses = []
    ok = 0
    for g, (period, ptext) in zip(gold, got, strict=True):
        if period == g["period"]:
            ok += 1
        else:
            s, _ = g["span"]
            ctx = text[max(0, s - 16) : s].replace("\n", "/")
            misses.append(
                f"  {g['span']} {g['mention']!r}: gold {g['period']} got {period} ({ptext}) | …{ctx}"
            )
    return ok, len(gold), misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    names = args.names or sorted(
        p.stem for p in (ROOT / "gold").glob("*.jsonl") if (ROOT / "corpus" / f"{p.stem}.txt").exists()
    )
    tot_ok = tot = 0
    for name in names:
        ok, n, misses = evaluate(name)
        tot_ok += ok
        tot += n
        print(f"{name:32s} {ok:4d}/{n:<4d} {ok / n if n else 1:.3f}")
        if not args.quiet:
            print("\n".join(misses)) if misses else None
    print(f"{'ALL':32s} {tot_ok:4d}/{tot:<4d} {tot_ok / tot if tot else 1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
