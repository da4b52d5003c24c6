"""The window says when opening a database erased people again (an older copy brought them back)."""
from __future__ import annotations

import shutil
from datetime import UTC

import pytest

from app.safety.backups import make_backup
from app.safety.erasure import erase_person
from app.storage import open_database
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_controller import build_desk
from tests.safety.conftest import make_person
from tests.ui.desk_data import fixed_clock

pytestmark = pytest.mark.gui


def test_the_status_bar_names_who_was_erased_again(qtbot, sqlite_db, clock, tmp_path):
    person = make_person(sqlite_db, clock)
    backup = make_backup(sqlite_db, clock=clock).backup.path
    erase_person(sqlite_db, person.reference, clock=clock)
    copy = tmp_path / "older-copy.db"
    shutil.copy(backup, copy)
    db = open_database(copy)
    try:
        window, _controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False)
        qtbot.addWidget(window)
        message = window.statusBar().currentMessage()
        assert message.startswith("Re-erased 1 person(s) this older copy of the database brought back")
        assert f"{person.reference} (erased on 2026-11-25)" in message
    finally:
        db.dispose()
