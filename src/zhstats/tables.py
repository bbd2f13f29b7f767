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
from .indicators import to_original
from .numbers import split_magnitude
from .timex import ATTACH_ROLES

_CELL = re.compile(r"[^\t \r]+")  # on the normalised text (an ideographic space is a space; \r ends a CRLF line)


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


# A figure standing alone between blanks (a tab or spaces): the least a table row holds.
_MAYBE_CELL = re.compile(r"[\t ][-+]?[0-9][0-9,.]*%?(?:[\t \r]|$)", re.MULTILINE)
_NUMERIC_CELL = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?%?|[-—…]+")
_UNIT_LINE = re.compile(r"\s*[(（]?(?:单位|计量单位)[:：]\s*([^\s()（）]{1,8})[)）]?\s*$")
_HEAD_UNIT = re.compile(r"[(（]([^()（）]{1,6})[)）]$")


def table_cells(doc: Doc) -> dict[int, Cell]:
    """Index in ``doc.numbers`` -> its cell's reading, for every number that is a table cell."""
    text = doc.norm.text
    if "\n" not in text or _MAYBE_CELL.search(text) is None:
        return {}  # (one C-speed scan: most articles have no figure standing alone between spaces)
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = {n.start: i for i, n in enumerate(doc.numbers)}
    out: dict[int, Cell] = {}
    i = 0
    while i + 1 < len(lines):
        head = _cells(text, *lines[i])
        if len(head) < 3 or not _is_row(text, _cells(text, *lines[i + 1]), len(head)) or _is_row(text, head, len(head)):
            i += 1
            continue
        i = _read_table(doc, lines, i, head, starts, out)
    return out


def _is_row(text: str, cells: list[tuple[int, int]], width: int) -> bool:
    """A data row: as many cells as the head, a label first and figures after it (a unit cell may stand between)."""
    if len(cells) != width or _NUMERIC_CELL.fullmatch(text, *cells[0]):
        return False
    figures = sum(1 for s, e in cells[1:] if _NUMERIC_CELL.fullmatch(text, s, e))
    return figures >= max(1, width - 2) and figures >= (width - 1) // 2 + 1 or figures == width - 1


def _read_table(doc: Doc, lines: list[tuple[int, int]], i: int, head: list[tuple[int, int]], starts: dict[int, int],
                out: dict[int, Cell]) -> int:
    """Read the rows under the head row ``lines[i]``; return the index of the first line after them."""
    text = doc.norm.text
    w = _words()
    names = [text[s:e] for s, e in head]
    unit_col = next((k for k, c in enumerate(names) if c in w["unithead"]), -1)
    table_unit = _unit_line(text, lines, i)
    title = _title(doc, lines, i)
    columns = _columns(doc, head, names, unit_col, title)
    head_line = i
    i += 1
    parent = ""
    while i < len(lines):
        row = _cells(text, *lines[i])
        if not _is_row(text, row, len(head)):
            break
        ls, le = row[0]
        indented = ls > lines[i][0]
        sub = text.startswith(w["part"], ls)
        if sub:
            ls += next(len(p) for p in w["part"] if text.startswith(p, ls))
            while ls < le and text[ls] in ":：":
                ls += 1
        label = text[ls:le]
        if not (sub or indented):
            parent = label
        indicator = _part_of(label, parent) if (sub or indented) and parent else label
        row_unit = text[row[unit_col][0]:row[unit_col][1]] if unit_col >= 0 else None
        for k, (s, e) in enumerate(row):
            col = columns.get(k)
            n_index = starts.get(s)
            if col is None or n_index is None or doc.numbers[n_index].end != e:
                continue
            change, period, period_text, pct, head_unit, noun = col
            unit, scale = _unit(row_unit if row_unit is not None else head_unit or table_unit)
            # (the indicator in the text's own characters: 社区卫生服务中心（站）, 特困人員)
            name = to_original(doc, indicator + (change or noun), lines[head_line][0], lines[i][1])
            if change:
                cu = "百分点" if unit == "%" and pct else ("%" if pct else unit)
                out[n_index] = Cell(name, cu, Decimal(1) if pct else scale, period, period_text)
            else:
                out[n_index] = Cell(name, unit, scale, period, period_text)
        i += 1
    return i


def _unit_line(text: str, lines: list[tuple[int, int]], head: int) -> str:
    """``单位：万人`` on one of the two lines above the head row: the unit of the whole table."""
    for k in (head - 1, head - 2):
        if k >= 0 and (m := _UNIT_LINE.fullmatch(text, *lines[k])):
            return m.group(1)
    return ""


def _title(doc: Doc, lines: list[tuple[int, int]], head: int) -> tuple[str | None, str | None, int | None]:
    """The period of the table's title (the non-empty line above its head) and its year."""
    text = doc.norm.text
    k = head - 1
    while k >= 0 and (not text[lines[k][0]:lines[k][1]].strip() or _UNIT_LINE.fullmatch(text, *lines[k])):
        k -= 1  # (a 单位：万人 line between the title and the head)
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
             title: tuple[str | None, str | None, int | None]
             ) -> dict[int, tuple[str, str | None, str | None, bool, str, str]]:
    """Value column -> (change word or "", period, period text, in percent, unit written in its head,
    the head's noun when the table measures several things: 机构类别　机构数（个）　床位数（张） gives
    医院床位数 for the 医院 row's second figure)."""
    w = _words()
    period, period_text, year = title
    cols: dict[int, tuple[str, str | None, str | None, bool, str, str]] = {}
    last: tuple[str | None, str | None] = (period, period_text)
    for k, ((s, e), name) in enumerate(zip(head, names, strict=True)):
        if k == 0 or k == unit_col:
            continue
        m = _HEAD_UNIT.search(name)  # 绝对数（元）, 比上年增长（%）
        head_unit = m.group(1) if m else ""
        change = next((c for c in w["change"] if c in name), None)
        # (a comparison in the head, 比上年同期增减, is the change's baseline, not its period)
        own = next((t for t in doc.times if s <= t.start and t.end <= e and t.role not in ATTACH_ROLES), None)
        p, pt = last if change else (period, period_text)
        if own is not None:
            p, pt = own.resolve(doc.date, year=year).period, own.text
        if change:
            word = next((c for c in w["changeword"] if c in name), w["changeword"][0])
            cols[k] = (word, p, pt, head_unit in ("%", "%"), "" if head_unit in ("%", "%") else head_unit, "")
        else:
            noun = _HEAD_UNIT.sub("", name) if own is None else ""
            noun = noun if noun.endswith(w["measureend"]) else ""  # 床位数, 金额 (not 本季, 年末数 alone)
            cols[k] = ("", p, pt, False, head_unit, noun)
            last = (p, pt)
    nouns = {c[5] for c in cols.values() if not c[0]}
    if len(nouns) < 2 or "" in nouns:  # one measure (绝对数, 年末数): the row label names it
        cols = {k: (*c[:5], "") for k, c in cols.items()}
    return cols


def _part_of(label: str, parent: str) -> str:
    """A part row named without the parent's measure noun takes it: ``其中：集中供养`` under
    ``城乡特困人员`` -> ``集中供养特困人员``; ``城镇职工基本养老保险`` under ``基本养老保险参保人数`` ->
    ``城镇职工基本养老保险参保人数``. A label that names its own noun stays as written."""
    for head in _words()["head"]:
        if parent.endswith(head) and not label.endswith(head) and not label.endswith(head[-1]):
            return label + head
    return label


def _unit(cell: str) -> tuple[str, Decimal]:
    """``万人`` -> (``人``, 10000); ``元/人·月`` -> (``元/人/月``, 1); ``%`` -> (``%``, 1)."""
    u, factor = split_magnitude((cell or "").replace("·", "/").replace("（", "").replace("）", ""))
    scale = Decimal(factor)
    if u in ("-", "—", "－"):
        u = ""
    return u, scale
