"""Several processes writing one store at once, as Voila kernels do."""

from __future__ import annotations

import datetime as dt
import multiprocessing

from okrkit.model import CheckIn
from okrkit.store import open_store
from okrkit.testing import demo_folder

WRITERS = 6
CHECKINS_EACH = 8
TEAMS = ["Discover Team", "Support Experience Team", "Account Opening Team"]
_FREE_DAYS = [d for d in (dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(80)) if d.weekday() != 4]


def _write(folder: str, url: str | None, writer: int, start: multiprocessing.synchronize.Barrier) -> None:
    store = open_store(folder, url)
    start.wait()  # everyone writes at the same moment
    for i in range(CHECKINS_EACH):
        # Distinct days of the cycle with no demo check-in (not Fridays), so no write replaces another.
        day = _FREE_DAYS[writer * CHECKINS_EACH + i]
        store.record_checkin(CheckIn(team=TEAMS[writer % 3], date=day, confidence=1 + (i % 10),
                                     issues=f"writer {writer}", plan=f"check-in {i}"))


def test_concurrent_writers_all_succeed(tmp_path, store_url):
    """Six processes recording eight check-ins each at once: all 48 land."""
    folder = demo_folder(tmp_path, url=store_url)
    before = len(open_store(folder, store_url).checkins())
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    workers = [context.Process(target=_write, args=(str(folder), store_url, w, barrier)) for w in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    after = open_store(folder, store_url).checkins()
    assert len(after) == before + WRITERS * CHECKINS_EACH
    assert {c.issues for c in after if c.issues.startswith("writer ")} == {f"writer {w}" for w in range(WRITERS)}
