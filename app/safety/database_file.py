"""What a database file on disk is: a sound MedTour Desk database this version can open, or not.

Used before a restore (refuse a file that is not ours, damaged or from a newer version), after a
backup (verify the copy) and when the app opens its database (a damaged file gets a clear message
naming the newest backup instead of a traceback).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import UserError
from db.errors import Condition, classify
from db.migrate import SchemaTooNewError, known_revisions

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables every MedTour Desk schema has had since revision 0001.
REQUIRED_TABLES = ("alembic_version", "leads", "lead_phones", "interactions", "status_changes", "field_edits")
#: The conditions (by SQLite's error code: SQLITE_CORRUPT, SQLITE_NOTADB) of a file whose pages
#: cannot be read, as opposed to a busy, locked or missing one.
_DAMAGED = (Condition.CORRUPT, Condition.NOT_A_DATABASE)


class NotAMedTourDatabaseError(UserError):
    """A file offered for restore (or a backup just written) that cannot become the database."""


class DatabaseCorruptError(UserError):
    """The app's own database file is damaged. Carries the newest backup to restore from, if any."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup
        if newest_backup is not None:
            advice = f"restore from a backup: medtour restore {newest_backup}"
        else:
            advice = "no backup of it was found; restore one you keep elsewhere with: medtour restore FILE"
        super().__init__(f"the database {path} is damaged ({reason}); {advice}")


class DatabaseTooNewError(UserError, SchemaTooNewError):
    """SchemaTooNewError as the user meets it: one sentence on screen, never a traceback."""


@dataclass(frozen=True)
class DatabaseFileInfo:
    path: Path
    revision: str
    leads: int
    size: int


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with SQLite's header (an empty file is a new database, also fine)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head == b"" or head == SQLITE_HEADER


def is_corruption(error: BaseException) -> bool:
    """True for SQLite errors that mean damaged pages, not a busy, locked or missing database."""
    original = getattr(error, "orig", None) or error
    return isinstance(original, sqlite3.DatabaseError) and classify(error) in _DAMAGED


def inspect_database_file(path: Path, *, full_check: bool = True, name: str | None = None) -> DatabaseFileInfo:
    """Check that `path` is a sound MedTour Desk database of a schema this version knows.

    Raises NotAMedTourDatabaseError with one sentence saying why not. `full_check` runs SQLite's
    integrity_check (reads every page); without it only the tables and the schema version are read.
    `name` is how messages refer to the file (defaults to its path).
    """
    shown = name or str(path)
    if not path.is_file():
        raise NotAMedTourDatabaseError(f"{shown} does not exist or is not a file")
    size = path.stat().st_size
    if size == 0:
        raise NotAMedTourDatabaseError(f"{shown} is empty, not a MedTour Desk database")
    if not looks_like_sqlite(path):
        raise NotAMedTourDatabaseError(f"{shown} is not a MedTour Desk database (it is not an SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise NotAMedTourDatabaseError(f"{shown} cannot be opened: {exc}") from None
    try:
        if full_check:
            verdicts = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            if verdicts != ["ok"]:
                raise NotAMedTourDatabaseError(f"{shown} is damaged (SQLite integrity check: {'; '.join(verdicts)})")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise NotAMedTourDatabaseError(
                f"{shown} is not a MedTour Desk database (it has no {', '.join(missing)} table{'s' if len(missing) > 1 else ''})"
            )
        revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
        leads = conn.execute("SELECT count(*) FROM leads").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise NotAMedTourDatabaseError(f"{shown} is damaged or not a MedTour Desk database ({exc})") from None
    finally:
        conn.close()
    if len(revisions) != 1:
        raise NotAMedTourDatabaseError(f"{shown} has no single schema version (found {len(revisions)})")
    revision = revisions[0]
    if revision not in known_revisions():
        raise NotAMedTourDatabaseError(
            f"{shown} was written by a newer version of MedTour Desk (schema {revision}); update the app to use it"
        )
    return DatabaseFileInfo(path=path, revision=revision, leads=int(leads), size=size)
