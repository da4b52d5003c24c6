"""`medtour check`: silent on a sound database, and each kind of damage named in plain words."""
from __future__ import annotations

import os
import sqlite3

import pytest

from app.cli import main
from app.safety.integrity_check import check_database


@pytest.fixture
def demo_db(sqlite_db):
    from app.domain.demo_data import generate_demo

    generate_demo(sqlite_db, 120, seed=5)
    return sqlite_db


def _raw(db, *statements: str) -> None:
    con = sqlite3.connect(db.path, isolation_level=None)
    con.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        con.execute(statement)
    con.close()


def test_a_sound_database_passes_every_check(demo_db):
    report = check_database(demo_db)
    assert report.ok, report.findings
    assert report.checks == ["integrity", "foreign keys", "search index", "statuses", "references", "phones",
                             "versions", "interactions", "erasures"]


BREAKAGES = {
    "unknown status": (["UPDATE leads SET status = 'pending_magic' WHERE id = 3"],
                       "statuses", "1 lead has the status 'pending_magic', which the pipeline does not know"),
    "unknown status in history": (["UPDATE status_changes SET to_status = 'heaven' WHERE id = 4"],
                                  "statuses", "1 status change goes to 'heaven', which the pipeline does not know"),
    "bad reference": (["UPDATE leads SET reference = 'X-1' WHERE id = 5"], "references", "not of the form L-YYYY-NNNNN ('X-1')"),
    "bad e164": (["UPDATE lead_phones SET e164 = '+7 916 12' WHERE id = (SELECT min(id) FROM lead_phones)"],
                 "phones", "broken international form"),
    "version 0": (["UPDATE leads SET version = 0 WHERE id = 6"], "versions", "edit version below 1"),
    "orphan interaction": (["INSERT INTO interactions (lead_id, kind, occurred_at, details, created_at) "
                            "VALUES (99999, 'note', '2026-11-25 09:00:00', '{}', '2026-11-25 09:00:00')"],
                           "foreign keys", "interactions: 1 row points to missing leads"),
    "search index out of sync": (["DROP TRIGGER leads_fts_au", "UPDATE leads SET search_text = 'zzz qqq' WHERE id = 7"],
                                 "search index", "does not match the leads"),
    "unknown interaction kind": (["UPDATE interactions SET kind = 'telepathy' WHERE id = 2"], "interactions",
                                 "unknown kind 'telepathy'"),
    "erased lead with data": (["UPDATE leads SET erased_at = '2026-11-25 09:00:00' WHERE id = 8"], "erasures",
                              "1 erased lead has personal details left"),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_each_breakage_is_reported(demo_db, name):
    statements, check, words = BREAKAGES[name]
    _raw(demo_db, *statements)
    report = check_database(demo_db)
    assert not report.ok
    assert any(f.check == check and words in f.message for f in report.findings), report.findings


def test_damaged_pages_are_reported_first(demo_db):
    demo_db.checkpoint()
    demo_db.dispose()
    con = sqlite3.connect(demo_db.path)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads' "
                       "AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(demo_db.path.read_bytes())
    data[(root - 1) * page + 100:(root - 1) * page + 400] = os.urandom(300)
    demo_db.path.write_bytes(bytes(data))
    report = check_database(demo_db)
    assert [f.check for f in report.findings] == ["integrity"]
    assert "the file is damaged" in report.findings[0].message and "medtour restore" in report.findings[0].message


def test_cli_check_exit_codes(capsys, demo_db):
    assert main(["--db", str(demo_db.path), "check"]) == 0
    assert "all 9 checks passed" in capsys.readouterr().out
    _raw(demo_db, "UPDATE leads SET status = 'limbo' WHERE id = 1", "UPDATE leads SET version = -1 WHERE id = 2")
    assert main(["--db", str(demo_db.path), "check"]) == 1
    out = capsys.readouterr().out
    assert "problem(s) found" in out and "[statuses]" in out and "[versions]" in out
