"""Forecasts of each key result at the cycle's end, and the teams' confidence calibration."""

from __future__ import annotations

import datetime as dt

from okrkit.calibration import calibration
from okrkit.demo import demo_record
from okrkit.forecast import backtest, forecast_kr
from okrkit.model import CheckIn, Cycle, KeyResult

CYCLE = Cycle(name="Q", start=dt.date(2026, 1, 5), end=dt.date(2026, 3, 30), checkin_weekday="monday")
KR = KeyResult(id="A-1.1", title="Increase completion from 40% to 80%", unit="%", baseline=40, target=80)
DOWN = KeyResult(id="A-1.2", title="Reduce tickets from 1,200 to 800", baseline=1200, target=800)


def _weekly(kr: KeyResult, values: list[float]) -> list[CheckIn]:
    days = CYCLE.checkin_dates()[1:]
    return [CheckIn(team="A", date=d, values={kr.id: v}) for d, v in zip(days, values, strict=False)]


def test_a_steady_pace_is_extended_to_the_cycles_end() -> None:
    """+2 points a week from 40 over 12 weeks lands at 64: 60 % of the way to 80."""
    checkins = _weekly(KR, [42, 44, 46, 48])
    fc = forecast_kr(KR, CYCLE, checkins, checkins[-1].date)
    assert fc is not None and fc.on == CYCLE.end
    assert abs(fc.value - 64) < 0.01 and abs(fc.progress - 0.6) < 0.001
    assert fc.low <= fc.value <= fc.high and fc.high - fc.low < 0.01  # no noise, no band
    assert fc.sentence() == "at this pace: 60 % by 30 Mar"


def test_one_mistyped_week_barely_moves_the_forecast_but_widens_the_band() -> None:
    steady = _weekly(KR, [42, 44, 46, 48, 50, 52])
    odd = _weekly(KR, [42, 44, 90, 48, 50, 52])
    a = forecast_kr(KR, CYCLE, steady, steady[-1].date)
    b = forecast_kr(KR, CYCLE, odd, odd[-1].date)
    assert a is not None and b is not None
    assert abs(a.value - b.value) < 1.5
    assert b.high - b.low > a.high - a.low


def test_a_decreasing_metric_keeps_low_and_high_progress_in_order() -> None:
    checkins = _weekly(DOWN, [1180, 1130, 1120, 1060, 1040])
    fc = forecast_kr(DOWN, CYCLE, checkins, checkins[-1].date)
    assert fc is not None and fc.value < 1040
    assert fc.low_progress <= fc.progress <= fc.high_progress


def test_no_forecast_without_a_pace_or_for_a_milestone() -> None:
    no_baseline = KeyResult(id="A-1.3", title="Reach NPS 40", target=40)
    assert forecast_kr(no_baseline, CYCLE, _weekly(no_baseline, [30]), CYCLE.end) is None
    milestone = KeyResult(id="A-1.4", title="Pass the audit", kind="milestone")
    assert forecast_kr(milestone, CYCLE, _weekly(milestone, [0, 0]), CYCLE.end) is None
    assert forecast_kr(KR, CYCLE, [], CYCLE.end) is None


def test_backtest_on_the_demo_reports_error_and_band_coverage() -> None:
    record = demo_record()
    result = backtest(record.engagement, record.checkins)
    assert result is not None and result.key_results >= 8
    assert 0 <= result.mean_abs_error < 0.5 and 0 <= result.within_band <= 1
    assert "progress points" in result.summary()


def test_calibration_compares_each_weeks_confidence_with_the_final_result() -> None:
    record = demo_record()
    found = {c.team: c for c in calibration(record.engagement, record.checkins, record.retros)}
    support = found["Support Experience Team"]
    weeks = [c for c in record.checkins if c.team == support.team and c.confidence is not None]
    assert len(support.weeks) == len(weeks)
    expected_gap = sum(c.confidence - support.result * 10 for c in weeks) / len(weeks)
    assert abs(support.mean_gap - expected_gap) < 1e-9
    assert 0 <= support.brier <= 1
    assert support.sentence().startswith("Support Experience Team was ")
    assert "less confident than its results" in support.sentence()
