"""Consent per purpose: what the patient agreed to, when, how, and against which text.

Three purposes, each a consent of its own that can be given and withdrawn:

    health_data   storing the diagnosis and medical records (the lead's `consent_health_data`,
                  `consent_at` and `consent_method` are its current state; app.domain.consent's
                  warning reads them)
    sharing       sending the records to one named hospital in its country (app.domain.sharing_consent;
                  a review bundle needs it)
    marketing     news of treatment options and the agency's services

The texts a patient is shown live in resources/content/consent.toml, each with a version; a consent
records the version it answered. Giving and withdrawing are on the lead's timeline. Withdrawing stops
what depended on it: without the health-data consent no medical file is attached and no review bundle
is made (`require_health_data_consent`); without the sharing consent, no bundle for that hospital.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import paths
from app.domain.case_file import case_event, case_lead
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.domain.leads import quote_one_line
from db.case_models import PurposeConsent
from db.engine import Database
from db.models import Lead

__all__ = ["PURPOSES", "ConsentGiven", "ConsentText", "PurposeConsentRecord", "consent_given", "consent_text",
           "give_consent", "health_data_withdrawn", "list_purpose_consents", "require_health_data_consent", "withdraw_purpose_consent"]

#: The purposes recorded here (sharing is app.domain.sharing_consent's), with their words.
PURPOSES: dict[str, str] = {"health_data": "storing health data", "marketing": "marketing messages"}
SHARING = "sharing"
MAX_METHOD = 500


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    version: str
    label: str
    texts: dict[str, str]

    def text(self, language: str | None) -> str:
        return self.texts.get((language or "en")[:2], self.texts["en"])


@lru_cache(maxsize=4)
def _texts(folder: Path) -> dict[str, ConsentText]:
    with (folder / "consent.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {purpose: ConsentText(purpose, str(entry["version"]), str(entry["label"]),
                                 {k: str(v) for k, v in entry.items() if k not in ("version", "label")})
            for purpose, entry in data.items()}


def consent_text(purpose: str) -> ConsentText:
    """The current text (and version) shown for `purpose` (health_data, marketing, sharing)."""
    texts = _texts(paths.content_dir())
    if purpose not in texts:
        raise ValidationError(f"'{purpose}' is not a consent purpose: use {', '.join(sorted(texts))}")
    return texts[purpose]


@dataclass(frozen=True)
class ConsentGiven:
    """How, when and against which text a consent was given, checked: the one rule every consent keeps."""

    method: str
    given_at: datetime
    text_version: str
    now: datetime


def consent_given(purpose: str, method: str, *, given_at: datetime | None, text_version: str | None,
                  clock: Clock) -> ConsentGiven:
    """ValidationError unless `method` says how and `given_at` is not in the future; the text version
    defaults to the current one of `purpose`."""
    how = quote_one_line((method or "").strip(), MAX_METHOD) if (method or "").strip() else ""
    if not how:
        raise ValidationError("say how the consent was given (e.g. 'web form', 'signed form', 'WhatsApp message', "
                              "'recorded call')")
    now = clock()
    when = given_at or now
    if when > now:
        raise ValidationError("a consent cannot be given in the future")
    return ConsentGiven(how, when, (text_version or "").strip()[:40] or consent_text(purpose).version, now)


def _purpose(purpose: str) -> str:
    value = (purpose or "").strip().lower().replace("-", "_")
    if value not in PURPOSES:
        raise ValidationError(f"'{purpose}' is not a consent purpose: use {', '.join(PURPOSES)} "
                              "(or 'consent share --hospital H' for sharing with a hospital)")
    return value


@dataclass(frozen=True)
class PurposeConsentRecord:
    id: int
    purpose: str
    method: str
    text_version: str | None
    given_at: datetime
    withdrawn_at: datetime | None

    @property
    def valid(self) -> bool:
        return self.withdrawn_at is None


def _record(row: PurposeConsent) -> PurposeConsentRecord:
    return PurposeConsentRecord(row.id, row.purpose, row.method, row.text_version, row.given_at, row.withdrawn_at)


def _in_force(session: Session, lead: Lead, purpose: str) -> list[PurposeConsent]:
    return list(session.scalars(select(PurposeConsent).where(
        PurposeConsent.lead_id == lead.id, PurposeConsent.purpose == purpose, PurposeConsent.withdrawn_at.is_(None))))


def give_consent(db: Database, key: int | str, purpose: str, *, method: str, text_version: str | None = None,
                 given_at: datetime | None = None, actor_id: int | None = None, clock: Clock = utc_now) -> PurposeConsentRecord:
    """Record the patient's consent for `purpose`, given by `method`, against `text_version` (default:
    the current text's). The health-data consent also becomes the lead's current consent."""
    purpose = _purpose(purpose)
    given = consent_given(purpose, method, given_at=given_at, text_version=text_version, clock=clock)
    how, when, version, now = given.method, given.given_at, given.text_version, given.now
    with db.write() as session:
        lead = case_lead(session, key)
        row = PurposeConsent(lead_id=lead.id, purpose=purpose, method=how, text_version=version, given_at=when,
                             recorded_by=actor_id)
        session.add(row)
        if purpose == "health_data":
            lead.consent_health_data = True
            lead.consent_at = when
            lead.consent_method = how
        session.flush()
        event = case_event(session, lead, "consent_given", f"Consent to {PURPOSES[purpose]} recorded ({how}; text {version})",
                           now=now, actor_id=actor_id,
                           details={"purpose": purpose, "method": how, "text_version": version, "consent_id": row.id})
        row.recorded_by = event.coordinator_id
        session.flush()
        return _record(row)


def withdraw_purpose_consent(db: Database, key: int | str, purpose: str, *, actor_id: int | None = None,
                             clock: Clock = utc_now) -> list[PurposeConsentRecord]:
    """Withdraw the consent for `purpose`; ValidationError when none is in force. Withdrawing the
    health-data consent clears the lead's consent (the editor then asks to remove the health data)."""
    purpose = _purpose(purpose)
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        rows = _in_force(session, lead, purpose)
        legacy = purpose == "health_data" and lead.consent_health_data  # ticked in the editor, before this table
        if not rows and not legacy:
            raise ValidationError(f"{lead.reference} has no consent to {PURPOSES[purpose]} in force")
        if not rows:  # the editor's consent: recorded here so its withdrawal is kept
            rows = [PurposeConsent(lead_id=lead.id, purpose=purpose, method=lead.consent_method or "recorded on the lead",
                                   given_at=lead.consent_at or lead.created_at, recorded_by=None)]
            session.add(rows[0])
        for row in rows:
            row.withdrawn_at = now
        if purpose == "health_data":
            lead.consent_health_data = False
        session.flush()
        stops = (" — no medical file may be attached and no review bundle made; remove the health data or record "
                 "a new consent") if purpose == "health_data" else ""
        case_event(session, lead, "consent_withdrawn", f"Consent to {PURPOSES[purpose]} withdrawn{stops}", now=now,
                   actor_id=actor_id, details={"purpose": purpose, "consent_ids": [r.id for r in rows]})
        session.flush()
        return [_record(r) for r in rows]


def health_data_withdrawn(session: Session, lead: Lead) -> bool:
    """True when the patient withdrew the consent to store health data and gave none since."""
    newest = session.scalars(select(PurposeConsent).where(PurposeConsent.lead_id == lead.id,
                                                          PurposeConsent.purpose == "health_data")
                             .order_by(PurposeConsent.given_at.desc(), PurposeConsent.id.desc()).limit(1)).first()
    return newest is not None and newest.withdrawn_at is not None and not lead.consent_health_data


def require_health_data_consent(session: Session, lead: Lead, action: str) -> None:
    """ValidationError when the health-data consent was withdrawn: `action` ("attach a medical file",
    "make a review bundle") depends on it."""
    if health_data_withdrawn(session, lead):
        raise ValidationError(f"{lead.reference} withdrew the consent to store health data: cannot {action}; "
                              "record a new consent first ('medtour consent give REF --purpose health_data --method …')")


def list_purpose_consents(db: Database, key: int | str) -> list[PurposeConsentRecord]:
    """Every health-data and marketing consent of the lead, newest first (withdrawn ones too)."""
    with db.read() as session:
        lead = case_lead(session, key)
        rows = session.scalars(select(PurposeConsent).where(PurposeConsent.lead_id == lead.id)
                               .order_by(PurposeConsent.given_at.desc(), PurposeConsent.id.desc()))
        return [_record(r) for r in rows]
