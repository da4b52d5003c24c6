"""The one search box, on SQLite (FTS5 trigram) and PostgreSQL."""
from __future__ import annotations

import pytest

from app.domain.lead_records import LeadInput
from app.domain.lead_search import list_leads
from app.domain.leads import create_lead

PEOPLE = [
    ("Иван Петров", "Ivan Petrov", "+7 916 123-45-67", "RU", "ivan.petrov@mail.ru"),
    ("李娜", "Li Na", "+86 138 0013 8000", "CN", None),
    ("王小明", None, None, "CN", "wxm@example.com"),
    ("José Álvarez", None, "+34 612 34 56 78", "ES", None),
    ("محمد العتيبي", "Mohammed Al-Otaibi", "+966 50 123 4567", "SA", None),
    ("Discount 50% Ltd_Co", None, None, None, "promo@example.com"),
    ("Chukwuemeka Okafor", None, "0803 123 4567", "NG", None),
]


@pytest.fixture
def people(db, clock):
    refs = {}
    for name, latin, phone, country, email in PEOPLE:
        data = LeadInput(full_name=name, latin_name=latin, phones=[(phone, "mobile")] if phone else [], country=country, email=email)
        refs[name] = create_lead(db, data, clock=clock).reference
    return refs


def found(db, text):
    return {r.name for r in list_leads(db, search=text)}


@pytest.mark.parametrize("query", ["иван", "ИВАН", "Петр", "етро", "ivan petrov", "petrov ivan"])
def test_cyrillic_and_latin_spelling(db, people, query):
    assert found(db, query) == {"Иван Петров"}


@pytest.mark.parametrize("query", ["jose", "JOSÉ", "alvarez", "Álv"])
def test_latin_is_case_and_accent_insensitive(db, people, query):
    assert found(db, query) == {"José Álvarez"}


@pytest.mark.parametrize("query,name", [("娜", "李娜"), ("小明", "王小明"), ("李娜", "李娜"), ("王小明", "王小明")])
def test_chinese_one_and_two_characters(db, people, query, name):
    assert found(db, query) == {name}


def test_arabic(db, people):
    assert found(db, "العتيبي") == {"محمد العتيبي"}
    assert found(db, "otaibi") == {"محمد العتيبي"}


@pytest.mark.parametrize("query", ["+7 916 123", "8916123", "9161234567", "79161234567", "+7 (916) 123-45-67", "4567"])
def test_phone_digits_however_typed(db, people, query):
    names = found(db, query)
    assert "Иван Петров" in names
    if query != "4567":
        assert names == {"Иван Петров"}


def test_national_trunk_form_for_nigeria(db, people):
    assert found(db, "0803 123") == {"Chukwuemeka Okafor"}


def test_reference_and_email(db, people):
    assert found(db, people["王小明"].lower()) == {"王小明"}
    assert found(db, "wxm@exa") == {"王小明"}


@pytest.mark.parametrize("query,expected", [("50%", {"Discount 50% Ltd_Co"}), ("%", {"Discount 50% Ltd_Co"}),
                                            ("d_c", {"Discount 50% Ltd_Co"}), ("_", {"Discount 50% Ltd_Co"}),
                                            ("'", set()), ('"', set()), ("' OR 1=1 --", set())])
def test_wildcards_and_quotes_are_literal(db, people, query, expected):
    assert found(db, query) == expected


def test_no_match_and_blank(db, people):
    assert found(db, "zzzz") == set()
    assert len(found(db, "   ")) == len(PEOPLE)
