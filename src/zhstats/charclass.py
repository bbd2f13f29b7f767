"""Character classes for the standard ``re`` module.

``regex``'s ``\\p{Han}`` costs a property look-up per character and ``regex`` itself is
slower than ``re`` on simple patterns; the hot scans use ``re`` with this class instead.
The ranges are exactly the characters ``regex`` 2026.11 gives the Han script property
(Unicode 16: CJK ideographs and extensions A-I, compatibility ideographs, radicals,
``々〇〡-〩〸-〻``), so a pattern means the same with either module.
"""

from __future__ import annotations

from . import recache

HAN = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"
    "\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e"
    "\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d"
    "\U00030000-\U0003134a\U00031350-\U00033479"
)
"""The Han script, as the inside of a ``[...]`` class: ``re.compile(f"[{HAN}]+")``."""

HAN_CHAR = recache.compile(f"[{HAN}]")
"""One Han character: ``HAN_CHAR.match(text, i)``, shared by the layers that ask."""
