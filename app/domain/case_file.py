"""The case behind a lead: opening it, and the one way a case step lands on the lead's timeline.

Every case module (records, reviews and quotes, family, schedule) writes its events through
`case_event`, so the History tab, the audit trail and team mode's server-written author treat
them like calls and status moves: an interaction of kind "case" whose `details["event"]` names the
step (e.g. "record_received", "bundle_made", "quote_chosen") and whose notes say it in words.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.leads import resolve_lead
from app.domain.working_profile import working_profile_in
from db.case_models import CaseFile
from db.models import Interaction, Lead

__all__ = ["CASE_EVENT_KIND", "case_event", "case_lead", "ensure_case"]

#: The interaction kind every case step is recorded under (app.domain.lead_records.INTERACTION_KINDS).
CASE_EVENT_KIND = "case"


def case_lead(session: Session, key: int | str) -> Lead:
    """The live lead whose case is meant (by id or reference); erased leads have no case."""
    lead = resolve_lead(session, key)
    if lead.erased_at is not None:
        raise ValidationError(f"{lead.reference} was erased; its case is gone")
    return lead


def ensure_case(session: Session, lead: Lead, now: datetime) -> CaseFile:
    """The lead's case row, made on first use."""
    case = session.scalars(select(CaseFile).where(CaseFile.lead_id == lead.id)).first()
    if case is None:
        case = CaseFile(lead_id=lead.id, clinical_flags=[], created_at=now, updated_at=now)
        session.add(case)
        session.flush()
    return case


def case_event(session: Session, lead: Lead, event: str, notes: str, *, now: datetime, actor_id: int | None = None,
               details: dict[str, Any] | None = None) -> Interaction:
    """Record a case step on the lead's timeline (who: `actor_id`, else who is working)."""
    row = Interaction(lead_id=lead.id, kind=CASE_EVENT_KIND, direction=None, occurred_at=now, notes=notes,
                      coordinator_id=actor_id if actor_id is not None else working_profile_in(session),
                      details={"event": event, **(details or {})}, created_at=now)
    session.add(row)
    lead.updated_at = now
    session.flush()
    return row
