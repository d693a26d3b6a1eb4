"""What each report says, built in this process from the section modules (no kernel)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_helpers import AS_OF, KINDS, PROGRESS_KINDS

from okrkit.model import Phase
from okrkit.reports import case_study, cycle, html, monthly, playbook, weekly
from okrkit.reports.context import ReportContext, load_context
from okrkit.reports.kinds import get_kind


def _page(ctx: ReportContext, kind: str) -> str:
    """Every section of the kind, as its module lists them."""
    module = get_kind(kind).sections()
    return "".join(str(getattr(module, name)(ctx)) for name in module.SECTIONS)


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_escaped_in_every_section(hostile_dir: Path, kind: str) -> None:
    """Every free text of the record is escaped in every kind's sections."""
    page = _page(load_context(hostile_dir, as_of=AS_OF, kind=kind), kind)
    assert "<img" not in page and "<script" not in page and "<b>u</b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page


@pytest.mark.parametrize("kind", PROGRESS_KINDS)
def test_no_checkins_yet_is_said_honestly(empty_dir: Path, kind: str) -> None:
    """Before any check-in, a report says that nobody has checked in instead of showing results."""
    page = _page(load_context(empty_dir, as_of=dt.date(2026, 1, 6), kind=kind), kind)
    assert "No team has checked in yet this cycle" in page
    assert "9 January 2026" in page  # the first check-in that is due


def test_hostile_svg_chart_text_is_escaped(hostile_dir: Path) -> None:
    """A chart's labels made from user text are escaped inside the inline SVG."""
    page = str(weekly.confidence(load_context(hostile_dir, as_of=AS_OF)))
    assert "<svg" in page and "<img" not in page and "&lt;img" in page


def test_chart_svg_carries_no_address(demo_dir: Path) -> None:
    """Inline charts drop the XML namespace URLs, so the page holds no http(s) string."""
    page = str(monthly.trend(load_context(demo_dir, as_of=AS_OF)))
    assert "<svg" in page and "http" not in page


def test_weekly_names_the_teams_that_did_not_check_in(demo_dir: Path) -> None:
    """A team without a check-in in the week is listed, with its last check-in date."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    record = ctx.record.model_copy(update={"checkins": [
        c for c in ctx.record.checkins if not (c.team == "Account Opening Team" and c.date == AS_OF)]})
    page = str(weekly.summary(ReportContext("weekly", record, AS_OF, ctx.status)))
    assert "Not checked in this week:" in page
    assert "Account Opening Team (last check-in 13 February 2026)" in page


def test_weekly_compares_confidence_with_last_week(demo_dir: Path) -> None:
    """Each team's confidence this week is set against its previous check-in."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    for t in weekly.team_weeks(ctx):
        assert t.this is not None and t.this.date == AS_OF
        assert t.last is not None and t.last.date == AS_OF - dt.timedelta(days=7)
        assert t.confidence_change == t.this.confidence - t.last.confidence


def test_monthly_shows_the_team_okrs_behind_the_strategic_okr(demo_dir: Path) -> None:
    """DS-1 is the strategic OKR; DT-1, SX-1 and AO-1 contribute to it."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    assert [o.id for o in ctx.strategic_objectives()] == ["DS-1"]
    page = str(monthly.strategic(ctx)).split("Team OKRs that contribute to DS-1")[1]
    assert all(f'data-objective="{i}"' in page for i in ("DT-1", "SX-1", "AO-1"))


def test_monthly_asks_quote_the_latest_issue_of_the_month(demo_dir: Path) -> None:
    """The asks of leadership are each team's latest issue reported in the month."""
    page = str(monthly.asks(load_context(demo_dir, as_of=AS_OF)))
    assert "Content writers start only next week." in page  # Support Experience, 20 Feb
    assert "Still blocked by the migration" not in page  # its issue of 6 Feb, since superseded


def test_cycle_reads_scores_by_commitment(demo_dir: Path) -> None:
    """A committed OKR short of 1.0 is missed; an aspirational one at 0.7 or more is a success."""
    page = str(cycle.scores(load_context(demo_dir, as_of=dt.date(2026, 3, 27))))
    sx1 = page.split('data-objective="SX-1"')[1].split("</tr>")[0]
    dt1 = page.split('data-objective="DT-1"')[1].split("</tr>")[0]
    assert "missed (committed OKRs are expected at 1.0)" in sx1
    assert "success" in dt1 and "provisional" not in page


def test_cycle_before_its_end_says_scores_are_provisional(demo_dir: Path) -> None:
    """An end-of-cycle report made mid-cycle says its scores are provisional."""
    assert "provisional" in str(cycle.scores(load_context(demo_dir, as_of=AS_OF)))


def test_cycle_lessons_follow_the_retro_formats_questions(demo_dir: Path) -> None:
    """Retro items appear under their format's questions, most voted first."""
    page = str(cycle.lessons(load_context(demo_dir, as_of=AS_OF)))
    assert "What pushed us away from it?" in page
    assert page.index("The branch-migration initiative takes half the team") < page.index("No content writer")


def test_case_study_measures_kr_movement_from_baseline(demo_dir: Path) -> None:
    """Results show every KR's movement from its baseline to its latest value."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    page = str(case_study.results(ctx))
    kr = ctx.status.key_results()["DT-1.1"]
    assert kr.current is not None
    assert f"▲ {html.fmt_num(kr.current - 65)} pts" in page


def test_playbook_gives_roles_for_the_current_phase(demo_dir: Path) -> None:
    """The roles table shows what client, coach and software do in the engagement's phase."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    assert ctx.engagement.phase is Phase.IMPLEMENTATION
    page = str(playbook.roles(ctx))
    assert "encourages, steers and sets the course" in page and "tracks, broadcasts and signals" in page


def test_playbook_lists_the_current_okrs(demo_dir: Path) -> None:
    """Every objective and key result of the cycle is in the playbook."""
    ctx = load_context(demo_dir, as_of=AS_OF)
    page = str(playbook.okrs(ctx))
    assert all(f'data-kr="{kr}"' in page for kr in ctx.engagement.key_results())


def test_status_bars_carry_words_and_colours() -> None:
    """A status is written in words and coloured by its class."""
    from okrkit.progress import Status

    badge = str(html.render("{{ m.badge(s) }}", s=Status.AT_RISK))
    assert badge == '<span class="status status-at-risk">at risk</span>'


def test_monthly_without_strategic_okr_says_so(tmp_path: Path) -> None:
    """With only team OKRs and none aligned, the monthly report says there is no strategic OKR."""
    from okrkit.testing import engagement, stored

    stored(tmp_path, engagement())
    page = str(monthly.strategic(load_context(tmp_path / "engagement", as_of=AS_OF)))
    assert "No company or business-unit OKR is recorded" in page and 'data-objective="T-1"' in page


@pytest.mark.parametrize("kind", KINDS)
def test_engagement_without_teams_still_renders(tmp_path: Path, kind: str) -> None:
    """An engagement with no teams yet gives a report, not an error."""
    from okrkit.testing import engagement, stored

    stored(tmp_path, engagement(teams=[]))
    assert "<h2>" in _page(load_context(tmp_path / "engagement", as_of=AS_OF, kind=kind), kind)


def test_the_cycle_report_compares_each_teams_confidence_with_its_score(demo_dir: Path) -> None:
    """Confidence that learns: a row per team with its gap, Brier score and a sentence in plain words."""
    ctx = load_context(demo_dir, as_of=dt.date(2026, 3, 27), kind="cycle")
    page = str(cycle.calibration(ctx))
    for team in ("Discover Team", "Support Experience Team", "Account Opening Team"):
        assert f'data-team="{team}"' in page
    assert "Support Experience Team was 2.2 points less confident than its results until week 9" in page
    assert "provisional" not in page and "may still move" not in page
    assert "may still move" in str(cycle.calibration(load_context(demo_dir, as_of=AS_OF, kind="cycle")))


def test_the_case_study_tells_every_cycle_with_its_evidence(demo_dir: Path) -> None:
    page = str(case_study.across_cycles(load_context(demo_dir, as_of=dt.date(2026, 3, 27), kind="case-study")))
    assert 'data-cycle="2025-Q4"' in page and 'data-cycle="2026-Q1"' in page
    assert "the weekly check-ins held went from 75% to 100%" in page
    assert "Confidence against results, by cycle" in page


def test_a_past_cycles_report_reads_that_cycle(demo_dir: Path) -> None:
    ctx = load_context(demo_dir, kind="cycle", cycle="2025-Q4")
    assert ctx.engagement.cycle.name == "2025-Q4" and ctx.as_of == dt.date(2025, 12, 19)
    assert "Improve digital onboarding" in str(cycle.scores(ctx))
    assert ctx.full is not None and ctx.full.cycle_names() == ["2025-Q4", "2026-Q1"]


def test_mid_cycle_key_result_tables_forecast_the_cycles_end(demo_dir: Path) -> None:
    """Before the end, each KR says where it lands at its pace; at the end there is nothing left to forecast."""
    mid = str(monthly.strategic(load_context(demo_dir, as_of=AS_OF, kind="monthly")))
    assert "At this pace" in mid and "by 27 Mar" in mid
    end = str(monthly.strategic(load_context(demo_dir, as_of=dt.date(2026, 3, 27), kind="monthly")))
    assert "At this pace" not in end


def test_cycle_key_results_show_a_score_and_its_reading_not_a_pace_status(demo_dir: Path) -> None:
    """At the end of the cycle each KR has its score (0.79) and its reading; no 'at risk' or 'off track'."""
    page = str(cycle.key_results(load_context(demo_dir, as_of=dt.date(2026, 3, 27))))
    tables = page[page.index("<table"):]
    assert "At risk" not in tables and "Off track" not in tables and "On track" not in tables
    assert "<strong>0.79</strong> success" in tables and ">Score</th>" in tables


def test_trend_charts_tick_on_the_check_in_days() -> None:
    """The date ticks of the KR trend and the confidence charts are Fridays, the demo's check-in day."""
    import re

    from okrkit import charts
    from okrkit.demo import demo_record

    record = demo_record()
    for chart in (charts.kr_trend_chart(record.engagement, record.checkins, "Discover Team"),
                  charts.confidence_chart(record.checkins, ["Discover Team"])):
        labels = re.findall(r">([A-Z][a-z]{2} \d\d)<", charts.to_svg(chart))
        days = [dt.datetime.strptime(f"{label} 2026", "%b %d %Y").date() for label in labels]
        assert len(days) >= 4 and all(d.weekday() == 4 for d in days), labels
