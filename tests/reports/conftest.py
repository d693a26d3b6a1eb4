"""Engagements for the report tests, and each report kind rendered once per session.

Rendering starts a kernel (several seconds), so the slow tests share one rendering of
each kind of the demo, made on AS_OF — mid-cycle, when every team has a history and the
numbers differ from the cycle's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrkit.demo import demo_record
from okrkit.model import CheckIn, EngagementRecord, Retro
from okrkit.store import open_store
from okrkit.testing import demo_folder, engagement, key_result, objective, team

AS_OF = dt.date(2026, 2, 20)
KINDS = ("weekly", "monthly", "cycle", "case-study", "playbook")
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
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


@pytest.fixture(scope="session")
def reports_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="session")
def demo_dir(reports_root: Path) -> Path:
    return demo_folder(reports_root, "demo")


@pytest.fixture(scope="session")
def hostile_dir(reports_root: Path) -> Path:
    folder = reports_root / "hostile"
    open_store(folder, create=True).import_record(hostile_record())
    return folder


@pytest.fixture(scope="session")
def empty_dir(reports_root: Path) -> Path:
    """The demo engagement on its first day: OKRs set, nobody has checked in yet."""
    folder = reports_root / "empty"
    open_store(folder, create=True).import_record(EngagementRecord(engagement=demo_record().engagement))
    return folder


@pytest.fixture(scope="session")
def rendered(demo_dir: Path, reports_root: Path) -> dict[str, Path]:
    """Every kind of report for the demo on AS_OF, as HTML files (one kernel run each)."""
    from okrkit.reports.run import ReportRequest, render_report

    out = reports_root / "out"
    return {kind: render_report(ReportRequest(demo_dir, kind, AS_OF, "html", out)) for kind in KINDS}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, as the PDF export uses it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs /usr/bin/chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
