"""`medtour packet REF --explain`: what the packet would be built from, as JSON, from the same plan
the renderer draws (app.packets.packet_plan) — no PDF written, nothing recorded."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from pypdf import PdfReader

from app.cli import main
from app.domain.leads import get_lead
from app.packets.packet_locale import format_amount
from app.storage import open_database
from tests.packets.pdf_reading import normalise

#: The keys the issue spells (a contract); more may follow them.
CONTRACT_KEYS = {"kind", "language", "program", "hospital", "travellers", "domestic", "coordinator", "lines"}
LINE_KEYS = {"label", "min", "max", "currency", "min_local", "max_local", "local_currency"}


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(capsys, tmp_path, monkeypatch):
    """A real database with a real coordinator; returns a function adding a lead (its reference)."""
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "desk.db"
    assert run(capsys, "init", db)[0] == 0
    assert run(capsys, "--db", db, "profile", "set", "--name", "Anna Lee", "--email", "anna.lee@medtour.example",
               "--phone", "+86 138 0013 8000", "--whatsapp", "+86 138 0013 8001")[0] == 0

    def add(name: str, country: str, language: str, diagnosis: str | None) -> str:
        args = ["--db", db, "lead", "add", "--name", name, "--country", country, "--language", language,
                "--email", f"{len(name)}@example.com", "--json"]
        if diagnosis:
            args += ["--diagnosis", diagnosis]
        code, out, err = run(capsys, *args)
        assert code == 0, err
        return json.loads(out)["reference"]

    add.db = db  # type: ignore[attr-defined]
    return add


def explain(capsys, db: Path, ref: str, *extra: str) -> dict:
    code, out, err = run(capsys, "--db", db, "packet", ref, "--explain", *extra)
    assert code == 0, err
    return json.loads(out)


def assert_columns_sum(plan: dict) -> None:
    """Every column of the estimate adds up to its totals, as printed."""
    totals = {row["key"]: row for row in plan["totals"]}
    for side in ("min", "max", "min_local", "max_local"):
        if plan["lines"][0][side] is None:
            continue
        for section, key in (("medical", "subtotal_medical"), ("travel", "subtotal_travel")):
            assert sum(row[side] for row in plan["lines"] if row["section"] == section) == totals[key][side], \
                (side, section)
        assert sum(row[side] for row in plan["lines"]) == totals["total"][side], side


def pdf_text(path: Path) -> str:
    return normalise(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def no_pdf_and_nothing_recorded(db: Path, ref: str) -> None:
    assert not list(db.parent.rglob("*.pdf")), "--explain writes no PDF"
    assert [i.kind for i in get_lead(open_database(str(db)), ref).interactions if i.kind == "packet"] == []


def test_first_steps_for_a_diagnosis_no_partner_treats(capsys, desk):
    ref = desk("Sam Taylor", "GB", "en", "Glioblastoma multiforme, recurrent")
    plan = explain(capsys, desk.db, ref)
    assert set(plan) >= CONTRACT_KEYS
    assert plan["kind"] == "first_steps" and plan["program"] is None and plan["hospital"] is None
    assert plan["lines"] == [] and plan["valid_until"] is None
    assert plan["language"] == "en" and plan["travellers"] == 1 and plan["domestic"] is False
    assert plan["coordinator"] == {"name": "Anna Lee", "phone": "+86 138 0013 8000",
                                   "email": "anna.lee@medtour.example", "whatsapp": "+86 138 0013 8001"}
    assert plan["reasons"][0].startswith("no estimate:")
    assert {o["verdict"] for o in plan["offers"]} == {"ruled_out"}
    assert all("brain" in o["reason"].lower() for o in plan["offers"])
    no_pdf_and_nothing_recorded(desk.db, ref)


def test_first_steps_without_a_diagnosis(capsys, desk):
    plan = explain(capsys, desk.db, desk("Li Wei", "SG", "zh", None))
    assert plan["kind"] == "first_steps" and plan["lines"] == []
    assert "no diagnosis recorded" in plan["reasons"][0]
    assert plan["records_needed"], "the records to send, so the doctors can review"


def test_estimate_with_a_companion_counts_both_travellers_and_matches_the_pdf(capsys, desk):
    ref = desk("Sam Taylor", "GB", "en", "Relapsed B-ALL after two lines of chemotherapy")
    assert run(capsys, "--db", desk.db, "companion", "add", ref, "--name", "Alex Taylor", "--relation", "spouse",
               "--travels")[0] == 0
    plan = explain(capsys, desk.db, ref)
    assert plan["kind"] == "estimate" and plan["program"]["id"] == "car_t_b_all"
    assert plan["program"]["title"] and plan["hospital"] == {"id": "beijing_riverside",
                                                             "name": "Beijing Riverside International Hospital",
                                                             "city": "Beijing", "country": "CN"}
    assert plan["travellers"] == 2 and plan["companion_assumed"] is False and plan["domestic"] is False
    assert all(set(row) >= LINE_KEYS for row in plan["lines"])
    assert {row["currency"] for row in plan["lines"]} == {"USD"} and {row["local_currency"] for row in plan["lines"]} == {"GBP"}
    visa = next(row for row in plan["lines"] if row["key"] == "visa_support")
    assert visa["quantity"] == 2, "visa support for the patient and the companion"
    assert_columns_sum(plan)
    assert plan["valid_until"]
    no_pdf_and_nothing_recorded(desk.db, ref)

    # The same figures as the packet prints them.
    assert run(capsys, "--db", desk.db, "packet", ref, "-o", "packet.pdf", "--no-record")[0] == 0
    text = pdf_text(Path("packet.pdf"))
    locale = Locale.parse("en")
    for row in (*plan["lines"], *plan["totals"]):
        for side in ("min", "max", "min_local", "max_local"):
            assert normalise(format_amount(Decimal(row[side]), locale)) in text, (row["key"], side)
        assert normalise(row["label"]) in text


def test_domestic_patient_gets_no_visa_or_interpreter(capsys, desk):
    ref = desk("王小明", "CN", "zh", "弥漫大B细胞淋巴瘤复发")
    plan = explain(capsys, desk.db, ref)
    assert plan["kind"] == "estimate" and plan["domestic"] is True and plan["language"] == "zh"
    assert plan["hospital"]["id"] == "shanghai_eastbank" and plan["program"]["id"] == "car_t_lymphoma"
    keys = {row["key"] for row in plan["lines"]}
    assert "visa_support" not in keys and "interpreter" not in keys and "accommodation" in keys
    assert any("no visa" in reason for reason in plan["reasons"])
    assert {row["local_currency"] for row in plan["lines"]} == {"CNY"}
    assert_columns_sum(plan)


def test_chosen_quote_packet(capsys, desk):
    ref = desk("Иван Петров", "KZ", "ru", "Острый лимфобластный лейкоз, рецидив")
    assert run(capsys, "--db", desk.db, "quote", "add", ref, "--hospital", "beijing_riverside", "--currency", "USD",
               "--item", "manufacturing=45000", "--item", "hospital_stay=12000", "--offer", "riverside_b_all")[0] == 0
    assert run(capsys, "--db", desk.db, "quote", "choose", ref, "1")[0] == 0
    plan = explain(capsys, desk.db, ref)
    assert plan["kind"] == "quote" and plan["offer"] == "riverside_b_all" and plan["language"] == "ru"
    medical = [row for row in plan["lines"] if row["section"] == "medical"]
    assert [(row["key"], row["min"], row["max"]) for row in medical] == [
        ("manufacturing", 45000, 45000), ("hospital_stay", 12000, 12000)]
    assert {row["local_currency"] for row in plan["lines"]} == {"KZT"}
    # The hospital requires a companion and none is recorded: one is counted and the plan says so.
    assert plan["travellers"] == 2 and plan["companion_assumed"] is True
    assert any("companion" in reason for reason in plan["reasons"])
    assert_columns_sum(plan)
    no_pdf_and_nothing_recorded(desk.db, ref)


def test_explain_takes_the_same_requests_as_the_packet(capsys, desk):
    ref = desk("Sam Taylor", "GB", "en", "Relapsed B-ALL")
    plan = explain(capsys, desk.db, ref, "--lang", "ar", "--program", "bcma_car_t_myeloma")
    assert plan["language"] == "ar" and plan["program"]["id"] == "bcma_car_t_myeloma" and plan["confirmed"] is False
    assert "not confirmed" in plan["reasons"][0]
    code, _out, err = run(capsys, "--db", desk.db, "packet", ref, "--explain", "--lang", "xx")
    assert code != 0 and "no packet text for language 'xx'" in err and len(err.strip().splitlines()) == 1


def test_an_estimate_counts_the_companion_its_hospital_requires(capsys, desk):
    ref = desk("Sam Taylor", "GB", "en", "Multiple myeloma, relapsed after three lines")
    plan = explain(capsys, desk.db, ref)
    assert plan["kind"] == "estimate" and plan["offer"] == "riverside_myeloma"
    assert plan["travellers"] == 2 and plan["companion_assumed"] is True
    assert "one companion counted: the hospital requires one; none is recorded yet" in plan["reasons"]
    visa = next(row for row in plan["lines"] if row["key"] == "visa_support")
    assert visa["quantity"] == 2
    assert_columns_sum(plan)
    assert run(capsys, "--db", desk.db, "packet", ref, "-o", "packet.pdf", "--no-record")[0] == 0
    assert "No companion is recorded yet, so this estimate already counts one." in pdf_text(Path("packet.pdf"))
