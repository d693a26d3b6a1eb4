"""The OKR drafter: write a team's objectives and key results with the coach beside you.

    Drafter(folder, team=None, url=None, today=None)

Objective and key-result rows can be added, removed and moved; each KR has a baseline, a
target and a unit; each objective an aligns-to picker among the strategic OKRs. As the
client types, the coach's findings (`okrkit.coach.review`) appear beside the item they are
about, a moment after typing stops (debounced): what must change and what the coach insists on
first, tips folded under "N tips". The human coach can dismiss a finding on one item, tips
included, saying why ("dismiss…"), and take that back ("restore…"); both are kept with the
OKRs (`coach_dismissed`). The draft is autosaved in the store, so it survives a kernel restart
or a closed tab; Save checks everything through the model and the coach's error-level rules,
and writes the team's OKRs in one transaction — or nothing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from okrkit.errors import InputError
from okrkit.model import Dismissal, Engagement, KeyResult, Level, Objective
from okrkit.validation import parse
from okrkit.widgets import _draft as d
from okrkit.widgets._base import button, guarded, html, row, text_field
from okrkit.widgets._debounce import Debouncer
from okrkit.widgets._form_app import FormApp
from okrkit.widgets._forms import clip_text
from okrkit.widgets._html import esc, message

__all__ = ["Drafter"]

_SEVERITY_COLOURS = {"error": "#b42318", "warning": "#9a5b00", "info": "#1f4e8c"}
_LABELS = {"error": "must fix", "warning": "coach", "info": "tip"}
_COMMITMENTS = [("Commitment…", ""), ("Committed (expected at 1.0)", "committed"),
                ("Aspirational (0.7 is success)", "aspirational")]


class Drafter(FormApp):
    """Draft a team's OKRs with live coaching; autosaved, saved all at once."""

    draft_kind = "drafter"

    title = "OKR drafter"
    subtitle = ("Objectives say what we want and why; key results measure the change, from a baseline to a target. "
                "The coach's notes appear beside each item as you write.")
    debounce_seconds = 0.6

    def build(self) -> list[w.Widget]:
        assert self.team is not None
        self._debounced = Debouncer(self.debounce_seconds, self._after_typing)
        stored = self.stored_draft()
        self.draft = d.sanitise(stored) if stored else d.draft_from_team(self.engagement.team(self.team))
        self.restored = stored is not None
        self.cards = w.VBox()
        self.team_findings = html()
        self.result = html(message("Your unsaved draft was restored.", "info") if self.restored else "")
        self.autosave_note = html()
        self.add_objective_button = button("Add objective", icon="plus")
        self.save_button = button("Save OKRs", "primary", icon="check", width="160px")
        self.discard_button = button("Discard draft", icon="undo", tooltip="Go back to the saved OKRs")
        self.add_objective_button.on_click(self._on_add_objective)
        self.save_button.on_click(self._on_save)
        self.discard_button.on_click(self._on_discard)
        self.controls.update({"add objective": self.add_objective_button, "save": self.save_button,
                              "discard": self.discard_button})
        self.fields: dict[str, w.Widget] = {}
        self.slots: dict[str, w.HTML] = {}
        self.dismiss_rows: dict[str, w.Box] = {}
        self.team_dismiss = _control_row()
        self._rebuild()
        return [
            html(self._strategic_html()),
            self.team_findings,
            self.team_dismiss,
            self.cards,
            row(self.add_objective_button),
            row(self.save_button, self.discard_button, self.result, margin="12px 0 4px 0"),
            self.autosave_note,
        ]

    # --- the strategic OKRs a team can align to ------------------------------------------

    def _strategic(self) -> list[tuple[str, Objective]]:
        return [(t.name, o) for t, o in self.engagement.objectives()
                if t.level is not Level.TEAM and t.name != self.team]

    def _strategic_html(self) -> str:
        items = self._strategic()
        if not items:
            return ""
        lines = "".join(f"<li><span class='okr-id'>{esc(o.id)}</span> {esc(o.title)} "
                        f"<span class='okr-muted'>({esc(team)})</span></li>" for team, o in items)
        return f"<div class='okr-section'><b>Strategic OKRs you can contribute to</b><ul>{lines}</ul></div>"

    # --- building the rows from the draft ---------------------------------------------------

    def _rebuild(self) -> None:
        self.fields, self.slots = {}, {"team": self.team_findings}
        self.dismiss_rows = {"team": self.team_dismiss}
        self._dismiss_shown: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {}
        self.cards.children = [self._objective_card(i, obj) for i, obj in enumerate(self.draft["objectives"])] or [
            html("<p class='okr-muted'>No objectives yet: add one below.</p>")]
        self._review()

    def _bind(self, widget: w.Widget, entry: dict[str, Any], key: str, limit: int = 5000) -> w.Widget:
        def _on_field_change(change: dict[str, Any]) -> None:
            entry[key] = clip_text(change["new"], limit)
            self._debounced.trigger()

        widget.observe(_on_field_change, names="value")
        return widget

    def _objective_card(self, oi: int, obj: dict[str, Any]) -> w.Widget:
        key = f"o{oi}"
        title = self._bind(text_field("Objective: what do we want to achieve, for whom?", obj["title"],
                                      area=True, rows=2), obj, "title")
        why = self._bind(text_field("Why does it matter now?", obj["why"]), obj, "why")
        aligns = w.Dropdown(options=self._align_options(), layout=w.Layout(width="420px"))
        aligns.value = obj["aligns_to"] if obj["aligns_to"] in dict(aligns.options).values() else ""
        obj["aligns_to"] = aligns.value
        self._bind(aligns, obj, "aligns_to")
        commitment = w.Dropdown(options=_COMMITMENTS, layout=w.Layout(width="240px"))
        commitment.value = obj["commitment"] if obj["commitment"] in dict(_COMMITMENTS).values() else ""
        obj["commitment"] = commitment.value
        self._bind(commitment, obj, "commitment")
        self.fields.update({f"{key}.title": title, f"{key}.why": why, f"{key}.aligns_to": aligns})
        self.slots[key] = html()
        self.dismiss_rows[key] = _control_row()
        tools = self._move_buttons(self.draft["objectives"], oi, "objective", key)
        kr_rows = [self._kr_row(oi, ki, kr, obj) for ki, kr in enumerate(obj["key_results"])]
        add_kr = button("Add key result", icon="plus")
        add_kr.on_click(lambda _b: self._on_add_kr(oi))
        labels = [html(f"<span class='okr-hint'>{label}</span>", width=width)
                  for label, width in (("Key result", "auto"), ("Baseline", "90px"), ("", "12px"),
                                       ("Target", "90px"), ("Unit", "110px"))]
        labels[0].layout.flex, labels[0].layout.min_width, labels[0].layout.max_width = "1 1 220px", "160px", "440px"
        kr_header = row(html("", width="58px"), *labels, html("", width="122px")).add_class("okr-kr-header")
        header = row(html(f"<h3 style='margin:0'>Objective <span class='okr-id'>{esc(obj['id'])}</span></h3>",
                          width="auto"), *tools)
        card = w.VBox([
            header, title, self.slots[key], self.dismiss_rows[key],
            html("<span class='okr-hint'>Why it matters</span>"), why,
            row(html("<span class='okr-hint'>Contributes to</span>"), aligns, commitment),
            html("<div class='okr-hint' style='margin-top:6px'>Key results: a metric moving from a baseline to a "
                 "target (not a task). Targets may be relative, such as <i>by 25%</i>.</div>"),
            *([kr_header] if kr_rows else []), *kr_rows, row(add_kr),
        ])
        return card.add_class("okr-card")

    def _kr_row(self, oi: int, ki: int, kr: dict[str, Any], obj: dict[str, Any]) -> w.Widget:
        key = f"o{oi}.k{ki}"
        title = self._bind(text_field("Increase … from … to …", kr["title"], width="auto"), kr, "title", 200)
        # The title gives way first, so the ↑/↓/🗑 buttons stay on the key result's line.
        title.layout.flex, title.layout.min_width, title.layout.max_width = "1 1 220px", "160px", "440px"
        baseline = self._bind(text_field("baseline", kr["baseline"], width="90px"), kr, "baseline", 40)
        target = self._bind(text_field("target", kr["target"], width="90px"), kr, "target", 40)
        unit = self._bind(text_field("unit", kr["unit"], width="110px"), kr, "unit", 20)
        self.fields.update({f"{key}.title": title, f"{key}.baseline": baseline, f"{key}.target": target,
                            f"{key}.unit": unit})
        self.slots[key] = html()
        self.dismiss_rows[key] = _control_row()
        tools = self._move_buttons(obj["key_results"], ki, "key result", key)
        line = row(html(f"<span class='okr-id'>{esc(kr['id'])}</span>", width="58px"), title, baseline,
                   html("→", width="12px"), target, unit, _tool_group(tools))
        return w.VBox([line, self.slots[key], self.dismiss_rows[key]])

    def _move_buttons(self, items: list[Any], index: int, noun: str, key: str) -> list[w.Button]:
        """Up, down and remove for the row `key` ("o0", "o0.k1"), named "o0.k1 up" … in `controls`."""
        up = button("", icon="arrow-up", width="34px", tooltip=f"Move this {noun} up")
        down = button("", icon="arrow-down", width="34px", tooltip=f"Move this {noun} down")
        remove = button("", icon="trash", width="34px", tooltip=f"Remove this {noun}")
        up.disabled, down.disabled = index == 0, index == len(items) - 1
        up.on_click(lambda _b: self._on_move(items, index, -1))
        down.on_click(lambda _b: self._on_move(items, index, +1))
        remove.on_click(lambda _b: self._on_remove(items, index))
        self.controls.update({f"{key} up": up, f"{key} down": down, f"{key} remove": remove})
        return [up, down, remove]

    def _align_options(self) -> list[tuple[str, str]]:
        options = [("Not linked to a strategic OKR", "")]
        for _team, obj in self._strategic():
            label = obj.title if len(obj.title) <= 60 else obj.title[:59] + "…"
            options.append((f"{obj.id} · {label}", obj.id))
        return options

    # --- structure changes -------------------------------------------------------------------

    def _on_add_objective(self, _button: w.Button | None = None) -> None:
        objective = d.new_objective(self.engagement, self.team or "", self.draft)
        self.draft["objectives"].append(objective)
        objective["key_results"].append(d.new_kr(self.engagement, objective, self.draft))
        self._changed()

    def _on_add_kr(self, oi: int) -> None:
        objective = self.draft["objectives"][oi]
        objective["key_results"].append(d.new_kr(self.engagement, objective, self.draft))
        self._changed()

    def add_key_result_candidate(self, title: str) -> None:
        """Add a KR candidate (from the Time Machine) under the last objective."""
        d.append_kr_candidate(self.engagement, self.team or "", self.draft, title)
        self._changed()

    def _on_move(self, items: list[Any], index: int, step: int) -> None:
        other = index + step
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            self._changed()

    def _on_remove(self, items: list[Any], index: int) -> None:
        if 0 <= index < len(items):
            del items[index]
            self._changed()

    def _changed(self) -> None:
        self.result.value = ""
        self._rebuild()
        self._autosave()

    def _on_discard(self, _button: w.Button | None = None) -> None:
        self.drop_draft()
        self.reload()
        self.draft = d.draft_from_team(self.engagement.team(self.team or ""))
        self._rebuild()
        self.result.value = message("Back to the saved OKRs.", "info")
        self.autosave_note.value = ""

    # --- live review and autosave --------------------------------------------------------------

    def _after_typing(self) -> None:
        self.result.value = ""
        self._review()
        self._autosave()

    def flush(self) -> None:
        """Run the pending review and autosave now (what the debounce would do after a pause)."""
        self._debounced.flush()

    def _autosave(self) -> None:
        error = self.keep_draft(self.draft)
        if error is not None:
            self.autosave_note.value = message(f"The draft could not be kept: {error}", "warning")
            return
        self.autosave_note.value = ("<div class='okr-hint'>Draft kept automatically: closing this page loses "
                                    "nothing. Save when the team agrees.</div>")

    def _candidate(self) -> tuple[Engagement, dict[str, str], dict[str, str]]:
        """The engagement with this draft in place, the input problems by slot, and paths → slots."""
        problems: dict[str, str] = {}
        paths: dict[str, str] = {}
        objectives: list[Objective] = []
        team_index = [t.name for t in self.engagement.teams].index(self.team or "")
        for oi, draft_obj in enumerate(self.draft["objectives"]):
            krs: list[KeyResult] = []
            kr_slots: list[str] = []
            for ki, draft_kr in enumerate(draft_obj["key_results"]):
                try:
                    krs.append(parse(KeyResult, d.kr_data(draft_kr)))
                    kr_slots.append(f"o{oi}.k{ki}")
                except InputError as error:
                    problems[f"o{oi}.k{ki}"] = _field_message(error, "key result")
            try:
                obj = parse(Objective, d.objective_data(draft_obj, krs))
            except InputError as error:
                problems[f"o{oi}"] = _field_message(error, "objective")
                continue
            path = f"teams[{team_index}].okrs[{len(objectives)}]"
            paths[path] = f"o{oi}"
            for k, slot in enumerate(kr_slots):
                paths[f"{path}.key_results[{k}]"] = slot
            objectives.append(obj)
        paths[f"teams[{team_index}]"] = "team"
        teams = list(self.engagement.teams)
        teams[team_index] = teams[team_index].model_copy(update={"objectives": objectives})
        prefix = f"teams[{team_index}]"
        restored = {(r.get("rule"), r.get("fingerprint")) for r in self.draft.get("restored", [])}
        saved = [x for x in self.engagement.coach_dismissed
                 if not (_in_team(x.path, prefix) and (x.rule, x.fingerprint) in restored)]
        dismissed = saved + _draft_dismissals(self.draft)
        return self.engagement.model_copy(update={"teams": teams, "coach_dismissed": dismissed}), problems, paths

    def _review(self) -> None:
        """Show input problems and the coach's findings beside their items; keep the findings.

        Errors and warnings come first and in full; tips and the findings the coach dismissed
        are folded away, so that what must change stands out.
        """
        candidate, problems, paths = self._candidate()
        from okrkit.coach import review  # lazy: the coach's lexicon loads on the first review
        from okrkit.coach.dismissals import settle, split

        everything = review(candidate, include_dismissed=True)
        shown, dismissed = split(candidate, everything)
        reasons = {(d.path, d.rule): d.reason for d in settle(candidate).kept}
        by_slot: dict[str, list[Any]] = {slot: [] for slot in self.slots}
        gone: dict[str, list[Any]] = {slot: [] for slot in self.slots}
        findings = []
        for finding in shown:
            found = _slot_for(finding.path, paths)
            if found is not None:
                findings.append((found, finding))
                by_slot[found].append(finding)
        for finding in dismissed:
            found = _slot_for(finding.path, paths)
            if found is not None:
                gone[found].append((finding, reasons.get((finding.path, finding.rule), "")))
        for slot, widget in self.slots.items():
            notes = [message(text) for s, text in problems.items() if s == slot]
            widget.value = "".join(notes) + _findings_html(by_slot.get(slot, []), gone.get(slot, []))
            self._show_dismiss(slot, by_slot.get(slot, []), [f for f, _reason in gone.get(slot, [])])
        self.findings = findings
        self.dismissed = [(slot, f, reason) for slot, items in gone.items() for f, reason in items]

    # --- the coach's judgment: dismiss a finding on one item, or take that back ---------------

    def _show_dismiss(self, slot: str, findings: list[Any], dismissed: list[Any]) -> None:
        """Quiet "dismiss…" and "restore…" controls under an item; left alone while its findings stay."""
        box = self.dismiss_rows.get(slot)
        if box is None:
            return
        # What must change first, then the tips: a tip can be dismissed too (the coach knows the baseline).
        findings = sorted(findings, key=lambda f: f.severity.value == "info")
        key = (tuple((f.path, f.rule) for f in findings), tuple((f.path, f.rule) for f in dismissed))
        if self._dismiss_shown.get(slot) == key:
            return
        self._dismiss_shown[slot] = key
        controls = []
        if findings:
            opener = button("dismiss…", width="auto",
                            tooltip="The coach's judgment: hide a finding on this item, saying why")
            opener.on_click(lambda _b: self._open_dismiss(slot, findings))
            controls.append(opener)
        if dismissed:
            restore = button("restore…", width="auto",
                             tooltip="Take a dismissal back: the coach's finding shows again")
            restore.on_click(lambda _b: self._open_restore(slot, dismissed))
            controls.append(restore)
        for control in controls:
            control.add_class("okr-dismiss")
        box.children = controls

    def _open_dismiss(self, slot: str, findings: list[Any]) -> None:
        box = self.dismiss_rows[slot]
        choice = w.Dropdown(options=[(f"{_LABELS[f.severity.value]}: {f.rule}", i) for i, f in enumerate(findings)],
                            layout=w.Layout(width="260px", max_width="100%"))
        reason = text_field("Why does it not apply here? The team will read this.", width="340px")
        reason.layout.max_width = "100%"
        confirm = button("Dismiss", "warning", width="auto")
        cancel = button("Cancel", width="auto")
        note = html()
        confirm.on_click(lambda _b: self._on_dismiss(slot, findings[choice.value], reason.value, note))
        cancel.on_click(lambda _b: self._close_dismiss(slot))
        box.children = [choice, reason, confirm, cancel, note]

    def _open_restore(self, slot: str, dismissed: list[Any]) -> None:
        box = self.dismiss_rows[slot]
        choice = w.Dropdown(options=[(f"{_LABELS[f.severity.value]}: {f.rule}", i) for i, f in enumerate(dismissed)],
                            layout=w.Layout(width="260px", max_width="100%"))
        confirm = button("Restore", width="auto", tooltip="Show this finding again; saved with the OKRs")
        cancel = button("Cancel", width="auto")
        confirm.on_click(lambda _b: self._on_restore(slot, dismissed[choice.value]))
        cancel.on_click(lambda _b: self._close_dismiss(slot))
        box.children = [choice, confirm, cancel]

    def _close_dismiss(self, slot: str) -> None:
        self._dismiss_shown.pop(slot, None)
        self._review()

    @guarded
    def _on_dismiss(self, slot: str, finding: Any, reason: str, note: w.HTML) -> None:
        from okrkit.coach.dismissals import dismiss

        candidate, _problems, _paths = self._candidate()
        try:
            dismissed = dismiss(candidate, finding, clip_text(reason, 1000))
        except InputError:
            note.value = message("Say why it does not apply: the team reads the reason.")
            return
        new = dismissed.coach_dismissed[-1]
        self.draft.setdefault("dismissed", []).append(new.model_dump())
        self._dismiss_shown.pop(slot, None)
        self.result.value = ""
        self._review()
        self._autosave()

    @guarded
    def _on_restore(self, slot: str, finding: Any) -> None:
        """Take the coach's dismissal of `finding` back, in the draft as dismissing is; Save writes it."""
        from okrkit.coach.dismissals import settle

        candidate, _problems, _paths = self._candidate()
        held = [x for x in settle(candidate).kept if (x.path, x.rule) == (finding.path, finding.rule)]
        if not held:  # already gone (the text changed meanwhile)
            self._close_dismiss(slot)
            return
        rule, print_ = finding.rule, held[0].fingerprint
        self.draft["dismissed"] = [x for x in self.draft.get("dismissed", [])
                                   if (x.get("rule"), x.get("fingerprint")) != (rule, print_)]
        team_index = [t.name for t in self.engagement.teams].index(self.team or "")
        if any(_in_team(x.path, f"teams[{team_index}]") and (x.rule, x.fingerprint) == (rule, print_)
               for x in self.engagement.coach_dismissed):
            self.draft.setdefault("restored", []).append({"rule": rule, "fingerprint": print_})
        self._dismiss_shown.pop(slot, None)
        self.result.value = message(f"The coach's {rule} finding shows again; Save OKRs to keep it so.", "info")
        self._review()
        self._autosave()

    # --- save ----------------------------------------------------------------------------------

    def _write(self, candidate: Engagement) -> Engagement:
        self.store.save_engagement(candidate)
        return candidate

    @guarded
    def _on_save(self, _button: w.Button | None = None) -> None:
        self._debounced.flush()
        candidate, problems, _paths = self._candidate()
        if problems:
            self.refuse("correct the fields marked in red.")
            return
        errors = [f for _slot, f in self.findings if f.severity.value == "error"]
        if errors:
            self.refuse(f"the coach found {len(errors)} problem{'s' if len(errors) > 1 else ''} that "
                        f"{'stop' if len(errors) > 1 else 'stops'} these OKRs from working (marked in red).")
            return
        from okrkit.coach.dismissals import settle

        settled = settle(candidate)
        candidate = candidate.model_copy(update={"coach_dismissed": list(settled.kept)})
        if self.save(lambda: self._write(candidate)) is None:
            return
        self._debounced.cancel()
        self.drop_draft()
        self.reload()
        objectives = self.engagement.team(self.team or "").objectives
        count = sum(len(o.key_results) for o in objectives)
        self.autosave_note.value = ""
        self.result.value = message(f"Saved {len(objectives)} objective{'s' if len(objectives) != 1 else ''} and "
                                    f"{count} key result{'s' if count != 1 else ''}.", "ok") + "".join(
            message(note, "info") for note in settled.notes)


def _field_message(error: InputError, noun: str) -> str:
    """"objective: must not be empty" → "The objective must not be empty"."""
    text = str(error)
    field, _, rest = text.partition(": ")
    names = {"objective": "objective text", "title": "key result text", "baseline": "baseline", "target": "target",
             "unit": "unit", "id": "id", "why": "why", "weight": "weight"}
    if rest and field in names:
        return f"The {names[field]} {rest}"
    return f"This {noun}: {text}"


def _slot_for(path: str, paths: dict[str, str]) -> str | None:
    """The row a finding belongs to: its path, or the nearest enclosing path we show."""
    while path:
        if path in paths:
            return paths[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _in_team(path: str, prefix: str) -> bool:
    """Whether `path` names the team `prefix` ("teams[2]") or an item of it."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _draft_dismissals(draft: dict[str, Any]) -> list[Dismissal]:
    """The dismissals made in this draft; a damaged entry is dropped, not trusted."""
    kept = []
    for entry in draft.get("dismissed", []):
        try:
            kept.append(Dismissal.model_validate(entry))
        except ValueError:
            continue
    return kept


def _finding_html(finding: Any) -> str:
    colour = _SEVERITY_COLOURS.get(finding.severity.value, "#1f4e8c")
    label = {"error": "Must fix", "warning": "Coach", "info": "Tip"}.get(finding.severity.value, "Coach")
    suggestion = f" <span class='okr-muted'>→ {esc(finding.suggestion)}</span>" if finding.suggestion else ""
    return (f"<div class='okr-finding' style='border-color:{colour}'><b style='color:{colour}'>{label}:</b> "
            f"{esc(finding.message)}{suggestion}</div>")


def _findings_html(findings: list[Any], dismissed: list[tuple[Any, str]]) -> str:
    """Errors and warnings in full; tips, and what the coach dismissed, folded under a one-line summary."""
    loud = [f for f in findings if f.severity.value != "info"]
    tips = [f for f in findings if f.severity.value == "info"]
    parts = [_finding_html(f) for f in loud]
    if tips:
        parts.append(f"<details class='okr-tips'><summary>{len(tips)} tip{'s' if len(tips) != 1 else ''}</summary>"
                     + "".join(_finding_html(f) for f in tips) + "</details>")
    if dismissed:
        lines = "".join(f"<div class='okr-muted'>{esc(f.rule)}: {esc(f.message)} "
                        f"<i>Dismissed by the coach: {esc(reason)}</i></div>" for f, reason in dismissed)
        n = len(dismissed)
        parts.append(f"<details class='okr-tips'><summary>{n} finding{'s' if n != 1 else ''} dismissed by the coach"
                     f"</summary>{lines}</details>")
    return "".join(parts)


def _control_row() -> w.HBox:
    """The dismiss/restore controls under an item: they wrap on a narrow window instead of running off it."""
    box = row()
    box.layout.margin = "0"
    return box


def _tool_group(tools: list[w.Button]) -> w.HBox:
    """Buttons that stay together on one line, never wrapped apart."""
    group = w.HBox(tools, layout=w.Layout(flex="0 0 auto", flex_flow="row nowrap"))
    group.add_class("okr-tools")
    return group
