"""Statistic detection: which number mentions are statistics at all (RECORDS.md section 1).

PLACEHOLDER: drops numbers inside time expressions only.
"""

from __future__ import annotations

from .doc import Doc
from .numbers import NumberMention


def is_statistic(doc: Doc, n: NumberMention) -> bool:
    for t in doc.times:
        if t.start < n.end and n.start < t.end:
            return False
    return True
