"""Every command that writes a file keeps to one rule: it never replaces the database (or its
-wal/-shm), never an existing file unless --force, and a trailing separator means a folder."""
from __future__ import annotations

from pathlib import Path

from app.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_packet_export_and_personal_export_never_replace_what_they_should_not(capsys, tmp_path):
    db = tmp_path / "Clinic #2" / "medtour.db"
    db.parent.mkdir()
    assert run(capsys, "init", db)[0] == 0
    assert run(capsys, "--db", db, "profile", "set", "--name", "Mona Saleh", "--email", "mona@example.com")[0] == 0
    assert run(capsys, "--db", db, "lead", "add", "--name", "Ivan Petrov", "--phone", "+7 916 123 45 67")[0] == 0

    for target in (db, Path(f"{db}-wal")):
        code, _out, err = run(capsys, "--db", db, "packet", "1", "-o", target, "--force")
        assert code != 0 and "is the database file" in err
    assert db.read_bytes().startswith(b"SQLite format 3\x00"), "the database is still a database"
    code, out, _err = run(capsys, "--db", db, "leads", "--json")
    assert code == 0 and "Ivan Petrov" in out

    existing = tmp_path / "packet.pdf"
    existing.write_bytes(b"keep me")
    code, _out, err = run(capsys, "--db", db, "packet", "1", "-o", existing)
    assert code != 0 and "already exists" in err and "--force" in err and existing.read_bytes() == b"keep me"
    assert run(capsys, "--db", db, "packet", "1", "-o", existing, "--force")[0] == 0
    assert existing.read_bytes().startswith(b"%PDF")

    folder = f"{tmp_path / 'newdir'}/"
    code, out, err = run(capsys, "--db", db, "packet", "1", "-o", folder)
    assert code == 0, err
    made = list((tmp_path / "newdir").glob("*.pdf"))
    assert len(made) == 1 and made[0].name.startswith("L-") and not (tmp_path / "newdir").is_file()

    export = tmp_path / "leads.csv"
    export.write_text("keep me", encoding="utf-8")
    code, _out, err = run(capsys, "--db", db, "export", export)
    assert code != 0 and "already exists" in err and export.read_text(encoding="utf-8") == "keep me"
    assert run(capsys, "--db", db, "export", export, "--force")[0] == 0
    code, _out, err = run(capsys, "--db", db, "export", f"{db}-shm.csv")
    assert code == 0, err  # a name beside the database is fine; only the database's own files are refused

    personal = tmp_path / "ivan.json"
    personal.write_text("{}", encoding="utf-8")
    code, _out, err = run(capsys, "--db", db, "lead", "export-personal", "1", "-o", personal)
    assert code != 0 and "already exists" in err and personal.read_text(encoding="utf-8") == "{}"
    assert run(capsys, "--db", db, "lead", "export-personal", "1", "-o", personal, "--force")[0] == 0


def test_a_backup_to_a_name_with_a_trailing_separator_goes_into_that_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "medtour.db"
    assert run(capsys, "init", db)[0] == 0
    code, out, err = run(capsys, "--db", db, "backup", f"{tmp_path / 'newdir'}/")
    assert code == 0, err
    made = list((tmp_path / "newdir").glob("medtour-*.db"))
    assert len(made) == 1 and str(made[0]) in out
    for target in (Path(f"{db}-wal"), Path(f"{db}-shm"), made[0]):
        code, _out, err = run(capsys, "--db", db, "backup", target)
        assert code == 1 and err.startswith("medtour: ") and ("is the database file" in err or "already exists" in err)
        assert not target.exists() or target.stat().st_size == 0 or target == made[0]
    assert db.read_bytes().startswith(b"SQLite format 3\x00") and run(capsys, "--db", db, "leads")[0] == 0
    exported = tmp_path / "data" / "backups" / "leads.csv"
    code, _out, err = run(capsys, "--db", db, "export", exported, "--force")
    assert code == 1 and "is in the backups folder" in err and not exported.exists()
