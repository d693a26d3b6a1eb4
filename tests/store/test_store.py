"""The engagement store, on an SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt

import pytest

from okrkit.demo import demo_record
from okrkit.errors import InputError, StoreError
from okrkit.model import CheckIn, Retro
from okrkit.store import open_store
from okrkit.testing import checkin, engagement, key_result, objective, stored, team

FRIDAY = dt.date(2026, 2, 6)


@pytest.fixture
def demo_store(tmp_path, store_url):
    store = open_store(tmp_path / "demo", store_url, create=True)
    store.import_record(demo_record())
    return store


def test_a_record_comes_back_as_it_went_in(demo_store):
    """Engagement, check-ins and retros read back equal to what was imported."""
    assert demo_store.load_record() == demo_record()


def test_a_checkin_is_recorded_and_read_back(demo_store):
    """A GRIP check-in lands with its confidence, values, issues and plan."""
    new = CheckIn(team="Discover Team", date=dt.date(2026, 3, 26), confidence=6, values={"DT-1.1": 91},
                  issues="Release freeze", plan="Retro on Monday", author="Joana")
    demo_store.record_checkin(new)
    assert new in demo_store.checkins("Discover Team")


def test_a_second_checkin_on_the_same_day_replaces_the_first(demo_store):
    """Re-saving a team's check-in for a date corrects it instead of duplicating it."""
    before = len(demo_store.checkins())
    demo_store.record_checkin(CheckIn(team="Discover Team", date=dt.date(2026, 3, 27), confidence=3))
    assert len(demo_store.checkins()) == before
    assert demo_store.checkins("Discover Team")[-1].confidence == 3


def test_a_checkin_for_another_teams_kr_saves_nothing(demo_store):
    """Values for a KR the team does not own are refused whole."""
    before = demo_store.checkins()
    with pytest.raises(InputError, match=r"values: SX-1.1 is not a key result of Discover Team"):
        demo_store.record_checkin(CheckIn(team="Discover Team", date=dt.date(2026, 3, 26), confidence=6,
                                          values={"DT-1.1": 91, "SX-1.1": 50}))
    assert demo_store.checkins() == before


def test_unknown_team_is_named(demo_store):
    """A check-in for a team that does not exist names it."""
    with pytest.raises(InputError, match=r"team: no team is named 'Growth'"):
        demo_store.record_checkin(CheckIn(team="Growth", date=FRIDAY))


def test_an_import_that_fails_half_way_leaves_the_store_as_it_was(demo_store):
    """A record whose last check-in is bad changes nothing: one transaction."""
    before = demo_store.load_record()
    record = demo_record()
    record.engagement.client = "Changed"
    record.checkins.append(CheckIn(team="Discover Team", date=FRIDAY, values={"NOPE-1": 1}))
    with pytest.raises(InputError):
        demo_store.import_record(record)
    assert demo_store.load_record() == before


def test_editing_the_definition_keeps_the_history(demo_store):
    """Renaming an objective and adding a KR keeps every check-in value."""
    eng = demo_store.load_engagement()
    eng.team("Discover Team").objectives[0].title = "Make week one effortless"
    eng.team("Discover Team").objectives[0].key_results.append(key_result("DT-1.4", "Increase D7 retention "
                                                                                    "from 50% to 60%", 50, 60))
    before = demo_store.checkins()
    demo_store.save_engagement(eng)
    assert demo_store.load_engagement() == eng
    assert demo_store.checkins() == before


def test_moving_a_kr_to_another_objective_keeps_its_history(demo_store):
    """A KR moved between objectives keeps its values, even when its old objective is dropped."""
    eng = demo_store.load_engagement()
    discover = eng.team("Discover Team")
    moved = discover.objectives[0].key_results.pop()
    discover.objectives = [objective("DT-2", "Make setup self-explanatory", krs=[moved],
                                     aligns_to=["DS-1"]), objective("DT-1", krs=discover.objectives[0].key_results)]
    demo_store.save_engagement(eng)
    values = [c.values.get("DT-1.3") for c in demo_store.checkins("Discover Team")]
    assert all(v is not None for v in values)


def test_dropping_a_kr_with_history_is_refused_unless_allowed(demo_store):
    """Removing a checked-in KR would lose its history: refused, then allowed explicitly."""
    eng = demo_store.load_engagement()
    eng.team("Discover Team").objectives[0].key_results.pop()
    eng.backlog = [item for item in eng.backlog if item.key_result != "DT-1.3"]
    with pytest.raises(StoreError, match=r"key result DT-1.3 has 12 recorded check-in value"):
        demo_store.save_engagement(eng)
    demo_store.save_engagement(eng, allow_removals=True)
    assert "DT-1.3" not in demo_store.load_engagement().key_results()
    assert all("DT-1.3" not in c.values for c in demo_store.checkins())


def test_broken_references_are_refused(tmp_path, store_url):
    """An aligns_to pointing nowhere is refused by the store with its path."""
    eng = engagement(teams=[team("A", [objective("A-1", aligns_to=["Z-1"])])])
    store = open_store(tmp_path / "e", store_url, create=True)
    with pytest.raises(InputError, match=r"teams\[0\].okrs\[0\].aligns_to: no objective has the id 'Z-1'"):
        store.save_engagement(eng)
    assert not store.has_engagement()


def test_retros_are_recorded_per_team_date_and_kind(demo_store):
    """An end-of-cycle retro is added beside the mid-cycle ones, and replaced when saved again."""
    retro = Retro(team="Discover Team", date=dt.date(2026, 3, 27), kind="end", format="end-of-cycle",
                  items=[{"prompt": "learned", "text": "Small releases pay off", "votes": 2}],
                  actions=["Keep the 10% rollouts"], scores={"DT-1.1": 0.9})
    demo_store.record_retro(retro)
    demo_store.record_retro(retro.model_copy(update={"actions": ["Keep the 10% rollouts", "Share the data"]}))
    ends = [r for r in demo_store.retros("Discover Team") if r.kind.value == "end"]
    assert len(ends) == 1 and ends[0].actions == ["Keep the 10% rollouts", "Share the data"]


def test_drafts_survive_a_new_store_object(tmp_path, store_url):
    """An autosaved draft is there for the next process that opens the store."""
    store = stored(tmp_path, engagement(), url=store_url)
    store.save_draft("drafter:Team", {"objective": "Half-typed", "krs": [{"title": "Increase"}]})
    again = open_store(tmp_path / "engagement", store_url)
    assert again.load_draft("drafter:Team") == {"objective": "Half-typed", "krs": [{"title": "Increase"}]}
    again.delete_draft("drafter:Team")
    assert again.load_draft("drafter:Team") is None


def test_engagements_share_a_server_database_by_folder_name(tmp_path, pg_url):
    """On PostgreSQL one database holds many engagements, kept apart by folder name."""
    first = stored(tmp_path, engagement(client="Acme"), name="acme", url=pg_url)
    second = stored(tmp_path, engagement(client="Globex"), name="globex", url=pg_url)
    first.record_checkin(checkin("Team", FRIDAY, 7))
    assert (first.load_engagement().client, second.load_engagement().client) == ("Acme", "Globex")
    assert second.checkins() == [] and len(first.checkins()) == 1


def test_a_folder_without_a_store_says_what_to_do(tmp_path):
    """Opening a folder with no engagement points at import and demo."""
    with pytest.raises(StoreError, match=r"no engagement here; run `okrkit import"):
        open_store(tmp_path / "nothing")


def test_sqlite_store_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path):
    """The SQLite file is tuned for several writers."""
    store = stored(tmp_path, engagement())
    with store.engine.connect() as connection:
        pragmas = {p: connection.exec_driver_sql(f"PRAGMA {p}").scalar()
                   for p in ("journal_mode", "foreign_keys", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30000}


def test_saving_a_week_again_keeps_the_earlier_version_and_it_can_be_restored(tmp_path):
    """Check-in history: what the week said before, who recorded it and when; an identical save adds nothing."""
    from okrkit.testing import demo_folder

    store = open_store(demo_folder(tmp_path))
    before = store.checkins("Discover Team")[-1]
    edited = before.model_copy(update={"confidence": 4, "values": {**before.values, "DT-1.1": 70.0},
                                       "author": "Rafael Souza"})
    store.record_checkin(edited)
    store.record_checkin(edited)
    (version,) = store.checkin_history("Discover Team", before.date)
    assert version.checkin == before and version.replaced_at >= version.recorded_at
    assert version.changes(edited)[:2] == [f"confidence {before.confidence}", f"DT-1.1 {before.values['DT-1.1']:g}"]
    store.restore_checkin(version)
    assert store.checkins("Discover Team")[-1] == before
    assert [v.checkin for v in store.checkin_history("Discover Team", before.date)] == [edited, before]
    assert store.load_record().history == [] and len(store.load_record(history=True).history) == 2


def test_history_travels_with_the_cycle_and_through_an_exported_file(tmp_path):
    from okrkit.cycles import plan_next_cycle
    from okrkit.io.transfer import export_engagement
    from okrkit.io.yaml_file import read_record
    from okrkit.model import Cycle
    from okrkit.testing import demo_folder

    store = open_store(demo_folder(tmp_path))
    last = store.checkins("Account Opening Team")[-1]
    store.record_checkin(last.model_copy(update={"confidence": 2}))
    text = export_engagement(store, "yaml", None, history=True)
    assert "checkin_history:" in text and "checkin_history:" not in export_engagement(store, "yaml", None)
    copy = open_store(tmp_path / "copy", create=True)
    copy.import_record(read_record(text))
    assert copy.checkin_history() == store.checkin_history()
    record = store.load_record(history=True)
    store.start_next_cycle(plan_next_cycle(record, Cycle(name="2026-Q2", start="2026-04-01", end="2026-06-30"),
                                           {}).engagement)
    assert store.checkin_history() == []  # the new cycle starts with none
    archived = store.load_record(history=True).cycles[-1]
    assert [v.checkin for v in archived.history] == [last]


def test_a_checkin_after_the_cycle_is_refused_and_nothing_is_saved(demo_store):
    """The API refuses a check-in dated after the cycle (it would be stored yet never counted)."""
    before = demo_store.checkins()
    with pytest.raises(InputError, match=r"date: 2026-12-01 is outside the cycle 2026-Q1 \(2026-01-05 to 2026-03-27\)"):
        demo_store.record_checkin(CheckIn(team="Discover Team", date=dt.date(2026, 12, 1), confidence=6,
                                          values={"DT-1.1": 91}))
    assert demo_store.checkins() == before


def test_an_import_with_one_checkin_outside_the_cycle_saves_none_of_them(demo_store):
    """import_checkins is one transaction: a check-in before the cycle refuses the whole batch."""
    before = demo_store.checkins()
    with pytest.raises(InputError, match="2026-01-02 is outside the cycle"):
        demo_store.import_checkins([CheckIn(team="Discover Team", date=dt.date(2026, 3, 26), confidence=6),
                                    CheckIn(team="Discover Team", date=dt.date(2026, 1, 2), confidence=6)])
    assert demo_store.checkins() == before


def test_a_save_where_one_key_result_changed_updates_that_row_only(tmp_path, store_url):
    """Saving a 50-team engagement again with one KR retitled writes one UPDATE, not one per row."""
    from sqlalchemy import event

    from okrkit.testing import scale_record

    store = open_store(tmp_path / "bank", store_url, create=True)
    record = scale_record(50)
    store.import_record(record)
    engagement = store.load_engagement()
    kr = engagement.teams[-1].objectives[0].key_results[0]
    kr.title = kr.title + " this quarter"
    writes: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: writes.append(statement.split()[0].upper()))
    store.save_engagement(engagement)
    assert writes.count("INSERT") == 0 and writes.count("UPDATE") == 2  # the engagement's row, then the KR's
    assert store.load_engagement().key_results()[kr.id].title == kr.title


def test_a_view_of_a_few_teams_reads_only_their_objectives(tmp_path, store_url):
    """load_engagement(objectives_of=…) keeps every team and the chosen teams' OKRs, and only theirs."""
    store = open_store(tmp_path / "demo", store_url, create=True)
    store.import_record(demo_record())
    whole = store.load_engagement()
    part = store.load_engagement(objectives_of={"Discover Team"})
    assert [t.name for t in part.teams] == [t.name for t in whole.teams]
    assert [t.name for t in part.teams if t.objectives] == ["Discover Team"]
    assert part.team("Discover Team") == whole.team("Discover Team")
    assert not any(t.objectives for t in store.load_engagement(objectives_of=()).teams)
