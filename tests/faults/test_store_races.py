"""Writers racing on one team and day, and readers while a write lock is held."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import subprocess
import sys
import time
import traceback

import pytest

from okrkit.model import CheckIn
from okrkit.store import open_store
from okrkit.testing import demo_folder

WRITERS = 16
SAVES_EACH = 20
TEAM, KRS = "Discover Team", ("DT-1.1", "DT-1.2")
DAY = dt.date(2026, 3, 20)


def _race(folder: str, url: str | None, writer: int, start, errors) -> None:  # type: ignore[no-untyped-def]
    store = open_store(folder, url)
    start.wait()  # all at the same moment, on the same team and day
    for i in range(SAVES_EACH):
        mark = writer * 1000 + i
        try:
            store.record_checkin(CheckIn(team=TEAM, date=DAY, confidence=1 + writer % 10,
                                         values=dict.fromkeys(KRS, float(mark)), issues=f"writer {writer} save {i}"))
        except Exception:
            errors.put(traceback.format_exc(limit=1).strip().splitlines()[-1])


@pytest.mark.slow
def test_sixteen_writers_on_one_team_and_day_never_fail(tmp_path, store_url):
    """16 processes × 20 saves of the same team's check-in on the same day: 0 errors, one check-in
    left, whole (its values all come from the save its issues name: the last writer won)."""
    folder = demo_folder(tmp_path, url=store_url)
    context = multiprocessing.get_context("spawn")
    start, errors = context.Barrier(WRITERS), context.Queue()
    workers = [context.Process(target=_race, args=(str(folder), store_url, w, start, errors))
               for w in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == [] and [w.exitcode for w in workers] == [0] * WRITERS
    left = [c for c in open_store(folder, store_url).checkins(TEAM) if c.date == DAY]
    assert len(left) == 1
    writer, save = (int(word) for word in left[0].issues.split()[1::2])
    assert left[0].values == dict.fromkeys(KRS, float(writer * 1000 + save))
    assert left[0].confidence == 1 + writer % 10
    # Every version that was replaced is in the history, none twice: the demo's own check-in of
    # that day and all the saves but the last.
    history = open_store(folder, store_url).checkin_history(TEAM, DAY)
    saved = {f"writer {w} save {i}" for w in range(WRITERS) for i in range(SAVES_EACH)}
    kept = [v.checkin.issues for v in history]
    assert len(kept) == WRITERS * SAVES_EACH and len(set(kept)) == len(kept)
    assert set(kept) | {left[0].issues} == saved | {kept[-1]} and kept[-1] not in saved


def test_reads_go_on_while_a_write_lock_is_held(tmp_path):
    """With another connection holding SQLite's write lock, `okrkit status` and the store's reads
    answer at once with the last committed data (WAL readers never wait for the writer)."""
    folder = demo_folder(tmp_path)
    before = open_store(folder).load_record()
    holder = sqlite3.connect(folder / "okrkit.db", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE checkins SET issues = 'uncommitted'")
        started = time.monotonic()
        assert open_store(folder).load_record() == before
        status = subprocess.run([sys.executable, "-m", "okrkit", "status", str(folder)], capture_output=True,
                                text=True, timeout=60)
        elapsed = time.monotonic() - started
        assert status.returncode == 0, status.stderr
        assert "Discover Team" in status.stdout
        assert elapsed < 20  # far below the 30 s busy timeout a blocked reader would wait
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_writer_waits_for_the_lock_and_then_lands(tmp_path):
    """A check-in saved while another connection holds the write lock waits its turn, then lands."""
    folder = demo_folder(tmp_path)
    holder = sqlite3.connect(folder / "okrkit.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = subprocess.Popen([sys.executable, "-c", (
        "import datetime as dt, okrkit\n"
        f"okrkit.open_store({str(folder)!r}).record_checkin(okrkit.CheckIn(team='Discover Team', "
        "date=dt.date(2026, 3, 26), confidence=4))\n")])
    time.sleep(2)
    assert writer.poll() is None  # still waiting for the lock
    holder.execute("COMMIT")
    holder.close()
    assert writer.wait(timeout=60) == 0
    assert dt.date(2026, 3, 26) in [c.date for c in open_store(folder).checkins(TEAM)]
