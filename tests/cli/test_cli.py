"""The `medtour` command line, run as users run it."""
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
def dbfile(tmp_path) -> str:
    return str(tmp_path / "cli.db")


def test_help_without_command(capsys):
    code, out, _ = run(capsys)
    assert code == 0 and "import" in out and "demo" in out


def test_import_json_then_list_and_show(capsys, dbfile):
    code, out, _ = run(capsys, "--db", dbfile, "import", str(SAMPLE_CSV), "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["imported"], report["duplicates"], report["rejected"]) == (15, 2, 1)
    assert len(report["rows"]) == 18

    code, out, _ = run(capsys, "--db", dbfile, "leads", "--search", "8916123", "--json")
    leads = json.loads(out)
    assert [l["name"] for l in leads] == ["Ivan Petrov"]
    assert {"id", "reference", "name", "country", "language", "status", "email", "phone_e164", "next_follow_up"} <= set(leads[0])
    assert leads[0]["phone_e164"] == "+79161234567"

    code, out, _ = run(capsys, "--db", dbfile, "leads", "--search", "Смирн", "--json")
    assert [l["name"] for l in json.loads(out)] == ["Анна Смирнова"]

    ref = leads[0]["reference"]
    code, out, _ = run(capsys, "--db", dbfile, "lead", "show", ref, "--json")
    shown = json.loads(out)
    assert shown["reference"] == ref and len(shown["interactions"]) == 2


def test_dry_run_then_log_status_merge(capsys, dbfile, tmp_path):
    csv_path = tmp_path / "two.csv"
    csv_path.write_text("Name,Phone,Country\nИван Петров,8 916 123 45 67,Russia\nJohn Smith,+1 415 555 2671,USA\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", dbfile, "import", str(csv_path), "--dry-run")
    assert code == 0 and "would import 2" in out
    code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    assert json.loads(out) == []
    run(capsys, "--db", dbfile, "import", str(csv_path))

    code, out, err = run(capsys, "--db", dbfile, "log", "L-2026-00001", "--kind", "call", "--outcome", "reached",
                         "--notes", "Sent the records list <b>&</b>", "--duration", "4.5", "--follow-up", "in 3 days")
    assert code == 0, err
    code, out, err = run(capsys, "--db", dbfile, "status", "L-2026-00001", "booked")
    assert code == 1 and "allowed: contacted" in err and err.count("\n") == 1
    code, out, err = run(capsys, "--db", dbfile, "status", "L-2026-00001", "lost")
    assert code == 1 and "needs a reason" in err
    code, out, _ = run(capsys, "--db", dbfile, "status", "L-2026-00001", "contacted")
    assert code == 0 and "new → contacted" in out
    code, out, _ = run(capsys, "--db", dbfile, "lead", "show", "1", "--json")
    shown = json.loads(out)
    call = shown["interactions"][0]
    assert call["notes"] == "Sent the records list <b>&</b>" and call["duration_seconds"] == 270
    assert shown["next_follow_up"] is not None

    code, _, err = run(capsys, "--db", dbfile, "merge", "L-2026-00001", "L-2026-00002")  # no terminal to ask on
    assert code != 0 and "needs confirmation" in err and "--yes" in err
    code, out, _ = run(capsys, "--db", dbfile, "lead", "show", "2", "--json")
    assert json.loads(out)["status"] != "duplicate"  # nothing was merged
    code, out, _ = run(capsys, "--db", dbfile, "merge", "L-2026-00001", "L-2026-00002", "--yes")
    assert code == 0 and "merged L-2026-00002 into L-2026-00001" in out


def test_errors_are_one_line(capsys, dbfile, tmp_path):
    assert run(capsys, "init", dbfile)[0] == 0
    code, _, err = run(capsys, "--db", dbfile, "lead", "show", "L-2026-04242")
    assert code == 1 and err.startswith("medtour: no lead") and err.count("\n") == 1
    code, _, err = run(capsys, "--db", dbfile, "import", str(tmp_path / "missing.csv"))
    assert code == 1 and err.count("\n") == 1 and "missing.csv" in err
    code, _, err = run(capsys, "--db", dbfile, "log", "1", "--follow-up", "someday")
    assert code == 1 and "follow-up" in err


def test_export_and_demo(capsys, dbfile, tmp_path):
    code, out, _ = run(capsys, "--db", dbfile, "demo", "--leads", "40", "--seed", "7")
    assert code == 0
    code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    first = json.loads(out)
    assert len(first) >= 38  # a random phone may repeat and become a duplicate inquiry
    other = str(tmp_path / "again.db")
    run(capsys, "--db", other, "demo", "--leads", "40", "--seed", "7")
    code, out, _ = run(capsys, "--db", other, "leads", "--json")
    second = json.loads(out)
    assert [(l["name"], l["phone_e164"], l["status"]) for l in first] == [(l["name"], l["phone_e164"], l["status"]) for l in second]
    scripts = {any("\u0400" <= c <= "\u04ff" for c in l["name"]) for l in first}
    assert True in scripts
    code, out, _ = run(capsys, "--db", dbfile, "export", str(tmp_path / "all.json"))
    assert code == 0 and len(json.loads((tmp_path / "all.json").read_text())) == len(first)


def test_console_script_and_env_database(tmp_path):
    env = dict(os.environ, MEDTOUR_DB=str(tmp_path / "env.db"))
    exe = Path(sys.executable).with_name("medtour")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "app.cli"]
    result = subprocess.run([*command, "demo", "--leads", "5"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists()
    result = subprocess.run([*command, "status", "nope", "contacted"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and result.stderr.strip().startswith("medtour: no lead 'nope'")


# ------------------------------------------------------------------ --db before or after the command


@pytest.mark.parametrize("command, shows", [
    (["leads"], "name"),
    (["lead", "show", "L-2026-00001"], "name"),
    (["check"], "path"),
    (["backup", "--list"], "path"),
    (["status", "L-2026-00001", "contacted"], None),
    (["export", "{dir}/out.json"], None),
])
def test_db_is_taken_before_or_after_the_command(capsys, tmp_path, command, shows):
    files = {"Before Person": str(tmp_path / "before.db"), "After Person": str(tmp_path / "after.db")}
    assert run(capsys, "--db", files["Before Person"], "lead", "add", "--name", "Before Person", "--email", "b@example.com")[0] == 0
    assert run(capsys, "lead", "add", "--name", "After Person", "--email", "a@example.com", "--db", files["After Person"])[0] == 0
    assert run(capsys, "demo", "--leads", "1", "--db", files["After Person"])[0] == 0  # refused until now

    for name, path in files.items():
        folder = tmp_path / name.split()[0]
        folder.mkdir()
        args = [a.replace("{dir}", str(folder)) for a in command]
        placed = ["--db", path, *args] if name == "Before Person" else [*args, "--db", path]
        code, out, err = run(capsys, *placed)
        assert code == 0, err
        other = next(n for n in files if n != name)
        if shows == "name":
            assert name in out and other not in out
        elif shows == "path":
            assert path in out and files[other] not in out
    if command[0] == "status":
        for path in files.values():
            code, out, _ = run(capsys, "--db", path, "lead", "show", "1", "--json")
            assert json.loads(out)["status"] == "contacted"
    if command[0] == "export":
        assert [len(json.loads((tmp_path / n / "out.json").read_text())) for n in ("Before", "After")] == [1, 2]


def test_db_after_the_command_wins_over_one_before(capsys, tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    run(capsys, "--db", str(first), "demo", "--leads", "2", "--db", str(second))
    assert second.exists() and not first.exists()
    code, out, _ = run(capsys, "--db", str(tmp_path / "absent.db"), "leads", "--json", "--db", str(second))
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run(capsys, "--db", str(second), "lead", "--db", str(tmp_path / "absent.db"), "show", "1")
    assert code == 1  # the one nearest the action counts: `lead --db X show`
    code, out, _ = run(capsys, "--db", str(second), "lead", "show", "1", "--json")
    assert code == 0 and json.loads(out)["id"] == 1


# ------------------------------------------------------------------ where databases are made


READ_ONLY_COMMANDS = [
    ["leads"], ["lead", "show", "1"], ["check"], ["export", "out.json"], ["backup"], ["packet", "1"],
    ["packets", "--status", "new", "-o", "packets"], ["lead", "export-personal", "1"], ["log", "1"],
    ["status", "1", "contacted"], ["merge", "1", "2", "--yes"], ["erase", "1", "--yes"],
]


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_commands_that_only_read_never_make_a_database(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "none.db"
    code, out, err = run(capsys, *command, "--db", str(target))
    assert code == 1 and out == ""
    assert err == f"medtour: no database at {target}; nothing was created\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [*READ_ONLY_COMMANDS, ["demo", "--leads", "2"], ["lead", "add", "--name", "A", "--email", "a@example.com"]],
                         ids=lambda c: " ".join(c[:2]))
def test_a_missing_folder_is_an_error_naming_it(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "no" / "such"
    code, out, err = run(capsys, *command, "--db", str(folder / "medtour.db"))
    assert code == 1 and out == "" and "0 lead(s)" not in err
    assert err == f"medtour: the folder {folder} does not exist; nothing was created\n"
    assert not (tmp_path / "no").exists()


def test_import_into_a_missing_folder_creates_nothing(capsys, tmp_path):
    csv_path = tmp_path / "one.csv"
    csv_path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "gone" / "x.db"), "import", str(csv_path))
    assert code == 1 and f"the folder {tmp_path / 'gone'} does not exist" in err
    assert not (tmp_path / "gone").exists()


def test_commands_that_add_leads_make_the_file_in_an_existing_folder(capsys, tmp_path):
    csv_path = tmp_path / "one.csv"
    csv_path.write_text("Name,Email\nAnna,anna@example.com\n", encoding="utf-8")
    for name, command in [("demo.db", ["demo", "--leads", "2"]), ("import.db", ["import", str(csv_path)]),
                          ("add.db", ["lead", "add", "--name", "Anna", "--email", "anna@example.com"])]:
        code, _, err = run(capsys, *command, "--db", str(tmp_path / name))
        assert code == 0, err
        assert (tmp_path / name).stat().st_size > 0


def test_init_makes_folders_and_an_empty_database_at_head(capsys, tmp_path):
    import sqlite3

    from db.migrate import head_revision

    target = tmp_path / "office" / "2026" / "medtour.db"
    code, out, err = run(capsys, "init", str(target))
    assert code == 0, err
    assert out == f"created an empty database at {target}\n"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 0
    code, out, _ = run(capsys, "--db", str(target), "leads", "--json")
    assert code == 0 and json.loads(out) == []


def test_init_refuses_an_existing_database_and_changes_nothing(capsys, tmp_path):
    target = tmp_path / "medtour.db"
    run(capsys, "--db", str(target), "demo", "--leads", "3")
    before = target.read_bytes()
    code, out, err = run(capsys, "init", str(target), "--db", str(tmp_path / "other.db"))
    assert code == 1 and out == ""
    assert err == f"medtour: {target} already exists; nothing was changed\n"
    assert target.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("not a database", encoding="utf-8")
    assert run(capsys, "init", str(other))[0] == 1 and other.read_text(encoding="utf-8") == "not a database"


@pytest.mark.postgres
def test_init_on_a_server_database(capsys, postgres_server):
    from sqlalchemy import create_engine

    name = f"medtour_init_{os.getpid()}"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = postgres_server.url(name)
    code, out, err = run(capsys, "init", url)
    assert code == 0, err
    assert out.startswith("created an empty database at postgresql+psycopg://")
    assert run(capsys, "--db", url, "lead", "add", "--name", "Anna", "--email", "anna@example.com")[0] == 0
    code, _, err = run(capsys, "init", url)
    assert code == 1 and "already holds tables; nothing was changed" in err
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


# ------------------------------------------------------------------ lead add


def test_lead_add_creates_one_lead_as_the_list_shows_it(capsys, dbfile):
    code, out, err = run(capsys, "--db", dbfile, "lead", "add", "--name", "Иван Петров", "--phone", "8 916 123 45 67",
                         "--phone", "+7 495 123-45-67", "--email", "ivan@example.ru", "--country", "RU", "--language", "ru",
                         "--json")
    assert code == 0, err
    added = json.loads(out)
    code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    (listed,) = json.loads(out)
    assert set(added) == set(listed) | {"duplicate_of", "warnings"}
    assert {k: added[k] for k in listed} == listed
    assert added["duplicate_of"] is None and added["warnings"] == []
    assert (added["reference"], added["country"], added["language"], added["phone_e164"]) == ("L-2026-00001", "RU", "ru", "+79161234567")
    code, out, _ = run(capsys, "--db", dbfile, "lead", "show", added["reference"], "--json")
    shown = json.loads(out)
    assert [p["e164"] for p in shown["phones"]] == ["+79161234567", "+74951234567"]
    assert [h["to_status"] for h in shown["status_history"]] == ["new"]


def test_lead_add_reports_a_duplicate_as_the_import_does(capsys, dbfile, tmp_path):
    run(capsys, "--db", dbfile, "lead", "add", "--name", "John Smith", "--phone", "+1 415 555 2671")
    code, out, err = run(capsys, "--db", dbfile, "lead", "add", "--name", "J. Smith", "--phone", "(415) 555-2671", "--country", "US")
    assert code == 0, err
    assert out == ("duplicate: same phone or email as L-2026-00001; attached as an inquiry\n"
                   "  added to L-2026-00001: country US, the name spelling 'J. Smith'\n")
    assert "L-2026-00001 needs review" in err  # another name on the same phone: someone should look
    csv_path = tmp_path / "again.csv"
    csv_path.write_text("Name,Phone\nJohn S,+14155552671\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", dbfile, "import", str(csv_path), "--json")
    (row,) = json.loads(out)["rows"]
    assert row["reason"] == "same phone or email as L-2026-00001; attached as an inquiry"  # the same words

    code, out, _ = run(capsys, "--db", dbfile, "lead", "add", "--name", "Johnny", "--phone", "+14155552671", "--json")
    again = json.loads(out)
    assert again["duplicate_of"] == "L-2026-00001" and again["reference"] == "L-2026-00001" and again["name"] == "John Smith"
    code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run(capsys, "--db", dbfile, "lead", "show", "1", "--json")
    assert len(json.loads(out)["interactions"]) == 4  # its own inquiry and the three attached


def test_lead_add_goes_through_the_new_lead_path(capsys, dbfile, monkeypatch):
    import app.domain.leads as leads

    calls = []
    real = leads.create_lead

    def spy(db, data, **kwargs):
        calls.append((data, kwargs))
        return real(db, data, **kwargs)

    monkeypatch.setattr(leads, "create_lead", spy)
    code, out, err = run(capsys, "--db", dbfile, "lead", "add", "--name", "Anna", "--email", "anna@example.com",
                         "--diagnosis", "knee replacement")
    assert code == 0 and out == "added L-2026-00001: Anna\n"
    (data, kwargs), = calls
    assert (data.full_name, data.email, data.diagnosis) == ("Anna", "anna@example.com", "knee replacement")
    assert kwargs.get("check_duplicates", True) is True
    assert err.startswith("note: This lead holds health data") and err.count("\n") == 1  # the consent rule's words


def test_lead_add_refusals_are_one_line_and_write_nothing(capsys, dbfile):
    run(capsys, "init", dbfile)
    for args, words in [(["--name", "Nobody"], "no phone, email or messenger"),
                        (["--name", " ", "--email", "a@example.com"], "a lead needs a name"),
                        (["--name", "A", "--email", "a@example.com", "--country", "Atlantis"], "country 'Atlantis' not recognised"),
                        (["--name", "A", "--email", "a@example.com", "--language", "no such tongue"], "language 'no such tongue' not recognised")]:
        code, out, err = run(capsys, "--db", dbfile, "lead", "add", *args)
        assert code == 1 and out == "" and err.count("\n") == 1 and words in err, (args, err)
    code, out, _ = run(capsys, "--db", dbfile, "leads", "--json")
    assert json.loads(out) == []


# ------------------------------------------------------------------ a pipe closed early


def test_output_into_head_ends_quietly(tmp_path):
    target = tmp_path / "many.db"
    assert main(["--db", str(target), "demo", "--leads", "1500"]) == 0  # far more than a pipe holds
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    for command in (["leads"], ["leads", "--json"]):
        reader = subprocess.Popen([sys.executable, "-m", "app.cli", "--db", str(target), *command],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        first = reader.stdout.readline()
        reader.stdout.close()  # as `head -1` does: the rest has nowhere to go
        err = reader.stderr.read().decode()
        code = reader.wait(timeout=120)
        reader.stderr.close()
        assert first.strip()
        assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err, err
        assert code == 0


def test_python_m_app_cli_runs_the_package(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-m", "app.cli", "init", str(tmp_path / "m.db")], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created an empty database at")
