"""Text labels as the desk shows them: plain text always (a patient's name or a server's message
is never read as HTML), wrapped unless asked not to, in a theme colour when given."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

__all__ = ["banner_row", "plain_label"]


def plain_label(text: str = "", *, colour: str | None = None, wrap: bool = True, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    if name:
        label.setObjectName(name)
    return label


def banner_row(banner: QWidget, icon: str, message: QLabel, *controls: QWidget) -> QHBoxLayout:
    """A banner's one row: its icon, the message taking the room, then its buttons."""
    row = QHBoxLayout(banner)
    row.setContentsMargins(10, 6, 6, 6)
    mark = QLabel(icon)
    mark.setStyleSheet("font-size: 16px;")
    row.addWidget(mark)
    row.addWidget(message, 1)
    for control in controls:
        row.addWidget(control)
    return row
