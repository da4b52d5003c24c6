"""Health data needs recorded consent: the rule the lead editor calls."""
from __future__ import annotations

from app.domain.lead_records import LeadInput
from app.safety.consent import needs_consent_warning


def test_no_health_data_needs_no_consent():
    assert needs_consent_warning(LeadInput(full_name="A", email="a@example.com")) is None
    assert needs_consent_warning({"diagnosis": "  "}) is None


def test_diagnosis_without_consent_is_named():
    warning = needs_consent_warning(LeadInput(full_name="A", diagnosis="DLBCL"))
    assert warning is not None and "a diagnosis" in warning and "no consent" in warning
    assert "diagnosis category" in needs_consent_warning({"diagnosis_category": "lymphoma"})


def test_consent_without_method_is_named():
    warning = needs_consent_warning({"diagnosis": "B-ALL", "consent_health_data": True})
    assert warning is not None and "how it was given" in warning
    assert needs_consent_warning({"diagnosis": "B-ALL", "consent_health_data": True, "consent_method": "email"}) is None


def test_changes_are_judged_against_the_lead_as_it_is(sqlite_db, clock):
    from app.domain.leads import create_lead, get_lead

    created = create_lead(sqlite_db, LeadInput(full_name="B", email="b@example.com", consent_health_data=True,
                                               consent_method="call"), clock=clock)
    lead = get_lead(sqlite_db, created.lead_id)
    assert needs_consent_warning({"diagnosis": "Myeloma"}, current=lead) is None  # consent already on the lead
    assert needs_consent_warning({"diagnosis": "Myeloma", "consent_health_data": False}, current=lead) is not None
    assert needs_consent_warning({"companions": 2}, current=lead) is None
    no_consent = get_lead(sqlite_db, create_lead(sqlite_db, LeadInput(full_name="C", email="c@example.com",
                                                                      diagnosis="AML"), clock=clock).lead_id)
    assert needs_consent_warning(no_consent) is not None
    assert needs_consent_warning({"diagnosis": None, "diagnosis_category": None}, current=no_consent) is None
