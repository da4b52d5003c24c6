"""Backups & restore: the list of this database's copies (date, kind, size), "Back up now" and
"Restore…" with a confirmation. The copying runs in a BackgroundTask; the work is
`app.safety.backups` / `app.safety.restore`, exactly as `medtour backup` and `medtour restore`.

After a restore the dialog emits `restored(RestoreResult)`; the window reloads its views (the
`Database` object stays valid: its pool was emptied before the file was replaced).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.safety.backups import DAILY_KEEP, WEEKLY_KEEP, BackupFile, human_size, list_backups, make_backup, require_sqlite
from app.safety.database_file import DatabaseCorruptError
from app.safety.restore import RestoreResult, check_restorable, restore_database
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from db.engine import Database

__all__ = ["RAW_ROLE", "BackupDialog", "BackupListModel", "restore_after_damage"]

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the BackupFile of the row

AnyIndex = QModelIndex | QPersistentModelIndex


class BackupListModel(QAbstractTableModel):
    COL_WHEN, COL_KIND, COL_SIZE, COL_FILE = range(4)
    HEADERS = ("Made (UTC)", "Kind", "Size", "File")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupFile] = []

    def set_backups(self, backups: list[BackupFile]) -> None:
        self.beginResetModel()
        self._rows = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupFile:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default, an empty index
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default, an empty index
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        backup = self._rows[index.row()]
        column = index.column()
        if role == RAW_ROLE:
            return backup
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_WHEN: backup.created_at.strftime("%Y-%m-%d %H:%M"),
                self.COL_KIND: backup.kind,
                self.COL_SIZE: human_size(backup.size),
                self.COL_FILE: backup.name,
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupDialog(QDialog):
    """The list of copies and the two actions; one task at a time."""

    restored = Signal(object)  # RestoreResult
    backed_up = Signal(object)  # BackupResult

    def __init__(self, db: Database, parent: QWidget | None = None, *, prompts: Prompts | None = None,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.db = db
        self.prompts = prompts or Prompts()
        self.clock = clock
        self.task: BackgroundTask | None = None
        self.setWindowTitle("Backups & restore")
        self.setObjectName("backupDialog")
        self.resize(760, 420)
        self.database = require_sqlite(db, "backed up")

        self.model = BackupListModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(BackupListModel.COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        about = QLabel(
            f"Database: {self.database}\n"
            f"A copy is made each day the app starts, and whenever you press Back up now. The newest copy of "
            f"each of the last {DAILY_KEEP} days and of each of the last {WEEKLY_KEEP} weeks is kept. "
            "Copies taken before an upgrade or a restore are never deleted for you.", self)
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel("", self)
        self.status.setObjectName("backupStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.back_up_button = QPushButton("&Back up now", self)
        self.restore_button = QPushButton("&Restore selected…", self)
        self.restore_file_button = QPushButton("Restore from &file…", self)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # --- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_backups(list_backups(self.database))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(BackupListModel.COL_FILE, QHeaderView.ResizeMode.Stretch)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def selected_backup(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        idle = self.task is None
        self.back_up_button.setEnabled(idle)
        self.restore_file_button.setEnabled(idle)
        self.restore_button.setEnabled(idle and self.selected_backup() is not None)

    def _run(self, work: Callable, label: str, done: Callable[[Any], None], failed_title: str) -> BackgroundTask:
        task = BackgroundTask(work, self)

        def finished(result: Any) -> None:
            self.task = None
            done(result)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.task = None
            self.status.setText(f"{failed_title}.")
            self.prompts.error(self, failed_title, exc)
            self._update_buttons()

        task.finished.connect(finished)
        task.failed.connect(failed)
        self.task = task
        self._update_buttons()
        self.status.setText(label)
        task.start(parent=self, label=label)
        return task

    # --- actions --------------------------------------------------------------------------

    def back_up_now(self) -> BackgroundTask:
        def done(result) -> None:
            self.refresh()
            self.status.setText(f"Backed up {result.leads:,} leads to {result.backup.path} ({human_size(result.backup.size)}, verified).")
            self.backed_up.emit(result)

        return self._run(lambda control: make_backup(self.db, clock=self.clock), "Backing up…", done, "The backup failed")

    def restore_selected(self) -> BackgroundTask | None:
        backup = self.selected_backup()
        return self.restore(backup.path) if backup is not None else None

    def restore_from_file(self) -> BackgroundTask | None:
        path = self.prompts.open_path(self, "Restore a MedTour Desk database", str(self.database.parent),
                                      "MedTour Desk databases (*.db *.sqlite);;All files (*)")
        return self.restore(Path(path)) if path else None

    def restore(self, source: Path) -> BackgroundTask | None:
        try:
            info = check_restorable(source)
        except Exception as exc:  # noqa: BLE001 - a refused file is explained, never raised into Qt
            self.prompts.error(self, "This file cannot be restored", exc)
            return None
        question = (
            f"Replace the database with {source.name}?\n\n"
            f"It holds {info.leads:,} leads. Everything entered since it was made will no longer be in the "
            f"database; the current database is kept beside it (…-before-restore-….db), so nothing is deleted."
        )
        if not self.prompts.ask(self, "Restore this backup?", question, yes="Restore", no="Cancel"):
            return None

        again: list[str] = []

        def work(control) -> RestoreResult:
            from app.storage import open_database, reerased

            self.db.dispose()  # our own connections: another window's keep the file busy (reported)
            result = restore_database(self.database, source, clock=self.clock)
            # An older schema is upgraded now, after its own backup; people erased since the backup
            # was made are erased again (the erasure ledger).
            opened = open_database(self.database)
            if (reerasure := reerased(opened)) is not None:
                again.append(reerasure.words())
            opened.dispose()
            return result

        def done(result: RestoreResult) -> None:
            self.refresh()
            kept = f" The database it replaced was kept as {result.aside.name}." if result.aside else ""
            erased = f" {again[0][0].upper()}{again[0][1:]}." if again else ""
            self.status.setText(f"Restored {result.info.leads:,} leads from {source.name}.{kept}{erased}")
            self.restored.emit(result)

        return self._run(work, "Restoring…", done, "The restore failed")


def restore_after_damage(error: DatabaseCorruptError, parent: QWidget | None = None, *, prompts: Prompts | None = None,
                         clock: Clock = utc_now) -> RestoreResult | None:
    """At start-up, when opening the database raised DatabaseCorruptError: offer to restore the
    newest backup it names. Returns the restore's result (open the database again), or None when
    there is no backup or the user declined. Runs before any window exists, so it works in place."""
    prompts = prompts or Prompts()
    if error.newest_backup is None:
        prompts.error(parent, "The database is damaged", str(error))
        return None
    question = (f"The database {error.path} is damaged ({error.reason}).\n\n"
                f"Restore the newest backup, {error.newest_backup.name}? The damaged file is kept beside it.")
    if not prompts.ask(parent, "The database is damaged", question, yes="Restore the backup", no="Quit"):
        return None
    return restore_database(error.path, error.newest_backup, clock=clock)
