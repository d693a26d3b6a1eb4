"""The end-of-cycle report: final scores with the usual reading, what the retros taught, actions.

Scores are the status's progress on the report's date (by default the cycle's last day),
where a score given in an end-of-cycle retrospective replaces the measured one, exactly as
in `okrkit status`. Read as usual: about 0.7 is success for an aspirational OKR; a
committed OKR is expected at 1.0.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from okrkit import charts
from okrkit.model import Commitment
from okrkit.progress import score_reading
from okrkit.reports import common, html, scale
from okrkit.reports.context import ReportContext
from okrkit.retro_formats import RETRO_FORMATS

__all__ = ["actions", "calibration", "header", "lessons", "scores"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "scores", "key_results", "lessons", "calibration", "actions")
SHOWS_PROGRESS = True


def header(ctx: ReportContext) -> Markup:
    c = ctx.engagement.cycle
    return common.header(ctx, f"End-of-cycle report: {c.name}", "Final scores and how to read them, what the "
                         "retrospectives taught, and the actions for the next cycle.",
                         f"{html.fmt_date(c.start)} – {html.fmt_date(min(c.end, ctx.as_of))}")


def _grade(score: float, commitment: Commitment | None) -> str:
    """A class for the colour of a reading: met, near or missed."""
    if commitment is Commitment.COMMITTED:
        return "met" if score >= 0.999 else "missed"
    return "met" if score >= 0.7 else "near" if score >= 0.4 else "missed"


_SCORES = """
<section class="summary">
<h2>Final scores</h2>
{% if provisional %}<div class="callout warn">The cycle ends on {{ end|date }}: these scores are provisional, as measured on
{{ as_of|date }}.</div>{% endif %}
{% if not any_checkins %}{{ no_checkins }}{% endif %}
<p class="lead">How to read a score (0.0–1.0): about <strong>0.7 is success</strong> for an aspirational OKR — it was
meant to stretch; a <strong>committed</strong> OKR is expected at <strong>1.0</strong>. {{ met }} of {{ rows|length }}
objectives met that bar.</p>
{{ body }}
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


_SCORE_ROWS = """<table class="scores"><caption>{{ caption }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Objective</th><th scope="col">Commitment</th>
<th scope="col" class="num">Score</th><th scope="col">Reading</th></tr></thead>
<tbody>{% for team, o, reading, grade in rows %}
<tr data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}"><th scope="row">{{ team }}</th>
<td><span class="okr-id">{{ o.id }}</span> {{ o.title }}</td><td>{{ o.commitment.value if o.commitment else 'not set' }}</td>
<td class="num"><strong>{{ '%.2f' % o.progress }}</strong></td><td><span class="reading reading-{{ grade }}">{{ reading }}</span></td></tr>
{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)

_UNIT_SCORES = """<table class="units"><caption>Objective scores of each business unit's teams</caption>
<thead><tr><th scope="col">Business unit</th><th scope="col" class="num">Objectives</th><th scope="col" class="num">Met</th>
<th scope="col" class="num">Near</th><th scope="col" class="num">Missed</th><th scope="col" class="num">Average score</th></tr></thead>
<tbody>{% for u, g in groups %}<tr data-unit="{{ u }}"><th scope="row">{{ u }}</th><td class="num">{{ g|length }}</td>
{% for grade in ('met', 'near', 'missed') %}<td class="num">{{ g|selectattr(3, 'equalto', grade)|list|length }}</td>{% endfor %}
<td class="num"><strong>{{ '%.2f' % ((g|map(attribute=1)|map(attribute='progress')|sum) / g|length) }}</strong></td></tr>{% endfor %}</tbody></table>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def _rows(ctx: ReportContext) -> list[tuple[str, object, str, str]]:
    return [(o.team, o, score_reading(o.progress, o.commitment), _grade(o.progress, o.commitment))
            for o in ctx.status.objectives()]


def scores(ctx: ReportContext) -> Markup:
    rows = _rows(ctx)
    met = sum(grade == "met" for *_, grade in rows)
    body = html.render(_SCORE_ROWS, rows=rows, caption=f"Objective scores at the end of {ctx.engagement.cycle.name}")
    if ctx.large:
        names = scale.team_names(ctx)
        team_rows = [r for r in rows if r[0] in names]
        groups = scale.by_unit(ctx, ((r[0], r) for r in team_rows))
        top = [r for r in rows if r[0] not in names]
        ordered = sorted(team_rows, key=lambda r: (r[1].progress, r[1].id))  # type: ignore[attr-defined]
        body = html.render(
            "{{ units }}{% if top %}{{ top }}{% endif %}{{ low }}{{ high }}{{ all }}",
            units=html.render(_UNIT_SCORES, groups=groups),
            top=html.render(_SCORE_ROWS, rows=top, caption="Scores of the company's and business units' objectives")
            if top else "",
            low=html.render(_SCORE_ROWS, rows=ordered[:scale.EXTREMES],
                            caption=f"The {min(len(ordered), scale.EXTREMES)} lowest team scores"),
            high=html.render(_SCORE_ROWS, rows=ordered[::-1][:scale.EXTREMES],
                             caption=f"The {min(len(ordered), scale.EXTREMES)} highest team scores"),
            all=scale.grouped(ctx, "cycle-scores", groups, lambda g: html.render(
                _SCORE_ROWS, rows=g, caption="Scores of the unit's team objectives"), "team objectives"))
    return html.render(_SCORES, rows=rows, body=body, met=met, cycle=ctx.engagement.cycle.name,
                       end=ctx.engagement.cycle.end, as_of=ctx.as_of, provisional=ctx.as_of < ctx.engagement.cycle.end,
                       any_checkins=bool(ctx.checkins), no_checkins=common.no_checkins(ctx))


def key_results(ctx: ReportContext) -> Markup:
    """Each team's KR scores, with the chart of the whole engagement."""
    parts = ["<h2>Key results</h2>"]
    if ctx.large:
        return html.safe("".join(parts) + _key_results_at_scale(ctx))
    if ctx.checkins:
        parts.append(common.figure(
            lambda: charts.progress_chart(ctx.status),
            "Final progress of every objective and key result; the dashed line is the pace "
                    f"({html.fmt_pct(ctx.status.expected)} of the cycle elapsed).", name="Final progress"))
    for o in ctx.status.objectives():
        # A final KR has a score and its reading, not a pace status ("at risk" after the end means nothing).
        readings = {kr.id: score_reading(kr.progress, o.commitment) for kr in o.key_results}
        parts.append(common.kr_table(o.key_results, f"{o.team} · {o.id} {o.title}", ctx.status.expected,
                                     now_label="Final value", readings=readings))
    return html.safe("".join(parts))


def _key_results_at_scale(ctx: ReportContext) -> Markup:
    """Each unit's standing and its small multiples; every team's KR tables only with --detail teams."""
    overview = scale.units_overview(ctx)
    if not ctx.team_detail:
        return html.safe(overview + scale.omitted(ctx, "The table of key-result scores"))
    names = scale.team_names(ctx)
    objectives = [o for o in ctx.status.objectives() if o.team in names]
    groups = scale.by_unit(ctx, ((o.team, o) for o in objectives))
    return html.safe(overview + scale.grouped(ctx, "cycle-krs", groups, lambda g: html.safe("".join(
        common.kr_table(o.key_results, f"{o.team} · {o.id} {o.title}", ctx.status.expected, now_label="Final value")
        for o in g)), "team objectives"))


_LESSONS = """
<section>
<h2>What the retrospectives taught</h2>
{% if not retros %}<p class="empty">No retrospective was recorded this cycle. Hold an end-of-cycle retrospective with each
team: Did we achieve what we set out to do? What did we learn? What surprised us? What will we do differently?</p>{% endif %}
{% for r, fmt, groups in retros %}
<article class="retro">
<h3>{{ r.team }} — {{ fmt.title }}</h3>
<p class="okr-meta">{{ r.kind.value|replace('-', ' ') }} retrospective, {{ r.date|date }}</p>
{% for question, items in groups %}{% if items %}
<h4>{{ question }}</h4>
<ul>{% for item in items %}<li>{{ item.text }}{% if item.votes %} <span class="votes">{{ item.votes }} vote{{ 's' if item.votes != 1 else '' }}</span>{% endif %}</li>{% endfor %}</ul>
{% endif %}{% endfor %}
</article>
{% endfor %}
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def lessons(ctx: ReportContext) -> Markup:
    retros = []
    for r in ctx.retros:
        fmt = RETRO_FORMATS[r.format]
        groups = [(q, sorted((i for i in r.items if i.prompt == p), key=lambda i: -i.votes))
                  for p, q in zip(fmt.prompts, fmt.questions, strict=True)]
        retros.append((r, fmt, groups))
    if not ctx.large or not retros:
        return html.render(_LESSONS, retros=retros)
    by_unit = scale.by_unit(ctx, ((item[0].team, item) for item in retros))
    return html.render("<section><h2>What the retrospectives taught</h2><p>{{ n }} retrospectives were recorded "
                       "this cycle.</p>{{ body }}</section>", n=len(retros), body=scale.grouped(
                           ctx, "cycle-lessons", by_unit, lambda g: html.render(
                               _LESSONS.replace("<h2>What the retrospectives taught</h2>", ""), retros=g),
                           "retrospectives"))


def actions(ctx: ReportContext) -> Markup:
    rows = [(r.team, r.date, a) for r in ctx.retros for a in r.actions]
    if ctx.large and rows:
        return html.render("<section><h2>Actions for the next cycle</h2>{{ body }}</section>", body=scale.grouped(
            ctx, "cycle-actions", scale.by_unit(ctx, ((r[0], r) for r in rows)), lambda g: html.render(
                "<table><caption>Actions agreed in the unit's retrospectives</caption><thead><tr><th scope='col'>"
                "Team</th><th scope='col'>Agreed</th><th scope='col'>Action</th></tr></thead><tbody>"
                "{% for team, day, action in rows %}<tr><th scope='row'>{{ team }}</th><td>{{ day|short_date }}</td>"
                "<td>{{ action }}</td></tr>{% endfor %}</tbody></table>", rows=g), "actions"))
    return html.render("""
<section><h2>Actions for the next cycle</h2>
{% if not rows %}<p class="empty">No action was recorded in a retrospective this cycle.</p>{% else %}
<table><caption>Actions agreed in the cycle's retrospectives</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Agreed</th><th scope="col">Action</th></tr></thead>
<tbody>{% for team, day, action in rows %}<tr><th scope="row">{{ team }}</th><td>{{ day|short_date }}</td><td>{{ action }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>""", rows=rows)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


_CALIBRATION = """
<section><h2>Confidence against results</h2>
<p>Each week a team said how confident it was (1–10) of achieving its objectives. Read as a forecast, confidence 8
says “about 0.8”; here is how those forecasts compared with the score the team reached. The gap is in points of the
confidence scale (+2: two points more confident than the results bore out); the Brier score is the mean squared gap
on the 0–1 scale (0 is perfect; always answering 5 on a coin-flip outcome scores 0.25).</p>
{% if provisional %}<div class="callout warn">The cycle ends on {{ end|date }}: confidence is compared with the
scores as measured on {{ as_of|date }}, which may still move.</div>{% endif %}
{% if not rows %}<p class="empty">No team recorded a goal confidence this cycle.</p>{% else %}
<table class="calibration"><caption>Weekly goal confidence against the end-of-cycle score, by team</caption>
<thead><tr><th scope="col">Team</th><th scope="col" class="num">Weeks</th><th scope="col" class="num">Score</th>
<th scope="col" class="num">Mean gap</th><th scope="col" class="num">Brier</th><th scope="col">In plain words</th></tr></thead>
<tbody>{% for c in rows %}<tr data-team="{{ c.team }}"><th scope="row">{{ c.team }}</th><td class="num">{{ c.weeks|length }}</td>
<td class="num">{{ '%.2f' % c.result }}</td><td class="num">{{ '%+.1f' % c.mean_gap }}</td>
<td class="num">{{ '%.2f' % c.brier }}</td><td>{{ c.sentence() }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</section>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def calibration(ctx: ReportContext) -> Markup:
    """How each team's weekly confidence compared with what it achieved: confidence that learns."""
    from okrkit.calibration import calibration as team_calibration

    end = ctx.engagement.cycle.end
    record = ctx.record if ctx.as_of >= end else ctx.record.model_copy(update={
        "engagement": ctx.engagement.model_copy(update={"cycle": ctx.engagement.cycle.model_copy(
            update={"end": max(ctx.as_of, ctx.engagement.cycle.start + dt.timedelta(days=1))})})})
    rows = team_calibration(record.engagement, ctx.checkins, ctx.retros)
    return html.render(_CALIBRATION, rows=rows, provisional=ctx.as_of < end, end=end, as_of=ctx.as_of)
