"""The coordinator on the packet: a real person with their own phone, e-mail and WhatsApp; the
agency's switchboard printed as the agency's; WhatsApp promised only when there is a number;
a placeholder never signs."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from app.domain.errors import ValidationError
from app.domain.lead_import import import_csv
from app.domain.lead_search import find_lead_ids, make_filter
from app.domain.profiles import NO_SIGNER_MESSAGE, NoSignerError, ProfileInput, is_placeholder_name, set_profile
from app.packets.lead_packets import render_for_lead
from app.packets.packet_input import PacketCoordinator
from db.models import Coordinator
from tests.conftest import SAMPLE_CSV
from tests.packets.conftest import LEADS, make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext

LANGUAGES = ("en", "ru", "ar", "zh")
#: How each language writes "WhatsApp" and "direct phone" (the cover's label).
WHATSAPP = {"en": "WhatsApp", "ru": "WhatsApp", "ar": "واتساب", "zh": "WhatsApp"}


def text_of(content, lang: str, coordinator: PacketCoordinator) -> str:
    lead = make_lead(lang, coordinator=coordinator)
    return normalise(pdftotext(render(lead, content).pdf))


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_coordinator_without_phone_or_whatsapp_gets_the_switchboard_labelled_as_the_agencys(content, lang):
    email_only = PacketCoordinator(name="Anna Lee", email="anna.lee@medtourdesk.example", phone=None)
    text = text_of(content, lang, email_only)
    words = content.text(lang)
    assert normalise(words.get("cover.switchboard")) in text
    assert normalise(words.get("cover.phone")) not in text, "the agency's number was labelled the coordinator's own"
    assert content.agency.phone in text
    assert WHATSAPP[lang] not in text, "WhatsApp promised but no number given"
    assert "anna.lee@medtourdesk.example" in text


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordinators_own_numbers_are_labelled_direct_and_the_switchboard_apart(content, lang):
    text = text_of(content, lang, LEADS[lang].coordinator)
    words = content.text(lang)
    assert normalise(words.get("cover.phone")) in text and "+86 138 0013 8000" in text
    assert normalise(words.get("cover.switchboard")) in text and content.agency.phone in text
    assert "+86 138 0013 8001" in text  # WhatsApp, on the cover and in the closing line
    assert text.count("+86 138 0013 8001") >= 2


@needs_poppler
@pytest.mark.parametrize("lang", ("ru", "ar", "zh"))
def test_no_english_words_inside_translated_contact_sentences(content, lang):
    coordinator = LEADS[lang].coordinator
    assert coordinator.signature
    text = text_of(content, lang, coordinator).replace(coordinator.signature, "")  # their own sign-off, as they wrote it
    for english in ("Coordinator", "coordinator", "phone", "email", "Direct", "switchboard"):
        assert english not in text.replace("medtourdesk", ""), f"English {english!r} in the {lang} packet"


@pytest.mark.parametrize("name", ["Coordinator", "MedTour Desk coordinator", "  ", "Your patient coordinator",
                                  "Координатор", "MedTour Desk Partners"])
def test_a_placeholder_never_signs_a_packet(content, name):
    assert is_placeholder_name(name, also=content.agency.name)
    lead = make_lead("en", coordinator=PacketCoordinator(name=name, email="care@medtourdesk.example", phone=None))
    with pytest.raises(ValidationError) as refused:
        render(lead, content)
    assert isinstance(refused.value, NoSignerError)
    assert "Settings → My profile" in str(refused.value)


@pytest.mark.parametrize("name", ["Omar Haddad", "Li Wen", "Анна Ли", "王芳", "Zoë <b>O'Brien</b> & Co"])
def test_real_names_are_not_placeholders(name):
    assert not is_placeholder_name(name, also="MedTour Desk Partners")


def test_a_profile_named_like_the_placeholder_is_refused_with_what_to_fill_in(sqlite_db, clock):
    """A database whose only person was renamed "MedTour Desk coordinator" (not flagged as the
    placeholder) still has nobody real: the packet says to fill in Settings → My profile."""
    import_csv(sqlite_db, SAMPLE_CSV, clock=clock)
    set_profile(sqlite_db, ProfileInput(name="Someone Real", email="real@medtourdesk.example"))
    with sqlite_db.write() as session:
        session.execute(update(Coordinator).values(name="MedTour Desk coordinator", placeholder=False))
    lead_id = find_lead_ids(sqlite_db, make_filter(None), sort="reference", descending=False)[0]
    with pytest.raises(NoSignerError) as refused:
        render_for_lead(sqlite_db, lead_id, clock=clock)
    assert str(refused.value) == NO_SIGNER_MESSAGE
