"""The case view's "Review & quotes" tab: per partner hospital, the patient's consent to share
(Record consent… / Withdraw), the review bundle (Make bundle…, in a worker, de-identified or not),
the hospital's answer (Record answer…), and every quote side by side in the patient's currency
with the chosen one marked (Choose).

The rules are the domain's (app.domain.sharing_consent, medical_review, quotes) and the packet
engine's (app.packets.review_bundle); this tab shows them and asks. Sized for the tab area of a
1366×768 screen (about 1000×520).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont
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
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_file import case_lead
from app.domain.catalogue import APPROVAL_STATES, Catalogue, Hospital, current_catalogue
from app.domain.clock import Clock, utc_now
from app.domain.medical_review import VERDICTS, ReviewRecord, list_reviews, record_answer
from app.domain.quotes import ComparedQuote, QuoteComparison, add_quote, choose_quote, compare_quotes
from app.domain.sharing_consent import ConsentRecord, list_consents, record_consent, withdraw_consent
from app.packets.review_bundle import MadeBundle, write_review_bundle
from app.ui import theme
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.i18n import country_name
from app.ui.labels import plain_label
from db.engine import Database

__all__ = ["AnswerDialog", "CaseReviewTab", "ConsentDialog", "QuoteDialog"]

CONSENT_METHODS = ("signed form", "email message", "WhatsApp message", "recorded call")
CHOSEN_MARK = "✔ Chosen"


def _money(value: object) -> str:
    return "—" if value is None else f"{value:,}"


def _item(text: str, *, align_right: bool = False, data: object = None, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if tip:
        item.setToolTip(tip)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setHighlightSections(False)
    return table


# ---------------------------------------------------------------- dialogs


class ConsentDialog(QDialog):
    """How the patient consented to sharing their records with one hospital (and its country)."""

    def __init__(self, hospital: Hospital, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record consent to share")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            f"The patient's explicit consent to share their medical records with {hospital.name}, "
            f"{country_name(hospital.country)} (GDPR Art. 49(1)(a)). Record how it was given."))
        form = QFormLayout()
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(CONSENT_METHODS)
        form.addRow("How it was given", self.method)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record consent")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def method_text(self) -> str:
        return self.method.currentText().strip()


class AnswerDialog(QDialog):
    """A hospital's answer: the verdict, recommended offer, product and approval, doctor, notes."""

    def __init__(self, hospital: Hospital, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Answer from {hospital.name}")
        self.catalogue = catalogue
        form = QFormLayout(self)
        self.verdict = QComboBox()
        for key, label in VERDICTS.items():
            self.verdict.addItem(label, key)
        form.addRow("Verdict", self.verdict)
        self.offer = QComboBox()
        self.offer.addItem("—", None)
        for offer in catalogue.offers_of(hospital.key):
            self.offer.addItem(f"{offer.program} ({offer.key})", offer.key)
        self.offer.currentIndexChanged.connect(self._offer_changed)
        form.addRow("Recommended program", self.offer)
        self.product = QLineEdit()
        form.addRow("Product", self.product)
        self.approval = QComboBox()
        self.approval.addItem("—", None)
        for key, label in APPROVAL_STATES.items():
            self.approval.addItem(label, key)
        form.addRow("Approval status", self.approval)
        self.registry = QLineEdit()
        self.registry.setPlaceholderText("for a clinical trial, e.g. NCT01234567")
        form.addRow("Registry number", self.registry)
        self.doctor = QComboBox()
        self.doctor.setEditable(True)
        self.doctor.addItem("")
        self.doctor.addItems([d.name for d in hospital.doctors])
        form.addRow("Doctor", self.doctor)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        form.addRow("Notes", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record answer")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _offer_changed(self) -> None:
        key = self.offer.currentData()
        if key:
            offer = self.catalogue.offer(key)
            self.product.setText(offer.product)
            self.approval.setCurrentIndex(max(0, self.approval.findData(offer.approval)))
            self.registry.setText(offer.registry or "")

    def values(self) -> dict[str, object]:
        return {"verdict": self.verdict.currentData(), "offer": self.offer.currentData(),
                "product": self.product.text().strip() or None, "approval": self.approval.currentData(),
                "registry": self.registry.text().strip() or None, "doctor": self.doctor.currentText().strip() or None,
                "notes": self.notes.toPlainText().strip() or None}


class QuoteDialog(QDialog):
    """A hospital's quote: currency, one line item per line (NAME=AMOUNT), validity, deposit."""

    def __init__(self, hospital: Hospital, catalogue: Catalogue, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Quote from {hospital.name}")
        form = QFormLayout(self)
        offers = catalogue.offers_of(hospital.key)
        self.currency = QLineEdit(offers[0].currency if offers else "USD")
        self.currency.setMaxLength(3)
        form.addRow("Currency", self.currency)
        self.offer = QComboBox()
        self.offer.addItem("—", None)
        for offer in offers:
            self.offer.addItem(f"{offer.program} ({offer.key})", offer.key)
        form.addRow("For the program", self.offer)
        self.items = QPlainTextEdit()
        self.items.setPlaceholderText("manufacturing=255000\nhospital_stay=50000\nInterpreter=3000")
        self.items.setFixedHeight(110)
        form.addRow("Line items", self.items)
        self.valid = QDateEdit(QDate(today.year, today.month, today.day).addDays(30))
        self.valid.setCalendarPopup(True)
        self.valid.setDisplayFormat("yyyy-MM-dd")
        form.addRow("Valid until", self.valid)
        self.deposit = QLineEdit()
        form.addRow("Deposit asked", self.deposit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add quote")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, object]:
        valid = self.valid.date()
        return {"currency": self.currency.text().strip(), "offer": self.offer.currentData(),
                "items": [line.strip() for line in self.items.toPlainText().splitlines() if line.strip()],
                "valid_until": date(valid.year(), valid.month(), valid.day()),
                "deposit": self.deposit.text().strip() or None}


# ---------------------------------------------------------------- the tab


class CaseReviewTab(QWidget):
    """Consent, bundles, answers and quotes of one case, per partner hospital."""

    changed = Signal()  # something was recorded on the case (the header, History may refresh)
    bundle_made = Signal(object)  # MadeBundle

    def __init__(self, db: Database, parent: QWidget | None = None, *, prompts: Prompts | None = None,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.db, self.prompts, self.clock = db, prompts or Prompts(), clock
        self.lead_id: int | None = None
        self.reference: str | None = None
        self.catalogue: Catalogue | None = None
        self.comparison: QuoteComparison | None = None
        self.task: BackgroundTask | None = None
        #: Tests may answer the dialogs: a function given the dialog, returning True to accept.
        self.run_dialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(plain_label("Partner hospitals", name="reviewHeading"))
        self.hospitals = _table(["Hospital", "Country", "Consent to share", "Bundle sent", "Answer"])
        self.hospitals.setAccessibleName("Hospitals reviewing the case")
        self.hospitals.setMinimumHeight(90)
        header = self.hospitals.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.hospitals.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.hospitals, 1)

        actions = QHBoxLayout()
        self.consent_button = QPushButton("Record consent…")
        self.consent_button.clicked.connect(self.record_consent)
        self.withdraw_button = QPushButton("Withdraw consent")
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.deidentified = QCheckBox("De-identified")
        self.deidentified.setToolTip("Initials, age and country only: no name, phone, email or passport in the bundle")
        self.bundle_button = QPushButton("Make bundle…")
        self.bundle_button.clicked.connect(self.make_bundle)
        self.answer_button = QPushButton("Record answer…")
        self.answer_button.clicked.connect(self.record_answer)
        self.quote_button = QPushButton("Add quote…")
        self.quote_button.clicked.connect(self.add_quote)
        # Two rows, so that every button keeps its whole label beside an open lead on a laptop:
        # sending (consent, bundle), then what came back (the answer, a quote).
        answers = QHBoxLayout()
        for widget in (self.consent_button, self.withdraw_button):
            actions.addWidget(widget)
        actions.addSpacing(12)
        actions.addWidget(self.deidentified)
        actions.addWidget(self.bundle_button)
        actions.addStretch(1)
        answers.addWidget(self.answer_button)
        answers.addWidget(self.quote_button)
        answers.addStretch(1)
        layout.addLayout(actions)
        layout.addLayout(answers)
        self.status = plain_label("", colour=theme.MUTED, name="reviewStatus")
        layout.addWidget(self.status)

        self.quotes_heading = plain_label("Quotes", name="quotesHeading")
        layout.addWidget(self.quotes_heading)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.quotes = _table(["", "Hospital", "Quoted", "Patient's currency", "Valid until"])
        self.quotes.setAccessibleName("Quotes")
        self.quotes.setMinimumHeight(110)
        quote_header = self.quotes.horizontalHeader()
        quote_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            quote_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.quotes.itemSelectionChanged.connect(self._show_items)
        self.items = _table(["Line item", "Quoted", "Patient's currency"])
        self.items.setAccessibleName("The quote's line items")
        item_header = self.items.horizontalHeader()
        item_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            item_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        split.addWidget(self.quotes)
        split.addWidget(self.items)
        split.setSizes([540, 440])
        layout.addWidget(split, 2)
        choose_row = QHBoxLayout()
        self.rates_note = plain_label("", colour=theme.MUTED)
        choose_row.addWidget(self.rates_note, 1)
        self.choose_button = QPushButton("Choose this quote")
        self.choose_button.clicked.connect(self.choose_quote)
        choose_row.addWidget(self.choose_button)
        layout.addLayout(choose_row)
        self._update_buttons()

    # ------------------------------------------------------------ loading

    def show_lead(self, lead_id: int | None) -> None:
        self.lead_id = lead_id
        self.refresh()

    def refresh(self) -> None:
        self.hospitals.setRowCount(0)
        self.quotes.setRowCount(0)
        self.items.setRowCount(0)
        self.comparison = None
        if self.lead_id is None:
            self.reference = None
            self.status.setText("")
            self._update_buttons()
            return
        try:
            self.catalogue = current_catalogue(self.db, clock=self.clock)
            with self.db.read() as session:
                self.reference = case_lead(session, self.lead_id).reference
            consents = list_consents(self.db, self.lead_id)
            reviews = list_reviews(self.db, self.lead_id)
            self.comparison = compare_quotes(self.db, self.lead_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - shown in the tab, in the desk's words
            self.status.setText(describe_error(exc))
            self._update_buttons()
            return
        self._fill_hospitals(consents, reviews)
        self._fill_quotes()
        self._update_buttons()

    def _fill_hospitals(self, consents: list[ConsentRecord], reviews: list[ReviewRecord]) -> None:
        assert self.catalogue is not None
        hospitals = list(self.catalogue.hospitals.values())
        self.hospitals.setRowCount(len(hospitals))
        for row, hospital in enumerate(hospitals):
            valid = [c for c in consents if c.hospital == hospital.key and c.country == hospital.country and c.valid]
            ever = [c for c in consents if c.hospital == hospital.key]
            if valid:
                consent, colour = f"Given ({valid[0].method}, {valid[0].given_at:%d %b %Y})", theme.GREEN
            elif ever:
                consent, colour = "Withdrawn", theme.RED
            else:
                consent, colour = "Not given", theme.AMBER
            sent = [r for r in reviews if r.hospital == hospital.key and r.sent_at]
            answered = [r for r in reviews if r.hospital == hospital.key and r.verdict]
            bundle = "—"
            if sent:
                last = sent[-1]
                bundle = f"{last.sent_at:%d %b %Y}" + (" (de-identified)" if last.deidentified else "")
            answer = "—"
            if answered:
                last_answer = answered[-1]
                answer = VERDICTS[last_answer.verdict or ""]
                if last_answer.offer:
                    answer += f": {last_answer.offer}"
            elif sent:
                answer = "Waiting"
            name = hospital.name + (f"  {hospital.local_name}" if hospital.local_name else "")
            self.hospitals.setItem(row, 0, _item(name, data=hospital.key, tip=hospital.car_t_experience))
            self.hospitals.setItem(row, 1, _item(country_name(hospital.country)))
            consent_item = _item(consent)
            consent_item.setForeground(QColor(colour))
            self.hospitals.setItem(row, 2, consent_item)
            self.hospitals.setItem(row, 3, _item(bundle, tip=sent[-1].bundle_sha256 if sent else None))
            self.hospitals.setItem(row, 4, _item(answer, tip=answered[-1].notes if answered else None))
        if hospitals:
            self.hospitals.selectRow(0)

    def _fill_quotes(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        self.quotes_heading.setText(f"Quotes in the patient's currency ({comparison.currency})")
        for table, column in ((self.quotes, 3), (self.items, 2)):
            table.setHorizontalHeaderItem(column, QTableWidgetItem(f"In {comparison.currency}"))
        note = f"Rates as of {comparison.rates_as_of.isoformat()} (rates.toml); each row rounded, rows add up to the total."
        self.rates_note.setText(f"{comparison.note}. {note}" if comparison.note else note)
        self.quotes.setRowCount(len(comparison.quotes))
        bold = QFont()
        bold.setBold(True)
        chosen_row = None
        for row, quote in enumerate(comparison.quotes):
            mark = CHOSEN_MARK if quote.chosen else ("Expired" if quote.expired else "")
            cells = [_item(mark, data=quote.id),
                     _item(quote.hospital_name, tip=f"{quote.hospital_name}, offer {quote.offer}" if quote.offer else None),
                     _item(f"{_money(quote.total)} {quote.currency}", align_right=True),
                     _item(f"{_money(quote.converted_total)} {comparison.currency}", align_right=True),
                     _item(quote.valid_until.isoformat() if quote.valid_until else "—")]
            if quote.chosen:
                chosen_row = row
                cells[0].setForeground(QColor(theme.GREEN))
                for cell in cells:
                    cell.setFont(bold)
                    cell.setBackground(QColor("#e7f4e8"))
            elif quote.expired:
                cells[0].setForeground(QColor(theme.RED))
            if quote.expired:
                cells[4].setForeground(QColor(theme.RED))
                cells[4].setToolTip("Expired: the hospital must confirm or renew it")
            for column, cell in enumerate(cells):
                self.quotes.setItem(row, column, cell)
        if comparison.quotes:
            self.quotes.selectRow(chosen_row if chosen_row is not None else 0)

    def _selected_quote(self) -> ComparedQuote | None:
        if self.comparison is None:
            return None
        rows = self.quotes.selectionModel().selectedRows()
        if not rows:
            return None
        return self.comparison.quotes[rows[0].row()]

    def _show_items(self) -> None:
        quote, comparison = self._selected_quote(), self.comparison
        self.items.setRowCount(0)
        if quote is None or comparison is None:
            self._update_buttons()
            return
        self.items.setRowCount(len(quote.items) + 1 + (quote.deposit is not None))
        for row, item in enumerate(quote.items):
            self.items.setItem(row, 0, _item(item.label, tip=item.item))
            self.items.setItem(row, 1, _item(f"{_money(item.amount)} {quote.currency}", align_right=True))
            self.items.setItem(row, 2, _item(f"{_money(item.converted)} {comparison.currency}", align_right=True))
        bold = QFont()
        bold.setBold(True)
        total = [_item("Total"), _item(f"{_money(quote.total)} {quote.currency}", align_right=True),
                 _item(f"{_money(quote.converted_total)} {comparison.currency}", align_right=True)]
        for column, cell in enumerate(total):
            cell.setFont(bold)
            self.items.setItem(len(quote.items), column, cell)
        if quote.deposit is not None:
            deposit = _item(f"{_money(quote.deposit)} {quote.currency}", align_right=True)
            self.items.setItem(len(quote.items) + 1, 0, _item("Deposit asked"))
            self.items.setItem(len(quote.items) + 1, 1, deposit)
        self._update_buttons()

    # ------------------------------------------------------------ state

    def selected_hospital(self) -> Hospital | None:
        rows = self.hospitals.selectionModel().selectedRows() if self.hospitals.selectionModel() else []
        if not rows or self.catalogue is None:
            return None
        return self.catalogue.hospitals.get(str(self._key(self.hospitals, rows[0].row())))

    @staticmethod
    def _key(table: QTableWidget, row: int) -> object:
        item = table.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_hospital(self, key: str) -> None:
        for row in range(self.hospitals.rowCount()):
            if self._key(self.hospitals, row) == key:
                self.hospitals.selectRow(row)
                return

    def select_quote(self, quote_id: int) -> None:
        for row in range(self.quotes.rowCount()):
            if self._key(self.quotes, row) == quote_id:
                self.quotes.selectRow(row)
                return

    def _consent_given(self, row: int) -> bool:
        item = self.hospitals.item(row, 2)
        return item is not None and item.text().startswith("Given")

    def _update_buttons(self) -> None:
        hospital = self.selected_hospital()
        rows = self.hospitals.selectionModel().selectedRows() if self.hospitals.selectionModel() else []
        given = bool(rows) and self._consent_given(rows[0].row())
        busy = self.task is not None and self.task.running
        has_case = self.lead_id is not None and hospital is not None
        self.consent_button.setEnabled(has_case)
        self.withdraw_button.setEnabled(has_case and given)
        self.bundle_button.setEnabled(has_case and given and not busy)
        self.bundle_button.setToolTip("" if given else "Record the patient's consent to share with this hospital first")
        self.answer_button.setEnabled(has_case)
        self.quote_button.setEnabled(has_case)
        quote = self._selected_quote()
        self.choose_button.setEnabled(quote is not None and not quote.chosen)

    def _done(self, message: str) -> None:
        self.refresh()
        self.status.setText(message)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(describe_error(exc))
        self.prompts.error(self, "Review & quotes", exc)

    # ------------------------------------------------------------ actions

    def record_consent(self) -> None:
        hospital = self.selected_hospital()
        if hospital is None or self.lead_id is None:
            return
        dialog = ConsentDialog(hospital, self)
        if not self.run_dialog(dialog):
            return
        try:
            record_consent(self.db, self.lead_id, hospital.key, method=dialog.method_text(), clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self._done(f"Consent to share with {hospital.name} recorded.")
        self.select_hospital(hospital.key)

    def withdraw_consent(self) -> None:
        hospital = self.selected_hospital()
        if hospital is None or self.lead_id is None:
            return
        if not self.prompts.ask(self, "Withdraw consent", f"The patient withdrew their consent to share records with "
                                f"{hospital.name}? No bundle can be made for it afterwards.", yes="Withdraw"):
            return
        try:
            withdraw_consent(self.db, self.lead_id, hospital.key, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self._done(f"Consent to share with {hospital.name} withdrawn.")
        self.select_hospital(hospital.key)

    def make_bundle(self) -> None:
        hospital = self.selected_hospital()
        if hospital is None or self.lead_id is None or self.reference is None:
            return
        deidentified = self.deidentified.isChecked()
        suggested = str(Path.home() / f"{self.reference}-{hospital.key}{'-deidentified' if deidentified else ''}.zip")
        chosen = self.prompts.save_path(self, "Save the review bundle", suggested, "ZIP (*.zip)")
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        force = False
        if target.exists():
            force = self.prompts.ask(self, "Replace the file?", f"{target} already exists. Replace it?", yes="Replace")
            if not force:
                return
        lead_id, db, clock = self.lead_id, self.db, self.clock
        key = hospital.key
        task = BackgroundTask(lambda control: write_review_bundle(db, lead_id, key, target, deidentified=deidentified,
                                                                  force=force, clock=clock, progress=control.progress))
        task.finished.connect(self._bundle_finished)
        task.failed.connect(self._bundle_failed)
        self.task = task
        self.status.setText(f"Making the bundle for {hospital.name}…")
        task.start(parent=self, label=f"Making the review bundle for {hospital.name}…")
        self._update_buttons()

    def _bundle_finished(self, made: MadeBundle) -> None:
        self.task = None
        kind = "De-identified bundle" if made.deidentified else "Bundle"
        self._done(f"{kind} for {made.hospital_name} saved: {made.path.name}, {made.documents} document(s), "
                   f"sha256 {made.sha256[:16]}…")
        self.select_hospital(made.hospital)
        self.bundle_made.emit(made)

    def _bundle_failed(self, exc: BaseException) -> None:
        self.task = None
        self._update_buttons()
        self._failed(exc)

    def record_answer(self) -> None:
        hospital = self.selected_hospital()
        if hospital is None or self.lead_id is None or self.catalogue is None:
            return
        dialog = AnswerDialog(hospital, self.catalogue, self)
        if not self.run_dialog(dialog):
            return
        values = dialog.values()
        try:
            record_answer(self.db, self.lead_id, hospital.key, clock=self.clock, **values)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self._done(f"Answer from {hospital.name} recorded: {VERDICTS[str(values['verdict'])].lower()}.")
        self.select_hospital(hospital.key)

    def add_quote(self) -> None:
        hospital = self.selected_hospital()
        if hospital is None or self.lead_id is None or self.catalogue is None:
            return
        dialog = QuoteDialog(hospital, self.catalogue, self.clock().date(), self)
        if not self.run_dialog(dialog):
            return
        try:
            made = add_quote(self.db, self.lead_id, hospital.key, clock=self.clock, **dialog.values())  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self._done(f"Quote {made.id} from {hospital.name} added.")
        self.select_quote(made.id)

    def choose_quote(self) -> None:
        quote = self._selected_quote()
        if quote is None or self.lead_id is None:
            return
        anyway = False
        if quote.expired:
            expired = quote.valid_until.isoformat() if quote.valid_until else "?"
            anyway = self.prompts.ask(self, "Choose an expired quote?", f"The quote from {quote.hospital_name} expired on "
                                      f"{expired}. Has the hospital confirmed it still holds?", yes="Choose anyway")
            if not anyway:
                return
        try:
            choose_quote(self.db, self.lead_id, quote.id, anyway=anyway, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self._done(f"Quote {quote.id} from {quote.hospital_name} chosen.")
        self.select_quote(quote.id)
