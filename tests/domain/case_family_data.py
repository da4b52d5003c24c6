"""Leads, quotes and people the family/schedule tests share."""
from __future__ import annotations

from datetime import UTC, datetime

from app.domain.case_file import case_lead
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from db.case_models import Quote
from db.engine import Database
from db.models import Coordinator

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def make_lead(db: Database, *, name: str = "Айгерим Нурланова", latin: str | None = "Aigerim Nurlanova",
              country: str = "KZ", language: str = "ru", timezone: str | None = "Asia/Almaty", companions: int = 0,
              coordinator_id: int | None = None, phone: str = "+7 701 123 4567") -> str:
    created = create_lead(db, LeadInput(full_name=name, latin_name=latin, country=country, language=language,
                                        timezone=timezone, companions=companions, phones=[(phone, "mobile")],
                                        coordinator_id=coordinator_id), clock=lambda: NOW)
    return created.reference


def choose_quote(db: Database, reference: str, offer_key: str = "riverside_b_all",
                 hospital_key: str = "beijing_riverside") -> int:
    """A chosen quote for the lead (the review-and-quotes part writes these; tests write the row)."""
    with db.write() as session:
        lead = case_lead(session, reference)
        quote = Quote(lead_id=lead.id, hospital_key=hospital_key, offer_key=offer_key, currency="USD",
                      items=[{"item": "manufacturing", "amount": "38000"}], chosen_at=NOW, created_at=NOW)
        session.add(quote)
        session.flush()
        return quote.id


def make_signer(db: Database) -> None:
    """A real person working, to sign letters: `medtour profile set` on a solo file; on a server
    database without logins, the default row is the first real person."""
    from app.domain.leads import ensure_default_coordinator
    from app.domain.profiles import ProfileInput, set_profile

    ensure_default_coordinator(db)
    if db.is_sqlite:
        set_profile(db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example", phone="+86 138 0013 8000"))
        return
    with db.write() as session:
        session.query(Coordinator).update({"is_default": False})
        session.add(Coordinator(name="Anna Lee", email="anna.lee@medtourdesk.example", phone="+8613800138000",
                                is_default=True, created_at=NOW))
