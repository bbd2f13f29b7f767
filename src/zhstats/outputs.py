"""Writers: records to JSON Lines, CSV, a terminal table or an HTML page.

Every writer takes dicts from :meth:`Record.to_dict` (plus ``doc``), so the
formats cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from typing import Any

CSV_COLUMNS = (
    "doc", "indicator", "value", "value_max", "unit", "period", "qualifier",
    "start", "end", "mention", "period_text", "sentence",
)


def jsonl_line(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False) + "\n"


def csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(CSV_COLUMNS)
    return buf.getvalue()


def csv_line(rec: dict[str, Any]) -> str:
    row = dict(rec)
    row["start"], row["end"] = rec["span"]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(["" if row.get(c) is None else row.get(c) for c in CSV_COLUMNS])
    return buf.getvalue()


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _fit(s: str, width: int) -> str:
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > width:
            return out[:-1] + "…" + " " * (width - w) if out else ""
        out += c
        w += cw
    return out + " " * (width - w)


def table(records: Iterable[dict[str, Any]]) -> str:
    """A fixed-width table for a terminal (East Asian wide characters counted as two)."""
    cols = [("doc", 14), ("indicator", 26), ("value", 14), ("unit", 8), ("period", 16), ("qual", 6), ("mention", 18)]
    lines = ["  ".join(_fit(h, w) for h, w in cols).rstrip()]
    lines.append("  ".join("-" * w for _, w in cols))
    n = 0
    for r in records:
        n += 1
        value = str(r["value"]) + (f"~{r['value_max']}" if r.get("value_max") is not None else "")
        cells = [r.get("doc") or "", r["indicator"], value, r["unit"], r["period"] or "-",
                 r["qualifier"] or "", r["mention"]]
        lines.append("  ".join(_fit(str(c), w) for c, (_, w) in zip(cells, cols, strict=True)).rstrip())
    lines.append(f"({n} records)")
    return "\n".join(lines) + "\n"
