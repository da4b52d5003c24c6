"""The change feeds on their own: what another connection (or process) commits reaches the feed as
a LeadChanges — with ids and kinds from PostgreSQL's notifications, as "everything" from SQLite's
data_version — and the feed stops cleanly."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from app.domain.change_feed import ANOTHER_DESK, CHANNEL, FeedState, PostgresChangeFeed, SqliteChangeFeed
from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction, update_lead
from db.engine import Database

REPO = Path(__file__).resolve().parents[2]
#: How long a condition may take before the test gives up (a deadline, not a measured timing).
PATIENCE = 30.0


class Received:
    """What a feed delivered, for waiting on from the test's thread."""

    def __init__(self) -> None:
        self.changes: list[LeadChanges] = []
        self.states: list[FeedState] = []
        self._event = threading.Condition()

    def on_changes(self, changes: LeadChanges) -> None:
        with self._event:
            self.changes.append(changes)
            self._event.notify_all()

    def on_state(self, state: FeedState) -> None:
        with self._event:
            self.states.append(state)
            self._event.notify_all()

    def wait_for(self, predicate) -> None:
        with self._event:
            assert self._event.wait_for(predicate, PATIENCE), (self.changes, self.states)

    def merged(self) -> LeadChanges:
        with self._event:
            if not self.changes:
                return LeadChanges()
            result = self.changes[0]
            for c in self.changes[1:]:
                result = result | c
            return result


def _lead(name: str, email: str) -> LeadInput:
    return LeadInput(full_name=name, email=email, country="RU")


def _bulk_leads(db: Database, count: int) -> list[int]:
    """`count` leads in one statement (the quick way to a big batch)."""
    with db.write() as s:
        rows = s.execute(text(
            "INSERT INTO leads (reference, full_name, sort_name, messengers, companions, status, consent_health_data,"
            " inquiry_at, created_at, updated_at, search_text, version)"
            " SELECT 'B-' || g, 'Bulk ' || g, 'bulk ' || g, '{}', 0, 'new', false, now(), now(), now(), '', 1"
            " FROM generate_series(1, :n) AS g RETURNING id"), {"n": count}).scalars().all()
    return sorted(rows)


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture
def pg_feed(postgres_db):
    received = Received()
    feed = PostgresChangeFeed(postgres_db.url, received.on_changes, received.on_state).start()
    received.wait_for(lambda: FeedState.ONLINE in received.states)
    yield feed, received
    feed.close()
    assert not feed.running


@pytest.mark.postgres
def test_postgres_feed_names_the_leads_and_kinds_another_connection_committed(postgres_db, pg_feed):
    _feed, received = pg_feed
    created = create_lead(postgres_db, _lead("Иван Петров", "ivan@example.ru"))
    received.wait_for(lambda: received.merged().has(ChangeKind.CREATED))
    first = received.merged()
    assert first.lead_ids == {created.lead_id} and ChangeKind.CREATED in first.kinds
    assert first.origin == "medtour"  # the login that made it
    assert not first.is_everything

    received.changes.clear()
    version = get_lead(postgres_db, created.lead_id).version
    update_lead(postgres_db, created.lead_id, version, {"diagnosis": "B-ALL"})
    received.wait_for(lambda: ChangeKind.FIELDS in received.merged().kinds)
    assert received.merged().lead_ids == {created.lead_id}
    assert ChangeKind.STATUS not in received.merged().kinds

    received.changes.clear()
    log_interaction(postgres_db, created.lead_id, InteractionInput(kind="call", outcome="reached"), move_to="contacted")
    received.wait_for(lambda: {ChangeKind.INTERACTIONS, ChangeKind.STATUS} <= received.merged().kinds)
    assert received.merged().lead_ids == {created.lead_id}


@pytest.mark.postgres
def test_a_big_batch_keeps_every_payload_under_8000_bytes_or_says_everything(postgres_db, pg_feed, postgres_server):
    _feed, received = pg_feed
    ids = _bulk_leads(postgres_db, 5000)
    received.wait_for(lambda: received.merged().is_everything)  # too many to name
    url = postgres_db.url
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True) as raw:
        raw.execute(f"LISTEN {CHANNEL}")
        with postgres_db.write() as s:  # 5,000 leads in one statement: one "everything"
            s.execute(text("UPDATE leads SET diagnosis = 'batch' WHERE id = ANY(:ids)"), {"ids": ids})
        payloads = [n.payload for n in raw.notifies(timeout=2)]
        assert len(payloads) == 1
        assert LeadChanges.from_json(payloads[0]).is_everything
        middle = ids[:1500]  # named, in chunks
        with postgres_db.write() as s:
            s.execute(text("UPDATE leads SET status = 'contacted' WHERE id = ANY(:ids)"), {"ids": middle})
        payloads = [n.payload for n in raw.notifies(timeout=2)]
    assert len(payloads) >= 3
    assert all(len(p.encode()) < 8000 for p in payloads)
    chunks = [LeadChanges.from_json(p) for p in payloads]
    assert set().union(*(c.lead_ids for c in chunks)) == set(middle)
    assert all(c.kinds == {ChangeKind.FIELDS, ChangeKind.STATUS} for c in chunks)


@pytest.mark.postgres
def test_one_transaction_sends_few_notifications(postgres_db):
    created = create_lead(postgres_db, _lead("Anna Smirnova", "anna@example.ru"))
    url = postgres_db.url
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True) as raw:
        raw.execute(f"LISTEN {CHANNEL}")
        with postgres_db.write() as s:
            for n in range(20):  # twenty statements on one lead
                s.execute(text("UPDATE leads SET companions = :n WHERE id = :id"), {"n": n, "id": created.lead_id})
        payloads = [n.payload for n in raw.notifies(timeout=1)]
    assert len(payloads) == 1  # identical notifications of one transaction are delivered once
    assert LeadChanges.from_json(payloads[0]).lead_ids == {created.lead_id}


@pytest.mark.postgres
def test_an_unreachable_server_is_reported_offline_and_the_feed_still_closes(postgres_server):
    from sqlalchemy.engine import make_url

    received = Received()
    url = make_url(postgres_server.url("no_such_database_here"))
    feed = PostgresChangeFeed(url, received.on_changes, received.on_state).start()
    received.wait_for(lambda: FeedState.OFFLINE in received.states)
    feed.close()
    assert not feed.running and received.changes == []


@pytest.mark.postgres
def test_migration_downgrade_removes_the_triggers(postgres_db):
    from db.migrate import downgrade, upgrade

    def triggers() -> int:
        with postgres_db.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'medtour_changes_%%'").scalar()

    # Insert, update and delete on the lead's five tables (0007), the nine case tables (0008) and
    # the purpose consents (0009).
    assert triggers() == 3 * 5 + 3 * 9 + 3
    downgrade(postgres_db, "0008")
    assert triggers() == 3 * 5 + 3 * 9
    downgrade(postgres_db, "0007")
    assert triggers() == 3 * 5
    downgrade(postgres_db, "0005")
    assert triggers() == 0
    upgrade(postgres_db)
    assert triggers() == 3 * 5 + 3 * 9 + 3


# ------------------------------------------------------------------ SQLite


def _cli(db_path: Path, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "app.cli", "--db", str(db_path), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def test_sqlite_feed_fires_when_another_process_commits(sqlite_db):
    created = create_lead(sqlite_db, _lead("Иван Петров", "ivan@example.ru"))
    received = Received()
    feed = SqliteChangeFeed(sqlite_db.path, received.on_changes, received.on_state, interval=0.05).start()
    try:
        received.wait_for(lambda: FeedState.ONLINE in received.states)
        _cli(sqlite_db.path, "log", created.reference, "--kind", "call", "--outcome", "reached", "--notes", "Records")
        received.wait_for(lambda: bool(received.changes))
        assert received.changes[0] == LeadChanges.everything(ANOTHER_DESK)
    finally:
        feed.close()
    assert not feed.running


def test_sqlite_feed_stays_quiet_for_this_process_s_own_noted_writes(sqlite_db):
    created = create_lead(sqlite_db, _lead("Иван Петров", "ivan@example.ru"))
    feed = SqliteChangeFeed(sqlite_db.path, lambda _c: None)
    feed.begin()  # checked by hand here: no thread, no timing
    try:
        assert feed.check() is None  # nothing happened
        feed.note_own_write()
        log_interaction(sqlite_db, created.lead_id, InteractionInput(kind="call", outcome="reached"))
        assert feed.check() is None  # our own write: the desk announced it already
        # another connection of this process that did not say so counts as another desk
        log_interaction(sqlite_db, created.lead_id, InteractionInput(kind="note", notes="x"))
        assert feed.check() == LeadChanges.everything(ANOTHER_DESK)
        assert feed.check() is None
        _cli(sqlite_db.path, "status", created.reference, "lost", "--reason", "Too expensive")
        assert feed.check() == LeadChanges.everything(ANOTHER_DESK)
    finally:
        feed.end()


def test_sqlite_feed_reports_a_missing_file_offline_and_closes(tmp_path):
    received = Received()
    feed = SqliteChangeFeed(tmp_path / "gone.db", received.on_changes, received.on_state, interval=0.05).start()
    received.wait_for(lambda: FeedState.OFFLINE in received.states)
    feed.close()
    assert not feed.running and received.changes == []
