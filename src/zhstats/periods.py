"""Period scope: give every number mention the period that holds for it (RECORDS.md section 5).

Why its own layer: finding a time phrase (timex) and deciding which numbers it governs are
different questions. A naive "nearest year before the number" gets about half the seed
article right; the spec's scope rules get all of it. This module applies them, paragraph
by paragraph, in one left-to-right pass over the time phrases and number mentions:

1. ``T的X`` / ``T为X``: a number stated for a time phrase right before it takes that
   phrase, even a baseline (``较2022-23年度的23个月``, ``（去年同期为增长6.5%）``: the baseline
   ``去年同期`` is the period in force moved one year back).
2. A time phrase inside parentheses with other words (``（2018年为X）``) holds only inside
   them; ``三年共计`` (a total over a span) holds to the end of its sentence.
3. ``X的T``: a number that qualifies a time phrase right after it (``增长5.5%左右的全年预期
   目标``) takes that phrase.
4. ``年均`` after ``由T1的X增至T2的Y``: the span T1/T2.
5. ``由X增至Y`` under an interval in force (``2017年至2019年期间``, ``三年来``,
   ``自2014年起``): X takes the interval's start, Y its end.
6. Otherwise the period in force: the last scope-setting phrase before the number in its
   paragraph; comparison phrases (``同比``, ``比上年``, ``较年初``) never replace it.
7. A number before the first time phrase of its paragraph takes that phrase when both are
   in one sentence, else null.

A part of a year with no year (``1-9月``, ``年末``, ``全年``) is resolved on the *year in force*:
the year of the last phrase in the paragraph that names its year (``2023年末``, ``去年``),
else the document's year.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Protocol

from . import lexicon, recache
from .charclass import HAN_CHAR
from .docdate import DocDate
from .structure import Segments
from .timex import (
    ATTACH_ROLES,
    CLAUSE_END,
    SCOPE_ROLES,
    TimeExpr,
    _years_of,
    change_then_number,
    fold,
    markers,
)


class _Mention(Protocol):
    """What this layer reads of a number mention: its span (NumberMention or a test double)."""

    start: int
    end: int


Result = tuple[str | None, str | None]


def _currency_names() -> str:
    """The currency names of ``currencies.tsv`` (not the places), as an alternation."""
    names = {r[0] for r in lexicon.rows("currencies.tsv") if len(r) >= 2 and (len(r) < 3 or r[2] != "place")}
    return "|".join(re.escape(w) for w in sorted(names, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    def alt(cat: str) -> str:
        return "|".join(re.escape(m) for m in markers(cat))

    return {
        # T的X, T为X, T为增长X, T的约X
        "link": recache.compile(
            rf"\s*(?:{alt('baseline_link')})\s*(?:{alt('link_verb')})?\s*(?:{alt('link_qual')})?\s*"
            rf"(?:{_currency_names()})?\s*"  # 由106年的新臺幣166億元: a currency named before the figure
        ),
        # X左右的T
        "post": recache.compile(rf"\s*(?:{alt('post_qual')})?的\s*"),
        "from": recache.compile(rf"(?:{alt('from')})[^\d{re.escape(CLAUSE_END)}]{{0,12}}$"),  # (由T的每人每月X)
        "to": recache.compile(rf"(?:{alt('to')})"),
    }


_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FISCAL_YEAR = re.compile(r"\d{4}/\d{4}")


def _fiscal_year(period: str | None) -> bool:
    """Is ``period`` one fiscal or school year (``2025/2026``), two consecutive years?"""
    return bool(period and _FISCAL_YEAR.fullmatch(period) and int(period[5:]) == int(period[:4]) + 1)
_NAMED_BASELINE = re.compile(r"[^\d，,。；;：:、]{1,14}的\s*")
_PER_BASE_LINK = re.compile(r"的(?:每(?:人|户|月|年|日|天|季|位|名|家|张))+")


def _this_year_attribute(text: str, t: TimeExpr, r: TimeExpr, cur: TimeExpr | None) -> bool:
    """Is ``t`` a bare 本年度/今年, or a year after a verb, written as an attribute of the noun right
    after it (本年度敬老金, 举办2024年全市职业技能大赛) while a finer period of that same year is in
    force? Then it names the noun, not the scope."""
    lo = t.lo
    # 7月18日，…举办2024年全市职业技能大赛，设置…8个比赛项目: a year inside a clause, after its verb,
    # names an event of the year; the day stays in force
    after_verb = bool(_PLAIN_YEAR.fullmatch(t.text)) and t.start > 0 and HAN_CHAR.match(text, t.start - 1) is not None
    if not after_verb and (t.text not in markers("year_attribute") or not r.period or len(r.period) != 4
                           or lo is None or lo.n != 0 or lo.month is not None):
        return False  # (全年, 年末 name a scope, never a noun's year)
    if cur is None or not cur.period or len(cur.period) < 7 or "/" in cur.period or cur.period[:4] != r.period:
        return False  # (no finer period of that same year in force)
    if after_verb and text.startswith("全年", t.end):
        return False
    return t.end < len(text) and HAN_CHAR.match(text, t.end) is not None and text[t.end] not in _YEAR_GOES_ON


_PLAIN_YEAR = re.compile(r"(?:19|20)\d\d年|[一二][〇零○一二三四五六七八九]{3}年")
_YEAR_GOES_ON = "起以来内末底初中上下前后第度"  # (2024年起, 2024年上半年: still a time)


def _before_in_force(t: TimeExpr, cur: TimeExpr | None) -> str | None:
    """上月/上季度 counted back from the month or quarter in force rather than from the publication
    date (a release about May or about the third quarter), or None when no such period is in force."""
    lo = t.lo
    if lo is None or lo.n >= 0 or t.hi is None or t.hi.anchor != lo.anchor or cur is None or not cur.period:
        return None
    if lo.anchor == "docq":
        return _shift_quarter(cur.period, lo.n)
    if lo.anchor == "docm" and t.hi == lo and _MONTH.fullmatch(cur.period):
        months = int(cur.period[:4]) * 12 + int(cur.period[5:7]) - 1 + lo.n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return None


def _shift_quarter(period: str, n: int) -> str | None:
    """``2024-03`` moved ``n`` quarters -> ``2023-12`` (a month stays a month: a stock's quarter end);
    ``2024-01/2024-03`` -> ``2023-10/2023-12``; anything else -> None."""
    def q_of(ym: str) -> int:
        return int(ym[:4]) * 4 + (int(ym[5:7]) - 1) // 3

    def month(q: int, m: int) -> str:
        return f"{q // 4:04d}-{(q % 4) * 3 + m:02d}"

    if _MONTH.fullmatch(period):
        if (int(period[5:7]) % 3) != 0:
            return None  # a month that ends no quarter: no quarter in force
        return month(q_of(period) + n, 3)
    a, _, b = period.partition("/")
    if _MONTH.fullmatch(a) and _MONTH.fullmatch(b) and q_of(a) == q_of(b) and a[5:7] in ("01", "04", "07", "10") \
            and (int(b[5:7]) % 3) == 0:
        return f"{month(q_of(a) + n, 1)}/{month(q_of(a) + n, 3)}"
    return None


def _shift_years(period: str, delta: int) -> str:
    """``2024-01/2024-09`` moved ``delta`` years (``去年同期`` of the period in force)."""
    return re.sub(r"(?<!\d)(\d{4})(?=-|/|$)", lambda m: f"{int(m.group(1)) + delta:04d}", period)


@dataclass
class _State:
    current: TimeExpr | None = None
    year: int | None = None  # the year in force (a phrase that named its year)


def assign_periods(
    text: str,
    segments: Segments,
    numbers: Sequence[_Mention],
    times: Sequence[TimeExpr],
    date: DocDate | None,
) -> list[Result]:
    """One ``(period, period_text)`` per number, in the order of ``numbers``.

    ``period_text`` is the raw time phrase the period came from, so that a user sees why
    (and, for a relative phrase with no document date, what could not be resolved).
    """
    ftext = fold(text)
    times = _spans_referred(sorted(times, key=lambda t: (t.start, -t.end)), ftext)
    starts = [t.start for t in times]
    out: list[Result] = [(None, None)] * len(numbers)
    by_para: dict[tuple[int, int], list[int]] = {}
    paragraph_of, bisect_left = segments.paragraph_of, bisect.bisect_left
    for i, n in enumerate(numbers):
        start = n.start
        k = bisect_left(starts, n.end)  # times starting before the number ends
        # a number that is part of a time phrase (one of the last two before it): never a statistic
        if k >= 2 and start < times[k - 2].end:
            out[i] = (times[k - 2].period, times[k - 2].text)
            continue
        if k >= 1 and start < times[k - 1].end:
            out[i] = (times[k - 1].period, times[k - 1].text)
            continue
        para = paragraph_of(start)
        if para is not None:
            by_para.setdefault(para, []).append(i)
    carry: TimeExpr | None = None  # the period in force at the end of the paragraph before
    held: TimeExpr | None = None  # the last period in force at the end of a paragraph
    report_year, report_quarter = _report_period(ftext, segments, times, date)
    paras = segments.paragraphs
    para_starts = [p[0] for p in paras]
    sections = _section_years(ftext, paras, times, starts)
    section_starts = [p for p, _ in sections]
    listed: tuple[int, TimeExpr | None, bool] | None = None  # (end of the list so far, its period, (一) items)
    for para, idx in by_para.items():  # (in text order: numbers are)
        ts = times[bisect.bisect_left(starts, para[0]) : bisect.bisect_left(starts, para[1])]
        inherit = None
        k = bisect.bisect_left(para_starts, para[0]) - 1  # the paragraph right before this one
        gap = ftext.count("\n", paras[k][1], para[0]) if k >= 0 else 0
        # (an item line is short and no sentence: 建造业　6.1%（上升0.4个百分点）; full paragraphs
        # after 审计发现： keep the paragraph rule)
        cn_item = _CN_ITEM.match(ftext, para[0]) is not None
        bullet = ftext.startswith(_BULLETS, para[0]) or _NUMBERED_ITEM.match(ftext, para[0]) is not None
        if k >= 0 and gap <= 2 and (bullet or cn_item or (para[1] - para[0] <= 60 and ftext.find("。", *para) < 0)):
            prev = paras[k]
            if listed is not None and listed[0] == prev[1] and (gap == 1 or bullet or (cn_item and listed[2])):
                inherit = listed[1]  # the next line of the same list (a bullet: the next bullet)
            elif ftext[prev[1] - 1] in ":：":
                # 按行业分析，2024年7月至9月…如下： then one line per item: the lines take its period
                pts = times[bisect.bisect_left(starts, prev[0]) : bisect.bisect_left(starts, prev[1])]
                inherit = _Paragraph(ftext, segments, prev, [], pts, date, out, carry, None, report_year,
                                     report_quarter).run() if pts else carry
        listed = (para[1], inherit, cn_item) if inherit is not None else None
        h = bisect.bisect_right(section_starts, para[0]) - 1
        year_of_doc = sections[h][1] if h >= 0 and sections[h][1] is not None else report_year
        carry = _Paragraph(ftext, segments, para, [(i, numbers[i]) for i in idx], ts, date, out, held,
                           inherit, year_of_doc, report_quarter).run()
        # (a paragraph with no time phrase, a table's rows, leaves the period named before it for a
        # paragraph that opens with 同期/同年)
        held = carry or held
        if len(idx) >= 2 and len(ts) >= 2:
            _in_order(ftext, para, [(i, numbers[i]) for i in idx], ts, date, out)
    return out


def _one_fiscal_year(t: TimeExpr) -> bool:
    """``2025/26学年``: one school or fiscal year, not a span of two years whose ends a 由X增至Y
    divides (``2025年至2026年``)."""
    return _fiscal_year(t.period) and "至" not in t.text and "到" not in t.text


_RUN_WORDS = ("连续",)  # a run of years up to the one in force
_DAY_SPAN = re.compile(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")


# 工作于2026年1月12日启动，至5月15日基本结束: a start and an end written as two events
_STARTED_THEN = re.compile(r"(?:正式|全面)?(?:启动|开始|开展|开工|开幕|实施)[，,]?(?:并|后|于)?")


def _spans_referred(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """``假期期间`` and ``活动期间`` given the widest span of days dated before them.

    国庆假期7天（10月1日至7日）… then, paragraphs on, 假期期间，全省日均接待游客609.8万人次:
    the holiday is the one the text dated. With no such span before it the phrase stays vague, or,
    for the soft ones (检查期间, “99公益日”期间), is dropped so that the year before it holds.
    """
    if not any(t.kind == "vague" and t.text in _span_refs() for t in times):
        return times
    last: TimeExpr | None = None
    out: list[TimeExpr] = []
    prev: TimeExpr | None = None
    for t in times:
        if prev is not None and t.role == "target" and t.period and _DAY.fullmatch(t.period) \
                and prev.period and _DAY.fullmatch(prev.period) and prev.period < t.period \
                and text.startswith("至", t.start) and _STARTED_THEN.fullmatch(text, prev.end, t.start) \
                and (last is None or t.period > last.period[11:]):  # type: ignore[index]
            # 于1月12日启动，至5月15日基本结束: the span of the work, for 换届期间 later on
            last = replace(prev, end=t.end, text=f"{prev.text}…{t.text}", period=f"{prev.period}/{t.period}",
                           kind="interval", start_period=prev.period, end_period=t.period, lo_end=None,
                           hi_start=t.hi_start, hi=t.hi)
        prev = t
        if t.period and _DAY_SPAN.fullmatch(t.period) and t.role in SCOPE_ROLES \
                and (last is None or t.period[11:] > last.period[11:]  # type: ignore[index]
                     and t.period[:10] <= last.period[:10]):  # type: ignore[index]
            last = t  # (the widest: 10月2日至4日 later on is a part of the holiday, not another one)
        elif t.kind == "vague" and t.text in _span_refs() and last is not None:
            t = replace(last, start=t.start, end=t.end, text=t.text)  # (resolved again in paragraphs: the span's ends)
        elif t.kind == "vague" and t.text in _soft_span_refs():
            continue  # 2024年“99公益日”期间 with no dated span before: the year before it holds
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _ratio_words() -> tuple[str, ...]:
    return markers("ratio_to")


@lru_cache(maxsize=1)
def _year_anaphors() -> frozenset[str]:
    return frozenset(markers("year_anaphor"))


@lru_cache(maxsize=1)
def _span_refs() -> frozenset[str]:
    return frozenset(markers("span_ref")) | _soft_span_refs()


@lru_cache(maxsize=1)
def _soft_span_refs() -> frozenset[str]:
    return frozenset(markers("span_ref_soft"))


# A report's section heading: 一、2025年主要工作完成情况, 第二部分　2026年工作安排 (a line, no sentence).
_SECTION_HEAD = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十]{1,3}(?:部分|章|节))")


def _section_years(text: str, paras: Sequence[tuple[int, int]], times: Sequence[TimeExpr],
                   starts: list[int]) -> list[tuple[int, int | None]]:
    """``(start, year)`` of each section heading: the one year it names, or None.

    ``一、2025年主要工作完成情况`` in a summary published in January 2026: the 全年, 上年 and
    年末 of its section count from 2025, as a title's year does for the whole report
    (``_report_period``), until the next section heading (``二、存在的问题``: none;
    ``三、2026年工作计划``: 2026).
    """
    out: list[tuple[int, int | None]] = []
    for lo, hi in paras:
        if hi - lo > 40 or not _SECTION_HEAD.match(text, lo) or "。" in text[lo:hi]:
            continue
        named = [t for t in times[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
                 if t.explicit_year and t.period and t.role in SCOPE_ROLES]
        years = {t.period[:4] for t in named if t.period[:4].isdigit()}  # type: ignore[index]
        whole = all(t.period is not None and t.period.isdigit() for t in named)  # (not 2025年1-9月)
        out.append((lo, int(years.pop()) if len(years) == 1 and whole else None))
    return out


def _report_period(text: str, segments: Segments, times: Sequence[TimeExpr],
                   date: DocDate | None) -> tuple[int | None, DocDate | None]:
    """The earlier year a report's title names, and the end of the earlier quarter or month it names.

    ``2024年度部门决算说明`` published in August 2025: its 全年, 上年 and 当年 count from 2024
    wherever a paragraph names no year of its own, as 本年 in its tables already does. A
    notice board ``（2025年第三季度）`` posted in October: its 本季度 is the third quarter; a notice
    ``关于2025年3月份…的通报`` sent in April: its 本月 is March. The title is the block of lines
    before the first sentence (masthead, dateline, headline; each at most two lines and 60
    characters, six at most); the dateline's day is when the text came out, not what it reports on.
    """
    if date is None or len(segments.paragraphs) < 2:
        return None, None
    # The title block: the lines before the first sentence (a masthead, the dateline, the headline:
    # 勞動部勞工保險局新聞稿 / 發布日期：115年6月18日 / 115年5月勞保統計：…), at most six.
    lo = hi = segments.paragraphs[0][0]
    for a, b in segments.paragraphs[:6]:
        blank = text.find("\n\n", a)
        end = blank if 0 <= blank < b else b  # (a title and its dateline in brackets)
        if end - a > 60 or text.count("\n", a, end) > 1 or "。" in text[a:end] or end == len(text):
            break  # (a title is no sentence, and text follows it)
        hi = end
    if hi == lo:
        return None, None
    named = [t for t in times if lo <= t.start and t.end <= hi and t.explicit_year and t.period
             and t.role in SCOPE_ROLES  # (not 比去年同期: a baseline)
             and not _DAY.fullmatch(t.period)]  # (not the dateline's day: when it came out)
    years = {int(t.period[:4]) for t in named if t.period[:4].isdigit()}  # type: ignore[index]
    if len(years) != 1 or (year := years.pop()) >= date.year + (date.month is not None):
        return None, None
    quarter = next((t.period for t in named if _QUARTER.fullmatch(t.period or "") or _MONTH.fullmatch(t.period or "")),
                   None)
    end = DocDate(int(quarter[-7:-3]), int(quarter[-2:])) if quarter else None
    if end is not None and date.month is not None and (end.year, end.month) >= (date.year, date.month):
        end = None  # (the quarter of publication itself: nothing to re-anchor)
    return (year if year < date.year else None), end


_MONTH_WORD = re.compile(r"[0-9０-９一二三四五六七八九十]+月")
_QUARTER = re.compile(r"(\d{4})-(01|04|07|10)/\1-(03|06|09|12)")


# The marks a bulleted paragraph opens with: after a lead ending in ：, every bullet takes its period
# (到2030年，…主要目标是： then ——基本民生保障更加有力。…达到每人每月1200元), whatever its length;
# normalisation writes —— as --.
_NUMBERED_ITEM = re.compile(r"(?:[0-9]{1,2}[.．、]|[（(][0-9]{1,2}[）)]|[①-⑳])(?![0-9])")
# (一) items are lists only right after a lead ending in ： (建议到2027年重点做好以下工作： then （一）…
# （二）…); elsewhere they are the sections of a report, each with its own scope.
_CN_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
_BULLETS = ("--", "——", "●", "■", "◆", "•", "▲", "★", "☆", "○", "□")

_IN_ORDER = re.compile(r"(依次|分别)(?:为|是|(?:名义|实际|同比)?(?:增长|下降|提高|降低|增加|减少)(?:了)?)?\s*$")
_ITEM_SEP = re.compile(r"\s*(?:、|及|和|与|以及)\s*")
_CLAUSE_MARK = re.compile(r"[，,；;。]")


def _in_order(text: str, para: tuple[int, int], nums: list[tuple[int, _Mention]], ts: Sequence[TimeExpr],
              date: DocDate | None, out: list[Result]) -> None:
    """A list of figures after 依次/分别 pairs with a list of time phrases before it, in order.

    ``2019-20年度为11,852人、…、2023-24年度为7,930人；平均轮候时间（月）依次为17、19、15、11及8``:
    the five waiting times are the five years' (依次 says so). ``2022年和2023年全市收入分别为A和B``:
    with 分别 the times must stand in the same clause as the list, unless the list has three
    figures or more (as many as the times before it: 其中，X的开支分别为A、B、C、D及E).
    """
    starts = [t.start for t in ts]
    j = 0
    while j < len(nums):
        n = nums[j][1]
        m = _IN_ORDER.search(text, max(para[0], n.start - 9), n.start)
        if m is None:
            j += 1
            continue
        items = [j]
        while items[-1] + 1 < len(nums) and _ITEM_SEP.fullmatch(text, nums[items[-1]][1].end, nums[items[-1] + 1][1].start):
            items.append(items[-1] + 1)
        j = items[-1] + 1
        last_end = nums[items[-1]][1].end
        k0 = bisect.bisect_left(starts, n.start)
        if len(items) < 2 or (k0 < len(ts) and ts[k0].start < last_end):
            continue  # one figure, or the list names its own times
        # the last len(items) year-naming scope phrases before the list, walked back from it only
        # as far as the list of times can reach (a long page stays linear)
        cand: list[TimeExpr] = []
        reach = m.start() - 60 - 40 * len(items)
        for t in reversed(ts[: bisect.bisect_left(starts, m.start())]):
            if t.end < reach or len(cand) == len(items):
                break
            if t.end <= m.start() and t.role in SCOPE_ROLES and (t.explicit_year or t.yearless):
                cand.append(t)
        cand.reverse()
        if len(cand) != len(items) or m.start() - cand[-1].end > 60:
            continue
        if any(b.start - a.end > 30 for a, b in zip(cand, cand[1:], strict=False)):
            continue  # not a list of times
        if m.group(1) == "分别" and len(items) < 3 and _CLAUSE_MARK.search(text, cand[0].end, m.start()):
            continue
        periods = [t.resolve(date).period for t in cand]
        if None in periods or len(set(periods)) != len(periods):
            continue
        for k, t, period in zip(items, cand, periods, strict=True):
            out[nums[k][0]] = (period, t.text)


class _Paragraph:
    """The scope pass over one paragraph (the unit the spec scopes time phrases to)."""

    def __init__(
        self,
        text: str,
        segments: Segments,
        para: tuple[int, int],
        nums: list[tuple[int, _Mention]],
        times: list[TimeExpr],
        date: DocDate | None,
        out: list[Result],
        carry: TimeExpr | None = None,
        inherit: TimeExpr | None = None,
        report_year: int | None = None,
        report_quarter: DocDate | None = None,
    ) -> None:
        self.text, self.segments, self.para, self.date, self.out = text, segments, para, date, out
        self.report_year = report_year  # the earlier year the title reports on (2024年度部门决算说明)
        self.report_quarter = report_quarter  # the end of the earlier quarter or month it reports on
        self.carry = carry
        self.inherit = inherit  # the period in force from the start (a line of a list after 如下：)
        self.nums = sorted(nums, key=lambda x: x[1].start)
        self.times = times
        # brackets (a paragraph without "(" has no parenthesis), open offset -> close offset
        self.brackets = [m.start() for m in _PAREN_RE.finditer(text, *para)] if text.find("(", *para) >= 0 else []
        self.close = _paren_close(text, self.brackets)
        # where clauses end and where 年均 words stand (when first asked), and the furthest end
        # of the time phrases so far
        self._stops: list[int] | None = None
        self._span_words: list[tuple[int, int]] | None = None
        self.ends_so_far = list(accumulate((t.end for t in times), max))
        self.starts = [t.start for t in times]  # sorted: assign_periods sorts the phrases
        self.until = self._paren_until()
        self.pairs, self.spans = self._from_to()

    # -- helpers -------------------------------------------------------------------------

    def _paren_until(self) -> dict[int, int]:
        """For each phrase (by ``id``) inside a parenthesis that has other words: its closing offset.

        The innermost such parenthesis wins. Why a sweep: asking every parenthesis of the
        paragraph for every phrase grows with the square of a paragraph's length (a scraped
        page of 1 MB on one line is one paragraph). One pass over the brackets and phrases,
        in text order, keeps the stack of open brackets: the ones enclosing a phrase are on it,
        innermost on top, and brackets never closed sit at the bottom.
        """
        text, close = self.text, self.close
        out: dict[int, int] = {}
        if not close:
            return out
        stack: list[int] = []
        brackets = self.brackets
        b = 0
        for t in self.times:  # sorted by start
            while b < len(brackets) and brackets[b] < t.start:
                k = brackets[b]
                if text[k] == "(":
                    stack.append(k)
                elif stack:
                    stack.pop()
                b += 1
            for s in reversed(stack):
                e = close.get(s)
                if e is None:
                    break  # this bracket and every one below it never close
                if t.end <= e and (_OTHER_WORD.search(text, s + 1, t.start) or _OTHER_WORD.search(text, t.end, e)):
                    out[id(t)] = e
                    break
        return out

    def _local_until(self, t: TimeExpr) -> int | None:
        """Where a phrase stops holding when it is local: the end of its parenthesis (when the
        parenthesis has other words), or of its sentence for ``三年共计``."""
        until = self.until.get(id(t))
        if until is not None:
            return until
        if t.role == "total_span":
            sent = self.segments.sentence_of(t.start)
            return sent[1] if sent else self.para[1]  # (三年共计…: the span holds for its sentence only)
        if t.role == "years_back" and t.text.startswith(_RUN_WORDS):
            # 连续9年稳定在3000万吨以上: for its sentence, up to the next time phrase (…到2030年控制在…)
            sent = self.segments.sentence_of(t.start)
            end = sent[1] if sent else self.para[1]
            k = bisect.bisect_right(self.starts, t.start)
            return min(end, self.times[k].start) if k < len(self.times) else end
        return None

    def _resolve(self, t: TimeExpr, st: _State) -> TimeExpr:
        lo, cur = t.lo, st.current
        if t.role == "years_back" and t.n_years and st.year is not None and t.text.startswith(_RUN_WORDS):
            # 2024年…连续9年稳定在3000万吨以上: the run of years ends in the year in force
            a, b = st.year - t.n_years + 1, st.year
            return t.with_period(f"{a:04d}/{b:04d}" if a != b else f"{b:04d}", f"{a:04d}", f"{b:04d}", "interval")
        if (lo is not None and lo.anchor == "inf" and lo.month is None and t.hi == lo
                and cur is not None and _fiscal_year(cur.period)):
            # 在2023/24年度…。同年度/年内…: the fiscal year in force, not the calendar year; its
            # 上年 (2023/2024学年…（上年为95.1%）) is the fiscal or school year before
            if lo.n:
                return t.with_period(_shift_years(cur.period, lo.n), None, None, cur.kind)
            return t.with_period(cur.period, cur.start_period, cur.end_period, cur.kind)
        if self.report_quarter is not None and lo is not None and lo.anchor in ("docq", "docm") and lo.n == 0 \
                and t.role in SCOPE_ROLES:
            return t.resolve(self.report_quarter, year=st.year, start_year=st.year, span=st.current)  # 本季度
        year = st.year
        if year is None and self.report_year is not None and lo is not None \
                and ((lo.month is None and (t.hi is None or t.hi.month is None)) or not _MONTH_WORD.search(t.text)):
            # 全年, 上年, 年末 in a report on an earlier year (not 截至10月底: a month of now)
            year = self.report_year
        return t.resolve(self.date, year=year, start_year=year, span=st.current)

    def _attached(self, t: TimeExpr, st: _State) -> TimeExpr:
        """The period of a number stated for ``t`` itself (``去年同期为X``, ``较T的X``)."""
        cur = st.current
        if t.role in ATTACH_ROLES and (shifted := _before_in_force(t, cur)):
            # 5月份…猪肉价格由上月下降0.3%: in a release about May, 上月 is April whatever the date
            # it was published on; 截至今年三月底…较上一季度的5.8年: the quarter before (its end)
            return t.with_period(shifted, None, None, t.kind)
        if t.same is not None or t.role == "same":
            if cur is None or cur.period is None:
                return self._resolve(t, st)
            if t.role == "same":
                return cur
            ys = _years_of(cur.period)
            assert ys is not None
            delta = t.same.n - ys[1] if t.same.anchor == "abs" else t.same.n  # type: ignore[union-attr]
            return t.with_period(_shift_years(cur.period, delta), None, None, t.kind)
        return self._resolve(t, st)

    def _masked(self) -> str:
        """The paragraph with every time phrase blanked, so that 由2020年的X reads as 由…的X
        (offsets shifted by the paragraph start)."""
        text, (lo, hi) = self.text, self.para
        parts: list[str] = []
        pos = lo  # everything before pos is written
        for s, e in sorted((t.start, t.end) for t in self.times):
            s, e = max(s, pos), min(e, hi)
            if e <= s:
                continue
            parts += (text[pos:s], "T" * (e - s))
            pos = e
        parts.append(text[pos:hi])
        return "".join(parts)

    def _from_to(self) -> tuple[dict[int, str], dict[int, tuple[int, TimeExpr, TimeExpr]]]:
        """``由X增至Y`` pairs: number index -> 'from'|'to'; and for pairs whose X and Y each
        carry their own time (``由2020年的X增至2023年的Y``), the span to the sentence end."""
        pairs: dict[int, str] = {}
        spans: dict[int, tuple[int, TimeExpr, TimeExpr]] = {}
        lo, hi = self.para
        if len(self.nums) < 2 or not any(self.text.find(w, lo, hi) >= 0 for w in _from_words()):
            return pairs, spans  # no 由/从 in the paragraph (most): nothing to pair
        pat = _patterns()
        text, off = self._masked(), self.para[0]
        prev_end = self.para[0]
        for k, (i, a) in enumerate(self.nums):
            lo = max(prev_end, self._clause_start(a.start))
            prev_end = a.end
            if k + 1 >= len(self.nums) or not pat["from"].search(text, lo - off, a.start - off):
                continue
            j, b = self.nums[k + 1]
            gap = self.text[a.end : b.start]
            if len(gap) > 20 or any(ch in CLAUSE_END for ch in gap) or not pat["to"].search(gap):
                continue
            pairs[i], pairs[j] = "from", "to"
            t1, t2 = self._time_before(a), self._time_before(b)
            if t1 is not None and t2 is not None and t1.start >= lo and t1 is not t2:
                sent = self.segments.sentence_of(b.start)
                spans[j] = (sent[1] if sent else self.para[1], t1, t2)
        return pairs, spans

    def _compared_with(self, n: _Mention) -> TimeExpr | None:
        """The time of a 与T相比 / 比T written earlier in the sentence of ``n`` (the start value of a
        由X…为Y after it is T's figure)."""
        sent = self.segments.sentence_of(n.start)
        if sent is None:
            return None
        k = bisect.bisect_right(self.ends_so_far, n.start)
        for t in reversed(self.times[:k]):
            if t.start < sent[0]:
                return None
            if t.role == "comparison" and self.text[t.start] in "与比较":
                return t
        return None

    def _clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts (after the last clause end before it, else at
        the paragraph start): a bisection of the paragraph's clause ends."""
        lo = self.para[0]
        if pos <= lo:
            return pos
        stops = self._stops
        if stops is None:
            stops = self._stops = [m.start() for m in _CLAUSE_END_RE.finditer(self.text, lo, self.para[1])]
        j = bisect.bisect_left(stops, pos) - 1  # the last clause end before pos
        return stops[j] + 1 if j >= 0 else lo

    def _span_stat_within(self, lo: int, hi: int) -> bool:
        """Whether a ``span_stat`` word (年均, 平均每年) lies wholly in ``text[lo:hi]``.

        What a search of the pattern from the clause start finds, without reading the clause
        for every number: a clause can be a whole page with no punctuation. The words'
        places in the paragraph are listed once; the few that start in range but run past
        ``hi`` are at most as many as the words are long.
        """
        spans = self._span_words
        if spans is None:
            spans = []
            for w in markers("span_stat"):
                k = self.text.find(w, *self.para)
                while k >= 0 and k + len(w) <= self.para[1]:
                    spans.append((k, k + len(w)))
                    k = self.text.find(w, k + 1, self.para[1])
            spans.sort()
            self._span_words = spans
        i = bisect.bisect_left(spans, (lo, -1))
        while i < len(spans) and spans[i][0] < hi:
            if spans[i][1] <= hi:
                return True
            i += 1
        return False

    def _time_before(self, n: _Mention) -> TimeExpr | None:
        """The time phrase right before ``n`` when ``n`` is stated for it (``T的X``, ``T为X``)."""
        # the last phrase of the leading run of phrases that end by n.start
        k = bisect.bisect_right(self.ends_so_far, n.start)
        best = self.times[k - 1] if k > 0 else None
        if best is None or best.role not in _LINKED_ROLES:
            return None
        # the link (为, 的, ...) must follow, after spaces at most: one character decides most
        if best.end >= n.start:
            return None
        if self.text.endswith(_ratio_words(), max(0, best.start - 3), best.start):
            return None  # 恢复至2019年同期的112.4%: today's ratio to that period, not its figure
        if best.role == "baseline" and (m := change_then_number().match(self.text, best.end)) \
                and m.end() - 1 == n.start:
            return best  # 由上月下降0.3%转为上涨2.6%: the baseline's own figure
        if best.role == "baseline" and _PER_BASE_LINK.fullmatch(self.text, best.end, n.start):
            return best  # 由现行的每人每月880元提高到920元: a per-base between the baseline and its figure
        if best.role == "comparison" and self.text[best.start] in "比较与" \
                and _NAMED_BASELINE.fullmatch(self.text, best.end, n.start):
            return best  # 与2010年第六次全国人口普查的3902418人相比: the baseline named, then its figure
        c = self.text[best.end]
        if c not in _first_chars()[0] and not c.isspace():
            return None
        if _patterns()["link"].fullmatch(self.text, best.end, n.start):
            return best
        return None

    def _year_target_before(self, n: _Mention) -> bool:
        """Does a year's target or plan (年度计划, 年度目标任务（) stand right before ``n``?"""
        k = n.start - 1 if self.text[n.start - 1:n.start] in "(（" else n.start
        return self.text.endswith(_year_targets(), max(self.para[0], k - 6), k)

    def _time_after(self, n: _Mention) -> TimeExpr | None:
        """The time phrase right after ``n`` when ``n`` qualifies it (``5.5%左右的全年预期目标``)."""
        k = bisect.bisect_left(self.starts, n.end)  # the first phrase that starts after n
        if k == len(self.times):
            return None
        t = self.times[k]
        if t.role not in SCOPE_ROLES or n.end >= t.start:
            return None
        c = self.text[n.end]  # 的, after a 左右 or spaces at most
        if (c in _first_chars()[1] or c.isspace()) and _patterns()["post"].fullmatch(self.text, n.end, t.start):
            return t
        return None

    # -- the pass ------------------------------------------------------------------------

    def run(self) -> TimeExpr | None:
        """Give each number of the paragraph its period; return the period in force at its end."""
        st = _State(current=self.inherit)
        if self.inherit is not None and self.inherit.period is not None and len(self.inherit.period) == 4 \
                and self.inherit.period.isdigit():
            st.year = int(self.inherit.period)  # 过去一年，…如下： then ——…全年实施项目136个: the lead's year holds
        locals_: list[tuple[int, int, TimeExpr]] = []
        span: tuple[int, TimeExpr] | None = None  # (until, span expression) for 年均
        scope_times = [t for t in self.times if t.role in SCOPE_ROLES and self._local_until(t) is None]
        first = scope_times[0] if scope_times else None
        events: list[tuple[int, int, object]] = [(t.start, 0, t) for t in self.times]
        events += [(n.start, 1, (i, n)) for i, n in self.nums]
        events.sort(key=itemgetter(0, 1))
        ratio_prev: tuple[int, Result] | None = None  # (end, result) of the number before
        for _, kind, obj in events:
            if kind == 0:
                t = obj
                assert isinstance(t, TimeExpr)
                if t.role == "same" and t.same is None and st.current is None and self.carry is not None:
                    # 同月，非食品价格上涨0.3%: a paragraph that opens with 同月/同期 goes on with
                    # the period the paragraph before ended in
                    st.current = self.carry
                    continue
                if t.role not in SCOPE_ROLES and t.role != "total_span":
                    continue
                until = self._local_until(t)
                if until is not None:
                    # 第三季…（上季为7,400人）: a 上季/上月 in brackets counts back from the period in force
                    shifted = _before_in_force(t, st.current)
                    r = t.with_period(shifted, None, None, t.kind) if shifted else self._resolve(t, st)
                    locals_.append((t.start, until, r))
                    continue
                if t.role == "years_back" and span is not None and t.start < span[0] \
                        and (ys := _years_of(span[1].period)) and t.n_years == ys[1] - ys[0]:
                    # 由2019年的624元提高到2024年的812元，五年间提高188元: the five years are that span
                    st.current = replace(span[1], text=t.text)
                    continue
                if t.role == "now" and st.current is not None and st.current.explicit_year \
                        and self.segments.sentence_of(st.current.start) == self.segments.sentence_of(t.start) \
                        and t.text in markers("now_attribute"):
                    continue  # 截至2024年底，现行有效的规范性文件41件: 现行 describes them, the date stays
                if st.current is None and st.year is None and self.carry is not None and self.carry.period \
                        and t.text in _year_anaphors() and (ys := _years_of(self.carry.period)):
                    # 2025/26年度，…。 then a paragraph opening 年内/同年，…: the year the paragraph
                    # before was about (a fiscal year stays one), not the document's
                    if _fiscal_year(self.carry.period):
                        st.current = self.carry
                    elif ys[0] == ys[1]:
                        st.year = ys[0]
                r = self._resolve(t, st)
                if _this_year_attribute(self.text, t, r, st.current):
                    continue  # 截至九月三十日，…发放本年度敬老金: this year's allowance, not a new scope
                st.current = r
                # A phrase that names its year, or a span of exactly one year (一年来, 过去一年),
                # sets the year in force for 全年, 年末, 1-9月 after it.
                one_year = t.role == "years_back" and t.n_years == 1
                if (t.explicit_year or one_year) and t.role not in ("since", "now") and r.period:
                    ys = _years_of(r.period)
                    if ys and ys[0] == ys[1]:
                        st.year = ys[0]
                continue
            i, n = obj  # type: ignore[misc]
            if i in self.spans:
                until, t1, t2 = self.spans[i]
                a, b = self._resolve(t1, st), self._resolve(t2, st)
                if a.period and b.period:
                    sp = f"{a.period.split('/')[0]}/{b.period.split('/')[-1]}"
                    span = (until, replace(b, period=sp, text=f"{t1.text}…{t2.text}",
                                           start_period=a.period, end_period=b.period))
            if ratio_prev is not None and self.text[ratio_prev[0]:n.start] in (":", "："):
                self.out[i] = ratio_prev[1]  # 由上年的12.0:40.1:47.9: a ratio's parts share its period
            else:
                self.out[i] = self._number(i, n, st, locals_, span, first)
            ratio_prev = (n.end, self.out[i])
        return st.current

    def _number(
        self,
        i: int,
        n: _Mention,
        st: _State,
        locals_: list[tuple[int, int, TimeExpr]],
        span: tuple[int, TimeExpr] | None,
        first: TimeExpr | None,
    ) -> Result:
        t = self._time_before(n)
        if t is not None and (t.role in ATTACH_ROLES or self._local_until(t) is None):
            r = self._attached(t, st)
            return r.period, t.text
        # Local phrases (all start by n.start: events come in text order) that ended by n.start
        # are over for every later number too: drop them, so the one in force is on top.
        while locals_ and locals_[-1][1] <= n.start:
            locals_.pop()
        if locals_:
            r = locals_[-1][2]
            return r.period, r.text
        t = self._time_after(n)
        if t is not None:
            r = self._resolve(t, st)
            return r.period, t.text
        if span is not None and n.start < span[0]:
            cl = self._clause_start(n.start)
            if self._span_stat_within(cl, n.start):
                return span[1].period, span[1].text
        role = self.pairs.get(i)
        if role == "from" and (base := self._compared_with(n)) is not None:
            r = self._resolve(base, st)
            return r.period, base.text  # 与2010年普查相比，…由8652人上升为13909人: 8652 is 2010's
        cur = st.current
        if cur is not None and cur.period and cur.period[:4].isdigit() and self._year_target_before(n):
            return cur.period[:4], cur.text  # 一季度…完成年度计划1450亿元的26.7%: the plan is the year's
        if role == "from" and cur is not None and cur.role == "since" and self.date is not None \
                and cur.period and not cur.period.endswith(self.date.iso):
            return self.date.iso, cur.text  # 自2026年4月1日起，…由每月4,120元调高至4,250元: today's figure
        if cur is not None:
            if role and cur.start_period and cur.end_period and not _one_fiscal_year(cur):
                return (cur.start_period if role == "from" else cur.end_period), cur.text
            return cur.period, cur.text
        if first is not None and first.start >= n.end:
            sent = self.segments.sentence_of(n.start)
            if sent and first.start < sent[1]:
                r = self._resolve(first, st)
                return r.period, first.text
        return None, None


def _paren_close(text: str, brackets: list[int]) -> dict[int, int]:
    """open -> close offset of every matched parenthesis (half-width after normalisation)."""
    close: dict[int, int] = {}
    stack: list[int] = []
    for k in brackets:
        if text[k] == "(":
            stack.append(k)
        elif stack:
            close[stack.pop()] = k
    return close


_LINKED_ROLES = SCOPE_ROLES | ATTACH_ROLES  # a number stated for such a phrase (T的X) takes it


@lru_cache(maxsize=1)
def _year_targets() -> tuple[str, ...]:
    return markers("year_target")


@lru_cache(maxsize=1)
def _from_words() -> tuple[str, ...]:
    return markers("from")


@lru_cache(maxsize=1)
def _first_chars() -> tuple[frozenset[str], frozenset[str]]:
    """What the link of ``T为X`` and that of ``X左右的T`` can start with (besides spaces)."""
    return frozenset(w[0] for w in markers("baseline_link")), frozenset({"的", *(w[0] for w in markers("post_qual"))})


_PAREN_RE = re.compile(r"[()]")
# A character that makes a parenthesis more than its time phrase (not a space or a separator).
_OTHER_WORD = re.compile(r"[^ ，,、；;:：]")
_CLAUSE_END_RE = re.compile(f"[{re.escape(CLAUSE_END)}]")
