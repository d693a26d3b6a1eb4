"""The client's OKR playbook (seed implementing-okrs-q-four): one document that aligns everyone.

Purpose, principles, cadence, roles of client, coach and software (seed
three-is-the-magic-number), a glossary, and this client's current OKRs. The prose is
okrkit's; the client's vision, values, worldview, cycle and OKRs come from the record.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from okrkit.model import Phase
from okrkit.reports import common, html, scale
from okrkit.reports.context import ReportContext

__all__ = ["cadence", "glossary", "header", "okrs", "principles", "purpose", "roles"]

# The sections a page of this kind shows, each a function of the ReportContext, in order (the tests
# read them); SHOWS_PROGRESS: it reports progress against pace from the check-ins.
SECTIONS = ("header", "purpose", "principles", "cadence", "roles", "glossary", "okrs")
SHOWS_PROGRESS = False

PRINCIPLES = [
    ("Strategy and a shared worldview come first",
     "OKRs express a strategy; they do not replace it. Before any OKR is written, leadership shares the vision, "
     "the priorities and a common view of the key dynamics, the competition and the target audience."),
    ("Outcomes, not tasks",
     "A key result is a measurable movement of a metric from a baseline to a target. The work that moves it "
     "belongs in the backlog below the OKR."),
    ("No business as usual",
     "Day-to-day operations matter, but they are not OKRs. OKRs are reserved for the priorities that move the "
     "business forward."),
    ("Few objectives",
     "A team commits 100% of its OKR effort to a few objectives — one to three a cycle — so that focus is real."),
    ("Ambition",
     "Aspirational OKRs stretch: about 0.7 is success. Committed OKRs are promises, expected at 1.0. Say which is "
     "which when the OKR is set."),
]

ROLES = [
    ("Client", "author", "the why and the what",
     "Sets the strategy and frames the objectives; owns the OKRs and the results.",
     {Phase.INTRODUCING: "writes the first narrative: vision, priorities, objectives",
      Phase.RESETTING: "rewrites the narrative where the old OKRs failed",
      Phase.IMPLEMENTATION: "reacts to results, amends and refines the OKRs",
      Phase.EMBEDDING: "keeps the message focused across the organisation"}),
    ("Coach", "editor", "the what and the how",
     "Challenges, shapes and refines the OKRs; guides the business on the path; facilitates workshops, "
     "check-ins and retrospectives.",
     {Phase.INTRODUCING: "helps craft objectives and key results; catches tasks posing as OKRs",
      Phase.RESETTING: "helps craft objectives and key results; catches tasks posing as OKRs",
      Phase.IMPLEMENTATION: "encourages, steers and sets the course",
      Phase.EMBEDDING: "checks alignment and ambition, then steps back"}),
    ("Software", "publisher", "the how and the when",
     "Gives transparency and focus: socialises, aligns and visualises OKRs, and keeps a constant eye on progress "
     "(for this programme: okrkit's check-in apps, dashboards and reports).",
     {Phase.INTRODUCING: "publishes the OKRs and their alignment",
      Phase.RESETTING: "publishes the OKRs and their alignment",
      Phase.IMPLEMENTATION: "tracks, broadcasts and signals",
      Phase.EMBEDDING: "shows everyone on the same page"}),
]

GLOSSARY = [
    ("Objective", "A qualitative, meaningful statement of what a team wants to achieve and why."),
    ("Key result", "A measurable movement of a metric from a baseline to a target, e.g. “Increase onboarding "
                   "completion from 65% to 90%”. Not a task, not business as usual."),
    ("Strategic OKR", "An OKR of the company or a business unit, derived from the strategy's priorities."),
    ("Team OKR", "An OKR a team defines and owns, rooted in the strategic context."),
    ("Vertical alignment", "A team OKR contributes to a strategic OKR."),
    ("Horizontal alignment", "Peer teams share an outcome and coordinate on it."),
    ("Cycle", "The period of a set of OKRs, usually a quarter."),
    ("GRIP check-in", "The weekly 15-minute check-in: Goal confidence (1–10), Results progress, Issues, "
                      "Plan forward."),
    ("Confidence", "How sure the team is, from 1 to 10, of achieving the objective by the end of the cycle."),
    ("Pace", "The share of the cycle elapsed: where a key result would be if it moved evenly."),
    ("Committed / aspirational", "A committed OKR is expected at 1.0; an aspirational one counts about 0.7 as "
                                 "success."),
    ("Retrospective", "Mid-cycle (Attractors and Detractors) and at the end of the cycle (achieved, learned, "
                      "surprised, do differently)."),
    ("Backlog", "The work items that move a key result: the layer below the team OKR."),
]


def header(ctx: ReportContext) -> Markup:
    c = ctx.engagement.cycle
    return common.header(ctx, f"{ctx.engagement.client} OKR playbook", "Why we use OKRs, how we write them, how we "
                         "work with them week by week, and who does what.",
                         f"{c.name}, {html.fmt_date(c.start)} – {html.fmt_date(c.end)}")


def purpose(ctx: ReportContext) -> Markup:
    return html.render("""
<section><h2>1. Purpose of the programme</h2>
<p>OKRs align people, systems and effort on a clear pathway. They are not a tracking tool: they are how we agree what
matters most this cycle, commit to it, and learn as we go. This playbook is our alignment mechanism: everyone who
writes, checks in on or reviews an OKR works from it.</p>
{% if e.vision %}<p class="lead"><strong>Our vision:</strong> {{ e.vision }}</p>{% endif %}
{% if e.priorities %}<h3>Strategic priorities</h3><ol>{% for p in e.priorities %}<li>{{ p }}</li>{% endfor %}</ol>{% endif %}
{% set w = e.worldview %}{% if w.key_dynamics or w.competition or w.target_audience %}
<h3>Our shared worldview</h3><dl class="worldview">
{% for label, items in [('Key dynamics', w.key_dynamics), ('Competition', w.competition), ('Target audience', w.target_audience)] %}
{% if items %}<dt>{{ label }}</dt>{% for i in items %}<dd>{{ i }}</dd>{% endfor %}{% endif %}{% endfor %}</dl>{% endif %}
{% if e.core_values %}<h3>Core values</h3><ul class="values">{% for v in e.core_values %}<li>{{ v }}</li>{% endfor %}</ul>{% endif %}
</section>""", e=ctx.engagement)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def principles(ctx: ReportContext) -> Markup:
    return html.render("""
<section><h2>2. Principles</h2>
<ol class="principles">{% for title, text in items %}<li><strong>{{ title }}.</strong> {{ text }}</li>{% endfor %}</ol>
</section>""", items=PRINCIPLES)


def cadence(ctx: ReportContext) -> Markup:
    c = ctx.engagement.cycle
    mid = c.start + dt.timedelta(days=c.days // 2)
    weekday = c.checkin_weekday.value.capitalize()
    rows = [
        ("Team OKR planning", f"start of the cycle (by {html.fmt_date(c.start)})", "half a day",
         "Each team drafts its OKRs from the strategic context and aligns them with leadership."),
        ("GRIP check-in", f"every {weekday} at {c.checkin_time:%H:%M}", "15 minutes",
         "Goal confidence, Results progress, Issues, Plan forward."),
        ("Monthly leadership report", "first week of every month", "30 minutes",
         "Leaders review the strategic OKRs and remove what is in the teams' way."),
        ("Mid-cycle retrospective", f"around {html.fmt_date(mid)}", "45 minutes",
         "Attractors and Detractors: what pulls us toward the OKR and what pushes us away."),
        ("End-of-cycle retrospective", f"at the end ({html.fmt_date(c.end)})", "60 minutes",
         "Score the OKRs; what we achieved, learned, were surprised by, and will do differently."),
    ]
    return html.render("""
<section class="keep"><h2>3. Cadence</h2>
<p>The cycle {{ c.name }} runs from {{ c.start|date }} to {{ c.end|date }}.</p>
<table><caption>The rhythm of the cycle</caption>
<thead><tr><th scope="col">Ritual</th><th scope="col">When</th><th scope="col">How long</th><th scope="col">What happens</th></tr></thead>
<tbody>{% for r in rows %}<tr><th scope="row">{{ r[0] }}</th><td>{{ r[1] }}</td><td>{{ r[2] }}</td><td>{{ r[3] }}</td></tr>{% endfor %}</tbody>
</table></section>""", c=c, rows=rows)  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def roles(ctx: ReportContext) -> Markup:
    phase = ctx.engagement.phase
    return html.render("""
<section class="keep"><h2>4. Roles: client, coach and software</h2>
<p>Three is the magic number: the client, its coach and the software work as author, editor and publisher. We are now in
the <strong>{{ phase.value }}</strong> phase.</p>
<table class="roles"><caption>Who does what, and in the current phase</caption>
<thead><tr><th scope="col">Who</th><th scope="col">Like an…</th><th scope="col">Brings</th><th scope="col">Role</th>
<th scope="col">Now ({{ phase.value }})</th></tr></thead>
<tbody>{% for who, like, brings, role, by_phase in items %}<tr><th scope="row">{{ who }}</th><td>{{ like }}</td>
<td>{{ brings }}</td><td>{{ role }}</td><td>{{ by_phase[phase] }}</td></tr>{% endfor %}</tbody></table>
{% if coach %}<p>Coach for this programme: <strong>{{ coach }}</strong>.</p>{% endif %}
</section>""", items=ROLES, phase=phase, coach=ctx.engagement.coach)


def glossary(ctx: ReportContext) -> Markup:
    return html.render("""
<section class="keep"><h2>5. Glossary</h2><dl class="glossary">
{% for term, text in items %}<dt>{{ term }}</dt><dd>{{ text }}</dd>{% endfor %}</dl></section>""", items=GLOSSARY)


_TEAMS = """{% for team in teams %}{% if team.objectives %}
<article class="team"><h3>{{ team.name }} <small class="muted">{{ team.level.value|replace('-', ' ') }}</small></h3>
{% for o in team.objectives %}<div class="okr" data-objective="{{ o.id }}">
<h4><span class="okr-id">{{ o.id }}</span> {{ o.title }}</h4>
<p class="okr-meta">{{ o.commitment.value if o.commitment else 'commitment not set' }}
{% for a in o.aligns_to %} · contributes to {{ a }} {{ titles.get(a, '') }}{% endfor %}
{% if o.shares_with %} · shares outcomes with {{ o.shares_with|join(', ') }}{% endif %}</p>
{% if o.why %}<p><em>Why:</em> {{ o.why }}</p>{% endif %}
<table class="krs"><caption>Key results of {{ o.id }}</caption>
<thead><tr><th scope="col">Key result</th><th scope="col" class="num">Baseline</th><th scope="col" class="num">Target</th><th scope="col">Owner</th></tr></thead>
<tbody>{% for kr in o.key_results %}<tr data-kr="{{ kr.id }}"><th scope="row"><span class="okr-id">{{ kr.id }}</span> {{ kr.title }}</th>
<td class="num">{{ kr.baseline|num }}{{ kr.unit|unit if kr.baseline is not none else '' }}</td>
<td class="num">{{ kr.target|num }}{{ kr.unit|unit if kr.target is not none else '' }}</td><td>{{ kr.owner or '—' }}</td></tr>{% endfor %}
</tbody></table></div>{% endfor %}</article>{% endif %}{% endfor %}"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)

_TEAM_TITLES = """<ul class="team-okrs">{% for team in teams %}<li><strong>{{ team.name }}</strong>: {% for o in team.objectives %}<span class="okr-id">{{ o.id }}</span> {{ o.title }}{% if o.aligns_to %} <small class="muted">(→ {{ o.aligns_to|join(', ') }})</small>{% endif %}{{ '; ' if not loop.last else '' }}{% endfor %}</li>{% endfor %}</ul>"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def okrs(ctx: ReportContext) -> Markup:
    titles = {o.id: o.title for _, o in ctx.engagement.objectives()}
    teams = [t for t in ctx.engagement.teams if t.objectives]
    if ctx.large:  # the strategic OKRs in full, then the teams' by unit: objectives only, unless --detail teams
        names = scale.team_names(ctx)
        top = html.render(_TEAMS, teams=[t for t in teams if t.name not in names], titles=titles)
        groups = scale.by_unit(ctx, ((t.name, t) for t in teams if t.name in names))
        listed = scale.grouped(ctx, "playbook-okrs", groups, (lambda g: html.render(_TEAMS, teams=g, titles=titles))
                               if ctx.detail == "teams" else (lambda g: html.render(_TEAM_TITLES, teams=g)), "teams")
        note = Markup("") if ctx.detail == "teams" else scale.omitted(ctx, "The key results")
        listing = html.safe(top + html.render("<h3>Team OKRs by business unit</h3>{{ note }}", note=note) + listed)
    else:
        listing = html.render(_TEAMS, teams=teams, titles=titles)
    return html.render("""
<section><h2>6. Our current OKRs ({{ cycle }})</h2>
{{ listing }}
{% if not any_okrs %}<p class="empty">No OKRs are recorded for this cycle yet.</p>{% endif %}
</section>""", listing=listing, cycle=ctx.engagement.cycle.name,
                       any_okrs=bool(ctx.engagement.objectives()))
