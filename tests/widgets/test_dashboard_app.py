"""The dashboard: numbers in words and colours, and offline charts."""

from __future__ import annotations

import datetime as dt

from widget_helpers import page_html

from okrkit.widgets import DashboardApp, _chart_worker

AS_OF = dt.date(2026, 2, 20)


def test_whole_engagement_dashboard_builds_with_charts(folder):
    """Every team is listed with its status in words, and three SVG charts are drawn."""
    app = DashboardApp(folder, today=AS_OF)
    html = page_html(app)
    for team in ("Digital Services", "Discover Team", "Support Experience Team", "Account Opening Team"):
        assert team in html
    assert "On track" in html and "Off track" in html
    assert app.charts.value.count("<svg") == 3


def test_team_dashboard_shows_only_that_team(folder):
    """Choosing a team narrows the tables and charts to it."""
    app = DashboardApp(folder, today=AS_OF)
    app.team_picker.value = "Account Opening Team"
    assert "AO-1.2" in app.teams_view.value and "DT-1.1" not in app.teams_view.value
    assert app.charts.value.count("<svg") == 3


def test_dashboard_uses_only_what_was_known_on_its_date(folder):
    """Check-ins after the as-of date are left out of tables and charts."""
    app = DashboardApp(folder, team="Discover Team", today=AS_OF)
    assert max(c.date for c in app.checkins) <= AS_OF
    assert "Mar 27" not in app.charts.value


def test_charts_already_drawn_are_shown_again_without_redrawing(folder, monkeypatch):
    """Switching back to a team whose records did not change reuses its charts."""
    calls = []
    real = _chart_worker.render
    monkeypatch.setattr(_chart_worker, "render", lambda *a: calls.append(a[3]) or real(*a))
    app = DashboardApp(folder, today=AS_OF)
    app.team_picker.value = "Discover Team"
    app.team_picker.value = "__none__"
    assert calls == [None, "Discover Team"] and app.charts.value.count("<svg") == 3


def test_a_failing_chart_renderer_leaves_a_message_not_a_traceback(folder, monkeypatch):
    """If the child process fails, the tables still show and the charts say why they are missing."""
    def broken(*_args):
        raise _chart_worker.ChartError("the chart renderer stopped: boom")

    monkeypatch.setattr(_chart_worker, "render", broken)
    app = DashboardApp(folder, today=AS_OF)
    assert "could not be drawn" in app.charts.value and "DT-1.1" in app.teams_view.value


def test_latest_retrospectives_show_top_notes_and_actions(folder):
    """Each team's latest retro is on the dashboard: its questions, most-voted notes and actions."""
    html = DashboardApp(folder, team="Support Experience Team", today=AS_OF).retros_view.value
    assert "Attractors and Detractors" in html and "What pushed us away from it?" in html
    assert html.index("branch-migration initiative") < html.index("No content writer")  # 5 votes before 2
    assert "two people back on SX-1 full time" in html


def test_a_team_without_a_retro_says_so(folder):
    """No retrospective yet is said in words, not left blank."""
    html = DashboardApp(folder, team="Account Opening Team", today=AS_OF).retros_view.value
    assert "No retrospective recorded yet" in html


def _new_engagement(tmp_path):
    """An engagement just made with `okrkit new`: teams and OKRs, no check-in yet."""
    from okrkit.testing import engagement, key_result, objective, stored, team

    stored(tmp_path, engagement(teams=[team("Ops", okrs=[objective("O-1", krs=[key_result("O-1.1"),
                                                                              key_result("O-1.2")])])]))
    return tmp_path / "engagement"


def test_a_new_engagement_says_no_check_ins_yet_instead_of_empty_charts(tmp_path):
    """No check-in: no empty axes and no empty confidence box, a plain sentence instead."""
    app = DashboardApp(_new_engagement(tmp_path), today=AS_OF)
    assert "<svg" not in app.charts.value and "checked in yet this cycle" in app.charts.value
    app.team_picker.value = "Ops"
    assert "<svg" not in app.charts.value and "Ops has not checked in yet" in app.charts.value


def test_the_chart_worker_draws_no_confidence_chart_without_check_ins(tmp_path):
    """The worker itself leaves out the charts of check-ins when there are none."""
    titles = [f["title"] for f in _chart_worker.build_figures(_new_engagement(tmp_path), None, AS_OF, None)]
    assert titles == ["Progress of every objective and key result"]


def test_a_kr_over_its_target_says_beyond_target(folder):
    """DT-1.2 at 51.1 of 15 → 50 is 103 %: the bar says '103% · beyond target', as status does."""
    app = DashboardApp(folder, team="Discover Team", today=dt.date(2026, 3, 27))
    assert "103% · beyond target" in app.teams_view.value


def test_charts_and_tables_share_the_status_colours():
    """'At risk' is one colour in the bar chart and in the table's badges and bars."""
    from okrkit import charts
    from okrkit.progress import Status
    from okrkit.theme import STATUS
    from okrkit.widgets._html import status_badge

    for status in Status:
        assert charts.STATUS_COLORS[status] == STATUS[status].colour
        assert STATUS[status].colour in status_badge(status.value)


def test_mid_cycle_the_team_table_forecasts_each_key_result(folder):
    """While the cycle runs, each KR's bar is followed by where it lands at this pace."""
    import datetime as dt

    from okrkit.widgets import DashboardApp

    app = DashboardApp(folder, team="Discover Team", today=dt.date(2026, 2, 13))
    page = "".join(getattr(c, "value", "") for c in _walk(app))
    assert "at this pace:" in page and "by 27 Mar" in page
    over = DashboardApp(folder, team="Discover Team", today=dt.date(2026, 3, 27))
    assert "at this pace:" not in "".join(getattr(c, "value", "") for c in _walk(over))


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_a_finished_cycle_opens_read_only_in_the_dashboard_and_not_in_the_forms(folder):
    """?cycle=2025-Q4: the dashboard shows the pilot cycle as it was; the check-in and retro record nothing there."""
    from okrkit.widgets import CheckInApp, DashboardApp, RetroApp

    dashboard = DashboardApp(folder, team="Discover Team", cycle="2025-Q4")
    assert "2025-Q4" in dashboard.header.value and "finished cycle, read only" in dashboard.header.value
    page = "".join(getattr(c, "value", "") for c in _walk(dashboard))
    assert "Grow onboarding completion to 65%" in page  # the pilot's objective, not 2026-Q1's
    for app in (CheckInApp(folder, team="Discover Team", cycle="2025-Q4"),
                RetroApp(folder, team="Discover Team", cycle="2025-Q4")):
        text = "".join(getattr(c, "value", "") for c in _walk(app))
        assert "is a finished cycle, kept as it was" in text and not hasattr(app, "save_button")
    unknown = DashboardApp(folder, cycle="1999-Q1")
    assert "no cycle is named" in unknown.notice.value
