"""Every past schema opens: a committed database per schema version is upgraded to head (after a
backup), keeps every row, and passes `medtour check`. Built by tests/safety/make_fixture_db.py."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import paths
from app.domain.lead_search import list_leads
from app.domain.leads import get_lead
from app.safety.backups import KIND_BEFORE_UPGRADE, list_backups
from app.safety.integrity_check import check_database
from app.storage import open_database
from db.migrate import current_revision, head_revision

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMAS = sorted(FIXTURES.glob("schema_*.db"))


def test_there_is_a_fixture_for_the_current_schema():
    assert (FIXTURES / f"schema_{head_revision()}.db").exists(), (
        "add one for this schema: .venv/bin/python -m tests.safety.make_fixture_db"
    )


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
def test_past_schema_upgrades_and_keeps_everything(fixture, tmp_path):
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "medtour.db"
    shutil.copy(fixture, path)  # never open the committed file itself
    db = open_database(path)
    try:
        assert current_revision(db) == head_revision()
        upgrades = [b for b in list_backups(path) if b.kind == KIND_BEFORE_UPGRADE]
        if expected["revision"] != head_revision():
            assert len(upgrades) == 1 and upgrades[0].path.parent == paths.backups_dir()
            assert sqlite3.connect(upgrades[0].path).execute("SELECT version_num FROM alembic_version").fetchone()[0] == expected["revision"]
        else:
            assert upgrades == []
        with db.engine.connect() as conn:
            for table, count in expected["counts"].items():
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == count, table
        lead = get_lead(db, expected["lead"]["reference"])
        assert (lead.full_name, lead.status, lead.program) == (
            expected["lead"]["full_name"], expected["lead"]["status"], expected["lead"]["program"])
        assert [l.reference for l in list_leads(db, search="Смирнова")] == [expected["lead"]["reference"]]
        assert get_lead(db, expected["erased"]).full_name == "[erased]"
        # the merge link is a column since 0004; older files get it from the merge's status reason
        twin = get_lead(db, expected["lead"]["merged"])
        assert (twin.status, twin.merged_into) == ("duplicate", expected["lead"]["reference"])
        with db.engine.connect() as conn:
            linked = conn.exec_driver_sql("SELECT count(*) FROM leads WHERE merged_into_id IS NOT NULL").scalar()
        assert linked == 1
        report = check_database(db)
        assert report.ok, report.findings
    finally:
        db.dispose()
