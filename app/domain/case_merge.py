"""What happens to the case when two leads are merged (app.domain.leads.merge_leads_in): the
duplicate's records, files, consents, reviews, quotes, people and travel details move
onto the lead that is kept. Where both hold the same fact (a case row, the same checklist item, a
chosen quote, a schedule, the patient's passport details) the kept lead's stays, the more advanced
checklist state wins, and the duplicate's row stays on the duplicate — still there, never lost.
"""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.case_models import (
    CaseDocument,
    CaseFile,
    CasePerson,
    DocumentContent,
    MedicalReview,
    PurposeConsent,
    Quote,
    RecordItem,
    ScheduleItem,
    SharingConsent,
    TravelDocument,
)

__all__ = ["RECORD_STATE_ORDER", "merge_case_rows"]

#: How far a checklist item has come; a merge keeps the further of two.
RECORD_STATE_ORDER = ("missing", "requested", "received", "accepted")

# The read log stays with the lead it was written on (it is append-only, and erasure follows the
# merge group to it); everything else moves.
_MOVED_WHOLE = (CaseDocument, DocumentContent, SharingConsent, PurposeConsent, MedicalReview, CasePerson)


def _rank(state: str) -> int:
    return RECORD_STATE_ORDER.index(state) if state in RECORD_STATE_ORDER else 0


def merge_case_rows(session: Session, keep_id: int, drop_id: int) -> None:
    """Move the case of lead `drop_id` onto lead `keep_id` (inside the merge's transaction)."""
    for model in _MOVED_WHOLE:
        session.execute(update(model).where(model.lead_id == drop_id).values(lead_id=keep_id))
    # Travel details of the people who moved follow them; the patient's own only where the kept
    # lead has none.
    session.execute(update(TravelDocument).where(TravelDocument.lead_id == drop_id, TravelDocument.person_id.is_not(None))
                    .values(lead_id=keep_id))
    has_patient_doc = session.scalar(select(TravelDocument.id).where(TravelDocument.lead_id == keep_id,
                                                                     TravelDocument.person_id.is_(None)))
    if has_patient_doc is None:
        session.execute(update(TravelDocument).where(TravelDocument.lead_id == drop_id, TravelDocument.person_id.is_(None))
                        .values(lead_id=keep_id))
    # Quotes move; if both leads had one chosen, the kept lead's choice stands.
    kept_choice = session.scalar(select(Quote.id).where(Quote.lead_id == keep_id, Quote.chosen_at.is_not(None)))
    if kept_choice is not None:
        session.execute(update(Quote).where(Quote.lead_id == drop_id).values(chosen_at=None))
    session.execute(update(Quote).where(Quote.lead_id == drop_id).values(lead_id=keep_id))
    # A schedule moves only onto a lead that has none (two plans for one journey would mislead).
    kept_plan = session.scalar(select(ScheduleItem.id).where(ScheduleItem.lead_id == keep_id).limit(1))
    if kept_plan is None:
        session.execute(update(ScheduleItem).where(ScheduleItem.lead_id == drop_id).values(lead_id=keep_id))
    _merge_case_file(session, keep_id, drop_id)
    _merge_checklist(session, keep_id, drop_id)


def _merge_case_file(session: Session, keep_id: int, drop_id: int) -> None:
    theirs = session.scalars(select(CaseFile).where(CaseFile.lead_id == drop_id)).first()
    if theirs is None:
        return
    ours = session.scalars(select(CaseFile).where(CaseFile.lead_id == keep_id)).first()
    if ours is None:
        theirs.lead_id = keep_id
        return
    ours.clinical_flags = sorted(set(ours.clinical_flags or []) | set(theirs.clinical_flags or []))
    if ours.arrival_on is None:
        ours.arrival_on = theirs.arrival_on


def _merge_checklist(session: Session, keep_id: int, drop_id: int) -> None:
    ours = {r.item_key: r for r in session.scalars(select(RecordItem).where(RecordItem.lead_id == keep_id))}
    for item in session.scalars(select(RecordItem).where(RecordItem.lead_id == drop_id)).all():
        kept = ours.get(item.item_key)
        if kept is None:
            item.lead_id = keep_id
        elif _rank(item.state) > _rank(kept.state):
            for column in ("state", "requested_at", "requested_via", "received_at", "accepted_at", "changed_by", "note",
                           "updated_at"):
                setattr(kept, column, getattr(item, column))
    session.flush()
