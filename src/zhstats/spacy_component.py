"""zhstats as a spaCy pipeline component: ``nlp.add_pipe("zhstats")``.

>>> import spacy
>>> nlp = spacy.blank("zh")                        # or segmenter "jieba"; any tokenizer works
>>> nlp.add_pipe("zhstats", config={"date": "2020-01"})
>>> doc = nlp("低保标准由900元/人/月增至1010元/人/月。")
>>> [(s.text, s.label_, s._.zhstats_record.value) for s in doc.spans["zhstats"]]

What the component adds to each ``Doc``:

- ``doc._.zhstats``: the :class:`zhstats.Record` list, exactly what
  :func:`zhstats.extract` returns for ``doc.text`` (``Decimal`` values, exact spans);
- ``doc.spans["zhstats"]``: one ``Span`` per record, in the same order, labelled with
  the record's unit (``"STAT"`` when the number has no unit);
- ``span._.zhstats_record``: that span's record; ``span._.zhstats_char_span``: the
  record's exact ``(start, end)`` character offsets.

Why a span may be wider than its record: a spaCy ``Span`` is made of whole tokens,
and a segmenter (jieba especially) may glue a number to its neighbours
(``增至1010``). The span is the smallest run of tokens that covers the record
(``alignment_mode="expand"``); the record keeps the exact offsets, so nothing is
lost and ``doc.text[start:end] == record.mention`` still holds.

The document date anchors relative time words (``去年``, ``截至目前``). It is, in
order: ``doc._.zhstats_date`` if set before the component runs (per document, e.g.
from ``nlp.pipe(..., as_tuples=True)``), else the component's ``date`` setting,
else none (such periods come out ``null``, never guessed).

Registration: this module registers the factory with ``@Language.factory``, and
``pyproject.toml`` advertises it through the ``spacy_factories`` entry point, which
spaCy loads whenever it builds a pipeline, so ``add_pipe("zhstats")`` works
without importing anything from zhstats first. ``import zhstats`` itself never
imports spaCy.

Docs carrying records serialise (``doc.to_bytes()``, ``DocBin(store_user_data=True)``,
``nlp.pipe(n_process=2)``): records are packed for msgpack by encoders registered
with ``srsly`` below, with values as decimal strings so they round-trip exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as _date
from decimal import Decimal
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from .docdate import DocDate, coerce_date
from .pipeline import extract
from .record import Record

SPANS_KEY = "zhstats"
"""Key of the span group (``doc.spans[SPANS_KEY]``) and default component name."""

NO_UNIT_LABEL = "STAT"
"""Span label for a record whose unit is empty (a bare count such as ``300``)."""

_ID_PREFIX = "zhstats:"


_RECORDS_KEY = ("._.", "zhstats", None, None)  # where spaCy itself would keep doc._.zhstats


def _get_records(doc: Doc) -> list[Record] | None:
    """``doc._.zhstats``, always a list.

    Stored in ``doc.user_data`` so it is serialised with the doc; msgpack gives it
    back as a tuple from a ``DocBin``, which this getter turns back into a list once.
    """
    raw = doc.user_data.get(_RECORDS_KEY)
    if raw is not None and not isinstance(raw, list):
        raw = doc.user_data[_RECORDS_KEY] = list(raw)
    return raw


def _set_records(doc: Doc, value: Iterable[Record] | None) -> None:
    doc.user_data[_RECORDS_KEY] = None if value is None else list(value)


def _record_of(span: Span) -> Record | None:
    """The record a span of ``doc.spans["zhstats"]`` stands for, found by its span id.

    A getter rather than a stored value: spaCy keys stored span attributes by the
    span's character offsets, so two records that expand to the same tokens would
    overwrite each other. The id holds the record's index in ``doc._.zhstats``.
    """
    sid = span.id_
    if not sid.startswith(_ID_PREFIX):
        return None
    records = span.doc._.zhstats or []
    try:
        return records[int(sid[len(_ID_PREFIX):])]
    except (ValueError, IndexError):
        return None


def _char_span_of(span: Span) -> tuple[int, int] | None:
    rec = _record_of(span)
    return None if rec is None else rec.span


def _register_extensions() -> None:
    """Declare the ``._`` attributes once; re-importing the module is harmless."""
    if not Doc.has_extension("zhstats"):
        Doc.set_extension("zhstats", getter=_get_records, setter=_set_records)
    if not Doc.has_extension("zhstats_date"):
        Doc.set_extension("zhstats_date", default=None)
    if not Span.has_extension("zhstats_record"):
        Span.set_extension("zhstats_record", getter=_record_of)
    if not Span.has_extension("zhstats_char_span"):
        Span.set_extension("zhstats_char_span", getter=_char_span_of)


# ---------------------------------------------------------------- msgpack

_REC_KEY = "__zhstats_record__"
_DATE_KEY = "__zhstats_date__"


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _encode(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack encoder: Records and DocDates as tagged maps (Decimal as exact strings)."""
    if isinstance(obj, Record):
        return {_REC_KEY: {
            "indicator": obj.indicator, "value": _dec(obj.value), "unit": obj.unit, "period": obj.period,
            "qualifier": obj.qualifier, "span": [obj.span[0], obj.span[1]], "mention": obj.mention,
            "value_max": _dec(obj.value_max), "doc": obj.doc, "sentence": obj.sentence,
            "period_text": obj.period_text,
        }}
    if isinstance(obj, DocDate):
        return {_DATE_KEY: obj.iso}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    """srsly msgpack decoder, the inverse of :func:`_encode`."""
    if isinstance(obj, dict):
        if _REC_KEY in obj:
            d = dict(obj[_REC_KEY])
            d["value"] = Decimal(d["value"])
            d["value_max"] = None if d.get("value_max") is None else Decimal(d["value_max"])
            d["span"] = (int(d["span"][0]), int(d["span"][1]))
            return Record(**d)
        if _DATE_KEY in obj:
            return DocDate.parse(obj[_DATE_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("zhstats", func=_encode)
srsly.msgpack_decoders.register("zhstats", func=_decode)


# ---------------------------------------------------------------- component

class ZhStats:
    """The pipeline component: runs :func:`zhstats.extract` on ``doc.text`` and attaches the results."""

    def __init__(self, name: str = SPANS_KEY, date: DocDate | str | int | _date | None = None,
                 spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.date = coerce_date(str(date) if isinstance(date, int) else date)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        date = coerce_date(doc._.zhstats_date) if doc._.zhstats_date is not None else self.date
        records = extract(doc.text, date=date)
        spans: list[Span] = []
        for i, rec in enumerate(records):
            spans.append(_token_span(doc, rec, f"{_ID_PREFIX}{i}"))
        doc._.zhstats = records
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _token_span(doc: Doc, rec: Record, span_id: str) -> Span:
    """The smallest run of whole tokens covering ``rec.span`` (the record is never dropped)."""
    s, e = rec.span
    label = rec.unit or NO_UNIT_LABEL
    span = doc.char_span(s, e, label=label, alignment_mode="expand", span_id=span_id)
    if span is not None:
        return span
    # char_span gives None e.g. when an edge falls in a token's trailing whitespace;
    # cover the record by hand: first token ending after s .. last token starting before e.
    first = next(t.i for t in doc if t.idx + len(t.text) > s)
    last = max(t.i for t in doc if t.idx < e)
    return Span(doc, first, max(last, first) + 1, label=label, span_id=span_id)


@Language.factory(
    "zhstats",
    default_config={"date": None, "spans_key": SPANS_KEY},
    assigns=["doc._.zhstats", "doc.spans", "span._.zhstats_record"],
    requires=[],
)
def make_zhstats(nlp: Language, name: str, date: str | int | None = None,
                 spans_key: str = SPANS_KEY) -> ZhStats:
    """spaCy factory (also the ``spacy_factories`` entry point): ``nlp.add_pipe("zhstats")``.

    ``date``: publication date ``"YYYY-MM"`` or ``"YYYY-MM-DD"`` for every document
    (``doc._.zhstats_date`` overrides it per document). ``spans_key``: where the spans go.
    """
    return ZhStats(name=name, date=date, spans_key=spans_key)


_register_extensions()
