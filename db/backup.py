"""Copies of an SQLite database made with SQLite's online backup API (safe while others write).

A copy of an encrypted database is encrypted with the same key and salt (db/cipher.py): the same
passphrase opens it, and only that one."""
from __future__ import annotations

from pathlib import Path

from db import cipher
from db.errors import Condition, classify

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
        key = cipher.key_for(source)
        src = cipher.connect(source, read_only=True, key=key, timeout=30)
        try:
            out = cipher.connect(dest, key=key)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
                verdict = out.execute(f"PRAGMA {_CHECKS[check]}").fetchone()[0]
            finally:
                out.close()
        finally:
            src.close()
    except cipher.DRIVER_ERRORS as exc:
        raise BackupError(f"could not back up {source} to {shown}: {_reason(exc)}") from exc
    if verdict != "ok":
        raise BackupError(f"the backup {shown} did not verify: {verdict}")
    return dest


def _reason(exc: BaseException) -> str:
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
        conn = cipher.connect(path, read_only=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except cipher.DRIVER_ERRORS:
        return None
    return row[0] if row else None
