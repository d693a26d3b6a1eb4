"""A real firm's hub for tests and benchmarks/hub_load.py: `okrkit hub FIRM_DIR` on loopback.

The firm is made with okrkit's own commands (hub init, add-engagement, add-user, grant);
JupyterHub runs it with its real proxy, the engagements' services and a local spawner.
Sign-in is JupyterHub's DummyAuthenticator with one password (tests only; the roster's
allowed_users still decides who may sign in).
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

from okrkit.cli import main as okrkit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "apps"))
from apps_server import CHROMIUM, CHROMIUM_ARGS, free_port

from okrkit.demo import demo_record
from okrkit.io.yaml_file import write_record

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PASSWORD", "Hub", "make_firm", "sign_in", "start_hub", "stop_hub"]

PASSWORD = "a-test-password-1"
START_TIMEOUT = 120


@dataclass
class Hub:
    firm: Path
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    db_url: str | None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path


def make_firm(folder: Path, db_url: str | None) -> Path:
    """Two clients: alpha (Banco Aurora, the demo) and beta (Casa Norte); coaches and client users."""
    firm = folder / "firm"
    db = ["--db", db_url] if db_url else []
    assert okrkit(["hub", "init", str(firm), "--firm", "Test Coaching", "--coach", "ana"]) == 0
    record = demo_record()
    beta = record.model_copy(update={"engagement": record.engagement.model_copy(update={"client": "Casa Norte"})})
    write_record(beta, folder / "beta.yaml")
    assert okrkit(["hub", "add-engagement", str(firm), "alpha", "--demo", "--coach", "ana", *db]) == 0
    assert okrkit(["hub", "add-engagement", str(firm), "beta", "--from", str(folder / "beta.yaml"), *db]) == 0
    assert okrkit(["hub", "grant", str(firm), "ana", "beta"]) == 0
    for args in (["maria", "--client", "alpha", "--team", "Support Experience Team"], ["temp", "--client", "alpha"],
                 ["bruno", "--client", "beta"], ["cleo", "--coach"]):
        assert okrkit(["hub", "add-user", str(firm), *args, *db]) == 0
    return firm


def start_hub(firm: Path, log: Path, db_url: str | None, *extra: str, pools: int = 6, dummy: bool = True) -> Hub:
    """Start the hub and wait until every engagement's app kernels are preheated.

    `dummy`: sign in with DummyAuthenticator and PASSWORD; else the written config's own (NativeAuthenticator).
    """
    if dummy:
        extra = ("--JupyterHub.authenticator_class=dummy", f"--DummyAuthenticator.password={PASSWORD}", *extra)
    port = free_port()
    # Voila's own log lines (pools filled) tell when the apps are ready: keep them (OKRKIT_VERBOSE).
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "OKRKIT_VERBOSE": "1",
           **({"OKRKIT_DB_URL": db_url} if db_url else {})}
    out = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "okrkit", "hub", str(firm), "--port", str(port), "--", *extra],
        stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    hub = Hub(firm, port, process, log, db_url)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        text = log.read_text(errors="replace")
        if "JupyterHub is now running" in text and text.count("is filled with") >= pools:
            return hub
        if process.poll() is not None or time.monotonic() > deadline:
            stop_hub(hub)
            raise AssertionError(f"the hub did not start; its log ends:\n{text[-5000:]}")
        time.sleep(0.5)


def stop_hub(hub: Hub) -> None:
    """Stop the hub, its proxy, services, servers and kernels: every process it started."""
    try:
        root = psutil.Process(hub.process.pid)
        family = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()  # the tests' data lives in temporary folders: no need for a graceful stop
    psutil.wait_procs(family, timeout=10)


def sign_in(hub: Hub, user: str, password: str = PASSWORD) -> requests.Session:
    """A signed-in session, as a browser would have after the hub's login form."""
    session = requests.Session()
    page = session.get(hub.url("/hub/login"), timeout=30)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    data = {"username": user, "password": password, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
    session.post(hub.url("/hub/login"), data=data, timeout=60)
    return session
