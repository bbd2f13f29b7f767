"""The number layer, example by example (issue 3; RECORDS.md sections 2, 2a, 4, 6).

The examples are data, grouped by the bullet of issue 3 they prove
(``tests/test_numbers/cases.tsv`` and ``not_numbers.tsv``): adding a case is one line.
Decisions where the spec is silent are tested here too, each with its reason.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhstats import NumberMention, find_numbers
from zhstats.normalize import Normalized
from zhstats.numbers import find_numbers_normalized

DATA = Path(__file__).resolve().parent / "test_numbers"


def _rows(name: str) -> list[tuple[int, list[str]]]:
    out = []
    for i, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append((i, line.split("\t")))
    return out


CASES = _rows("cases.tsv")
NEGATIVES = _rows("not_numbers.tsv")


def _find(text: str, mention: str) -> NumberMention:
    ms = find_numbers(text)
    for m in ms:
        if m.text == mention:
            return m
    raise AssertionError(f"{mention!r} not found in {text!r}; found {[m.text for m in ms]}")


@pytest.mark.parametrize(("line", "row"), CASES, ids=[f"L{i}:{r[1]}" for i, r in CASES])
def test_case(line: int, row: list[str]) -> None:
    text, mention, value, unit, qualifier, value_max = row[:6]
    extra = row[6] if len(row) > 6 else ""
    m = _find(text, mention)
    assert m.value == Decimal(value), f"cases.tsv:{line} value"
    assert m.unit == unit, f"cases.tsv:{line} unit"
    assert m.qualifier == (None if qualifier == "-" else qualifier), f"cases.tsv:{line} qualifier"
    assert m.value_max == (None if value_max == "-" else Decimal(value_max)), f"cases.tsv:{line} value_max"
    for check in extra.split():
        field, _, want = check.partition("=")
        got = getattr(m, field)
        expected: object = {"None": None, "True": True, "False": False}.get(want, want)
        assert got == expected, f"cases.tsv:{line} {field}: {got!r} != {expected!r}"


@pytest.mark.parametrize(("line", "row"), NEGATIVES, ids=[f"L{i}:{r[0][:12]}" for i, r in NEGATIVES])
def test_not_a_number(line: int, row: list[str]) -> None:
    text = row[0]
    part = row[1] if len(row) > 1 and row[1] else ""
    ms = find_numbers(text)
    if not part:
        assert ms == [], f"not_numbers.tsv:{line}: {[m.text for m in ms]}"
        return
    s = text.index(part)
    e = s + len(part)
    assert not [m for m in ms if m.start < e and s < m.end], f"not_numbers.tsv:{line}"


def test_seed_article_required_cases() -> None:
    """The ten forms issue 3 names, found in the seed article itself with the spec's values."""
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "000_d6907cdbbd74cdf0.txt"
    if not corpus.exists():
        pytest.skip("seed article not in this checkout")
    text = corpus.read_text(encoding="utf-8")
    got = {m.text: m for m in find_numbers(text)}
    want = {
        "900元/人/月": (Decimal(900), "元/人/月", None),
        "90.90万人次": (Decimal(909000), "人次", None),
        "1.7万余名": (Decimal(17000), "名", "over"),
        "8310万": (Decimal(83100000), "", "over"),
        "2万个": (Decimal(20000), "个", "approx"),
        "7453多个": (Decimal(7453), "个", "over"),
        "六届": (Decimal(6), "届", None),
        "85.5%": (Decimal("85.5"), "%", None),
        "52.7亿": (Decimal(5270000000), "", None),
        "2143元/人月": (Decimal(2143), "元/人/月", None),
    }
    for mention, (value, unit, qualifier) in want.items():
        m = got[mention]
        assert (m.value, m.unit, m.qualifier) == (value, unit, qualifier), mention
        assert text[m.start:m.end] == mention


def test_spans_are_on_the_original_text() -> None:
    """Spans index the text as given, full-width and traditional characters included."""
    text = "全港綜援個案約１４萬宗，較去年同期減少約6,200宗。"
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in find_numbers(text)] == ["１４萬宗", "6,200宗"]


def test_normalized_entry_point_matches_the_public_one() -> None:
    text = "2019年發放低保金約4.4億元，特困供養金約1.8億元。"
    assert find_numbers_normalized(Normalized.of(text)) == find_numbers(text)


def test_values_are_exact_decimals() -> None:
    """16.4亿 is 1640000000 exactly, not 1639999999.9999998 (the float answer)."""
    m = find_numbers("16.4亿")[0]
    assert isinstance(m.value, Decimal)
    assert m.value == Decimal(1640000000)
    assert str(m.value) == "1640000000"
    assert float("16.4") * 1e8 != 1640000000  # why Decimal: the float product is off


def test_change_and_qualifier_spans() -> None:
    text = "比上年同期下降约3.2%"
    m = find_numbers(text)[0]
    assert text[m.change_span[0]:m.change_span[1]] == "下降"
    assert text[m.qualifier_span[0]:m.qualifier_span[1]] == "约"
    assert (m.value, m.change, m.qualifier) == (Decimal("-3.2"), "fall", "approx")


def test_per_span_stays_outside_the_mention() -> None:
    text = "农村低保标准提高至每人每月620元"
    m = find_numbers(text)[0]
    assert m.text == "620元"
    assert text[m.per_span[0]:m.per_span[1]] == "每人每月"


def test_empty_and_wrong_input() -> None:
    assert find_numbers("") == []
    assert find_numbers("没有数字的句子。") == []
    with pytest.raises(TypeError, match="text must be str"):
        find_numbers(b"123")  # type: ignore[arg-type]


def test_range_of_a_fall_keeps_the_written_order() -> None:
    """Decision: 下降3%-5% negates both ends in the order written (-3 .. -5)."""
    m = find_numbers("同比下降3%-5%")[0]
    assert (m.value, m.value_max, m.unit) == (Decimal(-3), Decimal(-5), "%")


def test_dates_and_codes_are_not_ranges() -> None:
    assert [(m.text, m.value_max) for m in find_numbers("2023-12-28")] == [("2023", None), ("12", None), ("28", None)]
    assert [m.text for m in find_numbers("020-12345678")] == ["020", "12345678"]


def test_fast_constructor_builds_equal_frozen_mentions() -> None:
    """The layer's own constructor (skipping the dataclass __init__) makes the same objects."""
    import dataclasses

    from zhstats.numbers import _new_mention

    values = dict(
        start=1, end=3, text="3人", value=Decimal(3), unit="人", qualifier="over", value_max=None, unit_text="人",
        change="rise", change_span=(0, 1), qualifier_span=None, per_span=None, numeral_kind="arabic",
        magnitude="", ordinal=False,
    )
    assert [f.name for f in dataclasses.fields(NumberMention)] == list(values)
    fast = _new_mention(*values.values())
    assert fast == NumberMention(**values)
    assert hash(fast) == hash(NumberMention(**values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = Decimal(4)  # type: ignore[misc]


def test_a_magnitude_before_a_unit_word_is_split_off() -> None:
    from zhstats.numbers import split_magnitude

    assert split_magnitude("百万元") == ("元", 1_000_000)
    assert split_magnitude("万人次") == ("人次", 10_000)
    assert split_magnitude("百分点") == ("百分点", 1)  # a unit of its own
    assert split_magnitude("千瓦") == ("千瓦", 1)
    assert split_magnitude("万") == ("万", 1)  # nothing left to be the unit


def test_taiwan_units_of_area_and_parking_spaces() -> None:
    got = {m.text: m.unit for m in find_numbers("社宅共提供機車停車位3,200格，1房型約12坪，格式不變。")}
    assert got.get("3,200格") == "格" and got.get("12坪") == "坪"


def test_kuai_in_speech_is_yuan_and_a_spoken_time_base_makes_a_rate() -> None:
    got = {m.text: m.unit for m in find_numbers(
        "她说，以前请人照顾一个月要三千多块，现在一顿饭才五块钱。村里新立路牌1200块，还有两块空地。")}
    assert got["三千多块"] == "元/月"  # 块 in words, ending its phrase: money; 一个月 before it: per month
    assert got["1200块"] == "块"  # in digits, after what it counts: a classifier
    got = {m.text: m.unit for m in find_numbers("用一个月时间筹集资金500万元，一个月内发放两万元。")}
    assert got["500万元"] == "元" and got["两万元"] == "元"  # digits; 一个月内 is a span of time, not a base


def test_a_rate_per_ten_thousand_written_without_digits() -> None:
    got = {m.text: m.unit for m in find_numbers("出生缺陷发生率为88.2/万，死亡率为7.2/10万以下，收费5元/万元。")}
    assert got["88.2/万"] == "/万" and got["7.2/10万"] == "/10万"


def test_a_per_base_holds_for_the_same_standard_compared_later_in_its_sentence() -> None:
    got = [(m.text, m.unit) for m in find_numbers(
        "城市低保标准最高为每人每月1510元，最低为680元，两者相差830元。"
        "标准由2019年的每人每月624元提高到2024年的812元，五年间提高188元。"
        "每人每月补贴300元，全年发放资金2亿元。")]
    assert ("680元", "元/人/月") in got and ("830元", "元/人/月") in got
    assert ("812元", "元/人/月") in got and ("188元", "元/人/月") in got  # years between are no new amount
    assert ("2亿元", "元") in got  # another size, a total: not the standard


def test_a_per_base_before_the_respectively_of_a_list_holds_for_each_amount() -> None:
    got = [(m.text, m.unit) for m in find_numbers("按收入分为3档，每人每月补助金额分别为：一档600元、二档450元、三档300元。")]
    assert [u for t, u in got if t.endswith("元")] == ["元/人/月"] * 3


def test_at_least_before_a_verb_bounds_the_count_after_it() -> None:
    got = {m.text: m.qualifier for m in find_numbers("每个街道至少建有1个综合服务中心，每个社区至少配备3名社工，建有12个站点。")}
    assert got["1个"] == "over" and got["3名"] == "over" and got["12个"] is None


def test_a_top_up_and_a_gap_after_a_per_base_are_per_person_per_month() -> None:
    got = {m.text: m.unit for m in find_numbers("在补贴标准基础上每人每月再增发40元，比全国平均水平每人每月高出15元。")}
    assert got["40元"] == "元/人/月" and got["15元"] == "元/人/月"


def test_a_counted_thing_before_a_time_base_is_part_of_the_rate() -> None:
    got = {m.text: m.unit for m in find_numbers("每张服务券每月面值为8500元，每户家庭每月补助500元，每月发放津贴1.7亿元。")}
    assert got["8500元"] == "元/张/月" and got["500元"] == "元/户/月" and got["1.7亿元"] == "元/月"
