"""Confidence that learns: how each team's weekly confidence compared with what it achieved.

Once a cycle is over, a team's result is the mean end-of-cycle score of its objectives
(0–1, as `engagement_status` gives it on the last day). Each weekly confidence (1–10) is read
as a forecast of that result on the same scale: confidence 8 says "about 0.8". The gap is
confidence ÷ 10 − result, in points of the confidence scale (+2 = two points more confident
than the results bore out); the Brier-like score is the mean squared gap on the 0–1 scale
(0 is perfect, 0.25 is what always saying 5 scores on a coin-flip outcome).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from okrkit.model import CheckIn, Engagement, Retro
from okrkit.progress import engagement_status

__all__ = ["TeamCalibration", "calibration"]

CLOSE = 1.0  # within one point of the scale, confidence and result agree


@dataclass(frozen=True)
class TeamCalibration:
    team: str
    result: float  # mean end-of-cycle objective score, 0–1
    weeks: list[tuple[int, int]]  # (week of the cycle, confidence)
    mean_gap: float  # points of the 1–10 scale; > 0 over-confident
    brier: float
    until_week: int | None  # the last week the gap was over a point, when the gap closed after it

    def sentence(self) -> str:
        """What a coach would say of it, in plain words."""
        scores = f"(result {self.result:.2f}, Brier score {self.brier:.2f})"
        if abs(self.mean_gap) < CLOSE:
            if self.until_week is None:
                return f"{self.team}'s confidence matched its results, within a point every week {scores}."
            return (f"{self.team}'s confidence was within a point of its results from week "
                    f"{self.until_week + 1} on {scores}.")
        more = "more" if self.mean_gap > 0 else "less"
        text = f"{self.team} was {abs(self.mean_gap):.1f} points {more} confident than its results"
        if self.until_week is not None:
            text += f" until week {self.until_week}, then within a point"
        return f"{text} {scores}."


def calibration(engagement: Engagement, checkins: Iterable[CheckIn],
                retros: Iterable[Retro] = ()) -> list[TeamCalibration]:
    """Each team's calibration for a finished cycle; teams with no objectives or no confidence are left out."""
    cycle = engagement.cycle
    checkins = list(checkins)
    final = engagement_status(engagement, checkins, cycle.end, retros)
    found = []
    for team in final.teams:
        if not team.objectives:
            continue
        result = statistics.fmean(obj.progress for obj in team.objectives)
        weeks = sorted((_week(cycle.start, c.date), c.confidence) for c in checkins
                       if c.team == team.name and c.confidence is not None and c.date <= cycle.end)
        if not weeks:
            continue
        gaps = [conf - result * 10 for _, conf in weeks]
        found.append(TeamCalibration(
            team=team.name, result=result, weeks=weeks, mean_gap=statistics.fmean(gaps),
            brier=statistics.fmean((conf / 10 - result) ** 2 for _, conf in weeks),
            until_week=_until_week(weeks, gaps),
        ))
    return found


def _week(start: dt.date, day: dt.date) -> int:
    return (day - start).days // 7 + 1


def _until_week(weeks: list[tuple[int, int]], gaps: list[float]) -> int | None:
    """The week after which the team's confidence stayed within a point of its result, if it did."""
    off = [i for i, gap in enumerate(gaps) if abs(gap) > CLOSE]
    if not off or off[-1] == len(gaps) - 1:
        return None
    return weeks[off[-1]][0]
