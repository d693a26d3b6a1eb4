"""pandas tables of an engagement, for a coach's own analysis in a notebook.

The computations live in `okrkit.progress`; these functions only lay the results out as
DataFrames. pandas is imported when a table is asked for, never at `import okrkit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from okrkit.model import CheckIn
from okrkit.progress import EngagementStatus

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["checkins_frame", "confidence_frame", "kr_frame", "objective_frame"]


def _pd():  # type: ignore[no-untyped-def]
    import pandas as pd  # lazy: ~0.4 s, and apps that show no table never need it

    return pd


def kr_frame(status: EngagementStatus) -> pd.DataFrame:
    """One row per key result: team, objective, values, progress (clipped and raw), status."""
    rows = [
        {
            "team": obj.team, "objective": obj.id, "kr": kr.id, "title": kr.title, "unit": kr.unit,
            "baseline": kr.baseline, "target": kr.target, "current": kr.current, "progress": kr.progress,
            "raw_progress": kr.raw, "checked_in": kr.checked_in, "status": kr.status.value, "updated": kr.updated,
        }
        for obj in status.objectives()
        for kr in obj.key_results
    ]
    return _pd().DataFrame(rows, columns=list(rows[0]) if rows else ["team", "objective", "kr"])


def objective_frame(status: EngagementStatus) -> pd.DataFrame:
    """One row per objective: progress, the expected pace on the as-of date, status."""
    rows = [
        {"team": o.team, "objective": o.id, "title": o.title, "progress": o.progress, "expected": status.expected,
         "status": o.status.value}
        for o in status.objectives()
    ]
    return _pd().DataFrame(rows, columns=["team", "objective", "title", "progress", "expected", "status"])


def checkins_frame(checkins: Iterable[CheckIn]) -> pd.DataFrame:
    """The check-ins in the long layout coaches keep in spreadsheets: one row per KR value."""
    rows = [
        {"date": c.date, "team": c.team, "kr": kr, "value": value, "confidence": c.confidence,
         "issues": c.issues, "plan": c.plan, "author": c.author}
        for c in checkins
        for kr, value in (c.values.items() or [(None, None)])
    ]
    return _pd().DataFrame(rows, columns=["date", "team", "kr", "value", "confidence", "issues", "plan", "author"])


def confidence_frame(checkins: Iterable[CheckIn]) -> pd.DataFrame:
    """Confidence with a row per team and a column per check-in date."""
    rows = [{"team": c.team, "date": c.date, "confidence": c.confidence} for c in checkins if c.confidence]
    frame = _pd().DataFrame(rows, columns=["team", "date", "confidence"])
    return frame.pivot_table(index="team", columns="date", values="confidence", sort=False)
