"""The report kinds: a tiny registry from a kind's name to its template notebook.

Each kind is a notebook in `templates/reports/` with a cell tagged `parameters`
(engagement_dir, db_url, as_of, kind). A coach can copy one, change its cells and
register it under a new name with `register_kind`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from okrkit.errors import InputError
from okrkit.resources import report_templates_dir

__all__ = ["KINDS", "ReportKind", "get_kind", "register_kind"]


@dataclass(frozen=True)
class ReportKind:
    name: str
    title: str
    template: Path
    summary: str

    def document_title(self, client: str, as_of: str) -> str:
        return f"{client} — {self.title}, {as_of}"


KINDS: dict[str, ReportKind] = {}


def register_kind(name: str, title: str, template: str | Path, summary: str) -> ReportKind:
    path = Path(template)
    kind = ReportKind(name, title, path if path.is_absolute() else report_templates_dir() / path, summary)
    KINDS[name] = kind
    return kind


def get_kind(name: str) -> ReportKind:
    try:
        kind = KINDS[name]
    except KeyError:
        raise InputError(f"no report kind {name!r}; use one of {', '.join(KINDS)}", field="kind") from None
    if not kind.template.exists():
        raise InputError(f"the template notebook of the {name} report is missing: {kind.template}", field="kind")
    return kind


register_kind("weekly", "Weekly check-in digest", "weekly.ipynb",
              "each team's GRIP this week against last week, and who has not checked in")
register_kind("monthly", "Monthly leadership report", "monthly.ipynb",
              "strategic OKRs against pace, contributing team OKRs, confidence trend, risks and asks")
register_kind("cycle", "End-of-cycle report", "cycle.ipynb",
              "final scores with their reading, what the retrospectives taught, actions")
register_kind("case-study", "Engagement case study", "case-study.ipynb",
              "challenges, approach and results, with the measured movement of the key results")
register_kind("playbook", "OKR playbook", "playbook.ipynb",
              "purpose, principles, cadence, roles, glossary and the client's current OKRs")
