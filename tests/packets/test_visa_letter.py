"""The visa invitation letter: a real PDF in English and Chinese, with embedded fonts, naming each
traveller's passport details; refused clearly when the signer or passports are missing."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain.case_file import case_lead
from app.domain.case_people import PersonInput, add_person
from app.domain.case_schedule import plan_schedule
from app.domain.errors import ValidationError
from app.domain.leads import ensure_default_coordinator
from app.domain.travel_details import TravelInput, set_travel_details
from app.packets.visa_letter import render_visa_letter, visa_letter_for, write_visa_letter
from db.case_models import DocumentRead
from db.models import Interaction
from tests.domain.case_family_data import NOW, choose_quote, make_lead, make_signer
from tests.packets.pdf_reading import fonts, needs_poppler, normalise, poppler_pages

PATIENT = TravelInput(full_name="AIGERIM NURLANOVA", date_of_birth=date(1979, 5, 4), nationality="KZ",
                      passport_number="N12345678", passport_expiry=date(2031, 1, 31))
HUSBAND = TravelInput(full_name="NURLAN SEITKALI", date_of_birth=date(1976, 2, 9), nationality="KZ",
                      passport_number="N87654321", passport_expiry=date(2030, 8, 1))


def _case(db, *, signer: bool = True) -> tuple[str, int]:
    ensure_default_coordinator(db)
    if signer:
        make_signer(db)
    ref = make_lead(db)
    choose_quote(db, ref, "riverside_b_all", "beijing_riverside")
    plan_schedule(db, ref, date(2027, 3, 1), clock=lambda: NOW)
    husband = add_person(db, ref, PersonInput(name="Нурлан Сейткали", relation="spouse", travels=True)).person
    add_person(db, ref, PersonInput(name="Daughter at home", relation="daughter", decides=True))  # does not travel
    return ref, husband.id


def test_refused_with_the_missing_passport_details_listed(db):
    ref, husband = _case(db)
    with pytest.raises(ValidationError) as refused:
        visa_letter_for(db, ref, clock=lambda: NOW)
    assert str(refused.value) == ("the visa letter needs passport details that are missing — the patient: no passport "
                                  "details; Нурлан Сейткали: no passport details")
    set_travel_details(db, ref, PATIENT, clock=lambda: NOW)
    set_travel_details(db, ref, TravelInput(full_name="NURLAN SEITKALI"), person_id=husband, clock=lambda: NOW)
    with pytest.raises(ValidationError) as still:
        visa_letter_for(db, ref, clock=lambda: NOW)
    assert str(still.value).endswith("Нурлан Сейткали: date of birth, nationality, passport number, passport expiry")


def test_refused_while_only_the_placeholder_is_working(sqlite_db):
    ref, _ = _case(sqlite_db, signer=False)
    with pytest.raises(ValidationError, match="signed by the coordinator who is working: set your profile first"):
        visa_letter_for(sqlite_db, ref, clock=lambda: NOW)


@needs_poppler
def test_the_letter_in_english_and_chinese_with_embedded_fonts(sqlite_db, tmp_path: Path):
    ref, husband = _case(sqlite_db)
    set_travel_details(sqlite_db, ref, PATIENT, clock=lambda: NOW)
    set_travel_details(sqlite_db, ref, HUSBAND, person_id=husband, clock=lambda: NOW)
    out = tmp_path / "visa.pdf"
    made = write_visa_letter(sqlite_db, ref, out, clock=lambda: NOW)
    assert made.languages == ("en", "zh") and made.travellers == 2
    pdf = out.read_bytes()
    pages = [normalise(p) for p in poppler_pages(pdf)]
    english, chinese = " ".join(pages[:-1]), pages[-1]
    for text in ("Invitation letter for medical treatment", "AIGERIM NURLANOVA", "N12345678", "NURLAN SEITKALI",
                 "N87654321", "1979-05-04", "Kazakhstan (KZ)", "Beijing Riverside International Hospital",
                 "arrival on 2027-03-01", "until 2027-04-18", "International Patient Centre", "+86 10 8457 2299",
                 "Anna Lee", "+86 138 0013 8000", "Companion (spouse)"):
        assert text in english, text
    for text in ("医疗邀请函", "北京河畔国际医院", "B细胞急性淋巴细胞白血病CAR-T治疗", "哈萨克斯坦", "N87654321", "陪同人员(配偶)"):
        assert text in chinese, text
    assert "Daughter at home" not in " ".join(pages)  # only who travels
    reader_text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "N12345678" in reader_text
    used = fonts(pdf)
    assert used and all(f["embedded"] for f in used.values()), used
    assert any("WenQuanYi" in name for name in used), used

    png = tmp_path / "visa"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(len(pages)), "-l", str(len(pages)), str(out), str(png)],
                   check=True)
    assert list(tmp_path.glob("visa*.png"))

    with sqlite_db.read() as session:
        lead = case_lead(session, ref)
        reads = session.scalars(select(DocumentRead.purpose).where(DocumentRead.lead_id == lead.id)).all()
        events = [(i.details or {}).get("event") for i in session.scalars(select(Interaction).where(
            Interaction.lead_id == lead.id, Interaction.kind == "case"))]
    assert reads == ["travel_details"] and "visa_letter_made" in events
    with pytest.raises(ValidationError, match="already exists"):
        write_visa_letter(sqlite_db, ref, out, clock=lambda: NOW)
    assert write_visa_letter(sqlite_db, ref, out, force=True, clock=lambda: NOW).sha256 == made.sha256


def test_same_input_same_bytes(sqlite_db):
    ref, husband = _case(sqlite_db)
    set_travel_details(sqlite_db, ref, PATIENT, clock=lambda: NOW)
    set_travel_details(sqlite_db, ref, HUSBAND, person_id=husband, clock=lambda: NOW)
    letter = visa_letter_for(sqlite_db, ref, clock=lambda: NOW)
    assert render_visa_letter(letter) == render_visa_letter(letter)
