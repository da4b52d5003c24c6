"""Changes made by other desks, as they are committed: a listener thread per open database.

Two kinds, one shape: each feed calls `on_changes(LeadChanges)` for what other desks changed and
`on_state(FeedState)` when the database goes away or comes back, both on the feed's own thread
(a desk hands them to its UI thread). `close()` stops the thread and waits for it.

- `PostgresChangeFeed(url)`: its own connection (autocommit) LISTENs on the channel that schema
  0006's triggers notify (``medtour_changes``); each payload is a `LeadChanges.to_json`, naming
  the login that made the change as its origin. Notifications that arrive together (one import
  sends many) are merged into one change. When the connection is lost, `on_state(OFFLINE)`; it
  reconnects after 1, 2, 4… (at most 10) seconds, then `on_state(ONLINE)` and
  `on_changes(LeadChanges.everything("reconnected"))`: what happened meanwhile is unknown.
- `SqliteChangeFeed(path)`: SQLite has no notifications; ``PRAGMA data_version`` on a connection
  of its own changes when any other connection commits. It is read every half second, and a
  change is announced as `LeadChanges.everything(ANOTHER_DESK)` (which leads is not known).
  This process's own writes change it too: the desk calls `note_own_write()` on each of its
  commits, and a poll that follows one of them stays quiet (the desk has announced its own change
  already). The price, chosen knowingly: a change by another desk committed within the same
  half second as one of ours shows with the next change (or F5), not at once.

    feed = change_feed_for(db.url, on_changes=hub.announce_from_any_thread, on_state=print)
    ...
    feed.close()
"""
from __future__ import annotations

import contextlib
import enum
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from app.domain.lead_change_set import LeadChanges
from db import cipher

__all__ = ["ANOTHER_DESK", "CHANNEL", "ChangeFeed", "FeedState", "PostgresChangeFeed", "SqliteChangeFeed",
           "change_feed_for"]

log = logging.getLogger(__name__)

#: The channel schema 0006's triggers notify on.
CHANNEL = "medtour_changes"
#: The origin of a change seen on SQLite (who made it is not known).
ANOTHER_DESK = "another desk"
#: The origin of the "read everything again" sent after a reconnect.
RECONNECTED = "reconnected"
#: More lead ids than this in one merged change: read everything instead (as the triggers do).
EVERYTHING_ABOVE = 2000
#: Waits between reconnection attempts, in seconds: 1, 2, 4, 8, then 10 and 10…
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 10.0)
#: How long a PostgreSQL feed waits for more notifications after one arrives, to merge them.
GATHER_SECONDS = 0.02
#: A quiet connection is checked this often (a dead server that sent nothing is noticed).
HEARTBEAT_SECONDS = 5.0


class FeedState(enum.Enum):
    ONLINE = "online"
    OFFLINE = "offline"


ChangesCallback = Callable[[LeadChanges], None]
StateCallback = Callable[[FeedState], None]


class ChangeFeed:
    """A listener thread: `start()`, then `close()` (which joins it)."""

    thread_name = "medtour-change-feed"

    def __init__(self, on_changes: ChangesCallback, on_state: StateCallback | None = None) -> None:
        self._on_changes, self._on_state = on_changes, on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: FeedState | None = None

    def start(self) -> ChangeFeed:
        self._thread = threading.Thread(target=self._guarded_run, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def close(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._interrupt()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def note_own_write(self) -> None:
        """This process committed a change (only the SQLite feed needs to know)."""

    # ------------------------------------------------------------------ for the kinds

    def _run(self) -> None:
        raise NotImplementedError

    def _interrupt(self) -> None:
        """Wake the thread up early when it is closed (optional)."""

    def _guarded_run(self) -> None:
        try:
            self._run()
        except Exception:  # a listener must never take the desk down; written to the log
            log.exception("the change feed stopped")

    def _emit(self, changes: LeadChanges) -> None:
        if self._stop.is_set() or changes.is_empty:
            return
        try:
            self._on_changes(changes)
        except Exception:  # the receiver's bug; the feed goes on
            log.exception("a change receiver failed")

    def _set_state(self, state: FeedState) -> None:
        if state == self.state:
            return
        self.state = state
        if self._on_state is not None and not self._stop.is_set():
            try:
                self._on_state(state)
            except Exception:  # the receiver's bug; the feed goes on
                log.exception("a feed state receiver failed")


def merge_all(changes: list[LeadChanges]) -> LeadChanges:
    """Many changes as one; too many leads named become "everything" (with the shared origin)."""
    merged = changes[0]
    for more in changes[1:]:
        merged = merged | more
    if len(merged.lead_ids) > EVERYTHING_ABOVE:
        return LeadChanges.everything(merged.origin)
    return merged


class PostgresChangeFeed(ChangeFeed):
    """LISTEN on `CHANNEL` over a connection of its own; reconnects with backoff."""

    thread_name = "medtour-change-feed-postgresql"

    def __init__(self, url: URL, on_changes: ChangesCallback, on_state: StateCallback | None = None, *,
                 connect_timeout: int = 5) -> None:
        super().__init__(on_changes, on_state)
        self._conninfo: dict[str, Any] = _connection_arguments(url) | {"connect_timeout": connect_timeout}
        self._conn: Any = None

    def _connect(self):
        import psycopg

        conn = psycopg.connect(autocommit=True, **self._conninfo)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _run(self) -> None:
        import psycopg

        ever_online, attempt = False, 0
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except psycopg.Error:
                self._set_state(FeedState.OFFLINE)
                if self._stop.wait(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]):
                    return
                attempt += 1
                continue
            attempt = 0
            self._conn = conn
            try:
                self._set_state(FeedState.ONLINE)
                if ever_online:
                    self._emit(LeadChanges.everything(RECONNECTED))  # what happened while away is not known
                ever_online = True
                self._listen(conn)
            except psycopg.Error:
                self._set_state(FeedState.OFFLINE)  # then straight back to connecting, with the waits above
            finally:
                self._conn = None
                with contextlib.suppress(Exception):
                    conn.close()

    def _listen(self, conn) -> None:
        quiet_since = time.monotonic()
        while not self._stop.is_set():
            arrived = list(conn.notifies(timeout=0.5, stop_after=1))
            if not arrived:
                if time.monotonic() - quiet_since > HEARTBEAT_SECONDS:
                    conn.execute("SELECT 1")
                    quiet_since = time.monotonic()
                continue
            arrived += list(conn.notifies(timeout=GATHER_SECONDS))
            quiet_since = time.monotonic()
            changes = [c for c in (_parse(n.payload) for n in arrived if n.channel == CHANNEL) if c is not None]
            if changes:
                self._emit(merge_all(changes))


def _parse(payload: str) -> LeadChanges | None:
    try:
        return LeadChanges.from_json(payload)
    except ValueError:
        log.warning("a change notification that is not a change description was ignored")
        return None


def _connection_arguments(url: URL) -> dict[str, Any]:
    """psycopg's keyword arguments for an SQLAlchemy PostgreSQL URL."""
    arguments: dict[str, Any] = {key: value for key, value in {
        "host": url.host, "port": url.port, "user": url.username, "password": url.password, "dbname": url.database,
    }.items() if value is not None}
    for key, value in url.query.items():
        arguments[key] = value if isinstance(value, str) else value[-1]
    return arguments


class SqliteChangeFeed(ChangeFeed):
    """Polls ``PRAGMA data_version`` every `interval` seconds on a connection of its own."""

    thread_name = "medtour-change-feed-sqlite"

    def __init__(self, path: Path, on_changes: ChangesCallback, on_state: StateCallback | None = None, *,
                 interval: float = 0.5) -> None:
        super().__init__(on_changes, on_state)
        self.path, self.interval = Path(path), interval
        self._own_writes = 0
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._version = 0
        self._own_at_check = 0

    def note_own_write(self) -> None:
        with self._lock:
            self._own_writes += 1

    def _own_writes_seen(self) -> int:
        with self._lock:
            return self._own_writes

    def _open(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise sqlite3.OperationalError(f"no database at {self.path}")
        conn: sqlite3.Connection = cipher.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout=5000")
        return conn

    def begin(self) -> None:
        """Open the feed's connection and remember the database's current version (the thread
        does this itself; a test may call it, then `check()`, without starting the thread)."""
        self.end()
        self._conn = self._open()
        self._version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        self._own_at_check = self._own_writes_seen()

    def end(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def check(self) -> LeadChanges | None:
        """What changed since the last check: everything, when another connection committed and
        this process noted no write of its own in between; else None."""
        assert self._conn is not None, "begin() first"
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        own = self._own_writes_seen()
        changed = version != self._version and own == self._own_at_check
        self._version, self._own_at_check = version, own
        return LeadChanges.everything(ANOTHER_DESK) if changed else None

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self.begin()
                    if self.state == FeedState.OFFLINE:
                        self._set_state(FeedState.ONLINE)
                        self._emit(LeadChanges.everything(RECONNECTED))
                    self._set_state(FeedState.ONLINE)
                    while not self._stop.wait(self.interval):
                        changes = self.check()
                        if changes is not None:
                            self._emit(changes)
                except cipher.DRIVER_ERRORS:
                    self.end()
                    self._set_state(FeedState.OFFLINE)
                    if self._stop.wait(RETRY_DELAYS[0]):
                        return
        finally:
            self.end()


def change_feed_for(url: URL, on_changes: ChangesCallback, on_state: StateCallback | None = None) -> ChangeFeed | None:
    """The feed that fits the database at `url` (not started); None for an in-memory database."""
    if url.get_backend_name() == "postgresql":
        return PostgresChangeFeed(url, on_changes, on_state)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return SqliteChangeFeed(Path(url.database), on_changes, on_state)
    return None
