"""Speed to lead: how long new inquiries wait for a first contact, and whether follow-ups are
kept. The list, the Today view and the dashboard read these definitions; nothing here imports Qt.

Definitions (shown to the manager on the dashboard, so they are spelled out here once):

* **Waiting** — a lead in status ``new`` with no first contact has waited ``now - inquiry_at``.
  It turns *amber* after :data:`AMBER_AFTER` (2 h) and *red* after :data:`RED_AFTER` (24 h).
  A contact is any interaction in :data:`~app.domain.lead_records.CONTACT_KINDS` (a call,
  an email or message sent, a meeting, a packet); logging one sets ``first_contact_at``.
* **Time to first contact** — ``first_contact_at - inquiry_at`` for the inquiries that arrived
  in the period and have been contacted. Inquiries still waiting have no time yet; they are
  counted apart (``still_waiting``) so a slow week cannot hide behind a good median.
* **Follow-up on time** — a follow-up is due on the calendar day of its moment, in the
  coordinator's time zone (the desktop's, or the ``zone`` passed in): coordinators plan their
  day in their own zone, and calls to patients abroad are made during that working day. It is
  *on time* when a contact with the lead is logged after the follow-up was set and no later than
  the end of that day; it is *late* otherwise. Only follow-ups whose day has ended count (today's
  may still be done). Two sources are read:

  - every interaction that scheduled a follow-up (``interactions.follow_up_at``), checked
    against the first contact logged after it;
  - a lead's pending ``next_follow_up`` that no interaction scheduled (set in the editor or by an
    import). Logging a contact at or after a follow-up's moment clears it, so one still pending
    after its day has ended was missed — unless a contact was logged on that day anyway.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain.figure_names import waiting_for_first_contact
from app.domain.lead_records import CONTACT_KINDS
from app.domain.pipeline import EXITS, Status
from db.engine import Database
from db.models import Interaction, Lead

AMBER_AFTER = timedelta(hours=2)
RED_AFTER = timedelta(hours=24)

#: Statuses whose leads are still being worked (follow-ups on closed leads are not chased).
OPEN_STATUSES: tuple[str, ...] = tuple(s.value for s in Status if s not in EXITS and s is not Status.COMPLETED)
_NEW = Status.NEW.value


class Urgency(StrEnum):
    OK = "ok"
    AMBER = "amber"
    RED = "red"


def waiting_time(status: str, first_contact_at: datetime | None, inquiry_at: datetime | None, now: datetime) -> timedelta | None:
    """How long a new inquiry has waited for its first contact; None once contacted or past `new`."""
    if status != _NEW or first_contact_at is not None or inquiry_at is None:
        return None
    return max(now - inquiry_at, timedelta(0))


def urgency(waited: timedelta | None) -> Urgency | None:
    if waited is None:
        return None
    if waited > RED_AFTER:
        return Urgency.RED
    if waited > AMBER_AFTER:
        return Urgency.AMBER
    return Urgency.OK


def format_duration(span: timedelta | None) -> str:
    """'12 min', '3 h 20 min', '2 d 4 h', '45 d' — short enough for a table cell."""
    if span is None:
        return ""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    if days < 10:
        return f"{days} d {hours} h" if hours else f"{days} d"
    return f"{days} d"


def overdue_first_response(inquiry_at: datetime | None, first_contact_at: datetime | None, now: datetime,
                           target: timedelta) -> bool:
    """Whether an inquiry is past the team's first-response target (TeamSettings.first_response)
    with no first contact yet. (The caller knows the lead is new: see `waiting_time`.)"""
    return first_contact_at is None and inquiry_at is not None and now - inquiry_at > target


def _overdue(now: datetime, target: timedelta) -> ColumnElement[bool]:
    return and_(Lead.erased_at.is_(None), *waiting_for_first_contact(), Lead.inquiry_at < now - target)


def overdue_inquiry_ids(session: Session, now: datetime, target: timedelta) -> list[int]:
    """New inquiries past the first-response target with no first contact, oldest first (an index
    range: ix_leads_live_unanswered)."""
    return list(session.scalars(select(Lead.id).where(_overdue(now, target)).order_by(Lead.inquiry_at, Lead.id)))


def untouched_inquiry_ids(session: Session, now: datetime, target: timedelta) -> list[int]:
    """Overdue inquiries whose coordinator has also held them for the whole target (or that wait in
    the pool): the ones "reassign untouched" moves. A lead just moved gets a full target again."""
    held = or_(Lead.assigned_at.is_(None), Lead.assigned_at <= now - target)
    return list(session.scalars(select(Lead.id).where(_overdue(now, target), held).order_by(Lead.inquiry_at, Lead.id)))


# ------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class FirstContactStats:
    since: datetime
    until: datetime
    inquiries: int
    contacted: int
    still_waiting: int
    median: timedelta | None
    within_amber: int  # contacted within AMBER_AFTER

    @property
    def within_amber_share(self) -> float | None:
        return self.within_amber / self.contacted if self.contacted else None


@dataclass(frozen=True)
class FollowUpStats:
    since: date
    until: date  # last due day counted (yesterday in the coordinator's zone)
    due: int
    on_time: int
    late_lead_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def late(self) -> int:
        return self.due - self.on_time

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.due if self.due else None


def local_zone() -> tzinfo:
    """The coordinator's zone: the desktop's."""
    return datetime.now().astimezone().tzinfo or UTC


def seconds_between(later: SQLColumnExpression[Any], earlier: SQLColumnExpression[Any], dialect: str) -> ColumnElement[Any]:
    """`later - earlier` in seconds, in SQL (SQLite stores datetimes as text)."""
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def first_contact_stats(db: Database, now: datetime, *, days: int = 30) -> FirstContactStats:
    """Time to first contact for the inquiries of the last `days` days (one SQL pass)."""
    since = now - timedelta(days=days)
    with db.read() as session:
        dialect = session.get_bind().dialect.name
        live = and_(Lead.erased_at.is_(None), Lead.inquiry_at >= since, Lead.inquiry_at <= now, Lead.status != Status.DUPLICATE.value)
        gaps = [
            max(float(g), 0.0)
            for g in session.scalars(
                select(seconds_between(Lead.first_contact_at, Lead.inquiry_at, dialect)).where(live, Lead.first_contact_at.is_not(None))
            )
        ]
        total = session.scalar(select(func.count(Lead.id)).where(live)) or 0
        waiting = session.scalar(
            select(func.count(Lead.id)).where(live, *waiting_for_first_contact())
        ) or 0
    median = timedelta(seconds=statistics.median(gaps)) if gaps else None
    within = sum(1 for g in gaps if g <= AMBER_AFTER.total_seconds())
    return FirstContactStats(since, now, total, len(gaps), waiting, median, within)


def _day_end(moment: datetime, zone: tzinfo) -> datetime:
    local_day = moment.astimezone(zone).date()
    return datetime.combine(local_day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)


def _day_start(moment: datetime, zone: tzinfo) -> datetime:
    return datetime.combine(moment.astimezone(zone).date(), time(0), tzinfo=zone).astimezone(UTC)


def follow_up_stats(db: Database, now: datetime, *, days: int = 30, zone: tzinfo | None = None) -> FollowUpStats:
    """Follow-ups due on the `days` days before today (coordinator's zone): how many were on time."""
    first_day, last_day, outcomes = follow_up_outcomes(db, now, days=days, zone=zone)
    late = frozenset(lead_id for lead_id, on_time in outcomes if not on_time)
    return FollowUpStats(first_day, last_day, len(outcomes), sum(on_time for _lead, on_time in outcomes), late)


def follow_up_outcomes(db: Database, now: datetime, *, days: int = 30,
                       zone: tzinfo | None = None) -> tuple[date, date, list[tuple[int, bool]]]:
    """Each follow-up due on the `days` days before today, as (lead id, on time), with the first
    and last day counted: `follow_up_stats` adds them up, the dashboard per coordinator."""
    zone = zone or local_zone()
    today = now.astimezone(zone).date()
    first_day = today - timedelta(days=days)
    window_start = datetime.combine(first_day, time(0), tzinfo=zone).astimezone(UTC)
    window_end = datetime.combine(today, time(0), tzinfo=zone).astimezone(UTC)  # days that have ended
    contact_kinds = sorted(CONTACT_KINDS)
    later = aliased(Interaction)
    with db.read() as session:
        next_contact = (
            select(func.min(later.occurred_at))
            .where(later.lead_id == Interaction.lead_id, later.kind.in_(contact_kinds), later.occurred_at > Interaction.occurred_at)
            .scalar_subquery()
        )
        erased = select(Lead.id).where(Lead.erased_at.is_not(None))  # few; a join would make SQLite walk every lead
        scheduled = session.execute(
            select(Interaction.lead_id, Interaction.follow_up_at, next_contact).where(
                Interaction.follow_up_at >= window_start, Interaction.follow_up_at < window_end, Interaction.lead_id.not_in(erased)
            )
        ).all()
        pending = session.execute(
            select(Lead.id, Lead.next_follow_up, Lead.last_contact_at).where(
                Lead.erased_at.is_(None),
                Lead.status.in_(OPEN_STATUSES),
                Lead.next_follow_up >= window_start,
                Lead.next_follow_up < window_end,
            )
        ).all()
    seen: set[tuple[int, datetime]] = set()
    outcomes: list[tuple[int, bool]] = []
    for lead_id, moment, done_at in scheduled:
        assert moment is not None
        key = (lead_id, moment)
        if key in seen:
            continue
        seen.add(key)
        done = _as_utc(done_at)
        outcomes.append((lead_id, done is not None and done < _day_end(moment, zone)))
    for lead_id, moment, last_contact in pending:
        assert moment is not None
        if (lead_id, moment) in seen:
            continue
        last = _as_utc(last_contact)
        outcomes.append((lead_id, last is not None and _day_start(moment, zone) <= last < _day_end(moment, zone)))
    return first_day, today - timedelta(days=1), outcomes


def _as_utc(value: datetime | str | None) -> datetime | None:
    """Scalar subqueries lose the column type on some backends: accept text and naive values."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
