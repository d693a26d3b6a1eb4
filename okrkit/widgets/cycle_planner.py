"""The coach workbook's cycle planner: how the cycles went, and the next cycle planned from this one.

For each objective the coach chooses keep, revise or drop; the preview shows the baselines
the kept key results start from, the end-of-cycle retrospectives' inputs and the coach's
findings on the new cycle. "Start" archives the current cycle whole and makes the new one
current, in one transaction. The domain work is `okrkit.cycles`; this is its view.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w

from okrkit.errors import OkrkitError
from okrkit.widgets._base import App, button, guarded, html, row
from okrkit.widgets._html import esc, fmt_number, message

__all__ = ["CyclePlanner"]

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _next_name(name: str) -> str:
    """2026-Q1 → 2026-Q2, 2026-Q4 → 2027-Q1; any other name: empty, for the coach to fill in."""
    match = _QUARTER.match(name)
    if not match:
        return ""
    year, quarter = int(match[1]), int(match[2])
    return f"{year + (quarter == 4)}-Q{quarter % 4 + 1}"


class CyclePlanner(App):
    title = "Cycles"
    subtitle = "How each cycle went, and the next one planned from this one."
    needs_team = False

    def build(self) -> list[w.Widget]:
        from okrkit.workbook import parse_cycle

        self.record = self.store.load_record()
        current = self.record.engagement.cycle
        self.name = w.Text(value=_next_name(current.name), description="Next cycle",
                           layout=w.Layout(width="260px"))
        try:
            default = parse_cycle(self.name.value) if self.name.value else {}
        except OkrkitError:
            default = {}
        self.start = w.DatePicker(description="Starts", value=default.get("start"))
        self.end = w.DatePicker(description="Ends", value=default.get("end"))
        self.choices: dict[str, w.ToggleButtons] = {}
        rows = []
        for team, obj in self.record.engagement.objectives():
            toggle = w.ToggleButtons(options=[("Keep", "keep"), ("Revise", "revise"), ("Drop", "drop")],
                                     value="keep", style={"button_width": "70px"})
            toggle.observe(self._on_choice_change, names="value")
            self.choices[obj.id] = toggle
            rows.append(row(toggle, html(f'<b>{esc(obj.id)}</b> {esc(obj.title)} '
                                         f'<span class="okr-muted">· {esc(team.name)}</span>')))
        for field in (self.name, self.start, self.end):
            field.observe(self._on_choice_change, names="value")
        self.preview = html()
        self.start_button = button("Start the next cycle", "primary")
        self.start_button.on_click(self._on_start)
        self._on_choice_change()
        return [
            html(self._history_html()),
            html('<h3>Plan the next cycle</h3><p class="okr-muted">Keep: carried as is, its key results starting from '
                 'the values they reached. Revise: carried the same way, to rewrite with the client in the drafter. '
                 'Drop: left behind. Nothing of the finished cycle changes.</p>'),
            row(self.name, self.start, self.end), w.VBox(rows), self.preview, self.start_button,
        ]

    # --- what the cycles taught -----------------------------------------------------------

    def _history_html(self) -> str:
        from okrkit.calibration import calibration
        from okrkit.cycles import cycle_summaries

        cells = []
        for c in cycle_summaries(self.record, self.today):
            score = "—" if c.score is None else f"{c.score:.2f}"
            rate = "—" if c.checkin_rate is None else f"{c.checkin_rate:.0%}"
            mark = " <span class='okr-muted'>current</span>" if c.current else ""
            cells.append(f"<tr><td><b>{esc(c.name)}</b>{mark}</td><td>{c.start:%d %b %Y} – {c.end:%d %b %Y}</td>"
                         f"<td>{esc(c.phase)}</td><td>{score}</td><td>{rate}</td><td>{c.findings}</td></tr>")
        table = ("<table class='okr-table'><tr><th>Cycle</th><th>Dates</th><th>Phase</th><th>Score</th>"
                 "<th>Check-ins held</th><th>Coach findings</th></tr>" + "".join(cells) + "</table>")
        engagement = self.record.engagement
        learned = ""
        if self.today >= engagement.cycle.end:
            lines = [f"<li>{esc(t.sentence())}</li>" for t in
                     calibration(engagement, self.record.checkins, self.record.retros)]
            if lines:
                learned = (f"<h4>Confidence against results in {esc(engagement.cycle.name)}</h4>"
                           f"<ul>{''.join(lines)}</ul>")
        return f"<div class='okr-card'><h3>How the cycles went</h3>{table}{learned}</div>"

    # --- the plan -----------------------------------------------------------------------

    def _plan(self) -> Any:
        from okrkit.cycles import plan_next_cycle
        from okrkit.model import Cycle
        from okrkit.validation import parse

        current = self.record.engagement.cycle
        cycle = parse(Cycle, {"name": self.name.value.strip(), "start": self.start.value, "end": self.end.value,
                              "checkin_weekday": current.checkin_weekday, "checkin_time": current.checkin_time})
        return plan_next_cycle(self.record, cycle, {obj_id: t.value for obj_id, t in self.choices.items()})

    def _on_choice_change(self, change: dict[str, Any] | None = None) -> None:
        from okrkit.coach import Severity, review

        self.start_button.disabled = True
        if not self.name.value.strip() or self.start.value is None or self.end.value is None:
            self.preview.value = message("Give the next cycle a name, a start and an end.", "info")
            return
        try:
            plan = self._plan()
        except OkrkitError as error:
            self.preview.value = message(str(error))
            return
        carried = "".join(f"<li>{esc(kr_id)}: baseline {fmt_number(before)} → <b>{fmt_number(after)}</b></li>"
                          for kr_id, (before, after) in plan.baselines.items())
        inputs = "".join(f"<li><b>{esc(team)}</b>: {'; '.join(esc(n) for n in notes)}</li>"
                         for team, notes in plan.inputs.items()) or (
            "<li class='okr-muted'>No end-of-cycle retrospective was recorded: hold one with each team first.</li>")
        findings = review(plan.engagement)
        shown = [f for f in findings if f.severity is not Severity.INFO]
        notes = "".join(f"<li>{esc(f.severity.value)} · {esc(f.path)}: {esc(f.message)}</li>" for f in shown)
        self.preview.value = (
            f"<div class='okr-card'><h4>Key results start from</h4><ul>{carried or '<li>—</li>'}</ul>"
            f"<h4>Inputs of the planning workshop</h4><ul>{inputs}</ul>"
            f"<h4>The coach on {esc(plan.engagement.cycle.name)}: {len(shown)} to fix, "
            f"{len(findings) - len(shown)} tips</h4><ul>{notes}</ul></div>")
        self.start_button.description = f"Start {plan.engagement.cycle.name}"
        self.start_button.disabled = False

    @guarded
    def _on_start(self, _: w.Button) -> None:
        try:
            plan = self._plan()
            finished = self.record.engagement.cycle.name
            self.store.start_next_cycle(plan.engagement)
        except OkrkitError as error:
            self.notice.value = message(f"{error}. Nothing was changed.")
            return
        self.reload()
        self._render()
        self.notice.value = message(f"{finished} is archived; {plan.engagement.cycle.name} is the current cycle.",
                                    "ok")
