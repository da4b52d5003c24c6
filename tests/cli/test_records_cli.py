"""`medtour records`, `attach` and `document export`: the checklist's JSON contract, items by id or
English label, requesting with the message to send, accepting, adding, and exports on the read log."""
from __future__ import annotations

import hashlib
import json

import pytest

from app.cli import main
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead

PDF = b"%PDF-1.4\n% labs\n%%EOF\n"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def case(sqlite_db, clock, capsys):
    ref = create_lead(sqlite_db, LeadInput(full_name="Зинаида Квашнина", latin_name="Zinaida Kvashnina",
                                           phones=[("+79165551234", "mobile")], language="ru", program="bcma_car_t_myeloma"),
                      clock=clock).reference
    assert run(capsys, "--db", sqlite_db.path, "profile", "set", "--name", "Grace Adeyemi", "--email", "grace@example.com")[0] == 0
    return sqlite_db.path, ref


def test_records_json_is_the_contract(capsys, case, tmp_path):
    db, ref = case
    path = tmp_path / "labs.pdf"
    path.write_bytes(PDF)
    code, out, _ = run(capsys, "--db", db, "attach", ref, path, "--as", "BLOOD COUNTS AND CHEMISTRY (LAST 2 WEEKS)")
    assert code == 0 and out.startswith("Blood counts and chemistry (last 2 weeks): received labs.pdf") and "document #1" in out
    code, out, _ = run(capsys, "--db", db, "records", ref, "--json")
    data = json.loads(out)
    assert list(data) == ["items"]
    items = {i["id"]: i for i in data["items"]}
    assert list(items) == ["pathology_report", "pet_ct", "bone_marrow_biopsy", "flow_cytometry", "blood_tests",
                           "treatment_history", "passport_copy"]
    blood = items["blood_tests"]
    assert {"id", "label", "state", "files"} <= set(blood) and blood["state"] == "received"
    assert blood["label"] == "Blood counts and chemistry (last 2 weeks)"
    [file] = blood["files"]
    assert {k: file[k] for k in ("id", "filename", "media_type", "size", "sha256", "link")} == {
        "id": 1, "filename": "labs.pdf", "media_type": "application/pdf", "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(), "link": None}
    assert file["added_at"].startswith("20") and items["pet_ct"] == {**items["pet_ct"], "state": "missing", "files": []}

    code, out, _ = run(capsys, "--db", db, "attach", ref, path, "--as", "blood_tests")
    assert code == 0 and "already on Blood counts" in out and "not stored again" in out
    code, out, _ = run(capsys, "--db", db, "attach", ref, "--link", "https://pacs.example/s/1", "--as", "pet_ct")
    assert code == 0 and "link to pacs.example added" in out
    code, out, _ = run(capsys, "--db", db, "records", "accept", ref, "Recent PET-CT (last 8 weeks)")
    assert (code, out) == (0, "Recent PET-CT (last 8 weeks): accepted\n")
    code, out, err = run(capsys, "--db", db, "records", "accept", ref, "passport_copy")
    assert code == 1 and "Passport copy has no file or link to accept" in err
    code, out, err = run(capsys, "--db", db, "attach", ref, path, "--as", "x-ray")
    assert code == 1 and "has no record item 'x-ray'" in err


def test_records_request_marks_and_prints_the_message(capsys, case):
    db, ref = case
    code, out, _ = run(capsys, "--db", db, "records", "request", ref, "pet_ct", "Passport copy", "--via", "whatsapp")
    assert code == 0
    assert out.startswith("Здравствуйте, Зинаида Квашнина!\n")
    assert "• ПЭТ-КТ за последние 8 недель\n• Копия паспорта\n\n" in out and "Гистологическое" not in out
    assert "Grace Adeyemi\nMedTour Desk Partners" in out and "(2 records marked requested by whatsapp)" in out
    code, out, _ = run(capsys, "--db", db, "records", ref, "--json")
    states = {i["id"]: (i["state"], i["via"]) for i in json.loads(out)["items"]}
    assert states["pet_ct"] == states["passport_copy"] == ("requested", "whatsapp")
    assert states["pathology_report"] == ("missing", None)
    code, out, _ = run(capsys, "--db", db, "records", "request", ref, "--lang", "en", "--json")  # every one still to come
    data = json.loads(out)
    assert data["language"] == "en" and data["message"].startswith("Dear Zinaida Kvashnina,")
    assert [i["id"] for i in data["items"]] == ["pathology_report", "pet_ct", "bone_marrow_biopsy", "flow_cytometry",
                                                 "blood_tests", "treatment_history", "passport_copy"]


def test_records_request_needs_a_real_signer_and_then_changes_nothing(capsys, sqlite_db, clock):
    ref = create_lead(sqlite_db, LeadInput(full_name="Ivan Petrov", phones=[("+79161234567", "mobile")]), clock=clock).reference
    code, _, err = run(capsys, "--db", sqlite_db.path, "records", "request", ref)
    assert code == 1 and "Set your profile first" in err
    code, out, _ = run(capsys, "--db", sqlite_db.path, "records", ref, "--json")
    assert {i["state"] for i in json.loads(out)["items"]} == {"missing"}


def test_records_add_and_the_human_listing(capsys, case):
    db, ref = case
    code, out, _ = run(capsys, "--db", db, "records", "add", ref, "--label", "Echocardiogram")
    assert (code, out) == (0, "added extra_1: Echocardiogram (missing)\n")
    code, out, _ = run(capsys, "--db", db, "records", ref)
    assert code == 0 and "extra_1" in out and "Echocardiogram" in out and "8 of 8 required records still to come" in out
    code, out, _ = run(capsys, "--db", db, "records", "send-back", ref, "extra_1", "--reason", "old")
    assert code == 1


def test_document_export_refuses_overwriting_and_logs_the_read(capsys, case, tmp_path):
    db, ref = case
    source = tmp_path / "path.pdf"
    source.write_bytes(PDF)
    assert run(capsys, "--db", db, "attach", ref, source, "--as", "pathology_report")[0] == 0
    target = tmp_path / "export.pdf"
    code, out, _ = run(capsys, "--db", db, "document", "export", ref, "1", "-o", target)
    assert code == 0 and target.read_bytes() == PDF and "read log" in out
    code, _, err = run(capsys, "--db", db, "document", "export", ref, "1", "-o", target)
    assert code == 1 and "already exists" in err and "--force" in err
    assert run(capsys, "--db", db, "document", "export", ref, "1", "-o", target, "--force")[0] == 0
    code, _, err = run(capsys, "--db", db, "document", "export", ref, "1", "-o", db, "--force")
    assert code == 1 and "is the database file" in err
    code, out, _ = run(capsys, "--db", db, "records", "reads", ref, "--json")
    assert [r["purpose"] for r in json.loads(out)["reads"]] == ["exported", "exported"]
