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

from . import lexicon, recache
from .charclass import HAN_CHAR
from .doc import Doc
from .numbers import NumberMention
from .timex import time_index

# Patterns compiled once (the regex module's own cache costs a look-up per call).
_MAGNITUDE = recache.compile(r"[万亿千百]")
_LEADING_ZERO = recache.compile(r"0\d")
_CODE_BEFORE = recache.compile(r"[A-Za-z][/\s]*$")
_DIGIT = recache.compile(r"\d")
_LETTER = recache.compile(r"[A-Za-z]")
_DIGITS_AFTER = recache.compile(r"[ \u3000]?\d{3,}")
_DIGIT_SPACE_BEFORE = recache.compile(r"\d[ \u3000]$")
_LONG_INTEGER = recache.compile(r"\d{5,}")
_TRAILING_NONDIGITS = recache.compile(r"\D+$")
_DIGITS3 = recache.compile(r"\d{3,}(?![.\d])")
_PUNCT_OR_END = recache.compile(r"[，,。；;、！？!?）)\s]")
_CLOCK = recache.compile(r"(?<![\d.:])(?:[01]?\d|2[0-4]):[0-5]\d(?![\d.:])")
_INTEGER = recache.compile(r"\d{1,2}")
_SECTION_NO = recache.compile(r"\d{1,2}(?:\.\d{1,2})?")
_WORD_RUN = recache.compile(r"[^，,。；;：:、！？!?\s]{0,10}")

_PUNCT = set("，,。；;：:、！？!?（）()“”\"'‘’《》「」『』【】[]…—-~ \t\r\n")
_ARABIC = recache.compile(r"[0-9]")
_THRESHOLD_AFTER = recache.compile(r"(?:及|或)?(?:以上|以下|以内|以外)(.?)")  # .match(text, pos): no slice


def _threshold_words(kind: str) -> tuple[str, ...]:
    """The words of one kind in ``threshold_words.tsv`` (longest first)."""
    return tuple(sorted((r[0] for r in lexicon.rows("threshold_words.tsv") if len(r) >= 2 and r[1] == kind),
                        key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _over_under_base() -> re.Pattern[str]:
    """A comparison word and a base noun phrase right before a number (超过当地年低保标准3倍)."""
    alt = "|".join(map(re.escape, _OVER_UNDER_BEFORE))
    return recache.compile(rf"(?:{alt})[^，,。；;：:、\d]{{2,12}}$")


# (…的标准 is the standard itself; 不少于30小时的上门照护服务 the amount of a service, 不低于500元的岗位津贴
# the amount of an allowance)
_MEASURE_WORD_AFTER = recache.compile("|".join(map(re.escape, _threshold_words("measurenoun"))))
_MEASURE_NOUN_AFTER = recache.compile(
    _MEASURE_WORD_AFTER.pattern + r"|[^，,。；;：:、不未无没]{0,8}(?:"
    + "|".join(map(re.escape, _threshold_words("measuretail")))
    + r")(?![^，,。；;：:、！？!?（()）\s和及与等])")  # (the phrase ends there: not 超过10万元的家庭不予补助)
_AGE_UNITS = frozenset(_threshold_words("age"))
_DURATION_UNITS = frozenset(_threshold_words("duration"))
_OVER_UNDER_BEFORE = _threshold_words("overunder")
_AGE_LIMIT_BEFORE = _threshold_words("agelimit")
_SHARE_REACH = _threshold_words("sharereach")
_RANK_BEFORE = _threshold_words("rankbefore")
_LIST_MARKER_AFTER = ("是", "、", ".", "．", ")", "）")
_VERSION = recache.compile(r"[1-9]\.0")
_SESSION_AFTER = recache.compile(
    r"[一二三四五六七八九十0-9]+次(?:会议|全会|全体会议)"  # 十五届四次会议
    r"|[\u4e00-\u9fff]{0,4}?(?:人大|政协|党代会|人民代表大会|常委会|委员会)")  # 十八届人大常委会, 第十四届全国人大
_QUOTED_HEAD = recache.compile(r"“[^”]{1,6}”(?:[，,。；;、]|$)")
# A count of items or pages followed by a page position: 共7条　第1页/共1页 (a list page's footer).
_PAGINATION_AFTER = recache.compile(r"\s*(?:第\s*\d+\s*页|/\s*共\s*\d+\s*页)")


@lru_cache(maxsize=1)
def _furniture_re() -> re.Pattern[str]:
    alt = lexicon.alternation("furniture_words.tsv")
    return recache.compile(rf"(?:{alt})\s*[:：(（\[【]?\s*$")


@lru_cache(maxsize=1)
def _contact_before() -> re.Pattern[str]:
    """A contact word right before a number: only a colon, a bracketed area code or a space between."""
    alt = lexicon.alternation("contact_words.tsv")
    return recache.compile(rf"(?:{alt})[:：\s]*(?:[(（]\d{{2,4}}[)）])?[\s-]*$")


@lru_cache(maxsize=1)
def _contact_last() -> frozenset[str]:
    """What a match of :func:`_contact_before` can end with, besides a space."""
    return frozenset({w[-1] for w in lexicon.words("contact_words.tsv")} | set(":：)）-"))


@lru_cache(maxsize=1)
def _furniture_last() -> frozenset[str]:
    """What a match of :func:`_furniture_re` can end with, besides a space."""
    return frozenset({w[-1] for w in lexicon.words("furniture_words.tsv")} | set(":：(（[【"))


@lru_cache(maxsize=1)
def _contact_words() -> tuple[str, ...]:
    return lexicon.words("contact_words.tsv")


@lru_cache(maxsize=1)
def _label_units() -> frozenset[str]:
    return frozenset(lexicon.words("label_units.tsv"))


@lru_cache(maxsize=1)
def _label_prefixes() -> tuple[str, ...]:
    return tuple(lexicon.words("label_prefixes.tsv"))


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


def _in_quoted_name(text: str, start: int, end: int) -> bool:
    """Is the number inside a short quoted name that ends with a programme word (…专案」, …工程”)?"""
    lo = max(text.rfind("“", max(0, start - 16), start), text.rfind("「", max(0, start - 16), start))
    if lo < 0 or text.find("”", lo, start) >= 0 or text.find("」", lo, start) >= 0:
        return False
    hi = min((k for k in (text.find("”", end, end + 20), text.find("」", end, end + 20)) if k >= 0), default=-1)
    return hi > 0 and text.endswith(_name_suffixes(), end, hi)


@lru_cache(maxsize=1)
def _name_suffixes() -> tuple[str, ...]:
    return tuple(lexicon.words("name_suffixes.tsv"))


_LONG_QUOTE = 30  # characters: a quotation this long is someone speaking, not a phrase or a name


def _in_long_quote(text: str, start: int) -> bool:
    """Is ``start`` inside a “…” (or 「…」) quotation of at least ``_LONG_QUOTE`` characters (a speech)?"""
    for op, cl in ("“”", "「」"):
        lo = text.rfind(op, max(0, start - 400), start)
        hi = text.find(cl, start, start + 400)
        if lo >= 0 and hi >= 0 and hi - lo > _LONG_QUOTE and text.find(cl, lo, start) < 0:
            return True
    return False


_DEFINITION_OPEN = recache.compile(r"[（(]即[^（()）]*$")
_CONDITION_OPEN_BRACKET = recache.compile(r"[（(][^（()）]{0,8}(?:达|满|达到|超过|在)$")
_MOBILE = recache.compile(r"1[3-9]\d{9}")
_INCLUSIVE = recache.compile(r"[（(]含[）)]")
# After a band's bound: （含）, its unit, 以下/以上, then 占 and its share (not 占比, a measure's name).
_BAND_SHARE = recache.compile(r"([（(]含[）)])?[^\d，,。；;、（()）]{0,4}?(?:及?以[下上])?的?占(?!比)")
_RANK_SCOPE_END = frozenset("省市县区国内居列")  # 增速居全省前三位, 排在全国前10名
_CONDITION_OPEN = ("且", "并且")
_CLAUSE_PUNCT = "，,；;。：:\n"


def _condition_clause(text: str, end: int) -> bool:
    """Is the bound ending at ``end`` the first of several conditions, right before ，且
    (家庭人均金融资产不超过当地低保标准的3倍，且家庭成员…)? (A clause opening with 且 may be
    a floor of a standard, 且不低于每人每月600元, or a requirement: not a test.)"""
    hi = end
    while hi < len(text) and hi - end < 12 and text[hi] not in _CLAUSE_PUNCT:
        hi += 1
    return hi < len(text) and text[hi] in "，,；;" and text.startswith(_CONDITION_OPEN, hi + 1)


def is_statistic(doc: Doc, n: NumberMention, period: str | None = None) -> bool:
    """True when ``n`` measures something; ``period`` is the period the time layer gave it.

    Runs for every number mention, so each pattern below is tried only when a one-character
    test shows it could match (the character that its match must end or start with); the
    rules and their order are unchanged.
    """
    text = doc.norm.text
    index = time_index(doc.times)
    if index is not None:
        if index.overlaps(n.start, n.end):
            return False
    else:
        for t in doc.times:
            if t.start < n.end and n.start < t.end:
                return False
    start, end = n.start, n.end
    mention = text[start:end]
    unit = n.unit or ""
    nxt = text[end:end + 1]
    prev = text[max(0, start - 1):start]

    para = doc.segments.paragraph_of(start)
    para_start = para[0] if para else 0
    # Ordinals and labels.
    if prev == "每":
        return False  # 每十万人口27.4人, 每千名老人: a per-base, not a figure
    if prev in "前后" and (text.endswith(_RANK_BEFORE, max(0, start - 3), start) or (unit in ("位", "名") and not nxt.isdigit()
                                                                                and text[start - 2:start - 1] in _RANK_SCOPE_END)):
        return False  # 筹集量居前四位的区, 排名前三, 排名后3位: a place in a ranking
    if unit.split("/")[0] in ("日", "号") and text.endswith(("每月", "当月", "次月", "下月"), 0, start):
        return False  # 请于每月5日前报送: a day of the month
    if prev == "第" or (unit in _label_units() and (
            not _DIGIT.search(mention) or unit in ("号", "级", "星", "周年") or not nxt or not _PUNCT_OR_END.match(nxt))):
        return False  # 第四批, 3-4级残疾人, 一类地区 (but 耗材31类。 counts kinds)
    if not unit and prev and text.endswith(_label_prefixes(), max(0, start - 2), start) and _SECTION_NO.fullmatch(mention):
        return False  # 表1, 表3.1, 见附件2: the label of a table or an annex
    if not unit and start == para_start and "." in mention and _SECTION_NO.fullmatch(mention) \
            and nxt in (" ", "\u3000", "\t"):
        return False  # 3.1　綜援計劃…: the number of a numbered paragraph
    if n.value_max is not None and n.value_max < n.value:
        return False  # 0719-5231106 and the like: not a range
    # Codes and names.
    bare = not unit and not _MAGNITUDE.search(mention)
    if mention[:1] == "0" and _LEADING_ZERO.match(mention):
        return False
    space_before = prev.isspace()  # every \s of the patterns is a str.isspace() character
    if (prev.isascii() or space_before) and _CODE_BEFORE.search(text[max(0, start - 3):start]) \
            and (bare or not space_before):
        return False  # PM2.5, GB/T 4754: part of a code
    if prev == "@" or (bare and _MOBILE.fullmatch(mention)):
        return False  # qxmzjy@163.com, 13957801426: part of an address, a mobile number
    if prev and prev in "-—" and _DIGIT.match(text[max(0, start - 2):start - 1]):
        return False  # 4754—2017: the second half of a code
    if nxt == "“" and _QUOTED_HEAD.match(text, end):
        return False  # 牢记2个“必须”，: a counted slogan whose quoted word is the whole noun
    if prev in "“「‘" and nxt in "”」’" and (HAN_CHAR.match(text, end + 1) or text[end + 1:end + 2] in ("、", "")):
        return False  # 城市“15分钟”、农村“30分钟”助餐服务圈: a quoted figure alone names something
    if _in_quoted_name(text, start, end):
        return False  # 「300億元中央擴大租金補貼專案」: a programme's name
    if unit == "届" and _SESSION_AFTER.match(text, end):
        return False  # 市政协十五届四次会议: the number of a congress, not a count
    if "+" in (prev, nxt):
        return False  # “1+N”, “4+4+3”: a formula in a name
    if prev in ("×", "÷"):
        return False  # 集中供养率＝集中供养人员÷特困人员×100%: a formula in a definition
    if bare and _in_quotes(text, start, max(0, start - 200)):
        return False
    if not unit and nxt.isascii() and nxt.isalpha():
        return False
    if bare and prev in ("(", "（") and nxt in (")", "）"):
        return False  # 赞(0): a counter, not a figure (but （64.4万人次） restates one)
    if unit == "期" and prev in ("(", "（") and nxt in (")", "）") and not _ARABIC.search(mention):
        return False  # 2024年政府专项债券（五期）: the number in its name
    contact = (prev in _contact_last() or space_before) and _contact_before().search(
        text, max(para_start, start - 20), start) is not None
    if contact and _DIGITS3.match(mention) and not (unit and n.unit_text in text[start:end]):
        return False  # 联络电话：(03)521-6188分机2305, 热线2343 1111 (but 接听求助电话8340个 counts calls)
    if bare and ((nxt and (nxt in " \u3000" or not nxt.isascii() or "0" <= nxt <= "9")
                  and _DIGITS_AFTER.match(text[end:end + 5]))
                 or (prev in " \u3000" and _DIGIT_SPACE_BEFORE.search(text[max(0, start - 2):start]))
                 or contact):
        return False  # 2332 0000, 热线2343 1111: a telephone number
    if end - start <= 2 and text.find(":", max(0, start - 3), end + 3) >= 0 \
            and _CLOCK.search(text, max(0, start - 3), min(len(text), end + 3)) and _INTEGER.fullmatch(mention):
        return False  # 8:30—17:30: a clock time
    if unit in ("条", "页") and _PAGINATION_AFTER.match(text, end):
        return False  # 共7条　第1页/共1页: the footer of a list page
    if (prev in _furniture_last() or space_before) and _furniture_re().search(text, max(0, start - 8), start):
        return False  # 浏览次数：1862, 赞(0): page furniture
    if end - start >= 5 and _LONG_INTEGER.fullmatch(_TRAILING_NONDIGITS.sub("", mention)) \
            and n.value == n.value.to_integral_value():
        ahead = _WORD_RUN.match(text, end).group()
        if any(w in ahead for w in _contact_words()):
            return False  # 12333人社服务热线: a number to call
    if bare and "." not in mention and nxt and HAN_CHAR.match(nxt) and nxt not in "余多左上以至到增减降" \
            and not _verb_or_adverb_at(text, end):
        return False
    if bare and _VERSION.fullmatch(mention) and HAN_CHAR.match(prev or " "):
        return False  # 长照2.0, 乡村振兴3.0版: the version of a programme, not a figure
    if bare and len(mention) == 4 and mention.isdigit() and 1900 <= n.value <= 2100 \
            and (not nxt or nxt in "\n\r丨|｜:： \u3000"):
        return False  # 数说2024, 回眸2023丨…: a year in a title, with no 年 written
    # List markers at the start of a paragraph or clause: 一是, 1., (一)
    clause_start = start == para_start or prev in "，,。；;：:" or prev.isspace()
    if bare and clause_start and any(text.startswith(m, end) for m in _LIST_MARKER_AFTER):
        return False
    # Durations and ages that name or label something.
    if unit in _DURATION_UNITS and nxt and HAN_CHAR.match(nxt) and nxt not in "以左上内" \
            and not (nxt == "的" and n.qualifier is not None) and not _verb_or_adverb_at(text, end):
        return False  # 24小时热线, 15分钟生活圈 (but 23个月缩短4个月, 不少于30小时的服务 measure)
    # Thresholds that define a group (以上, 及以下 ... start with one of 以及或).
    incl = _INCLUSIVE.match(text, end) if nxt in "（(" else None  # 单价50万元（含）以上
    m = _THRESHOLD_AFTER.match(text, incl.end() if incl else end) if (nxt and nxt in "以及或") or incl else None
    if (unit in _AGE_UNITS or unit in _DURATION_UNITS) and text.endswith(_AGE_LIMIT_BEFORE, para_start, start):
        return False  # 年满65岁、且为本市居民, 须正常运营满2年: a condition of eligibility
    if unit in _AGE_UNITS and nxt and (HAN_CHAR.match(nxt) or nxt in "-~至到") and nxt not in "左" \
            and n.value == n.value.to_integral_value() \
            and (not m or (m.group(1) and (m.group(1) not in _PUNCT or m.group(1) == "、"))):
        return False  # (16周岁以上、60周岁以下的…: a pair of age bounds labels a group)
    # (有20个以上的省份: how many there are, not a group; but 拥有2辆以上机动车 defines one)
    there_are = prev == "有" and text[start - 2:start - 1] not in "拥具持占享含患"
    if m and m.group(1) and not mention.endswith("成") and not there_are \
            and not (m.group(1) == "的" and (_MEASURE_WORD_AFTER.match(text, m.end())
                                             or (unit == "%" and _share_reach(text, para_start, start)))) \
            and (m.group(1) == "的" or (HAN_CHAR.match(m.group(1)) and m.group(1) not in "，。")):
        # (七成以上的财力: a share of a whole, not a group)
        return False
    if m and m.group(1) == "、" and unit and text[m.end():m.end() + 1].isdigit():
        return False  # 90平方米及以下、90—144平方米新建商品住宅: bands listed as labels of groups
    if unit and prev == "、" and text.endswith(("以上、", "以下、", "以内、"), 0, start) \
            and (n.value_max is not None or _THRESHOLD_AFTER.match(text, end)):
        return False  # (the next band of such a list)
    if m and m.group(1) in ("）", ")") and (_DEFINITION_OPEN.search(text, max(para_start, start - 12), start)
                                           or _CONDITION_OPEN_BRACKET.search(text, max(para_start, start - 12), start)):
        return False  # 长期失业人数（即失业六个月或以上）, 长期失业者（失业期间达53周以上）: the bound that defines a term
    if n.value_max is not None and unit != "%" and text.startswith("之间的", end):
        return False  # 在50万人至100万人之间的区: a band that names a group
    if unit == "人" and nxt == "户" and n.value <= 10 and not _MAGNITUDE.search(mention):
        return False  # 1人户、2人户: a kind of household by its size, a label
    if text.endswith(("除以", "乘以"), 0, start):
        return False  # 家庭收入除以12: a step of a formula
    if unit and (text.startswith("部分", end) or (nxt in "（(" and text.startswith(("（含）至", "(含)至"), end))):
        return False  # 5万元（含）至15万元部分报销70%: the bounds of a band of a tiered rule, a label
    if nxt == "者" and unit and (n.value_max is not None or text.endswith(_OVER_UNDER_BEFORE, para_start, start)):
        return False  # 年所得逾120万元至150万元者, 逾150万元者: a band or bound that names a group of people
    if n.value == 1 and prev == "为" and "以" in text[max(para_start, start - 12):start]:
        return False  # 城乡居民收入比（以农村居民收入为1）: the base of a ratio
    if n.qualifier in ("over", "under") and _condition_clause(text, end):
        return False  # 金融资产不超过当地低保标准的3倍，且…: one condition of several
    if nxt == "的" and text.startswith("占", end + 1):
        return False  # 月收入1000-3000元的占44.6%: a band that names a group, its share follows
    if nxt in "（(～~-—至" and (b := _BAND_SHARE.match(text, end)) and (b.group(1) or n.value_max is not None):
        return False  # 30岁～40岁（含）占43.7%, 90（含）平方米以下占31.5%: a band, its share follows
    if nxt == "的" and (any(text.endswith(w, 0, start) for w in _OVER_UNDER_BEFORE)
                       or ((text[end + 1:end + 2] in ("，", ",") or unit == "倍")
                           and _over_under_base().search(text, max(0, start - 16), start))) \
            and not _MEASURE_NOUN_AFTER.match(text, end + 1):
        # 超过10万元的村 defines a group (but 不低于1.8万元的标准 is the standard); so does
        # 人均金融资产超过当地年低保标准3倍的，不得认定: a condition closed by 的，
        return False
    # Slogans: small counts in Chinese numerals, quoted or with no time in force.
    # A per-unit base: 每招用1人…元, 每多带动1人.
    if "每" in text[max(para_start, start - 5):start] and n.value == 1:
        return False
    chinese = not _ARABIC.search(mention)
    if chinese and n.value == 0:
        return False  # 零就业家庭, 零增长: a word, not a count
    quoted = chinese and _in_quotes(text, start, para_start)
    speech = quoted and unit not in _AGE_UNITS and _in_long_quote(text, start)
    if quoted and not speech:
        return False  # 唱到一百岁: numbers in a quoted phrase are talk, not figures (but an official
        # quoted at length, “…每餐补贴三元…”, reports them)
    if chinese and n.value == 1 and prev == "新":
        return False  # 新一轮: a word, not a count
    if chinese and n.value == 1 and nxt and HAN_CHAR.match(nxt) and n.value_max is None:
        return False  # 一次入户调查, 一所学校: an indefinite article
    if chinese and (nxt in ("均", "都", "皆") or text.startswith(("合计", "共计"), end)):
        return False  # 两项均创历史新高: a back-reference to figures already given
    # (a rate, 每周三次 -> 次/周, is a measurement whatever its numerals)
    small_chinese = (chinese and unit != "%" and "/" not in unit and n.value == n.value.to_integral_value()
                     and abs(n.value) <= 10)
    if small_chinese and not speech and (period is None or quoted):
        return False
    if chinese and unit == "年":
        return False  # 极不平凡的五年, 关键一年: rhetoric, not a measured duration
    # A small count in Chinese numerals glued to the noun it counts is a fixed name
    # (两项补贴, 五条底线); counts written as statistics stand before punctuation or a verb.
    if small_chinese and nxt and nxt in "、和及与" and unit:
        # 一人、二人、三人及四人住户: the items of a list of labels whose last one is glued to its noun
        m = re.compile(rf"(?:[、和及与][一二两三四五六七八九十]{{1,3}}{re.escape(unit)})+").match(text, end)
        if m and HAN_CHAR.match(text, m.end()) and not _verb_or_adverb_at(text, m.end()):
            return False
    return not (small_chinese and nxt and HAN_CHAR.match(nxt) and not _verb_or_adverb_at(text, end))


def _share_reach(text: str, para_start: int, start: int) -> bool:
    """覆盖90%以上的城市社区和70%以上的行政村: a verb of reach opens the clause's list of shares."""
    lo = max(para_start, start - 40)
    cut = max(text.rfind(c, lo, start) for c in "，,。；;：:")
    clause = text[max(lo, cut + 1):start]
    return any(w in clause for w in _SHARE_REACH)


def _verb_or_adverb_at(text: str, pos: int) -> bool:
    from .indicators import starts_predicate

    return starts_predicate(text, pos)
