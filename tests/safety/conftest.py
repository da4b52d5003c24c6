"""Fixtures for the safety suite: a person with data in every table, file scanning, soak sizing."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

#: MEDTOUR_SOAK=1 turns the bounded runs of `make test` into long soak runs.
SOAK = os.environ.get("MEDTOUR_SOAK") == "1"


def scaled(normal: int, soak: int) -> int:
    """A size for `make test`, or the soak size when MEDTOUR_SOAK=1."""
    return soak if SOAK else normal


@dataclass(frozen=True)
class Person:
    lead_id: int
    reference: str
    #: Text that must never be found in the database file after erasure (UTF-8 encoded when scanned).
    secrets: tuple[str, ...]
    packet_file: Path
    #: Of `secrets`, those in the person's case: document file names and contents, a companion's
    #: name, a passport number.
    case_secrets: tuple[str, ...] = ()


PEOPLE = (
    # name, latin name, phone as typed, country, email
    ("Зинаида Квашнина", "Zinaida Kvashnina", "8 (916) 555-12-34", "RU", "zinaida.kvashnina@example.org"),
    ("فاطمة الزهراوي", "Fatima Alzahrawi", "050 987 6543", "AE", "fatima.alzahrawi@example.net"),
    ("欧阳娜娜", "Ouyang Nana", "138 0013 8765", "CN", "ouyang.nana@example.cn"),
    ("प्रियंका चतुर्वेदी", "Priyanka Chaturvedi", "098765 43219", "IN", "priyanka.c@example.in"),
)
#: Per person: a companion on the case, and the patient's passport number.
CASE_PEOPLE = (
    ("Аркадий Квашнин", "7519 284613"),
    ("خديجة الزهراوي", "N0847715AE"),
    ("欧阳建国", "E88214590"),
    ("सुरेश चतुर्वेदी", "Z4471820"),
)


def medical_pdf(marker: str) -> bytes:
    """A real (uncompressed) PDF page whose text is `marker`, padded past one database page."""
    stream = f"BT /F1 12 Tf 72 720 Td ({marker}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
               b"/Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    out += b"% " + (marker.encode() + b" ") * 400 + b"\n"  # spans overflow pages of the blob
    return bytes(out)


def scan_png(marker: str) -> bytes:
    """PNG bytes (signature and a tEXt chunk) carrying `marker`, several database pages long."""
    text = b"Comment\x00" + (marker.encode() + b" ") * 600
    return b"\x89PNG\r\n\x1a\n" + len(text).to_bytes(4, "big") + b"tEXt" + text + b"\x00\x00\x00\x00"


def make_person(db, clock, index: int = 0, packets_dir: Path | None = None) -> Person:
    """A lead in every table: phones, email, messengers, diagnosis, an edit, a call with a status
    move and a reason, a packet record with its PDF file in the packets folder."""
    from app import paths
    from app.domain.lead_records import LeadInput
    from app.domain.leads import InteractionInput, change_status, create_lead, get_lead, log_interaction, update_lead
    from app.domain.phone import parse_phone, phone_search_keys

    name, latin, phone, country, email = PEOPLE[index]
    surname = name.split()[-1]
    created = create_lead(db, LeadInput(
        full_name=name, latin_name=latin, phones=[(phone, "mobile")], email=email, country=country,
        messengers={"telegram": f"@{latin.split()[0].lower()}_tg"}, diagnosis=f"Рецидив лимфомы — {surname}",
        message=f"My name is {name}, please call {phone}", consent_health_data=True, consent_method="web form",
    ), clock=clock)
    detail = get_lead(db, created.lead_id)
    update_lead(db, created.lead_id, detail.version, {"diagnosis": f"DLBCL relapse after 2 lines ({surname})"}, clock=clock)
    log_interaction(db, created.lead_id, InteractionInput(kind="call", outcome="reached", notes=f"Spoke with {name} about records"),
                    move_to="contacted", clock=clock)
    change_status(db, created.lead_id, "lost", reason=f"{latin} chose another clinic", clock=clock)
    folder = packets_dir or paths.packets_dir()
    packet = folder / f"{created.reference}-{latin.replace(' ', '_')}.pdf"
    packet.write_bytes(b"%PDF-1.4 packet for " + name.encode())
    log_interaction(db, created.lead_id, InteractionInput(kind="packet", notes=f"Packet for {name}",
                    details={"sha256": "0" * 64, "language": "ru", "program": "lymphoma", "file": str(packet)}), clock=clock)
    secrets_of_case = _case_of(db, clock, index, created.reference, created.lead_id, folder)
    e164 = parse_phone(phone, country).e164
    assert e164 is not None, phone
    secrets = (name, surname, latin, phone, e164, *phone_search_keys(e164), email, email.split("@")[0], *secrets_of_case)
    return Person(created.lead_id, created.reference, secrets, packet, secrets_of_case)


def _case_of(db, clock, index: int, reference: str, lead_id: int, folder: Path) -> tuple[str, ...]:
    """The person's case: a PDF and an image in the database (opened once, so the read log has a
    row), a companion and the patient's passport number. What of it must go with the person."""
    from app.domain.case_records import attach_file, read_document
    from db.case_models import CasePerson, TravelDocument

    latin = PEOPLE[index][1]
    companion, passport = CASE_PEOPLE[index]
    pdf_name = f"{latin.replace(' ', '_')}_pathology_{index}.pdf"
    pdf_marker = f"Histology of {latin} case {index}-QX7"
    png_name = f"passport_scan_{latin.split()[0].lower()}_{index}.png"
    png_marker = f"scan-{latin.split()[-1].lower()}-{index}-ZK4"
    pdf, png = folder / pdf_name, folder / png_name
    pdf.write_bytes(medical_pdf(pdf_marker))
    png.write_bytes(scan_png(png_marker))
    attached = attach_file(db, reference, "pathology_report", pdf, clock=clock)
    attach_file(db, reference, "Passport copy", png, clock=clock)
    pdf.unlink()
    png.unlink()
    read_document(db, reference, attached.document.id, clock=clock)
    now = clock()
    with db.write() as session:
        person = CasePerson(lead_id=lead_id, name=companion, relation="spouse", phones=[], decides=True, travels=True,
                            created_at=now)
        session.add(person)
        session.flush()
        session.add(TravelDocument(lead_id=lead_id, person_id=None, full_name=latin.upper(), passport_number=passport,
                                   updated_at=now))
        session.add(TravelDocument(lead_id=lead_id, person_id=person.id, full_name=companion, updated_at=now))
    return (pdf_name, pdf_marker, png_name, png_marker, companion, passport)


def found_in_files(files, secrets) -> dict[str, list[str]]:
    """Which secrets (UTF-8, and case-folded) appear in which of `files`."""
    hits: dict[str, list[str]] = {}
    for path in files:
        path = Path(path)
        if not path.exists():
            continue
        data = path.read_bytes()
        found = sorted({s for s in secrets if s.encode() in data or s.casefold().encode() in data})
        if found:
            hits[path.name] = found
    return hits


@pytest.fixture
def person(sqlite_db, clock) -> Person:
    return make_person(sqlite_db, clock)
