"""Records as a pandas DataFrame with stable dtypes (pandas imported only here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

COLUMNS = ("doc", "indicator", "value", "value_max", "unit", "period", "qualifier", "start", "end",
           "mention", "period_text", "sentence")


def to_frame(records: Iterable[Any]):  # -> pandas.DataFrame
    """One row per record: ``value``/``value_max`` float, text columns pandas strings, span as start/end."""
    import pandas as pd

    rows = []
    for r in records:
        d = r.to_dict() if hasattr(r, "to_dict") else dict(r)
        span = d.get("span") or (None, None)
        rows.append({
            "doc": d.get("doc"),
            "indicator": d.get("indicator"),
            "value": None if d.get("value") is None else float(d["value"]),
            "value_max": None if d.get("value_max") is None else float(d["value_max"]),
            "unit": d.get("unit"),
            "period": d.get("period"),
            "qualifier": d.get("qualifier"),
            "start": span[0],
            "end": span[1],
            "mention": d.get("mention"),
            "period_text": d.get("period_text"),
            "sentence": d.get("sentence"),
        })
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    dtypes = {c: "string" for c in COLUMNS if c not in ("value", "value_max", "start", "end")}
    dtypes.update({"value": "float64", "value_max": "float64", "start": "Int64", "end": "Int64"})
    return df.astype(dtypes)
