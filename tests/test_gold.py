"""The gold corpus (issue 6): well-formed, grounded, up to date, and scored above its floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import zhstats
from zhstats.inputs import Source, meta_date, read_source

from .conftest import CORPUS, GOLD, ROOT

GOLD_FILES = sorted(GOLD.glob("*.jsonl"))
QUALIFIERS = {None, "approx", "over", "under"}


def _floors(datadir: Path) -> dict[str, float]:
    out = {}
    for line in (datadir / "floors.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, floor = line.split("\t")
            out[name] = float(floor)
    return out


def test_there_is_a_real_evaluation_set() -> None:
    assert len(GOLD_FILES) >= 11
    assert (GOLD / "GUIDELINES.md").is_file()


def test_gold_files_are_built_from_their_annotations() -> None:
    res = subprocess.run([sys.executable, str(GOLD / "build.py"), "--check"], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert res.returncode == 0, res.stderr


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_records_are_well_formed_and_grounded(path: Path) -> None:
    text = (CORPUS / f"{path.stem}.txt").read_text(encoding="utf-8")
    meta = json.loads((CORPUS / f"{path.stem}.meta.json").read_text(encoding="utf-8"))
    assert zhstats.DocDate.parse(meta["date"])
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        s, e = r["span"]
        assert text[s:e] == r["mention"], r
        assert isinstance(r["value"], (int, float)) and r["qualifier"] in QUALIFIERS
        assert isinstance(r["unit"], str) and r["indicator"]
        spans.append((s, e))
    assert spans == sorted(spans), "gold records are in span order"


def test_scores_stay_above_their_floors(datadir: Path) -> None:
    floors = _floors(datadir)
    gold = {p.stem: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()] for p in GOLD_FILES}
    pred = {}
    for stem in gold:
        src = Source(CORPUS / f"{stem}.txt", stem)
        pred[stem] = zhstats.extract(read_source(src), date=meta_date(src), name=stem)
    res = zhstats.evaluate(gold, pred)
    low = {stem: round(fig["record_F1"], 3) for stem, fig in res["docs"].items()
           if fig["record_F1"] < floors.get(stem, 0.0)}
    assert not low, f"record F1 fell below the floor: {low} (floors in tests/test_gold/floors.tsv)"
    assert res["micro"]["record_F1"] >= floors["MICRO"]
    missing = set(gold) - set(floors)
    assert not missing, f"add a floor for {sorted(missing)}"
