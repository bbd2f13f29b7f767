"""Time expressions: find them and resolve them against the document date.

PLACEHOLDER implementation (bare years only); the full time layer replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .docdate import DocDate


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time phrase in the text and the ISO period it resolves to (None if it cannot)."""

    start: int
    end: int
    text: str
    period: str | None
    kind: str = "point"
    start_period: str | None = None
    end_period: str | None = None


_YEAR = regex.compile(r"(?<!\d)(19|20)\d\d年(?:\d{1,2}月(?:\d{1,2}日)?)?")


def find_times(text: str, date: DocDate | None) -> list[TimeExpr]:
    """Every time expression in the normalised ``text``."""
    return [TimeExpr(m.start(), m.end(), m.group(), m.group()[:4]) for m in _YEAR.finditer(text)]
