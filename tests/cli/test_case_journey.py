"""A case carried from inquiry to booked on the command line, as a coordinator would: every
status move the case is not ready for is refused with what is missing, and goes through once the
case has it. Real files attached, a real review bundle, a quote in yuan, a calendar and a visa
letter at the end."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _pdf(path: Path, title: str) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 760, title)
    page.save()
    return path


def test_a_case_from_inquiry_to_booked(capsys, tmp_path):
    db = str(tmp_path / "case.db")
    ok = lambda *args: _ok(capsys, "--db", db, *args)  # noqa: E731 - a short name for the many steps
    assert run(capsys, "init", db)[0] == 0
    ok("profile", "set", "--name", "Mona Saleh", "--email", "mona@medtourdesk.example", "--phone", "+86 10 6598 4421")
    lead = json.loads(ok("lead", "add", "--name", "Айгерим Нурланова", "--phone", "+7 701 555 0199",
                         "--email", "aigerim@example.kz", "--country", "KZ", "--language", "ru",
                         "--diagnosis", "Diffuse large B-cell lymphoma, relapsed after R-CHOP", "--json"))
    ref = lead["reference"]
    ok("status", ref, "contacted")
    ok("status", ref, "qualified")

    # Records: asked for in the patient's language; "records received" waits for them.
    items = json.loads(ok("records", ref, "--json"))["items"]
    assert items and all(i["state"] == "missing" for i in items)
    message = ok("records", "request", ref, "--via", "whatsapp")
    assert "Айгерим" in message and "Mona Saleh" in message
    code, _out, err = run(capsys, "--db", db, "status", ref, "records_received")
    assert code != 0 and "records still missing" in err
    for number, item in enumerate(items):
        ok("attach", ref, _pdf(tmp_path / f"record-{number}.pdf", item["label"]), "--as", item["id"])
        ok("records", "accept", ref, item["id"])
    assert {i["state"] for i in json.loads(ok("records", ref, "--json"))["items"]} == {"accepted"}
    ok("status", ref, "records_received")

    # Review: no bundle for a hospital abroad without the patient's consent naming it.
    bundle = tmp_path / "eastbank.zip"
    code, _out, err = run(capsys, "--db", db, "review", "bundle", ref, "--hospital", "shanghai_eastbank", "-o", bundle)
    assert code != 0 and "consent" in err and not bundle.exists()
    ok("consent", "share", ref, "--hospital", "shanghai_eastbank", "--method", "Signed consent form, 2026-12-07")
    ok("review", "bundle", ref, "--hospital", "shanghai_eastbank", "-o", bundle)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert "case-summary.pdf" in names and len([n for n in names if n.endswith(".pdf")]) == len(items) + 1
    ok("status", ref, "medical_review")
    ok("review", "record", ref, "--hospital", "shanghai_eastbank", "--verdict", "eligible", "--offer", "eastbank_lymphoma",
       "--doctor", "Dr Chen Yu")

    # Quote: "quote sent" needs the one the patient chose.
    ok("quote", "add", ref, "--hospital", "shanghai_eastbank", "--currency", "CNY", "--offer", "eastbank_lymphoma",
       "--item", "manufacturing=300000", "--item", "hospital_stay=62000", "--item", "monitoring=41000",
       "--valid-until", "2027-06-30", "--deposit", "50000")
    code, _out, err = run(capsys, "--db", db, "status", ref, "quote_sent")
    assert code != 0 and "no quote is chosen" in err
    quotes = json.loads(ok("quote", "list", ref, "--json"))
    assert quotes["currency"] == "KZT" and len(quotes["quotes"]) == 1
    ok("quote", "choose", ref, quotes["quotes"][0]["id"])
    ok("status", ref, "quote_sent")
    ok("status", ref, "decision_pending")

    # Booking: the son travels with her; a schedule from the chosen offer and the arrival.
    code, _out, err = run(capsys, "--db", db, "status", ref, "booked")
    assert code != 0 and "schedule" in err
    ok("companion", "add", ref, "--name", "Нурлан Нурланов", "--relation", "son", "--phone", "+7 701 555 0100",
       "--travels", "--decides")
    people = json.loads(ok("companion", "list", ref, "--json"))
    assert people["travellers"]["count"] == 2
    son = people["people"][0]["id"]
    ok("travel", "set", ref, "--passport-name", "NURLANOVA AIGERIM", "--passport", "N12345678", "--expiry", "2031-05-01",
       "--nationality", "KZ", "--born", "1968-04-02")
    ok("travel", "set", ref, "--person", son, "--passport-name", "NURLANOV NURLAN", "--passport", "N87654321",
       "--expiry", "2032-09-01", "--nationality", "KZ", "--born", "1992-11-20")
    plan = json.loads(ok("schedule", ref, "--arrival", "2027-02-15", "--json"))
    assert plan["offer"] == "eastbank_lymphoma" and any(i["key"] == "infusion" for i in plan["items"])
    ok("status", ref, "booked")

    calendar = tmp_path / "family.ics"
    ok("schedule", ref, "--ics", calendar, "--for", "family")
    assert len(list(Calendar.from_ical(calendar.read_bytes()).walk("VEVENT"))) >= 5
    letter = tmp_path / "visa.pdf"
    ok("visa-letter", ref, "-o", letter)
    text = "".join(page.extract_text() for page in PdfReader(letter).pages)
    assert "N12345678" in text and "N87654321" in text and "Shanghai East Bank Cancer Centre" in text
    shown = json.loads(ok("lead", "show", ref, "--json"))
    assert shown["status"] == "booked"
    assert {h["to_status"] for h in shown["status_history"]} == {
        "new", "contacted", "qualified", "records_received", "medical_review", "quote_sent", "decision_pending", "booked"}


def _ok(capsys, *args) -> str:
    code, out, err = run(capsys, *args)
    assert code == 0, (args, err)
    return out


def test_the_personal_data_export_carries_the_case(capsys, tmp_path):
    """What the case holds about the person (records, documents described, consents, quotes,
    people, passports, schedule, who read their files) is in their personal-data export."""
    test_a_case_from_inquiry_to_booked(capsys, tmp_path)
    db = str(tmp_path / "case.db")
    out = tmp_path / "export.json"
    _ok(capsys, "--db", db, "lead", "export-personal", "1", "-o", out)
    case = json.loads(out.read_text(encoding="utf-8"))["case_file"]
    assert {d["filename"] for d in case["documents"]} >= {"record-0.pdf"} and all("data" not in d for d in case["documents"])
    assert [p["name"] for p in case["people"]] == ["Нурлан Нурланов"]
    assert {t["passport_number"] for t in case["travel_documents"]} == {"N12345678", "N87654321"}
    assert case["quotes"][0]["currency"] == "CNY" and case["quotes"][0]["chosen_at"]
    assert case["sharing_consents"][0]["hospital_key"] == "shanghai_eastbank"
    assert any(r["purpose"] == "bundled" for r in case["document_reads"])
    assert case["schedule"] and case["case"][0]["arrival_on"] == "2027-02-15"
