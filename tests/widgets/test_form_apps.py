"""What every form app shares through FormApp: a refused save says "Nothing was saved" and why, the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrkit.errors import StoreError
from okrkit.store import open_store
from okrkit.widgets import CheckInApp, Drafter, RetroApp, WorkshopKit, WorldviewView

TEAM = "Discover Team"
MID = dt.date(2026, 2, 13)


def _checkin(folder: Path) -> Any:
    app = CheckInApp(folder, team=TEAM, today=MID)
    app.confidence.value = 7
    return app


def _retro(folder: Path) -> Any:
    app = RetroApp(folder, team=TEAM, today=MID)
    app.item_inputs["attractors"].value = "Weekly GRIP kept us honest"
    app.controls["add note: attractors"].click()
    return app


FORMS: dict[str, Callable[[Path], Any]] = {
    "checkin": _checkin,
    "retro": _retro,
    "drafter": lambda folder: Drafter(folder, team=TEAM),
    "workshop": lambda folder: WorkshopKit(folder),
    "worldview": lambda folder: WorldviewView(folder),
}
WRITES = ("record_checkin", "record_retro", "save_engagement")


@pytest.mark.parametrize("name", FORMS)
def test_a_store_that_refuses_is_told_and_nothing_is_saved(folder: Path, name: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The store refusing the write (locked, damaged) shows "Nothing was saved: <why>" under the save button."""
    app = FORMS[name](folder)
    before = open_store(folder).load_record()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the store is locked by another program")

    for write in WRITES:
        monkeypatch.setattr(app.store, write, refuse)
    app.controls["save"].click()
    assert "Nothing was saved: the store is locked by another program" in app.result.value
    assert open_store(folder).load_record() == before


@pytest.mark.parametrize("name", ["checkin", "retro", "drafter"])
def test_drafts_are_named_by_app_and_team(folder: Path, name: str) -> None:
    """Each app's draft lives under "<app>:<team>", so two apps of one team never share one."""
    app = FORMS[name](folder)
    assert app.draft_name == f"{name}:{TEAM}"


def test_the_time_machine_writes_into_the_drafters_own_draft(folder: Path) -> None:
    """The Time Machine sends candidates to the drafter's draft by name: the two names agree."""
    from okrkit.widgets import _draft

    assert _draft.draft_name(TEAM) == Drafter(folder, team=TEAM).draft_name
