"""Batch runs that survive real inputs (issue 8): one test or more per bullet.

These tests check plumbing and invariants, never particular indicator strings: the
extractor is being rewritten while they run. The reference for "the right records"
is always ``zhstats.extract`` on the expected decoded text.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

import zhstats
from zhstats import cli, inputs, lexicon, pipeline
from zhstats.cli import main
from zhstats.inputs import InputError, decode_bytes
from zhstats.record import Record

from .conftest import CORPUS

SHORT = "2019年末全市共有养老机构30家，床位4500张，比上年增长12.5%。"
SHORT_TRAD = "2019年發放低保金約4.4億元，受惠人數達12萬人，比上年增長3.5%。"
HK = CORPUS / "005_hk_welfare_trad.txt"
SEED = CORPUS / "000_d6907cdbbd74cdf0.txt"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def expected(text: str, name: str, date: str | None = "2020-01") -> list[dict]:
    """What the CLI must print for a file whose decoded text is ``text``."""
    return [r.to_dict() for r in zhstats.extract(text, date=date, name=name)]


def corpus_folder(dest: Path, n: int) -> Path:
    """``n`` articles cycled from the corpus, named so that sorting interleaves the originals."""
    texts = sorted(CORPUS.glob("*.txt"))
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (dest / f"{i:03d}_{texts[i % len(texts)].stem}.txt").write_bytes(texts[i % len(texts)].read_bytes())
    return dest


# ---------------------------------------------------------------- inputs: files, folders, stdin, order

def test_folders_are_recursive_and_sorted_and_paths_keep_their_order(tmp_path, capsys):
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.txt").write_text(SHORT, encoding="utf-8")
    (root / "a.txt").write_text(SHORT, encoding="utf-8")
    (root / "b" / "c").mkdir(parents=True)
    (root / "b" / "c" / "y.TXT").write_text(SHORT, encoding="utf-8")
    (root / "b" / "note.md").write_text(SHORT, encoding="utf-8")
    (root / "0.txt").write_text(SHORT, encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text(SHORT, encoding="utf-8")
    code, out, err = run(["extract", str(single), str(root), str(single), "--date", "2020-01"], capsys)
    assert code == 0, err
    docs = [r["doc"] for r in records(out)]
    # dedupe consecutive records of one document to the document order
    order = [d for i, d in enumerate(docs) if i == 0 or docs[i - 1] != d]
    assert order == ["single", "0", "x", "a", "y", "single"]  # a/x.txt sorts before a.txt, part by part


def test_stdin_is_decoded_like_a_file(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode("gb18030"))))
    code, out, _ = run(["extract", "-", "--date", "2020-01"], capsys)
    assert code == 0
    assert records(out) == expected(SHORT, "-")


def test_stdin_twice_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode())))
    code, _, err = run(["extract", "-", "-"], capsys)
    assert code == 2 and "once" in err


def test_order_is_deterministic_with_two_jobs(tmp_path, capsys):
    folder = corpus_folder(tmp_path / "docs", 14)
    outs = {}
    for jobs in ("1", "2", "0"):
        code, out, err = run(["extract", str(folder), "--jobs", jobs], capsys)
        assert code == 0, err
        outs[jobs] = out
    assert outs["1"] == outs["2"] == outs["0"]
    want = [r for p in sorted(folder.iterdir()) for r in expected(p.read_text(encoding="utf-8"), p.stem, None)]
    got = records(outs["2"])
    assert got == want


def test_csv_with_two_jobs_has_one_header_and_every_record(tmp_path, capsys):
    folder = corpus_folder(tmp_path / "docs", 12)
    _, one, _ = run(["extract", str(folder), "--format", "csv", "--jobs", "1"], capsys)
    _, two, _ = run(["extract", str(folder), "--format", "csv", "--jobs", "2"], capsys)
    assert one == two and one.count("doc,indicator") == 1


def test_two_jobs_write_the_same_file_as_one(tmp_path, capsys):
    # With several workers the lines arrive as UTF-8 bytes and go to the file's buffer.
    folder = corpus_folder(tmp_path / "docs", 6)
    for fmt in ("jsonl", "csv"):
        outs = [tmp_path / f"{fmt}{jobs}.out" for jobs in (1, 2)]
        for jobs, out in zip((1, 2), outs, strict=True):
            assert main(["extract", str(folder), "--format", fmt, "--jobs", str(jobs), "-o", str(out)]) == 0
        assert outs[0].read_bytes() == outs[1].read_bytes() and outs[0].stat().st_size > 1000


def test_workers_encode_only_when_the_output_adds_nothing(tmp_path):
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    assert cli._byte_encoding(utf8) == ("utf-8", "strict")
    assert cli._byte_encoding(io.TextIOWrapper(io.BytesIO(), encoding="gbk")) is None  # may fail on a character
    assert cli._byte_encoding(io.StringIO()) is None  # no buffer to write bytes to


def test_chunking_sends_few_messages():
    assert 2 <= cli.chunk_size(200, 2) <= 4  # not one message per file, yet a short tail
    assert cli.chunk_size(10_000, 2) == 64  # bounded, so the tail still balances
    assert cli.chunk_size(1, 8) == 1
    assert cli.n_workers(0) >= 1 and cli.n_workers(3) == 3


# ---------------------------------------------------------------- encodings

ENCODINGS = [
    # (label, encoding used to write, text)
    ("utf-8", "utf-8", SHORT),
    ("utf-8 BOM", "utf-8-sig", SHORT),
    ("GB18030 short", "gb18030", SHORT),
    ("GBK article", "gbk", None),  # the seed article
    ("GB18030 article", "gb18030", None),
    ("Big5 short", "big5", SHORT_TRAD),
    ("Big5 article", "big5", "HK"),
    ("UTF-16 LE BOM", "utf-16-le+bom", SHORT),
    ("UTF-16 BE BOM", "utf-16-be+bom", SHORT_TRAD),
    ("UTF-16 BOM article", "utf-16", None),
]


def _encode(text: str, enc: str) -> bytes:
    if enc == "utf-16-le+bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if enc == "utf-16-be+bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(enc)


@pytest.mark.parametrize(("label", "enc", "text"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings_decode_to_the_same_text_and_records(label, enc, text, tmp_path, capsys):
    if text is None:  # the seed article, less any character the encoding lacks (GBK has no "»")
        text = SEED.read_text(encoding="utf-8").encode(enc, errors="ignore").decode(enc)
        if enc == "utf-16":
            text = text.lstrip("\ufeff")
    elif text == "HK":
        text = HK.read_text(encoding="utf-8")
    data = _encode(text, enc)
    assert decode_bytes(data, label).text == text  # BOM removed, nothing else changed
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    code, out, err = run(["extract", str(path), "--date", "2020-01"], capsys)
    assert code == 0 and err == ""
    got = records(out)
    assert got == expected(text, "doc")
    for r in got:  # spans are offsets into the decoded text
        assert text[r["span"][0]:r["span"][1]] == r["mention"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_ends_are_kept_and_spans_refer_to_them(newline, tmp_path, capsys):
    lf = SEED.read_text(encoding="utf-8")
    text = lf.replace("\n", newline)
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    code, out, _ = run(["extract", str(path), "--date", "2020-01"], capsys)
    assert code == 0
    got = records(out)
    assert got == expected(text, "doc")  # the CLI hands the extractor the text with its own line ends
    for r in got:
        assert text[r["span"][0]:r["span"][1]] == r["mention"]
    # The same numbers are found as with LF line ends (offsets shift by one per CRLF).
    lf_keys = sorted((r["mention"], r["value"], r["unit"]) for r in expected(lf, "doc"))
    got_keys = sorted((r["mention"], r["value"], r["unit"]) for r in got)
    assert got_keys == lf_keys


def test_a_few_bad_utf8_bytes_are_replaced_with_a_warning(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("utf-8") + "尾".encode()[:2]  # a truncated last character, as scrapers leave them
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    code, out, err = run(["extract", str(path), "--date", "2020-01"], capsys)
    assert code == 0
    assert "warning" in err and "doc.txt" in err and "U+FFFD" in err
    assert records(out) == expected(text + "\ufffd", "doc")


def test_empty_file_gives_no_records_and_no_error(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(["extract", str(tmp_path / "empty.txt")], capsys)
    assert (code, out, err) == (0, "", "")


# ---------------------------------------------------------------- bad inputs

BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)),
    "nul": SHORT.encode() + b"\x00\x00\x01\x02" + SHORT.encode(),
    "noise": bytes(b for b in range(1, 256)) * 50,  # no NUL, no signature: many control bytes
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_files_are_reported_as_binary(kind, tmp_path, capsys):
    bad = tmp_path / f"{kind}.txt"
    bad.write_bytes(BINARIES[kind])
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    code, out, err = run(["extract", str(bad), str(good), "--date", "2020-01"], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "binary" in lines[0]
    assert "Traceback" not in err
    assert records(out) == expected(SHORT, "good")


def test_missing_file_one_line_exit_1_others_written(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(tmp_path / "nope.txt"), str(good), "-o", str(out_file),
                        "--date", "2020-01"], capsys)
    assert code == 1
    assert err.splitlines() == [f"zhstats: {tmp_path / 'nope.txt'}: no such file or folder"]
    assert records(out_file.read_text(encoding="utf-8")) == expected(SHORT, "good")


def test_broken_link_in_a_folder_is_reported(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    code, out, err = run(["extract", str(tmp_path), "--date", "2020-01"], capsys)
    assert code == 1 and "gone.txt" in err and "broken" in err
    assert records(out) == expected(SHORT, "good")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; see the monkeypatched variant")
def test_unreadable_file_by_mode(tmp_path, capsys):
    bad = tmp_path / "locked.txt"
    bad.write_text(SHORT, encoding="utf-8")
    bad.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    try:
        code, out, err = run(["extract", str(bad), str(good), "--date", "2020-01"], capsys)
    finally:
        bad.chmod(0o644)
    assert code == 1 and "locked.txt" in err and "cannot read" in err
    assert records(out) == expected(SHORT, "good")


def test_unreadable_file_simulated(tmp_path, capsys, monkeypatch):
    """The same path as a chmod 000 file, for runs as root: the read raises PermissionError."""
    bad = tmp_path / "locked.txt"
    bad.write_text(SHORT, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    real = inputs._read_bytes

    def read(path: Path) -> bytes:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(inputs, "_read_bytes", read)
    code, out, err = run(["extract", str(bad), str(good), "--date", "2020-01"], capsys)
    assert code == 1
    assert err.splitlines() == [f"zhstats: {bad}: cannot read (Permission denied)"]
    assert records(out) == expected(SHORT, "good")


def test_bad_meta_json_fails_that_document_only(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.txt").write_text(SHORT, encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path)], capsys)
    assert code == 1 and "a.meta.json" in err and "--date" in err
    assert {r["doc"] for r in records(out)} <= {"b"}
    code, _, _ = run(["extract", str(tmp_path), "--date", "2020-01"], capsys)
    assert code == 0  # --date overrides the sidecar, which is then not read


# ---------------------------------------------------------------- exit codes, tracebacks

def test_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    assert run(["extract", str(good)], capsys)[0] == 0
    assert run(["extract", str(good), str(tmp_path / "missing.txt")], capsys)[0] == 1
    assert run(["extract", str(good), "--jobs", "-1"], capsys)[0] == 2
    assert run(["extract", str(good), "--jobs", "two"], capsys)[0] == 2
    assert run(["extract", str(good), "-o", str(tmp_path / "no" / "such" / "dir.jsonl")], capsys)[0] == 2
    assert run(["extract", str(good), "--engine", "dask"], capsys)[0] == 2  # Dask needs -o OUT.parquet
    assert run(["extract", str(good), "--engine", "spark"], capsys)[0] == 2
    assert run(["extract", str(good), "--scheduler", "tcp://h:8786"], capsys)[0] == 2  # needs --engine dask


def _boom_on(victim: str, exc: BaseException, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the extractor raise ``exc`` on the document named ``victim`` (a bug or Ctrl-C mid-run)."""
    real = pipeline.extract

    def extract(text, date=None, name=None):
        if name == victim:
            raise exc
        return real(text, date=date, name=name)

    monkeypatch.setattr(pipeline, "extract", extract)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_on_one_document_is_reported_and_the_run_goes_on(jobs, tmp_path, capsys, monkeypatch):
    if jobs == "2" and cli._mp_context().get_start_method() != "fork":
        pytest.skip("the monkeypatched extractor reaches workers only when they are forked")
    folder = corpus_folder(tmp_path / "docs", 4)
    files = sorted(folder.iterdir())
    victim = files[2]
    _boom_on(victim.stem, ZeroDivisionError("a bug"), monkeypatch)
    code, out, err = run(["extract", str(folder), "--jobs", jobs], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and str(victim) in lines[0] and "ZeroDivisionError" in lines[0] and "--debug" in lines[0]
    assert "Traceback" not in err
    assert {r["doc"] for r in records(out)} == {p.stem for p in files if p != victim}
    # --debug: the run stops at the bug and the original traceback is there
    with pytest.raises(cli.DocumentFailure) as info:
        main(["extract", str(folder), "--debug", "--jobs", jobs])
    assert str(victim) in str(info.value)
    if jobs == "1":
        assert isinstance(info.value.__cause__, ZeroDivisionError)
    else:  # from a worker: the remote traceback text, which names the original error
        assert "ZeroDivisionError" in str(info.value.__cause__)


# ---------------------------------------------------------------- atomic -o

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def _check_atomic(argv: list[str], code: int, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = out_dir / "records.jsonl"
    got, _, err = run([*argv, "-o", str(target)], capsys)
    assert got == code, err
    assert not target.exists()
    assert _leftovers(out_dir) == []
    # an existing output is left exactly as it was
    target.write_text("previous run\n", encoding="utf-8")
    assert run([*argv, "-o", str(target)], capsys)[0] == code
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert _leftovers(out_dir) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupted_run_leaves_no_output_and_no_partial_file(jobs, tmp_path, capsys, monkeypatch):
    """Ctrl-C in the middle of extraction (document 16 of 24): exit 130, no output, no temporary file."""
    if jobs == "2" and cli._mp_context().get_start_method() != "fork":
        pytest.skip("the monkeypatched extractor reaches workers only when they are forked")
    folder = corpus_folder(tmp_path / "docs", 24)
    _boom_on(sorted(folder.iterdir())[15].stem, KeyboardInterrupt(), monkeypatch)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _check_atomic(["extract", str(folder), "--jobs", jobs], 130, out_dir, capsys)


def test_failed_write_leaves_no_output_and_no_partial_file(tmp_path, capsys, monkeypatch):
    """The disk fills up after some records are written: exit 1, no output, no temporary file."""
    folder = corpus_folder(tmp_path / "docs", 6)
    real_init = cli._AtomicOutput.__init__

    class Full(io.TextIOWrapper):
        written = 0

        def write(self, s: str) -> int:
            Full.written += 1
            if Full.written > 3:
                raise OSError(28, "No space left on device")
            return super().write(s)

    def init(self, path: str) -> None:
        real_init(self, path)
        self.fh = Full(self.fh.detach(), encoding="utf-8", newline="")

    monkeypatch.setattr(cli._AtomicOutput, "__init__", init)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "records.jsonl"
    code, _, err = run(["extract", str(folder), "-o", str(target)], capsys)
    assert code == 1 and "No space left" in err and "Traceback" not in err
    assert not target.exists() and _leftovers(out_dir) == []


def test_output_is_written_only_at_the_end_and_with_normal_permissions(tmp_path, capsys, monkeypatch):
    target = tmp_path / "out.jsonl"
    seen = []
    real = pipeline.extract

    def extract(text, date=None, name=None):
        seen.append(target.exists())
        return real(text, date=date, name=name)

    monkeypatch.setattr(pipeline, "extract", extract)
    folder = corpus_folder(tmp_path / "docs", 3)
    assert run(["extract", str(folder), "-o", str(target)], capsys)[0] == 0
    assert seen == [False, False, False]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.slow
def test_sigterm_leaves_no_output(tmp_path):
    folder = corpus_folder(tmp_path / "docs", 400)
    target = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "zhstats.cli", "extract", str(folder), "-o", str(target),
                             "--jobs", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _leftovers(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # now in the middle of the run
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert not target.exists() and _leftovers(tmp_path) == []


# ---------------------------------------------------------------- progress

class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_several_files(tmp_path, capsys, monkeypatch):
    folder = corpus_folder(tmp_path / "docs", 3)
    out_file = tmp_path / "o.jsonl"
    # not a terminal: silent
    code, _, err = run(["extract", str(folder), "-o", str(out_file)], capsys)
    assert code == 0 and err == ""
    # a terminal, several files: a bar
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["extract", str(folder), "-o", str(out_file)]) == 0
    assert "/3 [" in tty.getvalue() and "doc/s" in tty.getvalue()  # a tqdm bar over 3 files
    # a terminal, one file: silent
    tty2 = _Tty()
    monkeypatch.setattr(sys, "stderr", tty2)
    assert main(["extract", str(sorted(folder.iterdir())[0]), "-o", str(out_file)]) == 0
    assert tty2.getvalue() == ""


# ---------------------------------------------------------------- size: a 1 MB document, a 10,000-file folder

@pytest.mark.slow
def test_a_one_megabyte_document_finishes(tmp_path):
    """No quadratic blow-up on a long document (the scaling itself is in benchmarks/bench_jobs.py size)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    parts, size, i = [], 0, 0
    while size < 1_000_000:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1].encode("utf-8"))
        i += 1
    big = "\n".join(parts)
    path = tmp_path / "big.txt"
    path.write_text(big, encoding="utf-8")
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "zhstats.cli", "extract", str(path), "--date", "2020-01",
                          "-o", str(tmp_path / "big.jsonl")], capture_output=True, text=True, timeout=300,
                         check=False)
    elapsed = time.perf_counter() - t0
    assert res.returncode == 0, res.stderr
    recs = records((tmp_path / "big.jsonl").read_text(encoding="utf-8"))
    assert len(recs) > 1000
    assert all(big[r["span"][0]:r["span"][1]] == r["mention"] for r in recs)
    print(f"1 MB document: {elapsed:.1f} s, {len(recs)} records")


class _Sink(io.TextIOBase):
    """Standard output that keeps nothing, so only zhstats' own memory is measured."""

    def write(self, s: str) -> int:
        return len(s)

    def isatty(self) -> bool:
        return False


def _peak_bytes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdout", _Sink())
    tracemalloc.start()
    try:
        assert main(["extract", str(folder), "--format", "jsonl", "--date", "2020-01"]) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_across_a_10000_file_folder(tmp_path, monkeypatch):
    """Records are streamed: 10x the files must not cost 10x the records' memory.

    The extractor is replaced by a stub that returns 2 records with long sentences
    (about 10 KB of output per file), so the test measures the plumbing, fast. What
    may grow is the list of file names (a few hundred bytes per file).
    """
    sentence = "统计" * 2500
    recs = [Record(indicator="养老机构", value=Decimal(i), unit="家", period="2019", qualifier=None, span=(0, 2),
                   mention="30", doc=None, sentence=sentence) for i in range(2)]
    monkeypatch.setattr(pipeline, "extract",
                        lambda text, date=None, name=None: [dataclasses.replace(r, doc=name) for r in recs])
    small, large = tmp_path / "small", tmp_path / "large"
    for folder, n in ((small, 1_000), (large, 10_000)):
        folder.mkdir()
        for i in range(n):
            (folder / f"{i:05d}.txt").write_bytes(b"30")
    peak_small = _peak_bytes(small, monkeypatch)
    peak_large = _peak_bytes(large, monkeypatch)
    output_per_file = 2 * len(json.dumps(sentence, ensure_ascii=False))
    growth_per_file = (peak_large - peak_small) / 9_000
    assert growth_per_file < 1_000, (peak_small, peak_large)
    assert growth_per_file < output_per_file / 10


# ---------------------------------------------------------------- loaded once

def test_lexicons_are_loaded_once_not_per_article():
    """Each data file is read at most once per process, however many articles follow."""
    n_files = len(list((Path(zhstats.__file__).parent / "data").iterdir()))
    for p in sorted(CORPUS.glob("*.txt")):
        zhstats.extract(p.read_text(encoding="utf-8"), date="2020-01")
    before = lexicon.rows.cache_info().misses
    assert before <= n_files
    for p in sorted(CORPUS.glob("*.txt")):
        zhstats.extract(p.read_text(encoding="utf-8"), date="2020-01")
    assert lexicon.rows.cache_info().misses == before


def test_plain_cli_does_not_import_dask(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    code = ("import sys, zhstats, zhstats.cli;"
            f"rc = zhstats.cli.main(['extract', {str(good)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '--jobs', '2']);"
            "heavy = sorted(m for m in ('dask', 'distributed', 'pyarrow', 'pandas', 'tqdm') if m in sys.modules);"
            "print(rc, heavy)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split(maxsplit=1) == ["0", "[]\n"]


def test_engine_dask_without_the_extra_is_a_clear_error(tmp_path, capsys, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(SHORT, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    monkeypatch.delitem(sys.modules, "zhstats.dask", raising=False)  # imported already when test_dask collected
    monkeypatch.delattr(zhstats, "dask", raising=False)
    code, _, err = run(["extract", str(good), "--engine", "dask", "-o", str(tmp_path / "o.parquet")], capsys)
    assert code == 2 and "zhstats[dask]" in err and "Traceback" not in err
    assert not (tmp_path / "o.parquet").exists()


def test_input_error_is_an_exception_with_a_message():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(BINARIES["png"], "x.txt")
