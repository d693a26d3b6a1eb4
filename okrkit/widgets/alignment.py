"""The alignment view: vertical and horizontal alignment of the engagement, as a picture.

    AlignmentView(folder, team=None, url=None, today=None)

Vertical: team OKR → strategic OKR → strategy priority. Horizontal: peer teams that share
an outcome. Drawn as an inline SVG built here (no altair, no network), with the status of
every objective in colour and in words, and a plain-text summary of gaps below it.
"""

from __future__ import annotations

import ipywidgets as w

from okrkit.coach import review
from okrkit.progress import default_as_of, engagement_status
from okrkit.widgets._alignment_svg import alignment_svg, horizontal_pairs
from okrkit.widgets._base import App, button, html, row
from okrkit.widgets._html import esc

__all__ = ["AlignmentView"]

GAP_RULES = ("priority-without-okr", "objective-without-priority", "not-aligned", "dangling-reference")


class AlignmentView(App):
    """Align up, align across: the whole engagement on one picture."""

    title = "Alignment"
    subtitle = "Align up (team OKR → strategic OKR → priority) and align across (peer teams sharing an outcome)."
    needs_team = False

    def build(self) -> list[w.Widget]:
        self.refresh_button = button("Refresh", icon="refresh")
        self.refresh_button.on_click(self._on_refresh)
        status = engagement_status(self.engagement, self.store.checkins(),
                                   as_of=default_as_of(self.engagement.cycle, self.today))
        self.picture = html(f"<div class='okr-card okr-chart' style='overflow-x:auto'>"
                            f"{alignment_svg(self.engagement, status)}</div>")
        self.summary = html(self._summary_html())
        return [row(html("<span class='okr-hint'>Solid arrows: contributes to. Dashed arcs: peer teams sharing an "
                         "outcome. The coloured edge of each box is its status.</span>"), self.refresh_button),
                self.picture, self.summary]

    def _on_refresh(self, _button: w.Button | None = None) -> None:
        self.reload()
        self._render()

    def _summary_html(self) -> str:
        e = self.engagement
        names = {o.id: t.name for t, o in e.objectives()}
        across = "".join(f"<li>{esc(names[a])} ({esc(a)}) ↔ {esc(names[b])} ({esc(b)})</li>"
                         for a, b in horizontal_pairs(e))
        # The gaps are the coach's findings, so this view and `okrkit lint` say the same.
        gaps = [f for f in review(e, rules=GAP_RULES) if f.rule in GAP_RULES]
        gap_html = "".join(f"<li>{esc(f.message)} <span class='okr-muted'>{esc(f.suggestion)}</span></li>"
                           for f in gaps)
        gap_html = gap_html or "<li>None: every priority has an objective, and every objective serves one.</li>"
        return (f"<div class='okr-section'><b>Aligned across</b><ul>{across or '<li>No shared outcomes yet.</li>'}"
                f"</ul><b>Gaps</b><ul>{gap_html}</ul></div>")
