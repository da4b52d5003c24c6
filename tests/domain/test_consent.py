"""Health data needs recorded consent: the one rule (app.domain.consent) and every caller of it."""
from __future__ import annotations

from app.domain.consent import consent_warning_for_save, needs_consent_warning
from app.domain.lead_records import LeadInput


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


def test_a_save_is_questioned_only_when_it_touches_health_data_or_consent():
    lead = {"diagnosis": "AML", "diagnosis_category": "leukemia", "consent_health_data": False, "consent_method": None}
    assert consent_warning_for_save({"companions": 2}, current=lead) is None
    assert "no consent" in consent_warning_for_save({"diagnosis_category": "leukemia"}, current=lead)
    ticked = lead | {"consent_health_data": True}
    assert "how it was given" in consent_warning_for_save({"consent_health_data": True}, current=ticked)
    assert consent_warning_for_save({"consent_method": "call"}, current=ticked | {"consent_method": "call"}) is None
    # a new lead (no current) is judged whole
    assert "a diagnosis category" in consent_warning_for_save({"full_name": "A", "diagnosis_category": "other"})


def _csv(tmp_path, *rows):
    import csv

    path = tmp_path / "inquiries.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Phone", "Diagnosis", "Disease type"])
        writer.writerows(rows)
    return path


def test_the_import_warns_for_each_row_with_health_data(tmp_path, sqlite_db, clock):
    from app.domain.lead_import import import_csv

    path = _csv(tmp_path, ["Анна Смирнова", "+7 903 555 12 34", "Лимфома", ""],
                ["Li Na", "+86 138 0013 8000", "", "lymphoma"],
                ["Omar Haddad", "+971 50 123 4567", "", ""])
    report = import_csv(sqlite_db, path, dry_run=True, clock=clock)
    found = [[w for w in r.warnings if "consent" in w] for r in report.rows]
    assert [len(w) for w in found] == [1, 1, 0]
    assert "(a diagnosis" in found[0][0] and found[1] == [needs_consent_warning({"diagnosis_category": "lymphoma"})]
    assert report.warnings >= 2


def test_the_import_and_the_cli_ask_the_one_rule(tmp_path, sqlite_db, clock, capsys, monkeypatch):
    """The import report and `medtour lead show` both word what app.domain.consent says."""
    from app.cli import main
    from app.domain import consent
    from app.domain.lead_import import import_csv

    asked: list[object] = []

    def spy(lead_or_changes, *, current=None):
        asked.append(lead_or_changes)
        return "CONSENT RULE SAYS SO"

    monkeypatch.setattr(consent, "needs_consent_warning", spy)
    path = _csv(tmp_path, ["Omar Haddad", "+971 50 123 4567", "", ""])
    report = import_csv(sqlite_db, path, clock=clock)
    assert report.rows[0].warnings == ["CONSENT RULE SAYS SO"] and len(asked) == 1
    reference = report.rows[0].reference
    sqlite_db.dispose()
    assert main(["--db", str(tmp_path / "medtour.db"), "lead", "show", reference]) == 0
    assert "  warning: CONSENT RULE SAYS SO\n" in capsys.readouterr().out
    assert len(asked) == 2 and asked[1].reference == reference


def test_lead_show_prints_the_consent_warning(tmp_path, sqlite_db, clock, capsys):
    from app.cli import main
    from app.domain.leads import create_lead

    sick = create_lead(sqlite_db, LeadInput(full_name="D", email="d@example.com", diagnosis_category="lymphoma"), clock=clock)
    fine = create_lead(sqlite_db, LeadInput(full_name="E", email="e@example.com"), clock=clock)
    sqlite_db.dispose()
    database = str(tmp_path / "medtour.db")
    assert main(["--db", database, "lead", "show", sick.reference]) == 0
    assert f"  warning: {needs_consent_warning({'diagnosis_category': 'lymphoma'})}\n" in capsys.readouterr().out
    assert main(["--db", database, "lead", "show", fine.reference]) == 0
    assert "warning" not in capsys.readouterr().out
