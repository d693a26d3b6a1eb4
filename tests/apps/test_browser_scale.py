"""A large organisation's dashboard in Chromium: its page is built in the chart worker while
the kernel waits, and a leader's link (?unit=…) opens one business unit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apps_server import Server, open_app, screenshot, start_server, stop_server, wait_for_pools

from okrkit.testing import scale_folder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A generated bank of 40 teams (business units first), served with a preheated kernel per app."""
    base = tmp_path_factory.mktemp("large")
    server = start_server(scale_folder(base, 40), base / "serve.log", "--pool-size", "1")
    wait_for_pools(server, apps=3)
    yield server
    stop_server(server)


def test_the_whole_view_fills_in_with_units_and_charts(page, served: Server) -> None:
    """The kernel shows the page at once and the units' table and charts arrive from the worker."""
    open_app(page, served, "dashboard")
    page.get_by_role("heading", name="Business units").wait_for(timeout=60_000)
    page.locator(".okr-app svg").first.wait_for(timeout=60_000)
    text = page.locator(".okr-app").inner_text()
    assert "Retail Banking" in text and "furthest behind the pace" in text and "T0001-1.1" not in text
    screenshot(page, "dashboard-large")


def test_a_unit_link_opens_that_unit(page, served: Server) -> None:
    """?unit=Retail Banking opens the unit: its own OKRs and its teams, one line each."""
    page.goto(served.url("/voila/render/dashboard.ipynb", unit="Retail Banking"))
    page.get_by_role("heading", name="Retail Banking", exact=True).wait_for(timeout=90_000)
    text = page.locator(".okr-app").inner_text()
    assert "U02-1.1" in text and "Team 0002" in text and "Team 0001" not in text
