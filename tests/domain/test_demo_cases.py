"""`medtour demo` fills each demo lead's case as far as its status says the work has come, so the
case tabs, Today and the dashboard have something real to show — and the demo never contradicts
the pipeline's own rules (a lead past "quote sent" has a chosen quote, a booked one a schedule)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.domain.case_gates import needs_chosen_quote, needs_schedule
from app.domain.catalogue import current_catalogue
from app.domain.demo_data import generate_demo
from app.domain.pipeline import MAIN_PATH, Status
from db.case_models import CaseDocument, CaseFile, CasePerson, DocumentContent, MedicalReview, Quote, RecordItem, ScheduleItem
from db.models import Interaction, Lead


def test_demo_cases_follow_each_leads_status(db):
    generate_demo(db, 600, seed=4)
    catalogue = current_catalogue(db)
    stage = {s.value: i for i, s in enumerate(MAIN_PATH)}
    with db.read() as s:
        leads = s.scalars(select(Lead)).all()
        cases = {c.lead_id for c in s.scalars(select(CaseFile))}
        chosen = {q.lead_id: q for q in s.scalars(select(Quote).where(Quote.chosen_at.is_not(None)))}
        stages = Counter(i.lead_id for i in s.scalars(select(ScheduleItem).where(ScheduleItem.kind == "stage")))
        travellers = {p.lead_id for p in s.scalars(select(CasePerson).where(CasePerson.travels))}
        reviews = {r.lead_id: r for r in s.scalars(select(MedicalReview))}
        records = Counter(r.lead_id for r in s.scalars(select(RecordItem).where(RecordItem.state.in_(("received", "accepted")))))
        documents = s.execute(select(CaseDocument.sha256, CaseDocument.size, DocumentContent.data)
                              .join(DocumentContent, DocumentContent.document_id == CaseDocument.id)).all()
        by_status = Counter(lead.status for lead in leads)
        events: dict[int, set[str]] = {}
        for lead_id, details in s.execute(select(Interaction.lead_id, Interaction.details).where(Interaction.kind == "case")):
            events.setdefault(lead_id, set()).add(details["event"])
        for lead in leads:
            at = stage.get(lead.status, -1)
            if at >= stage["quote_sent"]:
                # No program without a partner offer gets this far.
                assert any(o.program == lead.program for o in catalogue.offers.values()), lead.reference
                assert lead.id in chosen and needs_chosen_quote(s, lead) == []
                assert reviews[lead.id].verdict == "eligible"
                assert chosen[lead.id].currency == catalogue.offers[chosen[lead.id].offer_key].currency
            if at >= stage["records_received"]:
                assert lead.id in cases and records[lead.id] > 0
            if at >= stage["booked"]:
                assert stages[lead.id] > 0 and needs_schedule(s, lead) == [] and lead.id in travellers
                assert {"bundle_made", "quote_chosen", "schedule_planned"} <= events[lead.id]  # the History tells it
    assert all(by_status[s.value] for s in (Status.QUALIFIED, Status.RECORDS_RECEIVED, Status.MEDICAL_REVIEW,
                                            Status.QUOTE_SENT, Status.BOOKED))
    assert documents and all(len(data) == size and data.startswith(b"%PDF-") for _sha, size, data in documents)
    import hashlib

    assert all(hashlib.sha256(data).hexdigest() == sha for sha, _size, data in documents)
