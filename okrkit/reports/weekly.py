"""The weekly check-in digest: each team's GRIP this week against the week before.

The week is the seven days ending on the report's date. A team's "this week" is its latest
check-in in those days; "last week" is its latest check-in before them. Values, progress
and status are those of `okrkit status` on the report's date and on the day before the week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from okrkit import charts
from okrkit.model import CheckIn
from okrkit.progress import TeamStatus
from okrkit.reports import common, html, scale
from okrkit.reports.context import ReportContext

__all__ = ["header", "summary", "teams", "week"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "summary", "teams")
SHOWS_PROGRESS = True


def week(ctx: ReportContext) -> tuple[dt.date, dt.date]:
    return ctx.as_of - dt.timedelta(days=6), ctx.as_of


@dataclass(frozen=True)
class TeamWeek:
    status: TeamStatus
    this: CheckIn | None
    last: CheckIn | None

    @property
    def confidence_change(self) -> int | None:
        if self.this is None or self.last is None or self.this.confidence is None or self.last.confidence is None:
            return None
        return self.this.confidence - self.last.confidence

    @property
    def new_issue(self) -> bool:
        return bool(self.this and self.this.issues and (self.last is None or self.this.issues != self.last.issues))


def team_weeks(ctx: ReportContext) -> list[TeamWeek]:
    start, end = week(ctx)
    by_team: dict[str, list[CheckIn]] = {}  # grouped once, not scanned per team
    for c in ctx.checkins:
        by_team.setdefault(c.team, []).append(c)
    out = []
    for team in ctx.status.teams:
        if not team.objectives:
            continue
        own = by_team.get(team.name, [])
        this = [c for c in own if start <= c.date <= end]
        before = [c for c in own if c.date < start]
        out.append(TeamWeek(team, this[-1] if this else None, before[-1] if before else None))
    return out


def header(ctx: ReportContext) -> Markup:
    start, end = week(ctx)
    return common.header(ctx, "Weekly check-in digest", "Each team's GRIP check-in this week: Goal confidence, "
                         "Results progress, Issues and Plan forward, against the week before.",
                         f"{html.fmt_date(start)} – {html.fmt_date(end)}")


_SUMMARY = """
<section class="summary">
<h2>This week at a glance</h2>
{% if not any_checkins %}{{ no_checkins }}{% else %}
<p class="lead">{{ checked|length }} of {{ weeks|length }} teams checked in this week.
The cycle is {{ expected|pct }} through: a key result on pace would be {{ expected|pct }} of the way to its target.</p>
{% if missing %}<div class="callout warn"><strong>Not checked in this week:</strong>
{% for t in missing %}{{ t.status.name }}{% if t.last %} (last check-in {{ t.last.date|date }}){% else %} (no check-in yet){% endif %}{{ ', ' if not loop.last else '' }}{% endfor %}.</div>
{% else %}<div class="callout good">Every team checked in this week.</div>{% endif %}
{% endif %}
<table class="overview">
<caption>Teams this week: confidence against last week, progress of each objective against pace</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Check-in</th><th scope="col" class="num">Confidence last week</th>
<th scope="col" class="num">This week</th><th scope="col" class="num">Change</th><th scope="col">Objective</th>
<th scope="col">Progress</th><th scope="col">Status</th></tr></thead>
<tbody>
{% for t in weeks %}{% for o in t.status.objectives %}
<tr data-team="{{ t.status.name }}" data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}">
{% if loop.first %}<th scope="row" rowspan="{{ t.status.objectives|length }}">{{ t.status.name }}</th>
<td rowspan="{{ t.status.objectives|length }}">{% if t.this %}{{ t.this.date|short_date }}{% if t.this.author %} · {{ t.this.author }}{% endif %}{% else %}<span class="status status-off-track">missing</span>{% endif %}</td>
<td class="num" rowspan="{{ t.status.objectives|length }}">{{ m.confidence(t.last.confidence if t.last else none) }}</td>
<td class="num" rowspan="{{ t.status.objectives|length }}">{{ m.confidence(t.this.confidence if t.this else none) }}</td>
<td class="num" rowspan="{{ t.status.objectives|length }}">{{ m.delta(t.confidence_change) }}</td>{% endif %}
<td><span class="okr-id">{{ o.id }}</span> {{ o.title }}</td>
<td class="progress"><span class="pct">{{ o.progress|pct }}</span> {{ m.bar(o.progress, expected, o.status) }}</td>
<td>{{ m.badge(o.status) }}</td></tr>
{% endfor %}{% endfor %}
</tbody></table>
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


_UNIT_WEEK = """
<section class="summary">
<h2>This week at a glance</h2>
{% if not any_checkins %}{{ no_checkins }}{% else %}
<p class="lead">{{ checked }} of {{ total }} teams checked in this week.
The cycle is {{ expected|pct }} through: a key result on pace would be {{ expected|pct }} of the way to its target.</p>
{% if missing %}<div class="callout warn"><strong>Not checked in this week ({{ missing_count }} teams):</strong>
<ul class="missing">{% for u, teams in missing %}<li><strong>{{ u }}</strong> ({{ teams|length }}): {% for t in teams %}{{ t.status.name }}{{ ', ' if not loop.last else '' }}{% endfor %}</li>{% endfor %}</ul></div>
{% else %}<div class="callout good">Every team checked in this week.</div>{% endif %}
{% endif %}
<table class="units">
<caption>Business units this week: check-ins, average confidence against last week, team objectives by status</caption>
<thead><tr><th scope="col">Business unit</th><th scope="col" class="num">Checked in</th><th scope="col" class="num">Confidence last week</th>
<th scope="col" class="num">This week</th><th scope="col" class="num">{{ m.badge(Status.ON_TRACK) }}</th><th scope="col" class="num">{{ m.badge(Status.AT_RISK) }}</th>
<th scope="col" class="num">{{ m.badge(Status.OFF_TRACK) }}</th></tr></thead>
<tbody>{% for u, teams, last, this, counts in units %}<tr data-unit="{{ u }}"><th scope="row">{{ u }}</th>
<td class="num">{{ teams|selectattr('this')|list|length }} of {{ teams|length }}</td>
<td class="num">{{ '%.1f' % last if last is not none else '—' }}</td><td class="num">{{ '%.1f' % this if this is not none else '—' }}</td>
{% for s in Status %}<td class="num">{{ counts[s] }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def _mean_confidence(checkins: list[CheckIn | None]) -> float | None:
    values = [c.confidence for c in checkins if c is not None and c.confidence is not None]
    return sum(values) / len(values) if values else None


def _summary_at_scale(ctx: ReportContext, weeks: list[TeamWeek]) -> Markup:
    from okrkit.progress import Status

    own = [t for t in weeks if t.status.level.value == "team"]
    groups = scale.by_unit(ctx, ((t.status.name, t) for t in own))
    units = [(u, g, _mean_confidence([t.last for t in g]), _mean_confidence([t.this for t in g]),
              {s: sum(o.status is s for t in g for o in t.status.objectives) for s in Status}) for u, g in groups]
    missing = [(u, [t for t in g if not t.this]) for u, g in groups if any(not t.this for t in g)]
    return html.render(_UNIT_WEEK, units=units, missing=missing, missing_count=sum(len(g) for _, g in missing),
                       checked=sum(bool(t.this) for t in own), total=len(own), expected=ctx.status.expected,
                       any_checkins=bool(ctx.checkins), no_checkins=common.no_checkins(ctx))


def summary(ctx: ReportContext) -> Markup:
    weeks = team_weeks(ctx)
    if ctx.large:
        return _summary_at_scale(ctx, weeks)
    return html.render(_SUMMARY, weeks=weeks, checked=[t for t in weeks if t.this],
                       missing=[t for t in weeks if not t.this], expected=ctx.status.expected,
                       any_checkins=bool(ctx.checkins), no_checkins=common.no_checkins(ctx))


def confidence(ctx: ReportContext) -> Markup:
    teams = ctx.team_names()
    if not any(c.confidence is not None for c in ctx.checkins):
        return Markup("")
    if ctx.large:
        return html.render("<section class='keep'><h2>Confidence week by week</h2>{{ views }}</section>",
                           views=scale.confidence_views(ctx))
    return html.render("<section class='keep'><h2>Confidence week by week</h2>{{ fig }}</section>", fig=common.figure(
        lambda: charts.confidence_heatmap(ctx.checkins, teams),
        "Goal confidence (1–10) of each team at every check-in of the cycle so far: green is confident, "
                "red is worried.", name="Confidence week by week"))


_TEAM = """
<section class="team" data-team="{{ t.status.name }}">
<h3>{{ t.status.name }}</h3>
{% if not t.this %}
<div class="callout warn">No check-in this week{% if t.last %}; the last one was on {{ t.last.date|date }}{% endif %}.
The values below are the latest known.</div>
{% endif %}
<dl class="grip">
<div><dt>Goal confidence</dt><dd>{{ m.confidence(t.this.confidence if t.this else none) }}
{% if t.last %}<span class="muted"> (last week {{ t.last.confidence if t.last.confidence is not none else '—' }}/10)</span>{% endif %}
&nbsp;{{ m.delta(t.confidence_change) }}</dd></div>
<div><dt>Issues</dt><dd>{% if t.this and t.this.issues %}{% if t.new_issue %}<span class="tag">new</span> {% else %}<span class="tag muted">still open</span> {% endif %}{{ t.this.issues }}{% else %}<span class="muted">none reported</span>{% endif %}</dd></div>
<div><dt>Plan forward</dt><dd>{% if t.this and t.this.plan %}{{ t.this.plan }}{% else %}<span class="muted">no plan recorded</span>{% endif %}</dd></div>
</dl>
{% for o in t.status.objectives %}
{{ tables[o.id] }}
{% endfor %}
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


_TEAM_ROWS = """<table class="team-weeks"><caption>Each team's GRIP this week</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Check-in</th><th scope="col" class="num">Confidence</th>
<th scope="col" class="num">Change</th><th scope="col">Objectives against pace</th><th scope="col">Issue · plan forward</th></tr></thead>
<tbody>{% for t in weeks %}<tr data-team="{{ t.status.name }}"><th scope="row">{{ t.status.name }}</th>
<td>{% if t.this %}{{ t.this.date|short_date }}{% else %}<span class="status status-off-track">missing</span>{% endif %}</td>
<td class="num">{{ m.confidence(t.this.confidence if t.this else none) }}</td><td class="num">{{ m.delta(t.confidence_change) }}</td>
<td class="progress">{% for o in t.status.objectives %}<span class="okr-id">{{ o.id }}</span> {{ m.bar(o.progress, expected, o.status) }} {{ o.progress|pct }}<br>{% endfor %}</td>
<td>{% if t.this and t.this.issues %}{% if t.new_issue %}<span class="tag">new</span> {% endif %}{{ t.this.issues }}{% else %}<span class="muted">no issue</span>{% endif %}
{% if t.this and t.this.plan %}<br><small>{{ t.this.plan }}</small>{% endif %}</td></tr>{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def teams(ctx: ReportContext) -> Markup:
    before = ctx.status_on(week(ctx)[0] - dt.timedelta(days=1)).key_results()

    def full(weeks: list[TeamWeek]) -> Markup:
        parts = []
        for t in weeks:
            tables = {
                o.id: common.kr_table(
                    o.key_results, f"{o.id} {o.title}: key results this week", ctx.status.expected,
                    changes=common.value_changes(o.key_results, before), change_label="Moved this week",
                    forecasts=ctx.forecasts if ctx.as_of < ctx.engagement.cycle.end else None)
                for o in t.status.objectives
            }
            parts.append(html.render(_TEAM, t=t, tables=tables))
        return html.safe("".join(parts))

    if not ctx.large:
        return html.safe("<h2>Team by team</h2>" + full(team_weeks(ctx)))
    own = [t for t in team_weeks(ctx) if t.status.level.value == "team"]
    groups = scale.by_unit(ctx, ((t.status.name, t) for t in own))
    compact = (lambda g: html.render(_TEAM_ROWS, weeks=g, expected=ctx.status.expected))  # noqa: E731
    body = scale.grouped(ctx, "weekly-teams", groups, full if ctx.detail == "teams" else compact, "teams")
    note = Markup("") if ctx.detail == "teams" else scale.omitted(ctx, "The key-result tables")
    return html.render("<h2>Team by team</h2>{{ note }}{{ body }}", note=note, body=body)
