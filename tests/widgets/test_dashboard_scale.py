"""The dashboard of a large organisation: business units first, then a unit's teams, then one team."""

from __future__ import annotations

import datetime as dt

import pytest
from widget_helpers import page_html

from okrkit.testing import scale_folder
from okrkit.widgets import DashboardApp

AS_OF = dt.date(2026, 3, 27)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return scale_folder(tmp_path_factory.mktemp("big"), 40)


def test_whole_engagement_opens_on_business_units_not_every_team(big):
    """40 teams: one row per unit, the ten furthest behind and ahead, aggregate charts; no team's KR table."""
    app = DashboardApp(big, today=AS_OF)
    page = page_html(app)
    assert "Business units" in page and "Retail Banking" in page and "furthest behind the pace" in page
    assert "T0001-1.1" not in app.teams_view.value  # no key result of any team in the overview
    assert app.charts.value.count("<svg") == 5 and "could not be drawn" not in app.charts.value


def test_opening_a_unit_lists_only_its_teams_one_line_each(big):
    """Choosing a unit shows its own OKRs and its teams; other units' teams are absent."""
    app = DashboardApp(big, today=AS_OF)
    app.unit_picker.value = "Retail Banking"
    view = app.teams_view.value
    assert "U02-1.1" in view and "Team 0002" in view and "Team 0001" not in view
    assert app.charts.value.count("<svg") == 4


def test_a_team_chosen_from_the_unit_shows_its_key_results(big):
    """From a unit, the team picker opens one team with every key result, and back keeps the unit."""
    app = DashboardApp(big, today=AS_OF)
    app.unit_picker.value = "Retail Banking"
    team = next(name for name in app.team_names() if name.endswith("Team 0002"))
    app.team_picker.value = team
    assert "T0002-1.1" in app.teams_view.value and app.charts.value.count("<svg") == 3
    app.team_picker.value = "__none__"
    assert app.unit == "Retail Banking" and "Team 0002" in app.teams_view.value


def test_unknown_unit_falls_back_to_every_unit_with_a_notice(big):
    """A unit name that does not exist shows all units and says so, never a traceback."""
    app = DashboardApp(big, today=AS_OF, unit="Nowhere")
    assert "no business unit named &#39;Nowhere&#39;" in app.notice.value and app.unit is None


def test_the_app_holds_the_teams_names_not_every_teams_records(big):
    """The whole view is built in the chart worker: the app holds no team's OKRs or check-ins; a team's
    view reads that team's records only (a kernel at 1,000 teams stays near a bare one)."""
    app = DashboardApp(big, today=AS_OF)
    assert "Retail Banking" in app.teams_view.value
    assert app.view is None and not any(t.objectives for t in app.engagement.teams)
    team = next(name for name in app.team_names() if name.endswith("Team 0002"))
    app.team_picker.value = team
    assert app.view is not None and [t.name for t in app.view.engagement.teams if t.objectives] == [team]
    assert {c.team for c in app.checkins} == {team}
