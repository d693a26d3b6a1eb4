"""Progress, pace, status and scores."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit.model import Commitment, KeyResult, Retro, Thresholds
from okrkit.progress import (
    Status,
    classify,
    confidence_trend,
    engagement_status,
    expected_progress,
    kr_raw_progress,
    score_reading,
)
from okrkit.testing import checkin, engagement, key_result, objective, team

START, END = dt.date(2026, 1, 5), dt.date(2026, 3, 27)


def _one_team(*krs: KeyResult, **objective_fields):
    return engagement(teams=[team("Team", [objective("T-1", krs=list(krs), **objective_fields)])])


def test_progress_of_an_increasing_kr():
    """65 → 90, now 80: 60% of the way."""
    assert kr_raw_progress(key_result(baseline=65, target=90), 80) == pytest.approx(0.6)


def test_progress_of_a_decreasing_kr():
    """40 → 30, now 35: halfway, the same formula as for increasing KRs."""
    assert kr_raw_progress(key_result(baseline=40, target=30), 35) == pytest.approx(0.5)


def test_over_achievement_and_going_backwards_stay_visible():
    """The raw value keeps 120% and -20%; the shown progress is clipped to 0–1."""
    eng = _one_team(key_result("T-1.1", baseline=40, target=30), key_result("T-1.2", baseline=65, target=90))
    status = engagement_status(eng, [checkin("Team", END, 8, **{"T-1.1": 28, "T-1.2": 60})], END)
    krs = status.key_results()
    assert (krs["T-1.1"].raw, krs["T-1.1"].progress) == (pytest.approx(1.2), 1.0)
    assert (krs["T-1.2"].raw, krs["T-1.2"].progress) == (pytest.approx(-0.2), 0.0)


def test_milestone_is_zero_or_one():
    """A milestone counts only once done."""
    kr = KeyResult(id="M", title="Pilot live", kind="milestone")
    assert [kr_raw_progress(kr, v) for v in (None, 0, 0.9, 1)] == [0, 0, 0, 1]


def test_kr_without_checkin_is_zero_and_marked():
    """No value yet: progress 0, flagged as not checked in."""
    status = engagement_status(_one_team(key_result()), [], dt.date(2026, 1, 6))
    kr = status.key_results()["T-1.1"]
    assert (kr.progress, kr.checked_in, kr.current) == (0.0, False, None)


def test_objective_progress_is_the_weighted_mean_of_its_krs():
    """Weights 3 and 1 on progress 1.0 and 0.0 give 0.75."""
    eng = _one_team(key_result("T-1.1", baseline=0, target=10, weight=3), key_result("T-1.2", baseline=0, target=10))
    status = engagement_status(eng, [checkin("Team", END, 9, **{"T-1.1": 10, "T-1.2": 0})], END)
    assert status.objectives()[0].progress == pytest.approx(0.75)


def test_latest_value_on_or_before_the_date_counts():
    """A check-in after the as-of date is not seen."""
    eng = _one_team(key_result(baseline=0, target=100))
    history = [checkin("Team", dt.date(2026, 2, 6), 7, **{"T-1.1": 30}), checkin("Team", dt.date(2026, 2, 13), 7,
                                                                                 **{"T-1.1": 50})]
    assert engagement_status(eng, history, dt.date(2026, 2, 10)).key_results()["T-1.1"].current == 30


def test_expected_progress_is_the_elapsed_share_of_the_cycle():
    """0 at the start, 1 at the end and after, half-way in the middle."""
    cycle = engagement().cycle
    assert expected_progress(cycle, START) == 0
    assert expected_progress(cycle, END + dt.timedelta(days=30)) == 1
    assert expected_progress(cycle, START + dt.timedelta(days=41)) == pytest.approx(0.506, abs=0.001)


@pytest.mark.parametrize(
    ("progress", "expected", "confidence", "status"),
    [
        (0.50, 0.50, 8, Status.ON_TRACK),
        (0.45, 0.50, None, Status.ON_TRACK),
        (0.35, 0.50, 8, Status.AT_RISK),
        (0.20, 0.50, 8, Status.OFF_TRACK),
        (0.60, 0.50, 6, Status.AT_RISK),
        (0.60, 0.50, 4, Status.OFF_TRACK),
    ],
    ids=["on-pace", "slightly-behind", "behind", "far-behind", "low-confidence", "very-low-confidence"],
)
def test_status_from_pace_and_confidence(progress, expected, confidence, status):
    """Default thresholds: 10 and 25 points behind pace; confidence below 7 and at or below 4."""
    assert classify(progress, expected, confidence, Thresholds()) is status


def test_a_coach_can_change_the_thresholds():
    """With a 40-point tolerance, 30 points behind is only at risk."""
    assert classify(0.2, 0.5, None, Thresholds(at_risk_gap=0.2, off_track_gap=0.4)) is Status.AT_RISK


@given(progress=st.floats(0, 1), expected=st.floats(0, 1), confidence=st.none() | st.integers(1, 10))
def test_more_progress_never_worsens_the_status(progress, expected, confidence):
    """Status is monotonic in progress."""
    order = [Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]
    worse = classify(progress, expected, confidence, Thresholds())
    better = classify(min(1.0, progress + 0.1), expected, confidence, Thresholds())
    assert order.index(better) >= order.index(worse)


def test_confidence_trend_reads_the_recent_weeks():
    """Falling for a month after a good start reads as falling."""
    points = [9, 9, 9, 8, 7, 5, 4]
    history = [checkin("Team", START + dt.timedelta(days=4 + 7 * i), c) for i, c in enumerate(points)]
    trend = confidence_trend(history, "Team")
    assert trend.direction == "falling" and len(trend.points) == 7


def test_end_of_cycle_retro_scores_replace_the_measured_progress():
    """A team's own final score in its end-of-cycle retro is the KR's progress at the end."""
    eng = _one_team(key_result(baseline=0, target=10))
    retro = Retro(team="Team", date=END, kind="end", scores={"T-1.1": 0.7})
    status = engagement_status(eng, [checkin("Team", END, 7, **{"T-1.1": 5})], END, [retro])
    assert status.key_results()["T-1.1"].progress == 0.7


@pytest.mark.parametrize(
    ("score", "commitment", "reading"),
    [(0.7, Commitment.ASPIRATIONAL, "success"), (0.5, None, "progress, short of the 0.7"),
     (1.0, Commitment.COMMITTED, "delivered"), (0.9, Commitment.COMMITTED, "missed")],
    ids=["aspirational-0.7", "half", "committed-1.0", "committed-0.9"],
)
def test_score_reading(score, commitment, reading):
    """~0.7 is success for an aspirational OKR; a committed one is expected at 1.0."""
    assert score_reading(score, commitment).startswith(reading)


# --- plausibility of a checked-in value ------------------------------------------------

from okrkit.progress import implausible  # noqa: E402


@pytest.mark.parametrize(
    ("kr", "value", "question"),
    [
        (dict(baseline=40, target=30, unit="%"), 1e20, "Is 100,000,000,000,000,000,000 % right?"),
        (dict(baseline=40, target=30, unit="%"), -5, "Is -5 % right? A percentage is usually between 0 and 100."),
        (dict(baseline=1200, target=840, unit="tickets"), 9000, "far outside the key result's range, 1,200 → 840"),
        (dict(baseline=1200, target=840, unit="tickets"), -3000, "Is -3,000 tickets right?"),
    ],
    ids=["huge-percent", "negative-percent", "ten-spans-above", "ten-spans-below"],
)
def test_a_value_far_outside_its_range_is_questioned(kr, value, question):
    """A percentage outside 0–100 or a value more than ten spans outside baseline–target asks a question."""
    assert question in implausible(key_result(**kr), value)


@pytest.mark.parametrize("value", [35, 0, 100, 45, 90], ids=["on-the-way", "zero", "hundred", "worse", "far-worse"])
def test_a_plausible_value_asks_nothing(value):
    """Values within reach of the range, even going backwards, are not questioned."""
    assert implausible(key_result(baseline=40, target=30, unit="%"), value) is None


def test_a_kr_that_does_not_move_says_so_rather_than_missing_numbers():
    """99.9 → 99.9: status names a KR that does not move, not a missing baseline or target."""
    from okrkit.status import _kr_note

    kr = key_result(title="Keep uptime at 99.9%", baseline=99.9, target=99.9, unit="%")
    status = engagement_status(engagement(teams=[team(okrs=[objective(krs=[kr])])]), [])
    note = _kr_note(status.key_results()["T-1.1"])
    assert "baseline and target are both 99.9: a key result that does not move" in note
    assert "no baseline or target" not in note
