"""The monthly leadership report (seed team-okrs-in-action).

Top leaders review the business unit's strategic OKR once a month instead of tracking
every team: each strategic OKR's progress against pace, the team OKRs that contribute to
it, the confidence trend, then the risks and what the teams ask of leadership.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from okrkit import charts
from okrkit.progress import ObjectiveStatus, Status
from okrkit.reports import common, html, scale
from okrkit.reports.context import ReportContext
from okrkit.units import LARGE

__all__ = ["appendix", "asks", "header", "risks", "strategic", "summary", "trend"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "summary", "strategic", "risks", "asks")
SHOWS_PROGRESS = True


def month(ctx: ReportContext) -> tuple[dt.date, dt.date]:
    """From the first of the report's month (or the cycle's start, if later) to the report's date."""
    return max(ctx.as_of.replace(day=1), ctx.engagement.cycle.start), ctx.as_of


def header(ctx: ReportContext) -> Markup:
    start, end = month(ctx)
    scope = f" of {ctx.unit}" if ctx.unit else ""
    return common.header(ctx, "Monthly leadership report" + (f": {ctx.unit}" if ctx.unit else ""),
                         f"The strategic OKRs{scope} against pace, the "
                         + ("teams" if ctx.unit else "business units and teams" if ctx.large else "team OKRs")
                         + f" that contribute to them, confidence, risks and asks — {end:%B %Y}.",
                         f"{html.fmt_date(start)} – {html.fmt_date(end)}")


_SUMMARY = """
<section class="summary">
<h2>Summary</h2>
{% if not any_checkins %}{{ no_checkins }}{% endif %}
<p class="lead">On {{ as_of|date }} the cycle is <strong>{{ expected|pct }}</strong> through.
{% for s, n in counts %}{{ n }} objective{{ 's' if n != 1 else '' }} {{ m.badge(s) }}{{ ', ' if not loop.last else '.' }}{% endfor %}</p>
<ul class="headlines">
{% for o in strategic %}<li><strong>{{ o.id }}</strong> {{ o.title }}: {{ o.progress|pct }} against a pace of {{ expected|pct }} — {{ m.badge(o.status) }}{% if any_checkins and o.id in moved %}, {{ '%+.0f' % (100 * moved[o.id]) }} points since {{ start|date }}{% endif %}.</li>
{% endfor %}
</ul>
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def _objective_map(ctx: ReportContext) -> dict[str, ObjectiveStatus]:
    return {o.id: o for o in ctx.status.objectives()}


def _strategic(ctx: ReportContext) -> list[ObjectiveStatus]:
    """The strategic OKRs the report is about: at scale only the top level's (the units' come as contributors)."""
    objectives = _objective_map(ctx)
    found = [objectives[o.id] for o in (ctx.top_objectives() if ctx.large else ctx.strategic_objectives())]
    return found or list(objectives.values())


def _moved_since(ctx: ReportContext, day: dt.date) -> dict[str, float]:
    before = {o.id: o for o in ctx.status_on(day).objectives()}
    return {o.id: o.progress - before[o.id].progress for o in ctx.status.objectives() if o.id in before}


def summary(ctx: ReportContext) -> Markup:
    start, _ = month(ctx)
    counts = [(s, n) for s in Status if (n := sum(o.status is s for o in ctx.status.objectives()))]
    return html.render(_SUMMARY, as_of=ctx.as_of, expected=ctx.status.expected, counts=counts,
                       strategic=_strategic(ctx), moved=_moved_since(ctx, start - dt.timedelta(days=1)),
                       start=start, any_checkins=bool(ctx.checkins), no_checkins=common.no_checkins(ctx))


_STRATEGIC = """
<section class="strategic" data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}">
<h3><span class="okr-id">{{ o.id }}</span> {{ o.title }}</h3>
<p class="okr-meta">{{ team.name }}{% if o.commitment %} · {{ o.commitment.value }}{% endif %}
 · confidence {{ m.confidence(team.confidence) }}{% if team.trend.points %} ({{ team.trend.direction }}){% endif %}
 · progress <strong>{{ o.progress|pct }}</strong> against a pace of {{ expected|pct }} {{ m.badge(o.status) }}</p>
{{ krs }}
{% if many %}{{ many }}{% elif contributors %}
<table class="contributors">
<caption>{{ 'Business-unit' if contributors[0][1].level.value == 'business-unit' else 'Team' }} OKRs that contribute to {{ o.id }}</caption>
<thead><tr><th scope="col">{{ 'Business unit' if contributors[0][1].level.value == 'business-unit' else 'Team' }}</th><th scope="col">Objective</th><th scope="col" class="num">Confidence</th>
<th scope="col">Trend</th><th scope="col">Progress</th><th scope="col">Status</th></tr></thead>
<tbody>{% for c, t in contributors %}
<tr data-objective="{{ c.id }}" data-progress="{{ '%.4f' % c.progress }}"><th scope="row">{{ t.name }}</th>
<td><span class="okr-id">{{ c.id }}</span> {{ c.title }}{% if shares[c.id] %}<br><small class="muted">shares outcomes with {{ shares[c.id]|join(', ') }}</small>{% endif %}</td>
<td class="num">{{ m.confidence(t.confidence) }}</td><td>{{ t.trend.direction if t.trend.points else '—' }}</td>
<td class="progress"><span class="pct">{{ c.progress|pct }}</span> {{ m.bar(c.progress, expected, c.status) }}</td>
<td>{{ m.badge(c.status) }}</td></tr>{% endfor %}
</tbody></table>
{% else %}<p class="muted">No team OKR is aligned to {{ o.id }} yet.</p>{% endif %}
{{ chart }}
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def strategic(ctx: ReportContext) -> Markup:
    start, _ = month(ctx)
    teams = {t.name: t for t in ctx.status.teams}
    objectives = _objective_map(ctx)
    before = ctx.status_on(start - dt.timedelta(days=1)).key_results()
    shares = {obj.id: obj.shares_with for _, obj in ctx.engagement.objectives()}
    parts = [html.render(
        "<h2>Strategic OKRs</h2>{% if not found %}<div class='callout'>No company or business-unit OKR is recorded, "
        "and no team OKR is aligned to another: each team OKR is shown on its own.</div>{% endif %}"
        "{% if not any %}<p class='empty'>No OKRs are recorded for this cycle yet.</p>{% endif %}",
        found=bool(ctx.strategic_objectives()), any=bool(ctx.engagement.objectives()))]
    for o in _strategic(ctx):
        contributors = [(c, teams[c.team]) for c in (objectives[obj.id] for obj in ctx.contributors(o.id))]
        chart, many = Markup(""), Markup("")
        if len(contributors) > LARGE:
            many = _many_contributors(ctx, o, [c for c, _ in contributors])
        elif contributors and ctx.checkins and ctx.large:  # the units' OKRs: objectives only, not every KR
            bars = [o] + [c for c, _ in contributors]
            chart = common.figure(
                lambda bars=bars: charts.objective_bars(bars, ctx.status.expected),  # type: ignore[misc]
                f"{o.id} and the business-unit OKRs that contribute to it; the dashed line is the pace "
                f"({html.fmt_pct(ctx.status.expected)}).", name=f"Progress of {o.id} and its contributors")
        elif contributors and ctx.checkins:
            ids = [o.id] + [c.id for c, _ in contributors]
            chart = common.figure(
                lambda ids=ids: charts.progress_chart(_only(ctx, ids)),  # type: ignore[misc]
                f"{o.id} and its contributing {'unit' if ctx.large else 'team'} OKRs: progress of each objective "
                f"and key result; the dashed line is the pace ({html.fmt_pct(ctx.status.expected)}).",
                name=f"Progress of {o.id} and its contributors")
        krs = common.kr_table(o.key_results, f"Key results of {o.id}", ctx.status.expected,
                              changes=common.value_changes(o.key_results, before),
                              change_label=f"Moved since {html.fmt_short_date(start)}",
                              forecasts=ctx.forecasts if ctx.as_of < ctx.engagement.cycle.end else None)
        parts.append(html.render(_STRATEGIC, o=o, team=teams[o.team], krs=krs, contributors=contributors,
                                 expected=ctx.status.expected, shares=shares, chart=chart, many=many))
    if ctx.large:
        parts.append(html.render("<section><h2>Business units and their teams</h2>{{ units }}"
                                 "<h3>Furthest behind and ahead</h3>{{ extremes }}</section>",
                                 units=scale.units_overview(ctx), extremes=scale.extremes(ctx)))
    return html.safe("".join(parts))


def _many_contributors(ctx: ReportContext, o: ObjectiveStatus, contributors: list[ObjectiveStatus]) -> Markup:
    """Too many contributing OKRs for a table: how they stand, and the five furthest behind."""
    counts = [(s, n) for s in Status if (n := sum(c.status is s for c in contributors))]
    mean = sum(c.progress for c in contributors) / len(contributors)
    behind = scale.furthest(contributors, ctx.status.expected, 5)
    return html.render(
        "<p>{{ n }} team OKRs contribute to {{ o.id }}, on average {{ mean|pct }} of the way: {% for s, k in counts %}"
        "{{ k }} {{ m.badge(s) }}{{ ', ' if not loop.last else '.' }}{% endfor %}</p>{{ table }}",
        n=len(contributors), o=o, mean=mean, counts=counts,
        table=scale.extremes_table(ctx, behind, f"The {len(behind)} contributing team OKRs furthest behind the pace"))


def _only(ctx: ReportContext, ids: list[str]):  # type: ignore[no-untyped-def]
    """The status restricted to some objectives, for a chart of one strategic OKR and its contributors."""
    from dataclasses import replace

    teams = [replace(t, objectives=[o for o in t.objectives if o.id in ids]) for t in ctx.status.teams]
    return replace(ctx.status, teams=[t for t in teams if t.objectives])


def trend(ctx: ReportContext) -> Markup:
    if not any(c.confidence is not None for c in ctx.checkins):
        return Markup("")
    if ctx.large:
        return html.render("<section class='keep'><h2>Confidence trend</h2>{{ views }}</section>",
                           views=scale.confidence_views(ctx))
    rows = [(t, t.trend) for t in ctx.status.teams if t.objectives]
    fig = common.figure(lambda: charts.confidence_chart(ctx.checkins, ctx.team_names()),
                        "Goal confidence (1–10) reported by each team at its weekly check-ins.",
                        name="Confidence trend")
    return html.render("""
<section class="keep"><h2>Confidence trend</h2>{{ fig }}
<table><caption>Latest confidence and its trend over the last month of check-ins</caption>
<thead><tr><th scope="col">Team</th><th scope="col" class="num">Latest</th><th scope="col">Trend</th>
<th scope="col">Last check-in</th></tr></thead><tbody>
{% for t, tr in rows %}<tr data-team="{{ t.name }}"><th scope="row">{{ t.name }}</th><td class="num">{{ m.confidence(t.confidence) }}</td>
<td class="trend trend-{{ tr.direction }}">{{ tr.direction }}{% if tr.direction != 'steady' %} ({{ '%+.1f' % tr.slope_per_week }} a week){% endif %}</td>
<td>{{ t.last_checkin|date }}</td></tr>{% endfor %}
</tbody></table></section>""", fig=fig, rows=rows)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def risks(ctx: ReportContext) -> Markup:
    th = ctx.status.thresholds
    items = []
    for team in ctx.status.teams:
        for o in team.objectives:
            if o.status is Status.ON_TRACK:
                continue
            reasons = []
            gap = ctx.status.expected - o.progress
            if gap > th.at_risk_gap:
                reasons.append(f"{gap * 100:.0f} points behind pace")
            if team.confidence is not None and team.confidence < th.on_track_confidence:
                reasons.append(f"confidence {team.confidence}/10")
            if team.trend.direction == "falling":
                reasons.append("confidence falling")
            lagging = [kr for kr in o.key_results if kr.status is Status.OFF_TRACK]
            items.append((team, o, reasons, lagging))
    if ctx.large:
        return _risks_at_scale(ctx, items)
    return html.render(_RISKS, items=items, as_of=ctx.as_of)


_RISKS = """
<section><h2>Risks</h2>
{% if not items %}<div class="callout good">No objective is at risk or off track on {{ as_of|date }}.</div>{% else %}
<ul class="risks">{% for team, o, reasons, lagging in items %}
<li data-objective="{{ o.id }}">{{ m.badge(o.status) }} <strong>{{ o.id }}</strong> {{ o.title }} ({{ team.name }})
{%- if reasons %}: {{ reasons|join(', ') }}{% endif %}.
{% if lagging %}<br><small>Off track: {% for kr in lagging %}{{ kr.id }} {{ kr.title }} at {{ kr.progress|pct }}{{ '; ' if not loop.last else '' }}{% endfor %}.</small>{% endif %}</li>
{% endfor %}</ul>{% endif %}
</section>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)

_RISK_LIST = """<ul class="risks">{% for team, o, reasons, lagging in items %}
<li data-objective="{{ o.id }}">{{ m.badge(o.status) }} <strong>{{ o.id }}</strong> {{ o.title }} ({{ team.name }})
{%- if reasons %}: {{ reasons|join(', ') }}{% endif %}.</li>{% endfor %}</ul>"""


def _risks_at_scale(ctx: ReportContext, items: list) -> Markup:  # type: ignore[type-arg]
    """Per unit how many objectives are at risk or off track; the ten furthest behind; all with --detail teams."""
    expected = ctx.status.expected
    worst = sorted(items, key=lambda i: (i[1].progress - expected, i[1].id))[:scale.EXTREMES]
    groups = scale.by_unit(ctx, ((team.name, (team, o, r, lag)) for team, o, r, lag in items))
    counts = [(u, sum(i[1].status is Status.AT_RISK for i in g), sum(i[1].status is Status.OFF_TRACK for i in g))
              for u, g in groups]
    detail = (scale.grouped(ctx, "monthly-risks", groups, lambda g: html.render(_RISK_LIST, items=g),
                            "objectives at risk or off track")
              if ctx.team_detail else scale.omitted(ctx, "The list of every objective at risk or off track"))
    return html.render("""
<section><h2>Risks</h2>
{% if not items %}<div class="callout good">No objective is at risk or off track on {{ as_of|date }}.</div>{% else %}
<p>{{ items|length }} objectives are at risk or off track on {{ as_of|date }}.</p>
<table><caption>Objectives at risk or off track, by business unit</caption>
<thead><tr><th scope="col">Business unit</th><th scope="col" class="num">{{ m.badge(Status.AT_RISK) }}</th>
<th scope="col" class="num">{{ m.badge(Status.OFF_TRACK) }}</th></tr></thead>
<tbody>{% for u, a, o in counts %}<tr data-unit="{{ u }}"><th scope="row">{{ u }}</th><td class="num">{{ a }}</td><td class="num">{{ o }}</td></tr>{% endfor %}</tbody></table>
<h3>The {{ worst|length }} furthest behind the pace</h3>
""" + _RISK_LIST.replace("items", "worst") + """
{{ detail }}{% endif %}
</section>""", items=items, worst=worst, counts=counts, detail=detail, as_of=ctx.as_of)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def asks(ctx: ReportContext) -> Markup:
    """The issues teams raised this month: where leadership can remove what is in the way."""
    start, end = month(ctx)
    latest: dict[str, tuple[dt.date, str, str]] = {}
    for c in ctx.checkins:
        if start <= c.date <= end and c.issues:
            latest[c.team] = (c.date, c.issues, c.plan)
    rows = [(team, *latest[team]) for team in ctx.team_names() if team in latest]
    if ctx.large:
        return _asks_at_scale(ctx, rows, start, end)
    return html.render("""
<section><h2>Asks of leadership</h2>
<p>What the teams reported as in their way this month (their latest issue), with their plan. These are the places
where a leader's decision or help unblocks an OKR.</p>
{% if not rows %}<p class="empty">No team reported an issue between {{ start|date }} and {{ end|date }}.</p>{% else %}
<table><caption>Latest issue reported by each team this month</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Reported</th><th scope="col">Issue</th><th scope="col">Plan forward</th></tr></thead>
<tbody>{% for team, day, issue, plan in rows %}<tr><th scope="row">{{ team }}</th><td>{{ day|short_date }}</td>
<td>{{ issue }}</td><td>{{ plan or '—' }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</section>""", rows=rows, start=start, end=end)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


_ASK_TABLE = """<table><caption>{{ caption }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Reported</th><th scope="col">Issue</th><th scope="col">Plan forward</th></tr></thead>
<tbody>{% for team, day, issue, plan in rows %}<tr><th scope="row">{{ team }}</th><td>{{ day|short_date }}</td>
<td>{{ issue }}</td><td>{{ plan or '—' }}</td></tr>{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def _asks_at_scale(ctx: ReportContext, rows: list[tuple[str, dt.date, str, str]], start: dt.date,
                   end: dt.date) -> Markup:
    """How many teams of each unit raised an issue; the asks of the ten teams furthest behind; all with --detail."""
    gap = {t.name: min((o.progress for o in t.objectives), default=1.0) for t in ctx.status.teams}
    first = sorted(rows, key=lambda r: (gap.get(r[0], 1.0), r[0]))[:scale.EXTREMES]
    groups = scale.by_unit(ctx, ((r[0], r) for r in rows))
    detail = (scale.grouped(ctx, "monthly-asks", groups, lambda g: html.render(_ASK_TABLE, rows=g,
                            caption="Latest issue of each team this month"), "teams that raised an issue")
              if ctx.team_detail else scale.omitted(ctx, "The latest issue"))
    return html.render("""
<section><h2>Asks of leadership</h2>
<p>What the teams reported as in their way this month (their latest issue), with their plan: where a leader's decision
or help unblocks an OKR.</p>
{% if not rows %}<p class="empty">No team reported an issue between {{ start|date }} and {{ end|date }}.</p>{% else %}
<p>{{ total }} teams raised an issue this month: {% for u, g in groups %}{{ u }} {{ g|length }}
{{- ', ' if not loop.last else '.' }}{% endfor %}</p>
""" + _ASK_TABLE + """{{ detail }}{% endif %}</section>""", rows=first, total=len(rows), groups=groups, start=start,
                       end=end, detail=detail,
                       caption=f"The asks of the {len(first)} teams furthest behind that raised an issue this month")


_TEAMS = """<table class="teams"><caption>Objectives of each team: confidence, progress against pace, status</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Objective</th><th scope="col" class="num">Confidence</th>
<th scope="col">Progress</th><th scope="col">Status</th></tr></thead><tbody>
{% for t in teams %}{% for o in t.objectives %}<tr data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}">
{% if loop.first %}<th scope="row" rowspan="{{ t.objectives|length }}">{{ t.name }}</th>{% endif %}
<td><span class="okr-id">{{ o.id }}</span> {{ o.title }}</td>
{% if loop.first %}<td class="num" rowspan="{{ t.objectives|length }}">{{ m.confidence(t.confidence) }}</td>{% endif %}
<td class="progress"><span class="pct">{{ o.progress|pct }}</span> {{ m.bar(o.progress, expected, o.status) }}</td>
<td>{{ m.badge(o.status) }}</td></tr>{% endfor %}{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def appendix(ctx: ReportContext) -> Markup:
    """Every team's objectives, grouped by unit (a large engagement's --detail teams); a note without it."""
    if not ctx.large:
        return Markup("")
    if not ctx.team_detail:
        return html.render("<section><h2>Appendix: team detail</h2>{{ note }}</section>",
                           note=scale.omitted(ctx, "Team-by-team detail"))
    teams = [t for t in ctx.status.teams if t.level.value == "team" and t.objectives]
    groups = scale.by_unit(ctx, ((t.name, t) for t in teams))
    body = scale.grouped(ctx, "monthly-teams", groups,
                         lambda g: html.render(_TEAMS, teams=g, expected=ctx.status.expected), "teams")
    return html.render("<section class='appendix'><h2>Appendix: team detail</h2>{{ body }}</section>", body=body)
