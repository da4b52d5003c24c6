"""Right of access: everything held about one person as JSON and a readable PDF beside it."""
from __future__ import annotations

import json
import subprocess

import pytest
from pypdf import PdfReader

from app.cli import main
from app.packets.fonts import FAMILIES
from app.safety.personal_export import export_personal_data
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext
from tests.safety.conftest import PEOPLE, make_person

#: The PostScript names of the bundled fonts (resources/fonts), as pdffonts prints them.
BUNDLED_FONTS = {"NotoSans-Regular", "NotoSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold",
                 "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold", "WenQuanYiMicroHei", "NotoSansSymbols2-Regular"}


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_json_holds_every_table(sqlite_db, clock, person, tmp_path):
    export = export_personal_data(sqlite_db, person.reference, tmp_path / "out.json", clock=clock)
    data = json.loads(export.json_path.read_text(encoding="utf-8"))
    assert data["format"] == "medtour-personal-data" and data["reference"] == person.reference
    name, latin, phone, _country, email = PEOPLE[0]
    assert (data["lead"]["full_name"], data["lead"]["latin_name"], data["lead"]["email"]) == (name, latin, email)
    assert data["lead"]["consent_health_data"] is True and data["lead"]["consent_method"] == "web form"
    assert [p["raw"] for p in data["phones"]] == [phone] and data["phones"][0]["e164"] == "+79165551234"
    assert {i["kind"] for i in data["interactions"]} == {"inquiry", "call_out", "packet", "case"}  # case: its records received
    assert [h["to_status"] for h in data["status_history"]] == ["lost", "contacted", "new"]
    assert [e["field"] for e in data["field_edits"]] == ["diagnosis"]
    assert data["packets_sent"] == [{"occurred_at": "2026-11-25T09:00:00+00:00", "language": "ru", "program": "lymphoma",
                                     "sha256": "0" * 64, "file": str(person.packet_file)}]
    assert export.pdf_path == tmp_path / "out.pdf"


@pytest.mark.parametrize("index", range(len(PEOPLE)))
def test_pdf_summary_is_readable_in_the_persons_script(sqlite_db, clock, tmp_path, index):
    person = make_person(sqlite_db, clock, index)
    export = export_personal_data(sqlite_db, person.reference, tmp_path / f"p{index}.json", clock=clock)
    reader = PdfReader(export.pdf_path)
    text = _pdf_text(export.pdf_path)
    name, latin, _phone, _country, email = PEOPLE[index]
    assert latin in text and email in text and person.reference in text
    if index in (0, 2):  # Cyrillic and Chinese extract as typed; shaped Arabic and Devanagari extract as glyph runs
        assert name in text
    assert f"page 1 of {len(reader.pages)}" in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()["/BaseFont"]]}
    assert len(fonts) >= (1 if index == 0 else 2), fonts  # the script's own font joins the Latin one


def test_user_text_cannot_inject_markup(sqlite_db, clock, tmp_path):
    from app.domain.lead_records import LeadInput
    from app.domain.leads import create_lead

    hostile = '<b>Bold</b> & <font size="40">Big</font> </para><para>&amp; <img src="/etc/passwd"/>'
    created = create_lead(sqlite_db, LeadInput(full_name=hostile, email="x@example.com", diagnosis="<i>x</i>"), clock=clock)
    export = export_personal_data(sqlite_db, created.reference, tmp_path / "h.json", clock=clock)
    text = _pdf_text(export.pdf_path)
    assert '<b>Bold</b> & <font size="40">Big</font>' in text and "<i>x</i>" in text and "&amp;" in text


def test_default_name_and_the_cli(capsys, sqlite_db, person, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(sqlite_db.path), "lead", "export-personal", person.reference]) == 0
    out = capsys.readouterr().out
    assert f"{person.reference}-personal-data.json" in out and (tmp_path / f"{person.reference}-personal-data.pdf").exists()
    assert main(["--db", str(sqlite_db.path), "lead", "export-personal", "L-2026-99999"]) == 1
    assert "no lead 'L-2026-99999'" in capsys.readouterr().err


def _pdffonts(path) -> list[tuple[str, bool]]:
    """(font name without its subset prefix, embedded?) for each font in the file, from poppler's pdffonts."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        name, *rest = line.split()
        # the columns after the name end with: emb, sub, uni, object number, generation
        fonts.append((name.split("+", 1)[-1].removesuffix("-0"), rest[-5] == "yes"))  # -0: the face's index in a .ttc
    return fonts


#: The font each person's name must be drawn in (Cyrillic is in the Latin face).
NAME_FONTS = ("NotoSans-Regular", "NotoSansArabic-Regular", "WenQuanYiMicroHei", "NotoSansDevanagari-Regular")


@needs_poppler
@pytest.mark.parametrize("index", range(len(PEOPLE)))
def test_pdf_summary_embeds_only_the_bundled_fonts_and_extracts_as_typed(sqlite_db, clock, tmp_path, index):
    person = make_person(sqlite_db, clock, index)
    export = export_personal_data(sqlite_db, person.reference, tmp_path / f"p{index}.json", clock=clock)
    fonts = _pdffonts(export.pdf_path)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert {name for name, _ in fonts} <= BUNDLED_FONTS, fonts  # no Helvetica, no system font
    assert NAME_FONTS[index] in {name for name, _ in fonts}
    text = normalise(pdftotext(export.pdf_path.read_bytes()))
    name, latin, _phone, _country, email = PEOPLE[index]
    assert latin in text and email in text and person.reference in text
    assert normalise(name) in text, f"{name!r} does not extract from the PDF"


def test_summary_text_uses_the_packet_fonts_and_engine():
    from app.packets.fonts import font_book
    from app.safety.personal_summary_pdf import PersonalSummaryRenderer

    renderer = PersonalSummaryRenderer()
    assert renderer.setter.fonts is font_book()  # the packet's fonts, registered once per process
    block = renderer.user("Зинаида فاطمة 欧阳娜娜 प्रियंका")
    faces = {face.name for family in FAMILIES for face in (family.regular, family.bold)}
    assert set(block.prepared.fonts) <= faces and len(set(block.prepared.fonts)) == 4


def test_characters_no_font_has_are_reported_not_dropped_silently():
    from app.safety.personal_summary_pdf import PersonalSummaryRenderer

    renderer = PersonalSummaryRenderer()
    cuneiform = "\U00012000"  # in none of the bundled fonts
    block = renderer.user(f"Ivan\u200b \U000e0041{cuneiform}\u0378")  # zero-width space, a tag, an unassigned code point: invisible
    assert renderer.audit.dropped == {cuneiform}
    assert "".join(block.prepared.chars).startswith("Ivan") and cuneiform not in block.prepared.chars
