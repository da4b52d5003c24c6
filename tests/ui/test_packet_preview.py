"""The packet preview: rendered off the UI thread, shown with QtPdf, saved and printed with a record."""
from __future__ import annotations

import hashlib

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.domain.lead_records import LeadInput
from app.domain.leads import create_lead, get_lead
from app.domain.profiles import ProfileInput, set_profile
from app.ui.dialog_prompts import ScriptedPrompts
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
