"""Indicator linking (issue 5): one sentence per construction, expected indicator beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

import zhstats
from zhstats.scoring import indicator_ok

CASES = Path(__file__).with_suffix("") / "cases.tsv"


def _cases() -> list[tuple[str, str, str]]:
    out = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, mention, expected = line.split("\t")
            out.append((sentence, mention, expected))
    return out


@pytest.mark.parametrize("sentence,mention,expected", _cases())
def test_indicator(sentence: str, mention: str, expected: str) -> None:
    recs = zhstats.extract(sentence, date="2024-01")
    hits = [r for r in recs if r.mention == mention]
    assert hits, f"{mention!r} not extracted from {sentence!r}: {[r.mention for r in recs]}"
    assert indicator_ok(hits[0].indicator, expected), (hits[0].indicator, expected)


def test_cases_file_is_read_through_datadir(datadir: Path) -> None:
    # pytest-datadir hands each test a copy of tests/test_indicators/; the table lives there.
    assert (datadir / "cases.tsv").read_text(encoding="utf-8").count("\t") >= 40


def test_indicator_keeps_the_texts_own_characters() -> None:
    recs = zhstats.extract("2023年全港長者社區照顧服務個案約1.2萬宗。", date="2024-01")
    assert recs and "長者社區照顧服務" in recs[0].indicator


def test_document_place_word_is_stripped() -> None:
    text = "江州市民政工作总结\n\n江州市2023年登记社会组织1234个。江州市养老机构89家。"
    ind = [r.indicator for r in zhstats.extract(text, date="2024-01")]
    assert all(not i.startswith("江州") for i in ind), ind


def test_money_noun_without_unit_gets_yuan() -> None:
    recs = zhstats.extract("2023年撬动社会配套资金超8310万。", date="2024-01")
    assert recs and recs[0].unit == "元" and recs[0].value == 83100000


def test_roc_years_resolve_to_gregorian() -> None:
    text = "截至112年9月底，全市社區照顧關懷據點共312處。"
    recs = zhstats.extract(text, date="2023-10-05")
    assert [(r.mention, r.period) for r in recs] == [("312處", "2023-09")]


def test_document_currency_applies_to_bare_yuan() -> None:
    text = "112年度市府編列長照預算新臺幣28億元，較111年度增加3.2億元。"
    units = {r.mention: r.unit for r in zhstats.extract(text, date="2023-10-05")}
    assert units == {"28億元": "新台币", "3.2億元": "新台币"}


def test_a_hong_kong_release_writes_hong_kong_dollars() -> None:
    """Traditional characters, 本港/香港 twice, no currency named: 元 and a bare $ are 港元."""
    text = ("香港房屋委員會今日公布，本港公屋住戶的平均月租為$2,690，"
            "本年度租金援助開支約11.6億元。香港的輪候冊申請約133,500宗。")
    units = {r.mention: r.unit for r in zhstats.extract(text, date="2024-05-10")}
    assert units["$2,690"] == "港元"
    assert units["11.6億元"] == "港元"


def test_a_mainland_text_that_names_hong_kong_keeps_renminbi_and_dollars() -> None:
    """Simplified characters: 香港 names a partner, not the currency of the amounts."""
    text = "香港与内地合作项目投资12亿元，香港企业投资$300万。"
    units = {r.mention: r.unit for r in zhstats.extract(text, date="2024-05-10")}
    assert units["12亿元"] == "元"
    assert units["$300万"] == "美元"


def test_a_fraction_in_words_is_a_share_in_percent() -> None:
    recs = {r.mention: r for r in zhstats.extract("2023年农村地区医师配置不足城区的三分之一。", date="2024-01")}
    assert recs["三分之一"].unit == "%" and abs(float(recs["三分之一"].value) - 100 / 3) < 1e-9


def test_a_measure_keeps_its_base_where_the_text_writes_it_bare() -> None:
    text = ("全省城市低保标准为每人每月820元，比上年提高35元；甲市、乙市城市低保标准分别为960元和880元。"
            "全年城市低保资金支出3860万元，农村低保资金支出2200元。")
    units = {r.mention: r.unit for r in zhstats.extract(text, "2024-05-01")}
    assert units["35元"] == units["960元"] == units["880元"] == "元/人/月"
    assert units["3860万元"] == units["2200元"] == "元"  # a total, and a measure written nowhere with a base


def test_a_document_place_alone_still_names_its_figure() -> None:
    text = ("甲州市民政局发布城市低保标准。甲州市标准居全省首位，甲州市将继续提标。\n"
            "截至2024年底城市低保标准排名：\n1. 甲州市　1510元\n2. 乙州市　1395元\n")
    recs = {r.mention: r for r in zhstats.extract(text, "2025-05-12")}
    assert recs["1510元"].indicator == "甲州市"  # (stripped as the document's own place, it would be empty)
