"""The gap rules: strategy priorities without OKRs, objectives serving no priority, KRs with no numbers."""

from __future__ import annotations

from okrkit.coach import review
from okrkit.testing import engagement, key_result, objective, team

PRIORITIES = ["Simplify onboarding", "Grow small business", "Resilience"]


def _rules(eng, *ids):
    return [(f.rule, f.path) for f in review(eng, rules=ids)]


def _bank(**strategic):
    return engagement(priorities=PRIORITIES, teams=[
        team("Digital", level="business-unit", okrs=[objective("DS-1", priority="Simplify onboarding",
                                                               **strategic)]),
        team("Discover", okrs=[objective("DT-1", aligns_to=["DS-1"])]),
    ])


def test_a_priority_no_objective_serves_is_a_gap():
    """Two of three priorities with no objective: one finding each, at the priority's path."""
    assert _rules(_bank(), "priority-without-okr") == [("priority-without-okr", "priorities[1]"),
                                                       ("priority-without-okr", "priorities[2]")]


def test_every_priority_served_is_silent():
    """A priority served through a team OKR's alignment counts too."""
    eng = engagement(priorities=["Simplify onboarding"], teams=[
        team("Digital", level="business-unit", okrs=[objective("DS-1", priority="Simplify onboarding")])])
    assert _rules(eng, "priority-without-okr") == []


def test_a_strategic_objective_with_no_priority_is_a_gap():
    """A business-unit objective with no priority serves none."""
    eng = engagement(priorities=PRIORITIES, teams=[team("Digital", level="business-unit", okrs=[objective("DS-1")])])
    assert _rules(eng, "objective-without-priority") == [("objective-without-priority", "teams[0].okrs[0]")]


def test_a_priority_that_is_not_one_of_the_engagements_is_named():
    """A typo in priority: the message quotes it and the suggestion lists the real ones."""
    eng = _bank()
    eng.teams[0].objectives[0].priority = "Simplfy onboarding"
    found = review(eng, rules=["objective-without-priority"])
    assert "'Simplfy onboarding', which is not one of the engagement's" in found[0].message
    assert "'Simplify onboarding'" in found[0].suggestion


def test_a_team_okr_serves_its_strategic_okrs_priority():
    """Aligned to a strategic OKR that has a priority: no gap for the team OKR."""
    assert _rules(_bank(), "objective-without-priority") == []


def test_an_unaligned_team_okr_is_left_to_not_aligned():
    """A team OKR aligned to nothing is reported once, by not-aligned, not twice."""
    eng = _bank()
    eng.teams[1].objectives[0].aligns_to = []
    assert _rules(eng, "objective-without-priority", "not-aligned") == [("not-aligned", "teams[1].okrs[0]")]


def test_no_priorities_means_no_priority_gaps():
    """An engagement that lists no priorities is not told its objectives serve none."""
    eng = engagement(teams=[team("Digital", level="business-unit", okrs=[objective("DS-1")])])
    assert _rules(eng, "objective-without-priority", "priority-without-okr") == []


def test_an_alignment_loop_does_not_hang_the_coach():
    """A → B → A: the walk ends; the priority met inside the loop is found from both."""
    eng = engagement(priorities=PRIORITIES, teams=[team("T", level="business-unit", okrs=[
        objective("A", aligns_to=["B"]), objective("B", aligns_to=["A"], priority="Resilience")])])
    assert _rules(eng, "objective-without-priority", "priority-without-okr") == [
        ("priority-without-okr", "priorities[0]"), ("priority-without-okr", "priorities[1]")]


def test_a_metric_kr_whose_numbers_are_only_in_its_title_is_named():
    """'Increase activation from 20% to 40%' with no fields: check-ins cannot measure it; the fields are suggested."""
    eng = engagement(teams=[team(okrs=[objective(krs=[key_result(baseline=None, target=None)])])])
    found = review(eng, rules=["kr-no-baseline-or-target"])
    assert [f.path for f in found] == ["teams[0].okrs[0].key_results[0]"]
    assert "neither a baseline nor a target" in found[0].message and "baseline: 20, target: 40" in found[0].suggestion


def test_times_in_the_title_are_suggested_in_a_unit_a_person_writes():
    """'from 2h to 45m' is compared in seconds; the fields are suggested as 120 and 45 minutes."""
    kr = key_result(title="Reduce MTTR from 2h to 45m", baseline=None, target=None)
    found = review(engagement(teams=[team(okrs=[objective(krs=[kr])])]), rules=["kr-no-baseline-or-target"])
    assert "baseline: 120, target: 45, unit: minutes" in found[0].suggestion


def test_a_milestone_a_task_or_a_kr_with_fields_is_silent():
    """Milestones are 0 → 1; a task or a title with no number has its own finding; fields given: nothing to say."""
    eng = engagement(teams=[team(okrs=[objective(krs=[
        key_result("T-1.1", kind="milestone", baseline=None, target=None),
        key_result("T-1.2", baseline=None, target=40),
        key_result("T-1.3", title="Launch the new website", baseline=None, target=None),
        key_result("T-1.4", title="Improve customer satisfaction", baseline=None, target=None)])])])
    assert _rules(eng, "kr-no-baseline-or-target") == []


def test_a_gap_is_reported_once_at_its_root():
    """A team OKR aligned to a strategic OKR with no priority: only the strategic OKR is named."""
    eng = engagement(priorities=PRIORITIES, teams=[
        team("Digital", level="business-unit", okrs=[objective("DS-1")]),
        team("Discover", okrs=[objective("DT-1", aligns_to=["DS-1"])]),
    ])
    assert _rules(eng, "objective-without-priority") == [("objective-without-priority", "teams[0].okrs[0]")]
