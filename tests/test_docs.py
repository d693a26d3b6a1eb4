"""The docs follow the registries: README's tables of report kinds and retro formats, the CLI's help,
and docs/coach-rules.md, which documents every registered coach rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.coach import RULES
from okrkit.reports.kinds import KINDS
from okrkit.retro_formats import RETRO_FORMATS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _table(header: str) -> dict[str, list[str]]:
    """The rows of the README table under `header`, by their first cell (a `code` name)."""
    lines = README[README.index(header):].splitlines()[2:]
    rows = {}
    for line in lines:
        if not line.startswith("| `"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def test_readme_report_kinds_are_the_registered_ones() -> None:
    """Each kind in README exists with the same title and summary (a coach's own kind may be missing)."""
    rows = _table("| kind | title | what it holds |")
    assert rows and set(rows) <= set(KINDS)
    for name, (title, summary) in rows.items():
        assert (title, summary) == (KINDS[name].title, KINDS[name].summary), name


def test_readme_retro_formats_are_the_registered_ones() -> None:
    rows = _table("| format | title | prompts | for |")
    assert rows and set(rows) <= set(RETRO_FORMATS)
    for name, (title, prompts, when) in rows.items():
        fmt = RETRO_FORMATS[name]
        assert (title, prompts, when) == (fmt.title, ", ".join(fmt.prompts), fmt.when), name


def test_report_help_lists_every_kind_with_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for kind in KINDS.values():
        assert kind.name in help_text and " ".join(kind.summary.split()) in help_text, kind.name


def test_coach_rules_doc_covers_every_registered_rule() -> None:
    """docs/coach-rules.md has a heading naming each rule, with its default severity."""
    doc = (ROOT / "docs" / "coach-rules.md").read_text(encoding="utf-8")
    headings = [line for line in doc.splitlines() if line.startswith("### ")]
    for rule in RULES.values():
        found = [h for h in headings if re.search(rf"`{re.escape(rule.id)}`", h)]
        assert found, f"docs/coach-rules.md has no heading for {rule.id}"
        assert rule.severity.value in found[0], (rule.id, found[0])
