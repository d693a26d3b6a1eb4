"""The shared worldview and the layers from vision to backlog (seeds implementing-okrs-q-four,
team-okrs-in-action), for the coach.

    WorldviewView(folder, team=None, url=None, today=None)

Edit the vision, the strategy priorities and the worldview (key dynamics, competition,
target audience), then read the layers: vision → priorities → strategic OKRs → team OKRs →
backlog, and whether each team can answer the four key questions.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from okrkit.model import Engagement, Level, Objective, Team
from okrkit.validation import parse
from okrkit.widgets._base import button, guarded, html, row, text_field
from okrkit.widgets._form_app import FormApp
from okrkit.widgets._forms import clip_text
from okrkit.widgets._html import badge, esc

__all__ = ["FOUR_QUESTIONS", "WorldviewView"]

FOUR_QUESTIONS = (
    "What is the organisation's strategic goal?",
    "What part of this strategy is relevant to us?",
    "What can we really move this quarter?",
    "How will we know we are making progress?",
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clip_text(text, 50_000).splitlines() if line.strip()]


class WorldviewView(FormApp):
    """Worldview, layers and the four key questions."""

    title = "Worldview and layers"
    subtitle = "Before any OKR: a shared view of the market, then strategy, then OKRs, then the work."
    needs_team = False

    def build(self) -> list[w.Widget]:
        e = self.engagement
        self.vision = text_field("Where are we going?", e.vision, area=True, rows=2)
        self.priorities = text_field("One priority per line", "\n".join(e.priorities), area=True, rows=3)
        self.dynamics = text_field("One per line", "\n".join(e.worldview.key_dynamics), area=True, rows=3)
        self.competition = text_field("One per line", "\n".join(e.worldview.competition), area=True, rows=3)
        self.audience = text_field("One per line", "\n".join(e.worldview.target_audience), area=True, rows=3)
        self.messages = {k: html() for k in ("vision", "priorities", "worldview.key_dynamics",
                                             "worldview.competition", "worldview.target_audience")}
        self.result = html()
        self.save_button = button("Save worldview", "primary", icon="check", width="180px")
        self.save_button.on_click(self._on_save)
        self.controls["save"] = self.save_button
        self.layers = html(self._layers_html())
        self.questions = html(self._questions_html())
        column = {"width": "33%", "padding": "0 6px 0 0"}
        return [
            html("<h2>Vision</h2>"), self.vision, self.messages["vision"],
            html("<h2>Strategy priorities</h2><div class='okr-hint'>A few bold bets, not a wish list.</div>"),
            self.priorities, self.messages["priorities"],
            html("<h2>Shared worldview</h2>"),
            w.HBox([
                w.VBox([html("<h3>Key dynamics</h3>"), self.dynamics, self.messages["worldview.key_dynamics"]],
                       layout=w.Layout(**column)),
                w.VBox([html("<h3>Competition</h3>"), self.competition, self.messages["worldview.competition"]],
                       layout=w.Layout(**column)),
                w.VBox([html("<h3>Target audience</h3>"), self.audience,
                        self.messages["worldview.target_audience"]], layout=w.Layout(**column)),
            ]),
            row(self.save_button, self.result, margin="10px 0"),
            html("<h2>From vision to backlog</h2>"), self.layers,
            html("<h2>The four key questions, per team</h2><div class='okr-hint'>Teams that can answer these "
                 "link their daily work to the bigger picture.</div>"), self.questions,
        ]

    @guarded
    def _on_save(self, _button: w.Button | None = None) -> None:
        self.clear_messages()
        if self.save(self._write) is None:
            return
        self.reload()
        self.layers.value = self._layers_html()
        self.questions.value = self._questions_html()
        self.saved("Worldview saved.")

    def _write(self) -> Engagement:
        data: dict[str, Any] = self.engagement.model_dump(mode="json", by_alias=True)
        data.update(
            vision=clip_text(self.vision.value, 6000), priorities=_lines(self.priorities.value),
            worldview={"key_dynamics": _lines(self.dynamics.value), "competition": _lines(self.competition.value),
                       "target_audience": _lines(self.audience.value)},
        )
        engagement = parse(Engagement, data)
        self.store.save_engagement(engagement)
        return engagement

    # --- reading the layers ------------------------------------------------------------------

    def _layers_html(self) -> str:
        e = self.engagement
        strategic = e.strategic_objectives()
        team_okrs = [(t, o) for t, o in e.objectives() if t.level is Level.TEAM]
        backlog: dict[str, list[str]] = {}
        for item in e.backlog:
            backlog.setdefault(item.key_result, []).append(f"{item.title} ({item.status})")

        def objective_line(team: Team, obj: Objective) -> str:
            krs = "".join(
                f"<li>{esc(kr.title)}" + "".join(f"<div class='okr-muted'>backlog: {esc(b)}</div>"
                                                 for b in backlog.get(kr.id, [])) + "</li>"
                for kr in obj.key_results)
            return (f"<div class='okr-card'><span class='okr-id'>{esc(obj.id)}</span> <b>{esc(obj.title)}</b> "
                    f"<span class='okr-muted'>· {esc(team.name)}</span><ul>{krs}</ul></div>")

        layers = [
            ("Vision", f"<div>{esc(e.vision) or '<i>not written yet</i>'}</div>"),
            ("Strategy priorities", "<ol>" + "".join(f"<li>{esc(p)}</li>" for p in e.priorities) + "</ol>"
             if e.priorities else "<i>none yet</i>"),
            ("Strategic OKRs", "".join(objective_line(t, o) for t, o in strategic) or "<i>none yet</i>"),
            ("Team OKRs", "".join(
                objective_line(t, o).replace("</b>", "</b> " + (
                    f"<span class='okr-muted'>→ contributes to {esc(', '.join(o.aligns_to))}</span>"
                    if o.aligns_to else badge("not linked to a strategic OKR", "warning")), 1)
                for t, o in team_okrs) or "<i>none yet</i>"),
            ("Backlog", f"<div class='okr-muted'>{len(e.backlog)} items, shown under the key results they move."
                        "</div>"),
        ]
        return "".join(f"<div class='okr-layer'><div class='okr-layer-name'>{esc(name)}</div>{body}</div>"
                       for name, body in layers)

    def _questions_html(self) -> str:
        e = self.engagement
        by_id = {o.id: o for _, o in e.objectives()}
        cards = []
        for team in e.teams:
            if team.level is not Level.TEAM:
                continue
            goals = [by_id[a] for o in team.objectives for a in o.aligns_to if a in by_id]
            priorities = sorted({o.priority for o in team.objectives if o.priority} |
                                {g.priority for g in goals if g.priority})
            answers = [
                "; ".join(g.title for g in goals),
                "; ".join(priorities),
                "; ".join(o.title for o in team.objectives),
                "; ".join(kr.title for o in team.objectives for kr in o.key_results),
            ]
            rows = "".join(
                f"<tr><td style='width:320px'>{esc(q)}</td><td>{esc(a) if a else badge('no answer yet', 'warning')}"
                f"</td></tr>" for q, a in zip(FOUR_QUESTIONS, answers, strict=True))
            cards.append(f"<div class='okr-card'><h3>{esc(team.name)}</h3><table class='okr-table'>{rows}</table>"
                         "</div>")
        return "".join(cards) or "<p class='okr-muted'>No teams yet.</p>"
