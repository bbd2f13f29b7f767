"""Numeral strings to exact values: Chinese, Arabic and mixed forms, as ``Decimal``.

Why a small parser and not a regex: the value of a Chinese numeral depends on the
order of its parts (``四千零五万`` is 40050000, ``九万四`` is 94000, ``万万`` is 亿,
``五亿1万4千6百`` mixes both scripts), which takes a little state machine. Finding
where a numeral starts and ends is the job of :mod:`zhstats.numbers`; this module
only turns a located run into a value.

The characters and their worth are data (``data/numerals.tsv``). Arithmetic is
``Decimal`` under a private 60-digit context, so ``16.4亿`` is exactly 1640000000
whatever context the caller has set; only fractions (``三分之一``) round, at the 60th
digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from functools import lru_cache

from . import lexicon, recache

CTX = Context(prec=60)
"""The arithmetic context of every value: wide enough that counts and money never round."""

_ZERO = Decimal(0)
_ONE = Decimal(1)
_TEN = Decimal(10)


@dataclass(frozen=True)
class NumeralTable:
    """The numeral characters of ``data/numerals.tsv``, grouped by what they do."""

    digits: dict[str, int]  # 一..九 and 零/〇 (zero kind included, value 0)
    zeros: frozenset[str]
    small: dict[str, int]  # 十 百 千
    big: dict[str, int]  # 万 亿 兆
    points: frozenset[str]
    signs: frozenset[str]
    inside: frozenset[str]  # 多 余 几
    strict: frozenset[str]  # 陆 伍 拾 肆: only inside a longer numeral
    nodecimal: frozenset[str]  # 两 俩: never after the point nor in digit strings
    needsmore: frozenset[str]  # 兆: a magnitude only when numerals follow
    pairs: frozenset[tuple[int, int]]  # digit pairs read as a range besides neighbours (三五)

    @property
    def numeral_chars(self) -> str:
        """Every character that can be part of the integer part of a Chinese numeral."""
        return "".join([*self.digits, *self.small, *self.big])


@lru_cache(maxsize=1)
def table() -> NumeralTable:
    """The numeral table, loaded once."""
    digits: dict[str, int] = {}
    zeros: set[str] = set()
    small: dict[str, int] = {}
    big: dict[str, int] = {}
    points: set[str] = set()
    signs: set[str] = set()
    inside: set[str] = set()
    flags: dict[str, set[str]] = {"strict": set(), "nodecimal": set(), "needsmore": set()}
    pairs: set[tuple[int, int]] = set()
    for row in lexicon.rows("numerals.tsv"):
        ch, value, kind = row[0], row[1], row[2]
        if kind == "pair":
            lo, hi = value.split(",")
            pairs.add((int(lo), int(hi)))
            continue
        for flag in (row[3].split(",") if len(row) > 3 and row[3] else ()):
            flags[flag.strip()].add(ch)
        if kind in ("digit", "zero"):
            digits[ch] = int(value)
            if kind == "zero":
                zeros.add(ch)
        elif kind == "small":
            small[ch] = int(value)
        elif kind == "big":
            big[ch] = int(value)
        elif kind == "point":
            points.add(ch)
        elif kind == "sign":
            signs.add(ch)
        elif kind == "inside":
            inside.add(ch)
        else:  # pragma: no cover - data error
            raise ValueError(f"data/numerals.tsv: unknown kind {kind!r} for {ch!r}")
    return NumeralTable(
        digits,
        frozenset(zeros),
        small,
        big,
        frozenset(points),
        frozenset(signs),
        frozenset(inside),
        frozenset(flags["strict"]),
        frozenset(flags["nodecimal"]),
        frozenset(flags["needsmore"]),
        frozenset(pairs),
    )


# A token of a numeral run: (kind, value, start, end) with kind
#   "A" Arabic number (Decimal), "D" Chinese digit 1-9 (int), "Z" zero,
#   "S" small unit 十百千 (int), "B" big unit 万亿兆 (int), "I" inside 多余几 (None).
Token = tuple[str, object, int, int]

# Digits grouped by spaces (133 500, Hong Kong style) first, then by commas or none.
_ARABIC = recache.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token] | None:
    """Tokens of the numeral run ``text[start:end]`` (spaces skipped); None if it holds other characters."""
    t = table()
    end = len(text) if end is None else end
    out: list[Token] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == " ":
            i += 1
            continue
        if "0" <= ch <= "9" or ch == ".":
            m = _ARABIC.match(text, i, end)
            if m is None:
                return None
            out.append(("A", Decimal(m.group().replace(",", "").replace(" ", "")), i, m.end()))
            i = m.end()
            continue
        if ch in t.digits:
            out.append(("Z" if ch in t.zeros else "D", t.digits[ch], i, i + 1))
        elif ch in t.small:
            out.append(("S", t.small[ch], i, i + 1))
        elif ch in t.big:
            out.append(("B", t.big[ch], i, i + 1))
        elif ch in t.inside:
            out.append(("I", None, i, i + 1))
        else:
            return None
        i += 1
    return out


def parse_tokens(toks: list[Token]) -> Decimal | None:
    """The value of an integer-part token list, or None when it is not one numeral.

    Sections close at a big unit (万 亿 兆); inside a section small units (十 百 千)
    must fall. ``万万``/``万亿`` multiply what came before; a bare last digit right
    after 百/千/万/亿 is shortened (``九万四`` is 94000, ``四百五`` is 450) unless a
    零 stands between (``五亿零六`` is 500000006). 多/余/几 are skipped (their
    qualifier is read by the caller).
    """
    if not toks:
        return None
    total = _ZERO
    section = _ZERO
    num: Decimal | None = None
    num_short = False  # the pending number may be shortened (九万四)
    last_small = 0
    last_unit = 0
    last_big = 0
    zero_seen = False
    prev = ""
    for kind, val, _s, _e in toks:
        if kind == "A" or kind == "D":
            if num is not None or prev in ("A", "D"):
                return None
            if kind == "A":
                num = val  # type: ignore[assignment]
                num_short = prev in ("S", "B") and not zero_seen and len(str(val)) == 1
            else:
                num = Decimal(val)  # type: ignore[arg-type]
                num_short = prev in ("S", "B") and not zero_seen
        elif kind == "Z":
            if num is not None:
                return None
            zero_seen = True
        elif kind == "S":
            u = val  # type: ignore[assignment]
            if num is None:
                if u == 10 or prev == "":
                    n = _ONE  # 十五, 零十, 一百零十, and a leading 百三/千余
                else:
                    return None
            else:
                n = num
            if last_small and u >= last_small:  # type: ignore[operator]
                return None
            section = CTX.add(section, CTX.multiply(n, Decimal(u)))  # type: ignore[arg-type]
            last_small = u  # type: ignore[assignment]
            last_unit = u  # type: ignore[assignment]
            num = None
            zero_seen = False
        elif kind == "B":
            u_big = Decimal(val)  # type: ignore[arg-type]
            seg = section if num is None else CTX.add(section, num)
            if seg == 0:
                if total == 0 or (last_big and val < last_big):  # type: ignore[operator]
                    return None  # 万 alone; 亿万 is an idiom, not a number
                total = CTX.multiply(total, u_big)  # 四万万, 二十一万亿
            elif total == 0 or total < u_big:
                total = CTX.multiply(CTX.add(total, seg), u_big)
            else:
                total = CTX.add(total, CTX.multiply(seg, u_big))
            section = _ZERO
            num = None
            last_small = 0
            last_unit = val  # type: ignore[assignment]
            last_big = val  # type: ignore[assignment]
            zero_seen = False
        elif kind == "I":
            num_short = False
        prev = kind
    if num is not None:
        if num_short and last_unit >= 100:
            num = CTX.multiply(num, Decimal(last_unit // 10))
        section = CTX.add(section, num)
    if prev == "Z" and total == 0 and section == 0 and len(toks) == 1:
        return _ZERO  # 零
    return CTX.add(total, section)


def digit_string(toks: list[Token], text: str, two: bool = False) -> Decimal | None:
    """A numeral read digit by digit (``二〇一九`` is 2019), or None.

    Only for runs of two or more Chinese digits with a zero, or three or more:
    ``一九九一``; ``两两`` and ``三四`` are not digit strings. ``two``: any two digits
    will do (the caller knows the context reads digits: ``七五折``).
    """
    t = table()
    if len(toks) < 2 or any(k not in ("D", "Z") for k, *_ in toks):
        return None
    if any(text[s] in t.nodecimal for _k, _v, s, _e in toks):
        return None
    if len(toks) == 2 and not two and not any(k == "Z" for k, *_ in toks):
        return None
    return Decimal("".join(str(v) for _k, v, _s, _e in toks))


def pair_range(toks: list[Token]) -> tuple[Decimal, Decimal] | None:
    """Two neighbouring digits one apart as an approximate range (``三四万`` 30000-40000, ``十七八万``).

    Chinese writes "three or four ten-thousands" as 三四万; the lower end drops the
    second digit, the upper end the first, each read as a numeral of its own. Besides
    neighbours, the pairs of ``numerals.tsv`` (kind pair: 三五) are read so.
    """
    pairs = table().pairs
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a[0] == "D" and b[0] == "D" and (b[1] == a[1] + 1 or (a[1], b[1]) in pairs):  # type: ignore[operator]
            lo = parse_tokens(toks[:i + 1] + toks[i + 2:])
            hi = parse_tokens(toks[:i] + toks[i + 1:])
            if lo is not None and hi is not None and lo < hi:
                return lo, hi
            return None
    return None


def fraction_digits(text: str) -> Decimal | None:
    """The decimal part after 点 (``五五四四`` -> 0.5544); None if a character is not a digit."""
    t = table()
    ds = []
    for ch in text:
        if ch == " ":
            continue
        if ch not in t.digits or ch in t.nodecimal:
            return None
        ds.append(str(t.digits[ch]))
    if not ds:
        return None
    return Decimal("0." + "".join(ds))


_SHOW = Context(prec=28)


def tidy(value: Decimal) -> Decimal:
    """A canonical representation: whole numbers without exponent or trailing zeros (``909000``, ``85.5``).

    A value with more than 28 significant digits can only come from a fraction
    (``三分之一``); it is rounded to 28, Python's default ``Decimal`` precision.
    """
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize(_SHOW)


def parse_numeral(text: str) -> Decimal | None:
    """The value of a whole numeral string, or None if it is not exactly one numeral.

    Accepts every form the finder resolves inside a mention, without units:
    ``一百二十三``, ``九萬四`` (after normalisation), ``1,234.5万``, ``3千万``,
    ``两千万点五五四四``, ``负三十二``, ``二〇一九``. Used by the tests and handy to
    other layers (the time layer reads ``二〇一九年`` with it).
    """
    from .normalize import normalize_text

    s = normalize_text(text).strip()
    t = table()
    neg = False
    if s[:1] in t.signs or s[:1] == "-":
        neg, s = True, s[1:]
    post = _ONE
    frac = None
    for p in t.points:
        if p in s:
            s, _, tail = s.partition(p)
            tail = tail.strip()
            bigs = ""
            while tail and tail[-1] in t.big:
                bigs = tail[-1] + bigs
                tail = tail[:-1].rstrip()
            frac = fraction_digits(tail)
            if frac is None:
                return None
            for b in bigs:
                post = CTX.multiply(post, Decimal(t.big[b]))
            break
    toks = tokenize(s)
    if not toks:
        return None
    try:
        value = parse_tokens(toks)
        if value is None:
            value = digit_string(toks, s)
    except InvalidOperation:  # pragma: no cover - defensive
        return None
    if value is None:
        return None
    if frac is not None:
        value = CTX.multiply(CTX.add(value, frac), post)
    return tidy(-value if neg else value)
