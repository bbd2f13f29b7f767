"""A self-contained HTML review page: the article with every statistic marked.

No network and no external assets: styles are inline, so the page can be mailed
or archived as one file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

_STYLE = """
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:60em;margin:2em auto;
line-height:1.8;color:#222;padding:0 1em}
h1{font-size:1.3em}h2{font-size:1.1em;border-bottom:1px solid #ccc}
.text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:1em}
mark{background:#ffe58a;border-radius:3px;padding:0 1px;cursor:help}
mark .tag{font-size:.7em;color:#555;margin-left:2px;vertical-align:super}
table{border-collapse:collapse;font-size:.9em;margin:1em 0}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
"""


def _fmt(v: Any) -> str:
    return "" if v is None else str(v)


def _title(r: dict[str, Any]) -> str:
    value = _fmt(r["value"]) + (f"–{r['value_max']}" if r.get("value_max") is not None else "")
    return (f"{r['indicator']} = {value} {r['unit']}".strip()
            + f" | period {r['period'] or '-'} | qualifier {r['qualifier'] or '-'}")


def render_document(name: str, text: str, records: Sequence[dict[str, Any]]) -> str:
    """One document's section: the marked text and its table of records."""
    parts: list[str] = []
    pos = 0
    for i, r in enumerate(sorted(records, key=lambda r: r["span"][0]), 1):
        s, e = r["span"]
        if s < pos:  # overlapping records cannot both be marked; the table still lists them
            continue
        parts.append(escape(text[pos:s]))
        parts.append(f'<mark id="{escape(name)}-r{i}" title="{escape(_title(r))}" data-unit="{escape(r["unit"])}">'
                     f'{escape(text[s:e])}<span class="tag">{i}</span></mark>')
        pos = e
    parts.append(escape(text[pos:]))
    rows = []
    for i, r in enumerate(sorted(records, key=lambda r: r["span"][0]), 1):
        rows.append(
            "<tr>" + f'<td class="num"><a href="#{escape(name)}-r{i}">{i}</a></td>'
            + f"<td>{escape(r['indicator'])}</td><td class=num>{escape(_fmt(r['value']))}</td>"
            + f"<td class=num>{escape(_fmt(r.get('value_max')))}</td><td>{escape(r['unit'])}</td>"
            + f"<td>{escape(_fmt(r['period']))}</td><td>{escape(_fmt(r['qualifier']))}</td>"
            + f"<td>{escape(r['mention'])}</td><td class=num>{r['span'][0]}–{r['span'][1]}</td></tr>"
        )
    head = ("<tr><th>#</th><th>indicator</th><th>value</th><th>value_max</th><th>unit</th><th>period</th>"
            "<th>qualifier</th><th>mention</th><th>span</th></tr>")
    return (f'<section class="doc"><h2>{escape(name)} ({len(records)} records)</h2>'
            f'<div class="text">{"".join(parts)}</div>'
            f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></section>")


def render(texts: Iterable[tuple[str, str]], records: Iterable[dict[str, Any]]) -> str:
    """A whole page for one or more documents: ``texts`` is ``[(name, text), ...]``."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_doc.setdefault(r.get("doc") or "-", []).append(r)
    body = "".join(render_document(name, text, by_doc.get(name, [])) for name, text in texts)
    return ("<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>zhstats review</title>"
            f"<style>{_STYLE}</style></head><body><h1>zhstats review</h1>{body}</body></html>\n")
