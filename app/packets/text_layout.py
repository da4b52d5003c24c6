"""Paragraphs that mix scripts and writing directions, laid out by the packet itself.

ReportLab's Paragraph cannot be trusted with a packet that prints an Arabic
name in an English sentence, or an English drug name in an Arabic one: without
its optional `rlbidi` it draws right-to-left words in left-to-right order, and
it shapes a word with the font of the word's first letter. So this module does
the line layout itself, in the order the Unicode Bidirectional Algorithm asks:

1. resolve embedding levels over the whole paragraph (python-bidi);
2. pick a font for every character (fonts.FontBook) and drop what no font has;
3. break lines on the *logical* text (spaces, and between CJK ideographs);
4. per line, reorder runs for display (rule L2), shape Arabic and Devanagari
   runs with HarfBuzz (which also mirrors brackets in right-to-left runs) and
   draw each run with ReportLab's canvas.

The input is plain text, never markup: a name such as ``Zoë <b>O'Brien</b>``
is printed exactly as typed and cannot change the layout.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bidi import algorithm as uba
from bidi.mirror import MIRRORED
from reportlab.lib.abag import ABag
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeFragWord
from reportlab.platypus.flowables import Flowable

from app.packets.fonts import IGNORABLE, FontBook

#: HarfBuzz features. ReportLab turns on discretionary ligatures, which merges
#: common Arabic words (محمد) into one glyph that no longer reads as letters.
SHAPING_FEATURES = {"kern": True, "liga": True, "dlig": False}

#: Explicit bidi controls. They steer the levels, then are not drawn.
_BIDI_FORMATTING = frozenset({0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E})
#: Isolates are newer than python-bidi's algorithm; they are dropped before it runs.
_ISOLATES = frozenset({0x2066, 0x2067, 0x2068, 0x2069})
#: Break opportunities. No-break spaces (U+00A0, U+202F) stay inside words.
_SPACES = frozenset(" \t\u2002\u2003\u2009\u3000")
#: Characters that must not start a line (CJK closing punctuation) or end one.
_NO_LINE_START = frozenset(
    "、。，．：；？！）」』】〕〉》〗〙〛’”〜ー…‥・,.;:!?)]}%"  # CJK and Latin closing punctuation
    "，．：；？！）］｝｠％＂＇｡｣､･ｰ"  # fullwidth and halfwidth forms
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"  # small forms
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻゛゜ゝゞヽヾ"  # small kana, iteration marks
)
_NO_LINE_END = frozenset("（「『【〔〈《〖〘〚‘“([{（［｛｟｢﹙﹛﹝")
#: Where a word too wide for its line is best cut (after these), if it must be.
_SOFT_CUT_AFTER = frozenset("–—-/@.\u00a0")
_RTL_CLASSES = frozenset({"R", "AL"})
_NEEDS_UBA = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF"})
_NEEDS_UBA_RTL = frozenset({"L", "EN", "AN", "RLE", "RLO", "LRE", "LRO", "PDF"})


def _breaks_anywhere(char: str) -> bool:
    """Han, kana and fullwidth text may break between any two characters."""
    code = ord(char)
    return (0x2E80 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF)


@dataclass(frozen=True)
class TextStyle:
    """How a block of text looks. Alignment is logical: "start" is right in Arabic."""

    size: float
    leading: float
    color: Color
    bold: bool = False
    align: str = "start"  # start | end | center
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    start_indent: float = 0.0
    end_indent: float = 0.0

    def but(self, **changes) -> TextStyle:
        return replace(self, **changes)


@dataclass(frozen=True)
class Span:
    """A stretch of plain text with its own weight or colour."""

    text: str
    bold: bool | None = None
    color: Color | None = None


@dataclass
class GlyphAudit:
    """What one render could not draw. Filled in while text is prepared and drawn."""

    #: Characters no bundled font has; they were left out.
    dropped: set[str] = field(default_factory=set)
    #: (font, character) pairs that would have been drawn as .notdef. Always empty
    #: unless a font changed under us; tests assert it.
    notdef: set[tuple[str, str]] = field(default_factory=set)


@functools.lru_cache(maxsize=16384)
def _shape(text: str, font_name: str, size: float) -> ShapedStr:
    """HarfBuzz-shaped text in visual order (HarfBuzz reverses right-to-left runs)."""
    word = [0, (ABag(fontName=font_name, fontSize=size), text)]
    return shapeFragWord(word, features=SHAPING_FEATURES, force=True)[1][1]


def _shaped_width(shaped: ShapedStr, size: float) -> float:
    return sum(data.x_advance for data in shaped.__shapeData__) * size / 1000


def _levels(text: str, rtl: bool) -> list[int]:
    """Resolved bidi embedding levels, one per character (rules P-I of UAX #9)."""
    base = 1 if rtl else 0
    classes = {unicodedata.bidirectional(char) for char in text}
    if not classes & (_NEEDS_UBA_RTL if rtl else _NEEDS_UBA):
        return [base] * len(text)
    # A character this Python's Unicode tables do not know has no bidi class, which python-bidi
    # asserts on; it is a neutral for ordering (and no bundled font draws it anyway).
    text = "".join(char if unicodedata.bidirectional(char) else "\ufffd" for char in text)
    storage = uba.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    for index, entry in enumerate(storage["chars"]):
        entry["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for entry in storage["chars"]:
        levels[entry["index"]] = entry["level"]
    previous = base
    for index, level in enumerate(levels):
        previous = levels[index] = previous if level is None else level
    return levels  # type: ignore[return-value]


def _first_strong_rtl(text: str, default: bool) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in _RTL_CLASSES:
            return True
    return default


@dataclass(frozen=True)
class _Word:
    start: int  # index of the first character
    end: int  # index after the last non-space character
    next_start: int  # index of the next word (spaces in between)
    width: float
    space_width: float  # width of the spaces up to the next word
    hard_break: bool = False  # a line break follows


class PreparedText:
    """A paragraph with levels and fonts resolved and its words measured."""

    def __init__(self, setter: TextSetter, content: str | Sequence[Span], style: TextStyle,
                 auto_direction: bool = False) -> None:
        spans = [Span(content)] if isinstance(content, str) else list(content)
        self.setter = setter
        self.style = style
        self.spans = spans
        fonts = setter.fonts
        raw: list[tuple[str, int]] = []
        for index, span in enumerate(spans):
            text = unicodedata.normalize("NFC", span.text).replace("\r\n", "\n").replace("\r", "\n")
            raw.extend((char, index) for char in text if ord(char) not in _ISOLATES)
        text = "".join(char for char, _ in raw)
        #: Base direction: the packet's, or for a value typed by a person (a name, a
        #: diagnosis) the direction of its first strong letter (rules P2-P3).
        self.rtl = _first_strong_rtl(text, setter.rtl) if auto_direction else setter.rtl
        levels: list[int] = []
        for part in text.split("\n"):
            levels.extend(_levels(part, self.rtl))
            levels.append(1 if self.rtl else 0)  # the newline itself
        # One entry per drawn character, in logical order: the text, and in parallel
        # its bidi level, font and span. (Plain lists: this loop runs for every letter.)
        chars: list[str] = []
        char_levels: list[int] = []
        char_fonts: list[str] = []
        char_spans: list[int] = []
        current: str | None = None
        primary = setter.primary
        for (char, span_index), level in zip(raw, levels, strict=False):
            code = ord(char)
            if code in _BIDI_FORMATTING:
                continue
            if char == "\n" or char in _SPACES:
                char = "\n" if char == "\n" else " "
                code = ord(char)
            span_bold = spans[span_index].bold
            bold = span_bold if span_bold is not None else style.bold
            font = fonts.face_for(code, current, primary, bold) if char != "\n" else current
            if font is None:
                if code not in IGNORABLE and not unicodedata.category(char).startswith("C"):
                    setter.audit.dropped.add(char)
                continue
            current = font
            chars.append(char)
            char_levels.append(level)
            char_fonts.append(font)
            char_spans.append(span_index)
        self.chars = chars
        self.levels = char_levels
        self.fonts = char_fonts
        self.span_of = char_spans
        self.words = self._measure_words()

    # -- measuring --------------------------------------------------------------

    def width(self, start: int, end: int) -> float:
        """Width of chars[start:end], measured run by run with the font of each run."""
        chars, fonts = self.chars, self.fonts
        size = self.style.size
        total = 0.0
        index = start
        while index < end:
            font = fonts[index]
            stop = index + 1
            while stop < end and fonts[stop] == font:
                stop += 1
            text = "".join(chars[index:stop])
            if self.setter.fonts.family_of(font).shaped:
                total += _shaped_width(_shape(text, font, size), size)
            else:
                total += pdfmetrics.stringWidth(text, font, size)
            index = stop
        return total

    def _measure_words(self) -> list[_Word]:
        chars = self.chars
        count = len(chars)
        words: list[_Word] = []
        index = 0
        while index < count and chars[index] == " ":
            index += 1
        while index < count:
            if chars[index] == "\n":
                if words:
                    words[-1] = replace(words[-1], hard_break=True)
                index += 1
                while index < count and chars[index] == " ":
                    index += 1
                continue
            start = index
            index += 1
            while index < count:
                char, previous = chars[index], chars[index - 1]
                if char in (" ", "\n"):
                    break
                if ((_breaks_anywhere(char) or _breaks_anywhere(previous))
                        and char not in _NO_LINE_START and previous not in _NO_LINE_END
                        and unicodedata.combining(char) == 0):
                    break
                index += 1
            end = index
            while index < count and chars[index] == " ":
                index += 1
            words.append(_Word(start, end, index, self.width(start, end), self.width(end, index)))
        return words

    def _split_long_word(self, word: _Word, width: float) -> list[_Word]:
        """Cut a word wider than the line at character boundaries (long e-mails, URLs)."""
        parts: list[_Word] = []
        start = word.start
        while start < word.end:
            stop = start + 1
            while stop < word.end and self.width(start, stop + 1) <= width:
                stop += 1
            if stop < word.end:
                # Rather than inside a number or a name: after a dash, slash, @ or full stop, or
                # at a no-break space ("SGD 86,383–" | "SGD 138,835").
                cut = next((at for at in range(stop, start, -1)
                            if self.chars[at - 1] in _SOFT_CUT_AFTER), None)
                if cut is not None:
                    stop = cut
            while stop < word.end and unicodedata.combining(self.chars[stop]):
                stop += 1
            # Closing punctuation does not open the next part: the character before it goes
            # along, or, alone on its line, the mark stays with it.
            while stop < word.end and self.chars[stop] in _NO_LINE_START and stop - 1 > start:
                stop -= 1
            while stop < word.end and self.chars[stop] in _NO_LINE_START:
                stop += 1
            last = stop >= word.end
            parts.append(_Word(start, stop, word.next_start if last else stop, self.width(start, stop),
                               word.space_width if last else 0.0, word.hard_break if last else False))
            start = stop
        return parts

    # -- line breaking -------------------------------------------------------------

    def lines(self, width: float) -> list[tuple[int, int]]:
        """Greedy line breaks on the logical text: (first char, end char) per line.

        Breaks fall only where `_measure_words` allows one (spaces; between CJK characters, but
        never before closing or after opening punctuation, nor inside a Latin word or number).
        A paragraph of CJK text does not end on a line holding one character alone: the
        line before gives it its last character."""
        words: list[_Word] = []
        for word in self.words:
            words.extend(self._split_long_word(word, width) if word.width > width else [word])
        paragraph: list[list[_Word]] = []  # the current paragraph's lines, each a list of words
        lines: list[tuple[int, int]] = []
        used = 0.0

        def end_paragraph() -> None:
            self._no_orphan(paragraph)
            lines.extend((line[0].start, line[-1].end) for line in paragraph)
            paragraph.clear()

        for word in words:
            if not paragraph:
                paragraph.append([word])
                used = word.width
            elif used + paragraph[-1][-1].space_width + word.width <= width + 0.01:
                used += paragraph[-1][-1].space_width + word.width
                paragraph[-1].append(word)
            else:
                paragraph.append([word])
                used = word.width
            if word.hard_break:
                end_paragraph()
        if paragraph:
            end_paragraph()
        return lines

    def _no_orphan(self, paragraph: list[list[_Word]]) -> None:
        """Give a last line of one CJK character (and its closing punctuation) a companion."""
        if len(paragraph) < 2 or len(paragraph[-1]) != 1 or len(paragraph[-2]) < 2:
            return
        last = paragraph[-1][0]
        letters = [char for char in self.chars[last.start:last.end] if char not in _NO_LINE_START]
        if len(letters) != 1 or not _breaks_anywhere(letters[0]):
            return
        moved = paragraph[-2].pop()
        paragraph[-1].insert(0, moved)

    def min_width(self) -> float:
        return max((word.width for word in self.words), default=0.0)

    # -- drawing -----------------------------------------------------------------

    def draw_line(self, canvas, start: int, end: int, x: float, y: float, width: float, align: str) -> None:
        """Draw chars[start:end] on one baseline, in visual order, aligned within width."""
        setter = self.setter
        fonts = setter.fonts
        size = self.style.size
        runs = []
        chars, levels, fonts_of, spans = self.chars, self.levels, self.fonts, self.span_of
        index = start
        while index < end:
            key = (levels[index], fonts_of[index], spans[index])
            stop = index + 1
            while stop < end and (levels[stop], fonts_of[stop], spans[stop]) == key:
                stop += 1
            runs.append((*key, "".join(chars[index:stop])))
            index = stop
        runs = _visual_order(runs)

        pieces: list[tuple[str, float, str, int, str | None, bool]] = []
        for level, font, span_index, text in runs:
            family = fonts.family_of(font)
            rtl_run = level % 2 == 1
            has_rtl = any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)
            if rtl_run and not (family.shaped and has_rtl):
                # Neutral text inside right-to-left text: reverse it and mirror brackets.
                text = "".join(MIRRORED.get(char, char) for char in reversed(text))
            for char in text:
                if char != " " and not fonts.has_glyph(font, ord(char)):
                    setter.audit.notdef.add((font, char))
            if family.shaped:
                shaped = _shape(text, font, size)
                pieces.append((shaped, _shaped_width(shaped, size), font, span_index, text, not rtl_run))
            else:
                pieces.append((text, pdfmetrics.stringWidth(text, font, size), font, span_index, None, False))

        line_width = sum(piece[1] for piece in pieces)
        if align == "right":
            x += width - line_width
        elif align == "center":
            x += (width - line_width) / 2
        for drawn, piece_width, font, span_index, logical, actual_text in pieces:
            span = self.spans[span_index]
            color = span.color or self.style.color
            bold = span.bold if span.bold is not None else self.style.bold
            canvas.setFillColor(color)
            canvas.setFont(font, size)
            if actual_text:
                # Devanagari glyphs are reordered and merged by shaping; ActualText
                # lets copy-paste and search see the letters as typed.
                assert logical is not None
                canvas.addLiteral("/Span <</ActualText <FEFF{}>>> BDC".format(logical.encode("utf-16-be").hex().upper()))
            if bold and fonts.family_of(font).synthetic_bold:
                canvas.setStrokeColor(color)
                canvas.setLineWidth(size * 0.035)
                canvas.drawString(x, y, drawn, mode=2)
            else:
                canvas.drawString(x, y, drawn)
            if actual_text:
                canvas.addLiteral("EMC")
            x += piece_width


def _visual_order(runs: list[tuple]) -> list[tuple]:
    """Rule L2: reverse every sequence of runs at or above each odd level, highest first."""
    if not runs:
        return runs
    levels = [run[0] for run in runs]
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=None)
    if lowest_odd is None:
        return runs
    runs = list(runs)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(runs):
            if runs[index][0] >= level:
                stop = index
                while stop < len(runs) and runs[stop][0] >= level:
                    stop += 1
                runs[index:stop] = runs[index:stop][::-1]
                index = stop
            else:
                index += 1
    return runs


class TextSetter:
    """Sets text for one packet: its language, direction, fonts and audit."""

    def __init__(self, fonts: FontBook, lang: str, rtl: bool, audit: GlyphAudit | None = None) -> None:
        self.fonts = fonts
        self.lang = lang
        self.rtl = rtl
        self.primary = fonts.primary(lang)
        self.audit = audit if audit is not None else GlyphAudit()

    def physical(self, align: str) -> str:
        """left/right/center for a logical alignment in this packet's direction."""
        if align == "center":
            return "center"
        if align in ("left", "right"):
            return align
        return "right" if (align == "start") == self.rtl else "left"

    def prepare(self, content: str | Sequence[Span], style: TextStyle, *, auto_direction: bool = False) -> PreparedText:
        return PreparedText(self, content, style, auto_direction)

    def paragraph(self, content: str | Sequence[Span], style: TextStyle, *, bullet: str | None = None,
                  bullet_color: Color | None = None, auto_direction: bool = False) -> TextBlock:
        """A flowable paragraph. `auto_direction` is for text a person typed (names, diagnoses)."""
        return TextBlock(self.prepare(content, style, auto_direction=auto_direction), bullet=bullet,
                         bullet_color=bullet_color)

    def width(self, content: str | Sequence[Span], style: TextStyle) -> float:
        prepared = self.prepare(content, style)
        return max((prepared.width(start, end) for start, end in prepared.lines(10**6)), default=0.0)

    def draw(self, canvas, content: str | Sequence[Span], style: TextStyle, x: float, top: float,
             width: float, align: str | None = None, max_lines: int | None = None, wrap: bool = True) -> float:
        """Draw text with its first line box at `top`; returns the height used.

        The text wraps within `width`; with `wrap=False` it stays on one line (and
        may run over the width, which is for short labels such as a list number).
        """
        prepared = self.prepare(content, style)
        lines = prepared.lines(width if wrap else 10**6)
        if max_lines is not None:
            lines = lines[:max_lines]
        physical = self.physical(align or style.align)
        for number, (start, end) in enumerate(lines):
            baseline = top - number * style.leading - _baseline_offset(style)
            prepared.draw_line(canvas, start, end, x, baseline, width, physical)
        return len(lines) * style.leading


def _baseline_offset(style: TextStyle) -> float:
    """Distance from the top of a line box to its baseline: the x-height sits mid-box."""
    return style.leading / 2 + style.size * 0.32


class TextBlock(Flowable):
    """A platypus flowable for PreparedText: wraps, splits across pages, draws."""

    def __init__(self, prepared: PreparedText, *, bullet: str | None = None, bullet_color: Color | None = None,
                 lines: list[tuple[int, int]] | None = None, first_part: bool = True,
                 last_part: bool = True) -> None:
        super().__init__()
        self.prepared = prepared
        self.style = prepared.style
        self.bullet = bullet
        self.bullet_color = bullet_color
        self._lines: list[tuple[int, int]] = lines if lines is not None else []
        self._fixed_lines = lines is not None
        self._wrap_width: float | None = None
        self._first_part = first_part
        style = prepared.style
        self.spaceBefore = style.space_before if first_part else 0
        self.spaceAfter = style.space_after if last_part else 0
        self.keepWithNext = style.keep_with_next and last_part

    def _text_width(self, avail_width: float) -> float:
        return max(avail_width - self.style.start_indent - self.style.end_indent, 1.0)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        text_width = self._text_width(availWidth)
        if not self._fixed_lines and self._wrap_width != text_width:
            self._lines = self.prepared.lines(text_width)
            self._wrap_width = text_width
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def minWidth(self):  # noqa: N802 (platypus API)
        return self.prepared.min_width() + self.style.start_indent + self.style.end_indent

    def split(self, availWidth, availHeight):  # noqa: N803 (platypus API)
        self.wrap(availWidth, availHeight)
        lines = self._lines
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        # No single line stranded at the foot or the head of a page.
        if fit < 2 or len(lines) - fit < 2:
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
        head = TextBlock(self.prepared, bullet=self.bullet, bullet_color=self.bullet_color, lines=lines[:fit],
                         first_part=self._first_part, last_part=False)
        tail = TextBlock(self.prepared, bullet=None, lines=lines[fit:], first_part=False, last_part=True)
        return [head, tail]

    def draw(self):
        setter = self.prepared.setter
        style = self.style
        text_width = self._text_width(self.width)
        physical = setter.physical(style.align)
        x = style.end_indent if setter.rtl else style.start_indent
        for number, (start, end) in enumerate(self._lines):
            baseline = self.height - number * style.leading - _baseline_offset(style)
            self.prepared.draw_line(self.canv, start, end, x, baseline, text_width, physical)
        if self.bullet and self._first_part:
            # The bullet sits at the start of the indent, at least 5 pt clear of the text.
            bullet_box = max(style.start_indent - 5, 1)
            bullet_x = self.width - bullet_box if setter.rtl else 0
            setter.draw(self.canv, [Span(self.bullet, color=self.bullet_color or style.color)], style.but(align="start"),
                        bullet_x, self.height, bullet_box, wrap=False)
