"""The sign-in dialog against the suite's PostgreSQL server with a real password: a wrong one is
said and asked again; "Remember" puts the right one in the keychain and nowhere in the settings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui.server_sign_in import DialogPasswordAsk, ServerSignInDialog
from tests.safety import test_server_credentials as credentials

# The password login on the suite's server and the in-memory keychain, shared with the sign-in's own tests.
password_login = credentials.password_login
memory_keyring = credentials.memory_keyring

pytestmark = pytest.mark.gui


class TypingPerson:
    """Fills each dialog in as a person would (keys, a click on the box, Enter), noting what it showed."""

    def __init__(self, qtbot, *answers: tuple[str, bool]) -> None:
        self.qtbot, self.answers = qtbot, list(answers)
        self.seen: list[dict] = []

    def __call__(self, dialog: ServerSignInDialog) -> int:
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.seen.append({"problem": dialog.problem.text() if dialog.problem.isVisible() else None,
                          "login": dialog.login.text(), "read_only": dialog.login.isReadOnly(),
                          "can_sign_in_empty": dialog.sign_in_button.isEnabled()})
        if not self.answers:
            dialog.reject()
            return dialog.result()
        password, remember = self.answers.pop(0)
        self.qtbot.keyClicks(dialog.password, password)
        if remember:
            self.qtbot.keyClick(dialog.remember, Qt.Key.Key_Space)  # space ticks a check box
        self.qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        return dialog.result()


@pytest.mark.postgres
def test_a_wrong_password_is_said_and_asked_again(qtbot, password_login, memory_keyring):
    from app.storage import open_database

    person = TypingPerson(qtbot, ("wrong", False), (password_login.password, False))
    db = open_database(password_login.url, ask_password=DialogPasswordAsk(run=person))
    try:
        with db.read() as session:
            assert session.connection().exec_driver_sql("SELECT current_user").scalar() == password_login.login
    finally:
        db.dispose()
    assert person.seen[0]["problem"] is None
    assert "did not accept that password" in person.seen[1]["problem"]
    assert all(s["login"] == password_login.login and s["read_only"] and not s["can_sign_in_empty"] for s in person.seen)
    assert memory_keyring.entries == {}, "nothing is kept without Remember"


@pytest.mark.postgres
def test_remember_keeps_the_password_in_the_keychain_and_never_in_settings(qtbot, password_login, memory_keyring):
    from app.safety.server_credentials import KEYCHAIN_SERVICE, keychain_username
    from app.ui import settings
    from app.ui.dialog_prompts import ScriptedPrompts
    from app.ui.startup import open_initial_database

    person = TypingPerson(qtbot, (password_login.password, True))
    db = open_initial_database(password_login.url.render_as_string(), prompts=ScriptedPrompts(),
                               ask_password=DialogPasswordAsk(run=person))
    assert db is not None
    try:
        settings.write(settings.LAST_DATABASE, db.location)  # as the desk remembers a database it opened
    finally:
        db.dispose()
    assert memory_keyring.entries == {(KEYCHAIN_SERVICE, keychain_username(password_login.url)): password_login.password}
    store = settings.store()
    store.sync()
    values = {key: str(store.value(key)) for key in store.allKeys()}
    assert values, "the settings file was written"
    assert not any(password_login.password in value for value in values.values())
    assert password_login.password.encode() not in settings.settings_file().read_bytes()

    nobody = TypingPerson(qtbot)  # the next start signs in from the keychain, asking nobody
    again = open_initial_database(password_login.url.render_as_string(), prompts=ScriptedPrompts(),
                                  ask_password=DialogPasswordAsk(run=nobody))
    assert again is not None and nobody.seen == []
    again.dispose()


def test_the_dialog_without_a_keychain_cannot_remember(qtbot):
    from app.safety.server_credentials import PasswordRequest

    dialog = ServerSignInDialog(PasswordRequest("omar", "db.example:5432/team", None, can_remember=False))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "secret")
    dialog.remember.setChecked(True)
    assert not dialog.remember.isEnabled() and dialog.answer().remember is False
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
