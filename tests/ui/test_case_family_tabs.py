"""The case's Family and Schedule tabs, driven as a coordinator would (pytest-qt, offscreen), with
screenshots at the tab area of a 1366×768 laptop (~1000×520)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.domain.case_file import case_lead
from app.domain.case_people import list_people
from app.domain.case_schedule import get_schedule
from app.domain.travel_details import TravelInput, set_travel_details
from app.ui.case_family_tab import CaseFamilyTab, PersonDialog, TravelDialog
from app.ui.case_schedule_tab import COL_DONE, COL_START, ENTRY_ROLE, CaseScheduleTab
from app.ui.dialog_prompts import ScriptedPrompts
from db.case_models import DocumentRead
from tests.domain.case_family_data import NOW, choose_quote, make_lead, make_signer

pytestmark = pytest.mark.gui
TAB_SIZE = (1000, 520)
SHOTS = Path("/tmp")


def _clock():
    return NOW


def _accepting(dialog: QDialog) -> QDialog:
    dialog.exec = lambda: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    return dialog


def _lead_id(db, ref: str) -> int:
    with db.read() as session:
        return case_lead(session, ref).id


def _shot(widget, name: str) -> None:
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_family_tab_add_edit_and_passports_on_request(qtbot, sqlite_db):
    ref = make_lead(sqlite_db, companions=1)
    prompts = ScriptedPrompts()
    tab = CaseFamilyTab(sqlite_db, prompts=prompts, clock=_clock)
    qtbot.addWidget(tab)
    tab.resize(*TAB_SIZE)
    tab.show_lead(_lead_id(sqlite_db, ref))
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.summary.text() == "Travellers: 2 — Aigerim Nurlanova"
    assert "lead's companions number" in tab.note.text()

    def fill_husband(person):
        dialog = PersonDialog(tab, person=person, region=tab.region)
        dialog.name.setText("Нурлан Сейткали")
        dialog.relation.setCurrentText("spouse")
        dialog.phones.set_phones([("8 701 765 4321", "mobile"), ("12", "whatsapp")])
        dialog.language.set_code("ru")
        dialog.decides.setChecked(True)
        dialog.travels.setChecked(True)
        return _accepting(dialog)

    tab._dialog = fill_husband  # type: ignore[method-assign]
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert prompts.titles("inform") == ["Saved, with a warning"] and "'12' is kept as typed" in prompts.texts("inform")[0]
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 2).text() == "+77017654321, 12 (not valid)"
    assert tab.table.item(0, 3).text() == "Russian" and tab.table.item(0, 5).text() == "yes"
    assert tab.summary.text() == "Travellers: 2 — Aigerim Nurlanova, Нурлан Сейткали" and tab.note.isHidden()

    def add_daughter(person):
        dialog = PersonDialog(tab, person=person, region=tab.region)
        dialog.name.setText("Дана")
        dialog.relation.setCurrentText("daughter")
        dialog.decides.setChecked(True)
        return _accepting(dialog)

    tab._dialog = add_daughter  # type: ignore[method-assign]
    tab.add()
    tab.table.selectRow(1)
    assert tab.edit_button.isEnabled()

    def make_her_travel(person):
        dialog = PersonDialog(tab, person=person, region=tab.region)
        assert dialog.name.text() == "Дана"
        dialog.travels.setChecked(True)
        return _accepting(dialog)

    tab._dialog = make_her_travel  # type: ignore[method-assign]
    tab.edit_selected()
    assert [p.travels for p in list_people(sqlite_db, ref)] == [True, True]

    set_travel_details(sqlite_db, ref, TravelInput(full_name="AIGERIM NURLANOVA", nationality="KZ",
                                                   passport_number="N12345678", date_of_birth=date(1979, 5, 4),
                                                   passport_expiry=date(2031, 1, 31)), clock=_clock)
    assert tab.passports.isHidden()
    with sqlite_db.read() as session:
        assert session.scalar(select(DocumentRead.id)) is None  # nothing read before "Show"
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.passports.isVisible() and tab.show_button.text() == "Hide"
    assert tab.passports.item(0, 4).text() == "N12345678"
    assert tab.passports.item(1, 6).text() == "no passport details"
    with sqlite_db.read() as session:
        assert session.scalars(select(DocumentRead.purpose)).all() == ["travel_details"]
    tab.table.clearSelection()
    _shot(tab, "case_family_tab")

    tab.table.selectRow(0)

    def passport(who, details):
        assert who == "Нурлан Сейткали"
        dialog = TravelDialog(tab, who=who, details=details)
        dialog.full_name.setText("NURLAN SEITKALI")
        dialog.number.setText("N 8765 4321")
        dialog.nationality.set_code("KZ")
        dialog.born.setDate(QDate(1976, 2, 9))
        dialog.expiry.setDate(QDate(2030, 8, 1))
        return _accepting(dialog)

    tab._travel_dialog = passport  # type: ignore[method-assign]
    qtbot.mouseClick(tab.passport_button, Qt.MouseButton.LeftButton)
    assert tab.passports.item(1, 4).text() == "N87654321" and tab.passports.item(1, 6).text() == ""
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.passports.isHidden() and tab.passports.rowCount() == 0

    tab.table.selectRow(1)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert prompts.titles("ask") == ["Remove person"] and tab.table.rowCount() == 1


def test_schedule_tab_plan_move_done_export_and_visa_letter(qtbot, sqlite_db, tmp_path):
    ref = make_lead(sqlite_db, timezone="Europe/Berlin")
    lead_id = _lead_id(sqlite_db, ref)
    prompts = ScriptedPrompts()
    tab = CaseScheduleTab(sqlite_db, prompts=prompts, clock=_clock)
    qtbot.addWidget(tab)
    tab.resize(*TAB_SIZE)
    tab.show_lead(lead_id)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.summary.text() == "No schedule yet: pick the arrival date and plan."
    assert not tab.ics_family.isEnabled() and not tab.visa_button.isEnabled()
    tab.arrival.setDate(QDate(2027, 3, 26))
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)  # no chosen quote, no offer picked
    assert prompts.texts("error") == ["No quote is chosen yet: choose the offer to plan from."]

    choose_quote(sqlite_db, ref)
    tab.refresh()
    assert tab.offer.currentText() == "Chosen quote: riverside_b_all"
    tab.timed.setChecked(True)
    tab.arrival_time.setTime(tab.arrival_time.time().fromString("15:45", "HH:mm"))
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    schedule = get_schedule(sqlite_db, ref)
    assert schedule.arrival == date(2027, 3, 26) and schedule.arrival_time is not None
    assert tab.table.rowCount() == len(schedule.items) == 13
    assert "back home after 13 May 2027" in tab.summary.text()

    infusion_row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 1).text() == "Infusion")
    editor = tab.table.cellWidget(infusion_row, COL_START)
    editor.setDate(QDate(2027, 4, 20))
    editor.editingFinished.emit()
    moved = next(i for i in get_schedule(sqlite_db, ref).items if i.key == "infusion")
    assert moved.starts_on == date(2027, 4, 20) and moved.edited
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 1).data(ENTRY_ROLE) == moved.id)
    assert tab.table.item(row, 1).text() == "Infusion  (moved)"

    visa_row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 1).text() == "Visa application")
    tab.table.item(visa_row, COL_DONE).setCheckState(Qt.CheckState.Checked)
    assert next(i for i in get_schedule(sqlite_db, ref).items if i.key == "visa_application").done
    _shot(tab, "case_schedule_tab")

    ics = tmp_path / "family.ics"
    prompts.answers["save_path"] = str(ics)
    qtbot.mouseClick(tab.ics_family, Qt.MouseButton.LeftButton)
    summaries = {str(e["summary"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert "Введение клеток" in summaries and not any("Visa" in s for s in summaries)

    pdf = tmp_path / "visa.pdf"
    prompts.answers["save_path"] = str(pdf)
    with qtbot.waitSignal(tab.letterFailed, timeout=20_000) as failed:  # only the placeholder is working
        qtbot.mouseClick(tab.visa_button, Qt.MouseButton.LeftButton)
    assert "set your profile first" in str(failed.args[0]) and not pdf.exists()
    make_signer(sqlite_db)
    with qtbot.waitSignal(tab.letterFailed, timeout=20_000) as failed:
        tab.visa_letter()
    assert "the patient: no passport details" in str(failed.args[0])
    set_travel_details(sqlite_db, ref, TravelInput(full_name="AIGERIM NURLANOVA", nationality="KZ",
                                                   passport_number="N12345678", date_of_birth=date(1979, 5, 4),
                                                   passport_expiry=date(2031, 1, 31)), clock=_clock)
    with qtbot.waitSignal(tab.letterWritten, timeout=30_000) as written:
        tab.visa_letter()
    assert written.args[0].languages == ("en", "zh") and pdf.read_bytes().startswith(b"%PDF")
    assert prompts.titles("inform")[-1] == "Visa letter saved"
    QThreadPool.globalInstance().waitForDone(10_000)
