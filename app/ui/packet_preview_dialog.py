"""Preview a lead's packet inside the app (QtPdf), then save it or print it.

The PDF is rendered off the UI thread; the language and program pickers re-render it. Beside the
pages, a side panel shows what the packet is built from and why (the plan it was drawn from,
app.ui.packet_plan_panel). Saving and printing put "packet sent" on the lead's timeline with the
file's SHA-256, language and program.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import Clock, utc_now
from app.domain.output_path import check_output_path
from app.domain.program_choices import program_label
from app.packets.content import cached_content
from app.packets.lead_packets import MadePacket, record_packet_sent, render_plan_for_lead
from app.packets.packet_plan import PacketPlan
from app.packets.packet_renderer import write_packet
from app.ui import i18n
from app.ui.background_task import BackgroundTask
from app.ui.dialog_prompts import Prompts
from app.ui.i18n import translate
from app.ui.main_window import fit_on_screen
from app.ui.packet_plan_panel import PacketPlanPanel
from app.ui.shortcuts import sequence
from db.engine import Database

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "ar": "العربية", "zh": "中文"}

#: The dialog's size when the screen has room (it is made smaller on a 1366×768 laptop).
PREFERRED_SIZE = QSize(1280, 900)


class PacketPreviewDialog(QDialog):
    """`PacketPreviewDialog(db, lead_id)`; `packetRecorded(int)` after a save or a print."""

    packetRecorded = Signal(int)
    rendered = Signal()

    def __init__(self, db: Database, lead_id: int, *, clock: Clock = utc_now, actor_id: int | None = None,
                 prompts: Prompts | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.lead_id, self.clock, self.actor_id = db, lead_id, clock, actor_id
        self.prompts = prompts or Prompts()
        self.pdf: bytes | None = None
        self.made: MadePacket | None = None
        #: What the shown packet was built from (the side panel shows it).
        self.plan: PacketPlan | None = None
        self._task: BackgroundTask | None = None
        self._buffer: QBuffer | None = None
        self.setWindowTitle(translate("PacketPreviewDialog", "Patient packet"))

        content = cached_content()
        self.language = QComboBox()
        self.language.addItem(translate("PacketPreviewDialog", "Patient's language"), None)
        for code in content.languages:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.program = QComboBox()
        self.program.addItem(translate("PacketPreviewDialog", "Lead's program"), None)
        english = content.texts["en"]
        for key in content.programs:
            self.program.addItem(english.get(f"programs.{key}.name"), key)
        self.status = QLabel(translate("PacketPreviewDialog", "Preparing the packet…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.save_button = QPushButton(translate("PacketPreviewDialog", "&Save…"))
        self.save_button.setShortcut(sequence("packetSave"))
        self.save_button.setObjectName("packetSave")
        self.print_button = QPushButton(translate("PacketPreviewDialog", "&Print…"))
        self.print_button.setShortcut(sequence("packetPrint"))
        self.print_button.setObjectName("packetPrint")
        close = QPushButton(translate("PacketPreviewDialog", "Close"))
        for button in (self.save_button, self.print_button):
            button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("PacketPreviewDialog", "Language:")))
        top.addWidget(self.language)
        top.addWidget(QLabel(translate("PacketPreviewDialog", "Program:")))
        top.addWidget(self.program)
        top.addStretch(1)
        top.addWidget(self.save_button)
        top.addWidget(self.print_button)
        top.addWidget(close)
        self.panel = PacketPlanPanel()
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        fit_on_screen(self, PREFERRED_SIZE)

        self.language.currentIndexChanged.connect(self.show_pages)
        self.program.currentIndexChanged.connect(self.show_pages)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print)
        close.clicked.connect(self.reject)
        self.show_pages()

    # ------------------------------------------------------------------ rendering

    def show_pages(self) -> None:
        lang, program = self.language.currentData(), self.program.currentData()
        if self._task is not None and self._task.running:
            self._task.cancel()
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.status.setText(translate("PacketPreviewDialog", "Preparing the packet…"))
        self.panel.clear()
        db, lead_id, today, actor_id = self.db, self.lead_id, self.clock().date(), self.actor_id
        task = BackgroundTask(lambda control: render_plan_for_lead(db, lead_id, lang=lang, program=program,
                                                                   today=today, actor_id=actor_id), self)
        task.finished.connect(lambda result, t=task: self._show(result) if t is self._task else None)
        task.failed.connect(lambda exc, t=task: self._failed(exc) if t is self._task else None)
        self._task = task
        task.start()

    def _show(self, result: tuple[bytes, MadePacket, PacketPlan]) -> None:
        self.pdf, self.made, self.plan = result
        self.panel.show_plan(self.plan, LANGUAGE_NAMES.get(self.plan.language))
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        made = self.made
        self.status.setText(
            f"{made.reference} · {LANGUAGE_NAMES.get(made.language, made.language)} · "
            + (program_label(made.program) if made.program
               else translate("PacketPreviewDialog", "no program proposed yet (the doctors review first)"))
            + (f" ({made.offer})" if made.offer else "") + " · "
            + translate("PacketPreviewDialog", "%Ln page(s)", None, self.document.pageCount()) + " · "
            + translate("PacketPreviewDialog", "{size} KB").format(size=i18n.number(round(made.size / 1024)))
        )
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.rendered.emit()

    def _failed(self, exc: object) -> None:
        self.status.setText(translate("PacketPreviewDialog", "The packet could not be made."))
        self.prompts.error(self, translate("PacketPreviewDialog", "Patient packet"), exc if isinstance(exc, BaseException) else str(exc))

    # ------------------------------------------------------------------ actions

    def save(self) -> Path | None:
        if self.pdf is None or self.made is None:
            return None
        suggested = f"{self.made.reference}_{self.made.language}.pdf"
        chosen = self.prompts.save_path(self, translate("PacketPreviewDialog", "Save packet"), suggested,
            translate("PacketPreviewDialog", "PDF (*.pdf)"))
        if not chosen:
            return None
        try:
            # The save dialog asked before replacing a file; the database is never written over.
            path = write_packet(check_output_path(chosen, database=self.db.path, force=True, what="the packet"),
                                self.pdf).resolve()
            made = replace(self.made, path=path)  # the same packet (its offer too), where it was saved
            record_packet_sent(self.db, made, action="saved", actor_id=self.actor_id, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - shown as a readable message
            self.prompts.error(self, translate("PacketPreviewDialog", "Save packet"), exc)
            return None
        self.packetRecorded.emit(self.lead_id)
        self.status.setText(translate("PacketPreviewDialog", "Saved to {path}").format(path=path))
        return path

    def print(self, printer: QPrinter | None = None) -> bool:
        if self.pdf is None or self.made is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            self.prompts.error(self, translate("PacketPreviewDialog", "Print packet"),
                translate("PacketPreviewDialog", "The printer could not be opened."))
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                image = self.document.render(page, target.size())
                painter.drawImage(target, image)
        finally:
            painter.end()
        record_packet_sent(self.db, self.made, action="printed", actor_id=self.actor_id, clock=self.clock)
        self.packetRecorded.emit(self.lead_id)
        self.status.setText(translate("PacketPreviewDialog", "Sent to the printer"))
        return True

