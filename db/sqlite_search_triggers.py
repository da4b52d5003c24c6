"""The SQLite search index's triggers on leads (as revision 0001 made them), kept in one place.

SQLite's batch mode rebuilds a table by copy, drop and rename, which drops the triggers on it: a
migration that rebuilds leads makes them again with `remake_search_triggers`. Their text is part
of the schema's history; a change to it belongs in a new revision, not here.
"""
from __future__ import annotations

from sqlalchemy import Connection

SEARCH_TRIGGERS = {
    "leads_fts_ai": "AFTER INSERT ON leads BEGIN "
    "INSERT INTO lead_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "leads_fts_ad": "AFTER DELETE ON leads BEGIN "
    "INSERT INTO lead_fts(lead_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "leads_fts_au": "AFTER UPDATE OF search_text ON leads BEGIN "
    "INSERT INTO lead_fts(lead_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO lead_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
}


def remake_search_triggers(bind: Connection) -> None:
    """Drop (where left) and create the search triggers; nothing on other databases."""
    if bind.dialect.name != "sqlite":
        return
    for name, body in SEARCH_TRIGGERS.items():
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
