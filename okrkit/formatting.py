"""Numbers, percentages, units and dates as people read them: the same in `okrkit status`,
the apps, the charts and the reports."""

from __future__ import annotations

import datetime as dt

__all__ = ["date", "delta", "delta_unit", "is_long_unit", "number", "percent", "short_date", "unit_suffix",
           "with_unit"]


def number(value: float | None) -> str:
    """12 → "12", 1200 → "1,200", 10.25 → "10.25", 10.2 → "10.2", None → "—"."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(value: float | None) -> str:
    """0.456 → "46%", None → "—"."""
    return "—" if value is None else f"{value * 100:.0f}%"


def delta(value: float | None) -> str:
    """The size of a change, without its sign (shown by an arrow): -8 → "8"."""
    return "—" if value is None else number(abs(value))


def unit_suffix(unit: str | None) -> str:
    """What follows a number: "%" sticks to it ("81%"), any other unit after a space ("840 tickets/month")."""
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def with_unit(value: float | None, unit: str | None) -> str:
    """840 and "tickets/month" → "840 tickets/month"; 81 and "%" → "81%"; None → "—" (no unit)."""
    return "—" if value is None else number(value) + unit_suffix(unit)


def delta_unit(unit: str | None) -> str:
    """The unit of a change: a move from 40% to 32% is 8 points, not 8%."""
    return " pts" if unit == "%" else unit_suffix(unit)


def is_long_unit(unit: str | None) -> bool:
    """A unit too long to sit beside a number in a narrow column ("tickets/month"); "%" and "min" are not."""
    return bool(unit) and unit != "%" and len(unit or "") > 4


def date(value: dt.date | None) -> str:
    """"27 March 2026"."""
    return "—" if value is None else f"{value.day} {value:%B %Y}"


def short_date(value: dt.date | None) -> str:
    """"27 Mar"."""
    return "—" if value is None else f"{value.day} {value:%b}"
