"""``extract()``: the layers in order, data flowing one way.

normalise -> number mentions (with units and qualifiers) -> time expressions ->
period scope -> statistic detection and indicator linking -> records.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date as _date

from . import detect, indicators, lexicon, numbers, periods, tables, timex
from .doc import Doc
from .docdate import DocDate, coerce_date
from .record import Record


def process(text: str, date: DocDate | str | _date | None = None, name: str | None = None) -> Doc:
    """Run every layer over ``text`` and return the document with each layer's output."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    doc = _numbers_and_times(text, date, name)
    assigned = periods.assign_periods(doc.norm.text, doc.segments, doc.numbers, doc.times, doc.date)
    cells = tables.table_cells(doc)  # numbers in the cells of a flattened table: read from row and column
    # (a number in a cell of words keeps the prose reading, with the table's period)
    words = {i: c for i, c in cells.items() if c is not None and c.words}
    for i, c in words.items():
        del cells[i]
        assigned[i] = (c.period, c.period_text)
    kept = [
        (n, per, cells.get(i))
        for i, (n, per) in enumerate(zip(doc.numbers, assigned, strict=True))
        if (cells[i] is not None if i in cells else detect.is_statistic(doc, n, per[0]))
        and doc.text[n.start:n.end] == n.text  # grounded
    ]
    prose = [n for n, _, cell in kept if cell is None]
    names = iter(indicators.link_indicators(doc, prose))
    currency = document_currency(doc)
    records: list[Record] = []
    for n, (period, period_text), cell in kept:
        sent = doc.segments.sentence_of(n.start)
        if cell is None:
            indicator = next(names)
            value, value_max = n.value, n.value_max
            unit = indicators.implied_unit(indicator, n.unit)
            if n.numeral_kind == "fraction" and not unit and "分之" in n.text:
                value, unit = numbers.scaled(value, 100), "%"  # 三分之一: a share, in % (RECORDS.md 4)
        else:
            indicator, unit, period, period_text = cell.indicator, cell.unit, cell.period, cell.period_text
            value = numbers.scaled(n.value, cell.scale)
            value_max = None if n.value_max is None else numbers.scaled(n.value_max, cell.scale)
        records.append(
            Record(
                indicator=indicator,
                value=value,
                unit=_in_currency(unit, currency, n.text),
                period=period,
                qualifier=n.qualifier,
                span=(n.start, n.end),
                mention=n.text,
                value_max=value_max,
                doc=name,
                sentence=_sentence(doc.text, sent, n.start, n.end),
                period_text=_original_words(doc, period_text, n.start),
            )
        )
    # A measure keeps its base (元/人/月) where the text writes it bare (RECORDS.md 4).
    units = indicators.shared_bases([r.indicator for r in records], [r.unit for r in records],
                                    [r.mention for r in records])
    doc.records = [r if u == r.unit else replace(r, unit=u) for r, u in zip(records, units, strict=True)]
    return doc


def _numbers_and_times(text: str, date: DocDate | str | _date | None, name: str | None = None) -> Doc:
    """The document with the first layers run: normalisation, number mentions, time phrases."""
    doc = Doc(text, coerce_date(date), name)
    doc.numbers = numbers.find_numbers_normalized(doc.norm)
    doc.times = timex.find_times(doc.norm.text, doc.date)
    return doc


def periods_at(text: str, date: DocDate | str | _date | None, spans: list[tuple[int, int]]) -> list[periods.Result]:
    """The period the extractor gives a number at each span, whatever the numbers layer finds there.

    Why: the period layer is scored at gold spans (``tests/test_periods_gold.py``,
    ``benchmarks/period_accuracy.py``), and that figure should be the extractor's, text
    layout (stat cards) and table cells included, not the period layer's alone.
    """
    doc = _numbers_and_times(text, date)
    got = periods.assign_periods(doc.norm.text, doc.segments, [_Span(s, e) for s, e in spans], doc.times, doc.date)
    cells = {(doc.numbers[i].start, doc.numbers[i].end): c for i, c in tables.table_cells(doc).items() if c}
    return [(c.period, c.period_text) if (c := cells.get(span)) else r for span, r in zip(spans, got, strict=True)]


class _Span:
    """A bare span standing in for a number mention."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


SENTENCE_MAX = 400  # characters of context kept with a record


def _sentence(text: str, sent: tuple[int, int] | None, start: int, end: int) -> str | None:
    """The sentence of a record, cut to a window around the mention when it is very long.

    A scraped page with no 。 can be one 1 MB "sentence"; copying it into every record
    would make the output hundreds of times the input.
    """
    if sent is None:
        return None
    lo, hi = sent
    if hi - lo > SENTENCE_MAX:
        half = SENTENCE_MAX // 2
        lo, hi = max(lo, start - half), min(hi, end + half)
    return text[lo:hi].strip()


def document_currency(doc: Doc) -> str | None:
    """The one non-renminbi currency a document writes its amounts in, if it names one.

    A Taiwan release that says 新臺幣 once writes every later amount as plain 元; so does
    a Macau one with 澳門元. Only when exactly one such currency is named and 人民币 never is.
    With no currency named, a document in traditional characters about one place with its
    own dollars (香港/本港 at least twice) writes them (a Hong Kong release's $1,300, 84億元).
    """
    text = doc.norm.text
    if "人民币" in text:
        return None
    named: set[str] = set()
    mentions: dict[str, int] = {}  # place currency -> how often its place is named (香港 and 全港 alike)
    for row in lexicon.rows("currencies.tsv"):
        word, unit = row[0], row[1]
        if len(row) >= 3 and row[2] == "place":
            mentions[unit] = mentions.get(unit, 0) + text.count(word)
        elif word in text:
            named.add(unit)
    places = {unit for unit, count in mentions.items() if count >= 2}
    if len(named) == 1:
        return named.pop()
    if not named and len(places) == 1 and _traditional(doc):
        return places.pop()
    return None


def _traditional(doc: Doc) -> bool:
    """Is the text written in traditional characters (normalisation changed its Han characters)?"""
    changed = sum(1 for a, b in zip(doc.text, doc.norm.text, strict=True) if a != b and a >= "\u4e00")
    return changed >= 5


# The units a bare $ gets before the document's currency is known (units.tsv: $ -> 美元).
_DOLLAR_UNIT = "美元"


def _in_currency(unit: str, currency: str | None, mention: str = "") -> str:
    """The unit in the document's own currency: 元 (and a bare $, read as 美元) become it."""
    if not currency:
        return unit
    if unit == "元" or unit.startswith("元/"):
        return currency + unit[1:]
    if mention.startswith("$") and (unit == _DOLLAR_UNIT or unit.startswith(_DOLLAR_UNIT + "/")):
        return currency + unit[len(_DOLLAR_UNIT):]
    return unit


_WORDS_REACH = 20_000  # characters: far beyond any paragraph a time phrase scopes


def _original_words(doc: Doc, words: str | None, before: int) -> str | None:
    """The time words as the text writes them (現時, not 现时): found on the normalised text
    nearest before the number (else anywhere), copied from the same offsets of the original."""
    if not words or doc.norm.text == doc.text:
        return words
    # (looked for within a bounded reach: a search from the start of a 1 MB page for every
    # record would make the run quadratic)
    lo = max(0, before - _WORDS_REACH)
    i = doc.norm.text.rfind(words, lo, before + len(words))
    if i < 0:
        i = doc.norm.text.find(words, lo, before + _WORDS_REACH)
    return doc.text[i:i + len(words)] if i >= 0 else words


def extract(text: str, date: DocDate | str | _date | None = None, name: str | None = None) -> list[Record]:
    """Every statistic in ``text`` as a :class:`Record`, in text order.

    ``date`` is the publication date (``"2020-01"`` or ``"2020-01-15"``); without it
    relative time words (``去年``, ``截至目前``) resolve to a null period.
    """
    return process(text, date, name).records
