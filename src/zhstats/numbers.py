"""Number mentions: every quantity written in the text, with value, unit and qualifier.

PLACEHOLDER implementation (Arabic digits only) so the pipeline runs end to end;
the full layer (Chinese numerals, ranges, percentages, qualifiers, signs) replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .normalize import Normalized


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written: its span on the original text and its resolved parts."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: str = ""
    qualifier: str | None = None
    value_max: Decimal | None = None
    unit_text: str = ""
    change: str | None = None


_MAG = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000), "百": Decimal(100)}
_RE = regex.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万|千)?(元/人/月|人次|%|个|名|人|户|家|项|件|条|部|对|支|例|元|所)?")


def find_numbers_normalized(norm: Normalized) -> list[NumberMention]:
    out: list[NumberMention] = []
    for m in _RE.finditer(norm.text):
        value = Decimal(m.group(1))
        if m.group(2):
            for ch in m.group(2):
                value *= _MAG[ch]
        s, e = norm.to_original(m.start(), m.end())
        out.append(NumberMention(s, e, norm.original[s:e], value, m.group(3) or "", unit_text=m.group(3) or ""))
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text`` (spans on ``text`` itself)."""
    return find_numbers_normalized(Normalized.of(text))
