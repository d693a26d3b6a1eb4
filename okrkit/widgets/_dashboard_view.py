"""The dashboard's pages as HTML, from the records' status: no widgets, so a child process can build them.

`DashboardView(engagement, status, checkins, retros)` gives the parts every view is made of
(summary cards, a team's card, tables of units, teams and extremes, retrospectives).
`scale_parts(...)` assembles the whole-engagement or one-unit view of a large organisation:
the dashboard's kernel asks `_chart_worker` for it, so that 1,000 teams' records are read,
and let go, in a short-lived child process instead of the visitor's kernel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from okrkit.formatting import unit_suffix
from okrkit.model import CheckIn, Engagement, Level, Retro
from okrkit.progress import EngagementStatus, KRStatus, ObjectiveStatus, Status, TeamStatus
from okrkit.retro_formats import RETRO_FORMATS
from okrkit.units import furthest, unit_of, unit_summaries
from okrkit.widgets._html import esc, fmt_number, progress_bar, status_badge

__all__ = ["LATEST_RETROS", "DashboardView", "scale_parts"]

_TOP_NOTES = 3  # per question: a dashboard shows what mattered most, the retro app shows all
LATEST_RETROS = 5  # at scale, the most recent retrospectives only
_TREND_WORDS = {"rising": "↗ rising", "falling": "↘ falling", "steady": "→ steady"}


@dataclass
class DashboardView:
    """HTML of the records' status on one day."""

    engagement: Engagement
    status: EngagementStatus
    checkins: Sequence[CheckIn]
    retros: Sequence[Retro]

    def units_html(self, summaries: list[Any]) -> str:
        expected = self.status.expected
        rows = "".join(
            f"<tr><td><b>{esc(u.name)}</b></td><td>{len(u.teams)}</td>"
            + "".join(f"<td>{status_badge(st.value)} {u.counts[st]}</td>" for st in Status)
            + f"<td>{progress_bar(u.mean_progress, u.worst.value, expected=expected)}</td>"
            f"<td>{f'{u.mean_confidence:.1f}/10' if u.mean_confidence is not None else '—'}</td>"
            f"<td>{u.falling or '—'}</td><td>{u.silent or '—'}</td></tr>" for u in summaries)
        return ("<table class='okr-table'><tr><th>Business unit</th><th>teams</th><th>on track</th><th>at risk</th>"
                "<th>off track</th><th>average progress</th><th>confidence</th><th>falling</th>"
                f"<th>silent 2 weeks</th></tr>{rows}</table>")

    def team_rows_html(self, teams: list[TeamStatus]) -> str:
        expected = self.status.expected
        rows = []
        for t in teams:
            confidence = f"{t.confidence}/10 {_TREND_WORDS[t.trend.direction]}" if t.confidence is not None else "—"
            bars = "".join(f"<div style='display:flex;gap:6px;align-items:center'><span class='okr-id'>{esc(o.id)}"
                           "</span><div style='width:160px'>"
                           f"{progress_bar(o.progress, o.status.value, expected=expected)}</div></div>"
                           for o in t.objectives)
            last = f"{t.last_checkin:%d %b}" if t.last_checkin else "no check-in yet"
            rows.append(f"<tr><td><b>{esc(t.name)}</b></td><td>{esc(confidence)}</td><td>{esc(last)}</td>"
                        f"<td>{bars}</td></tr>")
        return ("<table class='okr-table'><tr><th>Team</th><th>confidence</th><th>last check-in</th>"
                f"<th>objectives against pace</th></tr>{''.join(rows)}</table>")

    def extremes_html(self, objectives: list[ObjectiveStatus]) -> str:
        expected = self.status.expected

        def table(items: list[ObjectiveStatus], caption: str) -> str:
            rows = "".join(
                f"<tr><td>{esc(o.team)}</td><td><span class='okr-id'>{esc(o.id)}</span> {esc(o.title)}</td>"
                f"<td>{(o.progress - expected) * 100:+.0f} pts</td>"
                f"<td>{progress_bar(o.progress, o.status.value, expected=expected)}</td>"
                f"<td>{status_badge(o.status.value)}</td></tr>" for o in items)
            return (f"<div class='okr-hint'>{esc(caption)}</div><table class='okr-table'><tr><th>Team</th>"
                    f"<th>Objective</th><th>against pace</th><th>progress</th><th>status</th></tr>{rows}</table>")

        if not objectives:
            return "<p class='okr-muted'>No team objectives here.</p>"
        return (table(furthest(objectives, expected, 10), "The ten team objectives furthest behind the pace")
                + table(furthest(objectives, expected, 10, ahead=True), "The ten furthest ahead of it"))

    def summary_html(self, teams: list[TeamStatus]) -> str:
        s = self.status
        objectives = [o for t in teams for o in t.objectives]
        counts = {st: sum(o.status is st for o in objectives) for st in Status}
        confidences = [t.confidence for t in teams if t.confidence is not None]
        week, weeks = s.cycle.week_of(s.as_of)
        mean_conf = f"{sum(confidences) / len(confidences):.1f}/10" if confidences else "—"
        kpis = [
            (f"{s.expected:.0%}", f"of the cycle elapsed · week {week} of {weeks} · as of {s.as_of:%d %b %Y}"),
            (f"{_mean(objectives):.0%}", "average objective progress"),
            (mean_conf, "latest confidence" + (" (average)" if len(confidences) > 1 else "")),
        ]
        cards = "".join(f"<div class='okr-kpi'><div class='okr-kpi-value'>{esc(v)}</div>"
                        f"<div class='okr-kpi-label'>{esc(label)}</div></div>" for v, label in kpis)
        statuses = " ".join(f"{status_badge(st.value)} <b>{counts[st]}</b>" for st in Status)
        cards += f"<div class='okr-kpi'><div style='margin:4px 0 6px 0'>{statuses}</div>" \
                 f"<div class='okr-kpi-label'>objectives by status</div></div>"
        return f"<div class='okr-kpis'>{cards}</div>"

    def team_html(self, team: TeamStatus) -> str:
        confidence = (f"confidence <b>{team.confidence}/10</b> {esc(_TREND_WORDS[team.trend.direction])}"
                      if team.confidence is not None else "no confidence recorded yet")
        last = f"last check-in {team.last_checkin:%d %b}" if team.last_checkin else "no check-in yet"
        level = "" if team.level.value == "team" else f" <span class='okr-muted'>({esc(team.level.value)})</span>"
        body = "".join(self.objective_html(o) for o in team.objectives) or \
            "<p class='okr-muted'>No objectives this cycle.</p>"
        return (f"<div class='okr-card'><h3 style='margin-top:2px'>{esc(team.name)}{level}</h3>"
                f"<div class='okr-muted'>{confidence} · {esc(last)}</div>{body}</div>")

    def objective_html(self, obj: ObjectiveStatus) -> str:
        expected = self.status.expected
        rows = []
        ahead = self.forecast_lines(obj)
        for kr in obj.key_results:
            unit = unit_suffix(kr.unit)
            now = fmt_number(kr.current) if kr.checked_in else "not checked in"
            rows.append(
                f"<tr><td><span class='okr-id'>{esc(kr.id)}</span> {esc(kr.title)}</td>"
                f"<td>{esc(fmt_number(kr.baseline))} → <b>{esc(now)}</b> → "
                f"{esc(fmt_number(kr.target))}{esc(unit)}</td>"
                f"<td>{progress_bar(kr.progress, kr.status.value, expected=expected, label=_progress_label(kr))}"
                f"{ahead.get(kr.id, '')}</td><td>{status_badge(kr.status.value)}</td></tr>"
            )
        commitment = f" · {esc(obj.commitment.value)}" if obj.commitment else ""
        return (
            f"<div style='margin:10px 0 4px 0'><div class='okr-objrow'>"
            f"<div style='flex:1 1 240px'><span class='okr-id'>{esc(obj.id)}</span> <b>{esc(obj.title)}</b>"
            f"<span class='okr-muted'>{commitment}</span></div>"
            f"<div style='flex:0 1 220px;min-width:150px'>"
            f"{progress_bar(obj.progress, obj.status.value, expected=expected)}</div>"
            f"<div>{status_badge(obj.status.value)}</div></div>"
            f"<table class='okr-table okr-fixed' style='margin-top:4px'><colgroup><col style='width:46%'>"
            f"<col style='width:24%'><col style='width:20%'><col style='width:10%'></colgroup><tr><th>Key result</th>"
            f"<th>baseline → now → target</th><th>progress</th><th>status</th></tr>{''.join(rows)}</table></div>"
        )

    def forecast_lines(self, obj: ObjectiveStatus) -> dict[str, str]:
        """'at this pace: 84 % by 27 Mar' per key result, while the cycle runs (okrkit.forecast)."""
        from okrkit.forecast import forecast_kr

        cycle = self.engagement.cycle
        if self.status.as_of >= cycle.end:
            return {}
        own = [c for c in self.checkins if c.team == obj.team]
        krs = {kr.id: kr for o in self.engagement.team(obj.team).objectives for kr in o.key_results}
        lines = {}
        for kr in obj.key_results:
            fc = forecast_kr(krs[kr.id], cycle, own, self.status.as_of) if kr.id in krs else None
            if fc is not None:
                lines[kr.id] = f"<div class='okr-hint'>{esc(fc.sentence())}</div>"
        return lines

    def retros_html(self, teams: set[str], latest_only: int | None = None) -> str:
        """Each team's latest retrospective: its top-voted notes under each question, and its actions."""
        latest: dict[str, Retro] = {}
        for retro in sorted(self.retros, key=lambda r: r.date):
            if retro.team in teams:
                latest[retro.team] = retro
        if not latest:
            return "<p class='okr-muted'>No retrospective recorded yet.</p>"
        if latest_only is not None and len(latest) > latest_only:
            recent = sorted(latest.values(), key=lambda r: r.date, reverse=True)[:latest_only]
            return (f"<div class='okr-hint'>{len(latest)} teams held a retrospective; the {latest_only} most recent:"
                    "</div>" + "".join(self.retro_html(r) for r in recent))
        return "".join(self.retro_html(latest[name]) for name in (t.name for t in self.status.teams)
                       if name in latest)

    @staticmethod
    def retro_html(retro: Retro) -> str:
        fmt = RETRO_FORMATS[retro.format]
        questions = []
        for prompt, question in zip(fmt.prompts, fmt.questions, strict=True):
            notes = sorted((i for i in retro.items if i.prompt == prompt), key=lambda i: -i.votes)[:_TOP_NOTES]
            if notes:
                items = "".join(f"<li>{esc(i.text)}" + (f" <span class='okr-muted'>· {i.votes} vote"
                                f"{'s' if i.votes != 1 else ''}</span>" if i.votes else "") + "</li>"
                                for i in notes)
                questions.append(f"<div><b>{esc(question)}</b><ul>{items}</ul></div>")
        actions = "".join(f"<li>{esc(a)}</li>" for a in retro.actions)
        return (f"<div class='okr-card'><h3 style='margin-top:2px'>{esc(retro.team)}</h3>"
                f"<div class='okr-muted'>{esc(fmt.title)} · {esc(retro.kind.value)} · {retro.date:%d %b %Y}</div>"
                + "".join(questions)
                + (f"<div><b>Actions</b><ul>{actions}</ul></div>" if actions else "")
                + "</div>")


def scale_parts(view: DashboardView, unit: str | None) -> dict[str, Any]:
    """A large organisation's whole view (unit None) or one unit's: business units, or the unit's
    own OKRs and its teams one line each; the objectives furthest behind and ahead; the latest retros."""
    units = unit_of(view.engagement)
    in_scope = [t for t in view.status.teams if t.level is Level.TEAM and t.objectives
                and (unit is None or units.get(t.name) == unit)]
    if unit is None:
        teams = view.units_html(unit_summaries(view.status, units))
    else:
        own = "".join(view.team_html(t) for t in view.status.teams if t.name == unit)
        teams = own + view.team_rows_html(in_scope)
    return {
        "summary": view.summary_html(in_scope),
        "teams": teams,
        "team_count": len(in_scope),
        "extremes": view.extremes_html([o for t in in_scope for o in t.objectives]),
        "retros": view.retros_html({t.name for t in in_scope}, latest_only=LATEST_RETROS),
        "checked_in": any(t.last_checkin for t in in_scope),
    }


def _progress_label(kr: KRStatus) -> str:
    """The bar's label: the clipped share, and the raw one past either end (status says 103 % too)."""
    if kr.checked_in and kr.measurable and kr.raw > 1:
        return f"{kr.raw:.0%} · beyond target"
    if kr.checked_in and kr.measurable and kr.raw < 0:
        return f"{kr.raw:.0%} · went backwards"
    return f"{kr.progress:.0%}"


def _mean(objectives: list[ObjectiveStatus]) -> float:
    return sum(o.progress for o in objectives) / len(objectives) if objectives else 0.0
