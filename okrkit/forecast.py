"""Forecasts: where each key result lands at the cycle's end if the team keeps its pace so far.

The pace is a Theil–Sen slope: the median of the slopes between every pair of readings (the
baseline at the cycle's start counts as the first reading). A median ignores the odd week
that was typed wrong or caught a spike, which a least-squares line would chase. The forecast
starts from the latest reading and runs at that pace to the end; the band runs at the
quartiles of the pairwise slopes, so a steady team gets a narrow band and an erratic one a
wide band. Milestones are done or not done, so they get no forecast.

`backtest` measures the method on weeks already past: forecast from the first k check-ins,
compare with the value actually reached at the end.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from okrkit.model import CheckIn, Cycle, Engagement, KeyResult, KRKind
from okrkit.progress import kr_raw_progress

__all__ = ["Backtest", "Forecast", "backtest", "forecast_kr", "forecasts"]

MIN_READINGS = 2  # the baseline and one check-in already give a pace
_BAND_Z = 1.28  # the band holds the end value four times in five if weeks keep varying as they have


@dataclass(frozen=True)
class Forecast:
    kr_id: str
    on: dt.date  # the cycle's end
    value: float
    low: float
    high: float
    progress: float  # raw progress of `value`: > 1 beyond the target, < 0 backwards
    low_progress: float
    high_progress: float
    readings: int

    def sentence(self, unit: str = "") -> str:
        """'at this pace: 84 % by 27 Mar' — the way the apps and reports say it."""
        return f"at this pace: {round(self.progress * 100):d} % by {self.on:%d %b}"


def _readings(kr: KeyResult, cycle: Cycle, checkins: Iterable[CheckIn], as_of: dt.date) -> list[tuple[int, float]]:
    """(day of the cycle, value): the baseline on day 0, then each check-in's value up to `as_of`."""
    points = [(0, kr.baseline)] if kr.baseline is not None else []
    for checkin in sorted(checkins, key=lambda c: c.date):
        if checkin.date <= as_of and kr.id in checkin.values:
            points.append(((checkin.date - cycle.start).days, checkin.values[kr.id]))
    return points


def forecast_kr(kr: KeyResult, cycle: Cycle, checkins: Iterable[CheckIn], as_of: dt.date) -> Forecast | None:
    """The value `kr` reaches at the cycle's end at its pace so far; None when it cannot be said."""
    if kr.kind is KRKind.MILESTONE or not kr.measurable:
        return None
    points = _readings(kr, cycle, checkins, as_of)
    slopes = sorted((y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(points)
                    for x2, y2 in points[i + 1:] if x2 > x1)
    if len(points) < MIN_READINGS or not slopes:
        return None
    last_day, last_value = points[-1]
    remaining = max(0, cycle.days - last_day)
    pace = statistics.median(slopes)
    value = last_value + pace * remaining
    spread = _BAND_Z * math.sqrt(_noise(points, pace) * (remaining + remaining**2 / max(1, last_day - points[0][0])))
    low, high = value - spread, value + spread
    low_p, high_p = sorted((kr_raw_progress(kr, low), kr_raw_progress(kr, high)))
    return Forecast(
        kr_id=kr.id, on=cycle.end, value=value, low=low, high=high, progress=kr_raw_progress(kr, value),
        low_progress=low_p, high_progress=high_p, readings=len(points),
    )


def _noise(points: list[tuple[int, float]], pace: float) -> float:
    """How much a day's movement strays from the pace (variance per day), read off the readings so far.

    The path is taken as the pace plus week-to-week noise that adds up like a random walk, so
    over R more days the end value strays by that variance × R, plus the doubt about the pace
    itself, which grows with R² and shrinks with the days already observed.
    """
    steps = [(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in itertools.pairwise(points) if x2 > x1]
    if len(steps) < 2:
        return 0.0
    return statistics.fmean((dy - pace * dx) ** 2 / dx for dx, dy in steps)


def forecasts(engagement: Engagement, checkins: Iterable[CheckIn], as_of: dt.date) -> dict[str, Forecast]:
    """Every key result's forecast on `as_of`, keyed by KR id (those that cannot be forecast are left out)."""
    by_team: dict[str, list[CheckIn]] = {}
    for checkin in checkins:
        by_team.setdefault(checkin.team, []).append(checkin)
    found = {}
    for team in engagement.teams:
        for obj in team.objectives:
            for kr in obj.key_results:
                fc = forecast_kr(kr, engagement.cycle, by_team.get(team.name, []), as_of)
                if fc is not None:
                    found[kr.id] = fc
    return found


@dataclass(frozen=True)
class Backtest:
    forecasts: int  # forecasts made on past weeks
    key_results: int
    mean_abs_error: float  # in progress points (1.0 = the whole baseline → target span)
    within_band: float  # share of final values inside the forecast's band
    naive_mean_abs_error: float  # the same for "progress so far ÷ time elapsed", for comparison

    def summary(self) -> str:
        return (f"{self.forecasts} forecasts of {self.key_results} key results: mean error "
                f"{self.mean_abs_error * 100:.1f} progress points (naive straight line from the baseline: "
                f"{self.naive_mean_abs_error * 100:.1f}); {self.within_band:.0%} of final values inside the band")


def backtest(engagement: Engagement, checkins: Iterable[CheckIn], min_week: int = 3) -> Backtest | None:
    """Forecast each KR from its first k check-ins (k ≥ `min_week`) and compare with its last reading."""
    cycle = engagement.cycle
    checkins = list(checkins)
    errors, naive, inside, krs = [], [], 0, 0
    for team in engagement.teams:
        own = sorted((c for c in checkins if c.team == team.name), key=lambda c: c.date)
        for obj in team.objectives:
            for kr in obj.key_results:
                dated = [c for c in own if kr.id in c.values]
                if kr.kind is KRKind.MILESTONE or not kr.measurable or len(dated) <= min_week:
                    continue
                krs += 1
                final = kr_raw_progress(kr, dated[-1].values[kr.id])
                end_share = (dated[-1].date - cycle.start).days / cycle.days
                for k in range(min_week, len(dated)):
                    as_of = dated[k - 1].date
                    # Forecast to the day of the last reading, so that a cycle whose last check-in
                    # falls before its end is judged on what was actually measured.
                    fc = forecast_kr(kr, _until(cycle, dated[-1].date), dated, as_of)
                    if fc is None:
                        continue
                    errors.append(abs(fc.progress - final))
                    inside += fc.low_progress - 1e-9 <= final <= fc.high_progress + 1e-9
                    elapsed = (as_of - cycle.start).days / cycle.days
                    so_far = kr_raw_progress(kr, dated[k - 1].values[kr.id])
                    naive.append(abs(so_far / elapsed * end_share - final) if elapsed else abs(final))
    if not errors:
        return None
    return Backtest(forecasts=len(errors), key_results=krs, mean_abs_error=statistics.fmean(errors),
                    within_band=inside / len(errors), naive_mean_abs_error=statistics.fmean(naive))


def _until(cycle: Cycle, end: dt.date) -> Cycle:
    return cycle.model_copy(update={"end": max(end, cycle.start + dt.timedelta(days=1))})
