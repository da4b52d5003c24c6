"""The one rule for a file the desk is asked to write (a packet, a bundle, a calendar, a visa
letter, an exported document or catalogue, a backup copy): never the database itself or its
write-ahead log, shared memory or journal, nor anything in the backups folder (even with `force`);
never a folder (a trailing separator means one); never an existing file unless the user said so
(`force`, "Replace?"). A missing folder on the way is made by the writer."""
from __future__ import annotations

import os
from pathlib import Path

from app import paths
from app.domain.errors import ValidationError

__all__ = ["DATABASE_SIDE_FILES", "check_output_path"]

#: The files SQLite keeps beside a database while it is open.
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _database_files(database: Path | None) -> set[Path]:
    if database is None:
        return set()
    resolved = database.expanduser().resolve()
    return {resolved, *(resolved.with_name(resolved.name + suffix) for suffix in DATABASE_SIDE_FILES)}


def check_output_path(target: str | os.PathLike[str], *, database: Path | None, force: bool = False,
                      what: str = "the file", backup: bool = False) -> Path:
    """`target` as a path the caller may write, or ValidationError saying why not (`what` names
    what would be written: "the bundle", "the calendar"; `backup`: a backup copy, which may go into
    the backups folder)."""
    text = os.fspath(target)
    path = Path(text).expanduser()
    if text.endswith(("/", os.sep)) or path.is_dir():
        raise ValidationError(f"{path} is a folder: give {what} a file name in it")
    if path.resolve() in _database_files(database):
        raise ValidationError(f"{path} is the database file; write {what} somewhere else")
    if not backup and path.resolve().is_relative_to(paths.backups_dir().resolve()):
        raise ValidationError(f"{path} is in the backups folder, which holds only backups; write {what} somewhere else")
    if path.exists() and not force:
        raise ValidationError(f"{path} already exists: choose another file name, or replace it (--force)")
    return path
