"""Pieces several reports share: the header, charts, the table of an objective's KRs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from okrkit import charts  # imports altair only when a chart is built
from okrkit.forecast import Forecast
from okrkit.progress import KRStatus, ObjectiveStatus
from okrkit.reports import html
from okrkit.reports.context import ReportContext

__all__ = ["figure", "header", "kr_table", "no_checkins", "objective_title", "value_changes"]


def header(ctx: ReportContext, title: str, subtitle: str, period: str) -> Markup:
    e = ctx.engagement
    return html.header(kind=ctx.kind, title=title, subtitle=subtitle, period=period, client=e.client,
                       coach=e.coach, cycle=e.cycle, as_of=ctx.as_of, prepared=ctx.prepared)


MISSING_MARK = "data-chart-missing"  # `okrkit report` finds these to name the charts that failed


def figure(chart: Any | Callable[[], Any], caption: str, *, name: str | None = None) -> Markup:
    """An `okrkit.charts` chart (or a function building one), rendered to inline SVG, with its caption.

    A chart that cannot be built or drawn becomes one line in the page naming it; the rest
    of the report is unaffected. The reason is the error's first line, never a JavaScript stack.
    """
    name = name or caption.split(":")[0].split(";")[0].rstrip(".")
    try:
        return html.chart(charts.to_svg(chart() if callable(chart) else chart), caption)
    except Exception as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        return html.render(
            '<p class="callout warn chart-missing" {{ mark }}="{{ name }}">The chart “{{ name }}” could not be '
            "drawn ({{ reason }}); everything else in this report is complete.</p>",
            mark=Markup(MISSING_MARK), name=name, reason=reason)


def no_checkins(ctx: ReportContext) -> Markup:
    """The honest note for an engagement whose teams have not checked in yet."""
    dates = [d for d in ctx.engagement.cycle.checkin_dates() if d >= ctx.engagement.cycle.start]
    first = next((d for d in dates if d >= ctx.as_of), dates[0] if dates else None)
    return html.render(
        '<div class="callout">No team has checked in yet this cycle, so there is no progress or confidence to '
        "report. {% if first %}The next weekly GRIP check-in is due on {{ first|date }}"
        "{% if weekday %} ({{ weekday }} at {{ time }}){% endif %}.{% endif %} "
        "Every number below is a starting point (the key results' baselines), not a result.</div>",
        first=first, weekday=ctx.engagement.cycle.checkin_weekday.value.capitalize(),
        time=ctx.engagement.cycle.checkin_time.strftime("%H:%M"),
    )


def objective_title(obj: ObjectiveStatus) -> Markup:
    return html.render("<span class='okr-id'>{{ o.id }}</span> {{ o.title }}", o=obj)


_KR_TABLE = """
<table class="krs">
<caption>{{ caption }}</caption>
<thead><tr><th scope="col">Key result</th><th scope="col" class="num">Baseline</th>
<th scope="col" class="num">{{ now_label }}</th><th scope="col" class="num">Target</th>
{% if changes is not none %}<th scope="col" class="num">{{ change_label }}</th>{% endif %}
<th scope="col">Progress</th>{% if forecasts is not none %}<th scope="col">At this pace</th>{% endif %}<th scope="col">{{ 'Score' if readings is not none else 'Status' }}</th></tr></thead>
<tbody>
{% for kr in krs %}
<tr data-kr="{{ kr.id }}" data-progress="{{ '%.4f' % kr.progress }}">
<th scope="row"><span class="okr-id">{{ kr.id }}</span> {{ kr.title }}
{% if not kr.measurable %}<br><small class="muted">{{ kr.unmeasurable_reason }}</small>
{% elif not kr.checked_in %}<br><small class="muted">not checked in yet</small>
{% elif kr.raw > 1 %}<br><small class="muted">beyond target ({{ kr.raw|pct }})</small>
{% elif kr.raw < 0 %}<br><small class="muted">went backwards ({{ kr.raw|pct }})</small>{% endif %}</th>
<td class="num">{{ kr.baseline|num }}{{ kr.unit|unit if kr.baseline is not none else '' }}</td>
<td class="num">{{ kr.current|num }}{{ kr.unit|unit if kr.current is not none else '' }}</td>
<td class="num">{{ kr.target|num }}{{ kr.unit|unit if kr.target is not none else '' }}</td>
{% if changes is not none %}<td class="num">{{ m.delta(changes.get(kr.id), 'down' if kr.direction and
  kr.direction.value == 'decrease' else 'up', kr.unit|delta_unit if changes.get(kr.id) is not none else '') }}</td>{% endif %}
{% if readings is not none %}<td class="progress"><span class="pct">{{ kr.progress|pct }}</span> {{ m.bar(kr.progress) }}</td>
<td class="score"><strong>{{ '%.2f' % kr.progress }}</strong> {{ readings[kr.id] }}</td>
{% else %}<td class="progress"><span class="pct">{{ kr.progress|pct }}</span> {{ m.bar(kr.progress, expected, kr.status) }}</td>
{% if forecasts is not none %}{% set fc = forecasts.get(kr.id) %}<td class="forecast">{% if fc %}{{ fc.progress|pct }} by {{ fc.on|short_date }}
<br><small class="muted">likely {{ fc.low_progress|pct }}–{{ fc.high_progress|pct }}</small>{% else %}<small class="muted">—</small>{% endif %}</td>{% endif %}
<td>{{ m.badge(kr.status) }}</td>{% endif %}
</tr>
{% endfor %}
</tbody>
</table>
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)


def kr_table(krs: list[KRStatus], caption: str, expected: float, *, changes: dict[str, float | None] | None = None,
             now_label: str = "Now", change_label: str = "Change", readings: dict[str, str] | None = None,
             forecasts: dict[str, Forecast] | None = None) -> Markup:
    """A labelled table of KRs: baseline, now, target, (change), progress against pace, (forecast), status.

    With `readings` (KR id → how a coach reads its score), the end of a cycle: each KR shows
    its score and that reading instead of a pace status, which no longer means anything.
    With `forecasts`, where each KR lands at the cycle's end at its pace so far.
    """
    return html.render(_KR_TABLE, krs=krs, caption=caption, expected=expected, changes=changes,
                       now_label=now_label, change_label=change_label, readings=readings, forecasts=forecasts)


def value_changes(krs: list[KRStatus], before: dict[str, KRStatus]) -> dict[str, float | None]:
    """How much each KR's value moved since an earlier status (None: no value then or now)."""
    out: dict[str, float | None] = {}
    for kr in krs:
        old = before.get(kr.id)
        if kr.current is None or old is None or old.current is None:
            out[kr.id] = None
        else:
            out[kr.id] = round(kr.current - old.current, 6)
    return out
