"""A small inline-SVG trend chart for the check-in app: confidence and progress against pace.

Built by hand instead of with altair on purpose: the check-in app is the one every team
opens every week, and importing altair would add most of a kernel's memory for two lines.
All text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrkit.widgets._html import esc

__all__ = ["trend_svg"]

_W, _H = 520, 170
_LEFT, _RIGHT, _TOP, _BOTTOM = 34, 40, 22, 26


def trend_svg(
    start: dt.date,
    end: dt.date,
    confidence: Sequence[tuple[dt.date, int]],
    progress: Sequence[tuple[dt.date, float]],
    title: str = "",
) -> str:
    """Confidence (1–10, left axis) and progress (0–100%, right axis) over the cycle, with pace."""
    span = max(1, (end - start).days)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(day: dt.date) -> float:
        return _LEFT + plot_w * min(1.0, max(0.0, (day - start).days / span))

    def y_share(share: float) -> float:
        return _TOP + plot_h * (1 - min(1.0, max(0.0, share)))

    parts = [
        # Full width up to its natural size, scaled down on a phone rather than running off the screen.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="100%" '
        f'style="max-width:{_W}px;height:auto" '
        f'role="img" aria-label="{esc(title or "Confidence and progress trend")}" '
        'font-family="system-ui, sans-serif" font-size="11">',
        f'<rect x="{_LEFT}" y="{_TOP}" width="{plot_w}" height="{plot_h}" fill="#fbfcfe" stroke="#e3e8f0"/>',
    ]
    for share in (0.25, 0.5, 0.75):
        yy = y_share(share)
        parts.append(f'<line x1="{_LEFT}" x2="{_LEFT + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" '
                     'stroke="#eef1f5"/>')
    # Axes labels: confidence on the left, progress on the right, the cycle's dates below.
    for value in (1, 5, 10):
        yy = y_share((value - 1) / 9)
        parts.append(f'<text x="{_LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#1f4e8c">{value}</text>')
    for pct in (0, 50, 100):
        yy = y_share(pct / 100)
        parts.append(f'<text x="{_LEFT + plot_w + 6}" y="{yy + 4:.1f}" fill="#1a7f37">{pct}%</text>')
    parts.append(f'<text x="{_LEFT}" y="{_H - 8}" fill="#6b7485">{esc(f"{start:%d %b}")}</text>')
    parts.append(f'<text x="{_LEFT + plot_w}" y="{_H - 8}" text-anchor="end" fill="#6b7485">'
                 f'{esc(f"{end:%d %b}")}</text>')
    # Pace: the share of the cycle elapsed, a dashed diagonal.
    parts.append(f'<line x1="{x(start):.1f}" y1="{y_share(0):.1f}" x2="{x(end):.1f}" y2="{y_share(1):.1f}" '
                 'stroke="#9aa3b2" stroke-dasharray="4 3"/>')
    if progress:
        pts = " ".join(f"{x(d):.1f},{y_share(p):.1f}" for d, p in progress)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#1a7f37" stroke-width="2.5"/>')
    if confidence:
        pts = " ".join(f"{x(d):.1f},{y_share((c - 1) / 9):.1f}" for d, c in confidence)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#1f4e8c" stroke-width="2"/>')
        for d, c in confidence:
            parts.append(f'<circle cx="{x(d):.1f}" cy="{y_share((c - 1) / 9):.1f}" r="3" fill="#1f4e8c">'
                         f'<title>{esc(f"{d:%d %b}: confidence {c}/10")}</title></circle>')
    legend_y = 13
    parts += [
        f'<line x1="{_LEFT}" x2="{_LEFT + 16}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="#1f4e8c" '
        'stroke-width="2"/>',
        f'<text x="{_LEFT + 20}" y="{legend_y}" fill="#34405a">confidence (1–10)</text>',
        f'<line x1="{_LEFT + 130}" x2="{_LEFT + 146}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="#1a7f37" '
        'stroke-width="2.5"/>',
        f'<text x="{_LEFT + 150}" y="{legend_y}" fill="#34405a">progress</text>',
        f'<line x1="{_LEFT + 210}" x2="{_LEFT + 226}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="#9aa3b2" '
        'stroke-dasharray="4 3"/>',
        f'<text x="{_LEFT + 230}" y="{legend_y}" fill="#34405a">expected pace</text>',
        "</svg>",
    ]
    return "".join(parts)
