"""Phones parsed ahead in a worker process: the same answers as parsing here, or no answers at all."""
from __future__ import annotations

import csv
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from app.domain import lead_import, phone_prefetch
from app.domain.clock import FixedClock
from app.domain.lead_import import import_csv
from app.domain.phone import parse_for_storage
from app.domain.phone_prefetch import PhonePrefetch
from app.storage import open_database

PAIRS = [
    ("8 916 123-45-67", "RU"),
    ("8 916 123-45-67", "NG"),  # the same raw text read with another default region
    ("8 916 123-45-67", None),
    ("0803 123 4567", "NG"),
    ("0803 123 4567", "GB"),
    ("050 123 4567", "AE"),
    ("00971 50 123 4567", "US"),
    ("+7 (916) ١٢٣-45-67", None),  # Arabic-Indic digits
    ("12", "NG"),
    ("not a number", "RU"),
    ("  +44 7911 123456  ", "XX"),  # unknown region counts as none; spaces around
    ("+800 1234 5678", None),
]


@pytest.fixture
def waiting(monkeypatch):
    """results() waits for the worker, so the tests see its answers however busy the machine is."""
    monkeypatch.setattr(phone_prefetch, "WAIT_SECONDS", 30.0)


def test_the_worker_gives_what_parse_for_storage_gives(waiting):
    with PhonePrefetch(enabled=True) as prefetch:
        prefetch.ahead(0, PAIRS)
        prefetch.ahead(1, PAIRS[:3] + PAIRS[:3])  # repeats are sent once
        got = prefetch.results(0)
        again = prefetch.results(1)
        assert prefetch.sent == len(PAIRS) + 3
    assert set(got) == set(PAIRS)
    for raw, country in PAIRS:
        assert got[(raw, country)] == parse_for_storage(raw, country), (raw, country)
    assert got[PAIRS[0]].e164 == "+79161234567" and got[PAIRS[1]].e164 != got[PAIRS[0]].e164
    assert set(again) == set(PAIRS[:3])


def test_nothing_comes_back_for_an_unknown_chunk_or_a_disabled_prefetch(waiting):
    with PhonePrefetch(enabled=False) as off:
        off.ahead(0, PAIRS)
        assert off.results(0) == {} and off.sent == 0
    with PhonePrefetch(enabled=True) as on:
        assert on.results(5) == {}


def test_a_dead_worker_means_parsing_here(waiting):
    with PhonePrefetch(enabled=True) as prefetch:
        prefetch.ahead(0, PAIRS[:2])
        assert prefetch.results(0)
        prefetch._process.kill()
        prefetch._process.wait()
        prefetch.ahead(1, PAIRS[2:4])
        assert prefetch.results(1) == {}


def test_close_stops_the_worker():
    prefetch = PhonePrefetch(enabled=True)
    prefetch.ahead(0, PAIRS)
    process = prefetch._process
    prefetch.close()
    assert process.poll() is not None
    prefetch.ahead(1, PAIRS)  # after close: nothing sent, nothing started
    assert prefetch._process is None and prefetch.results(1) == {}


# --- the import with and without the worker ----------------------------------------------------

HEADER = ["Name", "Phone", "WhatsApp", "Email", "Country", "Message"]


def _rows() -> list[list[str]]:
    rows = []
    for i in range(60):
        rows.append([f"Patient {i}", f"8 916 {i:03d}-45-67", "", f"p{i}@example.com", "Russia", f"message {i}"])
    rows += [
        # The same raw number under other countries: other numbers, not duplicates of the Russian one.
        ["Hans", "8 916 000-45-67", "", "", "Germany", ""],
        ["Nobody", "8 916 000-45-67", "", "", "", ""],
        # Within one chunk: a repeat typed another way, and a repeat by email.
        ["Amina", "0803 555 0101", "", "", "Nigeria", "first"],
        ["Amina again", "+234 803 555 0101", "", "", "", "second"],
        ["By email", "", "", "P3@example.com", "", "third"],
        ["Bad phone", "12", "", "", "Nigeria", ""],
        ["Two phones", "050 123 4567", "00971 50 123 4568", "", "UAE", ""],
        ["", "+44 7911 123456", "", "", "", "no name"],
    ]
    return rows


def _import(tmp_path, name, monkeypatch, *, prefetch: bool, dry_run: bool = False):
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        out.writerows(_rows())
    monkeypatch.setattr(lead_import, "CHUNK_ROWS", 7)
    monkeypatch.setattr(lead_import, "PREFETCH_MIN_BYTES", -1 if prefetch else 10**12)
    monkeypatch.setattr(phone_prefetch, "WAIT_SECONDS", 30.0)
    seen: list[PhonePrefetch] = []
    original = PhonePrefetch.__init__

    def init(self, *, enabled=None):
        original(self, enabled=True)
        seen.append(self)

    monkeypatch.setattr(PhonePrefetch, "__init__", init)
    db = open_database(tmp_path / f"{name}.db", create=True)
    report = import_csv(db, path, dry_run=dry_run, clock=FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)))
    with db.engine.connect() as conn:
        dump = {table: [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
                for table in ("leads", "lead_phones", "interactions", "status_changes")}
    db.dispose()
    monkeypatch.undo()
    return report, dump, seen[0]


def test_the_import_stores_the_same_with_the_worker_as_without(tmp_path, monkeypatch):
    plain, plain_rows, plain_prefetch = _import(tmp_path, "plain", monkeypatch, prefetch=False)
    ahead, ahead_rows, ahead_prefetch = _import(tmp_path, "ahead", monkeypatch, prefetch=True)
    assert plain_prefetch.sent == 0
    assert ahead_prefetch.used == ahead_prefetch.sent > 60  # every number came from the worker
    assert plain.to_json()["rows"] == ahead.to_json()["rows"]
    assert plain_rows == ahead_rows
    by_name = {r.name: r for r in ahead.rows}
    russian = by_name["Patient 0"].reference
    assert by_name["Hans"].outcome == "imported" and by_name["Hans"].reference != russian
    assert by_name["Nobody"].outcome == "rejected"  # 8916… with no country is not a number anywhere
    assert by_name["Amina again"].outcome == "duplicate" and by_name["Amina again"].reference == by_name["Amina"].reference
    assert by_name["By email"].outcome == "duplicate" and by_name["By email"].reference == by_name["Patient 3"].reference
    assert by_name["Bad phone"].outcome == "rejected"
    assert by_name["(no name)"].outcome == "rejected"
    phones = {(raw, e164) for _id, _lead, _pos, _kind, raw, e164, *_ in ahead_rows["lead_phones"]}
    assert {("8 916 000-45-67", "+79160004567"), ("8 916 000-45-67", "+4989160004567")} <= phones
    assert ("00971 50 123 4568", "+971501234568") in phones


def test_a_dry_run_with_the_worker_writes_nothing(tmp_path, monkeypatch):
    report, rows, prefetch = _import(tmp_path, "dry", monkeypatch, prefetch=True, dry_run=True)
    assert prefetch.used > 0 and report.imported > 60
    assert all(not table for table in rows.values())


def test_cancel_with_the_worker_running_writes_nothing_and_stops_it(tmp_path, monkeypatch, sqlite_db, clock):
    path = tmp_path / "many.csv"
    path.write_text("Name,Phone,Country\n" + "".join(f"P{i},8 916 {i:03d}-45-67,Russia\n" for i in range(80)), encoding="utf-8")
    monkeypatch.setattr(lead_import, "CHUNK_ROWS", 5)
    monkeypatch.setattr(lead_import, "PREFETCH_MIN_BYTES", -1)
    started: list[PhonePrefetch] = []
    original = PhonePrefetch.ahead

    def ahead(self, chunk, pairs):
        original(self, chunk, pairs)
        started.append(self)

    monkeypatch.setattr(PhonePrefetch, "ahead", ahead)
    seen = {"n": 0}

    def cancel():
        seen["n"] += 1
        return seen["n"] > 40

    with pytest.raises(lead_import.ImportCancelled):
        import_csv(sqlite_db, path, clock=clock, cancel=cancel)
    assert started and started[0]._process is None  # closed
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM leads").scalar() == 0


def test_the_page_cache_is_restored(sqlite_db, clock, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("Name,Phone\nAnna,+7 916 123 45 67\n", encoding="utf-8")
    with sqlite_db.engine.connect() as conn:
        before = conn.execute(text("PRAGMA cache_size")).scalar()
    import_csv(sqlite_db, path, clock=clock)
    with pytest.raises(lead_import.ImportCancelled):
        import_csv(sqlite_db, path, clock=clock, cancel=lambda: True)
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == before
