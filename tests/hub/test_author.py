"""The signed-in user as the author: okrkit.visit.signed_in_user() and the apps' `user` parameter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrkit.store import open_store
from okrkit.testing import demo_folder
from okrkit.visit import signed_in_user

TEAM = "Discover Team"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return demo_folder(tmp_path)


def test_signed_in_user_is_the_header_the_hub_service_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Voila puts the X-Okrkit-User header in the kernel's environment; without it there is nobody."""
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "team=Discover%20Team")
    monkeypatch.delenv("HTTP_X_OKRKIT_USER", raising=False)
    assert signed_in_user() is None
    monkeypatch.setenv("HTTP_X_OKRKIT_USER", " maria ")
    assert signed_in_user() == "maria"


def test_a_signed_in_checkin_is_authored_by_the_user_whatever_the_field_says(folder: Path) -> None:
    """The name field shows the user, locked; a value pushed into it from the browser does not become the author."""
    from okrkit.widgets import CheckInApp

    app = CheckInApp(folder, team=TEAM, today=dt.date(2026, 3, 27), user="maria")
    assert app.author.value == "maria" and app.author.disabled
    app.confidence.value = 7
    app.author.value = "Someone Else"  # what a crafted comm message could do to a disabled widget
    app.save_button.click()
    saved = open_store(folder).checkins(TEAM)[-1]
    assert (saved.date, saved.confidence, saved.author) == (dt.date(2026, 3, 27), 7, "maria")


def test_without_a_signed_in_user_the_typed_name_is_the_author(folder: Path) -> None:
    """okrkit serve (no hub): the field stays free, as before."""
    from okrkit.widgets import CheckInApp

    app = CheckInApp(folder, team=TEAM, today=dt.date(2026, 3, 27))
    assert not app.author.disabled
    app.confidence.value = 7
    app.author.value = "Joana"
    app.save_button.click()
    assert open_store(folder).checkins(TEAM)[-1].author == "Joana"


def test_a_signed_in_users_retro_notes_carry_their_name(folder: Path) -> None:
    from okrkit.widgets import RetroApp

    app = RetroApp(folder, team=TEAM, today=dt.date(2026, 2, 13), user="maria")
    prompt = next(iter(app.item_inputs))
    app.item_inputs[prompt].value = "Pairing on the onboarding copy helped"
    app._on_add_item(prompt)
    assert app._items[-1]["author"] == "maria"
