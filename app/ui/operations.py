"""Operations on leads from the desktop, and the one signal that says what they changed.

Every window has one `DeskChanges` hub. A piece of UI that changes leads runs the domain call
through `run_op` (or, for a dialog that already wrote, announces its `LeadChanges` on the hub);
the lead list, Today, Pipeline, the dashboard and the open lead tabs subscribe to `hub.changed`
and decide for themselves what to read again. Nobody refreshes another view by hand. Changes
made at other desks are announced on the same hub (`announce_from_any_thread` for a listener
off the UI thread, with `LeadChanges.from_json` of the payload).

    run_op(hub, window, lambda control: generate_demo(db, 500, progress=control.progress),
           changes_of=lambda _created: LeadChanges.everything("demo"),
           success=lambda created: status_bar.showMessage(f"Added {created} leads"),
           label="Adding demo leads…")

Slow work runs on a worker thread (app.ui.background_task); the change is announced, then
`success` is called, both on the UI thread. `background=False` runs a quick call at once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.domain.lead_change_set import LeadChanges
from app.ui.background_task import BackgroundTask, TaskControl

__all__ = ["DeskChanges", "StaleUntilShown", "run_op"]

T = TypeVar("T")

_running: set[BackgroundTask] = set()


class DeskChanges(QObject):
    """The hub: `changed(LeadChanges)` is emitted once per operation that changed leads, always on
    the UI thread."""

    changed = Signal(object)  # LeadChanges
    _arrived = Signal(object)  # from another thread; delivered by the event loop

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._arrived.connect(self.announce, Qt.ConnectionType.QueuedConnection)

    def announce(self, changes: LeadChanges) -> None:
        """On the UI thread: tell every subscriber now."""
        if not changes.is_empty:
            self.changed.emit(changes)

    def announce_from_any_thread(self, changes: LeadChanges) -> None:
        """For listeners that are not on the UI thread (a notification from another desk): the
        subscribers are told on the UI thread, by its event loop."""
        self._arrived.emit(changes)


def run_op(hub: DeskChanges, parent: QObject, fn: Callable[[TaskControl], T], *,
           changes_of: Callable[[T], LeadChanges],
           success: Callable[[T], Any] | None = None,
           failure: Callable[[BaseException], Any] | None = None,
           label: str | None = None, background: bool = True) -> BackgroundTask | None:
    """Run `fn`, announce `changes_of(result)` on the hub once, then call `success(result)`.

    On failure nothing is announced and `failure(exc)` is called (without it the exception is
    raised, for the exception hook). In the background the task is returned (kept alive by its
    parent until it ends); `label` shows a progress dialog with Cancel over `parent`."""

    def finished(result: T) -> None:
        hub.announce(changes_of(result))
        if success is not None:
            success(result)

    def failed(exc: BaseException) -> None:
        if failure is None:
            raise exc
        failure(exc)

    if not background:
        try:
            result = fn(TaskControl(lambda _done, _total: None))
        except Exception as exc:  # noqa: BLE001 - handed to `failure` (or raised again)
            failed(exc)
            return None
        finished(result)
        return None
    task = BackgroundTask(fn, parent)
    _running.add(task)  # held until it ends, whatever happens to the caller's references

    def ended(_value: object) -> None:
        _running.discard(task)
        task.deleteLater()

    task.finished.connect(ended)
    task.failed.connect(ended)
    task.finished.connect(finished)
    task.failed.connect(failed)
    task.start(parent=parent if isinstance(parent, QWidget) and label else None, label=label)
    return task


class StaleUntilShown(QObject):
    """Keeps a view fresh the way the desk always has: a change refreshes it at once while it is
    on screen; while hidden it is only marked stale and refreshed when next shown."""

    def __init__(self, view: QWidget, refresh: Callable[[], None], *, stale: bool = True) -> None:
        super().__init__(view)
        self._view, self._refresh = view, refresh
        self.stale = stale
        view.installEventFilter(self)

    def changed(self) -> None:
        if self._view.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._refresh()
        return False


class RefreshesOnAnyChange:
    """For a view's controller (with `view` and `refresh()`) that any lead change may affect
    (Today, Pipeline, Dashboard): it follows the desk's changes (a DeskChanges) and refreshes at
    once while on screen, else when next shown (its data are first read then too)."""

    view: QWidget
    freshness: StaleUntilShown

    def refresh(self) -> None:
        raise NotImplementedError

    def subscribe(self, hub: DeskChanges) -> None:
        self.freshness = StaleUntilShown(self.view, self.refresh)
        hub.changed.connect(self.apply_changes)

    def apply_changes(self, _changes: object) -> None:
        self.freshness.changed()
