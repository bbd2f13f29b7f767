"""Properties of the number layer (hypothesis): numerals round-trip, any text is safe.

A small renderer below writes integers as Chinese numerals the way texts do
(一万零二百五十, 两千万, 壹仟贰佰, 萬/億); the layer must read each back to the same
exact value. Arabic numbers with full-width digits and thousands separators, and
decimals with magnitude words, must do the same. And on any text at all,
``find_numbers`` never raises and every mention grounds: ``text[start:end] == text``.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhstats import find_numbers
from zhstats.normalize import Normalized
from zhstats.numbers import find_numbers_normalized

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DIGITS = "零一二三四五六七八九"
FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
TRADITIONAL = str.maketrans({"万": "萬", "亿": "億", "两": "兩", "点": "點", "负": "負"})
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def _section(n: int, leading: bool) -> str:
    """1..9999 in Chinese; 十五 at the very start of a numeral, 一十五 inside one."""
    out = []
    zero = False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (unit == "十" and d == 1 and leading and not out):
            out.append(DIGITS[d])
        out.append(unit)
    return "".join(out)


def _below_yi(n: int, leading: bool) -> str:
    if n >= 10000:
        high, low = divmod(n, 10000)
        s = _section(high, leading) + "万"
        if low:
            s += ("零" if low < 1000 else "") + _section(low, False)
        return s
    return _section(n, leading)


def render(n: int) -> str:
    """Chinese numeral for 0 <= n < 10**16, with 零 where texts write it."""
    if n == 0:
        return "零"
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        s = _below_yi(high, True) + "亿"
        if low:
            s += ("零" if low < 10**7 else "") + _below_yi(low, False)
        return s
    return _below_yi(n, True)


def with_liang(s: str) -> str:
    """两 for 二 before 百/千/万/亿 where a section starts (两千, 两万): the everyday form."""
    out = list(s)
    for i, c in enumerate(out):
        if c == "二" and i + 1 < len(out) and out[i + 1] in "百千万亿" and (i == 0 or out[i - 1] in "万亿零"):
            out[i] = "两"
    return "".join(out)


@st.composite
def chinese_numerals(draw: st.DrawFn) -> tuple[str, int]:
    n = draw(st.one_of(st.integers(0, 10**4), st.integers(0, 10**9), st.integers(0, 10**16 - 1)))
    s = render(n)
    if draw(st.booleans()):
        s = with_liang(s)
    if n > 10 and draw(st.booleans()):
        s = s.translate(FINANCIAL)
    if draw(st.booleans()):
        s = s.translate(TRADITIONAL)
    return s, n


@SETTINGS
@given(chinese_numerals(), st.sampled_from(["{}", "共有{}人", "资金{}元。", "“{}”"]))
def test_chinese_numerals_round_trip(numeral: tuple[str, int], frame: str) -> None:
    s, n = numeral
    text = frame.format(s)
    ms = find_numbers(text)
    assert len(ms) == 1, (text, [m.text for m in ms])
    m = ms[0]
    assert m.value == n, (text, m.value)
    assert text[m.start:m.end] == m.text
    assert m.text.startswith(s)


@SETTINGS
@given(st.integers(-(10**12), 10**12), st.booleans(), st.booleans())
def test_arabic_numbers_round_trip(n: int, separators: bool, full_width: bool) -> None:
    s = f"{n:,}" if separators else str(n)
    if full_width:
        s = s.translate(FULL_WIDTH)
    text = f"数量为{s}。"
    ms = find_numbers(text)
    assert [m.value for m in ms] == [n], (text, [m.text for m in ms])
    assert ms[0].text == s


@SETTINGS
@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("千万", 10**7)]),
    st.booleans(),
)
def test_decimals_with_magnitude_exact(d: Decimal, magnitude: tuple[str, int], full_width: bool) -> None:
    word, factor = magnitude
    s = f"{d}{word}"
    if full_width:
        s = s.translate(FULL_WIDTH)
    text = f"总额{s}元"
    ms = find_numbers(text)
    assert len(ms) == 1, (text, [m.text for m in ms])
    assert ms[0].value == d * factor  # exact: Decimal end to end
    assert ms[0].unit == "元"


@SETTINGS
@given(st.integers(0, 10**8), st.text(alphabet="0123456789", min_size=1, max_size=6), st.booleans())
def test_chinese_decimals_round_trip(n: int, frac: str, traditional: bool) -> None:
    s = render(n) + "点" + "".join(DIGITS[int(c)] for c in frac)
    if traditional:
        s = s.translate(TRADITIONAL)
    ms = find_numbers(s)
    assert [m.value for m in ms] == [Decimal(f"{n}.{frac}")], (s, [m.text for m in ms])


ALPHABET = (
    "0123456789０１２３４５６７８９.,，．%％‰-－~～至到 \n"
    "零〇○一二三四五六七八九十百千万亿兆两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳點負幾"
    "多余几约近超逾以上下左右不足分之点负第每人月个名元万人次户家项件条%成折百分"
    "的是在和年度增长下降减少至增降为了。、；：（）“”abcXYZk$¥"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_any_text_is_safe_and_grounded(text: str) -> None:
    ms = find_numbers(text)
    last_end = 0
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end, "mentions overlap"
        last_end = m.end
        assert isinstance(m.value, Decimal) and m.value.is_finite()
        assert m.value_max is None or m.value_max.is_finite()
        assert m.qualifier in (None, "approx", "over", "under")
        assert m.change in (None, "rise", "fall")
    assert find_numbers_normalized(Normalized.of(text)) == ms


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_is_safe(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text


def test_long_runs_are_linear_and_values_stay_finite() -> None:
    """Runs of magnitude characters do not recurse; values of 10**30 and more are dropped.

    Reported by tests/test_fuzz.py (issue 8): 万 x 990 hit a RecursionError, 1e400 and
    400 nines overflowed float64 downstream.
    """
    import math

    assert find_numbers("万" * 20_000) == []
    assert find_numbers("亿万" * 5_000) == []
    for text in ("1e400元", "9" * 400 + ".5元", "9" * 400 + "." + "9" * 400 + "万亿元", "1e999999元", "2^99999"):
        assert find_numbers(text) == []
    for m in find_numbers("一" * 10_000 + "元" + "9." * 4_000):
        assert math.isfinite(float(m.value))
