"""A new lead, entered by hand (a phone call, a walk-in, a message): the lead form, the inquiry's
own words, and a duplicate check before anything is written.

When a phone or email typed here already belongs to a lead, the banner says so as you type, and
Create asks what to do: open that lead instead, add this inquiry to it, or create a separate lead.
Opened by `LeadEditor.new_lead(...)`.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import consent
from app.domain.clock import Clock, utc_now
from app.domain.duplicate_check import DuplicateMatch, find_duplicate
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, default_coordinator_id, list_coordinators
from app.ui import theme
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.duplicate_banner import DuplicateBanner
from app.ui.i18n import translate
from app.ui.lead_form import DUPLICATE_CHECK_DELAY, LeadForm, confirm_health_data
from app.ui.shortcuts import sequence
from db.engine import Database

__all__ = ["NewLeadDialog"]

OPEN_EXISTING, ATTACH, SEPARATE = "open", "attach", "separate"


class NewLeadDialog(QDialog):
    created = Signal(int)  # the lead that was created, or the existing lead the inquiry was added to
    openLeadRequested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 actor_id: int | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock, self._actor_id = db, clock, actor_id
        self.prompts = prompts or Prompts()
        self.setWindowTitle(translate("NewLeadDialog", "New lead"))
        self.setObjectName("newLeadDialog")
        self.banner = DuplicateBanner(self, can_merge=False)
        self.form = LeadForm(clock=clock)
        coordinators = list_coordinators(db)
        self.form.load(None, coordinators)
        with db.read() as session:
            default = actor_id if actor_id is not None else default_coordinator_id(session)
        self.form.coordinator_box.setCurrentIndex(max(self.form.coordinator_box.findData(default), 0))
        self.message_edit = QPlainTextEdit()
        self.message_edit.setObjectName("inquiryMessage")
        self.message_edit.setAccessibleName("The inquiry's message")
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setPlaceholderText(translate("NewLeadDialog", "What they asked, in their words (saved as the inquiry)"))
        self.message_edit.setFixedHeight(self.message_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {theme.RED};")
        self.error.hide()

        holder = QWidget()
        holder_column = QVBoxLayout(holder)
        holder_column.setContentsMargins(0, 0, 8, 0)
        holder_column.addWidget(self.form)
        holder_column.addWidget(QLabel(translate("NewLeadDialog", "Inquiry")))
        holder_column.addWidget(self.message_edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.create_button.setText(translate("NewLeadDialog", "Create lead"))
        self.create_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        heading = QLabel(translate("NewLeadDialog", "A name and one way to reach the person are enough; the rest can follow. "
                         "A phone or email that is already on file is pointed out as you type."))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"color: {theme.MUTED};")
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.banner)
        column.addWidget(scroll, 1)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.resize(640, 760)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DUPLICATE_CHECK_DELAY)
        self._timer.timeout.connect(self.check_duplicates)
        self.form.contactsEdited.connect(self._timer.start)
        self.banner.openRequested.connect(self._open_existing)
        shortcut = QShortcut(sequence("newLeadSave"), self)
        shortcut.setObjectName("newLeadSave")
        shortcut.activated.connect(self.accept)
        self.form.name_edit.setFocus()
        self._untouched = self._typed()

    def _typed(self) -> tuple:
        values = self.form.values()
        return (tuple(sorted((k, repr(v)) for k, v in values.items())), self.message_edit.toPlainText().strip())

    def has_typed_data(self) -> bool:
        """Whether anything was typed since the dialog opened (Esc then asks before discarding it)."""
        return self._typed() != self._untouched

    def reject(self) -> None:
        """Cancel or Esc: a form with something typed in is discarded only when the user says so."""
        if self.has_typed_data() and not self.prompts.ask(
                self, translate("NewLeadDialog", "Discard this new lead?"),
                    translate("NewLeadDialog", "What you typed has not been saved."), yes=translate("NewLeadDialog", "Discard"),
                        no=translate("NewLeadDialog", "Keep editing")):
            return
        super().reject()

    def check_duplicates(self) -> DuplicateMatch | None:
        values = self.form.values()
        match = find_duplicate(self._db, [raw for raw, _ in values["phones"]], values["email"], values["country"])
        self.banner.show_match(match)
        return match

    def _open_existing(self, lead_id: int) -> None:
        self.openLeadRequested.emit(lead_id)
        super().reject()  # the user chose the existing lead: nothing to ask

    def lead_input(self) -> LeadInput:
        values = self.form.values()
        message = self.message_edit.toPlainText().strip() or None
        return LeadInput(**{k: v for k, v in values.items() if k in LeadInput.__dataclass_fields__}, message=message)

    def accept(self) -> None:
        problems = self.form.problems()
        if problems:
            self._show_error(" ".join(problems))
            return
        values = self.form.values()
        if not confirm_health_data(self, self.prompts, consent.consent_warning_for_save(values)):
            return
        check_duplicates = True
        match = self.check_duplicates()
        if match is not None:
            choice = self.prompts.choose(
                self, translate("NewLeadDialog", "Already a lead"), match.describe() + ".\n\n" + translate("NewLeadDialog",
                    "What should happen with this inquiry?"),
                [(OPEN_EXISTING, translate("NewLeadDialog", "Open {reference} instead").format(reference=match.reference)),
                 (ATTACH, translate("NewLeadDialog", "Add it to {reference}").format(reference=match.reference)),
                 (SEPARATE, translate("NewLeadDialog", "Create a separate lead"))],
            )
            if choice is None:
                return
            if choice == OPEN_EXISTING:
                self._open_existing(match.lead_id)
                return
            check_duplicates = choice == ATTACH
        try:
            result = create_lead(self._db, self.lead_input(), actor_id=self._actor_id, clock=self._clock,
                                 check_duplicates=check_duplicates)
        except Exception as exc:  # noqa: BLE001 - readable, the dialog keeps what was typed
            self._show_error(describe_error(exc))
            return
        self.result_reference = result.reference
        self.created.emit(result.lead_id)
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
