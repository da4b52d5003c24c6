"""Safety → Retention rule…: how long a closed lead keeps its personal data (app.safety.retention).

Off by default. The dialog says how many leads the rule would anonymise now (counted in a worker),
saves the rule, and can apply it at once after a confirmation — in a worker, with progress and
cancel. The desk also applies it when it starts, after the daily backup.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.safety.retention import MAX_YEARS, RetentionResult, apply_retention, due_for_retention, read_retention, write_retention
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from db.engine import Database

__all__ = ["RetentionDialog", "describe_result"]

DEFAULT_YEARS = 10


def describe_result(result: RetentionResult) -> str:
    words = [f"{len(result.references):,} closed lead(s) untouched for more than {result.years} year(s) anonymised."]
    words += [f"Not anonymised: {reference}: {reason}" for reference, reason in result.failed]
    words += list(result.notes)
    return "\n".join(words)


class RetentionDialog(QDialog):
    """The rule's setting, the count it makes due, Save and Apply now."""

    applied = Signal(object)  # RetentionResult, after "Apply now"

    def __init__(self, db: Database, parent: QWidget | None = None, *, prompts: Prompts | None = None,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Retention rule")
        self.db = db
        self.prompts = prompts or Prompts()
        self.clock = clock
        self.tasks: list[BackgroundTask] = []
        with db.read() as session:
            years = read_retention(session)

        explain = QLabel("A closed lead (completed, lost, not eligible, unreachable or a duplicate) on which nothing "
                         "has happened for the chosen number of years has its personal data anonymised, as an "
                         "erasure does: a tombstone keeps the reference, status and dates for the figures. Check how "
                         "long your contracts and the law require you to keep records first.")
        explain.setWordWrap(True)
        self.enabled = QCheckBox("&Anonymise closed leads untouched for more than")
        self.enabled.setObjectName("retentionEnabled")
        self.years = QSpinBox()
        self.years.setObjectName("retentionYears")
        self.years.setRange(1, MAX_YEARS)
        self.years.setSuffix(" year(s)")
        self.years.setValue(years or DEFAULT_YEARS)
        self.years.setAccessibleName("Years a closed lead keeps its personal data")
        self.enabled.setChecked(years is not None)
        row = QHBoxLayout()
        row.addWidget(self.enabled)
        row.addWidget(self.years)
        row.addStretch(1)
        self.due = QLabel()
        self.due.setObjectName("retentionDue")
        self.due.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.apply_now = QPushButton("Apply &now…")
        self.apply_now.setObjectName("retentionApplyNow")
        self.buttons.addButton(self.apply_now, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.apply_now.clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.due)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.enabled.toggled.connect(self._changed)
        self.years.valueChanged.connect(self._changed)
        self._changed()

    def chosen_years(self) -> int | None:
        return self.years.value() if self.enabled.isChecked() else None

    def _changed(self, *_args) -> None:
        years = self.chosen_years()
        self.years.setEnabled(years is not None)
        self.apply_now.setEnabled(years is not None)
        if years is None:
            self.due.setText("The rule is off: closed leads keep their personal data until someone erases them.")
            return
        self.due.setText("Counting the leads this rule makes due…")
        db, now = self.db, self.clock()

        def count(_control) -> tuple[int, int]:
            with db.read() as session:
                return years, len(due_for_retention(session, years, now=now))

        task = BackgroundTask(count, self)
        self.tasks.append(task)
        task.finished.connect(self._counted)
        task.finished.connect(lambda _result: self.tasks.remove(task))
        task.failed.connect(lambda _exc: self.tasks.remove(task))
        task.failed.connect(lambda exc: self.due.setText(f"The leads could not be counted: {exc}"))
        task.start()

    def _counted(self, result: tuple[int, int]) -> None:
        years, due = result
        if years == self.chosen_years():  # not an answer to an older choice
            self.due.setText(f"{due:,} lead(s) would be anonymised now. The desk applies the rule when it starts.")
            self.due.setProperty("dueCount", due)

    def save(self) -> None:
        try:
            write_retention(self.db, self.chosen_years())
        except Exception as exc:  # noqa: BLE001 - e.g. a read-only database or a viewer's role: said in words
            self.prompts.error(self, "Retention rule", exc)
            return
        self.accept()

    def apply(self) -> BackgroundTask | None:
        years = self.chosen_years()
        if years is None:
            return None
        if not self.prompts.ask(self, "Apply the retention rule",
                                f"Anonymise every closed lead untouched for more than {years} year(s) now? "
                                "This cannot be undone.", yes="Anonymise"):
            return None
        try:
            write_retention(self.db, years)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Retention rule", exc)
            return None
        db, clock = self.db, self.clock
        task = BackgroundTask(lambda control: apply_retention(db, clock=clock, cancelled=control.cancelled,
                                                              progress=control.progress), self)
        self.tasks.append(task)

        def done(result: RetentionResult) -> None:
            self.prompts.inform(self, "Retention rule applied", describe_result(result))
            self.applied.emit(result)
            self.accept()

        task.finished.connect(done)
        task.failed.connect(lambda exc: self.prompts.error(self, "The retention rule could not be applied", exc))
        task.start(parent=self, label="Anonymising closed leads…")
        return task
