"""Draw the dashboard's altair charts in a short-lived child process.

    charts = await render_async(folder, url, as_of, team)   # in a kernel
    charts = render(folder, url, as_of, team)               # anywhere else
    answer = render(folder, url, as_of, None, unit, view=True)  # a large organisation's page too

Why a child process: altair and vl-convert's V8 engine add ~140 MiB to a kernel and never
give it back, and every Voila visitor holds a kernel. Drawn here, a dashboard's kernel stays
near a bare ipywidgets kernel; the child holds that memory for the seconds it draws, then
exits. The request travels on stdin (an SQLAlchemy URL can hold a password: never argv); the
answer is JSON on stdout: a list of {"title", "html"} where html is `charts.chart_html`.

With view=True (a large organisation's whole view or one unit's) the child also builds the
page's HTML (`_dashboard_view.scale_parts`) and answers {"view": parts, "charts": figures}:
1,000 teams' key results and check-ins (some 60 MB as Python objects) are then read here,
and the kernel holds only the teams' names and the page.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from okrkit.errors import ChartError  # re-exported: the dashboard catches it here

__all__ = ["ChartError", "build_figures", "build_view", "render", "render_async"]

TIMEOUT_SECONDS = 90
_COMMAND = [sys.executable, "-m", "okrkit.widgets._chart_worker"]


def _request(folder: str | Path, url: str | None, as_of: dt.date, team: str | None, unit: str | None = None,
             cycle: str | None = None, view: bool = False) -> bytes:
    return json.dumps({"folder": str(folder), "url": url, "as_of": as_of.isoformat(), "team": team,
                       "unit": unit, "cycle": cycle, "view": view}).encode()


def _answer(returncode: int, stdout: bytes, stderr: bytes) -> Any:
    if returncode != 0:
        last = (stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise ChartError(f"the chart renderer stopped: {last[:300]}")
    return json.loads(stdout)  # type: ignore[no-any-return]


def render(folder: str | Path, url: str | None, as_of: dt.date, team: str | None,
           unit: str | None = None, cycle: str | None = None, view: bool = False) -> Any:
    """Draw the charts in a child process and wait for them."""
    try:
        done = subprocess.run(_COMMAND, input=_request(folder, url, as_of, team, unit, cycle, view),
                              capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ChartError(f"the charts took longer than {TIMEOUT_SECONDS} s") from None
    return _answer(done.returncode, done.stdout, done.stderr)


async def render_async(folder: str | Path, url: str | None, as_of: dt.date, team: str | None,
                       unit: str | None = None, cycle: str | None = None, view: bool = False) -> Any:
    """Draw the charts in a child process without blocking the kernel's event loop."""
    process = await asyncio.create_subprocess_exec(
        *_COMMAND, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        request = _request(folder, url, as_of, team, unit, cycle, view)
        stdout, stderr = await asyncio.wait_for(process.communicate(request), TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        raise ChartError(f"the charts took longer than {TIMEOUT_SECONDS} s") from None
    return _answer(process.returncode or 0, stdout, stderr)


def build_figures(folder: str | Path, url: str | None, as_of: dt.date, team: str | None,
                  unit: str | None = None, cycle: str | None = None) -> list[dict[str, str]]:
    """The dashboard's charts as inline-SVG HTML, drawn in this process (the child's work).

    A large engagement's whole view (and a unit's) draws aggregates: one mark per key result
    of 1,000 teams cannot be drawn, nor read. A chart that fails is one line naming it.
    """
    engagement, checkins, retros, status = _records(folder, url, as_of, cycle)
    return _figures(engagement, checkins, retros, status, team, unit)


def build_view(folder: str | Path, url: str | None, as_of: dt.date, unit: str | None = None,
               cycle: str | None = None) -> dict[str, Any]:
    """A large organisation's whole view (or one unit's) and its charts, built in this process."""
    from okrkit.widgets._dashboard_view import DashboardView, scale_parts

    engagement, checkins, retros, status = _records(folder, url, as_of, cycle)
    parts = scale_parts(DashboardView(engagement, status, checkins, retros), unit)
    return {"view": parts, "charts": _figures(engagement, checkins, retros, status, None, unit)}


def _records(folder: str | Path, url: str | None, as_of: dt.date, cycle: str | None) -> tuple[Any, Any, Any, Any]:
    """The engagement, its check-ins and retros up to `as_of`, and their status on that day."""
    from okrkit.progress import engagement_status
    from okrkit.store import open_store

    store = open_store(folder, url)
    if cycle:  # a finished cycle, as the dashboard shows it
        from okrkit.cycles import select_cycle

        record = select_cycle(store.load_record(), cycle)
        engagement, all_checkins, all_retros = record.engagement, record.checkins, record.retros
    else:
        engagement, all_checkins, all_retros = store.load_engagement(), store.checkins(), store.retros()
    checkins = [c for c in all_checkins if c.date <= as_of]
    retros = [r for r in all_retros if r.date <= as_of]
    return engagement, checkins, retros, engagement_status(engagement, checkins, as_of=as_of, retros=retros)


def _figures(engagement: Any, checkins: Any, retros: Any, status: Any, team: str | None,
             unit: str | None) -> list[dict[str, str]]:
    from okrkit import charts
    from okrkit.model import Level
    from okrkit.units import confidence_by_unit_week, furthest, is_large, unit_of, unit_summaries

    large = is_large(sum(t.level is Level.TEAM for t in engagement.teams))
    figures: list[tuple[str, Any]]
    if team is None and large:
        units = unit_of(engagement)
        teams = {t.name for t in engagement.teams if t.level is Level.TEAM
                 and (unit is None or units.get(t.name) == unit)}
        summaries = [u for u in unit_summaries(status, units) if unit is None or u.name == unit]
        order = [u.name for u in summaries]
        rows = confidence_by_unit_week(checkins, units, teams)
        objectives = [o for u in summaries for o in u.objectives]
        extremes = furthest(objectives, status.expected, 10) + furthest(objectives, status.expected, 10, ahead=True)
        status_rows = [{"unit": u.name, "status": s.label, "count": u.counts[s], "order": i}
                       for u in summaries for i, s in enumerate(charts.STATUS_COLORS) if u.counts[s]]
        figures = [
            ("Objectives by status per business unit", lambda: charts.unit_status_chart(status_rows, order)),
            ("Furthest behind and ahead of the pace", lambda: charts.objective_bars(
                extremes, status.expected, label=lambda o: f"{o.team} · {o.id}")),
            ("Progress per business unit", lambda: charts.unit_progress_multiples(
                {u.name: u.objectives for u in summaries}, status.expected)),
            ("Confidence per business unit", lambda: charts.unit_confidence_multiples(rows, order)),
        ]
        if unit is None:
            figures.insert(3, ("Confidence across units and weeks",
                               lambda: charts.unit_confidence_heatmap(rows, order)))
    elif team is None:
        # Charts of check-ins only once there are some: empty axes say nothing (the dashboard says why).
        names = [t.name for t in engagement.teams]
        figures = [("Progress of every objective and key result", lambda: charts.progress_chart(status))] + ([
            ("Confidence across teams and weeks", lambda: charts.confidence_heatmap(checkins, names)),
            ("Confidence trend", lambda: charts.confidence_chart(checkins, names)),
        ] if checkins else [])
    else:
        own = [c for c in checkins if c.team == team]
        figures = [
            ("Progress against pace", lambda: charts.progress_chart(status, team)),
        ] + ([("Key results over the cycle", lambda: charts.kr_trend_chart(engagement, checkins, team)),
              ("Confidence trend", lambda: charts.confidence_chart(checkins, [team]))] if own else [])
    return [_figure(title, build, charts) for title, build in figures]


def _figure(title: str, build: Any, charts: Any) -> dict[str, str]:
    from html import escape

    try:
        return {"title": title, "html": charts.chart_html(build(), label=title)}
    except Exception as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        return {"title": title, "html": f"<p class='okr-muted'>This chart could not be drawn: {escape(reason)}</p>"}


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    as_of = dt.date.fromisoformat(request["as_of"])
    if request.get("view"):
        answer: Any = build_view(request["folder"], request["url"], as_of, request.get("unit"), request.get("cycle"))
    else:
        answer = build_figures(request["folder"], request["url"], as_of, request["team"], request.get("unit"),
                               request.get("cycle"))
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
