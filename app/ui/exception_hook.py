"""The last line of defence: any exception that reaches the event loop (a slot, a timer, a virtual
method) or a thread ends here. It is logged (scrubbed of phones and emails, see app.error_log) and
the user sees ONE readable dialog — never a traceback, never a frozen window.

Errors a user can cause or meet (``UserError``, a locked, damaged or newer database, a full disk)
show their own message and are not logged as bugs; the words are app.error_words', the same the
CLI prints and the dialogs show. While a dialog is open, further errors are
logged and counted in it instead of stacking up more dialogs.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import error_words
from app.error_words import ErrorDescription


def describe(exc: BaseException, log_file=None) -> ErrorDescription:
    """What to tell the user about `exc` (no logging here): app.error_words' one wording."""
    return error_words.describe(exc, log_file=log_file)


class ExceptionHook(QObject):
    """Install once per application: ``ExceptionHook(window_getter).install()``."""

    shown = Signal(str)  # the dialog's text (tests listen to it)
    _from_thread = Signal(object)

    def __init__(self, parent_window: Callable[[], QWidget | None] | None = None,
                 log: Callable[[BaseException], object] | None = None) -> None:
        super().__init__()
        self._parent_window = parent_window or (lambda: QApplication.activeWindow())
        self._log = log or _default_log
        self.dialog: QMessageBox | None = None
        self.suppressed = 0
        self._previous_hooks: tuple | None = None
        self._from_thread.connect(self._show_from_thread, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ExceptionHook:
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.report(exc)

    def report(self, exc: BaseException) -> None:
        """Log and show `exc` (on the UI thread)."""
        info = describe(exc)
        if info.is_bug:
            try:
                where = self._log(exc)
            except Exception:  # noqa: BLE001 - a broken log must not hide the dialog
                where = None
            info = describe(exc, log_file=where)
        text = info.dialog_text
        if self.dialog is not None and self.dialog.isVisible():
            self.suppressed += 1
            self.dialog.setInformativeText(f"{self.suppressed} more problem(s) happened since; they were logged too.")
            return
        self.suppressed = 0
        box = QMessageBox(QMessageBox.Icon.Critical if info.is_bug else QMessageBox.Icon.Warning, info.title, text,
                          QMessageBox.StandardButton.Ok, self._parent_window())
        box.setObjectName("errorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()  # not exec(): no nested event loop, the window keeps painting
        self.shown.emit(text)

    def _closed(self, *_args) -> None:
        self.dialog = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._from_thread.emit(args.exc_value)

    @Slot(object)
    def _show_from_thread(self, exc: BaseException) -> None:
        self.report(exc)


def _default_log(exc: BaseException):
    from app.error_log import log_exception

    return log_exception(exc)
