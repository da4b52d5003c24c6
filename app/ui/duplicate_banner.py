"""The warning shown above a lead form when a phone or email typed there belongs to another lead:
"This phone belongs to L-2026-00012 Иван Петров", with a link that opens that lead and a Merge…
action. The holder decides what opening and merging do (signals)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QToolButton, QWidget

from app.domain.duplicate_check import DuplicateMatch
from app.ui import theme
from app.ui.i18n import status_label, translate
from app.ui.labels import banner_row, plain_label

__all__ = ["DuplicateBanner"]


class DuplicateBanner(QFrame):
    openRequested = Signal(int)  # the other lead's id
    mergeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, can_merge: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#duplicateBanner {{ background: {theme.AMBER_BG}; border: 1px solid {theme.AMBER}; border-radius: 4px; }}"
            f"#duplicateBanner QLabel {{ color: {theme.TEXT}; }}"
            f"#duplicateLink {{ color: {theme.LINK}; text-decoration: underline; border: none; background: transparent; padding: 0 4px; }}"
        )
        self.match: DuplicateMatch | None = None
        self._dismissed: DuplicateMatch | None = None
        self.message = plain_label(name="duplicateMessage")
        self.open_link = QPushButton()
        self.open_link.setObjectName("duplicateLink")
        self.open_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_link.setFlat(True)
        self.merge_button = QPushButton(translate("DuplicateBanner", "Merge…"))
        self.merge_button.setVisible(can_merge)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("✕")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(translate("DuplicateBanner", "Hide this warning"))
        banner_row(self, "⚠", self.message, self.open_link, self.merge_button, self.dismiss_button)
        self.open_link.clicked.connect(self._open)
        self.merge_button.clicked.connect(self._merge)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.hide()

    def show_match(self, match: DuplicateMatch | None) -> None:
        """Show `match`, or hide the banner for None. A match the user dismissed stays hidden."""
        self.match = match
        if match is None or match == self._dismissed:
            self.hide()
            return
        self.message.setText(f"{match.describe()} ({status_label(match.status)}): “{match.value}”.")
        self.open_link.setText(f"Open {match.reference}")
        self.show()

    def _dismiss(self) -> None:
        self._dismissed = self.match
        self.hide()

    def _open(self) -> None:
        if self.match is not None:
            self.openRequested.emit(self.match.lead_id)

    def _merge(self) -> None:
        if self.match is not None:
            self.mergeRequested.emit(self.match.lead_id)
