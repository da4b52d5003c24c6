"""Everything that happened to a lead, as one list, newest first: interactions, status changes
and field edits, each turned into a plain entry a timeline (or a report) can show.

Texts here are plain strings; whoever shows them must not interpret them as markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.countries import language_name
from app.domain.lead_records import (
    DIAGNOSIS_CATEGORIES,
    INTERACTION_KINDS,
    OUTCOMES,
    InteractionRecord,
    LeadDetail,
)
from app.domain.pipeline import STATUS_INFO, Status
from app.domain.program_choices import program_label

__all__ = ["FIELD_LABELS", "HistoryEntry", "format_duration", "lead_history"]

#: How a lead field is named on screen (the editor, the timeline, the conflict dialog).
FIELD_LABELS: dict[str, str] = {
    "full_name": "Name",
    "latin_name": "Name in Latin letters",
    "country": "Country",
    "language": "Language",
    "timezone": "Time zone",
    "email": "Email",
    "phones": "Phones",
    "messengers": "Messengers",
    "source": "Source",
    "diagnosis": "Diagnosis",
    "diagnosis_category": "Diagnosis category",
    "program": "Program",
    "budget_amount": "Budget",
    "budget_currency": "Budget currency",
    "companions": "Companions",
    "coordinator_id": "Coordinator",
    "next_follow_up": "Next follow-up",
    "consent_health_data": "Consent to store health data",
    "consent_method": "Consent given by",
    "assignment_reason": "Why assigned",
}


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    #: "call", "inquiry", "email", "message", "meeting", "note", "packet", "status" or "edit".
    category: str
    title: str
    #: One short line of facts ("Reached · 4 min 32 s · follow-up set").
    facts: str
    #: Free text (call notes, the inquiry's message, a reason, old → new); may be very long.
    body: str | None
    who: str | None
    #: The outcome, status or field the entry is about (for colouring), e.g. "reached", "lost".
    key: str | None = None


def format_duration(seconds: int | None) -> str:
    """'4 min 32 s', '45 s', '1 h 05 min'; '' for None."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _category(kind: str) -> str:
    if kind.startswith("call"):
        return "call"
    if kind.startswith("email"):
        return "email"
    if kind.startswith("message"):
        return "message"
    return kind if kind in ("inquiry", "meeting", "note", "packet") else "note"


def _interaction(record: InteractionRecord) -> HistoryEntry:
    facts: list[str] = []
    if record.outcome:
        facts.append(OUTCOMES.get(record.outcome, record.outcome))
    if record.duration_seconds:
        facts.append(format_duration(record.duration_seconds))
    details = record.details or {}
    if record.kind == "packet":
        if details.get("language"):
            facts.append(f"in {language_name(details['language'])}")
        if details.get("program"):
            facts.append(program_label(details["program"]))
        if details.get("file"):
            facts.append(str(details["file"]))
        if details.get("sha256"):
            facts.append(f"sha256 {str(details['sha256'])[:12]}…")
    if record.kind == "inquiry" and details.get("source"):
        facts.append(f"via {details['source']}")
    if record.follow_up_at is not None:
        facts.append("follow-up set")
    body = record.notes
    if record.kind == "inquiry" and details.get("diagnosis"):
        body = "\n".join(p for p in (f"Diagnosis: {details['diagnosis']}", record.notes) if p)
    if record.kind == "packet" and details.get("sha256"):
        body = "\n".join(p for p in (record.notes, f"sha256: {details['sha256']}") if p)
    return HistoryEntry(
        when=record.occurred_at,
        category=_category(record.kind),
        title=INTERACTION_KINDS.get(record.kind, record.kind.replace("_", " ").capitalize()),
        facts=" · ".join(facts),
        body=body,
        who=record.coordinator,
        key=record.outcome or record.kind,
    )


def _status_label(value: str | None) -> str:
    if value is None:
        return "—"
    try:
        return STATUS_INFO[Status(value)].label
    except ValueError:
        return value


def _shown_value(field: str, value: str | None) -> str:
    if value in (None, ""):
        return "(empty)"
    if field == "diagnosis_category":
        return DIAGNOSIS_CATEGORIES.get(value, value)
    return value


def _assignment_title(old: str | None, new: str | None) -> str:
    """"Assigned to Omar (was Mona)", "Assigned to Omar (was in the pool)", "Moved to the pool (was Omar)"."""
    was = f"was {old}" if old else "was in the pool"
    return f"Assigned to {new} ({was})" if new else f"Moved to the pool ({was})"


def lead_history(detail: LeadDetail) -> list[HistoryEntry]:
    """All of `detail`'s history, newest first (ties: status changes, then interactions, then edits)."""
    entries: list[tuple[datetime, int, int, HistoryEntry]] = []
    for record in detail.interactions:
        entries.append((record.occurred_at, 1, record.id, _interaction(record)))
    for change in detail.status_history:
        if change.from_status is None:
            title = f"Created as {_status_label(change.to_status)}"
        else:
            title = f"{_status_label(change.from_status)} → {_status_label(change.to_status)}"
        entries.append((change.changed_at, 2, change.id, HistoryEntry(
            when=change.changed_at, category="status", title=title, facts="",
            body=change.reason, who=change.coordinator, key=change.to_status,
        )))
    # A reassignment is two edits made together: the coordinator, and why (shown as one entry).
    why = {(e.edited_at, e.coordinator): e.new_value for e in detail.field_edits if e.field == "assignment_reason"}
    for edit in detail.field_edits:
        if edit.field == "assignment_reason":
            continue
        if edit.field == "coordinator_id":
            entries.append((edit.edited_at, 0, edit.id, HistoryEntry(
                when=edit.edited_at, category="edit", title=_assignment_title(edit.old_value, edit.new_value), facts="",
                body=why.get((edit.edited_at, edit.coordinator)), who=edit.coordinator, key=edit.field,
            )))
            continue
        label = FIELD_LABELS.get(edit.field, edit.field.replace("_", " ").capitalize())
        entries.append((edit.edited_at, 0, edit.id, HistoryEntry(
            when=edit.edited_at, category="edit", title=f"{label} edited", facts="",
            body=f"{_shown_value(edit.field, edit.old_value)} → {_shown_value(edit.field, edit.new_value)}",
            who=edit.coordinator, key=edit.field,
        )))
    entries.sort(key=lambda item: (item[0], item[1], item[2]), reverse=True)
    return [entry for *_, entry in entries]
