"""The safety GUI: Backups & restore, Erase this person, the Safety menu — driven as a user would,
with scripted answers instead of modal boxes."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMainWindow

from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.leads import get_lead
from app.safety.backups import list_backups, make_backup
from app.safety.database_file import DatabaseCorruptError
from app.ui.backup_dialog import RAW_ROLE, BackupDialog, BackupListModel, restore_after_damage
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.erase_dialog import EraseDialog
from app.ui.safety_actions import SafetyActions, install_safety_actions
from tests.safety.conftest import make_person

pytestmark = pytest.mark.gui


def _leads(db) -> int:
    with db.read() as s:
        return s.connection().exec_driver_sql("SELECT count(*) FROM leads WHERE erased_at IS NULL").scalar()


@pytest.fixture
def person(sqlite_db, clock):
    return make_person(sqlite_db, clock)


def test_backup_list_model(qtmodeltester, sqlite_db, clock):
    for day in range(3):
        make_backup(sqlite_db, clock=type(clock)(clock().replace(day=20 + day)))
    model = BackupListModel()
    model.set_backups(list_backups(sqlite_db.path))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, BackupListModel.COL_WHEN).data() == "2026-11-22 09:00"
    assert model.index(0, 0).data(RAW_ROLE).path.name == "medtour-20261122-090000.db"


def test_back_up_now_then_restore_the_older_copy(qtbot, sqlite_db, clock, person):
    prompts = ScriptedPrompts(ask=True)
    dialog = BackupDialog(sqlite_db, prompts=prompts, clock=clock)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.backed_up, timeout=10000):
        dialog.back_up_button.click()
    assert dialog.model.rowCount() == 1 and "verified" in dialog.status.text()

    make_person(sqlite_db, clock, 1)  # entered after the backup
    assert _leads(sqlite_db) == 2
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.restored, timeout=10000) as blocker:
        dialog.restore_button.click()
    assert prompts.titles("ask") == ["Restore this backup?"] and "holds 1 leads" in prompts.texts("ask")[0]
    assert _leads(sqlite_db) == 1  # the same Database object reads the restored file
    assert get_lead(sqlite_db, person.reference).full_name == "Зинаида Квашнина"
    assert blocker.args[0].aside.exists() and "kept as" in dialog.status.text()
    assert [b.kind for b in dialog.model._rows] == ["before restore", "backup"]


def test_restore_declined_or_refused_changes_nothing(qtbot, sqlite_db, clock, person, tmp_path):
    make_backup(sqlite_db, clock=clock)
    prompts = ScriptedPrompts(ask=False, open_path=str(tmp_path / "holiday.jpg"))
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a database")
    dialog = BackupDialog(sqlite_db, prompts=prompts, clock=clock)
    qtbot.addWidget(dialog)
    assert dialog.restore_selected() is None  # declined
    assert dialog.restore_from_file() is None  # refused
    assert prompts.titles("error") == ["This file cannot be restored"]
    assert "not an SQLite file" in prompts.texts("error")[0]
    assert _leads(sqlite_db) == 1 and not list(sqlite_db.path.parent.glob("*before-restore*"))


def test_restore_after_damage(sqlite_db, clock, person):
    backup = make_backup(sqlite_db, clock=clock).backup.path
    sqlite_db.dispose()
    sqlite_db.path.write_bytes(b"garbage" * 1000)
    error = DatabaseCorruptError(sqlite_db.path, "file is not a database", backup)
    assert restore_after_damage(error, prompts=ScriptedPrompts(ask=False)) is None
    prompts = ScriptedPrompts(ask=True)
    result = restore_after_damage(error, prompts=prompts, clock=clock)
    assert result is not None and result.info.leads == 1 and "is damaged" in prompts.texts("ask")[0]
    assert sqlite3.connect(sqlite_db.path).execute("SELECT count(*) FROM leads").fetchone()[0] == 1


def test_erase_needs_the_reference_typed(qtbot, sqlite_db, clock, person):
    make_backup(sqlite_db, clock=clock)
    dialog = EraseDialog(sqlite_db, person.lead_id, prompts=ScriptedPrompts(), clock=clock)
    qtbot.addWidget(dialog)
    text = dialog.summary.toPlainText()
    assert "Зинаида Квашнина" in text and person.reference in text and "1 packet PDF" in text
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirmation, "L-2026-0000")
    assert not dialog.erase_button.isEnabled()
    dialog.confirmation.setText(person.reference.lower())
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(dialog.erased, timeout=10000):
        dialog.erase_button.click()
    after = dialog.summary.toPlainText()
    assert f"Erased {person.reference}" in after and "Older copies made before the erasure" in after and "backups" in after
    assert not dialog.erase_button.isEnabled()
    assert get_lead(sqlite_db, person.lead_id).full_name == "[erased]"


def test_safety_menu(qtbot, sqlite_db, clock, person, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    current = {"lead": None}
    replaced = []
    prompts = ScriptedPrompts(save_path=str(tmp_path / "export.json"))
    install_safety_actions(window, lambda: sqlite_db, clock=clock, current_lead_id=lambda: current["lead"],
                           prompts=prompts, on_changes=replaced.append)
    actions = window.findChild(SafetyActions)
    assert [a.text() for a in actions.menu.actions() if a.text()] == [
        "&Back up now", "Backups && &restore…", "&Check database", "&Erase this person…", "E&xport personal data…",
        "App &lock settings…", "&Retention rule…"]
    qtbot.waitUntil(lambda: not actions.tasks, timeout=10000)  # the daily backup at start
    assert len(list_backups(sqlite_db.path)) == 1
    actions._update_actions()
    assert not actions.actions["erase"].isEnabled() and not actions.actions["export_personal"].isEnabled()

    actions.actions["check"].trigger()
    qtbot.waitUntil(lambda: prompts.titles("inform") == ["The database is sound"], timeout=10000)

    current["lead"] = person.lead_id
    actions._update_actions()
    assert actions.actions["export_personal"].isEnabled()
    actions.actions["export_personal"].trigger()
    qtbot.waitUntil(lambda: "Personal data exported" in prompts.titles("inform"), timeout=15000)
    assert (tmp_path / "export.json").exists() and (tmp_path / "export.pdf").exists()

    actions.actions["erase"].trigger()
    dialog = window.findChild(EraseDialog)
    dialog.confirmation.setText(person.reference)
    with qtbot.waitSignal(dialog.erased, timeout=10000):
        dialog.erase_button.click()
    assert replaced == [LeadChanges.of([person.lead_id], ChangeKind.ERASED, ChangeKind.ALL, origin="erase")]
    actions.actions["erase"].trigger()  # again: already erased, said in words
    assert prompts.titles("error") == ["Erase this person"] and "already erased" in prompts.texts("error")[0]


def test_safety_menu_on_postgresql_says_pg_dump(qtbot):
    from db.engine import Database

    window = QMainWindow()
    qtbot.addWidget(window)
    prompts = ScriptedPrompts()
    actions = SafetyActions(window, Database("postgresql://u@localhost/x"), prompts=prompts)  # never connects
    assert actions.back_up_now() is None and "pg_dump" in prompts.texts("inform")[0]
    assert actions.show_backups() is None and "pg_dump" in prompts.texts("error")[0]
