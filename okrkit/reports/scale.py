"""Sections for a large organisation: units instead of teams, extremes, a table of contents.

Above `okrkit.units.LARGE` teams a report cannot show every team in one chart or one list:
these pieces show each business unit's standing, the ten objectives furthest behind and
ahead of pace, small multiples per unit and a heatmap of units by week, and group the long
sections by unit behind a table of contents. Every chart's data is aggregated here first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from markupsafe import Markup

from okrkit import charts
from okrkit.progress import ObjectiveStatus, Status
from okrkit.reports import common, html
from okrkit.reports.context import ReportContext
from okrkit.units import NO_UNIT, UnitSummary, confidence_by_unit_week, furthest, unit_summaries

__all__ = ["anchor", "by_unit", "confidence_views", "extremes", "grouped", "summaries", "unit_order", "units_overview"]

T = TypeVar("T")
EXTREMES = 10


def anchor(prefix: str, name: str) -> str:
    """A stable id for a unit's part of a section (`monthly-risks-digital-services`)."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unit")


def unit_order(ctx: ReportContext) -> list[str]:
    return [*ctx.unit_names, NO_UNIT]


def by_unit(ctx: ReportContext, items: Iterable[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """Items keyed by team name, grouped by the team's unit in the engagement's order of units."""
    groups: dict[str, list[T]] = {}
    for team, item in items:
        groups.setdefault(ctx.units.get(team) or NO_UNIT, []).append(item)
    return [(u, groups[u]) for u in unit_order(ctx) if u in groups]


def grouped(ctx: ReportContext, prefix: str, groups: list[tuple[str, list[T]]], render: Callable[[list[T]], Markup],
            what: str) -> Markup:
    """A table of contents, then one part per unit (`render` makes a unit's body)."""
    parts = [html.render(
        '<nav class="toc" aria-label="{{ what }} by business unit"><p><strong>By business unit</strong> '
        "({{ total }} {{ what }})</p><ol>{% for u, items in groups %}"
        '<li><a href="#{{ anchor(prefix, u) }}">{{ u }}</a> <span class="muted">({{ items|length }})</span></li>'
        "{% endfor %}</ol></nav>",
        groups=groups, prefix=prefix, anchor=anchor, what=what, total=sum(len(i) for _, i in groups))]
    for unit, items in groups:
        parts.append(html.render('<section class="unit" id="{{ id }}"><h3>{{ unit }}</h3>{{ body }}</section>',
                                 id=anchor(prefix, unit), unit=unit, body=render(items)))
    return html.safe("".join(parts))


def summaries(ctx: ReportContext) -> list[UnitSummary]:
    return unit_summaries(ctx.status, ctx.units)


_UNITS = """
<table class="units">
<caption>{{ caption }}</caption>
<thead><tr><th scope="col">Business unit</th><th scope="col" class="num">Teams</th>
<th scope="col" class="num">{{ m.badge(Status.ON_TRACK) }}</th><th scope="col" class="num">{{ m.badge(Status.AT_RISK) }}</th>
<th scope="col" class="num">{{ m.badge(Status.OFF_TRACK) }}</th><th scope="col">Average progress</th>
<th scope="col" class="num">Confidence</th><th scope="col" class="num">Falling</th><th scope="col" class="num">Silent 2 weeks</th></tr></thead>
<tbody>{% for u in units %}<tr data-unit="{{ u.name }}" data-progress="{{ '%.4f' % u.mean_progress }}"><th scope="row">{{ u.name }}</th>
<td class="num">{{ u.teams|length }}</td>{% for s in Status %}<td class="num">{{ u.counts[s] }}</td>{% endfor %}
<td class="progress"><span class="pct">{{ u.mean_progress|pct }}</span> {{ m.bar(u.mean_progress, expected) }}</td>
<td class="num">{{ '%.1f' % u.mean_confidence if u.mean_confidence is not none else '—' }}</td>
<td class="num">{{ u.falling or '—' }}</td><td class="num">{{ u.silent or '—' }}</td></tr>{% endfor %}
</tbody></table>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def units_overview(ctx: ReportContext, *, chart: bool = True) -> Markup:
    """Each unit's team objectives by status, average progress and confidence; a chart of the shares."""
    units = summaries(ctx)
    table = html.render(_UNITS, units=units, expected=ctx.status.expected,
                        caption="Team objectives of each business unit by status, average progress against the pace "
                                f"({html.fmt_pct(ctx.status.expected)}), latest confidence (average of its teams)")
    if not chart or not ctx.checkins:
        return table
    rows = [{"unit": u.name, "status": s.label, "count": u.counts[s], "order": i}
            for u in units for i, s in enumerate(Status) if u.counts[s]]
    fig = common.figure(lambda: charts.unit_status_chart(rows, [u.name for u in units]),
                        "Share of each business unit's team objectives on track, at risk and off track.",
                        name="Objectives by status per business unit")
    multiples = common.figure(
        lambda: charts.unit_progress_multiples({u.name: u.objectives for u in units}, ctx.status.expected),
        "How many of each unit's team objectives stand at each tenth of progress; the dashed line is the pace.",
        name="Progress per business unit")
    return html.safe(table + fig + multiples)


_EXTREMES = """
<table class="extremes">
<caption>{{ caption }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Objective</th><th scope="col" class="num">Against pace</th>
<th scope="col">Progress</th><th scope="col">Status</th></tr></thead>
<tbody>{% for o in objectives %}<tr data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}">
<th scope="row">{{ o.team }}{% if units.get(o.team) %}<br><small class="muted">{{ units[o.team] }}</small>{% endif %}</th>
<td><span class="okr-id">{{ o.id }}</span> {{ o.title }}</td><td class="num">{{ '%+.0f' % (100 * (o.progress - expected)) }} pts</td>
<td class="progress"><span class="pct">{{ o.progress|pct }}</span> {{ m.bar(o.progress, expected, o.status) }}</td>
<td>{{ m.badge(o.status) }}</td></tr>{% endfor %}</tbody></table>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def extremes_table(ctx: ReportContext, objectives: list[ObjectiveStatus], caption: str) -> Markup:
    return html.render(_EXTREMES, objectives=objectives, caption=caption, expected=ctx.status.expected,
                       units=ctx.units)


def extremes(ctx: ReportContext, objectives: list[ObjectiveStatus] | None = None, *, chart: bool = True) -> Markup:
    """The ten team objectives furthest behind the pace and the ten furthest ahead, as tables and one chart."""
    pool = objectives if objectives is not None else [
        o for t in ctx.status.teams if t.level.value == "team" for o in t.objectives]
    behind = furthest(pool, ctx.status.expected, EXTREMES)
    ahead = furthest(pool, ctx.status.expected, EXTREMES, ahead=True)
    parts = [extremes_table(ctx, behind, f"The {len(behind)} team objectives furthest behind the pace"),
             extremes_table(ctx, ahead, f"The {len(ahead)} team objectives furthest ahead of the pace")]
    if chart and ctx.checkins:
        parts.append(common.figure(
            lambda: charts.objective_bars(behind + ahead, ctx.status.expected, label=lambda o: f"{o.team} · {o.id}"),
            f"The {len(behind)} team objectives furthest behind the pace (top) and the {len(ahead)} furthest ahead "
            f"(bottom); the dashed line is the pace ({html.fmt_pct(ctx.status.expected)}).",
            name="Furthest behind and ahead"))
    return html.safe("".join(parts))


def confidence_views(ctx: ReportContext) -> Markup:
    """The heatmap of units by week and small multiples of each unit's confidence: no line per team."""
    teams = {t.name for t in ctx.status.teams if t.level.value == "team"}
    rows = confidence_by_unit_week(ctx.checkins, ctx.units, teams)
    order = [u for u in unit_order(ctx) if any(r["unit"] == u for r in rows)]
    heat = common.figure(lambda: charts.unit_confidence_heatmap(rows, order),
                         "Average goal confidence (1–10) of each business unit's teams at every check-in: green is "
                         "confident, red is worried.", name="Confidence by business unit and week")
    multiples = common.figure(lambda: charts.unit_confidence_multiples(rows, order),
                              "Each business unit's average confidence week by week (line) and the range from its "
                              "least to its most confident team (band).", name="Confidence per business unit")
    return html.safe(heat + multiples)


def omitted(ctx: ReportContext, what: str) -> Markup:
    """The note that says where the team-by-team detail went."""
    return html.render(
        '<p class="muted detail-note">{{ what }} for each of the {{ n }} teams is left out of this report, which shows '
        'business units and extremes. <code>okrkit report DIR --kind {{ kind }} --detail teams</code> adds it, grouped '
        "by business unit{% if not unit %}, and <code>--unit \"NAME\"</code> scopes the report to one unit{% endif %}."
        "</p>", what=what, n=team_count(ctx), kind=ctx.kind, unit=ctx.unit)


def team_names(ctx: ReportContext) -> set[str]:
    """The teams proper (level team, with objectives): not the company, not the units."""
    return {t.name for t in ctx.status.teams if t.level.value == "team" and t.objectives}


def team_count(ctx: ReportContext) -> int:
    return len(team_names(ctx))

