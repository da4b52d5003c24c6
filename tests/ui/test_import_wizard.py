"""The import wizard end to end: file → preview → mapping → dry run → import → saved report,
on the website sample and on a cp1251, semicolon-separated export."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.import_wizard import PAGE_DRY_RUN, PAGE_MAPPING, PAGE_PREVIEW, PAGE_REPORT, ImportReportModel, ImportWizard
from db.models import Lead
from tests.conftest import SAMPLE_CSV

RUSSIAN_ROWS = [
    ["Дата", "ФИО", "Телефон", "Email", "Страна", "Диагноз", "Комментарий"],
    ["01.10.2026 10:00", "Иван Петров", "8 916 123-45-67", "ivan@mail.ru", "Россия", "Лимфома", "Нужна консультация"],
    ["02.10.2026 11:30", "Анна Смирнова", "+7 903 555 12 34", "", "Россия", "Миеломная болезнь", "Сколько стоит?"],
    ["03.10.2026 12:00", "Иван Петров (сын)", "89161234567", "", "Россия", "Лейкоз", "Повторное обращение"],
    ["04.10.2026 09:15", "Мария Кузнецова", "", "", "Казахстан", "Лимфома", "Нет контактов"],
    ["05.10.2026 16:40", "Ольга Волкова", "+7 701 234 5678", "olga@mail.kz", "Казахстан", "Лейкоз", "Звоните после 18:00"],
]


def lead_count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Lead.id)))


def write_cp1251(path: Path, rows) -> Path:
    with path.open("w", encoding="cp1251", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


@pytest.fixture
def wizard_for(qtbot, sqlite_db, clock, tmp_path):
    def make(path: Path, prompts: ScriptedPrompts | None = None) -> ImportWizard:
        wizard = ImportWizard(sqlite_db, clock=clock, prompts=prompts or ScriptedPrompts(save_path=str(tmp_path / "report.csv")))
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.set_file(path)
        return wizard

    return make


def next_page(qtbot, wizard: ImportWizard, expected: int) -> None:
    assert wizard.button(QWizard.WizardButton.NextButton if expected != PAGE_REPORT else QWizard.WizardButton.CommitButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=2000)


def run_dry(qtbot, wizard: ImportWizard):
    with qtbot.waitSignal(wizard.dryRunFinished, timeout=10_000) as blocker:
        wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    return blocker.args[0]


def run_import(qtbot, wizard: ImportWizard):
    with qtbot.waitSignal(wizard.importFinished, timeout=10_000) as blocker:
        wizard.next()
    assert wizard.currentId() == PAGE_REPORT
    return blocker.args[0]


def test_website_sample_end_to_end(qtbot, sqlite_db, wizard_for, tmp_path):
    wizard = wizard_for(SAMPLE_CSV)
    next_page(qtbot, wizard, PAGE_PREVIEW)
    preview = wizard.preview_page
    assert preview.facts.text() == "inquiries_website.csv: 9 columns, separated by comma; encoding utf-8."
    assert preview.table.rowCount() == 18
    assert preview.table.item(6, 1).text() == "张伟"
    assert preview.table.item(10, 7).text() == "Quote needed for myself & my wife (companion). <urgent>"
    assert not preview.confirm.isVisible(), "a confident encoding needs no confirmation"

    next_page(qtbot, wizard, PAGE_MAPPING)
    mapping = wizard.mapping_page
    assert mapping.overrides()["Full Name"] == "full_name"
    assert mapping.overrides()["Preferred Language"] == "language"
    assert mapping.overrides()["Submitted At"] == "submitted_at"

    dry = run_dry(qtbot, wizard)
    assert (dry.imported, dry.duplicates, dry.rejected) == (15, 2, 1)
    assert wizard.dry_run_page.summary.text() == (
        "15 would be imported, 2 duplicates (added to the existing lead), 1 rejected, 19 warnings — 18 rows in all."
    )
    assert lead_count(sqlite_db) == 0, "the dry run wrote nothing"
    model = wizard.dry_run_page.model
    # every row of the website form carries a diagnosis and no recorded consent: the one consent
    # rule (app.domain.consent) warns on each, in the words the editor uses
    without_consent = [r for r in range(model.rowCount())
                       if "no consent to store it is recorded" in model.data(model.index(r, ImportReportModel.COL_WARNINGS))]
    assert len(without_consent) == 18
    rejected = [model.data(model.index(r, ImportReportModel.COL_REASON)) for r in range(model.rowCount())
                if model.data(model.index(r, ImportReportModel.COL_OUTCOME)) == "Would be rejected"]
    assert rejected == ["no phone, email or messenger to reach the person"]
    outcomes = {model.data(model.index(r, ImportReportModel.COL_OUTCOME)) for r in range(model.rowCount())}
    assert outcomes == {"Would be imported", "Would be added to a lead", "Would be rejected"}  # nothing happened yet

    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        report = run_import(qtbot, wizard)
    assert imported.args == [15]
    assert (report.imported, report.duplicates, report.rejected) == (15, 2, 1)
    assert lead_count(sqlite_db) == 15
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    saved = wizard.report_page.save_report()
    assert saved == tmp_path / "report.csv"
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 18
    assert rows[15]["outcome"] == "rejected" and rows[15]["name"] == "Lars Nilsson"


def test_cp1251_semicolon_file_with_a_corrected_mapping(qtbot, sqlite_db, wizard_for, tmp_path):
    path = write_cp1251(tmp_path / "заявки.csv", RUSSIAN_ROWS)
    prompts = ScriptedPrompts(save_path=str(tmp_path / "отчёт.json"))
    wizard = wizard_for(path, prompts)
    next_page(qtbot, wizard, PAGE_PREVIEW)
    assert wizard.source.delimiter == ";" and wizard.source.encoding == "cp1251"
    assert wizard.preview_page.table.item(0, 1).text() == "Иван Петров"
    next_page(qtbot, wizard, PAGE_MAPPING)
    mapping = wizard.mapping_page
    assert mapping.overrides()["ФИО"] == "full_name"
    assert mapping.overrides()["Телефон"] == "phone"
    mapping.choose("Комментарий", "ignore")  # the user leaves the comments out

    dry = run_dry(qtbot, wizard)
    assert (dry.imported, dry.duplicates, dry.rejected) == (3, 1, 1)
    assert dry.mapping.get("Комментарий") is None
    report = run_import(qtbot, wizard)
    assert (report.imported, report.duplicates, report.rejected) == (3, 1, 1)
    assert lead_count(sqlite_db) == 3
    saved = wizard.report_page.save_report()
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["imported"], data["duplicates"], data["rejected"], data["encoding"], data["delimiter"]) == (3, 1, 1, "cp1251", ";")
    assert data["rows"][0]["name"] == "Иван Петров"


def test_unsure_encoding_shows_each_candidate_and_needs_confirmation(qtbot, sqlite_db, wizard_for, tmp_path):
    path = write_cp1251(tmp_path / "short.csv", [["Name", "Phone"], ["Иван", "+7 916 123 45 67"]])
    wizard = wizard_for(path)
    next_page(qtbot, wizard, PAGE_PREVIEW)
    preview = wizard.preview_page
    assert not wizard.detected.encoding_confident
    lines = [preview.candidates.item(r).text() for r in range(preview.candidates.count())]
    assert lines[0].startswith("cp1251:  Name · Phone · Иван")
    assert len(lines) >= 2, "every plausible encoding is shown with the file's text in it"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled(), "the user must confirm"
    preview.candidates.setCurrentRow(1)  # a wrong one: the table changes with it
    assert preview.table.item(0, 0).text() != "Иван"
    preview.candidates.setCurrentRow(0)
    assert preview.table.item(0, 0).text() == "Иван"
    preview.confirm.setChecked(True)
    next_page(qtbot, wizard, PAGE_MAPPING)
    dry = run_dry(qtbot, wizard)
    assert dry.encoding == "cp1251" and dry.imported == 1


def test_mapping_needs_a_name_column(qtbot, sqlite_db, wizard_for, tmp_path):
    path = write_cp1251(tmp_path / "ru.csv", RUSSIAN_ROWS)
    wizard = wizard_for(path)
    next_page(qtbot, wizard, PAGE_PREVIEW)
    next_page(qtbot, wizard, PAGE_MAPPING)
    wizard.mapping_page.choose("ФИО", "ignore")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "no column holds the person's name" in wizard.mapping_page.error.text()
    wizard.mapping_page.choose("ФИО", "full_name")
    wizard.mapping_page.choose("Email", "phone")
    assert "both 'Телефон' and 'Email' are mapped to phone" in wizard.mapping_page.error.text() or \
        "both 'Email' and 'Телефон' are mapped to phone" in wizard.mapping_page.error.text()


def test_cancelled_import_writes_nothing(qtbot, sqlite_db, wizard_for, tmp_path):
    rows = [RUSSIAN_ROWS[0]] + [
        [f"01.10.2026 10:{i % 60:02d}", f"Пациент {i}", f"+7 916 {i // 10000:03d}-{(i // 100) % 100:02d}-{i % 100:02d}", "", "Россия", "Лимфома", ""]
        for i in range(6000)
    ]
    path = write_cp1251(tmp_path / "big.csv", rows)
    wizard = wizard_for(path)
    next_page(qtbot, wizard, PAGE_PREVIEW)
    next_page(qtbot, wizard, PAGE_MAPPING)
    run_dry(qtbot, wizard)
    with qtbot.waitSignal(wizard.importFinished, timeout=20_000) as blocker:
        wizard.next()
        wizard.task.cancel()  # the progress window's Cancel
    assert type(blocker.args[0]).__name__ == "ImportCancelled"
    assert wizard.report_page.summary.text() == "Cancelled: nothing was imported."
    assert lead_count(sqlite_db) == 0


def test_not_a_csv_file_is_refused_readably(qtbot, sqlite_db, wizard_for, tmp_path):
    path = tmp_path / "inquiries.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    wizard = wizard_for(path)
    wizard.next()
    assert wizard.currentId() == 0
    assert "Excel" in wizard.file_page.error.text()


def test_report_model_is_well_behaved(qtmodeltester, sqlite_db, clock):
    from app.domain.lead_import import import_csv

    model = ImportReportModel()
    model.set_report(import_csv(sqlite_db, SAMPLE_CSV, dry_run=True, clock=clock))
    qtmodeltester.check(model)


def test_the_report_shows_reasons_and_warnings_in_full(qtbot):
    """Reason and Warnings share the room left and wrap, each row as tall as its text; a long
    report keeps one line a row (measuring each would be slow), its text in the tooltip."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QHeaderView

    from app.domain.lead_import import ImportReport, RowResult
    from app.ui.import_wizard import WRAPPED_ROWS, _report_view

    reason = "same phone or email as L-2026-00008; attached as a new inquiry to the existing lead"
    warning = "phone kept as typed but flagged: the number is too short for Russia (+7 916 123)"

    def report(count: int) -> ImportReport:
        rows = [RowResult(i, i + 1, "duplicate", f"Name {i}", "L-2026-00008", reason, [warning]) for i in range(1, count + 1)]
        return ImportReport("x.csv", "utf-8", True, ",", {}, True, rows)

    model = ImportReportModel(dry_run=True)
    view = _report_view(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    model.set_report(report(3))
    QApplication.processEvents()
    header = view.horizontalHeader()
    for column in (model.COL_REASON, model.COL_WARNINGS):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
    assert view.wordWrap()
    one_line = view.fontMetrics().height() + 8
    assert view.rowHeight(0) > one_line and view.rowHeight(0) >= view.sizeHintForRow(0), "two lines or more, all shown"
    assert model.data(model.index(0, model.COL_REASON), Qt.ItemDataRole.ToolTipRole)
    model.set_report(report(WRAPPED_ROWS + 1))
    assert not view.wordWrap()
