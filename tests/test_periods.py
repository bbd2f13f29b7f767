"""Period scope (issue 4): every number gets the period RECORDS.md section 5 assigns it.

The cases live in ``test_periods/periods.tsv``, one paragraph (or a few) per line with every
number mention and its expected period, grouped by rule. Number mentions are located by string
search, so these tests hold whatever the numbers layer finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from zhstats.docdate import DocDate
from zhstats.normalize import normalize_text
from zhstats.periods import assign_periods
from zhstats.structure import Segments
from zhstats.timex import find_times

CASES = Path(__file__).with_suffix("") / "periods.tsv"


@dataclass(frozen=True)
class Mention:
    """A number mention located by string search (stands in for NumberMention)."""

    start: int
    end: int
    text: str


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            date, text, expected = line.split("\t")
            rows.append((date, text.replace("\\n", "\n"), expected))
    return rows


def _mentions(text: str, expected: str) -> tuple[list[Mention], list[str | None]]:
    mentions, periods, pos = [], [], 0
    for item in expected.split(" | "):
        word, _, period = item.rpartition("=")
        start = text.index(word, pos)
        mentions.append(Mention(start, start + len(word), word))
        periods.append(None if period == "null" else period)
        pos = start + len(word)
    return mentions, periods


def periods_of(text: str, mentions: list[Mention], date: str | None) -> list[tuple[str | None, str | None]]:
    d = DocDate.parse(date) if date else None
    norm = normalize_text(text)
    return assign_periods(norm, Segments.of(norm), mentions, find_times(norm, d), d)


@pytest.mark.parametrize("date,text,expected", _rows(), ids=lambda v: v[:28])
def test_periods(date: str, text: str, expected: str) -> None:
    mentions, want = _mentions(text, expected)
    got = periods_of(text, mentions, None if date == "-" else date)
    shown = " | ".join(f"{m.text}={p or 'null'}" for m, (p, _) in zip(mentions, got, strict=True))
    assert shown == " | ".join(f"{m.text}={p or 'null'}" for m, p in zip(mentions, want, strict=True))


def test_period_text_says_why() -> None:
    """Without a document date a relative phrase gives null, and period_text keeps its words."""
    text = "去年全市新增就业12万人。截至目前，全市村居议事厅2725个。"
    mentions, _ = _mentions(text, "12万人=null | 2725个=null")
    assert periods_of(text, mentions, None) == [(None, "去年"), (None, "截至目前")]
    assert periods_of(text, mentions, "2020-01") == [("2019", "去年"), ("2020-01", "截至目前")]


def test_numbers_inside_a_time_take_its_period() -> None:
    """The digits of 2019年12月31日 get the date's period (the detection layer drops them)."""
    text = "2019年12月31日，全市召开会议。"
    mentions = [Mention(0, 4, "2019"), Mention(5, 7, "12"), Mention(8, 10, "31")]
    assert [p for p, _ in periods_of(text, mentions, "2020-01")] == ["2019-12-31"] * 3


def test_no_numbers_no_times() -> None:
    assert periods_of("", [], "2020-01") == []
    text = "全区共有养老机构40家。"
    assert periods_of(text, [Mention(8, 11, "40家")], None) == [(None, None)]


def test_bullets_after_a_lead_ending_in_a_colon_take_its_period() -> None:
    import zhstats

    text = ("到2030年，全县养老服务发展的主要目标是：\n\n——兜底保障更加有力。特困人员供养标准达到每人每月1500元。\n\n"
            "——服务供给更加充分。养老服务床位达到1.2万张。\n\n展望2035年，基本建成现代养老服务体系。")
    got = {r.mention: r.period for r in zhstats.extract(text, date="2026-03-01")}
    assert got == {"1500元": "2030", "1.2万张": "2030"}


def test_a_baseline_named_in_a_comparison_dates_its_own_figure_and_the_start_of_a_change() -> None:
    import zhstats

    text = ("2020年末，全县常住人口为52.3万人，与2010年第六次全国人口普查的49.8万人相比，增加2.5万人。"
            "与2010年相比，每10万人中拥有大学文化程度的由6120人上升为10250人。")
    got = {r.mention: (r.period, r.indicator) for r in zhstats.extract(text, date="2021-05-20")}
    assert got["49.8万人"] == ("2010", "常住人口")  # the baseline's figure: 2010, what it compares with
    assert got["2.5万人"] == ("2020-12", "常住人口增加")  # the change keeps the period in force
    assert got["6120人"][0] == "2010" and got["10250人"][0] == "2020-12"
    assert got["10250人"][1] == "每10万人中拥有大学文化程度"  # 上升为: the level reached, no change word


def test_n_years_after_a_change_between_two_dated_figures_is_that_span() -> None:
    import zhstats

    text = "全县农村低保标准由2019年的每人每月420元提高到2024年的560元，五年间提高140元；特困标准由550元提高到730元。"
    got = {r.mention: r.period for r in zhstats.extract(text, date="2025-05-12")}
    assert got["140元"] == "2019/2024"  # not the five full years before publication (2020/2024)
    assert got["550元"] == "2019" and got["730元"] == "2024"  # the span's ends for the next pair


def test_a_line_that_opens_with_the_years_target_label_reads_like_the_whole_year() -> None:
    import zhstats

    text = "三、农村公路提升工程\n年度目标：改造农村公路80公里。截至9月底，已完工62公里，完成年度目标的77.5%。\n"
    got = {r.mention: r.period for r in zhstats.extract(text, date="2025-10-15")}
    assert got == {"80公里": "2025", "62公里": "2025-09", "77.5%": "2025-09"}


def test_numbered_items_after_a_lead_ending_in_a_colon_take_its_period() -> None:
    import zhstats

    text = ("到2030年，重点实施以下工程：\n1.床位扩容工程：新增养老床位6000张，其中护理型床位不少于4000张。\n"
            "2.助餐提升工程：老年助餐服务点达到1500个。\n")
    got = {r.mention: r.period for r in zhstats.extract(text, date="2026-03-01")}
    assert got == {"6000张": "2030", "4000张": "2030", "1500个": "2030"}


def test_quarters_listed_before_a_respectively_change_pair_in_order() -> None:
    import zhstats

    text = "分季度看，一季度、二季度和三季度全省居民人均消费支出分别名义增长4.1%、4.6%和5.2%。"
    got = [(r.period, r.indicator) for r in zhstats.extract(text, date="2025-10-20")]
    assert [p for p, _ in got] == ["2025-01/2025-03", "2025-04/2025-06", "2025-07/2025-09"]
    assert {i for _, i in got} == {"居民人均消费支出增长"}
