"""A self-contained HTML review page: the article with every statistic marked.

A reviewer checks records against the text they came from, so the page shows the
article itself with each record's mention in a ``<mark>`` (its indicator, value,
unit, period and qualifier in the tooltip, and inline at the click of a switch),
and below it a table of every record in text order, sortable by any column.

One file, no network: styles and the few lines of script are inline, a
Content-Security-Policy forbids fetching anything, and the page reads fine with
scripts off (the table is already in position order). It can be mailed, archived
or opened from a CI artefact as is. Every piece of text is HTML-escaped; the script
carries no data, so nothing from an article can reach it.

Every record gets its own ``<mark>`` even when spans overlap (which a well-behaved
extractor never produces, but a page for reviewing bugs must show them): a span
inside another is nested in it, and a span crossing another's end is marked from
that end on (class ``clipped``; an empty mark when nothing is left).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

FIELDS = ("indicator", "value", "unit", "period", "qualifier")

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'")

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
sans-serif;max-width:62em;margin:2em auto;line-height:1.9;color:#222;padding:0 1em}
h1{font-size:1.3em}h2{font-size:1.1em;border-bottom:1px solid #ccc;padding-bottom:.2em}
nav ul{padding-left:1.2em}.summary{color:#555;font-size:.9em}
.controls{font-size:.9em;margin:.5em 0}
.text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:1em;overflow-wrap:anywhere}
mark{background:#ffe58a;border-radius:3px;padding:0 1px;cursor:help;color:inherit}
mark mark{background:#ffc46b}mark.clipped{background:#ffb3b3}
mark.q-approx{box-shadow:inset 0 -2px #8aa}mark.q-over,mark.q-under{box-shadow:inset 0 -2px #a8a}
mark:target,tr:target{outline:2px solid #e8590c}
sup.tag{font-size:.65em;line-height:0;margin-left:1px}sup.tag a{color:#777;text-decoration:none}
.det{display:none;font-size:.75em;color:#245;background:#e8f1fb;border-radius:3px;padding:0 3px;margin:0 2px}
.show-details .det{display:inline}
table{border-collapse:collapse;font-size:.85em;margin:1em 0;width:100%}
td,th{border:1px solid #ddd;padding:.2em .45em;text-align:left;vertical-align:top}
th{background:#f0f0f0;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.null{color:#aaa}
"""

# Sorting and the details switch. Reads only the DOM (data-sort attributes), so no
# article text is ever interpolated into script.
_SCRIPT = """
(function(){
  document.querySelectorAll('table.records').forEach(function(table){
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function(th, col){
      th.addEventListener('click', function(){
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function(h){ h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var numeric = th.dataset.type === 'num', body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(r){ var c = r.cells[col], v = c.dataset.sort !== undefined ? c.dataset.sort : c.textContent;
          return numeric ? (v === '' ? NaN : parseFloat(v)) : v; }
        rows.sort(function(a, b){
          var x = key(a), y = key(b), d;
          if (numeric) { if (isNaN(x)) return isNaN(y) ? 0 : 1; if (isNaN(y)) return -1; d = x - y; }
          else { if (x === '') return y === '' ? 0 : 1; if (y === '') return -1; d = x.localeCompare(y, 'zh'); }
          return asc ? d : -d;
        });
        rows.forEach(function(r){ body.appendChild(r); });
      });
    });
  });
  var box = document.getElementById('show-details');
  if (box) { box.disabled = false;
    box.addEventListener('change', function(){ document.body.classList.toggle('show-details', box.checked); }); }
})();
"""


def _as_dict(rec: Any) -> dict[str, Any]:
    if isinstance(rec, Mapping):
        return dict(rec)
    if hasattr(rec, "to_dict"):
        return rec.to_dict()
    raise TypeError(f"a record must be a dict or have to_dict(), not {type(rec).__name__}")


def _fmt(v: Any) -> str:
    """A value as a reader expects it: ``909000``, ``85.5``, no ``1.64E+9`` or ``909000.0``."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)
    return str(v)


def _value_text(r: Mapping[str, Any]) -> str:
    value = _fmt(r.get("value"))
    if r.get("value_max") is not None:
        value += f"–{_fmt(r['value_max'])}"
    return value


def _tooltip(r: Mapping[str, Any]) -> str:
    """Hover text: one field per line, ``-`` for null, so a missing period is visible as such."""
    return "\n".join([
        f"indicator: {r.get('indicator') or '-'}",
        f"value: {_value_text(r)}",
        f"unit: {r.get('unit') or '-'}",
        f"period: {r.get('period') or '-'}" + (f" ({r['period_text']})" if r.get("period_text") else ""),
        f"qualifier: {r.get('qualifier') or '-'}",
    ])


def _details(r: Mapping[str, Any]) -> str:
    """The same fields, short, for the inline view."""
    parts = [str(r.get("indicator") or "?"), f"{_value_text(r)} {r.get('unit') or ''}".strip(),
             str(r.get("period") or "period ?")]
    if r.get("qualifier"):
        parts.append(str(r["qualifier"]))
    return " · ".join(parts)


def _mark_open(pid: str, i: int, r: Mapping[str, Any], clipped: bool) -> str:
    classes = ["stat"] + (["clipped"] if clipped else []) + ([f"q-{r['qualifier']}"] if r.get("qualifier") else [])
    return (f'<mark id="{pid}-r{i}" class="{escape(" ".join(classes))}" data-i="{i}" tabindex="0" '
            f'data-unit="{escape(str(r.get("unit") or ""))}" title="{escape(_tooltip(r))}">')


def _mark_close(pid: str, i: int, r: Mapping[str, Any]) -> str:
    return (f'</mark><sup class="tag"><a href="#{pid}-row{i}" title="record {i} in the table">{i}</a></sup>'
            f'<span class="det">{escape(_details(r))}</span>')


def _marked_text(text: str, spans: Sequence[tuple[int, int]], recs: Sequence[Mapping[str, Any]], pid: str) -> str:
    """``text`` with one ``<mark>`` per span (1-based numbers in position order), properly nested.

    Spans are taken in order of (start, longest first); a span starting inside the
    current one nests if it ends inside it, else it is deferred to start at the
    current one's end, so the output is always well-formed.
    """
    heap: list[tuple[int, int, int, bool]] = [(s, -e, i, False) for i, (s, e) in enumerate(spans, 1)]
    heapq.heapify(heap)
    out: list[str] = []

    def region(lo: int, hi: int) -> None:
        pos = lo
        while heap and heap[0][0] < hi:
            s, neg_e, i, clipped = heapq.heappop(heap)
            e = -neg_e
            if s < pos:  # starts inside a finished sibling: mark what is left after it
                s, clipped = pos, True
            e = max(e, s)
            if e > hi:  # crosses the end of the enclosing mark: marked from that end on
                heapq.heappush(heap, (hi, -e, i, True))
                continue
            out.append(escape(text[pos:s]))
            r = recs[i - 1]
            out.append(_mark_open(pid, i, r, clipped))
            region(s, e)
            out.append(_mark_close(pid, i, r))
            pos = e
        out.append(escape(text[pos:hi]))

    region(0, len(text))
    while heap:  # only spans past the end of the text can be left; show them as empty marks
        _, _, i, _ = heapq.heappop(heap)
        out.append(_mark_open(pid, i, recs[i - 1], True) + _mark_close(pid, i, recs[i - 1]))
    return "".join(out)


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("#", "num"), ("indicator", "text"), ("value", "num"), ("value_max", "num"), ("unit", "text"),
    ("period", "text"), ("qualifier", "text"), ("mention", "text"), ("start", "num"), ("end", "num"),
    ("period_text", "text"),
)


def _cell(v: Any, kind: str, sort: Any = None) -> str:
    shown = _fmt(v)
    cls = "num" if kind == "num" else ""
    if v is None:
        cls = (cls + " null").strip()
    attrs = f' class="{cls}"' if cls else ""
    if kind == "num":
        attrs += f' data-sort="{escape(_fmt(v if sort is None else sort))}"'
    return f"<td{attrs}>{escape(shown)}</td>"


def _table(recs: Sequence[Mapping[str, Any]], spans: Sequence[tuple[int, int]], pid: str) -> str:
    head = "".join(f'<th scope="col" data-type="{kind}">{escape(name)}</th>' for name, kind in _COLUMNS)
    rows = []
    for i, (r, (s, e)) in enumerate(zip(recs, spans, strict=True), 1):
        rows.append(
            f'<tr id="{pid}-row{i}"><td class="num" data-sort="{i}"><a href="#{pid}-r{i}">{i}</a></td>'
            + _cell(r.get("indicator"), "text") + _cell(r.get("value"), "num") + _cell(r.get("value_max"), "num")
            + _cell(r.get("unit"), "text") + _cell(r.get("period"), "text") + _cell(r.get("qualifier"), "text")
            + _cell(r.get("mention"), "text") + _cell(s, "num") + _cell(e, "num")
            + _cell(r.get("period_text"), "text") + "</tr>"
        )
    return (f'<table class="records" id="{pid}-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def render_document(name: str, text: str, records: Iterable[Any], *, index: int = 0) -> str:
    """One document's section: its text with every record marked, then its table of records.

    ``index`` makes element ids unique on a page of several documents (names may
    hold any character, so they are not used in ids).
    """
    pid = f"d{index}"
    recs = sorted((_as_dict(r) for r in records), key=lambda r: (r["span"][0], r["span"][1]))
    n = len(text)
    spans = [(min(max(int(r["span"][0]), 0), n), min(max(int(r["span"][1]), 0), n)) for r in recs]
    units = sorted({str(r.get("unit") or "") for r in recs} - {""})
    no_period = sum(1 for r in recs if not r.get("period"))
    summary = (f"{len(recs)} records · {len(units)} units · {no_period} without a period · "
               f"{n} characters")
    return (f'<section class="doc" id="{pid}"><h2>{escape(name)}</h2>'
            f'<p class="summary">{escape(summary)}</p>'
            f'<div class="text" lang="zh">{_marked_text(text, spans, recs, pid)}</div>'
            f"<h3>Records</h3>{_table(recs, spans, pid)}</section>")


def render(texts: Iterable[tuple[str, str]], records: Iterable[Any], *, title: str = "zhstats review") -> str:
    """A whole page for one or more documents: ``texts`` is ``[(name, text), ...]``.

    ``records`` are :class:`zhstats.Record` objects or their dicts, filed under
    their document by the ``doc`` key; records without one belong to the only
    document when there is just one (as with ``zhstats.extract(text)``).
    """
    texts = list(texts)
    by_doc: dict[str | None, list[Any]] = {}
    for r in records:
        d = _as_dict(r)
        by_doc.setdefault(d.get("doc"), []).append(d)
    if len(texts) == 1 and None in by_doc and texts[0][0] not in by_doc:
        by_doc[texts[0][0]] = by_doc.pop(None)
    sections = [render_document(name, text, by_doc.get(name, []), index=k) for k, (name, text) in enumerate(texts)]
    total = sum(len(by_doc.get(name, [])) for name, _ in texts)
    nav = ""
    if len(texts) > 1:
        items = "".join(f'<li><a href="#d{k}">{escape(name)}</a> ({len(by_doc.get(name, []))})</li>'
                        for k, (name, _) in enumerate(texts))
        nav = f"<nav><ul>{items}</ul></nav>"
    controls = ('<p class="controls"><label><input type="checkbox" id="show-details" disabled> '
                "show each statistic's fields beside it</label> · hover a mark for its fields, "
                "click its number for its row; click a column head to sort</p>")
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
            f'<h1>{escape(title)}</h1><p class="summary">{len(texts)} document(s), {total} records</p>'
            f"{controls}{nav}{''.join(sections)}<script>{_SCRIPT}</script></body></html>\n")
