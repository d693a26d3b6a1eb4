"""The Time Machine activity (seed team-okrs-in-action), for the Team OKR Planning Workshop.

    TimeMachine(folder, team=None, url=None, today=None, drafter=None)

"Please enter the Time Machine. Imagine it's the end of the quarter. You're proud of what
the team has achieved. What happened?" Each member writes a success story; the coach groups
the stories into themes; a theme becomes a key-result candidate in the OKR drafter (the
team's draft in the store, or the `drafter` given). Stories and themes are kept as a draft
in the store after every change.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from okrkit.errors import OkrkitError
from okrkit.widgets import _draft as d
from okrkit.widgets._base import App, button, html, row, text_field
from okrkit.widgets._debounce import Debouncer
from okrkit.widgets._forms import clip_text
from okrkit.widgets._html import esc, message

__all__ = ["TimeMachine"]

PROMPT = ("Please enter the Time Machine. Imagine it is the end of the quarter. You are proud of what the team "
          "has achieved. What happened?")
_NO_THEME = ""


class TimeMachine(App):
    """Success stories → themes → KR candidates."""

    title = "Time Machine"
    subtitle = "Imagine the end of the quarter; find the themes in the stories; turn them into key results."

    def __init__(self, folder: Any, team: str | None = None, url: str | None = None, today: Any = None,
                 drafter: Any = None) -> None:
        self.drafter = drafter
        super().__init__(folder, team=team, url=url, today=today)

    def build(self) -> list[w.Widget]:
        team = self.engagement.team(self.team or "")
        self._debounced = Debouncer(0.6, self._autosave)
        state = self.store.load_draft(self._draft_name) or {}
        stories = state.get("stories") if isinstance(state.get("stories"), list) else None
        self.stories: list[dict[str, str]] = [
            {"author": clip_text(s.get("author", ""), 200), "text": clip_text(s.get("text", "")),
             "theme": clip_text(s.get("theme", ""), 200)}
            for s in (stories if stories is not None else [{"author": m} for m in team.members])
            if isinstance(s, dict)
        ]
        themes: list[Any] = state["themes"] if isinstance(state.get("themes"), list) else []
        self.themes: list[str] = [clip_text(t, 200) for t in themes if isinstance(t, str) and t.strip()]
        self.stories_box = w.VBox()
        self.board = w.VBox()
        self.theme_input = text_field("A theme, e.g. 'new users finish onboarding'", width="420px")
        add_theme = button("Add theme", icon="plus")
        add_story = button("Add a story", icon="plus")
        add_theme.on_click(self._on_add_theme)
        add_story.on_click(self._on_add_story)
        self.theme_message = html()
        self.result = html()
        self._render_stories()
        self._render_board()
        return [
            html(f"<div class='okr-quote' style='font-size:15px'>“{esc(PROMPT)}”</div>"),
            html("<h2>1 · Success stories</h2><div class='okr-hint'>Each member writes their own story, "
                 "in the past tense, as if it had happened.</div>"),
            self.stories_box, row(add_story),
            html("<h2>2 · Themes</h2><div class='okr-hint'>Read the stories aloud; name what keeps coming back. "
                 "Then give each story its theme.</div>"),
            row(self.theme_input, add_theme), self.theme_message,
            html("<h2>3 · From themes to key results</h2><div class='okr-hint'>How would we measure that this "
                 "happened? Write it as a key result and send it to the drafter.</div>"),
            self.board, self.result,
        ]

    @property
    def _draft_name(self) -> str:
        return f"time-machine:{self.team}"

    # --- stories ------------------------------------------------------------------------------

    def _render_stories(self) -> None:
        rows = []
        options = [("Theme…", _NO_THEME)] + [(t, t) for t in self.themes]
        for story in self.stories:
            author = text_field("Who", story["author"], width="170px")
            text = text_field("It's the end of the quarter and…", story["text"], area=True, rows=3, width="560px")
            theme = w.Dropdown(options=options, layout=w.Layout(width="240px"))
            theme.value = story["theme"] if story["theme"] in self.themes else _NO_THEME
            author.observe(lambda c, s=story: self._on_story_change(s, "author", c["new"]), names="value")
            text.observe(lambda c, s=story: self._on_story_change(s, "text", c["new"]), names="value")
            theme.observe(lambda c, s=story: self._on_theme_pick(s, c["new"]), names="value")
            rows.append(row(author, text, theme))
        self.stories_box.children = rows

    def _on_story_change(self, story: dict[str, str], key: str, value: str) -> None:
        story[key] = clip_text(value, 200 if key == "author" else 5000)
        self._debounced.trigger()

    def _on_theme_pick(self, story: dict[str, str], theme: str) -> None:
        story["theme"] = theme or ""
        self._render_board()
        self._autosave()

    def _on_add_story(self, _button: w.Button | None = None) -> None:
        self.stories.append({"author": "", "text": "", "theme": ""})
        self._render_stories()
        self._autosave()

    def _on_add_theme(self, _button: w.Button | None = None) -> None:
        name = clip_text(self.theme_input.value, 400).strip()
        self.theme_message.value = ""
        if not name:
            self.theme_message.value = message("Name the theme first.")
            return
        if len(name) > 200:
            self.theme_message.value = message("A theme is at most 200 characters: keep it short.")
            return
        if name not in self.themes:
            self.themes.append(name)
        self.theme_input.value = ""
        self._render_stories()
        self._render_board()
        self._autosave()

    # --- themes and candidates ----------------------------------------------------------------------

    def _render_board(self) -> None:
        cards = []
        for theme in self.themes:
            stories = [s for s in self.stories if s["theme"] == theme and s["text"].strip()]
            notes = "".join(f"<div class='okr-sticky'>{esc(s['text'])}<div class='okr-muted'>— {esc(s['author'])}"
                            "</div></div>" for s in stories) or "<p class='okr-muted'>No story yet.</p>"
            candidate = text_field("Increase … from … to …", width="520px")
            send = button("Send to drafter", "info", icon="arrow-right")
            note = html()
            send.on_click(lambda _b, f=candidate, n=note: self._on_send(f, n))
            cards.append(w.VBox([html(f"<h3>{esc(theme)}</h3>{notes}"), row(candidate, send), note])
                         .add_class("okr-card"))
        self.board.children = cards or [html("<p class='okr-muted'>Add a theme to start grouping the stories.</p>")]

    def _on_send(self, field: w.Text, note: w.HTML) -> None:
        title = clip_text(field.value, 400).strip()
        if not title:
            note.value = message("Write the key result first.")
            return
        if len(title) > 200:
            note.value = message("A key result is at most 200 characters.")
            return
        try:
            if self.drafter is not None and getattr(self.drafter, "team", None) == self.team:
                self.drafter.add_key_result_candidate(title)
                where = "the drafter below"
            else:
                d.add_kr_candidate(self.store, self.engagement, self.team or "", title)
                where = "the drafter (it appears when you open it)"
        except OkrkitError as error:
            note.value = message(f"Not sent: {error}")
            return
        field.value = ""
        note.value = message(f"Sent to {where}: {title}", "ok")

    def _autosave(self) -> None:
        try:
            self.store.save_draft(self._draft_name, {"stories": self.stories, "themes": self.themes})
        except OkrkitError as error:
            self.result.value = message(f"The stories could not be kept: {error}", "warning")
