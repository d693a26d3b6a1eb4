"""pandas tables agree with the status they lay out."""

from __future__ import annotations

import datetime as dt

from okrkit.demo import demo_record
from okrkit.frames import checkins_frame, confidence_frame, kr_frame, objective_frame
from okrkit.progress import engagement_status

MID = dt.date(2026, 2, 13)


def test_kr_frame_has_a_row_per_key_result_with_its_progress():
    """Ten KRs in the demo; the frame's progress is the status's."""
    record = demo_record()
    status = engagement_status(record.engagement, record.checkins, MID)
    frame = kr_frame(status).set_index("kr")
    assert len(frame) == 10
    assert frame.loc["DT-1.1", "progress"] == status.key_results()["DT-1.1"].progress
    assert set(objective_frame(status)["expected"]) == {status.expected}


def test_checkins_frame_is_the_spreadsheet_layout():
    """One row per KR value: 48 check-ins of 2 or 3 KRs each."""
    frame = checkins_frame(demo_record().checkins)
    assert list(frame.columns[:4]) == ["date", "team", "kr", "value"] and len(frame) == 12 * (3 + 3 + 2 + 2)


def test_confidence_frame_is_team_by_week():
    """Four teams by twelve check-in dates."""
    assert confidence_frame(demo_record().checkins).shape == (4, 12)
