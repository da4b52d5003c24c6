"""What the assignment rule needs to know about each person: their languages and countries, how
many open new leads they hold, and when they were last given one.

On PostgreSQL with row-level security a coordinator cannot see colleagues' leads, so counting them
with a plain query would make everyone else look idle. `medtour team init` creates
`medtour_assignment_candidates()` (ASSIGNMENT_FUNCTIONS_SQL), a SECURITY DEFINER function that
returns these figures and nothing else (no lead is named); `candidate_stats` calls it when it
exists and runs the same query directly otherwise (SQLite, or a server database without a team).
"""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, func, select, text
from sqlalchemy.orm import Session

from db.models import Coordinator, Lead
from db.types import UTCDateTime

__all__ = ["ASSIGNMENT_FUNCTIONS_SQL", "ASSIGNMENT_LOCK_KEY", "CandidateRow", "candidate_stats", "lock_assignment"]

#: The advisory lock every write transaction takes on PostgreSQL (db.engine.Database.write): taking
#: it again inside one is free, and a caller with a session of its own is serialised the same way.
ASSIGNMENT_LOCK_KEY = 4242

_NEW = "new"


class CandidateRow(NamedTuple):
    id: int
    name: str
    role: str
    has_login: bool
    languages: list[str]
    countries: list[str]
    #: Live leads in status "new" assigned to them.
    open_new: int
    #: The latest assigned_at among their live leads (None: never given one since 0005).
    last_assigned_at: datetime | None
    #: The newest of their leads given at that moment: orders people given leads at the same instant.
    last_lead_id: int | None


#: Run by `medtour team init` (idempotent). The function runs as its owner, so the owner must be a
#: role that row-level security does not filter: with FORCE ROW LEVEL SECURITY on leads that means a
#: BYPASSRLS owner (or a policy letting the owner read every lead). It is left executable by PUBLIC:
#: it returns counts and times per person, never a lead.
ASSIGNMENT_FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION medtour_assignment_candidates()
RETURNS TABLE (id integer, name text, role text, has_login boolean, languages json, countries json,
               open_new bigint, last_assigned_at timestamp, last_lead_id integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $fn$
    SELECT c.id, c.name::text, c.role::text, c.login IS NOT NULL, c.languages::json, c.countries::json,
           (SELECT count(*) FROM public.leads AS l
             WHERE l.erased_at IS NULL AND l.coordinator_id = c.id AND l.status = 'new'),
           last.assigned_at, last.id
    FROM public.coordinators AS c
    LEFT JOIN LATERAL (
        SELECT l.assigned_at, l.id FROM public.leads AS l
        WHERE l.erased_at IS NULL AND l.coordinator_id = c.id
        ORDER BY l.assigned_at DESC NULLS LAST, l.id DESC
        LIMIT 1
    ) AS last ON true
    WHERE c.active
    ORDER BY c.id
$fn$;
COMMENT ON FUNCTION medtour_assignment_candidates() IS
    'Per active person: languages, countries, open new leads and last assignment (figures only, for the assignment rule)';
"""


def lock_assignment(session: Session) -> None:
    """Serialise choosing and inserting: on PostgreSQL the transaction's advisory lock; on SQLite
    the write transaction (BEGIN IMMEDIATE) already holds the database's one write lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ASSIGNMENT_LOCK_KEY})


def _has_function(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return False
    return session.scalar(text("SELECT to_regproc('medtour_assignment_candidates') IS NOT NULL")) is True


def candidate_stats(session: Session) -> list[CandidateRow]:
    """Every active person with the figures the rule reads, by id."""
    if _has_function(session):
        stmt = text(
            "SELECT id, name, role, has_login, languages, countries, open_new, last_assigned_at, last_lead_id "
            "FROM medtour_assignment_candidates()"
        ).columns(last_assigned_at=UTCDateTime())
        return [_row(*r) for r in session.execute(stmt).all()]
    people = session.execute(
        select(Coordinator.id, Coordinator.name, Coordinator.role, Coordinator.login.is_not(None),
               Coordinator.languages, Coordinator.countries).where(Coordinator.active.is_(True)).order_by(Coordinator.id)
    ).all()
    open_new: dict[int, int] = {}
    last: dict[int, tuple[datetime | None, int | None]] = {}
    for pid, *_rest in people:  # a few people, each figure a short range of an index (revision 0006)
        theirs = and_(Lead.erased_at.is_(None), Lead.coordinator_id == pid)
        open_new[pid] = session.scalar(select(func.count()).select_from(Lead).where(theirs, Lead.status == _NEW)) or 0
        given = session.execute(
            select(Lead.assigned_at, Lead.id).where(theirs, Lead.assigned_at.is_not(None))
            .order_by(Lead.assigned_at.desc(), Lead.id.desc()).limit(1)
        ).first()
        if given is not None:
            last[pid] = (_aware(given[0]), given[1])
        else:  # never given one since 0005: the newest of their leads orders them
            last[pid] = (None, session.scalar(select(func.max(Lead.id)).where(theirs)))
    return [
        _row(pid, name, role, has_login, languages, countries, open_new.get(pid, 0), *last.get(pid, (None, None)))
        for pid, name, role, has_login, languages, countries in people
    ]


def _aware(value: datetime | str | None) -> datetime | None:
    """The subquery's max() loses the column type on SQLite (text comes back): read it as UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return UTCDateTime().process_result_value(value, None)


def _row(pid, name, role, has_login, languages, countries, open_new, last_at, last_id) -> CandidateRow:
    return CandidateRow(int(pid), str(name), str(role or "coordinator"), bool(has_login),
                        [str(x) for x in (languages or [])], [str(x) for x in (countries or [])],
                        int(open_new or 0), _aware(last_at), int(last_id) if last_id is not None else None)
