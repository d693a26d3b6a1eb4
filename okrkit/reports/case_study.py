"""The engagement case study, in the shape of seed case-study-architects-partisans.

An introduction, the challenges the client faced, the approach the coach took and the
results: the outcomes recorded by the coach, and the measured movement of every key
result from its baseline to its latest value.
"""

from __future__ import annotations

from markupsafe import Markup

from okrkit import charts
from okrkit.progress import KRStatus
from okrkit.reports import common, html, scale
from okrkit.reports.context import ReportContext

__all__ = ["across_cycles", "header", "intro", "narrative", "results"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "intro", "narrative", "results", "across_cycles")
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


_MOVEMENT_ROWS = """<table class="movement"><caption>{{ caption }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Key result</th><th scope="col" class="num">Baseline</th>
<th scope="col" class="num">Latest</th><th scope="col" class="num">Movement</th><th scope="col">Of the way to target</th></tr></thead>
<tbody>{% for team, kr, mv in rows %}<tr data-kr="{{ kr.id }}" data-progress="{{ '%.4f' % kr.progress }}">
<td>{{ team }}</td><th scope="row"><span class="okr-id">{{ kr.id }}</span> {{ kr.title }}</th>
<td class="num">{{ kr.baseline|num }}{{ kr.unit|unit if kr.baseline is not none else '' }}</td>
<td class="num">{{ kr.current|num }}{{ kr.unit|unit if kr.current is not none else '' }}</td>
<td class="num">{{ m.delta(mv, 'down' if kr.direction and kr.direction.value == 'decrease' else 'up', kr.unit|delta_unit if mv is not none else '') }}</td>
<td class="progress"><span class="pct">{{ kr.progress|pct }}</span> {{ m.bar(kr.progress, none, kr.status) }}</td></tr>{% endfor %}
</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)

_UNIT_MOVEMENT = """<table class="units"><caption>Measured movement of the key results of each business unit's teams</caption>
<thead><tr><th scope="col">Business unit</th><th scope="col" class="num">Key results measured</th><th scope="col">Of the way to target (average)</th>
<th scope="col" class="num">Reached target</th><th scope="col" class="num">Went backwards</th>
<th scope="col" class="num">Confidence first → latest</th></tr></thead>
<tbody>{% for u, n, mean, reached, back, first, latest in units %}<tr data-unit="{{ u }}"><th scope="row">{{ u }}</th><td class="num">{{ n }}</td>
<td class="progress"><span class="pct">{{ mean|pct }}</span> {{ m.bar(mean) }}</td><td class="num">{{ reached }}</td><td class="num">{{ back }}</td>
<td class="num">{{ '%.1f' % first if first is not none else '—' }} → {{ '%.1f' % latest if latest is not none else '—' }}</td></tr>{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _results_at_scale(ctx: ReportContext, rows: list[tuple[str, KRStatus, float | None]]) -> Markup:
    """Movement per unit, the KRs that moved furthest and least, small multiples; each KR with --detail teams."""
    e = ctx.engagement
    names = scale.team_names(ctx)
    own = [r for r in rows if r[0] in names]
    groups = scale.by_unit(ctx, ((r[0], r) for r in own))
    trends = {t.name: t.trend for t in ctx.status.teams}
    units = []
    for u, g in groups:
        krs = [kr for _, kr, mv in g if mv is not None]
        teams_ = {team for team, _, _ in g}
        units.append((u, len(krs), _mean([kr.progress for kr in krs]) or 0.0,
                      sum(kr.raw >= 1 for kr in krs), sum(kr.raw < 0 for kr in krs),
                      _mean([trends[t].points[0][1] for t in teams_ if trends[t].points]),
                      _mean([trends[t].points[-1][1] for t in teams_ if trends[t].points])))
    measured = sorted((r for r in own if r[2] is not None), key=lambda r: (r[1].progress, r[1].id))
    shown = min(scale.EXTREMES, len(measured))
    detail = (scale.grouped(ctx, "case-movement", groups, lambda g: html.render(
        _MOVEMENT_ROWS, rows=g, caption="From baseline to the latest measured value"), "key results")
        if ctx.team_detail else scale.omitted(ctx, "The movement of every key result"))
    return html.render("""
<section><h2>Results</h2>
{% if e.outcomes %}<ul class="outcomes">{% for o in e.outcomes %}<li>{{ o }}</li>{% endfor %}</ul>{% endif %}
<h3>Measured movement of the key results</h3>
{% if not any_checkins %}{{ no_checkins }}{% elif not measured %}
<p class="empty">No key result has a measured value yet.</p>{% else %}
<p>{{ measured|length }} key results of {{ teams }} teams measured; on {{ as_of|date }} they had moved on average
<strong>{{ mean|pct }}</strong> of the way from baseline to target.</p>{% endif %}
{{ units }}{{ overview }}
{% if measured %}{{ most }}{{ least }}{% endif %}
{% if any_checkins %}<h3>Week by week</h3>{{ confidence }}{% endif %}
{{ detail }}
</section>""", e=e, measured=measured, teams=len(names), as_of=ctx.as_of, any_checkins=bool(ctx.checkins),
                       no_checkins=common.no_checkins(ctx), mean=_mean([r[1].progress for r in measured]) or 0.0,
                       units=html.render(_UNIT_MOVEMENT, units=units), overview=scale.units_overview(ctx),
                       most=html.render(_MOVEMENT_ROWS, rows=measured[::-1][:scale.EXTREMES],
                                        caption=f"The {shown} key results that moved furthest"),
                       least=html.render(_MOVEMENT_ROWS, rows=measured[:scale.EXTREMES],
                                         caption=f"The {shown} key results that moved least"),
                       confidence=scale.confidence_views(ctx), detail=detail)


def results(ctx: ReportContext) -> Markup:
    e = ctx.engagement
    rows = _movements(ctx)
    if ctx.large:
        return _results_at_scale(ctx, rows)
    moved = [r for r in rows if r[2] is not None]
    teams = [t for t in ctx.status.teams if t.trend.points]
    chart = Markup("")
    if ctx.checkins:
        chart = common.figure(lambda: charts.progress_chart(ctx.status),
                              "Where every objective and key result stands; the dashed line is the pace.",
                              name="Where every objective stands")
    trends = [
        common.figure(lambda t=t: charts.kr_trend_chart(e, ctx.checkins, t.name),  # type: ignore[misc]
                      f"{t.name}: progress of each key result at every check-in; the dashed line is the pace.",
                      name=f"{t.name} week by week")
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
{{ table }}
{{ chart }}
{% if trends %}<h3>Week by week</h3>{% for fig in trends %}{{ fig }}{% endfor %}{% endif %}
{% if teams %}<table><caption>Goal confidence at the first and the latest check-in</caption>
<thead><tr><th scope="col">Team</th><th scope="col" class="num">First</th><th scope="col" class="num">Latest</th></tr></thead>
<tbody>{% for t in teams %}<tr><th scope="row">{{ t.name }}</th><td class="num">{{ m.confidence(t.trend.points[0][1]) }}</td>
<td class="num">{{ m.confidence(t.trend.points[-1][1]) }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</section>""", e=e, table=html.render(_MOVEMENT_ROWS, rows=rows, caption="From baseline to the latest measured value, by key result"), moved=moved, as_of=ctx.as_of, chart=chart, trends=trends, teams=teams, no_checkins=common.no_checkins(ctx), any_checkins=bool(ctx.checkins),  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)
                       mean=sum(kr.progress for _, kr, _ in moved) / len(moved) if moved else 0.0)


_CYCLES = """
<section><h2>Cycle by cycle</h2>
<p class="lead">{{ story }}</p>
<table class="cycles"><caption>Every cycle of the engagement: its phase, score, rhythm and the quality of its OKRs</caption>
<thead><tr><th scope="col">Cycle</th><th scope="col">Dates</th><th scope="col">Phase</th><th scope="col" class="num">Teams</th>
<th scope="col" class="num">Objectives</th><th scope="col" class="num">Score</th><th scope="col" class="num">Check-ins held</th>
<th scope="col" class="num">Coach findings</th></tr></thead>
<tbody>{% for c in cycles %}<tr data-cycle="{{ c.name }}"><th scope="row">{{ c.name }}{% if c.current %} <small class="muted">current</small>{% endif %}</th>
<td>{{ c.start|short_date }} – {{ c.end|short_date }}</td><td>{{ c.phase }}</td><td class="num">{{ c.teams }}</td>
<td class="num">{{ c.objectives }}</td><td class="num">{{ '%.2f' % c.score if c.score is not none else '—' }}</td>
<td class="num">{{ c.checkin_rate|pct if c.checkin_rate is not none else '—' }}</td><td class="num">{{ c.findings }}</td></tr>{% endfor %}
</tbody></table>
<p class="okr-meta">Score: the mean objective score at the cycle's end (0.7 is success for an aspirational OKR).
Check-ins held: weekly GRIP check-ins recorded ÷ those due. Coach findings: okrkit's warnings and errors on the cycle's
OKRs as they were written.</p>
{% if calibrations %}<h3>Confidence against results, by cycle</h3>
{% for name, rows in calibrations %}<h4>{{ name }}</h4><ul>{% for c in rows %}<li>{{ c.sentence() }}</li>{% endfor %}</ul>{% endfor %}{% endif %}
</section>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def across_cycles(ctx: ReportContext) -> Markup:
    """The engagement's journey: every cycle's score, rhythm and OKR quality, and how confidence learned."""
    from okrkit.calibration import calibration
    from okrkit.cycles import cycle_summaries

    full = ctx.full or ctx.record
    cycles = [c for c in cycle_summaries(full, today=ctx.as_of) if c.start <= ctx.as_of]
    calibrations = []
    for c in cycles:
        if c.end <= ctx.as_of:
            view = full.for_cycle(c.name)
            rows = calibration(view.engagement, view.checkins, view.retros)
            if rows:
                calibrations.append((c.name, rows))
    return html.render(_CYCLES, cycles=cycles, calibrations=calibrations, story=_story(cycles))


def _story(cycles: list) -> str:  # type: ignore[type-arg]
    if len(cycles) < 2:
        return "This is the engagement's first cycle: the next ones will show how the client grows from cycle to cycle."
    first, last = cycles[0], cycles[-1]
    parts = [f"Over {len(cycles)} cycles, from {first.name} ({first.phase}) to {last.name} ({last.phase})"]
    if first.checkin_rate is not None and last.checkin_rate is not None:
        parts.append(f"the weekly check-ins held went from {first.checkin_rate:.0%} to {last.checkin_rate:.0%}")
    parts.append(f"the coach's findings on the OKRs as written went from {first.findings} to {last.findings}")
    if first.score is not None and last.score is not None:
        parts.append(f"and the mean objective score from {first.score:.2f} to {last.score:.2f}")
    return ", ".join(parts) + "."
