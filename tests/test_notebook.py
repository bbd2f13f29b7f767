"""notebooks/quickstart.ipynb executes top to bottom, from the repository root and from notebooks/.

Executed with nbclient on the ``python3`` kernel (the interpreter running the
tests, when ipykernel is installed in it), so the notebook can never rot
unnoticed. Checks that the steps produced their outputs (a DataFrame, a chart
when there is something to chart, the accuracy table), not what the numbers are.
"""

from __future__ import annotations

import json
import time

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def test_notebook_is_stored_without_outputs():
    """Outputs change with every extractor improvement; the repository keeps the notebook clean."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.slow
@pytest.mark.parametrize("cwd", ["repository root", "notebooks"])
def test_quickstart_notebook_runs(cwd, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    monkeypatch.delenv("ZHSTATS_ROOT", raising=False)
    monkeypatch.setenv("MPLBACKEND", "agg")  # as on a headless CI box; the notebook asks for inline itself

    nb = nbformat.read(NOTEBOOK, as_version=4)
    path = ROOT if cwd == "repository root" else NOTEBOOK.parent
    client = nbclient.NotebookClient(nb, timeout=300, startup_timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(path)}})
    t0 = time.monotonic()
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    print(f"notebook from {cwd}: {time.monotonic() - t0:.1f}s")

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == "stderr")
    assert "Glyph" not in stderr, "a Chinese label was drawn without a CJK font"
    tables = [o["data"]["text/html"] for o in outputs if "data" in o and "text/html" in o["data"]]
    assert any("indicator" in t and "mention" in t for t in tables), "no records DataFrame shown"
    assert any("MICRO" in t and "record_F1" in t for t in tables), "no evaluation table shown"
    stdout = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    images = [o for o in outputs if "data" in o and "image/png" in o["data"]]
    if "No standards" not in stdout:
        assert len(images) == 1, "the standards chart was not drawn"
