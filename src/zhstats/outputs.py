"""Writers: records to JSON Lines, CSV, a terminal table or an HTML page.

Every writer takes dicts from :meth:`Record.to_dict` (plus ``doc``), so the
formats cannot drift apart.

JSON Lines and CSV are *streamed*: :func:`render_lines` turns one document's
records into text inside the worker process, so the parent only writes strings
(cheap to pass between processes) and never holds more than one chunk of
documents. The table and the HTML page need every record (column widths, one
page), so only they collect.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from typing import Any

from .frame import COLUMNS

# The CSV has the columns of ``to_frame`` (and of the Dask/Parquet output), in that order.
CSV_COLUMNS = COLUMNS


STREAMED = ("jsonl", "csv")


def jsonl_line(rec: dict[str, Any]) -> str:
    """One record as a JSON line (UTF-8 text, not escaped, so the file stays readable)."""
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


def render_lines(fmt: str, records: Iterable[dict[str, Any]]) -> str:
    """The records of one document as the text of a streamed format (``jsonl`` or ``csv``, no header)."""
    line = jsonl_line if fmt == "jsonl" else csv_line
    return "".join(line(r) for r in records)


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
