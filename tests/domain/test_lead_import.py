"""Importing real-world CSV files: every row ends imported, duplicate or rejected."""
from __future__ import annotations

import json

import pytest

from app.domain.lead_import import import_csv
from app.domain.lead_search import list_leads
from app.domain.leads import get_lead
from tests.conftest import SAMPLE_CSV

def test_the_website_sample(db, clock):
    """18 rows: 15 imported, 2 duplicates (same phone written differently), 1 rejected (no contact)."""
    report = import_csv(db, SAMPLE_CSV, clock=clock)
    outcomes = {r.row: r.outcome for r in report.rows}
    assert len(report.rows) == 18
    assert (report.imported, report.duplicates, report.rejected) == (15, 2, 1)
    # Row 9 (प्रिया शर्मा, +91 98765 43210) is Priya Sharma's phone again; row 10 is Ivan Petrov's as +79161234567.
    by_row = {r.row: r for r in report.rows}
    assert outcomes[9] == "duplicate" and by_row[9].reference == by_row[8].reference
    assert outcomes[10] == "duplicate" and by_row[10].reference == by_row[1].reference
    # Row 16 (Lars Nilsson) left no phone and no email.
    assert outcomes[16] == "rejected" and "no phone, email" in by_row[16].reason
    # Row 14 (Ahmed Hassan, phone 12345) is kept for its valid email, with a warning about the phone.
    assert outcomes[14] == "imported" and any("12345" in w for w in by_row[14].warnings)
    ahmed = get_lead(db, by_row[14].reference)
    assert ahmed.phones[0].raw == "12345" and not ahmed.phones[0].valid
    # Local formats read with the row's country as the default region.
    anna = get_lead(db, by_row[2].reference)
    assert anna.phones[0].e164 == "+79035551234" and anna.country == "RU" and anna.language == "ru"
    assert get_lead(db, by_row[5].reference).phones[0].e164 == "+2348031234567"
    assert get_lead(db, by_row[4].reference).phones[0].e164 == "+971501234567"
    # The duplicate's message is attached to the first lead as an inbound inquiry; nothing is lost.
    ivan = get_lead(db, by_row[1].reference)
    assert "Second message from the same family." in [i.notes for i in ivan.interactions]
    # Hostile characters stay exactly as typed.
    sean = get_lead(db, by_row[11].reference)
    assert sean.full_name == "Sean O'Brien"
    assert sean.interactions[-1].notes == "Quote needed for myself & my wife (companion). <urgent>"
    assert get_lead(db, by_row[3].reference).diagnosis_category == "multiple_myeloma"
    assert len(list_leads(db)) == 15


def test_dry_run_writes_nothing_and_reports_the_same(db, clock):
    dry = import_csv(db, SAMPLE_CSV, dry_run=True, clock=clock)
    assert (dry.imported, dry.duplicates, dry.rejected) == (15, 2, 1)
    assert list_leads(db) == []
    real = import_csv(db, SAMPLE_CSV, clock=clock)
    assert [(r.row, r.outcome) for r in real.rows] == [(r.row, r.outcome) for r in dry.rows]


def test_importing_twice_makes_everything_a_duplicate(db, clock):
    import_csv(db, SAMPLE_CSV, clock=clock)
    again = import_csv(db, SAMPLE_CSV, clock=clock)
    assert (again.imported, again.duplicates, again.rejected) == (0, 17, 1)


def test_json_report_shape(db, clock):
    data = import_csv(db, SAMPLE_CSV, clock=clock).to_json()
    json.dumps(data)
    assert {"imported", "duplicates", "rejected", "warnings", "rows"} <= set(data)
    assert len(data["rows"]) == 18 and data["rows"][0]["outcome"] == "imported"


def test_hubspot_export_semicolons_bom_crlf_multiline(db, clock, tmp_path):
    path = tmp_path / "hubspot.csv"
    text = (
        "First Name;Last Name;Email;Phone Number;Country/Region;Create Date;Message\r\n"
        'Олег;Сидоров;oleg@example.ru;8 (903) 111-22-33;Russia;2026-09-01 10:00;"line one\r\nline two; with ""quotes"""\r\n'
        "Amina;Bello;;0803 555 0101;Nigeria;2026-09-02 11:00;\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    report = import_csv(db, path, clock=clock)
    assert report.imported == 2, report.to_json()
    oleg = get_lead(db, report.rows[0].reference)
    assert oleg.full_name == "Олег Сидоров" and oleg.phones[0].e164 == "+79031112233"
    assert oleg.interactions[-1].notes == 'line one\r\nline two; with "quotes"' or oleg.interactions[-1].notes == 'line one\nline two; with "quotes"'
    assert oleg.inquiry_at.year == 2026 and oleg.inquiry_at.month == 9


def test_map_override_and_unknown_columns(db, clock, tmp_path):
    from app.domain.errors import ValidationError

    path = tmp_path / "crm.csv"
    path.write_text("Patient,Contact,Where\nJohn Doe,+44 7911 123456,UK\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        import_csv(db, path, clock=clock)  # no column is recognisably a phone
    report = import_csv(db, path, overrides={"Patient": "full_name", "Contact": "phone", "Where": "country"}, clock=clock)
    assert report.imported == 1
    assert get_lead(db, report.rows[0].reference).phones[0].e164 == "+447911123456"


def test_cp1251_file_is_read_right(db, clock, tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("ФИО;Телефон;Страна\nЕлена Морозова;8 916 765 43 21;Россия\nПётр Ёлкин;8 916 765 43 22;Россия\n".encode("cp1251"))
    report = import_csv(db, path, clock=clock)
    assert report.imported == 2
    assert {get_lead(db, r.reference).full_name for r in report.rows} == {"Елена Морозова", "Пётр Ёлкин"}


def test_an_import_is_all_or_nothing(db, clock, tmp_path, monkeypatch):
    path = tmp_path / "ok.csv"
    path.write_text("Name,Email\n" + "".join(f"Person {i},p{i}@example.com\n" for i in range(30)), encoding="utf-8")
    import app.domain.lead_batch as batch

    original = batch.LeadBatchWriter.add
    calls = {"n": 0}

    def failing_add(self, data, extra=None):
        calls["n"] += 1
        if calls["n"] == 25:
            raise RuntimeError("disk full (simulated)")
        return original(self, data, extra)

    monkeypatch.setattr(batch.LeadBatchWriter, "add", failing_add)
    monkeypatch.setattr(batch, "BATCH", 10)  # some rows were already flushed inside the transaction
    with pytest.raises(RuntimeError):
        import_csv(db, path, clock=clock)
    assert list_leads(db) == []


def test_cancel_leaves_nothing(db, clock, tmp_path):
    from app.domain.lead_import import ImportCancelled

    path = tmp_path / "many.csv"
    path.write_text("Name,Email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(50)), encoding="utf-8")
    seen = {"n": 0}

    def cancel():
        seen["n"] += 1
        return seen["n"] > 20

    with pytest.raises(ImportCancelled):
        import_csv(db, path, clock=clock, cancel=cancel)
    assert list_leads(db) == []


def test_a_cut_off_last_row_is_rejected_not_half_imported(db, clock, tmp_path):
    path = tmp_path / "truncated.csv"
    path.write_text('Name,Email,Message\nAnna,anna@example.com,fine\nBoris,boris@example.com,"this message never ends\n', encoding="utf-8")
    report = import_csv(db, path, clock=clock)
    assert [(r.name, r.outcome) for r in report.rows] == [("Anna", "imported"), ("Boris", "rejected")]
    assert "cut off" in report.rows[1].reason


def test_guess_category_is_a_plain_search_for_each_categorys_words():
    import random

    from app.domain.lead_import import _CATEGORY_WORDS, guess_category

    def by_definition(diagnosis):
        if not diagnosis:
            return None
        text = f" {diagnosis.casefold()} "
        for category, words in _CATEGORY_WORDS:
            if any(word in text for word in words):
                return category
        return "other"

    assert guess_category("Diffuse large B-cell lymphoma") == "lymphoma"
    assert guess_category("Multiple myeloma, relapsed") == "multiple_myeloma"
    assert guess_category("B-ALL in remission") == "leukemia" and guess_category("") is None
    rng = random.Random(3)
    pieces = [w for _, words in _CATEGORY_WORDS for w in words] + ["x", " ", "A", "İ", "ß", "b-", "all", "Lymph", "ОМА", ".*", "\\"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        assert guess_category(text) == by_definition(text), text
