"""Progress, pace, status and scores: pure functions over the model.

- KR progress is (current − baseline) / (target − baseline), the same formula for
  increasing and decreasing metrics. The raw value is kept (over-achievement > 1, going
  backwards < 0); `progress` is that clipped to 0–1. Milestones are 0 or 1. A KR with no
  check-in yet is 0 and flagged `checked_in=False`.
- Objective progress is the weighted mean of its KRs' clipped progress.
- Pace (expected progress) on a date is the elapsed share of the cycle.
- Status compares progress with pace and caps it by the team's latest confidence; the
  thresholds are `Thresholds` in the model, which a coach sets per engagement.
- The end-of-cycle score is the clipped progress at the end, or the score the team gave
  in its end-of-cycle retrospective. Read as usual: ~0.7 is success for an aspirational
  OKR, 1.0 is expected of a committed one.

No pandas here: `okrkit.frames` builds DataFrames from these results when one is wanted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from okrkit.formatting import number
from okrkit.model import (
    CheckIn,
    Commitment,
    Cycle,
    Direction,
    Engagement,
    KeyResult,
    KRKind,
    Level,
    Retro,
    RetroKind,
    Thresholds,
)

__all__ = [
    "EngagementStatus",
    "KRStatus",
    "ObjectiveStatus",
    "Status",
    "TeamStatus",
    "Trend",
    "classify",
    "confidence_trend",
    "default_as_of",
    "engagement_status",
    "expected_progress",
    "implausible",
    "implausible_values",
    "kr_raw_progress",
    "latest_values",
    "score_reading",
    "team_progress_series",
]


class Status(StrEnum):
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


@dataclass(frozen=True)
class KRStatus:
    id: str
    title: str
    unit: str
    kind: KRKind
    direction: Direction | None
    baseline: float | None
    target: float | None
    current: float | None  # latest checked-in value on the as-of date
    raw: float  # unclipped progress: > 1 over-achieved, < 0 went backwards
    progress: float  # clipped to 0–1
    checked_in: bool
    measurable: bool
    status: Status
    updated: dt.date | None
    unmeasurable_reason: str | None = None  # why progress cannot be computed, when it cannot


@dataclass(frozen=True)
class ObjectiveStatus:
    id: str
    title: str
    team: str
    commitment: Commitment | None
    aligns_to: list[str]
    progress: float
    status: Status
    key_results: list[KRStatus]


RECENT_CHECKINS = 4  # the trend is read over the last month of weekly check-ins


@dataclass(frozen=True)
class Trend:
    points: list[tuple[dt.date, int]]  # the whole cycle
    slope_per_week: float  # least-squares slope of the recent confidences, points per week

    @property
    def direction(self) -> str:
        if len(self.points) < 2 or abs(self.slope_per_week) < 0.15:
            return "steady"
        return "rising" if self.slope_per_week > 0 else "falling"


@dataclass(frozen=True)
class TeamStatus:
    name: str
    level: Level
    parent: str | None
    confidence: int | None
    last_checkin: dt.date | None
    trend: Trend
    objectives: list[ObjectiveStatus]


@dataclass(frozen=True)
class EngagementStatus:
    client: str
    cycle: Cycle
    as_of: dt.date
    expected: float
    thresholds: Thresholds
    teams: list[TeamStatus] = field(default_factory=list)

    def objectives(self) -> list[ObjectiveStatus]:
        return [obj for team in self.teams for obj in team.objectives]

    def key_results(self) -> dict[str, KRStatus]:
        return {kr.id: kr for obj in self.objectives() for kr in obj.key_results}


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def kr_raw_progress(kr: KeyResult, current: float | None) -> float:
    """Unclipped progress of a KR at `current`; 0 when there is no value or no target."""
    if current is None or not kr.measurable:
        return 0.0
    if kr.kind is KRKind.MILESTONE:
        return 1.0 if current >= 1 else 0.0
    assert kr.baseline is not None and kr.target is not None
    return (current - kr.baseline) / (kr.target - kr.baseline)


IMPLAUSIBLE_SPANS = 10  # a value more than ten baseline–target spans away is most likely a slip


def implausible(kr: KeyResult, value: float) -> str | None:
    """A question to ask before saving `value` for `kr` when it looks like a slip of the keyboard.

    A percentage outside 0–100, or a value more than ten times the baseline–target span
    outside that range. None when the value is plausible; it is never refused for this.
    """
    if kr.kind is KRKind.MILESTONE:
        return None
    unit = kr.unit.strip()
    shown = f"{number(value)} {unit}".rstrip()
    if unit == "%" and not 0 <= value <= 100:
        return f"Is {shown} right? A percentage is usually between 0 and 100."
    if kr.baseline is None or kr.target is None:
        return None
    low, high = sorted((kr.baseline, kr.target))
    span = (high - low) or max(abs(high), 1.0)
    if value < low - IMPLAUSIBLE_SPANS * span or value > high + IMPLAUSIBLE_SPANS * span:
        return (f"Is {shown} right? It is far outside the key result's range, "
                f"{number(kr.baseline)} → {number(kr.target)}.")
    return None


def implausible_values(engagement: Engagement, checkins: Iterable[CheckIn]) -> list[str]:
    """One line per checked-in value that `implausible` questions: what an import warns about."""
    krs = engagement.key_results()
    lines = []
    for checkin in checkins:
        for kr_id, value in checkin.values.items():
            question = implausible(krs[kr_id], value) if kr_id in krs else None
            if question:
                lines.append(f"{checkin.team} {checkin.date.isoformat()} {kr_id}: {question}")
    return lines


def expected_progress(cycle: Cycle, on: dt.date) -> float:
    """The share of the cycle elapsed on `on`: 0 at the start, 1 at the end."""
    return _clip((on - cycle.start).days / cycle.days)


def classify(progress: float, expected: float, confidence: int | None, thresholds: Thresholds) -> Status:
    """On track, at risk or off track, from progress against pace and the confidence."""
    gap = expected - progress
    if gap > thresholds.off_track_gap or (confidence is not None and confidence <= thresholds.off_track_confidence):
        return Status.OFF_TRACK
    if gap > thresholds.at_risk_gap or (confidence is not None and confidence < thresholds.on_track_confidence):
        return Status.AT_RISK
    return Status.ON_TRACK


def default_as_of(cycle: Cycle, today: dt.date | None = None) -> dt.date:
    """Today, or the cycle's last day once the cycle is over."""
    return min(today or dt.date.today(), cycle.end)


def latest_values(checkins: Iterable[CheckIn], as_of: dt.date) -> dict[str, tuple[float, dt.date]]:
    """The latest value of each KR reported on or before `as_of`, with its date."""
    latest: dict[str, tuple[float, dt.date]] = {}
    for checkin in sorted(checkins, key=lambda c: c.date):
        if checkin.date > as_of:
            break
        for kr_id, value in checkin.values.items():
            latest[kr_id] = (value, checkin.date)
    return latest


def confidence_trend(checkins: Iterable[CheckIn], team: str, as_of: dt.date | None = None) -> Trend:
    points = sorted(
        (c.date, c.confidence)
        for c in checkins
        if c.team == team and c.confidence is not None and (as_of is None or c.date <= as_of)
    )
    return Trend(points=points, slope_per_week=_slope_per_week(points[-RECENT_CHECKINS:]))


def _slope_per_week(points: list[tuple[dt.date, int]]) -> float:
    if len(points) < 2:
        return 0.0
    xs = [(d - points[0][0]).days / 7 for d, _ in points]
    ys = [float(c) for _, c in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def _final_scores(retros: Iterable[Retro]) -> dict[str, float]:
    """KR scores given in end-of-cycle retrospectives; a later retro overrides an earlier one."""
    scores: dict[str, float] = {}
    for retro in sorted(retros, key=lambda r: r.date):
        if retro.kind is RetroKind.END:
            scores.update(retro.scores)
    return scores


def engagement_status(
    engagement: Engagement,
    checkins: Iterable[CheckIn],
    as_of: dt.date | None = None,
    retros: Iterable[Retro] = (),
) -> EngagementStatus:
    """Progress, pace and status of every team, objective and KR on `as_of`.

    On or after the cycle's end, KRs scored in an end-of-cycle retrospective take that
    score as their progress.
    """
    checkins = list(checkins)
    as_of = as_of or default_as_of(engagement.cycle)
    expected = expected_progress(engagement.cycle, as_of)
    thresholds = engagement.thresholds
    values = latest_values(checkins, as_of)
    final = _final_scores(r for r in retros if r.date <= as_of) if as_of >= engagement.cycle.end else {}
    by_team: dict[str, list[CheckIn]] = {}  # grouped once: scanning every check-in per team is quadratic
    for c in checkins:
        if c.date <= as_of:
            by_team.setdefault(c.team, []).append(c)
    teams = []
    for team in engagement.teams:
        own = by_team.get(team.name, [])
        trend = confidence_trend(own, team.name)
        confidence = trend.points[-1][1] if trend.points else None
        objectives = []
        for obj in team.objectives:
            krs = [_kr_status(kr, values.get(kr.id), final.get(kr.id), expected, thresholds) for kr in obj.key_results]
            weights = [kr.weight for kr in obj.key_results]
            progress = sum(w * k.progress for w, k in zip(weights, krs, strict=True)) / sum(weights) if krs else 0.0
            objectives.append(ObjectiveStatus(
                id=obj.id, title=obj.title, team=team.name, commitment=obj.commitment,
                aligns_to=list(obj.aligns_to), progress=progress,
                status=classify(progress, expected, confidence, thresholds), key_results=krs,
            ))
        teams.append(TeamStatus(
            name=team.name, level=team.level, parent=team.parent, confidence=confidence,
            last_checkin=max((c.date for c in own), default=None), trend=trend, objectives=objectives,
        ))
    return EngagementStatus(
        client=engagement.client, cycle=engagement.cycle, as_of=as_of, expected=expected,
        thresholds=thresholds, teams=teams,
    )


def team_progress_series(engagement: Engagement, checkins: Iterable[CheckIn], team: str,
                         until: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """A team's mean objective progress on each of its check-in days up to `until`: its trend line."""
    known = [c for c in checkins if until is None or c.date <= until]
    series = []
    for day in sorted({c.date for c in known if c.team == team}):
        status = engagement_status(engagement, known, as_of=day)
        objectives = next(t for t in status.teams if t.name == team).objectives
        if objectives:
            series.append((day, sum(o.progress for o in objectives) / len(objectives)))
    return series


def _kr_status(
    kr: KeyResult,
    latest: tuple[float, dt.date] | None,
    final_score: float | None,
    expected: float,
    thresholds: Thresholds,
) -> KRStatus:
    current, updated = latest if latest else (None, None)
    raw = kr_raw_progress(kr, current)
    progress = _clip(raw) if final_score is None else final_score
    return KRStatus(
        id=kr.id, title=kr.title, unit=kr.unit, kind=kr.kind, direction=kr.direction,
        baseline=kr.baseline, target=kr.target, current=current, raw=raw, progress=progress,
        checked_in=latest is not None, measurable=kr.measurable,
        status=classify(progress, expected, None, thresholds), updated=updated,
        unmeasurable_reason=kr.unmeasurable_reason,
    )


def score_reading(score: float, commitment: Commitment | None) -> str:
    """How a coach reads an end-of-cycle score (0.0–1.0)."""
    if commitment is Commitment.COMMITTED:
        return "delivered" if score >= 0.999 else "missed (committed OKRs are expected at 1.0)"
    if score >= 0.7:
        return "success" if score < 0.999 else "fully achieved (was it ambitious enough?)"
    if score >= 0.4:
        return "progress, short of the 0.7 that counts as success"
    return "fell short"
