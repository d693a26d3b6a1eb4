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
from okrkit.model import CheckIn, Engagement, EngagementRecord, Objective, Retro
from okrkit.progress import EngagementStatus, default_as_of, engagement_status

__all__ = ["ReportContext", "load_context", "parse_as_of"]


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

    def status_on(self, day: dt.date) -> EngagementStatus:
        """The status on another day (a week or a month ago), computed the same way, once per day."""
        if day not in self._statuses:
            self._statuses[day] = engagement_status(self.engagement, self.record.checkins, day, self.record.retros)
        return self._statuses[day]

    def team_names(self) -> list[str]:
        """Teams that have objectives this cycle, in the order the engagement lists them."""
        return [t.name for t in self.engagement.teams if t.objectives]

    def strategic_objectives(self) -> list[Objective]:
        """Company and business-unit objectives, and any objective a team OKR aligns to."""
        return [obj for _, obj in self.engagement.strategic_objectives(with_alignment_targets=True)]

    def contributors(self, objective_id: str) -> list[Objective]:
        return [obj for _, obj in self.engagement.objectives() if objective_id in obj.aligns_to]


def load_context(engagement_dir: str | Path, db_url: str | None = None, as_of: str | dt.date | None = None,
                 kind: str = "report") -> ReportContext:
    """Read the engagement's store and compute its status on `as_of` (default: as `okrkit status`)."""
    from okrkit.store import open_store  # the store pulls in SQLAlchemy; sections do not need it

    record = open_store(engagement_dir, db_url or None).load_record()
    day = parse_as_of(as_of) or default_as_of(record.engagement.cycle)
    status = engagement_status(record.engagement, record.checkins, day, record.retros)
    return ReportContext(kind=kind, record=record, as_of=day, status=status)
