"""Move a lead to another status: the moves the pipeline allows from where it is, and a reason
where the pipeline asks for one (suggested reasons offered, free text allowed). A refused move
shows the pipeline's own message; the audit row records who, when and why."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.errors import UserError
from app.domain.leads import change_status, get_lead, move_needs
from app.domain.pipeline import (
    STATUS_INFO,
    SUGGESTED_REASONS,
    Status,
    TransitionError,
    allowed_next,
    check_transition,
    parse_status,
)
from app.ui import theme
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.i18n import domain_word, status_label, translate
from db.engine import Database

__all__ = ["SUGGESTED_REASONS", "StatusChangeDialog"]

class StatusChangeDialog(QDialog):
    statusChanged = Signal(int)  # the lead id, after the move is saved

    def __init__(
        self,
        db: Database,
        lead_id: int,
        target: Status | str | None = None,
        *,
        clock: Clock = utc_now,
        actor_id: int | None = None,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._lead_id, self._clock, self._actor_id = db, lead_id, clock, actor_id
        self.prompts = prompts or Prompts()
        lead = get_lead(db, lead_id, with_history=False)
        self.current = Status(lead.status)
        self.setWindowTitle(translate("StatusDialog", "Change status — {reference}").format(reference=lead.reference))
        self.setObjectName("statusDialog")

        who = QLabel(f"{lead.reference}  {lead.full_name}\n"
                     + translate("StatusDialog", "Now: {status}").format(status=status_label(self.current)))
        who.setTextFormat(Qt.TextFormat.PlainText)
        self.target_box = QComboBox()
        self.target_box.setObjectName("statusTarget")
        for status in allowed_next(self.current):
            info = STATUS_INFO[status]
            self.target_box.addItem(status_label(status) + (
                translate("StatusDialog", "  (needs a reason)") if info.reason_required else ""), status.value)
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("statusReason")
        self.reason_box.setEditable(True)
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.message = QLabel()
        self.message.setObjectName("statusMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {theme.RED};")
        self.message.hide()

        form = QFormLayout()
        form.addRow(translate("StatusDialog", "Move to"), self.target_box)
        form.addRow(translate("StatusDialog", "Reason"), self.reason_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("StatusDialog", "Change status"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(who)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.setMinimumWidth(460)

        self.target_box.currentIndexChanged.connect(self._target_changed)
        self.reason_box.editTextChanged.connect(self._update_ok)
        self._refused: str | None = None
        self._case_needs: list[str] = []
        if target is not None:
            self._preselect(target)
        self._target_changed()
        self._untouched_reason = self.reason()
        # The focus where typing starts: the reason when the move is chosen and needs one, else the move.
        (self.reason_box if target is not None and STATUS_INFO[self.target()].reason_required else self.target_box).setFocus()

    def has_typed_data(self) -> bool:
        """Whether a reason was typed or chosen (Esc then asks before discarding it)."""
        return self.reason() != self._untouched_reason

    def reject(self) -> None:
        """Cancel or Esc: a reason typed in is discarded only when the user says so."""
        if self.has_typed_data() and not self.prompts.ask(
                self, "Discard this status change?", "The status has not been changed.", yes="Discard", no="Keep editing"):
            return
        super().reject()

    # ---------------------------------------------------------------- state

    def target(self) -> Status:
        return Status(self.target_box.currentData())

    def reason(self) -> str:
        text = self.reason_box.currentText().strip()
        index = self.reason_box.findText(text)  # a suggested reason is stored in the pipeline's own words
        return str(self.reason_box.itemData(index) or text) if index >= 0 else text

    def _preselect(self, target: Status | str) -> None:
        try:
            wanted = target if isinstance(target, Status) else parse_status(target)
            check_transition(self.current, wanted, "reason given later")
        except TransitionError as exc:
            self._refused = str(exc)
            return
        self.target_box.setCurrentIndex(self.target_box.findData(wanted.value))

    def _target_changed(self, *_args) -> None:
        status = self.target()
        info = STATUS_INFO[status]
        typed = self.reason_box.currentText()
        self.reason_box.blockSignals(True)
        self.reason_box.clear()
        for suggested in SUGGESTED_REASONS.get(status, ()):
            self.reason_box.addItem(domain_word(suggested), suggested)
        self.reason_box.setEditText(typed)
        self.reason_box.blockSignals(False)
        line_edit = self.reason_box.lineEdit()
        assert line_edit is not None
        line_edit.setPlaceholderText(
            translate("StatusDialog", "Required: choose or type why") if info.reason_required else translate("StatusDialog", "Optional")
        )
        self._case_needs = move_needs(self._db, self._lead_id, status)
        if self._refused:
            self._show_message(self._refused)
            self._refused = None
        elif self._case_needs:
            self._show_message(
                translate("StatusDialog", "Before '{status}':").format(status=domain_word(info.label)) + "\n"
                    + "\n".join(f"• {need}" for need in self._case_needs))
        else:
            self.message.hide()
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        needs = STATUS_INFO[self.target()].reason_required
        self.ok_button.setEnabled((bool(self.reason()) or not needs) and not self._case_needs)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # ---------------------------------------------------------------- save

    def accept(self) -> None:
        try:
            change_status(self._db, self._lead_id, self.target(), self.reason() or None,
                          actor_id=self._actor_id, clock=self._clock)
        except (UserError, TransitionError) as exc:
            self._show_message(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a database problem: readable, the dialog stays
            self._show_message(describe_error(exc))
            return
        self.statusChanged.emit(self._lead_id)
        super().accept()
