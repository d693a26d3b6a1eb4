"""How okrkit looks, in one place: the palette and each status's colour, label and icon.

The apps, the charts, the reports and the landing page all read their colours here, so an
"at risk" bar and an "at risk" label are the same colour wherever a person sees them. The
status colours are dark enough to be read as text on white and on their light background
(WCAG AA), and a status is never shown by colour alone: its label goes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrkit.progress import Status

__all__ = ["LEVELS", "PALETTE", "STATUS", "Look", "css_variables", "level_look", "status_look"]


@dataclass(frozen=True)
class Look:
    label: str
    colour: str  # text, bars and chart marks
    background: str  # the light fill behind a badge or a message
    icon: str


PALETTE = {
    "ink": "#1d2430",
    "muted": "#5b6575",
    "line": "#dde2ea",
    "soft": "#f4f6fa",
    "accent": "#1f4e8c",
    "accent-soft": "#e8f0fb",
    "pace": "#546e7a",
}

STATUS: dict[Status, Look] = {
    Status.ON_TRACK: Look("On track", "#1a7f37", "#e6f4ea", "●"),
    Status.AT_RISK: Look("At risk", "#9a5b00", "#fff4e0", "▲"),
    Status.OFF_TRACK: Look("Off track", "#b42318", "#fde8e7", "■"),
}

# Messages beside a field and the coach's findings.
LEVELS: dict[str, Look] = {
    "error": Look("Error", "#b42318", "#fde8e7", "⚠"),
    "warning": Look("Warning", "#9a5b00", "#fff4e0", "⚠"),
    "info": Look("Tip", PALETTE["accent"], PALETTE["accent-soft"], "ℹ"),
    "ok": Look("Done", "#1a7f37", "#e6f4ea", "✓"),
}

_UNKNOWN = Look("", PALETTE["accent"], PALETTE["accent-soft"], "")


def status_look(status: Status | str | None) -> Look:
    """The look of a status, given as a `Status` or its value ("at-risk"); None: the neutral accent."""
    if isinstance(status, Status):
        return STATUS[status]
    if status is None:
        return _UNKNOWN
    try:
        return STATUS[Status(status)]
    except ValueError:
        return _UNKNOWN


def level_look(level: str) -> Look:
    """A message level (error, warning, info, ok), or a status value, which badges also use."""
    return LEVELS.get(level) or status_look(level)


def css_variables() -> str:
    """The palette and statuses as CSS custom properties, for the report and landing pages."""
    names = {Status.ON_TRACK: "on", Status.AT_RISK: "risk", Status.OFF_TRACK: "off"}
    pairs = [(f"--{k}", v) for k, v in PALETTE.items()]
    pairs += [(f"--{names[s]}", look.colour) for s, look in STATUS.items()]
    pairs += [(f"--{names[s]}-soft", look.background) for s, look in STATUS.items()]
    return ":root { " + " ".join(f"{k}: {v};" for k, v in pairs) + " }"
