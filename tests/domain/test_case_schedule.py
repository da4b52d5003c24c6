"""The treatment schedule: dates from the journey, edits kept across a new arrival, done marks,
and Today's case reminders (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.domain.case_schedule import case_reminders, get_schedule, move_item, plan_schedule, reminder_line, set_done
from app.domain.errors import ValidationError
from app.domain.leads import ensure_default_coordinator
from tests.domain.case_family_data import NOW, choose_quote, make_lead

ARRIVAL = date(2027, 3, 1)


def _by_key(schedule):
    return {i.key: i for i in schedule.items}


def test_the_plan_dates_each_week_of_the_chosen_offers_journey(db):
    ref = make_lead(db)
    with pytest.raises(ValidationError, match="no chosen quote"):
        plan_schedule(db, ref, ARRIVAL, clock=lambda: NOW)
    choose_quote(db, ref, "riverside_b_all")
    schedule = plan_schedule(db, ref, ARRIVAL, arrival_time=time(14, 30), clock=lambda: NOW)
    items = _by_key(schedule)
    assert schedule.offer_key == "riverside_b_all" and schedule.arrival == ARRIVAL
    assert schedule.arrival_time == time(14, 30)
    # week n starts on arrival + 7(n-1); weeks n..m end on the last day of week m
    assert (items["arrival"].starts_on, items["arrival"].ends_on) == (date(2027, 3, 1), date(2027, 3, 7))
    assert (items["collection"].starts_on, items["collection"].ends_on) == (date(2027, 3, 1), date(2027, 3, 14))
    assert (items["manufacturing"].starts_on, items["manufacturing"].ends_on) == (date(2027, 3, 8), date(2027, 3, 21))
    assert (items["infusion"].starts_on, items["infusion"].ends_on) == (date(2027, 3, 22), date(2027, 3, 28))
    assert (items["monitoring"].starts_on, items["monitoring"].ends_on) == (date(2027, 3, 22), date(2027, 4, 18))
    assert items["follow_up"].starts_on == date(2027, 4, 19) and items["follow_up"].ends_on is None
    assert schedule.planned_return == date(2027, 4, 18)
    assert items["arrival"].label == "Arrival and evaluation"
    tasks = {t.key: t.starts_on for t in schedule.tasks}
    assert tasks == {"records_deadline": ARRIVAL - timedelta(days=42), "visa_application": ARRIVAL - timedelta(days=30),
                     "flights": ARRIVAL - timedelta(days=21), "accommodation": ARRIVAL - timedelta(days=14),
                     "airport_pickup": ARRIVAL}


def test_an_item_moved_by_hand_keeps_its_date_when_the_arrival_moves(db):
    ref = make_lead(db)
    schedule = plan_schedule(db, ref, ARRIVAL, offer_key="eastbank_lymphoma", clock=lambda: NOW)
    infusion = _by_key(schedule)["infusion"]
    moved = move_item(db, ref, infusion.id, date(2027, 4, 2), clock=lambda: NOW)
    assert moved.edited and moved.ends_on == date(2027, 4, 8)  # its length kept
    with pytest.raises(ValidationError, match="before it starts"):
        move_item(db, ref, infusion.id, date(2027, 4, 2), date(2027, 4, 1))

    again = _by_key(plan_schedule(db, ref, ARRIVAL + timedelta(days=14), clock=lambda: NOW))  # offer kept
    assert again["infusion"].starts_on == date(2027, 4, 2) and again["infusion"].edited
    assert again["arrival"].starts_on == ARRIVAL + timedelta(days=14)
    assert get_schedule(db, ref).offer_key == "eastbank_lymphoma"
    assert len(again) == 8 + 5  # no duplicate rows after planning twice


def test_reminders_on_today_for_the_coordinators_leads_only(db):
    me = ensure_default_coordinator(db)
    ref = make_lead(db, coordinator_id=me)
    other = make_lead(db, name="Someone Else", latin=None, phone="+7 701 555 0101")
    plan_schedule(db, ref, ARRIVAL, offer_key="riverside_b_all", clock=lambda: NOW)
    plan_schedule(db, other, ARRIVAL, offer_key="riverside_b_all", clock=lambda: NOW)
    with db.write() as session:  # the other lead is nobody's
        from app.domain.case_file import case_lead

        case_lead(session, other).coordinator_id = None

    today = ARRIVAL - timedelta(days=33)  # visa due in 3 days; records deadline 9 days overdue
    with db.read() as session:
        found = case_reminders(session, me, today)
    assert [(r.reference, r.key, r.overdue) for r in found] == [(ref, "records_deadline", True),
                                                                (ref, "visa_application", False)]
    assert reminder_line(found[1], today) == "Visa application — due in 3 days"
    assert reminder_line(found[0], today) == "Medical records deadline — 9 days overdue"

    set_done(db, ref, found[0].item_id, clock=lambda: NOW)
    with db.read() as session:
        assert [r.key for r in case_reminders(session, me, today)] == ["visa_application"]
        assert case_reminders(session, None, today) == []
    set_done(db, ref, found[0].item_id, False, clock=lambda: NOW)
    with db.read() as session:
        assert len(case_reminders(session, me, today)) == 2


def test_reminders_read_a_short_range_of_the_starts_on_index(sqlite_db):
    from sqlalchemy import text

    from app.domain.case_schedule import OVERDUE_WINDOW_DAYS

    me = ensure_default_coordinator(sqlite_db)
    ref = make_lead(sqlite_db, coordinator_id=me)
    plan_schedule(sqlite_db, ref, ARRIVAL, offer_key="riverside_b_all", clock=lambda: NOW)
    long_after = ARRIVAL + timedelta(days=OVERDUE_WINDOW_DAYS + 1)  # the pickup (arrival day) is too old by then
    with sqlite_db.read() as session:
        assert case_reminders(session, me, long_after) == []
        assert [r.key for r in case_reminders(session, me, long_after - timedelta(days=2))] == ["airport_pickup"]
        plan = session.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM schedule_items WHERE starts_on >= :a AND starts_on <= :b AND kind = 'task'"),
            {"a": "2027-01-01", "b": "2027-02-01"}).all()
    assert any("ix_schedule_items_starts_on" in str(row) for row in plan), plan
