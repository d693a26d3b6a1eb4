"""The engagement YAML file: the one file a coach edits by hand and keeps in git.

Its top level is the engagement (client, cycle, teams and their okrs …) with optional
lists beside it: `checkins` and `retros` of the current cycle, and `cycles`, the finished
cycles oldest first, each with its own `cycle`, `phase`, `teams`, `checkins` and `retros`.
Reading validates everything and reports the first problem in one line naming the field;
writing keeps it tidy for a human: fields in a fixed order, defaults left out, whole numbers
without ".0".
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Any

import yaml

from okrkit.errors import InputError
from okrkit.io import safe_yaml
from okrkit.model import CheckIn, CheckInVersion, Engagement, EngagementRecord, PastCycle, Retro
from okrkit.validation import parse

__all__ = ["dump_record", "load_record", "read_record", "record_from_dict", "record_to_dict", "write_record"]


def record_from_dict(data: Any, *, source: str | None = None) -> EngagementRecord:
    if not isinstance(data, dict):
        raise InputError("the file must hold a mapping of fields (client:, cycle:, teams: …)", source=source)
    data = dict(data)
    checkins = data.pop("checkins", None) or []
    retros = data.pop("retros", None) or []
    cycles = data.pop("cycles", None) or []
    history = data.pop("checkin_history", None) or []
    for name, value in (("checkins", checkins), ("retros", retros), ("cycles", cycles),
                        ("checkin_history", history)):
        if not isinstance(value, list):
            raise InputError(f"{name}: must be a list", field=name, source=source)
    engagement = parse(Engagement, data, source=source)
    _check_coach_rules(engagement, source)
    record = parse(EngagementRecord, {
        "engagement": engagement,
        "checkins": [parse(CheckIn, c, source=source, prefix=f"checkins[{i}]") for i, c in enumerate(checkins)],
        "retros": [parse(Retro, r, source=source, prefix=f"retros[{i}]") for i, r in enumerate(retros)],
        "cycles": [parse(PastCycle, _past_cycle_from_file(c), source=source, prefix=f"cycles[{i}]")
                   for i, c in enumerate(cycles)],
        "history": [parse(CheckInVersion, _version_from_file(v), source=source, prefix=f"checkin_history[{i}]")
                    for i, v in enumerate(history)],
    }, source=source)
    try:
        record.check_dates()
    except InputError as error:
        raise InputError(str(error), field=error.field, source=source) from None
    return record


def _past_cycle_from_file(entry: Any) -> Any:
    if not isinstance(entry, dict) or "checkin_history" not in entry:
        return entry
    entry = dict(entry)
    history = entry.pop("checkin_history")
    entry["history"] = [_version_from_file(v) for v in history] if isinstance(history, list) else history
    return entry


def _version_from_file(entry: Any) -> Any:
    """A history entry is written as a check-in with `recorded_at` and `replaced_at` beside its fields."""
    if not isinstance(entry, dict):
        return entry
    entry = dict(entry)
    return {"recorded_at": entry.pop("recorded_at", None), "replaced_at": entry.pop("replaced_at", None),
            "checkin": entry}


def _check_coach_rules(engagement: Engagement, source: str | None) -> None:
    """`coach_rules` is checked as strictly as every other field, by the coach's own config."""
    if not engagement.coach_rules:
        return
    from okrkit.coach.config import load_config  # lazy: the coach's rules load only when a file tunes them

    try:
        load_config(engagement.coach_rules)
    except InputError as error:
        raise InputError(str(error), field=error.field, source=source) from None


def read_record(text: str, *, source: str | None = None) -> EngagementRecord:
    try:
        data = safe_yaml.load(text)
    except InputError as error:
        raise InputError(str(error), source=source) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and start and mark and start.line != mark.line:  # where the unfinished part began
            problem += f" ({context} from line {start.line + 1}, column {start.column + 1})"
        raise InputError(f"{where}{problem}", source=source) from None
    return record_from_dict(data, source=source)


def load_record(path: str | Path) -> EngagementRecord:
    path = Path(path)
    try:
        if path.stat().st_size > safe_yaml.MAX_BYTES:  # refused before it is read
            raise InputError(f"is {path.stat().st_size / 1e6:.0f} MB; an engagement file is at most "
                             f"{safe_yaml.MAX_BYTES // 1_000_000} MB", source=str(path))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot be read ({error.__class__.__name__})", source=str(path)) from None
    return read_record(text, source=str(path))


def record_to_dict(record: EngagementRecord) -> dict[str, Any]:
    data = _tidy(record.engagement.model_dump(by_alias=True, exclude_defaults=True))
    # Values in the order the KRs are defined, so that the same record always gives the same text.
    place = {kr_id: i for i, kr_id in enumerate(record.engagement.key_results())}
    if record.checkins:
        data["checkins"] = [
            _tidy(c.model_copy(update={"values": dict(sorted(c.values.items(), key=lambda v: place.get(v[0], 1e9)))})
                  .model_dump(exclude_defaults=True))
            for c in record.checkins
        ]
    if record.retros:
        data["retros"] = [_tidy(r.model_dump(exclude_defaults=True)) for r in record.retros]
    if record.cycles:
        data["cycles"] = [_past_cycle(c) for c in record.cycles]
    if record.history:
        data["checkin_history"] = _history(record.history)
    return data


def _history(versions: list[CheckInVersion]) -> list[dict[str, Any]]:
    # Full precision: the moment a version was replaced is its identity on a later import.
    return [{"recorded_at": v.recorded_at.isoformat(), "replaced_at": v.replaced_at.isoformat(),
             **_tidy(v.checkin.model_dump(exclude_defaults=True))} for v in versions]


def _past_cycle(past: PastCycle) -> dict[str, Any]:
    """A finished cycle written the way the top level writes the current one."""
    as_record = record_to_dict(EngagementRecord(
        engagement=Engagement(client="-", cycle=past.cycle, teams=past.teams), checkins=past.checkins,
        retros=past.retros))
    data = {"cycle": as_record["cycle"]}
    if past.phase is not None:
        data["phase"] = past.phase.value
    data |= {k: as_record[k] for k in ("teams", "checkins", "retros") if k in as_record}
    if past.history:
        data["checkin_history"] = _history(past.history)
    return data


def _tidy(value: Any) -> Any:
    """Plain YAML types: enums as text, times as "14:00", 40.0 as 40; empty parts dropped."""
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Short mappings of scalars (key results, check-in values) on one line, as coaches write them."""

    def represent_dict(self, data: dict[str, Any]) -> yaml.MappingNode:  # type: ignore[override]
        node = super().represent_dict(data)
        flat = all(not isinstance(v, (dict, list)) for v in data.values())
        node.flow_style = flat and len(data) <= 8 and sum(len(str(v)) for v in data.values()) < 120
        return node

    def represent_list(self, data: list[Any]) -> yaml.SequenceNode:  # type: ignore[override]
        node = super().represent_list(data)
        flat = all(isinstance(v, (str, int, float)) for v in data)
        node.flow_style = flat and sum(len(str(v)) for v in data) < 60
        return node


_Dumper.add_representer(dict, _Dumper.represent_dict)
_Dumper.add_representer(list, _Dumper.represent_list)
# Text that YAML 1.2, as the reader reads it, takes for a number is written quoted: to
# PyYAML's YAML 1.1 "0E0", "1e3" and "0o17" are words. (1.1's own forms stay quoted too.)
safe_yaml.add_core_schema(_Dumper)


def dump_record(record: EngagementRecord) -> str:
    return yaml.dump(record_to_dict(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_record(record: EngagementRecord, path: str | Path) -> None:
    Path(path).write_text(dump_record(record), encoding="utf-8")
