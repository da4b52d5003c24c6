"""The packet fonts' parsed tables are cached on disk; a cached face draws exactly what a parsed one does."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import ttfonts

from app.packets.font_cache import _entry, _key, load_face
from app.paths import fonts_dir

REPO = Path(__file__).resolve().parents[2]
FONT = fonts_dir() / "NotoSansArabic-Regular.ttf"

_RENDER = (
    "import datetime, hashlib\n"
    "from app.packets.packet_renderer import render_packet\n"
    "from tests.packets.conftest import LEADS\n"
    "for lang in ('en', 'ar', 'zh', 'ru'):\n"
    "    pdf = render_packet(LEADS[lang], lang=lang, today=datetime.date(2026, 11, 25))\n"
    "    print(lang, hashlib.sha256(pdf).hexdigest())\n"
)


def _render_in_fresh_process(data_dir: Path) -> str:
    env = {**os.environ, "MEDTOUR_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _RENDER], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_process_reading_the_cached_fonts_makes_the_same_pdfs(tmp_path):
    first = _render_in_fresh_process(tmp_path)  # parses the fonts and fills the cache
    cached = sorted((tmp_path / "cache").glob("font-*.marshal"))
    assert any("wqy-microhei" in path.name for path in cached), cached
    mtimes = [path.stat().st_mtime_ns for path in cached]
    second = _render_in_fresh_process(tmp_path)  # reads them back
    assert second == first
    assert [path.stat().st_mtime_ns for path in cached] == mtimes  # read, not written again


def test_a_damaged_cache_entry_is_parsed_again_and_replaced():
    good = load_face(FONT)  # fills the cache
    entry = _entry(FONT, _key(FONT, 0))
    assert entry.exists()
    entry.write_bytes(b"\x00not a cache entry")
    again = load_face(FONT)
    assert again.charToGlyph == good.charToGlyph and again.charWidths == good.charWidths
    assert entry.read_bytes() != b"\x00not a cache entry"
    assert load_face(FONT).charToGlyph == good.charToGlyph  # and the rewritten entry reads back


def test_a_cached_face_holds_what_reportlab_parses():
    load_face(FONT)  # fills the cache
    cached = load_face(FONT)
    parsed = ttfonts.TTFontFace(str(FONT))
    assert cached.charToGlyph == parsed.charToGlyph
    assert cached.charWidths == parsed.charWidths
    assert cached.name == parsed.name and isinstance(cached.name, ttfonts.TTFNameBytes)
    assert cached._pdfScale(2048) == parsed._pdfScale(2048)
    assert hashlib.sha256(cached.makeSubset([0, 65, 66])).digest() == hashlib.sha256(parsed.makeSubset([0, 65, 66])).digest()


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder would be")
    monkeypatch.setenv("MEDTOUR_DATA_DIR", str(blocked))
    face = load_face(FONT)
    assert face.charToGlyph == ttfonts.TTFontFace(str(FONT)).charToGlyph
