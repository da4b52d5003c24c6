"""`medtour profile set | show`, and the other commands recording the person it names."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import SAMPLE_CSV


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(capsys, tmp_path) -> str:
    path = str(tmp_path / "office.db")
    assert run(capsys, "init", path)[0] == 0
    return path


def test_show_on_a_new_database_says_no_profile_is_set_and_how(capsys, dbfile):
    code, out, err = run(capsys, "--db", dbfile, "profile", "show")
    assert code == 0 and not err
    assert out.startswith("no profile is set")
    assert 'medtour profile set --name "Your Name"' in out
    code, out, _ = run(capsys, "--db", dbfile, "profile", "show", "--json")
    assert code == 0 and json.loads(out) is None


def test_set_then_show_as_json(capsys, dbfile):
    code, out, err = run(capsys, "--db", dbfile, "profile", "set", "--name", "Omar Haddad", "--email", "omar@example.ae",
                         "--phone", "+971 2 234 5678", "--whatsapp", "00971 50 123 4567", "--languages", "ar,en",
                         "--signature", "Omar Haddad, Patient Coordinator")
    assert (code, out, err) == (0, "working as Omar Haddad <omar@example.ae>\n", "")
    code, out, _ = run(capsys, "--db", dbfile, "profile", "show", "--json")
    shown = json.loads(out)
    assert list(shown) == ["id", "name", "email", "phone", "whatsapp", "languages", "signature", "role", "current"]
    assert shown["name"] == "Omar Haddad" and shown["current"] is True
    assert (shown["phone"], shown["whatsapp"]) == ("+97122345678", "+971501234567")
    assert shown["languages"] == ["ar", "en"] and shown["signature"] == "Omar Haddad, Patient Coordinator"
    code, out, _ = run(capsys, "--db", dbfile, "profile", "show")
    assert out.splitlines()[0] == "Omar Haddad  (admin)" and "WhatsApp: +971501234567" in out


def test_bad_input_is_one_line_and_changes_nothing(capsys, dbfile):
    code, out, err = run(capsys, "--db", dbfile, "profile", "set", "--name", "Omar", "--whatsapp", "050 123 4567",
                         "--languages", "ar,elvish")
    assert code == 1 and not out
    assert err.count("\n") == 1 and err.startswith("medtour: the WhatsApp number '050 123 4567' has no country code")
    assert "'elvish' is not a language" in err
    assert run(capsys, "--db", dbfile, "profile", "show", "--json")[1].strip() == "null"


def test_log_status_and_import_record_the_profile(capsys, dbfile):
    assert run(capsys, "--db", dbfile, "lead", "add", "--name", "Иван Петров", "--email", "ivan@example.ru")[0] == 0
    assert run(capsys, "--db", dbfile, "profile", "set", "--name", "Omar Haddad", "--email", "omar@example.ae")[0] == 0
    assert run(capsys, "--db", dbfile, "log", "L-2026-00001", "--outcome", "reached", "--notes", "Sent the list")[0] == 0
    assert run(capsys, "--db", dbfile, "status", "L-2026-00001", "contacted")[0] == 0
    _code, out, _ = run(capsys, "--db", dbfile, "lead", "show", "L-2026-00001", "--json")
    shown = json.loads(out)
    assert shown["coordinator"]["name"] == "Omar Haddad"  # the lead made before the profile is now his
    call = next(i for i in shown["interactions"] if i["notes"] == "Sent the list")
    assert call["coordinator"] == "Omar Haddad"
    assert [h["coordinator"] for h in shown["status_history"]] == ["Omar Haddad", "Omar Haddad"]

    assert run(capsys, "--db", dbfile, "profile", "set", "--name", "Mona Saleh", "--email", "mona@example.eg")[0] == 0
    assert run(capsys, "--db", dbfile, "import", str(SAMPLE_CSV))[0] == 0
    _code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    owners = {lead["reference"]: lead["coordinator"] for lead in json.loads(out)}
    assert owners.pop("L-2026-00001") == "Omar Haddad"
    assert set(owners.values()) == {"Mona Saleh"}


def test_the_profile_holds_across_processes(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]), MEDTOUR_DB=str(tmp_path / "p.db"))

    def medtour(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env, timeout=120)

    assert medtour("init", str(tmp_path / "p.db")).returncode == 0
    done = medtour("profile", "set", "--name", "Omar Haddad", "--whatsapp", "+971 50 123 4567")
    assert done.returncode == 0, done.stderr
    assert medtour("lead", "add", "--name", "Ahmed Hassan", "--email", "ahmed@example.eg").returncode == 0
    assert medtour("log", "L-2026-00001", "--notes", "first call").returncode == 0
    shown = json.loads(medtour("lead", "show", "L-2026-00001", "--json").stdout)
    assert {i["coordinator"] for i in shown["interactions"]} == {"Omar Haddad"}


@pytest.mark.postgres
def test_on_a_server_only_a_team_member_may_set_their_profile(capsys, postgres_db):
    url = postgres_db.engine.url.render_as_string(hide_password=False)
    code, out, err = run(capsys, "--db", url, "profile", "set", "--name", "Omar Haddad")
    assert code == 1 and not out
    assert err.startswith("medtour: you are signed in to this server as '") and "is not a member of its team" in err
    assert err.count("\n") == 1
    code, out, _ = run(capsys, "--db", url, "profile", "show")
    assert code == 0 and out.startswith("no profile is set") and "medtour user add LOGIN" in out
