"""The patient's consent to share their records with one partner hospital abroad.

Sending health data to a hospital in a country without an adequacy decision rests on the
patient's explicit consent to that transfer, informed of its risks (GDPR Art. 49(1)(a)). So a
consent names its recipient — the hospital (its catalogue key) and the hospital's country — and
how and when it was given; it may be withdrawn. A review bundle for a hospital is made only while a
consent naming that hospital and that country is in force (`require_consent`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.catalogue import Catalogue, Hospital, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.consent_purposes import consent_given
from app.domain.countries import country_name
from app.domain.errors import ValidationError
from db.case_models import SharingConsent
from db.engine import Database
from db.models import Lead

__all__ = ["ConsentRecord", "consent_for", "list_consents", "record_consent", "refusal", "require_consent",
           "withdraw_consent"]

#: The legal basis a consent records, in the words the refusal and the timeline use.
LEGAL_BASIS = "GDPR Art. 49(1)(a): explicit consent to a transfer abroad"
MAX_METHOD = 500


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    hospital: str  # catalogue key
    hospital_name: str
    country: str
    method: str
    given_at: datetime
    withdrawn_at: datetime | None
    recorded_by: int | None
    text_version: str | None = None

    @property
    def valid(self) -> bool:
        return self.withdrawn_at is None


def _record(row: SharingConsent, catalogue: Catalogue | None) -> ConsentRecord:
    hospital = catalogue.hospitals.get(row.hospital_key) if catalogue else None
    return ConsentRecord(row.id, row.hospital_key, hospital.name if hospital else row.hospital_key, row.country,
                         row.method, row.given_at, row.withdrawn_at, row.recorded_by, row.text_version)


def _where(hospital: Hospital) -> str:
    return f"{hospital.name} ({country_name(hospital.country) or hospital.country})"


def consent_for(session: Session, lead: Lead, hospital: Hospital) -> SharingConsent | None:
    """The consent in force naming `hospital` and its country (the newest one), or None."""
    return session.scalars(
        select(SharingConsent)
        .where(SharingConsent.lead_id == lead.id, SharingConsent.hospital_key == hospital.key,
               SharingConsent.country == hospital.country, SharingConsent.withdrawn_at.is_(None))
        .order_by(SharingConsent.given_at.desc(), SharingConsent.id.desc()).limit(1)
    ).first()


def refusal(lead: Lead, hospital: Hospital) -> str:
    return (f"{lead.reference} has not consented to sharing records with {_where(hospital)}: record the consent "
            f"first ({LEGAL_BASIS}, naming the hospital and its country)")


def require_consent(session: Session, lead: Lead, hospital: Hospital) -> SharingConsent:
    """The consent in force for `hospital`; ValidationError in the words of the law otherwise."""
    found = consent_for(session, lead, hospital)
    if found is None:
        raise ValidationError(refusal(lead, hospital))
    return found


def record_consent(db: Database, key: int | str, hospital: str, *, method: str, given_at: datetime | None = None,
                   actor_id: int | None = None, clock: Clock = utc_now, text_version: str | None = None) -> ConsentRecord:
    """Record the patient's explicit consent to share with `hospital` (key or name), in the
    hospital's country, given by `method` ("signed form", "WhatsApp message", "recorded call"),
    against the consent text `text_version` (default: the current one, resources/content/consent.toml)."""

    catalogue = current_catalogue(db, clock=clock)
    chosen = catalogue.hospital(hospital)
    given = consent_given("sharing", method, given_at=given_at, text_version=text_version, clock=clock)
    how, when, version, now = given.method, given.given_at, given.text_version, given.now
    with db.write() as session:
        lead = case_lead(session, key)
        ensure_case(session, lead, now)
        row = SharingConsent(lead_id=lead.id, hospital_key=chosen.key, country=chosen.country, method=how,
                             given_at=when, recorded_by=actor_id, text_version=version)
        session.add(row)
        session.flush()
        event = case_event(session, lead, "sharing_consent_given",
                           f"Consent to share records with {_where(chosen)} recorded ({how})", now=now, actor_id=actor_id,
                           details={"hospital": chosen.key, "country": chosen.country, "method": how,
                                    "consent_id": row.id, "basis": LEGAL_BASIS, "text_version": version})
        row.recorded_by = event.coordinator_id
        session.flush()
        return _record(row, catalogue)


def withdraw_consent(db: Database, key: int | str, hospital: str, *, actor_id: int | None = None,
                     clock: Clock = utc_now) -> list[ConsentRecord]:
    """Withdraw every consent in force for `hospital`; ValidationError when there is none."""
    catalogue = current_catalogue(db, clock=clock)
    chosen = catalogue.hospital(hospital)
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        rows = list(session.scalars(select(SharingConsent).where(
            SharingConsent.lead_id == lead.id, SharingConsent.hospital_key == chosen.key,
            SharingConsent.withdrawn_at.is_(None))))
        if not rows:
            raise ValidationError(f"{lead.reference} has no consent in force to share records with {_where(chosen)}")
        for row in rows:
            row.withdrawn_at = now
        case_event(session, lead, "sharing_consent_withdrawn", f"Consent to share records with {_where(chosen)} withdrawn",
                   now=now, actor_id=actor_id, details={"hospital": chosen.key, "country": chosen.country,
                                                        "consent_ids": [r.id for r in rows]})
        session.flush()
        return [_record(r, catalogue) for r in rows]


def list_consents(db: Database, key: int | str) -> list[ConsentRecord]:
    """Every consent of the case, newest first (withdrawn ones included)."""
    catalogue = current_catalogue(db)
    with db.read() as session:
        lead = case_lead(session, key)
        rows = session.scalars(select(SharingConsent).where(SharingConsent.lead_id == lead.id)
                               .order_by(SharingConsent.given_at.desc(), SharingConsent.id.desc()))
        return [_record(r, catalogue) for r in rows]
