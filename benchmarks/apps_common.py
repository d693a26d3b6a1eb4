"""Shared by benchmarks/apps_*.py: the demo engagement served by `okrkit serve`, plus a bare page.

The baseline is a Voila notebook holding one ipywidgets button, served by the same server
as the apps (it sits in apps/ beside them; the landing page does not list it).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "apps"))
from apps_server import CHROMIUM, CHROMIUM_ARGS, Server, start_server, stop_server

from okrkit.testing import demo_folder, scale_folder
from okrkit.workbook import make_workbooks

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "Server", "browser", "engagement", "median", "served", "visit"]


def engagement(parent: Path, teams: int | None = None) -> Path:
    """The demo engagement, or with `teams` a generated bank of that many teams (okrkit.testing)."""
    folder = demo_folder(parent) if teams is None else scale_folder(parent, teams)
    make_workbooks(folder, team=None if teams else "Discover Team")
    bare = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}})
    bare.cells = [nbformat.v4.new_code_cell("import ipywidgets as w\nw.Button(description='Click me')")]
    nbformat.write(bare, folder / "apps" / "bare.ipynb")
    return folder


@contextmanager
def served(pool_size: int, teams: int | None = None) -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="okrkit-bench-") as tmp:
        folder = engagement(Path(tmp), teams)
        server = start_server(folder, Path(tmp) / "serve.log", "--pool-size", str(pool_size))
        try:
            yield server
        finally:
            stop_server(server)


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# What "interactive" means for each page: the widget a visitor uses first is on screen.
READY = {
    "bare": "button:has-text('Click me')",
    "checkin": "button:has-text('Save check-in')",
    "retro": "button:has-text('Save retrospective')",
    "dashboard": ".okr-app svg",
}


def visit(chromium: object, server: Server, app: str, team: str | None = "Discover Team") -> tuple[object, float]:
    """Open `app` in a fresh context with outside hosts blocked; returns (page, seconds to interactive).

    Timed as Voila's own UI tests do: page.goto(url), then wait for the widget; the page is
    done when #loading is gone and #rendered_cells is shown.
    """
    import time

    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.base) else r.abort())
    page = context.new_page()
    url = server.app_url(app, team if app != "bare" else None)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("#loading", state="detached", timeout=120_000)
    page.wait_for_selector("#rendered_cells", state="visible", timeout=120_000)
    page.wait_for_selector(READY[app], state="visible", timeout=120_000)
    return page, time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)
