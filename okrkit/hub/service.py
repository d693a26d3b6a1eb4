"""One engagement's client apps under JupyterHub: `python -m okrkit.hub.service ENGAGEMENT_DIR --firm FIRM_DIR`.

The hub starts this as a managed service (okrkit.hub.config). It is `okrkit serve`'s Voila
(the standalone app, okrkit's landing page, the same locked-down options from
okrkit.serve.voila_argv) with two changes:

- no shared token: every request — pages, the kernels' websockets, shutdown — is signed in
  through the hub's OAuth (JupyterHub's own identity provider for Jupyter servers), and the
  hub's scopes must grant this service; then okrkit re-checks the firm's roster, so a user
  outside the engagement is refused even if the hub's roles were loosened;
- the signed-in user's name reaches the app's kernel as the request header `X-Okrkit-User`
  (set here, never taken from the browser), and okrkit.visit.signed_in_user() reads it, so
  a check-in's or a retrospective's author is who signed in.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from html import escape
from pathlib import Path
from typing import Any

from jupyterhub.singleuser.extension import JupyterHubIdentityProvider

from okrkit.hub.roster import load_roster
from okrkit.serve import ServeOptions, _voila_app_class, voila_argv, voila_env

__all__ = ["USER_HEADER", "HubIdentityProvider", "main"]

USER_HEADER = "X-Okrkit-User"
FIRM_ENV = "OKRKIT_FIRM_DIR"
VERBOSE_ENV = "OKRKIT_VERBOSE"


_REFUSED = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not on this engagement</title>
<style>body{{font-family:system-ui,sans-serif;background:#f4f6fa;color:#1d2430;margin:0}}
main{{max-width:640px;margin:80px auto;background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:24px 28px}}
h1{{font-size:22px;margin:0 0 10px}}a{{color:#1f4e8c}}</style></head>
<body><main><h1>Not on this engagement</h1><p>{message}</p><p><a href="{logout}">Sign out</a></p></main>
</body></html>"""


def roster_logout() -> str:
    """The hub's sign-out page (the hub's public prefix, from the service's environment)."""
    return os.environ.get("JUPYTERHUB_BASE_URL", "/") + "hub/logout"


class HubIdentityProvider(JupyterHubIdentityProvider):  # type: ignore[misc]
    """The hub's OAuth sign-in, then okrkit's own check of the engagement's group."""

    def __init__(self, token: Any = None, login_handler_class: Any = None, **kwargs: Any) -> None:
        # Voila hands its token and login page to any identity provider: under the hub there is neither.
        super().__init__(**kwargs)

    def get_handlers(self) -> list[Any]:
        # Voila adds these as they are; jupyter_server would put its base URL in front.
        prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"].rstrip("/")
        return [(prefix + path, *rest) for path, *rest in super().get_handlers()]

    async def get_user(self, handler: Any) -> Any:
        user = await super().get_user(handler)
        if user is None:
            return None
        slug = Path(os.environ["OKRKIT_ENGAGEMENT_DIR"]).name
        roster = load_roster(os.environ[FIRM_ENV])
        if roster.may_open(user.username, slug):
            return user
        self.log.warning("okrkit: refused %s, who is not on engagement %s", user.username, slug)
        client = roster.engagements[slug].client if slug in roster.engagements else slug
        message = (f"You are signed in as {user.username}, who is not on the {client} engagement. "
                   "Ask your coach for access, or sign out and sign in as someone else.")

        def refuse(*args: Any, **kwargs: Any) -> None:
            handler.set_status(403)
            handler.set_header("Content-Type", "text/html; charset=utf-8")
            handler.set_header("Cache-Control", "no-store")
            handler.finish(_REFUSED.format(message=escape(message), logout=escape(roster_logout())))

        handler.redirect = refuse  # as the hub's own provider does: @web.authenticated then answers 403
        handler._jupyterhub_user = None
        return None


def _hub_voila_class() -> Any:
    from voila.request_info_handler import RequestInfoSocketHandler

    base = _voila_app_class()

    class HubLandingHandler(base.landing_handler):  # type: ignore[misc,name-defined]
        """The engagement's landing page, the signed-in user's team first."""

        def _page(self) -> str:
            from okrkit.landing import render_landing
            from okrkit.progress import engagement_status
            from okrkit.workbook import app_templates

            record = self.store.load_record()
            status = engagement_status(record.engagement, record.checkins, retros=record.retros)
            roster = load_roster(os.environ[FIRM_ENV])
            person = roster.users.get(self.current_user.username)
            if person and person.team:
                teams = sorted(status.teams, key=lambda t: t.name != person.team)  # stable: the rest keep their order
                status = dataclasses.replace(status, teams=teams)
            return render_landing(status, app_templates(self.folder / "apps"), self.base_url)

    class HubAppHandler(base.app_handler):  # type: ignore[misc,name-defined]
        async def get(self, path: str | None = None) -> None:
            # Whoever the browser claims to be, the kernel hears who signed in.
            user = self.current_user
            self.request.headers[USER_HEADER] = user.username if user else ""
            await super().get(path)

    class KernelOnlyRequestInfoHandler(RequestInfoSocketHandler):  # type: ignore[misc]
        """Where a preheated kernel learns its visit (okrkit.visit): for the kernels on this machine only.

        Voila leaves it unauthenticated; through the hub's proxy anyone holding a kernel id
        could take a visit's request (the visitor's team and name) in the kernel's place.
        The proxy marks what it forwards (X-Forwarded-For); the kernels connect directly.
        """

        async def get(self, *args: Any, **kwargs: Any) -> None:
            if "X-Forwarded-For" in self.request.headers or self.request.remote_ip not in ("127.0.0.1", "::1"):
                self.set_status(403)
                self.finish()
                return
            await super().get(*args, **kwargs)

    class HubVoila(base):  # type: ignore[misc,valid-type]
        name = "okrkit-hub-service"
        landing_handler = HubLandingHandler
        app_handler = HubAppHandler

        def init_handlers(self) -> list[Any]:
            return [(h[0], KernelOnlyRequestInfoHandler, *h[2:]) if h[1] is RequestInfoSocketHandler else h
                    for h in super().init_handlers()]

    return HubVoila


def hub_argv(options: ServeOptions, prefix: str) -> list[str]:
    """okrkit serve's Voila options, behind the hub's sign-in at `prefix` (/services/SLUG/)."""
    return [*voila_argv(options),
            f"--Voila.base_url={prefix}",
            "--Voila.identity_provider_class=okrkit.hub.service.HubIdentityProvider",
            f"--VoilaConfiguration.http_header_envs={USER_HEADER}",
            # The hub's answer about a user is cached; keep it short, so signing out (which
            # revokes the user's tokens) or being removed ends access within seconds.
            "--HubOAuth.cache_max_age=5"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="okrkit.hub.service", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--firm", type=Path, required=True)
    parser.add_argument("--pool-size", type=int, default=ServeOptions.pool_size)
    parser.add_argument("--cull-idle-seconds", type=int, default=ServeOptions.cull_idle_seconds,
                        help="shut down a kernel nobody is connected to after this long "
                             f"(default {ServeOptions.cull_idle_seconds})")
    parser.add_argument("--fork-kernels", action=argparse.BooleanOptionalAction, default=ServeOptions.fork_kernels,
                        help="fork each app kernel from a warm process (okrkit.forkserver; the default)")
    parser.add_argument("--ip", default="127.0.0.1", help="0.0.0.0 on Kubernetes, where the proxy is another pod")
    args = parser.parse_args(argv)
    url = os.environ["JUPYTERHUB_SERVICE_URL"]  # set by the hub: where it proxies /services/SLUG/ to
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    options = ServeOptions(folder=args.folder, port=port, ip=args.ip, token=None, pool_size=args.pool_size,
                           db_url=os.environ.get("OKRKIT_DB_URL") or None, cull_idle_seconds=args.cull_idle_seconds,
                           fork_kernels=args.fork_kernels)
    os.environ.update(voila_env(options))  # okrkit's own Voila template, found on the Jupyter path
    os.environ["OKRKIT_ENGAGEMENT_DIR"] = str(args.folder.resolve())
    os.environ[FIRM_ENV] = str(args.firm.resolve())
    os.environ["VOILA_APP_IP"] = "127.0.0.1"  # where a preheated kernel asks for its visit
    load_roster(args.firm)  # a broken roster stops the service with its one-line error, before Voila starts
    argv = hub_argv(options, os.environ["JUPYTERHUB_SERVICE_PREFIX"])
    if args.cull_idle_seconds < 600:  # look for idle kernels more often than okrkit serve's 5 minutes
        argv = [a for a in argv if not a.startswith("--MappingKernelManager.cull_interval=")]
        argv.append(f"--MappingKernelManager.cull_interval={max(5, args.cull_idle_seconds // 2)}")
    # One line per visit and per problem, as `okrkit serve` logs; OKRKIT_VERBOSE=1 keeps Voila's own lines.
    _hub_voila_class().launch_instance(argv=argv, engagement_dir=str(args.folder.resolve()),
                                       db_url=options.db_url or "", verbose=os.environ.get(VERBOSE_ENV) == "1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
