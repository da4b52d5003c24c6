"""The packet's pages as a reader sees them: no page more than 30 % empty but the last, nothing
drawn outside the margins, a cover that fits one page, a contents list with the right page
numbers, and the PDF's metadata. The rules run over every language x a grid of lead shapes
(rendered once per module, at low resolution)."""
from __future__ import annotations

import io
import itertools
import re
import unicodedata
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.packets.packet_input import PacketLead
from app.packets.packet_offer import PacketQuote, QuoteItem
from app.packets.packet_styles import (
    COVER_BAND_HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SAFE_EDGE,
)
from tests.packets.conftest import LEADS, TODAY, Rendered, make_lead, render
from tests.packets.page_measure import Extent, drawn_extents, emptiness, page_emptiness, page_images
from tests.packets.pdf_reading import needs_poppler, normalise, poppler_pages, words

#: A page may be this empty (share of its body frame), except the last.
MOST_EMPTY = 0.30

QUOTE = PacketQuote("beijing_riverside", "riverside_b_all", "USD",
                    (QuoteItem("manufacturing", Decimal("45000")), QuoteItem("hospital_stay", Decimal("12000"))))

LONG_NAME = "Maximiliane Konstantina Alexandra-Wilhelmina von Hohenzollern-Sigmaringen"


def _shapes(lang: str) -> dict[str, PacketLead]:
    base = LEADS[lang]
    other_script = ({"full_name": "Fatima Al-Qahtani", "latin_name": None} if lang == "ar"
                    else {"full_name": "فاطمة عبد الرحمن القحطاني", "latin_name": "Fatima Al-Qahtani"})
    return {
        "standard": base,
        # No diagnosis group yet: the first-steps packet (no program, no estimate).
        "first_steps": make_lead(lang, diagnosis=None, diagnosis_category=None),
        "chosen_quote": make_lead(lang, diagnosis="Relapsed B-ALL (CD19+)", diagnosis_category="leukemia",
                                  quote=QUOTE),
        "long_names_companions": make_lead(lang, full_name=LONG_NAME, latin_name=LONG_NAME.upper(), companions=2),
        # An Arabic name in a Latin or Chinese packet; a Latin name (and WhatsApp) in an Arabic one.
        "other_script_name": make_lead(lang, **other_script),
        "domestic": make_lead(lang, country="CN", companions=0),
    }


GRID = [(lang, shape) for lang in LEADS for shape in _shapes(lang)]


@pytest.fixture(scope="module")
def grid(content) -> dict[tuple[str, str], Rendered]:
    return {(lang, shape): render(_shapes(lang)[shape], content) for lang, shape in GRID}


@pytest.fixture(scope="module")
def grid_emptiness(grid) -> dict[tuple[str, str], list[float]]:
    return {key: page_emptiness(rendered.pdf) for key, rendered in grid.items()}


# ---------------------------------------------------------------------------- emptiness


@needs_poppler
@pytest.mark.parametrize(("lang", "shape"), GRID)
def test_no_page_but_the_last_is_more_than_30_percent_empty(grid_emptiness, lang, shape):
    pages = grid_emptiness[(lang, shape)]
    too_empty = {number: f"{share:.0%}" for number, share in enumerate(pages[:-1], 1) if share > MOST_EMPTY}
    assert not too_empty, f"{lang}/{shape}: pages more than {MOST_EMPTY:.0%} empty: {too_empty}"


@needs_poppler
def test_the_emptiness_measure_sees_a_half_empty_page(content):
    """The measure itself: a packet whose summary is forced onto a page of its own is caught."""
    from reportlab.platypus import PageBreak

    from app.packets.packet_input import choose_offer
    from app.packets.packet_renderer import PacketRenderer

    lead = LEADS["en"]

    class Holes(PacketRenderer):
        def _summary(self):  # the summary's heading alone on its page, the rest pushed to the next
            first, *rest = super()._summary()
            return [first, PageBreak(), *rest]

    pdf = Holes(lead, content, lang="en", offer=choose_offer(lead, content), today=TODAY).render()
    assert max(page_emptiness(pdf)[:-1]) > MOST_EMPTY
    blank = page_images(pdf)[0].point(lambda _: 255)
    assert emptiness(blank) == 1.0


# ---------------------------------------------------------------------------- the cover


@needs_poppler
@pytest.mark.parametrize(("lang", "shape"), GRID)
def test_the_cover_fits_one_page_with_its_contents_list(grid, lang, shape):
    rendered = grid[(lang, shape)]
    renderer = rendered.renderer
    pages = [normalise(page) for page in poppler_pages(rendered.pdf)]
    cover = pages[0]
    assert normalise(renderer.t("cover.contents")) in cover
    assert normalise(renderer.t("next.heading")) in cover, "the contents list's last entry is not on the cover"
    assert renderer._doc.anchors["summary"] == 2
    assert pages[1].count(normalise(renderer.t("summary.heading"))) >= 1


@needs_poppler
def test_an_arabic_cover_with_a_latin_name_and_whatsapp_keeps_its_contents_heading(grid):
    """Defect 3: the contents heading was stranded at the foot of page 1, page 2 almost blank."""
    rendered = grid[("ar", "other_script_name")]
    assert rendered.lead.coordinator.whatsapp
    heading = normalise(rendered.renderer.t("cover.contents"))
    cover_words = " ".join(word.text for word in words(rendered.pdf, 1))
    assert all(part in cover_words for part in heading.split())
    assert page_emptiness(rendered.pdf)[1] <= MOST_EMPTY


# ---------------------------------------------------------------------------- margins


def _outside(extent: Extent) -> str | None:
    """Why an extent lies outside where the page may draw, or None."""
    if extent.kind == "rect" and extent.x0 <= 0.5 and extent.x1 >= PAGE_WIDTH - 0.5 and extent.page == 1:
        return None  # the cover's full-bleed band
    tolerance = 0.5
    if extent.x0 < MARGIN_X - tolerance or extent.x1 > PAGE_WIDTH - MARGIN_X + tolerance:
        return "left or right margin"
    frame_top = PAGE_HEIGHT - (COVER_BAND_HEIGHT + 14 if extent.page == 1 else MARGIN_TOP)
    in_frame = extent.bottom >= MARGIN_BOTTOM - tolerance and extent.top <= frame_top + tolerance
    head_floor = PAGE_HEIGHT - COVER_BAND_HEIGHT - 4 if extent.page == 1 else frame_top
    in_header = extent.bottom >= head_floor - tolerance and extent.top <= PAGE_HEIGHT - SAFE_EDGE + tolerance
    in_footer = extent.top <= MARGIN_BOTTOM + tolerance and extent.bottom >= SAFE_EDGE - tolerance
    if not (in_frame or in_header or in_footer):
        return "across the frame's top or foot, or too near the paper's edge"
    return None


@pytest.mark.parametrize("lang", sorted(LEADS))
@pytest.mark.parametrize("shape", ["standard", "first_steps", "long_names_companions"])
def test_nothing_is_drawn_outside_the_margins(grid, lang, shape):
    """Every character, line, rectangle, curve and image, measured from the PDF: charts included
    (their axis labels ran to 561 pt against a 544 pt margin, in Arabic to 27 pt against 51 pt)."""
    outside = [(extent, why) for extent in drawn_extents(grid[(lang, shape)].pdf) if (why := _outside(extent))]
    assert not outside, f"{len(outside)} drawn outside, first: {outside[:3]}"


def test_the_margin_check_sees_a_label_past_the_margin():
    assert _outside(Extent(6, "char", 541.0, 561.0, 300.0, 308.0, "0")) == "left or right margin"
    assert _outside(Extent(6, "char", 27.0, 33.0, 300.0, 308.0, "U")) == "left or right margin"
    assert _outside(Extent(3, "char", 100.0, 106.0, 12.0, 19.0, "x")) is not None
    assert _outside(Extent(3, "char", 100.0, 106.0, 400.0, 408.0, "x")) is None


# ---------------------------------------------------------------------------- contents


def _printed_contents(rendered: Rendered) -> dict[int, int]:
    """The contents list as printed on the cover: entry number -> page number, read from word boxes."""
    cover = words(rendered.pdf, 1)
    rows: dict[tuple[int, int], list] = {}
    middle = PAGE_WIDTH / 2
    for word in cover:
        rows.setdefault((round(word.y_min), word.x_min >= middle), []).append(word)
    printed: dict[int, int] = {}
    rtl = rendered.renderer.rtl
    for row in rows.values():
        row.sort(key=lambda word: word.x_min, reverse=rtl)  # reading order
        # "1." is drawn ".1" in right-to-left text (the full stop on the left, as Arabic prints it).
        entry = next((w for w in row if re.fullmatch(r"\d+\.|\.\d+", w.text)), None)
        page = row[-1]
        if entry is None or not page.text.isdigit() or page is entry:
            continue
        printed[int(entry.text.strip("."))] = int(page.text)
    return printed


@needs_poppler
@pytest.mark.parametrize("lang", sorted(LEADS))
@pytest.mark.parametrize("shape", ["standard", "first_steps"])
def test_the_contents_list_gives_each_sections_page(grid, lang, shape):
    rendered = grid[(lang, shape)]
    renderer = rendered.renderer
    # A heading is a line of its own (its words also turn up in sentences: 'see "What to prepare"').
    pages = [_heading_candidates(page) for page in poppler_pages(rendered.pdf)]
    keys = [entry.key for entry in renderer.contents.entries]
    printed = _printed_contents(rendered)
    assert sorted(printed) == list(range(1, len(keys) + 1)), printed
    for number, key in enumerate(keys, 1):
        heading = normalise(renderer.t(f"{key}.heading"))
        found = next(page for page, lines in enumerate(pages[1:], 2) if _letters(heading) in lines)
        assert printed[number] == found, f"{lang}: '{heading}' printed as page {printed[number]}, found on page {found}"


def _letters(line: str) -> str:
    """A line's letters, sorted: poppler may order a right-to-left line's Latin words its own way
    and part an Arabic word at a vowel mark ("تجهّ زه")."""
    return "".join(sorted(char for char in normalise(line) if not char.isspace() and not unicodedata.combining(char)))


def _heading_candidates(page: str) -> set[str]:
    """The letters of each line of a page, and of each two lines together (poppler sometimes
    parts an Arabic line where a vowel mark rises above it)."""
    lines = [line for line in page.splitlines() if line.strip()]
    return {_letters(line) for line in lines} | {_letters(a + b) for a, b in itertools.pairwise(lines)}


@needs_poppler
def test_arabic_page_numbers_stand_at_the_left_of_each_entry(grid):
    rendered = grid[("ar", "standard")]
    for row_words in _rows_with_numbers(rendered):
        numbers = [word for word in row_words if word.text.isdigit()]
        assert numbers and min(row_words, key=lambda word: word.x_min) is numbers[0]


def _rows_with_numbers(rendered: Rendered) -> list[list]:
    rows: dict[tuple[int, bool], list] = {}
    for word in words(rendered.pdf, 1):
        rows.setdefault((round(word.y_min), word.x_min >= PAGE_WIDTH / 2), []).append(word)
    return [row for row in rows.values() if any(re.fullmatch(r"\.\d+", word.text) for word in row)]


# ---------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(("lang", "tag"), [("en", "en"), ("ru", "ru"), ("ar", "ar"), ("zh", "zh-Hans")])
def test_the_pdf_says_its_title_author_subject_language_and_date(grid, lang, tag):
    rendered = grid[(lang, "standard")]
    reader = PdfReader(io.BytesIO(rendered.pdf))
    info = reader.metadata
    renderer = rendered.renderer
    assert info.title == renderer.t("document.title")
    assert info.author == renderer.content.agency.name
    assert info.subject and info.subject == renderer.values["program"]
    assert str(reader.trailer["/Root"]["/Lang"]) == tag
    assert info["/CreationDate"].startswith(f"D:{TODAY:%Y%m%d}")
    assert info["/ModDate"] == info["/CreationDate"]


def test_a_first_steps_packet_has_a_subject_too(grid):
    info = PdfReader(io.BytesIO(grid[("en", "first_steps")].pdf)).metadata
    assert info.subject == grid[("en", "first_steps")].renderer.t("cover.program_pending")


@pytest.mark.parametrize("lang", sorted(LEADS))
def test_every_font_subset_has_a_tag_of_its_own(grid, lang):
    reader = PdfReader(io.BytesIO(grid[(lang, "other_script_name")].pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert str(descriptor["/FontName"]) == str(font.get_object()["/BaseFont"])
    tags = [name[1:].split("+", 1)[0] for name in names]
    assert all(re.fullmatch(r"[A-Z]{6}", tag) for tag in tags), names
    assert len(set(tags)) == len(tags) >= 3, names


@pytest.mark.parametrize("lang", sorted(LEADS))
def test_the_price_axis_labels_stand_under_their_ticks(grid, lang):
    """Each money label of the comparison chart is centred on its grid line (the outermost ones
    may be moved inward to stay inside the margins)."""
    import pdfplumber

    from tests.packets.page_measure import drawn_lines

    pdf = grid[(lang, "standard")].pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        ticks = {number: sorted({round(float(line["x0"]), 1) for line in page.lines
                                 if abs(float(line["x0"]) - float(line["x1"])) < 0.1
                                 and float(line["bottom"]) - float(line["top"]) > 80})
                 for number, page in enumerate(document.pages, 1)}
        feet = {number: max((PAGE_HEIGHT - float(line["bottom"]) for line in page.lines
                             if abs(float(line["x0"]) - float(line["x1"])) < 0.1
                             and float(line["bottom"]) - float(line["top"]) > 80), default=None)
                for number, page in enumerate(document.pages, 1)}
    page = next(number for number, xs in ticks.items() if len(xs) >= 4)
    foot = feet[page]
    labels = [line for line in drawn_lines(pdf) if line.page == page and foot - 16 < line.baseline < foot
              and re.search(r"\d", line.text)]
    assert len(labels) >= 3, labels
    xs = ticks[page]
    for label in labels:
        # One amount per label: two labels closer than a column gap would read as one run.
        assert len(re.findall(r"\d[\d,.\u00a0\u202f ]*", label.text)) == 1, label
        centre = (label.x0 + label.x1) / 2
        nearest = min(xs, key=lambda x: abs(x - centre))
        if abs(nearest - centre) >= 1.5:  # moved inward from the chart's edge: the edge tick's label
            edge = min(xs) if centre < (min(xs) + max(xs)) / 2 else max(xs)
            assert label.x0 - 1.0 <= edge <= label.x1 + 1.0, (label, xs)
