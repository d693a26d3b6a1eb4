"""The dashboard: progress against pace, confidence and status, per team or for everyone.

    DashboardApp(folder, team=None, url=None, today=None, unit=None)

team=None opens on the whole engagement (a picker switches to one team). An engagement of
more than `okrkit.units.LARGE` teams opens on its business units instead of every team: a
table of units, the objectives furthest behind and ahead, and charts per unit; a leader
opens a unit (its teams, one line each) and from there a team. Numbers come from
`okrkit.progress.engagement_status`, the page's HTML from `_dashboard_view`; the charts are
`okrkit.charts` rendered to inline SVG, so they show with no network. They are drawn in a
short-lived child process (`_chart_worker`), so altair and vl-convert never load into the
visitor's kernel; in a kernel the tables show at once and the charts follow a few seconds
later. A large organisation's kernel reads only its teams' names: the whole view and a
unit's are built in that child too, and a team's view reads that team's records.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ipywidgets as w

from okrkit.model import Engagement, Level, Retro
from okrkit.progress import default_as_of, engagement_status
from okrkit.units import is_large, unit_names
from okrkit.widgets import _chart_worker
from okrkit.widgets._base import App, button, html, row
from okrkit.widgets._dashboard_view import DashboardView
from okrkit.widgets._html import esc, message

__all__ = ["DashboardApp"]

_ALL_UNITS = "__all_units__"


class DashboardApp(App):
    """Where every team stands, in words, colours and charts."""

    title = "OKR dashboard"
    subtitle = "Progress against the pace of the cycle, the teams' confidence, and where attention is needed."
    all_teams_label = "Whole engagement"

    reads_past_cycles = True  # it changes nothing: a finished cycle is shown as it was

    def __init__(self, folder: Any, team: str | None = None, url: str | None = None, today: Any = None,
                 unit: str | None = None, cycle: str | None = None) -> None:
        self.unit = unit
        self.view: DashboardView | None = None  # the records' status, read by the first build
        self._scale_views: dict[Any, dict[str, Any]] = {}  # a large organisation's pages, until Refresh
        self.unit_picker = w.Dropdown(description="Unit", layout=w.Layout(width="420px", max_width="100%"))
        self.unit_picker.style.description_width = "50px"
        self._setting_units = False
        self.unit_picker.observe(self._on_unit_change, names="value")
        super().__init__(folder, team=team, url=url, today=today, cycle=cycle)

    def read_engagement(self) -> Engagement:
        """A large organisation: its teams without their OKRs (a team's are read when it is opened)."""
        teams = self.store.load_engagement(objectives_of=())
        self.large = is_large(sum(t.level is Level.TEAM for t in teams.teams))
        return teams if self.large else self.store.load_engagement()

    @property
    def status(self) -> Any:
        return self.view.status if self.view else None

    def build(self) -> list[w.Widget]:
        self.refresh_button = button("Refresh", icon="refresh", tooltip="Read the latest check-ins")
        self.refresh_button.on_click(self._on_refresh)
        self.team_picker.layout.display = ""
        if self.unit is not None and self.unit not in unit_names(self.engagement):
            self.notice.value = message(f"There is no business unit named {self.unit!r}; choose one below.",
                                        "warning")
            self.unit = None
        if self.team is None and self.large:
            return self._build_at_scale()
        if self.view is None or (self.large and self._loaded_for != self.team):
            self._load()
        assert self.view is not None
        teams = [t for t in self.view.status.teams if self.team is None or t.name == self.team]
        self.summary = html(self.view.summary_html(teams))
        self.teams_view = html("".join(self.view.team_html(t) for t in teams))
        self.retros_view = html(self.view.retros_html({t.name for t in teams}))
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
        """Read the records once; a unit or team change reuses them, Refresh reads them again.

        A large organisation's team view reads that team's OKRs, check-ins and retros only."""
        as_of = default_as_of(self.engagement.cycle, self.today)
        engagement = self.engagement
        if self.past:
            checkins, retros = self.past.checkins, self.past.retros
        elif self.large:
            engagement = self.store.load_engagement(objectives_of={self.team} if self.team else ())
            checkins, retros = self.store.checkins(self.team), self.store.retros(self.team)
        else:
            checkins, retros = self.store.checkins(), self.store.retros()
        self._loaded_for = self.team
        # What was recorded after the as-of date is not known yet on that date.
        self.checkins = [c for c in checkins if c.date <= as_of]
        self.retros = [r for r in retros if r.date <= as_of]
        self._records_hash = _fingerprint(engagement.model_dump_json(), self.checkins, self.retros)
        status = engagement_status(engagement, self.checkins, as_of=as_of, retros=self.retros)
        self.view = DashboardView(engagement, status, self.checkins, self.retros)

    # --- a large engagement: units first, built in the child process ------------------------

    def _build_at_scale(self) -> list[w.Widget]:
        self._setting_units = True  # filling the picker is not a leader's choice
        try:
            self.unit_picker.options = [("All business units", _ALL_UNITS),
                                        *((n, n) for n in unit_names(self.engagement))]
            self.unit_picker.value = self.unit if self.unit is not None else _ALL_UNITS
        finally:
            self._setting_units = False
        teams = sum(t.level is Level.TEAM for t in self.engagement.teams)
        self.summary = html(f"<p class='okr-muted'>Reading the records of {teams:,} teams…</p>")
        self.heading, self.teams_view, self.extremes_view, self.retros_view, self.charts = (
            html(), html(), html(), html(), html())
        self._request_scale_view()
        return [
            row(self.summary, self.refresh_button),
            self.unit_picker,
            self.heading, self.teams_view,
            html("<h2>Furthest behind and ahead of the pace</h2>"), self.extremes_view,
            html("<h2>Latest retrospectives</h2><div class='okr-hint'>The most recent ones, with the notes the teams "
                 "voted up most and the actions they agreed.</div>"),
            self.retros_view,
            html("<h2>Charts</h2>"), self.charts,
        ]

    def _request_scale_view(self) -> None:
        self._chart_generation = getattr(self, "_chart_generation", 0) + 1
        as_of = default_as_of(self.engagement.cycle, self.today)
        key = (self.unit, as_of)
        if key in self._scale_views:
            self._show_scale_view(self._scale_views[key])
            return
        request = (self.folder, self.url, as_of, None, self.unit, self.cycle, True)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                self._show_scale_view(_chart_worker.render(*request), key)
            except _chart_worker.ChartError as error:
                self.summary.value = message(f"The dashboard could not read the records: {error}", "warning")
            return
        self._chart_task = loop.create_task(self._request_scale_view_async(request, key, self._chart_generation))

    async def _request_scale_view_async(self, request: tuple[Any, ...], key: Any, generation: int) -> None:
        try:
            answer = await _chart_worker.render_async(*request)
        except (_chart_worker.ChartError, OSError, ValueError) as error:
            if generation == self._chart_generation:
                self.summary.value = message(f"The dashboard could not read the records: {error}", "warning")
            return
        if generation == self._chart_generation:  # else the unit changed meanwhile
            self._show_scale_view(answer, key)

    def _show_scale_view(self, answer: dict[str, Any], key: Any = None) -> None:
        if key is not None:
            self._scale_views[key] = answer
        parts = answer["view"]
        self.summary.value = parts["summary"]
        if self.unit is None:
            self.heading.value = (
                "<h2>Business units</h2><div class='okr-hint'>Each unit's team objectives by status, their average "
                "progress against the pace, and the teams' confidence. Open a unit to see its teams.</div>")
        else:
            self.heading.value = (
                f"<h2>{esc(self.unit)}</h2><div class='okr-hint'>The unit's own OKRs, then each of its "
                f"{parts['team_count']} teams on one line. Choose a team above to see its key results.</div>")
        self.teams_view.value = parts["teams"]
        self.extremes_view.value = parts["extremes"]
        self.retros_view.value = parts["retros"]
        if parts["checked_in"]:
            self._show_figures(answer["charts"])
        else:
            self.charts.value = _NO_CHECKIN.format(who="No team has")

    def _on_unit_change(self, change: dict[str, Any]) -> None:
        if self._setting_units:
            return
        self.unit = None if change["new"] == _ALL_UNITS else change["new"]
        self.notice.value = ""
        self._render()

    def _on_refresh(self, _button: w.Button | None = None) -> None:
        self.reload()
        self.view = None  # read again by the next build
        self._scale_views.clear()
        self._render()

    # --- charts ---------------------------------------------------------------------------

    def _draw_charts(self) -> None:
        """Ask a child process for the charts; in a kernel, without blocking the page."""
        assert self.view is not None
        self._chart_generation = getattr(self, "_chart_generation", 0) + 1
        shown = [c for c in self.checkins if self.team is None or c.team == self.team]
        if not shown:  # nothing to chart yet: say so rather than draw empty axes
            self.charts.value = _NO_CHECKIN.format(who=f"{esc(self.team)} has not" if self.team else "No team has")
            return
        request = (self.folder, self.url, self.view.status.as_of, self.team, None, self.cycle)
        # Same team, date and records as a drawing already made: show it again at once.
        self._chart_key = (self.team, self.view.status.as_of, self._records_hash)
        cache: dict[Any, list[dict[str, str]]] = self.__dict__.setdefault("_chart_cache", {})
        if self._chart_key in cache:
            self._show_figures(cache[self._chart_key])
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
        self._show_figures(figures)

    def _show_figures(self, figures: list[dict[str, str]]) -> None:
        self.charts.value = "".join(
            f"<div class='okr-card okr-chart'><h3>{esc(f['title'])}</h3>{f['html']}</div>" for f in figures)


_NO_CHECKIN = ("<div class='okr-card'><p class='okr-muted'>{who} checked in yet this cycle: the charts of progress "
               "and confidence appear after the first check-in.</p></div>")


def _fingerprint(engagement_json: str, checkins: list[Any], retros: list[Retro]) -> str:
    """What the charts were drawn from, hashed a record at a time: no copy of 10,000 check-ins in memory."""
    import hashlib

    digest = hashlib.blake2b(engagement_json.encode(), digest_size=16)
    for c in checkins:
        digest.update(repr((c.team, c.date, c.confidence, sorted(c.values.items()))).encode())
    for r in retros:
        digest.update(r.model_dump_json().encode())
    return digest.hexdigest()
