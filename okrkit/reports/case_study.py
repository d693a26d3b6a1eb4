"""The engagement case study, in the shape of seed case-study-architects-partisans.

An introduction, the challenges the client faced, the approach the coach took and the
results: the outcomes recorded by the coach, and the measured movement of every key
result from its baseline to its latest value.
"""

from __future__ import annotations

from markupsafe import Markup

from okrkit import charts
from okrkit.progress import KRStatus
from okrkit.reports import common, html
from okrkit.reports.context import ReportContext

__all__ = ["header", "intro", "narrative", "results"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "intro", "narrative", "results")
SHOWS_PROGRESS = True


def header(ctx: ReportContext) -> Markup:
    c = ctx.engagement.cycle
    return common.header(ctx, f"Case study: {ctx.engagement.client}", "Challenges, approach and results of the OKR "
                         "engagement.", f"{c.name}, {html.fmt_date(c.start)} – {html.fmt_date(min(c.end, ctx.as_of))}")


def _facts(ctx: ReportContext) -> dict[str, int]:
    e = ctx.engagement
    return {
        "teams": len(ctx.team_names()),
        "objectives": len(e.objectives()),
        "key results": len(e.key_results()),
        "check-ins": len(ctx.checkins),
        "retrospectives": len(ctx.retros),
    }


def intro(ctx: ReportContext) -> Markup:
    e = ctx.engagement
    return html.render("""
<section class="summary">
<p class="lead">{{ coach or 'The coach' }} worked with <strong>{{ e.client }}</strong> in the {{ e.phase.value }} phase of
its OKR programme{% if e.vision %}, toward the vision “{{ e.vision.rstrip('.') }}”{% endif %}.
{% if e.priorities %}The company's priorities: {{ e.priorities|join('; ') }}.{% endif %}</p>
<dl class="facts">{% for label, n in facts.items() %}<div><dt>{{ label }}</dt><dd>{{ n }}</dd></div>{% endfor %}</dl>
</section>""", e=e, coach=e.coach, facts=_facts(ctx))  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def narrative(ctx: ReportContext) -> Markup:
    e = ctx.engagement
    return html.render("""
<section><h2>Challenges</h2>
{% if e.challenges %}<ul>{% for c in e.challenges %}<li>{{ c }}</li>{% endfor %}</ul>
{% else %}<p class="empty">The challenges of this engagement are not recorded yet.</p>{% endif %}
</section>
<section><h2>Approach</h2>
{% if e.approach %}<ul>{% for a in e.approach %}<li>{{ a }}</li>{% endfor %}</ul>
{% else %}<p class="empty">The coaching approach is not recorded yet.</p>{% endif %}
</section>""", e=e)


def _movements(ctx: ReportContext) -> list[tuple[str, KRStatus, float | None]]:
    out = []
    for o in ctx.status.objectives():
        for kr in o.key_results:
            moved = None if kr.current is None or kr.baseline is None else kr.current - kr.baseline
            out.append((o.team, kr, moved))
    return out


def results(ctx: ReportContext) -> Markup:
    e = ctx.engagement
    rows = _movements(ctx)
    moved = [r for r in rows if r[2] is not None]
    teams = [t for t in ctx.status.teams if t.trend.points]
    chart = Markup("")
    if ctx.checkins:
        chart = common.figure(charts.progress_chart(ctx.status),
                              "Where every objective and key result stands; the dashed line is the pace.")
    trends = [
        common.figure(charts.kr_trend_chart(e, ctx.checkins, t.name),
                      f"{t.name}: progress of each key result at every check-in; the dashed line is the pace.")
        for t in ctx.status.teams if t.objectives and t.last_checkin is not None
    ]
    return html.render("""
<section><h2>Results</h2>
{% if e.outcomes %}<ul class="outcomes">{% for o in e.outcomes %}<li>{{ o }}</li>{% endfor %}</ul>{% endif %}
<h3>Measured movement of the key results</h3>
{% if not any_checkins %}{{ no_checkins }}{% elif not moved %}<p class="empty">No key result has a measured value yet:
the check-ins so far recorded confidence only.</p>{% else %}
<p>{{ moved|length }} key results measured; on {{ as_of|date }} they had moved on average
<strong>{{ mean|pct }}</strong> of the way from baseline to target.</p>{% endif %}
<table class="movement"><caption>From baseline to the latest measured value, by key result</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Key result</th><th scope="col" class="num">Baseline</th>
<th scope="col" class="num">Latest</th><th scope="col" class="num">Movement</th><th scope="col">Of the way to target</th></tr></thead>
<tbody>{% for team, kr, mv in rows %}<tr data-kr="{{ kr.id }}" data-progress="{{ '%.4f' % kr.progress }}">
<td>{{ team }}</td><th scope="row"><span class="okr-id">{{ kr.id }}</span> {{ kr.title }}</th>
<td class="num">{{ kr.baseline|num }}{{ kr.unit|unit if kr.baseline is not none else '' }}</td>
<td class="num">{{ kr.current|num }}{{ kr.unit|unit if kr.current is not none else '' }}</td>
<td class="num">{{ m.delta(mv, 'down' if kr.direction and kr.direction.value == 'decrease' else 'up', kr.unit|delta_unit if mv is not none else '') }}</td>
<td class="progress"><span class="pct">{{ kr.progress|pct }}</span> {{ m.bar(kr.progress, none, kr.status) }}</td></tr>{% endfor %}
</tbody></table>
{{ chart }}
{% if trends %}<h3>Week by week</h3>{% for fig in trends %}{{ fig }}{% endfor %}{% endif %}
{% if teams %}<table><caption>Goal confidence at the first and the latest check-in</caption>
<thead><tr><th scope="col">Team</th><th scope="col" class="num">First</th><th scope="col" class="num">Latest</th></tr></thead>
<tbody>{% for t in teams %}<tr><th scope="row">{{ t.name }}</th><td class="num">{{ m.confidence(t.trend.points[0][1]) }}</td>
<td class="num">{{ m.confidence(t.trend.points[-1][1]) }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</section>""", e=e, rows=rows, moved=moved, as_of=ctx.as_of, chart=chart, trends=trends, teams=teams, no_checkins=common.no_checkins(ctx), any_checkins=bool(ctx.checkins),  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)
                       mean=sum(kr.progress for _, kr, _ in moved) / len(moved) if moved else 0.0)
