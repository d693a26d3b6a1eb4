"""Time from navigation to an interactive check-in app, against a bare Voila page, same server.

    python benchmarks/apps_load.py [--rounds 5]

The bare page is a notebook with one ipywidgets button. Both are timed as Voila's own UI
tests time a render (page.goto, then wait for the widget), first with a kernel started
per visit (--pool-size 0), then from preheated kernels (--pool-size 1, okrkit serve's
default), waiting before each visit until the pool has been refilled and has settled.
Prints medians and ratios; the ratios are what to compare across machines.
"""

from __future__ import annotations

import argparse
import time

from apps_common import browser, median, served, visit

APPS = ("bare", "checkin")
SETTLE_SECONDS = 6.0  # a refilled kernel runs the notebook's imports after Voila logs the pool as filled


def _wait_for_refill(server, app: str, fills: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    line = f"Kernel pool of {app}.ipynb is filled"
    while server.log.read_text(errors="replace").count(line) < fills:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the pool of {app} was not refilled in {timeout:.0f} s")
        time.sleep(0.2)
    time.sleep(SETTLE_SECONDS)


def measure(pool_size: int, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {app: [] for app in APPS}
    with served(pool_size) as server, browser() as chromium:
        if pool_size:
            for app in ("bare", "checkin", "retro", "dashboard"):
                _wait_for_refill(server, app, 1)
        visit(chromium, server, "bare")[0].context.close()  # warm the browser's cache of Voila's assets
        if pool_size:
            _wait_for_refill(server, "bare", 2)
        for round_ in range(rounds):
            for app in APPS:
                page, seconds = visit(chromium, server, app)
                times[app].append(seconds)
                page.context.close()  # the page's beacon shuts the kernel down
                if pool_size:
                    used = round_ + 1 + (app == "bare")
                    _wait_for_refill(server, app, used + 1)
                else:
                    time.sleep(2)
        if pool_size:
            log = server.log.read_text(errors="replace")
            for app in APPS:
                used = sum("Using pre-heated kernel" in line and line.endswith(f" for {app}.ipynb")
                           for line in log.splitlines())
                print(f"{app}: {used} of {rounds + (app == 'bare')} visits served by a preheated kernel")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    cold = measure(0, rounds)
    warm = measure(1, rounds)
    print(f"navigation → interactive, median of {rounds} (seconds)")
    print(f"{'':28s}{'bare button':>14s}{'check-in app':>14s}{'ratio':>8s}")
    for label, times in (("kernel per visit", cold), ("preheated (pool of 1)", warm)):
        bare, app = median(times["bare"]), median(times["checkin"])
        print(f"{label:28s}{bare:14.2f}{app:14.2f}{app / bare:8.2f}")
    print(f"preheated check-in app vs bare page with a kernel per visit: "
          f"{median(warm['checkin']) / median(cold['bare']):.2f}")
    print("raw:", {"cold": cold, "preheated": warm})


if __name__ == "__main__":
    main()
