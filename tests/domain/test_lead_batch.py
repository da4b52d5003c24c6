"""The batch writer behind the import and the demo data."""
from __future__ import annotations

from sqlalchemy import select, update

from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_records import LeadInput
from db.models import Lead


def _add(db, clock, name: str, phone: str) -> str:
    with db.write() as session:
        writer = LeadBatchWriter(session, now=clock())
        result = writer.add(LeadInput(full_name=name, phones=[(phone, "mobile")]))
        writer.flush()
    return result.reference


def test_references_continue_past_99999(sqlite_db, clock):
    """Past 99,999 leads a year the reference grows a digit; the next one follows the largest number,
    not the largest text ('L-2026-99999' sorts after 'L-2026-100000')."""
    first = _add(sqlite_db, clock, "Anna Smirnova", "+7 916 123-45-67")
    second = _add(sqlite_db, clock, "Ivan Petrov", "+7 916 123-45-68")
    with sqlite_db.write() as session:
        session.execute(update(Lead).where(Lead.reference == first).values(reference="L-2026-99999"))
        session.execute(update(Lead).where(Lead.reference == second).values(reference="L-2026-100000"))
    assert _add(sqlite_db, clock, "Olga Volkova", "+7 916 123-45-69") == "L-2026-100001"
    with sqlite_db.read() as session:
        assert len(session.scalars(select(Lead.reference)).all()) == 3
