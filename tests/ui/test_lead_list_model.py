"""The lazy lead list model: exact row count, pages fetched on demand, SQL sorting, filters."""
import sqlite3
from contextlib import closing
from datetime import timezone

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.domain.demo_data import generate_demo
from app.domain.lead_search import find_lead_ids, make_filter
from app.ui import lead_list_model as llm
from app.ui.lead_list_model import (
    COL_COUNTRY,
    COL_LOCAL_TIME,
    COL_NAME,
    COL_REFERENCE,
    COL_STATUS,
    COL_WAITING,
    PAGE_SIZE,
    LeadIdRole,
    LeadListModel,
    RawValueRole,
    Restriction,
    StatusRole,
    UrgencyRole,
)
from tests.ui.desk_data import fixed_clock, known_leads

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


@pytest.fixture
def demo_db(sqlite_db):
    generate_demo(sqlite_db, 700, seed=5, clock=fixed_clock())
    return sqlite_db


@pytest.fixture
def known_db(sqlite_db):
    return sqlite_db, known_leads(sqlite_db)


def model_for(db):
    return LeadListModel(db, clock=fixed_clock(), zone=timezone.utc)


def test_qtmodeltester(qtmodeltester, demo_db):
    model = model_for(demo_db)
    qtmodeltester.check(model, force_py=True)


def test_row_count_is_the_match_count_and_rows_arrive_by_page(demo_db):
    model = model_for(demo_db)
    total = len(find_lead_ids(demo_db, make_filter()))
    assert model.rowCount() == total > 3 * PAGE_SIZE
    assert model.pages_fetched == 0  # nothing read before something is shown
    far = model.index(total - 1, COL_REFERENCE)
    assert far.data().startswith("L-")
    assert model.cached_pages() == [(total - 1) // PAGE_SIZE]  # only the last page was read
    model.index(0, COL_NAME).data()
    assert model.pages_fetched == 2
    model.index(1, COL_NAME).data()
    assert model.pages_fetched == 2  # same page, from the cache


def test_page_cache_is_bounded(demo_db, monkeypatch):
    monkeypatch.setattr(llm, "CACHED_PAGES", 3)
    model = model_for(demo_db)
    for row in range(0, model.rowCount(), PAGE_SIZE):
        model.index(row, COL_NAME).data()
    assert len(model.cached_pages()) == 3


def _ids_by_plain_sql(db, order_by: str) -> list[int]:
    """The oracle: the live leads in the order a plain ORDER BY gives, read with sqlite3 itself."""
    with closing(sqlite3.connect(db.path)) as conn:
        return [row[0] for row in conn.execute(f"SELECT id FROM leads WHERE erased_at IS NULL ORDER BY {order_by}")]


def test_sort_is_done_by_sql(demo_db):
    """The order comes from the database, not from Python: it is a plain ORDER BY on the stored
    sort key, and the model reads no row to get it (sorting in Python would read every name)."""
    model = model_for(demo_db)
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert model.lead_ids() == _ids_by_plain_sql(demo_db, "sort_name ASC, id ASC")
    assert model.pages_fetched == 0
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.lead_ids() == _ids_by_plain_sql(demo_db, "sort_name DESC, id DESC")
    assert model.pages_fetched == 0
    model.sort(COL_REFERENCE, Qt.SortOrder.DescendingOrder)
    assert model.lead_ids() == _ids_by_plain_sql(demo_db, "id DESC")
    refs = [model.index(r, COL_REFERENCE).data() for r in range(20)]
    assert refs == sorted(refs, reverse=True)
    model.sort(COL_LOCAL_TIME, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.query.sort_key == "reference"
    assert model.sort_column() == (COL_REFERENCE, Qt.SortOrder.DescendingOrder)


def test_waiting_column_sorts_longest_wait_first(demo_db):
    model = model_for(demo_db)
    model.sort(COL_WAITING, Qt.SortOrder.DescendingOrder)  # longest waiting = oldest inquiry first
    assert model.query.sort_key == "created" and model.query.descending is False


def test_search_filters_and_restriction(known_db):
    db, ids = known_db
    model = model_for(db)
    assert model.rowCount() == len(ids)
    model.set_search("иван")
    assert model.lead_ids() == [ids["ivan"]]
    model.set_search("4567")  # phone digits
    assert set(model.lead_ids()) == {ids[k] for k in ("ivan", "anna", "mohammed", "wang", "priya", "fresh", "amber")}
    model.set_search("373 4253")  # typed with spaces
    assert model.lead_ids() == [ids["james"]]
    model.set_search("")
    model.set_filters(statuses=("new",))
    assert set(model.lead_ids()) == {ids["priya"], ids["fresh"], ids["amber"]}
    model.set_filters(country="ru")
    assert set(model.lead_ids()) == {ids["ivan"], ids["anna"]}
    model.set_filters(source="WhatsApp")
    assert model.lead_ids() == [ids["mohammed"]]
    model.set_filters()
    model.set_restriction(Restriction("two", frozenset({ids["wang"], ids["james"]})))
    assert set(model.lead_ids()) == {ids["wang"], ids["james"]}
    model.set_restriction(None)
    assert model.rowCount() == len(ids)


def test_cells_roles_and_colours(known_db):
    db, ids = known_db
    model = model_for(db)
    rows = {model.index(r, 0).data(LeadIdRole): r for r in range(model.rowCount())}
    ivan, james, priya, amber, fresh = (rows[ids[k]] for k in ("ivan", "james", "priya", "amber", "fresh"))
    assert model.index(ivan, COL_NAME).data() == "Иван Петров"
    assert "Ivan Petrov" in model.index(ivan, COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(ivan, COL_COUNTRY).data().endswith("RU")
    assert model.index(ivan, COL_LOCAL_TIME).data() == "12:00 Moscow"
    assert model.index(james, COL_LOCAL_TIME).data() == "01:00 Los Angeles"
    assert model.index(james, COL_LOCAL_TIME).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed: night there
    assert model.index(ivan, COL_LOCAL_TIME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(ivan, COL_STATUS).data() == "Contacted"
    assert model.index(ivan, COL_STATUS).data(StatusRole) == "contacted"
    assert model.index(priya, COL_WAITING).data() == "1 d 6 h"
    assert model.index(priya, COL_WAITING).data(UrgencyRole) == "red"
    assert model.index(amber, COL_WAITING).data(UrgencyRole) == "amber"
    assert model.index(fresh, COL_WAITING).data(UrgencyRole) == "ok"
    assert model.index(fresh, COL_WAITING).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(ivan, COL_WAITING).data() == ""  # contacted: not waiting
    raw = model.index(priya, COL_WAITING).data(RawValueRole)
    assert raw.total_seconds() == 30 * 3600


def test_local_time_moves_with_the_clock(known_db):
    db, ids = known_db
    clock = fixed_clock()
    model = LeadListModel(db, clock=clock, zone=timezone.utc)
    row = model.row_of(ids["ivan"])
    assert model.index(row, COL_LOCAL_TIME).data() == "12:00 Moscow"
    clock.advance(minutes=5)
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.column(), b.row())))
    model.tick()
    assert model.index(row, COL_LOCAL_TIME).data() == "12:05 Moscow"
    assert (COL_LOCAL_TIME, model.rowCount() - 1) in changed


def test_refresh_sees_changes_and_gone_rows_stay_harmless(known_db):
    db, ids = known_db
    model = model_for(db)
    from app.domain.leads import change_status

    model.set_filters(statuses=("contacted",))
    before = model.rowCount()
    change_status(db, ids["ivan"], "qualified")
    assert model.rowCount() == before  # cached until told
    model.reload()
    assert model.rowCount() == before - 1
    assert model.row_of(ids["ivan"]) is None


def test_mime_data_carries_lead_ids(known_db):
    db, ids = known_db
    model = model_for(db)
    indexes = [model.index(0, 0), model.index(0, 3), model.index(1, 0)]
    data = model.mimeData(indexes)
    assert sorted(llm.lead_ids_from_mime(data)) == sorted({model.lead_id(0), model.lead_id(1)})
    assert model.data(QModelIndex()) is None


def test_a_lead_deleted_after_the_query_shows_a_placeholder(known_db):
    from sqlalchemy import text

    db, ids = known_db
    model = model_for(db)
    row = model.row_of(ids["wang"])
    with db.write() as session:
        session.execute(text("DELETE FROM leads WHERE id = :id"), {"id": ids["wang"]})
    assert model.index(row, COL_NAME).data() == "(no longer in the database)"
    model.reload()
    assert model.row_of(ids["wang"]) is None


def _paint_all(model):
    for row in range(model.rowCount()):
        model.index(row, COL_STATUS).data()


def test_a_change_that_cannot_move_a_lead_repaints_only_its_row(known_db):
    from app.domain.leads import InteractionInput, log_interaction

    db, ids = known_db
    model = model_for(db)  # newest inquiry first: a call cannot move anyone
    _paint_all(model)
    order = model.lead_ids()
    row = model.row_of(ids["priya"])
    assert model.index(row, COL_STATUS).data() == "New"
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), b.row(), a.column(), b.column())))
    log_interaction(db, ids["priya"], InteractionInput(kind="call_out", outcome="reached"), move_to="contacted")
    assert model.refresh_leads([ids["priya"]]) is False
    assert resets == []
    assert changed == [(row, row, 0, model.columnCount() - 1)]
    assert model.lead_ids() == order
    assert model.index(row, COL_STATUS).data() == "Contacted"
    assert model.index(row, COL_WAITING).data() == ""  # no longer waiting for a first contact


def test_a_change_that_takes_a_lead_out_of_the_filter_queries_again(known_db):
    from app.domain.leads import InteractionInput, log_interaction

    db, ids = known_db
    model = model_for(db)
    model.set_filters(statuses=("new",))
    _paint_all(model)
    assert ids["priya"] in model.lead_ids()
    log_interaction(db, ids["priya"], InteractionInput(kind="call_out", outcome="reached"), move_to="contacted")
    assert model.refresh_leads([ids["priya"]]) is True
    assert ids["priya"] not in model.lead_ids()


def test_a_change_of_the_sorted_value_moves_the_lead(known_db):
    from app.domain.leads import InteractionInput, log_interaction

    db, ids = known_db
    model = model_for(db)
    model.set_sort("last_contact", True)  # most recent contact first
    _paint_all(model)
    assert model.lead_id(0) != ids["ivan"]
    log_interaction(db, ids["ivan"], InteractionInput(kind="call_out", outcome="reached"))
    assert model.refresh_leads([ids["ivan"]]) is True
    assert model.lead_id(0) == ids["ivan"]


def test_a_new_lead_or_a_search_queries_again(known_db):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    db, ids = known_db
    model = model_for(db)
    _paint_all(model)
    created = create_lead(db, LeadInput(full_name="Zoë O'Brien & <Co>", phones=[("+353 85 123 4567", "mobile")], country="IE"),
                          clock=fixed_clock())
    assert model.refresh_leads([created.lead_id]) is True
    assert model.row_of(created.lead_id) == 0  # the newest inquiry
    model.set_search("смирн")
    _paint_all(model)
    assert model.refresh_leads([ids["anna"]]) is True  # what a search matches is the database's to say
    assert model.lead_ids() == [ids["anna"]]


def test_rows_not_read_yet_are_not_guessed(demo_db):
    from app.domain.leads import change_status

    model = model_for(demo_db)
    model.set_filters(statuses=("new",))
    last = model.lead_id(model.rowCount() - 1)
    assert model.cached_pages() == []
    change_status(demo_db, last, "contacted")
    assert model.refresh_leads([last]) is True
    assert model.row_of(last) is None
