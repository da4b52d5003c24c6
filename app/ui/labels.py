"""Text labels as the desk shows them: plain text always (a patient's name or a server's message
is never read as HTML), wrapped unless asked not to, in a theme colour when given."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

__all__ = ["plain_label"]


def plain_label(text: str = "", *, colour: str | None = None, wrap: bool = True, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    if name:
        label.setObjectName(name)
    return label
