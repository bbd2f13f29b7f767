"""The compiled-pattern cache: same patterns as re.compile, from a file or without one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhstats import recache

PATTERNS = [
    r"(?P<n>\d+(?:\.\d+)?)(?P<mag>万|亿)?(?P<unit>元|人|个)",
    r"(?i)abc|d(e)f",
    r"[一-鿿]{2,3}?(市|省|县|区|自治区)",
    r"^.*(增长|下降|提高)",
    r"(?:同比|环比)?(?:增长|下降)\s*$",
]
TEXTS = ["全市12.5万人", "ABC def", "广州市越秀区", "比上年增长", "同比下降 ", "", "x"]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for t in TEXTS:
        ma, mb = a.search(t), b.search(t)
        assert (ma is None) == (mb is None)
        if ma and mb:
            assert (ma.span(), ma.groups(), ma.groupdict()) == (mb.span(), mb.groups(), mb.groupdict())


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and no programs loaded yet."""
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(tmp_path))
    _new_process(monkeypatch)
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module's state as a process that has not compiled anything yet has it."""
    monkeypatch.setattr(recache, "_programs", None)
    monkeypatch.setattr(recache, "_dirty", False)
    monkeypatch.setattr(recache, "_writes", 0)
    monkeypatch.setattr(recache, "_last_used", {})
    monkeypatch.setattr(recache, "_used", set())


def test_programs_no_writer_used_for_a_while_are_dropped(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An earlier version's patterns leave the file; the ones still in use stay."""
    recache.compile("旧版本的模式(\\d+)")
    recache.compile("一直在用的(\\d+)")
    recache._save()
    for i in range(recache._KEEP_WRITES):
        _new_process(monkeypatch)
        recache.compile("一直在用的(\\d+)")
        recache.compile(f"新的模式{i}")  # something new, so the file is written
        recache._save()
    _new_process(monkeypatch)
    programs = recache._load()
    kept = {v[0] for v in programs.values()}
    assert "一直在用的(\\d+)" in kept and f"新的模式{recache._KEEP_WRITES - 1}" in kept
    assert "旧版本的模式(\\d+)" not in kept
    assert len(kept) == recache._KEEP_WRITES + 1


def test_files_of_older_formats_are_deleted(fresh: Path) -> None:
    old = recache.cache_file().with_name(recache.cache_file().name.replace(f"-v{recache._FORMAT}.", "-v1."))
    old.write_bytes(b"an older format")
    recache.compile("任何模式")
    recache._save()
    assert recache.cache_file().is_file() and not old.exists()


def test_compiled_patterns_behave_like_re(fresh: Path) -> None:
    for p in PATTERNS:
        _same(recache.compile(p), re.compile(p))


def test_programs_are_saved_and_reused(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for p in PATTERNS:
        recache.compile(p)
    recache._save()
    assert recache.cache_file().is_file()
    _new_process(monkeypatch)
    for p in PATTERNS:
        _same(recache.compile(p), re.compile(p))
    assert recache._dirty is False  # every pattern came from the file


def test_a_corrupt_or_stale_file_falls_back(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = recache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a marshal file")
    for p in PATTERNS:
        _same(recache.compile(p), re.compile(p))
    # an entry whose program is broken: the pattern is still compiled the plain way
    monkeypatch.setattr(recache, "_programs", {})
    recache.compile(PATTERNS[0])
    key = next(iter(recache._programs))
    pattern, flags, fl, code, groups, gi, ig = recache._programs[key]
    recache._programs[key] = (pattern, flags, fl, [99999], groups, gi, ig)
    _same(recache.compile(PATTERNS[0]), re.compile(PATTERNS[0]))


def test_a_read_only_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHSTATS_CACHE_DIR", str(tmp_path / "file-not-folder"))
    (tmp_path / "file-not-folder").write_text("x")
    _new_process(monkeypatch)
    _same(recache.compile(PATTERNS[1]), re.compile(PATTERNS[1]))
    recache._save()  # cannot write: silently nothing


def test_flags_given_as_re_flags_are_saved(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """re.DOTALL is a RegexFlag (an int subclass): the program is still written and reused."""
    recache.compile(r"^.*(增长)", re.DOTALL)
    recache._save()
    _new_process(monkeypatch)
    _same(recache.compile(r"^.*(增长)", re.DOTALL), re.compile(r"^.*(增长)", re.DOTALL))
    assert recache._dirty is False
