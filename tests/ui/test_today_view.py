"""The Today view: loaded off the UI thread, in call order, with waiting times coloured."""
from datetime import timezone

import pytest
from PySide6.QtCore import Qt

from app.ui.lead_list_model import LeadIdRole, UrgencyRole
from app.ui.today_model import COL_LOCAL_TIME, COL_WHEN, FOLLOW_UPS, NEW_INQUIRIES, TodayModel
from app.ui.today_view import TodayController, TodayView
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = pytest.mark.gui


@pytest.fixture
def today(qtbot, sqlite_db):
    ids = known_leads(sqlite_db)
    view = TodayView()
    qtbot.addWidget(view)
    controller = TodayController(view, sqlite_db, clock=fixed_clock(), zone=timezone.utc)
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    return view, controller, ids


def column_ids(model):
    return [model.index(r, 0).data(LeadIdRole) for r in range(model.rowCount())]


def test_follow_ups_in_call_order(today):
    view, _controller, ids = today
    order = column_ids(view.follow_ups)
    assert order[0] == ids["wang"]  # Singapore 17:00: the day that ends soonest
    assert order.index(ids["ivan"]) < order.index(ids["james"])  # Moscow (12:00) before Los Angeles (01:00)
    assert order[-1] == ids["james"]
    row = order.index(ids["ivan"])
    assert view.follow_ups.index(row, COL_LOCAL_TIME).data() == "12:00 Moscow"
    assert view.follow_ups.index(row, COL_LOCAL_TIME).data(Qt.ItemDataRole.DecorationRole) is not None
    anna = order.index(ids["anna"])
    assert view.follow_ups.index(anna, COL_WHEN).data() == "overdue 2 d"
    assert view.follow_ups.index(anna, COL_WHEN).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Follow-ups due: 5 (1 overdue)" in view.follow_up_title.text()
    assert view.title.text() == "Today · Wednesday 25 November"


def test_new_inquiries_with_waiting_colours(today):
    view, _controller, ids = today
    model = view.new_inquiries
    rows = {model.index(r, 0).data(LeadIdRole): r for r in range(model.rowCount())}
    assert set(rows) == {ids["priya"], ids["fresh"], ids["amber"]}
    assert model.index(rows[ids["priya"]], COL_WHEN).data() == "1 d 6 h — past the 2 h target"  # the team's first-response target
    assert model.index(rows[ids["priya"]], COL_WHEN).data(UrgencyRole) == "red"
    assert model.index(rows[ids["amber"]], COL_WHEN).data(UrgencyRole) == "amber"
    assert model.index(rows[ids["fresh"]], COL_WHEN).data(UrgencyRole) == "ok"
    assert model.index(rows[ids["fresh"]], COL_WHEN).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(rows[ids["priya"]], COL_WHEN).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(COL_WHEN, Qt.Orientation.Horizontal) == "Waiting"
    assert "(1 over 24 h, 1 over 2 h)" in view.new_title.text()
    assert not view.older_link.isVisible()


def test_open_a_lead_from_today(qtbot, today):
    view, controller, ids = today
    opened = []
    controller.openLead.connect(opened.append)
    table = view.follow_up_table
    table.selectRow(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened == [ids["wang"]]
    assert controller.selected_lead_ids() == [ids["wang"]]


def test_refresh_keeps_the_selection(qtbot, today):
    view, controller, ids = today
    table = view.follow_up_table
    table.selectRow(view.follow_ups.row_of(ids["ivan"]))
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
    assert table.selected_lead_ids() == [ids["ivan"]]


def test_models_pass_the_model_tester(qtmodeltester, today):
    view, _controller, _ids = today
    qtmodeltester.check(view.follow_ups, force_py=True)
    qtmodeltester.check(view.new_inquiries, force_py=True)
    assert TodayModel(FOLLOW_UPS).rowCount() == 0 and TodayModel(NEW_INQUIRIES).columnCount() == 8


def test_rows_past_the_first_screen_read_their_page(qtbot, sqlite_db):
    """The agenda brings the first rows' details; others are read a page at a time when shown."""
    from datetime import timedelta

    from app.domain.today import build_today
    from app.ui.today_model import COL_NAME, COL_PHONE, COL_REFERENCE, PAGE_SIZE
    from tests.ui.desk_data import NOW, add

    for n in range(130):
        add(sqlite_db, f"Patient {n:03d}", f"+7 495 {n:03d}-00-00", "RU", follow_up=NOW - timedelta(minutes=n))
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=timezone.utc, first_screen=10)
    asked: list[list[int]] = []

    def fetch(ids):
        from app.domain.today import today_details

        asked.append(list(ids))
        return today_details(sqlite_db, ids)

    model = TodayModel(FOLLOW_UPS, zone=timezone.utc)
    model.set_items(agenda.follow_ups, agenda.now, agenda.details, fetch)
    assert model.rowCount() == 130
    assert model.index(0, COL_NAME).data() == "Patient 129"  # most overdue first; read with the agenda
    assert asked == []
    row = 2 * PAGE_SIZE + 5
    assert model.index(row, COL_NAME).data() == f"Patient {129 - row:03d}"
    assert model.index(row, COL_PHONE).data() == f"+7 495 {129 - row:03d}-00-00"
    assert model.index(row, COL_REFERENCE).data().startswith("L-")
    assert model.index(row, 0).data(LeadIdRole) == agenda.follow_ups[row].lead_id
    page = [i.lead_id for i in agenda.follow_ups[2 * PAGE_SIZE:]]  # the last page (30 rows)
    assert asked == [[lead_id for lead_id in page if lead_id not in agenda.details]]  # what is not known yet
    model.index(row + 1, COL_NAME).data()
    assert len(asked) == 1  # the same page: no second query


def test_a_lead_gone_since_the_list_was_built_shows_an_empty_row(qtbot, today):
    view, _controller, ids = today
    model = view.follow_ups
    agenda_items = model.items()
    model.set_items(agenda_items, _controller.agenda.now, {}, lambda lead_ids: {})  # nothing found any more
    row = model.row_of(ids["ivan"])
    assert model.index(row, COL_LOCAL_TIME).data() == "12:00 Moscow"  # the window is the agenda's
    assert model.index(row, 1).data() == ""
    assert model.index(row, 0).data(LeadIdRole) == ids["ivan"]


def test_the_view_paints(qtbot, today, tmp_path):
    view, _controller, _ids = today
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    assert not image.isNull() and image.width() >= 1200
    rect = view.follow_up_table.visualRect(view.follow_ups.index(0, 1))
    assert rect.isValid()  # the first row is laid out where the table shows it


def test_loading_shows_only_when_slow(qtbot, today, monkeypatch):
    """A quick reload keeps "as of …" (changing a heading re-lays out the window and repaints both
    tables); a slow one says "Loading…" after LOADING_HINT_MS."""
    import time

    import app.ui.today_view as today_view

    view, controller, _ids = today
    assert view.updated.text() == "as of 09:00"
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
        assert view.updated.text() == "as of 09:00"
    real = today_view.build_today

    def slow(*args, **kwargs):
        time.sleep(today_view.LOADING_HINT_MS / 1000 + 0.4)
        return real(*args, **kwargs)

    monkeypatch.setattr(today_view, "build_today", slow)
    with qtbot.waitSignal(controller.loaded, timeout=10_000):
        controller.refresh()
        qtbot.waitUntil(lambda: view.updated.text() == "Loading…", timeout=5_000)
    assert view.updated.text() == "as of 09:00"
