"""Word boundaries for the short windows around a number: jieba's words, without jieba's start-up.

The indicator layer cuts only a few characters at a time (the phrase after a number,
a clause before it), never the whole document. ``tokens(s)`` gives exactly what
``jieba.lcut(s, HMM=False)`` gives with jieba's default dictionary: the same word
graph, the same most-probable path, the same handling of Latin letters, digits and
spaces. What differs is the start-up. jieba unmarshals its whole prefix dictionary
(350,000 words and their prefixes, 0.6 to 2 s and 60 MB) before the first cut; a
window of twenty characters needs only the entries that begin with one of its own
characters.

So the dictionary is read from a cache file grouped by first character: an index
(character -> where its entries are) and, per character, its words with their
frequencies and every prefix of them. ``tokens`` loads the groups of the characters
it meets, the first time it meets them, from a memory-mapped file. A process that
cuts a hundred windows touches a few hundred groups out of 11,800.

The cache file is generated at run time from the dictionary of the installed jieba
(nothing of jieba's ships with zhstats) and lives in the user cache folder:
``$ZHSTATS_CACHE_DIR``, else ``$XDG_CACHE_HOME/zhstats``, else ``~/.cache/zhstats``.
Its name and its header carry a key of jieba's dictionary (path, size, modification
time) and of the file format, so a new jieba or a new format builds a new file. It is built
the first time it is missing (about 1 s, once), written to a temporary file and
renamed, so concurrent workers never read half a file. Building one also deletes
the caches of dictionaries that no longer exist or have changed (a deleted
virtualenv, an upgraded jieba), so the folder does not grow by 9 MB for every
environment ever made. When the folder cannot
be written the same groups are built in memory for the process; when jieba's
dictionary file cannot be found, jieba itself is loaded and its dictionary used.
Either way the words are the same.

jieba's global state (``jieba.add_word``, ``jieba.set_dictionary``) does not reach
here: the extractor's results do not depend on what another library did to jieba.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import re
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterator
from math import log
from pathlib import Path

FORMAT = 1
_MAGIC = b"ZHSTATS-WORDS\n"
_HEAD = struct.Struct("<Q")  # length of the marshalled header that follows the magic

# jieba's own character classes (jieba/__init__.py, ``cut`` with HMM off): runs of
# these are cut with the dictionary, whitespace stands alone, anything else is one
# token per character, and single Latin letters or digits left by the path are glued.
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_SKIP = re.compile(r"(\r\n|\s)")
_RE_ENG = re.compile("[a-zA-Z0-9]")


# --------------------------------------------------------------------------- the dictionary


class Words:
    """jieba's prefix dictionary, one group of entries per first character, loaded on demand.

    ``group(ch)`` is a dict of every dictionary word that starts with ``ch`` (its
    frequency) and every prefix of such a word that is not itself a word (0); ``total``
    is the sum of all frequencies. That is jieba's ``FREQ`` and ``total``, cut by first
    character.
    """

    def __init__(self, total: int, load: Callable[[str], dict[str, int]]) -> None:
        self.total = total
        self.logtotal = log(total)
        self._load = load
        self._groups: dict[str, dict[str, int]] = {}

    def group(self, ch: str) -> dict[str, int]:
        g = self._groups.get(ch)
        if g is None:
            g = self._groups[ch] = self._load(ch)
        return g


def _jieba_dict() -> Path | None:
    """The default dictionary of the installed jieba, found without importing jieba."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).with_name("dict.txt")
    return path if path.is_file() else None


def _parse(path: Path) -> tuple[dict[str, dict[str, int]], int]:
    """jieba's ``gen_pfdict`` grouped by first character: the same entries, the same total."""
    groups: dict[str, dict[str, int]] = {}
    total = 0
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip().decode("utf-8")
            try:
                word, freq_s = line.split(" ")[:2]
                freq = int(freq_s)
            except ValueError:
                raise ValueError(f"invalid dictionary entry in {path} at line {lineno}: {line}") from None
            g = groups.setdefault(word[0], {})
            g[word] = freq
            total += freq
            for i in range(1, len(word)):
                g.setdefault(word[:i], 0)
    return groups, total


def cache_dir() -> Path:
    """Where the word cache lives: ``$ZHSTATS_CACHE_DIR``, ``$XDG_CACHE_HOME/zhstats`` or ``~/.cache/zhstats``."""
    env = os.environ.get("ZHSTATS_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "zhstats"


def source_key(source: Path) -> str:
    """What the cache is valid for: the format, and jieba's dictionary file (path, size, modification time)."""
    st = source.stat()
    return f"{FORMAT}|{source.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def cache_file(key: str) -> Path:
    """The cache file for ``key`` (the file records the whole key too, and is read only when it matches)."""
    return cache_dir() / f"words-{zlib.crc32(key.encode()):08x}-{len(key)}.bin"


def _write(path: Path, key: str, groups: dict[str, dict[str, int]], total: int) -> None:
    """Write the grouped dictionary to ``path`` atomically (a temporary file in the same folder, renamed)."""
    index: dict[str, tuple[int, int]] = {}
    chunks: list[bytes] = []
    off = 0
    for ch in sorted(groups):
        blob = marshal.dumps(groups[ch])
        index[ch] = (off, len(blob))
        chunks.append(blob)
        off += len(blob)
    head = marshal.dumps((FORMAT, key, total, off, index))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a shared cache folder may serve others
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC)
            f.write(_HEAD.pack(len(head)))
            f.write(head)
            for blob in chunks:
                f.write(blob)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _open(path: Path, key: str) -> Words:
    """Map a cache file and read its index; the groups stay on disk until asked for.

    Raises ``ValueError`` when the file is not a complete cache of this format and key.
    """
    with open(path, "rb") as f:
        try:
            mm: mmap.mmap | bytes = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap: read it whole
            mm = f.read()
    if mm[: len(_MAGIC)] != _MAGIC:
        raise ValueError(f"{path}: not a zhstats word cache")
    at = len(_MAGIC)
    (n,) = _HEAD.unpack_from(mm, at)
    at += _HEAD.size
    fmt, file_key, total, size, index = marshal.loads(mm[at:at + n])
    base = at + n
    if fmt != FORMAT or file_key != key or len(mm) != base + size:
        raise ValueError(f"{path}: incomplete, of another format or of another dictionary")

    def load(ch: str) -> dict[str, int]:
        where = index.get(ch)
        if where is None:
            return {}
        off, length = where
        return marshal.loads(mm[base + off:base + off + length])

    return Words(total, load)


def _from_groups(groups: dict[str, dict[str, int]], total: int) -> Words:
    return Words(total, lambda ch: groups.get(ch, {}))


def _from_jieba() -> Words:
    """Last resort (no dictionary file to read): jieba's own loaded dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    freq: dict[str, int] = tk.FREQ
    groups: dict[str, dict[str, int]] = {}
    for w, f in freq.items():
        groups.setdefault(w[0], {})[w] = f
    return _from_groups(groups, tk.total)


# what a missing, partial, stale or unwritable cache raises
_UNREADABLE = (OSError, ValueError, EOFError, TypeError, struct.error)


def load_words() -> Words:
    """The dictionary: from the cache file (built first if missing), else built in memory, else jieba's."""
    source = _jieba_dict()
    if source is None:
        return _from_jieba()
    key = source_key(source)
    path = cache_file(key)
    try:
        return _open(path, key)
    except _UNREADABLE:
        pass  # missing, partial or stale: build it
    groups, total = _parse(source)
    try:
        _write(path, key, groups, total)
        found = _open(path, key)
    except _UNREADABLE:
        return _from_groups(groups, total)  # cache folder not writable: this process only
    prune_stale(path)
    return found


def _stale(path: Path) -> bool:
    """Whether the cache file ``path`` was made from a dictionary file that is gone or has changed.

    Its key names the dictionary (``FORMAT|path|size|mtime``). A file that cannot
    be read, or whose key has another shape (another format), is not called stale:
    it may belong to another zhstats that is still installed.
    """
    try:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                return False
            (n,) = _HEAD.unpack(f.read(_HEAD.size))
            key = marshal.loads(f.read(n))[1]
        _fmt, source, size, mtime = key.split("|")
        size_i, mtime_i = int(size), int(mtime)
    except (*_UNREADABLE, IndexError, AttributeError):
        return False
    try:
        st = os.stat(source)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return st.st_size != size_i or st.st_mtime_ns != mtime_i


def prune_stale(keep: Path) -> int:
    """Delete the other word caches whose dictionary is gone or changed; how many went.

    Every environment (a virtualenv, a new jieba) has its own dictionary file and so
    its own 9 MB cache; without this the folder grows by one file per environment
    ever made (a CI clone, a test virtualenv), long after the environment is deleted.
    Run only after a new cache was written, so a normal start-up reads no other file.
    """
    removed = 0
    for other in keep.parent.glob("words-*.bin"):
        if other != keep and _stale(other):
            with contextlib.suppress(OSError):
                other.unlink()
                removed += 1
    return removed


_WORDS: Words | None = None


def words() -> Words:
    """The process's dictionary, loaded the first time a window needs cutting."""
    global _WORDS
    if _WORDS is None:
        _WORDS = load_words()
    return _WORDS


# --------------------------------------------------------------------------- cutting


def _cut_block(sentence: str, w: Words) -> Iterator[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one run of word characters."""
    n = len(sentence)
    groups = [w.group(ch) for ch in sentence]
    dag: list[list[int]] = []
    for k in range(n):
        g = groups[k]
        ends = []
        i = k
        frag = sentence[k]
        while i < n and frag in g:
            if g[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k:i + 1]
        if not ends:
            ends.append(k)
        dag.append(ends)
    logtotal = w.logtotal
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        g = groups[idx]
        route[idx] = max((log(g.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag[idx])
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if len(word) == 1 and _RE_ENG.match(word):
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


def cut(sentence: str, w: Words | None = None) -> Iterator[str]:
    """jieba's ``cut(sentence, HMM=False)``."""
    if w is None:
        w = words()
    for blk in _RE_HAN.split(sentence):
        if not blk:
            continue
        if _RE_HAN.match(blk):
            yield from _cut_block(blk, w)
        else:
            for x in _RE_SKIP.split(blk):
                if _RE_SKIP.match(x):
                    yield x
                else:
                    yield from x


def tokens(s: str) -> list[str]:
    """The words of a short phrase (jieba's default dictionary, no HMM guessing of unknown words)."""
    return list(cut(s))
