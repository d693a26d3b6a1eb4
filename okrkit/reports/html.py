"""The HTML pieces every report is made of: macros and the header, rendered by okrkit.markup.

Every value that comes from the engagement record goes through a template of that one
autoescaping Jinja environment (shared with the apps), so a hostile `<script>` comes out as text.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from okrkit import formatting, markup

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


# Kept under their old names for the report sections; they are okrkit.formatting's.
fmt_date = formatting.date
fmt_short_date = formatting.short_date
fmt_pct = formatting.percent
fmt_num = formatting.number
fmt_delta = formatting.delta
fmt_unit = markup.unit_html

markup.add_templates(macros=_MACROS, header=_HEADER)


def render(source: str, **values: Any) -> Markup:
    """Render a section template (autoescaped; the macros are there as `m`)."""
    return markup.render(source, prelude='{% import "macros" as m %}', **values)


def header(**values: Any) -> Markup:
    return markup.render_named("header", **values)


safe = markup.safe


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
