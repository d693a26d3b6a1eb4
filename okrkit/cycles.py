"""An engagement across cycles: choosing a cycle to read, planning the next one, and how each went.

Planning the next cycle is a decision per objective, as a coach runs it in the planning
workshop: keep it (its key results start from the values they reached), revise it (carried
the same way, to be rewritten with the client in the drafter), or drop it. The end-of-cycle
retrospectives' actions and "what will we do differently" answers are the workshop's inputs.
Nothing of the finished cycle changes: it is archived whole (`EngagementRecord.archived`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from okrkit.errors import InputError
from okrkit.model import Cycle, Engagement, EngagementRecord, KeyResult, KRKind, Objective, RetroKind, Team
from okrkit.progress import engagement_status, latest_values

__all__ = ["CycleSummary", "Decision", "NextCycle", "cycle_summaries", "plan_next_cycle", "planning_inputs",
           "select_cycle"]


class Decision(StrEnum):
    KEEP = "keep"
    REVISE = "revise"
    DROP = "drop"


def select_cycle(record: EngagementRecord, name: str | None) -> EngagementRecord:
    """The record as it reads for cycle `name` (default: the current one); an unknown name is one clear line."""
    try:
        return record.for_cycle(name)
    except KeyError:
        raise InputError(f"no cycle is named {name!r}; the cycles are {', '.join(record.cycle_names())}",
                         field="cycle") from None


def planning_inputs(record: EngagementRecord) -> dict[str, list[str]]:
    """Per team: its end-of-cycle retrospective's actions and its "what will we do differently" notes."""
    inputs: dict[str, list[str]] = {}
    for retro in sorted(record.retros, key=lambda r: r.date):
        if retro.kind is not RetroKind.END:
            continue
        notes = inputs.setdefault(retro.team, [])
        notes += [f"Action: {a}" for a in retro.actions]
        notes += [f"Do differently: {i.text}" for i in retro.items if i.prompt == "differently"]
    return inputs


@dataclass(frozen=True)
class NextCycle:
    engagement: Engagement  # the next cycle's definition, current from now on
    decisions: dict[str, Decision]  # objective id → what the coach chose
    baselines: dict[str, tuple[float | None, float | None]]  # KR id → (baseline before, baseline now)
    inputs: dict[str, list[str]]  # team → what the finished cycle's retrospectives asked for


def plan_next_cycle(record: EngagementRecord, cycle: Cycle, decisions: Mapping[str, Decision | str]) -> NextCycle:
    """The next cycle's engagement from the current one and a decision per objective (default: keep).

    A kept or revised objective's measurable key results start from the last value checked in,
    so the new cycle measures its own movement; milestones carry over unchanged.
    """
    current = record.engagement
    if cycle.name in record.cycle_names():
        raise InputError(f"name: the engagement already has a cycle named {cycle.name!r}", field="name")
    if cycle.start <= current.cycle.start:
        raise InputError(f"start: {cycle.start} is not after the current cycle's start ({current.cycle.name} "
                         f"begins {current.cycle.start})", field="start")
    ids = {obj.id for _, obj in current.objectives()}
    unknown = sorted(set(decisions) - ids)
    if unknown:
        raise InputError(f"{unknown[0]} is not an objective of {current.cycle.name}; its objectives are "
                         f"{', '.join(sorted(ids))}", field="objective")
    chosen = {obj_id: Decision(decisions.get(obj_id, Decision.KEEP)) for obj_id in sorted(ids)}
    values = latest_values(record.checkins, current.cycle.end)
    baselines: dict[str, tuple[float | None, float | None]] = {}

    def carry_kr(kr: KeyResult) -> KeyResult:
        if kr.kind is KRKind.MILESTONE or kr.id not in values:
            return kr
        baselines[kr.id] = (kr.baseline, values[kr.id][0])
        return kr.model_copy(update={"baseline": values[kr.id][0]})

    def carry(team: Team) -> Team:
        kept: list[Objective] = [
            obj.model_copy(update={"key_results": [carry_kr(kr) for kr in obj.key_results]})
            for obj in team.objectives if chosen[obj.id] is not Decision.DROP]
        return team.model_copy(update={"objectives": kept})

    teams = [carry(t) for t in current.teams]
    kept_ids = {obj.id for t in teams for obj in t.objectives}
    # A kept objective aligned to a dropped one loses that link (the coach's not-aligned rule then says so).
    teams = [t.model_copy(update={"objectives": [
        o.model_copy(update={"aligns_to": [a for a in o.aligns_to if a in kept_ids]}) for o in t.objectives]})
        for t in teams]
    backlog = [b for b in current.backlog if any(b.key_result in {kr.id for kr in o.key_results}
                                                 for t in teams for o in t.objectives)]
    engagement = current.model_copy(update={"cycle": cycle, "teams": teams, "backlog": backlog})
    # Validate the whole as a new engagement would be: a kept KR whose new baseline reached its target is
    # legal, and the coach will say it no longer moves.
    engagement = Engagement.model_validate(engagement.model_dump())
    return NextCycle(engagement=engagement, decisions=chosen, baselines=baselines, inputs=planning_inputs(record))


@dataclass(frozen=True)
class CycleSummary:
    name: str
    start: dt.date
    end: dt.date
    phase: str
    teams: int  # teams with objectives
    objectives: int
    key_results: int
    score: float | None  # mean objective progress at the cycle's end (or today, for the current one)
    checkin_rate: float | None  # check-ins recorded ÷ check-ins due so far
    findings: int  # the coach's warnings and errors on the cycle's OKRs
    current: bool


def cycle_summaries(record: EngagementRecord, today: dt.date | None = None) -> list[CycleSummary]:
    """How each cycle went, oldest first: the evidence of a case study across cycles."""
    from okrkit.coach import Severity, review

    today = today or dt.date.today()
    found = []
    for name in record.cycle_names():
        view = record.for_cycle(name)
        engagement = view.engagement
        as_of = min(today, engagement.cycle.end)
        status = engagement_status(engagement, view.checkins, as_of, view.retros)
        objectives = status.objectives()
        teams = [t for t in engagement.teams if t.objectives]
        due = len(teams) * len([d for d in engagement.cycle.checkin_dates() if d <= as_of])
        names = {t.name for t in teams}
        recorded = len({(c.team, c.date) for c in view.checkins if c.team in names and c.date <= as_of})
        findings = [f for f in review(engagement) if f.severity is not Severity.INFO]
        found.append(CycleSummary(
            name=name, start=engagement.cycle.start, end=engagement.cycle.end, phase=engagement.phase.value,
            teams=len(teams), objectives=len(objectives), key_results=sum(len(o.key_results) for o in objectives),
            score=statistics.fmean(o.progress for o in objectives) if objectives else None,
            checkin_rate=min(1.0, recorded / due) if due else None, findings=len(findings),
            current=name == record.engagement.cycle.name,
        ))
    return found
