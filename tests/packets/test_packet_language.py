"""Language and raw data: currencies named as people read them, Russian plural forms and native
phrasing, Arabic-Indic digits as a content option, and what a person typed printed safely (a
formula defused, a dropped emoji leaving no gap, markup-looking names verbatim)."""
from __future__ import annotations

import re

import pytest

from app.packets.content import load_content
from app.packets.fonts import font_book
from app.packets.packet_locale import arabic_indic_digits
from app.packets.packet_renderer import typed_text
from tests.packets.conftest import TRICKY_NAME, make_lead, render
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext


def text_of(content, lang: str, **changes) -> str:
    return normalise(pdftotext(render(make_lead(lang, **changes), content).pdf))


@needs_poppler
@pytest.mark.parametrize(("lang", "country", "names"), [
    ("en", "SA", ["US dollars (USD)", "Saudi riyals (SAR)"]),
    ("ru", "KZ", ["доллар США (USD)", "казахский тенге (KZT)"]),
    ("zh", "SG", ["美元(USD)", "新加坡元(SGD)"]),  # full-width brackets, folded by NFKC
])
def test_currencies_are_named_as_people_read_them(content, lang, country, names):
    text = text_of(content, lang, country=country)
    for name in names:
        assert name in text
    assert not re.search(r"(?:in|в|以|بعملة) (?:USD|SAR|KZT|SGD)\b", text), "a bare currency code in a sentence"


@needs_poppler
def test_russian_reads_as_written_by_a_person(content):
    text = text_of(content, "ru", companions=1)
    assert "в поездке — 2 человека" in text
    assert "путешественник" not in text
    assert "для:" not in text and "учитывает:" not in text and "г.." not in text
    assert "Здравствуйте, Мария Иванова!" in text  # a greeting that suits a woman and a man
    assert not re.search(r"\b(?:Уважаемый|Уважаемая|Дорогой|Дорогая)\b", text)
    one = text_of(content, "ru", companions=0)
    assert "в поездке — 1 человек." in one


def test_russian_plural_forms_follow_the_cldr_rules(content):
    words = content.text("ru")
    assert [words.plural("units.travellers", n) for n in (1, 2, 5, 11, 21, 22)] == [
        "1 человек", "2 человека", "5 человек", "11 человек", "21 человек", "22 человека"]
    assert [words.plural("units.days", n) for n in (1, 3, 14, 21)] == ["1 день", "3 дня", "14 дней", "21 день"]
    assert [words.plural("units.weeks_before", n) for n in (1, 4, 5)] == ["1 неделю", "4 недели", "5 недель"]


def test_arabic_indic_digits_leave_codes_and_contacts_alone():
    assert arabic_indic_digits("خلال 48 ساعة، 59,000 – 3.5") == "خلال ٤٨ ساعة، ٥٩٬٠٠٠ – ٣٫٥"
    assert arabic_indic_digits("CD19 و S2") == "CD19 و S2"
    assert arabic_indic_digits("\u202a+86 10 6598 4420\u202c") == "\u202a+86 10 6598 4420\u202c"


@needs_poppler
def test_arabic_indic_digits_are_a_content_option_off_by_default(content, content_copy):
    assert content.agency.arabic_indic_digits is False
    western = text_of(content, "ar")
    assert not re.search("[٠-٩]", western)
    agency = content_copy / "agency.toml"
    agency.write_text(agency.read_text(encoding="utf-8").replace("arabic_indic_digits = false",
                                                                  "arabic_indic_digits = true"), encoding="utf-8")
    edited = load_content(content_copy)
    assert edited.agency.arabic_indic_digits
    text = normalise(pdftotext(render(make_lead("ar"), edited).pdf))
    assert "٢٠٢٦" in text  # the date
    assert re.search("[٠-٩]{2}٬[٠-٩]{3}", text), "amounts in Arabic-Indic digits with the Arabic separator"
    # Western digits remain only in what is typed or dialled: phone numbers, the reference, rate
    # formulas, Latin codes (CD19, S2), the agency's address.
    for line in edited.agency.address:
        text = text.replace(line, "")
    rest = re.sub(r"\+[0-9][0-9 ]+|L-2026-[0-9]+|1 USD = [0-9.]+ [A-Z]{3}|CD19|S2|\S+@\S+", "", text)
    assert not re.search("[0-9]", rest), re.findall(r".{20}[0-9].{10}", rest)
    assert "CD19" in text
    english = normalise(pdftotext(render(make_lead("en"), edited).pdf))
    assert not re.search("[٠-٩]", english), "only the Arabic packet changes"


@pytest.mark.parametrize(("typed", "printed"), [
    ("Sam Taylor 👋", "Sam Taylor"),
    ("👋 Sam Taylor", "Sam Taylor"),
    ("Sam 👨‍👩‍👧 Taylor", "Sam Taylor"),
    ("(👋) Ann Lee", "Ann Lee"),
    (TRICKY_NAME, TRICKY_NAME),
    ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("+7 916 123 45 67", "+7 916 123 45 67"),
    ("王芳", "王芳"),
])
def test_typed_text_is_printed_safely(typed, printed):
    assert typed_text(typed, font_book(), "en") == printed


@needs_poppler
def test_a_dropped_emoji_leaves_no_stray_space_and_a_formula_is_defused(content):
    text = text_of(content, "en", full_name="Sam Taylor 👋", diagnosis='=HYPERLINK("http://x.example","B-ALL")')
    assert "Dear Sam Taylor, thank you" in text
    assert "Sam Taylor ," not in text and "Taylor  " not in text
    assert '\'=HYPERLINK("http://x.example","B-ALL")' in text
    assert not re.search(r'(?<!\')=HYPERLINK', text)


@needs_poppler
def test_markup_looking_names_are_printed_exactly(content):
    text = text_of(content, "en", full_name=TRICKY_NAME)
    assert f"Dear {TRICKY_NAME}, thank you" in text
    assert "&amp;" not in text and "&lt;" not in text
