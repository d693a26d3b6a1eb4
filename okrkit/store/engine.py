"""Database engines: an SQLite file tuned for several writers, or any SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from okrkit.errors import MissingExtraError, StoreError

__all__ = ["DB_FILE", "ENV_URL", "display_url", "make_engine", "resolve_url", "writer"]

DB_FILE = "okrkit.db"
ENV_URL = "OKRKIT_DB_URL"
BUSY_TIMEOUT_MS = 30_000


def resolve_url(folder: Path, url: str | None = None) -> str:
    """The option, else $OKRKIT_DB_URL, else the SQLite file inside the engagement folder.

    A file in a folder this process cannot write (an archived engagement, a read-only
    mount) is opened read-only, so it can still be read.
    """
    if not (url or os.environ.get(ENV_URL)):
        path = (folder / DB_FILE).resolve()
        return _read_only_url(path) if _unwritable(path) else f"sqlite:///{path}"
    url = url or os.environ[ENV_URL]
    # psycopg (v3) is the driver we install; a bare postgresql:// would ask for psycopg2.
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _unwritable(path: Path) -> bool:
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_only_url(path: Path) -> str:
    # Without its -wal file nobody is writing: `immutable` lets SQLite read a WAL store
    # without creating the -shm file it could not create in this folder.
    immutable = "" if path.with_name(path.name + "-wal").exists() else "&immutable=1"
    return f"sqlite:///file:{path}?mode=ro{immutable}&uri=true"


def display_url(url: str) -> str:
    """The URL as a person may see it: no password, and a file as its path."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return str(sqlite_path(url) or url)
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as error:
            raise MissingExtraError(error.name or "the database driver", "postgres") from None
        except ArgumentError:  # NoSuchModuleError: an unknown scheme
            raise StoreError(
                f"database URL {display_url(url)!r}: okrkit stores engagements in an SQLite file "
                "(sqlite:////path/okrkit.db) or on PostgreSQL (postgresql://user@host/db)") from None
    if parsed.database in (None, "", ":memory:"):
        raise StoreError("database URL 'sqlite://' is an in-memory database that keeps nothing; "
                         "leave --db out to use DIR/okrkit.db, or give a file (sqlite:////path/okrkit.db)")
    read_only = parsed.query.get("mode") == "ro"
    # Each Voila kernel is its own process; NullPool keeps no idle handle on the file.
    engine = create_engine(parsed, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _tune_read_only if read_only else _tune_sqlite)
    event.listen(engine, "begin", _begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, for transactions that write: on SQLite they take the write lock at BEGIN."""
    return engine.execution_options(okrkit_write=True)


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cursor.close()


def _tune_read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _begin(connection) -> None:  # type: ignore[no-untyped-def]
    # A writer takes the write lock at BEGIN: a deferred transaction that later upgrades
    # fails at once with "database is locked" instead of waiting its turn. A reader
    # begins deferred: under WAL it reads its snapshot and never waits for a writer.
    write = connection.get_execution_options().get("okrkit_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database.removeprefix("file:"))
    return None
