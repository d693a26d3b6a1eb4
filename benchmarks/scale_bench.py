"""okrkit at 10, 50, 200 and 1,000 teams: wall time and peak memory, as ratios to 10 teams in the same run.

    python benchmarks/scale_bench.py [--sizes 10 50 200 1000] [--repeat 1] [--no-pdf]

Each size is a generated bank (`okrkit.testing.scale_record`: business units, 3 objectives ×
3 key results per team, a quarter of weekly check-ins, some retros) written as one YAML file.
Every step is a whole process, as a coach runs it:

- `okrkit import DIR bank.yaml` into a new folder (one transaction);
- `okrkit status DIR`, `okrkit lint bank.yaml`;
- `okrkit report DIR --kind K` for every kind (HTML), and the monthly as PDF;
- the dashboard's whole-engagement view: a process that builds `DashboardApp` as a Voila kernel
  would (its data, tables and summary), then waits for the charts drawn by its child process.
  "dashboard (app)" is the app's own process — what a kernel holds; "dashboard charts" is
  the short-lived child that draws.

Peak memory is the largest resident set of the step's processes (`wait4` rusage of the
child, which covers the kernel or chart worker it waited for; the dashboard reports its own
and its child's apart). Wall times are medians of --repeat runs. Noisy on a shared machine:
read the ratios. The goals (issue 10): at 200 teams ≤ 3× the 10-team time, at 1,000 ≤ 10×;
peak memory at 1,000 teams ≤ 2× at 10 for the reports and the dashboard's app process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OKRKIT = [sys.executable, "-m", "okrkit"]
KINDS = ("weekly", "monthly", "cycle", "case-study", "playbook")
DASHBOARD = """
import datetime as dt, json, resource, sys
from okrkit.widgets import DashboardApp
app = DashboardApp(sys.argv[1], today=dt.date(2026, 3, 27))
assert "<svg" in app.charts.value, app.charts.value[:300]
self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"app": self_kib, "charts": child_kib, "svgs": app.charts.value.count("<svg")}))
"""


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KiB) of the process tree's largest waited-for process, and stdout."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        # communicate() would wait() for us: read, then reap with wait4 to get this child's rusage.
        out = proc.stdout.read()  # type: ignore[union-attr]
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code != 0:
            err.seek(0)
            raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss, out.decode()


def make_yaml(teams: int, path: Path) -> Path:
    """Written by a child: a forked child starts with its parent's peak RSS, so this process stays small."""
    code = ("import sys; from okrkit.io.yaml_file import write_record; from okrkit.testing import scale_record; "
            "write_record(scale_record(int(sys.argv[1])), sys.argv[2])")
    subprocess.run([sys.executable, "-c", code, str(teams), str(path)], check=True)
    return path


def measure(teams: int, root: Path, repeat: int, pdf: bool) -> dict[str, tuple[float, float]]:
    """Step → (median wall seconds, peak MiB) at one size."""
    bank = make_yaml(teams, root / f"bank-{teams}.yaml")
    results: dict[str, list[tuple[float, int]]] = {}

    def step(name: str, cmd: list[str]) -> str:
        wall, kib, out = run(cmd)
        results.setdefault(name, []).append((wall, kib))
        return out

    for i in range(repeat):
        folder = root / f"e{teams}-{i}"
        step("import", [*OKRKIT, "import", str(folder), str(bank)])
        step("status", [*OKRKIT, "status", str(folder)])
        step("lint", [*OKRKIT, "lint", str(bank)])
        for kind in KINDS:
            step(f"report {kind}", [*OKRKIT, "report", str(folder), "--kind", kind, "--out", str(root / "out")])
        if pdf:
            step("report monthly pdf", [*OKRKIT, "report", str(folder), "--kind", "monthly", "--format", "pdf",
                                        "--out", str(root / "out")])
        start = time.perf_counter()
        out = step("dashboard", [sys.executable, "-c", DASHBOARD, str(folder)])
        peaks = json.loads(out.strip().splitlines()[-1])
        wall = time.perf_counter() - start
        results.setdefault("dashboard (app)", []).append((wall, peaks["app"]))
        results.setdefault("dashboard charts", []).append((wall, peaks["charts"]))
        del results["dashboard"][-1]
    return {name: (statistics.median(w for w, _ in runs), max(k for _, k in runs) / 1024)
            for name, runs in results.items() if runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "warm").mkdir()
        measure(args.sizes[0], root / "warm", 1, False)  # warms the file cache and bytecode; not counted
        table = {n: measure(n, root, args.repeat, not args.no_pdf) for n in args.sizes}
    base = table[args.sizes[0]]
    sizes = args.sizes
    head = f"{'step':<22}" + "".join(f"{f'{n} teams':>26}" for n in sizes)
    print(f"wall seconds (× {sizes[0]} teams) and peak MiB (× {sizes[0]} teams), median of {args.repeat}")
    print(head)
    for name in base:
        cells = []
        for n in sizes:
            wall, mib = table[n][name]
            cells.append(f"{wall:7.1f}s {wall / base[name][0]:5.2f}x {mib:6.0f}M {mib / base[name][1]:4.2f}x")
        print(f"{name:<22}" + "".join(f"{c:>26}" for c in cells))


if __name__ == "__main__":
    main()
