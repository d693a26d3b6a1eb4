"""The notebooks run: every template as `okrkit new` writes it, and the guided tour, via papermill.

Each run starts a kernel (a few seconds), so they run one after another and are marked slow.
Outputs are written to tmp, never back into the repository.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from okrkit.testing import demo_folder
from okrkit.workbook import make_workbooks, templates

pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(scope="module")
def engagement_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = demo_folder(tmp_path_factory.mktemp("notebooks"))
    make_workbooks(folder, team="Discover Team")
    return folder


def _run(path: Path, out: Path, **parameters: object) -> nbformat.NotebookNode:
    """Run the notebook; papermill raises on the first cell that fails, so the tests need not look for errors."""
    import papermill as pm

    pm.execute_notebook(str(path), str(out), parameters=parameters, cwd=str(path.parent), kernel_name="python3",
                        progress_bar=False, start_timeout=120)
    return nbformat.read(out, as_version=4)


def _stderr(nb: nbformat.NotebookNode) -> str:
    """What the cells wrote to stderr: a widget callback's traceback lands there, not in an error output."""
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream" and o.get("name") == "stderr")


def _widget_outputs(nb: nbformat.NotebookNode) -> int:
    return sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("template", [t for t in templates()], ids=lambda t: t.slug)
def test_generated_notebook_runs(template, engagement_dir: Path, tmp_path: Path) -> None:
    """Each notebook `okrkit new` writes runs from top to bottom and shows its widgets."""
    path = template.destination(engagement_dir)
    parameters = {"team": "Discover Team"} if template.app else {}
    nb = _run(path, tmp_path / path.name, **parameters)
    assert _widget_outputs(nb) >= 1
    assert "Traceback" not in _stderr(nb)


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_folder_runs(notebook: Path, tmp_path: Path) -> None:
    """The coaches' notebooks (the guided tour …) run as shipped, and are kept in git without outputs."""
    shipped = nbformat.read(notebook, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in shipped.cells if c.cell_type == "code"), "clear outputs before commit"
    nb = _run(notebook, tmp_path / notebook.name)
    assert _widget_outputs(nb) >= 1
    assert "Traceback" not in _stderr(nb)
