"""Colours and styles in one place. Status colours come from the pipeline (app.domain.pipeline
STATUS_INFO); everything else a widget paints in colour is named here."""
from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.pipeline import STATUS_INFO, Status
from app.domain.speed_to_lead import Urgency
from app.domain.today import Window

# The palette: calm greys, one blue accent.
WINDOW = "#f4f6f9"
BASE = "#ffffff"
ALT_BASE = "#f7f9fc"
TEXT = "#1d2733"
MUTED = "#6b7785"
BORDER = "#d5dbe3"
ACCENT = "#1f5fbf"
HIGHLIGHT = "#cfe0fb"
HIGHLIGHT_TEXT = "#0f1f33"

# Meanings.
AMBER = "#b86e00"
AMBER_BG = "#fff1d6"
RED = "#c62828"
RED_BG = "#fde4e4"
GREEN = "#2e7d32"
OUTSIDE_HOURS = "#8a94a6"
OVERDUE = RED
LINK = ACCENT

#: Chart series colours (sources, countries), distinguishable and calm.
SERIES = ("#1f5fbf", "#2a9d8f", "#e9a23b", "#8e44ad", "#d1495b", "#4c956c", "#6c757d", "#3a86ff", "#b5651d", "#00798c")


def status_colour(status: Status | str) -> QColor:
    return QColor(STATUS_INFO[Status(status)].colour)


@lru_cache(maxsize=64)
def _tint(colour: str, amount: float) -> str:
    base = QColor(colour)
    white = 255
    r = round(base.red() + (white - base.red()) * amount)
    g = round(base.green() + (white - base.green()) * amount)
    b = round(base.blue() + (white - base.blue()) * amount)
    return QColor(r, g, b).name()


def status_background(status: Status | str) -> QColor:
    """A light tint of the status colour, for pills and tiles."""
    return QColor(_status_background(Status(status)))


@cache
def _status_background(status: Status) -> QColor:
    return QColor(_tint(STATUS_INFO[status].colour, 0.82))


def status_foreground(status: Status | str) -> QColor:
    """Text on the tinted background: the status colour darkened until it reads well."""
    return QColor(_status_foreground(Status(status)))  # a copy: callers may change theirs


@cache
def _status_foreground(status: Status) -> QColor:
    colour = QColor(STATUS_INFO[status].colour)
    return colour.darker(170) if colour.lightness() > 110 else colour.darker(120)


def urgency_colour(level: Urgency | None) -> QColor | None:
    if level is Urgency.RED:
        return QColor(RED)
    if level is Urgency.AMBER:
        return QColor(AMBER)
    return None


def urgency_background(level: Urgency | None) -> QColor | None:
    if level is Urgency.RED:
        return QColor(RED_BG)
    if level is Urgency.AMBER:
        return QColor(AMBER_BG)
    return None


_window_icons: dict[str, object] = {}
_WINDOW_ICON_KIND = {Window.AWAKE: "awake", Window.MAYBE: "maybe", Window.ASLEEP: "asleep"}


def window_icon(window: Window):
    """The dot for where the patient's day stands; None when no time zone is known."""
    kind = _WINDOW_ICON_KIND.get(window)
    return call_window_icon(kind) if kind else None


def call_window_icon(kind: str):
    """A small dot for the patient's day: 'awake' (green), 'maybe' (half amber), 'asleep' (grey ring)."""
    icon = _window_icons.get(kind)
    if icon is not None:
        return icon
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap

    size = 12
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x, crisp on high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(2, 2, size - 4, size - 4)
    if kind == "awake":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(GREEN))
        painter.drawEllipse(circle)
    elif kind == "maybe":
        painter.setPen(QPen(QColor(AMBER), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        painter.setBrush(QColor(AMBER))
        painter.drawPie(circle, 90 * 16, 180 * 16)
    else:
        painter.setPen(QPen(QColor(OUTSIDE_HOURS), 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
    painter.end()
    icon = QIcon(pixmap)
    _window_icons[kind] = icon
    return icon


def palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    p.setColor(roles.Window, QColor(WINDOW))
    p.setColor(roles.WindowText, QColor(TEXT))
    p.setColor(roles.Base, QColor(BASE))
    p.setColor(roles.AlternateBase, QColor(ALT_BASE))
    p.setColor(roles.Text, QColor(TEXT))
    p.setColor(roles.Button, QColor("#eef1f5"))
    p.setColor(roles.ButtonText, QColor(TEXT))
    p.setColor(roles.Highlight, QColor(HIGHLIGHT))
    p.setColor(roles.HighlightedText, QColor(HIGHLIGHT_TEXT))
    p.setColor(roles.ToolTipBase, QColor("#fffef5"))
    p.setColor(roles.ToolTipText, QColor(TEXT))
    p.setColor(roles.PlaceholderText, QColor(MUTED))
    p.setColor(roles.Link, QColor(LINK))
    p.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#a3acb8"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#a3acb8"))
    p.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#a3acb8"))
    return p


STYLESHEET = f"""
QMainWindow::separator {{ background: {BORDER}; width: 1px; height: 1px; }}
QToolBar {{ border: none; border-bottom: 1px solid {BORDER}; spacing: 4px; padding: 3px 6px; background: {WINDOW}; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: #e3e8ef; }}
QTabWidget#views::pane {{ border: none; border-top: 1px solid {BORDER}; }}
QTabBar::tab {{ padding: 6px 14px; }}
QTableView {{ gridline-color: #edf0f4; selection-background-color: {HIGHLIGHT}; selection-color: {HIGHLIGHT_TEXT};
    border: 1px solid {BORDER}; }}
QHeaderView::section {{ background: #eef1f5; border: none; border-right: 1px solid {BORDER};
    border-bottom: 1px solid {BORDER}; padding: 4px 6px; font-weight: 600; color: #3b4654; }}
QLineEdit#searchBox {{ padding: 5px 8px; border: 1px solid {BORDER}; border-radius: 6px; background: {BASE}; }}
QLineEdit#searchBox:focus {{ border: 1px solid {ACCENT}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: 600; color: {TEXT}; }}
QLabel[role="section"] {{ font-size: 11pt; font-weight: 600; color: #2f3a47; }}
QFrame[role="card"] {{ background: {BASE}; border: 1px solid {BORDER}; border-radius: 8px; }}
QToolButton#restrictionChip {{ background: #e7efff; color: {ACCENT}; border: 1px solid #b9cdf3; border-radius: 10px; padding: 2px 10px; }}
QStatusBar {{ border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ color: #46505d; padding: 0 6px; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(STYLESHEET)
