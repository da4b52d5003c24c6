"""The SQLite search index stays fed across every upgrade and downgrade that rebuilds leads."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from db.sqlite_search_triggers import SEARCH_TRIGGERS

FIXTURES = Path(__file__).resolve().parent.parent / "safety" / "fixtures"


def _triggers(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def _found(path: Path, word: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM lead_fts WHERE lead_fts MATCH ?", (word,)).fetchone()[0]


def _add_lead(path: Path, name: str) -> None:
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO leads (reference, full_name, sort_name, status, companions, consent_health_data, "
                    "inquiry_at, created_at, updated_at, search_text, version, messengers) "
                    "VALUES ('L-2099-00001', ?, ?, 'new', 0, 0, '2026-12-07', '2026-12-07', '2026-12-07', ?, 1, '{}')",
                    (name, name.lower(), name.lower()))


@pytest.mark.parametrize("down_to", ["0003", "0004"])
def test_search_triggers_survive_upgrade_and_downgrade(tmp_path, down_to):
    from app.storage import open_database
    from db.migrate import downgrade, head_revision

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0003.db", path)
    db = open_database(path)  # upgrades 0003 → head
    assert head_revision() >= "0005"
    db.dispose()
    assert set(SEARCH_TRIGGERS) <= _triggers(path)
    _add_lead(path, "Zephyrine Upgradeova")
    assert _found(path, "zephyrine") == 1

    db = open_database(path, migrate=False)
    downgrade(db, down_to)
    db.dispose()
    assert set(SEARCH_TRIGGERS) <= _triggers(path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE leads SET search_text = 'quillon downgradeova' WHERE reference = 'L-2099-00001'")
    assert _found(path, "zephyrine") == 0 and _found(path, "quillon") == 1
