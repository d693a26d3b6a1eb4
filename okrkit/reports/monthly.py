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
from okrkit.reports import common, html
from okrkit.reports.context import ReportContext

__all__ = ["asks", "header", "risks", "strategic", "summary", "trend"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "summary", "strategic", "risks", "asks")
SHOWS_PROGRESS = True


def month(ctx: ReportContext) -> tuple[dt.date, dt.date]:
    """From the first of the report's month (or the cycle's start, if later) to the report's date."""
    return max(ctx.as_of.replace(day=1), ctx.engagement.cycle.start), ctx.as_of


def header(ctx: ReportContext) -> Markup:
    start, end = month(ctx)
    return common.header(ctx, "Monthly leadership report", "The strategic OKRs against pace, the team OKRs that "
                         f"contribute to them, confidence, risks and asks — {end:%B %Y}.",
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
    objectives = _objective_map(ctx)
    found = [objectives[o.id] for o in ctx.strategic_objectives()]
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
{% if contributors %}
<table class="contributors">
<caption>Team OKRs that contribute to {{ o.id }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Objective</th><th scope="col" class="num">Confidence</th>
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
        chart = Markup("")
        if contributors and ctx.checkins:
            chart = common.figure(
                charts.progress_chart(_only(ctx, [o.id] + [c.id for c, _ in contributors])),
                f"{o.id} and its contributing team OKRs: progress of each objective and key result; "
                        f"the dashed line is the pace ({html.fmt_pct(ctx.status.expected)}).")
        krs = common.kr_table(o.key_results, f"Key results of {o.id}", ctx.status.expected,
                              changes=common.value_changes(o.key_results, before),
                              change_label=f"Moved since {html.fmt_short_date(start)}")
        parts.append(html.render(_STRATEGIC, o=o, team=teams[o.team], krs=krs, contributors=contributors,
                                 expected=ctx.status.expected, shares=shares, chart=chart))
    return html.safe("".join(parts))


def _only(ctx: ReportContext, ids: list[str]):  # type: ignore[no-untyped-def]
    """The status restricted to some objectives, for a chart of one strategic OKR and its contributors."""
    from dataclasses import replace

    teams = [replace(t, objectives=[o for o in t.objectives if o.id in ids]) for t in ctx.status.teams]
    return replace(ctx.status, teams=[t for t in teams if t.objectives])


def trend(ctx: ReportContext) -> Markup:
    if not any(c.confidence is not None for c in ctx.checkins):
        return Markup("")
    rows = [(t, t.trend) for t in ctx.status.teams if t.objectives]
    fig = common.figure(charts.confidence_chart(ctx.checkins, ctx.team_names()),
                        "Goal confidence (1–10) reported by each team at its weekly check-ins.")
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
    return html.render("""
<section><h2>Risks</h2>
{% if not items %}<div class="callout good">No objective is at risk or off track on {{ as_of|date }}.</div>{% else %}
<ul class="risks">{% for team, o, reasons, lagging in items %}
<li data-objective="{{ o.id }}">{{ m.badge(o.status) }} <strong>{{ o.id }}</strong> {{ o.title }} ({{ team.name }})
{%- if reasons %}: {{ reasons|join(', ') }}{% endif %}.
{% if lagging %}<br><small>Off track: {% for kr in lagging %}{{ kr.id }} {{ kr.title }} at {{ kr.progress|pct }}{{ '; ' if not loop.last else '' }}{% endfor %}.</small>{% endif %}</li>
{% endfor %}</ul>{% endif %}
</section>""", items=items, as_of=ctx.as_of)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def asks(ctx: ReportContext) -> Markup:
    """The issues teams raised this month: where leadership can remove what is in the way."""
    start, end = month(ctx)
    latest: dict[str, tuple[dt.date, str, str]] = {}
    for c in ctx.checkins:
        if start <= c.date <= end and c.issues:
            latest[c.team] = (c.date, c.issues, c.plan)
    rows = [(team, *latest[team]) for team in ctx.team_names() if team in latest]
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
