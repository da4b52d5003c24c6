"""Log a call in seconds, from the keyboard.

The dialog opens with the focus on the outcome; the call's length is what the user types, or the
timer they start (T) when the call begins, and the call records which (never the time the dialog
happened to be open). One key picks the
outcome — R reached, V voicemail, N no answer, B busy, W wrong number, C call-back requested,
I not interested — and moves to the notes. In the notes Enter saves and Shift+Enter starts a new
line; anywhere else Enter saves too. Outside the text fields, T stops/starts the timer and
1 / 2 / 3 / 0 pick the follow-up (tomorrow / in 3 days / next week / none).

A lead still in "new" is moved to "contacted" in the same transaction as the call (checkbox, on
by default).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.follow_up_time import QUICK_PICKS, days_ahead
from app.domain.lead_records import OUTCOMES
from app.domain.leads import InteractionInput, get_lead, log_interaction
from app.domain.phone import local_time_for, parse_phone
from app.domain.pipeline import Status
from app.ui import i18n, theme
from app.ui.accessible import name_form_fields
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.i18n import domain_word, translate
from app.ui.lead_form import NO_DATETIME, from_qdatetime, to_qdatetime
from app.ui.shortcuts import OUTCOME_KEYS
from db.engine import Database

__all__ = ["OUTCOME_KEYS", "LogCallDialog", "parse_duration"]

#: Outcomes after which a follow-up tomorrow is suggested (unless one was already chosen).
_TRY_AGAIN = frozenset({"voicemail", "no_answer", "busy", "call_back_requested"})
_DURATION = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,3})(?::(\d{1,2}))?\s*$")


def parse_duration(text: str) -> int | None:
    """Seconds from 'm:ss', 'h:mm:ss' or plain minutes ('5' = 5 minutes); None when empty or unreadable."""
    match = _DURATION.match(text or "")
    if not match:
        return None
    hours, first, seconds = match.groups()
    if seconds is None and hours is None:
        return int(first) * 60
    if seconds is None:  # "m:ss" matched as hours:first
        return int(hours) * 60 + int(first)
    return int(hours or 0) * 3600 + int(first) * 60 + int(seconds)


def _clock_text(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _NotesEdit(QPlainTextEdit):
    """Enter (or Ctrl+Enter) saves; Shift+Enter starts a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)


class LogCallDialog(QDialog):
    logged = Signal(int)  # the lead id, after the call is saved

    def __init__(self, db: Database, lead_id: int, *, clock: Clock = utc_now, actor_id: int | None = None,
                 prompts: Prompts | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._lead_id, self._clock, self._actor_id = db, lead_id, clock, actor_id
        self.prompts = prompts or Prompts()
        self.lead = get_lead(db, lead_id)
        self.setWindowTitle(translate("LogCallDialog", "Log a call — {reference}").format(reference=self.lead.reference))
        self.setObjectName("logCallDialog")
        self._follow_up_chosen = False
        self._setting_suggestion = False
        self._build()
        self._started: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        #: Where the duration comes from: "typed", "timer", or None (not given).
        self.duration_from: str | None = None
        self.outcome_buttons["reached"].setFocus()
        self._untouched = self._typed()

    def _typed(self) -> tuple:
        return (self.outcome(), self.notes_edit.toPlainText().strip(), self.duration_edit.text().strip())

    def has_typed_data(self) -> bool:
        """Whether an outcome, notes or a duration were entered (Esc then asks before discarding them)."""
        return self._typed() != self._untouched

    def reject(self) -> None:
        """Cancel or Esc: a call with something entered is discarded only when the user says so."""
        if self.has_typed_data() and not self.prompts.ask(
                self, "Discard this call?", "The call has not been logged.", yes="Discard", no="Keep editing"):
            return
        super().reject()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        lead = self.lead
        name = QLabel(lead.full_name)
        name.setObjectName("callName")
        name.setTextFormat(Qt.TextFormat.PlainText)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        name.setFont(font)
        self.context = QLabel(self._context_text())
        self.context.setObjectName("callContext")
        self.context.setTextFormat(Qt.TextFormat.PlainText)
        self.context.setWordWrap(True)
        self.context.setStyleSheet(f"color: {theme.MUTED};")

        self.outcomes = QButtonGroup(self)
        self.outcome_buttons: dict[str, QRadioButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        for position, (key, label) in enumerate(OUTCOMES.items()):
            button = QRadioButton(f"{domain_word(label)}   [{OUTCOME_KEYS[key]}]")
            button.setObjectName(f"outcome_{key}")
            self.outcomes.addButton(button, position)
            self.outcome_buttons[key] = button
            grid.addWidget(button, position // 2, position % 2)
        self.outcomes.buttonToggled.connect(self._outcome_toggled)

        self.direction_box = QComboBox()
        self.direction_box.addItem(translate("LogCallDialog", "Outgoing (we called)"), "call_out")
        self.direction_box.addItem(translate("LogCallDialog", "Incoming (they called)"), "call_in")
        self.duration_edit = QLineEdit()
        self.duration_edit.setPlaceholderText(translate("LogCallDialog", "m:ss"))
        self.duration_edit.setObjectName("callDuration")
        self.duration_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"^[0-9:]{0,8}$")))
        self.duration_edit.setMaximumWidth(90)
        self.duration_edit.setToolTip(translate("LogCallDialog", "m:ss, or minutes; typing here stops the timer"))
        self.timer_button = QPushButton(translate("LogCallDialog", "Start timer [T]"))
        self.timer_button.setObjectName("timerButton")
        self.timer_button.setAutoDefault(False)
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration_edit)
        duration_row.addWidget(self.timer_button)
        duration_row.addStretch(1)

        self.notes_edit = _NotesEdit()
        self.notes_edit.setObjectName("callNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText(translate("LogCallDialog", "What was said, what to send, who decides…"))
        self.notes_edit.setMinimumHeight(self.notes_edit.fontMetrics().lineSpacing() * 5 + 12)
        hint = QLabel(translate("LogCallDialog", "Enter saves · Shift+Enter new line"))
        hint.setStyleSheet(f"color: {theme.MUTED};")

        self.follow_up_edit = QDateTimeEdit()
        self.follow_up_edit.setObjectName("callFollowUp")
        self.follow_up_edit.setCalendarPopup(True)
        self.follow_up_edit.setDisplayFormat("ddd yyyy-MM-dd HH:mm")
        self.follow_up_edit.setMinimumDateTime(NO_DATETIME)
        self.follow_up_edit.setSpecialValueText(translate("LogCallDialog", "No follow-up"))
        self.follow_up_edit.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.follow_up_edit.setDateTime(NO_DATETIME)
        self.follow_up_edit.dateTimeChanged.connect(self._follow_up_edited)
        picks = QHBoxLayout()
        self.pick_buttons: list[QPushButton] = []
        for number, (label, days) in enumerate(QUICK_PICKS, start=1):
            pick = QPushButton(f"{domain_word(label)} [{number}]")
            pick.setAutoDefault(False)
            pick.clicked.connect(lambda _=False, d=days: self.pick_follow_up(d))
            picks.addWidget(pick)
            self.pick_buttons.append(pick)
        none_button = QPushButton(translate("LogCallDialog", "None [0]"))
        none_button.setAutoDefault(False)
        none_button.clicked.connect(lambda: self.pick_follow_up(None))
        picks.addWidget(none_button)
        follow_column = QVBoxLayout()
        follow_column.setSpacing(4)
        follow_column.addLayout(picks)
        follow_column.addWidget(self.follow_up_edit)

        self.move_check = QCheckBox(translate("LogCallDialog", "Move the lead from New to Contacted"))
        self.move_check.setObjectName("moveToContacted")
        self.move_check.setChecked(True)
        self.move_check.setVisible(self.lead.status == Status.NEW.value)

        self.error = QLabel()
        self.error.setObjectName("callError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.RED};")
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(translate("LogCallDialog", "Save call  ⏎"))
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(translate("LogCallDialog", "Outcome"), self._wrap(grid))
        form.addRow(translate("LogCallDialog", "Direction"), self.direction_box)
        form.addRow(translate("LogCallDialog", "Duration"), self._wrap(duration_row))
        notes_column = QVBoxLayout()
        notes_column.setSpacing(2)
        notes_column.addWidget(self.notes_edit)
        notes_column.addWidget(hint)
        form.addRow(translate("LogCallDialog", "Notes"), self._wrap(notes_column))
        form.addRow(translate("LogCallDialog", "Follow-up"), self._wrap(follow_column))

        column = QVBoxLayout(self)
        column.setSpacing(8)
        column.addWidget(name)
        column.addWidget(self.context)
        column.addSpacing(4)
        column.addLayout(form)
        column.addWidget(self.move_check)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.notes_edit.setAccessibleName("Notes")
        name_form_fields(self)
        self.setMinimumWidth(560)

        self.notes_edit.submitted.connect(self.accept)
        self.timer_button.clicked.connect(self.toggle_timer)
        self.duration_edit.textEdited.connect(self._duration_typed)

    @staticmethod
    def _wrap(layout) -> QWidget:
        holder = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(layout)
        return holder

    def _context_text(self) -> str:
        lead = self.lead
        parts = [lead.reference]
        phone = next((p for p in lead.phones if p.valid), lead.primary_phone)
        if phone is not None:
            info = parse_phone(phone.e164 or phone.raw, lead.country)
            parts.append(i18n.ltr(info.international or phone.raw))
            local = local_time_for(info.time_zones, self._clock(), lead.timezone)
            if local.local is not None:
                parts.append(translate("LogCallDialog", "their time {time}").format(time=i18n.local_time_text(local.label))
                             + (translate("LogCallDialog", " (outside calling hours)") if local.outside_hours else ""))
        last_call = next((i for i in lead.interactions if i.kind.startswith("call")), None)
        if last_call is not None:
            outcome = (domain_word(OUTCOMES[last_call.outcome]) if last_call.outcome in OUTCOMES
                       else translate("LogCallDialog", "no outcome"))
            when = last_call.occurred_at.astimezone()
            parts.append(translate("LogCallDialog", "last call {when}: {outcome}").format(
                when=f"{i18n.day_month_text(when)} {i18n.time_text(when)}", outcome=outcome.lower()))
        return i18n.line("  ·  ".join(parts))

    # ---------------------------------------------------------------- timer

    def _duration_typed(self, text: str) -> None:
        self.stop_timer()
        self.duration_from = "typed" if text.strip() else None

    def start_timer(self) -> None:
        self.duration_from = "timer"
        self._started = self._clock() - timedelta(seconds=self.duration() or 0)
        self._timer.start()
        self.timer_button.setText(translate("LogCallDialog", "Stop timer [T]"))

    def stop_timer(self) -> None:
        if self._timer.isActive():
            self._tick()
            self._timer.stop()
        self.timer_button.setText(translate("LogCallDialog", "Start timer [T]"))

    def toggle_timer(self) -> None:
        if self._timer.isActive():
            self.stop_timer()
        else:
            self.start_timer()

    def timer_running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        if self._started is not None:
            elapsed = int((self._clock() - self._started).total_seconds())
            self.duration_edit.setText(_clock_text(elapsed))

    def duration(self) -> int | None:
        return parse_duration(self.duration_edit.text())

    # ---------------------------------------------------------------- choices

    def outcome(self) -> str | None:
        return next((key for key, button in self.outcome_buttons.items() if button.isChecked()), None)

    def set_outcome(self, key: str) -> None:
        self.outcome_buttons[key].setChecked(True)
        self.notes_edit.setFocus()

    def pick_follow_up(self, days: int | None) -> None:
        value = None if days is None else days_ahead(days, self._clock())
        self.follow_up_edit.setDateTime(to_qdatetime(value))
        self._follow_up_chosen = True

    def follow_up(self) -> datetime | None:
        return from_qdatetime(self.follow_up_edit.dateTime())

    def _follow_up_edited(self, _value) -> None:
        if not self._setting_suggestion:
            self._follow_up_chosen = True

    def _outcome_toggled(self, _button, checked: bool) -> None:
        if not checked:
            return
        self.error.hide()
        outcome = self.outcome()
        if outcome in _TRY_AGAIN and not self._follow_up_chosen:
            self._setting_suggestion = True
            self.follow_up_edit.setDateTime(to_qdatetime(days_ahead(1, self._clock())))
            self._setting_suggestion = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Single keys reach here only when the focus is not in a text field."""
        text = event.text().upper()
        if event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        for key, letter in OUTCOME_KEYS.items():
            if text == letter:
                self.set_outcome(key)
                return
        if text == "T":
            self.toggle_timer()
            return
        if text in ("1", "2", "3") and int(text) <= len(QUICK_PICKS):
            self.pick_follow_up(QUICK_PICKS[int(text) - 1][1])
            return
        if text == "0":
            self.pick_follow_up(None)
            return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- save

    def accept(self) -> None:
        outcome = self.outcome()
        if outcome is None:
            self._show_error(translate("LogCallDialog", "Choose the outcome first: ") + ", ".join(
                f"{letter} {domain_word(OUTCOMES[key]).lower()}" for key, letter in OUTCOME_KEYS.items()))
            self.outcome_buttons["reached"].setFocus()
            return
        duration = self.duration()
        if self.duration_edit.text().strip() and duration is None:
            self._show_error(translate("LogCallDialog", "The duration reads as m:ss (4:30) or minutes (5)."))
            self.duration_edit.setFocus()
            return
        self.stop_timer()
        entry = InteractionInput(
            kind=self.direction_box.currentData(),
            outcome=outcome,
            notes=self.notes_edit.toPlainText().strip() or None,
            duration_seconds=self.duration(),
            follow_up_at=self.follow_up(),
            details={"duration_from": self.duration_from} if self.duration() is not None and self.duration_from else {},
        )
        move_to = Status.CONTACTED if self._move_offered() and self.move_check.isChecked() else None
        try:
            log_interaction(self._db, self._lead_id, entry, move_to=move_to, actor_id=self._actor_id, clock=self._clock)
        except Exception as exc:  # noqa: BLE001 - readable in the dialog, which stays open with the notes
            self._show_error(describe_error(exc))
            return
        self.logged.emit(self._lead_id)
        super().accept()

    def _move_offered(self) -> bool:
        return self.lead.status == Status.NEW.value

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

