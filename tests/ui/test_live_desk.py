"""Two desks on one database, for real: a second process (the `medtour` command line) logs a call
and moves a lead while this desk has the list and the lead's tab open. The list row and the tab
show it by themselves (SQLite: data_version polling; PostgreSQL: LISTEN/NOTIFY); a tab with
unsaved edits keeps them and shows who changed what, with Reload."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from app.domain.change_feed import FeedState
from app.domain.leads import get_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_list_model import COL_STATUS
from app.ui.main_controller import build_desk
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
PATIENCE_MS = 30_000  # a deadline for what must happen, not a measured timing


def database_target(db) -> str:
    return str(db.path) if db.is_sqlite else db.url.render_as_string(hide_password=False)


def other_desk(db, *args: str) -> None:
    """The command line, in a process of its own, on the same database."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "app.cli", "--db", database_target(db), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def live_desk(qtbot, db):
    """(window, controller, lead ids by name, prompts) with other desks' changes followed."""
    ids = known_leads(db)
    prompts = ScriptedPrompts()
    window, controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=prompts, safety=False, live=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    live = controller.live
    assert live is not None
    qtbot.waitUntil(lambda: live.state == FeedState.ONLINE, timeout=PATIENCE_MS)
    yield window, controller, ids, prompts
    controller.stop_live_changes()
    assert live.feed is None
    QThreadPool.globalInstance().waitForDone(10_000)


def list_status(controller, lead_id: int) -> str | None:
    row = controller.list_model.row_of(lead_id)
    return None if row is None else controller.list_model.index(row, COL_STATUS).data()


def test_a_call_logged_by_another_process_shows_in_the_list_and_the_open_tab(qtbot, db, live_desk):
    _window, controller, ids, _prompts = live_desk
    lead = ids["fresh"]
    reference = get_lead(db, lead).reference
    editor = controller.open_lead(lead).editor
    assert list_status(controller, lead) == "New"
    calls_before = len(editor.shown.interactions)

    other_desk(db, "log", reference, "--kind", "call", "--outcome", "reached", "--notes", "Sent the records list",
               "--status", "contacted")

    qtbot.waitUntil(lambda: list_status(controller, lead) == "Contacted", timeout=PATIENCE_MS)
    qtbot.waitUntil(lambda: len(editor.shown.interactions) == calls_before + 1, timeout=PATIENCE_MS)
    assert editor.shown.status == "contacted" and editor.base.version == editor.shown.version  # reloaded quietly
    assert not editor.changed_banner.isVisible()
    assert any(i.notes == "Sent the records list" for i in editor.shown.interactions)


def test_a_dirty_tab_keeps_its_text_and_says_who_changed_what(qtbot, db, live_desk):
    _window, controller, ids, prompts = live_desk
    lead = ids["amber"]
    reference = get_lead(db, lead).reference
    editor = controller.open_lead(lead).editor
    editor.form.diagnosis_edit.setPlainText("Myeloma, typed here")
    assert editor.is_dirty()
    loaded_version = editor.base.version

    other_desk(db, "status", reference, "lost", "--reason", "Too expensive")

    qtbot.waitUntil(lambda: editor.changed_banner.isVisible(), timeout=PATIENCE_MS)
    text = editor.changed_banner.message.text()
    assert "Coordinator changed status" in text, text  # the other desk's person, from the history
    assert editor.form.diagnosis_edit.toPlainText() == "Myeloma, typed here"  # nothing typed is lost
    assert editor.base.version == loaded_version and editor.is_dirty()
    assert list_status(controller, lead) == "Lost"

    editor.changed_banner.reload_button.click()  # asks first (the scripted answer: yes)
    assert prompts.titles("ask") == ["Discard your changes?"]
    assert not editor.changed_banner.isVisible() and not editor.is_dirty()
    assert editor.base.status == "lost" and editor.form.diagnosis_edit.toPlainText() != "Myeloma, typed here"


def test_this_desk_s_own_save_does_not_come_back_as_a_banner(qtbot, db, live_desk):
    _window, controller, ids, _prompts = live_desk
    editor = controller.open_lead(ids["james"]).editor
    editor.form.diagnosis_edit.setPlainText("Prostate cancer")
    assert editor.save()
    editor.form.diagnosis_edit.setPlainText("Prostate cancer, Gleason 7")  # dirty again
    # another desk's change to a different lead comes through; our own save never shows as "changed elsewhere"
    other_desk(db, "status", get_lead(db, ids["priya"]).reference, "contacted")
    qtbot.waitUntil(lambda: list_status(controller, ids["priya"]) == "Contacted", timeout=PATIENCE_MS)
    assert not editor.changed_banner.isVisible()
    assert editor.form.diagnosis_edit.toPlainText() == "Prostate cancer, Gleason 7"
