"""Scale-out with Dask (issue 10): the same records as the plain CLI, a stable Parquet schema.

Skipped cleanly when the optional extra (dask, distributed, pyarrow) is absent. One
two-process LocalCluster is shared by the module so the file stays well under a minute.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import zhstats  # noqa: E402
from zhstats import dask as zdask  # noqa: E402
from zhstats.cli import main  # noqa: E402

from .conftest import CORPUS  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    with distributed.Client(cluster) as c:
        c.run(zdask.warm_up)
        yield c
    cluster.close()


def _plain_records(corpus: str) -> list[dict]:
    """What ``zhstats extract CORPUS`` prints, as dicts: the reference for every engine."""
    import contextlib
    import io

    from zhstats.cli import main as cli_main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli_main(["extract", corpus, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in buf.getvalue().splitlines()]


@pytest.fixture(scope="module")
def plain(client) -> list[dict]:
    """The plain CLI's records, computed *on a worker*.

    The reference must come from the same code as the records it is compared with:
    in a shared working tree the extractor may be edited while the suite runs, and
    the workers import it later than this process did.
    """
    recs = client.submit(_plain_records, str(CORPUS), pure=False).result()
    assert recs
    return recs


def rows(df: pd.DataFrame) -> list[tuple]:
    """Rows as comparable tuples: missing values as None, floats as floats (NaN is never equal to itself)."""
    out = []
    for rec in df.itertuples(index=False):
        out.append(tuple(None if (v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v for v in rec))
    return out


def test_module_uses_the_top_level_dask_package():
    assert zdask.db.__name__ == "dask.bag" and dask.__name__ == "dask"
    assert zdask.__name__ == "zhstats.dask"


def test_extract_bag_gives_exactly_the_plain_records_in_order(client, plain):
    bag = zdask.extract_bag(str(CORPUS))
    assert bag.npartitions > 1  # really split across tasks
    got = bag.compute()
    assert got == plain


def test_extract_bag_takes_globs_and_lists(client, plain):
    files = sorted(CORPUS.glob("*.txt"))
    by_glob = zdask.extract_bag(str(CORPUS / "*.txt"), files_per_partition=2).compute()
    by_list = zdask.extract_bag([str(f) for f in files]).compute()
    assert by_glob == by_list == plain


def test_extract_bag_reports_missing_inputs(tmp_path):
    with pytest.raises(zhstats.inputs.InputError, match="no file matches"):
        zdask.extract_bag(str(tmp_path / "*.txt"))
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "good.txt").write_text("2019年末共有养老机构30家。", encoding="utf-8")
    with pytest.raises(zhstats.inputs.InputError, match="binary"):
        zdask.extract_bag(str(tmp_path), date="2020-01").compute(scheduler="sync")
    kept = zdask.extract_bag(str(tmp_path), date="2020-01", errors="skip").compute(scheduler="sync")
    assert {r["doc"] for r in kept} <= {"good"}


def _articles() -> pd.DataFrame:
    data = []
    for p in sorted(CORPUS.glob("*.txt")):
        meta = p.with_name(p.stem + ".meta.json")
        date = json.loads(meta.read_text(encoding="utf-8")).get("date") if meta.exists() else None
        data.append({"doc": p.stem, "text": p.read_text(encoding="utf-8"), "date": date})
    return pd.DataFrame(data)


def test_extract_frame_matches_to_frame_of_the_plain_records(client, plain):
    ddf = dd.from_pandas(_articles(), npartitions=3)
    out = zdask.extract_frame(ddf)
    assert list(out.columns) == list(zhstats.frame.COLUMNS)
    got = out.compute()
    want = zhstats.to_frame(plain)
    assert dict(got.dtypes) == dict(want.dtypes)
    assert sorted(rows(got), key=repr) == sorted(rows(want), key=repr)


def test_parquet_round_trip_keeps_dtypes(client, tmp_path):
    ddf = dd.from_pandas(_articles(), npartitions=4)
    path = tmp_path / "records.parquet"
    zdask.extract_frame(ddf).to_parquet(str(path), write_index=False)
    back_pd = pd.read_parquet(path)
    back_dd = dd.read_parquet(str(path)).compute()
    want = zdask.record_meta().dtypes
    assert dict(back_pd.dtypes) == dict(want)
    assert dict(back_dd.dtypes) == dict(want)
    assert len(back_pd) > 0


def test_empty_partitions_keep_the_schema(client, tmp_path):
    df = pd.DataFrame({"doc": ["a", "b"], "text": ["没有数字。", None], "date": [None, "2020-01"]})
    out = zdask.extract_frame(dd.from_pandas(df, npartitions=2))
    path = tmp_path / "empty.parquet"
    out.to_parquet(str(path), write_index=False)
    back = pd.read_parquet(path)
    assert len(back) == 0 and dict(back.dtypes) == dict(zdask.record_meta().dtypes)


def test_cli_engine_dask_with_a_scheduler_writes_the_plain_records(client, plain, tmp_path, capsys):
    out = tmp_path / "out.parquet"
    code = main(["extract", str(CORPUS), "--engine", "dask", "--scheduler", client.scheduler.address,
                 "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.is_dir() and sorted(p.name for p in out.iterdir())[0] == "part.00000.parquet"
    got = pd.read_parquet(out)
    want = zhstats.to_frame(plain)
    assert dict(got.dtypes) == dict(want.dtypes)
    assert rows(got) == rows(want)  # same records, same values, same (input) order
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_cli_engine_dask_reports_bad_inputs_and_writes_the_rest(client, tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("2019年末共有养老机构30家，床位4500张。", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4\n" + bytes(100))
    out = tmp_path / "out.parquet"
    out.write_text("an old output file", encoding="utf-8")  # replaced only on success
    code = main(["extract", str(folder), str(tmp_path / "missing.txt"), "--engine", "dask",
                 "--scheduler", client.scheduler.address, "--date", "2020-01", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "missing.txt" in err and "b.txt" in err and "binary" in err and "Traceback" not in err
    got = pd.read_parquet(out)
    assert set(got["doc"]) <= {"a"}
    assert len(got) == len(zhstats.extract("2019年末共有养老机构30家，床位4500张。", date="2020-01"))


def test_workers_load_lexicons_once_per_process(client):
    """Each data file is read at most once per worker process, however many articles it extracts."""
    def misses() -> int:
        from zhstats import lexicon

        return lexicon.rows.cache_info().misses

    n_files = len(list((Path(zhstats.__file__).parent / "data").iterdir()))
    zdask.extract_bag(str(CORPUS), files_per_partition=1).compute()
    before = client.run(misses)
    assert len(before) == 2 and all(m <= n_files for m in before.values())
    zdask.extract_bag(str(CORPUS), files_per_partition=1).compute()
    assert client.run(misses) == before


_LOCAL_RUN = """
import json, sys
import pandas as pd
import zhstats
from zhstats.cli import main
from tests.test_dask import _plain_records, rows
corpus, out = sys.argv[1], sys.argv[2]
want = rows(zhstats.to_frame(_plain_records(corpus)))
code = main(["extract", corpus, "--engine", "dask", "--jobs", "1", "-o", out])
print(json.dumps({"code": code, "same": rows(pd.read_parquet(out)) == want, "n": len(want)}))
"""


@pytest.mark.slow
def test_cli_engine_dask_local_cluster(tmp_path):
    """Without --scheduler the CLI starts (and stops) its own cluster of --jobs workers (one here: cheaper).

    Run in a fresh interpreter, which also computes the plain reference (same code).
    """
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", _LOCAL_RUN, str(CORPUS), str(tmp_path / "local.parquet")],
                         capture_output=True, text=True, timeout=120, check=False,
                         cwd=str(Path(__file__).resolve().parents[1]))
    assert res.returncode == 0, res.stderr
    result = json.loads(res.stdout.splitlines()[-1])
    assert result == {"code": 0, "same": True, "n": result["n"]} and result["n"] > 0


def test_unreachable_scheduler_is_a_clear_usage_error(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("Timed out trying to connect to tcp://10.0.0.9:8786 after 20 s")

    monkeypatch.setattr(distributed, "Client", refuse)
    out = tmp_path / "out.parquet"
    code = main(["extract", str(CORPUS), "--engine", "dask", "--scheduler", "tcp://10.0.0.9:8786", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no output, no temporary folder
