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


def main() -> None:
    record = demo_record()
    result = backtest(record.engagement, record.checkins)
    print("demo:", result.summary() if result else "nothing to forecast")
    if result:
        print(f"  ratio to the naive line: {result.mean_abs_error / result.naive_mean_abs_error:.2f}×")
    for team in calibration(record.engagement, record.checkins, record.retros):
        print("  " + team.sentence())


if __name__ == "__main__":
    main()
