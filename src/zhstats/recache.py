"""Big patterns that start fast: their compiled form is kept in the cache folder.

Python's ``re`` parses and compiles a pattern in Python code: the word lists and the
time and number scanners take 5-40 ms each, 0.15 s together, which is half of a cold
``zhstats extract`` and, with ``--jobs``, start-up every worker waits for. The
result of that work is a list of integers (the ``sre`` program) that CPython's
``_sre.compile`` turns into a pattern object in microseconds. This module keeps
those programs in one file beside the word cache (``segment.cache_dir()``), keyed by
the interpreter's cache tag (``cpython-311``), the flags and the whole pattern text,
so a changed pattern or another Python never reuses a stale program.

Anything unexpected (another implementation, a changed ``re`` internals API, an
unreadable or corrupt file, a read-only cache folder) falls back to ``re.compile``:
the cache only ever saves time. New programs are written once, when the process
exits, atomically.

The file keeps a count of its writes and, for each program, the write at which a
process last used it. A program that no process writing the file has used for
``_KEEP_WRITES`` writes is left out of the next one: the patterns of an earlier
version of the package (or of a development checkout, whose patterns change all
the time) would otherwise stay forever, and every start-up would read them (465
programs, 9.5 MB and 50 ms on a developer's machine, where the current ones are
0.8 MB and 3 ms).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

_FORMAT = 3
_MAX_PROGRAMS = 2000  # the package's own patterns are ~170; a bound keeps the file small whatever calls it
_KEEP_WRITES = 5
_ENABLED = sys.implementation.name == "cpython"

# key -> (pattern, flags, flags with inline ones, code, groups, groupindex, indexgroup)
_programs: dict[str, tuple[Any, ...]] | None = None
_dirty = False
_writes = 0  # how many times the file was written (from the file)
_last_used: dict[str, int] = {}  # key -> the write at which a process last used it (from the file)
_used: set[str] = set()  # keys this process compiled or read


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (mirrors re.compile)
    """``re.compile(pattern, flags)``, from the cached program when there is one."""
    if not _ENABLED:
        return re.compile(pattern, flags)
    try:
        return _compile(pattern, flags)
    except Exception:  # internals changed, bad cache entry: the plain way still works
        return re.compile(pattern, flags)


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    import _sre

    global _dirty
    flags = int(flags)  # (a RegexFlag is an int subclass marshal cannot write)
    programs = _load()
    key = f"{flags}\0{pattern}"  # (the text itself: no hashing module to import at start-up)
    entry = programs.get(key)
    if entry is not None and entry[0] == pattern and entry[1] == flags:
        _, _, fl, code, groups, groupindex, indexgroup = entry
        compiled = _sre.compile(pattern, fl, code, groups, groupindex, indexgroup)
        _used.add(key)
        return compiled
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    fl = int(flags | p.state.flags)
    compiled = _sre.compile(pattern, fl, code, p.state.groups - 1, groupindex, tuple(indexgroup))
    if len(programs) < _MAX_PROGRAMS:
        programs[key] = (pattern, flags, fl, [int(c) for c in code], p.state.groups - 1, groupindex,
                         tuple(indexgroup))
        _used.add(key)
        _dirty = True
    return compiled


def cache_file() -> Path:
    """The file of compiled programs for this interpreter."""
    from .segment import cache_dir

    return cache_dir() / f"patterns-{sys.implementation.cache_tag}-v{_FORMAT}.marshal"


def _load() -> dict[str, tuple[Any, ...]]:
    global _programs, _writes, _last_used
    if _programs is None:
        _programs = {}
        with contextlib.suppress(Exception):
            writes, programs, last_used = marshal.loads(cache_file().read_bytes())
            if isinstance(writes, int) and isinstance(programs, dict) and isinstance(last_used, dict):
                _programs, _writes, _last_used = programs, writes, last_used
        atexit.register(_save)
    return _programs


def _save() -> None:
    """Write the programs compiled in this process, if there are new ones (at exit).

    Programs not used by this process nor by the writers of the last ``_KEEP_WRITES``
    writes are left out (see the module's docstring); older formats' files are deleted.
    """
    global _dirty
    if not _dirty or _programs is None:
        return
    _dirty = False
    write = _writes + 1
    last_used = {k: write if k in _used else _last_used.get(k, write) for k in _programs}
    keep = {k: v for k, v in _programs.items() if last_used[k] > write - _KEEP_WRITES}
    path = cache_file()
    for old in range(1, _FORMAT):
        with contextlib.suppress(OSError):
            path.with_name(f"patterns-{sys.implementation.cache_tag}-v{old}.marshal").unlink()
    with contextlib.suppress(OSError, ValueError):
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            os.chmod(tmp, 0o644)
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps((write, keep, {k: last_used[k] for k in keep})))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
