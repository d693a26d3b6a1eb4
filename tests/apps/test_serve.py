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
    monkeypatch.setattr("okrkit.serve.serve", lambda options, demo=False, verbose=False: seen.append(options) or 0)
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


# --- okrkit's own template and pages, the stable token ---------------------------------

from okrkit.serve import SHARE, TOKEN_FILE, engagement_token, voila_env  # noqa: E402


def test_apps_are_rendered_with_okrkits_template_found_on_the_jupyter_path() -> None:
    """Voila is told to use okrkit's template, and JUPYTER_PATH leads to it (kept ahead of any other)."""
    argv = voila_argv(_options(token="t"))
    assert "--VoilaConfiguration.template=okrkit" in argv
    env = voila_env(_options(token="t"), {"JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(":") == [str(SHARE), "/elsewhere"]
    assert (SHARE / "voila" / "templates" / "okrkit" / "index.html.j2").is_file()


def test_okrkits_template_asks_no_other_host() -> None:
    """The template itself names no outside host (the browser tests check the rendered page)."""
    for path in (SHARE / "voila" / "templates" / "okrkit").iterdir():
        text = path.read_text()
        assert "https://" not in text.replace("https://cdn.jsdelivr.net/npm/@fortawesome", ""), path


def test_the_sign_in_page_speaks_to_a_client_not_to_a_jupyter_user() -> None:
    """okrkit's login page: the engagement's name, ask your coach for the link, no Jupyter jargon."""
    import re

    text = (SHARE / "pages" / "login.html").read_text() + (SHARE / "pages" / "_page.html").read_text()
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)  # template comments are never sent
    assert "{{ okrkit_client }}" in text and "ask your coach for the link" in text
    assert not any(word in text.lower() for word in ("jupyter", "server list", "password:", "notebook"))


def test_kernels_use_unix_sockets_not_tcp() -> None:
    """Kernels listen on Unix sockets in Voila's private folder, not on loopback ports."""
    assert "--KernelManager.transport=ipc" in voila_argv(_options(token="t"))


def test_the_token_is_kept_per_engagement_and_readable_by_its_owner_only(tmp_path: Path) -> None:
    """The first serve makes a token in .okrkit-token (0600); the next serve finds the same one."""
    first, how = engagement_token(tmp_path)
    again, how_again = engagement_token(tmp_path)
    assert (how, how_again) == ("new", "kept") and first == again
    assert (tmp_path / TOKEN_FILE).stat().st_mode & 0o777 == 0o600


def test_rotating_the_token_replaces_it(tmp_path: Path) -> None:
    """--rotate-token writes a new token, still readable by its owner only."""
    first, _ = engagement_token(tmp_path)
    rotated, how = engagement_token(tmp_path, rotate=True)
    assert how == "rotated" and rotated != first and engagement_token(tmp_path)[0] == rotated
    assert (tmp_path / TOKEN_FILE).stat().st_mode & 0o777 == 0o600


def test_a_token_file_others_could_read_is_tightened(tmp_path: Path) -> None:
    """A token file made readable by others (a copy, an unzip) is set back to 0600 when read."""
    token, _ = engagement_token(tmp_path)
    (tmp_path / TOKEN_FILE).chmod(0o644)
    assert engagement_token(tmp_path)[0] == token
    assert (tmp_path / TOKEN_FILE).stat().st_mode & 0o777 == 0o600


def test_rotate_token_with_a_given_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path), "--token", "abc", "--rotate-token"]) == 2
    assert "--rotate-token" in capsys.readouterr().err


def test_a_folder_without_an_engagement_gets_no_token_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`okrkit serve` on a folder with no engagement fails with what to do, and leaves no .okrkit-token behind."""
    assert main(["serve", str(tmp_path)]) == 2
    assert "no engagement here" in capsys.readouterr().err
    assert not (tmp_path / TOKEN_FILE).exists()


def test_a_read_only_folder_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the token cannot be written, the error names the file and says to pass --token; no temp file stays."""
    from okrkit.errors import InputError
    from okrkit.serve import _stored_token

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("okrkit.serve.os.open", refuse)
    with pytest.raises(InputError, match=r"\.okrkit-token: cannot keep the apps' token there .*--token T"):
        _stored_token(tmp_path, rotate=False)
    assert list(tmp_path.iterdir()) == []
