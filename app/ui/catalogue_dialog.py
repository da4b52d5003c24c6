"""The partner catalogue editor: hospitals on the left; for the one selected, its details, its
offers (product, approval, line items min–max, the records it needs) and the catalogue's history.

The dialog edits a copy of the newest revision's document; Save checks the whole document with the
catalogue's parser (app.domain.catalogue.parse_catalogue) and publishes it as the next revision with
the note the admin typed, or one listing what changed (app.domain.catalogue_edit). A problem is
shown in the dialog and nothing is published. In team mode only an admin may publish: for anyone
else the dialog is read-only under a banner saying so (the server would refuse them anyway).

The integrator adds a menu item calling `open_catalogue_dialog(parent, db, actor_id=…)`.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalogue import APPROVAL_STATES, Catalogue, parse_catalogue
from app.domain.catalogue_edit import (
    EditRight,
    change_catalogue,
    changed_line,
    describe_changes,
    edit_right,
    revision_entries,
)
from app.domain.catalogue_toml import catalogue_document, export_catalogue, import_catalogue
from app.domain.errors import UserError
from app.ui import theme
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.labels import banner_row, plain_label
from db.engine import Database

__all__ = ["CatalogueDialog", "open_catalogue_dialog"]

TOML_FILTER = "Catalogue files (*.toml);;All files (*)"
HOSPITAL_TEXTS = ("name", "local_name", "city", "country", "airport", "car_t_experience")
INTERNATIONAL = ("contact", "email", "phone", "hotline")
BAD_CELL = QColor(theme.RED_BG)


def _key_from(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:40] or "new"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _number(text: str) -> Any:
    """An amount as typed: a whole number as an int, else a float; anything else stays text, so
    the parser names it ('x' is not an amount)."""
    cleaned = text.replace(",", "").replace(" ", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return text.strip()
    if not value.is_finite():
        return text.strip()
    return int(value) if value == value.to_integral_value() else float(value)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def accreditations_text(entries: list[dict[str, Any]]) -> str:
    return ", ".join(f"{e.get('body', '')} {e['year']}" if e.get("year") else str(e.get("body", "")) for e in entries)


def parse_accreditations(text: str) -> list[dict[str, Any]]:
    """"JCI 2019, ISO 9001 2020" → [{body: JCI, year: 2019}, {body: ISO 9001, year: 2020}]."""
    out: list[dict[str, Any]] = []
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        found = re.fullmatch(r"(.+?)\s+\(?((?:19|20|21)\d{2})\)?", part)
        out.append({"body": found.group(1).strip(), "year": int(found.group(2))} if found else {"body": part})
    return out


def _codes(text: str) -> list[str]:
    return [c.strip().lower() for c in re.split(r"[,\s]+", text) if c.strip()]


class CatalogueDialog(QDialog):
    """Edit the partner catalogue (read-only where the person may not publish)."""

    published = Signal(int)  # the new revision

    def __init__(self, db: Database, *, actor_id: int | None = None, prompts: Prompts | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueDialog")
        self.setWindowTitle("Partner catalogue")
        self.db = db
        self.actor_id = actor_id
        self.prompts = prompts or Prompts()
        self.right: EditRight = edit_right(db, actor_id)
        self.stored: dict[str, Any] = {}
        self.document: dict[str, Any] = {}
        self.catalogue: Catalogue | None = None
        self._hospital: str | None = None
        self._offer: str | None = None
        self._filling = False

        self.banner = QFrame()
        self.banner.setObjectName("catalogueReadOnly")
        self.banner.setStyleSheet(
            f"#catalogueReadOnly {{ background: {theme.AMBER_BG}; border: 1px solid {theme.AMBER}; border-radius: 4px; }}"
            f"#catalogueReadOnly QLabel {{ color: {theme.TEXT}; }}")
        self.banner_text = plain_label(name="catalogueReadOnlyText")
        banner_row(self.banner, "⚠", self.banner_text)
        self.banner.hide()
        self.revision_label = plain_label(colour=theme.MUTED, name="catalogueRevision")

        # ---- the hospitals
        self.hospital_list = QListWidget()
        self.hospital_list.setObjectName("catalogueHospitals")
        self.hospital_list.setAccessibleName("Partner hospitals")
        self.add_hospital_button = QPushButton("Add hospital")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Partner hospitals"))
        left_layout.addWidget(self.hospital_list, 1)
        left_layout.addWidget(self.add_hospital_button)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("catalogueTabs")
        self.tabs.addTab(self._hospital_page(), "Hospital")
        self.tabs.addTab(self._offers_page(), "Offers")
        self.tabs.addTab(self._history_page(), "History")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])

        # ---- the bottom row
        self.message = plain_label(colour=theme.RED, name="catalogueMessage")
        self.message.hide()
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("catalogueNote")
        self.note_edit.setAccessibleName("What changed (a note for the catalogue history)")
        self.note_edit.setPlaceholderText("What changed (left empty, the desk lists the changes)")
        self.import_button = QPushButton("Import…")
        self.export_button = QPushButton("Export…")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("catalogueSave")
        self.save_button.setDefault(True)
        self.close_button = QPushButton("Close")
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addSpacing(12)
        bottom.addWidget(QLabel("Note"))
        bottom.addWidget(self.note_edit, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.revision_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.resize(1180, 680)

        self.hospital_list.currentItemChanged.connect(lambda *_: self._select_hospital())
        self.offer_list.currentItemChanged.connect(lambda *_: self._select_offer())
        self.add_hospital_button.clicked.connect(self.add_hospital)
        self.add_offer_button.clicked.connect(self.add_offer)
        self.add_item_button.clicked.connect(self._add_item_row)
        self.remove_item_button.clicked.connect(self._remove_item_row)
        self.items_table.itemChanged.connect(lambda *_: self._check_items())
        self.approval_combo.currentIndexChanged.connect(lambda *_: self._approval_changed())
        self.currency_edit.textEdited.connect(self._currency_header)
        self.save_button.clicked.connect(self.save)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.close_button.clicked.connect(self.reject)
        self.reload()
        self._apply_right()

    # ------------------------------------------------------------------ pages

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"catalogue_{name}")
        edit.setPlaceholderText(placeholder)
        return edit

    def _hospital_page(self) -> QWidget:
        self.hospital_edits: dict[str, QLineEdit] = {
            "name": self._line("name", "Beijing Riverside International Hospital"),
            "local_name": self._line("local_name", "北京河畔国际医院"),
            "city": self._line("city", "Beijing"),
            "country": self._line("country", "CN"),
            "airport": self._line("airport", "PEK — Beijing Capital International Airport"),
            "accreditations": self._line("accreditations", "JCI 2019, ISO 9001 2020"),
            "car_t_experience": self._line("car_t_experience", "Products or trials offered"),
            "patients_treated": self._line("patients_treated", "e.g. 640"),
            "languages": self._line("languages", "zh, en, ru"),
        }
        self.international_edits = {
            "contact": self._line("contact", "International Patient Centre"),
            "email": self._line("email", "intl@hospital.example"),
            "phone": self._line("phone", "+86 10 …"),
            "hotline": self._line("hotline", "+86 10 … (answered day and night)"),
        }
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("catalogue_notes")
        self.notes_edit.setTabChangesFocus(True)
        self.doctors_label = plain_label(colour=theme.MUTED, name="catalogueDoctors")

        first = QFormLayout()
        for key, caption in (("name", "Name (English)"), ("local_name", "Local name"), ("city", "City"),
                             ("country", "Country (code)"), ("airport", "Nearest airport"),
                             ("accreditations", "Accreditation"), ("car_t_experience", "CAR-T experience"),
                             ("patients_treated", "Patients treated"), ("languages", "Languages")):
            first.addRow(caption, self.hospital_edits[key])
        second = QFormLayout()
        for key, caption in (("contact", "International desk"), ("email", "Email"), ("phone", "Phone"),
                             ("hotline", "24/7 line")):
            second.addRow(caption, self.international_edits[key])
        second.addRow("Notes", self.notes_edit)
        second.addRow("Doctors", self.doctors_label)
        page = QWidget()
        grid = QGridLayout(page)
        grid.addLayout(first, 0, 0)
        grid.addLayout(second, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return page

    def _offers_page(self) -> QWidget:
        self.offer_list = QListWidget()
        self.offer_list.setObjectName("catalogueOffers")
        self.add_offer_button = QPushButton("Add offer")
        offers = QVBoxLayout()
        offers.addWidget(self.offer_list, 1)
        offers.addWidget(self.add_offer_button)

        self.offer_key_label = plain_label(colour=theme.MUTED, name="catalogueOfferKey")
        self.program_edit = self._line("program", "car_t_lymphoma")
        self.product_edit = self._line("product", "CD19-directed CAR-T, approved for …")
        self.approval_combo = QComboBox()
        self.approval_combo.setObjectName("catalogue_approval")
        for key, label in APPROVAL_STATES.items():
            self.approval_combo.addItem(label, key)
        self.registry_edit = self._line("registry", "ChiCTR…, NCT…")
        self.currency_edit = self._line("currency", "USD")
        self.currency_edit.setMaximumWidth(80)
        self.companion_check = QCheckBox("Requires a companion")
        self.companion_check.setObjectName("catalogue_companion")
        form = QFormLayout()
        form.addRow("Offer", self.offer_key_label)
        form.addRow("Program", self.program_edit)
        form.addRow("Product", self.product_edit)
        approval = QHBoxLayout()
        approval.addWidget(self.approval_combo)
        approval.addWidget(QLabel("Registry"))
        approval.addWidget(self.registry_edit, 1)
        form.addRow("Approval", approval)
        money = QHBoxLayout()
        money.addWidget(self.currency_edit)
        money.addSpacing(16)
        money.addWidget(self.companion_check)
        money.addStretch(1)
        form.addRow("Currency", money)

        self.items_table = QTableWidget(0, 3)
        self.items_table.setObjectName("catalogueItems")
        self.items_table.setHorizontalHeaderLabels(["Line item", "Min", "Max"])
        header = self.items_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.items_table.verticalHeader().setVisible(False)
        self.items_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_note = plain_label(colour=theme.RED, name="catalogueItemsNote")
        self.items_note.hide()
        self.add_item_button = QPushButton("Add line")
        self.remove_item_button = QPushButton("Remove line")
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.add_item_button)
        item_buttons.addWidget(self.remove_item_button)
        item_buttons.addStretch(1)
        items = QVBoxLayout()
        items.addWidget(QLabel("Line items (min–max, in the offer's currency)"))
        items.addWidget(self.items_table, 1)
        items.addWidget(self.items_note)
        items.addLayout(item_buttons)

        self.records_list = QListWidget()
        self.records_list.setObjectName("catalogueRecords")
        self.records_list.setWordWrap(True)
        self.records_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        records = QVBoxLayout()
        records.addWidget(QLabel("Records it needs"))
        records.addWidget(self.records_list, 1)

        lower = QHBoxLayout()
        lower.addLayout(items, 1)
        lower.addLayout(records, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(lower, 1)
        self.offer_form = QWidget()
        self.offer_form.setLayout(right)

        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(offers, 1)
        row.addWidget(self.offer_form, 4)
        return page

    def _history_page(self) -> QWidget:
        self.history = QTreeWidget()
        self.history.setObjectName("catalogueHistory")
        self.history.setHeaderLabels(["Revision", "When", "Who", "What changed"])
        self.history.setRootIsDecorated(False)
        self.history.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        page = QWidget()
        QVBoxLayout(page).addWidget(self.history)
        return page

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the newest revision again (edits not saved are dropped)."""
        document, row = catalogue_document(self.db)
        self.stored = copy.deepcopy(document)
        self.document = copy.deepcopy(document)
        self.catalogue = parse_catalogue(document, revision=row.revision if row else 0,
                                         changed_at=row.changed_at if row else None)
        entries = revision_entries(self.db)
        newest = next((e for e in entries if e.revision == self.catalogue.revision), None)
        self.revision_label.setText(changed_line(self.catalogue, entries)
                                    + (f" — {newest.note}" if newest is not None and newest.note else ""))
        self.history.clear()
        for e in entries:
            when = e.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            line = QTreeWidgetItem([str(e.revision), when, e.changed_by or "—", e.note or ""])
            line.setToolTip(3, e.note or "")
            self.history.addTopLevelItem(line)
        for column in range(3):
            self.history.resizeColumnToContents(column)
        self._fill_records()
        self._fill_hospitals(self._hospital)

    def _fill_records(self) -> None:
        self.records_list.clear()
        for key, raw in (self.document.get("records") or {}).items():
            item = QListWidgetItem(str(raw.get("label") or key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.records_list.addItem(item)

    def _fill_hospitals(self, select: str | None = None) -> None:
        self._filling = True
        self._hospital = None
        self.hospital_list.clear()
        for key, raw in (self.document.get("hospitals") or {}).items():
            item = QListWidgetItem(f"{raw.get('name') or key}\n{raw.get('city') or '—'}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.hospital_list.addItem(item)
        self._filling = False
        keys = [self.hospital_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.hospital_list.count())]
        if keys:
            self.hospital_list.setCurrentRow(keys.index(select) if select in keys else 0)
        else:
            self._show_hospital(None)

    def _apply_right(self) -> None:
        if self.right.allowed:
            return
        self.banner_text.setText(f"Read-only: {self.right.reason}. You can read and export it; "
                                 "ask an admin to make a change.")
        self.banner.show()
        for edit in [*self.hospital_edits.values(), *self.international_edits.values(), self.program_edit,
                     self.product_edit, self.registry_edit, self.currency_edit, self.note_edit]:
            edit.setReadOnly(True)
        self.notes_edit.setReadOnly(True)
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for widget in (self.approval_combo, self.companion_check, self.save_button, self.import_button,
                       self.add_hospital_button, self.add_offer_button, self.add_item_button, self.remove_item_button,
                       self.records_list):
            widget.setEnabled(False)
        self.save_button.setToolTip(self.right.reason or "")
        self.import_button.setToolTip(self.right.reason or "")

    # ------------------------------------------------------------------ selection

    def _select_hospital(self) -> None:
        if self._filling:
            return
        self._store_forms()
        item = self.hospital_list.currentItem()
        self._show_hospital(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _show_hospital(self, key: str | None) -> None:
        self._hospital = key
        raw = (self.document.get("hospitals") or {}).get(key, {}) if key else {}
        self._filling = True
        for name, edit in self.hospital_edits.items():
            if name == "accreditations":
                edit.setText(accreditations_text(raw.get("accreditations") or []))
            elif name == "languages":
                edit.setText(", ".join(raw.get("languages") or []))
            else:
                edit.setText(_shown(raw.get(name)) if name != "patients_treated" else str(raw.get(name) or ""))
            edit.setToolTip(edit.text() if len(edit.text()) > 40 else "")
            edit.setCursorPosition(0)
        international = raw.get("international") or {}
        for name, edit in self.international_edits.items():
            edit.setText(str(international.get(name) or ""))
        self.notes_edit.setPlainText(str(raw.get("notes") or ""))
        doctors = raw.get("doctors") or []
        self.doctors_label.setText("\n".join(
            f"{d.get('name')}" + (f", {d['title']}" if d.get("title") else "") for d in doctors) or "—")
        self._filling = False
        self.tabs.setTabText(1, f"Offers ({len(self._offer_keys())})")
        self._fill_offers()

    def _offer_keys(self) -> list[str]:
        return [k for k, o in (self.document.get("offers") or {}).items() if o.get("hospital") == self._hospital]

    def _fill_offers(self, select: str | None = None) -> None:
        self._filling = True
        self._offer = None
        self.offer_list.clear()
        for key in self._offer_keys():
            raw = self.document["offers"][key]
            item = QListWidgetItem(f"{key}\n{APPROVAL_STATES.get(raw.get('approval', ''), raw.get('approval', ''))}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.offer_list.addItem(item)
        self._filling = False
        keys = self._offer_keys()
        if keys:
            self.offer_list.setCurrentRow(keys.index(select) if select in keys else 0)
        else:
            self._show_offer(None)

    def _select_offer(self) -> None:
        if self._filling:
            return
        self._store_offer()
        item = self.offer_list.currentItem()
        self._show_offer(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _show_offer(self, key: str | None) -> None:
        self._offer = key
        raw = (self.document.get("offers") or {}).get(key, {}) if key else {}
        self._filling = True
        self.offer_form.setEnabled(key is not None)
        self.offer_key_label.setText(key or "No offer yet: Add offer")
        self.program_edit.setText(str(raw.get("program") or ""))
        self.product_edit.setText(str(raw.get("product") or ""))
        index = self.approval_combo.findData(raw.get("approval") or "approved")
        self.approval_combo.setCurrentIndex(max(index, 0))
        self.registry_edit.setText(str(raw.get("registry") or ""))
        self.currency_edit.setText(str(raw.get("currency") or ""))
        self.companion_check.setChecked(bool(raw.get("requires_companion")))
        self._currency_header(str(raw.get("currency") or ""))
        self.items_table.setRowCount(0)
        for entry in raw.get("medical") or []:
            self._add_item_row(entry)
        wanted = set(raw.get("records") or [])
        for i in range(self.records_list.count()):
            item = self.records_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._filling = False
        self._approval_changed()
        self._check_items()

    # ------------------------------------------------------------------ line items

    def _currency_header(self, currency: str) -> None:
        currency = currency.strip().upper()
        self.items_table.setHorizontalHeaderLabels(["Line item", f"Min {currency}".strip(), f"Max {currency}".strip()])

    def _add_item_row(self, entry: dict[str, Any] | None = None) -> None:
        entry = entry if isinstance(entry, dict) else {"item": "", "min": 0, "max": 0}
        was = self._filling
        self._filling = True
        row = self.items_table.rowCount()
        self.items_table.insertRow(row)
        for column, value in enumerate((entry.get("item", ""), _shown(entry.get("min")), _shown(entry.get("max")))):
            cell = QTableWidgetItem(str(value))
            if column:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.items_table.setItem(row, column, cell)
        self._filling = was

    def _remove_item_row(self) -> None:
        rows = sorted({i.row() for i in self.items_table.selectedIndexes()}, reverse=True)
        for row in rows or [self.items_table.rowCount() - 1]:
            if row >= 0:
                self.items_table.removeRow(row)
        self._check_items()

    def item_problems(self) -> list[str]:
        """What is wrong in the line-items table as it stands (each bad cell is tinted)."""
        problems: list[str] = []
        self._filling, was = True, self._filling
        for row in range(self.items_table.rowCount()):
            cells = [self.items_table.item(row, c) for c in range(3)]
            name = cells[0].text().strip() if cells[0] else ""
            texts = [c.text() if c else "" for c in cells[1:]]
            values = [_number(t) for t in texts]
            bad = [isinstance(v, str) for v in values]
            for flag, value in zip(bad, texts, strict=True):
                if flag:
                    problems.append(f"line item '{name or row + 1}': '{value}' is not an amount")
            over = not any(bad) and values[0] > values[1]
            if over:
                problems.append(f"line item '{name or row + 1}': min {texts[0]} is above max {texts[1]}")
            if not name:
                problems.append(f"line {row + 1} has no name")
            for column, cell in enumerate(cells):
                if cell is not None:
                    wrong = (column == 0 and not name) or (column > 0 and (bad[column - 1] or over))
                    cell.setBackground(BAD_CELL if wrong else QColor(0, 0, 0, 0))
        self._filling = was
        return problems

    def _check_items(self) -> None:
        if self._filling:
            return
        problems = self.item_problems()
        self.items_note.setText("; ".join(problems).capitalize() if problems else "")
        self.items_note.setVisible(bool(problems))

    def _approval_changed(self) -> None:
        trial = self.approval_combo.currentData() == "clinical_trial"
        self.registry_edit.setPlaceholderText("Registry number (required for a clinical trial)" if trial
                                              else "ChiCTR…, NCT… (for a clinical trial)")

    # ------------------------------------------------------------------ forms → document

    @staticmethod
    def _put(table: dict[str, Any], key: str, value: Any) -> None:
        if value in (None, "", [], {}):
            table.pop(key, None)
        else:
            table[key] = value

    def _store_forms(self) -> None:
        self._store_hospital()
        self._store_offer()

    def _store_hospital(self) -> None:
        if self._hospital is None or self._filling:
            return
        raw = self.document.setdefault("hospitals", {}).setdefault(self._hospital, {})
        for name in HOSPITAL_TEXTS:
            text = self.hospital_edits[name].text().strip()
            self._put(raw, name, text.upper() if name == "country" else text)
        self._put(raw, "accreditations", parse_accreditations(self.hospital_edits["accreditations"].text()))
        treated = self.hospital_edits["patients_treated"].text().replace(",", "").strip()
        self._put(raw, "patients_treated", int(treated) if treated.isdigit() else treated)
        self._put(raw, "languages", _codes(self.hospital_edits["languages"].text()))
        international = dict(raw.get("international") or {})
        for name, edit in self.international_edits.items():
            self._put(international, name, edit.text().strip())
        self._put(raw, "international", international)
        self._put(raw, "notes", self.notes_edit.toPlainText().strip())
        self._key_new_hospital(raw)
        item = self.hospital_list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == self._hospital:
            item.setText(f"{raw.get('name') or self._hospital}\n{raw.get('city') or '—'}")

    def _key_new_hospital(self, raw: dict[str, Any]) -> None:
        """A hospital added here takes its key from its name (offers added to it follow)."""
        old = self._hospital
        if old is None or old in (self.stored.get("hospitals") or {}) or not raw.get("name"):
            return
        hospitals = self.document["hospitals"]
        new = _key_from(str(raw["name"]), set(hospitals) - {old})
        if new == old:
            return
        self.document["hospitals"] = {new if k == old else k: v for k, v in hospitals.items()}
        for offer in (self.document.get("offers") or {}).values():
            if offer.get("hospital") == old:
                offer["hospital"] = new
        self._hospital = new
        item = self.hospital_list.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == old:
            item.setData(Qt.ItemDataRole.UserRole, new)

    def _store_offer(self) -> None:
        if self._offer is None or self._filling:
            return
        raw = self.document.setdefault("offers", {}).setdefault(self._offer, {})
        self._put(raw, "program", self.program_edit.text().strip())
        self._put(raw, "product", self.product_edit.text().strip())
        raw["approval"] = self.approval_combo.currentData()
        self._put(raw, "registry", self.registry_edit.text().strip())
        self._put(raw, "currency", self.currency_edit.text().strip().upper())
        raw["requires_companion"] = self.companion_check.isChecked()
        items = []
        for row in range(self.items_table.rowCount()):
            cells = [self.items_table.item(row, c) for c in range(3)]
            texts = [c.text() if c else "" for c in cells]
            items.append({"item": texts[0].strip(), "min": _number(texts[1]), "max": _number(texts[2])})
        raw["medical"] = items
        raw["records"] = [self.records_list.item(i).data(Qt.ItemDataRole.UserRole)
                          for i in range(self.records_list.count())
                          if self.records_list.item(i).checkState() == Qt.CheckState.Checked]

    # ------------------------------------------------------------------ adding

    def add_hospital(self) -> None:
        self._store_forms()
        hospitals = self.document.setdefault("hospitals", {})
        key = _key_from("new_hospital", set(hospitals))
        hospitals[key] = {"name": "New hospital", "city": "", "country": ""}
        self._fill_hospitals(key)
        self.tabs.setCurrentIndex(0)
        self.hospital_edits["name"].setFocus()
        self.hospital_edits["name"].selectAll()

    def add_offer(self) -> None:
        if self._hospital is None:
            return
        self._store_forms()
        offers = self.document.setdefault("offers", {})
        key = _key_from(f"{self._hospital}_offer", set(offers))
        template: dict[str, Any] = next(iter(offers.values()), {})
        offers[key] = {
            "hospital": self._hospital, "program": template.get("program", ""), "product": "",
            "approval": "approved", "indications": [], "excludes": [], "records": [],
            "requires_companion": True, "currency": template.get("currency", "USD"),
            "medical": [{"item": e.get("item"), "min": 0, "max": 0} for e in template.get("medical", [])]
            or [{"item": "medical_evaluation", "min": 0, "max": 0}],
            "journey": copy.deepcopy(template.get("journey")) or [{"step": "arrival", "weeks": [1, 1]}],
        }
        self._fill_offers(key)
        self.tabs.setTabText(1, f"Offers ({len(self._offer_keys())})")
        self.tabs.setCurrentIndex(1)
        self.product_edit.setFocus()

    # ------------------------------------------------------------------ saving, files

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet(f"color: {theme.RED if error else theme.GREEN};")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def has_changes(self) -> bool:
        from app.domain.catalogue import document_sha256

        self._store_forms()
        return document_sha256(self.document) != document_sha256(self.stored)

    def save(self) -> bool:
        """Check and publish the edited catalogue; False (with the problem shown) when nothing was published."""
        self._store_forms()
        problems = self.item_problems()
        if problems:
            self._show_message(f"Not saved: offer {self._offer}: " + "; ".join(problems))
            self.tabs.setCurrentIndex(1)
            return False
        try:
            parse_catalogue(self.document)
        except UserError as error:
            self._show_message(f"Not saved: {describe_error(error)}")
            return False
        note = self.note_edit.text().strip() or describe_changes(self.stored, self.document)
        if note == "no change":
            self._show_message("Nothing to save: the catalogue is as published.", error=False)
            return False
        try:
            published, stored = change_catalogue(self.db, self.document, note=note, actor_id=self.actor_id,
                                                 based_on=self.catalogue.revision if self.catalogue else None)
        except Exception as error:  # noqa: BLE001 - every refusal is shown in the dialog, in the desk's words
            self._show_message(f"Not saved: {describe_error(error)}")
            return False
        self.note_edit.clear()
        self.reload()
        self._show_message(f"Published revision {published.revision}." if stored else "Nothing new to publish.",
                           error=False)
        if stored:
            self.published.emit(published.revision)
        return stored

    def import_file(self) -> None:
        if self.has_changes() and not self.prompts.ask(
                self, "Import a catalogue", "The changes not saved here will be dropped. Import anyway?",
                yes="Import"):
            return
        path = self.prompts.open_path(self, "Import a catalogue", "", TOML_FILTER)
        if not path:
            return
        try:
            result = import_catalogue(self.db, path, actor_id=self.actor_id)
        except Exception as error:  # noqa: BLE001 - shown in the dialog, nothing was stored
            self._show_message(f"Not imported: {describe_error(error)}")
            return
        self.reload()
        if result.stored:
            self._show_message(f"Imported as revision {result.catalogue.revision}.", error=False)
            self.published.emit(result.catalogue.revision)
        else:
            self._show_message("Nothing to import: the file holds the published catalogue.", error=False)

    def export_file(self) -> None:
        path = self.prompts.save_path(self, "Export the catalogue", "catalogue.toml", TOML_FILTER)
        if not path:
            return
        try:
            export_catalogue(self.db, path, force=True)  # the file dialog asked before overwriting
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self._show_message(f"Not exported: {describe_error(error)}")
            return
        unsaved = " (the published revision; changes not saved here are not in it)" if self.has_changes() else ""
        self._show_message(f"Exported to {path}{unsaved}.", error=False)

    def reject(self) -> None:
        if self.right.allowed and self.has_changes() and not self.prompts.ask(
                self, "Partner catalogue", "Close without saving your changes?", yes="Close", no="Keep editing"):
            return
        super().reject()


def open_catalogue_dialog(parent: QWidget | None, db: Database, *, actor_id: int | None = None,
                          prompts: Prompts | None = None,
                          on_published: Callable[[int], None] | None = None) -> CatalogueDialog:
    """Show the catalogue editor (not modal; it deletes itself when closed)."""
    dialog = CatalogueDialog(db, actor_id=actor_id, prompts=prompts, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_published is not None:
        dialog.published.connect(on_published)
    dialog.show()
    return dialog
