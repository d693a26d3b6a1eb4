"""Read what a widget tree would put on the page, for assertions."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as w


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def page_html(widget: w.Widget) -> str:
    """All the HTML the tree renders as markup (HTML widgets), joined."""
    return "\n".join(x.value for x in walk(widget) if isinstance(x, w.HTML))
