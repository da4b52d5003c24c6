"""Opening the app's database: where it is, its schema brought to head, a default coordinator.

The CLI and the GUI both open databases through `open_database`.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app import paths
from app.domain.atomic_file import atomic_path
from app.domain.leads import ensure_default_coordinator
from db.backup import backup_sqlite
from db.engine import Database, resolve_url
from db.migrate import SchemaTooNewError, upgrade


def database_url(target: str | os.PathLike[str] | None = None):
    """`--db` value, else MEDTOUR_DB, else the file in the user's data folder."""
    default = None
    if target is None and not os.environ.get("MEDTOUR_DB"):
        default = paths.default_database_path()
    return resolve_url(target, default)


def _backup_before_migration(db: Database):
    def hook(current: str | None, head: str) -> None:
        if db.path is None or not db.path.exists():
            return
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        dest = paths.backups_dir() / f"{db.path.stem}-before-{head}-from-{current}-{stamp}.db"
        with atomic_path(dest, private=True) as partial:
            backup_sqlite(db.path, partial, name=str(dest))

    return hook


def open_database(target: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) and upgrade the database; raises SchemaTooNewError for a newer file
    and DatabaseCorruptError (naming the newest backup) for a damaged one."""
    from app.safety.damaged_database import damaged_error, damaged_reason, refuse_damaged_file
    from app.safety.database_file import DatabaseTooNewError

    db = Database(database_url(target))
    try:
        refuse_damaged_file(db.path)  # before SQLite reads it; no connection is open yet
        if migrate:
            upgrade(db, before_upgrade=_backup_before_migration(db))
            ensure_default_coordinator(db)
    except SchemaTooNewError as exc:
        db.dispose()
        raise DatabaseTooNewError(str(exc)) from None
    except DBAPIError as exc:
        db.dispose()
        reason = damaged_reason(exc)
        if reason is None or db.path is None:
            raise
        raise damaged_error(db.path, reason) from None
    return db


def database_exists(target: str | os.PathLike[str] | None = None) -> bool:
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        return True
    return url.database is not None and Path(url.database).exists()
