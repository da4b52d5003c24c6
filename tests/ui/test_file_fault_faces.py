"""The GUI face of the file faults: the same words as the CLI's line for a read-only file, folder or
database and a full disk, and start-up saying what it tidied after an interrupted restore."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.startup import open_initial_database, remember_schema_head
from tests.conftest import REPO
from tests.ui.test_error_faces import assert_same_words_everywhere

pytestmark = pytest.mark.gui


def _caught(action) -> BaseException:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - the error is what is tested
        return exc
    raise AssertionError("no error")


def test_file_faults_read_the_same_in_every_face(qtbot, hook, tmp_path, clock):
    from app.domain.atomic_file import write_bytes_atomically
    from app.storage import open_database

    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"%PDF")
    kept.chmod(0o400)
    read_only = assert_same_words_everywhere(qtbot, hook, _caught(lambda: write_bytes_atomically(kept, b"new")))
    assert read_only.title == "Read-only file" and "not replaced" in read_only.message
    rofs = OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / "x.csv"))
    assert assert_same_words_everywhere(qtbot, hook, rofs).title == "Read-only disk"
    database = tmp_path / "medtour.db"
    open_database(database, create=True).dispose()
    database.chmod(0o400)
    words = assert_same_words_everywhere(qtbot, hook, _caught(lambda: open_database(database)))
    assert words.title == "Database read-only" and "chmod u+w" in words.message


def test_start_up_says_it_completed_an_interrupted_restore(qtbot, tmp_path, monkeypatch, clock):
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    database, saved = tmp_path / "medtour.db", tmp_path / "saved.db"
    assert main(["--db", str(database), "lead", "add", "--name", "Anna", "--email", "anna@example.com"]) == 0
    assert main(["--db", str(database), "backup", str(saved)]) == 0
    open_initial_database(str(database), prompts=ScriptedPrompts()).dispose()
    remember_schema_head()  # so the start takes the quick path (open_at_known_head) first
    # killed at the hard link that keeps the old database: the journal is written, the swap not done
    killed = subprocess.run([sys.executable, "-m", "tests.fault_layer", "--under", str(tmp_path), "--operations", "link",
                             "--kill-at", "1", "--", "--db", str(database), "restore", str(saved)],
                            cwd=REPO, env=os.environ.copy(), capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert Path(f"{database}.restoring").exists()
    prompts = ScriptedPrompts()
    db = open_initial_database(str(database), prompts=prompts)
    try:
        assert prompts.titles("inform") == ["MedTour Desk tidied up after an interruption"]
        text = prompts.texts("inform")[0]
        assert f"A restore from {saved} was interrupted; it has now been completed" in text
        assert not Path(f"{database}.restoring").exists()
    finally:
        db.dispose()


def test_start_up_on_an_empty_database_file_offers_the_newest_backup(qtbot, tmp_path, monkeypatch, clock):
    """A 0-byte database is damaged, never a new empty one: start-up says so and restores the newest backup."""
    from app.safety.backups import make_backup
    from app.storage import open_database

    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    database = tmp_path / "medtour.db"
    assert main(["--db", str(database), "lead", "add", "--name", "Anna", "--email", "anna@example.com"]) == 0
    db = open_database(database)
    backup = make_backup(db, clock=clock).backup.path
    db.dispose()
    database.write_bytes(b"")  # a crash, a sync tool or a full disk left it empty
    declined = ScriptedPrompts(ask=False, choose=None)
    assert open_initial_database(str(database), prompts=declined) is None
    assert declined.titles("ask") == ["The database is damaged"]
    asked = declined.texts("ask")[0]
    assert "is damaged (the file is empty (0 bytes))" in asked and f"Restore the newest backup, {backup.name}?" in asked
    assert database.stat().st_size == 0  # declined: nothing was made of it
    prompts = ScriptedPrompts(ask=True)
    db = open_initial_database(str(database), prompts=prompts)
    try:
        assert db is not None
        assert db.engine.connect().exec_driver_sql("SELECT full_name FROM leads").scalars().all() == ["Anna"]
    finally:
        db.dispose()
