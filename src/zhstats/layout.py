"""Stat cards: the layout of infographic posts (数说, 成绩单), read as the sentences they stand for.

A WeChat-style post writes a figure on a line of its own and what it measures on the
next, or the label first and the figure last, each card a block between blank lines::

    48.6亿元                    截至11月底
    全年民生支出                 全区城乡低保对象
    占一般公共预算支出76.3%       3862户、5917人

Every later layer reads a line end as the end of a sentence and of a paragraph, so the
figure would lose its label and its time. Here, on the normalised text, the line ends
inside such a card become what the sentence would have had: ``的`` between a figure and
the label after it (``48.6亿元的全年民生支出``, read like ``73%的养老床位``), ``为`` between a
label and the figure after it (``家庭养老床位为3500张``), and a comma before a line that
goes on about the same figure (a line that opens with a change or share word: ``增长4.6%``, ``占…76.3%``,
words of ``card_words.tsv``). One character stands for one character, so offsets are
unchanged and every span still grounds on the original text.

Only blocks with a line that holds a figure and nothing else are touched: prose never
has one, so ordinary articles come out of this layer unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

# A line that is one figure (or a short list of figures) and nothing else: 48.6亿元, 近2万人次,
# 3862户、5917人. A line that opens with a year (2024年, 2024年新增) is a heading or a label, not a figure.
_AFTER_DIGITS = r"(?:万|亿|千|百)*(?:%|‰|[^\W\d_]{0,3})"  # a magnitude, then a sign or a short unit
_FIGURE = rf"[0-9][0-9.,]*{_AFTER_DIGITS}"
_FIGURE_LINE = re.compile(rf"[ \t]*(?:近|超|约|逾|超过|共)?{_FIGURE}(?:[、和]{_FIGURE})*[ \t]*")
_YEAR_LINE = re.compile(r"[ \t]*[0-9]{4}年.*")
# A quick test that a text could hold a figure line at all: a line end right after a figure.
_MAYBE = re.compile(rf"[0-9]{_AFTER_DIGITS}[ \t]*\n")


@lru_cache(maxsize=1)
def _continuation() -> tuple[str, ...]:
    return lexicon.words("card_words.tsv")


def _is_figure_line(line: str) -> bool:
    return bool(line.strip()) and _FIGURE_LINE.fullmatch(line) is not None and _YEAR_LINE.fullmatch(line) is None


def join_cards(text: str) -> str:
    """``text`` with the line ends inside stat cards replaced (same length, same offsets)."""
    if "\n" not in text or _MAYBE.search(text) is None:
        return text
    lines = text.split("\n")
    joins: dict[int, str] = {}  # index of a line -> what replaces the line end after it
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        _block(lines, i, j, joins)  # lines[i:j] is one block between blank lines
        i = j
    if not joins:
        return text
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        if k < len(lines) - 1:
            out.append(joins.get(k, "\n"))
    return "".join(out)


def _block(lines: list[str], i: int, j: int, joins: dict[int, str]) -> None:
    if j - i < 2:
        return
    words = _continuation()
    if _is_figure_line(lines[i]):
        # 48.6亿元 / 全年民生支出 / 占一般公共预算支出76.3%: the figure, its label, then the
        # lines that go on about it
        if _is_figure_line(lines[i + 1]):
            return
        joins[i] = "的"
        k = i + 1
        while k + 1 < j and lines[k + 1].strip().startswith(words):
            joins[k] = "，"
            k += 1
    else:
        # 截至11月底 / 全区城乡低保对象 / 3862户、5917人 (/ 占…的27.8%): the label (and its time) first
        f = next((k for k in range(i + 1, min(j, i + 3)) if _is_figure_line(lines[k])), -1)
        if f < 0 or any(not lines[k].strip().startswith(words) for k in range(f + 1, j)):
            return
        for k in range(i, f - 1):
            joins[k] = "，"
        joins[f - 1] = "为"  # 家庭养老床位为3500张: the label is the subject of its figure
        for k in range(f, j - 1):
            joins[k] = "，"
