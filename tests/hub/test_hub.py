"""A firm's okrkit on a real JupyterHub: sign-in, who sees what, the author of a check-in.

One hub for the module (`okrkit hub FIRM_DIR` with its real proxy, two engagement
services and a local spawner) over a real PostgreSQL store; Chromium drives the check-in.
Two clients: alpha (Banco Aurora) and beta (Casa Norte). ana is an admin coach holding
both, cleo a coach holding none; maria and temp are alpha's client users, bruno beta's.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from hub_server import CHROMIUM, CHROMIUM_ARGS, PASSWORD, Hub, make_firm, sign_in, start_hub, stop_hub
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from okrkit.cli import main as okrkit
from okrkit.store import open_store

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

APP = "/voila/render/checkin.ipynb"


@pytest.fixture(scope="module")
def hub_db(pg_server: dict[str, object]) -> Iterator[str]:
    from pytest_postgresql.janitor import DatabaseJanitor

    with DatabaseJanitor(user=pg_server["user"], host=pg_server["host"], port=pg_server["port"], dbname="okrkit_hub"):
        yield f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/okrkit_hub"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, hub_db: str) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("hub")
    firm = make_firm(base, hub_db)
    running = start_hub(firm, base / "hub.log", hub_db)
    yield running
    stop_hub(running)
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(running.log, artifacts / "hub.log")  # to read after a failure: pytest's tmp folders rotate


def _kernel_id(html: str) -> str:
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    assert match, "the app page names no kernel"
    return match.group(1)


def _cookie_header(session: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def _open_kernel_socket(hub: Hub, service: str, kernel: str, session: requests.Session | None) -> None:
    url = f"ws://127.0.0.1:{hub.port}/services/{service}/api/kernels/{kernel}/channels"
    headers = {"Cookie": _cookie_header(session)} if session else {}
    with connect(url, additional_headers=headers, open_timeout=20):
        pass


# --- a client user in their engagement --------------------------------------------------------


def test_client_user_signs_in_and_records_a_checkin_as_herself(hub: Hub) -> None:
    """maria signs in in Chromium, lands on alpha's apps with her team first, and her check-in's author is maria."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    blocked: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(route: object) -> None:
            if route.request.url.startswith((hub.base, "data:", "blob:")):  # type: ignore[attr-defined]
                route.continue_()  # type: ignore[attr-defined]
            else:
                blocked.append(route.request.url)  # type: ignore[attr-defined]
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        page = context.new_page()
        page.goto(hub.url("/hub/login"))
        page.fill("#username_input", "maria")
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.wait_for_url(re.compile(r".*/services/alpha/$"), timeout=60_000)
        teams = page.locator(".card[data-team]:not([data-team=''])")
        assert teams.first.locator("h3").inner_text() == "Support Experience Team"  # her team first
        teams.first.locator("a.app").first.click()
        for selector, state in (("#loading", "detached"), ("#rendered_cells", "visible"), (".okr-app", "visible")):
            page.wait_for_selector(selector, state=state, timeout=90_000)
        author = page.get_by_placeholder("Your name")
        assert author.input_value() == "maria" and author.is_disabled()
        page.get_by_role("button", name="6", exact=True).click()
        page.get_by_placeholder("What will we do next week?").fill("Answer the top five questions in the app.")
        page.get_by_role("button", name="Save check-in").click()
        page.locator(".okr-msg-ok").wait_for(timeout=60_000)
        browser.close()
    saved = [c for c in open_store(hub.firm / "engagements" / "alpha", hub.db_url).checkins("Support Experience Team")
             if c.plan == "Answer the top five questions in the app."]
    assert [(c.author, c.confidence) for c in saved] == [("maria", 6)]
    assert all("fontawesome" in url for url in blocked), blocked  # Voila's own stylesheet (issue 8 replaces it)


def test_a_client_user_cannot_open_another_clients_apps(hub: Hub) -> None:
    """maria is refused beta's landing page and its apps, with the hub's 403 page."""
    maria = sign_in(hub, "maria")
    assert maria.get(hub.url("/services/alpha/"), timeout=30).status_code == 200
    for path in ("/services/beta/", f"/services/beta{APP}?team=Discover%20Team"):
        response = maria.get(hub.url(path), timeout=30)
        assert response.status_code == 403, path
        assert "Casa Norte" not in response.text and "Discover Team" not in response.text


def test_a_client_user_cannot_open_another_clients_kernel_websocket(hub: Hub) -> None:
    """A live beta kernel's websocket opens for its coach, never for maria or for no one."""
    ana = sign_in(hub, "ana")
    page = ana.get(hub.url(f"/services/beta{APP}?team=Discover%20Team"), timeout=90)
    assert page.status_code == 200
    kernel = _kernel_id(page.text)
    _open_kernel_socket(hub, "beta", kernel, ana)  # the control: the socket is real and open to its coach
    for session in (sign_in(hub, "maria"), None):
        with pytest.raises(InvalidStatus) as refused:
            _open_kernel_socket(hub, "beta", kernel, session)
        assert refused.value.response.status_code in (302, 403)


def test_a_kernels_visit_cannot_be_taken_through_the_proxy(hub: Hub) -> None:
    """Voila's unauthenticated /voila/query/KERNEL (a preheated kernel's visit) is refused from outside."""
    ana = sign_in(hub, "ana")
    kernel = _kernel_id(ana.get(hub.url(f"/services/alpha{APP}?team=Discover%20Team"), timeout=90).text)
    for session in (ana, None):
        with pytest.raises(InvalidStatus) as refused:
            url = f"ws://127.0.0.1:{hub.port}/services/alpha/voila/query/{kernel}"
            with connect(url, additional_headers={"Cookie": _cookie_header(session)} if session else {},
                         open_timeout=20):
                pass
        assert refused.value.response.status_code == 403


def test_a_client_user_has_no_hub_api_no_server_and_no_files(hub: Hub) -> None:
    """maria cannot list users or groups, start a server, open a coach's JupyterLab, or fetch a file."""
    ana = sign_in(hub, "ana")
    ana.get(hub.url("/hub/spawn/ana"), timeout=120)  # the coach's own JupyterLab, to try to get into
    # A page (not the API) takes the coach through the server's own OAuth sign-in.
    _wait_for(lambda: ana.get(hub.url("/user/ana/lab"), timeout=30).url.endswith("/user/ana/lab"), "ana's server")
    listing = ana.get(hub.url("/user/ana/api/contents"), timeout=30).json()
    assert sorted(item["name"] for item in listing["content"]) == ["alpha", "beta"]  # the engagements she holds
    maria = sign_in(hub, "maria")
    for path in ("/hub/api/users", "/hub/api/groups", "/hub/api/users/ana", "/hub/api/services"):
        assert maria.get(hub.url(path), timeout=30).status_code in (403, 404), path  # 404: not even whether it exists
    xsrf = maria.cookies.get("_xsrf", path="/hub/") or ""
    started = maria.post(hub.url("/hub/api/users/maria/server"), headers={"X-XSRFToken": xsrf}, timeout=30)
    assert started.status_code == 403
    assert maria.get(hub.url("/hub/spawn/maria"), timeout=30).status_code == 403
    for path in ("/user/ana/lab", "/user/ana/api/contents", "/user/ana/files/alpha/coach-workbook.ipynb"):
        response = maria.get(hub.url(path), timeout=30)
        assert response.status_code in (403, 404) or "/hub/login" in response.url, path
        assert "coach-workbook" not in response.text
    for path in ("/voila/files/okrkit.db", "/voila/files/../okrkit.db", "/voila/render/coach-workbook.ipynb",
                 "/voila/render/../coach-workbook.ipynb", "/voila/tree", "/voila/api/contents", "/api/kernels",
                 "/api/sessions"):
        response = maria.get(hub.url("/services/alpha" + path), timeout=30)
        assert response.status_code in (403, 404, 405), path
    assert maria.get(hub.url("/services/okrkit-portfolio/"), timeout=30).status_code == 403


# --- coaches --------------------------------------------------------------------------------


def test_a_coach_sees_both_engagements_and_the_portfolio(hub: Hub) -> None:
    """ana's home page links both clients and the portfolio; the portfolio lists both; both landing pages open."""
    ana = sign_in(hub, "ana")
    home = ana.get(hub.url("/hub/home"), timeout=30).text
    for text in ("Banco Aurora", "Casa Norte", "/services/alpha/", "/services/beta/", "/services/okrkit-portfolio/"):
        assert text in home
    portfolio = ana.get(hub.url("/services/okrkit-portfolio/"), timeout=60)
    assert portfolio.status_code == 200
    assert "Banco Aurora" in portfolio.text and "Casa Norte" in portfolio.text and "off track" in portfolio.text
    for service, client in (("alpha", "Banco Aurora"), ("beta", "Casa Norte")):
        landing = ana.get(hub.url(f"/services/{service}/"), timeout=30)
        assert landing.status_code == 200 and client in landing.text


def test_a_coach_holding_nothing_is_told_so_and_refused_the_apps(hub: Hub) -> None:
    """cleo (a coach on no engagement, in no client group) gets a clear page and no app."""
    cleo = sign_in(hub, "cleo")
    home = cleo.get(hub.url("/hub/home"), timeout=30)
    assert "No engagement is open to you yet" in home.text
    assert cleo.get(hub.url("/services/alpha/"), timeout=30).status_code == 403
    portfolio = cleo.get(hub.url("/services/okrkit-portfolio/"), timeout=60)
    assert portfolio.status_code == 200 and "You hold no engagement yet" in portfolio.text


# --- refusals ---------------------------------------------------------------------------------


def test_okrkit_refuses_a_user_the_hub_was_loosened_to_let_in(hub: Hub) -> None:
    """bruno (beta) is put into alpha's hub group through the API: the hub lets him through, okrkit does not."""
    ana = sign_in(hub, "ana")
    xsrf = ana.cookies.get("_xsrf", path="/hub/") or ""
    added = ana.post(hub.url("/hub/api/groups/client-alpha/users"), data=json.dumps({"users": ["bruno"]}),
                     headers={"X-XSRFToken": xsrf}, timeout=30)
    assert added.status_code == 200, added.text
    bruno = sign_in(hub, "bruno")
    refused = bruno.get(hub.url("/services/alpha/"), timeout=30)
    assert refused.status_code == 403
    assert "not on the Banco Aurora engagement" in refused.text and "Support Experience Team" not in refused.text
    with pytest.raises(InvalidStatus):
        page = ana.get(hub.url(f"/services/alpha{APP}?team=Discover%20Team"), timeout=90)
        _open_kernel_socket(hub, "alpha", _kernel_id(page.text), bruno)


def test_a_removed_user_is_refused_at_once(hub: Hub) -> None:
    """temp, signed in, is taken off the roster: the next request is refused, with a page saying why."""
    temp = sign_in(hub, "temp")
    assert temp.get(hub.url("/services/alpha/"), timeout=30).status_code == 200
    assert okrkit(["hub", "remove-user", str(hub.firm), "temp"]) == 0
    refused = temp.get(hub.url("/services/alpha/"), timeout=30)
    assert refused.status_code == 403 and "not on the Banco Aurora engagement" in refused.text


def test_someone_not_on_the_roster_cannot_sign_in(hub: Hub) -> None:
    """A name the roster does not hold is refused at the login form: no session cookie, no app."""
    stranger = sign_in(hub, "stranger")
    assert not any(c.name.startswith("jupyterhub-session") for c in stranger.cookies)
    response = stranger.get(hub.url("/services/alpha/"), timeout=30)
    assert "/hub/login" in response.url and "Sign in" in response.text


def test_a_tampered_cookie_is_refused(hub: Hub) -> None:
    """maria's cookies, each altered: the apps send to the login page instead of opening."""
    maria = sign_in(hub, "maria")
    assert maria.get(hub.url("/services/alpha/"), timeout=30).status_code == 200
    forged = requests.Session()
    for cookie in maria.cookies:
        value = cookie.value[:-6] + ("AAAAAA" if not cookie.value.endswith("AAAAAA") else "BBBBBB")
        forged.cookies.set(cookie.name, value, domain=cookie.domain, path=cookie.path)
    response = forged.get(hub.url("/services/alpha/"), timeout=30)
    assert "/hub/login" in response.url and "Sign in" in response.text
    assert "Support Experience Team" not in response.text


def test_signing_out_ends_access(hub: Hub) -> None:
    """After the hub's sign-out, maria's service cookie no longer opens the apps."""
    maria = sign_in(hub, "maria")
    assert maria.get(hub.url("/services/alpha/"), timeout=30).status_code == 200
    service_cookies = {c.name: c.value for c in maria.cookies if "alpha" in c.name}
    assert service_cookies, "the service set its own cookie"
    maria.get(hub.url("/hub/logout"), timeout=30)
    after = requests.Session()  # the browser keeps the service's cookie: send it back as it was
    for name, value in service_cookies.items():
        after.cookies.set(name, value)

    def refused() -> bool:
        response = after.get(hub.url("/services/alpha/"), timeout=30)
        return "/hub/login" in response.url
    _wait_for(refused, "access to end after signing out", timeout=15)


def _wait_for(condition: object, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(1)


def test_the_hub_log_holds_no_traceback_of_ours(hub: Hub) -> None:
    """What the tests above did left no okrkit traceback in the hub's, services' or kernels' log."""
    text = Path(hub.log).read_text(errors="replace")
    assert "okrkit/" not in "\n".join(line for line in text.splitlines() if line.strip().startswith("File "))
