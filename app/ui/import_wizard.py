"""Importing inquiries from a CSV file, step by step, with the same code as `medtour import`:

1. the file;
2. a preview of its first rows with the encoding and delimiter found (when the encoding is a
   guess, each plausible encoding is shown with the file's text in it, and the user confirms);
3. which column holds which field (the automatic guess, a combo per column, "ignore" allowed);
4. a dry run: what would happen to every row (imported, duplicate, rejected, with reasons);
5. the import itself — one transaction, with progress and Cancel (nothing is written when
   cancelled) — and the per-row report, which can be saved as CSV or JSON.

Reading and importing run in a BackgroundTask; the wizard never blocks the window.
"""
from __future__ import annotations

import html
import itertools
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.clock import Clock, utc_now
from app.domain.column_mapping import FIELDS, IGNORE, apply_overrides, guess_mapping
from app.domain.csv_source import CsvFormatError, CsvSource, open_csv
from app.domain.errors import UserError
from app.domain.import_report_file import save_import_report
from app.domain.lead_history import FIELD_LABELS
from app.domain.lead_import import ImportCancelled, ImportReport, RowResult, import_csv, resolve_mapping
from app.ui import i18n, theme
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts, describe_error
from app.ui.i18n import QT_TRANSLATE_NOOP, domain_word, translate
from db.engine import Database

__all__ = ["PREVIEW_ROWS", "ImportReportModel", "ImportWizard", "field_label"]

PREVIEW_ROWS = 20
#: Encodings offered besides the candidates the reader found (exports from Excel, 1C, old Macs…).
COMMON_ENCODINGS = ("utf-8", "cp1251", "cp1252", "latin-1", "koi8-r", "cp866", "utf-16", "cp1256", "gb18030", "big5", "shift_jis")
_DELIMITER_NAMES = {",": QT_TRANSLATE_NOOP("ImportWizard", "comma"), ";": QT_TRANSLATE_NOOP("ImportWizard", "semicolon"),
    "\t": QT_TRANSLATE_NOOP("ImportWizard", "tab"), "|": QT_TRANSLATE_NOOP("ImportWizard", "vertical bar")}
_IMPORT_FIELD_LABELS = {
    "first_name": QT_TRANSLATE_NOOP("ImportWizard", "First name"), "last_name": QT_TRANSLATE_NOOP("ImportWizard", "Last name"),
        "phone": QT_TRANSLATE_NOOP("ImportWizard", "Phone"), "phone2": QT_TRANSLATE_NOOP("ImportWizard", "Second phone"),
    "whatsapp": QT_TRANSLATE_NOOP("ImportWizard", "WhatsApp"), "wechat": QT_TRANSLATE_NOOP("ImportWizard", "WeChat"),
        "telegram": QT_TRANSLATE_NOOP("ImportWizard", "Telegram"), "message": QT_TRANSLATE_NOOP("ImportWizard", "Message (the inquiry)"),
    "submitted_at": QT_TRANSLATE_NOOP("ImportWizard", "Submitted at"), "budget": QT_TRANSLATE_NOOP("ImportWizard", "Budget"),
        "coordinator": QT_TRANSLATE_NOOP("ImportWizard", "Coordinator"),
}  # fmt: skip
PAGE_FILE, PAGE_PREVIEW, PAGE_MAPPING, PAGE_DRY_RUN, PAGE_REPORT = range(5)


def field_label(field: str) -> str:
    if field in _IMPORT_FIELD_LABELS:
        return translate("ImportWizard", _IMPORT_FIELD_LABELS[field])
    return domain_word(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ").capitalize()


def _plain(text: str = "", *, muted: bool = False, error: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if muted or error:
        label.setStyleSheet(f"color: {theme.RED if error else theme.MUTED};")
    return label


def _sample_text(source: CsvSource, limit: int = 90) -> str:
    """The file's first cells as one line, to judge whether an encoding reads right."""
    cells = list(source.headers)
    for row in itertools.islice(source.rows(), 3):
        cells.extend(value for value in row.values.values() if value)
    text = " · ".join(cells)
    return text if len(text) <= limit else text[:limit] + "…"


# --------------------------------------------------------------------------- the report model


class ImportReportModel(QAbstractTableModel):
    """The per-row outcome of a dry run or an import."""

    COL_ROW, COL_OUTCOME, COL_NAME, COL_REFERENCE, COL_REASON, COL_WARNINGS = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("ImportWizard", "Row"), QT_TRANSLATE_NOOP("ImportWizard", "Outcome"),
               QT_TRANSLATE_NOOP("ImportWizard", "Name"), QT_TRANSLATE_NOOP("ImportWizard", "Lead"),
               QT_TRANSLATE_NOOP("ImportWizard", "Reason"), QT_TRANSLATE_NOOP("ImportWizard", "Warnings"))
    RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the RowResult
    _COLOURS: ClassVar[dict[str, str]] = {"imported": theme.GREEN, "duplicate": theme.AMBER, "rejected": theme.RED}

    #: What a row's outcome reads as in a dry run, where nothing has happened yet.
    DRY_RUN_WORDS: ClassVar[dict[str, str]] = {"imported": QT_TRANSLATE_NOOP("ImportWizard", "Would be imported"),
                                               "duplicate": QT_TRANSLATE_NOOP("ImportWizard", "Would be added to a lead"),
                                               "rejected": QT_TRANSLATE_NOOP("ImportWizard", "Would be rejected")}
    #: What a row's outcome reads as after the import.
    DONE_WORDS: ClassVar[dict[str, str]] = {"imported": QT_TRANSLATE_NOOP("ImportWizard", "Imported"),
                                            "duplicate": QT_TRANSLATE_NOOP("ImportWizard", "Duplicate"),
                                            "rejected": QT_TRANSLATE_NOOP("ImportWizard", "Rejected")}

    def __init__(self, parent=None, *, dry_run: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[RowResult] = []
        self.dry_run = dry_run

    def set_report(self, report: ImportReport | None) -> None:
        self.beginResetModel()
        self._rows = list(report.rows) if report else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return translate("ImportWizard", self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.RAW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row.row),
                translate("ImportWizard", (self.DRY_RUN_WORDS if self.dry_run else self.DONE_WORDS).get(
                    row.outcome, row.outcome.capitalize())),
                row.name,
                row.reference or "",
                row.reason or "",
                "; ".join(row.warnings),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COL_REASON, self.COL_WARNINGS):
            text = row.reason if column == self.COL_REASON else "\n".join(row.warnings)
            return f"<p>{html.escape(text)}</p>" if text else None  # escaped: shown as typed
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_OUTCOME:
            return QColor(self._COLOURS.get(row.outcome, theme.TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


#: Up to this many rows a report's reasons and warnings wrap onto as many lines as they need; a
#: longer report keeps one line a row (measuring every row would make it slow), cut with "…",
#: all of it in the tooltip and in the saved report.
WRAPPED_ROWS = 200


def _report_view(model: ImportReportModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column in (model.COL_ROW, model.COL_OUTCOME, model.COL_REFERENCE):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.COL_NAME, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(model.COL_NAME, 180)
    for column in (model.COL_REASON, model.COL_WARNINGS):  # they share the room left
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def fit_rows() -> None:
        wrap = model.rowCount() <= WRAPPED_ROWS
        view.setWordWrap(wrap)
        rows = QHeaderView.ResizeMode.ResizeToContents if wrap else QHeaderView.ResizeMode.Interactive
        view.verticalHeader().setSectionResizeMode(rows)

    model.modelReset.connect(fit_rows)
    fit_rows()
    return view


def _counts(report: ImportReport, *, dry_run: bool) -> str:
    imported = (translate("ImportWizard", "%Ln would be imported", None, report.imported) if dry_run
                else translate("ImportWizard", "%Ln imported", None, report.imported))
    parts = [imported, translate("ImportWizard", "%Ln duplicate(s) (added to the existing lead)", None, report.duplicates),
             translate("ImportWizard", "%Ln rejected", None, report.rejected)]
    if report.warnings:
        parts.append(translate("ImportWizard", "%Ln warning(s)", None, report.warnings))
    return i18n.join(parts) + translate("ImportWizard", " — %Ln row(s) in all.", None, len(report.rows))


# --------------------------------------------------------------------------- pages


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("ImportWizard", "Choose the file"))
        self.setSubTitle(translate("ImportWizard", "A CSV export from the website form, a spreadsheet or another CRM."))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setAccessibleName(translate("ImportWizard", "File to import"))
        self.path_edit.setPlaceholderText(translate("ImportWizard", "/path/to/inquiries.csv"))
        browse = QPushButton(translate("ImportWizard", "Browse…"))
        browse.clicked.connect(self._browse)
        self.error = _plain(error=True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addStretch(1)
        self.path_edit.textChanged.connect(self._changed)

    def _browse(self) -> None:
        path = self._wizard.prompts.open_path(self, translate("ImportWizard", "Import inquiries"), str(Path.home()),
            translate("ImportWizard", "CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def _changed(self, _text: str) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.is_file():
            self._show(translate("ImportWizard", "There is no file at {path}.").format(path=path))
            return False
        try:
            self._wizard.open_source(path)
        except (CsvFormatError, OSError, UserError) as exc:
            self._show(describe_error(exc))
            return False
        return True

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("ImportWizard", "Check the file"))
        self.setSubTitle(translate("ImportWizard", "The first rows as they will be read."))
        self.facts = _plain()
        self.facts.setObjectName("importFacts")
        self.encoding_note = _plain()
        self.candidates = QListWidget()
        self.candidates.setObjectName("encodingCandidates")
        self.candidates.setMaximumHeight(110)
        self.encoding_box = QComboBox()
        self.encoding_box.setObjectName("encodingBox")
        self.confirm = QCheckBox(translate("ImportWizard", "The names and words in the table read correctly"))
        self.confirm.setObjectName("encodingConfirm")
        self.table = QTableWidget()
        self.table.setObjectName("importPreview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.error = _plain(error=True)
        self.error.hide()
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(QLabel(translate("ImportWizard", "Encoding")))
        encoding_row.addWidget(self.encoding_box)
        encoding_row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.facts)
        column.addWidget(self.encoding_note)
        column.addWidget(self.candidates)
        column.addLayout(encoding_row)
        column.addWidget(self.confirm)
        column.addWidget(self.table, 1)
        column.addWidget(self.error)
        self.candidates.currentRowChanged.connect(self._candidate_chosen)
        self.encoding_box.currentIndexChanged.connect(self._encoding_chosen)
        self.confirm.toggled.connect(self.completeChanged)
        self._filling = False

    def initializePage(self) -> None:
        wizard = self._wizard
        detected = wizard.detected
        assert detected is not None and wizard.source is not None
        self._filling = True
        try:
            self.candidates.clear()
            self.encoding_box.clear()
            names = list(dict.fromkeys([detected.encoding, *detected.encoding_candidates, *COMMON_ENCODINGS]))
            for name in names:
                self.encoding_box.addItem(name, name)
            if detected.encoding_confident:
                self.encoding_note.setText(
                    translate("ImportWizard", "The encoding is {encoding}; change it only if the table looks garbled.")
                                           .format(encoding=detected.encoding))
                self.candidates.hide()
                self.confirm.hide()
            else:
                self.encoding_note.setText(
                    translate("ImportWizard", "The encoding could not be told for sure. Pick the line where the text reads right, "
                    "then confirm below the table.")
                )
                for name in detected.encoding_candidates or (detected.encoding,):
                    try:
                        sample = _sample_text(open_csv(detected.path, encoding=name))
                    except (CsvFormatError, UserError, OSError, LookupError, UnicodeError):
                        continue
                    item = QListWidgetItem(f"{name}:  {sample}")
                    item.setData(Qt.ItemDataRole.UserRole, name)
                    self.candidates.addItem(item)
                self.candidates.show()
                self.confirm.show()
                self.confirm.setChecked(False)
            self.encoding_box.setCurrentIndex(max(self.encoding_box.findData(wizard.source.encoding), 0))
            self._select_candidate(wizard.source.encoding)
        finally:
            self._filling = False
        self._fill_table()

    def _select_candidate(self, encoding: str) -> None:
        for row in range(self.candidates.count()):
            if self.candidates.item(row).data(Qt.ItemDataRole.UserRole) == encoding:
                self.candidates.setCurrentRow(row)

    def _candidate_chosen(self, row: int) -> None:
        if row >= 0 and not self._filling:
            encoding = self.candidates.item(row).data(Qt.ItemDataRole.UserRole)
            self.encoding_box.setCurrentIndex(self.encoding_box.findData(encoding))

    def _encoding_chosen(self, _index: int) -> None:
        if self._filling:
            return
        encoding = self.encoding_box.currentData()
        try:
            self._wizard.choose_encoding(encoding)
        except (CsvFormatError, UserError, OSError, LookupError, UnicodeError) as exc:
            self.error.setText(translate("ImportWizard", "The file cannot be read as {encoding}: {error}").format(
                encoding=encoding, error=describe_error(exc)))
            self.error.show()
            return
        self.error.hide()
        self._filling = True
        self._select_candidate(encoding)
        self._filling = False
        self.confirm.setChecked(False)
        self._fill_table()

    def _fill_table(self) -> None:
        source = self._wizard.source
        assert source is not None
        self.facts.setText(
            translate("ImportWizard", "{file}: %Ln column(s), separated by {delimiter}; encoding {encoding}.", None,
                      len(source.headers)).format(
                file=source.path.name, encoding=source.encoding,
                delimiter=translate("ImportWizard", _DELIMITER_NAMES[source.delimiter]) if source.delimiter in _DELIMITER_NAMES
                else repr(source.delimiter))
        )
        rows = self._wizard.preview_rows
        self.table.clear()
        self.table.setColumnCount(len(source.headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(list(source.headers))
        for r, row in enumerate(rows):
            for c, header in enumerate(source.headers):
                self.table.setItem(r, c, QTableWidgetItem(row.get(header, "")))
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.confirm.isHidden() or self.confirm.isChecked()


class MappingPage(QWizardPage):
    COL_HEADER, COL_SAMPLE, COL_FIELD = range(3)

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("ImportWizard", "Match the columns"))
        self.setSubTitle(translate("ImportWizard", "Each column's field was guessed from its header. Correct any guess; "
                         "columns set to “ignore” are left out."))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importMapping")
        self.table.setHorizontalHeaderLabels([translate("ImportWizard", "Column in the file"), translate("ImportWizard", "First values"),
                                              translate("ImportWizard", "Lead field")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self.error = _plain(error=True)
        self.error.setObjectName("mappingError")
        self.combos: dict[str, QComboBox] = {}
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addWidget(self.error)

    def initializePage(self) -> None:
        source = self._wizard.source
        assert source is not None
        guesses = guess_mapping(source.headers)
        rows = self._wizard.preview_rows
        self.table.setRowCount(len(source.headers))
        self.combos.clear()
        for r, header in enumerate(source.headers):
            self.table.setItem(r, self.COL_HEADER, QTableWidgetItem(header))
            samples = [row.get(header, "") for row in rows[:3] if row.get(header)]
            self.table.setItem(r, self.COL_SAMPLE, QTableWidgetItem(" · ".join(samples)))
            combo = QComboBox()
            combo.addItem(translate("ImportWizard", "— ignore —"), IGNORE)
            for field in FIELDS:
                combo.addItem(field_label(field), field)
            combo.setCurrentIndex(max(combo.findData(guesses.get(header, IGNORE)), 0))
            combo.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(r, self.COL_FIELD, combo)
            self.combos[header] = combo
        self.table.resizeRowsToContents()
        self._changed()

    def overrides(self) -> dict[str, str]:
        """Every column's choice, as `Column=field` overrides (the CLI's --map)."""
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def choose(self, header: str, field: str) -> None:
        combo = self.combos[header]
        combo.setCurrentIndex(combo.findData(field))

    def problem(self) -> str | None:
        source = self._wizard.source
        assert source is not None
        try:
            apply_overrides(guess_mapping(source.headers), self.overrides(), source.headers)
            resolve_mapping(source, self.overrides())
        except (ValueError, UserError) as exc:
            return str(exc)
        return None

    def _changed(self, *_args) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and self.problem() is None

    def validatePage(self) -> bool:
        self._wizard.overrides = self.overrides()
        return True


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("ImportWizard", "What the import will do"))
        self.setSubTitle(translate("ImportWizard", "Every row was checked without writing anything."))
        self.setCommitPage(True)
        self.summary = _plain()
        self.summary.setObjectName("dryRunSummary")
        self.model = ImportReportModel(self, dry_run=True)  # "Would be imported": nothing has happened yet
        self.view = _report_view(self.model)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.view, 1)
        self.report: ImportReport | None = None

    def initializePage(self) -> None:
        self.report = None
        self.model.set_report(None)
        self.summary.setText(translate("ImportWizard", "Checking every row…"))
        self.completeChanged.emit()
        self._wizard.run(dry_run=True, on_done=self._done, on_failed=self._failed)

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.model.set_report(report)
        self.summary.setText(_counts(report, dry_run=True))
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "Import %Ln lead(s)", None, report.imported))
        self.completeChanged.emit()
        self._wizard.dryRunFinished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(translate("ImportWizard", "The file could not be checked: {error}").format(error=describe_error(exc)))
        self.summary.setStyleSheet(f"color: {theme.RED};")

    def isComplete(self) -> bool:
        return self.report is not None and (self.report.imported + self.report.duplicates) > 0


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("ImportWizard", "Import"))
        self.setSubTitle(translate("ImportWizard", "One transaction: every row below is in the database, or none is."))
        self.summary = _plain()
        self.summary.setObjectName("importSummary")
        self.model = ImportReportModel(self)
        self.view = _report_view(self.model)
        self.save_button = QPushButton(translate("ImportWizard", "Save report…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_report)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.view, 1)
        self.report: ImportReport | None = None
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.summary.setText(translate("ImportWizard", "Importing… (Cancel in the progress window writes nothing)"))
        self.completeChanged.emit()
        self._wizard.run(dry_run=False, on_done=self._done, on_failed=self._failed)

    def _done(self, report: ImportReport) -> None:
        self.report = report
        self.finished = True
        self.model.set_report(report)
        self.summary.setText(_counts(report, dry_run=False))
        self.save_button.setEnabled(True)
        self.completeChanged.emit()
        self._wizard.importFinished.emit(report)
        self._wizard.imported.emit(report.imported)

    def _failed(self, exc: BaseException) -> None:
        self.finished = True
        if isinstance(exc, ImportCancelled):
            self.summary.setText(translate("ImportWizard", "Cancelled: nothing was imported."))
        else:
            self.summary.setText(translate("ImportWizard", "Nothing was imported: {error}").format(error=describe_error(exc)))
        self.summary.setStyleSheet(f"color: {theme.RED};")
        self.completeChanged.emit()
        self._wizard.importFinished.emit(exc)

    def save_report(self) -> Path | None:
        if self.report is None:
            return None
        suggested = str(Path(self.report.file).with_name(Path(self.report.file).stem + "-import-report.csv"))
        path = self._wizard.prompts.save_path(self, translate("ImportWizard", "Save the import report"), suggested,
            translate("ImportWizard", "CSV (*.csv);;JSON (*.json)"))
        if not path:
            return None
        try:
            written = save_import_report(self.report, path, database=self._wizard._db.path, force=True)  # asked "Replace?"
        except (UserError, OSError) as exc:
            self._wizard.prompts.error(self, translate("ImportWizard", "Report not saved"), exc)
            return None
        self.summary.setText(self.summary.text() + "\n" + translate("ImportWizard", "Report saved to {path}.").format(path=written))
        return written

    def isComplete(self) -> bool:
        return self.finished


# --------------------------------------------------------------------------- the wizard


class ImportWizard(QWizard):
    imported = Signal(int)  # leads created by the import
    dryRunFinished = Signal(object)  # the dry run's ImportReport
    importFinished = Signal(object)  # the ImportReport, or the exception (ImportCancelled…)

    def __init__(self, db: Database, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 actor_id: int | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self._db, self._clock, self._actor_id = db, clock, actor_id
        self.prompts = prompts or Prompts()
        self.setWindowTitle(translate("ImportWizard", "Import inquiries"))
        self.setObjectName("importWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.detected: CsvSource | None = None  # what the reader found on its own
        self.source: CsvSource | None = None  # with the encoding the user settled on
        self.encoding: str | None = None  # None: let the reader decide, as the CLI does
        self.preview_rows: list[dict[str, str]] = []
        self.overrides: dict[str, str] = {}
        self.task: BackgroundTask | None = None
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.dry_run_page = DryRunPage(self)
        self.report_page = ReportPage(self)
        for page_id, page in enumerate((self.file_page, self.preview_page, self.mapping_page,
                                        self.dry_run_page, self.report_page)):
            self.setPage(page_id, page)
        self.resize(900, 640)

    # -------------------------------------------------------------- file and encoding

    def set_file(self, path: str | Path) -> None:
        self.file_page.path_edit.setText(str(path))

    def open_source(self, path: Path) -> None:
        self.detected = open_csv(path)
        self.encoding = None
        self._use(self.detected)

    def choose_encoding(self, encoding: str) -> None:
        """Read the file as `encoding` from now on (preview, dry run and import)."""
        assert self.detected is not None
        source = self.detected if encoding == self.detected.encoding else open_csv(self.detected.path, encoding=encoding)
        self.encoding = encoding
        self._use(source)

    def _use(self, source: CsvSource) -> None:
        rows = [row.values for row in itertools.islice(source.rows(), PREVIEW_ROWS)]
        self.source = source
        self.preview_rows = rows

    # -------------------------------------------------------------- running

    def run(self, *, dry_run: bool, on_done, on_failed) -> BackgroundTask:
        """The same import as `medtour import`, off the UI thread, with progress and Cancel."""
        assert self.source is not None and self.detected is not None
        path, overrides = self.source.path, dict(self.overrides)
        # an encoding the user chose or confirmed is passed on; a confident detection is left to the reader
        encoding = self.source.encoding if self.encoding or not self.detected.encoding_confident else None
        db, clock, actor = self._db, self._clock, self._actor_id

        def work(control):
            return import_csv(db, path, overrides=overrides, dry_run=dry_run, encoding=encoding, actor_id=actor,
                              clock=clock, progress=control.progress, cancel=control.cancelled)

        task = BackgroundTask(work, self)
        task.finished.connect(on_done)
        task.failed.connect(on_failed)
        self.task = task
        task.start(parent=self, label=translate("ImportWizard", "Checking every row…") if dry_run else translate("ImportWizard",
            "Importing…"))
        return task

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        super().reject()
