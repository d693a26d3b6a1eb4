"""The coach's judgment wins: dismissed findings, in the YAML, the store, review and lint."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from okrkit.cli import lint as lint_command
from okrkit.coach import review
from okrkit.coach.dismissals import dismiss, settle, undismiss
from okrkit.errors import InputError
from okrkit.io.yaml_file import dump_record, read_record
from okrkit.model import EngagementRecord
from okrkit.store import open_store
from okrkit.testing import engagement, key_result, objective, team

TASK = "teams[0].okrs[0].key_results[1]"


def _eng(task: str = "Launch the partner portal"):  # type: ignore[no-untyped-def]
    krs = [key_result("T-1.1", "Increase partner-sourced revenue from $1M to $2M", 1, 2),
           key_result("T-1.2", task, None, None)]
    return engagement([team(okrs=[objective(krs=krs)])])


def _task_finding(eng):  # type: ignore[no-untyped-def]
    return next(f for f in review(eng) if f.path == TASK and f.rule == "kr-is-task")


def _yaml(extra: str) -> str:
    return dump_record(EngagementRecord(engagement=_eng())) + extra


DISMISSED = f"""coach_dismissed:
  - {{path: "{TASK}", rule: kr-is-task, reason: "The portal is the partners' only way in; its launch is the result"}}
"""


def test_a_dismissed_finding_is_left_out_of_the_review() -> None:
    """After dismiss(), review() omits the finding; include_dismissed=True still returns it."""
    eng = _eng()
    dismissed = dismiss(eng, _task_finding(eng), "agreed with the sponsor")
    assert not [f for f in review(dismissed) if (f.path, f.rule) == (TASK, "kr-is-task")]
    assert [f for f in review(dismissed, include_dismissed=True) if (f.path, f.rule) == (TASK, "kr-is-task")]


def test_dismissing_needs_a_reason() -> None:
    """A blank reason is refused with a message naming the field."""
    eng = _eng()
    with pytest.raises(InputError, match="reason"):
        dismiss(eng, _task_finding(eng), "   ")


def test_undismiss_brings_the_finding_back() -> None:
    """Taking a dismissal back shows the finding again."""
    eng = _eng()
    back = undismiss(dismiss(eng, _task_finding(eng), "why not"), TASK, "kr-is-task")
    assert back.coach_dismissed == [] and _task_finding(back)


def test_hand_written_dismissal_gets_a_fingerprint_and_is_exported_back() -> None:
    """{path, rule, reason} in the YAML reads with the item's fingerprint, and dumps back with it."""
    record = read_record(_yaml(DISMISSED))
    [d] = record.engagement.coach_dismissed
    assert len(d.fingerprint) == 12 and d.reason.startswith("The portal")
    again = read_record(dump_record(record))
    assert again.engagement.coach_dismissed == record.engagement.coach_dismissed
    assert "coach_dismissed:" in dump_record(record) and "fingerprint:" in dump_record(record)


def test_dismissal_lapses_with_a_note_when_the_text_changes() -> None:
    """A new text at the path is a new sentence: the finding shows again and a note says why."""
    eng = read_record(_yaml(DISMISSED)).engagement
    changed = eng.model_copy(update={"teams": _eng("Launch the partner portal and the app store").teams})
    assert _task_finding(changed)
    settled = settle(changed)
    assert settled.kept == () and "no longer applies" in settled.notes[0] and "kr-is-task" in settled.notes[0]


def test_dismissal_follows_its_item_when_rows_are_reordered() -> None:
    """Moving the KR to another position keeps the dismissal on the same sentence."""
    eng = read_record(_yaml(DISMISSED)).engagement
    obj = eng.teams[0].objectives[0]
    swapped = obj.model_copy(update={"key_results": list(reversed(obj.key_results))})
    moved = eng.model_copy(update={"teams": [eng.teams[0].model_copy(update={"objectives": [swapped]})]})
    assert not [f for f in review(moved) if f.rule == "kr-is-task"]
    assert settle(moved).kept[0].path == "teams[0].okrs[0].key_results[0]"


@pytest.mark.parametrize(("entry", "field"), [
    ('{path: "teams[0].okrs[7]", rule: kr-is-task, reason: x}', "coach_dismissed[0].path"),
    ('{path: "teams[0]/okrs", rule: kr-is-task, reason: x}', "coach_dismissed[0].path"),
    (f'{{path: "{TASK}", rule: kr-is-task}}', "coach_dismissed[0].reason"),
])
def test_a_dismissal_that_points_nowhere_is_refused_in_one_line(entry: str, field: str) -> None:
    """A path to no item, a malformed path or no reason: an InputError naming the field."""
    with pytest.raises(InputError) as error:
        read_record(_yaml(f"coach_dismissed:\n  - {entry}\n"))
    assert field in str(error.value) and "\n" not in str(error.value)


def test_a_dismissal_of_an_unknown_rule_is_refused() -> None:
    """A typo in the rule id is named when the coach reviews."""
    eng = read_record(_yaml(DISMISSED.replace("rule: kr-is-task", "rule: kr-is-tsak"))).engagement
    with pytest.raises(InputError, match=r"coach_dismissed\[0\]\.rule.*kr-is-tsak"):
        review(eng)


def test_dismissals_round_trip_through_the_store(tmp_path: Path, store_url: str | None) -> None:
    """Saved and loaded on SQLite and PostgreSQL, the dismissal is intact and still hides the finding."""
    eng = read_record(_yaml(DISMISSED)).engagement
    store = open_store(tmp_path / "e", store_url, create=True)
    store.save_engagement(eng)
    loaded = open_store(tmp_path / "e", store_url).load_engagement()
    assert loaded.coach_dismissed == eng.coach_dismissed
    assert not [f for f in review(loaded) if f.rule == "kr-is-task"]
    assert "coach_dismissed" in dump_record(EngagementRecord(engagement=loaded))


def _lint(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    lint_command.register(parser.add_subparsers())
    args = parser.parse_args(["lint", *argv])
    return int(args.handler(args))


def _two_dismissed(tmp_path: Path) -> Path:
    extra = DISMISSED + '  - {path: "teams[0].okrs[0]", rule: too-few-key-results, reason: "x"}\n'
    text = _yaml(extra).replace("Launch the partner portal", "Reduce churn from 2% to 5%")
    text = text.replace(f'{{path: "{TASK}", rule: kr-is-task,', f'{{path: "{TASK}", rule: kr-wrong-direction,')
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_counts_dismissed_findings_and_hides_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text output says how many were dismissed; a dismissed error no longer makes the exit code 1."""
    path = _two_dismissed(tmp_path)
    assert _lint(str(path)) == 0
    out = capsys.readouterr().out
    assert "wrong-direction" not in out and "1 finding dismissed by the coach" in out


def test_lint_all_shows_dismissed_findings_with_the_reason(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """--all lists them, marked with the coach's reason; the exit code still ignores them."""
    path = _two_dismissed(tmp_path)
    assert _lint(str(path), "--all") == 0
    out = capsys.readouterr().out
    assert "kr-wrong-direction" in out and "(dismissed by the coach: The portal" in out


def test_lint_reads_an_engagement_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`okrkit lint DIR` reviews the folder's store, with its dismissals."""
    store = open_store(tmp_path / "e", create=True)
    store.save_engagement(read_record(_yaml(DISMISSED)).engagement)
    assert _lint(str(tmp_path / "e")) == 0
    out = capsys.readouterr().out
    assert "Launch the partner portal" not in out and "1 finding dismissed by the coach" in out


def test_lint_reads_a_folder_with_only_engagement_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder with an engagement.yaml and no store yet is reviewed from the YAML."""
    (tmp_path / "engagement.yaml").write_text(_yaml(""), encoding="utf-8")
    _lint(str(tmp_path), "--format", "json")
    assert "kr-is-task" in capsys.readouterr().out


def test_lint_refuses_a_folder_that_is_no_engagement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty folder: exit 2 and one line saying what a folder must hold."""
    assert _lint(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "engagement.yaml" in err


def test_import_drops_a_lapsed_dismissal_with_a_note(tmp_path: Path) -> None:
    """A YAML whose dismissed item was since rewritten: `okrkit import` says so and stores it no more."""
    from okrkit.io.transfer import export_engagement, import_file

    record = read_record(_yaml(DISMISSED))
    path = tmp_path / "e.yaml"
    path.write_text(dump_record(record).replace("title: Launch the partner portal",
                                                "title: Launch the partner portal and the app store"),
                    encoding="utf-8")
    summary = import_file(tmp_path / "e", path)
    assert "note: The dismissal of kr-is-task" in summary
    store = open_store(tmp_path / "e")
    assert store.load_engagement().coach_dismissed == []
    assert "coach_dismissed" not in str(export_engagement(store, "yaml", None))


def test_a_tip_can_be_dismissed_like_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dismissed tip (kr-no-baseline) leaves the review and lint's tips, and lint counts it."""
    text = _yaml(f'coach_dismissed:\n  - {{path: "{TASK}", rule: kr-no-baseline, reason: "The baseline is 0"}}\n')
    path = tmp_path / "e.yaml"
    path.write_text(text.replace("Launch the partner portal", "Reach 10000 monthly active users"), encoding="utf-8")
    eng = read_record(path.read_text(encoding="utf-8")).engagement
    assert "kr-no-baseline" not in {f.rule for f in review(eng) if f.path == TASK}
    assert "kr-no-baseline" in {f.rule for f in review(eng, include_dismissed=True) if f.path == TASK}
    assert _lint(str(path)) == 0
    out = capsys.readouterr().out
    assert "[kr-no-baseline]" not in out and "0 tip(s)" in out and "1 finding dismissed by the coach" in out
