"""Statistic detection (issue 5): what is not a statistic never becomes a record."""

from __future__ import annotations

from pathlib import Path

import pytest

import zhstats

NEGATIVES = Path(__file__).with_suffix("") / "negatives.tsv"


def _cases() -> list[tuple[str, str]]:
    return [tuple(line.split("\t")) for line in NEGATIVES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("sentence,number", _cases())
def test_not_a_statistic(sentence: str, number: str) -> None:
    recs = zhstats.extract(sentence, date="2024-01")
    start = sentence.index(number)
    overlapping = [r for r in recs if r.span[0] < start + len(number) and start < r.span[1]]
    assert not overlapping, [r.to_dict() for r in overlapping]


@pytest.mark.parametrize("sentence,mention", [
    ("2023年全市登记社会组织8144个。", "8144个"),
    ("预计今年将有15个以上的县上调补贴标准。", "15个"),  # how many there are, not a group
    ("对养老护理员给予每人每月不低于600元的岗位津贴。", "600元"),  # the allowance's amount
    ("市级财政每年安排不少于3000万元的养老服务发展专项资金。", "3000万元"),
    ("2023年，热线全年接听求助电话6210个。", "6210个"),  # calls counted, not a number to call
    ("2023年婴儿死亡率为2.9‰，优于规划确定的到2030年控制在4‰以下的目标。", "4‰"),  # the target itself
    ("到2027年，力争养老服务覆盖95%以上的城市社区。", "95%"),  # a share reached, not a group
    ("2023年全市出生缺陷发生率为88.2/万。", "88.2/万"),
    ("2023年六届共投入资金1200万元。", "1200万元"),
    ("2023年服务时长近5万小时。", "5万小时"),
    ("2023年退休年龄提高到63岁。", "63岁"),
    ("2023年起，护理员每周三次上门服务。", "三次"),  # a rate in Chinese numerals
    ("2023年政府每人每月购买不少于30小时的上门照护服务。", "30小时"),  # hours of service, not a name
    ("2023年全县满60周岁的老人有2000人。", "2000人"),  # the group's count (its age label is none)
    ("2023年全区出台养老政策共12条。", "12条"),  # a count of items, not a page footer
    ("2023年建成3个“一站式”服务中心。", "3个"),  # the quoted word qualifies the noun counted
    ("2023年全市发放贷款30亿元占全省的20%。", "30亿元"),  # a figure before its share, no band
    # an official quoted at length reports figures, in Chinese numerals too
    ("2024年，局长说：“现在在老年食堂长期就餐的老人有两千三百多人，县财政对七十岁以上的老人每餐补贴三元。”",
     "两千三百多人"),
    # 「…」 quotes speech as “…” does; a waiting time the official reports is a duration measured
    ("2024年，局长表示：「截至今年六月底，使用中的服务券增加了一千一百多张，平均轮候时间由去年同期的十三个月缩短至九个月。」",
     "一千一百多张"),
    ("2024年，局长表示：「截至今年六月底，使用中的服务券增加了一千一百多张，平均轮候时间由去年同期的十三个月缩短至九个月。」",
     "九个月"),
])
def test_statistics_are_kept(sentence: str, mention: str) -> None:
    assert mention in [r.mention for r in zhstats.extract(sentence, date="2024-01")]


@pytest.mark.parametrize("sentence,mention", [
    ("过渡性生活救助标准按当地低保标准的80%确定，且不低于每人每月600元。", "600元"),  # a floor, not a condition
    ("经季节性调整的失业率一直在2.9%至3.1%之间的低水平。", "2.9%至3.1%"),  # the measure's own band
    ("行政村助餐服务覆盖率达到80%以上，同时推进城市社区助餐点建设。", "80%"),
])
def test_bounds_that_are_figures_stay_records(sentence: str, mention: str) -> None:
    assert mention in {r.mention for r in zhstats.extract(sentence, date="2025-01-01")}
