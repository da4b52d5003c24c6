"""Copies of an SQLite database made with SQLite's online backup API (safe while others write)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import Condition, classify
from db.sqlite_uri import connect_read_only

_CHECKS = {"integrity_check": "integrity_check", "quick_check": "quick_check"}


class BackupError(RuntimeError):
    """A backup that could not be written or did not verify; the message says why."""


def backup_sqlite(source: Path, dest: Path, *, name: str | None = None, check: str = "integrity_check") -> Path:
    """Copy `source` into the file `dest` and verify it (`check`: SQLite's integrity_check, or the
    faster quick_check for a copy that is only read); return dest.

    `dest` is written in place: callers pass the temporary file of `app.domain.atomic_file.atomic_path`,
    which renames it over the real target only once the copy verified (this module, below the app,
    cannot import it). `name` is how messages refer to the copy (defaults to `dest`).
    """
    shown = name or str(dest)
    try:
        src = connect_read_only(source, timeout=30)
        try:
            out = sqlite3.connect(dest)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
                verdict = out.execute(f"PRAGMA {_CHECKS[check]}").fetchone()[0]
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"could not back up {source} to {shown}: {_reason(exc)}") from exc
    if verdict != "ok":
        raise BackupError(f"the backup {shown} did not verify: {verdict}")
    return dest


def _reason(exc: sqlite3.Error) -> str:
    """SQLite's words, or what to do for the conditions a user can act on (by code, db.errors)."""
    condition = classify(exc)
    if condition is Condition.DISK_FULL:
        return "the disk is full; free some space and try again"
    if condition is Condition.READ_ONLY or condition is Condition.CANNOT_OPEN or condition is Condition.PERMISSION_DENIED:
        return f"{exc}: the folder cannot be written here; choose another folder or ask for write access"
    return str(exc)


def file_schema_revision(path: Path) -> str | None:
    """The SQLite file's Alembic revision, read without Alembic (None when it has none or is not SQLite)."""
    try:
        with connect_read_only(path) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None
