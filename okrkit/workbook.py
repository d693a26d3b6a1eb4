"""`okrkit new`: an engagement folder with its store and one notebook per template.

    DIR/okrkit.db               the store (or the database at --db / $OKRKIT_DB_URL)
    DIR/engagement.yaml         the engagement as a file the coach edits and keeps in git
    DIR/.gitignore              keeps the store and the apps' token out of git
    DIR/coach-workbook.ipynb    the coach's workbook, opened in JupyterLab
    DIR/apps/*.ipynb            the client apps that `okrkit serve DIR` shows in Voila

Each notebook is the template parameterised by papermill (`prepare_only`: nothing runs);
the engagement folder is passed as a path relative to the notebook, so the folder can be
moved or zipped. Running `okrkit new` again refreshes the notebooks and never touches what
is recorded; a notebook the coach has edited is first copied to DIR/.okrkit-backups/.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrkit.errors import InputError, OkrkitError
from okrkit.extras import require
from okrkit.resources import templates_dir

__all__ = [
    "APPS_DIR",
    "BACKUP_DIR",
    "ENGAGEMENT_FILE",
    "Template",
    "app_templates",
    "make_workbooks",
    "new_engagement",
    "parse_cycle",
    "templates",
    "templates_dir",
    "write_engagement_file",
]

APPS_DIR = "apps"
BACKUP_DIR = ".okrkit-backups"
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class Template:
    """A template notebook and what its `okrkit` metadata says about it."""

    path: Path
    app: bool  # served to clients (DIR/apps/) or the coach's (DIR/)
    title: str
    summary: str
    order: int
    per_team: bool
    engagement_wide: bool

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def slug(self) -> str:
        return self.path.stem

    def destination(self, folder: Path) -> Path:
        return folder / APPS_DIR / self.name if self.app else folder / self.name


def read_template(path: Path) -> Template:
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("okrkit", {})
    return Template(
        path=path,
        app=meta.get("kind") == "app",
        title=meta.get("title", path.stem.replace("-", " ").capitalize()),
        summary=meta.get("summary", ""),
        order=int(meta.get("order", 99)),
        per_team=bool(meta.get("per_team", True)),
        engagement_wide=bool(meta.get("engagement_wide", False)),
    )


def templates(directory: Path | None = None) -> list[Template]:
    """Every template notebook (not the report templates in its subfolders), in display order."""
    found = [read_template(p) for p in sorted((directory or templates_dir()).glob("*.ipynb"))]
    return sorted(found, key=lambda t: (t.order, t.name))


def app_templates(directory: Path | None = None) -> list[Template]:
    return [t for t in templates(directory) if t.app]


# --- the engagement -------------------------------------------------------------------


def parse_cycle(name: str, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """"2026-Q1" → the calendar quarter; any other name needs --start and --end."""
    match = _QUARTER.match(name.strip())
    if match and start is None and end is None:
        year, quarter = int(match[1]), int(match[2])
        start = dt.date(year, 3 * quarter - 2, 1)
        after = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        end = after - dt.timedelta(days=1)
        return {"name": f"{year}-Q{quarter}", "start": start, "end": end}
    if start is None or end is None:
        raise InputError(f"--cycle {name!r}: name a quarter such as 2026-Q1, or give --start and --end",
                         field="cycle")
    return {"name": name.strip(), "start": start, "end": end}


def new_engagement(
    folder: Path,
    *,
    client: str | None = None,
    cycle: dict[str, Any] | None = None,
    teams: list[str] | None = None,
    source: Path | None = None,
    url: str | None = None,
) -> str:
    """Create (or check) the engagement in `folder`'s store; returns a one-line summary.

    A new engagement comes from `source` (an engagement YAML) or from client + cycle (+ teams).
    An existing one is kept as it is: `source` is imported over it like `okrkit import`,
    and a client, cycle or teams that differ from what is stored are refused, since
    changing a definition is the job of the YAML file.
    """
    from okrkit.model import Engagement
    from okrkit.store import open_store
    from okrkit.validation import parse

    store = open_store(folder, url, create=True)
    if source is not None:
        if client or cycle or teams:
            raise InputError("--from: the client, cycle and teams come from the file; leave out --client, "
                             "--cycle and --teams", field="from")
        from okrkit.io.transfer import import_file

        return import_file(folder, source, url)
    if store.has_engagement():
        stored = store.load_engagement()
        _check_same(stored, client, cycle, teams, folder)
        return f"{stored.client}, {stored.cycle.name}: kept as recorded ({len(stored.teams)} teams)"
    if not client or cycle is None:
        raise InputError("a new engagement needs --client and --cycle (or --from FILE.yaml)", field="client")
    engagement = parse(Engagement, {"client": client, "cycle": cycle, "teams": [{"name": n} for n in teams or []]})
    store.save_engagement(engagement)
    return f"{engagement.client}, {engagement.cycle.name}: new engagement with {len(engagement.teams)} teams"


def _check_same(stored: Any, client: str | None, cycle: dict[str, Any] | None, teams: list[str] | None,
                folder: Path) -> None:
    fix = f"edit the engagement YAML and run `okrkit import {folder} FILE.yaml`"
    if client and client.strip() != stored.client:
        raise InputError(f"--client: this folder holds the engagement of {stored.client}; {fix}", field="client")
    if cycle and (cycle["name"], cycle["start"], cycle["end"]) != (stored.cycle.name, stored.cycle.start,
                                                                     stored.cycle.end):
        raise InputError(f"--cycle: this engagement's cycle is {stored.cycle.name} ({stored.cycle.start} to "
                         f"{stored.cycle.end}); {fix}", field="cycle")
    missing = [t for t in teams or [] if t not in {team.name for team in stored.teams}]
    if missing:
        raise InputError(f"--teams: {', '.join(missing)} not in this engagement; {fix}", field="teams")


# --- the notebooks --------------------------------------------------------------------


def _declared(path: Path) -> set[str]:
    """Names assigned in the template's cell tagged `parameters`."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return {t.id for node in ast.parse(source).body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)}
    raise OkrkitError(f"template {path.name} has no cell tagged 'parameters'")


def _sources(path: Path) -> list[str]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb.get("cells", [])]


def make_workbooks(folder: Path, team: str | None = None, *, only_apps: bool = False,
                   today: dt.date | None = None) -> list[Path]:
    """Write (or refresh) one notebook per template into `folder`; returns the paths written.

    `today` fixes the day the apps take as today (the demo's, whose cycle is in the past).
    """
    pm = require("papermill", "apps")  # lazy: papermill imports nbclient, jupyter_client and more (~1 s)

    written = []
    # Written beside the engagement first, then moved: a half-written notebook is never served.
    with tempfile.TemporaryDirectory(prefix=".okrkit-new-", dir=folder) as scratch:
        for template in templates():
            if only_apps and not template.app:
                continue
            out = template.destination(folder)
            out.parent.mkdir(parents=True, exist_ok=True)
            relative = Path("..") if template.app else Path(".")
            values = {"engagement_dir": str(relative), "team": None if template.app else team,
                      "today": today.isoformat() if today else None}
            parameters = {k: v for k, v in values.items() if k in _declared(template.path)}
            tmp = Path(scratch) / template.name
            pm.execute_notebook(str(template.path), str(tmp), parameters=parameters, prepare_only=True,
                                kernel_name="python3", language="python", progress_bar=False)
            if out.exists() and _sources(out) != _sources(tmp):
                _backup(folder, out)
            tmp.replace(out)
            written.append(out)
    return written


ENGAGEMENT_FILE = "engagement.yaml"
# What stays out of git in an engagement folder: the store, the apps' token, backups of notebooks.
GITIGNORE = ("okrkit.db", "okrkit.db-*", "okrkit.db.*", ".okrkit-token", ".okrkit-token.*", f"{BACKUP_DIR}/",
             ".ipynb_checkpoints/")


def write_engagement_file(folder: Path, store: Any) -> list[Path]:
    """DIR/engagement.yaml from the store, the file a coach edits by hand and keeps in git.

    Written only when it is not there: once it exists it is the coach's, never overwritten.
    """
    from okrkit.io.yaml_file import write_record

    path = folder / ENGAGEMENT_FILE
    if path.exists():
        return []
    write_record(store.load_record(), path)
    return [path]


def engagement_file_note(folder: Path, store: Any) -> str | None:
    """How to bring DIR/engagement.yaml and the store back in step, when they differ."""
    from okrkit.io.yaml_file import load_record

    path = folder / ENGAGEMENT_FILE
    try:
        in_file = load_record(path)
    except OkrkitError as error:
        return f"{path} cannot be read ({error}); fix it, then `okrkit import {folder} {path}`"
    in_store = store.load_record()
    if in_file == in_store:
        return None
    if in_file.engagement == in_store.engagement:
        return (f"{path} lacks check-ins or retrospectives recorded since it was written: "
                f"`okrkit export {folder} --out {path}` brings it up to date")
    return (f"{path} differs from the store: `okrkit import {folder} {path}` loads your edits into the store, "
            f"or `okrkit export {folder} --out {path}` rewrites the file from the store")


def write_gitignore(folder: Path) -> list[Path]:
    """DIR/.gitignore, so keeping the folder in git never commits the store or the apps' token."""
    path = folder / ".gitignore"
    present = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    missing = [line for line in GITIGNORE if line not in present]
    if not missing:
        return []
    with path.open("a", encoding="utf-8") as handle:
        if not present:
            handle.write("# okrkit: the store and the apps' access token stay out of git\n")
        handle.write("".join(f"{line}\n" for line in missing))
    return [path]


def _backup(folder: Path, path: Path) -> Path:
    """Keep a copy of a notebook about to be replaced, outside apps/ so Voila never serves it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = folder / BACKUP_DIR / f"{path.stem}-{stamp}{path.suffix}"
    backup.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, backup)
    return backup
