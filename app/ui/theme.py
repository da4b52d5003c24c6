"""Colours and styles in one place. Status colours come from the pipeline (app.domain.pipeline
STATUS_INFO); everything else a widget paints in colour is named here."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.pipeline import STATUS_INFO, Status
from app.domain.speed_to_lead import Urgency
from app.domain.today import Window

#: WCAG 2.1 AA for normal text: every text colour named here reads at least this well on its background.
AA_NORMAL = 4.5


@dataclass(frozen=True)
class Scheme:
    """One set of the colours below: the light one, and a dark one for a system in dark mode."""

    name: str
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    border: str
    accent: str
    highlight: str
    highlight_text: str
    button: str
    header_text: str
    section_text: str
    status_bar_text: str
    grid: str
    hover: str
    track: str  # the empty part of a bar (pipeline tiles)
    chip: str
    chip_border: str
    tooltip: str
    disabled: str
    amber: str
    amber_bg: str
    red: str
    red_bg: str
    green: str
    outside_hours: str
    #: How far a status colour is mixed towards the base for its pill's background.
    status_tint: float

    @property
    def dark(self) -> bool:
        return QColor(self.base).lightness() < 128


# The palette: calm greys, one blue accent.
LIGHT = Scheme(
    name="light", window="#f4f6f9", base="#ffffff", alt_base="#f7f9fc", text="#1d2733", muted="#5f6a78",
    border="#d5dbe3", accent="#1f5fbf", highlight="#cfe0fb", highlight_text="#0f1f33", button="#eef1f5",
    header_text="#3b4654", section_text="#2f3a47", status_bar_text="#46505d", grid="#edf0f4", hover="#e3e8ef",
    track="#e8ecf1", chip="#e7efff", chip_border="#b9cdf3", tooltip="#fffef5", disabled="#a3acb8",
    amber="#965a00", amber_bg="#fff1d6", red="#c62828", red_bg="#fde4e4", green="#2e7d32", outside_hours="#5f6b7f",
    status_tint=0.82,
)
DARK = Scheme(
    name="dark", window="#1f2329", base="#262b32", alt_base="#2b3139", text="#e4e8ee", muted="#a3adb9",
    border="#3d4550", accent="#6aa5ff", highlight="#2f4c78", highlight_text="#f3f7fc", button="#323944",
    header_text="#c9d1db", section_text="#d5dce5", status_bar_text="#b9c2cd", grid="#343b45", hover="#3a424e",
    track="#3a424e", chip="#2a3a55", chip_border="#44618f", tooltip="#30363f", disabled="#6b7481",
    amber="#e8a838", amber_bg="#3f3118", red="#f6857d", red_bg="#4a2626", green="#6cc070", outside_hours="#98a2b0",
    status_tint=0.72,
)

_scheme: Scheme = LIGHT


def scheme() -> Scheme:
    """The colours in use (light unless the system asked for dark when the theme was applied)."""
    return _scheme


def _bind(chosen: Scheme) -> None:
    """The module's colour names (theme.TEXT, theme.MUTED, …) for `chosen`: widgets read them when
    they paint or build their style sheets."""
    names = globals()
    names.update(
        WINDOW=chosen.window, BASE=chosen.base, ALT_BASE=chosen.alt_base, TEXT=chosen.text, MUTED=chosen.muted,
        BORDER=chosen.border, ACCENT=chosen.accent, HIGHLIGHT=chosen.highlight, HIGHLIGHT_TEXT=chosen.highlight_text,
        TRACK=chosen.track, AMBER=chosen.amber, AMBER_BG=chosen.amber_bg, RED=chosen.red, RED_BG=chosen.red_bg,
        GREEN=chosen.green, OUTSIDE_HOURS=chosen.outside_hours, OVERDUE=chosen.red, LINK=chosen.accent,
    )


WINDOW = BASE = ALT_BASE = TEXT = MUTED = BORDER = ACCENT = HIGHLIGHT = HIGHLIGHT_TEXT = TRACK = ""
AMBER = AMBER_BG = RED = RED_BG = GREEN = OUTSIDE_HOURS = OVERDUE = LINK = ""
_bind(LIGHT)

#: Chart series colours (sources, countries), distinguishable and calm.
SERIES = ("#1f5fbf", "#2a9d8f", "#e9a23b", "#8e44ad", "#d1495b", "#4c956c", "#6c757d", "#3a86ff", "#b5651d", "#00798c")


def use_scheme(chosen: Scheme) -> None:
    global _scheme
    _scheme = chosen
    _bind(chosen)
    _status_background.cache_clear()
    _status_foreground.cache_clear()
    _window_icons.clear()


def system_prefers_dark(app: QApplication) -> bool:
    """Whether the system asks for a dark look: Qt's colour scheme (Qt ≥ 6.5) when it knows it,
    else the lightness of the palette the application started with."""
    hints = app.styleHints()
    color_scheme = getattr(hints, "colorScheme", None)
    if color_scheme is not None:
        value = color_scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


# ---------------------------------------------------------------------- contrast


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor | str) -> float:
    """WCAG 2.1 relative luminance (sRGB)."""
    c = QColor(colour)
    return 0.2126 * _linear(c.red()) + 0.7152 * _linear(c.green()) + 0.0722 * _linear(c.blue())


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def readable(colour: QColor | str, *backgrounds: QColor | str, ratio: float = AA_NORMAL) -> QColor:
    """`colour`, darkened (on light backgrounds) or lightened (on dark ones) just enough to reach
    `ratio` against every one of `backgrounds`."""
    result = QColor(colour)
    grounds = [QColor(b) for b in backgrounds] or [QColor(BASE)]
    lighten = sum(relative_luminance(b) for b in grounds) / len(grounds) < 0.18
    hue, saturation, lightness = result.hslHueF(), result.hslSaturationF(), result.lightnessF()
    for _step in range(100):
        if min(contrast_ratio(result, b) for b in grounds) >= ratio:
            break
        lightness = min(1.0, lightness + 0.01) if lighten else max(0.0, lightness - 0.01)
        result = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
    return result


# ---------------------------------------------------------------------- status colours


def status_colour(status: Status | str) -> QColor:
    return QColor(STATUS_INFO[Status(status)].colour)


@lru_cache(maxsize=64)
def _mix(colour: str, towards: str, amount: float) -> str:
    base, other = QColor(colour), QColor(towards)
    r = round(base.red() + (other.red() - base.red()) * amount)
    g = round(base.green() + (other.green() - base.green()) * amount)
    b = round(base.blue() + (other.blue() - base.blue()) * amount)
    return QColor(r, g, b).name()


def status_background(status: Status | str) -> QColor:
    """A tint of the status colour (towards white, or towards the dark base), for pills and tiles."""
    return QColor(_status_background(Status(status)))


@cache
def _status_background(status: Status) -> QColor:
    return QColor(_mix(STATUS_INFO[status].colour, "#ffffff" if not _scheme.dark else _scheme.base, _scheme.status_tint))


def status_foreground(status: Status | str) -> QColor:
    """Text in the status colour, darkened (lightened when dark) until it reads at AA on its pill's
    tint and on the plain base (a pipeline tile not selected)."""
    return QColor(_status_foreground(Status(status)))  # a copy: callers may change theirs


@cache
def _status_foreground(status: Status) -> QColor:
    colour = QColor(STATUS_INFO[status].colour)
    start = colour.darker(170 if colour.lightness() > 110 else 120) if not _scheme.dark else colour.lighter(130)
    return readable(start, _status_background(status), _scheme.base, _scheme.alt_base)


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
    c = _scheme
    p = QPalette()
    roles = QPalette.ColorRole
    p.setColor(roles.Window, QColor(c.window))
    p.setColor(roles.WindowText, QColor(c.text))
    p.setColor(roles.Base, QColor(c.base))
    p.setColor(roles.AlternateBase, QColor(c.alt_base))
    p.setColor(roles.Text, QColor(c.text))
    p.setColor(roles.Button, QColor(c.button))
    p.setColor(roles.ButtonText, QColor(c.text))
    p.setColor(roles.BrightText, QColor(c.red))
    p.setColor(roles.Highlight, QColor(c.highlight))
    p.setColor(roles.HighlightedText, QColor(c.highlight_text))
    p.setColor(roles.ToolTipBase, QColor(c.tooltip))
    p.setColor(roles.ToolTipText, QColor(c.text))
    p.setColor(roles.PlaceholderText, QColor(c.muted))
    p.setColor(roles.Link, QColor(c.accent))
    p.setColor(roles.LinkVisited, QColor(c.accent))
    for role, colour in ((roles.Light, QColor(c.base).lighter(120)), (roles.Midlight, QColor(c.button).lighter(110)),
                         (roles.Mid, QColor(c.border)), (roles.Dark, QColor(c.border).darker(130)),
                         (roles.Shadow, QColor("#000000"))):
        p.setColor(role, colour)
    for role in (roles.Text, roles.ButtonText, roles.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled))
    return p


def stylesheet() -> str:
    c = _scheme
    return f"""
QMainWindow::separator {{ background: {c.border}; width: 1px; height: 1px; }}
QToolBar {{ border: none; border-bottom: 1px solid {c.border}; spacing: 4px; padding: 3px 6px; background: {c.window}; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QToolBar QToolButton:hover {{ background: {c.hover}; }}
QTabWidget#views::pane {{ border: none; border-top: 1px solid {c.border}; }}
QTabBar::tab {{ padding: 6px 14px; }}
QTableView {{ gridline-color: {c.grid}; selection-background-color: {c.highlight}; selection-color: {c.highlight_text};
    border: 1px solid {c.border}; }}
QHeaderView::section {{ background: {c.button}; border: none; border-right: 1px solid {c.border};
    border-bottom: 1px solid {c.border}; padding: 4px 6px; font-weight: 600; color: {c.header_text}; }}
QLineEdit#searchBox {{ padding: 5px 8px; border: 1px solid {c.border}; border-radius: 6px; background: {c.base}; }}
QLineEdit#searchBox:focus {{ border: 1px solid {c.accent}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: 600; color: {c.text}; }}
QLabel[role="section"] {{ font-size: 11pt; font-weight: 600; color: {c.section_text}; }}
QFrame[role="card"] {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 8px; }}
QToolButton#restrictionChip {{ background: {c.chip}; color: {c.accent}; border: 1px solid {c.chip_border};
    border-radius: 10px; padding: 2px 10px; }}
QStatusBar {{ border-top: 1px solid {c.border}; }}
QStatusBar QLabel {{ color: {c.status_bar_text}; padding: 0 6px; }}
"""


STYLESHEET = stylesheet()  # the light one


def text_pairs(chosen: Scheme) -> dict[str, tuple[str, str]]:
    """Every (text colour, background) pair the app draws from `chosen`, by name (the contrast test reads it)."""
    c = chosen
    pairs = {}
    for ground_name in ("window", "base", "alt_base", "button"):
        ground = getattr(c, ground_name)
        for text_name in ("text", "muted", "accent", "amber", "red", "green", "outside_hours"):
            pairs[f"{text_name} on {ground_name}"] = (getattr(c, text_name), ground)
    pairs.update({
        "highlight_text on highlight": (c.highlight_text, c.highlight), "header_text on button": (c.header_text, c.button),
        "section_text on window": (c.section_text, c.window), "status_bar_text on window": (c.status_bar_text, c.window),
        "accent on chip": (c.accent, c.chip), "amber on amber_bg": (c.amber, c.amber_bg), "red on red_bg": (c.red, c.red_bg),
        "text on tooltip": (c.text, c.tooltip), "text on amber_bg": (c.text, c.amber_bg), "text on red_bg": (c.text, c.red_bg),
    })
    return pairs


def apply_theme(app: QApplication, *, dark: bool | None = None) -> Scheme:
    """Fusion, the palette and the style sheet; dark when the system asks for it (or `dark` says so)."""
    use_scheme(DARK if (system_prefers_dark(app) if dark is None else dark) else LIGHT)
    if app.style().name().lower() != "fusion":  # setting the same style again re-polishes every widget
        app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(stylesheet())
    return _scheme
