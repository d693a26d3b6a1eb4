"""The weekly GRIP check-in: Goal confidence, Results progress, Issues, Plan forward.

    CheckInApp(folder, team=None, url=None, today=None)

Shows last week's plan to follow up on, takes this week's confidence (1–10), the current
value of each key result (with its progress bar as it is typed), issues and the plan, and
records them in one transaction. Every value is validated by the model (`parse(CheckIn)`),
whatever the browser allowed, and a bad one is reported beside its field; nothing is saved
then. Below, the team's confidence and progress trend over the cycle. No pandas, no altair.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from traitlets import TraitError

from okrkit.formatting import unit_suffix
from okrkit.model import CheckIn, CheckInVersion, KeyResult, Team
from okrkit.progress import (
    classify,
    expected_progress,
    implausible,
    kr_raw_progress,
    team_progress_series,
)
from okrkit.validation import parse
from okrkit.widgets._base import button, guarded, html, row, text_field
from okrkit.widgets._debounce import Debouncer
from okrkit.widgets._form_app import FormApp
from okrkit.widgets._forms import clip_text, length_counter, number_text, parse_number
from okrkit.widgets._html import esc, fmt_number, message, progress_bar
from okrkit.widgets._trend import trend_svg

__all__ = ["CheckInApp"]


class ConfidenceScale(w.ToggleButtons):
    """The 1–10 confidence scale. A browser message choosing anything else is refused here.

    ipywidgets already rejects an index outside the options (TraitError); this also puts
    the browser back on the kernel's value and tells the person why, instead of leaving a
    silent error in the kernel's log.
    """

    def __init__(self, on_refused: Callable[[], None]) -> None:
        super().__init__(options=[(str(i), i) for i in range(1, 11)], value=None,
                         tooltips=[f"{i} out of 10" for i in range(1, 11)])
        self._on_refused = on_refused
        self.style.button_width = "40px"

    def set_state(self, sync_data: dict[str, Any]) -> None:
        try:
            super().set_state(sync_data)
        except TraitError:
            self.send_state("index")
            self._on_refused()


class CheckInApp(FormApp):
    """A team's weekly GRIP check-in, recorded in the engagement's store."""

    draft_kind = "checkin"

    title = "Weekly check-in"
    subtitle = "GRIP: Goal confidence · Results progress · Issues · Plan forward. About fifteen minutes."

    def build(self) -> list[w.Widget]:
        assert self.team is not None
        team = self.engagement.team(self.team)
        self._checkins = self.store.checkins(self.team)
        cycle = self.engagement.cycle
        # The browser's picker keeps to the cycle; the model refuses any other date whatever is sent.
        self.date = w.DatePicker(value=cycle.nearest_checkin_day(self.today), min=cycle.start, max=cycle.end,
                                 description="Week of", layout=w.Layout(width="260px"))
        self.date.style.description_width = "60px"
        self.author = text_field("Your name", width="260px")
        if self.user:  # signed in through the hub: the author is who signed in, not what is typed
            self.author.value, self.author.disabled = self.user, True
        self.confidence = ConfidenceScale(self._on_confidence_refused)
        self.issues = text_field("What is in the way?", area=True, rows=3)
        self.plan = text_field("What will we do next week?", area=True, rows=3)
        self.save_button = button("Save check-in", "primary", icon="check", width="180px")
        # Shown only when a value looks like a slip ("Is 99,999 % right?"): saves what was typed as it is.
        self.save_anyway = button("Save anyway", "warning", width="140px")
        self.save_anyway.layout.display = "none"
        self._confirmed: dict[str, float] = {}
        self.messages = {name: html() for name in ("confidence", "date", "issues", "plan", "author", "values")}
        self.result = html()
        self.follow_up = html()
        # The week's earlier version, when it was saved again: said above the form, restorable.
        self.edited = html()
        self.restore_button = button("Restore that version", icon="undo", width="200px")
        self.restore_button.layout.display = "none"
        self.restore_button.on_click(self._on_restore)
        self.controls["restore"] = self.restore_button
        self.trend = html()
        self.value_fields: dict[str, w.Text] = {}
        self._bars: dict[str, w.HTML] = {}
        self._forecasts: dict[str, w.HTML] = {}
        self._krs: dict[str, KeyResult] = {}

        results = self._results_section(team)
        self.confidence.observe(self._on_confidence_change, names="value")
        self.date.observe(self._on_date_change, names="value")
        self.save_button.on_click(self._on_save)
        self.save_anyway.on_click(self._on_save_anyway)
        self.controls["save"] = self.save_button
        self._debounced = Debouncer(0.8, self._autosave)
        self._filling = False
        self._fill_from_records()
        self._restore_draft()
        for field in (self.confidence, self.issues, self.plan, self.author, *self.value_fields.values()):
            field.observe(self._on_form_change, names="value")
        self.cycle_note = html(self._cycle_note_html())
        return [
            row(self.date, self.author),
            self.cycle_note,
            self.messages["date"],
            self.follow_up,
            row(self.edited, self.restore_button),
            html("<h2>G · Goal confidence</h2><div class='okr-hint'>How confident are we of achieving our "
                 "objective this cycle? 1 = we will not make it, 10 = certain.</div>"),
            self.confidence,
            self.messages["confidence"],
            html("<h2>R · Results progress</h2><div class='okr-hint'>The current value of each key result. "
                 "The bar shows how far from baseline to target; the tick is where we should be by now.</div>"),
            results,
            self.messages["values"],
            html("<h2>I · Issues</h2>"),
            self.issues,
            length_counter(self.issues),
            self.messages["issues"],
            html("<h2>P · Plan forward</h2>"),
            self.plan,
            length_counter(self.plan),
            self.messages["plan"],
            row(self.save_button, self.save_anyway, self.result, margin="10px 0"),
            html("<h2>Our trend this cycle</h2>"),
            self.trend,
        ]

    # --- building ------------------------------------------------------------------------

    def _results_section(self, team: Team) -> w.VBox:
        cards: list[w.Widget] = []
        for objective in team.objectives:
            rows: list[w.Widget] = [html(f"<h3><span class='okr-id'>{esc(objective.id)}</span> "
                                         f"{esc(objective.title)}</h3>")]
            for kr in objective.key_results:
                rows.append(self._kr_row(kr))
            cards.append(w.VBox(rows).add_class("okr-card"))
        if not cards:
            cards.append(html(message("This team has no objectives yet: ask your coach to add them.", "info")))
        return w.VBox(cards)

    def _kr_row(self, kr: KeyResult) -> w.Widget:
        self._krs[kr.id] = kr
        unit = unit_suffix(kr.unit)
        span = f"{fmt_number(kr.baseline)} → {fmt_number(kr.target)}{unit}"
        field = w.Text(placeholder="value", layout=w.Layout(width="110px"))
        field.observe(self._on_value_change, names="value")
        self.value_fields[kr.id] = field
        self._bars[kr.id] = html(width="260px")
        self._forecasts[kr.id] = html()
        self.messages[f"values.{kr.id}"] = html()
        owner = f" · {esc(kr.owner)}" if kr.owner else ""
        label = html(f"<div>{esc(kr.title)}</div><div class='okr-muted'><span class='okr-id'>{esc(kr.id)}</span>"
                     f" · from {esc(span)}{owner}</div>", width="auto")
        label.layout.flex, label.layout.max_width = "1 1 300px", "470px"  # a phone: the label takes the line
        unit_label = html(f"<span class='okr-muted'>{esc(kr.unit)}</span>", width="100px")
        return w.VBox([row(label, field, unit_label, self._bars[kr.id]), self._forecasts[kr.id],
                       self.messages[f"values.{kr.id}"]])

    def _cycle_note_html(self) -> str:
        """Say so when today is not in the cycle, so nobody records a week the cycle does not have."""
        cycle, when = self.engagement.cycle, self.engagement.cycle.when(self.today)
        week = cycle.nearest_checkin_day(self.today)
        if when == "before":
            return message(f"The cycle {cycle.name} has not started yet: it starts on {cycle.start:%d %b %Y}. "
                           f"This check-in is for its first week, {week:%d %b}.", "info")
        if when == "after":
            return message(f"The cycle {cycle.name} is over: it ended on {cycle.end:%d %b %Y}. You can still "
                           f"complete one of its weeks (the last is {week:%d %b}); ask your coach to "
                           "start the next cycle.", "info")
        return ""

    def _fill_from_records(self) -> None:
        """Prefill from the check-in of the chosen week if there is one, else from the latest values."""
        filling, self._filling = self._filling, True
        try:
            self._fill_fields()
        finally:
            self._filling = filling

    def _fill_fields(self) -> None:
        chosen = self.date.value
        same_week = [c for c in self._checkins if c.date == chosen]
        earlier = [c for c in self._checkins if chosen is None or c.date < chosen]
        latest: dict[str, float] = {}
        for checkin in earlier:
            latest.update(checkin.values)
        current = same_week[0] if same_week else None
        for kr_id, field in self.value_fields.items():
            value = current.values.get(kr_id) if current else latest.get(kr_id)
            field.value = "" if value is None else fmt_number(value).replace(",", "")
            self._update_bar(kr_id)
        self.confidence.value = current.confidence if current else None
        self.issues.value = current.issues if current else ""
        self.plan.value = current.plan if current else ""
        if current and current.author and not self.user:
            self.author.value = current.author
        previous = earlier[-1] if earlier else None
        self.follow_up.value = self._follow_up_html(previous, editing=current is not None)
        self._show_edits(current)
        self._show_forecasts([c for c in self._checkins if chosen is None or c.date <= chosen])
        self.trend.value = self._trend_html()

    def _show_forecasts(self, known: list[CheckIn]) -> None:
        """Where each key result lands at the cycle's end at the team's pace so far (none once it is over)."""
        from okrkit.forecast import forecast_kr

        cycle, chosen = self.engagement.cycle, self.date.value
        for kr_id, slot in self._forecasts.items():
            fc = forecast_kr(self._krs[kr_id], cycle, known, chosen) if chosen and chosen < cycle.end else None
            slot.value = (f"<div class='okr-hint'>{esc(fc.sentence())} "
                          f"<span class='okr-muted'>(likely {fc.low_progress:.0%}–{fc.high_progress:.0%})</span>"
                          "</div>") if fc else ""

    def _show_edits(self, current: CheckIn | None) -> None:
        """'Edited — was confidence 7, DT-1.1 88': the version this week's check-in replaced, if any."""
        self._replaced = self.store.checkin_history(self.team, current.date)[:1] if current and self.team else []
        if not self._replaced or current is None:
            self.edited.value, self.restore_button.layout.display = "", "none"
            return
        version = self._replaced[0]
        was = ", ".join(version.changes(current)) or "the same values"
        who = f" by {version.checkin.author}" if version.checkin.author else ""
        self.edited.value = message(f"Edited — was {was} (recorded {version.recorded_at:%d %b %H:%M}{who}).", "info")
        self.restore_button.layout.display = ""

    @guarded
    def _on_restore(self, _button: w.Button | None = None) -> None:
        if not self._replaced:
            return
        version = self._replaced[0]
        if self.save(lambda: self._restore(version)) is None:
            return
        self._checkins = self.store.checkins(self.team)
        self._fill_from_records()
        self.saved(f"Restored the check-in of {version.checkin.date:%d %b} as it was recorded on "
                   f"{version.recorded_at:%d %b %H:%M}.")

    def _follow_up_html(self, previous: CheckIn | None, *, editing: bool) -> str:
        note = (message("This week already has a check-in: saving again replaces it.", "info")
                if editing else "")
        if previous is None:
            return note + "<div class='okr-quote'>This is the team's first check-in of the cycle. Welcome!</div>"
        plan = esc(previous.plan) or "<i>no plan was written</i>"
        issues = f"<div class='okr-muted'>Issues then: {esc(previous.issues)}</div>" if previous.issues else ""
        confidence = f" · confidence {previous.confidence}/10" if previous.confidence else ""
        return (f"{note}<div class='okr-quote'><b>Last time ({previous.date:%d %b}{confidence}) we planned:</b> "
                f"{plan}{issues}<div class='okr-hint'>Did we do it? Start there.</div></div>")

    def _trend_html(self) -> str:
        # Up to the chosen week: looking back at a past week shows the cycle as it stood then.
        chosen = self.date.value
        known = [c for c in self._checkins if chosen is None or c.date <= chosen]
        if not known:
            return "<p class='okr-muted'>The trend appears after the first check-in.</p>"
        cycle = self.engagement.cycle
        confidence = [(c.date, c.confidence) for c in known if c.confidence is not None]
        progress = team_progress_series(self.engagement, known, self.team) if self.team else []
        return trend_svg(cycle.start, cycle.end, confidence, progress, title=f"{self.team}: trend")

    # --- handlers ------------------------------------------------------------------------

    # --- the unsaved check-in, kept as a draft ----------------------------------------------

    def _on_form_change(self, _change: dict[str, Any]) -> None:
        if not self._filling:
            self._debounced.trigger()

    def _autosave(self) -> None:
        payload = {
            "date": self.date.value.isoformat() if self.date.value else None,
            "confidence": self.confidence.value,
            "values": {k: clip_text(f.value, 40) for k, f in self.value_fields.items()},
            "issues": clip_text(self.issues.value), "plan": clip_text(self.plan.value),
            "author": self.user or clip_text(self.author.value, 200),
        }
        self.keep_draft(payload)  # a convenience: if it cannot be kept, the button still saves

    def _restore_draft(self) -> None:
        """Bring back an unsaved check-in of the same week (a closed tab, a restarted kernel)."""
        draft = self.stored_draft()
        if draft is None:
            return
        try:
            week = dt.date.fromisoformat(str(draft.get("date")))
        except ValueError:
            return
        if not self.engagement.cycle.contains(week):
            return
        self._filling = True
        try:
            self.date.value = week  # the week the draft was typed for, which need not be the default one
            if draft.get("confidence") in range(1, 11):
                self.confidence.value = draft["confidence"]
            raw_values = draft.get("values")
            values: dict[str, Any] = raw_values if isinstance(raw_values, dict) else {}
            for kr_id, field in self.value_fields.items():
                if isinstance(values.get(kr_id), str):
                    field.value = clip_text(values[kr_id], 40)
            for name in ("issues", "plan", "author"):
                if isinstance(draft.get(name), str):
                    getattr(self, name).value = clip_text(draft[name])
        finally:
            self._filling = False
        self.result.value = message(f"Your unsaved check-in of {week:%d %b} was restored.", "info")

    def _ask_about_values(self, checkin: CheckIn) -> bool:
        """Ask about each value that looks like a slip and has not been confirmed; True when any was asked."""
        asked = False
        for kr_id, value in checkin.values.items():
            question = implausible(self._krs[kr_id], value) if kr_id in self._krs else None
            if question and self._confirmed.get(kr_id) != value:
                self.messages[f"values.{kr_id}"].value = message(question + " Correct it, or choose Save anyway.",
                                                                "warning")
                asked = True
        if asked:
            self.save_anyway.layout.display = ""
            self.result.value = message("Nothing was saved yet: please check the value marked above.", "warning")
        return asked

    @guarded
    def _on_save_anyway(self, _button: w.Button | None = None) -> None:
        """The team confirms the values as typed: save them without asking again."""
        self._confirmed = {k: v for k, f in self.value_fields.items()
                           if (v := parse_number(f.value)) is not None}
        self._on_save()

    def _on_confidence_refused(self) -> None:
        self.messages["confidence"].value = message("Confidence is a whole number from 1 to 10: choose one above.")

    def _on_confidence_change(self, change: dict[str, Any]) -> None:
        self.messages["confidence"].value = ""
        self.result.value = ""

    def _on_date_change(self, change: dict[str, Any]) -> None:
        self.messages["date"].value = ""
        if change["new"] is not None:
            self._fill_from_records()

    def _on_value_change(self, change: dict[str, Any]) -> None:
        kr_id = next(k for k, f in self.value_fields.items() if f is change["owner"])
        self.result.value = ""
        self.save_anyway.layout.display = "none"
        self._update_bar(kr_id)

    def _update_bar(self, kr_id: str) -> None:
        kr, text = self._krs[kr_id], self.value_fields[kr_id].value
        value = parse_number(text)
        slot = self.messages[f"values.{kr_id}"]
        if text.strip() and value is None:
            slot.value = message("Type a number, such as 78 or 1200.")
            self._bars[kr_id].value = ""
            return
        slot.value = ""
        expected = expected_progress(self.engagement.cycle, self.date.value or self.today)
        if value is None or not kr.measurable:
            self._bars[kr_id].value = "<span class='okr-muted'>no value yet</span>"
            return
        progress = min(1.0, max(0.0, kr_raw_progress(kr, value)))
        status = classify(progress, expected, None, self.engagement.thresholds)
        self._bars[kr_id].value = progress_bar(progress, status.value, expected=expected)

    @guarded
    def _on_save(self, _button: w.Button | None = None) -> None:
        self.clear_messages()
        if self.confidence.value is None:
            self.refuse("Choose how confident you are, from 1 to 10.", "confidence")
            return
        data = {
            "team": self.team,
            "date": self.date.value,
            "confidence": self.confidence.value,
            "values": {k: number_text(f.value) for k, f in self.value_fields.items() if f.value.strip()},
            "issues": clip_text(self.issues.value, 100_000),  # long enough to say how long it was
            "plan": clip_text(self.plan.value, 100_000),
            "author": self.user or clip_text(self.author.value, 1000),
        }
        self.save_anyway.layout.display = "none"
        checkin = self.save(lambda: self._record(data), fallback="values")
        if checkin is None:
            return
        self._debounced.cancel()  # a pending autosave must not bring the draft back
        self.drop_draft()
        self._checkins = self.store.checkins(self.team)
        self.follow_up.value = self._follow_up_html(
            next((c for c in reversed(self._checkins) if c.date < checkin.date), None), editing=True)
        self._show_edits(checkin)
        self.trend.value = self._trend_html()
        self.saved(f"Saved the check-in of {checkin.date:%d %b %Y}. Thank you!")

    def _restore(self, version: CheckInVersion) -> CheckInVersion:
        self.store.restore_checkin(version)
        return version

    def _record(self, data: dict[str, Any]) -> CheckIn | None:
        """Parse and save; None, with the question asked, when a value looks like a slip."""
        checkin = parse(CheckIn, data)
        if self._ask_about_values(checkin):
            return None
        self.store.record_checkin(checkin)
        return checkin
