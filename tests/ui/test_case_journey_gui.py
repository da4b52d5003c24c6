"""A case carried from inquiry to booked in the desk, tab by tab, as a coordinator would: the
status dialog says what the case still lacks at each gate and lets the move through once the tab
has it. Real files attached in the Records tab's worker, a real bundle, a quote, a companion, a
plan from the chosen offer; screenshots of each tab at 1366×768 on the way."""
from __future__ import annotations

from datetime import UTC

import pytest
from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QDialog
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.case_records import record_checklist
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.ui.case_family_tab import PersonDialog
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.main_controller import build_desk
from app.ui.status_dialog import StatusChangeDialog

pytestmark = pytest.mark.gui


def _pdf(path, title):
    page = canvas.Canvas(str(path), pagesize=A4)
    page.drawString(72, 760, title)
    page.save()
    return str(path)


def _move(qtbot, db, lead_id, status, *, refused_with=None):
    dialog = StatusChangeDialog(db, lead_id, status, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    if refused_with is not None:
        assert not dialog.ok_button.isEnabled() and refused_with in dialog.message.text(), dialog.message.text()
        dialog.reject()
        return
    assert dialog.ok_button.isEnabled(), dialog.message.text()
    dialog.accept()
    assert get_lead(db, lead_id).status == status


def test_a_case_from_inquiry_to_booked_in_the_desk(qtbot, sqlite_db, tmp_path):
    lead_id = create_lead(sqlite_db, LeadInput(full_name="Фатима Алиева", latin_name="Fatima Alieva", country="KZ",
                                               language="ru", phones=[("+7 701 555 0142", "mobile")],
                                               diagnosis="Diffuse large B-cell lymphoma")).lead_id
    prompts = ScriptedPrompts()
    window, controller = build_desk(sqlite_db, zone=UTC, prompts=prompts, safety=False)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    editor = controller.open_lead(lead_id).editor
    shots = tmp_path / "shots"
    shots.mkdir()

    def shot(name):
        window.grab().save(str(shots / f"{name}.png"))

    _move(qtbot, sqlite_db, lead_id, "contacted")
    _move(qtbot, sqlite_db, lead_id, "qualified")

    # Records: the gate says what is missing; files go in through the tab's worker; each accepted.
    _move(qtbot, sqlite_db, lead_id, "records_received", refused_with="records still missing")
    editor.case.select("records")
    records = editor.case.tab("records")
    items = record_checklist(sqlite_db, lead_id).items
    for number, item in enumerate(items):
        records.attach_paths(item.key, [_pdf(tmp_path / f"r{number}.pdf", item.label)])
        qtbot.waitUntil(lambda key=item.key: not records.tasks and bool(record_checklist(sqlite_db, lead_id).item(key).files),
                        timeout=15_000)
        records.tree.clearSelection()
        row = next(records.tree.topLevelItem(i) for i in range(records.tree.topLevelItemCount())
                   if records.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) == ("item", item.key))
        row.setSelected(True)
        records.accept_selected()
    assert {i.state for i in record_checklist(sqlite_db, lead_id).items} == {"accepted"}
    shot("records")
    _move(qtbot, sqlite_db, lead_id, "records_received")

    # Review & quotes: consent, a bundle, the answer, a quote, the choice.
    editor.case.select("quotes")
    review = editor.case.tab("quotes")
    review.select_hospital("shanghai_eastbank")
    assert not review.bundle_button.isEnabled()  # no consent, no bundle
    review.run_dialog = lambda dialog: (dialog.method.setCurrentText("Signed consent form"), True)[1]
    review.record_consent()
    review.select_hospital("shanghai_eastbank")
    prompts.answers["save_path"] = str(tmp_path / "eastbank.zip")
    with qtbot.waitSignal(review.bundle_made, timeout=30_000):
        review.make_bundle()
    _move(qtbot, sqlite_db, lead_id, "medical_review")

    def answer(dialog):
        dialog.verdict.setCurrentIndex(dialog.verdict.findData("eligible"))
        dialog.offer.setCurrentIndex(dialog.offer.findData("eastbank_lymphoma"))
        return True

    review.run_dialog = answer
    review.record_answer()

    def quote(dialog):
        dialog.currency.setText("CNY")
        dialog.offer.setCurrentIndex(dialog.offer.findData("eastbank_lymphoma"))
        dialog.items.setPlainText("manufacturing=300000\nhospital_stay=62000")
        dialog.valid.setDate(QDate(2027, 6, 30))
        return True

    review.run_dialog = quote
    review.add_quote()
    _move(qtbot, sqlite_db, lead_id, "quote_sent", refused_with="no quote is chosen")
    review.select_quote(review.comparison.quotes[0].id)
    review.choose_quote()
    shot("quotes")
    _move(qtbot, sqlite_db, lead_id, "quote_sent")
    _move(qtbot, sqlite_db, lead_id, "decision_pending")

    # Family: the husband travels with her.
    editor.case.select("family")
    family = editor.case.tab("family")

    def husband(person):
        dialog = PersonDialog(family, person=person, region=family.region)
        dialog.name.setText("Нурлан Алиев")
        dialog.relation.setCurrentText("spouse")
        dialog.travels.setChecked(True)
        dialog.decides.setChecked(True)
        dialog.exec = lambda: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
        return dialog

    family._dialog = husband  # type: ignore[method-assign]
    family.add()
    assert family.summary.text().startswith("Travellers: 2")
    shot("family")

    # Schedule: planned from the chosen offer and the arrival; then the lead is booked.
    _move(qtbot, sqlite_db, lead_id, "booked", refused_with="schedule")
    editor.case.select("schedule")
    schedule = editor.case.tab("schedule")
    schedule.refresh()
    schedule.arrival.setDate(QDate(2027, 2, 15))
    qtbot.mouseClick(schedule.plan_button, Qt.MouseButton.LeftButton)
    assert schedule.table.rowCount() > 5
    shot("schedule")
    _move(qtbot, sqlite_db, lead_id, "booked")
    editor.case.select("history")
    shot("history")
    assert {p.stem for p in shots.iterdir()} == {"records", "quotes", "family", "schedule", "history"}
    QThreadPool.globalInstance().waitForDone(10_000)
