"""The scorer against RECORDS.md section 7, clause by clause, on hand-made pairs."""

from __future__ import annotations

import pytest

from zhstats import evaluate
from zhstats.scoring import align, indicator_ok


def rec(s, e, indicator="低保标准", value=900, unit="元/人/月", period="2017", qualifier=None, **kw):
    return {"indicator": indicator, "value": value, "unit": unit, "period": period,
            "qualifier": qualifier, "span": [s, e], "mention": "x" * (e - s), **kw}


def one(gold, pred):
    return evaluate(gold, pred)["micro"]


def test_perfect_match():
    g = [rec(0, 5), rec(10, 15, value=1010, period="2019")]
    m = one(g, [dict(r) for r in g])
    assert m["record_F1"] == 1.0 and m["detect_F1"] == 1.0 and m["acc_value"] == 1.0


def test_alignment_by_overlap_not_exact_span():
    m = one([rec(10, 20)], [rec(12, 20)])  # shifted start: still aligned
    assert m["hits"] == 1 and m["record_F1"] == 1.0


def test_greedy_largest_overlap_one_to_one():
    gold = [rec(0, 10), rec(10, 20)]
    pred = [rec(8, 18)]  # overlaps gold0 by 2, gold1 by 8 -> goes to gold1
    assert align(gold, pred) == [(1, 0)]
    m = one(gold, pred)
    assert (m["hits"], m["gold"], m["pred"]) == (1, 2, 1)
    assert m["detect_R"] == 0.5


def test_duplicate_predictions_count_as_false_positives():
    gold = [rec(0, 5)]
    m = one(gold, [rec(0, 5), rec(0, 5)])
    assert m["hits"] == 1 and m["pred"] == 2 and m["detect_P"] == 0.5


def test_optional_gold_left_out_of_every_count():
    gold = [rec(0, 5), rec(10, 15, optional=True)]
    m = one(gold, [rec(0, 5), rec(10, 15, value=1)])
    assert (m["gold"], m["pred"], m["hits"], m["correct"]) == (1, 1, 1, 1)
    m2 = one(gold, [rec(0, 5)])  # missing the optional one is no miss
    assert m2["record_R"] == 1.0


def test_empty_predictions():
    m = one([rec(0, 5)], [])
    assert m["pred"] == 0 and m["record_R"] == 0.0 and m["record_F1"] == 0.0
    assert m["acc_value"] is None


def test_empty_both_is_perfect():
    assert one([], [])["record_F1"] == 1.0


def test_value_relative_tolerance():
    assert one([rec(0, 5, value=1640000000)], [rec(0, 5, value=1640000000.0000001)])["acc_value"] == 1.0
    assert one([rec(0, 5, value=1640000000)], [rec(0, 5, value=1639990000)])["acc_value"] == 0.0


def test_null_equals_null_only():
    assert one([rec(0, 5, period=None)], [rec(0, 5, period=None)])["acc_period"] == 1.0
    assert one([rec(0, 5, period=None)], [rec(0, 5, period="2019")])["acc_period"] == 0.0
    assert one([rec(0, 5, qualifier="approx")], [rec(0, 5, qualifier=None)])["acc_qualifier"] == 0.0


def test_qualifier_scored_but_not_part_of_correct():
    m = one([rec(0, 5, qualifier="approx")], [rec(0, 5, qualifier=None)])
    assert m["correct"] == 1 and m["acc_qualifier"] == 0.0


@pytest.mark.parametrize("field,bad", [("value", 901), ("unit", "元"), ("period", "2019"),
                                       ("indicator", "完全不同的东西")])
def test_each_scored_field_breaks_correct(field, bad):
    g = rec(0, 5)
    p = dict(g, **{field: bad})
    m = one([g], [p])
    assert m["hits"] == 1 and m["correct"] == 0 and m[f"acc_{field}"] == 0.0


@pytest.mark.parametrize("pred,gold,aliases,ok", [
    ("低保标准", "低保标准", (), True),
    ("“低保”标准", "低保标准", (), True),            # quote marks removed
    ("低保 标准", "低保标准", (), True),              # whitespace removed
    ("长者饭堂", "社会力量提供的长者饭堂", (), False),  # 4 < 11/2
    ("长者饭堂", "社会力量提供的长者饭堂", ("长者饭堂",), True),
    ("困难残疾人生活补贴", "困难残疾人生活补贴标准", (), True),  # containment, long enough
    ("补贴", "困难残疾人生活补贴标准", (), False),
    ("", "低保标准", (), False),
    ("《慈善法》实施", "慈善法实施", (), True),
])
def test_indicator_rule(pred, gold, aliases, ok):
    assert indicator_ok(pred, gold, aliases) is ok


def test_corpus_micro_average_and_missing_docs():
    gold = {"a": [rec(0, 5)], "b": [rec(0, 5), rec(10, 15)]}
    pred = {"a": [rec(0, 5)]}
    res = evaluate(gold, pred)
    assert set(res["docs"]) == {"a", "b"}
    assert res["docs"]["b"]["pred"] == 0
    assert res["micro"]["gold"] == 3 and res["micro"]["correct"] == 1
    assert res["micro"]["record_R"] == pytest.approx(1 / 3)


def test_report_keys():
    res = evaluate([rec(0, 5)], [rec(0, 5)])
    keys = {"gold", "pred", "detect_P", "detect_R", "detect_F1", "acc_value", "acc_unit", "acc_period",
            "acc_qualifier", "acc_indicator", "record_P", "record_R", "record_F1"}
    assert keys <= set(res["micro"]) and keys <= set(res["docs"]["doc"])


def test_mixed_argument_kinds_rejected():
    with pytest.raises(TypeError):
        evaluate({"a": []}, [])
