"""Powers with no value (``0^0``, ``0^-1``, ``9^9999999``) are no quantity, like ``1e400``.

They raised from the decimal context (or reached ``tidy`` as Infinity), which stopped the
extraction of the whole document they stood in.
"""

from __future__ import annotations

import pytest

import zhstats
from zhstats import find_numbers


@pytest.mark.parametrize("text", ["0^0", "0.0^0", "0^-1", "9^9999999", "人数为0^0人"])
def test_a_power_with_no_value_is_no_number(text: str) -> None:
    assert [m for m in find_numbers(text) if m.numeral_kind == "scientific"] == []
    zhstats.extract(text, date="2020-01")  # the document still goes through


def test_powers_with_a_value_still_count() -> None:
    assert [(m.text, str(m.value)) for m in find_numbers("2^10")] == [("2^10", "1024")]
