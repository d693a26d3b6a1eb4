"""HTML fragments shared by the apps: escaped text, status badges, progress bars, messages.

Every function here escapes the user text it is given, so a widget never builds HTML from
user text by hand. Pure strings: no ipywidgets, so these are cheap to import and to test.
"""

from __future__ import annotations

import html

from okrkit.formatting import STATUS_COLOURS

__all__ = [
    "STATUS_COLOURS",
    "badge",
    "esc",
    "fmt_number",
    "message",
    "progress_bar",
    "status_badge",
]

_LEVELS = {"error": ("#b42318", "#fde8e7"), "warning": ("#9a5b00", "#fff4e0"),
           "info": ("#1f4e8c", "#e8f0fb"), "ok": ("#1a7f37", "#e6f4ea")}


def esc(text: object) -> str:
    """`text` as HTML text: `<img src=x onerror=…>` shows as those characters, never as a tag."""
    return html.escape("" if text is None else str(text), quote=True)


def fmt_number(value: float | None) -> str:
    """12 → "12", 10.25 → "10.25", None → "—"."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def badge(text: str, level: str = "info") -> str:
    fg, bg = _LEVELS.get(level, STATUS_COLOURS.get(level, _LEVELS["info"]))
    return f'<span class="okr-badge" style="color:{fg};background:{bg}">{esc(text)}</span>'


def status_badge(status: str) -> str:
    """"on-track" → a green "On track" pill; the status is read in words, not only in colour."""
    fg, bg = STATUS_COLOURS.get(status, ("#444", "#eee"))
    label = status.replace("-", " ").capitalize()
    return f'<span class="okr-badge" style="color:{fg};background:{bg}">{esc(label)}</span>'


def progress_bar(progress: float, status: str | None = None, *, expected: float | None = None,
                 label: str | None = None) -> str:
    """A horizontal bar filled to `progress` (0–1), with a tick at the expected pace."""
    share = min(1.0, max(0.0, progress))
    colour = STATUS_COLOURS.get(status or "", ("#1f4e8c", ""))[0]
    tick = ""
    if expected is not None:
        pace = min(1.0, max(0.0, expected)) * 100
        tick = f'<span class="okr-pace" style="left:{pace:.1f}%" title="expected by now: {pace:.0f}%"></span>'
    text = esc(label if label is not None else f"{share * 100:.0f}%")
    return (
        f'<div class="okr-bar-row"><div class="okr-bar"><span class="okr-fill" '
        f'style="width:{share * 100:.1f}%;background:{colour}"></span>{tick}</div>'
        f'<span class="okr-bar-label">{text}</span></div>'
    )


def message(text: str, level: str = "error") -> str:
    """A one-line message for a field: red for an error, green for done, blue for a tip."""
    if not text:
        return ""
    fg, bg = _LEVELS.get(level, _LEVELS["info"])
    icon = {"error": "⚠", "warning": "⚠", "ok": "✓", "info": "ℹ"}.get(level, "")
    return f'<div class="okr-msg okr-msg-{level}" style="color:{fg};background:{bg}">{icon} {esc(text)}</div>'

