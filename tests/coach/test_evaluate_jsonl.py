"""`python -m okrkit.coach.evaluate` on a real-world JSONL corpus: the author's label and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrkit.coach.evaluate import evaluate, main

EXAMPLES = [
    {"id": "s1-01", "kind": "key_result", "text": "Conduct 20 customer interviews", "objective": "Know buyers",
     "label": "bad", "rules": ["kr-is-task"]},
    {"id": "s1-02", "kind": "key_result", "text": "Increase CSAT from 3.9 to 4.4", "label": "good", "rules": []},
    {"id": "s1-03", "kind": "objective", "text": "Improve sales", "label": "bad", "rules": ["objective-vague"]},
    {"id": "s1-04", "kind": "key_result", "text": "Increase revenue", "label": "bad", "rules": ["unmapped"]},
]


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_scores_bad_for_the_authors_reason_and_good_by_label(tmp_path: Path) -> None:
    """Mapped bad examples count when a matching rule fires at warning/error; an unmapped one is apart."""
    score = evaluate(_write(tmp_path, EXAMPLES))
    assert len(score.outcomes) == 4
    assert len(score.mapped_bad()) == 2
    assert score.bad_flagged_for_reason() == 1.0
    assert score.good_alarmed() == 0.0
    assert score.unmapped_bad_alarmed() == (1, 1)  # "Increase revenue" has no number: kr-not-measurable


def test_jsonl_bad_flagged_for_another_reason_counts_apart(tmp_path: Path) -> None:
    """A bad example caught by a rule other than the author's reason is not a hit, but is a complaint."""
    rows = [{"id": "s2-01", "kind": "key_result", "text": "Improve customer satisfaction", "label": "bad",
             "rules": ["kr-is-task"]}]
    score = evaluate(_write(tmp_path, rows))
    assert score.bad_flagged_for_reason() == 0.0
    assert score.bad_alarmed() == 1.0  # kr-not-measurable fired instead


def test_jsonl_command_prints_headline_by_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints per-rule figures and the two headline shares, overall and per kind."""
    assert main([str(_write(tmp_path, EXAMPLES)), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "matching the author's reason: 100%" in out and "good flagged at warning/error" in out
    assert "objectives: 1 examples" in out and "s1-04 (bad)" in out


def test_jsonl_line_that_is_not_an_example_is_named(tmp_path: Path) -> None:
    """A broken line stops the run with the file and line number, not a traceback."""
    path = _write(tmp_path, EXAMPLES[:1])
    path.write_text(path.read_text() + '{"kind": "key_result"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"dev.jsonl:2"):
        evaluate(path)


DISPUTED = {"id": "s3-01", "kind": "key_result", "text": "Launch product version 3.0", "label": "good", "rules": [],
            "note": "DISAGREES with output-vs-outcome sources: the tool accepts milestones as key results"}


def test_a_disputed_example_stays_in_the_headline_and_leaves_the_undisputed_figures(tmp_path: Path) -> None:
    """A good example marked DISAGREES that the coach flags counts as a false alarm in the headline, not apart."""
    score = evaluate(_write(tmp_path, [*EXAMPLES, DISPUTED]))
    assert [o.id for o in score.outcomes if o.disputed] == ["s3-01"]
    assert score.good_alarmed() == 0.5  # the headline: 1 of 2 good examples flagged
    assert score.undisputed().good_alarmed() == 0.0
    assert len(score.undisputed().outcomes) == 4


def test_the_command_prints_the_undisputed_figures_beside_the_headline(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Both figures are printed: the headline on every example, then on the undisputed ones, and misses say so."""
    assert main([str(_write(tmp_path, [*EXAMPLES, DISPUTED])), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "good flagged at warning/error:                                      50%" in out
    assert "undisputed only (1 with a DISAGREES note left out: 0 bad, 1 good" in out
    assert "good flagged at warning/error:                                      0% of 1" in out
    assert "s3-01 (good, disputed)" in out


def test_a_key_result_is_judged_beside_its_siblings(tmp_path: Path) -> None:
    """A milestone the page lists beside measured outcomes is a tip there, as in an engagement; alone, a warning."""
    milestone = {"id": "s4-01", "kind": "key_result", "text": "Pass the ISO 27001 audit", "label": "good",
                 "rules": [], "objective": "Win enterprise buyers' trust"}
    beside = {**milestone, "id": "s4-02",
              "siblings": ["Increase enterprise win rate from 18% to 25%",
                           "Cut security review time from 30 to 10 days"]}
    alone, in_context = evaluate(_write(tmp_path, [milestone, beside])).outcomes
    assert alone.alarms == {"kr-is-task"}
    assert in_context.fired.get("kr-is-task") is not None and not in_context.alarms


def test_jsonl_text_longer_than_an_engagement_holds_is_cut_not_fatal(tmp_path: Path) -> None:
    """A practitioner's key result with its explanation runs past the model's 200 characters: it is
    judged on what an engagement could hold instead of stopping the run."""
    long_kr = "Launch the partner portal, " + "which our partners asked for in every review, " * 6
    score = evaluate(_write(tmp_path, [
        {"kind": "key_result", "text": long_kr, "label": "bad", "rules": ["kr-is-task"], "siblings": [long_kr]},
        {"kind": "objective", "text": "Delight partners " + "and their customers " * 12, "label": "good", "rules": []},
    ]))
    assert len(score.outcomes) == 2 and "kr-is-task" in score.outcomes[0].fired
