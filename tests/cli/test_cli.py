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

    code, out, _ = run(capsys, "--db", dbfile, "merge", "L-2026-00001", "L-2026-00002")
    assert code == 0 and "merged L-2026-00002 into L-2026-00001" in out


def test_errors_are_one_line(capsys, dbfile, tmp_path):
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
