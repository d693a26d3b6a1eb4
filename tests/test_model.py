"""The domain model: what it accepts, what it derives, what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from okrkit.errors import InputError
from okrkit.model import CheckIn, Cycle, Direction, Engagement, KeyResult, Retro, WorkshopPrep
from okrkit.testing import engagement, key_result, objective, team
from okrkit.validation import parse


def test_direction_is_read_from_baseline_and_target():
    """A KR whose target is below its baseline decreases; above, it increases."""
    assert key_result(baseline=40, target=30).direction is Direction.DECREASE
    assert key_result(baseline=65, target=90).direction is Direction.INCREASE
    assert key_result(baseline=None, target=90).direction is None


@pytest.mark.parametrize(
    ("title", "target", "resolved"),
    [
        ("Reduce first-week customer drop-off rate by 25%", "by 25%", 30),
        ("Increase NPS by 50%", "by 50%", 60),
        ("Support tickets about setup", "-25%", 30),
        ("Support tickets about setup", "+10%", 44),
        ("Cutting churn by half a percent", "by .5%", 39.8),
    ],
    ids=["reduce-by", "increase-by", "minus", "plus", "no-leading-zero"],
)
def test_relative_target_resolves_from_the_baseline(title, target, resolved):
    """"by 25%" with a baseline of 40 becomes 30 when the title reduces, 50 when it increases."""
    kr = KeyResult(id="K-1", title=title, baseline=40, target=target)
    assert kr.target == pytest.approx(resolved)


def test_relative_target_without_a_sign_or_verb_is_refused_with_a_hint():
    """"by 25%" on a title with no direction asks for a sign."""
    with pytest.raises(InputError, match=r"key_results\[0\]: target 'by 25%': say \+25% or -25%"):
        parse(Engagement, {
            "client": "X", "cycle": {"name": "Q", "start": "2026-01-05", "end": "2026-03-27"},
            "teams": [{"name": "A", "okrs": [{"id": "A-1", "objective": "Be great", "key_results": [
                {"id": "A-1.1", "title": "Tickets", "baseline": 40, "target": "by 25%"}]}]}],
        })


def test_milestone_runs_from_zero_to_one():
    """A milestone is done or not, whatever numbers were written."""
    kr = KeyResult(id="M-1", title="Pilot live in two branches", kind="milestone", baseline=3, target=7)
    assert (kr.baseline, kr.target) == (0, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"team": "A", "date": "2026-02-06", "confidence": 11}, "confidence: must be at most 10, not 11"),
        ({"team": "A", "date": "2026-02-06", "confidence": 0}, "confidence: must be at least 1, not 0"),
        ({"team": "A", "date": "2026-02-06", "confidence": "high"}, "confidence: must be a whole number, not 'high'"),
        ({"team": "A", "date": "Friday"}, "date: must be a date such as 2026-01-05, not 'Friday'"),
        ({"team": "", "date": "2026-02-06"}, "team: must not be empty"),
        ({"team": "A", "date": "2026-02-06", "values": {"A-1.1": "lots"}}, "values.A-1.1: must be a number"),
        ({"team": "A", "date": "2026-02-06", "values": {"A-1.1": float("nan")}}, "values.A-1.1: must be a finite"),
        ({"team": "A", "date": "2026-02-06", "mood": "ok"}, "mood: is not a field okrkit knows"),
    ],
    ids=["confidence-high", "confidence-low", "confidence-text", "date", "team", "value-text", "nan", "unknown"],
)
def test_checkin_errors_name_the_field_in_plain_words(data, message):
    """Each bad check-in gets one line naming the field and the problem."""
    with pytest.raises(InputError) as caught:
        parse(CheckIn, data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_typo_in_a_field_name_suggests_the_right_one():
    """"cycel" is reported as unknown, with "cycle" suggested, before "cycle is required"."""
    with pytest.raises(InputError, match=r"cycel: is not a field okrkit knows; did you mean 'cycle'\?"):
        parse(Engagement, {"client": "X", "cycel": {}})


def test_cycle_must_end_after_it_starts():
    """An end before the start is refused with both dates."""
    with pytest.raises(InputError, match=r"cycle end 2025-03-27 must be after its start 2026-01-05"):
        parse(Engagement, {"client": "X", "cycle": {"name": "Q", "start": "2026-01-05", "end": "2025-03-27"}})


def test_checkin_dates_fall_on_the_checkin_weekday():
    """Q1 2026 starts on a Monday: twelve Fridays, from Jan 9 to Mar 27."""
    cycle = Cycle(name="2026-Q1", start=dt.date(2026, 1, 5), end=dt.date(2026, 3, 27))
    dates = cycle.checkin_dates()
    assert dates[0] == dt.date(2026, 1, 9) and dates[-1] == dt.date(2026, 3, 27) and len(dates) == 12
    assert {d.weekday() for d in dates} == {4}


def test_reference_problems_are_listed_not_raised():
    """Duplicate ids and dangling aligns_to are reported by the engagement, so a draft can still load."""
    eng = engagement(teams=[
        team("A", [objective("A-1", aligns_to=["Z-9"]), objective("A-1")], parent="Nobody"),
    ])
    problems = eng.reference_problems()
    assert "teams[0].parent: no team is named 'Nobody'" in problems
    assert "objective id 'A-1' is used twice" in problems
    assert "teams[0].okrs[0].aligns_to: no objective has the id 'Z-9'" in problems


def test_retro_items_must_fit_their_format():
    """An item under a prompt the format does not have is refused, naming the format's prompts."""
    with pytest.raises(InputError, match=r"not a prompt of attractors-detractors: attractors, detractors"):
        parse(Retro, {"team": "A", "date": "2026-02-13", "kind": "mid-cycle", "format": "attractors-detractors",
                      "items": [{"prompt": "start", "text": "x"}]})


def test_timed_agenda_starts_with_ten_minute_vision_presentations():
    """Each participant presents for 10 minutes by default, then the agenda follows on the clock."""
    prep = WorkshopPrep(participants=[{"name": "Ana"}, {"name": "Bo"}], agenda=[{"title": "Draft OKRs", "minutes": 60}])
    timed = prep.timed_agenda()
    assert [(t.strftime("%H:%M"), i.title) for t, i in timed] == [
        ("09:00", "Vision presentation: Ana"), ("09:10", "Vision presentation: Bo"), ("09:20", "Draft OKRs")]


# --- a check-in's date within its cycle -------------------------------------------------

Q2 = Cycle(name="2026-Q2", start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30))


@pytest.mark.parametrize("day", [dt.date(2026, 3, 31), dt.date(2026, 7, 1), dt.date(2026, 12, 1)],
                         ids=["day-before", "day-after", "months-after"])
def test_a_date_outside_the_cycle_is_refused_naming_date_and_cycle(day):
    """Cycle.check_date refuses a day outside the cycle with the date, the cycle and its span."""
    with pytest.raises(InputError, match=rf"date: {day.isoformat()} is outside the cycle 2026-Q2 "
                                         r"\(2026-04-01 to 2026-06-30\)"):
        Q2.check_date(day)


def test_the_first_and_last_day_of_the_cycle_are_inside():
    """The cycle's bounds are part of it."""
    Q2.check_date(dt.date(2026, 4, 1))
    Q2.check_date(dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 1), dt.date(2026, 6, 26)),  # over: its last Friday
        (dt.date(2026, 1, 15), dt.date(2026, 4, 3)),  # not started: its first Friday
        (dt.date(2026, 5, 13), dt.date(2026, 5, 15)),  # Wednesday: the Friday two days on
        (dt.date(2026, 5, 11), dt.date(2026, 5, 8)),  # Monday: the Friday three days back
    ],
    ids=["over", "not-started", "midweek", "monday"],
)
def test_the_nearest_checkin_day_stays_within_the_cycle(today, expected):
    """The default week of a check-in is the cycle's check-in day nearest today, never outside it."""
    assert Q2.nearest_checkin_day(today) == expected


def test_a_record_with_a_checkin_outside_its_cycle_names_it():
    """EngagementRecord.check_dates names the first check-in outside the cycle by its place in the list."""
    from okrkit.model import EngagementRecord

    record = EngagementRecord(engagement=engagement(), checkins=[
        CheckIn(team="Team", date=dt.date(2026, 2, 6)), CheckIn(team="Team", date=dt.date(2026, 12, 1))])
    with pytest.raises(InputError, match=r"checkins\[1\]\.date: 2026-12-01 is outside the cycle 2026-Q1"):
        record.check_dates()


@pytest.mark.parametrize("value", ["99999999999999999999", 99999999999999999999, "1.234567890123456789"],
                         ids=["text", "integer", "decimals"])
def test_a_value_that_cannot_be_stored_exactly_is_refused(value):
    """A number with more digits than a float keeps would be stored as another number: refused, naming the KR."""
    with pytest.raises(InputError, match=r"values\.DT-1\.1: .* has more digits than can be stored exactly"):
        parse(CheckIn, {"team": "A", "date": "2026-01-09", "values": {"DT-1.1": value}})


@pytest.mark.parametrize("value", ["0.1", "1200", 78.5, "999999999999999"],
                         ids=["tenth", "int-text", "float", "15-digits"])
def test_ordinary_values_are_stored_as_typed(value):
    """What people type (up to 15 significant digits) is kept."""
    assert parse(CheckIn, {"team": "A", "date": "2026-01-09", "values": {"K": value}}).values["K"] == float(value)


def test_too_long_text_says_its_length_and_the_limit():
    """A 10,000-character plan: 'Too long: 10,000 characters, at most 5,000'."""
    with pytest.raises(InputError, match=r"^plan: too long: 10,000 characters, at most 5,000$"):
        parse(CheckIn, {"team": "A", "date": "2026-01-09", "plan": "x" * 10_000})
