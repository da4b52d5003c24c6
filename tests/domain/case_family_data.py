"""Leads, quotes and people the family/schedule tests share."""
from __future__ import annotations

from datetime import UTC, datetime

from app.domain.case_file import case_lead
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from db.case_models import Quote
from db.engine import Database

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
