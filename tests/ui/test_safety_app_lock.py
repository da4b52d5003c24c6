"""The app lock: set a passphrase (only its hash is stored), lock after idle minutes with every
window covered, unlock only with the passphrase."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from app.ui import settings
from app.ui.app_lock import LOCK_HASH, LOCK_MINUTES, AppLock, AppLockSettingsDialog, LockDialog

pytestmark = pytest.mark.gui
SECRET = "Blue heron at dawn"


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _set_passphrase(qtbot, minutes: int = 5) -> None:
    dialog = AppLockSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.new.setText(SECRET)
    dialog.repeat.setText(SECRET)
    dialog.minutes.setValue(minutes)
    with qtbot.waitSignal(dialog.changed):
        assert dialog.save()


def test_settings_keep_only_a_hash(qtbot):
    _set_passphrase(qtbot, minutes=7)
    stored = settings.read(LOCK_HASH)
    assert stored.startswith("$argon2id$") and settings.read(LOCK_MINUTES) == 7
    text = settings.settings_file().read_text(encoding="utf-8")
    assert SECRET not in text and "security" in text


def test_settings_refuse_mismatch_weak_and_wrong_current(qtbot):
    dialog = AppLockSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.new.setText("short")
    dialog.repeat.setText("short")
    assert not dialog.save() and "at least 8 characters" in dialog.message.text()
    dialog.new.setText(SECRET)
    dialog.repeat.setText(SECRET + "!")
    assert not dialog.save() and "differ" in dialog.message.text() and dialog.new.text() == ""
    _set_passphrase(qtbot)
    change = AppLockSettingsDialog()
    qtbot.addWidget(change)
    change.current.setText("not it at all")
    assert not change.turn_off() and "not right" in change.message.text()
    change.current.setText(SECRET)
    assert change.turn_off() and settings.read(LOCK_HASH) == "" and settings.read(LOCK_MINUTES) == 0


def test_lock_after_idle_minutes_and_unlock_with_the_passphrase(qtbot):
    _set_passphrase(qtbot, minutes=5)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Иван Петров — DLBCL"))
    qtbot.addWidget(window)
    window.show()
    clock = Monotonic()
    lock = AppLock(lambda: [window], now=clock)
    assert lock.enabled and not lock.is_locked

    clock.now += 4 * 60
    qtbot.keyClick(window, Qt.Key.Key_A)  # activity resets the idle time
    clock.now += 4 * 60
    assert not lock.watcher.check()
    clock.now += 60
    with qtbot.waitSignal(lock.locked):
        assert lock.watcher.check()
    dialog = lock.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible() and dialog.isModal()
    cover = window.findChild(QWidget, "appLockCover")
    assert cover is not None and cover.isVisible() and cover.geometry() == window.rect()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot be dismissed
    dialog.close()
    assert dialog.isVisible() and lock.is_locked
    dialog.passphrase.setText("blue heron at dawn")
    assert not dialog.try_unlock() and dialog.message.text() == "That is not the passphrase." and lock.is_locked
    assert dialog.passphrase.text() == ""
    dialog.passphrase.setText(SECRET)
    with qtbot.waitSignal(lock.unlocked):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert not lock.is_locked and not cover.isVisible()
    clock.now += 4 * 60
    assert not lock.watcher.check()  # the idle time starts again at unlock


def test_no_passphrase_no_lock(qtbot):
    lock = AppLock(lambda: [], now=Monotonic())
    assert not lock.enabled
    lock.lock()
    assert not lock.is_locked
