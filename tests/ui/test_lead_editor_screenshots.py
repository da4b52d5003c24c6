"""The editor and its dialogs rendered with realistic data in several scripts — Arabic (right to
left), Chinese, Cyrillic, Devanagari, a 10,000-character note and text that looks like markup.

Each screen is grabbed to a PNG (offscreen) and checked: every name and note is drawn with real
glyphs (no "tofu" box: glyph 0 of the font that drew it), and the PNG stays small. Set
MEDTOUR_SCREENSHOTS=docs/screenshots to write them for the documentation."""
from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, change_status, create_lead, get_lead, log_interaction, update_lead
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.lead_editor import LeadEditor
from app.ui.log_call_dialog import LogCallDialog
from app.ui.status_dialog import StatusChangeDialog
from tests.case_steps import ready_for
from tests.conftest import SAMPLE_CSV

ARABIC = "محمد العتيبي"
HOSTILE = "Zoë <b>O'Brien</b> & Co"
LONG_NOTE = (
    "Call with the patient's daughter. She read the whole summary aloud and asked many questions about "
    "cytokine release syndrome, the 2–4 weeks of the process and what happens if manufacturing fails. "
) * 60
MAX_PNG_BYTES = 300 * 1024


@pytest.fixture
def shots(tmp_path) -> Path:
    target = os.environ.get("MEDTOUR_SCREENSHOTS")
    folder = Path(target) if target else tmp_path / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


pytestmark = pytest.mark.usefixtures("desk_look")  # tests/ui/conftest.py


def missing_glyphs(text: str, font: QFont) -> int:
    """How many characters of `text` would be drawn as an empty box with `font` and its fallbacks."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000)
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for glyph in run.glyphIndexes() if glyph == 0)


def save(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()
    path = folder / name
    assert widget.grab().save(str(path), "PNG", 9)
    assert 0 < path.stat().st_size <= MAX_PNG_BYTES, f"{name} is {path.stat().st_size:,} bytes"
    return path


@pytest.fixture
def people(sqlite_db, clock):
    """A small, realistic desk: whose leads and what happened to them."""
    start = clock.now
    clock.now = start - timedelta(days=12)
    arabic = create_lead(sqlite_db, LeadInput(
        ARABIC, latin_name="Mohammed Al-Otaibi", country="SA", language="ar",
        phones=[("+966 50 123 4567", "mobile"), ("+966 55 765 4321", "whatsapp")], email="m.alotaibi@example.sa",
        diagnosis="Multiple myeloma, relapsed after 3 lines (VRd, Dara-Kd, ASCT 2023)",
        diagnosis_category="multiple_myeloma", program="bcma_car_t_myeloma", budget_amount=Decimal("95000"),
        budget_currency="USD", companions=2, consent_health_data=True, consent_method="In writing, by email",
        source="WhatsApp", message="أرجو إرسال تفاصيل علاج BCMA CAR-T وتكاليف السفر والإقامة.",
    ), clock=clock).lead_id
    clock.advance(hours=3)
    log_interaction(sqlite_db, arabic, InteractionInput("call", "no_answer", None, 35), move_to="contacted", clock=clock)
    clock.advance(days=1)
    log_interaction(sqlite_db, arabic, InteractionInput(
        "call", "reached", "Spoke with his son Khalid (English). PET-CT from October, labs this week. "
        "Wants the cost in SAR and the length of stay.", 754), clock=clock)
    change_status(sqlite_db, arabic, "qualified", clock=clock)
    clock.advance(days=3)
    ready_for(sqlite_db, arabic, "records_received", clock=clock)
    change_status(sqlite_db, arabic, "records_received", "PET-CT, myelogram, labs", clock=clock)
    clock.advance(days=2)
    log_interaction(sqlite_db, arabic, InteractionInput(
        "packet", None, "Information packet in Arabic", details={
            "language": "ar", "program": "bcma_car_t_myeloma", "file": "L-2026-00001-ar.pdf",
            "sha256": "9f2c1e7a44b0c3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"}), clock=clock)
    detail = get_lead(sqlite_db, arabic, with_history=False)
    update_lead(sqlite_db, arabic, detail.version, {"companions": 1}, clock=clock)

    ivan = create_lead(sqlite_db, LeadInput(
        "Иван Петров", latin_name="Ivan Petrov", country="RU", language="ru", phones=[("+7 916 123-45-67", "mobile")],
        email="ivan.petrov@mail.ru", diagnosis="B-ОЛЛ, рецидив после трансплантации", diagnosis_category="leukemia",
        consent_health_data=True, consent_method="Verbally, on a call", source="Website form",
        message="Сыну 19 лет, рецидив после ТКМ. Возможна ли CAR-T терапия в Китае?"), clock=clock).lead_id
    anna = create_lead(sqlite_db, LeadInput(
        "Анна Смирнова", country="RU", language="ru", phones=[("8 903 555 12 34", "mobile")],
        source="Instagram", message="Нужна информация о стоимости и сроках лечения."), clock=clock).lead_id
    priya = create_lead(sqlite_db, LeadInput(
        "प्रिया शर्मा", latin_name="Priya Sharma", country="IN", language="hi", phones=[("+91 98765 43210", "mobile")],
        message="मेरी माँ 58 वर्ष की हैं, क्या वे पात्र हैं?"), clock=clock).lead_id
    hostile = create_lead(sqlite_db, LeadInput(
        HOSTILE, country="IE", phones=[("+353 85 123 4567", "mobile")], email="zoe@obrien.example",
        message="Quote needed for myself & my wife (companion). <urgent> \"ASAP\""), clock=clock).lead_id
    clock.advance(hours=5)
    log_interaction(sqlite_db, hostile, InteractionInput("call", "reached", LONG_NOTE, 1930), move_to="contacted", clock=clock)
    clock.advance(hours=1)
    log_interaction(sqlite_db, hostile, InteractionInput("note", None, "Follow-up: <b>send</b> the packet & the \"cost table\"."), clock=clock)
    clock.now = start
    return {"arabic": arabic, "ivan": ivan, "anna": anna, "priya": priya, "hostile": hostile}


def open_editor(qtbot, db, lead_id, clock, size=(1280, 900)) -> LeadEditor:
    editor = LeadEditor(db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(editor)
    editor.resize(*size)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_editor_in_arabic_right_to_left(qtbot, sqlite_db, clock, people, shots):
    editor = open_editor(qtbot, sqlite_db, people["arabic"], clock)
    assert editor.form.name_edit.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.name_label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for text in (ARABIC, "أرجو إرسال تفاصيل علاج BCMA CAR-T"):
        assert missing_glyphs(text, editor.font()) == 0
    save(editor, shots, "editor-arabic.png")


def test_editor_duplicate_banner_and_devanagari(qtbot, sqlite_db, clock, people, shots):
    editor = open_editor(qtbot, sqlite_db, people["anna"], clock)
    qtbot.mouseClick(editor.form.phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.form.phones.rows[-1].edit, "89161234567")
    qtbot.waitUntil(editor.banner.isVisible, timeout=3000)
    assert missing_glyphs(editor.banner.message.text(), editor.font()) == 0
    assert missing_glyphs("प्रिया शर्मा", editor.font()) == 0
    save(editor, shots, "editor-duplicate.png")


def test_editor_hostile_text_and_long_note(qtbot, sqlite_db, clock, people, shots):
    editor = open_editor(qtbot, sqlite_db, people["hostile"], clock)
    editor.case.select("history")
    model = editor.timeline.model
    call_row = next(r for r in range(model.rowCount()) if model.entry(r).title == "Outgoing call")
    editor.timeline.view.setCurrentIndex(model.index(call_row))
    assert editor.timeline.reader.toPlainText().count("cytokine") == 60
    assert editor.name_label.text() == HOSTILE
    save(editor, shots, "editor-hostile-long-note.png")


def test_conflict_dialog(qtbot, sqlite_db, clock, people, shots):
    editor = open_editor(qtbot, sqlite_db, people["ivan"], clock)
    detail = get_lead(sqlite_db, people["ivan"], with_history=False)
    update_lead(sqlite_db, people["ivan"], detail.version, {"source": "Partner referral", "companions": 1}, clock=clock)
    editor.form.source_edit.setText("Telegram channel")
    editor.form.latin_edit.setText("Ivan Petrov (father)")
    editor.save()
    dialog = editor.conflict_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert missing_glyphs("Иван Петров", dialog.font()) == 0
    save(dialog, shots, "editor-conflict.png")


def test_status_dialog(qtbot, sqlite_db, clock, people, shots):
    dialog = StatusChangeDialog(sqlite_db, people["arabic"], "lost", clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reason_box.setEditText("Chose another provider")
    save(dialog, shots, "editor-status.png")


def test_new_lead_dialog(qtbot, sqlite_db, clock, people, shots):
    dialog = LeadEditor.new_lead(sqlite_db, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.resize(700, 980)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.form.name_edit.setText("张伟")
    dialog.form.latin_edit.setText("Zhang Wei")
    dialog.form.country_picker.set_code("US")
    dialog.form.language_picker.set_code("zh")
    qtbot.keyClicks(dialog.form.phones.rows[0].edit, "+14155552671")
    dialog.form.email_edit.setText("zhang.wei@example")
    dialog.message_edit.setPlainText("想了解在中国接受CAR-T治疗的费用和流程。")
    assert missing_glyphs("张伟 想了解在中国接受CAR-T治疗的费用和流程。", dialog.font()) == 0
    save(dialog, shots, "editor-new-lead.png")


def test_log_call_dialog(qtbot, sqlite_db, clock, people, shots):
    dialog = LogCallDialog(sqlite_db, people["priya"], clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    clock.advance(minutes=6, seconds=12)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_C)
    qtbot.keyClicks(dialog.notes_edit, "Daughter asked to call back after 18:00 IST; sending the records list by WhatsApp.")
    dialog.pick_follow_up(1)
    dialog._tick()
    assert missing_glyphs("प्रिया शर्मा", dialog.font()) == 0
    save(dialog, shots, "log-call.png")


def test_import_wizard_screens(qtbot, sqlite_db, clock, shots, tmp_path):
    import csv

    from PySide6.QtWidgets import QWizard

    from app.ui.import_wizard import PAGE_DRY_RUN, PAGE_MAPPING, PAGE_PREVIEW, PAGE_REPORT, ImportWizard

    wizard = ImportWizard(sqlite_db, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(wizard)
    wizard.resize(980, 640)
    wizard.show()
    wizard.set_file(SAMPLE_CSV)
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    save(wizard, shots, "import-preview.png")
    wizard.next()
    assert wizard.currentId() == PAGE_MAPPING
    save(wizard, shots, "import-mapping.png")
    with qtbot.waitSignal(wizard.dryRunFinished, timeout=10_000):
        wizard.next()
    assert wizard.currentId() == PAGE_DRY_RUN
    save(wizard, shots, "import-dry-run.png")
    with qtbot.waitSignal(wizard.importFinished, timeout=10_000):
        wizard.next()
    assert wizard.currentId() == PAGE_REPORT
    save(wizard, shots, "import-report.png")

    short = tmp_path / "cp1251.csv"
    with short.open("w", encoding="cp1251", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["Name", "Phone"], ["Иван", "+7 916 123 45 67"]])
    other = ImportWizard(sqlite_db, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(other)
    other.resize(980, 640)
    other.show()
    other.set_file(short)
    other.next()
    assert not other.button(QWizard.WizardButton.NextButton).isEnabled()
    save(other, shots, "import-encoding.png")
