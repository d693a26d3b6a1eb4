"""The drafter's coach panel: tips folded away, warnings in full, the coach's dismissals kept."""

from __future__ import annotations

from okrkit.coach import review
from okrkit.store import open_store
from okrkit.widgets import Drafter
from okrkit.widgets._draft import draft_name

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


def _restore(app, slot: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    [opener] = [c for c in app.dismiss_rows[slot].children if c.description == "restore…"]
    opener.click()
    choice, confirm, _cancel = app.dismiss_rows[slot].children
    choice.value = next(v for label, v in choice.options if label.endswith(rule))
    confirm.click()


def _rules_at(app, slot: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for s, f in app.findings if s == slot}


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
    assert [c.description for c in app.dismiss_rows["o0.k1"].children] == ["restore…"]


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


def test_restore_brings_a_dismissed_finding_back_and_keeps_that_in_the_draft(folder):
    """'restore…' takes the dismissal back: the warning shows again, also after a restart."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    _restore(app, "o0.k1", "kr-is-task")
    assert "kr-is-task" in _rules_at(app, "o0.k1")
    assert "dismissed by the coach" not in app.slots["o0.k1"].value
    assert [c.description for c in app.dismiss_rows["o0.k1"].children] == ["dismiss…"]
    assert "kr-is-task" in _rules_at(Drafter(folder, team=TEAM), "o0.k1")


def test_restoring_a_saved_dismissal_removes_it_from_the_store_on_save(folder):
    """A dismissal saved with the OKRs is taken back in the draft and gone from the store after Save."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    app.save_button.click()
    assert [d.rule for d in open_store(folder).load_engagement().coach_dismissed] == ["kr-is-task"]
    again = Drafter(folder, team=TEAM)
    _restore(again, "o0.k1", "kr-is-task")
    assert "kr-is-task" in _rules_at(Drafter(folder, team=TEAM), "o0.k1")  # the draft keeps the restore
    assert [d.rule for d in open_store(folder).load_engagement().coach_dismissed] == ["kr-is-task"]  # until Save
    again.save_button.click()
    assert "Saved" in again.result.value
    saved = open_store(folder).load_engagement()
    assert saved.coach_dismissed == []
    assert "kr-is-task" in {f.rule for f in review(saved)}


def test_discarding_the_draft_brings_a_restored_dismissal_back(folder):
    """Restore is part of the draft: 'Discard draft' goes back to the saved dismissal."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    app.save_button.click()
    _restore(app, "o0.k1", "kr-is-task")
    app.discard_button.click()
    assert "kr-is-task" not in _rules_at(app, "o0.k1")
    assert "1 finding dismissed by the coach" in app.slots["o0.k1"].value


def test_a_tip_can_be_dismissed_and_restored(folder):
    """A tip (a milestone beside outcome KRs) has 'dismiss…' too; dismissed, it leaves '1 tip' for the fold."""
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.title"].value = "Launch the new tutorial"
    app.flush()
    [tip] = [f for s, f in app.findings if s == "o0.k1"]
    assert tip.severity.value == "info"
    _dismiss(app, "o0.k1", "The launch is the milestone the board tracks")
    value = app.slots["o0.k1"].value
    assert "1 tip" not in value and "1 finding dismissed by the coach" in value
    _restore(app, "o0.k1", tip.rule)
    assert "<summary>1 tip</summary>" in app.slots["o0.k1"].value


def test_a_damaged_restore_list_in_a_stored_draft_is_ignored(folder):
    """Whatever the stored draft says under 'restored', the drafter opens and the saved dismissals hold."""
    app = _with_task(folder)
    _dismiss(app, "o0.k1", "agreed with the sponsor")
    app.save_button.click()
    store = open_store(folder)
    for junk in ("junk", [1, None, {"rule": 5}], [{"rule": "kr-is-task", "fingerprint": "<b>" * 500}]):
        store.save_draft(draft_name(TEAM), {"objectives": [], "restored": junk})
        again = Drafter(folder, team=TEAM)
        assert again.draft["objectives"] == []
    again.discard_button.click()
    assert "kr-is-task" not in _rules_at(again, "o0.k1")
