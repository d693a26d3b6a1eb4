"""The Strategy Session Workshop kit (seed strategy-session-workshop), for the coach.

    WorkshopKit(folder, team=None, url=None, today=None)

Participants and their 10-minute vision presentations become a timed agenda with the
facilitator's own items; interview notes per participant; past results and how they were
tracked; the OKR principles check; the company's core values; the facilitator's
responsibilities. Saved into the engagement (`Engagement.workshop`, `core_values`) through
the model, in one transaction.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from okrkit.errors import InputError
from okrkit.model import Engagement, WorkshopPrep
from okrkit.validation import parse
from okrkit.widgets._base import button, guarded, html, row, text_field
from okrkit.widgets._form_app import FormApp
from okrkit.widgets._forms import clip_text
from okrkit.widgets._html import esc, message

__all__ = ["WorkshopKit"]

PRINCIPLES = (
    "Objectives are qualitative and inspiring; key results measure outcomes, not tasks.",
    "Few objectives (one to three) with two to four key results each.",
    "OKRs capture strategic priorities, not business as usual.",
    "OKRs are not a tool to evaluate people; ambitious ones may score 0.7 and still succeed.",
    "Teams co-create their OKRs; alignment is a conversation, not a cascade.",
)


class WorkshopKit(FormApp):
    """Prepare and run the Strategy Session Workshop."""

    title = "Strategy Session Workshop"
    subtitle = "Vision presentations, interviews, past results, OKR principles, core values and the agenda."
    needs_team = False

    def build(self) -> list[w.Widget]:
        prep = self.engagement.workshop or WorkshopPrep()
        self._participants = [p.model_dump(mode="json") for p in prep.participants]
        self._agenda = [a.model_dump(mode="json") for a in prep.agenda]
        self.date = w.DatePicker(value=prep.date, description="Date", layout=w.Layout(width="240px"))
        self.date.style.description_width = "40px"
        self.start_time = text_field("09:00", prep.start_time.strftime("%H:%M"), width="90px")
        self.past_results = text_field("What did earlier OKRs achieve, and how were they tracked?",
                                       prep.past_results, area=True, rows=3)
        self.principles = w.Checkbox(value=prep.principles_checked, indent=False,
                                     description="Every participant is aligned on these principles "
                                                 "(a short training was held where needed)",
                                     layout=w.Layout(width="auto"))
        self.core_values = text_field("One value per line", "\n".join(self.engagement.core_values), area=True,
                                      rows=4)
        self.facilitator = text_field("Your role, the expectations you set, how you keep everyone involved",
                                      prep.facilitator_notes, area=True, rows=3)
        self.participants_box = w.VBox()
        self.agenda_box = w.VBox()
        self.timed = html()
        self.messages = {k: html() for k in ("date", "start_time", "participants", "agenda", "past_results",
                                             "facilitator_notes", "core_values")}
        self.result = html()
        self.save_button = button("Save workshop plan", "primary", icon="check", width="200px")
        add_participant = button("Add participant", icon="user-plus")
        add_item = button("Add agenda item", icon="plus")
        add_participant.on_click(self._on_add_participant)
        add_item.on_click(self._on_add_agenda_item)
        self.save_button.on_click(self._on_save)
        self.controls.update({"add participant": add_participant, "add agenda item": add_item,
                              "save": self.save_button})
        for field in (self.start_time, self.date):
            field.observe(self._on_any_change, names="value")
        self._render_participants()
        self._render_agenda()
        principles = "".join(f"<li>{esc(p)}</li>" for p in PRINCIPLES)
        return [
            row(self.date, html("<b>Starts at</b>"), self.start_time),
            self.messages["date"], self.messages["start_time"],
            html("<h2>Participants, vision presentations and interviews</h2><div class='okr-hint'>Each leader "
                 "prepares a short vision presentation (10 minutes is a good length). Interview each one "
                 "beforehand: their view, their worries, what would make the day a success.</div>"),
            self.participants_box, row(add_participant), self.messages["participants"],
            html("<h2>Past results and tracking</h2>"), self.past_results, self.messages["past_results"],
            html(f"<h2>OKR principles</h2><ul>{principles}</ul>"), self.principles,
            html("<h2>Core values</h2><div class='okr-hint'>How do our OKRs honour them?</div>"),
            self.core_values, self.messages["core_values"],
            html("<h2>The facilitator's responsibilities</h2>"), self.facilitator,
            self.messages["facilitator_notes"],
            html("<h2>Agenda</h2><div class='okr-hint'>The vision presentations open the day; add the other "
                 "items below. Times are computed from the start.</div>"),
            self.agenda_box, row(add_item), self.messages["agenda"],
            html("<h3>Timed agenda</h3>"), self.timed,
            row(self.save_button, self.result, margin="12px 0"),
        ]

    # --- rows ------------------------------------------------------------------------------

    def _bound(self, widget: w.Widget, entry: dict[str, Any], key: str, limit: int = 5000) -> w.Widget:
        def _on_row_change(change: dict[str, Any]) -> None:
            entry[key] = clip_text(change["new"], limit)
            self._update_timed()

        widget.observe(_on_row_change, names="value")
        return widget

    def _remove_button(self, items: list[Any], index: int, render: Any) -> w.Button:
        remove = button("", icon="trash", width="34px", tooltip="Remove")

        def _on_remove(_b: w.Button) -> None:
            del items[index]
            render()
            self._update_timed()

        remove.on_click(_on_remove)
        return remove

    def _render_participants(self) -> None:
        rows = []
        self.participant_fields: list[dict[str, w.Widget]] = []  # by row, for people's scripts and tests
        for i, p in enumerate(self._participants):
            name = self._bound(text_field("Name", p["name"], width="180px"), p, "name", 200)
            role = self._bound(text_field("Role", p.get("role", ""), width="220px"), p, "role", 200)
            minutes = self._bound(text_field("min", str(p.get("presentation_minutes", 10)), width="60px"), p,
                                  "presentation_minutes", 10)
            notes = self._bound(text_field("Interview notes", p.get("interview_notes", ""), area=True, rows=2),
                                p, "interview_notes")
            self.participant_fields.append({"name": name, "role": role, "minutes": minutes, "notes": notes})
            rows.append(w.VBox([row(name, role, minutes, html("<span class='okr-hint'>minutes</span>"),
                                    self._remove_button(self._participants, i, self._render_participants)),
                                html("<span class='okr-hint'>Interview notes</span>"), notes]).add_class("okr-card"))
        self.participants_box.children = rows

    def _render_agenda(self) -> None:
        rows = []
        for i, item in enumerate(self._agenda):
            title = self._bound(text_field("Agenda item", item["title"], width="420px"), item, "title", 200)
            minutes = self._bound(text_field("min", str(item["minutes"]), width="60px"), item, "minutes", 10)
            owner = self._bound(text_field("Owner", item.get("owner", ""), width="180px"), item, "owner", 200)
            rows.append(row(title, minutes, html("<span class='okr-hint'>min</span>"), owner,
                            self._remove_button(self._agenda, i, self._render_agenda)))
        self.agenda_box.children = rows
        self._update_timed()

    def _on_add_participant(self, _button: w.Button | None = None) -> None:
        self._participants.append({"name": "", "role": "", "presentation_minutes": "10", "interview_notes": ""})
        self._render_participants()

    def _on_add_agenda_item(self, _button: w.Button | None = None) -> None:
        self._agenda.append({"title": "", "minutes": "15", "owner": ""})
        self._render_agenda()

    def _on_any_change(self, _change: dict[str, Any]) -> None:
        self._update_timed()

    # --- the model -----------------------------------------------------------------------------

    def _prep_data(self) -> dict[str, Any]:
        return {
            "date": self.date.value, "start_time": self.start_time.value.strip() or "09:00",
            "participants": [{k: v for k, v in p.items() if v != "" or k == "name"} for p in self._participants],
            "past_results": clip_text(self.past_results.value, 6000),
            "principles_checked": bool(self.principles.value),
            "facilitator_notes": clip_text(self.facilitator.value, 6000),
            "agenda": [{k: v for k, v in a.items() if v != "" or k in ("title", "minutes")} for a in self._agenda],
        }

    def _update_timed(self) -> None:
        try:
            prep = parse(WorkshopPrep, self._prep_data())
        except InputError as error:
            self.timed.value = message(f"The agenda cannot be timed yet: {error}", "warning")
            return
        rows = "".join(
            f"<tr><td style='width:70px'><b>{start:%H:%M}</b></td><td>{esc(item.title)}</td>"
            f"<td class='okr-muted'>{item.minutes} min</td><td class='okr-muted'>{esc(item.owner)}</td></tr>"
            for start, item in prep.timed_agenda()
        )
        total = sum(item.minutes for _, item in prep.timed_agenda())
        self.timed.value = (f"<table class='okr-table'>{rows}</table><div class='okr-hint'>{total // 60} h "
                            f"{total % 60:02d} min in all.</div>") if rows else \
            "<p class='okr-muted'>Add participants or agenda items to see the timed agenda.</p>"

    @guarded
    def _on_save(self, _button: w.Button | None = None) -> None:
        self.clear_messages()
        if self.save(self._write) is None:
            return
        self.reload()
        self.saved("Workshop plan saved.")

    def _write(self) -> Engagement:
        values = [v.strip() for v in clip_text(self.core_values.value, 20_000).splitlines() if v.strip()]
        try:
            prep = parse(WorkshopPrep, self._prep_data())
            data = self.engagement.model_dump(mode="json", by_alias=True)
            data.update(workshop=prep.model_dump(mode="json"), core_values=values)
            engagement = parse(Engagement, data)
        except InputError as error:
            error.field = (error.field or "").removeprefix("workshop.")  # the fields are named without it here
            raise
        self.store.save_engagement(engagement)
        return engagement
