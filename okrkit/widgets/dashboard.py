"""The dashboard: progress against pace, confidence and status, per team or for everyone.

    DashboardApp(folder, team=None, url=None, today=None, unit=None)

team=None opens on the whole engagement (a picker switches to one team). An engagement of
more than `okrkit.units.LARGE` teams opens on its business units instead of every team: a
table of units, the objectives furthest behind and ahead, and charts per unit; a leader
opens a unit (its teams, one line each) and from there a team. Numbers come from
`okrkit.progress.engagement_status`; the charts are `okrkit.charts` rendered to inline SVG,
so they show with no network. They are drawn in a short-lived child process
(`_chart_worker`), so altair and vl-convert never load into the visitor's kernel; in a kernel
the tables show at once and the charts follow a few seconds later.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ipywidgets as w

from okrkit.formatting import unit_suffix
from okrkit.model import Level, Retro
from okrkit.progress import KRStatus, ObjectiveStatus, Status, TeamStatus, default_as_of, engagement_status
from okrkit.retro_formats import RETRO_FORMATS
from okrkit.units import furthest, is_large, unit_names, unit_of, unit_summaries
from okrkit.widgets import _chart_worker
from okrkit.widgets._base import App, button, html, row
from okrkit.widgets._html import esc, fmt_number, message, progress_bar, status_badge

__all__ = ["DashboardApp"]

_TOP_NOTES = 3  # per question: a dashboard shows what mattered most, the retro app shows all
_LATEST_RETROS = 5  # at scale, the most recent retrospectives only
_ALL_UNITS = "__all_units__"
_TREND_WORDS = {"rising": "↗ rising", "falling": "↘ falling", "steady": "→ steady"}


class DashboardApp(App):
    """Where every team stands, in words, colours and charts."""

    title = "OKR dashboard"
    subtitle = "Progress against the pace of the cycle, the teams' confidence, and where attention is needed."
    all_teams_label = "Whole engagement"

    reads_past_cycles = True  # it changes nothing: a finished cycle is shown as it was

    def __init__(self, folder: Any, team: str | None = None, url: str | None = None, today: Any = None,
                 unit: str | None = None, cycle: str | None = None) -> None:
        self.unit = unit
        self.unit_picker = w.Dropdown(description="Unit", layout=w.Layout(width="420px"))
        self.unit_picker.style.description_width = "50px"
        self._setting_units = False
        self.unit_picker.observe(self._on_unit_change, names="value")
        super().__init__(folder, team=team, url=url, today=today, cycle=cycle)

    def build(self) -> list[w.Widget]:
        self.refresh_button = button("Refresh", icon="refresh", tooltip="Read the latest check-ins")
        self.refresh_button.on_click(self._on_refresh)
        self.team_picker.layout.display = ""
        if getattr(self, "status", None) is None:
            self._load()
        units = unit_of(self.engagement)
        self.large = is_large(sum(t.level is Level.TEAM for t in self.engagement.teams))
        if self.unit is not None and self.unit not in unit_names(self.engagement):
            self.notice.value = message(f"There is no business unit named {self.unit!r}; choose one below.",
                                        "warning")
            self.unit = None
        if self.team is None and self.large:
            return self._build_at_scale(units)
        teams = [t for t in self.status.teams if self.team is None or t.name == self.team]
        self.summary = html(self._summary_html(teams))
        self.teams_view = html("".join(self._team_html(t) for t in teams))
        self.retros_view = html(self._retros_html({t.name for t in teams}))
        self.charts = html()
        self._draw_charts()
        return [
            row(self.summary, self.refresh_button),
            html("<h2>Objectives and key results</h2><div class='okr-hint'>Bars show progress from baseline to "
                 "target; the dark tick is where the cycle's pace says we should be today.</div>"),
            self.teams_view,
            html("<h2>Latest retrospectives</h2><div class='okr-hint'>What the teams learned, with the notes "
                 "they voted up most, and the actions they agreed.</div>"),
            self.retros_view,
            html("<h2>Charts</h2>"),
            self.charts,
        ]

    def _load(self) -> None:
        """Read the records once; a unit or team change reuses them, Refresh reads them again."""
        as_of = default_as_of(self.engagement.cycle, self.today)
        # What was recorded after the as-of date is not known yet on that date.
        checkins, retros = (self.past.checkins, self.past.retros) if self.past else (
            self.store.checkins(), self.store.retros())
        self.checkins = [c for c in checkins if c.date <= as_of]
        retros = [r for r in retros if r.date <= as_of]
        self.retros = retros
        self._records_hash = _fingerprint(self.engagement.model_dump_json(), self.checkins, retros)
        self.status = engagement_status(self.engagement, self.checkins, as_of=as_of, retros=retros)

    # --- a large engagement: units first ------------------------------------------------------

    def _build_at_scale(self, units: dict[str, str | None]) -> list[w.Widget]:
        names = unit_names(self.engagement)
        self._setting_units = True  # filling the picker is not a leader's choice
        try:
            self.unit_picker.options = [("All business units", _ALL_UNITS), *((n, n) for n in names)]
            self.unit_picker.value = self.unit if self.unit is not None else _ALL_UNITS
        finally:
            self._setting_units = False
        in_scope = [t for t in self.status.teams if t.level is Level.TEAM and t.objectives
                    and (self.unit is None or units.get(t.name) == self.unit)]
        self.summary = html(self._summary_html(in_scope))
        own = [self._team_html(t) for t in self.status.teams if t.name == self.unit]
        if self.unit is None:
            summaries = unit_summaries(self.status, units)
            self.teams_view = html(self._units_html(summaries))
            heading = ("<h2>Business units</h2><div class='okr-hint'>Each unit's team objectives by status, their "
                       "average progress against the pace, and the teams' confidence. Open a unit to see its teams."
                       "</div>")
        else:
            self.teams_view = html("".join(own) + self._team_rows_html(in_scope))
            heading = (f"<h2>{esc(self.unit)}</h2><div class='okr-hint'>The unit's own OKRs, then each of its "
                       f"{len(in_scope)} teams on one line. Choose a team above to see its key results.</div>")
        objectives = [o for t in in_scope for o in t.objectives]
        self.extremes_view = html(self._extremes_html(objectives))
        self.retros_view = html(self._retros_html({t.name for t in in_scope}, latest_only=_LATEST_RETROS))
        self.charts = html()
        self._draw_charts()
        return [
            row(self.summary, self.refresh_button),
            self.unit_picker,
            html(heading), self.teams_view,
            html("<h2>Furthest behind and ahead of the pace</h2>"), self.extremes_view,
            html("<h2>Latest retrospectives</h2><div class='okr-hint'>The most recent ones, with the notes the teams "
                 "voted up most and the actions they agreed.</div>"),
            self.retros_view,
            html("<h2>Charts</h2>"), self.charts,
        ]

    def _on_unit_change(self, change: dict[str, Any]) -> None:
        if self._setting_units:
            return
        self.unit = None if change["new"] == _ALL_UNITS else change["new"]
        self.notice.value = ""
        self._render()

    def _units_html(self, summaries: list[Any]) -> str:
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

    def _team_rows_html(self, teams: list[TeamStatus]) -> str:
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

    def _extremes_html(self, objectives: list[ObjectiveStatus]) -> str:
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

    def _on_refresh(self, _button: w.Button | None = None) -> None:
        self.reload()
        self.status = None  # type: ignore[assignment]  # read again by the next build
        self._render()

    # --- summary and tables ----------------------------------------------------------------

    def _summary_html(self, teams: list[TeamStatus]) -> str:
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

    def _team_html(self, team: TeamStatus) -> str:
        confidence = (f"confidence <b>{team.confidence}/10</b> {esc(_TREND_WORDS[team.trend.direction])}"
                      if team.confidence is not None else "no confidence recorded yet")
        last = f"last check-in {team.last_checkin:%d %b}" if team.last_checkin else "no check-in yet"
        level = "" if team.level.value == "team" else f" <span class='okr-muted'>({esc(team.level.value)})</span>"
        body = "".join(self._objective_html(o) for o in team.objectives) or \
            "<p class='okr-muted'>No objectives this cycle.</p>"
        return (f"<div class='okr-card'><h3 style='margin-top:2px'>{esc(team.name)}{level}</h3>"
                f"<div class='okr-muted'>{confidence} · {esc(last)}</div>{body}</div>")

    def _objective_html(self, obj: ObjectiveStatus) -> str:
        expected = self.status.expected
        rows = []
        ahead = self._forecast_lines(obj)
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

    def _forecast_lines(self, obj: ObjectiveStatus) -> dict[str, str]:
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

    # --- retrospectives ---------------------------------------------------------------------

    def _retros_html(self, teams: set[str], latest_only: int | None = None) -> str:
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
                    "</div>" + "".join(self._retro_html(r) for r in recent))
        return "".join(self._retro_html(latest[name]) for name in (t.name for t in self.status.teams)
                       if name in latest)

    @staticmethod
    def _retro_html(retro: Retro) -> str:
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

    # --- charts ---------------------------------------------------------------------------

    def _draw_charts(self) -> None:
        """Ask a child process for the charts; in a kernel, without blocking the page."""
        self._chart_generation = getattr(self, "_chart_generation", 0) + 1
        shown = [c for c in self.checkins if self.team is None or c.team == self.team]
        if not shown:  # nothing to chart yet: say so rather than draw empty axes
            who = f"{self.team} has not" if self.team else "No team has"
            self.charts.value = (f"<div class='okr-card'><p class='okr-muted'>{esc(who)} checked in yet this cycle: "
                                 "the charts of progress and confidence appear after the first check-in.</p></div>")
            return
        unit = self.unit if self.team is None else None
        request = (self.folder, self.url, self.status.as_of, self.team, unit, self.cycle)
        # Same team, date and records as a drawing already made: show it again at once.
        self._chart_key = (self.team, unit, self.status.as_of, self._records_hash)
        cache: dict[Any, list[dict[str, str]]] = self.__dict__.setdefault("_chart_cache", {})
        if self._chart_key in cache:
            self._show_charts(cache[self._chart_key])
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                self._show_charts(_chart_worker.render(*request))
            except _chart_worker.ChartError as error:
                self.charts.value = message(f"The charts could not be drawn: {error}", "warning")
            return
        self.charts.value = "<p class='okr-muted'>Drawing the charts…</p>"
        self._chart_task = loop.create_task(self._draw_charts_async(request, self._chart_generation))

    async def _draw_charts_async(self, request: tuple[Any, ...], generation: int) -> None:
        try:
            figures = await _chart_worker.render_async(*request)
        except (_chart_worker.ChartError, OSError, ValueError) as error:
            figures, problem = [], str(error)
        else:
            problem = ""
        if generation != self._chart_generation:
            return  # the team changed meanwhile: a newer drawing is on its way
        if problem:
            self.charts.value = message(f"The charts could not be drawn: {problem}", "warning")
        else:
            self._show_charts(figures)

    def _show_charts(self, figures: list[dict[str, str]]) -> None:
        self.__dict__.setdefault("_chart_cache", {})[self._chart_key] = figures
        self.charts.value = "".join(
            f"<div class='okr-card okr-chart'><h3>{esc(f['title'])}</h3>{f['html']}</div>" for f in figures)


def _progress_label(kr: KRStatus) -> str:
    """The bar's label: the clipped share, and the raw one past either end (status says 103 % too)."""
    if kr.checked_in and kr.measurable and kr.raw > 1:
        return f"{kr.raw:.0%} · beyond target"
    if kr.checked_in and kr.measurable and kr.raw < 0:
        return f"{kr.raw:.0%} · went backwards"
    return f"{kr.progress:.0%}"


def _fingerprint(engagement_json: str, checkins: list[Any], retros: list[Retro]) -> str:
    """What the charts were drawn from, hashed a record at a time: no copy of 10,000 check-ins in memory."""
    import hashlib

    digest = hashlib.blake2b(engagement_json.encode(), digest_size=16)
    for c in checkins:
        digest.update(repr((c.team, c.date, c.confidence, sorted(c.values.items()))).encode())
    for r in retros:
        digest.update(r.model_dump_json().encode())
    return digest.hexdigest()


def _mean(objectives: list[ObjectiveStatus]) -> float:
    return sum(o.progress for o in objectives) / len(objectives) if objectives else 0.0

