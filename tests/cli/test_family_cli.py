"""`medtour companion`, `travel`, `schedule` and `visa-letter`, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

from app.cli import main
from tests.domain.case_family_data import choose_quote, make_lead, make_signer


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _target(db) -> str:
    return str(db.path) if db.is_sqlite else db.url.render_as_string(hide_password=False)


def test_companions_and_the_travellers_counted(db, capsys):
    target = _target(db)
    ref = make_lead(db)
    code, out, err = run(capsys, "--db", target, "companion", "add", ref, "--name", "Нурлан Сейткали",
                         "--relation", "spouse", "--phone", "+7 701 765 4321", "--phone", "555", "--language", "ru",
                         "--decides", "--travels")
    assert code == 0, err
    assert out.startswith("added ") and "Нурлан Сейткали — spouse, decides, travels, Russian" in out
    assert "warning: phone '555' is kept as typed" in err
    code, out, err = run(capsys, "companion", "list", ref, "--json", "--db", target)
    listed = json.loads(out)
    person = listed["people"][0]
    assert [p["e164"] for p in person["phones"]] == ["+77017654321", None]
    assert listed["travellers"] == {"count": 2, "companions": 1, "assumed_companion": False,
                                    "names": ["Aigerim Nurlanova", "Нурлан Сейткали"], "note": None}
    code, out, err = run(capsys, "--db", target, "companion", "remove", ref, person["id"])
    assert code == 0 and "removed" in out
    code, out, err = run(capsys, "--db", target, "companion", "remove", ref, person["id"])
    assert code != 0 and "has no person" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", target, "companion", "add", ref, "--name", "X", "--relation", "son",
                         "--email", "nope")
    assert code != 0 and "does not look like an email address" in err


def test_travel_details_schedule_ics_and_visa_letter(db, capsys, tmp_path: Path):
    target = _target(db)
    ref = make_lead(db, timezone="Europe/Berlin")
    code, out, err = run(capsys, "--db", target, "schedule", ref)
    assert code == 0 and "no schedule yet" in out
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--arrival", "2027-03-26")
    assert code != 0 and "no chosen quote" in err
    choose_quote(db, ref)
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--arrival", "2027-03-26T15:45", "--json")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["offer"] == "riverside_b_all" and plan["arrival"] == "2027-03-26" and plan["arrival_time"] == "15:45"
    assert plan["return"] == "2027-05-13"
    infusion = next(i for i in plan["items"] if i["key"] == "infusion")
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--move", infusion["id"], "--to", "2027-04-20")
    assert code == 0 and "[moved]" in out

    ics = tmp_path / "plan.ics"
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--ics", ics, "--for", "family")
    assert code == 0, err
    family = Calendar.from_ical(ics.read_bytes())
    assert {str(e["summary"]) for e in family.walk("VEVENT")} >= {"Приезд и обследование"}
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--ics", ics)
    assert code != 0 and "already exists" in err
    code, out, err = run(capsys, "--db", target, "schedule", ref, "--ics", ics, "--force", "--for", "coordinator")
    assert code == 0 and b"TZID=Europe/Berlin:20270326T154500" in ics.read_bytes()
    if db.is_sqlite:
        code, out, err = run(capsys, "--db", target, "schedule", ref, "--ics", target, "--force")
        assert code != 0 and "is the database file" in err

    code, out, err = run(capsys, "--db", target, "travel", "set", ref, "--passport-name", "AIGERIM NURLANOVA",
                         "--passport", "N12345678", "--expiry", "2027-09-01", "--nationality", "KZ", "--born",
                         "1979-05-04")
    assert code == 0, err
    assert "less than 6 months after the departure" in err
    code, out, err = run(capsys, "--db", target, "travel", "set", ref, "--expiry", "2027-04-01")
    assert code != 0 and "before the planned return" in err
    code, out, err = run(capsys, "--db", target, "travel", "set", ref, "--expiry", "2031-01-31")
    assert code == 0 and "warning" not in err
    code, out, err = run(capsys, "--db", target, "travel", "show", ref, "--json")
    shown = json.loads(out)["travellers"][0]
    assert shown["passport"] == "N12345678" and shown["expiry"] == "2031-01-31" and shown["born"] == "1979-05-04"

    pdf = tmp_path / "visa.pdf"
    code, out, err = run(capsys, "--db", target, "visa-letter", ref, "-o", pdf)  # only the placeholder works here
    assert code != 0 and "set your profile first" in err and not pdf.exists()
    make_signer(db)
    code, out, err = run(capsys, "--db", target, "visa-letter", ref, "-o", pdf)
    assert code == 0, err
    assert "en + zh, 1 traveller" in out and pdf.read_bytes().startswith(b"%PDF")
    code, out, err = run(capsys, "--db", target, "visa-letter", ref, "-o", pdf)
    assert code != 0 and "already exists" in err
