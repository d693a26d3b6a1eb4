"""JupyterHub's configuration of a firm, from its roster: what `jupyterhub_config.py` calls.

Each engagement is a **hub-managed service** at `/services/SLUG/`: one standalone Voila
(okrkit.hub.service) over that engagement's apps, started and restarted by the hub,
owned by no person. Access is by JupyterHub scopes: the role `engagement-SLUG` holds
`access:services!service=SLUG` and is given to the group `client-SLUG` and to the coaches
holding the engagement; the service re-checks the roster at every visit. Client users get
nothing else: the default `user` role is narrowed so they cannot start a server, make
tokens or read the hub's API. Coaches get their own JupyterLab (a single-user server) over
the engagements they hold, and the portfolio service.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Any

from okrkit.hub.roster import PORTFOLIO_SERVICE, Roster, client_group, load_roster, service_name
from okrkit.serve import ServeOptions  # the serving defaults, in one place (no Voila imported)

__all__ = ["CONFIG_FILE", "config_text", "configure", "landing_url", "links_for"]

CONFIG_FILE = "jupyterhub_config.py"
STATE_DIR = ".hub"  # the hub's own database, cookie secret and pid files
COACHES_DIR = "coaches"  # each coach's JupyterLab folder: links to the engagements they hold
HUB_DB_ENV = "OKRKIT_HUB_DB_URL"
IDLE_CULLER = "idle-culler"
TEMPLATES = Path(__file__).with_name("templates")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _service_env() -> dict[str, str]:
    """What a service's Voila and its kernels need from the hub's environment: the store's URL."""
    return {k: os.environ[k] for k in ("OKRKIT_DB_URL", "OKRKIT_VERBOSE", "PYTHONPATH") if os.environ.get(k)}


K8S_FIRST_PORT = 10100  # on Kubernetes the proxy pod reaches each service at hub:PORT (docs/z2jh-values.yaml)


def services(roster: Roster, *, pool_size: int = ServeOptions.pool_size, kubernetes: bool = False,
             cull_idle_seconds: int = ServeOptions.cull_idle_seconds,
             fork_kernels: bool = ServeOptions.fork_kernels) -> list[dict[str, Any]]:
    found = []
    for i, (slug, engagement) in enumerate(sorted(roster.engagements.items())):
        folder = roster.engagement_dir(slug).resolve()
        url = f"http://hub:{K8S_FIRST_PORT + i}" if kubernetes else f"http://127.0.0.1:{_free_port()}"
        found.append({
            "name": service_name(slug),
            "display": False,  # the hub's home page lists what each person may open (templates/home.html)
            "url": url,
            "command": [sys.executable, "-m", "okrkit.hub.service", str(folder), "--firm", str(roster.folder.resolve()),
                        "--pool-size", str(pool_size), "--cull-idle-seconds", str(cull_idle_seconds),
                        "--ip", "0.0.0.0" if kubernetes else "127.0.0.1",
                        *([] if fork_kernels else ["--no-fork-kernels"])],
            "cwd": str(folder),
            "environment": _service_env(),
            "oauth_no_confirm": True,
            "info": {"client": engagement.client},
        })
    # Coaches' idle JupyterLabs are stopped after an hour (the apps cull their own idle kernels).
    found.append({"name": IDLE_CULLER, "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]})
    portfolio_url = f"http://hub:{K8S_FIRST_PORT - 1}" if kubernetes else f"http://127.0.0.1:{_free_port()}"
    found.append({
        "name": PORTFOLIO_SERVICE, "display": False, "url": portfolio_url,
        "command": [sys.executable, "-m", "okrkit.hub.portfolio_service", str(roster.folder.resolve())],
        "environment": _service_env(), "oauth_no_confirm": True,
    })
    return found


def roles(roster: Roster) -> list[dict[str, Any]]:
    coaches = sorted(u.name for u in roster.users.values() if u.role == "coach")
    found: list[dict[str, Any]] = [
        # Every hub user has this role: a client user may only sign in and out and open what a
        # role below grants; no server of their own, no tokens, nothing of the hub's API.
        {"name": "user", "description": "okrkit: sign in only",
         "scopes": ["read:users:name!user", "read:users:groups!user"]},
        {"name": "okrkit-coach", "description": "okrkit coach: own JupyterLab and the portfolio",
         "scopes": ["self", f"access:services!service={PORTFOLIO_SERVICE}"], "users": coaches},
    ]
    found.append({"name": "okrkit-idle-culler", "description": "stop coaches' idle servers",
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
                  "services": [IDLE_CULLER]})
    for slug, engagement in sorted(roster.engagements.items()):
        found.append({"name": f"engagement-{slug}", "description": f"open the apps of {engagement.client}",
                      "scopes": [f"access:services!service={service_name(slug)}"],
                      "groups": [client_group(slug)], "users": list(engagement.coaches)})
    return found


def links_for(roster: Roster, user: str) -> list[tuple[str, str]]:
    """The engagements `user` may open, as (client, path below the hub's base URL), for the hub's home page."""
    return [(roster.engagements[s].client, f"services/{service_name(s)}/")
            for s in sorted(roster.engagements) if roster.may_open(user, s)]


def landing_url(roster: Roster, user: str | None, base_url: str = "/") -> str:
    """Where a signed-in person lands: a client user straight in their engagement's apps."""
    if user and user in roster.users and not roster.is_coach(user):
        slugs = [s for s in roster.engagements if roster.may_open(user, s)]
        if len(slugs) == 1:
            return f"{base_url}services/{service_name(slugs[0])}/"
    return f"{base_url}hub/home"


def configure(c: Any, firm_dir: str | Path, *, pool_size: int = ServeOptions.pool_size, kubernetes: bool = False,
              cull_idle_seconds: int = ServeOptions.cull_idle_seconds,
              fork_kernels: bool = ServeOptions.fork_kernels) -> Roster:
    """Set JupyterHub's configuration `c` for the firm in `firm_dir` (see the module's docstring).

    With `kubernetes`, Zero to JupyterHub's chart owns the machinery (database, proxy,
    KubeSpawner, ports): only who-is-who, the services and the pages are set here.
    """
    firm = Path(firm_dir).resolve()
    roster = load_roster(firm)
    if not kubernetes:
        _machinery(c, firm)

    users = set(roster.users)
    c.Authenticator.allowed_users = users
    c.Authenticator.admin_users = {u.name for u in roster.users.values() if u.admin}
    c.Authenticator.delete_invalid_users = True  # a user taken off the roster is gone at the next start
    c.JupyterHub.load_groups = {client_group(s): {"users": roster.members(s)} for s in roster.engagements}
    c.JupyterHub.load_roles = roles(roster)
    c.JupyterHub.services = services(roster, pool_size=pool_size, kubernetes=kubernetes,
                                     cull_idle_seconds=cull_idle_seconds, fork_kernels=fork_kernels)

    c.Spawner.default_url = "/lab"
    c.Spawner.environment = _service_env()
    c.Spawner.pre_spawn_hook = lambda spawner: _prepare_coach(firm, spawner.user.name, make_links=not kubernetes)

    c.JupyterHub.default_url = lambda handler: landing_url(
        load_roster(firm), handler.current_user.name if handler.current_user else None, handler.base_url)
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.template_vars = {
        "okrkit_firm": roster.firm,
        # Called with the signed-in user, or None on pages before sign-in.
        "okrkit_links": lambda user: links_for(load_roster(firm), user.name) if user else [],
        "okrkit_is_coach": lambda user: bool(user) and load_roster(firm).is_coach(user.name),
        "okrkit_portfolio": f"services/{PORTFOLIO_SERVICE}/",
    }
    return roster


def _machinery(c: Any, firm: Path) -> None:
    """One machine: the hub's state in FIRM_DIR/.hub, loopback ports, coaches' servers as local processes."""
    state = firm / STATE_DIR
    state.mkdir(mode=0o700, exist_ok=True)
    c.JupyterHub.db_url = os.environ.get(HUB_DB_ENV) or f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    c.JupyterHub.bind_url = "http://127.0.0.1:8000"
    c.JupyterHub.hub_port = _free_port()  # the hub's internal API, loopback only
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_free_port()}"
    # A coach's JupyterLab. SimpleLocalProcessSpawner runs it as the hub's own system user:
    # fine for one coach or a trusted few; isolate coaches with LocalProcessSpawner (system
    # users) or KubeSpawner (docs/hosting.md).
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(firm / COACHES_DIR / "{username}")
    if os.geteuid() == 0:  # a container or test machine running everything as root: Jupyter refuses without it
        c.Spawner.args = ["--allow-root"]


def _prepare_coach(firm: Path, name: str, *, make_links: bool = True) -> None:
    """Refuse a server to anyone but a coach; link the engagements the coach holds into their folder."""
    roster = load_roster(firm)
    if not roster.is_coach(name):
        raise PermissionError(f"{name} is not a coach: client users have no server")
    if not make_links:
        return  # on Kubernetes the coach's pod mounts the engagements it holds (docs/hosting.md)
    home = firm / COACHES_DIR / name
    home.mkdir(parents=True, exist_ok=True)
    held = set(roster.held_by(name))
    for link in home.iterdir():
        if link.is_symlink() and link.name not in held:
            link.unlink()  # no longer held
    for slug in held:
        link = home / slug
        if not link.exists() and not link.is_symlink():
            link.symlink_to(roster.engagement_dir(slug).resolve(), target_is_directory=True)


def config_text() -> str:
    """The documented, editable `jupyterhub_config.py` that `okrkit hub init` writes."""
    return '''"""JupyterHub configuration of this firm's okrkit (written by `okrkit hub init`; edit freely).

Start the hub with `okrkit hub FIRM_DIR` (or `jupyterhub -f FIRM_DIR/jupyterhub_config.py`).
Who is who lives in okrkit-hub.yaml beside this file: change it with
`okrkit hub add-engagement|add-user|grant|remove-user` and restart the hub. docs/hosting.md
explains every choice below.
"""

from pathlib import Path

from okrkit.hub.config import configure

c = get_config()  # noqa: F821 - JupyterHub provides it
FIRM_DIR = Path(__file__).resolve().parent

# Groups (client-ENGAGEMENT), roles and scopes, one service per engagement (its client apps,
# Voila under the hub's sign-in), the portfolio service and the coaches' JupyterLab.
# pool_size: kernels kept ready per app and engagement (memory: docs/hosting.md);
# cull_idle_seconds: an app's kernel nobody is connected to any more is shut down after it;
# fork_kernels=False starts each app kernel as a new Python instead of forking it from a warm
# process (about three times the CPU per visit; docs/hosting.md).
configure(c, FIRM_DIR, pool_size=1, cull_idle_seconds=1800)

# --- Where people reach the hub -------------------------------------------------------
# Behind a TLS-terminating proxy (nginx, caddy) keep it on loopback; or serve TLS here with
# c.JupyterHub.ssl_cert / ssl_key and bind_url = "https://0.0.0.0:443".
c.JupyterHub.bind_url = "http://127.0.0.1:8000"

# --- Signing in -----------------------------------------------------------------------
# NativeAuthenticator: people sign up at /hub/signup with a name on the roster, and an
# admin coach approves them at /hub/authorize. Nobody is let in without approval.
# NativeAuthenticator, fixed for JupyterHub 6:
c.JupyterHub.authenticator_class = "okrkit.hub.native.OkrkitNativeAuthenticator"
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 120
# A firm with single sign-on uses an OAuthenticator instead (pip install oauthenticator), e.g.:
#   c.JupyterHub.authenticator_class = "generic-oauth"
#   c.GenericOAuthenticator.client_id = "..."; c.GenericOAuthenticator.client_secret = "..."
#   c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.com/hub/oauth_callback"
#   c.GenericOAuthenticator.authorize_url / token_url / userdata_url = "..."
# The roster still decides who may sign in (allowed_users) and who sees which engagement.

# --- Databases ------------------------------------------------------------------------
# The engagements' store: one PostgreSQL database for the firm, set before starting:
#   export OKRKIT_DB_URL=postgresql://okrkit@db.example.com/okrkit
# The hub's own database: SQLite in .hub/ by default; PostgreSQL in production:
#   export OKRKIT_HUB_DB_URL=postgresql://jupyterhub@db.example.com/jupyterhub

# --- Idle servers and kernels --------------------------------------------------------------
# configure() adds jupyterhub-idle-culler, which stops a coach's JupyterLab idle for an hour;
# the client apps cull their own idle kernels after 30 minutes.
'''
