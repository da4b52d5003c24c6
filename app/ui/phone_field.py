"""The phones of a lead: one row per number (number, kind, remove), formatted as it is typed and
checked at once.

A row shows the country the number belongs to and its line type; a number that cannot be
valid keeps what was typed but gets a red border and the reason (`PhoneInfo.problem`).
The default region for numbers typed without ``+`` is the lead's country (`set_region`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.lead_records import PHONE_KINDS
from app.domain.phone import PhoneInfo, as_you_type, parse_phone
from app.ui import i18n, theme
from app.ui.country_picker import flag_label
from app.ui.i18n import QT_TRANSLATE_NOOP, country_name, domain_word, translate

__all__ = ["INVALID_STYLE", "PhoneListEditor", "PhoneRow", "format_as_typed"]

#: The border of a field whose value cannot be right (shared by every field of the lead form).
INVALID_STYLE = f"border: 1px solid {theme.RED}; border-radius: 2px; padding: 1px 1px;"
#: How phone kinds read in the kind picker.
KIND_LABELS = {"mobile": QT_TRANSLATE_NOOP("PhoneField", "Mobile"), "whatsapp": QT_TRANSLATE_NOOP("PhoneField", "WhatsApp"),
               "home": QT_TRANSLATE_NOOP("PhoneField", "Home"), "work": QT_TRANSLATE_NOOP("PhoneField", "Work"),
               "other": QT_TRANSLATE_NOOP("PhoneField", "Other")}
ERROR_COLOUR = theme.RED
NOTE_COLOUR = theme.MUTED

# Only text made of what people put in phone numbers is reformatted; anything else is left as typed.
_PHONE_CHARS = re.compile(r"^[\s\d+()./\-\u0660-\u0669\u06f0-\u06f9]*$")


def format_as_typed(text: str, region: str | None) -> str:
    """`text` formatted as a phone number being typed, or `text` itself when it holds other things."""
    if not text.strip() or not _PHONE_CHARS.match(text):
        return text
    formatted = as_you_type(text, region)
    return formatted or text


class PhoneRow(QWidget):
    changed = Signal()
    removeRequested = Signal(object)  # the row

    def __init__(self, raw: str = "", kind: str = "mobile", region: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        self.edit = QLineEdit(raw)
        self.edit.setObjectName("phoneEdit")
        self.edit.setAccessibleName(translate("PhoneField", "Phone number"))
        self.edit.setPlaceholderText(translate("PhoneField", "+7 916 123-45-67 or a local number"))
        self.edit.setMinimumWidth(180)
        self.kind_box = QComboBox()
        for value in PHONE_KINDS:
            self.kind_box.addItem(translate("PhoneField", KIND_LABELS[value]) if value in KIND_LABELS else value.capitalize(), value)
        index = self.kind_box.findData(kind)
        self.kind_box.setCurrentIndex(max(index, 0))
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(translate("PhoneField", "Remove this phone"))
        self.remove_button.setAutoRaise(True)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.info.setObjectName("phoneInfo")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.edit, 1)
        top.addWidget(self.kind_box)
        top.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.info)

        self.edit.textEdited.connect(self._typed)
        self.edit.textChanged.connect(self._refresh)
        self.kind_box.currentIndexChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))
        self._refresh()

    # --- values

    def value(self) -> tuple[str, str]:
        return self.edit.text().strip(), self.kind_box.currentData()

    def phone_info(self) -> PhoneInfo:
        return parse_phone(self.edit.text(), self._region)

    def is_flagged(self) -> bool:
        """A number was typed and it cannot be valid."""
        return bool(self.edit.text().strip()) and not self.phone_info().valid

    def set_region(self, region: str | None) -> None:
        if region != self._region:
            self._region = region
            self._refresh()

    # --- behaviour

    def _typed(self, text: str) -> None:
        if self.edit.cursorPosition() != len(text):
            return  # editing inside the number: leave the cursor where it is
        formatted = format_as_typed(text, self._region)
        if formatted != text:
            self.edit.setText(formatted)
            self.edit.setCursorPosition(len(formatted))

    def _refresh(self) -> None:
        text = self.edit.text().strip()
        if not text:
            self._show("", flagged=False)
        else:
            info = self.phone_info()
            if info.valid:
                parts = [f"{flag_label(info.region)} {country_name(info.region) or info.region or ''}".strip()]
                if info.line_type:
                    parts.append(domain_word(info.line_type))
                if info.international and info.international != text:
                    parts.append(i18n.ltr(info.international))
                self._show(i18n.line(" · ".join(p for p in parts if p)), flagged=False)
            else:
                self._show("⚠ " + translate("PhoneField", "{problem} (kept as typed)").format(
                problem=info.problem or translate("PhoneField", "not a valid number")), flagged=True)
        self.changed.emit()

    def _show(self, text: str, *, flagged: bool) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))
        self.info.setStyleSheet(f"color: {ERROR_COLOUR if flagged else NOTE_COLOUR};")
        self.edit.setStyleSheet(f"QLineEdit {{ {INVALID_STYLE} }}" if flagged else "")


class PhoneListEditor(QWidget):
    """Several phones, each a `PhoneRow`, and an "Add phone" button. There is always one row."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region: str | None = None
        self.rows: list[PhoneRow] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)
        self.add_button = QPushButton(translate("PhoneField", "+ Add phone"))
        self.add_button.setObjectName("addPhone")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self._column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_phones([])

    def set_region(self, region: str | None) -> None:
        self._region = region
        for row in self.rows:
            row.set_region(region)

    def set_phones(self, phones: Sequence[tuple[str, str]]) -> None:
        for row in list(self.rows):
            self._drop(row)
        for raw, kind in phones or [("", "mobile")]:
            self.add_row(raw, kind)
        self.changed.emit()

    def add_row(self, raw: str = "", kind: str | None = None, *, focus: bool = False) -> PhoneRow:
        if kind is None:
            kind = "mobile" if not self.rows else "whatsapp" if len(self.rows) == 1 else "other"
        row = PhoneRow(raw, kind, self._region)
        row.changed.connect(self.changed)
        row.removeRequested.connect(self.remove_row)
        self.rows.append(row)
        self._column.insertWidget(len(self.rows) - 1, row)
        self._update_remove_buttons()
        if self.isVisible():  # else when shown: the chain is only right once we are in our window
            self._chain_tab_order()
        if focus:
            row.edit.setFocus()
            self.changed.emit()
        return row

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """Tab walks each row (number, kind, remove) in order and then "Add phone": the button is
        made first, so without this Tab would reach it before the first number (and the first
        space typed would press it)."""
        # Anchored on the widget before the editor (which sits where the form placed it): Qt puts
        # rows added later at the end of the window's chain, and they are brought back here.
        anchor: QWidget | None = self.previousInFocusChain()
        while anchor is not None and anchor is not self and (
                self.isAncestorOf(anchor) or not anchor.focusPolicy() & Qt.FocusPolicy.TabFocus):
            anchor = anchor.previousInFocusChain()
        rows: list[QWidget] = [w for row in self.rows for w in (row.edit, row.kind_box, row.remove_button)]
        chain = ([anchor] if anchor is not None and anchor is not self else []) + rows + [self.add_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def remove_row(self, row: PhoneRow) -> None:
        if len(self.rows) == 1:
            row.edit.clear()
            return
        self._drop(row)
        self._update_remove_buttons()
        self.changed.emit()

    def phones(self) -> list[tuple[str, str]]:
        """(raw, kind) of every row with a number, in order."""
        return [value for row in self.rows if (value := row.value())[0]]

    def infos(self) -> list[PhoneInfo]:
        return [row.phone_info() for row in self.rows if row.value()[0]]

    def flagged(self) -> list[PhoneRow]:
        return [row for row in self.rows if row.is_flagged()]

    def _drop(self, row: PhoneRow) -> None:
        self.rows.remove(row)
        self._column.removeWidget(row)
        row.hide()  # out of the layout and the Tab chain now, not when the event loop gets round to deleting it
        row.setParent(None)
        row.deleteLater()

    def _update_remove_buttons(self) -> None:
        for row in self.rows:
            row.remove_button.setEnabled(len(self.rows) > 1 or bool(row.value()[0]))
