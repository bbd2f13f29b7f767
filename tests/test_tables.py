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


def _by_mention(text: str, date: str) -> dict[str, zhstats.Record]:
    """The records of ``text`` by their mention (the tests here have one of each)."""
    return {r.mention: r for r in zhstats.extract(text, date=date)}


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
    recs = _by_mention(text, "2024-04-10")
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
    recs = _by_mention(text, "2025-05-16")
    assert "62" in recs and "907" in recs  # an ideographic space is no thousands separator (not 62907)
    assert recs["907"].indicator == "社区卫生服务中心（站）床位数"  # the text's own brackets


def test_a_table_with_windows_line_ends_reads_the_same() -> None:
    lf = "表1　2024年末医疗机构\n机构类别　机构数（个）　床位数（张）\n医院　62　907\n"
    crlf = lf.replace("\n", "\r\n")
    got = [(r.mention, r.indicator, r.unit, r.period) for r in zhstats.extract(crlf, date="2025-05-16")]
    assert got == [(r.mention, r.indicator, r.unit, r.period) for r in zhstats.extract(lf, date="2025-05-16")]
    assert len(got) == 2


APPLICATIONS = """2023年，全镇共受理各类便民服务申请1200件。

表1　受理便民服务申请情况
申请来源	窗口	网上	合计
一、本年受理申请	640	520	1160
二、上年结转申请	25	15	40
三、办理结果
（一）当场办结	300	410	710
（二）转办
1.转交上级部门	12	0	12
2.其他	3	2	5
"""


def test_group_lines_numbering_and_category_columns() -> None:
    recs = {r.span[0]: r for r in zhstats.extract(APPLICATIONS, date="2024-02-01")}
    by = {(r.mention, r.indicator) for r in recs.values()}
    assert ("640", "窗口本年受理申请") in by and ("1160", "本年受理申请") in by  # 合计: the row's own figure
    assert ("410", "网上当场办结") in by  # under the group line 三、办理结果, numbering dropped
    assert ("12", "窗口转交上级部门") in by and ("5", "其他") in by  # a group line inside a group
    # The title names no time: the table reports on the year the text before it names.
    assert {r.period for r in recs.values() if r.mention != "1200件"} == {"2023"}


REPORT = """2024年，本区政务公开工作稳步推进。

信息内容	本年制发件数	本年废止件数	现行有效件数
规范性文件	6	2	41

信息内容	本年收费金额（单位：万元）
行政事业性收费	412.60
"""


def test_this_year_and_current_heads_of_a_report_on_an_earlier_year() -> None:
    recs = {r.mention: r for r in zhstats.extract(REPORT, date="2025-01-20")}
    # Each column a measure named by its head, less its time word; 件数 counts in 件.
    assert recs["6"].indicator == "规范性文件制发件数" and recs["6"].unit == "件"
    assert recs["41"].indicator == "规范性文件有效件数"
    assert recs["6"].period == "2024"  # 本年 of a report on 2024 published in 2025
    assert recs["41"].period == "2024-12"  # 现行: the end of the year reported on
    # One row under a head that names a measure, its unit in the head's bracket.
    assert recs["412.60"].value == Decimal("4126000") and recs["412.60"].unit == "元"
    assert recs["412.60"].indicator == "行政事业性收费"


ALLOCATION = """附件

2025年养老服务补助资金分配表

单位：万元
地区	金额
合计	1,250
东城区	480
西城区	770
"""


def test_a_two_column_allocation_list() -> None:
    recs = {r.mention: r for r in zhstats.extract(ALLOCATION, date="2025-03-01")}
    assert recs["480"].indicator == "东城区" and recs["480"].value == Decimal("4800000") and recs["480"].unit == "元"
    assert recs["1,250"].indicator == "合计" and recs["1,250"].period == "2025"
    assert "2025" not in recs


TARGETS = """2025年度养老服务项目绩效目标表
一级指标	二级指标	三级指标	指标值
产出指标	数量指标	新增护理型床位	≥500张
产出指标	质量指标	护理补贴标准	≥200元/人·月
效益指标	社会效益指标	服务质量	持续提升
满意度指标	满意度指标	老年人满意度	≥85%
"""


def test_a_target_table_with_signs_units_and_a_row_in_words() -> None:
    recs = {r.mention: r for r in zhstats.extract(TARGETS, date="2025-02-01")}
    assert recs["500张"].indicator == "新增护理型床位" and recs["500张"].qualifier == "over"
    assert recs["500张"].unit == "张" and recs["500张"].period == "2025"
    assert recs["200元/人·月"].unit == "元/人/月" and recs["200元/人·月"].value == Decimal("200")
    assert recs["85%"].indicator == "老年人满意度"  # read on past the row 持续提升
    for r in recs.values():
        assert TARGETS[r.span[0]:r.span[1]] == r.mention


def test_a_line_of_heads_over_a_line_of_figures() -> None:
    text = "2024年，本局依法处理各类复查申请。\n\n行政复查：维持　撤销　尚未办结　总计\n7　2　1　10\n"
    recs = _by_mention(text, "2025-01-15")
    assert recs["7"].indicator == "行政复查维持" and recs["10"].indicator == "行政复查总计"
    assert recs["2"].period == "2024" and recs["1"].unit == ""


def test_comparison_signs_are_qualifiers_in_prose_too() -> None:
    recs = {r.mention: r for r in zhstats.extract("2025年，群众满意度≥90%，办理时限≤3天。", date="2025-01-01")}
    assert recs["90%"].qualifier == "over" and recs["90%"].indicator == "群众满意度"
    assert recs["3天"].qualifier == "under"


def test_a_row_at_the_years_end_under_a_year_column() -> None:
    text = "表1　农民工规模（万人）\n指标\t2023年\t2024年\n农民工总量\t1367.7\t1386.4\n年末在城镇居住的农民工\t622.3\t628.5\n"
    recs = _by_mention(text, "2025-04-30")
    assert recs["1386.4"].period == "2024" and recs["628.5"].period == "2024-12"


PLAN = """表1　某县“十五五”时期养老服务主要指标
序号\t指标\t单位\t2025年\t2030年\t属性
养老服务
1\t养老服务床位\t万张\t0.85\t1.2\t预期性
2\t护理型床位占比\t%\t55.0\t≥65\t约束性
3\t每千名老年人拥有养老床位\t张\t31.5\t35以上\t预期性
4\t综合评估覆盖率\t%\t—\t80\t预期性
"""


def test_a_plan_table_with_row_numbers_groups_and_a_column_of_words() -> None:
    recs = {(r.mention, r.period): r for r in zhstats.extract(PLAN, date="2026-03-01")}
    assert not any(m in ("1", "2", "3", "4") for m, _ in recs)  # the 序号 column is no figure
    assert recs[("1.2", "2030")].value == Decimal("12000") and recs[("1.2", "2030")].unit == "张"
    assert recs[("65", "2030")].qualifier == "over" and recs[("65", "2030")].indicator == "护理型床位占比"
    assert recs[("35", "2030")].qualifier == "over" and recs[("35", "2030")].unit == "张"  # 35以上
    assert recs[("31.5", "2025")].indicator == "每千名老年人拥有养老床位"
    assert recs[("80", "2030")].unit == "%"


RESULTS = """2025年度养老机构等级评定结果
序号\t机构名称\t等级\t得分\t床位数（张）
1\t东城区福寿园\t五级\t932\t410
2\t西城区康乐苑\t四级\t861\t230
3\t南湖区颐养院\t四级\t845\t180
"""


def test_a_results_list_is_named_by_its_names_not_its_grades() -> None:
    recs = {r.mention: r for r in zhstats.extract(RESULTS, date="2025-11-20")}
    assert recs["932"].indicator.startswith("东城区福寿园") and recs["932"].unit == "分"  # 得分: a score
    assert recs["230"].indicator.startswith("西城区康乐苑") and recs["230"].unit == "张"
    assert "五级" not in recs and "四级" not in recs  # a column of grades holds labels
    assert recs["845"].period == "2025"


def test_a_part_row_names_who_and_the_parent_row_what() -> None:
    text = ("表1　2025年上半年居民收支\n指标　绝对量（元）　比上年同期增长（%）\n全省居民人均可支配收入　20846　5.1\n"
            "　城镇居民　27108　4.4\n　农村居民　12674　6.3\n")
    recs = _by_mention(text, "2025-07-20")
    assert recs["27108"].indicator == "城镇居民人均可支配收入"
    assert recs["6.3"].indicator == "农村居民人均可支配收入增长"


def test_a_results_table_dated_by_its_lead_line_with_a_ranking_column() -> None:
    text = ("本项目于2025年4月8日14点00分公开开标，评审结果如下：\n"
            "包号\t供应商名称\t投标报价（万元）\t综合得分\t排名\n"
            "第1包\t甲养老服务中心\t88.20\t90.15\t1\n"
            "第1包\t乙社区服务社\t91.60\t86.40\t2\n")
    recs = _by_mention(text, "2025-04-20")
    assert recs["88.20"].period == recs["86.40"].period == "2025-04-08"  # the date, not the hour after it
    # Two columns that name measures (报价, 得分): row label + head; the ranking column gives no records.
    assert recs["88.20"].indicator == "甲养老服务中心投标报价" and recs["86.40"].indicator == "乙社区服务社综合得分"
    assert "1" not in recs and "2" not in recs


def test_a_table_lead_line_dated_before_a_comparison() -> None:
    text = ("截至2025年9月30日，本村在册低保对象3户；与上季度末相比，新增1户。名单公示如下：\n"
            "序号\t户主\t家庭人口\t月保障金额（元）\n"
            "1\t王某某\t3人\t1,260\n"
            "2\t李某某\t2人\t860\n")
    recs = _by_mention(text, "2025-10-15")
    assert recs["1,260"].period == recs["860"].period == "2025-09-30"  # not 上季度末, a baseline


def test_rows_labelled_by_years_give_each_column_its_measure_for_that_year() -> None:
    text = ("近3年养老服务补贴预算及执行情况如下：\n"
            "年度\t预算数（万元）\t执行率（%）\n"
            "2022年\t728.6\t96.3\n"
            "2023年\t793.1\t97.8\n")
    recs = _by_mention(text, "2024-04-10")
    assert (recs["793.1"].indicator, recs["793.1"].period, recs["793.1"].value) == ("预算数", "2023", 7931000)
    assert (recs["96.3"].indicator, recs["96.3"].period) == ("执行率", "2022")


def test_heads_that_name_sums_of_money_are_measures() -> None:
    text = ("表1　2024年全市医疗保险基金收支情况\n单位：亿元\n"
            "险种\t基金收入\t基金支出\t年末累计结存\n"
            "职工医保\t186.42\t158.73\t215.36\n"
            "　其中：统筹基金\t121.58\t109.27\t148.90\n"
            "居民医保\t35.62\t33.48\t22.96\n")
    recs = _by_mention(text, "2025-03-28")
    assert recs["186.42"].indicator == "职工医保基金收入" and recs["33.48"].indicator == "居民医保基金支出"
    assert recs["121.58"].indicator == "统筹基金收入"  # the word label and head share, written once


def test_a_table_after_a_stock_date_and_an_events_dates_takes_no_year() -> None:
    # The year a text reports on is written as a period (2024年, 全年); a 截至 date dates a stock
    # and 3月10日至4月15日 an event's days, so the results table after them has no period.
    text = ("截至2024年底，全区登记志愿者3.2万人。\n\n"
            "2025年3月10日至4月15日，课题组在全区开展了入户访问。\n\n"
            "表2　受访居民最希望增加的服务（多选）\n"
            "服务项目　人数（人）　占比（%）\n"
            "家政服务　412　38.5\n"
            "法律咨询　233　21.8\n")
    recs = _by_mention(text, "2025-05-20")
    assert recs["412"].unit == "人" and recs["412"].period is None
    assert recs["21.8"].unit == "%" and recs["21.8"].period is None
    assert recs["3.2万人"].period == "2024-12"  # (the stock keeps its date)


def test_a_unit_in_the_row_label_is_the_rows_unit() -> None:
    text = ("表　人力资源主要指标\n"
            "项目　　2024年9月　　较上月增减\n"
            "劳动力（千人）　　12,032　　-12\n"
            "失业率（%）　　3.38　　-0.01\n")
    recs = _by_mention(text, "2024-10-22")
    assert (recs["12,032"].indicator, recs["12,032"].unit, recs["12,032"].value) == ("劳动力", "人", 12032000)
    assert (recs["-12"].unit, recs["-12"].value) == ("人", -12000)
    assert (recs["3.38"].unit, recs["-0.01"].unit) == ("%", "百分点")  # a change of a rate


def test_a_project_table_is_named_by_its_names_and_its_descriptions_keep_the_title_year() -> None:
    text = ("某县2025年衔接资金项目计划表\n"
            "序号　项目名称　实施地点　建设内容及规模　资金规模（万元）　受益户数（户）　受益人口（人）\n"
            "1　茶叶提质增效项目　云岭镇　新建茶园1200亩，新建加工厂房2400平方米　1860　1126　4318\n"
            "2　食用菌产业园项目　龙潭镇　新建出菇大棚120个，新建冷库2座　1450　386　1402\n")
    recs = _by_mention(text, "2025-04-08")
    assert recs["1860"].indicator == "茶叶提质增效项目资金规模" and recs["1860"].value == 18600000
    assert recs["4318"].indicator == "茶叶提质增效项目受益人口"  # (人口 names a measure, not a group)
    assert (recs["1200亩"].unit, recs["1200亩"].period) == ("亩", "2025")  # a quantity in the description


def test_notes_under_a_table_give_stocks_and_named_flows_their_periods() -> None:
    # Blank lines between the head, the group lines and the rows; the notes say which rows
    # are year-to-date flows and that the rest stand at the quarter's end.
    text = (
        "全市民政主要指标（2025年3季度）\n\n指标名称\t单位\t本期数\t同比增减(%)\n\n一、社会救助\n"
        "城市低保对象\t人\t52310\t-1.2\n低保资金支出\t万元\t8123.5\t2.4\n\n二、婚姻登记\n"
        "结婚登记\t对\t6120\t-5.1\n\n注：1. 本表数据除注明外均为季末数。\n2. 各项资金支出和结婚登记为1—9月累计数。\n"
    )
    recs = _by_mention(text, "2025-10-20")
    assert recs["52310"].period == "2025-09" and recs["-1.2"].period == "2025-09"
    assert recs["8123.5"].period == "2025-01/2025-09" and recs["8123.5"].unit == "元"
    assert recs["6120"].period == "2025-01/2025-09"
    assert "一" not in recs and recs["-5.1"].unit == "%"


def test_hong_kong_thousands_in_cells_and_a_bracketed_head_that_is_no_unit() -> None:
    # Cells parted by ideographic spaces, thousands by a plain space (33 126 is one figure);
    # 修訂預算 in the head's brackets is no unit. 62　907 in a row is two cells.
    text = (
        "項目　2023-24年度　2024-25年度（修訂預算）\n"
        "資助安老宿位數目　33 126　33 958\n"
        "院舍數目　62　907\n"
    )
    recs = _by_mention(text, "2025-04-10")
    assert recs["33 126"].value == Decimal("33126") and recs["33 126"].period == "2023/2024"
    assert recs["33 958"].unit == "" and recs["33 958"].period == "2024/2025"
    assert recs["62"].value == Decimal("62") and recs["907"].value == Decimal("907")


def test_a_code_column_and_heads_with_their_own_units_name_each_cell() -> None:
    # 学校代码 is a column of codes like 序号; 计划招生（人） and 其中指标到校（人） are measures
    # (a unit of their own), so each cell is the row's school and the column's measure.
    text = (
        "附件：2025年示范性普通高中招生计划表\n\n学校代码　学校名称　计划招生（人）　其中指标到校（人）\n"
        "0101　青山市第一中学　1350　790\n0102　青山市第二中学　1260　736\n"
    )
    recs = _by_mention(text, "2025-06-20")
    assert "0101" not in recs and "0102" not in recs
    assert recs["1350"].indicator == "青山市第一中学计划招生" and recs["1350"].unit == "人"
    assert recs["736"].indicator == "青山市第二中学指标到校" and recs["736"].period == "2025"


def test_a_roster_with_words_between_its_figure_columns_is_read() -> None:
    """Heads that give their columns units (家庭人口（人）) mark the figures, whatever stands between."""
    text = ("2026年上半年新识别的监测户情况如下：\n\n"
            "序号　村名　户主　家庭人口（人）　监测类型　家庭年人均纯收入（元）　帮扶措施\n"
            "1　枫岭村　张**　4　边缘易致贫户　8650　医疗救助\n"
            "2　石桥村　刘**　3　突发严重困难户　5120　公益性岗位\n")
    recs = _by_mention(text, "2026-06-30")
    assert recs["8650"].indicator == "张**家庭年人均纯收入" and recs["8650"].unit == "元"
    assert recs["3"].indicator == "刘**家庭人口" and recs["3"].unit == "人"
    assert "1" not in recs and "2" not in recs  # the row numbers of the 序号 column


def test_an_index_table_with_base_notes_and_band_rows() -> None:
    """（上月=100） is the index's base, 同比指数 an index level, and a band (90平方米及以下) a row label."""
    text = ("附表　2026年8月份甲市商品住宅销售价格分类指数\n"
            "类别　环比指数（上月=100）　同比指数（上年同月=100）\n"
            "新建商品住宅　99.8　96.6\n"
            "　90平方米及以下　99.7　96.1\n")
    recs = _by_mention(text, "2026-09-16")
    assert recs["96.6"].indicator == "新建商品住宅同比指数" and recs["96.6"].period == "2026-08"
    assert recs["99.7"].indicator == "90平方米及以下环比指数"
    assert recs["96.1"].indicator == "90平方米及以下同比指数"


def test_rows_labelled_by_a_size_and_a_head_spanning_columns() -> None:
    """1人住户 names a row (its 1 is no record); a head over some columns is not the title."""
    text = ("表一：2026年第二季按住户人数划分的家庭住户数目\n\n"
            "　　　　　　　　　　　　每月住户入息中位数（港元）\n"
            "　　住户人数　　住户数目（千户）　2025年第二季　2026年第二季\n"
            "　　1人住户　　560.8　　16,300　　16,800\n"
            "　　2人住户　　796.1　　28,700　　29,500\n")
    recs = _by_mention(text, "2026-08-14")
    assert "1人" not in recs and "2人" not in recs
    assert recs["560.8"].indicator.startswith("1人住户") and recs["560.8"].period == "2026-04/2026-06"
    assert recs["29,500"].period == "2026-04/2026-06" and recs["28,700"].period == "2025-04/2025-06"


def test_rows_labelled_by_a_fiscal_year_under_a_year_head() -> None:
    text = ("2021-22至2023-24年度的资助宿位数目如下：\n\n"
            "年度　资助宿位数目（个）　轮候人数（人）\n"
            "2021-22　32 418　21 960\n"
            "2022-23　32 905　21 137\n")
    recs = _by_mention(text, "2026-06-11")
    assert recs["32 418"].period == "2021/2022" and recs["21 137"].period == "2022/2023"
    assert recs["32 905"].indicator == "资助宿位数目"
