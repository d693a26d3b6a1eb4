"""Where okrkit's template notebooks are: one loader for `new`, `serve` and `report`.

The notebooks live in `templates/` at the top of the repository and ship in the wheel as
the data package `okrkit.templates` (pyproject's `package-dir`). In a source checkout the
folder beside the package wins, so a worktree's own templates are used even when another
checkout of okrkit is installed in editable mode.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from okrkit.errors import OkrkitError

__all__ = ["report_templates_dir", "templates_dir"]

_CHECKOUT = Path(__file__).resolve().parents[1]


def templates_dir() -> Path:
    """The folder of template notebooks (the report templates are in its `reports/`)."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "templates").is_dir():
        return _CHECKOUT / "templates"
    try:
        found = importlib.resources.files("okrkit.templates")
    except ModuleNotFoundError:
        found = None
    # papermill and nbconvert read files by path: an okrkit installed unzipped has them on disk.
    if not isinstance(found, Path) or not any(found.glob("*.ipynb")):
        raise OkrkitError("okrkit's template notebooks are missing from this installation; "
                          "reinstall okrkit (pip install --force-reinstall okrkit)")
    return found


def report_templates_dir() -> Path:
    return templates_dir() / "reports"
