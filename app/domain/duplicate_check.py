"""Does a phone or email being typed already belong to another lead?

The lead editor asks this while the coordinator types, so that a second record for the same
family is caught before it is saved. The rule is the one `create_lead` applies (same E.164
number or same folded email, live leads only, the oldest first): see `db.lead_queries.find_by_contact`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.lead_history import FIELD_LABELS
from app.domain.lead_records import LeadDetail
from app.domain.leads import MERGE_FILLED_FIELDS, check_email, normalise_email
from app.domain.phone import parse_phone
from db.engine import Database
from db.lead_queries import find_by_contact

__all__ = ["DuplicateMatch", "find_duplicate", "merge_preview"]


@dataclass(frozen=True)
class DuplicateMatch:
    """Another lead that has one of the typed contacts."""

    lead_id: int
    reference: str
    name: str
    status: str
    field: str  # "phone" or "email"
    value: str  # the contact as it was typed

    def describe(self) -> str:
        """'This phone belongs to L-2026-00012 Иван Петров'."""
        return f"This {self.field} belongs to {self.reference} {self.name}"


def find_duplicate(
    db: Database,
    phones_raw: Sequence[str],
    email: str | None,
    country: str | None = None,
    exclude_id: int | None = None,
) -> DuplicateMatch | None:
    """The first other lead sharing a typed phone (read with `country` as the default region) or
    the email; phones are checked first, in the order given. Unparseable input matches nothing."""
    checks: list[tuple[str, str, list[str], str | None]] = []
    for raw in phones_raw:
        info = parse_phone(raw, country)
        if info.e164:
            checks.append(("phone", raw.strip(), [info.e164], None))
    if email and not check_email(email):
        checks.append(("email", email.strip(), [], normalise_email(email)))
    if not checks:
        return None
    with db.read() as session:
        for field, typed, e164s, email_norm in checks:
            lead = find_by_contact(session, e164s, email_norm, exclude_id=exclude_id)
            if lead is not None:
                return DuplicateMatch(lead.id, lead.reference, lead.full_name, lead.status, field, typed)
    return None


def merge_preview(keep: LeadDetail, drop: LeadDetail) -> list[str]:
    """What `merge_leads(keep, drop)` would move or copy, one readable line each (from detached
    records with their history, so nothing is written to find out)."""
    lines = []
    moved = [
        (len(drop.interactions), "interaction", "interactions"),
        (len(drop.status_history), "status change", "status changes"),
        (len(drop.field_edits), "field edit", "field edits"),
    ]
    for count, one, many in moved:
        if count:
            lines.append(f"{count} {one if count == 1 else many} move to {keep.reference}")
    known = {p.e164 or p.raw for p in keep.phones}
    for phone in drop.phones:
        if (phone.e164 or phone.raw) not in known:
            lines.append(f"phone {phone.raw} ({phone.kind}) is added")
            known.add(phone.e164 or phone.raw)
    for name in MERGE_FILLED_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            lines.append(f"{FIELD_LABELS.get(name, name)} is filled in from {drop.reference}")
    for messenger, handle in drop.messengers.items():
        if handle and not keep.messengers.get(messenger):
            lines.append(f"{messenger.capitalize()} {handle} is added")
    if drop.consent_health_data and not keep.consent_health_data:
        lines.append(f"consent to store health data is taken from {drop.reference}")
    lines.append(f"{drop.reference} is marked Duplicate, pointing to {keep.reference} (nothing is deleted)")
    return lines
