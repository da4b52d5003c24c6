"""The note above an open lead that was changed at another desk while it has unsaved edits here:
"Omar changed status and notes 20 s ago — Reload". The words come from
app.domain.changed_elsewhere; the holder decides what Reload does (it asks before discarding)."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QPushButton, QWidget

from app.domain.changed_elsewhere import ChangedElsewhere
from app.ui import theme
from app.ui.i18n import translate
from app.ui.labels import banner_row, plain_label

__all__ = ["LeadChangedBanner"]


class LeadChangedBanner(QFrame):
    reloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadChangedBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#leadChangedBanner {{ background: {theme.HIGHLIGHT}; border: 1px solid {theme.ACCENT}; border-radius: 4px; }}"
            f"#leadChangedBanner QLabel {{ color: {theme.HIGHLIGHT_TEXT}; }}"
        )
        self.change: ChangedElsewhere | None = None
        self.message = plain_label(name="leadChangedMessage")
        self.reload_button = QPushButton(translate("LeadChangedBanner", "Reload"))
        self.reload_button.setObjectName("leadChangedReload")
        self.reload_button.setToolTip(translate("LeadChangedBanner", "Show the newest version (your unsaved changes are discarded)"))
        banner_row(self, "↻", self.message, self.reload_button)
        self.reload_button.clicked.connect(self.reloadRequested)
        self.hide()

    def show_change(self, change: ChangedElsewhere, now: datetime) -> None:
        self.change = change
        self.message.setText(f"{change.sentence(now)} — your edits here are not saved yet.")
        self.show()

    def clear(self) -> None:
        self.change = None
        self.hide()
