"""The retrospective app: formats, notes, dot votes, actions, final scores, drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from widget_helpers import page_html

from okrkit.retro_formats import RETRO_FORMATS
from okrkit.store import open_store
from okrkit.widgets import RetroApp

TEAM = "Discover Team"
MID = dt.date(2026, 2, 13)
END = dt.date(2026, 3, 27)


def _add(app, prompt, text):
    app.item_inputs[prompt].value = text
    app.controls[f"add note: {prompt}"].click()


def test_mid_cycle_opens_on_attractors_and_detractors(folder):
    """Half way through the cycle the default format is Attractors and Detractors, without scores."""
    app = RetroApp(folder, team=TEAM, today=MID)
    assert (app.kind.value, app.format.value) == ("mid-cycle", "attractors-detractors")
    assert "What pulled us toward the OKR?" in page_html(app.board)
    assert not app.score_sliders


def test_end_of_cycle_opens_on_the_four_questions_with_scores(folder):
    """At the end of the cycle: the four end-of-cycle questions and a score per KR."""
    app = RetroApp(folder, team=TEAM, today=END)
    assert app.format.value == "end-of-cycle"
    board = page_html(app.board)
    for question in RETRO_FORMATS["end-of-cycle"].questions:
        assert question in board
    assert set(app.score_sliders) == {"DT-1.1", "DT-1.2", "DT-1.3"}


@pytest.mark.parametrize("name", sorted(RETRO_FORMATS))
def test_every_registered_format_shows_one_column_per_prompt(folder, name):
    """Each format of the registry can be chosen and shows its questions."""
    app = RetroApp(folder, team=TEAM, today=END)
    kind = "mid-cycle" if RETRO_FORMATS[name].when == "mid-cycle" else "end"
    app.kind.value = kind
    app.format.value = name
    assert len(app.board.children) == len(RETRO_FORMATS[name].prompts)
    assert all(q in page_html(app.board) for q in RETRO_FORMATS[name].questions)


def test_notes_votes_and_actions_are_saved(folder):
    """A sailboat retro with a voted note and an action reads back from the store."""
    app = RetroApp(folder, team=TEAM, today=MID)
    app.format.value = "sailboat"
    _add(app, "wind", "Clear goal")
    _add(app, "anchors", "Legal waits")
    app.controls["vote: Legal waits"].click()
    app.controls["vote: Legal waits"].click()  # the board is redrawn: the name finds the new button
    app.action_input.value = "Book legal review weekly"
    app.controls["add action"].click()
    app.controls["save"].click()
    saved = next(r for r in open_store(folder).retros(TEAM) if r.format == "sailboat")
    assert [(i.prompt, i.text, i.votes) for i in saved.items] == [("wind", "Clear goal", 0),
                                                                 ("anchors", "Legal waits", 2)]
    assert saved.actions == ["Book legal review weekly"] and saved.kind.value == "mid-cycle"


def test_end_of_cycle_scores_are_saved(folder):
    """The final KR scores set on the sliders are recorded with the retrospective."""
    app = RetroApp(folder, team=TEAM, today=END)
    _add(app, "learned", "Small releases work")
    app.score_sliders["DT-1.3"].value = 0.6
    app.save_button.click()
    saved = next(r for r in open_store(folder).retros(TEAM) if r.kind.value == "end")
    assert saved.scores["DT-1.3"] == 0.6 and set(saved.scores) == {"DT-1.1", "DT-1.2", "DT-1.3"}


def test_empty_note_is_refused_with_a_message(folder):
    """An empty sticky note is not added, and the app says so."""
    app = RetroApp(folder, team=TEAM, today=MID)
    _add(app, "attractors", "   ")
    assert app._items == [] and "Write something" in app.messages["items"].value


def test_a_retro_without_notes_saves_nothing(folder):
    """Saving an empty board records nothing and says why."""
    before = len(open_store(folder).retros(TEAM))
    app = RetroApp(folder, team=TEAM, today=MID)
    app.save_button.click()
    assert len(open_store(folder).retros(TEAM)) == before and "Nothing was saved" in app.result.value


def test_an_unsaved_board_survives_reopening(folder):
    """Notes and actions are kept as a draft: a new app (a reopened tab) shows them."""
    app = RetroApp(folder, team=TEAM, today=MID)
    _add(app, "detractors", "Too many meetings")
    app.action_input.value = "Cancel one meeting"
    app.add_action.click()
    again = RetroApp(folder, team=TEAM, today=MID)
    assert [i["text"] for i in again._items] == ["Too many meetings"] and again._actions == ["Cancel one meeting"]
    assert "restored" in again.result.value
