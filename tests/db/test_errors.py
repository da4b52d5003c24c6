"""Database errors are translated by their CODE at the db/ boundary: real failures of a real file
and a real PostgreSQL server become the known conditions, everything else stays a bug."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from db.errors import (
    SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB, SQLITE_READONLY, Condition, DatabaseDriverError,
    KnownDatabaseError, SchemaTooNewError, classify, sqlite_code,
)
from tests import database_errors as cases

SQLITE_EXPECTED = {
    "locked": (Condition.LOCKED, SQLITE_BUSY),
    "read-only": (Condition.READ_ONLY, SQLITE_READONLY),
    "corrupt": (Condition.CORRUPT, SQLITE_CORRUPT),
    "not a database": (Condition.NOT_A_DATABASE, SQLITE_NOTADB),
    "disk full": (Condition.DISK_FULL, SQLITE_FULL),
}


@pytest.mark.parametrize("case", sorted(SQLITE_EXPECTED))
def test_sqlite_failures_become_known_conditions_by_code(tmp_path, case):
    error = cases.SQLITE_CASES[case](tmp_path)
    condition, code = SQLITE_EXPECTED[case]
    assert isinstance(error, DatabaseDriverError) and error.condition is condition
    # the driver's error is kept: as the cause, as SQLAlchemy's .orig, with SQLite's code
    assert error.__cause__ is error.orig and isinstance(error.orig, sqlite3.Error)
    assert sqlite_code(error.orig) == code and error.driver_code == error.orig.sqlite_errorname
    assert isinstance(error, DBAPIError), "code that catches SQLAlchemy's errors still catches it"
    assert classify(error) is condition and classify(error.orig) is condition


def test_a_newer_schema_is_a_known_condition(tmp_path):
    error = cases.newer_schema(tmp_path)
    assert isinstance(error, SchemaTooNewError) and isinstance(error, KnownDatabaseError)
    assert classify(error) is Condition.SCHEMA_TOO_NEW and "9999_from_the_future" in str(error)


def test_other_database_errors_are_bugs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    constraint = cases.a_constraint_bug(tmp_path / "a")
    assert type(constraint) is IntegrityError and classify(constraint) is None
    statement = cases.a_statement_bug(tmp_path / "b")
    # an OperationalError, as a locked database is, but SQLITE_ERROR: the class name decides nothing
    assert type(statement) is OperationalError and classify(statement) is None


def test_the_words_of_a_message_decide_nothing():
    """A driver error without a code (as a hand-made one) is not classified by its text."""
    assert classify(sqlite3.OperationalError("database is locked")) is None
    assert classify(sqlite3.DatabaseError("file is not a database")) is None


def test_raw_driver_connections_are_classified_the_same(tmp_path):
    """`Database.raw_read` hands out the driver's connection: its errors carry the same code."""
    from db.engine import Database

    path = cases.new_database_file(tmp_path)
    cases.damage_pages(path)
    db = Database(path)
    try:
        with db.raw_read() as conn, pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("SELECT count(*) FROM leads WHERE diagnosis IS NULL").fetchall()
    finally:
        db.dispose()
    assert classify(raised.value) is Condition.CORRUPT


@pytest.mark.postgres
def test_postgres_server_that_went_away_is_connection_lost(postgres_db):
    error = cases.pg_connection_lost(postgres_db)
    assert isinstance(error, DatabaseDriverError) and error.condition is Condition.CONNECTION_LOST
    assert type(error.orig).__module__.startswith("psycopg")
    # the session was ended by the server: SQLSTATE 57P01 (admin_shutdown) when it says so
    assert error.driver_code in (None, "57P01"), error.driver_code


@pytest.mark.postgres
def test_postgres_connection_refused_is_connection_lost(postgres_server):
    error = cases.pg_connection_refused()
    assert isinstance(error, DatabaseDriverError) and error.condition is Condition.CONNECTION_LOST
    assert error.__cause__ is error.orig


@pytest.mark.postgres
def test_postgres_permission_denied_by_sqlstate(postgres_db):
    error = cases.pg_permission_denied(postgres_db)
    assert isinstance(error, DatabaseDriverError) and error.condition is Condition.PERMISSION_DENIED
    assert error.driver_code == "42501" and error.orig.sqlstate == "42501"


@pytest.mark.postgres
def test_postgres_bugs_stay_bugs(postgres_db):
    with postgres_db.engine.connect() as conn, pytest.raises(DBAPIError) as raised:
        conn.exec_driver_sql("SELEC 1")
    assert not isinstance(raised.value, KnownDatabaseError) and classify(raised.value) is None
    with postgres_db.engine.connect() as conn:  # the pool still works after the translated errors
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
