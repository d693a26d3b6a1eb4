"""The firm's hub without starting it: roster, commands, JupyterHub's config, the Kubernetes values, the portfolio."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from okrkit.cli import main as okrkit
from okrkit.errors import InputError
from okrkit.hub.config import CONFIG_FILE
from okrkit.hub.portfolio import portfolio, render_html, render_text
from okrkit.hub.roster import ROSTER_FILE, load_roster

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def firm(tmp_path: Path) -> Path:
    """A hub folder with the demo engagement, its coach and one client user (`okrkit hub init --demo`)."""
    folder = tmp_path / "firm"
    assert okrkit(["hub", "init", str(folder), "--demo"]) == 0
    return folder


def _load_config(firm: Path) -> object:
    """JupyterHub's config as the hub reads it: the written file run with get_config()."""
    return PyFileConfigLoader(CONFIG_FILE, path=str(firm)).load_config()


def test_init_writes_the_layout_the_roster_and_an_editable_config(firm: Path) -> None:
    """`hub init --demo`: engagements/, coaches/, the roster and jupyterhub_config.py; the demo's store and apps."""
    assert (firm / ROSTER_FILE).is_file() and (firm / CONFIG_FILE).is_file() and (firm / "coaches").is_dir()
    assert sorted(p.name for p in (firm / "engagements" / "banco-aurora" / "apps").glob("*.ipynb")) == [
        "checkin.ipynb", "dashboard.ipynb", "retro.ipynb"]
    roster = load_roster(firm)
    assert roster.held_by("coach") == ["banco-aurora"] and roster.members("banco-aurora") == ["discover"]
    assert "NativeAuthenticator" in (firm / CONFIG_FILE).read_text()


def test_the_config_gives_each_client_group_its_engagement_only(firm: Path) -> None:
    """One service per engagement; its role grants it to client-SLUG and its coaches; clients get no server."""
    c = _load_config(firm)
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert set(services) == {"banco-aurora", "okrkit-portfolio", "idle-culler"}
    assert services["banco-aurora"]["command"][1:3] == ["-m", "okrkit.hub.service"]
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["engagement-banco-aurora"]["scopes"] == ["access:services!service=banco-aurora"]
    assert roles["engagement-banco-aurora"]["groups"] == ["client-banco-aurora"]
    assert roles["engagement-banco-aurora"]["users"] == ["coach"]
    assert "self" not in roles["user"]["scopes"] and not any(s.startswith(("servers", "tokens", "access"))
                                                             for s in roles["user"]["scopes"])
    assert c.JupyterHub.load_groups == {"client-banco-aurora": {"users": ["discover"]}}
    assert c.Authenticator.allowed_users == {"coach", "discover"} and c.Authenticator.admin_users == {"coach"}
    assert c.JupyterHub.authenticator_class == "okrkit.hub.native.OkrkitNativeAuthenticator"
    assert c.NativeAuthenticator.open_signup is False


def test_two_engagements_are_two_services_and_two_groups(firm: Path, tmp_path: Path) -> None:
    """A second client added with the commands is its own service, role and group; nobody shares a token."""
    assert okrkit(["hub", "add-engagement", str(firm), "casa-norte", "--demo"]) == 0
    assert okrkit(["hub", "add-user", str(firm), "rita", "--client", "casa-norte", "--team", "Discover Team"]) == 0
    c = _load_config(firm)
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["engagement-casa-norte"]["users"] == []  # no coach holds it yet
    assert c.JupyterHub.load_groups["client-casa-norte"] == {"users": ["rita"]}
    urls = [s["url"] for s in c.JupyterHub.services if "url" in s]
    assert len(set(urls)) == len(urls)
    assert not any("token" in arg.lower() for s in c.JupyterHub.services for arg in s.get("command", []))


def test_landing_sends_a_client_user_to_their_apps_and_a_coach_home(firm: Path) -> None:
    from okrkit.hub.config import landing_url

    roster = load_roster(firm)
    assert landing_url(roster, "discover") == "/services/banco-aurora/"
    assert landing_url(roster, "coach") == "/hub/home"
    assert landing_url(roster, "nobody") == "/hub/home"


@pytest.mark.parametrize(("args", "field"), [
    (["add-engagement", "{firm}", "Bad Name!", "--demo"], "engagement"),
    (["add-engagement", "{firm}", "okrkit-portfolio", "--demo"], "engagement"),
    (["add-engagement", "{firm}", "banco-aurora", "--demo"], "already"),
    (["add-engagement", "{firm}", "other", "--demo", "--coach", "discover"], "not a coach"),
    (["add-user", "{firm}", "x", "--client", "nowhere"], "no engagement 'nowhere'"),
    (["add-user", "{firm}", "x", "--client", "banco-aurora", "--team", "No Such Team"], "no team"),
    (["add-user", "{firm}", "Has Space", "--coach"], "not a valid user name"),
    (["add-user", "{firm}", "x"], "--coach, or --client"),
    (["add-user", "{firm}", "coach", "--coach"], "already on the hub"),
    (["grant", "{firm}", "discover", "banco-aurora"], "not a coach"),
    (["remove-user", "{firm}", "nobody"], "no user 'nobody'"),
])
def test_bad_commands_are_one_line_errors_and_change_nothing(firm: Path, capsys: pytest.CaptureFixture[str],
                                                             args: list[str], field: str) -> None:
    """Each refusal: exit 2, one line naming what is wrong, the roster and the folders as they were."""
    before = (firm / ROSTER_FILE).read_text()
    folders = sorted(p.name for p in (firm / "engagements").iterdir())
    capsys.readouterr()
    assert okrkit(["hub", *[a.format(firm=firm) for a in args]]) == 2
    error = capsys.readouterr().err.strip()
    assert field in error and error.startswith("okrkit hub:") and "\n" not in error
    assert (firm / ROSTER_FILE).read_text() == before
    assert sorted(p.name for p in (firm / "engagements").iterdir()) == folders


def test_a_malformed_roster_is_a_clear_error(firm: Path) -> None:
    (firm / ROSTER_FILE).write_text("users:\n  eve: {role: owner}\n")
    with pytest.raises(InputError, match=r"users\.eve.*role: must be coach or client"):
        load_roster(firm)
    (firm / ROSTER_FILE).write_text("users: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_roster(firm)
    (firm / ROSTER_FILE).write_text("engagements:\n  x: {client: X, coaches: [ghost]}\n")
    with pytest.raises(InputError, match=r"engagements\.x.*coaches"):
        load_roster(firm)


def test_starting_a_folder_that_is_no_hub_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert okrkit(["hub", str(tmp_path)]) == 2
    assert f"okrkit hub init {tmp_path}" in capsys.readouterr().err


def test_a_bad_engagement_file_leaves_no_folder_behind(firm: Path, tmp_path: Path) -> None:
    """add-engagement from a broken YAML: refused, no folder, the roster unchanged."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("client: X\ncycle: {name: Q, start: 2026-01-05, end: 2025-01-01}\n")
    assert okrkit(["hub", "add-engagement", str(firm), "x", "--from", str(bad)]) == 2
    assert not (firm / "engagements" / "x").exists() and "x" not in load_roster(firm).engagements


def test_remove_user_takes_them_off_every_engagement(firm: Path) -> None:
    assert okrkit(["hub", "remove-user", str(firm), "coach"]) == 0
    roster = load_roster(firm)
    assert "coach" not in roster.users and roster.engagements["banco-aurora"].coaches == []
    assert not roster.may_open("coach", "banco-aurora")


# --- the portfolio ---------------------------------------------------------------------------


def test_portfolio_text_and_json_of_the_demo(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Client, phase, cycle and week, check-ins this week, risks, latest retro, findings and reports."""
    (firm / "engagements" / "banco-aurora" / "reports").mkdir()
    (firm / "engagements" / "banco-aurora" / "reports" / "weekly-2026-03-27.html").write_text("<html></html>")
    assert okrkit(["portfolio", str(firm), "--coach", "coach", "--format", "json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["client"], entry["phase"], entry["cycle"], entry["week"], entry["weeks"]) == (
        "Banco Aurora", "implementation", "2026-Q1", 12, 12)
    assert entry["teams"] == 4 and len(entry["checked_in"]) == 4
    assert entry["off_track"] == ["AO-1 · Make opening an account feel effortless"] and len(entry["at_risk"]) == 2
    assert entry["latest_retro"] == {"team": "Discover Team", "date": "2026-02-13", "kind": "mid-cycle"}
    assert [r["name"] for r in entry["reports"]] == ["weekly-2026-03-27.html"]
    assert okrkit(["portfolio", str(firm)]) == 0
    text = capsys.readouterr().out
    assert "Banco Aurora (banco-aurora) · implementation · 2026-Q1, week 12 of 12" in text
    assert "check-ins this week: 4 of 4 teams" in text


def test_portfolio_mid_cycle_shows_who_has_not_checked_in(firm: Path) -> None:
    """On a day inside the cycle with no check-in that week, every team is listed as missing."""
    import datetime as dt

    [entry] = portfolio(firm, as_of=dt.date(2026, 1, 20))
    assert entry.week == 3 and entry.checked_in == [] and len(entry.not_checked_in) == 4


def test_portfolio_shows_a_broken_engagement_beside_the_others(firm: Path) -> None:
    """A store that cannot be read is an entry with its error, not a crash hiding the rest."""
    assert okrkit(["hub", "add-engagement", str(firm), "second", "--demo", "--coach", "coach"]) == 0
    (firm / "engagements" / "second" / "okrkit.db").write_bytes(b"not a database at all" * 100)
    entries = {e.slug: e for e in portfolio(firm, coach="coach")}
    assert entries["banco-aurora"].error is None and entries["second"].error
    assert "second: cannot be read" in render_text(list(entries.values()))


def test_portfolio_of_a_coach_is_only_what_they_hold(firm: Path) -> None:
    assert okrkit(["hub", "add-user", str(firm), "zoe", "--coach"]) == 0
    assert portfolio(firm, coach="zoe") == []
    with pytest.raises(InputError, match="not a coach"):
        portfolio(firm, coach="discover")


def test_portfolio_page_escapes_engagement_text(firm: Path) -> None:
    [entry] = portfolio(firm)
    entry.client = "<script>alert(1)</script>"
    page = render_html([entry], "<b>coach</b>", {})
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>coach</b>" not in page


# --- Kubernetes ------------------------------------------------------------------------------


def test_the_zero_to_jupyterhub_values_file_parses_and_holds_the_plan() -> None:
    """docs/z2jh-values.yaml: image, PostgreSQL for hub and store, idle culling, a per-user memory limit."""
    values = yaml.safe_load((DOCS / "z2jh-values.yaml").read_text())
    hub = values["hub"]
    assert hub["db"]["type"] == "postgres" and hub["db"]["url"].startswith("postgresql")
    assert "OKRKIT_DB_URL" in hub["extraEnv"] and "OKRKIT_DB_URL" in values["singleuser"]["extraEnv"]
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    assert values["singleuser"]["image"]["name"] and values["singleuser"]["memory"]["limit"] == "1G"
    assert "okrkit hub" in (DOCS / "hosting.md").read_text()


def test_the_values_files_hub_config_loads_on_a_firm(firm: Path) -> None:
    """The chart's extraConfig snippet, run as the hub would on our firm: services at hub:PORT, machinery left alone."""
    from traitlets.config import Config

    values = yaml.safe_load((DOCS / "z2jh-values.yaml").read_text())
    snippet = values["hub"]["extraConfig"]["okrkit"].replace("/srv/okrkit/firm", str(firm))
    c = Config()
    exec(compile(snippet, "extraConfig.okrkit", "exec"), {"c": c})
    services = {s["name"]: s for s in c.JupyterHub.services}
    ports = {p["port"] for p in values["hub"]["service"]["extraPorts"]}
    assert services["banco-aurora"]["url"] == "http://hub:10100" and 10100 in ports
    assert services["okrkit-portfolio"]["url"] == "http://hub:10099" and 10099 in ports
    assert services["banco-aurora"]["command"][-2:] == ["--ip", "0.0.0.0"]
    assert "db_url" not in c.JupyterHub and "spawner_class" not in c.JupyterHub  # the chart's own
    assert c.JupyterHub.load_groups == {"client-banco-aurora": {"users": ["discover"]}}


def test_the_coach_workbooks_portfolio_is_the_coachs_own(firm: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a coach's JupyterLab on the hub ($JUPYTERHUB_USER) the workbook shows what that coach holds."""
    from okrkit.hub.portfolio import beside

    assert okrkit(["hub", "add-engagement", str(firm), "other", "--demo"]) == 0  # held by nobody
    here = firm / "engagements" / "banco-aurora"
    monkeypatch.setenv("JUPYTERHUB_USER", "coach")
    assert [e.slug for e in beside(here)] == ["banco-aurora"]
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert [e.slug for e in beside(here)] == ["banco-aurora", "other"]


def test_the_coach_workbooks_portfolio_outside_a_hub_lists_the_folders_beside(tmp_path: Path) -> None:
    from okrkit.hub.portfolio import beside
    from okrkit.testing import demo_folder

    one = demo_folder(tmp_path / "one")
    (tmp_path / "one" / "notes").mkdir()  # not an engagement
    assert [e.client for e in beside(one)] == ["Banco Aurora"]
