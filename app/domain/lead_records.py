"""Plain, detached records handed to the CLI, the GUI and the packet (never live ORM objects)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

#: Diagnosis categories, in the order pickers show them.
DIAGNOSIS_CATEGORIES: dict[str, str] = {
    "leukemia": "Leukemia",
    "lymphoma": "Lymphoma",
    "multiple_myeloma": "Multiple myeloma",
    "solid_tumour": "Solid tumour",
    "autoimmune": "Autoimmune",
    "other": "Other",
}

#: Kinds of interaction and their direction where it is implied.
INTERACTION_KINDS: dict[str, str] = {
    "call_out": "Outgoing call",
    "call_in": "Incoming call",
    "email_out": "Email sent",
    "email_in": "Email received",
    "message_out": "Message sent",
    "message_in": "Message received",
    "meeting": "Meeting",
    "note": "Note",
    "packet": "Packet sent",
    "inquiry": "Inquiry received",
    "case": "Case update",
}

#: Call outcomes.
OUTCOMES: dict[str, str] = {
    "reached": "Reached",
    "voicemail": "Voicemail",
    "no_answer": "No answer",
    "busy": "Busy",
    "wrong_number": "Wrong number",
    "call_back_requested": "Call-back requested",
    "not_interested": "Not interested",
}

#: Interactions that count as the agency contacting the patient (speed to lead starts here).
CONTACT_KINDS = frozenset({"call_out", "call_in", "email_out", "message_out", "meeting", "packet"})

PHONE_KINDS = ("mobile", "whatsapp", "home", "work", "other")
MESSENGERS = ("whatsapp", "wechat", "telegram")


@dataclass(frozen=True)
class PhoneRecord:
    raw: str
    e164: str | None
    valid: bool
    region: str | None
    kind: str = "mobile"


@dataclass(frozen=True)
class LeadSummary:
    """One row of the lead list."""

    id: int
    reference: str
    name: str
    latin_name: str | None
    country: str | None
    language: str | None
    status: str
    email: str | None
    phone_e164: str | None
    phone_raw: str | None
    timezone: str | None
    coordinator: str | None
    source: str | None
    next_follow_up: datetime | None
    last_contact_at: datetime | None
    first_contact_at: datetime | None
    inquiry_at: datetime


_SUMMARY_NAMES = tuple(LeadSummary.__dataclass_fields__)
_new_object = object.__new__


def summaries_from_rows(rows: Iterable[Sequence[Any]]) -> list[LeadSummary]:
    """LeadSummary records from rows of its fields' values, in field order (db.lead_queries'
    SUMMARY_FIELDS). The same records `LeadSummary(*row)` makes, at half the cost: the frozen
    dataclass's __init__ sets each of the 17 fields through object.__setattr__ (1.7 µs a row),
    which a screen of list rows pays on every scroll; these values need no checking."""
    out = []
    for row in rows:
        record = _new_object(LeadSummary)
        record.__dict__.update(zip(_SUMMARY_NAMES, row, strict=True))
        out.append(record)
    return out


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    kind: str
    direction: str | None
    occurred_at: datetime
    duration_seconds: int | None
    outcome: str | None
    notes: str | None
    coordinator: str | None
    follow_up_at: datetime | None
    details: dict[str, Any]


@dataclass(frozen=True)
class StatusChangeRecord:
    id: int
    from_status: str | None
    to_status: str
    reason: str | None
    coordinator: str | None
    changed_at: datetime


@dataclass(frozen=True)
class FieldEditRecord:
    id: int
    field: str
    old_value: str | None
    new_value: str | None
    coordinator: str | None
    edited_at: datetime


@dataclass(frozen=True)
class CoordinatorRecord:
    id: int
    name: str
    email: str | None
    phone: str | None
    whatsapp: str | None
    signature: str | None
    is_default: bool


@dataclass(frozen=True)
class LeadDetail:
    id: int
    reference: str
    full_name: str
    latin_name: str | None
    country: str | None
    language: str | None
    timezone: str | None
    email: str | None
    phones: tuple[PhoneRecord, ...]
    messengers: dict[str, str]
    source: str | None
    diagnosis: str | None
    diagnosis_category: str | None
    program: str | None
    budget_amount: Decimal | None
    budget_currency: str | None
    companions: int
    status: str
    status_reason: str | None
    coordinator: CoordinatorRecord | None
    next_follow_up: datetime | None
    consent_health_data: bool
    consent_at: datetime | None
    consent_method: str | None
    inquiry_at: datetime
    first_contact_at: datetime | None
    last_contact_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    interactions: tuple[InteractionRecord, ...] = ()
    status_history: tuple[StatusChangeRecord, ...] = ()
    field_edits: tuple[FieldEditRecord, ...] = ()
    #: The reference of the lead this one was merged into (then its status is "duplicate").
    merged_into: str | None = None
    #: When the lead got its coordinator, and why ("speaks Arabic", "reassigned by Mona").
    assigned_at: datetime | None = None
    assignment_reason: str | None = None
    #: Further emails and name spellings later inquiries brought, and why the lead needs a look.
    other_emails: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    needs_review: str | None = None

    @property
    def primary_phone(self) -> PhoneRecord | None:
        return self.phones[0] if self.phones else None

    def editable_values(self) -> dict[str, Any]:
        """The values `update_lead` accepts, as they are now (for conflict comparison)."""
        return {name: getattr(self, name) for name in EDITABLE_FIELDS if name not in ("phones", "coordinator_id")} | {
            "phones": [(p.raw, p.kind) for p in self.phones],
            "coordinator_id": self.coordinator.id if self.coordinator else None,
        }


@dataclass
class LeadInput:
    """What it takes to create a lead. Only the name and one way to reach the person are needed."""

    full_name: str
    phones: list[tuple[str, str]] = field(default_factory=list)  # (raw, kind)
    email: str | None = None
    latin_name: str | None = None
    country: str | None = None
    language: str | None = None
    timezone: str | None = None
    messengers: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    diagnosis: str | None = None
    diagnosis_category: str | None = None
    program: str | None = None
    budget_amount: Decimal | None = None
    budget_currency: str | None = None
    companions: int = 0
    coordinator_id: int | None = None
    next_follow_up: datetime | None = None
    consent_health_data: bool = False
    consent_method: str | None = None
    inquiry_at: datetime | None = None
    #: The inquiry's own words; stored as the first inbound interaction.
    message: str | None = None


#: Fields `update_lead` may change (phones as a list of (raw, kind)).
EDITABLE_FIELDS: tuple[str, ...] = (
    "full_name",
    "latin_name",
    "country",
    "language",
    "timezone",
    "email",
    "phones",
    "messengers",
    "source",
    "diagnosis",
    "diagnosis_category",
    "program",
    "budget_amount",
    "budget_currency",
    "companions",
    "coordinator_id",
    "next_follow_up",
    "consent_health_data",
    "consent_method",
)


def to_jsonable(value: Any) -> Any:
    """Records → JSON-ready values (ISO datetimes, strings for decimals)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
