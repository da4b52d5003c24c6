"""Numbers for the manager's dashboard and the pipeline board: SQL aggregates (GROUP BY), never a
loop over leads in Python, so they stay fast at 100,000 leads. Every number can be turned back into
the leads behind it (the `ids_*` functions) so the dashboard can open the list on them.

Counts are over live leads (not erased). Weeks are ISO weeks (Monday first) of the inquiry's
UTC time.

The per-coordinator table (`coordinator_table`), one row per active person plus the unassigned
pool, each lead counted for the coordinator it is assigned to now:

* **open leads** — in an open status (not an exit, not completed);
* **waiting for first contact** — status ``new`` and no contact logged yet, however old;
* **median time to first contact** — over that person's inquiries of the period that have been
  contacted (the card's definition, app.domain.speed_to_lead);
* **follow-ups on time** — the card's definition too: of the follow-ups due on the period's days
  that have ended, the share done on time (a contact logged after the follow-up was set and no
  later than the end of its due day, the coordinator's time zone). None when nothing was due;
* **conversion** — of the leads whose inquiry arrived in the period, the share whose history
  records a move into ``booked`` (`WON`: the patient committed to treatment; the pipeline moves
  one step at a time, so a lead in treatment or aftercare passed through it). None with no leads.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from app.domain.figure_names import waiting_for_first_contact
from app.domain.pipeline import ALL_STATUSES, MAIN_PATH, Status
from app.domain.speed_to_lead import (
    OPEN_STATUSES,
    FirstContactStats,
    FollowUpStats,
    first_contact_stats,
    follow_up_outcomes,
    follow_up_stats,
    seconds_between,
)
from app.domain.team_settings import Visibility, read_team_settings
from db.engine import Database
from db.models import Coordinator, Lead, StatusChange

#: The stage that counts as won for conversion: the patient booked treatment.
WON = Status.BOOKED

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
    team: tuple[CoordinatorRow, ...] = ()  # the per-coordinator table
    #: New leads nobody has contacted yet, however old (the table's "waiting" summed, the pool included).
    waiting_now: int = 0


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


def dashboard(db: Database, now: datetime, *, weeks: int = 12, zone: tzinfo | None = None,
              coordinator_id: int | None = None) -> DashboardData:
    """Everything the dashboard shows, in one call (the GUI runs it off the UI thread).

    `coordinator_id`: a coordinator's own dashboard. Their table shows every row when the team's
    visibility is ``team`` (they see every lead anyway: the numbers hide nothing the list shows)
    and their own row alone under ``own``. A manager's or admin's passes None: every row."""
    counts = status_counts(db)
    own_row = None
    if coordinator_id is not None:
        with db.read() as session:
            if read_team_settings(session).visibility is Visibility.OWN:
                own_row = coordinator_id
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
        team=coordinator_table(db, now, zone=zone, coordinator_id=own_row),
        waiting_now=waiting_for_contact_count(db),
    )


def waiting_for_contact_count(db: Database) -> int:
    """How many new leads nobody has contacted yet, however old (`ids_waiting_for_contact` counted)."""
    with db.read() as session:
        return session.scalar(select(func.count(Lead.id)).where(_live(), *waiting_for_first_contact())) or 0


# ------------------------------------------------------------------ per coordinator


@dataclass(frozen=True)
class CoordinatorRow:
    """One person's line of the dashboard's table (`coordinator_id` None: the unassigned pool)."""

    coordinator_id: int | None
    name: str
    open_leads: int = 0
    waiting: int = 0  # new, never contacted
    median_first_contact: timedelta | None = None
    follow_ups_due: int = 0
    follow_ups_on_time: int = 0
    inquiries: int = 0  # leads whose inquiry arrived in the period
    won: int = 0  # … of which reached WON

    @property
    def on_time_share(self) -> float | None:
        return self.follow_ups_on_time / self.follow_ups_due if self.follow_ups_due else None

    @property
    def conversion(self) -> float | None:
        return self.won / self.inquiries if self.inquiries else None


UNASSIGNED_NAME = "Unassigned (the pool)"


def coordinator_table(db: Database, now: datetime, *, days: int = 30, zone: tzinfo | None = None,
                      coordinator_id: int | None = None) -> tuple[CoordinatorRow, ...]:
    """The table's rows (see the module notes): active people by name (the anonymous placeholder
    only while it has leads), then the pool when it has leads. `coordinator_id` keeps that
    person's row alone (a coordinator's own dashboard)."""
    since = now - timedelta(days=days)
    tally: dict[int | None, dict[str, Any]] = defaultdict(dict)
    with db.read() as session:
        dialect = session.get_bind().dialect.name
        people = session.execute(
            select(Coordinator.id, Coordinator.name, Coordinator.placeholder).where(Coordinator.active.is_(True))).all()
        for cid, open_leads, waiting in session.execute(
            select(Lead.coordinator_id,
                   func.count(Lead.id).filter(Lead.status.in_(OPEN_STATUSES)),
                   func.count(Lead.id).filter(*waiting_for_first_contact()))
            .where(_live()).group_by(Lead.coordinator_id)
        ):
            tally[cid].update(open_leads=int(open_leads), waiting=int(waiting))
        in_period = (_live(), Lead.inquiry_at >= since, Lead.inquiry_at <= now, Lead.status != Status.DUPLICATE.value)
        won = select(StatusChange.lead_id).where(StatusChange.to_status == WON.value)
        for cid, inquiries, reached in session.execute(
            select(Lead.coordinator_id, func.count(Lead.id), func.count(Lead.id).filter(Lead.id.in_(won)))
            .where(*in_period).group_by(Lead.coordinator_id)
        ):
            tally[cid].update(inquiries=int(inquiries), won=int(reached))
        gaps: dict[int | None, list[float]] = defaultdict(list)
        for cid, gap in session.execute(
            select(Lead.coordinator_id, seconds_between(Lead.first_contact_at, Lead.inquiry_at, dialect))
            .where(*in_period, Lead.first_contact_at.is_not(None))
        ):
            gaps[cid].append(max(float(gap), 0.0))
        _first, _last, outcomes = follow_up_outcomes(db, now, days=days, zone=zone)
        followed = sorted({lead_id for lead_id, _on_time in outcomes})
        owners: dict[int, int | None] = {}
        for start in range(0, len(followed), 500):
            chunk = followed[start : start + 500]
            owners.update((lead_id, cid) for lead_id, cid in session.execute(
                select(Lead.id, Lead.coordinator_id).where(Lead.id.in_(chunk))))
    # The anonymous placeholder a new database starts with has a row only while leads are still its.
    names = {cid: name for cid, name, placeholder in people if not placeholder or cid in tally or cid in gaps}
    for cid, values in gaps.items():
        tally[cid]["median_first_contact"] = timedelta(seconds=statistics.median(values))
    for lead_id, on_time in outcomes:
        entry = tally[owners.get(lead_id)]
        entry["follow_ups_due"] = entry.get("follow_ups_due", 0) + 1
        entry["follow_ups_on_time"] = entry.get("follow_ups_on_time", 0) + int(on_time)
    rows = [CoordinatorRow(cid, name, **tally.get(cid, {})) for cid, name in sorted(names.items(), key=lambda n: (n[1], n[0]))]
    rows += [CoordinatorRow(cid, "(no longer active)", **values) for cid, values in tally.items() if cid is not None and cid not in names]
    if None in tally:
        rows.append(CoordinatorRow(None, UNASSIGNED_NAME, **tally[None]))
    if coordinator_id is not None:
        rows = [r for r in rows if r.coordinator_id == coordinator_id]
    return tuple(rows)


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
    stmt = select(Lead.id).where(_live(), *waiting_for_first_contact())
    if inquired_before is not None:
        stmt = stmt.where(Lead.inquiry_at < inquired_before)
    with db.read() as session:
        return frozenset(session.scalars(stmt))


def ids_lost_for(db: Database, reason: str) -> frozenset[int]:
    stmt = select(Lead.id, Lead.status_reason).where(_live(), Lead.status == Status.LOST.value)
    with db.read() as session:
        rows = session.execute(stmt).all()
    return frozenset(i for i, r in rows if ((r or "").strip() or NO_REASON) == reason)
