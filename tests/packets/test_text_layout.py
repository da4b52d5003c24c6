"""The packet's own line layout: fonts per character, bidi order, shaping features, wrapping, splitting."""
from __future__ import annotations

import unicodedata

import pytest
from reportlab.lib.abag import ABag
from reportlab.lib.colors import black
from reportlab.pdfbase.ttfonts import shapeFragWord

from app.packets.fonts import ARABIC, CJK, DEVANAGARI, LATIN, SYMBOLS, font_book
from app.packets.text_layout import SHAPING_FEATURES, GlyphAudit, TextSetter, TextStyle, _shape, _visual_order

STYLE = TextStyle(size=10, leading=14, color=black)


@pytest.fixture(scope="module")
def fonts():
    return font_book()


class RecordingCanvas:
    """Stands in for a ReportLab canvas and remembers what was drawn where."""

    def __init__(self) -> None:
        self.drawn: list[tuple[float, str, str]] = []
        self.literals: list[str] = []
        self._font = ""

    def setFont(self, name, size):  # noqa: N802 (ReportLab API)
        self._font = name

    def drawString(self, x, y, text, mode=None):  # noqa: N802 (ReportLab API)
        self.drawn.append((x, self._font, str(text)))

    def addLiteral(self, text):  # noqa: N802 (ReportLab API)
        self.literals.append(text)

    def setFillColor(self, color):  # noqa: N802 (ReportLab API)
        pass

    setStrokeColor = setLineWidth = setFillColor


def draw(setter: TextSetter, text: str, width: float = 1000) -> RecordingCanvas:
    canvas = RecordingCanvas()
    setter.draw(canvas, text, STYLE, 0, 100, width)
    return canvas


@pytest.mark.parametrize(("char", "primary", "expected"), [
    ("A", "en", LATIN), ("Ж", "ru", LATIN), ("ế", "en", LATIN), ("Ω", "zh", LATIN),
    ("م", "en", ARABIC), ("प", "en", DEVANAGARI), ("王", "en", CJK), ("한", "en", CJK), ("✓", "en", SYMBOLS),
    ("7", "ar", ARABIC), ("7", "en", LATIN), ("，", "en", CJK),
])
def test_each_character_gets_a_font_that_has_it(fonts, char, primary, expected):
    face = fonts.face_for(ord(char), None, fonts.primary(primary), False)
    assert face == expected.regular.name and fonts.has_glyph(face, ord(char))


def test_punctuation_stays_with_the_text_around_it(fonts):
    chinese = CJK.regular.name
    assert fonts.face_for(ord(","), chinese, fonts.primary("en"), False) == chinese
    assert fonts.face_for(ord(" "), ARABIC.regular.name, fonts.primary("en"), False) == ARABIC.regular.name


def test_what_no_font_has_is_dropped_and_reported(fonts):
    assert fonts.face_for(0x1F600, None, fonts.primary("en"), False) is None  # 😀
    assert fonts.face_for(0x05D0, None, fonts.primary("en"), False) is None  # Hebrew alef: not bundled
    setter = TextSetter(fonts, "en", rtl=False)
    canvas = draw(setter, "Ana 😀 Lima\ufe0f")
    assert setter.audit.dropped == {"😀"}  # the variation selector is invisible: dropped silently
    assert "".join(text for _, _, text in canvas.drawn) == "Ana  Lima"


def test_discretionary_ligatures_are_off(fonts):
    name = ARABIC.regular.name
    assert SHAPING_FEATURES["dlig"] is False
    assert len(_shape("بسم", name, 10)) == 3 and len(_shape("محمد", name, 10)) == 4
    with_dlig = shapeFragWord([0, (ABag(fontName=name, fontSize=10), "محمد")],
                              features={**SHAPING_FEATURES, "dlig": True}, force=True)[1][1]
    assert str(with_dlig) == "\ufdf4", "the font does have the ligature this switch turns off"


def test_reordering_rule_l2():
    runs = [(0, "a"), (1, "b"), (2, "c"), (2, "d"), (1, "e"), (0, "f")]
    assert [text for _, text in _visual_order(runs)] == ["a", "e", "c", "d", "b", "f"]
    assert _visual_order([(1, "x"), (1, "y")]) == [(1, "y"), (1, "x")]


def test_arabic_name_in_english_text_is_reversed_as_a_unit(fonts):
    canvas = draw(TextSetter(fonts, "en", rtl=False), "for محمد عبد الله and")
    pieces = [(font, text) for _, font, text in sorted(canvas.drawn)]
    assert pieces[0] == (LATIN.regular.name, "for ")
    assert pieces[-1] == (LATIN.regular.name, "and")
    # one right-to-left run, shaped: HarfBuzz puts the last word (الله) leftmost, each word's
    # letters running right to left
    arabic = [text for font, text in pieces if font == ARABIC.regular.name and text.strip()]
    assert len(arabic) == 1
    visual_words = unicodedata.normalize("NFKC", arabic[0]).split()
    assert visual_words == [word[::-1] for word in reversed("محمد عبد الله".split())]


def test_numbers_and_latin_inside_arabic_keep_their_order(fonts):
    canvas = draw(TextSetter(fonts, "ar", rtl=True), "علاج CAR-T في 2026")
    left_to_right = [text for _, _, text in sorted(canvas.drawn)]
    # visually, from the left: the year, "في", the Latin name, the first Arabic word (rightmost)
    assert left_to_right[0] == "2026"
    assert "CAR-T" in left_to_right
    assert left_to_right.index("CAR-T") > 0 and left_to_right[-1] not in ("2026", "CAR-T")


def test_brackets_in_right_to_left_text_are_mirrored(fonts):
    canvas = draw(TextSetter(fonts, "ar", rtl=True), "العلاج (CRS)")
    text = "".join(text for _, _, text in sorted(canvas.drawn))
    # the visual left holds the closing side of the bracket pair: "(CRS)" reads right to left
    assert text.index("(") < text.index("CRS") < text.index(")")


def test_devanagari_carries_its_actual_text(fonts):
    canvas = draw(TextSetter(fonts, "en", rtl=False), "नमस्ते प्रिया")
    assert any("ActualText" in literal for literal in canvas.literals)
    assert canvas.literals.count("EMC") == sum("BDC" in literal for literal in canvas.literals)


def test_bidi_controls_steer_but_are_not_drawn(fonts):
    canvas = draw(TextSetter(fonts, "ar", rtl=True), "\u202a+86 10 6598 4420\u202c \u200fهاتف\u2066x\u2069")
    drawn = "".join(text for _, _, text in canvas.drawn)
    assert not set(drawn) & {"\u202a", "\u202c", "\u200f", "\u2066", "\u2069"}
    assert "+86 10 6598 4420" in drawn  # the embedding keeps the number in one piece, in order


def test_chinese_wraps_between_characters_but_not_before_closing_punctuation(fonts):
    setter = TextSetter(fonts, "zh", rtl=False)
    prepared = setter.prepare("细胞在实验室中获得受体，从而能够找到并消灭癌细胞。", STYLE)
    width = prepared.width(0, 5)  # room for about five characters per line
    lines = prepared.lines(width + 0.5)
    assert len(lines) > 3
    assert all(prepared.chars[start] not in "，。" for start, _ in lines)
    assert "".join("".join(prepared.chars[start:end]) for start, end in lines) == "".join(prepared.chars)


def test_a_word_longer_than_the_line_is_cut(fonts):
    setter = TextSetter(fonts, "en", rtl=False)
    prepared = setter.prepare("write to averyveryverylongaddress@medtourdesk.example today", STYLE)
    lines = prepared.lines(60)
    assert all(prepared.width(start, end) <= 60.01 for start, end in lines)
    assert "".join("".join(prepared.chars[start:end]) for start, end in lines).replace(" ", "") == \
        "writetoaveryveryverylongaddress@medtourdesk.exampletoday"


def test_line_breaks_in_the_text_are_kept(fonts):
    prepared = TextSetter(fonts, "en", rtl=False).prepare("Suite 1806\nTower B", STYLE)
    assert ["".join(prepared.chars[a:b]) for a, b in prepared.lines(500)] == ["Suite 1806", "Tower B"]


def test_paragraph_splits_without_stranding_a_line(fonts):
    setter = TextSetter(fonts, "en", rtl=False, audit=GlyphAudit())
    block = setter.paragraph(" ".join(["word"] * 60), STYLE)
    _, height = block.wrap(100, 1000)
    lines = round(height / STYLE.leading)
    assert lines >= 5
    assert block.split(100, STYLE.leading * 1.5) == []  # one line would be left alone at the foot
    head, tail = block.split(100, STYLE.leading * 2.5)
    assert head.wrap(100, 1000)[1] == 2 * STYLE.leading and tail.wrap(100, 1000)[1] == (lines - 2) * STYLE.leading
    assert block.split(100, STYLE.leading * (lines - 0.5))[1].wrap(100, 1000)[1] == 2 * STYLE.leading
