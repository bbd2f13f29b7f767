"""The record: one statistic, the unit of every output and of scoring.

Values stay :class:`decimal.Decimal` inside the library so that ``16.4亿`` is exactly
1640000000; they become JSON numbers only in :meth:`Record.to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


def decimal_to_json(value: Decimal | None) -> int | float | None:
    """An integer when the value is whole (``909000``), else a float (``85.5``).

    JSON has no decimal type; whole numbers as ``int`` keep large counts exact.
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@dataclass(frozen=True, slots=True)
class Record:
    """One statistic found in a document (fields as in RECORDS.md section 2)."""

    indicator: str
    value: Decimal
    unit: str
    period: str | None
    qualifier: str | None
    span: tuple[int, int]
    mention: str
    value_max: Decimal | None = None
    doc: str | None = None
    sentence: str | None = None
    period_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``value_max`` only for ranges, ``doc`` only when known."""
        out: dict[str, Any] = {}
        if self.doc is not None:
            out["doc"] = self.doc
        out["indicator"] = self.indicator
        out["value"] = decimal_to_json(self.value)
        if self.value_max is not None:
            out["value_max"] = decimal_to_json(self.value_max)
        out["unit"] = self.unit
        out["period"] = self.period
        out["qualifier"] = self.qualifier
        out["span"] = [self.span[0], self.span[1]]
        out["mention"] = self.mention
        if self.sentence is not None:
            out["sentence"] = self.sentence
        if self.period_text is not None:
            out["period_text"] = self.period_text
        return out
