"""The coach workbook's cycle planner: how the cycles went, and starting the next one."""

from __future__ import annotations

import datetime as dt

from okrkit.store import open_store
from okrkit.widgets import CyclePlanner

TODAY = dt.date(2026, 12, 1)


def test_it_shows_every_cycle_and_the_finished_cycles_calibration(folder):
    app = CyclePlanner(folder, today=TODAY)
    page = app.body.children[0].value
    assert "2025-Q4" in page and "2026-Q1" in page and "introducing" in page
    assert "Confidence against results in 2026-Q1" in page
    assert "Support Experience Team was 2.2 points less confident" in page


def test_the_preview_follows_each_decision(folder):
    """The next quarter is proposed; dropping an objective takes its key results out of the preview."""
    app = CyclePlanner(folder, today=TODAY)
    assert app.name.value == "2026-Q2" and app.start.value == dt.date(2026, 4, 1)
    assert "DT-1.1: baseline 65 → <b>88.8</b>" in app.preview.value
    assert "The coach on 2026-Q2" in app.preview.value and not app.start_button.disabled
    app.choices["DT-1"].value = "drop"
    assert "DT-1.1" not in app.preview.value


def test_a_bad_cycle_is_a_message_and_nothing_changes(folder):
    before = open_store(folder).load_record()
    app = CyclePlanner(folder, today=TODAY)
    app.name.value = "2026-Q1"
    assert "already has a cycle named &#39;2026-Q1&#39;" in app.preview.value and app.start_button.disabled
    app.name.value = "Next"
    app.end.value = dt.date(2026, 3, 1)
    assert "must be after its start" in app.preview.value
    assert open_store(folder).load_record() == before


def test_starting_archives_the_cycle_and_makes_the_new_one_current(folder):
    app = CyclePlanner(folder, today=TODAY)
    app.choices["AO-1"].value = "drop"
    app.start_button.click()
    assert "2026-Q1 is archived; 2026-Q2 is the current cycle." in app.notice.value
    record = open_store(folder).load_record()
    assert record.cycle_names() == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert "AO-1.1" not in record.engagement.key_results() and record.checkins == []
    assert app.name.value == "2026-Q3"  # the planner now plans from the new cycle
