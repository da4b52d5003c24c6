"""Everything the case holds about a person, for the personal-data export (GDPR Art. 15 and 20):
each case table's rows of the lead, column by column, the documents described (name, type, size,
SHA-256) with their bytes left out of the JSON — the patient's own files, which the export names
so they can be asked for — and the read log of who opened them."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.case_models import (
    CaseDocument,
    CaseFile,
    CasePerson,
    DocumentRead,
    MedicalReview,
    PurposeConsent,
    Quote,
    RecordItem,
    ScheduleItem,
    SharingConsent,
    TravelDocument,
)

__all__ = ["CASE_EXPORT_SECTIONS", "case_data"]

#: JSON key → the table whose rows of the lead it lists (document bytes are never in the JSON).
CASE_EXPORT_SECTIONS: dict[str, Any] = {
    "case": CaseFile, "records": RecordItem, "documents": CaseDocument, "document_reads": DocumentRead,
    "sharing_consents": SharingConsent, "purpose_consents": PurposeConsent, "medical_reviews": MedicalReview, "quotes": Quote,
    "people": CasePerson, "travel_documents": TravelDocument, "schedule": ScheduleItem,
}


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def case_data(session: Session, lead_id: int) -> dict[str, list[dict[str, Any]]]:
    """The lead's case, section by section (an empty list where it has nothing)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, model in CASE_EXPORT_SECTIONS.items():
        columns = [c.key for c in model.__table__.columns if c.key != "lead_id"]
        rows = session.scalars(select(model).where(model.lead_id == lead_id).order_by(model.id))
        out[key] = [{name: _plain(getattr(row, name)) for name in columns} for row in rows]
    return out
