"""Changing what the desk works on as a whole: opening another database file (the application
then swaps windows) and adding demo leads (announced as "everything changed")."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog

from app.domain.lead_change_set import LeadChanges
from app.ui import settings
from app.ui.background_task import BackgroundTask
from app.ui.main_window import MainWindow
from app.ui.operations import DeskChanges, run_op
from db.engine import Database

__all__ = ["MAX_DEMO_LEADS", "DatabaseSwitch"]

MAX_DEMO_LEADS = 200_000


class DatabaseSwitch(QObject):
    switchDatabase = Signal(object)  # a Database the user opened; the application swaps windows

    def __init__(self, window: MainWindow, db: Database, hub: DeskChanges, *, prompts,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.db, self.hub, self.prompts = window, db, hub, prompts

    def open_database(self) -> None:
        start = str(self.db.path.parent) if self.db.path else str(Path.home())
        path = self.prompts.open_path(self.window, "Open a MedTour Desk database", start,
                                      "MedTour Desk databases (*.db *.sqlite);;All files (*)")
        if not path:
            return
        from app.storage import open_database, reerased

        try:
            db = open_database(path)
        except Exception as exc:
            from app.ui.exception_hook import describe

            report = describe(exc)
            if report.is_bug:
                raise
            self.prompts.error(self.window, "Open database", report.dialog_text)
            return
        settings.write(settings.LAST_DATABASE, str(db.path or db.location))
        self.switchDatabase.emit(db)
        if (again := reerased(db)) is not None:  # an older copy brought erased people back
            self.window.statusBar().showMessage(f"{again.words()[0].upper()}{again.words()[1:]}", 30000)

    def load_demo(self) -> None:
        count, ok = QInputDialog.getInt(self.window, "Load demo data",
                                        "How many invented leads should be added?\n(They use example.* email addresses.)",
                                        500, 1, MAX_DEMO_LEADS, 100)
        if ok:
            self.run_demo(count)

    def run_demo(self, count: int, *, label: str | None = None) -> BackgroundTask:
        from app.domain.demo_data import generate_demo

        db = self.db
        task = run_op(self.hub, self.window,
                      lambda control: generate_demo(db, count, progress=control.progress, cancel=control.cancelled),
                      changes_of=lambda _created: LeadChanges.everything(origin="demo"),
                      success=lambda created: self.window.statusBar().showMessage(f"Added {created:,} demo leads", 8000),
                      failure=self._demo_failed, label=label or f"Adding {count:,} demo leads…")
        assert task is not None
        return task

    def _demo_failed(self, exc: BaseException) -> None:
        from app.ui.exception_hook import describe

        report = describe(exc)
        if report.is_bug:
            raise exc
        self.prompts.inform(self.window, "Demo data", report.dialog_text)
