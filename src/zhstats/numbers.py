"""Number mentions: every quantity written in the text, with value, unit and qualifier.

The first layer after normalisation (RECORDS.md sections 2, 2a, 4 and 6). It finds
every number however Chinese writes it (``90.90万人次``, ``一万二千``, ``百分之九十八点五``,
``三成``, ``5至8人``, ``１２３４５名``), resolves it to an exact ``Decimal``, attaches the
written unit in canonical form, the qualifier written before, inside or after it and
the sign of a fall (``下降3.2%`` is -3.2).

It does not decide whether a number is a statistic: years, ordinals, hotlines and
labels are found like any number (``2019年`` is 2019 ``年``), and the detection layer
drops them. It does drop what is not a number at all: numeral characters inside
words (``唯一``, ``一批``, ``千方百计``) and vague amounts (``数百``, ``几十``, ``上千``).

How: one compiled ``re`` pass over the normalised text locates the numeral runs
(Arabic, Chinese, mixed, with the Chinese point part); :mod:`zhstats.numerals` turns
each run into a value; then short reads around it, with string look-ups indexed by two
characters rather than more regex calls (they cost as much as the whole run match),
attach the unit, the qualifiers, a change verb and a per-base before it (the longest
word wins at every step). Ranges (``5至8人``), lists (``1.1和0.8个百分点``) and per-bases
carried over a list (``每人每月160元、480元``) are settled in two passes over the
mentions. Every lexicon is package data (``data/units.tsv``, ``qualifiers.tsv``,
``change_verbs.tsv``, ``per.tsv``, ``not_numbers.tsv``, ``vague.tsv``, ``numerals.tsv``).
Linear in the text length.

Decisions where the spec is silent (documented in tests/test_numbers.py too):
- ``千分之五`` is 5 with unit ``‰`` and ``万分之三`` is 3 ``‱`` (as the gold files write
  ``千分之三点一`` -> 3.1 ``‰``); ``‰`` written as a sign is the same unit. Rarer bases
  (``百万分之五``) become percent: 0.0005 ``%``.
- A fraction (``三分之一``, ``3/4``) is its ratio with unit ``''`` (0.333...) and
  ``numeral_kind`` ``'fraction'``; the detection layer may restate it as a percent.
- ``十几万``, ``二十几万`` are numbers with qualifier ``over`` (like ``十多万``); ``几十``,
  ``数百``, ``上千`` are vague and not numbers.
- ``三四万``, ``十七八万`` are approximate ranges (30000-40000, approx).
- A range ``下降3%-5%`` keeps the order written, both ends negated: -3 .. -5.
- ``三成`` is 30 ``%``, ``七折`` 70 ``%`` (``75折`` 75 ``%``), ``个百分点`` ``百分点``,
  ``个千分点`` ``千分点``, ``6.21/10万`` unit ``/10万``.
- A per-base (``每人每月``) makes a money unit a rate even across link words
  (``每人每月分别提高30元``); any other unit only when it stands right before the
  number (``每周三次`` is ``次/周``, ``平均每日约157个`` stays ``个``), as in the gold files.
- A currency written as a sign joins the mention (``HK$1.5万``); written as a word it
  stays outside, like a per-base, and gives the unit (``新臺幣31億元`` -> ``31億元``,
  unit ``新台币``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Context, Decimal
from functools import lru_cache
from itertools import islice
from operator import attrgetter

from . import lexicon, numerals, recache
from .charclass import HAN_CHAR
from .normalize import Normalized
from .numerals import CTX, tidy

_SHOW = Context(prec=28)

__all__ = ["NumberMention", "find_numbers", "find_numbers_normalized"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written: its span on the original text and its resolved parts.

    ``text[start:end] == mention.text`` always holds for the text it was found in.
    ``value`` is exact and signed (negative after a fall verb); ``value_max`` is the
    upper end of a range. ``unit`` is canonical (RECORDS.md section 4), ``unit_text``
    the unit as written (``個``, ``萬元`` gives ``元``, ``百分之``). ``qualifier`` is
    ``approx``/``over``/``under`` from before, inside or after the number.

    Extra fields for the layers downstream:
    ``change`` ``'rise'``/``'fall'`` when a change verb governs the number, with its
    span ``change_span``; ``qualifier_span`` the qualifier's span (inside or outside the
    mention); ``per_span`` a per-base before the mention that made the unit a rate
    (``每人每月``); ``numeral_kind`` ``'arabic'``, ``'chinese'``, ``'mixed'``,
    ``'digits'`` (read digit by digit: ``二〇一九``), ``'fraction'``, ``'scientific'``;
    ``magnitude`` the magnitude word as written and normalised (``'万'``, ``'亿'``,
    ``'千万'``, ``'k'``); ``ordinal`` True right after ``第``.
    """

    start: int
    end: int
    text: str
    value: Decimal
    unit: str = ""
    qualifier: str | None = None
    value_max: Decimal | None = None
    unit_text: str = ""
    change: str | None = None
    change_span: tuple[int, int] | None = None
    qualifier_span: tuple[int, int] | None = None
    per_span: tuple[int, int] | None = None
    numeral_kind: str = "arabic"
    magnitude: str = ""
    ordinal: bool = False


def _fast_constructor(cls: type[NumberMention]) -> Callable[..., NumberMention]:
    """A positional constructor for the frozen slots dataclass that skips its generated ``__init__``.

    Why: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    which costs about 40% more than the slots' own setters, and the layer makes one
    mention per number (a sixth of its time on a news article). Every field must be
    given, in declaration order; tests check equality with the normal constructor.

    The function is generated with one setter call per field, as ``dataclasses`` generates
    ``__init__``: a loop over the fields cost twice as much as the calls themselves.
    """
    names = [f.name for f in fields(cls)]
    env: dict[str, object] = {"new": object.__new__, "cls": cls}
    env.update({f"set_{name}": getattr(cls, name).__set__ for name in names})
    body = "".join(f"    set_{name}(obj, {name})\n" for name in names)
    exec(f"def make({', '.join(names)}):\n    obj = new(cls)\n{body}    return obj\n", env)  # noqa: S102
    return env["make"]  # type: ignore[return-value]


_new_mention = _fast_constructor(NumberMention)
# Values of 10**30 or more are not quantities (a digit string, 1e400): they are dropped,
# which also keeps every value a finite float64 for the layers and formats downstream.
_MAX_ADJUSTED = 30


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text`` (spans on ``text`` itself), in text order."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return find_numbers_normalized(Normalized.of(text))


def find_numbers_normalized(norm: Normalized) -> list[NumberMention]:
    """Every number mention of a normalised document; spans refer to ``norm.original``."""
    text = norm.text
    if not text:
        return []
    cells = _cells_apart(text, norm.original)
    raws = _scan(cells)
    if not raws:
        return []
    _propagate_per(raws, text)
    _colon_list_per(raws, text)
    _bracket_units(raws, text)
    _share_in_lists(raws, text)
    raws = _merge_ranges(raws, text, cells)
    out: list[NumberMention] = []
    original = norm.original
    for r in raws:
        value, vmax = r.value, r.value_max
        if value.adjusted() >= _MAX_ADJUSTED or (vmax is not None and vmax.adjusted() >= _MAX_ADJUSTED):
            continue  # 1e400, 400 nines: no quantity in the world; keeps every value a finite float64
        s, e = norm.to_original(r.start, r.end)
        if r.change == "fall":
            if value > 0:
                value = -value
            if vmax is not None and vmax > 0:
                vmax = -vmax
        out.append(
            _new_mention(
                s,
                e,
                original[s:e],
                value if r.exact else tidy(value),
                r.unit,
                r.qualifier,
                None if vmax is None else tidy(vmax),
                original[r.unit_start:r.unit_end] if r.unit_start >= 0 else "",
                r.change if r.change in ("rise", "fall") else None,
                r.change_span,
                r.qualifier_span,
                r.per_span,
                r.kind,
                r.magnitude,
                r.ordinal,
            )
        )
    return out


# --------------------------------------------------------------------------- lexicon


class _Raw:
    """A mention while the layer works on it (mutable; becomes a NumberMention at the end).

    Defaults live on the class so that making one sets four attributes, not twenty:
    this object is made for every candidate number.
    """

    value_max: Decimal | None = None
    unit = ""
    unit_kind = ""
    unit_start = -1
    unit_end = -1
    qualifier: str | None = None
    qualifier_span: tuple[int, int] | None = None
    q_after = False
    q_before = False
    change: str | None = None
    change_span: tuple[int, int] | None = None
    per_suffix = ""
    per_span: tuple[int, int] | None = None
    magnitude = ""
    mag_factor = Decimal(1)
    ordinal = False
    pct_prefix = False
    neg_dash = False
    per_direct = False
    scale = ""
    exact = False  # True: the value needs no tidying (an Arabic number as written)

    def __init__(self, start: int, end: int, value: Decimal, kind: str) -> None:
        self.start = start
        self.end = end
        self.num_start = start
        self.value = value
        self.kind = kind


@dataclass(frozen=True)
class _Lexicon:
    """Everything the finder compiles from the data files, built once on first use."""

    main: re.Pattern[str]
    frac: re.Pattern[str]
    dotted: re.Pattern[str]
    sci: re.Pattern[str]
    slash: re.Pattern[str]
    kilo: re.Pattern[str]
    percent_point: re.Pattern[str]
    rate_base: re.Pattern[str]
    per: re.Pattern[str]
    tenth: re.Pattern[str]
    vague: tuple[str, ...]
    notnum: re.Pattern[str]
    notnum_len: int
    notnum_pairs: dict[str, tuple[tuple[str, int], ...]]
    connector: re.Pattern[str]
    units: dict[str, tuple[str, str, str]]  # written -> (canonical, kind, scale)
    unit_index: dict[str, tuple[str, ...]]  # first two characters -> written forms, longest first
    not_before: dict[str, re.Pattern[str]]  # written -> what may not follow it (matched at the unit's end)
    spoken: dict[str, str]  # written -> the unit it means in speech (块 -> 元), see units.tsv
    compounds: dict[str, str]
    prefixes: dict[str, str]
    prefix_last: frozenset[str]
    qual_before: dict[str, tuple[str, str]]  # word -> (kind, flags)
    qual_after: dict[str, tuple[str, str]]
    after_index: dict[str, tuple[str, ...]]
    after_first: frozenset[str]
    change: dict[str, str]
    qb_index: dict[str, tuple[str, ...]]  # words read backwards from the number, by last character
    cv_index: dict[str, tuple[str, ...]]
    # a change verb that holds across the measure it moves, then only words up to the figure
    # (拉低综合消费物价指数0.19个百分点); the verb is group 1
    across_change: re.Pattern[str]
    link_index: dict[str, tuple[str, ...]]
    each_index: dict[str, tuple[str, ...]]  # 每人, 每月 ...
    each_order: dict[str, int]
    carry: frozenset[str]
    frequency: frozenset[str]  # count units of how often (次): a time base makes them a rate
    spoken_base: re.Pattern[str]  # 一个月, 一年: a time base in speech (per.tsv, role spoken)
    spoken_bases: dict[str, str]
    before_last: frozenset[str]
    sign_or_currency_last: frozenset[str]
    unit_lead: frozenset[str]
    magnitude_chars: frozenset[str]
    inside: frozenset[str]
    numeral_set: frozenset[str]


def _cls(chars: str) -> str:
    """A regex character class body for ``chars``."""
    return "".join(re.escape(c) for c in chars)


def _index(words: object) -> dict[str, tuple[str, ...]]:
    """Words by their first two characters (longest first), one-character words by themselves.

    One slice of two characters after a number finds the few units that can start
    there; the longest written form wins (人次 over 人, 个百分点 over 个).
    """
    out: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):  # type: ignore[call-overload]
        out.setdefault(w[:2], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _alt(words: list[str]) -> str:
    """An alternation of literal words, longest first (what regex's named lists match)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _pairs(words: list[str], numeral: set[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each numeral character of each word, the word and its offset under both character pairs it is in."""
    out: dict[str, list[tuple[str, int]]] = {}
    for w in words:
        for i, c in enumerate(w):
            if c in numeral:
                for key in (w[i - 1:i + 1] if i else "", w[i:i + 2]):
                    if len(key) == 2:
                        out.setdefault(key, []).append((w, i))
    return {k: tuple(v) for k, v in out.items()}


def _index_last(words: object) -> dict[str, tuple[str, ...]]:
    """Words by their last two characters (longest first), one-character words by themselves.

    Read backwards from a number, one slice of two characters finds the few words
    that can end there; the longest that does wins.
    """
    out: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):  # type: ignore[call-overload]
        out.setdefault(w[-2:], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    t = numerals.table()
    nc = _cls(t.numeral_chars)
    dig = _cls("".join(t.digits))
    small = _cls("".join(t.small))
    big_plain = _cls("".join(c for c in t.big if c not in t.needsmore))
    big_more = "".join(c for c in t.big if c in t.needsmore)
    dec = _cls("".join(c for c in t.digits if c not in t.nodecimal))
    ins = _cls("".join(t.inside))
    point = _cls("".join(t.points))
    sign = _cls("".join(t.signs))

    # A numeral run: Arabic numbers, Chinese numeral characters and 多/余/几 before a
    # magnitude, with spaces allowed around Chinese parts (一百 五 十 二, 7 万5 千4 百).
    # A magnitude character that starts a unit is the unit's (5千瓦 is 5 千瓦, not 5000 瓦).
    unit_words = [r[0] for r in lexicon.rows("units.tsv") if len(r[0]) > 1 and r[0][0] in t.numeral_chars]
    plain = "".join(c for c in t.numeral_chars if c not in t.needsmore and not any(w[0] == c for w in unit_words))
    ch = f"[{_cls(plain)}]"
    for c in sorted({w[0] for w in unit_words} - set(t.needsmore)):
        rests = "|".join(re.escape(w[1:]) for w in sorted((w for w in unit_words if w[0] == c), key=len, reverse=True))
        ch = f"(?:{ch}|{re.escape(c)}(?!{rests}))"
    if big_more:
        ch = f"(?:{ch}|[{_cls(big_more)}](?= *[{dig}{small}0-9]))"
    # Thousands grouped by commas (133,500) or, as Hong Kong writes them, by spaces (133 500).
    ar = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]{1,3}(?: [0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
    tail = rf"(?:{ch}|(?<=[{nc}]){ar}|[{ins}](?= *[{big_plain}{small}]))"
    # After spaces: Arabic digits only after a Chinese numeral (一百 5 十). The test of the
    # character before the spaces stands before them, so that the whole pattern has only
    # fixed-width look-behinds and compiles with ``re``, which scans it twice as fast as
    # ``regex``. Same matches: the next character picks one alternative either way.
    tail_sp = rf"(?: +(?:{ch}|[{ins}](?= *[{big_plain}{small}]))|(?<=[{nc}]) +{ar})"
    run = rf"(?:{ar}|(?<![0-9.])\.[0-9]+|{ch})(?:{tail}|{tail_sp}){{0,48}}"
    point_part = rf"(?<=[{nc}]) *[{point}] *[{dec}](?: *[{dec}]){{0,30}}(?: *[{big_plain}]){{0,3}}"
    main = rf"(?=[0-9.{nc}])(?P<run>{run})(?P<pt>{point_part})?"
    frac = (
        rf"(?:(?P<whole>{run}) *又 *)?(?P<den>{run}) *分 *之 *(?P<fneg>[{sign}])?"
        rf"(?P<nume>{run})(?P<fpt>{point_part})?"
    )

    units: dict[str, tuple[str, str, str]] = {}
    not_before: dict[str, re.Pattern[str]] = {}
    spoken: dict[str, str] = {}
    compounds: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    per_words: list[str] = ["人月"]
    for row in lexicon.rows("units.tsv"):
        written = row[0]
        canon = row[1] if len(row) > 1 and row[1] else written
        kind = row[2] if len(row) > 2 else "count"
        if kind == "prefix":
            prefixes[written] = canon
        elif kind == "compound":
            compounds[written] = canon
        else:
            units[written] = (canon, kind, row[3] if len(row) > 3 else "")
            if len(row) > 4 and row[4]:
                nb = row[4]
                not_before[written] = re.compile(nb[3:] if nb.startswith("re:") else f"[{re.escape(nb)}]")
            if len(row) > 5 and row[5]:
                spoken[written] = row[5]
            if kind != "percent":
                per_words.append(written)

    qual_before: dict[str, tuple[str, str]] = {}
    qual_after: dict[str, tuple[str, str]] = {}
    for row in lexicon.rows("qualifiers.tsv"):
        flags = row[3] if len(row) > 3 else ""
        (qual_before if row[2] == "before" else qual_after)[row[0]] = (row[1], flags)
    change_rows = lexicon.rows("change_verbs.tsv")
    change = {r[0]: r[1] for r in change_rows}
    across = sorted((r[0] for r in change_rows if len(r) > 2 and r[2] == "across"), key=len, reverse=True)
    each_order: dict[str, int] = {}
    links: list[str] = []
    carry: set[str] = set()
    frequency: set[str] = set()
    spoken_bases: dict[str, str] = {}
    for row in lexicon.rows("per.tsv"):
        if row[1] == "each":
            each_order[row[0]] = int(row[2]) if len(row) > 2 and row[2] else 1
        elif row[1] == "carry":
            carry.add(row[0])
        elif row[1] == "link":
            links.append(row[0])
        elif row[1] == "frequency":
            frequency.add(row[0])
        elif row[1] == "spoken" and len(row) > 2:
            spoken_bases[row[0]] = row[2]
    notnum_words = list(lexicon.words("not_numbers.tsv"))

    return _Lexicon(
        main=recache.compile(main),
        frac=recache.compile(frac),
        dotted=recache.compile(r"[0-9]+(?:\.[0-9]+){2,}(?![0-9])"),
        sci=recache.compile(r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+|\^[-+]*[0-9]+(?:\.[0-9]+)?)(?![0-9A-Za-z])"),
        slash=recache.compile(r"(?:[0-9]+ +)?[0-9]{1,3}/[0-9]{1,4}(?![0-9/.万亿])"),
        kilo=recache.compile(r" ?[kK](?![A-Za-z])"),
        percent_point=recache.compile(r"(?:个 *)?百 *分 *点"),
        rate_base=recache.compile(r"/(?:[0-9]+[十百千万亿]?(?![0-9./])|[千万](?![0-9./\u4e00-\u9fff]))"),  # /10万, /万
        per=recache.compile(rf"/(?:{_alt(per_words)})(?:·(?:{_alt(per_words)}))?"),
        tenth=recache.compile(rf" *[{_cls('一二三四五六七八九半')}](?![{nc}])"),
        vague=tuple(lexicon.words("vague.tsv")),
        notnum=recache.compile(_alt(notnum_words)),
        notnum_len=max(len(w) for w in notnum_words),
        notnum_pairs=_pairs(notnum_words, set(t.numeral_chars)),
        connector=recache.compile(r" *(?:至|到|-|~) *"),
        units=units,
        unit_index=_index(units),
        not_before=not_before,
        spoken=spoken,
        compounds=compounds,
        prefixes=prefixes,
        prefix_last=frozenset(w[-1] for w in prefixes),
        qual_before=qual_before,
        qual_after=qual_after,
        after_index=_index(qual_after),
        after_first=frozenset(w[0] for w in qual_after),
        change=change,
        qb_index=_index_last(qual_before),
        cv_index=_index_last(change),
        across_change=recache.compile(rf"({'|'.join(map(re.escape, across))})[^\d，,。；;：:、！？!?\n]{{0,20}}$"),
        link_index=_index_last(links),
        each_index=_index_last([f"每{w}" for w in each_order]),
        each_order=each_order,
        carry=frozenset(carry),
        frequency=frozenset(frequency),
        spoken_base=recache.compile("|".join(map(re.escape, sorted(spoken_bases, key=len, reverse=True))) or "(?!)"),
        spoken_bases=spoken_bases,
        # (的: 不低于当地低保标准的1.3倍, a bound on a share of a base)
        before_last=frozenset({" ", "了", "的", *(w[-1] for w in [*qual_before, *change, *each_order])}),
        sign_or_currency_last=frozenset({"-", "+", " ", *t.signs, *(w[-1] for w in prefixes)}),
        unit_lead=frozenset({" ", "/", *t.inside, *(w[0] for w in units)}),
        magnitude_chars=frozenset(c for c in (*t.small, *t.big) if t.small.get(c, 0) != 10),
        inside=t.inside,
        numeral_set=frozenset(t.numeral_chars),
    )


# --------------------------------------------------------------------------- scanning

_ONE = Decimal(1)
_TEN = Decimal(10)
_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)
_SPECIAL_AFTER_ARABIC = frozenset(".eE^/ ")
_FRACTION_AFTER = frozenset("分又 ")
_PERCENT_BASES = frozenset("百佰千仟")  # with 万 and 亿: 百分之, 千分之, 万分之, 百万分之
_NOT_BEFORE_SIGN = frozenset("-+%.~)）_")
_MAGNITUDES = "十百千万亿"
# Magnitude words written after Arabic digits and their power of ten (90.90万, 3千万, 1.2万亿).
_MAG_EXP = {
    "十": 1, "百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8, "万万": 8,
    "十亿": 9, "百亿": 10, "千亿": 11, "万亿": 12,
}
_POW10 = [Decimal(10) ** k for k in range(13)]


def _shift(digits: str, exp: int) -> Decimal:
    """``90.90`` times 10**4 as the tidy exact value 909000 (string arithmetic, no rounding)."""
    digits = digits.replace(",", "")
    whole, _, frac = digits.partition(".")
    if len(frac) <= exp:
        return Decimal(int(whole + frac.ljust(exp, "0")))
    return Decimal(f"{whole}{frac[:exp]}.{frac[exp:]}".lstrip("0") or "0").normalize(_SHOW)


def _cells_apart(text: str, original: str) -> str:
    """``text`` with the ideographic spaces of ``original`` as tabs (same length).

    Normalisation makes 　 a space, and a space between digit groups is Hong Kong's thousands
    separator (133 500); but an ideographic space between figures separates the cells of a
    table row (专业公共卫生机构　62　907　3508 is three figures, not 62907).
    """
    if "\u3000" not in original:
        return text
    parts: list[str] = []
    last = 0
    for m in _IDEOGRAPHIC_SPACE.finditer(original):
        parts.append(text[last:m.start()])
        parts.append("\t" * (m.end() - m.start()))
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


_IDEOGRAPHIC_SPACE = re.compile("\u3000+")


def _scan(text: str) -> list[_Raw]:
    """All candidate mentions of the normalised ``text``, left to right, without overlaps.

    When a match is used only in part (a run that is not one numeral, a rejected
    千万), scanning starts again right after the part used: a loop, not recursion,
    so a run of a thousand 万 costs a thousand short restarts and no stack.
    """
    lex = _lex()
    out: list[_Raw] = []
    n = len(text)
    pos = consumed = 0
    while pos < n:
        restart = -1
        for m in lex.main.finditer(text, pos):
            s = m.start()
            if s < consumed:
                continue
            nxt = _candidate(m, text, lex, out)
            if nxt < m.end():
                restart = max(nxt, s + 1)
                break
            consumed = nxt
        if restart < 0:
            break
        pos = consumed = restart
    return out


def _is_han(text: str, i: int, lex: _Lexicon) -> bool:
    """Whether ``text[i]`` is a Chinese character (the common blocks by range; the rest by \\p{Han})."""
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        return True
    return c > "\u2e7f" and HAN_CHAR.match(text, i) is not None


def _candidate(m: re.Match[str], text: str, lex: _Lexicon, out: list[_Raw]) -> int:
    """Turn one match of the main pattern into zero or more mentions; return where scanning goes on."""
    regs = m.regs
    rs, re_ = regs[1]
    n = len(text)
    first = text[rs]
    arabic = "0" <= first <= "9" or first == "."
    if arabic and rs > 0:
        prev = text[rs - 1]
        if prev.isascii() and (prev.isalnum() or prev == "_"):
            return m.end()  # PM2.5, H5N1: digits of a code
        if prev == "-" and rs > 1 and text[rs - 2].isascii() and text[rs - 2].isalpha():
            return m.end()  # COVID-19
    c = text[re_] if re_ < n else ""
    if arabic and c in _SPECIAL_AFTER_ARABIC and c:
        special = _special_arabic(rs, c, text, lex, out)
        if special >= 0:
            return special
    if c in _FRACTION_AFTER and c:
        f = lex.frac.match(text, rs)
        if f is not None:
            return _fraction(f, text, lex, out)
    ps, pe = regs[2]
    num_end = pe if ps >= 0 else re_
    if arabic and ps < 0:
        # Fast paths for the common forms: 1,234.5 and 90.90万 / 3.28亿 / 1.2万亿.
        run_text = text[rs:re_]
        digits = run_text.rstrip(_MAGNITUDES)
        if digits.isascii() and " " not in digits and digits[-1] != ".":
            value = Decimal("0" + digits if first == "." else digits.replace(",", ""))
            if len(digits) == len(run_text):
                r = _Raw(rs, re_, value, "arabic")
                r.exact = True
                return _finish(r, text, lex, out, re_)
            mag = run_text[len(digits):]
            exp = _MAG_EXP.get(mag)
            if exp is not None:
                r = _Raw(rs, re_, _shift(digits, exp), "mixed")
                r.exact = True
                r.magnitude, r.mag_factor = mag, _POW10[exp]
                return _finish(r, text, lex, out, re_)
    return _chinese(m, text, lex, out, rs, re_, num_end)


def _special_arabic(rs: int, c: str, text: str, lex: _Lexicon, out: list[_Raw]) -> int:
    """Dotted codes (``2019.12.31``), scientific (``2e5``, ``2^5``) and slash fractions (``1 3/5``); -1 if none."""
    if c == ".":
        d = lex.dotted.match(text, rs)
        if d is not None:  # a dotted code or date: each part a number of its own
            s = rs
            for part in d.group().split("."):
                r = _Raw(s, s + len(part), Decimal(part), "arabic")
                r.exact = True
                out.append(r)
                s += len(part) + 1
            return d.end()
    elif c in "eE^":
        sm = lex.sci.match(text, rs)
        if sm is not None:
            try:
                value = _sci_value(sm.group())
            except ArithmeticError:  # 0^0, 9^9999999: undefined or past any context
                return sm.end()
            if not value.is_finite():  # 0^-1
                return sm.end()  # like 1e400: written as a number, but no quantity
            r = _Raw(rs, sm.end(), value, "scientific")
            return _finish(r, text, lex, out, sm.end())
    else:
        sl = lex.slash.match(text, rs)
        if sl is not None:
            whole, _, fr = sl.group().rpartition(" ")
            a, b = fr.split("/")
            if int(b) == 0:
                return sl.end()
            value = CTX.divide(Decimal(a), Decimal(b))
            if whole.strip():
                value = CTX.add(Decimal(whole.strip()), value)
            return _finish(_Raw(rs, sl.end(), value, "fraction"), text, lex, out, sl.end())
    return -1


def _chinese(
    m: re.Match[str], text: str, lex: _Lexicon, out: list[_Raw], rs: int, re_: int, num_end: int
) -> int:
    """A run with Chinese numeral characters (or spaces, or a Chinese point part)."""
    t = numerals.table()
    n = len(text)
    if re_ - rs == 1 and num_end == re_:
        # One Chinese numeral character: most often part of a word (统一, 队伍, 扫一扫).
        if text[rs] in t.strict:
            return m.end()
        if (
            (re_ >= n or text[re_] not in lex.unit_lead)
            and _is_han(text, rs - 1, lex)
            and _is_han(text, re_, lex)
            and not _range_follows(text, re_, lex)
        ):
            return re_
    toks = numerals.tokenize(text, rs, re_)
    if not toks:
        return re_
    tok0 = toks[0]
    kinds = {tok[0] for tok in toks}
    has_arabic = "A" in kinds
    has_chinese = len(kinds) > has_arabic  # a kind besides "A"
    # Words and idioms: 唯一, 一批, 十分, 第一 ... (the word may run on into a unit: 一批)
    if has_chinese and _covered_by_word(text, rs, num_end, lex):
        # 周三 (Wednesday) ends where 三 does: 每周三次 is still three times.
        we = _word_end(text, rs, lex)
        if not (we == num_end and _starting(text, num_end, lex.unit_index)):
            return max(m.end(), we)
    # Vague amounts: 数十万, 几百, 上千.
    if tok0[0] in ("S", "B") and any(text.endswith(w, 0, rs) for w in lex.vague):
        return _skip_unit(text, m.end(), lex)
    # A run that starts with 百/千/万/亿 (no digit before) is a number only in 千余名,
    # 近千, 逾百万, 百三; 千万 (never), 百万 (in a name) are not.
    if (tok0[0] == "S" and tok0[1] != 10) or tok0[0] == "B":
        ok = (len(toks) > 1 and toks[1][0] in ("I", "D")) or (re_ < n and text[re_] in lex.inside)
        if not ok:
            ok = _qualifier_before(text, rs, lex) is not None
        if not ok:
            # Skip every magnitude character that cannot start a number either (万万万...).
            k = 1
            while k < len(toks) and ((toks[k][0] == "S" and toks[k][1] != 10) or toks[k][0] == "B"):
                k += 1
            return toks[k][2] if k < len(toks) else re_
        if tok0[0] == "B":
            toks = [("D", 1, rs, rs), *toks]
    # Financial forms that are also words (队伍, 陆地, 收拾): only inside a longer numeral.
    if len(toks) == 1 and text[rs] in t.strict and num_end == re_:
        return m.end()
    kind = "mixed" if has_chinese and has_arabic else ("chinese" if has_chinese else "arabic")
    value = numerals.parse_tokens(toks)
    vmax: Decimal | None = None
    if value is None:
        # 二〇一九; before 折 two digits are enough (七五折 is 75 %).
        value = numerals.digit_string(toks, text, two=text[num_end:num_end + 5].lstrip(" ").startswith("折"))
        if value is not None:
            kind = "digits"
    if value is None:
        pr = numerals.pair_range(toks)
        if pr is not None:
            value, vmax = pr
    if value is None:
        # Not one numeral: keep the longest numeral at its start, scan the rest again.
        for k in range(len(toks) - 1, 0, -1):
            v = numerals.parse_tokens(toks[:k])
            if v is not None:
                pe = toks[k - 1][3]
                if k > 1 or toks[0][0] == "A":
                    r = _Raw(rs, pe, v, kind if k > 1 else "arabic")
                    _sign_and_currency(r, text, lex)
                    _context(r, text, lex)
                    out.append(r)
                return pe
        return tok0[3]
    mag = ""
    mag_factor = _ONE
    for k, v, s, _e in reversed(toks):
        if k == "I":
            continue
        if k == "B" or (k == "S" and (v != 10 or mag)):
            mag = text[s] + mag
            mag_factor = CTX.multiply(mag_factor, Decimal(v))  # type: ignore[arg-type]
        else:
            break
    if num_end > re_:
        pt = text[re_:num_end]
        value = _with_point(value, pt, t)
        post = "".join(ch for ch in pt if ch in t.big)
        if post:
            mag, mag_factor = post, _ONE
            for ch in post:
                mag_factor = CTX.multiply(mag_factor, Decimal(t.big[ch]))
    r = _Raw(rs, num_end, value, kind)
    r.magnitude, r.mag_factor = mag, mag_factor
    if vmax is not None:
        r.value_max = vmax
        r.qualifier = "approx"
        r.qualifier_span = (rs, re_)
    elif "I" in kinds:  # (the 1 put before a leading 万 above is a "D")
        r.qualifier = "over"
        for i in range(rs, re_):
            if text[i] in t.inside:
                r.qualifier_span = (i, i + 1)
                break
    bare = kind == "chinese" and re_ - rs == 1 and num_end == re_
    return _finish(r, text, lex, out, num_end, bare=bare)


def _range_follows(text: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a range connector and another numeral follow (一至二名, 五至八人)."""
    c = lex.connector.match(text, pos)
    return c is not None and c.end() < len(text) and (text[c.end()] in lex.numeral_set or "0" <= text[c.end()] <= "9")


def _skip_unit(text: str, pos: int, lex: _Lexicon) -> int:
    """Where scanning goes on after a rejected number: past its unit too (数十万人)."""
    probe = _Raw(pos, pos, _ONE, "arabic")
    return _unit(probe, text, pos, lex)


def _sign_and_currency(r: _Raw, text: str, lex: _Lexicon) -> None:
    """A sign (负3.9%, -22.2%) or currency sign (¥100, US$1.5万) right before the number joins the mention."""
    s = r.start
    if s == 0:
        return
    p = text[s - 1]
    if p == "负" or (
        p in "-+"
        and (s == 1 or (text[s - 2] not in _NOT_BEFORE_SIGN and not (text[s - 2].isascii() and text[s - 2].isalnum())))
    ):
        r.start = s = s - 1
        if p != "+":
            r.value = -r.value
            if r.value_max is not None:
                r.value_max = -r.value_max
            r.neg_dash = p == "-"
        if s == 0:
            return
        p = text[s - 1]
    if p in lex.prefix_last or (p == " " and s > 1 and text[s - 2] in lex.prefix_last):
        e = s - 1 if p == " " else s
        for w, canon in lex.prefixes.items():
            if e >= len(w) and text.startswith(w, e - len(w)):
                if w[0].isalpha() and e > len(w) and text[e - len(w) - 1].isascii() and text[e - len(w) - 1].isalpha():
                    continue  # a word that ends in MOP/RMB letters
                if r.unit_start < 0 or w != "$":
                    # A sign (¥, HK$) joins the mention; a word (新臺幣, 人民币) stays
                    # outside it, like a per-base, and still gives the unit.
                    if not _is_han(text, e - 1, lex):
                        r.start = e - len(w)
                    r.unit, r.unit_kind = canon, "money"
                    r.unit_start, r.unit_end = e - len(w), e
                    break


def _finish(
    r: _Raw, text: str, lex: _Lexicon, out: list[_Raw], num_end: int, bare: bool = False
) -> int:
    """Attach sign, currency, k, unit and qualifiers to ``r``; append it; return where scanning goes on.

    Every step is gated by a set look-up of one character, because this runs for every
    candidate number and most have nothing before them and a one-character unit after.
    """
    s = r.start
    if s and text[s - 1] in lex.sign_or_currency_last:
        _sign_and_currency(r, text, lex)
    n = len(text)
    pos = num_end
    if pos < n:
        ch = text[pos]
        if ch in "kK " and r.kind != "scientific":
            km = lex.kilo.match(text, pos)
            if km is not None:
                r.value = CTX.multiply(r.value, _THOUSAND)
                r.magnitude += "k"
                r.mag_factor = CTX.multiply(r.mag_factor, _THOUSAND)
                r.exact = False
                pos = km.end()
                ch = text[pos] if pos < n else ""
        if ch in lex.unit_lead or ch == "来":
            pos = _unit(r, text, pos, lex)
    if r.unit_start < 0 and pos < n and text[pos].isascii() and text[pos].isalpha() and r.kind != "chinese":
        return pos  # 5G, 3D, 4K: a name, not a quantity
    consumed = pos
    if pos < n and text[pos] in lex.after_first:
        consumed = max(pos, _after(r, text, pos, lex))
    if bare and r.unit_start < 0:
        # A bare single Chinese digit (一, 十) is a number only where it stands apart
        # (“一”和“五”, 答案是五); inside running text it is part of a word.
        i = r.num_start
        if (_is_han(text, i - 1, lex) and _is_han(text, pos, lex) and not _range_follows(text, pos, lex)) or text[
            i
        ] in numerals.table().strict:
            return pos
    r.end = pos
    s = r.unit_start if 0 <= r.unit_start < r.start else r.start
    if s:
        prev = text[s - 1]
        if prev == "第":
            r.ordinal = True
        elif prev in lex.before_last or text.find("每", max(0, s - 12), s) >= 0 \
                or text.find("至少", max(0, s - 6), s) >= 0 \
                or (r.unit_kind == "money" and (lex.spoken_base.search(text, max(0, s - 16), s)
                                                or text.find("分别", max(0, s - 40), s) >= 0)) \
                or (r.unit == "百分点" and lex.across_change.search(text, max(0, s - 24), s) is not None):
            _before(r, text, lex)
    out.append(r)
    return consumed


def _unit(r: _Raw, text: str, pos: int, lex: _Lexicon) -> int:
    """Read the unit written after the number (and a 多/余 inside before it); return the new end."""
    n = len(text)
    p = pos
    ch = text[p] if p < n else ""
    if ch == " ":
        while p < n and text[p] == " " and p - pos < 4:
            p += 1
        ch = text[p] if p < n else ""
    q = -1
    approx = False
    if ch in lex.inside and p + 1 < n and text[p + 1] in lex.unit_lead:
        q = p  # 300多人次, 1.7万余名: the qualifier stays inside the mention
        p += 1
        ch = text[p]
    elif ch == "来" and p + 1 < n and text[p + 1] in lex.unit_lead and text[p - 1:p] in "十百千万0" \
            and text[p + 1:p + 2] not in "看说讲自":
        q, approx = p, True  # 三百来份, 二十来人: about (the unit must follow; 以来, 来看 are words)
        p += 1
        ch = text[p]
    if ch == "/":
        rb = lex.rate_base.match(text, p)  # 6.21/10万: a rate per 100 000
        if rb is None or r.unit_start >= 0:
            return pos
        r.unit = rb.group()
        r.unit_kind = "rate"
        r.unit_start, r.unit_end = p, rb.end()
        return rb.end()
    if ch not in lex.unit_lead:
        return pos
    written = ""
    ue = p
    if ch == "百" or (ch == "个" and text.startswith(("百", " "), p + 1)):
        pp = lex.percent_point.match(text, p)  # 个百分点, 六   个 百 分点
        if pp is not None:
            written, ue = "个百分点", pp.end()
    if not written:
        written = _starting(text, p, lex.unit_index)
        if not written:
            return pos
        ue = p + len(written)
        nb = lex.not_before.get(written)
        while nb and nb.match(text, ue):
            # 3项目 is not 3项; 两成为 is not 两成; 1,604户次之 is 户 (a shorter unit may still fit),
            # but 1,604户次之多 is 户次
            written = next((text[p:p + k] for k in range(len(written) - 1, 0, -1) if text[p:p + k] in lex.units), "")
            if not written:
                return pos
            ue = p + len(written)
            nb = lex.not_before.get(written)
    canon, ukind, scale = lex.units[written]
    spoken = lex.spoken.get(written)
    if spoken and (ue >= n or not "\u4e00" <= text[ue] <= "\u9fff" or text[ue] in _PARTICLES) \
            and not any("0" <= c <= "9" for c in text[r.start:p]):
        # 拿了五千多块，: a count in words that ends its phrase with 块 is money in speech (but
        # 地名标志1642块 and 两块牌子 count things)
        canon, ukind = spoken, lex.units[spoken][1] if spoken in lex.units else "money"
    if r.unit_start >= 0:
        if ukind != "money":
            return pos  # ¥100 then a word
        if canon == "元":
            return ue  # 新臺幣31億元, 人民币100元: the currency written first

    if ue < n and text[ue] == "/":
        us = p
        while ue < n and text[ue] == "/":
            pm = lex.per.match(text, ue)
            if pm is None:
                break
            ue = pm.end()
        if ue > us + len(written):
            canon = _canonical_compound(text[us:ue], lex)
    r.unit, r.unit_kind = canon, ukind
    r.unit_start, r.unit_end = p, ue
    if scale:
        r.scale = scale
        r.exact = False
        r.value = _scaled(r.value, scale)
        if r.value_max is not None:
            r.value_max = _scaled(r.value_max, scale)
        elif scale != "discount" and ue < n:
            tm = lex.tenth.match(text, ue)
            if tm is not None:  # 三成五 35, 三成半 35
                d = tm.group().strip()
                r.value = CTX.add(r.value, Decimal(5) if d == "半" else Decimal(numerals.table().digits[d]))
                ue = tm.end()
    if q >= 0:
        r.qualifier = "approx" if approx else "over"
        r.qualifier_span = (q, q + 1)
    return ue


_PARTICLES = "了呢啊吧嘛哦呀"


def _starting(text: str, pos: int, index: dict[str, tuple[str, ...]]) -> str:
    """The longest word of ``index`` (see :func:`_index`) that starts at ``pos`` ('' if none)."""
    for w in index.get(text[pos:pos + 2], ()):
        if len(w) == 2 or text.startswith(w, pos):
            return w
    c = text[pos:pos + 1]
    return c if c in index else ""


def _after(r: _Raw, text: str, pos: int, lex: _Lexicon) -> int:
    """An after-qualifier right at the end of the mention (110万人以上, 10万多, 5%左右); its end or -1."""
    w = _starting(text, pos, lex.after_index)
    if not w:
        return -1
    e = pos + len(w)
    kind = lex.qual_after[w][0]
    if kind == "none" or (w in ("多", "余") and _is_han(text, e, lex)):
        return -1  # 上下游; 多地, 余下: not "more than"
    r.q_after = True
    if r.qualifier is None:
        r.qualifier = kind
        r.qualifier_span = (pos, e)
    return e


def _canonical_compound(written: str, lex: _Lexicon) -> str:
    """``元/人月`` -> ``元/人/月``; other compounds join the canonical forms of their parts."""
    if written in lex.compounds:
        return lex.compounds[written]
    return "/".join(
        "/".join(lex.units[q][0] if q in lex.units else q for q in part.split("·")) for part in written.split("/")
    )


def _scaled(value: Decimal, scale: str) -> Decimal:
    """成 is ten percent (三成 -> 30); 折 a discount (七折 -> 70, 75折 -> 75, 9.9折 -> 99)."""
    if scale == "discount":
        return CTX.multiply(value, _TEN) if value < 10 else value
    return CTX.multiply(value, Decimal(scale))


def _sci_value(s: str) -> Decimal:
    """``2e5``, ``21.2E0``, ``2^5``, ``2.5^-1``: scientific and power notation."""
    if "^" in s:
        base, _, exp = s.partition("^")
        neg = exp.count("-") % 2 == 1
        e = Decimal(exp.replace("-", "").replace("+", ""))
        return CTX.power(Decimal(base), -e if neg else e)
    return Decimal(s)


def _with_point(value: Decimal, pt: str, t: numerals.NumeralTable) -> Decimal:
    """Add the Chinese decimal part ``点五五`` (and any 万/亿 after it) to ``value``."""
    body = pt.replace(" ", "")[1:]
    post = _ONE
    while body and body[-1] in t.big:
        post = CTX.multiply(post, Decimal(t.big[body[-1]]))
        body = body[:-1]
    frac = numerals.fraction_digits(body)
    if frac is None:
        return value
    return CTX.multiply(CTX.add(value, frac), post)


def _fraction(f: re.Match[str], text: str, lex: _Lexicon, out: list[_Raw]) -> int:
    """``五分之一``, ``三又三分之一``, ``百分之九十八点五`` (a percent), ``千分之三点一`` (‰)."""
    t = numerals.table()
    den_s, den_e = f.span("den")
    ns, ne = f.span("nume")
    ntoks = numerals.tokenize(text, ns, ne)
    nume = numerals.parse_tokens(ntoks) if ntoks else None
    end = f.end()
    if nume is None and ntoks:
        # 百分之七十百分位: the longest numeral at the start of the numerator.
        for k in range(len(ntoks) - 1, 0, -1):
            nume = numerals.parse_tokens(ntoks[:k])
            if nume is not None:
                end = ntoks[k - 1][3]
                break
    if nume is None:
        return den_e
    if f.group("fpt") and end == f.end():
        nume = _with_point(nume, f.group("fpt"), t)
    whole = None
    if f.group("whole") is not None:
        wt = numerals.tokenize(text, *f.span("whole"))
        whole = numerals.parse_tokens(wt) if wt else None
        if whole is None:
            return f.end("whole")
    den_text = text[den_s:den_e].replace(" ", "")
    has_digit = any(ch in t.digits or "0" <= ch <= "9" for ch in den_text)
    unit = ""
    if not has_digit and whole is None and den_text[0] not in t.small.keys() - _PERCENT_BASES:
        # No base written before 分之: 百分之 is a percent, 千分之 per mille, 万分之 per ten
        # thousand (十分之一 is the fraction 0.1).
        dtoks = numerals.tokenize(den_text)
        base = numerals.parse_tokens([("D", 1, 0, 0), *dtoks]) if dtoks else None
        if base is None:
            return den_e
        kind = "mixed" if any("0" <= ch <= "9" for ch in text[ns:end]) else "chinese"
        if base == 100:
            value, unit = nume, "%"
        elif base == 1000:
            value, unit = nume, "‰"
        elif base == 10000:
            value, unit = nume, "‱"
        else:
            value, unit = CTX.divide(CTX.multiply(nume, _HUNDRED), base), "%"
    else:
        dt = numerals.tokenize(text, den_s, den_e)
        den = numerals.parse_tokens(dt) if dt else None  # 十分之一: 十 alone is ten
        if den is None or den == 0:
            return den_e
        kind = "fraction"
        value = CTX.divide(-nume if f.group("fneg") else nume, den)
        if whole is not None:
            value = CTX.add(whole, value)
    r = _Raw(f.start(), end, value, kind)
    r.num_start = ns
    _sign_and_currency(r, text, lex)
    if end < len(text) and text[end] in "kK ":
        km = lex.kilo.match(text, end)
        if km is not None:
            r.value = CTX.multiply(r.value, _THOUSAND)
            r.magnitude = "k"
            end = r.end = km.end()
    if unit:
        r.unit, r.unit_kind, r.pct_prefix = unit, "percent", True
        r.unit_start, r.unit_end = den_s, f.start("nume")
        while r.unit_end > r.unit_start and text[r.unit_end - 1] == " ":
            r.unit_end -= 1
    _context(r, text, lex)
    out.append(r)
    return end


def _covered_by_word(text: str, s: int, e: int, lex: _Lexicon) -> bool:
    """Whether a not-a-number word (唯一, 一批, 十分) covers every numeral character in [s, e).

    A one-character numeral is looked up by the two character pairs it is part of
    (唯一, 一批), which finds its few candidate words at once; longer ones by matching
    the word list at each start position that could cover them.
    """
    if e - s == 1:
        for key in (text[s - 1:s + 1] if s else "", text[s:s + 2]):
            for w, i in lex.notnum_pairs.get(key, ()):
                p = s - i
                if p >= 0 and p + len(w) >= e and text.startswith(w, p):
                    return True
        return False
    for p in range(max(0, s - lex.notnum_len + 1), s + 1):
        w = lex.notnum.match(text, p)
        if w is not None and w.end() >= e:
            return True
    return False


def _word_end(text: str, s: int, lex: _Lexicon) -> int:
    """The end of the longest not-a-number word that covers position ``s``."""
    end = s
    for p in range(max(0, s - lex.notnum_len + 1), s + 1):
        w = lex.notnum.match(text, p)
        if w is not None and w.end() > s:
            end = max(end, w.end())
    return end


def _ending(text: str, end: int, index: dict[str, tuple[str, ...]]) -> str:
    """The longest word of ``index`` (see :func:`_index_last`) that ends at ``end`` ('' if none)."""
    if end >= 2:
        for w in index.get(text[end - 2:end], ()):
            if len(w) == 2 or text.endswith(w, 0, end):
                return w
    if end >= 1:
        c = text[end - 1]
        if c in index:
            return c
    return ""


def _skip_spaces_back(text: str, j: int) -> int:
    while j > 0 and text.endswith(" ", 0, j):
        j -= 1
    return j


@lru_cache(maxsize=4)
def bound_words(*kinds: str) -> tuple[str, ...]:
    """The qualifier words of ``qualifiers.tsv`` written before a number, of two characters or more
    and with no flags, of the given kinds (over, under, approx), longest first: the bounds and
    approximations that may stand before a base noun phrase (不低于当地低保标准的1.3倍)."""
    return tuple(sorted((w for w, (kind, flags) in _lex().qual_before.items()
                         if kind in kinds and not flags and len(w) >= 2), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _compare_of_base() -> re.Pattern[str]:
    """A bound or an approximation (over/under/approx word of ``qualifiers.tsv``), a base noun phrase
    and 的, right before a number (不低于当地低保标准的1.3倍, 约为周边市场租金的82%)."""
    words = bound_words("over", "under", "approx")
    # (the base is a noun phrase: no 由/从/则/为/是 in it; 就业不足人数则由上一期的47 200人 is no bound)
    return recache.compile(rf"({'|'.join(map(re.escape, words))})[^，,。；;：:、\n\d由从则为是]{{2,14}}的$")


def _qualifier_before(text: str, start: int, lex: _Lexicon) -> str | None:
    w = _ending(text, _skip_spaces_back(text, start), lex.qb_index)
    kind = lex.qual_before[w][0] if w else "none"
    return None if kind == "none" else kind


def _before(r: _Raw, text: str, lex: _Lexicon) -> None:
    """Read backwards from the mention: qualifier, 了, change verb, links, per-base.

    ``每人每月分别提高30元``, ``同比下降了约3%``, ``每户补助不超过8000元``. At each step
    the longest word ending there wins (不超过 over 超过, 新增 over 增), so words that
    merely end in a qualifier or verb (节约, 新增, 最近) are read whole and ignored.
    """
    j = _skip_spaces_back(text, r.unit_start if 0 <= r.unit_start < r.start else r.start)
    qb = _ending(text, j, lex.qb_index)
    if qb:
        kind, flags = lex.qual_before[qb]
        if kind != "none" and "magnitude" in flags and not any(c in lex.magnitude_chars for c in text[r.start:r.end]):
            kind = "none"  # 参加过3次: the aspect 过
        if kind != "none":
            r.q_before = True
            if r.qualifier is None:
                r.qualifier = kind
                r.qualifier_span = (j - len(qb), j)
        j = _skip_spaces_back(text, j - len(qb))
    elif r.qualifier is None and (m := _AT_LEAST_VERB.search(text, max(0, j - 6), j)) is not None:
        r.qualifier = "over"  # 每个街道至少建有1个, 至少配备1名: the bound, then the verb
        r.qualifier_span = (m.start(), m.start() + 2)
    elif r.qualifier is None and text.endswith("的", 0, j):
        m = _compare_of_base().search(text, max(0, j - 18), j)
        if m:  # 不低于当地低保标准的1.3倍, 超过一般公共预算支出的四成: a bound on a share of a base
            r.qualifier = lex.qual_before[m.group(1)][0]
            r.qualifier_span = (m.start(1), m.end(1))
    cv = None
    if text.endswith("了", 0, j):
        cv = _ending(text, j - 1, lex.cv_index)
        if cv:
            j -= 1  # 增长了3%: the verb before 了
        else:
            cv = _ending(text, j, lex.cv_index)  # 低了0.1个百分点: a spoken comparative keeps its 了
            if not cv:
                j -= 1
    else:
        cv = _ending(text, j, lex.cv_index)
    if cv and (each := _ending(text, j, lex.each_index)) and len(each) > len(cv):
        cv = None  # 每公升14.92元, 每升8.1元: the 升 of a per-base, not a rise
    if cv:
        r.change = lex.change[cv]
        r.change_span = (j - len(cv), j)
        j -= len(cv)
    elif r.unit == "百分点" and (m := lex.across_change.search(text, max(0, j - 24), j)) is not None:
        r.change = lex.change[m.group(1)]  # 拉低综合消费物价指数0.19个百分点: a fall of that index
    if text.find("每", max(0, j - 12), j) < 0:
        _base_apart(r, text, lex, j)
        return
    direct = j == r.start and not qb and not cv
    for _ in range(2):
        link = _ending(text, j, lex.link_index)
        if not link:
            break
        j -= len(link)
        direct = False
    pe = j
    for _ in range(3):
        each = _ending(text, j, lex.each_index)
        if not each:
            break
        j -= len(each)
    if j < pe:
        parts = [p for p in text[j:pe].split("每") if p]
        ent = _entity_before(text, j, lex)
        if ent is not None and "每" not in text[ent.start() + 1:j] and all(lex.each_order.get(p, 1) == 2 for p in parts):
            j = ent.start()  # 每户家庭每月补助500元: per household, per month
            parts.insert(0, ent.group(1))
        r.per_span = (j, pe)
        r.per_suffix = _per_suffix(parts, lex)
        r.per_direct = direct
        _apply_per(r, r.per_suffix)
        q = _ending(text, _skip_spaces_back(text, j), lex.qb_index) if r.qualifier is None else None
        if q and lex.qual_before[q][0] != "none" and not lex.qual_before[q][1]:
            # 不低于每人每月600元: the bound stands before the per-base
            k = _skip_spaces_back(text, j)
            r.qualifier, r.qualifier_span, r.q_before = lex.qual_before[q][0], (k - len(q), k), True
    else:
        _base_apart(r, text, lex, j)


_CLAUSE_BREAK = re.compile(r"[，,。；;：:、！？!?\n0-9]")
_DATE_IN = re.compile(r"[0-9]{1,4}[年月日]")


@lru_cache(maxsize=1)
def _per_run() -> re.Pattern[str]:
    """每户每月: a run of per-bases."""
    words = sorted(_lex().each_order, key=len, reverse=True)
    return re.compile(rf"(?:每(?:{'|'.join(map(re.escape, words))})){{1,3}}")


def _time_base(r: _Raw, text: str, lex: _Lexicon) -> None:
    """每月租金中位数为$5,300, 每月发放津贴约1.7亿元: a sum in a clause that opens with a time
    base (每月, 每年) is per that time, whatever noun stands between (money, and how often: 每月采价
    2至3次 -> 次/月; an entity base, 每户…, may be followed by other entities, so it needs the link
    words above)."""
    if not r.unit or "/" in r.unit or (r.unit_kind != "money" and r.unit not in lex.frequency):
        return
    lo = max(0, r.start - 16)
    k = text.rfind("每", lo, r.start)
    if k < 0:
        _spoken_base(r, text, lex, lo)
        return
    if _CLAUSE_BREAK.search(text, k, r.start) and _CLAUSE_BREAK.search(_DATE_IN.sub("", text[k:r.start])):
        return  # (a date between is no break: 每月基本工资由105年的2万8元…)
    for word, order in lex.each_order.items():
        if order == 2 and text.startswith(word, k + 1) and not text.startswith("每" + word, k + 1 + len(word)):
            if text.startswith("每", k + 1 + len(word)):
                return  # 每月每人: the full base is read the usual way
            r.per_span = (k, k + 1 + len(word))
            r.per_suffix = "/" + word
            ent = _entity_before(text, k, lex)
            if ent is not None:
                # 每张服务券每月面值为$8,500: per voucher, per month
                r.per_span = (ent.start(), k + 1 + len(word))
                r.per_suffix = "/" + ent.group(1) + r.per_suffix
            r.unit = r.unit + r.per_suffix
            return


def _base_apart(r: _Raw, text: str, lex: _Lexicon, j: int) -> None:
    """A per-base not written right before the amount (see :func:`_before`): one before the 分别 of
    its list, else a time base that opens its clause."""
    if not (r.unit_kind == "money" and text.find("分别", max(0, j - 40), j) >= 0
            and _respectively_base(r, text, lex, j)):
        _time_base(r, text, lex)


def _per_suffix(parts: list[str], lex: _Lexicon) -> str:
    """``["月", "人"]`` -> ``/人/月``: entities first, then times (per.tsv order)."""
    return "".join("/" + p for p in sorted(parts, key=lambda p: lex.each_order.get(p, 1)))


def _entity_before(text: str, k: int, lex: _Lexicon) -> re.Match[str] | None:
    """``每张服务券`` or ``每户家庭`` right before ``k``: a counted thing (an entity of per.tsv) and its noun."""
    ent = _ENTITY_BEFORE.search(text, max(0, k - 8), k)
    return ent if ent is not None and lex.each_order.get(ent.group(1), 2) == 1 else None


_LIST_BREAK = re.compile(r"[。！？!?\n]")


def _respectively_base(r: _Raw, text: str, lex: _Lexicon, j: int) -> bool:
    """每户每月补贴金额分别为：第1级8,000元、第2级6,400元: a per-base before the 分别 of a list holds
    for every amount in it. True when it gave one."""
    k = text.rfind("分别", max(0, j - 40), j)
    if k < 0 or _LIST_BREAK.search(text, k, j):
        return False
    lo = max(0, k - 12)
    m = None
    for found in _per_run().finditer(text, lo, k):
        m = found  # (the last run before 分别)
    if m is None or _CLAUSE_BREAK.search(text, m.end(), k):
        return False
    r.per_suffix = _per_suffix([p for p in m.group().split("每") if p], lex)
    r.per_span = (m.start(), m.end())
    _apply_per(r, r.per_suffix)
    return True


def _spoken_base(r: _Raw, text: str, lex: _Lexicon, lo: int) -> None:
    """以前请护工一个月要四千多块: a sum in words after 一个月/一年 in its clause is per that time,
    as after 每月 (a sum in digits is not: 用一个月时间筹集资金500万元)."""
    if r.unit_kind != "money" or any("0" <= c <= "9" for c in text[r.start:r.end]):
        return
    last = None
    for m in lex.spoken_base.finditer(text, lo, r.start):
        last = m
    if last is None or _CLAUSE_BREAK.search(text, last.end(), r.start) or text.startswith("内", last.end()):
        return
    r.per_span = (last.start(), last.end())
    r.per_suffix = "/" + lex.spoken_bases[last.group()]
    r.unit = r.unit + r.per_suffix


def _context(r: _Raw, text: str, lex: _Lexicon) -> None:
    """Before-context and an after-qualifier for a mention built outside :func:`_finish`."""
    if r.start > 0 and text[r.start - 1] == "第":
        r.ordinal = True
    _before(r, text, lex)
    if r.end < len(text) and text[r.end] in lex.after_first:
        _after(r, text, r.end, lex)


def _apply_per(r: _Raw, suffix: str) -> None:
    """每人每月1010元: the unit becomes 元/人/月.

    Money takes a per-base also across link words (每人每月分别提高30元); another
    unit only when the per-base is written right before the number (每周三次 is
    次/周, 每次两个小时 is 小时/次; 平均每日约157个 stays 个). Never a percent.
    """
    if not suffix or not r.unit or "/" in r.unit:
        return
    if r.unit_kind == "money" or (r.per_direct and r.unit_kind not in ("percent", "rate")):
        r.unit = r.unit + suffix


# --------------------------------------------------------------------------- ranges


def _merge_ranges(raws: list[_Raw], text: str, cells: str | None = None) -> list[_Raw]:
    """``5至8人``, ``3%-5%``, ``5-8万元``, ``2017年至2019年``: one mention for both ends.

    Never across a cell boundary (a tab of ``cells``, the text with its ideographic spaces
    as tabs: see :func:`_cells_apart`): ``1352　—　2863`` is three cells of a table row (a
    figure, no data, a figure), not a range.
    """
    lex = _lex()
    out: list[_Raw] = []
    i = 0
    n = len(raws)
    while i < n:
        a = raws[i]
        if i + 1 < n:
            b = raws[i + 1]
            apart = cells is not None and cells.find("\t", a.end, b.start) >= 0
            merged = None if apart else _try_range(a, b, text, lex)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _try_range(a: _Raw, b: _Raw, text: str, lex: _Lexicon) -> _Raw | None:
    if b.start - a.end > 6 or a.value_max is not None or b.value_max is not None or a.q_after or b.q_before:
        return None
    if a.change in ("rise", "fall") and a.unit != "%" and text[a.end:b.start].strip(" ") in ("至", "到"):
        return None  # 增加约4 300人至122 900人: the change, then the level it reached
    if b.neg_dash and b.start == a.end:
        bval = -b.value  # 5万-8万: the dash is the connector, not a minus
    else:
        if b.neg_dash or text[a.end:b.start].strip(" ") not in _CONNECTORS:
            return None
        bval = b.value
    if a.kind in ("digits", "scientific") or b.kind in ("digits", "scientific"):
        return None
    money = None
    if a.unit and b.unit and a.unit != b.unit:
        # 新臺幣1萬20元至3萬6,180元: a currency named before the first end holds for both
        ua, ub = a.unit.split("/")[0], b.unit.split("/")[0]
        if not (a.unit_kind == b.unit_kind == "money" and (ua == ub or ub == "元")):
            return None
        money = ua
    if a.unit and not b.unit and not a.pct_prefix:
        return None
    ns = a.num_start
    if text[ns] == "0" and a.end - ns > 1 and "0" <= text[ns + 1] <= "9":
        return None  # 020-12345678: a phone number, not a range
    if _dash_digit(text, a.start - 1, a.start - 2) or _dash_digit(text, b.end, b.end + 1):
        return None  # 2023-12-28: a date, not a range
    aval = a.value
    if not a.unit and b.scale:
        aval = _scaled(aval, b.scale)  # 3-5成
    if not a.magnitude and b.magnitude and not a.unit:
        scaled = CTX.multiply(aval, b.mag_factor)
        if scaled <= bval:
            aval = scaled  # 5-8万元: the magnitude holds for both ends
    if aval > bval:
        return None
    r = _Raw(a.start, b.end, aval, a.kind if a.kind == b.kind else "mixed")
    r.value_max = bval
    r.unit = money or b.unit or a.unit
    r.unit_kind = b.unit_kind or a.unit_kind
    src = b if b.unit_start >= 0 else a
    r.unit_start, r.unit_end = src.unit_start, src.unit_end
    r.qualifier = a.qualifier or b.qualifier
    r.qualifier_span = a.qualifier_span or b.qualifier_span
    r.q_before, r.q_after = a.q_before, b.q_after
    r.change, r.change_span = a.change, a.change_span
    r.per_suffix, r.per_span, r.per_direct = a.per_suffix, a.per_span, a.per_direct
    _apply_per(r, r.per_suffix)
    r.magnitude, r.mag_factor = b.magnitude, b.mag_factor
    r.ordinal, r.pct_prefix, r.num_start = a.ordinal, a.pct_prefix, a.num_start
    return r


_LIST_JOINERS = frozenset("和、及与")
_CONNECTORS = frozenset(("至", "到", "-", "~"))  # what joins the two ends of a range (5至8人)


def _share_in_lists(raws: list[_Raw], text: str) -> None:
    """Two numbers joined by 和/、: the first takes the second's unit, the second the first's change
    (and, in a 分别 list, a qualifier written once before the first or after the last).

    ``提高1.1和0.8个百分点``: 1.1 is in 百分点 too; ``分别下降12.5%和9.1%``: 9.1 fell as well.
    A unit written once after the last of a list reaches every item (``12、15和20人``). A unit
    with a magnitude or a scale is shared only with items of the same magnitude
    (``1.84万、2.31万和0.91万人``; but 3和5万元 could be 3 or 30000).
    """
    pairs = list(zip(raws, raws[1:], strict=False))
    for a, b in reversed(pairs):  # (backwards, so a unit written once after the last reaches the first)
        if b.start - a.end != 1 or text[a.end] not in _LIST_JOINERS:
            continue
        if not a.unit and b.unit and not b.scale and b.unit_kind != "rate" and (
                not b.magnitude or a.magnitude == b.magnitude):
            a.unit, a.unit_kind = b.unit, b.unit_kind  # 1.84万、2.31万和0.91万人: 人 for all three
    for a, b in pairs:
        if b.start - a.end != 1 or text[a.end] not in _LIST_JOINERS:
            continue
        if b.change is None and a.change in ("rise", "fall"):
            b.change = a.change
        if text.find("分别", max(0, a.start - 14), a.start) >= 0:
            # 分别不低于每人每月90元和100元 / 分别增长5.5%和7%左右: a qualifier written once covers the list
            if b.qualifier is None and a.qualifier is not None and a.q_before:
                b.qualifier = a.qualifier
            elif a.qualifier is None and b.qualifier is not None and b.q_after:
                a.qualifier = b.qualifier


def _dash_digit(text: str, dash: int, digit: int) -> bool:
    """Whether ``text[dash]`` is a dash and ``text[digit]`` a digit (the chain of a date: 2023-12-28)."""
    return 0 <= dash < len(text) and 0 <= digit < len(text) and text[dash] == "-" and "0" <= text[digit] <= "9"


@lru_cache(maxsize=1)
def _carry_compare_re() -> re.Pattern[str]:
    leads = [r[0] for r in lexicon.rows("per.tsv") if len(r) >= 2 and r[1] == "carrylead"]
    alt = "|".join(map(re.escape, sorted(leads, key=lambda w: (-len(w), w))))
    return recache.compile(rf"[，,](?:{alt})[^，,。；;:：\d]{{0,14}}")


def _carry_compare(between: str) -> bool:
    """``，高出全国城市平均水平``, ``，比调整前提高``: a comparison of the same standard across a comma."""
    return len(between) <= 16 and _carry_compare_re().fullmatch(between) is not None


_BRACKET_UNIT = re.compile(r"[(（](?:单位[:：]\s*)?([^()（）\d，,。；;:：]{1,6})[)）]")
# Between the bracketed unit and the figure: a link and earlier figures of the same list (never a
# line end: 增减(%) heading a table column is no unit of the next line's 一、).
_BRACKET_GAP = re.compile(r"[^\S\n]*(?:依次|分别)?(?:为|是|约为)?[^\S\n]*(?:[0-9][0-9.,]*[^\S\n]*(?:、|及|和|与)[^\S\n]*)*")


@lru_cache(maxsize=1)
def _bracket_words() -> dict[str, str]:
    return lexicon.mapping("bracket_units.tsv")


def _bracket_units(raws: list[_Raw], text: str) -> None:
    """``开支（百万元）分别为3,456.7、3,802.1``: bare figures take the unit written in brackets
    after what they measure (its magnitude moves into the value: 3456700000 元)."""
    if "(" not in text and "（" not in text:
        return
    lex = _lex()
    for r in raws:
        if r.unit or r.magnitude or r.start == 0:
            continue
        lo = max(0, r.start - 60)
        k = max(text.rfind(")", lo, r.start), text.rfind("）", lo, r.start))
        if k < 0 or not _BRACKET_GAP.fullmatch(text, k + 1, r.start):
            continue
        m = _BRACKET_UNIT.search(text, max(0, k - 12), k + 1)
        while m is not None and m.end() != k + 1:
            m = _BRACKET_UNIT.search(text, m.end(), k + 1)
        if m is None:
            continue
        written, scale = split_magnitude(m.group(1).strip())
        unit = _bracket_words().get(written) or (lex.units[written][0] or written if written in lex.units else "")
        if not unit:
            continue
        r.unit = unit
        r.unit_kind = lex.units[written][1] if written in lex.units else "time"
        if scale != 1:
            r.value = scaled(r.value, scale)
            if r.value_max is not None:
                r.value_max = scaled(r.value_max, scale)


def is_unit(word: str) -> bool:
    """Is ``word`` a unit of ``units.tsv``, after a magnitude (``千人``, ``%``, ``万元``)?"""
    return bool(word) and split_magnitude(word)[0] in _lex().units


def split_magnitude(word: str) -> tuple[str, int]:
    """``百万元`` -> (``元``, 1000000), ``万人`` -> (``人``, 10000), ``人`` -> (``人``, 1): the magnitude
    characters of ``numerals.tsv`` (百, 千, 万, 亿 and their products) written before a unit."""
    if word in _lex().units:
        return word, 1  # 百分点, 千瓦, 千克: a unit that starts with a magnitude character
    t = numerals.table()
    factor, k = 1, 0
    while k < len(word) - 1 and (word[k] in t.small or word[k] in t.big) and word[k] not in t.strict:
        k += 1
    if k == 0:
        return word, 1
    for ch in word[:k]:
        factor *= t.small.get(ch) or t.big[ch]
    return word[k:], factor


def scaled(v: Decimal, factor: int | Decimal) -> Decimal:
    """``v`` times a magnitude written apart from it (a bracketed unit, a table's 单位 cell):
    3,456.7 百万 is 3456700000, not 3456700000.0."""
    p = v * factor
    return p.quantize(Decimal(1)) if p == p.to_integral_value() else p.normalize()


_ENTITY_BEFORE = re.compile(r"每([\u4e00-\u9fff])[\u4e00-\u9fff]{1,4}$")  # 每张服务券 | 每月
_AT_LEAST_VERB = re.compile(r"至少(?:建有|设有|配备|配有|建成|建立|开展|组织|举办|安排|有)$")
_SENTENCE_OR_BASE = re.compile(r"[。！？!?；;\n每]|资金|总额|合计|累计|共|全年|总计")


# (the measure may stand between the base and the colon, in the same clause and with no figure:
# 每户每月基本补贴金额依所在地区分：台北市8,000元、…)
_COLON_PER = re.compile(r"(每[^\W\d_每]{1,3}?)(每[^\W\d_每]{1,2}?)?[^，,。；;：:\n\d０-９每]{0,16}?[:：]")
_SENTENCE_END = re.compile(r"[。；;\n]")


def _colon_list_per(raws: list[_Raw], text: str) -> None:
    """``最低生活费每人每月为：台湾省14,580元、台北市19,920元…``: a per-base before a colon holds
    for every money amount of the list it opens (up to the sentence's end), also with the measure
    written between them (``每户每月基本补贴金额依地区区分：台北市8,000元、…``)."""
    if "：" not in text and ":" not in text:
        return
    lex = _lex()
    for m in _COLON_PER.finditer(text):
        # (每张床位每月：… counts per bed: a classifier before its noun is the base)
        parts = [g[1:] if g[1:] in lex.each_order or lex.each_order.get(g[1:2]) != 1 else g[1:2]
                 for g in m.groups() if g]
        if not all(p in lex.each_order for p in parts):
            continue
        suffix = _per_suffix(parts, lex)
        stop = _SENTENCE_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        # (raws come in text order: only the list's own figures are visited, so a long page stays linear)
        for r in islice(raws, bisect_left(raws, m.end(), key=attrgetter("start")), None):
            if r.start >= end:
                break
            if r.unit_kind == "money" and "/" not in r.unit:
                r.unit = r.unit + suffix


def _propagate_per(raws: list[_Raw], text: str) -> None:
    """A per-base holds for the money amounts that follow it in a list or a change.

    ``由每人每月860元增至960元``, ``每人每月160元、480元、960元``: every amount gets
    ``元/人/月``. Only the short words of ``per.tsv`` (role carry) may stand between
    two amounts; anything else (a new subject, a comma) ends the per-base.
    """
    lex = _lex()
    suffix = ""
    base: str | None = None  # the money unit the per-base was written with (None: not yet known)
    last_end = 0
    last_magnitude = ""
    for r in raws:
        if r.unit_kind == "time" and not r.per_suffix:
            continue  # 由2019年的每人每月624元提高到2024年的812元，五年间提高188元: a year or a span between
        between = text[last_end:r.start].strip()
        # (across a comma only a change of the same size: 每人每月700元，增加60元, not …，增加60万元)
        carried = suffix and (between in lex.carry or _carry_compare(between)) \
            and (between[:1] not in "，," or r.magnitude == last_magnitude)
        if suffix and not carried and r.unit_kind == "money" and not r.per_suffix and r.magnitude == last_magnitude \
                and len(between) <= 24 and not _SENTENCE_OR_BASE.search(between):
            # 城市低保标准最高为每人每月1510元，最低为680元，两者相差830元: the same standard, in the
            # same sentence and the same size, compared (not 全年发放资金2亿元, not 每户…)
            carried = True
        last_magnitude = r.magnitude
        if r.per_suffix:
            suffix = r.per_suffix
            has_base = r.unit_kind == "money" and r.unit.endswith(suffix)
            base = r.unit[: len(r.unit) - len(suffix)] if has_base else None
        elif carried:
            if r.unit_kind == "money" and "/" not in r.unit and (base is None or r.unit == base):
                r.unit = r.unit + suffix
                r.per_suffix = suffix
            elif not r.unit:
                r.per_suffix = suffix  # 1,140至1,520元: the range takes it
            else:
                suffix = ""
        else:
            suffix = ""
        last_end = r.end
