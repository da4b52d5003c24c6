"""The lead status pipeline: every status, its label and the allowed moves, defined once.

The GUI, the CLI, the import and the packet all read these definitions.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import TransitionError


class Status(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    QUALIFIED = "qualified"
    RECORDS_RECEIVED = "records_received"
    MEDICAL_REVIEW = "medical_review"
    QUOTE_SENT = "quote_sent"
    DECISION_PENDING = "decision_pending"
    BOOKED = "booked"
    IN_TREATMENT = "in_treatment"
    AFTERCARE = "aftercare"
    COMPLETED = "completed"
    LOST = "lost"
    NOT_ELIGIBLE = "not_eligible"
    UNREACHABLE = "unreachable"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class StatusInfo:
    status: Status
    label: str
    is_exit: bool = False
    reason_required: bool = False
    colour: str = "#5b6b7a"


#: The forward path, in order. Each step may move one step forward.
MAIN_PATH: tuple[Status, ...] = (
    Status.NEW,
    Status.CONTACTED,
    Status.QUALIFIED,
    Status.RECORDS_RECEIVED,
    Status.MEDICAL_REVIEW,
    Status.QUOTE_SENT,
    Status.DECISION_PENDING,
    Status.BOOKED,
    Status.IN_TREATMENT,
    Status.AFTERCARE,
    Status.COMPLETED,
)

#: Exits reachable from any open status.
EXITS: tuple[Status, ...] = (Status.LOST, Status.NOT_ELIGIBLE, Status.UNREACHABLE, Status.DUPLICATE)

STATUS_INFO: dict[Status, StatusInfo] = {
    Status.NEW: StatusInfo(Status.NEW, "New", colour="#1f77b4"),
    Status.CONTACTED: StatusInfo(Status.CONTACTED, "Contacted", colour="#2a9d8f"),
    Status.QUALIFIED: StatusInfo(Status.QUALIFIED, "Qualified", colour="#3a86a8"),
    Status.RECORDS_RECEIVED: StatusInfo(Status.RECORDS_RECEIVED, "Records received", colour="#4c78a8"),
    Status.MEDICAL_REVIEW: StatusInfo(Status.MEDICAL_REVIEW, "Medical review", colour="#6a4c93"),
    Status.QUOTE_SENT: StatusInfo(Status.QUOTE_SENT, "Quote sent", colour="#8e44ad"),
    Status.DECISION_PENDING: StatusInfo(Status.DECISION_PENDING, "Decision pending", colour="#b5651d"),
    Status.BOOKED: StatusInfo(Status.BOOKED, "Booked", colour="#2e7d32"),
    Status.IN_TREATMENT: StatusInfo(Status.IN_TREATMENT, "In treatment", colour="#388e3c"),
    Status.AFTERCARE: StatusInfo(Status.AFTERCARE, "Aftercare", colour="#43a047"),
    Status.COMPLETED: StatusInfo(Status.COMPLETED, "Completed", colour="#1b5e20"),
    Status.LOST: StatusInfo(Status.LOST, "Lost", is_exit=True, reason_required=True, colour="#9e9e9e"),
    Status.NOT_ELIGIBLE: StatusInfo(
        Status.NOT_ELIGIBLE, "Not eligible", is_exit=True, reason_required=True, colour="#757575"
    ),
    Status.UNREACHABLE: StatusInfo(Status.UNREACHABLE, "Unreachable", is_exit=True, colour="#bdbdbd"),
    Status.DUPLICATE: StatusInfo(Status.DUPLICATE, "Duplicate", is_exit=True, colour="#cfd8dc"),
}

#: Common reasons offered in pickers (free text is always allowed).
LOST_REASONS: tuple[str, ...] = (
    "Chose another provider",
    "Too expensive",
    "Cannot travel",
    "Treated at home",
    "Patient passed away",
    "No response after follow-ups",
    "Other",
)
NOT_ELIGIBLE_REASONS: tuple[str, ...] = (
    "Diagnosis not treatable with our programs",
    "Performance status too low",
    "Active infection or organ failure",
    "Prior CAR-T failure without new target",
    "Other",
)

#: Reasons offered for the statuses that need one.
SUGGESTED_REASONS: dict[Status, tuple[str, ...]] = {
    Status.LOST: LOST_REASONS,
    Status.NOT_ELIGIBLE: NOT_ELIGIBLE_REASONS,
}

ALL_STATUSES: tuple[Status, ...] = MAIN_PATH + EXITS


def parse_status(text: str) -> Status:
    """Accept 'quote_sent', 'quote sent', 'Quote sent', 'quote-sent'."""
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return Status(key)
    except ValueError:
        names = ", ".join(s.value for s in ALL_STATUSES)
        raise TransitionError(f"unknown status '{text}'; statuses are: {names}") from None


def allowed_next(current: Status) -> tuple[Status, ...]:
    """Where a lead in `current` may move: one step forward, or an exit at any point.

    A lead that left through an exit may be reopened (`new` or `contacted`) or moved to another exit,
    so a coordinator can correct a mistaken exit; the audit trail keeps every move.
    """
    others = tuple(e for e in EXITS if e is not current)
    if current in EXITS:
        return (Status.NEW, Status.CONTACTED, *others)
    index = MAIN_PATH.index(current)
    forward = MAIN_PATH[index + 1 : index + 2]
    return forward + others


def check_transition(current: Status, target: Status, reason: str | None) -> None:
    """Raise TransitionError with a readable message when the move is not allowed."""
    if target == current:
        raise TransitionError(f"the lead is already '{STATUS_INFO[current].label}'")
    allowed = allowed_next(current)
    if target not in allowed:
        names = ", ".join(s.value for s in allowed)
        raise TransitionError(
            f"cannot move from '{current.value}' to '{target.value}'; allowed: {names}"
        )
    if STATUS_INFO[target].reason_required and not (reason and reason.strip()):
        raise TransitionError(f"moving to '{target.value}' needs a reason")


def label(status: Status | str) -> str:
    return STATUS_INFO[Status(status)].label
