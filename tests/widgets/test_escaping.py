"""Hostile text typed by a client is shown as text in every app and picture, never as markup."""

from __future__ import annotations

import datetime as dt

import pytest
from widget_helpers import HOSTILE, SCRIPT, page_html

from okrkit.widgets import (
    AlignmentView,
    CheckInApp,
    DashboardApp,
    Drafter,
    RetroApp,
    TimeMachine,
    WorkshopKit,
    WorldviewView,
)

TEAM = HOSTILE
DAY = dt.date(2026, 1, 23)

APPS = {
    "checkin": lambda f: CheckInApp(f, team=TEAM, today=DAY),
    "retro": lambda f: RetroApp(f, team=TEAM, today=DAY),
    "dashboard": lambda f: DashboardApp(f, today=DAY),
    "dashboard-team": lambda f: DashboardApp(f, team=TEAM, today=DAY),
    "drafter": lambda f: Drafter(f, team=TEAM),
    "workshop": lambda f: WorkshopKit(f),
    "worldview": lambda f: WorldviewView(f),
    "time-machine": lambda f: TimeMachine(f, team=TEAM),
    "alignment": lambda f: AlignmentView(f, today=DAY),
}


@pytest.mark.parametrize("name", APPS)
def test_hostile_text_is_escaped(hostile_folder, name):
    """No raw <img onerror> or <script> reaches the page; the escaped text does."""
    html = page_html(APPS[name](hostile_folder))
    assert HOSTILE not in html and SCRIPT not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_text_typed_into_the_drafter_is_escaped_in_the_coachs_notes(folder):
    """A KR typed as HTML comes back in the coach's finding as text."""
    app = Drafter(folder, team="Discover Team")
    app.fields["o0.k0.title"].value = f"Launch {HOSTILE}"
    assert HOSTILE not in page_html(app) and "&lt;img" in app.slots["o0.k0"].value


def test_hostile_check_in_saved_then_shown_as_text(folder):
    """Issues and plan saved by one team member are quoted as text to the next."""
    first = CheckInApp(folder, team="Discover Team", today=dt.date(2026, 3, 26))
    first.date.value = dt.date(2026, 3, 26)
    first.confidence.value = 5
    first.plan.value = SCRIPT
    first.save_button.click()
    later = CheckInApp(folder, team="Discover Team", today=dt.date(2026, 3, 27))
    assert SCRIPT not in later.follow_up.value and "&lt;script&gt;" in later.follow_up.value
