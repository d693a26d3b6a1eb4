"""The team's retrospective: a board of prompts, dot votes, actions, and end-of-cycle scores.

    RetroApp(folder, team=None, url=None, today=None)

Mid-cycle it defaults to Attractors and Detractors, at the end of the cycle to the four
end-of-cycle questions; any registered format (`okrkit.retro_formats`) can be chosen. At
the end of the cycle the team also scores each key result (0–1), read as a coach reads it.
The board is autosaved as a draft while the team works, so a closed tab loses nothing;
saving records it through the model (`parse(Retro)`) in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from okrkit.errors import InputError
from okrkit.model import Retro, RetroItem, RetroKind
from okrkit.progress import engagement_status, score_reading
from okrkit.retro_formats import RETRO_FORMATS, default_format
from okrkit.validation import parse, too_long
from okrkit.widgets._base import FULL_WIDTH, button, guarded, html, row, text_field
from okrkit.widgets._form_app import FormApp
from okrkit.widgets._forms import clip_text, length_counter
from okrkit.widgets._html import esc, message

__all__ = ["RetroApp"]

_KIND_LABELS = [("Mid-cycle", RetroKind.MID_CYCLE.value), ("End of cycle", RetroKind.END.value)]
DEFAULT_DOTS = 3


class RetroApp(FormApp):
    """A team's retrospective, recorded in the engagement's store."""

    draft_kind = "retro"

    title = "Retrospective"
    subtitle = "Look back at the journey, not only the delivery: what helped, what got in the way, what next."

    def build(self) -> list[w.Widget]:
        cycle = self.engagement.cycle
        kind = RetroKind.END.value if self.today >= cycle.end - dt.timedelta(days=7) else RetroKind.MID_CYCLE.value
        self._items: list[dict[str, Any]] = []
        self._actions: list[str] = []
        self.kind = w.ToggleButtons(options=_KIND_LABELS, value=kind)
        self.format = w.Dropdown(description="Format", layout=w.Layout(width="360px"))
        self.format.style.description_width = "55px"
        self.date = w.DatePicker(value=self.today, description="Date", layout=w.Layout(width="240px"))
        self.date.style.description_width = "40px"
        self.board = w.HBox(layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.actions_box = w.VBox()
        self.action_input = text_field("An action: who does what by when", width="520px")
        self.add_action = button("Add action", icon="plus")
        self.scores_box = w.VBox()
        self.score_sliders: dict[str, w.FloatSlider] = {}
        self.save_button = button("Save retrospective", "primary", icon="check", width="200px")
        self.messages = {name: html() for name in ("items", "actions", "scores", "date", "format", "votes")}
        self.result = html()
        self.restored = html()
        self.history = html()
        self.item_inputs: dict[str, w.Text] = {}
        # Dot votes: each participant (by the name typed) has a budget the facilitator sets.
        self.voter = text_field("Your name", width="200px")
        self.dots = w.BoundedIntText(value=DEFAULT_DOTS, min=1, max=20, description="Dots each",
                                     layout=w.Layout(width="150px"))
        self.dots.style.description_width = "70px"
        self._ballots: dict[str, int] = {}  # voter → dots used
        self._scored: set[str] = set()  # KRs whose score a person set; the rest stay as measured

        self._set_format_options(kind)
        self._restore_draft()
        self.kind.observe(self._on_kind_change, names="value")
        self.format.observe(self._on_format_change, names="value")
        self.add_action.on_click(self._on_add_action)
        self.save_button.on_click(self._on_save)
        self.controls.update({"add action": self.add_action, "save": self.save_button})
        self._render_board()
        self._render_actions()
        self._render_scores()
        self.history.value = self._history_html()
        return [
            self.restored,
            row(self.kind, self.format, self.date),
            self.messages["format"], self.messages["date"],
            row(html("<span class='okr-hint'>Dot votes: each person has a few dots for the notes that matter "
                     "most.</span>"), self.voter, self.dots),
            self.messages["votes"],
            self.board,
            self.messages["items"],
            html("<h2>Actions</h2><div class='okr-hint'>What will we change? Keep it to a few, each with an owner."
                 "</div>"),
            self.actions_box,
            row(self.action_input, self.add_action),
            length_counter(self.action_input, 2000),
            self.messages["actions"],
            self.scores_box,
            self.messages["scores"],
            row(self.save_button, self.result, margin="10px 0"),
            html("<h2>Earlier retrospectives</h2>"),
            self.history,
        ]

    # --- format and board ------------------------------------------------------------

    def _set_format_options(self, kind: str) -> None:
        options = [(f.title, f.name) for f in RETRO_FORMATS.values() if f.when in (kind, "any")]
        self.format.options = options
        self.format.value = default_format(kind).name

    def _render_board(self) -> None:
        fmt = RETRO_FORMATS[self.format.value]
        self.item_inputs = {}
        columns = []
        for prompt, question in zip(fmt.prompts, fmt.questions, strict=True):
            items = sorted((i for i in self._items if i["prompt"] == prompt), key=lambda i: -i["votes"])
            field = text_field("Add a sticky note…", width="auto")
            add = button("Add", icon="plus", width="70px")
            add.on_click(lambda _b, p=prompt: self._on_add_item(p))
            # Enter in the box adds the note, as on any board (the front-end sends a "submit" message).
            field.on_msg(lambda _w, content, _buffers, p=prompt: self._on_note_message(p, content))
            self.controls[f"add note: {prompt}"] = add
            self.item_inputs[prompt] = field
            notes: list[w.Widget] = [html(f"<h3>{esc(question)}</h3>")]
            notes += [self._item_row(item) for item in items]
            field.layout.flex, field.layout.min_width = "1 1 auto", "0"
            add.layout.flex = "0 0 auto"
            notes.append(w.HBox([field, add]))
            width = min(340, 1080 // len(fmt.prompts) - 12)
            column = w.VBox(notes, layout=w.Layout(width=f"{width}px", margin="0 10px 10px 0"))
            columns.append(column.add_class("okr-card"))
        self.board.children = columns

    def _item_row(self, item: dict[str, Any]) -> w.Widget:
        vote = button(f"+1 ({item['votes']})", width="72px", tooltip="Dot vote")
        remove = button("", icon="times", width="34px", tooltip="Remove this note")
        vote.on_click(lambda _b, i=item: self._on_vote(i))
        remove.on_click(lambda _b, i=item: self._on_remove_item(i))
        self.controls.update({f"vote: {item['text']}": vote, f"remove note: {item['text']}": remove})
        note = html(f"<div class='okr-sticky'>{esc(item['text'])}</div>")
        note.layout.width = FULL_WIDTH  # its border inside the column
        # The buttons sit under the note, whole at any length of note (beside it they were cut off).
        vote.layout.flex = remove.layout.flex = "0 0 auto"
        buttons = w.HBox([vote, remove], layout=w.Layout(justify_content="flex-end", width="100%"))
        return w.VBox([note, buttons], layout=w.Layout(width="100%", margin="0 0 4px 0"))

    def _render_actions(self) -> None:
        rows = []
        for index, action in enumerate(self._actions):
            remove = button("", icon="times", width="34px", tooltip="Remove this action")
            remove.on_click(lambda _b, i=index: self._on_remove_action(i))
            rows.append(row(html(f"• {esc(action)}", width="520px"), remove))
        self.actions_box.children = rows or [html("<p class='okr-muted'>No actions yet.</p>")]

    def _render_scores(self) -> None:
        if self.kind.value != RetroKind.END.value:
            self.scores_box.children = []
            return
        team = self.engagement.team(self.team or "")
        status = engagement_status(self.engagement, self.store.checkins(), as_of=self.engagement.cycle.end)
        computed = status.key_results()
        rows: list[w.Widget] = [html("<h2>Final scores</h2><div class='okr-hint'>Score each key result from 0 to 1."
                                     " It starts at the measured progress; move it only if the numbers miss "
                                     "something. A score you do not move stays as measured.</div>")]
        self.score_sliders = {}
        self._scored = set()
        for objective in team.objectives:
            rows.append(html(f"<h3>{esc(objective.title)}</h3>"))
            for kr in objective.key_results:
                measured = computed[kr.id].progress if kr.id in computed else 0.0
                # Steps of 0.01 keep the measured value on the slider's grid: a coarser step made the
                # browser snap 0.79 to 0.80 and send it back as if the team had chosen it.
                slider = w.FloatSlider(value=round(measured, 2), min=0, max=1, step=0.01, readout_format=".2f",
                                       layout=w.Layout(width="240px"))
                reading = html(self._score_html(measured, None, objective.commitment), width="340px")
                slider.observe(lambda c, k=kr.id, m=measured, r=reading, o=objective: self._on_score_change(
                    k, m, c["new"], r, o.commitment), names="value")
                self.score_sliders[kr.id] = slider
                rows.append(row(html(esc(kr.title), width="400px"), slider, reading))
        self.scores_box.children = rows

    @staticmethod
    def _score_html(measured: float, chosen: float | None, commitment: Any) -> str:
        if chosen is None:
            return (f"<span class='okr-muted'>as measured ({measured:.2f})</span> · "
                    f"{esc(score_reading(measured, commitment))}")
        return (f"<b>your score {chosen:.2f}</b> <span class='okr-muted'>(measured {measured:.2f})</span> · "
                f"{esc(score_reading(chosen, commitment))}")

    def _on_score_change(self, kr_id: str, measured: float, value: float, reading: w.HTML, commitment: Any) -> None:
        if abs(value - round(measured, 2)) < 1e-9 and kr_id not in self._scored:
            return  # the slider only settled on the measured value: nobody chose it
        self._scored.add(kr_id)
        reading.value = self._score_html(measured, value, commitment)

    def _history_html(self) -> str:
        retros = self.store.retros(self.team)
        if not retros:
            return "<p class='okr-muted'>No retrospective recorded yet.</p>"
        cards = []
        for retro in reversed(retros):
            fmt = RETRO_FORMATS.get(retro.format)
            top = sorted(retro.items, key=lambda i: -i.votes)[:3]
            items = "".join(f"<li>{esc(i.text)} <span class='okr-muted'>({i.votes} votes, {esc(i.prompt)})</span>"
                            "</li>" for i in top)
            actions = "".join(f"<li>{esc(a)}</li>" for a in retro.actions)
            cards.append(
                f"<div class='okr-card'><b>{retro.date:%d %b %Y}</b> · {esc(fmt.title if fmt else retro.format)}"
                f" · {esc(retro.kind.value)}<div class='okr-muted'>Most voted</div><ul>{items or '<li>—</li>'}</ul>"
                f"<div class='okr-muted'>Actions</div><ul>{actions or '<li>—</li>'}</ul></div>"
            )
        return "".join(cards)

    # --- handlers ----------------------------------------------------------------------

    def _on_kind_change(self, change: dict[str, Any]) -> None:
        self._set_format_options(change["new"])
        self._render_scores()
        self._autosave()

    def _on_format_change(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        prompts = RETRO_FORMATS[change["new"]].prompts
        if any(i["prompt"] not in prompts for i in self._items):
            self.messages["format"].value = message(
                "Notes written for another format's prompts are kept aside until you switch back.", "info")
        self._render_board()
        self._autosave()

    def _on_add_item(self, prompt: str) -> None:
        field = self.item_inputs[prompt]
        self.messages["items"].value = ""
        try:
            item = parse(RetroItem, {"prompt": prompt, "text": clip_text(field.value, 4000), "author": self.user or ""})
            if any((i["prompt"], i["text"]) == (item.prompt, item.text) for i in self._items):
                field.value = ""
                self.messages["items"].value = message("That note is already on the board.", "info")
                return
        except InputError as error:
            self.messages["items"].value = message(
                "Write something on the note first." if "empty" in str(error) else str(error))
            return
        self._items.append(item.model_dump(mode="json"))
        self._render_board()
        self._autosave()

    def _on_note_message(self, prompt: str, content: dict[str, Any]) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self._on_add_item(prompt)

    def _on_vote(self, item: dict[str, Any]) -> None:
        voter = clip_text(self.voter.value, 200).strip()
        used = self._ballots.get(voter, 0)
        self.messages["votes"].value = ""
        if used >= self.dots.value:
            who = f"{voter} has" if voter else "You have"
            self.messages["votes"].value = message(
                f"{who} used all {self.dots.value} dots. Type another name to vote, or the facilitator can "
                "give everyone more dots.", "warning")
            return
        self._ballots[voter] = used + 1
        item["votes"] = min(1000, item["votes"] + 1)
        item.setdefault("voters", {})[voter] = item.get("voters", {}).get(voter, 0) + 1
        self._render_board()
        self._autosave()

    def _on_remove_item(self, item: dict[str, Any]) -> None:
        self._items = [i for i in self._items if i is not item]
        for voter, count in item.get("voters", {}).items():  # dots on a removed note go back to their voters
            self._ballots[voter] = max(0, self._ballots.get(voter, 0) - count)
        self._render_board()
        self._autosave()

    def _on_add_action(self, _button: w.Button | None = None) -> None:
        text = clip_text(self.action_input.value, 4000).strip()
        self.messages["actions"].value = ""
        if not text:
            self.messages["actions"].value = message("Write the action first.")
            return
        if len(text) > 2000:
            self.messages["actions"].value = message(too_long(len(text), 2000) + ".")
            return
        self._actions.append(text)
        self.action_input.value = ""
        self._render_actions()
        self._autosave()

    def _on_remove_action(self, index: int) -> None:
        del self._actions[index]
        self._render_actions()
        self._autosave()

    # --- draft and save ---------------------------------------------------------------

    def _autosave(self) -> None:
        payload = {"kind": self.kind.value, "format": self.format.value, "items": self._items,
                   "actions": self._actions, "dots": self.dots.value}
        error = self.keep_draft(payload)
        if error is not None:
            self.result.value = message(f"Could not keep a draft: {error}", "warning")

    def _restore_draft(self) -> None:
        draft = self.stored_draft()
        if not draft:
            return
        if draft.get("kind") in dict(_KIND_LABELS).values():
            self.kind.value = draft["kind"]
            self._set_format_options(draft["kind"])
        if draft.get("format") in dict(self.format.options).values():
            self.format.value = draft["format"]
        if draft.get("dots") in range(1, 21):
            self.dots.value = draft["dots"]
        # A draft is only kept data: each note is checked again before it is shown, and a note
        # already on the board (the same prompt and text) is never added twice.
        restored = 0
        for raw in draft.get("items", []) if isinstance(draft.get("items"), list) else []:
            if not isinstance(raw, dict):
                continue
            voters = _voters(raw.get("voters"))
            try:
                item = parse(RetroItem, {k: v for k, v in raw.items() if k != "voters"}).model_dump(mode="json")
            except InputError:
                continue
            if any((i["prompt"], i["text"]) == (item["prompt"], item["text"]) for i in self._items):
                continue
            item["voters"] = voters
            for voter, count in voters.items():
                self._ballots[voter] = self._ballots.get(voter, 0) + count
            self._items.append(item)
            restored += 1
        actions = [clip_text(a, 2000) for a in draft.get("actions", []) if isinstance(a, str) and a.strip()]
        self._actions = list(dict.fromkeys(actions))
        if restored or self._actions:
            self.restored.value = message(
                f"Your unsaved retrospective was restored: {restored} note{'s' if restored != 1 else ''} and "
                f"{len(self._actions)} action{'s' if len(self._actions) != 1 else ''}. Nothing is lost; "
                "save it when you are done.", "info")

    @guarded
    def _on_save(self, _button: w.Button | None = None) -> None:
        self.clear_messages()
        prompts = RETRO_FORMATS[self.format.value].prompts
        data = {
            "team": self.team, "date": self.date.value, "kind": self.kind.value, "format": self.format.value,
            "items": [{k: v for k, v in i.items() if k != "voters"} for i in self._items if i["prompt"] in prompts],
            "actions": list(self._actions),
            # Only the scores a person set: an untouched one stays the measured progress, unrounded.
            "scores": ({k: s.value for k, s in self.score_sliders.items() if k in self._scored}
                       if self.kind.value == "end" else {}),
        }
        if not data["items"]:
            self.refuse("Add at least one note before saving.", "items")
            return
        retro = self.save(lambda: self._record(data), fallback="items")
        if retro is None:
            return
        self.drop_draft()
        self.restored.value = ""
        self.history.value = self._history_html()
        self.saved(f"Saved the retrospective of {retro.date:%d %b %Y}.")

    def _record(self, data: dict[str, Any]) -> Retro:
        retro = parse(Retro, data)
        self.store.record_retro(retro)
        return retro


def _voters(raw: Any) -> dict[str, int]:
    """Who spent dots on a note, from a draft: names to counts, anything else dropped."""
    if not isinstance(raw, dict):
        return {}
    return {clip_text(k, 200): v for k, v in raw.items() if isinstance(k, str) and isinstance(v, int) and 0 < v <= 20}
