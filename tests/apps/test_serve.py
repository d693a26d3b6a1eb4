"""`okrkit serve`'s settings and landing page, and reading the team from an app's URL (no server)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from okrkit.cli import main
from okrkit.landing import app_url, render_landing
from okrkit.model import Objective, Team
from okrkit.progress import engagement_status
from okrkit.serve import ServeOptions, new_token, voila_argv
from okrkit.testing import engagement
from okrkit.visit import query_value, team_from_url
from okrkit.workbook import app_templates

HOSTILE = "<img src=x onerror=alert(1)>"


def _options(**fields: object) -> ServeOptions:
    return ServeOptions(folder=Path("/srv/acme"), **fields)  # type: ignore[arg-type]


def test_voila_runs_over_the_apps_folder_with_client_safe_settings() -> None:
    """Sources hidden, no tracebacks, no overrides, no files, a token: all on the command line."""
    argv = voila_argv(_options(token="s3cret"))
    assert argv[0] == "/srv/acme/apps"
    for setting in ("--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False",
                    "--VoilaConfiguration.allow_template_override=NO", "--VoilaConfiguration.allow_theme_override=NO",
                    "--VoilaConfiguration.file_allowlist=^$", "--VoilaConfiguration.file_denylist=.*",
                    "--Voila.token=s3cret", "--Voila.ip=localhost", "--no-browser",
                    "--VoilaConfiguration.preheat_kernel=True", "--VoilaConfiguration.default_pool_size=1"):
        assert setting in argv
    assert not any("progressive_rendering" in a or "prelaunch_hook" in a for a in argv), "incompatible with preheat"
    assert any(a.startswith("--VoilaExecutor.cell_error_instruction=") and "coach" in a for a in argv)


def test_pool_size_zero_starts_a_kernel_per_visit() -> None:
    assert not any("preheat" in a for a in voila_argv(_options(token="t", pool_size=0)))


def test_no_token_means_an_empty_voila_token() -> None:
    assert "--Voila.token=" in voila_argv(_options(token=None))


def test_printed_url_carries_the_token() -> None:
    assert _options(token="abc", port=9000).url() == "http://localhost:9000/?token=abc"
    assert _options(token=None, ip="0.0.0.0").url() == "http://localhost:8866/"


def test_no_token_is_refused_on_a_network_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a token only this machine may connect: --no-token with --ip 0.0.0.0 is an error."""
    assert main(["serve", str(tmp_path), "--no-token", "--ip", "0.0.0.0"]) == 2
    assert "localhost" in capsys.readouterr().err


def test_serve_needs_a_folder_or_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    assert "okrkit serve --demo" in capsys.readouterr().err


def test_serve_names_a_folder_without_an_engagement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nothing"), "--token", "t"]) == 2
    assert "no engagement here" in capsys.readouterr().err


def test_generated_tokens_never_start_with_a_dash() -> None:
    """A token starting with '-' is read by argparse as an option: `--token -x` fails to parse."""
    tokens = [new_token() for _ in range(2000)]
    assert not [t for t in tokens if t.startswith("-")]
    assert len(set(tokens)) == 2000 and min(map(len, tokens)) >= 24


def test_a_token_starting_with_a_dash_passes_as_token_equals(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """How tests/apps/apps_server.py passes a token: `--token=-abc` is read as the token, not an option."""
    seen: list[ServeOptions] = []
    monkeypatch.setattr("okrkit.serve.serve", lambda options, demo=False: seen.append(options) or 0)
    assert main(["serve", str(tmp_path), "--token=-abc"]) == 0
    assert seen[0].token == "-abc"


def _status(teams: list[Team]) -> object:
    eng = engagement(teams=teams)
    return engagement_status(eng, [], as_of=dt.date(2026, 2, 1))


def test_landing_page_links_every_team_to_its_apps() -> None:
    """One card per team, each app's link carrying ?team=, the dashboard also for the whole engagement."""
    page = render_landing(_status([Team(name="Ops"), Team(name="Sales & Marketing")]), app_templates())
    assert page.count('data-team="Ops"') == 1
    assert 'href="/voila/render/checkin.ipynb?team=Sales%20%26%20Marketing"' in page
    assert 'href="/voila/render/dashboard.ipynb"' in page  # the whole engagement
    assert "https://" not in page and "<script" not in page, "nothing from outside, nothing to run"


def test_landing_page_escapes_engagement_text() -> None:
    """A team or client named with markup is shown as text, in the page and in the link."""
    team = Team(name=HOSTILE, okrs=[Objective(id="H-1", objective="<script>alert(2)</script>")])
    page = render_landing(_status([team]), app_templates())
    assert HOSTILE not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "?team=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E" in page


def test_app_url_quotes_the_team() -> None:
    template = app_templates()[0]
    assert app_url("/base/", template, "A/B?c") == f"/base/voila/render/{template.name}?team=A%2FB%3Fc"


def test_team_comes_from_the_query_string(monkeypatch: pytest.MonkeyPatch) -> None:
    """In Voila the team is the URL's ?team=; elsewhere (JupyterLab, papermill) the parameter."""
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    assert team_from_url("Ops") == "Ops"
    monkeypatch.setenv("QUERY_STRING", "team=Support%20Experience%20Team&x=1")
    assert team_from_url("Ops") == "Support Experience Team"
    assert query_value("x") == "1"
    monkeypatch.setenv("QUERY_STRING", "team=")
    assert team_from_url("Ops") == "Ops"


def test_a_preheated_kernel_waits_for_the_visit_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """With VOILA_PREHEAT the request is asked of Voila; once it is in the environment, not again."""
    import okrkit.visit

    calls = []

    def fake_wait() -> None:
        calls.append(1)
        monkeypatch.setenv("QUERY_STRING", "team=Ops")

    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(okrkit.visit, "_wait_for_visit", fake_wait)
    assert team_from_url() == "Ops"
    assert team_from_url() == "Ops"
    assert calls == [1]


def test_the_visit_is_read_from_voilas_query_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel side of voila.utils.wait_for_request, against a websocket that answers like Voila's."""
    import asyncio
    import json
    import threading

    import websockets

    from okrkit.visit import _wait_for_visit

    paths: list[str] = []
    ready = threading.Event()
    port: list[int] = []

    async def handler(connection: object) -> None:
        paths.append(connection.request.path)  # type: ignore[attr-defined]
        await connection.send(json.dumps({"QUERY_STRING": "team=Discover%20Team", "SERVER_NAME": "x"}))  # type: ignore[attr-defined]

    async def serve() -> None:
        async with websockets.serve(handler, "127.0.0.1", 0) as server:
            port.append(server.sockets[0].getsockname()[1])
            ready.set()
            await asyncio.sleep(5)

    threading.Thread(target=lambda: asyncio.run(serve()), daemon=True).start()
    ready.wait(5)
    monkeypatch.setenv("QUERY_STRING", "")  # remembered, so the value the visit sets is undone afterwards
    monkeypatch.delenv("QUERY_STRING")
    monkeypatch.setenv("VOILA_APP_PORT", str(port[0]))
    monkeypatch.setenv("VOILA_SERVER_URL", "/base/")
    monkeypatch.setenv("VOILA_KERNEL_ID", "1234")
    monkeypatch.setenv("SERVER_NAME", "before")
    _wait_for_visit()
    assert paths == ["/base/voila/query/1234"]
    assert team_from_url() == "Discover Team"


def test_serve_demo_writes_the_demo_and_pins_its_apps_to_its_last_checkin_day(tmp_path: Path) -> None:
    """`okrkit serve --demo` sets up an empty folder; the apps take the demo's last check-in day as today."""
    from okrkit.serve import prepare
    from okrkit.store import open_store

    folder = tmp_path / "okrkit-demo"
    assert prepare(ServeOptions(folder=folder), demo=True) == "Banco Aurora"
    last = max(c.date for c in open_store(folder).checkins())
    for app in ("checkin", "retro", "dashboard"):
        nb = nbformat.read(folder / "apps" / f"{app}.ipynb", as_version=4)
        injected = next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert f'today = "{last.isoformat()}"' in injected
    assert (folder / "engagement.yaml").exists() and (folder / "coach-workbook.ipynb").exists()
