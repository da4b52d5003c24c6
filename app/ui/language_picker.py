"""The patient's language: a searchable picker over every ISO 639-1 language (see country_picker.CodePicker)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.countries import all_languages, language_name, resolve_language
from app.ui.country_picker import CodePicker
from app.ui.i18n import current_language, translate

__all__ = ["LanguagePicker"]


class LanguagePicker(CodePicker):
    def __init__(self, parent: QWidget | None = None, locale: str | None = None) -> None:
        super().__init__(all_languages(locale or current_language()), resolve_language,
                         translate("LanguagePicker", "Type to search: Russian, العربية, 中文…"), parent)

    def set_code(self, code: str | None) -> None:
        if code and self.findData(code) < 0:
            self.addItem(language_name(code, current_language()) or code, code)
        super().set_code(code)
