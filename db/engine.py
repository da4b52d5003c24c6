"""Opening a database: URL resolution, SQLite pragmas, and read/write sessions.

SQLite connections get WAL, synchronous=NORMAL, foreign keys, a busy timeout and secure delete,
all here. Write transactions start with ``BEGIN IMMEDIATE`` so that a read-then-write unit of work
takes the write lock up front: two processes never deadlock on a lock upgrade (which a busy timeout
cannot resolve) and never lose an update.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000

_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA secure_delete=ON",
)


def resolve_url(target: str | os.PathLike[str] | None, default_path: Path | None = None) -> URL:
    """A path or an SQLAlchemy URL (``postgresql://…``) → URL.

    None falls back to ``MEDTOUR_DB`` and then to ``default_path`` (the caller's user data folder).
    """
    if target is None:
        target = os.environ.get("MEDTOUR_DB") or default_path
    if target is None:
        raise ValueError("no database given: pass a path or an SQLAlchemy URL")
    text_target = os.fspath(target)
    if "://" in text_target:
        url = make_url(text_target)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(text_target).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    # Take transaction control away from the driver: SQLAlchemy's begin event decides the mode.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _begin_sqlite(conn) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get("medtour_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = url.database
        if path and path != ":memory:":
            _prepare_private_file(Path(path))
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _prepare_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (0600 on POSIX) before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if os.name == "posix":
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(str(path) + suffix)
            if candidate.exists():
                try:
                    candidate.chmod(0o600)
                except OSError:
                    pass


class Database:
    """One database: its engine and the two kinds of unit of work.

    ``with db.read() as s:`` for queries; ``with db.write() as s:`` for changes (committed on a clean
    exit, rolled back on an exception). Sessions are short; no ORM object outlives them.
    """

    def __init__(self, target: str | os.PathLike[str] | URL) -> None:
        self.url: URL = target if isinstance(target, URL) else resolve_url(target)
        self.engine: Engine = make_engine(self.url)
        self._write_engine = self.engine.execution_options(medtour_write=True)
        self._read_factory = sessionmaker(self.engine, expire_on_commit=False)
        self._write_factory = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            return Path(self.url.database)
        return None

    @property
    def location(self) -> str:
        """Where the data lives, safe to show (no password)."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_factory() as session:
            yield session

    @contextmanager
    def raw_read(self) -> Iterator[sqlite3.Connection]:
        """SQLite only: the pooled driver connection itself, for the few hot reads (the lead list's
        ids and rows) whose Session costs more than the query (pool checkout is a few µs; a
        Session's first statement adds BEGIN, its close a ROLLBACK, ~60 µs in all).

        The connection is in autocommit mode, as the pool keeps it: each SELECT reads one
        consistent snapshot; run several between ``BEGIN`` and ``COMMIT`` to share one (an
        exception leaves that to the pool's rollback on return). Never write through it: writes
        go through `write()`, which takes the write lock up front.
        """
        if not self.is_sqlite:
            raise RuntimeError("raw_read() is for SQLite databases; use read() elsewhere")
        pooled = self.engine.raw_connection()
        try:
            yield pooled.driver_connection
        finally:
            pooled.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write_factory() as session, session.begin():
            if not self.is_sqlite:
                # Serialise writers on PostgreSQL the way BEGIN IMMEDIATE does on SQLite, so that
                # reference numbers and read-then-write checks never race.
                session.execute(text("SELECT pg_advisory_xact_lock(4242)"))
            yield session

    def checkpoint(self) -> None:
        """Fold the WAL back into the main file and truncate it (SQLite only)."""
        if self.is_sqlite:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()
