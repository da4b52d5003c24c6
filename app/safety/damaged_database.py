"""A damaged database file met on open: a clear message naming the newest backup, not a traceback.

`app.storage.open_database` calls `refuse_damaged_file` before opening and `damaged_error` when
SQLite reports damaged pages while the schema is read or upgraded. The CLI prints the message as
one line; the GUI offers to restore the newest backup it names.
"""
from __future__ import annotations

from pathlib import Path

from app.safety.backups import newest_backup
from app.safety.database_file import DatabaseCorruptError, damage_on_disk, is_corruption


def damaged_error(path: Path, reason: str) -> DatabaseCorruptError:
    backup = newest_backup(path)
    return DatabaseCorruptError(path, reason, backup.path if backup else None)


def refuse_damaged_file(path: Path | None) -> None:
    """Raise DatabaseCorruptError when an existing database file is empty (0 bytes), cut short or
    not an SQLite file at all: such a file never silently becomes a new database. Only a path with
    no file may be made (app.storage decides when)."""
    if path is None or not path.is_file():
        return
    reason = damage_on_disk(path)
    if reason is not None:
        raise damaged_error(path, reason)


def damaged_reason(error: BaseException) -> str | None:
    """SQLite's words when `error` means damaged pages; None for any other error."""
    if not is_corruption(error):
        return None
    original = getattr(error, "orig", None) or error
    return str(original)
