"""Start-up costs of the core, as ratios against bare baselines measured in the same run.

    python benchmarks/core_bench.py [--repeat 7]

- `import okrkit`, `import okrkit.model` and `okrkit.store` against `import ipywidgets`,
  each the self-reported cumulative time of `python -X importtime` (median of runs);
- `okrkit status` on the demo engagement against a bare `python -c pass` process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def import_us(module: str) -> int:
    """Cumulative import time of `module` in microseconds, read from -X importtime."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, check=True).stderr
    for line in reversed(err.splitlines()):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    raise RuntimeError(f"no importtime line for {module}")


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def median(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm the file cache
    return statistics.median(fn() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat

    widgets = median(lambda: import_us("ipywidgets"), repeat)
    print(f"import ipywidgets          {widgets / 1000:8.1f} ms   1.00x (baseline)")
    for module in ("okrkit", "okrkit.model", "okrkit.progress", "okrkit.store"):
        t = median(lambda m=module: import_us(m), repeat)
        print(f"import {module:<19} {t / 1000:8.1f} ms   {t / widgets:.2f}x")

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo"
        subprocess.run([sys.executable, "-m", "okrkit", "demo", str(demo)], capture_output=True, check=True)
        bare = median(lambda: wall([sys.executable, "-c", "pass"]), repeat)
        status = median(lambda: wall([sys.executable, "-m", "okrkit", "status", str(demo)]), repeat)
        as_json = median(lambda: wall([sys.executable, "-m", "okrkit", "status", str(demo), "--format", "json"]),
                         repeat)
    print(f"python -c pass             {bare * 1000:8.1f} ms   1.00x (baseline)")
    print(f"okrkit status (demo)       {status * 1000:8.1f} ms   {status / bare:.2f}x")
    print(f"okrkit status --format json{as_json * 1000:8.1f} ms   {as_json / bare:.2f}x")


if __name__ == "__main__":
    main()
