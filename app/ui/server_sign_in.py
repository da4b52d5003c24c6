"""Signing in to a team database: the dialog that asks for the password when the PostgreSQL URL has
none and neither libpq (PGPASSWORD, ~/.pgpass) nor the keychain had one the server took.

`ServerSignInDialog` is the layout (the login shown, the password, "Remember in this computer's
keychain", the server's refusal when there was one); `DialogPasswordAsk` is what
app.safety.server_credentials calls to ask — once per attempt, so a refused password is asked for
again with the reason on top. The password goes to the server and, when Remember is ticked, to
the keychain; never to a settings file.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.safety.server_credentials import PasswordAnswer, PasswordRequest
from app.ui import theme

__all__ = ["DialogPasswordAsk", "ServerSignInDialog"]


class ServerSignInDialog(QDialog):
    def __init__(self, request: PasswordRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverSignInDialog")
        self.setWindowTitle("Sign in to the team database")
        self.setMinimumWidth(460)  # the server's words and the address on one or two lines, not five
        title = QLabel("Sign in")
        title.setProperty("role", "title")
        intro = QLabel("The team database asks for your PostgreSQL password.")
        intro.setWordWrap(True)
        self.problem = QLabel(request.problem or "")
        self.problem.setObjectName("signInProblem")
        self.problem.setStyleSheet(f"color: {theme.RED};")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setVisible(bool(request.problem))
        self.login = QLineEdit(request.login)
        self.login.setObjectName("signInLogin")
        self.login.setReadOnly(True)
        self.login.setToolTip("Your PostgreSQL login, from the database address")
        self.server = QLabel(request.server)
        self.server.setObjectName("signInServer")
        self.server.setTextFormat(Qt.TextFormat.PlainText)
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(260)
        self.remember = QCheckBox("Remember in this computer's keychain")
        self.remember.setObjectName("signInRemember")
        if request.can_remember:
            self.remember.setToolTip("Kept by the operating system's keychain, never in MedTour Desk's settings")
        else:
            self.remember.setEnabled(False)
            self.remember.setToolTip("This computer has no keychain MedTour Desk can use")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText("Sign in")
        self.sign_in_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(lambda text: self.sign_in_button.setEnabled(bool(text)))

        form = QFormLayout()
        form.addRow("Login", self.login)
        form.addRow("Server", self.server)
        form.addRow("Password", self.password)
        form.addRow("", self.remember)
        column = QVBoxLayout(self)
        column.setContentsMargins(18, 14, 18, 14)
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(self.problem)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.password.setFocus()

    def answer(self) -> PasswordAnswer:
        return PasswordAnswer(self.password.text(), self.remember.isEnabled() and self.remember.isChecked())


class DialogPasswordAsk:
    """The desk's `ask` for app.safety.server_credentials.sign_in: one dialog per attempt.
    `run(dialog)` shows it (default: modal `exec`); tests pass one that fills it in."""

    def __init__(self, parent: QWidget | None = None, *, run: Callable[[ServerSignInDialog], int] | None = None) -> None:
        self.parent = parent
        self.run = run or (lambda dialog: dialog.exec())
        self.asked: list[PasswordRequest] = []

    def __call__(self, request: PasswordRequest) -> PasswordAnswer | None:
        self.asked.append(request)
        dialog = ServerSignInDialog(request, self.parent)
        try:
            self.run(dialog)
            return dialog.answer() if dialog.result() == QDialog.DialogCode.Accepted.value else None
        finally:
            dialog.deleteLater()
