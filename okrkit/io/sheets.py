"""The spreadsheet layouts coaches keep: check-ins and OKRs, one row per key result.

Check-ins: `date, team, kr, value` and optionally `confidence, issues, plan, author`;
the rows of one team on one date make one check-in.

OKR sheet: `team, objective_id, objective, kr_id, key_result` and optionally `level,
parent, why, commitment, priority, aligns_to, shares_with, baseline, target, unit, kind,
owner, weight`; the objective's columns repeat on each of its KR rows. Lists
(`aligns_to`, `shares_with`) are separated by `;`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from okrkit.errors import InputError
from okrkit.io.tables import Row, no_cycle_collector, number, progress, read_rows, text, when, write_csv
from okrkit.model import CheckIn, CheckInVersion, Engagement, KeyResult, Objective, Retro, Team
from okrkit.validation import parse

__all__ = [
    "CHECKIN_COLUMNS",
    "OKR_COLUMNS",
    "merge_teams",
    "read_checkins",
    "read_okr_sheet",
    "write_checkins",
    "write_okr_sheet",
    "write_retros",
]

CHECKIN_COLUMNS = ("date", "team", "kr", "value", "confidence", "issues", "plan", "author")
OKR_COLUMNS = (
    "team", "level", "parent", "objective_id", "objective", "why", "commitment", "priority", "aligns_to",
    "shares_with", "kr_id", "key_result", "baseline", "target", "unit", "kind", "owner", "weight",
)
_RELATIVE = re.compile(r"^\s*(by\s|[+-])", re.IGNORECASE)


def read_checkins(path: str | Path) -> list[CheckIn]:
    with no_cycle_collector():
        return _read_checkins(Path(path))


def _read_checkins(path: Path) -> list[CheckIn]:
    grouped: dict[tuple[str, Any], dict[str, Any]] = {}
    for row in _progress(read_rows(path, ("date", "team", "kr", "value")), path):
        key = (text(path, row, "team", required=True), when(path, row, "date"))
        checkin = grouped.setdefault(key, {"team": key[0], "date": key[1], "values": {}, "rows": []})
        checkin["rows"].append(row[0])
        kr = text(path, row, "kr", required=True)
        if kr in checkin["values"]:
            raise InputError(f"{path.name} row {row[0]}, column kr: {kr} already has a value for "
                             f"{key[0]} on {key[1]}", field="kr")
        checkin["values"][kr] = number(path, row, "value", required=True)
        for column in ("confidence", "issues", "plan", "author"):
            _agree(path, row, column, checkin)
    checkins = []
    for data in grouped.values():
        source = f"{path.name} row {data.pop('rows')[0]}"
        checkins.append(parse(CheckIn, data, source=source))
    return sorted(checkins, key=lambda c: (c.date, c.team))


def _progress(rows: list[Row], path: Path) -> Iterable[Row]:
    return progress(rows, f"checking {path.name}", total=len(rows))


def _agree(path: Path, row: Row, column: str, checkin: dict[str, Any]) -> None:
    """Confidence, issues … belong to the check-in; rows of one check-in may repeat them or leave them blank."""
    if column == "confidence":
        value: Any = number(path, row, column)
        if value is not None and not value.is_integer():
            raise InputError(f"{path.name} row {row[0]}, column confidence: must be a whole number from 1 to 10, "
                             f"not {value:g}", field=column)
        value = int(value) if value is not None else None
    else:
        value = text(path, row, column) or None
    if value is None:
        return
    if checkin.get(column) not in (None, value):
        raise InputError(f"{path.name} row {row[0]}, column {column}: differs from an earlier row of the same "
                         f"check-in ({checkin['team']}, {checkin['date']})", field=column)
    checkin[column] = value


def write_checkins(checkins: list[CheckIn], path: str | Path) -> None:
    rows: list[list[Any]] = []
    for c in checkins:
        # Check-in fields go on every row so that any row read alone is complete.
        values: list[tuple[str, float | None]] = list(c.values.items()) or [("", None)]
        for kr, value in values:
            rows.append([c.date.isoformat(), c.team, kr, _num(value), c.confidence or "", c.issues, c.plan, c.author])
    write_csv(Path(path), CHECKIN_COLUMNS, rows)


def write_checkin_history(versions: list[CheckInVersion], path: str | Path) -> None:
    """Earlier versions of check-ins, one row per value as in checkins.csv, with when each was replaced."""
    rows: list[list[Any]] = []
    for v in versions:
        c = v.checkin
        values: list[tuple[str, float | None]] = list(c.values.items()) or [("", None)]
        for kr, value in values:
            rows.append([v.replaced_at.isoformat(timespec="seconds"), v.recorded_at.isoformat(timespec="seconds"),
                         c.date.isoformat(), c.team, kr, _num(value), c.confidence or "", c.issues, c.plan, c.author])
    write_csv(Path(path), ("replaced_at", "recorded_at", *CHECKIN_COLUMNS), rows)


def read_okr_sheet(path: str | Path) -> list[Team]:
    """Teams with their objectives and KRs, in the sheet's order."""
    path = Path(path)
    teams: dict[str, dict[str, Any]] = {}
    objectives: dict[str, dict[str, Any]] = {}
    for row in read_rows(path, ("team", "objective_id", "objective", "kr_id", "key_result")):
        source = f"{path.name} row {row[0]}"
        name = text(path, row, "team", required=True)
        team = teams.setdefault(name, {"name": name, "okrs": []})
        for column in ("level", "parent"):
            if text(path, row, column):
                team[column] = text(path, row, column)
        obj_id = text(path, row, "objective_id", required=True)
        if obj_id not in objectives:
            objectives[obj_id] = {
                "id": obj_id, "objective": text(path, row, "objective", required=True),
                "why": text(path, row, "why"), "commitment": text(path, row, "commitment") or None,
                "priority": text(path, row, "priority") or None,
                "aligns_to": _list(text(path, row, "aligns_to")), "shares_with": _list(text(path, row, "shares_with")),
                "key_results": [], "team": name,
            }
            team["okrs"].append(objectives[obj_id])
        elif objectives[obj_id]["team"] != name:
            raise InputError(f"{source}, column objective_id: {obj_id} belongs to {objectives[obj_id]['team']}",
                             field="objective_id")
        target_text = text(path, row, "target")
        kr = {
            "id": text(path, row, "kr_id", required=True), "title": text(path, row, "key_result", required=True),
            "unit": text(path, row, "unit"), "baseline": number(path, row, "baseline"),
            "target": target_text if _RELATIVE.match(target_text) else number(path, row, "target"),
            "kind": text(path, row, "kind") or "metric", "owner": text(path, row, "owner"),
            "weight": _default(number(path, row, "weight"), 1.0),
        }
        objectives[obj_id]["key_results"].append(parse(KeyResult, kr, source=source))
    for obj in objectives.values():
        del obj["team"]
    return [parse(Team, t, source=path.name) for t in teams.values()]


def _default(value: float | None, default: float) -> float:
    return default if value is None else value  # 0 is a value (and refused for a weight), not a blank


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def merge_teams(engagement: Engagement, teams: list[Team]) -> Engagement:
    """The engagement with the sheet's teams merged in: for a team it already has, what the
    sheet gives (its OKRs, and level or parent when given) replaces the old; members stay."""
    by_name = {t.name: t for t in teams}
    merged = []
    for team in engagement.teams:
        new = by_name.pop(team.name, None)
        merged.append(team if new is None else team.model_copy(
            update={field: getattr(new, field) for field in new.model_fields_set}))
    merged += by_name.values()
    return engagement.model_copy(update={"teams": merged})


def write_okr_sheet(engagement: Engagement, path: str | Path) -> None:
    rows = []
    for team in engagement.teams:
        for obj in team.objectives:
            krs: list[KeyResult | None] = [*obj.key_results] or [None]
            for kr in krs:
                rows.append(_okr_row(team, obj, kr))
    write_csv(Path(path), OKR_COLUMNS, rows)


def _okr_row(team: Team, obj: Objective, kr: KeyResult | None) -> list[Any]:
    head = [
        team.name, team.level.value, team.parent or "", obj.id, obj.title, obj.why,
        obj.commitment.value if obj.commitment else "", obj.priority or "", ";".join(obj.aligns_to),
        ";".join(obj.shares_with),
    ]
    if kr is None:
        return head + [""] * 8
    return head + [kr.id, kr.title, _num(kr.baseline), _num(kr.target), kr.unit, kr.kind.value, kr.owner,
                   _num(kr.weight)]


def write_retros(retros: list[Retro], path: str | Path) -> None:
    """One row per item, action or score, so a spreadsheet can filter and pivot them."""
    rows: list[list[Any]] = []
    for r in retros:
        head = [r.date.isoformat(), r.team, r.kind.value, r.format]
        rows += [head + ["item", i.prompt, i.text, i.votes, i.author] for i in r.items]
        rows += [head + ["action", "", a, "", ""] for a in r.actions]
        rows += [head + ["score", kr, _num(score), "", ""] for kr, score in r.scores.items()]
    write_csv(Path(path), ("date", "team", "kind", "format", "entry", "prompt_or_kr", "text_or_score", "votes",
                           "author"), rows)


def _num(value: float | None) -> Any:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value
