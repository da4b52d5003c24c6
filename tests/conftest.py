"""Shared fixtures: private data folders, a fresh database per test, a fixed clock, PostgreSQL."""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

# pytester runs small suites in tests of the suite's own hooks; ci_skips fails skipped system tests
# in CI; write_guard fails a run that leaves files in the project.
pytest_plugins = ["pytester", "tests.ci_skips", "tests.write_guard"]

# Qt must never need a display in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: A website form's export, as coordinators receive it (read only: tests never write into fixtures/).
SAMPLE_CSV = FIXTURES / "inquiries_website.csv"


def pytest_configure(config: pytest.Config) -> None:
    """Tests write only into temporary folders: Hypothesis keeps its example database and caches in
    one removed after the run, not in a .hypothesis/ folder in the working directory."""
    from hypothesis.configuration import set_hypothesis_home_dir

    home = tempfile.mkdtemp(prefix="medtour-hypothesis-")
    set_hypothesis_home_dir(home)
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the real user folders."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(data))
    monkeypatch.delenv("MEDTOUR_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    return data


@pytest.fixture
def clock():
    from app.domain.clock import FixedClock

    return FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def sqlite_db(tmp_path: Path):
    from app.storage import open_database

    db = open_database(tmp_path / "medtour.db", create=True)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def postgres_server():
    from tests.postgres_server import find_bindir, start_server

    if find_bindir() is None:
        pytest.skip("PostgreSQL tests skipped: no PostgreSQL server binaries (initdb) on this machine")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed")
    server = start_server()
    yield server
    server.stop()


_pg_counter = itertools.count()


@pytest.fixture
def postgres_db(postgres_server):
    from sqlalchemy import create_engine

    from app.storage import open_database

    name = f"medtour_test_{os.getpid()}_{next(_pg_counter)}"
    admin = create_engine(postgres_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    db = open_database(postgres_server.url(name), create=True)
    yield db
    db.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request) -> Iterator:
    """The db-layer tests run on both backends."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_db")
    else:
        yield request.getfixturevalue("postgres_db")
