"""Fonts: the bundled ones registered at start-up, and a fallback chain so that a patient's name in
Arabic, Chinese, Devanagari or Cyrillic never shows empty boxes ("tofu"), even on a bare machine.

Every ``.ttf``/``.otf``/``.ttc`` of the bundled fonts (``paths.fonts_dir()``) is registered with
QFontDatabase. The UI font is Noto Sans (Latin, Cyrillic, Greek) followed by the script fonts, bundled or installed, in
:data:`FALLBACK_FAMILIES` order; Qt walks that list for each character the first font lacks.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication, QTextLayout
from PySide6.QtWidgets import QApplication

from app import paths

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
BASE_FAMILY = "Noto Sans"
#: Script fallbacks, in order; missing families are skipped.
FALLBACK_FAMILIES = (
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Noto Sans Devanagari",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans Symbols2",
    "Noto Sans Symbols 2",
    "Noto Color Emoji",
    "Segoe UI Emoji",
    "Apple Color Emoji",
)
UI_POINT_SIZE = 10

_registered: list[str] = []


def register_bundled_fonts(folder: Path | None = None) -> list[str]:
    """Register every font file found; returns the families added (once per process)."""
    if _registered:
        return list(_registered)
    folder = folder or paths.fonts_dir()
    if not folder.is_dir():
        return []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in _registered:
                    _registered.append(family)
    return list(_registered)


def available_fallbacks() -> list[str]:
    have = set(QFontDatabase.families())
    return [family for family in FALLBACK_FAMILIES if family in have]


def ui_font(point_size: int = UI_POINT_SIZE) -> QFont:
    have = set(QFontDatabase.families())
    base = BASE_FAMILY if BASE_FAMILY in have else QApplication.font().family()
    font = QFont(base, point_size)
    font.setFamilies([base, *available_fallbacks()])
    return font


def install_fonts(app: QApplication) -> QFont:
    """Register the bundled fonts and make the fallback chain the application font."""
    register_bundled_fonts()
    font = ui_font()
    QFont.insertSubstitutions(font.family(), available_fallbacks())
    app.setFont(font)
    _flag_support.cache_clear()
    return font


@lru_cache(maxsize=1)
def _flag_support() -> bool:
    regional_a = 0x1F1E6
    return any(QFontMetrics(QFont(family)).inFontUcs4(regional_a) for family in [BASE_FAMILY, *available_fallbacks()])


def can_show_flags() -> bool:
    """Whether some installed font draws flag emoji; when none does, show the country code alone
    rather than two boxes."""
    if QGuiApplication.instance() is None:  # no fonts to ask (a model used without a GUI)
        return False
    return _flag_support()


def missing_glyphs(text: str, font: QFont | None = None) -> list[str]:
    """Characters of `text` that no font of the chain can draw (used by tests and screenshots)."""
    font = font or QApplication.font()
    metrics = [QFontMetrics(QFont(family)) for family in font.families() or [font.family()]]
    missing = []
    for char in text:
        if char.isspace() or not char.isprintable():
            continue
        if not any(m.inFontUcs4(ord(char)) for m in metrics):
            missing.append(char)
    return missing


def drawn_with(text: str, font: QFont | None = None) -> list[tuple[str, list[int]]]:
    """The fonts Qt actually chose to draw `text` in `font` (the application font by default):
    for each glyph run, the family of its raw font and its glyph indexes (0 is the empty box)."""
    layout = QTextLayout(" ".join(text.split("\n")), font or QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def tofu(text: str, font: QFont | None = None) -> list[str]:
    """Characters of `text` that Qt draws as empty boxes in `font` — asked of the font Qt chose for
    each character, not of the fonts on the list (used by tests and screenshots)."""
    if all(0 not in glyphs for _family, glyphs in drawn_with(text, font)):
        return []
    return [char for char in dict.fromkeys(text) if not char.isspace()
            and any(0 in glyphs for _family, glyphs in drawn_with(char, font))]
