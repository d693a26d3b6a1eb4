"""`okrkit import` and `okrkit lint` of a generated bank at 10, 200 and 1,000 teams: wall seconds, and ratios to 10.

    python benchmarks/import_lint_scale.py

A quick look at the two commands issue 10 found slowest; benchmarks/scale_bench.py measures everything.
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from okrkit.io.yaml_file import write_record
from okrkit.testing import scale_record

root = Path(tempfile.mkdtemp())
res = {}
for n in (10, 200, 1000):
    f = root / f"bank{n}.yaml"
    write_record(scale_record(n), f)
    for step, cmd in (("import", ["import", str(root / f"e{n}"), str(f)]), ("lint", ["lint", str(f)])):
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "okrkit", *cmd], capture_output=True, text=True)
        res[(step, n)] = time.perf_counter() - t
        if p.returncode not in (0, 1):
            print(step, n, "rc", p.returncode, p.stderr[-300:])
for step in ("import", "lint"):
    base = res[(step, 10)]
    print(f"{step}: 10 teams {base:.2f} s; 200 teams {res[(step, 200)]:.2f} s ({res[(step, 200)] / base:.1f}x); "
          f"1,000 teams {res[(step, 1000)]:.2f} s ({res[(step, 1000)] / base:.1f}x)")
