"""The coach's portfolio: every engagement they hold, at a glance.

For each engagement: client, phase, cycle and week, the teams that checked in this week
(and those that did not), objectives at risk and off track, the latest retrospective, the
coach's open findings and the reports last made. Read from each engagement's store; one
engagement that cannot be read shows its error and does not hide the others.

ROOT is a firm's hub folder (its roster says which engagements a coach holds) or any
folder whose sub-folders are engagement folders (`okrkit new`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from okrkit.errors import InputError, OkrkitError

__all__ = ["PortfolioEntry", "beside", "portfolio", "render_html", "render_text"]

_REPORT_SUFFIXES = {".html", ".pdf"}


@dataclass
class PortfolioEntry:
    slug: str
    client: str = ""
    phase: str = ""
    cycle: str = ""
    week: int | None = None  # the cycle's week on the as-of day (1 = its first week)
    weeks: int | None = None
    as_of: str = ""
    teams: int = 0
    checked_in: list[str] = field(default_factory=list)  # teams with a check-in this week
    not_checked_in: list[str] = field(default_factory=list)
    at_risk: list[str] = field(default_factory=list)  # "DT-1 · Make the first week …"
    off_track: list[str] = field(default_factory=list)
    latest_retro: dict[str, str] | None = None  # team, date, kind
    findings: dict[str, int] = field(default_factory=dict)  # open coach findings by severity
    reports: list[dict[str, str]] = field(default_factory=list)  # the last few: name, made (ISO time)
    error: str | None = None  # why this engagement could not be read

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _folders(root: Path, coach: str | None) -> list[Path]:
    from okrkit.hub.roster import ROSTER_FILE, load_roster

    if (root / ROSTER_FILE).is_file():
        roster = load_roster(root)
        if coach is not None and not roster.is_coach(coach):
            raise InputError(f"{coach!r} is not a coach on the hub in {root}", field="coach")
        slugs = roster.held_by(coach) if coach else sorted(roster.engagements)
        return [roster.engagement_dir(s) for s in slugs]
    if coach is not None:
        raise InputError(f"--coach needs a hub folder (with {ROSTER_FILE}); {root} is not one", field="coach")
    if not root.is_dir():
        raise InputError(f"{root} is not a folder", field="root")
    return sorted(p for p in root.iterdir() if p.is_dir() and ((p / "okrkit.db").exists() or (p / "apps").is_dir()))


def _entry(folder: Path, as_of: dt.date | None, db_url: str | None) -> PortfolioEntry:
    from okrkit.coach import review
    from okrkit.progress import Status, default_as_of, engagement_status
    from okrkit.store import open_store

    entry = PortfolioEntry(folder.name)
    record = open_store(folder, db_url).load_record()
    engagement = record.engagement
    cycle = engagement.cycle
    day = default_as_of(cycle, as_of)
    status = engagement_status(engagement, record.checkins, as_of=day, retros=record.retros)
    entry.client, entry.phase, entry.cycle, entry.as_of = engagement.client, str(engagement.phase.value), \
        cycle.name, day.isoformat()
    entry.week = max(1, (day - cycle.start).days // 7 + 1) if day >= cycle.start else None
    entry.weeks = (cycle.end - cycle.start).days // 7 + 1
    week_start = day - dt.timedelta(days=day.weekday())
    this_week = {c.team for c in record.checkins if week_start <= c.date <= day}
    names = [t.name for t in engagement.teams]
    entry.teams = len(names)
    entry.checked_in = [n for n in names if n in this_week]
    entry.not_checked_in = [n for n in names if n not in this_week]
    for team in status.teams:
        for objective in team.objectives:
            line = f"{objective.id} · {objective.title}"
            if objective.status == Status.AT_RISK:
                entry.at_risk.append(line)
            elif objective.status == Status.OFF_TRACK:
                entry.off_track.append(line)
    retros = [r for r in record.retros if r.date <= day]
    if retros:
        latest = max(retros, key=lambda r: r.date)
        entry.latest_retro = {"team": latest.team, "date": latest.date.isoformat(), "kind": str(latest.kind.value)}
    entry.findings = dict(Counter(str(f.severity.value) for f in review(engagement)))
    reports = sorted((p for p in (folder / "reports").glob("*") if p.suffix in _REPORT_SUFFIXES),
                     key=lambda p: p.stat().st_mtime, reverse=True)[:3] if (folder / "reports").is_dir() else []
    entry.reports = [{"name": p.name,
                      "made": dt.datetime.fromtimestamp(p.stat().st_mtime).isoformat(timespec="minutes")}
                     for p in reports]
    return entry


def portfolio(root: str | Path, *, coach: str | None = None, as_of: dt.date | None = None,
              db_url: str | None = None) -> list[PortfolioEntry]:
    """One entry per engagement under `root` (a coach's only, with `coach` and a hub folder)."""
    entries = []
    for folder in _folders(Path(root), coach):
        try:
            entries.append(_entry(folder, as_of, db_url))
        except OkrkitError as error:
            entries.append(PortfolioEntry(folder.name, error=str(error)))
        except (SQLAlchemyError, OSError) as error:  # a damaged store (the store may raise these raw today)
            entries.append(PortfolioEntry(folder.name,
                                          error=f"its store cannot be read ({error.__class__.__name__})"))
    return entries


def beside(engagement_dir: str | Path) -> list[PortfolioEntry]:
    """The coach workbook's portfolio: on a hub, the engagements its coach holds; else the engagement folders
    beside this one."""
    from okrkit.hub.roster import ENGAGEMENTS_DIR, ROSTER_FILE

    folder = Path(engagement_dir).resolve()
    firm = folder.parent.parent
    coach = os.environ.get("JUPYTERHUB_USER")  # set in a coach's JupyterLab on the hub
    if folder.parent.name == ENGAGEMENTS_DIR and (firm / ROSTER_FILE).is_file():
        return portfolio(firm, coach=coach) if coach else portfolio(firm)
    return portfolio(folder.parent)


def _short(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _findings_text(findings: dict[str, int]) -> str:
    return ", ".join(f"{findings[s]} {s}" for s in ("error", "warning", "info") if findings.get(s)) or "none"


def render_text(entries: list[PortfolioEntry]) -> str:
    if not entries:
        return "No engagements."
    lines = []
    for e in entries:
        if e.error:
            lines += [f"{e.slug}: cannot be read: {e.error}", ""]
            continue
        week = f"week {e.week} of {e.weeks}" if e.week else "not started"
        lines.append(f"{e.client} ({e.slug}) · {e.phase} · {e.cycle}, {week} · as of {e.as_of}")
        lines.append(f"  check-ins this week: {len(e.checked_in)} of {e.teams} teams"
                     + (f" · missing: {_short(e.not_checked_in)}" if e.not_checked_in else ""))
        off = f" ({_short(e.off_track, 2)})" if e.off_track else ""
        lines.append(f"  objectives off track: {len(e.off_track)}{off} · at risk: {len(e.at_risk)}")
        retro = e.latest_retro
        lines.append("  latest retro: " + (f"{retro['team']}, {retro['kind']}, {retro['date']}" if retro else "none"))
        lines.append(f"  coach findings: {_findings_text(e.findings)}")
        lines.append("  reports: " + (", ".join(f"{r['name']} ({r['made']})" for r in e.reports) or "none yet"))
        lines.append("")
    return "\n".join(lines).rstrip()


def render_html(entries: list[PortfolioEntry], user: str, links: dict[str, str]) -> str:
    """The portfolio page of the hub: plain HTML, every text escaped, no script, no outside host."""
    rows = []
    for e in entries:
        if e.error:
            rows.append(f"<tr><td>{escape(e.slug)}</td><td colspan='6' class='err'>{escape(e.error)}</td></tr>")
            continue
        link = links.get(e.slug)
        name = f"<a href='{escape(link)}'>{escape(e.client)}</a>" if link else escape(e.client)
        week = f"week {e.week} of {e.weeks}" if e.week else "not started"
        retro = e.latest_retro
        rows.append(
            "<tr>"
            f"<td>{name}<div class='sub'>{escape(e.phase)}</div></td>"
            f"<td>{escape(e.cycle)}<div class='sub'>{escape(week)}</div></td>"
            f"<td>{len(e.checked_in)} / {e.teams}<div class='sub'>{escape(_short(e.not_checked_in))}</div></td>"
            f"<td><b class='off'>{len(e.off_track)} off track</b><div class='sub'>{len(e.at_risk)} at risk</div></td>"
            f"<td>{escape(retro['team'] + ', ' + retro['date']) if retro else '—'}</td>"
            f"<td>{escape(_findings_text(e.findings))}</td>"
            f"<td>{escape(', '.join(r['name'] for r in e.reports) or '—')}</td>"
            "</tr>")
    body = "".join(rows) or "<tr><td colspan='7'>You hold no engagement yet.</td></tr>"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portfolio · okrkit</title>
<style>body{{font-family:system-ui,sans-serif;margin:0;background:#f4f6fa;color:#1d2430}}
header{{background:#1f4e8c;color:#fff;padding:22px 28px}}h1{{margin:0;font-size:24px}}
main{{padding:20px 28px}}table{{border-collapse:collapse;background:#fff;width:100%}}
th,td{{text-align:left;padding:8px 10px;border-bottom:1px solid #dde2ea;vertical-align:top;font-size:14px}}
th{{font-size:12px;text-transform:uppercase;color:#5b6575}}.sub{{font-size:12px;color:#5b6575}}
.off{{color:#b42318}}.err{{color:#b42318}}a{{color:#1f4e8c}}</style></head><body>
<header><div>Portfolio of {escape(user)}</div><h1>Your engagements</h1></header><main><table>
<tr><th>Client</th><th>Cycle</th><th>Checked in this week</th><th>Objectives</th><th>Latest retro</th>
<th>Coach findings</th><th>Reports</th></tr>{body}</table></main></body></html>"""
