"""A case's medical records: the checklist, the files behind each item, and the read log.

The checklist is the records of the offers under consideration, the first of these that applies:

1. the chosen quote's offer (the quote with `chosen_at` set; without an offer named, the offers of
   its hospital);
2. else the offers of the hospitals the case has a medical review for (the review's own offer
   where it names one);
3. else the catalogue offers whose `program` is the lead's program;
4. else a core list (CORE_RECORDS).

Plus the items a coordinator added by hand (record_items rows `extra_<n>` with a label), and any
item the case already holds a record of that the current list no longer names (a record asked for
by an offer given up): shown, but not required.

Each item is missing (no row, or a row saying so), requested (when, and how), received, or
accepted. Moves: request (several at once), received (attaching a file or a link makes an item
received; so does marking it by hand, e.g. a paper copy), accept (only with a file or link on the
item), send back to requested with a reason. Every move is a case step on the lead's timeline
(app.domain.case_file.case_event). Files are never deleted here: a replacement is added beside the
old one, and erasure (app.safety.erasure) is the only way a file's bytes go.

Files live in the database (case_documents, their bytes in document_contents): SHA-256, size, the
media type read from the bytes (app.domain.document_checks), the original file name. The same file
twice on one item is stored once. Opening or exporting a document writes the read log
(document_reads); on a team database the server fills in the login and the time.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.atomic_file import write_bytes_atomically
from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.case_words import RECORD_STATES, REQUEST_CHANNELS
from app.domain.catalogue import Catalogue, catalogue_in, parse_catalogue, seed_document
from app.domain.clock import Clock, utc_now
from app.domain.consent_purposes import require_health_data_consent
from app.domain.document_checks import MAX_FILE_BYTES, MAX_FILE_MB, check_file
from app.domain.errors import NotFoundError, ValidationError
from app.domain.leads import _actor, resolve_lead
from app.domain.output_path import check_output_path
from app.domain.quotes import chosen_quote_in
from db.case_models import CaseDocument, DocumentContent, DocumentRead, MedicalReview, RecordItem
from db.engine import Database
from db.models import Coordinator, Lead
from db.search_patterns import LIKE_ESCAPE, like_prefix

__all__ = [
    "CORE_RECORDS",
    "READ_PURPOSES",
    "RECORD_STATES",
    "REQUEST_CHANNELS",
    "AttachResult",
    "DocumentInfo",
    "ReadEntry",
    "RecordChecklist",
    "RecordItemView",
    "accept_record",
    "add_record_item",
    "attach_file",
    "attach_link",
    "checklist_in",
    "document_reads_for",
    "export_document",
    "mark_received",
    "read_document",
    "record_checklist",
    "request_records",
    "required_records_received",
    "send_back",
]

#: The checklist when nothing narrows it yet (no chosen quote, review or program offer).
CORE_RECORDS = ("pathology_report", "treatment_history", "blood_tests", "passport_copy")
#: Why a document was read (db.case_models.DocumentRead.purpose) — the ones this module writes.
READ_PURPOSES = ("opened", "exported", "bundled")
EXTRA_PREFIX = "extra_"
MAX_LABEL = 200
#: Bytes read at a time from a file being attached.
CHUNK_BYTES = 1024 * 1024

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    item_key: str | None
    #: file / archive / link
    kind: str
    filename: str | None
    media_type: str | None
    size: int | None
    sha256: str | None
    link: str | None
    note: str | None
    added_at: datetime
    added_by: str | None = None


@dataclass(frozen=True)
class RecordItemView:
    key: str
    #: English (the catalogue's label, or the one typed for an item added by hand).
    label: str
    state: str
    #: Counted by "records received" (False for a record the current offers no longer ask for).
    required: bool = True
    requested_at: datetime | None = None
    requested_via: str | None = None
    received_at: datetime | None = None
    accepted_at: datetime | None = None
    changed_by: str | None = None
    changed_at: datetime | None = None
    note: str | None = None
    files: tuple[DocumentInfo, ...] = ()
    #: The catalogue's labels by language (none for an item added by hand).
    labels: Mapping[str, str] = field(default_factory=dict)

    def label_in(self, language: str | None) -> str:
        return self.labels.get(language or "en") or self.label

    @property
    def outstanding(self) -> bool:
        """Still to come from the patient: missing or requested."""
        return self.state in ("missing", "requested")


@dataclass(frozen=True)
class RecordChecklist:
    lead_id: int
    reference: str
    #: Which offers the list comes from, in words ("the chosen quote: riverside_b_all").
    basis: str
    items: tuple[RecordItemView, ...]

    def item(self, wanted: str) -> RecordItemView:
        """An item by its id (key) or its English label, case-insensitive."""
        text = (wanted or "").strip()
        folded = text.casefold()
        for item in self.items:
            if item.key == text or item.key.casefold() == folded or item.label.casefold() == folded:
                return item
        known = "; ".join(f"{i.key} ({i.label})" for i in self.items)
        raise ValidationError(f"{self.reference} has no record item '{text}'; its items are: {known}")

    @property
    def missing(self) -> list[RecordItemView]:
        """Required items not received yet (missing or requested)."""
        return [i for i in self.items if i.required and i.outstanding]


@dataclass(frozen=True)
class AttachResult:
    document: DocumentInfo
    item: RecordItemView
    #: True when the same file (or link) was already on the item: nothing was stored again.
    duplicate: bool
    message: str


@dataclass(frozen=True)
class ReadEntry:
    id: int
    document_id: int | None
    filename: str | None
    item_key: str | None
    purpose: str
    coordinator: str | None
    login: str | None
    read_at: datetime


# ---------------------------------------------------------------- the checklist


def _catalogue(session: Session) -> Catalogue:
    """The catalogue stored in the database, else the seed file (a database not seeded yet)."""
    return catalogue_in(session) or parse_catalogue(seed_document())


def _in_catalogue_order(catalogue: Catalogue, keys: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(keys))
    return [k for k in catalogue.records if k in wanted] + [k for k in wanted if k not in catalogue.records]


def _checklist_keys(session: Session, lead: Lead, catalogue: Catalogue) -> tuple[list[str], str]:
    """The required record keys of the case and the basis in words (see the module notes)."""
    chosen = chosen_quote_in(session, lead.id)
    if chosen is not None:
        if chosen.offer_key and chosen.offer_key in catalogue.offers:
            return list(catalogue.offers[chosen.offer_key].records), f"the chosen quote ({chosen.offer_key})"
        offers = catalogue.offers_of(chosen.hospital_key)
        if offers:
            keys = _in_catalogue_order(catalogue, (k for o in offers for k in o.records))
            return keys, f"the chosen quote's hospital ({chosen.hospital_key})"
    reviews = session.execute(select(MedicalReview.hospital_key, MedicalReview.offer_key)
                              .where(MedicalReview.lead_id == lead.id).order_by(MedicalReview.id)).all()
    if reviews:
        offers = []
        for hospital_key, offer_key in reviews:
            if offer_key and offer_key in catalogue.offers:
                offers.append(catalogue.offers[offer_key])
                continue
            of_hospital = catalogue.offers_of(hospital_key)
            fitting = [o for o in of_hospital if lead.program and o.program == lead.program]
            offers += fitting or of_hospital
        if offers:
            hospitals = ", ".join(dict.fromkeys(h for h, _ in reviews))
            return _in_catalogue_order(catalogue, (k for o in offers for k in o.records)), f"the reviews ({hospitals})"
    if lead.program:
        offers = [o for o in catalogue.offers.values() if o.program == lead.program]
        if offers:
            return (_in_catalogue_order(catalogue, (k for o in offers for k in o.records)),
                    f"the program's offers ({lead.program})")
    return list(CORE_RECORDS), "the core records (no offer chosen yet)"


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Coordinator.id, Coordinator.name).where(Coordinator.id.in_(wanted))).all())


def _document_info(row: CaseDocument, names: Mapping[int, str]) -> DocumentInfo:
    return DocumentInfo(row.id, row.item_key, row.kind, row.filename, row.media_type, row.size, row.sha256, row.link,
                        row.note, row.added_at, names.get(row.added_by) if row.added_by is not None else None)


def checklist_in(session: Session, lead: Lead, catalogue: Catalogue | None = None) -> RecordChecklist:
    """The lead's checklist, inside a unit of work."""
    catalogue = catalogue or _catalogue(session)
    keys, basis = _checklist_keys(session, lead, catalogue)
    rows = {r.item_key: r for r in session.scalars(select(RecordItem).where(RecordItem.lead_id == lead.id))}
    documents = list(session.scalars(select(CaseDocument).where(CaseDocument.lead_id == lead.id)
                                     .order_by(CaseDocument.added_at, CaseDocument.id)))
    names = _names(session, [r.changed_by for r in rows.values()] + [d.added_by for d in documents])
    by_item: dict[str | None, list[DocumentInfo]] = {}
    for document in documents:
        by_item.setdefault(document.item_key, []).append(_document_info(document, names))

    def view(key: str, required: bool) -> RecordItemView:
        row = rows.get(key)
        kind = catalogue.record(key)
        label = (row.label if row is not None and row.label else None) or kind.label
        labels = dict(kind.labels) if key in catalogue.records else {}
        if row is None:
            return RecordItemView(key, label, "missing", required, labels=labels, files=tuple(by_item.get(key, ())))
        return RecordItemView(key, label, row.state, required, row.requested_at, row.requested_via, row.received_at,
                              row.accepted_at, names.get(row.changed_by) if row.changed_by is not None else None,
                              row.updated_at, row.note, tuple(by_item.get(key, ())), labels)

    items = [view(k, True) for k in keys]
    extras = sorted((r for k, r in rows.items() if k.startswith(EXTRA_PREFIX)), key=lambda r: _extra_number(r.item_key))
    items += [view(r.item_key, True) for r in extras]
    listed = {i.key for i in items}
    held = [k for k, r in rows.items() if k not in listed and (r.state != "missing" or k in by_item)]
    held += [k for k in by_item if k is not None and k not in listed and k not in held]
    items += [view(k, False) for k in _in_catalogue_order(catalogue, held)]
    return RecordChecklist(lead.id, lead.reference, basis, tuple(items))


def record_checklist(db: Database, key: int | str) -> RecordChecklist:
    """The checklist of lead `key` (id or reference)."""
    with db.read() as session:
        return checklist_in(session, case_lead(session, key))


def required_records_received(session: Session, lead: Lead) -> tuple[bool, list[str]]:
    """For the pipeline's "records received": True when every required item is received or
    accepted; else False and the English labels of those still missing or requested."""
    missing = [i.label for i in checklist_in(session, lead).missing]
    return not missing, missing


def _extra_number(item_key: str) -> int:
    tail = item_key[len(EXTRA_PREFIX):]
    return int(tail) if tail.isdigit() else 0


# ---------------------------------------------------------------- moves


def _row(session: Session, lead: Lead, item: RecordItemView, now: datetime) -> RecordItem:
    row = session.scalars(select(RecordItem).where(RecordItem.lead_id == lead.id, RecordItem.item_key == item.key)).first()
    if row is None:
        row = RecordItem(lead_id=lead.id, item_key=item.key, state="missing", updated_at=now)
        session.add(row)
    return row


def _touch(row: RecordItem, state: str, now: datetime, actor: int | None) -> None:
    row.state = state
    row.updated_at = now
    row.changed_by = actor


def _fresh(session: Session, lead: Lead, key: str) -> RecordItemView:
    session.flush()
    return checklist_in(session, lead).item(key)


def request_records(db: Database, key: int | str, items: Sequence[str] | None = None, *, via: str = "email",
                    note: str | None = None, actor_id: int | None = None, clock: Clock = utc_now) -> list[RecordItemView]:
    """Mark items requested (how: `via`, one of REQUEST_CHANNELS); without `items`, every
    required item still missing or requested (asked again). The items as they now stand."""
    channel = (via or "").strip().lower().replace(" ", "_").replace("-", "_")
    if channel not in REQUEST_CHANNELS:
        raise ValidationError(f"'{via}' is not a way to ask; use one of {', '.join(REQUEST_CHANNELS)}")
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        checklist = checklist_in(session, lead)
        chosen = [checklist.item(i) for i in items] if items else checklist.missing
        chosen = list({i.key: i for i in chosen}.values())
        if not chosen:
            raise ValidationError(f"{lead.reference} has no records missing: nothing to request")
        done = [i for i in chosen if not i.outstanding]
        if done:
            raise ValidationError("already received, nothing to request: " + "; ".join(f"{i.label} ({i.state})" for i in done)
                                  + " (send an item back first to ask for it again)")
        ensure_case(session, lead, now)
        actor = _actor(session, actor_id)
        for item in chosen:
            row = _row(session, lead, item, now)
            _touch(row, "requested", now, actor)
            row.requested_at, row.requested_via = now, channel
            if note:
                row.note = note.strip()
        labels = [i.label for i in chosen]
        case_event(session, lead, "records_requested", f"Records requested by {REQUEST_CHANNELS[channel]}: " + "; ".join(labels),
                   now=now, actor_id=actor, details={"items": [i.key for i in chosen], "via": channel})
        session.flush()
        fresh = checklist_in(session, lead)
        return [fresh.item(i.key) for i in chosen]


def mark_received(db: Database, key: int | str, item: str, *, note: str | None = None, actor_id: int | None = None,
                  clock: Clock = utc_now) -> RecordItemView:
    """Mark an item received without a file in the desk (a paper copy, a file still to attach)."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        found = checklist_in(session, lead).item(item)
        if not found.outstanding:
            raise ValidationError(f"{found.label} is already {found.state}")
        ensure_case(session, lead, now)
        actor = _actor(session, actor_id)
        row = _row(session, lead, found, now)
        _touch(row, "received", now, actor)
        row.received_at, row.accepted_at = now, None
        if note:
            row.note = note.strip()
        case_event(session, lead, "record_received", f"{found.label}: received" + (f" ({note.strip()})" if note else ""),
                   now=now, actor_id=actor, details={"item": found.key})
        return _fresh(session, lead, found.key)


def accept_record(db: Database, key: int | str, item: str, *, note: str | None = None, actor_id: int | None = None,
                  clock: Clock = utc_now) -> RecordItemView:
    """Accept a received item: it needs a file or a link on it."""
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        found = checklist_in(session, lead).item(item)
        if found.state == "accepted":
            raise ValidationError(f"{found.label} is already accepted")
        if not found.files:
            raise ValidationError(f"{found.label} has no file or link to accept; attach the file (or a link to it) first")
        if found.state != "received":
            raise ValidationError(f"{found.label} is {found.state}, not received; nothing to accept")
        actor = _actor(session, actor_id)
        row = _row(session, lead, found, now)
        _touch(row, "accepted", now, actor)
        row.accepted_at = now
        if note:
            row.note = note.strip()
        case_event(session, lead, "record_accepted", f"{found.label}: accepted", now=now, actor_id=actor,
                   details={"item": found.key, "documents": [f.id for f in found.files]})
        return _fresh(session, lead, found.key)


def send_back(db: Database, key: int | str, item: str, reason: str, *, actor_id: int | None = None,
              clock: Clock = utc_now) -> RecordItemView:
    """Send a received or accepted item back to requested, saying why (the files stay)."""
    words = (reason or "").strip()
    if not words:
        raise ValidationError("say why the record goes back (e.g. 'older than 8 weeks', 'page 2 missing')")
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        found = checklist_in(session, lead).item(item)
        if found.outstanding:
            raise ValidationError(f"{found.label} is {found.state}: there is nothing to send back")
        actor = _actor(session, actor_id)
        row = _row(session, lead, found, now)
        _touch(row, "requested", now, actor)
        row.requested_at, row.received_at, row.accepted_at, row.note = now, None, None, words
        case_event(session, lead, "record_sent_back", f"{found.label}: sent back ({words})", now=now, actor_id=actor,
                   details={"item": found.key, "was": found.state})
        return _fresh(session, lead, found.key)


def add_record_item(db: Database, key: int | str, label: str, *, actor_id: int | None = None,
                    clock: Clock = utc_now) -> RecordItemView:
    """An item added by hand (`extra_<n>`), missing until it comes."""
    words = " ".join((label or "").split())
    if not words:
        raise ValidationError("give the record's label (e.g. 'Echocardiogram')")
    if len(words) > MAX_LABEL:
        raise ValidationError(f"a record's label is at most {MAX_LABEL} characters")
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        checklist = checklist_in(session, lead)
        same = next((i for i in checklist.items if i.label.casefold() == words.casefold()), None)
        if same is not None:
            raise ValidationError(f"{lead.reference} already lists '{same.label}' ({same.key})")
        extra = RecordItem.item_key.like(like_prefix(EXTRA_PREFIX), escape=LIKE_ESCAPE)
        taken = session.scalars(select(RecordItem.item_key).where(RecordItem.lead_id == lead.id, extra)).all()
        number = max((_extra_number(k) for k in taken), default=0) + 1
        ensure_case(session, lead, now)
        actor = _actor(session, actor_id)
        session.add(RecordItem(lead_id=lead.id, item_key=f"{EXTRA_PREFIX}{number}", label=words, state="missing",
                               changed_by=actor, updated_at=now))
        case_event(session, lead, "record_added", f"Record added to the checklist: {words}", now=now, actor_id=actor,
                   details={"item": f"{EXTRA_PREFIX}{number}"})
        return _fresh(session, lead, f"{EXTRA_PREFIX}{number}")


# ---------------------------------------------------------------- files and links


def _size_words(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _read_stream(stream: BinaryIO, name: str, total: int, progress: Progress | None) -> tuple[bytearray, str]:
    """The file's bytes and SHA-256, read once, in chunks; refused as soon as it passes the limit."""
    digest = hashlib.sha256()
    data = bytearray()
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        if len(data) + len(chunk) > MAX_FILE_BYTES:
            raise ValidationError(f"{name} was not added: it is larger than {MAX_FILE_MB} MB; "
                                  "put large imaging on a share and attach a link")
        data += chunk
        digest.update(chunk)
        if progress is not None:
            progress(len(data), total)
    return data, digest.hexdigest()


def _attach(db: Database, key: int | str, item: str, now: datetime, actor_id: int | None,
            build: Callable[[Session, Lead, RecordItemView], tuple[CaseDocument | None, CaseDocument | None, bytes | bytearray | None]],
            describe: str) -> AttachResult:
    with db.write() as session:
        lead = case_lead(session, key)
        require_health_data_consent(session, lead, "attach a medical file")
        found = checklist_in(session, lead).item(item)
        existing, new, data = build(session, lead, found)
        if existing is not None:
            names = _names(session, [existing.added_by])
            what = existing.filename or existing.link
            return AttachResult(_document_info(existing, names), found, True,
                                f"{what} is already on {found.label} (added {existing.added_at:%Y-%m-%d}); "
                                "it was not stored again")
        assert new is not None
        ensure_case(session, lead, now)
        actor = _actor(session, actor_id)
        new.added_by = actor
        session.add(new)
        session.flush()
        if data is not None:
            session.add(DocumentContent(document_id=new.id, lead_id=lead.id, data=data))
        row = _row(session, lead, found, now)
        was = row.state
        _touch(row, "received", now, actor)
        row.received_at, row.accepted_at = now, None
        again = " (it was accepted: the new file needs accepting again; the old one is kept)" if was == "accepted" else ""
        case_event(session, lead, "record_received", f"{found.label}: {describe}{again}", now=now, actor_id=actor,
                   details={"item": found.key, "document": new.id, "sha256": new.sha256, "kind": new.kind})
        session.flush()
        names = _names(session, [actor])
        fresh = checklist_in(session, lead).item(found.key)
        return AttachResult(_document_info(new, names), fresh, False, f"{found.label}: {describe}{again}")


def attach_file(db: Database, key: int | str, item: str, source: str | os.PathLike[str] | BinaryIO, *,
                filename: str | None = None, note: str | None = None, actor_id: int | None = None,
                clock: Clock = utc_now, progress: Progress | None = None) -> AttachResult:
    """Store a file on a checklist item (by its id or English label); the item becomes received.
    `source` is a path or an open binary stream (then give `filename`). Refused with words: empty,
    over MAX_FILE_MB, a program, an archive that cannot be checked (app.domain.document_checks).
    The same file already on the item is not stored again (`duplicate`)."""
    record_checklist(db, key).item(item)  # a wrong item is said before a large file is read
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            total = path.stat().st_size
            if not path.is_file():
                raise ValidationError(f"{path} is not a file")
            if total > MAX_FILE_BYTES:
                raise ValidationError(f"{name} was not added: it is larger than {MAX_FILE_MB} MB; "
                                      "put large imaging on a share and attach a link")
            with path.open("rb") as stream:
                data, digest = _read_stream(stream, name, total, progress)
        except FileNotFoundError:
            raise NotFoundError(f"no file {path}") from None
        except PermissionError:
            raise ValidationError(f"{path} cannot be read (permission denied)") from None
    else:
        name = filename or Path(getattr(source, "name", "") or "file").name
        data, digest = _read_stream(source, name, 0, progress)
    sniffed = check_file(name, data)
    now = clock()

    def build(session: Session, lead: Lead, found: RecordItemView):
        existing = session.scalars(select(CaseDocument).where(CaseDocument.lead_id == lead.id, CaseDocument.item_key == found.key,
                                                              CaseDocument.sha256 == digest)).first()
        if existing is not None:
            return existing, None, None
        return None, CaseDocument(lead_id=lead.id, item_key=found.key, kind=sniffed.kind, filename=name,
                                  media_type=sniffed.media_type, size=len(data), sha256=digest,
                                  note=(note or "").strip() or sniffed.description or None, added_at=now), data

    return _attach(db, key, item, now, actor_id, build, f"received {name} ({_size_words(len(data))})")


_LINK_SCHEMES = ("https", "http")


def attach_link(db: Database, key: int | str, item: str, url: str, *, note: str | None = None,
                actor_id: int | None = None, clock: Clock = utc_now) -> AttachResult:
    """A link to large imaging (a hospital PACS share, a transfer service) on an item, instead of
    its bytes; the item becomes received. The same link twice on one item is kept once."""
    link = (url or "").strip()
    parts = urlsplit(link)
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.netloc or re.search(r"\s", link):
        raise ValidationError(f"'{link}' is not a web link (https://…)")
    now = clock()

    def build(session: Session, lead: Lead, found: RecordItemView):
        existing = session.scalars(select(CaseDocument).where(CaseDocument.lead_id == lead.id, CaseDocument.item_key == found.key,
                                                              CaseDocument.kind == "link", CaseDocument.link == link)).first()
        if existing is not None:
            return existing, None, None
        return None, CaseDocument(lead_id=lead.id, item_key=found.key, kind="link", link=link,
                                  note=(note or "").strip() or None, added_at=now), None

    return _attach(db, key, item, now, actor_id, build, f"link to {parts.netloc} added")


# ---------------------------------------------------------------- reading, and the read log


def read_document(db: Database, key: int | str, document_id: int, *, purpose: str = "opened",
                  actor_id: int | None = None, clock: Clock = utc_now) -> tuple[DocumentInfo, bytes | None]:
    """A document of lead `key` and its bytes (None for a link), the read written to the read log
    in the same transaction (on a team database the server sets who and when)."""
    if purpose not in READ_PURPOSES:
        raise ValidationError(f"'{purpose}' is not a reason to read a document ({', '.join(READ_PURPOSES)})")
    now = clock()
    with db.write() as session:
        lead = case_lead(session, key)
        row = session.get(CaseDocument, document_id)
        if row is None or row.lead_id != lead.id:
            raise NotFoundError(f"{lead.reference} has no document {document_id} (see `medtour records {lead.reference}`)")
        data = None
        if row.kind != "link":
            content = session.get(DocumentContent, row.id)
            if content is None:
                raise NotFoundError(f"the bytes of document {document_id} are not in the database")
            data = bytes(content.data)
        actor = _actor(session, actor_id)
        session.add(DocumentRead(lead_id=lead.id, document_id=row.id, purpose=purpose, coordinator_id=actor, read_at=now))
        info = _document_info(row, _names(session, [row.added_by]))
    return info, data


def export_document(db: Database, key: int | str, document_id: int, target: str | os.PathLike[str], *,
                    force: bool = False, actor_id: int | None = None, clock: Clock = utc_now) -> Path:
    """Write a document's bytes to `target` (refusing an existing file unless `force`, and the
    database file always); the export is on the read log."""
    path = check_output_path(target, database=db.path, force=force, what="the document")
    with db.read() as session:
        lead = case_lead(session, key)
        row = session.get(CaseDocument, document_id)
        if row is not None and row.lead_id == lead.id and row.kind == "link":
            raise ValidationError(f"document {document_id} is a link, not a file: {row.link}")
    _info, data = read_document(db, key, document_id, purpose="exported", actor_id=actor_id, clock=clock)
    assert data is not None
    return write_bytes_atomically(path, data, private=True)


def document_reads_for(db: Database, key: int | str) -> list[ReadEntry]:
    """The read log of lead `key`, newest first: for the History tab and an audit report. The
    entries of a document erased since keep who and when (document_id None)."""
    with db.read() as session:
        lead = resolve_lead(session, key)
        rows = session.execute(
            select(DocumentRead, CaseDocument.filename, CaseDocument.link, CaseDocument.item_key)
            .outerjoin(CaseDocument, CaseDocument.id == DocumentRead.document_id)
            .where(DocumentRead.lead_id == lead.id).order_by(DocumentRead.read_at.desc(), DocumentRead.id.desc())).all()
        names = _names(session, [r[0].coordinator_id for r in rows])
        return [ReadEntry(read.id, read.document_id, filename or link, item_key, read.purpose,
                          names.get(read.coordinator_id) if read.coordinator_id is not None else None, read.login,
                          read.read_at) for read, filename, link, item_key in rows]


def documents_count(session: Session, lead_ids: Sequence[int]) -> int:
    return session.scalar(select(func.count()).select_from(CaseDocument).where(CaseDocument.lead_id.in_(lead_ids))) or 0
