"""`okrkit serve DIR`: the client's apps of one engagement, in Voila, safe to show a client.

It runs the standalone Voila application (never the Jupyter server extension, which would
expose a whole Jupyter server) over DIR/apps only, so neither the store nor the coach's
workbook can be reached from a browser. On top of Voila's defaults it:

- requires a token (printed in the URL) unless --no-token, which only binds to loopback;
- keeps sources stripped and tracebacks off, with a message meant for a client;
- refuses ?template= and ?theme= overrides, and serves no file at all from /voila/files/;
- preheats a pool of kernels per app (the app reads its team from the URL after the
  heavy imports, okrkit.visit), so an app is interactive at once;
- replaces Voila's file tree with a landing page listing each team's apps.

Settings are passed as command-line options, which traitlets ranks above any voila.json
or conf.json, so a stray config file cannot loosen them.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrkit.errors import InputError, OkrkitError
from okrkit.extras import require

__all__ = ["TOKEN_ENV", "ServeOptions", "new_token", "serve", "voila_argv"]

TOKEN_ENV = "OKRKIT_TOKEN"
ERROR_MESSAGE = ("Sorry, this app could not open. Nothing you saved is lost: reload the page, and if it "
                 "happens again tell your coach.")
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class ServeOptions:
    folder: Path
    port: int = 8866
    ip: str = "localhost"
    token: str | None = None  # None: no token (loopback only)
    pool_size: int = 1  # preheated kernels per app; 0 starts a kernel per visit
    db_url: str | None = None
    cull_idle_seconds: int = 1800

    @property
    def apps_dir(self) -> Path:
        from okrkit.workbook import APPS_DIR

        return self.folder / APPS_DIR

    def url(self, host: str | None = None) -> str:
        host = host or ("localhost" if self.ip in ("", "0.0.0.0", "::") else self.ip)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/" + (f"?token={self.token}" if self.token else "")


def new_token() -> str:
    """A random token that never starts with '-': argparse would take `--token -x…` for an option."""
    return secrets.token_hex(18)


def _is_loopback(ip: str) -> bool:
    if ip in _LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def voila_argv(options: ServeOptions) -> list[str]:
    """The Voila command line for these options (read by the tests, so keep it explicit)."""
    argv = [
        str(options.apps_dir.resolve()),
        "--no-browser",
        f"--Voila.port={options.port}",
        "--Voila.port_retries=0",  # the printed URL must be the one served
        f"--Voila.ip={options.ip}",
        f"--Voila.token={options.token or ''}",
        f"--Voila.config_file_paths={options.folder.resolve()}",  # a voila.json here only, not in cwd or ~
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--VoilaConfiguration.file_allowlist=^$",  # /voila/files/ serves nothing: the apps need no file
        "--VoilaConfiguration.file_denylist=.*",
        f"--VoilaExecutor.cell_error_instruction={ERROR_MESSAGE}",
        f"--MappingKernelManager.cull_idle_timeout={options.cull_idle_seconds}",
        "--MappingKernelManager.cull_interval=300",
    ]
    if options.pool_size > 0:
        argv += ["--VoilaConfiguration.preheat_kernel=True",
                 f"--VoilaConfiguration.default_pool_size={options.pool_size}"]
    return argv


def _check_port(ip: str, port: int) -> None:
    host = "127.0.0.1" if ip == "localhost" else ip
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise OkrkitError(f"port {port} is in use on {ip}; choose another with --port") from None


def prepare(options: ServeOptions, *, demo: bool = False) -> str:
    """Make sure the folder holds an engagement and its app notebooks; returns the client's name."""
    from okrkit.store import open_store
    from okrkit.workbook import app_templates, make_workbooks

    folder = options.folder
    if demo and not (folder.exists() and any(folder.iterdir())):
        _write_demo(folder, options.db_url)
    store = open_store(folder, options.db_url)
    engagement = store.load_engagement()
    if not (options.apps_dir.is_dir() and app_templates(options.apps_dir)):
        print(f"Writing the app notebooks into {options.apps_dir} (as `okrkit new {folder}` does)", file=sys.stderr)
        teams = [t.name for t in engagement.teams]
        # The demo's cycle is over: its apps take its last check-in day as today, so what a
        # visitor records shows in the dashboard (which reads the cycle as of its end).
        today = max((c.date for c in store.checkins()), default=None) if demo else None
        make_workbooks(folder, team=teams[0] if teams else None, today=today)
    return engagement.client


def _write_demo(folder: Path, url: str | None) -> None:
    from okrkit.demo import demo_record
    from okrkit.io.yaml_file import write_record
    from okrkit.store import open_store

    record = demo_record()
    open_store(folder, url, create=True).import_record(record)
    write_record(record, folder / "engagement.yaml")
    print(f"Demo engagement {record.engagement.client} written to {folder}", file=sys.stderr)


def serve(options: ServeOptions, *, demo: bool = False) -> int:
    if options.token is None and not _is_loopback(options.ip):
        raise InputError(f"--ip {options.ip}: without a token the apps are served on this machine only "
                         "(localhost); drop --no-token to serve others", field="ip")
    require("voila.app", "apps")  # before --demo writes anything
    client = prepare(options, demo=demo)
    _check_port(options.ip, options.port)
    # The kernels inherit this environment: the store's URL, and where a preheated kernel
    # asks for its visit (Voila assumes 127.0.0.1, wrong when bound to one other address).
    if options.db_url:
        os.environ["OKRKIT_DB_URL"] = options.db_url
    if options.ip not in ("", "0.0.0.0", "::", "localhost"):
        os.environ["VOILA_APP_IP"] = options.ip
    print(f"\n  {client}: the apps are at  {options.url()}\n", file=sys.stderr, flush=True)
    app_class = _voila_app_class()
    app_class.launch_instance(argv=voila_argv(options), engagement_dir=str(options.folder.resolve()),
                              db_url=options.db_url or "")
    return 0


def _voila_app_class() -> Any:
    """Voila, with the landing page in place of the file tree (built lazily: voila is heavy)."""
    import asyncio  # here, not at the top: `okrkit --help` reads TOKEN_ENV from this module
    require("voila.app", "apps")
    from jupyter_server.base.handlers import JupyterHandler
    from tornado import web
    from traitlets import Unicode
    from voila.app import Voila
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from okrkit.landing import render_landing
    from okrkit.progress import engagement_status
    from okrkit.store import open_store
    from okrkit.workbook import app_templates

    class LandingHandler(JupyterHandler):  # type: ignore[misc]
        """The engagement's apps, read afresh from the store at each visit (teams change)."""

        def initialize(self, folder: str, db_url: str | None) -> None:
            self.folder = Path(folder)
            self.store = open_store(self.folder, db_url)

        def _page(self) -> str:
            record = self.store.load_record()
            status = engagement_status(record.engagement, record.checkins, retros=record.retros)
            return render_landing(status, app_templates(self.folder / "apps"), self.base_url)

        @web.authenticated
        async def get(self) -> None:
            self.xsrf_token  # noqa: B018 - reading it sets the cookie the apps' pages send back
            page = await asyncio.to_thread(self._page)
            self.set_header("Cache-Control", "no-store")
            self.finish(page)

    class AppHandler(TornadoVoilaHandler):  # type: ignore[misc]
        """Voila's app page, which also sets the _xsrf cookie.

        On leaving, the page asks Voila to shut its kernel down with a POST carrying that
        cookie's value; Voila never sets it, so with a token the POST is refused (403) and
        the kernel lingers until culled. Each kernel is a visitor's memory: free it.
        """

        @web.authenticated
        async def get(self, path: str | None = None) -> None:
            self.xsrf_token  # noqa: B018 - reading it sets the cookie
            await super().get(path)

    class OkrkitVoila(Voila):  # type: ignore[misc]
        name = "okrkit-serve"
        engagement_dir = Unicode("", help="the engagement folder (its apps/ is Voila's root)")
        db_url = Unicode("", help="the store's URL, if not the folder's SQLite file")

        def init_handlers(self) -> list[Any]:
            kept = [(h[0], AppHandler, *h[2:]) if h[1] is TornadoVoilaHandler else h
                    for h in super().init_handlers() if h[1] not in (TornadoVoilaTreeHandler, VoilaContentsHandler)]
            landing = (self.server_url, LandingHandler,
                       {"folder": self.engagement_dir, "db_url": self.db_url or None})
            return [landing, *kept]

    return OkrkitVoila
