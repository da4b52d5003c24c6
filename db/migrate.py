"""Schema upgrades with Alembic: to head on open, after a backup; a newer database is refused."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import Database
from db.errors import SchemaTooNewError

__all__ = ["MIGRATIONS_DIR", "SchemaTooNewError", "current_revision", "head_revision", "upgrade"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, before_upgrade: Callable[[str | None, str], None] | None = None) -> bool:
    """Bring the schema to head. Returns True when anything was migrated.

    `before_upgrade(current, head)` runs first when an existing schema is about to change
    (the app copies the file there). Raises SchemaTooNewError for an unknown (newer) revision.
    """
    config = _config()
    script = ScriptDirectory.from_config(config)
    head = head_revision()
    current = current_revision(db)
    if current == head:
        return False
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # noqa: BLE001 - Alembic raises several kinds for a revision it does not know: all mean newer
            raise SchemaTooNewError(
                f"{db.location} was written by a newer version of MedTour Desk (schema {current}); "
                "update the app to open it. The file was not changed."
            ) from None
        if before_upgrade is not None:
            before_upgrade(current, head)
    _run(db, lambda config: command.upgrade(config, "head"))
    return True


def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to `revision` (no backup is made: copy the file first)."""
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
