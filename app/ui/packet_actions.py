"""The main window's "Print packet" action: open the preview for a lead."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.packet_preview_dialog import PacketPreviewDialog
from db.engine import Database


def print_packet(db: Database, lead_id: int, parent: QWidget | None = None, **options) -> PacketPreviewDialog:
    dialog = PacketPreviewDialog(db, lead_id, parent=parent, **options)
    dialog.setModal(False)
    dialog.show()
    return dialog
