"""Time expressions: find every one in the normalised text and resolve it against the document date.

Why a layer of its own: a statistic without its period is useless in a time series, and a
time expression must never become a statistic itself (the detection layer drops every
number mention that overlaps a :class:`TimeExpr`). So this layer has two jobs:

- find *every* time expression, and precisely: ``2019年12月31日``, ``1-10月``, ``三年来``,
  ``2023-24年度``, ``十三五期间`` are times; ``18项`` right after ``2019年`` is not, nor ``六届``,
  nor a duration statistic such as ``服务期限3年`` (a bare ``N年`` is left to the numbers
  layer; only ``N年来``, ``过去N年``, ``N年共计``, ``N年内`` ... are time phrases);
- give each one its ISO period (RECORDS.md section 5) and its *role*: ``point``, ``interval``,
  ``since`` (``自T…至今``, ``T以来``, ``T年起``), ``asof`` (``截至T``), ``target`` (``到2025年``),
  ``now`` (``目前``), ``years_back`` (``过去五年``, ``三年来``), ``total_span`` (``三年共计``),
  ``comparison`` (``比上年``: a baseline, never the period in force), ``baseline``
  (``去年同期``), ``same`` (``同期``), ``vague`` (``近年来``), and the ones that are no period
  at all: ``name`` (``“十四五”规划``, a time inside ``《…》``), ``clock``, ``weekday``,
  ``duration`` (``离校2年内``), ``since_end`` (the ``至今`` that closes ``自T…至今``).

How: one compiled pattern finds the *cores* (a year with its part, a month range, a
relative word, ...); a second pass joins cores into ranges (``2017年至2019年``) and reads the
words around each core that give it its role. Every word list is package data
(``data/time_*.tsv``); the code holds only the mechanism, and every pattern is compiled once.

Resolution stays re-doable: a TimeExpr keeps its endpoints symbolically (:class:`Pt`: an
absolute year, an offset from the document's year, or an offset from the *year in force*),
so that the period layer can re-anchor a part of a year that has no year of its own
(``1-9月``, ``年末``, ``上年``) on the year in force in its paragraph (:meth:`TimeExpr.resolve`).
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate

from . import lexicon, recache
from .charclass import HAN, HAN_CHAR
from .docdate import DocDate

# Roles whose time phrase holds for the numbers after it (RECORDS.md 5, "Scope").
SCOPE_ROLES = frozenset(
    {"point", "interval", "since", "asof", "target", "now", "years_back", "future", "vague"}
)
# Roles that name a baseline: they never change the period in force, but a number stated
# for them (``去年同期为6.5%``, ``较2022-23年度的23个月``) takes their period.
ATTACH_ROLES = frozenset({"comparison", "baseline", "same"})
# Roles that are times only so that their digits never become statistics.
INERT_ROLES = frozenset({"name", "clock", "weekday", "duration", "since_end", "multiple_of"})

CLAUSE_END = "，,；;。！？!?\n：:"
SENTENCE_END = "。！？!?\n"
_FAR = 25  # how far a closing 以来/至今 may stand from its time, within one clause


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    return {ord(a): b for a, b in lexicon.mapping("time_trad.tsv").items() if len(a) == 1 and len(b) == 1}


@lru_cache(maxsize=1)
def _fold_chars() -> re.Pattern[str]:
    """Any character that :func:`fold` changes."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_fold_table())) + "]")


@lru_cache(maxsize=4)
def fold(text: str) -> str:
    """Fold the traditional characters of the time vocabulary (length-preserving).

    The shared normaliser maps only a few traditional characters; the time words of
    Hong Kong and Macau releases (``現時``, ``以來``, ``較去年同期``) need more. Offsets are
    unchanged, so spans found on the folded text are spans on the original. Cached: the
    time layer and the period layer fold the same document text one after the other.

    A text with none of those characters is returned as it is: the normaliser already maps
    nearly all of them, and a search costs a tenth of a translation, which looks up every
    character in a dictionary.
    """
    if _fold_chars().search(text) is None:
        return text
    return text.translate(_fold_table())


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, int]]:
    return {r[0]: (r[1], int(r[2])) for r in lexicon.rows("time_words.tsv")}


@lru_cache(maxsize=1)
def _parts() -> dict[str, dict[str, tuple[int, int]]]:
    out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for r in lexicon.rows("time_parts.tsv"):
        out[r[3]][r[0]] = (int(r[1]), int(r[2]))
    return dict(out)


@lru_cache(maxsize=1)
def _markers() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """category -> ((marker, characters that must not follow, flags), ...), longest first."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in lexicon.rows("time_markers.tsv"):
        out[r[1]].append((r[0], r[2] if len(r) > 2 else "", r[3] if len(r) > 3 else ""))
    return {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in out.items()}


def markers(category: str) -> tuple[str, ...]:
    """The words of one marker category of ``data/time_markers.tsv``, longest first."""
    return tuple(m for m, _, _ in _markers().get(category, ()))


@lru_cache(maxsize=1)
def _events() -> dict[str, tuple[str, str, str]]:
    return {
        r[0]: (r[1], r[2] if len(r) > 2 else "", r[3] if len(r) > 3 else "")
        for r in lexicon.rows("time_events.tsv")
    }


@lru_cache(maxsize=1)
def _numerals() -> dict[str, int]:
    return {k: int(v) for k, v in lexicon.mapping("time_numerals.tsv").items()}


def _alt(entries: object) -> str:
    """A regex alternation of (word, not-followed-by[, not-preceded-by]) entries, longest word first."""
    items = sorted(entries, key=lambda e: -len(e[0]))  # type: ignore[arg-type]
    out = []
    for word, nf, *np in items:
        before = f"(?<![{re.escape(np[0])}])" if np and np[0] else ""
        out.append(before + re.escape(word) + (f"(?![{re.escape(nf)}])" if nf else ""))
    return "|".join(out)


def _marker_alt(category: str) -> str:
    return _alt((m, nf) for m, nf, _ in _markers().get(category, ()))


def _num(s: str) -> int:
    """A small integer written in digits or Chinese numerals (``12``, ``十二``, ``二〇一九``)."""
    if s.isdigit():
        return int(s)
    d = _numerals()
    if "十" in s:
        a, _, b = s.partition("十")
        return (d[a] if a else 1) * 10 + (d[b] if b else 0)
    v = 0
    for ch in s:
        v = v * 10 + d[ch]
    return v


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Pt:
    """One endpoint of a period, symbolically, so that it can be resolved again later.

    ``anchor`` says where the year comes from: ``abs`` (``n`` is the year), ``doc`` (``n`` years
    from the document's year: 去年 = -1), ``inf`` (``n`` years from the year in force in the
    paragraph, else the document's year: 上年 = -1, ``1-9月`` = 0), ``docm`` (``n`` months from
    the document's month: 上月), ``docq`` (``n`` quarters from the document's; ``month`` 1 or 3 is
    the quarter's first or last month: 上一季度), ``docd`` (``n`` days from the document's day: 昨日), ``docf``
    (``n`` years from the first year of the April-to-March fiscal year holding the document date:
    本财政年度 runs from ``docf`` 0 to ``docf`` 1), ``now`` (the document date at its own precision).
    """

    anchor: str
    n: int = 0
    month: int | None = None
    day: int | None = None

    def iso(self, date: DocDate | None, year: int | None = None) -> str | None:
        """This endpoint in ISO 8601 at its own precision, or None when it cannot be resolved."""
        if self.anchor == "now":
            return date.iso if date else None
        if self.anchor == "docm":
            if date is None or date.month is None:
                return None
            k = date.year * 12 + date.month - 1 + self.n
            return _fmt(k // 12, k % 12 + 1, self.day)  # (19日 alone: a day of the document's month)
        if self.anchor == "docq":  # month 1 or 3 of the quarter n quarters from the document's
            if date is None or date.month is None:
                return None
            q = date.year * 4 + (date.month - 1) // 3 + self.n
            return f"{q // 4:04d}-{(q % 4) * 3 + (self.month or 1):02d}"
        if self.anchor == "docd":
            if date is None or date.month is None or date.day is None:
                return None
            return (
                datetime.date(date.year, date.month, date.day) + datetime.timedelta(days=self.n)
            ).isoformat()
        if self.anchor == "docf":  # the year n from the start of the fiscal year (April) holding the date
            if date is None:
                return None
            return f"{date.year - (date.month is not None and date.month < 4) + self.n:04d}"
        if self.anchor == "abs":
            y = self.n
        elif self.anchor == "doc":
            if date is None:
                return None
            y = date.year + self.n
        else:  # inf
            base = year if year is not None else (date.year if date else None)
            if base is None:
                return None
            y = base + self.n
        return _fmt(y, self.month, self.day)


def _fmt(y: int, m: int | None, d: int | None) -> str | None:
    """ISO at the given precision; None for a day that does not exist (2019年2月29日)."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _join(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    return a if a == b else f"{a}/{b}"


def _years_of(period: str | None) -> tuple[int, int] | None:
    """First and last year of an ISO period or interval."""
    if not period:
        return None
    a, _, b = period.partition("/")
    return int(a[:4]), int((b or a)[:4])


def _kind_of(period: str | None, default: str) -> str:
    if period is None:
        return default
    if "/" in period:
        return "interval"
    return _KIND_OF_LENGTH.get(len(period), default)


_KIND_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def _sort_key(s: str) -> tuple[int, int, int]:
    parts = [int(x) for x in s.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 0, parts[2] if len(parts) > 2 else 0)


def _after(a: str, date: DocDate) -> bool:
    """True when the period start ``a`` lies wholly after the document date."""
    d = (date.year, date.month or 12, date.day or 31)
    return _sort_key(a) > d


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time phrase in the text and the ISO period it resolves to (None if it cannot).

    ``start_period``/``end_period`` are the first and last sub-periods of an interval
    (``2017``/``2019`` for ``2017年至2019年``, ``2022/2023``/``2023/2024`` for
    ``2022-23年度至2023-24年度``), which the period layer gives to X and Y of ``由X增至Y``.
    ``lo``..``hi`` keep the symbolic endpoints for :meth:`resolve`; ``yearless`` says the
    year was not written (``1-9月``) and should come from the year in force.
    """

    start: int
    end: int
    text: str
    period: str | None
    kind: str = "point"
    start_period: str | None = None
    end_period: str | None = None
    role: str = "point"
    n_years: int | None = None
    anchorable: bool = False
    lo: Pt | None = None
    lo_end: Pt | None = None
    hi_start: Pt | None = None
    hi: Pt | None = None
    same: Pt | None = None
    yearless: bool = False
    fy_month: int | None = None  # the month a written fiscal year starts in (2026-27年度: 4)

    @property
    def explicit_year(self) -> bool:
        """True when the phrase names its year itself (``2019年``, ``去年``), not ``1-9月``."""
        return self.lo is not None and not self.yearless and self.lo.anchor in ("abs", "doc", "docm", "docd")

    def resolve(
        self,
        date: DocDate | None,
        year: int | None = None,
        start_year: int | None = None,
        span: TimeExpr | None = None,
    ) -> TimeExpr:
        """This expression resolved again: on ``year`` (the year in force) for parts of a
        year with no year; for ``N年来``/``N年共计``, on ``span`` (the interval in force) when
        it is N years long, else on ``start_year`` (``2017年…三年来``), else on the N full
        years before the document date (RECORDS.md 5)."""
        if self.role in ("years_back", "total_span", "future") and self.n_years:
            return self._resolve_years(date, start_year, span)
        if self.lo is None or self.hi is None:
            return self.with_period(None, None, None, self.kind)
        lo, hi = self.lo.iso(date, year), self.hi.iso(date, year)
        lo_end = lo if self.lo_end is None else self.lo_end.iso(date, year)
        hi_start = hi if self.hi_start is None else self.hi_start.iso(date, year)
        period = _join(lo, hi)
        sp, ep = _join(lo, lo_end), _join(hi_start, hi)
        start = lo if self.fy_month is None or lo is None or len(lo) != 4 else f"{lo}-{self.fy_month:02d}"
        if self.role == "since" and start is not None and date is not None and _after(start, date):
            # 自2022年10月1日起 in a text of 2022-09: a start still to come is the period itself.
            period, ep = sp, sp
        if period is None or "/" not in period:
            sp = ep = None
        return self.with_period(period, sp, ep, _kind_of(period, self.kind))

    def _resolve_years(self, date: DocDate | None, start_year: int | None, span: TimeExpr | None) -> TimeExpr:
        n = self.n_years or 0
        if self.role == "future":
            if date is None:
                return self.with_period(None, None, None, self.kind)
            s, e = date.year + 1, date.year + n
        else:
            ys = _years_of(span.period) if span is not None else None
            if span is not None and ys is not None and ys[1] - ys[0] + 1 == n and "/" in (span.period or ""):
                return self.with_period(span.period, span.start_period, span.end_period, "interval")
            if (
                self.anchorable
                and start_year is not None
                and (date is None or start_year + n - 1 <= date.year)
            ):
                s, e = start_year, start_year + n - 1
            elif date is not None:
                s, e = date.year - n, date.year - 1
            else:
                return self.with_period(None, None, None, self.kind)
        period = f"{s:04d}" if s == e else f"{s:04d}/{e:04d}"
        sp, ep = (f"{s:04d}", f"{e:04d}") if s != e else (None, None)
        return self.with_period(period, sp, ep, _kind_of(period, self.kind))

    def with_period(
        self, period: str | None, start_period: str | None, end_period: str | None, kind: str
    ) -> TimeExpr:
        """This expression with another period: ``replace(self, period=..., ...)``, cheaper.

        Why: the time layer resolves every phrase and the period layer resolves them again
        for every phrase and number; ``dataclasses.replace`` costs three times a direct
        construction. An unchanged period gives ``self`` back (the object is immutable).
        """
        if (
            period == self.period
            and start_period == self.start_period
            and end_period == self.end_period
            and kind == self.kind
        ):
            return self
        return TimeExpr(  # every field, in declaration order
            self.start, self.end, self.text, period, kind, start_period, end_period, self.role, self.n_years,
            self.anchorable, self.lo, self.lo_end, self.hi_start, self.hi, self.same, self.yearless, self.fy_month,
        )


# --------------------------------------------------------------------------- patterns

_CN = "〇零一二两三四五六七八九十"
_DAY = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)


_ROC_HINT = recache.compile(r"民国|(?<![\d.])1[0-4]\d(?:年度|年\d{1,2}月|-\d{1,2}-\d{1,2}(?!\d))")


def roc_mode(text: str) -> bool:
    """Does the text count years from 1912 (Taiwan's 民国 calendar: ``112年`` is 2023)?

    Only a text that shows it (民国, or a three-digit ``1xx年度`` / ``1xx年9月`` /
    ``112-10-05``) is read so; elsewhere ``100年`` stays a number of years.
    """
    return _ROC_HINT.search(text) is not None


def _year_value(s: str) -> int:
    """A written year as a Gregorian year (a 民国 year below 1000 gets 1911 added)."""
    v = _num(s)
    return v + 1911 if v < 1000 else v


@lru_cache(maxsize=2)
def _master(roc: bool = False) -> _Master:
    """The one pattern that finds every time core, built from the data once (per calendar)."""
    words = _words()
    year_words = _alt(e for e in _word_nf() if words[e[0]][0] in ("year", "year_inf"))
    other_words = _alt(e for e in _word_nf() if words[e[0]][0] not in ("year", "year_inf"))
    named = _alt((w, nf) for w, nf in _part_nf("any"))
    ysuf = _alt((w, nf) for w, nf in _part_nf("year"))
    msuf = _alt((w, nf) for w, nf in _part_nf("month"))
    conn = _marker_alt("range_conn")
    roc_y = r"|(?<![\d.])(?:1[0-4]\d|[4-9]\d)(?!\d)" if roc else ""
    y4 = rf"(?:(?<![\d.])(?:19|20)\d\d(?!\d)|(?<![{_CN}\d])[一二][〇零○一二三四五六七八九]{{3}}{roc_y})"
    mon = rf"(?:(?<![\d.])(?:1[0-2]|0?[1-9])(?!\d)|(?<![{_CN}\d])(?:十[一二]?|[一二三四五六七八九]))"
    day = _DAY
    n_any = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"
    nb = rf"(?<![{_CN}\d.])"
    # 今（114）年: this year, with its number in brackets (Taiwan's 民国 year, or 2025)
    yearp = (rf"(?:(?P<y>{y4})(?:年(?P<fy>度)?|学年度?)|今\((?P<y>{y4})\)年(?P<fy>度)?"
             rf"|(?<![{_CN}\d])(?P<yw>{year_words}))")
    mrange = rf"(?P<m1>{mon})(?:月份?)?\s*(?:{conn})\s*(?P<m2>{mon})月(?!龄)份?(?:{msuf})?"
    md = rf"(?P<m>{mon})月(?!龄)份?(?:(?P<d>{day})[日号])?(?:{msuf})?"
    # (前一个月 is the month before, 以前一个月 "before, a month": neither is 1月)
    firstn = rf"(?<![提以])(?:{_marker_alt('first_prefix')})(?![一1]个?月)(?P<fn>{n_any})个?月"
    part = rf"(?:{mrange}|{md}|{firstn}|(?P<part>{named}))"
    point = rf"(?:{yearp}(?: ?{part}|(?P<ysuf>{ysuf})|(?P<same>同期|同月(?:底|末)?))?|{part})"
    ny = r"(?:19|20)\d\d|1[0-4]\d" if roc else r"(?:19|20)\d\d"
    numeric = rf"(?<![\d.])(?P<ny>{ny})(?P<nsep>[-/.])(?P<nm>1[0-2]|0?[1-9])(?P=nsep)(?P<nd>3[01]|[12]\d|0?[1-9])(?!\d)"
    cy = "[〇零○一二三四五六七八九]"
    fy = (
        r"(?<![\d.])(?P<fy1>(?:19|20)\d\d)\s*[-/—–~]\s*"
        rf"(?:(?P<fy2>(?:19|20)?\d\d)(?P<fysuf>{_marker_alt('fiscal_suffix')})"
        # the first of a range of fiscal years: 2024/25至2028/29年度
        rf"|(?P<fy2>(?:19|20)?\d\d)(?=\s*(?:{_marker_alt('range_conn')})\s*(?:19|20)\d\d\s*[-/—–~]\s*\d\d)"
        r"|(?P<fy2>(?:19|20)\d\d)(?=[)\]】》」』，,。；;、\s]|$))"
        # 2027至2030年, 二〇二六至二七年度 (HK writes its years in numerals): the first year bare
        rf"|(?:(?<![\d.])(?P<fy1>(?:19|20)\d\d)|(?<![{_CN}\d])(?P<fy1>[一二]{cy}{{3}}))\s*(?:至|到)\s*"
        rf"(?P<fy2>(?:19|20)?\d\d|(?:[一二]{cy})?{cy}{cy})(?P<fysuf>{_marker_alt('fiscal_suffix')})"
        # 二〇二四/二五年度, 二〇二五/二六至二〇二九/三〇年度: the same in numerals
        rf"|(?<![{_CN}\d])(?P<fy1>[一二]{cy}{{3}})\s*[-/—–~]\s*"
        rf"(?:(?P<fy2>(?:[一二]{cy})?{cy}{cy})(?P<fysuf>{_marker_alt('fiscal_suffix')})"
        rf"|(?P<fy2>{cy}{cy})(?=\s*(?:{_marker_alt('range_conn')})\s*[一二]{cy}{{3}}\s*[-/—–~]\s*{cy}{cy}))"
    )
    back = (
        rf"(?:(?P<bp>{_marker_alt('back_prefix')})(?P<bn>{n_any})多?个?年(?:{_marker_alt('back_suffix')})?"
        rf"|{nb}(?P<bn>{n_any})多?个?年(?:{_marker_alt('back_suffix')}))"
    )
    future = rf"(?:{_marker_alt('future_prefix')})(?P<fun>{n_any})个?年(?:{_marker_alt('future_suffix')})?"
    total = rf"{nb}(?P<tn>{n_any})个?年(?:{_marker_alt('total')})"
    duration = rf"{nb}(?P<dn>{n_any})(?:年|个月)(?:{_marker_alt('duration_suffix')})"
    months_back = rf"(?:(?:近|过去|最近)(?P<mbn>{n_any})个月(?:来|以来)?|{nb}(?P<mbn>{n_any})个月(?:来|以来))"
    # Guards: look-aheads that every match of the branch satisfies, so that the scan gives
    # up on the common digits and numerals at once instead of trying each alternative (the
    # scan is half of this layer's time). 年代 stands 2 to 7 characters on, none of them 年.
    decade = (
        r"(?=[^年]{2,7}年代)"
        r"(?:(?P<cent>上|本|\d{1,2}|[一二]?十[一二三四五六七八九]?)世纪)?"
        r"(?P<dec>[1-9]0|[一二三四五六七八九]十)年代(?:初|末|中期)?"
    )
    events = _alt((e, "") for e in _events())
    event = (
        rf"[“\"'‘]?(?<![{_CN}])(?P<ev>{events})[”\"'’]?"
        rf"(?P<evs>{_marker_alt('event_suffix')})?"
    )
    clock = (
        rf"(?:(?:{_marker_alt('clock_prefix')})\s*(?<![\d.:])(?:[01]?\d|2[0-4]|十[一二]?|二十[一二三四]?|[一二两三四五六七八九])"
        r"[时点](?:\d{1,2}分|[一二三四五]?十[一二三四五六七八九]?分|半|整)?"
        # guard: the 时, 点 or : of the forms below stands 1 to 3 characters on
        r"|(?=[^\n]{1,3}[时点:])(?:(?<![\d.:])(?:[01]?\d|2[0-4])时(?![期代段间候])(?:\d{1,2}分)?"
        r"|(?<![\d.:])(?:[01]?\d|2[0-4])点(?:\d{1,2}分|整|半(?![年月天日]))"
        r"|(?<![一二两三四五六七八九十])(?:零|十[一二]?|二十[一二三四]?)时(?![间期代段候刻])"
        r"|(?<![\d.:])(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])))"
    )
    weekday = r"(?:星期|礼拜)[一二三四五六日天]|(?<![每])周[一二三四五六日](?![岁年])"
    # A day of the month written alone (截至18日8时, 19日，…): only before a clock time, after
    # 截至/至/到/于, or opening a clause; its month comes from the date before it (_day_months).
    dd = r"(?P<od>3[01]|[12]\d|0?[1-9])"
    dayonly = (
        rf"(?<![\d.月/-]){dd}[日号](?=\s*(?:[01]?\d|2[0-4])[时点](?![期代段间候]))"
        rf"|(?:(?<=至)|(?<=到)|(?<=于)|(?<=[，,。；;\n])){dd}[日号](?![\d内])(?!以内)"
    )
    pattern = (
        rf"(?P<NUMERIC>{numeric})|(?P<FY>{fy})|(?P<POINT>{point})|(?P<DURATION>{duration})"
        rf"|(?P<BACK>{back})|(?P<FUTURE>{future})|(?P<TOTAL>{total})|(?P<MBACK>{months_back})"
        rf"|(?P<DECADE>{decade})|(?P<EVENT>{event})|(?<![{_CN}\d])(?P<WORD>{other_words})"
        rf"|(?P<DAYONLY>{dayonly})|(?P<CLOCK>{clock})|(?P<WEEKDAY>{weekday})|(?P<DOCNO>(?<=[〔\[])(?:19|20)\d\d(?=[〕\]]))"
    )
    # Every core starts with a digit, a numeral or the first character of a listed word: a
    # look-ahead on that set lets the scan skip all other positions at once (linear, fast).
    first = set("0123456789" + _CN + "“\"'‘第首前头上本")
    for w, *_ in _word_nf():
        first.add(w[0])
    for w, _ in _part_nf("any"):
        first.add(w[0])
    for cat in ("first_prefix", "back_prefix", "future_prefix", "clock_prefix"):
        first.update(m[0] for m in markers(cat))
    first.update("星礼周")
    first.update(e[0] for e in _events())
    cls = "".join(sorted(re.escape(ch) for ch in first))
    return _Master(rf"(?=[{cls}])(?:{pattern})")


class _Master:
    """The master pattern, compiled with the standard library's ``re``.

    ``re`` runs this pattern 2.5 times faster than ``regex`` (1.7 ms against 4.5 ms a document
    on the corpus; the scan is the largest cost of this layer) and finds the same matches.
    It only lacks one feature the pattern uses: a group name used twice (``(?P<m>…)`` in
    both arms of ``{yearp} {part}|{part}``), so repeated names are numbered here
    (``m``, ``m__2``) and :class:`_Groups` reads a name as whichever of its groups took part.
    ``tests/test_timex_engine.py`` holds both engines to the same matches.
    """

    def __init__(self, source: str) -> None:
        seen: dict[str, int] = {}

        def rename(m: re.Match[str]) -> str:
            name = m.group(1)
            seen[name] = seen.get(name, 0) + 1
            return f"(?P<{name}__{seen[name]}>" if seen[name] > 1 else m.group()

        self.source = source
        self.pattern = recache.compile(re.sub(r"\(\?P<(\w+)>", rename, source))
        self.aliases = {name: tuple([name] + [f"{name}__{k}" for k in range(2, n + 1)])
                        for name, n in seen.items() if n > 1}

    def finditer(self, text: str) -> Iterator[_Groups]:
        aliases = self.aliases
        for m in self.pattern.finditer(text):
            yield _Groups(m, aliases)


class _Groups:
    """A match of :class:`_Master`: ``group(name)`` over every group of that name, ``span``, ``lastgroup``."""

    __slots__ = ("_m", "_aliases", "lastgroup")

    def __init__(self, m: re.Match[str], aliases: dict[str, tuple[str, ...]]) -> None:
        self._m = m
        self._aliases = aliases
        self.lastgroup = m.lastgroup

    def span(self) -> tuple[int, int]:
        return self._m.span()

    def group(self, name: str) -> str | None:
        names = self._aliases.get(name)
        if names is None:
            return self._m.group(name)
        for n in names:
            v = self._m.group(n)
            if v is not None:
                return v
        return None


@lru_cache(maxsize=1)
def _word_nf() -> tuple[tuple[str, str, str], ...]:
    """(word, characters that may not follow it, characters that may not precede it)."""
    return tuple((r[0], r[3] if len(r) > 3 else "", r[4] if len(r) > 4 else "")
                 for r in lexicon.rows("time_words.tsv"))


def _part_nf(attach: str) -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[4] if len(r) > 4 else "") for r in lexicon.rows("time_parts.tsv") if r[3] == attach)


@lru_cache(maxsize=1)
def _aux() -> dict[str, re.Pattern[str]]:
    """Patterns for the words around a core (compiled once)."""
    return {
        "conn": recache.compile(rf"\s*(?:{_marker_alt('range_conn')})\s*"),
        "close_at": recache.compile(rf"(?:{_marker_alt('since_close')})"),
        "span_at": recache.compile(rf"(?:{_marker_alt('span_suffix')})"),
        "day_end": recache.compile(
            rf"(?:夜间|凌晨|早晨|上午|中午|下午|傍晚|晚间|夜里|白天)?\s*(?:{_marker_alt('range_conn')})\s*(?P<d>{_DAY})[日号]"
        ),
        "tail": recache.compile(r"\s*\((?:(?:星期|礼拜|周)[一二三四五六日天]|\d{1,2}[日号])\)"),
        "asof_before": recache.compile(rf"(?:{_marker_alt('asof')})$"),
        "existing_before": recache.compile(rf"(?:{_marker_alt('existing_before')})$"),
        "target_before": recache.compile(rf"(?:{_marker_alt('target')})$"),
        "open_before": recache.compile(rf"(?:{_marker_alt('since_open')})$"),
        "cmp_before": recache.compile(rf"(?:{_marker_alt('cmp_prefix')})$"),
        "bound_before": recache.compile(rf"(?:{_marker_alt('cmp_bound')})$"),
        "cmp_open_before": recache.compile(rf"(?:{_marker_alt('cmp_open')})$"),
        "cmp_close": recache.compile(rf"(?:{_marker_alt('cmp_close')})"),
        "attribute_at": recache.compile(rf"(?:以|之)?[前后]?(?:{_marker_alt('attribute_verb')})的"),
    }


@cache
def _edge(category: str, end: int) -> frozenset[str]:
    """The first (``end`` 0) or last (-1) characters of the markers of ``category``.

    The patterns of :func:`_aux` run for every time phrase; a marker that must start right
    after it or end right before it can only be there when that one character is one of
    these, which a set look-up decides. Ending before a phrase also takes a line end, as
    ``$`` matches before a final newline too.
    """
    return frozenset({m[end] for m in markers(category)} | ({"\n"} if end == -1 else set()))


# --------------------------------------------------------------------------- cores


@dataclass
class _Core:
    start: int
    end: int
    role: str = "point"
    lo: Pt | None = None
    lo_end: Pt | None = None
    hi_start: Pt | None = None
    hi: Pt | None = None
    n_years: int | None = None
    anchorable: bool = False
    same: Pt | None = None
    yearless: bool = False
    closer: str = ""  # '至今'/'迄今' when the core is that word
    fy_month: int | None = None  # the month a written fiscal year starts in
    dayonly: bool = False  # 18日 with no month of its own
    extra: list[_Core] = field(default_factory=list)

    @property
    def dateish(self) -> bool:
        return self.role in ("point", "interval") and self.lo is not None and self.same is None


def _year_pt(m: _Groups) -> tuple[Pt, bool]:
    """The year of a POINT match and whether it was left unwritten."""
    if m.group("y"):
        return Pt("abs", _year_value(m.group("y"))), False
    if m.group("yw"):
        kind, off = _words()[m.group("yw")]
        return Pt("doc" if kind == "year" else "inf", off), False
    return Pt("inf", 0), True


def _parse(m: _Groups) -> _Core | None:
    s, e = m.span()
    c = _Core(s, e)
    g = m.lastgroup
    if g == "NUMERIC":
        p = Pt("abs", _year_value(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
        c.lo = c.hi = p
    elif g == "FY":
        y1 = _num(m.group("fy1"))
        raw = m.group("fy2")
        y2 = _num(raw) if len(raw) == 4 else y1 // 100 * 100 + _num(raw)
        if y2 < y1:
            y2 += 100
        if y2 <= y1 or y2 - y1 > 60:
            return None
        c.lo, c.hi, c.role = Pt("abs", y1), Pt("abs", y2), "interval"
        if y2 == y1 + 1 and m.group("fysuf") in markers("fiscal_april"):
            c.fy_month = 4  # 由2026-27课税年度起 in February 2026: a start still to come
    elif g == "POINT":
        yp, yearless = _year_pt(m)
        c.yearless = yearless
        a, n = yp.anchor, yp.n
        if m.group("m1"):
            c.lo, c.hi = Pt(a, n, _num(m.group("m1"))), Pt(a, n, _num(m.group("m2")))
        elif m.group("m"):
            d = _num(m.group("d")) if m.group("d") else None
            c.lo = c.hi = Pt(a, n, _num(m.group("m")), d)
        elif m.group("fn"):
            k = _num(m.group("fn"))
            if not 1 <= k <= 12:
                return None
            c.lo, c.hi = Pt(a, n, 1), Pt(a, n, k)
        elif m.group("part"):
            m1, m2 = _parts()["any"][m.group("part")]
            if m1 == 0:
                c.lo = c.hi = yp
            else:
                c.lo, c.hi = Pt(a, n, m1), Pt(a, n, m2)
        elif m.group("ysuf"):
            mm = _parts()["year"][m.group("ysuf")][0]
            c.lo = c.hi = Pt(a, n, mm)
        else:
            c.lo = c.hi = yp
            if m.group("same"):
                c.same, c.role = yp, "baseline"
        if c.lo != c.hi:
            c.role = "interval" if c.role == "point" else c.role
    elif g in ("BACK", "TOTAL", "FUTURE"):
        k = _num(m.group({"BACK": "bn", "TOTAL": "tn", "FUTURE": "fun"}[g]))
        if k < 1 or k > 100:
            return None
        c.n_years = k
        c.role = {"BACK": "years_back", "TOTAL": "total_span", "FUTURE": "future"}[g]
        # 三年来 after a start year counts from it; 近三年, 过去三年 always end last year.
        # 连续五年 reads like 五年来 (guide, 021).
        c.anchorable = g == "TOTAL" or (g == "BACK" and (not m.group("bp") or m.group("bp") == "连续"))
    elif g == "DURATION":
        c.role = "duration"
    elif g == "MBACK":
        c.role = "vague"
    elif g == "DECADE":
        d = _num(m.group("dec"))
        cent = m.group("cent") or "上"
        base = {"上": 1900, "本": 2000}.get(cent) or (_num(cent) - 1) * 100
        c.lo, c.hi, c.role = Pt("abs", base + d), Pt("abs", base + d + 9), "interval"
    elif g == "EVENT":
        start, end, kind = _events()[m.group("ev")]
        how = {w: fl for w, _, fl in _markers()["event_suffix"]}.get(m.group("evs") or "", "")
        y1, _, m1 = start.partition("-")
        p1 = Pt("abs", int(y1), int(m1) if m1 else None)
        if how == "since":  # 党的十八大以来, “十三五”以来
            c.lo = c.lo_end = p1
            c.hi_start = c.hi = Pt("now")
            c.role = "since"
        elif kind == "plan" and how:
            p2 = Pt("abs", int(end))
            if how == "end":
                c.lo = c.hi = p2
            elif how == "start":
                c.lo = c.hi = p1
            else:
                c.lo, c.hi, c.role = p1, p2, "interval"
        else:  # “十四五”规划, 二十大精神: a name
            c.role = "name"
    elif g == "WORD":
        w = m.group("WORD")
        kind, off = _words()[w]
        if kind == "month":
            c.lo = c.hi = Pt("docm", off)
        elif kind == "fiscal":  # 本财政年度 in February 2026: April 2025 to March 2026, 2025/2026
            c.lo, c.hi, c.role = Pt("docf", off), Pt("docf", off + 1), "interval"
        elif kind == "quarter":  # 上一季度: the three months of the quarter before the document's
            c.lo, c.hi, c.role = Pt("docq", off, 1), Pt("docq", off, 3), "interval"
        elif kind == "day":
            c.lo = c.hi = Pt("docd", off)
        elif kind == "now":
            c.lo = c.hi = Pt("now")
            c.role = "now"
            if w in markers("since_close"):
                c.closer = w
        else:
            c.role = kind  # vague | same
    elif g == "DAYONLY":
        c.lo = c.hi = Pt("docm", 0, None, int(m.group("od")))  # (the month is set by _day_months)
        c.dayonly = True
    elif g == "CLOCK":
        c.role = "clock"
    elif g == "WEEKDAY":
        c.role = "weekday"
    elif g == "DOCNO":  # the year of a document number, 云政办发〔2022〕37号
        c.role = "name"
    return c


def _clause_end(text: str, pos: int, limit: int) -> int:
    """The first clause end in ``text[pos:limit]``, else ``limit``.

    Callers pass a near ``limit``: a text with no punctuation is one clause, and reading
    it to its end for every time phrase would grow with the square of its length.
    """
    i = pos
    while i < limit and text[i] not in CLAUSE_END:
        i += 1
    return i


def _cores(text: str) -> list[_Core]:
    out = []
    for m in _master(roc_mode(text)).finditer(text):
        c = _parse(m)
        if c is not None:
            out.append(c)
    return _skip_clocks(text, _day_months(out))


def _day_months(cores: list[_Core]) -> list[_Core]:
    """``8月15日…截至18日``: a day written alone is in the month (and year) of the last date
    before it that names a month (not a bare earlier month looked back to after a day: 7月11日…
    6月中旬以来…截至13日 is July 13); with none, in the document's month."""
    last: Pt | None = None
    last_day: Pt | None = None  # the last date that names its day
    yearless = False
    for c in cores:
        if c.dayonly and c.lo is not None:
            if last is not None:
                c.lo = c.hi = replace(last, day=c.lo.day)
                c.yearless = yearless
        elif c.dateish and c.hi is not None and c.hi.month is not None and c.hi.anchor != "docq":
            if last_day is not None and c.hi.day is None and c.hi.anchor == last_day.anchor \
                    and c.hi.n == last_day.n and last_day.month is not None and c.hi.month < last_day.month:
                continue  # 7月11日…6月中旬入汛以来…截至13日: a look back to an earlier month dates no day after it
            last, yearless = c.hi, c.yearless
            if c.hi.day is not None:
                last_day = c.hi
    return cores


_CLOCK_GAP = recache.compile(r"\s*(?:夜间|凌晨|早晨|上午|中午|下午|傍晚|晚间|夜里)?\s*")


def _skip_clocks(text: str, cores: list[_Core]) -> list[_Core]:
    """``8月15日8时至18日8时``: the clock time between a start day and ``至`` is dropped (a
    period is never finer than a day), so that the two days read as one interval."""
    conn = _aux()["conn"]
    out: list[_Core] = []
    for i, c in enumerate(cores):
        prev = out[-1] if out else None
        if c.role == "clock" and prev is not None and prev.dateish and prev.hi is not None \
                and prev.hi.day is not None and _CLOCK_GAP.fullmatch(text, prev.end, c.start) \
                and i + 1 < len(cores) and cores[i + 1].dateish and conn.fullmatch(text, c.end, cores[i + 1].start):
            prev.end = c.end
            continue
        out.append(c)
    return out


_SINCE_GAP = recache.compile(rf"[{HAN}]{{1,4}}?(?:至|到)")


def _merge_ranges(text: str, cores: list[_Core]) -> list[_Core]:
    """``2017年至2019年``, ``今年1月至9月``, ``2022-23年度至2023-24年度``: one interval.

    A yearless end (``9月``) takes the year of the start (``今年1月``).
    """
    conn = _aux()["conn"]
    out: list[_Core] = []
    i = 0
    while i < len(cores):
        a = cores[i]
        if a.dateish and a.hi is not None and a.hi.day is not None:  # 1月10日到12日
            de = _aux()["day_end"].match(text, a.end)
            nxt = cores[i + 1] if i + 1 < len(cores) else None
            if de and (nxt is None or nxt.start >= de.end() or (nxt.dayonly and nxt.start < de.end())):
                a.hi_start = a.hi = replace(a.hi, day=_num(de.group("d")))
                a.lo_end = a.lo
                a.end, a.role = de.end(), "interval"
                if nxt is not None and nxt.dayonly and nxt.start < de.end():
                    a.end = nxt.end  # 8月4日夜间至5日(8时): the end day, read alone too, is this one's
                    cores = cores[: i + 1] + cores[i + 2:]
        if i + 1 < len(cores) and a.dateish and cores[i + 1].dateish:
            b = cores[i + 1]
            # 自4月1日入汛至9月30日: after 自/从, a few words may stand between the start and 至
            opened = a.start > 0 and text[max(0, a.start - 2):a.start].endswith(("自", "从"))
            if (conn.fullmatch(text, a.end, b.start) or (opened and _SINCE_GAP.fullmatch(text, a.end, b.start))) \
                    and a.lo is not None and a.hi is not None:
                assert b.lo is not None and b.hi is not None
                blo, bhi = b.lo, b.hi
                if b.yearless and not a.yearless:
                    blo = replace(blo, anchor=a.hi.anchor, n=a.hi.n)
                    bhi = replace(bhi, anchor=a.hi.anchor, n=a.hi.n)
                out.append(
                    _Core(
                        a.start,
                        b.end,
                        "interval",
                        lo=a.lo,
                        lo_end=a.hi,
                        hi_start=blo,
                        hi=bhi,
                        yearless=a.yearless and b.yearless,
                    )
                )
                i += 2
                if i < len(cores) and cores[i].role == "clock" and _CLOCK_GAP.fullmatch(text, b.end, cores[i].start):
                    out[-1].end = cores[i].end  # 9月7日0时至9月9日24时: the end's clock goes with it
                    i += 1
                continue
        out.append(a)
        i += 1
    return out


def _roles(text: str, cores: list[_Core]) -> list[_Core]:
    """Read the words around each core: since, span suffix, asof/target, comparison, name."""
    aux = _aux()
    far_ok = {m for m, _, fl in _markers().get("since_close", ()) if "far" in fl}
    n = len(text)
    alive = [True] * len(cores)
    titles = _TitleMarks(text)

    def drop_inside(s: int, e: int, keep: int) -> None:
        j = keep + 1  # cores are in text order: only the next few can lie inside
        while j < len(cores) and cores[j].start < e:
            if alive[j] and s <= cores[j].start and cores[j].end <= e:
                alive[j] = False
            j += 1

    for i, c in enumerate(cores):
        if not alive[i]:
            continue
        # Tails that belong to a date: 2023年11月15日（星期三）, 昨日（2日）.
        if c.role == "point" and c.lo is not None:
            t = aux["tail"].match(text, c.end) if c.end < n and (text[c.end] == "(" or text[c.end].isspace()) else None
            if t:
                c.end = t.end()
                drop_inside(c.start, c.end, i)
        j = i + 1
        while j < len(cores) and not alive[j]:
            j += 1
        nxt = cores[j] if j < len(cores) else None
        if c.dateish:
            _since(text, c, nxt, far_ok, drop_inside, i)
        # span suffix: 2017年至2019年期间
        if c.role in ("point", "interval"):
            sp = aux["span_at"].match(text, c.end) if text[c.end:c.end + 1] in _edge("span_suffix", 0) else None
            if sp and (nxt is None or nxt.start >= sp.end()):
                c.end = sp.end()
        _prefix(text, c, n)
        # names: a time inside 《…》 (a title), or the year of a document number 〔2022〕
        if c.role not in ("clock", "weekday") and _in_title(text, c.start, c.end, titles):
            c.role = "name"
    out: list[_Core] = []
    for i, c in enumerate(cores):
        if alive[i]:
            out.append(c)
            out.extend(c.extra)
    out.sort(key=lambda c: (c.start, -c.end))
    final: list[_Core] = []
    for c in out:  # a core nested in an earlier, longer one is part of it
        if final and c.start < final[-1].end:
            continue
        final.append(c)
    return final


def _since(
    text: str,
    c: _Core,
    nxt: _Core | None,
    far_ok: set[str],
    drop_inside: Callable[[int, int, int], None],
    i: int,
) -> None:
    """``T以来``, ``T年起``, ``T至今`` (adjacent) and ``自T…至今``, ``T…以来`` (later in the clause)."""
    aux = _aux()
    opener = aux["open_before"].search(text, max(0, c.start - 2), c.start) \
        if text[c.start - 1:c.start] in _edge("since_open", -1) else None
    adj = aux["close_at"].match(text, c.end) if text[c.end:c.end + 1] in _edge("since_close", 0) else None
    if adj:
        drop_inside(adj.start(), adj.end(), i)
        c.end = adj.end()
        _make_since(c)
    else:
        limit = _clause_end(text, c.end, min(len(text), c.end + _FAR))
        if nxt is not None and not nxt.closer:
            limit = min(limit, nxt.start)
        far = aux["close_at"].search(text, c.end, limit)
        if far is None or not (opener or far.group() in far_ok):
            return
        drop_inside(far.start(), far.end(), i)
        _make_since(c)
        c.extra.append(_Core(far.start(), far.end(), "since_end"))
    if opener:
        c.start = opener.start()


# A comparison phrase and an opening bracket right before a time: the time restates the baseline.
_BRACKETED_BASELINE = re.compile(r"(?:比|较|较之|相比|对比)[^，,。；;()（）]{0,8}\($")


@cache
def change_then_number() -> re.Pattern[str]:
    """A rise or fall verb and a number right after it (由上月下降0.3%转为上涨2.6%: 上月's figure)."""
    verbs = sorted((r[0] for r in lexicon.rows("change_verbs.tsv") if len(r) >= 2 and r[1] in ("rise", "fall")),
                   key=lambda w: (-len(w), w))
    return recache.compile(rf"(?:{'|'.join(map(re.escape, verbs))})了?[约近超逾]?[0-9零〇一二两三四五六七八九十]")


_MULTIPLE_OF = re.compile(r"的 *[0-9零〇一二两三四五六七八九十百]+(?:\.[0-9]+)? *倍")


def _prefix(text: str, c: _Core, n: int) -> None:
    """截至T / 到T (asof, target); 比T, 较T, 与T相比 (comparison)."""
    aux = _aux()
    lo = max(0, c.start - 4)
    prev = text[c.start - 1:c.start]  # a marker before T ends right before it: its last character
    if c.role == "duration":
        if text.endswith(markers("duration_level"), 0, c.start) or text.startswith(markers("duration_ban"), c.end) \
                or (text.endswith(markers("duration_from"), 0, c.start) and not _CONDITION_END.match(text, c.end)):
            c.role = "none"  # 平均轮候时间缩短到12个月以内: the level reached; 5年内不得…, 之日起3个月内: limits (figures)
        return
    if c.role == "now":
        cmp_ = aux["cmp_before"].search(text, lo, c.start) if prev in _edge("cmp_prefix", -1) else None
        if cmp_:  # 比现行标准每人每月提高30元: a baseline noun, not a time (the noun stays in the text)
            c.role = "none"
            return
        if prev in "由从" and text.startswith("的", c.end):
            c.role = "baseline"  # 由现行的每人每月880元提高到920元: today's figure, then the new one's period
            return
        if prev in _edge("existing_before", -1) and aux["existing_before"].search(text, lo, c.start):
            c.role = "none"  # 对现有服务进行评价, 在现有基础上: the services that exist, not a time
            return
        a = aux["asof_before"].search(text, lo, c.start) if prev in _edge("asof", -1) else None
        if a:
            c.start = a.start()
        return
    if c.role not in ("point", "interval", "baseline", "vague", "years_back"):
        return
    if c.role in ("point", "interval") and prev and prev in "由从" and text.startswith("的", c.end) \
            and c.lo is not None and c.lo.anchor not in ("abs", "doc"):
        c.role = "baseline"  # 同期，就业人口由第二季的37.97万人增至38.26万人: the start's own period
        return
    cmp_ = aux["cmp_before"].search(text, lo, c.start) if prev in _edge("cmp_prefix", -1) else None
    if cmp_:  # 比上年, 较年初, 比往年: a baseline
        c.role, c.start = "comparison", cmp_.start()
        return
    if prev == "(" and _BRACKETED_BASELINE.search(text, max(0, c.start - 12), c.start):
        c.role = "comparison"  # 较上一期（2024年6月至8月）上升0.1个百分点: the bracket names the baseline
        return
    bound = aux["bound_before"].search(text, lo, c.start) if prev in _edge("cmp_bound", -1) else None
    if bound and c.end < n and HAN_CHAR.match(text, c.end):  # 不低于上年实际支出的110%
        c.role, c.start = "comparison", bound.start()
        return
    if c.role == "years_back":
        return
    op = aux["cmp_open_before"].search(text, max(0, c.start - 1), c.start) if prev in _edge("cmp_open", -1) else None
    if op and (aux["cmp_close"].search(text, c.end, _clause_end(text, c.end, min(n, c.end + 8)))
               or _FAR_CLOSE.search(text, c.end, _clause_end(text, c.end, min(n, c.end + 40)))):
        # (与2010年第六次全国人口普查的3902418人相比: the baseline may name what it compares with)
        c.role, c.start = "comparison", op.start()
        return
    if c.role in ("baseline", "vague"):
        return
    if c.end < n and text[c.end] in _ATTRIBUTE_FIRST and _aux()["attribute_at"].match(text, c.end):
        c.role = "none"  # 改造2000年底前建成的老旧小区14个: the time picks the houses, not the period
        return
    if text.endswith(markers("goal_verb"), 0, c.start) and text.startswith(markers("goal_noun"), c.end):
        # 一季度…完成全年目标任务的28.6%: the year names the target, the figure keeps the quarter
        c.role = "multiple_of"
        return
    if text.startswith("的", c.end) and text.endswith(markers("ratio_to"), 0, c.start):
        c.role = "multiple_of"  # 恢复到2019年的108.4%: the figure is a ratio to that year, in the period in force
        return
    if text.startswith("的", c.end) and _MULTIPLE_OF.match(text, c.end):
        # 是“十三五”时期的1.4倍: the time is what the figure is a multiple of; the figure
        # keeps the period in force (and the time sets none)
        c.role = "multiple_of"
        return
    if (prev in "由从" and (text.startswith("的", c.end) or change_then_number().match(text, c.end))
            and not (prev == "从" and _FRAME_LOOK.match(text, c.end))
            and c.role == "point" and c.lo is not None
            and (c.lo.anchor != "inf" or c.lo.n != 0 or c.lo.month is not None) and c.lo.anchor != "now"):
        # 城乡居民收入比由上年的2.27缩小至2.22, 猪肉价格由上月下降0.3%转为上涨2.6%: last year's
        # (month's) figure is a baseline; the period in force (and the one of the figure it
        # changed to) stays
        c.role = "baseline"
        return
    a = aux["asof_before"].search(text, lo, c.start) if prev in _edge("asof", -1) else None
    if a:
        c.role, c.start = "asof", a.start()
        m = _TRAILING_MONTHS.match(text, c.end)
        if m and c.hi is not None and c.hi.month is not None and c.hi.day is None and c.lo == c.hi:
            # 截至2026年9月的12個月: the twelve months that end with that month
            k = c.hi.n * 12 + c.hi.month - 1 - (_num(m.group(1)) - 1)
            c.lo = replace(c.hi, n=k // 12, month=k % 12 + 1)
            c.role, c.end = "point", m.end()
        return
    t = aux["target_before"].search(text, lo, c.start) if prev in _edge("target", -1) else None
    if t:
        c.role, c.start = "target", t.start()


_FAR_CLOSE = re.compile(r"相比|相较")
_TRAILING_MONTHS = re.compile(r"的((?:[1-9]|1[0-9]|2[0-4])|十二|十八|二十四|六|三|九)[个個]月")
# …之日起3个月内参保缴费的，: a clause closed by 的 is a condition that picks a group, not a rule's limit
_CONDITION_END = re.compile(r"[^，,。；;：:]{0,16}的[，,；;]")
# 从去年的情况看, 从2024年的数据来看: the time frames what follows (the period in force), no baseline
_FRAME_LOOK = re.compile(r"的[^，,。；;：:0-9]{1,8}?(?:来|上)?看")
_ATTRIBUTE_FIRST = frozenset("以之前后") | frozenset(w[0] for w in markers("attribute_verb"))


def _make_since(c: _Core) -> None:
    c.lo_end = c.hi
    c.hi_start = c.hi = Pt("now")
    c.role = "since"


class _TitleMarks:
    """Offsets of the line ends and title marks 《》 of a text, sorted, for :func:`_in_title`.

    Why: searching back to the line start and forward to the line end for every time
    phrase grows with the square of a line's length (a scraped page can be one 1 MB line).
    """

    __slots__ = ("lines", "opens", "closes")

    def __init__(self, text: str) -> None:
        self.lines: list[int] = []
        self.opens: list[int] = []
        self.closes: list[int] = []
        lists = {"\n": self.lines, "《": self.opens, "》": self.closes}
        for m in _TITLE_MARK.finditer(text):
            lists[m.group()].append(m.start())


_TITLE_MARK = re.compile("[\n《》]")


def _in_title(text: str, s: int, e: int, marks: _TitleMarks) -> bool:
    """Inside 《…》 on the same line, or a bracketed year of a document number (〔2022〕)."""
    if s > 0 and e < len(text) and text[s - 1] in "〔[" and text[e] in "〕]":
        return True
    opens, closes, lines = marks.opens, marks.closes, marks.lines
    k = bisect.bisect_left(opens, s) - 1  # the last 《 before s
    if k < 0 or not closes:
        return False
    open_ = opens[k]
    j = bisect.bisect_left(lines, s) - 1
    if j >= 0 and open_ <= lines[j]:
        return False  # on an earlier line
    k = bisect.bisect_left(closes, open_)
    if k < len(closes) and closes[k] < s:
        return False  # closed before the phrase
    k = bisect.bisect_left(closes, e)  # the first 》 from e on, and it is on this line
    j = bisect.bisect_left(lines, e)
    return k < len(closes) and closes[k] < (lines[j] if j < len(lines) else len(text))


_KIND_OF_ROLE = {"now": "present", "vague": "vague", "clock": "clock", "weekday": "clock", "name": "name"}
_UNRESOLVED_ROLES = (INERT_ROLES - {"since_end"}) | {"vague", "same"}


def find_times(text: str, date: DocDate | None) -> list[TimeExpr]:
    """Every time expression in the normalised ``text``, resolved against ``date``.

    Spans are offsets on ``text`` (the normalised text is as long as the original, so they
    are also spans on the original). Expressions come in text order and never overlap,
    except that a ``since_end`` (the ``至今`` of ``自T…至今``) follows its ``since``.
    """
    ftext = fold(text)
    cores = _roles(ftext, _merge_ranges(ftext, _cores(ftext)))
    out: list[TimeExpr] = []
    last_since: TimeExpr | None = None  # the last ``since`` so far (not searched back for: linear)
    for c in cores:
        lo, lo_end, hi_start, hi = c.lo, c.lo_end, c.hi_start, c.hi
        role = c.role
        if role == "none":
            continue  # a time word read as part of a noun (比现行标准)
        if role == "since_end" and last_since is not None:  # the 至今 of 自T…至今 carries its since's period
            lo, lo_end, hi_start, hi = last_since.lo, last_since.lo_end, last_since.hi_start, last_since.hi
        expr = TimeExpr(  # every field, in declaration order (positional: a third cheaper)
            c.start, c.end, text[c.start : c.end], None, _KIND_OF_ROLE.get(role, "point"), None, None, role,
            c.n_years, c.anchorable, lo, lo_end, hi_start, hi, c.same, c.yearless, c.fy_month,
        )
        if role not in _UNRESOLVED_ROLES:
            expr = expr.resolve(date)
        if role == "since":
            last_since = expr
        out.append(expr)
    if "：" in ftext or ":" in ftext:
        out = _year_labels(ftext, text, date, out)
    return out


def _year_labels(ftext: str, text: str, date: DocDate | None, out: list[TimeExpr]) -> list[TimeExpr]:
    """``年度目标：新增公办学位1350个`` at a line start reads like ``全年`` (the year in force): the
    label of the year's targets in a progress report (time_markers.tsv, year_label)."""
    found = [m for m in _year_label_re().finditer(ftext)]
    if not found:
        return out
    whole = next((t for t in find_times("全年", date) if t.text == "全年"), None)
    if whole is None:
        return out
    starts = [t.start for t in out]
    for m in found:
        s, e = m.span(1)
        k = bisect.bisect_left(starts, s)
        if (k < len(out) and out[k].start < e) or (k > 0 and out[k - 1].end > s):
            continue  # (a time phrase there already)
        out.insert(k, replace(whole, start=s, end=e, text=text[s:e]))
        starts.insert(k, s)
    return out


@cache
def _year_label_re() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\n)[ \t\u3000]*({_marker_alt('year_label')})(?=[：:])")


# --------------------------------------------------------------------------- look-ups


class TimeIndex:
    """The time phrases of a document (in text order), for look-ups by position in O(log n).

    Layers that ask, for every number, "is it inside a time phrase?" or "where does the
    last time phrase before it end?" would otherwise scan every phrase of the document for
    every number, which grows with the square of the document's length.
    ``starts[i]`` is the start of phrase ``i``; ``reach[i]`` the furthest end of phrases
    ``0..i`` (phrases may nest, so ends alone are not sorted).
    """

    __slots__ = ("times", "starts", "reach")

    def __init__(self, times: list[TimeExpr]) -> None:
        self.times = times
        self.starts = [t.start for t in times]
        self.reach = list(accumulate((t.end for t in times), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Does any phrase overlap ``[start, end)`` (``t.start < end and start < t.end``)?"""
        k = bisect.bisect_left(self.starts, end)  # phrases that start before ``end``
        return k > 0 and self.reach[k - 1] > start

    def around(self, lo: int, hi: int) -> list[TimeExpr]:
        """A run of the phrases, in order, holding every phrase that overlaps ``[lo, hi)`` (and
        perhaps a few that do not: callers keep their own test). Leading phrases that end by
        ``lo`` and trailing ones that start at ``hi`` or later are left out."""
        i = bisect.bisect_right(self.reach, lo)  # before i, every phrase ends by lo
        return self.times[i:bisect.bisect_left(self.starts, hi)]

    def last_end_within(self, lo: int, hi: int) -> int:
        """The furthest end of the phrases lying in ``[lo, hi)`` or running across ``lo``, else ``lo``.

        ``max(lo, t.end for t if lo <= t.start and t.end <= hi or t.start < lo < t.end)``.
        """
        cut = lo
        i = bisect.bisect_left(self.starts, lo)
        if i > 0 and self.reach[i - 1] > lo:  # a phrase that starts before lo runs across it
            cut = self.reach[i - 1]
        for j in range(i, bisect.bisect_right(self.starts, hi)):
            t = self.times[j]
            if t.end <= hi and t.end > cut:
                cut = t.end
        return cut


_INDEX: tuple[list[TimeExpr], int, TimeIndex | None] | None = None


def times_around(times: list[TimeExpr], lo: int, hi: int) -> Sequence[TimeExpr]:
    """The phrases of ``times`` that may overlap ``[lo, hi)``: a run of the index (see
    :meth:`TimeIndex.around`), or all of them for a list not in text order. Callers keep their own test."""
    index = time_index(times)
    return index.around(lo, hi) if index is not None else times


def time_index(times: list[TimeExpr]) -> TimeIndex | None:
    """The :class:`TimeIndex` of ``times``, or None when the phrases are not in text order (a
    hand-made list): callers then scan them as before.

    The index of the last list asked about is kept (the list itself and its length are the
    key), so that a layer may ask once per number; build a new list rather than editing one.
    """
    global _INDEX
    cached = _INDEX
    if cached is not None and cached[0] is times and cached[1] == len(times):
        return cached[2]
    starts = [t.start for t in times]
    index = TimeIndex(times) if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None
    _INDEX = (times, len(times), index)
    return index

