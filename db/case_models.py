"""The case a lead becomes: the shared catalogue of partner hospitals, and per lead its medical
records, reviews and quotes, family and travellers, and treatment schedule (migration 0008).

Every per-lead table carries `lead_id`, so team mode's row-level security lets a row follow its
lead (db.team_policies.CHILD_TABLES) and erasure finds every row of a person by it.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base
from db.types import UTCDateTime


class CatalogueRevision(Base):
    """One version of the partner catalogue (hospitals, doctors, their program offers, the shared
    travel costs). The newest revision is the catalogue; older ones say who changed what, when."""

    __tablename__ = "catalogue_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, unique=True)
    #: The whole catalogue, in the shape of the TOML files it imports from and exports to.
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: What changed, in words ("imported hospitals.toml", "Ruijin: 24/7 line").
    note: Mapped[str | None] = mapped_column(Text)


class CaseFile(Base):
    """The case's own facts, one row per lead once its case is opened."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), unique=True)
    #: Exclusions the eligibility rules test, as the coordinator or a review recorded them
    #: (e.g. ["active_cns_disease"]).
    clinical_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    arrival_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RecordItem(Base):
    """Where one checklist item of a case stands; an item with no row is still missing."""

    __tablename__ = "record_items"
    __table_args__ = (UniqueConstraint("lead_id", "item_key", name="uq_record_items_lead_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    #: The catalogue's record key (pathology_report, pet_ct, …) or "extra_<n>" for one added by hand.
    item_key: Mapped[str] = mapped_column(String(60))
    #: Only for items added by hand; catalogue items take their label from the catalogue.
    label: Mapped[str | None] = mapped_column(Text)
    #: missing / requested / received / accepted
    state: Mapped[str] = mapped_column(String(16), default="missing")
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requested_via: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CaseDocument(Base):
    """A file (or a link to large imaging) behind a case; its bytes are in DocumentContent."""

    __tablename__ = "case_documents"
    __table_args__ = (Index("ix_case_documents_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    #: The checklist item it answers (None: filed on the case without one).
    item_key: Mapped[str | None] = mapped_column(String(60))
    #: file / archive / link
    kind: Mapped[str] = mapped_column(String(16), default="file")
    filename: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    #: For kind "link": where the imaging lives (a hospital PACS share, a transfer service).
    link: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DocumentContent(Base):
    """A document's bytes, apart from its description so that listing a case never reads them."""

    __tablename__ = "document_contents"

    document_id: Mapped[int] = mapped_column(ForeignKey("case_documents.id", ondelete="CASCADE"), primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentRead(Base):
    """The read log: who opened, exported or bundled a medical document, and when."""

    __tablename__ = "document_reads"
    __table_args__ = (Index("ix_document_reads_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("case_documents.id", ondelete="SET NULL"))
    #: opened / exported / bundled / travel_details (a passport shown)
    purpose: Mapped[str] = mapped_column(String(20))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    #: The PostgreSQL login that read it (team mode), written by the server.
    login: Mapped[str | None] = mapped_column(String(63))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SharingConsent(Base):
    """The patient's explicit consent to share their records with one hospital in one country
    (GDPR Art. 49(1)(a)); a review bundle for that hospital needs one that is not withdrawn."""

    __tablename__ = "sharing_consents"
    __table_args__ = (Index("ix_sharing_consents_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    hospital_key: Mapped[str] = mapped_column(String(60))
    country: Mapped[str] = mapped_column(String(2))
    #: How it was given ("signed form", "WhatsApp message 2026-12-01", "recorded call").
    method: Mapped[str] = mapped_column(Text)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    #: The version of the consent text the patient was shown (resources/content/consent.toml), when known.
    text_version: Mapped[str | None] = mapped_column(String(40))


class PurposeConsent(Base):
    """The patient's consent for one purpose other than sharing with a hospital (those are
    SharingConsent): storing health data, marketing messages. When, how and the text version shown;
    withdrawn_at once withdrawn (a new consent is a new row)."""

    __tablename__ = "purpose_consents"
    __table_args__ = (Index("ix_purpose_consents_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    #: health_data / marketing (app.domain.consent_purposes.PURPOSES)
    purpose: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(Text)
    text_version: Mapped[str | None] = mapped_column(String(40))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))


class MedicalReview(Base):
    """One hospital's review of the case: sent (with the bundle's checksum), then answered."""

    __tablename__ = "medical_reviews"
    __table_args__ = (Index("ix_medical_reviews_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    hospital_key: Mapped[str] = mapped_column(String(60))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bundle_sha256: Mapped[str | None] = mapped_column(String(64))
    deidentified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: eligible / not_eligible / needs_more, or None while waiting
    verdict: Mapped[str | None] = mapped_column(String(16))
    offer_key: Mapped[str | None] = mapped_column(String(80))
    product: Mapped[str | None] = mapped_column(Text)
    #: approved / investigational / clinical_trial
    approval_status: Mapped[str | None] = mapped_column(String(20))
    registry_number: Mapped[str | None] = mapped_column(String(60))
    doctor: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Quote(Base):
    """A hospital's quote for the case, in the hospital's currency."""

    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    review_id: Mapped[int | None] = mapped_column(ForeignKey("medical_reviews.id", ondelete="SET NULL"))
    hospital_key: Mapped[str] = mapped_column(String(60))
    offer_key: Mapped[str | None] = mapped_column(String(80))
    currency: Mapped[str] = mapped_column(String(3))
    #: [{"item": "manufacturing", "label": "…" (for items the catalogue does not name), "amount": "38000"}]
    items: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    valid_until: Mapped[date | None] = mapped_column(Date)
    deposit: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    notes: Mapped[str | None] = mapped_column(Text)
    #: When the patient chose it: the case's chosen quote is the one with chosen_at set (at most one
    #: per lead); its hospital and offer then lead the packet and the schedule.
    chosen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CasePerson(Base):
    """A relative or companion on the case; the travellers of every estimate are counted here."""

    __tablename__ = "case_people"
    __table_args__ = (Index("ix_case_people_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    #: spouse / son / daughter / parent / sibling / friend / other, or the coordinator's word
    relation: Mapped[str] = mapped_column(String(40))
    #: [{"raw", "e164", "valid", "region", "kind"}], parsed like the patient's phones.
    phones: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    email: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str | None] = mapped_column(String(8))
    decides: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    travels: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TravelDocument(Base):
    """Passport details the visa needs, for the patient (person_id None) or a traveller. Kept apart
    so that only those who need them read them (team viewers cannot), and erased with the rest."""

    __tablename__ = "travel_documents"
    __table_args__ = (UniqueConstraint("lead_id", "person_id", name="uq_travel_documents_lead_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("case_people.id", ondelete="CASCADE"))
    full_name: Mapped[str | None] = mapped_column(Text)  # as in the passport (Latin letters)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(String(2))
    passport_number: Mapped[str | None] = mapped_column(String(40))
    passport_expiry: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScheduleItem(Base):
    """A planned stage of the journey (from the chosen offer's template) or a task with a reminder
    on Today (visa application, flight booking, records deadline)."""

    __tablename__ = "schedule_items"
    __table_args__ = (Index("ix_schedule_items_lead_id", "lead_id"), Index("ix_schedule_items_starts_on", "starts_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    #: stage / task
    kind: Mapped[str] = mapped_column(String(8))
    #: The journey step (arrival, collection, …) or task (visa_application, flights, records_deadline).
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    #: True once the coordinator moved it by hand: a new arrival date keeps it where they put it.
    edited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    position: Mapped[int] = mapped_column(Integer, default=0)


#: Every per-lead table of the case, in the order erasure and team policies treat them.
CASE_TABLES = ("cases", "record_items", "case_documents", "document_contents", "document_reads",
               "sharing_consents", "purpose_consents", "medical_reviews", "quotes", "case_people", "travel_documents",
               "schedule_items")
