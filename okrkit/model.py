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
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from okrkit.errors import InputError
from okrkit.retro_formats import RETRO_FORMATS
from okrkit.vocabulary import change_direction

__all__ = [
    "AgendaItem",
    "BacklogItem",
    "CheckIn",
    "CheckInVersion",
    "Commitment",
    "Cycle",
    "Direction",
    "Dismissal",
    "Engagement",
    "EngagementRecord",
    "KRKind",
    "KeyResult",
    "Level",
    "Objective",
    "Participant",
    "PastCycle",
    "Phase",
    "Retro",
    "RetroItem",
    "RetroKind",
    "Team",
    "Thresholds",
    "WorkshopPrep",
    "Worldview",
]

# Control characters other than tab and newline are never meant (PostgreSQL refuses NUL,
# terminals obey escapes). Windows line ends become "\n". (pydantic itself refuses lone surrogates.)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EXACT = 2**53  # every integer up to this is stored exactly as a float (SQLite REAL, PostgreSQL double)


def _plain_text(value: str) -> str:
    if value.isprintable():  # the common case, checked in C
        return value
    value = value.replace("\r\n", "\n")
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"must not contain control characters (U+{ord(found.group()):04X} at position "
                         f"{found.start() + 1}); only tab and newline are allowed")
    return value


def _exact_number(value: Any) -> Any:
    """Refuse what pydantic would quietly turn into another number.

    true/false are not 1 and 0; and a float holds about 15 significant digits, so
    99999999999999999999 would be kept as 100000000000000000000, a different number than
    the one typed. Floats pass as they are.
    """
    if isinstance(value, bool):
        raise ValueError(f"must be a number, not {str(value).lower()}")
    if not isinstance(value, (int, str)):
        return value
    if isinstance(value, int):
        try:
            exact = float(value) == value
        except OverflowError:
            exact = False
        shown = f"{value}" if value.bit_length() < 200 else "a number of more than 60 digits"
    else:
        try:
            typed = Decimal(value.strip())
        except InvalidOperation:
            return value  # not a number at all: the float validator names the field
        exact = not typed.is_finite() or Decimal(repr(float(typed))) == typed
        shown = value.strip()[:40]
    if not exact:
        raise ValueError(f"{shown} has more digits than can be stored exactly (at most 15 significant digits)")
    return value


# Every text field of the model is one of these; every number refuses booleans.
# (The length comes before the check, so that pydantic reports it as a length.)
_PLAIN = AfterValidator(_plain_text)
Str = Annotated[str, _PLAIN]
Text = Annotated[str, Field(max_length=5000), _PLAIN]
Name = Annotated[str, Field(min_length=1, max_length=200), _PLAIN]
Short = Annotated[str, Field(max_length=200), _PLAIN]
Ident = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Number = Annotated[float, BeforeValidator(_exact_number)]
Whole = Annotated[int, BeforeValidator(_exact_number)]


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

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def check_date(self, day: dt.date, field: str = "date") -> None:
        """Refuse a check-in dated outside the cycle: it would be stored yet never counted."""
        if not self.contains(day):
            raise InputError(f"{field}: {day.isoformat()} is outside the cycle {self.name} "
                             f"({self.start.isoformat()} to {self.end.isoformat()}); choose a date within it",
                             field=field)

    def nearest_checkin_day(self, today: dt.date) -> dt.date:
        """The cycle's check-in day nearest `today` (the first before it starts, the last once it is over)."""
        days = self.checkin_dates() or [self.start]
        return min(days, key=lambda d: (abs((d - today).days), d > today))  # a tie goes to the past week

    def when(self, today: dt.date) -> str:
        """"before", "during" or "after" the cycle, on `today`."""
        return "before" if today < self.start else "after" if today > self.end else "during"


_RELATIVE_TARGET = re.compile(r"^(?:by\s+)?([+-])?\s*(\d+(?:\.\d+)?|\.\d+)\s*%$", re.IGNORECASE)


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
    unit: Annotated[str, Field(max_length=20), _PLAIN] = ""
    baseline: Number | None = None
    target: Number | None = None
    kind: KRKind = KRKind.METRIC
    owner: Short = ""
    weight: Annotated[Number, Field(gt=0, le=100)] = 1.0

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

    @property
    def unmeasurable_reason(self) -> str | None:
        """Why progress cannot be computed, in a coach's words; None when it can."""
        if self.baseline is None and self.target is None:
            return "no baseline or target: progress cannot be measured"
        if self.baseline is None or self.target is None:
            return f"no {'baseline' if self.baseline is None else 'target'}: progress cannot be measured"
        if self.target == self.baseline:
            return (f"baseline and target are both {self.target:g}: a key result that does not move shows no "
                    "progress; set the target the team wants to reach")
        return None


class Objective(_Model):
    """What a team wants to achieve and why, with the key results that will show it."""

    id: Ident
    title: Name = Field(alias="objective")
    why: Text = ""
    commitment: Commitment | None = None
    priority: Annotated[str, Field(max_length=500), _PLAIN] | None = None
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
    role: Short = ""
    presentation_minutes: Annotated[Whole, Field(ge=0, le=120)] = 10
    interview_notes: Text = ""


class AgendaItem(_Model):
    title: Name
    minutes: Annotated[Whole, Field(ge=0, le=600)]
    owner: Short = ""


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

    at_risk_gap: Annotated[Number, Field(ge=0, le=1)] = 0.10
    off_track_gap: Annotated[Number, Field(ge=0, le=1)] = 0.25
    on_track_confidence: Annotated[Whole, Field(ge=1, le=10)] = 7
    off_track_confidence: Annotated[Whole, Field(ge=1, le=10)] = 4

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.off_track_gap < self.at_risk_gap:
            raise ValueError("off_track_gap must be at least at_risk_gap")
        if self.off_track_confidence >= self.on_track_confidence:
            raise ValueError("off_track_confidence must be below on_track_confidence")
        return self


# What a coach finding can be about: a team, an objective, a key result, or one of their links.
_ITEM_PATH = re.compile(r"^teams\[(\d+)\](?:\.okrs\[(\d+)\](?:\.key_results\[(\d+)\])?)?"
                        r"(?:\.(parent|aligns_to|shares_with))?$")


def fingerprint(text: str) -> str:
    """A short digest of an item's text: a dismissal holds while the text it was given on is unchanged."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()[:12]


class Dismissal(_Model):
    """The human coach's judgment: this finding does not apply to this item, and why.

    `path` and `rule` are what `okrkit lint --format json` prints for the finding; `fingerprint`
    is filled in from the item's text when the dismissal is first read.
    """

    path: Annotated[str, Field(max_length=200, pattern=_ITEM_PATH.pattern)]
    rule: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9-]*$")]
    reason: Annotated[str, Field(min_length=1, max_length=1000)]
    fingerprint: Annotated[str, Field(pattern=r"^(?:[0-9a-f]{12})?$")] = ""


class Engagement(_Model):
    """One client engagement: who, where they stand, their strategy, teams and OKRs."""

    client: Name
    coach: Short = ""
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
    coach_dismissed: list[Dismissal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dismissals_point_at_items(self) -> Engagement:
        # A hand-written dismissal names its item by path; its fingerprint is taken from the
        # item's text now. One that already has a fingerprint may point at a moved or changed
        # item: the coach decides what happens to it (okrkit.coach.dismissals).
        for i, dismissal in enumerate(self.coach_dismissed):
            if dismissal.fingerprint:
                continue
            text = self.item_text(dismissal.path)
            if text is None:
                raise ValueError(f"coach_dismissed[{i}].path: no item at {dismissal.path!r}")
            object.__setattr__(dismissal, "fingerprint", fingerprint(text))
        return self

    def item_text(self, path: str) -> str | None:
        """The text of the item at a finding's path (a KR's or objective's title, a team's name, a link), or None."""
        m = _ITEM_PATH.match(path)
        if m is None:
            return None
        ti, oi, ki = (int(g) if g is not None else None for g in m.groups()[:3])
        link = m.group(4)
        try:
            team = self.teams[ti]  # type: ignore[index]
            if oi is None:
                return team.name if link is None else f"{team.name} {link} {team.parent or ''}"
            obj = team.objectives[oi]
            if ki is not None:
                return obj.key_results[ki].title if link is None else None
            if link is None:
                return obj.title
            return f"{obj.title} {link} {' '.join(getattr(obj, link, []) or [])}"
        except IndexError:
            return None

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
        teams = {t.name: i for i, t in enumerate(self.teams)}
        for cycle in _cycles({t.name: [t.parent] if t.parent and t.parent != t.name else [] for t in self.teams}):
            problems.append(f"teams[{teams[cycle[0]]}].parent: {' → '.join(cycle + cycle[:1])} is a cycle; "
                            "a team cannot be above itself")
        where = {o.id: f"teams[{ti}].okrs[{oi}]"
                 for ti, t in enumerate(self.teams) for oi, o in enumerate(t.objectives)}
        aligned = {o.id: [a for a in o.aligns_to if a in where and a != o.id] for _, o in self.objectives()}
        for cycle in _cycles(aligned):
            problems.append(f"{where[cycle[0]]}.aligns_to: {' → '.join(cycle + cycle[:1])} is a cycle; "
                            "an objective cannot contribute to itself")
        return problems


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of a directed graph once, found by a depth-first walk (linear in its size)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles = []
    for start in edges:
        if start in state:
            continue
        path, stack = [start], [iter(edges.get(start, ()))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(step) == 1:
                cycles.append(path[path.index(step):])
            elif step not in state:
                state[step] = 1
                path.append(step)
                stack.append(iter(edges.get(step, ())))
    return cycles


def _duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


class CheckIn(_Model):
    """A weekly GRIP check-in: Goal confidence, Results progress, Issues, Plan forward."""

    team: Name
    date: dt.date
    confidence: Annotated[Whole, Field(ge=1, le=10)] | None = None
    values: dict[Ident, Number] = Field(default_factory=dict)
    issues: Text = ""
    plan: Text = ""
    author: Short = ""


class CheckInVersion(_Model):
    """An earlier version of a week's check-in: what it said, and when it was recorded and replaced."""

    checkin: CheckIn
    recorded_at: dt.datetime
    replaced_at: dt.datetime

    def changes(self, now: CheckIn) -> list[str]:
        """What the current version changed, in words: ["confidence 7", "DT-1.1 88"] as they were."""
        was = []
        if self.checkin.confidence != now.confidence:
            was.append(f"confidence {self.checkin.confidence if self.checkin.confidence is not None else 'not set'}")
        for kr_id in dict.fromkeys([*self.checkin.values, *now.values]):
            old = self.checkin.values.get(kr_id)
            if old != now.values.get(kr_id):
                was.append(f"{kr_id} {'empty' if old is None else f'{old:g}'}")
        for name in ("issues", "plan"):
            if getattr(self.checkin, name) != getattr(now, name):
                was.append(f"{name} “{_clip(getattr(self.checkin, name))}”")
        return was


def _clip(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


class RetroItem(_Model):
    prompt: Name
    text: Annotated[str, Field(min_length=1, max_length=2000), _PLAIN]
    votes: Annotated[Whole, Field(ge=0, le=1000)] = 0
    author: Short = ""


class Retro(_Model):
    """A retrospective: mid-cycle or at the end, in one of the registered formats."""

    team: Name
    date: dt.date
    kind: RetroKind = RetroKind.END
    format: Short = "end-of-cycle"
    items: list[RetroItem] = Field(default_factory=list)
    actions: list[Annotated[str, Field(min_length=1, max_length=2000), _PLAIN]] = Field(default_factory=list)
    scores: dict[Ident, Annotated[Number, Field(ge=0, le=1)]] = Field(default_factory=dict)

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


class PastCycle(_Model):
    """A finished cycle as it was when the next one began: its teams' OKRs, check-ins and retros.

    Kept whole and never edited: planning the next cycle copies what it keeps, so the record
    of what a team set out to do, and how it went, stays true.
    """

    cycle: Cycle
    phase: Phase | None = None  # the engagement's phase during this cycle
    teams: list[Team] = Field(default_factory=list)
    checkins: list[CheckIn] = Field(default_factory=list)
    retros: list[Retro] = Field(default_factory=list)
    history: list[CheckInVersion] = Field(default_factory=list)  # check-ins as they were before an edit

    @model_validator(mode="after")
    def _records_belong_to_its_teams(self) -> PastCycle:
        names = {t.name for t in self.teams}
        teams = [("checkins", i, c.team) for i, c in enumerate(self.checkins)]
        teams += [("retros", i, r.team) for i, r in enumerate(self.retros)]
        for kind, i, team in teams:
            if team not in names:
                raise ValueError(f"{kind}[{i}].team: {team!r} is not a team of cycle {self.cycle.name}")
        return self


class EngagementRecord(_Model):
    """An engagement with everything recorded during it: the content of one YAML file.

    The top level is the current cycle; `cycles` holds the finished ones, oldest first.
    """

    engagement: Engagement
    checkins: list[CheckIn] = Field(default_factory=list)
    retros: list[Retro] = Field(default_factory=list)
    cycles: list[PastCycle] = Field(default_factory=list)
    history: list[CheckInVersion] = Field(default_factory=list)  # earlier versions of this cycle's check-ins

    @model_validator(mode="after")
    def _one_per_day(self) -> EngagementRecord:
        # The store keeps one check-in per team and day (one retro per team, day and kind):
        # a second one in the same file would silently replace the first.
        entries: list[tuple[str, Sequence[CheckIn | Retro]]] = [("checkins", self.checkins), ("retros", self.retros)]
        for name, items in entries:
            first: dict[Any, int] = {}
            for i, item in enumerate(items):
                kind = item.kind if isinstance(item, Retro) else None
                earlier = first.setdefault((item.team, item.date, kind), i)
                if earlier != i:
                    what = f"{kind.value} retrospective" if kind else "check-in"
                    raise ValueError(f"{name}[{i}]: a second {what} of {item.team} on {item.date} "
                                     f"(the first is {name}[{earlier}]); keep one")
        return self

    @model_validator(mode="after")
    def _cycles_in_order(self) -> EngagementRecord:
        names = [c.cycle.name for c in self.cycles] + [self.engagement.cycle.name]
        for name in _duplicates(names):
            raise ValueError(f"cycles: the name {name!r} is used by two cycles")
        ends = [c.cycle for c in self.cycles] + [self.engagement.cycle]
        for earlier, later in itertools.pairwise(ends):
            if later.start <= earlier.start:
                raise ValueError(f"cycles: {later.name} starts on {later.start}, not after {earlier.name} "
                                 f"({earlier.start} to {earlier.end}); list past cycles oldest first")
        return self

    def cycle_names(self) -> list[str]:
        """Every cycle of the engagement, oldest first; the last is the current one."""
        return [c.cycle.name for c in self.cycles] + [self.engagement.cycle.name]

    def for_cycle(self, name: str | None) -> EngagementRecord:
        """The record as it reads for one cycle (None or the current name: this record, unchanged).

        A past cycle reads through the same code as the current one: the engagement with that
        cycle's dates and teams, and that cycle's check-ins and retros.
        """
        if name is None or name == self.engagement.cycle.name:
            return self
        for past in self.cycles:
            if past.cycle.name == name:
                engagement = self.engagement.model_copy(update={
                    "cycle": past.cycle, "teams": past.teams, "phase": past.phase or self.engagement.phase})
                return EngagementRecord(engagement=engagement, checkins=past.checkins, retros=past.retros,
                                        history=past.history)
        raise KeyError(name)

    def archived(self) -> PastCycle:
        """The current cycle, as it will be kept once the next one starts."""
        return PastCycle(cycle=self.engagement.cycle, phase=self.engagement.phase, teams=self.engagement.teams,
                         checkins=self.checkins, retros=self.retros, history=self.history)

    def without_history(self) -> EngagementRecord:
        """The record without the earlier versions of its check-ins (what an export gives unless asked)."""
        return self.model_copy(update={"history": [], "cycles": [c.model_copy(update={"history": []})
                                                                  for c in self.cycles]})

    def check_dates(self) -> None:
        """Every check-in within the cycle (`Cycle.check_date`), naming the first one that is not."""
        for i, checkin in enumerate(self.checkins):
            self.engagement.cycle.check_date(checkin.date, field=f"checkins[{i}].date")
