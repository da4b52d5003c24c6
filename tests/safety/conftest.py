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


PEOPLE = (
    # name, latin name, phone as typed, country, email
    ("Зинаида Квашнина", "Zinaida Kvashnina", "8 (916) 555-12-34", "RU", "zinaida.kvashnina@example.org"),
    ("فاطمة الزهراوي", "Fatima Alzahrawi", "050 987 6543", "AE", "fatima.alzahrawi@example.net"),
    ("欧阳娜娜", "Ouyang Nana", "138 0013 8765", "CN", "ouyang.nana@example.cn"),
    ("प्रियंका चतुर्वेदी", "Priyanka Chaturvedi", "098765 43219", "IN", "priyanka.c@example.in"),
)


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
    e164 = parse_phone(phone, country).e164
    assert e164 is not None, phone
    secrets = (name, surname, latin, phone, e164, *phone_search_keys(e164), email, email.split("@")[0])
    return Person(created.lead_id, created.reference, secrets, packet)


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
