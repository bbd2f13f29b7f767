"""The indexed look-ups that keep the layers linear give what the plain scans they replace gave.

Issue 8: a 1 MB page on one line with no sentence end is one paragraph, one sentence and,
without commas, one clause. A scan of the paragraph for every number or time phrase then
grows with the square of the text. Each scan was replaced by an index (sorted offsets and
bisection, or a sweep); the reference functions here are the scans as they were written.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhstats import detect, periods, timex
from zhstats.docdate import DocDate
from zhstats.normalize import normalize_text
from zhstats.structure import Segments


def _in_title_scan(text: str, s: int, e: int) -> bool:
    if s > 0 and e < len(text) and text[s - 1] in "〔[" and text[e] in "〕]":
        return True
    line_start = text.rfind("\n", 0, s) + 1
    open_ = text.rfind("《", line_start, s)
    if open_ < 0 or text.rfind("》", open_, s) >= 0:
        return False
    line_end = text.find("\n", e)
    return text.find("》", e, len(text) if line_end < 0 else line_end) >= 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="《》\n〔〕[]年a", max_size=40), st.data())
def test_in_title_index_equals_the_scan(text: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    assert timex._in_title(text, s, e, timex._TitleMarks(text)) == _in_title_scan(text, s, e)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”「」a\n", max_size=40), st.data())
def test_quote_counts_equal_the_scan(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, start))
    seg = text[lo:start]
    expected = seg.count("“") > seg.count("”") or seg.count("「") > seg.count("」")
    assert detect._in_quotes(text, start, lo) == expected


def _local_until_scan(p: periods._Paragraph, t: timex.TimeExpr) -> int | None:
    spans, stack = [], []
    for k in p.brackets:
        if p.text[k] == "(":
            stack.append(k)
        elif stack:
            spans.append((stack.pop(), k))
    for s, e in spans:
        if s < t.start and t.end <= e:
            rest = (p.text[s + 1 : t.start] + p.text[t.end : e]).strip(" ，,、；;:：")
            if rest:
                return e
    if t.role == "total_span":
        sent = p.segments.sentence_of(t.start)
        return sent[1] if sent else p.para[1]
    return None


_PIECES = ["(", ")", "（", "）", "，", "、", " ", "2019年", "去年", "三年共计", "上年同期", "为", "增长", "5%", "人"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_paren_sweep_equals_the_scan(pieces: list[str]) -> None:
    text = normalize_text("".join(pieces))
    segments = Segments.of(text)
    date = DocDate(2020, 1)
    times = sorted(timex.find_times(text, date), key=lambda t: (t.start, -t.end))
    for para in segments.paragraphs:
        ts = [t for t in times if para[0] <= t.start < para[1]]
        p = periods._Paragraph(timex.fold(text), segments, para, [], ts, date, [])
        for t in ts:
            assert p._local_until(t) == _local_until_scan(p, t)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="年均平每月人12，", max_size=30), st.data())
def test_span_word_index_equals_the_search(text: str, data: st.DataObject) -> None:
    """``_span_stat_within`` answers as the search of the 年均 words from the clause start did."""
    import regex

    words = "|".join(regex.escape(w) for w in timex.markers("span_stat"))
    segments = Segments.of(text)
    for para in segments.paragraphs:
        p = periods._Paragraph(text, segments, para, [], [], None, [])
        lo = data.draw(st.integers(*para))
        hi = data.draw(st.integers(lo, para[1]))
        assert p._span_stat_within(lo, hi) == (regex.search(f"(?:{words})", text[:hi][lo:]) is not None)
