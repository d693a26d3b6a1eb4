"""What every app shares: the store, the engagement, a header, a team picker, a notice line.

An app is an `ipywidgets.VBox` whose body is rebuilt when the team changes. A store that
cannot be opened, or a team that is not in the engagement, shows a plain message in the
app instead of a traceback (Voila hides tracebacks, so nothing else would be seen).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as w

from okrkit.errors import OkrkitError
from okrkit.model import Engagement, EngagementRecord
from okrkit.widgets._html import esc, message
from okrkit.widgets._style import CSS

__all__ = ["App", "button", "guarded", "html", "row", "text_field"]

_log = logging.getLogger("okrkit.widgets")
F = TypeVar("F", bound=Callable[..., None])


def guarded(handler: F) -> F:
    """An app's handler that, on an unexpected error, says so on the page instead of failing silently.

    Voila shows no tracebacks to clients (rightly), so an error in a click handler would
    otherwise look like a button that does nothing. The error is logged in the kernel, and
    the store's transactions mean nothing was half-saved.
    """

    @functools.wraps(handler)
    def _guarded(self: App, *args: Any, **kwargs: Any) -> None:
        try:
            handler(self, *args, **kwargs)
        except Exception:
            _log.exception("okrkit app handler %s failed", handler.__name__)
            self.notice.value = message("Something went wrong and nothing was saved. Please try again, or tell "
                                        "your coach if it happens again.")

    return _guarded  # type: ignore[return-value]

_NO_TEAM = "__none__"


def html(value: str = "", **layout: Any) -> w.HTML:
    return w.HTML(value=value, layout=w.Layout(**layout) if layout else w.Layout())


def button(description: str, style: str = "", *, icon: str = "", tooltip: str = "", width: str = "auto") -> w.Button:
    return w.Button(description=description, button_style=style, icon=icon, tooltip=tooltip or description,
                    layout=w.Layout(width=width))


# A full-width field minus the widget's own margins, so its right border stays inside its card.
FULL_WIDTH = "calc(100% - 6px)"


def text_field(placeholder: str = "", value: str = "", width: str = FULL_WIDTH, *, area: bool = False,
               rows: int = 2) -> w.Text | w.Textarea:
    if area:
        return w.Textarea(value=value, placeholder=placeholder, rows=rows, layout=w.Layout(width=width))
    return w.Text(value=value, placeholder=placeholder, layout=w.Layout(width=width))


def row(*children: w.Widget, **layout: Any) -> w.HBox:
    """Children side by side, centred, with the stylesheet's gap between them."""
    box = w.HBox(list(children), layout=w.Layout(align_items="center", **layout))
    box.add_class("okr-row")
    return box


class App(w.VBox):
    """Base of the apps: `App(folder, team=None, url=None, today=None)`."""

    title = "okrkit"
    subtitle = ""
    needs_team = True
    all_teams_label: str | None = None  # when set, the picker offers the whole engagement
    reads_past_cycles = False  # only views that change nothing open a finished cycle

    def __init__(self, folder: str | Path, team: str | None = None, url: str | None = None,
                 today: dt.date | None = None, user: str | None = None, cycle: str | None = None) -> None:
        self.folder = Path(folder)
        self.cycle = cycle  # a finished cycle to read (?cycle=2025-Q4); None: the current one
        self.past: EngagementRecord | None = None
        self.user = user  # who signed in through the hub (okrkit.visit.signed_in_user): the records' author
        self.url = url
        self.today = today or dt.date.today()
        self.team: str | None = None
        self.header = html()
        self.notice = html()
        self.body = w.VBox()
        self.team_picker = w.Dropdown(description="Team", layout=w.Layout(width="420px", max_width="100%"))
        self.team_picker.style.description_width = "50px"
        super().__init__([html(CSS), self.header, self.team_picker, self.notice, self.body])
        self.add_class("okr-app")
        self.team_picker.layout.display = "none"
        try:
            from okrkit.store import open_store

            self.store = open_store(self.folder, url)
            self.engagement = self.read_engagement()
            if cycle and cycle != self.engagement.cycle.name:
                from okrkit.cycles import select_cycle

                self.past = select_cycle(self.store.load_record(), cycle)  # kept whole: read, never changed
                self.engagement = self.past.engagement
        except OkrkitError as error:
            self.header.value = self._header_html()
            self.notice.value = message(f"This app cannot open the engagement: {error}")
            return
        self.header.value = self._header_html()
        if self.needs_team:
            self._setup_team_picker(team)
        else:
            self._render()

    # --- header and team --------------------------------------------------------------

    def _header_html(self) -> str:
        engagement = getattr(self, "engagement", None)
        context = ""
        if engagement is not None:
            cycle = engagement.cycle
            context = f"{esc(engagement.client)} · cycle {esc(cycle.name)} ({cycle.start:%d %b} – {cycle.end:%d %b %Y})"
            if self.past is not None:
                context += " · <b>finished cycle, read only</b>"
            if self.team:
                context += f" · <b>{esc(self.team)}</b>"
        sub = f'<div class="okr-sub">{context}</div>' if context else ""
        lead = f'<div class="okr-sub">{esc(self.subtitle)}</div>' if self.subtitle else ""
        return f'<div class="okr-header"><h1>{esc(self.title)}</h1>{sub}{lead}</div>'

    def team_names(self) -> list[str]:
        return [t.name for t in self.engagement.teams]

    def _setup_team_picker(self, team: str | None) -> None:
        names = self.team_names()
        if team is not None and team not in names:
            self.notice.value = message(f"There is no team named {team!r} in this engagement; choose one above.")
            team = None
        options: list[tuple[str, str]] = []
        if self.all_teams_label:
            options.append((self.all_teams_label, _NO_TEAM))
        elif team is None:
            options.append(("Choose your team…", _NO_TEAM))
        options += [(n, n) for n in names]
        self.team_picker.options = options
        self.team_picker.value = team if team is not None else _NO_TEAM
        self.team_picker.observe(self._on_team_change, names="value")
        if team is None:
            self.team_picker.layout.display = ""
        self.team = team
        self._render()

    def _on_team_change(self, change: dict[str, Any]) -> None:
        self.team = None if change["new"] == _NO_TEAM else change["new"]
        self.notice.value = ""
        self._render()

    def _render(self) -> None:
        self.header.value = self._header_html()
        if self.past is not None and not self.reads_past_cycles:
            self.body.children = [html(message(
                f"{self.engagement.cycle.name} is a finished cycle, kept as it was: its dashboard shows it "
                "(add ?cycle=" + self.engagement.cycle.name + " to the dashboard's link). Check-ins and "
                "retrospectives are recorded in the current cycle.", "info"))]
            return
        if self.needs_team and self.team is None and not self.all_teams_label:
            self.body.children = [html('<p class="okr-muted">Choose your team above to start.</p>')]
            return
        self.body.children = self.build()

    def read_engagement(self) -> Engagement:
        """The engagement as this app needs it (all of it, unless an app says otherwise)."""
        return self.store.load_engagement()

    def reload(self) -> None:
        """Read the engagement again from the store (after a save); a finished cycle never changes."""
        if self.past is None:
            self.engagement = self.read_engagement()

    def build(self) -> list[w.Widget]:  # pragma: no cover - every app overrides it
        raise NotImplementedError
