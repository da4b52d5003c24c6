"""The first start on a new install: no database yet where the app keeps it. The coordinator picks
an empty database, one filled with demo leads to try things out (generated off the UI thread with
progress and Cancel), or an existing database file. On accept, `database` is open and migrated."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.ui import i18n
from app.ui.background_task import BackgroundTask
from app.ui.i18n import translate
from db.engine import Database

DEMO_LEADS = 500


class FirstRunDialog(QDialog):
    def __init__(self, target: Path, *, demo_leads: int = DEMO_LEADS, prompts=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if prompts is None:
            from app.ui.dialog_prompts import Prompts

            prompts = Prompts()
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(translate("FirstRunDialog", "Welcome to MedTour Desk"))
        self.target = Path(target)
        self.demo_leads = demo_leads
        self.prompts = prompts
        self.database: Database | None = None
        self.task: BackgroundTask | None = None

        logo = QLabel()
        pixmap = QPixmap(str(paths.brand_logo_path()))
        if not pixmap.isNull():
            logo.setPixmap(pixmap.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        title = QLabel(translate("FirstRunDialog", "Welcome to MedTour Desk"))
        title.setProperty("role", "title")
        intro = QLabel(
            translate("FirstRunDialog", "MedTour Desk keeps your agency's inquiries — patients and families asking about CAR T-cell "
                      "therapy in China — with every call, follow-up and status, so nobody waits and nobody is forgotten.\n\n"
                      "There is no database on this computer yet. It will be created here, readable by your user only:\n{path}")
            .format(path=self.target)
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.empty_button = QPushButton(translate("FirstRunDialog", "Start with an empty database"))
        self.empty_button.setObjectName("firstRunEmpty")
        self.empty_button.setDefault(True)
        self.demo_button = QPushButton(translate("FirstRunDialog", "Try it with {count} demo leads").format(count=i18n.number(demo_leads)))
        self.demo_button.setObjectName("firstRunDemo")
        self.demo_button.setToolTip(
            translate("FirstRunDialog", "Invented patients from many countries and scripts, with calls and follow-ups; "
                                    "they can be told apart by their example.* email addresses"))
        self.open_button = QPushButton(translate("FirstRunDialog", "Open an existing database…"))
        self.open_button.setObjectName("firstRunOpen")
        self.quit_button = QPushButton(translate("FirstRunDialog", "Quit"))
        self.progress = QProgressBar()
        self.progress.setObjectName("firstRunProgress")
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("firstRunMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        head = QHBoxLayout()
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(10)
        text_column = QVBoxLayout()
        text_column.addWidget(title)
        text_column.addWidget(intro)
        head.addLayout(text_column, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 16, 18, 14)
        column.setSpacing(12)
        column.addLayout(head)
        column.addWidget(self.progress)
        column.addWidget(self.message)
        column.addLayout(buttons)
        # Enter means the default, whichever button has focus: the others press only when asked.
        for other in (self.open_button, self.quit_button, self.demo_button):
            other.setAutoDefault(False)
        self.empty_button.setFocus()
        self.setMinimumWidth(640)

        self.empty_button.clicked.connect(self.create_empty)
        self.demo_button.clicked.connect(self.create_demo)
        self.open_button.clicked.connect(self.open_existing)
        self.quit_button.clicked.connect(self.reject)

    # ------------------------------------------------------------------ choices

    def _open(self, target: Path, *, new: bool = False) -> Database | None:
        """`new`: make the folder and an empty database (the first run's choice); else open a file."""
        from app.storage import new_database, open_database

        try:
            return new_database(target) if new else open_database(target)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, the choice can be made again
            from app.error_words import describe_and_log

            self._say(describe_and_log(exc).dialog_text)
            return None

    def create_empty(self) -> None:
        db = self._open(self.target, new=True)
        if db is not None:
            self.database = db
            self.accept()

    def create_demo(self) -> None:
        db = self._open(self.target, new=True)
        if db is None:
            return
        from app.domain.demo_data import generate_demo

        count = self.demo_leads
        self._busy(True)
        self.progress.setRange(0, count)
        self.progress.setValue(0)
        self.progress.show()
        self._say(translate("FirstRunDialog", "Creating {count} demo leads…").format(count=i18n.number(count)))
        task = BackgroundTask(lambda control: generate_demo(db, count, progress=control.progress, cancel=control.cancelled), self)
        task.progress.connect(lambda done, total: self.progress.setValue(min(done, total or count)))
        task.finished.connect(lambda _created: self._demo_done(db))
        task.failed.connect(lambda exc: self._demo_failed(db, exc))
        self.task = task
        self.quit_button.setText(translate("FirstRunDialog", "Cancel"))
        task.start()

    def _demo_done(self, db: Database) -> None:
        self.task = None
        self.database = db
        self.accept()

    def _demo_failed(self, db: Database, exc: BaseException) -> None:
        self.task = None
        self._busy(False)
        self.progress.hide()
        self.quit_button.setText(translate("FirstRunDialog", "Quit"))
        from app.error_words import describe_and_log

        self.database = None
        db.dispose()
        self._say(describe_and_log(exc).sentence.rstrip(".") + translate("FirstRunDialog", ". Choose again."))

    def open_existing(self) -> None:
        path = self.prompts.open_path(self, translate("FirstRunDialog", "Open a MedTour Desk database"), str(self.target.parent),
                                      translate("FirstRunDialog", "MedTour Desk databases (*.db *.sqlite);;All files (*)"))
        if not path:
            return
        db = self._open(Path(path))
        if db is not None:
            self.database = db
            self.accept()

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()  # generate_demo stops and adds nothing; _demo_failed re-enables the choices
            return
        super().reject()

    # ------------------------------------------------------------------ helpers

    def _busy(self, busy: bool) -> None:
        for button in (self.empty_button, self.demo_button, self.open_button):
            button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
