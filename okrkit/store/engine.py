"""Database engines: an SQLite file tuned for several writers, or any SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from okrkit.errors import MissingExtraError, StoreError

__all__ = ["DB_FILE", "ENV_URL", "make_engine", "resolve_url"]

DB_FILE = "okrkit.db"
ENV_URL = "OKRKIT_DB_URL"
BUSY_TIMEOUT_MS = 30_000


def resolve_url(folder: Path, url: str | None = None) -> str:
    """The option, else $OKRKIT_DB_URL, else the SQLite file inside the engagement folder."""
    url = url or os.environ.get(ENV_URL) or f"sqlite:///{(folder / DB_FILE).resolve()}"
    # psycopg (v3) is the driver we install; a bare postgresql:// would ask for psycopg2.
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


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
    # Each Voila kernel is its own process; NullPool keeps no idle handle on the file.
    engine = create_engine(parsed, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cursor.close()


def _begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
    # Take the write lock at BEGIN: a deferred transaction that later upgrades to a
    # writer fails at once with "database is locked" instead of waiting its turn.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database)
    return None
