"""The log-call and status dialogs by keyboard alone: Tab walks the fields in reading order, from
where the focus starts, and Esc asks before discarding what was entered (and closes at once when
nothing was)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.log_call_dialog import LogCallDialog
from app.ui.status_dialog import StatusChangeDialog
from tests.ui.test_new_lead_keyboard import tab_chain

pytestmark = pytest.mark.gui


@pytest.fixture
def lead_id(sqlite_db, clock):
    data = LeadInput("Иван Петров", phones=[("+7 916 123-45-67", "mobile")], country="RU", language="ru")
    return create_lead(sqlite_db, data, clock=clock).lead_id


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_log_call_tab_chain_follows_the_form(qtbot, sqlite_db, clock, lead_id):
    dialog = _shown(qtbot, LogCallDialog(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts()))
    start = dialog.focusWidget()
    assert start is dialog.outcome_buttons["reached"], "the focus starts on the outcome"
    chain = tab_chain(start)
    expected = [dialog.direction_box, dialog.duration_edit, dialog.timer_button, dialog.notes_edit,
                *dialog.pick_buttons]
    assert chain[:len(expected)] == expected
    rest = chain[len(expected):]
    assert [w.text() for w in rest[:1]] == ["None [0]"]
    assert rest[1:] == [dialog.follow_up_edit, dialog.move_check, dialog.save_button,
                        dialog.buttons.button(dialog.buttons.StandardButton.Cancel)]
    # Every outcome is one Tab stop: the arrows move between them (a radio group), so Tab leaves it.
    assert sum(1 for w in [start, *chain] if w in dialog.outcome_buttons.values()) == 1
    # Tab really moves the focus that way (Qt's own walk, not just the chain read above).
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.direction_box
    dialog.notes_edit.setFocus()
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.pick_buttons[0], "Tab leaves the notes (it does not type a tab)"


def test_status_dialog_tab_chain_follows_the_form(qtbot, sqlite_db, clock, lead_id):
    dialog = _shown(qtbot, StatusChangeDialog(sqlite_db, lead_id, "contacted", clock=clock, prompts=ScriptedPrompts()))
    assert dialog.focusWidget() is dialog.target_box, "no reason needed: the focus starts on the move"
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert tab_chain(dialog.target_box) == [dialog.reason_box, dialog.ok_button, cancel]

    lost = _shown(qtbot, StatusChangeDialog(sqlite_db, lead_id, "lost", clock=clock, prompts=ScriptedPrompts()))
    assert lost.focusWidget() is lost.reason_box, "Lost needs a reason: the focus starts there"
    qtbot.keyClicks(lost.reason_box, "Chose another provider")
    lost_cancel = lost.buttons.button(lost.buttons.StandardButton.Cancel)
    assert tab_chain(lost.reason_box) == [lost.ok_button, lost_cancel, lost.target_box]


def test_log_call_esc_asks_before_discarding_what_was_entered(qtbot, sqlite_db, clock, lead_id):
    keep = ScriptedPrompts(ask=False)
    dialog = _shown(qtbot, LogCallDialog(sqlite_db, lead_id, clock=clock, prompts=keep))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R)
    qtbot.keyClicks(dialog.notes_edit, "Asked for the PET-CT")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.notes_edit.toPlainText() == "Asked for the PET-CT"
    assert keep.titles("ask") == ["Discard this call?"]
    dialog.prompts = ScriptedPrompts(ask=True)
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_log_call_esc_on_an_untouched_dialog_closes_without_asking(qtbot, sqlite_db, clock, lead_id):
    prompts = ScriptedPrompts(ask=False)
    dialog = _shown(qtbot, LogCallDialog(sqlite_db, lead_id, clock=clock, prompts=prompts))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and prompts.seen == []


def test_status_dialog_esc_asks_before_discarding_a_reason(qtbot, sqlite_db, clock, lead_id):
    keep = ScriptedPrompts(ask=False)
    dialog = _shown(qtbot, StatusChangeDialog(sqlite_db, lead_id, "lost", clock=clock, prompts=keep))
    qtbot.keyClicks(dialog.reason_box, "Went elsewhere")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.reason() == "Went elsewhere"
    assert keep.titles("ask") == ["Discard this status change?"]
    dialog.prompts = ScriptedPrompts(ask=True)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    untouched_prompts = ScriptedPrompts(ask=False)
    untouched = _shown(qtbot, StatusChangeDialog(sqlite_db, lead_id, "lost", clock=clock, prompts=untouched_prompts))
    qtbot.keyClick(untouched.focusWidget(), Qt.Key.Key_Escape)
    assert not untouched.isVisible() and untouched_prompts.seen == []
