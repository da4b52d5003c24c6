"""Travel by where the patient lives: a patient who lives in the hospital's country reads nothing
about visas, interpreters, flying or "returning to your country" (with or without an offer, in
every language); a patient from abroad is told the visa type and lead time, the airport and the
city, and where they will stay."""
from __future__ import annotations

import re

import pytest

from tests.packets.conftest import make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext

#: What a domestic patient must never read, per language (regular expressions, case-insensitive).
NEVER_FOR_DOMESTIC = {
    "en": [r"visa", r"interpret", r"\bfly\b", r"flights?\b", r"after you return", r"returning to your country",
           r"travelling from", r"international patients"],
    "ru": [r"виз[аеуыо]", r"переводчик", r"перел[её]т", r"откуда вы едете", r"после возвращения",
           r"иностран"],
    "ar": [r"تأشير", r"مترجم", r"بلد السفر", r"بلدك", r"الأجانب", r"الطيران الدولية"],
    "zh": [r"签证", r"翻译", r"回国", r"出发国家", r"国际患者", r"国际机票"],
}


def packet_text(content, lang: str, **changes) -> str:
    return normalise(pdftotext(render(make_lead(lang, **changes), content).pdf))


@needs_poppler
@pytest.mark.parametrize("lang", list(NEVER_FOR_DOMESTIC))
@pytest.mark.parametrize("with_offer", [True, False], ids=["estimate", "first_steps"])
def test_a_patient_living_in_the_hospitals_country_never_reads_about_travelling_abroad(content, lang, with_offer):
    changes: dict[str, object] = {"country": "CN"}
    if not with_offer:
        changes.update(diagnosis=None, diagnosis_category=None)
    rendered = render(make_lead(lang, **changes), content)
    assert rendered.renderer.domestic
    assert (rendered.renderer.offer is not None) is with_offer
    text = normalise(pdftotext(rendered.pdf))
    for pattern in NEVER_FOR_DOMESTIC[lang]:
        found = re.search(pattern, text, re.IGNORECASE)
        assert found is None, f"{lang}: a patient living in China reads {found.group(0)!r}" if found else ""


@needs_poppler
@pytest.mark.parametrize("lang", list(NEVER_FOR_DOMESTIC))
def test_a_patient_from_abroad_is_told_the_visa_airport_and_stay(content, lang):
    text = packet_text(content, lang, country="KZ")
    words = content.text(lang)
    assert "S2" in text, "the visa type"
    weeks = normalise(words.plural("units.weeks_before", content.agency.visa_lead_weeks))
    if lang == "ar":  # poppler reorders a number inside Arabic text: look for the words
        weeks = weeks.replace(str(content.agency.visa_lead_weeks), "").strip()
    assert weeks in text, "the visa's lead time"
    assert "PEK — Beijing Capital International Airport" in text or "PVG — Shanghai Pudong" in text
    assert {"en": "furnished apartment", "ru": "меблированная квартира", "ar": "شقة مفروشة",
            "zh": "带家具公寓"}[lang] in text


def test_without_an_offer_the_hospitals_country_is_the_agencys_partners(content):
    lead = make_lead("en", country="CN", diagnosis=None, diagnosis_category=None)
    assert content.agency.hospitals_country == "CN"
    assert render(lead, content).renderer.domestic
    assert not render(make_lead("en", country="GB", diagnosis=None, diagnosis_category=None), content).renderer.domestic
