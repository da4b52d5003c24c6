"""Status changes from the GUI: only allowed moves, a reason where the pipeline needs one, and an
audit row saying who, when and why."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, ensure_default_coordinator, get_lead
from app.domain.pipeline import LOST_REASONS, Status, allowed_next
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.status_dialog import StatusChangeDialog
from db.models import Coordinator


@pytest.fixture
def lead_id(sqlite_db, clock):
    return create_lead(sqlite_db, LeadInput("Fatima Al-Mansoori", email="fatima.m@example.ae"), clock=clock).lead_id


@pytest.fixture
def maria(sqlite_db, clock):
    ensure_default_coordinator(sqlite_db)
    with sqlite_db.write() as session:
        person = Coordinator(name="Maria Coordinator", is_default=False, active=True, created_at=clock())
        session.add(person)
        session.flush()
        return person.id


def test_reason_is_required_before_ok_and_the_audit_row_has_who_when_why(qtbot, sqlite_db, clock, lead_id, maria):
    dialog = StatusChangeDialog(sqlite_db, lead_id, "lost", clock=clock, actor_id=maria, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target() == Status.LOST
    assert not dialog.ok_button.isEnabled(), "Lost needs a reason"
    assert [dialog.reason_box.itemText(i) for i in range(dialog.reason_box.count())] == list(LOST_REASONS)

    qtbot.keyClicks(dialog.reason_box.lineEdit(), "Family chose treatment at home")
    assert dialog.ok_button.isEnabled()
    clock.advance(minutes=5)
    with qtbot.waitSignal(dialog.statusChanged, timeout=3000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert blocker.args == [lead_id]
    lead = get_lead(sqlite_db, lead_id)
    assert lead.status == "lost"
    audit = lead.status_history[0]
    assert (audit.from_status, audit.to_status) == ("new", "lost")
    assert audit.reason == "Family chose treatment at home"
    assert audit.coordinator == "Maria Coordinator"
    assert audit.changed_at == clock()


def test_only_allowed_moves_are_offered_and_optional_reasons_allow_ok(qtbot, sqlite_db, clock, lead_id):
    dialog = StatusChangeDialog(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    offered = [dialog.target_box.itemData(i) for i in range(dialog.target_box.count())]
    assert offered == [s.value for s in allowed_next(Status.NEW)]
    assert dialog.target() == Status.CONTACTED
    assert dialog.ok_button.isEnabled(), "Contacted needs no reason"


def test_a_refused_move_shows_the_pipeline_message(qtbot, sqlite_db, clock, lead_id):
    dialog = StatusChangeDialog(sqlite_db, lead_id, "booked", clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.isVisible()
    assert dialog.message.text() == (
        "cannot move from 'new' to 'booked'; allowed: contacted, lost, not_eligible, unreachable, duplicate"
    )
    assert get_lead(sqlite_db, lead_id).status == "new"


def test_a_move_refused_at_save_time_keeps_the_dialog_open(qtbot, sqlite_db, clock, lead_id):
    from app.domain.leads import change_status

    dialog = StatusChangeDialog(sqlite_db, lead_id, "contacted", clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    change_status(sqlite_db, lead_id, "contacted", clock=clock)  # someone else was faster
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == "the lead is already 'Contacted'"


def test_the_dialog_says_what_the_case_lacks_before_the_move(qtbot, sqlite_db, clock, lead_id):
    """A move the case is not ready for is not refused silently: the dialog lists what is missing
    and keeps OK off; once the case has it, the same move goes through."""
    from app.domain.leads import resolve_lead
    from db.case_models import Quote

    with sqlite_db.write() as session:
        resolve_lead(session, lead_id).status = "medical_review"
    dialog = StatusChangeDialog(sqlite_db, lead_id, "quote_sent", clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.target() == Status.QUOTE_SENT
    assert dialog.message.isVisible() and "no quote is chosen" in dialog.message.text()
    assert "Before 'Quote sent'" in dialog.message.text()
    assert not dialog.ok_button.isEnabled()

    with sqlite_db.write() as session:
        session.add(Quote(lead_id=lead_id, hospital_key="beijing_riverside", currency="USD", items=[],
                          created_at=clock(), chosen_at=clock()))
    again = StatusChangeDialog(sqlite_db, lead_id, "quote_sent", clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(again)
    again.show()
    assert not again.message.isVisible() and again.ok_button.isEnabled()
    again.accept()
    assert get_lead(sqlite_db, lead_id).status == "quote_sent"
