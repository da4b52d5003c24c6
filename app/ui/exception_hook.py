"""The last line of defence: any exception that reaches the event loop (a slot, a timer, a virtual
method) or a thread ends here. It is logged (scrubbed of phones and emails, see app.error_log) and
the user sees ONE readable dialog — never a traceback, never a frozen window.

Errors a user can cause or meet (``UserError``, a locked, damaged or newer database, a full disk)
show their own message and are not logged as bugs. While a dialog is open, further errors are
logged and counted in it instead of stacking up more dialogs.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.domain.errors import UserError


@dataclass(frozen=True)
class ErrorReport:
    title: str
    text: str
    is_bug: bool


def describe(exc: BaseException) -> ErrorReport:
    """What to tell the user about `exc` (no logging here)."""
    from db.migrate import SchemaTooNewError

    if isinstance(exc, (UserError, SchemaTooNewError)):
        return ErrorReport("MedTour Desk", _sentence(str(exc)), False)
    text = _database_problem(exc)
    if text is not None:
        return ErrorReport("Database problem", text, False)
    if isinstance(exc, OSError) and exc.errno == 28:
        return ErrorReport("Disk full", "The disk is full. Free some space and try again; nothing was saved.", False)
    return ErrorReport(
        "Something went wrong",
        f"MedTour Desk met an unexpected problem ({type(exc).__name__}) and stopped what it was doing. "
        "Changes already saved are safe: each change is saved on its own.",
        True,
    )


def _database_problem(exc: BaseException) -> str | None:
    try:
        from sqlalchemy.exc import DBAPIError
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        return None
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    name = type(original).__name__
    if name not in ("OperationalError", "DatabaseError"):
        return None
    words = str(original).lower()
    if "locked" in words or "busy" in words:
        return "The database is busy: another program or another MedTour Desk window is writing to it. Try again in a moment."
    if "malformed" in words or "not a database" in words or "encrypted" in words:
        return ("The database file is damaged and cannot be read. Restore the newest backup "
                "(File ▸ Open database… or `medtour restore`).")
    if "disk" in words and ("full" in words or "i/o" in words):
        return "The disk is full or failing; nothing was saved. Free some space and try again."
    if "readonly" in words or "read-only" in words:
        return "The database file is read-only; changes cannot be saved."
    return None


def _sentence(text: str) -> str:
    text = " ".join(text.split()) or "The action could not be completed."
    return text[0].upper() + text[1:]


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
        where = None
        if info.is_bug:
            try:
                where = self._log(exc)
            except Exception:  # noqa: BLE001 - a broken log must not hide the dialog
                where = None
        text = info.text + (f"\n\nThe details were written to the log file:\n{where}" if where else "")
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
