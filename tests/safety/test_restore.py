"""Restore: only a sound MedTour Desk database of a known schema replaces the current one, which is
kept aside; a -wal left by a crash is folded in first; a database in use is never swapped."""
from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli import main
from app.safety.backups import make_backup
from app.safety.database_file import NotAMedTourDatabaseError
from app.safety.restore import DatabaseInUseError, check_restorable, restore_database
from app.storage import open_database
from tests.conftest import REPO


def _leads(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM leads").fetchone()[0]
    finally:
        con.close()


def _add(db, clock, *names: str) -> None:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    for name in names:
        create_lead(db, LeadInput(full_name=name, email=f"{name.lower().replace(' ', '.')}@example.com"), clock=clock)


@pytest.fixture
def backed_up(sqlite_db, clock):
    """A database with one lead, backed up, then given a second lead."""
    _add(sqlite_db, clock, "Before Backup")
    backup = make_backup(sqlite_db, clock=clock).backup.path
    _add(sqlite_db, clock, "After Backup")
    return sqlite_db, backup


def test_restore_brings_back_the_backup_and_keeps_the_current_aside(backed_up, clock):
    db, backup = backed_up
    db.dispose()
    result = restore_database(db.path, backup, clock=clock)
    assert result.info.leads == 1 and _leads(db.path) == 1
    assert result.aside == db.path.with_name("medtour-before-restore-20261125-090000.db")
    assert _leads(result.aside) == 2
    if os.name == "posix":
        assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(result.aside.stat().st_mode) == 0o600
    reopened = open_database(db.path)
    assert len(reopened.engine.connect().exec_driver_sql("SELECT id FROM leads").all()) == 1
    reopened.dispose()


def _refused_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "notes.txt"
    text.write_text("name,phone\nIvan,+7 916\n", encoding="utf-8")
    garbage = tmp_path / "random.db"
    garbage.write_bytes(os.urandom(8192))
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    other = tmp_path / "other-app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.commit()
    con.close()
    return {
        "text": (text, "not an SQLite file"),
        "random bytes": (garbage, "not an SQLite file"),
        "empty": (empty, "not an SQLite file"),
        "another SQLite app": (other, r"is not a MedTour Desk database \(it has no alembic_version, leads"),
        "missing": (tmp_path / "nope.db", "does not exist"),
    }


def test_restore_refuses_what_is_not_a_medtour_database(backed_up, tmp_path, clock):
    db, _ = backed_up
    db.dispose()
    before = db.path.read_bytes()
    for label, (path, message) in _refused_files(tmp_path).items():
        with pytest.raises(NotAMedTourDatabaseError, match=message):
            restore_database(db.path, path, clock=clock)
        assert db.path.read_bytes() == before, label
    assert list(db.path.parent.glob("*before-restore*")) == [] and list(db.path.parent.glob(".*.partial")) == []


def test_restore_refuses_a_damaged_backup(backed_up, tmp_path, clock):
    from app.domain.demo_data import generate_demo

    db, _ = backed_up
    generate_demo(db, 300, seed=2)
    damaged = make_backup(db, tmp_path / "damaged.db", clock=clock).backup.path
    data = bytearray(damaged.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 5):  # scribble over b-tree pages, keep the header
        data[offset:offset + 64] = os.urandom(64)
    damaged.write_bytes(bytes(data))
    db.dispose()
    before = db.path.read_bytes()
    with pytest.raises(NotAMedTourDatabaseError, match="damaged"):
        restore_database(db.path, damaged, clock=clock)
    assert db.path.read_bytes() == before


def test_restore_refuses_a_newer_schema(backed_up, tmp_path, clock):
    db, backup = backed_up
    future = tmp_path / "future.db"
    shutil.copy(backup, future)
    con = sqlite3.connect(future)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(NotAMedTourDatabaseError, match=r"newer version of MedTour Desk \(schema 9999_future\)"):
        check_restorable(future)
    db.dispose()
    with pytest.raises(NotAMedTourDatabaseError, match="newer version"):
        restore_database(db.path, future, clock=clock)
    assert _leads(db.path) == 2


def test_restore_folds_a_crashed_sessions_wal_into_the_aside_copy(backed_up, clock):
    db, backup = backed_up
    db.dispose()
    # Another process commits a lead and dies without closing: its work lives only in the -wal.
    script = textwrap.dedent(f"""
        import os, sqlite3
        con = sqlite3.connect({str(db.path)!r}, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA wal_autocheckpoint=0")
        con.execute("UPDATE leads SET full_name = 'Committed Before Crash' WHERE id = 1")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO)
    wal = Path(f"{db.path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    result = restore_database(db.path, backup, clock=clock)
    assert not wal.exists() and not Path(f"{db.path}-shm").exists()
    con = sqlite3.connect(result.aside)
    assert con.execute("SELECT full_name FROM leads WHERE id = 1").fetchone()[0] == "Committed Before Crash"
    con.close()
    assert _leads(db.path) == 1


def test_restore_refuses_while_another_connection_has_it_open(backed_up, clock, monkeypatch):
    import app.safety.restore as restore

    db, backup = backed_up
    monkeypatch.setattr(restore, "LOCK_WAIT_SECONDS", 0.2)
    other = sqlite3.connect(db.path)  # another window, idle
    other.execute("SELECT count(*) FROM leads").fetchone()
    db.dispose()
    before = _leads(db.path)
    try:
        with pytest.raises(DatabaseInUseError, match="open in another MedTour Desk window"):
            restore_database(db.path, backup, clock=clock)
    finally:
        other.close()
    assert _leads(db.path) == before == 2
    assert list(db.path.parent.glob("*before-restore*")) == []


def test_restore_replaces_a_damaged_database(backed_up, clock):
    db, backup = backed_up
    db.dispose()
    db.path.write_bytes(b"this is not a database any more" * 200)
    result = restore_database(db.path, backup, clock=clock)
    assert _leads(db.path) == 1 and result.aside.read_bytes().startswith(b"this is not")


def test_cli_restore(capsys, backed_up, tmp_path):
    db, backup = backed_up
    db.dispose()
    assert main(["--db", str(db.path), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "restored 1 lead(s)" in out and "kept as" in out
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"\x00" * 4096)
    assert main(["--db", str(db.path), "restore", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("medtour: ") and "not an SQLite file" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", "postgresql://u@localhost/x", "restore", str(backup)]) == 1
    assert "pg_restore" in capsys.readouterr().err
