"""The scorer: RECORDS.md section 7, exactly.

1. Alignment: a predicted and a gold record align when their spans overlap; pairs
   are taken greedily by largest overlap, each record used once.
2. Detection: aligned pair = hit; unaligned prediction = false positive; unaligned
   gold = miss. Optional gold records, and predictions aligned with them, are left
   out of every count.
3. Fields on hits: value within relative tolerance 1e-9; unit, period, qualifier
   equal as strings (null equals null only); indicator equal to the gold indicator
   or an alias after removing whitespace and quote marks, or one containing the
   other with the shorter at least half as long as the longer.
4. A record is correct when it is a hit and value, unit, period and indicator are
   all correct (the qualifier is scored but not part of "correct").

Division by zero: a ratio whose numerator and denominator are both zero is 1.0 (no
predictions and no gold is perfect agreement); a ratio with only a zero denominator
is 0.0; a field accuracy with no hits is None (nothing to measure).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FIELDS = ("value", "unit", "period", "qualifier", "indicator")
_STRIP = str.maketrans("", "", "“”‘’\"'「」『』《》")


def _as_dict(rec: Any) -> dict:
    if isinstance(rec, Mapping):
        return dict(rec)
    if hasattr(rec, "to_dict"):
        return rec.to_dict()
    raise TypeError(f"a record must be a dict or have to_dict(), not {type(rec).__name__}")


def _span(rec: Mapping) -> tuple[int, int]:
    span = rec.get("span")
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        raise ValueError(f"record has no valid span: {rec!r}")
    return int(span[0]), int(span[1])


def align(gold: Sequence[Mapping], pred: Sequence[Mapping]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment by largest span overlap: ``[(gold_i, pred_j), ...]``.

    Ties are broken by gold position, then prediction position, so results are
    deterministic.
    """
    candidates: list[tuple[int, int, int]] = []
    gspans = [_span(g) for g in gold]
    pspans = [_span(p) for p in pred]
    # Spans are sorted-ish; a sweep keeps this near-linear on real documents.
    order = sorted(range(len(pspans)), key=lambda j: pspans[j])
    for i, (gs, ge) in enumerate(gspans):
        for j in order:
            ps, pe = pspans[j]
            if ps >= ge:
                break
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                candidates.append((overlap, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    pairs.sort()
    return pairs


def _clean(s: Any) -> str:
    return "".join(str(s or "").translate(_STRIP).split())


def indicator_ok(pred: Any, gold: Any, aliases: Iterable[Any] = ()) -> bool:
    """The indicator rule of section 7.3."""
    p = _clean(pred)
    for g in (gold, *aliases):
        g = _clean(g)
        if p == g:
            return True
        short, long_ = (p, g) if len(p) <= len(g) else (g, p)
        if short and short in long_ and 2 * len(short) >= len(long_):
            return True
    return False


def value_ok(pred: Any, gold: Any) -> bool:
    try:
        return math.isclose(float(pred), float(gold), rel_tol=1e-9, abs_tol=0.0)
    except (TypeError, ValueError):
        return False


def _str_ok(pred: Any, gold: Any) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    return str(pred) == str(gold)


def field_checks(p: Mapping, g: Mapping) -> dict[str, bool]:
    """Per-field correctness of one aligned pair."""
    return {
        "value": value_ok(p.get("value"), g.get("value")),
        "unit": _str_ok(p.get("unit"), g.get("unit")),
        "period": _str_ok(p.get("period"), g.get("period")),
        "qualifier": _str_ok(p.get("qualifier"), g.get("qualifier")),
        "indicator": indicator_ok(p.get("indicator"), g.get("indicator"), g.get("aliases") or ()),
    }


def _ratio(num: int, den: int) -> float:
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return num / den


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def count(gold: Sequence[Any], pred: Sequence[Any]) -> dict[str, int]:
    """Raw counts for one document: gold, pred, hits, each field's correct count, correct records."""
    g = [_as_dict(r) for r in gold]
    p = [_as_dict(r) for r in pred]
    pairs = align(g, p)
    optional_g = {i for i, r in enumerate(g) if r.get("optional")}
    left_out_p = {j for i, j in pairs if i in optional_g}
    counts = {
        "gold": len(g) - len(optional_g),
        "pred": len(p) - len(left_out_p),
        "hits": 0,
        "correct": 0,
        **{f"ok_{f}": 0 for f in FIELDS},
    }
    for i, j in pairs:
        if i in optional_g:
            continue
        counts["hits"] += 1
        checks = field_checks(p[j], g[i])
        for f in FIELDS:
            counts[f"ok_{f}"] += checks[f]
        if all(checks[f] for f in ("value", "unit", "period", "indicator")):
            counts["correct"] += 1
    return counts


def figures(c: Mapping[str, int]) -> dict[str, Any]:
    """The reported figures from raw counts (section 7.5)."""
    dp = _ratio(c["hits"], c["pred"])
    dr = _ratio(c["hits"], c["gold"])
    rp = _ratio(c["correct"], c["pred"])
    rr = _ratio(c["correct"], c["gold"])
    out: dict[str, Any] = {
        "gold": c["gold"],
        "pred": c["pred"],
        "hits": c["hits"],
        "correct": c["correct"],
        "detect_P": dp,
        "detect_R": dr,
        "detect_F1": _f1(dp, dr),
    }
    for f in FIELDS:
        out[f"acc_{f}"] = c[f"ok_{f}"] / c["hits"] if c["hits"] else None
    out.update({"record_P": rp, "record_R": rr, "record_F1": _f1(rp, rr)})
    return out


def evaluate(gold: Any, pred: Any) -> dict[str, Any]:
    """Score predictions against gold: ``{"micro": {...}, "docs": {stem: {...}}}``.

    ``gold`` and ``pred`` are either mappings from document stem to a list of
    records (a corpus; a stem missing from ``pred`` counts as no predictions, a stem
    missing from ``gold`` as no gold), or two lists of records (one document, named
    ``"doc"``). Records are dicts (JSON Lines objects) or :class:`zhstats.Record`.
    """
    if isinstance(gold, Mapping) != isinstance(pred, Mapping):
        raise TypeError("gold and pred must both be mappings (stem -> records) or both be lists")
    if not isinstance(gold, Mapping):
        gold, pred = {"doc": gold}, {"doc": pred}
    docs: dict[str, Any] = {}
    total: dict[str, int] = {}
    for stem in sorted(set(gold) | set(pred)):
        c = count(gold.get(stem, []), pred.get(stem, []))
        docs[stem] = figures(c)
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
    if not total:
        total = count([], [])
    return {"micro": figures(total), "docs": docs}


def format_table(result: Mapping[str, Any]) -> str:
    """A readable table of per-document and micro figures."""
    cols = [
        ("gold", "gold"), ("pred", "pred"), ("det_F1", "detect_F1"), ("value", "acc_value"),
        ("unit", "acc_unit"), ("period", "acc_period"), ("qual", "acc_qualifier"),
        ("indic", "acc_indicator"), ("rec_P", "record_P"), ("rec_R", "record_R"), ("rec_F1", "record_F1"),
    ]
    rows = [(stem, fig) for stem, fig in result["docs"].items()] + [("MICRO", result["micro"])]
    width = max([len("document")] + [len(s) for s, _ in rows])

    def cell(v: Any) -> str:
        if v is None:
            return "-"
        if isinstance(v, float):
            return f"{v:.3f}"
        return str(v)

    lines = ["document".ljust(width) + "".join(f"{h:>8}" for h, _ in cols)]
    for stem, fig in rows:
        if stem == "MICRO":
            lines.append("-" * len(lines[0]))
        lines.append(stem.ljust(width) + "".join(f"{cell(fig.get(k)):>8}" for _, k in cols))
    return "\n".join(lines)
