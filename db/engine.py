"""Opening a database: URL resolution, SQLite pragmas, error translation and read/write sessions.

SQLite connections get WAL, synchronous=NORMAL, foreign keys, a busy timeout and secure delete,
all here. Write transactions start with ``BEGIN IMMEDIATE`` so that a read-then-write unit of work
takes the write lock up front: two processes never deadlock on a lock upgrade (which a busy timeout
cannot resolve) and never lose an update.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import cast

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection

from db import cipher, errors

BUSY_TIMEOUT_MS = 30_000
#: Idle connections `Database.raw_read` keeps (more are made while more threads read at once).
_IDLE_READERS = 4

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


def sqlite_file(url: URL) -> Path | None:
    """The file an SQLite URL names, which the app may create; None for a server database, an
    in-memory one or a ``file:…?uri=true`` URI (SQLite opens that as given and creates nothing)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" or _is_uri(url):
        return None
    return Path(url.database)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is not None:
            _prepare_private_file(path)
        key = cipher.key_for(path) if path is not None else None
        if key is not None and path is not None:  # encrypted at rest (db/cipher.py): PRAGMA key first
            def creator(file: Path = path, file_key: cipher.FileKey = key):
                return cipher.connect(file, key=file_key, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

            engine = create_engine(url, module=cipher.dbapi, creator=creator)
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    # Every error of a query or a connect is translated by its code here, once (db/errors.py).
    event.listen(engine, "handle_error", errors.handle_error)
    return engine


def _is_uri(url: URL) -> bool:
    """An SQLite ``file:…?mode=ro`` URI (``?uri=true``): SQLite opens it as given; nothing is created."""
    return str(url.query.get("uri", "")).lower() in ("true", "1")


def _prepare_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (0600 on POSIX) before SQLite opens it.
    An existing file loses its group and other permissions; write permission is never added (a
    file its owner made read-only stays so, and app.storage says it is read-only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if os.name == "posix":
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(str(path) + suffix)
            with suppress(OSError):
                mode = candidate.stat().st_mode & 0o777
                if mode & 0o077:
                    candidate.chmod(mode & 0o700)


class Database:
    """One database: its engine and the two kinds of unit of work.

    ``with db.read() as s:`` for queries; ``with db.write() as s:`` for changes (committed on a clean
    exit, rolled back on an exception). Sessions are short; no ORM object outlives them.
    """

    def __init__(self, target: str | os.PathLike[str] | URL) -> None:
        self.url: URL = target if isinstance(target, URL) else resolve_url(target)
        self._sqlite = self.url.get_backend_name() == "sqlite"
        self.engine: Engine = make_engine(self.url)
        self._write_engine = self.engine.execution_options(medtour_write=True)
        self._read_factory = sessionmaker(self.engine, expire_on_commit=False)
        self._write_factory = sessionmaker(self._write_engine, expire_on_commit=False)
        # raw_read's idle connections (SQLite files); a new generation after dispose() keeps a
        # connection in use then from coming back. In memory, the database is the pool's one
        # connection: raw_read borrows that.
        self._own_readers = self.path is not None
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._readers_generation = 0
        #: What opening it did that the user should hear of (an interrupted restore completed,
        #: leftover temporary copies removed), one sentence each; the faces show them once.
        self.notes: list[str] = []

    @property
    def is_sqlite(self) -> bool:
        return self._sqlite

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_file(self.url)

    @property
    def location(self) -> str:
        """Where the data lives, safe to show (no password)."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_factory() as session:
            yield session

    def raw_read(self) -> _RawRead:
        """SQLite only: ``with db.raw_read() as conn:`` gives a driver connection itself, for the
        few hot reads (the lead list's ids and rows) whose Session costs more than the query (a
        Session's first statement adds BEGIN, its close a ROLLBACK, ~60 µs in all).

        The connection is in autocommit mode: each SELECT reads one consistent snapshot; run
        several between ``BEGIN`` and ``COMMIT`` to share one (an exception leaves it to be rolled
        back on return). Never write through it: writes go through `write()`, which takes the
        write lock up front.

        For a database file these are connections of their own, made by the pool (its connect
        event sets the pragmas), then taken out of it and kept in a short list: handing one out
        touches a fraction of the code and memory a pool checkout does, which is what counts when
        the caches are cold, as after a garbage collection (~10 µs instead of ~150). `dispose()`
        closes them with the pool's.
        """
        if not self._sqlite:
            raise RuntimeError("raw_read() is for SQLite databases; use read() elsewhere")
        return _RawRead(self)

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
        with self._readers_lock:
            self._readers_generation += 1
            idle, self._readers = self._readers, []
        for conn in idle:
            conn.close()
        self.engine.dispose()


class _RawRead:
    """`Database.raw_read`'s context: a connection from the idle list (or a new one), given back
    on exit. A plain class rather than a generator-based context manager: less to run."""

    __slots__ = ("conn", "db", "generation", "pooled")

    conn: sqlite3.Connection
    generation: int
    pooled: PoolProxiedConnection

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        db = self.db
        if not db._own_readers:
            self.pooled = db.engine.raw_connection()
            return cast(sqlite3.Connection, self.pooled.driver_connection)
        with db._readers_lock:
            self.generation = db._readers_generation
            conn = db._readers.pop() if db._readers else None
        if conn is None:
            pooled = db.engine.raw_connection()
            conn = cast(sqlite3.Connection, pooled.driver_connection)
            pooled.detach()  # ours from now on
        self.conn = conn
        return conn

    def __exit__(self, *exc: object) -> None:
        db = self.db
        if not db._own_readers:
            self.pooled.close()
            return
        conn = self.conn
        if conn.in_transaction:
            conn.rollback()
        with db._readers_lock:
            keep = self.generation == db._readers_generation and len(db._readers) < _IDLE_READERS
            if keep:
                db._readers.append(conn)
        if not keep:
            conn.close()
