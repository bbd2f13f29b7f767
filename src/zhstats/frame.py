"""Records as a pandas DataFrame with stable dtypes (pandas imported only here, inside the function).

``COLUMNS`` and :func:`record_row` are shared with the CSV writer
(:mod:`zhstats.outputs`), so a CSV and a DataFrame of the same records have the
same columns in the same order and the same cells. This module must stay
importable without pandas, since the CLI imports it for CSV.

dtypes, chosen so that a frame of one document concatenates cleanly with a frame
of another (even an empty one) and nulls stay nulls:

- ``value``, ``value_max``: ``float64`` (NaN when absent). Records keep exact
  ``Decimal`` values; use :func:`zhstats.extract` when exactness matters.
- ``start``, ``end``: ``Int64`` (the record's ``span`` split in two).
- every other column: pandas ``string`` (``<NA>`` when null); ``period`` is an
  ISO 8601 string such as ``2019``, ``2019-12-31`` or ``2017/2019``, never a
  number or a date, because periods can be ranges and years must not become 2019.0.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

COLUMNS = ("doc", "indicator", "value", "value_max", "unit", "period", "qualifier", "start", "end",
           "mention", "period_text", "sentence")

NUMERIC = {"value": "float64", "value_max": "float64", "start": "Int64", "end": "Int64"}
DTYPES: dict[str, str] = {c: NUMERIC.get(c, "string") for c in COLUMNS}


def record_row(rec: Any) -> dict[str, Any]:
    """One record (a :class:`~zhstats.Record` or its dict) as a flat row keyed by ``COLUMNS``.

    The span becomes ``start``/``end``; values are left as they are (``int``,
    ``float`` or ``Decimal``), so the CSV writes ``909000`` rather than ``909000.0``.
    Extra keys (gold ``aliases``, ``optional``) are dropped.
    """
    d = rec.to_dict() if hasattr(rec, "to_dict") else dict(rec)
    span = d.get("span")
    if span is not None:
        start, end = span
    else:  # already flat (a row read back from CSV)
        start, end = d.get("start"), d.get("end")
    row = {c: d.get(c) for c in COLUMNS}
    row["start"], row["end"] = start, end
    return row


def _float(v: Any) -> float | None:
    return None if v is None or v == "" else float(v)


def _int(v: Any) -> int | None:
    return None if v is None or v == "" else int(v)


def to_frame(records: Iterable[Any]) -> pandas.DataFrame:
    """One row per record, columns ``COLUMNS``, dtypes ``DTYPES`` (also for no records at all)."""
    import pandas as pd

    rows = []
    for r in records:
        row = record_row(r)
        row["value"], row["value_max"] = _float(row["value"]), _float(row["value_max"])
        row["start"], row["end"] = _int(row["start"]), _int(row["end"])
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(DTYPES)
