"""Flattened statistical tables (tables.py): a cell's figure takes its row's label and unit and its column's period."""

from __future__ import annotations

from decimal import Decimal

import zhstats

TABLE = """2023年全县卫生健康事业发展统计公报

表3　2023年末医疗卫生资源
指标	计量单位	2023年末	比上年增长（%）
医疗卫生机构	个	412	1.5
　其中：村卫生室	个	268	-0.7
卫生技术人员	万人	0.56	4.2
每千人口执业医师	人	2.9	3.6
婴儿死亡率	‰	3.1	-0.4
基本公卫服务经费	亿元	1.25	8.0

注：数据来源于县卫健局。
"""


def _records() -> dict[str, zhstats.Record]:
    return {r.mention: r for r in zhstats.extract(TABLE, date="2024-04-10")}


def test_a_row_gives_its_label_unit_and_the_column_period() -> None:
    recs = _records()
    assert recs["412"].indicator == "医疗卫生机构" and recs["412"].unit == "个" and recs["412"].period == "2023-12"
    assert recs["0.56"].value == Decimal("5600") and recs["0.56"].unit == "人"  # 万人: the magnitude moves into the value
    assert recs["1.25"].value == Decimal("125000000") and recs["1.25"].unit == "元"


def test_a_change_column_gives_the_rows_change() -> None:
    recs = _records()
    assert recs["1.5"].indicator == "医疗卫生机构增长" and recs["1.5"].unit == "%" and recs["1.5"].period == "2023-12"
    assert recs["-0.7"].value == Decimal("-0.7") and recs["-0.7"].indicator == "村卫生室增长"


def test_every_cell_grounds_and_the_title_year_is_no_record() -> None:
    recs = _records()
    assert "2023" not in recs and "3" not in recs  # the title's year, the table's number
    for r in recs.values():
        assert TABLE[r.span[0]:r.span[1]] == r.mention


def test_prose_without_a_unit_column_is_not_a_table() -> None:
    text = "全县医疗卫生机构412个，比上年增长1.5%。\n单位领导出席会议。\n"
    recs = {r.mention: r for r in zhstats.extract(text, date="2024-04-10")}
    assert recs["412个"].indicator == "医疗卫生机构"


HEAD_UNITS = """表2　2023年城乡居民收入
项目　金额（元）　比上年增长（%）
居民人均可支配收入　28640　5.8
　工资性收入　15210　4.9

表3　2023年末养老服务床位
单位：张
项目      年末数     比上年末增减
养老床位总数    5320    210
  护理型    3110    -40
"""


def test_units_from_the_head_cell_or_a_unit_line_and_indented_parts() -> None:
    recs = {r.mention: r for r in zhstats.extract(HEAD_UNITS, date="2024-03-20")}
    assert recs["28640"].unit == "元" and recs["28640"].period == "2023"
    assert recs["5.8"].indicator == "居民人均可支配收入增长" and recs["5.8"].unit == "%"
    assert recs["15210"].indicator == "工资性收入"  # names its own noun (收入)
    assert recs["5320"].unit == "张" and recs["5320"].period == "2023-12"
    assert recs["210"].indicator == "养老床位总数增减" and recs["210"].unit == "张"  # no (%): the table's unit
    assert recs["3110"].indicator == "护理型" and recs["3110"].unit == "张"
    assert recs["-40"].value == Decimal("-40")


MULTI = """表2　2023年末全县养老机构情况
机构类型　机构数（个）　床位数（张）　职工数（人）
合计　48　5120　960
公办养老机构　30　3100　610
民办养老机构　18　2020　—
"""


def test_a_table_of_several_measures_names_each_by_its_column() -> None:
    recs = {r.mention: r for r in zhstats.extract(MULTI, date="2024-03-20")}
    assert recs["3100"].indicator == "公办养老机构床位数" and recs["3100"].unit == "张"
    assert recs["610"].indicator == "公办养老机构职工数" and recs["610"].unit == "人"
    assert recs["18"].unit == "个" and recs["2020"].period == "2023-12"
    assert "—" not in recs and all(MULTI[r.span[0]:r.span[1]] == r.mention for r in recs.values())


def test_cells_apart_and_the_labels_as_written() -> None:
    text = "表1　2024年末医疗机构\n机构类别　机构数（个）　床位数（张）\n社区卫生服务中心（站）　62　907\n"
    recs = {r.mention: r for r in zhstats.extract(text, date="2025-05-16")}
    assert "62" in recs and "907" in recs  # an ideographic space is no thousands separator (not 62907)
    assert recs["907"].indicator == "社区卫生服务中心（站）床位数"  # the text's own brackets


def test_a_table_with_windows_line_ends_reads_the_same() -> None:
    lf = "表1　2024年末医疗机构\n机构类别　机构数（个）　床位数（张）\n医院　62　907\n"
    crlf = lf.replace("\n", "\r\n")
    got = [(r.mention, r.indicator, r.unit, r.period) for r in zhstats.extract(crlf, date="2025-05-16")]
    assert got == [(r.mention, r.indicator, r.unit, r.period) for r in zhstats.extract(lf, date="2025-05-16")]
    assert len(got) == 2
