"""Peak memory of one app's kernel against a bare ipywidgets kernel, both served by okrkit serve.

    python benchmarks/apps_memory.py [--pool-size 1] [--teams 1000]

Each visitor holds a kernel, so a kernel's memory caps the visitors one server can take.
Each page is opened in Chromium and left open a few seconds after it is interactive; then
the kernel serving it (found by the kernel id in the page's config) is read from /proc:
VmHWM, its peak resident set. The target is at most 2.5x the bare kernel. Linux only.

The dashboard draws its charts in a short-lived child process (okrkit.widgets._chart_worker)
so that altair never lives in a kernel; that child's peak is sampled and printed apart:
it is held for the seconds a chart takes, once per dashboard visit or refresh.

With --teams N the engagement is a generated bank of N teams (okrkit.testing.scale_record)
and only the bare page and the whole-engagement dashboard are measured: issue 10's goal is
that dashboard's kernel at 1,000 teams within 1.5x the bare kernel.
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from apps_common import browser, served, visit

APPS = ("bare", "checkin", "retro", "dashboard")
TARGET = 2.5
SCALE_TARGET = 1.5  # the whole-engagement dashboard of a large organisation (issue 10)


def _kernel_pid(kernel_id: str) -> int:
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"kernel-{kernel_id}.json" in cmdline:
            return int(proc.name)
    raise LookupError(f"no process for kernel {kernel_id}")


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise LookupError("VmHWM")


class _WorkerSampler(threading.Thread):
    """The largest peak RSS seen of any chart worker process while it runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    if b"_chart_worker" in (proc / "cmdline").read_bytes():
                        self.peak = max(self.peak, _peak_mb(int(proc.name)))
                except (OSError, LookupError, ValueError):
                    continue


def measure(pool_size: int, teams: int | None = None) -> tuple[dict[str, float], float]:
    peaks: dict[str, float] = {}
    sampler = _WorkerSampler()
    sampler.start()
    with served(pool_size, teams) as server, browser() as chromium:
        for app in APPS if teams is None else ("bare", "dashboard"):
            page, _ = visit(chromium, server, app, team=None if app == "dashboard" else "Discover Team")
            page.wait_for_timeout(3000)
            config = json.loads(page.locator("#jupyter-config-data").text_content())
            peaks[app] = _peak_mb(_kernel_pid(config["kernelId"]))
            page.context.close()
    sampler.stop.set()
    return peaks, sampler.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool-size", type=int, default=1, help="okrkit serve's --pool-size (default 1)")
    parser.add_argument("--teams", type=int, help="a generated engagement of this many teams instead of the demo")
    args = parser.parse_args()
    peaks, worker = measure(args.pool_size, args.teams)
    bare = peaks["bare"]
    target = TARGET if args.teams is None else SCALE_TARGET
    mode = "preheated" if args.pool_size else "kernel per visit"
    print(f"peak RSS (VmHWM) of the kernel serving each page, {mode}"
          + (f", {args.teams:,} teams" if args.teams else ""))
    for app, mb in peaks.items():
        ratio = mb / bare
        verdict = "" if app == "bare" else ("  ok" if ratio <= target else f"  over the {target}x target")
        print(f"{app:12s}{mb:8.0f} MB{ratio:7.2f}x{verdict}")
    if worker:
        print(f"dashboard's chart worker (a child process, for the seconds it draws): {worker:.0f} MB "
              f"({worker / bare:.2f}x the bare kernel)")


if __name__ == "__main__":
    main()
