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
