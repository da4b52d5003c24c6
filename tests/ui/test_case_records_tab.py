"""The Records tab: the checklist with state pills and files, attaching in a worker (and by
dropping files on an item), requesting what is missing with the message to copy, accepting, and
opening a document (written privately, opened by the system, on the read log)."""
from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from app.domain.case_records import attach_file, document_reads_for, record_checklist, request_records
from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead
from app.domain.profiles import ProfileInput, set_profile
from app.ui.case_records_tab import COL_STATE, STATE_COLOURS, CaseRecordsTab
from app.ui.dialog_prompts import ScriptedPrompts

pytestmark = [pytest.mark.gui]

PDF = b"%PDF-1.4\n% discharge summary\n%%EOF\n"


@pytest.fixture
def case(sqlite_db, clock, tmp_path):
    created = create_lead(sqlite_db, LeadInput(full_name="Фатима Алиева", latin_name="Fatima Alieva", language="ru",
                                               phones=[("+79161112233", "mobile")], program="car_t_lymphoma"), clock=clock)
    path = tmp_path / "pathology.pdf"
    path.write_bytes(PDF)
    attach_file(sqlite_db, created.reference, "pathology_report", path, clock=clock)
    request_records(sqlite_db, created.reference, ["pet_ct", "passport_copy"], via="whatsapp", clock=clock)
    return created


@pytest.fixture
def tab(qtbot, sqlite_db, clock, case):
    opened: list[QUrl] = []
    prompts = ScriptedPrompts()
    widget = CaseRecordsTab(sqlite_db, prompts=prompts, clock=clock, opener=lambda url: opened.append(url) or True)
    widget.opened, widget.scripted = opened, prompts
    qtbot.addWidget(widget)
    widget.resize(1000, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_lead(case.lead_id)
    return widget


def _row(tab, key):
    tree = tab.tree
    return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1) == ("item", key))


def _select(tab, key):
    tab.tree.clearSelection()
    _row(tab, key).setSelected(True)


def test_the_checklist_shows_pills_and_files_and_fits_the_tab_area(tab, qtbot):
    assert tab.tree.topLevelItemCount() == 7
    pathology = _row(tab, "pathology_report")
    assert pathology.childCount() == 1 and pathology.child(0).text(0) == "pathology.pdf"
    assert "application/pdf" in pathology.child(0).text(2)
    assert _row(tab, "pet_ct").text(2).startswith("asked 25 Nov 2026 by WhatsApp")
    assert "6 of 7 required records still to come" in tab.basis.text()
    image = tab.grab().toImage()
    tab.grab().save("/tmp/records.png")
    rect = tab.tree.visualItemRect(pathology)  # inside the pill, left of its text
    point = tab.tree.viewport().mapTo(tab, QPoint(tab.tree.header().sectionPosition(COL_STATE) + 12, rect.center().y()))
    pixel, wanted = image.pixelColor(point), QColor(STATE_COLOURS["received"][0])
    assert abs(pixel.red() - wanted.red()) + abs(pixel.green() - wanted.green()) + abs(pixel.blue() - wanted.blue()) < 24
    # every button is inside the 1000 px tab area
    for button in (tab.attach_button, tab.link_button, tab.request_button, tab.accept_button, tab.back_button,
                   tab.add_button, tab.open_button):
        assert button.isVisible() and button.geometry().right() <= tab.width()
    assert tab.hint.geometry().right() <= tab.width()


def test_attaching_in_a_worker_and_by_dropping_files_on_an_item(tab, qtbot, sqlite_db, case, tmp_path):
    scan = tmp_path / "passport.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048)
    _select(tab, "passport_copy")
    tab.scripted.answers["open_path"] = str(scan)
    tab.choose_files()
    qtbot.waitUntil(lambda: not tab.tasks and _row(tab, "passport_copy").childCount() == 1, timeout=10_000)
    assert _row(tab, "passport_copy").data(COL_STATE, Qt.ItemDataRole.UserRole + 1) == "received"

    labs = tmp_path / "labs.pdf"
    labs.write_bytes(PDF + b"labs")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(labs))])
    target = tab.tree.visualItemRect(_row(tab, "blood_tests")).center()
    event = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    tab.tree.dropEvent(event)
    qtbot.waitUntil(lambda: not tab.tasks and _row(tab, "blood_tests").childCount() == 1, timeout=10_000)
    assert record_checklist(sqlite_db, case.reference).item("blood_tests").files[0].filename == "labs.pdf"

    bad = tmp_path / "viewer.exe"
    bad.write_bytes(b"MZ\x90\x00")
    tab.attach_paths("brain_mri", [str(bad)])
    qtbot.waitUntil(lambda: not tab.tasks and bool(tab.scripted.texts("error")), timeout=10_000)
    assert "Viewer.exe was not added: files named *.exe are programs or scripts" in tab.scripted.texts("error")[0]


def test_request_missing_shows_the_message_to_copy_and_marks_requested(tab, sqlite_db, case, qtbot):
    set_profile(sqlite_db, ProfileInput(name="Grace Adeyemi", email="grace@example.com"))
    shown = []

    def answer(dialog):
        shown.append(dialog.text.toPlainText())
        dialog.copy()
        dialog.via.setCurrentIndex(dialog.via.findData("email"))
        return True

    tab.run_request_dialog = answer
    tab.request_missing()
    text = shown[0]
    assert text.startswith("Здравствуйте, Фатима Алиева!") and "• ПЭТ-КТ за последние 8 недель" in text
    assert "Гистологическое" not in text  # received already: not asked for
    assert "Grace Adeyemi" in text and QGuiApplication.clipboard().text() == text
    assert tab.last_request_dialog.copy_button.text() == "Copied"
    states = {i.key: (i.state, i.requested_via) for i in record_checklist(sqlite_db, case.reference).items}
    assert states["brain_mri"] == ("requested", "email") and states["pathology_report"][0] == "received"


def test_accept_and_open_write_the_read_log(tab, sqlite_db, case):
    _select(tab, "pathology_report")
    assert tab.accept_button.isEnabled()
    tab.accept_selected()
    assert _row(tab, "pathology_report").data(COL_STATE, Qt.ItemDataRole.UserRole + 1) == "accepted"
    _select(tab, "pathology_report")
    path = tab.open_selected()
    assert path is not None and path.read_bytes() == PDF
    assert tab.opened == [QUrl.fromLocalFile(str(path))]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [r.purpose for r in document_reads_for(sqlite_db, case.reference)] == ["opened"]
    QApplication.processEvents()


def test_a_case_under_way_screenshot(tab, sqlite_db, case, clock, tmp_path):
    """A case half-way: accepted, received by link, requested, missing, an item added by hand.
    Written to /tmp/case-records.png, and to MEDTOUR_SCREENSHOTS for the documentation."""
    import os
    from pathlib import Path

    from app.domain.case_records import accept_record, add_record_item, attach_link

    accept_record(sqlite_db, case.reference, "pathology_report", clock=clock)
    attach_link(sqlite_db, case.reference, "pet_ct", "https://pacs.riverside-hospital.example/share/PT-88213",
                note="PET-CT study, 1.4 GB", clock=clock)
    labs = tmp_path / "blood-counts-2026-11-20.pdf"
    labs.write_bytes(PDF + b"cbc" * 30_000)
    attach_file(sqlite_db, case.reference, "blood_tests", labs, clock=clock)
    add_record_item(sqlite_db, case.reference, "Echocardiogram (last 3 months)", clock=clock)
    tab.refresh()
    assert tab.tree.topLevelItemCount() == 8
    assert "5 of 8 required records still to come" in tab.basis.text()
    for name in filter(None, ("/tmp", os.environ.get("MEDTOUR_SCREENSHOTS"))):
        folder = Path(name)
        folder.mkdir(parents=True, exist_ok=True)
        assert tab.grab().save(str(folder / "case-records.png"))
