"""Which catalogue offers fit a patient: real diagnosis texts in four scripts, the word-boundary
rule, flags suggested by the text and cleared by a coordinator, and the case's flags in the database."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.catalogue import parse_catalogue, seed_document
from app.domain.eligibility import (
    FITS,
    NEEDS_REVIEW,
    RULED_OUT,
    assess_offers,
    fitting_offers,
    matches,
    offers_for_lead,
    recognised_indications,
    set_clinical_flag,
    suggested_flags,
)
from app.domain.errors import ValidationError
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead


@pytest.fixture(scope="module")
def catalogue():
    return parse_catalogue(seed_document())


def _verdicts(catalogue, category, diagnosis, flags=()):
    return {fit.offer.key: fit for fit in assess_offers(catalogue, category=category, diagnosis=diagnosis, flags=flags)}


def test_glioblastoma_fits_no_offer_and_says_why(catalogue):
    fits = _verdicts(catalogue, "solid_tumour", "Glioblastoma multiforme, WHO grade 4, recurrent after temozolomide")
    assert {fit.verdict for fit in fits.values()} == {RULED_OUT}
    assert {fit.reason for fit in fits.values()} == {
        "Active brain or spinal cord involvement rules it out (read in the diagnosis text; a coordinator can clear it)"}
    assert all(fit.exclusions == ("active_cns_disease",) for fit in fits.values())
    assert suggested_flags(catalogue, "Glioblastoma multiforme") == ["active_cns_disease"]
    assert suggested_flags(catalogue, "глиобластома правой лобной доли") == ["active_cns_disease"]


def test_a_coordinator_clearing_the_suggested_flag_lets_the_indication_count(catalogue):
    text = "DLBCL; MRI: no brain metastases (previous glioma excluded)"
    assert _verdicts(catalogue, "lymphoma", text)["eastbank_lymphoma"].verdict == RULED_OUT
    cleared = _verdicts(catalogue, "lymphoma", text, flags=["cleared:active_cns_disease"])
    assert cleared["eastbank_lymphoma"].verdict == FITS


def test_cll_rules_out_the_b_all_offer_rather_than_asking_for_review(catalogue):
    fits = _verdicts(catalogue, "leukemia", "Chronic lymphocytic leukaemia, del(17p), after ibrutinib")
    b_all = fits["riverside_b_all"]
    assert b_all.verdict == RULED_OUT
    assert b_all.reason == "Designed for B-ALL; the diagnosis reads as chronic lymphocytic leukaemia"
    assert fitting_offers(fits.values()) == []


def test_dlbcl_after_r_chop_fits_the_eastbank_lymphoma_offer_first(catalogue):
    fits = assess_offers(catalogue, category="lymphoma", diagnosis="DLBCL, relapsed after R-CHOP")
    assert [o.key for o in fitting_offers(fits)] == ["eastbank_lymphoma", "eastbank_mcl_trial"]
    by_key = {f.offer.key: f for f in fits}
    assert by_key["eastbank_lymphoma"].indications == ("lbcl",)
    assert by_key["riverside_b_all"].verdict == RULED_OUT


@pytest.mark.parametrize(("category", "text", "offer"), [
    ("multiple_myeloma", "множественная миелома, рецидив после трёх линий", "riverside_myeloma"),
    ("multiple_myeloma", "Множественная Миелома", "riverside_myeloma"),
    ("multiple_myeloma", "الورم النقوي المتعدد، انتكاس بعد ثلاثة خطوط علاج", "riverside_myeloma"),
    ("multiple_myeloma", "多发性骨髓瘤，三线治疗后复发", "riverside_myeloma"),
    ("lymphoma", "ورم لمفاوي منتشر بالخلايا البائية الكبيرة، انتكاس بعد العلاج الثاني", "eastbank_lymphoma"),
    ("lymphoma", "弥漫大B细胞淋巴瘤复发", "eastbank_lymphoma"),
    ("lymphoma", "Диффузная B-крупноклеточная лимфома", "eastbank_lymphoma"),
])
def test_myeloma_and_lymphoma_in_every_script(catalogue, category, text, offer):
    fits = _verdicts(catalogue, category, text)
    assert fits[offer].verdict == FITS
    assert fits["riverside_b_all"].verdict == RULED_OUT


def test_aml_is_recognised_and_rules_out_b_all(catalogue):
    assert recognised_indications(catalogue, "AML (FLT3+), refractory") == ["aml"]
    assert _verdicts(catalogue, "leukemia", "AML")["riverside_b_all"].reason == (
        "Designed for B-ALL; the diagnosis reads as acute myeloid leukaemia")


def test_family_history_of_leukaemia_names_no_type_so_it_needs_review(catalogue):
    text = "Family history of leukaemia; patient on amlodipine, colleague referred (коллега)"
    assert recognised_indications(catalogue, text) == []
    fits = _verdicts(catalogue, "leukemia", text)
    assert fits["riverside_b_all"].verdict == NEEDS_REVIEW
    assert fits["riverside_myeloma"].verdict == RULED_OUT
    assert fitting_offers(fits.values()) == []


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_diagnosis_fits_nothing_and_every_offer_needs_review(catalogue, empty):
    fits = assess_offers(catalogue, category=None, diagnosis=empty)
    assert {f.verdict for f in fits} == {NEEDS_REVIEW}
    assert len(fits) == len(catalogue.offers)


def test_a_recorded_flag_rules_out_what_would_fit(catalogue):
    fits = _verdicts(catalogue, "lymphoma", "DLBCL", flags=["active_infection"])
    assert fits["eastbank_lymphoma"].verdict == RULED_OUT
    assert fits["eastbank_lymphoma"].reason == "Active uncontrolled infection rules it out"


@pytest.mark.parametrize(("pattern", "text", "found"), [
    ("aml", "AML", True), ("aml", "family", False), ("aml", "amlodipine 5 mg", False), ("aml", "AML-M4", True),
    ("олл", "ОЛЛ", True), ("олл", "коллега", False), ("олл", "В-ОЛЛ, рецидив", True),
    ("миелом", "миеломная болезнь", True), ("myeloma", "Myélome", False), ("cll", "B-CLL", True),
    ("leucemie", "Leucémie aiguë", True), ("骨髓瘤", "多发性骨髓瘤", True), ("b all", "B-ALL", False),
    ("b all", "b all", True), ("b all", "b allergy", False),
])
def test_word_boundaries_and_accent_folding(pattern, text, found):
    assert matches(pattern, text) is found


_letters = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщыэюя"), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(before=_letters, after=_letters, pattern=st.sampled_from(["aml", "cll", "олл", "хлл", "омл", "b-all"]))
def test_a_short_pattern_never_matches_inside_a_word(before, after, pattern):
    assert not matches(pattern, before + pattern + after)
    assert not matches(pattern, before + pattern)
    assert not matches(pattern, pattern + after)
    assert matches(pattern, f"{before} {pattern.upper()}, {after}")


@settings(max_examples=200, deadline=None)
@given(before=_letters, after=_letters, pattern=st.sampled_from(["myeloma", "миелом", "glioblastom", "follicular"]))
def test_a_stem_matches_from_a_word_start_only(before, after, pattern):
    assert matches(pattern, f"{before} {pattern}{after}")
    assert not matches(pattern, before + pattern + after)


# ---------------------------------------------------------------- the case in the database


@pytest.fixture
def glioblastoma_lead(sqlite_db, clock):
    return create_lead(sqlite_db, LeadInput(full_name="Erik Larsen", email="erik@example.com",
                                            diagnosis="Glioblastoma, recurrent", diagnosis_category="solid_tumour"),
                       clock=clock).reference


def test_a_case_flag_is_set_and_cleared_on_the_timeline(sqlite_db, glioblastoma_lead, clock):
    assert fitting_offers(offers_for_lead(sqlite_db, glioblastoma_lead)) == []
    stored = set_clinical_flag(sqlite_db, glioblastoma_lead, "active_cns_disease", False, note="MRI clear", clock=clock)
    assert stored == ["cleared:active_cns_disease"]
    fits = {f.offer.key: f for f in offers_for_lead(sqlite_db, glioblastoma_lead)}
    assert all("brain" not in f.reason for f in fits.values())
    assert fits["riverside_b_all"].verdict == RULED_OUT  # still a solid tumour
    assert set_clinical_flag(sqlite_db, glioblastoma_lead, "poor_performance", True, clock=clock) == [
        "cleared:active_cns_disease", "poor_performance"]
    events = [i for i in get_lead(sqlite_db, glioblastoma_lead).interactions if i.kind == "case"]
    assert sorted(i.details["event"] for i in events) == ["clinical_flag_cleared", "clinical_flag_set"]
    assert any("MRI clear" in (i.notes or "") for i in events)
    # the same request again changes nothing and records nothing
    set_clinical_flag(sqlite_db, glioblastoma_lead, "poor_performance", True, clock=clock)
    assert len([i for i in get_lead(sqlite_db, glioblastoma_lead).interactions if i.kind == "case"]) == 2


def test_an_unknown_flag_is_refused_clearly(sqlite_db, glioblastoma_lead, clock):
    with pytest.raises(ValidationError, match="no exclusion 'brain' in the catalogue; there are: active_cns_disease"):
        set_clinical_flag(sqlite_db, glioblastoma_lead, "brain", True, clock=clock)
