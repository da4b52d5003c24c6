"""Demo cases: the case behind each demo lead, as far as its status says the work has come, so the
case tabs, the dashboard and Today have something real to show (`medtour demo`).

A qualified lead has records requested; from "records received" on, its offer's records are in
(most accepted, some with a small demo file); from "medical review" on, consent to share with the
offer's hospital and a review sent; from "quote sent" on, the hospital's answer and a chosen quote;
from "booked" on, a companion, passport details and a schedule. A lead whose program no partner
offers goes no further than "medical review" (the demo marks it not eligible instead). Rows are
written in bulk inside the demo's transaction; the figures come from the catalogue's offers.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.case_file import CASE_EVENT_KIND
from app.domain.catalogue import Catalogue, Offer
from app.domain.journey_dates import planned_stages, planned_tasks
from app.domain.pipeline import MAIN_PATH, Status
from db.case_models import (
    CaseDocument,
    CaseFile,
    CasePerson,
    DocumentContent,
    MedicalReview,
    Quote,
    RecordItem,
    ScheduleItem,
    SharingConsent,
    TravelDocument,
)
from db.models import Interaction, Lead

__all__ = ["DEMO_DOCUMENT_NOTE", "fill_demo_cases", "offer_for_program"]

DEMO_DOCUMENT_NOTE = "Demo file: not a medical record"
#: (relation, decides): named from the country's men's or women's given names to match.
_MEN = (("son", True), ("brother", False), ("husband", True))
_WOMEN = (("daughter", True), ("sister", False), ("wife", True))


def _stage(status: str) -> int:
    """How far along the main path a status is (exits: -1)."""
    try:
        return MAIN_PATH.index(Status(status))
    except ValueError:
        return -1


def offer_for_program(catalogue: Catalogue, program: str | None) -> Offer | None:
    """The first offer (catalogue order) of `program`, approved products first."""
    offers = [o for o in catalogue.offers.values() if o.program == program]
    offers.sort(key=lambda o: o.approval != "approved")
    return offers[0] if offers else None


def _demo_pdf(title: str) -> bytes:
    """A one-page PDF saying what it is (so opening one in the demo shows a real file)."""
    text = f"{title} - {DEMO_DOCUMENT_NOTE}".encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text.replace(b"(", b"[").replace(b")", b"]") + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _midpoint(offer: Offer) -> list[dict[str, str]]:
    return [{"item": i.item, "amount": str(((i.low + i.high) / 2).quantize(Decimal("1")))} for i in offer.medical]


def fill_demo_cases(session: Session, catalogue: Catalogue, *, first_id: int, now: datetime, seed: int,
                    companion_names: Mapping[str, Sequence[str]], gendered_surnames: frozenset[str] = frozenset(),
                    women_names: Mapping[str, Sequence[str]] | None = None) -> int:
    """Fill the cases of the demo leads with ids from `first_id`; returns how many cases were made.
    `companion_names` gives, by country code, given names to name the companions with; in the
    countries of `gendered_surnames` a companion is named by the given name alone (the patient's
    family name may not be theirs in that form). `women_names`, by country, names the daughters,
    sisters and wives (men's names the sons, brothers and husbands)."""
    women_names = women_names or {}
    rng = random.Random(seed * 7_919 + 17)
    leads = session.execute(select(Lead.id, Lead.status, Lead.program, Lead.country, Lead.full_name, Lead.coordinator_id,
                                   Lead.inquiry_at).where(Lead.id >= first_id).order_by(Lead.id)).all()
    rows: dict[type, list[dict[str, Any]]] = {}

    def add(model: type, **values: Any) -> None:
        rows.setdefault(model, []).append(values)

    def event(lead_id: int, when: datetime, name: str, notes: str, coordinator: int | None, **details: Any) -> None:
        """A case step on the lead's History, as app.domain.case_file.case_event records it."""
        moment = min(when, now)
        add(Interaction, lead_id=lead_id, kind=CASE_EVENT_KIND, direction=None, occurred_at=moment, duration_seconds=None,
            outcome=None, notes=notes, coordinator_id=coordinator, follow_up_at=None,
            details={"event": name, **details}, created_at=moment)

    documents: list[tuple[dict[str, Any], bytes]] = []
    made = 0
    today = now.date()
    for lead_id, status, program, country, name, coordinator, inquiry_at in leads:
        stage = _stage(status)
        offer = offer_for_program(catalogue, program)
        if offer is None:
            stage = min(stage, MAIN_PATH.index(Status.MEDICAL_REVIEW))
        if stage < MAIN_PATH.index(Status.QUALIFIED) and status != Status.NOT_ELIGIBLE.value:
            continue
        made += 1
        opened = max(inquiry_at, now - timedelta(days=60))
        add(CaseFile, lead_id=lead_id, clinical_flags=[], arrival_on=None, created_at=opened, updated_at=now)
        records = offer.records if offer else ("pathology_report", "treatment_history", "blood_tests", "passport_copy")
        for position, key in enumerate(records):
            if stage <= MAIN_PATH.index(Status.QUALIFIED) or status == Status.NOT_ELIGIBLE.value:
                state = rng.choice(("missing", "requested", "requested", "received"))
            else:
                state = "accepted" if rng.random() < 0.8 else "received"
            if state == "missing":
                continue
            requested = opened + timedelta(days=1)
            add(RecordItem, lead_id=lead_id, item_key=key, label=None, state=state, requested_at=requested,
                requested_via=rng.choice(("whatsapp", "email")), received_at=requested + timedelta(days=3 + position)
                if state in ("received", "accepted") else None,
                accepted_at=requested + timedelta(days=5 + position) if state == "accepted" else None,
                changed_by=coordinator, note=None, updated_at=now)
            if state in ("received", "accepted") and position < 2:
                data = _demo_pdf(catalogue.record(key).label)
                documents.append((dict(lead_id=lead_id, item_key=key, kind="file", filename=f"{key}.pdf",
                                       media_type="application/pdf", size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                                       link=None, note=DEMO_DOCUMENT_NOTE, added_by=coordinator,
                                       added_at=requested + timedelta(days=3)), data))
        if offer is None or stage < MAIN_PATH.index(Status.MEDICAL_REVIEW):
            if status == Status.NOT_ELIGIBLE.value and offer is not None:
                add(MedicalReview, lead_id=lead_id, hospital_key=offer.hospital, sent_at=opened + timedelta(days=8),
                    bundle_sha256=hashlib.sha256(f"demo-{lead_id}".encode()).hexdigest(), deidentified=False,
                    verdict="not_eligible", offer_key=None, product=None, approval_status=None, registry_number=None,
                    doctor=None, notes="Performance status too low for lymphodepletion.",
                    answered_at=opened + timedelta(days=12), recorded_by=coordinator, created_at=opened + timedelta(days=8))
            continue
        hospital = catalogue.hospitals[offer.hospital]
        sent = opened + timedelta(days=10)
        add(SharingConsent, lead_id=lead_id, hospital_key=hospital.key, country=hospital.country,
            method="Signed consent form (demo)", given_at=sent - timedelta(days=1), withdrawn_at=None, recorded_by=coordinator)
        event(lead_id, sent - timedelta(days=1), "sharing_consent_given",
              f"Consent to share records with {hospital.name} ({hospital.country}): signed consent form", coordinator,
              hospital=hospital.key)
        bundle = hashlib.sha256(f"demo-{lead_id}".encode()).hexdigest()
        event(lead_id, sent, "bundle_made", f"Review bundle for {hospital.name} (sha256 {bundle[:12]}…)", coordinator,
              hospital=hospital.key, sha256=bundle)
        answered = stage >= MAIN_PATH.index(Status.QUOTE_SENT)
        doctor = hospital.doctors[0].name if hospital.doctors else None
        add(MedicalReview, lead_id=lead_id, hospital_key=hospital.key, sent_at=sent,
            bundle_sha256=hashlib.sha256(f"demo-{lead_id}".encode()).hexdigest(), deidentified=rng.random() < 0.2,
            verdict="eligible" if answered else None, offer_key=offer.key if answered else None,
            product=offer.product if answered else None, approval_status=offer.approval if answered else None,
            registry_number=offer.registry if answered else None, doctor=doctor if answered else None,
            notes="Eligible on the records sent; final decision after the evaluation in person." if answered else None,
            answered_at=sent + timedelta(days=6) if answered else None, recorded_by=coordinator, created_at=sent)
        if not answered:
            continue
        event(lead_id, sent + timedelta(days=6), "review_answered", f"{hospital.name}: eligible for {offer.product}",
              coordinator, hospital=hospital.key, verdict="eligible", offer=offer.key)
        event(lead_id, sent + timedelta(days=9), "quote_chosen", f"Quote from {hospital.name} chosen ({offer.currency})",
              coordinator, hospital=hospital.key, offer=offer.key)
        add(Quote, lead_id=lead_id, review_id=None, hospital_key=hospital.key, offer_key=offer.key, currency=offer.currency,
            items=_midpoint(offer), valid_until=today + timedelta(days=rng.randrange(10, 60)),
            deposit=Decimal(5000) if offer.currency == "USD" else Decimal(35000), notes=None,
            chosen_at=sent + timedelta(days=9), created_by=coordinator, created_at=sent + timedelta(days=6))
        if stage < MAIN_PATH.index(Status.BOOKED):
            continue
        arrival = _arrival(rng, status, today, offer)
        rows[CaseFile][-1]["arrival_on"] = arrival
        women = list(women_names.get(country or "", ()))
        female = bool(women) and rng.random() < 0.5
        relation, decides = rng.choice(_WOMEN if female else _MEN)
        given = rng.choice(women if female else list(companion_names.get(country or "", ())) or ["Companion"])
        family = name.split()[-1] if " " in name and country not in gendered_surnames else ""
        add(CasePerson, lead_id=lead_id, position=0, name=f"{given} {family}".strip(), relation=relation, phones=[],
            email=None, language=None, decides=decides, travels=True, notes=None, created_at=sent)
        born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
        add(TravelDocument, lead_id=lead_id, person_id=None, full_name=None, date_of_birth=born,
            nationality=country, passport_number=f"DEMO{rng.randrange(10**6, 10**7)}",
            passport_expiry=arrival + timedelta(days=365 * 3), updated_at=now)
        event(lead_id, sent + timedelta(days=12), "schedule_planned",
              f"Schedule planned from {offer.key}: arrival {arrival:%d %b %Y}", coordinator,
              offer=offer.key, hospital=hospital.key, arrival=arrival.isoformat(), arrival_time=None)
        for position, (kind, key, starts, ends) in enumerate([*planned_stages(offer, arrival), *planned_tasks(arrival)]):
            add(ScheduleItem, lead_id=lead_id, kind=kind, key=key, label=None, starts_on=starts, ends_on=ends, edited=False,
                done_at=now if starts < today and kind == "task" else None, position=position)
    _write(session, rows, documents)
    return made


def _arrival(rng: random.Random, status: str, today: date, offer: Offer) -> date:
    weeks = offer.stay_weeks
    if status == Status.BOOKED.value:
        return today + timedelta(days=rng.randrange(21, 70))
    if status == Status.IN_TREATMENT.value:
        return today - timedelta(days=rng.randrange(3, weeks * 7))
    return today - timedelta(days=rng.randrange(weeks * 7 + 14, weeks * 7 + 200))


def _write(session: Session, rows: dict[type, list[dict[str, Any]]], documents: list[tuple[dict[str, Any], bytes]]) -> None:
    people = rows.pop(CasePerson, [])
    travel = rows.pop(TravelDocument, [])
    for model in (CaseFile, RecordItem, SharingConsent, MedicalReview, Quote, ScheduleItem, Interaction):
        batch = rows.get(model, [])
        for start in range(0, len(batch), 2000):
            session.execute(insert(model), batch[start:start + 2000])
    if people:
        session.execute(insert(CasePerson), people)
    if travel:
        session.execute(insert(TravelDocument), travel)
    for values, data in documents:
        document_id = session.execute(insert(CaseDocument).returning(CaseDocument.id), [values]).scalar_one()
        session.execute(insert(DocumentContent), [dict(document_id=document_id, lead_id=values["lead_id"], data=data)])
