"""One rule for every file the desk writes: never the database or its side files, never a
folder (a trailing separator says folder), never an existing file unless asked — whatever characters
the path holds."""
from __future__ import annotations

import os

import pytest

from app.domain.errors import ValidationError
from app.domain.output_path import check_output_path


@pytest.mark.parametrize("name", ["Clinic #2", "what?", "100% sure", "with space", "Пациенты", "患者", "C;D"])
def test_the_rule_holds_for_any_folder_name(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    database = folder / "medtour.db"
    database.write_bytes(b"SQLite format 3\x00")
    for side in ("", "-wal", "-shm", "-journal"):
        with pytest.raises(ValidationError, match="is the database file"):
            check_output_path(f"{database}{side}", database=database, force=True)
    with pytest.raises(ValidationError, match="is a folder"):
        check_output_path(str(folder) + os.sep, database=database)
    with pytest.raises(ValidationError, match="is a folder"):
        check_output_path(folder, database=database)
    with pytest.raises(ValidationError, match="is a folder"):
        check_output_path(str(folder / "newdir") + "/", database=database)  # a folder that is not there yet
    existing = folder / "packet.pdf"
    existing.write_bytes(b"%PDF")
    with pytest.raises(ValidationError, match=r"already exists: choose another file name, or replace it \(--force\)"):
        check_output_path(existing, database=database)
    assert check_output_path(existing, database=database, force=True) == existing
    assert check_output_path(folder / "new.pdf", database=database) == folder / "new.pdf"


def test_the_database_is_recognised_by_another_spelling_of_its_path(tmp_path):
    database = tmp_path / "medtour.db"
    database.write_bytes(b"")
    (tmp_path / "sub").mkdir()
    with pytest.raises(ValidationError, match="is the database file"):
        check_output_path(tmp_path / "sub" / ".." / "medtour.db", database=database, force=True)


def test_nothing_but_a_backup_is_written_into_the_backups_folder_even_with_force(tmp_path, monkeypatch):
    from app import paths

    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(tmp_path / "data"))
    backups = paths.backups_dir()
    backups.mkdir(parents=True, exist_ok=True)
    kept = backups / "medtour-20261207-090000.db"
    kept.write_bytes(b"SQLite format 3\x00")
    for target in (kept, backups / "leads.csv"):
        with pytest.raises(ValidationError, match="is in the backups folder"):
            check_output_path(target, database=tmp_path / "medtour.db", force=True)
    assert check_output_path(backups / "copy.db", database=tmp_path / "medtour.db", backup=True) == backups / "copy.db"
    assert kept.read_bytes() == b"SQLite format 3\x00"


def test_the_import_report_keeps_to_the_rule(tmp_path):
    from app.domain.import_report_file import save_import_report
    from app.domain.lead_import import ImportReport

    report = ImportReport(file="leads.csv", encoding="utf-8", encoding_confident=True, delimiter=",", mapping={},
                          dry_run=True)
    database = tmp_path / "medtour.db"
    database.write_bytes(b"SQLite format 3\x00")
    with pytest.raises(ValidationError, match="is the database file"):
        save_import_report(report, f"{database}-wal", database=database, force=True)
    with pytest.raises(ValidationError, match="is a folder"):
        save_import_report(report, f"{tmp_path / 'reports'}/", database=database)
    kept = tmp_path / "report.csv"
    kept.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="already exists"):
        save_import_report(report, kept, database=database)
    assert kept.read_text(encoding="utf-8") == "keep me\n"
    assert save_import_report(report, kept, database=database, force=True) == kept
    assert kept.read_text(encoding="utf-8-sig").startswith("row,line,outcome")
