"""Cost of `okrkit report`, as ratios against bare baselines measured in the same run.

    python benchmarks/reports_bench.py [--repeat 3] [--batch 12] [--kind monthly]   (--batch 0: one report only)

- one report: `okrkit report DEMO --kind KIND` (HTML) against a bare `papermill` run of a
  one-cell notebook followed by `jupyter nbconvert --to html` of it — the floor of any
  papermill + nbconvert report;
- the same as a PDF against the HTML;
- a batch: `okrkit report --all ROOT --jobs 2` over BATCH copies of the demo against the
  same BATCH reports made one after another (one `okrkit report DIR` each), and against
  `--all --jobs 1`.

Wall-clock medians of whole processes, as a coach would run them. Noisy on a shared
machine: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

OKRKIT = [sys.executable, "-m", "okrkit"]


def wall(*commands: list[str]) -> float:
    start = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def median(fn: Callable[[], float], repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def one_cell_notebook(path: Path) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1\nx")], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, path)
    return path


def line(label: str, seconds: float, base: float, note: str = "") -> None:
    print(f"{label:<48} {seconds:7.2f} s  {seconds / base:5.2f}x {note}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=12)
    parser.add_argument("--kind", default="monthly")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        demo = root / "demo"
        subprocess.run([*OKRKIT, "demo", str(demo)], capture_output=True, check=True)
        bare_in = one_cell_notebook(root / "one.ipynb")
        bare_out = root / "one-out.ipynb"
        bare_cmds = (["papermill", str(bare_in), str(bare_out), "--no-progress-bar"],
                     ["jupyter", "nbconvert", "--to", "html", str(bare_out)])
        report = [*OKRKIT, "report", str(demo), "--kind", args.kind, "--out", str(root / "r")]
        wall(*bare_cmds), wall(report)  # warm the file cache and bytecode

        bare = median(lambda: wall(*bare_cmds), args.repeat)
        html = median(lambda: wall(report), args.repeat)
        pdf = median(lambda: wall([*report, "--format", "pdf"]), args.repeat)
        print(f"one report ({args.kind}), median of {args.repeat}")
        line("papermill one-cell + nbconvert --to html", bare, bare, "(baseline)")
        line(f"okrkit report --kind {args.kind}", html, bare)
        line(f"okrkit report --kind {args.kind} --format pdf", pdf, bare, f"({pdf / html:.2f}x the HTML)")

        if args.batch < 1:
            return
        clients = root / "clients"
        for i in range(args.batch):
            shutil.copytree(demo, clients / f"client-{i:02d}", ignore=shutil.ignore_patterns("reports"))
        folders = sorted(clients.iterdir())
        one_by_one = wall(*([*OKRKIT, "report", str(f), "--kind", args.kind] for f in folders))
        jobs1 = wall([*OKRKIT, "report", "--all", str(clients), "--kind", args.kind, "--jobs", "1"])
        jobs2 = wall([*OKRKIT, "report", "--all", str(clients), "--kind", args.kind, "--jobs", "2"])
        print(f"\nbatch of {args.batch} engagements ({args.kind}), one run each")
        line(f"{args.batch} x okrkit report DIR, one after another", one_by_one, one_by_one, "(baseline)")
        line("okrkit report --all --jobs 1", jobs1, one_by_one)
        line("okrkit report --all --jobs 2", jobs2, one_by_one, f"({jobs2 / jobs1:.2f}x --jobs 1)")


if __name__ == "__main__":
    main()
