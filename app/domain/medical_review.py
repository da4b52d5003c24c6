"""A partner hospital's review of the case: sent (a bundle, app.packets.review_bundle), then
answered — eligible / not eligible / needs more records — with the program it recommends (one of
that hospital's catalogue offers), the product and its approval status, the doctor, notes, and
optionally a quote (app.domain.quotes).

One row of medical_reviews per bundle sent; an answer fills the newest row still waiting for that
hospital, or (an answer that came without a bundle from the desk, or a second answer) a new row,
so every answer stays on record. Each step is on the timeline (app.domain.case_file.case_event).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.case_records import record_checklist, request_records, send_back
from app.domain.catalogue import APPROVAL_STATES, Catalogue, Hospital, Offer, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.domain.exchange_rates import ExchangeRates, load_rates
from app.domain.leads import quote_one_line
from app.domain.quotes import QuoteLine, add_quote_in, parse_amount
from db.case_models import MedicalReview, Quote
from db.engine import Database

__all__ = ["VERDICTS", "QuoteInput", "ReviewRecord", "list_reviews", "record_answer"]

#: A hospital's answer, with the words the desk shows.
VERDICTS: dict[str, str] = {"eligible": "Eligible", "not_eligible": "Not eligible", "needs_more": "Needs more records"}
MAX_NOTES = 4000


@dataclass(frozen=True)
class QuoteInput:
    """A quote that came with the answer."""

    currency: str
    lines: Sequence[QuoteLine]
    valid_until: date | None = None
    deposit: str | Decimal | None = None


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    hospital: str
    hospital_name: str
    sent_at: datetime | None
    bundle_sha256: str | None
    deidentified: bool
    verdict: str | None
    offer: str | None
    product: str | None
    approval_status: str | None
    registry_number: str | None
    doctor: str | None
    notes: str | None
    answered_at: datetime | None
    quote_ids: tuple[int, ...] = ()

    @property
    def verdict_label(self) -> str:
        return VERDICTS.get(self.verdict or "", "Waiting for the answer" if self.sent_at else "Not sent")

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "hospital": self.hospital, "hospital_name": self.hospital_name, "sent_at": self.sent_at,
                "bundle_sha256": self.bundle_sha256, "deidentified": self.deidentified, "verdict": self.verdict,
                "offer": self.offer, "product": self.product, "approval_status": self.approval_status,
                "registry_number": self.registry_number, "doctor": self.doctor, "notes": self.notes,
                "answered_at": self.answered_at, "quotes": list(self.quote_ids)}


def _record(row: MedicalReview, catalogue: Catalogue, quote_ids: Sequence[int] = ()) -> ReviewRecord:
    hospital = catalogue.hospitals.get(row.hospital_key)
    return ReviewRecord(row.id, row.hospital_key, hospital.name if hospital else row.hospital_key, row.sent_at,
                        row.bundle_sha256, bool(row.deidentified), row.verdict, row.offer_key, row.product,
                        row.approval_status, row.registry_number, row.doctor, row.notes, row.answered_at,
                        tuple(quote_ids))


def _offer(catalogue: Catalogue, hospital: Hospital, key: str | None) -> Offer | None:
    if not key:
        return None
    offer = catalogue.offer(key)
    if offer.hospital != hospital.key:
        theirs = ", ".join(o.key for o in catalogue.offers_of(hospital.key)) or "none"
        raise ValidationError(f"offer '{key}' is not {hospital.name}'s; theirs: {theirs}")
    return offer


def _doctor(hospital: Hospital, text: str | None) -> str | None:
    """One of the hospital's doctors by name (English or local, case-insensitive), else the text."""
    wanted = (text or "").strip()
    if not wanted:
        return None
    folded = wanted.casefold()
    for doctor in hospital.doctors:
        names = {doctor.name.casefold(), (doctor.local_name or "").casefold()}
        if folded in names or folded in {n.removeprefix("dr ").strip() for n in names}:
            return doctor.name
    return quote_one_line(wanted, 200)


def _record_keys(catalogue: Catalogue, keys: Sequence[str]) -> list[str]:
    found = []
    for key in keys:
        wanted = key.strip()
        if not wanted:
            continue
        match = next((r.key for r in catalogue.records.values()
                      if wanted in (r.key,) or wanted.casefold() == r.label.casefold()), None)
        if match is None:
            known = ", ".join(catalogue.records) or "none"
            raise ValidationError(f"no record item '{wanted}' in the catalogue; there are: {known}")
        if match not in found:
            found.append(match)
    return found


def record_answer(db: Database, key: int | str, hospital: str, *, verdict: str, request_again: Sequence[str] = (),
                  actor_id: int | None = None, clock: Clock = utc_now, **answer: Any) -> ReviewRecord:
    """Record `hospital`'s answer (see `_record_answer` for what it takes). With needs_more, the
    records it asks for (`request_again`) go back on the checklist: an item still outstanding is
    requested, one already received or accepted is sent back to be sent again."""
    record = _record_answer(db, key, hospital, verdict=verdict, request_again=request_again, actor_id=actor_id,
                            clock=clock, **answer)
    if request_again:
        name = current_catalogue(db, clock=clock).hospital(hospital).name
        for item_key in _record_keys(current_catalogue(db, clock=clock), request_again):
            item = record_checklist(db, key).item(item_key)
            if item.outstanding:
                request_records(db, key, [item.key], note=f"{name} asked for it (needs more)", actor_id=actor_id,
                                clock=clock)
            else:
                send_back(db, key, item.key, f"{name} asked for it again (needs more)", actor_id=actor_id, clock=clock)
    return record


def _record_answer(db: Database, key: int | str, hospital: str, *, verdict: str, offer: str | None = None,
                  product: str | None = None, approval: str | None = None, registry: str | None = None,
                  doctor: str | None = None, notes: str | None = None, request_again: Sequence[str] = (),
                  quote: QuoteInput | None = None, actor_id: int | None = None, clock: Clock = utc_now,
                  rates: ExchangeRates | None = None) -> ReviewRecord:
    """Record `hospital`'s answer. The product, approval status and registry number default to the
    recommended offer's. `request_again` (needs_more) names the record items the hospital asks for."""
    if verdict not in VERDICTS:
        raise ValidationError(f"the verdict is one of {', '.join(VERDICTS)}, not '{verdict}'")
    catalogue = current_catalogue(db, clock=clock)
    chosen = catalogue.hospital(hospital)
    recommended = _offer(catalogue, chosen, offer)
    status = (approval or "").strip() or (recommended.approval if recommended else None)
    if status is not None and status not in APPROVAL_STATES:
        raise ValidationError(f"the approval status is one of {', '.join(APPROVAL_STATES)}, not '{status}'")
    number = (registry or "").strip() or (recommended.registry if recommended and status == recommended.approval else None)
    if status == "clinical_trial" and not number:
        raise ValidationError("a clinical trial names its registry number (--registry, e.g. NCT01234567)")
    again = _record_keys(catalogue, request_again)
    if again and verdict != "needs_more":
        raise ValidationError("records are asked for again only with the verdict needs_more")
    text = (notes or "").strip()
    if again:
        asked = "; ".join(catalogue.record(k).label for k in again)
        text = (text + "\n" if text else "") + f"Records asked for again: {asked}"
    if len(text) > MAX_NOTES:
        raise ValidationError(f"the notes are longer than {MAX_NOTES:,} characters")
    if quote is not None:
        rates = rates or load_rates()
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        ensure_case(session, lead, now)
        row = session.scalars(select(MedicalReview).where(
            MedicalReview.lead_id == lead.id, MedicalReview.hospital_key == chosen.key, MedicalReview.verdict.is_(None))
            .order_by(MedicalReview.created_at.desc(), MedicalReview.id.desc()).limit(1)).first()
        if row is None:
            row = MedicalReview(lead_id=lead.id, hospital_key=chosen.key, deidentified=False, created_at=now)
            session.add(row)
        row.verdict = verdict
        row.offer_key = recommended.key if recommended else None
        row.product = (product or "").strip() or (recommended.product if recommended else None)
        row.approval_status = status
        row.registry_number = number
        row.doctor = _doctor(chosen, doctor)
        row.notes = text or None
        row.answered_at = now
        session.flush()
        words = f"{chosen.name}: {VERDICTS[verdict].lower()}"
        if recommended:
            words += f", recommends {recommended.program} ({APPROVAL_STATES.get(status or '', status)})"
        if row.doctor:
            words += f" — {row.doctor}"
        event = case_event(session, lead, "review_answered", words, now=now, actor_id=actor_id,
                           details={"review_id": row.id, "hospital": chosen.key, "verdict": verdict,
                                    "offer": row.offer_key, "approval": status, "registry": number,
                                    "request_again": again})
        row.recorded_by = event.coordinator_id
        quote_ids: list[int] = []
        if quote is not None and rates is not None:
            deposit = parse_amount(quote.deposit, "the deposit") if quote.deposit not in (None, "") else None
            made = add_quote_in(session, lead, catalogue, rates, hospital=chosen.key, currency=quote.currency,
                                lines=quote.lines, valid_until=quote.valid_until,
                                deposit=deposit, offer=row.offer_key, review_id=row.id, now=now, actor_id=actor_id)
            quote_ids.append(made.id)
        session.flush()
        return _record(row, catalogue, quote_ids)


def list_reviews(db: Database, key: int | str) -> list[ReviewRecord]:
    """Every review of the case, oldest first, with the quotes that came with each."""
    catalogue = current_catalogue(db)
    with db.read() as session:
        lead = case_lead(session, key)
        rows = list(session.scalars(select(MedicalReview).where(MedicalReview.lead_id == lead.id)
                                    .order_by(MedicalReview.created_at, MedicalReview.id)))
        quotes: dict[int, list[int]] = {}
        for review_id, quote_id in session.execute(select(Quote.review_id, Quote.id).where(
                Quote.lead_id == lead.id, Quote.review_id.is_not(None)).order_by(Quote.id)):
            if review_id is not None:
                quotes.setdefault(review_id, []).append(quote_id)
        return [_record(r, catalogue, quotes.get(r.id, ())) for r in rows]
