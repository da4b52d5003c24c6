"""Backups of the SQLite database: on demand and once a day automatically, in a rotating set.

Copies are made with SQLite's online backup API (`db.backup.backup_sqlite`: consistent while other
windows write, private 0600 file, written beside and renamed) and verified after writing: SQLite's
integrity check plus the tables and schema version of a MedTour Desk database.

The rotating set lives in the backups folder as ``<db name>-YYYYMMDD-HHMMSS.db`` (UTC). Rotation
rule, applied after every backup into the set:

* keep the newest backup of each of the 7 most recent days that have a backup (daily), and
* keep the newest backup of each of the 4 most recent ISO weeks that have a backup (weekly);
* every other file of the set is deleted — at most 11 files, covering about a month.

Other copies are never rotated away: ``<db name>-before-<rev>-from-<rev>-….db`` taken before a
schema upgrade, and ``<db name>-before-restore-….db`` (the database a restore replaced, kept beside
it). `list_backups` shows all three kinds, so a user erasing a person knows where older copies live,
and a fourth: an unfinished temporary copy (``.….partial``: a backup, export or restore that was
interrupted) still on disk — normally removed when the database is next opened
(`app.domain.atomic_file.clean_partial_files`), listed while it is there because it may hold
personal data. Such a copy is never restored from or rotated.

A PostgreSQL database is backed up with pg_dump; these functions say so instead of pretending.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app import paths
from app.domain.atomic_file import atomic_path
from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError, ValidationError
from app.domain.output_path import check_output_path
from app.safety.database_file import NotAMedTourDatabaseError, inspect_database_file
from db.backup import BackupError, backup_sqlite
from db.engine import Database

DAILY_KEEP = 7
WEEKLY_KEEP = 4
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_STAMP = r"(\d{8}-\d{6})"

KIND_ROTATING = "backup"
KIND_BEFORE_UPGRADE = "before upgrade"
KIND_BEFORE_RESTORE = "before restore"
KIND_UNFINISHED = "unfinished copy"

PG_DUMP_ADVICE = (
    "is a PostgreSQL database; back it up with pg_dump (e.g. pg_dump -Fc -f medtour.dump DBNAME) "
    "and restore it with pg_restore — MedTour Desk copies only SQLite files"
)


class BackupNotSupportedError(UserError):
    """Backups and restores of a server database are the server's tools' job."""


class BackupFailedError(UserError):
    """A backup that could not be written or did not verify; nothing in the set was changed."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created_at: datetime  # UTC, from the file name (the file's time when the name has none)
    size: int
    kind: str  # KIND_*

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class BackupResult:
    backup: BackupFile
    leads: int
    removed: tuple[Path, ...] = field(default=())


def require_sqlite(db: Database, action: str = "backed up") -> Path:
    """The database file, or BackupNotSupportedError for a server database."""
    if not db.is_sqlite or db.path is None:
        raise BackupNotSupportedError(f"{db.location} {PG_DUMP_ADVICE}; it cannot be {action} here")
    return db.path


# ------------------------------------------------------------------ names and listing


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime(STAMP_FORMAT)


def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC)


def _patterns(stem: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    s = re.escape(stem)
    return (
        (re.compile(rf"^{s}-{_STAMP}(?:-\d+)?\.db$"), KIND_ROTATING),
        (re.compile(rf"^{s}-before-restore-{_STAMP}(?:-\d+)?\.db$"), KIND_BEFORE_RESTORE),
        (re.compile(rf"^{s}-before-.+-{_STAMP}\.db$"), KIND_BEFORE_UPGRADE),
    )


def _classify(path: Path, stem: str) -> BackupFile | None:
    for pattern, kind in _patterns(stem):
        match = pattern.match(path.name)
        if match:
            try:
                created = _parse_stamp(match.group(1))
            except ValueError:
                created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            return BackupFile(path, created, path.stat().st_size, kind)
    return None


def list_backups(db_path: Path) -> list[BackupFile]:
    """Every copy of this database the app made: the rotating set, copies taken before schema
    upgrades (backups folder) and databases a restore replaced (beside the database). Newest first."""
    stem = db_path.stem
    found: dict[Path, BackupFile] = {}
    folders = {paths.backups_dir(), db_path.parent}
    for folder in folders:
        if not folder.is_dir():
            continue
        for candidate in folder.glob(f"{glob_escape(stem)}-*.db"):
            info = _classify(candidate, stem)
            if info is not None and candidate.is_file():
                found[candidate.resolve()] = info
    for partial in unfinished_copies(db_path):
        found.setdefault(partial.path.resolve(), partial)
    return sorted(found.values(), key=lambda b: (b.created_at, b.name), reverse=True)


def unfinished_copies(db_path: Path) -> list[BackupFile]:
    """Temporary copies still on disk (see the module notes): any the in-progress list names, and
    any in the backups folder or beside the database."""
    from app.domain.atomic_file import partial_files

    found = []
    for path in partial_files([paths.backups_dir(), db_path.parent]):
        try:
            info = path.stat()
        except OSError:
            continue
        found.append(BackupFile(path, datetime.fromtimestamp(info.st_mtime, UTC), info.st_size, KIND_UNFINISHED))
    return found


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def newest_backup(db_path: Path) -> BackupFile | None:
    """The most recent copy to restore from (any finished kind), or None."""
    backups = [b for b in list_backups(db_path) if b.kind != KIND_UNFINISHED]
    return backups[0] if backups else None


def _rotating(db_path: Path) -> list[BackupFile]:
    return [b for b in list_backups(db_path) if b.kind == KIND_ROTATING and b.path.parent == paths.backups_dir()]


# ------------------------------------------------------------------ rotation


def plan_rotation(stamps: Iterable[datetime], *, daily: int = DAILY_KEEP, weekly: int = WEEKLY_KEEP) -> set[datetime]:
    """Which backups of the set to keep (see the module's rule): the newest of each of the `daily`
    most recent days and of each of the `weekly` most recent ISO weeks that have backups."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for when in newest_first:
        day = when.date()
        week = when.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.add(day)
            keep.add(when)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            keep.add(when)
    return keep


def rotate(db_path: Path) -> list[Path]:
    """Delete the files of the rotating set the rule does not keep; returns what was deleted."""
    backups = _rotating(db_path)
    keep = plan_rotation(b.created_at for b in backups)
    kept_stamps: set[datetime] = set()
    removed = []
    for backup in backups:  # newest first: of two files with the same second, the first is kept
        if backup.created_at in keep and backup.created_at not in kept_stamps:
            kept_stamps.add(backup.created_at)
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


# ------------------------------------------------------------------ making backups


def _set_target(db_path: Path, now: datetime) -> Path:
    folder = paths.backups_dir()
    target = folder / f"{db_path.stem}-{_stamp(now)}.db"
    counter = 2
    while target.exists():
        target = folder / f"{db_path.stem}-{_stamp(now)}-{counter}.db"
        counter += 1
    return target


def make_backup(db: Database, dest: str | Path | None = None, *, clock: Clock = utc_now) -> BackupResult:
    """Copy the database now and verify the copy.

    No `dest`: into the rotating set (then rotated). A folder: a file named like the set's inside
    it. A file name: exactly there (an existing file is never overwritten).
    """
    source = require_sqlite(db)
    if not source.exists():
        raise BackupFailedError(f"there is no database at {source} to back up yet")
    now = clock()
    into_set = dest is None
    if dest is None:
        target = _set_target(source, now)
    else:
        text = os.fspath(dest)
        target = Path(text).expanduser()
        if target.is_dir() or text.endswith(("/", os.sep)):  # a trailing separator names a folder
            target = target / f"{source.stem}-{_stamp(now)}.db"
        try:  # the one rule for output files: never the database or its side files
            check_output_path(target, database=source, what="the backup", backup=True, force=True)
        except ValidationError as exc:
            raise BackupFailedError(str(exc)) from None
        if target.exists():  # and never an existing file (there is no --force for a backup)
            raise BackupFailedError(f"{target} already exists; choose another file name")
    try:
        with atomic_path(target, private=True) as partial:
            backup_sqlite(source, partial, name=str(target))
            # backup_sqlite ran the integrity check; a copy that is not a database is never renamed
            info = inspect_database_file(partial, full_check=False, name=str(target))
    except (BackupError, NotAMedTourDatabaseError) as exc:
        raise BackupFailedError(f"the backup failed and was not kept: {exc}") from None
    removed = tuple(rotate(source)) if into_set else ()
    created = _parse_stamp(_stamp(now))
    return BackupResult(BackupFile(target, created, target.stat().st_size, KIND_ROTATING), info.leads, removed)


def backup_if_due(db: Database, *, clock: Clock = utc_now) -> BackupResult | None:
    """The automatic backup on start: at most one a day (UTC) into the rotating set.

    The day of the newest file in the set decides, so deleting the set's files makes the next
    start back up again. A server database is skipped (None).
    """
    if not db.is_sqlite or db.path is None or not db.path.exists():
        return None
    today = clock().astimezone(UTC).date()
    if any(b.created_at.date() == today for b in _rotating(db.path)):
        return None
    return make_backup(db, clock=clock)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover
