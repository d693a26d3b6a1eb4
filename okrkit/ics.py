"""The cycle's rhythm as an RFC 5545 calendar, for people's own calendars.

One recurring event per team for the weekly GRIP check-in (its weekday and time, until the
cycle's last check-in day), the mid-cycle and end-of-cycle retrospectives, the planning
workshop of the next cycle and, for the whole engagement, the monthly leadership report.
Each event links to the team's app. Times are local to an explicit IANA time zone, carried
in the file as a VTIMEZONE so that every calendar program places them alike.

Links carry no token: a link in a calendar invitation travels further than the coach can
see, so the team opens the app's address and signs in (or is sent the tokened link apart).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from okrkit.errors import InputError
from okrkit.model import Cycle, Engagement, Team

__all__ = ["Event", "cycle_events", "local_timezone", "write_calendar"]

CHECKIN_MINUTES = 15  # the GRIP check-in is fifteen minutes
RETRO_MINUTES = 60
PLANNING_MINUTES = 120
REPORT_MINUTES = 30


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.datetime  # local time in the calendar's zone
    minutes: int
    description: str
    url: str
    weekly_until: dt.datetime | None = None  # last occurrence, for the recurring check-in


def local_timezone() -> str:
    """The machine's IANA zone: $TZ, else what /etc/localtime points to, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        target = os.path.realpath("/etc/localtime")
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"
    return name


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"--tz: {name!r} is not a time zone; use a name such as Europe/Lisbon or UTC") from None


def _link(base_url: str, app: str, team: str | None) -> str:
    url = f"{base_url.rstrip('/')}/voila/render/{quote(app)}.ipynb"
    return url + ("?" + urlencode({"team": team}, quote_via=quote) if team else "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _at(cycle: Cycle, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, cycle.checkin_time)


def cycle_events(engagement: Engagement, base_url: str, team: str | None = None) -> list[Event]:
    """The events of the engagement's cycle, for one team or for every team and the leadership."""
    cycle = engagement.cycle
    teams: Iterable[Team] = engagement.teams
    if team is not None:
        teams = [t for t in engagement.teams if t.name == team]
        if not teams:
            known = ", ".join(t.name for t in engagement.teams)
            raise InputError(f"--team: no team is named {team!r}; the teams are {known}")
    days = cycle.checkin_dates()
    if not days:
        raise InputError(f"cycle {cycle.name}: it has no {cycle.checkin_weekday.value} for a check-in")
    mid = min(days, key=lambda d: abs((d - cycle.start).days - cycle.days / 2))
    planning = days[-1] + dt.timedelta(weeks=1)
    key = f"{_slug(engagement.client)}-{_slug(cycle.name)}"
    events = []
    for t in teams:
        if not t.objectives and team is None:
            continue
        slug, name = _slug(t.name), t.name
        events += [
            Event(f"checkin-{key}-{slug}@okrkit", f"GRIP check-in · {name}", _at(cycle, days[0]), CHECKIN_MINUTES,
                  "Fifteen minutes, weekly: Goal confidence (1–10), Results progress, Issues, Plan forward.",
                  _link(base_url, "checkin", name), weekly_until=_at(cycle, days[-1])),
            Event(f"mid-retro-{key}-{slug}@okrkit", f"Mid-cycle retrospective · {name}", _at(cycle, mid),
                  RETRO_MINUTES, "Attractors (what pulls us toward our OKRs) and Detractors (what pushes us away).",
                  _link(base_url, "retro", name)),
            Event(f"end-retro-{key}-{slug}@okrkit", f"End-of-cycle retrospective · {name}", _at(cycle, days[-1]),
                  RETRO_MINUTES, "Did we achieve what we set out to do? What did we learn? What surprised us? "
                  "What will we do differently?", _link(base_url, "retro", name)),
            Event(f"planning-{key}-{slug}@okrkit", f"OKR planning for the next cycle · {name}",
                  _at(cycle, planning), PLANNING_MINUTES,
                  f"Team OKR Planning after {cycle.name}: bring the end-of-cycle retrospective's actions.",
                  _link(base_url, "retro", name)),
        ]
    if team is None:
        for day in _last_checkin_of_each_month(days):
            events.append(Event(
                f"monthly-{key}-{day:%Y-%m}@okrkit", f"Monthly leadership report · {engagement.client}",
                _at(cycle, day) + dt.timedelta(hours=1), REPORT_MINUTES,
                "The strategic OKRs, the teams contributing to them, risks and asks (okrkit report --kind monthly).",
                _link(base_url, "dashboard", None)))
    return events


def _last_checkin_of_each_month(days: list[dt.date]) -> list[dt.date]:
    last: dict[tuple[int, int], dt.date] = {}
    for day in days:
        last[(day.year, day.month)] = day
    return sorted(last.values())


def write_calendar(engagement: Engagement, out: Path, base_url: str, tz: str | None = None,
                   team: str | None = None) -> int:
    """Write the cycle's events as an .ics file; returns how many events it holds."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    zone = _zone(tz or local_timezone())
    events = cycle_events(engagement, base_url, team)
    cal = Calendar()
    cal.add("prodid", "-//okrkit//okrkit calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{engagement.client} · OKR cycle {engagement.cycle.name}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in events:
        vevent = VEvent()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("summary", event.summary)
        vevent.add("dtstart", event.start.replace(tzinfo=zone))
        vevent.add("duration", dt.timedelta(minutes=event.minutes))
        vevent.add("description", f"{event.description}\n{event.url}")
        vevent.add("url", event.url)
        if event.weekly_until is not None:
            # RFC 5545: with a zoned DTSTART, UNTIL is given in UTC.
            until = event.weekly_until.replace(tzinfo=zone).astimezone(dt.UTC)
            vevent.add("rrule", {"freq": "weekly", "until": until})
        cal.add_component(vevent)
    cal.add_missing_timezones()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(cal.to_ical())
    tmp.replace(out)
    return len(events)
