"""The Safety menu of the main window — back up, restore, check, erase a person, export their data,
app lock — and the daily automatic backup and the app lock, started when the window is.

The main window installs it once, just after start-up (app.ui.safety_menu), or directly:

    install_safety_actions(window, db, current_lead_id=lambda: self.current_lead_id(), on_changes=hub.announce)

`db` may be a callable returning the current Database (after "Open database…" it changes).
Everything slow runs in a BackgroundTask; every message goes through `Prompts` (tests script it).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.domain.clock import Clock, utc_now
from app.domain.lead_change_set import ChangeKind, LeadChanges
from app.safety.backups import backup_if_due
from app.safety.integrity_check import CheckReport, check_database
from app.safety.personal_export import default_export_path, export_personal_data
from app.ui.app_lock import AppLock, AppLockSettingsDialog
from app.ui.background_task import BackgroundTask
from app.ui.backup_dialog import BackupDialog
from app.ui.dialog_prompts import Prompts
from app.ui.erase_dialog import EraseDialog
from db.engine import Database

__all__ = ["SafetyActions", "describe_check", "install_safety_actions"]

DbSource = Database | Callable[[], Database]


def describe_check(report: CheckReport) -> str:
    if report.ok:
        text = f"All {len(report.checks)} checks passed: {', '.join(report.checks)}."
    else:
        text = "\n".join([f"{len(report.findings)} problem(s) found:"] + [f"• {f.message}" for f in report.findings])
    return "\n\n".join([text, *report.notes])


class SafetyActions(QObject):
    """The controller behind the Safety menu (one per main window)."""

    def __init__(self, window: QMainWindow, db: DbSource, *, clock: Clock | None = None,
                 current_lead_id: Callable[[], int | None] | None = None, prompts: Prompts | None = None,
                 on_changes: Callable[[LeadChanges], None] | None = None, monotonic: Callable[[], float] = time.monotonic,
                 auto_backup: bool = True) -> None:
        super().__init__(window)
        self.setObjectName("safetyActions")
        self.window = window
        self._db = db
        self.clock = clock or utc_now
        self.current_lead_id = current_lead_id or (lambda: None)
        self.prompts = prompts or Prompts()
        self.on_changes = on_changes  # told what a restore or an erasure changed
        self.tasks: list[BackgroundTask] = []
        self.lock = AppLock(now=monotonic, parent=self)

        self.menu = QMenu("&Safety", window)
        self.menu.setObjectName("safetyMenu")
        self.actions: dict[str, QAction] = {}
        for name, text, slot in (
            ("backup_now", "&Back up now", self.back_up_now),
            ("backups", "Backups && &restore…", self.show_backups),
            ("check", "&Check database", self.check),
            (None, None, None),
            ("erase", "&Erase this person…", self.erase_current),
            ("export_personal", "E&xport personal data…", self.export_current),
            (None, None, None),
            ("app_lock", "App &lock settings…", self.lock_settings),
            ("retention", "&Retention rule…", self.retention_settings),
        ):
            if name is None or text is None:
                self.menu.addSeparator()
                continue
            action = QAction(text, window)
            action.setObjectName(f"safety.{name}")
            action.triggered.connect(slot)
            self.menu.addAction(action)
            self.actions[name] = action
        self.menu.aboutToShow.connect(self._update_actions)
        window.menuBar().addMenu(self.menu)
        if auto_backup:
            self.back_up_if_due()

    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    def _update_actions(self) -> None:
        has_lead = self.current_lead_id() is not None
        self.actions["erase"].setEnabled(has_lead)
        self.actions["export_personal"].setEnabled(has_lead)
        for name in ("backup_now", "backups"):
            self.actions[name].setEnabled(self.db.is_sqlite)

    def _start(self, work, label: str | None, done: Callable, failed_title: str, *, quiet: bool = False) -> BackgroundTask:
        task = BackgroundTask(work, self)
        self.tasks.append(task)

        def finished(result) -> None:
            self.tasks.remove(task)
            done(result)

        def failed(exc: BaseException) -> None:
            self.tasks.remove(task)
            if not quiet:
                self.prompts.error(self.window, failed_title, exc)
            else:  # the automatic backup: say it in the status bar, not in a box at start-up
                self.window.statusBar().showMessage(f"{failed_title}: {exc}", 15000)

        task.finished.connect(finished)
        task.failed.connect(failed)
        task.start(parent=self.window if label else None, label=label)
        return task

    # --- backups ----------------------------------------------------------------------------

    def back_up_if_due(self) -> BackgroundTask | None:
        """The automatic daily backup, off the UI thread, told in the status bar."""
        db = self.db
        if not db.is_sqlite:
            return None

        def done(result) -> None:
            if result is not None:
                self.window.statusBar().showMessage(f"Daily backup made: {result.backup.path.name}", 10000)
            self.apply_retention_on_start()

        return self._start(lambda control: backup_if_due(db, clock=self.clock), None, done,
                           "The daily backup failed", quiet=True)

    # --- retention --------------------------------------------------------------------------

    def apply_retention_on_start(self) -> BackgroundTask | None:
        """The retention rule (off unless set), applied quietly after the daily backup on a solo
        desk; told in the status bar. On a team server an admin applies it (`medtour retention apply`)."""
        from app.safety.retention import apply_retention

        db = self.db
        if not db.is_sqlite:
            return None

        def done(result) -> None:
            if result.references or result.failed:
                from app.ui.retention_dialog import describe_result

                self.window.statusBar().showMessage(f"Retention rule: {describe_result(result)}", 15000)
                if result.references and self.on_changes is not None:
                    self.on_changes(LeadChanges.everything(origin="retention"))

        return self._start(lambda control: apply_retention(db, clock=self.clock, cancelled=control.cancelled), None,
                           done, "The retention rule could not be applied", quiet=True)

    def retention_settings(self):
        from app.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.db, self.window, prompts=self.prompts, clock=self.clock)
        if self.on_changes is not None:
            dialog.applied.connect(lambda result: result.references and self.on_changes(
                LeadChanges.everything(origin="retention")))
        dialog.open()
        return dialog

    def back_up_now(self) -> BackgroundTask | None:
        from app.safety.backups import make_backup

        db = self.db
        if not db.is_sqlite:
            self.prompts.inform(self.window, "Back up", f"{db.location} is a PostgreSQL database: back it up with pg_dump.")
            return None

        def done(result) -> None:
            self.prompts.inform(self.window, "Backup made", f"{result.leads:,} leads backed up to {result.backup.path} (verified).")

        return self._start(lambda control: make_backup(db, clock=self.clock), "Backing up…", done, "The backup failed")

    def show_backups(self) -> BackupDialog | None:
        try:
            dialog = BackupDialog(self.db, self.window, prompts=self.prompts, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - e.g. a PostgreSQL database: said in words
            self.prompts.error(self.window, "Backups", exc)
            return None
        if self.on_changes is not None:
            dialog.restored.connect(lambda _result: self.on_changes(LeadChanges.everything(origin="restore")))
        dialog.open()
        return dialog

    # --- check ------------------------------------------------------------------------------

    def check(self) -> BackgroundTask:
        db = self.db

        def done(report: CheckReport) -> None:
            title = "The database is sound" if report.ok else "The database has problems"
            self.prompts.inform(self.window, title, describe_check(report))

        return self._start(lambda control: check_database(db), "Checking the database…", done, "The check failed")

    # --- one person -------------------------------------------------------------------------

    def erase_current(self) -> EraseDialog | None:
        lead = self.current_lead_id()
        if lead is None:
            return None
        try:
            dialog = EraseDialog(self.db, lead, self.window, prompts=self.prompts, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - e.g. already erased: said in words
            self.prompts.error(self.window, "Erase this person", exc)
            return None
        if self.on_changes is not None:
            # The leads merged into this one are erased with it and named only by reference: the
            # extent is not fully known, so every view reads again.
            dialog.erased.connect(lambda _result: self.on_changes(
                LeadChanges.of([lead], ChangeKind.ERASED, ChangeKind.ALL, origin="erase")))
        dialog.open()
        return dialog

    def export_current(self) -> BackgroundTask | None:
        lead = self.current_lead_id()
        if lead is None:
            return None
        db = self.db
        from app.domain.leads import get_lead

        reference = get_lead(db, lead, with_history=False).reference
        chosen = self.prompts.save_path(self.window, f"Export the personal data of {reference}",
                                        str(default_export_path(reference, Path.home())), "JSON (*.json)")
        if not chosen:
            return None

        def done(result) -> None:
            self.prompts.inform(self.window, "Personal data exported",
                                f"Everything held about {result.reference} was written to\n{result.json_path}\n"
                                f"and a readable summary to\n{result.pdf_path}.\nBoth files are readable only by you.")

        return self._start(lambda control: export_personal_data(db, lead, chosen, clock=self.clock, force=True),
                           f"Exporting the personal data of {reference}…", done, "The export failed")

    # --- app lock ---------------------------------------------------------------------------

    def lock_settings(self) -> AppLockSettingsDialog:
        dialog = AppLockSettingsDialog(self.window)
        dialog.changed.connect(self.lock.reload)
        dialog.open()
        return dialog


def install_safety_actions(window: QMainWindow, db: DbSource, *, clock: Clock | None = None,
                           current_lead_id: Callable[[], int | None] | None = None, prompts: Prompts | None = None,
                           on_changes: Callable[[LeadChanges], None] | None = None) -> None:
    """Add the Safety menu to `window`, start the daily backup and the app lock.

    `current_lead_id()` gives the lead the erase and export actions apply to (None disables them);
    `on_changes(LeadChanges)` is called after a restore or an erasure so the views reload. The controller
    is a child of the window, found with ``window.findChild(SafetyActions)``.
    """
    SafetyActions(window, db, clock=clock, current_lead_id=current_lead_id, prompts=prompts,
                  on_changes=on_changes)
