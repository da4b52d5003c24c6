"""The pipeline and the case agree: "quote sent" needs a chosen quote, "booked" a schedule; the
refusal says what is missing, and the move goes through once the case has it."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.clock import utc_now
from app.domain.lead_records import LeadInput
from app.domain.leads import change_status, create_lead, get_lead, resolve_lead
from app.domain.pipeline import TransitionError
from db.case_models import Quote, ScheduleItem


@pytest.fixture
def lead_at_review(db):
    ref = create_lead(db, LeadInput(full_name="Layla Hassan", country="AE", email="layla@example.com")).reference
    with db.write() as s:
        resolve_lead(s, ref).status = "medical_review"  # the records gate is not what this test is about
    return ref


def _add_quote(db, ref: str, *, chosen: bool) -> None:
    with db.write() as s:
        lead = resolve_lead(s, ref)
        s.add(Quote(lead_id=lead.id, hospital_key="beijing_riverside", currency="USD",
                    items=[{"item": "manufacturing", "amount": "40000"}], created_at=utc_now(),
                    chosen_at=utc_now() if chosen else None))


def test_quote_sent_needs_a_chosen_quote(db, lead_at_review):
    with pytest.raises(TransitionError, match="no quote is chosen"):
        change_status(db, lead_at_review, "quote_sent")
    _add_quote(db, lead_at_review, chosen=False)
    with pytest.raises(TransitionError, match="no quote is chosen"):
        change_status(db, lead_at_review, "quote_sent")  # a quote that is not chosen is not enough
    _add_quote(db, lead_at_review, chosen=True)
    change_status(db, lead_at_review, "quote_sent")
    assert get_lead(db, lead_at_review).status == "quote_sent"


def test_booked_needs_a_schedule(db, lead_at_review):
    _add_quote(db, lead_at_review, chosen=True)
    change_status(db, lead_at_review, "quote_sent")
    change_status(db, lead_at_review, "decision_pending")
    with pytest.raises(TransitionError) as refused:
        change_status(db, lead_at_review, "booked")
    assert "cannot move to 'Booked' yet" in str(refused.value) and "schedule" in str(refused.value)
    assert get_lead(db, lead_at_review).status == "decision_pending"  # refused, nothing written
    with db.write() as s:
        lead = resolve_lead(s, lead_at_review)
        s.add(ScheduleItem(lead_id=lead.id, kind="stage", key="arrival", starts_on=date(2027, 2, 1), position=0))
    change_status(db, lead_at_review, "booked")
    assert get_lead(db, lead_at_review).status == "booked"


def test_exits_stay_open_whatever_the_case(db, lead_at_review):
    change_status(db, lead_at_review, "lost", "Chose another provider")
    assert get_lead(db, lead_at_review).status == "lost"


def test_records_received_needs_every_required_record(db):
    from app.domain.case_records import mark_received, record_checklist

    ref = create_lead(db, LeadInput(full_name="Bola Adeyemi", country="NG", email="bola@example.ng",
                                    diagnosis="DLBCL", program="car_t_lymphoma")).reference
    with db.write() as s:
        resolve_lead(s, ref).status = "qualified"
    items = record_checklist(db, ref).items
    assert items, "the program's offer asks for records"
    with pytest.raises(TransitionError) as refused:
        change_status(db, ref, "records_received")
    assert "records still missing" in str(refused.value) and items[0].label in str(refused.value)
    for item in items:
        mark_received(db, ref, item.key)
    change_status(db, ref, "records_received")
    assert get_lead(db, ref).status == "records_received"
