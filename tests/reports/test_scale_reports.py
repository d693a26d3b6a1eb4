"""Reports of a large organisation: units, extremes, a table of contents, --unit and --detail, at 300 teams."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_helpers import KINDS

from okrkit.reports import case_study, cycle, monthly, playbook, weekly
from okrkit.reports.common import MISSING_MARK
from okrkit.reports.context import load_context
from okrkit.testing import scale_folder

SECTIONS = {
    "weekly": (weekly, ["header", "summary", "confidence", "teams"]),
    "monthly": (monthly, ["header", "summary", "strategic", "trend", "risks", "asks", "appendix"]),
    "cycle": (cycle, ["header", "scores", "key_results", "lessons", "actions"]),
    "case-study": (case_study, ["header", "intro", "narrative", "results"]),
    "playbook": (playbook, ["header", "purpose", "principles", "cadence", "roles", "glossary", "okrs"]),
}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scale_folder(tmp_path_factory.mktemp("big"), 300)


def _page(folder: Path, kind: str, **options: str) -> str:
    ctx = load_context(folder, None, None, kind, options.get("unit"), options.get("detail"))
    module, names = SECTIONS[kind]
    return "".join(str(getattr(module, name)(ctx)) for name in names)


@pytest.mark.parametrize("kind", KINDS)
def test_every_section_of_a_300_team_report_is_short_and_draws_its_charts(big, kind):
    """In-process: every chart is drawn (none missing), the page stays well under a megabyte, units are shown."""
    page = _page(big, kind)
    assert MISSING_MARK not in page
    assert len(page) < 1_000_000, f"{kind}: {len(page) / 1e6:.1f} MB"
    if kind != "playbook":
        assert "Digital Services" in page and page.count("<svg") >= 2


def test_monthly_report_at_scale_leaves_team_detail_out_unless_asked(big):
    """By default the monthly report shows units and extremes; --detail teams adds every team, behind a TOC."""
    short = _page(big, "monthly")
    assert "--detail teams" in short and "furthest behind the pace" in short
    full = _page(big, "monthly", detail="teams")
    assert '<nav class="toc"' in full and len(full) > len(short)
    assert all(f"Team {n:04d}" in full for n in (1, 150, 300))


def test_report_scoped_to_a_unit_shows_only_that_units_teams(big):
    """--unit "Retail Banking": the unit's OKRs lead, other units and their teams are absent."""
    page = _page(big, "monthly", unit="Retail Banking", detail="teams")
    assert "Monthly leadership report: Retail Banking" in page
    assert "Digital Services" not in page and "Cards &amp; Payments" not in page


def test_unknown_unit_fails_before_any_kernel(big):
    """A misspelt unit is a one-line InputError from the command's first step."""
    from okrkit.errors import InputError
    from okrkit.reports.run import ReportRequest, render_report

    with pytest.raises(InputError, match="no team or business unit is named 'Retail'"):
        render_report(ReportRequest(big, "monthly", unit="Retail"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_every_report_kind_renders_at_300_teams(big, kind, tmp_path):
    """`okrkit report` of every kind on 300 teams: a file, every chart drawn, grouped by unit, no outside address."""
    from okrkit.reports.run import ReportRequest, render_report

    path = render_report(ReportRequest(big, kind, None, "html", tmp_path))
    page = path.read_text()
    assert MISSING_MARK not in page and "Traceback" not in page
    assert not re.search(r"https?://", page)
    assert path.stat().st_size < 2_000_000


@pytest.mark.slow
def test_monthly_pdf_at_300_teams_for_one_unit(big, tmp_path):
    """The monthly report scoped to one unit prints to PDF, named after the unit."""
    pytest.importorskip("playwright.sync_api")
    from okrkit.reports.run import ReportRequest, render_report

    path = render_report(ReportRequest(big, "monthly", None, "pdf", tmp_path, unit="Digital Services"))
    assert path.name.startswith("monthly-digital-services-") and path.read_bytes()[:5] == b"%PDF-"
