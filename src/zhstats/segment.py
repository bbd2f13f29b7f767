"""Word boundaries for the short windows around a number (jieba, loaded lazily, once).

The indicator layer segments only the few characters after a number, never the
whole document, so jieba's dictionary is loaded the first time such a window
needs cutting and reused afterwards.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(s: str) -> list[str]:
    """The words of a short phrase (jieba's dictionary, no HMM guessing of unknown words)."""
    return _jieba().lcut(s, HMM=False)
