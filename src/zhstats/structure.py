"""Paragraphs and sentences: the scopes that the time and indicator layers reason in.

RECORDS.md scopes a time phrase to its paragraph and lets a number take a later time
phrase only within one sentence, so both layers need the same boundaries. A
paragraph is a non-empty line (a heading is a paragraph of its own); a sentence
ends at 。！？!? or a line end.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

SENTENCE_END = frozenset("。！？!?\n")
CLAUSE_END = frozenset("。！？!?\n；;，,：:")
_SENTENCE_END_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "]")


@dataclass(frozen=True, slots=True)
class Segments:
    """Paragraph and sentence boundaries of one text, with O(log n) look-ups."""

    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    # The starts alone, for bisecting integers rather than tuples (every layer asks for the
    # paragraph or sentence of every number): derived, so neither compared nor shown.
    _paragraph_starts: list[int] = field(init=False, repr=False, compare=False)
    _sentence_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_paragraph_starts", [s for s, _ in self.paragraphs])
        object.__setattr__(self, "_sentence_starts", [s for s, _ in self.sentences])

    @classmethod
    def of(cls, text: str) -> Segments:
        paras: list[tuple[int, int]] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip():
                paras.append((pos, pos + len(body)))
            pos += len(line)
        sents: list[tuple[int, int]] = []
        for ps, pe in paras:
            s = ps
            for m in _SENTENCE_END_RE.finditer(text, ps, pe):
                sents.append((s, m.end()))
                s = m.end()
            if s < pe:
                sents.append((s, pe))
        return cls(tuple(paras), tuple(sents))

    @staticmethod
    def _find(bounds: tuple[tuple[int, int], ...], starts: list[int], pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(starts, pos) - 1  # the last span starting at or before pos
        if i >= 0 and pos < bounds[i][1]:
            return bounds[i]
        return None

    def paragraph_of(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the paragraph holding offset ``pos``, or None (blank line)."""
        return self._find(self.paragraphs, self._paragraph_starts, pos)

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding offset ``pos``, or None."""
        return self._find(self.sentences, self._sentence_starts, pos)


def clause_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The clause around ``text[start:end]``: out to the nearest clause punctuation."""
    hi = len(text) if hi is None else hi
    s = start
    while s > lo and text[s - 1] not in CLAUSE_END:
        s -= 1
    e = end
    while e < hi and text[e] not in CLAUSE_END:
        e += 1
    return s, e
