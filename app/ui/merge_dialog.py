"""Merge two records of the same patient: choose which one survives, see what moves, merge.

The merge itself is `merge_leads` (one transaction: history moves, missing fields and phones are
copied, the other lead is marked Duplicate and points to the survivor; nothing is deleted)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.duplicate_check import merge_preview
from app.domain.leads import get_lead, merge_leads
from app.ui import theme
from app.ui.dialog_prompts import describe_error
from app.ui.i18n import status_label
from db.engine import Database

__all__ = ["MergeDialog"]


class MergeDialog(QDialog):
    merged = Signal(int, int)  # kept id, dropped id

    def __init__(self, db: Database, lead_id: int, other_id: int, *, clock: Clock = utc_now,
                 actor_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock, self._actor_id = db, clock, actor_id
        self.leads = {lead_id: get_lead(db, lead_id), other_id: get_lead(db, other_id)}
        first, second = self.leads[lead_id], self.leads[other_id]
        self.setWindowTitle(f"Merge {first.reference} and {second.reference}")
        self.setObjectName("mergeDialog")

        heading = QLabel("Both records belong to the same person. Which one should stay?")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.choice = QButtonGroup(self)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        # the older lead is the usual survivor: its reference is the one already in use
        survivor = min(self.leads.values(), key=lambda d: (d.inquiry_at, d.id))
        for detail in (first, second):
            button = QRadioButton(
                f"Keep {detail.reference}  {detail.full_name}  —  {status_label(detail.status)}, "
                f"{len(detail.interactions)} interactions, since {detail.inquiry_at:%Y-%m-%d}"
            )
            self.choice.addButton(button, detail.id)
            button.setChecked(detail.id == survivor.id)
            column.addWidget(button)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("mergePreview")
        self.preview.setAccessibleName("The lead after merging")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(140)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.RED};")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        what = QLabel("What the merge does:")
        column.addWidget(what)
        column.addWidget(self.preview, 1)
        column.addWidget(self.error)
        column.addWidget(buttons)
        self.choice.idToggled.connect(self._update_preview)
        self._update_preview()
        self.resize(620, 380)

    def keep_id(self) -> int:
        return self.choice.checkedId()

    def drop_id(self) -> int:
        return next(i for i in self.leads if i != self.keep_id())

    def _update_preview(self, *_args) -> None:
        keep, drop = self.leads[self.keep_id()], self.leads[self.drop_id()]
        self.preview.setPlainText("\n".join(f"• {line}" for line in merge_preview(keep, drop)))

    def accept(self) -> None:
        keep, drop = self.keep_id(), self.drop_id()
        try:
            merge_leads(self._db, keep, drop, actor_id=self._actor_id, clock=self._clock)
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, which stays open
            self.error.setText(describe_error(exc))
            self.error.show()
            return
        self.merged.emit(keep, drop)
        super().accept()
