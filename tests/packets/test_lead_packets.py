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
    made = write_for_lead(sqlite_db, leads[0], tmp_path, lang="en", program="car_t_lymphoma", record=False, clock=clock)
    assert made.path.name == f"{leads[0]}_en.pdf"
    assert made.program == "car_t_lymphoma"
    # A program the eligibility rules exclude for a DLBCL patient is never priced, even on request.
    excluded = write_for_lead(sqlite_db, leads[0], tmp_path / "x.pdf", program="bcma_car_t_myeloma", record=False,
                              clock=clock)
    assert (excluded.program, excluded.offer) == (None, None)
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


# ---------------------------------------------------------------- prices from the catalogue and the case


def _new_lead(db, clock, **fields):
    base = {"full_name": "Erik Larsen", "email": f"{fields.get('diagnosis', 'x')[:5]}@example.com", "language": "en",
            "country": "US"}
    return create_lead(db, LeadInput(**{**base, **fields}), clock=clock).reference


def test_a_glioblastoma_lead_gets_a_packet_with_no_program_and_no_estimate(sqlite_db, leads, tmp_path, clock):
    ref = _new_lead(sqlite_db, clock, diagnosis="Glioblastoma multiforme, recurrent", diagnosis_category="solid_tumour")
    made = write_for_lead(sqlite_db, ref, tmp_path / "erik.pdf", clock=clock)
    assert (made.program, made.offer) == (None, None)
    text = " ".join(_text(made.path).split())
    assert "The doctors must review your medical records before any program or price can be proposed." in text
    for absent in ("Estimated total", "Your cost estimate", "CAR-T for B-ALL", "$"):
        assert absent not in text
    packet = get_lead(sqlite_db, ref).interactions[0]
    assert packet.details["program"] is None and packet.details["offer"] is None
    assert packet.notes == "Packet written: no program proposed yet (the doctors review the records first) in en"


def test_a_dlbcl_lead_is_priced_from_the_eastbank_offer(sqlite_db, leads, tmp_path, clock):
    made = write_for_lead(sqlite_db, leads[1], tmp_path / "sean.pdf", clock=clock)  # Ireland, DLBCL
    assert (made.program, made.offer) == ("car_t_lymphoma", "eastbank_lymphoma")
    text = " ".join(_text(made.path).split())
    assert "Shanghai East Bank Cancer Centre" in text and "EUR" in text
    assert "The hospital prices its treatment in Chinese yuan (CNY)" in text
    assert get_lead(sqlite_db, leads[1]).interactions[0].details["offer"] == "eastbank_lymphoma"


def test_a_flag_on_the_case_rules_the_offer_out_of_the_packet(sqlite_db, leads, tmp_path, clock):
    from app.domain.eligibility import set_clinical_flag

    set_clinical_flag(sqlite_db, leads[1], "active_infection", True, clock=clock)
    made = write_for_lead(sqlite_db, leads[1], tmp_path / "sean.pdf", record=False, clock=clock)
    assert made.offer is None and "Estimated total" not in _text(made.path)


def test_the_chosen_quote_gives_the_packet_its_amounts(sqlite_db, leads, tmp_path, clock):
    from db.case_models import Quote

    ref = _new_lead(sqlite_db, clock, diagnosis="Follicular lymphoma", diagnosis_category="lymphoma")
    lead_id = get_lead(sqlite_db, ref).id
    with sqlite_db.write() as session:
        for chosen, amount in ((None, "999999"), (clock(), "300000")):  # only the chosen one counts
            session.add(Quote(lead_id=lead_id, hospital_key="shanghai_eastbank", offer_key="eastbank_lymphoma",
                              currency="CNY", created_at=clock(), chosen_at=chosen,
                              items=[{"item": "manufacturing", "amount": amount},
                                     {"item": "hospital_stay", "amount": "71050"},
                                     {"item": "translation", "label": "Medical translation", "amount": "7105"}]))
    made = write_for_lead(sqlite_db, ref, tmp_path / "quote.pdf", record=False, clock=clock)
    assert made.offer == "eastbank_lymphoma"
    text = " ".join(_text(made.path).split())
    # 300,000 / 7.105 = 42,223.8; 71,050 / 7.105 = 10,000; 7,105 / 7.105 = 1,000: one amount each, no range
    # the quote's rows only, not the offer's own ranges
    assert ("Treatment at the hospital CAR-T cell manufacturing 42,224 Hospital stay 10,000 Medical translation 1,000 "
            "Treatment subtotal") in text
    assert "Treatment subtotal 53,224 Travel" in text and "42,224 –" not in text
    assert "140,741" not in text  # the quote not chosen
    assert "The medical items are the amounts of the hospital’s written quote for you" in text


def test_cli_refuses_a_program_no_hospital_offers(sqlite_db, leads, tmp_path, capsys, monkeypatch, content_copy):
    programs = content_copy / "programs.toml"
    programs.write_text(programs.read_text(encoding="utf-8").replace(
        "[programs.car_t_b_all]", "[programs.car_t_b_all]\n\n[programs.til_therapy]"), encoding="utf-8")
    texts = content_copy / "text" / "en.toml"
    texts.write_text(texts.read_text(encoding="utf-8") + '\n[programs.til_therapy]\nname = "TIL therapy"\n'
                     'short = "TIL"\ndescription = "Tumour-infiltrating lymphocytes."\n', encoding="utf-8")
    monkeypatch.setenv("MEDTOUR_CONTENT_DIR", str(content_copy))
    db = str(sqlite_db.path)
    assert main(["--db", db, "packet", leads[1], "--program", "til_therapy", "-o", str(tmp_path / "a.pdf")]) == 1
    err = capsys.readouterr().err
    assert "program 'til_therapy' has no offer from a partner hospital in the catalogue" in err
    assert err.count("\n") == 1 and not (tmp_path / "a.pdf").exists()
    assert main(["--db", db, "packet", leads[1], "--offer", "eastbank_mcl_trial", "-o", str(tmp_path / "b.pdf")]) == 0
    assert "car_t_lymphoma, eastbank_mcl_trial" in capsys.readouterr().out


def test_a_quote_in_a_currency_without_a_rate_is_refused_before_any_file(sqlite_db, leads, tmp_path, clock):
    from app.packets.lead_packets import PacketError
    from db.case_models import Quote

    lead_id = get_lead(sqlite_db, leads[1]).id
    with sqlite_db.write() as session:
        session.add(Quote(lead_id=lead_id, hospital_key="shanghai_eastbank", offer_key=None, currency="BOB",
                          created_at=clock(), chosen_at=clock(), items=[{"item": "manufacturing", "amount": "1"}]))
    with pytest.raises(PacketError, match=r"rates\.toml has no rate for BOB .*; the offer's prices cannot be converted"):
        write_for_lead(sqlite_db, leads[1], tmp_path / "x.pdf", clock=clock)
    assert not (tmp_path / "x.pdf").exists()
