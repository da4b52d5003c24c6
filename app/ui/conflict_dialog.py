"""Someone saved the lead after you opened it: compare, field by field, your values with theirs
(what the database holds now) and choose. Nothing is overwritten without that choice:

* Keep theirs — drop your edits and reload the lead;
* Save mine on top of theirs — a new, explicit save of your fields against the current version
  (their changes to other fields stay);
* Cancel — back to the editor with your edits, nothing saved.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.lead_changes import display_value, normalised
from app.domain.lead_history import FIELD_LABELS
from app.ui import theme

__all__ = ["ConflictDialog"]

_CELL_CHARS = 400
COL_FIELD, COL_ORIGINAL, COL_MINE, COL_THEIRS = range(4)


def _cell(text: str) -> QTableWidgetItem:
    shown = text if len(text) <= _CELL_CHARS else text[:_CELL_CHARS] + f"… (+{len(text) - _CELL_CHARS:,} characters)"
    item = QTableWidgetItem(shown)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class ConflictDialog(QDialog):
    KEEP_THEIRS = "keep_theirs"
    REAPPLY_MINE = "reapply_mine"
    CANCEL = "cancel"

    chosen = Signal(str)

    def __init__(
        self,
        reference: str,
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any],
        *,
        original: Mapping[str, Any] | None = None,
        coordinators: Mapping[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{reference} was changed by someone else")
        self.setObjectName("conflictDialog")
        self.choice = self.CANCEL
        self.fields = list(mine)
        original = original or {}
        intro = QLabel(
            f"{reference} was saved by someone else after you opened it. Your changes are not saved yet. "
            "Compare them with what is in the database now and choose what to keep."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.table = QTableWidget(len(self.fields), 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(["Field", "When you opened it", "Yours (not saved)", "Theirs (in the database now)"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_ORIGINAL, COL_MINE, COL_THEIRS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        both = QBrush(QColor(theme.RED_BG))
        bold = QFont(self.font())
        bold.setBold(True)
        self.both_changed: list[str] = []
        for row, field in enumerate(self.fields):
            label_item = _cell(FIELD_LABELS.get(field, field))
            self.table.setItem(row, COL_FIELD, label_item)
            self.table.setItem(row, COL_ORIGINAL, _cell(display_value(field, original.get(field), coordinators)))
            self.table.setItem(row, COL_MINE, _cell(display_value(field, mine[field], coordinators)))
            self.table.setItem(row, COL_THEIRS, _cell(display_value(field, theirs.get(field), coordinators)))
            if field in original and normalised(field, theirs.get(field)) != normalised(field, original.get(field)):
                self.both_changed.append(field)
                label_item.setFont(bold)
                for column in range(4):
                    item = self.table.item(row, column)
                    assert item is not None
                    item.setBackground(both)
        self.table.resizeRowsToContents()

        note = QLabel(
            "Highlighted rows were changed by both of you." if self.both_changed
            else "They changed other fields than these; your values can be saved on top of theirs."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.keep_theirs_button = QPushButton("Keep theirs (discard mine)")
        self.reapply_button = QPushButton("Save mine on top of theirs")
        self.cancel_button = QPushButton("Cancel")
        buttons.addButton(self.keep_theirs_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setDefault(True)
        self.keep_theirs_button.clicked.connect(lambda: self._finish(self.KEEP_THEIRS))
        self.reapply_button.clicked.connect(lambda: self._finish(self.REAPPLY_MINE))
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(820, 200 + 44 * min(len(self.fields), 8))

    def value_text(self, field: str, column: int) -> str:
        item = self.table.item(self.fields.index(field), column)
        assert item is not None
        return item.text()

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.chosen.emit(choice)
        self.accept()

    def reject(self) -> None:
        self.choice = self.CANCEL
        self.chosen.emit(self.CANCEL)
        super().reject()
