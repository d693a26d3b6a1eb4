"""`okrkit status` output: the engagement's status as text for people or JSON for programs."""

from __future__ import annotations

import json
from typing import Any

from okrkit.formatting import number, percent, unit_suffix
from okrkit.progress import EngagementStatus, KRStatus, Status
from okrkit.units import UnitSummary, furthest

__all__ = ["overview_text", "status_dict", "status_json", "status_text"]

_BAR = 12


def _bar(progress: float) -> str:
    filled = round(progress * _BAR)
    return "█" * filled + "░" * (_BAR - filled)


def _kr_note(kr: KRStatus) -> str:
    if not kr.measurable:
        return kr.unmeasurable_reason or "progress cannot be measured"
    if not kr.checked_in:
        return "not checked in yet"
    if kr.raw > 1:
        return f"beyond target ({percent(kr.raw)})"
    if kr.raw < 0:
        return f"went backwards ({percent(kr.raw)})"
    return ""


def status_text(status: EngagementStatus) -> str:
    cycle = status.cycle
    lines = [
        f"{status.client} · cycle {cycle.name} ({cycle.start} → {cycle.end}) · as of {status.as_of}"
        f" · expected progress {percent(status.expected)}",
    ]
    for team in status.teams:
        confidence = (f"confidence {team.confidence}/10 ({team.trend.direction})" if team.confidence
                      else "no confidence yet")
        last = f"last check-in {team.last_checkin}" if team.last_checkin else "no check-in yet"
        lines += ["", f"{team.name} ({team.level.value}) · {confidence} · {last}"]
        if not team.objectives:
            lines.append("  no objectives this cycle")
        for obj in team.objectives:
            lines.append(f"  {obj.id:<8} {obj.title}")
            lines.append(f"  {'':<8} {_bar(obj.progress)} {percent(obj.progress):>5}  {obj.status.label}")
            for kr in obj.key_results:
                unit = unit_suffix(kr.unit)
                span = f"{number(kr.baseline)} → {number(kr.target)}{unit}"
                now = f"now {number(kr.current)}{unit}" if kr.checked_in else "now —"
                note = _kr_note(kr)
                lines.append(f"    {kr.id:<8} {kr.title}")
                lines.append(
                    f"    {'':<8} {_bar(kr.progress)} {percent(kr.progress):>5}  {span} · {now}"
                    f" · {kr.status.label}" + (f" · {note}" if note else "")
                )
    counts = {s: sum(o.status is s for o in status.objectives()) for s in Status}
    lines += ["", "Objectives: " + ", ".join(f"{n} {s.label}" for s, n in counts.items())]
    return "\n".join(lines)


def overview_text(status: EngagementStatus, units: list[UnitSummary], top: list[str]) -> str:
    """A large engagement at a glance: the strategic OKRs, one line per business unit, the ten furthest behind."""
    cycle = status.cycle
    lines = [f"{status.client} · cycle {cycle.name} ({cycle.start} → {cycle.end}) · as of {status.as_of}"
             f" · expected progress {percent(status.expected)}", ""]
    by_id = {o.id: o for o in status.objectives()}
    for oid in top:
        o = by_id[oid]
        lines.append(f"  {o.id:<8} {_bar(o.progress)} {percent(o.progress):>5}  {o.status.label:<9} {o.title}")
    width = max([len(u.name) for u in units] + [13])
    lines += ["", f"  {'business unit':<{width}}  teams  {'on track':>8}  {'at risk':>7}  {'off track':>9}  progress"
                  "       confidence  falling  silent 2 wk"]
    for u in units:
        conf = f"{u.mean_confidence:.1f}/10" if u.mean_confidence is not None else "—"
        lines.append(f"  {u.name:<{width}}  {len(u.teams):>5}  {u.counts[Status.ON_TRACK]:>8}  "
                     f"{u.counts[Status.AT_RISK]:>7}  {u.counts[Status.OFF_TRACK]:>9}  {_bar(u.mean_progress)} "
                     f"{percent(u.mean_progress):>4}  {conf:>7}  {u.falling:>7}  {u.silent:>11}")
    objectives = [o for u in units for o in u.objectives]
    lines += ["", "Furthest behind the pace:"]
    for o in furthest(objectives, status.expected, 10):
        lines.append(f"  {o.id:<10} {percent(o.progress):>5}  {o.status.label:<9} {o.team}: {o.title}")
    counts = {s: sum(o.status is s for o in status.objectives()) for s in Status}
    lines += ["", "Objectives: " + ", ".join(f"{n} {s.label}" for s, n in counts.items()),
              f"{sum(len(u.teams) for u in units)} teams: `okrkit status DIR --unit NAME` lists a unit's teams, "
              "`--team NAME` one team, `--format json` all of them."]
    return "\n".join(lines)


def status_dict(status: EngagementStatus) -> dict[str, Any]:
    return {
        "client": status.client,
        "cycle": status.cycle.model_dump(mode="json"),
        "as_of": status.as_of.isoformat(),
        "expected_progress": round(status.expected, 4),
        "thresholds": status.thresholds.model_dump(),
        "teams": [
            {
                "name": t.name, "level": t.level.value, "parent": t.parent, "confidence": t.confidence,
                "confidence_trend": t.trend.direction,
                "last_checkin": t.last_checkin.isoformat() if t.last_checkin else None,
                "objectives": [
                    {
                        "id": o.id, "title": o.title, "commitment": o.commitment.value if o.commitment else None,
                        "aligns_to": o.aligns_to, "progress": round(o.progress, 4), "status": o.status.value,
                        "key_results": [_kr_dict(kr) for kr in o.key_results],
                    }
                    for o in t.objectives
                ],
            }
            for t in status.teams
        ],
    }


def _kr_dict(kr: KRStatus) -> dict[str, Any]:
    return {
        "id": kr.id, "title": kr.title, "unit": kr.unit, "kind": kr.kind.value,
        "direction": kr.direction.value if kr.direction else None, "baseline": kr.baseline, "target": kr.target,
        "current": kr.current, "progress": round(kr.progress, 4), "raw_progress": round(kr.raw, 4),
        "checked_in": kr.checked_in, "measurable": kr.measurable, "status": kr.status.value,
        "updated": kr.updated.isoformat() if kr.updated else None,
    }


def status_json(status: EngagementStatus) -> str:
    return json.dumps(status_dict(status), indent=2, ensure_ascii=False)
