"""Where okrkit's template notebooks are: one loader for `new`, `serve` and `report`.

The notebooks live in `templates/` at the top of the repository and ship in the wheel as
`okrkit/templates/` (pyproject maps the data package `okrkit.templates` to that folder). An
installed okrkit finds them as its package data; a source checkout (editable install, or
PYTHONPATH) has no `okrkit/templates/` and uses the `templates/` beside the package.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from okrkit.errors import OkrkitError

__all__ = ["report_templates_dir", "templates_dir"]


def templates_dir() -> Path:
    """The folder of template notebooks (the report templates are in its `reports/`)."""
    package = importlib.resources.files("okrkit")
    # papermill and nbconvert read notebooks by path: an okrkit installed unzipped has them on disk.
    if isinstance(package, Path):
        for candidate in (package / "templates", package.parent / "templates"):
            if any(candidate.glob("*.ipynb")):
                return candidate
    raise OkrkitError("okrkit's template notebooks are missing from this installation; "
                      "reinstall it: pip install --force-reinstall okrkit")


def report_templates_dir() -> Path:
    return templates_dir() / "reports"
