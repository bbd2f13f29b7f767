"""Stat cards (layout.py): a figure on its own line and its label on the next read as one phrase."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import zhstats
from zhstats.layout import join_cards

CARDS = "数说2024\n\n52.6亿元\n全年教育支出\n增长3.2%\n\n截至10月底\n全县特困供养人员\n1206人\n"


def test_a_figure_is_joined_to_its_label_and_the_lines_about_it():
    out = join_cards(CARDS)
    assert len(out) == len(CARDS)
    assert "52.6亿元的全年教育支出，增长3.2%" in out
    assert "截至10月底，全县特困供养人员为1206人" in out
    assert out.startswith("数说2024\n\n")  # a title line is no card


def test_prose_and_headings_are_left_alone():
    prose = "2024年\n全县新增就业3200人，同比增长2.1%。\n\n养老机构\n共有床位1500张。\n"
    assert join_cards(prose) == prose
    two_figures = "3200人\n1500张\n"
    assert join_cards(two_figures) == two_figures  # a column of figures: no label to join


def test_cards_give_records_their_label_and_period():
    recs = {r.mention: r for r in zhstats.extract(CARDS, date="2024-11-20")}
    assert recs["52.6亿元"].indicator == "教育支出" and recs["52.6亿元"].period == "2024"
    assert recs["3.2%"].indicator == "教育支出增长"
    assert "2024" not in recs  # the title's year
    assert recs["1206人"].indicator == "特困供养人员" and recs["1206人"].period == "2024-10"
    for r in recs.values():
        assert CARDS[r.span[0]:r.span[1]] == r.mention  # spans ground on the text as written


@given(st.text(alphabet="0123456789.%万亿元人个\n 增长占", max_size=80))
def test_length_is_kept_whatever_the_text(text: str) -> None:
    out = join_cards(text)
    assert len(out) == len(text)
    assert all(a == b or a == "\n" for a, b in zip(text, out, strict=True))


def test_a_label_first_card_may_go_on_after_its_figure():
    card = "截至2024年底\n全市60周岁及以上户籍老年人\n186.4万人\n占户籍人口的27.8%\n"
    assert join_cards(card) == "截至2024年底，全市60周岁及以上户籍老年人为186.4万人，占户籍人口的27.8%\n"
    recs = {r.mention: r for r in zhstats.extract(card, date="2025-01-16")}
    assert recs["186.4万人"].period == "2024-12" and recs["27.8%"].period == "2024-12"


def test_a_line_that_opens_with_a_year_is_a_label_not_a_figure():
    card = "2024年新增\n家庭养老床位\n3500张\n"
    assert join_cards(card) == "2024年新增，家庭养老床位为3500张\n"
