"""The ``re`` Han class means what ``regex``'s ``\\p{Han}`` means."""

import re

import regex
from hypothesis import given
from hypothesis import strategies as st

from zhstats.charclass import HAN

_RE = re.compile(f"[{HAN}]")
_REGEX = regex.compile(r"\p{Han}")


@given(st.characters())
def test_same_as_regex_property(c: str) -> None:
    assert (_RE.match(c) is None) == (_REGEX.match(c) is None)


def test_edges() -> None:
    for c in "中〇々𠀀":
        assert _RE.match(c)
    for c in "a1，。ー・":
        assert _RE.match(c) is None


def test_whole_basic_plane_and_range_edges() -> None:
    """Every BMP character, and both ends of every supplementary range, agree."""
    cps = list(range(0x10000))
    for lo, hi in re.findall(r"\\U([0-9a-f]{8})-\\U([0-9a-f]{8})", HAN.encode("unicode_escape").decode()):
        a, b = int(lo, 16), int(hi, 16)
        cps += [a - 1, a, b, b + 1]
    bad = [hex(c) for c in cps if (_RE.match(chr(c)) is None) != (_REGEX.match(chr(c)) is None)]
    assert bad == []
