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
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo
from enum import IntEnum
from functools import lru_cache

from sqlalchemy import and_, func, select

from app.domain.clock import Clock, utc_now
from app.domain.phone import WORKING_HOURS, LocalTime, local_time_for, parse_phone
from app.domain.pipeline import Status
from app.domain.speed_to_lead import OPEN_STATUSES, Urgency, local_zone, urgency, waiting_time
from db.engine import Database
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
    minute = now.astimezone(timezone.utc).replace(second=0, microsecond=0)
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
    hours = sorted(lt.strftime("%H:%M") for lt in locals_)
    label = f"varies ({hours[0]}–{hours[-1]})"
    awake = [lt for lt in locals_ if _awake(lt)]
    if len(awake) == len(locals_):
        return CallWindow(Window.AWAKE, label, None, min(_minutes_until(lt, _EVENING) for lt in awake), 0)
    if awake:
        return CallWindow(Window.MAYBE, label, None, max(_minutes_until(lt, _EVENING) for lt in awake), 0)
    return CallWindow(Window.ASLEEP, label, None, 0, min(_minutes_until(lt, _MORNING) for lt in locals_))


def _zone_infos(zones: tuple[str, ...]):
    from zoneinfo import ZoneInfo

    out = []
    for name in zones:
        try:
            out.append(ZoneInfo(name))
        except Exception:  # noqa: BLE001 - an unknown zone name is skipped, as local_time_for does
            continue
    return out


def phone_zones(phone: str | None, country: str | None) -> tuple[str, ...]:
    """The time zones of a lead's phone (cached by the phone module)."""
    if not phone:
        return ()
    return parse_phone(phone, country).time_zones


# ------------------------------------------------------------------------- the agenda


@dataclass(frozen=True, slots=True)
class TodayItem:
    lead_id: int
    reference: str
    name: str
    country: str | None
    status: str
    coordinator: str | None
    phone: str | None
    due_at: datetime | None
    overdue: bool
    inquiry_at: datetime
    waiting: timedelta | None
    urgency: Urgency | None
    window: CallWindow


@dataclass(frozen=True)
class TodayAgenda:
    now: datetime
    day_end: datetime
    follow_ups: tuple[TodayItem, ...]
    new_inquiries: tuple[TodayItem, ...]
    older_waiting: int = 0  # unanswered new inquiries older than the window, not listed


def end_of_day(now: datetime, zone: tzinfo) -> datetime:
    local_day = now.astimezone(zone).date()
    return datetime.combine(local_day + timedelta(days=1), time(0), tzinfo=zone).astimezone(timezone.utc)


def start_of_day(now: datetime, zone: tzinfo) -> datetime:
    return datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone).astimezone(timezone.utc)


def _rows(db: Database, where, coordinator_id: int | None):
    primary_phone = (
        select(func.coalesce(LeadPhone.e164, LeadPhone.raw))
        .where(LeadPhone.lead_id == Lead.id)
        .order_by(LeadPhone.position)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            Lead.id, Lead.reference, Lead.full_name, Lead.country, Lead.timezone, Lead.status, Coordinator.name,
            primary_phone, Lead.next_follow_up, Lead.inquiry_at, Lead.first_contact_at,
        )
        .outerjoin(Coordinator, Coordinator.id == Lead.coordinator_id)
        .where(Lead.erased_at.is_(None), where)
    )
    if coordinator_id is not None:
        stmt = stmt.where(Lead.coordinator_id == coordinator_id)
    with db.read() as session:
        return session.execute(stmt).all()


def _item(row, now: datetime, minute: datetime, day_start: datetime) -> TodayItem:
    lead_id, reference, name, country, zone, status, coordinator, phone, due, inquiry_at, first_contact = row
    waited = waiting_time(status, first_contact, inquiry_at, now)
    return TodayItem(
        lead_id=lead_id, reference=reference, name=name, country=country, status=status, coordinator=coordinator,
        phone=phone, due_at=due, overdue=due is not None and due < day_start, inquiry_at=inquiry_at,
        waiting=waited, urgency=urgency(waited), window=_call_window(phone_zones(phone, country), minute, zone),
    )


def build_today(
    db: Database,
    *,
    clock: Clock = utc_now,
    zone: tzinfo | None = None,
    coordinator_id: int | None = None,
    new_within: timedelta = NEW_INQUIRY_WINDOW,
    cancelled: Callable[[], bool] | None = None,
) -> TodayAgenda:
    """Today's calls for everyone (or one coordinator), in call order.

    New inquiries older than `new_within` are not listed (a week-old unanswered inquiry is no
    longer a call for today); `older_waiting` counts them so the view can point to the list.
    """
    now = clock()
    zone = zone or local_zone()
    minute = now.astimezone(timezone.utc).replace(second=0, microsecond=0)
    day_end, day_start = end_of_day(now, zone), start_of_day(now, zone)
    due_rows = _rows(db, and_(Lead.status.in_(OPEN_STATUSES), Lead.next_follow_up < day_end), coordinator_id)
    unanswered = and_(Lead.status == _NEW, Lead.first_contact_at.is_(None))
    new_rows = _rows(db, and_(unanswered, Lead.inquiry_at >= now - new_within), coordinator_id)
    older = select(func.count(Lead.id)).where(Lead.erased_at.is_(None), unanswered, Lead.inquiry_at < now - new_within)
    if coordinator_id is not None:
        older = older.where(Lead.coordinator_id == coordinator_id)
    with db.read() as session:
        older_waiting = session.scalar(older) or 0
    follow_ups, fresh = [], []
    for rows, out in ((due_rows, follow_ups), (new_rows, fresh)):
        for index, row in enumerate(rows):
            if cancelled is not None and index % 500 == 0 and cancelled():
                raise InterruptedError("cancelled")
            out.append(_item(row, now, minute, day_start))
    return TodayAgenda(now, day_end, tuple(order_follow_ups(follow_ups)), tuple(order_new_inquiries(fresh)), older_waiting)


def order_follow_ups(items: Sequence[TodayItem]) -> list[TodayItem]:
    far = datetime.max.replace(tzinfo=timezone.utc)
    return sorted(items, key=lambda i: (i.window.sort_key(), i.due_at or far, i.lead_id))


def order_new_inquiries(items: Sequence[TodayItem]) -> list[TodayItem]:
    return sorted(items, key=lambda i: (i.window.sort_key(), -i.inquiry_at.timestamp(), i.lead_id))
