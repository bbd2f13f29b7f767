"""Indicator linking: name what each statistic measures (RECORDS.md section 3).

PLACEHOLDER: the text of the clause before the number.
"""

from __future__ import annotations

from .doc import Doc
from .numbers import NumberMention
from .structure import clause_bounds


def link_indicator(doc: Doc, n: NumberMention) -> str:
    s, _ = clause_bounds(doc.norm.text, n.start, n.end)
    return doc.text[s:n.start].strip()
