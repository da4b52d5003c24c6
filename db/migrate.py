"""Schema upgrades with Alembic: to head on open, after a backup; a newer database is refused."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic import command

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
        except Exception:
            raise SchemaTooNewError(
                f"{db.location} was written by a newer version of MedTour Desk (schema {current}); "
                "update the app to open it. The file was not changed."
            ) from None
        if before_upgrade is not None:
            before_upgrade(current, head)
    with db.engine.execution_options(medtour_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return True
