"""The coach on labelled OKRs: it catches the bad ones for the right reason, spares the good."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrkit.coach.evaluate import evaluate, main

HERE = Path(__file__).parent


def test_corpus_is_large_and_varied() -> None:
    """At least 100 key results and 40 objectives, each with at least 20 good and 20 bad ones."""
    corpus = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
    for section, least in (("key_results", 100), ("objectives", 40)):
        items = corpus[section]
        bad = sum(1 for item in items if item["expect"])
        assert len(items) >= least, section
        assert bad >= 20 and len(items) - bad >= 20, section


@pytest.mark.parametrize("name", ["corpus.yaml", "holdout.yaml", "independent.yaml", "probes.yaml"])
def test_bad_okrs_are_caught_and_good_ones_spared(name: str) -> None:
    """≥ 90% of bad OKRs get the expected rule; ≤ 10% of good ones get a warning or error."""
    score = evaluate(HERE / name)
    assert score.bad_caught() >= 0.9
    assert score.good_alarmed() <= 0.1


def test_every_rule_is_precise_and_sensitive_on_the_corpus() -> None:
    """Per rule, precision and recall are at least 0.9 on the corpus."""
    for rule_id, (tp, fp, fn) in evaluate(HERE / "corpus.yaml").per_rule().items():
        assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, rule_id


def test_evaluate_command_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m okrkit.coach.evaluate FILE` prints precision and recall per rule."""
    assert main([str(HERE / "holdout.yaml")]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "kr-is-task" in out
