"""The HTML review page: one <mark> per record, text preserved, everything escaped, no network.

Structure is checked with the standard library's html.parser; one test opens the
page in headless Chromium (skipped when it is absent) and checks that every mark
is laid out on screen and that the table sorts. Assertions are about structure,
never about what the extractor finds, since the extractor keeps improving.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhstats
from zhstats.cli import main
from zhstats.html import render

from .conftest import CORPUS, SEED

VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}


class Page(HTMLParser):
    """Parses a page; checks nesting; collects marks, table rows, the text shown and every URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[dict] = []          # attrs of each <mark>, plus "own" (its text) and "doc"
        self.open_marks: list[dict] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.texts: dict[str, str] = {}      # the article as shown in each .text div (tags, labels dropped)
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.meta: list[dict] = []
        self.ids: list[str] = []
        self._doc: str | None = None
        self._in_text = 0
        self._hidden = 0                     # inside <sup class=tag> or <span class=det>
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._table: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        for k in ("src", "href", "action", "data", "poster", "srcset"):
            if k in a:
                self.urls.append(a[k])
        if tag == "meta":
            self.meta.append(a)
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "section":
            self._doc = a["id"]
        if tag == "div" and a.get("class") == "text":
            self._in_text = len(self.stack)
            self.texts[self._doc] = ""
        if self._in_text and ((tag == "sup" and a.get("class") == "tag") or (tag == "span" and a.get("class") == "det")):
            self._hidden += 1
        if tag == "mark":
            m = dict(a, own="", doc=self._doc, depth=len(self.open_marks))
            self.marks.append(m)
            self.open_marks.append(m)
        if tag == "table":
            self._table = self._doc
            self.rows.setdefault(self._doc, [])
        if tag == "tr" and self._table is not None:
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self._in_text and tag in ("sup", "span") and self._hidden:
            self._hidden -= 1
        if tag == "div" and self._in_text == len(self.stack):
            self._in_text = 0
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        if tag == "tr" and self._row is not None:
            if self._row and self._table is not None:
                self.rows[self._table].append(self._row)
            self._row = None
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_text and not self._hidden:
            self.texts[self._doc] += data
            for m in self.open_marks:
                m["own"] += data


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


def rec(text: str, s: int, e: int, **kw) -> dict:
    base = {"indicator": "指标", "value": 1, "unit": "人", "period": "2019", "qualifier": None,
            "span": [s, e], "mention": text[s:e]}
    base.update(kw)
    return base


def check_page(page: str, docs: list[tuple[str, str, list[dict]]]) -> Page:
    """The invariants of any page: one mark and one row per record, the text intact, no URL out."""
    p = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(p.tags) - {"script"}
    assert p.tags.count("script") == 1
    assert all(u.startswith("#") for u in p.urls), [u for u in p.urls if not u.startswith("#")]
    csp = [m for m in p.meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert len(p.ids) == len(set(p.ids)), "duplicate element ids"
    for k, (_name, text, recs) in enumerate(docs):
        pid = f"d{k}"
        assert p.texts[pid] == text  # escaping round-trips; every character of the article shown once
        marks = [m for m in p.marks if m["doc"] == pid]
        assert len(marks) == len(recs)
        assert sorted(int(m["data-i"]) for m in marks) == list(range(1, len(recs) + 1))
        ordered = sorted(recs, key=lambda r: tuple(r["span"]))
        rows = p.rows[pid]
        assert rows[0][:3] == ["#", "indicator", "value"]
        assert len(rows) - 1 == len(ordered)
        for row, r in zip(rows[1:], ordered, strict=True):
            assert row[1] == r["indicator"] and row[7] == r["mention"]
            assert (int(row[8]), int(row[9])) == tuple(r["span"])
        by_i = {int(m["data-i"]): m for m in marks}
        for i, r in enumerate(ordered, 1):
            m = by_i[i]
            for field in ("indicator", "unit", "period", "qualifier"):
                assert f"{field}: {r[field] or '-'}" in m["title"]
            if "clipped" not in m["class"]:
                s, e = r["span"]
                assert m["own"] == text[s:e]
    return p


def test_seed_article_page(seed_text):
    recs = [r.to_dict() for r in zhstats.extract(seed_text, date="2020-01", name=SEED)]
    assert recs
    page = render([(SEED, seed_text)], recs)
    p = check_page(page, [(SEED, seed_text, recs)])
    assert all("clipped" not in m["class"] for m in p.marks)  # the extractor's spans never overlap


def test_record_objects_without_doc_go_to_the_only_document():
    text = "2019年发放低保金约4.4亿元，惠及1.7万余名困难群众。"
    recs = zhstats.extract(text, date="2020-01")
    page = render([("one", text)], recs)
    check_page(page, [("one", text, [r.to_dict() for r in recs])])


def test_everything_is_escaped():
    text = '<script>alert("x")</script> & 共有<b>300</b>人 "quoted" \'single\' &amp; 1<2'
    s = text.index("300")
    recs = [rec(text, s, s + 3, indicator='<img src=x onerror="alert(1)">', unit="<u>", period='"2019"',
                qualifier="a&b", doc='<i>doc</i>')]
    page = render([('<i>doc</i>', text)], recs, title="<t>")
    p = check_page(page, [('<i>doc</i>', text, recs)])
    assert set(p.tags) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "label", "input",
                           "section", "div", "mark", "sup", "a", "span", "table", "thead", "tbody", "tr", "th",
                           "td", "script", "nav", "ul", "li"}
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page


def test_overlapping_and_odd_spans_each_get_a_mark():
    text = "0123456789"
    spans = [(1, 4), (2, 6), (3, 9), (5, 5), (0, 10), (2, 4), (2, 4), (10, 10)]
    recs = [rec(text, s, e) for s, e in spans]
    check_page(render([("x", text)], recs), [("x", text, recs)])


def test_several_documents_have_unique_ids_and_a_contents_list():
    docs = [("a", "共有300人。", []), ("b", "增长12.5%，共3家。", []), ("a b/c", "", [])]
    docs = [(n, t, [r.to_dict() for r in zhstats.extract(t, name=n)]) for n, t, _ in docs]
    page = render([(n, t) for n, t, _ in docs], [r for _, _, rs in docs for r in rs])
    p = check_page(page, docs)
    assert "nav" in p.tags


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="共有万人<>&\"' \n0123", max_size=40), data=st.data())
def test_any_spans_give_a_well_formed_page(text, data):
    n = len(text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=6))
    recs = [rec(text, min(a, b), max(a, b), indicator=text[:3]) for a, b in pairs]
    check_page(render([("t", text)], recs), [("t", text, recs)])


def test_cli_html_output(tmp_path):
    out = tmp_path / "review.html"
    code = main(["extract", str(CORPUS / f"{SEED}.txt"), "--format", "html", "-o", str(out)])
    assert code == 0
    text = (CORPUS / f"{SEED}.txt").read_text(encoding="utf-8")
    jsonl = tmp_path / "r.jsonl"
    main(["extract", str(CORPUS / f"{SEED}.txt"), "--format", "jsonl", "-o", str(jsonl)])
    recs = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    check_page(out.read_text(encoding="utf-8"), [(SEED, text, recs)])


# ---------------------------------------------------------------- in a real browser

# Appended to a copy of the page: measures every mark's boxes, clicks the "value"
# column head twice, flips the details switch, and writes the results into the DOM
# for --dump-dom to print.
PROBE = """<script>
(function(){
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark'));
  var shown = marks.filter(function(m){
    var r = m.getBoundingClientRect(), cs = getComputedStyle(m);
    return m.getClientRects().length > 0 && r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'
      && cs.display !== 'none'; });
  var table = document.querySelector('table.records'), col = 2;
  function values(){ return Array.prototype.map.call(table.tBodies[0].rows, function(r){
    return parseFloat(r.cells[col].dataset.sort); }); }
  table.tHead.rows[0].cells[col].click(); var asc = values();
  table.tHead.rows[0].cells[col].click(); var desc = values();
  var box = document.getElementById('show-details'); box.click();
  var det = document.querySelector('.det');
  var out = {marks: marks.length, shown: shown.length,
             empty: marks.filter(function(m){ return m.textContent === ''; }).length,
             asc: asc, desc: desc, details: det ? getComputedStyle(det).display : null,
             bodyHeight: document.body.scrollHeight};
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.slow
def test_every_mark_renders_in_headless_chromium(tmp_path, seed_text):
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium)")
    recs = [r.to_dict() for r in zhstats.extract(seed_text, date="2020-01", name=SEED)]
    page = render([(SEED, seed_text)], recs)
    path = tmp_path / "review.html"
    path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
               "--virtual-time-budget=5000", "--dump-dom", path.as_uri()]
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            pytest.fail("chromium did not finish within 90 s")
        elapsed = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    start = dom.find('<pre id="probe">')
    assert start >= 0, f"probe script did not run (scripts blocked?); stderr: {proc.stderr[-1000:]}"
    from html import unescape

    probe = json.loads(unescape(dom[start + len('<pre id="probe">'):dom.index("</pre>", start)]))
    assert probe["marks"] == len(recs)
    assert probe["shown"] == probe["marks"] - probe["empty"] == len(recs), probe  # every mark laid out on screen
    values = [v for v in probe["asc"] if v == v]  # NaN (no value) sorts last
    assert values == sorted(values) and probe["desc"][: len(values)] == sorted(values, reverse=True)
    assert probe["details"] == "inline"
    assert probe["bodyHeight"] > 500
    print(f"chromium: {elapsed:.1f}s")
