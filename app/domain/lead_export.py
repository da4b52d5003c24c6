"""Exporting leads to CSV or JSON, streamed, with spreadsheet formula injection defused."""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.atomic_file import atomic_write
from app.domain.errors import ValidationError
from app.domain.lead_records import to_jsonable
from app.domain.output_path import check_output_path
from app.domain.phone import parse_phone
from db.engine import Database
from db.models import Coordinator, Lead, LeadPhone
from db.team_policies import check_may_export

CSV_COLUMNS = (
    "reference", "full_name", "latin_name", "country", "language", "status", "status_reason", "email",
    "phone_e164", "phones", "whatsapp", "wechat", "telegram", "source", "diagnosis", "diagnosis_category",
    "program", "budget_amount", "budget_currency", "companions", "coordinator", "next_follow_up",
    "inquiry_at", "first_contact_at", "last_contact_at", "consent_health_data", "consent_at",
    "created_at", "updated_at",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"^[+-]?[0-9][0-9 ()./-]*$")
CHUNK = 2000


def csv_safe(value: Any) -> str:
    """A cell a spreadsheet shows as text: anything starting like a formula gets a leading apostrophe.

    Phone numbers and plain numbers (digits and punctuation only) cannot run anything and stay as typed.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(to_jsonable(value))
    if text.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(text):
        return "'" + text
    return text


def _lead_dicts(db: Database, ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    with db.read() as session:
        if ids is None:
            ids = list(session.scalars(select(Lead.id).where(Lead.erased_at.is_(None)).order_by(Lead.id)))
        names: dict[int | None, str] = dict(session.execute(select(Coordinator.id, Coordinator.name)).all())
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            phones: dict[int, list[LeadPhone]] = {}
            for phone in session.scalars(select(LeadPhone).where(LeadPhone.lead_id.in_(chunk)).order_by(LeadPhone.position)):
                phones.setdefault(phone.lead_id, []).append(phone)
            leads = {lead.id: lead for lead in session.scalars(select(Lead).where(Lead.id.in_(chunk)))}
            for lead_id in chunk:
                lead = leads[lead_id]
                own = phones.get(lead_id, [])
                messengers = lead.messengers or {}
                yield {
                    "id": lead.id,
                    "reference": lead.reference,
                    "full_name": lead.full_name,
                    "latin_name": lead.latin_name,
                    "country": lead.country,
                    "language": lead.language,
                    "status": lead.status,
                    "status_reason": lead.status_reason,
                    "email": lead.email,
                    "phone_e164": next((p.e164 for p in own if p.e164), None),
                    "phones": [
                        {"raw": p.raw, "e164": p.e164, "valid": bool(p.valid), "kind": p.kind,
                         "international": parse_phone(p.e164).international if p.e164 else None}
                        for p in own
                    ],
                    "whatsapp": messengers.get("whatsapp"),
                    "wechat": messengers.get("wechat"),
                    "telegram": messengers.get("telegram"),
                    "source": lead.source,
                    "diagnosis": lead.diagnosis,
                    "diagnosis_category": lead.diagnosis_category,
                    "program": lead.program,
                    "budget_amount": lead.budget_amount,
                    "budget_currency": lead.budget_currency,
                    "companions": lead.companions,
                    "coordinator": names.get(lead.coordinator_id),
                    "next_follow_up": lead.next_follow_up,
                    "inquiry_at": lead.inquiry_at,
                    "first_contact_at": lead.first_contact_at,
                    "last_contact_at": lead.last_contact_at,
                    "consent_health_data": bool(lead.consent_health_data),
                    "consent_at": lead.consent_at,
                    "created_at": lead.created_at,
                    "updated_at": lead.updated_at,
                }


def export_leads(
    db: Database, path: str | Path, *, ids: list[int] | None = None, progress: Callable[[int], None] | None = None,
    force: bool = False,
) -> int:
    """Write leads to `path` (.csv or .json, chosen by the suffix); returns how many were written.
    An existing file is replaced only with `force` (a save dialog that asked "Replace?"), never
    the database (app.domain.output_path)."""
    target = check_output_path(path, database=db.path, force=force, what="the export")
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise ValidationError(f"export to .csv or .json, not '{target.suffix or target.name}'")
    with db.read() as session:  # a team's server says whether this person may export (managers, admins)
        check_may_export(session.connection())
    count = 0
    if suffix == ".csv":
        with atomic_write(target, newline="", encoding="utf-8-sig", private=True) as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for lead in _lead_dicts(db, ids):
                flat = dict(lead)
                flat["phones"] = "; ".join(p["international"] or p["raw"] for p in lead["phones"])
                writer.writerow([csv_safe(flat[c]) for c in CSV_COLUMNS])
                count += 1
                if progress and count % 1000 == 0:
                    progress(count)
    else:
        with atomic_write(target, private=True) as handle:
            handle.write("[")
            for lead in _lead_dicts(db, ids):
                handle.write(",\n" if count else "\n")
                handle.write(json.dumps(to_jsonable(lead), ensure_ascii=False))
                count += 1
                if progress and count % 1000 == 0:
                    progress(count)
            handle.write("\n]\n")
    return count
