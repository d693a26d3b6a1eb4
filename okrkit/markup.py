"""The one Jinja environment that makes okrkit's HTML: report sections and the apps' fragments.

Autoescaping is on, so every value from the engagement record (a team's name, an issue, a
retro note) is escaped whether or not the author of a template thought about it: a hostile
`<script>` comes out as text. Only fragments this environment produced, and SVG rendered by
vl-convert (which escapes the text it draws), are marked safe. The filters are
`okrkit.formatting`'s and the look is `okrkit.theme`'s, the same as `okrkit status` and the charts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

from okrkit import formatting, theme
from okrkit.progress import Status

__all__ = ["Markup", "add_templates", "render", "render_named", "safe", "unit_html"]

_TEMPLATES: dict[str, str] = {}


def unit_html(unit: str | None) -> Markup:
    """A unit after a number: `81%`, `12 min`; a long one (`tickets/month`) in a span that can wrap below."""
    if formatting.is_long_unit(unit):
        return Markup('<span class="unit">{}</span>').format(unit)
    return Markup.escape(formatting.unit_suffix(unit))


def _delta_unit_html(unit: str | None) -> Markup:
    return Markup(" pts") if unit == "%" else unit_html(unit)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=DictLoader(_TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=formatting.date, short_date=formatting.short_date, pct=formatting.percent,
                       num=formatting.number, delta=formatting.delta, unit=unit_html, delta_unit=_delta_unit_html)
    env.globals.update(Status=Status, status_look=theme.status_look, level_look=theme.level_look)
    return env


def add_templates(**named: str) -> None:
    """Make templates importable by name (`{% import "macros" as m %}`); each module adds its own once."""
    _TEMPLATES.update(named)


@lru_cache(maxsize=256)
def _compile(source: str, prelude: str) -> Any:
    return _env().from_string(prelude + source)


def render(source: str, *, prelude: str = "", **values: Any) -> Markup:
    """Render a template string (autoescaped); `prelude` imports macros, e.g. '{% import "macros" as m %}'."""
    return Markup(_compile(source, prelude).render(**values))


def render_named(name: str, **values: Any) -> Markup:
    return Markup(_env().get_template(name).render(**values))


def safe(fragment: str) -> Markup:
    """Mark a fragment as already escaped: only for output of `render` or a chart's SVG."""
    return Markup(fragment)
