"""The whole path: papermill runs a template, nbconvert exports it, Chromium opens or prints it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from report_helpers import AS_OF, HOSTILE, KINDS, PROGRESS_KINDS, BrowserThread, open_offline

from okrkit.cli import main

pytestmark = pytest.mark.slow

ROW = re.compile(r'data-(?:objective|kr)="([^"]+)" data-progress="([0-9.]+)"(.*?)</tr>', re.S)


def _html(rendered: dict[str, Path], kind: str) -> str:
    return rendered[kind].read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_renders_for_the_demo_with_client_coach_and_date(rendered: dict[str, Path], kind: str) -> None:
    """Every kind renders for the demo; its header names the client, the coach and the date."""
    page = _html(rendered, kind)
    header = page.split("</header>")[0]
    assert "Banco Aurora" in header and "Ana Lima" in header
    assert f'data-as-of="{AS_OF.isoformat()}"' in header
    assert rendered[kind].name == f"{kind}-{AS_OF.isoformat()}.html"


@pytest.mark.parametrize("kind", KINDS)
def test_report_shows_nothing_of_the_notebook(rendered: dict[str, Path], kind: str) -> None:
    """No code, prompts, parameters, tracebacks, streams or scripts reach the report."""
    page = _html(rendered, kind)
    for machinery in ("load_context", "show(", "engagement_dir", "In&nbsp;[", "jp-InputPrompt", "<script",
                      "Traceback", "Warning", "<pre"):
        assert machinery not in page, machinery


@pytest.mark.parametrize("kind", KINDS)
def test_report_names_no_outside_host(rendered: dict[str, Path], kind: str) -> None:
    """The file holds no http(s) address, so opening it asks no host for anything."""
    assert not re.search(r"https?://", _html(rendered, kind))


@pytest.mark.parametrize("kind", PROGRESS_KINDS)
def test_numbers_agree_with_okrkit_status(rendered: dict[str, Path], demo_dir: Path, kind: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Every objective and KR progress shown equals `okrkit status --as-of` for the same date."""
    assert main(["status", str(demo_dir), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    expected = {o["id"]: o["progress"] for t in status["teams"] for o in t["objectives"]}
    expected |= {k["id"]: k["progress"] for t in status["teams"] for o in t["objectives"] for k in o["key_results"]}
    rows = ROW.findall(_html(rendered, kind))
    assert rows
    for item, progress, rest in rows:
        assert float(progress) == pytest.approx(expected[item], abs=1e-4), item
        shown = re.search(r'class="pct">(\d+)%', rest)
        if shown:
            assert int(shown.group(1)) == round(expected[item] * 100), item


def _charts_and_requests(browser: Any, path: Path) -> tuple[list[dict[str, float]], list[str]]:
    page, asked = open_offline(browser, path)
    try:
        charts = page.eval_on_selector_all(
            "figure.chart svg",
            "svgs => svgs.map(s => ({w: s.getBoundingClientRect().width,"
            " marks: s.querySelectorAll('g[class*=\"mark-\"] path, g[class*=\"mark-\"] line').length}))")
    finally:
        page.close()
    return charts, asked


@pytest.mark.parametrize("kind", PROGRESS_KINDS)
def test_charts_show_in_chromium_with_the_network_closed(rendered: dict[str, Path], browser: BrowserThread,
                                                         kind: str) -> None:
    """Opened with every outside request refused, the report asks for nothing and draws its charts."""
    charts, asked = browser.call(_charts_and_requests, rendered[kind])
    assert asked == []
    assert charts
    for chart in charts:
        assert chart["w"] > 200 and chart["marks"] > 3


def _text_and_effects(browser: Any, path: Path) -> tuple[str, int, int, list[str], list[str]]:
    page, asked = open_offline(browser, path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        text = page.inner_text("main")
        images = page.eval_on_selector_all("img", "imgs => imgs.length")
        scripts = page.eval_on_selector_all("script", "s => s.length")
    finally:
        page.close()
    return text, images, scripts, dialogs, asked


def test_hostile_text_comes_out_as_text(hostile_dir: Path, browser: BrowserThread, tmp_path: Path) -> None:
    """Script in names, titles and issues is shown as written and never runs."""
    from okrkit.reports.run import ReportRequest, render_report

    path = render_report(ReportRequest(hostile_dir, "weekly", AS_OF, "html", tmp_path))
    text, images, scripts, dialogs, asked = browser.call(_text_and_effects, path)
    assert HOSTILE in text
    assert (images, scripts, dialogs, asked) == (0, 0, [], [])


def test_pdf_has_its_pages_and_charts(demo_dir: Path, tmp_path: Path) -> None:
    """The monthly report prints to a PDF of several A4 pages, which pdftoppm turns into images."""
    if not shutil.which("pdftoppm"):
        pytest.skip("needs pdftoppm (apt-get install poppler-utils)")
    from okrkit.reports.run import ReportRequest, render_report

    pdf = render_report(ReportRequest(demo_dir, "monthly", AS_OF, "pdf", tmp_path / "monthly.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(p.stat().st_size > 5_000 for p in pages)  # a blank A4 page at 40 dpi is far smaller
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "confidence (1–10)" in text and "pace 57%" in text  # axis and rule labels drawn inside the charts


def test_batch_reports_every_engagement_and_the_failures_at_the_end(demo_dir: Path, tmp_path: Path) -> None:
    """`--all` makes a report per engagement folder; a broken one is named at the end, exit 1."""
    root = tmp_path / "clients"
    for name in ("aurora", "nested/boreal"):
        shutil.copytree(demo_dir, root / name, ignore=shutil.ignore_patterns("reports"))
    (root / "broken").mkdir()
    (root / "broken" / "okrkit.db").write_bytes(b"this is not a database")
    result = subprocess.run(
        [sys.executable, "-m", "okrkit", "report", "--all", str(root), "--kind", "playbook", "--jobs", "2",
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    assert len(written) == 2 and written[0].startswith("aurora/") and written[1].startswith("nested/boreal/")
    assert "1 of 3 reports failed" in result.stderr and "broken" in result.stderr.split("failed:")[-1]
    assert "playbook reports" in result.stderr  # the progress bar


@pytest.mark.postgres
def test_report_reads_a_postgresql_store(pg_url: str, tmp_path: Path) -> None:
    """With --db, the kernel reads the engagement from the server, keyed by the folder's name."""
    from okrkit.reports.run import ReportRequest, render_report
    from okrkit.testing import demo_folder

    folder = demo_folder(tmp_path, "aurora-pg", url=pg_url)
    path = render_report(ReportRequest(folder, "playbook", AS_OF, "html", tmp_path / "out", db_url=pg_url))
    page = path.read_text(encoding="utf-8")
    assert 'data-kr="DT-1.1"' in page
    assert pg_url not in page and "postgresql" not in page  # the parameters (and a password) never reach the page
