"""Consent per purpose (health data, sharing, marketing): when, how and the text version recorded;
withdrawing stops what depended on it and is on the timeline; on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.case_records import attach_file
from app.domain.consent import needs_consent_warning
from app.domain.consent_purposes import (
    consent_text,
    give_consent,
    list_purpose_consents,
    withdraw_purpose_consent,
)
from app.domain.errors import ValidationError
from app.domain.leads import get_lead
from app.domain.sharing_consent import list_consents, record_consent
from app.packets.review_bundle import write_review_bundle
from app.safety.erasure import erase_person
from db.case_models import PurposeConsent
from db.models import Interaction
from tests.domain.case_review_data import HOSPITAL, make_case


def _events(db, lead_id) -> list[tuple[str, str]]:
    with db.read() as s:
        return [(i.details["event"], i.notes) for i in s.scalars(select(Interaction).where(
            Interaction.lead_id == lead_id, Interaction.kind == "case").order_by(Interaction.id))]


def test_every_purpose_has_a_versioned_text_in_the_four_languages():
    for purpose in ("health_data", "sharing", "marketing"):
        text = consent_text(purpose)
        assert text.version and text.label
        assert set(text.texts) >= {"en", "ru", "ar", "zh"} and all(len(t) > 20 for t in text.texts.values())
        assert text.text("ar-SA") == text.texts["ar"] and text.text(None) == text.texts["en"]
    with pytest.raises(ValidationError, match="not a consent purpose"):
        consent_text("telepathy")


def test_a_consent_records_when_how_and_the_text_version_and_is_on_the_timeline(db, clock):
    case = make_case(db, clock_now=clock())
    given = give_consent(db, case.reference, "marketing", method="ticked box on the web form", clock=clock)
    assert (given.purpose, given.method, given.text_version, given.given_at, given.valid) == (
        "marketing", "ticked box on the web form", consent_text("marketing").version, clock(), True)
    older = give_consent(db, case.reference, "health_data", method="signed form", text_version="2025-03-b", clock=clock)
    assert older.text_version == "2025-03-b"
    sharing = record_consent(db, case.reference, HOSPITAL, method="WhatsApp message", clock=clock)
    assert sharing.text_version == consent_text("sharing").version
    assert [c.purpose for c in list_purpose_consents(db, case.reference)] == ["health_data", "marketing"]
    events = _events(db, case.lead_id)
    assert [e for e, _ in events] == ["consent_given", "consent_given", "sharing_consent_given"]
    assert "marketing messages recorded (ticked box on the web form; text " in events[0][1]
    with pytest.raises(ValidationError, match="say how"):
        give_consent(db, case.reference, "marketing", method="  ", clock=clock)
    with pytest.raises(ValidationError, match="not a consent purpose"):
        give_consent(db, case.reference, "sharing", method="form", clock=clock)  # that one names a hospital


def test_withdrawing_health_data_consent_stops_attachments_and_bundles_until_given_again(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    # the consent ticked on the lead (before this table) can be withdrawn too
    withdrawn = withdraw_purpose_consent(db, case.reference, "health_data", clock=clock)
    assert [c.valid for c in withdrawn] == [False] and withdrawn[0].method == "web form"
    lead = get_lead(db, case.reference, with_history=False)
    assert lead.consent_health_data is False
    assert "no consent to store it" in needs_consent_warning(lead)  # the editor asks to remove the health data

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scan\n")
    with pytest.raises(ValidationError, match="withdrew the consent to store health data: cannot attach a medical file"):
        attach_file(db, case.reference, "pet_ct", scan, clock=clock)
    target = tmp_path / "bundle.zip"
    with pytest.raises(ValidationError, match="cannot make a review bundle"):
        write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock)
    assert not target.exists()
    assert _events(db, case.lead_id)[-1][0] == "consent_withdrawn"
    assert "no review bundle made" in _events(db, case.lead_id)[-1][1]
    with pytest.raises(ValidationError, match="no consent to storing health data in force"):
        withdraw_purpose_consent(db, case.reference, "health_data", clock=clock)

    clock.advance(hours=1)
    give_consent(db, case.reference, "health_data", method="recorded call", clock=clock)
    assert get_lead(db, case.reference, with_history=False).consent_health_data is True
    assert write_review_bundle(db, case.reference, HOSPITAL, target, clock=clock).path.exists()
    attach_file(db, case.reference, "pet_ct", scan, clock=clock)


def test_withdrawing_marketing_changes_nothing_else(db, clock, tmp_path):
    case = make_case(db, clock_now=clock())
    give_consent(db, case.reference, "marketing", method="web form", clock=clock)
    withdraw_purpose_consent(db, case.reference, "marketing", clock=clock)
    assert get_lead(db, case.reference, with_history=False).consent_health_data is True
    record_consent(db, case.reference, HOSPITAL, method="signed form", clock=clock)
    assert write_review_bundle(db, case.reference, HOSPITAL, tmp_path / "b.zip", clock=clock).path.exists()


def test_erasure_removes_the_consents(sqlite_db, clock):
    case = make_case(sqlite_db, clock_now=clock())
    give_consent(sqlite_db, case.reference, "marketing", method="web form", clock=clock)
    erase_person(sqlite_db, case.reference, clock=clock)
    with sqlite_db.read() as s:
        assert s.scalars(select(PurposeConsent).where(PurposeConsent.lead_id == case.lead_id)).all() == []


def test_the_command_line_gives_lists_and_withdraws_every_purpose(sqlite_db, clock, capsys):
    case = make_case(sqlite_db, clock_now=clock())
    db = str(sqlite_db.path)
    assert main(["--db", db, "consent", "give", case.reference, "--purpose", "marketing", "--method", "web form"]) == 0
    assert "consent recorded: marketing messages, web form, text " in capsys.readouterr().out
    assert main(["--db", db, "consent", "share", case.reference, "--hospital", HOSPITAL, "--method", "signed form",
                 "--text-version", "2026-11-z"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "consent", "list", case.reference, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["purpose"], c["text_version"], c["valid"]) for c in listed] == [
        ("sharing", "2026-11-z", True), ("marketing", consent_text("marketing").version, True)]
    assert listed[0]["hospital"] == HOSPITAL and listed[1]["hospital"] is None
    assert main(["--db", db, "consent", "withdraw", case.reference, "--purpose", "marketing"]) == 0
    assert "consent withdrawn: marketing messages" in capsys.readouterr().out
    assert main(["--db", db, "consent", "withdraw", case.reference]) == 1
    assert "--hospital H" in capsys.readouterr().err
    assert main(["--db", db, "consent", "withdraw", case.reference, "--hospital", HOSPITAL]) == 0
    assert "no bundle for it from now on" in capsys.readouterr().out
    assert [c.valid for c in list_consents(sqlite_db, case.reference)] == [False]
    assert main(["--db", db, "consent", "texts", "--purpose", "health_data", "--lang", "zh", "--json"]) == 0
    texts = json.loads(capsys.readouterr().out)
    assert texts[0]["purpose"] == "health_data" and "病历" in texts[0]["texts"]["zh"]
