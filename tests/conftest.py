"""Fixtures shared by the whole suite: engagement folders and database URLs.

`store_url` runs a store test twice: on an SQLite file and on a real PostgreSQL 15
server. pytest-postgresql starts that server; PostgreSQL refuses to run as root, so
as root (CI) the server is started as the `postgres` user and pytest-postgresql's
janitor gives each test a fresh database on it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("OKRKIT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[dict[str, object]]:
    """A running PostgreSQL server: host, port, user."""
    if not (PG_BIN / "pg_ctl").exists():
        pytest.fail(f"PostgreSQL binaries not found in {PG_BIN}: apt-get install postgresql-15")
    if os.geteuid() != 0:
        proc = request.getfixturevalue("okrkit_postgresql_proc")
        yield {"host": proc.host, "port": proc.port, "user": proc.user}
        return
    yield from _server_as_postgres_user()


def _server_as_postgres_user() -> Iterator[dict[str, object]]:
    data = Path(tempfile.mkdtemp(prefix="okrkit-pg-"))
    shutil.chown(data, "postgres", "postgres")
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, cwd=data)

    run(str(PG_BIN / "initdb"), "-D", str(data / "db"), "--auth=trust", "-U", "postgres", "-E", "UTF8")
    run(str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-w", "-l", str(data / "log"),
        "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "postgres"}
    finally:
        run(str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)


try:
    from pytest_postgresql import factories

    okrkit_postgresql_proc = factories.postgresql_proc(executable=str(PG_BIN / "pg_ctl"))
except ImportError:  # the suite still runs SQLite; the postgres tests fail with a clear reason
    pass


@pytest.fixture
def pg_url(pg_server: dict[str, object], request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped after it."""
    from pytest_postgresql.janitor import DatabaseJanitor

    name = "okrkit_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:40].lower()
    with DatabaseJanitor(user=pg_server["user"], host=pg_server["host"], port=pg_server["port"],
                         dbname=name):
        yield f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """None for the default SQLite file in the engagement folder, else a PostgreSQL URL."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_url")


@pytest.fixture(autouse=True)
def _no_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their store explicitly; a developer's $OKRKIT_DB_URL must not leak in."""
    monkeypatch.delenv("OKRKIT_DB_URL", raising=False)
