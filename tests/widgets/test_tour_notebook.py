"""The guided tour runs from top to bottom on a fresh kernel, and is kept without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

TOUR = Path(__file__).resolve().parents[2] / "notebooks" / "tour.ipynb"


def test_tour_is_stored_without_outputs():
    """Outputs are cleared in git: the tour shows the reader's own run, not ours."""
    notebook = nbformat.read(TOUR, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in notebook.cells
               if c.cell_type == "code")


@pytest.mark.slow
def test_tour_runs_top_to_bottom():
    """Every cell of the tour executes without an error (what `pytest --nbval-lax` checks)."""
    from nbclient import NotebookClient

    notebook = nbformat.read(TOUR, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
