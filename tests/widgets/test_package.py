"""The package's surface: lazy exports, light imports for the client apps."""

from __future__ import annotations

import subprocess
import sys

import ipywidgets as w
import pytest

import okrkit.widgets

NAMES = ["AlignmentView", "CheckInApp", "CyclePlanner", "DashboardApp", "Drafter", "RetroApp", "TimeMachine",
         "WorkshopKit", "WorldviewView"]


def test_every_app_is_exported_and_is_a_widget():
    """Each documented app is importable from okrkit.widgets and is an ipywidgets box."""
    assert sorted(okrkit.widgets.__all__) == NAMES
    for name in NAMES:
        assert issubclass(getattr(okrkit.widgets, name), w.Box)


def test_a_misspelt_app_is_named_in_the_error():
    """The lazy exports' __getattr__ names the module and the misspelt name (CheckinApp for CheckInApp)."""
    with pytest.raises(AttributeError, match=r"'okrkit\.widgets' has no attribute 'CheckinApp'"):
        okrkit.widgets.CheckinApp  # noqa: B018


@pytest.mark.parametrize("name", ["CheckInApp", "RetroApp", "Drafter", "DashboardApp"])
def test_apps_do_not_import_altair_or_pandas(name):
    """Check-in, retro, drafter and dashboard (its charts drawn by a child) leave altair, pandas, vl-convert out."""
    code = (f"import sys, tempfile; from okrkit.testing import demo_folder; from okrkit.widgets import {name}; "
            f"{name}(demo_folder(tempfile.mkdtemp()), team='Discover Team'); "
            "print(sorted(m for m in ('altair', 'pandas', 'vl_convert') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
