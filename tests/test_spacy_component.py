"""The spaCy component: registration (decorator and entry point), spans, extensions, segmenters.

The extractor's output is being improved concurrently, so these tests check
structure and invariants (one span per record, spans cover their record exactly
or by whole tokens, records equal ``zhstats.extract``), not particular indicators.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

spacy = pytest.importorskip("spacy")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import zhstats  # noqa: E402
from zhstats.spacy_component import NO_UNIT_LABEL, SPANS_KEY  # noqa: E402

from .conftest import ROOT, SEED  # noqa: E402

JIEBA = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}
SEGMENTERS = ["char", "jieba"]


def _blank(segmenter: str):
    if segmenter == "jieba":
        pytest.importorskip("jieba")
        return spacy.blank("zh", config=JIEBA)
    return spacy.blank("zh")


_PIPES: dict[str, object] = {}


def pipeline(segmenter: str, date: str | None = "2020-01"):
    """Build once per segmenter (jieba's dictionary load costs about a second)."""
    key = f"{segmenter}/{date}"
    if key not in _PIPES:
        nlp = _blank(segmenter)
        nlp.add_pipe("zhstats", config={"date": date})
        _PIPES[key] = nlp
    return _PIPES[key]


def check_invariants(doc) -> None:
    """Every record has exactly one span, in order, covering it by whole tokens."""
    records = doc._.zhstats
    spans = list(doc.spans[SPANS_KEY])
    assert isinstance(records, list)
    assert len(spans) == len(records)
    for span, rec in zip(spans, records, strict=True):
        s, e = rec.span
        assert doc.text[s:e] == rec.mention
        assert span._.zhstats_record is rec
        assert span._.zhstats_char_span == (s, e)
        assert span.start_char <= s < e <= span.end_char
        # expand mode: the span is minimal (dropping an edge token would uncover the record)
        assert span[0].idx + len(span[0].text) > s
        assert span[-1].idx < e
        assert span.label_ == (rec.unit or NO_UNIT_LABEL)


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_seed_article_records_match_extract(segmenter, seed_text):
    doc = pipeline(segmenter)(seed_text)
    assert doc.text == seed_text
    expected = zhstats.extract(seed_text, date="2020-01")
    assert doc._.zhstats == expected
    assert len(doc.spans[SPANS_KEY]) == len(expected) > 0
    check_invariants(doc)


def check_exact_where_tokens_allow(doc, segmenter: str) -> None:
    """Spans equal their record exactly wherever token edges make it possible.

    The character segmenter makes every character a token, so every span is
    exact; any segmenter splits at whitespace, so a record flanked by spaces is exact.
    """
    text = doc.text
    for span in doc.spans[SPANS_KEY]:
        s, e = span._.zhstats_char_span
        flanked = (s == 0 or text[s - 1].isspace()) and (e == len(text) or text[e].isspace())
        if segmenter == "char" or flanked:
            assert (span.start_char, span.end_char) == (s, e)
            assert span.text == span._.zhstats_record.mention


@pytest.mark.parametrize("segmenter", SEGMENTERS)
def test_spans_are_exact_where_tokens_allow(segmenter, seed_text):
    text = "全市低保标准 900元/人/月 ，特困人员 1.7万余名 ，2019年 发放 4.4亿元 。"
    for t in (text, seed_text):
        doc = pipeline(segmenter)(t)
        check_invariants(doc)
        check_exact_where_tokens_allow(doc, segmenter)


FRAGMENTS = ["低保标准由900元/人/月增至1010元/人/月", "，", "。", " ", "\n", "  ", "全市", "2019年",
             "去年", "约4.4亿元", "90.90万人次", "百分之八十五", "增长3.5%", "5至8人", "１２３名",
             "300多人次", "第四批", "共有", "长者饭堂", "由846个增至1036个", "截至目前", "abc", "１０ 万人"]


@pytest.mark.parametrize("segmenter", SEGMENTERS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_invariants_hold_on_any_text(segmenter, parts):
    text = "".join(parts)
    doc = pipeline(segmenter)(text)
    assert doc.text == text
    assert doc._.zhstats == zhstats.extract(text, date="2020-01")
    check_invariants(doc)
    check_exact_where_tokens_allow(doc, segmenter)


def test_document_date_from_extension_overrides_config():
    nlp = pipeline("char", date="2030-05")
    text = "截至目前，全市共有长者饭堂1036个。"
    from_config = nlp(text)
    doc = nlp.make_doc(text)
    doc._.zhstats_date = "2020-01"
    from_ext = nlp(doc)
    assert from_config._.zhstats == zhstats.extract(text, date="2030-05")
    assert from_ext._.zhstats == zhstats.extract(text, date="2020-01")
    no_date = pipeline("char", date=None)(text)
    assert no_date._.zhstats == zhstats.extract(text)


def test_nlp_pipe_and_serialisation_keep_records_exact(seed_text):
    from spacy.tokens import Doc, DocBin

    nlp = pipeline("char")
    docs = list(nlp.pipe([seed_text, "2019年发放低保金约4.4亿元。", ""]))
    assert [len(d._.zhstats) for d in docs][1:] == [len(zhstats.extract("2019年发放低保金约4.4亿元。")), 0]
    again = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert again._.zhstats == docs[0]._.zhstats  # Decimal values survive msgpack exactly
    assert [s._.zhstats_record for s in again.spans[SPANS_KEY]] == again._.zhstats
    db = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [d._.zhstats for d in back] == [d._.zhstats for d in docs]


def test_plain_spans_have_no_record(seed_text):
    doc = pipeline("char")("2019年发放低保金约4.4亿元。")
    assert doc[0:2]._.zhstats_record is None
    assert doc[0:2]._.zhstats_char_span is None


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_import_zhstats_and_cli_path_do_not_import_spacy():
    out = _run(
        "import sys, io, contextlib\n"
        "import zhstats\n"
        "assert 'spacy' not in sys.modules, 'import zhstats pulled in spaCy'\n"
        "from zhstats.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['extract', 'corpus/{SEED}.txt', '--format', 'jsonl'])\n"
        f"    main(['extract', 'corpus/{SEED}.txt', '--format', 'csv'])\n"
        f"    main(['extract', 'corpus/{SEED}.txt', '--format', 'html'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'pandas')))\n"
    )
    assert out.strip() == "[]"


def test_factory_registered_by_decorator_after_import():
    out = _run(
        "import zhstats, zhstats.spacy_component, spacy\n"
        "from spacy.language import Language\n"
        "assert Language.has_factory('zhstats')\n"
        "nlp = spacy.blank('zh'); nlp.add_pipe('zhstats')\n"
        "print(nlp.pipe_names, len(nlp('2019年发放低保金约4.4亿元。').spans['zhstats']))\n"
    )
    assert out.startswith("['zhstats']")


def test_factory_found_through_entry_point_without_importing_zhstats():
    eps = [ep for ep in metadata.entry_points(group="spacy_factories") if ep.name == "zhstats"]
    if not eps:
        pytest.skip("zhstats is not pip-installed here, so its spacy_factories entry point is not advertised")
    assert eps[0].value == "zhstats.spacy_component:make_zhstats"
    out = _run(
        "import sys, spacy\n"
        "assert 'zhstats' not in sys.modules\n"
        "nlp = spacy.blank('zh'); nlp.add_pipe('zhstats', config={'date': '2020-01'})\n"
        "doc = nlp('2019年发放低保金约4.4亿元。')\n"
        "print(nlp.pipe_names, len(doc.spans['zhstats']) == len(doc._.zhstats))\n"
    )
    assert out.strip() == "['zhstats'] True"


def test_multiprocess_pipe_carries_records():
    """``nlp.pipe(n_process=2)`` ships docs between processes as msgpack; records must survive it."""
    out = _run(
        "import spacy, zhstats\n"
        "if __name__ == '__main__':\n"
        "    nlp = spacy.blank('zh'); nlp.add_pipe('zhstats', config={'date': '2020-01'})\n"
        "    texts = ['2019年发放低保金约4.4亿元。', '全市长者饭堂由846个增至1036个。'] * 2\n"
        "    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))\n"
        "    ok = [d._.zhstats == zhstats.extract(t, date='2020-01') for d, t in zip(docs, texts)]\n"
        "    ok += [s._.zhstats_record is r for d in docs for s, r in zip(d.spans['zhstats'], d._.zhstats)]\n"
        "    print(all(ok), len(docs))\n"
    )
    assert out.strip() == "True 4"
