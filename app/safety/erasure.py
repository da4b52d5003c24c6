"""The right to erasure: everything held about one person removed, from the database file too.

What goes: the lead's personal fields (names, phones raw and E.164, email, messengers, diagnosis,
programme, budget, consent details, follow-ups…), the notes and details of every interaction
(call notes, inquiry messages, packet records with their file paths), the old and new values in
the audit trail, the reasons of status changes, the search index entries, and the packet PDF files
the records name: any in the app's packets folder, and one elsewhere (a batch's `-o` folder) when
its bytes are the ones recorded (its SHA-256), so a database never makes erasure delete a file the
app did not write. Leads merged with this one are the same person and go too.

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

import hashlib
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from app import paths
from app.domain.atomic_file import PARTIAL_SUFFIX
from app.domain.clock import Clock, utc_now
from app.domain.erasure_ledger import LedgerEntry, identifier_hashes, moment, read_ledger, record_erasure
from app.domain.errors import ValidationError
from app.domain.leads import _actor, resolve_lead
from app.packets.lead_packets import settle_interrupted_packets
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
#: Either note marks the erasure's own timeline entry (its files to delete live in its details).
ERASURE_NOTES = (ERASURE_NOTE, RETENTION_NOTE)
#: The case tables erasure empties for the person, children before the rows they point at. The
#: read log (document_reads) is not among them: see the module notes.
ERASED_CASE_TABLES = (DocumentContent, CaseDocument, RecordItem, SharingConsent, PurposeConsent, Quote, MedicalReview, TravelDocument,
                      CasePerson, ScheduleItem, CaseFile)
#: The key, in the erasure's own timeline note, of the packet files still to delete.
FILES_TO_DO = "files_to_delete"
#: Beside it, the recorded SHA-256 of each file on the list that lies outside the packets folder.
FILES_TO_DO_SHA256 = "file_sha256"
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
    #: Set when the lead was erased before and files are still to delete: erasing it again
    #: finishes them (`packet_files` are those files).
    erased_at: datetime | None = None


@dataclass(frozen=True)
class FileLeft:
    """A packet file erasure could not delete now, and why; it stays on the to-do list."""

    path: str
    reason: str


@dataclass(frozen=True)
class ErasureResult:
    reference: str
    references: tuple[str, ...]
    erased_at: datetime
    deleted_files: tuple[Path, ...] = ()
    #: Packet files named in the records but not deleted: already gone, or outside the app's
    #: packets folder and not the bytes recorded (changed since, or never confirmed).
    files_not_deleted: tuple[str, ...] = ()
    #: Copies of the database made before the erasure: they still hold the person's data.
    older_copies: tuple[BackupFile, ...] = ()
    wal_emptied: bool = True
    notes: tuple[str, ...] = field(default=())
    #: Files that could not be deleted now (open in a viewer, no permission): erasing the lead
    #: again finishes them.
    files_left: tuple[FileLeft, ...] = ()
    #: True for a rerun that finished the files of an erasure done before.
    finished_earlier: bool = False


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


def _packet_files(session: Session, ids: list[int]) -> dict[str, str | None]:
    """The packet files the records name, each with its recorded SHA-256 (None when not confirmed)."""
    files: dict[str, str | None] = {}
    for details in session.scalars(select(Interaction.details).where(Interaction.lead_id.in_(ids), Interaction.kind == "packet")):
        value = (details or {}).get("file")
        if isinstance(value, str) and value.strip():
            sha = (details or {}).get("sha256")
            files[value] = sha if isinstance(sha, str) and sha else files.get(value)
    return files


def _count(session: Session, model: Any, ids: list[int]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.lead_id.in_(ids))) or 0


def erasure_preview(db: Database, key: int | str) -> ErasurePreview:
    with db.read() as session:
        lead = resolve_lead(session, key)
        if lead.erased_at is not None:
            todo = _files_still_to_delete(session, lead.id)
            if not todo:
                raise ValidationError(f"{lead.reference} was already erased on {lead.erased_at:%Y-%m-%d}")
            return ErasurePreview(lead.reference, lead.full_name, (lead.reference,), 0, 0, 0, 0, tuple(todo),
                                  erased_at=lead.erased_at)
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



# ------------------------------------------------------------------ the packet files


def _why(exc: OSError) -> str:
    """Why a file could not be deleted, in words (and what to do)."""
    if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION
        return "it is open in another program; close it"
    if isinstance(exc, PermissionError):
        return "permission denied (the file or its folder is read-only, or another program holds it)"
    return exc.strerror or type(exc).__name__


def _remove(path: Path) -> None:
    """Delete one file (the one place erasure deletes, so a test can make it fail)."""
    os.unlink(path)


@dataclass
class _FileWork:
    deleted: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already gone, or outside the folder and not ours
    left: list[FileLeft] = field(default_factory=list)  # could not be deleted now: on the to-do list


def _partials_of(path: Path) -> list[Path]:
    """What a write of `path` killed midway left beside it (app.domain.atomic_file's temporary files)."""
    try:
        return sorted(path.parent.glob(f".{glob_escape(path.name)}.*{PARTIAL_SUFFIX}"))
    except OSError:
        return []


def _sha256_of(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _ours(path: Path, folder: Path, sha256: str | None) -> bool:
    """Whether erasure may delete `path`: it is in the packets folder, or it holds exactly the
    bytes recorded when the app wrote it."""
    try:
        if path.resolve().is_relative_to(folder):
            return True
    except OSError:
        return False
    return sha256 is not None and _sha256_of(path) == sha256


def _delete_files(values: dict[str, str | None], folder: Path, work: _FileWork) -> None:
    for value, sha256 in values.items():
        path = _resolve_packet_file(value, folder)
        if not _ours(path, folder, sha256):
            work.kept.append(value)
            continue
        found = False
        for candidate in [path, *_partials_of(path)]:
            if not candidate.is_file() and not candidate.is_symlink():
                continue
            found = True
            try:
                _remove(candidate)
            except FileNotFoundError:
                continue
            except OSError as exc:
                work.left.append(FileLeft(str(candidate), _why(exc)))
            else:
                work.deleted.append(candidate)
        if not found:
            work.kept.append(value)


def _erasure_notes(session: Session, ids: list[int]) -> list[Interaction]:
    return list(session.scalars(select(Interaction).where(Interaction.lead_id.in_(ids), Interaction.kind == "note",
                                                          Interaction.notes.in_(ERASURE_NOTES))))


def _files_to_do(notes: list[Interaction]) -> dict[str, str | None]:
    """The to-do list: each file still to delete, with its recorded SHA-256 when it has one."""
    todo: dict[str, str | None] = {}
    for note in notes:
        details = note.details or {}
        listed, hashes = details.get(FILES_TO_DO), details.get(FILES_TO_DO_SHA256)
        hashes = hashes if isinstance(hashes, dict) else {}
        for value in listed if isinstance(listed, list) else []:
            if isinstance(value, str):
                sha = hashes.get(value)
                todo[value] = sha if isinstance(sha, str) else None
    return todo


def _files_still_to_delete(session: Session, lead_id: int) -> dict[str, str | None]:
    """An erased lead's files still to delete: its to-do list, and any packet recorded on it since
    (one a batch was writing when the lead was erased, which the batch could not delete)."""
    return _files_to_do(_erasure_notes(session, [lead_id])) | _packet_files(session, [lead_id])


def _set_files_to_do(session: Session, ids: list[int], todo: dict[str, str | None]) -> None:
    details = _to_do_details(todo)
    session.execute(update(Interaction).where(Interaction.lead_id.in_(ids), Interaction.kind == "note",
                                              Interaction.notes.in_(ERASURE_NOTES)).values(details=details))


def _to_do_details(todo: dict[str, str | None]) -> dict[str, object]:
    if not todo:
        return {}
    details: dict[str, object] = {FILES_TO_DO: list(todo)}
    hashes = {path: sha for path, sha in todo.items() if sha}
    if hashes:
        details[FILES_TO_DO_SHA256] = hashes
    return details


def _folder(packets_folder: Path | None) -> Path:
    return (packets_folder or paths.packets_dir()).resolve()


# ------------------------------------------------------------------ erasing


def _ledger_entries(session: Session, group: list[Lead], now: datetime) -> list[LedgerEntry]:
    """What the ledger keeps of the person: references, dates and salted hashes, nothing readable."""
    ids = [member.id for member in group]
    phones = list(session.scalars(select(LeadPhone.e164).where(LeadPhone.lead_id.in_(ids))))
    emails: list[str | None] = []
    for member in group:
        emails += [member.email_norm, member.email, *(member.other_emails or [])]
    hashes = identifier_hashes(phones, emails)
    return [LedgerEntry(member.reference, moment(member.created_at), now, hashes) for member in group]


def _finish(db: Database, lead_id: int, reference: str, erased_at: datetime, folder: Path) -> ErasureResult:
    """A rerun of an erasure whose files could not all be deleted: try them again."""
    work = _FileWork()
    with db.read() as session:
        todo = _files_still_to_delete(session, lead_id)
    _delete_files(todo, folder, work)
    with db.write() as session:
        session.execute(update(Interaction).where(Interaction.lead_id == lead_id, Interaction.kind == "packet")
                        .values(notes=None, details={}))
        _set_files_to_do(session, [lead_id], {f.path: todo.get(f.path) for f in work.left})
    older = tuple(list_backups(db.path)) if db.is_sqlite and db.path is not None else ()
    return ErasureResult(reference, (reference,), erased_at, tuple(work.deleted), tuple(work.kept), older,
                         files_left=tuple(work.left), finished_earlier=True)


def erase_person(
    db: Database,
    key: int | str,
    *,
    actor_id: int | None = None,
    clock: Clock = utc_now,
    packets_folder: Path | None = None,
    ledger: bool = True,
    retention_years: int | None = None,
) -> ErasureResult:
    """Erase the person behind lead `key` (and the leads merged with it).

    Files first: their packet PDFs in the packets folder (and what a killed write left beside
    them) are deleted before the records, so a crash in between leaves records to erase again,
    never orphaned files. A file that cannot be deleted now (open in a viewer, no permission) is
    kept on a durable to-do list in the erasure's own timeline note, committed with the erasure;
    calling this again for an erased lead finishes that list (and says what is still left and
    why), and only a lead with nothing left is "already erased". The person is written to the
    erasure ledger (app.domain.erasure_ledger; `ledger=False` when re-applying it) before the
    records are committed."""
    now = clock()
    folder = _folder(packets_folder)
    with db.read() as session:
        lead = resolve_lead(session, key)
        if lead.erased_at is not None:
            if not _files_still_to_delete(session, lead.id):
                raise ValidationError(f"{lead.reference} was already erased on {lead.erased_at:%Y-%m-%d}")
            finishing = (lead.id, lead.reference, lead.erased_at)
        else:
            finishing = None
    if finishing is not None:
        return _finish(db, *finishing, folder)
    # A packets batch killed midway left planned records: adopt the files it wrote (with their
    # fingerprints, so they can be deleted wherever they are) before the files are listed.
    settle_interrupted_packets(db)
    with db.read() as session:
        first_files = _packet_files(session, [g.id for g in _merge_group(session, resolve_lead(session, key))])
    work = _FileWork()
    _delete_files(first_files, folder, work)
    with db.write() as session:
        lead = resolve_lead(session, key)
        if lead.erased_at is not None:
            raise ValidationError(f"{lead.reference} was already erased on {lead.erased_at:%Y-%m-%d}")
        group = _merge_group(session, lead)
        ids = [g.id for g in group]
        # Written since the read:
        late_files = {f: sha for f, sha in _packet_files(session, ids).items() if f not in first_files}
        known = first_files | late_files
        todo = {f.path: known.get(f.path) for f in work.left} | late_files
        entries = _ledger_entries(session, group, now) if ledger else []
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
                                    details=_to_do_details(todo) | ({} if retention_years is None
                                                                    else {"retention_years": retention_years})))
        session.flush()
        if db.is_sqlite:
            # Merge the index into fresh segments so the pages holding the old entries are freed
            # (and zeroed by secure_delete), not just shadowed by delete markers.
            session.execute(text("INSERT INTO lead_fts(lead_fts) VALUES ('optimize')"))
        references = tuple(g.reference for g in group)
        reference = lead.reference
        # The decision is durable before the records go: a crash before the commit leaves a ledger
        # entry that the next open of this database carries out.
        record_erasure(entries)
    if late_files:
        retry = _FileWork()
        _delete_files(late_files, folder, retry)
        work.deleted += retry.deleted
        work.kept += retry.kept
        work.left += retry.left
        with db.write() as session:
            _set_files_to_do(session, ids, {f.path: known.get(f.path) for f in work.left})
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
    return ErasureResult(reference, references, now, tuple(work.deleted), tuple(work.kept), older, wal_emptied,
                         tuple(notes), files_left=tuple(work.left))


# ------------------------------------------------------------------ the ledger, re-applied


@dataclass(frozen=True)
class Reerasure:
    """What re-applying the ledger to a database did: the references erased again (they came back
    with an older copy), with the date each was first erased."""

    erased: tuple[tuple[str, datetime], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.erased)

    def words(self) -> str:
        """One line for the CLI and the status bar."""
        listed = ", ".join(f"{ref} (erased on {when:%Y-%m-%d})" for ref, when in self.erased)
        return (f"re-erased {len(self.erased)} person(s) this older copy of the database brought back: {listed}")


def reapply_ledger(db: Database, *, clock: Clock = utc_now, packets_folder: Path | None = None) -> Reerasure:
    """Erase again every lead of the ledger that this database holds un-erased: the same reference
    created at the same time, with one of the same phones or emails (an older copy of the same
    database, restored or opened). Cheap when there is nothing to do: one read of the ledger and
    one query."""
    entries = read_ledger()
    if not entries:
        return Reerasure()
    wanted = {(e.reference, e.created_at): e for e in entries}
    with db.read() as session:
        rows = session.execute(select(Lead.reference, Lead.created_at).where(
            Lead.erased_at.is_(None), Lead.reference.in_({e.reference for e in entries}))).all()
    done: list[tuple[str, datetime]] = []
    for reference, created_at in rows:
        entry = wanted.get((reference, moment(created_at)))
        if entry is None:
            continue
        with db.read() as session:
            lead = session.scalars(select(Lead).where(Lead.reference == reference)).one()
            if lead.erased_at is not None:  # merged with one erased just before: gone already
                done.append((reference, entry.erased_at))
                continue
            if entry.identifiers and not entry.identifiers & _ledger_entries(session, [lead], entry.erased_at)[0].identifiers:
                continue  # the same reference and time, but not the same person's phone or email
        erase_person(db, reference, clock=clock, packets_folder=packets_folder, ledger=False)
        done.append((reference, entry.erased_at))
    return Reerasure(tuple(done))
