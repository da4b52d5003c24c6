"""Real packet PDFs, read back: names in every script, page furniture, escaping, fonts, glyphs, RTL, data."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.domain.atomic_file import PARTIAL_SUFFIX
from app.packets.content import load_content
from app.packets.packet_renderer import render_packet, write_packet
from app.packets.packet_styles import MARGIN_X, PAGE_WIDTH
from tests.conftest import REPO
from tests.packets.conftest import LEADS, TODAY, TRICKY_NAME, make_lead, render
from tests.packets.pdf_reading import (
    fonts,
    needs_poppler,
    normalise,
    pdftotext,
    poppler_pages,
    pypdf_pages,
    shown_text_bytes,
    words,
)

PAGE_LABEL = {
    "en": lambda page, pages: f"Page {page} of {pages}",
    "ru": lambda page, pages: f"Страница {page} из {pages}",
    "zh": lambda page, pages: f"第{page}页，共{pages}页",
    "ar": lambda page, pages: re.compile(rf"الصفحة ?{page} ?من ?{pages}(?!\d)"),
}


def _has(label, text: str) -> bool:
    return bool(label.search(text)) if isinstance(label, re.Pattern) else normalise(label) in text


# --------------------------------------------------------------------------- names in every script

NAMES = [
    ("en", TRICKY_NAME),                     # Latin, with markup characters
    ("ru", "Мария Иванова"),                 # Cyrillic
    ("ar", "محمد عبد الله"),                 # Arabic in an Arabic packet
    ("zh", "王小明"),                        # Chinese
    ("en", "प्रिया शर्मा"),                    # Devanagari in an English packet (shaped, conjuncts)
    ("en", "فاطمة الزهراء"),                 # Arabic in an English packet
    ("ru", "王小明"),                        # Chinese in a Russian packet
    ("ar", "Мария Иванова"),                 # Cyrillic in an Arabic packet
    ("en", "Nguyễn Thị Minh Khai"),          # Vietnamese diacritics
    ("zh", "Γεώργιος Παπαδόπουλος"),         # Greek in a Chinese packet
]


@needs_poppler
@pytest.mark.parametrize(("lang", "name"), NAMES)
def test_patient_name_comes_out_as_typed(content, lang, name):
    rendered = render(make_lead(lang, full_name=name), content)
    assert rendered.renderer.audit.dropped == set() and rendered.renderer.audit.notdef == set()
    pages = [normalise(page) for page in poppler_pages(rendered.pdf)]
    expected = normalise(name)
    assert expected in pages[0]  # the cover
    assert all(expected in page for page in pages), "the confidentiality line names the patient on every page"


@needs_poppler
def test_arabic_name_is_drawn_right_to_left(packets):
    """Logical order in the text layer, and on the page the first name is the rightmost word."""
    name = "محمد عبد الله"
    cover = words(packets["ar"].pdf, 1)
    line = next(word for word in cover if word.text == "محمد")
    on_line = sorted((w for w in cover if abs(w.y_min - line.y_min) < 1), key=lambda w: w.x_min)
    assert [w.text for w in on_line] == name.split()[::-1]


@needs_poppler
def test_arabic_ligatures_keep_the_letters(content):
    """Discretionary ligatures are off: محمد stays four letters a reader can search for."""
    rendered = render(make_lead("en", full_name="محمد"), content)
    cover = poppler_pages(rendered.pdf)[0]
    assert "\ufdf4" not in cover  # ARABIC LIGATURE MOHAMMAD: one glyph for the whole word
    assert "\ufee3\ufea4\ufee4\ufeaa" in cover  # meem, hah, meem, dal: four joined letters
    assert "محمد" in normalise(cover)
    assert "محمد" in normalise(pypdf_pages(rendered.pdf)[0])


def test_emoji_are_left_out_without_breaking_the_packet(content):
    rendered = render(make_lead("en", full_name="Ana 😀 Lima 👍🏽", latin_name="Ana Lima"), content)
    assert rendered.renderer.audit.dropped == {"😀", "👍", "🏽"}
    assert rendered.renderer.audit.notdef == set()
    assert "Ana Lima" in normalise(pypdf_pages(rendered.pdf)[0])


# --------------------------------------------------------------------------- right-to-left layout


def _letters(text: str) -> str:
    """Text without combining marks: poppler boxes Arabic vowel marks as words of their own."""
    return "".join(char for char in normalise(text) if not unicodedata.combining(char))


@needs_poppler
def test_wrapped_arabic_paragraph_starts_on_its_first_line_at_the_right(packets, content):
    """The summary's opening paragraph wraps over several lines; line 1 holds its start, right-aligned."""
    intro = _letters(packets["ar"].renderer.t("summary.intro")).split()
    page = [word for word in words(packets["ar"].pdf, 2) if _letters(word.text)]
    first = next(word for word in page if word.text == intro[0])
    last = next(word for word in page if word.text == intro[-1] and word.y_min > first.y_min)
    paragraph = [word for word in page if first.y_min - 6 < word.y_min < last.y_min + 6]
    lines: list[list] = []
    for word in sorted(paragraph, key=lambda w: w.y_min):
        if lines and word.y_min - lines[-1][0].y_min < 8:  # marks above a letter sit a little higher
            lines[-1].append(word)
        else:
            lines.append([word])
    assert len(lines) >= 3, "the paragraph wraps over three lines or more"
    ordered = [sorted(line, key=lambda w: -w.x_max) for line in lines]  # each line read right to left
    # Poppler cuts a word at a vowel mark, so compare the letters, line after line, top to bottom.
    assert "".join(_letters(w.text) for line in ordered for w in line) == "".join(intro)
    assert ordered[0][0].text == intro[0], "line 1 holds the start of the text"
    right_edge = PAGE_WIDTH - MARGIN_X
    assert all(abs(line[0].x_max - right_edge) < 2 for line in ordered), "every line is flush right"


@needs_poppler
def test_arabic_tables_put_the_first_column_on_the_right(packets):
    pages = [words(packets["ar"].pdf, number) for number in range(1, len(poppler_pages(packets["ar"].pdf)) + 1)]
    page = next(page for page in pages if any(w.text == "البند" for w in page))
    item = next(w for w in page if w.text == "البند")  # the "Item" heading
    usd = next(w for w in page if w.text == "USD" and w.y_min < item.y_max and w.y_max > item.y_min)
    assert item.x_min > usd.x_max


# --------------------------------------------------------------------------- page furniture


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "ru", "ar", "zh"])
def test_every_page_has_header_and_footer(packets, lang):
    rendered = packets[lang]
    pages = [normalise(page) for page in poppler_pages(rendered.pdf)]
    assert len(pages) == len(PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert 7 <= len(pages) <= 11
    for number, text in enumerate(pages, 1):
        assert _has(PAGE_LABEL[lang](number, len(pages)), text), f"page {number}"
        assert "MedTour Desk Partners" in text and rendered.lead.reference in text, f"page {number}"


@needs_poppler
def test_every_section_is_in_the_packet(packets):
    text = normalise(" ".join(poppler_pages(packets["en"].pdf)))
    for heading in ("Your inquiry at a glance", "How CAR-T cell therapy works", "Your journey, week by week",
                    "Your cost estimate", "How the cost compares", "Risks and side effects",
                    "Who can receive this therapy", "What to prepare", "Questions families often ask",
                    "Next steps"):
        assert text.count(heading) >= 2, heading  # once in the cover's list, once as the heading
    assert "Important medical information" in text
    for fact in ("Relapsed B-ALL after two lines of chemotherapy (CD19+)", "about 7 weeks (49 nights)",
                 "Collection", "Engineering", "Expansion", "Infusion", "Anna Lee", "+86 138 0013 8001",
                 "anna.lee@medtourdesk.example", "Cytokine release syndrome (CRS)"):
        assert fact in text, fact


# --------------------------------------------------------------------------- user text is text


@needs_poppler
def test_user_text_is_printed_literally(content):
    lead = make_lead(full_name=TRICKY_NAME, diagnosis="<font name='Courier'>{agency} %s</font> & <br/>")
    rendered = render(lead, content)
    for text in (normalise(" ".join(poppler_pages(rendered.pdf))), normalise(" ".join(pypdf_pages(rendered.pdf)))):
        assert TRICKY_NAME in text
        assert "<font name='Courier'>{agency} %s</font> & <br/>" in text
    assert "Courier" not in str(fonts(rendered.pdf))


# --------------------------------------------------------------------------- fonts and glyphs


@pytest.mark.parametrize("lang", ["en", "ru", "ar", "zh"])
def test_every_font_is_embedded_truetype(packets, lang):
    found = fonts(packets[lang].pdf)
    assert found, "no fonts?"
    assert {name: info for name, info in found.items() if not info["truetype_file"]} == {}
    primary = {"en": "+NotoSans-Regular", "ru": "+NotoSans-Regular", "ar": "+NotoSansArabic-Regular",
               "zh": "+WenQuanYiMicroHei"}[lang]
    assert any(primary in name for name in found), sorted(found)


@needs_poppler
def test_pdffonts_agrees_every_font_is_embedded(packets, tmp_path):
    path = tmp_path / "ar.pdf"
    path.write_bytes(packets["ar"].pdf)
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows  # the "emb" column


@pytest.mark.parametrize("lang", ["en", "ru", "ar", "zh"])
def test_no_glyph_is_notdef(packets, lang):
    """Every character was checked against its font's cmap, and no text shows code 0 (.notdef)."""
    audit = packets[lang].renderer.audit
    assert audit.notdef == set() and audit.dropped == set()
    shown = shown_text_bytes(packets[lang].pdf)
    assert shown
    assert [(font, data) for font, data in shown if b"\x00" in data] == []


def test_the_notdef_check_can_fail(content):
    """The check above is not vacuous: a character the font lacks shows up as code 0."""
    from reportlab.pdfgen.canvas import Canvas

    from app.packets.fonts import LATIN, font_book

    font_book()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=LATIN.regular.name)
    canvas.setFont(LATIN.regular.name, 12)
    canvas.drawString(72, 700, "A王")  # Noto Sans has no Chinese
    canvas.save()
    assert any(b"\x00" in data for _, data in shown_text_bytes(buffer.getvalue()))


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pages_render_to_images(packets, lang, tmp_path):
    path = tmp_path / "packet.pdf"
    path.write_bytes(packets[lang].pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(packets[lang].pdf)).pages)
    with Image.open(images[0]) as cover:
        colours = cover.convert("RGB").getcolors(maxcolors=1 << 16)
    teal = sum(count for count, colour in colours if colour == (15, 76, 92))
    assert teal > 1000, "the cover's brand band is drawn"


# --------------------------------------------------------------------------- same input, same packet


def test_same_input_gives_the_same_bytes(content):
    first = render_packet(LEADS["ar"], today=TODAY, content=content)
    again = render_packet(LEADS["ar"], today=TODAY, content=content)
    assert first == again
    later = render_packet(LEADS["ar"], today=TODAY.replace(day=26), content=content)
    assert later != first


@needs_poppler
def test_same_input_gives_the_same_text(content, packets):
    again = render(LEADS["zh"], content)
    assert poppler_pages(again.pdf) == poppler_pages(packets["zh"].pdf)


# --------------------------------------------------------------------------- content drives the packet


def _china_range(rendered) -> str:
    market = rendered.renderer.content.market.region("china")
    return normalise(rendered.renderer.money_range(market.min, market.max))


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "ru", "ar", "zh"])
def test_china_range_is_stated_one_way(packets, lang):
    """Chart, market note and FAQ all quote the one China range; the article's other figure never appears."""
    text = normalise(" ".join(poppler_pages(packets[lang].pdf)))
    china = _china_range(packets[lang])
    if lang == "ar":
        # poppler reorders right-to-left amounts; compare the numbers, in either order
        count = len(re.findall(r"50,000[^\d]{1,12}100,000|100,000[^\d]{1,12}50,000", text))
    else:
        count = text.count(china)
    assert count >= 3, china
    assert not re.search(r"80[ ,.\u00a0\u202f]?000|120[ ,.\u00a0\u202f]?000", text)


@needs_poppler
def test_editing_the_market_file_changes_every_china_figure(content_copy):
    market = content_copy / "market.toml"
    market.write_text(market.read_text(encoding="utf-8").replace("min = 50000\nmax = 100000",
                                                                 "min = 55000\nmax = 95000"), encoding="utf-8")
    edited = load_content(content_copy)
    text = normalise(" ".join(poppler_pages(render_packet(LEADS["en"], today=TODAY, content=edited))))
    assert text.count("$55,000 – $95,000") >= 3
    assert "$50,000 – $100,000" not in text


@needs_poppler
def test_a_missing_block_falls_back_to_english(content_copy):
    russian = content_copy / "text" / "ru.toml"
    text = russian.read_text(encoding="utf-8")
    start, end = text.index("[risks]"), text.index("[eligibility]")
    russian.write_text(text[:start] + text[end:], encoding="utf-8")
    edited = load_content(content_copy)
    assert {"risks.heading", "risks.intro", "risks.items"} <= edited.text("ru").fallback_keys
    packet = normalise(" ".join(poppler_pages(render_packet(LEADS["ru"], today=TODAY, content=edited))))
    assert "Risks and side effects" in packet and "Cytokine release syndrome (CRS)" in packet
    assert "Риски и побочные эффекты" not in packet
    assert "Кому подходит эта терапия" in packet  # the rest stays Russian


def _pypdf_text(pdf: bytes) -> str:
    return normalise(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages))


REVIEW_FIRST = "The doctors must review your medical records before any program or price can be proposed."


@pytest.mark.parametrize(("category", "diagnosis"), [
    ("solid_tumour", "Glioblastoma multiforme (IDH-wildtype), recurrent after temozolomide"),
    ("solid_tumour", "Pancreatic cancer"),
    ("leukemia", "Chronic lymphocytic leukaemia"),
])
def test_a_diagnosis_no_offer_fits_gets_no_program_and_no_estimate(content, category, diagnosis):
    """The glioblastoma patient once got "CAR-T for B-ALL" with a full estimate; now the packet
    proposes nothing before the doctors' review."""
    rendered = render(make_lead(diagnosis_category=category, diagnosis=diagnosis), content)
    assert rendered.renderer.offer is None and rendered.renderer.estimate is None
    text = _pypdf_text(rendered.pdf)
    assert REVIEW_FIRST in text
    assert "Proposed program After the doctors’ review" in text
    assert "None yet: the doctors review your records first" in text
    for absent in ("Your cost estimate", "Estimated total", "How the cost compares", "Your journey, week by week",
                   "CAR-T for B-ALL", "CAR-T for B-cell acute lymphoblastic leukaemia", "$", "USD",
                   "How much does CAR-T therapy cost in China?"):
        assert absent not in text, absent
    assert "Risks and side effects" in text and "What to prepare" in text


def test_a_requested_program_the_rules_exclude_is_named_but_never_priced(content):
    glioblastoma = make_lead(diagnosis_category="solid_tumour", diagnosis="Glioblastoma, recurrent")
    rendered = render(glioblastoma, content, program="car_t_b_all")
    assert rendered.renderer.offer is None
    text = _pypdf_text(rendered.pdf)
    assert ("You asked us about the CAR-T for B-cell acute lymphoblastic leukaemia program. From what we know so far, "
            "its rules do not admit your diagnosis, so this packet gives no price for it.") in text
    for absent in ("Estimated total", "$", REVIEW_FIRST, "have not yet confirmed", "designed for blood cancers"):
        assert absent not in text, absent


def test_a_requested_program_to_review_says_the_doctors_have_not_confirmed_it_and_nothing_contradicts(content):
    lymphoma = make_lead(diagnosis_category="lymphoma", diagnosis="Lymphoma")
    rendered = render(lymphoma, content, program="car_t_lymphoma")
    assert rendered.renderer.offer.key == "eastbank_lymphoma" and not rendered.renderer.offer.confirmed
    text = _pypdf_text(rendered.pdf)
    assert ("You asked us to describe the CAR-T for diffuse large B-cell and other B-cell lymphomas program. The hospital’s "
            "doctors have not yet confirmed that it suits your diagnosis") in text
    assert "Estimated total" in text
    assert REVIEW_FIRST not in text and "Our programs are designed for blood cancers" not in text
    fitting = _pypdf_text(render(make_lead(), content).pdf)
    assert "have not yet confirmed" not in fitting and REVIEW_FIRST not in fitting
    assert "Beijing Riverside International Hospital" in fitting


@needs_poppler
def test_an_edited_agency_name_reaches_the_next_packet(content_copy):
    agency = content_copy / "agency.toml"
    agency.write_text(agency.read_text(encoding="utf-8").replace('name = "MedTour Desk Partners"',
                                                                 'name = "Silk Road Care"'), encoding="utf-8")
    pages = poppler_pages(render_packet(LEADS["en"], today=TODAY, content=load_content(content_copy)))
    assert all("Silk Road Care" in page for page in pages)


# --------------------------------------------------------------------------- writing


def test_write_packet_replaces_the_file_atomically(tmp_path):
    """A reader polling the file while it is rewritten many times only ever sees one whole version
    (a write in place would show it empty or cut short), and the file stays private."""
    target = tmp_path / "out" / "L-2026-00042_en.pdf"
    versions = (b"%PDF-old" + b"a" * 2_000_000, b"%PDF-new" + b"b" * 3_000_000)
    assert write_packet(target, versions[0]) == target
    done = threading.Event()
    seen: list[int] = []
    torn: list[int] = []

    def read_while_writing() -> None:
        while not done.is_set():
            data = target.read_bytes()
            (seen if data in versions else torn).append(len(data))

    reader = threading.Thread(target=read_while_writing)
    reader.start()
    try:
        for round_ in range(61):  # new, old, new, … new
            write_packet(target, versions[(round_ + 1) % 2])
    finally:
        done.set()
        reader.join()
    assert torn == [] and seen
    assert target.read_bytes() == versions[1]
    assert sorted(p.name for p in target.parent.iterdir()) == ["L-2026-00042_en.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


_STALLED_WRITER = """
import os, sys
def stall(fd):  # every byte is in the temporary file; wait here to be killed before the rename
    print("written", flush=True)
    sys.stdin.read()
os.fsync = stall
from app.packets.packet_renderer import write_packet
write_packet(sys.argv[1], b"%PDF-new" + b"b" * 1_000_000)
"""


def test_a_writer_killed_midway_leaves_the_old_packet(tmp_path):
    target = tmp_path / "L-2026-00042_en.pdf"
    write_packet(target, b"%PDF-old")
    writer = subprocess.Popen([sys.executable, "-c", _STALLED_WRITER, str(target)], cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "written\n"
    finally:
        writer.kill()
        writer.communicate()
    assert target.read_bytes() == b"%PDF-old"
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert [p.name.startswith(f".{target.name}.") and p.name.endswith(PARTIAL_SUFFIX) for p in leftovers] == [True]
    assert leftovers[0].stat().st_size > 1_000_000  # the new bytes were written, just never renamed
    leftovers[0].unlink()


def test_no_unicode_escapes_leak_into_metadata(packets):
    info = PdfReader(io.BytesIO(packets["ru"].pdf)).metadata
    assert info.title == "Информационный пакет о CAR-T-терапии — Мария Иванова"
    assert info.author == "MedTour Desk Partners"
    assert unicodedata.is_normalized("NFC", info.title)


@pytest.fixture(autouse=True)
def _no_leftover_temp_files(tmp_path):
    yield
    assert not list(Path(tmp_path).rglob(f".*{PARTIAL_SUFFIX}"))


@needs_poppler
def test_no_whatsapp_is_promised_when_the_coordinator_has_none(content):
    from dataclasses import replace

    lead = make_lead(coordinator=replace(LEADS["en"].coordinator, whatsapp=None))
    text = normalise(" ".join(poppler_pages(render(lead, content).pdf)))
    assert "You can reach Anna Lee by phone +86 138 0013 8000 and email anna.lee@medtourdesk.example." in text
    assert "WhatsApp +86" not in text
    with_whatsapp = normalise(" ".join(poppler_pages(render(make_lead(), content).pdf)))
    assert "WhatsApp +86 138 0013 8001" in with_whatsapp


@needs_poppler
def test_typography_reads_as_written_by_a_person(packets):
    """Russian: no "г.." where a date ends a sentence, no "для: имя" or "учитывает: 2 …" colons;
    Arabic: a greeting that suits a woman as well as a man (no masculine "عزيزنا")."""
    russian = normalise(pdftotext(packets["ru"].pdf))
    assert "г.." not in russian and "для:" not in russian and "учитывает:" not in russian
    assert "Расчёт действителен до" in russian
    arabic = normalise(pdftotext(packets["ar"].pdf))
    assert "عزيزنا" not in arabic and "مرحبا" in arabic


@needs_poppler
def test_a_patient_at_home_in_china_is_told_where_they_live_not_where_they_travel_from(content):
    dlbcl = {"diagnosis": "Relapsed DLBCL", "diagnosis_category": "lymphoma"}
    home = normalise(pdftotext(render(make_lead("en", country="CN", **dlbcl), content, offer="eastbank_lymphoma").pdf))
    away = normalise(pdftotext(render(make_lead("en", country="KZ", **dlbcl), content, offer="eastbank_lymphoma").pdf))
    assert "Lives in China" in home and "Travelling from" not in home
    assert "Travelling from Kazakhstan" in away
    visa = content.text("en").get("cost.items.visa_support")
    assert visa in away and visa not in home


def test_a_fresh_process_renders_without_searching_the_disk_for_type1_metrics(tmp_path):
    """pdfmetrics.getFont on a name it does not know walks the disk for AFM files (a quarter of a
    second each); the first packet of a new process must never trigger that search."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import datetime, cProfile, pstats\n"
        "from app.packets.packet_renderer import render_packet\n"
        "from tests.packets.conftest import LEADS\n"
        "profile = cProfile.Profile()\n"
        "for lang in ('en', 'ar', 'zh', 'ru'):\n"
        "    profile.runcall(render_packet, LEADS[lang], lang=lang, today=datetime.date(2026, 11, 25))\n"
        "names = {function for (_, _, function) in pstats.Stats(profile).stats}\n"
        "print(sorted(name for name in names if 'AFM' in name or 'T1File' in name))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
