"""Lead operations: create (with duplicate check), edit with optimistic locking, status moves,
logging interactions, merging, and reading detached records.

Every function is one unit of work on a `Database`: one write transaction, committed before it
returns. Nothing here imports Qt.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from app.domain.assignment import assign_new, chosen_by
from app.domain.clock import Clock, utc_now
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.inquiries import Absorbed, absorb_inquiry, clean_text, inquiry_row, refresh_search_text
from app.domain.lead_records import (
    CONTACT_KINDS,
    DIAGNOSIS_CATEGORIES,
    EDITABLE_FIELDS,
    INTERACTION_KINDS,
    OUTCOMES,
    CoordinatorRecord,
    FieldEditRecord,
    InteractionRecord,
    LeadDetail,
    LeadInput,
    PhoneRecord,
    StatusChangeRecord,
)
from app.domain.lead_reference import next_reference
from app.domain.phone import StoredPhone, parse_for_storage
from app.domain.pipeline import EXITS, Status, TransitionError, check_transition, parse_status
from app.domain.pipeline import label as status_label
from app.domain.status_gates import missing_for
from app.domain.working_profile import working_profile_in
from db.engine import Database
from db.lead_queries import find_by_contact
from db.models import Coordinator, FieldEdit, Interaction, Lead, LeadPhone, StatusChange

MAX_NAME = 500
_clean_text = clean_text  # the lead rules' short name for it


# ---------------------------------------------------------------- helpers


def normalise_email(email: str | None) -> str | None:
    value = (email or "").strip()
    return value.casefold() or None


def check_email(email: str | None) -> str | None:
    """A readable problem with `email`, or None when it looks deliverable."""
    value = (email or "").strip()
    if not value:
        return None
    local, at, domain = value.rpartition("@")
    # `value` is stripped, so it holds whitespace exactly when split() cuts it in two (str.split
    # and str.isspace share one definition of whitespace): one pass in C, not a generator.
    if not at or not local or "." not in domain or len(value.split()) > 1 or domain.startswith(".") or domain.endswith("."):
        return f"'{quote_one_line(value)}' does not look like an email address"
    return None


def quote_one_line(value: str, limit: int = 80) -> str:
    """A value as it can be quoted inside a one-line message: control characters and line
    breaks shown as spaces, long values shortened."""
    flat = "".join(" " if not c.isprintable() else c for c in value)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


ParsedPhone = tuple[int, str, StoredPhone]  # (position, kind, parsed number)
#: `parse_for_storage`, or something that gives exactly what it gives for the same arguments
#: (the import passes numbers parsed ahead of time in another process).
PhoneParser = Callable[[str, str | None], StoredPhone]


def parse_phones(raw_phones: Sequence[tuple[str, str]], country: str | None,
                 parse: PhoneParser = parse_for_storage) -> list[ParsedPhone]:
    """Each typed phone parsed once, blanks skipped, the same number given twice kept once."""
    phones: list[ParsedPhone] = []
    seen: set[str] = set()
    for position, (raw, kind) in enumerate(p for p in raw_phones if p[0] and p[0].strip()):
        info = parse(raw, country)
        key = info.e164 or info.raw
        if key in seen:
            continue
        seen.add(key)
        phones.append((position, kind or "mobile", info))
    return phones


def _phone_rows(phones: Sequence[ParsedPhone]) -> list[LeadPhone]:
    return [LeadPhone(position=position, kind=kind, raw=info.raw, e164=info.e164, valid=info.valid, region=info.region)
            for position, kind, info in phones]


def _phones_from(raw_phones: Sequence[tuple[str, str]], country: str | None) -> list[LeadPhone]:
    return _phone_rows(parse_phones(raw_phones, country))


def resolve_lead(session: Session, key: int | str) -> Lead:
    """A lead by id (int or digits) or reference ('L-2026-00042', case-insensitive)."""
    text_key = str(key).strip()
    lead: Lead | None
    if text_key.isdigit():
        lead = session.get(Lead, int(text_key))
    else:
        lead = session.scalars(select(Lead).where(Lead.reference == text_key.upper())).first()
    if lead is None:
        raise NotFoundError(f"no lead '{text_key}' (give its id or reference, e.g. L-2026-00042)")
    return lead


def default_coordinator_id(session: Session) -> int | None:
    return session.scalar(
        select(Coordinator.id).where(Coordinator.is_default.is_(True)).order_by(Coordinator.id).limit(1)
    )


def ensure_default_coordinator(db: Database, now: datetime | None = None) -> int:
    """A new database gets one default coordinator so every action has a 'who'."""
    with db.write() as session:
        existing = default_coordinator_id(session)
        if existing is not None:
            return existing
        coordinator = Coordinator(
            name="Coordinator",
            email=None,
            phone=None,
            signature="MedTour Desk coordinator",
            is_default=True,
            placeholder=True,
            role="admin",
            languages=[],
            countries=[],
            active=True,
            created_at=now or utc_now(),
        )
        session.add(coordinator)
        session.flush()
        return coordinator.id


def _actor(session: Session, actor_id: int | None) -> int | None:
    """Who an action is recorded under: the caller's actor, else who is working (app.domain.working_profile)."""
    return actor_id if actor_id is not None else working_profile_in(session)


# ---------------------------------------------------------------- create


@dataclass
class CreateResult:
    lead_id: int
    reference: str
    duplicate_of: str | None = None  # set when the inquiry was attached to an existing lead
    warnings: list[str] = field(default_factory=list)
    #: For an inquiry attached to an existing lead: what it added, or that it was a repeat.
    absorbed: Absorbed | None = None

    @property
    def created(self) -> bool:
        return self.duplicate_of is None


def validate_input(data: LeadInput, parse: PhoneParser = parse_for_storage) -> tuple[list[ParsedPhone], list[str], str | None]:
    """Check a new lead: its parsed phones, the warnings, and the email's problem (None when fine).
    `parse` reads each phone (see PhoneParser).

    Raises ValidationError when the lead is unusable (no name, no way to reach the person…).
    """
    name = (data.full_name or "").replace("\x00", "").strip()
    if not name:
        raise ValidationError("a lead needs a name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"the name is too long ({len(name):,} characters; the limit is {MAX_NAME})")
    phones = parse_phones(data.phones, data.country, parse)
    warnings = [
        f"phone kept as typed but flagged: {info.problem or 'not a valid number'}"
        for _position, _kind, info in phones
        if not info.valid
    ]
    email_problem = check_email(data.email)
    if email_problem:
        warnings.append(email_problem)
    reachable = any(info.valid for _position, _kind, info in phones) or (data.email and not email_problem) or any(
        (v or "").strip() for v in data.messengers.values()
    )
    if not reachable:
        if phones or data.email:
            raise ValidationError("no usable phone or email: " + "; ".join(warnings))
        raise ValidationError("no phone, email or messenger to reach the person")
    if data.diagnosis_category and data.diagnosis_category not in DIAGNOSIS_CATEGORIES:
        raise ValidationError(
            f"unknown diagnosis category '{data.diagnosis_category}'; use one of: {', '.join(DIAGNOSIS_CATEGORIES)}"
        )
    return phones, warnings, email_problem


def create_lead_in(
    session: Session,
    data: LeadInput,
    *,
    now: datetime,
    actor_id: int | None = None,
    reference: str | None = None,
    check_duplicates: bool = True,
) -> CreateResult:
    """Create a lead inside an open write session (the import uses this to stay in one transaction)."""
    parsed, warnings, email_problem = validate_input(data)
    phones = _phone_rows(parsed)
    email_norm = normalise_email(data.email) if not email_problem else None
    actor = _actor(session, actor_id)
    when = data.inquiry_at or now
    if check_duplicates:
        existing = find_by_contact(session, [p.e164 for p in phones if p.e164], email_norm)
        if existing is not None:
            absorbed = absorb_inquiry(session, existing, data, parsed, email_norm, when=when, now=now, actor=actor)
            return CreateResult(existing.id, existing.reference, duplicate_of=existing.reference, warnings=warnings,
                                absorbed=absorbed)
    lead = Lead(
        reference=reference or next_reference(session, now.year),
        full_name=data.full_name.replace("\x00", "").strip(),
        latin_name=_clean_text(data.latin_name, MAX_NAME),
        country=(data.country or None) and data.country.upper(),
        language=data.language or None,
        timezone=data.timezone or None,
        email=(data.email or "").strip() or None,
        email_norm=email_norm,
        messengers={k: v.strip() for k, v in data.messengers.items() if v and v.strip()},
        source=_clean_text(data.source, 100),
        diagnosis=_clean_text(data.diagnosis),
        diagnosis_category=data.diagnosis_category,
        program=data.program,
        budget_amount=data.budget_amount,
        budget_currency=data.budget_currency,
        companions=max(0, int(data.companions or 0)),
        status=Status.NEW.value,
        coordinator_id=data.coordinator_id,
        next_follow_up=data.next_follow_up,
        consent_health_data=bool(data.consent_health_data),
        consent_at=now if data.consent_health_data else None,
        consent_method=data.consent_method if data.consent_health_data else None,
        inquiry_at=when,
        created_at=now,
        updated_at=now,
    )
    lead.phones = phones
    refresh_search_text(lead)
    if data.coordinator_id is None:
        assign_new(session, lead, None, now, actor=actor)  # the team's rule picks (app.domain.assignment)
    else:
        lead.assigned_at, lead.assignment_reason = now, chosen_by(session, actor)
    session.add(lead)
    session.flush()
    session.add(StatusChange(lead_id=lead.id, from_status=None, to_status=Status.NEW.value, reason="inquiry received",
                             coordinator_id=actor, changed_at=now))
    session.add(Interaction(lead_id=lead.id, **inquiry_row(data, lead_diagnosis=lead.diagnosis, when=when, now=now,
                                                           actor=actor)))
    return CreateResult(lead.id, lead.reference, warnings=warnings)


def create_lead(
    db: Database, data: LeadInput, *, actor_id: int | None = None, clock: Clock = utc_now, check_duplicates: bool = True
) -> CreateResult:
    with db.write() as session:
        session.connection()  # the write lock first: the time read after it orders assignments (app.domain.assignment)
        return create_lead_in(session, data, now=clock(), actor_id=actor_id, check_duplicates=check_duplicates)


# ---------------------------------------------------------------- read


def _coordinator_record(c: Coordinator | None) -> CoordinatorRecord | None:
    if c is None:
        return None
    return CoordinatorRecord(c.id, c.name, c.email, c.phone, c.whatsapp, c.signature, bool(c.is_default))


def _person(field: str, value: str | None, names: dict[int | None, str]) -> str | None:
    """A coordinator edit names the people (it stores their ids)."""
    if field == "coordinator_id" and value and value.isdigit():
        return names.get(int(value), value)
    return value


def _detail(session: Session, lead: Lead, with_history: bool = True) -> LeadDetail:
    names: dict[int | None, str] = dict(session.execute(select(Coordinator.id, Coordinator.name)).all())
    interactions: tuple[InteractionRecord, ...] = ()
    history: tuple[StatusChangeRecord, ...] = ()
    edits: tuple[FieldEditRecord, ...] = ()
    if with_history:
        interactions = tuple(
            InteractionRecord(i.id, i.kind, i.direction, i.occurred_at, i.duration_seconds, i.outcome, i.notes,
                              names.get(i.coordinator_id), i.follow_up_at, dict(i.details or {}))
            for i in session.scalars(
                select(Interaction).where(Interaction.lead_id == lead.id).order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            )
        )
        history = tuple(
            StatusChangeRecord(s.id, s.from_status, s.to_status, s.reason, names.get(s.coordinator_id), s.changed_at)
            for s in session.scalars(
                select(StatusChange).where(StatusChange.lead_id == lead.id).order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
            )
        )
        edits = tuple(
            FieldEditRecord(e.id, e.field, _person(e.field, e.old_value, names), _person(e.field, e.new_value, names),
                            names.get(e.coordinator_id), e.edited_at)
            for e in session.scalars(
                select(FieldEdit).where(FieldEdit.lead_id == lead.id).order_by(FieldEdit.edited_at.desc(), FieldEdit.id.desc())
            )
        )
    return LeadDetail(
        id=lead.id,
        reference=lead.reference,
        full_name=lead.full_name,
        latin_name=lead.latin_name,
        country=lead.country,
        language=lead.language,
        timezone=lead.timezone,
        email=lead.email,
        phones=tuple(PhoneRecord(p.raw, p.e164, bool(p.valid), p.region, p.kind) for p in lead.phones),
        messengers=dict(lead.messengers or {}),
        source=lead.source,
        diagnosis=lead.diagnosis,
        diagnosis_category=lead.diagnosis_category,
        program=lead.program,
        budget_amount=Decimal(str(lead.budget_amount)) if lead.budget_amount is not None else None,
        budget_currency=lead.budget_currency,
        companions=lead.companions or 0,
        status=lead.status,
        status_reason=lead.status_reason,
        coordinator=_coordinator_record(lead.coordinator),
        assigned_at=lead.assigned_at,
        assignment_reason=lead.assignment_reason,
        other_emails=tuple(lead.other_emails or ()),
        other_names=tuple(lead.other_names or ()),
        needs_review=lead.needs_review,
        next_follow_up=lead.next_follow_up,
        consent_health_data=bool(lead.consent_health_data),
        consent_at=lead.consent_at,
        consent_method=lead.consent_method,
        inquiry_at=lead.inquiry_at,
        first_contact_at=lead.first_contact_at,
        last_contact_at=lead.last_contact_at,
        created_at=lead.created_at,
        updated_at=lead.updated_at,
        version=lead.version,
        interactions=interactions,
        status_history=history,
        field_edits=edits,
        merged_into=session.scalar(select(Lead.reference).where(Lead.id == lead.merged_into_id))
        if lead.merged_into_id is not None else None,
    )


def get_lead(db: Database, key: int | str, *, with_history: bool = True) -> LeadDetail:
    with db.read() as session:
        return _detail(session, resolve_lead(session, key), with_history)


def list_coordinators(db: Database) -> list[CoordinatorRecord]:
    with db.read() as session:
        rows = session.scalars(select(Coordinator).where(Coordinator.active.is_(True)).order_by(Coordinator.name))
        return [r for r in (_coordinator_record(c) for c in rows) if r is not None]


# ---------------------------------------------------------------- edit


def _display(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(raw for raw, _kind in value) if value and isinstance(value[0], tuple) else str(value)
    return str(value)


def _current_value(lead: Lead, name: str) -> Any:
    if name == "phones":
        return [(p.raw, p.kind) for p in lead.phones]
    if name == "budget_amount":
        return Decimal(str(lead.budget_amount)) if lead.budget_amount is not None else None
    return getattr(lead, name)


def _coerce(name: str, value: Any) -> Any:
    if name in ("full_name",):
        cleaned = (value or "").replace("\x00", "").strip()
        if not cleaned:
            raise ValidationError("a lead needs a name")
        if len(cleaned) > MAX_NAME:
            raise ValidationError(f"the name is too long ({len(cleaned):,} characters; the limit is {MAX_NAME})")
        return cleaned
    if name == "phones":
        return [(raw.strip(), kind or "mobile") for raw, kind in (value or []) if raw and raw.strip()]
    if name == "companions":
        try:
            number = int(value or 0)
        except (TypeError, ValueError):
            raise ValidationError(f"companions must be a whole number, not '{value}'") from None
        if not 0 <= number <= 20:
            raise ValidationError("companions must be between 0 and 20")
        return number
    if name == "budget_amount":
        if value in (None, ""):
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(f"budget must be a number, not '{value}'") from None
    if name == "diagnosis_category" and value and value not in DIAGNOSIS_CATEGORIES:
        raise ValidationError(f"unknown diagnosis category '{value}'; use one of: {', '.join(DIAGNOSIS_CATEGORIES)}")
    if name == "email":
        problem = check_email(value)
        if problem:
            raise ValidationError(problem)
        return (value or "").strip() or None
    if name == "country" and value:
        return str(value).upper()
    if name == "consent_health_data":
        return bool(value)
    if isinstance(value, str):
        return _clean_text(value)
    return value


def update_lead(
    db: Database,
    key: int | str,
    expected_version: int,
    changes: dict[str, Any],
    *,
    actor_id: int | None = None,
    clock: Clock = utc_now,
) -> LeadDetail:
    """Apply `changes` if nobody saved the lead since `expected_version`; record every field edit.

    A stale version raises ConflictError carrying both versions; nothing is written.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    coerced = {name: _coerce(name, value) for name, value in changes.items()}
    now = clock()
    with db.write() as session:
        lead = resolve_lead(session, key)
        if lead.version != expected_version:
            theirs = {name: _current_value(lead, name) for name in changes}
            raise ConflictError(
                f"{lead.reference} was changed by someone else since you opened it "
                f"(your version {expected_version}, now {lead.version}); nothing was saved — compare both versions",
                mine=coerced,
                theirs=theirs,
                current_version=lead.version,
            )
        actor = _actor(session, actor_id)
        changed = False
        for name, value in coerced.items():
            old = _current_value(lead, name)
            if old == value:
                continue
            changed = True
            if name == "phones":
                lead.phones = _phones_from(value, coerced.get("country", lead.country))
                session.flush()
            else:
                setattr(lead, name, value)
            if name == "email":
                lead.email_norm = normalise_email(value)
            if name == "consent_health_data":
                lead.consent_at = now if value else None
            if name == "coordinator_id":  # chosen by hand in the editor: when and by whom, as a reassignment says
                lead.assigned_at = now if value is not None else None
                lead.assignment_reason = chosen_by(session, actor)
            session.add(FieldEdit(lead_id=lead.id, field=name, old_value=_display(old), new_value=_display(value),
                                  coordinator_id=actor, edited_at=now))
        if changed:
            refresh_search_text(lead)
            lead.updated_at = now
            session.flush()
        return _detail(session, lead)


# ---------------------------------------------------------------- status


@dataclass(frozen=True)
class StatusMove:
    lead_id: int
    reference: str
    from_status: str
    to_status: str
    version: int


def _move(session: Session, lead: Lead, target: Status, reason: str | None, actor: int | None, now: datetime) -> StatusMove:
    current = Status(lead.status)
    check_transition(current, target, reason)
    missing = missing_for(session, lead, target)
    if missing:
        raise TransitionError(f"{lead.reference} cannot move to '{status_label(target)}' yet: " + "; ".join(missing))
    session.add(StatusChange(lead_id=lead.id, from_status=current.value, to_status=target.value,
                             reason=_clean_text(reason), coordinator_id=actor, changed_at=now))
    lead.status = target.value
    lead.status_reason = _clean_text(reason)
    if target in EXITS and lead.next_follow_up is not None:
        # A lead that left the pipeline is nobody's call any more; an undo of the move brings it back.
        session.add(FieldEdit(lead_id=lead.id, field="next_follow_up", old_value=_display(lead.next_follow_up),
                              new_value=None, coordinator_id=actor, edited_at=now))
        lead.next_follow_up = None
    lead.updated_at = now
    session.flush()
    return StatusMove(lead.id, lead.reference, current.value, target.value, lead.version)


def mark_reviewed(db: Database, key: int | str, *, actor_id: int | None = None, clock: Clock = utc_now) -> str:
    """Clear the lead's review flag (someone looked); the history says who cleared what. Returns
    the flag's text."""
    now = clock()
    with db.write() as session:
        lead = resolve_lead(session, key)
        if not lead.needs_review:
            raise ValidationError(f"{lead.reference} has nothing waiting for review")
        flag = lead.needs_review
        session.add(FieldEdit(lead_id=lead.id, field="needs_review", old_value=flag, new_value=None,
                              coordinator_id=_actor(session, actor_id), edited_at=now))
        lead.needs_review = None
        lead.updated_at = now
        return flag


def move_needs(db: Database, key: int | str, target: Status | str) -> list[str]:
    """What the lead's case still lacks before it may move into `target` (empty: nothing), for a
    dialog to say before the move is tried."""
    target_status = target if isinstance(target, Status) else parse_status(target)
    with db.read() as session:
        return missing_for(session, resolve_lead(session, key), target_status)


def change_status(
    db: Database,
    key: int | str,
    target: Status | str,
    reason: str | None = None,
    *,
    actor_id: int | None = None,
    expected_version: int | None = None,
    clock: Clock = utc_now,
) -> StatusMove:
    target_status = target if isinstance(target, Status) else parse_status(target)
    with db.write() as session:
        lead = resolve_lead(session, key)
        if expected_version is not None and lead.version != expected_version:
            raise ConflictError(
                f"{lead.reference} was changed by someone else (now '{lead.status}'); reload it and try again",
                mine={"status": target_status.value}, theirs={"status": lead.status}, current_version=lead.version,
            )
        return _move(session, lead, target_status, reason, _actor(session, actor_id), clock())


def undo_last_status_change(db: Database, key: int | str, *, actor_id: int | None = None, clock: Clock = utc_now) -> StatusMove:
    """Put the lead back where its last status change took it from; the undo is itself recorded."""
    now = clock()
    with db.write() as session:
        lead = resolve_lead(session, key)
        last = session.scalars(
            select(StatusChange).where(StatusChange.lead_id == lead.id).order_by(StatusChange.id.desc()).limit(1)
        ).first()
        if last is None or last.from_status is None:
            raise ValidationError(f"{lead.reference} has no status change to undo")
        previous = lead.status
        lead.status = last.from_status
        lead.status_reason = None
        cleared = session.scalars(select(FieldEdit).where(
            FieldEdit.lead_id == lead.id, FieldEdit.field == "next_follow_up", FieldEdit.new_value.is_(None),
            FieldEdit.edited_at == last.changed_at)).first()
        if cleared is not None and cleared.old_value and lead.next_follow_up is None:  # the exit's clearing, undone
            lead.next_follow_up = datetime.fromisoformat(cleared.old_value)
            session.add(FieldEdit(lead_id=lead.id, field="next_follow_up", old_value=None, new_value=cleared.old_value,
                                  coordinator_id=_actor(session, actor_id), edited_at=now))
        lead.updated_at = now
        session.add(StatusChange(lead_id=lead.id, from_status=previous, to_status=last.from_status,
                                 reason=f"undo of the change to '{previous}'", coordinator_id=_actor(session, actor_id), changed_at=now))
        session.flush()
        return StatusMove(lead.id, lead.reference, previous, last.from_status, lead.version)


# ---------------------------------------------------------------- interactions


@dataclass
class InteractionInput:
    kind: str = "call_out"
    outcome: str | None = None
    notes: str | None = None
    duration_seconds: int | None = None
    follow_up_at: datetime | None = None
    occurred_at: datetime | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LoggedInteraction:
    interaction_id: int
    lead_id: int
    reference: str
    status_move: StatusMove | None
    version: int


def normalise_kind(kind: str) -> str:
    """'call' → 'call_out', 'email' → 'email_out', 'message' → 'message_out'; others as they are."""
    key = kind.strip().lower().replace("-", "_").replace(" ", "_")
    key = {"call": "call_out", "email": "email_out", "message": "message_out", "msg": "message_out"}.get(key, key)
    if key not in INTERACTION_KINDS:
        raise ValidationError(f"unknown kind '{kind}'; use one of: call, {', '.join(INTERACTION_KINDS)}")
    return key


def log_interaction_in(
    session: Session, lead: Lead, entry: InteractionInput, *, actor: int | None, now: datetime
) -> Interaction:
    kind = normalise_kind(entry.kind)
    outcome = entry.outcome.strip().lower().replace(" ", "_").replace("-", "_") if entry.outcome else None
    if outcome and outcome not in OUTCOMES:
        raise ValidationError(f"unknown outcome '{entry.outcome}'; use one of: {', '.join(OUTCOMES)}")
    if entry.duration_seconds is not None and not 0 <= entry.duration_seconds <= 24 * 3600:
        raise ValidationError("a call lasts between 0 seconds and 24 hours")
    when = entry.occurred_at or now
    interaction = Interaction(
        lead_id=lead.id,
        kind=kind,
        direction="in" if kind.endswith("_in") or kind == "inquiry" else "out",
        occurred_at=when,
        duration_seconds=entry.duration_seconds,
        outcome=outcome,
        notes=_clean_text(entry.notes),
        coordinator_id=actor,
        follow_up_at=entry.follow_up_at,
        details=dict(entry.details),
        created_at=now,
    )
    session.add(interaction)
    if kind in CONTACT_KINDS:
        if lead.first_contact_at is None or when < lead.first_contact_at:
            lead.first_contact_at = when
        if lead.last_contact_at is None or when > lead.last_contact_at:
            lead.last_contact_at = when
    if entry.follow_up_at is not None:
        lead.next_follow_up = entry.follow_up_at
    elif kind in CONTACT_KINDS and lead.next_follow_up is not None and lead.next_follow_up <= when:
        lead.next_follow_up = None  # the due follow-up was done
    lead.updated_at = now
    session.flush()
    return interaction


def log_interaction(
    db: Database,
    key: int | str,
    entry: InteractionInput,
    *,
    move_to: Status | str | None = None,
    reason: str | None = None,
    actor_id: int | None = None,
    clock: Clock = utc_now,
) -> LoggedInteraction:
    """Log a call/message/note and, optionally, move the status — one transaction."""
    now = clock()
    with db.write() as session:
        lead = resolve_lead(session, key)
        actor = _actor(session, actor_id)
        interaction = log_interaction_in(session, lead, entry, actor=actor, now=now)
        move = None
        if move_to is not None:
            target = move_to if isinstance(move_to, Status) else parse_status(move_to)
            move = _move(session, lead, target, reason, actor, now)
        return LoggedInteraction(interaction.id, lead.id, lead.reference, move, lead.version)


# ---------------------------------------------------------------- merge


#: Fields a merge copies from the dropped lead where the survivor has none.
MERGE_FILLED_FIELDS: tuple[str, ...] = (
    "latin_name", "country", "language", "timezone", "email", "source", "diagnosis",
    "diagnosis_category", "program", "budget_amount", "budget_currency",
)


@dataclass(frozen=True)
class MergeResult:
    kept: str
    dropped: str
    moved_interactions: int
    moved_phones: int


def merge_leads(db: Database, keep: int | str, drop: int | str, *, actor_id: int | None = None, clock: Clock = utc_now) -> MergeResult:
    """Fold `drop` into `keep`: interactions, history and edits move; missing fields and phones are
    copied; `drop` is marked duplicate and keeps a pointer to the survivor. Nothing is lost."""
    with db.write() as session:
        return merge_leads_in(session, keep, drop, now=clock(), actor_id=actor_id)


def merge_leads_in(session: Session, keep: int | str, drop: int | str, *, now: datetime, actor_id: int | None = None) -> MergeResult:
    """`merge_leads` inside an open write session (a migration merging into a team database uses it)."""
    survivor = resolve_lead(session, keep)
    other = resolve_lead(session, drop)
    if survivor.id == other.id:
        raise ValidationError("cannot merge a lead into itself")
    if other.merged_into_id == survivor.id:
        raise ValidationError(f"{other.reference} is already merged into {survivor.reference}")
    actor = _actor(session, actor_id)
    moved = cast("CursorResult[Any]", session.execute(
        update(Interaction).where(Interaction.lead_id == other.id).values(lead_id=survivor.id)
    )).rowcount
    session.execute(update(StatusChange).where(StatusChange.lead_id == other.id).values(lead_id=survivor.id))
    session.execute(update(FieldEdit).where(FieldEdit.lead_id == other.id).values(lead_id=survivor.id))
    from app.domain.case_merge import merge_case_rows  # the case's tables load when a merge needs them

    merge_case_rows(session, survivor.id, other.id)
    for name in MERGE_FILLED_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(other, name) not in (None, ""):
            session.add(FieldEdit(lead_id=survivor.id, field=name, old_value=None,
                                  new_value=_display(getattr(other, name)), coordinator_id=actor, edited_at=now))
            setattr(survivor, name, getattr(other, name))
    if survivor.email_norm is None and other.email_norm:
        survivor.email_norm = other.email_norm
    messengers = dict(other.messengers or {}) | dict(survivor.messengers or {})
    survivor.messengers = messengers
    known = {p.e164 or p.raw for p in survivor.phones}
    moved_phones = 0
    for phone in list(other.phones):
        if (phone.e164 or phone.raw) not in known:
            survivor.phones.append(LeadPhone(position=len(survivor.phones), kind=phone.kind, raw=phone.raw,
                                             e164=phone.e164, valid=phone.valid, region=phone.region))
            known.add(phone.e164 or phone.raw)
            moved_phones += 1
    for stamp in ("first_contact_at",):
        theirs = getattr(other, stamp)
        if theirs is not None and (getattr(survivor, stamp) is None or theirs < getattr(survivor, stamp)):
            setattr(survivor, stamp, theirs)
    if other.last_contact_at and (survivor.last_contact_at is None or other.last_contact_at > survivor.last_contact_at):
        survivor.last_contact_at = other.last_contact_at
    if other.inquiry_at < survivor.inquiry_at:
        survivor.inquiry_at = other.inquiry_at
    if other.consent_health_data and not survivor.consent_health_data:
        survivor.consent_health_data, survivor.consent_at, survivor.consent_method = True, other.consent_at, other.consent_method
    survivor.updated_at = now
    refresh_search_text(survivor)
    previous = other.status
    other.status = Status.DUPLICATE.value
    other.status_reason = f"merged into {survivor.reference}"
    other.merged_into_id = survivor.id
    other.updated_at = now
    session.add(StatusChange(lead_id=other.id, from_status=previous, to_status=Status.DUPLICATE.value,
                             reason=f"merged into {survivor.reference}", coordinator_id=actor, changed_at=now))
    session.add(Interaction(lead_id=survivor.id, kind="note", direction=None, occurred_at=now,
                            notes=f"{other.reference} ({other.full_name}) merged into this lead",
                            coordinator_id=actor, details={"merged": other.reference}, created_at=now))
    session.flush()
    return MergeResult(survivor.reference, other.reference, moved, moved_phones)
