"""The "request missing records" message: the patient's language, exactly the items asked for by
their catalogue labels, the patient greeted by name, signed by a real coordinator."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.domain.case_records import RecordItemView
from app.domain.catalogue import parse_catalogue, seed_document
from app.domain.errors import ValidationError
from app.domain.profiles import NoSignerError
from app.packets.content import load_content
from app.packets.records_request import message_signer, records_request_message


@dataclass
class Patient:
    full_name: str
    latin_name: str | None = None
    language: str | None = None


def _items(*keys):
    catalogue = parse_catalogue(seed_document())
    return [RecordItemView(k, catalogue.record(k).label, "missing", labels=catalogue.record(k).labels) for k in keys]


@pytest.mark.parametrize(("language", "name", "greeting", "label", "signoff"), [
    ("ru", "Зинаида Квашнина", "Здравствуйте, Зинаида Квашнина!", "• Копия паспорта", "С уважением,"),
    ("ar", "فاطمة الزهراوي", "مرحبًا فاطمة الزهراوي،", "• نسخة من جواز السفر", "مع أطيب التحيات،"),
    ("zh", "欧阳娜娜", "欧阳娜娜，您好！", "• 护照复印件", "祝您身体安康！"),
    ("en", "John Smith", "Dear John Smith,", "• Passport copy", "Kind regards,"),
])
def test_the_message_is_in_the_patients_language_and_lists_exactly_what_is_missing(language, name, greeting, label, signoff):
    message = records_request_message(Patient(name, language=language), _items("pet_ct", "passport_copy"), None,
                                      coordinator_name="Grace Adeyemi")
    lines = message.text.splitlines()
    assert message.language == language and lines[0] == greeting
    bullets = [line for line in lines if line.startswith("• ")]
    assert len(bullets) == 2 and bullets[1] == label
    assert lines[-3:] == [signoff, "Grace Adeyemi", "MedTour Desk Partners"]
    assert message.items == ("pet_ct", "passport_copy")
    assert message.direction == ("rtl" if language == "ar" else "ltr")


def test_arabic_addresses_the_patient_without_a_gendered_form():
    text = load_content().text("ar")
    words = " ".join(text.get(f"records_request.{k}", patient_name="X") for k in
                     ("greeting", "intro", "how_to_send", "closing", "signoff"))
    for gendered in ("عزيزي", "عزيزتي", "أرسل ", "أرسلي", "تكون ", "تكوني", "كِ"):  # dear (m/f), send (m/f), be (m/f), you (f)
        assert gendered not in words


def test_an_unknown_language_falls_back_to_english_with_the_latin_name():
    message = records_request_message(Patient("Ирина Петрова", "Irina Petrova", "de"), _items("blood_tests"), None,
                                      coordinator_name="Grace Adeyemi")
    assert message.language == "en" and message.text.startswith("Dear Irina Petrova,\n")
    assert "• Blood counts and chemistry (last 2 weeks)" in message.text


def test_nothing_to_ask_and_no_signer_are_refused(sqlite_db):
    with pytest.raises(ValidationError, match="no records to ask for"):
        records_request_message(Patient("A"), [], "en", coordinator_name="Grace")
    with pytest.raises(NoSignerError):
        records_request_message(Patient("A"), _items("pet_ct"), "en", coordinator_name="  ")
    with pytest.raises(NoSignerError):  # only the placeholder "Coordinator" on a new database
        message_signer(sqlite_db)
