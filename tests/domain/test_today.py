from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.domain.clock import FixedClock
from app.domain.demo_data import generate_demo
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.domain.phone import phone_time_zones
from app.domain.speed_to_lead import OPEN_STATUSES, urgency, waiting_time
from app.domain.today import NEW_INQUIRY_WINDOW, Window, build_today, call_window, today_details
from db.models import Lead, LeadPhone
from tests.ui.desk_data import NOW, add, fixed_clock, known_leads

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
    assert varies.window is Window.AWAKE and varies.label == "varies (11:00–19:00)"
    assert call_window(russia, at(16)).label == "varies (18:00–02:00)"  # round midnight, not "02:00–19:00"
    assert call_window(russia, at(16)).window is Window.MAYBE  # 18:00, 19:00 and 02:00
    assert call_window(russia, at(22)).window is Window.ASLEEP  # 00:00, 01:00, 08:00
    assert call_window(russia, at(9), "America/Los_Angeles").window is Window.ASLEEP  # the lead's own zone wins
    assert call_window((), at(9)).window is Window.UNKNOWN


def test_evening_edge():
    assert call_window(("Europe/Moscow",), at(16, 59)).window is Window.AWAKE  # 19:59
    assert call_window(("Europe/Moscow",), at(17, 0)).window is Window.ASLEEP  # 20:00 is after hours


def test_today_orders_follow_ups_by_the_patients_day(db):
    ids = known_leads(db)
    agenda = build_today(db, clock=fixed_clock(), zone=UTC)
    order = [item.lead_id for item in agenda.follow_ups]
    # 09:00 UTC: Singapore 17:00 (3 h left), Riyadh 12:00 (8 h), Moscow 12:00 (8 h, due later),
    # then the Russian mobile (zones from 12:00 to 21:00: maybe), then Los Angeles asleep (01:00).
    assert order.index(ids["ivan"]) < order.index(ids["james"])  # Moscow before Los Angeles
    assert order[0] == ids["wang"]  # the day that ends soonest
    assert order[-1] == ids["james"]
    james = next(i for i in agenda.follow_ups if i.lead_id == ids["james"])
    assert james.window.window is Window.ASLEEP and "Los Angeles" in james.window.label
    overdue = {i.lead_id for i in agenda.follow_ups if i.overdue}
    assert overdue == {ids["anna"]}  # due two days ago; Wang's is earlier today, not overdue
    assert (agenda.overdue, agenda.awake) == (1, 3)


def test_moscow_before_los_angeles_at_0900_utc(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    labels = {i.lead_id: i.window.label for i in agenda.follow_ups}
    assert labels[ids["ivan"]] == "12:00 Moscow"
    assert labels[ids["james"]] == "01:00 Los Angeles"


def test_later_the_order_changes(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    assert [i.lead_id for i in agenda.follow_ups].index(ids["ivan"]) < [i.lead_id for i in agenda.follow_ups].index(ids["james"])
    evening = FixedClock(at(20))  # Moscow 23:00 asleep, Los Angeles 12:00 awake: the same leads, the other order
    order = [i.lead_id for i in build_today(sqlite_db, clock=evening, zone=UTC).follow_ups]
    assert order.index(ids["james"]) < order.index(ids["ivan"])


def test_night_and_day_across_zones(sqlite_db):
    """At 02:00 UTC: Tokyo 11:00 and Sydney 13:00 are awake (Tokyo's day ends later: second),
    London 02:00 and New York 21:00 asleep — New York's morning (12 h) after London's (7 h)."""
    due = NOW - timedelta(hours=1)
    leads = {
        "new_york": add(sqlite_db, "NY", "+1 212 555 0134", "US", follow_up=due),
        "london": add(sqlite_db, "London", "+44 20 7946 0958", "GB", follow_up=due),
        "tokyo": add(sqlite_db, "Tokyo", "+81 3 1234 5678", "JP", follow_up=due),
        "sydney": add(sqlite_db, "Sydney", "+61 2 9374 4000", "AU", follow_up=due),
    }
    night = FixedClock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    agenda = build_today(sqlite_db, clock=night, zone=UTC)
    order = [i.lead_id for i in agenda.follow_ups]
    assert order == [leads["sydney"], leads["tokyo"], leads["london"], leads["new_york"]]
    windows = {i.lead_id: i.window for i in agenda.follow_ups}
    assert windows[leads["london"]].minutes_to_morning == 7 * 60
    assert windows[leads["new_york"]].label == "21:00 New York"
    assert agenda.awake == 2


def test_daylight_saving_time_is_the_zones_own(sqlite_db):
    """8 March 2026, 13:30 UTC: the United States moved to summer time that morning, Europe has
    not. New York is 09:30 (awake) — with the winter offset it would be 08:30 and asleep; Chicago
    08:30 (asleep, morning in 30 min); London 13:30 GMT (awake, 6 h 30 left)."""
    sunday = datetime(2026, 3, 8, 13, 30, tzinfo=UTC)
    due = sunday - timedelta(hours=1)
    ny = add(sqlite_db, "NY", "+1 212 555 0134", "US", follow_up=due, inquiry_hours_ago=0)
    chicago = add(sqlite_db, "Chicago", "+1 312 555 0134", "US", follow_up=due, inquiry_hours_ago=0)
    london = add(sqlite_db, "London", "+44 20 7946 0958", "GB", follow_up=due, inquiry_hours_ago=0)
    agenda = build_today(sqlite_db, clock=FixedClock(sunday), zone=UTC)
    windows = {i.lead_id: i.window for i in agenda.follow_ups}
    assert windows[ny].label == "09:30 New York" and windows[ny].window is Window.AWAKE
    assert windows[chicago].label == "08:30 Chicago" and windows[chicago].minutes_to_morning == 30
    assert windows[london].label == "13:30 London" and windows[london].minutes_left == 6 * 60 + 30
    assert [i.lead_id for i in agenda.follow_ups] == [london, ny, chicago]  # London's day ends first


def test_the_leads_own_zone_and_an_unusable_phone(sqlite_db):
    """A zone set on the lead wins over the phone's; a phone kept as typed (not a valid number)
    gives no zone: such leads come last."""
    due = NOW - timedelta(hours=1)
    moved = add(sqlite_db, "Moved", "+7 495 123-45-67", "RU", follow_up=due, timezone_name="America/New_York")  # 04:00 there
    moscow = add(sqlite_db, "Moscow", "+7 495 765-43-21", "RU", follow_up=due)  # 12:00
    typed = add(sqlite_db, "Typed", "12345", "", email="typed@example.com", follow_up=due - timedelta(hours=5))
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    assert [i.lead_id for i in agenda.follow_ups] == [moscow, moved, typed]
    windows = {i.lead_id: i.window for i in agenda.follow_ups}
    assert windows[moved].label == "04:00 New York" and windows[moved].window is Window.ASLEEP
    assert windows[typed].window is Window.UNKNOWN
    assert agenda.details[typed].phone == "12345"  # shown as typed


def test_ties_most_overdue_first_then_by_id(sqlite_db):
    same = NOW - timedelta(hours=2)
    a = add(sqlite_db, "A", "+7 495 111-11-11", "RU", follow_up=NOW - timedelta(hours=1))
    b = add(sqlite_db, "B", "+7 495 222-22-22", "RU", follow_up=same)
    c = add(sqlite_db, "C", "+7 495 333-33-33", "RU", follow_up=NOW - timedelta(days=3))
    d = add(sqlite_db, "D", "+7 495 444-44-44", "RU", follow_up=same)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    assert [i.lead_id for i in agenda.follow_ups] == [c, b, d, a]  # one window (12:00 Moscow) for all
    assert [i.overdue for i in agenda.follow_ups] == [True, False, False, False]


def test_new_inquiries_with_waiting_time(db):
    ids = known_leads(db)
    agenda = build_today(db, clock=fixed_clock(), zone=UTC)
    waiting = {i.lead_id: i for i in agenda.new_inquiries}
    assert set(waiting) == {ids["priya"], ids["fresh"], ids["amber"]}  # contacted leads are not listed
    assert waiting[ids["fresh"]].urgency.value == "ok"
    assert waiting[ids["amber"]].urgency.value == "amber"
    assert waiting[ids["priya"]].urgency.value == "red"
    assert agenda.details[ids["priya"]].waiting(agenda.now) == timedelta(hours=30)
    assert agenda.older_waiting == 0
    assert (agenda.red, agenda.amber) == (1, 1)


def test_new_inquiries_in_one_window_newest_first(sqlite_db):
    older = add(sqlite_db, "Older", "+7 495 111-11-11", "RU", inquiry_hours_ago=10)
    newest = add(sqlite_db, "Newest", "+7 495 222-22-22", "RU", inquiry_hours_ago=1)
    middle = add(sqlite_db, "Middle", "+7 495 333-33-33", "RU", inquiry_hours_ago=5)
    asleep = add(sqlite_db, "Asleep", "+1 213 373 4253", "US", inquiry_hours_ago=0.5)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    assert [i.lead_id for i in agenda.new_inquiries] == [newest, middle, older, asleep]


def test_urgency_edges(sqlite_db):
    exactly_two = add(sqlite_db, "Two", "+7 495 111-11-11", "RU", inquiry_hours_ago=2)
    over_two = add(sqlite_db, "Over two", "+7 495 222-22-22", "RU", inquiry_hours_ago=2.01)
    exactly_day = add(sqlite_db, "Day", "+7 495 333-33-33", "RU", inquiry_hours_ago=24)
    over_day = add(sqlite_db, "Over a day", "+7 495 444-44-44", "RU", inquiry_hours_ago=24.01)
    levels = {i.lead_id: i.urgency.value for i in build_today(sqlite_db, clock=fixed_clock(), zone=UTC).new_inquiries}
    assert levels == {exactly_two: "ok", over_two: "amber", exactly_day: "amber", over_day: "red"}  # "more than"


def test_old_inquiries_are_counted_not_listed(sqlite_db):
    ids = known_leads(sqlite_db)
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


def test_details_for_the_first_rows_and_on_request(sqlite_db):
    ids = known_leads(sqlite_db)
    agenda = build_today(sqlite_db, clock=fixed_clock(), zone=UTC, first_screen=2)
    first = [i.lead_id for i in agenda.follow_ups[:2]] + [i.lead_id for i in agenda.new_inquiries[:2]]
    assert set(agenda.details) == set(first)
    ivan = today_details(sqlite_db, [ids["ivan"], 10_000])[ids["ivan"]]  # an unknown id is left out
    assert (ivan.name, ivan.country, ivan.status, ivan.phone) == ("Иван Петров", "RU", "contacted", "+74951234567")
    assert ivan.due_at == NOW + timedelta(hours=3)


def test_cancelled(sqlite_db):
    known_leads(sqlite_db)
    with pytest.raises(InterruptedError):
        build_today(sqlite_db, clock=fixed_clock(), zone=UTC, cancelled=lambda: True)


# ---------------------------------------------------------------- against the plain definition


def _reference(db, now: datetime, zone, coordinator_id=None):
    """Today as the module docstring defines it, the slow and obvious way: every lead, its first
    phone's zones, its window, sorted with the full key."""
    from app.domain.today import end_of_day, start_of_day

    day_end, day_start = end_of_day(now, zone), start_of_day(now, zone)
    with db.read() as session:
        leads = session.scalars(select(Lead).where(Lead.erased_at.is_(None))).all()
        phones = {}
        for phone in session.scalars(select(LeadPhone).order_by(LeadPhone.lead_id, LeadPhone.position, LeadPhone.id)):
            phones.setdefault(phone.lead_id, phone.e164 or phone.raw)
        rows = [(lead.id, lead.status, lead.next_follow_up, lead.inquiry_at, lead.first_contact_at, lead.timezone,
                 lead.country, lead.coordinator_id) for lead in leads]
    due, fresh, older = [], [], 0
    for lead_id, status, follow_up, inquiry_at, first_contact, own_zone, country, coordinator in rows:
        if coordinator_id is not None and coordinator != coordinator_id:
            continue
        window = call_window(phone_time_zones(phones.get(lead_id), country), now, own_zone)
        if status in OPEN_STATUSES and follow_up is not None and follow_up < day_end:
            due.append(((window.sort_key(), follow_up, lead_id), (lead_id, window, follow_up < day_start, None)))
        if status == "new" and first_contact is None:
            if inquiry_at >= now - NEW_INQUIRY_WINDOW:
                level = urgency(waiting_time(status, first_contact, inquiry_at, now))
                fresh.append(((window.sort_key(), -inquiry_at.timestamp(), lead_id), (lead_id, window, False, level)))
            else:
                older += 1
    return [v for _k, v in sorted(due)], [v for _k, v in sorted(fresh)], older


@pytest.mark.parametrize("hour", [3, 9, 14, 21])
def test_the_same_lists_as_the_plain_definition(db, hour):
    """Demo leads from every country (Russian and Kazakh mobiles with several zones, US area
    codes, second phones), a few with their own zone or a number kept as typed, at four times of
    day in a coordinator zone with summer time: the same items, windows and order."""
    clock = FixedClock(datetime(2026, 6, 15, hour, 17, 30, tzinfo=UTC))
    generate_demo(db, 600, seed=7, clock=clock)
    for n, zone_name in enumerate(("Asia/Tokyo", "America/Sao_Paulo", "Not/AZone")):
        create_lead(db, LeadInput(full_name=f"Own zone {n}", phones=[("+7 495 123-45-6%d" % n, "mobile")],
                                         timezone=zone_name, next_follow_up=clock() - timedelta(hours=n)), clock=clock)
    create_lead(db, LeadInput(full_name="Typed", phones=[("8 800", "mobile")], email="t@example.com", country="RU",
                                     next_follow_up=clock()), clock=clock)
    zone = ZoneInfo("Europe/Berlin")
    agenda = build_today(db, clock=clock, zone=zone)
    follow_ups, new_inquiries, older = _reference(db, clock(), zone)
    assert len(follow_ups) > 50 and len(new_inquiries) > 5  # the demo data has both
    assert [tuple(i) for i in agenda.follow_ups] == follow_ups
    assert [tuple(i) for i in agenda.new_inquiries] == new_inquiries
    assert agenda.older_waiting == older
    assert agenda.overdue == sum(1 for i in follow_ups if i[2])
    assert agenda.awake == sum(1 for i in follow_ups if i[1].window is Window.AWAKE)
    one = build_today(db, clock=clock, zone=zone, coordinator_id=1)
    assert [tuple(i) for i in one.follow_ups] == _reference(db, clock(), zone, coordinator_id=1)[0]


def test_the_page_cache_is_given_back(sqlite_db):
    """The agenda reads with a larger SQLite page cache, then restores the connection's own."""
    known_leads(sqlite_db)
    with sqlite_db.read() as session:
        before = session.connection().exec_driver_sql("PRAGMA cache_size").scalar()
    build_today(sqlite_db, clock=fixed_clock(), zone=UTC)
    with pytest.raises(InterruptedError):
        build_today(sqlite_db, clock=fixed_clock(), zone=UTC, cancelled=lambda: True)
    with sqlite_db.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_clock_span_goes_round_midnight():
    from datetime import datetime as dt

    from app.domain.today import clock_span

    def span(*times: str) -> str:
        first, last = clock_span([dt.strptime(t, "%H:%M") for t in times])
        return f"{first:%H:%M}–{last:%H:%M}"

    # Russia, 05:47 UTC: Kaliningrad 07:47 … Moscow 08:47 … Kamchatka 17:47 — and at 20:47 UTC:
    assert span("07:47", "08:47", "17:47") == "07:47–17:47"
    assert span("22:47", "23:47", "00:47", "03:47", "08:47") == "22:47–08:47"
    assert span("12:00") == "12:00–12:00"
    assert span("23:30", "00:10") == "23:30–00:10"
