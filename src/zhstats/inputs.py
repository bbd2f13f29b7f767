"""Reading inputs: which files, in which order, decoded how, dated how.

Spans always refer to the text *as decoded* here, so that a user can slice the
decoded text with them:

- a byte-order mark is removed (it is not part of the text);
- line ends are kept exactly as they are in the file (``\\r\\n``, ``\\r`` or ``\\n``):
  no newline translation, so ``open(path, encoding=..., newline="")`` gives the
  same string and the same offsets;
- nothing else is changed (no Unicode normalisation here; that is a layer of the
  pipeline and it preserves length).

Encodings: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM, and whatever
charset-normalizer detects otherwise, preferring Chinese encodings (GB18030 and
Big5 families) when the bytes are valid in several. Files that are not text are
reported as binary rather than decoded into noise.

This module is imported by worker processes, so it keeps its imports light and
loads charset-normalizer only when a file is not plain UTF-8.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .docdate import DocDate


class InputError(Exception):
    """A problem with one input that the user can act on (missing, binary, undecodable...)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: where it came from and its stem (``-`` for standard input)."""

    path: Path | None
    name: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used and a note when something had to be repaired."""

    text: str
    encoding: str
    warning: str | None = None


# ---------------------------------------------------------------- which files

def _walk(folder: Path) -> Iterator[Source | InputError]:
    """Every ``*.txt`` below ``folder``, depth first, entries sorted by name.

    Sorting each folder's entry names and descending in place gives the same order
    as sorting the full paths part by part, while holding only one listing of names
    per level (not the whole tree, not ``DirEntry`` objects). Symbolic links to
    folders are not followed (no cycles); an unreadable folder or a broken link is
    reported rather than silently skipped, because a silently missing sub-folder is
    exactly the kind of loss a batch run must not hide.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield InputError(f"{folder}: cannot read folder ({exc.strerror or exc})")
        return
    for name in names:
        p = folder / name
        try:
            st = os.lstat(p)
            if stat.S_ISDIR(st.st_mode):
                yield from _walk(p)
                continue
            if not name.lower().endswith(".txt"):
                continue
            if stat.S_ISLNK(st.st_mode):
                try:
                    st = os.stat(p)  # follow a link to a file
                except FileNotFoundError:
                    yield InputError(f"{p}: broken symbolic link")
                    continue
            if stat.S_ISREG(st.st_mode):
                yield Source(p, _stem(p))
            # a *.txt folder reached through a link, a socket, a FIFO: not a document
        except FileNotFoundError:
            continue  # removed since the listing: it was never part of this run
        except OSError as exc:
            yield InputError(f"{p}: cannot read ({exc.strerror or exc})")


def _stem(p: Path) -> str:
    """``a/b/NAME.txt`` -> ``NAME`` (the document name in every output)."""
    name = p.name
    return name[:-4] if name.lower().endswith(".txt") else p.stem


def iter_sources(paths: Iterable[str]) -> Iterator[Source | InputError]:
    """Expand PATH arguments lazily, in order: files as given, folders to every ``*.txt`` below them (sorted).

    A path that does not exist is yielded as an :class:`InputError` in its place, so
    the caller reports it and still processes the rest. ``-`` is standard input.
    Lazy so that a run over a huge tree holds one folder's listing at a time, not
    every path of the tree.
    """
    for arg in paths:
        if arg == "-":
            yield Source(None, "-")
            continue
        p = Path(arg)
        try:
            st = p.stat()
        except FileNotFoundError:
            yield InputError(f"{arg}: no such file or folder" + (" (broken symbolic link)" if p.is_symlink() else ""))
            continue
        except OSError as exc:
            yield InputError(f"{arg}: cannot read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(p)
        else:
            yield Source(p, _stem(p))


def collect(paths: Iterable[str]) -> list[Source | InputError]:
    """:func:`iter_sources` as a list, for callers that need the count or several passes."""
    return list(iter_sources(paths))


# ---------------------------------------------------------------- decoding

# Signatures of the binary files most often found among scraped articles. A name
# makes the message actionable ("convert the PDF first"), which a bare "binary" is not.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (.doc/.xls)"),
    (b"\x7fELF", "executable"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Detected encodings widened to the superset Python can decode, so no character of
# the family is lost (GB2312 < GBK < GB18030; Big5 < CP950 for the common extensions).
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030",
          "big5": "cp950"}
_CHINESE = ("gb18030", "gbk", "gb2312", "cp936", "hz", "big5", "cp950", "big5hkscs")
_BINARY = "binary file, not text"
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def _canon(enc: str) -> str:
    return enc.lower().replace("-", "").replace("_", "")


def _looks_binary(text: str) -> bool:
    """Many C0 control characters (beyond tab, line ends, form feed, escape) mean not text."""
    if not text:
        return False
    sample = text[:65536]
    ctrl = sum(1 for c in sample if c < " " and c not in _TEXT_CONTROLS)
    return ctrl > max(2, len(sample) // 100)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's choice, preferring a Chinese encoding when it is among the candidates.

    Short Chinese texts are ambiguous (a dozen GB18030 bytes are also valid CP949 or
    BOM-less UTF-16); for a Chinese-news tool a Chinese reading is the right tie-break.
    BOM-less UTF-16/32 guesses are refused: without a BOM they are indistinguishable
    from noise and the contract promises UTF-16 *with* a BOM.
    """
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if not _canon(m.encoding).startswith(("utf16", "utf32"))]
    if not matches:
        return None
    for m in matches:
        if _canon(m.encoding) in {_canon(c) for c in _CHINESE}:
            return m.encoding
    return matches[0].encoding


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {enc} at byte {exc.start} ({exc.reason})") from None


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Bytes to text with the encoding used; :class:`InputError` for binary or undecodable data.

    Order: known binary signatures, byte-order marks, NUL bytes (binary), strict
    UTF-8, UTF-8 with a handful of bad bytes (replaced, with a warning: scraped
    files often carry one truncated character, and guessing another encoding for
    them would turn the whole article into mojibake), then detection.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {_BINARY} ({what})")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc, name)
            if _looks_binary(text):
                raise InputError(f"{name}: {_BINARY}")
            return Decoded(text, enc)
    if b"\x00" in data:
        raise InputError(f"{name}: {_BINARY} (contains NUL bytes; UTF-16 needs a byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError(f"{name}: {_BINARY}")
        return Decoded(text, "utf-8")
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if bad <= max(1, len(data) // 10000) and not _looks_binary(lossy):
        return Decoded(lossy, "utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")
    enc = _detect(data)
    if enc is None:
        raise InputError(f"{name}: {_BINARY} (or an encoding zhstats cannot recognise)")
    enc = _WIDEN.get(_canon(enc), enc)
    text = _strict(data, enc, name)
    if _looks_binary(text):
        raise InputError(f"{name}: {_BINARY}")
    return Decoded(text, enc)


def decode(data: bytes, name: str) -> str:
    """Bytes to text (see :func:`decode_bytes`); kept for callers that need only the text."""
    return decode_bytes(data, name).text


def _read_bytes(path: Path) -> bytes:
    """The raw bytes of ``path`` (one place to read, so tests can simulate an unreadable file)."""
    return path.read_bytes()


def read_decoded(src: Source, stdin_bytes: bytes | None = None) -> Decoded:
    """Read and decode one source; :class:`InputError` names the file and the reason."""
    if src.path is None:
        return decode_bytes(stdin_bytes or b"", "-")
    try:
        data = _read_bytes(src.path)
    except IsADirectoryError:
        raise InputError(f"{src.path}: is a folder") from None
    except FileNotFoundError:
        raise InputError(f"{src.path}: no such file (removed during the run?)") from None
    except OSError as exc:
        raise InputError(f"{src.path}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, str(src.path))


def read_source(src: Source, stdin_bytes: bytes | None = None) -> str:
    """The decoded text of one source."""
    return read_decoded(src, stdin_bytes).text


def meta_date(src: Source) -> DocDate | None:
    """The ``date`` of ``NAME.meta.json`` beside ``NAME.txt``, if there is one."""
    if src.path is None:
        return None
    meta = src.path.with_name(src.name + ".meta.json")
    try:
        raw_text = meta.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{meta}: unreadable metadata ({exc})") from None
    try:
        data = json.loads(raw_text)
        raw = data.get("date") if isinstance(data, dict) else None
        return DocDate.parse(raw) if raw else None
    except ValueError as exc:
        raise InputError(f"{meta}: unreadable metadata ({exc}); fix it or pass --date") from None
