"""A case ready for review, shared by the review and quote tests (domain, CLI, GUI): a patient from
Russia with a Cyrillic name, phones and an email, passport details, and records — some accepted
(with their bytes in the database), one only received, one a link to imaging."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from db.case_models import CaseDocument, CaseFile, DocumentContent, RecordItem, TravelDocument
from db.engine import Database

NAME = "Иван Петрович Смирнов"
LATIN = "Ivan Smirnov"
PHONE = "+79161234567"
EMAIL = "ivan.smirnov@example.org"
PASSPORT = "753918246"
HOSPITAL = "shanghai_eastbank"
OTHER_HOSPITAL = "beijing_riverside"


@dataclass
class Case:
    reference: str
    lead_id: int
    documents: dict[str, int]


def document_bytes(label: str) -> bytes:
    """A small PDF-like file whose bytes carry no name, phone or email."""
    return (b"%PDF-1.4\n% clinical document: " + label.encode() + b"\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")


def make_case(db: Database, *, clock_now: datetime, budget_currency: str | None = None, country: str = "RU",
              coordinator_id: int | None = None, name: str = NAME, phone: str = PHONE, email: str = EMAIL) -> Case:
    created = create_lead(db, LeadInput(full_name=name, latin_name=LATIN if name == NAME else None,
                                        phones=[(phone, "mobile")], email=email,
                                        country=country, language="ru", diagnosis="Diffuse large B-cell lymphoma, relapsed",
                                        diagnosis_category="lymphoma", consent_health_data=True,
                                        consent_method="web form", budget_currency=budget_currency,
                                        coordinator_id=coordinator_id))
    documents: dict[str, int] = {}
    with db.write() as session:
        lead_id = created.lead_id
        session.add(CaseFile(lead_id=lead_id, clinical_flags=["active_infection"], created_at=clock_now,
                             updated_at=clock_now))
        session.add(TravelDocument(lead_id=lead_id, person_id=None, full_name="IVAN SMIRNOV",
                                   date_of_birth=date(1975, 3, 14), nationality="RU", passport_number=PASSPORT,
                                   passport_expiry=date(2031, 1, 1), updated_at=clock_now))
        states = {"pathology_report": "accepted", "pet_ct": "accepted", "blood_tests": "received",
                  "passport_copy": "accepted", "treatment_history": "accepted"}
        for key, state in states.items():
            session.add(RecordItem(lead_id=lead_id, item_key=key, state=state, updated_at=clock_now,
                                   note="R-CHOP x6, then R-ICE x2; relapse 2026-09" if key == "treatment_history" else None))
        files = {"pathology_report": f"Pathology {LATIN}.pdf", "blood_tests": "blood.pdf",
                 "passport_copy": f"passport {LATIN}.jpg", "treatment_history": "history.pdf"}
        for key, filename in files.items():
            data = document_bytes(key)
            doc = CaseDocument(lead_id=lead_id, item_key=key, kind="file", filename=filename,
                               media_type="application/pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                               added_at=clock_now)
            session.add(doc)
            session.flush()
            session.add(DocumentContent(document_id=doc.id, lead_id=lead_id, data=data))
            documents[key] = doc.id
        link = CaseDocument(lead_id=lead_id, item_key="pet_ct", kind="link", link="https://pacs.example/study/8842",
                            added_at=clock_now)
        session.add(link)
        session.flush()
        documents["pet_ct_link"] = link.id
    return Case(created.reference, created.lead_id, documents)
