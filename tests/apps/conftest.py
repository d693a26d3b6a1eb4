"""Fixtures for the apps: a served demo engagement and a real browser (Debian's Chromium).

One `okrkit serve` per module that uses it (only test_browser.py), with a token and a preheated kernel per app, on a
free port. Each test gets a fresh browser context in which every request to another
host is aborted, and which fails the test if anything from our server failed to load,
a dialog opened (a hostile string ran) or the page threw.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps_server import CHROMIUM, CHROMIUM_ARGS, Server, Watch, start_server, stop_server, wait_for_pools

from okrkit.testing import demo_folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo engagement, served by `okrkit serve` with a token and preheated kernels."""
    base = tmp_path_factory.mktemp("served")
    folder = demo_folder(base)
    drafter = Path(__file__).with_name("drafter_app.ipynb")
    (folder / "apps").mkdir()
    shutil.copy(drafter, folder / "apps" / drafter.name)  # the coach's drafter, served only in tests
    # --demo as in the README: the apps take the demo's last check-in day as today.
    server = start_server(folder, base / "serve.log", "--demo", "--pool-size", "1")
    wait_for_pools(server, apps=4)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Module scope, not session: while Playwright's sync API is open it leaves an event loop
    # running in the main thread, and later tests (widgets that await when a loop runs) see it.
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}: apt-get install -y chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, served: Server) -> Iterator[object]:
    """A page in a fresh context: outside hosts blocked, failures and dialogs recorded and checked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    watch = Watch(local=served.base)

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith((served.base, "data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            watch.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    # Leaving an app asks Voila to shut its kernel down; the navigation may cancel that request.
    page.on("requestfailed", lambda r: watch.failed.append(r.url)
            if r.url.startswith(served.base) and "/voila/api/shutdown/" not in r.url else None)
    page.on("response", lambda r: watch.failed.append(f"{r.status} {r.url}")
            if r.url.startswith(served.base) and r.status >= 400 else None)

    def on_dialog(dialog: object) -> None:
        watch.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.watch = watch
    yield page
    context.close()
    assert not watch.dialogs, f"a dialog opened: {watch.dialogs}"
    assert not watch.failed, f"our server's resources failed to load: {watch.failed}"
    # Nothing at all is asked of another host: not even Font Awesome (okrkit's Voila template).
    assert not watch.blocked, f"the page asked another host for: {watch.blocked}"
