"""The SQLite engine: pragmas, private files, write transactions that never lose updates."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.models import Lead


def test_sqlite_connections_get_the_pragmas(sqlite_db):
    with sqlite_db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_raw_read_is_an_autocommit_connection_with_the_pragmas(sqlite_db, clock):
    """The list's fast read path: a connection made like the pool's (pragmas and all), no
    transaction left open, each read seeing what was committed before it."""
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    with sqlite_db.raw_read() as conn:
        assert isinstance(conn, sqlite3.Connection) and not conn.in_transaction
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == 0
        conn.execute("BEGIN")  # left open: rolled back on return
    create_lead(sqlite_db, LeadInput(full_name="Anna Smirnova", phones=[("+7 916 123 45 67", "mobile")]), clock=clock)
    with sqlite_db.raw_read() as again:
        assert again is conn and not again.in_transaction  # the idle one, handed out again
        assert again.execute("SELECT count(*) FROM leads").fetchone()[0] == 1
    assert sqlite_db.engine.pool.checkedout() == 0


def test_raw_read_connections_close_with_dispose(sqlite_db):
    """dispose() closes the idle readers, and one in use then is closed when it comes back, so
    nothing keeps a replaced (restored) file open; reading afterwards opens new ones."""
    with sqlite_db.raw_read() as busy:
        with sqlite_db.raw_read() as idle:
            assert idle is not busy
        sqlite_db.dispose()
        with pytest.raises(sqlite3.ProgrammingError):
            idle.execute("SELECT 1")
        assert busy.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(sqlite3.ProgrammingError):
        busy.execute("SELECT 1")
    with sqlite_db.raw_read() as fresh:
        assert fresh is not idle and fresh is not busy
        assert fresh.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_raw_read_from_several_threads_at_once(sqlite_db):
    import threading

    barrier = threading.Barrier(6)
    seen: list = []

    def read() -> None:
        with sqlite_db.raw_read() as conn:
            barrier.wait(timeout=10)  # all six hold a connection at once
            seen.append((id(conn), conn.execute("SELECT count(*) FROM leads").fetchone()[0]))

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({conn for conn, _ in seen}) == 6 and {n for _, n in seen} == {0}
    assert len(sqlite_db._readers) <= 4  # a few kept idle, the rest closed


def test_raw_read_in_memory_uses_the_pooled_connection():
    from db.engine import Database
    from sqlalchemy.engine import make_url

    db = Database(make_url("sqlite+pysqlite://"))
    with db.read() as s:
        s.execute(text("CREATE TABLE t (x)"))
        s.execute(text("INSERT INTO t VALUES (1)"))
        s.commit()
    with db.raw_read() as conn:  # the same in-memory database, not a new empty one
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    db.dispose()


@pytest.mark.postgres
def test_raw_read_is_sqlite_only(postgres_db):
    with pytest.raises(RuntimeError, match="SQLite"):
        with postgres_db.raw_read():
            pass


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_database_file_is_private(sqlite_db):
    mode = stat.S_IMODE(sqlite_db.path.stat().st_mode)
    assert mode == 0o600


def test_write_transactions_begin_immediate(sqlite_db, tmp_path):
    # While one write transaction is open, a second connection cannot even start one:
    # the lock is taken at BEGIN, not at the first UPDATE (which is what prevents lost updates).
    other = sqlite3.connect(sqlite_db.path, timeout=0.1, isolation_level=None)
    with sqlite_db.write() as session:
        session.execute(text("SELECT count(*) FROM leads")).scalar()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def _increment_worker(path: str, times: int, queue) -> None:
    from app.storage import open_database

    errors = []
    db = open_database(path, create=True)
    for _ in range(times):
        try:
            with db.write() as session:
                lead = session.scalars(select(Lead).where(Lead.reference == "L-2026-00001")).one()
                lead.companions = lead.companions + 1  # read, then write
        except Exception as exc:  # noqa: BLE001 - the test reports every failure
            errors.append(f"{type(exc).__name__}: {exc}")
    queue.put(errors)


def test_two_processes_read_then_write_lose_nothing(sqlite_db, clock):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead, get_lead

    create_lead(sqlite_db, LeadInput(full_name="Counter", email="c@example.com"), clock=clock)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    times = 150
    workers = [ctx.Process(target=_increment_worker, args=(str(sqlite_db.path), times, queue)) for _ in range(2)]
    for w in workers:
        w.start()
    errors = [queue.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    assert errors == [[], []]
    assert get_lead(sqlite_db, "L-2026-00001").companions == 2 * times


def test_newer_schema_is_refused_and_untouched(tmp_path):
    from app.storage import open_database
    from db.migrate import SchemaTooNewError

    path = tmp_path / "future.db"
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_url_and_env_choose_the_database(tmp_path, monkeypatch):
    from app.storage import database_url

    monkeypatch.setenv("MEDTOUR_DB", str(tmp_path / "env.db"))
    assert database_url(None).database == str(tmp_path / "env.db")
    assert database_url(str(tmp_path / "flag.db")).database == str(tmp_path / "flag.db")
    assert database_url("postgresql://u@localhost/x").drivername == "postgresql+psycopg"
    monkeypatch.delenv("MEDTOUR_DB")
    assert Path(database_url(None).database).parent == Path(os.environ["MEDTOUR_DATA_DIR"])
