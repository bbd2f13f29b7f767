#!/usr/bin/env python3
"""Build gold files from hand annotations, so that no span is ever typed by hand.

An annotator writes ``gold/ann/NAME.jsonl``: one JSON object per statistic, with the
record fields of ``RECORDS.md`` (``indicator``, ``value``, ``unit``, ``period``,
``qualifier``, optional ``value_max``, ``aliases``, ``optional``) plus the keys that
locate it:

- ``mention``: the exact characters of the value mention (number, magnitude word,
  written unit; see the guide for what stays in and out);
- ``context`` (optional): a longer string that occurs exactly once in the text and
  contains the mention. Without it the mention itself must occur exactly once;
- ``nth`` (optional, default 1): which occurrence of the mention inside the context,
  for the rare context that holds it twice.

This script finds each mention in ``corpus/NAME.txt``, computes its ``span`` on the
text as decoded (UTF-8, Python ``str`` indices), sorts the records by span and writes
``gold/NAME.jsonl``. ``--check`` rebuilds in memory and fails if a gold file differs
from what its annotations give, or if an annotation cannot be located unambiguously.

Usage::

    python gold/build.py            # rebuild every gold file
    python gold/build.py NAME ...   # rebuild some
    python gold/build.py --check    # verify, exit 1 on any difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANN = ROOT / "gold" / "ann"
GOLD = ROOT / "gold"
CORPUS = ROOT / "corpus"

FIELD_ORDER = (
    "indicator",
    "value",
    "value_max",
    "unit",
    "period",
    "qualifier",
    "span",
    "mention",
    "aliases",
    "optional",
    "note",
)
REQUIRED = ("mention", "indicator", "value", "unit", "period", "qualifier")
ALLOWED_QUALIFIERS = (None, "approx", "over", "under")


class AnnotationError(Exception):
    """An annotation that cannot be placed in the text unambiguously."""


def _occurrences(haystack: str, needle: str) -> list[int]:
    out: list[int] = []
    i = haystack.find(needle)
    while i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def locate(text: str, ann: dict, where: str) -> tuple[int, int]:
    """Return the span of ``ann['mention']`` in ``text``, or raise AnnotationError."""
    mention = ann["mention"]
    context = ann.get("context", mention)
    nth = int(ann.get("nth", 1))
    if mention not in context:
        raise AnnotationError(f"{where}: mention {mention!r} is not inside context {context!r}")
    ctx_hits = _occurrences(text, context)
    if len(ctx_hits) != 1:
        raise AnnotationError(
            f"{where}: context {context!r} occurs {len(ctx_hits)} times in the text; "
            "give a longer context that occurs exactly once"
        )
    in_ctx = _occurrences(context, mention)
    if "nth" not in ann and len(in_ctx) != 1:
        raise AnnotationError(
            f"{where}: mention {mention!r} occurs {len(in_ctx)} times in its context; "
            "give a tighter context or an 'nth'"
        )
    if not 1 <= nth <= len(in_ctx):
        raise AnnotationError(f"{where}: nth={nth} but the context holds {len(in_ctx)}")
    start = ctx_hits[0] + in_ctx[nth - 1]
    return start, start + len(mention)


def build_one(name: str) -> list[dict]:
    """Build the gold records of one document from its annotations."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8-sig")
    ann_path = ANN / f"{name}.jsonl"
    records: list[dict] = []
    for lineno, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{ann_path.relative_to(ROOT)}:{lineno}"
        try:
            ann = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{where}: not JSON: {exc}") from None
        missing = [k for k in REQUIRED if k not in ann]
        if missing:
            raise AnnotationError(f"{where}: missing {', '.join(missing)}")
        if ann["qualifier"] not in ALLOWED_QUALIFIERS:
            raise AnnotationError(f"{where}: qualifier {ann['qualifier']!r} is not one of the spec's")
        start, end = locate(text, ann, where)
        rec = {k: ann[k] for k in FIELD_ORDER if k in ann and k not in ("span",)}
        rec["span"] = [start, end]
        if not rec.get("optional"):
            rec.pop("optional", None)
        records.append({k: rec[k] for k in FIELD_ORDER if k in rec})
    records.sort(key=lambda r: (r["span"][0], r["span"][1]))
    seen: dict[tuple[int, int], int] = {}
    for r in records:
        key = tuple(r["span"])
        if key in seen:
            raise AnnotationError(f"{ann_path.name}: two annotations share the span {list(key)}")
        seen[key] = 1
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="document stems (default: every gold/ann/*.jsonl)")
    ap.add_argument("--check", action="store_true", help="verify instead of writing")
    args = ap.parse_args(argv)
    names = args.names or sorted(p.stem for p in ANN.glob("*.jsonl"))
    bad = 0
    for name in names:
        try:
            content = render(build_one(name))
        except (AnnotationError, FileNotFoundError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            bad += 1
            continue
        out = GOLD / f"{name}.jsonl"
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != content:
                print(f"error: {out.relative_to(ROOT)} is out of date; run python gold/build.py {name}",
                      file=sys.stderr)
                bad += 1
        else:
            out.write_text(content, encoding="utf-8")
            print(f"{out.relative_to(ROOT)}: {content.count(chr(10))} records")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
