"""The number layer against the project's gold files, mention by mention.

Every gold record's mention must be found by :func:`zhstats.find_numbers` with the
same span and value; the unit must agree too, except that a bare amount the gold
gives ``元`` (the indicator layer's decision, RECORDS.md 4) may be ``''`` here, and a
document's own currency (港元, 澳门元, 新台币 for a written 元: the pipeline's decision) counts
as agreeing. Cells of flattened tables are left out: their unit and value come from the
table reader (``tables.py``, tested on its own). The figures are printed; the thresholds
guard against regressions of this layer only (indicators, periods and detection are
measured by the scorer).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhstats import find_numbers, tables
from zhstats.doc import Doc
from zhstats.pipeline import _in_currency, document_currency

ROOT = Path(__file__).resolve().parents[1]


def _gold() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted((ROOT / "gold").glob("*.jsonl")):
        corpus = ROOT / "corpus" / f"{path.stem}.txt"
        if not corpus.exists():
            continue
        text = corpus.read_text(encoding="utf-8")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append((path.stem, text, json.loads(line)))
    return out


def _same(a: Decimal | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - Decimal(str(b))) <= abs(Decimal(str(b))) * Decimal("1e-9")


@pytest.mark.skipif(not (ROOT / "gold").is_dir(), reason="no gold files in this checkout")
def test_gold_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    records = _gold()
    assert records
    cache: dict[str, list] = {}
    cells: dict[str, set[tuple[int, int]]] = {}
    currency: dict[str, str | None] = {}
    for name, text, _ in records:
        if name not in cache:
            doc = Doc(text)
            doc.numbers = cache[name] = find_numbers(text)
            cells[name] = {(doc.numbers[i].start, doc.numbers[i].end) for i in tables.table_cells(doc)}
            currency[name] = document_currency(doc)
    records = [r for r in records if tuple(r[2]["span"]) not in cells[r[0]]]
    n = len(records)
    found = span = value = unit = 0
    for name, _text, g in records:
        ms = cache[name]
        s, e = g["span"]
        overlapping = [m for m in ms if m.start < e and s < m.end]
        if not overlapping:
            continue
        found += 1
        m = max(overlapping, key=lambda m: min(e, m.end) - max(s, m.start))
        span += (m.start, m.end) == (s, e)
        value += _same(m.value, g["value"]) and _same(m.value_max, g.get("value_max"))
        unit += (m.unit == g["unit"] or (m.unit == "" and g["unit"] == "元")
                 or _in_currency(m.unit, currency[name], m.text) == g["unit"])
    with capsys.disabled():
        print(f"\ngold mentions ({n}): found {found}, span {span}, value {value}, unit {unit}")
    assert found / n >= 0.99
    assert span / n >= 0.98
    assert value / n >= 0.98
    assert unit / n >= 0.95
