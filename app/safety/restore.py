"""Restoring the database from a backup (or any copy of a MedTour Desk database).

1. The offered file is copied with SQLite's backup API into a private staging file beside the
   database (this reads a copy's own -wal too), then checked: an SQLite file, integrity ok, the
   MedTour Desk tables, a schema version this app knows. Anything else is refused with one clear
   sentence and nothing is touched.
2. The current database is switched out of WAL mode, which folds any -wal file into it and needs
   every other connection closed (a window still open is reported, not overridden). A damaged
   current file that cannot even do that is moved aside as it is, together with its -wal.
3. A restore journal, ``<name>.restoring``, is written (durable, and locked while the restore
   runs): the staged copy's name, the name the current database will be kept under and the
   source. The current database gets its second name, ``<name>-before-restore-YYYYMMDD-HHMMSS.db``
   (a hard link: the old content stays reachable under it), and the staged copy is renamed over
   the database in one atomic step; then the journal is removed. The database path always holds
   a whole database, the old one or the new one, at every step.
4. When a restore was killed midway, the next open of the database (`finish_interrupted_restore`,
   called by app.storage for the CLI and the GUI alike) finds the journal: a staged copy still
   there was verified and synced before the journal was written, so the restore is completed;
   otherwise it had completed, or had not begun to replace anything, and the journal is removed.
   What was done is said in one sentence. The next open sets WAL again and upgrades an older
   schema (taking a backup first), as for any database.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from app.domain.atomic_file import (
    atomic_path,
    fsync_file,
    fsync_folder,
    keep_copy_as,
    move_into_place,
    write_held_note,
    writer_is_alive,
)
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.safety.backups import STAMP_FORMAT
from app.safety.database_file import (
    DatabaseFileInfo,
    NotAMedTourDatabaseError,
    inspect_database_file,
    looks_like_sqlite,
)
from db import cipher
from db.errors import Condition, classify

#: How long to wait for another window's write to finish before calling the database busy.
LOCK_WAIT_SECONDS = 5.0


class DatabaseInUseError(UserError):
    """Another window or command has the database open, so it cannot be replaced now."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    database: Path
    aside: Path | None  # where the replaced database was kept (None when there was none)
    info: DatabaseFileInfo


def _stage(source: Path, staged: Path) -> None:
    """Copy `source` into `staged` (atomic_path's private temporary file) through SQLite, so a copy
    left in WAL mode comes whole."""
    try:
        key = cipher.key_for(source)  # a backup of an encrypted database: its key, and only that
        src = cipher.connect(source, read_only=True, key=key, timeout=LOCK_WAIT_SECONDS)
        try:
            out = cipher.connect(staged, key=key)
            try:
                src.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
    except cipher.DATABASE_ERRORS as exc:
        raise NotAMedTourDatabaseError(f"{source} is damaged or not a MedTour Desk database ({exc})") from None


def _fold_wal(database: Path) -> None:
    """Leave `database` as one self-contained file: WAL folded in, -wal and -shm removed.

    Raises DatabaseInUseError when another connection keeps it open. A file too damaged for SQLite
    to open is left as it is (it is moved aside whole, with its -wal).
    """
    try:
        conn = cipher.connect(database, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    except cipher.DRIVER_ERRORS:
        return
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except cipher.OPERATIONAL_ERRORS as exc:
        if classify(exc) is Condition.LOCKED:  # SQLITE_BUSY / SQLITE_LOCKED
            raise DatabaseInUseError(
                f"{database} is open in another MedTour Desk window or command; close it and restore again"
            ) from None
        return
    except cipher.DATABASE_ERRORS:
        return  # damaged: moved aside as it is
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise DatabaseInUseError(
            f"{database} is open in another MedTour Desk window or command; close it and restore again"
        )


def _aside_name(database: Path, clock: Clock) -> Path:
    stamp = clock().astimezone(UTC).strftime(STAMP_FORMAT)
    aside = database.with_name(f"{database.stem}-before-restore-{stamp}.db")
    counter = 2
    while aside.exists():
        aside = database.with_name(f"{database.stem}-before-restore-{stamp}-{counter}.db")
        counter += 1
    return aside


def _precheck(origin: Path, target: Path | None = None) -> None:
    if not origin.is_file():
        raise NotAMedTourDatabaseError(f"{origin} does not exist or is not a file")
    if target is not None and origin.resolve() == target:
        raise NotAMedTourDatabaseError(f"{origin} is the database itself; choose a backup to restore")
    if origin.stat().st_size == 0 or not looks_like_sqlite(origin):
        raise NotAMedTourDatabaseError(f"{origin} is not a MedTour Desk database (it is not an SQLite file)")


def check_restorable(source: str | Path) -> DatabaseFileInfo:
    """What restoring a backup would bring back (leads, schema), or NotAMedTourDatabaseError saying
    why it cannot be restored. Quick enough for a confirmation question: it reads the tables and the
    schema version; the full integrity check runs in `restore_database`, on the staged copy."""
    path = Path(source).expanduser()
    _precheck(path)
    return inspect_database_file(path, full_check=False)


JOURNAL_SUFFIX = ".restoring"


def journal_path(database: Path) -> Path:
    """The restore journal of `database` (present only while a restore runs, or after it was killed)."""
    return Path(f"{database}{JOURNAL_SUFFIX}")


def restore_database(database: str | Path, source: str | Path, *, clock: Clock = utc_now) -> RestoreResult:
    """Replace the database file with a verified copy of `source`; keep the old one aside.

    The caller closes its own connections first (`Database.dispose()`); another process holding the
    file open makes this raise DatabaseInUseError with nothing changed. Crash-safe at every step
    (see the module notes).
    """
    target = Path(database).expanduser().resolve()
    origin = Path(source).expanduser()
    _precheck(origin, target)
    journal = journal_path(target)
    if journal.exists():
        finish_interrupted_restore(target)
    aside = None
    held = -1
    try:
        with atomic_path(target, private=True) as staged:
            _stage(origin, staged)
            info = inspect_database_file(staged, name=str(origin))
            fsync_file(staged)
            if target.exists():
                _fold_wal(target)
                aside = _aside_name(target, clock)
            ino = os.stat(staged).st_ino
            held = write_held_note(journal, json.dumps({
                "staged": staged.name, "aside": aside.name if aside else None, "source": str(origin), "inode": ino,
            }))
            if aside is not None:
                keep_copy_as(target, aside)
                wal = Path(f"{target}-wal")
                if wal.exists():  # only when the old file was too damaged to fold: keep it with its copy
                    os.replace(wal, Path(f"{aside}-wal"))
            # atomic_path renames the staged copy over the database here, in one step
        Path(f"{target}-shm").unlink(missing_ok=True)
        journal.unlink(missing_ok=True)
        fsync_folder(target.parent)
    except BaseException:
        if held >= 0 and not staged.exists():
            journal.unlink(missing_ok=True)  # nothing to finish: the staged copy is gone (an error, not a crash)
        raise
    finally:
        if held >= 0:
            os.close(held)
    return RestoreResult(origin, target, aside, DatabaseFileInfo(target, info.revision, info.leads, info.size))


def finish_interrupted_restore(database: Path) -> str | None:
    """Complete (or clear) a restore of `database` that was killed midway; one sentence saying what
    was done, or None when there was nothing to do. DatabaseInUseError while a restore is running."""
    journal = journal_path(database)
    if not journal.exists():
        return None
    if writer_is_alive(journal):
        raise DatabaseInUseError(f"a restore of {database} is running; wait for it to finish and try again")
    try:
        entry = json.loads(journal.read_text(encoding="utf-8"))
        staged = database.with_name(str(entry["staged"]))
        aside = database.with_name(str(entry["aside"])) if entry.get("aside") else None
        source, inode = str(entry.get("source", "a backup")), entry.get("inode")
    except (OSError, ValueError, KeyError, TypeError):
        entry = None
    if entry is None:
        note = (f"a restore of {database} was interrupted before it replaced anything; "
                "the database is as it was — run medtour restore again")
    elif staged.is_file():
        if aside is not None and database.exists() and not aside.exists():
            keep_copy_as(database, aside)
        move_into_place(staged, database)
        kept = f"; the database it replaced is kept as {aside}" if aside is not None else ""
        note = f"a restore from {source} was interrupted; it has now been completed{kept}"
    elif database.exists() and inode is not None and database.stat().st_ino == inode:
        kept = f"; the database it replaced is kept as {aside}" if aside is not None else ""
        note = f"a restore from {source} was interrupted after it had put the backup in place; it is complete{kept}"
    else:
        note = (f"a restore from {source} was interrupted before it replaced the database; "
                f"the database is as it was — run medtour restore {source} again")
    if not Path(f"{database}-wal").exists():
        Path(f"{database}-shm").unlink(missing_ok=True)
    journal.unlink(missing_ok=True)
    fsync_folder(database.parent)
    return note
