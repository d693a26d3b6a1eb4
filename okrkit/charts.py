"""Charts shared by the apps and the reports, as Vega-Lite specs rendered with no network.

Builders take the domain's results (`EngagementStatus`, check-ins, per-unit rows from
`okrkit.units`) and return a Vega-Lite spec: a plain dict. `to_svg` renders one to SVG in
this process with vl-convert (no browser, no CDN); `chart_html` wraps that SVG for an
`ipywidgets.HTML` or a report. Text in an SVG is XML-escaped by vl-convert, so a hostile
team name is shown, never run.

Why dicts and not altair: `import altair` alone takes about 2 s, more than drawing every
chart of a report, and a spec says nothing altair would check for us that vl-convert does
not. Data is aggregated before it reaches a chart: a mark per key result of 1,000 teams
overflowed vl-convert's call stack (and nobody can read 9,000 bars).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from okrkit.extras import require
from okrkit.model import CheckIn, Engagement
from okrkit.progress import EngagementStatus, ObjectiveStatus, Status, expected_progress, kr_raw_progress
from okrkit.theme import PALETTE, STATUS

__all__ = [
    "MAX_ROWS",
    "STATUS_COLORS",
    "ChartTooBig",
    "chart_html",
    "confidence_chart",
    "confidence_heatmap",
    "kr_trend_chart",
    "objective_bars",
    "progress_chart",
    "to_svg",
    "unit_confidence_heatmap",
    "unit_confidence_multiples",
    "unit_progress_multiples",
    "unit_status_chart",
]

Spec = dict[str, Any]
VL_VERSION = "5.20"  # the Vega-Lite these specs are written for (vl-convert ships it)
MAX_ROWS = 600  # marks one chart may draw: above it, aggregate (vl-convert's stack, and readability)
STATUS_COLORS = {status: look.colour for status, look in STATUS.items()}  # okrkit.theme's, as everywhere
FONT = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"
_CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": "#37474f", "titleColor": "#37474f", "gridColor": "#eceff1", "domainColor": "#b0bec5",
             "labelFontSize": 11, "titleFontSize": 12},
    "legend": {"labelColor": "#37474f", "titleColor": "#37474f", "orient": "bottom"},
    "title": {"color": "#263238", "fontSize": 14, "anchor": "start", "fontWeight": 600},
    "header": {"labelColor": "#263238", "labelFontSize": 12, "labelFontWeight": 600, "labelLimit": 220},
}


class ChartTooBig(ValueError):
    """A chart was asked to draw more marks than anyone can read; aggregate first."""


def _status_scale() -> Spec:
    return {"domain": [s.label for s in STATUS_COLORS], "range": list(STATUS_COLORS.values())}


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _checked(rows: list[Any], what: str) -> list[Any]:
    if len(rows) > MAX_ROWS:
        raise ChartTooBig(f"{what}: {len(rows)} marks is more than {MAX_ROWS}; aggregate by unit first")
    return rows


def _top(spec: Spec) -> Spec:
    return {"$schema": f"https://vega.github.io/schema/vega-lite/v{VL_VERSION.split('.')[0]}.json", **spec,
            "config": _CONFIG}


def _pace_layers(expected: float) -> list[Spec]:
    data = {"values": [{"pace": expected, "label": f"pace {expected:.0%}"}]}
    return [
        {"data": data, "mark": {"type": "rule", "strokeDash": [5, 4], "color": PALETTE["pace"], "strokeWidth": 1.5},
         "encoding": {"x": {"field": "pace", "type": "quantitative"}}},
        {"data": data, "mark": {"type": "text", "align": "left", "dx": 3, "dy": -6, "fontSize": 10,
                                "color": PALETTE["pace"]},
         "encoding": {"x": {"field": "pace", "type": "quantitative"}, "y": {"value": 0},
                      "text": {"field": "label", "type": "nominal"}}},
    ]


def _bars(rows: list[Spec], expected: float, width: int) -> Spec:
    """Horizontal progress bars coloured by status, in the rows' order, with the pace as a rule."""
    order = [r["item"] for r in rows]
    y = {"field": "item", "type": "nominal", "sort": order, "title": None,
         "axis": {"labelLimit": 320, "labelFontSize": 11}}
    x = {"field": "progress", "type": "quantitative", "scale": {"domain": [0, 1]},
         "axis": {"format": "%", "tickCount": 5}, "title": "progress"}
    data = {"values": rows}
    return _top({
        "width": width, "height": max(60, 22 * len(rows)),
        "layer": [
            {"data": data, "mark": {"type": "bar", "cornerRadiusEnd": 3, "height": 14},
             "encoding": {"y": y, "x": x,
                          "color": {"field": "status", "type": "nominal", "scale": _status_scale(), "title": "status"},
                          "opacity": {"condition": {"test": "datum.level == 'objective'", "value": 1.0}, "value": 0.75},
                          "tooltip": [{"field": "detail", "type": "nominal"},
                                      {"field": "progress", "type": "quantitative", "format": ".0%"},
                                      {"field": "status", "type": "nominal"}]}},
            {"data": data, "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11, "color": "#37474f"},
             "encoding": {"y": y, "x": {"field": "progress", "type": "quantitative"},
                          "text": {"field": "progress", "type": "quantitative", "format": ".0%"}}},
            *_pace_layers(expected),
        ],
    })


def progress_chart(status: EngagementStatus, team: str | None = None, *, width: int = 420) -> Spec:
    """Objective and KR progress as bars coloured by status, with the expected pace as a rule."""
    rows = []
    for obj in status.objectives():
        if team is not None and obj.team != team:
            continue
        rows.append({"item": _short(f"{obj.id}  {obj.title}"), "progress": obj.progress,
                     "status": obj.status.label, "level": "objective", "detail": obj.title})
        rows += [{"item": _short(f"   {kr.id}  {kr.title}"), "progress": kr.progress, "status": kr.status.label,
                  "level": "key result", "detail": kr.title} for kr in obj.key_results]
    return _bars(_checked(rows, "progress of every objective and key result"), status.expected, width)


def objective_bars(objectives: Sequence[ObjectiveStatus], expected: float, *, width: int = 420,
                   label: Any = None) -> Spec:
    """Objectives only (no KRs), in the order given: for the ten furthest behind or ahead of pace."""
    rows = [{"item": _short(label(o) if label else f"{o.id}  {o.title}", 60), "progress": o.progress,
             "status": o.status.label, "level": "objective", "detail": f"{o.team}: {o.title}"} for o in objectives]
    return _bars(_checked(rows, "objective progress"), expected, width)


def confidence_chart(checkins: Iterable[CheckIn], teams: Sequence[str] | None = None, *,
                     width: int = 420, height: int = 180) -> Spec:
    """Each team's confidence (1–10) over the cycle's check-ins."""
    kept = [c for c in checkins if c.confidence is not None and (teams is None or c.team in teams)]
    rows = [{"date": c.date.isoformat(), "team": c.team, "confidence": c.confidence} for c in kept]
    encoding = {
        "x": {"field": "date", "type": "temporal", "title": None,
              "axis": _checkin_axis(sorted({c.date for c in kept}))},
        "y": {"field": "confidence", "type": "quantitative", "scale": {"domain": [1, 10]},
              "title": "confidence (1–10)", "axis": {"values": [1, 4, 7, 10]}},
        "color": {"field": "team", "type": "nominal", "title": None, "sort": list(teams) if teams else None},
        "tooltip": [{"field": "team", "type": "nominal"}, {"field": "date", "type": "temporal"},
                    {"field": "confidence", "type": "quantitative"}],
    }
    return _top({"width": width, "height": height, "data": {"values": _checked(rows, "confidence of every team")},
                 "encoding": encoding,
                 "layer": [{"mark": {"type": "line", "strokeWidth": 2}},
                           {"mark": {"type": "point", "filled": True, "size": 40}}]})


def confidence_heatmap(checkins: Iterable[CheckIn], teams: Sequence[str], *, width: int = 480) -> Spec:
    """Confidence of every team at every check-in week: where attention is needed, at a glance."""
    wanted = set(teams)
    shown = sorted((c for c in checkins if c.confidence is not None and c.team in wanted), key=lambda c: c.date)
    rows = [{"week": c.date.strftime("%b %d"), "team": c.team, "confidence": c.confidence} for c in shown]
    weeks = [c.date.strftime("%b %d") for c in shown]
    weeks = list(dict.fromkeys(weeks))
    return _heatmap(_checked(rows, "confidence of every team at every check-in"), "team", list(teams), weeks,
                    width, "confidence", "confidence:Q")


def _heatmap(rows: list[Spec], row_field: str, row_order: list[str], weeks: list[str], width: int,
             value: str, label: str) -> Spec:
    encoding = {"x": {"field": "week", "type": "ordinal", "sort": weeks, "title": "check-in",
                      "axis": {"labelAngle": 0}},
                "y": {"field": row_field, "type": "nominal", "sort": row_order, "title": None,
                      "axis": {"labelLimit": 220}}}
    return _top({
        "width": width, "height": max(60, 30 * len(row_order)), "data": {"values": rows}, "encoding": encoding,
        "layer": [
            {"mark": {"type": "rect", "cornerRadius": 2, "stroke": "white", "strokeWidth": 1.5},
             "encoding": {"color": {"field": value, "type": "quantitative", "title": label.split(":")[0],
                                    "scale": {"domain": [1, 10], "scheme": "redyellowgreen"}},
                          "tooltip": [{"field": row_field, "type": "nominal"}, {"field": "week", "type": "ordinal"},
                                      {"field": value, "type": "quantitative", "format": ".1f"}]}},
            {"mark": {"type": "text", "fontSize": 11, "color": "#263238"},
             "encoding": {"text": {"field": value, "type": "quantitative", "format": ".1~f"}}},
        ],
    })


def unit_confidence_heatmap(rows: Sequence[dict[str, Any]], units: Sequence[str], *, width: int = 480) -> Spec:
    """Mean confidence of each unit's teams at each check-in: the heatmap of a large organisation.

    `rows` are `okrkit.units.confidence_by_unit_week` rows.
    """
    import datetime as dt

    cells = [{"week": dt.date.fromisoformat(str(r["date"])).strftime("%b %d"), "unit": r["unit"],
              "confidence": r["confidence"], "teams": r["teams"]} for r in rows]
    weeks = [str(w) for w in dict.fromkeys(c["week"] for c in cells)]
    return _heatmap(_checked(cells, "mean confidence by unit and week"), "unit", list(units), weeks, width,
                    "confidence", "mean confidence:Q")


def unit_confidence_multiples(rows: Sequence[dict[str, Any]], units: Sequence[str], *, columns: int = 4) -> Spec:
    """Small multiples, one per unit: the mean confidence of its teams week by week, with its range."""
    x = {"field": "date", "type": "temporal", "title": None, "axis": {"format": "%b %d", "labelAngle": 0,
                                                                        "tickCount": 4}}
    y = {"field": "confidence", "type": "quantitative", "scale": {"domain": [1, 10]}, "title": "confidence",
         "axis": {"values": [1, 4, 7, 10]}}
    return _top({
        "data": {"values": _checked(list(rows), "confidence by unit and week")},
        "facet": {"field": "unit", "type": "nominal", "sort": list(units), "title": None},
        "columns": columns,
        "spec": {"width": 150, "height": 90, "layer": [
            {"mark": {"type": "area", "color": "#90caf9", "opacity": 0.45},
             "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "scale": {"domain": [1, 10]},
                                        "title": "confidence"}, "y2": {"field": "high"}}},
            {"mark": {"type": "line", "color": "#1565c0", "strokeWidth": 2}, "encoding": {"x": x, "y": y}},
        ]},
    })


def unit_status_chart(rows: Sequence[dict[str, Any]], units: Sequence[str], *, width: int = 420) -> Spec:
    """Objectives of each unit's teams by status, stacked: rows are {"unit", "status" (label), "count"}."""
    return _top({
        "width": width, "height": max(60, 24 * len(units)), "data": {"values": _checked(list(rows), "unit status")},
        "mark": {"type": "bar", "height": 16},
        "encoding": {
            "y": {"field": "unit", "type": "nominal", "sort": list(units), "title": None, "axis": {"labelLimit": 220}},
            "x": {"field": "count", "type": "quantitative", "stack": "normalize", "title": "share of objectives",
                  "axis": {"format": "%"}},
            "color": {"field": "status", "type": "nominal", "scale": _status_scale(), "title": "status"},
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [{"field": "unit", "type": "nominal"}, {"field": "status", "type": "nominal"},
                        {"field": "count", "type": "quantitative", "title": "objectives"}],
        },
    })


def unit_progress_multiples(objectives_by_unit: dict[str, Sequence[ObjectiveStatus]], expected: float, *,
                            columns: int = 4) -> Spec:
    """Small multiples, one per unit: how many of its objectives stand at each tenth of progress."""
    rows = []
    for unit, objectives in objectives_by_unit.items():
        for b in range(10):  # a stack per tenth: on track at the bottom, off track on top
            inside = [o for o in objectives if min(9, int(o.progress * 10)) == b]
            low = 0
            for s in Status:
                n = sum(o.status is s for o in inside)
                if n:
                    rows.append({"unit": unit, "bin": b / 10, "bin_end": (b + 1) / 10, "status": s.label,
                                 "low": low, "high": low + n, "count": n})
                    low += n
    x = {"field": "bin", "type": "quantitative", "scale": {"domain": [0, 1]}, "title": "progress",
         "axis": {"format": "%", "tickCount": 5}}
    return _top({
        "facet": {"field": "unit", "type": "nominal", "sort": list(objectives_by_unit), "title": None},
        "columns": columns, "data": {"values": _checked(rows, "progress by unit")},
        "spec": {"width": 150, "height": 80, "layer": [
            {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 0.5},
             "encoding": {"x": x, "x2": {"field": "bin_end"},
                          "y": {"field": "low", "type": "quantitative", "title": "objectives"}, "y2": {"field": "high"},
                          "color": {"field": "status", "type": "nominal", "scale": _status_scale(), "title": "status"},
                          "tooltip": [{"field": "unit", "type": "nominal"}, {"field": "status", "type": "nominal"},
                                      {"field": "count", "type": "quantitative", "title": "objectives"}]}},
            {"mark": {"type": "rule", "strokeDash": [4, 3], "color": PALETTE["pace"]},
             "encoding": {"x": {"datum": expected, "type": "quantitative"}}},
        ]},
    })


def kr_trend_chart(engagement: Engagement, checkins: Iterable[CheckIn], team: str, *,
                   width: int = 420, height: int = 200) -> Spec:
    """Progress of each of a team's KRs at every check-in, against the expected pace."""
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
    x = {"field": "date", "type": "temporal", "title": None, "axis": _checkin_axis(cycle.checkin_dates()),
         "scale": {"domain": [cycle.start.isoformat(), cycle.end.isoformat()]}}
    encoding = {"x": x, "y": {"field": "progress", "type": "quantitative", "scale": {"domain": [0, 1]},
                              "axis": {"format": "%"}, "title": "progress"},
                "color": {"field": "kr", "type": "nominal", "title": None, "sort": list(krs)},
                "tooltip": [{"field": "kr", "type": "nominal"}, {"field": "date", "type": "temporal"},
                            {"field": "progress", "type": "quantitative", "format": ".0%"}]}
    data = {"values": _checked(rows, f"{team}'s key results week by week")}
    return _top({"width": width, "height": height, "layer": [
        {"data": {"values": pace}, "mark": {"type": "line", "strokeDash": [5, 4], "color": PALETTE["pace"]},
         "encoding": {"x": x, "y": {"field": "pace", "type": "quantitative"}}},
        {"data": data, "mark": {"type": "line", "strokeWidth": 2}, "encoding": encoding},
        {"data": data, "mark": {"type": "point", "filled": True, "size": 30}, "encoding": encoding},
    ]})


MAX_DATE_TICKS = 7


def _checkin_axis(days: Sequence[Any]) -> Spec:
    """A date axis ticked on the check-in days (every second or third one when there are many).

    Vega's own ticks fall on Sundays; the teams check in on Fridays, and a point should sit on a tick.
    """
    step = max(1, -(-len(days) // MAX_DATE_TICKS))
    values = [{"year": d.year, "month": d.month, "date": d.day} for d in list(days)[::step]]
    return {"format": "%b %d", "labelAngle": 0, **({"values": values} if values else {})}


def to_svg(chart: Spec) -> str:
    """The chart as an SVG document, rendered here with no network access at all."""
    vlc = require("vl_convert", "apps")  # lazy: a V8 engine, only for pages that draw

    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart  # an altair chart of a coach's own works too
    return vlc.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])


def chart_html(chart: Spec, *, label: str = "chart") -> str:
    """Inline SVG in a figure, for an ipywidgets.HTML or a report page."""
    from html import escape

    return f'<figure class="okrkit-chart" role="img" aria-label="{escape(label)}">{to_svg(chart)}</figure>'
