"""The portfolio page in the hub, for coaches: `python -m okrkit.hub.portfolio_service FIRM_DIR`.

A hub-managed service (okrkit.hub.config) signed in through the hub's OAuth; the hub's
role `okrkit-coach` grants it, and the roster is checked again: a signed-in person who is
not a coach sees a clear refusal. Each coach sees the engagements they hold.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from okrkit.hub.portfolio import portfolio, render_html
from okrkit.hub.roster import load_roster, service_name


class PortfolioHandler(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    def initialize(self, firm: Path) -> None:
        self.firm = firm

    @web.authenticated
    async def get(self) -> None:
        name = self.get_current_user()["name"]
        roster = load_roster(self.firm)
        if not roster.is_coach(name):
            raise web.HTTPError(403, reason=f"{name} is not a coach: the portfolio is for the firm's coaches")
        entries = await asyncio.to_thread(portfolio, self.firm, coach=name)
        prefix = os.environ.get("JUPYTERHUB_BASE_URL", "/")
        links = {e.slug: f"{prefix}services/{service_name(e.slug)}/" for e in entries}
        self.set_header("Cache-Control", "no-store")
        self.finish(render_html(entries, name, links))


def main(argv: list[str] | None = None) -> int:
    firm = Path((argv or sys.argv[1:])[0]).resolve()
    load_roster(firm)
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    app = web.Application([
        (prefix, PortfolioHandler, {"firm": firm}),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    # On Kubernetes the URL names the hub's Service (hub:PORT), reached from the proxy's pod: listen on all.
    app.listen(url.port or 80, url.hostname if url.hostname in ("127.0.0.1", "localhost") else "0.0.0.0")
    loop = ioloop.IOLoop.current()
    for sig in (signal.SIGINT, signal.SIGTERM):  # the hub stops its services with these: stop at once
        signal.signal(sig, lambda *_: loop.add_callback_from_signal(loop.stop))
    loop.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
