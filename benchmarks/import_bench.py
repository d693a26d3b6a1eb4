"""Cost of a big check-ins import, as a ratio against a bare baseline measured in the same run.

    python benchmarks/import_bench.py [--rows 200000] [--repeat 1]

An engagement of 1,000 teams with 4 key results each (inside its cycle) and a check-ins
CSV of ROWS rows (a value per KR per week). Timed: `okrkit import DIR checkins.csv`, a
whole process as a coach runs it, against the floor of any such import — a bare Python
process that reads the same CSV with the csv module and inserts its rows into an SQLite
table with one executemany. Noisy on a shared machine: read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

TEAMS, KRS = 1000, 4
START = dt.date(2026, 1, 5)

BARE = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE v (date TEXT, team TEXT, kr TEXT, value REAL, confidence INT)")
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))[1:]
db.executemany("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [(r[0], r[1], r[2], float(r[3]), int(r[4])) for r in rows])
db.commit()
"""


def engagement(weeks: int) -> dict[str, object]:
    end = START + dt.timedelta(weeks=weeks)
    return {"client": "Bench Bank", "cycle": {"name": "bench", "start": START.isoformat(), "end": end.isoformat(),
                                             "checkin_weekday": "monday"},
            "teams": [{"name": f"Team {t}", "okrs": [{
                "id": f"T{t}-1", "objective": "Grow the business", "key_results": [
                    {"id": f"T{t}-1.{k}", "title": f"Increase metric {k} from 0 to 100", "baseline": 0, "target": 100}
                    for k in range(KRS)]}]} for t in range(TEAMS)]}


def checkins_csv(path: Path, rows: int) -> int:
    weeks = -(-rows // (TEAMS * KRS))
    with path.open("w") as f:
        f.write("date,team,kr,value,confidence\n")
        n = 0
        for w in range(weeks):
            day = (START + dt.timedelta(weeks=w)).isoformat()
            for t in range(TEAMS):
                for k in range(KRS):
                    if n < rows:
                        f.write(f"{day},Team {t},T{t}-1.{k},{(w * 7 + k) % 100},7\n")
                        n += 1
    return weeks


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    okrkit_times, bare_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        weeks = checkins_csv(root / "checkins.csv", args.rows)
        (root / "e.yaml").write_text(yaml.safe_dump(engagement(weeks)))
        for i in range(args.repeat):
            folder = root / f"e{i}"
            timed([sys.executable, "-m", "okrkit", "import", str(folder), str(root / "e.yaml")])
            okrkit_times.append(timed([sys.executable, "-m", "okrkit", "import", str(folder),
                                       str(root / "checkins.csv")]))
            bare_times.append(timed([sys.executable, "-c", BARE, str(root / "checkins.csv"), str(root / f"b{i}.db")]))
    ours, bare = statistics.median(okrkit_times), statistics.median(bare_times)
    print(f"{args.rows:,} check-in rows ({TEAMS:,} teams × {KRS} KRs × {weeks} weeks)")
    print(f"okrkit import      {ours:6.1f} s  ({args.rows / ours:,.0f} rows/s)")
    print(f"bare csv + sqlite  {bare:6.1f} s")
    print(f"ratio              {ours / bare:6.1f}×")


if __name__ == "__main__":
    main()
