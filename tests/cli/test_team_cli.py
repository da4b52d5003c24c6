"""`medtour team …` and `medtour user …` as people run them, against the suite's PostgreSQL server."""
from __future__ import annotations

import io
import json
import os
import sys

import psycopg
import pytest
from sqlalchemy import create_engine

from app.cli import main


def run(capsys, *args, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def server_db(postgres_server):
    database = f"medtour_cli_team_{os.getpid()}"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    logins = [f"{database}_{p}" for p in ("omar", "lina", "adam")]
    yield database, logins
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in (*logins, *(f"{database}_{r}" for r in ("admin", "manager", "coordinator", "viewer"))):
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


@pytest.mark.postgres
def test_a_team_from_init_to_deactivation(capsys, monkeypatch, postgres_server, server_db):
    database, (omar, lina, adam) = server_db
    owner = postgres_server.url(database).replace("+psycopg", "")
    code, out, err = run(capsys, "team", "init", owner)
    assert code == 0, err
    assert f"coordinator = {database}_coordinator" in out
    code, _out, err = run(capsys, "team", "init", owner)
    assert code == 0, err

    code, out, err = run(capsys, "--db", owner, "user", "add", omar, "--name", "Omar Haddad", "--role", "coordinator",
                         "--languages", "ar,en", "--email", "omar@example.org", "--password-stdin",
                         stdin="omar secret\n", monkeypatch=monkeypatch)
    assert code == 0, err
    assert f"added {omar} (Omar Haddad, coordinator)" in out
    for login, role, password in ((lina, "coordinator", "lina secret"), (adam, "admin", "adam secret")):
        code, _out, err = run(capsys, "--db", owner, "user", "add", login, "--name", login, "--role", role,
                              "--password-stdin", stdin=password + "\n", monkeypatch=monkeypatch)
        assert code == 0, err
    code, out, err = run(capsys, "--db", owner, "user", "add", omar, "--name", "Again", "--role", "viewer",
                         "--password-stdin", stdin="x\n", monkeypatch=monkeypatch)
    assert (code, err) == (1, f"medtour: '{omar}' is already a member of this team\n")

    code, out, _ = run(capsys, "--db", owner, "user", "list", "--json")
    people = {p["login"]: p for p in json.loads(out)}
    assert people[omar] | {} == people[omar] and people[omar]["role"] == "coordinator"
    assert people[omar]["languages"] == ["ar", "en"] and people[omar]["can_sign_in"] is True

    # The password read from stdin is the one the server checks (its line end is not part of it).
    with psycopg.connect(postgres_server.conninfo(database, user=omar, password="omar secret")) as conn:
        assert conn.execute("SELECT medtour_role()").fetchone() == ("coordinator",)

    as_omar = postgres_server.url(database, user=omar, password="omar secret")
    code, out, err = run(capsys, "team", "set", "visibility", "own", "--db", as_omar)
    assert (code, err) == (1, "medtour: your role (coordinator) may not change team settings; ask an admin\n")
    as_adam = postgres_server.url(database, user=adam, password="adam secret")
    code, out, err = run(capsys, "--db", as_adam, "team", "set", "visibility", "own")
    assert (code, out) == (0, "visibility = own\n"), err
    code, out, err = run(capsys, "--db", as_adam, "team", "set", "first-response", "90m")
    assert (code, out) == (0, "first-response = 1h30m\n"), err
    code, out, _ = run(capsys, "--db", as_omar, "team", "show", "--json")
    shown = json.loads(out)
    assert shown["settings"]["visibility"] == "own" and shown["settings"]["first_response_minutes"] == 90
    assert shown["signed_in"] == {"login": omar, "role": "coordinator"} and shown["active_people"] == 3

    code, out, err = run(capsys, "--db", as_omar, "lead", "add", "--name", "Ahmed Ali", "--phone", "+971501234567")
    assert code == 0, err
    code, out, err = run(capsys, "--db", as_adam, "user", "deactivate", omar, "--to", lina)
    assert (code, out) == (0, f"{omar} can no longer sign in; 1 open lead(s) moved to {lina}\n"), err
    code, out, err = run(capsys, "--db", as_omar, "team", "show")
    assert code == 1 and err.startswith("medtour: the database server refused the sign-in")
    code, out, err = run(capsys, "--db", owner, "user", "deactivate", "nobody")
    assert code == 1 and "no one signs in as 'nobody'" in err


@pytest.mark.parametrize("command", [
    ("team", "show"), ("team", "set", "visibility", "own"), ("user", "list"), ("user", "deactivate", "omar"),
    ("user", "add", "omar", "--name", "Omar", "--role", "coordinator", "--password-stdin"),
])
def test_on_sqlite_every_team_command_says_a_team_needs_postgresql(capsys, tmp_path, command):
    path = tmp_path / "solo.db"
    code, out, err = run(capsys, "--db", str(path), *command)
    assert (code, out) == (1, "")
    assert err.startswith("medtour: a team needs PostgreSQL")
    assert not path.exists()


def test_team_init_of_an_sqlite_file_says_a_team_needs_postgresql(capsys, tmp_path):
    code, _out, err = run(capsys, "team", "init", str(tmp_path / "solo.db"))
    assert code == 1 and err.startswith("medtour: a team needs PostgreSQL")
