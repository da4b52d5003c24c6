"""Opening the app's database: where it is, whether it may be made, its schema brought to head, a
default coordinator.

The one open path: the CLI and the GUI both open databases through `open_database` (and
`new_database` for `medtour init`). Whether a missing file may be created is decided here:

- a folder that does not exist is an error naming it; folders are made only by `new_database`
  (`medtour init`, the first-run dialog);
- a missing file in an existing folder is made only when the caller writes (``create=True``);
  a caller that only reads gets `DatabaseNotFoundError` naming the path.

Alembic is imported only when a schema is checked, so the start-up cache
(`open_at_revision`) stays quick.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sqlalchemy.engine import URL

from app import paths
from app.domain.case_gates import install_case_gates
from app.domain.errors import UserError
from app.safety.server_credentials import Ask, ask_on_terminal, sign_in
from db.engine import Database, resolve_url, sqlite_file

if TYPE_CHECKING:
    from app.safety.erasure import Reerasure

# The case's conditions on status moves hold for every database the app opens.
install_case_gates()


class DatabaseNotFoundError(UserError):
    """No database file where one was asked for, and the caller only reads."""


class FolderNotFoundError(UserError):
    """The database's folder does not exist (only `medtour init` and the first-run dialog make folders)."""


class DatabaseExistsError(UserError):
    """`medtour init` was pointed at a database that already holds something."""


def _refuse_read_only_file(path: Path | None) -> None:
    import stat

    from app.safety.database_file import DatabaseReadOnlyError

    if path is None or os.name != "posix" or not path.is_file():
        return
    if not path.stat().st_mode & stat.S_IWUSR:
        raise DatabaseReadOnlyError(
            f"the database {path} is read-only (its permissions allow no writing), so it was not opened and "
            f"nothing was changed; make it writable (chmod u+w \"{path}\") or open a copy of it"
        )


def tidy_before_open(path: Path | None) -> list[str]:
    """Before the database file at `path` is opened (CLI and GUI alike): complete or clear a
    restore that was killed midway, and remove temporary copies (`.partial` files: backups,
    exports, restores) whose writers are gone. One sentence per thing done, for the user."""
    if path is None:
        return []
    from app.domain.atomic_file import clean_partial_files
    from app.safety.restore import finish_interrupted_restore

    notes = []
    if (note := finish_interrupted_restore(path)) is not None:
        notes.append(note)
    cleanup = clean_partial_files([path.parent, paths.backups_dir()])
    if cleanup.removed:
        notes.append(f"removed {len(cleanup.removed)} unfinished temporary cop{'y' if len(cleanup.removed) == 1 else 'ies'} "
                     "left by an interrupted backup, export or restore: " + ", ".join(str(p) for p in cleanup.removed))
    for left in cleanup.left:
        notes.append(f"an unfinished copy that may hold personal data could not be removed: {left}; delete it")
    return notes


def database_url(target: str | os.PathLike[str] | URL | None = None) -> URL:
    """`--db` value, else MEDTOUR_DB, else the file in the user's data folder."""
    if isinstance(target, URL):
        return target
    default = None
    if target is None and not os.environ.get("MEDTOUR_DB"):
        default = paths.default_database_path()
    return resolve_url(target, default)


def _check_location(url: URL, *, create: bool) -> None:
    """Raise unless the database may be opened (or made) where `url` points."""
    path = sqlite_file(url)
    if path is None or path.exists():
        return
    if not path.parent.is_dir():
        raise FolderNotFoundError(f"the folder {path.parent} does not exist; nothing was created")
    if not create:
        raise DatabaseNotFoundError(f"no database at {path}; nothing was created")


def _backup_before_migration(db: Database):
    def hook(current: str | None, head: str) -> None:
        from app.domain.atomic_file import atomic_path
        from db.backup import backup_sqlite

        if db.path is None or not db.path.exists():
            return
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        dest = paths.backups_dir() / f"{db.path.stem}-before-{head}-from-{current}-{stamp}.db"
        with atomic_path(dest, private=True) as partial:
            backup_sqlite(db.path, partial, name=str(dest))

    return hook


def open_database(
    target: str | os.PathLike[str] | URL | None = None, *, create: bool = False, migrate: bool = True,
    ask_password: Ask | None = ask_on_terminal,
) -> Database:
    """Open and upgrade the database. With ``create=True`` (commands that write) a missing file in an
    existing folder is made; otherwise it is `DatabaseNotFoundError`. A missing folder is always
    `FolderNotFoundError`. Raises DatabaseTooNewError for a newer file and DatabaseCorruptError
    (naming the newest backup) for a damaged one. A server that wants a password gets one as
    app.safety.server_credentials says (`ask_password`: the face's way of asking; the terminal's
    by default)."""
    url = database_url(target)
    _check_location(url, create=create)
    return sign_in(url, lambda signed_in: _open(signed_in, migrate=migrate), ask=ask_password)


def _open(url: URL, *, migrate: bool) -> Database:
    from sqlalchemy.exc import DBAPIError

    from app.domain.leads import ensure_default_coordinator
    from app.safety.damaged_database import damaged_error, damaged_reason, refuse_damaged_file
    from app.safety.database_file import DatabaseTooNewError
    from app.safety.encryption import unlock_database
    from db.migrate import SchemaTooNewError, upgrade

    path = sqlite_file(url)
    notes = tidy_before_open(path)
    unlock_database(path)  # an encrypted file: its passphrase, before anything reads it
    refuse_damaged_file(path)  # before SQLite reads (or makes) it: an empty or cut file is damaged
    _refuse_read_only_file(path)
    db = Database(url)
    db.notes.extend(notes)
    try:
        if migrate:
            if not db.is_sqlite:
                from app.domain.team import refuse_upgrade_by_member

                try:
                    refuse_upgrade_by_member(db)  # a team member cannot upgrade; the owner runs `team init`
                except UserError:
                    db.dispose()
                    raise
            upgrade(db, before_upgrade=_backup_before_migration(db))
            ensure_default_coordinator(db)
            _reapply_erasures(db)
        elif not db.is_sqlite:
            with db.engine.connect():  # signs in now, so a refused password is asked for again here
                pass
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


def new_database(target: str | os.PathLike[str], *, passphrase: str | None = None) -> Database:
    """A new, empty database at head (`medtour init PATH`, the first-run dialog): its folders are
    made; an existing file that holds anything, or a server database with tables, is refused. With
    `passphrase` the file is encrypted at rest (app.safety.encryption)."""
    url = database_url(target)
    path = sqlite_file(url)
    if path is not None:
        if path.exists():  # only a path with nothing there becomes a new database (an empty file is damaged)
            raise DatabaseExistsError(f"{path} already exists; nothing was changed")
        path.parent.mkdir(parents=True, exist_ok=True)
        if passphrase is not None:
            from app.safety.encryption import create_encrypted

            create_encrypted(path, passphrase)
    else:
        if passphrase is not None:
            raise UserError("encryption at rest is for SQLite files; a server database is protected by its server")
        _refuse_server_database_with_tables(url)
    return open_database(url, create=True)


def _refuse_server_database_with_tables(url: URL) -> None:
    from sqlalchemy import inspect

    probe = Database(url)
    try:
        tables = inspect(probe.engine).get_table_names()
    finally:
        probe.dispose()
    if tables:
        raise DatabaseExistsError(f"{url.render_as_string(hide_password=True)} already holds tables; nothing was changed")


def network_share_warning(db: Database) -> str | None:
    """What to tell the user, once, when the SQLite file just opened lies on a network share (where
    SQLite is not safe); None otherwise (app.domain.network_share says how it is detected)."""
    from app.domain.network_share import network_share_warning as warning_for

    return warning_for(db.path) if db.is_sqlite else None


def schema_revision(path: Path) -> str | None:
    """The file's Alembic revision, read without Alembic (None when it has none or is not SQLite)."""
    from db.backup import file_schema_revision

    return file_schema_revision(path)


def open_at_revision(target: str | os.PathLike[str] | None, revision: str) -> Database | None:
    """The SQLite database when its file is already at `revision` (the start-up cache's remembered
    head), opened without the schema check; None otherwise (the caller takes `open_database`)."""
    try:
        url = database_url(target)
    except ValueError:
        return None
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        notes = tidy_before_open(path)
    except UserError:
        return None  # the normal path says why
    if schema_revision(path) != revision or not path.stat().st_mode & 0o200:
        return None  # another revision, or read-only: the normal path upgrades or explains
    db = Database(url)
    db.notes.extend(notes)
    _reapply_erasures(db)
    return db


#: What re-applying the erasure ledger did to each database opened (see `reerased`).
_REERASED: WeakKeyDictionary[Database, Reerasure] = WeakKeyDictionary()


def _reapply_erasures(db: Database) -> None:
    """Erase again whoever an older copy of this SQLite file brought back (app.safety.erasure's
    ledger, kept outside the database). Left for the next open when the file is busy now."""
    from sqlalchemy.exc import OperationalError

    from app.safety.erasure import reapply_ledger

    if not db.is_sqlite:
        return
    try:
        _REERASED[db] = reapply_ledger(db)
    except (OperationalError, UserError):
        return


def reerased(db: Database) -> Reerasure | None:
    """Who opening `db` erased again (they came back with an older copy), or None when nobody."""
    found = _REERASED.get(db)
    return found if found else None

