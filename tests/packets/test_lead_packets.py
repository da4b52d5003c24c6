"""Packets for leads in a real database: the CLI commands and the 'packet sent' record."""
from __future__ import annotations

import hashlib
import json

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.lead_records import LeadInput
from app.domain.leads import change_status, create_lead, get_lead
from app.domain.profiles import ProfileInput, set_profile
from app.packets.lead_packets import write_batch, write_for_lead


def _text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def leads(sqlite_db, clock):
    set_profile(sqlite_db, ProfileInput(name="Anna Lee", email="anna.lee@medtourdesk.example"))  # who signs the packets
    refs = []
    for name, lang, country in (("Анна Смирнова", "ru", "RU"), ("Sean O'Brien <b>&</b>", "en", "IE"), ("张伟", "zh", "US")):
        refs.append(create_lead(sqlite_db, LeadInput(full_name=name, email=f"{len(refs)}@example.com", language=lang,
                                                     country=country, diagnosis="DLBCL", diagnosis_category="lymphoma"), clock=clock).reference)
    return refs


def test_one_packet_is_written_and_recorded(sqlite_db, leads, tmp_path, clock):
    made = write_for_lead(sqlite_db, leads[0], tmp_path / "anna.pdf", clock=clock)
    assert made.language == "ru" and made.program == "car_t_lymphoma"
    assert "Анна Смирнова" in _text(made.path)
    assert hashlib.sha256(made.path.read_bytes()).hexdigest() == made.sha256
    packet = get_lead(sqlite_db, leads[0]).interactions[0]
    assert packet.kind == "packet"
    assert packet.details["sha256"] == made.sha256
    assert packet.details["language"] == "ru" and packet.details["program"] == "car_t_lymphoma"


def test_language_and_program_can_be_forced(sqlite_db, leads, tmp_path, clock):
    made = write_for_lead(sqlite_db, leads[0], tmp_path, lang="en", program="bcma_car_t_myeloma", record=False, clock=clock)
    assert made.path.name == f"{leads[0]}_en.pdf"
    assert made.program == "bcma_car_t_myeloma"
    assert [i.kind for i in get_lead(sqlite_db, leads[0]).interactions] == ["inquiry"]


def test_batch_by_status_on_two_workers(sqlite_db, leads, tmp_path, clock):
    for ref in leads[:2]:
        for status in ("contacted", "qualified"):
            change_status(sqlite_db, ref, status, clock=clock)
    made = write_batch(sqlite_db, tmp_path / "out", status="qualified", workers=2, clock=clock)
    assert sorted(m.reference for m in made) == sorted(leads[:2])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{r}_{l}.pdf" for r, l in zip(leads[:2], ("ru", "en")))
    assert "Sean O'Brien <b>&</b>" in _text(tmp_path / "out" / f"{leads[1]}_en.pdf")


def test_cli_packet_commands(sqlite_db, leads, tmp_path, capsys):
    db = str(sqlite_db.path)
    out = tmp_path / "x.pdf"
    assert main(["--db", db, "packet", leads[2], "-o", str(out)]) == 0
    assert out.exists() and "张伟" in _text(out)
    assert main(["--db", db, "packet", leads[2], "--program", "no_such"]) == 1
    err = capsys.readouterr().err
    assert "unknown program" in err and err.count("\n") == 1
    assert main(["--db", db, "packet", leads[2], "--lang", "xx"]) == 1
    assert main(["--db", db, "packets", "--status", "new", "-o", str(tmp_path / "batch")]) == 0
    assert len(list((tmp_path / "batch").glob("*.pdf"))) == 3
    capsys.readouterr()
    assert main(["--db", db, "lead", "show", leads[2], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert sum(1 for i in shown["interactions"] if i["kind"] == "packet") == 2
