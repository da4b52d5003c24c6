"""The words for every error a user can meet, in one place: the CLI's stderr line, the dialogs'
messages and the exception hook's dialog all come from `describe`.

Which database condition an error is comes from its code, decided once at the db/ boundary
(`db.errors.classify`); this module only words it. What is not a bug:

- the known database conditions (busy, disk full, read-only, damaged, not a database, newer
  schema, connection lost, permission denied, disk error, cannot open, sign-in refused);
- `UserError` and its subclasses (validation, conflict, not found, a refused status move, a
  damaged or newer database file met on open);
- `ValueError`, the domain's and the packet engine's error for input they refuse (a status name,
  a column mapping, a language code);
- `OSError` (disk full, permission denied, a missing file, each naming the file);
- `KeyboardInterrupt`.

Anything else is a bug: the faces log it (app.error_log) and `describe` says where.
"""
from __future__ import annotations

import errno
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from app.domain.atomic_file import ReadOnlyFileError
from app.domain.errors import ConflictError, NotFoundError, TransitionError, UserError, ValidationError
from app.safety.database_file import (
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    NotAMedTourDatabaseError,
)
from db.errors import Condition, KnownDatabaseError, classify, own_message

EXIT_USER_ERROR = 1
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class ErrorDescription:
    title: str  # a dialog's title
    message: str  # one line: the CLI prints "medtour: <message>"
    detail: str = ""  # more for a dialog, after the message
    is_bug: bool = False
    exit_code: int = EXIT_USER_ERROR

    @property
    def sentence(self) -> str:
        """The message as a dialog shows it: the same words, starting with a capital letter."""
        return self.message[:1].upper() + self.message[1:]

    @property
    def dialog_text(self) -> str:
        return self.sentence + (f"\n\n{self.detail}" if self.detail else "")


#: (title, message) for each database condition; NOT_A_DATABASE and CORRUPT name what to do.
_RESTORE = "restore a backup (Safety ▸ Backups & restore… or medtour restore FILE)"
CONDITION_WORDS: dict[Condition, tuple[str, str]] = {
    Condition.LOCKED: (
        "Database busy",
        "the database is busy: another program or another MedTour Desk window is writing to it; try again in a moment",
    ),
    Condition.DISK_FULL: ("Disk full", "the disk is full, so nothing was saved; free some space and try again"),
    Condition.READ_ONLY: (
        "Database read-only",
        "the database can only be read here, so nothing was saved; open a copy you may write to or ask for write access",
    ),
    Condition.CORRUPT: ("Database damaged", f"the database file is damaged and cannot be read; {_RESTORE}"),
    Condition.NOT_A_DATABASE: (
        "Not a database", f"the file is not a MedTour Desk database or is damaged beyond reading; {_RESTORE}",
    ),
    Condition.SCHEMA_TOO_NEW: (
        "Newer database", "the database was written by a newer version of MedTour Desk; update the app to open it",
    ),
    Condition.CONNECTION_LOST: (
        "Database server unreachable",
        "the connection to the database server was lost or refused; check the network and that the server is running, "
        "then try again",
    ),
    Condition.PERMISSION_DENIED: (
        "Not allowed",
        "your role may not do that: the database refused it; ask your admin (or whoever runs the database) for access",
    ),
    Condition.LEAD_ELSEWHERE: (
        "Not your lead", "you may not change this lead: it is assigned to someone else",
    ),
    Condition.ROLE_REFUSED: ("Not allowed", "your role may not do that"),
    Condition.IO_ERROR: (
        "Disk error", "the disk could not be read or written, so nothing may have been saved; check the disk and try again",
    ),
    Condition.CANNOT_OPEN: (
        "Database cannot be opened",
        "the database file cannot be opened; check that its folder exists and that you may write to it",
    ),
    Condition.SIGN_IN_REFUSED: (
        "Sign-in refused",
        "the database server refused the sign-in: the password is missing or wrong for this login "
        "(or there is no such login or database)",
    ),
}

_USER_TITLES: tuple[tuple[type[BaseException], str], ...] = (
    (DatabaseTooNewError, "Newer database"),
    (DatabaseCorruptError, "Database damaged"),
    (DatabaseReadOnlyError, "Database read-only"),
    (NotAMedTourDatabaseError, "Not a database"),
    (ConflictError, "Changed elsewhere"),
    (TransitionError, "Move not allowed"),
    (ValidationError, "Check the details"),
    (NotFoundError, "Not found"),
)
_SAVED_IS_SAFE = "Changes already saved are safe: each change is saved on its own."


def one_line(text: str) -> str:
    return " ".join(text.split())


def describe(exc: BaseException, *, log_file: Path | str | None = None) -> ErrorDescription:
    """What to tell the user about `exc`. No logging here: a face that logs a bug passes the
    log file it wrote to, and the message names it."""
    if isinstance(exc, KeyboardInterrupt):
        return ErrorDescription("Interrupted", "interrupted; nothing was half-written", exit_code=EXIT_INTERRUPTED)
    if isinstance(exc, (UserError, TransitionError)):
        # UserErrors are worded where they are raised (the newer-schema and damaged-file ones too).
        title = next((t for kind, t in _USER_TITLES if isinstance(exc, kind)), "MedTour Desk")
        return ErrorDescription(title, one_line(str(exc)) or "the action could not be completed")
    condition = classify(exc)
    if condition is not None:
        title, message = CONDITION_WORDS[condition]
        if condition is Condition.SCHEMA_TOO_NEW and isinstance(exc, KnownDatabaseError) and str(exc):
            message = one_line(str(exc))  # names the file and its schema
        if condition is Condition.ROLE_REFUSED and (said := own_message(exc)):
            message = one_line(said)  # the team database's own sentence: "your role may not erase a person"
        return ErrorDescription(title, message)
    if isinstance(exc, OSError):
        return _describe_os_error(exc)
    if isinstance(exc, ValueError):
        return ErrorDescription("MedTour Desk", one_line(str(exc)) or "a value was not accepted")
    where = f"; details were logged to {log_file}" if log_file else ""
    return ErrorDescription(
        "Something went wrong", f"unexpected error ({type(exc).__name__}){where}", detail=_SAVED_IS_SAFE,
        is_bug=True, exit_code=EXIT_BUG,
    )


def _describe_os_error(exc: OSError) -> ErrorDescription:
    name = exc.filename
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        title, message = CONDITION_WORDS[Condition.DISK_FULL]
        return ErrorDescription(title, message + (f" ({name})" if name else ""))
    if isinstance(exc, ReadOnlyFileError):
        return ErrorDescription("Read-only file", f"the file is read-only, so it was not replaced: {name}; "
                                                  "make it writable (chmod u+w) or choose another file name")
    if exc.errno == errno.EROFS:
        what = "the disk or folder is read-only, so nothing was written"
        return ErrorDescription("Read-only disk", f"{what}: {name}; choose another folder" if name else what)
    if exc.errno in (errno.EACCES, errno.EPERM):
        what = "permission denied"
        return ErrorDescription("Not allowed", f"{what}: {name}; choose another folder or ask for access"
                                if name else what)
    if exc.errno == errno.ENOENT:
        return ErrorDescription("File not found", f"no such file or folder: {name}" if name else "no such file or folder")
    text = exc.strerror or str(exc) or type(exc).__name__
    return ErrorDescription("File problem", one_line(f"{text}: {name}" if name else text))


def log_bug(exc: BaseException) -> Path | None:
    """Log `exc` with its traceback when it is a bug; the log file, or None when nothing was logged."""
    if not describe(exc).is_bug:
        return None
    from app.error_log import log_exception

    try:
        return log_exception(exc)
    except Exception:  # noqa: BLE001 - a broken log must not hide the error itself
        return None


def describe_and_log(exc: BaseException) -> ErrorDescription:
    """`describe`, after logging a bug (the message then names the log file)."""
    return describe(exc, log_file=log_bug(exc))


def report_error(exc: BaseException, stream: TextIO | None = None) -> int:
    """The command line's face: one line on stderr ("medtour: …"), a bug logged; the exit code."""
    info = describe_and_log(exc)
    print(f"medtour: {info.message}", file=stream or sys.stderr)
    return info.exit_code
