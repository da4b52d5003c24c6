"""No tofu: the bundled fonts alone draw every script the demo data and the window use."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.domain.demo_data import COUNTRIES, MESSAGES
from app.ui import fonts

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
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


LABEL_TEXT = "موعد الاستشارة غداً · 明天的会诊 · Консультация завтра"


def test_a_label_in_arabic_and_chinese_is_drawn_by_the_bundled_script_fonts(desk_look):
    """Asked of the fonts Qt chose for the label's text (its glyph runs), not of the fallback list."""
    label = QLabel(LABEL_TEXT)
    runs = fonts.drawn_with(label.text(), label.font())
    assert {"Noto Sans", "Noto Sans Arabic", "WenQuanYi Micro Hei"} <= {family for family, _glyphs in runs}
    assert all(0 not in glyphs for _family, glyphs in runs)
    assert fonts.tofu(label.text(), label.font()) == []


def test_tofu_finds_a_character_no_font_draws(desk_look):
    assert fonts.tofu("ok \U0010fffd", fonts.ui_font()) == ["\U0010fffd"]  # private use: in no font


PROBE = """
import json, sys
sys.path.insert(0, "scripts")
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel
import translations
from app.ui import fonts
from app.ui.startup import setup_application
setup_application()
label = QLabel(sys.argv[1])
out = {"families": QFontDatabase.families(), "label": fonts.tofu(label.text(), label.font()),
       "label_fonts": sorted({family for family, _ in fonts.drawn_with(label.text(), label.font())}), "tofu": {}}
for language in translations.LANGUAGES:
    for forms in translations.read_ts(translations.ts_file(language)).values():
        for text in forms:
            if fonts.tofu(text):
                out["tofu"][text] = fonts.tofu(text)
print(json.dumps(out))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="fontconfig decides which system fonts Qt sees")
def test_without_any_system_font_every_translation_renders(tmp_path):
    """A bare machine (fontconfig with no font folders): the desk's bundled fonts alone draw the
    label and every Russian, Arabic and Chinese string, no empty boxes."""
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, LABEL_TEXT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not any("DejaVu" in family for family in result["families"])  # really no system fonts
    assert {"Noto Sans", "Noto Sans Arabic", "WenQuanYi Micro Hei"} <= set(result["families"])
    assert result["label"] == []
    assert {"Noto Sans Arabic", "WenQuanYi Micro Hei"} <= set(result["label_fonts"])
    assert result["tofu"] == {}
