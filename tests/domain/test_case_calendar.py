"""The schedule as .ics: parsed back with icalendar, across daylight-saving changes."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from app.domain.case_calendar import calendar_for
from app.domain.case_schedule import move_item, plan_schedule
from app.domain.errors import ValidationError
from tests.domain.case_family_data import NOW, make_lead


def _events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.mark.parametrize(("zone", "arrival"), [
    ("Europe/Berlin", date(2027, 3, 26)),  # clocks go forward on Sunday 2027-03-28
    ("America/New_York", date(2027, 3, 12)),  # … on Sunday 2027-03-14
])
def test_local_times_and_dates_stay_right_across_a_daylight_saving_change(db, zone, arrival):
    ref = make_lead(db, timezone=zone)
    schedule = plan_schedule(db, ref, arrival, offer_key="riverside_b_all", arrival_time=time(15, 45),
                             clock=lambda: NOW)
    ics = calendar_for(db, ref, audience="coordinator", clock=lambda: NOW)
    cal = Calendar.from_ical(ics)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == [zone]
    events = {"-".join(str(e["uid"]).split("@")[0].rsplit("-", 2)[1:]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(schedule.items)

    arrival_event = events["stage-arrival"]
    start = arrival_event.decoded("dtstart")
    assert arrival_event["dtstart"].params["TZID"] == zone
    assert start == datetime(arrival.year, arrival.month, arrival.day, 15, 45, tzinfo=ZoneInfo(zone))
    assert start.utcoffset() != (start + timedelta(days=7)).utcoffset()  # the change falls in the arrival week

    # the infusion (week 4) is an all-day event after the change: its dates do not slide
    infusion = events["stage-infusion"]
    assert infusion.decoded("dtstart") == arrival + timedelta(days=21)
    assert infusion.decoded("dtend") == arrival + timedelta(days=28)  # exclusive: the day after week 4
    assert events["task-airport_pickup"].decoded("dtstart").hour == 15
    # a week after the change the same wall-clock hour is still 15:45 local, one hour less UTC offset gap
    later = datetime.combine(arrival + timedelta(days=7), time(15, 45), tzinfo=ZoneInfo(zone))
    assert later.utcoffset() - start.utcoffset() == timedelta(hours=1)
    assert f"{ref}: Arrival and evaluation" == str(arrival_event["summary"])


def test_the_family_calendar_has_stages_only_in_their_language(db):
    ref = make_lead(db, language="ru", timezone="Asia/Almaty")
    plan_schedule(db, ref, date(2027, 3, 1), offer_key="riverside_b_all", clock=lambda: NOW)
    ics = calendar_for(db, ref, audience="family", clock=lambda: NOW)
    events = _events(ics)
    summaries = {str(e["summary"]) for e in events.values()}
    assert "Приезд и обследование" in summaries and "Введение клеток" in summaries
    assert all(str(e["uid"]).split("@")[0].rsplit("-", 2)[1] == "stage" for e in events.values())
    assert ref.lower().encode() not in ics.lower().replace(ref.lower().encode() + b"-family", b"")  # only in UIDs
    assert b"DESCRIPTION" not in ics and b"Visa" not in ics
    with pytest.raises(ValidationError, match="coordinator or family"):
        calendar_for(db, ref, audience="hospital")


def test_uids_are_stable_so_a_new_export_updates_the_same_events(db):
    ref = make_lead(db, timezone="Europe/Berlin")
    schedule = plan_schedule(db, ref, date(2027, 3, 1), offer_key="riverside_b_all", clock=lambda: NOW)
    first = _events(calendar_for(db, ref, clock=lambda: NOW))
    infusion = next(i for i in schedule.items if i.key == "infusion")
    move_item(db, ref, infusion.id, date(2027, 3, 25), clock=lambda: NOW)
    plan_schedule(db, ref, date(2027, 3, 8), clock=lambda: NOW)
    second = _events(calendar_for(db, ref, clock=lambda: NOW + timedelta(hours=1)))
    assert set(first) == set(second)
    uid = next(u for u in second if "stage-infusion" in u)
    assert second[uid].decoded("dtstart") == date(2027, 3, 25)
    assert int(second[uid]["sequence"]) > int(first[uid]["sequence"])
    arrival_uid = next(u for u in second if "stage-arrival" in u)
    assert second[arrival_uid].decoded("dtstart") == date(2027, 3, 8)  # no time: an all-day event


def test_no_schedule_no_calendar(sqlite_db):
    ref = make_lead(sqlite_db)
    with pytest.raises(ValidationError, match="no schedule yet"):
        calendar_for(sqlite_db, ref)
