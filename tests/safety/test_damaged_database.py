"""A damaged database file: a clear message naming the newest backup, and the restore it offers works."""
from __future__ import annotations

import os
import sqlite3

import pytest

from app.cli import main
from app.safety.backups import make_backup
from app.safety.database_file import DatabaseCorruptError, DatabaseTooNewError
from app.safety.restore import restore_database
from app.storage import open_database
from db.migrate import SchemaTooNewError


@pytest.mark.parametrize("damage", ["not a database", "damaged pages"])
def test_damaged_file_names_the_newest_backup(tmp_path, clock, damage):
    from app.domain.demo_data import generate_demo

    path = tmp_path / "medtour.db"
    db = open_database(path, create=True)
    generate_demo(db, 100, seed=1)
    backup = make_backup(db, clock=clock).backup.path
    db.dispose()
    if damage == "not a database":
        path.write_bytes(b"PK\x03\x04 a zip someone saved over it" * 100)
        reason = "file is not a database"
    else:
        # the schema page survives, the alembic_version and leads pages do not
        con = sqlite3.connect(path)
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
        con.close()
        data = bytearray(path.read_bytes())
        data[(root - 1) * 4096:(root - 1) * 4096 + 4096] = os.urandom(4096)
        path.write_bytes(bytes(data))
        reason = "malformed"
    with pytest.raises(DatabaseCorruptError, match=reason) as caught:
        open_database(path)
    assert caught.value.newest_backup == backup
    assert f"restore from a backup: medtour restore {backup}" in str(caught.value)

    restore_database(path, caught.value.newest_backup, clock=clock)
    reopened = open_database(path)
    assert reopened.engine.connect().exec_driver_sql("SELECT count(*) FROM leads").scalar() == 100
    reopened.dispose()


def test_damaged_file_without_backups_says_so(tmp_path):
    path = tmp_path / "medtour.db"
    path.write_bytes(b"\x7fELF" + os.urandom(5000))
    with pytest.raises(DatabaseCorruptError, match="no backup of it was found"):
        open_database(path)


def test_cli_shows_one_line_not_a_traceback(tmp_path, capsys, clock):
    path = tmp_path / "medtour.db"
    db = open_database(path, create=True)
    backup = make_backup(db, clock=clock).backup.path
    db.dispose()
    path.write_bytes(os.urandom(20000))
    assert main(["--db", str(path), "leads"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged (file is not a database)" in err and str(backup) in err
    assert main(["--db", str(path), "check"]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_newer_schema_is_a_user_error_with_one_line(tmp_path, capsys):
    path = tmp_path / "future.db"
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError):  # still the db layer's error, for callers that catch it
        open_database(path)
    with pytest.raises(DatabaseTooNewError):
        open_database(path)
    assert main(["--db", str(path), "leads"]) == 1
    err = capsys.readouterr().err
    assert "newer version of MedTour Desk" in err and err.count("\n") == 1
    assert path.read_bytes() == before
