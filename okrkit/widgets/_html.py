"""HTML fragments shared by the apps: escaped text, status badges, progress bars, messages.

They are rendered by okrkit.markup's autoescaping Jinja environment (the reports' too), with
okrkit.theme's colours and okrkit.formatting's numbers, so a widget never escapes user text
by hand. Pure strings: no ipywidgets, so these are cheap to import and to test.
"""

from __future__ import annotations

import html

from okrkit import formatting
from okrkit.markup import render

__all__ = [
    "badge",
    "esc",
    "fmt_number",
    "message",
    "progress_bar",
    "status_badge",
]

fmt_number = formatting.number  # the one way to print a number (status, apps, reports)

_BADGE = ('{% set look = level_look(level) %}'
          '<span class="okr-badge" style="color:{{ look.colour }};background:{{ look.background }}">{{ text }}</span>')
_BAR = (
    '{% set look = status_look(status) %}{% set share = [0, [progress, 1]|min]|max %}'
    '<div class="okr-bar-row"><div class="okr-bar"><span class="okr-fill" '
    'style="width:{{ "%.1f"|format(share * 100) }}%;background:{{ look.colour }}"></span>'
    '{% if expected is not none %}{% set pace = [0, [expected, 1]|min]|max * 100 %}'
    '<span class="okr-pace" style="left:{{ "%.1f"|format(pace) }}%" '
    'title="expected by now: {{ "%.0f"|format(pace) }}%"></span>{% endif %}</div>'
    '<span class="okr-bar-label">{{ label if label is not none else share|pct }}</span></div>'
)
_MESSAGE = ('{% set look = level_look(level) %}'
            '<div class="okr-msg okr-msg-{{ level }}" style="color:{{ look.colour }};background:{{ look.background }}">'
            '{{ look.icon }} {{ text }}</div>')


def esc(text: object) -> str:
    """`text` as HTML text: `<img src=x onerror=…>` shows as those characters, never as a tag."""
    return html.escape("" if text is None else str(text), quote=True)


def badge(text: str, level: str = "info") -> str:
    """A pill in a message level's colours (error, warning, info, ok) or a status's."""
    return str(render(_BADGE, text=text, level=level))


def status_badge(status: str) -> str:
    """"on-track" → a green "On track" pill; the status is read in words, not only in colour."""
    return badge(status.replace("-", " ").capitalize(), status)


def progress_bar(progress: float, status: str | None = None, *, expected: float | None = None,
                 label: str | None = None) -> str:
    """A horizontal bar filled to `progress` (0–1) in its status's colour, with a tick at the expected pace."""
    return str(render(_BAR, progress=progress, status=status, expected=expected, label=label))


def message(text: str, level: str = "error") -> str:
    """A one-line message for a field: red for an error, green for done, blue for a tip."""
    return str(render(_MESSAGE, text=text, level=level)) if text else ""
