"""The case's conditions on the pipeline (app.domain.status_gates): a lead enters "quote sent" with
a chosen quote and "booked" with a schedule; "records received" with every required record in
hand (the rule of app.domain.case_records). `install_case_gates()` registers them; app.storage does
it for every database it opens, so the CLI and the desk refuse the same moves with the same words.
"""
from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.domain.pipeline import Status
from app.domain.status_gates import register_gate
from db.models import Lead

__all__ = ["install_case_gates", "needs_chosen_quote", "needs_records", "needs_schedule"]


# The case's modules (and the partner catalogue behind them) load when a gate is first asked, not
# when a database opens: most commands never move a status.


def needs_chosen_quote(session: Session, lead: Lead) -> list[str]:
    from app.domain.quotes import chosen_quote_in

    if chosen_quote_in(session, lead.id) is not None:
        return []
    return ["no quote is chosen (Review & quotes: choose the hospital's quote the patient accepted)"]


def needs_schedule(session: Session, lead: Lead) -> list[str]:
    from db.case_models import ScheduleItem

    planned = session.scalar(select(exists().where(ScheduleItem.lead_id == lead.id, ScheduleItem.kind == "stage")))
    return [] if planned else ["there is no treatment schedule (Schedule: give the arrival date)"]


def needs_records(session: Session, lead: Lead) -> list[str]:
    from app.domain.case_records import required_records_received

    received, missing = required_records_received(session, lead)
    return [] if received else [f"records still missing: {', '.join(missing)} (Records: attach them or mark them received)"]


def install_case_gates() -> None:
    register_gate(Status.RECORDS_RECEIVED, needs_records)
    register_gate(Status.QUOTE_SENT, needs_chosen_quote)
    register_gate(Status.BOOKED, needs_schedule)
