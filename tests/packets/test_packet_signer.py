"""Who signs a packet: a real person, never the placeholder "Coordinator" a new database starts with.

Leads arrive the way they do in an office (the website's CSV export, imported into a new database)."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from app.domain.lead_import import import_csv
from app.domain.lead_search import find_lead_ids, make_filter
from app.domain.leads import get_lead
from app.domain.profiles import NO_SIGNER_MESSAGE, NoSignerError, ProfileInput, set_profile
from app.packets.lead_packets import render_for_lead, write_batch
from db.models import Coordinator
from tests.conftest import SAMPLE_CSV
from tests.packets.pdf_reading import needs_poppler, normalise, pdftotext

OMAR = ProfileInput(name="Omar Haddad", email="omar.haddad@medtourdesk.example", phone="+971 2 234 5678",
                    whatsapp="00971 50 123 4567", languages=("ar", "en"), signature="Omar Haddad, Patient Coordinator")


@pytest.fixture
def imported(sqlite_db, clock):
    """The website export imported into a new database before anyone said who they are:
    {language: the id of a lead that speaks it}."""
    report = import_csv(sqlite_db, SAMPLE_CSV, clock=clock)
    assert report.imported == 15
    by_language: dict[str, int] = {}
    for lead_id in find_lead_ids(sqlite_db, make_filter(None), sort="reference", descending=False):
        by_language.setdefault(get_lead(sqlite_db, lead_id, with_history=False).language or "", lead_id)
    assert {"en", "ru", "ar", "zh"} <= by_language.keys()
    return by_language


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "ru", "ar", "zh"])
def test_an_imported_leads_packet_is_signed_by_the_profile(sqlite_db, imported, clock, lang):
    set_profile(sqlite_db, OMAR)
    pdf, made = render_for_lead(sqlite_db, imported[lang], clock=clock)
    assert made.language == lang
    text = normalise(pdftotext(pdf))
    assert "Omar Haddad" in text
    assert "omar.haddad@medtourdesk.example" in text
    assert "+971 50 123 4567" in text  # the WhatsApp number, stored as +971501234567, shown as patients dial it
    assert "+971 2 234 5678" in text
    assert "Patient Coordinator" in text  # the profile's own signature closes the packet
    assert "MedTour Desk coordinator" not in text
    assert "Coordinator" not in text.replace("Patient Coordinator", ""), "the placeholder's name reached the patient"


def test_without_a_profile_the_packet_is_refused_with_how_to_fix_it(sqlite_db, imported, clock, tmp_path):
    with pytest.raises(NoSignerError) as refused:
        render_for_lead(sqlite_db, imported["ar"], clock=clock)
    assert str(refused.value) == NO_SIGNER_MESSAGE
    assert "Settings → My profile" in NO_SIGNER_MESSAGE and "medtour profile set --name" in NO_SIGNER_MESSAGE
    with pytest.raises(NoSignerError):
        write_batch(sqlite_db, tmp_path / "out", status="new", workers=1, clock=clock)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert all(i.kind != "packet" for i in get_lead(sqlite_db, imported["ar"]).interactions)


def test_the_cli_refuses_the_packet_in_one_line(sqlite_db, imported, capsys, tmp_path):
    from app.cli import main

    assert main(["--db", str(sqlite_db.path), "packet", str(imported["ru"]), "-o", str(tmp_path / "p.pdf")]) == 1
    err = capsys.readouterr().err
    assert err == f"medtour: {NO_SIGNER_MESSAGE}\n"
    assert not (tmp_path / "p.pdf").exists()


@needs_poppler
def test_a_lead_whose_coordinator_left_is_signed_by_who_is_working(sqlite_db, imported, clock):
    omar = set_profile(sqlite_db, OMAR)  # becomes the owner of every imported lead
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@medtourdesk.example"))
    with sqlite_db.write() as session:
        session.execute(update(Coordinator).where(Coordinator.id == omar.id).values(active=False))
    text = normalise(pdftotext(render_for_lead(sqlite_db, imported["en"], clock=clock)[0]))
    assert mona.current and "Mona Saleh" in text and "mona@medtourdesk.example" in text
    assert "Omar Haddad" not in text


@needs_poppler
def test_the_leads_own_coordinator_signs_rather_than_who_is_working(sqlite_db, imported, clock):
    set_profile(sqlite_db, OMAR)
    set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@medtourdesk.example"))
    text = normalise(pdftotext(render_for_lead(sqlite_db, imported["en"], clock=clock)[0]))
    assert "Omar Haddad" in text and "Mona Saleh" not in text
