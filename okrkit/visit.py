"""What a visitor asked for in an app's URL (`/voila/render/checkin.ipynb?team=Discover%20Team`).

Runs inside the app's kernel. Voila puts the visit's request (QUERY_STRING …) in the
kernel's environment: at once for a kernel started for the visit; for a preheated kernel,
which ran the notebook up to here before anyone came, only when the visit comes — the
kernel asks Voila for it over a websocket and waits. In JupyterLab or papermill there is
no visit: the notebook's own parameter is used.

`voila.utils.get_query_string()` does that wait, but importing it imports voila's server
extension and with it jupyter_server and jupyterlab_server: +45 MB and ~3 s in every
preheated kernel (measured: an app's kernel went from 1.3× to 2.0× a bare ipywidgets
kernel). `_wait_for_visit` speaks the same small protocol as voila.utils.wait_for_request
(voila 0.5: ws://VOILA_APP_IP:VOILA_APP_PORT{VOILA_SERVER_URL}voila/query/VOILA_KERNEL_ID,
one JSON message of environment variables) with the `websockets` client Voila itself uses.
The browser suite runs with preheated kernels, so a change of protocol fails it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import threading
from urllib.parse import parse_qs

__all__ = ["as_day", "query_value", "signed_in_user", "team_from_url"]

VISIT_TIMEOUT = 24 * 3600.0  # a preheated kernel may wait a long time for its visitor


async def _receive(url: str, attempts: int = 5) -> str | None:
    from okrkit.extras import require

    websockets = require("websockets", "apps")  # lazy: only preheated kernels need it

    for attempt in range(attempts):
        try:
            # A busy server (kernels starting) can be slow to accept: retry rather than run
            # the app without its team. Once connected, wait as long as the visitor takes.
            async with websockets.connect(url, open_timeout=15) as connection:
                message = await asyncio.wait_for(connection.recv(), VISIT_TIMEOUT)
        except (OSError, TimeoutError, websockets.WebSocketException):
            await asyncio.sleep(0.5 * (attempt + 1))
            continue
        return message if isinstance(message, str) else message.decode()
    return None


def _quiet_shutdown() -> None:
    """Drop the ZMQ traceback a waiting kernel logs when the server stops.

    A preheated kernel shut down while it waits for its visitor cannot send the reply of the
    cell it is running; ipykernel logs that as an error with a 20-line traceback, one per
    kernel, each time `okrkit serve` stops. Nothing is lost: only that record is dropped.
    """
    try:
        import zmq
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:
        return
    if IPKernelApp.initialized():
        IPKernelApp.instance().log.addFilter(
            lambda record: not (record.exc_info and isinstance(record.exc_info[1], zmq.ZMQError)))


if os.environ.get("VOILA_PREHEAT", "False") != "False":
    _quiet_shutdown()  # at import, the apps' first line: a kernel stopped while importing says nothing either


def _wait_for_visit() -> None:
    """Wait for the visit a preheated kernel was kept for; put its request in the environment."""
    env = os.environ
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}")
    received: list[str | None] = []
    # The kernel's own event loop is busy running this cell: wait on a loop of our own.
    thread = threading.Thread(target=lambda: received.append(asyncio.run(_receive(url))), daemon=True)
    thread.start()
    thread.join()
    if received and received[0]:
        for key, value in json.loads(received[0]).items():
            os.environ[key] = str(value)


def _query_string() -> str | None:
    if "QUERY_STRING" not in os.environ and os.environ.get("VOILA_PREHEAT", "False") != "False":
        _wait_for_visit()  # asked once: afterwards QUERY_STRING is in the environment
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


def signed_in_user() -> str | None:
    """Who signed in through JupyterHub (okrkit.hub.service sets the header), else None.

    Only the hub's service passes that header to the kernel, and it always overwrites what
    the browser sent; under `okrkit serve` or in JupyterLab there is no signed-in user.
    """
    _query_string()  # a preheated kernel learns its visit (and this header) here
    return os.environ.get("HTTP_X_OKRKIT_USER", "").strip() or None


def as_day(value: str | dt.date | None) -> dt.date | None:
    """A notebook parameter "2026-03-27" as a date (papermill passes strings); None stays None."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
