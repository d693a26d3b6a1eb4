"""One vocabulary: the model and the coach read the same verbs of change, and domain facts live in the domain."""

from __future__ import annotations

import datetime as dt

import pytest

from okrkit.coach.phrase import read
from okrkit.model import Cycle, Engagement, KeyResult
from okrkit.retro_formats import RETRO_FORMATS, default_format
from okrkit.vocabulary import DOWN_VERBS, STRICT_DOWN, STRICT_UP, UP_VERBS, change_direction, drop_label


def test_slash_by_20_percent_is_a_decrease_to_the_model_and_the_coach() -> None:
    """The issue's example: KeyResult used to refuse it while the coach read a decrease."""
    kr = KeyResult(id="H-1", title="Slash hosting costs by 20%", baseline=50_000, target="by 20%")
    assert kr.target == 40_000
    assert read("Slash hosting costs by 20%").lead_class == "down"


@pytest.mark.parametrize("verb", sorted(UP_VERBS | DOWN_VERBS))
def test_every_verb_of_change_signs_a_relative_target_as_the_coach_reads_it(verb: str) -> None:
    """For each verb in the shared lists, the model's sign of "by 10%" follows the coach's reading of the verb."""
    title = f"{verb.capitalize()} weekly support tickets by 10%"
    kr = KeyResult(id="K-1", title=title, baseline=100, target="by 10%")
    expected = 110 if change_direction(title) == "up" else 90
    assert kr.target == pytest.approx(expected)
    lead_class = read(title).lead_class
    if lead_class in ("up", "down"):  # a few words ("up", "bring") the reader parses otherwise in this frame
        assert lead_class == change_direction(title)


def test_inflected_verbs_count() -> None:
    assert change_direction("Reduced churn by 5%") == "down" and change_direction("Growing ARR") == "up"
    assert change_direction("Tickets") is None


def test_a_label_or_a_preamble_before_the_verb_is_read_past() -> None:
    """A sheet import writes 'KR 1: Reduce churn by 10%' or 'We will reduce churn by 10%': the model signs it down."""
    for title in ("KR 1: Reduce churn by 10%", "We will reduce churn by 10%", "1. Reduce churn by 10%",
                  "- Reduce churn by 10%", "Successfully reduce churn by 10%"):
        assert KeyResult(id="K-1", title=title, baseline=5, target="by 10%").target == pytest.approx(4.5), title


def test_labels_with_a_period_or_a_commitment_are_set_aside() -> None:
    """'Q3 OKR:', 'Objective (committed):', 'Stretch:', 'This year:', 'a) ' label the sentence (second
    review s20, C4); 'Add 10 - 12 partners' and 'Goal-setting workshops' keep their words."""
    for label in ("Q3 OKR: ", "H2 OKR - ", "Objective (committed): ", "KR (stretch): ", "Stretch: ", "This year: ",
                  "a) "):
        assert drop_label(label + "Migrate the data warehouse") == "Migrate the data warehouse", label
    for title in ("Add 10 - 12 partners", "Goal-setting workshops for every team", "A shared roadmap"):
        assert drop_label(title) == title


def test_a_doubled_consonant_before_ing_is_the_verb() -> None:
    """'Cutting churn by 10%' is a cut: the model signs its target down, and 'shipping' leads a project."""
    kr = KeyResult(id="K-1", title="Cutting churn by 10%", baseline=5, target="by 10%")
    assert kr.target == pytest.approx(4.5)
    assert read("Shipping the partner roadmap").lead == "ship"


def test_strict_verbs_are_verbs_of_change() -> None:
    """The coach's wrong-direction rule uses the strict lists: each is inside the general one."""
    assert STRICT_UP <= UP_VERBS and STRICT_DOWN <= DOWN_VERBS and not UP_VERBS & DOWN_VERBS


def test_week_of_counts_from_the_cycle_start_and_clamps() -> None:
    cycle = Cycle(name="Q1", start=dt.date(2026, 1, 5), end=dt.date(2026, 3, 27))
    assert cycle.week_of(dt.date(2026, 1, 5)) == (1, 12)
    assert cycle.week_of(dt.date(2026, 2, 13)) == (7, 12)
    assert cycle.week_of(dt.date(2025, 12, 1)) == (1, 12) and cycle.week_of(dt.date(2026, 6, 1)) == (12, 12)


def test_strategic_objectives_are_company_and_business_unit_ones() -> None:
    engagement = Engagement.model_validate({
        "client": "Acme", "cycle": {"name": "Q1", "start": "2026-01-05", "end": "2026-03-27"},
        "teams": [
            {"name": "Acme", "level": "company", "okrs": [{"id": "C-1", "objective": "Win the market"}]},
            {"name": "Ops", "parent": "Acme", "okrs": [{"id": "O-1", "objective": "Run smoothly", "aligns_to": ["C-1"]},
                                                        {"id": "O-2", "objective": "Help Ops"}]},
            {"name": "Desk", "parent": "Acme", "okrs": [{"id": "D-1", "objective": "Serve", "aligns_to": ["O-2"]}]},
        ]})
    assert [o.id for _, o in engagement.strategic_objectives()] == ["C-1"]
    assert [o.id for _, o in engagement.strategic_objectives(with_alignment_targets=True)] == ["C-1", "O-2"]


def test_each_retro_kind_has_a_default_format_made_for_it() -> None:
    assert default_format("mid-cycle").name == "attractors-detractors"
    assert default_format("end").name == "end-of-cycle"
    assert all(default_format(k) in RETRO_FORMATS.values() for k in ("mid-cycle", "end"))


def test_a_team_progress_series_has_one_point_per_check_in_day() -> None:
    """The check-in app's trend line: the team's mean objective progress as it stood on each check-in day."""
    from okrkit.demo import demo_record
    from okrkit.progress import engagement_status, team_progress_series

    record = demo_record()
    days = sorted({c.date for c in record.checkins if c.team == "Discover Team"})
    series = team_progress_series(record.engagement, record.checkins, "Discover Team", until=days[-2])
    assert [d for d, _ in series] == days[:-1]
    team = next(t for t in engagement_status(record.engagement, record.checkins, days[-2]).teams
                if t.name == "Discover Team")
    assert series[-1][1] == pytest.approx(sum(o.progress for o in team.objectives) / len(team.objectives))
