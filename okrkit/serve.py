"""`okrkit serve DIR`: the client's apps of one engagement, in Voila, safe to show a client.

It runs the standalone Voila application (never the Jupyter server extension, which would
expose a whole Jupyter server) over DIR/apps only, so neither the store nor the coach's
workbook can be reached from a browser. On top of Voila's defaults it:

- requires a token (printed in the URL) unless --no-token, which only binds to loopback;
- keeps sources stripped and tracebacks off, with a message meant for a client;
- refuses ?template= and ?theme= overrides, and serves no file at all from /voila/files/;
- preheats a pool of kernels per app (the app reads its team from the URL after the
  heavy imports, okrkit.visit), so an app is interactive at once, and forks each kernel
  from a process that has made those imports once (okrkit.forkserver), so refilling the
  pool costs a fraction of a Python start;
- replaces Voila's file tree with a landing page listing each team's apps;
- renders the apps with okrkit's own Voila template (okrkit/share/voila/templates/okrkit),
  which asks no other host for anything, and shows okrkit's own sign-in and error pages;
- keeps one token per engagement folder (`.okrkit-token`, readable by its owner only), so the
  links a coach sent keep working after a restart; `--rotate-token` makes a new one;
- logs one line per visit and per problem.

Settings are passed as command-line options, which traitlets ranks above any voila.json
or conf.json, so a stray config file cannot loosen them.
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import logging
import os
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrkit.errors import InputError, OkrkitError
from okrkit.extras import require

__all__ = ["TOKEN_ENV", "TOKEN_FILE", "ServeOptions", "new_token", "serve", "voila_argv"]

TOKEN_ENV = "OKRKIT_TOKEN"
TOKEN_FILE = ".okrkit-token"
SHARE = Path(__file__).with_name("share")  # okrkit's Voila template and pages
TEMPLATE = "okrkit"
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
    # Start the apps' kernels from a warm fork server (okrkit.forkserver) rather than a new Python:
    # a kernel then costs about a third of the CPU, which is what lets one machine take a hub's load.
    fork_kernels: bool = True
    stored_token: bool = False  # use the engagement's own token (DIR/.okrkit-token), made if needed
    rotate_token: bool = False  # replace that token with a new one first

    @property
    def apps_dir(self) -> Path:
        from okrkit.workbook import APPS_DIR

        return self.folder / APPS_DIR

    def url(self, host: str | None = None) -> str:
        host = host or ("localhost" if self.ip in ("", "0.0.0.0", "::") else self.ip)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/" + (f"?token={self.token}" if self.token else "")


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
        f"--VoilaConfiguration.template={TEMPLATE}",  # found through voila_env's JUPYTER_PATH
        f"--VoilaExecutor.cell_error_instruction={ERROR_MESSAGE}",
        # Kernels talk to the server over Unix sockets in Voila's private connection folder, not
        # loopback TCP ports any local user could reach (and no "TCP without encryption" warning).
        "--KernelManager.transport=ipc",
        f"--MappingKernelManager.cull_idle_timeout={options.cull_idle_seconds}",
        "--MappingKernelManager.cull_interval=300",
    ]
    if options.fork_kernels:
        argv.append("--MappingKernelManager.kernel_manager_class=okrkit.forkserver.ForkingKernelManager")
    if options.pool_size > 0:
        argv += ["--VoilaConfiguration.preheat_kernel=True",
                 f"--VoilaConfiguration.default_pool_size={options.pool_size}"]
    return argv


def voila_env(options: ServeOptions, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment Voila and its kernels need beside `voila_argv`: where okrkit's template is, the store."""
    env = dict(os.environ if environ is None else environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), env.get("JUPYTER_PATH", "")) if p)
    if options.db_url:
        env["OKRKIT_DB_URL"] = options.db_url
    # Where a preheated kernel asks for its visit: Voila assumes 127.0.0.1, wrong when bound to one other address.
    if options.ip not in ("", "0.0.0.0", "::", "localhost"):
        env["VOILA_APP_IP"] = options.ip
    return env


# --- the token ----------------------------------------------------------------------------


def new_token() -> str:
    """A random token that never starts with '-' (a command line would read it as an option)."""
    return secrets.token_hex(16)


def engagement_token(folder: Path, *, rotate: bool = False) -> tuple[str, str]:
    """The engagement's stable token from `folder/.okrkit-token`, made (or remade) when needed.

    Returns the token and what happened ("kept", "new", "rotated"). The file is readable by
    its owner only (0600): anyone who can read it can open every team's apps.
    """
    path = folder / TOKEN_FILE
    if path.exists() and not rotate:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # tightened, never loosened
        token = path.read_text(encoding="utf-8").strip()
        if token and not token.startswith("-"):
            return token, "kept"
    token = new_token()
    tmp = path.with_name(f"{TOKEN_FILE}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
        os.replace(tmp, path)  # all or nothing: a half-written token would lock the teams out
    finally:
        tmp.unlink(missing_ok=True)
    return token, "rotated" if rotate else "new"


def _stored_token(folder: Path, *, rotate: bool) -> str:
    try:
        token, how = engagement_token(folder, rotate=rotate)
    except OSError as error:
        raise InputError(f"{folder / TOKEN_FILE}: cannot keep the apps' token there ({error.strerror}); "
                         f"pass --token T or set ${TOKEN_ENV}", field="token") from None
    if how != "kept":
        print(f"A {'new ' if how == 'rotated' else ''}token for this engagement is in {folder / TOKEN_FILE}: "
              "the links below keep working after a restart"
              + ("; links sent before no longer work" if how == "rotated" else ""), file=sys.stderr)
    return token


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
    if demo and not (folder.exists() and any(p.name != TOKEN_FILE for p in folder.iterdir())):
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


def serve(options: ServeOptions, *, demo: bool = False, verbose: bool = False) -> int:
    if options.token is None and not options.stored_token and not _is_loopback(options.ip):
        raise InputError(f"--ip {options.ip}: without a token the apps are served on this machine only "
                         "(localhost); drop --no-token to serve others", field="ip")
    require("voila.app", "apps")  # before --demo writes anything
    client = prepare(options, demo=demo)
    if options.stored_token:  # only once the folder is known to hold an engagement: no stray token files
        options = dataclasses.replace(options, token=_stored_token(options.folder, rotate=options.rotate_token))
    _check_port(options.ip, options.port)
    os.environ.update(voila_env(options))  # Voila reads JUPYTER_PATH itself; the kernels inherit the rest
    print(f"\n  {client}: the apps are at  {options.url()}\n", file=sys.stderr, flush=True)
    app_class = _voila_app_class()
    app_class.launch_instance(argv=voila_argv(options), engagement_dir=str(options.folder.resolve()),
                              db_url=options.db_url or "", client=client, verbose=verbose)
    return 0


# Voila's routine lines, each visit logging five or six of them; `okrkit serve --verbose` keeps them.
_ROUTINE = ("is not trusted", "Kernel started:", "Kernel pool of", "Adapting from protocol", "Connecting to kernel",
            "Starting buffering", "Discarding", "Kernel shutdown:", "Using pre-heated kernel", "Culling kernels",
            "connection files", "Serving static files", "Kernel restarted", "logged in.")


def _not_routine(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return record.levelno >= logging.ERROR or not any(part in message for part in _ROUTINE)


def log_request(log: logging.Logger, handler: Any) -> None:
    """One line per visit of an app or the landing page, one per refused or failed request; no token."""
    status, request = handler.get_status(), handler.request
    page = request.path.rsplit("/", 1)[-1] or "landing page"
    team = (handler.get_query_argument("team", "") or "").strip()
    seconds = request.request_time()
    if status >= 500:
        log.error("failed: %s %s (%d)", request.method, request.path, status)
    elif status >= 400:
        log.warning("refused: %s %s (%d)%s", request.method, request.path, status,
                    " - no valid token" if status in (401, 403) else "")
    elif request.method == "GET" and status == 200 and (request.path.startswith("/voila/render/")
                                                        or request.path == handler.settings.get("base_url", "/")):
        log.info("visit: %s%s (%.1f s)", page.removesuffix(".ipynb"), f" for {team}" if team else "", seconds)


def _voila_app_class() -> Any:
    """Voila, with the landing page in place of the file tree (built lazily: voila is heavy)."""
    import asyncio  # here, not at the top: `okrkit --help` reads TOKEN_ENV from this module
    require("voila.app", "apps")
    import jinja2
    from jupyter_server.base.handlers import JupyterHandler
    from tornado import web
    from traitlets import Bool, Unicode
    from voila.app import Voila
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler
    from voila.voila_identity_provider import VoilaLoginHandler

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

    class LoginHandler(VoilaLoginHandler):  # type: ignore[misc]
        """okrkit's sign-in page (pages/login.html): the engagement's name, no Jupyter jargon."""

    class OkrkitVoila(Voila):  # type: ignore[misc]
        name = "okrkit-serve"
        engagement_dir = Unicode("", help="the engagement folder (its apps/ is Voila's root)")
        db_url = Unicode("", help="the store's URL, if not the folder's SQLite file")
        landing_handler: type = LandingHandler  # okrkit.hub.service subclasses both
        app_handler: type = AppHandler
        client = Unicode("", help="the client's name, shown on the sign-in and error pages")
        verbose = Bool(False, help="keep Voila's routine log lines (kernels started, pools filled …)")

        def init_settings(self) -> dict[str, Any]:
            settings = super().init_settings()
            # Jupyter's own login, 403 and error pages give way to okrkit's (a missing 403.html
            # made every refused websocket log a traceback).
            server_env = settings["jinja2_env"]
            settings["jinja2_env"] = server_env.overlay(
                loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(SHARE / "pages")), server_env.loader]))
            settings["jinja_template_vars"] = {"okrkit_client": self.client or "okrkit"}
            settings["log_function"] = functools.partial(log_request, self.log)
            # Jupyter's default ping timeout is longer than its ping interval, which tornado
            # corrects with a message printed at every visit: make them equal.
            settings["ws_ping_timeout"] = settings.get("ws_ping_interval", 30_000)
            return settings

        def initialize(self, argv: Any = None) -> None:
            if not self.verbose:
                self.log.addFilter(_not_routine)
            super().initialize(argv)

        def init_handlers(self) -> list[Any]:
            kept = [(h[0], self.app_handler, *h[2:]) if h[1] is TornadoVoilaHandler else h
                    for h in super().init_handlers() if h[1] not in (TornadoVoilaTreeHandler, VoilaContentsHandler)]
            kept = [(h[0], LoginHandler, *h[2:]) if h[1] is VoilaLoginHandler else h for h in kept]
            landing = (self.server_url, self.landing_handler,
                       {"folder": self.engagement_dir, "db_url": self.db_url or None})
            return [landing, *kept]

    return OkrkitVoila
