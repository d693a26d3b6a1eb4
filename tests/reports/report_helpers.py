"""Constants and builders the report tests share (a module of its own: `conftest` names clash across folders)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from okrkit.model import CheckIn, EngagementRecord, Retro
from okrkit.reports.kinds import KINDS as REPORT_KINDS
from okrkit.testing import engagement, key_result, objective, team

AS_OF = dt.date(2026, 2, 20)
KINDS = tuple(REPORT_KINDS)  # every registered kind: a new kind's notebook is tested here at once
PROGRESS_KINDS = tuple(k for k, kind in REPORT_KINDS.items() if kind.sections().SHOWS_PROGRESS)
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
T = TypeVar("T")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def hostile_record() -> EngagementRecord:
    """An engagement whose every piece of free text is an attempt to run script."""
    h = HOSTILE
    krs = [key_result("H-1.1", title=f"Increase {h} from 20% to 40%", unit="<b>u</b>", owner=h),
           key_result("H-1.2", title=f"Reduce {h} from 50 to 30", baseline=50, target=30)]
    eng = engagement(
        teams=[team(f"Team {h}", okrs=[objective("H-1", title=f"Win {h}", krs=krs, why=h, commitment="committed")],
                    members=[h])],
        client=f"Client {h}", coach=f"Coach {h}", challenges=[h], approach=[h], outcomes=[h], vision=h,
        priorities=[h], core_values=[h], worldview={"key_dynamics": [h], "competition": [h], "target_audience": [h]},
    )
    name = f"Team {h}"
    checkins = [
        CheckIn(team=name, date=dt.date(2026, 2, 6), confidence=6, values={"H-1.1": 24, "H-1.2": 47},
                issues=f"old {h}", plan=h, author=h),
        CheckIn(team=name, date=dt.date(2026, 2, 13), confidence=5, values={"H-1.1": 26, "H-1.2": 45},
                issues=f"new {h}", plan=f"plan {h}", author=h),
    ]
    retro = Retro(team=name, date=dt.date(2026, 2, 13), kind="mid-cycle", format="attractors-detractors",
                  items=[{"prompt": "attractors", "text": h, "votes": 2, "author": h}], actions=[h])
    return EngagementRecord(engagement=eng, checkins=checkins, retros=[retro])


def open_offline(browser: object, path: Path) -> tuple[object, list[str]]:
    """Open a report with every request except the file itself refused; returns the page and what it asked for."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
    asked: list[str] = []

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url == path.as_uri():
            r.continue_()  # type: ignore[attr-defined]
        else:
            asked.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.goto(path.as_uri())
    return page, asked


class BrowserThread:
    """Chromium driven from a thread of its own.

    Playwright's sync API allows one instance per thread, and other suites (the apps'
    browser tests) keep theirs open for the whole session in the main thread; every use
    of this browser therefore goes through `call`, which runs in its thread.
    """

    def __init__(self, executable: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-browser")
        self._playwright: Any = None
        self.browser: Any = self._pool.submit(self._start, executable).result()

    def _start(self, executable: str) -> Any:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        return self._playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(browser, *args)`, run in the browser's thread."""
        return self._pool.submit(fn, self.browser, *args).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self._playwright.stop()

        self._pool.submit(stop).result()
        self._pool.shutdown()
