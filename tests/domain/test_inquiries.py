"""An inquiry arriving on an existing lead adds what is new and loses nothing; a repeat of an
inquiry already there (the same file imported again) changes nothing at all."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from app.domain.lead_import import import_csv
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead, mark_reviewed
from db.models import FieldEdit, Interaction, Lead, LeadPhone
from tests.conftest import SAMPLE_CSV

HEADER = "Submitted At,Full Name,Email,Phone,Country,Preferred Language,Diagnosis,Message,Source\n"


def _counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Lead, LeadPhone, Interaction, FieldEdit))


def _csv(tmp_path: Path, name: str, rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_a_duplicate_row_adds_its_email_name_phone_and_diagnosis_and_flags_the_lead(db, clock, tmp_path):
    first = _csv(tmp_path, "a.csv", "2026-10-02 09:14,Ivan Petrov,ivan.petrov@mail.ru,+7 916 123-45-67,Russia,Russian,,Hello,Website form\n")
    import_csv(db, first, clock=clock)
    # The same family phone, another person and email, a diagnosis, and a second phone in the message column's place.
    second = _csv(tmp_path, "b.csv",
                  "2026-10-05 10:00,Мария Петрова,maria.petrova@yandex.ru,+79161234567,Russia,Russian,"
                  "\"Multiple myeloma, relapsed\",For my mother,WhatsApp\n")
    report = import_csv(db, second, clock=clock)
    (row,) = report.rows
    assert row.outcome == "duplicate" and row.reason == f"same phone or email as {row.reference}; attached as an inquiry"
    lead = get_lead(db, row.reference)
    assert lead.full_name == "Ivan Petrov" and lead.email == "ivan.petrov@mail.ru"  # the lead's own stay
    assert lead.other_emails == ("maria.petrova@yandex.ru",)  # the second email is not lost
    assert lead.other_names == ("Мария Петрова",)
    assert lead.diagnosis == "Multiple myeloma, relapsed"  # the lead had none
    assert lead.needs_review and "Мария Петрова" in lead.needs_review
    assert {e.field for e in lead.field_edits} >= {"other_emails", "other_names", "diagnosis"}
    assert "For my mother" in [i.notes for i in lead.interactions]
    # Found by the second email and the second name now.
    from app.domain.lead_search import list_leads

    assert [s.reference for s in list_leads(db, search="maria.petrova")] == [lead.reference]
    assert [s.reference for s in list_leads(db, search="Петрова")] == [lead.reference]
    assert mark_reviewed(db, lead.reference).startswith("an inquiry under another name")
    assert get_lead(db, lead.reference).needs_review is None


def test_importing_the_same_file_again_changes_nothing(db, clock):
    import_csv(db, SAMPLE_CSV, clock=clock)
    before = _counts(db)
    again = import_csv(db, SAMPLE_CSV, clock=clock)
    assert (again.imported, again.duplicates, again.rejected) == (0, 17, 1)
    assert all("nothing changed" in r.reason for r in again.rows if r.outcome == "duplicate")
    assert _counts(db) == before  # not one more inquiry, phone or edit


def test_the_same_row_twice_in_one_file_is_one_inquiry(db, clock, tmp_path):
    row = "2026-10-02 09:14,Li Wei,li.wei@example.cn,+86 138 0013 8000,China,Chinese,DLBCL,想了解费用,Website form\n"
    report = import_csv(db, _csv(tmp_path, "twice.csv", row + row), clock=clock)
    assert [r.outcome for r in report.rows] == ["imported", "duplicate"]
    assert "nothing changed" in report.rows[1].reason
    lead = get_lead(db, report.rows[0].reference)
    assert [i.kind for i in lead.interactions].count("inquiry") == 1


def test_a_typed_duplicate_adds_a_new_phone_and_a_repeat_adds_nothing(db, clock):
    ref = create_lead(db, LeadInput(full_name="Omar Khalid", email="omar@example.ae", country="AE"), clock=clock).reference
    data = LeadInput(full_name="Omar Khalid", email="OMAR@example.ae", phones=[("+971 50 765 4321", "whatsapp")], country="AE",
                     message="Calling again", inquiry_at=clock())
    result = create_lead(db, data, clock=clock)
    assert result.duplicate_of == ref and result.absorbed is not None and result.absorbed.added == ["phone +971507654321"]
    assert result.absorbed.review is None  # the same name: nothing to check
    before = _counts(db)
    repeat = create_lead(db, data, clock=clock)
    assert repeat.absorbed is not None and repeat.absorbed.repeated and _counts(db) == before
    assert [p.e164 for p in get_lead(db, ref).phones] == ["+971507654321"]


def test_the_personal_data_export_and_erasure_cover_the_added_details(sqlite_db, clock, tmp_path):
    from app.safety.erasure import erase_person
    from app.safety.personal_export import export_personal_data

    ref = create_lead(sqlite_db, LeadInput(full_name="Zhanna Abenova", email="zhanna@example.kz"), clock=clock).reference
    create_lead(sqlite_db, LeadInput(full_name="Жанна Абенова", email="zhanna@example.kz", phones=[("+7 701 555 0199", "mobile")],
                                     inquiry_at=clock()), clock=clock)
    out = export_personal_data(sqlite_db, ref, tmp_path / "zhanna.json")
    document = json.loads(Path(out.json_path).read_text(encoding="utf-8"))
    assert document["lead"]["other_names"] == ["Жанна Абенова"]
    erase_person(sqlite_db, ref, packets_folder=tmp_path)
    lead = get_lead(sqlite_db, ref)
    assert lead.other_names == () and lead.other_emails == () and lead.needs_review is None
