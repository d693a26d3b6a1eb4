"""How far the key-result forecasts land from what was reached, on engagements whose cycle is over.

    python benchmarks/forecast_error.py

For every week k ≥ 3 of each measurable KR, forecast the end from the first k check-ins and
compare with the last reading; the naive straight line from the baseline through the latest
value is printed beside it as the bare baseline. Also prints each team's confidence calibration.
"""

from __future__ import annotations

from okrkit.calibration import calibration
from okrkit.demo import demo_record
from okrkit.forecast import backtest
from okrkit.testing import scale_record


def main() -> None:
    for name, record in (("demo 2026-Q1", demo_record()), ("demo 2025-Q4 (pilot)", demo_record().for_cycle("2025-Q4")),
                         ("generated, 50 teams", scale_record(50))):
        result = backtest(record.engagement, record.checkins)
        print(f"{name}:", result.summary() if result else "nothing to forecast")
        if result:
            print(f"  ratio to the naive line: {result.mean_abs_error / result.naive_mean_abs_error:.2f}×")
        teams = calibration(record.engagement, record.checkins, record.retros)
        if teams:
            gaps = sorted(abs(t.mean_gap) for t in teams)
            print(f"  calibration: {len(teams)} teams, median |gap| {gaps[len(gaps) // 2]:.1f} points, "
                  f"mean Brier {sum(t.brier for t in teams) / len(teams):.3f}")
            for team in teams[:4]:
                print("  " + team.sentence())


if __name__ == "__main__":
    main()
