"""Choosing the program and the language of a packet; what a PacketLead accepts."""
from __future__ import annotations

import pytest

from app.packets.packet_input import PacketRequestError, choose_language, choose_program
from tests.packets.conftest import make_lead


@pytest.mark.parametrize(("changes", "requested", "expected"), [
    ({"program": "car_t_lymphoma", "diagnosis_category": "leukemia"}, "bcma_car_t_myeloma", "bcma_car_t_myeloma"),
    ({"program": "car_t_lymphoma", "diagnosis_category": "leukemia"}, None, "car_t_lymphoma"),
    ({"program": None, "diagnosis_category": "multiple_myeloma"}, None, "bcma_car_t_myeloma"),
    ({"program": None, "diagnosis_category": "lymphoma"}, None, "car_t_lymphoma"),
    ({"program": None, "diagnosis_category": "solid_tumour"}, None, "car_t_b_all"),
    ({"program": None, "diagnosis_category": None}, None, "car_t_b_all"),
    ({"program": "retired_program", "diagnosis_category": "lymphoma"}, None, "car_t_lymphoma"),
])
def test_choose_program(content, changes, requested, expected):
    assert choose_program(make_lead(**changes), content, requested).key == expected


def test_unknown_requested_program_is_refused(content):
    with pytest.raises(PacketRequestError, match="unknown program 'car_t_lung'; the content offers car_t_b_all"):
        choose_program(make_lead(), content, "car_t_lung")


@pytest.mark.parametrize(("language", "requested", "expected"), [
    ("ru", "zh", "zh"),
    ("ru", None, "ru"),
    ("ar", None, "ar"),
    ("fr", None, "en"),
    (None, None, "en"),
])
def test_choose_language(content, language, requested, expected):
    assert choose_language(make_lead(language=language), requested, content) == expected


def test_unshipped_requested_language_is_refused(content):
    with pytest.raises(PacketRequestError, match="no packet text for language 'fr'; shipped: en, ar, ru, zh"):
        choose_language(make_lead(), "fr", content)


def test_lead_codes_are_normalised_and_checked():
    lead = make_lead(country="kz", language="RU")
    assert (lead.country, lead.language) == ("KZ", "ru")
    with pytest.raises(ValueError, match="companions"):
        make_lead(companions=-1)
    with pytest.raises(ValueError, match="ISO 3166"):
        make_lead(country="Kazakhstan")
    with pytest.raises(ValueError, match="unknown diagnosis category"):
        make_lead(diagnosis_category="cancer")
    with pytest.raises(ValueError, match="patient's name"):
        make_lead(full_name="  ")
