"""Finding leads: the one search box (names in any script, reference, email, phone digits) and
the list's filters. The list model, the CLI and the Today view all come through here."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.domain.lead_records import LeadSummary, summaries_from_rows
from app.domain.pipeline import parse_status
from app.domain.search_text import parse_query
from db.engine import Database
from db.lead_queries import LeadFilter, SummaryRow, count_leads, read_lead_ids, read_summary_records

SORT_KEYS = ("created", "reference", "name", "country", "status", "coordinator", "next_follow_up", "last_contact")


def make_filter(
    text: str | None = None,
    *,
    statuses: Sequence[str] = (),
    coordinator_id: int | None = None,
    country: str | None = None,
    source: str | None = None,
    follow_up_before: datetime | None = None,
) -> LeadFilter:
    query = parse_query(text)
    return LeadFilter(
        long_terms=query.long_terms,
        short_terms=query.short_terms,
        statuses=tuple(parse_status(s).value for s in statuses),
        coordinator_id=coordinator_id,
        country=country.upper() if country else None,
        source=source or None,
        follow_up_before=follow_up_before,
    )


def find_lead_ids(db: Database, flt: LeadFilter, *, sort: str = "created", descending: bool = True) -> list[int]:
    return read_lead_ids(db, flt, sort, descending)


def count(db: Database, flt: LeadFilter) -> int:
    with db.read() as session:
        return count_leads(session, flt)


def to_summary(row: SummaryRow) -> LeadSummary:
    lead, phone = row.lead, row.phone
    return LeadSummary(
        id=lead.id,
        reference=lead.reference,
        name=lead.full_name,
        latin_name=lead.latin_name,
        country=lead.country,
        language=lead.language,
        status=lead.status,
        email=lead.email,
        phone_e164=phone.e164 if phone else None,
        phone_raw=phone.raw if phone else None,
        timezone=lead.timezone,
        coordinator=row.coordinator_name,
        source=lead.source,
        next_follow_up=lead.next_follow_up,
        last_contact_at=lead.last_contact_at,
        first_contact_at=lead.first_contact_at,
        inquiry_at=lead.inquiry_at,
    )


def summaries(db: Database, ids: Sequence[int]) -> list[LeadSummary]:
    """Rows for `ids` in that order (one screenful at a time for the list)."""
    return summaries_from_rows(read_summary_records(db, ids))


def list_leads(
    db: Database, *, search: str | None = None, status: str | None = None, limit: int | None = None,
    sort: str = "created", descending: bool = True, coordinator_id: int | None = None,
) -> list[LeadSummary]:
    flt = make_filter(search, statuses=(status,) if status else (), coordinator_id=coordinator_id)
    ids = find_lead_ids(db, flt, sort=sort, descending=descending)
    if limit is not None:
        ids = ids[:limit]
    out: list[LeadSummary] = []
    for start in range(0, len(ids), 2000):
        out.extend(summaries(db, ids[start : start + 2000]))
    return out
