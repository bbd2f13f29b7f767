"""The command line: formats, inputs, exit codes, eval on files and folders."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhstats.cli import main

from .conftest import CORPUS, GOLD, SEED

SEED_TXT = str(CORPUS / f"{SEED}.txt")


def run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_jsonl_has_the_contract_keys(capsys):
    code, out, _ = run(["extract", SEED_TXT, "--format", "jsonl"], capsys)
    assert code == 0
    recs = [json.loads(line) for line in out.splitlines()]
    assert len(recs) > 50
    for r in recs:
        assert {"doc", "indicator", "value", "unit", "period", "qualifier", "span", "mention"} <= set(r)
        assert r["doc"] == SEED
        assert isinstance(r["value"], (int, float))


def test_meta_json_date_is_used_and_date_flag_overrides(capsys):
    _, out, _ = run(["extract", SEED_TXT, "--format", "jsonl"], capsys)
    with_meta = [json.loads(x) for x in out.splitlines()]
    _, out2, _ = run(["extract", SEED_TXT, "--format", "jsonl", "--date", "2030-05"], capsys)
    with_flag = [json.loads(x) for x in out2.splitlines()]
    assert any(r["period"] and "2020-01" in r["period"] for r in with_meta)
    assert not any(r["period"] and "2020-01" in r["period"] for r in with_flag)


def test_csv_and_table_and_html(capsys):
    _, out, _ = run(["extract", SEED_TXT, "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"indicator", "value", "start", "end"} <= set(rows[0])
    _, out, _ = run(["extract", SEED_TXT, "--format", "table"], capsys)
    assert "indicator" in out.splitlines()[0] and "records)" in out
    _, out, _ = run(["extract", SEED_TXT, "--format", "html"], capsys)
    assert out.startswith("<!DOCTYPE html>") and "<mark" in out


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("2019年发放低保金约4.4亿元。".encode())))
    code, out, _ = run(["extract", "-", "--format", "jsonl"], capsys)
    assert code == 0
    recs = [json.loads(x) for x in out.splitlines()]
    assert recs and recs[0]["doc"] == "-" and recs[0]["mention"] == "4.4亿元"


def test_missing_file_is_reported_and_others_still_written(capsys, tmp_path):
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(tmp_path / "nope.txt"), SEED_TXT, "-o", str(out_file)], capsys)
    assert code == 1
    assert "nope.txt" in err and "Traceback" not in err
    assert len(out_file.read_text(encoding="utf-8").splitlines()) > 50


def test_usage_errors_exit_2(capsys):
    assert run(["extract", SEED_TXT, "--date", "2020-13"], capsys)[0] == 2
    assert run(["extract", SEED_TXT, "--format", "xml"], capsys)[0] == 2
    assert run([], capsys)[0] == 2


def test_folder_input_is_sorted_and_recursive(tmp_path, capsys):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("共有养老机构30家。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("登记社会组织8144个。", encoding="utf-8")
    (tmp_path / "ignored.md").write_text("100个", encoding="utf-8")
    _, out, _ = run(["extract", str(tmp_path), "--format", "jsonl"], capsys)
    docs = [json.loads(x)["doc"] for x in out.splitlines()]
    assert docs == ["a", "z"]


def test_eval_on_folders_files_and_corpus(tmp_path, capsys):
    code, out, _ = run(["eval", "--gold", str(GOLD), "--corpus", str(CORPUS), "--json"], capsys)
    assert code == 0
    res = json.loads(out)
    assert SEED in res["docs"] and "record_F1" in res["micro"]
    pred = tmp_path / "pred.jsonl"
    main(["extract", SEED_TXT, "-o", str(pred)])
    capsys.readouterr()
    code, out2, _ = run(["eval", "--gold", str(GOLD / f"{SEED}.jsonl"), "--pred", str(pred), "--json"], capsys)
    assert code == 0
    assert json.loads(out2)["micro"]["record_F1"] == pytest.approx(res["docs"][SEED]["record_F1"])
    code, table, _ = run(["eval", "--gold", str(GOLD), "--pred", str(pred)], capsys)
    assert code == 0 and "MICRO" in table


def test_eval_missing_gold_is_an_input_error(capsys, tmp_path):
    code, _, err = run(["eval", "--gold", str(tmp_path / "none"), "--pred", str(tmp_path)], capsys)
    assert code == 1 and "no such file" in err


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("zhstats")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    res = subprocess.run([str(exe), "extract", SEED_TXT, "--format", "jsonl"], capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0 and res.stdout.count("\n") > 50
