"""Pickers that search as you type: countries (here) and languages (language_picker.py).

An editable combo box with a completer in "contains" mode: typing "emir" offers
"United Arab Emirates", typing "Россия" or "UAE" and leaving the field picks the country the
domain recognises. The value is an ISO code (or None), never the text shown.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.domain.countries import all_countries, country_name, flag_emoji, resolve_country
from app.ui.i18n import current_language, translate

__all__ = ["CodePicker", "CountryPicker", "emoji_flags_available", "flag_label"]

_NONE_TEXT = ""


def emoji_flags_available() -> bool:
    """Whether an installed font draws flags from regional-indicator pairs (a colour emoji font)."""
    return any("emoji" in family.casefold() for family in QFontDatabase.families())


def flag_label(code: str | None) -> str:
    """'🇷🇺' where an emoji font can draw it, else '[RU]', so no box of tofu is ever shown."""
    if not code:
        return ""
    return flag_emoji(code) if emoji_flags_available() else f"[{code.upper()}]"


class CodePicker(QComboBox):
    """An editable, searchable combo whose value is a code. Subclasses give the items and the
    function that turns free text into a code."""

    codeChanged = Signal(str)  # "" when cleared

    def __init__(self, items: Sequence[tuple[str, str]], resolve: Callable[[str], str | None],
                 placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self._last = ""
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        line_edit = self.lineEdit()
        assert line_edit is not None
        line_edit.setPlaceholderText(placeholder)
        self.addItem(_NONE_TEXT, None)
        for code, text in items:
            self.addItem(text, code)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.setCurrentIndex(0)
        self.currentIndexChanged.connect(self._index_changed)
        line_edit.editingFinished.connect(self._text_finished)
        completer.activated[str].connect(self._completed)  # type: ignore[index]  # PySide6's stubs omit SignalInstance overload indexing

    def code(self) -> str | None:
        """The chosen code; free text the domain recognises counts as chosen."""
        data = self.currentData()
        if data and self.currentText() == self.itemText(self.currentIndex()):
            return data
        text = self.currentText().strip()
        return self._resolve(text) if text else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else 0
        if index < 0:  # a code the list does not know: keep it, shown as is
            self.addItem(code or "", code)
            index = self.count() - 1
        self.setCurrentIndex(index)
        self._last = code or ""

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)

    def _text_finished(self) -> None:
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(0)
        elif self.currentData() is None or text != self.itemText(self.currentIndex()):
            code = self._resolve(text)
            if code and (index := self.findData(code)) >= 0:
                self.setCurrentIndex(index)
        self._announce()

    def _index_changed(self, _index: int) -> None:
        self._announce()

    def _announce(self) -> None:
        code = self.code() or ""
        if code != self._last:
            self._last = code
            self.codeChanged.emit(code)


class CountryPicker(CodePicker):
    def __init__(self, parent: QWidget | None = None, locale: str | None = None) -> None:
        items = [(code, f"{name}  {flag_label(code)}".strip()) for code, name in all_countries(locale or current_language())]
        super().__init__(items, resolve_country, translate("CountryPicker", "Type to search: Russia, UAE, 中国…"), parent)

    def set_code(self, code: str | None) -> None:
        if code and self.findData(code.upper()) < 0:
            self.addItem(country_name(code, current_language()) or code, code.upper())
        super().set_code(code.upper() if code else None)

