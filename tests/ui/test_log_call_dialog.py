"""Logging a call from the keyboard: one key for the outcome, notes, Enter — and the status move
in the same transaction as the call."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_records import LeadInput
from app.domain.leads import change_status, create_lead, get_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.log_call_dialog import LogCallDialog, parse_duration


@pytest.fixture
def new_lead(sqlite_db, clock):
    data = LeadInput("Иван Петров", phones=[("+7 916 123-45-67", "mobile")], country="RU", language="ru")
    return create_lead(sqlite_db, data, clock=clock).lead_id


def open_dialog(qtbot, db, lead_id, clock) -> LogCallDialog:
    dialog = LogCallDialog(db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_keyboard_only_call_is_saved_and_moves_new_to_contacted(qtbot, sqlite_db, clock, new_lead):
    dialog = open_dialog(qtbot, sqlite_db, new_lead, clock)
    assert not dialog.timer_running(), "the dialog being open is not the call's length"
    assert dialog.move_check.isVisible() and dialog.move_check.isChecked()
    clock.advance(minutes=10)  # the dialog was open before the call began: not counted
    qtbot.keyClick(dialog.outcome_buttons["reached"], Qt.Key.Key_T)  # the call starts
    assert dialog.timer_running()
    clock.advance(minutes=4, seconds=30)
    dialog.outcome_buttons["reached"].setFocus()

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R)
    assert dialog.outcome() == "reached"
    assert dialog.focusWidget() is dialog.notes_edit, "picking the outcome moves on to the notes"
    qtbot.keyClicks(dialog.notes_edit, "Asked for the PET-CT")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.notes_edit, "Will send records by Friday")
    assert dialog.isVisible(), "Shift+Enter is a new line, not a save"
    with qtbot.waitSignal(dialog.logged, timeout=3000) as blocker:
        qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return)

    assert blocker.args == [new_lead]
    assert not dialog.isVisible()
    lead = get_lead(sqlite_db, new_lead)
    call = lead.interactions[0]
    assert (call.kind, call.outcome) == ("call_out", "reached")
    assert call.notes == "Asked for the PET-CT\nWill send records by Friday"
    assert call.duration_seconds == 270 and call.details == {"duration_from": "timer"}
    assert lead.status == "contacted"
    move = lead.status_history[0]
    assert (move.from_status, move.to_status) == ("new", "contacted")
    assert move.changed_at == call.occurred_at == clock()


def test_call_and_status_move_are_one_transaction(qtbot, sqlite_db, clock, new_lead):
    """The dialog offered the move while the lead was new; someone moved it on meanwhile, so the
    move is refused — and the call is not saved either (nothing half-written)."""
    dialog = open_dialog(qtbot, sqlite_db, new_lead, clock)
    change_status(sqlite_db, new_lead, "contacted", clock=clock)
    change_status(sqlite_db, new_lead, "qualified", clock=clock)

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_N)
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Return)

    assert dialog.isVisible(), "the dialog stays open with what was typed"
    assert "Cannot move from 'qualified' to 'contacted'" in dialog.error.text()
    lead = get_lead(sqlite_db, new_lead)
    assert [i.kind for i in lead.interactions] == ["inquiry"], "no call was written"
    assert lead.status == "qualified"


def test_enter_outside_the_notes_saves_and_keys_pick_follow_up(qtbot, sqlite_db, clock, new_lead):
    dialog = open_dialog(qtbot, sqlite_db, new_lead, clock)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_B)  # busy: a follow-up tomorrow is suggested
    assert dialog.follow_up() is not None
    dialog.outcome_buttons["busy"].setFocus()
    qtbot.keyClick(dialog.outcome_buttons["busy"], Qt.Key.Key_3)  # next week
    qtbot.keyClick(dialog.outcome_buttons["busy"], Qt.Key.Key_T)  # start the timer
    assert dialog.timer_running()
    qtbot.keyClick(dialog.outcome_buttons["busy"], Qt.Key.Key_T)  # and stop it
    assert not dialog.timer_running()
    dialog.move_check.setChecked(False)
    with qtbot.waitSignal(dialog.logged, timeout=3000):
        qtbot.keyClick(dialog.outcome_buttons["busy"], Qt.Key.Key_Return)
    lead = get_lead(sqlite_db, new_lead)
    assert lead.status == "new", "the move was unticked"
    assert lead.interactions[0].outcome == "busy"
    assert (lead.next_follow_up - clock()).days in (6, 7)


def test_enter_without_an_outcome_asks_for_one(qtbot, sqlite_db, clock, new_lead):
    dialog = open_dialog(qtbot, sqlite_db, new_lead, clock)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Choose the outcome first" in dialog.error.text()
    assert len(get_lead(sqlite_db, new_lead).interactions) == 1


@pytest.mark.parametrize(("text", "seconds"), [("4:30", 270), ("5", 300), ("1:02:03", 3723), ("0:00", 0), ("", None), ("x", None)])
def test_duration_is_read_as_people_write_it(text, seconds):
    assert parse_duration(text) == seconds
