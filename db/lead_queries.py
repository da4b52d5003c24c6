"""The lead list's queries: which lead ids match a filter, in which order, and their rows.

Search terms arrive already folded (see app.domain.search_text); here they become an FTS5 trigram
MATCH on SQLite (a pg_trgm-backed LIKE on PostgreSQL) for terms of three or more characters and a
LIKE scan for shorter ones. The list model asks for ids first and rows for one screen at a time.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from db.models import Coordinator, Lead, LeadPhone

#: Sort keys the list offers → the column they order by.
SORT_COLUMNS = {
    "reference": Lead.id,
    "name": Lead.sort_name,
    "country": Lead.country,
    "status": Lead.status,
    "coordinator": Lead.coordinator_id,
    "next_follow_up": Lead.next_follow_up,
    "last_contact": Lead.last_contact_at,
    "created": Lead.inquiry_at,
}


@dataclass(frozen=True)
class LeadFilter:
    long_terms: tuple[str, ...] = ()
    short_terms: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    coordinator_id: int | None = None
    country: str | None = None
    source: str | None = None
    follow_up_before: datetime | None = None
    ids: tuple[int, ...] | None = None
    include_erased: bool = False


def _escape_like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def apply_filter(stmt: Select, session: Session, flt: LeadFilter) -> Select:
    dialect = session.get_bind().dialect.name
    if flt.long_terms:
        if dialect == "sqlite":
            match = " AND ".join(_fts_phrase(t) for t in flt.long_terms)
            fts_ids = text("SELECT rowid FROM lead_fts WHERE lead_fts MATCH :match").bindparams(match=match)
            stmt = stmt.where(Lead.id.in_(fts_ids.columns(literal_column("rowid"))))
        else:
            for term in flt.long_terms:
                stmt = stmt.where(Lead.search_text.like(_escape_like(term), escape="\\"))
    if flt.short_terms:
        scan = select(Lead.id).where(Lead.erased_at.is_(None))
        for term in flt.short_terms:
            scan = scan.where(Lead.search_text.like(_escape_like(term), escape="\\"))
        if dialect == "sqlite":  # scan the narrow covering index, never the wide table
            scan = scan.with_hint(Lead, "INDEXED BY ix_leads_live_search_text", "sqlite")
        stmt = stmt.where(Lead.id.in_(scan))
    if flt.statuses:
        stmt = stmt.where(Lead.status.in_(flt.statuses))
    if flt.coordinator_id is not None:
        stmt = stmt.where(Lead.coordinator_id == flt.coordinator_id)
    if flt.country:
        stmt = stmt.where(Lead.country == flt.country)
    if flt.source:
        stmt = stmt.where(Lead.source == flt.source)
    if flt.follow_up_before is not None:
        stmt = stmt.where(Lead.next_follow_up.is_not(None), Lead.next_follow_up < flt.follow_up_before)
    if flt.ids is not None:
        stmt = stmt.where(Lead.id.in_(flt.ids))
    if not flt.include_erased:
        stmt = stmt.where(Lead.erased_at.is_(None))
    return stmt


def _unindexed(column):
    """`+column`: the same value, but SQLite will not use an index to order by it."""
    from sqlalchemy.sql.expression import UnaryExpression
    from sqlalchemy.sql import operators

    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


#: Sort keys whose column may be empty: leads without a value always come last.
NULLABLE_SORTS = frozenset({"next_follow_up", "last_contact", "country", "coordinator"})


def lead_ids(
    session: Session, flt: LeadFilter, sort: str = "created", descending: bool = True
) -> list[int]:
    """Ids of the leads matching `flt`, in list order (ties broken by id).

    Empty values go last in both directions. That is done with two index walks (values, then
    empties) rather than ``NULLS LAST``, which SQLite cannot serve from an index.
    """
    column = SORT_COLUMNS.get(sort, Lead.inquiry_at)
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    base = apply_filter(select(Lead.id), session, flt)
    if (flt.long_terms or flt.short_terms) and session.get_bind().dialect.name == "sqlite":
        # A search matches a few rows: fetch those and sort them, rather than walking the whole
        # sort index testing each entry (SQLite's choice when it can avoid a sort). Unary + keeps
        # the sort index out of the plan.
        column = _unindexed(column)
    if sort not in NULLABLE_SORTS:
        return list(session.scalars(base.order_by(direction(column), direction(Lead.id))))
    with_value = session.scalars(base.where(column.is_not(None)).order_by(direction(column), direction(Lead.id)))
    empty = session.scalars(base.where(column.is_(None)).order_by(direction(Lead.id)))
    return [*with_value, *empty]


def count_leads(session: Session, flt: LeadFilter) -> int:
    return session.scalar(apply_filter(select(func.count(Lead.id)), session, flt)) or 0


def primary_phones(session: Session, ids: Sequence[int]) -> dict[int, LeadPhone]:
    """The first phone of each lead in `ids`."""
    if not ids:
        return {}
    first = (
        select(LeadPhone.lead_id, func.min(LeadPhone.position).label("position"))
        .where(LeadPhone.lead_id.in_(ids))
        .group_by(LeadPhone.lead_id)
        .subquery()
    )
    rows = session.scalars(
        select(LeadPhone).join(
            first, and_(LeadPhone.lead_id == first.c.lead_id, LeadPhone.position == first.c.position)
        )
    )
    return {phone.lead_id: phone for phone in rows}


@dataclass
class SummaryRow:
    lead: Lead
    coordinator_name: str | None
    phone: LeadPhone | None = field(default=None)


def summary_rows(session: Session, ids: Sequence[int]) -> list[SummaryRow]:
    """Rows for `ids`, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    result = session.execute(
        select(Lead, Coordinator.name).outerjoin(Coordinator, Lead.coordinator_id == Coordinator.id).where(Lead.id.in_(ids))
    ).all()
    phones = primary_phones(session, ids)
    by_id = {lead.id: SummaryRow(lead, name, phones.get(lead.id)) for lead, name in result}
    return [by_id[i] for i in ids if i in by_id]


def find_by_contact(
    session: Session, e164s: Sequence[str], email_norm: str | None, exclude_id: int | None = None
) -> Lead | None:
    """The oldest live lead sharing one of these phones or this email."""
    conditions = []
    if e164s:
        phone_owner = select(LeadPhone.lead_id).where(LeadPhone.e164.in_(list(e164s)))
        conditions.append(Lead.id.in_(phone_owner))
    if email_norm:
        conditions.append(Lead.email_norm == email_norm)
    if not conditions:
        return None
    stmt = select(Lead).where(or_(*conditions), Lead.erased_at.is_(None), Lead.status != "duplicate")
    if exclude_id is not None:
        stmt = stmt.where(Lead.id != exclude_id)
    return session.scalars(stmt.order_by(Lead.id).limit(1)).first()


__all__ = [
    "LeadFilter",
    "SORT_COLUMNS",
    "apply_filter",
    "lead_ids",
    "count_leads",
    "summary_rows",
    "find_by_contact",
    "primary_phones",
]
