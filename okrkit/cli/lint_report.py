"""What `okrkit lint` does once it runs: load the file, let the coach review it, lay out the findings.

The coach only reviews an Engagement; reading YAML or sheets and printing are the command's
job, here. Text output groups findings under each objective so a client can read it top to
bottom; JSON output is a flat list of findings for tools.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from okrkit.coach import review
from okrkit.coach.findings import Finding, Severity
from okrkit.errors import InputError, OkrkitError
from okrkit.model import Cycle, Engagement

__all__ = ["exit_code", "format_json", "format_text", "lint", "load_engagement"]

_SHEETS = {".csv", ".xlsx", ".xlsm"}


def load_engagement(path: Path) -> Engagement:
    """The engagement in a YAML file, or the teams of an OKR sheet in a bare engagement."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("no such file", source=str(path))
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


def exit_code(findings: Sequence[Finding]) -> int:
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def format_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False)


def _indexes(path: str) -> tuple[int | None, int | None, int | None]:
    numbers: list[int | None] = [int(n) for n in re.findall(r"\[(\d+)\]", path)]
    numbers += [None] * (3 - len(numbers))
    return numbers[0], numbers[1], numbers[2]


def format_text(engagement: Engagement, findings: Sequence[Finding]) -> str:
    """Findings under the team and objective they concern, each with the coach's advice."""
    if not findings:
        return "No findings: these OKRs read as outcomes a team can measure."
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
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    lines += ["", f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
                  f"{counts[Severity.INFO]} tip(s)"]
    return "\n".join(lines).lstrip("\n")


def lint(path: Path, *, fmt: str = "text", rules: Sequence[str] | None = None) -> tuple[str, int]:
    """The report and the exit code for one file; raises `InputError` when it cannot be read."""
    engagement = load_engagement(path)
    findings = review(engagement, rules=rules)
    report = format_json(findings) if fmt == "json" else format_text(engagement, findings)
    return report, exit_code(findings)
