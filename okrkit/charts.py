"""Altair charts shared by the apps and the reports, rendered with no network.

Builders take the domain's results (`EngagementStatus`, check-ins) and return altair
charts. `to_svg` renders one to SVG in this process with vl-convert (no browser, no CDN);
`chart_html` wraps that SVG for an `ipywidgets.HTML` or a report. Text in an SVG is XML-
escaped by vl-convert, so a hostile team name is shown, never run.

altair is imported inside the functions: it takes ~2 s, and only pages with a chart pay it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from okrkit.extras import require
from okrkit.model import CheckIn, Engagement
from okrkit.progress import EngagementStatus, expected_progress, kr_raw_progress
from okrkit.theme import PALETTE, STATUS

if TYPE_CHECKING:
    import altair as alt

__all__ = [
    "STATUS_COLORS",
    "chart_html",
    "confidence_chart",
    "confidence_heatmap",
    "kr_trend_chart",
    "progress_chart",
    "to_svg",
]

STATUS_COLORS = {status: look.colour for status, look in STATUS.items()}  # okrkit.theme's, as everywhere
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"
_CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": "#37474f", "titleColor": "#37474f", "gridColor": "#eceff1", "domainColor": "#b0bec5",
             "labelFontSize": 11, "titleFontSize": 12},
    "legend": {"labelColor": "#37474f", "titleColor": "#37474f", "orient": "bottom"},
    "title": {"color": "#263238", "fontSize": 14, "anchor": "start", "fontWeight": 600},
}


def _alt() -> Any:
    return require("altair", "apps")  # lazy: see the module docstring


def _status_scale() -> Any:
    alt = _alt()
    return alt.Scale(domain=[s.label for s in STATUS_COLORS], range=list(STATUS_COLORS.values()))


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def progress_chart(status: EngagementStatus, team: str | None = None, *, width: int = 420) -> alt.LayerChart:
    """Objective and KR progress as bars coloured by status, with the expected pace as a rule."""
    alt = _alt()
    rows = []
    for obj in status.objectives():
        if team is not None and obj.team != team:
            continue
        rows.append({"item": _short(f"{obj.id}  {obj.title}"), "progress": obj.progress,
                     "status": obj.status.label, "level": "objective", "detail": obj.title})
        rows += [{"item": _short(f"   {kr.id}  {kr.title}"), "progress": kr.progress, "status": kr.status.label,
                  "level": "key result", "detail": kr.title} for kr in obj.key_results]
    order = [r["item"] for r in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=11)),
    )
    bars = base.mark_bar(cornerRadiusEnd=3, height=14).encode(
        x=alt.X("progress:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%", tickCount=5),
                title="progress"),
        color=alt.Color("status:N", scale=_status_scale(), title="status"),
        opacity=alt.condition("datum.level == 'objective'", alt.value(1.0), alt.value(0.75)),
        tooltip=["detail:N", alt.Tooltip("progress:Q", format=".0%"), "status:N"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#37474f").encode(
        x="progress:Q", text=alt.Text("progress:Q", format=".0%"))
    pace = alt.Chart(alt.Data(values=[{"pace": status.expected, "label": f"pace {status.expected:.0%}"}]))
    rule = pace.mark_rule(strokeDash=[5, 4], color=PALETTE["pace"], strokeWidth=1.5).encode(x="pace:Q")
    rule_label = pace.mark_text(align="left", dx=3, dy=-6, fontSize=10, color=PALETTE["pace"]).encode(
        x="pace:Q", y=alt.value(0), text="label:N")
    return (bars + labels + rule + rule_label).properties(width=width, height=max(60, 22 * len(rows))).configure(
        **_CONFIG)


def confidence_chart(checkins: Iterable[CheckIn], teams: Sequence[str] | None = None, *,
                     width: int = 420, height: int = 180) -> alt.LayerChart:
    """Each team's confidence (1–10) over the cycle's check-ins."""
    alt = _alt()
    rows = [{"date": c.date.isoformat(), "team": c.team, "confidence": c.confidence}
            for c in checkins if c.confidence is not None and (teams is None or c.team in teams)]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %d", labelAngle=0)),
        y=alt.Y("confidence:Q", scale=alt.Scale(domain=[1, 10]), title="confidence (1–10)",
                axis=alt.Axis(values=[1, 4, 7, 10])),
        color=alt.Color("team:N", title=None, sort=list(teams) if teams else None),
        tooltip=["team:N", "date:T", "confidence:Q"],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=40)).properties(
        width=width, height=height).configure(**_CONFIG)


def confidence_heatmap(checkins: Iterable[CheckIn], teams: Sequence[str], *, width: int = 480) -> alt.LayerChart:
    """Confidence of every team at every check-in week: where attention is needed, at a glance."""
    alt = _alt()
    shown = sorted((c for c in checkins if c.confidence is not None and c.team in teams), key=lambda c: c.date)
    rows = [{"week": c.date.strftime("%b %d"), "team": c.team, "confidence": c.confidence} for c in shown]
    weeks = list(dict.fromkeys(r["week"] for r in rows))
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("week:O", sort=weeks, title="check-in", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("team:N", sort=list(teams), title=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(cornerRadius=2, stroke="white", strokeWidth=1.5).encode(
        color=alt.Color("confidence:Q", scale=alt.Scale(domain=[1, 10], scheme="redyellowgreen"),
                        title="confidence"),
        tooltip=["team:N", "week:O", "confidence:Q"],
    )
    numbers = base.mark_text(fontSize=11, color="#263238").encode(text="confidence:Q")
    return (cells + numbers).properties(width=width, height=max(60, 30 * len(teams))).configure(**_CONFIG)


def kr_trend_chart(engagement: Engagement, checkins: Iterable[CheckIn], team: str, *,
                   width: int = 420, height: int = 200) -> alt.LayerChart:
    """Progress of each of a team's KRs at every check-in, against the expected pace."""
    alt = _alt()
    krs = {kr.id: kr for obj in engagement.team(team).objectives for kr in obj.key_results}
    rows = []
    own = sorted((c for c in checkins if c.team == team), key=lambda c: c.date)
    for checkin in own:
        for kr_id, value in checkin.values.items():
            if kr_id in krs:
                progress = min(1.0, max(0.0, kr_raw_progress(krs[kr_id], value)))
                rows.append({"date": checkin.date.isoformat(), "kr": kr_id, "progress": progress})
    cycle = engagement.cycle
    pace_dates = [cycle.start, *(c.date for c in own), cycle.end] if own else [cycle.start, cycle.end]
    pace = [{"date": d.isoformat(), "pace": expected_progress(cycle, d)} for d in sorted(set(pace_dates))]
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %d", labelAngle=0),
              scale=alt.Scale(domain=[cycle.start.isoformat(), cycle.end.isoformat()]))
    pace_line = alt.Chart(alt.Data(values=pace)).mark_line(strokeDash=[5, 4], color="#90a4ae").encode(
        x=x, y="pace:Q")
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=x,
        y=alt.Y("progress:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%"), title="progress"),
        color=alt.Color("kr:N", title=None, sort=list(krs)),
        tooltip=["kr:N", "date:T", alt.Tooltip("progress:Q", format=".0%")],
    )
    return (pace_line + base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=30)).properties(
        width=width, height=height).configure(**_CONFIG)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document, rendered here with no network access at all."""
    vlc = require("vl_convert", "apps")  # lazy: a V8 engine, only for pages that draw

    alt = _alt()
    version = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=version, allowed_base_urls=[])


def chart_html(chart: alt.TopLevelMixin, *, label: str = "chart") -> str:
    """Inline SVG in a figure, for an ipywidgets.HTML or a report page."""
    from html import escape

    return f'<figure class="okrkit-chart" role="img" aria-label="{escape(label)}">{to_svg(chart)}</figure>'
