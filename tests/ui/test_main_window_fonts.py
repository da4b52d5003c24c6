"""No tofu: the bundled fonts alone draw every script the demo data and the window use."""
import pytest
from PySide6.QtGui import QFont

from app.domain.demo_data import COUNTRIES, MESSAGES
from app.ui import fonts

pytestmark = pytest.mark.gui

UI_TEXT = "Leads · Today · Pipeline — ✕ … ← → Ctrl+→ File ▸ Open 09:00–20:00 %"


@pytest.fixture
def bundled_font(qapp):
    families = fonts.register_bundled_fonts()
    assert {"Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari", "WenQuanYi Micro Hei"} <= set(families)
    font = QFont("Noto Sans")
    font.setFamilies([f for f in families if "Mono" not in f])  # what a machine without system fonts has
    return font


def every_demo_name() -> str:
    parts = []
    for country in COUNTRIES:
        for names in (country.given, country.family, country.given_f, country.family_f):
            parts.extend(native for native, _latin in names)
    return " ".join(parts)


def test_bundled_fonts_draw_every_demo_name_and_message(bundled_font):
    assert fonts.missing_glyphs(every_demo_name(), bundled_font) == []
    assert fonts.missing_glyphs(" ".join(MESSAGES), bundled_font) == []


def test_bundled_fonts_draw_the_windows_own_symbols(bundled_font):
    assert fonts.missing_glyphs(UI_TEXT, bundled_font) == []


def test_the_application_font_falls_back_through_the_scripts(qapp):
    font = fonts.ui_font()
    families = font.families()
    assert families[0] == "Noto Sans"
    for script_font in ("Noto Sans Arabic", "Noto Sans Devanagari", "WenQuanYi Micro Hei"):
        assert script_font in families
