import csv
import json

from app.domain.lead_export import csv_safe, export_leads
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead


def test_formula_cells_are_defused_but_phones_stay_readable():
    assert csv_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert csv_safe("+7 916 123-45-67") == "+7 916 123-45-67"
    assert csv_safe("+79161234567") == "+79161234567"
    assert csv_safe("Ivan") == "Ivan"
    assert csv_safe(None) == ""


def test_export_csv_and_json_round_trip(sqlite_db, clock, tmp_path):
    create_lead(sqlite_db, LeadInput(full_name="=cmd|'/C calc'!A0", phones=[("+7 916 123 45 67", "mobile")], email="x@example.com",
                                     diagnosis="@risky", country="RU"), clock=clock)
    create_lead(sqlite_db, LeadInput(full_name="王小明", email="wxm@example.com", message="hello"), clock=clock)
    out_csv = tmp_path / "leads.csv"
    assert export_leads(sqlite_db, out_csv) == 2
    with out_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["full_name"] == "'=cmd|'/C calc'!A0"
    assert rows[0]["diagnosis"] == "'@risky"
    assert rows[0]["phone_e164"] == "+79161234567"
    assert rows[1]["full_name"] == "王小明"
    out_json = tmp_path / "leads.json"
    assert export_leads(sqlite_db, out_json) == 2
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data[0]["full_name"] == "=cmd|'/C calc'!A0"  # JSON keeps the value exactly
    assert data[0]["phones"][0]["e164"] == "+79161234567"
