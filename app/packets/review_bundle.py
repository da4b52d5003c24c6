"""A review bundle: what a partner hospital's doctors need to review the case, as one ZIP file.

    case-summary.pdf     the case in English (app.packets.case_summary)
    documents/…          the accepted documents (a record item whose state is "accepted"); links
                         to large imaging are listed in the summary, not downloaded
    manifest.json        every file's name, SHA-256 and size

A bundle is made only for a hospital the patient consented to share with (a consent naming that
hospital and its country, app.domain.sharing_consent; GDPR Art. 49(1)(a)). The de-identified
variant, for a hospital that must not see names before the patient agrees, names the patient by
initials, age and country only: no name, phone, email or passport number in the summary, its
metadata, the file names inside the ZIP (documents are renamed to their item key and a number) or
the manifest; a passport copy is withheld, and a document whose bytes carry the patient's name,
phone, email or passport number is refused.

The ZIP is written atomically (app.domain.atomic_file) and never over an existing file unless
forced, nor over the database. Making it is recorded in the same transaction: a medical_reviews
row (hospital, sent_at, the ZIP's SHA-256, de-identified or not), a case event on the timeline with
the checksum, and a document_reads row ("bundled") for each document in it.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.atomic_file import atomic_write
from app.domain.case_file import case_event, case_lead, ensure_case
from app.domain.catalogue import Catalogue, Hospital, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.consent_purposes import require_health_data_consent
from app.domain.countries import country_name, language_name
from app.domain.errors import ValidationError
from app.domain.lead_records import DIAGNOSIS_CATEGORIES
from app.domain.output_path import check_output_path
from app.domain.sharing_consent import require_consent
from app.domain.working_profile import working_profile_in
from app.packets.case_summary import CaseSummary, SummaryFile, SummaryRecord, render_case_summary
from app.packets.content import cached_content
from db.case_models import CaseDocument, CaseFile, DocumentContent, DocumentRead, MedicalReview, RecordItem, TravelDocument
from db.engine import Database
from db.models import Coordinator, Lead

__all__ = ["MANIFEST_NAME", "SUMMARY_NAME", "BundleFile", "MadeBundle", "check_target", "initials", "write_review_bundle"]

SUMMARY_NAME = "case-summary.pdf"
MANIFEST_NAME = "manifest.json"
DOCUMENTS_FOLDER = "documents"
#: Record items whose documents identify the patient by their nature: never in a de-identified bundle.
IDENTIFYING_ITEMS = frozenset({"passport_copy"})
REMOVED = "[removed]"
STATE_WORDS = {"missing": "missing", "requested": "requested", "received": "received", "accepted": "accepted"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BundleFile:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class MadeBundle:
    path: Path
    reference: str
    hospital: str
    hospital_name: str
    deidentified: bool
    sha256: str
    size: int
    review_id: int
    files: tuple[BundleFile, ...]
    links: tuple[str, ...] = field(default_factory=tuple)

    @property
    def documents(self) -> int:
        return sum(1 for f in self.files if f.name.startswith(f"{DOCUMENTS_FOLDER}/"))


# ---------------------------------------------------------------- where it goes


def check_target(db: Database, target: Path, *, force: bool) -> Path:
    """Refuse to write over an existing file (unless `force`), a folder, or the database itself."""
    return check_output_path(target, database=db.path, force=force, what="the bundle")


# ---------------------------------------------------------------- who the patient is


def initials(name: str | None) -> str:
    """'Ivan Petrov' → 'I. P.'; hyphenated parts count: 'Anna-Maria Lee' → 'A.-M. L.'."""
    words = [w for w in re.split(r"\s+", (name or "").strip()) if w]
    parts = []
    for word in words:
        pieces = [p for p in word.split("-") if p and p[0].isalpha()]
        if pieces:
            parts.append("-".join(f"{p[0].upper()}." for p in pieces))
    return " ".join(parts) or "—"


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass
class _Identity:
    """What names or reaches the patient: kept out of a de-identified bundle."""

    texts: list[str] = field(default_factory=list)

    def add(self, *values: str | None) -> None:
        for value in values:
            text = (value or "").strip()
            if len(text) >= 3 and text.casefold() not in {t.casefold() for t in self.texts}:
                self.texts.append(text)

    def scrub(self, value: str | None) -> str | None:
        """`value` with every identifying text replaced (longest first, any letter case)."""
        if value is None:
            return None
        result = value
        for text in sorted(self.texts, key=len, reverse=True):
            result = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", REMOVED, result, flags=re.IGNORECASE)
        return result

    def found_in(self, data: bytes, *, shortest: int = 5) -> bool:
        """Whether `data` holds an identifying text of `shortest` characters or more (shorter ones,
        such as a three-letter name, turn up by chance in any image)."""
        for text in (t for t in self.texts if len(t) >= shortest):
            for form in {text, text.lower(), text.upper(), text.title()}:
                if form.encode("utf-8") in data or form.encode("utf-16-le") in data:
                    return True
        return False


def _identity(lead: Lead, travel: TravelDocument | None) -> _Identity:
    found = _Identity()
    for name in (lead.full_name, lead.latin_name, travel.full_name if travel else None):
        found.add(name)
        found.add(*[w for w in re.split(r"[\s,]+", name or "") if len(w) >= 3])
    found.add(lead.email)
    for phone in lead.phones:
        found.add(phone.raw, phone.e164, (phone.e164 or "").lstrip("+"), re.sub(r"\D", "", phone.raw or ""))
    found.add(*[str(v) for v in (lead.messengers or {}).values()])
    if travel is not None:
        found.add(travel.passport_number)
    return found


# ---------------------------------------------------------------- the case, read


@dataclass(frozen=True)
class _Document:
    id: int
    item_key: str
    zip_name: str | None  # None: not in the bundle
    summary: SummaryFile


def _extension(doc: CaseDocument) -> str:
    suffix = PurePosixPath((doc.filename or "").replace("\\", "/")).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        return suffix
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "application/zip": ".zip",
            "application/dicom": ".dcm"}.get((doc.media_type or "").lower(), ".bin")


def _safe_name(name: str | None) -> str:
    base = PurePosixPath((name or "").replace("\\", "/")).name
    safe = re.sub(r'[\x00-\x1f<>:"/\\|?*]', "_", base).strip(" .")
    return safe[:120] or "document"


def _checklist(catalogue: Catalogue, hospital: Hospital, lead: Lead) -> list[str]:
    """The record items the hospital's programs for this diagnosis need (all its programs when
    the category fits none), in the catalogue's order."""
    offers = catalogue.offers_of(hospital.key)
    fitting = [o for o in offers if any(catalogue.indications[i].category == lead.diagnosis_category
                                        for i in o.indications if i in catalogue.indications)]
    wanted = {key for offer in (fitting or offers) for key in offer.records}
    return [key for key in catalogue.records if key in wanted]


def _read_case(session: Session, lead: Lead, catalogue: Catalogue, hospital: Hospital, deidentified: bool,
               identity: _Identity) -> tuple[list[SummaryRecord], list[_Document], list[str]]:
    items = {row.item_key: row for row in session.scalars(select(RecordItem).where(RecordItem.lead_id == lead.id))}
    docs = list(session.scalars(select(CaseDocument).where(CaseDocument.lead_id == lead.id)
                                .order_by(CaseDocument.added_at, CaseDocument.id)))
    keys = _checklist(catalogue, hospital, lead)
    keys += [k for k in items if k not in keys]
    keys += [d.item_key for d in docs if d.item_key and d.item_key not in keys]
    keys = list(dict.fromkeys(keys))
    records: list[SummaryRecord] = []
    bundled: list[_Document] = []
    links: list[str] = []
    for key in keys:
        row = items.get(key)
        state = row.state if row is not None else "missing"
        label = (row.label if row is not None and row.label else None) or catalogue.record(key).label
        accepted = state == "accepted"
        files: list[SummaryFile] = []
        number = 0
        for doc in (d for d in docs if d.item_key == key):
            number += 1
            if doc.kind == "link":
                link = (identity.scrub(doc.link) if deidentified else doc.link) or ""
                files.append(SummaryFile(f"link: {link}", None, None, "link (not downloaded)" if accepted else "not accepted"))
                if accepted:
                    links.append(link)
                continue
            shown = f"{key}-{number}{_extension(doc)}" if deidentified else f"{key}-{number}-{_safe_name(doc.filename)}"
            if not accepted:
                status = "not in the bundle (not accepted)"
                zip_name = None
            elif deidentified and key in IDENTIFYING_ITEMS:
                status, zip_name = "withheld from a de-identified bundle", None
            else:
                status, zip_name = "included", f"{DOCUMENTS_FOLDER}/{shown}"
            document = _Document(doc.id, key, zip_name, SummaryFile(shown, doc.sha256, doc.size, status))
            files.append(document.summary)
            if zip_name is not None:
                bundled.append(document)
        note = row.note if row is not None else None
        records.append(SummaryRecord(label, STATE_WORDS.get(state, state), tuple(files),
                                     identity.scrub(note) if deidentified else note))
    return records, bundled, links


def _summary(session: Session, lead: Lead, catalogue: Catalogue, hospital: Hospital, *, deidentified: bool,
             identity: _Identity, travel: TravelDocument | None, records: list[SummaryRecord], made_on: date,
             actor_id: int | None) -> CaseSummary:
    def text(value: str | None) -> str | None:
        return identity.scrub(value) if deidentified else value

    country = country_name(lead.country) or "not recorded"
    age = _age(travel.date_of_birth if travel else None, made_on)
    age_text = f"{age} years" if age is not None else "not recorded"
    patient: tuple[tuple[str, str], ...]
    if deidentified:
        patient = (("Reference", lead.reference), ("Initials", initials(lead.latin_name or (travel.full_name if travel
                                                                                           else None) or lead.full_name)),
                   ("Age", age_text), ("Country", country))
    else:
        born = travel.date_of_birth.isoformat() if travel and travel.date_of_birth else None
        rows = [("Reference", lead.reference), ("Name", lead.full_name)]
        if lead.latin_name and lead.latin_name != lead.full_name:
            rows.append(("Name in Latin letters", lead.latin_name))
        rows += [("Date of birth", f"{born} ({age_text})" if born else "not recorded"), ("Country", country)]
        patient = tuple(rows)
    if lead.language:
        patient = (*patient, ("Language", language_name(lead.language)))
    case = session.scalars(select(CaseFile).where(CaseFile.lead_id == lead.id)).first()
    flags = tuple(catalogue.exclusions[f].label if f in catalogue.exclusions else f.replace("_", " ")
                  for f in (case.clinical_flags if case else []) or [])
    history = next((r.note for r in records if r.label == catalogue.record("treatment_history").label and r.note), None)
    person = lead.coordinator
    if person is None or person.placeholder:
        fallback = working_profile_in(session, actor_id)
        person = session.get(Coordinator, fallback) if fallback is not None else None
    coordinator: tuple[tuple[str, str], ...]
    if person is None or person.placeholder:
        coordinator = (("Coordinator", "not named yet"),)
    else:
        coordinator = tuple((label, value) for label, value in (
            ("Coordinator", person.name), ("Email", person.email), ("Phone", person.phone),
            ("WhatsApp", person.whatsapp)) if value)
    try:
        agency: str | None = cached_content().agency.name
    except Exception:  # noqa: BLE001 - the agency's name is a courtesy; a content problem is the packet's to report
        agency = None
    notes = ("Documents are included as received; the checksums above identify each file.",)
    return CaseSummary(reference=lead.reference, hospital=hospital.name,
                       hospital_country=country_name(hospital.country) or hospital.country, deidentified=deidentified,
                       made_on=made_on, patient=patient, diagnosis=text(lead.diagnosis),
                       category=DIAGNOSIS_CATEGORIES.get(lead.diagnosis_category or "", lead.diagnosis_category),
                       treatment_history=history, clinical_flags=flags, records=tuple(records),
                       coordinator=coordinator, agency=agency, notes=notes)


# ---------------------------------------------------------------- the ZIP


def _zip(entries: Iterable[tuple[str, bytes]], made_at: datetime) -> bytes:
    stamp = made_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:]))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_review_bundle(db: Database, key: int | str, hospital: str, out: str | Path, *, deidentified: bool = False,
                        force: bool = False, actor_id: int | None = None, clock: Clock = utc_now,
                        progress: Progress | None = None) -> MadeBundle:
    """Make the review bundle of the case for `hospital` (key or name) at `out`, and record it."""
    target = check_target(db, Path(out), force=force)
    catalogue = current_catalogue(db, clock=clock)
    chosen = catalogue.hospital(hospital)
    now = clock()
    written: list[Path] = []
    try:
        return _make(db, key, chosen, catalogue, target, deidentified=deidentified, now=now, actor_id=actor_id,
                     progress=progress, written=written)
    except BaseException:
        for path in written:  # written, but the transaction that records it failed: no unrecorded bundle stays
            path.unlink(missing_ok=True)
        raise


def _make(db: Database, key: int | str, chosen: Hospital, catalogue: Catalogue, target: Path, *, deidentified: bool,
          now: datetime, actor_id: int | None, progress: Progress | None, written: list[Path]) -> MadeBundle:
    with db.write() as session:
        lead = case_lead(session, key)
        require_health_data_consent(session, lead, "make a review bundle")
        require_consent(session, lead, chosen)
        ensure_case(session, lead, now)
        travel = session.scalars(select(TravelDocument).where(TravelDocument.lead_id == lead.id,
                                                              TravelDocument.person_id.is_(None))).first()
        identity = _identity(lead, travel)
        records, bundled, links = _read_case(session, lead, catalogue, chosen, deidentified, identity)
        total = len(bundled) + 2
        if progress:
            progress(0, total)
        entries: list[tuple[str, bytes]] = []
        for number, doc in enumerate(bundled, 1):
            data = session.get(DocumentContent, doc.id)
            if data is None:
                raise ValidationError(f"the bytes of {doc.summary.name} ({lead.reference}) are not in the database; "
                                      "attach the file again")
            if deidentified and identity.found_in(data.data):
                raise ValidationError(f"{doc.summary.name} carries the patient's name, phone, email or passport number, "
                                      "so it cannot go in a de-identified bundle: attach a redacted copy, or make a "
                                      "named bundle once the patient agrees")
            assert doc.zip_name is not None
            entries.append((doc.zip_name, data.data))
            if progress:
                progress(number, total)
        summary = _summary(session, lead, catalogue, chosen, deidentified=deidentified, identity=identity, travel=travel,
                           records=records, made_on=now.date(), actor_id=actor_id)
        pdf = render_case_summary(summary)
        entries.insert(0, (SUMMARY_NAME, pdf))
        files = tuple(BundleFile(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in entries)
        manifest = {"reference": lead.reference, "hospital": chosen.key, "hospital_name": chosen.name,
                    "country": chosen.country, "deidentified": deidentified, "made_at": now.isoformat(),
                    "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in files], "links": links}
        entries.append((MANIFEST_NAME, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
        if deidentified and identity.found_in("\n".join(name for name, _ in entries).encode() + entries[-1][1]):
            raise ValidationError(f"the de-identified bundle of {lead.reference} would still name the patient; "
                                  "check the record items' files and notes")
        archive = _zip(entries, now)
        digest = hashlib.sha256(archive).hexdigest()

        review = MedicalReview(lead_id=lead.id, hospital_key=chosen.key, sent_at=now, bundle_sha256=digest,
                               deidentified=deidentified, created_at=now)
        session.add(review)
        session.flush()
        kind = "de-identified review bundle" if deidentified else "review bundle"
        event = case_event(session, lead, "bundle_made",
                           f"{kind.capitalize()} for {chosen.name} made: {len(bundled)} document(s), sha256 {digest}",
                           now=now, actor_id=actor_id,
                           details={"hospital": chosen.key, "review_id": review.id, "sha256": digest,
                                    "deidentified": deidentified, "file": target.name, "size": len(archive),
                                    "documents": [d.id for d in bundled]})
        review.recorded_by = event.coordinator_id
        for doc in bundled:
            session.add(DocumentRead(lead_id=lead.id, document_id=doc.id, purpose="bundled",
                                     coordinator_id=event.coordinator_id, read_at=now))
        session.flush()
        with atomic_write(target, "wb", private=True) as handle:  # inside the transaction: a failed write records nothing
            handle.write(archive)
        written.append(target)
        if progress:
            progress(total, total)
        made = MadeBundle(target.resolve(), lead.reference, chosen.key, chosen.name, deidentified, digest, len(archive),
                          review.id, files, tuple(links))
    return made
