"""Reports for many engagements at once: bounded parallelism, a progress bar, failures at the end.

Each report runs in a worker process of its own (spawned, so no worker inherits another's
threads or kernels); at most `jobs` kernels start at the same time, which keeps clear of
papermill's port races and start time-outs (papermill#511, #239) — and those that still
happen are retried in `run.execute`. One engagement failing never stops the others.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from okrkit.errors import OkrkitError
from okrkit.extras import require

__all__ = ["BatchResult", "find_engagements", "render_all"]

DB_FILE = "okrkit.db"


def find_engagements(root: Path) -> list[Path]:
    """Every folder below `root` (itself included) that holds an engagement store, sorted."""
    if not root.is_dir():
        from okrkit.errors import InputError

        raise InputError(f"{root} is not a folder", field="all")
    found = {p.parent for p in root.rglob(DB_FILE) if p.is_file()}
    return sorted(f for f in found if not any(part.startswith(".") for part in f.relative_to(root).parts))


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def _output_for(folder: Path, root: Path, out_dir: Path | None) -> Path | None:
    """Each engagement's own reports/ folder, or OUT/<its path below root>/ so names never collide."""
    if out_dir is None:
        return None
    relative = folder.relative_to(root) if folder != root else Path(folder.name)
    return out_dir / relative


def _render_one(folder: Path, kind: str, as_of: dt.date | None, fmt: str, out: Path | None) -> Path:
    from okrkit.reports.run import ReportRequest, render_report

    # The folder's own file, even when $OKRKIT_DB_URL names a server: --all found it by that file.
    url = f"sqlite:///{(folder / DB_FILE).resolve()}"
    return render_report(ReportRequest(folder, kind, as_of, fmt, out, db_url=url))


def _describe(error: BaseException) -> str:
    if isinstance(error, OkrkitError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def render_all(folders: list[Path], kind: str, *, as_of: dt.date | None = None, fmt: str = "html",
               out_dir: Path | None = None, jobs: int = 2, root: Path | None = None,
               progress: bool = True) -> BatchResult:
    """Render `kind` for every folder, `jobs` at a time; collect what was written and what failed."""
    tqdm = require("tqdm", "reports").tqdm

    root = root or Path(".")
    result = BatchResult()
    bar = tqdm(total=len(folders), desc=f"{kind} reports", unit="report", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(folders))), mp_context=context) as pool:
        futures = {
            pool.submit(_render_one, folder, kind, as_of, fmt, _output_for(folder, root, out_dir)): folder
            for folder in folders
        }
        for future in as_completed(futures):
            folder = futures[future]
            try:
                result.written.append(future.result())
            except Exception as error:  # one engagement's failure is reported, the rest go on
                result.failed.append((folder, _describe(error)))
                bar.write(f"failed: {folder}: {_describe(error)}", file=sys.stderr)
            bar.update(1)
    bar.close()
    result.written.sort()
    result.failed.sort()
    return result
