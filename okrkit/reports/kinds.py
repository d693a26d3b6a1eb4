"""The report kinds: a tiny registry from a kind's name to its template notebook.

Each kind is a notebook in `templates/reports/` with a cell tagged `parameters`
(engagement_dir, db_url, as_of, kind) and, in its metadata under `okrkit`, its title, a
one-line summary, its place in lists and the module that builds its sections. The registry
is read from those notebooks, so the CLI's help, the README's check and the tests follow
them: a new kind is its notebook, its section module and its test. A coach can copy a
notebook, change its cells and register it under a new name with `register_kind`.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from okrkit.errors import InputError
from okrkit.resources import report_templates_dir

__all__ = ["KINDS", "ReportKind", "get_kind", "register_kind"]


@dataclass(frozen=True)
class ReportKind:
    name: str
    title: str
    template: Path
    summary: str
    module: str = ""  # the module of its sections (SECTIONS, SHOWS_PROGRESS), e.g. okrkit.reports.weekly

    def document_title(self, client: str, as_of: str) -> str:
        return f"{client} — {self.title}, {as_of}"

    def sections(self) -> ModuleType:
        """The section module (imported on demand: it loads the report's HTML machinery)."""
        return importlib.import_module(self.module)


KINDS: dict[str, ReportKind] = {}


def register_kind(name: str, title: str, template: str | Path, summary: str, *, module: str = "") -> ReportKind:
    path = Path(template)
    kind = ReportKind(name, title, path if path.is_absolute() else report_templates_dir() / path, summary, module)
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


def _register_shipped() -> None:
    """Every notebook of templates/reports/ that says it is a report, in its `order`."""
    found = []
    for path in report_templates_dir().glob("*.ipynb"):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("okrkit", {})
        if meta.get("kind") == "report":
            found.append((int(meta.get("order", 99)), path.stem, meta, path))
    for _, name, meta, path in sorted(found):
        register_kind(name, meta["title"], path, meta["summary"], module=meta.get("module", ""))


_register_shipped()
