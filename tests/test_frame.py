"""``zhstats.to_frame``: columns, dtypes, nulls, and agreement with ``--format csv``.

Checked on whatever the extractor finds today (structure, not content), plus
hand-made records for the edge cases (ranges, nulls, Decimal values, no records).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")

import zhstats  # noqa: E402
from zhstats.cli import main  # noqa: E402
from zhstats.frame import COLUMNS, DTYPES  # noqa: E402
from zhstats.record import Record  # noqa: E402

from .conftest import CORPUS, ROOT, SEED  # noqa: E402

SEED_TXT = str(CORPUS / f"{SEED}.txt")


def assert_dtypes(df) -> None:
    assert list(df.columns) == list(COLUMNS)
    assert df["value"].dtype == "float64" and df["value_max"].dtype == "float64"
    assert str(df["start"].dtype) == "Int64" and str(df["end"].dtype) == "Int64"
    for c in COLUMNS:
        if DTYPES[c] == "string":
            assert isinstance(df[c].dtype, pd.StringDtype), (c, df[c].dtype)


def test_seed_article_frame(seed_text):
    recs = zhstats.extract(seed_text, date="2020-01", name=SEED)
    df = zhstats.to_frame(recs)
    assert_dtypes(df)
    assert len(df) == len(recs) > 0
    for row, r in zip(df.itertuples(index=False), recs, strict=True):
        assert (row.start, row.end) == r.span
        assert seed_text[row.start:row.end] == row.mention
        assert row.value == float(r.value)
        assert (pd.isna(row.period) and r.period is None) or row.period == r.period
    assert df["start"].is_monotonic_increasing


def test_edge_cases_records_and_dicts_alike():
    a = Record(indicator="养老机构", value=Decimal("30"), unit="家", period="2019", qualifier=None,
               span=(8, 11), mention="30家")
    b = Record(indicator="增速", value=Decimal("-3.2"), unit="%", period=None, qualifier="approx",
               span=(20, 28), mention="3%-5%", value_max=Decimal("5"), doc="x")
    c = {"indicator": "在园幼儿", "value": 16.4e8, "unit": "", "period": "2017/2019", "qualifier": None,
         "span": [1, 2], "mention": "x", "aliases": ["ignored"], "optional": True}
    df = zhstats.to_frame([a, b, c])
    assert_dtypes(df)
    assert df["value"].tolist() == [30.0, -3.2, 1.64e9]
    assert pd.isna(df.loc[0, "value_max"]) and df.loc[1, "value_max"] == 5.0
    assert pd.isna(df.loc[1, "period"]) and df.loc[2, "period"] == "2017/2019"
    assert df.loc[2, "unit"] == ""          # "no unit" stays an empty string, not null
    assert pd.isna(df.loc[0, "doc"]) and df.loc[1, "doc"] == "x"
    assert df[["start", "end"]].values.tolist() == [[8, 11], [20, 28], [1, 2]]
    assert "aliases" not in df.columns
    assert df.equals(zhstats.to_frame([a.to_dict(), b.to_dict(), c]))


def test_no_records_still_has_columns_and_dtypes():
    df = zhstats.to_frame([])
    assert len(df) == 0
    assert_dtypes(df)
    both = pd.concat([df, zhstats.to_frame(zhstats.extract("共有养老机构30家。"))])
    assert_dtypes(both)


def test_csv_has_the_frame_columns_and_the_same_cells(tmp_path):
    """``--format csv`` read back with the frame's dtypes equals ``to_frame`` of the JSON Lines output."""
    csv_path, jsonl_path = tmp_path / "r.csv", tmp_path / "r.jsonl"
    assert main(["extract", SEED_TXT, "--format", "csv", "-o", str(csv_path)]) == 0
    assert main(["extract", SEED_TXT, "--format", "jsonl", "-o", str(jsonl_path)]) == 0
    text = csv_path.read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    from_csv = pd.read_csv(io.StringIO(text), dtype=DTYPES, keep_default_na=False, na_values={
        c: [""] for c in COLUMNS if c != "unit"})  # an empty unit is "no unit", not null
    recs = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    expected = zhstats.to_frame(recs)
    assert len(from_csv) == len(expected) > 0
    pd.testing.assert_frame_equal(from_csv, expected, check_exact=False, rtol=1e-12)


def test_import_zhstats_does_not_import_pandas():
    code = "import sys, zhstats; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr
