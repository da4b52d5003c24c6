"""Only the user can read the data: database, -wal, -shm, backups, set-aside copies and personal
exports are 0600; the data folders 0700 — even with a permissive umask."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app import paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_file_holding_patient_data_is_private(permissive_umask, clock, tmp_path, monkeypatch):
    from app.safety.backups import make_backup
    from app.safety.personal_export import export_personal_data
    from app.safety.restore import restore_database
    from app.storage import open_database
    from tests.safety.conftest import make_person

    db = open_database(paths.default_database_path(), create=True)
    person = make_person(db, clock)
    with db.read() as session:  # an open reader keeps -wal and -shm on disk
        session.connection().exec_driver_sql("SELECT count(*) FROM leads").scalar()
        wal, shm = Path(f"{db.path}-wal"), Path(f"{db.path}-shm")
        assert wal.exists() and shm.exists()
        assert (_mode(db.path), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
    backup = make_backup(db, clock=clock).backup.path
    elsewhere = make_backup(db, tmp_path / "usb", clock=clock).backup.path
    export = export_personal_data(db, person.reference, tmp_path / "exports" / "person.json", clock=clock)
    db.dispose()
    restored = restore_database(db.path, backup, clock=clock)
    files = {"backup": backup, "backup elsewhere": elsewhere, "export json": export.json_path, "export pdf": export.pdf_path,
             "set aside": restored.aside, "restored": db.path}
    assert {name: oct(_mode(p)) for name, p in files.items()} == {name: oct(0o600) for name in files}
    folders = {"data": paths.data_dir(), "backups": paths.backups_dir(), "logs": paths.logs_dir(), "packets": paths.packets_dir()}
    assert {name: oct(_mode(p)) for name, p in folders.items()} == {name: oct(0o700) for name in folders}


def test_a_database_made_readable_is_made_private_again_on_open(permissive_umask, tmp_path):
    from app.storage import open_database

    path = tmp_path / "shared.db"
    open_database(path, create=True).dispose()
    path.chmod(0o644)
    open_database(path).dispose()
    assert _mode(path) == 0o600
