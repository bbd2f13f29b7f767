"""Statistic detection: which number mentions are statistics at all (RECORDS.md section 1).

The number layer finds every quantity; most are statistics, but dates, ordinals,
codes and phone numbers, counted slogans, category labels and thresholds are not.
Each rule below is a general construction, never a phrase of one article:

- inside a time expression (``2019年12月31日``, ``三年来``);
- an ordinal (``第四批``) or a label unit (``3-4级``, ``一类``);
- a code or name: a bare number glued to letters or to a following noun
  (``12345政务信息平台``, ``5G``, ``PM2.5``), a leading zero (``0719``), a lone
  number in brackets (``赞(0)``), a list marker (``一是``, ``1.``);
- a duration or size that names something (``24小时热线``, ``15分钟生活圈``);
- a threshold that defines a group (``80周岁以上老人``, ``5万元以下的村``,
  ``超过10万元的村``);
- a small count in Chinese numerals inside quotation marks or with no time in
  force, which is how slogans are written (``三个聚焦``, ``“四个走在全国前列”``).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from . import lexicon
from .doc import Doc
from .numbers import NumberMention
from .timex import time_index

# Patterns compiled once (the regex module's own cache costs a look-up per call).
_MAGNITUDE = regex.compile(r"[万亿千百]")
_LEADING_ZERO = regex.compile(r"0\d")
_CODE_BEFORE = regex.compile(r"[A-Za-z][/\s]*$")
_DIGIT = regex.compile(r"\d")
_LETTER = regex.compile(r"[A-Za-z]")
_DIGITS_AFTER = regex.compile(r"[ \u3000]?\d{3,}")
_DIGIT_SPACE_BEFORE = regex.compile(r"\d[ \u3000]$")
_LONG_INTEGER = regex.compile(r"\d{5,}")
_TRAILING_NONDIGITS = regex.compile(r"\D+$")
_DIGITS3 = regex.compile(r"\d{3,}(?![.\d])")
_PUNCT_OR_END = regex.compile(r"[，,。；;、！？!?）)\s]")
_CLOCK = regex.compile(r"(?<![\d.:])(?:[01]?\d|2[0-4]):[0-5]\d(?![\d.:])")
_INTEGER = regex.compile(r"\d{1,2}")
_MEASURE_NOUN_AFTER = regex.compile(r"标准|比例|幅度|水平|额度|限额|速度|增幅")
_WORD_RUN = regex.compile(r"[^，,。；;：:、！？!?\s]{0,10}")

_PUNCT = set("，,。；;：:、！？!?（）()“”\"'‘’《》「」『』【】[]…—-~ \t\r\n")
_CJK = regex.compile(r"\p{Han}")
_ARABIC = regex.compile(r"[0-9]")
_AGE_UNITS = ("岁", "周岁")
_DURATION_UNITS = ("分钟", "小时", "天", "日", "周", "秒", "个月", "年")
_THRESHOLD_AFTER = regex.compile(r"(?:及|或)?(?:以上|以下|以内|以外)(.?)")  # .match(text, pos): no slice
_OVER_UNDER_BEFORE = ("超过", "超出", "不足", "不到", "低于", "高于", "不低于", "不少于", "不超过", "未满", "年满", "满")
_LIST_MARKER_AFTER = ("是", "、", ".", "．", ")", "）")


@lru_cache(maxsize=1)
def _furniture_re() -> regex.Pattern[str]:
    alt = lexicon.alternation("furniture_words.tsv")
    return regex.compile(rf"(?:{alt})\s*[:：(（\[【]?\s*$")


@lru_cache(maxsize=1)
def _contact_before() -> regex.Pattern[str]:
    """A contact word right before a number: only a colon, a bracketed area code or a space between."""
    alt = lexicon.alternation("contact_words.tsv")
    return regex.compile(rf"(?:{alt})[:：\s]*(?:[(（]\d{{2,4}}[)）])?[\s-]*$")


@lru_cache(maxsize=1)
def _contact_words() -> tuple[str, ...]:
    return lexicon.words("contact_words.tsv")


@lru_cache(maxsize=1)
def _label_units() -> frozenset[str]:
    return frozenset(lexicon.words("label_units.tsv"))


def _is_chinese_numeral(s: str) -> bool:
    return not _ARABIC.search(s)


def _after(text: str, end: int, n: int = 1) -> str:
    return text[end:end + n]


def _before(text: str, start: int, n: int = 1) -> str:
    return text[max(0, start - n):start]


class _Quotes:
    """Where the quotation marks of one text are, to count them in any range in O(log n).

    Why not ``text.count`` over the paragraph: a paragraph can be a whole 1 MB page on one
    line, and counting from its start for every number grows with the square of its length.
    """

    __slots__ = ("text", "marks")

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: dict[str, list[int]] = {c: [] for c in _QUOTE_MARKS}
        for m in _QUOTE_RE.finditer(text):
            self.marks[m.group()].append(m.start())

    def count(self, mark: str, lo: int, hi: int) -> int:
        pos = self.marks[mark]
        return bisect.bisect_left(pos, hi) - bisect.bisect_left(pos, lo) if pos else 0


_QUOTE_MARKS = "“”「」"
_QUOTE_RE = re.compile(f"[{_QUOTE_MARKS}]")
_quotes: _Quotes | None = None  # of the last text asked about (the text itself is the key)


def _in_quotes(text: str, start: int, para_start: int) -> bool:
    """Is ``start`` inside an open “…” (or 「…」) quotation within its paragraph?"""
    global _quotes
    q = _quotes
    if q is None or q.text is not text:
        q = _quotes = _Quotes(text)
    lo = para_start
    return (q.count("“", lo, start) > q.count("”", lo, start)
            or q.count("「", lo, start) > q.count("」", lo, start))


def is_statistic(doc: Doc, n: NumberMention, period: str | None = None) -> bool:
    """True when ``n`` measures something; ``period`` is the period the time layer gave it."""
    text = doc.norm.text
    index = time_index(doc.times)
    if index is not None:
        if index.overlaps(n.start, n.end):
            return False
    else:
        for t in doc.times:
            if t.start < n.end and n.start < t.end:
                return False
    mention = text[n.start:n.end]
    unit = n.unit or ""
    nxt = _after(text, n.end)
    prev = _before(text, n.start)

    para = doc.segments.paragraph_of(n.start)
    para_start = para[0] if para else 0
    # Ordinals and labels.
    chinese_mention = not _DIGIT.search(mention)
    if prev == "第" or (unit in _label_units() and (
            chinese_mention or unit in ("号", "级", "星") or not nxt or not _PUNCT_OR_END.match(nxt))):
        return False  # 第四批, 3-4级残疾人, 一类地区 (but 耗材31类。 counts kinds)
    if n.value_max is not None and n.value_max < n.value:
        return False  # 0719-5231106 and the like: not a range
    # Codes and names.
    bare = not unit and not _MAGNITUDE.search(mention)
    if _LEADING_ZERO.match(mention):
        return False
    if _CODE_BEFORE.search(text[max(0, n.start - 3):n.start]) and (bare or not prev.isspace()):
        return False  # PM2.5, GB/T 4754: part of a code
    if prev and prev in "-—" and _DIGIT.match(_before(text, n.start - 1)):
        return False  # 4754—2017: the second half of a code
    if "+" in (prev, nxt):
        return False  # “1+N”, “4+4+3”: a formula in a name
    if bare and _in_quotes(text, n.start, max(0, n.start - 200)):
        return False
    if nxt and _LETTER.match(nxt) and not unit:
        return False
    if bare and prev in ("(", "（") and nxt in (")", "）"):
        return False  # 赞(0): a counter, not a figure (but （64.4万人次） restates one)
    if _DIGITS3.match(mention) and _contact_before().search(text, max(para_start, n.start - 20), n.start):
        return False  # 联络电话：(03)521-6188分机2305, 热线2343 1111
    if bare and (_DIGITS_AFTER.match(text[n.end:n.end + 5])
                 or _DIGIT_SPACE_BEFORE.search(text[max(0, n.start - 2):n.start])
                 or _contact_before().search(text, max(para_start, n.start - 20), n.start)):
        return False  # 2332 0000, 热线2343 1111: a telephone number
    if _CLOCK.search(text, max(0, n.start - 3), min(len(text), n.end + 3)) and _INTEGER.fullmatch(mention):
        return False  # 8:30—17:30: a clock time
    if _furniture_re().search(text, max(0, n.start - 8), n.start):
        return False  # 浏览次数：1862, 赞(0): page furniture
    if _LONG_INTEGER.fullmatch(_TRAILING_NONDIGITS.sub("", mention)) and n.value == n.value.to_integral_value():
        ahead = _WORD_RUN.match(text, n.end).group()
        if any(w in ahead for w in _contact_words()):
            return False  # 12333人社服务热线: a number to call
    if bare and "." not in mention and nxt and _CJK.match(nxt) and nxt not in "余多左上以至到增减降" \
            and not _verb_or_adverb_at(text, n.end):
        return False
    # List markers at the start of a paragraph or clause: 一是, 1., (一)
    clause_start = n.start == para_start or prev in "，,。；;：:"
    if bare and clause_start and any(text.startswith(m, n.end) for m in _LIST_MARKER_AFTER):
        return False
    # Durations and ages that name or label something.
    if unit in _DURATION_UNITS and nxt and _CJK.match(nxt) and nxt not in "以左上内" \
            and not _verb_or_adverb_at(text, n.end):
        return False  # 24小时热线, 15分钟生活圈 (but 23个月缩短4个月 measures)
    if unit in _AGE_UNITS and nxt and (_CJK.match(nxt) or nxt in "-~至到") and nxt not in "左":
        m = _THRESHOLD_AFTER.match(text, n.end)
        if not m or (m.group(1) and m.group(1) not in _PUNCT):
            return False
    # Thresholds that define a group.
    m = _THRESHOLD_AFTER.match(text, n.end)
    if m and m.group(1) and (m.group(1) == "的" or (_CJK.match(m.group(1)) and m.group(1) not in "，。")):
        return False
    if nxt == "的" and any(text.endswith(w, 0, n.start) for w in _OVER_UNDER_BEFORE) \
            and not _MEASURE_NOUN_AFTER.match(text, n.end + 1):
        return False  # 超过10万元的村 defines a group (but 不低于1.8万元的标准 is the standard)
    # Slogans: small counts in Chinese numerals, quoted or with no time in force.
    # A per-unit base: 每招用1人…元, 每多带动1人.
    if n.value == 1 and "每" in text[max(para_start, n.start - 5):n.start]:
        return False
    chinese = _is_chinese_numeral(mention)
    if chinese and n.value == 0:
        return False  # 零就业家庭, 零增长: a word, not a count
    if chinese and _in_quotes(text, n.start, para_start):
        return False  # 唱到一百岁: numbers in reported speech are talk, not figures
    if chinese and n.value == 1 and nxt and _CJK.match(nxt) and n.value_max is None:
        return False  # 一次入户调查, 一所学校: an indefinite article
    if chinese and nxt in ("均", "都", "皆"):
        return False  # 两项均创历史新高: a back-reference to figures already given
    small_chinese = (chinese and unit != "%" and n.value == n.value.to_integral_value()
                     and abs(n.value) <= 10)
    if small_chinese and (period is None or _in_quotes(text, n.start, para_start)):
        return False
    if chinese and unit == "年":
        return False  # 极不平凡的五年, 关键一年: rhetoric, not a measured duration
    # A small count in Chinese numerals glued to the noun it counts is a fixed name
    # (两项补贴, 五条底线); counts written as statistics stand before punctuation or a verb.
    return not (small_chinese and nxt and _CJK.match(nxt) and not _verb_or_adverb_at(text, n.end))


def _verb_or_adverb_at(text: str, pos: int) -> bool:
    from .indicators import starts_predicate

    return starts_predicate(text, pos)
