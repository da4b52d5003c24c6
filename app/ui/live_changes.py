"""Other desks' changes, live: the open database's change feed (app.domain.change_feed) forwarded
to the window's hub, and the connection's state in the status bar.

What another desk commits arrives as a LeadChanges on the hub (`announce_from_any_thread`), so
the list, Today, Pipeline, the dashboard and the open lead tabs update exactly as for this
desk's own operations. When the server goes away the status bar says so ("Server unreachable —
retrying… your edits are kept") — no dialog: the feed retries by itself, and after it is back
("Back online") the desk reads again what it shows. What was typed in an open lead stays in its
form; a save tried meanwhile fails with the words for a lost connection and keeps the text.

SQLite: this desk's own commits change `PRAGMA data_version` as another process's do. Each
commit of the window's database (the engine's commit event) and each change announced on the hub
by this desk is noted (`ChangeFeed.note_own_write`), so the feed does not announce our own
writes a second time (see app.domain.change_feed for what that costs). On PostgreSQL the
notifications name the leads, so an echo of our own change is a cheap re-read of those rows and
is left alone.

    live = LiveChanges(db, controller.changes, window.statusBar(), parent=controller).start()
    ...
    live.close()   # joins the listener thread (the window's closing does it)
"""
from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from app.domain.change_feed import ChangeFeed, FeedState, change_feed_for
from app.domain.lead_change_set import LeadChanges
from app.ui import theme
from app.ui.operations import DeskChanges
from db.engine import Database

__all__ = ["BACK_ONLINE", "OFFLINE_FILE", "OFFLINE_SERVER", "LiveChanges"]

OFFLINE_SERVER = "Server unreachable — retrying… your edits are kept"
OFFLINE_FILE = "Database file unreachable — retrying… your edits are kept"
BACK_ONLINE = "Back online"
#: How long "Back online" stays in the status bar, in milliseconds.
BACK_ONLINE_MS = 6000


class LiveChanges(QObject):
    """Starts the feed that fits `db`, forwards what it hears to `hub`, and shows its state."""

    stateChanged = Signal(object)  # FeedState, on the UI thread
    arrived = Signal(object)  # LeadChanges another desk made, after the hub has shown them (UI thread)
    _state_arrived = Signal(object)

    def __init__(self, db: Database, hub: DeskChanges, status_bar: QStatusBar | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.hub = db, hub
        self.state: FeedState | None = None
        self.feed: ChangeFeed | None = None
        self._forwarded: deque[LeadChanges] = deque(maxlen=64)  # what the hub shows from the feed (not ours)
        self._forwarded_lock = threading.Lock()
        self._listening_commits = False
        self.label = QLabel()
        self.label.setObjectName("connectionState")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        if status_bar is not None:
            status_bar.addPermanentWidget(self.label)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.setInterval(BACK_ONLINE_MS)
        self._clear_timer.timeout.connect(self.label.hide)
        self._state_arrived.connect(self._show_state, Qt.ConnectionType.QueuedConnection)

    @property
    def offline_text(self) -> str:
        return OFFLINE_FILE if self.db.is_sqlite else OFFLINE_SERVER

    def start(self) -> LiveChanges:
        feed = change_feed_for(self.db.url, self._from_feed, self._state_arrived.emit)
        if feed is None:
            return self  # an in-memory database: nobody else can change it
        self.feed = feed
        if self.db.is_sqlite:
            from sqlalchemy import event

            event.listen(self.db.engine, "commit", self._committed)
            self._listening_commits = True
        self.hub.changed.connect(self._announced)
        feed.start()
        return self

    def close(self) -> None:
        if self._listening_commits:
            from sqlalchemy import event

            event.remove(self.db.engine, "commit", self._committed)
            self._listening_commits = False
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.close()

    # ------------------------------------------------------------------ from the feed's thread

    def _from_feed(self, changes: LeadChanges) -> None:
        with self._forwarded_lock:
            self._forwarded.append(changes)
        self.hub.announce_from_any_thread(changes)

    def _committed(self, _conn) -> None:
        feed = self.feed
        if feed is not None:
            feed.note_own_write()

    # ------------------------------------------------------------------ on the UI thread

    def _announced(self, changes: LeadChanges) -> None:
        with self._forwarded_lock:
            from_feed = any(changes is seen for seen in self._forwarded)
        if from_feed:  # another desk's change, shown here: not a write of ours
            self.arrived.emit(changes)
        elif self.db.is_sqlite:
            self._committed(None)

    def _show_state(self, state: FeedState) -> None:
        previous, self.state = self.state, state
        if state == FeedState.OFFLINE:
            self._clear_timer.stop()
            self.label.setText(self.offline_text)
            self.label.setStyleSheet(f"color: {theme.RED}; font-weight: 600;")
            self.label.show()
        elif previous == FeedState.OFFLINE:
            self.label.setText(BACK_ONLINE)
            self.label.setStyleSheet(f"color: {theme.GREEN};")
            self.label.show()
            self._clear_timer.start()
        self.stateChanged.emit(state)
