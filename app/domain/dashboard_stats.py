"""Numbers for the manager's dashboard and the pipeline board: SQL aggregates (GROUP BY), never a
loop over leads in Python, so they stay fast at 100,000 leads. Every number can be turned back into
the leads behind it (the `ids_*` functions) so the dashboard can open the list on them.

Counts are over live leads (not erased). Weeks are ISO weeks (Monday first) of the inquiry's
UTC time.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from app.domain.pipeline import ALL_STATUSES, MAIN_PATH, Status
from app.domain.speed_to_lead import FirstContactStats, FollowUpStats, first_contact_stats, follow_up_stats
from db.engine import Database
from db.models import Lead, StatusChange

NO_SOURCE = "(no source)"
NO_REASON = "(no reason given)"
NO_COUNTRY = "(no country)"


@dataclass(frozen=True)
class WeeklyInquiries:
    weeks: tuple[date, ...]  # Mondays, oldest first
    sources: tuple[str, ...]  # busiest first
    counts: dict[str, tuple[int, ...]]  # source → count per week

    def total(self, week_index: int) -> int:
        return sum(series[week_index] for series in self.counts.values())


@dataclass(frozen=True)
class DashboardData:
    now: datetime
    total: int
    status_counts: dict[str, int]
    weekly: WeeklyInquiries
    funnel: tuple[tuple[Status, int], ...]
    countries: tuple[tuple[str, int], ...]
    lost_reasons: tuple[tuple[str, int], ...]
    first_contact: FirstContactStats
    follow_ups: FollowUpStats


def _live():
    return Lead.erased_at.is_(None)


def total_leads(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Lead.id)).where(_live())) or 0


def status_counts(db: Database) -> dict[str, int]:
    """Live leads per status; every status present (0 when empty), in pipeline order."""
    with db.read() as session:
        found = dict(session.execute(select(Lead.status, func.count(Lead.id)).where(_live()).group_by(Lead.status)).all())
    return {s.value: int(found.get(s.value, 0)) for s in ALL_STATUSES}


def country_counts(db: Database) -> tuple[tuple[str, int], ...]:
    """(country code or NO_COUNTRY, leads), most leads first."""
    with db.read() as session:
        rows = session.execute(select(Lead.country, func.count(Lead.id)).where(_live()).group_by(Lead.country)).all()
    return tuple(sorted(((c or NO_COUNTRY, int(n)) for c, n in rows), key=lambda r: (-r[1], r[0])))


def source_counts(db: Database) -> tuple[tuple[str, int], ...]:
    with db.read() as session:
        rows = session.execute(select(Lead.source, func.count(Lead.id)).where(_live()).group_by(Lead.source)).all()
    return tuple(sorted(((s or NO_SOURCE, int(n)) for s, n in rows), key=lambda r: (-r[1], r[0])))


def _week_start(session: Session):
    if session.get_bind().dialect.name == "sqlite":
        # The Sunday on or after the day, minus six days: the Monday on or before it.
        return func.date(Lead.inquiry_at, "weekday 0", "-6 days")
    return cast(func.date_trunc("week", Lead.inquiry_at), Date)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_inquiries(db: Database, now: datetime, *, weeks: int = 12) -> WeeklyInquiries:
    """Inquiries per week and source over the last `weeks` weeks (this one included)."""
    this_monday = monday_of(now.astimezone(UTC).date())
    mondays = tuple(this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks))
    since = datetime.combine(mondays[0], time(0), tzinfo=UTC)
    with db.read() as session:
        week = _week_start(session).label("week")
        rows = session.execute(
            select(week, Lead.source, func.count(Lead.id))
            .where(_live(), Lead.inquiry_at >= since, Lead.status != Status.DUPLICATE.value)
            .group_by(week, Lead.source)
        ).all()
    index = {monday: i for i, monday in enumerate(mondays)}
    counts: dict[str, list[int]] = {}
    for week_value, source, n in rows:
        monday = week_value if isinstance(week_value, date) else date.fromisoformat(str(week_value))
        if monday not in index:
            continue
        counts.setdefault(source or NO_SOURCE, [0] * weeks)[index[monday]] += int(n)
    ordered = sorted(counts, key=lambda s: (-sum(counts[s]), s))
    return WeeklyInquiries(mondays, tuple(ordered), {s: tuple(counts[s]) for s in ordered})


def _not_erased(column):
    """`column` (a lead id) is not an erased lead's. Erased leads are few, so this beats a join."""
    return column.not_in(select(Lead.id).where(Lead.erased_at.is_not(None)))


def funnel(db: Database) -> tuple[tuple[Status, int], ...]:
    """How many live leads reached each stage of the main path.

    A lead *reached* a stage when its history records a move into it: a lead later lost still
    counts for every stage it passed. The pipeline moves one step at a time, so reaching a stage
    means having passed all earlier ones; every lead reached ``new`` (it arrived as an inquiry).
    """
    with db.read() as session:
        rows = dict(
            session.execute(
                select(StatusChange.to_status, func.count(func.distinct(StatusChange.lead_id)))
                .where(StatusChange.to_status.in_([s.value for s in MAIN_PATH[1:]]), _not_erased(StatusChange.lead_id))
                .group_by(StatusChange.to_status)
            ).all()
        )
        total = session.scalar(select(func.count(Lead.id)).where(_live())) or 0
    return ((MAIN_PATH[0], int(total)), *tuple((s, int(rows.get(s.value, 0))) for s in MAIN_PATH[1:]))


def lost_reasons(db: Database) -> tuple[tuple[str, int], ...]:
    with db.read() as session:
        rows = session.execute(
            select(Lead.status_reason, func.count(Lead.id)).where(_live(), Lead.status == Status.LOST.value).group_by(Lead.status_reason)
        ).all()
    return tuple(sorted((((r or "").strip() or NO_REASON, int(n)) for r, n in rows), key=lambda r: (-r[1], r[0])))


def dashboard(db: Database, now: datetime, *, weeks: int = 12, zone: tzinfo | None = None) -> DashboardData:
    """Everything the dashboard shows, in one call (the GUI runs it off the UI thread)."""
    counts = status_counts(db)
    return DashboardData(
        now=now,
        total=sum(counts.values()),
        status_counts=counts,
        weekly=weekly_inquiries(db, now, weeks=weeks),
        funnel=funnel(db),
        countries=country_counts(db),
        lost_reasons=lost_reasons(db),
        first_contact=first_contact_stats(db, now),
        follow_ups=follow_up_stats(db, now, zone=zone),
    )


# ------------------------------------------------------------------ the leads behind a number


def ids_inquired(db: Database, week: date, source: str | None = None, *, days: int = 7) -> frozenset[int]:
    """Leads whose inquiry arrived in the week starting `week` (UTC), from `source` (NO_SOURCE = none)."""
    start = datetime.combine(week, time(0), tzinfo=UTC)
    stmt = select(Lead.id).where(
        _live(), Lead.inquiry_at >= start, Lead.inquiry_at < start + timedelta(days=days), Lead.status != Status.DUPLICATE.value
    )
    if source == NO_SOURCE:
        stmt = stmt.where(Lead.source.is_(None))
    elif source is not None:
        stmt = stmt.where(Lead.source == source)
    with db.read() as session:
        return frozenset(session.scalars(stmt))


def ids_reached(db: Database, stage: Status | str) -> frozenset[int]:
    """The leads behind a funnel bar: live leads with a recorded move into `stage`."""
    stage = Status(stage)
    with db.read() as session:
        if stage is MAIN_PATH[0]:
            return frozenset(session.scalars(select(Lead.id).where(_live())))
        moved = select(StatusChange.lead_id).where(StatusChange.to_status == stage.value)
        return frozenset(session.scalars(select(Lead.id).where(_live(), Lead.id.in_(moved))))


def ids_waiting_for_contact(db: Database, *, inquired_before: datetime | None = None) -> frozenset[int]:
    """New leads nobody has contacted yet (optionally only those whose inquiry came before a moment)."""
    stmt = select(Lead.id).where(_live(), Lead.status == Status.NEW.value, Lead.first_contact_at.is_(None))
    if inquired_before is not None:
        stmt = stmt.where(Lead.inquiry_at < inquired_before)
    with db.read() as session:
        return frozenset(session.scalars(stmt))


def ids_lost_for(db: Database, reason: str) -> frozenset[int]:
    stmt = select(Lead.id, Lead.status_reason).where(_live(), Lead.status == Status.LOST.value)
    with db.read() as session:
        rows = session.execute(stmt).all()
    return frozenset(i for i, r in rows if ((r or "").strip() or NO_REASON) == reason)
