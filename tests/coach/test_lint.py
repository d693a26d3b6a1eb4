"""`okrkit lint`: exit codes, text and JSON output, sheets, unreadable files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from okrkit.cli.lint import register
from okrkit.io.yaml_file import dump_record
from okrkit.model import EngagementRecord
from okrkit.testing import engagement, key_result, objective, team

ROOT = Path(__file__).parents[2]


def _lint(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["lint", *argv])
    return int(args.handler(args))


def _write(path: Path, krs: list[object]) -> Path:
    eng = engagement([team(okrs=[objective(krs=krs)])])  # type: ignore[arg-type]
    path.write_text(dump_record(EngagementRecord(engagement=eng)), encoding="utf-8")
    return path


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Good OKRs: exit 0 and a short all-clear."""
    path = _write(tmp_path / "e.yaml", [key_result("a"), key_result("b", "Raise NPS from 20 to 35", 20, 35)])
    assert _lint(str(path)) == 0
    assert "No findings" in capsys.readouterr().out


def test_warnings_only_exit_0_errors_exit_1(tmp_path: Path) -> None:
    """A warning leaves exit 0; an error-level finding makes it 1."""
    warn = _write(tmp_path / "w.yaml", [key_result("a"), key_result("b", "Launch the app", None, None)])
    err = _write(tmp_path / "e.yaml", [key_result("a"), key_result("b", "Reduce churn from 2% to 5%", 2, 5)])
    assert _lint(str(warn)) == 0
    assert _lint(str(err)) == 1


def test_json_output_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON is a list of objects with rule, severity, path, message and suggestion."""
    path = _write(tmp_path / "e.yaml", [key_result("a"), key_result("b", "Launch the app", None, None)])
    _lint(str(path), "--format", "json")
    findings = json.loads(capsys.readouterr().out)
    assert findings and all(set(f) == {"rule", "severity", "path", "message", "suggestion"} for f in findings)


def test_text_groups_findings_under_the_objective(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The objective's id and title head its findings, with the KR id on each line."""
    path = _write(tmp_path / "e.yaml", [key_result("a"), key_result("T-1.9", "Launch the app", None, None)])
    _lint(str(path))
    out = capsys.readouterr().out
    assert out.index("T-1  Make new users successful") < out.index("T-1.9: 'Launch the app'")


def test_rules_option_restricts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rules runs only the named rules."""
    path = _write(tmp_path / "e.yaml", [key_result("b", "Launch the app", None, None)])
    _lint(str(path), "--format", "json", "--rules", "too-few-key-results")
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)} == {"too-few-key-results"}


@pytest.mark.parametrize("content", ["client: [unclosed", "client: X\n", "just text"])
def test_invalid_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    """Broken YAML or an invalid engagement: exit 2, one line on stderr, no traceback."""
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    assert _lint(str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and err.startswith("okrkit lint: ")


def test_missing_and_unknown_files_exit_2(tmp_path: Path) -> None:
    """A missing file or one of an unknown type is refused with exit 2."""
    assert _lint(str(tmp_path / "nope.yaml")) == 2
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    assert _lint(str(tmp_path / "notes.txt")) == 2


def test_okr_sheet_is_linted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An OKR sheet (CSV) is reviewed like an engagement."""
    from okrkit.io.sheets import write_okr_sheet

    eng = engagement([team(okrs=[objective(krs=[key_result("a"), key_result("b", "Hold 5 workshops", None, None)])])])
    write_okr_sheet(eng, tmp_path / "okrs.csv")
    assert _lint(str(tmp_path / "okrs.csv"), "--format", "json") == 0
    assert "kr-is-task" in {f["rule"] for f in json.loads(capsys.readouterr().out)}


def test_demo_engagement_has_no_false_alarms() -> None:
    """The built-in demo (the seed's bank) gets no warning or error but its real gap: two of its three
    strategy priorities have no OKR."""
    from okrkit.coach import review
    from okrkit.demo import demo_engagement

    alarms = [(f.rule, f.path) for f in review(demo_engagement()) if f.severity.value != "info"]
    assert alarms == [("priority-without-okr", "priorities[1]"), ("priority-without-okr", "priorities[2]")]


def test_beginner_okrs_get_the_findings_a_coach_would_sign(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/beginner-okrs.yaml: every typical beginner mistake is named, the good OKRs pass."""
    assert _lint(str(ROOT / "examples" / "beginner-okrs.yaml"), "--format", "json") == 1
    findings = json.loads(capsys.readouterr().out)
    by_path = {(f["path"], f["rule"]) for f in findings}
    expected = {
        ("teams[1]", "too-many-objectives"),
        ("teams[1].okrs[0].key_results[0]", "kr-is-task"),
        ("teams[1].okrs[0].key_results[2]", "kr-not-measurable"),
        ("teams[1].okrs[1]", "objective-has-metric"),
        ("teams[1].okrs[1].key_results[0]", "kr-is-task"),
        ("teams[1].okrs[1].key_results[1]", "kr-wrong-direction"),
        ("teams[1].okrs[2]", "objective-too-long"),
        ("teams[1].okrs[2].aligns_to", "dangling-reference"),
        ("teams[1].okrs[2].key_results[0]", "kr-no-movement"),
        ("teams[1].okrs[2].key_results[2]", "kr-target-equals-baseline"),
    }
    assert expected <= by_path
    assert not [f for f in findings if f["path"].startswith(("teams[0]", "teams[1].okrs[3]"))]
