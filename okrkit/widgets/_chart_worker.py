"""Draw the dashboard's altair charts in a short-lived child process.

    charts = await render_async(folder, url, as_of, team)   # in a kernel
    charts = render(folder, url, as_of, team)               # anywhere else

Why a child process: altair and vl-convert's V8 engine add ~140 MiB to a kernel and never
give it back, and every Voila visitor holds a kernel. Drawn here, a dashboard's kernel stays
near a bare ipywidgets kernel; the child holds that memory for the seconds it draws, then
exits. The request travels on stdin (an SQLAlchemy URL can hold a password: never argv); the
answer is JSON on stdout: a list of {"title", "html"} where html is `charts.chart_html`.
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

__all__ = ["ChartError", "build_figures", "render", "render_async"]

TIMEOUT_SECONDS = 90
_COMMAND = [sys.executable, "-m", "okrkit.widgets._chart_worker"]


def _request(folder: str | Path, url: str | None, as_of: dt.date, team: str | None) -> bytes:
    return json.dumps({"folder": str(folder), "url": url, "as_of": as_of.isoformat(), "team": team}).encode()


def _answer(returncode: int, stdout: bytes, stderr: bytes) -> list[dict[str, str]]:
    if returncode != 0:
        last = (stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        raise ChartError(f"the chart renderer stopped: {last[:300]}")
    return json.loads(stdout)  # type: ignore[no-any-return]


def render(folder: str | Path, url: str | None, as_of: dt.date, team: str | None) -> list[dict[str, str]]:
    """Draw the charts in a child process and wait for them."""
    try:
        done = subprocess.run(_COMMAND, input=_request(folder, url, as_of, team), capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ChartError(f"the charts took longer than {TIMEOUT_SECONDS} s") from None
    return _answer(done.returncode, done.stdout, done.stderr)


async def render_async(folder: str | Path, url: str | None, as_of: dt.date,
                       team: str | None) -> list[dict[str, str]]:
    """Draw the charts in a child process without blocking the kernel's event loop."""
    process = await asyncio.create_subprocess_exec(
        *_COMMAND, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(_request(folder, url, as_of, team)),
                                                TIMEOUT_SECONDS)
    except TimeoutError:
        process.kill()
        raise ChartError(f"the charts took longer than {TIMEOUT_SECONDS} s") from None
    return _answer(process.returncode or 0, stdout, stderr)


def build_figures(folder: str | Path, url: str | None, as_of: dt.date, team: str | None) -> list[dict[str, str]]:
    """The dashboard's charts as inline-SVG HTML, drawn in this process (the child's work)."""
    from okrkit import charts
    from okrkit.progress import engagement_status
    from okrkit.store import open_store

    store = open_store(folder, url)
    engagement = store.load_engagement()
    checkins = [c for c in store.checkins() if c.date <= as_of]
    retros = [r for r in store.retros() if r.date <= as_of]
    status = engagement_status(engagement, checkins, as_of=as_of, retros=retros)
    if team is None:
        names = [t.name for t in engagement.teams]
        figures: list[tuple[str, Any]] = [
            ("Progress of every objective and key result", charts.progress_chart(status)),
            ("Confidence across teams and weeks", charts.confidence_heatmap(checkins, names)),
            ("Confidence trend", charts.confidence_chart(checkins, names)),
        ]
    else:
        figures = [
            ("Progress against pace", charts.progress_chart(status, team)),
            ("Key results over the cycle", charts.kr_trend_chart(engagement, checkins, team)),
            ("Confidence trend", charts.confidence_chart(checkins, [team])),
        ]
    return [{"title": title, "html": charts.chart_html(chart, label=title)} for title, chart in figures]


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    figures = build_figures(request["folder"], request["url"], dt.date.fromisoformat(request["as_of"]),
                            request["team"])
    sys.stdout.write(json.dumps(figures))


if __name__ == "__main__":
    main()
