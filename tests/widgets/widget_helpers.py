"""Read what a widget tree would put on the page, for assertions; the hostile text the tests use.

Constants live here, not in conftest: `from conftest import` picks whichever folder's
conftest was imported first when tests/widgets and tests/apps run together.
"""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as w

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('x')</script>"


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def page_html(widget: w.Widget) -> str:
    """All the HTML the tree renders as markup (HTML widgets), joined."""
    return "\n".join(x.value for x in walk(widget) if isinstance(x, w.HTML))
