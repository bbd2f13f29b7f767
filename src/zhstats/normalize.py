"""Text normalisation, the first layer: one canonical text for every later layer.

Later layers match lexicons written in simplified characters and half-width signs,
so here full-width forms (``１２３``, ``％``, ``．``) become half-width and traditional
characters become simplified (``萬`` -> ``万``, ``個`` -> ``个``).

The normalisation is deliberately *length-preserving*: each character maps to
exactly one character. The offset map back to the original text is therefore the
identity, which is what makes grounding (``text[start:end] == mention``) cheap and
impossible to get wrong. :class:`Normalized` still carries the map explicitly so
that every layer converts offsets through it rather than assuming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import lexicon


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII block U+FF01..U+FF5E sits at a fixed offset from U+0021..U+007E.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for src, dst in lexicon.mapping("normalize_chars.tsv").items():
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    for src, dst in lexicon.mapping("trad2simp.tsv").items():
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    return table


def normalize_text(text: str) -> str:
    """Half-width, simplified, same length as ``text``."""
    out = text.translate(_table())
    assert len(out) == len(text), "normalisation must preserve length"
    return out


@dataclass(frozen=True, slots=True)
class Normalized:
    """The original text, its normalised form and the offset map between them."""

    original: str
    text: str

    @classmethod
    def of(cls, original: str) -> Normalized:
        from .layout import join_cards

        return cls(original, join_cards(normalize_text(original)))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span on the normalised text back to the original (identity by construction)."""
        return start, end

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]
