"""What a team desk watches for its person, beside the list: leads given to them elsewhere (a
manager's reassignment, the rule dealing a new inquiry, an untouched inquiry moved on) are
announced in the status bar; and on a desk whose person may assign, inquiries untouched past the
first-response target move to the next coordinator now and then, when the team asks for it
(`medtour team set reassign-untouched on`). Both run in the thread pool, never on the UI thread.

    watch = TeamWatch(db, person, hub, window.statusBar(), clock=clock, parent=controller)
    watch.follow(live)        # announce what other desks give this person
    watch.start_untouched()   # managers' and admins' desks
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from app.domain.assignment import Given, given_to, reassign_untouched
from app.domain.clock import Clock, utc_now
from app.domain.lead_change_set import LeadChanges
from app.domain.team_roles import Permission, may
from app.ui.background_task import BackgroundTask
from app.ui.desk_person import DeskPerson
from app.ui.operations import DeskChanges
from db.engine import Database

__all__ = ["MESSAGE_MS", "UNTOUCHED_EVERY_MS", "TeamWatch", "given_words"]

#: How often a manager's desk looks for inquiries untouched past the target.
UNTOUCHED_EVERY_MS = 60_000
#: How long an announcement stays in the status bar.
MESSAGE_MS = 20_000


def given_words(given: list[Given]) -> str:
    """The status bar's words for leads newly given to this person."""
    first = given[0]
    if len(given) == 1:
        why = first.reason or (f"from {first.by}" if first.by else "by the team's rule")
        return f"New for you: {first.reference} {first.name} — {why}"
    shown = ", ".join(g.reference for g in given[:4]) + ("…" if len(given) > 4 else "")
    return f"{len(given)} leads are new for you: {shown}"


class TeamWatch(QObject):
    given = Signal(object)  # list[Given], on the UI thread
    moved = Signal(object)  # LeadChanges of the untouched inquiries this desk moved on

    def __init__(self, db: Database, person: DeskPerson, hub: DeskChanges, status_bar: QStatusBar | None = None,
                 *, clock: Clock = utc_now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.person, self.hub, self.status_bar, self.clock = db, person, hub, status_bar, clock
        self.since: datetime = clock()
        self._looking: BackgroundTask | None = None
        self._again = False
        self._moving: BackgroundTask | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(UNTOUCHED_EVERY_MS)
        self.timer.timeout.connect(self.move_untouched)

    # ------------------------------------------------------------------ leads given to this person

    def follow(self, live) -> TeamWatch:
        """Look for leads given to this person each time another desk's change arrives."""
        live.arrived.connect(lambda _changes: self.look())
        return self

    def look(self) -> None:
        if self._looking is not None:
            self._again = True  # one more look when this one ends: a change may have come meanwhile
            return
        since, person = self.since, self.person.id
        task = BackgroundTask(lambda _control: given_to(self.db, person, since), parent=self)
        task.finished.connect(self._looked)
        task.failed.connect(self._look_failed)
        self._looking = task
        task.start()

    def _looked(self, given: list[Given]) -> None:
        self._looking = None
        if given:
            self.since = max(self.since, given[-1].assigned_at)
            if self.status_bar is not None:
                self.status_bar.showMessage(given_words(given), MESSAGE_MS)
            self.given.emit(given)
        if self._again:
            self._again = False
            self.look()

    def _look_failed(self, _error: BaseException) -> None:
        self._looking = None  # the server away: the status bar says so already; the next change looks again

    # ------------------------------------------------------------------ untouched inquiries

    def start_untouched(self) -> bool:
        """Start moving untouched inquiries on, if this person may assign; whether it started."""
        if not may(self.person.role, Permission.ASSIGN):
            return False
        self.timer.start()
        return True

    def move_untouched(self) -> None:
        if self._moving is not None:
            return
        task = BackgroundTask(lambda _control: reassign_untouched(self.db, self.clock()), parent=self)
        task.finished.connect(self._untouched_moved)
        task.failed.connect(self._untouched_failed)
        self._moving = task
        task.start()

    def _untouched_moved(self, changes: LeadChanges) -> None:
        self._moving = None
        if changes.is_empty:
            return
        self.hub.announce(changes)
        if self.status_bar is not None:
            count = len(changes.lead_ids)
            self.status_bar.showMessage(
                f"{count} inquir{'y' if count == 1 else 'ies'} untouched past the first-response target "
                f"moved to the next coordinator", MESSAGE_MS)
        self.moved.emit(changes)

    def _untouched_failed(self, _error: BaseException) -> None:
        self._moving = None  # refused (a role that may not) or the server away: tried again next time

    def stop(self) -> None:
        self.timer.stop()
