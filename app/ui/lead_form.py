"""The lead form: every editable field of a lead, checked as it is typed. Layout only, plus the
small field-level behaviour (formatting, flags, the patient's local time); saving and duplicate
checks belong to the editor that holds the form (lead_editor.py, new_lead_dialog.py).

`values()` gives the fields in the shape `update_lead` / `LeadInput` take; `load()` fills the
form from a detached `LeadDetail` (or empties it for a new lead).
"""
from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from PySide6.QtCore import QDateTime, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.lead_history import FIELD_LABELS
from app.domain.lead_records import DIAGNOSIS_CATEGORIES, MESSENGERS, CoordinatorRecord, LeadDetail
from app.domain.leads import check_email
from app.domain.phone import WORKING_HOURS, local_time_for
from app.domain.program_choices import currency_choices, program_choices
from app.ui import i18n, theme
from app.ui.accessible import name_form_fields
from app.ui.country_picker import CountryPicker
from app.ui.dialog_prompts import Prompts
from app.ui.i18n import QT_TRANSLATE_NOOP, domain_word, translate
from app.ui.labels import plain_label
from app.ui.language_picker import LanguagePicker
from app.ui.phone_field import ERROR_COLOUR, INVALID_STYLE, NOTE_COLOUR, PhoneListEditor

__all__ = [
    "CONSENT_METHODS", "CONSENT_TITLE", "DUPLICATE_CHECK_DELAY", "NO_DATETIME", "LeadForm", "confirm_health_data",
    "from_qdatetime", "text_direction", "to_qdatetime",
]

#: How consent is usually given; free text is allowed.
CONSENT_METHODS = (QT_TRANSLATE_NOOP("LeadForm", "Verbally, on a call"), QT_TRANSLATE_NOOP("LeadForm", "In writing, by email"),
                   QT_TRANSLATE_NOOP("LeadForm", "Signed consent form"), QT_TRANSLATE_NOOP("LeadForm", "Website form checkbox"),
                   QT_TRANSLATE_NOOP("LeadForm", "Messenger"))
WARN_COLOUR = theme.AMBER
NO_DATETIME = QDateTime.fromSecsSinceEpoch(0)
_MESSENGER_LABELS = {"whatsapp": "WhatsApp", "wechat": "WeChat", "telegram": "Telegram"}
_RTL = {"R", "AL"}


#: How long typing must pause before the duplicate check runs (ms).
DUPLICATE_CHECK_DELAY = 350

CONSENT_TITLE = QT_TRANSLATE_NOOP("LeadForm", "Save health details without consent?")


def confirm_health_data(parent: QWidget, prompts: Prompts, warning: str | None) -> bool:
    """True when there is nothing to confirm (`warning` is None, from app.domain.consent) or the
    coordinator chose to save anyway."""
    return warning is None or prompts.ask(parent,
        translate("LeadForm", CONSENT_TITLE), warning + "\n\n" + translate("LeadForm", "Save anyway?"), yes=translate("LeadForm",
            "Save anyway"), no=translate("LeadForm", "Go back"))


def text_direction(text: str) -> Qt.LayoutDirection:
    """Right-to-left when the first letter with a strong direction is Arabic, Hebrew, Syriac…"""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL:
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return Qt.LayoutDirection.LeftToRight


def to_qdatetime(value: datetime | None) -> QDateTime:
    """An aware datetime as a local QDateTime; None as NO_DATETIME (shown as "Not set")."""
    if value is None:
        return NO_DATETIME
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return QDateTime.fromSecsSinceEpoch(int(aware.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime | None:
    if value <= NO_DATETIME:
        return None
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=UTC)


class LeadForm(QWidget):
    """All editable fields. Signals: `edited` on any change, `contactsEdited` when a phone, the
    email or the country changes (the holder re-checks for duplicates)."""

    edited = Signal()
    contactsEdited = Signal()

    def __init__(self, *, clock: Clock = utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._loading = False
        self._consent_at: datetime | None = None
        self._consent_loaded = False
        self._timezone: str | None = None
        self._filling_zones = False
        self._build()
        name_form_fields(self)
        self._connect()
        self._minute = QTimer(self)
        self._minute.setInterval(60_000)
        self._minute.timeout.connect(self.refresh_local_time)
        self._minute.start()
        self.load(None, [])

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.groups: list[QGroupBox] = []
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("fullName")
        self.name_edit.setPlaceholderText(translate("LeadForm", "As the patient writes it, in any script"))
        self.name_error = plain_label(colour=ERROR_COLOUR)
        self.latin_edit = QLineEdit()
        self.latin_edit.setPlaceholderText(translate("LeadForm", "As in the passport, e.g. Ivan Petrov"))
        self.country_picker = CountryPicker()
        self.language_picker = LanguagePicker()

        self.phones = PhoneListEditor()
        self.local_time_label = plain_label(wrap=False)
        self.local_time_label.setObjectName("localTime")
        self.zone_box = QComboBox()
        self.zone_box.setObjectName("zonePicker")
        self.zone_box.setToolTip(translate("LeadForm", "The number covers several time zones: choose the patient's"))
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(translate("LeadForm", "name@example.com"))
        self.email_error = plain_label(colour=ERROR_COLOUR)
        self.messenger_edits: dict[str, QLineEdit] = {}
        for name in MESSENGERS:
            edit = QLineEdit()
            edit.setPlaceholderText({"whatsapp": translate("LeadForm", "Number"), "wechat": translate("LeadForm", "WeChat ID"),
                                  "telegram": translate("LeadForm", "@username or number")}[name])
            self.messenger_edits[name] = edit
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(translate("LeadForm", "Website form, WhatsApp, partner referral…"))

        self.diagnosis_edit = QPlainTextEdit()
        self.diagnosis_edit.setObjectName("diagnosis")
        self.diagnosis_edit.setPlaceholderText(translate("LeadForm", "What the patient or the doctors wrote"))
        self.diagnosis_edit.setTabChangesFocus(True)
        self.diagnosis_edit.setFixedHeight(self.diagnosis_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.category_box = QComboBox()
        self.category_box.addItem("—", None)
        for key, label in DIAGNOSIS_CATEGORIES.items():
            self.category_box.addItem(label, key)
        self.program_box = QComboBox()
        self.program_box.setEditable(True)
        self.program_box.addItem("", None)
        for pid, label in program_choices():
            self.program_box.addItem(label, pid)

        self.budget_edit = QLineEdit()
        self.budget_edit.setPlaceholderText("e.g. 90000")
        self.budget_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,12}([.,]\d{0,2})?$")))
        self.currency_box = QComboBox()
        self.currency_box.addItem("", None)
        for code in currency_choices():
            self.currency_box.addItem(code, code)
        self.companions_spin = QSpinBox()
        self.companions_spin.setRange(0, 20)

        self.coordinator_box = QComboBox()
        self.follow_up_edit = QDateTimeEdit()
        self.follow_up_edit.setObjectName("followUp")
        self.follow_up_edit.setCalendarPopup(True)
        self.follow_up_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.follow_up_edit.setMinimumDateTime(NO_DATETIME)
        self.follow_up_edit.setSpecialValueText(translate("LeadForm", "Not set"))
        self.follow_up_clear = QToolButton()
        self.follow_up_clear.setText(translate("LeadForm", "Clear"))
        self.consent_check = QCheckBox(translate("LeadForm", "The patient agreed that we store their health data"))
        self.consent_check.setObjectName("consent")
        self.consent_method = QComboBox()
        self.consent_method.setEditable(True)
        self.consent_method.addItem("")
        self.consent_method.addItems([translate("LeadForm", method) for method in CONSENT_METHODS])
        consent_line = self.consent_method.lineEdit()
        assert consent_line is not None
        consent_line.setPlaceholderText(translate("LeadForm", "How it was given"))
        self.consent_when = plain_label(colour=NOTE_COLOUR)

        person = self._group(translate("LeadForm", "Patient"))
        person.addRow(domain_word(FIELD_LABELS["full_name"]) + " *", self._stack(self.name_edit, self.name_error))
        person.addRow(domain_word(FIELD_LABELS["latin_name"]), self.latin_edit)
        person.addRow(domain_word(FIELD_LABELS["country"]), self.country_picker)
        person.addRow(domain_word(FIELD_LABELS["language"]), self.language_picker)

        contact = self._group(translate("LeadForm", "How to reach them"))
        contact.addRow(domain_word(FIELD_LABELS["phones"]), self.phones)
        zone_row = QHBoxLayout()
        zone_row.setContentsMargins(0, 0, 0, 0)
        zone_row.addWidget(self.local_time_label)
        zone_row.addWidget(self.zone_box, 1)
        contact.addRow(translate("LeadForm", "Local time"), self._wrap(zone_row))
        contact.addRow(domain_word(FIELD_LABELS["email"]), self._stack(self.email_edit, self.email_error))
        for name, edit in self.messenger_edits.items():
            contact.addRow(_MESSENGER_LABELS[name], edit)
        contact.addRow(domain_word(FIELD_LABELS["source"]), self.source_edit)

        medical = self._group(translate("LeadForm", "Medical"))
        medical.addRow(domain_word(FIELD_LABELS["diagnosis"]), self.diagnosis_edit)
        medical.addRow(translate("LeadForm", "Category"), self.category_box)
        medical.addRow(domain_word(FIELD_LABELS["program"]), self.program_box)
        consent_box = QVBoxLayout()
        consent_box.setContentsMargins(0, 0, 0, 0)
        consent_box.setSpacing(4)
        consent_box.addWidget(self.consent_check)
        consent_box.addWidget(self.consent_method)
        consent_box.addWidget(self.consent_when)
        medical.addRow(translate("LeadForm", "Consent"), self._wrap(consent_box))

        plan = self._group(translate("LeadForm", "Plan"))
        budget_row = QHBoxLayout()
        budget_row.setContentsMargins(0, 0, 0, 0)
        budget_row.addWidget(self.budget_edit, 1)
        budget_row.addWidget(self.currency_box)
        plan.addRow(domain_word(FIELD_LABELS["budget_amount"]), self._wrap(budget_row))
        plan.addRow(domain_word(FIELD_LABELS["companions"]), self.companions_spin)
        plan.addRow(domain_word(FIELD_LABELS["coordinator_id"]), self.coordinator_box)
        follow_row = QHBoxLayout()
        follow_row.setContentsMargins(0, 0, 0, 0)
        follow_row.addWidget(self.follow_up_edit, 1)
        follow_row.addWidget(self.follow_up_clear)
        plan.addRow(domain_word(FIELD_LABELS["next_follow_up"]), self._wrap(follow_row))

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        for box in self.groups:
            column.addWidget(box)
        column.addStretch(1)
        self._align_labels()

    def _align_labels(self) -> None:
        """One label column for all groups, so the fields line up down the whole form."""
        labels: list[QLabel] = []
        for box in self.groups:
            form = cast(QFormLayout, box.layout())
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel):
                    labels.append(label)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _group(self, title: str) -> QFormLayout:
        box = QGroupBox(title, self)
        self.groups.append(box)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        return form

    @staticmethod
    def _wrap(layout) -> QWidget:
        holder = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(layout)
        return holder

    @classmethod
    def _stack(cls, field: QWidget, note: QLabel) -> QWidget:
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(note)
        note.hide()
        return cls._wrap(column)

    def _connect(self) -> None:
        plain_edits = [self.name_edit, self.latin_edit, self.email_edit, self.source_edit, self.budget_edit,
                       *self.messenger_edits.values()]
        for edit in plain_edits:
            edit.textChanged.connect(self._changed)
        self.name_edit.textChanged.connect(self._name_changed)
        self.email_edit.textChanged.connect(self._email_changed)
        self.email_edit.textChanged.connect(lambda _text: self._contacts_changed())
        self.phones.changed.connect(self._contacts_changed)
        self.phones.changed.connect(self.refresh_local_time)
        self.country_picker.codeChanged.connect(self._country_changed)
        self.language_picker.codeChanged.connect(self._changed)
        self.zone_box.currentIndexChanged.connect(self._zone_changed)
        self.diagnosis_edit.textChanged.connect(self._changed)
        for combo in (self.category_box, self.currency_box, self.coordinator_box):
            combo.currentIndexChanged.connect(self._changed)
        self.program_box.currentTextChanged.connect(self._changed)
        self.companions_spin.valueChanged.connect(self._changed)
        self.follow_up_edit.dateTimeChanged.connect(self._changed)
        self.follow_up_clear.clicked.connect(lambda: self.follow_up_edit.setDateTime(NO_DATETIME))
        self.consent_check.toggled.connect(self._consent_toggled)
        self.consent_method.currentTextChanged.connect(self._changed)

    # ------------------------------------------------------------------ values

    def load(self, detail: LeadDetail | None, coordinators: list[CoordinatorRecord]) -> None:
        """Show `detail` (None: an empty form for a new lead)."""
        self._loading = True
        try:
            self.coordinator_box.clear()
            self.coordinator_box.addItem("—", None)
            for person in coordinators:
                self.coordinator_box.addItem(person.name, person.id)
            if detail is None:
                self.set_values({})
            else:
                self.set_values(detail.editable_values())
                self._consent_at = detail.consent_at
                if detail.coordinator and self.coordinator_box.findData(detail.coordinator.id) < 0:
                    self.coordinator_box.addItem(detail.coordinator.name, detail.coordinator.id)
                    self.coordinator_box.setCurrentIndex(self.coordinator_box.count() - 1)
            self._consent_loaded = self.consent_check.isChecked()
            self._show_consent_when()
        finally:
            self._loading = False
        self.refresh_local_time()

    def set_values(self, values: dict[str, Any]) -> None:
        """Put `values` (editable field → value, as `LeadDetail.editable_values()` gives them) in the form."""
        get = values.get
        self.name_edit.setText(get("full_name") or "")
        self.latin_edit.setText(get("latin_name") or "")
        self.country_picker.set_code(get("country"))
        self.phones.set_region(get("country"))
        self.language_picker.set_code(get("language"))
        self._timezone = get("timezone")
        self.phones.set_phones(get("phones") or [])
        self.email_edit.setText(get("email") or "")
        messengers = get("messengers") or {}
        for name, edit in self.messenger_edits.items():
            edit.setText(messengers.get(name) or "")
        self.source_edit.setText(get("source") or "")
        self.diagnosis_edit.setPlainText(get("diagnosis") or "")
        self.category_box.setCurrentIndex(max(self.category_box.findData(get("diagnosis_category")), 0))
        program: str = get("program") or ""
        index = self.program_box.findData(program) if program else 0
        if index < 0:
            self.program_box.setEditText(program)
        else:
            self.program_box.setCurrentIndex(index)
        budget = get("budget_amount")
        self.budget_edit.setText("" if budget is None else format(Decimal(budget).normalize(), "f"))
        currency = get("budget_currency")
        index = self.currency_box.findData(currency)
        if currency and index < 0:
            self.currency_box.addItem(currency, currency)
            index = self.currency_box.count() - 1
        self.currency_box.setCurrentIndex(max(index, 0))
        self.companions_spin.setValue(int(get("companions") or 0))
        self.coordinator_box.setCurrentIndex(max(self.coordinator_box.findData(get("coordinator_id")), 0))
        self.follow_up_edit.setDateTime(to_qdatetime(get("next_follow_up")))
        self.consent_check.setChecked(bool(get("consent_health_data")))
        self.consent_method.setEditText(get("consent_method") or "")
        self.refresh_local_time()

    def values(self) -> dict[str, Any]:
        """Every editable field, as `update_lead` takes it."""
        budget_text = self.budget_edit.text().strip().replace(",", ".")
        try:
            budget = Decimal(budget_text) if budget_text else None
        except InvalidOperation:
            budget = None
        program_text = self.program_box.currentText().strip()
        program_index = self.program_box.findText(program_text, Qt.MatchFlag.MatchExactly) if program_text else -1
        program = self.program_box.itemData(program_index) if program_index > 0 else (program_text or None)
        return {
            "full_name": self.name_edit.text().strip(),
            "latin_name": self.latin_edit.text().strip() or None,
            "country": self.country_picker.code(),
            "language": self.language_picker.code(),
            "timezone": self._timezone,
            "email": self.email_edit.text().strip() or None,
            "phones": self.phones.phones(),
            "messengers": {name: edit.text().strip() for name, edit in self.messenger_edits.items() if edit.text().strip()},
            "source": self.source_edit.text().strip() or None,
            "diagnosis": self.diagnosis_edit.toPlainText().strip() or None,
            "diagnosis_category": self.category_box.currentData(),
            "program": program,
            "budget_amount": budget,
            "budget_currency": self.currency_box.currentData(),
            "companions": self.companions_spin.value(),
            "coordinator_id": self.coordinator_box.currentData(),
            "next_follow_up": from_qdatetime(self.follow_up_edit.dateTime()),
            "consent_health_data": self.consent_check.isChecked(),
            "consent_method": self.consent_method.currentText().strip() or None,
        }

    def problems(self) -> list[str]:
        """What must be fixed before saving (a flagged phone is not one: it is kept as typed)."""
        found = []
        if not self.name_edit.text().strip():
            found.append(translate("LeadForm", "The lead needs a name."))
        if problem := check_email(self.email_edit.text()):
            found.append(problem[0].upper() + problem[1:] + ".")
        return found

    # ------------------------------------------------------------------ behaviour

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def _contacts_changed(self) -> None:
        if not self._loading:
            self.contactsEdited.emit()
            self.edited.emit()

    def _name_changed(self, text: str) -> None:
        direction = text_direction(text)
        self.name_edit.setLayoutDirection(direction)
        self.name_edit.setAlignment(Qt.AlignmentFlag.AlignLeft)  # the start of the text, mirrored for RTL
        self.name_error.setText("" if text.strip() else translate("LeadForm", "The lead needs a name."))
        self.name_error.setVisible(not text.strip() and not self._loading)

    def _email_changed(self, text: str) -> None:
        problem = check_email(text)
        self.email_error.setText(problem or "")
        self.email_error.setVisible(bool(problem))
        self.email_edit.setStyleSheet(f"QLineEdit {{ {INVALID_STYLE} }}" if problem else "")

    def _country_changed(self, code: str) -> None:
        self.phones.set_region(code or None)
        self._contacts_changed()

    def _zone_changed(self, _index: int) -> None:
        if self._filling_zones:
            return
        self._timezone = self.zone_box.currentData()
        self.refresh_local_time()
        self._changed()

    def _consent_toggled(self, checked: bool) -> None:
        self._show_consent_when()
        self._changed()

    def _show_consent_when(self) -> None:
        checked = self.consent_check.isChecked()
        self.consent_method.setEnabled(checked)
        if checked and self._consent_loaded and self._consent_at is not None:
            text = translate("LeadForm", "Given {when}").format(when=i18n.date_time_text(self._consent_at.astimezone()))
        elif checked:
            text = translate("LeadForm", "The time is recorded when you save.")
        else:
            text = translate("LeadForm", "Not given: saving health details will ask for a confirmation.")
        self.consent_when.setText(text)

    def _zones(self) -> tuple[str, ...]:
        first = next((info for info in self.phones.infos() if info.valid), None)
        return first.time_zones if first else ()

    def refresh_local_time(self) -> None:
        """The patient's local time from the first valid phone (or the zone chosen for the lead)."""
        candidates = self._zones()
        now = self._clock()
        shown = local_time_for(candidates, now, self._timezone)
        automatic = local_time_for(candidates, now)
        start, end = WORKING_HOURS
        if shown.local is None:
            text = (translate("LeadForm", "varies: choose the zone →") if automatic.label == "varies" and not self._timezone
                    else translate("LeadForm", "unknown (no valid phone)"))
            colour = NOTE_COLOUR
        else:
            text = i18n.local_time_text(shown.label)
            colour = NOTE_COLOUR
            if shown.outside_hours:
                text += translate("LeadForm", " — outside calling hours ({start}–{end})").format(
                    start=i18n.time_text(start), end=i18n.time_text(end))
                colour = WARN_COLOUR
        self.local_time_label.setText(text)
        self.local_time_label.setStyleSheet(f"color: {colour};")
        needs_picker = automatic.label == "varies" or bool(self._timezone)
        self._fill_zones(candidates, now, visible=needs_picker)

    def _fill_zones(self, candidates, now: datetime, *, visible: bool) -> None:
        self._filling_zones = True
        try:
            self.zone_box.clear()
            self.zone_box.addItem(
                translate("LeadForm", "Choose the patient's time zone…") if len(candidates) > 1 else translate("LeadForm",
                    "From the number"), None)
            zones = list(candidates)
            if self._timezone and self._timezone not in zones:
                zones.insert(0, self._timezone)
            moments = {zone: local_time_for([zone], now) for zone in zones}
            for zone in sorted(zones, key=lambda z: ((local.utcoffset() if (local := moments[z].local) else timedelta(0)), z)):
                moment = moments[zone]
                self.zone_box.addItem(f"{moment.label} ({zone})" if moment.local else zone, zone)
            index = self.zone_box.findData(self._timezone) if self._timezone else 0
            self.zone_box.setCurrentIndex(max(index, 0))
        finally:
            self._filling_zones = False
        self.zone_box.setVisible(visible)
