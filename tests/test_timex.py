"""Time expressions (issue 4): every time phrase found, with its period and role.

The cases live in ``test_timex/times.tsv``, one sentence per line, grouped by what they test
(explicit times, parts of a year, relative words, asof/target/comparison, and the negatives
that must stay numbers). Adding a case is one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhstats.docdate import DocDate
from zhstats.normalize import normalize_text
from zhstats.timex import TimeExpr, find_times

HERE = Path(__file__).with_suffix("")
CASES = HERE / "times.tsv"


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        rows.append((cols[0], cols[1], cols[2], cols[3]))
    return rows


def _times(sentence: str, date: str) -> list[TimeExpr]:
    return find_times(normalize_text(sentence), None if date == "-" else DocDate.parse(date))


def _show(sentence: str, times: list[TimeExpr]) -> str:
    if not times:
        return "-"
    return " | ".join(f"{sentence[t.start : t.end]}={t.period or '-'}@{t.role}" for t in times)


@pytest.mark.parametrize("date,sentence,expected,not_times", _rows(), ids=lambda v: v[:24])
def test_times(date: str, sentence: str, expected: str, not_times: str) -> None:
    times = _times(sentence, date)
    assert _show(sentence, times) == expected
    for word in filter(None, (w.strip() for w in not_times.split(","))):
        pos = sentence.index(word)
        inside = [t for t in times if t.start < pos + len(word) and pos < t.end]
        assert not inside, f"{word!r} must stay a number, but lies inside {inside}"


def test_spans_ground_on_the_original() -> None:
    """Normalisation keeps length, so a span on the normalised text is a span on the original."""
    text = "２０２３年９月底，截至２０２３年末，全市社工站８８個。"
    for t in find_times(normalize_text(text), DocDate.parse("2024-01")):
        assert normalize_text(text[t.start : t.end]) == t.text


def test_interval_endpoints() -> None:
    """Intervals carry their first and last sub-periods: X and Y of 由X增至Y take them."""
    (t,) = _times("由2022-23年度至2023-24年度", "2023-11-15")
    assert (t.period, t.start_period, t.end_period) == ("2022/2024", "2022/2023", "2023/2024")
    (t,) = _times("2017年至2019年期间", "2020-01")
    assert (t.start_period, t.end_period) == ("2017", "2019")
    (t,) = _times("2014年起", "2020-01")
    assert (t.start_period, t.end_period) == ("2014", "2020-01")


def test_resolve_on_the_year_in_force() -> None:
    """A part of a year with no year is re-anchored on the year in force (RECORDS.md 5)."""
    (t,) = _times("1-9月", "2024-10-25")
    assert t.yearless and t.period == "2024-01/2024-09"
    assert t.resolve(DocDate.parse("2024-10-25"), year=2022).period == "2022-01/2022-09"
    (t,) = _times("年末", "2024-03")
    assert t.resolve(DocDate.parse("2024-03"), year=2023).period == "2023-12"
    (t,) = _times("上年", "2024-03")
    assert t.resolve(DocDate.parse("2024-03"), year=2023).period == "2022"


def test_years_back_from_a_start_year() -> None:
    """三年来 after a start year counts from it; 近三年 always ends with the last full year."""
    date = DocDate.parse("2023-12-20")
    (t,) = _times("三年来", "2023-12-20")
    assert t.resolve(date, start_year=2021).period == "2021/2023"
    assert t.resolve(date, start_year=2023).period == "2020/2022"  # 2023..2025 is not over yet
    (t,) = _times("近三年", "2023-12-20")
    assert t.resolve(date, start_year=2021).period == "2020/2022"


def test_times_are_ordered_and_disjoint(seed_text: str) -> None:
    times = find_times(normalize_text(seed_text), DocDate.parse("2020-01"))
    for a, b in zip(times, times[1:], strict=False):
        assert a.end <= b.start


def test_no_gold_statistic_inside_a_time() -> None:
    """Over the whole gold set: no gold record's span (optional ones aside) overlaps a time expression."""
    root = Path(__file__).resolve().parents[1]
    for gold in sorted((root / "gold").glob("*.jsonl")):
        corpus = root / "corpus" / f"{gold.stem}.txt"
        meta = root / "corpus" / f"{gold.stem}.meta.json"
        if not corpus.exists() or not meta.exists():
            continue
        text = corpus.read_text(encoding="utf-8")
        date = json.loads(meta.read_text(encoding="utf-8")).get("date")
        times = find_times(normalize_text(text), DocDate.parse(date) if date else None)
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("optional"):
                continue  # either reading is right (连续３年: a duration, or the span of 连续N年)
            s, e = rec["span"]
            assert not [t for t in times if t.start < e and s < t.end], (gold.stem, text[s:e])


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "recognizers-text"


def _iso_of_timex(timex: str) -> str | None:
    """A Recognizers-Text timex as our ISO period, for the absolute dates, months and years only."""
    if any(ch in timex for ch in "XWS(,P") or not timex[:4].isdigit() or not 1900 <= int(timex[:4]) <= 2099:
        return None
    return timex


def test_recognizers_text_conformance() -> None:
    """Where a Recognizers-Text Chinese date case is absolute or relative to its reference date
    (明年四月, 去年5月, 2018年十二月, 昨日) and we find the same text, we give the same period."""
    folder = SHARED / "DateTime" / "Chinese"
    if not folder.is_dir():
        pytest.skip("../shared/conformance is not present beside this clone")
    checked, wrong = 0, []
    for name in ("DateParser.json", "DatePeriodParser.json"):
        for case in json.loads((folder / name).read_text(encoding="utf-8-sig")):
            ref = case.get("Context", {}).get("ReferenceDateTime", "")[:10]
            for res in case.get("Results", []):
                value = res.get("Value", {})
                want = _iso_of_timex(value.get("Timex", ""))
                if want is None or not ref or "0001-01-01" in str(value.get("PastResolution")):
                    continue
                text = case["Input"]
                s, e = res["Start"], res["Start"] + res["Length"]
                got = [
                    t
                    for t in find_times(normalize_text(text), DocDate.parse(ref))
                    if (t.start, t.end) == (s, e)
                ]
                if not got:
                    continue
                checked += 1
                if got[0].period != want:
                    wrong.append((text, want, got[0].period))
    assert not wrong
    assert checked >= 10
