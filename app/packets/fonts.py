"""The packet's fonts: bundled files, the scripts they cover, and picking one per character.

Fonts live in resources/fonts/ (with their licences) so every machine embeds the
same glyphs. A character is drawn with the font of its script when that font has
it; punctuation, digits and spaces stay with the font of the text around them.
A character no bundled font has (emoji, anything beyond the Basic Multilingual
Plane) is dropped and reported, never drawn as an empty box.

Arabic and Devanagari need HarfBuzz shaping. ReportLab quietly skips shaping
when `uharfbuzz` is missing, which would print disconnected letters; this
module refuses to import instead.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts

from app.packets.font_cache import load_face
from app.packets.resource_paths import fonts_dir

try:
    import uharfbuzz  # noqa: F401  (imported to fail loudly; ReportLab uses it)
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError("uharfbuzz is required to shape Arabic and Devanagari text in packets") from error
if ttfonts.uharfbuzz is None:  # pragma: no cover - depends on the installation
    raise ImportError("ReportLab could not load uharfbuzz; Arabic and Devanagari text would not be shaped")


@dataclass(frozen=True)
class FontFace:
    name: str  # the name registered with ReportLab
    file: str  # under resources/fonts/
    subfont: int = 0  # index inside a .ttc collection


@dataclass(frozen=True)
class FontFamily:
    key: str
    regular: FontFace
    bold: FontFace
    #: Needs HarfBuzz shaping (joining, reordering, conjuncts).
    shaped: bool = False
    #: Has no bold face; bold is drawn by stroking the outline of the regular face.
    synthetic_bold: bool = False

    def face(self, bold: bool) -> FontFace:
        return self.bold if bold else self.regular


LATIN = FontFamily(
    "latin", FontFace("MTD-NotoSans", "NotoSans-Regular.ttf"), FontFace("MTD-NotoSans-Bold", "NotoSans-Bold.ttf"))
ARABIC = FontFamily(
    "arabic",
    FontFace("MTD-NotoSansArabic", "NotoSansArabic-Regular.ttf"),
    FontFace("MTD-NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
    shaped=True,
)
DEVANAGARI = FontFamily(
    "devanagari",
    FontFace("MTD-NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),
    FontFace("MTD-NotoSansDevanagari-Bold", "NotoSansDevanagari-Bold.ttf"),
    shaped=True,
)
_WQY = FontFace("MTD-WenQuanYiMicroHei", "wqy-microhei.ttc", subfont=0)
CJK = FontFamily("cjk", _WQY, _WQY, synthetic_bold=True)
_SYMBOLS = FontFace("MTD-NotoSansSymbols2", "NotoSansSymbols2-Regular.ttf")
SYMBOLS = FontFamily("symbols", _SYMBOLS, _SYMBOLS, synthetic_bold=True)

#: Fallback order after a text's own family.
FAMILIES: tuple[FontFamily, ...] = (LATIN, ARABIC, CJK, DEVANAGARI, SYMBOLS)
_BY_KEY = {family.key: family for family in FAMILIES}

#: The family a packet language is written in; others use Latin.
LANGUAGE_FAMILY = {"ar": "arabic", "fa": "arabic", "ur": "arabic", "zh": "cjk", "ja": "cjk", "ko": "cjk",
                   "hi": "devanagari", "mr": "devanagari", "ne": "devanagari"}

# (first, last, family) code point ranges of the letters each family is for.
# Characters outside these ranges (spaces, digits, punctuation, symbols) follow
# the text around them.
_SCRIPT_RANGES = sorted([
    (0x0041, 0x005A, "latin"), (0x0061, 0x007A, "latin"), (0x00C0, 0x024F, "latin"),
    (0x0250, 0x02AF, "latin"), (0x0370, 0x03FF, "latin"), (0x0400, 0x052F, "latin"),
    (0x1C80, 0x1C8F, "latin"), (0x1D00, 0x1DBF, "latin"), (0x1E00, 0x1FFF, "latin"),
    (0x2C60, 0x2C7F, "latin"), (0x2DE0, 0x2DFF, "latin"), (0xA640, 0xA69F, "latin"),
    (0xA720, 0xA7FF, "latin"), (0xAB30, 0xAB6F, "latin"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"), (0x1CD0, 0x1CFF, "devanagari"),
    (0x1100, 0x11FF, "cjk"), (0x2E80, 0x2FDF, "cjk"), (0x3000, 0x303F, "cjk"), (0x3040, 0x30FF, "cjk"),
    (0x3100, 0x31FF, "cjk"), (0x3200, 0x33FF, "cjk"), (0x3400, 0x4DBF, "cjk"), (0x4E00, 0x9FFF, "cjk"),
    (0xA960, 0xA97F, "cjk"), (0xAC00, 0xD7FF, "cjk"), (0xF900, 0xFAFF, "cjk"), (0xFE30, 0xFE4F, "cjk"),
    (0xFF00, 0xFFEF, "cjk"),
    (0x2190, 0x21FF, "symbols"), (0x2300, 0x23FF, "symbols"), (0x2460, 0x27BF, "symbols"),
    (0x2900, 0x2BFF, "symbols"),
])
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]

#: Invisible characters dropped without a report when no font has them
#: (variation selectors, zero-width space, word joiner, BOM, tag characters).
IGNORABLE = frozenset([*range(0xFE00, 0xFE10), 0x200B, 0x2060, 0xFEFF, *range(0xE0020, 0xE0080)])


def script_family(code: int) -> str | None:
    """The family a letter belongs to, or None for characters shared by scripts."""
    index = bisect.bisect_right(_RANGE_STARTS, code) - 1
    if index >= 0:
        start, end, family = _SCRIPT_RANGES[index]
        if start <= code <= end:
            return family
    return None


class SubsetTaggedFont(ttfonts.TTFont):
    """A TrueType font whose embedded subsets get tags of their own.

    ReportLab tags subset n of every font with the same letters (AAAAAA+ for the first), so a
    packet holds several different fonts all called AAAAAA+...; PDF readers and preflight tools
    expect the tag to tell subsets apart. The tag here is drawn from the font's name and the
    subset's number, so it is distinct per font and subset and the same on every run.

    Built from an already parsed face (app.packets.font_cache), not from a file name.
    """

    def __init__(self, name: str, face: ttfonts.TTFontFace) -> None:
        self.fontName = name
        self.face = face
        self.encoding = ttfonts.TTEncoding()
        self.state: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = True

    def addObjects(self, doc) -> None:  # noqa: N802 (ReportLab API)
        state = self.state.get(doc)
        count = len(state.subsets) if state is not None else 0
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(count)]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for number, internal in enumerate(names):
            pdf_font = fonts[internal]
            old = pdf_font.BaseFont
            new = f"{subset_tag(self.fontName, number)}+{old.split('+', 1)[1]}"
            pdf_font.BaseFont = new
            descriptor = doc.idToObject["fontDescriptor:" + old]
            descriptor.dict["FontName"] = pdfdoc.PDFName(new)


def subset_tag(font_name: str, subset: int) -> str:
    """Six capital letters for subset `subset` of `font_name`, the same on every run."""
    digest = hashlib.sha256(f"{font_name}/{subset}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _registered(name: str) -> ttfonts.TTFont | None:
    """The font registered under `name`, or None. Not pdfmetrics.getFont: for a name it does not
    know, that searches the disk for Type 1 font metrics (about a quarter of a second each)."""
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        return font if isinstance(font, ttfonts.TTFont) else None
    return None


class FontBook:
    """The registered packet fonts of this process and the characters each one has.

    A font is registered with ReportLab the first time a text needs it, so a packet that needs no
    Devanagari does not pay for that font; its parsed tables come from the font cache
    (app.packets.font_cache) after the first process has parsed the file."""

    def __init__(self, families: Iterable[FontFamily] = FAMILIES) -> None:
        self.families = {family.key: family for family in families}
        self._glyphs = _LazyGlyphs(self)
        self._family_of: dict[str, FontFamily] = {}
        self._faces: dict[str, FontFace] = {}
        self._choices: dict[tuple, str | None] = {}  # face_for's answers, they never change
        for family in self.families.values():
            for face in (family.regular, family.bold):
                self._family_of.setdefault(face.name, family)
                self._faces.setdefault(face.name, face)
        # Every PDF starts in Latin (page furniture, drawings, empty table cells).
        if LATIN.key in self.families:
            _ = self._glyphs[LATIN.regular.name]  # loads the face

    def load(self, face_name: str) -> ttfonts.TTFont:
        """The ReportLab font for a face, read and registered on first use."""
        font = _registered(face_name)
        if font is None:
            face = self._faces[face_name]
            font = SubsetTaggedFont(face.name, load_face(fonts_dir() / face.file, face.subfont))
            pdfmetrics.registerFont(font)
        return font

    def load_all(self) -> None:
        """Read and register every face now (a batch's fork server does, so its workers start with
        the fonts parsed instead of each reading the 5 MB Chinese font on its first packet)."""
        for face_name in self._faces:
            _ = self._glyphs[face_name]  # loads the face

    def family_of(self, face_name: str) -> FontFamily:
        return self._family_of[face_name]

    def has_glyph(self, face_name: str, code: int) -> bool:
        return bool(self._glyphs[face_name].get(code))

    def primary(self, lang: str) -> FontFamily:
        """The family `lang` is written in, its faces loaded (a document starts in them)."""
        family = self.families[LANGUAGE_FAMILY.get(lang, "latin")]
        _ = self._glyphs[family.regular.name]  # loads the face
        _ = self._glyphs[family.bold.name]  # loads the face
        return family

    def face_for(self, code: int, current: str | None, primary: FontFamily, bold: bool) -> str | None:
        """The font to draw `code` with, or None when no bundled font has it."""
        key = (code, current, primary.key, bold)
        try:
            return self._choices[key]
        except KeyError:
            choice = self._choices[key] = self._choose(code, current, primary, bold)
            return choice

    def _choose(self, code: int, current: str | None, primary: FontFamily, bold: bool) -> str | None:
        if code > 0xFFFF:
            # ReportLab writes the ToUnicode map with 4 hex digits per character, which
            # breaks for characters beyond the BMP (emoji, rare CJK); such a character is
            # left out and reported rather than embedded with a broken text mapping.
            return None
        glyphs = self._glyphs
        family_key = script_family(code)
        if family_key is None:
            if current is not None and glyphs[current].get(code):
                return current
            order = [primary, *self.families.values()]
        else:
            own = self.families.get(family_key)
            order = [own, primary, *self.families.values()] if own else [primary, *self.families.values()]
        for family in order:
            face = family.face(bold)
            if glyphs[face.name].get(code):
                return face.name
        return None


class _LazyGlyphs(dict):
    """Face name -> its character-to-glyph map, loading the face on first look-up."""

    def __init__(self, book: FontBook) -> None:
        super().__init__()
        self._book = book

    def __missing__(self, face_name: str) -> dict[int, int]:
        glyphs = self[face_name] = self._book.load(face_name).face.charToGlyph
        return glyphs


@functools.cache
def font_book() -> FontBook:
    """The packet fonts, registered with ReportLab once per process."""
    return FontBook()
