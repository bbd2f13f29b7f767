"""Load the package's language data (units, qualifiers, time words, ...) once.

Language knowledge lives in ``zhstats/data/*.tsv`` as data, not as literals in code
(see STYLE.md: Recognizers-Text keeps its word lists in YAML). A TSV file here has
one entry per line, tab-separated columns, ``#`` starting a comment line; blank
lines are ignored. Loading is cached, so every layer may call these freely.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")


def _data_text(name: str) -> str:
    """The text of ``data/NAME``: read from the package folder, or through importlib.resources
    when the package is not plain files (a zip); importing that costs ~20 ms of start-up."""
    try:
        return (_DATA / name).read_text(encoding="utf-8")
    except OSError:  # not a plain folder (a zip): let importlib find it, or raise
        from importlib import resources

        return resources.files("zhstats").joinpath("data", name).read_text(encoding="utf-8")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """All rows of ``data/NAME`` as tuples of stripped columns (comments dropped)."""
    out: list[tuple[str, ...]] = []
    for line in _data_text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(col.strip() for col in line.rstrip("\n").split("\t")))
    return tuple(out)


@cache
def words(name: str) -> tuple[str, ...]:
    """The first column of ``data/NAME``, longest first (so regex alternations prefer long words)."""
    return tuple(sorted({r[0] for r in rows(name) if r and r[0]}, key=lambda w: (-len(w), w)))


@cache
def mapping(name: str) -> dict[str, str]:
    """First column -> second column of ``data/NAME`` (second column may be empty)."""
    return {r[0]: (r[1] if len(r) > 1 else "") for r in rows(name) if r and r[0]}


def alternation(name: str) -> str:
    """A regex alternation of the words of ``data/NAME``, longest first, escaped."""
    import re

    return "|".join(re.escape(w) for w in words(name))
