"""The publication date of a document: the anchor for every relative time word.

A date is kept at the precision it was given (``2020-01`` is a month, not the first
of January), because RECORDS.md resolves ``截至目前`` to the document date *at its
own precision*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")


@dataclass(frozen=True, slots=True)
class DocDate:
    """A year, month and optional day; ``iso`` renders it at its own precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> DocDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError with a usable message."""
        m = _DATE_RE.match(str(text))
        if not m:
            raise ValueError(f"not a date: {text!r} (expected YYYY-MM or YYYY-MM-DD)")
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"not a date: {text!r} (month {month} out of range)")
        if day is not None:
            import datetime

            try:
                datetime.date(year, month or 1, day)
            except ValueError as exc:
                raise ValueError(f"not a date: {text!r} ({exc})") from None
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso


def coerce_date(date: DocDate | str | None) -> DocDate | None:
    """Accept what a user passes (``"2020-01"``, a DocDate, None, a datetime.date)."""
    if date is None or isinstance(date, DocDate):
        return date
    if hasattr(date, "year") and hasattr(date, "month"):
        return DocDate(date.year, date.month, getattr(date, "day", None))
    return DocDate.parse(str(date))
