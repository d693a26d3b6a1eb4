"""What `okrkit lint` does once it runs: load the file, let the coach review it, lay out the findings.

The coach only reviews an Engagement; reading folders, YAML or sheets and printing are the
command's job, here. Text output groups findings under each objective so a client can read it
top to bottom; JSON output is a flat list of findings for tools. Findings the human coach
dismissed are counted, not shown, unless `--all`; a dismissal whose item's text changed is
named in a note.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from okrkit.coach import review
from okrkit.coach.dismissals import settle, split
from okrkit.coach.findings import Finding, Severity
from okrkit.errors import InputError, OkrkitError
from okrkit.model import Cycle, Engagement

__all__ = ["exit_code", "format_json", "format_text", "lint", "load_engagement"]

_SHEETS = {".csv", ".xlsx", ".xlsm"}


def load_engagement(path: Path) -> Engagement:
    """The engagement in a YAML file, an engagement folder, or the teams of an OKR sheet in a bare engagement."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("no such file", source=str(path))
    if path.is_dir():
        return _folder_engagement(path)
    try:
        if suffix in {".yaml", ".yml"}:
            from okrkit.io.yaml_file import load_record

            return load_record(path).engagement
        if suffix in _SHEETS:
            from okrkit.io.sheets import read_okr_sheet

            today = dt.date.today()  # a sheet has no cycle; the coach does not look at dates
            cycle = Cycle(name="sheet", start=today, end=today + dt.timedelta(days=90))
            return Engagement(client=path.stem, cycle=cycle, teams=read_okr_sheet(path))
    except OkrkitError:
        raise
    except Exception as error:  # a corrupt workbook raises whatever its reader raises
        raise InputError(f"cannot be read ({error.__class__.__name__}: {error})", source=str(path)) from None
    raise InputError("is neither an engagement YAML (.yaml) nor an OKR sheet (.csv, .xlsx)", source=str(path))


def _folder_engagement(folder: Path) -> Engagement:
    """An engagement folder: its store (the SQLite file, or $OKRKIT_DB_URL), else its engagement.yaml."""
    from okrkit.store import open_store
    from okrkit.store.engine import DB_FILE, ENV_URL

    if (folder / DB_FILE).exists() or os.environ.get(ENV_URL):
        store = open_store(folder)
        if store.has_engagement():
            return store.load_engagement()
    if (folder / "engagement.yaml").exists():
        return load_engagement(folder / "engagement.yaml")
    raise InputError(f"is a folder with neither a store ({DB_FILE}) nor an engagement.yaml; "
                     "give an engagement folder, an engagement YAML or an OKR sheet", source=str(folder))


def exit_code(findings: Sequence[Finding]) -> int:
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def format_json(findings: Sequence[Finding], dismissed: dict[tuple[str, str], str] | None = None) -> str:
    """The findings as a list; with `dismissed` ((path, rule) → reason), dismissed ones carry their reason."""
    dismissed = dismissed or {}
    rows = [f.to_dict() | ({"dismissed": dismissed[(f.path, f.rule)]} if (f.path, f.rule) in dismissed else {})
            for f in findings]
    return json.dumps(rows, indent=2, ensure_ascii=False)


def _indexes(path: str) -> tuple[int | None, int | None, int | None]:
    numbers: list[int | None] = [int(n) for n in re.findall(r"\[(\d+)\]", path)]
    numbers += [None] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2]


def format_text(engagement: Engagement, findings: Sequence[Finding], *, hidden: int = 0,
                dismissed: dict[tuple[str, str], str] | None = None, notes: Sequence[str] = ()) -> str:
    """Findings under the team and objective they concern, each with the coach's advice.

    `hidden` findings were dismissed by the coach and left out; `dismissed` ((path, rule) →
    reason) marks the ones shown anyway (`--all`); `notes` say which dismissals lapsed.
    """
    dismissed = dismissed or {}
    tail = [*(f"note: {n}" for n in notes)]
    if hidden:
        tail.append(f"{hidden} finding{'s' if hidden != 1 else ''} dismissed by the coach (--all shows them)")
    if not findings:
        return "\n".join(["No findings: these OKRs read as outcomes a team can measure.", *tail])
    lines: list[str] = []
    shown_team: int | None = -1
    shown_obj: tuple[int | None, int | None] = (-1, -1)
    for f in findings:
        ti, oi, ki = _indexes(f.path)
        if ti is not None and ti != shown_team:
            team = engagement.teams[ti]
            lines += ["", f"{team.name} ({team.level.value})"]
            shown_team, shown_obj = ti, (ti, None)
        if oi is not None and (ti, oi) != shown_obj:
            obj = engagement.teams[ti].objectives[oi]  # type: ignore[index]
            lines.append(f"  {obj.id}  {obj.title}")
            shown_obj = (ti, oi)
        indent = "    " if oi is not None else "  "
        where = ""
        if ki is not None:
            kr = engagement.teams[ti].objectives[oi].key_results[ki]  # type: ignore[index]
            where = f"{kr.id}: "
        lines.append(f"{indent}{f.severity.value:7}  {where}{f.message}  [{f.rule}]")
        lines.append(f"{indent}         -> {f.suggestion}")
        if (f.path, f.rule) in dismissed:
            lines.append(f"{indent}         (dismissed by the coach: {dismissed[(f.path, f.rule)]})")
    active = [f for f in findings if (f.path, f.rule) not in dismissed]
    counts = {s: sum(f.severity is s for f in active) for s in Severity}
    lines += ["", f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                  f"{counts[Severity.INFO]} tip(s)"]
    if dismissed:
        lines.append(f"and {len(findings) - len(active)} dismissed by the coach (marked above, with their reasons)")
    return "\n".join([*lines, *tail]).lstrip("\n")


def lint(path: Path, *, fmt: str = "text", rules: Sequence[str] | None = None,
         show_all: bool = False) -> tuple[str, int]:
    """The report and the exit code for one file or folder; raises `InputError` when it cannot be read.

    The exit code counts only findings the coach has not dismissed.
    """
    engagement = load_engagement(path)
    everything = review(engagement, rules=rules, include_dismissed=True)
    shown, hidden = split(engagement, everything)
    settled = settle(engagement)
    reasons = {(d.path, d.rule): d.reason for d in settled.kept} if show_all else {}
    listed = everything if show_all else shown
    if fmt == "json":
        report = format_json(listed, reasons)
    else:
        report = format_text(engagement, listed, hidden=0 if show_all else len(hidden), dismissed=reasons,
                             notes=settled.notes)
    return report, exit_code(shown)
