"""A manager's desk moves inquiries untouched past the first-response target to the next
coordinator (when the team turns it on), in the thread pool, and says so; a coordinator's desk
never tries (the server would refuse it). The status bar's words for leads given to someone."""
from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from PySide6.QtCore import QThreadPool

from app.domain.assignment import Given
from app.domain.clock import FixedClock
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.domain.team_settings import write_team_setting
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_controller import build_desk
from app.ui.team_watch import given_words
from db.models import Coordinator
from tests.ui.desk_data import NOW, fixed_clock

pytestmark = pytest.mark.gui


def _person(db, name: str, role: str) -> int:
    with db.write() as session:
        person = Coordinator(name=name, role=role, created_at=NOW, languages=["en"], countries=[])
        session.add(person)
        session.flush()
        return person.id


def _desk(qtbot, db, person_id: int):
    window, controller = build_desk(db, clock=fixed_clock(), zone=UTC, prompts=ScriptedPrompts(), safety=False,
                                    actor_id=person_id, live=True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, controller


def test_a_manager_s_desk_moves_untouched_inquiries_on(qtbot, sqlite_db):
    db = sqlite_db
    omar, lena, mira = _person(db, "Omar", "coordinator"), _person(db, "Lena", "coordinator"), _person(db, "Mira", "manager")
    three_hours_ago = FixedClock(NOW - timedelta(hours=3))
    lead = create_lead(db, LeadInput(full_name="Waiting Patient", email="waiting@example.com", coordinator_id=omar),
                       clock=three_hours_ago).lead_id
    with db.write() as session:
        write_team_setting(session, "first-response", "2h")

    window, controller = _desk(qtbot, db, mira)
    try:
        watch = controller.team_watch
        assert watch is not None and watch.timer.isActive()  # a manager's desk watches
        watch.move_untouched()  # off for this team: nothing moves
        qtbot.waitUntil(lambda: watch._moving is None, timeout=10_000)
        assert get_lead(db, lead).coordinator.id == omar

        with db.write() as session:
            write_team_setting(session, "reassign-untouched", "on")
        with qtbot.waitSignal(watch.moved, timeout=10_000) as moved:
            watch.move_untouched()
        assert moved.args[0].lead_ids == {lead}
        after = get_lead(db, lead)
        assert after.coordinator.id == lena and "first-response target" in (after.assignment_reason or "")
        assert "moved to the next coordinator" in window.statusBar().currentMessage()
    finally:
        controller.stop_live_changes()
        QThreadPool.globalInstance().waitForDone(10_000)


def test_a_coordinator_s_desk_does_not_move_leads(qtbot, sqlite_db):
    omar = _person(sqlite_db, "Omar", "coordinator")
    _window, controller = _desk(qtbot, sqlite_db, omar)
    try:
        assert controller.team_watch is not None and not controller.team_watch.timer.isActive()
    finally:
        controller.stop_live_changes()
        QThreadPool.globalInstance().waitForDone(10_000)


def test_the_words_for_leads_given():
    one = Given(1, "L-2026-00041", "Ivan Petrov", "reassigned by Mona Salem", NOW, "Mona Salem")
    dealt = Given(2, "L-2026-00042", "Khalid N.", None, NOW, None)
    assert given_words([one]) == "New for you: L-2026-00041 Ivan Petrov — reassigned by Mona Salem"
    assert given_words([dealt]) == "New for you: L-2026-00042 Khalid N. — by the team's rule"
    many = [Given(i, f"L-2026-{i:05d}", "P", "speaks Arabic", NOW, None) for i in range(1, 7)]
    assert given_words(many) == "6 leads are new for you: L-2026-00001, L-2026-00002, L-2026-00003, L-2026-00004…"
