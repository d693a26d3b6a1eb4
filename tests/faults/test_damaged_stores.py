"""Damaged, odd and unreachable stores: one line naming the store and what to do, never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.store import open_store
from okrkit.testing import demo_folder

EXAMPLE = Path(__file__).parents[1] / "io" / "example.yaml"


def _sql(*statements: str) -> Callable[[Path], None]:
    def damage(db: Path) -> None:
        with sqlite3.connect(db) as connection:
            for statement in statements:
                connection.execute(statement)
    return damage


def _bytes(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(db: Path) -> None:
        with sqlite3.connect(db) as connection:  # fold the WAL in, so the file is the whole store
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.write_bytes(change(db.read_bytes()))
    return damage


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": _bytes(lambda b: b[: len(b) // 3]),
    "truncated-header": _bytes(lambda b: b[:50]),
    "zeroed": _bytes(lambda b: bytes(len(b))),
    "random": _bytes(lambda b: os.urandom(len(b))),
    "text-file": _bytes(lambda b: b"client: Example Bank\ncycle: 2026-Q1\n"),
    "schema-version-two": _sql("UPDATE okrkit_meta SET value='two' WHERE key='schema_version'"),
    "schema-version-0": _sql("UPDATE okrkit_meta SET value='0' WHERE key='schema_version'"),
    "schema-version-negative": _sql("UPDATE okrkit_meta SET value='-1' WHERE key='schema_version'"),
    "schema-version-missing": _sql("DELETE FROM okrkit_meta"),
    "missing-table": _sql("DROP TABLE checkin_values"),
    "missing-teams": _sql("PRAGMA foreign_keys=OFF", "DROP TABLE teams"),
    "tampered-json": _sql("UPDATE engagements SET cycle='{not json'"),
    "tampered-profile": _sql("UPDATE engagements SET profile='[1, 2]'"),
    "tampered-baseline": _sql("UPDATE key_results SET baseline='forty'"),
    "tampered-kind": _sql("UPDATE key_results SET kind='gizmo'"),
    "tampered-confidence": _sql("UPDATE checkins SET confidence=99"),
    "tampered-date": _sql("UPDATE checkins SET date='someday' WHERE id = (SELECT min(id) FROM checkins)"),
    "tampered-members": _sql("UPDATE teams SET members='not a list'"),
}


def _status(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["status", str(folder), *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_a_damaged_store_is_named_in_one_line_with_what_to_do(kind, tmp_path, capsys):
    """status and export (and import, for a file that cannot be opened) on a damaged okrkit.db: exit 2,
    one line naming the file and a remedy."""
    folder = demo_folder(tmp_path)
    DAMAGES[kind](folder / "okrkit.db")
    commands = [["status", str(folder)], ["export", str(folder)]]
    if not kind.startswith("tampered"):  # an import reads no stored values, so only the others stop it
        commands.append(["import", str(folder), str(EXAMPLE)])
    for args in commands:
        capsys.readouterr()
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2, (args[0], err)
        assert len(err.strip().splitlines()) == 1, err
        assert str(folder / "okrkit.db") in err
        assert "damaged" in err and ("restore" in err or "import" in err), err


def test_a_damaged_store_points_to_its_backup(tmp_path, capsys):
    """When okrkit took a backup (before an upgrade), the message says to restore that file."""
    folder = demo_folder(tmp_path)
    backup = folder / "okrkit.db.v1-backup-20260101-120000"
    shutil.copy(folder / "okrkit.db", backup)
    DAMAGES["zeroed"](folder / "okrkit.db")
    code, err = _status(folder, capsys)
    assert code == 2 and f"restore the backup {backup}" in err


@pytest.mark.parametrize(("url", "words"), [
    ("foo://x/y", "okrkit stores engagements in an SQLite file"),
    ("sqlite://", "in-memory database"),
    ("not a url", "is not a valid SQLAlchemy URL"),
    ("postgresql://nobody:secret@127.0.0.1:1/okrkit", "cannot use the store"),
])
def test_a_bad_db_url_is_one_line(url, words, tmp_path, capsys):
    """--db with an unknown scheme, an in-memory SQLite, nonsense, or a server that is not there."""
    code, err = _status(tmp_path, capsys, "--db", url)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1, err
    assert "secret" not in err


def test_a_file_given_as_the_engagement_folder_is_refused(tmp_path, capsys):
    """`okrkit import FILE x.yaml` says FILE is not a folder, and leaves it alone."""
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("keep me")
    for args in (["import", str(not_a_dir), str(EXAMPLE)], ["status", str(not_a_dir)], ["demo", str(not_a_dir)]):
        capsys.readouterr()
        assert main(args) == 2
        assert "is a file, not an engagement folder" in capsys.readouterr().err
    assert not_a_dir.read_text() == "keep me"


def test_a_refused_import_into_a_new_folder_leaves_nothing(tmp_path, capsys):
    """A file the store refuses (a check-in for a team that does not exist) creates no folder and no okrkit.db."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text()
                   + "checkins:\n  - {team: Nobody, date: 2026-01-09, confidence: 5}\n")
    assert main(["import", str(tmp_path / "new"), str(bad)]) == 2
    assert "no team is named 'Nobody'" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


@contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """The folder as a read-only mount (as root, who ignores permissions), else with its write bits off."""
    if os.geteuid() != 0:
        paths = [folder, *folder.rglob("*")]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield folder
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
        return
    mount = Path(tempfile.mkdtemp(prefix="okrkit-ro-"))
    bound = subprocess.run(["mount", "--bind", str(folder), str(mount)], capture_output=True)
    if bound.returncode != 0:
        mount.rmdir()
        pytest.skip(f"cannot make a read-only mount here: {bound.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True, capture_output=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()


def _okrkit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrkit", *args], capture_output=True, text=True, timeout=120)


def test_a_read_only_engagement_can_still_be_read(tmp_path):
    """An archived engagement on a read-only mount shows its status and exports; an import is refused in one line."""
    folder = demo_folder(tmp_path)
    expected = _okrkit("status", str(folder), "--format", "json").stdout
    with _read_only(folder) as archived:
        assert not list(archived.glob("okrkit.db-*"))  # no -wal or -shm: the hardest case for SQLite
        status = _okrkit("status", str(archived), "--format", "json")
        assert status.returncode == 0, status.stderr
        assert status.stdout == expected
        export = _okrkit("export", str(archived))
        assert export.returncode == 0 and "client: Banco Aurora" in export.stdout
        refused = _okrkit("import", str(archived), str(EXAMPLE))
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert "Traceback" not in refused.stderr


def test_a_read_only_store_opens_read_only(tmp_path, monkeypatch):
    """The store of a folder this process cannot write is opened with SQLite's read-only URI."""
    folder = demo_folder(tmp_path)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    store = open_store(folder)
    assert "mode=ro" in store.url
    assert store.load_record().engagement.client == "Banco Aurora"


@pytest.mark.slow
@pytest.mark.postgres
def test_demo_into_a_new_folder_on_a_server_writes_the_folder_and_the_engagement(tmp_path, pg_url, capsys):
    """`okrkit demo NEWDIR --db postgresql://…` makes the folder (engagement.yaml) as well as the server's rows."""
    folder = tmp_path / "new" / "bank"
    assert main(["demo", str(folder), "--db", pg_url]) == 0, capsys.readouterr().err
    assert (folder / "engagement.yaml").exists() and not (folder / "okrkit.db").exists()
    assert open_store(folder, pg_url).load_record().engagement.client == "Banco Aurora"
