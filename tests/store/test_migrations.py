"""Schema versions: an older store is migrated after a backup; a newer one is refused."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, inspect, text

from okrkit.errors import SchemaVersionError
from okrkit.store import DB_FILE, SCHEMA_VERSION, open_store
from okrkit.testing import demo_folder


def _make_version_1(url: str) -> None:
    """Turn a current store into what okrkit 0.1's first schema wrote: no drafts table."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE drafts"))
        connection.execute(text("UPDATE okrkit_meta SET value = '1' WHERE key = 'schema_version'"))
    engine.dispose()


def test_an_older_sqlite_store_is_backed_up_then_migrated(tmp_path):
    """Opening a version-1 file copies it aside, adds what is new and keeps every check-in."""
    folder = demo_folder(tmp_path)
    checkins = open_store(folder).checkins()
    _make_version_1(f"sqlite:///{folder / DB_FILE}")
    store = open_store(folder)
    assert store.backup is not None and store.backup.name.startswith(f"{DB_FILE}.v1-backup-")
    with sqlite3.connect(store.backup) as backup:
        assert backup.execute("SELECT value FROM okrkit_meta").fetchone() == ("1",)
        assert backup.execute("SELECT count(*) FROM checkins").fetchone() == (len(checkins),)
    assert store.checkins() == checkins
    assert inspect(store.engine).has_table("drafts")
    assert open_store(folder).backup is None  # migrated once only


@pytest.mark.postgres
def test_an_older_postgresql_store_is_backed_up_then_migrated(tmp_path, pg_url):
    """On a server, the backup is a copy of each table beside it."""
    folder = demo_folder(tmp_path, url=pg_url)
    checkins = open_store(folder, pg_url).checkins()
    _make_version_1(pg_url)
    store = open_store(folder, pg_url)
    tables = inspect(store.engine).get_table_names()
    assert any(t.startswith("okrkit_backup_v1_") and t.endswith("_checkins") for t in tables)
    assert store.checkins() == checkins and "drafts" in tables


def test_a_newer_store_is_refused_with_what_to_do(tmp_path):
    """A store written by a future okrkit is not touched."""
    folder = demo_folder(tmp_path)
    with sqlite3.connect(folder / DB_FILE) as connection:
        connection.execute("UPDATE okrkit_meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaVersionError, match=r"newer than this okrkit understands.*pip install -U okrkit"):
        open_store(folder)
