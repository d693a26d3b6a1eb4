"""The OKR drafter: rows, live coaching, autosave and an all-or-nothing save."""

from __future__ import annotations

import asyncio

from okrkit.store import open_store
from okrkit.widgets import Drafter
from okrkit.widgets._debounce import Debouncer

TEAM = "Discover Team"


def _saved_objectives(folder):
    return open_store(folder).load_engagement().team(TEAM).objectives


def test_opens_on_the_teams_saved_okrs(folder):
    """Without a draft the rows are the team's OKRs, in order, with their numbers as text."""
    app = Drafter(folder, team=TEAM)
    assert app.fields["o0.title"].value.startswith("Make the first week")
    assert [app.fields[f"o0.k{i}.baseline"].value for i in range(3)] == ["65", "15", "1200"]
    assert not app.restored


def test_autosaved_draft_survives_recreating_the_drafter(folder):
    """An unsaved edit is kept in the store: a new Drafter (restarted kernel, new tab) shows it."""
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.target"].value = "55"
    app.add_objective_button.click()
    app.fields["o1.title"].value = "Win small businesses"
    again = Drafter(folder, team=TEAM)
    assert again.restored
    assert again.fields["o0.k1.target"].value == "55" and again.fields["o1.title"].value == "Win small businesses"
    assert _saved_objectives(folder)[0].key_results[1].target == 50  # nothing saved yet


def test_empty_objective_saves_nothing_and_says_why(folder):
    """An empty objective is marked beside its field and the store is untouched."""
    before = _saved_objectives(folder)
    app = Drafter(folder, team=TEAM)
    app.fields["o0.title"].value = "   "
    app.save_button.click()
    assert "must not be empty" in app.slots["o0"].value
    assert "Nothing was saved" in app.result.value
    assert _saved_objectives(folder) == before


def test_text_where_a_number_goes_saves_nothing_and_says_why(folder):
    """'ninety' as a target is reported beside the KR; nothing is saved."""
    before = _saved_objectives(folder)
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k0.target"].value = "ninety"
    app.fields["o0.k1.target"].value = "60"  # a good change in the same save must not land either
    app.save_button.click()
    assert "must be a number" in app.slots["o0.k0"].value
    assert _saved_objectives(folder) == before


def test_baseline_equal_to_target_saves_nothing_and_says_why(folder):
    """The coach's error-level finding blocks the save and is shown beside that KR."""
    before = _saved_objectives(folder)
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k2.target"].value = "1200"
    app.save_button.click()
    assert "same baseline and target" in app.slots["o0.k2"].value
    assert "Nothing was saved" in app.result.value
    assert _saved_objectives(folder) == before


def test_coach_findings_appear_beside_the_item_being_typed(folder):
    """A task written as a KR gets the coach's note on that row, not elsewhere."""
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.title"].value = "Launch the new tutorial"
    assert "kr-is-task" in {f.rule for slot, f in app.findings if slot == "o0.k1"}
    assert "something to do" in app.slots["o0.k1"].value and app.slots["o0.k0"].value == ""


def test_a_good_draft_is_saved_and_the_draft_cleared(folder):
    """A new objective with a measurable KR, aligned to the strategic OKR, lands in the store."""
    app = Drafter(folder, team=TEAM)
    app.add_objective_button.click()
    app.fields["o1.title"].value = "Make small-business owners feel at home in the app"
    app.fields["o1.aligns_to"].value = "DS-1"
    app.fields["o1.k0.title"].value = "Increase weekly active small-business users from 800 to 1200"
    app.fields["o1.k0.baseline"].value = "800"
    app.fields["o1.k0.target"].value = "1,200"
    app.save_button.click()
    assert "Saved 2 objectives" in app.result.value
    new = _saved_objectives(folder)[1]
    assert (new.id, new.aligns_to, new.key_results[0].id, new.key_results[0].target) == ("DT-2", ["DS-1"],
                                                                                         "DT-2.1", 1200)
    assert open_store(folder).load_draft("drafter:Discover Team") is None


def test_key_results_can_be_reordered_and_removed(folder):
    """Moving a KR down and removing another keeps the ids with their KRs."""
    app = Drafter(folder, team=TEAM)
    app.controls["o0.k0 down"].click()
    app.controls["o0.k2 remove"].click()  # the rows are redrawn: the name finds the new button
    assert [kr["id"] for kr in app.draft["objectives"][0]["key_results"]] == ["DT-1.2", "DT-1.1"]
    assert app.fields["o0.k0.title"].value.startswith("Increase tutorial engagement")


def test_relative_targets_are_understood(folder):
    """'by 20%' on an increasing KR is read by the model as baseline × 1.2."""
    app = Drafter(folder, team=TEAM)
    app.fields["o0.k1.target"].value = "by 20%"
    app.save_button.click()
    assert _saved_objectives(folder)[0].key_results[1].target == 18


def test_aligns_to_offers_only_strategic_okrs(folder):
    """The picker lists the business unit's OKR, not peer team OKRs."""
    app = Drafter(folder, team=TEAM)
    values = [v for _label, v in app.fields["o0.aligns_to"].options]
    assert values == ["", "DS-1"]


def test_debouncer_waits_for_a_pause_in_a_running_loop():
    """With an event loop (a kernel), three quick triggers make one call after the delay."""
    calls = []

    async def scenario():
        debouncer = Debouncer(0.05, lambda: calls.append(1))
        for _ in range(3):
            debouncer.trigger()
        assert calls == []
        await asyncio.sleep(0.1)

    asyncio.run(scenario())
    assert calls == [1]
