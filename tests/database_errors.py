"""Real database failures for the error tests: each maker provokes one condition with a real file or
a real server and returns the exception the app's code raised (nothing is constructed by hand).

Read-only: the suite runs as root in CI, where file modes do not stop a write, so the file is
opened with SQLite's read-only open mode (a ``file:…?mode=ro`` URI), which stops root too.
"""
from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from db.engine import Database

#: A busy timeout short enough for a test that waits on a held lock (the app's is 30 s).
SHORT_BUSY_TIMEOUT_MS = 50


def caught(action) -> BaseException:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - the point is the exception
        return exc
    raise AssertionError("the action did not fail")


def new_database_file(folder: Path, name: str = "medtour.db") -> Path:
    """A real MedTour Desk database file with one lead."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead
    from app.storage import open_database

    path = folder / name
    db = open_database(path, create=True)
    create_lead(db, LeadInput(full_name="Ivan Petrov", email="ivan@example.com"))
    db.dispose()
    return path


def _query(db: Database, statement: str) -> list:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(statement).all()


def _write_one_interaction(db: Database) -> None:
    with db.write() as session:
        session.execute(text("UPDATE leads SET diagnosis = 'x'"))


def short_busy_timeout(db: Database) -> None:
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA busy_timeout={SHORT_BUSY_TIMEOUT_MS}"))


class HeldLock:
    """Another connection holding the write lock of an SQLite file (BEGIN IMMEDIATE)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


def locked(folder: Path) -> BaseException:
    path = new_database_file(folder)
    holder = HeldLock(path)
    db = Database(path)
    short_busy_timeout(db)
    try:
        return caught(lambda: _write_one_interaction(db))
    finally:
        db.dispose()
        holder.release()


def read_only_url(path: Path) -> str:
    return f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true"


def read_only(folder: Path) -> BaseException:
    path = new_database_file(folder)
    db = Database(make_url(read_only_url(path)))
    try:
        return caught(lambda: _write_one_interaction(db))
    finally:
        db.dispose()


def damage_pages(path: Path, table: str = "leads") -> None:
    """Overwrite the root page of `table` (the schema page survives)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size:root * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))


def corrupt(folder: Path) -> BaseException:
    path = new_database_file(folder)
    damage_pages(path)
    db = Database(path)
    try:
        return caught(lambda: _query(db, "SELECT count(*) FROM leads WHERE diagnosis IS NULL"))
    finally:
        db.dispose()


def not_a_database(folder: Path) -> BaseException:
    path = folder / "medtour.db"
    path.write_bytes(b"PK\x03\x04 a zip someone saved over it " * 200)
    db = Database(path)
    try:
        return caught(lambda: _query(db, "SELECT 1"))
    finally:
        db.dispose()


def disk_full(folder: Path) -> BaseException:
    """SQLite's own limit on the file's pages: SQLITE_FULL, as when the disk fills up."""
    path = new_database_file(folder)
    db = Database(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    event.listen(db.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA max_page_count={pages}"))
    try:
        return caught(lambda: _fill(db))
    finally:
        db.dispose()


def _fill(db: Database) -> None:
    with db.write() as session:
        session.execute(text("UPDATE leads SET diagnosis = :n"), {"n": "x" * 200_000})


def make_newer(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()


def newer_schema(folder: Path) -> BaseException:
    from db.migrate import upgrade

    path = new_database_file(folder)
    make_newer(path)
    db = Database(path)
    try:
        return caught(lambda: upgrade(db))
    finally:
        db.dispose()


def a_constraint_bug(folder: Path) -> BaseException:
    """A constraint broken by the code (SQLITE_CONSTRAINT): not something a user can fix."""
    db = Database(new_database_file(folder))
    try:
        return caught(lambda: _null_reference(db))
    finally:
        db.dispose()


def _null_reference(db: Database) -> None:
    with db.write() as session:
        session.execute(text("UPDATE leads SET reference = NULL"))


def a_statement_bug(folder: Path) -> BaseException:
    """An OperationalError that is a bug (SQLITE_ERROR, a statement SQLite cannot parse)."""
    db = Database(new_database_file(folder))
    try:
        return caught(lambda: _query(db, "SELEC 1"))
    finally:
        db.dispose()


SQLITE_CASES = {
    "locked": locked,
    "read-only": read_only,
    "corrupt": corrupt,
    "not a database": not_a_database,
    "disk full": disk_full,
    "newer schema": newer_schema,
}


# --- PostgreSQL --------------------------------------------------------------------------


def pg_connection_lost(postgres_db: Database) -> BaseException:
    """The server ends our session (as a restart or an administrator does): the next query fails."""
    from sqlalchemy import create_engine

    with postgres_db.engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        admin = create_engine(postgres_db.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as other:
            other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        admin.dispose()
        return caught(lambda: conn.exec_driver_sql("SELECT count(*) FROM leads").all())


def pg_connection_refused_url() -> str:
    from tests.postgres_server import free_port as _free_port

    return f"postgresql+psycopg://medtour@127.0.0.1:{_free_port()}/nothing_listens_here"


def pg_connection_refused() -> BaseException:
    db = Database(make_url(pg_connection_refused_url()))
    try:
        return caught(lambda: _query(db, "SELECT 1"))
    finally:
        db.dispose()


def pg_permission_denied(postgres_db: Database) -> BaseException:
    """A role that may log in (with its password: the suite's server trusts only its superuser) but
    was granted nothing on the tables."""
    role = f"clerk_{uuid.uuid4().hex[:8]}"
    with postgres_db.engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'clerk-password'")
        conn.commit()
    clerk = Database(postgres_db.url.set(username=role, password="clerk-password"))
    try:
        return caught(lambda: _query(clerk, "SELECT count(*) FROM leads"))
    finally:
        clerk.dispose()
