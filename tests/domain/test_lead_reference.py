"""Lead numbering: one rule for a single new lead and for the batch writer (import, demo)."""
from __future__ import annotations

from sqlalchemy import select, update

from app.domain import lead_reference
from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from db.models import Lead


def _single(db, clock, name: str, phone: str) -> str:
    return create_lead(db, LeadInput(full_name=name, phones=[(phone, "mobile")]), clock=clock).reference


def _batch(db, clock, *people: tuple[str, str]) -> list[str]:
    with db.write() as session:
        writer = LeadBatchWriter(session, now=clock())
        results = [writer.add(LeadInput(full_name=name, phones=[(phone, "mobile")])) for name, phone in people]
        writer.flush()
    return [r.reference for r in results]


def _renumber(db, old: str, new: str) -> None:
    with db.write() as session:
        session.execute(update(Lead).where(Lead.reference == old).values(reference=new))


def test_references_continue_past_99999_on_both_paths(db, clock):
    """Once a year holds L-2026-99999 and L-2026-100000 (which sorts *before* it as text), the next
    lead follows the greatest number, whether it comes from the editor or from an import."""
    first = _single(db, clock, "Anna Smirnova", "+7 916 123-45-67")
    second = _batch(db, clock, ("Ivan Petrov", "+7 916 123-45-68"))[0]
    assert (first, second) == ("L-2026-00001", "L-2026-00002")
    _renumber(db, first, "L-2026-99999")
    _renumber(db, second, "L-2026-100000")

    assert _single(db, clock, "Olga Volkova", "+7 916 123-45-69") == "L-2026-100001"
    assert _batch(db, clock, ("Petr Ivanov", "+7 916 123-45-70"), ("Maria Orlova", "+7 916 123-45-71")) == [
        "L-2026-100002", "L-2026-100003"]
    assert _single(db, clock, "Daria Kozlova", "+7 916 123-45-72") == "L-2026-100004"
    with db.read() as session:
        assert len(set(session.scalars(select(Lead.reference)))) == 6


def test_each_year_is_numbered_on_its_own(db, clock):
    _single(db, clock, "Anna Smirnova", "+7 916 123-45-67")
    _renumber(db, "L-2026-00001", "L-2025-123456")
    assert _single(db, clock, "Ivan Petrov", "+7 916 123-45-68") == "L-2026-00001"
    with db.read() as session:
        assert lead_reference.last_reference_number(session, 2025) == 123456
        assert lead_reference.last_reference_number(session, 2024) == 0


def test_both_paths_number_through_the_one_rule(sqlite_db, clock, monkeypatch):
    """create_lead and the batch writer both ask lead_reference for the next number."""
    asked: list[int] = []
    real = lead_reference.last_reference_number

    def spy(session, year):
        asked.append(year)
        return real(session, year) + 500

    monkeypatch.setattr(lead_reference, "last_reference_number", spy)
    assert _single(sqlite_db, clock, "Anna Smirnova", "+7 916 123-45-67") == "L-2026-00501"
    assert _batch(sqlite_db, clock, ("Ivan Petrov", "+7 916 123-45-68")) == ["L-2026-01002"]
    assert asked == [2026, 2026]
