"""Reading inputs: which files, in which order, decoded how, dated how.

Spans always refer to the text *as decoded* here (BOM removed, line ends kept as
they are in the file), so a user can slice the decoded text with them.
"""

from __future__ import annotations

import json
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


def collect(paths: list[str]) -> list[Source | InputError]:
    """Expand PATH arguments: files as given, folders to every ``*.txt`` below them (sorted).

    A path that does not exist is returned as an :class:`InputError` in its place, so
    the caller reports it and still processes the rest.
    """
    out: list[Source | InputError] = []
    for arg in paths:
        if arg == "-":
            out.append(Source(None, "-"))
            continue
        p = Path(arg)
        if p.is_dir():
            files = sorted(q for q in p.rglob("*.txt") if q.is_file())
            out.extend(Source(q, q.stem) for q in files)
        elif p.exists():
            out.append(Source(p, p.stem))
        else:
            out.append(InputError(f"{arg}: no such file or folder"))
    return out


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else detected (GB18030, Big5...)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not text in any encoding zhstats recognises")
    enc = best.encoding
    # GBK/GB2312 guesses are widened to GB18030, their superset, so no character is lost.
    if enc.lower().replace("_", "") in {"gb2312", "gbk", "hz", "cp936"}:
        enc = "gb18030"
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: could not decode as {enc}") from None


def read_source(src: Source, stdin_bytes: bytes | None = None) -> str:
    """The decoded text of one source."""
    if src.path is None:
        return decode(stdin_bytes or b"", "-")
    try:
        data = src.path.read_bytes()
    except OSError as exc:
        raise InputError(f"{src.path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, str(src.path))


def meta_date(src: Source) -> DocDate | None:
    """The ``date`` of ``NAME.meta.json`` beside ``NAME.txt``, if there is one."""
    if src.path is None:
        return None
    meta = src.path.with_name(src.path.stem + ".meta.json")
    if not meta.exists():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8-sig"))
        raw = data.get("date") if isinstance(data, dict) else None
        return DocDate.parse(raw) if raw else None
    except (OSError, ValueError) as exc:
        raise InputError(f"{meta}: unreadable metadata ({exc})") from None
