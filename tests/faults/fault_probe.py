"""Run the fault cases through the real `okrkit` command, one child process each.

For every case it checks what the issue asks of a refusal — exit 2, one line on stderr,
no traceback, nothing written (no new folder, the existing store unchanged) — and of
every run: peak memory (the child's own ru_maxrss, from wait4) and wall time.

    python3 tests/faults/fault_probe.py [--jobs 2] [--only REGEX] [--lint all|bombs] [--json OUT]

prints one line per problem and a summary. The slow test runs the same function.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fault_cases import Case, all_cases, base_yaml

MEMORY_CAP = 4 << 30  # address-space cap of a child: a bomb on old code must not take the machine down
TIME_CAP = 60.0  # a child still running then is killed and counted as over time
MAX_RSS_MB = 500  # the bounds
MAX_SECONDS = 30.0


@dataclass
class Run:
    case: str
    command: str
    expect: str
    code: int
    seconds: float
    rss_mb: float
    stderr: str
    problems: list[str] = field(default_factory=list)


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_child(args: list[str], cwd: Path) -> tuple[int, float, float, str]:
    """Exit code (negative: killed by a signal), seconds, peak RSS in MB, stderr."""
    err_path = cwd / f".stderr-{os.getpid()}-{time.monotonic_ns()}"
    with open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "okrkit", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=err, preexec_fn=_limit)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > TIME_CAP:
                proc.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
    proc.returncode = 0  # reaped by wait4 already; keep Popen from waiting again
    code = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text(errors="replace")
    err_path.unlink()
    return code, seconds, usage.ru_maxrss / 1024, stderr


def _store_rows(folder: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table, to tell whether a refused import wrote anything."""
    with sqlite3.connect(folder / "okrkit.db") as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))) for t in tables]  # type: ignore[misc]


def _template(root: Path) -> Path:
    """An engagement store made from BASE, copied for every case that imports into a store."""
    folder = root / "template"
    (root / "base.yaml").write_text(base_yaml())
    code, _, _, err = run_child(["import", str(folder), str(root / "base.yaml")], root)
    if code != 0:
        raise RuntimeError(f"the base engagement does not import: {err}")
    return folder


def _traceback(stderr: str) -> bool:
    last = (stderr.strip().splitlines() or [""])[-1]
    return "Traceback (most recent call last)" in stderr or bool(re.match(r"^[\w.]+(Error|Exception)\b", last))


def _check(run: Run, expect: str, written: str | None) -> Run:
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    if _traceback(run.stderr):
        run.problems.append("traceback")
    elif run.code not in (0, 1, 2):
        run.problems.append(f"died (exit {run.code})")
    elif run.code == 2 and len(lines) != 1:
        run.problems.append(f"{len(lines)} lines on stderr")
    if run.code != 0 and written:
        run.problems.append(written)
    if expect == "refuse" and run.code == 0 and run.command == "import":
        run.problems.append("accepted, should be refused")
    if run.rss_mb > MAX_RSS_MB:
        run.problems.append(f"memory {run.rss_mb:.0f} MB")
    if run.seconds > MAX_SECONDS:
        run.problems.append(f"time {run.seconds:.1f} s")
    return run


def probe_case(case: Case, root: Path, template: Path, lint: str) -> list[Run]:
    work = Path(tempfile.mkdtemp(dir=root))
    try:
        path = work / case.filename
        path.write_bytes(case.data)
        runs = []
        if case.target == "store":
            folder = work / "store"
            shutil.copytree(template, folder)
            before = _store_rows(folder)
        else:
            folder = work / "new"
        code, seconds, rss, err = run_child(["import", str(folder), str(path)], work)
        written = None
        if case.target == "store":
            try:
                changed = _store_rows(folder) != before
            except sqlite3.Error:
                changed = True
            written = "store changed" if changed else None
        elif folder.exists():
            written = "left " + ", ".join(sorted(p.name for p in folder.iterdir())) or "left an empty folder"
        runs.append(_check(Run(case.name, "import", case.expect, code, seconds, rss, err[-2000:]), case.expect,
                           written))
        if case.target == "new" and (lint == "all" or case.bomb):
            code, seconds, rss, err = run_child(["lint", str(path)], work)
            runs.append(_check(Run(case.name, "lint", case.expect, code, seconds, rss, err[-2000:]), case.expect,
                               None))
        return runs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def probe(cases: list[Case], jobs: int = 2, lint: str = "bombs") -> list[Run]:
    root = Path(tempfile.mkdtemp(prefix="okrkit-faults-"))
    try:
        template = _template(root)
        with ThreadPoolExecutor(jobs) as pool:
            results = pool.map(lambda c: probe_case(c, root, template, lint), cases)
            return [run for runs in results for run in runs]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def summary(runs: list[Run]) -> dict[str, object]:
    worst_rss = max(runs, key=lambda r: r.rss_mb)
    worst_time = max(runs, key=lambda r: r.seconds)

    def count(word: str) -> int:
        return sum(any(word in p for p in r.problems) for r in runs)

    return {
        "inputs": len({r.case for r in runs}), "runs": len(runs),
        "tracebacks": count("traceback"), "killed": count("died"), "not one line": count("lines on stderr"),
        "partial writes": count("store changed") + count("left"), "wrongly accepted": count("accepted"),
        "over 500 MB": count("memory"), "over 30 s": count("time "),
        "worst memory": f"{worst_rss.rss_mb:.0f} MB ({worst_rss.command} {worst_rss.case})",
        "worst time": f"{worst_time.seconds:.1f} s ({worst_time.command} {worst_time.case})",
        "refused": sum(r.code == 2 for r in runs), "accepted": sum(r.code == 0 for r in runs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="regular expression on case names")
    parser.add_argument("--lint", choices=("all", "bombs"), default="bombs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    cases = [c for c in all_cases() if not args.only or re.search(args.only, c.name)]
    start = time.monotonic()
    runs = probe(cases, args.jobs, args.lint)
    for run in runs:
        if run.problems:
            last = (run.stderr.strip().splitlines() or [""])[-1][:160]
            print(f"{run.command:6} {run.case}: {'; '.join(run.problems)} | {last}")
    figures = summary(runs)
    figures["wall time"] = f"{time.monotonic() - start:.0f} s"
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps({"summary": figures, "runs": [asdict(r) for r in runs]}, indent=1))
    return 1 if any(r.problems for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
