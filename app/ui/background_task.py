"""The one helper for long work (import, export, batch packets, backups, demo data).

The work function runs on a QThreadPool thread and never touches widgets. It receives a
`TaskControl` to report progress and to check for cancellation; results, errors and progress come
back to the UI thread as signals. A progress dialog with Cancel is optional.

    task = BackgroundTask(lambda control: import_csv(db, path, progress=control.progress, cancel=control.cancelled))
    task.finished.connect(on_report); task.failed.connect(show_error)
    task.start(parent=window, label="Importing…")
"""
from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class TaskControl:
    """Handed to the work function: report progress, ask whether to stop."""

    def __init__(self, emit_progress: Callable[[int, int], None]) -> None:
        self._cancel = threading.Event()
        self._emit = emit_progress

    def progress(self, done: int, total: int | None = None) -> None:
        self._emit(int(done), int(total or 0))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl, signals: _Signals) -> None:
        super().__init__()
        self.fn, self.control, self.signals = fn, control, signals
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self.fn(self.control)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class BackgroundTask(QObject):
    progress = Signal(int, int)  # done, total (0 = unknown)
    finished = Signal(object)  # the work function's result
    failed = Signal(object)  # the exception it raised (including cancellation errors)

    def __init__(self, fn: Callable[[TaskControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._signals = _Signals()
        self._signals.progress.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.control = TaskControl(self._signals.progress.emit)
        self._dialog: QProgressDialog | None = None
        self.running = False

    def start(self, *, parent: QWidget | None = None, label: str | None = None, pool: QThreadPool | None = None) -> None:
        if label is not None:
            dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self.progress.connect(self._show_progress)
            self._dialog = dialog
        self.running = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self._fn, self.control, self._signals))

    def cancel(self) -> None:
        self.control.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling…")

    def _show_progress(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_finished(self, result: object) -> None:
        self.running = False
        self._close_dialog()
        self.finished.emit(result)

    def _on_failed(self, exc: object) -> None:
        self.running = False
        self._close_dialog()
        self.failed.emit(exc)
