"""Fonts for the personal-data summary PDF: whichever installed font has each character.

The bundled fonts in resources/fonts/ come first (regular faces; the Latin one leads), then
common system fonts. A font is loaded only when a character needs it. Text becomes Paragraph
markup with every run of characters in the first font that has them, user text escaped first,
so a name in Cyrillic, Arabic, Devanagari or Chinese is drawn, never shown as empty boxes.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app import paths
from app.domain.errors import UserError

#: Fonts tried after the bundled ones (Debian/Ubuntu, Fedora, macOS, Windows locations).
SYSTEM_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
    "C:/Windows/Fonts/msyh.ttc",
)
#: Characters that are not drawn and need no font (controls, joiners, variation selectors).
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn")
REPLACEMENT = "?"


class FontsMissingError(UserError):
    """No usable TrueType font was found for the PDF summary."""


@dataclass
class _LoadedFont:
    name: str
    glyphs: dict[int, int]


def _bundled_candidates() -> list[Path]:
    folder = paths.fonts_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc") and "bold" not in p.name.lower()]
    # The plain Latin face first: it covers names in Latin, Cyrillic and Greek and all punctuation.
    return sorted(files, key=lambda p: (p.name != "NotoSans-Regular.ttf", p.suffix.lower() == ".otf", p.name))


class SummaryFonts:
    def __init__(self, candidates: Iterable[Path] | None = None) -> None:
        if candidates is None:
            candidates = [*_bundled_candidates(), *(Path(p) for p in SYSTEM_FONTS)]
        self._candidates = [p for p in dict.fromkeys(candidates) if p.is_file()]
        self._loaded: list[_LoadedFont] = []
        self._next = 0
        self.missing: set[str] = set()
        if not self._load_next():
            raise FontsMissingError(
                "no TrueType font was found for the PDF summary; install one (e.g. the fonts-dejavu or "
                f"fonts-noto package) or put the bundled fonts back in {paths.fonts_dir()}"
            )

    @property
    def base(self) -> str:
        return self._loaded[0].name

    def _load_next(self) -> bool:
        while self._next < len(self._candidates):
            path = self._candidates[self._next]
            self._next += 1
            name = f"MTD-Summary-{path.stem}"
            try:
                font = pdfmetrics.getFont(name)
            except KeyError:
                try:
                    font = TTFont(name, str(path), subfontIndex=0)
                except Exception:  # noqa: BLE001 - an unreadable system font is skipped, not fatal
                    continue
                pdfmetrics.registerFont(font)
            self._loaded.append(_LoadedFont(name, font.face.charToGlyph))
            return True
        return False

    def font_for(self, char: str, current: str | None = None) -> str | None:
        code = ord(char)
        if current is not None and not char.isalpha():
            # spaces, digits and punctuation stay in the font of the text around them when it has them
            for font in self._loaded:
                if font.name == current and font.glyphs.get(code):
                    return current
        for font in self._loaded:
            if font.glyphs.get(code):
                return font.name
        while self._load_next():
            if self._loaded[-1].glyphs.get(code):
                return self._loaded[-1].name
        return None

    def markup(self, value: object) -> str:
        """Escaped Paragraph markup for user text, each run in a font that has its characters."""
        text = unicodedata.normalize("NFC", "" if value is None else str(value))
        pieces: list[tuple[str | None, list[str]]] = []  # (font, characters); font None is a line break
        for char in text:
            if char == "\n":
                pieces.append((None, []))
                continue
            if char == "\t":
                char = " "
            if unicodedata.category(char) in _INVISIBLE_CATEGORIES and char not in "\u200c\u200d":
                continue
            current = pieces[-1][0] if pieces else None
            font = self.font_for(char, current)
            if font is None:
                self.missing.add(char)
                char, font = REPLACEMENT, self.base
            if pieces and pieces[-1][0] == font:
                pieces[-1][1].append(char)
            else:
                pieces.append((font, [char]))
        return "".join(
            "<br/>" if font is None else f'<font face="{font}">{escape("".join(chars))}</font>' for font, chars in pieces
        )
