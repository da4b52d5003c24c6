"""An empty (0-byte) or cut-short database file is damaged: said so, with the newest backup and the
command that restores it; it never silently becomes a new, empty database. Only a path with no
file there may become one, and only when creating was asked for."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.safety.backups import make_backup
from app.safety.database_file import DatabaseCorruptError, damage_on_disk
from app.storage import DatabaseExistsError, DatabaseNotFoundError, new_database, open_database
from tests.conftest import REPO


def _cli(*args: str) -> subprocess.CompletedProcess:
    entry = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", entry, *args], cwd=REPO, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def backed_up(tmp_path, clock):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    path = tmp_path / "medtour.db"
    db = open_database(path, create=True)
    for n in range(30):
        create_lead(db, LeadInput(full_name=f"Patient {n}", email=f"p{n}@example.com", message="x" * 2000), clock=clock)
    backup = make_backup(db, clock=clock).backup.path
    db.checkpoint()
    db.dispose()
    return path, backup


def _cut(path: Path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


@pytest.mark.parametrize("size", [0, 10, 60, 4096, "half"])
def test_an_empty_or_cut_file_is_damaged_never_a_new_database(backed_up, size):
    path, backup = backed_up
    full = path.stat().st_size
    _cut(path, full // 2 if size == "half" else int(size))
    before = path.read_bytes()
    for create in (False, True):
        with pytest.raises(DatabaseCorruptError) as caught:
            open_database(path, create=create)
        assert caught.value.newest_backup == backup
        assert f"medtour restore {backup}" in str(caught.value)
    assert path.read_bytes() == before  # not made into anything
    done = _cli("--db", str(path), "leads")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"medtour: the database {path} is damaged (")
    assert f"restore from a backup: medtour restore {backup}" in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before
    # the offered restore works
    assert _cli("--db", str(path), "restore", str(backup)).returncode == 0
    db = open_database(path)
    assert db.engine.connect().exec_driver_sql("SELECT count(*) FROM leads").scalar() == 30
    db.dispose()


def test_a_zero_byte_file_without_backups_says_so(tmp_path):
    path = tmp_path / "medtour.db"
    path.write_bytes(b"")
    done = _cli("--db", str(path), "lead", "add", "--name", "Anna", "--email", "anna@example.com")
    assert done.returncode == 1
    assert done.stderr == (f"medtour: the database {path} is damaged (the file is empty (0 bytes)); no backup of it "
                           "was found; restore one you keep elsewhere with: medtour restore FILE\n")
    assert path.stat().st_size == 0


def test_only_a_missing_path_becomes_a_new_database_and_only_when_asked(tmp_path):
    missing = tmp_path / "new.db"
    with pytest.raises(DatabaseNotFoundError):
        open_database(missing)
    assert not missing.exists()
    open_database(missing, create=True).dispose()
    assert damage_on_disk(missing) is None
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(DatabaseExistsError):
        new_database(empty)  # `medtour init` on an existing (empty) file
    assert empty.stat().st_size == 0


def test_the_first_run_default_database_is_still_made(tmp_path, monkeypatch):
    """No --db, no MEDTOUR_DB, nothing in the data folder: the commands that write make it, as before."""
    done = _cli("lead", "add", "--name", "Anna", "--email", "anna@example.com")
    assert done.returncode == 0, done.stderr
    from app import paths

    assert damage_on_disk(paths.default_database_path()) is None


def test_a_live_wal_database_is_not_called_cut_short(tmp_path, clock):
    """A database open in another window (its -wal holding newer pages) is not damaged."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    path = tmp_path / "medtour.db"
    db = open_database(path, create=True)
    for n in range(50):
        create_lead(db, LeadInput(full_name=f"Patient {n}", email=f"w{n}@example.com", message="y" * 3000), clock=clock)
    assert damage_on_disk(path) is None
    second = open_database(path)
    second.dispose()
    db.dispose()
