"""One document object that every layer reads from and adds its output to.

As in spaCy, layers never rewrite the text they were given: each adds a field
(``numbers``, ``times``, ``records``) and offsets always refer to ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .docdate import DocDate
from .normalize import Normalized
from .structure import Segments

if TYPE_CHECKING:
    from .numbers import NumberMention
    from .record import Record
    from .timex import TimeExpr


@dataclass
class Doc:
    """The original text, its normalised form, its date and each layer's output."""

    text: str
    date: DocDate | None = None
    name: str | None = None
    norm: Normalized = field(init=False)
    segments: Segments = field(init=False)
    numbers: list[NumberMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm = Normalized.of(self.text)
        self.segments = Segments.of(self.norm.text)
