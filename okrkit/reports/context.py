"""What a report is about: the engagement, its record up to a date, and its status then.

A template notebook's first cell turns its parameters into a `ReportContext`; every
section reads from it. The status is `engagement_status` with the same arguments as
`okrkit status DIR --as-of DATE`, so the numbers in a report and in the terminal agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from okrkit.errors import InputError
from okrkit.forecast import Forecast, forecasts
from okrkit.model import CheckIn, Engagement, EngagementRecord, Level, Objective, Retro
from okrkit.progress import EngagementStatus, default_as_of, engagement_status
from okrkit.units import is_large, scope_record, unit_names, unit_of

__all__ = ["DETAILS", "ReportContext", "load_context", "parse_as_of"]

DETAILS = ("summary", "teams")  # how much team detail a large report carries: per unit only, or every team


def parse_as_of(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"must be a date such as 2026-02-13, not {value!r}", field="as_of") from None


@dataclass(frozen=True)
class ReportContext:
    kind: str
    record: EngagementRecord
    as_of: dt.date
    status: EngagementStatus
    prepared: dt.date = field(default_factory=dt.date.today)
    unit: str | None = None  # the business unit the report is scoped to (None: the whole engagement)
    detail: str = "summary"
    full: EngagementRecord | None = None  # every cycle of the engagement; `record` is the one reported on
    _statuses: dict[dt.date, EngagementStatus] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def engagement(self) -> Engagement:
        return self.record.engagement

    @cached_property
    def checkins(self) -> list[CheckIn]:
        """Check-ins on or before the report's date, oldest first."""
        return sorted((c for c in self.record.checkins if c.date <= self.as_of), key=lambda c: (c.date, c.team))

    @cached_property
    def retros(self) -> list[Retro]:
        return sorted((r for r in self.record.retros if r.date <= self.as_of), key=lambda r: (r.date, r.team))

    @cached_property
    def units(self) -> dict[str, str | None]:
        """Each team's business unit (see `okrkit.units`)."""
        return unit_of(self.engagement)

    @cached_property
    def unit_names(self) -> list[str]:
        return unit_names(self.engagement)

    @cached_property
    def large(self) -> bool:
        """Too many teams to show one by one: sections show units, extremes and a table of contents."""
        return is_large(sum(t.level is Level.TEAM for t in self.engagement.teams if t.objectives))

    @property
    def team_detail(self) -> bool:
        """Every team's detail is wanted: always for a small engagement, with --detail teams for a large one."""
        return not self.large or self.detail == "teams"

    def top_objectives(self) -> list[Objective]:
        """The strategic OKRs a leader reads first: those of the highest level present (company, else units)."""
        for level in (Level.COMPANY, Level.BUSINESS_UNIT):
            found = [o for t, o in self.engagement.objectives() if t.level is level]
            if found:
                return found
        return self.strategic_objectives()

    def status_on(self, day: dt.date) -> EngagementStatus:
        """The status on another day (a week or a month ago), computed the same way, once per day."""
        if day not in self._statuses:
            self._statuses[day] = engagement_status(self.engagement, self.record.checkins, day, self.record.retros)
        return self._statuses[day]

    @cached_property
    def forecasts(self) -> dict[str, Forecast]:
        """Each key result's forecast at the cycle's end, at its pace up to the report's date."""
        return forecasts(self.engagement, self.checkins, self.as_of)

    def team_names(self) -> list[str]:
        """Teams that have objectives this cycle, in the order the engagement lists them."""
        return [t.name for t in self.engagement.teams if t.objectives]

    def strategic_objectives(self) -> list[Objective]:
        """Company and business-unit objectives, and any objective a team OKR aligns to."""
        return [obj for _, obj in self.engagement.strategic_objectives(with_alignment_targets=True)]

    def contributors(self, objective_id: str) -> list[Objective]:
        return [obj for _, obj in self.engagement.objectives() if objective_id in obj.aligns_to]


def load_context(engagement_dir: str | Path, db_url: str | None = None, as_of: str | dt.date | None = None,
                 kind: str = "report", unit: str | None = None, detail: str | None = None,
                 cycle: str | None = None) -> ReportContext:
    """Read the engagement's store and compute its status on `as_of` (default: as `okrkit status`).

    With `unit`, the report is about that business unit and the teams below it only; with
    `cycle`, about that past cycle (`full` keeps every cycle, for the case study).
    """
    from okrkit.cycles import select_cycle
    from okrkit.store import open_store  # the store pulls in SQLAlchemy; sections do not need it

    if detail is not None and detail not in DETAILS:
        raise InputError(f"must be {' or '.join(DETAILS)}, not {detail!r}", field="detail")
    full = open_store(engagement_dir, db_url or None).load_record()
    record = select_cycle(full, cycle)
    if unit:
        record = scope_record(record, unit)
    day = parse_as_of(as_of) or default_as_of(record.engagement.cycle)
    status = engagement_status(record.engagement, record.checkins, day, record.retros)
    return ReportContext(kind=kind, record=record, as_of=day, status=status, unit=unit or None,
                         detail=detail or "summary", full=full)
