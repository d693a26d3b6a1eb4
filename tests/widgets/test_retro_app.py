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
    """The final KR score a team sets on a slider is recorded with the retrospective; the others are not."""
    app = RetroApp(folder, team=TEAM, today=END)
    _add(app, "learned", "Small releases work")
    app.score_sliders["DT-1.3"].value = 0.6
    app.save_button.click()
    saved = next(r for r in open_store(folder).retros(TEAM) if r.kind.value == "end")
    assert saved.scores == {"DT-1.3": 0.6}


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
    assert "restored" in again.restored.value


def test_saving_an_end_retro_leaves_untouched_scores_as_measured(folder):
    """Sliders nobody moved (or that only settled on their start, as a browser does) change no progress."""
    from okrkit.progress import engagement_status

    def numbers():
        record = open_store(folder).load_record()
        status = engagement_status(record.engagement, record.checkins, END, record.retros)
        return status.key_results()["DT-1.3"].progress, status.objectives()[0].progress

    before = numbers()
    app = RetroApp(folder, team=TEAM, today=END)
    _add(app, "learned", "Small releases work")
    for slider in app.score_sliders.values():
        slider.value = slider.value  # the browser echoing the start value back
    app.save_button.click()
    assert next(r for r in open_store(folder).retros(TEAM) if r.kind.value == "end").scores == {}
    assert numbers() == before and round(before[0], 2) == 0.79


def test_the_measured_score_is_shown_beside_the_chosen_one(folder):
    """Each score row says the measured value, and once moved, the team's score beside it."""
    app = RetroApp(folder, team=TEAM, today=END)
    assert "as measured (0.79)" in page_html(app.scores_box)
    app.score_sliders["DT-1.3"].value = 0.9
    assert "your score 0.90" in page_html(app.scores_box) and "(measured 0.79)" in page_html(app.scores_box)


def test_each_participant_has_a_dot_budget(folder):
    """With 3 dots each, a fourth vote by the same person is refused with a message; another person may vote."""
    app = RetroApp(folder, team=TEAM, today=MID)
    _add(app, "attractors", "Clear goal")
    app.voter.value = "Ana"
    for _ in range(4):
        app._on_vote(app._items[0])
    assert app._items[0]["votes"] == 3 and "Ana has used all 3 dots" in app.messages["votes"].value
    app.voter.value = "Rui"
    app._on_vote(app._items[0])
    assert app._items[0]["votes"] == 4


def test_the_facilitator_sets_the_dot_budget(folder):
    """The budget is the facilitator's choice: with 1 dot each the second vote is refused."""
    app = RetroApp(folder, team=TEAM, today=MID)
    app.dots.value = 1
    _add(app, "attractors", "Clear goal")
    _add(app, "detractors", "Legal waits")
    app._on_vote(app._items[0])
    app._on_vote(app._items[1])
    assert [i["votes"] for i in app._items] == [1, 0]


def test_removing_a_note_gives_its_dots_back(folder):
    """Dots spent on a removed note can be spent again."""
    app = RetroApp(folder, team=TEAM, today=MID)
    app.dots.value = 1
    _add(app, "attractors", "Clear goal")
    _add(app, "detractors", "Legal waits")
    app._on_vote(app._items[0])
    app._on_remove_item(app._items[0])
    app._on_vote(app._items[0])
    assert app._items[0]["votes"] == 1


def test_enter_in_a_note_box_adds_the_note(folder):
    """The front-end's submit message (Enter) adds the note, as the Add button does."""
    app = RetroApp(folder, team=TEAM, today=MID)
    field = app.item_inputs["attractors"]
    field.value = "Pairing with legal"
    field._handle_custom_msg({"event": "submit"}, [])
    assert [i["text"] for i in app._items] == ["Pairing with legal"]


def test_a_restored_draft_never_duplicates_notes_and_says_so_at_the_top(folder):
    """A draft holding the same note twice restores it once, with its votes, and the notice is first on the page."""
    store = open_store(folder)
    note = {"prompt": "attractors", "text": "Clear goal", "votes": 2, "author": ""}
    store.save_draft(f"retro:{TEAM}", {"kind": "mid-cycle", "format": "attractors-detractors",
                                       "items": [note, dict(note)], "actions": ["Book legal", "Book legal"]})
    app = RetroApp(folder, team=TEAM, today=MID)
    assert [(i["text"], i["votes"]) for i in app._items] == [("Clear goal", 2)] and app._actions == ["Book legal"]
    assert app.body.children[0] is app.restored and "restored: 1 note and 1 action" in app.restored.value


def test_a_note_already_on_the_board_is_not_added_again(folder):
    """Typing the same note twice in one column keeps one."""
    app = RetroApp(folder, team=TEAM, today=MID)
    _add(app, "attractors", "Clear goal")
    _add(app, "attractors", "Clear goal")
    assert len(app._items) == 1 and "already on the board" in app.messages["items"].value
