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

A table is recognised by its head row: a line of cells that is not itself a row of figures,
with a row under it (a label, then figures; two rows, or a head that names a measure, when the
table has only two columns). Its rows are the lines after it with as many cells, up to a line
that is none (a short line of one cell between rows heads the rows under it). A column whose
head is a change (``增减``, ``增长``, ``同比``) gives the row's change: indicator ``X增减``, unit ``%``
when the head says so, and 百分点 for the change of a row that is itself a rate in ``%``.
Columns that split one measure by who or what (``自然人``, ``法人或其他组织``) name the row's part;
a line of heads over a line of figures is read head by head.
The words are in ``table_words.tsv``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from . import lexicon
from .doc import Doc
from .docdate import DocDate
from .indicators import to_original
from .numbers import NumberMention, _cells_apart, is_unit, split_magnitude
from .timex import ATTACH_ROLES, INERT_ROLES, times_around

# On the table text (_table_text: an ideographic space is a tab; \r ends a CRLF line); a figure with its
# thousands apart, as Hong Kong writes them (33 126), is one cell, as it is one number.
_CELL = re.compile(r"(?:(?<![0-9,.])[0-9]{1,3}(?: [0-9]{3})+(?![0-9,])|[^\t \r])+")


@dataclass(frozen=True, slots=True)
class Cell:
    """What a number in a table cell measures."""

    indicator: str
    unit: str
    scale: Decimal  # the magnitude of the 单位 cell (万人 -> 10000)
    period: str | None
    period_text: str | None
    words: bool = False  # a number inside a cell of words (新建茶园1200亩): only its period is the table's


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for row in lexicon.rows("table_words.tsv"):
        if len(row) >= 2:
            kinds.setdefault(row[1], []).append(row[0])
    return {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in kinds.items()}


def _table_text(doc: Doc) -> str:
    """The normalised text with the original's ideographic spaces as tabs: they part the cells
    of a row (62　907 is two figures), while a plain space may part the thousands of one (33 126).
    Made once per document by :func:`table_cells` and handed to every table it reads."""
    return _cells_apart(doc.norm.text, doc.norm.original)


def _cells(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CELL.finditer(text, lo, hi)]


# A figure standing alone between blanks (a tab or spaces): the least a table row holds.
_MAYBE_CELL = re.compile(r"[\t ][≥≧≤≦<>＜＞]?[-+]?[0-9][0-9,.]*(?:%|[^\s\d]{1,6})?(?:[\t \r]|$)", re.MULTILINE)
_NUMERIC_CELL = re.compile(r"[-+]?(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9][0-9,]*)(?:\.[0-9]+)?%?|[-—…]+")
# A figure cell of a target or allocation table may carry a sign and its own unit (≥118万人,
# ≥830元/人·月, 100%); never a time (2023年末 is a column head, not a figure).
_FIGURE_CELL = re.compile(r"[≥≧≤≦<>＜＞]?[-+]?(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9][0-9,]*)(?:\.[0-9]+)?"
                          r"(?:[%‰]|(?![年月日号季时期])[\u4e00-\u9fff][\u4e00-\u9fff/·%]{0,5})?|[-—…]+")
# A band that labels a row (90平方米及以下, 60岁以上), not a figure with its bound (40以上)
_BAND_LABEL = re.compile(r"[0-9][0-9.]*[\u4e00-\u9fff]{1,4}?及?(?:以上|以下|以内)")
_SIGN = "≥≧≤≦<>＜＞"
_ROW_FISCAL = re.compile(r"((?:19|20)\d\d)[-/－—–](\d\d)")
# a line far indented with one head on it over some columns of the head below: 每月住户入息中位数（港元）
_SPANNING_HEAD = re.compile(r"[\t \u3000]{4,}[^\t \u3000]{2,20}[(（][^()（）]{1,6}[)）]\s*")
_BASE_NOTE = re.compile(r"[(（][^()（）=]{0,8}=\s*100[)）]$")  # 同比指数（上年同月=100）
# The numbering of a row label: 一、 （一） 1. (3)
_NUMBERING = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、](?![0-9]))\s*")
_UNIT_LINE = re.compile(r"\s*[(（]?(?:单位|计量单位)[:：]\s*([^\s()（）]{1,8})[)）]?\s*$")
_LABEL_UNIT = re.compile(r"[(（]([^()（）]{1,4})[)）]$")
_HEAD_UNIT = re.compile(r"[(（](?:单位[:：])?([^()（）:：]{1,6})[)）]$")


def table_cells(doc: Doc) -> dict[int, Cell | None]:
    """Index in ``doc.numbers`` -> its cell's reading, for every number that is a table cell
    (None for a number that is no record: the row number of a 序号 column)."""
    text = _table_text(doc)
    if "\n" not in text or _MAYBE_CELL.search(text) is None:
        return {}  # (one C-speed scan: most articles have no figure standing alone between spaces)
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = {n.start: i for i, n in enumerate(doc.numbers)}
    out: dict[int, Cell | None] = {}
    i = 0
    index_words = _words()["index"]
    while i + 1 < len(lines):
        head = _cells(text, *lines[i])
        index = bool(head) and text[head[0][0]:head[0][1]] in index_words
        if index:
            head = head[1:]  # 序号　指标　单位　2025年: the row numbers are no column of figures
        width = len(head)
        k = _next_filled(text, lines, i + 1) if width >= 3 else i + 1  # (a blank line under the head)
        nxt = _row(text, lines[k], index) if k < len(lines) else []
        if len(nxt) == 1 and width >= 3 and k + 1 < len(lines):
            nxt = _row(text, lines[k + 1], index)  # a group line (社会救助) right under the head
        if width >= 2 and len(nxt) == width and all(_NUMERIC_CELL.fullmatch(text, *c) for c in nxt) \
                and not any(_NUMERIC_CELL.fullmatch(text, *c) for c in head):
            _read_transposed(doc, text, lines, i, head, starts, out)
            i += 2
            continue
        if width < 2 or not _is_row(text, nxt, width, _measured(text, head)) or _is_row(text, head, width) \
                or (width == 2 and not _two_column_head(text, head[1])
                    and not (i + 2 < len(lines) and _is_row(text, _cells(text, *lines[i + 2]), 2))):
            i += 1  # (a table of two columns, label and figure, needs two rows or a measure in its head)
            continue
        i = _read_table(doc, text, lines, i, head, starts, out, index)
    return out


def _next_filled(text: str, lines: list[tuple[int, int]], k: int) -> int:
    """The first line from ``k`` on with something written on it (len(lines) if none)."""
    while k < len(lines) and not text[lines[k][0]:lines[k][1]].strip():
        k += 1
    return k


def _row(text: str, line: tuple[int, int], index: bool) -> list[tuple[int, int]]:
    """The cells of a line, less its row number when the table has a 序号 column."""
    cells = _cells(text, *line)
    return cells[1:] if index and _row_number(text, cells) else cells


def _row_number(text: str, cells: list[tuple[int, int]]) -> bool:
    """Does the line open with a row number (a cell of digits before others)?"""
    return len(cells) >= 2 and text[cells[0][0]:cells[0][1]].isdigit()


def _two_column_head(text: str, cell: tuple[int, int]) -> bool:
    """The head of a label-and-figure table's figure column names a measure: 金额, 本年处理决定数量,
    本年收费金额（单位：万元）."""
    m = _HEAD_UNIT.search(text, *cell)
    return m is not None or text[cell[0]:cell[1]].endswith(_words()["measureend"])


def _figure(text: str, cell: tuple[int, int]) -> bool:
    return _FIGURE_CELL.fullmatch(text, *cell) is not None


def _label_first(text: str, cell: tuple[int, int]) -> bool:
    """Does a row's first cell, which opens with a figure, name a group (90平方米及以下, 1人住户,
    6人或以上住户) rather than give a figure (≥118万人)? Words after its unit say so."""
    if _BAND_LABEL.fullmatch(text, *cell):
        return True
    suffix = text[cell[0]:cell[1]].lstrip("≥≧≤≦<>＜＞+-0123456789,. ")
    if not suffix or not "\u4e00" <= suffix[0] <= "\u9fff":
        return False
    return not any(is_unit(suffix[:k]) and (k == len(suffix) or not "\u4e00" <= suffix[k] <= "\u9fff")
                   for k in range(1, len(suffix) + 1)) and any(is_unit(suffix[:k]) for k in (1, 2))


def _measured(text: str, head: list[tuple[int, int]]) -> tuple[int, ...]:
    """The columns whose head writes a unit in brackets (家庭人口（人）, 人均纯收入（元）): figures."""
    out = []
    for k, (s, e) in enumerate(head):
        m = _HEAD_UNIT.search(text, s, e)
        if m is not None and is_unit(m.group(1)):
            out.append(k)
    return tuple(out)


def _is_row(text: str, cells: list[tuple[int, int]], width: int, measured: tuple[int, ...] = ()) -> bool:
    """A data row: as many cells as the head, labels first and figures after them (a unit cell may
    stand between: 指标　单位　本季末　增减; 一级指标　二级指标　三级指标　指标值 has three labels);
    or, under a head that gives its figure columns their units, a figure in each of those with
    words between them (序号　村名　户主　家庭人口（人）　监测类型　人均纯收入（元）: a roster)."""
    if len(cells) != width or (_figure(text, cells[0]) and not _label_first(text, cells[0])):
        return False
    if measured and all(_figure(text, cells[k]) for k in measured):
        return True
    figures = [_figure(text, c) for c in cells[1:]]
    if sum(figures) >= max(1, width - 2) and sum(figures) >= (width - 1) // 2 + 1 or sum(figures) == width - 1:
        return any(_NUMERIC_CELL.fullmatch(text, *c) or text[c[0]] in _SIGN or text[c[0]].isdigit() for c in cells[1:])
    if True not in figures:
        return False
    first, last = figures.index(True), len(figures) - 1 - figures[::-1].index(True)
    # labels, figures, and words after them (属性: 预期性) when the figures are most of the row's end
    return all(figures[first:last + 1]) and (last == len(figures) - 1 or last - first >= 1)


def _label_column(text: str, lines: list[tuple[int, int]], i: int, width: int, index: bool, unit_col: int,
                  heads: list[str] | None = None, measured: tuple[int, ...] = ()) -> int:
    """The column that names the rows: of the columns of words before the figures, the one with
    the most different values (机构名称, not 等级: 五级 repeats; 三级指标, not 一级指标), the last on a
    tie, but not one whose cells describe with figures and commas (项目名称, not 建设内容及规模);
    -1 when the rows hold one column of words or none."""
    values: dict[int, set[str]] = {}
    wordy: dict[int, int] = {}  # cells that describe rather than name (新建茶园1200亩，改造…)
    rows = 0
    while i < len(lines) and rows < 200:
        row = _row(text, lines[i], index)
        if not _is_row(text, row, width, measured):
            if len(row) == 1 and i + 1 < len(lines):
                i += 1
                continue  # (a group line)
            break
        rows += 1
        for k, c in enumerate(row):
            if _figure(text, c):
                break
            if k != unit_col:
                values.setdefault(k, set()).add(text[c[0]:c[1]])
                if _DESCRIPTION.search(text, c[0], c[1]):
                    wordy[k] = wordy.get(k, 0) + 1
        i += 1
    if len(values) < 2:
        return -1
    names = [k for k in values if wordy.get(k, 0) * 2 <= rows] or list(values)
    named = [k for k in names if heads and k < len(heads) and "名称" in heads[k]]
    return max(named or names, key=lambda k: (len(values[k]), k))  # (项目名称 over 实施地点)


# A cell with a figure or a clause break describes its row (建设内容及规模); a name holds neither.
_DESCRIPTION = re.compile(r"[0-9，,；;。]")


def _numbers_within(doc: Doc, s: int, e: int) -> list[int]:
    """Indices in ``doc.numbers`` of the numbers inside ``[s, e)`` (a cell: a few at most)."""
    lo = bisect.bisect_left(doc.numbers, s, key=lambda n: n.start)
    out = []
    while lo < len(doc.numbers) and doc.numbers[lo].start < e:
        if doc.numbers[lo].end <= e:
            out.append(lo)
        lo += 1
    return out


def _label_cell(text: str, row: list[tuple[int, int]], unit_col: int) -> tuple[int, int]:
    """The cell that names the row: the last label before the first figure (三级指标 of a target
    table), the unit column aside."""
    label = row[0]
    for k, c in enumerate(row):
        if _figure(text, c):
            break
        if k != unit_col:
            label = c
    return label


def _strip_numbering(text: str, s: int, e: int) -> int:
    """Past the numbering of a row label (一、 （二） 3.)."""
    m = _NUMBERING.match(text, s, e)
    return m.end() if m and m.end() < e else s


def _read_table(doc: Doc, text: str, lines: list[tuple[int, int]], i: int, head: list[tuple[int, int]], starts: dict[int, int],
                out: dict[int, Cell | None], index: bool = False) -> int:
    """Read the rows under the head row ``lines[i]``; return the index of the first line after them.

    A line of one short cell between rows (``三、本年度办理结果``, ``（三）不予公开``) heads the rows
    under it and the table goes on; so does a row whose one figure column holds words
    (``稳步提高``) in a target table.
    """
    w = _words()
    width = len(head)
    # (环比指数（上月=100）: the bracket gives the index's base, neither a unit nor a time of the column)
    head = [(s, b.start()) if (b := _BASE_NOTE.search(text, s, e)) is not None and b.start() > s else (s, e)
            for s, e in head]
    # (其中指标到校: a column of a part of the figure before it; the part's own name heads it)
    names = [_PART_HEAD.sub("", text[s:e]) for s, e in head]
    unit_col = next((k for k, c in enumerate(names) if c in w["unithead"]), -1)
    table_unit = _unit_line(text, lines, i)
    title = _title(doc, text, lines, i)
    measured = _measured(text, head)
    first = next((r for r in (_row(text, lines[k], index) for k in range(i + 1, min(i + 3, len(lines))))
                  if _is_row(text, r, width, measured)), [])
    columns = _columns(doc, text, head, names, unit_col, title, lines[i][0], first)
    label_col = _label_column(text, lines, i + 1, width, index, unit_col, names, measured)
    head_line = i
    i += 1
    parent = ""
    read: list[tuple[int, str, str, bool]] = []  # (number, row label, its parent, the label holds a time)
    while i < len(lines):
        row = _row(text, lines[i], index)
        if not row and width >= 3 and (k := _next_filled(text, lines, i)) + 1 < len(lines) \
                and len(_row(text, lines[k], index)) == 1 \
                and _is_row(text, _row(text, lines[k + 1], index), width, measured):
            i = k  # a blank line before the next group line (二、养老服务) and its rows
            continue
        if not _is_row(text, row, width, measured):
            if i + 1 < len(lines) and _is_row(text, _row(text, lines[i + 1], index), width, measured) and (
                    (len(row) == 1 and row[0][1] - row[0][0] <= 30 and "。" not in text[row[0][0]:row[0][1]])
                    or (len(row) == width and len(columns) == 1 and not any(_figure(text, c) for c in row))):
                i += 1  # a group line, or a target row with words for its figure
                continue
            break
        if index and _row_number(text, cells := _cells(text, *lines[i])) \
                and (k_num := starts.get(cells[0][0])) is not None:
            out[k_num] = None  # the row number of a 序号 column: no record
        ls, le = row[label_col] if label_col >= 0 and not _figure(text, row[label_col]) \
            else _label_cell(text, row, unit_col)
        ls = _strip_numbering(text, ls, le)
        for n_index in _numbers_within(doc, ls, le):
            out.setdefault(n_index, None)  # 1人住户, 90平方米及以下: a figure in a row's label names the row
        indented = ls > lines[i][0] and row[0][0] > lines[i][0]
        sub = text.startswith(w["part"], ls)
        if sub:
            ls += next(len(p) for p in w["part"] if text.startswith(p, ls))
            while ls < le and text[ls] in ":：":
                ls += 1
        label = text[ls:le]
        label_unit = None
        if (lu := _LABEL_UNIT.search(label)) is not None and is_unit(lu.group(1)):
            label, label_unit = label[:lu.start()], lu.group(1)  # 劳动力（千人）　12,032: the row's unit
        if not (sub or indented):
            parent = label
        indicator = _part_of(label, parent) if (sub or indented) and parent else label
        # 年度　预算数（亿元）　执行率（%） then 2023年　793.1　97.8: a row labelled by a time is that
        # time's figure of each column's measure
        row_time = next((t for t in times_around(doc.times, ls, le) if t.start == ls and t.end >= le - 1
                         and t.role not in ATTACH_ROLES), None) if ls < le and text[ls].isdigit() else None
        row_fiscal = None
        if row_time is None and (fy := _ROW_FISCAL.fullmatch(label)) is not None \
                and names[max(label_col, 0)].endswith(w["yearhead"]) \
                and int(fy.group(2)) == (int(fy.group(1)) + 1) % 100:
            # 年度 then 2021-22　32 418: a row labelled by a fiscal or school year without its 年度
            row_fiscal = f"{fy.group(1)}/{int(fy.group(1)) + 1}"
        row_unit = text[row[unit_col][0]:row[unit_col][1]] if unit_col >= 0 else label_unit
        # (a label holding a time, 本季度注销社会组织, keeps that time whatever the notes say)
        timed = row_time is not None or row_fiscal is not None \
            or any(t.start < le and ls < t.end for t in times_around(doc.times, ls, le))
        for k, (s, e) in enumerate(row):
            col = columns.get(k)
            if col is None:
                if names[k] in w["rank"] and (n_index := starts.get(s)) is not None:
                    out[n_index] = None  # 排名　1: a place in a ranking, no record
                continue
            if not _figure(text, (s, e)):
                if title[0] is not None and k != label_col and _DESCRIPTION.search(text, s, e):
                    # 建设内容及规模: 新建标准化茶园1200亩，…: quantities of the row's own, in the
                    # table title's year; the prose layers name them
                    for n_index in _numbers_within(doc, s, e):
                        out.setdefault(n_index, Cell("", "", Decimal(1), title[0], title[1], words=True))
                continue  # 五级 in a column of grades: a label, not a figure
            if text[s] in _SIGN:
                s += 1  # ≥118万人: the sign is the number's qualifier, outside its span
            n_index = starts.get(s)
            if n_index is None or not _fills(doc.numbers[n_index], e):
                continue
            change, period, period_text, pct, head_unit, noun, category = col
            if period is not None and len(period) == 4 and any(y in label for y in w["yearend"]):
                period = period + "-12"  # 年末在城镇居住的农民工 under 2024年: a stock at the year's end
            own_unit = doc.numbers[n_index].unit
            if own_unit:  # ≥830元/人·月: the cell writes its unit (the number has its value already)
                unit, scale = own_unit, Decimal(1)
            else:
                unit, scale = _unit(row_unit if row_unit is not None else head_unit or table_unit
                                    or _counted_by(names[k]))
            if row_time is not None or row_fiscal is not None:
                period, period_text = (row_time.resolve(doc.date).period, row_time.text) if row_time is not None \
                    else (row_fiscal, label)
                what = change or noun or _HEAD_UNIT.sub("", names[k]).strip()
                name = to_original(doc, category + what, lines[head_line][0], lines[i][1])
            else:
                # (the indicator in the text's own characters: 社区卫生服务中心（站）, 特困人員)
                name = to_original(doc, category + _joined(indicator, change or noun), lines[head_line][0], lines[i][1])
            if change:
                # (a change of a row in %, 失业率（%）　较上月增减　-0.01, is in 百分点 too)
                cu = "百分点" if unit == "%" and (pct or label_unit) else ("%" if pct else unit)
                out[n_index] = Cell(name, cu, Decimal(1) if pct else scale, period, period_text)
            else:
                out[n_index] = Cell(name, unit, scale, period, period_text)
            read.append((n_index, label, parent, timed))
        i += 1
    if read and title[0] is not None:
        _apply_notes(doc, text, lines, i, read, out)
    return i


# The notes under a table (注：1. 本表数据除注明外均为季末数。2. 各项资金支出…为1—6月累计数):
# what they say about the periods of its figures.
_NOTE_START = re.compile(r"\s*(?:注|说明|备注)[:：]")
_STOCK_NOTE = re.compile(r"(?:均|都|皆)?为(?:季末|月末|年末|期末|季度末|年底)数")
_FLOW_NOTE = re.compile(r"([^。；;：:\n]{2,120}?)(?:均|都)?为(?:1|一)\s*[—\-–~至到]\s*(1[0-2]|[1-9])月(?:份)?(?:累计)?数")
_NOTE_ITEM = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）])?\s*")
_NAME_SPLIT = re.compile(r"[、，,和及与]")
_PART_HEAD = re.compile(r"^其中[:：]?(?=..)")


def _apply_notes(doc: Doc, text: str, lines: list[tuple[int, int]], i: int, read: list[tuple[int, str, str, bool]],
                 out: dict[int, Cell | None]) -> None:
    """A table's notes give periods its title cannot: stocks at the end of the period (季末数)
    and, for the rows they name, flows since the year's start (1—6月累计数)."""
    k = i
    while k < len(lines) and not text[lines[k][0]:lines[k][1]].strip() and k - i < 3:
        k += 1
    if k >= len(lines) or not _NOTE_START.match(text, *lines[k]):
        return
    note_end = k + 1
    while note_end < len(lines) and note_end - k < 8 \
            and text[lines[note_end][0]:lines[note_end][1]].strip()[:1].isdigit():
        note_end += 1  # 2. …, 3. …: the numbered notes that follow
    note = text[lines[k][0]:lines[note_end - 1][1]]
    stock = _STOCK_NOTE.search(note) is not None
    flows: list[tuple[list[str], int]] = []
    for m in _FLOW_NOTE.finditer(note):
        items = _NOTE_ITEM.sub("", m.group(1).split("：")[-1].split(":")[-1])
        names = [n.strip().removeprefix("各项").removeprefix("各类") for n in _NAME_SPLIT.split(items)]
        flows.append(([n for n in names if len(n) >= 2], int(m.group(2))))
    if not stock and not flows:
        return
    for n_index, label, parent, timed in read:
        cell = out.get(n_index)
        if cell is None or cell.period is None or timed:
            continue  # (a row named by its own time, 本季度注销社会组织, keeps it)
        year = cell.period[:4]
        month = next((m for names, m in flows for nm in names
                      if any(x and (nm in x or x in nm) for x in (label, parent))), None)
        if month is not None and year.isdigit():
            period = f"{year}-01/{year}-{month:02d}"
        elif stock:
            end = cell.period.rsplit("/", 1)[-1]
            period = end if len(end) >= 7 else f"{end}-12"
        else:
            continue
        out[n_index] = Cell(cell.indicator, cell.unit, cell.scale, period, cell.period_text, cell.words)


def _fills(n: NumberMention, end: int) -> bool:
    """The number is the whole cell, or the cell ends with its qualifier (40以上, 8以下)."""
    q = n.qualifier_span
    return n.end == end or (q is not None and q[0] >= n.end and q[1] == end)


def _read_transposed(doc: Doc, text: str, lines: list[tuple[int, int]], i: int, head: list[tuple[int, int]],
                     starts: dict[int, int], out: dict[int, Cell | None]) -> None:
    """A line of heads over a line of figures, one under each (``行政复议：结果维持　结果纠正　总计``
    over ``6　1　9``): each figure is measured by its head, after the section named before ``：``."""
    section = ""
    s0, e0 = head[0]
    colon = next((k for k in range(s0, e0) if text[k] in ":："), -1)
    if colon >= 0:
        section = text[s0:colon]
        head = [(colon + 1, e0), *head[1:]]
    title = _title(doc, text, lines, i)
    period, period_text = title[0], title[1]
    if period is None:
        period, period_text = _in_force(doc, lines[i][0])
    for (hs, he), (s, e) in zip(head, _cells(text, *lines[i + 1]), strict=True):
        n_index = starts.get(s)
        if n_index is None or doc.numbers[n_index].end != e or hs >= he:
            continue
        m = _HEAD_UNIT.search(text, hs, he)
        unit, scale = _unit(m.group(1) if m else "")
        name = to_original(doc, section + text[hs:m.start() if m else he], lines[i][0], lines[i + 1][1])
        out[n_index] = Cell(name, unit, scale, period, period_text)


def _in_force(doc: Doc, pos: int) -> tuple[str | None, str | None]:
    """The year the text before ``pos`` reports on (its last time phrase that names a year), for a
    table whose title names none: an annual report's tables after its ``2024年，…`` paragraphs.

    A ``截至2024年底`` dates a stock and ``2025年3月10日至4月15日`` the days of an event (a survey's
    fieldwork); neither is a year reported on, so a survey's results table after them has none."""
    for t in reversed(doc.times):
        if t.end > pos:
            continue
        if t.role in ATTACH_ROLES or t.role in INERT_ROLES:
            continue
        r = t.resolve(doc.date)
        if r.period and (_DAY.search(r.period) or t.role == "asof"):
            continue
        if r.period and r.period[:4].isdigit() and r.period[:4] in t.text:  # (written: not 本年, 去年)
            return r.period[:4], r.period[:4]
    return None, None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _counted_by(head: str) -> str:
    """The unit a column head names by its classifier: 件数 -> 件, 人数 -> 人 (床位数, 数量: none);
    a score column (得分, 评分) is in 分."""
    if len(head) >= 2 and head.endswith("数") and head[-2] in _classifier_chars():
        return head[-2]
    if head.endswith(_words().get("score", ())):
        return "分"
    return ""


@lru_cache(maxsize=1)
def _classifier_chars() -> frozenset[str]:
    return frozenset(w for w in _words().get("counted", ()) if len(w) == 1)


def _unit_line(text: str, lines: list[tuple[int, int]], head: int) -> str:
    """``单位：万人`` on one of the two lines above the head row: the unit of the whole table."""
    for k in (head - 1, head - 2):
        if k >= 0 and (m := _UNIT_LINE.fullmatch(text, *lines[k])):
            return m.group(1)
    return ""


def _title(doc: Doc, text: str, lines: list[tuple[int, int]], head: int) -> tuple[str | None, str | None, int | None]:
    """The period of the table's title (the non-empty line above its head) and its year."""
    k = head - 1
    while k >= 0 and (not text[lines[k][0]:lines[k][1]].strip() or _UNIT_LINE.fullmatch(text, *lines[k])
                      or _SPANNING_HEAD.fullmatch(text, *lines[k])):
        k -= 1  # (a 单位：万人 line, or a head spanning some columns, between the title and the head)
    if k < 0:
        return None, None, None
    lo, hi = lines[k]
    for t in reversed(doc.times):
        if lo <= t.start and t.end <= hi:
            r = t.resolve(doc.date)
            if (r.period is None and t.role == "clock") or t.role in ATTACH_ROLES:
                continue  # 于2025年3月13日9点30分开标，…结果如下： the date, not its hour; 与上季度末相比: a baseline
            year = int(r.period[:4]) if r.period and r.period[:4].isdigit() else None
            return r.period, t.text, year
    return None, None, None


def _columns(doc: Doc, text: str, head: list[tuple[int, int]], names: list[str], unit_col: int,
             title: tuple[str | None, str | None, int | None], at: int, first_row: list[tuple[int, int]]
             ) -> dict[int, tuple[str, str | None, str | None, bool, str, str, str]]:
    """Value column -> (change word or "", period, period text, in percent, unit written in its head,
    the head's noun when the table measures several things, the head's category when its columns
    split one measure by who or what).

    机构类别　机构数（个）　床位数（张） gives 医院床位数 for the 医院 row's second figure (a noun after
    the label); 申请人情况　自然人　法人或其他组织　总计 gives 自然人予以公开 (a category before it) and
    予以公开 for the 总计 column. A table whose title names no time takes the year the text before it
    reports on, and its ``本年``/``现行`` heads mean that year, not the year of publication.
    """
    w = _words()
    figures = {k for k, c in enumerate(first_row) if _figure(text, c)}  # (not 二级指标, a column of labels)
    period, period_text, year = title
    date = doc.date
    if period is None:
        period, period_text = _in_force(doc, at)
        year = int(period) if period is not None else None
    if year is not None and date is not None and date.year > year:
        date = DocDate(year, 12)  # (a report on 2024 published in 2025: 本年 is 2024, 现行 its end)
    cols: dict[int, tuple[str, str | None, str | None, bool, str, str, str]] = {}
    last: tuple[str | None, str | None] = (period, period_text)
    categories = 0
    for k, ((s, e), name) in enumerate(zip(head, names, strict=True)):
        if k == 0 or k == unit_col or name in w["rank"]:
            continue  # (a column of places in a ranking holds no figures)
        m = _HEAD_UNIT.search(name)  # 绝对数（元）, 比上年增长（%）
        head_unit = m.group(1) if m and is_unit(m.group(1).split("/")[0]) else ""  # (not 2024-25年度（修订预算）)
        change = None if _HEAD_UNIT.sub("", name).endswith(w["level"]) else next(
            (c for c in w["change"] if c in name), None)
        # (a comparison in the head, 比上年同期增减, is the change's baseline, not its period)
        own = next((t for t in doc.times if s <= t.start and t.end <= e and t.role not in ATTACH_ROLES), None)
        p, pt = last if change else (period, period_text)
        if own is not None:
            p, pt = own.resolve(date, year=year).period, own.text
        if change:
            word = next((c for c in w["changeword"] if c in name), w["changeword"][0])
            cols[k] = (word, p, pt, head_unit in ("%", "%"), "" if head_unit in ("%", "%") else head_unit, "", "")
        else:
            bare = _HEAD_UNIT.sub("", name)
            if own is not None:  # 本年制发件数 -> 制发件数 (2023年末 -> nothing)
                bare = (text[s:own.start] + text[own.end:e]).strip()
                bare = "" if len(bare) < 2 else _HEAD_UNIT.sub("", bare)
            # 床位数, 金额 (not 本季, 年末数 alone); a head with a unit of its own, 计划招生（人）, measures
            noun = bare if bare.endswith(w["measureend"]) or (head_unit and len(bare) >= 2) else ""
            category = bare if bare and not noun and bare not in w["total"] and k in figures else ""
            categories += bool(category)
            cols[k] = ("", p, pt, False, head_unit, noun, category)
            last = (p, pt)
    nouns = {c[5] for k, c in cols.items() if not c[0] and k in figures}  # (not 供应商名称: words)
    if len(nouns) < 2 or "" in nouns:  # one measure (绝对数, 年末数): the row label names it
        cols = {k: (*c[:5], "", c[6]) for k, c in cols.items()}
    if categories < 2:  # (one column with a name of its own is what the table measures, not a part of it)
        cols = {k: (*c[:6], "") for k, c in cols.items()}
    return cols


def _joined(label: str, head: str) -> str:
    """A row label and a column head as one name, a word they share written once
    (统筹基金 + 基金收入 -> 统筹基金收入)."""
    for size in (3, 2):
        if len(label) > size and len(head) > size and label.endswith(head[:size]):
            return label + head[size:]
    return label + head


def _part_of(label: str, parent: str) -> str:
    """A part row named without the parent's measure noun takes it: ``其中：集中供养`` under
    ``城乡特困人员`` -> ``集中供养特困人员``; ``城镇职工基本养老保险`` under ``基本养老保险参保人数`` ->
    ``城镇职工基本养老保险参保人数``. A label that names its own noun stays as written."""
    for head in _words()["head"]:
        if parent.endswith(head) and not label.endswith(head) and not label.endswith(head[-1]):
            return label + head
    for size in (3, 2):
        # 城镇居民 under 全省居民人均可支配收入: the part names who, the parent after that word what
        at = parent.find(label[-size:]) if len(label) > size else -1
        tail = parent[at + size:] if at >= 0 else ""
        if len(tail) >= 2 and tail not in _words()["total"]:  # (农民工总量 over 外出农民工: no 总量)
            return label + tail
    return label


def _unit(cell: str) -> tuple[str, Decimal]:
    """``万人`` -> (``人``, 10000); ``元/人·月`` -> (``元/人/月``, 1); ``%`` -> (``%``, 1)."""
    u, factor = split_magnitude((cell or "").replace("·", "/").replace("（", "").replace("）", ""))
    scale = Decimal(factor)
    if u in ("-", "—", "－"):
        u = ""
    return u, scale
