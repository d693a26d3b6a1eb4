"""Business units: which unit each team belongs to, a record scoped to one unit, per-unit figures.

A large organisation (seed team-okrs-in-action: a bank with business units and many teams)
is read unit by unit: a leader "can't realistically track every team's objectives". A
team's unit is its nearest ancestor (by `Team.parent`) whose level is business-unit; a unit
is its own unit; the company, and teams with no unit above them, belong to none (None).

Pure functions over the model and `okrkit.progress` results: no I/O, no UI.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from okrkit.errors import InputError
from okrkit.model import CheckIn, Engagement, EngagementRecord, Level
from okrkit.progress import EngagementStatus, ObjectiveStatus, Status, TeamStatus

__all__ = [
    "LARGE",
    "UnitSummary",
    "confidence_by_unit_week",
    "furthest",
    "is_large",
    "scope_record",
    "subtree",
    "unit_names",
    "unit_of",
    "unit_summaries",
]

LARGE = 12  # above this many teams, reports and the dashboard show units and extremes, not every team
NO_UNIT = "No business unit"


def is_large(team_count: int) -> bool:
    return team_count > LARGE


def unit_of(engagement: Engagement) -> dict[str, str | None]:
    """Each team's business unit (None for the company and teams outside any unit)."""
    teams = {t.name: t for t in engagement.teams}
    out: dict[str, str | None] = {}
    for team in engagement.teams:
        node, seen = team, set()
        while node.level is not Level.BUSINESS_UNIT and node.parent in teams and node.name not in seen:
            seen.add(node.name)  # a cycle in parent links must not loop forever
            node = teams[node.parent]
        out[team.name] = node.name if node.level is Level.BUSINESS_UNIT else None
    return out


def unit_names(engagement: Engagement) -> list[str]:
    """The business units, in the order the engagement lists them."""
    return [t.name for t in engagement.teams if t.level is Level.BUSINESS_UNIT]


def subtree(engagement: Engagement, name: str) -> list[str]:
    """`name` and every team below it, in the engagement's order."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for t in engagement.teams:
        children[t.parent].append(t.name)
    found, todo = {name}, [name]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return [t.name for t in engagement.teams if t.name in found]


def scope_record(record: EngagementRecord, unit: str, *, field: str = "unit") -> EngagementRecord:
    """The record of one business unit (or any team) and the teams below it; others' records left out."""
    e = record.engagement
    if unit not in {t.name for t in e.teams}:
        units = unit_names(e)
        hint = f"; the business units are: {', '.join(units)}" if units else "; it has no business unit"
        raise InputError(f"no team or business unit is named {unit!r} in this engagement{hint}", field=field)
    keep = set(subtree(e, unit))
    teams = [t for t in e.teams if t.name in keep]
    return EngagementRecord(
        engagement=e.model_copy(update={"teams": teams}),
        checkins=[c for c in record.checkins if c.team in keep],
        retros=[r for r in record.retros if r.team in keep],
    )


@dataclass(frozen=True)
class UnitSummary:
    """Where one business unit's teams stand: counts, means, and who needs attention."""

    name: str
    teams: list[TeamStatus]
    objectives: list[ObjectiveStatus]
    counts: dict[Status, int]
    mean_progress: float
    mean_confidence: float | None
    falling: int  # teams whose confidence is falling
    silent: int  # teams with no check-in in the last two weeks

    @property
    def worst(self) -> Status:
        return max((s for s, n in self.counts.items() if n), key=list(Status).index, default=Status.ON_TRACK)


def unit_summaries(status: EngagementStatus, units: dict[str, str | None]) -> list[UnitSummary]:
    """One summary per unit (teams only, not the unit's own OKRs), in order; teams outside any unit last."""
    groups: dict[str, list[TeamStatus]] = {}
    for team in status.teams:
        if team.level is Level.TEAM and team.objectives:
            groups.setdefault(units.get(team.name) or NO_UNIT, []).append(team)
    if NO_UNIT in groups:
        groups[NO_UNIT] = groups.pop(NO_UNIT)
    recent = status.as_of - dt.timedelta(days=14)
    out = []
    for name, teams in groups.items():
        objectives = [o for t in teams for o in t.objectives]
        confidences = [t.confidence for t in teams if t.confidence is not None]
        out.append(UnitSummary(
            name=name, teams=teams, objectives=objectives,
            counts={s: sum(o.status is s for o in objectives) for s in Status},
            mean_progress=sum(o.progress for o in objectives) / len(objectives) if objectives else 0.0,
            mean_confidence=sum(confidences) / len(confidences) if confidences else None,
            falling=sum(t.trend.direction == "falling" for t in teams),
            silent=sum(t.last_checkin is None or t.last_checkin < recent for t in teams),
        ))
    return out


def furthest(objectives: Iterable[ObjectiveStatus], expected: float, n: int = 10,
             *, ahead: bool = False) -> list[ObjectiveStatus]:
    """The `n` objectives furthest behind the pace (or furthest ahead of it), furthest first."""
    ordered = sorted(objectives, key=lambda o: (o.progress - expected, o.id), reverse=ahead)
    return ordered[:n]


def confidence_by_unit_week(checkins: Iterable[CheckIn], units: dict[str, str | None],
                            teams: set[str] | None = None) -> list[dict[str, object]]:
    """Mean, lowest and highest confidence of each unit's teams at each check-in date (chart rows)."""
    cells: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for c in checkins:
        if c.confidence is not None and (teams is None or c.team in teams):
            cells[(units.get(c.team) or NO_UNIT, c.date)].append(c.confidence)
    return [{"unit": unit, "date": day.isoformat(), "confidence": round(sum(v) / len(v), 2), "low": min(v),
             "high": max(v), "teams": len(v)} for (unit, day), v in sorted(cells.items(), key=lambda kv: kv[0][1])]
