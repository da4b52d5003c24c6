"""The optional app lock: after N idle minutes the windows are covered and a passphrase is asked.

* `IdleWatcher` — an application event filter that notes the last keyboard/mouse input and, on a
  timer, says when the idle rule (`app.safety.passphrase.IdleRule`) is met.
* `LockDialog` — application-modal, cannot be dismissed; only the passphrase closes it. While it is
  up every top-level window is covered by an opaque panel, so no patient data shows behind it.
* `AppLock` — ties both to the settings and locks/unlocks.
* `AppLockSettingsDialog` — set, change or turn off the passphrase and the idle minutes.

Settings (the INI of app.ui.settings): ``security/passphrase_hash`` (Argon2id; never the clear
text) and ``security/lock_minutes`` (0 = off).
"""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.safety.passphrase import (
    DEFAULT_IDLE_MINUTES,
    MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
    IdleRule,
    check_idle_minutes,
    hash_passphrase,
    needs_rehash,
    verify_passphrase,
)
from app.ui import settings

__all__ = ["LOCK_HASH", "LOCK_MINUTES", "AppLock", "AppLockSettingsDialog", "IdleWatcher", "LockDialog"]

LOCK_HASH = settings.Setting("security/passphrase_hash", str, "", "App lock: the passphrase's Argon2id hash (never the passphrase)")
LOCK_MINUTES = settings.Setting("security/lock_minutes", int, 0, "App lock: lock after this many idle minutes (0 = off)")

Monotonic = Callable[[], float]

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """Notes user input anywhere in the application; `check()` emits `idle` once the rule is met."""

    idle = Signal()

    def __init__(self, minutes: int, *, now: Monotonic = time.monotonic, check_every_ms: int = 5000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.rule = IdleRule(minutes, now())
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.rule.touch(self.now())
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.rule.touch(self.now())
        return False

    def check(self) -> bool:
        if self.rule.should_lock(self.now()):
            self.idle.emit()
            return True
        return False


class _Cover(QWidget):
    """An opaque panel over a window while the app is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("appLockCover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), palette.color(palette.ColorRole.Window))
        self.setPalette(palette)
        label = QLabel("MedTour Desk is locked", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class LockDialog(QDialog):
    """Asks for the passphrase; Escape and the close button do nothing."""

    unlocked = Signal()

    def __init__(self, stored_hash: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stored_hash = stored_hash
        self.attempts = 0
        self.setObjectName("lockDialog")
        self.setWindowTitle("MedTour Desk is locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        intro = QLabel("The app was locked after a while without use. Enter the passphrase to continue.", self)
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("lockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("", self)
        self.message.setObjectName("lockMessage")
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton("Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        for widget in (intro, self.passphrase, self.message, buttons):
            layout.addWidget(widget)

    def try_unlock(self) -> bool:
        attempt = self.passphrase.text()
        self.passphrase.clear()  # the clear text does not stay in the widget
        if verify_passphrase(self.stored_hash, attempt):
            if needs_rehash(self.stored_hash):
                settings.write(LOCK_HASH, hash_passphrase(attempt))
            self.unlocked.emit()
            self.accept()
            return True
        self.attempts += 1
        self.message.setText("That is not the passphrase.")
        return False

    def reject(self) -> None:  # Escape: stay locked
        pass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()


class AppLock(QObject):
    """Locks the app after the configured idle minutes when a passphrase is set."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, windows: Callable[[], list[QWidget]] | None = None, *, now: Monotonic = time.monotonic,
                 check_every_ms: int = 5000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windows = windows or (lambda: [w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible()
                                            and not isinstance(w, LockDialog)])
        self.now = now
        self.check_every_ms = check_every_ms
        self.watcher: IdleWatcher | None = None
        self.dialog: LockDialog | None = None
        self._covers: list[_Cover] = []
        self.reload()

    @property
    def enabled(self) -> bool:
        return self.watcher is not None

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def reload(self) -> None:
        """Apply the current settings (after the settings dialog saved them)."""
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None
        minutes = settings.read(LOCK_MINUTES)
        if settings.read(LOCK_HASH) and minutes > 0:
            self.watcher = IdleWatcher(minutes, now=self.now, check_every_ms=self.check_every_ms, parent=self)
            self.watcher.idle.connect(self.lock)
            self.watcher.start()

    def lock(self) -> None:
        stored = settings.read(LOCK_HASH)
        if self.is_locked or not stored:
            return
        if self.watcher is not None:
            self.watcher.timer.stop()
        self._covers = [_Cover(window) for window in self.windows()]
        parent = self._covers[0].parentWidget() if self._covers else None
        self.dialog = LockDialog(stored, parent)
        self.dialog.unlocked.connect(self._unlock)
        self.dialog.open()
        self.locked.emit()

    def _unlock(self) -> None:
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers = []
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if self.watcher is not None:
            self.watcher.rule.touch(self.now())
            self.watcher.timer.start()
        self.unlocked.emit()


class AppLockSettingsDialog(QDialog):
    """Set, change or turn off the passphrase; choose the idle minutes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appLockSettings")
        self.setWindowTitle("App lock")
        self.setMinimumWidth(440)
        self.stored = settings.read(LOCK_HASH)
        intro = QLabel("Lock MedTour Desk after some minutes without use; a passphrase unlocks it. "
                       "Only a one-way hash of the passphrase is stored.", self)
        intro.setWordWrap(True)
        self.current = QLineEdit(self)
        self.new = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for name, field in (("lockCurrent", self.current), ("lockNew", self.new), ("lockRepeat", self.repeat)):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setObjectName(name)
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("lockMinutes")
        self.minutes.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(settings.read(LOCK_MINUTES) or DEFAULT_IDLE_MINUTES)
        self.message = QLabel("", self)
        self.message.setObjectName("lockSettingsMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        if self.stored:
            form.addRow("Current passphrase:", self.current)
        else:
            self.current.hide()  # nothing to confirm before the first passphrase
        form.addRow("New passphrase:" if self.stored else "Passphrase:", self.new)
        form.addRow("Repeat it:", self.repeat)
        form.addRow("Lock after:", self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.turn_off_button = buttons.addButton("Turn the lock off", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.turn_off_button.setEnabled(bool(self.stored))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.turn_off_button.clicked.connect(self.turn_off)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _current_ok(self) -> bool:
        if self.stored and not verify_passphrase(self.stored, self.current.text()):
            self.message.setText("The current passphrase is not right.")
            return False
        return True

    def save(self) -> bool:
        if not self._current_ok():
            return False
        new, repeat = self.new.text(), self.repeat.text()
        try:
            minutes = check_idle_minutes(self.minutes.value())
            if not new and self.stored:  # only the minutes change
                stored = self.stored
            elif new != repeat:
                raise UserError("the two passphrases differ")
            else:
                stored = hash_passphrase(new)
        except UserError as exc:
            self.message.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
            return False
        finally:
            for field in (self.current, self.new, self.repeat):
                field.clear()
        settings.write(LOCK_HASH, stored)
        settings.write(LOCK_MINUTES, minutes)
        self.changed.emit()
        self.accept()
        return True

    def turn_off(self) -> bool:
        if not self._current_ok():
            return False
        settings.write(LOCK_HASH, "")
        settings.write(LOCK_MINUTES, 0)
        self.changed.emit()
        self.accept()
        return True
