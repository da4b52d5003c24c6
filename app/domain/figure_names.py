"""One name and one definition for each figure the desk shows in more than one place, so Today,
the Dashboard and the Pipeline say the same thing the same way (and a coordinator can tell why
two figures differ: the scope, said beside the number).

- **Waiting for a first contact**: a lead in status New with no call, message or email logged
  yet, however old (`waiting_for_first_contact`). Today shows yours and the pool's; the
  Dashboard everyone's.
- **New** (the Pipeline's stage): every lead in status New, contacted or not; its tooltip says
  how many of them are still waiting for a first contact.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement

from app.domain.pipeline import Status
from db.models import Lead

__all__ = ["SCOPE_EVERYONE", "SCOPE_MINE", "WAITING_FIRST_CONTACT", "WAITING_FIRST_CONTACT_MEANS", "new_stage_tooltip",
           "waiting_for_first_contact"]

WAITING_FIRST_CONTACT = "Waiting for a first contact"
WAITING_FIRST_CONTACT_MEANS = "new leads with no call, message or email logged yet, however old"
SCOPE_MINE = "yours and the pool's"
SCOPE_EVERYONE = "everyone's"


def waiting_for_first_contact() -> tuple[ColumnElement[bool], ...]:
    """The condition, for a query's WHERE (with the caller's own scope and liveness)."""
    return (Lead.status == Status.NEW.value, Lead.first_contact_at.is_(None))


def new_stage_tooltip(in_new: int, waiting: int) -> str:
    return (f"New: {in_new:,} lead{'s' if in_new != 1 else ''} in status New; {waiting:,} of them "
            f"{WAITING_FIRST_CONTACT.lower()} ({WAITING_FIRST_CONTACT_MEANS}), "
            f"{max(in_new - waiting, 0):,} contacted but not moved on")
