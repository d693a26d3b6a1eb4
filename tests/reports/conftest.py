"""Engagements for the report tests, and each report kind rendered once per session.

Rendering starts a kernel (several seconds), so the slow tests share one rendering of
each kind of the demo, made on AS_OF — mid-cycle, when every team has a history and the
numbers differ from the cycle's end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from report_helpers import AS_OF, KINDS, BrowserThread, hostile_record

from okrkit.demo import demo_record
from okrkit.model import EngagementRecord
from okrkit.store import open_store
from okrkit.testing import demo_folder


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
def browser() -> Iterator[BrowserThread]:
    """Debian's Chromium through Playwright, as the PDF export uses it, in a thread of its own."""
    pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs /usr/bin/chromium (apt-get install chromium)")
    chromium = BrowserThread("/usr/bin/chromium")
    yield chromium
    chromium.close()
