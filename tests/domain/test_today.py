from datetime import datetime, timedelta, timezone

from app.domain.today import NEW_INQUIRY_WINDOW, Window, build_today, call_window, order_follow_ups
from tests.ui.desk_data import NOW, fixed_clock, known_leads

UTC = timezone.utc


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute, tzinfo=UTC)


def test_call_window_single_zone():
    moscow = call_window(("Europe/Moscow",), at(9))  # 12:00 in Moscow
    assert moscow.window is Window.AWAKE
    assert moscow.label == "12:00 Moscow"
    assert moscow.minutes_left == 8 * 60  # until 20:00
    los_angeles = call_window(("America/Los_Angeles",), at(9))  # 01:00 in Los Angeles
    assert los_angeles.window is Window.ASLEEP
    assert los_angeles.outside_hours
    assert los_angeles.minutes_to_morning == 8 * 60  # until 09:00


def test_call_window_override_varies_and_unknown():
    russia = ("Europe/Kaliningrad", "Europe/Moscow", "Asia/Vladivostok")
    varies = call_window(russia, at(9))  # 11:00, 12:00, 19:00: all awake
    assert varies.window is Window.AWAKE and varies.label.startswith("varies (")
    assert call_window(russia, at(16)).window is Window.MAYBE  # 18:00, 19:00 and 02:00
    assert call_window(russia, at(22)).window is Window.ASLEEP  # 00:00, 01:00, 08:00
    assert call_window(russia, at(9), "America/Los_Angeles").window is Window.ASLEEP  # the lead's own zone wins
    assert call_window((), at(9)).window is Window.UNKNOWN


def test_evening_edge():
    assert call_window(("Europe/Moscow",), at(16, 59)).window is Window.AWAKE  # 19:59
    assert call_window(("Europe/Moscow",), at(17, 0)).window is Window.ASLEEP  # 20:00 is after hours


def test_today_orders_follow_ups_by_the_patients_day(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    order = [item.lead_id for item in agenda.follow_ups]
    # 09:00 UTC: Singapore 17:00 (3 h left), Riyadh 12:00 (8 h), Moscow 12:00 (8 h, due later),
    # Russian mobile: zones disagree but all in hours → awake, then Los Angeles asleep (01:00).
    assert order.index(ids["ivan"]) < order.index(ids["james"])  # Moscow before Los Angeles
    assert order[0] == ids["wang"]  # the day that ends soonest
    assert order[-1] == ids["james"]
    james = next(i for i in agenda.follow_ups if i.lead_id == ids["james"])
    assert james.window.window is Window.ASLEEP and "Los Angeles" in james.window.label
    overdue = {i.lead_id for i in agenda.follow_ups if i.overdue}
    assert overdue == {ids["anna"]}  # due two days ago; Wang's is earlier today, not overdue


def test_moscow_before_los_angeles_at_0900_utc(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    labels = {i.lead_id: i.window.label for i in agenda.follow_ups}
    assert labels[ids["ivan"]] == "12:00 Moscow"
    assert labels[ids["james"]] == "01:00 Los Angeles"


def test_later_the_order_changes(sqlite_db):
    ids = known_leads(sqlite_db)
    from app.domain.clock import FixedClock

    evening = FixedClock(at(20))  # Moscow 23:00 asleep, Los Angeles 12:00 awake
    agenda = build_today(sqlite_db, clock=evening, zone=UTC)
    order = [i.lead_id for i in agenda.follow_ups]
    assert order.index(ids["james"]) < order.index(ids["ivan"])


def test_new_inquiries_with_waiting_time(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    waiting = {i.lead_id: i for i in agenda.new_inquiries}
    assert set(waiting) == {ids["priya"], ids["fresh"], ids["amber"]}  # contacted leads are not listed
    assert waiting[ids["fresh"]].urgency.value == "ok"
    assert waiting[ids["amber"]].urgency.value == "amber"
    assert waiting[ids["priya"]].urgency.value == "red"
    assert waiting[ids["priya"]].waiting == timedelta(hours=30)
    assert agenda.older_waiting == 0


def test_old_inquiries_are_counted_not_listed(sqlite_db):
    ids = known_leads(sqlite_db)
    from app.domain.clock import FixedClock

    later = FixedClock(NOW + NEW_INQUIRY_WINDOW + timedelta(days=1))
    agenda = build_today(sqlite_db, clock=later, zone=UTC)
    assert agenda.new_inquiries == ()
    assert agenda.older_waiting == 3
    assert ids  # the follow-ups are still due (overdue)
    assert len(agenda.follow_ups) == 5


def test_one_coordinators_day(sqlite_db):
    known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC, coordinator_id=999)
    assert agenda.follow_ups == () and agenda.new_inquiries == ()


def test_order_is_stable_for_equal_windows():
    from app.domain.today import TodayItem

    window = call_window(("Europe/Moscow",), at(9))
    items = [TodayItem(n, f"R{n}", "x", "RU", "contacted", None, None, NOW - timedelta(hours=n), False, NOW, None, None, window)
             for n in (1, 3, 2)]
    assert [i.lead_id for i in order_follow_ups(items)] == [3, 2, 1]  # most overdue first
