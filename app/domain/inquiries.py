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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.lead_records import LeadInput
from app.domain.phone import StoredPhone, phone_search_keys
from app.domain.search_text import build_search_text, fold
from db.models import FieldEdit, Interaction, Lead, LeadPhone

__all__ = ["MAX_TEXT", "Absorbed", "absorb_inquiry", "clean_text", "inquiry_fingerprint", "inquiry_row",
           "refresh_search_text", "repeats_inquiry"]

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


def absorb_inquiry(session: Session, lead: Lead, data: LeadInput, phones: Sequence[tuple[int, str, StoredPhone]],
                   email_norm: str | None, *, when: datetime, now: datetime, actor: int | None) -> Absorbed:
    """Record `data` (already validated; `phones` parsed) on the existing `lead`, adding what it
    brings that the lead lacks. A repeat of an inquiry already on the lead writes nothing."""
    if repeats_inquiry(session, lead.id, data, when):
        return Absorbed(repeated=True)
    session.add(Interaction(lead_id=lead.id, **inquiry_row(data, lead_diagnosis=lead.diagnosis, when=when, now=now,
                                                           actor=actor)))
    result = Absorbed()

    def edit(name: str, old: str | None, new: str, said: str) -> None:
        session.add(FieldEdit(lead_id=lead.id, field=name, old_value=old, new_value=new, coordinator_id=actor, edited_at=now))
        result.added.append(said)

    known = {p.e164 or "".join(c for c in p.raw if c.isdigit()) for p in lead.phones}
    for _position, kind, phone in phones:
        key = phone.e164 or "".join(c for c in phone.raw if c.isdigit())
        if key and key not in known:
            lead.phones.append(LeadPhone(position=len(lead.phones), kind=kind, raw=phone.raw, e164=phone.e164,
                                         valid=phone.valid, region=phone.region))
            known.add(key)
            edit("phones", None, phone.e164 or phone.raw, f"phone {phone.e164 or phone.raw}")
    email = (data.email or "").strip()
    if email_norm and lead.email_norm is None:
        lead.email, lead.email_norm = email, email_norm
        edit("email", None, email, f"email {email}")
    elif email_norm and email_norm != lead.email_norm and email_norm not in {e.casefold() for e in lead.other_emails or []}:
        lead.other_emails = [*(lead.other_emails or []), email]
        edit("other_emails", None, email, f"another email {email}")
    for key, value in data.messengers.items():
        if value and value.strip() and not (lead.messengers or {}).get(key):
            lead.messengers = {**(lead.messengers or {}), key: value.strip()}
            edit(key, None, value.strip(), f"{key} {value.strip()}")
    for name in ("country", "language"):
        value = getattr(data, name)
        if value and not getattr(lead, name):
            setattr(lead, name, value.upper() if name == "country" else value)
            edit(name, None, getattr(lead, name), f"{name} {getattr(lead, name)}")
    diagnosis = clean_text(data.diagnosis)
    if diagnosis and not lead.diagnosis:
        lead.diagnosis = diagnosis
        edit("diagnosis", None, diagnosis, "the diagnosis")
    names = {fold(n) for n in (lead.full_name, lead.latin_name, *(lead.other_names or [])) if n}
    new_names = [n for n in (clean_text(data.full_name, 500), clean_text(data.latin_name, 500)) if n and fold(n) not in names]
    for name in dict.fromkeys(new_names):
        lead.other_names = [*(lead.other_names or []), name]
        edit("other_names", None, name, f"the name spelling '{name}'")
    if new_names:
        result.review = f"an inquiry under another name arrived ({new_names[0]}); check it is the same patient"
        lead.needs_review = result.review if not lead.needs_review else f"{lead.needs_review}; {result.review}"
    refresh_search_text(lead)
    lead.updated_at = now
    session.flush()
    return result
