"""Draw an engagement's alignment as an SVG picture: priorities ← strategic OKRs ← team OKRs.

Vertical alignment is a solid line from a team OKR to the strategic OKR it contributes to,
and from a strategic OKR to its priority; horizontal alignment (peer teams sharing an
outcome) is a dashed arc between team OKRs. Nodes carry their status colour and say it in
words. Every piece of text goes through `esc`, so a hostile title is drawn as text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from okrkit.model import Engagement, Level
from okrkit.progress import EngagementStatus
from okrkit.theme import status_look
from okrkit.widgets._html import esc

__all__ = ["alignment_svg", "horizontal_pairs"]

_COLUMNS = {"priority": (10, 220), "strategic": (275, 270), "team": (600, 300)}
_LINE = 15
_GAP = 14
_TOP = 50


@dataclass
class _Node:
    key: str
    column: str
    header: str
    lines: list[str]
    status: str | None = None
    warn: bool = False
    y: float = 0.0

    @property
    def x(self) -> float:
        return _COLUMNS[self.column][0]

    @property
    def width(self) -> float:
        return _COLUMNS[self.column][1]

    @property
    def height(self) -> float:
        return 30 + _LINE * len(self.lines) + (14 if self.warn else 0)

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _wrap(text: str, width: float) -> list[str]:
    lines = textwrap.wrap(text, width=max(10, int(width / 7.2))) or [""]
    return lines[:4] if len(lines) <= 4 else [*lines[:3], lines[3][:-1] + "…"]


def horizontal_pairs(engagement: Engagement) -> list[tuple[str, str]]:
    """Pairs of objective ids whose teams share an outcome, each pair once."""
    by_team = {t.name: [o.id for o in t.objectives] for t in engagement.teams}
    pairs: set[tuple[str, str]] = set()
    for _team, obj in engagement.objectives():
        for peer in obj.shares_with:
            for other in by_team.get(peer, []):
                if other != obj.id:
                    pairs.add(tuple(sorted((obj.id, other))))  # type: ignore[arg-type]
    return sorted(pairs)


def alignment_svg(engagement: Engagement, status: EngagementStatus | None = None) -> str:
    """The whole engagement's alignment as one SVG document."""
    statuses = {o.id: o.status.value for o in status.objectives()} if status else {}
    nodes: dict[str, _Node] = {}
    for i, priority in enumerate(engagement.priorities):
        nodes[f"p{i}"] = _Node(f"p{i}", "priority", f"Priority {i + 1}", _wrap(priority, _COLUMNS["priority"][1]))
    priority_keys = {p: f"p{i}" for i, p in enumerate(engagement.priorities)}
    strategic = [(t, o) for t, o in engagement.objectives() if t.level is not Level.TEAM]
    team_okrs = [(t, o) for t, o in engagement.objectives() if t.level is Level.TEAM]
    strategic_ids = {o.id for _, o in strategic}
    for team, obj in strategic:
        nodes[obj.id] = _Node(obj.id, "strategic", f"{obj.id} · {team.name}", _wrap(obj.title, 270),
                              statuses.get(obj.id))
    # Team OKRs in the order of the strategic OKR they serve, so lines cross as little as possible.
    order = {o.id: i for i, (_, o) in enumerate(strategic)}
    team_okrs.sort(key=lambda to: min((order.get(a, 999) for a in to[1].aligns_to), default=999))
    for team, obj in team_okrs:
        linked = any(a in strategic_ids or a in {o.id for _, o in team_okrs} for a in obj.aligns_to)
        nodes[obj.id] = _Node(obj.id, "team", f"{obj.id} · {team.name}", _wrap(obj.title, 300),
                              statuses.get(obj.id), warn=not linked)
    heights: dict[str, float] = {}
    for column in _COLUMNS:
        y: float = _TOP
        for node in (n for n in nodes.values() if n.column == column):
            node.y = y
            y += node.height + _GAP
        heights[column] = y
    # Centre the shorter columns on the tallest one.
    tallest = max(heights.values())
    for column, height in heights.items():
        shift = (tallest - height) / 2
        for node in (n for n in nodes.values() if n.column == column):
            node.y += shift

    edges: list[str] = []
    for _team, obj in strategic + team_okrs:
        child = nodes[obj.id]
        parents = [nodes[a] for a in obj.aligns_to if a in nodes and a != obj.id]
        if obj.id in strategic_ids and obj.priority in priority_keys:
            parents.append(nodes[priority_keys[obj.priority]])
        for parent in parents:
            x1, x2 = child.x, parent.x + parent.width
            mid = (x1 + x2) / 2
            edges.append(f'<path d="M{x1},{child.middle:.1f} C{mid},{child.middle:.1f} {mid},{parent.middle:.1f} '
                         f'{x2},{parent.middle:.1f}" fill="none" stroke="#7d8aa3" stroke-width="1.6" '
                         'marker-end="url(#okr-arrow)"/>')
    arcs: list[str] = []
    for a, b in horizontal_pairs(engagement):
        if a not in nodes or b not in nodes:
            continue
        top, bottom = sorted((nodes[a], nodes[b]), key=lambda n: n.y)
        x = max(top.x + top.width, bottom.x + bottom.width)
        bulge = x + 60
        arcs.append(f'<path d="M{x},{top.middle:.1f} C{bulge},{top.middle:.1f} {bulge},{bottom.middle:.1f} '
                    f'{x},{bottom.middle:.1f}" fill="none" stroke="#1f4e8c" stroke-width="1.6" '
                    'stroke-dasharray="6 4"/>')
        arcs.append(f'<text x="{bulge - 10:.0f}" y="{(top.middle + bottom.middle) / 2:.1f}" fill="#1f4e8c" '
                    f'font-size="11" text-anchor="start">{esc("shared outcome")}</text>')

    width = 1080
    height = max(tallest, _TOP + 60) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" '
        f'height="{height:.0f}" role="img" aria-label="{esc("Alignment of " + engagement.client)}" '
        'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12.5">',
        '<defs><marker id="okr-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7d8aa3"/></marker></defs>',
    ]
    for column, title in (("priority", "Strategy priorities"), ("strategic", "Strategic OKRs"),
                          ("team", "Team OKRs")):
        x = _COLUMNS[column][0]
        parts.append(f'<text x="{x}" y="24" font-size="13" font-weight="600" fill="#34405a">{esc(title)}</text>')
    parts += edges + arcs
    for node in nodes.values():
        parts.append(_node_svg(node))
    parts.append("</svg>")
    return "".join(parts)


def _node_svg(node: _Node) -> str:
    colour = status_look(node.status).colour if node.column != "priority" else "#34405a"
    border = 'stroke="#d08a00" stroke-dasharray="5 3"' if node.warn else 'stroke="#cfd6e2"'
    header = node.header if len(node.header) <= (node.width - 100) / 6.2 else \
        node.header[: int((node.width - 100) / 6.2) - 1] + "…"
    out = [
        f'<g><title>{esc(" ".join(node.lines))}</title>',
        f'<rect x="{node.x}" y="{node.y:.1f}" width="{node.width}" height="{node.height}" rx="7" fill="#fff" '
        f'{border} stroke-width="1.2"/>',
        f'<rect x="{node.x}" y="{node.y:.1f}" width="6" height="{node.height}" rx="3" fill="{colour}"/>',
        f'<text x="{node.x + 14}" y="{node.y + 17:.1f}" font-size="11" fill="#5b6575">{esc(header)}</text>',
    ]
    for i, line in enumerate(node.lines):
        out.append(f'<text x="{node.x + 14}" y="{node.y + 33 + i * _LINE:.1f}" fill="#1d2430">{esc(line)}</text>')
    if node.warn:
        out.append(f'<text x="{node.x + 14}" y="{node.y + node.height - 8:.1f}" font-size="11" font-weight="600" '
                   f'fill="#9a5b00">{esc("⚠ not linked to a strategic OKR")}</text>')
    label = node.status.replace("-", " ") if node.status else ""
    if label:
        fill = colour
        out.append(f'<text x="{node.x + node.width - 8}" y="{node.y + 17:.1f}" font-size="11" font-weight="600" '
                   f'text-anchor="end" fill="{fill}">{esc(label)}</text>')
    out.append("</g>")
    return "".join(out)
