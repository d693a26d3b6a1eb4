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
from okrkit.model import CheckIn, Engagement, EngagementRecord, KeyResult, Objective, Team
from okrkit.store import Store, open_store

__all__ = ["checkin", "demo_folder", "engagement", "key_result", "objective", "scale_folder", "scale_record", "stored",
           "team"]


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


# --- an organisation at scale ------------------------------------------------------------------
# A bank like the seed's: a company, business units, and teams under them. Each team has 3
# objectives × 3 key results aligned to its unit's OKRs (vertical) and, for some, shared with a
# peer team (horizontal); weekly check-ins follow one of a few believable paths; about one team
# in five held a mid-cycle retrospective. Deterministic for a given seed.

UNITS = ["Digital Services", "Retail Banking", "Business Banking", "Cards & Payments", "Wealth Management",
         "Operations", "Technology Platforms", "Risk & Compliance", "Customer Care", "Marketing & Brand",
         "People & Culture", "Finance"]
_FUNCTIONS = ["Onboarding", "Payments", "Mobile App", "Web Banking", "Fraud Detection", "Lending", "Savings",
              "Data Platform", "Branch Network", "Contact Centre", "Pricing", "Identity", "Notifications",
              "Self-Service", "Partnerships", "Reporting", "Collections", "Mortgages", "Insurance", "Accessibility"]
# (title with {b} and {t}, baseline, target, unit): both directions, several units.
_KRS = [
    ("Increase completion of {f} journeys from {b}% to {t}%", 55, 80, "%"),
    ("Reduce {f} support tickets from {b} to {t} a month", 1400, 900, "tickets/month"),
    ("Raise {f} NPS from {b} to {t}", 18, 35, ""),
    ("Cut the average {f} handling time from {b} to {t} minutes", 14, 9, "min"),
    ("Grow weekly active users of {f} from {b}k to {t}k", 40, 65, "k users"),
    ("Lower the {f} error rate from {b}% to {t}%", 4.0, 1.5, "%"),
    ("Increase the share of {f} requests solved on first contact from {b}% to {t}%", 62, 85, "%"),
    ("Reduce {f} lead time for changes from {b} to {t} days", 12, 4, "days"),
    ("Increase {f} conversion from {b}% to {t}%", 3.0, 5.0, "%"),
]
_OBJECTIVES = [
    "Make {f} effortless for new customers",
    "Earn our customers' trust in {f}",
    "Make {f} faster than any bank in the market",
    "Turn {f} into a reason customers recommend us",
    "Make {f} resilient and boringly reliable",
    "Give our people the time to improve {f}",
]
_STRATEGIC = [
    ("Delight new customers in their first week", "Simplify onboarding for new customers"),
    ("Become the bank small businesses choose first", "Grow into the small-business segment"),
    ("Run critical systems customers never have to think about", "Improve resilience in critical systems"),
]
# Share of the way to target at the end of the cycle, and how the path gets there.
_PATHS = {"strong": (1.0, 1.0), "steady": (0.8, 1.0), "late": (0.85, 2.0), "stalls": (0.45, 0.6),
          "behind": (0.3, 1.3)}
_ISSUES = ["Waiting on another team's API change", "Two people out sick this week", "Data for the KR is a week late",
           "Priorities clash with the migration programme", "Legal review of the new copy is slow",
           "Release freeze until month end"]
_PLANS = ["Ship the next experiment to 10% of users", "Pair with the platform team on the blocker",
          "Review the funnel data with the unit lead", "Finish the A/B test and decide",
          "Run a customer interview round", "Clean up the metric's data source"]


def scale_record(teams: int = 200, *, units: int | None = None, seed: int = 2026, start: dt.date = dt.date(2026, 1, 5),
                 end: dt.date = dt.date(2026, 3, 27), client: str = "Banco Aurora") -> EngagementRecord:
    """A large organisation: `teams` teams under business units under a company, a quarter of check-ins."""
    import math
    import random

    from okrkit.model import Level, Retro

    if teams < 1:
        raise ValueError("teams must be at least 1")
    rng = random.Random(seed)
    n_units = units or min(len(UNITS), max(2, round(math.sqrt(teams) / 3)))
    unit_names = [UNITS[i] if i < len(UNITS) else f"Business Unit {i + 1}" for i in range(n_units)]

    def krs(prefix: str, function: str, offset: int) -> list[KeyResult]:
        out = []
        for k in range(3):
            title, b, t, unit = _KRS[(offset + k) % len(_KRS)]
            out.append(KeyResult(id=f"{prefix}.{k + 1}", title=title.format(f=function.lower(), b=b, t=t),
                                 baseline=b, target=t, unit=unit))
        return out

    company = Team(name=client, level=Level.COMPANY, objectives=[
        Objective(id=f"CO-{i + 1}", title=title, priority=priority, commitment="aspirational",
                  key_results=krs(f"CO-{i + 1}", "the bank's", i * 3))
        for i, (title, priority) in enumerate(_STRATEGIC)])
    all_teams = [company]
    unit_of: dict[str, str] = {}
    for u, unit in enumerate(unit_names):
        code = f"U{u + 1:02d}"
        all_teams.append(Team(name=unit, level=Level.BUSINESS_UNIT, parent=client, objectives=[
            Objective(id=f"{code}-{i + 1}", title=f"{title} through {unit}", aligns_to=[f"CO-{i + 1}"],
                      commitment="aspirational", key_results=krs(f"{code}-{i + 1}", unit, u + i * 3))
            for i, (title, _) in enumerate(_STRATEGIC)]))
    def team_name(n: int) -> str:
        return f"{_FUNCTIONS[(n // n_units) % len(_FUNCTIONS)]} Team {n + 1:04d}"

    for n in range(teams):
        u = n % n_units
        function = _FUNCTIONS[(n // n_units) % len(_FUNCTIONS)]
        name = team_name(n)
        unit_of[name] = unit_names[u]
        objectives = []
        for i in range(3):
            oid = f"T{n + 1:04d}-{i + 1}"
            # the next team of the same unit shares the first outcome (horizontal alignment)
            shares = [team_name(n + n_units)] if i == 0 and n % 4 == 0 and n + n_units < teams else []
            objectives.append(Objective(
                id=oid, title=_OBJECTIVES[(n + i) % len(_OBJECTIVES)].format(f=function.lower()),
                aligns_to=[f"U{u + 1:02d}-{i + 1}"], shares_with=shares,
                commitment="committed" if i == 2 else "aspirational", key_results=krs(oid, function, n + i)))
        all_teams.append(Team(name=name, parent=unit_names[u], objectives=objectives))
    engagement = Engagement(client=client, coach="Ana Lima", phase="implementation",
                            cycle={"name": "2026-Q1", "start": start, "end": end},
                            priorities=[p for _, p in _STRATEGIC], teams=all_teams)

    dates = engagement.cycle.checkin_dates()
    checkins: list[CheckIn] = []
    retros: list[Retro] = []
    for team_ in all_teams:
        final, curve = _PATHS[rng.choice(list(_PATHS))] if team_.level is Level.TEAM else (0.75, 1.0)
        mood = rng.uniform(-1, 1)
        bias = {kr.id: rng.uniform(0.8, 1.15) for o in team_.objectives for kr in o.key_results}
        for week, day in enumerate(dates):
            if team_.level is Level.TEAM and week > 0 and rng.random() < 0.06:
                continue  # a missed check-in now and then
            pace = (day - start).days / engagement.cycle.days
            share = final * pace ** curve
            values = {kr.id: _value_at(kr, max(0.0, share * bias[kr.id] * rng.uniform(0.95, 1.05)))
                      for o in team_.objectives for kr in o.key_results}
            standing = min(1.0, (share + 0.1) / (pace + 0.1))
            issue = rng.choice(_ISSUES) if rng.random() < 0.2 else ""
            checkins.append(CheckIn(team=team_.name, date=day, values=values, issues=issue, plan=rng.choice(_PLANS),
                                    confidence=min(10, max(1, round(2 + 7 * standing ** 1.5 + mood - bool(issue))))))
        if team_.level is Level.TEAM and rng.random() < 0.2:
            mid = dates[len(dates) // 2]
            retros.append(Retro(team=team_.name, date=mid, kind="mid-cycle", format="attractors-detractors", items=[
                {"prompt": "attractors", "text": "Weekly GRIP keeps the KR in sight", "votes": rng.randint(0, 5)},
                {"prompt": "detractors", "text": rng.choice(_ISSUES), "votes": rng.randint(1, 6)}],
                actions=[rng.choice(_PLANS)]))
    place = {t.name: i for i, t in enumerate(all_teams)}
    return EngagementRecord(engagement=engagement, checkins=sorted(checkins, key=lambda c: (c.date, place[c.team])),
                            retros=sorted(retros, key=lambda r: (r.date, place[r.team])))


def _value_at(kr: KeyResult, share: float) -> float:
    assert kr.baseline is not None and kr.target is not None
    value = kr.baseline + (kr.target - kr.baseline) * share
    return float(round(value)) if abs(value) >= 100 else round(value, 1)


def scale_folder(parent: str | Path, teams: int, name: str | None = None, url: str | None = None,
                 **options: Any) -> Path:
    """An engagement folder holding a generated organisation of `teams` teams; returns the folder."""
    folder = Path(parent) / (name or f"scale-{teams}")
    open_store(folder, url, create=True).import_record(scale_record(teams, **options))
    return folder
