"""The segmenter (issue 9): jieba's words exactly, from a per-character cache, without jieba's start-up.

``segment.tokens(s)`` must equal ``jieba.lcut(s, HMM=False)`` for every string; the
cache file is built once, reused, rebuilt when broken, and never needed (a folder
that cannot be written still gives the same words).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhstats import segment

from .conftest import CORPUS, ROOT

jieba = pytest.importorskip("jieba")

# Han characters of policy news, Latin letters and digits (glued by jieba), the other
# characters of jieba's word runs (+#&._%-), punctuation and every kind of space.
ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要年发展经济社会服务保障养老机构残疾人补贴标准元万亿增长同比"
    "生产总值比上年下降百分点其中累计全市城乡居民低保对象困难群众社区工作者覆盖率达到完成投入使用"
    "ABCabcxyz0123456789+#&._%- \t\r\n\u3000，。、；：（）《》“”！？%"
)


@pytest.fixture(scope="module")
def words(tmp_path_factory: pytest.TempPathFactory) -> segment.Words:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ZHSTATS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return segment.load_words()


def _jieba(s: str) -> list[str]:
    return jieba.lcut(s, HMM=False)


def _windows() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt"))[:6]:
        text = path.read_text(encoding="utf-8")
        for i in range(0, len(text), 7):
            out.extend((text[i:i + 6], text[i:i + 19]))
        out.extend(text.splitlines())
    return out


def test_the_corpus_is_cut_as_jieba_cuts_it(words: segment.Words) -> None:
    bad = [s for s in _windows() if list(segment.cut(s, words)) != _jieba(s)]
    assert not bad, bad[:5]


@pytest.mark.parametrize(
    "s",
    ["", " ", "\r\n", "189名联络专员了解社区服务情况", "地区生产总值比上年增长1.5%", "B超和3C产品",
     "abc DEF  x\r\n！？", "2019年", "万", "一", "(（", "\u3000共计", "a.b_c-d#e&f%g+h"],
)
def test_edge_cases_are_cut_as_jieba_cuts_them(words: segment.Words, s: str) -> None:
    assert list(segment.cut(s, words)) == _jieba(s)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_any_text_is_cut_as_jieba_cuts_it(words: segment.Words, s: str) -> None:
    assert list(segment.cut(s, words)) == _jieba(s)


def test_the_cache_is_built_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(tmp_path))
    segment.load_words()
    files = list(tmp_path.glob("words-*.bin"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    w = segment.load_words()
    assert files[0].stat().st_mtime_ns == stamp, "a good cache is read, not rebuilt"
    assert list(segment.cut("社区社会组织", w)) == _jieba("社区社会组织")


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage"])
def test_a_broken_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(tmp_path))
    segment.load_words()
    (path,) = tmp_path.glob("words-*.bin")
    data = path.read_bytes()
    path.write_bytes({"empty": b"", "truncated": data[: len(data) // 2], "garbage": b"x" * 100}[damage])
    w = segment.load_words()
    assert path.read_bytes() == data
    assert list(segment.cut("困难残疾人生活补贴", w)) == _jieba("困难残疾人生活补贴")


def test_building_a_cache_deletes_the_caches_of_dictionaries_gone_or_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(cache))
    dicts = tmp_path / "envs"
    dicts.mkdir()

    def build(name: str, words: str = "社区 5 n\n养老 3 n\n") -> Path:
        path = dicts / name
        if not path.exists():
            path.write_text(words, encoding="utf-8")
        monkeypatch.setattr(segment, "_jieba_dict", lambda: path)
        segment.load_words()
        return segment.cache_file(segment.source_key(path))

    a, b = build("a.txt"), build("b.txt")
    foreign = cache / "words-00000000-0.bin"
    foreign.write_bytes(b"not ours")
    assert a.exists() and b.exists(), "a cache whose dictionary is still there is kept"
    (dicts / "a.txt").write_text("社区 6 n\n", encoding="utf-8")  # a's dictionary changed
    (dicts / "b.txt").unlink()  # b's environment deleted
    c = build("c.txt")
    assert sorted(cache.glob("words-*.bin")) == sorted([c, foreign])
    stamp = c.stat().st_mtime_ns
    assert build("c.txt") == c and c.stat().st_mtime_ns == stamp, "reading a good cache prunes nothing"


def test_a_cache_folder_that_cannot_be_written_still_gives_the_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(blocker / "zhstats"))  # below a file: mkdir fails
    w = segment.load_words()
    assert list(segment.cut("养老机构床位数", w)) == _jieba("养老机构床位数")


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ZHSTATS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert segment.cache_dir() == tmp_path / "zhstats"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert segment.cache_dir() == Path.home() / ".cache" / "zhstats"


@pytest.mark.slow
def test_extraction_never_imports_jieba(tmp_path: Path, seed_text: str) -> None:
    """Start-up: with the cache in place, extracting an article loads neither jieba nor its dictionary."""
    code = (
        "import sys, json, zhstats\n"
        "text = sys.stdin.read()\n"
        "zhstats.extract(text, date='2020-01')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'jieba' or m.startswith('jieba.'))))\n"
    )
    env = dict(os.environ, ZHSTATS_CACHE_DIR=str(tmp_path))
    for _ in range(2):  # the first run builds the cache, the second reads it
        res = subprocess.run([sys.executable, "-c", code], input=seed_text, capture_output=True, text=True,
                             env=env, cwd=ROOT, check=True)
        assert json.loads(res.stdout) == []
