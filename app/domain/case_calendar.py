"""The schedule as a calendar file (.ics, RFC 5545, with `icalendar`), for the coordinator or the
family, in the patient's time zone.

* coordinator: every stage and task, each titled with the lead's reference;
* family: the journey's stages only, named in the patient's language where the packet texts have
  the name, with no reference, no tasks and nothing internal.

Stages are all-day events (DTEND the day after the last day, as the standard has it). The arrival
and the airport pickup are timed events when the plan has an arrival time: a local time in the
patient's zone (lead.timezone, IANA) with its TZID and a VTIMEZONE, so a calendar across a
daylight-saving change still shows the right hour. Each item's UID is stable (reference, audience,
item), so importing a new export updates the same events instead of adding new ones.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from app.domain.case_file import case_lead
from app.domain.case_schedule import TIMED_KEYS, Schedule, ScheduleEntry, schedule_in, stage_name
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from db.engine import Database
from db.models import Lead

__all__ = ["AUDIENCES", "TIMED_EVENT_LENGTH", "calendar_for", "schedule_calendar"]

AUDIENCES = ("coordinator", "family")
#: How long a timed arrival or pickup is shown for.
TIMED_EVENT_LENGTH = timedelta(hours=2)
_DOMAIN = "medtourdesk.invalid"
_PRODID = "-//MedTour Desk//Treatment schedule//EN"
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _uid(reference: str, audience: str, entry: ScheduleEntry) -> str:
    return f"{reference.lower()}-{audience}-{entry.kind}-{entry.key}@{_DOMAIN}"


def _title(entry: ScheduleEntry, audience: str, reference: str, language: str | None) -> str:
    if audience == "family":
        return (stage_name(entry.key, language) if entry.kind == "stage" else None) or entry.label
    return f"{reference}: {entry.label}"


def _sequence(stamp: datetime) -> int:
    """Minutes since 2026 at the export: a later export's events supersede an earlier one's."""
    return max(0, int((stamp - _EPOCH).total_seconds() // 60))


def schedule_calendar(schedule: Schedule, *, audience: str, zone_name: str | None, language: str | None,
                      stamp: datetime, arrival_time: time | None = None) -> Calendar:
    """The calendar of `schedule` for `audience` ("coordinator" or "family")."""
    if audience not in AUDIENCES:
        raise ValidationError(f"a calendar is for {' or '.join(AUDIENCES)}, not '{audience}'")
    if not schedule.planned:
        raise ValidationError(f"{schedule.reference} has no schedule yet: plan it from an arrival date first")
    zone = _zone(zone_name)
    at = arrival_time or schedule.arrival_time
    cal = Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = "Treatment schedule" if audience == "family" else f"{schedule.reference}: treatment schedule"
    cal.add("x-wr-calname", title)
    if zone is not None:
        cal.add("x-wr-timezone", zone.key)
    for entry in schedule.items:
        if audience == "family" and entry.kind != "stage":
            continue
        event = Event()
        event.add("uid", _uid(schedule.reference, audience, entry))
        event.add("dtstamp", stamp)
        event.add("sequence", _sequence(stamp))
        event.add("summary", _title(entry, audience, schedule.reference, language))
        if at is not None and zone is not None and entry.key in TIMED_KEYS:
            start = datetime.combine(entry.starts_on, at, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + TIMED_EVENT_LENGTH)
        else:
            last = entry.ends_on or entry.starts_on
            event.add("dtstart", entry.starts_on)
            event.add("dtend", last + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        if audience == "coordinator":
            bits = [f"Lead {schedule.reference}", f"{entry.kind}: {entry.key}"]
            if entry.edited:
                bits.append("moved by hand")
            if entry.done:
                bits.append("done")
            event.add("description", "; ".join(bits))
            event.add("categories", ["MedTour", entry.kind])
            if entry.kind == "task" and not entry.done:
                event.add("status", "CONFIRMED")
        cal.add_component(event)
    if zone is not None:  # the zone's rules for the years the schedule spans, not since 1970
        first = min(i.starts_on for i in schedule.items)
        last = max((i.ends_on or i.starts_on) for i in schedule.items)
        cal.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return cal


def calendar_for(db: Database, key: int | str, *, audience: str = "coordinator", clock: Clock = utc_now) -> bytes:
    """The .ics bytes of a lead's schedule for `audience`, in the patient's time zone."""
    with db.read() as session:
        lead: Lead = case_lead(session, key)
        schedule = schedule_in(session, lead)
        zone_name, language = lead.timezone, lead.language
    cal = schedule_calendar(schedule, audience=audience, zone_name=zone_name, language=language, stamp=clock())
    return bytes(cal.to_ical())


def first_day(cal: Calendar) -> date | None:
    days = [c.decoded("dtstart") for c in cal.walk("VEVENT")]
    return min((d.date() if isinstance(d, datetime) else d) for d in days) if days else None
