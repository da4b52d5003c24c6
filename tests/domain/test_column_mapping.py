"""Guessing which column holds which lead field, the user's corrections, and submission dates."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.column_mapping import (
    FIELDS,
    IGNORE,
    PHONE_FIELDS,
    SYNONYMS,
    apply_overrides,
    guess_mapping,
    parse_map_overrides,
    parse_submitted_at,
)
from app.domain.csv_source import open_csv

from tests.conftest import SAMPLE_CSV as SAMPLE


def test_fields_are_the_agreed_ones() -> None:
    assert FIELDS == (
        "full_name", "first_name", "last_name", "latin_name", "email", "phone", "phone2", "whatsapp",
        "wechat", "telegram", "country", "language", "diagnosis", "diagnosis_category", "message",
        "source", "submitted_at", "program", "budget", "companions", "coordinator",
    )  # fmt: skip
    assert set(SYNONYMS) == set(FIELDS)
    assert set(PHONE_FIELDS) <= set(FIELDS)


# --- guessing ---------------------------------------------------------------------------------


def test_real_sample_headers() -> None:
    assert guess_mapping(open_csv(SAMPLE).headers) == {
        "Submitted At": "submitted_at",
        "Full Name": "full_name",
        "Email": "email",
        "Phone": "phone",
        "Country": "country",
        "Preferred Language": "language",
        "Diagnosis": "diagnosis",
        "Message": "message",
        "Source": "source",
    }


def test_hubspot_export_headers(tmp_path: Path) -> None:
    path = tmp_path / "hubspot.csv"
    path.write_text(
        '"Record ID","First Name","Last Name","Email","Phone Number","Mobile Phone Number","Country/Region",'
        '"Create Date","Contact owner","Lead Status","Original Source"\n"1","A","B","a@b.co","+1","","US","2026-10-01","x","NEW","y"\n',
        encoding="utf-8",
    )
    assert guess_mapping(open_csv(path).headers) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Email": "email",
        "Phone Number": "phone",
        "Mobile Phone Number": "phone2",
        "Country/Region": "country",
        "Create Date": "submitted_at",
        "Contact owner": "coordinator",
        "Original Source": "source",
    }


def test_google_forms_headers() -> None:
    headers = [
        "Timestamp", "Email Address", "Full name", "Phone number (with country code)", "Country",
        "What is the diagnosis?", "Your message / question", "How did you hear about us?", "Date of birth",
    ]  # fmt: skip
    assert guess_mapping(headers) == {
        "Timestamp": "submitted_at",
        "Email Address": "email",
        "Full name": "full_name",
        "Phone number (with country code)": "phone",  # the longer synonym wins over "country"
        "Country": "country",
        "What is the diagnosis?": "diagnosis",
        "Your message / question": "message",
        "How did you hear about us?": "source",
    }  # and "Date of birth" is not the submission date


def test_russian_headers() -> None:
    headers = ["ФИО", "Телефон", "Страна", "Диагноз", "Сообщение", "Дата заявки", "Эл. почта", "Имя", "Фамилия"]
    assert guess_mapping(headers) == {
        "ФИО": "full_name",
        "Телефон": "phone",
        "Страна": "country",
        "Диагноз": "diagnosis",
        "Сообщение": "message",
        "Дата заявки": "submitted_at",
        "Эл. почта": "email",
        "Имя": "first_name",
        "Фамилия": "last_name",
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail", "email"), ("email_address", "email"), ("  EMAIL  ", "email"), ("Name", "full_name"),
        ("Patient name", "full_name"), ("Contact Name", "full_name"), ("given name", "first_name"),
        ("Surname", "last_name"), ("Family-Name", "last_name"), ("Mobile", "phone"), ("Tel.", "phone"),
        ("Telephone", "phone"), ("Cell", "phone"), ("Nationality", "country"),
        ("Country of residence", "country"), ("Preferred language", "language"), ("Condition", "diagnosis"),
        ("Medical condition", "diagnosis"), ("Disease", "diagnosis"), ("Notes", "message"),
        ("Comments", "message"), ("Inquiry", "message"), ("Question", "message"), ("utm_source", "source"),
        ("Channel", "source"), ("Lead source", "source"), ("Created", "submitted_at"),
        ("Submission date", "submitted_at"), ("WeChat ID", "wechat"), ("Telegram", "telegram"),
        ("Latin name", "latin_name"), ("Budget (USD)", "budget"), ("Number of companions", "companions"),
        ("Coordinator", "coordinator"), ("Programme", "program"), ("Cancer type", "diagnosis_category"),
    ],
)  # fmt: skip
def test_synonyms(header: str, field: str) -> None:
    assert guess_mapping([header]) == {header: field}


def test_whatsapp_column_maps_to_whatsapp() -> None:
    assert guess_mapping(["Name", "WhatsApp", "Country"]) == {"Name": "full_name", "WhatsApp": "whatsapp", "Country": "country"}
    assert guess_mapping(["Phone", "WhatsApp number"]) == {"Phone": "phone", "WhatsApp number": "whatsapp"}


def test_each_field_once_first_column_wins() -> None:
    assert guess_mapping(["Email", "E-mail", "Name", "Full name"]) == {"Email": "email", "Name": "full_name"}


def test_exact_header_beats_a_header_that_only_contains_the_synonym() -> None:
    assert guess_mapping(["Patient country code", "Country"]) == {"Country": "country"}


def test_a_second_phone_column_is_phone2_unless_one_is_named_so() -> None:
    assert guess_mapping(["Phone", "Mobile"]) == {"Phone": "phone", "Mobile": "phone2"}
    assert guess_mapping(["Phone", "Tel", "Phone 2"]) == {"Phone": "phone", "Phone 2": "phone2"}


def test_generic_words_only_count_as_the_whole_header() -> None:
    assert guess_mapping(["Company name", "Date of birth", "Hospital tel", "Owner's note"]) == {}


def test_unknown_headers_are_left_out() -> None:
    assert guess_mapping(["Record ID", "Lead Status", "", "???"]) == {}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=12, unique=True))
def test_guess_never_maps_a_field_twice(headers: list[str]) -> None:
    mapping = guess_mapping(headers)
    assert len(set(mapping.values())) == len(mapping)
    assert set(mapping) <= set(headers) and set(mapping.values()) <= set(FIELDS)


# --- overrides --------------------------------------------------------------------------------


def test_parse_map_overrides() -> None:
    assert parse_map_overrides(["Tel=phone", "Notes=ignore", "Comments=", " Given = First Name ", "a=b=email"]) == {
        "Tel": "phone",
        "Notes": IGNORE,
        "Comments": IGNORE,
        "Given": "first_name",
        "a=b": "email",
    }
    assert parse_map_overrides([]) == {}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("Tel", "cannot read the mapping 'Tel': write it as Column=field"),
        ("=phone", "cannot read the mapping '=phone': write it as Column=field"),
        ("Tel=telephone", "cannot read the mapping 'Tel=telephone': 'telephone' is not a field"),
    ],
)
def test_bad_override_items(item: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_map_overrides([item])
    assert str(caught.value).startswith(message)
    assert "full_name" in str(caught.value) and "coordinator" in str(caught.value)  # valid fields listed


def test_apply_overrides_moves_remaps_and_ignores() -> None:
    headers = ["Name", "Tel", "Phone", "Notes", "Country"]
    guessed = guess_mapping(headers)
    assert guessed == {"Name": "full_name", "Tel": "phone", "Phone": "phone2", "Notes": "message", "Country": "country"}
    result = apply_overrides(guessed, {"Phone": "phone", "notes": IGNORE, "Tel": "whatsapp"}, headers)
    assert result == {"Name": "full_name", "Tel": "whatsapp", "Phone": "phone", "Country": "country"}
    assert guessed["Tel"] == "phone"  # the guess itself is left alone


def test_apply_overrides_unknown_column_lists_the_real_ones() -> None:
    with pytest.raises(ValueError, match="the file has no column 'Telefon'; its columns are: 'Name', 'Tel'"):
        apply_overrides({}, {"Telefon": "phone"}, ["Name", "Tel"])


def test_apply_overrides_one_field_twice() -> None:
    with pytest.raises(ValueError, match="both 'A' and 'B' are mapped to phone"):
        apply_overrides({}, {"A": "phone", "B": "phone"}, ["A", "B"])


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-02 09:14", datetime(2026, 10, 2, 9, 14)),
        ("2026-10-02", datetime(2026, 10, 2)),
        ("2026-10-02T09:14:00Z", datetime(2026, 10, 2, 9, 14)),
        ("2026-10-02T09:14:00+03:00", datetime(2026, 10, 2, 6, 14)),
        ("2026-10-02 09:14 UTC", datetime(2026, 10, 2, 9, 14)),
        ("02/10/2026 09:14", datetime(2026, 10, 2, 9, 14)),  # day first
        ("02.10.2026 09:14", datetime(2026, 10, 2, 9, 14)),
        ("02-10-2026", datetime(2026, 10, 2)),
        ("10/25/2026 09:14", datetime(2026, 10, 25, 9, 14)),  # 25 cannot be a month
        ("10/2/2026 9:14:00 AM", datetime(2026, 10, 2, 9, 14)),  # Google Forms, US: month first
        ("10/2/2026 9:14:00 PM", datetime(2026, 10, 2, 21, 14)),
        ("10/2/2026 12:05:00 AM", datetime(2026, 10, 2, 0, 5)),
        ("25/10/2026 1:00 PM", datetime(2026, 10, 25, 13, 0)),
        ("2026/10/02 9:14:00 AM GMT+3", datetime(2026, 10, 2, 6, 14)),
        ("02/10/26 09:14", datetime(2026, 10, 2, 9, 14)),
        ("Fri, 02 Oct 2026 09:14:00 +0300", datetime(2026, 10, 2, 6, 14)),
        ("1790000000", datetime(2026, 9, 21, 14, 13, 20)),
        ("1790000000000", datetime(2026, 9, 21, 14, 13, 20)),
        ("  2026-10-02   09:14  ", datetime(2026, 10, 2, 9, 14)),
    ],
)
def test_parse_submitted_at(text: str, expected: datetime) -> None:
    parsed = parse_submitted_at(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is None


def test_day_first_can_be_decided_by_the_caller() -> None:
    assert parse_submitted_at("02/10/2026", day_first=False) == datetime(2026, 2, 10)
    assert parse_submitted_at("10/2/2026 9:14:00 AM", day_first=True) == datetime(2026, 2, 10, 9, 14)
    assert parse_submitted_at("10/25/2026", day_first=True) == datetime(2026, 10, 25)


@pytest.mark.parametrize(
    "text", ["", "   ", None, "garbage", "32/13/2026", "2026-02-30", "12:00", "13/10/2026 1:00 PM x", "0/0/0", "99/99/9999 99:99"]
)
def test_unreadable_dates_are_none(text: str | None) -> None:
    assert parse_submitted_at(text) is None


def test_sample_dates_all_parse() -> None:
    assert all(parse_submitted_at(row.values["Submitted At"]) for row in open_csv(SAMPLE).rows())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_submitted_at_never_raises(text: str) -> None:
    parsed = parse_submitted_at(text)
    assert parsed is None or parsed.tzinfo is None
