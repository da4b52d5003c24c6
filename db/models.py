"""The typed ORM models (SQLAlchemy 2). Schema changes go through Alembic (db/migrations)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Coordinator(Base):
    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    whatsapp: Mapped[str | None] = mapped_column(String(40))
    signature: Mapped[str | None] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The PostgreSQL login this person signs in with (team mode); None on a solo database.
    login: Mapped[str | None] = mapped_column(String(63), unique=True)
    #: admin / manager / coordinator / viewer (app.domain.team_roles holds what each may do).
    role: Mapped[str] = mapped_column(String(16), default="coordinator", server_default="coordinator")
    #: Languages the person speaks (ISO 639-1 codes), which new inquiries are matched on.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Countries (ISO 3166 alpha-2) the person looks after, the second preference after language.
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: True for the anonymous "Coordinator" a new database starts with, until someone says who they are:
    #: a packet is never signed by a placeholder.
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Lead(Base):
    __tablename__ = "leads"
    # The list always filters out erased tombstones, so its sort and filter indexes lead with
    # erased_at: "erased_at IS NULL ORDER BY x" is then an index walk, with no row look-ups.
    __table_args__ = (
        Index("ix_leads_email_norm", "email_norm"),
        Index("ix_leads_source", "source"),
        Index("ix_leads_live", "erased_at"),
        # Today's follow-ups due: the coordinator filter and what orders the calls (the lead's own
        # zone, its country) are in the index too, so the list reads no lead row (migration 0002).
        Index("ix_leads_live_status", "erased_at", "status", "next_follow_up", "coordinator_id", "timezone", "country"),
        Index("ix_leads_live_country", "erased_at", "country"),
        Index("ix_leads_live_coordinator", "erased_at", "coordinator_id"),
        # The assignment rule: each person's open new leads, and the lead they were given last.
        Index("ix_leads_live_coordinator_status", "erased_at", "coordinator_id", "status"),
        Index("ix_leads_live_coordinator_assigned", "erased_at", "coordinator_id", "assigned_at", "id"),
        Index("ix_leads_live_inquiry_at", "erased_at", "inquiry_at"),
        Index("ix_leads_live_sort_name", "erased_at", "sort_name"),
        Index("ix_leads_live_next_follow_up", "erased_at", "next_follow_up"),
        Index("ix_leads_live_last_contact_at", "erased_at", "last_contact_at"),
        # New inquiries nobody has answered, by arrival: Today's "new inquiries" list and its count
        # of older ones are index ranges (0.5 ms instead of 105 ms for the count at 100,000 leads);
        # with the same three columns as above, the list reads no lead row.
        Index("ix_leads_live_unanswered", "erased_at", "status", "first_contact_at", "inquiry_at",
              "coordinator_id", "timezone", "country"),
        # SQLite only (made in the migrations): ix_leads_live_search_text (erased_at, inquiry_at, id,
        # search_text), a covering index that a 1–2 character search (too short for trigrams) scans
        # instead of the table, in the list's default order (migration 0003).
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    latin_name: Mapped[str | None] = mapped_column(Text)
    #: Case- and accent-folded name, for ordering the list the way people expect.
    sort_name: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(2))
    language: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(320))
    email_norm: Mapped[str | None] = mapped_column(String(320))
    #: {"whatsapp": "...", "wechat": "...", "telegram": "..."}
    messengers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: Further emails and name spellings later inquiries came with (app.domain.duplicate_inquiry).
    other_emails: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    other_names: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    #: Why someone should look at the lead (e.g. an inquiry under another name arrived on it), until
    #: a coordinator marks it reviewed; None when nothing waits.
    needs_review: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(100))
    diagnosis: Mapped[str | None] = mapped_column(Text)
    diagnosis_category: Mapped[str | None] = mapped_column(String(40))
    program: Mapped[str | None] = mapped_column(String(80))
    budget_amount: Mapped[float | None] = mapped_column(Numeric(14, 2))
    budget_currency: Mapped[str | None] = mapped_column(String(3))
    companions: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(32), default="new")
    status_reason: Mapped[str | None] = mapped_column(Text)
    #: The lead this one was merged into (its status is then "duplicate"); erasure follows it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="SET NULL"), index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    #: When the lead got its current coordinator, and why ("speaks Arabic", "reassigned by Mona").
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignment_reason: Mapped[str | None] = mapped_column(Text)
    next_follow_up: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_health_data: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_method: Mapped[str | None] = mapped_column(String(200))
    #: When the inquiry arrived (the form's time, or when it was entered).
    inquiry_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Folded text the search index reads: names, reference, email, phone digit forms.
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (the declarative base types it as an instance attribute)

    phones: Mapped[list[LeadPhone]] = relationship(
        back_populates="lead", cascade="all, delete-orphan", order_by="LeadPhone.position"
    )
    coordinator: Mapped[Coordinator | None] = relationship()


class LeadPhone(Base):
    __tablename__ = "lead_phones"
    # (lead_id, position): a lead's first phone, which every list row and Today item shows, is the
    # first index entry; no per-lead sort. With e164 in it, Today's 13,000 look-ups read no phone row.
    __table_args__ = (Index("ix_lead_phones_e164", "e164"),
                      Index("ix_lead_phones_lead_id_position", "lead_id", "position", "e164"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="mobile")
    raw: Mapped[str] = mapped_column(Text)
    e164: Mapped[str | None] = mapped_column(String(20))
    valid: Mapped[bool] = mapped_column(Boolean, default=False)
    region: Mapped[str | None] = mapped_column(String(2))

    lead: Mapped[Lead] = relationship(back_populates="phones")


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_lead_id_occurred_at", "lead_id", "occurred_at"),
        Index("ix_interactions_follow_up_at", "follow_up_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str | None] = mapped_column(String(3))  # "in" / "out"
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Extra facts by kind, e.g. a packet's {"sha256", "language", "program", "file"}.
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StatusChange(Base):
    __tablename__ = "status_changes"
    __table_args__ = (Index("ix_status_changes_lead_id", "lead_id"), Index("ix_status_changes_changed_at", "changed_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FieldEdit(Base):
    __tablename__ = "field_edits"
    __table_args__ = (Index("ix_field_edits_lead_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id", ondelete="SET NULL"))
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AppMeta(Base):
    """Small key/value facts about this database (e.g. last automatic backup)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

