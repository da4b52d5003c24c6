"""`medtour assign`, `leads --mine`, `leads --assigned-to` and the assignment in `lead show`."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.cli import main
from app.storage import open_database
from db.models import Coordinator


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def add_people(target: str) -> None:
    db = open_database(target)
    with db.write() as session:
        session.add_all([
            Coordinator(name="Omar", login="omar", role="coordinator", languages=["ar"], countries=["SA"],
                        is_default=False, active=True, created_at=datetime.now(UTC)),
            Coordinator(name="Mona", login="mona", role="coordinator", languages=["en"], countries=["EG"],
                        is_default=False, active=True, created_at=datetime.now(UTC)),
        ])
    db.dispose()


def add_lead(capsys, target: str, name: str, email: str, language: str) -> str:
    code, out, err = run(capsys, "--db", target, "lead", "add", "--name", name, "--email", email,
                         "--language", language, "--json")
    assert code == 0, err
    return json.loads(out)["reference"]


def show(capsys, target: str, ref: str) -> dict:
    code, out, err = run(capsys, "--db", target, "lead", "show", ref, "--json")
    assert code == 0, err
    return json.loads(out)


def test_assign_on_a_solo_file(capsys, tmp_path):
    target = str(tmp_path / "desk.db")
    first = add_lead(capsys, target, "Before anyone", "before@example.com", "en")  # the placeholder's
    add_people(target)
    ref = add_lead(capsys, target, "Ahmed Hassan", "ahmed@example.com", "ar")
    shown = show(capsys, target, ref)
    assert (shown["assigned_to"], shown["assignment_reason"]) == ("Omar", "speaks Arabic")
    assert show(capsys, target, first)["assignment_reason"] == "the only coordinator"

    code, out, _ = run(capsys, "--db", target, "assign", ref, "Mona")  # a name works on a solo file
    assert code == 0 and out.strip() == f"{ref} assigned to Mona (was Omar)"
    shown = show(capsys, target, ref)
    assert (shown["assigned_to"], shown["assignment_reason"]) == ("Mona", "reassigned by Coordinator")
    code, out, _ = run(capsys, "--db", target, "lead", "show", ref)
    assert "coordinator: Mona: reassigned by Coordinator" in out and "coordinator_id: 'Omar' → 'Mona'" in out
    code, out, _ = run(capsys, "--db", target, "assign", ref, "mona")  # and a login
    assert code == 0 and out.strip() == f"{ref} is already with Mona"

    code, out, _ = run(capsys, "--db", target, "leads", "--assigned-to", "mona", "--json")
    assert [row["reference"] for row in json.loads(out)] == [ref]
    code, out, _ = run(capsys, "--db", target, "leads", "--mine", "--json")
    assert [row["reference"] for row in json.loads(out)] == [first]  # the working person: the placeholder

    code, out, _ = run(capsys, "--db", target, "assign", ref, "--pool")
    assert code == 0 and out.strip() == f"{ref} moved to the pool (was Mona)"
    assert show(capsys, target, ref)["assigned_to"] is None
    code, out, _ = run(capsys, "--db", target, "assign", first, "1")  # an id
    assert code == 0 and "is already with Coordinator" in out


def test_assign_refuses_what_it_cannot_do(capsys, tmp_path):
    target = str(tmp_path / "desk.db")
    ref = add_lead(capsys, target, "Ahmed Hassan", "ahmed@example.com", "ar")
    code, _, err = run(capsys, "--db", target, "assign", ref, "Nobody")
    assert code != 0 and "no person with the login, name or id 'Nobody'" in err
    code, _, err = run(capsys, "--db", target, "assign", ref, "Coordinator", "--pool")
    assert code != 0 and "not both" in err
    code, _, err = run(capsys, "--db", target, "assign", ref)
    assert code != 0 and "LOGIN" in err
    code, _, err = run(capsys, "--db", target, "assign", "L-2026-09999", "Coordinator")
    assert code != 0 and "no lead 'L-2026-09999'" in err


@pytest.mark.postgres
def test_assign_by_login_on_postgresql(capsys, postgres_db):
    target = postgres_db.url.render_as_string(hide_password=False)
    add_people(target)
    ref = add_lead(capsys, target, "Ahmed Hassan", "ahmed@example.com", "ar")
    assert show(capsys, target, ref)["assigned_to"] == "Omar"
    code, out, _ = run(capsys, "--db", target, "assign", ref, "mona")
    assert code == 0 and out.strip() == f"{ref} assigned to Mona (was Omar)"
    code, _, err = run(capsys, "--db", target, "assign", ref, "Omar")  # a name is not a login
    assert code != 0 and "no person with the login 'Omar'" in err
    code, out, _ = run(capsys, "--db", target, "leads", "--assigned-to", "mona", "--json")
    assert [row["reference"] for row in json.loads(out)] == [ref]


def test_reassign_every_lead_matching_a_filter(capsys, tmp_path):
    target = str(tmp_path / "desk.db")
    add_lead(capsys, target, "Before anyone", "before@example.com", "ru")  # makes the file (the placeholder's)
    add_people(target)
    arabic = [add_lead(capsys, target, f"Ahmed {n}", f"ahmed{n}@example.com", "ar") for n in range(3)]  # Omar's
    english = add_lead(capsys, target, "John Smith", "john@example.com", "en")  # Mona's
    code, _, err = run(capsys, "--db", target, "reassign", "mona")
    assert code != 0 and "say which leads" in err  # never "every lead" by accident
    code, out, err = run(capsys, "--db", target, "reassign", "mona", "--from", "omar", "--search", "ahmed")
    assert code == 0, err
    assert out.strip() == "3 leads moved to mona"
    assert {show(capsys, target, ref)["assigned_to"] for ref in arabic} == {"Mona"}
    assert show(capsys, target, english)["assigned_to"] == "Mona"
    code, out, _ = run(capsys, "--db", target, "reassign", "--pool", "--search", "john")
    assert out.strip() == "1 lead moved to the pool" and show(capsys, target, english)["assigned_to"] is None
    code, out, _ = run(capsys, "--db", target, "reassign", "omar", "--from-pool")
    assert out.strip() == "1 lead moved to omar" and show(capsys, target, english)["assigned_to"] == "Omar"
    code, out, _ = run(capsys, "--db", target, "reassign", "omar", "--status", "contacted")
    assert out.strip() == "0 leads moved to omar (none matched, or all were theirs)"
