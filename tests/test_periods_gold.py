"""Period accuracy at gold spans over the whole gold set (issue 4: at least 0.97).

Each gold record's span stands in for a number mention, so this measures the periods the
extractor gives (the time layer, and the table reader for table cells), whatever the numbers and
detection layers find. ``benchmarks/period_accuracy.py`` prints the
same figure per document with the misses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhstats.docdate import DocDate
from zhstats.pipeline import periods_at

ROOT = Path(__file__).resolve().parents[1]
FLOOR = 0.97


def _documents() -> list[str]:
    return sorted(
        p.stem
        for p in (ROOT / "gold").glob("*.jsonl")
        if (ROOT / "corpus" / f"{p.stem}.txt").exists() and (ROOT / "corpus" / f"{p.stem}.meta.json").exists()
    )


def _score(name: str) -> tuple[int, int, list[tuple[str, str | None, str | None]]]:
    text = (ROOT / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    meta = json.loads((ROOT / "corpus" / f"{name}.meta.json").read_text(encoding="utf-8"))
    date = DocDate.parse(meta["date"]) if meta.get("date") else None
    lines = (ROOT / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [g for g in (json.loads(line) for line in lines if line.strip()) if not g.get("optional")]
    got = periods_at(text, date, [tuple(g["span"]) for g in gold])
    misses = [(g["mention"], g["period"], p) for g, (p, _) in zip(gold, got, strict=True) if p != g["period"]]
    return len(gold) - len(misses), len(gold), misses


def test_period_accuracy_over_the_gold_set() -> None:
    names = _documents()
    if not names:
        pytest.skip("no gold documents")
    ok = total = 0
    all_misses = []
    for name in names:
        k, n, misses = _score(name)
        ok, total = ok + k, total + n
        all_misses += [(name, *m) for m in misses]
    assert total and ok / total >= FLOOR, all_misses


def test_seed_article_all_periods_right() -> None:
    """The seed article: every gold period right (截至目前, 截至去年11月, 自2016年…至今, 三年共计)."""
    ok, n, misses = _score("000_d6907cdbbd74cdf0")
    assert not misses and ok == n
