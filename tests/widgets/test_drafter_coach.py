"""The drafter's coach panel: tips folded away, warnings in full, the coach's dismissals kept."""

from __future__ import annotations

from okrkit.coach import review
from okrkit.store import open_store
from okrkit.widgets import Drafter

TEAM = "Discover Team"
TASK = "Conduct 20 customer interviews"


def _with_task(folder):  # type: ignore[no-untyped-def]
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.title"].value = TASK
    app.flush()
    return app


def _dismiss(app, slot: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    app.dismiss_rows[slot].children[0].click()  # "dismiss…"
    _choice, text, confirm, _cancel, _note = app.dismiss_rows[slot].children
    text.value = reason
    confirm.click()


def test_tips_are_folded_under_a_count_and_warnings_shown_in_full(folder):
    """A milestone beside outcome KRs is a tip inside '<details>… 1 tip'; a task KR's warning is outside it."""
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.title"].value = "Launch the new tutorial"
    app.flush()
    tip = app.slots["o0.k1"].value
    assert tip.startswith("<details") and "<summary>1 tip</summary>" in tip
    app.fields["o0.k1.title"].value = TASK
    app.flush()
    warning = app.slots["o0.k1"].value
    assert warning.startswith("<div class='okr-finding'") and "<b style='color:#9a5b00'>Coach:</b>" in warning


def test_dismiss_asks_why_and_refuses_a_blank_reason(folder):
    """Without a reason nothing is dismissed and the form says why."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "  ")
    assert "Say why" in app.dismiss_rows["o0.k1"].children[-1].value
    assert "kr-is-task" in {f.rule for slot, f in app.findings if slot == "o0.k1"}


def test_a_dismissed_finding_leaves_the_drafter_and_shows_folded_with_its_reason(folder):
    """After dismissing, the warning is gone from the item; a folded line keeps the coach's reason."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "Discovery interviews are this team's commitment to the board")
    assert "kr-is-task" not in {f.rule for slot, f in app.findings if slot == "o0.k1"}
    value = app.slots["o0.k1"].value
    assert "1 finding dismissed by the coach" in value and "commitment to the board" in value
    assert app.dismiss_rows["o0.k1"].children == ()


def test_a_dismissal_survives_a_restart_and_is_saved_with_the_okrs(folder):
    """The dismissal is autosaved in the draft, then written to the store with the OKRs."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    again = Drafter(folder, team=TEAM)
    assert "kr-is-task" not in {f.rule for slot, f in again.findings if slot == "o0.k1"}
    again.save_button.click()
    assert "Saved" in again.result.value
    saved = open_store(folder).load_engagement()
    assert [(d.rule, d.reason) for d in saved.coach_dismissed] == [("kr-is-task", "agreed with the sponsor")]
    assert not [f for f in review(saved) if f.rule == "kr-is-task"]


def test_editing_a_dismissed_item_brings_the_finding_back(folder):
    """A new text is a new sentence: the coach's earlier judgment does not cover it."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    app.fields["o0.k1.title"].value = "Conduct 40 customer interviews"
    app.flush()
    assert "kr-is-task" in {f.rule for slot, f in app.findings if slot == "o0.k1"}
