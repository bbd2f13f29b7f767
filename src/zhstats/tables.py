"""Statistical tables flattened to text: each cell's figure read from its row and column.

A 统计季报 or 统计公报 page often keeps its tables as lines of cells separated by tabs
or runs of (ideographic) spaces::

    表1　2024年三季度末社会救助主要指标
    指标名称　单位　本季末　比上年同期增减（%）
    城乡低保对象　万人　45.8　-2.9
    　其中：城市低保对象　万人　12.6　-3.1

A number in such a row has no unit, indicator or time written beside it: the row's first
cell names what it measures, the 单位 cell gives its unit (and a magnitude, 万人 -> ×10000
人), and the column head with the table's title gives its period. Prose rules would read
``45.8`` as a bare number in a sentence of its own, so this layer reads the table instead
and tells the pipeline, for each number that is a cell, what its record is.

A table is recognised by its head row: three cells or more, one of them ``单位``. Its rows
are the lines after it with as many cells, up to a blank line. A column whose head is a
change (``增减``, ``增长``, ``同比``) gives the row's change: indicator ``X增减``, unit ``%``
when the head says so, and 百分点 for the change of a row that is itself a rate in ``%``.
The words are in ``table_words.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from . import lexicon
from .doc import Doc
from .timex import ATTACH_ROLES

_CELL = re.compile(r"[^\t ]+")  # on the normalised text (an ideographic space is a space)


@dataclass(frozen=True, slots=True)
class Cell:
    """What a number in a table cell measures."""

    indicator: str
    unit: str
    scale: Decimal  # the magnitude of the 单位 cell (万人 -> 10000)
    period: str | None
    period_text: str | None


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for row in lexicon.rows("table_words.tsv"):
        if len(row) >= 2:
            kinds.setdefault(row[1], []).append(row[0])
    return {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in kinds.items()}


def _cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CELL.finditer(text, lo, hi)]


def table_cells(doc: Doc) -> dict[int, Cell]:
    """Index in ``doc.numbers`` -> its cell's reading, for every number that is a table cell."""
    text = doc.norm.text
    w = _words()
    if not any(h in text for h in w["unithead"]):
        return {}
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = {n.start: i for i, n in enumerate(doc.numbers)}
    out: dict[int, Cell] = {}
    i = 0
    while i < len(lines):
        head = _cells(text, *lines[i])
        names = [text[s:e] for s, e in head]
        unit_col = next((k for k, c in enumerate(names) if c in w["unithead"]), -1)
        if len(head) < 3 or unit_col < 0:
            i += 1
            continue
        title = _title(doc, lines, i)
        columns = _columns(doc, head, names, unit_col, title)
        i += 1
        parent = ""
        while i < len(lines):
            row = _cells(text, *lines[i])
            if len(row) != len(head):
                break
            label = text[row[0][0]:row[0][1]]
            unit_text = text[row[unit_col][0]:row[unit_col][1]]
            sub = label.startswith(w["part"])
            if sub:
                label = label[next(len(p) for p in w["part"] if label.startswith(p)):].lstrip(":：")
            else:
                parent = label
            indicator = _part_of(label, parent) if sub else label
            unit, scale = _unit(unit_text)
            for k, (s, e) in enumerate(row):
                col = columns.get(k)
                n_index = starts.get(s)
                if col is None or n_index is None or doc.numbers[n_index].end != e:
                    continue
                change, period, period_text, pct = col
                if change:
                    cu = "百分点" if unit == "%" and pct else ("%" if pct else unit)
                    out[n_index] = Cell(indicator + change, cu, Decimal(1) if pct else scale, period, period_text)
                else:
                    out[n_index] = Cell(indicator, unit, scale, period, period_text)
            i += 1
    return out


def _title(doc: Doc, lines: list[tuple[int, int]], head: int) -> tuple[str | None, str | None, int | None]:
    """The period of the table's title (the non-empty line above its head) and its year."""
    text = doc.norm.text
    k = head - 1
    while k >= 0 and not text[lines[k][0]:lines[k][1]].strip():
        k -= 1
    if k < 0:
        return None, None, None
    lo, hi = lines[k]
    for t in reversed(doc.times):
        if lo <= t.start and t.end <= hi:
            r = t.resolve(doc.date)
            year = int(r.period[:4]) if r.period and r.period[:4].isdigit() else None
            return r.period, t.text, year
    return None, None, None


def _columns(doc: Doc, head: list[tuple[int, int]], names: list[str], unit_col: int,
             title: tuple[str | None, str | None, int | None]) -> dict[int, tuple[str, str | None, str | None, bool]]:
    """Value column -> (change word or "", period, period text, in percent)."""
    w = _words()
    period, period_text, year = title
    cols: dict[int, tuple[str, str | None, str | None, bool]] = {}
    last: tuple[str | None, str | None] = (period, period_text)
    for k, ((s, e), name) in enumerate(zip(head, names, strict=True)):
        if k == 0 or k == unit_col:
            continue
        # (a comparison in the head, 比上年同期增减, is the change's baseline, not its period)
        own = next((t for t in doc.times if s <= t.start and t.end <= e and t.role not in ATTACH_ROLES), None)
        p, pt = last if any(c in name for c in w["change"]) else (period, period_text)
        if own is not None:
            p, pt = own.resolve(doc.date, year=year).period, own.text
        if any(c in name for c in w["change"]):
            cols[k] = (w["changeword"][0], p, pt, "%" in name)
        else:
            cols[k] = ("", p, pt, False)
            last = (p, pt)
    return cols


def _part_of(label: str, parent: str) -> str:
    """``其中：集中供养`` under ``城乡特困人员`` -> ``集中供养特困人员``; a full noun stays as written."""
    w = _words()
    for head in w["head"]:
        if parent.endswith(head) and not label.endswith(head) and len(label) <= 4:
            return label + head
    return label


def _unit(cell: str) -> tuple[str, Decimal]:
    """``万人`` -> (``人``, 10000); ``元/人·月`` -> (``元/人/月``, 1); ``%`` -> (``%``, 1)."""
    u = cell.replace("·", "/").replace("（", "").replace("）", "")
    scale = Decimal(1)
    for mag, factor in (("亿", 10**8), ("千万", 10**7), ("百万", 10**6), ("十万", 10**5), ("万", 10**4),
                        ("千", 10**3), ("百", 10**2)):
        if u.startswith(mag) and len(u) > len(mag):
            u, scale = u[len(mag):], Decimal(factor)
            break
    if u in ("-", "—", "－"):
        u = ""
    return u, scale
