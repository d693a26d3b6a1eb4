"""The HTML pieces every report is made of, rendered by Jinja with autoescaping on.

Every value that comes from the engagement record (a team's name, an issue, a retro item)
goes through a template, so it is escaped whether or not the author of a section thought
about it: a hostile `<script>` in the data comes out as text. Only two things are marked
safe: fragments these templates produced, and SVG rendered by vl-convert (which escapes
the text it draws).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

from okrkit.progress import Status

__all__ = ["chart", "fmt_date", "fmt_delta", "fmt_num", "fmt_pct", "render", "safe"]

_MACROS = r"""
{% macro badge(status) -%}
<span class="status status-{{ status.value }}">{{ status.label }}</span>
{%- endmacro %}

{% macro bar(progress, expected=None, status=None) -%}
<span class="bar{% if status %} bar-{{ status.value }}{% endif %}" role="img"
  aria-label="{{ progress|pct }}{% if expected is not none %} against a pace of {{ expected|pct }}{% endif %}">
<span class="fill" style="width: {{ '%.1f' % (100 * [0, [progress, 1]|min]|max) }}%"></span>
{%- if expected is not none %}<span class="pace" style="left: {{ '%.1f' % (100 * expected) }}%"></span>{% endif -%}
</span>
{%- endmacro %}

{% macro confidence(value) -%}
{% if value is none %}<span class="muted">—</span>{% else %}<span class="confidence c{{ value }}">{{ value }}/10</span>{% endif %}
{%- endmacro %}

{% macro delta(value, good_when='up', unit='') -%}
{% if value is none %}<span class="muted">—</span>
{%- elif value == 0 %}<span class="delta flat">no change</span>
{%- else %}{% set up = value > 0 %}<span class="delta {{ 'good' if (up and good_when == 'up') or (not up and good_when == 'down') else 'bad' }}">
{{- '▲' if up else '▼' }} {{ value|delta }}{{ unit }}</span>{% endif %}
{%- endmacro %}

{% macro empty(text) -%}<p class="empty">{{ text }}</p>{%- endmacro %}
"""  # noqa: E501 (HTML template: one element per line reads better than wrapped markup)

_HEADER = r"""
<header class="report-header" data-kind="{{ kind }}">
  <p class="eyebrow">{{ client }} · OKR programme</p>
  <h1>{{ title }}</h1>
  <p class="subtitle">{{ subtitle }}</p>
  <dl class="meta">
    <div><dt>Client</dt><dd>{{ client }}</dd></div>
    <div><dt>Coach</dt><dd>{{ coach or 'not recorded' }}</dd></div>
    <div><dt>Cycle</dt><dd>{{ cycle.name }} ({{ cycle.start|date }} – {{ cycle.end|date }})</dd></div>
    <div><dt>Period</dt><dd>{{ period }}</dd></div>
    <div><dt>Data as of</dt><dd data-as-of="{{ as_of.isoformat() }}">{{ as_of|date }}</dd></div>
    <div><dt>Prepared</dt><dd>{{ prepared|date }}</dd></div>
  </dl>
</header>
"""


def fmt_date(value: dt.date | None) -> str:
    """`27 March 2026`."""
    return "—" if value is None else f"{value.day} {value:%B %Y}"


def fmt_short_date(value: dt.date | None) -> str:
    return "—" if value is None else f"{value.day} {value:%b}"


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def fmt_num(value: float | None) -> str:
    """Like `okrkit status`: integers without decimals, others with at most two."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_delta(value: float | None) -> str:
    return "—" if value is None else fmt_num(abs(value))


def fmt_unit(unit: str) -> Markup:
    """How a unit follows a number: `81%`, `12 min`; a long unit (`tickets/month`) goes below it."""
    if unit in ("", "%"):
        return Markup.escape(unit)
    if len(unit) <= 4:
        return Markup.escape(f" {unit}")
    return Markup('<span class="unit">{}</span>').format(unit)


def fmt_delta_unit(unit: str) -> Markup:
    """How a unit follows a change: a move from 40% to 32% is 8 points, not 8%."""
    return Markup(" pts") if unit == "%" else fmt_unit(unit)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=DictLoader({"macros": _MACROS, "header": _HEADER}),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date=fmt_date, short_date=fmt_short_date, pct=fmt_pct, num=fmt_num, delta=fmt_delta,
                       unit=fmt_unit, delta_unit=fmt_delta_unit)
    env.globals.update(Status=Status)
    return env


@lru_cache(maxsize=64)
def _compile(source: str) -> Any:
    return _env().from_string('{% import "macros" as m %}' + source)


def render(source: str, **values: Any) -> Markup:
    """Render a section template (autoescaped; the macros are there as `m`)."""
    return Markup(_compile(source).render(**values))


def header(**values: Any) -> Markup:
    return Markup(_env().get_template("header").render(**values))


def safe(fragment: str) -> Markup:
    """Mark a fragment as already escaped: only for output of `render` or `chart`."""
    return Markup(fragment)


_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def chart(svg: str, caption: str, *, label: str | None = None) -> Markup:
    """An SVG chart inline in a figure with a caption.

    The XML namespace declarations are dropped: inline SVG in HTML needs none, and a
    report then holds no http(s) address at all, which makes "no outside request" easy to
    check.
    """
    svg = _NAMESPACES.sub("", svg, count=0)
    svg = svg.replace("xlink:href", "href")
    return render(
        '<figure class="chart" role="img" aria-label="{{ label }}">{{ svg }}<figcaption>{{ caption }}</figcaption>'
        "</figure>",
        svg=Markup(svg), caption=caption, label=label or caption,
    )
