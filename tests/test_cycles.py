"""An engagement across cycles: past cycles kept whole, the next one planned from the last."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from okrkit.cli import main
from okrkit.cycles import Decision, cycle_summaries, plan_next_cycle, planning_inputs, select_cycle
from okrkit.demo import demo_record
from okrkit.errors import InputError
from okrkit.io.yaml_file import dump_record, read_record
from okrkit.model import Cycle
from okrkit.progress import latest_values
from okrkit.store import DB_FILE, open_store
from okrkit.testing import demo_folder

Q2 = Cycle(name="2026-Q2", start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30))


def test_the_demo_has_a_finished_pilot_cycle_before_the_current_one() -> None:
    record = demo_record()
    assert record.cycle_names() == ["2025-Q4", "2026-Q1"]
    pilot = select_cycle(record, "2025-Q4")
    assert pilot.engagement.cycle.end < record.engagement.cycle.start
    assert pilot.engagement.phase.value == "introducing" and pilot.checkins and pilot.retros
    assert {c.team for c in pilot.checkins} <= {t.name for t in pilot.engagement.teams}


def test_an_unknown_cycle_is_one_line_naming_the_cycles() -> None:
    with pytest.raises(InputError, match=r"no cycle is named '2024-Q9'; the cycles are 2025-Q4, 2026-Q1"):
        select_cycle(demo_record(), "2024-Q9")


def test_kept_objectives_start_from_their_final_values_and_dropped_ones_are_left_behind() -> None:
    record = demo_record()
    plan = plan_next_cycle(record, Q2, {"AO-1": Decision.DROP, "SX-1": "revise"})
    final = latest_values(record.checkins, record.engagement.cycle.end)
    kept = plan.engagement.key_results()
    for kr_id in ("DT-1.1", "DT-1.3", "SX-1.1", "DS-1.2"):
        assert kept[kr_id].baseline == final[kr_id][0]
        assert kept[kr_id].target == record.engagement.key_results()[kr_id].target
    assert "AO-1.1" not in kept and plan.decisions["AO-1"] is Decision.DROP
    assert plan.decisions["DT-1"] is Decision.KEEP  # not named: kept
    assert plan.engagement.cycle == Q2
    assert [t.name for t in plan.engagement.teams] == [t.name for t in record.engagement.teams]


def test_planning_inputs_are_the_end_retros_actions_and_what_to_do_differently() -> None:
    pilot = select_cycle(demo_record(), "2025-Q4")
    inputs = planning_inputs(pilot)
    assert "Action: Ask the coach to review our OKRs before the quarter starts" in inputs["Discover Team"]
    assert "Do differently: Write key results as outcomes; keep the projects in the backlog" in inputs["Discover Team"]


def test_planning_refuses_a_cycle_that_exists_or_starts_too_early() -> None:
    record = demo_record()
    with pytest.raises(InputError, match="already has a cycle named '2025-Q4'"):
        plan_next_cycle(record, Cycle(name="2025-Q4", start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30)), {})
    with pytest.raises(InputError, match="not after the current cycle's start"):
        plan_next_cycle(record, Cycle(name="X", start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)), {})
    with pytest.raises(InputError, match="ZZ-9 is not an objective of 2026-Q1"):
        plan_next_cycle(record, Q2, {"ZZ-9": "drop"})


def test_cycle_next_archives_the_cycle_untouched_and_the_coach_reviews_the_new_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = demo_folder(tmp_path)
    before = open_store(folder).load_record()
    assert main(["cycle", "next", str(folder), "--name", "2026-Q2", "--drop", "AO-1"]) == 0
    out = capsys.readouterr().out
    assert "DT-1.1: baseline 65 → 88.80 (target 90)" in out and "The coach on 2026-Q2:" in out
    after = open_store(folder).load_record()
    assert after.cycle_names() == ["2025-Q4", "2026-Q1", "2026-Q2"]
    q1 = after.cycles[-1]
    assert q1 == before.archived()  # nothing of the finished cycle changed
    assert after.checkins == [] and after.retros == []
    assert after.cycles[0] == before.cycles[0]
    assert main(["status", str(folder), "--cycle", "2026-Q1", "--format", "json"]) == 0
    assert '"2026-Q1"' in capsys.readouterr().out


def test_cycle_next_dry_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = demo_folder(tmp_path)
    before = open_store(folder).load_record()
    assert main(["cycle", "next", str(folder), "--name", "2026-Q2", "--dry-run"]) == 0
    assert "dry run: nothing was changed" in capsys.readouterr().out
    assert open_store(folder).load_record() == before


def test_a_decision_given_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = demo_folder(tmp_path)
    assert main(["cycle", "next", str(folder), "--name", "2026-Q2", "--keep", "DT-1", "--drop", "DT-1"]) == 2
    assert "DT-1 is given both --keep and --drop" in capsys.readouterr().err


def test_cycles_round_trip_through_yaml_and_a_fresh_store(tmp_path: Path) -> None:
    record = demo_record()
    again = read_record(dump_record(record))
    assert again == record
    store = open_store(tmp_path / "copy", create=True)
    store.import_record(again)
    assert store.load_record().cycles == record.cycles


def test_an_import_that_changes_a_past_cycle_is_refused(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path)
    record = open_store(folder).load_record()
    pilot = record.cycles[0]
    changed = pilot.model_copy(update={"checkins": pilot.checkins[1:]})
    with pytest.raises(InputError, match="2025-Q4 is a finished cycle and differs"):
        open_store(folder).import_record(record.model_copy(update={"cycles": [changed]}))
    assert open_store(folder).load_record() == record


def test_cycles_out_of_order_in_a_file_are_one_line() -> None:
    record = demo_record()
    text_ = dump_record(record.model_copy(update={"cycles": [record.archived()]}))
    with pytest.raises(InputError, match="the name '2026-Q1' is used by two cycles"):
        read_record(text_)


def test_a_version_2_store_is_backed_up_and_gains_past_cycles(tmp_path: Path) -> None:
    """A store written before cycles opens, is copied aside, and exports what it held plus no past cycle."""
    folder = demo_folder(tmp_path)
    store = open_store(folder)
    store_record = store.load_record()
    engine = create_engine(f"sqlite:///{folder / DB_FILE}")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE past_cycles"))
        connection.execute(text("UPDATE okrkit_meta SET value = '2' WHERE key = 'schema_version'"))
    engine.dispose()
    migrated = open_store(folder)
    assert migrated.backup is not None and ".v2-backup-" in migrated.backup.name
    with sqlite3.connect(migrated.backup) as backup:
        assert backup.execute("SELECT value FROM okrkit_meta").fetchone() == ("2",)
    assert inspect(migrated.engine).has_table("past_cycles")
    record = migrated.load_record()
    assert record.cycles == [] and record.checkins == store_record.checkins
    assert record.engagement == store_record.engagement


def test_cycle_summaries_show_how_the_engagement_grew() -> None:
    pilot, current = cycle_summaries(demo_record(), today=dt.date(2026, 12, 1))
    assert (pilot.name, pilot.phase, current.name, current.current) == ("2025-Q4", "introducing", "2026-Q1", True)
    assert pilot.checkin_rate is not None and current.checkin_rate is not None
    assert pilot.checkin_rate < current.checkin_rate == 1.0  # the rhythm became a habit
    assert pilot.findings > current.findings  # and the OKRs got better
    assert pilot.score is not None and 0 <= pilot.score <= 1


@pytest.mark.postgres
def test_cycles_and_next_cycle_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    folder = demo_folder(tmp_path, url=pg_url)
    store = open_store(folder, pg_url)
    before = store.load_record()
    plan = plan_next_cycle(before, Q2, {})
    store.start_next_cycle(plan.engagement)
    after = open_store(folder, pg_url).load_record()
    assert after.cycle_names() == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert after.cycles[-1] == before.archived()
