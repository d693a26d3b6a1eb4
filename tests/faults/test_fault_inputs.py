"""Hundreds of malformed and hostile files through `okrkit import` and `okrkit lint`.

The fast part runs every case that is not a bomb through the command's own `main` in
this process; the slow part runs every case, bombs included, through the real `okrkit`
command in a child process and measures its peak memory and time (fault_probe.py).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fault_cases import Case, all_cases, base_yaml
from fault_probe import MAX_RSS_MB, MAX_SECONDS, probe, summary

from okrkit.cli import main

CASES = all_cases()
SMALL = [c for c in CASES if not c.bomb]
FIRST_RUN_FAILURES = [
    line for line in (Path(__file__).parent / "first_run_failures.txt").read_text().splitlines()
    if line and not line.startswith("#")
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("faults")
    (root / "base.yaml").write_text(base_yaml())
    assert main(["import", str(root / "store"), str(root / "base.yaml")]) == 0
    return root / "store"


def _rows(folder: Path) -> list[tuple[str, list[str]]]:
    with sqlite3.connect(folder / "okrkit.db") as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))) for t in tables]


def _run(case: Case, tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, bool]:
    """Exit code, stderr, and whether anything was written although the import was refused."""
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    if case.target == "store":
        folder = tmp_path / "store"
        shutil.copytree(template, folder)
        before = _rows(folder)
    else:
        folder = tmp_path / "new"
    capsys.readouterr()
    code = main(["import", str(folder), str(path)])
    err = capsys.readouterr().err
    written = _rows(folder) != before if case.target == "store" else folder.exists()
    return code, err, code != 0 and written


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_a_bad_file_is_refused_in_one_line_and_writes_nothing(case, tmp_path, template, capsys):
    """Import: exit 2 with one line for a refusal (never an exception), nothing written; lint never raises."""
    code, err, written = _run(case, tmp_path, template, capsys)
    assert code in (0, 2), err
    if case.expect == "refuse":
        assert code == 2, f"accepted: {case.name}"
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and err.startswith("okrkit import: "), err
    assert not written
    if case.target == "new":
        assert main(["lint", str(tmp_path / case.filename)]) in (0, 1, 2)
        assert "Traceback" not in capsys.readouterr().err


def test_every_case_that_failed_before_is_still_generated():
    """The inputs that broke the code before this suite stay in it as regression cases."""
    names = {c.name for c in CASES}
    assert len(FIRST_RUN_FAILURES) > 100
    assert [n for n in FIRST_RUN_FAILURES if n not in names] == []


def test_the_generator_makes_hundreds_of_cases_of_every_kind():
    """YAML, CSV and Excel inputs, several hundred in all, most of them to be refused."""
    kinds = {c.filename.rsplit(".", 1)[1] for c in CASES}
    assert kinds == {"yaml", "csv", "xlsx"} and len(CASES) > 500
    assert sum(c.expect == "refuse" for c in CASES) > 400


@pytest.mark.slow
def test_bombs_and_hostile_files_through_the_real_command():
    """Every non-mutation case and every bomb, in child processes: no traceback, nothing written,
    under 500 MB and 30 s each (the YAML field mutations run in-process above)."""
    cases = [c for c in CASES if c.bomb or not c.name.startswith("yaml-") or "." not in c.name]
    runs = probe(cases, jobs=2)
    figures = summary(runs)
    print(figures)
    assert [(r.command, r.case, r.problems) for r in runs if r.problems] == []
    assert max(r.rss_mb for r in runs) < MAX_RSS_MB and max(r.seconds for r in runs) < MAX_SECONDS
