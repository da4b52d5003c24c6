"""Help ▸ About: what the app is, its version, where the data lives, and the components it uses."""
from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import paths
from app.ui.i18n import translate


def app_version() -> str:
    try:
        return metadata.version("medtour-desk")
    except metadata.PackageNotFoundError:
        return "development"


class AboutDialog(QDialog):
    def __init__(self, database_location: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("AboutDialog", "About MedTour Desk"))
        logo = QLabel()
        pixmap = QPixmap(str(paths.brand_logo_path()))
        if not pixmap.isNull():
            logo.setPixmap(pixmap.scaled(88, 88, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        title = QLabel(f"MedTour Desk {app_version()}")
        title.setProperty("role", "title")
        body = QLabel(
            "The desk of a medical-tourism agency's coordinators: inquiries from patients abroad who ask "
            "about CAR T-cell therapy in China, the calls and follow-ups that answer them, and the pipeline "
            "from first contact to treatment and aftercare.\n\n"
            f"Database: {database_location or '—'}\n"
            f"Data folder: {paths.data_dir()}\n\n"
            f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}\n"
            "Fonts: Noto (SIL Open Font License 1.1), WenQuanYi Micro Hei (Apache 2.0)."
        )
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        head = QHBoxLayout()
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        head.addSpacing(12)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(body, 1)
        head.addLayout(text, 1)
        column = QVBoxLayout(self)
        column.addLayout(head)
        column.addWidget(buttons)
        self.setMinimumWidth(520)
