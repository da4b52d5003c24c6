"""`medtour consent | review | quote` on SQLite and PostgreSQL: the consent gate, a bundle written
and recorded with the file's checksum, an answer, and quotes listed in the patient's currency with
their JSON keys, then one chosen."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from app.cli import main
from tests.domain.case_review_data import HOSPITAL, OTHER_HOSPITAL, make_case


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _target(db) -> str:
    return str(db.path) if db.is_sqlite else db.url.render_as_string(hide_password=False)


def test_consent_bundle_answer_and_quotes_from_the_command_line(db, capsys, tmp_path):
    case = make_case(db, clock_now=datetime.now(UTC))
    ref, at = case.reference, ["--db", _target(db)]
    bundle = tmp_path / "for-eastbank.zip"

    code, _, err = run(capsys, *at, "review", "bundle", ref, "--hospital", HOSPITAL, "-o", str(bundle))
    assert code != 0 and f"{ref} has not consented to sharing records with Shanghai East Bank Cancer Centre (China)" in err
    assert not bundle.exists()
    code, out, _ = run(capsys, *at, "consent", "share", ref, "--hospital", HOSPITAL, "--method", "signed form")
    assert code == 0 and "consent recorded" in out
    code, out, _ = run(capsys, *at, "consent", "list", ref, "--json")
    assert [(c["hospital"], c["country"], c["valid"]) for c in json.loads(out)] == [(HOSPITAL, "CN", True)]

    code, out, _ = run(capsys, *at, "review", "bundle", ref, "--hospital", HOSPITAL, "-o", str(bundle), "--deidentified")
    assert code == 0
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert digest in out
    code, _, err = run(capsys, *at, "review", "bundle", ref, "--hospital", HOSPITAL, "-o", str(bundle))
    assert code != 0 and "already exists: choose another file name" in err
    code, out, _ = run(capsys, *at, "review", "list", ref, "--json")
    reviews = json.loads(out)
    assert [(r["hospital"], r["bundle_sha256"], r["deidentified"], r["verdict"]) for r in reviews] == [
        (HOSPITAL, digest, True, None)]

    code, out, _ = run(capsys, *at, "review", "record", ref, "--hospital", HOSPITAL, "--verdict", "eligible",
                       "--offer", "eastbank_lymphoma", "--doctor", "Dr Chen Yu", "--notes", "Fit for CAR-T")
    assert code == 0 and "eligible" in out
    code, out, _ = run(capsys, *at, "review", "list", ref, "--json")
    assert [(r["verdict"], r["offer"], r["approval_status"], r["doctor"]) for r in json.loads(out)] == [
        ("eligible", "eastbank_lymphoma", "approved", "Dr Chen Yu")]

    code, out, _ = run(capsys, *at, "quote", "add", ref, "--hospital", HOSPITAL, "--currency", "CNY",
                       "--item", "manufacturing=255000", "--item", "Interpreter=3000", "--valid-until", "2099-12-31",
                       "--deposit", "100000", "--offer", "eastbank_lymphoma")
    assert code == 0, out
    code, out, _ = run(capsys, *at, "quote", "add", ref, "--hospital", OTHER_HOSPITAL, "--currency", "USD",
                       "--item", "manufacturing=38000", "--item", "hospital_stay=9000.50", "--valid-until", "2020-01-01")
    assert code == 0
    code, out, _ = run(capsys, *at, "quote", "list", ref, "--json")
    listed = json.loads(out)
    assert listed["currency"] == "RUB"
    first, second = listed["quotes"]
    assert set(first) >= {"id", "hospital", "offer", "currency", "items", "total", "converted_total", "valid_until",
                          "expired", "deposit", "chosen"}
    assert [set(i) for i in first["items"]] == [{"item", "label", "amount", "converted"}] * 2
    for quote in listed["quotes"]:
        assert sum(int(i["converted"]) for i in quote["items"]) == int(quote["converted_total"])
    assert (first["currency"], first["total"], first["expired"], second["expired"]) == ("CNY", "258000", False, True)

    code, _, err = run(capsys, *at, "quote", "choose", ref, str(second["id"]))
    assert code != 0 and "expired on 2020-01-01" in err and "--anyway" in err
    code, out, _ = run(capsys, *at, "quote", "choose", ref, str(first["id"]))
    assert code == 0 and "chosen" in out
    code, out, _ = run(capsys, *at, "quote", "choose", ref, str(second["id"]), "--anyway")
    assert code == 0
    code, out, _ = run(capsys, *at, "quote", "list", ref, "--json")
    assert [q["chosen"] for q in json.loads(out)["quotes"]] == [False, True]
    code, out, _ = run(capsys, *at, "quote", "list", ref)
    assert "CHOSEN" in out and "expired" in out

    code, out, _ = run(capsys, *at, "consent", "withdraw", ref, "--hospital", HOSPITAL)
    assert code == 0
    code, _, err = run(capsys, *at, "review", "bundle", ref, "--hospital", HOSPITAL, "-o", str(bundle), "--force")
    assert code != 0 and "has not consented" in err
