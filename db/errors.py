"""Database errors by code, translated once at the db/ boundary into the few conditions a user can
meet; everything else is a bug.

The conditions come from error CODES, never from message text: sqlite3's ``sqlite_errorcode``
(its primary code, the low byte) and PostgreSQL's SQLSTATE (psycopg's ``sqlstate``). An engine made
by `db.engine.make_engine` translates every error of a query or a connect into a
`DatabaseDriverError` through its ``handle_error`` listener; the driver's exception stays the
``__cause__`` (and ``.orig``). `classify` answers the same question for any exception, raw driver
errors included (`Database.raw_read` hands out driver connections), so the faces ask it alone.

How each condition is worded is not decided here: see ``app.error_words``.
"""
from __future__ import annotations

import enum
import sqlite3

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.exc import DBAPIError


class Condition(enum.Enum):
    """A database problem a user can meet (anything else is a bug)."""

    LOCKED = "locked"  # busy or locked by another writer
    DISK_FULL = "disk full"
    READ_ONLY = "read-only"
    CORRUPT = "corrupt"  # damaged pages
    NOT_A_DATABASE = "not a database"
    SCHEMA_TOO_NEW = "newer schema"
    CONNECTION_LOST = "connection lost"  # the server went away, refused or could not be reached
    PERMISSION_DENIED = "permission denied"
    IO_ERROR = "input/output error"  # the disk could not be read or written
    CANNOT_OPEN = "cannot open"  # the file or its folder cannot be opened
    LEAD_ELSEWHERE = "lead assigned elsewhere"  # a team database: the lead is someone else's to change
    ROLE_REFUSED = "refused for the role"  # a team database: the person's role may not do this
    SIGN_IN_REFUSED = "sign-in refused"  # the server wants a password, or refused the one given


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_AUTH = 23
SQLITE_NOTADB = 26

_SQLITE_CONDITIONS = {
    SQLITE_PERM: Condition.PERMISSION_DENIED,
    SQLITE_AUTH: Condition.PERMISSION_DENIED,
    SQLITE_BUSY: Condition.LOCKED,
    SQLITE_LOCKED: Condition.LOCKED,
    SQLITE_READONLY: Condition.READ_ONLY,
    SQLITE_IOERR: Condition.IO_ERROR,
    SQLITE_CORRUPT: Condition.CORRUPT,
    SQLITE_FULL: Condition.DISK_FULL,
    SQLITE_CANTOPEN: Condition.CANNOT_OPEN,
    SQLITE_NOTADB: Condition.NOT_A_DATABASE,
}

# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html): exact
# codes first, then whole classes (the first two characters).
_SQLSTATE_CONDITIONS = {
    "57P01": Condition.CONNECTION_LOST,  # admin_shutdown (the server stopped, or the backend was terminated)
    "57P02": Condition.CONNECTION_LOST,  # crash_shutdown
    "57P03": Condition.CONNECTION_LOST,  # cannot_connect_now (starting up or shutting down)
    "42501": Condition.PERMISSION_DENIED,  # insufficient_privilege
    "28P01": Condition.SIGN_IN_REFUSED,  # invalid_password
    "28000": Condition.SIGN_IN_REFUSED,  # invalid_authorization_specification (no such login, pg_hba refused it)
    "53100": Condition.DISK_FULL,  # disk_full
    "25006": Condition.READ_ONLY,  # read_only_sql_transaction (a standby, or a read-only database)
    "55P03": Condition.LOCKED,  # lock_not_available
    "40001": Condition.LOCKED,  # serialization_failure: another writer won; try again
    "40P01": Condition.LOCKED,  # deadlock_detected
    "XX001": Condition.CORRUPT,  # data_corrupted
    "XX002": Condition.CORRUPT,  # index_corrupted
    "58030": Condition.IO_ERROR,  # io_error
    # Raised by a team database's own triggers (db/team_policies.py).
    "MTL01": Condition.LEAD_ELSEWHERE,
    "MTR01": Condition.ROLE_REFUSED,
}
#: The conditions whose server message is ours (written by db/team_policies.py) and may be shown.
_OWN_WORDS = frozenset({"MTL01", "MTR01"})
_SQLSTATE_CLASSES = {
    "08": Condition.CONNECTION_LOST,  # connection exception
    "28": Condition.SIGN_IN_REFUSED,  # invalid authorization (wrong user or password)
}


class KnownDatabaseError(Exception):
    """Base of the database errors a user can meet. ``condition`` says which; ``driver_code`` is
    the driver's code as text (``SQLITE_BUSY``, a SQLSTATE such as ``08006``) when there is one."""

    condition: Condition
    driver_code: str | None = None


class DatabaseDriverError(KnownDatabaseError, DBAPIError):
    """A driver error with a known condition. Still a SQLAlchemy DBAPIError (``.orig`` is the
    driver's exception), so code that catches DBAPIError keeps working."""

    def __init__(self, condition: Condition, driver_code: str | None, wrapped: DBAPIError) -> None:
        DBAPIError.__init__(
            self, wrapped.statement, wrapped.params,
            wrapped.orig,  # type: ignore[arg-type]  # DBAPIError.orig is Optional; its __init__ wants it set, as it always is here
            hide_parameters=wrapped.hide_parameters,
            connection_invalidated=wrapped.connection_invalidated, code=wrapped.code, ismulti=wrapped.ismulti,
        )
        self.condition = condition
        self.driver_code = driver_code
        self.wrapped = wrapped

    def __reduce__(self):
        return (self.__class__, (self.condition, self.driver_code, self.wrapped))


class SchemaTooNewError(KnownDatabaseError, RuntimeError):
    """The database was written by a newer MedTour Desk; opening it here could damage it."""

    condition = Condition.SCHEMA_TOO_NEW


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code of a sqlite3 error (None when it carries none)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _sqlite_code_name(error: BaseException) -> str | None:
    return getattr(error, "sqlite_errorname", None)


def _sqlstate(error: BaseException) -> str | None:
    state = getattr(error, "sqlstate", None)
    if isinstance(state, str) and state:
        return state
    diag = getattr(error, "diag", None)
    state = getattr(diag, "sqlstate", None)
    return state if isinstance(state, str) and state else None


def _sign_in_refused(error: BaseException) -> bool:
    """A failed connection attempt that got as far as the password: libpq reports the server's
    refusal at connect time without a SQLSTATE, but its connection object says whether the server
    asked for a password none was given for (``needs_password``) or one was sent (``used_password``).
    A password accepted and then a missing database reads the same (libpq cannot tell them apart
    by code); the sign-in then asks again, naming the login and database."""
    pgconn = getattr(error, "pgconn", None)
    if pgconn is None or getattr(pgconn, "status", None) == 0:  # 0: CONNECTION_OK, not a connect failure
        return False
    return bool(getattr(pgconn, "needs_password", False) or getattr(pgconn, "used_password", False))


def _driver_condition(error: BaseException | None, *, disconnect: bool = False) -> tuple[Condition, str | None] | None:
    if isinstance(error, (sqlite3.Error, sqlcipher.Error)):
        code = sqlite_code(error)
        condition = _SQLITE_CONDITIONS.get(code) if code is not None else None
        return (condition, _sqlite_code_name(error)) if condition else None
    module = type(error).__module__ or ""
    if error is not None and module.startswith("psycopg"):
        state = _sqlstate(error)
        if state is not None:
            condition = _SQLSTATE_CONDITIONS.get(state) or _SQLSTATE_CLASSES.get(state[:2])
            if condition is not None:
                return condition, state
            if disconnect:
                return Condition.CONNECTION_LOST, state
            return None
        if _sign_in_refused(error):
            return Condition.SIGN_IN_REFUSED, None
        # No SQLSTATE: the client library's own failure (connection refused, server gone,
        # connection closed). psycopg raises those as OperationalError.
        import psycopg

        if isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)) or disconnect:
            return Condition.CONNECTION_LOST, None
        return None
    if disconnect:
        return Condition.CONNECTION_LOST, None
    return None


def classify(error: BaseException) -> Condition | None:
    """The known condition `error` means, or None for a bug. Accepts our own errors, SQLAlchemy's
    wrapped ones and raw driver errors."""
    if isinstance(error, KnownDatabaseError):
        return error.condition
    if isinstance(error, DBAPIError):
        found = _driver_condition(error.orig, disconnect=bool(error.connection_invalidated))
        return found[0] if found else None
    found = _driver_condition(error)
    return found[0] if found else None


def own_message(error: BaseException) -> str | None:
    """The sentence a team database's trigger gave with its refusal (our own words, never the
    driver's), or None for any other error."""
    orig = error.orig if isinstance(error, DBAPIError) else error
    if orig is None or _sqlstate(orig) not in _OWN_WORDS:
        return None
    message = getattr(getattr(orig, "diag", None), "message_primary", None)
    return message if isinstance(message, str) and message else None


def translate(error: DBAPIError, *, disconnect: bool = False) -> DatabaseDriverError | None:
    """`error` as a DatabaseDriverError when its code is a known condition; None for a bug."""
    if isinstance(error, KnownDatabaseError):
        return None
    found = _driver_condition(error.orig, disconnect=disconnect or bool(error.connection_invalidated))
    if found is None:
        return None
    return DatabaseDriverError(found[0], found[1], error)


def handle_error(context) -> BaseException | None:
    """SQLAlchemy's ``handle_error`` engine event: the known conditions replace the raised error."""
    if context.is_pre_ping or context.sqlalchemy_exception is None:
        return None  # the pool's liveness check handles its own failures (it reconnects)
    return translate(context.sqlalchemy_exception, disconnect=context.is_disconnect)
