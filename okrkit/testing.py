"""Helpers for tests — ours and a coach's own: temporary engagements and small builders.

    from okrkit.testing import demo_folder, engagement
    folder = demo_folder(tmp_path)          # the Banco Aurora demo, stored in tmp_path/demo
    e = engagement(teams=[team("Ops", okrs=[objective("O-1", krs=[key_result("O-1.1")])])])
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from okrkit.demo import demo_record
from okrkit.model import CheckIn, Engagement, KeyResult, Objective, Team
from okrkit.store import Store, open_store

__all__ = ["checkin", "demo_folder", "engagement", "key_result", "objective", "stored", "team"]


def demo_folder(parent: str | Path, name: str = "demo", url: str | None = None) -> Path:
    """An engagement folder holding the demo engagement's store; returns the folder."""
    folder = Path(parent) / name
    open_store(folder, url, create=True).import_record(demo_record())
    return folder


def stored(parent: str | Path, eng: Engagement, name: str = "engagement", url: str | None = None) -> Store:
    """A new store in `parent/name` holding `eng`."""
    store = open_store(Path(parent) / name, url, create=True)
    store.save_engagement(eng)
    return store


def key_result(id: str = "T-1.1", title: str = "Increase activation from 20% to 40%", baseline: float | None = 20,
               target: float | None = 40, **fields: Any) -> KeyResult:
    return KeyResult(id=id, title=title, baseline=baseline, target=target, **fields)


def objective(id: str = "T-1", title: str = "Make new users successful in their first week",
              krs: list[KeyResult] | None = None, **fields: Any) -> Objective:
    return Objective(id=id, title=title, key_results=krs if krs is not None else [key_result(f"{id}.1")], **fields)


def team(name: str = "Team", okrs: list[Objective] | None = None, **fields: Any) -> Team:
    return Team(name=name, objectives=okrs if okrs is not None else [objective()], **fields)


def engagement(teams: list[Team] | None = None, start: dt.date = dt.date(2026, 1, 5),
               end: dt.date = dt.date(2026, 3, 27), **fields: Any) -> Engagement:
    return Engagement(
        client=fields.pop("client", "Test Client"),
        cycle={"name": "2026-Q1", "start": start, "end": end},
        teams=teams if teams is not None else [team()],
        **fields,
    )


def checkin(team: str = "Team", date: dt.date = dt.date(2026, 2, 6), confidence: int | None = 7,
            **values: float) -> CheckIn:
    """`checkin("Team", date, 7, **{"T-1.1": 30})`."""
    return CheckIn(team=team, date=date, confidence=confidence, values=values)
