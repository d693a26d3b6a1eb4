"""Numbers as people read them, the same in `okrkit status`, the apps and the reports."""

from __future__ import annotations

__all__ = ["STATUS_COLOURS", "number", "percent"]

# Each status's colour (text or mark) and its pale background: the apps' badges and bars and
# the charts' marks use these, so "at risk" is one colour wherever it is shown.
STATUS_COLOURS = {
    "on-track": ("#1a7f37", "#e6f4ea"),
    "at-risk": ("#9a5b00", "#fff4e0"),
    "off-track": ("#b42318", "#fde8e7"),
}


def number(value: float | None) -> str:
    """12 → "12", 1200 → "1,200", 10.25 → "10.25", 10.2 → "10.2", None → "—"."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(value: float | None) -> str:
    """0.456 → "46%", None → "—"."""
    return "—" if value is None else f"{value * 100:.0f}%"
