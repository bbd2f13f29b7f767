"""The time scan runs on ``re`` for speed (issue 9); it must find exactly what ``regex`` finds.

``timex._Master`` compiles the master pattern with the standard library (numbering the
group names the pattern uses twice). Here the same source is compiled with ``regex``, as
it was before, and both engines must give the same matches (span, branch and every named
group) on the corpus, on every test sentence of the time and period layers, and on
generated text made of time words, numerals and digits.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhstats import lexicon, timex
from zhstats.normalize import normalize_text

from .conftest import CORPUS

HERE = Path(__file__).parent


@cache
def _texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for name in ("test_timex/times.tsv", "test_periods/periods.tsv"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[1].replace("\\n", "\n"))
    return [timex.fold(normalize_text(t)) for t in out]


def _pieces() -> list[str]:
    """Time words, markers, parts and events of the data files, and the characters around dates."""
    words = {r[0] for name in ("time_words.tsv", "time_markers.tsv", "time_parts.tsv", "time_events.tsv")
             for r in lexicon.rows(name) if r and r[0]}
    return sorted(words) + list("0123456789〇零一二两三四五六七八九十百年月日号度季周时分点半至到-/.~— （）()“”〔〕《》，。的为增长") + [
        "2019", "2023-24", "112", "1-9", "十四五", "星期三", "以来", "至今", "同期"]


def _signature(matches: object) -> list[tuple[tuple[int, int], str | None, dict[str, str | None]]]:
    names = sorted(timex._master(False).aliases.keys() | set(regex.compile(timex._master(False).source).groupindex))
    names = [n for n in names if "__" not in n]
    return [(m.span(), m.lastgroup, {n: m.group(n) for n in names}) for m in matches]  # type: ignore[attr-defined]


def _same(text: str) -> None:
    for roc in (False, True):
        master = timex._master(roc)
        reference = regex.compile(master.source)
        assert _signature(master.finditer(text)) == _signature(reference.finditer(text)), (roc, text)


@pytest.mark.parametrize("i", range(len(_texts())))
def test_both_engines_match_alike_on_every_test_text(i: int) -> None:
    _same(_texts()[i])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=12))
def test_both_engines_match_alike_on_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces))


# --------------------------------------------------------------------------- TimeIndex


class _Span:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=8).map(
    lambda xs: sorted((_Span(a, a + n) for a, n in xs), key=lambda t: (t.start, -t.end)))


@settings(max_examples=300, deadline=None)
@given(_spans, st.integers(0, 50), st.integers(0, 15))
def test_time_index_answers_as_a_scan_of_every_phrase_does(spans: list[_Span], lo: int, width: int) -> None:
    """``overlaps`` and ``last_end_within`` are the per-number scans of detect/indicators, in O(log n)."""
    index = timex.time_index(spans)  # type: ignore[arg-type]
    assert index is not None
    hi = lo + width
    assert index.overlaps(lo, hi) == any(t.start < hi and lo < t.end for t in spans)
    cut = lo
    for t in spans:
        if lo <= t.start and t.end <= hi or t.start < lo < t.end:
            cut = max(cut, t.end)
    assert index.last_end_within(lo, hi) == cut
    overlapping = [t for t in spans if not (t.end <= lo or t.start >= hi)]
    assert [t for t in index.around(lo, hi) if not (t.end <= lo or t.start >= hi)] == overlapping


def test_time_index_refuses_phrases_out_of_order() -> None:
    assert timex.time_index([_Span(5, 6), _Span(1, 2)]) is None  # type: ignore[list-item]
