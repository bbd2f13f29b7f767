"""Period scope: give every number mention the period that holds for it.

PLACEHOLDER implementation (last time phrase before the number in its paragraph);
the full scope rules of RECORDS.md section 5 replace it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .docdate import DocDate
from .numbers import NumberMention
from .structure import Segments
from .timex import TimeExpr


def assign_periods(
    text: str,
    segments: Segments,
    numbers: Sequence[NumberMention],
    times: Sequence[TimeExpr],
    date: DocDate | None,
) -> list[tuple[str | None, str | None]]:
    """One ``(period, period_text)`` per number, in the order of ``numbers``."""
    out: list[tuple[str | None, str | None]] = []
    for n in numbers:
        para = segments.paragraph_of(n.start)
        best = None
        for t in times:
            if para and para[0] <= t.start and t.end <= n.start:
                best = t
        out.append((best.period, best.text) if best else (None, None))
    return out
