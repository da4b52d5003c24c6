"""An inquiry arriving on a lead that already exists (same phone or email): what it adds, and how a
repeated inquiry (the same file imported again) is recognised and changes nothing.

One home for the rule, used by single entry, the import and the batch writer alike:

- the inquiry is recorded on the lead (its message, source, and the diagnosis it names when the
  lead holds another), with a fingerprint of what it said and when;
- an inquiry whose fingerprint is already on the lead is a repeat: nothing is written;
- what is new is added to the lead, each with a field edit in its history: phones it did not have,
  the email (or, when it has one, a further email in ``other_emails``), messengers, the country
  and language and diagnosis where the lead has none, and a name spelling the lead does not know
  (``other_names``);
- an inquiry under another name also flags the lead for review (``needs_review``): the same family
  phone may be another patient's.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.lead_records import LeadInput
from app.domain.phone import StoredPhone, phone_search_keys
from app.domain.search_text import build_search_text, fold
from db.models import FieldEdit, Interaction, Lead, LeadPhone

__all__ = [
    "MAX_TEXT",
    "Absorbed",
    "absorb_inquiry",
    "clean_text",
    "duplicate_words",
    "inquiry_fingerprint",
    "inquiry_row",
    "refresh_search_text",
    "repeats_inquiry",
]

MAX_TEXT = 100_000


def clean_text(value: str | None, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    cleaned = value.replace("\x00", "").strip()
    if len(cleaned) > limit:
        raise ValidationError(f"text is too long ({len(cleaned):,} characters; the limit is {limit:,})")
    return cleaned or None


def refresh_search_text(lead: Lead) -> None:
    """The lead's sort name and search text from its names, emails, phones and messengers."""
    keys: list[str] = []
    for phone in lead.phones:
        if phone.e164:
            keys.extend(phone_search_keys(phone.e164))
        else:
            keys.append("".join(c for c in phone.raw if c.isdigit()))
    lead.sort_name = fold(lead.latin_name or lead.full_name)[:200]
    lead.search_text = build_search_text(
        reference=lead.reference,
        full_name=lead.full_name,
        latin_name=lead.latin_name,
        email=lead.email,
        phone_keys=keys,
        extra=[*(lead.messengers or {}).values(), *(lead.other_emails or []), *(lead.other_names or [])],
    )


def inquiry_fingerprint(data: LeadInput, when: datetime) -> str:
    """What an inquiry said and when, as a digest: the same row read again gives the same one."""
    digits = sorted("".join(c for c in raw if c.isdigit()) for raw, _kind in data.phones if raw and raw.strip())
    said = {
        "name": fold(data.full_name or ""), "latin": fold(data.latin_name or ""),
        "email": (data.email or "").strip().casefold(), "phones": digits,
        "message": (data.message or "").strip(), "diagnosis": (data.diagnosis or "").strip(),
        "source": (data.source or "").strip(), "when": when.isoformat(),
    }
    return hashlib.sha256(json.dumps(said, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def inquiry_row(data: LeadInput, *, lead_diagnosis: str | None, when: datetime, now: datetime,
                actor: int | None) -> dict[str, Any]:
    """The "inquiry" interaction an arriving inquiry leaves on its lead (a new lead, or the one it
    duplicates): the message as notes, the source, the diagnosis it names when the lead holds
    another, and its fingerprint. Column values (lead_id apart), for the ORM and the batch
    writer's inserts alike."""
    details: dict[str, Any] = {"fingerprint": inquiry_fingerprint(data, when)}
    if data.source:
        details["source"] = data.source
    diagnosis = clean_text(data.diagnosis)
    if diagnosis and diagnosis != lead_diagnosis:
        details["diagnosis"] = diagnosis
    return {"kind": "inquiry", "direction": "in", "occurred_at": when, "duration_seconds": None, "outcome": None,
            "notes": clean_text(data.message), "coordinator_id": actor, "follow_up_at": None,
            "details": details, "created_at": now}


@dataclass
class Absorbed:
    """What an inquiry on an existing lead did."""

    repeated: bool = False  # the same inquiry was already there: nothing written
    added: list[str] = field(default_factory=list)  # e.g. "email a@b.c", "phone +7 916 …"
    review: str | None = None  # why the lead now needs a look
    #: On a team database, what it would add to a colleague's lead (listed in the inquiry for them).
    left_for_owner: list[str] = field(default_factory=list)


def repeats_inquiry(session: Session, lead_id: int, data: LeadInput, when: datetime) -> bool:
    """Whether the lead already holds this inquiry (the same file read again)."""
    fingerprint = inquiry_fingerprint(data, when)
    message = clean_text(data.message)
    for details, occurred_at, notes in session.execute(
            select(Interaction.details, Interaction.occurred_at, Interaction.notes)
            .where(Interaction.lead_id == lead_id, Interaction.kind == "inquiry")):
        details = details or {}
        if details.get("fingerprint") == fingerprint:
            return True
        # Inquiries recorded before fingerprints: the same moment, message and source.
        if "fingerprint" not in details and occurred_at == when and notes == message \
                and details.get("source") == (data.source or None):
            return True
    return False


def duplicate_words(reference: str, absorbed: Absorbed | None) -> str:
    """What happened to an inquiry that matched `reference`, in the words the CLI and the import
    report both use."""
    if absorbed is not None and absorbed.repeated:
        return f"already on {reference}: the same inquiry was imported before; nothing changed"
    return f"same phone or email as {reference}; attached as an inquiry"


def _may_change(session: Session, lead_id: int) -> bool:
    """Whether this caller may change the lead: always on a solo database; on a team's, what the
    server's own rule says (a colleague's patient takes the inquiry, not changes to the lead)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    if session.scalar(text("SELECT to_regprocedure('medtour_may_change_lead(integer)')")) is None:
        return True
    return bool(session.scalar(text("SELECT medtour_may_change_lead(:lead)"), {"lead": lead_id}))


def _additions(lead: Lead, data: LeadInput, phones: Sequence[tuple[int, str, StoredPhone]],
               email_norm: str | None) -> list[tuple[str, str, str, Callable[[], None]]]:
    """What the inquiry brings that the lead lacks: (field, value, words, apply), in order."""
    out: list[tuple[str, str, str, Callable[[], None]]] = []
    known = {p.e164 or "".join(c for c in p.raw if c.isdigit()) for p in lead.phones}
    for _position, kind, phone in phones:
        key = phone.e164 or "".join(c for c in phone.raw if c.isdigit())
        if key and key not in known:
            known.add(key)
            row = LeadPhone(kind=kind, raw=phone.raw, e164=phone.e164, valid=phone.valid, region=phone.region)

            def add_phone(row: LeadPhone = row) -> None:
                row.position = len(lead.phones)
                lead.phones.append(row)
            out.append(("phones", phone.e164 or phone.raw, f"phone {phone.e164 or phone.raw}", add_phone))
    email = (data.email or "").strip()
    if email_norm and lead.email_norm is None:
        def set_email() -> None:
            lead.email, lead.email_norm = email, email_norm
        out.append(("email", email, f"email {email}", set_email))
    elif email_norm and email_norm != lead.email_norm and email_norm not in {e.casefold() for e in lead.other_emails or []}:
        def add_email() -> None:
            lead.other_emails = [*(lead.other_emails or []), email]
        out.append(("other_emails", email, f"another email {email}", add_email))
    for key, value in data.messengers.items():
        if value and value.strip() and not (lead.messengers or {}).get(key):
            def add_messenger(key: str = key, value: str = value.strip()) -> None:
                lead.messengers = {**(lead.messengers or {}), key: value}
            out.append((key, value.strip(), f"{key} {value.strip()}", add_messenger))
    for name in ("country", "language"):
        value = getattr(data, name)
        if value and not getattr(lead, name):
            given = value.upper() if name == "country" else value
            def set_field(name: str = name, given: str = given) -> None:
                setattr(lead, name, given)
            out.append((name, given, f"{name} {given}", set_field))
    diagnosis = clean_text(data.diagnosis)
    if diagnosis and not lead.diagnosis:
        out.append(("diagnosis", diagnosis, "the diagnosis", lambda: setattr(lead, "diagnosis", diagnosis)))
    names = {fold(n) for n in (lead.full_name, lead.latin_name, *(lead.other_names or [])) if n}
    for name in dict.fromkeys(n for n in (clean_text(data.full_name, 500), clean_text(data.latin_name, 500))
                              if n and fold(n) not in names):
        def add_name(name: str = name) -> None:
            lead.other_names = [*(lead.other_names or []), name]
        out.append(("other_names", name, f"the name spelling '{name}'", add_name))
    return out


def absorb_inquiry(session: Session, lead: Lead, data: LeadInput, phones: Sequence[tuple[int, str, StoredPhone]],
                   email_norm: str | None, *, when: datetime, now: datetime, actor: int | None) -> Absorbed:
    """Record `data` (already validated; `phones` parsed) on the existing `lead`, adding what it
    brings that the lead lacks. A repeat of an inquiry already on the lead writes nothing. On a
    team database, for a colleague's patient the inquiry is attached and what it would add is
    listed in it (details "adds") for the lead's coordinator, who alone may change the lead."""
    if repeats_inquiry(session, lead.id, data, when):
        return Absorbed(repeated=True)
    additions = _additions(lead, data, phones, email_norm)
    row = inquiry_row(data, lead_diagnosis=lead.diagnosis, when=when, now=now, actor=actor)
    if additions and not _may_change(session, lead.id):
        row["details"] = {**row["details"], "adds": [words for _f, _v, words, _apply in additions]}
        session.add(Interaction(lead_id=lead.id, **row))
        session.flush()
        return Absorbed(left_for_owner=[words for _f, _v, words, _apply in additions])
    session.add(Interaction(lead_id=lead.id, **row))
    result = Absorbed()
    for field_name, value, words, apply in additions:
        apply()
        session.add(FieldEdit(lead_id=lead.id, field=field_name, old_value=None, new_value=value, coordinator_id=actor,
                              edited_at=now))
        result.added.append(words)
    new_names = [value for field_name, value, _w, _a in additions if field_name == "other_names"]
    if new_names:
        result.review = f"an inquiry under another name arrived ({new_names[0]}); check it is the same patient"
        lead.needs_review = result.review if not lead.needs_review else f"{lead.needs_review}; {result.review}"
    if additions:
        refresh_search_text(lead)
        lead.updated_at = now
    session.flush()
    return result
