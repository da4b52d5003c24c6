"""Settings → Preferences: the desk's language (English, Russian, Arabic, Simplified Chinese).

The choice is stored in the desk's settings (app.ui.settings.LANGUAGE) and applied at the next
start (app.ui.startup installs it before any window exists); "System language" keeps the default:
the system's language when the desk speaks it, else English.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.ui import i18n, settings
from app.ui.i18n import translate
from app.ui.labels import plain_label

__all__ = ["PreferencesDialog"]


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, running_language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(translate("PreferencesDialog", "Preferences"))
        self._running = running_language or i18n.chosen_language()
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageChoice")
        system = i18n.resolve_language(None)
        self.language_box.addItem(translate("PreferencesDialog", "System language ({language})").format(
            language=i18n.LANGUAGES[system]), "")
        for code, name in i18n.LANGUAGES.items():
            self.language_box.addItem(name, code)  # each language in its own words, as people look for it
        stored = settings.read(settings.LANGUAGE)
        self.language_box.setCurrentIndex(max(self.language_box.findData(stored if stored in i18n.LANGUAGES else ""), 0))
        self.note = plain_label(name="languageNote")
        self.note.setProperty("role", "muted")
        self.language_box.currentIndexChanged.connect(self._update_note)

        form = QFormLayout()
        form.addRow(translate("PreferencesDialog", "Language of the desk"), self.language_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.note)
        column.addStretch(1)
        column.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update_note()

    def chosen(self) -> str:
        """The stored value: a language code, or "" for the system's language."""
        return str(self.language_box.currentData() or "")

    def _update_note(self, *_args) -> None:
        changes = i18n.resolve_language(self.chosen()) != self._running
        self.note.setText(translate("PreferencesDialog", "The new language applies when MedTour Desk is started again.")
                          if changes else translate("PreferencesDialog",
                                                    "Dates, times and numbers follow the language's own conventions."))

    def accept(self) -> None:
        settings.write(settings.LANGUAGE, self.chosen())
        super().accept()
