"""The numeral scan runs on ``re`` (issue 9); ``regex`` compiling the same source finds the same runs.

``numbers._lex().main`` and ``.frac`` hold only fixed-width look-behinds so that the
standard library compiles them (twice as fast a scan as ``regex``). Here both engines must
give the same matches, spans and groups, on generated numerals with spaces and units.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhstats import numbers

_ALPHABET = list("0123456789 .,一二三四五六七八九十百千万亿兆零〇两点多余几分之又个人元%千瓦-") + ["百分之", "三分之一", "千瓦"]


def _same(pattern_name: str, text: str) -> None:
    ours = getattr(numbers._lex(), pattern_name)
    reference = regex.compile(ours.pattern)
    assert [(m.span(), m.regs) for m in ours.finditer(text)] == [
        (m.span(), m.regs) for m in reference.finditer(text)
    ], text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=30))
def test_main_scan_matches_alike_on_both_engines(pieces: list[str]) -> None:
    _same("main", "".join(pieces))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=30))
def test_fraction_pattern_matches_alike_on_both_engines(pieces: list[str]) -> None:
    _same("frac", "".join(pieces))
