"""One presentation layer: a status has one colour and label wherever it is shown; numbers and units print one way."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from okrkit import formatting
from okrkit.progress import Status
from okrkit.theme import STATUS, css_variables, status_look


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_a_status_has_one_colour_in_apps_charts_reports_and_landing(status: Status) -> None:
    """The at-risk bar of a chart, the app's badge, the report's CSS and the landing badge agree."""
    from okrkit.charts import STATUS_COLORS
    from okrkit.landing import _team_meta
    from okrkit.reports.page import CSS
    from okrkit.widgets._html import progress_bar, status_badge

    look = STATUS[status]
    assert STATUS_COLORS[status] == look.colour
    assert f"color:{look.colour}" in status_badge(status.value) and look.label in status_badge(status.value)
    assert f"background:{look.colour}" in progress_bar(0.5, status.value)
    variable = {Status.ON_TRACK: "--on", Status.AT_RISK: "--risk", Status.OFF_TRACK: "--off"}[status]
    assert f"{variable}: {look.colour};" in CSS

    team = SimpleNamespace(level=SimpleNamespace(value="team"), objectives=[SimpleNamespace(status=status)],
                           confidence=None, last_checkin=None)  # what the landing card reads
    assert f"color:{look.colour}" in _team_meta(team)  # type: ignore[arg-type]


def test_status_look_reads_values_and_unknowns() -> None:
    assert status_look("at-risk") is STATUS[Status.AT_RISK]
    assert status_look(None).label == "" and status_look("no-such").label == ""


def test_css_variables_hold_the_palette() -> None:
    assert css_variables().startswith(":root {") and "--accent: #1f4e8c;" in css_variables()


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (840, "tickets/month", "840 tickets/month"), (81, "%", "81%"), (12.5, "min", "12.5 min"),
    (1200, "", "1,200"), (None, "%", "—")], ids=["long", "percent", "short", "none", "missing"])
def test_a_value_and_its_unit_print_one_way(value: float | None, unit: str, shown: str) -> None:
    assert formatting.with_unit(value, unit) == shown


def test_a_change_in_percent_is_in_points() -> None:
    assert formatting.delta(-8) + formatting.delta_unit("%") == "8 pts"


def test_dates_read_as_words() -> None:
    assert formatting.date(dt.date(2026, 3, 7)) == "7 March 2026"
    assert formatting.short_date(dt.date(2026, 3, 7)) == "7 Mar"


def test_widget_fragments_escape_through_the_shared_environment() -> None:
    """A message or badge given hostile text shows it as text (okrkit.markup's autoescaping)."""
    from okrkit.widgets._html import badge, message

    hostile = "<img src=x onerror=alert(1)>"
    for fragment in (message(hostile), badge(hostile), ):
        assert "<img" not in fragment and "&lt;img src=x onerror=alert(1)&gt;" in fragment
