"""The `okrkit` command as a coach uses it: import, status, export, demo, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.io.yaml_file import load_record, read_record

EXAMPLE = Path(__file__).parent / "io" / "example.yaml"
CHECKINS = """date,team,kr,value,confidence,issues,plan,author
2026-02-13,Digital Services,DS-1.1,35,6,,,Marina
2026-02-13,Digital Services,DS-1.2,26,6,,,Marina
2026-02-13,Discover Team,DT-1.1,75,8,Legal review,Ship consent copy,Joana
"""


def _status(capsys, *args: str) -> dict:
    assert main(["status", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_yaml_and_checkins_then_status_shows_progress_both_ways(tmp_path, capsys):
    """40 → 30 now 35 is 50%; 20 → 35 now 26 is 40%; 65 → 90 now 75 is 40%."""
    folder = tmp_path / "bank"
    (tmp_path / "checkins.csv").write_text(CHECKINS)
    assert main(["import", str(folder), str(EXAMPLE)]) == 0
    assert main(["import", str(folder), str(tmp_path / "checkins.csv")]) == 0
    assert "imported 2 check-ins" in capsys.readouterr().out
    status = _status(capsys, str(folder), "--as-of", "2026-02-13")
    krs = {kr["id"]: kr for t in status["teams"] for o in t["objectives"] for kr in o["key_results"]}
    assert krs["DS-1.1"]["progress"] == 0.5 and krs["DS-1.1"]["direction"] == "decrease"
    assert krs["DS-1.2"]["progress"] == 0.4 and krs["DT-1.1"]["progress"] == 0.4
    assert status["expected_progress"] == pytest.approx(39 / 81, abs=1e-4)
    assert status["teams"][1]["confidence"] == 8


def test_status_text_is_readable(tmp_path, capsys):
    """The text status shows each KR with its span, current value and status, and a summary."""
    assert main(["demo", str(tmp_path / "demo")]) == 0
    out = capsys.readouterr().out
    assert "Banco Aurora · cycle 2026-Q1" in out
    assert "DT-1.3" in out and "1,200 → 840 tickets/month · now 915 tickets/month" in out
    assert out.rstrip().splitlines()[-1].startswith("Objectives: ")


def test_a_kr_not_yet_checked_in_is_marked(tmp_path, capsys):
    """Right after import, every KR says it is not checked in yet."""
    main(["import", str(tmp_path / "bank"), str(EXAMPLE)])
    assert main(["status", str(tmp_path / "bank"), "--as-of", "2026-01-06"]) == 0
    assert capsys.readouterr().out.count("not checked in yet") == 3


def test_export_yaml_gives_back_the_record(tmp_path, capsys):
    """Exported YAML reads back as the imported record."""
    main(["import", str(tmp_path / "bank"), str(EXAMPLE)])
    capsys.readouterr()
    assert main(["export", str(tmp_path / "bank")]) == 0
    assert read_record(capsys.readouterr().out) == load_record(EXAMPLE)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("client: X\ncycle: {name: Q, start: 2026-01-05, end: 2026-03-27}\nteams: [{name: A, levl: team}]\n",
         "teams[0].levl: is not a field okrkit knows; did you mean 'level'?"),
        ("client: X\n", "cycle: is required"),
        ("client: [\n", "line 2, column 1"),
    ],
    ids=["typo", "missing", "syntax"],
)
def test_a_bad_file_gets_one_line_and_exit_2(tmp_path, capsys, content, message):
    """No traceback: the command names the field and stops, leaving no store behind."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    assert main(["import", str(tmp_path / "bank"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "bank").exists()


def test_status_of_a_folder_with_no_engagement(tmp_path, capsys):
    """Pointing status at an empty folder says how to create an engagement."""
    assert main(["status", str(tmp_path)]) == 2
    assert "no engagement here; run `okrkit import" in capsys.readouterr().err


def test_the_console_script_runs(tmp_path):
    """The installed `okrkit` entry point works as a process, as a new user runs it."""
    result = subprocess.run([sys.executable, "-m", "okrkit", "demo", str(tmp_path / "d")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Discover Team" in result.stdout
