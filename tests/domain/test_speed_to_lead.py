from datetime import datetime, timedelta, timezone

from app.domain.leads import InteractionInput, log_interaction
from app.domain.speed_to_lead import (
    Urgency,
    first_contact_stats,
    follow_up_stats,
    format_duration,
    urgency,
    waiting_time,
)
from tests.ui.desk_data import NOW, add, fixed_clock

UTC = timezone.utc


def test_waiting_and_colours():
    inquiry = NOW - timedelta(hours=3)
    assert waiting_time("new", None, inquiry, NOW) == timedelta(hours=3)
    assert waiting_time("new", NOW, inquiry, NOW) is None  # contacted
    assert waiting_time("qualified", None, inquiry, NOW) is None
    assert urgency(timedelta(minutes=119)) is Urgency.OK
    assert urgency(timedelta(hours=2, seconds=1)) is Urgency.AMBER
    assert urgency(timedelta(hours=24)) is Urgency.AMBER
    assert urgency(timedelta(hours=24, seconds=1)) is Urgency.RED
    assert urgency(None) is None


def test_format_duration():
    assert format_duration(timedelta(seconds=20)) == "just now"
    assert format_duration(timedelta(minutes=45)) == "45 min"
    assert format_duration(timedelta(hours=3, minutes=5)) == "3 h 05 min"
    assert format_duration(timedelta(hours=3)) == "3 h"
    assert format_duration(timedelta(days=2, hours=4)) == "2 d 4 h"
    assert format_duration(timedelta(days=45)) == "45 d"


def test_median_time_to_first_contact(sqlite_db):
    from app.domain.clock import FixedClock

    for hours_to_contact, name in ((1, "A"), (3, "B"), (30, "C")):
        lead = add(sqlite_db, f"Patient {name}", "+49 30 1234567" + str(hours_to_contact % 10), "DE", inquiry_hours_ago=48)
        log_interaction(sqlite_db, lead, InteractionInput(kind="call_out"), clock=FixedClock(NOW - timedelta(hours=48 - hours_to_contact)))
    add(sqlite_db, "Patient D", "+49 30 98765432", "DE", inquiry_hours_ago=10)  # still waiting
    result = first_contact_stats(sqlite_db, NOW)
    assert result.inquiries == 4 and result.contacted == 3 and result.still_waiting == 1
    assert abs(result.median - timedelta(hours=3)) < timedelta(seconds=1)
    assert result.within_amber == 1 and result.within_amber_share == 1 / 3


def test_follow_ups_on_time(sqlite_db):
    from app.domain.clock import FixedClock

    day = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    kept = add(sqlite_db, "Kept", "+49 30 11111111", "DE", inquiry_hours_ago=24 * 10)
    late = add(sqlite_db, "Late", "+49 30 22222222", "DE", inquiry_hours_ago=24 * 10)
    missed = add(sqlite_db, "Missed", "+49 30 33333333", "DE", inquiry_hours_ago=24 * 10)
    future = add(sqlite_db, "Future", "+49 30 44444444", "DE", inquiry_hours_ago=24 * 10)
    for lead in (kept, late, missed):  # a call that sets a follow-up on the 20th at 10:00
        log_interaction(sqlite_db, lead, InteractionInput(kind="call_out", follow_up_at=day), clock=FixedClock(day - timedelta(days=3)))
    log_interaction(sqlite_db, future, InteractionInput(kind="call_out", follow_up_at=NOW + timedelta(days=1)), clock=FixedClock(day))
    log_interaction(sqlite_db, kept, InteractionInput(kind="call_out"), clock=FixedClock(day + timedelta(hours=8)))  # 18:00 that day
    log_interaction(sqlite_db, late, InteractionInput(kind="call_out"), clock=FixedClock(day + timedelta(days=1)))  # the next day
    result = follow_up_stats(sqlite_db, NOW, zone=UTC)
    assert result.due == 3
    assert result.on_time == 1
    assert result.late_lead_ids == {late, missed}
    assert result.on_time_share == 1 / 3
    # In Los Angeles the 20th ends at 08:00 UTC on the 21st: the next-day call at 10:00 UTC is still late.
    assert follow_up_stats(sqlite_db, NOW, zone=_zone("America/Los_Angeles")).on_time == 1


def test_pending_follow_up_past_its_day_is_late(sqlite_db):
    lead = add(sqlite_db, "Pending", "+49 30 55555555", "DE", inquiry_hours_ago=24 * 5, follow_up=NOW - timedelta(days=2))
    result = follow_up_stats(sqlite_db, NOW, zone=UTC, days=30)
    assert result.due == 1 and result.late_lead_ids == {lead}
    assert fixed_clock()() == NOW


def _zone(name):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
