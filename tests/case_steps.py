"""For tests that walk a lead along the pipeline: give its case what each status needs (every
required record received, a chosen quote, a schedule), the way a coordinator would before the move."""
from __future__ import annotations

from datetime import date

from app.domain.case_records import mark_received, record_checklist
from app.domain.clock import Clock, utc_now
from app.domain.leads import resolve_lead
from app.domain.pipeline import Status
from db.case_models import Quote, ScheduleItem


def ready_for(db, key: int | str, status: Status | str, *, clock: Clock = utc_now) -> None:
    target = Status(status)
    if target is Status.RECORDS_RECEIVED:
        for item in record_checklist(db, key).items:
            if item.state not in ("received", "accepted"):
                mark_received(db, key, item.key, clock=clock)
    elif target is Status.QUOTE_SENT:
        with db.write() as session:
            lead = resolve_lead(session, key)
            session.add(Quote(lead_id=lead.id, hospital_key="beijing_riverside", offer_key="riverside_b_all",
                              currency="USD", items=[{"item": "manufacturing", "amount": "45000"}],
                              created_at=clock(), chosen_at=clock()))
    elif target is Status.BOOKED:
        with db.write() as session:
            lead = resolve_lead(session, key)
            session.add(ScheduleItem(lead_id=lead.id, kind="stage", key="arrival", starts_on=date(2027, 2, 1), position=0))
