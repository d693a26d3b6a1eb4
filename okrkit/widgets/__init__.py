"""okrkit's apps: ipywidgets views over the engagement's model and store.

The contract with the templates (and with anyone embedding an app): every app is a class
that *is* an ipywidgets widget (a `VBox` subclass), so the last line of a cell shows it.

Client apps (Voila), each `App(folder, team=None, url=None, today=None)`:

- `CheckInApp`  the weekly GRIP check-in of one team.
- `RetroApp`    a mid-cycle or end-of-cycle retrospective, in any registered format.
- `DashboardApp` progress against pace, confidence and status, per team or for the
  whole engagement (team=None shows the whole engagement).

Coach workbook views, same arguments:

- `Drafter(folder, team=None)`   OKR drafting with live coaching and autosave.
- `WorkshopKit(folder)`          Strategy Session Workshop preparation.
- `WorldviewView(folder)`        the shared worldview, the layers and the four key questions.
- `TimeMachine(folder, team=None)` success stories → themes → KR candidates in the drafter.
- `AlignmentView(folder)`        vertical and horizontal alignment, drawn as a picture.
- `CyclePlanner(folder)`         how the cycles went, and the next cycle planned from this one.

`folder` is the engagement folder (its SQLite store) and `url` an SQLAlchemy URL for a
server store. When `team` is None, the app shows a team picker. `today` fixes the date the
app treats as today (the check-in week, the dashboard's as-of date), for tests and demos.

Rules every app keeps: the kernel validates every value it receives through the model
(`okrkit.validation.parse`), because a browser can send any widget message; a bad value
shows a message beside its field and nothing is saved; user text is always escaped before
it goes into HTML; nothing is fetched from the network. The names are imported on first
use (PEP 562), so opening the check-in app does not import altair or pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "AlignmentView": "okrkit.widgets.alignment",
    "CheckInApp": "okrkit.widgets.checkin",
    "CyclePlanner": "okrkit.widgets.cycle_planner",
    "DashboardApp": "okrkit.widgets.dashboard",
    "Drafter": "okrkit.widgets.drafter",
    "RetroApp": "okrkit.widgets.retro",
    "TimeMachine": "okrkit.widgets.time_machine",
    "WorkshopKit": "okrkit.widgets.workshop",
    "WorldviewView": "okrkit.widgets.worldview",
}

__all__ = [
    "AlignmentView",
    "CheckInApp",
    "CyclePlanner",
    "DashboardApp",
    "Drafter",
    "RetroApp",
    "TimeMachine",
    "WorkshopKit",
    "WorldviewView",
]

if TYPE_CHECKING:
    from okrkit.widgets.alignment import AlignmentView
    from okrkit.widgets.checkin import CheckInApp
    from okrkit.widgets.cycle_planner import CyclePlanner
    from okrkit.widgets.dashboard import DashboardApp
    from okrkit.widgets.drafter import Drafter
    from okrkit.widgets.retro import RetroApp
    from okrkit.widgets.time_machine import TimeMachine
    from okrkit.widgets.workshop import WorkshopKit
    from okrkit.widgets.worldview import WorldviewView


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'okrkit.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
