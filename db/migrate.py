"""Schema upgrades with Alembic: to head on open, after a backup; a newer database is refused."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from db.engine import Database
from db.errors import SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["MIGRATIONS_DIR", "SchemaTooNewError", "current_revision", "head_revision", "known_revisions", "upgrade"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Alembic (with Mako) costs a tenth of a second to import: it is loaded only when a schema change
# is due. Whether one is due is read from the revision files themselves (their `revision` and
# `down_revision` lines, which Alembic reads too; tests/db/test_migrate_fast_path.py holds the two
# readings equal) and from the database's alembic_version row.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def revision_graph() -> dict[str, str | None]:
    """Each revision this version of the app knows, with the revision it follows."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict((match.group(1), match.group(2)) for match in _REVISION_LINE.finditer(path.read_text("utf-8")))
        if "revision" in found and found["revision"] is not None:
            graph[found["revision"]] = found.get("down_revision")
    return graph


def known_revisions() -> set[str]:
    return set(revision_graph())


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {parent for parent in graph.values() if parent is not None}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads ({', '.join(sorted(heads))}); they must have one")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(versions) > 1:
        raise RuntimeError(f"{db.location} records {len(versions)} schema versions at once; it is damaged")
    return versions[0] if versions else None


def upgrade(db: Database, before_upgrade: Callable[[str | None, str], None] | None = None) -> bool:
    """Bring the schema to head. Returns True when anything was migrated.

    `before_upgrade(current, head)` runs first when an existing schema is about to change
    (the app copies the file there). Raises SchemaTooNewError for an unknown (newer) revision.
    """
    head = head_revision()
    current = current_revision(db)
    if current == head:
        return False
    if current is not None:
        if current not in revision_graph():
            raise SchemaTooNewError(
                f"{db.location} was written by a newer version of MedTour Desk (schema {current}); "
                "update the app to open it. The file was not changed."
            ) from None
        if before_upgrade is not None:
            before_upgrade(current, head)
    from alembic import command

    _run(db, lambda config: command.upgrade(config, "head"))
    return True


def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to `revision` (no backup is made: copy the file first)."""
    from alembic import command

    _run(db, lambda config: command.downgrade(config, revision))


def _run(db: Database, step: Callable[[Config], None]) -> None:
    """Run an Alembic command in one write transaction on `db`."""
    config = _config()
    with db.engine.execution_options(medtour_write=True).connect() as conn:
        driver = conn.connection.driver_connection if db.is_sqlite else None
        if driver is not None:
            # SQLite rebuilds a table to change its constraints (Alembic's batch mode): with foreign
            # keys on, dropping the old table would delete (cascade) every row that refers to it.
            # Off outside the transaction (the pragma is ignored inside one), checked before commit.
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                step(config)
                if driver is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the schema change left {len(broken)} broken reference(s), e.g. {broken[0]}")
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=ON")
