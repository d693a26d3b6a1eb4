"""Helpers for the apps' tests and benchmarks: start `okrkit serve`, open an app, save a screenshot.

Plain functions and classes (no pytest), so benchmarks/apps_*.py can use them too.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
RENDER_TIMEOUT_MS = 90_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    folder: Path
    port: int
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base(self) -> str:
        return f"http://localhost:{self.port}"

    def url(self, path: str = "/", *, token: bool = True, **query: str) -> str:
        params = dict(query, **({"token": self.token} if token else {}))
        return self.base + path + ("?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()) if params else "")

    def app_url(self, app: str, team: str | None = None) -> str:
        return self.url(f"/voila/render/{app}.ipynb", **({"team": team} if team else {}))


def start_server(folder: Path, log: Path, *extra: str) -> Server:
    port, token = free_port(), secrets.token_urlsafe(12)
    out = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "okrkit", "serve", str(folder), "--port", str(port), f"--token={token}", *extra],
        stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = Server(folder, port, token, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"okrkit serve exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(server.url("/login", token=False), timeout=2):
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"okrkit serve did not answer in 60 s:\n{log.read_text(errors='replace')}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def wait_for_pools(server: Server, apps: int, timeout: float = 90) -> None:
    """Wait until Voila says every app's pool of preheated kernels is full."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.log.read_text(errors="replace").count("is filled with") >= apps:
            return
        time.sleep(0.3)


@dataclass
class Watch:
    """What happened in a page that a test must not allow."""

    local: str
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_app(page: object, served: Server, app: str, team: str | None = None) -> float:
    """Navigate to an app and wait until Voila has rendered it; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(served.app_url(app, team))  # type: ignore[attr-defined]
    try:
        for selector, state in (("#loading", "detached"), ("#rendered_cells", "visible"), (".okr-app", "visible")):
            page.wait_for_selector(selector, state=state, timeout=RENDER_TIMEOUT_MS)  # type: ignore[attr-defined]
    except Exception as error:
        log = served.log.read_text(errors="replace")[-6000:]
        raise AssertionError(f"{app} did not render ({error.__class__.__name__}); the log ends:\n{log}") from error
    return time.perf_counter() - start


def screenshot(page: object, name: str) -> Path:
    """The whole app, not only the window: Voila scrolls inside the page, so grow the window first."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size  # type: ignore[attr-defined]
    height = page.evaluate(  # type: ignore[attr-defined]
        "() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll('.okr-app, main')]"
        ".map(e => e.getBoundingClientRect().bottom + 40))")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), 6000))})  # type: ignore[attr-defined]
    page.evaluate("() => { window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { "  # type: ignore[attr-defined]
                  "if (e.scrollTop) e.scrollTop = 0; }); }")
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(size)  # type: ignore[attr-defined]
    return path
