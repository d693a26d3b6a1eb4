"""The README's two commands on a fresh folder: `okrkit hub init firm --demo` and `okrkit hub firm`.

Then what docs/hosting.md tells a new firm to do, with the written config as it is
(NativeAuthenticator): the coach signs up (an admin: approved at once), the client user
signs up and cannot sign in until the coach approves them, then lands on the demo's apps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests
from hub_server import Hub, start_hub, stop_hub

from okrkit.cli import main as okrkit

pytestmark = pytest.mark.slow

PASSWORD = "Orange-Harbour-Lantern-42"  # NativeAuthenticator refuses short and common passwords


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("quickstart")
    assert okrkit(["hub", "init", str(base / "firm"), "--demo"]) == 0
    running = start_hub(base / "firm", base / "hub.log", None, pools=3, dummy=False)
    yield running
    stop_hub(running)


def _form(session: requests.Session, hub: Hub, path: str, **fields: str) -> requests.Response:
    page = session.get(hub.url(path), timeout=30)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    return session.post(hub.url(path), data={**fields, **({"_xsrf": xsrf.group(1)} if xsrf else {})}, timeout=60)


def _sign_up(hub: Hub, user: str) -> str:
    return _form(requests.Session(), hub, "/hub/signup", username=user, signup_password=PASSWORD,
                 signup_password_confirmation=PASSWORD).text


def _sign_in(hub: Hub, user: str) -> tuple[requests.Session, requests.Response]:
    session = requests.Session()
    return session, _form(session, hub, "/hub/login", username=user, password=PASSWORD)


def test_a_coach_and_a_client_user_sign_up_are_approved_and_sign_in(hub: Hub) -> None:
    """coach: signed up and in at once; discover: refused until the coach approves, then on the demo's apps."""
    _sign_up(hub, "coach")
    coach, home = _sign_in(hub, "coach")
    assert home.url.endswith("/hub/home") and "Banco Aurora" in home.text
    _sign_up(hub, "discover")
    _, refused = _sign_in(hub, "discover")
    assert "/hub/login" in refused.url  # not approved yet
    assert coach.get(hub.url("/hub/authorize/discover"), timeout=30).status_code == 200
    discover, landing = _sign_in(hub, "discover")
    assert landing.url.endswith("/services/banco-aurora/") and landing.status_code == 200
    teams = re.findall(r'data-team="([^"]+)"', landing.text)
    assert teams[0] == "Discover Team"  # their team first
    assert discover.get(hub.url("/hub/authorize"), timeout=30).status_code == 403  # approving is the coach's


def test_someone_not_on_the_roster_who_signs_up_still_cannot_sign_in(hub: Hub) -> None:
    _sign_up(hub, "mallory")
    session, page = _sign_in(hub, "mallory")
    assert "/hub/login" in page.url
    assert "/hub/login" in session.get(hub.url("/services/banco-aurora/"), timeout=30).url
