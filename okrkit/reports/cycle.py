"""The end-of-cycle report: final scores with the usual reading, what the retros taught, actions.

Scores are the status's progress on the report's date (by default the cycle's last day),
where a score given in an end-of-cycle retrospective replaces the measured one, exactly as
in `okrkit status`. Read as usual: about 0.7 is success for an aspirational OKR; a
committed OKR is expected at 1.0.
"""

from __future__ import annotations

from markupsafe import Markup

from okrkit import charts
from okrkit.model import Commitment
from okrkit.progress import score_reading
from okrkit.reports import common, html
from okrkit.reports.context import ReportContext
from okrkit.retro_formats import RETRO_FORMATS

__all__ = ["actions", "header", "lessons", "scores"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "scores", "lessons", "actions")
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
<table class="scores">
<caption>Objective scores at the end of {{ cycle }}</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Objective</th><th scope="col">Commitment</th>
<th scope="col" class="num">Score</th><th scope="col">Reading</th></tr></thead>
<tbody>{% for team, o, reading, grade in rows %}
<tr data-objective="{{ o.id }}" data-progress="{{ '%.4f' % o.progress }}"><th scope="row">{{ team }}</th>
<td><span class="okr-id">{{ o.id }}</span> {{ o.title }}</td><td>{{ o.commitment.value if o.commitment else 'not set' }}</td>
<td class="num"><strong>{{ '%.2f' % o.progress }}</strong></td><td><span class="reading reading-{{ grade }}">{{ reading }}</span></td></tr>
{% endfor %}</tbody></table>
</section>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def scores(ctx: ReportContext) -> Markup:
    rows = []
    for o in ctx.status.objectives():
        rows.append((o.team, o, score_reading(o.progress, o.commitment), _grade(o.progress, o.commitment)))
    met = sum(grade == "met" for *_, grade in rows)
    return html.render(_SCORES, rows=rows, met=met, cycle=ctx.engagement.cycle.name, end=ctx.engagement.cycle.end,
                       as_of=ctx.as_of, provisional=ctx.as_of < ctx.engagement.cycle.end,
                       any_checkins=bool(ctx.checkins), no_checkins=common.no_checkins(ctx))


def key_results(ctx: ReportContext) -> Markup:
    """Each team's KR scores, with the chart of the whole engagement."""
    parts = ["<h2>Key results</h2>"]
    if ctx.checkins:
        parts.append(common.figure(
            charts.progress_chart(ctx.status),
            "Final progress of every objective and key result; the dashed line is the pace "
                    f"({html.fmt_pct(ctx.status.expected)} of the cycle elapsed)."))
    for o in ctx.status.objectives():
        parts.append(common.kr_table(o.key_results, f"{o.team} · {o.id} {o.title}", ctx.status.expected,
                                     now_label="Final value"))
    return html.safe("".join(parts))


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
    return html.render(_LESSONS, retros=retros)


def actions(ctx: ReportContext) -> Markup:
    rows = [(r.team, r.date, a) for r in ctx.retros for a in r.actions]
    return html.render("""
<section><h2>Actions for the next cycle</h2>
{% if not rows %}<p class="empty">No action was recorded in a retrospective this cycle.</p>{% else %}
<table><caption>Actions agreed in the cycle's retrospectives</caption>
<thead><tr><th scope="col">Team</th><th scope="col">Agreed</th><th scope="col">Action</th></tr></thead>
<tbody>{% for team, day, action in rows %}<tr><th scope="row">{{ team }}</th><td>{{ day|short_date }}</td><td>{{ action }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>""", rows=rows)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)
