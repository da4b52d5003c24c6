"""Backups: verified copies, a rotating set (7 daily, 4 weekly), once a day on start, never for PostgreSQL."""
from __future__ import annotations

import os
import stat
import threading
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import paths
from app.cli import main
from app.domain.clock import FixedClock
from app.safety.backups import (
    KIND_BEFORE_RESTORE,
    KIND_BEFORE_UPGRADE,
    KIND_ROTATING,
    BackupFailedError,
    BackupNotSupportedError,
    backup_if_due,
    list_backups,
    make_backup,
    plan_rotation,
)
from app.safety.database_file import inspect_database_file
from db.engine import Database
from tests.safety.conftest import scaled


def _add_leads(db, clock, n: int, start: int = 0) -> None:
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    for i in range(start, start + n):
        create_lead(db, LeadInput(full_name=f"Backup Person {i}", email=f"b{i}@example.com"), clock=clock)


def test_backup_now_is_verified_private_and_in_the_set(sqlite_db, clock):
    _add_leads(sqlite_db, clock, 3)
    result = make_backup(sqlite_db, clock=clock)
    assert result.backup.path.parent == paths.backups_dir()
    assert result.backup.path.name == "medtour-20261125-090000.db"
    assert result.leads == 3 and result.backup.kind == KIND_ROTATING
    assert inspect_database_file(result.backup.path).leads == 3
    if os.name == "posix":
        assert stat.S_IMODE(result.backup.path.stat().st_mode) == 0o600
    assert [b.path for b in list_backups(sqlite_db.path)] == [result.backup.path]


def test_backup_to_a_file_or_folder_never_overwrites(sqlite_db, clock, tmp_path):
    _add_leads(sqlite_db, clock, 1)
    target = tmp_path / "usb" / "copy.db"
    assert make_backup(sqlite_db, target, clock=clock).backup.path == target
    with pytest.raises(BackupFailedError, match="already exists"):
        make_backup(sqlite_db, target, clock=clock)
    folder = tmp_path / "usb"
    assert make_backup(sqlite_db, folder, clock=clock).backup.path == folder / "medtour-20261125-090000.db"
    with pytest.raises(BackupFailedError, match=r"is the database file|already exists"):
        make_backup(sqlite_db, sqlite_db.path, clock=clock)
    assert list_backups(sqlite_db.path) == []  # copies elsewhere are not part of the set


def test_backup_while_another_thread_writes_is_consistent(sqlite_db, clock):
    _add_leads(sqlite_db, clock, 50)
    stop = threading.Event()

    def writer() -> None:
        i = 1000
        while not stop.is_set():
            _add_leads(sqlite_db, clock, 1, start=i)
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = [make_backup(sqlite_db, clock=FixedClock(clock() + timedelta(days=d))) for d in range(3)]
    finally:
        stop.set()
        thread.join()
    for result in results:
        assert inspect_database_file(result.backup.path).leads == result.leads >= 50


def test_automatic_backup_once_a_day(sqlite_db):
    clock = FixedClock(datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc))
    assert backup_if_due(sqlite_db, clock=clock) is not None
    clock.advance(hours=10)
    assert backup_if_due(sqlite_db, clock=clock) is None  # same day
    clock.advance(hours=6)  # 2026-11-26 00:00
    assert backup_if_due(sqlite_db, clock=clock) is not None
    assert len(list_backups(sqlite_db.path)) == 2


def test_rotation_keeps_seven_daily_and_four_weekly(sqlite_db):
    start = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)  # a Tuesday
    for day in range(60):
        clock = FixedClock(start + timedelta(days=day))
        backup_if_due(sqlite_db, clock=clock)
        if day % 10 == 0:  # a manual backup the same day: only the newest of the day survives
            make_backup(sqlite_db, clock=FixedClock(start + timedelta(days=day, hours=5)))
    kept = sorted(b.created_at for b in list_backups(sqlite_db.path))
    last = start + timedelta(days=59)
    daily = [last - timedelta(days=d) for d in range(7)]
    assert set(daily) <= set(kept)
    # last = Fri 2026-10-30 (ISO week 44). Weeks 44 and 43 end in daily backups; week 42's newest is
    # Sun 18 Oct, week 41's is the manual one of Sun 11 Oct at 14:00.
    assert sorted(set(kept) - set(daily)) == [datetime(2026, 10, 11, 14, 0, tzinfo=timezone.utc),
                                              datetime(2026, 10, 18, 9, 0, tzinfo=timezone.utc)]
    assert len(kept) == 9


stamps = st.lists(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(timezone.utc)),
    max_size=80,
)


@settings(max_examples=scaled(100, 5000), deadline=None)
@given(stamps)
def test_rotation_rule_properties(values):
    keep = plan_rotation(values)
    assert keep <= set(values) and len(keep) <= 11
    if values:
        assert max(values) in keep  # the newest is always kept
    days = sorted({v.date() for v in values}, reverse=True)[:7]
    for day in days:  # the newest backup of each of the 7 most recent days
        assert max(v for v in values if v.date() == day) in keep
    weeks = sorted({v.isocalendar()[:2] for v in values}, reverse=True)[:4]
    for week in weeks:
        assert max(v for v in values if v.isocalendar()[:2] == week) in keep
    for kept in keep:  # nothing else
        assert kept.date() in days or kept.isocalendar()[:2] in weeks


def test_list_shows_every_kind_of_copy(sqlite_db, clock):
    make_backup(sqlite_db, clock=clock)
    (paths.backups_dir() / "medtour-before-0002-from-0001-20261101-120000.db").write_bytes(b"x")
    (sqlite_db.path.parent / "medtour-before-restore-20261120-100000.db").write_bytes(b"x")
    (paths.backups_dir() / "other-20261125-090000.db").write_bytes(b"x")  # another database's set
    kinds = [(b.kind, b.created_at.date().isoformat()) for b in list_backups(sqlite_db.path)]
    assert kinds == [(KIND_ROTATING, "2026-11-25"), (KIND_BEFORE_RESTORE, "2026-11-20"), (KIND_BEFORE_UPGRADE, "2026-11-01")]


def test_postgresql_backups_point_to_pg_dump():
    db = Database("postgresql://medtour@localhost/medtour")  # never connects
    with pytest.raises(BackupNotSupportedError, match="pg_dump"):
        make_backup(db)
    assert backup_if_due(db) is None


def test_cli_backup_and_list(capsys, sqlite_db, clock):
    _add_leads(sqlite_db, clock, 2)
    assert main(["--db", str(sqlite_db.path), "backup"]) == 0
    out = capsys.readouterr().out
    assert "backed up 2 lead(s)" in out and "verified" in out
    assert main(["--db", str(sqlite_db.path), "backup", "--list"]) == 0
    out = capsys.readouterr().out
    assert str(paths.backups_dir()) in out and "backup" in out
    assert main(["--db", "postgresql://u:secret@localhost/x", "backup"]) == 1
    err = capsys.readouterr().err
    assert "pg_dump" in err and "secret" not in err and len(err.strip().splitlines()) == 1
