"""The right to erasure: everything held about one person removed, from the database file too.

What goes: the lead's personal fields (names, phones raw and E.164, email, messengers, diagnosis,
programme, budget, consent details, follow-ups…), the notes and details of every interaction
(call notes, inquiry messages, packet records with their file paths), the old and new values in
the audit trail, the reasons of status changes, the search index entries, and the packet PDF files
in the app's packets folder. Leads merged with this one are the same person and go too.

Their case goes whole: the medical files and their bytes (case_documents, document_contents), the
checklist (record_items), sharing consents, medical reviews and quotes, the people on the case and
their passport details (case_people, travel_documents), the schedule and the case row itself.
The read log (document_reads) stays, tied to the tombstone: it holds no content (who read, when,
why), a health-data audit may still need it, and its document_id is emptied by the foreign key
(ON DELETE SET NULL) when the document goes.

What stays: a tombstone — the reference, the status, the dates, `erased_at` — and the bare facts
of each interaction (kind, time, outcome), so pipeline counts stay honest.

Gone from the file, not just from view: the engine turns on `secure_delete` (freed cells and
pages are overwritten with zeros), the FTS5 index is optimised into fresh segments so the old ones
are freed, and the WAL is checkpointed and truncated. Copies made earlier (backups) still hold the
person; the result lists them so the user knows where.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from app import paths
from app.domain.clock import Clock, utc_now
from app.domain.errors import ValidationError
from app.domain.leads import _actor, resolve_lead
from app.safety.backups import BackupFile, list_backups
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
from db.engine import Database
from db.models import FieldEdit, Interaction, Lead, LeadPhone, StatusChange

ERASED_NAME = "[erased]"
ERASURE_NOTE = "Personal data erased at the person's request."
#: The same, when the agency's retention rule anonymised a lead closed long ago (app.safety.retention);
#: the note's details give the rule's years. Neither note holds personal data.
RETENTION_NOTE = "Personal data anonymised under the agency's retention rule (closed and untouched for longer than it allows)."
#: The case tables erasure empties for the person, children before the rows they point at. The
#: read log (document_reads) is not among them: see the module notes.
ERASED_CASE_TABLES = (DocumentContent, CaseDocument, RecordItem, SharingConsent, PurposeConsent, Quote, MedicalReview, TravelDocument,
                      CasePerson, ScheduleItem, CaseFile)
#: Tries (with a short pause) to empty the WAL while another connection finishes a read.
CHECKPOINT_TRIES = 20


@dataclass(frozen=True)
class ErasurePreview:
    """What an erasure would remove, for the confirmation a user must give first."""

    reference: str
    name: str
    references: tuple[str, ...]  # this lead and those merged with it (the same person)
    interactions: int
    field_edits: int
    status_changes: int
    phones: int
    packet_files: tuple[str, ...]
    #: Medical files and links on the case (their bytes go with them).
    documents: int = 0


@dataclass(frozen=True)
class ErasureResult:
    reference: str
    references: tuple[str, ...]
    erased_at: datetime
    deleted_files: tuple[Path, ...] = ()
    #: Packet files named in the records but outside the app's packets folder (or already gone).
    files_not_deleted: tuple[str, ...] = ()
    #: Copies of the database made before the erasure: they still hold the person's data.
    older_copies: tuple[BackupFile, ...] = ()
    wal_emptied: bool = True
    notes: tuple[str, ...] = field(default=())


def _merge_group(session: Session, lead: Lead) -> list[Lead]:
    """`lead` and every live lead joined to it by merges (`merged_into_id`, either direction, any
    number of steps): the same person. `lead` first, then by reference."""
    group = {lead.id: lead}
    queue = [lead]
    while queue:
        current = queue.pop()
        linked = select(Lead).where(Lead.erased_at.is_(None),
                                    or_(Lead.merged_into_id == current.id, Lead.id == current.merged_into_id))
        for other in session.scalars(linked):
            if other.id not in group:
                group[other.id] = other
                queue.append(other)
    return [lead, *sorted((other for other in group.values() if other is not lead), key=lambda other: other.reference)]


def _packet_files(session: Session, ids: list[int]) -> list[str]:
    files = []
    for details in session.scalars(select(Interaction.details).where(Interaction.lead_id.in_(ids), Interaction.kind == "packet")):
        value = (details or {}).get("file")
        if isinstance(value, str) and value.strip():
            files.append(value)
    return files


def _count(session: Session, model: Any, ids: list[int]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.lead_id.in_(ids))) or 0


def erasure_preview(db: Database, key: int | str) -> ErasurePreview:
    with db.read() as session:
        lead = resolve_lead(session, key)
        if lead.erased_at is not None:
            raise ValidationError(f"{lead.reference} was already erased on {lead.erased_at:%Y-%m-%d}")
        group = _merge_group(session, lead)
        ids = [g.id for g in group]
        return ErasurePreview(
            reference=lead.reference,
            name=lead.full_name,
            references=tuple(g.reference for g in group),
            interactions=_count(session, Interaction, ids),
            field_edits=_count(session, FieldEdit, ids),
            status_changes=_count(session, StatusChange, ids),
            phones=_count(session, LeadPhone, ids),
            packet_files=tuple(_packet_files(session, ids)),
            documents=_count(session, CaseDocument, ids),
        )


def _anonymise(lead: Lead, now: datetime) -> None:
    for name in ("latin_name", "country", "language", "timezone", "email", "email_norm", "source", "diagnosis",
                 "diagnosis_category", "program", "budget_amount", "budget_currency", "status_reason",
                 "next_follow_up", "consent_at", "consent_method"):
        setattr(lead, name, None)
    lead.full_name = ERASED_NAME
    lead.sort_name = ""
    lead.search_text = ""
    lead.messengers = {}
    lead.other_emails = []
    lead.other_names = []
    lead.needs_review = None
    lead.companions = 0
    lead.consent_health_data = False
    lead.erased_at = now
    lead.updated_at = now


def _resolve_packet_file(value: str, folder: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else folder / path


def _empty_wal(db: Database) -> bool:
    """Checkpoint and truncate the WAL; False when a reader kept it from being emptied."""
    for attempt in range(CHECKPOINT_TRIES):
        with db.engine.connect() as conn:
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return True
        time.sleep(0.05 * (attempt + 1))
    return False


def erase_person(
    db: Database,
    key: int | str,
    *,
    actor_id: int | None = None,
    clock: Clock = utc_now,
    packets_folder: Path | None = None,
    retention_years: int | None = None,
) -> ErasureResult:
    """Erase the person behind lead `key` (and the leads merged with it) in one transaction, then
    clean the file (search index, WAL) and delete their packet PDFs from the packets folder."""
    now = clock()
    with db.write() as session:
        lead = resolve_lead(session, key)
        if lead.erased_at is not None:
            raise ValidationError(f"{lead.reference} was already erased on {lead.erased_at:%Y-%m-%d}")
        group = _merge_group(session, lead)
        ids = [g.id for g in group]
        packet_files = _packet_files(session, ids)
        actor = _actor(session, actor_id)
        session.execute(update(Interaction).where(Interaction.lead_id.in_(ids)).values(notes=None, details={}, follow_up_at=None))
        session.execute(update(FieldEdit).where(FieldEdit.lead_id.in_(ids)).values(old_value=None, new_value=None))
        session.execute(update(StatusChange).where(StatusChange.lead_id.in_(ids)).values(reason=None))
        session.execute(delete(LeadPhone).where(LeadPhone.lead_id.in_(ids)))
        for model in ERASED_CASE_TABLES:
            session.execute(delete(model).where(model.lead_id.in_(ids)))
        session.expire_all()  # the ORM's view of phones and interactions is stale after bulk statements
        for member in session.scalars(select(Lead).where(Lead.id.in_(ids))):
            _anonymise(member, now)
            session.add(Interaction(lead_id=member.id, kind="note", direction=None, occurred_at=now,
                                    notes=ERASURE_NOTE if retention_years is None else RETENTION_NOTE,
                                    coordinator_id=actor, created_at=now,
                                    details={} if retention_years is None else {"retention_years": retention_years}))
        session.flush()
        if db.is_sqlite:
            # Merge the index into fresh segments so the pages holding the old entries are freed
            # (and zeroed by secure_delete), not just shadowed by delete markers.
            session.execute(text("INSERT INTO lead_fts(lead_fts) VALUES ('optimize')"))
        references = tuple(g.reference for g in group)
        reference = lead.reference
    notes: list[str] = []
    wal_emptied = True
    older: tuple[BackupFile, ...] = ()
    if db.is_sqlite and db.path is not None:
        wal_emptied = _empty_wal(db)
        if not wal_emptied:
            notes.append("another window was reading, so the write-ahead log could not be emptied now; "
                          "it is emptied when that window closes")
        older = tuple(list_backups(db.path))
    else:
        notes.append("PostgreSQL keeps old row versions on disk until VACUUM runs; "
                     "run VACUUM FULL on the lead tables to remove them now")
    deleted: list[Path] = []
    kept: list[str] = []
    folder = (packets_folder or paths.packets_dir()).resolve() if packet_files else Path()
    for value in packet_files:
        path = _resolve_packet_file(value, folder)
        try:
            inside = path.resolve().is_relative_to(folder)
        except OSError:
            inside = False
        if inside and path.is_file():
            path.unlink()
            deleted.append(path)
        else:
            kept.append(value)
    return ErasureResult(reference, references, now, tuple(deleted), tuple(kept), older, wal_emptied, tuple(notes))
