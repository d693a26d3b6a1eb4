"""The cycle's rhythm as an .ics calendar, parsed back with a real iCalendar library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from okrkit.cli import main
from okrkit.demo import demo_record
from okrkit.ics import write_calendar

ENGAGEMENT = demo_record().engagement


def _events(path: Path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_weekly_checkin_recurs_on_the_cycles_weekday_and_time_until_its_last_checkin(tmp_path: Path) -> None:
    """Expanding the RRULE gives exactly the cycle's check-in days, at the check-in time in the zone."""
    out = tmp_path / "c.ics"
    write_calendar(ENGAGEMENT, out, "https://okr.example.org", tz="America/Sao_Paulo", team="Discover Team")
    checkin = next(e for e in _events(out) if str(e["summary"]).startswith("GRIP check-in"))
    start = checkin.decoded("dtstart")
    assert start.tzinfo == ZoneInfo("America/Sao_Paulo") or str(start.tzinfo) == "America/Sao_Paulo"
    occurrences = list(rrulestr(checkin["rrule"].to_ical().decode(), dtstart=start))
    cycle = ENGAGEMENT.cycle
    assert [o.date() for o in occurrences] == cycle.checkin_dates()
    assert {o.time() for o in occurrences} == {cycle.checkin_time}
    assert checkin.decoded("duration") == dt.timedelta(minutes=15)


def test_the_file_carries_its_time_zone_and_each_event_links_to_the_teams_app(tmp_path: Path) -> None:
    out = tmp_path / "c.ics"
    write_calendar(ENGAGEMENT, out, "https://okr.example.org/", tz="Europe/Lisbon")
    cal = Calendar.from_ical(out.read_bytes())
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    events = _events(out)
    for event in events:
        assert str(event["url"]) in str(event["description"])
        assert str(event["url"]).startswith("https://okr.example.org/voila/render/")
    teams = [t.name for t in ENGAGEMENT.teams if t.objectives]
    summaries = [str(e["summary"]) for e in events]
    for name in teams:
        assert f"GRIP check-in · {name}" in summaries
        assert f"Mid-cycle retrospective · {name}" in summaries
        assert f"End-of-cycle retrospective · {name}" in summaries
        assert f"OKR planning for the next cycle · {name}" in summaries
    assert "checkin.ipynb?team=Discover%20Team" in " ".join(str(e["url"]) for e in events)
    monthly = [e for e in events if "Monthly leadership report" in str(e["summary"])]
    assert [e.decoded("dtstart").month for e in monthly] == [1, 2, 3]
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_retros_and_planning_fall_where_the_cycle_puts_them(tmp_path: Path) -> None:
    """Mid-cycle retro on the check-in day nearest the middle; the end retro on the last; planning a week later."""
    out = tmp_path / "c.ics"
    write_calendar(ENGAGEMENT, out, "http://localhost:8866", tz="UTC", team="Support Experience Team")
    by_kind = {str(e["summary"]).split(" · ")[0]: e.decoded("dtstart").date() for e in _events(out)}
    days = ENGAGEMENT.cycle.checkin_dates()
    assert by_kind["Mid-cycle retrospective"] in days
    assert abs((by_kind["Mid-cycle retrospective"] - ENGAGEMENT.cycle.start).days - ENGAGEMENT.cycle.days / 2) <= 3.5
    assert by_kind["End-of-cycle retrospective"] == days[-1]
    assert by_kind["OKR planning for the next cycle"] == days[-1] + dt.timedelta(weeks=1)
    assert "Monthly leadership report" not in by_kind  # one team's calendar: its own events only


@pytest.mark.parametrize(("extra", "message"), [
    (["--tz", "Mars/Olympus"], "--tz: 'Mars/Olympus' is not a time zone"),
    (["--team", "Nobody"], "--team: no team is named 'Nobody'"),
])
def test_bad_options_are_one_line_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    extra: list[str], message: str) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", str(folder)]) == 0
    capsys.readouterr()
    out = tmp_path / "c.ics"
    assert main(["calendar", str(folder), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob("*.part"))
