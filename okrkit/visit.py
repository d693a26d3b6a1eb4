"""What a visitor asked for in an app's URL (`/voila/render/checkin.ipynb?team=Discover%20Team`).

Runs inside the app's kernel. With Voila's preheated kernels the notebook runs up to the
call below before anyone visits; `voila.utils.get_query_string()` then waits for the visit
and returns its query string. In JupyterLab or papermill there is no visit: the notebook's
own parameter is used. voila is imported only when it is needed (it pulls in
jupyter_server), so a JupyterLab kernel never pays for it.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

__all__ = ["query_value", "team_from_url"]


def _query_string() -> str | None:
    # Voila puts the visit's request in the kernel's environment: at start for a kernel
    # started for the visit, once the visit comes for a preheated one (asked only once).
    if "QUERY_STRING" not in os.environ and os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import get_query_string  # lazy: see the module docstring

        return get_query_string()
    return os.environ.get("QUERY_STRING")


def query_value(name: str, default: str | None = None) -> str | None:
    """The first value of `name` in the visit's query string, else `default`."""
    query = _query_string()
    if not query:
        return default
    values = parse_qs(query, keep_blank_values=False).get(name)
    return values[0].strip() if values and values[0].strip() else default


def team_from_url(default: str | None = None) -> str | None:
    """The team named by `?team=…`; the app itself checks that the team exists."""
    return query_value("team", default)
