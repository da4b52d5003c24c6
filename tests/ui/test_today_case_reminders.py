"""Today's "Case reminders": the schedule's tasks due within a week or overdue, for whose calls
are shown; double-click opens the case."""
from __future__ import annotations

from datetime import UTC, date

import pytest
from PySide6.QtGui import QColor

from app.domain.case_schedule import plan_schedule, set_done
from app.domain.today import build_today
from app.ui import theme
from app.ui.today_view import TodayController, TodayView
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.gui
ARRIVAL = date(2026, 12, 25)  # visa due today (2026-11-25), records deadline 12 days overdue


def test_build_today_lists_case_tasks_for_the_coordinator(db):
    ids = known_leads(db)
    plan_schedule(db, ids["ivan"], ARRIVAL, offer_key="riverside_b_all", clock=fixed_clock())
    agenda = build_today(db, clock=fixed_clock(), zone=UTC)
    assert [(r.lead_id, r.key, r.overdue) for r in agenda.case_reminders] == [
        (ids["ivan"], "records_deadline", True), (ids["ivan"], "visa_application", False)]
    with db.read() as session:
        from db.models import Lead

        owner = session.get(Lead, ids["ivan"]).coordinator_id
    assert owner is not None
    assert len(build_today(db, clock=fixed_clock(), zone=UTC, coordinator_id=owner).case_reminders) == 2
    assert build_today(db, clock=fixed_clock(), zone=UTC, coordinator_id=owner + 999).case_reminders == ()


def test_the_today_view_shows_case_reminders(qtbot, sqlite_db):
    ids = known_leads(sqlite_db)
    schedule = plan_schedule(sqlite_db, ids["anna"], ARRIVAL, offer_key="riverside_b_all", clock=fixed_clock())
    view = TodayView()
    qtbot.addWidget(view)
    view.resize(1000, 520)
    controller = TodayController(view, sqlite_db, clock=fixed_clock(), zone=UTC)
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    view.show()
    qtbot.waitExposed(view)
    assert view.reminders.isVisible() and view.reminders.count() == 2
    assert view.reminders_title.text() == "Case reminders: 2 (1 overdue)"
    first = view.reminders.item(0)
    assert "Medical records deadline — 12 days overdue" in first.text()
    assert "Visa application — due today" in view.reminders.item(1).text()
    assert first.foreground().color().name() == QColor(theme.OVERDUE).name()  # the palette's overdue red
    with qtbot.waitSignal(controller.openLead, timeout=2_000) as opened:
        view.reminders.itemActivated.emit(first)
    assert opened.args == [ids["anna"]]
    view.grab().save("/tmp/today_reminders.png")

    for task in schedule.tasks:
        set_done(sqlite_db, ids["anna"], task.id, clock=fixed_clock())
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    assert not view.reminders.isVisible() and view.reminders.count() == 0
    assert not view.reminders_title.isVisible()


def test_no_reminders_no_section(qtbot, sqlite_db):
    known_leads(sqlite_db)
    view = TodayView()
    qtbot.addWidget(view)
    controller = TodayController(view, sqlite_db, clock=fixed_clock(), zone=UTC)
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    view.show()
    assert view.reminders.isHidden() and view.reminders_title.isHidden()
    assert view.reminders.item(0) is None
