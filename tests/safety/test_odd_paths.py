"""Backup, restore and file inspection with any characters in the path: `#`, `?`, `%`, spaces,
non-ASCII and Windows-style names (SQLite's read-only URIs are percent-encoded: db/sqlite_uri.py)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.safety.backups import backup_if_due, list_backups, make_backup
from app.safety.database_file import inspect_database_file
from app.safety.restore import check_restorable, restore_database
from app.storage import open_database
from db.sqlite_uri import read_only_uri

FOLDERS = ["Clinic #2", "a?b", "50% off", "my data folder", "Клиника Здоровье", "عيادة الشفاء", "诊所 数据",
           r"C:\Users\clinic\MedTour", "x%2Dy", "q=1&mode=rwc"]


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT full_name FROM leads ORDER BY id")]
    finally:
        con.close()


def _add(db, clock, name: str) -> None:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    create_lead(db, LeadInput(full_name=name, email=f"{name.lower().replace(' ', '.')}@example.com"), clock=clock)


@pytest.mark.parametrize("folder", FOLDERS)
def test_backup_list_inspect_and_restore_in_an_odd_folder(tmp_path, monkeypatch, clock, folder):
    data = tmp_path / folder
    data.mkdir()
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(data))  # the backups folder sits in it too
    db = open_database(data / "medtour.db", create=True)
    _add(db, clock, "Before Backup")
    daily = backup_if_due(db, clock=clock)  # the automatic daily backup ("Clinic #2" had none)
    assert daily is not None and daily.leads == 1
    _add(db, clock, "After Backup")
    db.dispose()
    assert [b.path for b in list_backups(data / "medtour.db")] == [daily.backup.path]
    assert inspect_database_file(daily.backup.path).leads == 1
    assert check_restorable(daily.backup.path).leads == 1
    before = {p.name for p in tmp_path.rglob("*")}
    result = restore_database(data / "medtour.db", daily.backup.path, clock=clock)
    assert _names(data / "medtour.db") == ["Before Backup"]
    assert result.aside is not None and _names(result.aside) == ["Before Backup", "After Backup"]
    # no stray empty files made by a URI cut at `#` or `?`
    assert {p.name for p in tmp_path.rglob("*")} - before == {result.aside.name}


def test_a_percent_name_restores_that_exact_file_not_its_decoded_twin(tmp_path, clock):
    db = open_database(tmp_path / "medtour.db", create=True)
    _add(db, clock, "Encoded Name")
    make_backup(db, tmp_path / "backup%2Dnew.db", clock=clock)
    db.dispose()
    db = open_database(tmp_path / "other.db", create=True)
    _add(db, clock, "Decoded Twin")
    make_backup(db, tmp_path / "backup-new.db", clock=clock)
    db.dispose()
    assert check_restorable(tmp_path / "backup%2Dnew.db").leads == 1
    restore_database(tmp_path / "medtour.db", tmp_path / "backup%2Dnew.db", clock=clock)
    assert _names(tmp_path / "medtour.db") == ["Encoded Name"]


def test_the_uri_never_creates_a_missing_file(tmp_path):
    missing = tmp_path / "no #such?file%20.db"
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(read_only_uri(missing), uri=True).execute("SELECT 1")
    assert list(tmp_path.iterdir()) == []
