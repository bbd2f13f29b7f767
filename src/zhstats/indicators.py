"""Indicator linking: name what each statistic measures (RECORDS.md section 3).

The indicator is a short phrase copied from the text. It is read from a window
around the number, never from the whole document, with these general
constructions (each tested in ``tests/test_indicators.py``):

- the number before its noun: ``189名联络专员``, ``73%的养老床位`` -> the noun
  phrase after the number, cut where a predicate verb begins;
- the subject before the number: ``社区社会组织12274个``, ``覆盖率达91%`` -> the
  words before it in its clause, without time words, place words that hold for the
  whole document, reporting verbs and linking verbs;
- a change: ``地区生产总值比上年增长1.5%`` -> ``地区生产总值增长`` (the baseline
  phrase is dropped, the change word kept);
- a continuation: ``由900元增至1010元``, ``（累计11.4万条）`` -> the later number
  takes the earlier number's indicator;
- a partition: ``25项民生重点工程，其中7项投入使用`` -> ``投入使用的民生重点工程``;
- an empty clause: the subject of the clause before it in the same sentence.

jieba gives the word boundaries of the phrase after a number; it is loaded only
when such a phrase needs cutting, and only on that short window.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

from . import lexicon, numerals, recache, segment
from .charclass import HAN, HAN_CHAR
from .doc import Doc
from .numbers import NumberMention, bound_words, is_unit
from .timex import TimeExpr, time_index, times_around
from .timex import markers as timex_markers

# Every pattern here is compiled through recache (the standard library's re, its compiled
# program kept in the cache folder): re runs word lists up to 6 times faster than regex and
# costs less per call; the Han class is charclass.HAN (re's 64K-entry table for it, ~4 ms to
# build, is built once and then read from the cache).
_NP_START = recache.compile(rf"[{HAN}“《A-Za-z]")
_BASELINE_TAIL = recache.compile(r"(?:比(?![重例率值])|较(?![为高低好大小多少快慢])|较之|相比)[^比较]{1,12}$")  # (not 比重, 较为)
_PREPOSITION = recache.compile(rf"(?<=[{HAN}]{{2}})(?:按照|按(?![时期月季年])|根据|依照|依据|依(?![法托靠然次旧]))")  # (按时: an adverb)
_SHARE_OF = recache.compile(r"^(.{2,}?)(?:约|大约)?(?<![挤侵抢霸攻])占(?!比)(.{2,}?)(?:的)?(比重|比例|份额)?$")
_SCHEME_PREFIX = recache.compile(rf"^.*[」”》)』][{HAN}]{{0,4}}?(?:框架下|计划下|下)")
_LIST_SEP = recache.compile(r"[、和及与,，]")
_BASELINE_ONLY = recache.compile(rf"^(?:比|较)[{HAN}]{{1,8}}$")
_TOTAL_WORD = recache.compile(r"(?:合计|共计|总计|共)\s*$")
_FROM_WORD = recache.compile(r"\s*(?:也|还|亦|又|则|均|都)?(?:由|从|自)")
_BA_WORD = recache.compile(r"(?:将|把)\s*$")
_DIGIT = recache.compile(r"\d")
_RATIO_WORD = recache.compile(r"(?:比|率|比重|比例|指数|系数|倍数)$")

_CLAUSE_STOP = set("，,；;。！？!?：:\n\r \t")  # a space separates headline phrases
_ENUM_STOP = set("、")
_OPEN = {"(": ")", "（": "）", "“": "”", "《": "》", "「": "」", "【": "】", "‘": "’"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_QUOTE_CHARS = "“”‘’\"'「」『』《》"
_TRIM = " \t\u3000、，,；;：:"


@dataclass(frozen=True, slots=True)
class _Words:
    lead: tuple[str, ...]
    trail: tuple[str, ...]
    connect: tuple[str, ...]
    change: tuple[str, ...]
    compare: tuple[str, ...]
    compare_kept: frozenset[str]  # compare words the indicator keeps after its subject (环比)
    avg_alone: frozenset[str]  # 日均 standing alone before a figure: the average of the figure before
    rate_alone: frozenset[str]  # 增速 standing alone: the growth rate of the figure before
    partition: tuple[str, ...]
    stopnp: tuple[str, ...]  # (ranks included)
    rank: tuple[str, ...]
    perbase: tuple[str, ...]
    infix: tuple[str, ...]
    pivot: tuple[str, ...]
    give: tuple[str, ...]
    casualty: frozenset[str]  # 死亡, 受伤: the toll of the event the figure before counts
    measure_ends: tuple[str, ...]  # 标准, 率: what a measure's name ends with (a clause may leave it out)
    event_units: frozenset[str]  # 起, 宗: the units such a count of events is written in
    verbs: frozenset[str]
    verbs_sorted: tuple[str, ...]
    places: tuple[str, ...]
    money: tuple[str, ...]
    ends: tuple[str, ...]  # connect + trail + perbase: what may stand between subject and number
    trail_perbase: tuple[str, ...]
    verbs_tuple: tuple[str, ...]
    spoken: dict[str, str]  # spoken comparative -> the change word the indicator takes
    change_set: frozenset[str]
    not_spoken: frozenset[str]  # words ending in 多/少/高/低 that are no comparative (最多, 许多)
    bare: frozenset[str]  # words that are no indicator on their own
    measure_heads: tuple[str, ...]  # 额度, 幅度: after 的 they name the subject's own measure
    compare_heads: tuple[str, ...]  # rates a compare word names (同比涨幅, 环比增速)
    among: tuple[str, ...]  # locatives after a group (公屋住户中)
    degree: tuple[str, ...]  # degree words after a verb with no object (发展很快)
    lone_verbs: frozenset[str]  # one character of a change verb a time phrase left alone (增)
    change_quals: tuple[str, ...]  # 名义, 实际: what kind of change (名义增长4.5%), kept with it
    bracket_labels: frozenset[str]  # 满分: a short word in brackets that names its own figure
    superlatives: tuple[str, ...]  # 最高, 最低: alone, they speak of the figure before's subject
    find_verbs: frozenset[str]  # 发现, 查出: what was found is named after the count (发现1326人重复领取…)
    after: tuple[str, ...]  # qualifiers written after a number (以上, 左右, 多)
    after_none: tuple[str, ...]  # words that begin like one and are not (上下游)
    pivot_first: frozenset[str]  # first characters of the pivot and infix words (a quick test)
    rest_words: frozenset[str]  # 其余, 其他: the rest of a total, named after 为
    shared_heads: tuple[str, ...]  # 价格, 收入: a measure word that ends every item of a list
    ji_words: tuple[str, ...]  # words ending in 计 that are not "in all" (预计, 统计)
    infix_first: frozenset[str]
    places_lead: tuple[str, ...]  # places and lead words: stripped from the start of a subject
    change_adverbs: tuple[str, ...]  # a change verb or the adverb before it (稳步增长)
    change_adv: tuple[str, ...]  # 稳步, 各: adverbs between a subject and its change verb
    share_adverbs: tuple[str, ...]  # 仅, 约: adverbs between a group and 占 (50岁以上的仅占6.2%)
    kind_nouns: frozenset[str]  # 品种: after N个 it counts kinds of what stands before (药品617个品种)
    infix_nouns: tuple[str, ...]  # 结存: after it an infix word is part of a noun (累计结存)
    clause_measures: frozenset[str]  # 标准: a measure word alone, owned by the clause before's noun
    means: tuple[str, ...]  # 通过, 依托: a means before a verb and its object (says how, names nothing)
    means_first: frozenset[str]
    means_verbs: tuple[str, ...]  # 新增, 注入: verbs after a means that predicate_verbs.tsv does not hold


# 有 between two nouns (特殊教育学校有专任教师): "X has Y", and Y of X is counted. Not after a verb
# or adverb that 有 ends (具有, 拥有, 已有, 都有) nor at the start of a word (有效, 有关, 有序).
_HAVE_INFIX = recache.compile(r"(?<=[\u4e00-\u9fff]{2})(?<![具拥没所现享含占患持还另已共都只仅尚均仍又也实育国私公中内里])有"
                              r"(?=[\u4e00-\u9fff]{2})(?![效关序机力望些所偿意利益害线形名的])")


@cache
def _words() -> _Words:
    kinds: dict[str, list[str]] = {}
    spoken: dict[str, str] = {}
    for row in lexicon.rows("indicator_words.tsv"):
        if len(row) >= 2:
            kinds.setdefault(row[1], []).append(row[0])
        if len(row) >= 3 and row[1] == "spoken":
            spoken[row[0]] = row[2]
    # A qualifier written before a number (约, 大概是, 不少于) is never part of the indicator;
    # one written after it (以上, 左右, 多) ends the noun phrase there.
    for word, kind, position, *_ in (r for r in lexicon.rows("qualifiers.tsv") if len(r) >= 3):
        if position == "before" and kind != "none":
            kinds.setdefault("trail", []).append(word)
        elif position == "after":
            kinds.setdefault("after" if kind != "none" else "after_none", []).append(word)

    def longest_first(ws: list[str]) -> tuple[str, ...]:
        return tuple(sorted(set(ws), key=lambda w: (-len(w), w)))

    k = {kind: longest_first(ws) for kind, ws in kinds.items()}

    def kind(name: str) -> tuple[str, ...]:
        return k.get(name, ())

    verbs = lexicon.words("predicate_verbs.tsv")
    places = lexicon.words("place_words.tsv")
    words = _Words(
        lead=kind("lead"), trail=kind("trail"), connect=kind("connect"), change=kind("change"),
        compare=kind("compare"), compare_kept=frozenset(kind("compare_kept")),
        avg_alone=frozenset(kind("avgalone")), rate_alone=frozenset(kind("ratealone")),
        partition=kind("partition"), stopnp=longest_first([*kind("stopnp"), *kind("rank")]), rank=kind("rank"),
        perbase=kind("perbase"), infix=kind("infix"), pivot=kind("pivot"), give=kind("give"),
        casualty=frozenset(kind("casualty")), measure_ends=kind("measureend"), event_units=frozenset(kind("eventunit")),
        verbs=frozenset(verbs), verbs_sorted=verbs, verbs_tuple=tuple(verbs),
        places=places, money=lexicon.words("money_nouns.tsv"),
        ends=kind("connect") + kind("trail") + kind("perbase"),
        trail_perbase=kind("trail") + kind("perbase"),
        places_lead=places + kind("lead"),
        change_adverbs=longest_first([*kind("change"), *kind("changeadverb")]),
        spoken=spoken, change_set=frozenset(kind("change")), not_spoken=frozenset(kind("notspoken")),
        bare=frozenset(kind("bare")), measure_heads=kind("measurehead"), compare_heads=kind("comparehead"),
        among=kind("among"), degree=kind("degree"),
        lone_verbs=frozenset(kind("loneverb")),
        change_quals=tuple(kind("changequal")),
        bracket_labels=frozenset(kind("bracketlabel")),
        superlatives=tuple(kind("superlative")),
        find_verbs=frozenset(kind("findverb")),
        after=kind("after"), after_none=kind("after_none"),
        rest_words=frozenset(kind("rest")), shared_heads=kind("sharedhead"), ji_words=kind("jiword"),
        pivot_first=frozenset(x[0] for x in kind("pivot")), infix_first=frozenset(x[0] for x in kind("infix")),
        clause_measures=frozenset(kind("clausemeasure")), infix_nouns=kind("infixnoun"),
        kind_nouns=frozenset(kind("kindnoun")), change_adv=kind("changeadverb"), share_adverbs=kind("shareadverb"),
        means=kind("means"), means_first=frozenset(x[0] for x in kind("means")), means_verbs=kind("meansverb"),
    )
    _register(*(getattr(words, f) for f in _Words.__slots__ if isinstance(getattr(words, f), tuple)))
    return words


def _tokens(s: str) -> list[str]:
    return segment.tokens(s)


# ------------------------------------------------------------------ document places

# (the lookahead lets ``re`` skip most positions on one character class test)
_PLACE_RE = recache.compile(rf"(?=[{HAN}]{{2,3}}[市省县区自特])([{HAN}]{{2,3}}?)(市|省|县|区|自治区|特别行政区)")


def document_places(doc: Doc) -> tuple[str, ...]:
    """Place names that hold for the whole document: its most frequent city/province.

    ``广州`` in a Guangzhou report is stripped from indicators like ``全市``; the name
    is found from the text (its first lines and frequency), not from any list.
    """
    text = doc.norm.text
    counts: dict[str, int] = {}
    head = text[:600]
    for m in _PLACE_RE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return ()
    total = {n: text.count(n) for n, c in counts.items() if c >= 2 and n in head}
    names = [n for n, c in total.items() if c >= 3]
    out: list[str] = []
    for n in sorted(names, key=lambda n: -total[n])[:2]:
        out.extend([n + suf for suf in ("市", "省", "县", "区")] + [n])
    return tuple(sorted(set(out), key=lambda w: (-len(w), w)))


# ------------------------------------------------------------------ windows


def _left_window(text: str, lo: int, start: int, enum_stop: bool = True) -> int:
    """Scan left from ``start`` to the clause start, skipping bracketed and quoted runs.

    With ``enum_stop`` a 、 ends the clause (each item of a list is its own subject);
    without it a whole list is kept (the subject of 分别).
    """
    i = start
    depth: list[str] = []
    while i > lo:
        c = text[i - 1]
        if depth:
            if c == depth[-1]:
                depth.pop()
            i -= 1
            continue
        if c in _CLOSE:
            depth.append(_CLOSE[c])
            i -= 1
            continue
        if c in _CLAUSE_STOP and not (c == " " and not HAN_CHAR.match(text[i - 2:i - 1] if i >= 2 else "")) \
                and not (c == "," and text[i - 2:i - 1].isdigit() and text[i:i + 3].isdigit()):
            break  # (a space ends a headline phrase between Han characters, not in "新增AED 300台"; a
            # comma between digit groups, 薪资达32,000元以上者, is inside a number)
        if enum_stop and c in _ENUM_STOP:
            break
        i -= 1
    return i


def _short_items(text: str, lo: int, sep: int) -> bool:
    """Is the 、 at ``sep - 1`` inside a list of short modifiers (对低保、特困老年人的助餐补贴)?

    Every item before it, back to the clause start, holds at most four characters after a
    leading preposition, so they qualify one head together rather than each naming a figure.
    """
    start = _left_window(text, lo, sep - 1, enum_stop=False)
    items = text[start:sep - 1].split("、")
    return all(1 <= len(_strip_lead(x, ("对", "为", "向", "给"))) <= 4 for x in items)


def _clause_end(text: str, start: int, hi: int) -> int:
    i = start
    while i < hi and text[i] not in _CLAUSE_STOP:
        i += 1
    return i


def _right_window(text: str, end: int, hi: int, limit: int | None = None) -> int:
    """Where the phrase after a number ends: a clause stop, or a 、 before another figure.

    ``limit`` stops the scan early (the caller cuts at the next number anyway); the clause
    end that decides a 、 is still looked for up to ``hi``, so the answer below ``limit``
    does not change. Without it, a run of numbers with no stop is scanned once per number.
    """
    i = end
    depth: list[str] = []
    stop = hi if limit is None else min(hi, limit)
    while i < stop:
        c = text[i]
        if depth:
            if c == depth[-1]:
                depth.pop()
            i += 1
            continue
        if c in _OPEN:
            depth.append(_OPEN[c])
            i += 1
            continue
        if c in _CLAUSE_STOP or (c in _ENUM_STOP and _NUMBER_AHEAD.search(text[i + 1:_clause_end(text, i + 1, hi)])):
            break  # 、 ends the phrase when another figure follows in the clause, not inside a list of nouns
        i += 1
    return i


class _WordSet:
    """Patterns and first/last characters of one tuple of words, built once.

    The strip helpers run several times per number; a ``functools.cache`` keyed by the
    tuple would hash its hundred-odd words on every call, and ``str.endswith(words)``
    would compare each of them. A set of last characters rejects most phrases at once.
    Each pattern is compiled the first time it is used (start-up compiles only those a
    run needs).
    """

    __slots__ = ("words", "first", "last", "_alt", "_compile", "_lead", "_trail", "_end", "_tail")

    def __init__(self, words: tuple[str, ...], keep: bool = False) -> None:
        """``keep``: a lexicon set, whose compiled patterns are worth keeping in the cache
        folder (``recache``); a document's own words are compiled the plain way."""
        self.words = words
        self._compile = recache.compile if keep else re.compile
        self.first = frozenset(w[0] for w in words if w)
        self.last = frozenset(w[-1] for w in words if w)
        self._alt = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
        self._lead: re.Pattern[str] | None = None
        self._trail: re.Pattern[str] | None = None
        self._end: re.Pattern[str] | None = None
        self._tail: re.Pattern[str] | None = None

    @property
    def lead(self) -> re.Pattern[str]:
        """One of the words (the longest) at a position: ``match``."""
        if self._lead is None:
            self._lead = self._compile(self._alt)
        return self._lead

    @property
    def trail(self) -> re.Pattern[str]:
        """A run of the words and clause punctuation at the end."""
        if self._trail is None:
            self._trail = self._compile(rf"(?:{self._alt}|[{re.escape(_TRIM)}])+$")
        return self._trail

    @property
    def end(self) -> re.Pattern[str]:
        """One of the words (the longest) at the end."""
        if self._end is None:
            self._end = self._compile(rf"(?:{self._alt})$")
        return self._end

    @property
    def tail(self) -> re.Pattern[str]:
        """The last occurrence of any of the words (group 1)."""
        if self._tail is None:
            self._tail = self._compile(rf"^.*({self._alt})", re.DOTALL)
        return self._tail


_WORDSETS: dict[int, _WordSet] = {}  # id of a lexicon tuple -> its word set (see _register)


def _register(*tuples: tuple[str, ...]) -> None:
    """Build the word sets of the lexicon's tuples, found later by identity (they live as
    long as the process, so an id is never reused while registered)."""
    for t in tuples:
        _WORDSETS[id(t)] = _WordSet(t, keep=True)


def _wordset(words: tuple[str, ...] | _WordSet) -> _WordSet:
    """The :class:`_WordSet` of ``words``: by identity for a lexicon tuple, else by value."""
    if words.__class__ is _WordSet:
        return words  # type: ignore[return-value]
    ws = _WORDSETS.get(id(words))
    if ws is not None and ws.words is words:
        return ws
    return _wordset_by_value(words)


@lru_cache(maxsize=256)  # bounded: call sites may build tuples on the fly
def _wordset_by_value(words: tuple[str, ...]) -> _WordSet:
    return _WordSet(words, keep=True)  # (call sites build these from the lexicon: a bounded set)


def _lead_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return _wordset(words).lead


@cache
def _agent_re() -> re.Pattern[str]:
    """An agent's name ending, optionally followed by a short 向/为/会同… phrase, up to the verb."""
    alt = lexicon.alternation("agent_words.tsv")
    modal = lexicon.alternation("agent_modals.tsv")
    return recache.compile(rf"(?:{alt})(?:(?:向|为|对|给|会同|联合)[{HAN}]{{1,10}})?(?:{modal})*$")


@cache
def _svo_verb() -> re.Pattern[str]:
    """The last predicate verb (two characters or more) of a phrase."""
    verbs = "|".join(re.escape(v) for v in _words().verbs_sorted if len(v) > 1)
    return recache.compile(rf"(?:{verbs})(?!.*(?:{verbs}))", re.DOTALL)


@cache
def _means_verb_re() -> re.Pattern[str]:
    """A verb after a means (通过…提供, 依托…受理, 透过…新增): a predicate verb or a word of ``meansverb``."""
    w = _words()
    verbs = sorted({v for v in w.verbs_sorted if len(v) > 1} | set(w.means_verbs), key=lambda v: (-len(v), v))
    return recache.compile("|".join(map(re.escape, verbs)))


@cache
def _adverb_verb_tail() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in _words().verbs_sorted if len(v) > 1)
    return recache.compile(rf"(?:已经|已|均已|都已)(?:{verbs})$")


@cache
def _adverb_verb_object() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in _words().verbs_sorted if len(v) > 1)
    return recache.compile(rf"(?:已经|已|均已|都已)(?:{verbs})([{HAN}]{{2,8}})$")


@cache
def _verb2_re() -> re.Pattern[str]:
    """A predicate verb of two characters or more, at the start."""
    return _lead_re(tuple(v for v in _words().verbs_sorted if len(v) > 1))


@cache
def _verb2_words() -> tuple[str, ...]:
    """The predicate verbs of two characters or more (每餐可享受3元基础补贴: the object names it)."""
    return tuple(v for v in _words().verbs_sorted if len(v) > 1)


@cache
def _verb_any_re() -> re.Pattern[str]:
    return recache.compile("|".join(re.escape(v) for v in _words().verbs_sorted if len(v) > 1))


def _strip_lead(s: str, words: Sequence[str] | _WordSet, more: _WordSet | None = None) -> str:
    """Strip words of ``words`` (and of ``more``) from the start, repeatedly.

    A word goes when it is the whole phrase or at least two characters stay
    (``发放率`` keeps ``发放``: one character is no indicator). With ``more`` the longest
    word of either set goes, as if they were one set (a document's own place names join
    the lexicon's without compiling the lexicon's pattern again for every document).
    """
    s = s.lstrip(_TRIM)
    ws = _wordset(words if isinstance(words, (tuple, _WordSet)) else tuple(words))
    if not s or ((s[0] not in ws.first or not s.startswith(ws.words))
                 and (more is None or s[0] not in more.first or not s.startswith(more.words))):
        return s  # no word to strip (nine calls in ten): no pattern match
    while s:
        s = s.lstrip(_TRIM)
        m = ws.lead.match(s)
        end = m.end() if m else 0
        if more is not None:
            m2 = more.lead.match(s)
            end = max(end, m2.end() if m2 else 0)
        if not end or not (end == len(s) or len(s) - end >= 2):
            break
        s = s[end:]
    return s


def _strip_trail(s: str, words: Sequence[str] | _WordSet) -> str:
    """Strip every trailing run of ``words`` (and clause punctuation) from the end."""
    m = _trail_search(s, words if isinstance(words, (tuple, _WordSet)) else tuple(words))
    return s[: m.start()] if m else s


_TRIM_ENDS = frozenset((*_TRIM, "\n"))


def _trail_search(s: str, words: tuple[str, ...] | _WordSet) -> re.Match[str] | None:
    """``_wordset(words).trail.search(s)``, skipped when ``s`` cannot end in one of ``words``.

    A match ends at the end of ``s`` (or before a final newline), and 99 phrases in 100
    end in a noun: one set look-up instead of a search that tries every start position.
    """
    if not s:
        return None
    ws = _wordset(words)
    c = s[-1]
    if c not in _TRIM_ENDS and (c not in ws.last or not s.endswith(ws.words)):
        return None
    return ws.trail.search(s)


def _end_search(s: str, words: tuple[str, ...] | _WordSet) -> re.Match[str] | None:
    """``_wordset(words).end.search(s)``, skipped when ``s`` cannot end in one of ``words``."""
    if not s:
        return None
    ws = _wordset(words)
    c = s[-1]
    if c != "\n" and (c not in ws.last or not s.endswith(ws.words)):
        return None
    return ws.end.search(s)


_BRACKET_CHAR = recache.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE) + "“”") + "]")


def _balanced(s: str) -> str:
    """Drop an unmatched opening or closing bracket/quote left at either end by a cut."""
    if _BRACKET_CHAR.search(s) is None:
        return s.strip(_TRIM)  # nothing to balance (most phrases)
    for o, c in _OPEN.items():
        if s.count(o) != s.count(c):
            s = s.replace(o, "").replace(c, "") if o not in _QUOTE_CHARS else s
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "")
    return s.strip(_TRIM)


# ------------------------------------------------------------------ phrase after a number


# Units that count editions or sessions of an activity (六届, 3期, 12场): when nothing names it
# beside the number, the activity is the one named in the clause before.
_EVENT_UNITS = frozenset({"届", "期", "场", "次", "轮", "季", "批次"})


@cache
def _predicate_start_re() -> re.Pattern[str]:
    w = _words()
    # (not a rank: 已连续两个月排名末位 is a streak, not a duration that something measures)
    return _lead_re((*w.verbs_sorted, *(a for a in w.stopnp if a not in w.rank), *w.lead, *w.after))


@cache
def _connect2_re() -> re.Pattern[str]:
    return _lead_re(tuple(v for v in _words().connect if len(v) > 1))


def starts_predicate(text: str, pos: int) -> bool:
    """Does a verb, adverb or post-number qualifier begin at ``pos``?"""
    return _predicate_start_re().match(text, pos) is not None


def _adverb_verb(t: str, w: _Words) -> bool:
    """Is the token an adverb of ``stopnp`` glued to a verb (``全面推行``, ``陆续开展``)?"""
    return any(t.startswith(a) and t[len(a):] in w.verbs for a in w.stopnp)


@cache
def _np_adverbs() -> tuple[str, ...]:
    return tuple(a for a in _words().stopnp if a not in ("由", "被", "为", "是", "等"))


@cache
def _connect_long() -> tuple[str, ...]:
    return tuple(v for v in _words().connect if len(v) > 1)


def _np_after(text: str, start: int, stop: int, partition: bool = False) -> tuple[str, bool]:
    """The noun phrase written after a number, and whether it is a verb phrase instead.

    ``联络专员了解社区服务情况`` -> (``联络专员``, False); ``投入使用`` -> (``投入使用``, True).
    """
    w = _words()
    seg = text[start:stop]
    for q in w.after if seg.startswith(w.after) and not seg.startswith(w.after_none) else ():
        if seg.startswith(q):
            seg = seg[len(q):]
            break
    if seg.startswith("的"):
        seg = seg[1:]
    seg = seg.strip(_TRIM)
    adverbs = _np_adverbs()
    for a in adverbs if seg.startswith(adverbs) else ():
        if seg.startswith(a) and len(seg) > len(a):
            if not partition:
                return "", False  # 六届共投入…: a number before an adverb is the topic, not an object
            seg = seg[len(a):]  # 其中12项已完成: the adverb is not part of the phrase
            break
    if not partition and seg.startswith(w.change_adv):
        return "", False  # 由600元逐年提高至800元: an adverb of the change that follows, no noun
    for g in w.give if seg.startswith(w.give) else ():
        if seg.startswith(g) and len(seg) > len(g) + 1:
            seg = seg[len(g):]  # 每人2000元给予留用奖励: what the sum pays for
            break
    if seg.startswith(("和", "及", "与", "或", "以及", "并")):
        return "", False  # 41间及长者邻舍中心: the next item of a list, not this number's noun
    if not seg or not (_NP_START.match(seg) or _LABEL_START.match(seg)):
        return "", False  # punctuation or a bracket: a parenthetical, not the counted noun
    # Words are cut lazily: the phrase usually ends within the first run of Han characters,
    # and the window can run far on a page without punctuation.
    toks = segment.cut(seg)
    first = next(toks, None)
    if first is None:
        return "", False
    if seg.startswith(("户均", "人均", "平均")):
        return "", False  # 带动农户420户户均增收3800元: a per-base of the next figure, not this one's noun
    if _connect2_re().match(seg) or (seg.strip() in ("至", "到") and _NUMBER_AHEAD.match(text, stop)):
        return "", False  # 由A增至B, 增加430人至1229人: the words after A are the construction, not a noun
    if first in w.verbs or (partition and _verb2_re().match(first)):
        return seg, True
    if seg.startswith(w.rank):
        return "", False  # 新北市12万户最多: a rank, no noun; the subject before the number names it
    out: list[str] = []
    depth = 0
    pos = 0
    for t in chain((first,), toks):
        if t in _OPEN or t in "“(（":
            depth += 1
        elif t in _CLOSE or t in "”)）":
            depth = max(0, depth - 1)
        elif t == "的" and depth == 0 and out and out[-1].endswith("下") and len(out) >= 2:
            pass  # 配额及计分制下的非长者一人申请: a scheme's 下 before 的 qualifies the noun after it
        elif depth == 0 and out and (t in w.verbs or t in w.stopnp or t == "的" or (
                len(t) == 1 and _verb2_re().match(seg, pos)) or (
                len(t) >= 3 and t.startswith(w.stopnp) and _adverb_verb(t, w))):
            break  # a predicate begins (a single-character token: jieba split an unknown verb;
            # 全面推行: jieba kept an adverb and its verb together)
        out.append(t)
        pos += len(t)
    phrase = "".join(out)
    phrase = _strip_trail(phrase, ("和", "及", "与", "以及", "等", "的", "中"))
    return _balanced(phrase), False


# ------------------------------------------------------------------ phrase before a number


def _clean_left(s: str, places: Sequence[str]) -> tuple[str, str | None, bool]:
    """Words before a number -> (indicator, change word or None, ended in a connector).

    Time words are already cut by the caller.
    """
    w = _words()
    ws = _word_sets()
    s = s.strip(_TRIM)
    if s and s[0] in _HEADER_FIRST:
        s = _HEADER.sub("", s)
    if not s:
        return "", None, False  # one call in eight: nothing before the number
    gap = ""
    if s[-1] in "高低" and (m := _OTHER_BASELINE.search(s, 0, len(s) - 1)) and not _TIME_BASELINE.search(m.group(1)) \
            and not _in_longer_word(s):
        # 居民人均预期寿命比全省平均水平高0.85岁: a gap to another place or group, not a change
        gap = ("高于" if s[-1] == "高" else "低于") + m.group(1)
        s = s[:m.start()]
        if not s.strip(_TRIM):
            return gap, None, False
    if "多" in s or "少" in s or "高" in s or "低" in s:
        s = _spoken_to_change(s)
    change = None
    connected = False
    # (Each step below is tried only when its key character is in the phrase: a look-up in
    # a short string costs a tenth of a pattern call.)
    # Qualifiers, linking verbs and a per-unit base (每人每月, 每十万人口) right before the number.
    if "每" in s:
        s = _PER_BASE_TAIL.sub("", s)
    s = _strip_trail(s, ws.perbase)
    m = _trail_search(s, ws.ends)
    if m:
        connected = ws.connect.trail.search(s, m.start()) is not None
        s = s[: m.start()]
    m = _end_search(s, ws.change)
    if m:
        change = m.group()
        s = _strip_trail(s[: m.start()], w.change_adv)  # 城乡低保标准稳步提高, 收入、支出总计各增加
    s = _strip_trail(s, ws.trail)
    if s.endswith("计") and len(s) > 2 and not s.endswith(w.ji_words):
        s = s[:-1]  # 全国低收入户计14万户: 计 is "in all" (but 预计, 统计, 设计 are words)
    m = ws.compare.tail.search(s)
    if m and (s.startswith(w.compare_heads, m.end(1)) or (m.group(1) in w.compare_kept and m.start(1) > 0)):
        pass  # CPI同比涨幅: 同比 names the rate, it is no baseline here; 工单环比增长: month on month
    elif m:
        s = s[: m.start(1)] + s[m.end(1):]
        if (m2 := ws.compare.tail.search(s)) is not None and m2.group(1) not in w.compare_kept:
            s = s[: m2.start(1)] + s[m2.end(1):]  # 按可比口径同比增长: both baselines go
            s = s[:-1] if s.endswith("按") else s  # (a preposition left alone)
    else:
        if change:
            # 比现行标准提高, 较2020年增长: any baseline written as 比/较 + a short phrase
            m = _BASELINE_TAIL.search(s)
            if m:
                s = s[: m.start()]
    s = _strip_trail(s, ws.trail)
    # A prepositional phrase after the subject is an adverbial (岗位补贴按当地最低工资标准的…).
    m = _PREPOSITION.search(s) if ("按" in s or "根据" in s or "依" in s) else None
    if m:
        s = s[: m.start()]
    # 简约公屋的租金将订为同区新落成公屋租金的九成: X set as a share of Y names X.
    m = _SET_AS.match(s) if "为" in s else None
    if m:
        s = m.group(1)
    # X占Y的比重 / X约占Y: a share of X (the whole Y is implied by 占比).
    m = _SHARE_OF.match(s) if "占" in s else None
    if m:
        s = m.group(1) + (m.group(3) or "占比")
    # 「补充劳工优化计划」下已批出…: the scheme named before 下 frames the figure, it is not it.
    m = _SCHEME_PREFIX.match(s) if "下" in s else None
    if m and len(s) - m.end() >= 2:
        s = s[m.end():]
    # A subject before a reporting adverb (机构共处理案件): what follows the adverb names it.
    # With a bare verb after the adverb (交通接送服务共提供9万趟次) the subject names it.
    for pv in w.pivot if any(c in s for c in w.pivot_first) else ():
        idx = s.rfind(pv)
        rest = s[idx + len(pv):] if idx > 0 else ""
        vm = _verb2_re().match(rest) if len(rest) >= 2 else None
        if vm:
            s = rest if len(rest) - vm.end() >= 2 or idx < 2 else s[:idx]
            break
    bare = _strip_lead(s, w.places_lead, _place_words(tuple(places)))
    s = bare if bare or s not in places else s  # (1. 海澄市　1510元: a place alone still names its figure)
    s = _strip_trail(s, ws.trail_perbase)
    # 为新入伍士兵家庭等悬挂光荣牌 / 子女入学等实际困难: a list closed by 等 qualifies the head after it.
    m = _LIST_ETC.search(s) if "等" in s else None
    if m and len(s) - m.end() >= 2 and (_verb2_re().match(s, m.end()) or "、" in s[: m.end()]):
        s = s[m.end():]
    elif m and len(s) - m.end() >= 2 and (vm := _verb2_re().match(s)) and vm.end() < m.end() - 1:
        s = s[:vm.end()] + s[m.end():]  # 新建城区第二幼儿园等幼儿园: the verb and the head after 等
    if s.startswith("因") and (m := _CAUSE_LEAD.match(s)) and len(s) - m.end() >= 3:
        s = s[m.end():]  # 因政府信息公开工作被申请行政复议9件: the cause is no part of what is counted
    if "简称" in s:
        found = list(_ALIAS.finditer(s))  # (asides hold no brackets: they never overlap)
        if found and found[-1].end() == len(s):
            return found[-1].group(1), change, connected  # A、B、C（简称“三属”）612人: the short name names the group
        m = found[0] if found else None
        if m and m.start() <= 12:
            # 职工基本医疗保险（以下简称职工医保）参保186万人: the text goes on with the short name
            s = m.group(1) + s[m.end():]
        s = _ALIAS_PAREN.sub("", s)
    # 依托12345热线受理政务公开类咨询, 社署透过「改善买位计划」新增资助宿位: a means (通过, 依托) before
    # a verb and its object says how it was done; the verb and its object name the figure.
    if any(c in s for c in w.means_first) and (m := _wordset(w.means).tail.search(s)):
        v = _means_verb_re().search(s, m.end(1) + 2)
        if v and v.start() - m.end(1) <= 16 and len(s) - v.end() >= 2 and "的" not in s[m.end(1):v.start()]:
            s = s[v.start():]
    # An agent before a verb and its object (市财政会同市应急管理局下拨救灾资金): the verb and
    # object name the figure; the agent only says who reported it.
    m = _svo_verb().search(s) if len(s) >= 7 else None  # agent (1+) + verb (2+) + object (2+)
    if (m and m.start() >= 3 and len(s) - m.end() >= 2 and "的" not in s[m.start():]
            and _agent_re().search(s, 0, m.start())):
        s = s[m.start():]
    # 为每张照护床位给予一次性改造补贴3000元: after a beneficiary, what is given names the sum
    if (m := ws.give.tail.search(s)) and m.start(1) >= 2 and len(s) - m.end(1) >= 2:
        s = s[m.end(1):]
    # 据点已设置312处: the subject is the noun before 已 + verb
    m = _adverb_verb_tail().search(s) if "已" in s else None
    if m and m.start() >= 2:
        s = s[: m.start()]
    elif "已" in s and (m := _adverb_verb_object().search(s)) and m.start() >= 2:
        s = m.group(1)  # 监测平台已归集低收入人口6873.5万人: what the verb took in is counted
    for inf in w.infix if any(c in s for c in w.infix_first) else ():
        idx = s.find(inf)
        if idx > 0 and idx + len(inf) <= len(s) and not s.startswith(w.infix_nouns, idx + len(inf)):
            s = s[:idx] + s[idx + len(inf):]  # (at the end too: 资助总额预计 | 增加6%; but 累计结存 is a noun)
    if "有" in s:
        s = _HAVE_INFIX.sub("", s)  # 特殊教育学校有专任教师36人: the teachers the schools have
    if "(" in s or "（" in s:
        # 固定资产投资（不含农户）, 失业率（未经季节性调整）: a scope note, not part of the name
        s = _SCOPE_NOTE.sub("", s)
        s = _UNIT_NOTE.sub(lambda m: "" if m.group(1).lstrip("十百千万亿") in _unit_words() else m.group(0), s)
    if "的" in s:
        s = _SHARE_DE.sub(r"\1\2", s)  # 护理型床位的占比 -> 护理型床位占比, as 比重 and 占比 are written
    if s.endswith("均"):
        s = _MEASURE_ALL.sub("", s)  # 两项覆盖率均达到100%: 均 (both) is no part of the rate
    return _balanced(s) + gap, change, connected


@cache
def _connect_stems() -> frozenset[str]:
    """Connecting verbs without their 至/到 (跃升 of 跃升至, when a time phrase took the 至)."""
    return frozenset(c[:-1] for c in _words().connect if c.endswith(("至", "到")) and len(c) > 1)


_SPOKEN_CHARS = frozenset("多少高低")


def _in_longer_word(head: str) -> bool:
    """Does the last character of ``head`` end a longer word (提高, 减少, 最多, 许多)?"""
    w = _words()
    two = head[-2:]
    return len(two) == 2 and (two in w.change_set or two in w.verbs or two in w.not_spoken)


_BASELINE_END = recache.compile(r"(?:(?:比|较)[^，,；;。、]{1,10}?|同比|环比)$")


def _spoken_to_change(s: str) -> str:
    """``同比多了`` -> ``同比增加``: a spoken comparative before the number (and any trail words
    after it: ``多了将近``) becomes the change word it means, so the indicator reads like any
    other change (救助资金增加), whatever the register. A bare ``多``/``高`` counts only after a
    baseline (``比去年多``); with ``了`` (``多了``) it always does.
    """
    w = _words()
    m = _trail_search(s, w.trail)
    cut = m.start() if m else len(s)
    head = s[:cut]
    if not head or head[-1] not in _SPOKEN_CHARS or _in_longer_word(head):
        return s  # (提高了: 高 belongs to 提高, a change verb already)
    if s.startswith("了", cut):
        change = w.spoken.get(head[-1] + "了")
        tail = s[cut + 1:]
    else:
        change = w.spoken.get(head[-1]) if _BASELINE_END.search(head, 0, len(head) - 1) else None
        tail = s[cut:]
    return head[:-1] + change + tail if change else s


_OTHER_BASELINE = recache.compile(r"比([^，,；;。、比较（(]{2,12})$")
_TIME_BASELINE = recache.compile(r"[年月季期日周]|上|去|前|同|以往|过去")


class _Sets:
    """The word sets _clean_left strips with, looked up once per process (not per call)."""

    __slots__ = ("perbase", "ends", "change", "trail", "trail_perbase", "connect", "compare", "give")

    def __init__(self, w: _Words) -> None:
        for name in self.__slots__:
            setattr(self, name, _wordset(getattr(w, name)))


@cache
def _word_sets() -> _Sets:
    return _Sets(_words())


@lru_cache(maxsize=64)
def _place_words(places: tuple[str, ...]) -> _WordSet:
    """The word set of a document's own place names (small: built once per document)."""
    return _WordSet(places)


def _cut_after_time(doc: Doc, lo: int, start: int) -> int:
    """Everything up to the end of the last time expression in [lo, start) is scope, not indicator."""
    index = time_index(doc.times)
    if index is not None:
        return index.last_end_within(lo, start)
    cut = lo
    for t in doc.times:
        if lo <= t.start and t.end <= start or t.start < lo < t.end:
            cut = max(cut, t.end)
    return cut


@lru_cache(maxsize=1)
def _bound_of_base() -> re.Pattern[str]:
    """``X(最高)不超过Y``: a subject, a bound of ``qualifiers.tsv`` and the base the number is a share of."""
    alt = "|".join(map(re.escape, bound_words("over", "under")))
    return recache.compile(rf"^(.{{2,}}?)(?:最高|最低|最多|最少)?(?:{alt})[^，,。；;：:、]{{2,14}}$")


@lru_cache(maxsize=1)
def _per_links() -> re.Pattern[str]:
    """Only the words that link a per-base to its sum (per.tsv's link words that are no verbs of
    their own, a bound, a currency): 每人每月最高可使用新臺幣1,340元."""
    words = [r[0] for r in lexicon.rows("per.tsv") if len(r) >= 2 and r[1] == "link" and "names" not in r[2:]]
    words += [r[0] for r in lexicon.rows("qualifiers.tsv") if len(r) >= 3 and r[2] == "before" and r[1] != "none"]
    words += [r[0] for r in lexicon.rows("indicator_words.tsv") if len(r) >= 2 and r[0].endswith(("币", "元"))]
    alt = "|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w))))
    return recache.compile(rf"(?:\s*(?:{alt}))*\s*")


def _times_at(doc: Doc, pos: int) -> Sequence[TimeExpr]:
    """The time phrases that could start or end at ``pos`` (all of them, when there is no index)."""
    return times_around(doc.times, pos - 1, pos + 1)


def _comparison_ends_at(doc: Doc, pos: int) -> bool:
    """Does a comparison phrase (比上年, 较年初) end at ``pos``?"""
    return any(t.end == pos and t.role == "comparison" for t in _times_at(doc, pos))


def _time_starting_at(doc: Doc, pos: int) -> int:
    """The end of a time expression that starts at ``pos``, else 0."""
    return next((t.end for t in _times_at(doc, pos) if t.start == pos), 0)


def _without_times(doc: Doc, lo: int, hi: int) -> str:
    """The text of [lo, hi) with its time expressions removed."""
    text = doc.norm.text
    parts: list[str] = []
    pos = lo
    for t in times_around(doc.times, lo, hi):
        if t.end <= lo or t.start >= hi:
            continue
        parts.append(text[pos:max(pos, t.start)])
        pos = max(pos, t.end)
    parts.append(text[pos:hi])
    return "".join(parts)


def right_first(text: str, end: int, numbers: Sequence[NumberMention], k: int) -> bool:
    """Is a noun written right after the number (``的`` or a Han character that is not a verb)?"""
    nxt = text[end:end + 1]
    return nxt == "的" or (bool(nxt) and HAN_CHAR.match(nxt) is not None
                            and not _lead_re(_words().connect).match(text, end))


def _strip_dangling_de(s: str) -> str:
    """Keep the head of ``A的B`` when A is a short possessor or a relative clause.

    ``平台的先后锻炼干部`` (A of two characters) and ``社工局向民间机构发放的资助金额`` (A holds a
    verb, B is a full noun phrase of four characters or more) keep B; ``享受补贴的人数`` keeps
    all, since ``人数`` alone names nothing.
    """
    idx = s.find("的")
    if 0 < idx <= 2 and len(s) - idx - 1 >= 2:
        return s[idx + 1:]
    last = s.rfind("的")
    if last >= 8 and len(s) - last - 1 >= 4 and _verb_any_re().search(s, 0, last):
        return s[last + 1:]
    return s


# ------------------------------------------------------------------ enumerations (分别)

_RESP_OBJECT = recache.compile(rf"[{HAN}“”]{{0,9}}[{HAN}”](?<!的)")  # what the verb after 分别 acts on (not X的N%)
_RESPECTIVELY_GLUE = recache.compile(
    r"^(?:(?:为|占)[^，。；,;、0-9]{1,10}?的|为|是|达|达到|有|约|近|超过|超|逾|占|按|按照|给予|增至|降至|提高到|提高至|增长|增加|提高|下降|减少|名义|实际|"
    r"降低|上涨|同比|环比|了|(?:比|较)[^，。；,;、]{1,8}?(?=增|减|提|降|上|下)|"
    r"每人每月|每人每年|每月|每人|每户|元|以上|左右|[,，、和及与\s])*$"
)
_CONJ = recache.compile(r"、|和|及|与|以及")


class _Positions:
    """Where the words that reach back across a sentence occur, found once per document.

    Several rules ask "is there a 分别 / 其中 / an open bracket between the sentence start
    and this number?". Scanning the sentence for every number is quadratic on a page with
    no sentence ends (one 1 MB "sentence"); a sorted list and a binary search are not.
    """

    __slots__ = ("starts", "respectively", "part_ends", "part_best", "opens", "closes")

    def __init__(self, text: str, numbers: Sequence[NumberMention]) -> None:
        self.starts = [n.start for n in numbers]
        self.respectively = _occurrences(text, ("分别", "依次"))  # (依次: in that order)
        parts = sorted((e, b) for b, e in _occurrences_spans(text, _words().partition))
        self.part_ends = [e for e, _ in parts]
        best: list[int] = []
        for _, b in parts:  # latest start among occurrences ending at or before each end
            best.append(max(b, best[-1]) if best else b)
        self.part_best = best
        self.opens = _occurrences(text, ("(",))
        self.closes = _occurrences(text, (")",))

    def first_at_or_after(self, pos: int, hi: int) -> int:
        """Index of the first number starting at or after ``pos`` (at most ``hi``)."""
        return bisect_left(self.starts, pos, 0, hi)

    def last_respectively(self, lo: int, hi: int) -> int:
        """``text.rfind("分别", lo, hi)``."""
        i = bisect_right(self.respectively, hi - 2) - 1
        return self.respectively[i] if i >= 0 and self.respectively[i] >= lo else -1

    def partition_within(self, lo: int, hi: int) -> bool:
        """Does a partition word (其中) lie wholly inside ``[lo, hi)``?"""
        i = bisect_right(self.part_ends, hi) - 1
        return i >= 0 and self.part_best[i] >= lo

    def open_paren(self, lo: int, hi: int) -> bool:
        """More ``(`` than ``)`` in ``[lo, hi)``."""
        return (bisect_left(self.opens, hi) - bisect_left(self.opens, lo)
                > bisect_left(self.closes, hi) - bisect_left(self.closes, lo))


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every (possibly overlapping) occurrence of ``words``."""
    return sorted(b for b, _ in _occurrences_spans(text, words))


def _occurrences_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            out.append((i, i + len(word)))
            i = text.find(word, i + 1)
    return out


def _respectively(text: str, numbers: Sequence[NumberMention], k: int, sent: tuple[int, int],
                  pos: _Positions) -> tuple[int, int] | None:
    """For a number in ``A、B分别为X、Y``: (position of 分别, index of the number in the list)."""
    n = numbers[k]
    p = pos.last_respectively(sent[0], n.start)
    if p < 0:
        return None
    idx = 0
    cursor = p + 2
    verb = _verb2_re().match(text, cursor)  # 分别募集2806万元和1480万元
    j0 = pos.first_at_or_after(cursor, k + 1)
    first = numbers[j0] if j0 <= k else n
    if verb and not _RESPECTIVELY_GLUE.match(text[cursor:first.start]):
        cursor = verb.end()
        if not _RESPECTIVELY_GLUE.match(text[cursor:first.start]) and _RESP_OBJECT.fullmatch(text, cursor, first.start):
            cursor = first.start  # 分别筹集养老服务资金12.36亿元、10.84亿元: the verb and its object
    for j in range(j0, k):  # (numbers before j0 start before 分别: skipped)
        m = numbers[j]
        if m.start < cursor:
            continue
        if not _RESPECTIVELY_GLUE.match(text[cursor:m.start]):
            return None
        idx += 1
        cursor = m.end
    if not _RESPECTIVELY_GLUE.match(text[cursor:n.start]):
        return None
    return p, idx


def _respectively_len(text: str, numbers: Sequence[NumberMention], k: int, p: int) -> int:
    """How many numbers the 分别 list starting at ``p`` holds (counting forward from number k)."""
    first = k
    while first > 0 and numbers[first - 1].start > p:
        first -= 1
    count = 1
    j = first
    while j + 1 < len(numbers) and _RESPECTIVELY_GLUE.match(text[numbers[j].end:numbers[j + 1].start]) \
            and _LIST_SEP.search(text[numbers[j].end:numbers[j + 1].start]):
        count += 1
        j += 1
    return count


def _clause_before(doc: Doc, clause_lo: int, sent: tuple[int, int]) -> tuple[int, str] | None:
    """The clause ending just before ``clause_lo`` (at its comma), within the sentence: where it
    starts, and its text with the time expressions removed."""
    text = doc.norm.text
    end = clause_lo - 1
    if end <= sent[0]:
        return None
    start = end
    while start > sent[0] and text[start - 1] not in _CLAUSE_STOP:
        start -= 1
    return start, _without_times(doc, start, end)


def _holds_figure(numbers: Sequence[NumberMention], pos: _Positions, k: int, lo: int, hi: int) -> bool:
    """Does one of the numbers before number ``k`` start in ``[lo, hi)``? (六百三十五元 has no digit.)"""
    j = pos.first_at_or_after(lo, k)
    return j < k and numbers[j].start < hi


def _strip_among(s: str) -> str:
    """``公屋住户中`` -> ``公屋住户``: a locative "among" at the end goes; anything else stays."""
    for loc in _words().among:
        if s.endswith(loc):
            return s[: -len(loc)]
    return s


_LEVELS = recache.compile(r"[两二三四五]级")


def _verb_after_respectively(text: str, p: int, start: int) -> str:
    """``分别募集2806万元``: the verb between 分别 and the list names what each figure is (with its
    object: ``分别筹集养老服务资金12.36亿元、10.84亿元``)."""
    m = _verb2_re().match(text, p + 2)
    if m and m.group() not in ("为", "是", "达到", "占") and m.end() <= start:
        o = _RESP_OBJECT.match(text, m.end(), start)
        return text[m.start():o.end()] if o and not _RESPECTIVELY_GLUE.match(text[m.end():start]) else m.group()
    if text.startswith("占", p + 2) and not text.startswith("占比", p + 2):
        return "占比"  # 城镇和农村人口分别占总人口的61.2%和38.8%: each item's share
    return ""


def _conj_split(subject: str) -> list[str]:
    """``A、B和C`` -> its items, never cut inside a name that holds a conjunction of its own
    (``批发和零售业、住宿和餐饮业``: two items; compound_names.tsv)."""
    names = _compound_names_re()
    if names is None or not names.search(subject):
        return [x for x in _CONJ.split(subject) if x]
    keep = [(m.start(), m.end()) for m in names.finditer(subject)]
    parts, last = [], 0
    for m in _CONJ.finditer(subject):
        if not any(s <= m.start() < e for s, e in keep):
            parts.append(subject[last:m.start()])
            last = m.end()
    parts.append(subject[last:])
    return [x for x in parts if x]


@cache
def _compound_names_re() -> re.Pattern[str] | None:
    names = sorted(lexicon.words("compound_names.tsv"), key=lambda w: (-len(w), w))
    return recache.compile("|".join(map(re.escape, names))) if names else None


def _bracket_opening(text: str, lo: int, hi: int) -> int:
    """Where the last bracket opening in ``[lo, hi)`` stands (either width), else -1."""
    return max(text.rfind("（", lo, hi), text.rfind("(", lo, hi))


def _outside_aside(text: str, numbers: Sequence[NumberMention], k: int, sent: tuple[int, int]) -> int:
    """The figure a change after ``numbers[k - 1]`` speaks of: that one, or, when it stands in a
    bracket closed before the change, the one before the bracket (募得善款1.53亿元（含配捐资金2,860万元），
    较上年增长18.2%: the sum grew, not its part)."""
    j = k - 1
    prev = numbers[j]
    close = max(text.rfind("）", prev.end, numbers[k].start), text.rfind(")", prev.end, numbers[k].start))
    if close < 0:
        return j
    opening = _bracket_opening(text, max(sent[0], prev.start - 200), prev.start)  # (bounded: stays linear)
    while j > 0 and opening >= 0 and numbers[j].start > opening and numbers[j - 1].start >= sent[0]:
        j -= 1
    return j if numbers[j].start < opening else k - 1


def _found_doing(text: str, end: int, hi: int) -> str:
    """What the people or cases counted after 发现/查出 did: the rest of their clause (2-20 characters)."""
    reach = 40 if text.startswith("在", end) else 24  # (a 在…的同时 clause may be long)
    m = _CLAUSE_MARK_RE.search(text, end, min(hi, end + reach))
    stop = m.start() if m else min(hi, end + reach)
    phrase = text[end:stop].strip()
    if m is not None and _WHILE_CLAUSE.fullmatch(phrase):
        # 发现1326人在领取职工养老金的同时，违规领取城乡居民养老保险待遇: what they did follows the 在…时 clause
        return _found_doing(text, m.end(), hi)
    return phrase if 2 <= len(phrase) <= 20 and not _DIGIT.search(phrase) else ""


_WHILE_CLAUSE = recache.compile(r"在.{1,36}(?:的同时|同时|时|期间)")


def _beneficiary(text: str, lo: int, start: int) -> str:
    """``对取得…证书的养老护理员，给予每人每月不低于500元的岗位津贴``: the head noun of whom a sum is
    given to (after its last 的), when the clause opens with 对/向/为 and the next one gives."""
    m = None
    for found in _GIVEN_TO.finditer(text, max(lo, start - 60), start):
        m = found
    if m is None or _CLAUSE_MARK_RE.search(text, m.end(), start):
        return ""
    head = m.group(1).rpartition("的")[2]
    return head if 2 <= len(head) <= 8 else ""


def _past_qualifier(n: NumberMention) -> int:
    """Where the phrase after a number starts: past a qualifier written after it (70%以上的行政村)."""
    q = n.qualifier_span
    return q[1] if q is not None and q[0] >= n.end else n.end


_CN_DIGITS = "零一二三四五六七八九十"
_ORDINAL_RANGE = recache.compile(r"第([0-9]{1,2}|[一二三四五六七八九十]{1,2})([级档类批期组])(?:至|到|-|—)"
                                 r"第([0-9]{1,2}|[一二三四五六七八九十]{1,2})\2(?:的)?")


def _ordinal_range_items(subject: str, n_items: int) -> list[str]:
    """``第一级至第六级的共付额分别为5%、8%…``: one item per ordinal of the range, with the head after it."""
    m = _ORDINAL_RANGE.search(subject)
    if m is None:
        return []
    digits = m.group(1).isdigit()
    lo, hi = numerals.parse_numeral(m.group(1)), numerals.parse_numeral(m.group(3))
    if lo is None or hi is None:
        return []
    a, b = int(lo), int(hi)
    if b - a + 1 != n_items or not 1 <= a <= b <= 10:
        return []
    head = subject[m.end():]
    return [f"{subject[:m.start()]}第{k if digits else _CN_DIGITS[k]}{m.group(2)}{head}" for k in range(a, b + 1)]


_FROM_TAIL = re.compile(r"由(?:现行的|原来的|原|上年的|去年的)?$")


def _elided_measure(label: str, before: list[str], w: _Words) -> str | None:
    """``农村`` after ``城市低保标准由…提高到…；``: the measure the clause before named, which this
    one leaves out (``农村低保标准``); None when the figure before names no such measure.

    The clause before names a group of the same length as ``label`` followed by a measure
    (``第一档（一类地区）月最低工资标准`` for ``第二档（二类地区）``).
    """
    prev = next((b for b in reversed(before) if b and not b.endswith(w.change)), "")
    if len(prev) < len(label) + 2 or prev.startswith(label):
        return None
    measure = prev[len(label):]
    if not measure.endswith(w.measure_ends) or measure[0] in "的之":
        return None
    # the group must end where a word ends (城市|低保标准), not inside one (城乡社区综|合服务设施)
    at = 0
    for tok in segment.cut(prev):
        at += len(tok)
        if at >= len(label):
            break
    return label + measure if at == len(label) else None


_BAND_NUMBER = re.compile(r"[0-9][0-9.]*(?:[—–\-~～至到][0-9][0-9.]*)?")
_BAND_BOUNDS = ("及以上", "及以下", "以上", "以下")


def _band_end(item: str) -> int:
    """Where a band that opens ``item`` ends (``90—144平方米``, ``90平方米及以下``), else 0."""
    m = _BAND_NUMBER.match(item)
    if m is None:
        return 0
    for k in range(min(4, len(item) - m.end()), 0, -1):
        if is_unit(item[m.end():m.end() + k]):
            end = m.end() + k
            bound = next((b for b in _BAND_BOUNDS if item.startswith(b, end)), "")
            return end + len(bound)
    return 0


def _split_items(subject: str, n_items: int = 0) -> list[str]:
    """``城市和农村居民最低生活保障标准`` -> the two full items; ``A、B、C`` -> three.

    With ``n_items`` (the figures of the list): a subject with more items than figures that
    、 alone cuts into as many keeps its 和 inside the last (``A、B、C和D`` for three figures).
    """
    parts = _conj_split(subject)
    if n_items >= 2 and len(parts) > n_items:
        commas = [x for x in subject.split("、") if x]
        if len(commas) == n_items:  # 低保对象、特困人员、孤儿和事实无人抚养儿童 for three figures
            parts = commas
    if len(parts) < 2:
        return [subject]
    last = parts[-1]
    if "的" in last:
        # 带病回乡退伍军人、参战参试退役人员的生活补助: every item takes the head after 的
        mod, _, head = last.rpartition("的")
        if len(head) >= 2:
            # a measure word keeps its 的 (享受A、B的人数 -> 享受A的人数); a compound noun does not
            if head in _MEASURE_HEADS:
                head = "的" + head
            return [x + head for x in parts[:-1]] + [mod + head]
    first = parts[0]
    if (band := _band_end(last)) and all(_band_end(x) == len(x) for x in parts[:-1]):
        # 90平方米及以下、90—144平方米新建商品住宅: bands of one measure, each the group of the head
        return [x + last[band:] for x in parts[:-1]] + [last]
    if len(parts) == 2:
        # 外出农民工和本地农民工平均年龄: the first item ends with a word the last repeats, and
        # what follows that word in the last is the head both share.
        for k in range(min(len(first), len(last) - 2), 2, -1):
            at = last.find(first[-k:])
            if at > 0 and len(last) - (at + k) >= 2:
                return [first + last[at + k:], last]
    short = max(len(x) for x in parts[:-1])
    if short * 2 <= len(last):
        # The earlier parts are modifiers sharing the last part's head. Where the first
        # modifier ends with a word the last part repeats (职工医保 / 城乡居民医保住院费用),
        # the head starts after that word; else after a modifier of the same length.
        first = parts[0]
        cut = short
        for k in range(min(len(first), len(last) - 1), 1, -1):
            at = last.find(first[-k:])
            if at >= 0:
                cut = at + k
                break
        head = last[cut:]
        if _LEVELS.match(head):
            # 市、县两级红十字会 -> 市级红十字会, 县级红十字会
            head = "级" + head[2:]
            return [x + head for x in parts[:-1]] + [last[:cut] + head]
        return [x + head for x in parts[:-1]] + [last]
    shared = next((h for h in _words().shared_heads if last.endswith(h) and len(last) > len(h)), "")
    if shared and not any(x.endswith((shared, shared[-1])) for x in parts[:-1]) \
            and all(len(x) <= len(last) - len(shared) + 2 for x in parts[:-1]):
        # 家庭服务、旅游和教育服务价格 (items of like length): the measure word is every item's (but
        # 事故起数和死亡人数: an item with a measure of its own, 起数, keeps it)
        return [x + shared for x in parts[:-1]] + [last]
    return parts


# ------------------------------------------------------------------ back to the text's own characters


def to_original(doc: Doc, phrase: str, lo: int, hi: int) -> str:
    """Rewrite a phrase built on the normalised text in the original's characters.

    The indicator keeps the text's own characters (traditional, full-width). Pieces
    of the phrase are found in the normalised window [lo, hi) and copied from the
    same offsets of the original; inserted glue (``的``) stays as it is.
    """
    norm, orig = doc.norm.text, doc.text
    if norm == orig or not phrase or norm[lo:hi] == orig[lo:hi]:
        return phrase  # (nothing was normalised in this window)
    window = norm[lo:hi]
    out: list[str] = []
    i = 0
    while i < len(phrase):
        best = 0
        pos = -1
        j = len(phrase)
        while j > i:
            pos = window.find(phrase[i:j])
            if pos >= 0:
                best = j - i
                break
            j -= 1
        if best:
            out.append(orig[lo + pos: lo + pos + best])
            i += best
        else:
            out.append(phrase[i])
            i += 1
    return "".join(out)


# ------------------------------------------------------------------ linking


def link_indicators(doc: Doc, numbers: Sequence[NumberMention]) -> list[str]:
    """One indicator per number, in order (earlier links feed later ones)."""
    text = doc.norm.text
    places = document_places(doc)
    w = _words()
    out: list[str] = []
    parts: set[int] = set()  # indices whose indicator names a part (其中7项投入使用)
    totals: dict[int, str] = {}  # sentence start -> the whole subject of its 分别 list
    restated: set[int] = set()  # indices that restate the figure before them (（折合19.8万单位）)
    shares: set[int] = set()  # indices of a share of a target or base (完成预算的101.8%, 达到全省的21%)
    pos = _Positions(text, numbers)
    sent_main: dict[int, str] = {}  # sentence start -> its first figure's indicator (no change word)
    for k, n in enumerate(numbers):
        sent = doc.segments.sentence_of(n.start) or (0, len(text))
        prev = numbers[k - 1] if k > 0 else None
        prev_same_sent = prev is not None and sent[0] <= prev.start
        lo = max(sent[0], prev.end if prev_same_sent else sent[0])
        aside = prev_same_sent and text.startswith(("）", ")"), prev.end) and n.start - prev.end <= 6 \
            and not any(c in "（(" for c in text[prev.end:n.start])
        if aside:
            # 高于序时进度（75%）7.9个百分点: the bracket restates a baseline; the words before it name the figure
            j = _outside_aside(text, numbers, k, sent)
            opening = _bracket_opening(text, max(sent[0], prev.start - 40), prev.start)  # (just before its figure)
            lo = max(sent[0], numbers[j].end if j < k - 1 else (sent[0] if opening >= 0 else prev.end))
        clause_start = _left_window(text, lo, n.start)
        if clause_start > lo and text[clause_start - 1] == "、" and (
                _ETC_HEAD.search(text, clause_start, n.start)
                or (not _DIGIT.search(_without_times(doc, lo, clause_start)) and (
                    _AND_TAIL.fullmatch(text, clause_start, n.start)
                    or (clause_start - 1 > lo
                        and (n.start - clause_start <= 4 or _short_items(text, lo, clause_start))
                        and (not prev_same_sent or _CLAUSE_MARK_RE.search(text, lo, clause_start)))))):
            # 协调解决官兵家属就业、子女入学等实际困难46件: a list closed by 等 is one phrase; so is a
            # list of nouns with no figure of its own (出租闲置校舍、厂房7处)
            clause_start = _left_window(text, lo, n.start, enum_stop=False)
        left_start = _cut_after_time(doc, clause_start, n.start)
        raw_left = text[left_start:n.start]
        if n.per_span is not None and left_start < n.per_span[0] and n.change is None \
                and _per_links().fullmatch(text, n.per_span[1], n.start):
            # 每人每月最高可使用1,340元: the per-base and what links it to the sum are the unit's
            raw_left = text[left_start:n.per_span[0]]
        elif n.per_span is not None and text[left_start:n.per_span[0]].strip() == "" and n.change is None \
                and _give_to_sum().fullmatch(text, n.per_span[1], n.start) \
                and (bc := _clause_before(doc, clause_start, sent)) is not None and bc[1] \
                and not _holds_figure(numbers, pos, k, bc[0], clause_start) and not _DIGIT.search(bc[1]):
            # 生活津贴依家庭总收入级距，每人每月发给4,280元: the clause before names the sum (a verb of
            # giving between the per-base and the sum names nothing; 每次收费60元 is named by 收费)
            raw_left = bc[1]
        if aside:
            raw_left = _NUMBER_ASIDE.sub("", raw_left)  # (the bracketed figure is not part of the name)
        next_start = numbers[k + 1].start if k + 1 < len(numbers) else len(text)
        right_stop = min(_right_window(text, n.end, sent[1], next_start), next_start)

        left, change, connected = _clean_left(raw_left, places)
        left = _strip_lead(_strip_dangling_de(left), w.lead)
        if "以" in left and (bm := _BY_WHOM.fullmatch(left)) is not None:
            left = bm.group(2) + _AMONG_HEAD.sub("", bm.group(1))  # 粗出生率以新竹市8.46‰最高: 新竹市粗出生率
        if left.endswith("之") and change is None and (main := sent_main.get(sent[0])) \
                and (who := _GAP_LEAD.sub("", _BRACKETED.sub("", left[:-1] if left != "之" else _clean_left(
                    _without_times(doc, clause_start, n.start), places)[0][:-1]))) and len(who) <= 6:
            left = who + main  # 失业率为3.36%，低于美国（9月）之4.1%: America's rate (之: of)
        if left in w.give and prev_same_sent and out and change is None and not text.startswith("的", n.end) \
                and not _np_after(text, n.end, right_stop)[0]:
            left = _strip_trail(_strip_trail(out[-1], w.change), w.lead) + left  # 收入预期增长3.5%，安排22.11亿元
        if left in w.casualty and prev_same_sent and out and change is None and prev.unit in w.event_units \
                and text[prev.end:clause_start].strip() in ("、", "，", ",") \
                and not _np_after(text, n.end, right_stop)[0]:
            # 发生较大事故6起、死亡23人: the toll of those accidents, 较大事故死亡人数
            left = _strip_trail(out[-1], w.change) + left + ("人数" if n.unit == "人" else "")
        if left.startswith(("高于", "低于")) and prev_same_sent and out and change is None:
            # 81.2岁，比全省平均水平高0.85岁: the gap of that figure (not of a baseline in brackets)
            left = _strip_trail(out[_outside_aside(text, numbers, k, sent)], w.change) + left
        if left and "占" in raw_left[-4:] and _SHARE_END.search(raw_left) and not _RATIO_WORD.search(left) \
                and not left.endswith("占比"):
            # 选择居家养老的占72.5%, 城镇人口约占61.2%: the share of X (the whole implied); a relative
            # clause keeps its 的 (选择居家养老的占比)
            de = _strip_trail(raw_left[:raw_left.rfind("占")], w.share_adverbs).endswith("的")  # (的仅占, 的约占)
            left += "的占比" if de and not left.endswith("的") else "占比"
        if left and left_start > clause_start and len(left) <= 4 and _comparison_ends_at(doc, left_start):
            if change is None and left in w.spoken:
                left, change = "", w.spoken[left]  # 比上年多出5000余人次: a spoken comparative
            elif change:
                left = ""  # 比上年执行数增长2.3%: the words after 比上年 finish the baseline, they name nothing
        if n.qualifier in ("over", "under") and text.endswith("的", 0, n.start) and (bm := _bound_of_base().match(left)):
            left = bm.group(1)  # 特困人员基本生活标准不低于当地低保标准的1.3倍: the base is no part of it
        if left in w.bare and change is None:
            left = ""  # 前三季度平均是5.2%: an adverb is no subject (see rule 7)
        raw_before = text[clause_start:left_start] if left_start > clause_start else ""
        if left_start > clause_start:
            # A time phrase inside the clause: 脱贫人口人均纯收入由2020年的9870元增至2023年的…
            before, chg_before, conn_before = _clean_left(_without_times(doc, clause_start, left_start), places)
            # 由A提高至今年的B: the time phrase took the 至, the change verb is left alone
            connected = connected or conn_before or bool(chg_before and not before)
            if not left and not right_first(text, n.end, numbers, k) and not _BASELINE_START.match(before) \
                    and before not in w.bare:  # (…回落，于2026/27年度降至4.5年: 于 is no subject)
                left = before  # (比近五年均值减少5人: a baseline before the time is no subject)
            elif (left in w.money and before and len(before) <= 8 and not chg_before
                  and not _DIGIT.search(before) and not _BASELINE_START.match(before) and before not in w.bare):
                # 两项补贴全年发放资金合计1.38亿元: a bare money noun after the time; the subject is before it
                left = before + left
        if left and prev is not None and out and change is None and _FROM_TAIL.search(text, clause_start, n.start) \
                and len(left) <= 9 and not any(m in left for m in w.measure_ends) \
                and not text[prev.end:clause_start].strip(_TRIM) \
                and (whole := _elided_measure(left, out, w)) is not None:
            left = whole  # 城市低保标准由800元提高到850元；农村由600元…: 农村低保标准
        # 由2021年的A增至2023年的B: the time phrase took the 至 and left a lone 增
        left_lone_verb = left in w.lone_verbs or left in w.change_set or left in _connect_stems()
        if left_lone_verb:
            left = ""
        partition = pos.partition_within(sent[0], n.start)
        right, is_vp = _np_after(text, n.end, right_stop, partition)
        if right and text.startswith("的", n.end) and (after_time := _time_starting_at(doc, n.end + 1)):
            # 1650人次的全年享受临时救助 (a stat card): the time is the figure's period, not its noun
            right, is_vp = _np_after(text, after_time, right_stop, partition)

        indicator = _standard_of(text, n, sent, raw_left, places)
        resp = _respectively(text, numbers, k, sent, pos) if not indicator else None
        if resp is not None:
            p, idx = resp
            clause_lo = _left_window(text, sent[0], p, enum_stop=False)
            subj_start = _cut_after_time(doc, clause_lo, p)
            between = text[p:n.start]
            chg = next((c for c in w.change if c in between), None)
            list_len = _respectively_len(text, numbers, k, p)
            subject, _, _ = _clean_left(_without_times(doc, subj_start, p), places)
            # 比现行标准每人每月分别提高…: a baseline, not a subject
            subject = _BASELINE_ONLY.sub("", subject)
            in_clause = [j for j in range(pos.first_at_or_after(clause_lo, k), k) if clause_lo <= numbers[j].start and numbers[j].end <= p
                         and j not in restated]
            earlier = in_clause or ([j for j in range(pos.first_at_or_after(sent[0], k), k) if sent[0] <= numbers[j].start and numbers[j].end <= p
                                     and j not in restated] if not subject else [])
            if not subject and not in_clause:
                # 带病回乡退伍军人、参战参试退役人员的生活补助，分别提高到…: the clause before names the list
                before_clause = _clause_before(doc, clause_lo, sent)
                if (before_clause is not None and before_clause[1]
                        and not _holds_figure(numbers, pos, k, before_clause[0], clause_lo)
                        and not _DIGIT.search(before_clause[1])):
                    subject, _, _ = _clean_left(before_clause[1], places)
                    earlier = []
            if earlier and len(earlier) >= list_len > max(1, idx):
                # 申请2186笔、金额3.62亿元，分别增长18.4%和21.7%: the items are the earlier figures
                base = out[earlier[len(earlier) - list_len + idx]]
                indicator = (_strip_trail(base, w.change) or base) + (chg or "")
            else:
                subject = _strip_lead(subject, ("按", "按照", "对", "对于"))
                items = _ordinal_range_items(subject, list_len) or _split_items(subject, list_len)
                last_end = numbers[k + list_len - 1 - idx].end
                cm = _CLAUSE_MARK_RE.search(text, last_end, sent[1])
                tail = _np_after(text, last_end, cm.start() if cm else sent[1])[0] \
                    if text.startswith("的", numbers[k + list_len - 1 - idx].end) else ""
                if subject:
                    item = items[idx] if len(items) > 1 and idx < len(items) else subject
                    verb = "" if chg else _verb_after_respectively(text, p, n.start)
                    if not tail and not verb and _PLACE_ONLY.fullmatch(item):
                        # 海澄市城市低保标准为1510元；云湾市、东岚省分别为1395元和1180元: places
                        # listed after a place's figure have that figure's measure
                        tail = _measure_of_place_figure(doc, out, numbers, k)
                    indicator = item + tail + (chg or verb)
                    totals[sent[0]] = subject + tail
                elif tail:
                    indicator = tail  # …，分别给予3万元、2万元和1万元的一次性入职奖补: what each sum is
        # 0. 与2010年第六次全国人口普查的3902418人相比, 比上年的3.08人减少: the baseline's figure measures
        #    what the figure before it in the sentence measures.
        if not indicator and prev_same_sent and out and _COMPARED_BASE.match(text, clause_start, n.start) \
                and (text[clause_start] != "与" or text.startswith(("相比", "相较"), n.end)):
            indicator = _strip_trail(out[-1], w.change) or out[-1]
        # 1. Continuation of the previous number (由A增至B, （累计…）).
        in_paren = (not left or (len(left) <= 2 and left not in w.bracket_labels) or left in w.verbs) \
            and pos.open_paren(sent[0], n.start)
        if (not indicator and left in ("新增", "新建", "增加", "新设", "再新增") and out and prev is not None
                and not (right and not is_vp)
                and prev.unit == n.unit and doc.segments.paragraph_of(prev.start) == doc.segments.paragraph_of(n.start)):
            indicator = left + _strip_lead(out[-1], ("新增", "新建", "建成", "已建成"))  # 已建成床位1260张，计划再新增500张
        if not indicator and prev_same_sent and out and (left or raw_left.strip(_TRIM)) in _RELATIONAL:
            # 税收收入13.2亿元，占比71.0%; 新增企业37家，总数达到286家
            base = _strip_lead(_strip_trail(out[-1], w.change), ("新增", "新建", "净增"))
            rel = left or raw_left.strip(_TRIM)
            indicator = base + ("占比" if rel in ("占", "占比") else rel)
        if indicator:
            pass
        elif not left and sent[0] in totals and _TOTAL_WORD.search(raw_left):
            indicator = totals[sent[0]]  # …分别为A和B，合计C: the total of the list
        elif (not left and not right and _FROM_WORD.match(raw_before or raw_left)
              and (subject := _previous_clause_subject(doc, numbers, pos, k, clause_start, sent, places))):
            indicator = subject  # 平均天数，也由9.2天缩短为6.5天: the clause before names the figure
        elif prev_same_sent and out and (not left or in_paren) and (
                connected or in_paren or left_lone_verb
                or (change is None and _restates(raw_before, raw_left, doc, clause_start, left_start))
                or (not right and text[prev.end:n.start].strip() in ("", "、"))
                or _FROM_WORD.match(raw_before or raw_left)):
            # 调高3.1%至4210港元: the level after a change takes the concept without the change word
            indicator = _strip_trail(out[-1], w.change) or out[-1]
            if in_paren:
                restated.add(k)
        # 2c. 全省14个市（州）中，价格上涨的有10个，持平的1个: the part named by its relative clause.
        elif (rel := _REL_PART.match(raw_left.strip(_TRIM))) and not right \
                and (group := _group_among(text, numbers, pos, k, sent)):
            indicator = rel.group(1) + group
        # 2d. 审计发现1326人重复领取养老保险待遇: after a verb of finding, what the counted did names them.
        elif left.endswith(tuple(w.find_verbs)) and (found := _found_doing(text, n.end, sent[1])):
            indicator = found
        # 2b. 当中约54 900个为公屋单位, 其余约23 500个为资助出售单位: what the part is.
        elif (not left or left in w.partition or left in w.rest_words) and text.startswith("为", n.end) \
                and (copula_np := _np_after(text, n.end + 1, right_stop)[0]):
            indicator = copula_np
        # 2a. 贷款总额不超过150万元的额度: a measure word after 的 is the subject's own measure.
        elif right.startswith(w.measure_heads) and left and len(left) >= 2 and text.startswith("的", _past_qualifier(n)):
            indicator = left
        # 2. The number before its noun (a bare verb before it joins: 化解7453个基层矛盾).
        elif right and not is_vp and (not left or left in w.verbs or text.startswith("的", _past_qualifier(n))
                                      or _BA_WORD.search(left)  # 坚持把七成以上的财力投向…
                                      or _counted_by_classifier(n) or len(left) <= 2 or _DIGIT.search(left)
                                      or _end_search(left, _verb2_words())):
            indicator = left + right if left in w.verbs or (right in w.kind_nouns and len(left) >= 2) else right
            if text.startswith("的", _past_qualifier(n)) and (who := _beneficiary(text, sent[0], n.start)) \
                    and who not in indicator:
                indicator = who + indicator  # 对…的养老护理员，给予每人每月不低于500元的岗位津贴
        # 3a. 应设立临时救助备用金，额度不少于5万元: a bare measure word is the measure of the
        #     clause before's noun.
        elif (left in w.measure_heads or left in w.clause_measures) and (
                subject := _previous_clause_subject(doc, numbers, pos, k, clause_start, sent, places)):
            indicator = _leading_np(subject) + left + (change or "")
        # 3d. 城市低保标准最高为1510元，最低为680元: a superlative alone speaks of the figure before's subject.
        elif left in w.superlatives and prev_same_sent and out and not right:
            base = _strip_trail(out[-1], w.change)
            indicator = _strip_trail(base, w.superlatives) + left
        # 3c. 城镇居民人均可支配收入42108元，名义增长4.5%，扣除价格因素实际增长4.3%: the kind of change
        #     is written, the figure it changes stands before it.
        elif change and prev_same_sent and out and (q := next((q for q in w.change_quals if left.endswith(q)), None)) \
                and (left == q or left.startswith("扣除")):
            base = _strip_trail(out[_outside_aside(text, numbers, k, sent)], w.change)
            indicator = _strip_trail(base, w.change_quals) + q + change
        # 3f. 存款余额5862.3亿元，同比增长6.1%，增速比上月末高0.1个百分点: the growth rate of that figure.
        elif left in w.rate_alone and prev_same_sent and out and (
                main := _nearest_measure(text, numbers, out, k, sent, w, plans=True)):
            indicator = main + left + (change or "")
        # 3e. 入境旅客共1,124,730人次，日均160,676人次: an average alone is the average of the figure before.
        elif left in w.avg_alone and change is None and prev_same_sent and out:
            indicator = left + _strip_trail(out[_outside_aside(text, numbers, k, sent)], w.change)
        # 3. Subject before the number.
        elif left:
            indicator = left + (change or "")
        # 4. Partition / verb phrase after the number: 其中7项投入使用.
        elif right and is_vp and n.unit in _EVENT_UNITS:
            indicator = right  # 先后3次提高补贴标准: the activity counted
        elif right and is_vp:
            referent = _partition_referent(numbers, out, parts, k, sent, n) \
                or _among(doc, clause_start, sent, places)
            parts.add(k)
            indicator = f"{right}的{referent}" if referent else right
        # 5. A change with its subject earlier in the sentence (…，同比增长5%).
        elif change and prev_same_sent and out:
            base = _strip_trail(out[_outside_aside(text, numbers, k, sent)], w.change)
            base = _strip_trail(base, w.give) or base  # 支出安排46.90亿元，增长2.3%: the spending grew
            if ("占" in base or k - 1 in shares) and n.unit != "百分点" and sent_main.get(sent[0]):
                # 实现X亿元，占全省的21.4%，增长13.8%: X grew, not its share (the nearest such X:
                # 其中制造业305.1万人，占26.25%，较上月增加2千人)
                base = _nearest_measure(text, numbers, out, k - 1, sent, w, skip=lambda j: (
                    "占" in out[j] or j in shares or j in parts)) or sent_main[sent[0]]
            if n.unit == "百分点" and base != out[-1] and "增速" not in base and prev.unit == "%":
                base += "增速"  # 增长5.9%，比8月加快1.4个百分点: the growth rate quickened
            # 工单2.16万件，环比增长21.5%: month on month stays; 环比下降12.4%，同比下降30.2%: only the first
            base = next((base[:-len(c)] for c in w.compare_kept if base.endswith(c)), base)
            indicator = base + next((c for c in w.compare_kept if c in raw_left), "") + change
        # 6. 将1263户3847人纳入监测帮扶: the verb phrase after the objects names them.
        elif _BA_WORD.search(raw_left) and (vp := _ba_verb_phrase(text, numbers, k, sent)):
            indicator = vp
        # 7. The main figure of the sentence (…，预计全年可达19650元), else an earlier clause's subject.
        else:
            main = next((out[j] for j in range(pos.first_at_or_after(sent[0], k), k)
                         if numbers[j].start >= sent[0] and out[j] and j not in parts
                         and _strip_trail(out[j], w.change) == out[j]), "")
            indicator = main or _earlier_subject(doc, sent[0], left_start, places) \
                or _previous_sentence_subject(doc, sent, sent_main)
            if change:
                indicator += change
        # 10. 投资387.2亿元，完成年度计划1450亿元的26.7%: the plan and the share done are the
        #     measure's before them (its plan, its share of the plan done).
        if (tm := _year_target_before(text, n.start, sent[0])) is not None \
                and not text.endswith("分别", 0, tm.start()):  # (分别完成…的124%和103.3%: the list's own pairs)
            base = _nearest_measure(text, numbers, out, k, sent, w)
            if base:
                target = tm.group(1)
                indicator = base + (f"完成{target}比例" if tm.group(2) is not None else target)
        # 11. 接待游客…，恢复至2019年同期的112.4%: the ratio of the measure before it to that period's.
        elif text[n.start - 1:n.start] == "的" and (ratio := _ratio_to_time(doc, n.start - 1)) is not None \
                and (base := _nearest_measure(text, numbers, out, k, sent, w)):
            indicator = base + ratio + "比例"
        # 9. 合同履行期限：自合同签订之日起12个月: a time limit counted from an event is named by the
        #    field label of its line, when nothing else names it.
        if (not indicator or _SINCE_EVENT.fullmatch(indicator)) \
                and (fm := _line_field(text, n.start)) is not None and not _DIGIT.search(text, fm.end(), n.start):
            indicator = fm.group(1)
        # 8. 最高限价：第1包218.40万元，第2包168.00万元: an ordinal label alone says which part;
        #    what is measured is the parallel figure's before it, the total's, or the line's field.
        if (lm := _LABEL_ONLY.match(indicator)) is not None:
            indicator = _label_measure(text, numbers, out, k, sent, indicator, lm.group(1)) or indicator
        if _SHARE_OF_TARGET.match(raw_left.strip(_TRIM)):
            shares.add(k)
        if indicator.endswith(("）", ")")):
            indicator = _ARTICLE_NOTE.sub("", indicator)  # 运营补贴（第五十五条）: a reference, not the name
        out.append(indicator.strip(_TRIM))
        if sent[0] not in sent_main and out[-1] and k not in parts and _strip_trail(out[-1], w.change) == out[-1]:
            sent_main[sent[0]] = out[-1]
    lo_hi = [doc.segments.sentence_of(n.start) or (0, len(text)) for n in numbers]
    return [to_original(doc, ind, max(0, lo - 200), hi) for ind, (lo, hi) in zip(out, lo_hi, strict=True)]


_NUMBER_ASIDE = recache.compile(r"[（(][^（()）]*[0-9][^（()）]*[）)]")  # （75%）, （21.78%）
_MEASURE_ALL = recache.compile(r"(?<=[率例重数额准值比])均$")
_SINCE_EVENT = recache.compile(r"自[^，。；：:]{1,20}?(?:之日)?起")  # 自合同签订之日起: when a limit starts
_LABEL_LOOKBACK = 12  # figures before a lone label searched for its parallel
_ORDINAL = "第[0-9零一二三四五六七八九十]{1,3}"  # 第2包, 第十批: the ordinal of a lone label
_LABEL_ONLY = recache.compile(rf"^{_ORDINAL}([{HAN}]{{1,2}})$")
_FIELD = recache.compile(rf"(?:[(（]?[0-9一二三四五六七八九十]{{1,2}}[.、)）])?([{HAN}]{{2,10}})[：:]")


def _label_measure(text: str, numbers: Sequence[NumberMention], out: list[str], k: int,
                   sent: tuple[int, int], label: str, unit: str) -> str:
    """What a figure labelled only 第N包 measures: ``label + rest`` of a parallel figure before it in
    the sentence (第1包配备专职服务人员不少于30名，第2包不少于24名), else of the figure a 其中 splits
    (共有8家供应商…，其中第1包4家), else ``label + field`` of the line's ``field：`` opening."""
    n = numbers[k]
    for j in range(k - 1, max(-1, k - 1 - _LABEL_LOOKBACK), -1):  # (bounded: a run of labels stays linear)
        if numbers[j].start < sent[0]:
            break
        pm = _LABEL_PREFIX.match(out[j])
        if pm is not None and pm.group(1) == unit and len(out[j]) - pm.end() >= 2:
            return label + out[j][pm.end():]
        if "其中" in text[numbers[j].end:n.start] and out[j] and not _LABEL_PREFIX.match(out[j]):
            return label + _strip_trail(out[j], _words().change)
    fm = _line_field(text, n.start)
    return label + fm.group(1) if fm is not None else ""


def _line_field(text: str, pos: int) -> re.Match[str] | None:
    """The ``field：`` that opens the line holding ``pos`` (最高限价：, 2.投标有效期：), before ``pos``."""
    fm = _FIELD.match(text, text.rfind("\n", 0, pos) + 1)
    return fm if fm is not None and fm.end() <= pos else None


_LABEL_PREFIX = recache.compile(rf"^{_ORDINAL}([{HAN}]{{1,2}}?)(?=[{HAN}“])")
_ETC_HEAD = recache.compile(rf"等(?:[{HAN}]{{2,}})?$")
_SET_AS = recache.compile(r"^(.{2,}?)(?:将|拟|会)?(?<![确认规决])(?:订为|定为|设定为|设为)(.{2,}?)的?$")
_PER_BASE_TAIL = recache.compile(r"(?:为|是|达)?每[0-9零〇一二两三四五六七八九十百千万]+(?:人口|名[^，。；0-9]{0,4}|人|户|位)$")
# 開支（百萬元）, 收入（单位：万元）: the unit of the figures after it, not part of the name
_UNIT_NOTE = recache.compile(r"[(（](?:单位[:：])?([^()（）:：]{1,6})[)）]")


@cache
def _unit_words() -> frozenset[str]:
    """Every unit a bracket may give (units.tsv, bracket_units.tsv), with % and ‰."""
    return frozenset([r[0] for r in lexicon.rows("units.tsv") if r and r[0]]
                     + list(lexicon.mapping("bracket_units.tsv")) + ["%", "‰"])


_GIVEN_TO = recache.compile(r"(?:^|[，,；;。])(?:对|向|为)([^，,。；;：:]{2,30})[，,][^，,。；;]{0,16}?(?:给予|发放)")
_COMPARED_BASE = recache.compile(r"\s*(?:比|较|与)[^，,。；;：:]{0,24}的\s*$")
_ARTICLE_NOTE = recache.compile(r"[(（]第[一二三四五六七八九十百零〇0-9]+[条款项章节][^()（）]{0,8}[)）]$")
_AMONG_HEAD = recache.compile(r"^各[\u4e00-\u9fff、]{1,6}中")  # (各县市中粗出生率: among them)
# X以Y right before a figure and its superlative (粗死亡率则以嘉义县12.86‰最高): Y's X.
_BY_WHOM = recache.compile(r"([\u4e00-\u9fff]{2,12}?)(?:则|又)?以([\u4e00-\u9fff]{1,5}[省市县区州])")
# The last items of a list closed by 和/及 right before a figure (投诉、举报和咨询6.84万件): one phrase.
_AND_TAIL = recache.compile(r"[\u4e00-\u9fff]{1,4}(?:和|及|与|以及)[\u4e00-\u9fff]{1,4}")
_GAP_LEAD = recache.compile(r"^.*?(?:高于|低于|优于|不及|次于)")
_BRACKETED = recache.compile(r"[(（][^()（）]*[)）]")
_SCOPE_NOTE = recache.compile(r"[(（](?:(?:不含|含|包括|不包括|未经|经|按|以|即)[^()（）]{1,30}"
                              r"|[^()（）]{1,20}(?:以上|以下|及以上|及以下))[)）]")  # (失业期间达53周以上)
_SHARE_END = recache.compile(r"(?<!比)占(?:约|近|超过|逾|达|了)?$")
_SHARE_DE = recache.compile(r"^([^占的]{2,})的(占比|比重|比例)$")
# A section header or list marker written before the subject: 【优抚保障】, （一）, 一是, 1., a section number (3.2 followed by a space)
_HEADER_FIRST = frozenset("【(（一二三四五六七八九十0123456789")
_HEADER = recache.compile(r"^(?:【[^】]{1,12}】|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]是|\d{1,2}\.\d{1,2}[ \u3000\t]|\d{1,2}[.、])+")
_BASELINE_START = recache.compile(r"(?:比|较|较之|相比|与|同)")
# A noun phrase may open with a category label: 4A级以上旅游景区, 60岁以上老人, 80周岁以上重点优抚对象.
_LABEL_START = recache.compile(r"[0-9]+[A-Za-z]?(?:级|岁|周岁|星)")
_NUMBER_AHEAD = recache.compile(r"[0-9]|[零〇一二两三四五六七八九十百千万]+[个名家项所张座条件部支例届间处户人元]")
_LIST_ETC = recache.compile(rf"^.*?[{HAN}]等(?![级待同于候])(?=[{HAN}])")
_CAUSE_LEAD = recache.compile(r"因[^，,；;。]{2,16}?(?=被)")
_ALIAS = recache.compile(r"[(（](?:以下)?简称[“\"「]?([^)）”\"」]{1,12})[”\"」]?[)）]")  # （以下简称职工医保）
_ALIAS_PAREN = recache.compile(r"[(（](?:以下)?简称[^)）]*[)）]")
_MEASURE_HEADS = frozenset({"人数", "数量", "比例", "比重", "金额", "总额", "规模", "人次", "户数", "占比"})
# 20元的标准发放X / 1.8万元的标准足额发放: the standard, then the verb that grants it.
_STANDARD_AFTER = recache.compile(r"的(标准)(?:足额|按月|按季|按年|一次性)?(?:发放|给予|补助|补贴|支付|拨付|核发)?")
# 居民消费价格同比上涨的有10个, 持平的1个: a relative clause before the count of a part.
_REL_PART = recache.compile(rf"^([{HAN}（）()]{{1,16}}的)有?$")
_CLAUSE_MARK_RE = recache.compile(r"[，,；;：:。]")  # (a figure before it belongs to another clause)
# 完成调整预算的96.4%，增长3.1%: a share of a target; the change after it is the subject's.
_PLACE_ONLY = recache.compile(r"[\u4e00-\u9fff]{1,5}[省市县区州盟旗]")
_PLACE_THEN_MEASURE = recache.compile(r"([\u4e00-\u9fff]{1,5}?[省市县区州盟旗])(?![省市县区州盟旗])([\u4e00-\u9fff]{2,}.*)")


def _measure_of_place_figure(doc: Doc, out: list[str], numbers: Sequence[NumberMention], k: int) -> str:
    """The measure of the nearest figure before ``k`` in its paragraph whose indicator is a place
    and a measure (海澄市城市低保标准 -> 城市低保标准), or ""."""
    para = doc.segments.paragraph_of(numbers[k].start)
    change = _words().change
    for j in range(k - 1, -1, -1):
        if doc.segments.paragraph_of(numbers[j].start) != para:
            break
        if not out[j] or _strip_trail(out[j], change) != out[j]:
            continue
        m = _PLACE_THEN_MEASURE.fullmatch(out[j])
        if m and not m.group(1).startswith(_NOT_PLACES):
            return m.group(2)
        # (海澄市城市低保标准 with the document's own place dropped: the measure alone)
        return out[j] if len(out[j]) >= 4 and not _PLACE_ONLY.fullmatch(out[j]) else ""
    return ""


_NOT_PLACES = ("城市", "城区", "市区", "县城", "县区", "省市", "县市")  # (城市低保标准: a measure, no place)


@cache
def _give_to_sum() -> re.Pattern[str]:
    """Between a per-base and its sum: a verb of giving, then a currency written before the figure
    (每人每月发给新台币4,280元), and nothing that names the sum (每次收费60元)."""
    give = "|".join(map(re.escape, _words().give))
    money = "|".join(map(re.escape, ("人民币", *(r[0] for r in lexicon.rows("currencies.tsv") if len(r) == 2))))
    return recache.compile(rf"\s*(?:{give})?\s*(?:{money})?\s*")


_SHARE_OF_TARGET = recache.compile(r"^(?:完成|达到|为)[^的，,]{1,12}的$")
# 完成年度计划1450亿元的 | 完成年度目标任务（ right before a figure: group 2 set when the figure is the share done.
_YEAR_TARGET = recache.compile(r"完成((?:全年|年度)(?:目标)?(?:任务|计划))(?:[（(]?$|[^，,。；;的]{0,16}(的)$)")


def _ratio_to_time(doc: Doc, end: int) -> str | None:
    """``恢复至2019年同期`` when a ratio word and a time phrase end at ``end`` (before 的); the
    words come longest first."""
    text = doc.norm.text
    for t in times_around(doc.times, end - 1, end):
        if t.end == end:
            word = next((r for r in timex_markers("ratio_to") if text.endswith(r, 0, t.start)), None)
            return None if word is None else text[t.start - len(word):end]
    return None


def _year_target_before(text: str, pos: int, lo: int) -> re.Match[str] | None:
    """A year's plan or target (完成年度计划…的, 完成年度目标任务（) right before ``pos``, not before ``lo``."""
    return _YEAR_TARGET.search(text, max(lo, pos - 40), pos)


def _nearest_measure(text: str, numbers: Sequence[NumberMention], out: list[str], k: int,
                     sent: tuple[int, int], w: _Words, plans: bool = False,
                     skip: Callable[[int], bool] | None = None) -> str:
    """The indicator of the nearest figure before ``numbers[k]`` in its sentence that names a
    measure: not a change of one (增长12.4%), nor a year's plan unless ``plans`` (完成年度计划1450亿元),
    nor one ``skip`` rules out (a share). What a plan, a ratio or a rate after them speaks of."""
    for j in range(k - 1, -1, -1):
        if numbers[j].start < sent[0]:
            break
        if not out[j] or _strip_trail(out[j], w.change) != out[j] or (skip is not None and skip(j)):
            continue
        if not plans and _year_target_before(text, numbers[j].start, sent[0]):
            continue
        return out[j]
    return ""
_LINK_ONLY = recache.compile(r"\s*(?:的|为|是|达|达到|约为|约|仅为)?\s*")
_RELATIONAL = frozenset({"占", "占比", "比重", "总数", "总量", "总和", "数量", "规模", "总额"})


@cache
def _classifiers() -> frozenset[str]:
    return frozenset(lexicon.words("classifiers.tsv"))


def _counted_by_classifier(n: NumberMention) -> bool:
    """Is the number's unit a classifier (名, 家, 个 …), so that a noun after it is the thing counted?"""
    return n.unit in _classifiers() or n.unit == ""


def _restates(raw_before: str, raw_left: str, doc: Doc, lo: int, hi: int) -> bool:
    """``去年同期为71.2%``: only a time phrase and a linking verb before the number.

    The number restates the previous figure for another time, so it keeps its indicator.
    """
    if not raw_before or _without_times(doc, lo, hi).strip(_TRIM):
        return False
    return _LINK_ONLY.fullmatch(raw_left) is not None


def _standard_of(text: str, n: NumberMention, sent: tuple[int, int], raw_left: str,
                 places: Sequence[str]) -> str:
    """``按每人每天20元的标准发放过渡期生活救助`` -> ``过渡期生活救助标准``.

    A sum "的标准" is the standard of what the verb after it grants, or of the subject
    before 按 (``义务兵家庭优待金按每户…1.8万元的标准足额发放`` -> ``义务兵家庭优待金标准``).
    """
    m = _STANDARD_AFTER.match(text, n.end)
    if not m:
        return ""
    obj = text[m.end():_clause_end(text, m.end(), sent[1])].strip(_TRIM)
    if len(obj) >= 2 and not _DIGIT.search(obj):
        return obj + m.group(1)
    subject = raw_left.split("按")[0] if "按" in raw_left else ""
    subject, _, _ = _clean_left(subject, places) if subject else ("", None, False)
    return subject + m.group(1) if subject else ""


def _ba_verb_phrase(text: str, numbers: Sequence[NumberMention], k: int, sent: tuple[int, int]) -> str:
    """After ``将N户M人``: the verb phrase that follows the chain of counted objects."""
    j = k
    while j + 1 < len(numbers) and text[numbers[j].end:numbers[j + 1].start].strip() in ("", "、"):
        j += 1
    end = _right_window(text, numbers[j].end, sent[1])
    return text[numbers[j].end:end].strip(_TRIM)


def _partition_referent(numbers: Sequence[NumberMention], out: list[str], parts: set[int], k: int,
                        sent: tuple[int, int], n: NumberMention) -> str:
    """The total that ``其中…`` partitions: the nearest earlier number in the sentence with the same unit."""
    for j in range(k - 1, -1, -1):
        m = numbers[j]
        if m.start < sent[0]:
            break
        if m.unit == n.unit and out[j] and j not in parts:
            return _strip_lead(out[j], _words().verbs_tuple)
    return ""


@cache
def _group_among_re() -> re.Pattern[str]:
    """全省14个市（州）中，: the group a count of parts is taken from (after the group's own count)."""
    among = "|".join(map(re.escape, _words().among))
    return recache.compile(rf"([^\d，,。；;：:、]{{1,10}}?)(?:{among})[，,：:]")


def _group_among(text: str, numbers: Sequence[NumberMention], pos: _Positions, k: int,
                 sent: tuple[int, int]) -> str:
    """``全省14个市（州）中，``: the noun after an earlier count of the sentence that ends in 中 (among)."""
    for j in range(k - 1, pos.first_at_or_after(sent[0], k) - 1, -1):
        if numbers[j].start < sent[0]:
            break
        m = _group_among_re().match(text, numbers[j].end)
        if m and numbers[j].unit and not numbers[j].unit.startswith(("%", "元")):
            return m.group(1)
    return ""


def _earlier_subject(doc: Doc, sent_start: int, before: int, places: Sequence[str]) -> str:
    """The subject of the nearest earlier clause of the sentence that has one."""
    text = doc.norm.text
    w = _words()
    end = before
    while end > sent_start:
        s = end - 1
        while s > sent_start and text[s - 1] not in _CLAUSE_STOP:
            s -= 1
        cut = _cut_after_time(doc, s, end)
        clause = text[cut:end].strip(_TRIM)
        if cut > s:
            # 老年助餐点这两年发展很快: a subject written before the time words is kept
            clause = _without_times(doc, s, end).strip(_TRIM)
        if clause and not _DIGIT.search(clause):
            cand, _, _ = _clean_left(clause, places)
            cand = _strip_trail(cand, w.change_adverbs)
            if len(cand) >= 4:
                cand = _strip_among(cand)  # 公屋住户中，约…: among them
            if cand and cand not in w.bare:  # (…回落，于2026/27年度降至4.5年: 于 is no subject)
                return _leading_np(cand)
        end = s - 1 if s > sent_start else sent_start
    return ""


def _previous_clause_subject(doc: Doc, numbers: Sequence[NumberMention], pos: _Positions, k: int,
                             clause_start: int, sent: tuple[int, int], places: Sequence[str]) -> str:
    """The noun phrase of the clause just before ``clause_start``, when that clause holds no figure."""
    before = _clause_before(doc, clause_start, sent)
    if before is None or _holds_figure(numbers, pos, k, before[0], clause_start):
        return ""  # (a clause before with its own figure: 由 continues that one)
    subject, _, _ = _clean_left(before[1], places)
    return subject if len(subject) >= 2 and not _DIGIT.search(subject) else ""


def _among(doc: Doc, clause_start: int, sent: tuple[int, int], places: Sequence[str]) -> str:
    """``公屋住户中，约10.2万户领取综援``: the group a clause ending in 中 (among) names."""
    before = _clause_before(doc, clause_start, sent)
    clause = before[1].strip(_TRIM) if before is not None else ""
    group_text = _strip_among(clause)
    if len(clause) < 3 or group_text == clause or _DIGIT.search(clause):
        return ""
    group, _, _ = _clean_left(group_text, places)
    return group if len(group) >= 2 else ""


def _previous_sentence_subject(doc: Doc, sent: tuple[int, int], sent_main: dict[int, str]) -> str:
    """``城镇调查失业率是5.1%…。前三季度平均是5.2%``: a sentence whose figure has no subject
    at all continues the subject of the sentence before it, in the same paragraph."""
    if sent[0] == 0:
        return ""
    prev = doc.segments.sentence_of(sent[0] - 1)
    if prev is None or doc.segments.paragraph_of(prev[0]) != doc.segments.paragraph_of(sent[0]):
        return ""
    return sent_main.get(prev[0], "")


def _leading_np(s: str) -> str:
    """Cut a clause at its first predicate verb after a noun (``广州开始举办X`` keeps ``X``).

    A verb with no object, only a degree word after it (``老年助餐点发展很快``), leaves
    the subject before it.
    """
    w = _words()
    toks = _tokens(s)
    # a leading subject followed by verbs: keep the object after the last verb run
    for i, t in enumerate(toks):
        if t in w.verbs or t in ("开始", "举办", "启动", "开展"):
            rest = "".join(toks[i + 1:])
            if i > 0 and (not rest or rest.startswith(w.degree)):
                return _strip_lead("".join(toks[:i]), w.lead)
            if len(rest) >= 2 and not any(rest.startswith(v) for v in w.verbs):
                return _strip_lead(rest, w.lead)  # (参保率: one character after a verb ends a noun)
    return s


def implied_unit(indicator: str, unit: str) -> str:
    """RECORDS.md section 4: a money indicator with no written unit gets ``元``."""
    if unit:
        return unit
    money = _words().money
    ind = _strip_trail(indicator.strip(), _words().change)
    if _RATIO_WORD.search(ind):
        return ""  # 城乡居民收入比: a ratio of money is not money
    for m in money:
        if (len(m) >= 2 and m in ind) or ind.endswith(m):
            return "元"
    return ""


_TOTAL_SCALE = recache.compile("[万萬亿億]")


@cache
def _money_units() -> frozenset[str]:
    """元 and the currencies of currencies.tsv: the units a standard per person is paid in."""
    return frozenset({"元", *(row[1] for row in lexicon.rows("currencies.tsv") if len(row) >= 2)})


_SHARED_TAIL = 4  # characters of a measure's name two records must end with to be one measure


def shared_bases(indicators: Sequence[str], units: Sequence[str], mentions: Sequence[str]) -> list[str]:
    """Units with the per-base that the same measure carries elsewhere in the document.

    A standard is written once with its base (城市低保标准为每人每月1510元) and then bare
    (云湾市、东岚省分别为1395元和1180元, 五年间提高158元): every figure of that measure is
    in 元/人/月. A bare money unit takes the base of the nearest record, before it if any,
    whose measure (the indicator without its change word) ends with the same four
    characters or more and whose unit is the same money with a base. A sum in 万 or 亿
    (低保资金3860万元) is a total, never a standard: it keeps its unit.
    """
    out = list(units)
    if not any("/" in u for u in units):
        return out  # (most documents: no base to share, nothing to look up)
    change = _words().change
    keys = [_strip_trail(i, change) or i for i in indicators]
    # (money, last characters of the measure) -> the records with a base, in text order: one
    # look-up per bare sum, so a long document stays linear
    based: dict[tuple[str, str], list[int]] = {}
    for j, u in enumerate(units):
        if "/" in u and len(keys[j]) >= _SHARED_TAIL:
            based.setdefault((u.split("/", 1)[0], keys[j][-_SHARED_TAIL:]), []).append(j)
    for k, u in enumerate(units):
        if not u or "/" in u or len(keys[k]) < _SHARED_TAIL or _TOTAL_SCALE.search(mentions[k]) \
                or u not in _money_units():
            continue
        found = based.get((u, keys[k][-_SHARED_TAIL:]))
        if found:
            i = bisect_left(found, k)
            out[k] = units[found[i - 1] if i > 0 else found[0]]
    return out
