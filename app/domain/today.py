"""The coordinator's day: follow-ups due today or overdue, and new inquiries nobody has answered,
ordered so that people are called while they are awake. Qt-free; the clock is injected.

Call order (both lists):

1. **awake now** — the patient's local time is inside working hours (09:00–20:00, see
   :data:`app.domain.phone.WORKING_HOURS`); among them, the one whose day ends soonest first;
2. **maybe awake** — the phone's country spans several time zones that disagree (a Russian or
   Kazakh mobile) and it is working hours in some of them;
3. **asleep** — by how soon their morning comes (the next 09:00 in their zone);
4. **unknown** — no usable zone (an invalid phone and no zone set on the lead).

Ties: follow-ups by due moment (most overdue first); new inquiries by arrival, newest first —
the first agency to call wins, so the freshest inquiry is the one still to win.

"Today" ends at midnight in the coordinator's zone (the desktop's, or `zone`).

How it stays fast (13,000 calls at 100,000 leads; 126,000 at 1,000,000):

* **One lean query per list**, on indexes that carry every column it reads (migration 0002):
  lead id, the overdue flag or urgency (computed in SQL), the lead's own zone and country, and
  the first phone, in tie-break order. No lead row, no ORM object, no datetime.
* **A window per zone, not per lead**: the order depends on the phone's zones (and the zone set
  on the lead) and the minute only, so it is worked out once per distinct zone set, a few
  hundred; a phone's zones are parsed once per process (`_ZONES`).
* **Buckets, not comparisons**: rows in tie-break order go into their window's bucket in
  order; the buckets, read by window, are the call order.
* **Columns, not records**: a list is its lead ids, windows and flags (`TodayList`); the names,
  statuses and phones a row shows are read for the rows painted (`today_details`), the first
  screen with the agenda.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import ColumnElement, case, func, or_, select

from app.domain.case_schedule import CaseReminder, case_reminders
from app.domain.clock import Clock, utc_now
from app.domain.figure_names import waiting_for_first_contact
from app.domain.phone import WORKING_HOURS, LocalTime, local_time_for, phone_time_zones
from app.domain.pipeline import Status
from app.domain.speed_to_lead import AMBER_AFTER, OPEN_STATUSES, RED_AFTER, Urgency, local_zone
from app.domain.team_settings import DEFAULT_FIRST_RESPONSE, read_team_settings
from db.engine import Database
from db.lead_queries import UNASSIGNED
from db.models import Coordinator, Lead, LeadPhone

_MORNING, _EVENING = WORKING_HOURS
_NEW = Status.NEW.value

#: New inquiries older than this are not today's calls any more (the list still has them).
NEW_INQUIRY_WINDOW = timedelta(days=7)


class Window(IntEnum):
    """Whether the patient can be called now; the value is the sort tier."""

    AWAKE = 0
    MAYBE = 1
    ASLEEP = 2
    UNKNOWN = 3


@dataclass(frozen=True, slots=True)
class CallWindow:
    window: Window
    label: str  # "12:00 Moscow", "varies (10:00–20:00)", "unknown"
    local: datetime | None  # the patient's local time when one zone applies
    minutes_left: int  # AWAKE: minutes until evening; MAYBE: most minutes left in any zone
    minutes_to_morning: int  # ASLEEP: minutes until the next morning (soonest zone)

    @property
    def outside_hours(self) -> bool:
        return self.window is Window.ASLEEP

    def sort_key(self) -> tuple[int, int]:
        if self.window is Window.AWAKE:
            return (0, self.minutes_left)
        if self.window is Window.MAYBE:
            return (1, self.minutes_left)
        if self.window is Window.ASLEEP:
            return (2, self.minutes_to_morning)
        return (3, 0)


def _minutes_until(local: datetime, at: time) -> int:
    target = datetime.combine(local.date(), at, tzinfo=local.tzinfo)
    if target <= local:
        target += timedelta(days=1)
    return int((target - local).total_seconds() // 60)


def _awake(local: datetime) -> bool:
    return _MORNING <= local.time() < _EVENING


def call_window(zones: Sequence[str], now: datetime, override_zone: str | None = None) -> CallWindow:
    """Where the patient's day stands at `now` (aware). `override_zone` (set on the lead) wins."""
    minute = now.astimezone(UTC).replace(second=0, microsecond=0)
    return _call_window(tuple(zones), minute, override_zone)


@lru_cache(maxsize=4096)
def _call_window(zones: tuple[str, ...], now: datetime, override_zone: str | None) -> CallWindow:
    single: LocalTime = local_time_for(zones, now, override_zone)
    if single.local is not None:
        local = single.local
        if _awake(local):
            return CallWindow(Window.AWAKE, single.label, local, _minutes_until(local, _EVENING), 0)
        return CallWindow(Window.ASLEEP, single.label, local, 0, _minutes_until(local, _MORNING))
    if single.label != "varies":
        return CallWindow(Window.UNKNOWN, "unknown", None, 0, 0)
    locals_ = [now.astimezone(z) for z in _zone_infos(zones)]
    first, last = clock_span(locals_)
    label = f"varies ({first:%H:%M}–{last:%H:%M})"
    awake = [lt for lt in locals_ if _awake(lt)]
    if len(awake) == len(locals_):
        return CallWindow(Window.AWAKE, label, None, min(_minutes_until(lt, _EVENING) for lt in awake), 0)
    if awake:
        return CallWindow(Window.MAYBE, label, None, max(_minutes_until(lt, _EVENING) for lt in awake), 0)
    return CallWindow(Window.ASLEEP, label, None, 0, min(_minutes_until(lt, _MORNING) for lt in locals_))


def clock_span(moments: Sequence[datetime]) -> tuple[datetime, datetime]:
    """The earliest and the latest of these wall-clock times, going round the clock: the span
    leaves out the largest gap between them, so Russia at 08:47 in Moscow reads 22:47–08:47
    (Kaliningrad to Kamchatka, past midnight), not 00:47–23:47."""
    ordered = sorted(moments, key=lambda m: (m.hour, m.minute))
    if len(ordered) < 2:
        return ordered[0], ordered[-1]
    minutes = [m.hour * 60 + m.minute for m in ordered]
    gaps = [(minutes[(i + 1) % len(minutes)] - minutes[i]) % 1440 for i in range(len(minutes))]
    widest = max(range(len(gaps)), key=lambda i: gaps[i])  # the span ends just before the widest gap
    return ordered[(widest + 1) % len(ordered)], ordered[widest]


def _zone_infos(zones: tuple[str, ...]):
    from zoneinfo import ZoneInfo

    out = []
    for name in zones:
        try:
            out.append(ZoneInfo(name))
        except Exception:  # noqa: BLE001 - an unknown zone name is skipped, as local_time_for does
            continue
    return out


#: A phone's zones, for the agenda. Keyed by the number alone when it is written with its country
#: code (the country cannot change what it means), else by (number, country). The phone module's
#: caches hold 32,768 numbers, fewer than a large database's day (126,000 calls at 1,000,000
#: leads): on their own they would parse every number again on every refresh.
_ZONES: dict[object, tuple[str, ...]] = {}
_ZONES_MAX = 1 << 20


def _zones_of(phone: str | None, country: str | None) -> tuple[str, ...]:
    key = phone if phone and phone[0] == "+" else (phone, country)
    zones = _ZONES.get(key)
    if zones is None:
        if len(_ZONES) >= _ZONES_MAX:
            _ZONES.clear()
        zones = _ZONES[key] = phone_time_zones(phone, country)
    return zones


# ------------------------------------------------------------------------- the agenda


class TodayItem(NamedTuple):
    """One call: the lead and where the patient's day stands."""

    lead_id: int
    window: CallWindow
    overdue: bool = False  # follow-ups: due before today began (in the coordinator's zone)
    urgency: Urgency | None = None  # new inquiries: ok / amber / red by waiting time


class TodayList(Sequence[TodayItem]):
    """One list, in call order, kept as columns: lead ids, windows (one shared object per zone)
    and a flag each (follow-ups: overdue; new inquiries: urgency). A `TodayItem` is made when one
    is asked for — a view paints 30 of 13,000 — and what a row shows besides (name, status,
    phone, due moment…) is read per screen with `today_details`."""

    __slots__ = ("flags", "follow_ups", "ids", "windows")

    def __init__(self, ids: list[int] | None = None, windows: list[CallWindow] | None = None,
                 flags: list | None = None, *, follow_ups: bool = True) -> None:
        self.ids = ids if ids is not None else []
        self.windows = windows if windows is not None else []
        self.flags = flags if flags is not None else []
        self.follow_ups = follow_ups

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return TodayList(self.ids[index], self.windows[index], self.flags[index], follow_ups=self.follow_ups)
        if self.follow_ups:
            return TodayItem(self.ids[index], self.windows[index], bool(self.flags[index]), None)
        return TodayItem(self.ids[index], self.windows[index], False, self.flags[index])

    def __iter__(self):
        for index in range(len(self.ids)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TodayList({len(self)} items)"

    def row_of(self, lead_id: int) -> int | None:
        try:
            return self.ids.index(lead_id)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class TodayDetails:
    """What a Today row shows about its lead."""

    lead_id: int
    reference: str
    name: str
    country: str | None
    status: str
    coordinator: str | None
    phone: str | None  # the first phone: E.164, or as typed when it is not a valid number
    due_at: datetime | None
    inquiry_at: datetime

    def waiting(self, now: datetime) -> timedelta:
        """How long the inquiry has waited at `now` (listed new inquiries have had no contact)."""
        return max(now - self.inquiry_at, timedelta(0))


@dataclass(frozen=True)
class TodayAgenda:
    now: datetime
    day_end: datetime
    follow_ups: TodayList
    new_inquiries: TodayList
    older_waiting: int = 0  # unanswered new inquiries older than the window, not listed
    overdue: int = 0  # follow-ups due before today
    awake: int = 0  # follow-ups whose patient is in working hours now
    red: int = 0  # new inquiries waiting more than RED_AFTER
    amber: int = 0  # … more than AMBER_AFTER (and not red)
    #: The team's first-response target (team setting), and how many listed inquiries are past it.
    first_response: timedelta = DEFAULT_FIRST_RESPONSE
    past_target: int = 0
    #: Details of the first rows of each list, read with the agenda so that the first paint needs no query.
    details: Mapping[int, TodayDetails] = field(default_factory=dict)
    #: Case tasks (visa application, flights, records deadline…) due within a week or overdue, not
    #: done, for the same leads as the follow-ups (app.domain.case_schedule.case_reminders).
    case_reminders: tuple[CaseReminder, ...] = ()


#: Rows of each list whose details come with the agenda: a screen, even a tall one.
FIRST_SCREEN = 40


def end_of_day(now: datetime, zone: tzinfo) -> datetime:
    local_day = now.astimezone(zone).date()
    return datetime.combine(local_day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)


def start_of_day(now: datetime, zone: tzinfo) -> datetime:
    return datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone).astimezone(UTC)


#: The first phone, as every list shows it. The phone index holds (lead_id, position, e164): on
#: SQLite the look-up reads no table row unless the number has no E.164 form (a deferred seek).
_PRIMARY_PHONE = (
    select(func.coalesce(LeadPhone.e164, LeadPhone.raw))
    .where(LeadPhone.lead_id == Lead.id)
    .order_by(LeadPhone.position)
    .limit(1)
    .scalar_subquery()
)


def _sort_only(column):
    """`column` for ORDER BY only, as an expression no index provides. Asked to order by a moment
    and id, SQLite walks the index on that moment alone (rows come in order) and reads every lead
    row to filter it; through this it ranges over the covering index the WHERE picks, reading no
    lead row, and sorts the 12,000 rows it found (at 100,000 leads: 40 -> 20 ms)."""
    return func.coalesce(column, column)


# The agenda's rows, in tie-break order: (lead_id, flag, lead's own zone, country, first phone).
# Every column but the phone is in the index the query ranges over (ix_leads_live_status for
# follow-ups, ix_leads_live_unanswered for new inquiries), so no lead row is read.
_URGENCY = {u.value: u for u in Urgency}
#: Rows between two looks at `cancelled`.
_CHUNK = 8192


def build_today(
    db: Database,
    *,
    clock: Clock = utc_now,
    zone: tzinfo | None = None,
    coordinator_id: int | None = None,
    with_pool: bool = False,
    new_within: timedelta = NEW_INQUIRY_WINDOW,
    cancelled: Callable[[], bool] | None = None,
    first_screen: int = FIRST_SCREEN,
) -> TodayAgenda:
    """Today's calls for everyone (or one coordinator), in call order.

    `coordinator_id`: one person's calls (`UNASSIGNED`: the unassigned pool's). `with_pool` adds
    the pool's new inquiries to that person's ("My Today": my follow-ups, my new inquiries and
    the pool's, which anyone may pick up). `past_target` counts the listed new inquiries waiting
    longer than the team's first-response target (`past_first_response`).
    New inquiries older than `new_within` are not listed (a week-old unanswered inquiry is no
    longer a call for today); `older_waiting` counts them so the view can point to the list.
    The details of the first `first_screen` rows of each list come with it (`details`).
    """
    now = clock()
    zone = zone or local_zone()
    minute = now.astimezone(UTC).replace(second=0, microsecond=0)
    day_end, day_start = end_of_day(now, zone), start_of_day(now, zone)
    since = now - new_within
    live: list[ColumnElement[bool]] = [Lead.erased_at.is_(None)]
    mine: list[ColumnElement[bool]] = []  # follow-ups: whose they are
    if coordinator_id == UNASSIGNED:
        mine.append(Lead.coordinator_id.is_(None))
    elif coordinator_id is not None:
        mine.append(Lead.coordinator_id == coordinator_id)
    waiting = [*live, *mine]  # new inquiries: the same, or mine and the pool's
    if with_pool and coordinator_id not in (None, UNASSIGNED):
        waiting = [*live, or_(Lead.coordinator_id == coordinator_id, Lead.coordinator_id.is_(None))]
    live = [*live, *mine]
    unanswered = waiting_for_first_contact()
    # In the tie-break order (see the module docstring); the call order is made from it below.
    due = (
        select(Lead.id, Lead.next_follow_up < day_start, Lead.timezone, Lead.country, _PRIMARY_PHONE)
        .where(*live, Lead.status.in_(OPEN_STATUSES), Lead.next_follow_up < day_end)
        .order_by(_sort_only(Lead.next_follow_up), Lead.id)
    )
    urgency = case((Lead.inquiry_at < now - RED_AFTER, Urgency.RED.value),
                   (Lead.inquiry_at < now - AMBER_AFTER, Urgency.AMBER.value), else_=Urgency.OK.value)
    fresh = (
        select(Lead.id, urgency, Lead.timezone, Lead.country, _PRIMARY_PHONE)
        .where(*waiting, *unanswered, Lead.inquiry_at >= since)
        .order_by(_sort_only(Lead.inquiry_at).desc(), Lead.id)
    )
    older = select(func.count()).select_from(Lead).where(*waiting, *unanswered, Lead.inquiry_at < since)
    with db.read() as session, _page_cache(session.connection()) as conn:  # one read transaction throughout
        target = read_team_settings(session).first_response
        due_rows = _plain_rows(conn, due)
        _check(cancelled)
        new_rows = _plain_rows(conn, fresh)
        older_waiting = conn.execute(older).scalar() or 0
        past = select(func.count()).select_from(Lead).where(
            *waiting, *unanswered, Lead.inquiry_at >= since, Lead.inquiry_at < now - target)
        past_target = conn.execute(past).scalar() or 0
        _check(cancelled)
        follow_ups, awake = _in_call_order(due_rows, minute, cancelled, follow_ups=True)
        new_inquiries, _ = _in_call_order(new_rows, minute, cancelled, follow_ups=False)
        details = _details(conn, follow_ups.ids[:first_screen] + new_inquiries.ids[:first_screen])
        reminders = case_reminders(session, coordinator_id, now.astimezone(zone).date(), everyone=coordinator_id is None)
    return TodayAgenda(
        now, day_end, follow_ups, new_inquiries, older_waiting,
        overdue=sum(map(bool, follow_ups.flags)),
        awake=awake,
        red=new_inquiries.flags.count(Urgency.RED),
        amber=new_inquiries.flags.count(Urgency.AMBER),
        details=details,
        first_response=target,
        past_target=past_target,
        case_reminders=tuple(reminders),
    )


def past_first_response(waited: timedelta | None, target: timedelta) -> bool:
    """Whether a new inquiry that has `waited` (None: contacted, or no longer new) is past the
    team's first-response target — the one rule Today and the manager's desk mark by."""
    return waited is not None and waited > target


#: SQLite page cache while the agenda is read (KiB). Each follow-up's first phone is one look-up in
#: the phone index, 13,000 of them in random order at 100,000 leads: with SQLite's default 2 MiB
#: cache most index pages are read again from the OS several times (the index is 3 MiB at 100,000
#: leads, 30 MiB at 1,000,000). Pages are only taken as used; the old size comes back after.
PAGE_CACHE_KIB = 32 * 1024


@contextmanager
def _page_cache(conn) -> Iterator:
    if conn.dialect.name != "sqlite":
        yield conn
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    try:
        yield conn
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _plain_rows(conn, stmt) -> list[tuple]:
    """The statement's rows as the driver returns them (plain tuples; no result processing: the
    columns are chosen so none is needed). 12,000 Row objects cost more than the rows' reading."""
    result = conn.execute(stmt)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise InterruptedError("cancelled")


def _in_call_order(rows: list[tuple], minute: datetime, cancelled, *, follow_ups: bool) -> tuple[TodayList, int]:
    """`rows` (in tie-break order) as a list in call order, and how many are awake now.

    The window depends on the phone's zones and the lead's own zone only, so it is worked out
    once per distinct pair (a few hundred), not per lead; each row goes into the bucket of its
    window's sort key, in order, and the buckets are read by key: no per-lead comparison."""
    buckets: dict[tuple[int, int], tuple[list[int], list[CallWindow], list]] = {}
    slots: dict[object, tuple[CallWindow, list[int], list[CallWindow], list]] = {}  # zones [+ own zone] → bucket
    zones_memo = _ZONES
    for start in range(0, len(rows), _CHUNK):
        _check(cancelled)
        for lead_id, flag, own_zone, country, phone in rows[start : start + _CHUNK]:
            zones = zones_memo.get(phone if phone and phone[0] == "+" else (phone, country))
            if zones is None:
                zones = _zones_of(phone, country)
            key = zones if own_zone is None else (zones, own_zone)  # a tuple of names vs (tuple, name): never equal
            slot = slots.get(key)
            if slot is None:
                window = _call_window(zones, minute, own_zone)
                bucket = buckets.get(window.sort_key())
                if bucket is None:
                    bucket = buckets[window.sort_key()] = ([], [], [])
                slot = slots[key] = (window, *bucket)
            slot[1].append(lead_id)
            slot[2].append(slot[0])
            slot[3].append(flag)
    ids: list[int] = []
    windows: list[CallWindow] = []
    flags: list = []
    for sort_key in sorted(buckets):
        bucket_ids, bucket_windows, bucket_flags = buckets[sort_key]
        ids += bucket_ids
        windows += bucket_windows
        flags += bucket_flags if follow_ups else [_URGENCY[f] for f in bucket_flags]
    awake = sum(len(bucket[0]) for sort_key, bucket in buckets.items() if sort_key[0] == Window.AWAKE)
    return TodayList(ids, windows, flags, follow_ups=follow_ups), awake


def today_details(db: Database, lead_ids: Sequence[int]) -> dict[int, TodayDetails]:
    """What the Today rows of `lead_ids` show (one screen or page at a time); erased leads are absent."""
    with db.read() as session:
        return _details(session.connection(), lead_ids)


_DETAILS = (
    select(Lead.id, Lead.reference, Lead.full_name, Lead.country, Lead.status, Coordinator.name,
           _PRIMARY_PHONE, Lead.next_follow_up, Lead.inquiry_at)
    .outerjoin(Coordinator, Coordinator.id == Lead.coordinator_id)
    .where(Lead.erased_at.is_(None))
)


def _details(conn, lead_ids: Sequence[int]) -> dict[int, TodayDetails]:
    out: dict[int, TodayDetails] = {}
    ids = list(dict.fromkeys(lead_ids))
    for start in range(0, len(ids), 500):
        for row in conn.execute(_DETAILS.where(Lead.id.in_(ids[start : start + 500]))):
            out[row[0]] = TodayDetails(*row)
    return out
