"""Schema versions: create a new store, migrate an older one after a backup, refuse a newer one.

A migration is a function from version N to N+1 registered in `MIGRATIONS`; it runs in
the same transaction as the version bump, so a failed migration leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, select, text

from okrkit.errors import DamagedStoreError, SchemaVersionError, StoreError
from okrkit.store import schema
from okrkit.store.engine import sqlite_path, writer

__all__ = ["MIGRATIONS", "ensure_schema", "read_version"]


def _v1_to_v2(connection: Connection) -> None:
    schema.drafts.create(connection, checkfirst=True)


def _v2_to_v3(connection: Connection) -> None:
    schema.checkin_history.create(connection, checkfirst=True)
    schema.past_cycles.create(connection, checkfirst=True)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def read_version(connection: Connection) -> int | None:
    """The stored schema version, or None for an empty database."""
    if not inspect(connection).has_table(schema.meta.name):
        return None
    value = connection.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
    ).scalar()
    if value is None:
        return None
    if not str(value).isdigit() or not 1 <= int(value) < 10_000:
        raise DamagedStoreError(f"its schema_version is {value!r}, which no okrkit ever wrote")
    return int(value)


def _missing_tables(connection: Connection) -> list[str]:
    present = set(inspect(connection).get_table_names())
    return [name for name in schema.metadata.tables if name not in present]


def ensure_schema(engine: Engine, url: str) -> Path | None:
    """Bring the database to `SCHEMA_VERSION`. Returns the backup taken, if any."""
    with engine.connect() as connection:
        version = read_version(connection)
        if version is None and inspect(connection).has_table(schema.engagements.name):
            raise DamagedStoreError("its schema_version is missing")
        if version == schema.SCHEMA_VERSION:
            missing = _missing_tables(connection)
            if missing:
                raise DamagedStoreError(f"its table {missing[0]} is missing")
            return None
    if version is not None and version > schema.SCHEMA_VERSION:
        raise SchemaVersionError(
            f"this store has schema version {version}, newer than this okrkit understands "
            f"({schema.SCHEMA_VERSION}): upgrade okrkit (pip install -U okrkit) to open it"
        )
    if engine.url.query.get("mode") == "ro":
        raise StoreError("it is read-only and needs an upgrade (or is empty): copy the folder somewhere "
                         "writable and open it there")
    backup = None
    with writer(engine).begin() as connection:
        version = read_version(connection)  # again, under the write lock: another process may have won
        if version is None:
            schema.metadata.create_all(connection)
            _set_version(connection, schema.SCHEMA_VERSION, insert=True)
            return None
        if version == schema.SCHEMA_VERSION:
            return None
        backup = _backup(connection, url, version)
        while version < schema.SCHEMA_VERSION:
            MIGRATIONS[version](connection)
            version += 1
        _set_version(connection, version, insert=False)
    return backup


def _set_version(connection: Connection, version: int, *, insert: bool) -> None:
    if insert:
        connection.execute(schema.meta.insert().values(key="schema_version", value=str(version)))
    else:
        connection.execute(
            schema.meta.update().where(schema.meta.c.key == "schema_version").values(value=str(version))
        )


def _backup(connection: Connection, url: str, version: int) -> Path | None:
    """A copy of the store as it was, before migrating it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = sqlite_path(url)
    if path is not None:
        target = path.with_name(f"{path.name}.v{version}-backup-{stamp}")
        # The online backup API reads a consistent copy while we hold the write lock.
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        return target
    # A server database: copy each table beside it, inside the same database.
    for table in inspect(connection).get_table_names():
        if not table.startswith("okrkit_backup_"):
            connection.execute(text(f'CREATE TABLE "okrkit_backup_v{version}_{stamp.replace("-", "_")}_{table}" '
                                    f'AS SELECT * FROM "{table}"'))
    return None
