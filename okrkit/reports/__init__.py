"""Engagement reports: template notebooks run by papermill, exported by nbconvert.

A template notebook (`templates/reports/*.ipynb`) loads a `ReportContext` from its
parameters and shows one section per cell with `show(weekly.summary(ctx))`; the modules
here (`weekly`, `monthly`, `cycle`, `case_study`, `playbook`) build those sections as
escaped HTML. `okrkit.report` is the command line; `run` and `batch` make the files.
"""

from __future__ import annotations

from typing import Any

__all__ = ["show"]


def show(fragment: Any) -> None:
    """Display a report section in the notebook (and so in the exported report)."""
    from okrkit.extras import require

    display = require("IPython.display", "reports")  # lazy: only notebooks display
    display.display(display.HTML(str(fragment)))
