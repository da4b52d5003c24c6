"""Choosing the hospital offer (or none) and the language of a packet; what a PacketLead accepts."""
from __future__ import annotations

import pytest

from app.packets.content import load_content
from app.packets.packet_input import PacketRequestError, choose_language, choose_offer
from tests.packets.conftest import make_lead


def _key(offer):
    return None if offer is None else offer.key


@pytest.mark.parametrize(("changes", "requested", "expected"), [
    # a requested program: its offer that fits, else one the doctors must review (not confirmed), never one
    # the eligibility rules exclude
    ({"diagnosis": "CLL", "diagnosis_category": "leukemia"}, "bcma_car_t_myeloma", None),
    ({"diagnosis": "Lymphoma", "diagnosis_category": "lymphoma"}, "car_t_lymphoma", ("eastbank_lymphoma", False)),
    ({"diagnosis": "Glioblastoma", "diagnosis_category": "solid_tumour"}, "car_t_b_all", None),
    ({"diagnosis": "Relapsed DLBCL"}, "car_t_lymphoma", ("eastbank_lymphoma", True)),
    ({"diagnosis": "Mantle cell lymphoma"}, "car_t_lymphoma", ("eastbank_mcl_trial", True)),
    # nothing requested: the first offer that fits, the lead's own program first
    ({"diagnosis": "Множественная миелома", "diagnosis_category": "multiple_myeloma"}, None, ("riverside_myeloma", True)),
    ({"diagnosis": "DLBCL", "diagnosis_category": "lymphoma", "program": "car_t_b_all"}, None,
     ("eastbank_lymphoma", True)),
    # nothing fits: no offer, so no program and no price
    ({"diagnosis": "Pancreatic cancer", "diagnosis_category": "solid_tumour"}, None, None),
    ({"diagnosis": "Lymphoma", "diagnosis_category": "lymphoma"}, None, None),
    ({"diagnosis": None, "diagnosis_category": None}, None, None),
    ({"diagnosis": "B-ALL with CNS involvement"}, None, None),
])
def test_choose_offer(content, changes, requested, expected):
    offer = choose_offer(make_lead(**changes), content, program=requested)
    assert (None if offer is None else (offer.key, offer.confirmed)) == expected


def test_a_flag_cleared_by_the_coordinator_no_longer_rules_out(content):
    lead = make_lead(diagnosis="B-ALL; CNS involvement excluded on MRI")
    assert choose_offer(lead, content) is None
    assert _key(choose_offer(make_lead(diagnosis=lead.diagnosis, clinical_flags=("cleared:active_cns_disease",)),
                             content)) == "riverside_b_all"


def test_an_offer_can_be_named(content):
    offer = choose_offer(make_lead(diagnosis="DLBCL", diagnosis_category="lymphoma"), content, offer="eastbank_mcl_trial")
    assert (offer.key, offer.hospital, offer.currency, offer.confirmed) == (
        "eastbank_mcl_trial", "Shanghai East Bank Cancer Centre", "CNY", True)
    with pytest.raises(PacketRequestError, match="offer 'eastbank_mcl_trial' is for program 'car_t_lymphoma'"):
        choose_offer(make_lead(), content, program="car_t_b_all", offer="eastbank_mcl_trial")
    with pytest.raises(PacketRequestError, match="unknown offer 'nope'; the catalogue has riverside_b_all"):
        choose_offer(make_lead(), content, offer="nope")


def test_unknown_requested_program_is_refused(content):
    with pytest.raises(PacketRequestError, match="unknown program 'car_t_lung'; the content offers car_t_b_all"):
        choose_offer(make_lead(), content, program="car_t_lung")


def test_a_program_no_hospital_offers_is_refused_clearly(content_copy):
    programs = content_copy / "programs.toml"
    programs.write_text(programs.read_text(encoding="utf-8").replace(
        "[programs.car_t_b_all]", "[programs.car_t_b_all]\n\n[programs.til_therapy]"), encoding="utf-8")
    texts = content_copy / "text" / "en.toml"
    texts.write_text(texts.read_text(encoding="utf-8") + '\n[programs.til_therapy]\nname = "TIL therapy"\n'
                     'short = "TIL"\ndescription = "Tumour-infiltrating lymphocytes."\n', encoding="utf-8")
    edited = load_content(content_copy)
    with pytest.raises(PacketRequestError, match="program 'til_therapy' has no offer from a partner hospital in the "
                                                 "catalogue, so it cannot be priced; programs with offers: "
                                                 "bcma_car_t_myeloma, car_t_b_all, car_t_lymphoma"):
        choose_offer(make_lead(), edited, program="til_therapy")


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
