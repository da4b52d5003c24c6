"""Safety → Retention rule…: set, count, apply now (confirmed, in a worker); and the desk applying
the rule when it starts, after the daily backup."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMainWindow

from app.domain.clock import FixedClock
from app.domain.lead_change_set import LeadChanges
from app.safety.backups import list_backups
from app.safety.erasure import ERASED_NAME
from app.safety.retention import read_retention, write_retention
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.retention_dialog import RetentionDialog
from app.ui.safety_actions import SafetyActions
from db.models import Lead
from tests.safety.conftest import make_person

pytestmark = pytest.mark.gui

NOW = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


@pytest.fixture
def old_closed(sqlite_db):
    return make_person(sqlite_db, FixedClock(datetime(2017, 6, 1, tzinfo=UTC)), 0)


def _name(db, lead_id) -> str:
    with db.read() as s:
        return s.get(Lead, lead_id).full_name


def test_the_dialog_counts_saves_and_applies_the_rule(qtbot, sqlite_db, old_closed):
    prompts = ScriptedPrompts(ask=True)
    dialog = RetentionDialog(sqlite_db, prompts=prompts, clock=NOW)
    qtbot.addWidget(dialog)
    assert not dialog.enabled.isChecked() and not dialog.apply_now.isEnabled()
    assert "rule is off" in dialog.due.text()

    dialog.enabled.setChecked(True)
    dialog.years.setValue(7)
    qtbot.waitUntil(lambda: dialog.due.property("dueCount") == 1, timeout=10000)
    assert dialog.due.text().startswith("1 lead(s) would be anonymised now")
    dialog.years.setValue(20)  # 2017 is not twenty years ago
    qtbot.waitUntil(lambda: dialog.due.property("dueCount") == 0, timeout=10000)

    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    with sqlite_db.read() as s:
        assert read_retention(s) == 20
    assert _name(sqlite_db, old_closed.lead_id) != ERASED_NAME  # saving applies nothing

    again = RetentionDialog(sqlite_db, prompts=prompts, clock=NOW)
    qtbot.addWidget(again)
    assert again.enabled.isChecked() and again.years.value() == 20
    again.years.setValue(7)
    with qtbot.waitSignal(again.applied, timeout=15000) as blocker:
        again.apply_now.click()
    assert prompts.titles("ask") == ["Apply the retention rule"] and "cannot be undone" in prompts.texts("ask")[0]
    assert blocker.args[0].references == (old_closed.reference,)
    assert "1 closed lead(s)" in prompts.texts("inform")[0]
    assert _name(sqlite_db, old_closed.lead_id) == ERASED_NAME


def test_declining_apply_now_anonymises_nobody(qtbot, sqlite_db, old_closed):
    prompts = ScriptedPrompts(ask=False)
    dialog = RetentionDialog(sqlite_db, prompts=prompts, clock=NOW)
    qtbot.addWidget(dialog)
    dialog.enabled.setChecked(True)
    dialog.years.setValue(5)
    assert dialog.apply() is None
    assert _name(sqlite_db, old_closed.lead_id) != ERASED_NAME
    with sqlite_db.read() as s:
        assert read_retention(s) is None


def test_the_desk_applies_the_rule_at_start_after_the_daily_backup(qtbot, sqlite_db, old_closed):
    write_retention(sqlite_db, 7)
    window = QMainWindow()
    qtbot.addWidget(window)
    told: list[LeadChanges] = []
    actions = SafetyActions(window, sqlite_db, clock=NOW, prompts=ScriptedPrompts(), on_changes=told.append)
    qtbot.waitUntil(lambda: not actions.tasks and _name(sqlite_db, old_closed.lead_id) == ERASED_NAME, timeout=15000)
    backups = list_backups(sqlite_db.path)
    assert len(backups) == 1  # made first: the backup still holds the lead, the erasure ledger erases it again on restore
    assert "Retention rule: 1 closed lead(s)" in window.statusBar().currentMessage()
    assert told == [LeadChanges.everything(origin="retention")]


def test_with_the_rule_off_the_desk_changes_nothing_at_start(qtbot, sqlite_db, old_closed):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = SafetyActions(window, sqlite_db, clock=NOW, prompts=ScriptedPrompts())
    qtbot.waitUntil(lambda: not actions.tasks, timeout=15000)
    assert _name(sqlite_db, old_closed.lead_id) != ERASED_NAME
