"""The packet preview: rendered off the UI thread, shown with QtPdf, saved and printed with a record."""
from __future__ import annotations

import hashlib

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.domain.profiles import ProfileInput, set_profile
from app.domain.program_choices import program_label
from app.ui.dialog_prompts import ScriptedPrompts
from app.ui.packet_plan_panel import KIND_WORDS, amount_range
from app.ui.packet_preview_dialog import PacketPreviewDialog


@pytest.fixture
def lead_id(sqlite_db, clock):
    set_profile(sqlite_db, ProfileInput(name="Omar Haddad", email="omar@medtourdesk.example"))  # who signs the packet
    return create_lead(sqlite_db, LeadInput(full_name="محمد العتيبي", email="m@example.sa", country="SA", language="ar",
                                            diagnosis="Multiple myeloma", diagnosis_category="multiple_myeloma"), clock=clock).lead_id


def test_preview_save_and_print(qtbot, sqlite_db, lead_id, clock, tmp_path):
    target = tmp_path / "packet.pdf"
    prompts = ScriptedPrompts(save_path=str(target))
    dialog = PacketPreviewDialog(sqlite_db, lead_id, clock=clock, prompts=prompts)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=20000)
    assert dialog.made.language == "ar" and dialog.made.program == "bcma_car_t_myeloma"
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 3, timeout=5000)
    assert dialog.save_button.isEnabled()

    path = dialog.save()
    assert path == target.resolve() and hashlib.sha256(target.read_bytes()).hexdigest() == dialog.made.sha256

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000

    packets = [i for i in get_lead(sqlite_db, lead_id).interactions if i.kind == "packet"]
    assert {p.details["action"] for p in packets} == {"saved", "printed"}
    assert all(p.details["sha256"] == dialog.made.sha256 and p.details["language"] == "ar" for p in packets)


def test_switching_language_re_renders(qtbot, sqlite_db, lead_id, clock):
    dialog = PacketPreviewDialog(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=20000)
    with qtbot.waitSignal(dialog.rendered, timeout=20000):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.made.language == "en"
    assert [i.kind for i in get_lead(sqlite_db, lead_id).interactions] == ["inquiry"]  # preview records nothing


def _wait_rendered(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)


def test_side_panel_shows_the_plan_the_packet_was_drawn_from(qtbot, sqlite_db, lead_id, clock):
    dialog = PacketPreviewDialog(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    _wait_rendered(qtbot, dialog)
    plan, panel = dialog.plan, dialog.panel
    assert plan.kind == "estimate" and plan.offer is not None and dialog.made.offer == plan.offer.key
    shown = panel.texts()
    assert shown["kind"] == KIND_WORDS["estimate"] and shown["language"] == "العربية"
    assert program_label(plan.offer.program) in shown["program"] and plan.offer.hospital in shown["hospital"]
    assert shown["travellers"].startswith(str(plan.travellers))
    assert shown["domestic"].startswith("abroad (SA)")
    assert "Omar Haddad" in shown["coordinator"] and "omar@medtourdesk.example" in shown["coordinator"]
    assert all(reason in shown["reasons"] for reason in plan.reasons)
    assert all(record in shown["records"] for record in plan.records_needed)

    table = panel.lines
    rows = [*plan.lines, *plan.totals]
    assert table.isVisibleTo(dialog) and table.rowCount() == len(rows)
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Item", "USD", "SAR"]
    for index, row in enumerate(rows):
        assert [table.item(index, c).text() for c in range(3)] == [
            row.label, amount_range(row.min, row.max), amount_range(row.min_local, row.max_local)]


def test_side_panel_says_why_there_is_no_estimate(qtbot, sqlite_db, clock):
    set_profile(sqlite_db, ProfileInput(name="Omar Haddad", email="omar@medtourdesk.example"))
    lead = create_lead(sqlite_db, LeadInput(full_name="Sam Taylor", email="s@example.com", country="GB", language="en",
                                            diagnosis="Glioblastoma, recurrent"), clock=clock).lead_id
    dialog = PacketPreviewDialog(sqlite_db, lead, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    _wait_rendered(qtbot, dialog)
    shown = dialog.panel.texts()
    assert shown["kind"] == KIND_WORDS["first_steps"] and shown["program"] == "none proposed"
    assert "no estimate: diagnosis not treated by partner programs" in shown["reasons"]
    assert not dialog.panel.lines.isVisibleTo(dialog)


def test_preview_with_its_panel_fits_a_1366_by_768_screen(qtbot, sqlite_db, lead_id, clock, desk_look):
    dialog = PacketPreviewDialog(sqlite_db, lead_id, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.resize(1366, 728)  # the screen less a taskbar
    dialog.show()
    qtbot.waitExposed(dialog)
    _wait_rendered(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 3, timeout=5000)
    dialog.grab().save("/tmp/explain-preview.png")
    assert dialog.width() <= 1366 and dialog.height() <= 768
    panel, table = dialog.panel, dialog.panel.lines
    assert panel.widget().width() <= panel.viewport().width(), "no part of the panel is cut off at the side"
    assert table.horizontalHeader().length() <= table.viewport().width()
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in (1, 2):
            text = table.item(row, column).text()
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column), (row, column, text)
    assert dialog.view.width() >= 700, "the pages keep most of the room"
