"""The engagement's domain objects, validated with pydantic.

Everything a coach records about a client engagement lives here: the engagement itself
(client, phase, strategy, worldview), its cycle, teams and their OKRs, and what happens
during the cycle (check-ins, retrospectives). No UI, no I/O, no database: widgets, the
store and the file formats all depend on these classes, never the reverse.

Field names follow the YAML a coach writes by hand; `Objective.title` is spelled
`objective` there, `Team.objectives` is spelled `okrs`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from okrkit.retro_formats import RETRO_FORMATS
from okrkit.vocabulary import change_direction

__all__ = [
    "AgendaItem",
    "BacklogItem",
    "CheckIn",
    "Commitment",
    "Cycle",
    "Direction",
    "Engagement",
    "EngagementRecord",
    "KRKind",
    "KeyResult",
    "Level",
    "Objective",
    "Participant",
    "Phase",
    "Retro",
    "RetroItem",
    "RetroKind",
    "Team",
    "Thresholds",
    "WorkshopPrep",
    "Worldview",
]

Text = Annotated[str, Field(max_length=5000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Ident = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]


class _Model(BaseModel):
    # Unknown keys are refused so that a typo in a hand-written YAML file is reported, not
    # silently dropped; surrounding spaces in text are never meaningful.
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=True,
        validate_assignment=True,
        allow_inf_nan=False,
    )


class Phase(StrEnum):
    """Where the client is on its OKR journey (seed three-is-the-magic-number)."""

    INTRODUCING = "introducing"
    RESETTING = "resetting"
    IMPLEMENTATION = "implementation"
    EMBEDDING = "embedding"


class Level(StrEnum):
    COMPANY = "company"
    BUSINESS_UNIT = "business-unit"
    TEAM = "team"


STRATEGIC_LEVELS = (Level.COMPANY, Level.BUSINESS_UNIT)  # whose OKRs are strategic


class Commitment(StrEnum):
    """Committed OKRs are expected at 1.0; aspirational ones count ~0.7 as success."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class KRKind(StrEnum):
    METRIC = "metric"
    MILESTONE = "milestone"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class RetroKind(StrEnum):
    MID_CYCLE = "mid-cycle"
    END = "end"


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday is 0, as in `datetime.date.weekday()`."""
        return list(Weekday).index(self)


class Cycle(_Model):
    """An OKR cycle, usually a quarter, with its weekly check-in slot."""

    name: Name
    start: dt.date
    end: dt.date
    checkin_weekday: Weekday = Weekday.FRIDAY
    checkin_time: dt.time = dt.time(14, 0)

    @model_validator(mode="after")
    def _end_after_start(self) -> Cycle:
        if self.end <= self.start:
            raise ValueError(f"cycle end {self.end} must be after its start {self.start}")
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def week_of(self, day: dt.date) -> tuple[int, int]:
        """(week N, of M weeks) of the cycle that `day` falls in, clamped to the cycle: (3, 12)."""
        weeks = max(1, round(self.days / 7))
        return min(weeks, max(1, round((day - self.start).days / 7) + 1)), weeks

    def checkin_dates(self) -> list[dt.date]:
        """Every check-in day of the cycle, in order."""
        first = self.start + dt.timedelta(days=(self.checkin_weekday.number - self.start.weekday()) % 7)
        return [first + dt.timedelta(weeks=w) for w in range((self.end - first).days // 7 + 1)]


_RELATIVE_TARGET = re.compile(r"^(?:by\s+)?([+-])?\s*(\d+(?:\.\d+)?)\s*%$", re.IGNORECASE)


def _resolve_relative_target(data: dict[str, Any]) -> None:
    """Turn a target written "by 25%" into the number it means, from the baseline.

    The sign comes from the text ("-25%") or, for "by 25%", from the title's first verb
    ("Reduce … by 25%" with baseline 40 gives 30).
    """
    target = data.get("target")
    if not isinstance(target, str):
        return
    match = _RELATIVE_TARGET.match(target.strip())
    if not match:
        return  # left for the number validator, which names the field
    baseline = data.get("baseline")
    if baseline is None:
        raise ValueError(f"target {target!r} is relative, so the key result needs a baseline")
    sign, amount = match.groups()
    if sign is None:
        direction = change_direction(str(data.get("title", "")))  # the verbs the coach reads too
        if direction == "down":
            sign = "-"
        elif direction == "up":
            sign = "+"
        else:
            raise ValueError(
                f"target {target!r}: say +{amount}% or -{amount}%, or start the title with "
                "a verb such as Increase or Reduce"
            )
    factor = 1 + (float(amount) / 100) * (1 if sign == "+" else -1)
    data["target"] = round(float(baseline) * factor, 6)


class KeyResult(_Model):
    """A measurable movement of a metric from a baseline to a target, or a milestone."""

    id: Ident
    title: Name
    unit: Annotated[str, Field(max_length=20)] = ""
    baseline: float | None = None
    target: float | None = None
    kind: KRKind = KRKind.METRIC
    owner: Annotated[str, Field(max_length=200)] = ""
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0

    @model_validator(mode="before")
    @classmethod
    def _relative_target(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("target"), str):
            data = dict(data)
            _resolve_relative_target(data)
        return data

    @model_validator(mode="after")
    def _milestone_is_zero_to_one(self) -> KeyResult:
        # A milestone is done or not: 0 → 1, whatever was written.
        if self.kind is KRKind.MILESTONE and (self.baseline, self.target) != (0.0, 1.0):
            object.__setattr__(self, "baseline", 0.0)
            object.__setattr__(self, "target", 1.0)
        return self

    @property
    def direction(self) -> Direction | None:
        """Increase or decrease, read from baseline and target; None while either is missing."""
        if self.baseline is None or self.target is None:
            return None
        return Direction.DECREASE if self.target < self.baseline else Direction.INCREASE

    @property
    def measurable(self) -> bool:
        """True when progress can be computed: a baseline and a different target."""
        return self.baseline is not None and self.target is not None and self.target != self.baseline


class Objective(_Model):
    """What a team wants to achieve and why, with the key results that will show it."""

    id: Ident
    title: Name = Field(alias="objective")
    why: Text = ""
    commitment: Commitment | None = None
    priority: Annotated[str, Field(max_length=500)] | None = None
    aligns_to: list[Ident] = Field(default_factory=list)
    shares_with: list[Name] = Field(default_factory=list)
    key_results: list[KeyResult] = Field(default_factory=list)


class Team(_Model):
    name: Name
    level: Level = Level.TEAM
    parent: Name | None = None
    members: list[Name] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list, alias="okrs")


class Worldview(_Model):
    """The shared view of the market that comes before any OKR (seed implementing-okrs-q-four)."""

    key_dynamics: list[Text] = Field(default_factory=list)
    competition: list[Text] = Field(default_factory=list)
    target_audience: list[Text] = Field(default_factory=list)


class BacklogItem(_Model):
    """A piece of work that moves a key result: the layer below the team OKR."""

    id: Ident
    title: Name
    key_result: Ident
    status: Annotated[str, Field(pattern=r"^(todo|doing|done)$")] = "todo"


class Participant(_Model):
    name: Name
    role: Annotated[str, Field(max_length=200)] = ""
    presentation_minutes: Annotated[int, Field(ge=0, le=120)] = 10
    interview_notes: Text = ""


class AgendaItem(_Model):
    title: Name
    minutes: Annotated[int, Field(ge=0, le=600)]
    owner: Annotated[str, Field(max_length=200)] = ""


class WorkshopPrep(_Model):
    """Preparation of the Strategy Session Workshop (seed strategy-session-workshop)."""

    date: dt.date | None = None
    start_time: dt.time = dt.time(9, 0)
    participants: list[Participant] = Field(default_factory=list)
    past_results: Text = ""
    principles_checked: bool = False
    facilitator_notes: Text = ""
    agenda: list[AgendaItem] = Field(default_factory=list)

    def timed_agenda(self) -> list[tuple[dt.time, AgendaItem]]:
        """The agenda with a start time for every item; the vision presentations first."""
        items = [
            AgendaItem(title=f"Vision presentation: {p.name}", minutes=p.presentation_minutes, owner=p.name)
            for p in self.participants
            if p.presentation_minutes
        ] + list(self.agenda)
        clock = dt.datetime.combine(dt.date(2000, 1, 1), self.start_time)
        timed = []
        for item in items:
            timed.append((clock.time(), item))
            clock += dt.timedelta(minutes=item.minutes)
        return timed


class Thresholds(_Model):
    """When a KR or objective counts as on track, at risk or off track.

    `progress` is compared with the expected progress (the elapsed share of the cycle):
    within `at_risk_gap` of it is on track, more than `off_track_gap` behind is off track.
    The team's latest confidence (1–10) caps the status: at or below `off_track_confidence`
    is off track, below `on_track_confidence` is at best at risk.
    """

    at_risk_gap: Annotated[float, Field(ge=0, le=1)] = 0.10
    off_track_gap: Annotated[float, Field(ge=0, le=1)] = 0.25
    on_track_confidence: Annotated[int, Field(ge=1, le=10)] = 7
    off_track_confidence: Annotated[int, Field(ge=1, le=10)] = 4

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.off_track_gap < self.at_risk_gap:
            raise ValueError("off_track_gap must be at least at_risk_gap")
        if self.off_track_confidence >= self.on_track_confidence:
            raise ValueError("off_track_confidence must be below on_track_confidence")
        return self


class Engagement(_Model):
    """One client engagement: who, where they stand, their strategy, teams and OKRs."""

    client: Name
    coach: Annotated[str, Field(max_length=200)] = ""
    phase: Phase = Phase.INTRODUCING
    challenges: list[Text] = Field(default_factory=list)
    approach: list[Text] = Field(default_factory=list)
    outcomes: list[Text] = Field(default_factory=list)
    vision: Text = ""
    priorities: list[Text] = Field(default_factory=list)
    core_values: list[Text] = Field(default_factory=list)
    worldview: Worldview = Field(default_factory=Worldview)
    cycle: Cycle
    teams: list[Team] = Field(default_factory=list)
    backlog: list[BacklogItem] = Field(default_factory=list)
    workshop: WorkshopPrep | None = None
    thresholds: Thresholds = Field(default_factory=Thresholds)
    coach_rules: dict[str, Any] = Field(default_factory=dict)

    def team(self, name: str) -> Team:
        for team in self.teams:
            if team.name == name:
                return team
        raise KeyError(name)

    def objectives(self) -> list[tuple[Team, Objective]]:
        return [(team, obj) for team in self.teams for obj in team.objectives]

    def key_results(self) -> dict[str, KeyResult]:
        return {kr.id: kr for _, obj in self.objectives() for kr in obj.key_results}

    def strategic_objectives(self, *, with_alignment_targets: bool = False) -> list[tuple[Team, Objective]]:
        """The strategic OKRs: those of the company and its business units.

        With `with_alignment_targets`, also any team objective another objective aligns to
        (the leadership report follows what the teams contribute to).
        """
        targets = {a for _, obj in self.objectives() for a in obj.aligns_to} if with_alignment_targets else set()
        return [(team, obj) for team, obj in self.objectives() if team.level in STRATEGIC_LEVELS or obj.id in targets]

    def objective(self, objective_id: str) -> Objective:
        for _, obj in self.objectives():
            if obj.id == objective_id:
                return obj
        raise KeyError(objective_id)

    def reference_problems(self) -> list[str]:
        """What ties between items are broken: duplicate ids, references to nothing.

        Kept out of validation so the coach can report them on a draft; the store refuses
        an engagement that has any.
        """
        problems: list[str] = []
        names = [t.name for t in self.teams]
        problems += [f"team name {n!r} is used twice" for n in _duplicates(names)]
        for i, team in enumerate(self.teams):
            if team.parent is not None and team.parent not in names:
                problems.append(f"teams[{i}].parent: no team is named {team.parent!r}")
            if team.parent == team.name:
                problems.append(f"teams[{i}].parent: a team cannot be its own parent")
        obj_ids = [o.id for _, o in self.objectives()]
        kr_ids = [kr.id for _, o in self.objectives() for kr in o.key_results]
        problems += [f"objective id {i!r} is used twice" for i in _duplicates(obj_ids)]
        problems += [f"key result id {i!r} is used twice" for i in _duplicates(kr_ids)]
        for ti, team in enumerate(self.teams):
            for oi, obj in enumerate(team.objectives):
                path = f"teams[{ti}].okrs[{oi}]"
                for target in obj.aligns_to:
                    if target not in obj_ids:
                        problems.append(f"{path}.aligns_to: no objective has the id {target!r}")
                    elif target == obj.id:
                        problems.append(f"{path}.aligns_to: an objective cannot align to itself")
                for peer in obj.shares_with:
                    if peer not in names:
                        problems.append(f"{path}.shares_with: no team is named {peer!r}")
        for bi, item in enumerate(self.backlog):
            if item.key_result not in kr_ids:
                problems.append(f"backlog[{bi}].key_result: no key result has the id {item.key_result!r}")
        return problems


def _duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


class CheckIn(_Model):
    """A weekly GRIP check-in: Goal confidence, Results progress, Issues, Plan forward."""

    team: Name
    date: dt.date
    confidence: Annotated[int, Field(ge=1, le=10)] | None = None
    values: dict[Ident, float] = Field(default_factory=dict)
    issues: Text = ""
    plan: Text = ""
    author: Annotated[str, Field(max_length=200)] = ""


class RetroItem(_Model):
    prompt: Name
    text: Annotated[str, Field(min_length=1, max_length=2000)]
    votes: Annotated[int, Field(ge=0, le=1000)] = 0
    author: Annotated[str, Field(max_length=200)] = ""


class Retro(_Model):
    """A retrospective: mid-cycle or at the end, in one of the registered formats."""

    team: Name
    date: dt.date
    kind: RetroKind = RetroKind.END
    format: str = "end-of-cycle"
    items: list[RetroItem] = Field(default_factory=list)
    actions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(default_factory=list)
    scores: dict[Ident, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _items_fit_format(self) -> Retro:
        if self.format not in RETRO_FORMATS:
            known = ", ".join(RETRO_FORMATS)
            raise ValueError(f"format {self.format!r} is not known; use one of {known}")
        prompts = RETRO_FORMATS[self.format].prompts
        for item in self.items:
            if item.prompt not in prompts:
                raise ValueError(
                    f"item prompt {item.prompt!r} is not a prompt of {self.format}: {', '.join(prompts)}"
                )
        return self


class EngagementRecord(_Model):
    """An engagement with everything recorded during it: the content of one YAML file."""

    engagement: Engagement
    checkins: list[CheckIn] = Field(default_factory=list)
    retros: list[Retro] = Field(default_factory=list)
