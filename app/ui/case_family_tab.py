"""The case's Family tab: the relatives and companions (who decides, who travels, their phones),
the travellers every estimate counts, and the passport details behind a "Show" button (each
showing goes in the read log)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_file import case_lead
from app.domain.case_people import (
    RELATIONS,
    CasePersonRecord,
    PersonInput,
    add_person,
    people_in,
    remove_person,
    travellers,
    update_person,
)
from app.domain.clock import Clock, utc_now
from app.domain.countries import language_name
from app.domain.travel_details import TravelDetails, TravelInput, read_travel_details, set_travel_details
from app.ui.country_picker import CountryPicker
from app.ui.dialog_prompts import Prompts
from app.ui.labels import plain_label
from app.ui.language_picker import LanguagePicker
from app.ui.phone_field import PhoneListEditor
from db.engine import Database

__all__ = ["CaseFamilyTab", "PersonDialog", "TravelDialog"]

COLUMNS = ("Name", "Relation", "Phones", "Language", "Decides", "Travels")
PASSPORT_COLUMNS = ("Traveller", "Name in passport", "Nationality", "Born", "Passport", "Valid until", "Missing")
_NO_DATE = QDate(1900, 1, 1)
WARNING_COLOUR = "#9a5b00"


def _qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else _NO_DATE


def _pydate(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == _NO_DATE else date(value.year(), value.month(), value.day())


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("not set")  # the minimum date reads "not set"
    edit.setDate(_NO_DATE)
    return edit


class PersonDialog(QDialog):
    """Add or edit a relative or companion."""

    def __init__(self, parent: QWidget | None = None, *, person: CasePersonRecord | None = None,
                 region: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit person" if person else "Add a relative or companion")
        self.name = QLineEdit(person.name if person else "")
        self.name.setObjectName("personName")
        self.relation = QComboBox()
        self.relation.setObjectName("personRelation")
        self.relation.setEditable(True)
        self.relation.addItems(list(RELATIONS))
        if person:
            self.relation.setCurrentText(person.relation)
        self.phones = PhoneListEditor()
        self.phones.set_region(region)
        self.phones.set_phones([(str(p.get("raw", "")), str(p.get("kind") or "mobile")) for p in person.phones]
                               if person else [])
        self.email = QLineEdit(person.email or "" if person else "")
        self.language = LanguagePicker()
        self.language.set_code(person.language if person else None)
        self.decides = QCheckBox("Takes part in the decision")
        self.decides.setObjectName("personDecides")
        self.decides.setChecked(bool(person and person.decides))
        self.travels = QCheckBox("Travels with the patient")
        self.travels.setObjectName("personTravels")
        self.travels.setChecked(bool(person and person.travels))
        self.notes = QPlainTextEdit(person.notes or "" if person else "")
        self.notes.setMaximumHeight(60)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Relation", self.relation)
        form.addRow("Phones", self.phones)
        form.addRow("Email", self.email)
        form.addRow("Language", self.language)
        form.addRow("", self.decides)
        form.addRow("", self.travels)
        form.addRow("Notes", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        page = QVBoxLayout(self)
        page.addLayout(form)
        page.addWidget(buttons)

    def value(self) -> PersonInput:
        return PersonInput(name=self.name.text(), relation=self.relation.currentText(), phones=self.phones.phones(),
                           email=self.email.text() or None, language=self.language.code(),
                           decides=self.decides.isChecked(), travels=self.travels.isChecked(),
                           notes=self.notes.toPlainText() or None)


class TravelDialog(QDialog):
    """Passport details of one traveller."""

    def __init__(self, parent: QWidget | None = None, *, who: str, details: TravelDetails | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Passport details: {who}")
        self.full_name = QLineEdit(details.full_name or "" if details else "")
        self.full_name.setObjectName("passportName")
        self.full_name.setPlaceholderText("as in the passport, in Latin letters")
        self.nationality = CountryPicker()
        self.nationality.set_code(details.nationality if details else None)
        self.number = QLineEdit(details.passport_number or "" if details else "")
        self.number.setObjectName("passportNumber")
        self.born = _date_edit("passportBorn")
        self.born.setDate(_qdate(details.date_of_birth if details else None))
        self.expiry = _date_edit("passportExpiry")
        self.expiry.setDate(_qdate(details.passport_expiry if details else None))
        form = QFormLayout()
        form.addRow("Name in passport", self.full_name)
        form.addRow("Date of birth", self.born)
        form.addRow("Nationality", self.nationality)
        form.addRow("Passport number", self.number)
        form.addRow("Valid until", self.expiry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        page = QVBoxLayout(self)
        page.addLayout(form)
        page.addWidget(buttons)

    def value(self) -> TravelInput:
        return TravelInput(full_name=self.full_name.text() or None, date_of_birth=_pydate(self.born),
                           nationality=self.nationality.code(), passport_number=self.number.text() or None,
                           passport_expiry=_pydate(self.expiry))


def _item(text: str, *, person_id: int | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if person_id is not None:
        item.setData(Qt.ItemDataRole.UserRole, person_id)
    return item


def _table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # The name takes the room left; the other columns are as wide as what they hold, so the table
    # fits the tab on a laptop screen without a sideways scroll bar.
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class CaseFamilyTab(QWidget):
    """The Family tab of a case (show_lead(lead_id) to fill it)."""

    changed = Signal()

    def __init__(self, db: Database, *, prompts: Prompts | None = None, clock: Clock = utc_now,
                 actor_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseFamilyTab")
        self.db, self.prompts, self.clock, self.actor_id = db, prompts or Prompts(), clock, actor_id
        self.lead_id: int | None = None
        self.reference: str | None = None
        self.region: str | None = None
        self.people: list[CasePersonRecord] = []
        self.shown: list[TravelDetails] | None = None

        self.summary = plain_label(name="travellersSummary")
        self.note = plain_label(colour=WARNING_COLOUR, name="travellersNote")
        self.table = _table("familyPeople", COLUMNS)
        self.table.setAccessibleName("Relatives and companions")
        for column, width in enumerate((190, 90, 200, 90, 70)):
            self.table.setColumnWidth(column, width)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._enable_selection)
        self.add_button = QPushButton("Add person…")
        self.add_button.setObjectName("addPerson")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)

        self.passport_title = QLabel("Passport details")
        self.passport_title.setProperty("role", "section")
        self.passport_hint = plain_label("Hidden: shown only when needed, and each showing is logged.",
                                         name="passportHint")
        self.show_button = QPushButton("Show")
        self.show_button.setObjectName("showPassports")
        self.show_button.clicked.connect(self.toggle_passports)
        self.passport_button = QPushButton("Edit passport…")
        self.passport_button.setObjectName("editPassport")
        self.passport_button.setToolTip("The selected person's passport (the patient's when nobody is selected)")
        self.passport_button.clicked.connect(self.edit_passport)
        self.passports = _table("familyPassports", PASSPORT_COLUMNS)
        for column, width in enumerate((150, 170, 90, 90, 100, 90)):
            self.passports.setColumnWidth(column, width)
        self.passports.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        passport_row = QHBoxLayout()
        passport_row.addWidget(self.passport_title)
        passport_row.addSpacing(8)
        passport_row.addWidget(self.passport_hint, 1)
        passport_row.addWidget(self.show_button)
        passport_row.addWidget(self.passport_button)
        page = QVBoxLayout(self)
        page.setContentsMargins(10, 8, 10, 8)
        page.addWidget(self.summary)
        page.addWidget(self.note)
        page.addWidget(self.table, 3)
        page.addLayout(buttons)
        page.addLayout(passport_row)
        page.addWidget(self.passports, 2)
        self._enable()

    # ------------------------------------------------------------ loading

    def show_lead(self, lead_id: int | None) -> None:
        if lead_id != self.lead_id:
            self.hide_passports()
        self.lead_id = lead_id
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        if self.lead_id is None:
            self.people, self.reference = [], None
            self.summary.setText("No lead selected")
            self.note.hide()
            self._enable()
            return
        with self.db.read() as session:
            lead = case_lead(session, self.lead_id)
            self.reference, self.region = lead.reference, lead.country
            self.people = people_in(session, lead)
            party = travellers(session, lead)
        self.summary.setText(f"Travellers: {party.count} — {', '.join(party.names)}")
        self.note.setText(party.note or "")
        self.note.setVisible(bool(party.note))
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            phones = ", ".join(str(p.get("e164") or f"{p.get('raw')} (not valid)") for p in person.phones)
            cells = (person.name, person.relation, phones, language_name(person.language) if person.language else "",
                     "yes" if person.decides else "", "yes" if person.travels else "")
            for column, text in enumerate(cells):
                item = _item(text, person_id=person.id)
                if column == 2 and any(not p.get("valid") for p in person.phones):
                    item.setToolTip("\n".join(person.phone_warnings))
                self.table.setItem(row, column, item)
        if self.shown is not None:
            self.show_passports()
        self._enable()

    def _enable(self) -> None:
        has_lead = self.lead_id is not None
        selected = self.selected_person() is not None
        for button in (self.add_button, self.show_button, self.passport_button):
            button.setEnabled(has_lead)
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _enable_selection(self) -> None:
        selected = self.selected_person() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def selected_person(self) -> CasePersonRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        first = self.table.item(rows[0].row(), 0)
        person_id = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
        return next((p for p in self.people if p.id == person_id), None)

    # ------------------------------------------------------------ people

    def _dialog(self, person: CasePersonRecord | None) -> PersonDialog:
        """The dialog to add or edit (tests replace it to fill it in)."""
        return PersonDialog(self, person=person, region=self.region)

    def add(self) -> None:
        self._save(None)

    def edit_selected(self) -> None:
        person = self.selected_person()
        if person is not None:
            self._save(person)

    def _save(self, person: CasePersonRecord | None) -> None:
        if self.lead_id is None:
            return
        dialog = self._dialog(person)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            if person is None:
                saved = add_person(self.db, self.lead_id, dialog.value(), actor_id=self.actor_id, clock=self.clock)
            else:
                saved = update_person(self.db, self.lead_id, person.id, dialog.value(), actor_id=self.actor_id,
                                      clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - shown in the desk's words
            self.prompts.error(self, "Could not save the person", exc)
            return
        if saved.warnings:
            self.prompts.inform(self, "Saved, with a warning", "\n".join(saved.warnings))
        self.refresh()
        self.changed.emit()

    def remove_selected(self) -> None:
        person = self.selected_person()
        if person is None or self.lead_id is None:
            return
        if not self.prompts.ask(self, "Remove person", f"Take {person.name} off the case? Their passport details "
                                "go too.", yes="Remove"):
            return
        try:
            remove_person(self.db, self.lead_id, person.id, actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Could not remove the person", exc)
            return
        self.refresh()
        self.changed.emit()

    # ------------------------------------------------------------ passports

    def toggle_passports(self) -> None:
        if self.shown is None:
            self.show_passports()
        else:
            self.hide_passports()

    def show_passports(self) -> None:
        """Read the passport details (a read in the read log) and show them."""
        if self.lead_id is None:
            return
        try:
            self.shown = read_travel_details(self.db, self.lead_id, actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - a team viewer is refused by the server
            self.prompts.error(self, "Passport details", exc)
            return
        by_person = {d.person_id: d for d in self.shown}
        rows: list[tuple[str, TravelDetails | None]] = [("the patient", by_person.get(None))]
        rows += [(p.name, by_person.get(p.id)) for p in self.people if p.travels or p.id in by_person]
        self.passports.setRowCount(len(rows))
        for row, (who, d) in enumerate(rows):
            cells = (who, d.full_name or "" if d else "", d.nationality or "" if d else "",
                     d.date_of_birth.isoformat() if d and d.date_of_birth else "", d.passport_number or "" if d else "",
                     d.passport_expiry.isoformat() if d and d.passport_expiry else "",
                     ", ".join(d.missing) if d else "no passport details")
            for column, text in enumerate(cells):
                self.passports.setItem(row, column, _item(text))
        self.passports.show()
        self.show_button.setText("Hide")
        self.passport_hint.setText("Shown now (the showing is logged).")

    def hide_passports(self) -> None:
        self.shown = None
        self.passports.setRowCount(0)
        self.passports.hide()
        self.show_button.setText("Show")
        self.passport_hint.setText("Hidden: shown only when needed, and each showing is logged.")

    def _travel_dialog(self, who: str, details: TravelDetails | None) -> TravelDialog:
        return TravelDialog(self, who=who, details=details)

    def edit_passport(self) -> None:
        if self.lead_id is None:
            return
        person = self.selected_person()
        person_id = person.id if person else None
        who = person.name if person else "the patient"
        current = None
        if self.shown is not None:
            current = next((d for d in self.shown if d.person_id == person_id), None)
        dialog = self._travel_dialog(who, current)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            saved = set_travel_details(self.db, self.lead_id, dialog.value(), person_id=person_id,
                                       actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self.prompts.error(self, "Could not save the passport details", exc)
            return
        if saved.warnings:
            self.prompts.inform(self, "Saved, with a warning", "\n".join(saved.warnings))
        if self.shown is not None:
            self.show_passports()
        self.changed.emit()
