"""Copies of an SQLite database made with SQLite's online backup API (safe while others write)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(RuntimeError):
    """A backup that could not be written or did not verify; the message says why."""


def backup_sqlite(source: Path, dest: Path) -> Path:
    """Copy `source` to `dest` (private file, written beside then renamed), verify it, return dest."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    if partial.exists():
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            out = sqlite3.connect(partial)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
                verdict = out.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                out.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"could not back up {source} to {dest}: {exc}") from exc
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup {dest} did not verify: {verdict}")
    os.replace(partial, dest)
    return dest
