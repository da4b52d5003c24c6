"""The questions and messages the lead editor's dialogs put to the user, in one injectable object.

Widgets take a `prompts=` argument (default: `Prompts()`, real message boxes). Tests pass a
`ScriptedPrompts` that answers without blocking, so no test ever waits on a modal box.
Every message box shows its text as plain text: a patient's name such as "<b>Zoë</b>" is never
read as markup.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QInputDialog, QMessageBox, QWidget

from app.error_words import describe_and_log

__all__ = ["Prompts", "ScriptedPrompts", "describe_error"]


def describe_error(exc: BaseException) -> str:
    """One readable sentence for `exc`, in app.error_words' words (the CLI prints the same). A bug
    is logged and the sentence says where."""
    return describe_and_log(exc).sentence


class Prompts:
    """Real, modal message boxes and file dialogs."""

    def ask(self, parent: QWidget | None, title: str, text: str, *, yes: str = "OK", no: str = "Cancel") -> bool:
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(accept)
        box.exec()
        return box.clickedButton() is accept

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[tuple[str, str]]
    ) -> str | None:
        """One of `options` ((key, button label), the first is the default); None on Cancel."""
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        buttons: dict[QAbstractButton, str] = {}
        for index, (key, label) in enumerate(options):
            button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
            buttons[button] = key
            if index == 0:
                box.setDefaultButton(button)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return buttons.get(box.clickedButton())

    def pick(self, parent: QWidget | None, title: str, text: str, options: Sequence[tuple[str, str]]) -> str | None:
        """One of many `options` ((key, label)) from a list, for more than a few buttons hold; None on Cancel."""
        labels = [label for _key, label in options]
        label, ok = QInputDialog.getItem(parent, title, text, labels, 0, False)
        return dict((lab, key) for key, lab in options).get(label) if ok else None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self._box(parent, QMessageBox.Icon.Information, title, text).exec()

    def error(self, parent: QWidget | None, title: str, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else describe_error(error)
        self._box(parent, QMessageBox.Icon.Warning, title, text).exec()

    def save_path(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def open_path(self, parent: QWidget | None, title: str, directory: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
        return path or None

    @staticmethod
    def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box


class ScriptedPrompts(Prompts):
    """Answers given in advance, for tests: every call is recorded in `.seen` as (method, title, text)."""

    def __init__(self, *, ask: bool = True, choose: str | None = None, save_path: str | None = None,
                 open_path: str | None = None) -> None:
        self.answers: dict[str, Any] = {"ask": ask, "choose": choose, "save_path": save_path, "open_path": open_path}
        self.seen: list[tuple[str, str, str]] = []

    def ask(self, parent, title, text, *, yes="OK", no="Cancel") -> bool:
        self.seen.append(("ask", title, text))
        return bool(self.answers["ask"])

    def choose(self, parent, title, text, options) -> str | None:
        self.seen.append(("choose", title, text))
        return self.answers["choose"]

    def pick(self, parent, title, text, options) -> str | None:
        self.seen.append(("pick", title, text))
        return self.answers["choose"]

    def inform(self, parent, title, text) -> None:
        self.seen.append(("inform", title, text))

    def error(self, parent, title, error) -> None:
        self.seen.append(("error", title, error if isinstance(error, str) else describe_error(error)))

    def save_path(self, parent, title, suggested, filters) -> str | None:
        self.seen.append(("save_path", title, suggested))
        return self.answers["save_path"]

    def open_path(self, parent, title, directory, filters) -> str | None:
        self.seen.append(("open_path", title, directory))
        return self.answers["open_path"]

    def titles(self, method: str) -> list[str]:
        return [title for kind, title, _ in self.seen if kind == method]

    def texts(self, method: str) -> list[str]:
        return [text for kind, _, text in self.seen if kind == method]
