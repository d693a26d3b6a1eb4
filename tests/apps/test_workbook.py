"""`okrkit new`: the engagement folder, its store and one notebook per template."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest

from okrkit.cli import main
from okrkit.errors import InputError
from okrkit.io.yaml_file import write_record
from okrkit.model import CheckIn
from okrkit.store import open_store
from okrkit.testing import demo_folder
from okrkit.workbook import BACKUP_DIR, app_templates, parse_cycle, templates, templates_dir

APPS = {"checkin.ipynb", "retro.ipynb", "dashboard.ipynb"}


def _injected(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))


def test_new_makes_the_store_and_one_notebook_per_template(tmp_path: Path) -> None:
    """The folder holds the store, the coach workbook at the top and the apps in apps/."""
    folder = tmp_path / "acme"
    assert main(["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops, Sales",
                 "Customer Care"]) == 0
    engagement = open_store(folder).load_engagement()
    assert engagement.client == "Acme"
    assert (engagement.cycle.start, engagement.cycle.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert [t.name for t in engagement.teams] == ["Ops", "Sales", "Customer Care"]
    assert {p.name for p in (folder / "apps").glob("*.ipynb")} == APPS
    assert (folder / "coach-workbook.ipynb").exists()


def test_notebooks_are_parameterised_with_a_relative_engagement_folder(tmp_path: Path) -> None:
    """Papermill injects the parameters; the folder is relative, so the engagement can move."""
    folder = tmp_path / "acme"
    main(["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"])
    assert 'engagement_dir = ".."' in _injected(folder / "apps" / "checkin.ipynb")
    coach = _injected(folder / "coach-workbook.ipynb")
    assert 'engagement_dir = "."' in coach and 'team = "Ops"' in coach
    for path in [*(folder / "apps").glob("*.ipynb"), folder / "coach-workbook.ipynb"]:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "nothing runs"


def test_running_new_again_refreshes_notebooks_and_keeps_records(tmp_path: Path) -> None:
    """A second run rewrites the notebooks, keeps check-ins, and backs up a notebook the coach edited."""
    folder = tmp_path / "acme"
    args = ["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"]
    main(args)
    store = open_store(folder)
    store.record_checkin(CheckIn(team="Ops", date=dt.date(2026, 4, 3), confidence=6, plan="Hire"))
    workbook = folder / "coach-workbook.ipynb"
    nb = nbformat.read(workbook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("My notes from the workshop"))
    nbformat.write(nb, workbook)
    (folder / "apps" / "checkin.ipynb").unlink()

    assert main(args) == 0
    assert [c.plan for c in open_store(folder).checkins("Ops")] == ["Hire"]
    assert (folder / "apps" / "checkin.ipynb").exists()
    assert "My notes" not in workbook.read_text()
    backups = list((folder / BACKUP_DIR).glob("coach-workbook-*.ipynb"))
    assert len(backups) == 1 and "My notes from the workshop" in backups[0].read_text()
    assert not list((folder / BACKUP_DIR).glob("checkin*")), "only edited notebooks are backed up"
    assert main(["new", str(folder)]) == 0, "the options may be left out the second time"


def test_new_from_a_yaml_file_imports_everything(tmp_path: Path) -> None:
    """--from takes the engagement, its check-ins and retros from the file."""
    source = demo_folder(tmp_path)
    yaml_file = tmp_path / "aurora.yaml"
    write_record(open_store(source).load_record(), yaml_file)
    folder = tmp_path / "aurora"
    assert main(["new", str(folder), "--from", str(yaml_file)]) == 0
    record = open_store(folder).load_record()
    assert record.engagement.client == "Banco Aurora" and len(record.checkins) == 48
    assert 'team = "Digital Services"' in _injected(folder / "coach-workbook.ipynb")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--client", "Acme"], "needs --client and --cycle"),
        (["--client", "Acme", "--cycle", "Spring"], "give --start and --end"),
        (["--client", "Acme", "--cycle", "2026-Q5"], "give --start and --end"),
        (["--client", "Acme", "--cycle", "H1", "--start", "2026-06-30", "--end", "2026-01-01"], "after its start"),
        (["--client", "", "--cycle", "2026-Q1"], "needs --client"),
    ],
    ids=["no-cycle", "cycle-name-without-dates", "no-such-quarter", "end-before-start", "empty-client"],
)
def test_new_reports_bad_options_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                             message: str) -> None:
    """A bad option is one line on stderr, exit code 2, and no notebook is written."""
    folder = tmp_path / "x"
    assert main(["new", str(folder), *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("okrkit new:") and message in err and "\n" not in err
    assert not (folder / "apps").exists()


def test_new_refuses_to_change_an_existing_engagement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A different client, cycle or unknown team is refused: the YAML file and `okrkit import` change definitions."""
    folder = tmp_path / "acme"
    main(["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"])
    for extra in (["--client", "Other"], ["--cycle", "2026-Q3"], ["--teams", "Legal"]):
        capsys.readouterr()
        assert main(["new", str(folder), *extra]) == 2
        assert "okrkit import" in capsys.readouterr().err
    assert open_store(folder).load_engagement().client == "Acme"


def test_a_quarter_name_gives_the_calendar_quarter() -> None:
    assert parse_cycle("2026-Q4") == {"name": "2026-Q4", "start": dt.date(2026, 10, 1), "end": dt.date(2026, 12, 31)}
    assert parse_cycle("2027q1")["end"] == dt.date(2027, 3, 31)
    custom = parse_cycle("Spring push", dt.date(2026, 3, 2), dt.date(2026, 5, 29))
    assert custom["name"] == "Spring push"
    with pytest.raises(InputError):
        parse_cycle("Spring push")


def test_every_template_has_a_parameters_cell_and_no_outputs() -> None:
    """Templates stay clean in git: a `parameters` cell, cleared outputs, the okrkit metadata."""
    found = templates()
    assert {t.name for t in found} == APPS | {"coach-workbook.ipynb"}
    assert {t.name for t in app_templates()} == APPS
    for template in found:
        nb = nbformat.read(template.path, as_version=4)
        nbformat.validate(nb)
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells
                   if c.cell_type == "code")
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert json.loads(template.path.read_text())["metadata"]["okrkit"]["title"]


def test_templates_dir_is_found() -> None:
    assert (templates_dir() / "checkin.ipynb").exists()


def test_new_writes_the_engagement_file_a_coach_edits(tmp_path: Path) -> None:
    """okrkit new writes DIR/engagement.yaml, which reads back as the stored engagement."""
    from okrkit.io.yaml_file import load_record

    folder = tmp_path / "acme"
    assert main(["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"]) == 0
    assert load_record(folder / "engagement.yaml") == open_store(folder).load_record()


def test_new_never_overwrites_an_edited_engagement_file_and_says_how_to_sync(tmp_path: Path, capsys) -> None:
    """A second okrkit new keeps the coach's edited YAML and names the import and export commands."""
    folder = tmp_path / "acme"
    args = ["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"]
    main(args)
    path = folder / "engagement.yaml"
    edited = path.read_text().replace("client: Acme", "client: Acme Bank")
    path.write_text(edited)
    capsys.readouterr()
    assert main(args) == 0
    assert path.read_text() == edited
    err = capsys.readouterr().err
    assert f"okrkit import {folder} {path}" in err and f"okrkit export {folder} --out {path}" in err


def test_the_edited_file_imports_and_export_brings_it_up_to_date(tmp_path: Path, capsys) -> None:
    """Import the edited file, record a check-in, export: file and store agree again, and new says nothing."""
    from okrkit.io.yaml_file import load_record

    folder = tmp_path / "acme"
    args = ["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"]
    main(args)
    path = folder / "engagement.yaml"
    path.write_text(path.read_text().replace("client: Acme", "client: Acme Bank"))
    assert main(["import", str(folder), str(path)]) == 0
    open_store(folder).record_checkin(CheckIn(team="Ops", date=dt.date(2026, 4, 3), confidence=6))
    assert main(["export", str(folder), "--out", str(path)]) == 0
    assert load_record(path) == open_store(folder).load_record()
    capsys.readouterr()
    main(["new", str(folder)])
    assert "differs" not in capsys.readouterr().err


def test_new_keeps_the_store_and_token_out_of_git(tmp_path: Path) -> None:
    """DIR/.gitignore lists the store and the apps' token; a second run adds nothing twice."""
    folder = tmp_path / "acme"
    args = ["new", str(folder), "--client", "Acme", "--cycle", "2026-Q2", "--teams", "Ops"]
    main(args)
    main(args)
    lines = (folder / ".gitignore").read_text().splitlines()
    assert "okrkit.db" in lines and ".okrkit-token" in lines and len(lines) == len(set(lines))
